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
lesson = cnnlab.start_lesson("07_batch_norm", lang="zh")

# %% [markdown]
# # 第 07 课 · 批量归一化
#
# 批量归一化层（batch normalization，简称 BN）把一个通道在整个批量里的数值平移到均值 0、缩放到方差 1，再乘上可学习的缩放 $\gamma$、加上可学习的偏移 $\beta$。《动手学深度学习》把它译作“批量规范化”，本课程称为“批量归一化”。公式只有一行，真正容易写错的是细节：在哪些轴上求统计量、用哪一种方差、“momentum”指的是什么、训练模式和评估模式有什么不同。本课从零实现 BN，与 `nn.BatchNorm2d` 逐数对齐；在有无 BN 的同一个网络上做训练对比；最后用后续研究的证据逐条审视“BN 为什么有效”的几种解释。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
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
# ## 1 · 公式，以及简写形式省略的两个细节
#
# 批量归一化常被写成
#
# $$x_{i+1} = \gamma\,\frac{x_i - \mu}{\sigma} + \beta ,$$
#
# 其中 $\mu$、$\sigma^2$ 是批量内的均值和方差，$\gamma$、$\beta$ 通过训练学习。思路没错，但所有实现真正计算的是
#
# $$\hat x = \frac{x - \mu_B}{\sqrt{\sigma_B^2 + \varepsilon}}, \qquad y = \gamma\,\hat x + \beta ,$$
#
# 简写形式省略了两个细节：
#
# 1. **$\varepsilon$**：一个很小的常数（PyTorch 里叫 `eps`，下面会打印出来）。当某个通道的值全部相同时，结果是 0，而不是 $0/0$。
# 2. **哪些数值共用一个 $\mu_B$ 和 $\sigma_B^2$。** 在全连接层之后，每个特征在批量的 $N$ 个样本上归一化；在卷积层之后，每个**通道**在批量**以及**所有位置上归一化，也就是在 $(N, H, W)$ 三个轴上求统计量：$m = N \cdot H \cdot W$ 个数共用一个均值和一个方差，每个通道也只有一个 $\gamma$ 和一个 $\beta$。原因是：一个通道就是同一个卷积核在各处滑动的结果，各个位置理应一视同仁。
#
# 下面是一个批量：2 张图像、3 个通道、每个通道 2×2。我们故意让三个通道的尺度和偏移相差很大，然后手工归一化。

# %%
torch.manual_seed(0)
scale = torch.tensor([1.0, 5.0, 0.1]).reshape(1, 3, 1, 1)     # (1, C, 1, 1)
offset = torch.tensor([0.0, 10.0, -3.0]).reshape(1, 3, 1, 1)
X = torch.randn(2, 3, 2, 2) * scale + offset                  # (N, C, H, W) = (2, 3, 2, 2)
eps = 1e-5

mean = X.mean(dim=(0, 2, 3))                   # (C,)：每个通道一个均值，在 N、H、W 上求
var = X.var(dim=(0, 2, 3), unbiased=False)     # (C,)：有偏方差（除以 m）
X_hat = (X - mean.reshape(1, 3, 1, 1)) / torch.sqrt(var.reshape(1, 3, 1, 1) + eps)

print("每个通道的数值个数 m = N·H·W =", X.shape[0] * X.shape[2] * X.shape[3])
print("各通道的批量均值：  ", [round(v, 3) for v in mean.tolist()])
print("各通道的批量方差：  ", [round(v, 3) for v in var.tolist()])
print("归一化后各通道均值：", [round(v, 3) + 0.0 for v in X_hat.mean(dim=(0, 2, 3)).tolist()])
print("归一化后各通道方差：", [round(v, 3) for v in X_hat.var(dim=(0, 2, 3), unbiased=False).tolist()])
print("与 F.batch_norm(training=True) 相同：",
      torch.allclose(X_hat, F.batch_norm(X, None, None, training=True, eps=eps), atol=1e-6))

# %% [markdown]
# 尺度天差地别的三个通道，归一化后各自的均值都是 0、方差都是 1（因为有 $\varepsilon$，方差略小于 1）。PyTorch 默认的 $\varepsilon$：

# %%
print("nn.BatchNorm2d 默认的 eps：", nn.BatchNorm2d(3).eps)

# %% [markdown]
# ### 为什么 $\varepsilon$ 不能省
#
# 简写形式直接除以 $\sigma$。设想某个通道的值全都一样——比如一个“死掉”的 ReLU 通道全是零，这时 $\sigma = 0$：

# %%
constant = torch.full((4, 1, 2, 2), 3.0)       # (N, C, H, W)：只有一个通道，每个值都是 3
mu, sigma2 = constant.mean(), constant.var(unbiased=False)
print("σ² =", sigma2.item())
print("(x − μ) / σ          ：", ((constant - mu) / sigma2.sqrt()).flatten()[:4].tolist())
print("(x − μ) / √(σ² + ε)  ：", ((constant - mu) / (sigma2 + eps).sqrt()).flatten()[:4].tolist())

# %% [markdown]
# 没有 $\varepsilon$ 就是 $0/0$，只要出现一个 `nan`，下一步它就会传遍整个网络。
#
# ### “拉回 N(0, 1)”？归一化不等于正态化
#
# 常有人说归一化“把数据统一拉回标准正态分布 $N(0, 1)$”。准确地说，它只是把**均值变成 0、方差变成 1**。它对每个通道是一个仿射变换，改变不了分布的**形状**。例如 ReLU 的输出是偏斜的，在零处有一个尖峰；归一化之后照样偏斜。偏度（标准化后数值三次方的均值）对正态分布是 0：

# %%
def skewness(t):
    """所有数值 ((t − 均值) / 标准差)³ 的平均：任何对称分布都是 0。"""
    z = (t - t.mean()) / t.std(unbiased=False)
    return (z ** 3).mean().item()


