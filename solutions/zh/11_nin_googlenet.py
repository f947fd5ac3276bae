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
lesson = cnnlab.start_lesson("11_nin_googlenet", lang="zh")

# %% [markdown]
# # 第 11 课 · NiN 与 GoogLeNet
#
# AlexNet 和 VGG 以庞大的全连接层收尾，卷积核也大多是 3×3 或更大。2013–2014 年的两个网络把这两点都改变了。**Network in Network**（NiN；Lin、Chen 和 Yan，2014）用 1×1 卷积在每个像素上放了一个小型多层感知机，并用**全局平均池化**取代了全连接分类器。（VGG 也试过 1×1 卷积，并引用了 NiN：Simonyan 和 Zisserman（2015）表 1 中的配置 C 在其中三个块的末尾各放了一个 1×1 卷积；效果更好的配置 D 在这些位置改用 3×3，也就是第 10 课的 VGG-16。）**GoogLeNet**（Szegedy 等人，2015）沿用这两个想法，又加上了 **Inception 块**：几种尺寸的卷积核并排，靠 1×1 降维把代价降下来。本课用代码逐一验证这些想法，算出它们省下了多少，并训练两个网络的缩小版。
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

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import alexnet, googlenet, googlenet_small, nin, nin_small
from cnnlab.models.nin import MLPConv
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · mlpconv：每个像素上的小型多层感知机
#
# 第 05 课说明了 1×1 卷积就是对每个像素的通道向量做同一个全连接层。在一个 k×k 卷积之后叠两个这样的卷积，中间加 ReLU，就得到 NiN 的 **mlpconv** 块（库里的文档字符串和注释都是英文的）：

# %%
cnnlab.show_source(MLPConv)

# %% [markdown]
# 从完整尺寸的 NiN 画出它的第一个 mlpconv 块（`block="features.0"`）：一个步幅较大的大卷积核卷积，接着两个 1×1 卷积，每个卷积后面跟着 ReLU。每个框写出以 *通道数@高×宽* 表示的输出和可训练参数量。

# %%
cnnlab.draw_architecture(nin(), (3, 224, 224), block="features.0")
plt.show()

# %% [markdown]
# 换句话说，mlpconv 块就是在输入的每个 k×k 图块上应用同一个三层多层感知机。第一个卷积读入一个 $c_\text{in}\times k\times k$ 的图块（相当于多层感知机的“输入层”），每个 1×1 卷积是跨通道的全连接层。我们来验证：用 `F.unfold` 把输入切成图块，让每个图块通过一个由三个 `nn.Linear` 组成、权重*完全相同*的 `nn.Sequential`，再比较结果。

# %%
torch.manual_seed(0)
c_in, c_out, k, h, w = 3, 8, 3, 6, 6
block = MLPConv(c_in, c_out, kernel_size=k, padding=1)
x = torch.randn(1, c_in, h, w)                                   # (N, C_in, H, W)

mlp = nn.Sequential(nn.Linear(c_in * k * k, c_out), nn.ReLU(),   # k×k 卷积：对图块做的 Linear
                    nn.Linear(c_out, c_out), nn.ReLU(),          # 1×1 卷积
                    nn.Linear(c_out, c_out), nn.ReLU())          # 1×1 卷积
convs = [m for m in block if isinstance(m, nn.Conv2d)]
linears = [m for m in mlp if isinstance(m, nn.Linear)]
with torch.no_grad():
    for conv, linear in zip(convs, linears):
        linear.weight.copy_(conv.weight.reshape(conv.out_channels, -1))   # (c_out, c_in·k·k) or (c_out, c_out)
        linear.bias.copy_(conv.bias)
    patches = F.unfold(x, kernel_size=k, padding=1)                # (N, c_in·k·k, H·W)：每个位置一列
    per_pixel = mlp(patches.transpose(1, 2))                        # (N, H·W, c_out)：对每个图块应用多层感知机
    per_pixel = per_pixel.transpose(1, 2).reshape(1, c_out, h, w)   # (N, c_out, H, W)
    y = block(x)
