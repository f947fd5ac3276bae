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
    ### BEGIN SOLUTION
    mean = X.mean(dim=(0, 2, 3), keepdim=True)                      # (1, C, 1, 1)
    var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)       # biased
    X_hat = (X - mean) / torch.sqrt(var + eps)
    return gamma.reshape(1, -1, 1, 1) * X_hat + beta.reshape(1, -1, 1, 1)
    ### END SOLUTION


# %% tags=["exercise:batch_norm_train"]
_four = torch.tensor([1.0, 3.0, 5.0, 7.0]).reshape(2, 1, 1, 2)    # one channel: mean 4, variance 5
_ = check_function("batch_norm_train", batch_norm_train, [
    ((_four, torch.ones(1), torch.zeros(1), 0.0), torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
    ((_four, torch.tensor([2.0]), torch.tensor([10.0]), 0.0),
     10 + 2 * torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_gen = torch.Generator().manual_seed(7)
for _shape, _eps in [((4, 3, 5, 5), 1e-5), ((1, 2, 3, 4), 1e-3), ((8, 5, 1, 1), 1e-5), ((2, 1, 7, 3), 0.1)]:
    _X = torch.randn(_shape, generator=_gen, dtype=torch.float64) * 3 + 2
    _g = torch.randn(_shape[1], generator=_gen, dtype=torch.float64)
    _b = torch.randn(_shape[1], generator=_gen, dtype=torch.float64)
    _want = F.batch_norm(_X, None, None, _g, _b, training=True, eps=_eps)
    expect_value(batch_norm_train(_X, _g, _b, _eps), _want, case=(_shape, _eps), rtol=1e-5, atol=1e-6)
### END HIDDEN TESTS

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
def running_mean_step_check(old, batch):
    mean = sum(batch) / len(batch)
    kept = round(0.9 * old, 2)
    moved = round(0.1 * mean, 2)
    new = round(0.9 * old + 0.1 * mean, 1)
    flipped = round(0.1 * old + 0.9 * mean, 1)
    listed = ", ".join(str(value) for value in batch)
    summed = " + ".join(str(value) for value in batch)
    return dict(
        answer=new,
        prompt=f"What is running_mean after this step, if it was {old} before and this channel of the batch holds "
               f"the values {listed}?",
        hint="PyTorch's momentum 0.1 is the weight of the NEW batch mean: (1 − 0.1) · old + 0.1 · batch mean.",
        explanation=f"The batch mean is ({summed}) / {len(batch)} = {mean:g}, so 0.9 · {old} + 0.1 · {mean:g} = "
                    f"{kept:g} + {moved:g} = {new:g}. Reading momentum as the weight of the old value (d2l-zh) would "
                    f"give 0.1 · {old} + 0.9 · {mean:g} = {flipped:g}.",
        mistakes=[("momentum_flipped", flipped,
                   "you gave the weight 0.9 to the new batch mean (d2l-zh's convention). In PyTorch, momentum = 0.1 "
                   "is the weight of the new value and 0.9 that of the old running mean."),
                  ("batch_mean_only", round(mean, 1),
                   "that is the batch mean itself. running_mean moves only part of the way towards it: it is an "
                   "exponential moving average that starts from the old value.")])


numeric("running_mean_step", digits=1, tolerance=0,
        variants=vary(running_mean_step_check, old=[40, 20, 60],
                      batch=[(50, 70, 90, 110), (10, 20, 40, 50), (60, 80, 90, 130), (20, 30, 30, 60)]))

# %% tags=["exercise:running_var_step"]
def running_var_step_check(old, batch):
    m = len(batch)
    mean = sum(batch) / m
    deviations = [value - mean for value in batch]
    squares = sum(d * d for d in deviations)
    unbiased = squares / (m - 1)
    biased = squares / m
    total = 0.9 * old + 0.1 * unbiased
    listed = ", ".join(str(value) for value in batch)
    shown = ", ".join(f"{d:g}".replace("-", "−") for d in deviations)
    near = "≈" if abs(unbiased - round(unbiased, 2)) > 1e-9 else "="
    close = "≈" if abs(total - round(total, 2)) > 1e-9 else "="
    return dict(
        answer=round(total, 1),
        prompt=f"And what is running_var after this step, if it was {old} before and this channel of the batch holds "
               f"the values {listed}? (one decimal)",
        hint="The running variance uses the UNBIASED variance: the sum of squared deviations divided by m − 1, "
             f"here m = {m}.",
        explanation=f"Deviations from {mean:g}: {shown}; squares sum to {squares:g}. Unbiased variance "
                    f"{squares:g} / {m - 1} {near} {round(unbiased, 2):g} (the biased one, {biased:g}, is what "
                    f"normalizes the batch). running_var = 0.9 · {old} + 0.1 · {round(unbiased, 2):g} {close} "
                    f"{round(total, 2):g}.",
        mistakes=[("biased_variance", round(0.9 * old + 0.1 * biased, 1),
                   f"you used the biased variance (divided by m = {m}), the one that normalizes the batch. The "
                   "running variance is updated with the unbiased one, divided by m − 1."),
                  ("momentum_flipped", round(0.1 * old + 0.9 * unbiased, 1),
                   "you gave the weight 0.9 to the new batch variance. PyTorch's momentum 0.1 is the weight of "
                   "the new value."),
                  ("batch_variance_only", round(unbiased, 1),
                   "that is the batch's unbiased variance itself. running_var moves only part of the way from "
                   f"its old value {old} towards it.")])


numeric("running_var_step", digits=1, tolerance=0.1,
        variants=vary(running_var_step_check, old=[1, 10, 4],
                      batch=[(50, 70, 90, 110), (10, 20, 40, 50), (60, 80, 90, 130), (20, 30, 30, 60)]))

# %% tags=["exercise:momentum_port"]
def momentum_port_check(momentum, order):
    new = round(1 - momentum, 4)
    layers = [f"nn.BatchNorm2d(c, momentum={momentum})", f"nn.BatchNorm2d(c, momentum={new})",
              f"nn.BatchNorm2d(c, momentum={round(new / 10, 5)})", "It makes no difference"]
    default = ", the default" if momentum == 0.9 else ""
    return dict(
        answer=(1 - order) % 4,
        options=layers[order:] + layers[:order],
        prompt=f"You port a model from d2l-zh, whose BatchNorm uses momentum = {momentum} in "
               "moving = momentum · moving + (1 − momentum) · batch. Which PyTorch layer keeps the same "
               "running averages?",
        hint="In PyTorch, momentum is the weight of the new batch statistic. What weight does d2l-zh give the new value?",
        explanation=f"d2l-zh gives the new value weight 1 − {momentum} = {new}, and that is PyTorch's momentum: "
                    f"{new}{default}. Passing {momentum} would make the running statistics follow the last batch.",
        mistakes=[("copied_momentum", (0 - order) % 4,
                   f"you copied the number, not its meaning: d2l-zh's {momentum} weights the OLD value, PyTorch's "
                   "momentum weights the NEW one."),
                  ("no_difference", (3 - order) % 4,
                   "the two formulas put momentum on different terms, so the same number gives different averages: "
                   "look at the red curve above.")])


choice("momentum_port", variants=vary(momentum_port_check, momentum=[0.9, 0.8, 0.99], order=[0, 1, 2, 3]))

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
choice("eval_statistics", answer=2,
       options=["The mean and variance of the current batch",
                "The mean and variance of the whole test set",
                "The running mean and variance accumulated during training",
                "None: in evaluation mode BN is switched off and only γ and β are applied"],
       prompt="After model.eval(), which mean and variance does a BatchNorm2d layer normalize with?",
       hint="Evaluation must give the same answer for an image whatever else is in the batch, and must not "
            "peek at the test set.",
       explanation="The running estimates (running_mean, running_var) collected during training. They are fixed "
                   "numbers, so at evaluation BN is a fixed affine map per channel, and a batch of one works.",
       mistakes=[("batch_statistics", 0,
                  "the current batch's statistics are what training mode uses; with them an image's output depends on the other images of its batch (section 5)."),
                 ("test_set_statistics", 1,
                  "BN never sees the test set as a whole, and evaluation must not peek at it."),
                 ("bn_switched_off", 3,
                  "BN still normalizes in evaluation mode; what changes is where the mean and variance come from.")])

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
