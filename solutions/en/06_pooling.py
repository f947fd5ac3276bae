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
lesson = cnnlab.start_lesson("06_pooling", lang="en")

# %% [markdown]
# # Lesson 06 · Pooling
#
# A **pooling** layer slides a window over each feature map, like a convolution, but instead of
# a weighted sum it takes a fixed summary of the window: the largest value (**max pooling**) or
# the mean (**average pooling**). It shrinks the feature maps, has nothing to learn, and makes
# the output a little less sensitive to where exactly a pattern sits. This lesson builds both
# from loops, counts their parameters, compares them with a stride-2 convolution, measures the
# "little less sensitive" on real images, and checks some common claims about pooling.
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

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import avg_pool2d, max_pool2d
from cnnlab.ops import pool as pool_ops
from cnnlab.models.lenet5 import lenet5

# %% [markdown]
# ## 1 · Max and average pooling from scratch
#
# With a $k\times k$ window and stride $s$, output position $(i, j)$ summarises the window
# that starts at row $i\cdot s$, column $j\cdot s$:
#
# $$Y^\text{max}_{i,j} = \max_{0\le a,b<k} X_{i s + a,\; j s + b}, \qquad
#   Y^\text{avg}_{i,j} = \frac{1}{k^2}\sum_{0\le a,b<k} X_{i s + a,\; j s + b}.$$
#
# The usual choice is $k = s = 2$: non-overlapping 2×2 windows. Here are two loops for that
# case, on the 4×4 example of the CS231n notes:

# %%
def pool2d(X, k, mode="max"):
    """Pool a 2-D array with k×k windows and stride k (windows do not overlap)."""
    h_out, w_out = X.shape[0] // k, X.shape[1] // k
    Y = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = X[i * k:(i + 1) * k, j * k:(j + 1) * k]
            Y[i, j] = window.max() if mode == "max" else window.mean()
    return Y


X = np.array([[1.0, 1, 2, 4],
              [5, 6, 7, 8],
              [3, 2, 1, 0],
              [1, 2, 3, 4]])
print("max pooling:\n", pool2d(X, 2, "max"))
print("average pooling:\n", pool2d(X, 2, "mean"))

# %% [markdown]
# PyTorch's functions and layers give the same numbers, and so does the NumPy reference in
# `cnnlab.ops` (tensors are $(N, C, H, W)$, so the 4×4 array gets two leading axes):

# %%
X_t = torch.tensor(X)[None, None]                    # (1, 1, 4, 4)
candidates = {
    "F.max_pool2d":        F.max_pool2d(X_t, 2),
    "nn.MaxPool2d(2)":     nn.MaxPool2d(2)(X_t),
    "cnnlab.ops.max_pool2d": torch.tensor(max_pool2d(X[None, None], 2)),
}
for name, Y in candidates.items():
    print(f"{name:>22}: {Y[0, 0].tolist()}  equal to the loops: {np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'max'))}")
for name, Y in {"F.avg_pool2d": F.avg_pool2d(X_t, 2), "nn.AvgPool2d(2)": nn.AvgPool2d(2)(X_t),
                "cnnlab.ops.avg_pool2d": torch.tensor(avg_pool2d(X[None, None], 2))}.items():
    print(f"{name:>22}: {Y[0, 0].tolist()}  equal to the loops: {np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'mean'))}")

# %% [markdown]
# The library version avoids loops: NumPy's `sliding_window_view` gives every window as a view
# of the input, every $s$-th window is kept, and one `.max` over the last two axes does the
# rest. Read it:

# %%
cnnlab.show_source(pool_ops.pooling_windows)
cnnlab.show_source(max_pool2d)

# %% [markdown]
# ## 2 · Height and width shrink, depth stays
#
# Pooling works on each channel separately: channel $c$ of the output depends only on channel
# $c$ of the input. So a 2×2, stride-2 pooling turns $s\times s\times d$ into
# $\frac{s}{2}\times\frac{s}{2}\times d$: the number of feature maps does not change. On a
# real tensor: one Fashion-MNIST image through a convolution with 16 kernels gives
# 16 × 28 × 28; pooling gives 16 × 14 × 14.

# %%
test_set = cnnlab.fashion_mnist("test")
image, label = test_set[0]                                  # (1, 28, 28), class index
torch.manual_seed(0)
conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)           # 16 kernels, "same" padding
with torch.no_grad():
    features = torch.relu(conv(image[None]))                # (1, 16, 28, 28)
