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
lesson = cnnlab.start_lesson("07_batch_norm", lang="en")

# %% [markdown]
# # Lesson 07 · Batch normalization
#
# A batch-normalization layer (BN) takes the values of one channel across a whole batch,
# shifts them to mean 0 and scales them to variance 1, then applies a learned scale $\gamma$
# and shift $\beta$. It is one line of algebra, but the details — which axes, which
# variance, which "momentum", training mode versus evaluation mode — are where code goes
# wrong. This lesson builds BN from scratch, matches `nn.BatchNorm2d` number for number,
# trains the same network with and without it, and then weighs the explanations of *why*
# it helps against the evidence.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import copy
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, vary
from cnnlab.models import lenet_modern
from cnnlab.ops import batch_norm

# %% [markdown]
# ## 1 · The formula, and two details the short form leaves out
#
# Batch normalization is often written as
#
# $$x_{i+1} = \gamma\,\frac{x_i - \mu}{\sigma} + \beta ,$$
#
# with $\mu$ and $\sigma^2$ the mean and variance over the batch and $\gamma$, $\beta$ learned.
# That is the idea. What every implementation actually computes is
#
# $$\hat x = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \varepsilon}}, \qquad y = \gamma\,\hat x + \beta ,$$
#
# with two details the short form leaves out:
#
# 1. **$\varepsilon$**, a small constant (PyTorch: `eps`, printed below), so that a channel
#    whose values are all equal gives 0 instead of $0/0$.
# 2. **Which values share one $\mu_B$ and $\sigma_B^2$.** After a fully connected layer, each
#    feature is normalized over the $N$ examples of the batch. After a convolutional layer,
#    each **channel** is normalized over the batch *and* all positions, i.e. over the axes
#    $(N, H, W)$: $m = N \cdot H \cdot W$ values share one mean and one variance, and each
#    channel has one $\gamma$ and one $\beta$. The reason: a channel is one kernel applied
#    everywhere, so all its positions should be treated alike.
#
# Here is a batch of 2 images with 3 channels of 2×2; we give the channels very different
# scales and offsets and normalize them by hand.

# %%
torch.manual_seed(0)
scale = torch.tensor([1.0, 5.0, 0.1]).reshape(1, 3, 1, 1)     # (1, C, 1, 1)
offset = torch.tensor([0.0, 10.0, -3.0]).reshape(1, 3, 1, 1)
X = torch.randn(2, 3, 2, 2) * scale + offset                  # (N, C, H, W) = (2, 3, 2, 2)
eps = 1e-5

mean = X.mean(dim=(0, 2, 3))                   # (C,): one mean per channel, over N, H, W
var = X.var(dim=(0, 2, 3), unbiased=False)     # (C,): biased variance (divides by m)
X_hat = (X - mean.reshape(1, 3, 1, 1)) / torch.sqrt(var.reshape(1, 3, 1, 1) + eps)

print("values per channel m = N·H·W =", X.shape[0] * X.shape[2] * X.shape[3])
print("batch mean per channel:    ", [round(v, 3) for v in mean.tolist()])
print("batch variance per channel:", [round(v, 3) for v in var.tolist()])
print("after: mean per channel    ", [round(v, 3) + 0.0 for v in X_hat.mean(dim=(0, 2, 3)).tolist()])
print("after: variance per channel", [round(v, 3) for v in X_hat.var(dim=(0, 2, 3), unbiased=False).tolist()])
print("same as F.batch_norm(training=True):",
      torch.allclose(X_hat, F.batch_norm(X, None, None, training=True, eps=eps), atol=1e-6))

# %% [markdown]
# Three channels on wildly different scales come out with mean 0 and variance 1 each (the
# variance is a hair under 1 because of $\varepsilon$). PyTorch's default $\varepsilon$:

# %%
print("nn.BatchNorm2d default eps:", nn.BatchNorm2d(3).eps)

# %% [markdown]
# ### Why $\varepsilon$ is not optional
#
# The short form divides by $\sigma$. Take a channel in which every value is the same — a dead
# ReLU channel is all zeros, for instance. Then $\sigma = 0$:

# %%
constant = torch.full((4, 1, 2, 2), 3.0)       # (N, C, H, W): one channel, every value 3
mu, sigma2 = constant.mean(), constant.var(unbiased=False)
print("σ² =", sigma2.item())
print("(x − μ) / σ          :", ((constant - mu) / sigma2.sqrt()).flatten()[:4].tolist())
print("(x − μ) / √(σ² + ε)  :", ((constant - mu) / (sigma2 + eps).sqrt()).flatten()[:4].tolist())

# %% [markdown]
# Without $\varepsilon$ the division is $0/0$ and a single `nan` would spread through the
# whole network in the next step.
#
# ### "Pulled back to N(0, 1)" — normalized is not normal
#
# It is often said that the normalization pulls the data back to the standard normal
# distribution $N(0, 1)$. Precisely: it sets the **mean to 0 and the variance to 1**. It is an affine map
# per channel, so it cannot change the *shape* of the distribution. ReLU outputs, for
# example, are skewed, with a spike at zero; after normalization they are just as skewed.
# Skewness (the mean of the cubed standardized values) is 0 for a normal distribution:

# %%
def skewness(t):
    """Mean of ((t − mean) / std)³ over all values: 0 for any symmetric distribution."""
    z = (t - t.mean()) / t.std(unbiased=False)
    return (z ** 3).mean().item()


torch.manual_seed(1)
relu_out = torch.relu(torch.randn(256, 1, 8, 8) + 0.5)          # (N, 1, H, W), like conv → ReLU
normalized = F.batch_norm(relu_out, None, None, training=True)
for name, t in [("ReLU output", relu_out), ("after BN", normalized)]:
    print(f"{name:12s} mean {round(t.mean().item(), 3) + 0.0:6.3f}   std {t.std(unbiased=False).item():.3f}"
          f"   skewness {skewness(t):.3f}   share at its minimum {(t == t.min()).float().mean().item():.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3), constrained_layout=True)
axes[0].hist(relu_out.flatten().numpy(), bins=60, color="tab:gray")
axes[0].set_title("ReLU output of one channel")
axes[1].hist(normalized.flatten().numpy(), bins=60, color="tab:blue")
xs = np.linspace(-3, 4, 200)
bin_width = np.ptp(normalized.numpy()) / 60
axes[1].plot(xs, normalized.numel() * bin_width * np.exp(-xs ** 2 / 2) / math.sqrt(2 * math.pi),
             color="tab:red", label="N(0, 1), for comparison")
axes[1].set_title("after BN: mean 0, variance 1, still skewed")
axes[1].legend(fontsize=9)
for ax in axes:
    ax.set_xlabel("value"); ax.set_ylabel("count")
plt.show()

# %% [markdown]
# ## 2 · BatchNorm2d from scratch, matched with PyTorch
#
# The library's reference implementation is in NumPy and follows PyTorch's conventions. Read
# it: the training branch uses the batch's statistics and updates the running ones; the
# evaluation branch uses the running ones.

# %%
cnnlab.show_source(batch_norm)

# %% [markdown]
# Note the two different variances in the training branch: the output is normalized with the
# **biased** variance (divide by $m$), but the running estimate is updated with the
# **unbiased** one (divide by $m - 1$, i.e. multiply by $m/(m-1)$). Let us run one training
# step of `nn.BatchNorm2d` and of `batch_norm` side by side on the batch `X` from section 1,
# with non-trivial $\gamma$ and $\beta$.

# %%
bn = nn.BatchNorm2d(3)                          # γ = 1, β = 0, running_mean = 0, running_var = 1
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.0, 2.0, 0.5]))     # γ
    bn.bias.copy_(torch.tensor([0.0, -1.0, 3.0]))      # β
print("momentum:", bn.momentum, "  eps:", bn.eps)
print("running_mean before:", bn.running_mean.tolist(), "  running_var before:", bn.running_var.tolist())

bn.train()                                              # training mode: batch statistics
out_torch = bn(X)

X_np = X.double().numpy()
running_mean, running_var = np.zeros(3), np.ones(3)     # the same starting values
gamma, beta = bn.weight.detach().double().numpy(), bn.bias.detach().double().numpy()
out_ours = batch_norm(X_np, running_mean, running_var, gamma, beta, training=True)

print("outputs match:     ", np.allclose(out_ours, out_torch.detach().numpy(), atol=1e-5))
print("running_mean match:", np.allclose(running_mean, bn.running_mean.numpy(), atol=1e-6))
print("running_var match: ", np.allclose(running_var, bn.running_var.numpy(), atol=1e-5))

# %% [markdown]
# Where does the running variance come from? Take channel 1 (the one with scale 5): $m = 8$
# values, so the unbiased variance is the biased one times $8/7$, and the update mixes
# 90 % of the old value 1 with 10 % of it.

# %%
m = X.shape[0] * X.shape[2] * X.shape[3]
c = 1
biased = X[:, c].var(unbiased=False).item()
unbiased = X[:, c].var(unbiased=True).item()
print(f"m = {m}, factor m/(m−1) = {m / (m - 1):.4f}")
print(f"biased variance (used to normalize):   {biased:.4f}")
print(f"unbiased variance = biased · {m}/{m - 1}:     {biased * m / (m - 1):.4f}  (torch: {unbiased:.4f})")
print(f"running_var = 0.9 · 1 + 0.1 · {unbiased:.4f} = {0.9 * 1 + 0.1 * unbiased:.4f}")
print(f"nn.BatchNorm2d's running_var[{c}]:       {bn.running_var[c].item():.4f}")
print(f"(with the biased variance it would be  {0.9 * 1 + 0.1 * biased:.4f})")

# %% [markdown]
# ### Evaluation mode
#
# After `bn.eval()`, the layer no longer looks at the batch: it normalizes with
# `running_mean` and `running_var`, and it no longer updates them. Our function does the
# same with `training=False`. Because the running statistics have seen only one batch so
# far, they are still close to their starting values 0 and 1, and the "normalized" output is
# far from mean 0:

# %%
bn.eval()
out_eval_torch = bn(X)
out_eval_ours = batch_norm(X_np, running_mean, running_var, gamma, beta, training=False)
print("evaluation outputs match:", np.allclose(out_eval_ours, out_eval_torch.detach().numpy(), atol=1e-5))
print("running statistics unchanged by eval:", np.allclose(running_mean, bn.running_mean.numpy(), atol=1e-6))
print("eval-mode output, mean per channel:", [round(v, 2) for v in out_eval_torch.mean(dim=(0, 2, 3)).tolist()])

# %% [markdown]
# ### Exercise 1 · Training-mode batch norm (3 points)
#
# Complete `batch_norm_train(X, gamma, beta, eps)`: `X` is a tensor of shape (N, C, H, W),
# `gamma` and `beta` tensors of shape (C,). Return $\gamma\,\hat x + \beta$ with the batch's
# per-channel mean and **biased** variance, exactly as `F.batch_norm(..., training=True)`.
# Watch the shapes: reshape the statistics to (1, C, 1, 1) so that they broadcast.

# %% tags=["exercise:batch_norm_train"]
def batch_norm_train(X, gamma, beta, eps=1e-5):
    """Training-mode batch norm of X (N, C, H, W) with per-channel gamma, beta (C,)."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:batch_norm_train"]
_four = torch.tensor([1.0, 3.0, 5.0, 7.0]).reshape(2, 1, 1, 2)    # one channel: mean 4, variance 5
_ = check_function("batch_norm_train", batch_norm_train, [
    ((_four, torch.ones(1), torch.zeros(1), 0.0), torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
    ((_four, torch.tensor([2.0]), torch.tensor([10.0]), 0.0),
     10 + 2 * torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
])


# %% [markdown]
# ## 3 · Running statistics and the two meanings of "momentum"
#
# During training, BN keeps an exponential moving average of the batch statistics, to be
# used at evaluation time. **PyTorch** writes the update as
#
# $$\text{running} \leftarrow (1 - \text{momentum})\cdot\text{running} + \text{momentum}\cdot\text{batch statistic},
# \qquad \text{momentum} = 0.1 \text{ by default},$$
#
# so momentum is the weight of the **new** value. The Chinese edition of *Dive into Deep
# Learning* (动手学深度学习) writes its own `batch_norm` the other way round,
# `moving_mean = momentum * moving_mean + (1.0 - momentum) * mean` with `momentum=0.9`,
# where momentum is the weight of the **old** value (Keras uses this convention too, with a
# default of 0.99). The English edition (d2l.ai) switched to PyTorch's convention,
# `(1.0 - momentum) * moving_mean + momentum * mean` with `momentum=0.1`. Both describe the
# same average: PyTorch's 0.1 *is* d2l-zh's 0.9.

# %%
def pytorch_update(running, batch_stat, momentum):
    """nn.BatchNorm2d: momentum is the weight of the new batch statistic (default 0.1)."""
    return (1 - momentum) * running + momentum * batch_stat


def d2l_zh_update(running, batch_stat, momentum):
    """d2l-zh's batch_norm: momentum is the weight of the old running value (they use 0.9)."""
    return momentum * running + (1 - momentum) * batch_stat


