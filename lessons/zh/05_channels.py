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
lesson = cnnlab.start_lesson("05_channels", lang="zh")

# %% [markdown]
# # 第 05 课 · 多通道与 1×1 卷积
#
# 真实的输入是有深度的：彩色图像有三个通道，而每个卷积层都会把输入变成与卷积核个数一样多的特征图。本课先把“跨通道”时发生的事情讲精确——在输入通道上求和、每个输出通道对应一个卷积核——然后研究最小的卷积核：**1×1 卷积**。它每次只看一个像素，却是 GoogLeNet 把一层的计算量砍掉约九成的工具。我们会用代码复算这个例子的全部数字，并说清楚它们数的是什么。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt
from torch.utils.flop_counter import FlopCounterMode

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import corr2d

# %% [markdown]
# ## 1 · 多个输入通道，一个输出通道
#
# 面向 $c_\text{in}$ 通道输入的卷积核，是 $c_\text{in}$ 张二维切片叠成的，每个输入通道一张。每张切片只在**自己的**通道上滑动，得到的 $c_\text{in}$ 张部分特征图再逐位置**相加**；偏置在求和之后只加一次：
#
# $$Y_{i,j} = b + \sum_{c=1}^{c_\text{in}} \sum_{a}\sum_{b'} X_{c,\,i+a,\,j+b'}\,K_{c,a,b'} .$$
#
# 下面是一张 4×4、3 通道的小“RGB”输入，以及一个由三张 2×2 切片组成的卷积核：

# %%
X = (torch.arange(48.0).reshape(3, 4, 4) % 7)          # (c_in, h, w) = (3, 4, 4)
K = torch.tensor([[[1.0, 0.0], [0.0, -1.0]],            # 通道 0（红）的切片
                  [[0.0, 1.0], [1.0, 0.0]],             # 通道 1（绿）的切片
                  [[-1.0, 0.0], [0.0, 2.0]]])           # 通道 2（蓝）的切片：K 的形状为 (3, 2, 2)
bias = 0.5
parts = [corr2d(X[c].numpy(), K[c].numpy()) for c in range(3)]   # 三张 (3, 3) 的部分特征图
for c, name in enumerate(["红", "绿", "蓝"]):
    print(f"通道 {c}（{name}）⋆ 它的切片：\n{parts[c]}")
print("三者之和 + 偏置：\n", parts[0] + parts[1] + parts[2] + bias)
Y = F.conv2d(X[None], K[None], torch.tensor([bias]))[0]          # (1, 3, 3)：只有一个输出通道
print("F.conv2d，输出形状", tuple(Y.shape), "：\n", Y[0].numpy())

# %% [markdown]
# 进去三个通道，出来**一张**特征图。常有人说“每个通道有不同的卷积核，结果最后相加”。说得更精确些：每个输入通道对应的是**同一个卷积核的一张切片**，各切片的结果相加，因此**一个卷积核产生一个输出通道**，不论它读入多少个输入通道。这并不是说这一层只有一个输出通道：有 96 个卷积核的层就有 96 个输出通道。
#
# AlexNet 第一层的卷积核常被写作 $[11 \times 11 \times 3 \times 96]$：96 个 $11\times11\times3$ 的卷积核。这是 TensorFlow 存放卷积核（`tf.nn.conv2d`）所用的“高 × 宽 × 输入 × 输出”顺序；PyTorch 把同样的权重按（输出, 输入, 高, 宽）存放：

# %%
conv1 = nn.Conv2d(in_channels=3, out_channels=96, kernel_size=11, stride=4)
print("权重形状 (c_out, c_in, k_h, k_w)：", tuple(conv1.weight.shape))
print("偏置形状（每个卷积核一个）：       ", tuple(conv1.bias.shape))
print(cnnlab.conv_params(3, 96, 11, explain=True))

# %% [markdown]
# ## 2 · 多个输出通道：每个通道一个卷积核
#
# 一个卷积核检测一类模式。要检测多类模式，一层就要有多个卷积核，并把它们的特征图叠在一起：**输出通道数就是卷积核的个数**，权重张量的形状是 $(c_\text{out}, c_\text{in}, k_h, k_w)$。设想 RGB 输入上的两个卷积核：红、绿、蓝代表第一个卷积核的三个输入通道切片，浅红、浅绿、浅蓝代表第二个卷积核的。下面用我们的输入搭出这一层，第二个卷积核取第一个加 1：

# %%
K_bank = torch.stack([K, K + 1])                  # (c_out, c_in, k, k) = (2, 3, 2, 2)
Y_bank = F.conv2d(X[None], K_bank)[0]             # (2, 3, 3)：每个卷积核一张特征图
print("权重形状 (c_out, c_in, k, k)：", tuple(K_bank.shape))
print("输出形状 (c_out, h, w)：      ", tuple(Y_bank.shape))
for o in range(2):
    alone = F.conv2d(X[None], K_bank[o:o + 1])[0, 0]
    print(f"输出通道 {o} 等于单独使用卷积核 {o} 的结果：", torch.equal(Y_bank[o], alone))

# %% [markdown]
# 按这些数字画出这张图：每一行是一个卷积核（三张切片用它们所读通道的颜色表示），每一行产生一个输出通道。

# %%
fig, axes = plt.subplots(2, 4, figsize=(10, 5.2), constrained_layout=True)
colour_maps = ["Reds", "Greens", "Blues"]
for o in range(2):
    for c in range(3):
        ax = axes[o, c]
        ax.imshow(K_bank[o, c], cmap=colour_maps[c], vmin=-2, vmax=4, alpha=1.0 if o == 0 else 0.45)
        for (a, b), value in np.ndenumerate(K_bank[o, c].numpy()):
            ax.text(b, a, f"{value:g}", ha="center", va="center", fontsize=13)
        ax.set_title(f"卷积核 {o} · 通道 {c} 的切片", fontsize=10)
    ax = axes[o, 3]
    ax.imshow(Y_bank[o], cmap="gray")
    for (a, b), value in np.ndenumerate(Y_bank[o].numpy()):
        ax.text(b, a, f"{value:g}", ha="center", va="center", fontsize=11, color="tab:orange")
    ax.set_title(f"= 输出通道 {o}（3 张之和）", fontsize=10)
for ax in axes.flat:
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle(f"3 个输入通道上的 2 个卷积核：权重 {tuple(K_bank.shape)} → {Y_bank.shape[0]} 个输出通道",
             fontsize=12)
plt.show()

# %% [markdown]
# ## 3 · 1×1 卷积就是逐像素的全连接层
#
# 当 $k = 1$ 时，卷积核只看一个像素，空间上什么也不混合，剩下的只有通道上的求和：在每个位置 $(i, j)$，输出向量等于权重矩阵 $W \in \mathbb{R}^{c_\text{out}\times c_\text{in}}$ 乘以该像素的通道向量，
#
# $$Y_{:,i,j} = W\,X_{:,i,j} + b .$$
#
# 《动手学深度学习》6.4.3 节把 1×1 卷积层看作在每个像素位置上应用的全连接层：把 $c_i$ 个输入值变换为 $c_o$ 个输出值。所以 1×1 卷积是**对每个像素分别施加同一个全连接层**——而不是覆盖整张图的一个大全连接层。我们用三种方式验证：`nn.Conv2d(c_in, c_out, 1)`；把输入改形为 $(c_\text{in}, h\cdot w)$（每个像素一列）后做一次矩阵乘法；以及在通道维上施加 `nn.Linear(c_in, c_out)`。 <!-- parity-ignore: 6.4 -->

# %%
torch.manual_seed(0)
c_in, c_out, h, w = 3, 2, 4, 5
X1 = torch.randn(c_in, h, w)                               # (c_in, h, w)
conv1x1 = nn.Conv2d(c_in, c_out, kernel_size=1)
W = conv1x1.weight.detach().reshape(c_out, c_in)            # (c_out, c_in, 1, 1) → (c_out, c_in)
b = conv1x1.bias.detach()                                   # (c_out,)

Y_conv = conv1x1(X1[None])[0].detach()                                      # (c_out, h, w)
Y_matmul = (W @ X1.reshape(c_in, h * w) + b[:, None]).reshape(c_out, h, w)   # (c_out, h·w) → (c_out, h, w)
linear = nn.Linear(c_in, c_out)
with torch.no_grad():
    linear.weight.copy_(W)
    linear.bias.copy_(b)
Y_linear = linear(X1.permute(1, 2, 0)).permute(2, 0, 1).detach()            # (h, w, c_in) → (h, w, c_out) → (c_out, h, w)

print("卷积权重形状：", tuple(conv1x1.weight.shape), "→ W：", tuple(W.shape))
print("矩阵乘法 == 卷积（误差 1e-6 以内）：", torch.allclose(Y_matmul, Y_conv, atol=1e-6))
print("nn.Linear == 卷积（误差 1e-6 以内）：", torch.allclose(Y_linear, Y_conv, atol=1e-6))

# %% [markdown]
# 关键在“逐像素”。改动输入的一个像素，只有该位置的输出会变；而且这一层只有 $c_\text{out}(c_\text{in} + 1)$ 个参数，而在两个完整张量之间的全连接层要把每个输入数连到每个输出数：

