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
lesson = cnnlab.start_lesson("12_resnet", lang="en")

# %% [markdown]
# # Lesson 12 · ResNet
#
# Stacking more layers should never hurt: a deeper network could copy a shallower one and set
# its extra layers to the identity. Yet in 2015 deeper plain networks trained *worse*. He,
# Zhang, Ren and Sun (2016) named this the **degradation problem** and fixed it with one line
# of code — add the block's input to its output. This lesson reproduces the problem on
# Fashion-MNIST, looks at the gradients, takes the residual and bottleneck blocks apart,
# counts ResNet-18/34/50, trains a small ResNet and looks at what its layers compute.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import plain_small, resnet_small, resnet18, resnet34, resnet50
from cnnlab.models.resnet import BasicBlock, Bottleneck, make_layer
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · The degradation problem
#
# Figure 1 of the ResNet paper trains two *plain* networks (convolutions, batch norm, ReLU, no
# shortcuts) on CIFAR-10: one with 20 layers, one with 56. The 56-layer network ends with the
# higher error on the **test** set — and also on the **training** set. That second curve is
# the point. Overfitting means a model fits the training data *better* and generalises worse;
# here the deeper model fits the training data worse. It is not a lack of capacity either
# (the 56-layer network contains the 20-layer one as a special case). The optimizer simply
# fails to find the good weights.
#
# We repeat the experiment at laptop size. `cnnlab.models` has the CIFAR-style ResNet of the
# paper's §4.2 scaled to 28×28 images (`resnet_small`, depth $6n+2$; section 6 lists how it
# differs from the paper's network) and the same network without shortcuts (`plain_small`).
# Same convolutions, same batch norm; the plain one only loses the additions (and the two 1×1
# projection convolutions where a stage changes shape):

# %%
WIDTH = 8                                   # channels of the first stage (16 in the paper; 8 is faster)
for name, make in [("plain-8  ", lambda: plain_small(8, width=WIDTH)),
                   ("plain-20 ", lambda: plain_small(20, width=WIDTH)),
                   ("resnet-20", lambda: resnet_small(20, width=WIDTH))]:
    model = make()
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    params = sum(p.numel() for p in model.parameters())
    print(f"{name}: {convs:2d} convolutions, {params:,} parameters")

# %% [markdown]
# (resnet-20 counts 21 convolutions and the plain network 19 — the two extra ones are the 1×1
# projections; depth counts the layers on the main path: 19 convolutions + 1 linear = 20.)
#
# Three networks — plain-8, plain-20 and resnet-20 — now train on **the same batches** in the
# same order from the same seed, with SGD and momentum. We record the training loss at every
# step. In quick mode that is 150 steps on 2,000 images; in full mode ten times as many
# steps on all 60,000 (the number of epochs is printed below).

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
images = cnnlab.fashion_mnist("train")
if quick:
    images = images.subset(2_000)
STEPS = 150 if quick else 1_500
BATCH = 32
X_all = images.images.float() / 255         # (N, 1, 28, 28)
y_all = images.labels                       # (N,)
device = cnnlab.device()  # the GPU if there is one: train_steps moves each batch there
print(f"{len(y_all):,} training images, {STEPS} steps of {BATCH} images = {STEPS * BATCH / len(y_all):.1f} epochs")


def train_steps(model, steps=STEPS, seed=0, lr=0.05):
    """SGD with momentum on random batches; the batch order depends only on `seed`. Returns the losses."""
    batches = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.train()
    losses = []
    for _ in range(steps):
        index = torch.randint(0, len(y_all), (BATCH,), generator=batches)
        loss = F.cross_entropy(model(X_all[index].to(device)), y_all[index].to(device))     # model(...): (BATCH, 10)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return np.array(losses)


# %% tags=["nbval-ignore-output"]
networks = {"plain-8": lambda: plain_small(8, width=WIDTH),
            "plain-20": lambda: plain_small(20, width=WIDTH),
            "resnet-20": lambda: resnet_small(20, width=WIDTH)}
curves, trained = {}, {}
start = time.perf_counter()
for name, make in networks.items():
    cnnlab.seed(0)
    trained[name] = make().to(device)
    curves[name] = train_steps(trained[name])
    trained[name].cpu()
    print(f"{name:9s}: mean training loss over the last 20 steps {curves[name][-20:].mean():.3f}")
last20 = {name: curve[-20:].mean() for name, curve in curves.items()}
print(f"margins: plain-20 − plain-8 {last20['plain-20'] - last20['plain-8']:.3f}, "
      f"plain-20 − resnet-20 {last20['plain-20'] - last20['resnet-20']:.3f}")
print(f"3 networks × {STEPS} steps in {time.perf_counter() - start:.1f} s")