print(f"PyTorch convention, momentum 0.1: {pytorch_update(0.0, 10.0, 0.1):.4f}")
print(f"d2l-zh convention,  momentum 0.9: {d2l_zh_update(0.0, 10.0, 0.9):.4f}")
print(f"PyTorch convention, momentum 0.9: {pytorch_update(0.0, 10.0, 0.9):.4f}", "← d2l-zh's number in PyTorch: wrong")

# %% [markdown]
# Copying d2l-zh's `0.9` into `nn.BatchNorm2d(momentum=0.9)` does not raise an error; it
# silently makes the running statistics follow the *last batch* almost entirely. Let us feed
# the same stream of 60 small, noisy batches (true channel mean 5) to three layers: PyTorch with
# its default, PyTorch with d2l's number, and d2l-zh's own formula with 0.9.

# %%
torch.manual_seed(2)
stream = [torch.randn(2, 1, 2, 2) * 2 + 5 for _ in range(60)]   # 60 batches (N, C, H, W), mean 5
bn_default = nn.BatchNorm2d(1)                  # momentum 0.1
bn_wrong = nn.BatchNorm2d(1, momentum=0.9)      # d2l-zh's number, PyTorch's meaning
d2l_running = torch.zeros(1)
history = {"batch": [], "default": [], "wrong": [], "d2l": []}
for batch in stream:
    bn_default(batch); bn_wrong(batch)          # training mode: updates the running stats
    d2l_running = d2l_zh_update(d2l_running, batch.mean(), 0.9)
    history["batch"].append(batch.mean().item())
    history["default"].append(bn_default.running_mean.item())
    history["wrong"].append(bn_wrong.running_mean.item())
    history["d2l"].append(d2l_running.item())

print("PyTorch 0.1 equals d2l-zh 0.9 at every step:",
      np.allclose(history["default"], history["d2l"], atol=1e-5))
tail = slice(30, 60)
for key, name in (("batch", "batch means       "), ("default", "momentum=0.1      "), ("wrong", "momentum=0.9 (bad)")):
    print(f"{name} last 30 steps: mean {np.mean(history[key][tail]):.2f}, std {np.std(history[key][tail]):.2f}")

# %%
fig, ax = plt.subplots(figsize=(8, 3.5), constrained_layout=True)
steps = range(1, len(stream) + 1)
ax.plot(steps, history["batch"], "o", color="tab:gray", ms=4, label="mean of each batch")
ax.plot(steps, history["default"], color="tab:blue", lw=2.5, label="nn.BatchNorm2d(momentum=0.1)")
ax.plot(steps, history["d2l"], "--", color="tab:orange", lw=1.5, label="d2l-zh formula, momentum 0.9")
ax.plot(steps, history["wrong"], color="tab:red", lw=1, label="nn.BatchNorm2d(momentum=0.9): wrong")
ax.axhline(5, color="black", lw=0.8, ls=":")
ax.set_xlabel("training step"); ax.set_ylabel("running_mean")
ax.set_title("Same average, two conventions; the wrong momentum tracks single batches")
ax.legend(fontsize=9, loc="lower right")
plt.show()

# %% [markdown]
# The blue and orange curves coincide; the red one jumps with every batch, so the model
# would be evaluated with the statistics of whichever batch happened to come last. Note also
# how slowly the correct running mean starts: after $k$ steps the starting value 0 still has
# weight $0.9^k$:

# %%
for k in (10, 30, 60):
    print(f"weight of the initial value after {k:2d} steps: 0.9^{k} = {0.9 ** k:.3f}")

# %% [markdown]
# This matters for short training runs such as this lesson's quick mode: the evaluation-mode
# statistics lag behind the training-mode ones. (Two more differences between d2l's
# from-scratch layer and PyTorch's: both editions store the *biased* variance in
# `moving_var`, and PyTorch also offers `momentum=None`, a plain cumulative average.)
#
# ### Quick checks · one update by hand (1 point each)
#
# A BN layer in PyTorch with the default momentum has, for one channel, `running_mean = 40`
# and `running_var = 1`. In training mode it sees a batch in which this channel holds the
# four values 50, 70, 90, 110 (say N = 4 images of 1×1).

