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
lesson = cnnlab.start_lesson("11_nin_googlenet", lang="en")

# %% [markdown]
# # Lesson 11 · NiN and GoogLeNet
#
# AlexNet and VGG end with huge fully connected layers, and their convolutions are mostly 3×3
# or larger. Two networks of 2013–2014 changed both. **Network in Network** (NiN; Lin, Chen &
# Yan, 2014) put a small multilayer perceptron at every pixel, built from 1×1 convolutions, and
# replaced the fully connected classifier by **global average pooling**. (VGG tried 1×1
# convolutions too, citing NiN: configuration C of Simonyan & Zisserman, 2015, Table 1, ends
# three of its blocks with a 1×1 convolution; the better configuration D uses 3×3 there
# instead, and that is the VGG-16 of lesson 10.) **GoogLeNet** (Szegedy et al., 2015)
# took both ideas and added the **Inception block**: several kernel sizes side by side, made
# affordable by 1×1 bottlenecks. This lesson verifies each idea with code, counts what it saves,
# and trains small versions of both networks.
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

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import alexnet, googlenet, googlenet_small, nin, nin_small
from cnnlab.models.nin import MLPConv
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · mlpconv: a small MLP at every pixel
#
# Lesson 05 showed that a 1×1 convolution is one fully connected layer applied to every pixel's
# channel vector. Stack two of them with ReLUs after a k×k convolution and you get NiN's
# **mlpconv** block:

# %%
cnnlab.show_source(MLPConv)

# %% [markdown]
# The first mlpconv block of the full-size NiN, drawn from the model (`block="features.0"`): a
# large strided convolution, then two 1×1 convolutions, each followed by its ReLU. Each box shows
# its output as *channels@height×width* and its trainable parameters.

# %%
cnnlab.draw_architecture(nin(), (3, 224, 224), block="features.0")
plt.show()

# %% [markdown]
# In other words, an mlpconv block is a three-layer MLP applied to every k×k patch of its input,
# the same MLP at every position. The first convolution reads a $c_\text{in}\times k\times k$ patch (its
# "input layer"), and each 1×1 convolution is a fully connected layer across channels. Let us
# check it: cut the input into patches with `F.unfold`, push every patch through an
# `nn.Sequential` of three `nn.Linear` layers holding the *same* weights, and compare.

# %%
torch.manual_seed(0)
c_in, c_out, k, h, w = 3, 8, 3, 6, 6
block = MLPConv(c_in, c_out, kernel_size=k, padding=1)
x = torch.randn(1, c_in, h, w)                                   # (N, C_in, H, W)

mlp = nn.Sequential(nn.Linear(c_in * k * k, c_out), nn.ReLU(),   # the k×k conv, as a Linear on the patch
                    nn.Linear(c_out, c_out), nn.ReLU(),          # 1×1 conv
                    nn.Linear(c_out, c_out), nn.ReLU())          # 1×1 conv
convs = [m for m in block if isinstance(m, nn.Conv2d)]
linears = [m for m in mlp if isinstance(m, nn.Linear)]
with torch.no_grad():
    for conv, linear in zip(convs, linears):
        linear.weight.copy_(conv.weight.reshape(conv.out_channels, -1))   # (c_out, c_in·k·k) or (c_out, c_out)
        linear.bias.copy_(conv.bias)
    patches = F.unfold(x, kernel_size=k, padding=1)                # (N, c_in·k·k, H·W): one column per position
    per_pixel = mlp(patches.transpose(1, 2))                        # (N, H·W, c_out): the MLP on every patch
    per_pixel = per_pixel.transpose(1, 2).reshape(1, c_out, h, w)   # (N, c_out, H, W)
    y = block(x)
print("mlpconv output:", tuple(y.shape), " per-patch MLP output:", tuple(per_pixel.shape))
print("equal up to 1e-6:", torch.allclose(y, per_pixel, atol=1e-6))

# %% [markdown]
# The 1×1 convolution is often described as a fully connected layer applied by convolution:
# the channels are the features and the pixels the samples (lesson 05; Lin et al. call it
# "cross channel parametric pooling", §3.1). NiN's name says the same thing one level up: the
# "network" inside the network is this MLP, slid over the image like a kernel. Compared with a
# single k×k convolution, it can compute a *nonlinear* function of each patch before the next
# layer mixes positions. The parameters follow from the layers
# ($c_\text{out}(c_\text{in}k^2 + 1) + 2\,c_\text{out}(c_\text{out} + 1)$):