# %% tags=["nbval-ignore-output"]
def smooth(values, width=10):
    """Moving average over `width` steps."""
    return np.convolve(values, np.ones(width) / width, mode="valid")


fig, ax = plt.subplots(figsize=(8, 4.2), constrained_layout=True)
styles = {"plain-8": ("tab:gray", "--"), "plain-20": ("tab:red", "-"), "resnet-20": ("tab:blue", "-")}
for name, losses in curves.items():
    color, line = styles[name]
    ax.plot(np.arange(10, len(losses) + 1), smooth(losses), line, color=color, lw=2, label=name)
ax.axhline(math.log(10), color="gray", lw=0.8, ls=":", label="ln 10: guessing")
ax.set_xlabel("training step (batch of 32)", fontsize=11)
ax.set_ylabel("training loss (cross-entropy)", fontsize=11)
ax.set_title("Degradation: the deeper plain network trains worse; the residual one does not", fontsize=12)
ax.legend(fontsize=10)
plt.show()

# %% [markdown]
# The numbers above vary from machine to machine; the two comparisons below held for every seed
# we tried (four of them) in quick mode. The margins are small — in the stored full-mode run both
# are under 0.1 — so the check asks for a margin of 0.05, and the cell prints both. We compare
# the mean **training** loss over the last 20 steps:

# %%
final = {name: curves[name][-20:].mean() for name in curves}
print("degradation: plain-20 ends more than 0.05 above plain-8 in training loss:  ",
      bool(final["plain-20"] - final["plain-8"] > 0.05))
print("the shortcut fixes it: resnet-20 ends more than 0.05 below plain-20:       ",
      bool(final["plain-20"] - final["resnet-20"] > 0.05))

# %% [markdown]
# Twelve more layers made the plain network *worse at fitting its own training data*; the same
# twelve layers with shortcuts did not. (In the paper, the residual network also gains from
# depth: ResNet-56 beats ResNet-20. A run this short cannot show that part; in this
# short run resnet-20 and plain-8 end close together.)
#
# A caveat: this demo measures *early optimisation* — the training loss after at most a few
# epochs (their number is printed above) — not the accuracy reached at the end of training.
#
# ## 2 · What goes wrong: look at the gradients
#
# Why does the plain network train badly? It is often said that a few bad layers make every
# layer after them go wrong too. The paper is more careful:
# with batch normalization the signals neither vanish nor explode in the *forward* pass, and
# He et al. report that the backward gradients had healthy norms too; they conjecture that the
# deep plain networks have "exponentially low convergence rates". Later work looked closer:
# in deep plain networks with batch normalization, the gradient **grows** from layer to layer
# on its way back to the input (Yang et al., 2019), and it becomes noise-like (Balduzzi et al.,
# 2017). Let us measure it: one batch of 64 images, freshly initialised networks (seeded), and
# the norm of the gradient of the loss with respect to every convolution's weights.

# %%
def gradient_norms(model, X, y):
    """Norm of dLoss/dW for each convolution on the main path (no 1×1 projections), input to output."""
    model.train()
    model.zero_grad()
    F.cross_entropy(model(X), y).backward()
    return np.array([m.weight.grad.norm().item() for name, m in model.named_modules()
                     if isinstance(m, nn.Conv2d) and "downsample" not in name])


X_batch, y_batch = X_all[:64], y_all[:64]
norms = {}
for depth in (8, 20, 56):
    for kind, make in [("plain", plain_small), ("resnet", resnet_small)]:
        cnnlab.seed(0)
        norms[kind, depth] = gradient_norms(make(depth, width=WIDTH), X_batch, y_batch)

# %% tags=["nbval-ignore-output"]
print("gradient norm of the first convolution, and first / last convolution")
for depth in (8, 20, 56):
    for kind in ("plain", "resnet"):
        g = norms[kind, depth]
        print(f"{kind:6s}-{depth:<2d}: first layer {g[0]:9.3f}, first / last = {g[0] / g[-1]:8.1f}")

# %%
fig, ax = plt.subplots(figsize=(8, 4.2), constrained_layout=True)
for kind, color in [("plain", "tab:red"), ("resnet", "tab:blue")]:
    g = norms[kind, 56]
    ax.semilogy(np.arange(1, len(g) + 1), g, "o-", ms=3, color=color, label=f"{kind}-56")
ax.set_xlabel("convolution (1 = next to the input)", fontsize=11)
ax.set_ylabel("gradient norm ‖∂loss/∂W‖ (log scale)", fontsize=11)
ax.set_title("At initialisation, 56 layers: gradient norm of every convolution", fontsize=12)
ax.legend(fontsize=10)
plt.show()

# %% [markdown]
# The exact numbers depend on the seed and the machine; these statements held for every seed we tried (0–3):

