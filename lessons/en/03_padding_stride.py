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
lesson = cnnlab.start_lesson("03_padding_stride", lang="en")

# %% [markdown]
# # Lesson 03 · Padding and stride
#
# Lesson 02 slid a kernel over every position where it fits completely, so the output came out
# smaller than the input. Two settings of a convolutional layer change that: **padding** adds a
# border of zeros around the input, and **stride** makes the kernel jump several pixels at a
# time. This lesson computes padded and strided examples by code, adds a third setting,
# **dilation**, puts the common ways of writing the output-size formula side by side, lets you
# drive a convolution by hand in an interactive explorer, and ends with five exercises.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import conv2d, corr2d
from cnnlab.viz import ConvolutionExplorer

# %% [markdown]
# ## 1 · Why pad? Shrinking outputs and neglected borders
#
# Without padding, every 3×3 convolution takes one pixel off each side. Stack a few of them on a
# 32×32 image and the feature maps melt away:

# %%
size = 32
sizes = [size]
for layer in range(10):
    size = cnnlab.conv_output_size(size, 3)
    sizes.append(size)
print("no padding:", " → ".join(map(str, sizes)))
print("padding 1: ", " → ".join(map(str, [cnnlab.conv_output_size(32, 3, p=1)] * 11)))

# %% [markdown]
# The border also takes part in fewer windows than the centre. The function below counts, for
# every pixel of an $n\times n$ input, how many kernel windows cover it:

# %%
def coverage(n, k, p=0, s=1):
    """How many k×k windows (padding p, stride s) cover each pixel of an n×n input."""
    counts = np.zeros((n + 2 * p, n + 2 * p), dtype=int)
    out = cnnlab.conv_output_size(n, k, s=s, p=p)
    for i in range(out):
        for j in range(out):
            counts[i * s:i * s + k, j * s:j * s + k] += 1
    return counts[p:p + n, p:p + n]           # the padding itself does not count


print("4×4 input, 3×3 kernel, no padding:\n", coverage(4, 3))
print("the same with padding 1:\n", coverage(4, 3, p=1))

# %% [markdown]
# Without padding a corner pixel is read by one window and a centre pixel by four; with one ring
# of zeros the corner is read four times and the centre nine. Padding lets the edges of the
# image take part like the rest: without it, every layer of a deep stack loses a little more
# of the border.
#
# ## 2 · A 4×4 input with padding 1 and padding 2
#
# Lay out a 4×4 input with 1 in the **bottom**-left corner, counting upwards row by row
# (13 14 15 16 on top), pad it with one and with two rings of zeros, and slide the kernel
# $\begin{bmatrix}1&0&1\\0&1&0\\1&0&1\end{bmatrix}$ over it. Here are the padded inputs
# and the outputs.

# %%
X = np.arange(1, 17).reshape(4, 4)[::-1].copy()   # row 0 is the top: 13 14 15 16
K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
print("input X:\n", X)
for p in (1, 2):
    X_pad = np.pad(X, p)                          # p zeros on every side
    print(f"\npadding {p}: padded input {X_pad.shape[0]}×{X_pad.shape[1]}")
    print(X_pad)
    print(f"output {corr2d(X_pad, K).shape[0]}×{corr2d(X_pad, K).shape[1]}:")
    print(corr2d(X_pad, K).astype(int))

# %% [markdown]
# The first output with padding 1 reads the top-left 3×3 window of the padded grid, of which
# only 13 and 10 sit under a 1 of the kernel — the zeros add nothing: $13 + 10 = 23$. PyTorch
# pads by itself when given `padding=p`, and agrees:

# %%
X_t = torch.tensor(X, dtype=torch.float32)[None, None]      # (1, 1, 4, 4)
K_t = torch.tensor(K, dtype=torch.float32)[None, None]      # (1, 1, 3, 3)
for p in (1, 2):
    Y = F.conv2d(X_t, K_t, padding=p)[0, 0]
    same = np.array_equal(Y.numpy(), corr2d(np.pad(X, p), K))
    print(f"padding={p}: shape {tuple(Y.shape)}, equal to corr2d on the padded input: {same}")
    print(cnnlab.conv_output_size(4, 3, p=p, explain=True))

# %% [markdown]
# The figure shows the first window (orange frame) on both padded inputs, and the outputs.

# %%
def draw_grid(ax, grid, title, pad=0, window=None):
    """Draw a 2-D integer grid with its numbers; grey = padding, orange frame = one window."""
    n = grid.shape[0]
    is_pad = np.ones_like(grid, dtype=float)
    is_pad[pad:n - pad, pad:n - pad] = 0
    ax.imshow(is_pad, cmap="Greys", vmin=0, vmax=4)
    for (r, c), v in np.ndenumerate(grid):
        ax.text(c, r, f"{v:g}", ha="center", va="center", fontsize=9)
    if window is not None:
        r, c, k = window
        ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), k, k, fill=False, edgecolor="tab:orange", lw=3,
                                   clip_on=False))
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])


fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), constrained_layout=True,
                         gridspec_kw={"width_ratios": [6, 4, 8, 6]})
for column, p in enumerate((1, 2)):
    X_pad = np.pad(X, p)
    draw_grid(axes[2 * column], X_pad, f"padding {p}: input {X_pad.shape[0]}×{X_pad.shape[1]}",
              pad=p, window=(0, 0, 3))
    Y = corr2d(X_pad, K).astype(int)
    draw_grid(axes[2 * column + 1], Y, f"output {Y.shape[0]}×{Y.shape[1]}")
plt.show()

# %% [markdown]
# With padding 2 the output (6×6) is **larger** than the input: the outermost outputs see mostly
# zeros (the top-left one sees only the 13). Padding $p$ on each side adds $2p$ to the size, so
#
# $$n_\text{out} = n - k + 2p + 1 .$$
#
# ## 3 · "Same" padding: keep the size
#
# To make $n_\text{out} = n$ at stride 1 we need $2p = k - 1$, so $p = (k-1)/2$. Kernels of odd
# size — 1, 3, 5, 7, which is why you almost only meet those — give a whole number:

# %%
for k in (1, 3, 5, 7):
    p = cnnlab.same_padding(k)
    out = nn.Conv2d(1, 1, kernel_size=k, padding=p)(torch.zeros(1, 1, 28, 28)).shape[-1]
    print(f"k = {k}: p = {p}, 28×28 → {out}×{out}")
print(cnnlab.same_padding(5, explain=True))

# %% [markdown]
# For an even kernel, $k-1$ is odd: the border needed cannot be split equally between the two
# sides. The library says so:

# %%
try:
    cnnlab.same_padding(4)
except ValueError as err:
    print(err)

# %% [markdown]
# PyTorch's `padding="same"` does it anyway by padding one side more: for $k = 4$ it adds 1 zero
# on the top/left and 2 on the bottom/right. The check below pads by hand both ways round and
# compares (it hides PyTorch's warning that this costs an extra padded copy of the input):

# %%
x4 = torch.arange(16.0).reshape(1, 1, 4, 4)
w4 = torch.ones(1, 1, 4, 4)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    same = F.conv2d(x4, w4, padding="same")
print("output shape:", tuple(same.shape))
print("= 1 before, 2 after:", torch.equal(same, F.conv2d(F.pad(x4, (1, 2, 1, 2)), w4)))
print("= 2 before, 1 after:", torch.equal(same, F.conv2d(F.pad(x4, (2, 1, 2, 1)), w4)))

# %% [markdown]
# An uneven border shifts the feature map by half a pixel against the input; odd kernels with
# $p = (k-1)/2$ keep every output centred on its input pixel.
#
# ## 4 · Stride: jumping more than one pixel
#
# With stride $s$ the window moves $s$ pixels at a time, across and down. The layer
# `conv2d_3` below uses a 2×2 kernel with stride 2 on the 4×4 input. The windows do not overlap: they
# tile the input into four blocks, one output each.

# %%
conv2d_3 = nn.Conv2d(1, 1, kernel_size=2, stride=2)
print("output shape:", tuple(conv2d_3(torch.rand(1, 1, 4, 4)).shape[2:]))
print(cnnlab.conv_output_size(4, 2, s=2, explain=True))
for i in range(2):
    for j in range(2):
        print(f"output ({i},{j}) reads rows {2 * i}-{2 * i + 1}, columns {2 * j}-{2 * j + 1}:",
              X[2 * i:2 * i + 2, 2 * j:2 * j + 2].tolist())

# %% [markdown]
# The window starts at $0, s, 2s, \dots$ and must end inside the padded input of size $n + 2p$.
# The last start is therefore at most $n + 2p - k$, which allows
# $\lfloor (n + 2p - k)/s \rfloor + 1$ starts:
#
# $$n_\text{out} = \left\lfloor \frac{n - k + 2p}{s} \right\rfloor + 1 .$$
#
# ## 5 · The floor: rows a stride never visits
#
# A common way to write the formula is $(n - k + 2p)/s + 1$, without the floor
# $\lfloor\cdot\rfloor$. Textbook examples are usually chosen so that $(n - k + 2p)/s$ is a
# whole number, and then the floor is not needed. Take $n = 8$, $k = 3$, no padding, $s = 2$:

# %%
print(cnnlab.conv_output_size(8, 3, s=2, explain=True))
print("PyTorch:", tuple(nn.Conv2d(1, 1, 3, stride=2)(torch.zeros(1, 1, 8, 8)).shape[2:]))
print("windows covering each pixel:\n", coverage(8, 3, s=2))

# %% [markdown]
# The windows start at rows 0, 2 and 4 and end at row 6; a fourth would need rows 6–8, and there
# is no row 8. So the last row and the last column (index 7) are read by no window at all:
# whatever they hold, the output is the same.

# %%
x8 = torch.rand(1, 1, 8, 8)
w8 = torch.rand(1, 1, 3, 3)
changed = x8.clone()
changed[..., 7, :] = 100.0                        # overwrite the last row ...
changed[..., :, 7] = -100.0                       # ... and the last column
print("output unchanged:", torch.equal(F.conv2d(x8, w8, stride=2), F.conv2d(changed, w8, stride=2)))

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), constrained_layout=True)
for ax, (n, k, p, s) in zip(axes, [(4, 3, 0, 1), (4, 3, 1, 1), (8, 3, 0, 2)]):
    counts = coverage(n, k, p, s)
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=counts.max())
    for (r, c), v in np.ndenumerate(counts):
        colour = "tab:red" if v == 0 else ("white" if v > counts.max() / 2 else "black")
        ax.text(c, r, str(v), ha="center", va="center", fontsize=10, color=colour)
    ax.set_title(f"n={n}, k={k}, p={p}, s={s}: windows per pixel", fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
plt.show()

# %% [markdown]
# Left and middle: padding lifts the border from 1–2 windows to 4–6. Right: with stride 2 the
# 0s in red mark the row and column that the floor drops. Networks pick input sizes so that
# this does not happen (lesson 09 shows why AlexNet needs 227×227, not 224×224).
#
# ## 6 · Dilation: spreading the kernel out
#
# A third setting, **dilation** $d$ (PyTorch's `dilation=`), leaves $d - 1$ pixels out between
# neighbouring taps of the kernel. A 3×3 kernel with $d = 2$ still has 9 weights, but reads
# every second pixel of a 5×5 patch. In general a kernel of size $k$ with dilation $d$ spans
#
# $$k' = d\,(k - 1) + 1$$
#
# pixels. A dilated kernel is the same as a $k' \times k'$ kernel with $d - 1$ zeros between
# its weights:

# %%
K3 = torch.arange(1.0, 10.0).reshape(3, 3)          # the 9 weights
d = 2
k_spread = d * (3 - 1) + 1                          # k' = d·(k − 1) + 1
K_spread = torch.zeros(k_spread, k_spread)
K_spread[::d, ::d] = K3                             # d − 1 zeros between neighbouring taps
print(f"k = 3, d = {d}: k' = d·(k − 1) + 1 = {k_spread}")
print(K_spread.int())
x7 = torch.arange(49.0).reshape(1, 1, 7, 7)
dilated = F.conv2d(x7, K3[None, None], dilation=d)
print("output size:", tuple(dilated.shape[2:]),
      "· same as the 5×5 kernel with zeros:", torch.equal(dilated, F.conv2d(x7, K_spread[None, None])))

# %% [markdown]
# So the output size is the formula of section 4 with $k'$ in place of $k$:
#
# $$n_\text{out} = \left\lfloor \frac{n + 2p - d\,(k - 1) - 1}{s} \right\rfloor + 1 ,$$
#
# the formula of the PyTorch documentation for `nn.Conv2d`. The table computes it by hand, with
# `cnnlab.conv_output_size(..., d=...)` and with `nn.Conv2d(dilation=...)`:

# %%
print(cnnlab.conv_output_size(7, 3, d=2, explain=True))
dilation_cases = [(7, 3, 0, 1, 2), (28, 3, 2, 1, 2), (28, 3, 3, 1, 3), (32, 3, 1, 2, 2), (10, 5, 0, 1, 2)]
print("{:>4}{:>3}{:>3}{:>3}{:>3}{:>4} | {:>8}{:>8}{:>10}".format(
    "n", "k", "p", "s", "d", "k'", "by hand", "cnnlab", "nn.Conv2d"))
agree = []
for n, k, p, s, d in dilation_cases:
    k_spread = d * (k - 1) + 1
    by_hand = (n + 2 * p - k_spread) // s + 1
    library = cnnlab.conv_output_size(n, k, p=p, s=s, d=d)
    layer_out = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, n, n)).shape[-1]
    print(f"{n:>4}{k:>3}{p:>3}{s:>3}{d:>3}{k_spread:>4} | {by_hand:>8}{library:>8}{layer_out:>10}")
    agree.append(by_hand == library == layer_out)
print("hand formula, cnnlab and nn.Conv2d agree on every row:", all(agree))

# %% [markdown]
# Rows two and three keep 28×28: with stride 1, "same" padding is $p = (k' - 1)/2 = d(k-1)/2$.
# Dilation is how a network widens what one output sees without more weights and without
# shrinking the feature map (Yu & Koltun, 2016). The price: one dilated layer reads only
# $k \times k$ of the $k' \times k'$ pixels it spans; the pixels in between are skipped, and
# only a stack of layers fills the gaps (lesson 04 counts receptive fields).
#
# ## 7 · Explore it yourself
#
# The explorer below draws the padded input (grey: the zeros of the padding), the current window
# in orange, each of its cells marked ×w with the kernel weight it is multiplied by, and the
# output filling in. Move the sliders, click **step**, or press ▶ to animate; the formula
# underneath is evaluated as you go. Try:
#
# 1. $n=4$, $k=3$, $p=1$, then $p=2$ — the two examples of section 2: the explorer starts with
#    section 2's input `X` (1 in the bottom-left corner) and kernel `K`, so its first output is 23
#    there too. Change $n$ and the input becomes 1…n² row by row from the top left.
# 2. $n=8$, $k=3$, $p=0$, $s=2$ — red cells: the row and column that no window reaches.
# 3. $n=4$, $k=7$, $p=0$ — a kernel larger than the padded input; raise $p$ until it fits.
# 4. $n=7$, $k=3$, $d=2$ — the window's taps spread out over $d(k-1)+1 = 5$ pixels (section 6).

# %% tags=["nbval-ignore-output"]
explorer = ConvolutionExplorer(x=X, kernel=K, p=1, s=1)      # section 2's input and kernel
explorer

# %% [markdown]
# Everything the explorer draws can also be read in code. Here one explorer takes a step, and we
# read the output position, the window's extent, the whole output and the formula:

# %%
demo = ConvolutionExplorer(n=8, k=3, p=0, s=2)
demo.step()
print("position:", demo.position, " window rows/columns:", demo.window[0], "to", demo.window[-1])
print("the whole output:\n", demo.output)
print(demo.formula_text)

# %% [markdown]
# ## 8 · One formula, three notations
#
# Books and courses write the output size in three ways:
#
# - **per side**: $(n - k + 2p)/s + 1$, with $p$ the padding on **each** side, as PyTorch's
#   `padding=` (the CS231n notes; the PyTorch documentation);
# - **total**: $(n - k + p + s)/s$, with $p$ the **total** padding of both sides together
#   (*Dive into Deep Learning*, §7.3, which adds "a total of $p_h$ rows of padding"); <!-- parity-ignore: 7.3 -->
# - **pad first**: compute the padded size $n + 2p$, then use the formula without padding,
#   $(n + 2p - k)/s + 1$.
#
# They are the same formula once $p_\text{total} = 2\,p_\text{side}$:
# $(n - k + 2p + s)/s = (n - k + 2p)/s + 1$. `cnnlab.conv_output_size` takes the per-side
# padding as `p` and the total as `p_total=`. The table evaluates every notation on the
# examples of this lesson, plus one column that **mixes** them — PyTorch's `padding=` put into
# the total-padding formula, a common mistake:

# %%
layers = [("4×4, padding=1", 4, 3, 1, 1), ("4×4, padding=2", 4, 3, 2, 1),
          ("conv2d_3", 4, 2, 0, 2), ("cs231n demo", 5, 3, 1, 2),
          ("AlexNet conv1", 227, 11, 0, 4), ("floor example", 8, 3, 0, 2),
          ("floor, padded", 10, 3, 1, 2)]
print(f"{'n':>4}{'k':>4}{'p':>3}{'s':>3} | {'per side':>9}{'total':>6}"
      f"{'pad first':>10}{'PyTorch':>8} | {'mixed':>6}   {'layer'}")
agree = []
for name, n, k, p, s in layers:
    per_side = cnnlab.conv_output_size(n, k, p=p, s=s)              # ⌊(n − k + 2p)/s⌋ + 1
    total = cnnlab.conv_output_size(n, k, p_total=2 * p, s=s)       # ⌊(n − k + p_total + s)/s⌋
    padded = n + 2 * p                                               # pad first: n + 2p ...
    pad_first = (padded - k) // s + 1                                # ... then no padding
    torch_out = nn.Conv2d(1, 1, k, stride=s, padding=p)(torch.zeros(1, 1, n, n)).shape[-1]
    mixed = cnnlab.conv_output_size(n, k, p_total=p, s=s)           # padding=p read as a total
    print(f"{n:>4}{k:>4}{p:>3}{s:>3} | {per_side:>9}{total:>6}{pad_first:>10}{torch_out:>8} | {mixed:>6}   {name}")
    agree.append(per_side == total == pad_first == torch_out)
