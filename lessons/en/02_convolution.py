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
# These checks have variants: once you have set your student id (lesson 00), each question
# below states your own layer, whose numbers may differ from these.
#
# This layer looks like AlexNet's second layer but is not: AlexNet first applies an overlapping
# max pool to conv1's output, which shrinks the feature maps, and splits its second layer over two
# GPUs, each kernel reading only the half of the input channels on its own GPU. The layer here
# neither pools nor splits; it is for practising the formula. AlexNet itself is lesson 09.

# %% tags=["exercise:conv2_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("conv2_shape", variants="cnnlab-variants/1:eNrtmtuSq0h2hl+lom9sh3aYMyTj6HAggQAhQBwkEBNzkUCCOIgz4uDwc8wDzYuZ6tPebrc9u8fTE90zuy6KKkVWsha58sv/Z9Xv/+OrEoao/Op3XxWoq1DZf00y7Ie3PlvR18yHtwbGcValX5NffdgGLNuwOMEhh1gS0VFCJAmdEHSMGIQjnMABG/LbwKarn82wjXUf6K1HUV3FbyVcUPfWDzAqUPxWV2/bpy/i7Z+3u719d+e3Onlj/vTHj3d9I98HIhg9tnhitEU1dNv1jfiX371NDzi8Zf3b8H6LB2zQ2z8fPrwpH968f3mfJxu26cahGYe3pO62adBb9oQp+vctvEdW/VRw/9S/ZdX7H2yzfhPcP30/xYc3nn370x/fGObb7//6dtmGVW9fbz9/eCver1vM24XcQtwuxDbRUH8T2nbz51jCf3v/pUPvU7+H8l1k0QNWW+JvzfZkvn0G/7qFh+amhBUcsrraouwRLFH8O8I4cOUuDg+ZdJL2A9VXwCbGy/3kVhMLWU2/3chUnMNeOzcsIMtctWXVdcRZXc7gAUtqWMSoU9u8ZzIfGw9mG/VRxXBIoh3CCJIH1lyyCzOH9SnYYnhm20oVqP/qd7///Vc0QdEhikg6xEkYkVxChQxHMCwNIclFBNrGfxdlfZ6PkdPS1Xi2VEowJvqsZZREqKfp2RbPsTBo6+D4Xc+8nvP1Ap7goDA3BxbH4bpo4q4J9r7EOFk17xPfMRrCRXs6muIH5fHCrDBa8OLZMcz9ziELaa33I1QqqWkfaw/v1rM6a/tOCn1f5oz8aGjx7WWBORcsigBff/WHD7//imK4BOEQRSGPCJIK6YgHAIEo3hJDCc19TOWGT0liEp1jrXLvDfUOmrm+1um+7VnC4qWEao3WXzLugC9suOx5VNqTxa/96Qr0dVnza3tVhpTUHRe+8sgQVWAe2ka+6SW27k0epw6tccREXW8oVTipFx+2Z2P1VD5rj7xXydCTMjsBYeEE09SV69X1v0mBAzFkGH5bgSgkom0NkpCBJBNun0aID8OPKQykOq/9oT0HTbOj7qK7uAU87ltRY+MrG/cOb55CE5PbMbcTIksM+tilFXlz5Ot95GX9NCqSOKWsKy3H5EVNkOdQcMUirj00krLMB00cRWAoBhMmmYikRbtAWsOyIQXqnjKRaEm0nX797ZPnue0rigDOszRDJzz3XjpRyJEgjggI2Y9hN2Fl3rkUT9v0EIwj9pSPUefwd/148MYrXqGbf7mQGIrO4mPX4tFKkSCZ1cYsXq1Exc1yYwHLjz1O3W0G8wFzR8e6u9yxXM3OJKsNkPOW0+wImh8ccdFMBmHbjVPkBAP3ag3s6h1VpqbUBwp5MCwPa9nnayEn7RzDAbSvgBusO87Xkddvqf3hPz98JkKJHxDK8fy2/mSU4Fs1EkQcxzwXUgiwMIIhDai/JkKJ3xhCiV8MoaVUxtTc7gQxaMdtLnbmNU58jFWGtbFLirLSuoXSxvaptENnR10V1mko8eVro5qx2LGxanz0Mh1hgmmuV/u4Xh6d/qKQ7ommaLPhU3m1pPJcwwf8MUJxGrAUJCgGoYigKY4mWTokGTIiQcRsSP1Y/T329CXDqsYBqn5U3vF1bvjQ6RRKQYfWOrr0STGSE88KR7Y/m22orLC1YKnv2PMZl04lY3vKBWsOERsTB0PZL81zBLfOyYeXBxgsEkKHZf35zoaPo9awq89FqjQeWB+4Zryji1wwzOTh3vH50VaZId3jkd5vbFDVbzcyopmIJQCOIp4PyTBJQhRCAvA8Q7Aogp+cBv1galQTikvsRhNSKB8Sw2CFKZcpNAhvqNUQr98lN4EPN4iDHX1Z/fLQ74ynFo70a8cAWOTgXDSKGaeh5+1AyeYiPynyac4iep4Ipy4GGtNgPh4Osenq1XxwZZj7PpHdLFY/BzIjoNXE92KhwswR9MO3CI14MiTAdq5FOEkCnqMSHIQJSZFhHJPxJ6tBTsX1MMPeeqQuBrAcmwZOzwVigooeaViAVSLaSxIFYbu/960reiZihSRyolZxB90cLlxmeDfDNda8Ip8zRtrFoy5MYWRV9WDeLLWjLnmQhAfjiakqtkBMo66kh7vGYjFzWUe5+BJ+7Qg1Pgehi/QXIpT6KRVKsCxFJhQgE4amwziBzLaAFBclMCZCloD/P4RSf/oj9RtUodQvrULHW3W0j/WAJtkGbVAN8npOg5IeI8AajWrF+opSx1PO/EyJDw2m4V717YQazGOWzjczYr2BdYB2letSZDLsGk+adzfVTO/W4P7izE5MvTh/uLoz/BihzCZvtn2LJwTC8QTCbSNQNL+ZEJKLQZyAj9UP+2hXHzFXoxeDAE9ZJ5xuRvBUrgPnekmQscSADtxZr0Zmp0rVqbtB/+4wddO42PHw3CVGchz4VxkwoX3bs9le7GTSTSLJK6nDooG5uwn8PFxeJykrfRKrT0kkMPL+wNcuOK/0FcZnogj4kdLCfdudMjSOKqmv5f27jYwYFiabjiMBxXFJgrYC3sgDk4QiYjbGP6YyrtdkoGUNpXmc4YaIVW2nibWBjiKlYcSlnVTWAi/yYYb4+XY/e/wYJQyFlHIMA2sWj5e87Zfd5UjdFyygyf5V7Km1p1A6lIFkz3UuhL1kkf7Lsv09kze7wXBtUJmvCxlj1Wm3+DXgTtBFrJkcEHU4s8s3KeAAp8MIQT7m6ISOEMnjgAcEQCG7iVCC+sQTlAVpqBi2tsRy9QKKsVxBsNaSudosf16Ec3IGeamuODa3nTSA+bJzaRcdnZdb1H76fFqnvJ2AYtm7/SpExstfroBhXOKJXVREz0mVKnFjLCBOk+QEem617l6zbzUNO59yZ8cneFB/r0I/Xzy33qSRfZae27kGD5Bomdff7RuQUWtc26mTgacjNjy1cA3DdNVQEDxXpzpayilqBmSarLwXhTRz8NXWE4+AgWwF9iHiGjmVn2g+svkqMoRinLIwpzB30bqwbxNytO6qoownZ8/XMo20SKpL/ASr552LI/FZMGtax3vxru91b76p6RjSPwuhxN/IyP93hBK/MYQSfwsjf/nByKMvRv4fz8jjJI6zgIq3owzgIU8hDvH0ZhRCPmQS+lMV6qHoRJzTqzDWOBkhfKGw1uyNxqV4NeXYjVOMCqni/rKPWmzu5AjfXUrjFTJ0daf4Vxe97PkFGLktgA1hw0oSzvhVNCncqzyvomD0SRXSsGBkNUDSHF/JXF/QrWgWEJxwGl+KKY+tXztCrc9BaJz/hQjlfkqF/rJGnvvTH7nfoArlfmkV+omRr38w8usXI/+PZ+Q/3xGPXELEnLBLA1oMaS3HPOHayI15sh15lIJUu1407RDaEeZ2LFaeUq+ddSlg9HIZxerYEXuOYY0RJ5Tg2F5IhgH5uR6XO5bq3cn3tLYNz4t+cgR2jCUhC5Kh6HnTUu3mxDVwqI8KuI/TdwglYMhx9LuA3k7feKMmvgUdce+vIZgEsZ+EzVW6oguS7so50G8pijOtKYetWo1niDu+c1x2wkW8dWQ0oBthvHSLSdwyep51Vps9qkIz84gHuptPHewT4uYIYRPjIr47HkUCt1/zZM7GSnXki7SC6XBYqJUhwmB1l0e9N/MXg5K4KiM8vt3KCDo1T1Ux3D0p3CwVIdWqJ7Lcm91lxs76WQj9qELx92ODgpCKAcniDCABDWkSj5IE4pCm6b8mQonfGEJ/ORV6T2CS16NY8Io3J7gdxYpOoFIpS/mSC3J5JUm3mHePfB87YfWIzpbvS9TVGd2UPylOM+9rF+5HPoxPI8Gz8GLeUuuSk6/uGSQCgSS1hEe7vM2CfP8xQmMc32wjD0g64hKaZ+iNpYAFCU7GDB7F/MfqfxmwAELsiX6Zi+wacQM9SYxRY3uszxJuhTPtNtTeDfa2Jxk6oI0ZXAdnDWJl10Z+wZ42bUvJpA8tgdA8Gw+0O8ddhcZKUI81UbY+g8LLk+NtK7Hdk3HItF1Et8Vyj2AXo7CBI7yQwb8E07FEq9f9rRA9vz+kxbcbOQTUhko8jim4HfuQ4HhIITok4pDl+BB+8k7i1VjEbScQj7tMFc/02pXDPspIUmESilWVS2i2ecUt9FkeB0KIrjZO8QMhkeHtfusyrGuV4UAMHvUqAs54oeUQ7WeaswYuPQhVoL46VDJdWGz8e+lgWuhqFnEDir6sCLxEEsx0PxjHA1El2jrfG5dr8Rv6JoWI3x7+dphF2wkW0hwgKZbdFGlCAY4Ko4T+mILCoOIUu6bqCzir57z+6gUy9XDCMaxAXNhywfb3KW00pZaVJBBzi6ptDE+Wc0HyZ1lTW2nlnKtQ0eG07K7jVj+MBJpiKTWrvu5ieDpfQtykKbVsPKnk686TzA1OfWioTDpjLuZCRvi1I3T/OQgN0c9CKEGC/6sjz4bhRk1E8VGCAA9DHocEHiYMTlAkzn7jhX4OQre7fenI/3mEwnh3Qcz+nIPnkgGL64z64YAMQZ3OifSsFhY2ULfpZvg7Fer2XZpwXab4x5qyYsAwCu0EF6U/aHh6XYyxNTkyK2qJGPxwPYrlhjnsftcBNVcQ/A+EMhSzqZzNAic0S1KA2WQbhfOQDSHPkgAlH6tfooqS5YXSIqbSDrKHvec6vRNzrr2PmHAWQ7KmLZnRzoygn4L9iGLlYRbRcC10ztD8LoOvZMHm4kjh/mXV1ZFuRv9UitQk9MuR05wZT/CjvUAsSBS62vDIuQ+Z3Glai0R5digjmfbrvs1f3SWan0MmwkNTL0Qk0H83Rp6IKX6T/+/yhUsAAWiSJyHN4kRIxxQXfSKkweuBWXEc5nqIJq32mBoXa9DJLWdforHD3d1UHyR0Zaor83jchkSUrXO734eBC46DuL/q9VUJoXnW7NORGVuptfz45ijiIX0GZ5tcmYYU7GRKXuN5fXFlXKuPg/lYh/7BkReqvVgecRV+MPII4QyDx4gCGz55giJ4HsDt+VOQ4T7V/z4br3bx8G2Dax/2rkl3JunHhEK4Rh2IFjuW1fF8cyj7TEa+Z+absY/V+Dw91xIkd+tc3dujZoEh9lKoj+thjSnvcvDviRNn1/5K1ysQ1UsRyEbJruauuOSe7Uvxog0v+Saoz6GQ645wpa5TO+eYt2W5owfWtShJKPusP/oTNr8iIesw+mch9KMK5RGHQo5gSQ5y+PvRAgHYXAviQsREfPRXReiXjvz3dWVbdJjcDNOtQTaf+KtNK3qkeHaiil3NtISxv4VH0Bhs4CRAOid7expf6uM+xxKm3SPcAQWuEOdxd32yglCwVm17F7ueQUvEo1gTk2i4TVDKfM3UP0bopnO4kCXIzXzgkOWSmIq2oo+29WaYTQt9Uv2H1YxWX9Hz3QXgTaHqWnBzakkMqacnacNF6LpLK8vVKl506n7ZRzOJ1fQO5/xRvDKCdVOGh44Tpt8bAnWyKPVQ0oqJS1rUL9mTUHo093oxBEawc8eBoUl1fJSlsSTn886zKkzv9kLf+izu3I34xjmiw4R7OhqFHf13Y+QJLgnhNntCsGzyLqcBIkL23QUSgInJTzpiyZ1rpnyBeadZu2xBF1p1t0pIEb04sMHq8mA/2fB4mDDE5yW/K82JA8OBnqrc37J+lY/D6vl2DJvdKa/8Bw7bgfDcUkrcQD7e9q+bKGfEw+liyQZAnbqF8g8Hsw8OYdaKPHQw+X6xfu0IrT4HoT38CxH6kx15hty2E8/i24G+KV6WoaiIpCiSJVicpgmG+P8h9EtH/n9pJ70sNXqWA6dxN19v8QOQpnu2WZDHovP3+RUf8Wvnsd10muRujMpuJh/B8Ax5069UFG8mki/CqPH2aBYLW6g1sD/uFvrZ3vWskEtjdY6Tb4YoVS/zjxH63oTniYTajFcCI5wCFIlwEIHt7Ixpmv+kByyKgz/ezgdy9L02h/TYuDqysLt53O0y8oY7M9u02VO+zc8MSI8quAnO7oAa+VCxdl3v2Pz5hI8kbGudf50O0qO8SILnPekOXIiTbY8RzayrOYvLMoJz7zSXsH1q5spcOipVMftItcdNs9kXorcu+s6iNK0QKqdwafzvpiPPUzi3eU0S8fFmCiImSiIKxODdJxAQxJ/0Zcz77XGZhzE7l5HX8Hr6nMzGuzgPR2ebGHQBI942o5wtu7QTotF6Fa7vHYc5qQClTwbiUoIlnhfAARnWhsmqMJE1LxyLlq6AKOrH0+3JspNF3rQrX2rJ6VzpAr/QCiZvJ7dxwBajs38w8p8tnrlLIN1i3s4xMVkiXUvp+dzWmPV67ZNoJ68KVg/KxIaMK60lLtF6BuN7YtnB3aQPfCi698ZWOuhprBV7p8tLMocgtl6KuC9eYcuT+OnUCddqMxn+ZQnhEtd96o37aoyO3IT5PNq/StGrjpXioCfpD2oh67PgOOHZSMmeENJFEbHrXpno+89CKPE3MvJfOvJ/1sjjPxh5/YuR/8cz8jGKcT6Moy0HhtgyYDg8JulNWbMUvSnT6GMKc+5jUIGqZk6xWOBhFXDxdMBbfCK2xdlXWA6K+yJUA6EM0XkdY1Rvh1FIE+czed+WMSUHWSRy8vKAt8VZHzqtwZsjkXxl5ceD3uCKVqBgbwu+WzK9chJnk5aeqj5YzN56Lm7eGDX41SN0/hyETulfiNCf7Mj/skb+S0f+zxr59AcjT30x8v94Rv7zHbEFS/Va7GN7l3e5AglmPO9up4c9KTEduDzPFphgPkjaxp6eKybkLdassIZpsdD0XVVPqd4JWgqI6PkwE+QoK6PdL0p7T+yg8wyafokRUrUokPlot7DJeskXSyz45yk+y+601RaB0eD7/wtFIQAsGyGe5FlEheSGfxRHm4CGJBtx1Cf6f9+tfTn7RcpRXSo2RNpos0pdLuGZqMN6FF3pAU3uAGaLcq7rdEb0uD3uNE+1BlPypHx0IVM1d4a59Xu1CvtbFORoTV/XELK+JQqH/WA80MBbjdRJF+bePrslQNnr8lTdSWt7rWFOC2a8uPZxtNpTB2dqJGY7J2k5s8ub7DyGWxyIfUNZPwuhH1UozbOQoiGx8ROGJHx/EcMiSIU8xJltj+F/TYR+6ch/X1ca715u2sNvMLN/lY+L9qxi6oqzZNK7O0Qy2fqQsNgolUnectI8UuMp6jzfGvo5Oc9JSHT0KNQJizBd7LXyei0EwzhQs4ZenhZRpzQRi6UyWT/oyR8jlNqYGVIsyZIEvskclPCApjf7SEY0IOKQ/Fj9zsEEyvDE73BW13ofUo7XBCjKefopNVcNtYU3LR2tHFo5UIvmejFkxtwFpv28vqySeI3dwPvZkb7FlL8zHkf/9OTW9UCdoJPv4ngO9JEJnXUSi3aNr7u1NWC8r5A/TLqzPI9DUkV+Cq6IAGDIty1jncqhDL1gfNR/Nx15ZhPReBTFDMMnLEHHm4DGAUHQDBNuy8N8moIc1mJEycThuRS8chSpq2K00ot7eOejufPbU9CldH/M8VOGN2ISSaIcxnRNeNrzfBAy2ydnFx4lPWiyUkUew9Ed5yBQ5adm3LETNwSPowYD6XzyI3Yo+4Pe315RTIw6t0rnCO02OSr82hEafg5Ccft/R+gf/gsLWGZu")

