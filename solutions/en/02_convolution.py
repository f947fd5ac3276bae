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
lesson = cnnlab.start_lesson("02_convolution", lang="en")

# %% [markdown]
# # Lesson 02 · The convolution operation
#
# A convolutional layer slides a small grid of weights, the **kernel** (also called a filter),
# over its input and, at every position, multiplies the overlapping numbers and adds them up.
# The grid of results is the **feature map**. This lesson builds that operation from loops,
# checks it against PyTorch, works through the classic small examples and AlexNet's first
# layer by code, and ends with four exercises.
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
from scipy.signal import convolve2d

from cnnlab.exercises import check_function, numeric, shape, vary
from cnnlab.ops import corr2d

# %% [markdown]
# ## 1 · "Convolution" in deep learning is a cross-correlation
#
# In signal processing, the convolution of an image $X$ with a kernel $K$ **flips** the kernel
# before sliding it:
#
# $$(X * K)_{i,j} = \sum_{a}\sum_{b} X_{i-a,\,j-b}\,K_{a,b},$$
#
# while the **cross-correlation** slides it as it is:
#
# $$(X \star K)_{i,j} = \sum_{a}\sum_{b} X_{i+a,\,j+b}\,K_{a,b}.$$
#
# Deep-learning libraries compute the second one and still call it convolution. Nothing is
# lost: the kernel is *learned*, so if a flipped kernel were needed, training would simply
# learn the flipped numbers (Goodfellow, Bengio & Courville, *Deep Learning*, §9.1, make the
# same point). The library implements cross-correlation with loops as `cnnlab.ops.corr2d`, the
# function every later lesson builds on; its source comes after exercise 1, so write your own first.

# %% [markdown]
# ### The worked example: 25, 31, 43, 49
#
# Slide the 2×2 kernel $\begin{bmatrix}0&1\\2&3\end{bmatrix}$ over the 3×3
# input holding 1…9. Every output number is an inner product of the kernel with one window.
# The cell below prints each sum as it is computed, then the whole feature map.

# %%
X = np.arange(1, 10, dtype=float).reshape(3, 3)
K = np.array([[0.0, 1.0], [2.0, 3.0]])
for i in range(2):
    for j in range(2):
        window = X[i:i + 2, j:j + 2]
        terms = " + ".join(f"{k:g}×{x:g}" for k, x in zip(K.ravel(), window.ravel()))
        print(f"Y[{i},{j}] = {terms} = {(window * K).sum():g}")
Y = corr2d(X, K)
print(Y)

# %% [markdown]
# PyTorch's `F.conv2d` gives the same four numbers. A *true* convolution, such as SciPy's
# `convolve2d`, gives different ones — exactly those of a cross-correlation with the kernel
# flipped upside down and left to right:

# %%
X_t = torch.tensor(X).reshape(1, 1, 3, 3)   # (batch, channels, height, width)
K_t = torch.tensor(K).reshape(1, 1, 2, 2)   # (out_channels, in_channels, kh, kw)
print("F.conv2d:          ", F.conv2d(X_t, K_t).reshape(2, 2).tolist())
print("scipy convolve2d:  ", convolve2d(X, K, mode="valid").tolist())
print("corr2d, flipped K: ", corr2d(X, np.flip(K)).tolist())

# %% [markdown]
# The output is smaller than the input: an $n_h \times n_w$ input and a $k_h \times k_w$ kernel
# give $(n_h - k_h + 1) \times (n_w - k_w + 1)$ positions, here $(3-2+1)\times(3-2+1) = 2\times 2$.
# Lesson 03 adds padding and stride to this formula.
#
# ### Exercise 1 · Write `corr2d` yourself (3 points)
#
# Complete `my_corr2d(X, K)`: a 2-D NumPy array `X`, a smaller 2-D array `K`, the
# cross-correlation as a new array of shape $(n_h-k_h+1, n_w-k_w+1)$. Two nested loops are fine.

# %% tags=["exercise:corr2d"]
def my_corr2d(X, K):
    """Cross-correlation of a 2-D array X with a 2-D kernel K (no padding, stride 1)."""
    ### BEGIN SOLUTION
    kh, kw = K.shape
    out = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return out
    ### END SOLUTION