print("mlpconv 的输出：", tuple(y.shape), "  逐图块多层感知机的输出：", tuple(per_pixel.shape))
print("两者相等（误差不超过 1e-6）：", torch.allclose(y, per_pixel, atol=1e-6))

# %% [markdown]
# 常有人把 1×1 卷积说成“用卷积实现的全连接层”：把通道当作特征，把像素当作样本（第 05 课；Lin 等人称之为“跨通道的参数化池化”，第 3.1 节）。NiN 的名字在更高一层说的是同一件事：网络中的“网络”就是这个多层感知机，它像卷积核一样在图像上滑动。与单个 k×k 卷积相比，它能在下一层混合不同位置之前，先对每个图块计算一个*非线性*函数。参数量由各层相加得到（$c_\text{out}(c_\text{in}k^2 + 1) + 2\,c_\text{out}(c_\text{out} + 1)$）：

# %%
formula = cnnlab.conv_params(c_in, c_out, k) + 2 * cnnlab.conv_params(c_out, c_out, 1)
print("公式：", formula, "  PyTorch：", sum(p.numel() for p in block.parameters()),
      "  多层感知机：", sum(p.numel() for p in mlp.parameters()))

# %% [markdown]
# ### 小测验 · 1×1 卷积的代价（1 分）
#
# GoogLeNet 的 3a 块（第 3 节）有一个分支只是一个 1×1 卷积：在 28×28 的输入上从 192 通道变到 64 通道。

# %% tags=["exercise:macs_1x1"]
numeric("macs_1x1", answer=9633792, digits=0, unit="次乘加",
        prompt="这个 1×1 卷积（192 → 64 通道，输出 28×28）处理一张图像需要多少次乘加？",
        hint="乘加次数 = out_h · out_w · c_in · k_h · k_w · c_out，k = 1：每个输出数都是一个像素的 192 个通道上的点积。",
        explanation="28 · 28 · 192 · 1 · 1 · 64 = 784 · 12,288 = 9,633,792，与 cnnlab.conv_macs(192, 64, 1, 28) 相同。")

# %% [markdown]
# ## 2 · 用全局平均池化代替全连接层
#
# NiN 最后一个 mlpconv 块的输出通道数等于类别数；随后**全局平均池化**把每张特征图整体替换为它的平均值，这些平均值就是各类别的得分。完全没有全连接层。全局平均池化只是对高和宽求平均：

# %%
torch.manual_seed(0)
maps = torch.randn(2, 10, 5, 5)                                  # (N, classes, H, W)
scores = nn.AdaptiveAvgPool2d(1)(maps).flatten(1)                # (N, classes)
print("形状：", tuple(maps.shape), "→", tuple(scores.shape))
print("等于 maps.mean(dim=(2, 3))：", torch.allclose(scores, maps.mean(dim=(2, 3))))

# %% [markdown]
# 这能省下多少？AlexNet 的分类器把最后特征图的 256 × 6 × 6 = 9,216 个数，经过两层 4,096 个单元映射到 1,000 个类别（下面打印出了它的结构）。NiN 的“头部”是它最后一个 mlpconv 块（输入 384 通道，输出 1,000 个类别）加上一个没有参数的池化层。我们在 PyTorch 的 `meta` 设备上搭建两个完整模型（只有形状，没有数值），所以统计瞬间完成：

# %%
with torch.device("meta"):
    alex, network_in_network = alexnet(), nin()
print(alex.classifier)
alex_head = sum(p.numel() for p in alex.classifier.parameters())
alex_total = sum(p.numel() for p in alex.parameters())
nin_head = sum(p.numel() for p in network_in_network.features[-1].parameters())
nin_total = sum(p.numel() for p in network_in_network.parameters())
print(f"AlexNet：分类器 {alex_head:,} 个参数，共 {alex_total:,} 个（{alex_head / alex_total:.1%}）")
print(f"NiN：    最后一个 mlpconv {nin_head:,} 个参数，共 {nin_total:,} 个；全局平均池化：0")
print(f"AlexNet 的分类器 / NiN 的最后一块：{alex_head / nin_head:.0f}×")