torch.manual_seed(1)
relu_out = torch.relu(torch.randn(256, 1, 8, 8) + 0.5)          # (N, 1, H, W)，相当于卷积 → ReLU
normalized = F.batch_norm(relu_out, None, None, training=True)
for name, t in [("ReLU 输出", relu_out), ("BN 之后 ", normalized)]:
    print(f"{name:8s} 均值 {round(t.mean().item(), 3) + 0.0:6.3f}   标准差 {t.std(unbiased=False).item():.3f}"
          f"   偏度 {skewness(t):.3f}   取最小值的比例 {(t == t.min()).float().mean().item():.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3), constrained_layout=True)
axes[0].hist(relu_out.flatten().numpy(), bins=60, color="tab:gray")
axes[0].set_title("一个通道的 ReLU 输出")
axes[1].hist(normalized.flatten().numpy(), bins=60, color="tab:blue")
xs = np.linspace(-3, 4, 200)
bin_width = np.ptp(normalized.numpy()) / 60
axes[1].plot(xs, normalized.numel() * bin_width * np.exp(-xs ** 2 / 2) / math.sqrt(2 * math.pi),
             color="tab:red", label="N(0, 1)，作对比")
axes[1].set_title("BN 之后：均值 0、方差 1，依然偏斜")
axes[1].legend(fontsize=9)
for ax in axes:
    ax.set_xlabel("数值"); ax.set_ylabel("个数")
plt.show()

# %% [markdown]
# ## 2 · 从零实现 BatchNorm2d，并与 PyTorch 对齐
#
# 课程库里的参考实现用 NumPy 写成，遵循 PyTorch 的约定（课程库的文档字符串是英文的）。读一读：训练分支用当前批量的统计量，并更新滑动统计量；评估分支用滑动统计量。

# %%
cnnlab.show_source(batch_norm)

# %% [markdown]
# 注意训练分支里有**两种**方差：输出用**有偏**方差（除以 $m$）归一化，而滑动估计用**无偏**方差（除以 $m - 1$，即乘以 $m/(m-1)$）更新。下面在第 1 节的批量 `X` 上，让 `nn.BatchNorm2d` 和 `batch_norm` 各做一步训练，并给 $\gamma$、$\beta$ 设上不平凡的值。

# %%
bn = nn.BatchNorm2d(3)                          # γ = 1, β = 0, running_mean = 0, running_var = 1
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.0, 2.0, 0.5]))     # γ
    bn.bias.copy_(torch.tensor([0.0, -1.0, 3.0]))      # β
print("momentum：", bn.momentum, "  eps：", bn.eps)
print("更新前 running_mean：", bn.running_mean.tolist(), "  更新前 running_var：", bn.running_var.tolist())

bn.train()                                              # 训练模式：用批量统计量
out_torch = bn(X)

X_np = X.double().numpy()
running_mean, running_var = np.zeros(3), np.ones(3)     # 相同的初始值
gamma, beta = bn.weight.detach().double().numpy(), bn.bias.detach().double().numpy()
out_ours = batch_norm(X_np, running_mean, running_var, gamma, beta, training=True)

print("输出一致：        ", np.allclose(out_ours, out_torch.detach().numpy(), atol=1e-5))
print("running_mean 一致：", np.allclose(running_mean, bn.running_mean.numpy(), atol=1e-6))
print("running_var 一致： ", np.allclose(running_var, bn.running_var.numpy(), atol=1e-5))

# %% [markdown]
# 滑动方差是怎么来的？看通道 1（尺度为 5 的那个）：$m = 8$ 个数，无偏方差等于有偏方差乘以 $8/7$；更新时取旧值 1 的 90%，加上它的 10%。

# %%
m = X.shape[0] * X.shape[2] * X.shape[3]
c = 1
biased = X[:, c].var(unbiased=False).item()
unbiased = X[:, c].var(unbiased=True).item()
print(f"m = {m}，系数 m/(m−1) = {m / (m - 1):.4f}")
print(f"有偏方差（用于归一化）：            {biased:.4f}")
print(f"无偏方差 = 有偏方差 · {m}/{m - 1}：         {biased * m / (m - 1):.4f}（torch：{unbiased:.4f}）")
print(f"running_var = 0.9 · 1 + 0.1 · {unbiased:.4f} = {0.9 * 1 + 0.1 * unbiased:.4f}")
print(f"nn.BatchNorm2d 的 running_var[{c}]：       {bn.running_var[c].item():.4f}")
print(f"（若用有偏方差，结果会是             {0.9 * 1 + 0.1 * biased:.4f}）")

# %% [markdown]
# ### 评估模式
#
# 调用 `bn.eval()` 之后，这一层不再看当前批量：它用 `running_mean` 和 `running_var` 归一化，也不再更新它们。我们的函数在 `training=False` 时做同样的事。由于滑动统计量到目前为止只见过一个批量，它们还很接近初始值 0 和 1，所以“归一化”后的输出离均值 0 还差得远：

# %%
bn.eval()
out_eval_torch = bn(X)
out_eval_ours = batch_norm(X_np, running_mean, running_var, gamma, beta, training=False)
print("评估模式输出一致：", np.allclose(out_eval_ours, out_eval_torch.detach().numpy(), atol=1e-5))
print("评估不改变滑动统计量：", np.allclose(running_mean, bn.running_mean.numpy(), atol=1e-6))
print("评估模式输出的各通道均值：", [round(v, 2) for v in out_eval_torch.mean(dim=(0, 2, 3)).tolist()])

# %% [markdown]
# ### 练习 1 · 训练模式的批量归一化（3 分）
#
# 补全 `batch_norm_train(X, gamma, beta, eps)`：`X` 是形状为 (N, C, H, W) 的张量，`gamma` 和 `beta` 的形状是 (C,)。用当前批量每个通道的均值和**有偏**方差，返回 $\gamma\,\hat x + \beta$，结果要与 `F.batch_norm(..., training=True)` 完全一致。注意形状：把统计量变成 (1, C, 1, 1) 才能广播。

