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
def out_size_check(n, k, p):
    s = 2
    t = n - k + 2 * p
    out = t // s + 1
    return dict(
        answer=out,
        prompt=f"A convolutional layer has a {k}×{k} kernel, padding {p} on each side and stride {s}. "
               f"What is the output height for a {n}×{n} input?",
        hint="out = ⌊(n − k + 2p) / s⌋ + 1. Is (n − k + 2p) divisible by s here?",
        explanation=f"({n} − {k} + 2·{p}) / {s} = {t} / {s} = {t / s}, rounded down to {t // s}, plus 1: {out}. "
                    "The last row of the padded input (a row of padding zeros) is never reached.",
        mistakes=[("rounded_up", -(-t // s) + 1,
                   "(n − k + 2p) / s is not whole here, and PyTorch rounds it down (⌊·⌋), "
                   "not up or to the nearest: a window that would stick out is not used."),
                  ("forgot_plus_one", t // s,
                   "⌊(n − k + 2p) / s⌋ counts the steps the window takes; add 1 for its first position. "
                   "(Check too that the padding counts on both sides: 2p.)"),
                  ("forgot_padding", (n - k) // s + 1,
                   "that is the size without padding. "
                   f"Padding {p} on each side adds 2p to n before the kernel slides.")])


numeric("out_size", digits=0, variants=vary(out_size_check, n=[32, 28, 64], k=[5, 7], p=[2, 3]))

# %% tags=["exercise:strided_shape"]
def strided_shape_check(kernels, n, k):
    s = 2
    p = (k - 1) // 2
    t = n - k + 2 * p
    side = t // s + 1
    zeros = ["a zero", "two zeros", "three zeros"][p - 1]
    step = ["one pixel", "two pixels", "three pixels"][s - 1]
    return dict(
        answer=(kernels, side, side),
        prompt=f"A batch of one image of shape (3, {n}, {n}) goes through "
               f"<code>nn.Conv2d(3, {kernels}, kernel_size={k}, stride={s}, padding={p})</code>. "
               "What is the shape (C, H, W) of the output for that image?",
        hint=f"One output channel per kernel. For H and W use n = {n}, k = {k}, p = {p}, s = {s}.",
        explanation=f"⌊({n} − {k} + 2·{p}) / {s}⌋ + 1 = ⌊{t / s}⌋ + 1 = {side}, and {kernels} kernels give "
                    f"{kernels} channels: ({kernels}, {side}, {side}). "
                    f"Stride {s} with 'same' padding halves an even size.",
        mistakes=[("rounded_up", (kernels, -(-t // s) + 1, -(-t // s) + 1),
                   "(n − k + 2p) / s is not whole here, and PyTorch rounds it down (⌊·⌋), "
                   "not up or to the nearest: a window that would stick out is not used."),
                  ("same_size_with_stride", (kernels, n, n),
                   f"padding={p} keeps the size of a {k}×{k} convolution only at stride 1; "
                   f"with stride {s} the window moves {step} at a time."),
                  ("forgot_plus_one", (kernels, t // s, t // s),
                   "⌊(n − k + 2p) / s⌋ counts the steps the window takes; add 1 for its first position. "
                   f"(Check too that padding={p} puts {zeros} on each side.)")])


shape("strided_shape", variants=vary(strided_shape_check, kernels=[16, 32], n=[28, 32, 64], k=[3, 5]))

# %% tags=["exercise:total_padding"]
def total_padding_check(total, order):
    half = total // 2
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    options = [f"padding={total}", f"padding={half}", f"padding={2 * total}", f"padding={total // 4}"]
    return dict(
        answer=(1 - order) % 4,
        options=options[order:] + options[:order],
        prompt=f"A book writes the output size as (n − k + p + s) / s and uses p = {total} for a layer. "
               "Which <code>nn.Conv2d</code> argument builds the same layer?",
        hint="In (n − k + p + s) / s the p counts the zeros of both sides together. "
             "What does PyTorch's padding= count?",
        explanation="That p is the total padding of both sides. PyTorch's padding= is per side, "
                    f"so p_total = {total} means padding={half} ({words[half]} zeros on each side).",
        mistakes=[("total_as_per_side", (0 - order) % 4,
                   f"padding={total} puts {words[total]} zeros on each side. "
                   "The book's p counts the zeros of both sides together."),
                  ("doubled", (2 - order) % 4,
                   "you doubled p, as if the book counted one side and PyTorch both. "
                   "It is the other way round."),
                  ("four_sides", (3 - order) % 4,
                   "you shared p among four sides, but the book's p is left + right (or top + bottom) together; "
                   "padding= gives the zeros of each side, in height and in width alike.")])


choice("total_padding", variants=vary(total_padding_check, total=[4, 8, 12], order=[0, 1, 2, 3]))

# %% [markdown]
# ### Exercise · Zero padding by hand (2 points)
#
# Complete `pad2d(X, p)`: a 2-D NumPy array `X` and a per-side padding `p ≥ 0`; return a new array
# of shape $(n_h + 2p, n_w + 2p)$ with `X` in the middle and zeros around it. Do it with
# `np.zeros` and slicing (no `np.pad`).

# %% tags=["exercise:pad2d"]
def pad2d(X, p):
    """X surrounded by p rows/columns of zeros on every side."""
    ### BEGIN SOLUTION
    h, w = X.shape
    out = np.zeros((h + 2 * p, w + 2 * p), dtype=X.dtype)
    out[p:p + h, p:p + w] = X
    return out
    ### END SOLUTION


# %% tags=["exercise:pad2d"]
_ = check_function("pad2d", pad2d, [
    ((np.array([[1, 2], [3, 4]]), 1), [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]),
    ((X, 0), X),
    ((np.ones((1, 3)), 2), np.pad(np.ones((1, 3)), 2)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(3)
for _shape, _p in [((4, 4), 2), ((3, 5), 1), ((1, 1), 3), ((2, 6), 0)]:
    _X = _rng.normal(size=_shape)
    _want = F.pad(torch.tensor(_X), (_p, _p, _p, _p)).numpy()
    expect_value(pad2d(_X, _p), _want, case=(_shape, _p), kinds=("array", "tensor"))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise · Cross-correlation with padding and stride (3 points)
#
# Complete `strided_corr2d(X, K, p, s)`: pad `X` by `p` zeros on each side, then slide the 2-D
# kernel `K` with stride `s` in both directions. The output has
# $\lfloor (n - k + 2p)/s \rfloor + 1$ rows (and the same for columns). You may use `np.pad`.

# %% tags=["exercise:strided_corr2d"]
def strided_corr2d(X, K, p=0, s=1):
    """Cross-correlation of 2-D X with 2-D K, per-side zero padding p, stride s."""
    ### BEGIN SOLUTION
    X = np.pad(X, p)
    kh, kw = K.shape
    out_h = (X.shape[0] - kh) // s + 1
    out_w = (X.shape[1] - kw) // s + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = (X[i * s:i * s + kh, j * s:j * s + kw] * K).sum()
    return out
    ### END SOLUTION


# %% tags=["exercise:strided_corr2d"]
_ = check_function("strided_corr2d", strided_corr2d, [
    ((X, K, 1, 1), corr2d(np.pad(X, 1), K)),
    ((X, K, 2, 1), corr2d(np.pad(X, 2), K)),
    ((X, np.ones((2, 2)), 0, 2), [[13 + 14 + 9 + 10, 15 + 16 + 11 + 12], [5 + 6 + 1 + 2, 7 + 8 + 3 + 4]]),
    ((np.arange(64.0).reshape(8, 8), np.ones((3, 3)), 0, 2), F.conv2d(
        torch.arange(64.0).reshape(1, 1, 8, 8), torch.ones(1, 1, 3, 3), stride=2)[0, 0].numpy()),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(5)
for _shape, _kshape, _p, _s in [((5, 5), (3, 3), 1, 2), ((7, 6), (2, 3), 0, 3), ((4, 4), (4, 4), 0, 1),
                                 ((6, 9), (3, 1), 2, 2), ((1, 1), (1, 1), 0, 1), ((9, 9), (5, 5), 2, 4)]:
    _X, _K = _rng.normal(size=_shape), _rng.normal(size=_kshape)
    _want = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K)[None, None], stride=_s, padding=_p)[0, 0]
    _got = np.asarray(strided_corr2d(_X, _K, _p, _s))
    expect_value(_got, _want.numpy(), case=(_shape, _kshape, _p, _s))
### END HIDDEN TESTS

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
