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
lesson = cnnlab.start_lesson("09_alexnet", lang="en")

# %% [markdown]
# # Lesson 09 · AlexNet
#
# In 2012 a convolutional network by Krizhevsky, Sutskever and Hinton won the ImageNet
# challenge (1,000 classes, 1.2 million training images) by a wide margin. In outline it is a
# bigger LeNet (lesson 08): convolutions and pooling, then fully connected layers. What was new
# were the parts that made a network of this size trainable on two GPUs: **ReLU** activations,
# **dropout**, overlapping max pooling, data augmentation, and a normalisation layer (**LRN**)
# that later fell out of use. This lesson recomputes the first layer, meets each new part in
# code, counts where the 61.1 million parameters live, and trains a scaled-down AlexNet.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import alexnet, alexnet_small
from cnnlab.models.alexnet import alexnet_2012

# %% [markdown]
# ## 1 · Two AlexNets: the 2012 paper and torchvision's
#
# The paper's network was split over two GPUs of 3 GB each: every layer's kernels were divided
# into two halves, and the second, fourth and fifth convolutions only read the feature maps on
# their own GPU. On a single device that is a **grouped convolution** (`groups=2`): each half of
# the kernels sees half of the input channels. The paper also put LRN after the first two
# convolutions. The course library builds this network as `alexnet_2012`; here is its source,
# so that we can count it (LRN is explained in section 5, dropout in section 4):

# %%
cnnlab.show_source(alexnet_2012)

# %%
paper_net = alexnet_2012()
net = alexnet()          # torchvision's version, from cnnlab.models


def conv_widths(model):
    """Output channels of every convolution, in order."""
    return [m.out_channels for m in model.modules() if isinstance(m, nn.Conv2d)]


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


print("paper (2012):      kernels", conv_widths(paper_net), f" {parameter_count(paper_net):,} parameters")
print("torchvision:       kernels", conv_widths(net), f" {parameter_count(net):,} parameters")

# %% [markdown]
# The paper says "60 million parameters"; its own architecture, counted exactly, has about
# 61.0 million, so the round number is just rounded. torchvision's `alexnet` (which
# `cnnlab.models.alexnet` copies layer for layer) is a later single-GPU variant: 64-192-384-256-256
# kernels, no groups, no LRN. It is usually credited to Krizhevsky's "One weird trick" report
# (2014), but the report lists 64-192-384-384-256; the 256 kernels of torchvision's fourth
# convolution follow the 1-GPU ImageNet configuration of Krizhevsky's own cuda-convnet2 code.
# Its convolutions hold a few more weights, hence 61.1 million. The fully connected layers,
# which hold almost all the parameters (section 7), have the same sizes in both; they differ only
# in where dropout acts (section 4).
#
# ## 2 · The first layer: 227, not 224
#
# Lesson 02 already worked out the paper's first layer: 96 kernels of
# 11×11×3 with stride 4 on a 227×227 image give 55×55×96 = 290,400 neurons and 34,944
# parameters. Recomputed briefly:

# %%
print(cnnlab.conv_output_size(227, 11, s=4, explain=True))
print("neurons:", f"{cnnlab.neuron_count(96, 55):,}", "  parameters:", f"{cnnlab.conv_params(3, 96, 11):,}")

# %% [markdown]
# The paper's text and its famous figure say the input is **224**×224. With no padding that
# cannot give 55:

# %%
print("(224 − 11) / 4 + 1 =", (224 - 11) / 4 + 1)
print(cnnlab.conv_output_size(224, 11, s=4, explain=True))

# %% [markdown]
# 54.25 is not a size: PyTorch would round down to 54 and silently skip the last pixel
# columns. So the "224×224" of the paper is inconsistent with its own 55×55 maps; 227 is a size
# for which the 11×11 window, moved in steps of 4, ends exactly at the border. The sizes near 224
# that work without padding are those with $n - 11$ divisible by 4:

# %%
print([n for n in range(215, 236) if (n - 11) % 4 == 0])

# %% [markdown]
# torchvision keeps 224 and pads instead: 2 pixels on each side. Then the division is again not
# exact, but the floor lands on 54 and the output is 55×55 anyway:

# %%
print(cnnlab.conv_output_size(224, 11, p=2, s=4, explain=True))
with torch.no_grad():
    first = net.features[0](torch.zeros(1, 3, 224, 224))
print("torchvision conv1 on 224×224:", tuple(first.shape))

# %% [markdown]
# ## 3 · ReLU instead of tanh
#
# LeNet squashed every activation with a scaled tanh. AlexNet uses the **rectified linear unit**
# $\mathrm{ReLU}(a) = \max(0, a)$. The difference is in the gradients: tanh *saturates* — for
# large $|a|$ its slope $1 - \tanh^2 a$ is nearly zero, so a unit that is strongly on or off
# barely learns — while ReLU has slope exactly 1 for every positive input. The derivatives below
# come from autograd:

# %%
a = torch.linspace(-5, 5, 401, requires_grad=True)
tanh_slope = torch.autograd.grad(torch.tanh(a).sum(), a)[0]
relu_slope = torch.autograd.grad(torch.relu(a).sum(), a)[0]
for value in (0.5, 2.0, 4.0):
    i = int(torch.argmin((a - value).abs()))
    print(f"a = {value}:  tanh'(a) = {tanh_slope[i]:.4f}   relu'(a) = {relu_slope[i]:.0f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), constrained_layout=True)
axes[0].plot(a.detach(), torch.tanh(a).detach(), label="tanh(a)")
axes[0].plot(a.detach(), torch.relu(a).detach(), label="ReLU(a)")
axes[0].set_title("activation")
axes[1].plot(a.detach(), tanh_slope, label="tanh'(a)")
axes[1].plot(a.detach(), relu_slope, label="ReLU'(a)")
axes[1].set_title("slope (from autograd)")
for ax in axes:
    ax.set_xlabel("a")
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()

# %% [markdown]
# Krizhevsky et al. measured the effect (their Figure 1): a four-layer convolutional network
# with ReLUs reached 25 % **training** error on CIFAR-10 six times faster than the same network
# with tanh units. Faster training is what let them train a network this large in about a week.
# (ReLU's slope at exactly 0 is taken as 0; it never matters in practice.)
#
# ## 4 · Dropout: off at test time, rescaled while training
#
# AlexNet's fully connected layers have tens of millions of weights and overfit easily. **Dropout**
# (Hinton et al., 2012; Srivastava et al., 2014) sets each hidden unit's output to zero with
# probability $p$ during training, a different random set for every example, so no unit can rely
# on particular others (in PyTorch, an `nn.Dropout` layer placed after a layer zeroes that
# layer's outputs). At test time nothing is dropped. To keep the expected input of the next
# layer the same in both modes, PyTorch multiplies the *kept* values by $1/(1-p)$ while training
# ("inverted dropout"); the paper instead multiplied the outputs by $1 - p = 0.5$ at test time —
# the same in expectation.

# %%
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
x = torch.ones(10)
drop.train()
print("train mode:", drop(x).tolist())
drop.eval()
print("eval mode: ", drop(x).tolist())

# %%
drop.train()
many = drop(torch.ones(100_000))
print(f"kept: {(many != 0).float().mean():.4f}   kept values are 1/(1 − p) = {many.max():g}   mean: {many.mean():.4f}")

# %% [markdown]
# About half the values survive, each doubled, so the mean stays near 1.
#
# **Where dropout acts.** The paper sets "the output of each hidden neuron" to zero with
# probability 0.5 and uses dropout "in the first two fully-connected layers" (§4.2): it drops the
# *outputs* of FC6 and FC7, after their ReLU, as in the Caffe reference model
# (fc6 → relu6 → drop6 → fc7 → relu7 → drop7 → fc8). `alexnet_2012` does the same. torchvision's
# AlexNet puts its two `nn.Dropout` layers *in front of* FC6 and FC7 instead: it drops the
# flattened convolutional features and FC6's output, and never FC7's output. Both classifiers,
# layer by layer:

# %%
print("paper (2012):", " → ".join(type(m).__name__ for m in paper_net.classifier))
print("torchvision: ", " → ".join(type(m).__name__ for m in net.classifier))

# %% [markdown]
# Dropout has no parameters, so the counts of section 1 do not change; what changes is which
# values are dropped while training. The paper also notes that dropout roughly doubles the number
# of iterations needed to converge. Forgetting `model.eval()` before testing is a classic bug:
# predictions become random and worse.

# %% tags=["exercise:dropout_eval"]
choice("dropout_eval", answer=1,
       options=["Each value is zeroed with probability 0.5 and the rest are multiplied by 2",
                "Nothing changes: the layer passes its input through unchanged",
                "Every value is multiplied by 0.5",
                "Every value is multiplied by 2"],
       prompt="A PyTorch nn.Dropout(p=0.5) layer is in eval mode (after model.eval()). What does it do to its input?",
       hint="PyTorch already rescaled the kept values while training. What is left to do at test time?",
       explanation="In eval mode nn.Dropout is the identity. The scaling by 1/(1 − p) happens only "
                   "while training, so the expected value is the same in both modes; the 2012 paper "
                   "did it the other way round, multiplying by 0.5 at test time.")

# %% [markdown]
# ## 5 · Local response normalisation (LRN)
#
# The paper notes that ReLUs, unlike saturating units, need no normalisation of their inputs to
# keep them from saturating; it added a normalisation across channels anyway because it "aids
# generalization" (§3.3), a form of the "lateral inhibition" found in real neurons: at each position $(x, y)$, the activity $a^i$ of channel
# $i$ is divided by a term that grows with the activity of the $n$ neighbouring channels:
#
# $$b^i_{x,y} = a^i_{x,y} \Big/ \Big(k + \alpha \sum_{j=\max(0,\, i-n/2)}^{\min(N-1,\, i+n/2)} \big(a^j_{x,y}\big)^2\Big)^{\beta},$$
#
# with $N$ channels, $n/2$ rounded down, and the paper's constants $k = 2$, $n = 5$,
# $\alpha = 10^{-4}$, $\beta = 0.75$. A channel surrounded by strongly active channels is damped.
#
# PyTorch has it as `nn.LocalResponseNorm(size, alpha, beta, k)`, with one trap: PyTorch
# multiplies $\alpha$ by the **mean** of the squares over the window, not by their sum — it
# computes $k + \frac{\alpha}{n}\sum_j (a^j)^2$. `nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75,
# k=2)` is therefore *not* the paper's layer; the paper's is `alpha=5e-4`. Check it on one
# position with seven channels, working out the middle channel (index 3, window channels 1…5)
# by hand:

# %%
acts = torch.tensor([10.0, 20, 30, 40, 50, 60, 70]).reshape(1, 7, 1, 1)     # (N, C, H, W)
by_hand = acts[0, 3] / (2 + 1e-4 * (acts[0, 1:6] ** 2).sum()) ** 0.75      # the paper's formula
pytorch_same_alpha = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)(acts)[0, 3]
pytorch_alpha_times_n = nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=2.0)(acts)[0, 3]
print(f"paper's formula, by hand:      {by_hand.item():.4f}")
print(f"LocalResponseNorm(alpha=1e-4): {pytorch_same_alpha.item():.4f}")
print(f"LocalResponseNorm(alpha=5e-4): {pytorch_alpha_times_n.item():.4f}")

