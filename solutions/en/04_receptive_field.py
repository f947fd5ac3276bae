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
lesson = cnnlab.start_lesson("04_receptive_field", lang="en")

# %% [markdown]
# # Lesson 04 · Receptive field
#
# Every value of a feature map is computed from a small window of the layer below, that
# window from a window of the layer below it, and so on down to the image. The set of
# **input pixels** a unit depends on is its **receptive field**. This lesson computes it by
# hand, by gradient and with a three-line recurrence; measures it for LeNet-5, AlexNet and
# VGG-16; asks which pixels *inside* the field actually matter (the effective receptive
# field); and checks one popular claim about large fields against the numbers.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, vary
from cnnlab.models.alexnet import alexnet
from cnnlab.models.lenet5 import lenet5
from cnnlab.models.vgg import vgg16
from cnnlab.receptive import ReceptiveFields
from cnnlab.viz.erf import plot_effective_fields

# %% [markdown]
# ## 1 · Two stacked 3×3 convolutions see 5×5 pixels
#
# Picture it: the centre value of the second feature map is computed from a
# 3×3 window of the first feature map, and each of those nine values from its own 3×3 window
# of the input; together the windows cover a 5×5 block of the input. Let PyTorch find that
# block for us. If every kernel weight is 1, the gradient of one output unit with respect to
# an input pixel **counts the paths** from that pixel to the unit, so the non-zero gradients
# are exactly the pixels the unit depends on. We use a 7×7 input, so the field has a visible
# border.

# %%
two_convs = nn.Sequential(nn.Conv2d(1, 1, 3, bias=False), nn.Conv2d(1, 1, 3, bias=False))
with torch.no_grad():
    for conv in two_convs:
        conv.weight.fill_(1.0)               # all-ones kernels: gradients count paths

x = torch.zeros(1, 1, 7, 7, requires_grad=True)
hidden = two_convs[0](x)                     # (1, 1, 5, 5): first feature map
hidden.retain_grad()
out = two_convs[1](hidden)                   # (1, 1, 3, 3): second feature map
out[0, 0, 1, 1].backward()                   # the centre unit of the second feature map

input_paths = x.grad[0, 0]                   # (7, 7)
hidden_paths = hidden.grad[0, 0]             # (5, 5)
print("first-feature-map units the centre unit reads:")
print(hidden_paths.int().numpy())
print("paths from each input pixel to the centre unit:")
print(input_paths.int().numpy())
rows, cols = torch.nonzero(input_paths, as_tuple=True)
print(f"input pixels it depends on: {int(rows.max() - rows.min()) + 1}×{int(cols.max() - cols.min()) + 1}")


# %%
def draw_grid(ax, counts, title):
    """One feature map as a grid; cells with a non-zero count are shaded and labelled."""
    counts = counts.detach().numpy()
    ax.imshow(counts > 0, cmap="Blues", vmin=0, vmax=1.6)
    for (i, j), count in np.ndenumerate(counts):
        if count > 0:
            ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=12)
    ax.set_xticks(np.arange(-0.5, counts.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, counts.shape[0]), minor=True)
    ax.grid(which="minor", color="black", linewidth=1)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    ax.set_title(title, fontsize=11)


centre = torch.zeros(3, 3)
centre[1, 1] = 1
fig, axes = plt.subplots(1, 3, figsize=(11, 4), constrained_layout=True,
                         gridspec_kw={"width_ratios": [7, 5, 3]})
draw_grid(axes[0], input_paths, "input 7×7: the 5×5 pixels\nthe centre unit sees (number = paths)")
draw_grid(axes[1], hidden_paths, "after the first 3×3 conv: 5×5\nthe centre unit reads 3×3 of it")
draw_grid(axes[2], centre, "after the second 3×3 conv: 3×3\nthe centre unit")
fig.suptitle("Receptive field of two stacked 3×3 convolutions", fontsize=13)
plt.show()

# %% [markdown]
# Two things to read off the figure.
#
# - **The field is counted in input pixels.** Relative to the layer just below, the second
#   convolution still sees only 3×3 values; relative to the image it sees 5×5. A receptive
#   field is always measured in pixels of the input image, never in units of the previous
#   layer. The library function `cnnlab.receptive_field` reports it that way, column `r`:

# %%
print(cnnlab.receptive_field(two_convs, (1, 7, 7)))