# %% tags=["exercise:corr2d"]
_ = check_function("corr2d", my_corr2d, [
    ((X, K), [[25, 31], [43, 49]]),
    ((np.eye(3), np.array([[1.0, -1.0]])), [[1, 0], [-1, 1], [0, -1]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(2)
for _shape, _kshape in [((5, 7), (3, 2)), ((4, 4), (4, 4)), ((6, 3), (1, 1))]:
    _X, _K = _rng.normal(size=_shape), _rng.normal(size=_kshape)
    _want = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K)[None, None])[0, 0].numpy()
    _flipped = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K[::-1, ::-1].copy())[None, None])[0, 0].numpy()
    _got = my_corr2d(_X, _K)
    expect_value(_got, _want, case=(_shape, _kshape), kinds=("array", "tensor"),
                 mistakes={"flipped_kernel": (_flipped, "you flipped the kernel: that is the convolution of mathematics; deep learning slides the kernel as it is (a cross-correlation)")})
### END HIDDEN TESTS

# %% [markdown]
# With exercise 1 done, compare your function with the library's version:

# %%
cnnlab.show_source(corr2d)

# %% [markdown]
# ## 2 · A kernel that finds edges
#
# Take a 6×8 image, white (1) with a black (0) band in columns 2–5, and slide the 1×2 kernel
# $[1, -1]$ over it (the edge-detection example of *Dive into Deep Learning*, §7.2). The kernel answers "how much darker is my right <!-- parity-ignore: 7.2 -->
# neighbour?": $+1$ where white turns black, $-1$ where black turns white, $0$ elsewhere.

# %%
from cnnlab.data.synthetic import stripe

image = stripe()                                    # (6, 8): ones, columns 2-5 zero
edge_kernel = torch.tensor([[1.0, -1.0]])           # (1, 2)
edges = F.conv2d(image[None, None], edge_kernel[None, None])[0, 0]   # (6, 7)
print("image:\n", image.int())
print("edges:\n", edges.int())

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3), constrained_layout=True)
axes[0].imshow(image, cmap="gray", vmin=0, vmax=1)
axes[0].set_title("input: 6×8, black band")
shown = axes[1].imshow(edges, cmap="bwr", vmin=-1, vmax=1)
axes[1].set_title("feature map of kernel [1, −1]")
fig.colorbar(shown, ax=axes[1], shrink=0.8)
for ax in axes:
    ax.set_xticks(range(0, 8)); ax.set_yticks(range(0, 6))
plt.show()

# %% [markdown]
# The kernel only sees **vertical** edges. Turn the image by 90 degrees and the same kernel
# finds nothing, because every row is now constant:

# %%
sideways = image.T                                   # (8, 6): horizontal band
print(F.conv2d(sideways[None, None], edge_kernel[None, None])[0, 0].abs().max().item())

# %% [markdown]
# ### Learning the kernel back
#
# If we only had the image and the edge map, could a convolutional layer *discover*
# $[1, -1]$? Start a 1×2 kernel at random and take gradient steps on the squared error
# between its output and the edge map.

# %%
torch.manual_seed(0)
layer = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
target = edges[None, None]
learning_rate = 0.03
for step in range(1, 31):
    loss = ((layer(image[None, None]) - target) ** 2).sum()
    layer.zero_grad()
    loss.backward()
    with torch.no_grad():
        layer.weight -= learning_rate * layer.weight.grad
    if step % 5 == 0:
        print(f"step {step:2d}: loss {loss.item():.4f}")
print("learned kernel:", [round(w, 3) for w in layer.weight.detach().reshape(-1).tolist()])

# %% [markdown]
# The learned weights are $[1, -1]$ to three decimals. This is what training a CNN does at
# scale: nobody designs the kernels, gradient descent finds the ones that serve the loss.
#
# ## 3 · How big is the output, and how many parameters?
#
# With per-side padding $p$ and stride $s$ (lesson 03 explains both), a kernel of size $k$
# on an input of size $n$ gives
#
# $$n_\text{out} = \left\lfloor \frac{n - k + 2p}{s} \right\rfloor + 1 .$$
#
# Apply it to the first layer of AlexNet (Krizhevsky, Sutskever & Hinton, 2012): 96 kernels of
# 11×11 over an RGB image, stride 4, no padding, giving 55×55 feature maps. The paper (§3.5 and
# Figure 2) gives the input as 224×224×3. With 224 the formula does not come out even:
# $(224 - 11)/4 = 53.25$, and PyTorch would give 54, not 55. An input of 227×227 is the size for
# which $(n - k)/s + 1$ is exactly 55, so that is what we use here, as many implementations do;
# the size 227 is not in the paper. Lesson 09 comes back to this.