print("the three notations and PyTorch agree on every layer:", all(agree))

# %% [markdown]
# The four middle columns agree on every row. The last one is what you get when a per-side
# padding (PyTorch's `padding=1`) is put into the formula in which $p$ is the total: of the four
# rows with padding, three come out wrong. The last row ("floor, padded") is right by luck, because
# the floor hides the error: $(10 - 3 + 1 + 2)/2 = 5$ and $\lfloor (10 - 3 + 2)/2 \rfloor + 1 = 5$.
# One example that comes out right does not prove the notation is used right. To go from a total to PyTorch, halve it: a total of $p_h$ is
# `padding=p_h // 2`. That works when the total is even, which is the odd-kernel case of
# section 3; an odd total (an even kernel) cannot be written as one `padding=` at all. One
# more trap when reading other frameworks' code: `nn.Conv2D` with a capital D is the name in
# Paddle and MXNet — in PyTorch it is `nn.Conv2d`.
#
# In the derivation text the two conventions look like this:

# %%
print(cnnlab.conv_output_size(5, 3, p=1, s=2, explain=True))
print(cnnlab.conv_output_size(5, 3, p_total=2, s=2, explain=True))

# %% [markdown]
# ## 9 · The cs231n demo: 5×5×3 input, two filters, padding 1, stride 2
#
# The CS231n notes on convolutional networks animate one layer: a 5×5×3 input (three colour
# channels) padded with one ring of zeros to 7×7×3, two filters $w_0$ and $w_1$ of size 3×3×3,
# stride 2, biases $b_0 = 1$ and $b_1 = 0$, output 3×3×2. The animation draws new random
# numbers each time the page loads, so its numbers cannot be copied. We draw our own small
# integers from a seeded generator instead: inputs in {0, 1, 2}, weights in {−1, 0, 1}.

# %%
rng = np.random.default_rng(0)
x = rng.integers(0, 3, size=(3, 5, 5))          # (channels, height, width)
w = rng.integers(-1, 2, size=(2, 3, 3, 3))      # (filters, channels, kh, kw)
b = np.array([1, 0])
x_pad = np.pad(x, ((0, 0), (1, 1), (1, 1)))     # pad height and width only: (3, 7, 7)
print("padded input shape:", x_pad.shape)
for c in range(3):
    print(f"padded input, channel {c} (x_pad[{c}]):\n{x_pad[c]}")
for c in range(3):
    print(f"filter w0, channel {c} (w[0, {c}]):\n{w[0, c]}")

# %% [markdown]
# It is common to call this input "7×7×3"; that is the **padded** size. The original is 5×5×3, and the
# output size must be computed either from $n=5$ with $p=1$ or from the padded $n=7$ with $p=0$
# — not from 7 with padding 1 again:

# %%
print("n=5, p=1:", cnnlab.conv_output_size(5, 3, p=1, s=2))
print("n=7, p=0:", cnnlab.conv_output_size(7, 3, p=0, s=2))
print("n=7, p=1 (padding counted twice):", cnnlab.conv_output_size(7, 3, p=1, s=2))

# %% [markdown]
# The first output of filter $w_0$ reads the top-left 3×3 window of **each** channel, multiplies
# it element by element with that channel's slice of $w_0$, adds the three sums and the bias:

# %%
total = 0
for c in range(3):
    window = x_pad[c, 0:3, 0:3]
    products = window * w[0, c]
    total += products.sum()
    print(f"channel {c}: window {window.tolist()} ⊙ w0 → products {products.tolist()}, sum {products.sum()}")
print(f"sum over channels {total} + bias b0 {b[0]} = {total + b[0]}")

# %% [markdown]
# The same step at every position — rows and columns 0, 2, 4 of the padded input — gives the
# whole output. The library's loop version `cnnlab.ops.conv2d` and PyTorch agree:

# %%
out = conv2d(x_pad[None], w, b, stride=2)[0]    # padding already applied: (2, 3, 3)
for o in range(2):
    print(f"output channel {o} (filter w{o}, bias {b[o]}):\n{out[o]}")
out_torch = F.conv2d(torch.tensor(x)[None], torch.tensor(w), torch.tensor(b), stride=2, padding=1)[0]
print("shape:", tuple(out_torch.shape), " equal to F.conv2d:", np.array_equal(out, out_torch.numpy()))

# %% [markdown]
# ## 10 · Exercises
#
# ### Quick checks (1 point each)