# %% tags=["exercise:batch_norm_train"]
def batch_norm_train(X, gamma, beta, eps=1e-5):
    """训练模式的批量归一化：X 形状 (N, C, H, W)，每个通道的 gamma、beta 形状 (C,)。"""
    ### BEGIN SOLUTION
    mean = X.mean(dim=(0, 2, 3), keepdim=True)                      # (1, C, 1, 1)
    var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)       # 有偏方差
    X_hat = (X - mean) / torch.sqrt(var + eps)
    return gamma.reshape(1, -1, 1, 1) * X_hat + beta.reshape(1, -1, 1, 1)
    ### END SOLUTION


# %% tags=["exercise:batch_norm_train"]
_four = torch.tensor([1.0, 3.0, 5.0, 7.0]).reshape(2, 1, 1, 2)    # 一个通道：均值 4，方差 5
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
# ## 3 · 滑动统计量，以及“momentum”的两种含义
#
# 训练时，BN 对批量统计量做指数滑动平均，留给评估时使用。**PyTorch** 把更新写成
#
# $$\text{running} \leftarrow (1 - \text{momentum})\cdot\text{running} + \text{momentum}\cdot\text{批量统计量},
# \qquad \text{momentum} = 0.1 \text{（默认值）},$$
#
# 也就是说 momentum 是**新值**的权重。《动手学深度学习》中文版自己写的 `batch_norm` 恰好反过来：`moving_mean = momentum * moving_mean + (1.0 - momentum) * mean`，取 `momentum=0.9`，momentum 是**旧值**的权重（Keras 也用这种约定，默认 0.99）。英文版（d2l.ai）已改用 PyTorch 的约定：`(1.0 - momentum) * moving_mean + momentum * mean`，取 `momentum=0.1`。两者描述的是同一个平均：PyTorch 的 0.1 **就是** d2l 中文版的 0.9。

# %%
def pytorch_update(running, batch_stat, momentum):
    """nn.BatchNorm2d：momentum 是新批量统计量的权重（默认 0.1）。"""
    return (1 - momentum) * running + momentum * batch_stat


def d2l_zh_update(running, batch_stat, momentum):
    """d2l 中文版的 batch_norm：momentum 是旧滑动值的权重（书中取 0.9）。"""
    return momentum * running + (1 - momentum) * batch_stat


print(f"PyTorch 约定，momentum 0.1：{pytorch_update(0.0, 10.0, 0.1):.4f}")
print(f"d2l 中文版约定，momentum 0.9：{d2l_zh_update(0.0, 10.0, 0.9):.4f}")
print(f"PyTorch 约定，momentum 0.9：{pytorch_update(0.0, 10.0, 0.9):.4f}", "← 把 d2l 中文版的数字用在 PyTorch 里：错误")

# %% [markdown]
# 把 d2l 中文版的 `0.9` 照抄进 `nn.BatchNorm2d(momentum=0.9)` 不会报错，却会悄悄地让滑动统计量几乎完全跟着**最后一个批量**走。我们把同一串 60 个又小又嘈杂的批量（通道的真实均值为 5）喂给三个层：默认设置的 PyTorch、填了 d2l 数字的 PyTorch，以及 d2l 中文版自己的公式（0.9）。

# %%
torch.manual_seed(2)
stream = [torch.randn(2, 1, 2, 2) * 2 + 5 for _ in range(60)]   # 60 个批量 (N, C, H, W)，均值 5
bn_default = nn.BatchNorm2d(1)                  # momentum 0.1
bn_wrong = nn.BatchNorm2d(1, momentum=0.9)      # d2l 中文版的数字，PyTorch 的含义
d2l_running = torch.zeros(1)
history = {"batch": [], "default": [], "wrong": [], "d2l": []}
for batch in stream:
    bn_default(batch); bn_wrong(batch)          # 训练模式：更新滑动统计量
    d2l_running = d2l_zh_update(d2l_running, batch.mean(), 0.9)
    history["batch"].append(batch.mean().item())
    history["default"].append(bn_default.running_mean.item())
    history["wrong"].append(bn_wrong.running_mean.item())
    history["d2l"].append(d2l_running.item())

print("PyTorch 的 0.1 在每一步都等于 d2l 中文版的 0.9：",
      np.allclose(history["default"], history["d2l"], atol=1e-5))
tail = slice(30, 60)
for key, name in (("batch", "各批量的均值      "), ("default", "momentum=0.1      "), ("wrong", "momentum=0.9（错）")):
    print(f"{name} 最后 30 步：平均 {np.mean(history[key][tail]):.2f}，标准差 {np.std(history[key][tail]):.2f}")

# %%
fig, ax = plt.subplots(figsize=(8, 3.5), constrained_layout=True)
steps = range(1, len(stream) + 1)
ax.plot(steps, history["batch"], "o", color="tab:gray", ms=4, label="每个批量的均值")
ax.plot(steps, history["default"], color="tab:blue", lw=2.5, label="nn.BatchNorm2d(momentum=0.1)")
ax.plot(steps, history["d2l"], "--", color="tab:orange", lw=1.5, label="d2l 中文版公式，momentum 0.9")
ax.plot(steps, history["wrong"], color="tab:red", lw=1, label="nn.BatchNorm2d(momentum=0.9)：错误")
ax.axhline(5, color="black", lw=0.8, ls=":")
ax.set_xlabel("训练步数"); ax.set_ylabel("running_mean")
ax.set_title("同一个平均，两种约定；错误的 momentum 追着单个批量跑")
ax.legend(fontsize=9, loc="lower right")
plt.show()

# %% [markdown]
# 蓝线和橙色虚线完全重合；红线随每个批量跳动，于是模型评估时用的是恰好最后到来的那个批量的统计量。另外注意，正确的滑动均值起步很慢：$k$ 步之后，初始值 0 仍占 $0.9^k$ 的权重：

# %%
for k in (10, 30, 60):
    print(f"{k:2d} 步后初始值的权重：0.9^{k} = {0.9 ** k:.3f}")

