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
lesson = cnnlab.start_lesson("10_vgg", lang="zh")

# %% [markdown]
# # 第 10 课 · VGG
#
# AlexNet（第 09 课）混用了 11×11、5×5 和 3×3 的卷积核，逐层挑选。两年后，牛津大学视觉几何组（Visual Geometry Group）的 Simonyan 和 Zisserman 提出了一个更简单的问题：如果每个卷积都是 3×3，只把网络做得**更深**，会怎样？他们的网络以小组的名字命名为 VGG，由同一种块反复堆叠而成，深度达到 16–19 个带权重的层。本课用块搭出这些网络，说明为什么堆叠 3×3 卷积核是划算的，检验关于“为什么是 16 层”的一种常见回答，找出 VGG-16 的 1.38 亿个参数在哪里，并训练一个缩小版的 VGG。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import torch
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric
from cnnlab.models import alexnet, vgg16, vgg_small
from cnnlab.models.vgg import CONFIGS, make_layers
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · 由块搭成的网络
#
# 一个 VGG **块**由几个填充为 1 的 3×3 卷积组成，每个卷积后接 ReLU，最后是一个步幅 2 的 2×2 最大池化。填充 1 使 3×3 卷积保持高和宽不变（第 03 课）；池化把它们减半。所以在块内只有通道数变化，块与块之间尺寸减半。论文的各种配置写成输出通道数的列表，`"M"` 表示一个池化层：

# %%
for name in ("vgg11", "vgg16"):
    print(f"{name}：{CONFIGS[name]}")

# %% [markdown]
# `vgg11` 是论文中的配置 **A**（8 个卷积层 + 3 个全连接层 = 11 个带权重的层），`vgg16` 是配置 **D**（13 + 3 = 16）。`make_layers` 把这样的列表变成网络层：

# %%
cnnlab.show_source(make_layers)

# %% [markdown]
# 下面是从模型画出的 VGG-16 第一个块 `vgg16().features[:5]`：两个卷积层及各自的 ReLU，然后是池化层。每个框把输出写成 *通道数@高×宽*；只有池化层改变高和宽。

# %%
cnnlab.draw_architecture(vgg16().features[:5], (3, 224, 224))
plt.show()

# %% [markdown]
# 我们还需要把单个块写成一个函数：

# %%
def vgg_block(num_convs, c_in, c_out):
    """num_convs 个 3×3 卷积（填充 1）加 ReLU，再接 2×2 最大池化：(c_in, H, W) → (c_out, H/2, W/2)。"""
    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(c_in, c_out, kernel_size=3, padding=1), nn.ReLU()]
        c_in = c_out
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


block = vgg_block(2, 64, 128)
print(block)
print("(1, 64, 56, 56) →", tuple(block(torch.zeros(1, 64, 56, 56)).shape))

# %% [markdown]
# 在池化处把 VGG-16 的配置切开，就得到它的五个块。输入为 224×224 时，尺寸依次为 224 → 112 → 56 → 28 → 14 → 7，而通道数逐块翻倍，直到 512：

# %%
def blocks_of(config):
    """在池化处切分配置：[[64, 64], [128, 128], ...]。"""
    blocks, current = [], []
    for v in config:
        if v == "M":
            blocks.append(current)
            current = []
        else:
            current.append(v)
    return blocks


size = 224
for number, convs in enumerate(blocks_of(CONFIGS["vgg16"]), start=1):
    size //= 2
    print(f"第 {number} 块：{len(convs)} 个 3×3 卷积，每个 {convs[0]} 个卷积核 → 输出 {convs[-1]} × {size} × {size}")

# %% [markdown]
# 常有人说 D 配置“最常见”，并且它“把卷积核大小改成了 3”。前一点没错：大家用的 VGG 就是 VGG-16。后一点需要更正：论文中 A–E 的**所有**配置都用 3×3 卷积核（C 另外加了几个 1×1 卷积；见论文表 1）；它们的区别在深度，而不在卷积核大小。
#
# ### 练习 1 · 一个 VGG 块的参数量（3 分）
#
# 补全 `vgg_block_params(num_convs, c_in, c_out)`：返回 `vgg_block(num_convs, c_in, c_out)` 的可学习参数个数（每个卷积都有偏置；ReLU 和池化没有参数）。注意：只有第一个卷积看到的是 `c_in` 个通道。