# %% tags=["exercise:running_mean_step"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("running_mean_step", digits=1, tolerance=0,
        variants="cnnlab-variants/1:eNrtetnK9FiW3at85I27UdGap4LCaAhNoVkKTUVhNA+heVYY3/vaL+N7P4qfxPqzs8nsqjSZ0BeZNAkSHIkToa2ts9dea0l//e/ftXGSt9/9+buhzf6CQX/6SuI1rf7yT/g9JO+dvncYhv75uz99986ve16MphmU5jlC5ShOYXgcozSaFiiaEGRCkfE9cZyHblzvuX4Vr1/18jVvfV/35X/r8rj/ios1n7/W6j6/rPn4p6+6+KrXryNevjDoK8mLYc6/4j771ylpFfd93n4NxX2c/2t0X9Ud7PL98R63W758/V20//UOoqr7byGYlzvMafVflq9u6PJ+3bov6F/gb0F9+/mR12W1/tuf6w//hwt8C/TPX/8Ef/3f//m/vs3/56//87+/7ot+Ad//+j74cd6/3BfLz7GN+3ith/6+5pLHbZ79OZy8s9mbyrT10Kirj+c4yStEgZw/FwetuqRYLWlHKBHvR1+30nfXLlEjsS6xUizll9BeekMcWTreozhKjZiEKdyj3NM8YukQ31/WXuzlHo/0xLCEUwILW84fWpHHevt4LB3NuvypppJ/yPsTmS6zkuTaTTU4zbpgQsVsvFxUWjm0Vp4FiBxWc8VBTsiKHjSVrpJaUXRk2m4p4UiCjcGpZx9GLgcRPrzUeSTJai3r8gNXyhU9KCQIeN/orL/85c5HVy9r/M6X7/78179+l8RkihFYguUJDBcxWmRkgaEJShUZTtE4cc//IWP5SByiMqaNmmp1vPqHPKjdaEzTBeiXgDbaPEzSE7mMdE73l53Xe7lCKvXmk4+cQSdIfFiRR7VHDqywASwTw3n+64S3IdZrjI+V6twiQzKa4CgMY7SqYbCjdl8ZQ5z0cGR5ULKQZRjt/hO0MlkXgNetD9fReK2pTWV6o1rOddEor/67x11I3zphkWuRQlMzjMjnST7n8bn4mzZZxykf6llwuzCxQfWwH4eAESMnDzatJQgEjPpz7PPyztbf/vTX70icJMg4Ie60wBSWpAUOUXkKozlJpBRd0D+miIVtPZpRbhU/4ow8andYPIHcGLNLvLBGq+dyxj1lXqttnCgrLOy6ztEaiGtKxvaDm+V8PuRHek3S/oGfRDNmwpF1bL900aecghPMBU8l6DhyXcQ1sAaAh1FPFIBC6rNBhQZOFodAEp1DvFpKNIUrxE3usHUL1lG7kzbpZ+ZoZNnZrtBGgovOfoSOPAwpOiczdV6w+wGN4XY20W6CSyK7nomvdLIq/pV9Wzx/+9v/+NP/F5Xge4jc+7dT+E9ACYbzHM9jFKLQe4gSOIHmCYLl90bHFJL8JqD074P9fWBSimWvN/Pc+TQOV4BVnghjz1guC3uEXkuyK7rmnHxHbMwZlesrdzKgMR7I/Yg/1W6A9Pv9YITDwwFYb1D/OaqetHSwa7nCKaIBkcbqID3QKoYBXgScYlLG3tGIy04dyHgVnRbIuBmg07lPirxABZaZjntu+BmJ+IvtBINDuQDIbYa7gBHYjpF1hIUT5VJMirpRIwhlblTzBvWzv5WNtUvCpvmBefjrYj8h/mXXV6qsKMltn/wya4nWPI3/ezyi8oREEZqESeJuYjkc5wmExwmKIjmFUPRPis3ks9l2vQlaTAR8dEZdar35MnvCoCuWPXmJ3rujRN094ZUz4DMdejHvgvTdMoipmQMe7+uIXRyKKZ7v+9K4yJ6gJSs4xhfFka+dhao5XaKATTPirDtosJqwdpMPVAKQ1bS8sHi1huJ1WfLEm9zaHCNp+iptrORi6oXaUudFSVNL1GhcdB2F+ZQtvhySIFKSJpyf7uogbaLZnHdQ9ah+jIGyLz20SLuRHOdUJTC60CDHmfMJwZxnudYPeERkaAYhFBbjKITg+V1c0N3lcyxBc7pIoOzHFEGyaVBGoMtWPSP5GD5weV51KAaMTCd6gQrI41kZtuldQFLVJcaSZz3nK5Cm25hZAB0LHnlmdn+aRlu42etCmUNYjDeIj++8MJSTjlgbBQ4aJLqZ1JHsZYq1jMAnEPBjbyAVkFiWZYdP83pwnJsh+Hk+lZcRznUMcw4ZvPsAjpCQzizSeRYsTCrQhwJpritbG6fzOvMk7Il6aiMuZ7YlUonFKwNcCWhX/i/iEXEPqX/jHehPACmH0YzC6QyHcRwlsSJBYjql8gyDC7JAqN8GkP4u2t8HIo1MMKT0GrzG6Zhoc00b8ZitWQRLwaLF5z57gYGLtnUtJXFpIwhUQRL0K/SJIMKoszXPPWGIJbryMYzdJ6+Ka7Otp7M9mui1LzbRd+4m+/LLJ7qqZUps4uUeXI2BMHhvVCJTONhza2i2v5aAhcPUTx31bAm32yO4BEg8egc1oeJT3z9obgpWdRLfSVodaQvWidaU78GMvGvI3soKKESBvy22JLPOzYCUnAeS6EDztcWvI3nd/MDbuuepLD/DknAsSzIaRYo8pyAsy1ACpbKioEiagDD8pywJeB2UED4zbBXicvpEaA9OTw8ntSetxjmTxWsMZqRHado7aO8C7rhZAzeFu5i8D0KFRGZDsN525WDrO9lZqkPaFXw8KgFfpccUDdtcBuKg8cz2uMQxhrdE9RJ+k5eBPBjDwkD+IQU30te72n50PFbS52qpuiTtlDaq1MIRTfTcWlDWR/g9AoqkGdga4iSfpcPeQWzR9Sxduu5kZLQk9okcYKEItuO5zdyhRUjpmz4/hWq5KI+YMRWf+QGVciLL8iynUvh7JErRO0MYThVklmZFFiM/pqjz5D1ekF5pPkPSv2lfot+q00UCC9MNoAnNi8o6ML85grQIgu5KenmzRpBd46pVWfqm5On6WM3wKF1bekK0mk9Og0CdK9plxVwhE+RStfIVANoFPvBHq79JCb0+ytpliaE8e7xp7G17c4UEpGvaytwcHlo9frJqfR7jYYI76G0aRpkQ9QDB2i1JYqxP6JLpT5ClBlWLOuGe9biNjwffV8WMFEWQLnIl8dvxS6j0jXSgP+zET0AJywmYTmiYjpEcw3AayWEay2EEyjKMotDfRrr9+2B/H5g04SjQ2pnkNwKULvTspv38gOTMTfUPqTqMiyuGCxmR9SydnR1E5Bm+O0NkP08pmg/IAs6MqFjhkj6oOrmURxDWh0/2wI/L0JADurAOjQJ78CPNCJteeherKSUqx2h23FIKb4UEg9cJHrOpqBEchzitGqWvsrCOJeN7VugU03v26b6a5kH0VO5P52P0nydtJl0mixQM5TxXv0lyeAzqBHWhPvdxOhmwDO2J8LgX9WaDL+pdDyb30aIw/bAf3mORF5f+A1siMQTJ04wmKRrFIAwqkpxO4rsQC5jA8++p9Q9ZY4DSb6y9AyTSH2cffVSoa8xw/3mxi+nkwEvvI51tpw2mQ/8bR9RkKe29d5rv3U11tC4xzFYzJLBzqPEyG0mi+jVlqjJzl6dU6LQ0tQX6RFuhBNIetYaO9zeb71ZMO4V9OPlMKj77/FEYnnuhrr0ymvRwmQPKWmaH5ffaZOapOrX2QENvC2QISAQGBZ8oKrmZrBisFdbztE/LeCHu2Fcdvi0OdK7Egq5POcCF/jj7ZKrFuJrp+Zr34wdcusUtneIEkSRQcivaFIuznIhTIrk1HZri0I8pUpHMMIa89jkdK8VhnZ8db5Xli/TGvTwV8ROBcDYGbMluCab0pI8ky2fzKr88kgZNgCP2ayHt/EtH9gzDjLM+8u0qUiozCtl9PBqTrYG5ynf5Ifha7+uzM4SUIQHlNLRuZgsAoD8vGGkymaTMsT2cjxc8IDNSY8FFxHgOmMh31O5hmktkl22uS08WpzsYr5Yafcv21hLeqeJDQsExsEK13gSfdPYPpOK78mdxCfkVnlKC0yQNIxSUEiREZURKEhlN3MhEQzmBQ/l/BJiQ/1SeUneaSO5HnxU7lXBzsFHNX32Q0tAA4ZNLNu7+ee1YSMb9Ny8lDYVFFczmwUG73SlFJ5vcwFQNeiiVoh8tkTAIdATdW0Im3Ds4m32YH1Ti+hRoS1WJoSuGKbmLyfxjGzBVO3yzvGfgjXyMCyAfXgjwmYac5YjDqkVPkoY/zPToTN+wKjGiZQLbHKWyeHYd12IdAaeZRwcEW/ujXsmGz3fdSOjcbxH1JOKm9QVzZhfbrDPgbEWyt+nSqpci/Bm2FCM3gc0h6ubZSU5CGZwT99KBaQpKUowmih9LrhbYNBXm85MTFFg+I2fMCvAURiFzRMJlEBTdnyqay4M/rrcS6QYukz8fBKKEFcQpgKJCdkU+oiNL/OMtrBZKgtmCvqYJtJRVd4NZmtHUhpjK63wToV6ZNfaDCxrvoJpu7mMbPvEOtmV3u9eDe89SaXRCbnZ17x+PEBJ9/kZfZB2mkZicYqTv26eZl4IyxnQ2EcIPvnNzuK2IZJE0r9zi0oqtxgl6cAEvf+bPu0Fr4EGgeASJ/KaqQf2Hp/QrPCXklz2lIk2/UXIULiA4RQscwxGaxqEsRTP6zh/5m4DS79FTcgau8pfFkNLcOZNGtowZMeWV2j2F5Z4KLJIZ8emiRQgcsHlC4LqJS2FL0z5cwwZMJdYQ9dImxpG3SQwA/FEUD683ta7j4iz8CFYaEhXqg4CvyxjuT3qlBjNS7gNmj6apC63SEchYfGK2nAgYl1Fmoz87Wp7j/MK6A86vzmbXnIUnEzF7o7yUYqF3lY7wXrgeh7WXb6nAPsC7HXcabu8CZryZ0LgZNOBEC19H6cj0y5QoUJSoV4DzpPn5ezwiCjiPswSmISLOExjHUpSKsRhDSJLMIPgn0oQsCPeTbz2sxARcBoktCreGDKM2xpJr93LUoN6XlAbnUuEKM0TQGlNwQwz6aYM3G8ANJvTdRGZC4OShh76wnBiVOiU5vo8vITPY2Db5wWtgsb246qwVcZj8UJUZLV1+hN2HeqMMhRMlRQydH3DCnf9cUT+55dZBL1XI9oRnG1bDEhpcLuUuTyQLUQoyBprBW1hirO9AhMOYa+4HJsCp46fHITk/xkdSiPsGmm+qLnwzXvnnO9ZjWT/+8JR+2VNCfo2nlNMEhRHE/fRwMqMLjIYgjLwpU5yjVIrAvwkg/T49JaxSMhNzhu3wCMQ5nBpfdXMPeEMMtWYG/bVFsElEWsU400Xy+0Wl4gMBCvAaKwmNc0PJRax8CviDj1xcgp9NaF0hZ8+X6Q4Cnr2XcueE5plDSFiJCxmVLsD5jyQ8goQd5B5NF2QOQtXpPSs4g7cLOlH3Ul+c6FHmwJLYJaxuieE1Gz6deMJdfu2LlQ4/AypfqUFGZ7IMDAA4ik8VcuTpy7L5tIEx8+iiF8JHqR5G2ar2hFDvan7lSpQe/8iSMByGyaKg8QSDcRiJCRwuqLy4STVZZDfb/rHkbKjuwbBVxglN1NyBulePU6WTlAncPOQZQOFGGzKbTuo3agXQiynaWZgnaN6dxGLQWPZaGSP5ifg4aiG9JEJeIqPEB170k1Ij4FrAyhCKukGvllAYcRDy1XFsUB4b2UI/CVXjSI64VDjVLW1mc52N1N6CWgkSwOAjulLUDBqw9Z586uR5fpqsxRYxrsmIuRuzmOVJMOhZ6NkTVr8tYFVCsVpHXAw8hRzrWLpikzY/URDUMSgLUhwcf3hKv+wpIb/sKd05wrAET5GYLCA0KaAkITE8i1OMzCkSTn8TUPo9ekrWMYeLBbKzwgNWnR4zqp1TKJuVzzy1tyOsngldWVrl1YoIR3XYBYo/dRP2hzHwRat03mMJljqhaCDbxQ2MuXbYPxf6xRWlhpdR4tXi7MQfIJc+NsMcrceDwdMcs/fnZhAx4olxVRZlGukqdS/PF0bkgIIiaWyVNmaLxAI3YWNjmD6xGeQ8cgiE3A/AGIdpmHgCesbcRl3LXXqYk08Pc7dnr0PpG2hEYIf0HUIdbQtl3LZIUn+WNb40Z0zHKKvTWPoP6o0gUwSic5LGsTjHs3uLCeqWJjlKZ1kc/8RTuoQZpTsCzItb6TxeY4jFmW96r1g4UnZMfSHT0QlvX+4UI7q8iYciQ+ha4U95oxG7G4LtERB0aeofhzpkkvbIFQv3nQNBBgIqV+Oi9EGB42x9k56eN/CQbISZZR57Amx6A7MCejmpCoPOYuTS+E5aFDtfDmQGUlPJ1v4oV40b5MfdiAc2q9sEfyGbR+2yVSGvUoOcBqfXI9ffjv7E7NZnZdGLZXbuRth66Hd3WVUsWUqJJabYtF2P+cNT+mVPifgVnlJGIQUK02hGYRhK3e0PTbIkydOERHIUJbD/CDAR/6k8pcdWPWbo0/Rb8HqCBjLFwhQto26/vUZuPI22CKMlOc92xfqRVg9iV4/Z+lA05GZox1Bi0DNGy8TyBJlpPmRRm3kf4X2ljjW6E3hA/eQ/h3wIsbvaEDqBiaO/WDe2p2lyFxye15zBnNSX0jYWG2S5OYpvvQPXIV7JRNdlOmchxnRjRtfw451BzOzUBZ0oXeG6r2Zm0dUj48kCNwY/ehqmltBGkukuMUHVfDGyMxXOZLGPBbRsk2fltGmT0D/HlpAbjSj4VvtJQcEIDsffXsTBEAlh37QL/mPJOYqNwC4YdBSz28chjombROonHGsoPFMRG6EsY4ftuUBSPmkMCPE93ro+pNdbQSPcTGCeHkU4ZGAaA0hwe7zTerJLhcZg9Gm+G6FuJRyfgk1t40tV3G0PluaJY9BuSUQGOJvxYKA+X6JWXFAOm5NooBF/iNU1fQJKRWx8TIJsqfSqBQqxhFPyWUdC6uqEOXhPLwLmBzEp+WusiRA6pz0vESivGLGeNuvsF5zV3bF5HUn20kmXrSyB+cNT+mVPifhlTykhixTOMIRKcphK85RMU/RGeohKvplKWPGbgNLv0VPKDaoFzufuSvtASPBuaFhPPs8TCmdvalSdQNEJBvDX3vN9MWpBl7yMjADLtuC6EHyn81bwFY6qJaKqM5tGMuGjHHp4gsf1Vi13W88dS7iN0CBKnoKVXTehwrCsSq6ta/pWuRpDkQ8tS5rE6S2OTGDFmLS7snqlHLpzsR95vBi0AvomqFaa81Lzbp5LYix189yhdneBJw9o4XnmWzq8Uv4IywYeEyyIFQuqksr16jKTlhH1DclqqAiDzX/4Tim7u1eB5HlxN/+soIoC/fYFCZXSKEThZP5jsZ2s2qRahOxEWg3Ks+QNYHR3orUrUxkvIVsfFD5tjesONjUSZznq8gwLyvXUDmVIzrETTuspycywIdwNs6n4jDmYDWMzgBD/kT9KMC2NosIGPFyYwGB7y4Q97V63NA6FoJY/alKIBf8WiL6SXOmq64SmBkeZ4ZYCdUn1QewpaNwn1uBjEp0imIFxxDWoKMbe/Ea/140sStulNRynkox4XjDmfWYD+Jpy6H3mqRZLHUUePatNW9354zulX+EpEb/CUyIpJKNhiEAhDM+pgvg2JPLk1nEFHBN5/psA0u/SU8JfVSvZhnI40ho8KxDu042MAVto3mTxksutf3GATvW4lckfwn6MJl41VzCDwKUa7AV25MN/exns54SQZgwabuHc2XxmygB8KuyqlSxdldEKu11IgX6AGmbWKoG1WI6nq9pqCG4VMfH0mBgFkDbGGXSdmafFfOYGyzNw1YYrPwJoA0ZboSGfoXJoWlKiDDFtAr1vRuOlS0xG9kEX2iL70eFP1smWvMJL4mXLk3xZQpozUzLbughe4WkIr5958waROQ3jeEJ+WzQJRBdpQhQZUpBZliFQCv9YcgGBP3PwNRySs6vVWu3h5dyt39KmiHUftE4uFyoVH782B1stuqreeMhgcos4oyCM9kXsT6aDeroOW9AgLcnibik2FHBGTRxqgn0NOytXGuNlpzM7PRmwjsppqaSqagfIbgua4NCWRFRWe3Gt28VaZ9Zhha8n/tldHiWMmlaN102LAJXexSyJWgc6qReLdbnMxWLEjX4Vwm88UlzFlbH7gT7FGK8AE2m0x0i6cDavc6jTIMREpXEk/h+e0q/wlIhf9pQQOC8SPEvxmExy8m5+N+eMYziJCyzLUpr4TUDp9+gplYlAxHRU3TDSEdHJtCMY6sJclfyhtx3KpFYIibCSrAbX15FaZw/CsLdl2NagH41bEcgWKY/MJTdPHRMcq7qZ/RmTu8liqc6dCWZo9oz4zdv99PUc+LUKVdyVMk8SIGUSMMcL8w715ZnKgt7SPaX4QylNnRsDu8Ic2XLLKDn3cztGz8NeBY3rD7mrSL4lu7OWbzKRGpfYq/G88REAQKSpj4ccaVVWQDX+Ej3lBgfxwLikEhy3Qha8cVnSLKLMN8i/xyW0yHGKvLsWdOskGMWLW/Xf/PqWcEkK4/FPDBN7OdtXjEUvmAx4ms1t3I20EcLCIkJbuW7tEoJVrq9SqEabVyLw8lqyfoqdjsfRTkya0T71SnF6jBt9XH0Ii67mBJFoG4rw8zpwxYRMko/zMPCdgXLsLgWAeKxTEc85Dg7O0SG3xqZg3q+zIhJthkAIt1eUD8ID3ufqP1ID2mkLnjXfYFheJ/AVicFL8pHX64WEQa/LAY27eRdGoVAB6YZoW6s/I76bo3n2jvekxGHwjKiLDSI0YzLrD0/pZzylv/0/taDXJg==")