pooled_max = F.max_pool2d(features, 2)                      # (1, 16, 14, 14)
pooled_avg = F.avg_pool2d(features, 2)
print("image:           ", tuple(image.shape), "class:", test_set.classes[label])
print("feature maps:    ", tuple(features.shape[1:]))
print("after 2×2 pooling:", tuple(pooled_max.shape[1:]))
per_channel = torch.stack([F.max_pool2d(features[:, c:c + 1], 2)[0, 0] for c in range(16)])
print("pooling each channel alone gives the same:", torch.equal(per_channel, pooled_max[0]))

# %%
channel = int(features[0].flatten(1).std(dim=1).argmax())   # the most varied of the 16 maps
fig, axes = plt.subplots(1, 4, figsize=(12, 3.4), constrained_layout=True)
panels = [(image[0], f"input ({test_set.classes[label]}), 28×28"),
          (features[0, channel], f"feature map {channel}, 28×28"),
          (pooled_max[0, channel], "max pooled, 14×14"),
          (pooled_avg[0, channel], "average pooled, 14×14")]
for ax, (picture, title) in zip(axes, panels):
    ax.imshow(picture, cmap="gray")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("2×2 pooling with stride 2 keeps the picture at half the resolution", fontsize=12)
plt.show()

# %% [markdown]
# ### Odd sizes: floor or ceiling
#
# "Halves" is exact only for even sizes. On 7×7, 2×2 windows with stride 2 fit three times;
# PyTorch's default drops the last row and column (floor), while `ceil_mode=True` keeps one
# more window that hangs over the edge and pools only the values inside. `cnnlab.pool_output_size`
# shows the arithmetic; PyTorch agrees:

# %%
print(cnnlab.pool_output_size(7, 2, explain=True))
print(cnnlab.pool_output_size(7, 2, ceil_mode=True, explain=True))
X7 = torch.arange(49.0).reshape(1, 1, 7, 7)
print("nn.MaxPool2d(2):                ", tuple(nn.MaxPool2d(2)(X7).shape[2:]))
print("nn.MaxPool2d(2, ceil_mode=True):", tuple(nn.MaxPool2d(2, ceil_mode=True)(X7).shape[2:]))
print("last column of the ceil-mode output:", nn.MaxPool2d(2, ceil_mode=True)(X7)[0, 0, :, -1].tolist())

# %% [markdown]
# The last column, 13, 27, 41, 48, comes from windows that contain only column 6 of the input
# (the maximum of $\{6, 13\}$, $\{20, 27\}$, …). With the default, column 6 and row 6 are
# never looked at.
#
# ### Quick checks · output sizes (1 point each)

# %% tags=["exercise:pool_ceil"]
def pool_ceil_check(n, s):
    k = 3
    up = -(-(n - k) // s) + 1
    down = (n - k) // s + 1
    if (n, s) == (112, 2):
        layer = "GoogLeNet's first pooling layer"
    else:
        layer = "A network's pooling layer"
    return dict(
        answer=up,
        prompt=f"{layer} is nn.MaxPool2d({k}, stride={s}, ceil_mode=True) on {n}×{n} feature maps. "
               "What is the output height?",
        hint=f"out = ⌈(n − k + 2·p) / s⌉ + 1 with n = {n}, k = {k}, p = 0, s = {s}. The last window starts inside "
             "the input, so it is kept.",
        explanation=f"⌈({n} − {k}) / {s}⌉ + 1 = ⌈{(n - k) / s:.4g}⌉ + 1 = {up - 1} + 1 = {up}; without ceil_mode "
                    f"it would be {down - 1} + 1 = {down}. "
                    f"Check: cnnlab.pool_output_size({n}, {k}, s={s}, ceil_mode=True).",
        mistakes=[("rounded_down", down,
                   "you rounded (n − k)/s down, as PyTorch does by default. ceil_mode=True rounds it up."),
                  ("ignored_stride", n - k + 1,
                   f"you used stride 1. With stride {s}, divide n − k by {s} before adding 1.")])


numeric("pool_ceil", digits=0, unit="pixels",
        variants=vary(pool_ceil_check, n=[112, 100, 64, 58], s=[2, 3]))

# %% tags=["exercise:pooled_shape"]
def pooled_shape_check(channels, n):
    side = (n - 2) // 2 + 1
    return dict(
        answer=(channels, side, side),
        prompt="What is the output shape (C, H, W) of nn.MaxPool2d(2) applied to one tensor of shape "
               f"({channels}, {n}, {n})?",
        hint=f"The stride defaults to the kernel size; pooling keeps the channels; {n} is odd and ceil_mode is off.",
        explanation=f"⌊({n} − 2) / 2⌋ + 1 = {side - 1} + 1 = {side} in height and width, and the {channels} channels "
                    f"stay: ({channels}, {side}, {side}). Row {n - 1} and column {n - 1} are dropped.",
        mistakes=[("rounded_up", (channels, side + 1, side + 1),
                   f"you rounded ({n} − 2)/2 up. ceil_mode is off, so PyTorch rounds down and drops the last row "
                   "and column."),
                  ("channels_last", (side, side, channels),
                   "the question asks for (C, H, W): PyTorch keeps the channels first."),
                  ("forgot_plus_one", (channels, side - 1, side - 1),
                   "you left out the + 1: ⌊(n − k)/s⌋ counts the steps between windows, and the first window comes "
                   "before the first step.")])


shape("pooled_shape", variants=vary(pooled_shape_check, channels=[64, 32, 96], n=[15, 13, 27, 21]))

# %% [markdown]
# ## 3 · Nothing to learn
#
# A common way to put it: *"There is no learning done in max pooling layers, no weights or
# parameters to update, just down sampling."* Count them:

# %%
for layer in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.Conv2d(16, 16, kernel_size=3, padding=1)]:
    print(f"{str(layer):>70}: {sum(p.numel() for p in layer.parameters()):,} parameters")