# %% [markdown]
# 这对很短的训练（比如本课的快速模式）有影响：评估模式的统计量会落后于训练模式。（d2l 的从零实现与 PyTorch 还有两处不同：两个版本都把**有偏**方差存进 `moving_var`；PyTorch 还支持 `momentum=None`，即简单的累积平均。）
#
# ### 小测验 · 手算一次更新（每题 1 分）
#
# PyTorch 中一个使用默认 momentum 的 BN 层，某个通道当前 `running_mean = 40`、`running_var = 1`。在训练模式下，它遇到一个批量，这个通道里的四个值是 50、70、90、110（比如 N = 4 张 1×1 的图像）。

# %% tags=["exercise:running_mean_step"]
def running_mean_step_check(old, batch):
    mean = sum(batch) / len(batch)
    kept = round(0.9 * old, 2)
    moved = round(0.1 * mean, 2)
    new = round(0.9 * old + 0.1 * mean, 1)
    flipped = round(0.1 * old + 0.9 * mean, 1)
    listed = "、".join(str(value) for value in batch)
    summed = " + ".join(str(value) for value in batch)
    return dict(
        answer=new,
        prompt=f"如果这一步之前 running_mean = {old}，批量中这个通道的值是 {listed}，"
               "这一步之后 running_mean 是多少？",
        hint="PyTorch 的 momentum 0.1 是新批量均值的权重：(1 − 0.1) · 旧值 + 0.1 · 批量均值。",
        explanation=f"批量均值是 ({summed}) / {len(batch)} = {mean:g}，所以 0.9 · {old} + 0.1 · {mean:g} = "
                    f"{kept:g} + {moved:g} = {new:g}。若把 momentum 当成旧值的权重（d2l 中文版的约定），会得到 "
                    f"0.1 · {old} + 0.9 · {mean:g} = {flipped:g}。",
        mistakes=[("momentum_flipped", flipped,
                   "你给新批量均值的权重是 0.9（d2l 中文版的约定）。在 PyTorch 里，momentum = 0.1 是新值的权重，"
                   "0.9 是旧滑动均值的权重。"),
                  ("batch_mean_only", round(mean, 1),
                   "这就是批量均值本身。running_mean 只朝它移动一小步：它是从旧值出发的指数滑动平均。")])


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
    listed = "、".join(str(value) for value in batch)
    shown = "、".join(f"{d:g}".replace("-", "−") for d in deviations)
    near = "≈" if abs(unbiased - round(unbiased, 2)) > 1e-9 else "="
    close = "≈" if abs(total - round(total, 2)) > 1e-9 else "="
    return dict(
        answer=round(total, 1),
        prompt=f"如果这一步之前 running_var = {old}，批量中这个通道的值是 {listed}，"
               "这一步之后 running_var 又是多少？（保留一位小数）",
        hint="滑动方差用的是无偏方差：离差平方和除以 m − 1，"
             f"这里 m = {m}。",
        explanation=f"相对 {mean:g} 的离差是 {shown}，平方和为 {squares:g}。无偏方差 "
                    f"{squares:g} / {m - 1} {near} {round(unbiased, 2):g}（有偏方差 {biased:g} 才是用来"
                    f"归一化这个批量的）。running_var = 0.9 · {old} + 0.1 · {round(unbiased, 2):g} {close} "
                    f"{round(total, 2):g}。",
        mistakes=[("biased_variance", round(0.9 * old + 0.1 * biased, 1),
                   f"你用了有偏方差（除以 m = {m}），那是归一化这个批量用的。"
                   "滑动方差用无偏方差更新，要除以 m − 1。"),
                  ("momentum_flipped", round(0.1 * old + 0.9 * unbiased, 1),
                   "你给新批量方差的权重是 0.9。PyTorch 的 momentum 0.1 是新值的权重。"),
                  ("batch_variance_only", round(unbiased, 1),
                   f"这就是批量的无偏方差本身。running_var 只从旧值 {old} 朝它移动一小步。")])


numeric("running_var_step", digits=1, tolerance=0.1,
        variants=vary(running_var_step_check, old=[1, 10, 4],
                      batch=[(50, 70, 90, 110), (10, 20, 40, 50), (60, 80, 90, 130), (20, 30, 30, 60)]))

# %% tags=["exercise:momentum_port"]
def momentum_port_check(momentum, order):
    new = round(1 - momentum, 4)
    layers = [f"nn.BatchNorm2d(c, momentum={momentum})", f"nn.BatchNorm2d(c, momentum={new})",
              f"nn.BatchNorm2d(c, momentum={round(new / 10, 5)})", "没有区别"]
    default = "，也就是默认值" if momentum == 0.9 else ""
    return dict(
        answer=(1 - order) % 4,
        options=layers[order:] + layers[:order],
        prompt="你要移植 d2l 中文版的一个模型，它的 BatchNorm 按 moving = momentum · moving + (1 − momentum) · batch "
               f"更新，momentum = {momentum}。用哪个 PyTorch 层才能得到同样的滑动平均？",
        hint="在 PyTorch 里，momentum 是新批量统计量的权重。d2l 中文版给新值的权重是多少？",
        explanation=f"d2l 中文版给新值的权重是 1 − {momentum} = {new}，这正是 PyTorch 的 momentum："
                    f"{new}{default}。传入 {momentum} 会让滑动统计量跟着最后一个批量走。",
        mistakes=[("copied_momentum", (0 - order) % 4,
                   f"你照抄了数字，没有照搬含义：d2l 中文版的 {momentum} 是旧值的权重，PyTorch 的 momentum "
                   "是新值的权重。"),
                  ("no_difference", (3 - order) % 4,
                   "两个公式把 momentum 乘在不同的项上，同一个数会得到不同的平均："
                   "看上面那条红色曲线。")])


choice("momentum_port", variants=vary(momentum_port_check, momentum=[0.9, 0.8, 0.99], order=[0, 1, 2, 3]))

# %% [markdown]
# ## 4 · γ 和 β 是普通的、不受约束的参数
#
# 也有人说 $\beta$ 和 $\gamma$ “是在一定的范围内，不能波动太大”。方法本身并没有这样的规定：它们就是普通的可学习参数，像其他权重一样由优化器更新，没有截断，也没有投影。它们的**初始值**是 1 和 0，实践中也常常保持在不大的范围内，但那是训练的结果，不是规则。

