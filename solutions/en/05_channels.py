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
lesson = cnnlab.start_lesson("05_channels", lang="en")

# %% [markdown]
# # Lesson 05 · Multiple channels and 1×1 convolution
#
# Real inputs have depth: a colour image has three channels, and every convolutional layer
# turns its input into as many feature maps as it has kernels. This lesson makes precise what
# happens across channels — the sum over input channels, one kernel per output channel — and
# then studies the smallest kernel of all, the **1×1 convolution**: it looks at one pixel at a
# time, yet it is the tool GoogLeNet used to cut the cost of a layer tenfold. We recompute the
# numbers of that example and make clear what they count.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt
from torch.utils.flop_counter import FlopCounterMode

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import corr2d

# %% [markdown]
# ## 1 · Several input channels, one output channel
#
# A kernel for a $c_\text{in}$-channel input is a stack of $c_\text{in}$ two-dimensional slices,
# one per input channel. Each slice slides over *its own* channel, and the $c_\text{in}$ partial
# feature maps are **added**, position by position; the bias is added once, after the sum:
#
# $$Y_{i,j} = b + \sum_{c=1}^{c_\text{in}} \sum_{a}\sum_{b'} X_{c,\,i+a,\,j+b'}\,K_{c,a,b'} .$$
#
# Below, a small 3-channel "RGB" input of size 4×4 and one kernel with three 2×2 slices:

# %%
X = (torch.arange(48.0).reshape(3, 4, 4) % 7)          # (c_in, h, w) = (3, 4, 4)
K = torch.tensor([[[1.0, 0.0], [0.0, -1.0]],            # slice for channel 0 (red)
                  [[0.0, 1.0], [1.0, 0.0]],             # slice for channel 1 (green)
                  [[-1.0, 0.0], [0.0, 2.0]]])           # slice for channel 2 (blue): K is (3, 2, 2)
bias = 0.5
parts = [corr2d(X[c].numpy(), K[c].numpy()) for c in range(3)]   # three (3, 3) partial maps
for c, name in enumerate(["red", "green", "blue"]):
    print(f"channel {c} ({name}) ⋆ its slice:\n{parts[c]}")
print("sum of the three + bias:\n", parts[0] + parts[1] + parts[2] + bias)
Y = F.conv2d(X[None], K[None], torch.tensor([bias]))[0]          # (1, 3, 3): ONE output channel
print("F.conv2d, output shape", tuple(Y.shape), ":\n", Y[0].numpy())

# %% [markdown]
# The three channels went in, **one** feature map came out. It is often said that "each
# channel has its own kernel, and the results are added". More precisely, every input channel
# has its own *slice of the same kernel*, the slices' results are summed, and so **one kernel
# gives one output channel**, however many input channels it reads. That does not make the
# layer's output one channel deep: a layer with 96 kernels has 96 output channels.
#
# AlexNet's first kernel bank is often written as $[11 \times 11 \times 3 \times 96]$: 96
# kernels of $11\times11\times3$. That is the height × width × in × out order TensorFlow uses
# for convolution filters (`tf.nn.conv2d`); PyTorch stores the same weights as
# (out, in, height, width):

# %%
conv1 = nn.Conv2d(in_channels=3, out_channels=96, kernel_size=11, stride=4)
print("weight shape (c_out, c_in, k_h, k_w):", tuple(conv1.weight.shape))
print("bias shape (one per kernel):        ", tuple(conv1.bias.shape))
print(cnnlab.conv_params(3, 96, 11, explain=True))

# %% [markdown]
# ## 2 · Several output channels: one kernel each
#
# One kernel detects one kind of pattern. To detect several, a layer holds several kernels and
# stacks their feature maps: the **number of output channels is the number of kernels**, and
# the weight tensor has shape $(c_\text{out}, c_\text{in}, k_h, k_w)$. Picture two kernels over
# an RGB input: red, green and blue stand for the three input-channel slices of the first
# kernel, light red, light green and light blue for those of the second.
# Here is that layer with our input, the second kernel being the first plus 1:

# %%
K_bank = torch.stack([K, K + 1])                  # (c_out, c_in, k, k) = (2, 3, 2, 2)
Y_bank = F.conv2d(X[None], K_bank)[0]             # (2, 3, 3): one feature map per kernel
print("weight shape (c_out, c_in, k, k):", tuple(K_bank.shape))
print("output shape (c_out, h, w):      ", tuple(Y_bank.shape))
for o in range(2):
    alone = F.conv2d(X[None], K_bank[o:o + 1])[0, 0]
    print(f"output channel {o} equals kernel {o} applied alone:", torch.equal(Y_bank[o], alone))

# %% [markdown]
# That picture, drawn from these numbers: each row is one kernel (its three slices
# in the colours of the channels they read), and each row produces one output channel.

# %%
fig, axes = plt.subplots(2, 4, figsize=(10, 5.2), constrained_layout=True)
colour_maps = ["Reds", "Greens", "Blues"]
for o in range(2):
    for c in range(3):
        ax = axes[o, c]
        ax.imshow(K_bank[o, c], cmap=colour_maps[c], vmin=-2, vmax=4, alpha=1.0 if o == 0 else 0.45)
        for (a, b), value in np.ndenumerate(K_bank[o, c].numpy()):
            ax.text(b, a, f"{value:g}", ha="center", va="center", fontsize=13)
        ax.set_title(f"kernel {o} · slice for channel {c}", fontsize=10)
    ax = axes[o, 3]
    ax.imshow(Y_bank[o], cmap="gray")
    for (a, b), value in np.ndenumerate(Y_bank[o].numpy()):
        ax.text(b, a, f"{value:g}", ha="center", va="center", fontsize=11, color="tab:orange")
    ax.set_title(f"= output channel {o} (sum of 3)", fontsize=10)
for ax in axes.flat:
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle(f"A layer with 2 kernels over 3 input channels: weight {tuple(K_bank.shape)} → {Y_bank.shape[0]} output channels",
             fontsize=12)
plt.show()

# %% [markdown]
# ## 3 · A 1×1 convolution is a fully connected layer at every pixel
#
# With $k = 1$ the kernel sees one pixel, so nothing is mixed across space. What remains is the
# sum over channels: at every position $(i, j)$, the output vector is a matrix–vector product
# of the weights $W \in \mathbb{R}^{c_\text{out}\times c_\text{in}}$ with the pixel's channel
# vector,
#
# $$Y_{:,i,j} = W\,X_{:,i,j} + b .$$
#
# Dive into Deep Learning (§7.4.3) describes a 1×1 convolutional layer as a fully connected layer
# applied at every pixel location, turning $c_i$ input values into $c_o$ output values. So a 1×1 convolution is **the same fully connected <!-- parity-ignore: 7.4 -->
# layer applied to every pixel separately** — not one big fully connected layer over the whole
# image. Let us check it three ways: `nn.Conv2d(c_in, c_out, 1)`, a single matrix multiply
# after reshaping the input to $(c_\text{in}, h\cdot w)$ (one column per pixel), and
# `nn.Linear(c_in, c_out)` applied on the channel axis.

# %%
torch.manual_seed(0)
c_in, c_out, h, w = 3, 2, 4, 5
X1 = torch.randn(c_in, h, w)                               # (c_in, h, w)
conv1x1 = nn.Conv2d(c_in, c_out, kernel_size=1)
W = conv1x1.weight.detach().reshape(c_out, c_in)            # (c_out, c_in, 1, 1) → (c_out, c_in)
b = conv1x1.bias.detach()                                   # (c_out,)

Y_conv = conv1x1(X1[None])[0].detach()                                      # (c_out, h, w)
Y_matmul = (W @ X1.reshape(c_in, h * w) + b[:, None]).reshape(c_out, h, w)   # (c_out, h·w) → (c_out, h, w)
linear = nn.Linear(c_in, c_out)
with torch.no_grad():
    linear.weight.copy_(W)
    linear.bias.copy_(b)