# %%
X1_poked = X1.clone()
X1_poked[:, 1, 2] += 10.0                                  # 改动第 1 行第 2 列的像素
changed = (conv1x1(X1_poked[None]) - conv1x1(X1[None]))[0].abs().sum(0) > 0   # (h, w)
print("发生变化的输出像素：\n", changed.int())
full = nn.Linear(c_in * h * w, c_out * h * w)
print("1×1 卷积的参数量：                 ", sum(p.numel() for p in conv1x1.parameters()))
print("全连接层（3·4·5 → 2·4·5）的参数量：", sum(p.numel() for p in full.parameters()))

# %% [markdown]
# ### 小测验 · 1×1 卷积做了什么（1 分）

# %% tags=["exercise:one_by_one_true"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("one_by_one_true", key="22a970356795e7cc62be34732fef6ed0",
       options=["它把每个像素与周围 8 个邻居混合，相当于除中心外权重全为零的 3×3 卷积核。",
                "它不能改变通道数，只能缩放每个通道。",
                "它对每个像素的通道向量施加同一个全连接层（c_out × c_in 个权重和 c_out 个偏置）。",
                "它和池化一样没有可学习的参数。"],
       prompt="关于 nn.Conv2d(c_in, c_out, kernel_size=1)，下面哪一句是对的？",
       hint="看公式 Y[:, i, j] = W X[:, i, j] + b：一个输出像素读入了哪些输入数？W 的形状是什么？",
       explanation="sealed:OGlqjKHMCtfmALg+Vu8sn8VVjXq0gAvmgzgJ0TNzhiu08LSA2a02nqCaEFz4h3LjxnogI2Q3RfQ3e79n8J1vodrXmv5k9QyQQTgqVY4+bRwJnkqopQyS3Z8Hs/AUBSCTjUNfofjj0Go+vDnAvSa11L76K3NNiGvZNke6/VWpxV0QHDfXI2bEH6cfNcdLRN9iLW43j2ysgzhuUCexqRJPRtm4cvT+tWKvd8oyYfhnP90XCSXQ0azmZxW7+7kcqOTGEbM5KzWP3Qdx3J8SUMntDkWo91G0Cc1jeH77El3qOX+GFOpODKEIc2dYQHzVjzOTrych68pZX5iZSCnktziXGhUfgBizoCiMpGFD20vCIIk=",
       mistakes=[("1bb6cbbe3a1177a2eb395209022b444d", "sealed:YrnIZTwKELH2wDhLaCu/r6Ns3e9lZkMnjTnoPv7k5dCP2lEEvVgroejEzHR8HYd9q4H4bbsVVDzU4z96WahlN6/TPA/Zp3dq5sLY3dVO6+5jTGvatWoM0s264mVkHT9Mp62koRoj7FHZ8E4="), ("77f4befc7e3840f00795ea2f795e7a01", "sealed:S6f0Wf670Ji1tYnis0ZW5LXn5YWKv4oBchYr38b+R7sueufk4fY7f7wcaLNJ1OcUSy+/LXPY+vppn4Ff4HPCCZJPvOJhin34Jyk33+jtep6zKtfcvLQds4U/bq0y2Zjyfy1AxXW0/2vrQg3ghdKZNpHquUjithVsOF/dMN6TSIvWDYVeYJOcUgBoQdRBjgMqsX+SIAvsegeYcn5Z8KywC07it90LljobW1t1ZFQoIUrZWZ5S/fErf1cJbQ=="), ("abb7703483b679473a377da1debd33d3", "sealed:rRMmKfi8JQVt2DKbhqQZafDCdjdUZNqdYJ50i3UkyUxzHB6NXfoLsT0b0UKNG6vByjOnDcUDULN8b0fDkQpi6qAjD3Jq212X27ahuLJFTNUpbdLUo41gQd/yfEquNRwAYxQ21ZdunDPQW9bp+DGtMG+g7jlu834hatRmM6Hl/TFQDQ==")])

# %% [markdown]
# ### 练习 · 用矩阵乘法实现一批图像的 1×1 卷积（3 分）
#
# 补全 `conv1x1_as_matmul(X, W, b)`，让它处理一整批图像：`X` 的形状为 $(N, c_\text{in}, h, w)$，`W` 为 $(c_\text{out}, c_\text{in})$，`b` 为 $(c_\text{out},)$；返回形状为 $(N, c_\text{out}, h, w)$ 的输出，要求用矩阵乘法计算（不用 `conv2d`，也不用 `nn.Linear`）。矩阵乘法 `@` 会在最前面的批量维上自动广播。