# %%
bn = nn.BatchNorm2d(3)
print("γ：", type(bn.weight).__name__, bn.weight.tolist(), " β：", type(bn.bias).__name__, bn.bias.tolist())
print("nn.BatchNorm2d(3) 的可学习张量：", [name for name, _ in bn.named_parameters()])
print("缓冲区（不学习、没有梯度）：    ", [name for name, _ in bn.named_buffers()])

# %% [markdown]
# 它们自由到可以**完全抵消归一化**：取 $\gamma = \sqrt{\sigma_B^2 + \varepsilon}$、$\beta = \mu_B$，这一层就原样输出它的输入。Ioffe 和 Szegedy 在原论文中就指出了这一点：加上 BN 并不会削弱一层能表示的东西。

# %%
bn.train()
with torch.no_grad():
    bn.weight.copy_(torch.sqrt(X.var(dim=(0, 2, 3), unbiased=False) + bn.eps))   # γ = √(σ² + ε)
    bn.bias.copy_(X.mean(dim=(0, 2, 3)))                                          # β = μ
print("取 γ = √(σ² + ε)、β = μ 时 BN 原样返回输入：", torch.allclose(bn(X), X, atol=1e-5))

# %% [markdown]
# ## 5 · 训练模式与评估模式：经典的 bug
#
# 在训练模式下，一张图像的输出取决于**同一批量里的其他图像**，因为它们参与了 $\mu_B$ 和 $\sigma_B^2$ 的计算。训练时这是有意为之（第 8 节说的“噪声”），预测时却是 bug。下面用一个未训练、带 BN 的 LeNet（第 08 课介绍），把同一张图像放进两个不同的批量里分类。

# %%
torch.manual_seed(5)
model = lenet_modern(batch_norm=True)            # (B, 1, 28, 28) → (B, 10)
image = torch.rand(1, 1, 28, 28)
batch_a = torch.cat([image, torch.rand(15, 1, 28, 28)])          # (16, 1, 28, 28)
batch_b = torch.cat([image, torch.rand(15, 1, 28, 28) * 0.5])    # 第一张图像相同，同伴不同

with torch.no_grad():
    model.train()
    same_train = torch.allclose(model(batch_a)[0], model(batch_b)[0], atol=1e-5)
    model.eval()
    same_eval = torch.allclose(model(batch_a)[0], model(batch_b)[0], atol=1e-5)
print("训练模式：同一张图像的 logits 相同吗？", same_train)
print("评估模式：同一张图像的 logits 相同吗？", same_eval)

# %% [markdown]
# 忘记 `model.eval()` 还有两个后果：
#
# - **“评估”时滑动统计量被改掉。** `torch.no_grad()` 关掉的是梯度，不是训练模式；训练模式下每一次前向传播都会更新 `running_mean` 和 `running_var`。
# - **只有一张图像的批量可能直接报错。** 在全连接层之后，`BatchNorm1d` 每个特征只有一个值，无法从中算方差。（`BatchNorm2d` 每个通道仍有 $H\cdot W$ 个值，所以能运行——但用的是单张图像的统计量。）

# %%
first_bn = model[1]                              # 第一个卷积之后的 BatchNorm2d
model.train()
before = first_bn.running_mean.clone()
with torch.no_grad():
    model(batch_a)                               # “只是评估一下”，却处在训练模式
print("在 torch.no_grad() 下 running_mean 也变了：", not torch.equal(before, first_bn.running_mean))

try:
    model(image)                                 # 训练模式，批量为 1
except ValueError:                               # PyTorch 的原文："Expected more than 1 value per channel when training"
    print("训练模式，1 张图像 → ValueError：全连接层之后的 BatchNorm1d 每个特征只有 1 个值，算不出方差")
model.eval()
print("评估模式，1 张图像 → logits 形状", tuple(model(image).shape))

# %% tags=["exercise:eval_statistics"]
choice("eval_statistics", answer=2,
       options=["当前批量的均值和方差",
                "整个测试集的均值和方差",
                "训练过程中累积的滑动均值和滑动方差",
                "都不用：评估模式下 BN 被关掉，只作用 γ 和 β"],
       prompt="调用 model.eval() 之后，BatchNorm2d 层用哪一组均值和方差做归一化？",
       hint="评估时，一张图像的结果不应取决于批量里还有什么，也不能偷看测试集。",
       explanation="用训练时收集的滑动估计（running_mean、running_var）。它们是固定的数，所以评估时 BN "
                   "是每个通道上一个固定的仿射变换，批量为 1 也没问题。",
       mistakes=[("batch_statistics", 0,
                  "当前批量的统计量是训练模式用的；用它们时，一张图像的输出取决于同一批量里的其他图像（第 5 节）。"),
                 ("test_set_statistics", 1,
                  "BN 从来看不到整个测试集，评估时也不能偷看它。"),
                 ("bn_switched_off", 3,
                  "评估模式下 BN 仍然做归一化；变的只是均值和方差从哪里来。")])

# %% [markdown]
# ## 6 · 评估时 BN 是仿射变换：把它折叠进卷积
#
# 统计量固定之后，BN 对每个通道计算 $y = a\,x + b$，其中 $a = \gamma / \sqrt{\text{running\_var} + \varepsilon}$，$b = \beta - a \cdot \text{running\_mean}$。卷积之后再接一个逐输出通道的仿射变换，仍然是一个卷积：把第 $c$ 个卷积核乘以 $a_c$，偏置设为 $a_c (\text{bias}_c - \text{running\_mean}_c) + \beta_c$。部署工具就是这么做的（“BN 折叠”），这样推理时 BN 不花任何代价。

# %%
torch.manual_seed(6)
conv = nn.Conv2d(3, 4, kernel_size=3)
bn = nn.BatchNorm2d(4)
with torch.no_grad():                            # 让 BN 拥有“训练过的”统计量和参数
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
    print("卷积 → BN（评估模式）等于一个折叠后的卷积：", torch.allclose(bn(conv(x)), folded(x), atol=1e-5))