# %% tags=["exercise:running_var_step"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("running_var_step", digits=1, tolerance=0.1,
        variants="cnnlab-variants/1:eNrlmsmu9Mid3V/lolZtUDDnSYBgcM7kTCZnQTA4z0NyTNLw3ms/op/E/Kpk19eqltRAL0qqxk0uMi8zGfEPxi/OOYw//o8fujjJux9+/8PYZX+Af/eVxGta/eFfcOh3X+R90PcBw9B/+eF3P7T5eZ8WwzgBQygeExAW40mcUlgMY1lG0AmZ4wV2nzjNYz+t97nMkH0dVbx+1cvXvA1DPZT/fY/nr7hY8/lrre6PlzWffvdVF1/1+nXEyxf8leTFOOdf8f3dH89Iq3gY8u5rLO73+U/t+6ru1i4/vt/jbsuXr79o73/7+pdxyL+yPK37uPvW+qoevjXJub/y56bcX53reEjzr23Jf/oxV2efzEvg//+/fv/jx8vWf7v88t7iOc/uX93reK3HYfnK6r3O7o+S86v/+j//639/3RWs8rv5/dcfvrD/el83/0xdPPx4+n35JY+7PPu98n4FlNTOnV61+vxC+yf79i8TwNba/FB79ZhBIftQz8X1AD59Bx4k+wFCOB02y6CmUxnhkjJdt9NWAGM1K9Wo+igpU0z1YBq8sVV2SxCH7cOaRsBkVTOCHabUsnX3PATchWHL76TX0jPAIV09avgvdOmeGaGPJm9Lk7JhIGWL8zPfH+YO+CmEPvBJs2Eug9+NyxDDG4CDnGA3glNsrOY1QG4U/TQS+piANrOz+ZBhw6dehEQ1xSvQHrr4brBamIzirdpG+ercbW9X3eG6yGb+cNepr5c1bvPlh9//8Y8/ICRExihKEBBBowQCZzEcFymOxxieQGRK3+f/uZKZT/k8saBcJfpU1uqie5FvfBGFtisCikN6TwUts479FhkarTveosDS1DyCIdAodpSe7oDIJtIPFpnUodtik0oLVybLhJsuDshdsccaMclK+Jhk9fGkiqoKLAMMpDiJnuFDKqu80NBtiWXIJp5++xG59Vkq6ebFeK107xzPRrcD3RUYukDqZQ4T1WMzu5fOe4614g1HejiTqv4HYO0DGhsh7HYiVKHKe5JV0mRIqFKU9cOffvfHH9AiTiAiTWOYzpOYhFCaouAULwoaSwschn8uS5JpTa0Ez2TPSWHUWH0b2lcnczIcbyJ5+llgp0a35yZc2aCdvqcw5ncfH03MvcacTpItEzCitnhHXWFxuithMK9VV3oohkjOblUCv6Zwj6GrRM/KDrxmJt/u0c3yi9JITuwHIaNIo6WRDfaGK6wlHU8r4+PSME+MVX562B9+7BIFJRCUoTiVE1RaJAlRpFiG5HRKp3mBx9DPXRKDD9GAVtLqlKxJQFU5o39w8nxeLRRvgHuZYhIRegSe2ybOI/UqFhYPMC3aPgPgPtiZpbuoHFEpNWiuPzqtVXaIeR4M47szbPV6LrzpFjZjnDbrwjCwQ5il+UQpo/V5p6s20jCvk2Y1SWVTZQdhBzZeM/uSVnFMhERcWsKkmsBOrP3NkqJCsyxicundzT/9z9/9NczCN66Q+8DuA/+OsjBWpGhCQVSG3pyFbuSmKIQUEHUPM0lCyK9E2X/d3H9wyJIoSGuvxsxAs34ZuQg6l+XXwPK8WDfnLozDjZz3uJm0gCc/O4lvO6q2HC3vLAAjvB30MoheBHlAfzXDbtZPxtAO/FxL94JftVHiWzGsJLXzH1jNmQQbVWlQ4KFa3y27CKOJGzDxJIMA4xb/TZx1wu6bjILcQcfICl1O/epCw5qEnsmA4/UKByG8WtqvI6q0O7aji08ZHI8y1qy8VkjSjK0W2nbW4EW0X2r/iGRTtSq7IQX7msSS2RXQRZkHASsRn5PF6em2XHkWnStxjpjjLyCbwRSO3n80ft9neAohWVEgCFIUOYLlWIr8PPUoY3tr/KO3ECYHReq+g/hRRGg4a2VW5xmaf9yzQCo3YjxFWFs+iS4Nd+1OKsDokX3KURowSb8YaT8YAt+HieraeTqR4goJ4Gx/HsOMPEKGBkZHZ6JKunh2fhjDu0X11OA5KzWvR0e0WRxdGYTXwM5zDwuC+ZqkcIKpoWxvmRNFWg/afRkoJMcFdQayNrso3uvSUrT7uoTthq16pGwyOSYogBI6mbTdZqOR1sSjR3jLAn4kUnzTCMPIPIuRBCVpjKApAo9jAoapnIax+OeykET9vtw9i4INJj9waNUpXoJQTRA0cqpNVD9s82wxcADQ57zMsHPYtQ8EB8qnbXAxD7wvi1NXa8wuXBUtIqaEifA1PWC1iZOGB7B5OafsVdXyTooUWjgcY+5dnSMhhJwi7R2Rh2F911x7j1OnpRcj3RNLn2hAa5S+HleE9hNkkYJEEQjDYTomMhiGCTIm4rSgcxgiyYTCfu4SP6MnKL8MZmbTOj0B2PSvtl4Ub+pRt9/Hek4EllzqCGb66VFUdceuUtjG+DUPRss3hL1e3NoitKvya/WCPySSNtoQoeSbIj+jTgcRMfVxu3dyxHQvlujuH9ixRJ33cw25hm7ZD6BuCIYS3L6I4DFKBYc7SGlaah74eZT5jwXojbcsx3ZGuUbVFhj8dyBL3LSi/p82RL+jLJIlMYHEGUyjWUETt7RFaeQe6rs0OEyk2a9E2b9o7z84ZjPfxI9VpNpz5eYKjrQxbooQyEeDD5OK95aK2HTOfuAcZCQaap8B+YxjZrh0bXzGWYg8MVYrmPY4tp2h3gpUEQ3+lCgtmUsHyk44YKjTWc6wnx1EpBlDMgA1PK2eOq+nB3/27uo2DcmffZ9AaNRLOmTDWsRogSTSASjhbjUwColKRd70qrXFOGG/PryvQ28b22vfTXb/kRe8C2cqpOMIzb7QVSOk2mbmqPWEfaFDoLd4DkfW7sQ7sUp750mWOR4yYeQ8meL19pWQB/M0Z48//AKzKE2geAonyL2iowVV0ChJIGRxm6hbySLpd5Nvysy+aV2LeKlFGtCV7Qw2mModwrzydy7iSeGooKxZz4xi28kNvKMpLg+hiZ2zBnHv2RWoAUL2Mj7POWRrD9/OSKTCt9jKqEo7aNogxo2bmMap05CdTGzZdAadQlqeSz5LLJyK6ROsByoD3K7SRgThAYAfEtuxHShFVEVP+UFICJviEwwZPDSoOVQyK/ZDQumDLVD7ibKNmlMaeOF0qAzHnn72q6FlhdRsn3jQtBXhzI9MyjIMubUsSt04yqAEIWAUx3EqRW4liN0l+rksT/hCq6KMo7J2nU402OckDQ8uvuaoMocCAkfI9HZ7oOkUueyGarLLjVUwxPSTpIphtw0PRmJ1TR4csqAznE45SsccwaDhadCe61tM3WVd9lbPfO7RBqR9oDnPD4dRMbfYRIk4krLp20MkiyVy8OThix9E3TyddJ7Ia7ve4U+YLfI4LpJv8qxIaRq5x5pKSOjuDYyT91KS/dylOMLR/TlkypG7lWe8djY3XTYbH2x126azzdy15/3wGircTDfBL5Inxxj+UeWwYwbBma3CYUy2evFWzZsv9kO3inUsl+1XhR7TyadTW2Xtcp6kXvX2efVKZXY+CNTw7RvL+e0bPaC4uu6BWl6phmaV3DI5Yx1UVVUT6+fCM8BSuop1o+tmPo+xAb2e2N/G7DdhiP75IL6jLI3lJEoiFIzfBYHwjMrg7H6DkTcdqeRXSwz+dXP/wSF7MAk48Gq7822HPU5USSFYElo3soJ0YYyTyWwbktfPU0z1IFTOpyqpEkC6RCfWveWm70TpPbOjDWiNM2+SKnEdM4wu6CvESgScJ4nCldLnGanknIYtYpCt3sKpv+RR249yeD1ebsLQj3iWA2iP08+wqPeEHfcSY1mTqdisyRoH3vlXSPs0EnhvvOXtOuHFC6PmNBIav6sX45YXAmDQKpiduQMrsr3Hj9dQH7wSbq3+apEPOum+474aR4O3yx3RPZbZ7ZcBAUElKURnBISk98SikiyFMDpHCCLFYhwtvqNHGReejUGfaxM+t7uXSNncByRuzSDDL+zMrVe7W9Urs5TjA8cr/H5opanJlQ4lqtEaKO7Aa7pUvK0eL01iHGZDSWMFSBtR9vUjmunhF77VuvYoE9yWvN/9633O7bpTUa/irbA2KlinGueSOfsUjI/E9BA24p63dtQa1hMjOy+rKEUOzvwSWCMfUVxwJRTuMZVoOyS6smQAkM71HmItxtML5lhC9MHUJGAh6Eii0b6LIm4/uWm6iKGciPEMJ1Iow2EYgWgaRinyljcUif9cFnjO30vrY0thPmMNf3QfCacGNoE4+TzR5VEoJVfwlQ7zpb9jmw8Ix7uOy2p6dk/PydVDRrRgGWSXDwcioeZsZHuqiR5aYnDbU7IE0gh98hbum37GwkBARYx+kh2xW8unJEUJT28IBbx78O/tVqPXp+xM2ZcisRTk4qRJikn/DFUEhWiqSIoshpKMTsh7rONbkmfpvXyQMfodVAEuJy/h0e8fDqlfOKd3hnqtaq4BPME+8JrbfYoC9lAA92ZDJg9MzDPCNmKDEPA2X3j/9E79jAYLET27tGppaBcEgtpHGaXorjYjR2ZlzlQfoSjJrh68+BHlg6CQi2Hj76eo2ZopMFi4i024XK64EWBDQ5vRzjYEx057lN367IPpWSB0/cHytRHDYvk3oQr9/SAWpXPqXm/wPIfypEBvY0TSZJ4XWAZD90xI/qNYhf5TJLFAvIF9d4LQWTXd5nEsyL3HAXnlJWEFRMa4dXKRr/lcofiz8LglmGje6sghelICBh3CKkrLvig0DyDhxeOpxWhySLM5mGutKFo+EO9Fw6znLRLq8vXAs+3jYAfL5S6r1nJSGuBpXQArbOuoCEGj+54UEqG2iaVDK9fbIE7MfZ4I8HgIJTlSeoBM9hA2snsQn/D9hkYx0UR1HBT0RJRYbJV+d0e5uuh1jfPnxwmOfBpMJ2y7omik0uFgt7WrICwFcRWAx231s6vl4cELyAjlsfUvQQuhaBKnKIwmCXaztYjT/LbGKUxByC3Ssu8ix0ERycY60hpUReNiQHNHaZ6hj8khu1LwXIpQLfJzyc+DfLnmZbVYET1PH7rJIINHIyqsJ5Xvj+k3T0Tbhnbbq4xxHr27HXZq0Y0SBb54a54VQm+7GfJk9hk3H+p92ArHNAEYbh1lDn6GpX9LO3o2T8cpzYHjnLdc6jT8kHNlRP146q/F+tTv2pB8V10fwTQBbyxm/QA/Bp/tV0h5pfxcZfviOdE+g6XKHg3i4lOi2Y6//EglmKISGkVoOs9vHRNnSJIgSEolOfZt/cG+o5KtZdhFRTywowwMJ2sY+wP0xra0xNe5QzoqZlcZWFIiGC1y9SYf3KVPQM4EeCvAi/cT490XTlyKa6HXnnVmUz74mtkPsFrqpSjBittE+7Zpsf3pBGvDfV1tjRZ+kMfj4JHRSMnb1YR6TJqUp2b3MkbruzU/C5XgT2x0jZb5jSaxrGHzpxDLKQZp4DOApL8N2r8WxUJIRsIJRaBJlhD3+KIIkWdITEBUnqDZj2vqr8LZf6osdtZo/+F/2nAaRrRLenGsEL9TMatXLBF9wit+kq2kS9FWpHkouLGZUoKZvcbkWLR1pKq4wYcpQHjP8/jATolbbBpmqBmAw7YIbkjoozLIFcpYo64rXD4tb/QpbcXJHDthvj07zwtTAE5UIT3bGo5K2Zh4y408l5Uqqqpp28GK67UCrfYYr6MUJybyU+I0ZOyDAUVtK8ZcNwJH5MvhLlfyqdVgYxXXfpMO9QylBr31s5ZMTxCFnq8nB2PkCyPszOweHHtqbw8pk9VW2cFPR9defoFZAqGSW6ChBZTjJJQUBAFlCYwXWH7PyOQ7zJrCZk928Sw1f+u8hEamtH033hpWXPtyL/Gsq+NR90hwkeTo07PKFk/LfacEeCk6tsSBVJ+GPmGgf4yQVCDZia4sT6duKMOgh3AaTagG81mjFi4+53J5mv6EhKulC4ZXXRFsTvvW5hVfZZCxz54BdZEAD02dPbNbkKxELGp5w62CLlhZgqL54wL6c32cpBACgCqrZ3m2ChBQZuTsAeBKRAl5g6nwG6YCi/tqhV7IylRCf2RSisEkEt++Po5hPM0RPMXy2zsm2G3s0TT+rizEbioNBxOL8q5B3ZeX3BaFjsUyHTXCMBXccDFLVBqxruGqKzZnSX5qvMwi77KdcqcS1m95kL4KnzIyg7fELKDq61RjNxHpOcDCFw2REtlH7JU3rTfQRRVxmE631I/2cH/snwYl4/lzSd4qDxD9Kc4MbfSBo8s8Gr1rD532N5rF5uCz41zq4FT3XrxKdP3bmP3rYSwdkySUFffik94yP7vNKZEUCQbhdELFCPxrcfafK40tqYsxkpNd6zeAzMzHhz/RJpgh7wnUJE4zlI5du7UQCL4PIdAzrN0w4XrH8zCZVGtcydu4LQoyP1/5rTM9CavuCUNI0eyJhfwx3VCJMJBOl4lxs2DY1PBlR4YyMyWX2caNVtbZiyANRoGC1LbgxMBF1IcblNL9x+cf3K9Xa1RJ5gP1ef/B0TVG1p1Xe8N1Beiii8rGn87rwvFPHSsgf7RjXuokFkk4LuzO8eboxlKbVFQEkKB8Yn8NASHJcLMgyKftWcXfD3CW99Mkqx5p0l+msWgWExRa5BCV5nCGFPGtMuKMhgq6wDMy/3n6WaaJoz1DqYzGqbS/kG3j+MyhVfJ6fDjgmQi6LXlUYB+BquE1o1jom/WOPvDbLUqvCciJQ08Cy4CZDqHEhw2VYtM/RKQCWk8kpgJ46jb0iSxVcQORo2x2OJd0Qt88o9kY1+Rc1vJp/0rGlHSjODMRmEL6t7mAs/LiDH4RaXDtGCqv2vcG7A96eqsXlVsD9Hlu2PrqPNxXJZ0yFr3D20KxiEMZ5N4lKdMPz6jaBp5EgjD8Sc/G98zDEwjFMpSCSZRI4wLDkzhBKQhOyO/0LCTlzjs3PImyVPWRjsdlVdlEnCTHbtN7lpUKlVDQNMOIGJO4mbOjYEJKR8c2gl6zdB49V7wr42FkmdAcDDX3EoLJNv2WX4JBKEs2PKvTjHt16eRHby2R9gEMoprFqx/hJsjVynjJqW/kHWfPa+COXPscawRkn/wg3pfZ3tRvNI39uB48r/zg0VAMvQer+dug/WtxbEoSJELjOIVDOI7kUJLDRHyLWQLOkgJCqV+Ls/9Ueexb+4TjA+uZ7iBs9sB2MFph7RVq/EFaYM+8ZhxQPMTaq0dfspfCGfrJyZs1tovHH5vhOfDEoSrxyQxdtiXsjKLCXv25GQylpcRiKZ+P5ETZtNiyYFdW2XNcBOLhSTF5pZEm5N02a+JNEp21FIufVbmDyMJ3Kt6Hg/zmFj/YU4VGcmpyVxd9HEthvrWg7XCHeJuraqIoHDcPqJd2+QHd0qx0HhgzJ+MgzXQ0OZOvQ7Lp1pN/bGQGdBLLG2aeNQXnL571y4dcBERDGJZDOJamZAzhBREnCErhWJJRt7L5LngcBhhZ6+0AHWNulHnOfAjslOo978TaSM4wy4NE0U92brEEJ0AG8SGeG+zCHg4Gpv28lfmZ2vbAZLLWyXZ2t09jHTLjQ5dWFpTN/jkFdqPDNlhLg8+rdFVemHc6XufihYZyBWQ8eURSqmoO4/dDiik8fgVhyw0Tk7NmuKi9dgLRTr6P1sz71APLkKJfyHkQ1KYPH9XMw33rXD0uk6cRmE86W8bBYMDIhDmAesR6ZdiunP+kX/O8KG7HSOYZipHF7aXhPE6zjM7ghLih9N1DLkmk3TUqnzEf+6W7KOn4roEYS/yhH2a4E3H4LVnnzs9LszqVrQSoI0phjN3r/ToQmK/zQhmOH2ixFmIQkf0NSRVaLiomySb4cbFqW17qNAek7bCfQSsIhhZLlzTCp64tOTYFGkhasj1EU4LRgYc05L1SDOHQ8kbX8O9UXH6jeeyDkq8N4+ktCTetUB7mv4FV7O/HsTABUTgKxSRCwiiNZsmtWxEChW9bQGIJmf4HsYr9p0hjsVocWPd2ke1HB/bPPOZHrUF4ROeBPFHagyEz6xFgEe+V3S0UHBjpR/blPa2sL5Tk2HyE3nI9LKb2ARdHvz5MTNX3J4IZJ8RcMLvx8WObzADFnCZLEgKpYF3gRNp38xiylM+baHNHNAEgkBlmOqnAP545w5FXmICzUQesL2CF3IM0PqSZSbmb/lpLfL770tJ71q6wie5Rzd1z76UaVXMKglOCevruzVGwyNrA56zEMg55eRuQPfaLshhwtOiKOG2YNtM0UM1jd0Nf5E7J+rZ75y8wm0IIgiMZhWZwjMbUt3CgoMk0zVG0yArsu4wu06x4x+pGaUQC7chZLodRWA0gfFWg8XwaaAIfezQtgY+iiJmTD+JcdWS3lV6XqekmpdtlJBhpgaCailLRseN6x/Ni1fQcbZINaCGAb01ukN1AMEmwMQDLLxn4iHebR7eLTYNu7W6XOyJJ0EAoD1deZ3iUtC75o1vZFYN7pHAAWudSuFRhQa7ZN0Ukjj/FlO+IRsJUkP1KjBXCosjv5wQWVNs8UsmjKREcHdh6GGyCBT8yKf+29tAZdr+SOI+TAk6gjECoey0i4QL+brtw6jf4FTV+Lz7VmXlcAKZ5zE7QktJsQqW7cybadMvQPijEMIxEr4du8Z7qxFKM5jRtdSmpRm6beyg1dZBJBQga2kyC9tiJk6DmbxQ8jcdrRZp5ESs9msRPus85Yl52qLovJ74+NQiEGGUvyvnSZkF3FqVnB8to+AeQAmLZ/jbTWP7fsy8W+7thLJGSxbfnDjlKETiCwwgMUxCRFgh0jzMGwb8SZf+59sXyl6ID4vxk2g8qHtzUnNQrqLw3qBjIIyxK9dXC1VnXooQfAMoBIQzjkpeRa6unWbxij72z+5wTDW4onZsydNgPCS1/aM6eaMwyPXPjtzdkJjCDd2z5KCjCykD/sm1jmy9BhYSHN/FI0l8WhmUA5SzPgnAwzHhu27K6alTua2s73OuMOzhYYM16KrIbFjWvEFJAgShX81GKG+mTCll4W98EbC24bxkyG0rImNrmGMzXaDjuIHMaRjfzcdtmpkfZ5sR9ELx8g/nUx0dXUPmJ/QKySRZnMZIR356npjGR0AVCwel9l+EFSiHEd1qWY9N0aOWNo8gAsis4rOPUjHSAj9M1zmCvcTPm1fOe/YnFHgd1f6ke7QveK3Y7Itk2gC4nw51RLe7t89E4wmK6ivFosOCUdNyZ44rLujSp0Up8Ld1k8fqOPLcrwpfJ+GCHRpTyMSO5hYYvSbzrBRrup0ra4oGUvqsHqIKKSpjgoIH2LVP77HkrqNyUxwcBHKO6GXJMOyQdIVE5n3H0fgyLz8jYAqjEu0eqBv0IeQ45e/vTvtgkRigSTamcypN71t1iP8NudXOvSXGaEsXPZVm5ubQYnNyNZSJi0RrewSiQXdx3i6u9Vs1hIXy6zlk5uESUjnjQu6geuzqn3yUjcACOP3yLPfWaRIKgcFdPcooEO+kQKEwvA1iazoCFfXqJEvpv0O0YP97KWH57p3FZxpXwwCN492MjyIIGfbYZkMfNc++xq0rS1mVx2Z+/zSz2/Pfsi8X+fhSbF9/20pDZjzc9cQ84TSTprfYTnKbwNCl+Jcr+cyWxCqJv8zNBYciT48puA5WMjGpA85dTLzO3wnmPv0iW5PbmoQ3xo0hPkaHa1Ug4h/t8aiTsAJR5IHtFbJlwNdAHxEctdecH+4kkKPAMgSsDqj8z3IdaWQfAQIBgKXma8G4Nsxe8qy2s8NTX4PG4XlfBwtIVkFNFqwGMqdbwlHy4e+UPv1qTmQUOskumYuDmzH6GxEBD1gUjn5dp6JU09mSiHmZvRNMrNz+uZwv2NW9QBZ6D4W0liJJY+sbtz/kw3vO8vCknWETWA3YUn1iyBZlfRgbJbYfR/FsOQeNIkmNEDGFohhJ4At2Mgb7zxpwreKAxI8/p4vEHVtkc34hnJcJ0CmJhPlOXDIj9Kfcl2BT1E6s5CZJsGrP3pK/7XelKP2reVZxTSbI3dW9oSbhoSn4iI87zhvtumgcu8EVbFc611K+1UfLOQIaKpELIwC+FA2xKumdtJtYwyBRssoXoDo7aPUbOnkRNOpPoMeeBDp5i5ag6SbMr/tm7PW3Dl5Eot8b+eGj+lK8ULFDBOPyqwZpFd81GFG91PH+6Nw+UPzEJpRG0oMgUxdEYzXISw6kkv5chjEK+5ZY/l2UsTZ98zCYVyiSNG4pqhMgk90dFYzwrzwcVpzKqRe0a8XLfs6z1+lQEs+2301+PBJeb+OPubSBp4ZHAT7CEHVszzCl4NkP+0WVUmHLvyait1uNHSNdv49a4rDfsT5VV2Ynj4oN81ucmJT2y4yx8jR6UoIl2ZG7LpyO2IjD220xiP/+efbHY3w1iMwhL0+zb8y3yFrU4nKcQdZcJIyjo1htI/CtR9p8qh4Wb2vAgPVCKdjSFUmRMfl0kKjAtWWUtw+qNbRyfD2VNQc72nZwUz12SgQWG0qLdQeE1y8ftbABeH4agMcYpcsGWXjUdGOE3ghLFAUlXQsQ7bEjdOJ/1p1vN4BI+kOQ9OsUmeh8um9m6FVV0I9tLaVvpEEsBTL6FgNaPEdXas/LlBNjKjmgW3VMMK6Pcz99jddAbOkLgdskUvSVm5C5KFJHNEtLtHg62rp4FHd5YjSrL7R7bQtsg9XnQVmwJuRuOMAL9Aqq3HIPx+wVRKIXlSZZiWJFjOR7DWAGh+XcPzCeTmVrzNsKa84kPSRqfZs5inZOPF8Y1LTK7DJgm7lNsjw/3fpEDClJQJR8+cHtEZel65Nl4aSzSKuRs4uPWmV6pocbenkiN7NDR5PEHdpb3qry9F09qmBhb78nf3biLJ0CPM9WOqEwMetEVrtMEpAKT56jzFRc93NI4PUtwnivUkcXHYJVWhs4U9FQtKGSI7fv4gQGSxlcXlojOzIkHIdqGir6w25nO0AasE2/D++yAP2nXPMeK22pQMZXl0O2oKRxO8CSjMKKAEuT73KTi0Hpf65VzZsZ800+nEH0PlGvZM5yyT6ehgmF5Sy99dpSt9aZqB+wisc9r7GJBHsvOfGv2Ma2g2Wtm7huTh9nPjSMCwGw+S8aafh1VbILihK+XHJYee61IHPhJJbzPXg0r5w3CG0uMqjwQLKD3NpkiGc9HMR5y6QsZmkC/zRz2/Df3xf7p/wKUzvxq")