# %%
plain56, res56 = norms["plain", 56], norms["resnet", 56]
print("plain-56: the first layer's gradient is over 100× the last layer's:", bool(plain56[0] / plain56[-1] > 100))
print("resnet-56: first and last layer within a factor of 100:            ", bool(res56[0] / res56[-1] < 100))
print("plain-56's first-layer gradient is over 10× resnet-56's:           ", bool(plain56[0] > 10 * res56[0]))
print("at depth 8 the plain network is still tame (within a factor of 10):", bool(norms["plain", 8][0] / norms["plain", 8][-1] < 10))

# %% [markdown]
# In the plain network the layers near the input get gradients more than a hundred times larger
# than those near the output, so no single learning rate suits them all, and the gradients there
# carry little useful information about the loss. In the residual network the spread between
# the first and the last layer is far smaller. The reason is the shape of a residual block: for
# $y = x + F(x)$ the Jacobian is $I + \partial F/\partial x$, so the gradient always has a direct
# path back through the identity, added to whatever passes through $F$. That is exact for the
# pre-activation blocks of He et al.'s follow-up paper (2016), which end with the addition; the
# blocks here apply a ReLU after it, $y = \mathrm{ReLU}(x + F(x))$, so the identity path passes
# only where the sum is positive.
#
# ## 3 · The residual block
#
# A residual block computes
#
# $$y = \mathrm{ReLU}\big(F(x) + x\big), \qquad F(x) = \mathrm{BN}(W_2 * \mathrm{ReLU}(\mathrm{BN}(W_1 * x))).$$
#
# Here is the library's `BasicBlock` (ResNet-18 and -34 use it); `residual=False` gives the
# plain block used above:

# %%
cnnlab.show_source(BasicBlock.forward)

# %% [markdown]
# **The block always computes both $F(x)$ and $x$ and adds them.** A common explanation says
# otherwise: the block compares $F(x)$ with $x$, uses $F(x)$ if it is better and otherwise keeps
# $x$, as if the layers were thrown away. There is no
# comparison and no switch in the code: the sum is taken every time, for every input. What the
# shortcut changes is *what is easy to learn*. If the best thing for a block is to do nothing,
# a residual block only has to drive $F$ to zero (weights towards 0, which weight decay does
# anyway), while a plain block would have to make two convolutions with ReLUs between them
# reproduce their input exactly. So the layers learn a correction, the **residual**
# $F(x) = H(x) - x$, to the identity.
#
# Let us check the "F = 0 is the identity" claim. Setting the last batch norm's scale γ to 0
# makes $F(x) = 0$ exactly (torchvision offers this as `zero_init_residual=True`, after Goyal
# et al., 2017). The block then returns $\mathrm{ReLU}(x) = x$ for a non-negative input (the
# previous block ends with a ReLU, so its inputs are non-negative); the plain block returns
# zeros:

# %%
torch.manual_seed(0)
x = torch.relu(torch.randn(2, 16, 7, 7))          # (N, C, H, W), non-negative like a ReLU output
for residual in (True, False):
    block = BasicBlock(16, 16, residual=residual).eval()
    nn.init.zeros_(block.bn2.weight)              # γ = 0: F(x) = 0
    y = block(x)
    print(f"residual={residual!s:5}: output equals input: {torch.equal(y, x)!s:5}, "
          f"output is all zeros: {bool((y == 0).all())}")

# %% [markdown]
# ### Quick check · what the block computes (1 point)

# %% tags=["exercise:what_block_does"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("what_block_does", key="953a8a6011294b8c861a53002ac2cca6",
       options=["It computes F(x), compares it with x, and passes on whichever is better.",
                "It always passes on ReLU(F(x) + x); if F learns to output zero, the block acts as the identity.",
                "It skips its two convolutions during training and uses them only at test time.",
                "It computes F(x) − x so that the output is zero on average."],
       prompt="What does a residual block y = ReLU(F(x) + x) do with its input x?",
       hint="Read BasicBlock.forward above: is there an `if` that depends on the values of F(x)?",
       explanation="sealed:00N4DdfyYYjGUkkTe5yFeYyWgSSASGPiNEbmbP/Ddvt50JZegcK/EcgVXoMZbmETin4LKILH9wAIpF/ObSEkiWFogrogpvvAk3EHbTY151r1zgYZGgUDy2cSJebejYzA69NInd4He1CgzMMQfLhTahCf6xmVSipEl37Tk5UZ3iXhIipXDdAC0FT1o+WhTzf4yEKjqsKBy103O5Ihv47qsdD94Tl8URmzyQWBBcTqyeIoO4W10Nz2")