# %%
formula = cnnlab.conv_params(c_in, c_out, k) + 2 * cnnlab.conv_params(c_out, c_out, 1)
print("formula:", formula, " PyTorch:", sum(p.numel() for p in block.parameters()),
      " the MLP:", sum(p.numel() for p in mlp.parameters()))

# %% [markdown]
# ### Quick check · the cost of a 1×1 convolution (1 point)
#
# GoogLeNet's block 3a (section 3) has a branch that is a single 1×1 convolution from 192 to 64
# channels on a 28×28 input.

# %% tags=["exercise:macs_1x1"]
numeric("macs_1x1", answer=9633792, digits=0, unit="MACs",
        prompt="How many multiply–accumulates does that 1×1 convolution (192 → 64 channels, 28×28 output) need for one image?",
        hint="MACs = out_h · out_w · c_in · k_h · k_w · c_out, with k = 1: every output number is a dot product over the 192 channels of one pixel.",
        explanation="28 · 28 · 192 · 1 · 1 · 64 = 784 · 12,288 = 9,633,792 — the same as cnnlab.conv_macs(192, 64, 1, 28).")

# %% [markdown]
# ## 2 · Global average pooling instead of fully connected layers
#
# NiN's last mlpconv block has as many output channels as there are classes; **global average
# pooling** then replaces each whole feature map by its mean, and these means are the class
# scores. No fully connected layer at all. Global average pooling is just a mean over height
# and width:

# %%
torch.manual_seed(0)
maps = torch.randn(2, 10, 5, 5)                                  # (N, classes, H, W)
scores = nn.AdaptiveAvgPool2d(1)(maps).flatten(1)                # (N, classes)
print("shape:", tuple(maps.shape), "→", tuple(scores.shape))
print("equals maps.mean(dim=(2, 3)):", torch.allclose(scores, maps.mean(dim=(2, 3))))

# %% [markdown]
# What does that save? AlexNet's classifier maps the 256 × 6 × 6 = 9,216 numbers of its last
# feature maps through two layers of 4,096 units to 1,000 classes. NiN's "head" is its last
# mlpconv block (384 channels in, 1,000 classes out) plus a pooling layer without parameters.
# We build both full-size models on PyTorch's `meta` device (shapes, no numbers), so counting
# is instant:

# %%
with torch.device("meta"):
    alex, network_in_network = alexnet(), nin()
print(alex.classifier)
alex_head = sum(p.numel() for p in alex.classifier.parameters())
alex_total = sum(p.numel() for p in alex.parameters())
nin_head = sum(p.numel() for p in network_in_network.features[-1].parameters())
nin_total = sum(p.numel() for p in network_in_network.parameters())
print(f"AlexNet: classifier {alex_head:,} of {alex_total:,} parameters ({alex_head / alex_total:.1%})")
print(f"NiN:     last mlpconv {nin_head:,} of {nin_total:,} parameters; global average pooling: 0")
print(f"AlexNet's classifier / NiN's last block: {alex_head / nin_head:.0f}×")

# %% [markdown]
# AlexNet keeps almost all its parameters in the three fully connected layers, and needs
# dropout to keep them from overfitting. Lin et al. argue that global average pooling is itself
# a structural regulariser (§3.2): with nothing to learn in the head, each feature map is forced
# to act as a confidence map for one class. Because the pool sums out the spatial information,
# they also write that it is "more robust to spatial translations of the input". More robust,
# not invariant: as lessons 01 and 06 explain, the zero padding at the borders and the strides and
# pools on the way (aliasing) change the feature maps when the input moves, so their means change
# too. A freshly initialised `nin_small` (section 5) shows it: shift an object by a few pixels and
# the ten class scores are no longer the same:

# %%
torch.manual_seed(0)
probe = nin_small(width=8, dropout=0.0).eval()
x = torch.zeros(1, 1, 28, 28)
x[..., 6:22, 6:22] = torch.rand(16, 16)                           # an "object" on a blank background
with torch.no_grad():
    base = probe(x)                                               # (1, 10) class scores
    spread = (base.max() - base.min()).item()
    for dx in (1, 2, 4, 6):                                       # the object keeps 6 blank columns on its right
        moved = probe(F.pad(x, (dx, 0))[..., :28])                # moved dx pixels right, zeros in on the left (lesson 06)
        change = (moved - base).abs().max().item()
        print(f"shift {dx} px: scores identical: {torch.equal(moved, base)}, "
              f"largest change / spread of the scores: {change / spread:.2f}")

# %% [markdown]
# Global average pooling also makes the network accept any input size — the pool averages
# whatever height and width arrive.
#
# ### Quick check · what global average pooling replaces (1 point)