# %%
print(cnnlab.conv_output_size(224, 11, p=0, s=4, explain=True))
print(cnnlab.conv_output_size(227, 11, p=0, s=4, explain=True))

# %%
conv1 = nn.Conv2d(in_channels=3, out_channels=96, kernel_size=11, stride=4)
feature_maps = conv1(torch.zeros(1, 3, 227, 227))
print("PyTorch output shape (N, C, H, W):", tuple(feature_maps.shape))

# %% [markdown]
# Many texts (CS231n's notes among them) write the output as `[55, 55, 96]`, height × width ×
# channels; PyTorch stores the
# same numbers channels-first, `(96, 55, 55)`. Every position of every feature map is one
# **neuron**, and each kernel owns $11 \cdot 11 \cdot 3$ weights plus one bias:

# %%
print(cnnlab.neuron_count(96, 55, explain=True))
print(cnnlab.conv_params(3, 96, 11, explain=True))
print("PyTorch counts:", sum(p.numel() for p in conv1.parameters()), "parameters in", feature_maps[0].numel(), "neurons")

# %% [markdown]
# 290,400 neurons share 34,944 parameters: every neuron of one feature map uses the same
# kernel. That sharing is why convolution scales to images (lesson 01 counts what a fully
# connected layer would need).
#
# ### Quick checks · a second layer (1 point each)
#
# Stack a second convolutional layer on conv1: 256 kernels of size 5×5 over conv1's 96 feature
# maps, padding 2 on each side, stride 1. Work out the two numbers below, type them in and
# click **Check**.
#
# These checks have variants: once you have set your student id (lesson 00), each question
# below states your own layer, whose numbers may differ from these.
#
# This layer looks like AlexNet's second layer but is not: AlexNet first applies an overlapping
# max pool to conv1's output, which shrinks the feature maps, and splits its second layer over two
# GPUs, each kernel reading only the half of the input channels on its own GPU. The layer here
# neither pools nor splits; it is for practising the formula. AlexNet itself is lesson 09.

# %% tags=["exercise:conv2_shape"]
def conv2_shape_check(kernels, size, padding):
    side = (55 - size + 2 * padding) // 1 + 1
    return dict(
        answer=(kernels, side, side),
        prompt=f"The second layer stacked on conv1 ({kernels} kernels of {size}×{size}, padding {padding} on each "
               "side, stride 1): what is the shape (C, H, W) of its output for one image?",
        hint=f"The second layer's input is conv1's output, 96 × 55 × 55. Put n = 55, k = {size}, p = {padding}, "
             "s = 1 into the formula; there is one output channel per kernel.",
        explanation=f"(55 − {size} + 2·{padding}) / 1 + 1 = {side}. "
                    f"{kernels} kernels give {kernels} feature maps: ({kernels}, {side}, {side}).",
        mistakes=[("channels_last", (side, side, kernels),
                   "height × width × channels is the order many texts write; "
                   "PyTorch puts the channels first: (C, H, W)."),
                  ("kept_input_channels", (96, side, side),
                   "96 is the number of channels going in. "
                   "The output has one channel per kernel of this layer."),
                  ("padding_once", (kernels, side - padding, side - padding),
                   f"the padding was added once. padding={padding} puts {padding} zeros on each side, "
                   "so the formula has 2p."),
                  ("no_padding", (kernels, side - 2 * padding, side - 2 * padding),
                   f"you left the padding out: that is the result for p = 0. This layer pads {padding} on "
                   f"each side, so add 2p = {2 * padding} in the formula.")])


shape("conv2_shape", variants=vary(conv2_shape_check, kernels=[256, 128], size=[5, 3, 7], padding=[2, 1]))