# %% [markdown]
# ### When the shape changes: the projection shortcut
#
# $x$ and $F(x)$ can only be added if they have the same shape. The first block of a stage
# halves the height and width (stride 2) and doubles the channels, so there the shortcut is a
# **projection**: a 1×1 convolution with stride 2, followed by batch norm (option B of the
# paper). `make_layer` adds it exactly where input and output shapes differ:

# %%
stage, _ = make_layer(BasicBlock, 64, 128, blocks=2, stride=2)
print(stage[0].downsample)
x = torch.zeros(1, 64, 56, 56)
print("block 0:", tuple(x.shape), "→", tuple(stage[0](x).shape), " (projection shortcut)")
print("block 1:", tuple(stage[0](x).shape), "→", tuple(stage(x).shape), " (identity shortcut:", stage[1].downsample, ")")

# %% [markdown]
# ### Quick check · the parameters of one block (1 point)
#
# ResNet-18's first stage has blocks with 64 input and 64 output channels and no projection.

# %% tags=["exercise:basic_block_64"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("basic_block_64", key="c0db03b2f5637db81a7c9424dd43d1f1", digits=0, unit="parameters",
        prompt="How many parameters does BasicBlock(64, 64) have, batch-norm scales and shifts included?",
        hint="Two 3×3 convolutions from 64 to 64 channels without bias, and two batch norms with a γ and a β per channel.",
        explanation="sealed:KFNbve+0Dfif9tOEqRgbMGJ8DaHfs5dw7d4BiDAZWZ5fPeC25AVDe4CxGAMdqLzYk5JJhMubeMdj0zlqbXDF52soWeygIHT3tPfbAV5sSLgdosfYfmOVUfJQhD53CpqLWugm214S3cvXBmYxcPmO0UDhVPgW30y3P4sLpmUHkRcXVqSdS2ZpFdOtWL23lHcxuM8X34Y8gqI8SgHwPlDs4FsD9c6/pJB3A/RX")

# %% [markdown]
# Here are ResNet-18's first two kinds of block, drawn from the model. First `layer1.0`, the
# first block of stage 1: input and output have the same shape, so the shortcut is the identity,
# drawn as the arrow around the two convolutions into the addition.

# %%
with torch.device("meta"):
    r18 = resnet18()
cnnlab.draw_architecture(r18, (3, 224, 224), block="layer1.0")
plt.show()

# %% [markdown]
# Then `layer2.0`, the first block of stage 2: it halves the height and width and doubles the
# channels, so its shortcut is the projection (`downsample`: 1×1 convolution with stride 2 and
# batch norm), drawn as a second column into the addition.

# %%
cnnlab.draw_architecture(r18, (3, 224, 224), block="layer2.0")
plt.show()

# %% [markdown]
# ### Exercise · Parameters of any basic block (3 points)
#
# Complete `basic_block_params(c_in, c_out, stride)`: the trainable parameters of a `BasicBlock`
# from `c_in` to `c_out` channels as `make_layer` builds it — two 3×3 convolutions without bias,
# two batch norms, and, when `stride != 1` or `c_in != c_out`, a projection shortcut (1×1
# convolution without bias + batch norm).