# %% [markdown]
# AlexNet 几乎全部参数都在三个全连接层里，还得靠 dropout 防止它们过拟合。Lin 等人认为全局平均池化本身就是一种结构上的正则化（第 3.2 节）：头部没有要学的参数，每张特征图被迫充当某个类别的置信度图。由于池化对整张特征图求和、抹去了空间信息，他们还写道，它对输入的空间平移“更稳健”。是更稳健，而不是不变：正如第 01 课和第 06 课所说，边界处的零填充以及沿途的步幅和池化（混叠）会让特征图在输入移动时发生变化，它们的平均值也就跟着变。一个刚初始化的 `nin_small`（第 5 节）就能说明这一点：把物体平移几个像素，十个类别得分就不再相同：

# %%
torch.manual_seed(0)
probe = nin_small(width=8, dropout=0.0).eval()
x = torch.zeros(1, 1, 28, 28)
x[..., 6:22, 6:22] = torch.rand(16, 16)                           # 空白背景上的一个“物体”
with torch.no_grad():
    base = probe(x)                                               # (1, 10) 各类别得分
    spread = (base.max() - base.min()).item()
    for dx in (1, 2, 4, 6):                                       # 物体右侧有 6 列空白
        moved = probe(F.pad(x, (dx, 0))[..., :28])                # 物体右移 dx 个像素，左侧补零（同第 06 课）
        change = (moved - base).abs().max().item()
        print(f"平移 {dx} 个像素：得分完全相同：{torch.equal(moved, base)}，"
              f"得分的最大变化 / 得分的极差：{change / spread:.2f}")

# %% [markdown]
# 全局平均池化还让网络能接受任意尺寸的输入——无论传来多大的高和宽，池化都照样求平均。
#
# ### 小测验 · 全局平均池化取代了什么（1 分）

# %% tags=["exercise:gap_replaces"]
choice("gap_replaces", answer=2,
       options=["卷积块之间的最大池化层。",
                "每个 mlpconv 块里的 1×1 卷积。",
                "把最后的特征图变成类别得分的全连接层。",
                "输出端的 softmax。"],
       prompt="在 NiN 中，全局平均池化取代了什么？",
       hint="看看上面的参数量：AlexNet 的大部分参数在哪一部分？NiN 用什么代替了它？",
       explanation="它取代了全连接分类器（AlexNet 中的 展平 → 4096 → 4096 → 1000）：最后一个块为每个类别输出一张特征图，"
                   "池化把每张图平均成该类别的得分。块之间的最大池化、1×1 卷积和 softmax（在损失函数里）"
                   "都保留着。")

# %% [markdown]
# ### 练习 · 全局平均池化（2 分）
#
# 补全 `gap(x)`：对形状为 $(N, C, H, W)$ 的张量，返回由每张特征图的平均值组成的 $(N, C)$ 张量。不要调用池化层。

# %% tags=["exercise:gap"]
def gap(x):
    """全局平均池化：(N, C, H, W) → (N, C)，即每张特征图的平均值。"""
    ### BEGIN SOLUTION
    return x.mean(dim=(2, 3))
    ### END SOLUTION