# %% tags=["exercise:momentum_port"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("momentum_port", variants="cnnlab-variants/1:eNrtmknO40aWgK8i5KoKzDbnqQCjQYqiKIqjOEqGFxyCgzjPQ6P2ve7L9L6P0idpZdlON1BD2mlXZS7+lUBFkMEg43188eF99x/vyiAE5bs/vauaCtTjVH2LfMO+PzR9DPpvkXfv3xVge7WiIQFIGokoFCPxGI8wAg3DhKAYgsIpkMSvjm3fVO346ntvpkPb9OMhOFRNDMpD8mo5xFj5b3v2/rBkzQAOfDBGmdb01WEawHD4afDDt4fX8Ie8fv0z53X6Ov7Y9D///dOf0OEP6OF///O/Prb98UNj+OGS3xy8LI+yg7HZTf/6LYMN9IcCgHY4jBk4DEEFDv1U1x+uE8ygD1Iw/Pvr7rO8/nDvl/qnU9//PHL+w7kLyNNsPDTJX45qsPww5GEYgzEfxjz6MHgw/tQvbl4T+2HWhzSfwcez5qCcwIcxwdqWQf06ualfQw8gKEH8pzkMpoDCygpjVskkMqwTTqnzvD5vWpWsUh9Bd7XYdaJJVatKHSPEDIDTsd4bZJD3RWX3g9JmUtGwpXg+MjtT81edujJwXzDYKiAY46o2AqYi8kNLgjPTD/1t5pE40O0T5ta2Fnpia3Qpsz4f0+gKuvsIu3zS8FQTx1U/JdMYPkTLOV0nEmf52L4yMSyXkbrkdtYl9zvdn7vMqGaeIHmm8iuQxSURzzDgMpIhQ/Pbb19zr15PLCjA8O5P3333jo2QGMXpkETiMASAoqOADdCQxQIWSRKUfPX/8el4rbJgR73huCfTX04GSXgD7eHW/TpmzxblMlvzlq1ACSMILqQZGzeDt7bbBiPVpO0cDGE+lMUMMZvY1b4qJf+Esie2mQ29lM2Vhx2dYVPz4lyH9BQWltVs+VOamKtiRhf64Tz3XZQXSUIV9Zya3LPneIQ302feCU09M01wod3Qi61TwflF1S3fvvv+/XfvIjZMEooBGE6+QoeJqQQnAyzGYzSi4xDDfp4emTk4qDajtw1H8HGrk2XI4ijXuDy1mhvuVJq6UK/UeGLXqrKIPXnUBonwDGFWXKpST42SMjZwcn7eXbYwk5o7E0/vwohghJTrUNjezc5x5NYvFAO3nRUuFYnnF2d/6GXwJBJzMjhkzhNSwjkrd/NmeTg7sbnNZncR5zGZ3z/OisyvmXy+sksWWDc/GF7T/P79u6b9sJI/vNF3df3NxwjH4j9EPwfTB7z88TXhf9gD/WQP5C9dLuOh+rCIDnVziPMkAT2oI/Du+z+//8dcQz9yDWHRhIoAHuJMyDIME5LMB7yFOIKxFEowb1z7vbiWFa10hB9F5pEG8PX5rE8OIITXNIJhz9mOmxu4TMfBvDVjjI5gz+GzRbYWDoCns0/LQtMN7BYNMRGP1lbgappGtDu50k+E2LP2Qoaleoq6a5fq7TnEnjfB39po1z1OkjGljA1+x5u409rbesx0woNkMUtK1XmMU1JlydrIKq2olILoRMA/7ou8H6EirdM5M1fGSznA3C5q7Wp7GSHr8em9AkJidL4fLUhEVTCmf821Xx741OrcY+yolcIs836YTACtr5kSGDHMIysCYFPkiH5ecdDX14TQhlG6DGfHj3zFtLpKlBq/ga3Jw08Qfop5I/AGbfBCH876kpoBVu5HTvIM1KRHeG8fMqcsOXTEZLHmifxOb/fbLt0cqr7LMMvZfogTqGftPO3IgtQ3qTSl18lOE9ZJ3dv5evqBaxSDoTFC00EYIkSIMgnNsAAwAYMDkkIR5OfpWZzqZ7mzUo4JFybG670kaZXAtea19aQHnroNgiBNMtVXc8ovxeNUQPZGnahufTAwal76szA+zuz1oqNNXThEaAxPVnriD86704PBEWlDsRyh42R+9/TZeFgeoYmzs59Y9dhv5T2ezdddhSPUyJn7+iTxspdxyAYXknm9wDubNVJuiJCfj5bBXlHC0WXp9Ou49hup9f6T1Pwk17CPXCMoNkRen1OaQBMCDTCEjCKcwdE4QlA8RrA3rv1eXBOnRpCf1ooIo0fnXkOMYj1J3MjwCoFstSoJrwgeg+vDNU1pKLYkfMVjgfk6GHfnmqdWqm58Q7qZYhNcZ0PEaYiDwGZXnEsGQ6rAHKdLCfVCKRrBWYlVHRlSir+recUqm2P17VHSHGIeF/ScdRt3A0R1ud98+Krz7GrNFpuFHCYcxd4sluG46vRoY7tsnz2dU4MoFGyCj+CW0Lsbibj3q7ldGhNMbpzaBgtvTv438rVfHvg3UyXyrdiR05JXZqBeGRq40ma0oleKGL+WpZZtiCpP1SsHw7gBmBlt768EFHKP9Iw+lD5QpjsGJ1qykhKvsN2zxi9X5vXdBlFCuPwdISeZII26qH0OUmPZsmDiNol1pCjcTuQPruZ9hYnicy6naaOsp7OZkewOXPsGNVPGMKN2Ctf+7KGW8RPXEgwQKILRJPrCNUYlEREwWMiGeBwjBPP/0tEyqVL2kdwj2Ku3dXu9AEindDQgq8Ru2rNPaI0KCVn4JIF4hxp+iDSAovL6uv8nYFx7OJ9AgJ2UETpNHceGRi4jaLbwBN6hRUZ0GApd2cGHueh0VtjqFFIWncdQRtPIvtcvpB2J7CYtu6+fX6tUjfPREHvWi2aCHauoDvj5Fjw0jb8zsrEufq8VD9fliV/Htd9IrU/nep/kGv6RayQCgjgJA/K1Y0iCmAREHDMUCBD8tS+N3vK1349reQwz1Wm3E2E29RbrijzRneeWG40vmd0lKme/dcwNlchhJ5JCPd4fT7Ti2a7Ep1PkTs/0zkQZPQKqpNqyZi1XBTmEG+bxFZwrZTE+Hl5CdGrdpMTwc5uz1XBEMKR7lIm+x5qcUnLXJsbZD8ddzZgM2+c2y2XiebRcGuiVhmXHI9NFYqmo6c2kjchTrfDane0av5YCtg1rKE7YAkXUQEnPRclpSAaPzqP5BhVP0t/I13554FdGZUDyHFgzRi0rUEr26OfzySV3IaHv4May2oMQRO1JVCLoUrm/vOaKlMucPojH4Abz+e49cEQmaLej0/vpapdw5rCAthM2FYcFd7uwvc8Qrz6EU+/VcmfBZdOl3TyISIkHi1C2XF1iJgSVQUHaOHu9juzsTg+VrBtJsSc1sfsHqo2svy7DD1z75dtsl1QS1II63RRemXVzZOcOfeLn+J6s43Ifz8WzeT1g7knoeaCPd/ciXk/Wzu5DekSvTw5jMQXLI5Wi3Fo/dhN1sqwOF2CjT8RxmNzSnZoBKRZXYVje2fKVyvOaCxslOJ0gJlRbZLvzWW0tKgN1Ju+V7m3VvTTo+/yxT5eLElAXENHnZb09mapTCto7soRU/BXX/onQ+gWp3t/jGvNl/Rrz5tc+x68lP/q18Nf6Nd/dxht7h4/gfDar48MKzqrtlqyGKFBm32jev0BHBkiMI8nyVZqT5pUehaY5zWSdqSG+sbqOssnA9pYZ2Jf23Am0KpQGSbeLln6NLg15c2n/IpfGfBJE2KdRhX2GS2O+rEtj3lza57g0/UeXJv5al2a4W69Syq5elbNeqOEFRjTevTRjZa5H6KTEyqaIQGpXPD4+wu1OyDOt7kbakcFNdLFREUY3gp/G8Fi0ajBn3tTi60O346Tg9vJr9Gbzmzf7F3mz30io958k5CcZ9mW8GfPmzT7Hm+k/ejPz13ozYkqJ202WukU+3myKVRR9LcxmlW87BZ2FfmhCdRUHyrrDbtffNBM4Z0Hh4de2jQHMJXGt8ogqIibIWj/4di5yj+mEaNeWKopW/Rod2frmyP5Vjuy3EerTOdwnGfZlHBnz5sg+x5GhPzoy89c6sm46YhU7M62lCnf1juxiqwqL4NVUFo3ULtQZhR7D3gaKn1TXkpUKb2Oe9xt/VRctZvvCT5611VZgwmjXqITbAhyB2kFBMgpWfo0+LHzzYV/ah/1em8y/6/m/dMHZW8XZZxkxPZZKqiCcIAooFM7oqNAEW9voTRXOxkRQMrMsrj3j2iDYCDamGn3kd6W38cTFemdTNd3jfX52Wex4lDEBI9n6bvDAMpxAm3QGSIUssuuNT6hKvoyxeDs3DOaewy3fNOOyxmxUO+aZvzTV8wxio4RWmuSK2d6sUv9aq8wYlpZ3f+KyrBQ5bXB5zgHBilPICb4HD24kViW9Izl/fG5edY/03OKMlTNdVbz1U/t06EkudYNOgcZCHon05Wul9W9m7G9IfPYXlmP84y6fV2j2pSvN3krNPkuPJZQiD0/VPZmvQOigMY7lBXuG1p07LZHPIg+agPx1ky95p56QVqdVn9pmJl0lFxtlNOG5o+onYwgP9XIphHCIUYHLdwm+nPFQBlLbdgmWcUgTS21QoEF2hBJuTbDXxnNysj0DmotpFGRO2eNChK6euwmyBJ0lVXeH+0rLy5gZeFRlQ9H5ecx8+k41D5d/6A3K2tbDx5dLczXkhMPVY9YjygOHjzbN460TSkcZ91s47OLRblO4v3D7LDuteYIa+E2T/RNo9f7TwPw00L5QidlbjdlnubJEnuwwh9wb87QY3tw6axHpHIZvmWPN+Id6L7vrfTYBxbyUXiMhrSdvsG9My1RADojRitBtLhgfs31F+DONksdUAQqXkCWIWHGgriKbWYvPoqZV95oDRTk6dtglEONKuEhSnYtKv4j2s5QjxSU0OqMQhxOc6jQI6VdaVybJ0/I4EpdyZtDxUt9yddlOJ/UqMi0K+fhI85YklJfTYOXBbGh6qqTqpqSlIprrukCtYSolVTFy4xX4K+nrEJNuxDdn9k+g1W8owWC/dG3ZW3HZZ4mzwt4FzV2KV+ZmoEKjhcU2IB7jcrzfKbbiptjr+9vJbKU7lzAex9POlML2zOJ8Oi/PjX7tPxRLFg3Tj0e5qkzLb7dRwxd8G+BSD3v77Lk9uD21vDNtp9TMVpMz0mcn5B7lAehxOF9oOa6OKxmuFrbPAznQSYckEzwuX2lBWYEiBYOgntSMeXdWh/Nrjc/mfG0qUl8IOEYhXMhwK8ttCymFCavvhSvjQy8Rav0YyaWs4mviTGRwUdDafPDefjoWbwLt94fVL8nuvv/z9/8HbfUbug==")

