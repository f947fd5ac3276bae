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
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:batch_norm_train"]
_four = torch.tensor([1.0, 3.0, 5.0, 7.0]).reshape(2, 1, 1, 2)    # 一个通道：均值 4，方差 5
_ = check_function("batch_norm_train", batch_norm_train, [
    ((_four, torch.ones(1), torch.zeros(1), 0.0), torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
    ((_four, torch.tensor([2.0]), torch.tensor([10.0]), 0.0),
     10 + 2 * torch.tensor([-3.0, -1.0, 1.0, 3.0]).reshape(2, 1, 1, 2) / 5 ** 0.5),
])


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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("running_mean_step", digits=1, tolerance=0,
        variants="cnnlab-variants/1:eNrlelkL9NiZ3l/56KsZZKJ9M/SFllJpLam0l4wJ2pfSvkthwDMTcIZkskIWk0luskBgyNxlBgyB/JSMuxNf+S9En+2ke2iH9lz0hbtBOpwqjo6OXul93ud5pB/8vU/qMErrT77/SVcnn2LQ9z5E4RwXn/4efnXJa6evHYah3//ke5+80+MaF6JxAsVpilApilMYHoYojcYZikYEGVFkeA3sx67p52vsZ//pjz7/d//2f//3f/Ozv/zR53/+H3/2V//wsz/50w/j0rZlm//dJg3bD59+wKBf/PQfff4nf/XzH/+Tn/3ln/9y8H/5+Y9+8vM//Bf/6yd//7Mf/fTzf/1fP+DQX//oD8mPDf2xuRZ0HfM35v2n//hvznsd9dl/+Mlnf/HPfvHTf38tqSjbjwsyDrsb4+LDNfOHpmvSdl6aD9DfgT8O//xf/sWvVvHZn/34Ou015PM/++Of//hPf/HTn/we/OF//oN//nHg73/4H//tw+f/6j9fAz4Avzzy4+8vHfbXP/qj63Tp3tdhG85l115nndKwTpPvQzdrNnfIGHUEBSlvgGbJuT+i8cXVqIWYSLqwT15HakZuTytxbnlDT5ktSjaBT9DtzQiMSgQWGqndOwp9MAtQzLsL+fAyrluGES6cr+FYVGZPKZ5IADQ2m31nTWsv1pKtemAnWHO+K4XgSlOGEpPRMUkGiqd0K723vTe9CfWq4RFZaBV1JRPDaSeujt+AW98bBw29XRq581U9WpIArQpIpsg+37A94nihYxDY7Ocl36T77VoXQzehzzWvYkP1fES498zoK33g6EvUWoj59IpRU05z+E6nT77/gx98EoXkdQlYhKURDGchmiVkhqERSmUJTtE4cY3/dRTTntjuch9XaqyV4extUqc2vYamWa8Iintu1oCBvkAeFvs0idVQWvsd7wsC7rTbKBYuZp0pnnSM8Zabkc/qGYI63IOK1TQmYwS5hNMapbPdgG8RyjYS/75rjnEt/z48Xj3LUyoaO89SyqwTlEBUG81zYbhWsKmwTdh3zN5M2i5SSknF6Job85VSOMZ3LuNKqIAJKnjz2LpyM7FeIb+9MGXzaW6qVwrwDy1qTycZ6sHOP/3kh9/7wSckThJkGBFXKGAKi+IMh6g0htGUJGKKzugvwsLC5iMYUW6+n/cRuZV2N7nCkfj7mgjLWASUoyDsO3fs3r2leCMjsOF30NtIoRtFsMqkLyMqQ5jStAaKAGxj7nZeYUQZYyvm8/hbqFZhhviAjmmsuC+kPLYTCZMrNzq7SYPTo4x8ZsAkPDxaCjp1Ooew7ZUuzxFsCAUE7H3VG/ZRyob8jO+36/J++Aff+/+iD3x1kWv/+Bf+JfCB4TTF0xCFKPTqogROoGmEYOm10SGFRN8I+MAfIQf52GAfG/x3EXs2L5S8NGFbvkDjHHmOcpji8xHwSzIdMwg+ptxCjmbptl18T2/dpgFMv1mLKm60drtgXSFvrYTnBAnOaPBcVIekSlhkfZVn0BcVherTZ8RHeIKRS1Uj/gjQWNJi/60txszPyoJMnIsu3Tjc4h5uMdwSaoa93647GNXUPSmnvk32s6pik3lYEcN7Qc0pJFVUcBDbrZNc690fomuJq+7KJOU8SJ3n4oRn/VsALjh3vJnlBbtepJdKedKKIyVIY6NZllIo4AbwQ6x8l44w5tOvYA+VRiSK0NfTTFxFLYXDNILwMEJRJKUQiv5Skhl8Mpq2O0CTgYC3Ri9zrTWcB6FXQ4Potk3eZkiib6Ht9oJx4UhNtbJW97dVCUTRLTBcitrUlyaKpSqkjMWyepRxFp6KCxoE6t876gCW2osp91gl5ZnwMfSwz+iEcgB6VjV/zw8JMg7yxbb5GyQRlVoAvHJf3ZPMlhjv9yVslsg9o2LWndGa2zshTCzRsnaNx7uMzrsDSaUdlAAyh8JcFkhqhSyR3cZdX7SFI3IS1PDtV9hDJGgCIRQW4iiE4OmVeNBV6VMsQlM6i6Dki7BAkqFTuv+QnuWIpP3rhkvjfBMfjBgl2mLfCl5tRA/oR6VepJBPkMpOQzFFV8g0EBchYtilthnO6HUp4rYxlcjLyQMujDZbeySPVeY0UZw5g83pgjNaBoXhneb2NqqCj2YID8TJHbQj2SuXxecplO98e6DHo/E3l59rYHnhN9ZhQotXltGNvwZ7iKtL/V/mg34JfFIYTSicTnAYx1ESyyIkpGMqTTA4IzOE+mbAh/gIOdQXzAf9XUQfYXlCS0XgG2JmUYVBdByDuCA+8SJRafEOzg6p060pQ3GeI9RcE4URmf5Mn8F7IJX1se7AEFg90oqkUxp9xQzls6gGqChyGDbWIfIbf5BD3vHDrYUnGiBt5p1SvezI9VUsI2Bc3yXAUyJyrBxT3+MsEpEEEBbg2d8DLHoU5ZweG8tl1CqmbuJHKtuo2Sy6Eay9iUlalOytQNWg2auBSm66ogxfzIzZuI8Xg8LPBWQ9oGjdOgVBVagalY5HOJCMUmq9Rm5InRMXdtYU8vUV9MGxJEpoFMnSlIKwJEEJlEqyjCJpAsLwLzMfwNko4aUk2CyE+XAGaAsOiks2WDtos1k+Guc1100Db5weRb5c68pL8J3oqQ9PYmoGWhVby8lzHBKsmzLQMLIYcBrrAijcIaoJWbE6OajgJbodW5CdYsGPmaFapKkjN0Z/YpRRzevbtEJ9BU95kuNXtjghpvuZIJP84UDH1ICepa6CIj9ymALy3vTNqKWxYKDKSiyIgn8GWqTU0QQOrNLKYbScYqM7uKpZdzCR5wi7Qb9Cn5RIkjRJqRj+JeLE6BUVDKcyMomTLAmRL8LSuNIaTkgrV2cXtW/aE+m3Grk6KZ2zi4a0O4k70+5YrcfBRC/I5nIbLGpSeqR8foNJRo4HIRlzijndG2Bg50FxSWdU1asdvT5+EAPkixVdhhtoqrnbWfYI7AFTotsz6W+nkDFOMx6PAj9zsuWqEqUDXTpuw6M4SypLYYTfp6IiCNtcejqnvgZ9PrIe9Nc78SXwwVICpiMapkMkxTCcRlKYxq7JoSTBKAr9ZmTXL0kP+v8a4ncRe+7+VvqG0h8UEM2HchwV/faKt+EmQkcqx9OXat2FdcUjcmNkHA8dXuBV2dltfArygHpMdiEH3o88LQhD3FgEOVViRN4tx0p10QSzpxRghgrC97NmHk1ajplB33dkArP6oXNcX3duneUudumT7B1GExU980xzpKJ6O5SD6zUw27jWd+OLsrILvRBdty8KD2avYWAx5JJ72tDdxzvKVRS3vPszmGn/YXjWTQ6Add+IPXNjasgxaPcOOw5KE+CdorKrzTGN6/oqpeTKo5zt52MGBOGdf5UBkRiCpHFCkxSNYhAGZVFKR+GVgBlM4OkvafWvo8kAuVc91wYQSa8fPfRWoLY+ooSIeyOWUEsH1Soce5VF+letztTkRupQIiI5VJAYaSgR2r4K6dKu0SVZ0XPwMw/UbooQFlh2qPHbMfDtWiX10oyxNlicHxw+2/lmxrRdWLudMXNY9fNhL9qXc9457BbcGA7G33Ms0PQ9jkZru521N2rOm2pj+mFREwEknmxxpq6lEqil+d3eSo2D2lFgN7nVVgKzS8Gr34gnbRhmXZBz+xUGXYKUjnGCiCIoulRojIVJSoQxEV2aDI1x6IuwqEii611aetwDy+/dPCoN/+xtXohX0MMyQChuAbljbYrDi7nf0mLBnxzadLVk0NJh48jg1beJW4DZG1ONV2W90Z/TO9B4zAGJwQyO8XjVWaKKg/q+7ToBJ/NiUZfMjjs/aFNalKVt8c7XvgJi7pXGzPIrYWktKil1sGfWmCplRr9H08VzPf9NGIT8Ft5PhNPkVTcoKCZIiEqImCQSmrhQiIZSAofSvzUIId8V70fJpGGS9ERulabf6kKCbhHMbd3R5+VgqaeXZs4YvMrYT08gfzHsZAuyfVOhVUCo1umAmV+fY0Aam1LYAj4Wd6i32zd3kARulhZZg+fB81UAvCXbCF9rDEF8TR6EBcp2TAmsxZH6DHmHVAGY6Ug576iVph13yV4fAaAEGxoqoTgjWJAcoiMcDtc1ls0V6btoRfY98dW2coSPUSE7Sa50hNpzuEF9KLE7dKdDlpWn7HE0DyfSoOoJz88qVjP8QVG3u4wlTLrLYT97KT9z0FfQJ0QuVptC1MWvo5SEEjglrscLpikoijGayL5Is1Jg41gY9zMlKDBXLkqYZOAuQvsmsI+4bFR9fp3DzDovvhCyCmWUhY3kd8OsVclxCcFCHXGgqLIQ1BtmzKCtXOGxpvqTJwmXfQKcgZXLi1TjWOaRVKGRGDiCE9TffjEAsmg+wkRfvRYZxS3lcsCBlfMepvaINjKrUNICP22Nd7NUP+QFyZGgq8J+Ydx4M6BCOZyl0ysy9Bmzm+lUORD7BKuSbTyVnk3WgKc57ZgTdF7fQe8H+XrvJ4vjj1QZhTMIjtEMx3CEpnEoidGEvuJBfiPg823wfoC7QL8PMq/4mmYEx9z3HU8Sdu6dR8ipc82FOwH5Aca3VtGqt3XS72hmVsMk79AD6pv7Q2j0BPWhp++GO3XbUtIx2ygpuy1OfJh7xvlQtxyIoXNESCUus2SwPpf+2agdYt/5GD1RqI+GlJ0BEGIlO8FVjpFcy+uimDoboL/0F0eVzi3PqKiWt8e10AorAPYBPGJ9E/r2qPI4Fx5ld6cNFoDvLwZzZMF6kshWUs98YAGSfd58z8egCheGcZaErHaMW53ZW5dKpHyL3sn2/CrzITI4DZMIpiEiTCMYx2KUCrEQQ0iSTCD4SzKDzAj7TJcWlkMCzv3IvAtV/g5vJrrGQo7qKgogSrimj1KF0cWT4rqHk6Aj9igrH7UBntPO+hn+Ani9qtm9NsOJZV2k6gZacRyexTYafKdRRe2MoiqjNsPlwsWFEUxNur2aE+wuxGV3/BZplGf7Hviek0d495kqsi4NrL84wnk/qEmk1HV0ZXEaYoTSYRYwFxpIOwBUHMQfM/EBP++o9Q7vs0DENwr0ANkj9h05yHR9Y/l30PtBfhvvJ6UJCiMICidwMqEzjIYgjLxoUJiiVIzA3wj4fDu8H69xV3OltF0l1K7uz6Qqs5BnBSPltbJdn5OMUOp9rXB9fMW8Vk02FTMImoEl7qwCsRbljm46y3fiSpwE6hAV65wv0SX26pDuHOVM75FnGyWLl3QfdlrqArrKCgJBdzIDFS/g5ZpEgwffesLHVy4hJr4V4+IueG0gS2EwEGhGEWOG4bnpdc7z5VAby74SHt08Bta2bdVE77BM2M6jIOzjrs4P7dERJANs8Yz1ZsyHcpMuwaY2C28fmaBE7gaxWVjXz3IHS0ftfD4YjedX0AfDYZjMMhqPMBiHkZDA4YxKs4tMk1lysewv0syEyhZ81XI/oJGaWlDjtDiVP+8OUr5PUV5UrUifTAm1k04uuCJ0vlfOJtb4QnwfASeGcS2jwOOI9XnUuU4fnnd2xU4NJ+juxeCx+hjhgfZm96bjxZw9HYxNX3KF8ljPZo+dkJjaJDjcetC9oq3O4yVoUsWyk38xCIGUxt2cfPwe2Adj7RZG3MOdMz0Du5ScQI60GeWiOeRvMdlZ4IypF9Xc36VQR3K3RodLCbohzBuUfBe9H+TrvZ/rmjEswmMkJDMIjTIoikgMT8IYI1OKhONvBHy+Dd4PlU63VO9Ww8PMghp7RfIA7PFOWl8ytfpw+3cFQXF8vMx5ZPckf4JoqVyZ4MqACsV2MyneO3kV1YN7GI1bHJgFS5WCTU9tbjSkiSI3tFdOPzGwzZ+mUxVvf3YUdAkdRSGt5Am/HpW5g7iSjDTvPPyZ1HMZ2OWWIhdBxpVMqzG/B7i9JOp4yGC9UgN5KeQje/C6xWYXZff0NS838bXRdGlmkCvaPg8ysS4jyK1ycDs/GPyS9wywph3dH7hPR76lxI4quZn5UuD3DbrFpnNrlfDq/4a3XyFBxghEpySNY2GKJ9cWEtQlM1KUTpIw/JL3cwgjSjcEmGbvCr05/QsLE+8h5aiFjrqqDVSWGagydQnjSRUCLhjBxg/wFPJLl0hH7pKibQMa1m/aMcPQMT9MOGBqFeOdUzuuECjKJU220gtyALtVFG9UCYglT2NbI2B5VMijTJTBtx4pguihRezZBlF5Eb3Bhdv7exdoq4UTGVVtr5yVPD++yIrWork5u1X9RBVFr8mns3qz4cSHg0J4Ngi0N+hOTFJTaClvzbjzMPMd9H6I38L7SSgkQ2EaTSgMQ6mrXKFREkVpHJFIiqIE9rcGIeK74v10TPMKhvfjqgUkWeCrWme1igsvv2YxqaxjrPD0IuQ0v7pjjFbHwGpvc35emkR8cOkRo5i2gvNi6iRagcDYY24iobc3+uJt4VAoxfUHW++V4oVDXoaY95Psuj1XiO02a+exoBfZqkeO8tlHHdhlc8Aeyc+SNq3lOAa3N9PZUXmTEhMW8BTASoAgzzqZX4LpzQERJ3rWomMLe1DQVYfHi4hqIyi27Y83kGfwfM9QHrYVL+5zeRgyFc/qxOaJRE/jYAUv0lBVW8DdtVNu1u2rDAi5UIeCL0UfZRSM4HD48SUYDJEQ9lGD4F+kmSWbCGyDfkMxq7lt9z6yo0DdhcSosrv97txHZuBwwj+J2XJKYIlVZ3v0t2aXcu4uFbPoUGGSSFMnnPnKyVNOIYQqD7N4S28H3yrTgFjqVsc2pxhqBRJCxeDWgGPQ+hSJBLBmrhq0zIWLW4mg9xnTExo4xMSOktqY2JV7qe5NueCX4U9+sjVNeHtqpQHGmSnDXecyBuUwcWNjWaZkLdGAHXBQZC7l5EkFD/zcKGt/v4j4O+j9EF/v/URkFsMJhlBRClNxGpPxlRUEBlHRR/MHy74R8Pk2eD9HTuLamrDoyxHVgEPWs+z6LMmPYNWHck0ALxoOA2f6615HHSW2pOMmRJQ3AEuQcBu6TC7ybGS9MVwYdT2VyLK9o+8bG23Fc9aLpSXyXlL6U/YcH9POCuFwBiDGnfEmh1kfZDwT0ImbvKZ40ptF9BJBAGt6lUd5d3yzKLoqMFeXy2QNsExv9F92k0CZ2DvSC0YVQQhpEGyq+zNw+zYHmHlKZwndnx7hiLQUnaw9j9Uhk2Z2T7nNpzIcN0tuIN3WO25T3Kcwcb/xGJ9vv+G7n+SqZhmSptlV3JPsYi/ox685qJhGIQon0y+SbGfVKtYCZCXiopOVnNeB3l4xrNZeekq3D5MGRut8hmtDbr5j7KxAlgkY5UgDOHZtrVH/EnUef+m2XGIv1vWsLXQCC4DHTFikZJZRA6a85XQ3FMdBrNPiV/6eruebxqEXqKXiEq8lnez1dtgRIgMveTWMu9A/5F5rFjcQgNQtozeQjaF7PInzvr/OSmVHrMp8LM9pGqH2SS8DhrzIZU1//DyTb8EKM2/myGhl48Vpxx/Ud9D7IX4L74ekkISGIQKFMDylMuJjl0ijS4dlcEik6TcCPt8K78clGhw2gtZ5UFzjeI3zuhe9YYl8SeWZe9u6BuOIiQLAPLFQxU1noyhqzi9BoIzInsl8Z8Xd5ASeBt6DNM/j6Qspn/xLDejg2XPe/GTxuni8YSvViJVQ9sy3m07fH4B76f9oBUftpjyJkSMZZbwDqVUoL1rc7cMqgIO4u26S+mAhGKrICfVTxq39JEBfcQdwjxxpKpV74RtBUiJTm9AWEQPkPp7jfmePzqkD/c4wRypq9WnURSaLLfjaOMveoDNhnLkxeOmlejnwxhGk/ep3PxCZ0jCOR+THByuC6CyOiCxBMjJJEgSK4S/SzCdwJQWdbhOtVS3mYn0d1quEH5io399qlojuVoMck6Usl8D7a1Oa7VJpGnePfKVqtYFUX365XSKjDrMMmHQmTIZzc82WYXeDp3SVZrGtZ0vjdQIYR/XOosORVojXveggs84ApE4SnrbweXvV/ikHZVjEm/YuZGVgVZzDhgMip6ODkI69G96Sy3Ciwkhy5yPFTM2L1z0rWCN3vHRf4zvF8rYTDpjfN20XMPQdSpycP5H8O+j9EF/v/SBwmkV4EuMhGaXkVaguXhiGcBRmWJLENPGNgM+3wfvRYK7pKt2A40ZWxXtw82o/e4pnw2Fe3frPVwFBDCRLI8ARzQs94jfhmovUzRpDqk7Il80KDuY0ajPGYwrjF6HeweEKqIYSPh5ogOnQbWmOqjoqqCJ4oSFyiLHejDaKce/ivTytPlurWxxoSLzOWc/lfn5XfIdUUkFB8zzISMFHHa1Y5ud083iT5OI9vLVjTbusaHEVRi9zr3i7YMneggNnRKzWmAPC7Uau8314ydOEYVqwAwWSUR11qBqpg3qIllNt3VxiEgb5GQo6HaGwmobOb3j7hWYpTpFXFYMunQOjeHYp+4tbXxIsimE8/JLJYU577YRY4MCkz9NsauJ2oPVIPR36ZokMPAdIe2ZOlxMSmRC1MzJp30/68MCi7D7h9AHf6eqx9Cc94aW3F5KoEVWipVnmy8uFxoQuLb1FBbjoEXjcmZOBj+p7HrJwTHGws87BjK0SnUj0LmaJzblAhfsIxVR3ghRJKhOMiXm/LdUb8szcXb8M3I1KkaizTU88DDMwdffJaN79zGT68Xqw3TJfjUfF+NOHFTyAR7/C398F7+eH/wdw++6Y")

# %% tags=["exercise:running_var_step"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("running_var_step", digits=1, tolerance=0.1,
        variants="cnnlab-variants/1:eNrlmmnP9dp517/K0XkFciTPU6W8sPf2sD3sbW/PjirkeZ5nI6S0QmoLLaGFAo2YXrRVhVSoxAsaNajfheYk5FW+An5OAucpmWhFpCTVve37vi3bey2vdf2u///y+so//LQOwqT+9Fc+7er4y/CXPgmDOcq//Pdw6EufkNdGXxsMQ3//0y99WiXHdVoA4wQMoXhAQFiAh0FEYQGMxTFBh2SCp9h1Yj92TT9f5372x7/+7X//b//nX/7Bt/78q9/+0z/61jf+6We/9TufjEvbFm32D9Zg/OTLn8Df++Zvf/u3vvHd3/jat/78Tz8/9T9996tf/+6v/YvvfP0ff/bVb3773/yXT3Dor776a+SHHf1hdzXnuuav3fWf/7O/dtfPvvab13Wf/eHXP/uz3/3eN//D9775m9/6y3/3nd//cMG3/vvvfPZnX/v27//Z9775W1dT86L90NBv/8XvfvZP/uTb/+obn/23//ydf/kn11df13/7X//Hz37ta98/+L1vfv07f/wX1x+ffeO/fjjye7/93T/4w2/9xR990nzyP37z9z7vxNWg7/7Gb18HvvwJ9ldf/fXr5sne10EbzEXXXt8xJUGdxL9S2L2fymmDehThu08lzIp8e+F4nJMwJlZbn4lu7+oB46fBSg1u81Iqt7F1Xxy00SbqQrjvmK0aAQKroorf7o+TW5ZtKTRmvwvzewXnxp6SHddQjCRrJSbZbpijG30k+4KpMPxGaOF+5sd28FHn35aYX/2c3Eio1CyHlgfItjuV3roWI7zjuQqJ19vQUVEwYr/oc/aaea3bfQwapiRYeEKcF3LC+buhqGVmdU/W7DWrfNwgEKpeh0Tr7oahZMUdc/xBefoeetLsi5qVW9FG86GxNyAAIuRMbDSW9C9/+XpuTTHNQZVMn/7KV77yKUJCZICiBAERNEogcBzAQRrheIDhIURG9HX+D55s7FDOnZjQW847VFw9eeskhy10d4wAco7vNIpRxjuMr2p/s7iyjZ6gxleP9JVhWM9LXrsjR+x6RNznYsAdoWexaqXJDGoYnDvqY3I2zmbiPrprWTeYJY84ej6939OLIXNGfBAPl6BFSg+dZG9v62T1zfFk16FEhlkN3qiECPAzHvy85tdUgzJoIDuMohlH8F6MUoqiK+KQawCf/uqXvvIpmgYhRERRANNJGJAQSlMUHOFpSmNRisPwF90OY7UsZPcRrgnJdSr7XNrKqJWU9p79AelCvpgvBIvck1SSuxqQap7L4jQSpxEsZpbEzQ0yKcB8NDMn9rztW0txM6X7QwEUDmDp5iU/Vxp3g7KtxxI/yFLhn7KXWCrb2/UhbalSzsJZ38UPg/eh6RQUQlCM4lRCUFEahkQaYTGS0BEdJSkeQF80nXd3ogT1sHpSkioAeW52znaTxuNsuvUd8e6tfaFo6XLko6Y4AVvgwrKGRcz1MRMlmHlRaVGoAHDqEzl0UfnkmhmFJFTRg3DakRl9G5iiCFJlp1F4P16rBeTgxhXaXvDFghacQ925DjQxXxcXdD9fEnV14Vf/0Zd+HBXhi4bItWHXhn8ERRhLIzSkICpGLyxCFyEjFEJSiLqGiiQh5GcARfgDCpEPO+zDDv9FZqL54M418W7aAFDCweI3Ug+3tBpn0FtcHOumA1HRc8HdGJpWxQzr8Y2pVNqC04xbcSw/NH9z5zf8tLH344iHIUPiflLAGwFxR8xksR4FL67EigjkAz3FOlnoJG48YvXBCHyl4RrbPghPl9XF5qFoKV/xDCf+Q8gRordWp0m0HfVBSn8UiphIoz2LpcfDZ2uVy6Nzhow+nzdg3DA1UvLblGVYmbuu8QY4MgfFEH/Nw8wrSUNy+bnCnjTV+13rUuJUbCYh3XzuxEyrItobl/Q4w3gTSPEkLwSCwBluP8zEGKZw9Pqh8WvK4RGExGmKIEiaJgiWYBHyRYRRr2VQ72KjI0wC8tQWTPeOB+W2w5yMJMVyWPzDkdHnnZmzGzc0M0/3SMHzzxVoFNt7qrjAacDNaFLaoFKmJZEkAzLgIPkj4kzAG15ejr9vtZZBCPy+zfKABPuBcSnoUogSp1nLl+K+lrNdeTeW59IwRzeaKOPy/tIwvAHEsHMB/JZR1oXXmVkoKjuxe14ocotBrnPP3L1mbtrnYAkuqGAYmcQBEqIkjRE0ReBBQMAwldAwFnzRbZIohtNaY99dYHKHPb2I8AxEwJc77DzHSglgxjKuIOEWi+4+V4g0jADHF0pv4NOzZDlZeiASQcSrDrhoOYm7j/lIy3vsMSTZStGht9DUkMPx0FqVddbDgmu9ur51LQ1VJJPg43FbXpzE/ICJSEqiCIThMB0QMQzDBBkQQZTSCQyRZEhhXzT9PqIHKBkvZmSjIjoAWHPOqphku6/G3H/iQoO/V+Q2FVQz691eJ5qGjfXxZp97huJ7kU4ahLMH+PB6nl+BcwuDJMOahBqbk4JfguhdM0/qi7c0yji+sDObKhb0emFWn6u1nrnSSUvvqVK7nIvf4akc6k9mInGxkPrfShH9CIpIHAYEEsQwjcYpTVzCEaWRa7iubuMwEcU/AygSH1BIfaEU0V9kKsI9hJo5sCMtFIHxUO8M3uG16j9vQWEED+423Gi8om1bAwZ0ugg09bjXaJYmSfgqEq1omeJShb0RVm/IejAoczLLrCIQN5ermuZPDzm15YCml8mifM3IwrFr/RXnKhS+7OfeV2Y1br2zLV370gYB58nStA4faBGTbkdHAYR7/fbWOpNAt0orkMOLjeKmmbTatKCH2uHicoOMCiSrtylEccTrKssfTR7XT30LaKJ6OQF3Z3EEaYx4xL07d3TkGfoM43fqcKE4MIcswBNLOsAehhpFMBPPuLk6+X8TEaUJFI/gELnyMJpSKY2SBEKml1O5NCISfRRffaw1ZWXphKGkkUvnb7N9gzaA3i85GDW39kA8kOPDc4fLyswNpsS8t/K0ZcXlFO4NFtZjbYailVqCuxHDI9THcAplZNMPhxf90tctenZaZt9HyO/14oa8w5SkOrGETcVTbtb0loEUhyJ9k8kiFhBvsc8EVcVKmprm+tUVB9QsCq35opJnXN6llraTNmPYFZJz0JjfLdlZ9/5zrMQxhlwqEaUuosRQiBAwiuM4FSGX9sKuR/BFtx/wieZpFvhZYZk1/2IfvdCKjCgKrwbr6Or+RuL5KBb2RHBNrWehesTHPstcSzVizvUXb4ojIWAAf0Yb6jIhdsAUoGIzLd0UAHfMDAJ2Ko7pFL0RwDUHbexxByKm3sRzrAPNDyBkaxqJzn5AxDQJgjT8II7SiKaRa8yokISuVsM4edE9/qLpgY+j66ON5S2xcvtlrGyiWWzciWzZk70O4752ziFCR13K1exglLvgzidD+tlqIXJ9YnqDwrx4E7SjGllA3OLHw+RmKBBmXU5CXRlihLo5Hu0mbHg8jX0J+egpjW/Z6LoY76nSOuiXluaZ65mIzozE4ycT8YNCRH+wER8BkcYSEiURCsavzkJ4TMVwfP2DkWFydf5nYp0/F4jo/9kRv8g89MBs57Stpx0bmMhZQSEXyHDAoaJXU5N8vgo9w4JsWUtNrZjgxaZd6qw2kAPZQGuBjTi4bEsQKb1Q3wHAuKt0J9DcM41TiZH28YmBXJ9KVj4Oqn3WaQLSywIDuu1V2rqXWSbpLvQylaIirYdAOSLJiLuLrwNldJjg+KgddVa6RDspzgNvC+ONCBfsrVJSVrwM99xAS5Vsf3qnV47nvSw7DatZOQ8DCuh4gMJlqirlkqiH1wYLqRq1ocKzWXUKKoh3DXs06YN9JvbrMEHc+RFOmaDCCKJjAkKiK36oMI4gjE4QgoiwAEfTj2CQBan9xqD9XLi9wnqBlLS1BWeEUG4ez8AMTq7hOPNAX6zWzRiLSEMX1BocSo31eUvOCan6B6Sl4zG8oKCZMpOWl3d/rImKOtLQ7H796PxGzbKFRRuMNbU65FzybkF34dxJ5a3QIeOKVIlKHED1CuLxnJcj8AAHipfhZJlPBOysJUo3SdCk6ZhIuJr3/G5Sc0FZ+wn0aaq/pO/bTToNoIQI8BgnIii+vDEC0TSMUuQlOigS/6Lb8JgMU+VgU6o9AhUX613AqfYuMGsC89jLLc9CbxODk56yb9adGNJKKWfHaRejvcz081mn4eVQ3zvtPpuQSQJ8rmjR5fN3eozKYLDKlROCSquIx6JEnHNDIfbtsiIyjaCtsWCeHG6hGrcvGIigEE2lYRoHUBjTIXmNWXCJ2ji6qE4G6EcMBG4JeXJis+43pDDw27N+KeesJJcN0oC6E7Tn3dj1vHz6VcB6c2/bQVot9U1fdoFA/CgcDCmvdCOy7nSqOmWjNOsNPld3csJTYvzW6kdtFtK4Uf3WL7Y9e2b8+41zQ7xxmLLmJYMlt2Haknp4zx4AbT+SgdBPLyCidEJd6MeTBErCFI0hnKTJJEmxGIau2Rr+jSkI/R2rIDq1vfO9dDQtRe+GDFBunr8CxianckhY5030ZaZBYsbius2UuI7C8FTF/okPYjxe6RNA4mUjDHbWEoReRuvIoJDtMDXeFLsmEieopoIBj9oQjak6NDxe94hkn+/lmOXH4569AONx2fV7VA7S6D/Z5Zq8wj5UJwXuWgm8LrTSO5kJu0baatUCdYqwYcZ4g4e/4LtfutLDQY/yeRnmNC8NZXt17Hs/JmbK4+dMBYxFakcdxVW9aq0AyQLZFO/FTzN+J/lE9E/Bal7ec7cFl0WNNs/ACItJGJpHqipR5oe4CKFoGEQojIYhdqEwDaLk8pARTEHIJZHij0pprXxJXH2LClDhXycDaitK3yX54l/FOZQh2yZTMXQ17F6FliIsGlvlbgN859vIiKqTTSvuBh2pOQXGAB1s+DLGKVv1dRAQqe0Mud0qlsxMM6L0XCXJ7gYJvjeMj5mWMd3idmoI1VECkHViQUQL3uCwlYzQFbRiAzbctFWeF0/Ap6LlUQ29PqUNT7Yi8Kho6gSzK2pK6hAwk/scLjBFhTSK0HSSXAojiJEwRJCIChPsQzrAPoLLW42xk/LvwIoyMBzOXuC00ECc3XMZosGCmfIO7mVqC/4tFTcTuwZA8+ceF+wumZ+Z3hT3PXRHLDP1FrAnMcCO2u3YSgYD/VH23EZk4PPlLOHLmqHovGlASXM3mctOZfFlOka3iEP3c8h+ASqINt3mOhvEdzc/VoFKK1gzxwSZ5XmhRB12cKT+yVz8cSVECLnmcEgRaBiHxDVGKEIkMRIQEJWEaPx5Gvv/jsVfphri/RS8KpB7mXKQ0ucCjLnRm/cG4cEcVPVe3w+517PcgksbOzDO6uFE49LjbVX76EFpnTTQ6bA4sz3BdpLvlncfKzfIk0m3Nk5CX4XERTN3lNTETc1OS8fbbu0nA0jxgXuQVh1V/vDi/ej5K4kOKp6v5NMekGSVsOeNzapmJwnWqYcQCfGt6u7GhOj1Ao5qI4vR+/mIY9/yw25BmogPZzLK/TpZHMPu9YZi/CsVi0aayvekf2jt9hDeAinTBgo58Yu3bvvxWkYQ3hHaY5yG7ewke2LoVAu6iVTP9nWvfpiKBEKFlzxCUyjBSShMCQKKQxhPseQKvPAjKmrcpe3e6SNTnaW2Qxrpo2oYCnCmY76aoDBUBo5adnsJqyRNSIqWKqFTpVER4fcyUcmtPJHAFit+HSA1wCVao6McHOxh02Zu9sfckqJNOuFuMiqO0LypJvAbNsmCG5RnFGxp0KILMNDOu1R884A4moDsZboVeiGPHNLh84kISlFg6mjnK+8Rl25jc4t+6M9zNIlctdBm1Pnkc7REGEwiAR0hQQDjUYLgEZZcJizESCpFo+CjbhOrJpc3mJjkq69PR5qSN8/V97q/jMDqAlaXL7E3wDk3Ss94iZIXeLAVHpoys+BGtrU4W5WLTcG5tp6m65wibUpuf+RU/1B03ViE1W0eYb0bh4ZMNuPx1j5huhjaZSHsjRo8NF3JysCitp//GiITPWVLQYZr7kZVDqgksSfGk/XJaNZyAjZvPPSTqfjji4h0QJJQnF55ILoEckxfoj5MQwzC6ZAKEPhngcVfqiri4/54za6kguiZFW76HGPDeOB02vixkAEFEbg6oj8ejXlkVodK7COlJEGre7eckhDv1QGpX9w0NwNureaGqiQzMXaqmqZ8j2DpKWb8it6Y2xB3k+a0iBIZsyOT1Y04QvwRyZVoaImRPTIKItCk3esuwvFcpXBIR5D7UvfVQ4aeuucZyn5zL0H6aOHk+VKjJRwOEyhKPTLuKOV1EsnBa04FHCyJEyLON6mSydaG9JEQyvTBSzw40GIC9qtGEHtfduKCVk0cL3LjiA+UlmS2PdNZp96+vvsvDCQYcvgRLhpF44Cg0DSBqCiBYyQNApwOYhpK6RSPyeSLKNM1DUcbhlIY9abQzkRWpelIYmLZx1skcOeYhZr2R6jzHgu5Vy7lqRX+NN/NUsDEo5xHcoT8O65+gOIrK7FdGqB7oKsPCaMW2mYOlwxW+mTz+7wWz9ztOv0eZIj/VoKp3+KpGEYmd+dpqhSgyOkWXBzVWevVbC26Jey3Nt/cx6QFY58WVhOzDNs3V3pLraziySzBwpyyhi79Phfh4AoyPIRQLEYpmESJKEgxPAxClILgkPxILUJCYg7JyxYoXVHEqNtOPY97bNVWp09qyUc82NIKSqhcvW3FmsCkStqEtLZebt/bNfSUx8dSg+lYGgu4UdKEDhA+p6B4v0MK3iyeS9HXI2oiLLMd4GTWKn0slxouyJiNhmg8nn1xWnRfMT//lcTVu99m1bxjrYpFD7R9x8DwXAjoHHZW2IVTZsWfzMUfV0qMSIJEaBy/4gjHkQQKE5gILqlIwHGYQij1s8DiL1Mt8XbKjqLcR2Njc55eOcMlGnN/BL3Wsz43m/TGrmAZ3G4z/aIuB7paxDaVR+KFZW3wlFmq8rSF7z3asWuKvyddl1K5W3FWujh1V9JHohDYs3PoozLf4DI/7TU8eK1bwjsjF/zCVU12s8kaONaW6VLMpe7nod6LV63uCUMRQdIFo9Dwk41w78lyXly0iXV1BjCTeUiTkyMc7YEeRksXAaor3vOUGevGAO/lszsbp3fo6qkx5OzdOtLYCoEpEy2p1/SpF84OxL7R9Dxe3KWs4H+ojgjREIYlEI5FERlAeEoEIYJSOBbG1KU1PiqotS2MzMWygeZrLOVxjB0IrO8Olpy1agMWfsumQ9zTwlBb4HXgLpNoTwI8uixFQqcXgn0y1g5hFRgXsZGVAG3CwGcoi5rdPJpLft081gRb8Mo3ckgqtFxzdPnqZ3qZX37Ldc8ywqacfkLOTMWTkVFDFQxH4nI06KAjbsla6Vcu6kivQplgwQo6t4S1nb2U2bqTthXCly9+MSjyfWWYJGl62S4yiVGMTC+zCSdBFMd0DIfExZWP3qUIPG3NfvYI7oGTWZMcdUMBePVKbrleuTDOoBjwZBuwFqb3q2XWRQ1mSn5wDh07vg+M+WBWkd+/jVRoWvzekR6XmcvSHC4uU7FDv4NNGN4js1qa3nNZbyxKPRGXfzmrurafOjlqrFcg8fbzX0fcSgWor2NIime8ZEOXGVvjUsPLUsVyNWk43PoRBMR+ehkRvpwxjkIBiZAwSqNxeClChEBhlAxILCSjvykBsb9jVUQ9BvrCE7Nun8zBXFwbMftB0hLPeJ2ZKDrLVt/P3VJWb2B38WEK6jUhboQyFa2f3ES0l4dqrZE+oOYrD0J1vTK+RexVkMF8ppKsTPvE09EZx/ZnnzQJJINv4ildk/wIk7exDyQnmJaOq75yX9toW/2bUvTVznPouSSIywfL+5IrorJ7/XBv26h60hH70DS2vd0gl5DvFTyGEsMEelF7UAxMFizAGhy+qvs9WcVFw4QZfZ6GLQMh6hIg+Op0bM/pUjppjVHWxfcZmHFvpXG3BbBHnxlQkc/NQ1dL+hFrbiIIQXAkptAYDtCA+uCSU5qMogRF0zjFPqpJxaoerFhRyiVPoDU5SlnbcRU+zS8gwTZNTw6As2xAW4DOYEVv2g+phBe1IRPFSOk+9HfIX1tUn+m3eTjijViSSoeqBwxB23BfAH2uCmwjHXlmWNiEeNxFjiDP+rxVSq2ZXhloSuJ5KCmhGraq4zyO2Et0NgaUb7odgGHsJ0Swh5jc0oEp3iD5JmrII6ppbb8rSFVDFfJBl32OluRDKqBj7PpcJjAIUziEYgKhrtRAwin80fLLyCnx0y+dhn8oIyOeAKbazIplRwv157JybiXeefyEhn2xpW57oADij6vPNpM11PfE8TYjinVb2KTzjkOnpLdhoFc2rBylBFCZNaosTL2HOUeXzcIXOJ3TQWs3sSOHvYj9pkwdg0fOVNh+7quIC/e3WoeI/dQiIhGR6YeadoJSBI7gMALDl++KUgS6xgqD4J8BFH+p1iFSD245gCaw7bXEV8BS3ig0kIZ2mhBImdqLGRBWTLbXQ42vwL89C1TAHSIRjfrK7jMkktiavTYIcTpbez3aIM5Q4MWFpsln0g3Rx1E1szdcLgj4oi9MigkFm9PJ31Fa4waQU+AtsDt177vddJHz4KJEKU34eBlVMaj7W7NlwZrFEQqeq4GrqVhrHrKjUi4zsLtWI0O+sT1zTYKR7RMrWPdGZ701SLPGC0pJ5go8vG4sNb/MrdUOaAfUujXajMmQZ3bgySQ6TLswy+XygUtVKRO3nRq+SST65BEi+2EmhnEQB0hMfHiDFwVESKcIBUfXhMNTlEKIj5TijY2itpKWG0W60DuHvSKINJ2YEOGuTvWhyLQD9YOFdD6fvXc8yKpAimTH0/FuJGJWHhkNVNHFHchNJvmXa2NOVDegCLrrPSFi1Cpb57KRlnqjH/4sk0TliYAxobfqXKRtvQsP0JJoe2Es/n6Odac5KMsaI4gtaZ7Dat2nREEbiE+C8UQQlagtlTTfgxZaRpo24wpdsHdgKtb31yGGAUKRaEQlVBJeAXZJ5Ri7dMeVIoIoItIvuj3fxkz/8Dr9NfVEwOvt4HYc2YrGgzTJWItWDBnfC1sgQGfhIaLcoESXDXQr3IomiRzj7IW9WmyLPE4raecZLhgHEQXC0AvUE+OOXV4YyzZbTWKZbFEJASCPcdrwIODg0tQLYWStvtw5IPu5ryFO77/VOkTsp5cQk/TDKggy/nxiEteg0UQYXTo5xGkKj8L0ZwDFX6oKYiEh2YPLiDZX3Vf88obSM7rI3shE9mpdokI7GZp47peiLy+khWubQTdmTI5UvNWTE4vcC7PJiHzKm95P7x7VkQDsncT0xKMGEG5mj2c8FJkAsxxcvS+HOCobJ/kGeIpOa9rvkV3juLEWjrRkJTcziYBsTd/MJ8nCj5Sxi/zQgV2oemQfuBdkC02nGBmmGCsAohjLxx5gpHgCiGL/xLh9nD12tZwmAKeArXMtp9FCujetyi8k5aZIZjbn+ybGq3JO41OF8bStSU1pV3Y91aewoCkg3WB3dNCe+CEiXr4RvSQhHNA4EiYYEUAYGqMEHkIXLqCPTOTN4mzwNSKP/pI7Ipa/b/eSJx2Xye/JK/NhO7jJwFAP6SMTuuG1WjJNAFKiZW5MX2H12ngxRg9NqHhWdEHOX/Z3r26xqyZLjpE5Lcq6Lj5Z0e6xTqjYyw3Tq3n0UnA2mCo0FDI84OQ5TLe30d7Ftt7vz85ttsdJSGvjMgoDWaaBV1jBcwSI58/NBKYELjKHlPqnTO9QccA6WVPfxwpKI2hKkRGKowEaJySGU2FyZQSMQj7U4L7odpdpDimOGuVJJI2/ZOXlIb1Uzba+coggZUyZhNql8t5uLwSkqMOj3BkERY/Nvil1oCWIdx+zJukbcO8fd/u40S9tbO26RxboVcOsP0hRflbhQU1SzQqYHmm5LyXrnSi6TELLKMI8gs/zn//q4Qb8rdYhYj+1eBhDWBTFH16hkJdcxOEkgqjrEWAEBV3pGwl+BkD8ZaodxpHPIBgSeJfICjEQp9uskcnGHiJ9f4z8XbIdPAZGj9H54Rk3q5Pyc1cWBa+YKxzMfgUhMI1cli9/z+TDpxSdA0HMStYrBGQJJ8gXSupV/Xx53KPEtKPZ/UJpQB+pZUesJOfRWYg28xEIq8FT0dMhp4Xc0Z+k2T+f6LFMAFR7bzLPgZamdUttcW23pUHqDfwwJYS7X/qUlxNTFKIgm0C78tAKpLcZo26ol9MB7WED2Pu+ezXGsmOQ2ETaJDKuUB8N1KqBst0fOXJcN4PKjPlhVXgJIRi/PhCFXjY5jCMMSxMswQMYSyE0+egVa68xfaVdjlE192AThO6hJexusCM0+VBYdjdaUVr3PlLqal2Wa3qD3KHig9gK2SgkVH6afstykC8ei+b4OYw16XtS/CYINuLphv4L7RslWI7o9lxaxWvZac4jW2JXAyTeiGHnZUsnzqt/S3eWlzsOEUNc0QcEVh9i7tkZgpHkXJH3lysLpOFoUpAajZh6U5yrJ9DPgnx/FVoefN8pJ1iKYTEVUHECXZaTwuEQD2MKI1IoRD4uEOQ3tFjnYr6Zl6wd6IeZ8o4NKiCN+ZbbA3jooe1+rsRe47yBmxjn8B6a3zPtNoogqjReeQ9tyIODvW/MZCAXzjIlWcUIKDGhdb/LjcPDWYkui/neg3ATRJVqXm+GfN00KOyg7eAEXBDp58//OsQ9/39bh/ir/wvrJf3x")