# %% tags=["exercise:gap_replaces"]
choice("gap_replaces", answer=2,
       options=["The max-pooling layers between the convolutional blocks.",
                "The 1×1 convolutions inside each mlpconv block.",
                "The fully connected layers that turn the last feature maps into class scores.",
                "The softmax at the output."],
       prompt="In NiN, what does global average pooling replace?",
       hint="Look at the parameter counts above: which part of AlexNet holds most of its parameters, and what has NiN instead?",
       explanation="It replaces the fully connected classifier (flatten → 4096 → 4096 → 1000 in AlexNet): the last block "
                   "outputs one map per class and the pool averages each map into that class's score. Max pooling "
                   "between blocks, the 1×1 convolutions and the softmax (inside the loss) all stay.")

# %% [markdown]
# ### Exercise · Global average pooling (2 points)
#
# Complete `gap(x)`: for a tensor of shape $(N, C, H, W)$ return the $(N, C)$ tensor of the
# means over each feature map. Do not call a pooling layer.

# %% tags=["exercise:gap"]
def gap(x):
    """Global average pooling: (N, C, H, W) → (N, C), the mean of every feature map."""
    ### BEGIN SOLUTION
    return x.mean(dim=(2, 3))
    ### END SOLUTION


# %% tags=["exercise:gap"]
_ = check_function("gap", gap, [
    ((torch.ones(1, 2, 3, 3),), torch.ones(1, 2)),
    ((torch.arange(8.0).reshape(1, 2, 2, 2),), torch.tensor([[1.5, 5.5]])),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(11)
for _shape in [(2, 3, 5, 7), (1, 1, 1, 1), (4, 10, 2, 2), (3, 6, 9, 1)]:
    _x = torch.randn(_shape)
    _want = nn.AdaptiveAvgPool2d(1)(_x).flatten(1)
    expect_value(gap(_x), _want, case=_shape, rtol=1e-5, atol=1e-6)
### END HIDDEN TESTS

# %% [markdown]
# ## 3 · The Inception block
#
# Which kernel size is best, 1×1, 3×3 or 5×5? GoogLeNet does not choose: an Inception block runs
# four branches on the same input and concatenates their outputs along the channels. Here is
# block 3a of the full GoogLeNet (built on the `meta` device, shapes only), which receives 192
# channels at 28×28, drawn with `cnnlab.draw_architecture`:

# %%
with torch.device("meta"):
    full = googlenet()
block3a = full.inception3a
cnnlab.draw_architecture(full, (3, 224, 224), block="inception3a", fuse=True)
plt.show()

# %% [markdown]
# The diagram is computed from the module: the four branches side by side, their concatenation
# below. Every convolution box is a `BasicConv2d` (convolution, batch norm, ReLU — `fuse=True`
# draws the three as one box; torchvision added the batch norm, the 2015 paper had none). The
# branches' output channels add up to the block's output channels, and every branch keeps the
# 28×28 size (padding, and a stride-1 pool), so the concatenation works:

# %%
def out_channels(branch):
    """Output channels of a branch: those of its last convolution."""
    return [m for m in branch.modules() if isinstance(m, nn.Conv2d)][-1].out_channels


widths = [out_channels(getattr(block3a, f"branch{i}")) for i in range(1, 5)]
y = block3a(torch.zeros(1, 192, 28, 28, device="meta"))
print(" + ".join(map(str, widths)), "=", sum(widths), "channels; output shape:", tuple(y.shape))

# %% [markdown]
# ### The 1×1 bottleneck, again
#
# Branches 2 and 3 start with a 1×1 convolution that *reduces* 192 channels to 96 and 16 before
# the expensive spatial kernel. In the paper's Table 1, branch 3 of block 3a is exactly the
# example of lesson 05: reduce 192 → 16 channels, then 5×5 kernels produce 32 channels at 28×28.
# Recomputed with `cnnlab.conv_macs`:

# %%
direct = cnnlab.conv_macs(192, 32, 5, 28)
reduced = cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 5, 28)
print(f"5×5 on all 192 channels:        {direct:,} MACs")
print(f"1×1 to 16 channels, then 5×5:   {reduced:,} MACs  ({direct / reduced:.1f}× fewer)")
torchvision_branch = cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 3, 28)
print(f"torchvision's branch (1×1, 3×3): {torchvision_branch:,} MACs")