Y_linear = linear(X1.permute(1, 2, 0)).permute(2, 0, 1).detach()            # (h, w, c_in) → (h, w, c_out) → (c_out, h, w)

print("conv weight shape:", tuple(conv1x1.weight.shape), "→ W:", tuple(W.shape))
print("matmul == conv (within 1e-6):", torch.allclose(Y_matmul, Y_conv, atol=1e-6))
print("linear == conv (within 1e-6):", torch.allclose(Y_linear, Y_conv, atol=1e-6))

# %% [markdown]
# "Per pixel" is the important part. Change one input pixel and only the output at that pixel
# changes; and the layer has only $c_\text{out}(c_\text{in} + 1)$ parameters, while a fully
# connected layer between the two whole tensors would connect every input number to every
# output number:

# %%
X1_poked = X1.clone()
X1_poked[:, 1, 2] += 10.0                                  # change the pixel at row 1, column 2
changed = (conv1x1(X1_poked[None]) - conv1x1(X1[None]))[0].abs().sum(0) > 0   # (h, w)
print("output pixels that changed:\n", changed.int())
full = nn.Linear(c_in * h * w, c_out * h * w)
print("1×1 convolution parameters:             ", sum(p.numel() for p in conv1x1.parameters()))
print("fully connected (3·4·5 → 2·4·5) params:  ", sum(p.numel() for p in full.parameters()))

# %% [markdown]
# ### Quick check · what a 1×1 convolution does (1 point)

# %% tags=["exercise:one_by_one_true"]
choice("one_by_one_true", answer=2,
       options=["It mixes each pixel with its 8 neighbours, like a 3×3 kernel with all but the centre weight zero.",
                "It cannot change the number of channels, only rescale each channel.",
                "It applies the same fully connected layer (c_out × c_in weights and c_out biases) to every pixel's channel vector.",
                "It has no learnable parameters, like pooling."],
       prompt="Which statement about nn.Conv2d(c_in, c_out, kernel_size=1) is true?",
       hint="Look at the formula Y[:, i, j] = W X[:, i, j] + b: which input numbers does one output pixel read, and what is the shape of W?",
       explanation="One output pixel reads only the c_in numbers of the same input pixel, through a c_out × c_in matrix W "
                   "and a bias b — the same W and b at every pixel. So it can change the channel count freely "
                   "and it has c_out·(c_in + 1) parameters; it never mixes neighbouring pixels.",
       mistakes=[("mixes_neighbours", 0,
                  "a 1×1 window holds a single pixel: Y[:, i, j] reads only X[:, i, j], never the neighbours."),
                 ("fixed_channels", 1,
                  "c_out is free: nn.Conv2d(192, 16, 1) turns 192 channels into 16. Each output channel is a weighted mix of all input channels, not a rescaled copy of one."),
                 ("no_parameters", 3,
                  "W (c_out × c_in) and b (c_out) are learned like the weights of any convolution. Pooling has no parameters; a 1×1 convolution does.")])

# %% [markdown]
# ### Exercise · A 1×1 convolution as a matrix multiply, for a batch (3 points)
#
# Complete `conv1x1_as_matmul(X, W, b)` for a whole batch: `X` of shape
# $(N, c_\text{in}, h, w)$, `W` of shape $(c_\text{out}, c_\text{in})$, `b` of shape
# $(c_\text{out},)$; return the output of shape $(N, c_\text{out}, h, w)$, computed with a matrix
# multiply (no `conv2d`, no `nn.Linear`). The matmul `@` broadcasts over a leading batch axis.

# %% tags=["exercise:conv1x1_as_matmul"]
def conv1x1_as_matmul(X, W, b):
    """1×1 convolution by matrix multiply: X (N, c_in, h, w), W (c_out, c_in), b (c_out,) → (N, c_out, h, w)."""
    ### BEGIN SOLUTION
    N, c_in, h, w = X.shape
    Y = W @ X.reshape(N, c_in, h * w) + b[:, None]   # (c_out, c_in) @ (N, c_in, h·w) → (N, c_out, h·w)
    return Y.reshape(N, W.shape[0], h, w)
    ### END SOLUTION


