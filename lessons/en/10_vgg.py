# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     notebook_metadata_filter: kernelspec,language_info,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   language_info:
#     codemirror_mode:
#       name: ipython
#       version: 3
#     file_extension: .py
#     mimetype: text/x-python
#     name: python
#     nbconvert_exporter: python
#     pygments_lexer: ipython3
#     version: 3.11.7
# ---

# %%
import cnnlab
lesson = cnnlab.start_lesson("10_vgg", lang="en")

# %% [markdown]
# # Lesson 10 · VGG
#
# AlexNet (lesson 09) mixed 11×11, 5×5 and 3×3 kernels, chosen layer by layer. Two years later
# Simonyan and Zisserman of Oxford's Visual Geometry Group asked a simpler question: what if
# every convolution is 3×3, and the network is just made **deeper**? Their networks, called VGG
# after the group, are built from one repeated block and reached 16–19 weight layers. This
# lesson builds them from blocks, shows why stacks of 3×3 kernels are a good trade, examines
# a common answer to "why 16?", finds where VGG-16's 138 million parameters live, and
# trains a scaled-down VGG.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import torch
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric
from cnnlab.models import alexnet, vgg16, vgg_small
from cnnlab.models.vgg import CONFIGS, make_layers
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · A network made of blocks
#
# A VGG **block** is a few 3×3 convolutions with padding 1, each followed by ReLU, then a 2×2
# max pool with stride 2. Padding 1 keeps the height and width of a 3×3 convolution (lesson 03);
# the pool halves them. So inside a block only the channels change, and between blocks the size
# halves. The paper's configurations are lists of output channels, with `"M"` for a pool:

# %%
for name in ("vgg11", "vgg16"):
    print(f"{name}: {CONFIGS[name]}")

# %% [markdown]
# `vgg11` is the paper's configuration **A** (8 convolutions + 3 fully connected layers = 11
# weight layers) and `vgg16` configuration **D** (13 + 3 = 16). `make_layers` turns such a list
# into layers:

# %%
cnnlab.show_source(make_layers)

# %% [markdown]
# Here is VGG-16's first block, `vgg16().features[:5]`, drawn from the model: two convolutions
# with their ReLUs, then the pool. Each box shows its output as *channels@height×width*; only the
# pool changes the height and width.

# %%
cnnlab.draw_architecture(vgg16().features[:5], (3, 224, 224))
plt.show()

# %% [markdown]
# We will also want a single block as a function of its own:

# %%
def vgg_block(num_convs, c_in, c_out):
    """num_convs 3×3 convolutions (padding 1) with ReLU, then a 2×2 max pool: (c_in, H, W) → (c_out, H/2, W/2)."""
    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(c_in, c_out, kernel_size=3, padding=1), nn.ReLU()]
        c_in = c_out
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


block = vgg_block(2, 64, 128)
print(block)
print("(1, 64, 56, 56) →", tuple(block(torch.zeros(1, 64, 56, 56)).shape))

# %% [markdown]
# Splitting VGG-16's configuration at the pools gives its five blocks. With a 224×224 input the
# size goes 224 → 112 → 56 → 28 → 14 → 7 while the channels double up to 512:

# %%
def blocks_of(config):
    """Split a configuration at its pools: [[64, 64], [128, 128], ...]."""
    blocks, current = [], []
    for v in config:
        if v == "M":
            blocks.append(current)
            current = []
        else:
            current.append(v)
    return blocks


size = 224
for number, convs in enumerate(blocks_of(CONFIGS["vgg16"]), start=1):
    size //= 2
    print(f"block {number}: {len(convs)} conv(s) of 3×3 with {convs[0]} kernels → output {convs[-1]} × {size} × {size}")