# %% tags=["exercise:out_size"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("out_size", digits=0, variants="cnnlab-variants/1:eNrtmsnutGaW5m/lr2/VJaxinlKyWozBEAQRzEQqF8DLPEYwU+p9q6pWtfEF+U7yShpXpYdKZ1tWtq0v3fIOCARxDuf83uc58Md/+dREcdp8+sOn7ksc++Kj/pL84mP4Evv0xac63c/DGUazMYEwLI0iOAbIOIqwlKQyKiNSNEPBeeLw7tthOs/lPpK+W/pmnsq+i5qPJtrT90cRjR/RB/n1V+RHnb67tDlvEAFQdvkH9tF3H2mUFB9jCdKPqAMf4/T+ZhP75w+/iKaPcvyYivSjn6dhnj6KtMyL6SPr3+cVcezrr3Dso+zOX/7n+TeKsvvmT5ynfnz58ed//9f/0X38+X//x0f9AX1gwz99wB/jn//9384d9J8/1PHjr34F5VKOZdykH/H+MZ43eqffXDPdhibqom/iOS89plGTgj+8DvMuR8h7rKygekmv5KW6z2eN24yPQdrToZRbuqJVw0msanLwrg2ZJAvbI2oBSGsnJNhSeWEHYvEYWfbl5fFQDbxjCZ88UvFSLFRALeU70BoucA95T/J0hjKVMHnTZq96+xrgYGnLCbAt0Q1+jFKubOLhovTlfKsz10Ld3YGNmgkPFmFvUt8chtSiqi7vTQ07qTU3zJdnbG05TlGdjp/+8Mc/fsoyDEEyDE1xGhBInKZklmRpHOEZhSEp9k09/CX6Rq26sAroOQdgRzg/46lBuXHQMxv9qIF7behASuaKn2hSmNeZ73RY9nQZ5Jn4xmgBRvJvR950KMHwXJF2EBF2L8pHhlezXsNwA70XVBeuugm7d8QzTLp2jhEKvUYLpBSBo+0b3r3BImPepEuUktFl/sZreLRCdajIHoxY2LyLsRSxWfMcFBUIl5ARj1Ocqmw3hESNgoazQlhv0t6k3Kc/ffHHT2icYRiJpGelpxQAMY4lVMICCmdZiiXS7Pvw0cadjtjfWKWpU0WfqLyXk4ibVfgWwFwtEutTDR5K+MhiRZcZ5fZ0IL5reep4MV0FpbP0jl1/kVAWSQMcz5HMxEZ5C9NwmzZuYqGLPudGXxLqmaajVarqrl7urHEfJhtSRy8QzYosGjgU4JydlOWZzRE2UCAuO3t8YrT5Yod3Vm0OWyaVnu9yHe95Wz2evFyGw3jrOBB6+ntlfJlQbvKDtVxeWL/88j/TkLI0hdAkfT75JE0AjpAJzbAkkSJshoCM/T4NN3JyDbbxc8BrPNpKGHXjK27pagN26febpbVqdWa4V/uiZcea1fFN4u4zCq01RmheU01zKz1r+tnBUcz1XomGoGOi57DEHR4Vx1NIuZncsNdd6l3GOMLrYI3Z5IBE7fIOHsKUJbzxuJ25OqK34+Hreobwp//1xf8FaPh3QIvIDCNPoEUAi6MYJ+gUAQwWRQTOxNhZ+/9PQMN/k0BbV5twbhmKaeGjjlI/fsBsojPJ3jDWGN6ZHXCwvTCEJDLuS8+ncoOs5rjX7l0u14FMeGQuLxihv/L3oersgvk1tPbFC9HQGPI6Zz1YYiXZvWP7Y35pAlP6mJH5a2hTeXEtJ9U2e5Sws8uyN8/mSAVWIwIVkNXhMGgEHXA6bVblrzZaLCghAaPtV3BfoWUR+IqA4XzrfwQ0AsdwEsFpBCGpc5tNmDQlSDpFY5zFkTT6vpSVIo71AMtVoIyv+zPghrlHIww2Xt2roBnS4HperGmtpu3r+srXB3PhdTRzFwtSBpm/Dw4UQyytmz7LVTUDdHs905On3mji0NszeLwQeocNgLvN7sWfNORqZf4ilkhbevjN1QxKW0lRyHglaQZgsk8jVCDdnq2bjcvkahmzqJa+sHp4ECfFFKRQmSdCNaeAepN17mzgCrXZAlN1z0+v4ttOBgRKA5Iis5RGGYZiWCKiAE0TFEYjP+hkWL3DRBuYcDXHSNlV/KQ4aGNesz3DNyTWxMlImEnDU6JMp5Ue+45HGpPd6Qsz+SIPmcY2yqsPB8IxeMt9gbjoNWg3xMDMia+Dji73M2MEHmzWcmnb3Cbl0DBx22sn5eAhLLyg3LAMQYUE5bykF1UJbcgjSU6d1AM75Ngrr9vuQaIXKPj6jNXUYpnnVXN669Kr+gGTwYo/kumaRbp+YKFOPa+3/PMC7fGrAo3+7wqNiRhAkBl1FnkUpWl0hoxTGcqQaAyICKF+LtDor7+i/z9RaEQx+JpV086DRlC3ZKLb9HguT/HURTNrO+UAxfme8rKowtkSXS6o/7T4x4EfmcXyKrim7KUgtWdVkLlcyeWlNimRj6CzWeX3lrqDPV62TojyHbkn3uDfEEah7hunURHWXMLrjOCkZ9+4q13j/T5t7kWAUqbCjZfZcDey6INiTSPx5BHwtoVkNU+9t1krcsM+hGZzPqvxxwrt53c0pd6/OZRtli2c8sflSdb1BKPrSmjfyFNngFvI9AOuqnMAuRTBpP4j0W9Ij6ttUD732PA6Fz2rmKtQ3nSWxbP3+ezo6+HUfO70pFDJjJBuE00lVYqK45CD510AlqBxB7KQYakpvU7qpUSP7PVVm10okPVjEsdHhrRvDuRwhu05LFiOi/LDU52tieppyQWJNg/lwaptjSH562mmyd03/b+/kyW5pnbs1c9ML+nxmDlLkPPyhNFKhO0A5MRCaugNmpkXNeMMn29QL7+x2Sy9kGhjv9SyhrBzObw3zOxRmT4f0UqEophRNyRf7vKkqO5uLAXooYQH/Vi0Pj2ks0e6AFdZi9xUuDo2KYvEhykwSbMsjp8KBhK2Ql8igOoSU3uk7yil2W5wWcaVT/i7uyA3pLy/84x4Y0hP82z6enwLNCZFaDrDYgplQRzjUYbTMRpTEZsAcCbn+zR4jyxFBYs0IOoY2d6UIe9NRcmDMPyQx9eCMYjp2VTjM2kvBJWMNHZ58/ics4iDOJGl4UV6pQ6otO8gG1JMRgJYV8SayPmCVpbqfUFMkDPldFnjcNdFEYs6sk95cH1CrxE/9AEXYyentXD3w7QrxstE/CTQ8F/ccv5NoOG/dcvpfWc5td8t5++W8zdvOT8P0MxfCWgY8zdmaEjMYklMxSA+VRnLYjgOMIIh04ig0Ygg4s83Q8OYr7/CmM8AtMiAkDpc3e75ap2RqIssXpcwBY2KF5y/PYt36LkQk9lOdq+p6+RK43JXD54c5fIezQnKFVYKZuFGDWxqUevdSG+kS7MPg52CghDucqplbQ2IudEjKkB13YMZeJMD+arU5fZGFYhM1QpSEpu7Y81ev57RU6Aqbp20NXoSI1OPq31JfFa0X5qWA+FmJY6Q9lr+xAzsFd+5HwHt53f02riv7UrlB/pks8cSUYgtMKwgrMtow7eO9rnQCLwuvCyB+SxY55lLEVH5yiCkeCu0Ni3dH7JT5TtcC6L/zhv9Mr/Pjn6Csd6kYWfamM5VsxYEFvKvaA2O180xVfF60zyIZaOg22tCQk+t58yzdtwyeNa30NHCSyS/tRlSs5wdT4Nuk+29oB+r7MZlGzggRdQpVaVbs42GOwf4rPCz0LPp39/JUD8ihDyvUrPjrDJimXelgdBP7c16YcbQha9lqxn46byFuYTl4PBoXilL6P7eS/gBccZEtwLWwaEsPpBjW3dx2XMFdQRE7WhxjUABxUIJLegIr/frFI2vC64vyjuyLdi4ilVkHJbOPd1+KpKea4k8llkrFnixs6tjkN6K5PSEFZpPI4flkDpqBiXdjfOEiIxZt+Oj3hFhOR5b5luFhmRxkmFEQuEpDuIEBWySnOscCvCzFmgi+T4NElvXJHD6o2tXpefK5XXvTOoU6/hrMNlx512Tmtgqd6ZHSnieUx1HH4wahT/QI7kGQgcKFZn9S3JtHqPoYvh0GE5GJVO/7lXbhrXvKfz+YE9RcFe2ZmQNBoaQnDMJi/SBkMuaPQiThzkLM8UXX/Sr8SeBhv/ilvOXn6F9NqARxZT8xXJi31lO+HfL+bvl/K1bzs8ENOdXBdpfzdAocNoPLGLjlEDwOEUiHKETEksY+twEWfb5ZmifDWg855gIA8Ovqu5FV9V1Tj5s5bGcDCItGGbMcTKvnijcqkeD2j05wijpdOMrvS55S0HFWlmLnsvqRenaTeQpVL0jihoc/OI8sjrSEQ3urHm5gAI1enF6YExf5xCRZek9ggDT4XUtpvGO3IpNu9+AdNRKxLRq4nVFVuv3GupOCNYuyHU/IsegLZAwQ1D8Il2gEUz38GaqfwtoP7OjVXJyzElT5oU9b53JGGQPyf3SVgzkL1FFvgEOK5m/X6dxY4BaPBUydKB0W1aXgjXQVfNrkAAiJO7uXaXa3h6PoDw7+hvtdaQIHlW2Tml268lzWq6KtcNSyMLDqTPUtq1ebaoPkEd0HlN4cBwHFl5nulR0PkyERC+asUQORiGACn1CSAqT9umbTdYIakfdYjHZDF88rBqQKLnF8+wY7d/fyaxIJu5CvVTLth/vQJ8jvjPhNd5I7UVdQot7cURcU+ODfWoEWmxI9FKMc6UzmkWPU4oQ+1baUHCkVmY+oLCguxZ3mkANvYv3liVGPwk0DT1yUJ5lmwYKP8ZLLpJULybWwaXacmapeQSCJ1wLbrVXaDum3NlrPQWJms7qxbjCCq0PdJDxLV5yhElbXeHej2xMjOI5kSrSzJuT7NC3LwUQnKBoChBJjBBkijEMEuMEQgLqXNKQ6Idp0ADDU+6D6Z6OsmjLmB2WwagDd9lBImCbZp3mdjcJh7e1m9VQ7ykZDBSN2lbWVyLtoSoT+cBJ/Rt8MQF0thM4RJUHhXmL1aybD+eM1jA7CYnLGeGGuBsnDzhcXCboMJiMSnV55dJXuGrD63TTci8zfhJo+C9uOX/5Gdo/guWsv7Oc6u+W83fL+Zu3nJ8HaPOvBDSK+BsztAhQMUNFOANAStFpRkcAYyLsfPQxGYEs+nwzNIr4+iuK+AxAkyppFZ8QXI95n3u62otCRwkzKQrbowm4jLmnlwmRdMreH5ceBr3FXpuWjawGu2A3LTTd2BPdXn+//IVJtlUyGqLMboT+th5xWT32exXNphgat3euTAhuLsXzWvR1s17islAJQFyi6pB0C8OsbgLprAmvZ5aQ2Y5oayxJZhJw7XM/HIrN0qO2rxNVI8uK4AyMTvNwTVPkR0DDMwAIAkszNM0olkLYmCKIKGZAlgCS/WEpyzdwuYMU9AlFwapjQDVA09U2texyqh7jOWPpFB6WcKC+3qAPxaJrTqw6QGjj0Y+Mt3EUEufzvCLJRNGeJpidMuv5QSRzgo93RGqSyjEHBKNHasNm15ellr2EnHV5SxjbQ0hj1xo051TXGHz77I64k80bfX0lTbKCG5fciwcTZo/IwAhTfr7i6cXw6gKxMAlwLl6Idy+KnX59Ri0aKOJ/fbaRYXRKpukZaMpEKMIm2alyAEZjKHOmm8R/8FLgFUxm8Aq1TL/HtVghGDMQEhlrV+rl4eEu4141PiVasZWdxlLCaHjcMtvbBDpCjYl1h8FNeuQMxUXpQdzC1cREZmc7Pc+vb82mx3FiEOaAWFDcF+dNXyHijk6QxmLx2iGYxFiH3Pg2CsGNCsm68VIHIuacPROQhoncJTvLaUkE1+ftGWKfEyWZiMZHC9tjuh+bTEuiicW8t16n+ip5m3ep4i/fvhTAcAphcDRFUjIDNB0jp2wnsDhlmfjcBfT3aRBfsFT407YhjWeIerSeezPe0OnQ+renK86Yaa6hV4rlGmRh5DJm3Suxj47acsmeZH5oUnBS1ihN9fIoV8xl1Q4Yz/d1NEQKYlxy9Ka335cEf9MmbGmruXR1LXHgd2kh2PN4ltiVStZcXJpadG9UELg/CbTvFRqLEVGURRQbMXEcMwhKkhkWESQTpRl5yrbPN0P7bEAbC6ZlC5DfEn208gXO7CeRiIaKYHqLi5GnH5Oxu2JzVb1XI6fmKNLQUtchU18GM3HPxtlo+s3s0oFkKtWObZqUXCOwK3oQljM0mGC9CUGRHSH3Alg715KhvpGTN3izMNI9UFUrO/yMlyNC3kaNyzXxGvILlmKoysGWYXpemWFLPKcirFR241vD+zEcY/3IkAfaDTL64xkaBXBAUgx+1jOZRacfSoiYOtdmGomSjMR+UMpZd0P5YO+lJkD3wn1pztNwsHm6yC1fRbZpc6xUdZps6hcyblT+TbR9BzXUUCUgfxwsBImpztg571acU5Iytt4h6VjBQqrwwuD8fRft7G1sGxpXedNppES5UmYZOQXbZna/e7fjuqbpleN0FsP4CMbBoFQv3RwkaJRrvRFaBlaUBw2upciF4A15Dz7lhtt0xJDjBpfTgl4xvrJPN34sfvyfnUyibHTKU5amaeo0nEyMojGRJklMsgAlcPL78Eur4XaerJjZhQjpZldcaLmi5yn0Rj2ce2Zbd2FQtHe6o6qLW9YpT+arEPhudStacR6vFKotxuKq+fC4xtnAyMI8tobIOFgkwqKhz8/G0TgbAnZnHRM3ivGjeL1XV02y4PZaoKuVl82N4F1eS9vrY+c6R7SgQnr2ULGgp0XOFV55S8m8OHcuYFwb74Jypy2kej8m+AKgAA8w9nhQHd+VMq7TPobknxdo+68KtL+aoSURirEpTiQYhmdsFtMAw+hzHUdpHCdIjPx8M7TPBrTCJicaibklorebveiYtwayWFU748nlqbv9O+6a6o6kBBM6d3dpTFPbN82BblGTRD6TX5S7O5ktDg3rHNe7g/BG5dNquAZ31QROTt8RZE49mejBqo0kE0yZDUz9ZhjN84JjD4mVH+Ezvyn2rHd8oTMMQNAF1edJlziT0Dmz0PUgou7Ca9Dl6/N5z0CGshZfK77w3GJ+/BHQfn5Hd1ajrJa37+ezJp2+qdzSR+qAhN8P+JEaHVOYl0EY3qpA8orzkOVk0vdL91Bs8tWVWJ5SlgBp1XovSSOjxGF66Nj77GjafzsirYiqqa7OrXWlgHSRK1TZDuQh7xR+jEQYEHQOLVNXcaDh6km5CfCO5J0o5QGqsN7QwtMeqaxzUVIZvN7cbesgt8RxyxEwn59r3wgu2b2tfJtHhHcVlApL/v2dHKq2P66uRG6Z6RfaxXo2GfywY7keE8IPNu12wxNaoR/T7OMz8eafxDC3eu3MkmTlsOe5Sr75NxXNjKkLE6BD0JQRk7rD5YSwvGFAAt7h+is0+4mHs0uwK+DI7FSnJ6R5pI/W4tjEqoi9MeT5bUztG8Ufm9gS94dIlM65xO25VenbfNNfWT7f0UviYccCNIMEkm8MEiwjPukYD+5by8kgWUSeAhGclpOmYoREIgojEJAyOHaWxA8+rza6GZ0D2w4xMbxd51JdD9Bcp3fnFwhSZy87u1LRG9bzkwW50inyVvf6seIap2ADsmqpbLfCERYi00C422xnqJeIlpk599yzjmfqCILrNWVYaZphUq9BWPAIj8CrYbuzpPjgMm6vqinxTR1k0aRDh/lJoOG/uOX85Wdo/wiW8/Wd5bR/t5y/W87fuuX8TECTfjmg/en/AE0yz/E=")