# %% [markdown]
# ## 4 · γ and β are ordinary, unconstrained parameters
#
# It is sometimes said that $\beta$ and $\gamma$ "stay within a certain range and cannot
# fluctuate too much". Nothing in the method says so: they are plain learnable parameters, updated by the
# optimizer like any weight, with no clipping or projection. Their *initial* values are 1 and
# 0, and in practice they often stay moderate, but that is an outcome of training, not a rule.

# %%
bn = nn.BatchNorm2d(3)
print("γ:", type(bn.weight).__name__, bn.weight.tolist(), " β:", type(bn.bias).__name__, bn.bias.tolist())
print("learnable tensors of nn.BatchNorm2d(3):", [name for name, _ in bn.named_parameters()])
print("buffers (not learned, no gradient):    ", [name for name, _ in bn.named_buffers()])

# %% [markdown]
# They are free enough to **undo the normalization entirely**: with
# $\gamma = \sqrt{\sigma_B^2 + \varepsilon}$ and $\beta = \mu_B$ the layer outputs its input.
# Ioffe and Szegedy point this out in the original paper: adding BN does not take away what
# a layer can represent.

# %%
bn.train()
with torch.no_grad():
    bn.weight.copy_(torch.sqrt(X.var(dim=(0, 2, 3), unbiased=False) + bn.eps))   # γ = √(σ² + ε)
    bn.bias.copy_(X.mean(dim=(0, 2, 3)))                                          # β = μ
