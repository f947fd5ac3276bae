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

from cnnlab.exercises import check_function, numeric, shape
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
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:corr2d"]
_ = check_function("corr2d", my_corr2d, [
    ((X, K), [[25, 31], [43, 49]]),
    ((np.eye(3), np.array([[1.0, -1.0]])), [[1, 0], [-1, 1], [0, -1]]),
])

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
# This layer looks like AlexNet's second layer but is not: AlexNet first applies an overlapping
# max pool to conv1's output, which shrinks the feature maps, and splits its second layer over two
# GPUs, each kernel reading only the half of the input channels on its own GPU. The layer here
# neither pools nor splits; it is for practising the formula. AlexNet itself is lesson 09.

# %% tags=["exercise:conv2_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("conv2_shape", key="df0a7e62e4cf1ff4f14de5e0e01086b9",
      prompt="The second layer stacked on conv1 (256 kernels of 5×5, padding 2 on each side, stride 1): "
             "what is the shape (C, H, W) of its output for one image?",
      hint="The second layer's input is conv1's output, 96 × 55 × 55. Put n = 55, k = 5, p = 2, s = 1 into the "
           "formula; there is one output channel per kernel.",
      explanation="sealed:1NC7l+dbCiEJEBt3sn8R1uPYJTnw6a6KMVV2gDxbpKKrv5/hjo9Tb2PP3MmJ6xPgiobTZOElkco2Re/He+p4wZp0eAVPj5Ycy7oOzbEqdYtFY6mqcbSr18QmCym9AhM0sDfmBn3/HRNUBaow/6yvp9wQgAOdXwfh6eWt629N4ZE5",
      mistakes=[("4134bec24b02ac27f3b571564aa27c1e", "sealed:oLxFcSq4nuLQI3ANw4LKi3E1IJwmqkmukN4QCSXrs5vmxUP8m8CH5VSakFtUyKD+pZBXE5SinxBfXSNp1TeB4cwdh3W9AxH5KZv96ubjXrS2kEzoBuaHnEpqhzsaYQmnLKBrEbXXG7NjFNKdVvQ8xjAQ318="), ("357fe0aecb9e123b4c988e8cd2acef47", "sealed:V0wffO1rSQzGsWto+aOjMzogBqs61Q9Ef3qNqXyi7C0y6byB9elRwQ9zsJU8MzyzjUqUHtg2MSTavjcNDI8OCqpGVMl/zBO903CqNF/DMMp3IAJIPXaqLNzWI9iqF9WnGaWEiRf8bkSZwwrlzUTX"), ("78da559571cb1c4aafb5a25bda5ce9bb", "sealed:t2IxzsCqLZpp+3YDTyTkaFBqDK6dU6dsS9OJbO/GqujRf1ifN4Frgn2VSGUYu9GMJuHEDwg6TEyFfv3wa97eZU/c7qCpEHyxCKDuD8NHN5bfiDeEyKPa4K/itg8IB3OeDQE4Rg=="), ("97777cc8096454f9727c1cb728dc1aa6", "sealed:pbnOY7g0gqgCZuu/mGFcrS9YMFCWuU0neVXPP2/ecLDh+q0cz328fxIpOkvqE3dpyV6869us03YR5/X85YeForPY/jIiL26Kta7WyJxSAKXZF0DOftAtpuwcSZt7vqN/UWFI5o3Iheb98tyhQyBjzkGfqxdat8qvZ7tQY09ocWs=")])

# %% tags=["exercise:conv2_params"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("conv2_params", key="b09989e9d31f6ce523fbd8ad6fd54ea7", digits=0, unit="parameters",
        prompt="The second layer stacked on conv1 (256 kernels of 5×5 over 96 input channels): how many "
               "learnable parameters (weights and biases) does it have?",
        hint="Each kernel spans all 96 input channels: 5 · 5 · 96 weights, plus one bias.",
        explanation="sealed:neSX4ZTYvz/UuOvX45WTv2iIGzD3tnBYweuANwZ3R59SOrI/erP48WoAZcvkV9XjFKTXal4Vf0GQMPEeNwyxpXIZLsH0qETTtRdbZ8gJaxOKPPJKISvVzW33czdoTvRG1UDn9VISS1AadOvKBWzl/ggGjll6/TehU/4QkifuqAJ+DmeJLg==",
        mistakes=[("77f0dab2093bddeecec4916832146c39", "sealed:QkO3EuWWEtqGY/HoXCZKd/7QpomD+3Jf/eE627+hynQb1tcclrO8VEHE0pVv96GvaL9qrL5YMEt1vv4IzQk+NJd4i5TaFZf+"), ("b74c5d3948d3b86449b764f74576539a", "sealed:aY3t7b64rxlptKQX3tJdpFXs1sUdQFZ5cYPaH5kh+QxhOu1yq2sC7vedYYcYN7nSb2OexA+SgQ4ZOgntQJDW1c2hoXRndEgKhZ/FFzbWmgO7zNg3TvTa8XZ2YmBJmb6wujf8AplDIfgncDE6wbY="), ("3584ebb258e3ab4a9589b065ef1a005e", "sealed:A+24jnYo6T/ia7tlkfDngVhSwYfBm3/W22CxZ4ygh68nSjs/MpLmhavR//FF6p4ZmQs7l/LR95Lg5f47mtctzRVKgAzE71ojkljj0Zs6AAFaMWK6vyMwDtpXPHCD70tebp9FALN1jSEjfZPokljI+v6g1z9wzOmZBh+CIcsi67lujlv9KmzkOUdU+07M1w8=")])

# %% [markdown]
# ### Exercise 2 · The output-size formula (2 points)
#
# Complete `output_size(n, k, p, s)`: input size `n`, kernel size `k`, padding `p` on **each**
# side, stride `s`; return the output size as an `int` (PyTorch rounds down).

# %% tags=["exercise:output_size"]
def output_size(n, k, p, s):
    """Output height (or width) of a convolution with input size n, kernel size k, padding p on each
    side and stride s, as nn.Conv2d computes it; an int."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:output_size"]
_ = check_function("output_size", output_size, [
    ((227, 11, 0, 4), 55),
    ((224, 11, 0, 4), 54),
    ((32, 5, 0, 2), 14),
    ((3, 2, 0, 1), 2),
    ((28, 5, 2, 1), 28),
])


# %% [markdown]
# ### Exercise 3 · Parameters of a convolutional layer (2 points)
#
# Complete `conv_parameters(c_in, c_out, k)`: the number of learnable numbers in a layer with
# `c_out` kernels of size `k`×`k` over `c_in` input channels, each kernel with one bias.

# %% tags=["exercise:conv_parameters"]
def conv_parameters(c_in, c_out, k):
    """The number of learnable numbers (weights and biases) of nn.Conv2d(c_in, c_out, k); an int."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:conv_parameters"]
_ = check_function("conv_parameters", conv_parameters, [
    ((3, 96, 11), 34944),
    ((1, 6, 5), 156),
])

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
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:corr2d_multi_in"]
_ = check_function("corr2d_multi_in", corr2d_multi_in, [
    ((X2, K2), [[56, 72], [104, 120]]),
    ((X[None], K[None]), [[25, 31], [43, 49]]),
])

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

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `02_convolution.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("02_convolution")