# %% [markdown]
# The same 120,422,400 and 12,443,648 as in lesson 05: that example *is* this branch. One
# detail differs in code: torchvision's GoogLeNet (and `cnnlab.models.googlenet`, which copies
# it so that its weights load) uses a **3×3** kernel in this branch, not the paper's 5×5 — a
# known quirk of the torchvision implementation; the module names still say "5x5".
#
# Without the reductions, block 3a would be far more expensive. `cnnlab.summary` counts the
# whole block as it is, and a version where branches 2 and 3 read all 192 channels directly,
# with the same kernel sizes as the block it is compared with (3×3 in both branches):

# %%
from cnnlab.models.googlenet import BasicConv2d


class InceptionNoReduce(nn.Module):
    """Block 3a without the 1×1 reductions: both 3×3 branches read all input channels."""

    def __init__(self, c_in=192):
        super().__init__()
        self.branch1 = BasicConv2d(c_in, 64, kernel_size=1)
        self.branch2 = BasicConv2d(c_in, 128, kernel_size=3, padding=1)
        self.branch3 = BasicConv2d(c_in, 32, kernel_size=3, padding=1)     # 3×3, as in torchvision's "5x5" branch
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), BasicConv2d(c_in, 32, kernel_size=1))

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


with torch.device("meta"):
    plain_block = InceptionNoReduce()
block_macs = {}
for label, module in [("block 3a as built (torchvision)", block3a), ("without 1×1 reductions", plain_block)]:
    s = cnnlab.summary(module, (192, 28, 28))
    block_macs[label] = s.total_macs
    print(f"{label:32s}: {s.total_params:>9,} parameters, {s.total_macs:>12,} MACs ({scaled(s.total_macs)})")
print(f"without the reductions the block needs {block_macs['without 1×1 reductions'] / block_macs['block 3a as built (torchvision)']:.1f}× the MACs")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), constrained_layout=True)
axes[0].bar(["AlexNet:\nfully connected head", "NiN: last mlpconv\n+ global average pooling"],
            [alex_head / 1e6, nin_head / 1e6], color=["tab:red", "tab:blue"])
axes[0].set_ylabel("parameters (millions)", fontsize=11)
axes[0].set_title("Classifier head", fontsize=12)
axes[1].bar(["5×5 on 192 channels", "1×1 to 16, then 5×5"], [direct / 1e6, reduced / 1e6],
            color=["tab:red", "tab:blue"])
axes[1].set_ylabel("multiply–accumulates (millions)", fontsize=11)
axes[1].set_title("Block 3a, branch 3 (28×28 → 32 channels)", fontsize=12)
for ax, values in [(axes[0], [alex_head / 1e6, nin_head / 1e6]), (axes[1], [direct / 1e6, reduced / 1e6])]:
    for position, value in enumerate(values):
        ax.text(position, value, f"{value:.1f}", ha="center", va="bottom", fontsize=11)
    ax.set_ylim(0, max(values) * 1.15)
fig.suptitle("What global average pooling and the 1×1 bottleneck save", fontsize=13)
plt.show()

# %% [markdown]
# ### Quick check · the next block (1 point)
#
# Block 4a receives 480 channels at 14×14 and has branches with 192 (1×1), 208 (3×3), 48 ("5×5")
# and 64 (pool projection) output channels.

# %% tags=["exercise:inception4a_shape"]
shape("inception4a_shape", answer=(512, 14, 14),
      prompt="What is the shape (C, H, W) of block 4a's output for one image?",
      hint="Every branch keeps the height and width; the outputs are concatenated along the channels.",
      explanation="192 + 208 + 48 + 64 = 512 channels, and the size stays 14×14: (512, 14, 14). "
                  "The input's 480 channels do not appear in the output shape.")

# %% [markdown]
# ## 4 · The whole networks
#
# `cnnlab.summary` on the full-size models (on the `meta` device) gives the totals per 224×224
# image. GoogLeNet, 22 layers deep, has fewer parameters than NiN and a tenth of AlexNet's —
# global average pooling and the bottlenecks at work:

# %%
for name, make in [("AlexNet", alexnet), ("NiN", nin), ("GoogLeNet", googlenet)]:
    with torch.device("meta"):
        model = make()
    s = cnnlab.summary(model, (3, 224, 224))
    print(f"{name:9s}: {s.total_params:>10,} parameters ({scaled(s.total_params)}), "
          f"{scaled(s.total_macs)} MACs per image")

# %% [markdown]
# GoogLeNet's stages, drawn with `depth=1`: each module directly under the network is one box, so
# every Inception block is a single box with its output and parameters, between the max pools
# that halve the size. Read it column by column.

# %%
cnnlab.draw_architecture(full, (3, 224, 224), depth=1, fuse=True)
plt.show()