# %% tags=["exercise:momentum_port"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("momentum_port", variants="cnnlab-variants/1:eNrtmtnP7GZ5wP+VT+cK5CPG+4KUixnv29ie8Yw9E+XC+76Md7tColApSZuopa1oS6EQCbURVSldJKCBXvRPafN9Sa74FzqnDQdoId/hQJDOcjeyn3devx779z7Pb55Xf+9B7rhB/uDzD4qqCMquL14BP0c9vKkaP2heAR88fJAF8/Us5KIBRoAeDsEY4iMejEKuG6I4ieIIHoT+NbBuqqLurrHv//hbH/7t73/wd+/dffvtGx/Ob97/wT/cffX1D95844Ov/cH7P/ji+z/4zt2779z+zR/95Edv3X73y9eDNxun8+Jt1RQ3d2+9eVNUQ1JGN6/c/PSabv7j+z89CNx8Brr5zzf+9PG5zz466T4af3P31/9699XvXb/18bhXbq6r+a8vfumDP3/39s++c534Rp/NqrnG3v7Tl+7efPvDL//49t//4vaN793+yVt33/r+9VLu3vvK7R++e/vDf7n9xus/+dE3r+uKk/LRqm6//u7jwR+9/tbPz3L3l/94nffuzR9+9Poff/DeNz/87juPPly/6xtf/uj1t6/T/+JNeO+vrtG3X/zR44jr+Ntvf+32e1/53wmDqc6d0umSqrzO2wZOHvifH1ynP6dbiOsJjRAX10tVOzyhsyUKfHf2/KiwpjNBWXsRAbidETRGybqOb/SAL+R4hh4clw1W20pnTAXSU2iNT7KGy+SqyUh48qPTfmRMEO6iLUFvFhEAKUSZFHtp1qS5YEuaGB1bbSbT2odotRfshi8O0FhRmAyzFJQxhkJMrsHzDVrP2io4pG6+W8HOJc2ZvBT9Kd0dSXSmAb8szJ1IBJ2zhXKy3G3tbbWPbWuhszZn1JVsvPLK9R4USds5WdA++Pyrrz6gPNCHEMLFQN91gwAnPIdyIJeCHQoMQwi7xn98l6xaGWFaq9brlGxEVsdQqyXC9bqzZmEX9elZ0VXVCTlPgGh4V7IjlZuxDDvH1g/RlUurPbveQXbBtNIekxucFfxkp3E8PyqJnSFTY2zrMZrOp6wn0x7bSEpHLyUCxZ7AcXOqqArsO5Dcch6/2kX4KusvOWcwWZV6VC+RjLO4aS/43FokZQM+hDSQW5sG353ijb6Krit/7eGrDzzKDUOcDGAEu75ppI+HCObAPuJDHuG7MPyz5WLxAQmKWW9M/cDYyP4iKX2hUjuSOwqax+8l7cILXAFm2rASQ9HrzoyoNTrRiZ6KmFxelobsURTEkNhlGs1qpQCFRJ2brdRxwb6GuBZik4F0l4IRz5xMTYKieV4cId6l5Sy1p3qxSk+sjxejG2lqbiDIAfKDCbQOey1WdlqPkliXnXKfXpcRYD547bWHD6r60ZP96Jd9UJafe/zmw/5nvIc3P0+hz14X+okR0L0R4P+E3P3zO3dff/P2rX+7fePvH7z2hYefDD3oMfRACgpxL0BchHQpkiRdjHzEPhcBYQqHUPIl9D5l6MVZLWyKBKQ1YEx07tgKsRCDJ7mZDXUjFx6JFPSpCugLZm4AttYZ1vaAU63OA65IbaoeWZuquxNypi86f9l6tUFt0XrBJiIF0WVFFTZwUVmw1gjVxue2FohBmbYyiKqzAGBd3O6R2FmnJiGsLouf4QCMizo3hFFGlCUA7nPSMwha70GxyzoJ32obb/C6pQr5vc0dY42w9zx8YDOYoBEP5dx2wMRVvttK3MaCu3LikJN3Wcp4Xv9/6D05BfDpcPJhepszg7Sx3bAPoFKuSBHfRCWPDpQgCg7LHDamxa5ARD+Ym84JgWUF62NcFhQKjayl45zoopuh92MjnHUt6NvN7mIk3KZCnW452AWM0ksqKOnsxPOKkRUKHhoH8hbVKeu1SRQIYJ1XyWbRdNNuZoGJKatG/IsPBmTFWg1ukGMFrEYrUU4zhPfwZOSToM4/hR5OwpAPEoTjuiDqQmRIkFQQkA6JBBgOgeDPlrtfq3acHCb8YKwyA95oDWdjF5Z1fDJduQtlEkm5dTiVgmHxAo9UmOXEFGzrU0wHgWVhTebXWyT3GujUqhezPSGTuk/FNX9cADTRrVhgKGVU7BaXDart0JarAb/gBcRDwlZjM6F4tP9CPDBLbE0RVgvwLKIXiLmheRBh0M11/yul6OAQm2zJgfrXgt5TIe3hvSC9F3rwY+ihOOWC152WQKEQhRwYxDwPIRHI90AI8UH4JfQ+ZehxfcXIeB3b7qUWcH+/z2Rwp7hH6bQ58Q6JE+5ESnmdpVRDZn6UDtQemjlYUgapN90EOO6I66O/nHkoh5dSRdlrdug4JjUh67DVz/O4QYcxtyoBrC1pJukqO41pYIc4eqBIarYcEDxGJG+5gesb1onGLKUpaJdVkJPI1ULC16CwXq0t3F5QIYuzcaGBA+542IoS0KWBUMeyklKWoATee144XzSXrITpvBLXpVaeCVmcuykVveiXQO/JKbAzVDSZswVkx6QwHFUmieCocb53lhhk5ex9Sic0D8Hk3het4JqhkUodKVPHFP2ipX2GLRIUjH68TFFtCvEB1dYZN1IXB9bO6aS5AM91ALYB/eESDvIxJEd/USZnNzQCDzWscR25NDmf77c8Ja4xcgichNudiQmIJUMhkQWcj1BwGHWNcjMzmVRjycfmlIijJh0eQy+EAxQCYQKDrmyH8dBDHRJ2KRfxffCaOv1suXlYRNQ5PHkrq5ynmY8vZKDRcyA39XkDtb6SJqHQqeJYJb53MU4XUnXtM+AFKy0jjzCuSyGIn8qLyuwRbSung4Yc2NUqkYizz6LuYst+qMaekewQsBc4Ey2udwWmpNNB2JnNlY1kwM+Nq867icGxpDNmUZTNMdR4t6Xj1l8iYIsViUEaF95wDuKvBb2nQtr9ueG90EMeQw8DA8cPXQe7Vhqh42MB6vskHjggci13vZeZ3qcOvcRfkbkvMqRbDfNEGVpj+M1QO/jklwltXs7I+VCfNi61s0O3j/wZmLCzsEmHg7kw2+OY7YalWU0xxpqgU6FEL5JBAiC6QfdcOWX8HtsfRNfvOnYhc2aCeVseN0a0eIwdYiQhoZTqCpsYHjEIpkcFkIB1IhCVowYHt0sVZj6nFK2sgBTjbaKaOU5YiN4VueMQRUy6765Vc5H7W0GBiR27rF0ZmQbe2BxFoKrdrm8GYMseJNNjfhn0npgChV7ogDQ4+wHGxylQcoq2k2IR1MHDpB03c/k1BW4AShglP6Jt45AlEq/SJw5NpDbSSj9QqjoM7YNwmXcR6uoIT5qtLB5PGR42DiAqro5V1mKyNkHGFFiZfrCL43CdIqKsrWedsKjLsRqCHsBdNhLM/aFHt7rZYmha+OZ+U9BlM1lgnVuY0IoGqAJA25Wn/cGwOuNj6D15NX/ElBDaAxfNYOJarGhqqHKb2JybvVCeWUG1t4mhe93YhAEtY5Gq5cpmDOVAa6a5ktMwwAyPngfXrSa7KM90BrQy74+tY8KcisDkdVvFuJrA60lbJnFTnIGzfoV0ijWI59npylKBglYwvU4lfvTRY6nBDKKRleytZhli1AoqJdKo4yO1hoS1KPxf6P3WifYEqeGvgh75XDk98gV3euePnZ79FE7PXWVr1pwvejpsAJqWrrzL+za3YC82dXUqIJPUGofY7begnetjBG8v1XHDDsFSKrkCW1adHZclR+NVP+1UcgasXTnru+gZ8Hanl97u0/d25L2cgu8nGfzE3o58rrwd+YJ7O+Bjb+c+hbfjUUSVhdXlmrEwWTmKGe2PGgCcjxOYmoZizlMeFVjs0N4montjXuXQaWeXZ/wi7zzouF01JzjZCLm/hhELng+oihNW4xnPgJvDXrq5T9/NPRW2Ht4Ly3vB9ly4OfIFd3Pbj90c8hRuzjUhtKWoXrPsvDRlcCNQ9UXy97W0MMmSHPiLtnAWs53aBLpgjT76hKArWzBmwJTOfMcKAX27wxmbgPB9UZRwjCWJ5o3PgH+DXvq334F/exps3Z/j3Qu258K/kS+4f7M/9m/pU/i3dmUyQ4gOggS1od9JRWlpbKKDOMQ0Nc50ECg5EtcI1NbiKKYmdCip8WxC52RjL3FJsPw+vGYZZp+uXd6K/WkQ4GHLGs+AY5tfOrbfuWP7bVWmv/KPheesce6F75wLksaoTCK7VqNrkgGtParAgKbZ86T3KC6R43g0BxgEsDqSu6RDTIHus/UlFjzlukEr4oGqhCTe1cKwcxywZuvtxbYyFgiBPbtCsZkFOJOdRzJCQdNsexCUToQY+SM1jwIYmc4QB+i+z72OsgnZ2zGl5/ddTx6egQ65AEXo3vFGTs9KMnHEAtcA+iDnWrfSLBTnNP2SHEcbOZ4Doj0gRcWQcFWjrjTQfrqgkNTVQ7hgCXdqO35rrhwBbVci+9K0/QJvnrBb5JNDfp0mueesS+6Fb5Pba5Tt7fMqkYljeoQGS+lPdpm5kODZFHgmUMCeZnEaDdgQa9Vd8yQjL0uLCd52C7kCvx6rczSYS+IbonMmM8LKQWICE4YtGT+2V2WmMUdBcDenwiGWYEwufbjbChKza3rYGxWfYdgOTl17uSadyLZkdp1RDVL0DLTDsQOO8bbddDBccJqhVFtTc485mOvSGmkE25fNFZemQhKFbS8cV5ZkWy018gPoV4UGqdi2cVamDocHclMbJ6C0gWHWs5fK7TfH18P7uXk/4Z6PlrgXvicOOchWvx/Z5BgBW5mOBiA9L3KH5/mAYODxZF4amwpK+ChPl4o75ILOOCdv0UgtMILzEuFzy9tnaLTKtguxfK1CvcjABzPqIoSXWU/kz2Oe7RcrdY8MtemBNcOiC2Tvz6RA41K2BXLNgvpQKOmFAg9msZPkTV2tn4HeN3dZ4gQY+xE8WCyItNVWo+ZtB4QCHpUVrJ6DS6QaBzCoe7I9dtgUbGirQYeoahr0Mq35pgIaS1cVGA+Q7aTKFnI5yMZL9/ab4+s36AShnrP+txe+Ae7CXguOdDRasSYhaLE6u+3GiHQKXzGVYwRL8fEikaHXz3rcDdmqS2e7ndce2RrlvBLTE9LpIkGKp/VOXu3pvixFd8WT1wTxzJ62neH2JskaSdbGw6XJBndH6vaZ3xR26h9d64xdOAjR1rqCXMvYRV4HuVQcK2lXPQONbseTxk3HE5fZByLI1ETggGVb1d7WD/vidOKP1L4MD1s9yaNxJxG79nyqIsqW97h7LriFjdaMJ9Z5t1wQrlE02JhrqIPRlxLud1K0vvaF1/4bQOi0dg==")

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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("eval_statistics", key="ffce0c46010e202af23f0e9e33871ce0",
       options=["当前批量的均值和方差",
                "整个测试集的均值和方差",
                "训练过程中累积的滑动均值和滑动方差",
                "都不用：评估模式下 BN 被关掉，只作用 γ 和 β"],
       prompt="调用 model.eval() 之后，BatchNorm2d 层用哪一组均值和方差做归一化？",
       hint="评估时，一张图像的结果不应取决于批量里还有什么，也不能偷看测试集。",
       explanation="sealed:77ZLRceIrY4Da6Rglal87hkI5sEFqFGlx5VDKqTnd36PsJeYvQCb7Dx2D0Ud6/UoYW9FhNCQKULL51Y91F2JcYqSMZQrY4D1w2Kag6esMkBeA3TuFfTa/eT7m100gYTAFiFYvNX6BJnYzSxDnwkcHSeBZM/npw+hh3FFUG4oLPWrX7a8JThFy020BSqQoNk2qJwqbPuLlPecT5Mj1wtGRbUAbgE4ZtpyGPXURccMAMvEhZZen2PpDY0C",
       mistakes=[("f476f7f9d7f4eba4d2d16485631c45c5", "sealed:gjt5O80wGMSlcuF+09Gjb6Pb8HWnQcV1yK6wShMTWo8Z1QPVvLJRLlZGGydfg4AHwEAZFfTZ+eHidJKLLvdCltasLZbS+aY0QAMmw+Ks/o2oJAy2EV5xv1JfoOy5NlzPbGeoSb8KuMnwMp4MMsLBYj94rah7ZoLqq9D6UvO44Oyj2d/QGLsK44RICV3NxJ72BBYXWvb/AvTZgku++xo="), ("8dacd68f2febd3fa50ee1b1e41d2a54f", "sealed:xH+f/QF7WAaiKmPBDIye1Eg5dd+US3TQzgAXK6vmKsSYpArykJPGaCk3V1WdtUtvy4IEd+Vh6l65llaRhwUcqRqI64PLX5D0N/bLYTyGRmqAV+i2mYk="), ("468489976baf6a04f694ec455df1fc23", "sealed:i7lsESJL17v/JcRDNmEoj7UI7Qh/IjLhUt4LzostOB3hBmPjzZVC16ODUlr0DM+0MyZUqUogD0t3mDXgEydVEaskUfeBWFKRk+k2O+1PUbqRsxa75mXVTtjVp+xrijgZOGg=")])

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

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `07_batch_norm.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("07_batch_norm")