# %% tags=["exercise:conv2_params"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("conv2_params", digits=0, unit="parameters",
        variants="cnnlab-variants/1:eNrtmdmuq0iWhl9l61xViVQbCIIhpVQLm8HYxma0gVRdBBBMZp7tUj9HPUrfd71Yc06m+hx1prq6Oq9amXtLvghwxFqw1hf/H/7xr59KFOLy0/efnrivcTn8QEP2u48hf+Mf4KfvttHXdi0kBYEXsBADKmEjDGmQhDGPYjaJIYMRt93Y9k3Vjtu9ToY/Bhw1dfxRohfuP4YRRU8cfzT1xzY6Ux9/2pb4+Hm5jyb5gH//G/xo5u1Wgf3I63YaP6IM1Z8vf/fRojjevjw0H2OGxo98HD4SjMapxx8VaofPs78+4Ocp4J+//8iaZRuuXx8lRn2NwhJvE/SowiPuh48/LThPs20GtAUX5mjAw58/4gYP27QfGZrxv26JZHn9OQ0ZRdnPQX4MLaq3L5XlLwP8/gN+/Me///SxXfx5gS3sctpyq/GXZf5lmxavbYlqNOZNvc0+YFTi+Psa2x4TOP783rnTbfYY+HBmOtfUtwTGeu8veBKvSwAsKNi3Xtvh3mD4RyMG0fy8C16hnB0PpVA00oscnEs5kat1qE1k+MZ7EqebsLSKdl3EhOqVMDRPmu2pdH3sDbAWLkFKr0xqBMW3RSsIcXK4uIWd8tb1mN/LAdrH1OtFPVXPPJP+8MOWQ5VvT/uJh0/f//jjJ45LyBiFNCmAcHtFOMIRI1AsD2iKYSMgbPf/nKX5vAF5ejzksVP93bHxDsE53nFm21QSAU7JDssszRHZqzZDaoyisr/xd/kok+19Flh1Rheh6y/Q1+WRmmdGe5tP4nqKmRw6SAkS4tNfvvvxU8gxEYyBwPAxCHmWYYSQY5mEYyDHQiCgr+EgH4xcyDL9Wrbj2fTAeIpbxRuowY1NJYCRb6AjfGaEuWa3iXp19HDgZhz7fuRfudoO6RteRcJOTSa4pfVonqQHFdFZ41l1LKfnLNgpyjt8VOmNe19T4MwO4r2A9qv9qQrZZSoSXmxLSUvSOpJkdgn9H76kACDP4DCkIY8BChkkQF4ISRbihEIkCfHXFESCZorab1hnlyNuLJ+JVKf3zF78ZF+B3YOmD2vAvNKM5Wu7GHZ6e6m2+rZ2W2RsywSVOXDl7mIJ8JLChOGqMRrf1v2cim+Zo5riWRYFGQysKCpIf5zZ+aUv0th6xvEgceSIw1ZQxMuVKmy5SAKj2e7XiJlNqbewvG9VsM+IgxYNOcuVU1HOwrl6P29uvJUcp1MLv6X7l3/77n9CD/gv9KBkg85WYTwVgTABMU4SimJjVmBjBkAk/Db0gL//Dfz/RQ/4TB3wf0OPb4Imbq/TzaplC7yGW0zeg32ES421zp0VeExpFn3I37NlQjZz73hL0Ef/bTH9NSWr4uZy89JHz1o4F6fm6ui+6ZJ7RzlduhgTnrOLrE6I4tEjvcH29fIE6kiu99dU5msYhmVzOLHzZOPkCKNjXr93giyyWhLNxlFRo3OVGgdYmb/EDokAR9MMpEgOkDyNSR5gniJ5TiCFrTTor02y7Kb35SSd0PM9upXcztfVpR7Ncz2N7UHLSWwcr7nR5XoPXF/mB98l3hOAHW84MCwf6kLe+zG55QKaR3JJOt869a/sEgQFQfVdcPmpZ6kkYWEUcRgmIRuyPAlDkmMEjuUghUP2aziB1t1y0i6I3ufi6HqxQ38y9j2vr61mmtZ0Vq3juUv73ZmQ9nmVu6ZkCaHZEtd7CP2Cf2djI6ryYqCsrKMpXTEFnIYEVXrZkcMSj3w1V0NspBOvrtwtFSwvcNwryZZzqymnG113gJaEUKTiC3QvgY+jP7DzBTsUzf9S8cSQo+AGgCiGbIJDKhbCKIrIbSvZ4MOR/yR2tiX+UDyfS6hQ77Qe9MB/vKknXeku6tXHKe2k7o6ldT6QrWPk15ezuj15FyvfbAbGuVslcStejXhW+gtwjKEc/TnNYsI9YenSy8Z5VHIu6fcX73TpV82EPuh4IhT6YXzjlrGkvKPjIJmOL7ZVyVFUtnd7xEDS172t3tGhb9eqZ5jHjWE9j9FZofzv2EGIwlyUgAQCkqEwi3CIAaSAQNLMVhzfYOemcHFZnHrAvrBqDjt76yXpdueyB5IzO3u4RJSusiZJBAphtp7y7CDDvjoz8i5BN0p7ciaDkuj5cHfW4s6eda9exhuogqUor3HZf+nZhOISnocxDFnIsBv3mO2fTahtMA4x/kZ8tZnUjvpes5fH/nbQiB3PkSLxQge92POjQLXReLbb4clQK0jQOZpstJYPji3uGcJUNfJRqePzW0TreEYe0K8zxR4VYxNtWGPZ4XVv4j1zhGhozPjEe52aheBocYzuKiqDSWu1AnBNrot3N31ZnZPmrf2EHcgKICFJigEYxRGXJBt7yK3rMC2QCaK/IecpMbVLLt8X6cnAexrGY1Qy4E7Mp6eEFjII3l1gvGu7FOAdvaa3csiOiRls6o2yaa6NYv99OkQAuGWFxpY4ji13fMZ22S7q0stha1/90AWy7JAgGqEmDF7EXpOHbqyNsddSYm2Z0GkkinzS98gPk+4hsTFu057Z3evhLsNalcSqBTQ3FsqLLPJKi3fZ9K6490uj/hfY+ap2ojiMeEaIIyqK6Y3CDI6STcnSMIwTjo3hb8PO71jtaPlDqhKXNW+2yXVT5+YRvp7Bg1sTVxKNvqJmzrT3fB6TXHg4R1koypa5e0Yy8NX7+x1QZ1MPLwsYvGbbgOTTkXoGVATJJqQ8SluY/dsAUidTUVLG9TJEeHcycG/u8YXV9TANRqYsqfLIGAV95OMDTrf9P3UKwGBYHOMKXJ3nr6idEDFRyJKQYRDk+JDDgOJxEtP8ZwrxDP+1Say35BIWbe9eeX0/J7LlmA4Ikl4p1smN9qJBXVUmW/DlGjy6lS4KlQm9qAB0QRyGXIbjmz7dnvPl2lPzpL2jt6JfdvPRHa8xQx9D9aeeTWiajxEDWY5iMYYcyWMeklEYb2yMePJrOMTwupUX43qIIum92/eJ/0oLYsV+FPD6repo26v8d+dm2RmOyE9qVd3flFaOL87K74bsyGA+cve3RMmnhBW624l/HDlxoFI1v0q0IGpksKDsdFtOehkEk8pdG+wFL7TUSaNMuM2u4z6In4b6UDyTj4tJ/gM7X7ADeOYXaieKqQSRbEhhKvxs5xNu81scYhOShgmPqX8SO9sSf6idzyUkNXwwVYbYIiJ6XefYfth4zd4n9cyldYZYzM3EkaW0qzcJ4FnKDSEwNWAjYc1JK0BsGRP4UBJ6TTus6j8CxyQXmqEIV0/PvIHMElP+4y4fWqbNE24ppoob9GFwTgb5Nu75XjGnhzJepvSVsXKcTc+FPzD6gb3sk2VTDXwkWtPz2XbOr5zvxBxkYgFtdREnaNM7HAw5AbAkAxCimeQb9DxXqbSKvsvujI6Uwz0Yb0J4URWQvoeiPq52H+xfVNizDTvNhyjMfBE6xfoUC++V6EUPA0oKZ9vXoAVRf1UTXUiXFy1R3uF8fDzAl76NcUSyDJ+wHI9jAKNkAzWTwM1KJtRnR/g1nLg58GucTxlMpt3W/b0zO2tU3FuTJhpoHqVGLAThThqBlUjP7cEFpesOw43kTwF6vhy+830VCjgL14NBHDPCf+zAob+RDyJ4uxwvMGfOoduSRcddJdOK0RwuOzSzEFmpM/a8Z4nsuxPASYl9e8cxJWX+bLRCCJntGcbC1lMkRjy5MQhiftvmmQ2o8dcUwuoN5gSlpERQcC75Xgxv4cgHuWPfzB1J+xXv9eqoGKeEQI45647UC+o6L1E7R/GR29fxi3/w8zHL5I4ODr0VXKirgKdwjiS4hrUYevF05T2DCU/tNgkwxXN9miKkB5Vyv5fDiqptY1DvbsZKjU0QCXF3TbFqjupTSNoxoPYrPT4A8dwEYCoaB9yoTySZsUfa3vCP0fPN+Q7Ds1DgN/dObxXHUpuLFwRh4xHexkOe/W3o+f0qnqdi5WWR0VG6UCyb6MyQaqotcuhmDfuqWS+62rn9je88neIe2kiG1zfoYpaJDBaPL6Rad+ONjcEKT9Za0aVRTATOHnTt7t+d3VVpfhWu6DLKXQ2TJ58+oov2mOXJhEfjdTicyrTeOWMJacHz1cQcWRGwI/KiF+jlRiLSpy/Nza9gh2EEatuf2a0hAMWFm8IIBcglCMMEbdrnG4khFCe9d11BTnPoz6sT2k8dHB9K9uTc0paM8QVuQNMouM7uMIfI1mdJvXH1BR0OQ4h7MB3uiKAkMDVBzPTVc7dwMKHWip+MwB2dn+RCjGGEt3ggsxl/xHObNIdJGDMhiDZpDr+GUz67SudGcacYw3A91YaU84AaZVn0h7BihO46doGn3yKO1JLjbX2k/euVmK1A60dh04JrW3Nu2/Ca+DR3+6y5F8LY7FqoKmQ4cEXLZwFgLo6+lEchs2+HIeobPSjfs5GNNNrk7Lg50s3+uuhsnw83173qf2DnJ6Ml0L9QPAmNIOJihiO3d0lv7OYYKt58NBeG257HgH/WaAn0H4rncwldDbQ3Oj1rWBovzwOhS3uQ1zFepvGSVY++d2NUsUsJHP/Nn6O7eF4WNlJwu1iOWqnXrcwvICp7GFaEdm/31HCx4oHv+pu006zjmdTxKVFpsbNJ59DQaGlygW5fgrc3D5dGta/yYj6sXj249tM+xQGb1udxeNDZzqd9bOPzUb4USjygX0HP5rfDePtD276TJHCTFwIPEeZJOtqcF/mNNaih81oDV5qwR57TaZ6W8DnslKm83dDjdeylqThPNCdhTUDd/vjUch8zz4DtXvQ09ofk4gXY7ZSd4ouVRY51wNWx2jPB/Ugf0KmcvvQtCeMQJZDlv5w5hTzD0dwm2jYPyGyc+vbIqZRgRYKOUNer769CTXTTXhiKQ7t5vygHSnnpbkyHkvBtqoE02u6Bb4rWOR4cgthMSSm9iISaoiKv98BNZo2j7/vRdPITGGilV0MH8makHU6N6cFH0VyO3WTdBMiPoBl7dSnnOg9iTt8oF96LmtCCNP0JPTG3qdVNqCVCyEKw8ZMmKfD5F+SN6wiQ3NcUGKfWB7KfxvOT1dVxiRLysTSaJh4bERmGrsWuRFMEE82cQyrnMmlf2t5t1qVXHOoZm1Ni0z0h76j1wO6v/iEas7zySmAH9zPLoaO1O5PBU70N5IweKne4HLfOt6w+XyaebO/VnRJzjBdlB4aInfYlrG7jbliV/LV27H107Jm6VX5V28Ou2elMK4irPb7qaJ8RCIriP0bPV8XDcTyJBDbi2YiJQYIiyOLNjoYCJtEmt/FvQ8/vV/GMmDYpL7yhYlh8Z6f1095pAslFYmwQaZDTpXsQFS/ixv1wvtXOvWgcP6y7rhElqRoOTzkWK7HVRKR7wNpXzjBbhKeCI4yaqmFFQkuddjhH2k0z7HNJNQMMapOM75cNBYBK14E6j00TECsauZfzkvZ6LopT6TT6vDbeykXdUP7KGU/CsTj6bLUx3j4ojACdoM15gc3aRFz4jcS4x1OXnwP+4N+440v31TiNcuRhhQjL6mbaWZxMe+lkSyT0JFJmjNwzo6BarpI8RKaFB47VnWunxHoEvNUDxcUsCK+pm4vPVJKRf+nZrQxZHFKAxzSDkk2T82REhZsgo1CMQPyNXPARJVov8i6pINgdmmNhRyoJT5r/cDxTfb5huidkXaj1WhSfV8UUYB1eRe2R8FRp2gKY2Qocj+xmvIJnkkli6oXXZPaVSyVbWkc7hMLEeZBOxY5tO41t1Pb4fq/O5u2c66jj6XywgsyoglT1l3Y/uPun+3vEzl/+E7YZxPg=")

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