# %% tags=["exercise:strided_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("strided_shape", variants="cnnlab-variants/1:eNrt2mmv48h1MOC/cjGfYnBgcV+MdAJSFDdxE3fRMALuq7jvL97/HnbbPdNuO50ZYAx0BvfDha6oUqmKRT51jo7+/P9+qIMwqX/40w9VMjRJPX6A8B/fmg8w+eNb9QH54cfz+H6+msIJCcUwjoQISOIknqYRhiJwRKUxEeEJeDbshvbVTWdb+i0Mpih/a9O3tkneileQJR+fjHnQJW//hvz49rF3mPzDW9Ym49uUD+2c5W//HrVx8h9N88dr2yxw/LHdx7H8dVz/NRZH8uE8NE5DEScf4B/fuiCOiyb7AP3h3y+f3vrHNzcPprfiY5fJ50+7/vgm/Pjm/uHjAD4ebuepm6e3tB3Opx9bfxzdf57Dz4vm4+C15qc2UR4050e/dcnwt1H88Y073ye8BU385r7NY/LWvH34NJvqfDxH150P0DnIj0f/eHaabF0dNMFUtM3Z95gEdRL/qQgHwI1v7D2qXuo25saLoy1uvfUoAsyhbbDZtbHB4oZexHtSFdVVgaRqmRgQ4xxJfYEqwEtuzAmRvIrXxhSgZC2TRUj2iSf3+vFIW55SNUe+I16TPk10BHOwPfgLmSsKptsbXr66dbUR/4UKUpgk4lz0jBY+MkmzZ3hL+3U2eZJ30VuQGx2/mbUxTPrlrnYkGXYc4z50eyST24P+8OGc46sYp6BKxh/+9Oc//xBBAYokSUAgERygaALDOI5DQRSBFArhaHC2/9tZkFI8IraiAfkKKILQL8KylGywtAmFls9LUg0TcNfde1Q7ZCRen7aaBtGBmw9yruAslRLU8m7J3IEKOgcjRANuVtxs8Q6JUwnLK6C243AdDWl+1dL+qPGB9gVt0PYhvNsb1l44eKzKi4yzPQA0gg+9RgsCHoZBEnxML46e4fC9j5Pj1qaRLS7LLtwkv+CBldLKvHtlDyC0LdZenaPlmArQfvjLj3/+IY1jKoFRBKFiJI4gJMUTmEBRFI9gHAJJ9Ofpiz5lOc5hPwBgW6q2mMuybkyizmHFDTX/aSr8Faj4y6ZsYdw8H7JNONxh9I+EwUZZ4sK53R9Z1O+r0VCzwemO3JsVLuOvR+6+1pGSzaON6Hzgcoj1NNV/3rVF5DpFIYihJVAKE5zKdXfwEspiKyWllhhyw5DWsC2QBs9M2QvypUOwwhsgI++iizHJdrtN67noH6dKQRFC4CiCQ2ESBtG5WigIEwROpGiAISn181TjuFEZ1RfCBGFkz2Gvz5KIg2f7uKBqrPSSeezipB3wIkzA9jwWWZI6tZHvU88da/kcISckzAIWjvUVA5eiYjdiby2XutUHi3IUs824UgFi3FzFNBVv0WV1Cs42qBcQhUTBD5vBbGZV09mgeHVhjXjdXQ/4yUqxo95ScOVYgeuX6EH7WTVeHEBMmnrqViOLLWGVmwMjLKSXH9PD9gOisOaAbM9T8Jf//+O38cS+Mzyxf4Yn/L3gif0VT/hX4tn8hKf4juc7nl/jSX4Lz9uJp/SO52+Jp/8Zzxs08tdd1nIMb5B2mGaLju8EzKKymGwkSn8bUAT+++iTxAM4AYMUCvEYCgkqDEMYSlL8tJMg4Bj5dYB+7B2Bfy/R56dz9Suizw0aGcN6eJK0VhzMOah+p24aYmkOrGW1ILoqntAlIqMJTZsNBeKEouseht1TdnnsKpTcjQTSSXbSGWNlaT90Xq9L2FuXoJWNTqr82uUEyiM1GYDiEBRU3jTw4paq9VZevbDQOGTb1PsRZnVJyY21jougVN3i9PDdagd/D8bINlPYy3F5m7k8LhEeaSqp4onM7JMloieMomEpyv4RUBKh4DAgIxDCIBIkT0tjFMXgBE8I8kQE/Pm2yo6imWFDaQ38MrkuT4tXgjhcKcdDTLySDKAwr4so7Ea5SfliXXR9fHk1xYgEUB5FHumKae0GanGU6+Sw+TC6ZzNe7mXlbAuQmiZfgZeDlgqfCDQxU92c11DxmFlQl8gblJcopD/TkB2cA7052gM2tby/X0FAm9K7JQCQXQFggI5rD96D0F5Wkib4p9G0m98EnSei9XKwMdG4ls9XMbmNn1QhyAANEQKBojRNz/9wlIKTkIxjAsMCDEp/nj6qSV1ECo7+3ICIvsRe+bhuUtUZjvnCdB65qUlKdcv97szK60IbJoZP1/qycZY7hVn/zAg6E7mIqPmZi0ZGwSRtVF9s5bIr59MhVKbNE34hEZPDMl6Oi4UCibFGuYHdwKO7vdi7FObzkrB4tmpR2KWgwu7J4+ZTmyGnc7GGAb6/mi1apgyVa0C+5gHQ6SZP/w3QX75VKum5pLl2rv6zKVVgLnS/6g5YH4eJk904Lod03e/wOVUf0kdWoUERqJG7zarBgjACJ6NI5ISFemjtrqkdvbAtzp5b5a6uPayDmy5SwLVFzl1dw70W9p0HeQ17glous7Up2MqZj/LcoptrYK5gOXmZYtVYjnKXlLgLF/X+0odgUWeYJRuFHoESuT60p1uQhfjqsuc9M9LFNo6xEWCSu1YXrgIevwRP7DvD8/uMPj/j+Uujz6/wtH7Cs37H8x3Pr/Gsv4Xn7cQTfsfzt8Rz/4znGXkfY/EsdyM58wzLqG4F6lzXxYLur910/5f0HUf/PvqEICKOgginkoSAUgimyCRFYohC0hglwiD8dYB+7B1Hfy/R56dz9Wuiz1tguVJgn/l0oHicNtCdzS/x1oWbUMdexA8iv2mzeNmRaPC5Gau9+MXDAwD2U8I7EJzVRqSrRUM41QgvCNEvROwQbitvAl2bg6HbcW8jbPPk7y+B5x6sVUVjmIIAp9AvMbafZk5qtp4VKy1Z60R7oKrvVzRTlwWj5aSciY0xZ8l4Ru1AzicAPKH01jKGhOJaJSY3FLqrqWM9/hFQmEyiOKQIOEhDkkKSAAERCoNwGEtTMga/uK0sIZSNOiLZu5Wb6qZuj2EuMkbhk97LRZoRQv4a0c8ahIvHkFqE0d6PG63gPpMwRnTJXDoqWg6yZlAzhQm+m8ZNs2k+I+PBYVfdPcgaTJYHa5hrQ9/0g3PhUIMERFCV3c0j1XXCUhCpwqiAeFMvV1a4X1qvGDFY4YyuX0OcKnAkfh43FRIhOb70VnW99kAhQVZ9cGNZDFjOBl52r/P2eMp/Td9JGMTBNMQCCAZhKglhNEBxEIxCJAqwGPt5+s61uR5A5a2gp4d486pBQ5iZrs501yOs6c650FSGt7km70RGqiI/scQgW2gLhXAl9LxXxKgIR23ez5jNCN2cLfW03VVZ8uMlOhm9l4MqZSLMz694lFMFRlQG2JiEvcX3WHL8rcNOlKjLFWYCwuIgHVAfYSRaS06FEsXfWTVt9YrCgZgvXoLxHKdnqM8J9Tl9j9EQRrCYPAFASTCOkACCIgpNCSyMUejLqXq3NqV7qbGAkmNYzhbZrjwCWFt0zOkqvBprUElvSJ4yA/1gRF2ejkcqoubmB1Q/VVooPoTgWbXJxpLj8uyZMcaQmy2kFc6LO4Db/SJKl2ee7xa9Iuhld2tLU+TRc2vaOrDDZ/J6dJ94zRhgpj9fq6XY3OPSrtydPnzVp/z4SJeKRPFg38o1X8F9j/0sK2soRWqqX65FJ/LPdWJiDhsV+smBvwRP7DvD8/uMPj/j+Yujz7/HU/wJz+Edz3c8v8ZT+RaetxNP+B3P3xJP8jOeEGxnAVTb6MK63f1VH7PjOxgaudLGCqCX/U+AfkxG/7HyTuIEiVEEGMcIRaIRAsYpisdxEoRgkMCfTte/oHj0KTH+3VXeh65tjL2eBjGy3fVcNbzsXwlbmAqNUTUe1Bj2iNY+Mx2kIjIoAxEJRYIXveUtcMdJSrcNnGsuVHEApNp5rpSsKT53Olmg3Mg+ThwSH5kmu6ixlezOdAkcyLCe6k1wUHUJ6sq61k50589clrYhHRQh1hxe6N0c+Rsw69Uz3pgFrKBeUjXdNnf6kISckS1Zle985bD7XCYrqbXQPwEUpGAkJED4lITEMBgLEYoiY5QiYSxIUvKL2yoN7JvX14SqNU/uZsQNvlNkMEmb6PAUMGUQLTEZEBSA2JEbApGMpQqrUM1DUXJRf90jfUJZwDuT/GPGmOG4YTmclIjRXJPZoK6KjJWwo6cXFNwr11r6cLxoAHzeDT2AheLMN7iOH7okvB6hg1WEb9Wd7CnsJXvdfTYTSkQhKyBwTTmhucB5sZ6HqXmZSLzL5YORv3xsEWR9nCpBCXEWxz+pQoanJWSEUmiEhxF+5rQpRCJ4fIoaBST5xbcXZ+apjOoBnjHJ43WwDRYT4Ctt7I2tx3U3TKnPa6+a+uxOSKQZvAKFkUkkHrsgudoYxmuD7xF67FbQPGd3o3EpcYxNcCuKstZgTQfM09SqiNdHa+qc34hhx+xVJsk9j0Ns06lrVq329WQKgZ5kkpcd5KVcEw0w6EQPzA4GLWbSZZjO7SzxSCpxj/tl2lnop/SdoAiUguMAh7AITUGciNIkwNIgPf/Ouf48VfsJBA2diiFDVNu992/ndpgCGQXauV5YCU+0tXqdqLbiJ6Meg7LeMtqqBGjXazujRCY0uJuEiYEZFyavX69PV+rtqi940cjQ+ZWGMoy3gtMWRN1fhe682mM4TziB5xGioyRo8ViwMVU55K7S7YaWsbI8vOXa1hdQxud68PBnj1hN8Rr1KYHFbgaKcioqtgjWtR3undRgYtJQwRALM76GE/o/F46+xBP7zvD8fVTev8Iz+glP8h3Pdzy/xhP/Fp7ciSf8judvieftM54uMtRQP5SE9FLFSKD9VmIBvJKJToFpg3l8G9CvK+8Bdq40mKQoDKYQQUQJSlEYlRJJiBMYhqT/muLR/43o89dW3ntSkRvikIhtB4s6uLjZELiA5uX53C8TIJP3emsaREFkS8i2gj9Q9SnxAaxjQ4PCQIS5earu8KWfbkoToKJkv3Y/mCu/xbM48ix8LK1HUkfKxeD2J5H4V7NgbV961lSRcQYvCYIiIWsvtZe8cppA4AUOOybpQFfEG1g53ck7oGq7rz/X0gQdreicp7XuDLk8GVqY1gAaL89p8f9J8QhKzg02RuIYTKAEp7AUg5GPGR0YBHiMEl+k724i4nlZlFV/ZkPjTkc+PplC/RhwBpwPyJQ0ACRJKey0l4mE2320pQ3YD18I2qxFnmlZI6BsSLTQkKbg7o6JRgAy45443/PSyBadM4s6ssOrtBxqz3PXNHCCA1CyqZJJmx5UY0J7U89cCX9yUJ8iADXBy8SD20OJvRuJ5qYQotUCSCaVgwCZmdSsbVfaVyEGEu4xKaZisAstLT5N9nqF/5q+ExBCxGBIhjiexkQcJkSCQzEFw1GQRNQX+0csckMAJfymVS7qEBNaU77UC9IC6NjidhGv6qybXdhMtiss3zdfqoHFWj3c96/rRSg8U8RscXNHWx8eivPSW3aB1PTp+gnOrlKDbx41Mz64XNjisvT4rnt8bw6To+5KTy3r8UqELh4Yp6qWkNl2pAX1B2DzXMYsYio4kiQf+fWm26ttwQtvJjyju5mroZ/T91++VQaBzTq41LNkyNwssG9mEY+opZaeIEsd8zNcRS4j8KJFa6iwwNbpg1Ji7Ra1PC2WA0DSpcMkwpavyn3KkMMZu9k/t8pMYBsD41nJ30tHxrAr4HvHQEo1GcgDomaCFgAhdZGa5KD23g+aDAl7Wiccrgsf1EnjFdFua/rasBwk7i9PuaOOtiG6aU73zMNlu5yGPlNfz2coSBcbh6/PEGOJDeLQX4In9p3h+fuovH+FJ/YTnsY7nu94fo0n8S08uxNP7x3P3xJP4jOeCWOic5tV4NM/84y0wyA3kjFvaKpNs/19/TagX1fecQzEKTxCSSJBzsAdRggCg3CUItIUhmEM/dcUj/5vRJ+/tvJe0JnV5bwDtlZANSkBxmyY7iZys/MzAkUlhFBuxOGXr8Gz9E2JLg48HLFARfBIxrfLA4eSoXLoYm1YDQyeIXBTonIvJr4r/CVljz71p1HpbKQrOSKwu4K5siUJ+3o9kX09ZmPxwnk6UuNOHfykzK5cgb1AWGHgB2cEtRHausnYfWfStjEb8wLz3VMRSpwlbYDpV+52cAciT8b4T344j8IoQhEQCsZocl4bIQKBIIHA2JnCElCIJD/fVpWqXoOsdFceZhRELASMGp/tdQPTCzTfWLHIakmkU+oWu8+Loh+gIklu5ZHcgTrFbCwIAN1A33pxpQ3M0Ua+tLomkP4+m+ao2enuCTV9beGduWw3aOiQhu3T2MnsBiULu4fNNsafN2XVax61nsCRP8ba0RTezOnhgYicHOHjw1MPBziYyz2xIIsw4Gq+Y3xRez1tzwc5N0m2ljAVpPQtUz+pcsoBYykZwhBOQDBIhTEWUtRpzUkMiSBf/HB+yc0Fs/ecOWe8Ot3TCkkt3rrkocjko6aRnaHK123PCVVt6pXKfSLqqW6XO502BFIrB7Ka1efw4ONbih/3vZddHUqc1p2w7jauNzdNz+urRobUkC7nh9fhShQDF2BNKrv4PQIytg9IT2oTHOMPCGZiXAA1mX6ug34oV3q2msXCqzK/TEEgdrfZbAFDu9PtZ0DJkEJjOIBCGDs3ujSCwzQIIyTA8ORENP7imwro2hMeBtOkFg4PHWR8t+qQsFRNiTOYfRVKCuscymo5o3QyLTJMhGS1wElq5VrQj1BG10kElIavCb+BRKQsFaXRphAPuUlqZ9IdXhJ/G+LI8CLEf0S23JLwMtxtkBRb8XbXnxWeYJ7rro5UZ3evzlar0xgsAGas3+YnyZcmSZJ3FxpVD5BGaH0lLz+Zas+2GIegIk+cwDICvKRSM20ChNG+/RI8se8Mz99H5f0rPKmf8Kze8XzH82s8qW/heZx4Ru94/pZ4Zp/xXK81f/MIW/MkH8xJ1o5XadWw2aCyDaLg5ydA//LfRaMucg==")