# %% tags=["exercise:vgg_block_params"]
def vgg_block_params(num_convs, c_in, c_out):
    """num_convs 个 3×3 卷积 c_in → c_out → … → c_out 的权重与偏置总数。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:vgg_block_params"]
_ = check_function("vgg_block_params", vgg_block_params, [
    ((1, 3, 64), 1792),
    ((2, 64, 128), 221440),
])

# %% [markdown]
# ## 2 · 为什么是 3×3：感受野相同，权重更少，非线性更多
#
# 两个叠加的 3×3 卷积看到输入的 5×5 区域，三个看到 7×7（第 04 课）。输入输出都是 $C$ 个通道时，一个 3×3 层有 $9C^2$ 个权重，所以两个 3×3 层共 $18C^2$，而一个 5×5 层是 $25C^2$；三个 3×3 层共 $27C^2$，而一个 7×7 层是 $49C^2$。用真实的层来验证（$C = 64$，去掉偏置，使权重数恰好是 $C^2$ 的整数倍），感受野由 `cnnlab.receptive_field` 算出：

# %%
C = 64


def conv_stack(n, k):
    """n 个 k×k 卷积，C → C 个通道，“same” 填充，每个之后接 ReLU。"""
    layers = []
    for _ in range(n):
        layers += [nn.Conv2d(C, C, kernel_size=k, padding=k // 2, bias=False), nn.ReLU()]
    return nn.Sequential(*layers)


print(f"{'结构':12s} {'感受野':>5s} {'权重':>8s} {'÷ C²':>5s} {'ReLU':>5s}")
for n, k in [(2, 3), (1, 5), (3, 3), (1, 7)]:
    stack = conv_stack(n, k)
    field = cnnlab.receptive_field(stack, (C, 32, 32)).final.r
    weights = sum(p.numel() for p in stack.parameters())
    print(f"{n} × {k}×{k}{'':7s} {field:5d} {weights:8,} {weights // C**2:5d} {n:5d}")

# %% [markdown]
# 同样的感受野，只需 72%（对 5×5）和 55%（对 7×7）的权重——每个输出位置的乘加次数也省下同样的比例。论文（第 2.3 节）给出了选择堆叠的两个理由：**参数更少**，论文称之为对大卷积核的一种正则化；以及**非线性更多**——三个 ReLU 而不是一个，使函数的表达能力更强。感受野越大，省得越多：$n$ 个叠加的 3×3 层需要 $9n$，而同样感受野的单个卷积核需要 $(2n+1)^2$：

# %%
for n in range(1, 6):
    print(f"感受野 {2 * n + 1:2d}：{n} 个 3×3 → {9 * n:3d} C²   一个 {2 * n + 1}×{2 * n + 1} → {(2 * n + 1) ** 2:3d} C²   比值 {9 * n / (2 * n + 1) ** 2:.2f}")

# %% tags=["exercise:why_3x3"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("why_3x3", key="0d3beed3d3f780474ff8c91d552a925c", multiple=True,
       options=["感受野与一个大卷积核相同，但权重更少",
                "输入与输出之间有更多 ReLU，函数的表达能力更强",
                "感受野比一个 7×7 卷积更大",
                "层数更少，因此网络更容易训练"],
       prompt="在一个 7×7 卷积就能看到同样感受野的地方，VGG 为什么用三个叠加的 3×3 卷积？（选出所有正确项。）",
       hint="对照上面的表：感受野、权重数和 ReLU 的个数。",
       explanation="sealed:HwQd2fJEWWWX1wSvB3IFwWHIIdPWjjmlB2U444J/Jnt9+IN4IjrH+1p7tgaJv64uQI0QIctkIUA5wVHhXS27Wiq1/vNGVMOjBCFDVKBooppcqEo0Ivd3NNWy2UYvmx4YPn3PSp9NBSKKWzgD6AaZN7hVeaF34Grh3lFJ2lXD2QaTmgzV+vkjrTITXOd/c2hlE1oN8QZgoE2W/WWHxXIVfvNiXzhynkEjSr5NRUlQcwRuO6jRaZASE9QUCglFCVMTe/C6p77Tt/NJNbmvLxHHazz8hxjdQITkM03lSIW7zwST")

# %% [markdown]
# ## 3 · “为什么是 16？”——论文实际发现了什么
#
# 为什么是 16 层？一种常见的回答是：实验发现 16 层比层数更多的网络效果更好。论文并不完全是这么说的；它的表 2–4 回答了这个问题。它训练了 11、13、16 和 19 个带权重层的配置（A、B、D、E；C 是带 1×1 卷积的 16 层变体）。先看它们的大小：卷积部分随深度增长，而全连接部分（假定输入为 7×7×512）对所有配置都一样：

# %%
classifier_params = (7 * 7 * 512 + 1) * 4096 + (4096 + 1) * 4096 + (4096 + 1) * 1000
table_2_millions = {"vgg11": 133, "vgg13": 133, "vgg16": 138, "vgg19": 144}   # 论文表 2
letters = {"vgg11": "A", "vgg13": "B", "vgg16": "D", "vgg19": "E"}
for name, paper_millions in table_2_millions.items():
    config = CONFIGS[name]
    conv_params = sum(p.numel() for p in make_layers(config).parameters())
    weight_layers = sum(v != "M" for v in config) + 3
    total = conv_params + classifier_params
    print(f"{letters[name]}（{name}）：{weight_layers} 个带权重的层，卷积 {conv_params:>10,} + "
          f"分类器 {classifier_params:,} = {total:>11,}（论文：{scaled(paper_millions * 10**6)}）")

# %% [markdown]
# 再看论文报告的它们在 ILSVRC-2012 验证集上的错误率（top-5 错误率：真实类别不在得分最高的五个类别之中）：

# %%
top5_error = {   # Simonyan 和 Zisserman（2015）：表 3（训练与测试尺度均为 256），表 4（多尺度）
    "A（11 层）": (10.4, None),
    "B（13 层）": (9.9, None),
    "D（16 层）": (8.8, 7.5),
    "E（19 层）": (9.0, 7.5),
}
print(f"{'配置':12s} {'表 3':>8s} {'表 4':>8s}")
for name, (single, multi) in top5_error.items():
    print(f"{name:14s} {single:7.1f}% {'–' if multi is None else f'{multi:.1f}%':>8s}")

# %%
(a, _), (b, _), d, e = top5_error.values()
print("从 A 到 B 再到 D，top-5 错误率下降（表 3）：", a > b > d[0])
print("E 减 D，表 3 与表 4，单位为百分点：", [round(y - x, 1) for x, y in zip(d, e)])
print("两张表中 E 与 D 相差都在 ±0.2 个百分点以内：", all(abs(y - x) <= 0.2 + 1e-9 for x, y in zip(d, e)))
with torch.device("meta"):
    cost = {name: cnnlab.summary(make_layers(CONFIGS[name]), (3, 224, 224)).total_macs for name in ("vgg16", "vgg19")}
print(f"每张 224×224 图像卷积部分的乘加次数：D {scaled(cost['vgg16'])}，"
      f"E {scaled(cost['vgg19'])}（多 {cost['vgg19'] / cost['vgg16'] - 1:.0%}）")
print("D 比 E 便宜：", cost["vgg16"] < cost["vgg19"])

# %% [markdown]
# 从 A 到 E，网络越深，错误率越低；到 19 层时趋于平稳：两张表中 E 与 D 相差都在 ±0.2 个百分点以内（见上面的输出：一种设置下略差，最好的设置下相同）。论文自己的说法是（第 4.1 节）：错误率“在深度达到 19 层时饱和”，更深的模型“也许对更大的数据集有益”。所以公允的总结是：**19 层比 16 层没有明显的提升，而 D 更便宜，于是 D 成了标准**——而不是 16 层胜过一切更深的网络。（作者在竞赛之后得到的最好结果，来自把 D 和 E 组合起来。）
#
# 为什么准确率不再提高？部分原因是深的**普通**（plain）堆叠网络很难优化。作者无法从随机初始化把更深的配置训练好：他们先训练 A，再用它初始化更深网络的前四个卷积层和最后三个全连接层（第 3.1 节；后来他们发现用 Glorot 初始化可以不必这样做）。即使有好的初始化和批量归一化，比 20 层深得多的普通网络也会比浅的网络训练得**更差**——这就是 ResNet（第 12 课）解决的退化问题。
#
# ## 4 · 完整尺寸的 VGG-16：1.38 亿个参数在哪里
#
# 先做一道小测验，免得下面的表把答案打印出来。

# %% tags=["exercise:conv256_params"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("conv256_params", key="8a52c58e990c23f9a362b7885e3182a9", digits=0, unit="个参数",
        prompt="像 VGG-16 第三个块里那样，一个从 256 个通道到 256 个通道的 3×3 卷积有多少个参数（权重加偏置）？",
        hint="256 个卷积核每个是 3 × 3 × 256，再加一个偏置。",
        explanation="sealed:5p2u4ct6M7EWZYBr3tQQW8j51MYbo68L0zyejjPEtIc5rsUQiw5qA0SpUMriZKY3ojZSeEfV")

# %% [markdown]
# 在 CPU 上构建 VGG-16 要填入 1.38 亿个随机数，相当费时。而数参数根本不需要这些数：在 PyTorch 的 **meta** 设备上，张量只有形状和类型，没有数据，前向传播只传递形状。（把 `torch.device("meta")` 当作上下文使用，其中创建的每一层都是 meta 层。）

# %%
with torch.device("meta"):
    vgg = vgg16()
report = cnnlab.summary(vgg, (3, 224, 224))
print(report)

# %% [markdown]
# 138,357,544 个参数，每张 224×224 图像 154.7 亿次乘加。与同样在 meta 设备上统计的 AlexNet（第 09 课）相比：

# %%
with torch.device("meta"):
    alex_report = cnnlab.summary(alexnet(), (3, 224, 224))
print(f"参数量：AlexNet 的 {report.total_params / alex_report.total_params:.1f} 倍   "
      f"乘加次数：AlexNet 的 {report.total_macs / alex_report.total_macs:.1f} 倍")

# %% [markdown]
# 参数是两倍多，运算量是二十多倍。数一数带权重的层——16 就是这么来的。

# %%
weight_rows = [row for row in report.rows if row.params > 0]
print("带权重的层：", len(weight_rows))
fc6 = weight_rows[13]
print(f"第一个全连接层（{fc6.name}）：{fc6.params:,} 个参数 = 整个网络的 {fc6.params / report.total_params:.1%}")
conv_macs = sum(row.macs for row in weight_rows if row.type == "Conv2d")
print(f"卷积层：占乘加次数的 {conv_macs / report.total_macs:.1%}")

# %% [markdown]
# 第一个全连接层有 $25088 \times 4096 + 4096$ 个参数（它的输入是最后一个块 7×7×512 的输出展平而成），约占整个网络的四分之三，而几乎全部运算都在卷积层里。把 16 个带权重的层画成条形图，两种分布一目了然：

# %%
labels = [f"conv{i + 1}" for i in range(13)] + ["fc6", "fc7", "fc8"]
params_m = [row.params / 1e6 for row in weight_rows]
macs_g = [row.macs / 1e9 for row in weight_rows]
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True, constrained_layout=True)
axes[0].barh(labels, params_m, color="tab:blue")
axes[0].set_xlabel("参数量（百万）")
axes[0].set_title("每层的参数量")
axes[1].barh(labels, macs_g, color="tab:orange")
axes[1].set_xlabel("乘加次数（十亿，一张 224×224 图像）")
axes[1].set_title("每层的乘加次数")
axes[0].invert_yaxis()
for ax in axes:
    ax.grid(axis="x", alpha=0.3)
fig.suptitle("VGG-16：权重在全连接层，运算在卷积层", fontsize=12)
plt.show()

# %% [markdown]
# 把整个 VGG-16 按阶段画成图：`collapse=True` 把连续相同的几层只画一次，并在旁边写上 ×N；`fuse=True` 把每个 ReLU 和 dropout 画进它上面的框里。按列读下去，比较末尾几个全连接层的框与各卷积层的框里的参数量。

# %%
cnnlab.draw_architecture(vgg16(), (3, 224, 224), collapse=True, fuse=True)
plt.show()

# %% [markdown]
# 前几个块里的每个卷积权重不多，却要在很大的特征图（224×224、112×112 ……）的每个位置上运行；全连接层的每个权重对每张图像只用一次。这与 AlexNet 中的分布相同，只是更极端。第 11 课会把大的全连接层整个去掉。
#
# ### 带批量归一化的 VGG-16
#
# `vgg16_bn` 在 13 个卷积层后面各加一个 `BatchNorm2d`（第 07 课）。每个 BN 层为每个通道学习一个缩放 γ 和一个平移 β。分别构建两种卷积部分并比较：

# %%
with torch.device("meta"):
    plain = make_layers(CONFIGS["vgg16"])
    with_bn = make_layers(CONFIGS["vgg16"], batch_norm=True)
extra = sum(p.numel() for p in with_bn.parameters()) - sum(p.numel() for p in plain.parameters())
channels = sum(v for v in CONFIGS["vgg16"] if v != "M")
print(f"多出的参数：{extra:,} = 2 × {channels:,} 个通道（γ 和 β）")
print(f"VGG-16-BN 总参数量：{report.total_params + extra:,}")
print(f"多出的缓冲区（滑动均值与方差、批量计数），不参与训练："
      f"{sum(b.numel() for b in with_bn.buffers()):,}")

# %% [markdown]
# ### 先预测，再揭晓 · 一个 VGG 块（2 分）
#
# VGG-16 的第二个块，输入是 64 个通道、56×56 的特征图：两个有 128 个 3×3 卷积核、填充 1 的卷积层，各接一个 ReLU，然后是窗口 2×2、步幅 2 的最大池化。先别看输出：预测每一层的输出形状和参数量（含偏置），再点这一行的“检查”。每个格子按你的第一次预测计分。

# %% tags=["exercise:vgg_block_layers"]
from cnnlab.exercises import predict_layers

block2 = nn.Sequential(nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
                       nn.MaxPool2d(2, 2))
predict_layers(block2, (64, 56, 56), ask=("shape", "params"), exercise="vgg_block_layers")

# %% [markdown]
# ## 5 · 在 Fashion-MNIST 上训练缩小版 VGG
#
# `vgg_small` 保留了配方——只用填充为 1 的 3×3 卷积，每块以 2×2 池化结束，通道数逐块翻倍，三层带 dropout 的分类器——并针对 28×28 的图像只用三个块（28 → 14 → 7 → 3）：

# %%
print(cnnlab.summary(vgg_small(), (1, 28, 28)))

# %% [markdown]
# 训练设置与第 09 课训练 AlexNet 时相同：AdamW 加单周期学习率调度，每批 128 张，标签平滑，channels_last 内存格式，训练 4 轮（快速模式：2,000 张图像、2 轮）；训练记录的最后一项是这次训练在本机上用了多少秒：

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_iter, test_iter = cnnlab.loaders("fashion-mnist", batch_size=128)
small = vgg_small()
history = cnnlab.fit(small, train_iter, test_iter, epochs=4, lr=0.003, optimizer="adamw", weight_decay=0.01,
                     schedule="onecycle", loss_fn=nn.CrossEntropyLoss(label_smoothing=0.1), channels_last=True)
history

# %%
print("测试准确率高于 0.3（随机猜测为 0.1）：", history.test_acc[-1] > 0.3)

# %% [markdown]
# 这个普通的 VGG 没有批量归一化；加上它，训练起步会更快（试试 `vgg_small(batch_norm=True)`，对照第 07 课讲过的差别）。
#
# 库里的完整模式配方就用了带批量归一化的 VGG。配方的各项设置调到能达到它打印出的目标，旁边附有 d2l 的数字作对照：

# %%
print(cnnlab.recipe("vgg"))

# %% [markdown]
# ### 各层看到了什么
#
# 把一张测试图像送入训练好的网络，分别停在第 1 块的第一个卷积、第 2 块的卷积和第 3 块的最后一个卷积之后（都在 ReLU 之后）：

# %%
small.eval()
image, label = test_iter.dataset[0]
depths = {"第 1 块 卷积 1": 2, "第 2 块 卷积 1": 5, "第 3 块 卷积 2": 10}
with torch.no_grad():
    maps = {name: small.features[:end](image[None])[0] for name, end in depths.items()}
for name, fmap in maps.items():
    print(f"{name}：{tuple(fmap.shape)}")

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(3, 7, figsize=(11, 5.2), constrained_layout=True)
for row, (name, fmap) in enumerate(maps.items()):
    axes[row, 0].imshow(image[0], cmap="gray_r")
    axes[row, 0].set_title(test_iter.dataset.classes[label] if row == 0 else "", fontsize=10)
    axes[row, 0].set_ylabel(f"{name}\n{fmap.shape[1]}×{fmap.shape[2]}", fontsize=10)
    strongest = fmap.sum(dim=(1, 2)).argsort(descending=True)[:6]     # 最活跃的 6 个通道
    for col, channel in enumerate(strongest.tolist(), start=1):
        axes[row, col].imshow(fmap[channel], cmap="magma")
        axes[row, col].set_title(f"通道 {channel}", fontsize=9)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("vgg_small：三个深度上最活跃的六张特征图", fontsize=12)
plt.show()

# %% [markdown]
# 这张测试图像是一只短靴。第一层的特征图仍然像它，每张点亮不同的部分——靴子周围的背景、上沿的轮廓、鞋底——与 AlexNet 第一层一样是对比度检测器。第 2 块（14×14）的特征图更粗糙：有的对靴子上方的背景有响应，有的对鞋底和下边缘，还有几张对靴筒的顶部。到第 3 块（7×7），一个单元看到 26×26 个输入像素（汇总表中的 `感受野 r` 一列），几乎是整幅图像，特征图也不再像那只靴子：只有零星几个单元被激活，其中许多位于鞋底一带；它们表示某个学到的图案**是否**出现、大致出现在**哪里**。人们常说卷积网络学到的是一个特征层级（Zeiler 和 Fergus，2014），这里把它画了出来。
#
# ## 常见错误
#
# - **把每一层都算进去。** “16”数的是带权重的层（13 个卷积层 + 3 个全连接层）；ReLU 和池化层不算。
# - **忘了一个块里只有第一个卷积看到 `c_in`。** 其余的都是 `c_out → c_out`。
# - **以为 3×3 的堆叠比大卷积核看得*更多*。** 两个 3×3 恰好看到 5×5，三个看到 7×7；好处在于权重更少、非线性更多。
# - **从论文里读出“更深反而更差”。** 19 层和 16 层差不多好，并不更差；更深的普通网络的麻烦在于优化（第 12 课）。
# - **为了数参数而真的构建大模型。** 用 meta 设备，或者直接从配置计算。
#
# ## 参考资料
#
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image Recognition*, ICLR 2015（arXiv:1409.1556）：表 1（配置 A–E）、表 2（参数量，以百万计）、第 2.3 节（为什么堆叠 3×3）、第 3.1 节（用网络 A 初始化；Glorot 初始化）、表 3（单尺度 top-5 错误率，训练与测试尺度 256）、表 4（多尺度评估）、第 4.1 节（从 A 到 E 错误率下降；“在深度达到 19 层时饱和”）。
# - K. He, X. Zhang, S. Ren, J. Sun, *Deep Residual Learning for Image Recognition*, CVPR 2016（深的普通网络的退化问题）。
# - S. Ioffe, C. Szegedy, *Batch Normalization*, ICML 2015。
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014（特征层级）。
# - 阿斯顿·张、李沐、扎卡里·C. 立顿、亚历山大·J. 斯莫拉，《动手学深度学习》，7.2 节“使用块的网络（VGG）”。 <!-- parity-ignore: 7.2 -->
# - torchvision 的 `models/vgg.py`（各配置、`make_layers`、VGG-16-BN）。

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `10_vgg.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("10_vgg")
