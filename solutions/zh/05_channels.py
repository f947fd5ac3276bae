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
choice("one_by_one_true", answer=2,
       options=["它把每个像素与周围 8 个邻居混合，相当于除中心外权重全为零的 3×3 卷积核。",
                "它不能改变通道数，只能缩放每个通道。",
                "它对每个像素的通道向量施加同一个全连接层（c_out × c_in 个权重和 c_out 个偏置）。",
                "它和池化一样没有可学习的参数。"],
       prompt="关于 nn.Conv2d(c_in, c_out, kernel_size=1)，下面哪一句是对的？",
       hint="看公式 Y[:, i, j] = W X[:, i, j] + b：一个输出像素读入了哪些输入数？W 的形状是什么？",
       explanation="一个输出像素只读入同一位置输入像素的 c_in 个数，经过 c_out × c_in 的矩阵 W 和偏置 b——"
                   "每个像素用的都是同一组 W 和 b。所以它可以任意改变通道数，共有 c_out·(c_in + 1) 个参数，"
                   "而且从不混合相邻像素。",
       mistakes=[("mixes_neighbours", 0,
                  "1×1 窗口只含一个像素：Y[:, i, j] 只读入 X[:, i, j]，从不读相邻像素。"),
                 ("fixed_channels", 1,
                  "c_out 可以任意取：nn.Conv2d(192, 16, 1) 把 192 个通道变成 16 个。每个输出通道是全部输入通道的加权组合，而不是某一个通道的缩放。"),
                 ("no_parameters", 3,
                  "W（c_out × c_in）和 b（c_out）和任何卷积的权重一样要学习。池化没有参数，1×1 卷积有。")])

# %% [markdown]
# ### 练习 · 用矩阵乘法实现一批图像的 1×1 卷积（3 分）
#
# 补全 `conv1x1_as_matmul(X, W, b)`，让它处理一整批图像：`X` 的形状为 $(N, c_\text{in}, h, w)$，`W` 为 $(c_\text{out}, c_\text{in})$，`b` 为 $(c_\text{out},)$；返回形状为 $(N, c_\text{out}, h, w)$ 的输出，要求用矩阵乘法计算（不用 `conv2d`，也不用 `nn.Linear`）。矩阵乘法 `@` 会在最前面的批量维上自动广播。

# %% tags=["exercise:conv1x1_as_matmul"]
def conv1x1_as_matmul(X, W, b):
    """用矩阵乘法做 1×1 卷积：X (N, c_in, h, w)，W (c_out, c_in)，b (c_out,) → (N, c_out, h, w)。"""
    ### BEGIN SOLUTION
    N, c_in, h, w = X.shape
    Y = W @ X.reshape(N, c_in, h * w) + b[:, None]   # (c_out, c_in) @ (N, c_in, h·w) → (N, c_out, h·w)
    return Y.reshape(N, W.shape[0], h, w)
    ### END SOLUTION


# %% tags=["exercise:conv1x1_as_matmul"]
_ = check_function("conv1x1_as_matmul", conv1x1_as_matmul, [
    ((X1[None], W, b), Y_conv[None]),
    ((torch.ones(2, 2, 1, 3), torch.tensor([[1.0, 2.0]]), torch.tensor([-3.0])), torch.zeros(2, 1, 1, 3)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(5)
for _n, _ci, _co, _h, _w in [(3, 4, 6, 5, 2), (1, 1, 1, 1, 1), (2, 16, 3, 7, 7), (4, 5, 5, 1, 9)]:
    _conv = nn.Conv2d(_ci, _co, kernel_size=1)
    _X = torch.randn(_n, _ci, _h, _w)
    _got = conv1x1_as_matmul(_X, _conv.weight.detach().reshape(_co, _ci), _conv.bias.detach())
    expect_value(_got, _conv(_X).detach(), case=(_n, _ci, _co, _h, _w), rtol=1e-5, atol=1e-5)
### END HIDDEN TESTS

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
def branch_macs_check(reduce, kernels, side):
    block_in = 2 * reduce
    weights = reduce * 3 * 3 * kernels
    macs = side * side * weights
    if (reduce, kernels, side) == (96, 128, 28):
        block = "GoogLeNet 3a 块"
    else:
        block = (f"一个 Inception 块（输入 {side}×{side}×{block_in}，1×1 卷积先把 {block_in} 个通道降到 "
                 f"{reduce} 个）")
    return dict(
        answer=macs,
        prompt=f"{block}的 3×3 分支里，那个 3×3 卷积（{reduce} → {kernels} 个通道，输出 {side}×{side}）"
               "处理一张图像需要多少次乘加？（不计偏置）",
        hint=f"乘加次数 = out_h · out_w · c_in · k_h · k_w · c_out：{side}·{side}·{kernels} 个输出数，"
             f"每个都是在 3×3×{reduce} 窗口上的一次内积。",
        explanation=f"{side} · {side} · {reduce} · 3 · 3 · {kernels} = {side * side:,} · {weights:,} = {macs:,}。"
                    f"可以用 cnnlab.conv_macs({reduce}, {kernels}, 3, {side}) 核对。",
        mistakes=[("forgot_positions", weights,
                   "这是权重的个数，只是一个输出位置所需的乘加次数。每个输出位置都要重复这些乘加。"),
                  ("counted_parameters", weights + kernels,
                   "你数的是参数（权重加偏置）。乘加次数数的是处理一张图像的乘法：它随输出位置的个数增长，且不计偏置。"),
                  ("flops_or_192_channels", 2 * macs,
                   f"要么你数的是浮点运算次数（每次乘加算两次），要么你用了整个块输入的 {block_in} 个通道。"
                   f"每次乘法算一次乘加；这个 3×3 卷积读入的是 1×1 降维后的 {reduce} 个通道。")])


numeric("branch_macs", digits=0, unit="次乘加",
        variants=vary(branch_macs_check, reduce=[96, 64, 128], kernels=[128, 160], side=[28, 14]))

# %% tags=["exercise:weight_shape"]
def weight_shape_check(c_in, c_out, k):
    return dict(
        answer=(c_out, c_in, k, k),
        prompt=f"nn.Conv2d({c_in}, {c_out}, kernel_size={k}) 的权重张量形状是什么？",
        hint="PyTorch 为每个输出通道存一个卷积核，每个卷积核对每个输入通道有一张 k×k 切片：(c_out, c_in, k_h, k_w)。",
        explanation=f"{c_out} 个卷积核，每个有 {c_in} 张 {k}×{k} 切片：weight.shape == ({c_out}, {c_in}, {k}, {k})，"
                    f"偏置的形状是 ({c_out},)。",
        mistakes=[("in_out_swapped", (c_in, c_out, k, k),
                   "你把两个通道数弄反了。PyTorch 的 weight 第一维是输出通道：每个输出通道一个卷积核。"),
                  ("tensorflow_layout", (k, k, c_in, c_out),
                   "这是 TensorFlow 和许多教材的 k × k × c_in × c_out 排列。PyTorch 把通道放在前面，"
                   "把卷积核的高和宽放在最后。"),
                  ("forgot_in_channels", (c_out, k, k),
                   "每个卷积核对每个输入通道都有一张 k×k 切片，所以权重张量有四个维度。")])


shape("weight_shape", variants=vary(weight_shape_check, c_in=[64, 3, 16], c_out=[128, 32], k=[3, 5]))

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