# %% tags=["exercise:total_padding"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("total_padding", variants="cnnlab-variants/1:eNrtmdmu20aeh19FODczAxrNfQvaM+C+b+IqBrngKlLiTkok1ej7uZ5HnCcZORk7bnTsdoAEBzDOhQCKLKr+JVV9/NWnH//20iRp0bz88LL0S9K8x94d+ikvpvfQy7uXa7E/L2QpitJYmdNUmqBJWaYoAiEEVKYYQWU0kT8bDlPfDsuzLXNI+/56WKd6KebDUhWH/rYMt+Uw14/ikMyHf+8O//vf/3O4HoDD8HzN/3EAD/Mh6fLDbX7eMRzeH7BD2U+H5NAkezH95RBWdVYd/pr1efGfXfcXru/uSP5X8Of3h2Q639qiWw7prW7yX3qck7b45eb/epZW1d2HwpTuC11/uGM4ZP2tW3558yimfj705XMkS/WsO/8wkP5cPK/9XE2yHPL+ec7evX7Kqn97Fp3ked2d3//yKR86LbahSbpkqfvu2fdcJE2R/6D1AewBM76vflIrCSAlWRXS7H26Sgx2dhpEy31z1W8uumTOzGe9mDGECHUdw47Dyo7dESYqtplxdrfWhx8BJuw4Pk8ZlayOdM6ZDw7ZfD8LBxKhK757mDqAqgALV1hkyFism73Z7ApojsnVVDNT92ZruOvRyfOkEQNHaGtSrK3iXeojt57fP8fR1vOSXIv55Ycff3xJaDorswIjMZTEiwTOU5TAsywrUbrISRh7tv//kfo1b8GSebt5Dy31TMdiZw01wQAn+lojslUIusJNziAorj4V9yLLXN3zIDwI9+6jWI37l2uiGx5uiecOO6l0JjDbdTnL5AotfZGfxirOy4mGop3yz75OcIl/cTdgEsL8UQnxI5ZOYS9OlWBldXJHZFFxtJef3v34ApUoBiMZTWEYWuIlDGdYjuMkjqUJQeZp+usQdGu8sQbDLk3J2NEEdjsRS82dskgOtnUZSq1Sr3PRvg2C5sj1aTz1y5kUlQsqtZJI2IOH2RQME6J5rIJlLXoKhuwokPMxw7PLnKaVzhSzaWXSKrmenUJK4knUTtgTTRdpxyhIuf5ccgFBOQ6RaJESRE5QSQqneIrCaIaWJY5R+K8lOyJTSfc1N4OHNG28CURj2d9h4XLb+PHObEmwHmXBsGueNG7x9cKJFM/smGbgz3q4SqEiYGBQ2I9kRXfwwYQGUHG8msxpB7KPxpk3p90bE+gO9QqraTFhOlAMmQFbd+KzdvyK6JDIDskJbusbYt9pSAb8B+t5pYVNaykPKGW4KQGp7SWkQoCSC/iyedmCE0ujGNmDSBQb6tW9T/xyV3cxZyTSGrjeogfC7mlGp5Dl5aef3r30w4eF9WFSvnxceh8m38dj5LNj6rNj+OWnv7/7Iu/gT7yjn5OCxmioQEgcgRI6I2GILksKwcsEw3+eJG+8+wbeZSAGIKyOevRmaqAOdsajE/O8gDu2x8+hruLV0Nf9Mco4ixqP1m7olAWbWBNS7PG+N6yFzq6NDnQZH/cl7VrgcbydAvJkJ5IkHsvnGh+wMZQ3vxP2czzfVwfY5tXfCrzM2Z64IhpOB7hl326hwTx/lYGknFIRx+Z8gkET1xIhOEOZXCMQqBDKP/Hu21ee3zBnLqM2279TkwxKe/QIl5K5X6yKJ28NmK6b5jfHpK21eMpPjbDNmRixojKjqNJtIu3tF08SQxlxRAHAjU0FJfchXTNlhWy4v3L0jRKmqSXgExfYl+i2XHsDrjIX0TRPqoAqAjGRXVgTSq63zr6Borf8wjucwooET2CSzDACKTOsLEkUhTCkyIkCyX4dAt0+GPQixEdJnwuC67PwiSnUyY04umlILNiMdow7xZts6nx00jv1bOBecRyVBD5jjtuVMaFZCboKn+9ZvbdNyiIheZvRSKr43LgwUz3sl44Gtravw2HSI/K6LIVRDUVngA9zpBvn9yL6Nt5E24hujy5TnLBteM/gYBDTy7AyLAkux8k8x6d0UZfS5wthpLCpA85SG0qIJITqE9EFHcSQQJ3uzrJ2Y9qgWsem+Q1Hcn5w1Rrwszmwn4hmI94qK2WP5biujRtNl2TnanKB+CnghlU3UKehiEkfO2GsktYz7QcZAR01JGscMDcFL370/fTQpjikz7V/CQs82NLpDlrNZZT8GLjUIwoYCQdoEZQa6bQ+qmvmZ+qXePdlxr37jIlf4x3yiXdknhU5lNNJiiFIgmFQSRIQSqZQkWJJWr7lu2/k3Trfa6y6Vy5Eh408nWXg1izyWqI8fXajrYRRZraPPg3slHyKwtaFJggWNRwkLs+pUd5Mao45O47wYEWAXQsqorFbkDR1xSylJrlHPSFrUKjTR4gLqDyQ7hRyHTOdM0i/8VSZILeSG1T72ED3kF9DlzqfhZNBqpsT6yK3l55qUYxwicuLlDL/nO++feXZ1nhnKYacd7JV2nEZeE2URc3TQanK7QtZ2GP4wERr6DPtKNfcrPRQncZqzbtLUElCH0H+7TogvslUwnhu72SDK3IjZGmM5J0ZKi6Z6Ms1V2VG56Vn7u0l0T1ZU0k4+3NyBnY7En5KqPz5CSJ1KFONmX6Gx7dHVKfmbRgx/bsQzVltcMyahciSEBQwIycAA1nf5XnwDGBC79NxX8rOVa/V03PAZHnNij3oejbObbgUt24oYzHlHepCOwLBbvWQUAHuDrI2+h33MOKNvaw8ocBSwBG+vFLnq9AW4ZL9XkRLD+ZxVmzXeawxDW5F56jPzUGs0jyhPk6ifgWi9BLI/T2AA797UJgEBlWG7p3gZSyNPhHdLD0+nJWmiuu97Kgj7OnEinqXG0ero9tH9HoBqSei753U34vIu82K5ddz0Znlo+yNa1jprK6IgdigSaNDBnKm29JEwiLrhLi/HCPUlaYYTLjHSCJ1Wj2uraTgiSRQxHm5bOgFb584Hq0tJFzXxjgD4KbSW212e9yh01RGX+Ldlxn3ee77Gu/QT7yDMrpEUxrL0IIoMDorshylqJQiYfJ5NiffePdtvBvs+0MDtSCrPCicoG5cBTdYdy8Q1rD2UuPWuUtIiX4JgtyQEoNtX3qZ79OHmZIDnsLL6JO4owpRb7Vppo+tOi4zLWTHIQDBC0waJssa6zhqF+5CzqRcwi23MIumhAZnJrAvsaoFCSmnIjrNT3edEgPZJB7GY2KeqExGvrSl1U/nHizZyPH/mXffvPLw9sGinnBxjnct1nnC7VSmjuBdzT3itNO6xoKGwinubF3PjpPChBGeHaHBkN1R7OtCNAJ7B2J1WnH6bjZ1UWdH8jgVd6Tlb1y83LyT++hq6zatYfPg2UpDux1X63zDHr1Z3k7L4iSVLjq5MPBNm1xV8dT83s1hw1TcTOkWryczAvhUy2sz2DCt1kTDyK7FJkQic0yrixuP+QnkqlmU0VxQTxcq5U3ruTnE2ChOQoQVA3yAEOuuBxeky3GYtDZ1OFpFexw5+Lk5tIVEz+8mBpyOucl1nei21NTK2v57Ec3x9gaz3Oze17TZUo6F+Z3WADzB6pTEAXFtRZakR/LKsnju8zIEmY1BU4BM2td8h56Idk7082kEYcNcxlR8ZcDWFE6E6C/9s8/pmHnKaLRPRBfQsYZC4gzKq1tH3EpVggBl3Zz04p042udrAiCSjAvxZT+lz8Zokouoo6lkv09DeweTnE9hyrH9615VisXbFB4mYEMwaxBPhSmWA5OvfCXB1fP7w6m5wqo245sd/RLvvsy4z3Pfb/COen1/R735uz/Q31m/5e9qU81K0xUz0EKZkqsDXCGuTQXHhMtoUJuFbL0Nf6q/cz/5u2GN5AZWutPpRkd1is4pFVzmY6yWFzNoZhKM2dIJHh195nu4Aag0S4fzJsX6+WM4+hCWQUl8DmMPgA7uSRNd097f96O9jom1p1JsPoH6/v2bw/ueHR71BebBxL8KedTrSzzqTeL9gRKP+S2J5xjMQva9e5MAyF2go97aCppqflQztH8NGSAlAuFPlXjSJ4m3MCjn0xLX5id7IDDloTCUR/QsrxpCG1hyPKx7PgrHi3S2zapL16FjKanjdORjQlKmzIFObB7wLicHqIPAbQSLDuSeYGS+SfpO+dYWfYLem8j7PkXeV0D3rUnv9Uwe9Wby/kCTN/+WyRtCfhV8Wt1dfJ2tc6WdYJmy+NgAoGYtwedzntmCP9XkJZ9MHko444LfmlH0G6msAxhkh4gqqaqZo1wcZXNNnvwm9ahh7EJp1NoIdM9jTRP/GJGsNd5jad5rqziBsabnacShvnZJwgrtqH7hT2mOph+h92bzvlOb9xXQ/Yu/L6jX13nUm877A3Ve/ls6j+Sne0wIVJCmz10VsQmkVl5du3wmRAK8lRMjOAryp+o85pPOO/MdNchEBOPNhuayvfrgVVCvcyZujwG7WtxeV4qAu2QxNReXDrN5cWKirzjvY0QCbMm7LXThnzOy0W+lg2dYVCUZr4ii3sgFpvkifvkIvTel950qvS9z7h8S4G9AD0ZeX+rByJvV+wOt3ui128mzEVMrjVlpdgqzwX1SBvqoeXD4alYvDcEnYYNFXjBBFiC/OM9GC6Kdv/b1I4r6KM09rBTw85AapOk5ZKtm1rCJLT056eKbTpxeiehxPMIBT4QkA0tHABDCgYCElTohubtcuYYpl6YAEkVUVGO/mNmb1fuerR78Off+Ifd9Dj7069x7Pa/33XLvdcTeVaqtOC3WfFhRi6IDUzVJKVbPBnwf6uuriT3bYY5lu0caQUEdK2aO6KqOqYKojW420AE3PhKjEFW5gKa0c3E3nIhYLJUFE6bpRIXYuHTvCQiWGWuKCGMFTkGlugjAS5KynTuCYs6CqDbTZUQuFShqk1j7/pvY+57F3ldQ9+5zOH6Ve6+n9r5b7r2O21PiY5Y6bU35NwJOuIFWvDU7e5dn3KNw7NXcnofmoj5gbMy0FvNcIlhdHLOuTRZ3k6zpgsUAPKCiEbfB0JyBGX5ol9i0kp5WXCawu3tk5rSnSosVyvfjk3iehFlASVxJjfQSK7wDR8Iz5W3ssZPopFq8qINvv7m979ntfY11nwfBr3Lv9ezed8u919F7+CmV5idKGNllTB0S7qJ+ueySbkW0aJSvpvdUo1OiucAf7IaiINbODrssj+ikKNCytqtZ3xR1rLBrn7Xd6aGzm2fX7bXbm2g+L/4iAZUbnaeNPLecWhXh47oMtbJhcnUq5WjOg+I6zn4cnIQKRSZVZC/b/Di96b3vWe99BXX/EAR/+vtP/wfaikqi")

