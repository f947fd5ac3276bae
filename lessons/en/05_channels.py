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
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("one_by_one_true", key="22a970356795e7cc62be34732fef6ed0",
       options=["It mixes each pixel with its 8 neighbours, like a 3×3 kernel with all but the centre weight zero.",
                "It cannot change the number of channels, only rescale each channel.",
                "It applies the same fully connected layer (c_out × c_in weights and c_out biases) to every pixel's channel vector.",
                "It has no learnable parameters, like pooling."],
       prompt="Which statement about nn.Conv2d(c_in, c_out, kernel_size=1) is true?",
       hint="Look at the formula Y[:, i, j] = W X[:, i, j] + b: which input numbers does one output pixel read, and what is the shape of W?",
       explanation="sealed:k7+PSHYTlhkAkR/02hTGFFGHDZR6G4QyCNHVFNeXB7NXS2BjHn7tG3xsh6p9DZdMVabl5I3SCPJIe783YVHlNyYfEC7EMsN32+jYEoVBY0ke4eZK8U8OI9FECwP+wtJbEKmD+Y+UFZncPZguevlyla84ycdNiGsf7aA7ZYwtK7fX/7dR2aoD5wOXwlrIqhX1xMKjXpQuVJJuVGh0UupPR1tW0HEfVOhztw/oinjI81HNwq8OBmoBh4ZBNnz1Qmgj5yOY2b1+TYG5cBL2kg8S2Aq+3Px2VWyLOXOEUBP7O3/HXLjL2W6ZmZfN7uxTR58VSt2gIX7QjW4Yg4RsZeYV4v+XbtIzTPRJV4fcCodSjg==",
       mistakes=[("1bb6cbbe3a1177a2eb395209022b444d", "sealed:YrnIZTwKELH2wDhLaCu/r6M8PkmX0ZWtbbUJ+XQcb11wHdHPHd2zeGQpJP+tnRioSb3PbbdsZirYqQt2nE2S/3INuO4Pp0BfsJfY7KJUrZPl3MdUU8jIBCUkKKyj8u/ABXgkS/KsOp5PAr9K"), ("77f4befc7e3840f00795ea2f795e7a01", "sealed:S6f0Wf670Ji1tYnis0ZW5LXn5YWKM3aO8N/rXkdlz1GP3AcceHjFOeMLGfAHk+NcQy+vPyuNuaI2n4FP8rUr69MQ67UtHeU7oN3CFlhIsTFurTwkvOpe5xHysG7RMx8znqyUT/R5TO9Mj4EJeFNswBNSe8QfPpOJsNYPzxt/gxIj40y8mxVouICOkh78Y4vlFfsi2oEjlY50m/7BHiVY3YgSQRnceLuN"), ("abb7703483b679473a377da1debd33d3", "sealed:rRMmKfi8JQVt2DKbhqQZpmQpSgdOZY5+NCk3t0MjjoOu+58/s/pBPd78x2nLTr5cE5ou+iiVhW388r5Pd9ilOWehtYHpL7kWKEhlb1SDjQy46zBeYF3rlApllacmqpy1gO28DljvINJUp3RhAqEy7ZHwQMsrtunf5hOgvHa64+Pw7P6H8yWhIkj8utzmsJW625g=")])

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
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:conv1x1_as_matmul"]
_ = check_function("conv1x1_as_matmul", conv1x1_as_matmul, [
    ((X1[None], W, b), Y_conv[None]),
    ((torch.ones(2, 2, 1, 3), torch.tensor([[1.0, 2.0]]), torch.tensor([-3.0])), torch.zeros(2, 1, 1, 3)),
])

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
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("branch_macs", digits=0, unit="MACs",
        variants="cnnlab-variants/1:eNrtm9mu89iV31/loG7SDRaaMzdpoBBwnimJpERShtHgPA+iOAcBcpUHSC78KH3ffpN+kvCUXa7PsTtVjh3Erq4LnUNRW+Tai4vrt/57Ub/8L181YZQ2X/3iqzFN5jj9hqG+/qjTsUub9zcoRn/98S6T9BuM/urrr+p0P8clICSoJKMQksCpiEApisYBHaYMRVEhRqXnwGHs22E6x6rdx1SkH/hvfo1/RGPYxcVHn33IfZ8bqZVO/+n9ETV9XH/g4dcfRb9+tGG3f7RzM5VDs//bf/ufYRzP59twSt8fSX/++f3R4r5b+maeyr77+AeG+vi3//4/Pk5zP+Ii7D5t//oDo3/z63NHP0/DPP3jR5emyUfWjx99l36UbZin//njH7gyfJ9H7frpPODcTWnyT/942l+U3af1Jsu/P775PMI/Fx//+i/fbqyfG/E/l93n//q3++vv9p4DfvGRLum4f3uWc6qf9mL0v/7L5wv9vTUf3dxG6fj+KN8f4Tmx6eP02On96aM/v3zu+pzib359Tmstu6Rf/+m0Kd2GJuzCzwmfpr3TsEmTXyhJ4CiUilTKxu2khtzoTDhox2nUgJilcWZLVygChG4reXveHiFEzGsUuKw9ZYeIV0HYOBk6B/hNbpjxMa6W8+5jyCHivaPIVr/WDnOdfISibwOtpYgiyCo/evj2cC+6qowUc30vBwvQYo3EXEglwcq/OW1ty/cU1un7q1/88pdfYWec4DiNp3iUJiQCGCROsgRQGEpESJpF5/jfzYZdn3ZvqeZjwtv+wagtlah5/Jbo+hYJDZdAEUsZtonZJe0HcY0yPV0qvnLcuARnd9rbMY2+aAfS74QgAIzme7o1fWWfxvrePoQMPQ/X0OX2muqn3r3uVqtI8aGaeZ0eh9K3ItwESH6NNqtn9El7NsgFvtwlD2V5Pctcgsu/+earX339y69oBGAZSgAQh0QYUgyIkTRJqJTEMwIN8fT7KQ3Ju9HgVt26GTdF/ZVssd9G2J2eeNAvTCNYeHKneGGxZ/R6ubwX3I2MVtAFVLyrlUW6pE/ZUjAnF/F6wataHgQL4zhkk2YRFwO1LfhSBh2RP4jupUXu4FNJjo/NYbHk2+noVilr9gjw7XiVCFEb4nk1YmUWWIV7u71jENZ+GCUM2BZ6TilYl4YqIG3Cp/KmeN1jYGTdYkCjCKkI3/bjqq+I2dpTw6GDXMJXYtuTTXlPh9xUdNdkwXr7nYsSEKVomp6pgkyYOMIijAEMQTBpGmUAocjvXURWmYpGkC5e8bpdCfGJqGrYF3t8TMvTg0axssD8KJY2eq91rgFbtccLJdzEzFDXeHKM4WKkN3x5jw4a3Pn1tTuJ8DJRX3iWUrSe4dHsYQHFsFSOWQs/lbXz5/fFrnBQJ6wrxcGoXqry+hyvzaNIL9DeuDqxGpMiqJT0OM/mBIoo1xIt5jF7sx0BfTs3HySiqunvOewwD4CJKZZLUzhgIjucJZfLFvSZ4JHqxvUGhm+y5cAjEu6sUpVb+iJmlyvqaEyd2zSWnhGoZnh+5KGDW3ADAmNFJ6uyPy8u781pekvtHisySYtig+W/dfGv/uvXPzJ1o8TvU3eEIiRF4SiFECEGMiYEIXoGLoqGKEgACX44dYfdh9rF6fBt3v1t7j43wg+U+M2vv30x2EfZfaa4fyin9wd67vmDVP1bS88PznHfpeqPqf9gqH/86xPgt0b9DRAAJc7sT/w/IcBhEIVqKW6rHhe0NDw7sapqtVvKZ0d9npkprew+sc9g63D1uu9LNVHyULJsyhSW6FIhqEDQv9kQvx1ec3M48QE/XWFkiscYNBoQufT6rtSlO8nx1lXfxrtdyAGXqk5UaN5byTgi41WuAuUepGks5+LPBPiZAKeL0jCKEwwJmSgCKQKIlCAxAkkBCBEM4AzzvYuyusqvL44Z6qoX7xf/YTpkFj4HYdi3NR9FLfKxm4AhpqHDOUmagB+VPLwrcqHI8uWI3hsEIZz5Hh9Re0ExolShsZluoSJrY+z6oaFIVgR0cM+cdRmU3g7f8hIvxbB3lT/FW9WnyJE9/W4h3XbU5Wts8wo715ZC5VfOFzmPWXRfjZERHgKbcXVXqxvzPV/sG/amdshqqNLClnx1VqXLGr/vNWG499e3SbHEXcrkkmKDgmAKogDtVVIXd0onnE36Crff2mRCMgBaUpKhUR8BTxQ3iXJQ3oHSRxnJS5ZpOR7H74vuT3RR2FyjrD+KABTyJ4p3OgRpmGZhFtLRWdeBjEQjBKQnmEkyxtL/ewL8ttz+/08ACvmb1gCneX9lAjhT1y7cm8usSFwnFyDZM6stNYJkqgnSe+uZSG646kgXuLwudXFmB+lWxtibvFZVaZOUQnR9SlOXPOQ7oD6alJ6l/LjBxmmlBCNZSvluZuIClGuKD/z7IXVQMyP19lrMp9UMxWW7VilpPl02cNegcTPrfydAlBJxRDIhRWMYgRMxhaUxkpE4QaMgxTH8+1yAZFdEKJ6rcHFuKFE6Ri8wMS6gbRhN84Xelte+Nc9F1IZ2A9ygiS4cNz0QqXxkxbP000bzJlwY2oX8pRMu3Mwh7+m1vSRZO9SgG6uzMHxG4ow8O/SF3fJ9pEZM9LGRgRTmepONmToqNHlVd4kiZNgaSmqdzlLQLidekg9o+C69hQRJnL6m8DBOP2UwBmiAYCiCMGEcJskXUMu21DgY/DB5GCIdcY6jG4GnxxidnHqmPAVqRi8tPd7Nigwf43YjrmPm8yHaiEfiZOK7u2jF7cYIRx5OvMLwStYXxcVckoHNLoXPT8RLCwXR7vyjgDH7PfChsvhlxTgWIY5ZUD4rY3CUu+5TLkGNulB42IRfpAyTKe1VrBKs8zBHynC7r03f8d0SkMJT4UftuI1pQz0pyp7uBVdqNVaIIqO4bMwXb57xCEM8WNWDKGNlqKC5JDdCeHXfuSgiIzzLSJpC05OX4Cz8I0ChgEFpLMVw/AsN0B7mZpd89bwrOf4glbZgV8dnFUD4oljcMIIfiKClM04k4F1SG3OOh017HsvB5+IDBKzLCw/O7xPN7IMVr8sZt/moD2lGaypHWLw5KGaNiULMe5BpAQs6WXGX+4osJIJ5/nitnpB7ArTcqEOerhPp4RjS+LdwhWNJ5dn+0iSXkVdek3HcKbix/CaB4oCxBzBAIyitZcDUdUXxmJ3MR33v8/EWvY2e5uI6Wsf8RrfPIRRpq0swyUZzX2Xm2CEC/vaurz4BhApzSVOh11kRs5gxr/Ytosy6DHDWcHNNK66zDyQXyNwiUgPVtbc/jwBfaIAsTBOARChOIHgYYSAFCBGnccZEMUqkGPH3rwH+gAB/exrgr0+AYA4hPuaUa60ZjLNYT11twZnZnyJUoHb5gM/3fU90dIl1PA0OPFt5g+wlgVTBmq+jc3M9A15uF1iWs/AhFLRUivbbdgpAHYfa7otLp62ai9ZgWlu8ZZpgLUg0qTYVs/AB+2ZzHYNbV2+LEj5sIW/rb34mwM8E+OVXJJFhFEkCEqFCLEWwhIpIDGeoBE+ShMCoL5Rf58qA764KRmbLg8UHUo4b9B01h/++davBZnxmtHdvpUrh4Rk9lmeDPjksuh1m4ZDOdCUuTrsHShFqKlJXYbU9d3qzX8KrXqUNpvzwyncZ0DFB6sez2BHKmNv0N9PxoWnPMuMZhWvgR8KUzOyWE3UK6KUETUubDLwf3eGuxHwkOkvBieSA8cD3R2HvXnl/NWgB6gAJjeV6UONVhVZFz+pN5htLgFE4fNSb+8w4xd2fL9jsNDHO26yTQENgQV8zLJNLTwPTyorekIgYUWkkqUgQmu75RERaTgmMB3MWUG5wvYWw6lmN8dSLf1cDUMQPLOCHIGbQMEwpLE7DJItpHDllAZrF2UmCjGT+ChrgrLl/FAG+WK75JABF/GUEoIifZB/gnNYPEMD0VO9eM2/8Mdue81zJInrfE6UvnVMqP/ecRUQq9cXlCGTuvY3oFDCcdyHnVtQl/ipl94RPxZsU7imeOKX07AmSY2PyKPM+g2mNB/Ced/RUqA8rHshqzzjUXYodAKawvUUKK2B21PSoWMJ/GehBtuw3f0QABiWikMJImmQihiCRNMEQJsU/1SgDcAb5ohoszfP2eWk3asexrb6BiCGNJ5oWS/xi51esCTJzFkFIyvUYrCwxcgHTzsCPy3re6iC6D0ygh962Eys5OWQDllubqONqGiLMXNN9AOiueBckWBl79lwdgIdh+hCWzLbqijVLvuInh29diyUtEaIh68BDndSTHj11jQ9DNFq/IwBgiIw8QYbTKIGhSZycojpMKEAgDEaALwhQi3xZQOurTPR4FDb+6HVWzG+8BQfxET3U6SrvN0oNj4coRsWVfh6XsphdQIzNVj+G7cYuqXw14ierJQ9hk4582Ie7xq3bmgkDwcZsVgXw5bGpzqyvFG4Ys4Sv5jWhoEq63qZrs71MIqb3zpObFauHwgU4kZJ1N2yyq12J5+VZczK9rQx54fVJl1g2X97ZkHV5X6TysTom4rXcjNKIREdOhqsd22gkah/eAhevdRMym01NHpWyBKdTif2di+IopuIkJMIEY1Ly/ChKMjQGZyzEFKDRL1yE2SHdNOVMXO3FQ1xaxRcS7URITdsqZw9xjXp2srRSL8qoLu4S/0Yz+Ty3Lbsct6BXj3S6XhGx+WX2OUywfsmGb0KLoAorH9qQ8yhcbjfXV1MN1gN0nKF1s4KXdLemt9Egzuy8kpqPFo+6rG9aapfzvyUPCfTa3FKzTZZ1bdbe7+tSKMT0qOm0Ty9juL+YCG24k2iENQJGvNORfAesZN4y+vn0xqvhaluhZLyKgNKsZijOa7Z/8vQsiuW7Mg77ss1CEGcRethPuatqOC6aQS2nooIesfhyU4Xy7ZZPuLneGMoR5ISMwYtE8j+PAF9oABoNGQoHCUhPgUZmYcQgZJZlIUNQDBVn1F9BA/wtEeDvvw/wwwRICXzg05LR0+MRh11jbdAxOqxU6jEjPZc0D3TVZD2USEzYhKdyVYEjthXFg9hVPYGTgjHdqhrpdajn63mQqKNVyqh6hswx0nyvN409HrChxf4OS5DX3KGcUOpFLFGUR3dpQ5B6JyEhRca77Fwh9vYzAX4mwKeLECLMYoKJqZTM0vjMNSERo3FGk2QCUDyJv3dRc0oM04ogNIy2qJgH45ReiY4p47s1COyaT/jzoQI5fV22EZZ4dpW4Orc2pme3lorcbMNZbsmkft6SPGgI7wEJLT4pN+NqlEzRIyKsdi3hRbPDa3irZA92i+qjYilpjVFZRN9moDNWwWRDyWpRfIfLlbhTECK+Pfv19nwcmWfN7i+EL0OWvhSRbMvYXHvQKbMkiXK0266EXV2dghlvNmCSgdIQib3eFkcDDkZMuwsRfaCjV9i89o+HlDeIgiSY3FAYzNYzC9f5StLMQkuej/E+MyhEeoYVJEc4imm2+hLetBvHHnF053kfBfujCPCn+gB0yqSASUASk2iKR2gYIyHBAOoENUYgIPv71wA/sT7ADxNgTSybXtHoMc7PpTe4tipiY/dBEVB6K7khu93fmcWOE26ADoQe85CYW2Ou6C5nZuMk2tt6tPUqBlksY7j2kt7oYpgzf1n8OHnS7/7BwtNFmcSQjBBWe0DLtK9G7d8fHbcapKBao+xeXiUm3sy8Fd7++scEQJIz/3+2mpA0DbMwJBI0pfGIis+qMMWRL3qCEM2TA4fkXcWxF7+lYr5Inq7dPfMbzN+lueCsm8c54v5YQv7GyJHx0mGigwqs0AN1mshRYB9GebnH/eWylAe5KApJN9XhT/FZ39UkJIKkYRRosjYcGYlp5fyn+SzWXnO4ZbtQ/cUjg+bSGa5rWOXVMKSniDx8LUUVIRIv23dLHDiBxgQR0slZ1yI4wZwamiDJs5JKYyojCfqLB110BCYfFgf3vRUVS+prvOtsWPhscaBjVlDipSsWsNnPBjcmvS2G4eshXNo5Ua4HqGfnwmeCJCFspehrS4HMdcitFngonsX+4Gl6UH1zze/XfjEBWNo6k6ROyMxJLTWPWtip65prDbf82ud8Lmsx8oTwMsNoG5PEVd7JYTRfq3CcPFXdWmciyCC7YVBB4E2mr8fvtHIAfjKjQ/RgLBnQIB7uyKwvMr2anSrS8Jrbw11nqMDrQsyD71eBQJQgaIJg4KTjGfphglKna3D0vOwJ/sUqEEWSU1OxV6g0z7BbzpIlcGwGveb8shSXrMU7S20FvrBdJ9QkFYiu33qjM6R1drdFt6NX75Hr3KPPc+YeqX0E35JiCKxzlkOYlvqe6IYSiCW7LX6PkSzaADs6Zy9gYGcyyGQdc4/1MVw1Y5VR7KBpa9XmfXy9Mtxp0PCNT8nDA0MBACip8sbSmfwcaQhf52q5WlakrbUvYaJKzRiUcQaWG2JbVGBkXjxcDno2iVfxcteP0EPLbn7DjFOvqeE9C4jltorgxFdGPuXq3gTmE50OPKADXixFPoczeKG4UMfvoFHl28Ew/QuV8/zPI8AfaAAqZbAkY3AapykCIClB4hlDn1TAcALD/v41wE+sD/DDBGDhAsOV/sCRjGmi64NcGEHwg2DKYD6nMvXl+FDtOExAKOvAcLDR+CSHOGB0b5IHK/Xzoouh86yDWK5jSxMaq0KqObICZNUxPc3ht/5WJyBKALYfLUwT9VX3EV6CFi021jVLZSPt382ry57x/YC2b6PzZwL8TICvECwNyTAlQJrFKEIDFKBEGqUgAylCMEzyvYusvSE1PHJWYi6Y7rhH/tNdOIHUuIhYCBm+1hOCHbyb7dAzfEocfTiPktE43ZKYoG9TPehwU7wdGqVkxisdwkewNPBB6ZQiSIdcGHxRtV7wSAyGqnb8iu93thUgRzfdDd1M1oReF+yyzPBD2vEYdXDaFSK7eXT3hzgNIXvvfS+PA/TYtgkifSm66grpRvioyzJ4cF75sISVfaVnkLNw3iZPPbTkcMgnMjSiCrI9yiglJb9nw4WTI6tzqH0JfVO01ykGb7DPFdqTljdFzymVw1vh2i5qcwR2WQtXdza0b4gWN2/C7YEVPdS9hH+3E/ztys//sRFAAypNkjSl0RjFwXljUglOkCEJIgqkKB3+5SIAI6kfhYDPcV8i4DT3L2PAJ1N+iq2Azy/8AAWYYllwgVfip5m8nHqzNz7U40to9TJzFFykDNcrEitzdr0dSHiJLkIc33MlTxlPHWqoGuUzro47X1JyTzy6iXvCi9RhmPyoYxJ6UuOrWizzGXdIuu1HpMjmsjppb5AtgnO8lRa79wqiB7lmXeMeYtS/XmK2//FToQlGh0QWg/jzOVAsOUOAjpgz7BKKoikc+WLpBLURrPXXCtX5xBXRdCtoYHaYPz/fAiRRWmtGFTVJGAQK5B3kcEG7e4yaLaTsNX+azXHsTZoAPaUoAFuUvTerD9ySYfzF9MaM49RUqB+odbmQCIq7drw3UH5p5IQKZEHjsjcl2jB1SLfsSo3jzd0ZxNOekutYaneXI9r/bjUoyTIsIqMkxU6cYZ+bCIZmJP7ZWcPPu+z7KZn35DpdKqjv9NGQFrJrqJmfO8W4DktsI3DSpH5KgoGYUZUNrz6ytJF9TQ/lwg2Vti2Kq0zFa6BetCFLopNBKJOs4lJdn48dMRzD6k1hX2zb84w6Sem3NmyhSxU3MyZVhOgNb3GgbqqXRwVx3nJ7pHK5Y405Za3A5P1YEtes1UiXu97lRzhflO4A7RuhD6ZNN1i6LBiiuJonSEv4eFFlsCZ6fIgBQJ7aQlgiSw3wdXDzdnngg7suRfH4bjWIyCKUQLI0zXAyS5CUYcIspgHNkAlxxkD2xYOzuz21+QzFCKLjD1Xrt8J+mJvfiBYJ3XPYy4mqjZ/6enTes/Ib/oU1UGreF3Wx7DTiQrHAKA/ZwMLcwV2J0yL2AOkFKq4flfWQ5ms2vcRXYB5sntB9TDWv+ub7/c6TmVtylR+Q9DZ0CB4SsbK2jTQ2DYnbgwT5jmIKREXT+JO0Ory6PMn3DQsOmaVZCeHTaoSOqhOUNXgtm9Kpy+LhnVBS9SOsfaAPKXSsy7i1rK6mkBqYWkZQeFvUm8EMiUlcYn3yWeuhDFSW9q+ZTxbT6P1RaFfUMWZ0fnnoy3+mLkn1uPq63YXc2J96zr3/PBJ8+VBQiqMUIAF1XhsySXA8iRkMQxDirGXAyYe/XAz8jZHg778l8CNIALM6Lqk3P42aLUchPxrcq7P2ljpDDcffjRtSyrVaqy/Nep93Dujp+9jh90pX88a1s6aBGa83EnB/3SL66hBvgnVsS1G0ZdZyQZmI5MWldxczgDPs75dCPjuPR11NL3Fp7hMid86czjRDu7GtcjGHtwfF6J/oDP9Mgv+IJEiJlMJxKmMSJgpPVzFnMUqFVErFDEMQ6Bc/obj41lBj4x0IyaMpbtf0FY+Z5PGPnvPMJ8zQYyIpYu4jeLfDwxH7eL25ClTTu0neaZtC4QFwh+BWnN7VSiaXhjHp6YN04nXmGhtThjspXpZzOjuLaQHsdyojy3qezriD74lDJEZ+8RmiwKQS1e1bc/NSKhjgGdJQ9d4MbykldbwlN0PEDwcviE7qYiPZrYN4XLJTDYmFuBh0I0tvLqK7anAlMYBrO3kXkH250UIzCNkEcePe5VvwrrvGcS4bQGui3kMbYcfswaI14o6gfw/n5W5AU45U+RyUslHN1ziDy3s/5HoMC7p4ovlk1T+KBH+qMQCQEKHpKEMzJiOZ85bMMAwAOgERwFCQMj8FTfATaw38CBIgw5UPcCje+gxIzpEizw55tKOVkn24y3YG3YjUfPKQNkLzpiZj1aIGeS+90vephwuzTmRO7ZWwdmqFFqO6mTiDrPzkaO6SV7xJWKVjQnqO+TgGAtlRvcPOnNuZKDy69ShaHKBJzofZsQC08iW/N7Z2Mdc/1gRIRJ/xh2RRdBKAziiUPsuPDMXP0jDKKBz9PidwytFim+JshWv2HKSuhe5mTBuXZ9JaOYK6CU4Cae8eZYUmZy3Wi6DYV0vFCEOGS5EXgXcmTjyll7Rem0IXvXoaIKF/GW4wOMIlvljzo7v2U0Jyb7M08Vy1Ofne9qx8DwepcA4Ek/0ciuSLSbkTGbtsNTWtPBd3nwC8dj2+S3M4goYn1ULyLHHJOE3CM7Uhn6tFDAgxivxideiaJFfHF5GdmzU2FS56QBeXDkYTsL0cF6Rhb1DFA4vsp+EvaJcPi3yD7zR10w+AdCM+XPzEGRJxgWFujIGKXgKvoPpaMK55pg7ZsoXXZuSAAHtztHrYQNSQiMyl21MQPJZiYzwdtfHxygol3Mpu5TXzrEirUjEWMFNByYvkYDXmNmg/P+3ozpUsn1OHHg9w7WFqFYTPneMozOul1zWZYW0EPt1dtIsM6KsSXUvXud60pkET+wamGD6+g2WG0SAFcRqHIEZoAsPJM2tFKIbReBJSCPG9i5Qn4egVEeFcOsB7IVXAD55o4PT5qFeij5f286W8ojNzQ/iG2SPW3FXsXb3vd7Mlqi65S4ciJ1Kg+286aYoLMUU4VvBXkzfxCJuH2ihxBqQqMZX7AxRHZ1D27GNTUNlbQjYrS7E5hwV8uOoL8VKtNpYYtItPPXw8SXQnI5w2ummPDxoK65tE7pDGKC+u9WBPyCs6qSQoIarJGrR6FNQL1D6DITTEy4hsMzAtVj9qm89mofV1jNBPYeE35jXTEAx3dC+grxWsJozjKEXdXZFdcTiHOiHLdAbTCUyMUcJDxDlyEZQXS+zkodAz++eR4AtNkBDgLP6p+KxgKEAkZ1489RrDpBmZRQmNhT8FTfATaxH8CBK4Z8Zs6uRGtHl3YW7UO2Dzy7aGxTr6UsxtVwi6GyVtiJ5tFXGJzq3ZsYaRSdkut8eC5eyhPxm/MlCmNOTJZpLhHajQqAa6YvFzxMXRy07jG9fCY8Hg3UFnKmSNd0GXivhy6eYQMIKaH8VUIoof21ayqf6f6hP8TIL/gCRAogwHCEgwlEExNKEz+qw9sSxFMpSMiOQLF1V+wHpKppuepbvOcyG9wNcgQKBhcKq4AIYrlvWHKhl4L3kEbKirwp3olHtePQKtBIp1Od7pvAUu1m5P4pKooWcsfMQILQgSQyPid461DGLTG9xeYb4q8NsuFf3jHnepvfdaNVaUHW2ceCA7aaSOHgtg6dR8oKm+VA3c98JC3JdkeHW45PV0Z4/LcadLrmx9O0CJXjO3Frz5LbNlJ7xpidJAQdNpOjuY2m3jmILw7uAe135xKnJ/beMaiuw6g3KBvp2q+45//jSHTUYzquPX/RkcNNNalnV7X29N5CnHYyBfjzdzHCVdUI7KHOK3JPjV/wIxVf3i")