# %% [markdown]
# 这也是 `lenet_modern(batch_norm=True)` 创建卷积时用 `bias=False` 的原因：BN 之前的偏置会被减去 $\mu_B$ 时抵消掉，由 $\beta$ 取而代之。
#
# ## 7 · 实验：同一个网络，有 BN 与无 BN
#
# 我们在 Fashion-MNIST 上用普通 SGD、两种学习率训练 `lenet_modern`，有 BN 和无 BN 各一次：四次训练的初始权重和批量顺序都相同。这里不用 `cnnlab.fit`，而是写一个短循环记录每个批量的损失，这样曲线能看清训练是怎么起步的。快速模式（`CNNLAB_QUICK=1`，课程的自动测试就用它）只用 60,000 张图像中的 12,000 张，训练 2 轮而不是 3 轮；现象相同，数字略低。

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
epochs = 2 if quick else 3
learning_rates = (0.1, 1.0)
train_images, test_images = cnnlab.fashion_mnist("train"), cnnlab.fashion_mnist("test")
if quick:
    train_images, test_images = train_images.subset(12_000, seed=0), test_images.subset(2_000, seed=0)
train_iter = cnnlab.loader(train_images, batch_size=64)
test_iter = cnnlab.loader(test_images, batch_size=500)
torch.set_num_threads(1)                          # 这么小的网络，一个线程就够了
device = cnnlab.device()  # 有 GPU 就用 GPU（下面的循环把每个批量搬过去）
print(f"{len(train_iter.dataset):,} 张训练图像，{epochs} 轮，每轮 {len(train_iter)} 个批量")
if quick:
    print("快速模式：只用五分之一的训练图像，轮数也更少（完整模式：全部 60,000 张，3 轮）")


def train_curves(use_bn, lr, epochs):
    """用普通 SGD 训练 lenet_modern →（模型，每批损失，每批准确率，测试准确率）。"""
    cnnlab.seed(0)                                # 每次训练的初始权重和批量顺序都相同
    model = lenet_modern(batch_norm=use_bn).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses, accuracies = [], []
    for epoch in range(epochs):
        model.train()                             # BN：用批量统计量，并更新滑动统计量
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
    test_acc = cnnlab.evaluate(model, test_iter).accuracy     # evaluate() 会切换到评估模式
    return model, losses, accuracies, test_acc


def first_step_below(losses, level=2.0, width=10):
    """损失的滑动平均第一次低于 level 的步数（None 表示从未低于）。"""
    below = np.nonzero(smooth(losses, width) < level)[0]
    return int(below[0]) + width if len(below) else None


def smooth(values, width=10):
    """对 width 步做滑动平均，让曲线看得清。"""
    return np.convolve(values, np.ones(width) / width, mode="valid")


def test_accuracy_with_batch_statistics(model):
    """让 BN 用每个测试批量自己的统计量归一化时的测试准确率（仅用于诊断）。"""
    probe = copy.deepcopy(model).train()          # 用副本：模型本身的滑动统计量保持不变
    correct = total = 0
    with torch.no_grad():
        for X_batch, y_batch in test_iter:
            correct += int((probe(X_batch).argmax(1) == y_batch).sum())
            total += len(y_batch)
    return correct / total


# %% tags=["nbval-ignore-output"]
runs = {}
start = time.perf_counter()
last_epoch = slice(-len(train_iter), None)       # 最后一轮的各个批量
for lr in learning_rates:
    for use_bn in (False, True):
        runs[use_bn, lr] = train_curves(use_bn, lr, epochs)
        label = "有 BN" if use_bn else "无 BN"
        print(f"lr {lr:<4} {label}：最后一轮的平均训练损失 {np.mean(runs[use_bn, lr][1][last_epoch]):.3f}，"
              f"测试准确率 {runs[use_bn, lr][3]:.3f}")
print(f"4 次训练，每次 {len(runs[True, 0.1][1])} 步，共 {time.perf_counter() - start:.1f} 秒")

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(1, 2, figsize=(11, 4), constrained_layout=True)
colors = {0.1: "tab:blue", 1.0: "tab:red"}
for (use_bn, lr), (_, losses, accuracies, _) in runs.items():
    style = "-" if use_bn else ":"
    label = f"{'有' if use_bn else '无'} BN，lr = {lr}"
    steps = np.arange(len(losses) - 9) + 10      # 第 1–10 步的滑动平均画在第 10 步
    axes[0].plot(steps, smooth(losses), style, color=colors[lr], lw=2, label=label)
    axes[1].plot(steps, smooth(accuracies), style, color=colors[lr], lw=2, label=label)
axes[0].axhline(math.log(10), color="gray", lw=0.8, ls="--", label="ln 10：随机猜测")
axes[1].axhline(0.1, color="gray", lw=0.8, ls="--", label="随机猜测：0.1")
axes[0].set_title("训练损失（10 个批量的滑动平均）")
axes[1].set_title("每个批量的训练准确率（滑动平均）")
for ax in axes:
    ax.set_xlabel("训练步数（每批 64 张）")
    ax.legend(fontsize=9)
axes[0].set_ylabel("交叉熵"); axes[1].set_ylabel("准确率")
plt.show()

# %% [markdown]
# 下面的检查每次运行都成立（上面的具体数字因机器而异）：

# %%
print("均匀随机猜测的模型的损失：ln 10 =", round(math.log(10), 3))
for lr in learning_rates:
    print(f"lr {lr}：有 BN 的模型学会了（测试准确率 > 0.5，随机水平 0.1）：", runs[True, lr][3] > 0.5)
for lr in learning_rates:
    with_bn = np.mean(runs[True, lr][1][last_epoch])
    without = np.mean(runs[False, lr][1][last_epoch])
    print(f"lr {lr}：有 BN 时最后的训练损失低于无 BN：", bool(with_bn < without))
plain_loss = np.mean(runs[False, 1.0][1][last_epoch])
print("lr 1.0：无 BN 时损失停在随机猜测水平（最后一轮 > 2.0）：", bool(plain_loss > 2.0))