# %% [markdown]
# ### Exercise · Zero padding by hand (2 points)
#
# Complete `pad2d(X, p)`: a 2-D NumPy array `X` and a per-side padding `p ≥ 0`; return a new array
# of shape $(n_h + 2p, n_w + 2p)$ with `X` in the middle and zeros around it. Do it with
# `np.zeros` and slicing (no `np.pad`).

# %% tags=["exercise:pad2d"]
def pad2d(X, p):
    """X surrounded by p rows/columns of zeros on every side."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:pad2d"]
_ = check_function("pad2d", pad2d, [
    ((np.array([[1, 2], [3, 4]]), 1), [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]),
    ((X, 0), X),
    ((np.ones((1, 3)), 2), np.pad(np.ones((1, 3)), 2)),
])


# %% [markdown]
# ### Exercise · Cross-correlation with padding and stride (3 points)
#
# Complete `strided_corr2d(X, K, p, s)`: pad `X` by `p` zeros on each side, then slide the 2-D
# kernel `K` with stride `s` in both directions. The output has
# $\lfloor (n - k + 2p)/s \rfloor + 1$ rows (and the same for columns). You may use `np.pad`.

# %% tags=["exercise:strided_corr2d"]
def strided_corr2d(X, K, p=0, s=1):
    """Cross-correlation of 2-D X with 2-D K, per-side zero padding p, stride s."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:strided_corr2d"]