# %% [markdown]
# No parameters does not mean no gradient. Backpropagation passes through a max pooling layer:
# each window sends its gradient to the input that won the max, and nothing to the others
# (average pooling shares it equally). On the 4×4 example:

# %%
X_grad = torch.tensor(X, requires_grad=True)
F.max_pool2d(X_grad[None, None], 2).sum().backward()
print("gradient reaching the input through max pooling:\n", X_grad.grad)

# %% [markdown]
# ## 4 · Pooling or a stride-2 convolution?
#
# A convolution with stride 2 also halves the size, but it has weights. Compare three ways to
# go from 16 × 28 × 28 to 16 × 14 × 14:

# %%
downsamplers = {
    "max pooling 2×2, stride 2": nn.MaxPool2d(2),
    "conv 2×2, stride 2":        nn.Conv2d(16, 16, kernel_size=2, stride=2),
    "conv 3×3, stride 2, pad 1": nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
}
for name, layer in downsamplers.items():
    with torch.no_grad():
        out = layer(features)
    print(f"{name:>26}: output {tuple(out.shape[1:])}, {sum(p.numel() for p in layer.parameters()):,} parameters")

# %% [markdown]
# What can each one learn? A strided convolution is linear, and it can learn average pooling
# exactly: give output channel $o$ the weight $\frac14$ on each of the four pixels of input
# channel $o$ and zero elsewhere. It cannot learn max pooling, because the maximum is not
# linear: $\max(a + b) \ne \max(a) + \max(b)$ in general.

# %%
as_average = nn.Conv2d(16, 16, kernel_size=2, stride=2, bias=False)
with torch.no_grad():
    as_average.weight.zero_()
    for o in range(16):
        as_average.weight[o, o] = 0.25                      # (2, 2) slice: 1/4 each
    print("strided conv == average pooling:", torch.allclose(as_average(features), F.avg_pool2d(features, 2), atol=1e-6))
a = torch.tensor([[[[1.0, 0.0], [0.0, 0.0]]]])
b = torch.tensor([[[[0.0, 0.0], [0.0, 1.0]]]])
print("max(a + b) =", F.max_pool2d(a + b, 2).item(), "  max(a) + max(b) =", (F.max_pool2d(a, 2) + F.max_pool2d(b, 2)).item())