# %% [markdown]
# ### Exercise 1 · LRN as in the paper (3 points)
#
# Complete `lrn(a, n, alpha, beta, k)` for a tensor `a` of shape (N, C, H, W): the paper's
# formula above, summing over the channels $\max(0, i - n/2) … \min(C-1, i + n/2)$ ($n$ odd).
# A loop over the channels is fine. Do not call `nn.LocalResponseNorm`.

# %% tags=["exercise:lrn"]
def lrn(a, n=5, alpha=1e-4, beta=0.75, k=2.0):
    """Local response normalisation across channels, Krizhevsky et al. (2012), eq. in §3.3."""
    ### BEGIN SOLUTION
    squares = a ** 2
    channels = a.shape[1]
    out = torch.empty_like(a)
    for i in range(channels):
        lo, hi = max(0, i - n // 2), min(channels - 1, i + n // 2)
        window = squares[:, lo:hi + 1].sum(dim=1)                 # (N, H, W)
        out[:, i] = a[:, i] / (k + alpha * window) ** beta
    return out
    ### END SOLUTION


# %% tags=["exercise:lrn"]
_ = check_function("lrn", lrn, [
    ((acts,), nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=2.0)(acts)),
    ((torch.ones(1, 3, 2, 2), 3, 1.0, 1.0, 1.0), torch.ones(1, 3, 2, 2) / torch.tensor([3.0, 4, 3]).reshape(1, 3, 1, 1)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_gen = torch.Generator().manual_seed(9)
for _shape, _n, _alpha, _beta, _k in [((2, 8, 3, 4), 5, 1e-4, 0.75, 2.0), ((1, 3, 5, 5), 7, 0.1, 0.5, 1.0),
                                      ((3, 6, 2, 2), 1, 1e-2, 1.0, 0.5), ((1, 10, 4, 4), 3, 2e-3, 0.75, 2.0)]:
    _a = torch.randn(_shape, generator=_gen) * 20
    _want = nn.LocalResponseNorm(_n, alpha=_n * _alpha, beta=_beta, k=_k)(_a)
    expect_value(lrn(_a, _n, _alpha, _beta, _k), _want, case=(_shape, _n), rtol=1e-5, atol=1e-5)
### END HIDDEN TESTS

# %% [markdown]
# ### Did LRN help?
#
# In the paper, yes: LRN lowered AlexNet's top-1 and top-5 error on ImageNet by 1.4 and 1.2
# percentage points (§3.3). Two years later the VGG paper (Simonyan & Zisserman, 2015, Table 3)
# trained its 11-layer network A with and without LRN and found no gain on ILSVRC-2012:

# %%
vgg_table_3 = {"A (no LRN)": (29.6, 10.4), "A-LRN": (29.7, 10.5)}   # top-1 / top-5 val. error, %
for name, (top1, top5) in vgg_table_3.items():
    print(f"{name:11s} top-1 error {top1} %   top-5 error {top5} %")

# %% [markdown]
# It is often said that LRN "was shown to be useless". That is too strong: it did help AlexNet
# as trained in 2012. What is true is that VGG found no gain from it in its network A,
# that it costs memory and time, and that batch normalization (2015, lesson 07) replaced it.
# torchvision's AlexNet has no LRN at all.
#
# ### Overlapping pooling and data augmentation
#
# Two more ingredients from the list in the introduction, each with the paper's own measurement.
# Both pooling windows below turn conv1's 55×55 maps into 27×27, and the crops count the
# training images each photo yields:

# %%
print("3×3 windows, stride 2 (overlapping): 55 →", cnnlab.pool_output_size(55, 3, s=2),
      "   2×2 windows, stride 2 (not overlapping): 55 →", cnnlab.pool_output_size(55, 2, s=2))
print("crop positions × horizontal flip: (256 − 224)² · 2 =", (256 - 224) ** 2 * 2)

# %% [markdown]
# - **Overlapping pooling** (§3.4): 3×3 windows with stride 2 overlap by one row and column. Against
#   2×2 windows with stride 2, which give maps of the same size, they lowered the top-1 and top-5
#   error by 0.4 and 0.3 points, and the authors saw the network overfit slightly less.
# - **Data augmentation** (§4.1): training on random 224×224 crops of the 256×256 images and on
#   their mirror images makes the training set 2048 times larger (printed above), and at test time
#   the network averages ten crops; without it the network overfit substantially. Randomly
#   shifting the colours along the principal components of the RGB values lowered the top-1 error
#   by over 1 point more.
#
# ## 6 · A common critique: "conv1 too big, stride too big, no padding"
#
# AlexNet's first layer is often summed up as "the kernel is too large, the stride too large,
# and there is no padding". Zeiler & Fergus (2014) made the
# first two points precise by visualising a trained AlexNet: the first-layer kernels were a mix
# of very high and very low frequencies with little in between, and the second layer showed
# aliasing artefacts from the stride of 4. Their network (ZFNet) used **7×7 kernels with stride
# 2** instead; their Figure 3 lists 110×110 first-layer maps, which padding 1 reproduces:

# %%
print(cnnlab.conv_output_size(224, 7, p=1, s=2, explain=True))
print("positions per feature map: ZFNet", 110 * 110, "  AlexNet", 55 * 55)

# %% [markdown]
# The stride determines how finely the image is sampled: ZFNet's first layer has four times as
# many positions per map as AlexNet's (printed above). And "no padding" means that the pixels at the border are
# covered by fewer windows than those in the middle. Count, for the 227×227 input, how many of
# the 55 window positions cover each pixel column:

# %%
coverage = torch.zeros(227, dtype=torch.int64)
for j in range(55):
    coverage[4 * j: 4 * j + 11] += 1            # window j covers columns 4j … 4j+10
print("columns 0–11:   ", coverage[:12].tolist())
print("columns 108–119:", coverage[108:120].tolist())
print("columns 215–226:", coverage[215:].tolist())

# %% [markdown]
# The outermost four columns on each side are seen by one window only; the middle ones by two or
# three. The effect is real but small (the border of a photo rarely matters much); VGG and later
# networks pad every convolution so that the border is treated like the rest.
#
# ## 7 · The full-size network: parameters, MACs, receptive field
#
# Quick checks first, before the summary gives them away. torchvision's second convolution has
# 192 kernels of size 5×5 over the 64 feature maps of the first layer, padding 2.

# %% tags=["exercise:conv2_params"]
numeric("conv2_params", answer=307392, digits=0, unit="parameters",
        prompt="How many learnable parameters (weights and biases) does torchvision's second convolution have?",
        hint="Each of the 192 kernels spans all 64 input channels: 5 · 5 · 64 weights, plus one bias.",
        explanation="(5 · 5 · 64 + 1) · 192 = 1,601 · 192 = 307,392.")

# %% tags=["exercise:features_shape"]
shape("features_shape", answer=(256, 6, 6),
      prompt="What is the shape (C, H, W) of net.features(x) for one 3×224×224 image?",
      hint="conv1 gives 55×55. Each 3×3 max pool with stride 2 maps n to (n − 3) // 2 + 1; the 5×5 and "
           "3×3 convolutions keep the size. The last convolution has 256 kernels.",
      explanation="55 → pool → 27 → conv → 27 → pool → 13 → three convs → 13 → pool → 6. "
                  "With 256 kernels in conv5: (256, 6, 6), which flattens to 9,216 inputs of the first "
                  "fully connected layer.")

# %% [markdown]
# Now the whole table, for one 224×224 image (`cnnlab.summary` runs one forward pass with hooks):

# %%
report = cnnlab.summary(net, (3, 224, 224))
print(report)

# %% [markdown]
# 61,100,840 parameters and about 0.71 billion multiply–accumulates per image. The parameters
# and the multiply–accumulates are spread over the layers very differently. Sum both by kind of
# layer:

# %%
conv_rows = [row for row in report.rows if row.type == "Conv2d"]
linear_rows = [row for row in report.rows if row.type == "Linear"]
for kind, rows in [("convolutions", conv_rows), ("fully connected", linear_rows)]:
    params, macs = sum(r.params for r in rows), sum(r.macs for r in rows)
    print(f"{kind:16s} {params:>11,} parameters ({params / report.total_params:5.1%})   "
          f"{macs:>12,} MACs ({macs / report.total_macs:5.1%})")

# %% [markdown]
# The same split, drawn from the module and read column by column: first `features`
# (convolutions and max pools), then `classifier` (fully connected layers). `fuse=True` draws each ReLU and dropout inside the
# box above it; every box shows its output and its trainable parameters, so the few large boxes
# of the classifier stand out.

# %%
cnnlab.draw_architecture(net, (3, 224, 224), fuse=True)
plt.show()

# %% [markdown]
# The convolutions do most of the arithmetic with few weights (each kernel is reused at every
# position); the fully connected layers hold most of the weights and do little arithmetic (each
# weight is used once per image). The single largest layer is the first fully connected one:

# %%
fc6 = net.classifier[1]
fc6_params = fc6.in_features * fc6.out_features + fc6.out_features
print(f"first FC layer: {fc6.in_features} × {fc6.out_features} + {fc6.out_features} = {fc6_params:,} parameters "
      f"= {fc6_params / report.total_params:.1%} of the network")

# %% [markdown]
# Its 9,216 inputs are the flattened output of `features`. This is the layer NiN and GoogLeNet
# (lesson 11) remove with global average pooling.
#
# The `RF r` column is the receptive field (lesson 04): a unit of conv5 sees 163×163 input pixels,
# one of the last pooling layer 195×195 — most of the image:

# %%
fields = cnnlab.receptive_field(net, (3, 224, 224))
for name in ("features.0", "features.10", "features.12"):
    row = fields[name]
    print(f"{name:12s} {row.type:10s} output {row.output_size}×{row.output_size}   receptive field {row.r}×{row.r}   jump {row.jump}")

# %% [markdown]
# ## 8 · A scaled-down AlexNet on Fashion-MNIST
#
# An ImageNet-size AlexNet is far too large to train on a laptop CPU. `alexnet_small` keeps the
# ideas at 28×28: a large strided first kernel (5×5, stride 2), ReLU, overlapping 3×3 max pooling
# with stride 2, five convolutions, and three fully connected layers with dropout. What was
# kept and what was scaled (the library's docstring, `alexnet_small?`, says the same in English):
#
# - **Kept:** a large strided first kernel (5×5 with stride 2 on 28×28 plays the part of 11×11
#   with stride 4 on 224×224), ReLU everywhere, overlapping 3×3 max pooling with stride 2, five
#   convolutions (3×3 from the third on, the middle ones widest), and a three-layer classifier
#   with dropout 0.5.
# - **Scaled:** the kernel counts 64-192-384-256-256 become 2w-3w-4w-4w-3w with `width` w = 16
#   (printed below); after the three pools the maps are 14 → 6 → 2 instead of 55 → 13 → 6; the
#   hidden layers have 256 units instead of 4096; the adaptive 6×6 pool is gone.

# %%
print("kernels per convolution:", conv_widths(alexnet_small()))
print(cnnlab.summary(alexnet_small(), (1, 28, 28)))

# %% [markdown]
# We train it on Fashion-MNIST with the library's tuned recipe for this network — settings that
# reached the goal the recipe prints, next to d2l's figure, on a 2-core CPU when the course was
# built: AdamW, a one-cycle learning-rate schedule, batches of 128 and the
# channels-last memory layout, which makes convolutions and pooling faster on a CPU. Label
# smoothing, the one new ingredient, spreads a share ε of the target over all ten classes, so
# the network is asked for 1 − ε + ε/10 on the right class instead of 1 (printed below); that
# keeps the deep classifier from growing overconfident:

# %%
alexnet_recipe = cnnlab.recipe("alexnet")
print(alexnet_recipe)
eps = alexnet_recipe.smoothing
print(f"label smoothing ε = {eps}: target {1 - eps + eps / 10:.2f} on the right class, {eps / 10:.2f} on each other")

# %% [markdown]
# The recipe's full number of epochs is what the benchmark runs; the lesson trains for 4 of them
# (quick mode: 2,000 images, 2 epochs); the last item of the `History` line is how many seconds
# the run took on this machine. It shows the training loss and the training and test accuracy
# after the last epoch, and the live plot shows every epoch:

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_iter, test_iter = cnnlab.loaders("fashion-mnist", batch_size=alexnet_recipe.batch_size)
small = alexnet_small()
history = cnnlab.fit(small, train_iter, test_iter, epochs=4, **alexnet_recipe.fit_options())
history

# %%
print("test accuracy above 0.2 (chance 0.1):", history.test_acc[-1] > 0.2)

# %% [markdown]
# The confusion matrix shows which classes it mixes up (rows: true class, columns: prediction;
# each row sums to 1):

# %% tags=["nbval-ignore-output"]
cm = cnnlab.confusion_matrix(small, test_iter, num_classes=10)
fig, ax = plt.subplots(figsize=(6, 5.5), constrained_layout=True)
cnnlab.plot_confusion_matrix(cm, test_iter.dataset.classes, ax=ax)
ax.set_title("alexnet_small on Fashion-MNIST (test set)")
plt.show()

# %% [markdown]
# Shirts, pullovers, coats and T-shirts are the usual confusions: at 28×28 in grey they differ in
# details such as collars and sleeves. Trousers, bags and sneakers are easy.
#
# ### What the first layer sees
#
# Each of the 32 first-layer kernels is a 5×5 grid of weights over the grey image. Drawn as
# images (red positive, blue negative), they show what pattern each one responds to:

# %%
kernels = small.features[0].weight.detach().cpu()[:, 0]          # (32, 5, 5)
print("first-layer kernels:", tuple(kernels.shape))

# %% tags=["nbval-ignore-output"]
limit = kernels.abs().max()
fig, axes = plt.subplots(4, 8, figsize=(8, 4.4), constrained_layout=True)
for index, ax in enumerate(axes.flat):
    ax.imshow(kernels[index], cmap="bwr", vmin=-limit, vmax=limit)
    ax.set_title(str(index), fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("alexnet_small: the 32 first-layer kernels (5×5)", fontsize=12)
plt.show()

# %% [markdown]
# These are the kernels of the run above: after 4 epochs, in full mode too, most of them still
# look like noise, and only some show a light-against-dark split, the start of an edge detector.
# `cnnlab.train_recipe('alexnet')` trains the same network for the recipe's full number of epochs
# (printed above, with the accuracy it reaches); clean oriented edges and blobs are what
# Krizhevsky et al. show for the 11×11 colour kernels of the real AlexNet after its full
# ImageNet training (their Figure 3). Lesson 10 looks at deeper layers.
#
# ## Common mistakes
#
# - **Feeding 224×224 to the paper's first layer without padding.** $(224-11)/4+1 = 54.25$;
#   use 227, or pad by 2 as torchvision does.
# - **Copying the paper's α into `nn.LocalResponseNorm`.** PyTorch divides α by the window
#   size $n$; the paper's layer is `alpha=5e-4` for $n = 5$.
# - **Forgetting `model.eval()`.** Dropout keeps dropping and predictions get noisy; `evaluate`
#   and `confusion_matrix` in cnnlab switch to eval mode for you, your own loops must do it.
# - **Looking for the parameters in the convolutions.** They are in the fully connected layers;
#   the arithmetic is in the convolutions.
# - **Calling torchvision's model "the paper's AlexNet".** It is the 2014 single-GPU variant:
#   different widths, no groups, no LRN, and dropout in front of FC6 and FC7 rather than after
#   them.
#
# ## Sources
#
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012: §3.1 and Figure 1 (ReLU, six times faster to 25 % training
#   error on CIFAR-10), §3.2 (two GPUs), §3.3 (LRN, $k=2$, $n=5$, $\alpha=10^{-4}$,
#   $\beta=0.75$; 1.4 / 1.2 points lower top-1 / top-5 error; "aids generalization"), §3.4
#   (overlapping pooling: 0.4 / 0.3 points lower top-1 / top-5 error), §4.1 (data augmentation:
#   crops and reflections, a factor of 2048, ten crops at test time; PCA colour shifts, over 1
#   point lower top-1 error), §4.2 (dropout on the outputs of
#   the first two fully connected layers, outputs × 0.5 at test time), Figure 2 (the architecture, "224×224") and Figure 3 (first-layer kernels).
# - A. Krizhevsky, *One weird trick for parallelizing convolutional neural networks*,
#   arXiv:1404.5997, 2014 (its single-tower network: 64-192-384-384-256 kernels).
# - A. Krizhevsky, cuda-convnet2, `layers/layers-imagenet-1gpu.cfg` (the 1-GPU configuration
#   with 256 kernels in the fourth convolution that torchvision's `alexnet` follows; see
#   pytorch/vision pull request 704).
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014:
#   §4.1 and Figure 3 (7×7 stride-2 first layer, aliasing from stride 4).
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image
#   Recognition*, ICLR 2015: §4.1 and Table 3 (A versus A-LRN).
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, *Dropout: A Simple
#   Way to Prevent Neural Networks from Overfitting*, JMLR 15, 2014.
# - Y. Jia et al., *Caffe: Convolutional Architecture for Fast Feature Embedding*, 2014, and its
#   reference model `bvlc_alexnet` (fc6 → relu6 → drop6 → fc7 → relu7 → drop7 → fc8).
# - A. Zhang, Z. C. Lipton, M. Li, A. J. Smola, *Dive into Deep Learning*, §8.1 "Deep <!-- parity-ignore: 8.1 -->
#   Convolutional Neural Networks (AlexNet)".
# - PyTorch documentation of `nn.LocalResponseNorm` and `nn.Dropout` (the α/n convention, the
#   1/(1 − p) scaling); torchvision's `models/alexnet.py`.