# %% tags=["exercise:basic_block_params"]
def basic_block_params(c_in, c_out, stride=1):
    """Parameters of a BasicBlock c_in → c_out (with its projection shortcut when the shape changes)."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:basic_block_params"]
_ = check_function("basic_block_params", basic_block_params, [
    ((16, 16, 1), 4672),
    ((16, 32, 2), 14528),
])

# %% [markdown]
# ## 4 · The bottleneck block
#
# ResNet-50 and deeper use a **bottleneck** block: a 1×1 convolution *reduces* the channels
# (256 → 64), a 3×3 convolution works on the thin tensor, and a second 1×1 *expands* back
# (64 → 256); the shortcut adds the 256-channel input. It is the same trick as the 1×1
# reduction before GoogLeNet's 5×5 convolution in lesson 05 (the last line of the
# comparison below recomputes it): do the expensive spatial convolution on few channels.

# %%
cnnlab.show_source(Bottleneck.forward)

# %% [markdown]
# What does it buy? He et al. (§4.1, "Deeper Bottleneck Architectures", Fig. 5) compare two
# blocks on ResNet's first stage (56×56): the basic block of ResNet-34, two 3×3 convolutions on
# 64 channels, and the bottleneck block of ResNet-50 on 256 channels. We count weights only (no
# biases here: batch norm follows every convolution) and the multiply–accumulates at 56×56:

# %%
bottleneck_weights = [cnnlab.conv_params(256, 64, 1, bias=False), cnnlab.conv_params(64, 64, 3, bias=False),
                      cnnlab.conv_params(64, 256, 1, bias=False)]
basic_weights = [cnnlab.conv_params(64, 64, 3, bias=False)] * 2
wide_basic_weights = [cnnlab.conv_params(256, 256, 3, bias=False)] * 2
print("bottleneck on 256 channels, 1×1 (256→64), 3×3 (64→64), 1×1 (64→256):",
      " + ".join(f"{w:,}" for w in bottleneck_weights), f"= {sum(bottleneck_weights):,} weights")
print("basic block on 64 channels, two 3×3 (64→64):                         ",
      " + ".join(f"{w:,}" for w in basic_weights), f"= {sum(basic_weights):,} weights")
bottleneck_macs = (cnnlab.conv_macs(256, 64, 1, 56) + cnnlab.conv_macs(64, 64, 3, 56)
                   + cnnlab.conv_macs(64, 256, 1, 56))
basic_macs = 2 * cnnlab.conv_macs(64, 64, 3, 56)
print(f"MACs at 56×56: bottleneck {bottleneck_macs:,}, basic block {basic_macs:,}")
print(f"width: {256 // 64}× the channels for {sum(bottleneck_weights) / sum(basic_weights):.2f}× the weights")
print("PyTorch, with the batch norms:", f"Bottleneck(256, 64) {sum(p.numel() for p in Bottleneck(256, 64).parameters()):,},",
      f"BasicBlock(64, 64) {sum(p.numel() for p in BasicBlock(64, 64).parameters()):,}")
print("a basic block on 256 channels (no ResNet has one at 56×56):", " + ".join(f"{w:,}" for w in wide_basic_weights),
      f"= {sum(wide_basic_weights):,} weights,",
      f"{sum(wide_basic_weights) / sum(basic_weights):.0f}× the 64-channel one, {sum(wide_basic_weights) / sum(bottleneck_weights):.1f}× the bottleneck")
print("lesson 05, 28×28×192 → 32 channels:", f"direct 5×5 {cnnlab.conv_macs(192, 32, 5, 28):,} MACs,",
      f"1×1 to 16 channels first {cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 5, 28):,} MACs")

# %% [markdown]
# At about the same cost — slightly less, in fact — the bottleneck block carries a tensor four
# times as wide (256 channels instead of 64). That is the point of the design, not a saving
# against a block ResNet uses there: widening the basic block to 256 channels would cost 16
# times as much (the weights of a convolution grow with the square of the width), and it is
# comparing with that block that gives the "17× fewer weights" one sometimes reads. The
# bottleneck is what let He et al. go to 50, 101 and 152 layers: ResNet-50 swaps each basic
# block of ResNet-34 for a bottleneck block and ends up with a similar cost (section 5). The
# block is wider on the outside (256) than inside (64): `planes` = 64 is the inner width and
# `expansion` = 4 gives the output width.
#
# ### Quick check · a strided bottleneck (1 point)
#
# In ResNet-50 the first block of the third stage is `Bottleneck(512, 256, stride=2)` with a
# projection shortcut; as in torchvision, the stride sits on the 3×3 convolution.

# %% tags=["exercise:bottleneck_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("bottleneck_shape", key="c388ac8ad0eeeadc1aa71798e2df4b75",
      prompt="Its input has shape (512, 28, 28). What is the shape (C, H, W) of its output?",
      hint="The inner width is planes = 256 and the output has expansion · planes channels (expansion = 4); "
           "a 3×3 convolution with padding 1 and stride 2 takes 28 to ⌊(28 − 1)/2⌋ + 1.",
      explanation="sealed:FuBLSSDDWKy1MXPUlLId2m9ILJD9LkCELaHvfjwZjw4k/UmrUPOGSuH95GyBydW9Nm/7CGRCriejmkdBe93gTNdZOBH1ExoIlAGQIjcoBj6w6AN8J235He++la1eWTfzvy5TOohiBerHRjD7wcLXtIW8P4qL5kJPfpF0+1fhNjd3YeB3Txk28riJySs3YKOYCEWi0T68zCwmJmwmKlueG8JV+e6TN4wAHl++74l+Z+NrP8EJWZ83XjtX/tv+JUjRxSXfO/EC+Ce45BYBFRbmOYrTRzs=")

# %% [markdown]
# The bottleneck block drawn from ResNet-50 (`block="layer2.0"`, the first block of its second
# stage; `fuse=True` draws each batch norm and ReLU inside its convolution's box): the 1×1
# reduction, the 3×3 convolution on the thin tensor and the 1×1 expansion down the main column,
# the projection shortcut beside them, both into the addition.

# %%
with torch.device("meta"):
    r50 = resnet50()
cnnlab.draw_architecture(r50, (3, 224, 224), block="layer2.0", fuse=True)
plt.show()

# %% [markdown]
# ## 5 · ResNet-18, -34 and -50
#
# The ImageNet ResNets share one layout: a 7×7 stride-2 convolution and a max pool (224 → 56),
# four stages at 56, 28, 14 and 7 pixels with 64, 128, 256 and 512 "planes", global average
# pooling and one linear layer. They differ in the blocks per stage: [2, 2, 2, 2] basic blocks
# (18), [3, 4, 6, 3] basic blocks (34), [3, 4, 6, 3] bottleneck blocks (50). `cnnlab.summary`
# counts parameters and multiply–accumulates per 224×224 image. The models are built on
# PyTorch's `meta` device: tensors with shapes but no numbers, so counting is instant and no
# memory is used for weights.

# %%
for make in (resnet18, resnet34, resnet50):
    with torch.device("meta"):
        model = make()
    s = cnnlab.summary(model, (3, 224, 224))
    print(f"{make.__name__}: {s.total_params:,} parameters ({scaled(s.total_params)}), "
          f"{scaled(s.total_macs)} MACs per image")

# %% [markdown]
# These match torchvision's tables (11.7 million parameters and 1.81 billion MACs for ResNet-18).
# ResNet-50 has more parameters than ResNet-34 but only a little more computation, thanks to the
# bottlenecks; its 4.09 billion MACs exceed the paper's 3.8 billion FLOPs (Table 1, which counts
# multiply-adds) because torchvision, like most code since, puts the downsampling stride on the
# 3×3 convolution instead of the first 1×1 ("ResNet v1.5").
# Where do ResNet-18's parameters sit? Mostly in the last stage, whose 3×3 kernels over 512
# channels are the largest:

# %%
with torch.device("meta"):
    model = resnet18()
total = sum(p.numel() for p in model.parameters())
for part in ("conv1", "bn1", "layer1", "layer2", "layer3", "layer4", "fc"):
    count = sum(p.numel() for p in getattr(model, part).parameters())
    print(f"{part:7s} {count:>10,}  {count / total:6.1%}")

# %% [markdown]
# ### Receptive field
#
# How many input pixels does one unit of ResNet-18's last stage see? `cnnlab.receptive_field`
# follows the recurrence of lesson 04 through the whole network, shortcuts included (the longest
# path decides):

# %%
fields = cnnlab.receptive_field(model, (3, 224, 224))
last = [row for row in fields if row.name.startswith("layer4")][-1]
print(f"{last.name}: feature map {last.output_size}×{last.output_size}, receptive field {last.r}×{last.r}, jump {last.jump}")

# %% [markdown]
# 435 pixels: a window wider than the 224-pixel image, so the units near the centre of the
# final 7×7 map see the whole image (plus padding). The effective receptive field (lesson 04) is
# much smaller and concentrated in the middle of that window.

# %% [markdown]
# ### Predict, then reveal · the ImageNet stem (2 points)
#
# Every ImageNet ResNet starts the same way: a 7×7 convolution with 64 kernels, stride 2 and
# padding 3, without bias (the batch normalization after it has its own shift), batch
# normalization, ReLU, and a 3×3 max pool with stride 2 and padding 1, on one 3×224×224 image.
# Predict each layer's output shape, its parameter count and the receptive field of one of its
# outputs (in input pixels) before you look, then press Check on that row. Your first prediction
# of each box is the one that is graded.

# %% tags=["exercise:stem_layers"]
from cnnlab.exercises import predict_layers

stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                     nn.MaxPool2d(3, stride=2, padding=1))
predict_layers(stem, (3, 224, 224), ask=("shape", "params", "rf"), exercise="stem_layers")

# %% [markdown]
# ## 6 · The small ResNet we trained
#
# The resnet-20 of section 1 *is* a scaled-down ResNet: `resnet_small(20, width=8)` — a 3×3
# stem and a max pool (28 → 14), three stages of three basic blocks each at 14, 7 and 4 pixels
# with 8, 16 and 32 channels, global average pooling and one linear layer. The CIFAR ResNet-20
# of He et al. (§4.2) has the same stages, but differs in three ways:
#
# - **No max pool in the stem.** The paper's 3×3 convolution keeps the 32×32 input, so its
#   stages run at 32, 16 and 8 pixels with 16, 32 and 64 channels. Our max pool makes every
#   later convolution cheaper, for a CPU.
# - **Shortcuts where a stage changes shape.** The paper uses option A there: the identity,
#   keeping every second pixel, with the new channels filled with zeros — no parameters, so
#   its residual and plain networks have exactly the same weights. `resnet_small` uses a projection
#   (option B: 1×1 convolution with stride 2 + batch norm), as the ImageNet ResNets do; that is
#   where the two extra convolutions of section 1 come from.
# - **Training.** The paper trains for 64,000 steps of 128 augmented images with weight decay;
#   section 1 trains for the few epochs printed there, without augmentation or weight decay.
#
# Here are both shortcuts, and the difference in parameters at the paper's width (16) on
# 3-channel images:

# %%
def shortcut_a(x, c_out):
    """Option A of He et al.: keep every second pixel, append zero channels up to c_out. No parameters."""
    return F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 0, c_out - x.shape[1]))   # (N, c_out, H/2, W/2)


x = torch.randn(1, 16, 32, 32)
print(f"option A: {tuple(x.shape)} → {tuple(shortcut_a(x, 32).shape)}, 0 parameters")
projection, _ = make_layer(BasicBlock, 16, 32, blocks=1, stride=2)
print(f"option B: {tuple(x.shape)} → {tuple(projection[0].downsample(x).shape)}, "
      f"{sum(p.numel() for p in projection[0].downsample.parameters())} parameters")
paper_params = sum(p.numel() for p in plain_small(20, in_channels=3, width=16).parameters())
ours_params = sum(p.numel() for p in resnet_small(20, in_channels=3, width=16).parameters())
print(f"ResNet-20 with option A (= its plain network): {paper_params:,} parameters")
print(f"resnet_small(20, in_channels=3, width=16):     {ours_params:,} parameters (+{ours_params - paper_params:,})")

# %%
small = trained["resnet-20"]
s = cnnlab.summary(small, (1, 28, 28))
print(f"resnet_small(20, width={WIDTH}): {s.total_params:,} parameters, {s.total_macs:,} MACs per image")
test_images = cnnlab.fashion_mnist("test")
if quick:
    test_images = test_images.subset(1_000)
test_loader = cnnlab.loader(test_images, batch_size=256)

# %% tags=["nbval-ignore-output"]
test_accuracy = {name: cnnlab.evaluate(model, test_loader).accuracy for name, model in trained.items()}
for name, accuracy in test_accuracy.items():
    print(f"{name:9s}: test accuracy {accuracy:.3f} on {len(test_images):,} images")

# %%
print("resnet-20's test accuracy above 0.5 (chance 0.1):", test_accuracy["resnet-20"] > 0.5)

# %% [markdown]
# In quick mode that is after only 150 steps; full mode trains ten times longer on all
# 60,000 images.
#
# The library's full-mode recipe for the small ResNet — tuned to reach the goal it prints, next
# to d2l's figure — uses the 8-layer network, the cheapest of the family:

# %%
print(cnnlab.recipe("resnet"))

# %% [markdown]
# ## 7 · What the layers see
#
# It is often said that shallow layers detect edges, middle layers local patterns and deep layers
# global features (the layer-by-layer description comes from Zeiler & Fergus, 2014, who
# visualised an ImageNet network). Let us look at the trained network's feature maps at
# increasing depth, together with their size and receptive field:

# %%
small.eval()
image, label = cnnlab.fashion_mnist("test", verbose=False)[0]          # (1, 28, 28)
with torch.no_grad():
    stem = small.maxpool(small.relu(small.bn1(small.conv1(image[None]))))   # (1, 8, 14, 14)
    stage1 = small.layer1(stem)                                         # (1, 8, 14, 14)
    stage2 = small.layer2(stage1)                                       # (1, 16, 7, 7)
    stage3 = small.layer3(stage2)                                       # (1, 32, 4, 4)
small_fields = cnnlab.receptive_field(small, (1, 28, 28))
depths = [("stem", "maxpool", stem), ("stage 1", "layer1", stage1),
          ("stage 2", "layer2", stage2), ("stage 3", "layer3", stage3)]
for title, prefix, maps in depths:
    row = [r for r in small_fields if r.name.startswith(prefix)][-1]
    print(f"{title:8s}: {maps.shape[1]:2d} maps of {maps.shape[2]}×{maps.shape[3]}, receptive field {row.r}×{row.r} pixels")

# %%
fig, axes = plt.subplots(4, 7, figsize=(11, 6.4), constrained_layout=True)
for row_axes, (title, prefix, maps) in zip(axes, depths):
    row_axes[0].imshow(image[0], cmap="gray")
    row_axes[0].set_title("input", fontsize=10)
    strongest = maps[0].mean(dim=(1, 2)).argsort(descending=True)[:6]   # the 6 most active channels
    for ax, channel in zip(row_axes[1:], strongest):
        ax.imshow(maps[0, channel], cmap="viridis")
        ax.set_title(f"{title}, ch {channel.item()}", fontsize=9)
for ax in axes.flat:
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("Feature maps of the trained resnet-20: 14×14 → 14×14 → 7×7 → 4×4", fontsize=12)
plt.show()

# %% [markdown]
# The stem's and stage 1's maps still show the garment: some channels respond to its upper
# outline, some to its lower edge, some to the background — edge and region detectors, at
# 14×14. By stage 3 each map is a 4×4 grid whose units see more than the whole image (their
# receptive field exceeds 28 pixels); they no longer look like anything, and they need not:
# the global average pool reduces each map to one number, and the linear layer classifies
# those 32 numbers. The picture of "edges → textures → object parts" describes large ImageNet
# networks well; a small network on 28×28 images has room for only a few such steps.
#
# ## 8 · "Choose ResNet first"?
#
# It is often said that ResNet is the first choice among CNNs. How well does that hold up over
# the years?
#
# - **2016–2020**: ResNet-50 was the standard baseline of computer vision — the backbone of
#   detectors and segmenters and the reference in most papers. Its ideas spread everywhere:
#   identity shortcuts are in nearly every deep network since, Transformers included.
# - **Since then**: ResNeXt (Xie et al., 2017) split the 3×3 convolution into groups;
#   EfficientNet (Tan & Le, 2019) scaled depth, width and resolution together for more accuracy
#   per multiplication; Vision Transformers (Dosovitskiy et al., 2021) replaced convolutions by
#   attention on large data; ConvNeXt (Liu et al., 2022) modernised the ResNet design step by
#   step and matched the Transformers.
# - **Still a strong default**: with a modern training recipe a plain ResNet-50 gains several
#   points of ImageNet accuracy without any change to the architecture (Wightman, Touvron &
#   Jégou, 2021; Bello et al., 2021). For small data sets, a CPU or a first experiment, a
#   ResNet-18 or a smaller `resnet_small` — pretrained where possible — is a sound first choice:
#   well understood, fast, and every library has it.
#
# So: a good *first* choice and a baseline to beat, not the last word.
#
# ## Common mistakes
#
# - **Calling degradation overfitting.** The deeper plain network has the higher *training*
#   error; overfitting would show a lower one.
# - **"The block chooses between F(x) and x."** It always adds them; the shortcut makes the
#   identity easy to learn, nothing more and nothing less.
# - **"Residual connections fix vanishing gradients."** With batch normalization the plain
#   networks' gradients did not vanish (He et al. report as much); in section 2 they even grew towards
#   the input. Shortcuts keep the gradient flow even across depth.
# - **Adding tensors of different shapes.** Where a stage downsamples, the shortcut needs a
#   projection (1×1 convolution, stride 2) — or the shapes do not match.
# - **Counting the bottleneck's channels wrong.** `Bottleneck(inplanes, planes)` outputs
#   `4 · planes` channels; `planes` is the *inner* width.
# - **Forgetting batch-norm parameters.** Each BN layer has 2 parameters per channel (γ, β);
#   its running mean and variance are buffers, not parameters.
#
# ## Sources
#
# - K. He, X. Zhang, S. Ren, J. Sun, *Deep Residual Learning for Image Recognition*, CVPR 2016
#   (the degradation problem, Fig. 1; basic and bottleneck blocks, §4.1 and Fig. 5; shortcut
#   options A and B; the CIFAR networks of §4.2).
# - K. He, X. Zhang, S. Ren, J. Sun, *Identity Mappings in Deep Residual Networks*, ECCV 2016.
# - G. Yang, J. Pennington, V. Rao, J. Sohl-Dickstein, S. Schoenholz, *A Mean Field Theory of
#   Batch Normalization*, ICLR 2019 (gradient explosion in deep plain networks with batch norm).
# - D. Balduzzi et al., *The Shattered Gradients Problem: If resnets are the answer, then what is
#   the question?*, ICML 2017.
# - P. Goyal et al., *Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour*, 2017
#   (γ = 0 in the last BN of each block).
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014.
# - S. Xie et al., *Aggregated Residual Transformations for Deep Neural Networks* (ResNeXt),
#   CVPR 2017; M. Tan, Q. Le, *EfficientNet*, ICML 2019; A. Dosovitskiy et al., *An Image is
#   Worth 16x16 Words* (ViT), ICLR 2021; Z. Liu et al., *A ConvNet for the 2020s* (ConvNeXt),
#   CVPR 2022.
# - R. Wightman, H. Touvron, H. Jégou, *ResNet strikes back: An improved training procedure in
#   timm*, 2021; I. Bello et al., *Revisiting ResNets: Improved Training and Scaling
#   Strategies*, NeurIPS 2021.
# - torchvision's model documentation (parameter and GFLOPS tables of ResNet-18/34/50).
# - A. Zhang et al., *Dive into Deep Learning*, §8.6 (ResNet). <!-- parity-ignore: 8.6 -->

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `12_resnet.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("12_resnet")