# %% tags=["exercise:conv2_params"]
def conv2_params_check(kernels, size):
    weights = size * size * 96
    total = (weights + 1) * kernels
    conv1 = (11 * 11 * 3 + 1) * 96
    return dict(
        answer=total,
        prompt=f"The second layer stacked on conv1 ({kernels} kernels of {size}×{size} over 96 input channels, "
               "padded so that its feature maps stay 55×55): how many learnable parameters (weights and "
               "biases) does it have?",
        hint=f"Each kernel spans all 96 input channels: {size} · {size} · 96 weights, plus one bias.",
        explanation=f"({size} · {size} · 96 + 1) · {kernels} = {weights + 1:,} · {kernels} = {total:,}, "
                    f"{total / conv1:.1f} times conv1's {conv1:,}: every kernel now spans 96 channels "
                    "instead of 3.",
        mistakes=[("forgot_bias", weights * kernels,
                   "that counts the weights only; each kernel also has one bias."),
                  ("one_channel", (size * size + 1) * kernels,
                   f"a kernel here is not a single {size}×{size} slice: it has one {size}×{size} slice for "
                   "each of the 96 input channels."),
                  ("counted_neurons", kernels * 55 * 55,
                   "that is the number of outputs (neurons) of the layer. "
                   "Parameters are the kernels' weights and biases, shared by every position.")])


numeric("conv2_params", digits=0, unit="parameters",
        variants=vary(conv2_params_check, kernels=[256, 128, 384, 192], size=[5, 3]))

# %% [markdown]
# ### Exercise 2 · The output-size formula (2 points)
#
# Complete `output_size(n, k, p, s)`: input size `n`, kernel size `k`, padding `p` on **each**
# side, stride `s`; return the output size as an `int` (PyTorch rounds down).

# %% tags=["exercise:output_size"]
def output_size(n, k, p, s):
    """Output height (or width) of a convolution with input size n, kernel size k, padding p on each
    side and stride s, as nn.Conv2d computes it; an int."""
    ### BEGIN SOLUTION
    return (n - k + 2 * p) // s + 1
    ### END SOLUTION