# %% tags=["exercise:conv1x1_as_matmul"]
_ = check_function("conv1x1_as_matmul", conv1x1_as_matmul, [
    ((X1[None], W, b), Y_conv[None]),
    ((torch.ones(2, 2, 1, 3), torch.tensor([[1.0, 2.0]]), torch.tensor([-3.0])), torch.zeros(2, 1, 1, 3)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(5)
for _n, _ci, _co, _h, _w in [(3, 4, 6, 5, 2), (1, 1, 1, 1, 1), (2, 16, 3, 7, 7), (4, 5, 5, 1, 9)]:
    _conv = nn.Conv2d(_ci, _co, kernel_size=1)
    _X = torch.randn(_n, _ci, _h, _w)
    _got = conv1x1_as_matmul(_X, _conv.weight.detach().reshape(_co, _ci), _conv.bias.detach())
    expect_value(_got, _conv(_X).detach(), case=(_n, _ci, _co, _h, _w), rtol=1e-5, atol=1e-5)
### END HIDDEN TESTS

# %% [markdown]
# ## 4 · Fewer or more channels: reducing and increasing with 1×1
#
# Because $c_\text{out}$ is free, a 1×1 convolution changes the depth of a tensor while leaving
# its height and width alone. It has two uses: **reduce** the number of channels (e.g.
# 192 → 16 before an expensive layer) and **increase** it again (e.g. 16 → 64):

# %%
x = torch.randn(1, 192, 28, 28)                       # (N, C, H, W)
reduce = nn.Conv2d(192, 16, kernel_size=1)            # reduce the channels
expand = nn.Conv2d(16, 64, kernel_size=1)             # increase them again
print("input:             ", tuple(x.shape))
print("after 1×1, 192→16: ", tuple(reduce(x).shape))
print("after 1×1, 16→64:  ", tuple(expand(reduce(x)).shape))

# %% [markdown]
# Two remarks. Reducing is a *learned* compression: each of the 16 outputs is a weighted mix of
# all 192 input channels, trained for the task. And a 1×1 convolution followed by a ReLU is a
# small nonlinear network applied at every pixel — NiN's "network in network" (lesson 11).
# ResNet's bottleneck block (lesson 12) reduces with a 1×1, convolves with a 3×3 and increases
# again with a 1×1.
#
# ## 5 · The bottleneck: ten times fewer multiply–accumulates
#
# Take a 28×28×192 input and ask for 32 output channels from 5×5 kernels, with
# "same" padding so that the output stays 28×28. The example comes from GoogLeNet's Inception
# block (Szegedy et al., 2015: block 3a has exactly these sizes) and from Andrew Ng's
# *Convolutional Neural Networks* course. Every output number is a dot product over a
# $5\times5\times192$ window, and there are $28\cdot28\cdot32$ output numbers:

# %%
direct_macs = cnnlab.conv_macs(192, 32, 5, 28, explain=True)
print(direct_macs)

# %% [markdown]
# Now first reduce to 16 channels with a 1×1 convolution, then apply the 5×5 convolution to
# those 16 channels:

# %%
stage1 = cnnlab.conv_macs(192, 16, 1, 28, explain=True)     # 1×1: 192 → 16
stage2 = cnnlab.conv_macs(16, 32, 5, 28, explain=True)      # 5×5: 16 → 32
print(stage1)
print(stage2)
bottleneck_macs = stage1.value + stage2.value
print(f"total: {stage1.value:,} + {stage2.value:,} = {bottleneck_macs:,}")
print(f"direct / bottleneck: {direct_macs.value / bottleneck_macs:.2f}×")

# %% [markdown]
# These are the two costs usually quoted for this example (in Ng's course, for instance).
# A formula can hide a mistake, so let PyTorch count instead: `FlopCounterMode` records the
# floating-point operations of real layers as they run. It counts **2 FLOPs per
# multiply–accumulate** (one multiplication, one addition), so we divide its total by 2. The 5×5 layers use `padding=2`, the
# "same" padding that keeps 28×28 (without it the output would be 24×24 and the count smaller).

# %%
direct = nn.Conv2d(192, 32, kernel_size=5, padding=2)
bottleneck = nn.Sequential(nn.Conv2d(192, 16, kernel_size=1),
                           nn.Conv2d(16, 32, kernel_size=5, padding=2))
x = torch.zeros(1, 192, 28, 28)
for name, layer, formula in [("direct 5×5  ", direct, direct_macs.value),
                             ("1×1 then 5×5", bottleneck, bottleneck_macs)]:
    with FlopCounterMode(display=False) as counter:
        out = layer(x)
    flops = counter.get_total_flops()
    print(f"{name}: output {tuple(out.shape)}, {flops:,} FLOPs = {flops // 2:,} MACs;"
          f" equals the formula: {flops // 2 == formula}")

# %% [markdown]
# ### Multiplications are not parameters
#
# It is often said that these numbers are parameter counts, and that the 1×1 layer "reduces
# the number of parameters". They are not parameter counts: they are **multiplications** (multiply–accumulates, MACs) for one image —
# the factor $28\cdot28$ counts output positions, and positions share their weights.
# Ng's course calls them the "computational cost". The parameters are the weights and biases,
# counted with the formula $(k\cdot k\cdot c_\text{in} + 1)\cdot c_\text{out}$:

# %%
print(cnnlab.conv_params(192, 32, 5, explain=True))
print(cnnlab.conv_params(192, 16, 1, explain=True))
print(cnnlab.conv_params(16, 32, 5, explain=True))
params_direct = sum(p.numel() for p in direct.parameters())
params_bottleneck = sum(p.numel() for p in bottleneck.parameters())
print(f"PyTorch: direct {params_direct:,}, bottleneck {params_bottleneck:,}")

# %% [markdown]
# With or without the biases? Both are in use, so here are both. The MACs above contain no
# biases (a bias is an addition, not a multiplication). A *parameter* count usually includes
# the biases: the formula above does, so does this course everywhere else, and so does
# PyTorch's `parameters()`.

# %%
for label, with_bias in [("with biases   ", True), ("without biases", False)]:
    p_direct = cnnlab.conv_params(192, 32, 5, bias=with_bias)
    p_bottleneck = cnnlab.conv_params(192, 16, 1, bias=with_bias) + cnnlab.conv_params(16, 32, 5, bias=with_bias)
    print(f"{label}: direct {p_direct:,}, bottleneck {p_bottleneck:,}, ratio {p_direct / p_bottleneck:.2f}×")
weights_direct = cnnlab.conv_params(192, 32, 5, bias=False)
weights_bottleneck = cnnlab.conv_params(192, 16, 1, bias=False) + cnnlab.conv_params(16, 32, 5, bias=False)
print("MACs per weight, direct:    ", direct_macs.value / weights_direct)
print("MACs per weight, bottleneck:", bottleneck_macs / weights_bottleneck)

# %% [markdown]
# Both ratios are about 9.7×, and not by chance: every layer here has stride 1 and a 28×28
# output, so each weight is used exactly $28\cdot28 = 784$ times per image. MACs = weights × 784
# for both designs, and the ratio of MACs equals the ratio of weights exactly (the biases move
# the parameter ratio only in the second decimal). In a network whose layers run at different
# resolutions the two counts can disagree wildly: lesson 09 shows AlexNet's convolutional layers
# hold few of its parameters but do most of its multiplications.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
designs = ["direct 5×5\n192 → 32", "1×1 (192 → 16)\nthen 5×5 (16 → 32)"]
panels = [(axes[0], [direct_macs.value / 1e6], [stage1.value / 1e6, stage2.value / 1e6],
           "multiply–accumulates per image (millions)"),
          (axes[1], [params_direct / 1e3],
           [cnnlab.conv_params(192, 16, 1) / 1e3, cnnlab.conv_params(16, 32, 5) / 1e3],
           "parameters, with biases (thousands)")]
for ax, direct_part, bottleneck_parts, title in panels:
    ax.bar(0, direct_part[0], color="tab:red", label="5×5 convolution")
    ax.bar(1, bottleneck_parts[0], color="tab:blue", label="1×1 convolution")
    ax.bar(1, bottleneck_parts[1], bottom=bottleneck_parts[0], color="tab:red")
    for position, total in [(0, direct_part[0]), (1, sum(bottleneck_parts))]:
        ax.text(position, total, f"{total:,.2f}", ha="center", va="bottom", fontsize=11)
    ax.set_xticks([0, 1], designs, fontsize=10)
    ax.set_title(title, fontsize=12)
    ax.set_ylim(0, direct_part[0] * 1.15)
axes[0].legend(fontsize=10)
fig.suptitle(f"28×28×192 → 28×28×32, direct / bottleneck: MACs {direct_macs.value / bottleneck_macs:.1f}×, "
             f"parameters {params_direct / params_bottleneck:.1f}×", fontsize=12)
plt.show()

# %% [markdown]
# Is the bottleneck the same layer, only cheaper? No: the direct layer can use all 192 channels
# in every 5×5 window, the bottleneck only 16 learned mixtures of them. GoogLeNet's bet, borne
# out by its results, was that the cheaper layer loses little, and the saved budget buys more
# branches and more depth (lesson 11).
#
# ### Quick checks · Inception's other branch (1 point each)
#
# Block 3a of GoogLeNet also has a 3×3 branch on the same 28×28×192 input: a 1×1 convolution
# reduces 192 channels to 96, then 128 kernels of 3×3 with padding 1 produce 128 channels.

# %% tags=["exercise:branch_macs"]
def branch_macs_check(reduce, kernels, side):
    block_in = 2 * reduce
    weights = reduce * 3 * 3 * kernels
    macs = side * side * weights
    if (reduce, kernels, side) == (96, 128, 28):
        block = "GoogLeNet's block 3a"
    else:
        block = (f"an Inception block on a {side}×{side}×{block_in} input (its 1×1 convolution reduces "
                 f"{block_in} channels to {reduce})")
    return dict(
        answer=macs,
        prompt=f"In the 3×3 branch of {block}, how many multiply–accumulates does the 3×3 convolution "
               f"({reduce} → {kernels} channels, {side}×{side} output) need for one image? (Biases not counted.)",
        hint=f"MACs = out_h · out_w · c_in · k_h · k_w · c_out: every one of the {side}·{side}·{kernels} output "
             f"numbers is a dot product over a 3×3×{reduce} window.",
        explanation=f"{side} · {side} · {reduce} · 3 · 3 · {kernels} = {side * side:,} · {weights:,} = {macs:,}. "
                    f"Check it with cnnlab.conv_macs({reduce}, {kernels}, 3, {side}).",
        mistakes=[("forgot_positions", weights,
                   "that is the number of weights, the cost of ONE output position. Every output position "
                   "repeats this work."),
                  ("counted_parameters", weights + kernels,
                   "you counted parameters (weights and biases). MACs count the multiplications for one image: "
                   "they grow with the number of output positions, and biases are left out."),
                  ("flops_or_192_channels", 2 * macs,
                   f"either you counted FLOPs (two per multiply–accumulate) or you used the {block_in} channels of "
                   f"the block's input. Count one MAC per multiplication; the 3×3 convolution reads the {reduce} "
                   "channels of the 1×1 reduction.")])


numeric("branch_macs", digits=0, unit="MACs",
        variants=vary(branch_macs_check, reduce=[96, 64, 128], kernels=[128, 160], side=[28, 14]))

# %% tags=["exercise:weight_shape"]
def weight_shape_check(c_in, c_out, k):
    return dict(
        answer=(c_out, c_in, k, k),
        prompt=f"What is the shape of the weight tensor of nn.Conv2d({c_in}, {c_out}, kernel_size={k})?",
        hint="PyTorch stores one kernel per output channel, and each kernel has one k×k slice per input channel: "
             "(c_out, c_in, k_h, k_w).",
        explanation=f"{c_out} kernels, each with {c_in} slices of {k}×{k}: weight.shape == ({c_out}, {c_in}, {k}, {k}), "
                    f"and the bias has shape ({c_out},).",
        mistakes=[("in_out_swapped", (c_in, c_out, k, k),
                   "you swapped the channel counts. PyTorch's weight starts with the output channels: one kernel "
                   "per output channel."),
                  ("tensorflow_layout", (k, k, c_in, c_out),
                   "that is the k × k × c_in × c_out layout of TensorFlow and many texts. PyTorch puts the channels "
                   "first and the kernel's height and width last."),
                  ("forgot_in_channels", (c_out, k, k),
                   "a kernel has one k×k slice per input channel, so the weight tensor has four axes.")])


shape("weight_shape", variants=vary(weight_shape_check, c_in=[64, 3, 16], c_out=[128, 32], k=[3, 5]))

# %% [markdown]
# ## Common mistakes
#
# - **"One output channel per input channel."** A kernel covers *all* input channels and sums
#   them: the number of output channels is the number of kernels, whatever $c_\text{in}$ is.
# - **A bias per input channel.** Each kernel has one bias, added after the sum over channels.
# - **Weight layouts.** TensorFlow and many texts write $k\times k\times c_\text{in}\times c_\text{out}$;
#   PyTorch's `weight` is $(c_\text{out}, c_\text{in}, k, k)$. Same numbers, different order.
# - **Calling multiplications "parameters".** MACs grow with the output size; parameters do
#   not. Say which one you count — and whether biases are in it.
# - **MACs versus FLOPs.** One multiply–accumulate is two floating-point operations; tools such
#   as `FlopCounterMode` report FLOPs.
# - **"1×1 is a fully connected layer" without "per pixel".** It never mixes positions; it is
#   the same small fully connected layer at every pixel.
#
# ## Sources
#
# - C. Szegedy et al., *Going Deeper with Convolutions*, CVPR 2015 (the Inception block; Table 1
#   gives block 3a: 192 input channels, 5×5 branch reduced to 16, output 32; 3×3 branch reduced
#   to 96, output 128).
# - A. Ng, *Convolutional Neural Networks* (deeplearning.ai, Coursera), week 2, "Inception
#   network motivation": the computational cost of this example.
# - M. Lin, Q. Chen, S. Yan, *Network In Network*, ICLR 2014 (1×1 convolutions as per-pixel
#   networks).
# - A. Zhang et al., *Dive into Deep Learning*, §7.4 "Multiple Input and Multiple Output <!-- parity-ignore: 7.4 -->
#   Channels" (§7.4.3: the 1×1 convolution as a fully connected layer over channels).
# - PyTorch documentation: `torch.nn.Conv2d` (weight shape), `torch.utils.flop_counter`.
# - TensorFlow documentation: `tf.nn.conv2d` (filters of shape height × width × in × out).

# %% [markdown]
# ## Predict, then reveal · the bottleneck layer by layer (2 points)
#
# The 5×5 branch of block 3a, built as specified: a 1×1 convolution from 192 to 16 channels,
# ReLU, 32 kernels of 5×5 with padding 2, ReLU, on one 28×28×192 input. Before looking at any
# output, predict each layer's output shape and its number of parameters (biases included),
# then press Check on that row. A ✗ names the rule you missed; the true value appears only
# after your prediction. Your first prediction of each box is the one that is graded.

# %% tags=["exercise:bottleneck_layers"]
from cnnlab.exercises import predict_layers

bottleneck = nn.Sequential(nn.Conv2d(192, 16, 1), nn.ReLU(), nn.Conv2d(16, 32, 5, padding=2), nn.ReLU())
predict_layers(bottleneck, (192, 28, 28), ask=("shape", "params"), exercise="bottleneck_layers")