# %% [markdown]
# 每次训练再测两样东西。它们随模式和机器而变，所以由代码打印，而不是写在正文里：平滑后的训练损失第一次低于 2.0 的步数（明显低于随机猜测水平 $\ln 10$；从未低于则显示“始终不低于”）；以及对有 BN 的两次训练，最后一轮的训练准确率，和两个测试准确率——一个是如实评估、用滑动统计量得到的；另一个仅用于诊断，让每个测试批量用自己的统计量归一化（即第 5 节所说的训练模式行为）。

# %% tags=["nbval-ignore-output"]
for lr in learning_rates:
    for use_bn in (False, True):
        step = first_step_below(runs[use_bn, lr][1])
        label = "有 BN" if use_bn else "无 BN"
        print(f"lr {lr:<4} {label}：平滑后的损失{f'从第 {step} 步起低于 2.0' if step else '始终不低于 2.0'}")
for lr in learning_rates:
    model_bn, _, accuracies, test_acc = runs[True, lr]
    print(f"lr {lr:<4} 有 BN：训练准确率（最后一轮）{np.mean(accuracies[last_epoch]):.3f}，"
          f"测试准确率 {test_acc:.3f}（滑动统计量），"
          f"{test_accuracy_with_batch_statistics(model_bn):.3f}（各测试批量自己的统计量）")

# %% [markdown]
# 怎样读这些数字：上面的检查在快速模式和完整模式下都成立——有 BN 时，两种学习率都训练得很好，最后的训练损失也都低于无 BN 的网络；在较大的学习率 1.0 下，无 BN 的网络始终没有离开随机猜测水平，而同一个网络加上 BN 就学会了。学习率为 0.1 时两者都能学，步数那一列显示有 BN 的训练早多少离开随机猜测水平。如果一个有 BN 的模型用滑动统计量得到的测试准确率远低于用批量统计量得到的，就说明它的滑动统计量还没跟上仍在快速变化的权重（第 3 节：momentum 为 0.1 时，它们大致是最近十来个批量的平均）——非常短的训练会出现这种情况。第 8 节讨论这个实验能证明什么、不能证明什么。
#
# ## 8 · BN 为什么有效？用证据检验三种解释
#
# 常见的说法有三条理由。下面逐条对照后来的研究。
#
# **1. “避免梯度消失/爆炸，因为把数据限制在一定范围内。”** 部分正确，而且 BN 并不是唯一的解药。看一个 30 层的全连接 ReLU 网络。PyTorch 对 `nn.Linear` 的权重按 $[-1/\sqrt{n}, 1/\sqrt{n}]$ 上的均匀分布初始化，$n$ 是该层的输入个数（fan-in），所以权重方差为 $1/(3n)$。一个 ReLU 层大约把信号的均方乘以 $n\,\mathrm{Var}(w)/2$，这里就是 $1/6$：信号以及随之而来的梯度一层层缩小。He、Zhang、Ren 和 Sun（2015，第 2.2 节）推导出让这个因子等于 1 的方差：$\mathrm{Var}(w) = 2/n$，即 **He（Kaiming）初始化**，在 PyTorch 中是 `nn.init.kaiming_normal_`。本课程 `cnnlab.models` 里的 NiN 就这样初始化卷积层；VGG 和 ResNet 沿用 torchvision 的做法，用 He 初始化的 fan-out 变体：$\mathrm{Var}(w) = 2/n_\text{out}$，$n_\text{out} = C_\text{out} k^2$，保持的是反向传播中梯度的尺度（He 等人在第 2.2 节中说明两种取法都可以）。BN 走的是另一条路：不管权重如何，它都把每一层的输出重新缩放到固定的尺度。但 BN 也不是普遍的保证：Yang 等人（2019）证明，在**没有**捷径连接的深层网络中，BN 本身会让初始化时的梯度**爆炸**。把同一个网络做成三种版本：

# %%
def deep_mlp(use_bn, depth=30, width=100, he_init=False):
    """depth × (Linear → [BatchNorm1d] → ReLU)，最后一个 Linear 输出 10 类。"""
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


torch.manual_seed(0)                              # 无论之前运行了什么，权重都相同
fan_in = 100
print(f"默认初始化：n·Var(w) = {fan_in * deep_mlp(False)[0].weight.var().item():.3f}（1/3 = {1 / 3:.3f}）")
print(f"He 初始化： n·Var(w) = {fan_in * deep_mlp(False, he_init=True)[0].weight.var().item():.3f}（2）")

setups = [("default", False), ("He", False), ("default", True)]   # （初始化方式，是否用 BN）
gradient_norms = {}
for init, use_bn in setups:
    torch.manual_seed(0)
    net = deep_mlp(use_bn, he_init=init == "He")
    inputs, labels = torch.randn(128, 100), torch.randint(0, 10, (128,))
    F.cross_entropy(net(inputs), labels).backward()
    gradient_norms[init, use_bn] = [m.weight.grad.norm().item() for m in net if isinstance(m, nn.Linear)]

setup_names = {("default", False): "默认初始化，无 BN", ("He", False): "He 初始化，无 BN",
               ("default", True): "默认初始化，有 BN"}

# %% tags=["nbval-ignore-output"]
for setup in setups:
    norms = gradient_norms[setup]
    print(f"{setup_names[setup]}：梯度范数之比，第一层 / 最后一层 = {norms[0] / norms[-1]:.2g}")

fig, ax = plt.subplots(figsize=(7, 3.5), constrained_layout=True)
for setup, color in zip(setups, ("tab:gray", "tab:green", "tab:blue")):
    ax.semilogy(range(1, 32), gradient_norms[setup], "o-", ms=3, color=color, label=setup_names[setup])
ax.set_xlabel("层（1 = 紧挨输入）"); ax.set_ylabel("权重梯度的范数")
ax.set_title("初始化时的 30 层 ReLU 网络")
ax.legend()
plt.show()