# %% tags=["exercise:gap"]
_ = check_function("gap", gap, [
    ((torch.ones(1, 2, 3, 3),), torch.ones(1, 2)),
    ((torch.arange(8.0).reshape(1, 2, 2, 2),), torch.tensor([[1.5, 5.5]])),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(11)
for _shape in [(2, 3, 5, 7), (1, 1, 1, 1), (4, 10, 2, 2), (3, 6, 9, 1)]:
    _x = torch.randn(_shape)
    _want = nn.AdaptiveAvgPool2d(1)(_x).flatten(1)
    expect_value(gap(_x), _want, case=_shape, rtol=1e-5, atol=1e-6)
### END HIDDEN TESTS

# %% [markdown]
# ## 3 · Inception 块
#
# 1×1、3×3 还是 5×5，哪种卷积核最好？GoogLeNet 不做选择：Inception 块在同一个输入上运行四个分支，再把它们的输出沿通道拼接起来。下面用 `cnnlab.draw_architecture` 画出完整 GoogLeNet（在 `meta` 设备上构建，只有形状）的 3a 块，它的输入是 28×28 的 192 个通道：

# %%
with torch.device("meta"):
    full = googlenet()
block3a = full.inception3a
cnnlab.draw_architecture(full, (3, 224, 224), block="inception3a", fuse=True)
plt.show()

# %% [markdown]
# 这张图是从模块算出来的：四个分支并排，下面是它们的拼接。每个卷积框都是一个 `BasicConv2d`（卷积、批量归一化、ReLU——`fuse=True` 把三者画成一个框；批量归一化是 torchvision 加的，2015 年的论文里没有）。各分支的输出通道数加起来就是整个块的输出通道数，而且每个分支都保持 28×28 的尺寸（靠填充和步幅为 1 的池化），所以可以拼接：

# %%
def out_channels(branch):
    """一个分支的输出通道数：即它最后一个卷积的输出通道数。"""
    return [m for m in branch.modules() if isinstance(m, nn.Conv2d)][-1].out_channels


widths = [out_channels(getattr(block3a, f"branch{i}")) for i in range(1, 5)]
y = block3a(torch.zeros(1, 192, 28, 28, device="meta"))
print(" + ".join(map(str, widths)), "=", sum(widths), "个通道；输出形状：", tuple(y.shape))

# %% [markdown]
# ### 又见 1×1 降维
#
# 第 2、3 分支先用 1×1 卷积把 192 个通道*降维*到 96 和 16，再做昂贵的空间卷积。在论文的表 1 中，3a 块的第 3 分支恰好就是第 05 课的例子：先把 192 通道降到 16，再用 5×5 卷积核在 28×28 上得到 32 个通道。用 `cnnlab.conv_macs` 重新计算：

# %%
direct = cnnlab.conv_macs(192, 32, 5, 28)
reduced = cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 5, 28)
print(f"直接在 192 个通道上做 5×5：     {direct:,} 次乘加")
print(f"先 1×1 降到 16 通道，再 5×5：  {reduced:,} 次乘加（少 {direct / reduced:.1f} 倍）")
torchvision_branch = cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 3, 28)
print(f"torchvision 的分支（1×1、3×3）：{torchvision_branch:,} 次乘加")

# %% [markdown]
# 与第 05 课相同的 120,422,400 和 12,443,648：那个例子*就是*这个分支。代码里有一个细节不同：torchvision 的 GoogLeNet（以及为了能载入其权重而照搬它的 `cnnlab.models.googlenet`）在这个分支用的是 **3×3** 卷积核，而不是论文中的 5×5——这是 torchvision 实现中一个已知的小出入；模块名里仍然写着“5x5”。
#
# 没有降维的话，3a 块会昂贵得多。`cnnlab.summary` 统计实际搭建的整个块，以及第 2、3 分支直接读取全部 192 个通道的版本；后者的卷积核尺寸与被比较的块相同（两个分支都是 3×3）：

# %%
from cnnlab.models.googlenet import BasicConv2d


class InceptionNoReduce(nn.Module):
    """去掉 1×1 降维的 3a 块：两个 3×3 分支都读取全部输入通道。"""

    def __init__(self, c_in=192):
        super().__init__()
        self.branch1 = BasicConv2d(c_in, 64, kernel_size=1)
        self.branch2 = BasicConv2d(c_in, 128, kernel_size=3, padding=1)
        self.branch3 = BasicConv2d(c_in, 32, kernel_size=3, padding=1)     # 3×3，与 torchvision 的“5x5”分支相同
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), BasicConv2d(c_in, 32, kernel_size=1))

    def forward(self, x):
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], 1)


with torch.device("meta"):
    plain_block = InceptionNoReduce()
block_macs = {}
for label, module in [("实际搭建的 3a 块（torchvision）", block3a), ("去掉 1×1 降维", plain_block)]:
    s = cnnlab.summary(module, (192, 28, 28))
    block_macs[label] = s.total_macs
    print(f"{label:32s}：{s.total_params:>9,} 个参数，{s.total_macs:>12,} 次乘加（{scaled(s.total_macs)}）")