# %% [markdown]
# So the two are different tools. Pooling is free and fixed; a strided convolution costs
# parameters and multiplications but learns *how* to downsample. Springenberg et al. (2015,
# "Striving for simplicity: the all convolutional net") replaced every max pooling layer of
# their networks by a stride-2 convolution and lost no accuracy on CIFAR-10; ResNet (lesson 12)
# downsamples with strided convolutions inside the network and keeps pooling only at the stem
# and the end.
#
# ## 5 · Is a pooled feature map invariant to small shifts?
#
# Pooling is often said to mitigate the sensitivity of convolutional layers to location
# (Dive into Deep Learning, §7.5, gives this as one of its two purposes). Let us measure it. Take 500 Fashion-MNIST test images, compute <!-- parity-ignore: 7.5 -->
# feature maps with two fixed edge detectors (the Sobel kernels, followed by ReLU). The Sobel
# kernels are a pair of 3×3 difference kernels: one subtracts the column left of the centre from
# the column right of it (the middle row weighted twice) and responds most to vertical edges; its
# transpose subtracts the row above from the row below and responds most to horizontal edges.
# Then shift every image right by $d$ pixels, and ask how much the maps change:
#
# $$\text{relative change} = \frac{\lVert f(\text{shift}_d\,x) - f(x)\rVert}{\lVert f(x)\rVert},$$
#
# for the feature map itself and after 2×2 max pooling (and, for comparison, 4×4).

# %%
images = test_set.images[:500].float() / 255                     # (500, 1, 28, 28)
sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
edge_kernels = torch.stack([sobel, sobel.T])[:, None]             # (2, 1, 3, 3): vertical and horizontal edges


def edge_features(x):
    return torch.relu(F.conv2d(x, edge_kernels, padding=1))     # (N, 2, 28, 28)


def shift_right(x, d):
    """Move the pixels d columns to the right; zeros come in on the left."""
    return F.pad(x, (d, 0))[..., :x.shape[-1]]


def relative_change(new, old):
    return ((new - old).norm() / old.norm()).item()


def fraction_unchanged(new, old):
    active = (new != 0) | (old != 0)                              # ignore places that are 0 in both
    return ((new - old).abs()[active] < 1e-6).float().mean().item()


reference = edge_features(images)
shifts = [0, 1, 2, 3, 4]
views = {"feature map": lambda f: f,
         "max pooled 2×2": lambda f: F.max_pool2d(f, 2),
         "max pooled 4×4": lambda f: F.max_pool2d(f, 4)}
changes = {name: [] for name in views}
for d in shifts:
    moved = edge_features(shift_right(images, d))
    for name, view in views.items():
        changes[name].append(relative_change(view(moved), view(reference)))
for name, values in changes.items():
    print(f"{name:>15}: relative change for shifts {shifts}:", [round(v, 3) for v in values])

# %% [markdown]
# A one-pixel shift changes the feature map by about 80 % of its size, the 2×2-pooled map by
# about 60 %, the 4×4-pooled map less still. Why only partly? A window's maximum survives a
# one-pixel shift when it moves *within* the window, and not when it crosses into the next
# window. Count the values that do not change at all:

# %%
moved_1 = edge_features(shift_right(images, 1))
moved_2 = edge_features(shift_right(images, 2))
print("unchanged after a 1-pixel shift, feature map:   ", round(fraction_unchanged(moved_1, reference), 3))
print("unchanged after a 1-pixel shift, max pooled 2×2:", round(fraction_unchanged(F.max_pool2d(moved_1, 2), F.max_pool2d(reference, 2)), 3))
print("unchanged after a 2-pixel shift, max pooled 2×2:", round(fraction_unchanged(F.max_pool2d(moved_2, 2), F.max_pool2d(reference, 2)), 3))
pooled_then_moved = shift_right(F.max_pool2d(reference, 2), 1)     # pooled map moved by one cell
print("2-pixel shift vs the pooled map moved by one cell, unchanged:",
      round(fraction_unchanged(F.max_pool2d(moved_2, 2), pooled_then_moved), 3))

# %% [markdown]
# About a quarter of the pooled values survive a one-pixel shift; after a two-pixel shift
# almost none do. But almost all of them reappear one cell to the right: a shift by the stride
# moves the pooled map by one cell. Pooling gives invariance only to shifts *smaller than its
# window*, and only for some positions; for larger shifts it gives what convolution gives,
# equivariance on a coarser grid. Real networks also alias: Zhang (2019), "Making convolutional
# networks shift-invariant again", shows that standard CNNs can change their prediction under a
# one-pixel shift and proposes blurring before subsampling — good further reading.

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
for (name, values), marker in zip(changes.items(), ["o", "s", "^"]):
    ax.plot(shifts, values, marker=marker, label=name)