# %%
without, he, with_bn = (gradient_norms[setup] for setup in setups)
print("默认初始化，无 BN：第一层梯度 < 最后一层的 1e-6 倍（消失）：", without[0] < 1e-6 * without[-1])
print("He 初始化，无 BN： 第一层梯度与最后一层相差不到 10 倍：", 0.1 < he[0] / he[-1] < 10)
print("默认初始化，有 BN：第一层梯度 > 最后一层的 10 倍（越靠近输入越大）：",
      with_bn[0] > 10 * with_bn[-1])

# %% [markdown]
# 默认初始化又不用 BN 时，梯度越靠近输入越小，差了许多个数量级。只换成 He 初始化，第一层的梯度就与最后一层保持在同一个数量级（见打印出的比值）。BN 也能阻止梯度消失，但它让梯度反而越靠近输入越**大**。现代网络两者都用——He 初始化加 BN——ResNet（第 12 课）再加上捷径连接，让很深的网络也能训练。下面要讲的 BN 的其他好处，尤其是能用更大的学习率，与初始化方式无关。
#
# **2. “批量统计量带来随机噪声，所以有效。”** 这是“正则化”的观点，有一定依据：同一张图像的输出取决于它所在的批量（第 5 节），像是一种温和的 dropout；Ioffe 和 Szegedy 发现用了 BN 之后可以减少甚至去掉 dropout；Luo 等人（2019）分析了 BN 的隐式正则化。有时还有人顺带说 $\gamma$、$\beta$ “比较稳定”，这并不是这条论证的一部分，它们是自由参数（第 4 节）。噪声是副作用而不是主因：它的大小取决于批量大小，批量很小时 BN 反而**变差**（这正是 Group Normalization 的出发点，Wu 和 He，2018）。
#
# **3. “加速收敛，可以调大学习率。”** 这是证据最充分的一条，第 7 节的检查也支持它。Bjorck 等人（2018）发现，BN 的好处大部分来自它允许使用更大的学习率，无论是训练速度还是最终准确率；用较小的学习率训练到最后，有无 BN 的网络差距就小得多。
#
# **那原论文的理由呢？** Ioffe 和 Szegedy（2015）提出 BN 是为了减少**内部协变量偏移**（internal covariate shift）：下层参数一更新，每一层输入的分布就跟着变。Santurkar 等人（2018）直接检验了这一点：他们在每个 BN 层**之后**加入均值和方差不断变化的随机噪声，人为制造出比不用 BN 还大的协变量偏移，网络却照样训练得和普通 BN 一样好。他们的解释是 BN 让**损失曲面更平滑**（沿着一步走下去，损失和梯度变化得更慢），所以更大的步子也安全——这又回到了第 3 条。总结一下：BN 稳定地让普通 CNN 更容易训练、能承受更大的学习率；其确切机制至今仍有争论。
#
# ## 常见错误
#
# - **忘记 `model.eval()`。** 预测结果会依赖批量，单张图像可能报错，“评估”还会悄悄改掉滑动统计量（第 5 节）。`torch.no_grad()` 不会把 BN 切换到评估模式。
# - **跨约定照抄 momentum。** PyTorch 的 `momentum=0.1` 等于 d2l 中文版（以及 Keras 风格）的 0.9；把 0.9 传给 `nn.BatchNorm2d` 会让滑动统计量追着最后一个批量跑（第 3 节）。
# - **卷积层按像素归一化。** 对图像，统计量是按通道在 $(N, H, W)$ 上求的，不是每个像素各求一个；用 `dim=(0, 2, 3)`。
# - **混淆两种方差。** 归一化用有偏方差；`running_var` 存的是无偏方差（乘以 $m/(m-1)$）。`torch.var` 默认是无偏的。
# - **省掉 ε。** 值全相同的通道会得到 $0/0$ = `nan`（第 1 节）。
# - **批量太小。** 每批只有 1–2 个样本时，统计量几乎全是噪声；请用更大的批量，或改用 Group/Layer Normalization。
# - **BN 前面的偏置。** 无害但多余：BN 会把它再减掉；用 `bias=False`。
# - **“没有 BN，深层网络就训练不了。”** 初始化时的梯度消失，往往是初始化方式的问题：对 ReLU 网络，He 初始化就能解决它（第 8 节）。
#
# ## 参考资料
#
# - K. He, X. Zhang, S. Ren, J. Sun, *Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification*, ICCV 2015，第 2.2 节（He 初始化，方差 2/fan-in）。
# - S. Ioffe, C. Szegedy, *Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift*, ICML 2015（方法本身、ε、卷积层按通道求统计量、γ = σ、β = μ 时的恒等变换、对 dropout 需求的降低）。
# - S. Santurkar, D. Tsipras, A. Ilyas, A. Mądry, *How Does Batch Normalization Help Optimization?*, NeurIPS 2018（在 BN 之后注入噪声；更平滑的损失曲面）。
# - J. Bjorck, C. Gomes, B. Selman, K. Weinberger, *Understanding Batch Normalization*, NeurIPS 2018（更大的学习率解释了大部分收益）。
# - G. Yang, J. Pennington, V. Rao, J. Sohl-Dickstein, S. Schoenholz, *A Mean Field Theory of Batch Normalization*, ICLR 2019（无捷径连接的深层 BN 网络中的梯度爆炸）。
# - P. Luo, X. Wang, W. Shao, Z. Peng, *Towards Understanding Regularization in Batch Normalization*, ICLR 2019。
# - Y. Wu, K. He, *Group Normalization*, ECCV 2018（BN 在小批量下的问题）。
# - PyTorch 文档 `torch.nn.BatchNorm2d`（momentum 约定、无偏的滑动方差、`momentum=None`）、`torch.nn.Linear`（默认初始化）与 `torch.nn.init.kaiming_normal_`。
# - 阿斯顿·张等，《动手学深度学习》第 7.5 节“批量规范化”，以及英文版 *Dive into Deep Learning*（d2l.ai）第 8.5 节（两种 momentum 约定）。 <!-- parity-ignore: 7.5 8.5 -->