# %% tags=["exercise:weight_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("weight_shape", variants="cnnlab-variants/1:eNrdmunOq1iWpm/lKH5ViVAxTymlWoAZDRhjBkMqlWLYzPNghlJfR19Q31hzojPqnI6sVLVUGVJk/Plk+8PAWnvtZ73vMn/69x+aKAbND3/4IflL2f2RIn78kvylX5c/ohjz45f6j/gPP/5Qg+P6f8aiNIizLCNQEiUiQFBkjMVJjKI4FmE4ch04TH07LNexfhEtX8r5y1KAL3MRDeBLn/30ZgNlXixfFtDN/fT1w677N6HvPlj6L18v/X8vCqYONH+ZyxP8Ef/X/3Gdtyi7r2e1DqefkuLLvPQTmL/0HfjrsV8GcJ1sXYZ1+ZIUUXd99OOXqEu/gOg6/K/HFNFfv/K//1f9ZW7KBPz0tbL77lt/+PIvP0X/NQlld93KX4qvf7Z//bfrLsA+NFEXLWXfXTczg6gB6R9oPCYUVmPQMc5emLTD4KGcifPKn3pwY19GhqCCvO7v+HPDcHvDuYih2LDhxmfQsO93e7stnQWFxQOhi2NvAhJhYNkm7CiIFpEZrDvHAByd+Y3cT/04zfuB3PIbTBGMBcX1cjZVMRFtOhXuJl732JbzEtVg/uEPf/rTD2lGEUQSs0iKJnhGZCRgWCpGGSImrlfM16X9axTgvdzWdJM361adGgNaS/ZHWiGhWp5AhSK1kHVcV4704emUaZRhvkWwKuH7Ffdi+a9tFiwYouDDcFic6Xo0WGweYj5M+eZq3cIOw6yilbLNjwfNxTE6Y2lEs51kH7cvBf9JN4hDqq1f+14PQ59Pn8Nx/xnRKH1UtaCwpQBP75Wie+6Pf/zhzz/+6QcWpbCYyPAIMDiDoAx6BZoQTMQSLEsjCfotNIi4oXNIlUZHhD1BT+iQiFIXDZgHGYgS9fnTIHz1oVkzpHejTm04MNqOJOhHeVhIoijRquAsiz25/f6UqyraG5cyZO+5eQ2vzx7OO27fF6C8L/wtu/mtMK/xx1wjLFTTZ7hxczvrrtVZPVSw61AcD+75ercDclDRihYfW+Z3TGdO6Um5am0HysnBu/r23Vexg8JYHOIGR9vTHalpQoCWJ8CgQ1Xpf0pDRkVMhNB4SgJAISgRYzSdgYgGDJPFLPndCpsvB4b1myU4PKRqlW03suid9n48Ml2Gr8oDh14iHsPu4KNuyN1kRF/voQqaGVWfqut2bzhene3oIbKkWlsGhWy1iPYZKszMojY82TJCVx8/oagUqRw8Dr1RWehQQgicL3Zhaef3fbtW78//88f/Cjrkf0CHYZAookgKRGiEZihOYTjG4hFJRGmS0Sj1q0CH/K1Dp9oZZAzRnctLTdyGCCvuL3lErEUlFuk1xjWkiWWumYmYv1Vv9hNXg0dW9tTxbtOi9MSm7i2EOLx+TJF375Y6AVzUE2oNikKb1Cp5KGz+ecbKVXqQTtgx3qSrSWdPup37LeG4hYyYd2g8Sdz6JXTwizMMytIZS8csAzAiYhniesniWMLQaPqtJFeaVVddsRZlME7YPEayNPHM0krBVXXTWWbWSZflLhIp3T+CCuaeqUepkjCs2rCBjtDxsWpN7c51K0a26ZiZ2MSicMfLcU+ELm1VFP5KSgfGI84nC85IKViiMV9c4Ncbf/KMuOGLQO6Zcec5wgeWTuzvWbm9lFdJ2zF/gKIyduXGbn+FDnXVIEriyMUXQCUJyjA0zdJXB2RJJGUA8y00/STNCf3YyDwDTHSCNur9MHSVm5JK2Nm02VwRbWln7RY87RnVrY/gRTqfkfi6kXmMBYRg7ELyYQvKFV4aCietQMG2e/MXK8EFOFkGdJVnlx6W4L4DI9s+ZcISftopEuaxvSuo8zZVxhLH/r7hD0eoHal92NixEemD9Qlme/lDW+QJpPJxBbqEsI/uLBRBPmbUAcvkz3tcIq9PmUpw7RoUstMk7v+UBoJisZhiAEvTdMpiBAlQOiNp9NqYDAXY+FsaVAJKIMXKRbN800hJ9LVS8rgPPqzvbJKPxbSMEaFYxHp4I+JqDcnldkFQmhnjZXZTnjr84rLEXYP7af9Ir4kAHSkHctcqefF28/JC54uWqxKcVcDYdxndTS4ZhQVlrBdx5c6eFjTl/gvo4Nj/K3QQmo4AHicJQ2YoG+M4AElMXmXMsiiT4Ng/gjk/XfOfSec4jYlvFp/6LclXjF8p5KEIHjARZ1LSHM6eZDwUVUmhjVnzYgOVwcae/n2jEjSAqsAiC/g5GZiFvWdpYw5ub+zD8MkgMk+GIzRufxxT6xVrtxF+rUtk1XuCY7PqneG6sR+Zz9TSXA3+RuMAEiMQkkjZmMAykCQkEcc4Ql89Aotwmo2+FSNDKQS6nEE/YQKPwj7ONKNCqr68ZnqRLSe/eb0hUKKnqrHQl37wDPdXX66ZfMMruXsOBsrveEfLvIJeTDxGX6inVQ305tNJ6kmX7i3o0bSN1qDBOVUsfUUigtuR13vHnppMo68SG6ZdDKt8wG2SOLwuGUS9eN+9K1/23SHdh8b75M8aByUAgaUAT1g8BTFNU1mGM2R8lWPEAIBh30I7uqOF9lyj3PCx8noC31SbPa82kISC2AcKJWyPj6RliGEZT158m9bIjendFaKkPThG0xkGUDVk5tqRo5P32QmYex061TSGvDdR41FBJUTpmz+7NcbSW7MSscBF72PgHhy775tDpzJosdAI38ZTHbgsVx/4o3iFaa7rlhg/Ok7SeafaUR1LdDq6BAz+3Oi6AHpNgWN5s0tQZhPbd+lyKcC86o1pcMmf0hDhKcYgCR3RJEBwmrrELMPSIIlo5GoyJPEtDUTpmGcjY8+1NXq/vDdKth87S9uR1xUCFSrW624MbmpC5cQ+ZufxlD90LwnzogoWz+ynRfvb1j3w0pgnPammWNAohzomRlQbfgu2w4XcYpXr0uyaMNSoIaYESnrPdtpCxwnT91zC8uf/F26+SRyMwZGYIdjskjkURiWXnI1wPEUzQCA4g1O/Bm5+8wpnmyjupZbop6z2N+VwTym+b3rXHUu8kG91MM07NNumwMYy31huWfn5qS2+VLaa8sRK+d3gnRZV5WOobjmjo11NxbS7qvmYs2ByaHGncdst+xtNhfB92je6ms2iJ+t3lGZzk2iul/RRB/0SNxh6uTEWSzBAUzEVp1lMpwR16W4SQfHoe99REwrqLvYi9Ef3otmX/PKXWLtfezQSnDB3iaBoiDBLtWU9jawIHPtt9ELGrJZbxx+fdiyFaBeWXnNPGfUYzytYwDy8yQ3SGJu+ggjbk9pBW68NPqVwsZYOSNrqtgYEeRaom3HC/qZriXI+KSnyzOpZedRfCJI/NqHAXGOXUthyIP5Z3WB0FlEpjWMoSRI4myJUFKcJntAUyGgWfO8lkjes2PdQuSwpNJ6jLyPAFlaGkVbvEV++guTOPr45Aq+oupN37fTEos14CerrQBCVCXRhI1M/XtrnNjeI9ri67d185qL+Doqc6qUAnE28LekQy6zNzhzUL/YYj58VetE3LTMsvJORIms0jd0Z2WKGsSbXpwQTolApGnRZyntbS4g0OqJYx3UCGtmUBSsPuNnB2ZudrBZ/MeE9iMG4TcVQa81VMNtPaUjJOMJwhk5JFo3BZZTTy3Ig7Ncs4CTNkt/SwFq3xjh8Xn4mYFojRbWpKLDPOSY09f3RyEoqDtzAw9n6tM9icJNa7g1sovx1ZWwtXoFIr5zEeE2jpcY7fjNpEM8vzVpTRnUIjFC9YJ41t3NsqVC0nR2TG2pqTmC5vXp82DIQ++oymf8pbvC/O8bBqSwhr7Zy2bI0JREmjpMsIpmYIBEWzwj0v4sb/J9xioMDPYVDMUYVB/FHMT0e9QP9YKMn1jMbqNFCTeoT6y1G7P0mNbOZLtOMYUU5EbrTcLLy4LfBddYifNdtU7kqEu0xNgqqC6C1E9V3notUj+/BR/dvuqRRu5r54yPqOw8HZZ0o5+D7Ui7zz2sz/gI5l/mlEBwkeAxoHEkBiaY4gqHsZfGRhCLpbwU5PJI2sY4JI1x0qRohp+H5xdPHrTfUVCOWMdzcR3+ftNhbd52kZ50tzgeYPvNzVwuf0uVTUtKmhOqQYwPcnNu0ES6PRWui9sBcw9aBQj4GSXzMfWufMawY+5tzmr2AzPIcd8GYs41cebADW86jqdxQuOLj4/mouNY64ksvHJu7q83PyKETgFMEBq7SA1RMZBGB0dHV5Vnyq+whvgsNXuxUrO2+0ti5kh6qiPGJTxkR/AqZO+HjjmbGvaef7kO8fKNvm1BOTK9d09l7vYunMoBaUZdIkd434DlV0Q0Ub1suie30tq/BjGh8b4+Yp2HEeK+5eqYR7P6sTG7AeKLd4JdfPrp78rholhFPhZzth1QYjIkjH0maQqEfzcy77/72okvlznuBRdvAMV5zwEvYnOPPCc+qmEGhYYLEtGG6WCFtueZ/R1Mc/O8PcQgyRphrcTGSibLLWKEpdq08YCkixS/Q/RrI+c0rnMt/Q9ACxekL8rQ6n1yBTq26EKFrmZQn0dRkfqJWTohXV4H2S0mfnxBLr9b8KVR0YrotpRpFkwp4LdD5ON9XpFdZvcX7jsg3uUbyg5Kd7jZlZCDRlfSqbxOq4xWC0RyjrhlP6+7LpNGPtP0tchA0AcRVglenQBKMjhOWYqIkZQCNoCgA2Xcqp6kfMCGLcBwthzCFfJO4b+raXpX5Viko/wSdab0jwAc4JnG0WD/idF9FJXrq4thMioPalh5JeMNuNDI2bwqr732Obzr/wIUXk+jAPVOGm8fnhxzjUlFL3uP1WBPXKVKJ8QnhRWgCrBsZKnhY7GcRfUFMDOARrTtl2zygXgcC7qB+Rg4exRF9cfSyVnScXWHFEUIwEZNSFImzFPgWGqoNmDAI8jPvOAYVqJ5OnWAdYU8WJcK4jVlftuZ9wWXhvZ9UOYWpcmMvEygemK4EF5VssbDsO5lU4kOJiWcIhXOM9af9JnqHA3aIQzi9JuqRV+LRpztz9130wAuKW2RkXuntOh/uNC8YWjewmt6EoUe2qNi71l4PhGd1UrQvY3JJH6qNLMuISs9eGNYApnWLzhjCmP6s96FrA7kRXrJZAZWcrNH9Hc1w8L83wvkKHJwmcYCBBP1J0YKUwJgsjQmMwsjkH0Ccf7oJDvxcZpEr0/WOc2ES6l0SRgNLyW48pSx/rL4QjZQ1ewQTns+2QCEKOzvKUygeAJLFnoPw5FYBT8ZujqpjrchRg2bqaNF5AE8koNmlGoTEhx3Gmm5YPTUP9V0U2ssSP44Hr8reQm72n8AmwwHFRpcCiMnkUtg0RtIRTkQ4G8UJSabst1KsQFRvH7kn562vHm3ncKujf+bYGANVwo+yfhH43Ndwwsbh3UZhp5pp8aOApl3dHUHN8IzCBjwHmbzLpYspI6zO/Rk1/ml1ydnRbpwRViMlqn5nvZNDXzUsjSEBL9In0tgG5axIMHGYcfIoPB8Ue+B0zEHyTeXo8mWh860eYMkireLnCU7KMCyF0te+urCZMCkdIRQLyCRhkphMieRbaG9547yHr/k4OVXNlAlq9iEY9PREDoTmkKvZMg1C9gotdj9xNSI/LV1zyyO0lqAk9hbF9/qtztVgqfcnU9eOgstD4kTt8B7q5V7lo6Jt8pUWl8yvjV98nAA+p/VOZFX1lvg36ITVA7EVBC/uI7pC4uZj6GHPoings1GXZlnCULAkIR1vBmkG0ad53XqqwYNqPmEhck5zLho8zwhPxAUr0hACuFjp/Y4mOPjfG+BkGE0mFzdJgqAAAwCg2YSgEjK+RG2EJOyvAJvfvLpRPKw4ibRZHz5qLI/aTI+lh/3XgyzJOklvj3Mv0zsWu7brf6I7YrIdMrdl1QkkgjgB92TD59q0sygiYsD7V9+Qs0UQU8gpKonzNmdJ/PozcehDsEQflLiBar6miLmu0Fl+VhMFbj9tw1/ABmWTlGAQOgYshkRX27uMVBJnKZNFGQAM9a0U2zfsNDcyescjcB4paWWXWl26TME/USMowcDXT48nseoxms8nzi/4xkt3GK2V2zuWlpYbC6hkbmTjzo/A7MS6HZ4AdaSWg6Hl/Vxa7W332j1oS53nG/sJ9UmniR+DfHkKnfozhEqSV+JndAqX+jr37p7yurIbCYslwlZ4nRftjcWFw3/8JE5dRGEvu5CkFIuTFJ4CNKPjiLg8YnZZiW+hLXYRnmQekGcfb4RNeaPkZ+O7FVpPCuNDc7AVqW8vREuOwhKZVhFqe/FZITpvNnI/g2LwhyLEd9VZNy0OTlt7qd00pFpyv/NSQZhx9WmRwRycgEUUvjNRnw0z4XkskmTaptzT3VDvfRi1VIUw2qDPTyqdMnjWPlVIYZtePc2q2F1a2cRSQiCwsuEsElkYSfDDWjBqqJheyy4HFyupGz+sN0ytb376Hc1vUOrvDnBiBrsiSaOvj3KkTJwwICYolKEYHE8v5xj/d3Hz9dL/fBOcbXi0l83Ho2UROxmeNvf0BCly4vV21+8jWyIpzeDifUaNjwYprKlHFGipzu17efk0zgNzLbaPKkhzpixoZKDonnYYlKae+iMWX+qLm0vYwsrPpWKjnKaKc52HEyHNzrsxsUFDkY+Hd9FgA+SX0GHYGEQYmsURoC5tkiTU1fZARFIIjqU0+p3CKTDE7AIqlwNfQ0KkG9zXVXP8xR48DwtRGUnwIJKQqEJzQw+LMhvunmK62Ri4lIzezb2z5SbU3qu0WdeZ8mpQl0RKHt67vUHaSWnc5OebtFVBn014GtErT8mxU7rzIB/wLWKgnK/Y12s/D06SnZyGtv0mVZ53yIvLPZw7IJtbtkVV/lfoZCjCXC7isorZpeAAxhJIjBNZRiYRelmq75wiTRDgkpZ6vUksa9f5lveBYo3wehf24xY4T67YxAAIPGNR2to76+ggra2dacu3ROrnMLqdOdgO7f0y8l1L0dvnJcUUf+O9jEmA5t9UrMtYauwg5uE/2Jt4ZaFUKzYgo9s0dPUl8jThQZolb8rGPTCbU5ujIiamVAevIrENZVZZdMxs/h42yPtAopfcGEI5dLqtEalQvbytHChtaKC4684KTfeTgD6/ownO30Dnm8ZBI5TFAB7TaMJGLH51ToKiMRpgWHy9QZFfBTq/eZVzn8mPb4CwQ1Bc0jC/mTjcMWeueKxdxkcZbsk5QY2mc4sKJxIpzNTuqQC3OVucA94K3O2Od3fCpblCS91xq44YTpVOQnlUmT6uOpmzoMmNlxyIwDF7mh0KdikFzVtBmBrNCcxDzsSJa/an8kvoJESGpTiSEV+7P5nR11pRZAJYNiFpCo2/kwNybQf107XvDcLnndKqA+7Hj8eoBwD+IMRkPz+zwRrcdm1YCUQEFmvkbBw2RBx+uZeTl8FODLkU/oYC9rJenNe4of+emX6y9ntB1YEaZ5ZyEyGxRUZMShhYNyWPErkgKCbm3OBiNj8qMrzgldGmu2C5ZBp6rjvQVFfvKtuC3VQy5P0zdH4ahWcMApAougKKKDS6CjEhkChFGZb8bngxWmv1OF67sOYUAhjTOjRF8Dt18MY4huzlFk7nPo/JnMRGpUrPsPBxpj58C85PiBvDyam6rLzf3YJSJ8ehI8w/qGJAHdqQx8eU3UvfA0mlnwGcHYEcKUTdsQK/drNuxMvAo/MRGhjvkWvrRSWUiwHHrDeOZ4cuVY4OD9HQLeEC5I1c7iHOVbtD97thsCTELkdJZRgVxKS6Yi+m/KwbA4V0+pyg+Hc0w/kGnV8OceiMvuwzcumba20znMav1oIQTILSRExeUf4jmPNPN8XRQvnsmpNulijX0UJ7BGusNm4Wa4lugScaHIhDLQr5HmwvtUo5CxZjoqQkwq2+KD6oIxzePQoLCOehShbtWA161rthm1VrS9RVUIs/Khy9FQTyDtNkzRukyO+XY5cyjdE0+MmyY1C677957I9M42th6IiMKZIhSIr42igu139tzmvJvntYxaEheupgmF4eR3QQFSqbQjRFY9ww8kcqaOSeJLn22s5oyKF9nUKahLV+l+0UvJuh6V98HdytpksfE//ZbWoVSAkOGVMsGBM0c9jdIL2alarlpJ1c8EGP4hMVjadzdVvU8I7D9ojj6XlQ+jLemiaoskH48jiG6xa4PcV6fiq+x/7Qfh4ZEwiI4q/yJcNIlL3E3KXlEIpAaYxJAZ5+F5rfVNI5tNYCRtlc16ddo5/Ba1objZ54ejJc638oGBRo83kM8lxCb/lBxUoGzSMuWzQ1WNxN4Z2nZNy1MogdI4/818u8ISOX1N52Y7RtUmvNvFOnwzNi5BJWfXgfBrjH4wa93D3qUWcYWSRtOHS4EzdTURHE8LU+zw9DHz8nDJwVjrV9PAPHy1pT8sfnqkctOqOqoAWfwG5R7TXNlf6gskK4uQMqHu/f0RTnl7j5JnFoBE1ZFkOuSmYv3sQZhkXM1c/orz9RxQj2a+DmN69wbFiBalJib5NjPL2hwVF0jSGSRJiK/1ho5ogPkvuM0y3PFrw/S7TxbxPPwfJDfz8LvlwT5XZyfogvENGxd/9qLtuC8+Y7JkGFD+ConwnqysTE1Rbg9vJMY2IdDYgRaN6D77RX9EnH4PrfPIeTJCSJEygOWJxkUJy59mVKpimKYOnlPb6b46QMayMtCQMO3UD2XCmfjGUkzVqHKMNrEcx5L2xjGJWzUCvuncNG3sIvEWsqliWghfZubRvMfm4n8SuZZH1FHVTFX2Fa+XKWrAqpK0v0YvVbMwnqjbm6aaCrnEEgsrV84FhpR+bTPstivCVPhBh7T1FaLeWd6rFW/cvMMLhkodIHwbc5Dvu1sV8yK0IQDL0aOhF/fcQxwxIGz75/DqdTEHFSRYDuKJ66+5HCiRy8PF9IEw/J0xIfE44Lpoi0rYTpgP744PEnPTUtUVVQDi98JDvlkD52lrC0riW8amxqvBNNAeZpJ8UnFDeiuiC5ScqlJhmxyiQ347VOpjWcLlb1yVmywbUFA34Ph74vJjSQ54JdgolIKtqePlwePLAEeizMrWL3Ko3nMHB5aavbBmt4oSvRTByUy8/FBkYl1dsqxxl7/BPPcf78fwDweFac")

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

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `05_channels.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("05_channels")