print(f"去掉降维后，乘加次数是实际搭建的块的 {block_macs['去掉 1×1 降维'] / block_macs['实际搭建的 3a 块（torchvision）']:.1f} 倍")

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), constrained_layout=True)
axes[0].bar(["AlexNet：\n全连接头部", "NiN：最后一个 mlpconv\n+ 全局平均池化"],
            [alex_head / 1e6, nin_head / 1e6], color=["tab:red", "tab:blue"])
axes[0].set_ylabel("参数量（百万）", fontsize=11)
axes[0].set_title("分类头部", fontsize=12)
axes[1].bar(["在 192 通道上做 5×5", "先 1×1 降到 16，再 5×5"], [direct / 1e6, reduced / 1e6],
            color=["tab:red", "tab:blue"])
axes[1].set_ylabel("乘加次数（百万）", fontsize=11)
axes[1].set_title("3a 块第 3 分支（28×28 → 32 通道）", fontsize=12)
for ax, values in [(axes[0], [alex_head / 1e6, nin_head / 1e6]), (axes[1], [direct / 1e6, reduced / 1e6])]:
    for position, value in enumerate(values):
        ax.text(position, value, f"{value:.1f}", ha="center", va="bottom", fontsize=11)
    ax.set_ylim(0, max(values) * 1.15)
fig.suptitle("全局平均池化与 1×1 降维省下了什么", fontsize=13)
plt.show()

# %% [markdown]
# ### 小测验 · 下一个块（1 分）
#
# 4a 块的输入是 14×14 的 480 个通道，各分支的输出通道数为 192（1×1）、208（3×3）、48（“5×5”）和 64（池化投影）。

# %% tags=["exercise:inception4a_shape"]
shape("inception4a_shape", answer=(512, 14, 14),
      prompt="对一张图像，4a 块输出的形状 (C, H, W) 是多少？",
      hint="每个分支都保持高和宽不变；各分支的输出沿通道拼接。",
      explanation="192 + 208 + 48 + 64 = 512 个通道，尺寸保持 14×14：(512, 14, 14)。"
                  "输入的 480 个通道不会出现在输出形状里。")

# %% [markdown]
# ## 4 · 完整的网络
#
# 对完整尺寸的模型（在 `meta` 设备上）运行 `cnnlab.summary`，得到每张 224×224 图像的总数。22 层深的 GoogLeNet 参数比 NiN 还少，只有 AlexNet 的十分之一左右——这是全局平均池化和瓶颈层的功劳：

# %%
for name, make in [("AlexNet", alexnet), ("NiN", nin), ("GoogLeNet", googlenet)]:
    with torch.device("meta"):
        model = make()
    s = cnnlab.summary(model, (3, 224, 224))
    print(f"{name:9s}：{s.total_params:>10,} 个参数（{scaled(s.total_params)}），"
          f"每张图像 {scaled(s.total_macs)}次乘加")

# %% [markdown]
# 用 `depth=1` 画出 GoogLeNet 的各个阶段：网络下一层的每个模块画成一个框，所以每个 Inception 块都是一个框，写着它的输出和参数量，块与块之间是把尺寸减半的最大池化层。按列从上往下读。

# %%
cnnlab.draw_architecture(full, (3, 224, 224), depth=1, fuse=True)
plt.show()

# %% [markdown]
# GoogLeNet 的参数量不含它的两个辅助分类器：它们是只在训练时接在 4a 和 4d 块上的小型旁路网络（torchvision 用 `aux_logits=True` 构建它们）。
#
# ## 5 · 训练缩小版
#
# `nin_small` 和 `googlenet_small` 把这些想法保留到 Fashion-MNIST 的尺寸：前者是 mlpconv 块加全局平均池化的头部；后者是一个带步幅的起始卷积、三个 Inception 块、全局平均池化和一个全连接层。我们用 `width=8`，让 CPU 时间保持很短：

# %%
small_models = {"nin_small": nin_small(width=8, dropout=0.0), "googlenet_small": googlenet_small(width=8)}
for name, model in small_models.items():
    s = cnnlab.summary(model, (1, 28, 28))
    print(f"{name:15s}：{s.total_params:,} 个参数，每张图像 {s.total_macs:,} 次乘加")