_ = check_function("strided_corr2d", strided_corr2d, [
    ((X, K, 1, 1), corr2d(np.pad(X, 1), K)),
    ((X, K, 2, 1), corr2d(np.pad(X, 2), K)),
    ((X, np.ones((2, 2)), 0, 2), [[13 + 14 + 9 + 10, 15 + 16 + 11 + 12], [5 + 6 + 1 + 2, 7 + 8 + 3 + 4]]),
    ((np.arange(64.0).reshape(8, 8), np.ones((3, 3)), 0, 2), F.conv2d(
        torch.arange(64.0).reshape(1, 1, 8, 8), torch.ones(1, 1, 3, 3), stride=2)[0, 0].numpy()),
])

# %% [markdown]
# ### Predict, then reveal · four layers (2 points)
#
# A stack that uses this lesson's rules once each: "same" padding, stride 2 with padding 1,
# stride 2 without padding (the floor), and a dilated kernel; the input is one 28×28 grey image.
# Before looking at any output, predict each layer's output shape (C, H, W), then press Check on
# that row. A ✗ names the rule you missed; the true value appears only after your prediction.
# Your first prediction of each box is the one that is graded.

# %% tags=["exercise:stride_layers"]
from cnnlab.exercises import predict_layers

strided = nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.Conv2d(8, 16, 3, stride=2, padding=1),
                        nn.Conv2d(16, 16, 3, stride=2), nn.Conv2d(16, 32, 3, padding=2, dilation=2))
predict_layers(strided, (1, 28, 28), ask=("shape",), exercise="stride_layers")

# %% [markdown]
# ## Common mistakes
#
# - **Per-side versus total padding.** PyTorch's `padding=1` adds one zero on *each* side,
#   two in total. Formulas with $p$ (not $2p$) count the total; put PyTorch's value into them
#   and the answer is wrong (section 8, last column).
# - **Padding twice.** Once the input is drawn with its zeros (7×7×3 in the cs231n demo),
#   compute from that size with $p = 0$, or from the original size with $p$ — not both.
# - **Forgetting the floor.** When $(n - k + 2p)/s$ is not whole, PyTorch rounds down and the
#   last rows/columns are ignored; a formula without ⌊·⌋ gives a fraction.
# - **Even kernels and "same".** $p = (k-1)/2$ is not a whole number for even $k$;
#   `padding="same"` then pads one side more, which shifts the output by half a pixel.
# - **"Same" with stride.** $p = (k-1)/2$ keeps the size only at stride 1; with stride 2 the
#   same padding gives $\lfloor (n-1)/2 \rfloor + 1$, half the size rounded up.
# - **Dilation and the kernel size.** A dilated kernel has $k \times k$ weights but spans
#   $k' = d(k-1)+1$ pixels; the output size uses $k'$, and "same" padding is $d(k-1)/2$.
#
# ## Sources
#
# - CS231n, *Convolutional Neural Networks for Visual Recognition*, lecture notes on
#   convolutional networks: the animated demo (5×5×3 input, two 3×3×3 filters, stride 2,
#   padding 1) and the output-size formula with per-side padding.
# - A. Zhang et al., *Dive into Deep Learning* (d2l.ai), §7.3 "Padding and Stride": the formula <!-- parity-ignore: 7.3 -->
#   $\lfloor (n_h - k_h + p_h + s_h)/s_h \rfloor$ with total padding $p_h$.
# - V. Dumoulin, F. Visin, *A guide to convolution arithmetic for deep learning*, 2016:
#   the floor, "same" padding and dilation (§5.1, the output size with $k' = k + (k-1)(d-1)$).
# - F. Yu, V. Koltun, *Multi-Scale Context Aggregation by Dilated Convolutions*, ICLR 2016
#   (dilation to widen what an output sees without losing resolution).
# - PyTorch documentation of `torch.nn.Conv2d` (`padding="same"`, `dilation`, and the
#   output-size formula $\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1$).

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `03_padding_stride.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("03_padding_stride")