ax.set_xlabel("shift of the input (pixels)", fontsize=11)
ax.set_ylabel("relative change ‖f(shifted) − f‖ / ‖f‖", fontsize=11)
ax.set_title("Edge features of 500 Fashion-MNIST images: pooling damps small shifts", fontsize=11)
ax.set_xticks(shifts)
ax.legend(fontsize=10)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 6 · Common claims about pooling, checked
#
# - **"Pooling compresses feature maps"**, reducing computation and keeping the main features,
#   with no weights to update. *Correct* — sections 2 and 3.
# - **"Pooling shrinks every feature map but keeps their number"**, $s\times s\times d
#   \to \frac s2\times\frac s2\times d$. *Correct* for 2×2 windows with stride 2 and even $s$;
#   for odd $s$ the size is $\lfloor s/2\rfloor$ (or $\lceil s/2\rceil$ with `ceil_mode`).
# - **"Pooling eases the convolution's sensitivity to position."** *Partly* — within
#   the window, for some positions (section 5). It also enlarges the receptive field of later
#   layers (lesson 04).
# - **An analogy**: pooling is like a nerve cell that passes the signal on only above a threshold.
#   Take it as a **loose metaphor**: a threshold is closer to what ReLU does; max pooling picks
#   the strongest response in a neighbourhood. (Neuroscience has a closer, still debated,
#   analogy: Riesenhuber & Poggio, 1999, modelled complex cells in visual cortex with a MAX
#   operation.)
# - **"Max pooling is simple and simply the best method."**
#   *Too strong.* Both are in use: max pooling inside AlexNet and VGG, average-style subsampling
#   in LeNet, global average pooling at the end of NiN, GoogLeNet and ResNet (lesson 11), and no
#   pooling at all in the all-convolutional net. Which one works better depends on the features
#   and the data (Boureau, Ponce & LeCun, 2010).
#
# ## 7 · A preview: LeNet's trainable subsampling
#
# The pooling layers of LeNet-5 (LeCun et al., 1998) were not parameter-free. Layer S2 adds the
# four values of each 2×2 window, multiplies the sum by a **trainable coefficient**, adds a
# **trainable bias** and passes the result through the squashing function — one coefficient and
# one bias per feature map: $2\times 6$ trainable parameters for S2 and $2 \times 16$ for S4
# (LeCun et al., 1998, §II.B). The faithful LeNet-5 in `cnnlab.models.lenet5` agrees:

# %%
net = lenet5()
print(net.s2, "→", sum(p.numel() for p in net.s2.parameters()), "parameters")
print(net.s4, "→", sum(p.numel() for p in net.s4.parameters()), "parameters")
maps = torch.randn(1, 6, 28, 28)                          # what C1 gives S2
with torch.no_grad():
    rebuilt = 4 * nn.AvgPool2d(2)(maps) * net.s2.weight.view(1, 6, 1, 1) + net.s2.bias.view(1, 6, 1, 1)
    print("S2 output shape:", tuple(net.s2(maps).shape), "  equals coefficient · 4·AvgPool2d + bias:",
          torch.allclose(net.s2(maps), rebuilt, atol=1e-6))

# %% [markdown]
# S2 is often described with the *mean* of the window rather than the *sum*; the paper uses
# the sum in S2 and S4. The difference is a factor 4 that the trainable coefficient absorbs, so
# both describe the same layer. Descriptions also often say "sigmoid" where the paper uses a
# scaled tanh, $1.7159\tanh(2a/3)$ (its Appendix A); lesson 08 builds the whole network.
#
# ### Quick check · true or false (1 point)

# %% tags=["exercise:pooling_true"]
choice("pooling_true", answer=2,
       options=["A 2×2 max-pooling layer over 64 channels has 64 · 4 learnable weights.",
                "Max pooling makes a network's output unchanged under any shift of the input.",
                "2×2 max pooling with stride 2 keeps the number of channels and halves height and width, rounding down for odd sizes by default.",
                "With well-chosen weights, a 2×2 stride-2 convolution computes exactly what 2×2 max pooling computes."],
       prompt="Which statement about pooling is true?",
       hint="Recall sections 2–5: count the parameters, measure the shifts, and ask whether the maximum is linear.",
       explanation="Pooling works channel by channel and has no parameters; by default the output size is rounded down. "
                   "Its invariance covers only shifts smaller than the window, and only partly. A convolution is linear, "
                   "so it can reproduce average pooling but not max pooling.",
       reveal_after=2,
       mistakes=[("pool_has_weights", 0,
                  "count them (section 3): nn.MaxPool2d has no parameters at all; it only takes the maximum of each window."),
                 ("full_shift_invariance", 1,
                  "section 5 measured it: the pooled output stays the same only for some shifts smaller than the window, not for any shift."),
                 ("conv_computes_max", 3,
                  "a convolution is linear and the maximum is not: weights can reproduce average pooling, never max pooling.")])