print("BN with γ = √(σ² + ε), β = μ returns its input:", torch.allclose(bn(X), X, atol=1e-5))

# %% [markdown]
# ## 5 · Training mode versus evaluation mode: the classic bug
#
# In training mode, an image's output depends on **the other images in its batch**, because
# they enter $\mu_B$ and $\sigma_B^2$. This is intended during training (it is the "noise" of
# section 8) and a bug at prediction time. Below, one untrained LeNet with BN (lesson 08
# introduces it) classifies the same image inside two different batches.

# %%
torch.manual_seed(5)
model = lenet_modern(batch_norm=True)            # (B, 1, 28, 28) → (B, 10)
image = torch.rand(1, 1, 28, 28)
batch_a = torch.cat([image, torch.rand(15, 1, 28, 28)])          # (16, 1, 28, 28)
batch_b = torch.cat([image, torch.rand(15, 1, 28, 28) * 0.5])    # same first image, other companions

with torch.no_grad():
    model.train()
    same_train = torch.allclose(model(batch_a)[0], model(batch_b)[0], atol=1e-5)
    model.eval()
    same_eval = torch.allclose(model(batch_a)[0], model(batch_b)[0], atol=1e-5)
print("training mode:   same logits for the same image?", same_train)
print("evaluation mode: same logits for the same image?", same_eval)

# %% [markdown]
# Two more consequences of forgetting `model.eval()`:
#
# - **Running statistics change during "evaluation".** `torch.no_grad()` turns off
#   gradients, not training mode; every forward pass in training mode updates
#   `running_mean` and `running_var`.
# - **A batch of one image can fail.** After a fully connected layer, `BatchNorm1d` has a
#   single value per feature and refuses to compute a variance from it. (`BatchNorm2d` still
#   has $H\cdot W$ values per channel, so it runs — and normalizes with one image's statistics.)

# %%
first_bn = model[1]                              # the BatchNorm2d after the first convolution
model.train()
before = first_bn.running_mean.clone()
with torch.no_grad():
    model(batch_a)                               # "just evaluating", but in training mode
print("running_mean changed under torch.no_grad():", not torch.equal(before, first_bn.running_mean))

try:
    model(image)                                 # training mode, batch of 1
except ValueError:                               # PyTorch: "Expected more than 1 value per channel when training"
    print("training mode, 1 image → ValueError: BatchNorm1d after a fully connected layer has 1 value per feature, no variance")
model.eval()
print("evaluation mode, 1 image → logits of shape", tuple(model(image).shape))

# %% tags=["exercise:eval_statistics"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("eval_statistics", key="ffce0c46010e202af23f0e9e33871ce0",
       options=["The mean and variance of the current batch",
                "The mean and variance of the whole test set",
                "The running mean and variance accumulated during training",
                "None: in evaluation mode BN is switched off and only γ and β are applied"],
       prompt="After model.eval(), which mean and variance does a BatchNorm2d layer normalize with?",
       hint="Evaluation must give the same answer for an image whatever else is in the batch, and must not "
            "peek at the test set.",
       explanation="sealed:XEqGjRtQJFvp41T2Fk6+bu/vdT7ybsJGV3GFp3YwwL1LPkU87weA7DtxBn0v+PU0q8+nmcmSIkjR5W1r0VoUpG0WkWK8rGp/EaAbNSgdwZ/CjY976lBaASxxQ/G8fWlGyPbDP3Ft1wlfLroGqyZQjt5a6w8GY/VFTpismY6briRZ3mocoOaJR7hrwOlrN2PCKVW16iNuHxZhxTKhWdmug12Z5efD4QroV6LUzhD2xg4KHmqDWA==",
       mistakes=[("f476f7f9d7f4eba4d2d16485631c45c5", "sealed:gjt5O80wGMSlcuF+09Gjb6NKJYNiqz3hM3I3ubyWoX+dBrtOMmDMyK3J8PzeTl7AGrGanSJUJBollEgN3R3ERCpr1FFTMgWliMqzb3Q0K3UkvPg7yJO0RYKaSg4/y70AodQiu3GfQis10EiY7SJAgZPzewjph14jQyt7sA1/EwUnOwxHg0KJWFPZ+fJAGWJywJofHLN0/B9ZUOJoUrY="), ("8dacd68f2febd3fa50ee1b1e41d2a54f", "sealed:xH+f/QF7WAaiKmPBDIye1Eg5dd+US3RaEPiUxC5y0yoPPPN/fQNUmO6nz4wedODmFzeMzBTmOb40FfIUVdHaW9oNPmlOk3Rz2mtDlfgV+o8KjUslfG46cnkgkUf4uQ=="), ("468489976baf6a04f694ec455df1fc23", "sealed:i7lsESJL17v/JcRDNmEojx/pSZ+3+7gl01XYMwL031TZLTAnH3aFNmMHv7VwxTQ/5YbcSriqiPDlf8xzqcDY/2+lrCtErKZUZD222wSJs2sRJNU6PIUQvBxYABbsZfSb1omZskjMJ48EJwxVd1g=")])

# %% [markdown]
# ## 6 · At evaluation time BN is an affine map: fold it into the convolution
#
# With fixed statistics, BN computes $y = a\,x + b$ per channel, with
# $a = \gamma / \sqrt{\text{running\_var} + \varepsilon}$ and
# $b = \beta - a \cdot \text{running\_mean}$. A convolution followed by an affine map per
# output channel is again a convolution: scale kernel $c$ by $a_c$ and set its bias to
# $a_c (\text{bias}_c - \text{running\_mean}_c) + \beta_c$. Deployment tools do this
# ("BN folding") so that BN costs nothing at inference.

# %%
torch.manual_seed(6)
conv = nn.Conv2d(3, 4, kernel_size=3)
bn = nn.BatchNorm2d(4)
with torch.no_grad():                            # give BN "trained" statistics and parameters
    for _ in range(30):
        bn(conv(torch.randn(8, 3, 10, 10) * 2 + 1))
    bn.weight.uniform_(0.5, 2.0); bn.bias.uniform_(-1.0, 1.0)
bn.eval()

a = bn.weight / torch.sqrt(bn.running_var + bn.eps)             # (C_out,)
folded = nn.Conv2d(3, 4, kernel_size=3)
with torch.no_grad():
    folded.weight.copy_(conv.weight * a.reshape(-1, 1, 1, 1))    # (C_out, C_in, k, k)
    folded.bias.copy_(a * (conv.bias - bn.running_mean) + bn.bias)

x = torch.randn(2, 3, 10, 10)
with torch.no_grad():
    print("conv → BN (eval) equals one folded conv:", torch.allclose(bn(conv(x)), folded(x), atol=1e-5))

# %% [markdown]
# This is also why `lenet_modern(batch_norm=True)` creates its convolutions with
# `bias=False`: a bias before BN is removed again by the subtraction of $\mu_B$, and $\beta$
# takes its place.
#
# ## 7 · Experiment: the same network with and without BN
#
# We train `lenet_modern` with and without BN on Fashion-MNIST with plain SGD at two
# learning rates: four runs from the same initial weights and the same batch order. A short
# loop instead of `cnnlab.fit` records the loss of every batch, so the curves show how
# training starts. Quick mode (`CNNLAB_QUICK=1`, which the course's tests use) trains on
# 12,000 of the 60,000 images for 2 epochs instead of 3; the effect is the same, the numbers a
# little lower.

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
epochs = 2 if quick else 3
learning_rates = (0.1, 1.0)
train_images, test_images = cnnlab.fashion_mnist("train"), cnnlab.fashion_mnist("test")
if quick:
    train_images, test_images = train_images.subset(12_000, seed=0), test_images.subset(2_000, seed=0)
train_iter = cnnlab.loader(train_images, batch_size=64)
test_iter = cnnlab.loader(test_images, batch_size=500)
torch.set_num_threads(1)                          # a network this small needs only one thread
device = cnnlab.device()  # the GPU if there is one (the loop below moves each batch there)
print(f"{len(train_iter.dataset):,} training images, {epochs} epochs of {len(train_iter)} batches")
if quick:
    print("quick mode: a fifth of the training images and fewer epochs (full mode: all 60,000, 3 epochs)")