# %% [markdown]
# 两个网络都按第 09、10 课的设置训练 4 轮：AdamW 加单周期学习率调度，每批 128 张，channels_last 内存格式，GoogLeNet 另加标签平滑（快速模式：2,000 张图像、2 轮；每条训练记录的最后一项是那次训练用了多少秒）。NiN 没有批量归一化，起步慢，所以对这么短的训练我们关掉了它的 dropout（上面的 `dropout=0.0`），否则最初几轮会慢很多。GoogLeNet 的 `BasicConv2d` 带批量归一化，可以用更大的学习率。

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_loader, test_loader = cnnlab.loaders("fashion-mnist", batch_size=128)
settings = dict(epochs=4, optimizer="adamw", weight_decay=0.01, schedule="onecycle", channels_last=True)
histories = {
    "nin_small": cnnlab.fit(small_models["nin_small"], train_loader, test_loader, lr=0.003, **settings),
    "googlenet_small": cnnlab.fit(small_models["googlenet_small"], train_loader, test_loader, lr=0.01,
                                  loss_fn=nn.CrossEntropyLoss(label_smoothing=0.1), **settings),
}
for name, history in histories.items():
    print(name, history)

# %%
print("nin_small：测试准确率高于 0.25（随机猜测为 0.1）：      ", histories["nin_small"].test_acc[-1] > 0.25)
print("googlenet_small：测试准确率高于 0.3（随机猜测为 0.1）：", histories["googlenet_small"].test_acc[-1] > 0.3)

# %% [markdown]
# 上面的阈值故意定得很低，因为同样的检查也在快速模式下运行，那时两个网络都只在 2,000 张图像上训练两轮，远没有发挥出它们的能力。在全部 60,000 张图像上训练 4 轮能达到多少，见上面的两条训练记录。
#
# 库里调好的配方更进一步：NiN 用完整宽度并保留 dropout，两个网络都训练更多轮（`cnnlab.train_recipe("nin")` 可以在笔记本里按配方训练）：

# %%
print(cnnlab.recipe("nin"))
print()
print(cnnlab.recipe("googlenet"))

# %% [markdown]
# ## 常见错误
#
# - **“1×1 卷积什么也没做。”** 它混合通道；加上 ReLU，叠起来的 1×1 卷积就是每个像素上的多层感知机。
# - **把全局平均池化和全连接层混为一谈。** 池化层没有参数，只求平均。在 NiN 中，最后一个卷积必须已经为每个类别输出一个通道。
# - **“全局平均池化让网络具有平移不变性。”** 只是近似如此：输入移动时，填充、步幅和池化都会改变特征图（第 2 节）。
# - **把拼接当成相加。** Inception 块把各分支沿通道*拼接*（第 12 课的 ResNet 才是相加）。每个分支都必须保持高和宽。
# - **把乘加次数当成参数量。** 12,443,648 是处理一张图像的乘加次数，不是权重个数（第 05 课）。
# - **以为 torchvision 的 GoogLeNet 用 5×5。** 它的“5x5”分支用的是 3×3 卷积核。
#
# ## 参考资料
#
# - M. Lin, Q. Chen, S. Yan, *Network In Network*, ICLR 2014（mlpconv 与 1×1 卷积，第 3.1 节；全局平均池化，第 3.2 节）。
# - C. Szegedy 等，*Going Deeper with Convolutions*, CVPR 2015（GoogLeNet；表 1 给出每个 Inception 块各分支的宽度）。
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional Neural Networks*, NeurIPS 2012（AlexNet 的分类器）。
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image Recognition*, ICLR 2015（表 1：带 1×1 卷积的配置 C）。
# - torchvision 的 `googlenet`（“5x5”分支中的 3×3 卷积核；BasicConv2d 中的批量归一化）。
# - 阿斯顿·张等，《动手学深度学习》第 7.3 节“网络中的网络（NiN）”和 7.4 节“含并行连结的网络（GoogLeNet）”（`cnnlab.models.nin` 所用的 NiN 结构）。<!-- parity-ignore: 7.3 7.4 -->