# %% [markdown]
# It is often said that configuration D "is the most common" and that it "improved the kernel
# size to 3". The first half is right: VGG-16 is the VGG everyone uses. The second needs a
# correction: *all* of the paper's configurations A–E use 3×3 kernels (C adds a few 1×1 ones;
# the paper's Table 1); they differ in depth, not in kernel size.
#
# ### Exercise 1 · Parameters of a VGG block (3 points)
#
# Complete `vgg_block_params(num_convs, c_in, c_out)`: the number of learnable parameters of
# `vgg_block(num_convs, c_in, c_out)` (every convolution has a bias; ReLU and pooling have none).
# Careful: only the first convolution sees `c_in` channels.

# %% tags=["exercise:vgg_block_params"]
def vgg_block_params(num_convs, c_in, c_out):
    """Weights and biases of num_convs 3×3 convolutions c_in → c_out → … → c_out."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:vgg_block_params"]
_ = check_function("vgg_block_params", vgg_block_params, [
    ((1, 3, 64), 1792),
    ((2, 64, 128), 221440),
])

# %% [markdown]
# ## 2 · Why 3×3: the same field with fewer weights and more non-linearity
#
# Two stacked 3×3 convolutions see a 5×5 patch of their input, three see 7×7 (lesson 04). With
# $C$ channels in and out, a 3×3 layer has $9C^2$ weights, so two of them have $18C^2$ against
# $25C^2$ for one 5×5 layer, and three have $27C^2$ against $49C^2$ for one 7×7. Check it with
# real layers ($C = 64$, biases left out so that the weights are exactly multiples of $C^2$), the
# field from `cnnlab.receptive_field`:

# %%
C = 64


def conv_stack(n, k):
    """n convolutions k×k, C → C channels, 'same' padding, ReLU after each."""
    layers = []
    for _ in range(n):
        layers += [nn.Conv2d(C, C, kernel_size=k, padding=k // 2, bias=False), nn.ReLU()]
    return nn.Sequential(*layers)


print(f"{'design':14s} {'field':>5s} {'weights':>8s} {'÷ C²':>5s} {'ReLUs':>5s}")
for n, k in [(2, 3), (1, 5), (3, 3), (1, 7)]:
    stack = conv_stack(n, k)
    field = cnnlab.receptive_field(stack, (C, 32, 32)).final.r
    weights = sum(p.numel() for p in stack.parameters())
    print(f"{n} × {k}×{k}{'':7s} {field:5d} {weights:8,} {weights // C**2:5d} {n:5d}")

# %% [markdown]
# The same field for 72 % (5×5) and 55 % (7×7) of the weights — and, per output position, the
# same saving in multiply–accumulates. The paper (§2.3) gives two reasons to prefer the stack:
# **fewer parameters**, which it calls a kind of regularisation of the big kernel, and **more
# non-linearities** — three ReLUs instead of one make the function more expressive. The ratio
# grows with the field: $n$ stacked 3×3 layers cost $9n$ against $(2n+1)^2$ for one kernel of the
# same field:

# %%
for n in range(1, 6):
    print(f"field {2 * n + 1:2d}: {n} × 3×3 → {9 * n:3d} C²   one {2 * n + 1}×{2 * n + 1} → {(2 * n + 1) ** 2:3d} C²   ratio {9 * n / (2 * n + 1) ** 2:.2f}")

# %% tags=["exercise:why_3x3"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("why_3x3", key="0d3beed3d3f780474ff8c91d552a925c", multiple=True,
       options=["The same receptive field as one large kernel with fewer weights",
                "More ReLUs between input and output, so a more expressive function",
                "A larger receptive field than one 7×7 convolution",
                "Fewer layers, so the network is easier to train"],
       prompt="Why does VGG use three stacked 3×3 convolutions where one 7×7 convolution would see the same field? (Tick all that apply.)",
       hint="Compare the table above: field, weights, and number of ReLUs.",
       explanation="sealed:r9TmWC/OSpXDcxfjg7riVoBktg4zSrbMsGXbGNw0puqQcl7Y81nnK+acMvdc7bXNoNOL9Weyq4Ud7vJhtNMpp+Tx7KtjtkW6r2N9kG+ALWWb/A0hQVSrv0lOSYu5C87+s69AwU6nzPZp08HrftdkumWMsFWHJ6Q2XfGeU6EnHddwD+AffyWDJuyZ0AmYu8yunrC6fuiLK7IOcYYrWZr8ujiO1MXxWLT42zqGy4es8O32/X4O6ir31hD3ivaAnejU5gtnJDAXI2iiu3dHouNr++tRFfITz3F89o0z2j1NTfd4u2fQ")

# %% [markdown]
# ## 3 · "Why 16?" — what the paper actually found
#
# Why 16 layers? A common answer is that in experiments 16 layers did better than deeper
# networks. The paper does not quite say that; its Tables 2–4 answer the question. It trained
# configurations with 11, 13, 16 and 19 weight layers (A, B, D, E; C is a 16-layer variant with
# 1×1 convolutions). First their sizes: the convolutional part grows with depth, the fully
# connected part (which assumes a 7×7×512 input) is the same for all of them:

# %%
classifier_params = (7 * 7 * 512 + 1) * 4096 + (4096 + 1) * 4096 + (4096 + 1) * 1000
table_2_millions = {"vgg11": 133, "vgg13": 133, "vgg16": 138, "vgg19": 144}   # the paper's Table 2
letters = {"vgg11": "A", "vgg13": "B", "vgg16": "D", "vgg19": "E"}
for name, paper_millions in table_2_millions.items():
    config = CONFIGS[name]
    conv_params = sum(p.numel() for p in make_layers(config).parameters())
    weight_layers = sum(v != "M" for v in config) + 3
    total = conv_params + classifier_params
    print(f"{letters[name]} ({name}): {weight_layers} weight layers, convolutions {conv_params:>10,} + "
          f"classifier {classifier_params:,} = {total:>11,}  (paper: {scaled(paper_millions * 10**6)})")

# %% [markdown]
# Now their error rates on the ILSVRC-2012 validation set (top-5 error: the true class is not
# among the five highest scores), as the paper reports them:

# %%
top5_error = {   # Simonyan & Zisserman (2015): Table 3 (train and test at scale 256), Table 4 (multi-scale)
    "A (11 layers)": (10.4, None),
    "B (13 layers)": (9.9, None),
    "D (16 layers)": (8.8, 7.5),
    "E (19 layers)": (9.0, 7.5),
}
print(f"{'configuration':14s} {'Table 3':>8s} {'Table 4':>8s}")
for name, (single, multi) in top5_error.items():
    print(f"{name:14s} {single:7.1f}% {'–' if multi is None else f'{multi:.1f}%':>8s}")

# %%
(a, _), (b, _), d, e = top5_error.values()
print("top-5 error falls from A to B to D (Table 3):", a > b > d[0])
print("E minus D, Table 3 and Table 4, in points:", [round(y - x, 1) for x, y in zip(d, e)])
print("E within ±0.2 points of D in both tables:", all(abs(y - x) <= 0.2 + 1e-9 for x, y in zip(d, e)))
with torch.device("meta"):
    cost = {name: cnnlab.summary(make_layers(CONFIGS[name]), (3, 224, 224)).total_macs for name in ("vgg16", "vgg19")}
print(f"multiply-accumulates of the convolutions per 224×224 image: D {scaled(cost['vgg16'])}, "
      f"E {scaled(cost['vgg19'])} ({cost['vgg19'] / cost['vgg16'] - 1:.0%} more)")
print("D is cheaper than E:", cost["vgg16"] < cost["vgg19"])

# %% [markdown]
# The error falls from A to E as the network gets deeper, and at 19 layers it levels off: E is
# within ±0.2 points of D in both tables (printed above: slightly worse in one, equal in the best
# one). The paper's own words (§4.1): the error "saturates when the depth reaches 19 layers", and
# deeper models "might be beneficial for larger datasets". So the fair summary is: **19 layers
# bought no clear gain over 16, and D is cheaper, so D became the standard** — not that 16 beat
# everything deeper. (The authors' best result, after the competition, came from
# combining D and E.)
#
# Why did accuracy stop improving? Part of the answer is that deep *plain* stacks are hard to
# optimise. The authors could not train the deeper configurations well from a random start: they
# trained A first and initialised the first four convolutional and the last three fully connected
# layers of the deeper nets from it (§3.1; they later found that Glorot initialisation works
# without this). Even with good initialisation and batch normalization, plain networks much
# deeper than 20 layers train *worse* than shallower ones — the degradation problem that ResNet
# (lesson 12) solves.
#
# ## 4 · VGG-16 at full size: where the 138 million parameters live
#
# First a quick check, before the table below prints the answer.

# %% tags=["exercise:conv256_params"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("conv256_params", key="8a52c58e990c23f9a362b7885e3182a9", digits=0, unit="parameters",
        prompt="How many parameters (weights and biases) does one 3×3 convolution from 256 to 256 channels have, as in VGG-16's third block?",
        hint="Each of the 256 kernels is 3 × 3 × 256, plus one bias.",
        explanation="sealed:5p2u4ct6M7EWZYBr3tQQW8j51MYbo68L0zyejjPEtIc5rsUQiw5qA0SpUMriZKY3ojZStQ==")

# %% [markdown]
# Building VGG-16 on the CPU fills 138 million random numbers, which takes a while. For counting we
# need no numbers at all: on PyTorch's **meta** device tensors have a shape and a type but no
# data, and a forward pass only propagates shapes. (`torch.device("meta")` as a context makes
# every layer created inside it a meta layer.)

# %%
with torch.device("meta"):
    vgg = vgg16()
report = cnnlab.summary(vgg, (3, 224, 224))
print(report)

# %% [markdown]
# 138,357,544 parameters and 15.47 billion multiply–accumulates per 224×224 image. Compared with
# AlexNet (lesson 09), also counted on the meta device:

# %%
with torch.device("meta"):
    alex_report = cnnlab.summary(alexnet(), (3, 224, 224))
print(f"parameters: {report.total_params / alex_report.total_params:.1f} × AlexNet's   "
      f"MACs: {report.total_macs / alex_report.total_macs:.1f} × AlexNet's")

# %% [markdown]
# Over twice the parameters, over twenty times the arithmetic. Count the layers with weights: that
# is where the 16 comes from.

# %%
weight_rows = [row for row in report.rows if row.params > 0]
print("layers with weights:", len(weight_rows))
fc6 = weight_rows[13]
print(f"first FC layer ({fc6.name}): {fc6.params:,} parameters = {fc6.params / report.total_params:.1%} of the network")
conv_macs = sum(row.macs for row in weight_rows if row.type == "Conv2d")
print(f"convolutions: {conv_macs / report.total_macs:.1%} of the MACs")

# %% [markdown]
# The first fully connected layer, $25088 \times 4096 + 4096$ parameters (its input is the
# flattened 7×7×512 output of the last block), holds about three quarters of the network, while the
# convolutions do nearly all the arithmetic. A bar chart of the 16 weight layers makes the two
# profiles visible:

# %%
labels = [f"conv{i + 1}" for i in range(13)] + ["fc6", "fc7", "fc8"]
params_m = [row.params / 1e6 for row in weight_rows]
macs_g = [row.macs / 1e9 for row in weight_rows]
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True, constrained_layout=True)
axes[0].barh(labels, params_m, color="tab:blue")
axes[0].set_xlabel("parameters (millions)")
axes[0].set_title("parameters per layer")
axes[1].barh(labels, macs_g, color="tab:orange")
axes[1].set_xlabel("multiply–accumulates (billions, one 224×224 image)")
axes[1].set_title("MACs per layer")
axes[0].invert_yaxis()
for ax in axes:
    ax.grid(axis="x", alpha=0.3)
fig.suptitle("VGG-16: the weights are in the FC layers, the arithmetic in the convolutions", fontsize=12)
plt.show()

# %% [markdown]
# The whole of VGG-16 as a diagram, stage by stage: `collapse=True` frames a run of identical
# consecutive layers once and writes ×N beside it, and `fuse=True` draws each ReLU and dropout
# inside the box above it. Read it column by column and compare the parameters of the fully
# connected boxes at the end with those of the convolutions.

# %%
cnnlab.draw_architecture(vgg16(), (3, 224, 224), collapse=True, fuse=True)
plt.show()

# %% [markdown]
# Each convolution of the first blocks has few weights but runs at every position of a large
# map (224×224, 112×112 …); each fully connected weight is used once per image. The same split as
# in AlexNet, only more extreme. Lesson 11 removes the big FC layers altogether.
#
# ### VGG-16 with batch normalization
#
# `vgg16_bn` puts a `BatchNorm2d` after each of the 13 convolutions (lesson 07). Each BN layer
# learns a scale γ and a shift β per channel. Build the two convolutional parts and compare:

# %%
with torch.device("meta"):
    plain = make_layers(CONFIGS["vgg16"])
    with_bn = make_layers(CONFIGS["vgg16"], batch_norm=True)
extra = sum(p.numel() for p in with_bn.parameters()) - sum(p.numel() for p in plain.parameters())
channels = sum(v for v in CONFIGS["vgg16"] if v != "M")
print(f"extra parameters: {extra:,} = 2 × {channels:,} channels (γ and β)")
print(f"VGG-16-BN in total: {report.total_params + extra:,}")
print(f"extra buffers (running mean and variance, batch counters), not trained: "
      f"{sum(b.numel() for b in with_bn.buffers()):,}")

# %% [markdown]
# ### Predict, then reveal · one VGG block (2 points)
#
# VGG-16's second block as it meets a 56×56 feature map with 64 channels: two 3×3 convolutions
# with 128 kernels and padding 1, each followed by ReLU, then 2×2 max pooling with stride 2.
# Predict each layer's output shape and parameter count (biases included) before you look, then
# press Check on that row. Your first prediction of each box is the one that is graded.

# %% tags=["exercise:vgg_block_layers"]
from cnnlab.exercises import predict_layers

block2 = nn.Sequential(nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
                       nn.MaxPool2d(2, 2))
predict_layers(block2, (64, 56, 56), ask=("shape", "params"), exercise="vgg_block_layers")

# %% [markdown]
# ## 5 · A scaled-down VGG on Fashion-MNIST
#
# `vgg_small` keeps the recipe — only 3×3 convolutions with padding 1, blocks ending in a 2×2
# pool, channels doubling, a three-layer classifier with dropout — with three blocks for 28×28
# images (28 → 14 → 7 → 3):

# %%
print(cnnlab.summary(vgg_small(), (1, 28, 28)))

# %% [markdown]
# It trains with the settings lesson 09 used for AlexNet: AdamW with a one-cycle schedule, batches
# of 128, label smoothing and the channels-last layout, for 4 epochs (quick mode: 2,000 images,
# 2 epochs); the `History` line ends with the seconds the run took on this machine:

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_iter, test_iter = cnnlab.loaders("fashion-mnist", batch_size=128)
small = vgg_small()
history = cnnlab.fit(small, train_iter, test_iter, epochs=4, lr=0.003, optimizer="adamw", weight_decay=0.01,
                     schedule="onecycle", loss_fn=nn.CrossEntropyLoss(label_smoothing=0.1), channels_last=True)
history

# %%
print("test accuracy above 0.3 (chance 0.1):", history.test_acc[-1] > 0.3)

# %% [markdown]
# This plain VGG has no batch normalization; with it, training gets going faster (try
# `vgg_small(batch_norm=True)` to see the difference lesson 07 explains).
#
# The full-mode recipe in the library — tuned to reach the goal it prints, next to d2l's
# figure — takes that advice and uses the batch-normalized VGG:

# %%
print(cnnlab.recipe("vgg"))

# %% [markdown]
# ### What the layers see
#
# Run one test image through the trained network and stop after the first convolution of block 1,
# the convolution of block 2 and the last convolution of block 3 (each after its ReLU):

# %%
small.eval()
image, label = test_iter.dataset[0]
depths = {"block 1, conv 1": 2, "block 2, conv 1": 5, "block 3, conv 2": 10}
with torch.no_grad():
    maps = {name: small.features[:end](image[None])[0] for name, end in depths.items()}
for name, fmap in maps.items():
    print(f"{name}: {tuple(fmap.shape)}")

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(3, 7, figsize=(11, 5.2), constrained_layout=True)
for row, (name, fmap) in enumerate(maps.items()):
    axes[row, 0].imshow(image[0], cmap="gray_r")
    axes[row, 0].set_title(test_iter.dataset.classes[label] if row == 0 else "", fontsize=10)
    axes[row, 0].set_ylabel(f"{name}\n{fmap.shape[1]}×{fmap.shape[2]}", fontsize=10)
    strongest = fmap.sum(dim=(1, 2)).argsort(descending=True)[:6]     # the 6 most active channels
    for col, channel in enumerate(strongest.tolist(), start=1):
        axes[row, col].imshow(fmap[channel], cmap="magma")
        axes[row, col].set_title(f"channel {channel}", fontsize=9)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("vgg_small: the six most active feature maps at three depths", fontsize=12)
plt.show()

# %% [markdown]
# The test image is an ankle boot. The first maps still look like it, each lighting up a
# different part — the background around the boot, its upper outline, its sole — the same
# contrast detectors as in AlexNet's first layer. In block 2 (14×14) the maps are coarser: some
# respond to the background above the boot, others to the sole and the lower edge, a few to
# the top of the shaft. In block 3 (7×7) a unit sees 26×26 input pixels (the `RF r` column of
# the summary), almost the whole image, and the maps no longer resemble the boot: a few
# scattered units fire, many of them along the sole; they say *whether* and roughly *where* a learned pattern occurs. That is the
# feature hierarchy often described for CNNs (Zeiler & Fergus 2014), made visible.
#
# ## Common mistakes
#
# - **Counting every layer.** "16" counts the layers with weights (13 convolutions + 3 fully
#   connected); ReLU and pooling layers are not counted.
# - **Forgetting that only the first convolution of a block sees `c_in`.** The others map
#   `c_out → c_out`.
# - **Expecting a 3×3 stack to see *more* than a big kernel.** Two 3×3 see exactly 5×5, three see
#   7×7; the gain is in weights and non-linearity.
# - **Reading "deeper was worse" into the paper.** 19 layers were about as good as 16, not worse; the
#   trouble with much deeper plain networks is optimisation (lesson 12).
# - **Building big models to count them.** Use the meta device, or count from the configuration.
#
# ## Sources
#
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image
#   Recognition*, ICLR 2015 (arXiv:1409.1556): Table 1 (configurations A–E), Table 2 (parameters
#   in millions), §2.3 (why stacks of 3×3), §3.1 (initialisation from net A; Glorot
#   initialisation), Table 3 (single-scale top-5 errors, training and test scale 256), Table 4
#   (multi-scale evaluation), §4.1 (error falls from A to E; "saturates when the depth reaches
#   19 layers").
# - K. He, X. Zhang, S. Ren, J. Sun, *Deep Residual Learning for Image Recognition*, CVPR 2016
#   (the degradation of deep plain networks).
# - S. Ioffe, C. Szegedy, *Batch Normalization*, ICML 2015.
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014 (the
#   feature hierarchy).
# - A. Zhang, Z. C. Lipton, M. Li, A. J. Smola, *Dive into Deep Learning*, §8.2 "Networks Using <!-- parity-ignore: 8.2 -->
#   Blocks (VGG)".
# - torchvision's `models/vgg.py` (configurations, `make_layers`, VGG-16-BN).

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `10_vgg.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("10_vgg")