# %% [markdown]
# - **Not all pixels of the field are equal.** The centre pixel reaches the output along
#   more paths than a corner pixel (the numbers in the left panel), so it has more influence.
#   Section 6 follows this up: in deep networks the influence is concentrated in a small
#   central part of the field.
#
# ### Quick check · three layers (1 point)
#
# Add one more layer to the figure above.

# %% tags=["exercise:three_3x3"]
def three_3x3_check(layers, k):
    r = 1 + layers * (k - 1)
    count = ["One", "Two", "Three", "Four", "Five"][layers - 1]
    nth = ["first", "second", "third", "fourth", "fifth"][layers - 1]
    widen = ["one pixel", "two pixels", "three pixels"][(k - 1) // 2 - 1]
    steps = " + ".join([str(k)] + [str(k - 1)] * (layers - 1))
    sizes = " + ".join([str(k)] * layers)
    return dict(
        answer=r,
        prompt=f"{count} {k}×{k} convolutions (stride 1) are stacked. How many input pixels wide is the "
               f"receptive field of one unit of the {nth} feature map?",
        hint=f"Every extra {k}×{k} layer widens the window by {widen} on each side; "
             f"one layer sees {k}, two layers see {2 * k - 1}.",
        explanation=f"{steps} = {r}: each layer adds k − 1 = {k - 1} pixels. {count} stacked {k}×{k} "
                    f"convolutions see a {r}×{r} block of the image, the same as one {r}×{r} kernel "
                    "(section 5 compares three 3×3 layers with one 7×7).",
        mistakes=[("added_kernel_sizes", layers * k,
                   f"you added the kernel sizes {sizes}. Neighbouring windows overlap: after the first layer, each layer adds only k − 1 pixels, not k."),
                  ("multiplied_kernels", k ** layers,
                   "you multiplied the kernel sizes. With stride 1 the field grows by addition: each layer adds k − 1 pixels."),
                  ("counted_previous_layer", k,
                   f"{k} is how many units one unit reads of the layer just below it. A receptive field is counted in pixels of the input image: follow the windows all the way down.")])


numeric("three_3x3", digits=0, unit="pixels", variants=vary(three_3x3_check, layers=[3, 2, 4, 5], k=[3, 5]))

# %% [markdown]
# ## 2 · The recurrence: size $r$, jump $j$ and start
#
# Stride makes the picture less obvious: after a stride-2 layer, neighbouring units are
# **two** input pixels apart, so one more 3×3 layer on top widens the field by 2·2 pixels,
# not 2. Araujo, Norris & Sim (Distill, 2019) track three numbers per layer $l$ with kernel
# $k_l$, stride $s_l$ and padding $p_l$ (per side):
#
# $$r_l = r_{l-1} + (k_l - 1)\,j_{l-1}, \qquad j_l = j_{l-1}\,s_l, \qquad
#   \text{start}_l = \text{start}_{l-1} + \Big(\tfrac{k_l - 1}{2} - p_l\Big)\,j_{l-1},$$
#
# starting from the image itself: $r_0 = 1$, $j_0 = 1$, $\text{start}_0 = 0$. The **jump**
# $j$ is how many input pixels apart two neighbouring units of layer $l$ are; **start** is
# the centre of the first (top-left) unit's field, in input pixel coordinates. Unrolled, the
# size is
#
# $$r_L = 1 + \sum_{l=1}^{L} (k_l - 1) \prod_{i=1}^{l-1} s_i .$$
#
# Read $r$ as the field's **extent**: the width of the block of input pixels from the first
# one a unit can depend on to the last. When a stride is larger than the kernel, or a kernel
# is dilated, the field has holes: some pixels inside that block never reach the unit.
#
# This is the core of `cnnlab.receptive` (a kernel of size $k$ with dilation $d$ spans
# $d(k-1)+1$ pixels, and the recurrence uses that span as $k$):

# %%
cnnlab.show_source(cnnlab.receptive.Field.through)

# %% [markdown]
# Let us run the recurrence on a small stack: two 3×3 convolutions, a 2×2 max pool with
# stride 2, two more 3×3 convolutions. The cell below builds the network, asks the library for
# its table, and prints each step of the recurrence with the library's numbers.

# %%
spec = [("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2), ("conv", 3, 1), ("conv", 3, 1)]


def build(spec):
    """An nn.Sequential from (kind, kernel, stride); one channel is enough for the field."""
    return nn.Sequential(*[nn.Conv2d(1, 1, k, s, padding=(k - 1) // 2) if kind == "conv"
                           else nn.MaxPool2d(k, s) for kind, k, s in spec])


fields = cnnlab.receptive_field(build(spec), (1, 32, 32))
print(fields)
print()
kind_name = {"conv": "conv", "pool": "max pool"}
r, j = 1, 1
for (kind, k, s), row in zip(spec, fields):
    print(f"{kind_name[kind]} {k}×{k}, stride {s}:  r = {r} + ({k} − 1)·{j} = {row.r},   j = {j}·{s} = {row.jump}")
    r, j = row.r, row.jump

# %% [markdown]
# It is often said that pooling "enlarges the receptive field". It does, but look at *how*: the
# pool itself adds only $(2-1)\cdot 1 = 1$ pixel. Its real effect is on the jump, which it
# doubles, so that each later 3×3 convolution adds 4 pixels instead of 2. Downsampling early
# multiplies everything that comes after it.
#
# **Padding does not change the size of the field**, only where it sits: with padding 1 the
# first unit's field is centred on pixel 0 and hangs one pixel over the border (into the
# zeros); without padding it is centred on pixel 1.

# %%
for padding in (0, 1):
    row = cnnlab.receptive_field(nn.Conv2d(1, 1, 3, padding=padding), (1, 8, 8)).final
    print(f"3×3 conv, padding {padding}: r = {row.r}, start = {row.start:g}, output {row.output_size}×{row.output_size}")

# %% [markdown]
# ### Quick check · a small LeNet-like stack (2 points)

# %% tags=["exercise:stack_rf"]
def stack_rf_check(first, pool, last):
    r1 = 1 + (first - 1) * 1            # first×first convolution, stride 1: j stays 1
    r2 = r1 + (pool - 1) * 1            # pool, stride 2: then j = 2
    r3 = r2 + (3 - 1) * 2               # 3×3 convolution, stride 1
    r4 = r3 + (pool - 1) * 2            # pool, stride 2: then j = 4
    r5 = r4 + (last - 1) * 4            # last×last convolution
    return dict(
        answer=r5,
        prompt=f"A network applies, in this order: a {first}×{first} convolution (stride 1), a {pool}×{pool} max pool "
               f"(stride 2), a 3×3 convolution (stride 1), a {pool}×{pool} max pool (stride 2) and a {last}×{last} "
               "convolution (stride 1). How wide is the receptive field of one output unit, in "
               "input pixels?",
        hint="Keep two numbers, r and j, both starting at 1. For each layer: r ← r + (k − 1)·j, "
             "then j ← j·s.",
        explanation=f"{first}×{first}: r = 1 + {first - 1}·1 = {r1}, j = 1. Pool: r = {r1} + {pool - 1}·1 = {r2}, j = 2. "
                    f"3×3: r = {r2} + 2·2 = {r3}. Pool: r = {r3} + {pool - 1}·2 = {r4}, j = 4. "
                    f"{last}×{last}: r = {r4} + {last - 1}·4 = {r5}.",
        mistakes=[("forgot_jump", 1 + (first - 1) + (pool - 1) + (3 - 1) + (pool - 1) + (last - 1),
                   "you added k − 1 for every layer as if all strides were 1. After each stride-2 pool, neighbouring units are further apart in the image: multiply k − 1 by the jump j."),
                  ("added_kernel_sizes", first + pool + 3 + pool + last,
                   "you added the kernel sizes. A layer adds (k − 1)·j, where the jump j is the product of the strides below it."),
                  ("stride_too_early", 1 + (first - 1) * 1 + (pool - 1) * 2 + (3 - 1) * 2 + (pool - 1) * 4 + (last - 1) * 4,
                   "you multiplied j by a layer's stride before using j for that same layer. A layer's own stride only spaces out the layers above it: first r ← r + (k − 1)·j, then j ← j·s.")])


numeric("stack_rf", digits=0, unit="pixels", variants=vary(stack_rf_check, first=[5, 3, 7], pool=[2, 3], last=[3, 5]))

# %% [markdown]
# ### Exercise · Write the recurrence (3 points)
#
# Complete `receptive_field_of(layers)`: `layers` is a list of `(k, s)` pairs — kernel size and
# stride of each layer, convolution or pooling, in order. Return the receptive field size
# $r$ of the last layer, in input pixels, as an `int` (an empty list is the image itself:
# $r = 1$).

# %% tags=["exercise:receptive_field_of"]
def receptive_field_of(layers):
    """Receptive field size r, in input pixels, of the last of a stack of (kernel, stride) layers."""
    ### BEGIN SOLUTION
    r, j = 1, 1
    for k, s in layers:
        r += (k - 1) * j
        j *= s
    return r
    ### END SOLUTION


# %% tags=["exercise:receptive_field_of"]
alexnet_layers = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)]
_ = check_function("receptive_field_of", receptive_field_of, [
    (([(3, 1), (3, 1)],), 5),
    (([(3, 1), (3, 1), (3, 1)],), 7),
    (([(5, 1), (2, 2), (3, 1), (2, 2), (3, 1)],), 20),
    ((alexnet_layers,), 195),
    (([],), 1),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(4)
for _trial in range(12):
    _layers = [(int(_rng.integers(1, 8)), int(_rng.integers(1, 4))) for _ in range(int(_rng.integers(1, 6)))]
    _net = nn.Sequential(*[nn.Conv2d(1, 1, _k, stride=_s) for _k, _s in _layers])
    _want = cnnlab.receptive_field(_net, (1, 600, 600)).final.r
    expect_value(receptive_field_of(_layers), _want, case=_layers, kind="int")
### END HIDDEN TESTS

# %% [markdown]
# ## 3 · How fast does the field grow with depth?
#
# It is often said that the deeper the network, the larger the field. True, but *how much*
# larger depends on the strides. Compare two stacks of 3×3 convolutions:
# one with stride 1 throughout, one with a 2×2 max pool (stride 2) after every second
# convolution, as in VGG.

# %%
depths = list(range(1, 13))
plain_spec = [("conv", 3, 1)] * 12
pooled_spec = [layer for _ in range(6) for layer in (("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2))]
growth = {}
for name, stack_spec in [("3×3 convs, stride 1", plain_spec), ("3×3 convs + 2×2 pool every 2", pooled_spec)]:
    table = cnnlab.receptive_field(build(stack_spec), (1, 256, 256))
    growth[name] = [row.r for row in table if row.type == "Conv2d"]   # r after each conv
print(" ".join(f"{d:4d}" for d in depths), "  ← number of 3×3 convs")
for name, sizes in growth.items():
    print(" ".join(f"{r:4d}" for r in sizes), "  r:", name)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), constrained_layout=True)
for ax, scale in zip(axes, ["linear", "log"]):
    for (name, sizes), marker in zip(growth.items(), ["o", "s"]):
        ax.plot(depths, sizes, marker=marker, label=name)
    if scale == "log":
        ax.set_yscale("log", base=2)
    ax.set_xlabel("number of 3×3 convolutions")
    ax.set_ylabel("receptive field r (input pixels)")
    ax.grid(alpha=0.3)
axes[0].set_title("linear axis: stride 1 grows by 2 per layer")
axes[1].set_title("log axis (base 2): with pooling, r roughly doubles per block")
axes[0].legend()
plt.show()

# %% [markdown]
# With stride 1 every layer adds $k-1 = 2$ pixels: $r = 2L + 1$, **linear** in depth. With a
# pool every two layers the jump doubles every block, so each block adds about twice as much
# as the one before: **exponential** growth, a straight line on the log axis. That is why
# real networks downsample: to let a unit near the top see the whole image after a few
# dozen layers rather than a few hundred.
#
# ### Quick check · the biggest change (2 points)

# %% tags=["exercise:enlarge_most"]
def enlarge_most_check(n, order):
    count = ["zero", "one", "two", "three", "four", "five", "six"][n]
    nth = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"][n]   # the (n + 1)-th
    steps = " + ".join(["3"] + ["2"] * (n - 2) + ["6"])
    options = [f"append a {nth} 3×3 convolution at the end",
               "give the first convolution stride 2",
               "put a 2×2 max pool (stride 2) before the first convolution",
               "replace the last 3×3 convolution by a 7×7 one",
               "insert a 1×1 convolution after every 3×3 convolution"]
    return dict(
        options=options[order:] + options[:order],
        answer=(2 - order) % 5,
        prompt=f"A network is {count} 3×3 convolutions with stride 1 (r = {2 * n + 1}). Which single change "
               "gives the last layer the largest receptive field?",
        hint="Compute r for each option with r ← r + (k − 1)·j, j ← j·s. A change early in the "
             "network multiplies the contribution of every later layer.",
        explanation=f"Pool first: r = 2, j = 2, then {count} 3×3 convs add 4 each: r = {4 * n + 2}. Stride 2 in "
                    f"the first conv: 3 + {n - 1}·4 = {4 * n - 1}. A 7×7 at the end: {steps} = {2 * n + 5}. A {nth} "
                    f"3×3: {2 * n + 3}. 1×1 convolutions add nothing: still {2 * n + 1}.",
        mistakes=[("more_depth", (0 - order) % 5,
                   "one more 3×3 layer at stride 1 adds only k − 1 = 2 pixels. Compute r for the options that change a stride."),
                  ("strided_first_conv", (1 - order) % 5,
                   "close: an early stride doubles what every later layer adds. Now count how many 3×3 convolutions come after the stride in each of the two options, and compute both r."),
                  ("largest_kernel", (3 - order) % 5,
                   "a 7×7 kernel at the end adds k − 1 = 6 pixels at jump 1, once. A change early in the network multiplies the contribution of every later layer.")])


choice("enlarge_most", variants=vary(enlarge_most_check, n=[4, 3, 5], order=[0, 2, 4, 1]))

# %% [markdown]
# ## 4 · Receptive fields of LeNet-5, AlexNet and VGG-16
#
# `cnnlab.receptive_field` works on any model built from convolutions, pooling and
# activations. To keep the tables short, the helper below keeps only the rows where the
# field changes (activations such as ReLU leave it alone).

# %%
def field_changing_rows(fields):
    """The rows of a receptive_field table where r or the jump changes."""
    kept, last = [], (1, 1)
    for row in fields:
        if row.r is not None and (row.r, row.jump) != last:
            kept.append(row)
            last = (row.r, row.jump)
    return ReceptiveFields(kept, fields.input_size)


lenet_fields = field_changing_rows(cnnlab.receptive_field(lenet5(), (1, 32, 32)))
print("LeNet-5, 32×32 input")
print(lenet_fields)

# %% [markdown]
# In LeNet-5 (LeCun et al., 1998) a C1 unit sees 5×5 pixels, an S4 unit 16×16 of the 32×32
# image, and the C5 units see the whole image: after C5 there is nothing spatial left to
# grow. Now the two large ImageNet networks, each built once (VGG-16 is big, so building it
# takes a while):

# %%
big_fields = {"AlexNet": cnnlab.receptive_field(alexnet(), (3, 224, 224)),
              "VGG-16": cnnlab.receptive_field(vgg16(), (3, 224, 224))}
for name, fields in big_fields.items():
    print(f"{name}, 224×224 input")
    print(field_changing_rows(fields))
    print()

# %%
published = {"AlexNet": 195, "VGG-16": 212}   # Araujo, Norris & Sim (2019), Table 1
for name, fields in big_fields.items():
    row = fields.final                       # the last layer with a spatial field
    print(f"{name}: r = {row.r} at {row.name}; published {published[name]}; agree: {row.r == published[name]}")
    print(f"  the first unit's field spans input pixels {row.start - (row.r - 1) / 2:g} … {row.start + (row.r - 1) / 2:g}")

# %% [markdown]
# Both agree with the values Araujo et al. publish: 195 pixels for AlexNet and 212 pixels for
# VGG-16 at its last pooling layer (the adaptive average pool after it keeps the 7×7 size,
# so it changes nothing). A unit near the top of either network sees most of the 224×224
# image. The field does not depend on the input size (it is a property of the layers), but
# whether it *covers* the image does. The `start` column tells where fields sit: the first
# unit's field reaches from $\text{start} - (r-1)/2$ to $\text{start} + (r-1)/2$, and for
# both networks it begins far to the left of pixel 0 — most of a corner unit's field is
# padding.
#
# ## 5 · Is a larger field "better" and does it avoid overfitting?
#
# A common claim: the larger the field the better, because a unit sees more of the data,
# which avoids overfitting. The first half is partly true; the second half mixes up two
# different things.
#
# A receptive field is about **context**: a unit can only use what lies inside its field. A
# classifier whose top units see only a small patch of the image cannot judge the object's
# overall shape, so a field that is *too small* for the task costs accuracy. Beyond covering
# the relevant context, a larger field gains nothing (and, section 6 shows, the outer part of
# the field is barely used anyway).
#
# **Overfitting** is about **capacity versus data**: how many functions the model can fit
# (roughly, its number of parameters and how they are arranged) compared with how many
# training examples constrain them. The field and the parameter count can be changed
# independently. Here are four ways to reach about the same field, with 64 channels in and
# out:

# %%
def conv(k, **options):
    return nn.Conv2d(64, 64, k, padding=(k - 1) // 2, **options)


designs = {
    "one 7×7 conv": nn.Sequential(conv(7)),
    "three 3×3 convs": nn.Sequential(conv(3), nn.ReLU(), conv(3), nn.ReLU(), conv(3), nn.ReLU()),
    "three 3×3 convs + three 1×1": nn.Sequential(*[m for _ in range(3) for m in (conv(3), nn.ReLU(), conv(1), nn.ReLU())]),
    "3×3 conv, 2×2 pool, 3×3 conv": nn.Sequential(conv(3), nn.ReLU(), nn.MaxPool2d(2), conv(3), nn.ReLU()),
}
lines = [f"{'field r':>8s} {'parameters':>11s}   design"]
for name, design in designs.items():
    r = cnnlab.receptive_field(design, (64, 32, 32)).final.r
    params = sum(p.numel() for p in design.parameters())
    lines.append(f"{r:8d} {params:11,d}   {name}")
print("\n".join(lines))

# %% [markdown]
# The same 7-pixel field costs 200,768 parameters as one 7×7 layer but 110,784 as three
# 3×3 layers; adding 1×1 layers adds parameters and no field; a pooling layer adds field and
# no parameters. This is the argument of the VGG paper (Simonyan & Zisserman, 2015, §2.3):
# with $C$ channels, a 7×7 layer has $49C^2$ weights and three 3×3 layers $27C^2$, and the
# stack has three non-linearities instead of one. The authors call this "a regularisation on
# the 7×7 filters" — and the regularising part is the *smaller number of parameters* (the
# 7×7 is forced to factor through 3×3s), not the field, which is identical:

# %%
print(cnnlab.conv_params(64, 64, 7, bias=False, explain=True))
print(cnnlab.conv_params(64, 64, 3, bias=False, explain=True), " (×3 layers)")
ratio = cnnlab.conv_params(64, 64, 7, bias=False) / (3 * cnnlab.conv_params(64, 64, 3, bias=False))
print(f"49C² / 27C² = {ratio:.3f}: one 7×7 layer has {ratio - 1:.0%} more weights")

# %% [markdown]
# What actually controls overfitting: the capacity of the model for the amount of data
# (fewer or shared parameters; more training data or data augmentation), and explicit
# regularisation — weight decay, dropout (lesson 09), early stopping on a validation set.
# A larger field, if anything, usually comes with *more* layers and more parameters.
#
# ## 6 · Theoretical versus effective receptive field
#
# The field $r$ is *theoretical*: the pixels that can influence a unit at all. Section 1
# already showed that the centre pixels reach the unit along more paths. Luo, Li, Urtasun &
# Zemel (NeurIPS 2016) measured how much each pixel actually matters — the gradient of one
# output unit with respect to every input pixel — and called the region where it is large
# the **effective receptive field** (ERF). `cnnlab.effective_receptive_field` computes it:
# the absolute gradient of the centre unit, summed over channels and over a few random
# inputs, scaled so that its maximum is 1.
#
# We build one stack of 16 convolutions of size 3×3 with ReLU (8 channels, PyTorch's default
# random initialisation, no training) and measure the ERF after the first $d$ layers. Two
# numbers summarise a map: the side of the smallest centred square that holds 95 % of the
# gradient mass, and the share of the mass in the central square of about half the side of
# the theoretical field (a quarter of its area or so).

# %%
torch.manual_seed(0)
deep = nn.Sequential(*[m for i in range(16) for m in (nn.Conv2d(1 if i == 0 else 8, 8, 3, padding=1), nn.ReLU())])
size = 41                                    # input 41×41: room for the largest field, 33
erf_depths = [2, 4, 6, 8, 12, 16]
erfs = {d: cnnlab.effective_receptive_field(deep[:2 * d], (1, size, size), samples=8) for d in erf_depths}
theory = {d: cnnlab.receptive_field(deep[:2 * d], (1, size, size)).final.r for d in erf_depths}


def central_mass(erf, side):
    """Share of the gradient mass inside the centred side×side square."""
    c, half = erf.shape[0] // 2, side // 2
    return erf[c - half:c + half + 1, c - half:c + half + 1].sum() / erf.sum()


def side_holding(erf, share=0.95):
    """Side of the smallest centred square that holds `share` of the gradient mass."""
    side = 1
    while central_mass(erf, side) < share:
        side += 2
    return side


print(f"{'layers':>6s} {'theory r':>9s} {'95% side':>9s} {'central side':>13s} {'area share':>11s} {'mass share':>11s}")
for d in erf_depths:
    r = theory[d]
    inner = 2 * (r // 4) + 1                 # odd side, about r / 2
    print(f"{d:6d} {r:9d} {side_holding(erfs[d]):9d} {inner:13d} "
          f"{(inner / r) ** 2:11.0%} {central_mass(erfs[d], inner):11.0%}")

# %%
holding = {d: side_holding(erfs[d]) for d in erf_depths}
fig = plot_effective_fields(erfs, theory, holding, shown=[4, 8, 16])    # cnnlab/viz/erf.py
plt.show()

# %% [markdown]
# The maps are bright in the middle and fade smoothly towards the edge, roughly like a
# Gaussian bump (Luo et al. prove this for simple cases: the paths-counting of section 1,
# repeated over many layers, is a central-limit effect). The theoretical field grows by 2
# pixels per layer. In our measurement the side holding 95% of the gradient grows almost
# linearly up to 8 layers (5, 9, 11, 15 in the table) and then clearly more slowly: from 8 to
# 16 layers it only goes from 15 to 21. Luo et al.'s more general analysis gives an effective
# field growing about like $\sqrt{d}$; with 16 layers and 8 random samples we do not see such a
# clean law. Either way, the deeper the stack, the smaller the fraction of its theoretical field
# a unit really uses. With only 8 samples the maps are noisy, but clearly centre-weighted: the
# central quarter of the area holds far more than a quarter of the mass.
#
# Luo et al. also report that training enlarges the ERF somewhat, and that downsampling and
# dilated convolutions enlarge it much more than adding layers. Training is not repeated here
# (it needs a network trained on a CPU first), but you can try it: train a network, then call
# `cnnlab.effective_receptive_field` on its convolutional part before and after.
#
# ## Common mistakes
#
# - **Counting in the previous layer's units.** The second of two 3×3 convolutions sees 3×3
#   values of the layer below, but 5×5 pixels of the image. Receptive fields are always in
#   input pixels.
# - **Adding kernel sizes.** Two 3×3 layers see 5, not 6: each layer adds $k-1$, times the
#   jump.
# - **Forgetting the jump.** After a stride-2 layer or a 2×2 pool, every later layer adds
#   twice as much. Where the downsampling happens matters more than the kernel sizes.
# - **Thinking padding enlarges the field.** Padding changes the output size and where the
#   field sits (`start`), not $r$.
# - **Treating the field as uniform.** Pixels near the centre of the field dominate; the
#   effective field is much smaller than $r$ in deep stacks.
# - **"A larger field prevents overfitting."** The field is about context. Overfitting is
#   about capacity versus data and is controlled by parameter count, data and
#   regularisation; three 3×3 layers help because they have fewer parameters than one 7×7,
#   not because they see more.
#
# ## Sources
#
# - A. Araujo, W. Norris, J. Sim, *Computing Receptive Fields of Convolutional Neural
#   Networks*, Distill, 2019 (the recurrence for $r$, jump and start; AlexNet 195, VGG-16 212).
# - W. Luo, Y. Li, R. Urtasun, R. Zemel, *Understanding the Effective Receptive Field in Deep
#   Convolutional Neural Networks*, NeurIPS 2016 (the ERF: Gaussian-like, grows like √n,
#   enlarged by training and downsampling).
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image
#   Recognition*, ICLR 2015, §2.3 (three 3×3 layers versus one 7×7: $27C^2$ versus $49C^2$).
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-Based Learning Applied to Document
#   Recognition*, Proc. IEEE, 1998 (LeNet-5).
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012, in torchvision's single-GPU variant (AlexNet).