# %% tags=["exercise:output_size"]
_ = check_function("output_size", output_size, [
    ((227, 11, 0, 4), 55),
    ((224, 11, 0, 4), 54),
    ((32, 5, 0, 2), 14),
    ((3, 2, 0, 1), 2),
    ((28, 5, 2, 1), 28),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _n, _k, _p, _s in [(224, 11, 2, 4), (32, 5, 0, 1), (7, 3, 1, 2), (10, 4, 0, 3), (1, 1, 0, 1)]:
    _want = nn.Conv2d(1, 1, _k, stride=_s, padding=_p)(torch.zeros(1, 1, _n, _n)).shape[-1]
    _got = output_size(_n, _k, _p, _s)
    expect_value(_got, _want, case=(_n, _k, _p, _s), kind="int", mistakes={
        "rounded_up": (-(-(_n - _k + 2 * _p) // _s) + 1, "you rounded up: PyTorch rounds (n − k + 2p)/s down, the last partial window is dropped"),
        "forgot_plus_one": ((_n - _k + 2 * _p) // _s, "you forgot the + 1: the first window sits at position 0 before the stride moves it"),
        "padding_once": ((_n - _k + _p) // _s + 1, "you padded one side only: padding=p adds p zeros on each side, 2p in all"),
    })
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 3 · Parameters of a convolutional layer (2 points)
#
# Complete `conv_parameters(c_in, c_out, k)`: the number of learnable numbers in a layer with
# `c_out` kernels of size `k`×`k` over `c_in` input channels, each kernel with one bias.

# %% tags=["exercise:conv_parameters"]
def conv_parameters(c_in, c_out, k):
    """The number of learnable numbers (weights and biases) of nn.Conv2d(c_in, c_out, k); an int."""
    ### BEGIN SOLUTION
    return (k * k * c_in + 1) * c_out
    ### END SOLUTION


# %% tags=["exercise:conv_parameters"]
_ = check_function("conv_parameters", conv_parameters, [
    ((3, 96, 11), 34944),
    ((1, 6, 5), 156),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _c_in, _c_out, _k in [(64, 128, 3), (16, 120, 5), (192, 16, 1), (1, 1, 1)]:
    _want = sum(p.numel() for p in nn.Conv2d(_c_in, _c_out, _k).parameters())
    _got = conv_parameters(_c_in, _c_out, _k)
    expect_value(_got, _want, case=(_c_in, _c_out, _k), mistakes={
        "forgot_bias": (_k * _k * _c_in * _c_out, "you counted the weights only: every kernel has one bias as well"),
        "forgot_input_channels": ((_k * _k + 1) * _c_out, "your kernel has one k×k slice: it has one slice per input channel, k·k·c_in weights"),
    })
### END HIDDEN TESTS

# %% [markdown]
# ## 4 · Several input channels: one kernel slice per channel, then a sum
#
# A colour image has three channels. A kernel for it is $11 \times 11 \times 3$, not
# $11\times 11$: one 2-D slice per input channel. Each slice slides over its own channel and
# the three results are **added** into a single feature map (*Dive into Deep Learning*, §7.4) — a <!-- parity-ignore: 7.4 -->
# kernel over $c$ channels always produces one channel. Here with a 2-channel input:

# %%
X2 = np.stack([np.arange(9.0).reshape(3, 3), np.arange(1.0, 10.0).reshape(3, 3)])   # (2, 3, 3)
K2 = np.stack([np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[1.0, 2.0], [3.0, 4.0]])])  # (2, 2, 2)
per_channel = [corr2d(x, k) for x, k in zip(X2, K2)]
for channel, part in enumerate(per_channel):
    print(f"channel {channel}:", part.tolist())
print("sum:      ", sum(per_channel).tolist())
print("F.conv2d: ", F.conv2d(torch.tensor(X2)[None], torch.tensor(K2)[None])[0, 0].tolist())

# %% [markdown]
# ### Exercise 4 · Multi-input-channel cross-correlation (3 points)
#
# Complete `corr2d_multi_in(X, K)` for `X` of shape (c, h, w) and `K` of shape (c, kh, kw):
# the sum over channels of the single-channel cross-correlations. You may call `corr2d`.

# %% tags=["exercise:corr2d_multi_in"]
def corr2d_multi_in(X, K):
    """Sum over input channels c of corr2d(X[c], K[c]); X: (c, h, w), K: (c, kh, kw)."""
    ### BEGIN SOLUTION
    return sum(corr2d(x, k) for x, k in zip(X, K))
    ### END SOLUTION


# %% tags=["exercise:corr2d_multi_in"]
_ = check_function("corr2d_multi_in", corr2d_multi_in, [
    ((X2, K2), [[56, 72], [104, 120]]),
    ((X[None], K[None]), [[25, 31], [43, 49]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(4)
for _c, _shape, _kshape in [(3, (5, 6), (2, 3)), (1, (4, 4), (3, 3)), (4, (3, 3), (1, 1))]:
    _X, _K = _rng.normal(size=(_c, *_shape)), _rng.normal(size=(_c, *_kshape))
    _want = F.conv2d(torch.tensor(_X)[None], torch.tensor(_K)[None])[0, 0].numpy()
    expect_value(corr2d_multi_in(_X, _K), _want, case=(_c, _shape, _kshape), kinds=("array", "tensor"))
### END HIDDEN TESTS

# %% [markdown]
# ## Common mistakes
#
# - **Flipping the kernel.** PyTorch's `conv2d` does not flip; if you flip by hand, your
#   results will not match (section 1).
# - **Mixing layouts.** Many texts write shapes height × width × channels (`[55, 55, 96]`);
#   PyTorch uses (batch, channels, height, width). Same numbers, different order.
# - **Counting neurons as parameters.** 290,400 outputs, but only 34,944 learnable numbers —
#   weights are shared across positions.
# - **Per-side versus total padding.** The formula above uses $2p$ (padding $p$ on each side,
#   as PyTorch's `padding=p`); *Dive into Deep Learning* (§7.3) writes $p$ for the total of both <!-- parity-ignore: 7.3 -->
#   sides. Lesson 03 puts the two side by side.
# - **Forgetting the bias.** Each kernel has one bias besides its weights. For conv1, the weights
#   alone (`bias=False`) and then weights and biases:

# %%
print(cnnlab.conv_params(3, 96, 11, bias=False, explain=True))   # weights only
print(cnnlab.conv_params(3, 96, 11, explain=True))               # weights and the 96 biases

# %% [markdown]
# ## Sources
#
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012, §3.5 and Figure 2: a 224×224×3 input, 96 kernels of
#   11×11×3 with stride 4, 55×55 feature maps. The 227×227 input used here is the size that
#   makes that arithmetic exact; it is not the paper's.
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, §9.1 (libraries
#   implement cross-correlation and call it convolution).
# - CS231n, *Convolutional Neural Networks for Visual Recognition*, lecture notes on
#   convolutional layers (the output-size formula and parameter sharing).
# - A. Zhang et al., *Dive into Deep Learning* (d2l.ai), §7.2 (the edge-detection example), <!-- parity-ignore: 7.2 -->
#   §7.3 (padding counted in total) and §7.4 (multiple input channels). <!-- parity-ignore: 7.3 7.4 -->