# %% [markdown]
# ### Exercise · Max pooling with any window and stride (3 points)
#
# Complete `max_pool2d_single(X, k, s)`: `X` is a two-dimensional tensor (one channel), the window is
# `k`×`k`, the stride `s` (windows may overlap when `s < k`), no padding, sizes rounded down
# like PyTorch. Return a two-dimensional tensor of shape
# $(\lfloor (h-k)/s\rfloor + 1,\ \lfloor (w-k)/s\rfloor + 1)$. Loops are fine.

# %% tags=["exercise:max_pool2d_single"]
def max_pool2d_single(X, k, s):
    """Max pooling of a 2-D tensor X with a k×k window and stride s (no padding, floor)."""
    ### BEGIN SOLUTION
    h_out, w_out = (X.shape[0] - k) // s + 1, (X.shape[1] - k) // s + 1
    Y = torch.zeros(h_out, w_out, dtype=X.dtype)
    for i in range(h_out):
        for j in range(w_out):
            Y[i, j] = X[i * s:i * s + k, j * s:j * s + k].max()
    return Y
    ### END SOLUTION


# %% tags=["exercise:max_pool2d_single"]
_ = check_function("max_pool2d_single", max_pool2d_single, [
    ((torch.tensor(X), 2, 2), [[6.0, 8.0], [3.0, 4.0]]),
    ((torch.arange(25.0).reshape(5, 5), 3, 2), [[12.0, 14.0], [22.0, 24.0]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(6)
for _shape, _k, _s in [((6, 6), 2, 2), ((7, 5), 3, 2), ((9, 9), 3, 3), ((5, 8), 2, 1), ((4, 4), 4, 1), ((10, 7), 3, 4)]:
    _X = torch.randn(*_shape)
    _want = F.max_pool2d(_X[None, None], _k, _s)[0, 0]
    _got = torch.as_tensor(max_pool2d_single(_X, _k, _s))
    expect_value(_got, _want, case=(_shape, _k, _s), rtol=1e-5, atol=1e-8)
### END HIDDEN TESTS

# %% [markdown]
# ## Common mistakes
#
# - **Pooling across channels.** Pooling never mixes channels; only a convolution does.
# - **Forgetting the default stride.** `nn.MaxPool2d(3)` has stride 3, not 1: the stride
#   defaults to the window size.
# - **Assuming exact halving.** Odd sizes round down (the last row and column are ignored)
#   unless `ceil_mode=True`.
# - **"No parameters, so no gradient."** Gradients flow through pooling, to the winners of the
#   max or equally to all inputs of an average.
# - **"Pooling makes the network shift-invariant."** Only partly, and only for shifts smaller
#   than the window; larger shifts move the pooled map.
#
# ## Sources
#
# - CS231n, *Convolutional Neural Networks for Visual Recognition*, notes on pooling layers
#   (the 4×4 max-pooling example).
# - A. Zhang et al., *Dive into Deep Learning*, §7.5 "Pooling" (pooling mitigates the <!-- parity-ignore: 7.5 -->
#   sensitivity of convolutional layers to location).
# - J. T. Springenberg, A. Dosovitskiy, T. Brox, M. Riedmiller, *Striving for Simplicity: The
#   All Convolutional Net*, ICLR workshop 2015.
# - R. Zhang, *Making Convolutional Networks Shift-Invariant Again*, ICML 2019.
# - Y.-L. Boureau, J. Ponce, Y. LeCun, *A Theoretical Analysis of Feature Pooling in Visual
#   Recognition*, ICML 2010.
# - M. Riesenhuber, T. Poggio, *Hierarchical Models of Object Recognition in Cortex*, Nature
#   Neuroscience 2, 1999.
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-Based Learning Applied to Document
#   Recognition*, Proc. IEEE 86, 1998 (the trainable subsampling layers S2 and S4).
# - PyTorch documentation: `torch.nn.MaxPool2d` (`ceil_mode`), `torch.nn.AvgPool2d`.
# - The claim quoted in section 3 is a common phrasing, quoted in its original English wording.