def train_curves(use_bn, lr, epochs):
    """Train lenet_modern with plain SGD → (model, loss per batch, accuracy per batch, test accuracy)."""
    cnnlab.seed(0)                                # same initial weights and batch order for every run
    model = lenet_modern(batch_norm=use_bn).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses, accuracies = [], []
    for epoch in range(epochs):
        model.train()                             # BN: batch statistics, running stats updated
        for X_batch, y_batch in train_iter:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            logits = model(X_batch)               # (B, 10)
            loss = F.cross_entropy(logits, y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            accuracies.append(cnnlab.accuracy(logits, y_batch))
    model.cpu()
    test_acc = cnnlab.evaluate(model, test_iter).accuracy     # evaluate() switches to eval mode
    return model, losses, accuracies, test_acc


def first_step_below(losses, level=2.0, width=10):
    """First step at which the moving average of the loss is below `level` (None: never)."""
    below = np.nonzero(smooth(losses, width) < level)[0]
    return int(below[0]) + width if len(below) else None


def smooth(values, width=10):
    """Moving average over `width` steps, so that the curves are readable."""
    return np.convolve(values, np.ones(width) / width, mode="valid")


def test_accuracy_with_batch_statistics(model):
    """Test accuracy when BN normalizes each test batch with its own statistics (a diagnostic only)."""
    probe = copy.deepcopy(model).train()          # a copy: the model's running statistics stay as they are
    correct = total = 0
    with torch.no_grad():
        for X_batch, y_batch in test_iter:
            correct += int((probe(X_batch).argmax(1) == y_batch).sum())
            total += len(y_batch)
    return correct / total


# %% tags=["nbval-ignore-output"]
runs = {}
start = time.perf_counter()
last_epoch = slice(-len(train_iter), None)       # the batches of the last epoch
for lr in learning_rates:
    for use_bn in (False, True):
        runs[use_bn, lr] = train_curves(use_bn, lr, epochs)
        label = "with BN   " if use_bn else "without BN"
        print(f"lr {lr:<4} {label}: mean training loss of the last epoch {np.mean(runs[use_bn, lr][1][last_epoch]):.3f}, "
              f"test accuracy {runs[use_bn, lr][3]:.3f}")
print(f"4 runs, {len(runs[True, 0.1][1])} steps each, in {time.perf_counter() - start:.1f} s")

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
colors = {0.1: "tab:blue", 1.0: "tab:red"}
for (use_bn, lr), (_, losses, accuracies, _) in runs.items():
    style = "-" if use_bn else ":"
    label = f"{'with' if use_bn else 'without'} BN, lr = {lr}"
    steps = np.arange(len(losses) - 9) + 10      # a moving average over steps 1-10 is drawn at step 10
    axes[0].plot(steps, smooth(losses), style, color=colors[lr], lw=2, label=label)
    axes[1].plot(steps, smooth(accuracies), style, color=colors[lr], lw=2, label=label)
axes[0].axhline(math.log(10), color="gray", lw=0.8, ls="--", label="ln 10: random guessing")
axes[1].axhline(0.1, color="gray", lw=0.8, ls="--", label="chance: 0.1")
axes[0].set_title("training loss (moving average over 10 batches)")
axes[1].set_title("training accuracy per batch (moving average)")
for ax in axes:
    ax.set_xlabel("training step (batch of 64)")
    ax.legend(fontsize=9)
axes[0].set_ylabel("cross-entropy"); axes[1].set_ylabel("accuracy")
plt.show()

# %% [markdown]
# Checks that hold on every run of this cell (the numbers above vary from machine to machine):

# %%
print("loss of a model that guesses uniformly: ln 10 =", round(math.log(10), 3))
for lr in learning_rates:
    print(f"lr {lr}: the model with BN learns (test accuracy > 0.5, chance 0.1):", runs[True, lr][3] > 0.5)
for lr in learning_rates:
    with_bn = np.mean(runs[True, lr][1][last_epoch])
    without = np.mean(runs[False, lr][1][last_epoch])
    print(f"lr {lr}: final training loss lower with BN than without:", bool(with_bn < without))
plain_loss = np.mean(runs[False, 1.0][1][last_epoch])
print("lr 1.0: without BN the loss stays at the guessing level (last epoch > 2.0):", bool(plain_loss > 2.0))

# %% [markdown]
# Two more measurements per run, printed rather than described, because they depend on the
# mode and the machine: the first step at which the smoothed training loss falls below 2.0
# (clearly under the guessing level $\ln 10$; "never" if it did not), and, for the BN runs,
# the training accuracy of the last epoch next to two test accuracies — the honest one,
# with the running statistics, and, as a diagnostic only, one where every test batch is
# normalized with its own statistics (the training-mode behaviour of section 5).

# %% tags=["nbval-ignore-output"]
for lr in learning_rates:
    for use_bn in (False, True):
        step = first_step_below(runs[use_bn, lr][1])
        label = "with BN   " if use_bn else "without BN"
        print(f"lr {lr:<4} {label}: smoothed loss {f'below 2.0 from step {step} on' if step else 'never below 2.0'}")
for lr in learning_rates:
    model_bn, _, accuracies, test_acc = runs[True, lr]
    print(f"lr {lr:<4} with BN: training accuracy (last epoch) {np.mean(accuracies[last_epoch]):.3f}, "
          f"test accuracy {test_acc:.3f} with running statistics, "
          f"{test_accuracy_with_batch_statistics(model_bn):.3f} with each test batch's statistics")

# %% [markdown]
# How to read these numbers. The checks above hold in quick and in full mode: with BN, both
# learning rates train well and end with a lower training loss than without BN; at the large
# learning rate 1.0 the network without BN never leaves the guessing level at all, while the
# same network with BN learns. At 0.1 both learn, and the step counts show how much sooner the
# BN run leaves the guessing level. If a BN model's test accuracy with running statistics lay
# far below the one with batch statistics, its running statistics would not have caught up with
# weights that were still changing fast (section 3: with momentum 0.1 they average over roughly
# the last ten batches) — very short runs show this.
# Section 8 asks what this experiment does and does not prove.
#
# ## 8 · Why does BN help? Three explanations against the evidence
#
# Three reasons are commonly given. Here they are, with what later work found.
#
# **1. "It avoids vanishing or exploding gradients, because it keeps the data within a
# range."** Partly right, and BN is not the only cure. Take a 30-layer fully connected ReLU
# network. PyTorch initializes `nn.Linear` weights uniformly in $[-1/\sqrt{n}, 1/\sqrt{n}]$,
# $n$ being the layer's number of inputs (fan-in), so their variance is $1/(3n)$. A ReLU
# layer multiplies the mean square of the signal by about $n\,\mathrm{Var}(w)/2$, which is
# $1/6$ here: the signal, and with it the gradient, shrinks layer after layer. He, Zhang, Ren
# and Sun (2015, §2.2) derived the variance that keeps that factor at 1: $\mathrm{Var}(w) =
# 2/n$, **He (Kaiming) initialization**, `nn.init.kaiming_normal_` in PyTorch. The course's
# NiN in `cnnlab.models` initializes its convolutions this way; its VGG and ResNet follow
# torchvision and use He's fan-out variant, $\mathrm{Var}(w) = 2/n_\text{out}$ with
# $n_\text{out} = C_\text{out} k^2$, which keeps the scale of the gradients in the backward pass
# (He et al. §2.2 show that either choice is enough).
# BN reaches a fixed scale by another route: it rescales every layer's output, whatever the
# weights. But BN is no general guarantee either: Yang et al. (2019) proved that in deep
# networks *without* skip connections, BN itself makes gradients **explode** at
# initialization. The same network three ways:

# %%
def deep_mlp(use_bn, depth=30, width=100, he_init=False):
    """depth × (Linear → [BatchNorm1d] → ReLU), then Linear to 10 classes."""
    layers = []
    for _ in range(depth):
        layers += [nn.Linear(width, width, bias=not use_bn)]
        layers += [nn.BatchNorm1d(width)] if use_bn else []
        layers += [nn.ReLU()]
    net = nn.Sequential(*layers, nn.Linear(width, 10))
    if he_init:
        for m in net:
            if isinstance(m, nn.Linear):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")   # N(0, 2 / fan_in)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
    return net


torch.manual_seed(0)                              # the same weights whatever ran before
fan_in = 100
print(f"default init: n·Var(w) = {fan_in * deep_mlp(False)[0].weight.var().item():.3f}  (1/3 = {1 / 3:.3f})")
print(f"He init:      n·Var(w) = {fan_in * deep_mlp(False, he_init=True)[0].weight.var().item():.3f}  (2)")

setups = [("default", False), ("He", False), ("default", True)]   # (initialization, BN)
gradient_norms = {}
for init, use_bn in setups:
    torch.manual_seed(0)
    net = deep_mlp(use_bn, he_init=init == "He")
    inputs, labels = torch.randn(128, 100), torch.randint(0, 10, (128,))
    F.cross_entropy(net(inputs), labels).backward()
    gradient_norms[init, use_bn] = [m.weight.grad.norm().item() for m in net if isinstance(m, nn.Linear)]

setup_names = {("default", False): "default init, without BN", ("He", False): "He init, without BN",
               ("default", True): "default init, with BN"}

# %% tags=["nbval-ignore-output"]
for setup in setups:
    norms = gradient_norms[setup]
    print(f"{setup_names[setup]}: gradient norm, first layer / last layer = {norms[0] / norms[-1]:.2g}")

fig, ax = plt.subplots(figsize=(7, 3.5), constrained_layout=True)
for setup, color in zip(setups, ("tab:gray", "tab:green", "tab:blue")):
    ax.semilogy(range(1, 32), gradient_norms[setup], "o-", ms=3, color=color, label=setup_names[setup])
ax.set_xlabel("layer (1 = next to the input)"); ax.set_ylabel("gradient norm of the weights")
ax.set_title("30-layer ReLU network at initialization")
ax.legend()
plt.show()

# %%
without, he, with_bn = (gradient_norms[setup] for setup in setups)
print("default init, without BN: first layer's gradient < 1e-6 × last layer's (vanishing):", without[0] < 1e-6 * without[-1])
print("He init, without BN:      first layer's gradient within 10× of the last layer's:", 0.1 < he[0] / he[-1] < 10)
print("default init, with BN:    first layer's gradient > 10 × last layer's (growing toward the input):",
      with_bn[0] > 10 * with_bn[-1])

# %% [markdown]
# With the default initialization and no BN, the gradient shrinks by many orders of
# magnitude towards the input. He initialization alone keeps the first layer's gradient
# within the same order of magnitude as the last layer's (the printed ratio). BN also stops
# the gradient from vanishing, but it makes it *grow* towards the input instead. Modern
# networks use both — He initialization and BN — and ResNets (lesson 12) add skip
# connections, which keep very deep networks trainable. BN's other benefits below, above all
# larger learning rates, do not depend on the initialization.
#
# **2. "The batch statistics add random noise, which helps."** This is the regularization
# view, and it has support: the same image gets a different output depending on its batch
# (section 5), like a mild form of dropout; Ioffe and Szegedy found that with BN they could
# reduce or drop dropout, and Luo et al. (2019) analyse BN's implicit regularization. The
# remark sometimes added, that $\gamma$ and $\beta$ "are stable", is not part of this argument;
# they are free parameters (section 4). The noise is a side effect, not the main story: its size
# depends on the batch size, and very small batches make BN *worse* (the reason for Group
# Normalization, Wu & He 2018).
#
# **3. "It speeds up convergence and allows larger learning rates."** This is the best
# supported claim, and the checks of section 7 agree with it. Bjorck et al. (2018) found that the
# ability to train with larger learning rates explains most of BN's benefit, both in speed
# and in the accuracy reached; trained to the end with a small learning rate, networks with
# and without BN come out much closer.
#
# **And the original reason?** Ioffe and Szegedy (2015) proposed BN to reduce *internal
# covariate shift*: the distribution of each layer's input changes as the layers below are
# trained. Santurkar et al. (2018) tested this directly: they added random noise with a
# changing mean and variance *after* every BN layer, creating more covariate shift than
# without BN at all, and the network still trained as well as with plain BN. Their account
# is that BN makes the **loss landscape smoother** (the loss and its gradient change more
# slowly along a step), so larger steps are safe — which connects back to explanation 3.
# In short: BN reliably makes plain CNNs easier to train and tolerates larger learning
# rates; the exact mechanism is still debated.
#
# ## Common mistakes
#
# - **Forgetting `model.eval()`.** Predictions then depend on the batch, a single image can
#   raise an error, and "evaluation" silently changes the running statistics (section 5).
#   `torch.no_grad()` does not switch BN to evaluation mode.
# - **Porting momentum across conventions.** PyTorch's `momentum=0.1` equals d2l-zh's (and
#   Keras's style of) 0.9; passing 0.9 to `nn.BatchNorm2d` makes the running statistics
#   follow the last batch (section 3).
# - **Normalizing a conv layer per position.** For images the statistics are per channel,
#   over $(N, H, W)$, not per pixel; reduce over `dim=(0, 2, 3)`.
# - **Mixing up the variances.** Normalization uses the biased variance; `running_var`
#   stores the unbiased one (times $m/(m-1)$). `torch.var` is unbiased by default.
# - **Dropping ε.** A constant channel gives $0/0$ = `nan` (section 1).
# - **Tiny batches.** With 1–2 examples per batch the statistics are mostly noise; use
#   larger batches, or Group/Layer Normalization.
# - **A bias right before BN.** Harmless but wasted: BN subtracts it again; use `bias=False`.
# - **"Without BN, deep networks cannot train."** A vanishing gradient at initialization is
#   often a matter of the initialization: He initialization fixes it for ReLU networks
#   (section 8).
#
# ## Sources
#
# - K. He, X. Zhang, S. Ren, J. Sun, *Delving Deep into Rectifiers: Surpassing Human-Level
#   Performance on ImageNet Classification*, ICCV 2015, §2.2 (He initialization,
#   variance 2/fan-in).
# - S. Ioffe, C. Szegedy, *Batch Normalization: Accelerating Deep Network Training by
#   Reducing Internal Covariate Shift*, ICML 2015 (the method, ε, per-channel statistics for
#   convolutions, the identity with γ = σ, β = μ, less need for dropout).
# - S. Santurkar, D. Tsipras, A. Ilyas, A. Mądry, *How Does Batch Normalization Help
#   Optimization?*, NeurIPS 2018 (noise injected after BN; smoother loss landscape).
# - J. Bjorck, C. Gomes, B. Selman, K. Weinberger, *Understanding Batch Normalization*,
#   NeurIPS 2018 (larger learning rates explain most of the benefit).
# - G. Yang, J. Pennington, V. Rao, J. Sohl-Dickstein, S. Schoenholz, *A Mean Field Theory of
#   Batch Normalization*, ICLR 2019 (gradient explosion in deep BN networks without skip
#   connections).
# - P. Luo, X. Wang, W. Shao, Z. Peng, *Towards Understanding Regularization in Batch
#   Normalization*, ICLR 2019.
# - Y. Wu, K. He, *Group Normalization*, ECCV 2018 (BN's trouble with small batches).
# - PyTorch documentation of `torch.nn.BatchNorm2d` (momentum convention, unbiased running
#   variance, `momentum=None`), `torch.nn.Linear` (default initialization) and
#   `torch.nn.init.kaiming_normal_`.
# - A. Zhang et al., *Dive into Deep Learning* (d2l.ai), §8.5, and its Chinese edition <!-- parity-ignore: 8.5 -->
#   《动手学深度学习》§7.5 (the two momentum conventions). <!-- parity-ignore: 7.5 -->

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `07_batch_norm.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("07_batch_norm")