# %% tags=["exercise:conv1x1_as_matmul"]
def conv1x1_as_matmul(X, W, b):
    """用矩阵乘法做 1×1 卷积：X (N, c_in, h, w)，W (c_out, c_in)，b (c_out,) → (N, c_out, h, w)。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:conv1x1_as_matmul"]
_ = check_function("conv1x1_as_matmul", conv1x1_as_matmul, [
    ((X1[None], W, b), Y_conv[None]),
    ((torch.ones(2, 2, 1, 3), torch.tensor([[1.0, 2.0]]), torch.tensor([-3.0])), torch.zeros(2, 1, 1, 3)),
])

# %% [markdown]
# ## 4 · 减少或增加通道：用 1×1 卷积降维与升维
#
# 由于 $c_\text{out}$ 可以任取，1×1 卷积能改变张量的深度，而高和宽保持不变。它有两种用法：**降维**（减少通道数，例如在昂贵的层之前 192 → 16）和**升维**（再把通道数增加回来，例如 16 → 64）：

# %%
x = torch.randn(1, 192, 28, 28)                       # (N, C, H, W)
reduce = nn.Conv2d(192, 16, kernel_size=1)            # 降维
expand = nn.Conv2d(16, 64, kernel_size=1)             # 升维
print("输入：           ", tuple(x.shape))
print("1×1 卷积 192→16：", tuple(reduce(x).shape))
print("1×1 卷积 16→64： ", tuple(expand(reduce(x)).shape))

# %% [markdown]
# 两点说明。降维是一种**学出来的**压缩：16 个输出中的每一个都是全部 192 个输入通道的加权组合，权重为任务而训练。另外，1×1 卷积后接 ReLU，就是在每个像素上运行的一个小型非线性网络——这正是 NiN（“网络中的网络”，第 11 课）的做法。ResNet 的瓶颈块（第 12 课）先用 1×1 卷积降维，再做 3×3 卷积，最后用 1×1 卷积升维。
#
# ## 5 · 瓶颈层：乘加次数减少约十倍
#
# 取 28×28×192 的输入，想用 5×5 卷积核得到 32 个输出通道，并使用“same”填充让输出保持 28×28。这个例子出自 GoogLeNet 的 Inception 块（Szegedy 等，2015：3a 块正是这些尺寸），也是吴恩达《卷积神经网络》课程里的例子。每个输出数都是在 $5\times5\times192$ 窗口上的一次内积，而输出数一共有 $28\cdot28\cdot32$ 个：

# %%
direct_macs = cnnlab.conv_macs(192, 32, 5, 28, explain=True)
print(direct_macs)

# %% [markdown]
# 现在先用 1×1 卷积降到 16 个通道，再在这 16 个通道上做 5×5 卷积：

# %%
stage1 = cnnlab.conv_macs(192, 16, 1, 28, explain=True)     # 1×1：192 → 16
stage2 = cnnlab.conv_macs(16, 32, 5, 28, explain=True)      # 5×5：16 → 32
print(stage1)
print(stage2)
bottleneck_macs = stage1.value + stage2.value
print(f"合计：{stage1.value:,} + {stage2.value:,} = {bottleneck_macs:,}")
print(f"直接 / 瓶颈：{direct_macs.value / bottleneck_macs:.2f}×")

# %% [markdown]
# 这就是讲解这个例子时常引用的两个乘加次数（例如吴恩达的课程）。公式也可能藏着错，所以再让 PyTorch 自己数一遍：`FlopCounterMode` 会在真实的层运行时记录浮点运算次数。它把**每次乘加计为 2 次浮点运算**（一次乘法、一次加法），所以要把总数除以 2。5×5 卷积层用 `padding=2`，即保持 28×28 的“same”填充（不填充的话输出只有 24×24，次数也更少）。

# %%
direct = nn.Conv2d(192, 32, kernel_size=5, padding=2)
bottleneck = nn.Sequential(nn.Conv2d(192, 16, kernel_size=1),
                           nn.Conv2d(16, 32, kernel_size=5, padding=2))
x = torch.zeros(1, 192, 28, 28)
for name, layer, formula in [("直接 5×5    ", direct, direct_macs.value),
                             ("先 1×1 再 5×5", bottleneck, bottleneck_macs)]:
    with FlopCounterMode(display=False) as counter:
        out = layer(x)
    flops = counter.get_total_flops()
    print(f"{name}：输出 {tuple(out.shape)}，{flops:,} 次浮点运算 = {flops // 2:,} 次乘加；"
          f"与公式相等：{flops // 2 == formula}")

# %% [markdown]
# ### 乘加次数不是参数量
#
# 常有人把这些数叫作“参数量”，并说 1×1 卷积能“减少参数量”。它们其实不是参数量，而是处理一张图像所需的**乘加次数**（MACs，每次乘加是一次乘法再累加一次）——其中的因子 $28\cdot28$ 数的是输出位置，而各个位置共享同一组权重。吴恩达的课程把它们称为“计算成本”。参数是权重和偏置，用公式 $(k\cdot k\cdot c_\text{in} + 1)\cdot c_\text{out}$ 来数：

# %%
print(cnnlab.conv_params(192, 32, 5, explain=True))
print(cnnlab.conv_params(192, 16, 1, explain=True))
print(cnnlab.conv_params(16, 32, 5, explain=True))
params_direct = sum(p.numel() for p in direct.parameters())
params_bottleneck = sum(p.numel() for p in bottleneck.parameters())
print(f"PyTorch：直接 {params_direct:,}，瓶颈 {params_bottleneck:,}")

# %% [markdown]
# 算不算偏置？两种数法都有人用，这里都给出。上面的乘加次数里没有偏置（偏置是一次加法，不是乘法）。而**参数量**通常把偏置算在内：上面的公式如此，本课程其他各处如此，PyTorch 的 `parameters()` 也是如此。

# %%
for label, with_bias in [("含偏置  ", True), ("不含偏置", False)]:
    p_direct = cnnlab.conv_params(192, 32, 5, bias=with_bias)
    p_bottleneck = cnnlab.conv_params(192, 16, 1, bias=with_bias) + cnnlab.conv_params(16, 32, 5, bias=with_bias)
    print(f"{label}：直接 {p_direct:,}，瓶颈 {p_bottleneck:,}，比值 {p_direct / p_bottleneck:.2f}×")
weights_direct = cnnlab.conv_params(192, 32, 5, bias=False)
weights_bottleneck = cnnlab.conv_params(192, 16, 1, bias=False) + cnnlab.conv_params(16, 32, 5, bias=False)
print("每个权重的乘加次数，直接：", direct_macs.value / weights_direct)
print("每个权重的乘加次数，瓶颈：", bottleneck_macs / weights_bottleneck)

# %% [markdown]
# 两个比值都约为 9.7 倍，这并非巧合：这里每一层的步幅都是 1、输出都是 28×28，所以每个权重在一张图像上恰好被使用 $28\cdot28 = 784$ 次。两种设计都有“乘加次数 = 权重数 × 784”，于是乘加次数之比与权重数之比完全相等（偏置只影响参数量比值的第二位小数）。如果网络各层的分辨率不同，这两种计数就可能相差悬殊：第 09 课会看到，AlexNet 的卷积层只占它很少的参数，却承担了大部分乘加。

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
designs = ["直接 5×5\n192 → 32", "先 1×1（192 → 16）\n再 5×5（16 → 32）"]
panels = [(axes[0], [direct_macs.value / 1e6], [stage1.value / 1e6, stage2.value / 1e6],
           "每张图像的乘加次数（百万）"),
          (axes[1], [params_direct / 1e3],
           [cnnlab.conv_params(192, 16, 1) / 1e3, cnnlab.conv_params(16, 32, 5) / 1e3],
           "参数量，含偏置（千）")]
for ax, direct_part, bottleneck_parts, title in panels:
    ax.bar(0, direct_part[0], color="tab:red", label="5×5 卷积")
    ax.bar(1, bottleneck_parts[0], color="tab:blue", label="1×1 卷积")
    ax.bar(1, bottleneck_parts[1], bottom=bottleneck_parts[0], color="tab:red")
    for position, total in [(0, direct_part[0]), (1, sum(bottleneck_parts))]:
        ax.text(position, total, f"{total:,.2f}", ha="center", va="bottom", fontsize=11)
    ax.set_xticks([0, 1], designs, fontsize=10)
    ax.set_title(title, fontsize=12)
    ax.set_ylim(0, direct_part[0] * 1.15)
axes[0].legend(fontsize=10)
fig.suptitle(f"28×28×192 → 28×28×32，直接 / 瓶颈：乘加次数 {direct_macs.value / bottleneck_macs:.1f}×，"
             f"参数量 {params_direct / params_bottleneck:.1f}×", fontsize=12)
plt.show()

# %% [markdown]
# 瓶颈结构是同一个层、只是更便宜吗？不是：直接的 5×5 卷积在每个窗口里都能用上全部 192 个通道，瓶颈结构只能用它们的 16 种学出来的组合。GoogLeNet 押注的是：更便宜的层损失不大，省下的预算可以换来更多分支和更深的网络——它的结果证明了这一点（第 11 课）。
#
# ### 小测验 · Inception 的另一个分支（每题 1 分）
#
# GoogLeNet 的 3a 块在同一个 28×28×192 输入上还有一个 3×3 分支：先用 1×1 卷积把 192 个通道降到 96 个，再用 128 个 3×3 卷积核（填充 1）得到 128 个通道。

# %% tags=["exercise:branch_macs"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("branch_macs", digits=0, unit="次乘加",
        variants="cnnlab-variants/1:eNrtm1mv7Nh137/KRb9SAOfJQD+QLM5DcahikSUYBofN4kwWWRyDAPIkK4INJXECOYqD2IgzwAgsv9kJZD9Y3yTRlawnfYXwqlvuG7udqBtxLMv9cHBYPLvqrL249+//X4usL/+TD+ooBvUHv/DBANIpAR+y1JfeVGBoQT1+iGLMl96MRQo+xJgPvvRBBbZjXEpHBJVmFEISOBUTKEUxOM1EgKUoKsIocAzsh67pX8dYueseBrDA6w0evXn77775g2/92hv8u9/E37z92le//6++/cPf+M0ffec3f/gr/+F7f/qHH5//rT/5wX/+9o++8zWWevM/vvov3xwRvDn++MOvfOuHv/zbx9i//PPffvsb//0Nxnz3mxjzo+/8s7d/8Gs/+Odf/d6ffuXtd37v7b/987e/+o0f/u5X/vI//fLbP/jW2z/+F9//r7//vf/2O2+//ns/+s6/Pz7ze3/6W3/5R7//9pe/8YM/+6PjvUegedG+C/OjQcfo7//rP37z4Ztuev1S/uYv/uTHB8u7g+SXivbd7+qj89VPzh4DfvSdb2HMX/zJu5+Pg/0oxuOjjni//+1vvAv/V//s+7/z7be/+19+PMnvfvOY3A/+8Jtvv3HM++tHSo7wj//99qu/fkz9f37lV464wNrXURu9iq49whtBVIP0F5Q09BRKRUpl5TdSQxwmO+2M59VqSEzSMHHF5ZSHCNOU8np3/AgipiUOL5z7ynYRL8Oo9jJ0CnFHrtnBHxYLROrY1N5M3XN9FulLcw/H3UThRwhpEK/IvspPtTIrcmtrss1Sk7nhjwDNl8wpPD/Or2Qi3vx73yIfHjE3xfiKKjB+8Atf/vIH2LE4cJzBAR6DlERoFknSLKUpDCViBGTxMf7jWXHL3e0s1fRfeNP5rNpQqfpIprsWb9qrj1VXBPROU/AzidyZV/aT1L7QPoefVlBT+u7xxMB2kr/HYyuTmERA4iYOBp97SKMmGa+qwu11Kyv6UmfZQiEBEj3k1ryBIEZKXxdy/GFrtnV3b94NJtfWDVUUp6jypupI+Hq86JpFgzTca1YuqerUrY9X9+EHv/ilL3/AIDSWoQRNJxERRRRLJwhIUwqQeEagEQ4+mWKfjrUGN+raTrgp6s90TYImxq5Mhfbp3lwQhOm7zYLNjox32b1GEyOgto/3Joytgxw3ixU/XzAONXuEQA+eQtEoNApYYwhVGeHOVdUA30NFSwM9WhJwzfzqPjO95g9DOC28BxiFoGE1pFNMf5TprMvLY35dO5gSh3z0eYnn4PO4kRAipsGi3Cx2SHJd1J60M543zaZQXhKoG33bu85IrWfXlslroxarQGPuw4/SkdIxQAE42ECmbBJjMcbSLEGwAMQZjVDkJ+kgy0xFY0gXbbxqFkK8I6oadfmW7K/5DrSKpKHWIbfBLwrJCZ/XIY9ujByWDNpFwmJL28PS935swkCzetMivEEDkJ7c4+FM0MX+kFWdLe6EBSwJheFKJ5gQuFfyYkwE2iS8Rkksw8TutSxHv+y4m/0cpo3bHR5OcvUlkyQA2oXHkfyBVVOSVailG8XUBSyDG6XnxAJduzon89Z+znAMcuQBH83Lc8rQTgjRgAKMTIrwFI9AmE2JwuTZ2iLMTATigdCEwqhpN88b5jubhBjMVD1w4F1H1xvviAT62T1NkKyT8/PWTmxbOfPrXDRX512af/Gffumn5DVK/BWvYxQhKQpHKYSIMDpjIzpCj4V6rCGUTmmSfp/XB4neoVhtE9C/g887Zh/gfEe0X/+Pb1Diu9/88Q+LHWhDj4OPef3217/2/a9//c1x/hNY//Df/Nbbr/3xmwN1x6mDtv+v0P9RED8r6EeJA/vE3zn6d4PIVUu5NOp+Rgvj5qZWWS5uQwXcoE8T+wKl26VuXsUtrtrbNpcvSu4LjgNsbokXKqJLOuxGLsKd/VY7Hq+WWW8g/LkflmFU7B2lwpeyPCo128YnG1yrdpUvRmamNHio28BBeR0XFV/Sz2dk388VmW1lyVbc+gX6v0A/iOIkxZCIjWMaHIgDBIkRCKDpCMFonGU/SUdWlQ/7ybN9VXbi9Rz4pkdm0b0/9du6dImBnKrnNNcLvIn6lY9KfnhQXmMjkFFdkcI1fYKF70RQZz0H4Be5RG7dhRaHGRNYi+eVhbKnUJ7MJxqgk70k9HS72E4VHp9TbeN6ZiVU5fj2aaZtVDrFFUBiBsPEC87hWmN7Ee3LFQIeaTq49XpaW/NKsZO/XYSpnxFJNOGu01QmvnLeHJOCh0EaAt10bSfjxr3e+7JafP38CmNks4JzqBOpYUGyPWecAZtnraTSlJQyqA0xHRLcJpCqNXbgwK6elM4vuL+FlRPoqqjdHn7gp32kd5XOOz8d+inkU6w6E9EgAlmURUyMUAydkWiM0OBQZZJMMPDTo/8jw/3/Df0U8g/I9X8U7N8V+r1X28z8yGdWLC6vC41k96yy1BiSqToE1+ZmIg/jog5MjsvLXOXpA5ecIsFG0i7LwiUphWg7wFDnRyS0tOrXAC5fI5pKbZwbpNVuFwXcZp/kzol0oCQSNzeArpta+jaaainTOU2ubjJl3i98ernqHk3Gnnyx+5di/nX0x4BIYpKNKAbDCJxIKAwkSEbiBIPSAMfwT0CAZDZyyu/L6ew5KFF4RndiE5zvLzUJc0JTcei4pPvd2gIONxPdpqDqEtxSlRtzD/LYG1VPbi3E9OOhPtNjX3sv6qxjOEndjXnzagZchugpCpXlJrsznEsjSDuL1qpEuAaxQPHE6hRhaDxEgyaMyJWugCfup/w0drGDkxZrSX7ltre6rdiy7pdnRCAfsS4iSOK4BhQeJeBd9YvRDI1gKIKwURKl6Xvqlq3A2Fl8NwUYIj1xSmKHwME+xNSJGoW7aaYYBCTp4aJI0KSIVuePLYeubZbAbhVdm/t07SICrx5xYAeGGEJxD9vDSwkq2JwbGUfFLSM8hiZmArjymrj5q4RwbrrXZGYSTDHSCrfnKMEKj+n1YNkcBkCXkPurtSaBu8KaZZLYxVvgdpy5sXRou/PiAUKasqieAimptYT1V2Mhn9B+Dp9ymnFzA0H7LqXGtnyM/piM8SwjGQoFhyjSh9WPaQqlWZTBAIbj77n+ZjdXtxDK+1V54D6pNDm3eAGn0EQgin1LSlFUNfocbyymy+ygY0pwPaECF9zzDSPvNhnxAkGYeY8GTt8RY4SPHkwT2OIDOB04tcTw6bbSOg2txl2hRkaWnxBWbglG1ZYutT1k6/nLYELyfloqF1XPpGGmVwNTHyj+cFeO7s1o2oPzSuJNszjPe0Sdi9ZdXXEIfKnsiighU8P38+HShzirMYl0rCJgDPhCWVbcGLcgKVsUeMOJvqrofpswSG+l3AzoJzs/H4mKnzF2f8R5k2ucNtkUFvIexnTlo4iqswmf+UOY25UUF9nNVe3EUPtnRP97rj+LQEojMYoTCB7FGA1ohEhAkrFxghIAI35mXf+no/9n1PX/3aI/nCJISHjFrjSD9WbrrqsNfSD9LkI56hY+fLzuOqJlCqwVGHrHs0UwyE46kSq9PJbBcy43A56dMyzLWeSf8mUXEC2m817KOUr2pBgfMmGZFTY8W26/RtHp/FSGQwMudx4KCPdVexORtNXaZqF4cwWYIVNa7MDWffgF+v+xo58kMowiSZpEqAgDCJZSMYnhLJXiaZoSGPVenddeZFpobQUjs9nn8J6Ukxod43oPRmdWRFZZT6iueKfTiOVTp5ja9Uq42m7FDrhAsXSVaRvOendP+ZUch6GgjiI0ydlmYKEzs4W2jXJUdn8OUBWrW55mdupDGjv5EG/gFqPHRurnu9i1KG+FEYMaxZ0NIgLSxcvVih63uGF6ChsP/bHu+BkBV9La3NmihNFvk0yqWbLPQaFG2lZyvn7HpNcayE6oCf7KSyZa9BieKg8Nyzx4LepYP8UdG00KquR0Ic3nyMcSxTDO1w5cWn9UQJHaOn0VnPDOXhTi1m9dJJltIKsLS953oT639mRzfxv6KeL/0qCP6IRFowhQWAKiNEsYHDkKATRLskMCMpL9HK7/nev+NPS/36L5GP0U8ZnRf7zl57fXf0zuc6DfvKm3a8WOuD+5N+++kHk8XlOlKzxhUO7bg0NECgTivIcyP64D+gpZ/nYmp0bUJcGWsmsqANGRog3gqVdI97iguFLwYP6uXGIlSvtpapDEnQxXAs9X2V54Unw8jG3qWf9iu2JNESiR+iXXK6UdasvpeS37JQvsd7v/r6GfRYk4ojCSIdmYJUgEpBjCAvxd4cke5T/yngcszGqVn5pDbTi2Vg4ds6Rxx4WrAxFTsWhNEjKu47I1fF7UyIz0wxpxp/sdYaYCPl2daKcMJgpQYzp0D7nBF6aDZxzLkJjN0esCyc9Rr93N09BnN56vhNCP9sh39n0qTkX/hO6n3TGTdXSFkOp7RJ1P3tjrht5cmHipKwyutKhhC4pGIsOlkA1eiY/RT7NERh6KhjMogaFpkh71dJRSNIGwGEG/h/5KFIocWp5FqifDaRX2TufEhyNY2HyWlTMUYZY8bkrjjJdn2zvi+MzpTJFkzwOXNC0utYbCbDtKVAeps749bCarFfDUVbW57Hz2GHr/1uPrM+TYE6WxFHbimXMXn9rCX9ddcWhm1pCFPsVz7sXdugnpuBtOOpmZd4ci3OVd9um8fFTt8Aoy+Gh/KbqgGKMVmLinkg1vvjhzJp0ba5SshDrwHKvU/daIPVHfftLwSeKEStKIiFKMBWSKM3GaoQl9rIOEohn0vXRgbsTUdTERtjvfkAuj4jOJtiKkgqZ8qKJhneLkkkcNGY6Tc8efhAQVyKXy+nG57KcgnBe3kaAMjm6B47a4OtPx3Q3v+GbkxLA8FfzlvLTOl/vblD/5iXA3m9geqcJcJ3YhG6DD1/5Gdci4vbgIjSFQcBYKPY90T5STC2yHZtytGsTrfjnpa+TGTkBCR42sSxVuwiVGoBCvOzACmtcTWLd6PRkmdQgjQxY1d6gfdDJGMrJw2/fQWwL3ehRQZ/o6bZ6+NptxJnQLfZn+iOjUKWbQ1oS1C+5uEM5XbjMY0rJuS+2zZwTCrMdpvcVscEz9s6H/PdfPoBFL4XRKg6MsI7MoZhEyy7KIJSiWSjLqc7j+v0/0/wPv9X8+9AMC7wVQsDrY/SRqa2uF9sHjpEJPWOk+g0eoqyZ3O/Bswib8KhaV9sSmpAQ6uai3Ey+FA1jLCul0qBOqqcceS1sxy0yVHmwrLh4iZEBcTqIeZgvjQqf+uuG4nDYu1q+K38Q4ymGLBp2Ab6SHlOD1xproYVdw5wv0f4F+hIiyhGATCpAZSA7ARESCJhlDHpUhiqfJJ+moX9fctGIIjeI1zqfe6Asq1TFlGBuDgIjZmZ8aFvjRHYeBweazPup3b32enaeHqPiqqtDpKAdBHlly2LM4eLVhrVsBo7QJcQqHy9q2HeAc3Y7qIIAT82mevdi4Cl6yW+foRqp5A9mo19Q5v8CeYJ4pSBoFdu6uGhGKUpPxBZxVK0gMhIJvjyujTrnsxBSQXvZIi5cx5V+Dnp1EW9Q4pqtDcVliTpdbiUyj2TnFUrlYLn1qKI1cXx2XQ9hYj8JQk3wfPXe45CJR3M8brJVIX8Jegr98hjgX0Z1IRLO61VFGdHTM5Vx40W8wdfY5MDg/Ffo/rdfPABbQbEqnCYkCPEajBIkIlqYOlcYIhM5+Zl3/z2Wv//Ohf0ktl1nQ2B+m+9wZfFPmibEFdB5SeiNdIm69jpnFDS/coFs6urG+xDq1uaCbnJm1l2qj5TfVIoZZImO49sQwbOo86fy6EQ5ZzDslJiQ00YUC1jt+1bhtzmtYTwHP0xI6vO6mmTkX6FlgPidVBllv4CQ39vnRfAr6kfQA/7v7SAgAURZFRIoCBo+p5PCCAEfeu+kHMQLZ88ijLXnuHDRUIuTp/XKhx2x7jWFGn8HFnYbK0gYtQS3A1c0qWTK/xdQQFkvR68cO3hVRawXcQAoXl05aDR7lYqozh1DTLuYRNlG0pdQYbvWHVJnNtdiVXQlKoS1iTcMrRUB3kbu+XMI1FQyH3CXaA+R68teKsnxRe/AwI+kNchGBqYhB8hHrcAJNCCJi0sPdIjjBHuUzQZKHlwIJlZEE894jLToCk77Fw11nxfkMAk24eCsW3Weuh5+3yT/3LdEvixEkc+Dj/XpC9+EZxmLFvPR9NlslhIhX8SqNJdNnEpR2NWXTQ5NrQg3jOjE4oThkaGgeXG4I3XAPngyIVS5wtLiQCfYOkTI+hveByBCG4DNcbTBDT/Jrb70Ykhi5PIRB4lAQfvPLF68XN3OX+DOdOYeMQC8GFAk4nbu+mU/pwzPhmG1Ja7pnDYPF6+OvGj50nCJoimD0IYHHVohSlDrSgKPHJU/x9xo+hzF+1SVnQ4V5noP58Cuh57Ko/RDmOZe7Xoehazi7dfFMZpYdrtCxaqrgEOAzI5fdukikf7X2KEkSWqpPyqNsDJBoaj7h+V61+UuRahF+CHtOqpo6Fxe9F8PqvMnDTJTyaeQqeJOnLeR1vuMWphus6mStt3WRPQ48rGYQhdw8lQUptRrsNK+63R5575+8QHVzed1NSDydm86qnoqkxp5XBAzjSgxhJQF/A5m99hHCrzh+eswPLikuZFzyjCdfDYqVsipG+oK+0tYFGUUHmtqHg93kG/rQrk4DJ8jZD2ScGrjZsqPWuGlXb+pttoT1x2dD///m+inAYmnG4gzOUASNAILEM5Y55ADDCQz7mXX9P5e9/s+Hfg7OMVzpdhzJ2Dq2fXJmT0f9G74yWHhQmfr0AqjyPDYklKVnedioA5JHPHq4ONINVqr7WRcj716FiVwllna6BQ+UWxaetjLZWy34xd6esaUYMoxfbhvcI9UpDVHaHGg/PDuVFCmw2iX1s4VI35kQQjIuXtt3RPv4Av1foB/BQERGgKBBlqAIQ6M0SoAY0BkNEIJl00/SYW01qeGxtxBTzrb7NQ7ul5k/kRofE/OyLhsDOjVzg9FYxilvJjm6dw7vbVvbzE9R1Ha3wnL2IKmctNTm5oV5OhZKeZM9507rkgxF5xFMQGROUXUaxkSFBu1Oa07hO4/zC5jd5UqJWIJKaSPw/qDLVQqVfXM2Rv2V8drKpLGC9XwdvE69WYcLwx9kflWxsZGiN8DBcTV6/uVCoXGDoheKELdXWCvbLbqsGQXC58OixwU6pWZCIARYNqzKccK+3LfxdgLyWFqJYVpKVRijwRD2q9psMtzNc/GcBYLukk3yq62sgqx9pf5VZqRRlU7C3+r6f9zk+T82+xmaAmkKAIMmKE4fG5NKcYKMSDqmaIAy0We3/RhJfSr7j/N/g/0f68Fngv+79/z8tvvfDfwc+D/q3xk/CUpyN9OnV63uKkR6co6sTmb3nI+V3raRRJky29mR6ByfT0lyfSgPwN7UvoLKQe6gY7cJBSV3hN+++Ds8YyyK14btRAqG2e6yZKkUIdcCWvGLJIVzDUCVYK0F+Y12bkpQZhRaIYewXHbOftJ5xA5pxWIicemJvyEBKcZERJbQybvHOrH0WBtMzB7rLaUohsKR97oiqItgTbCUqC6kFxEFa87QZosYcXN2He2RaBepEJQdliRli6UTmbkqOxnPp2gQGAFFj80u3DJPacA9IZ7pYic96fDBSEF9OWOe3pjgUBZ9V3BZ2Oyn5dVngY1X+vqUtlstDmFWT5wY1DbOrUSIQ7HN24DFy8usQGhD1vBeHTBBChyvqajS9/u6mB8/0J5lWEzGKcAOXcPeHSIYmpH4u9to+LHdPpmieU3t17mEulYfDGkm25qahKk9xBawvTVrz8QvixXx46BoGM+ZeUwT5kY9v3DKiHjK2qLUjIRzqV2ZC2y5lNAbOjibHf44QWKJDhQvY6d2mmBQaa+WzpEclEeRlmCiF3EijBWYmWb1yWEGze/w4IRSKaVbNoUDwg9zn+GV0Wd9TsVMU3220gJiZjwnMXef0EYae1tUiWydk2vgFawQYxvr2QlUVUO3Vgbyk9u9RBajBJIBkOFkliKAZaMsYWiGJVPiuP7Ze8+8bu6reUxQgiA67qtat+aub65BLVoklATLQBhwuOjnk96XrxjRiRMbmkXQBoWZlRt5K60CD+b5oGoz6qZ6bQjFl+8yImZpnyK3Ig6WwmNG7UW3EFvvttT7r3l+PKOYOnfQZdwkWD2519ny4nElD+3eh5C3va2XVRqtHM3QlvrMjPgFZtJDdE8wS7YmRIVFk/SBlTaNftpiQW8lVHR3CnmemgtHkqbFntCnZ2mO4i4i26a8QcJPGdZ3iSou2Sq4sdf6KhskGBGAZyWwkxKI6+TfVXM9i3PIiAu5+Dw7Nn1OTpswtHf2ibGBGVOR12LjZ5OA9x/1AThK0SRNHdeHTFMcTxMWwxDkEKiEPoThs9v/v2cJ+Afe9v+cEgBzOi6pTgDien2gUBD3F9tbOkudoJoXroaDFHKlVupTs0YImHTHXIcWv5a6+qgvblbXMHvrjPQgnxMztkeMxCkjeV7fT4kswyjkO4EaVzqhGlNdmIXeh3sjiDZqyUdpQaZ1taUVxbh0xXONMo+PzkB8p8wTckJI71Nu+34hAf/YJAAQgMJxKmNTNo6OtLCH9aQiClAJyxIE+t7XHs6B1VfYcKVPqV/njg2eyZBJN8Hv+Jvpqhu/T3ey2y/KuVcM19lfYDZzug7EcB6a46WJPalRD6OAdTM/c86R50w4JPkAaRE48dxtpTEG6x/A8sHNOY3dgCMkxBYYjpzMyU5Tzroy87mMocY7nWz1qoal8DigLN8SisFCcfGGdFN6P8B2/kxcs57iRrQAL0MJ2vw8x5o3gUaRKkKBoRXRVXtz6QJun7L+XHZMQb279bymKqG4vp2664nm9bGvOqXKXjBduupjqDgAxAEqlCtGlTKyJZGyGuF9PXUtB278bUYws06CDEtudHPDvJtiqT+VBHxa859GIoRh4gzN2Ixkjy2ZYRhNMykd0xhKA/ZnuAr4uWz/f04JQHpbOACVrF1GS94OkHuL+M1gAbKLNtnNIIcA5l2AtAGaVjUdygY1yGtxK4KA8i8w58Xmq7EJa6MWaDZKx8RZ5BROl6cljhxdIv2dv4wxs4iBjsRHgeG3rg4cfC0DaRYAcZ3m2m7UyVbjbREKuWk5wZn6ZB6GdEXKv/lVLyRmjoWHZHF8oJ856gfmMBwZih+GMM4oHP0ECLyyN9iqeGt+MTseUpdcv2RsxQWCQAGrmOHETOQyys9QXQbpJHdYfakx0Vhvzkw39GSQkuUisHCPZz0bSe6plsY9m0jEjNBOM43dW8KrM7XVSj0x2EPuCCawA0HhJKTbquFzQxKMVufm7kY81uA6MWF97NJjd+VPjcXN4FYUGmHPEn9B1u1u+NnHEoAjaHTIW0QeRpdMQBodnEPeNYZYOsIo8r1G0EEd2wtEZOMnjQOnsx4y+bmF0XSTidZ+dC+XO6cp2W6PhLywRJhgvcazT4Xa1bs1P/xEsZiep1IzUK+uT7wOBPH2Ysz0dh/nxxkOQ4e6lpD4xMnToLn0dTEUdiSnfnFHI0BJ11PW5bWouvRyNT+Utf0B1l1HMKYdzhI5cDKWC2odJa9i70OnJHRFFbwrSeTXfczm07NpIJKo2+mxsXjFsf3eEXLs3mBosbGfSECGMTSgE5BEdIIwBIaTB6piFMMYPI0ohPgkHcqd8PSSiHEe9PCWSyUdhHc09LrHoJfmg8i0J0bKavUKFkE6b6JpZqjoENkIzYhuS/rLXOShAi404OLITjKHcIjBeyX3jF/1obXuxSKkU3i/19JBbuoRKlLozvy8UN6jqXG4buXrfh7uD6LPzuXND0SDs7IMyZFxMdJc3YXlvnQXM3iY4Gbqpr9gEX6FdEzpeS0VElm1cO18exmI7TdSGijSzJC3jEhAREXrQDPiNcMbS0cL5iTbIGY17PpSbr0/9P6+DYDjMFLtCCfPX5UWUEmRvmSGnFCqROoUT2x6ThCFqYWlhTYbY3nFR2rDXT6bBLxXBaQEfdh9KjmsCkUTKQDpUaWxLMjILE4ZLPoZrgJ+Lm8DfE4JuByIrKvUIZpHe2Ydagy5x3ldonwZAinhVxuCrkbBGOLNtfKkQKfGbDnDyKRsk5t9xh7crt/ZoDRQtjDkl8umz3wRiWZDCHWAEnV0m/I6SUC4ndo1hZ8laxAQg3fi9NjN7Ew9qaxVtGudpwWiYEyocTS/cY+ag2+2xX34hQT8o5cAJM5wGqFTDGVRDE2ZjDmcJpYBJEPJmEjfS0cZhNxNyXTzZukX7z6TtzDQIJpAo5DnuXkR6D3ppeUe0WGXP0p0ydVej5M21DCdPt8dRFlee/B0W53VugfvLydL9QrDtc+jUG561iM2CaSNS8mQmJv7AuiZpu5ZwEiV/ZwoWcbqc1kKEUQHgi1wOi1acpAZtCTWvPMIZbi87Rf8bFmYv+N6q3HZVT09T+c8uvtEY5CWCMfBLSguBUUcNdWDib2BJhiYfQph9woo46aGuYD7eBEIz+ZZCwLekBotpAxxlGyahKtiIG9P/bhUdm73Ac0Mp2ABWb4lmLQwmzGv1Og0jAgd1EaTs6xuFbJ0P5aAX/xfe4OLPQ==")

# %% tags=["exercise:weight_shape"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("weight_shape", variants="cnnlab-variants/1:eNrlmknP9Nh137+K0CsbFMJ5MqBFcR6KY3EswRA4j8WZxSEIoEyQHcTwwosYRoIYAYIAAQLtEtlRsslHiVqKVv4K4dtW633t7oblbffmQT1V5C2ee8/9n9//1P3hP/2sjeKs/ewPPkt+VHU/ILDvfy/5Ub8uP4AR6vvfa36Afvb9z5rsuD7PaZjM4jzPMRiHsSjDCDxG4iSGYRSJEBS6Lhym/jUs17Vd90/Yvnsj6e99GPBvh8qmLmt/NFdn9gP097/3q7/4V7/8D//y1z/5k89//pe//smffv6//tOv/s1//+Wf//QX//PHv/irP/qbn//Ha7iy6j4MZh5OPyXl937xs7/+5U//9Bc/+6//73//2ec/+etf//gvfv3P/+zz//bnv/jZj683P/+T//Gr//LTX/7lz/7m5//2by/77Tuf//SvPt74r//z3974y3//x9eN17d/r/k//6753ud/9JNf/fFP/ubnf/F7X4T/YRaq7nrqH5Uf/my//39//C+uJ8r2oY26aKn67nqwOYvaLP0DEo0xCUZKroLQxgyI5MWIQqMbWQ9xBHNjsXBdQMJlTUI7uaVHbxFF0KEheOtjEvGB7hYFM0C6Trb8eAmNPNjyyTCuED+zmaGeib4nj654Khs9H0N8qwcKBW2gh1O0UTA8KwXlDusJSlUuFDvNE2v7+NXffvCD63lf1bxETTZ/9gc//OFnaU5gWBLTUAonaI7leEbRRAxTWIxdr6gPK/2biLJg4dZ0EzeTq0+Fyl6m6OsvbTbvpQ+CfsHny9LhjKfM2RYfNYUvB5C9RNOxjDzzvBsBIBD2BqASTwitqso9fGqWab1n8hY6aILLHruB3V6CHPL2ZDgtHHduIJ8qUGfPp5tgpbGgQgL3BFVGFnHzIWs9HwhY56ars1qORzRVh8CoXksgYF2R/uH3f/gZDRNIjOVolFEoBcEUfAWbYFREYzRNQgn8MTwA4+D5SVRahz17jJzgIeGFLhrssISsGV+hLhmCIRAVommeb39nqihwJyMPWVkWGx94iS3mONKDu6Ih5RGVhXgPSN9JSrrxanJtNnaaFN2oWHal/B3ICNR/6TdcglvOKviqPGZxuYfKwOJixrxBp3Se23DN53wLtR6xoScZB8JZQAvs9Mnj3qW19+CVYcdHD1gcdPOZkgTjMHZ51r1F4lyA4RdTkBMRFUEkmuJZRkAwFiMkmWcRmVFUHtP4JyusPxwQvHMm6zCArNS23Yq8d9r7ITI8iMKk6++jpI2ESgsFHSICnlnr0Sy9yZMeIkEJTy7BPZ4Dh2Lbo4D0l3gUYVnp0kKgDKvkYBVNplMYYyEc3XwbtIoznvnh7fTdUmRwOaDS6MUHQJvPyVjUeKdzx0+eDrVQG/7Fiv7hP/v+P6RN+G+1iaKgKCJwIovgCM5hlEBQhEYjHIvSJCdh4h+hTfi3SpvqnYJGW52RXi8PhbS9p+Bsj9FxNgmhVszjHo8phuZQtt8PaoD8xFXAkVos1L3lt5G8PwRO5kKHpqYh8Ip7HhojycXb+n62L23CkPjaxhtBO5JExEl1BzH8VebbbMGbHt+X96OQHF5ZztjBT0vv0Oi527FufVWb0EuOKJgmc5qMaSpDsIimsOsljSIJRcLpx8xdSVpe75K5SIN2gvox4pVusXziLCc82huuFWWgngOpcpvz7rSySPM9fonEnT0Sjm9Gps3CMtEZ51HulzTXsc4iM+90dq5tZitBMAE3qDfUeozbb+uFgo2Wk/WOkDB2HzPRDai8zICoqVrvkvIbANd3lnR7420wb43W3sKLGKlBNkMnu9nbb7SJuNISxlHokqGMSBKYokiSJq/aSeNQSmXUx/DuJ65P8NuG5jlDeCd8Rb3/fLpSo7L0IxSLe3wOHSdbxYsF30N/AwjR6KVrvkhe3TbbxBvl9ObXfS0dfUhu5dKHXSAzD1MSDDn3eDPB1KW78WTJojA2N50MRWUOM7eGNMi2IOCEFX0Iqu57sj/y3ToWNOpCGw9mlQCdsU9rFUO74bDL3SzrQpeOmLSnJasG3ddwjTcE97DcAasZHWpL9KB46fHFFGAEjcQEldEkSaY0chUumMxxEr72KUVkdPxxCmQMSADJLHi9CkiowvpGqhjUz96wnCi6TY2nEKQl2c0Sq+lnWS4xTi48aqTu3dzulLdEb70XOnLzM1mUgPfjBhOsCkTOg5i0vl8rmYgHR2CzSpuq5thobfJPHp4FnevmHXw18myqdhHkbyN/oyLgwSIR7NTQOudR3/4hbUKRv4tNEElGGRonCYXnMB2jaJYlMX6lN03DVIIi3yxNX4z0raUmp9VR50AEKIwiEcLmToCTel6QYOWLuReYMmi0E0Gn8hmhW9MCVbhdFT41WchAhAhJuY1zlwSUGrH0C5xka9jGDVGxIu2+8QocHiqKQF4xoP1DzWvkmTRqUPTvA+VRMrsVvixuduES7CjT1xYRuqz4qiplOIJBOJbSMYbkWZLgWByjEHlVFiRCSTr6mLMUIWHwcob9hLAMDPoo1Y5Fw3EogyE3zujKpaum5El2PlfUgS5jaeyd15PTI8ZaScPWGUMgr3rzIPnYXi65+ghO5E0YUxh4QAUU6tpdp3y/Z0nIGMzTfu+teOMfOYUAtyh3LJ2GBE9u8I1SMlN6stHL3exJTLJn+HjAID1VKWAbUdJh/nD7jSrBWIYhaYYmNJpmMUkSeY5SeHxlaERlGYJ8DO/ojhewFwrhPo2VuScgJ9v0GTdPWyQKjmRWuMjXxrKOyKtX/plQ0RqH1xWljySkhWxjgZaZyg+nEuNZm5C1xrSgEF8Vp5FaXc/Eu5Iw5C4xpMw04HtK/boGq+D2HilB1+fa1ne0YPYQfGXbGzTQcjuZWbGVU+qqwQ8JwE7HRjBuD43Q/EbuCXRa3GTlGdV78wjTGzh44ovbaaIM6XfyeQHm+4spiNAUoaCEjEg8g1CSuNCYosksiUjoqkU49nEKsMrRz1ZErPWl9X6ltlK+HztN2o97H6q0g0j2NNhTTBx4I7/WhDgeAdv4SiqY+bFMPCd6iCZjoHEnzKTuskc9uEyerLmMczKg+RuZO29l6cLseOcMcTIWU+5VhPNDZdzIpb47XafMOzlQMgxjb5QN0t15Jrnu2+Zp/W6q9BGYEAqFrtyi8wuaCIRILmCOUDSF8wyDUAolfndV+nbx0jYRtx32Fj25jcdBmxue2PbhJrYFqXJ+oFQNxwAfOkNnP9y3W9V+cZoMQ0TGMUym5i7QvTbVcUyw1drwq8RChIXz2a28h3tMvGsJBmbOrQentgS+Cm3z2nBASHDP98JM/BtZcQ6RRw5zPO3twAjrfA0rIXCGwjSSIBlJxESc5jGZYsQF+zgEo9GnRqe5fKm72AvbH92DpB/iw18ol0nuJA0ewmVfBOedS1RFnq28FIZ4Jl6vzAmv1W+7h73hmZ5cSeEb7UU328uApr7nXRO3m7e66ZOc+TITi3eFJ/1deUCYn8aXTl9X2TewMOSagbClayTJkogNMqggcWnKQSz6fTepxJz69THg2gCYDyAdBvhLVULIPCJSEkVgHMdQOoWIKE4TNCGJLCfp7FMTkwSgZKtPaT/vwHiOvghl9mW5Ynlfxq1lGcOqBiJK+CDtYJ+eA8Bd+osmSx6T6YYV8EAx03MGgRc+SBOdJqMCdMTtJUfgE5YXxx9M7UUkdFpCAxuaPCZeaCX79LGwT+R09cWm9WJCdq42oodzs1MRX2LLXLIXcGOi7KbTWCGNagcFCdckIUpt4ryqySacd/kkq+dxzHbhZdNLmnZ1xaRnRIhfTEGKxxGCUmSK03CcXe48vfwMRH+YARQnafzjFNAm12qHz4hWkk1rJMk2EYX2OcdbIK2dcT70ynlAch5z0NAqU3x5LgsmsL0Th3JutXjVPYOi6ybRQIAEi1FoTzHI3k40MBwgqYicOExQBuJ7IQbafkh2+1wBW0O6OSi0Vw306ZtRvOnSbF9VVWPLwTJlmY1L6EBMi69XJfQbW0wokSf4VZEgDE1THKLiOMkjnIoxHKLRHIO/XpXQb32HCc3uKWiTInftm8LxfRuZTC7okYmKUb6JbNOhsP5onz0GCi6t5zNZpU9rJAEIV2SY1sOaht589DrlCEWKys+bcQ79SJXh12sIisBtrnt7BJHRUsVqZBDoQG2dpPDyahrVFSkylDphSxKvBR9HIRIQ/iuqdJlvAkKzBI0zEoXSDIdTFEJgmqJyKCFw8mPODkbySsxjQjAXXuqWLUhwhpOtO6QJprwYV3k2G5DBJYXMsyC/1URQeBSpo98mniS9nnEl4KaVw2L7kige/JUQmBObr8lybFyVuOlhu4lUwUhl4jkGzRpA2EPoCgaOu3lENQPEKZygu3XIYHuo3cNQ1EwcAhdp0+26hQv1IG8awN+c5o5/6eDIJEMJDMmuTMyIGMsjDCGjixlo/ANAYZ+EBy52yjd2Xyv0XF+m6+KPxCe0KMxFfnXgXQJSdYAe1CPM2Ad2j6ipqZ+ZuPZ7kWEuDsjsG5svSvSD8bp0hOFrNArjQaJwLuYzgw6zgsc9EhQgEODl0FzubaDHGqWjqsL+spxy3zDevYDVAotBptOBVOOOuvVHT+oQg9LhqyrxgMC8obY7WBErQ5LOH4tyqhdJg8spwAzrorgp8UHDIVHQQtF3oLuEfnNzCcNjiLoWHMGpKL+cHJwiVzZkNIGlKIZgv7sqfbtY6eEPANAy4hTZNJgeBUpACZ6A4c1JDmAeV9FCOf2+rNayKKb9uGDi/dz2VbxJ0cu4TImqiSXz1IYFnF8UengwmmKg1F3+TcsE/zbVCJgyHTua5fG83ZEjNqECM3bjzqEFJXpT8lKx/i6s7M0hD+lyXQX1FVWC4CTDriy96gqUIGSc0AQVJSmVkRAMZ1n+CSu1jQFiIg/G0XKw05NpE3frxiPUxnF4pZApeFKv4OUpUnoDuhHPPXHrJoEYte1PsPeeXQtpd4ZCZJC6HjQDECvA7XiLw+cbXt/OLsUFBt+TkNJ652g3MkZh0EkGEpk52KYEzzRMoPKOwGt3HJ3MYG73vqmdfoefydmxmW6s680E8qxe5OI3qoRGcURecnv5ODLOr9DiCMKoiEoJAkdpIvsYHqwMCDuwolV0NwpmiZ5MnXAdweMe00lXzPcLbrUJwm6unukgWPQyF5pr3XRAshsycj51M5vALTXrJZi9nb+rnYIwGJyK1nDNy6iKbxkzt/DotUkv30/+0GfZIpCOs3U8OQeb0wdbO6inOwQ0c7+rzxdJO0GGEKc1Dz63vgAyVSXc4+GSQLWc0BDS2OqTfPEdAfKN9xgXAaimALl2u+ZNTkFG34G+EvpNbaUPmoSSOJohWQJ/wcpZiiFUnsYYQiB48o2i9O3uKoHWMne0J2iQG1MuyktFxsi8QqMvntCUpDnTpzoSsKiUPmy9ShggkMFvx/b5bvecp/H1uD3Xl++tjzJC/W7Ex/09kxm+614Q8AMx4tzg9BYMHXBH4sFsPRDONIIcU1ob9L1HbBxpFimPMxisB4h9RY9yNCPo6GKIGE8ulCcRnIxQLELpKE5wPKU/ZmudRc32Fnt83vraeHXObXXmozNoAYSbyUZ4U6XviHRba6u6yL881zVvGf4lqV7JrkjulGtVmW7laQLzVE9jBakdZ5FWHENwMiFoZa1pnI2Z6IZ5jiS2TJXWZcD8kfYc5J7FhMIucE+GVRE2HplTOZf7WRwMWOnfbV2xUHIgcIBw/PtBMV/qUUpRNAGT1/a71DWhUjKCCDrDk4RKYjzFko/hBeJ28wxf8VF8qtspZ+X8jVHweSj5i36pr6Snib4W0/zZZfrh2TJRFb4WDQQnVVNP5u5ExOfLlwizvNR/2ZhTqfmJS0YM7DchDc/YR84OVdTEN5WHrAQTJxlKnbZJ3kdwIoC4zJ+MVgKH12nTI6HJsyanAbuRMW1juXM7ghPTbv5ZtPzMGHeCEbGiaaLH2cvOmd4uJTxuIzWvPrEEH5q76p3+DnSU0G9qKOUIiSeX5OIYRmRUlmUknWBEgscXLkdQQv/OevTtYiTJQ0pLGGltg9ehLaalhBFFbIeF1zPPPZVpPlgdfMuXFbfekQrpdLemeMrwMxs/RmcIdEVZGam97TivtflLeADGwm0scQgjuzW78KR8iFzUxw3jqOfSstY9xV5PJRB1HFZkhHk81KJERIpmSePWfEWPYDpJMQoi44xGoOgqnpdjS+I8pfIozzKK+JitrwB0Wg6PgnjMHCPFzZzAiG1WkVDu+Ky5xNWPjjxSbKtE9neY68TRNg2lixNW9fkKqZgntIt0IGWt1E6lF69UN3lQQJ79K5q4KrFCVr8xvWv0Fqb5nW6PEppckqM+MhG64Z4+Oq/MfXVR6up8a6fVenRgxpRQa8MX2lkLg3mB6WlFyppf9pJo4hId+vImSUrQKE6gaQbnZBxhlyHNL9/yMbzFLp8nXoT42ccbZhPeKPj5GLzaSaXpzTYlBmjb6k6aam/sTLkgQaHmkdri4DDREV7e4NQXUN2LHWmoPLvj6HlRr/QX9OruLQiXjYfVekI6xOjjbpwmrOtCQ5vSe8WNW2m5Srtw7AqilEbzgWOiI8edoHcL9MC7kKQ0Vmrs2DcgqQTIsTS6ALfsNOVXQe1GvHLH/JTKShFdZAOhlVblHhy053eglwQT39hMiinkijCNPpxxSak4obIYI2CKoFA0vaxr/PWK9GHAb3k3aRuM12n649yysw0uhTNTLkTzZutT9oFgkICJrlCXIXbjRprNaf0eEVlnV5NfyT4Ty2O4WdQAlLOOYve58Y0KfBoVNcsKqt5jiDGcvjhG4oJ1ZNNPx3u+t0fqNmQialVR9lnsbjJbF45JJ1O7Ma6JD2D1NeeVKDrOIgTO4ygjEvry3cRVQLMIJyAUSUn4E1YqEUjvQqIQQ1+BnlA3uA/RtNVo9awUoztHbWY+ZwnJlsS7qxfN0rMrFcqwVGjbe/PtLFSeqHOhYpARb30duoHadGgzBGOPFbiAz2cjCNc+taG78ciiRQ7QCONcdoLW3PQ9MxDNwGJ2SYuW4QCEG+Nz7JvWwp70inp+0vQV1ymBvmhYMPqlNuUwRF225fKm+cWDGUJjUIxieY4nEXz5t0+sKYlhGUY9780m0LTdFFvRh5I5goqUKv71HTy6lwIu6dLoeegEhzkYvN0UcIFxSnY9eWYDqfGb6kcB6d3Bm9KhNtrPo2RadNZDyiEcT6UB7HF8286eUx5JGWN+E6AiFmwjhmBhEfR3+gwmWRzbWhNntbgZDXA+4U6hTKSCHFocTgJfZ0PHU5R/RDjWDg9aYuf3LnRSqVt3e6kQTFIDEoc8574+vgMdpa9o00dagiOYRjI0JuGEjugrmXCMIBEyQ5D4+geG/hHa9O3iJXXG3z5f8jYV5efWpKJjIi18JDliUy9a9i0uNZnVzCXEa7pXQiC6oqacW+fcRD+e4bNZ1v51T/yBFyKlmIozeJ9REDjQbb+t7yZdNN54OnKaIDtXeexJUbxaLIO4tfBVi/wS6MJwBJjgtbuht5xvYDWwffuqNiVYjqQolGMfOALPyWvpCDzJaDrBSQKOPwELsbHDxnJttYWYopNe8oD6lCOABIqzRh+Du56+pvoNsohDNSX88v17qlf7kLhXmk8lnuv3Pnlbe1PtuVhnFu/ZityR87xTgYgccMZIMiFqJ/LoUJ3bj7egTGf6iMgwZxJ2fMWSQQDOVLpkId13esS6Tt1L4jkUPWrJr5eaCRidW9ihu3b75VnKL7r4OQVlUBRdQUUEHF25mWBQlMIUjX/SVBnNtTaOx86uBQFllG4eisT6nWyEcA16xxSsZPWhCowqU6d6GPfQYzZ6YZ9PVUGtolDNPiS1bZVKx76l0Vtm+yDw8TMfGwl4Uc3TkcaUNuPTsjbdhg7wBua3QsOJNyr5KeS4B3aOg0/mfHngOga0qANrdD4kaJq3702hxhrg9lW3w8uhl5DD5Zt9px9n+ICfOkAXVIiJBMJVEuXcza2OjE4GvgN9pY/a9PcbS2ROXh4eumjpWu8cJdGrKkEYlcAkFuNX9N8sTd/uzpLyFE8+5GvJwcmVNsW1GW5D0jUYdM6AjwxDckd6zBg5TxTndyXm4aIt/qOuckiMQqYbHMPWVGuYX9pycrqjhGEDtiewGYkwTBJOV4ezoxC/F9m9gq+lHCbIOU2zpHtPLjkPtaYb9tjsgNLGyH6pyNecV7pwN77WiYzwmMApDCewD+WFgpJr/14r+MmBHocEyKkDQXIxjujAaljUWRqxwVGNSePJvt1g9aVgNxm+inODgfELmHvxAM69rfzzRYSOVetZORtkI7pv9xxZPVx7S3exyRueoJ9Geyi2muPOr+LGbxlWL849uW+z3chyy3XPgViZGblxkN4We14dK3gnAKFrutqr+cWpVlHvjg6Yk1rxviQmDMqi+AMM5QgO0xceXnQIERhMIlSaoekn4fltLZzDy1yyUdTX1bIb+D147QvBhN5BLMK1RYDMpPU84TLg9sFkWU8ONiwtbrqZ75zs3Kn6PUC+VluK/5AytznBNhUwsk83usPeWOnehTZVj4QCYOSYb25iotXEBRczGqZo8VV+7RXngVadL2qvqnIZX3WAHokqy05cdRago9hkTGshbPI1sX5RSrJBoA7IHp86JBOZEsFmEatVa6NJB92p34Hu0t9XpY/AREJwStMIdGU4fclSnCNIRNF0TH74AS6GkN9dlb5dvGSDEiDxR1t6WwCn0hgoB0xIKhsw2iuTHK4a9+RB1FiQyIAonxXc+tyyBDfgteFT+N5cnZRgK7db6pzQy9Io50q9pV3wCebxeimXGnlS50o4GRpO27OsZvNL6mQ8Q2hpGdzsQwMQSXN0jlJnsNUn8evOKyUJjqMYjGY0ilMwSl1bN8XTFIaQ9DI7n/SYUoq2oRcOZjd4y3JrJXw8LgdfDag8xzamW3ZuQh6qBy/jyYIYkDMVm1GSIZmifG/WIbcfaU4/JnZwvQ7m2BHu+qcIPHWCyfqClrmHDICXydgV2dlH8mjNdULCe3jPZOjh64/LZeDezEDByOHcjZLfb8hr2zXLJHrNgWhnJBwyiOeDfsGds/22x0R/QAUMiSMIQuALEbD4w6nRHEkoNP/0vFInQfwk8xm8w2jq7kcKJmL48PzW4hbrDjR1qtkMfnig5J1sxd1A4rylNr+OVnUERz35yBHWCXhnc7ixhJvsUIfXziUwbMgCPleQM9VIGpimEPwhvaFNvXUNsOY4YpwV0Ey7wuJyLG138BB9QlyRG/+ymwfgaaJNAMD8NjZCxW+4aZ4VWcdAxZ0XG7kqUMRvViCIuLyIGrhXd9rIjrkfCGegmG9hj+kP/z+QABCW")

# %% [markdown]
# ## 常见错误
#
# - **“每个输入通道对应一个输出通道。”** 一个卷积核覆盖**全部**输入通道并把它们相加：输出通道数就是卷积核的个数，与 $c_\text{in}$ 无关。
# - **每个输入通道一个偏置。** 每个卷积核只有一个偏置，在通道求和之后加上。
# - **权重的排列顺序。** TensorFlow 和许多资料写作 $k\times k\times c_\text{in}\times c_\text{out}$；PyTorch 的 `weight` 是 $(c_\text{out}, c_\text{in}, k, k)$。数相同，顺序不同。
# - **把乘加次数叫作“参数量”。** 乘加次数随输出尺寸增长，参数量则不会。要说清楚数的是哪一个，以及是否包含偏置。
# - **乘加次数与浮点运算次数（FLOPs）。** 一次乘加等于两次浮点运算；`FlopCounterMode` 之类的工具报告的是 FLOPs。
# - **只说“1×1 卷积是全连接层”，漏了“逐像素”。** 它从不混合不同位置，是在每个像素上使用的同一个小全连接层。
#
# ## 参考资料
#
# - C. Szegedy 等，*Going Deeper with Convolutions*，CVPR 2015（Inception 块；表 1 给出 3a 块：192 个输入通道，5×5 分支先降到 16、输出 32；3×3 分支先降到 96、输出 128）。
# - 吴恩达（A. Ng），*Convolutional Neural Networks*（deeplearning.ai，Coursera）第 2 周“Inception network motivation”：本例的计算成本对比。
# - M. Lin, Q. Chen, S. Yan，*Network In Network*，ICLR 2014（1×1 卷积作为逐像素的网络）。
# - 阿斯顿·张、李沐等，《动手学深度学习》6.4 节“多输入多输出通道”（6.4.3 节：把 1×1 卷积看作通道上的全连接层）。 <!-- parity-ignore: 6.4 -->
# - PyTorch 文档：`torch.nn.Conv2d`（权重形状）、`torch.utils.flop_counter`。
# - TensorFlow 文档：`tf.nn.conv2d`（卷积核形状为 高 × 宽 × 输入 × 输出）。

# %% [markdown]
# ## 先预测，再揭晓 · 逐层看瓶颈结构（2 分）
#
# 3a 块的 5×5 分支，按规格搭好：1×1 卷积把 192 个通道降到 16 个，ReLU，32 个 5×5 卷积核（填充 2），ReLU，输入是一张 28×28×192 的特征图。先别看任何输出：预测每一层的输出形状和参数量（含偏置），再点这一行的“检查”。✗ 会指出你漏掉的规则；只有在你预测之后才会显示真值。每个格子按你的第一次预测计分。

# %% tags=["exercise:bottleneck_layers"]
from cnnlab.exercises import predict_layers

bottleneck = nn.Sequential(nn.Conv2d(192, 16, 1), nn.ReLU(), nn.Conv2d(16, 32, 5, padding=2), nn.ReLU())
predict_layers(bottleneck, (192, 28, 28), ask=("shape", "params"), exercise="bottleneck_layers")

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `05_channels.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("05_channels")