# %% [markdown]
# GoogLeNet's count is without its two auxiliary classifiers, small side networks attached to
# blocks 4a and 4d during training only (torchvision builds them with `aux_logits=True`).
#
# ## 5 · Training the small versions
#
# `nin_small` and `googlenet_small` keep the ideas at Fashion-MNIST size: mlpconv blocks and a
# global-average-pooling head for the first; a strided stem, three Inception blocks, global
# average pooling and one linear layer for the second. We use `width=8` to keep the CPU time
# small:

# %%
small_models = {"nin_small": nin_small(width=8, dropout=0.0), "googlenet_small": googlenet_small(width=8)}
for name, model in small_models.items():
    s = cnnlab.summary(model, (1, 28, 28))
    print(f"{name:15s}: {s.total_params:,} parameters, {s.total_macs:,} MACs per image")

# %% [markdown]
# Both train for 4 epochs with the settings of lessons 09 and 10: AdamW with a one-cycle schedule,
# batches of 128, the channels-last layout, and label smoothing for GoogLeNet (quick mode: 2,000
# images, 2 epochs; each `History` line ends with the seconds its run took). NiN has no batch norm and starts slowly, so for
# a run this short we switch off its dropout (`dropout=0.0` above), which otherwise slows the
# first epochs down a lot. GoogLeNet's `BasicConv2d` has batch norm and takes a larger
# learning rate.

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_loader, test_loader = cnnlab.loaders("fashion-mnist", batch_size=128)
settings = dict(epochs=4, optimizer="adamw", weight_decay=0.01, schedule="onecycle", channels_last=True)
histories = {
    "nin_small": cnnlab.fit(small_models["nin_small"], train_loader, test_loader, lr=0.003, **settings),
    "googlenet_small": cnnlab.fit(small_models["googlenet_small"], train_loader, test_loader, lr=0.01,
                                  loss_fn=nn.CrossEntropyLoss(label_smoothing=0.1), **settings),
}
for name, history in histories.items():
    print(name, history)

# %%
print("nin_small: test accuracy above 0.25 (chance 0.1):      ", histories["nin_small"].test_acc[-1] > 0.25)
print("googlenet_small: test accuracy above 0.3 (chance 0.1):", histories["googlenet_small"].test_acc[-1] > 0.3)

# %% [markdown]
# The thresholds above are deliberately low, because the same checks also run in quick mode,
# where both networks see 2,000 images twice — far from what they can do. The two `History`
# lines above show what 4 epochs on all 60,000 images reach.
#
# The library's tuned recipes go further: NiN at full width and with its dropout, and more
# epochs for both (`cnnlab.train_recipe("nin")` trains one in a notebook):

# %%
print(cnnlab.recipe("nin"))
print()
print(cnnlab.recipe("googlenet"))

# %% [markdown]
# ## Common mistakes
#
# - **"A 1×1 convolution does nothing."** It mixes channels; with ReLUs, stacked 1×1
#   convolutions are an MLP at every pixel.
# - **Confusing global average pooling with a fully connected layer.** The pool has no
#   parameters; it only averages. In NiN the last convolution must already have one channel
#   per class.
# - **"Global average pooling makes the network shift-invariant."** Only approximately: padding,
#   strides and pools change the feature maps when the input moves (section 2).
# - **Adding instead of concatenating.** An Inception block *concatenates* its branches along
#   the channels (ResNet, lesson 12, adds). Every branch must keep the height and width.
# - **Calling MACs parameters.** 12,443,648 is a count of multiplications for one image, not of
#   weights (lesson 05).
# - **Expecting 5×5 in torchvision's GoogLeNet.** Its "5x5" branch uses 3×3 kernels.
#
# ## Sources
#
# - M. Lin, Q. Chen, S. Yan, *Network In Network*, ICLR 2014 (mlpconv and the 1×1 convolution,
#   §3.1; global average pooling, §3.2).
# - C. Szegedy et al., *Going Deeper with Convolutions*, CVPR 2015 (GoogLeNet; Table 1 gives the
#   branch widths of every Inception block).
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012 (AlexNet's classifier).
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image
#   Recognition*, ICLR 2015 (Table 1: configuration C with 1×1 convolutions).
# - torchvision's `googlenet` (the 3×3 kernel in the "5x5" branch; batch norm in BasicConv2d).
# - A. Zhang et al., *Dive into Deep Learning*, §8.3–8.4 (the NiN layout used by `cnnlab.models.nin`). <!-- parity-ignore: 8.3 8.4 -->
