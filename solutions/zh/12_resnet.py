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
lesson = cnnlab.start_lesson("12_resnet", lang="zh")

# %% [markdown]
# # 第 12 课 · ResNet
#
# 多叠几层本不该变差：更深的网络完全可以复制一个较浅的网络，再把多出来的层设成恒等映射。可是在 2015 年，更深的普通网络反而训练得*更差*。He、Zhang、Ren 和 Sun（2016）把这个现象叫作**退化问题**，并用一行代码解决了它——把块的输入加到它的输出上。本课在 Fashion-MNIST 上复现这个问题，查看梯度，拆解残差块与瓶颈块，统计 ResNet-18/34/50 的参数，训练一个小型 ResNet，并看看它的各层算出了什么。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import math
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import plain_small, resnet_small, resnet18, resnet34, resnet50
from cnnlab.models.resnet import BasicBlock, Bottleneck, make_layer
from cnnlab.text import scaled

# %% [markdown]
# ## 1 · 退化问题
#
# ResNet 论文的图 1 在 CIFAR-10 上训练了两个*普通*网络（卷积、批量归一化、ReLU，没有捷径连接）：一个 20 层，一个 56 层。56 层的网络最终在**测试集**上误差更高——在**训练集**上也更高。关键正是第二条曲线。过拟合是指模型把训练数据拟合得*更好*、泛化却更差；这里更深的模型连训练数据都拟合得更差。这也不是容量不足（56 层网络把 20 层网络当作特例包含在内），而是优化器找不到好的权重。
#
# 我们在个人电脑承受得了的规模上重做这个实验。`cnnlab.models` 里有论文 第 4.2 节的 CIFAR 式 ResNet，缩放到 28×28 的图像（`resnet_small`，深度 $6n+2$；它与论文中网络的区别见第 6 节），以及去掉捷径连接的同一个网络（`plain_small`）。卷积相同，批量归一化相同；普通网络只是少了加法（以及在阶段改变形状处的两个 1×1 投影卷积）：

# %%
WIDTH = 8                                   # 第一阶段的通道数（论文中为 16；8 更快）
for name, make in [("plain-8  ", lambda: plain_small(8, width=WIDTH)),
                   ("plain-20 ", lambda: plain_small(20, width=WIDTH)),
                   ("resnet-20", lambda: resnet_small(20, width=WIDTH))]:
    model = make()
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    params = sum(p.numel() for p in model.parameters())
    print(f"{name}：{convs:2d} 个卷积，{params:,} 个参数")

# %% [markdown]
# （resnet-20 有 21 个卷积，普通网络 19 个——多出的两个是 1×1 投影；深度只数主路径上的层：19 个卷积 + 1 个全连接层 = 20。）
#
# 现在三个网络——plain-8、plain-20 和 resnet-20——从同一个随机种子出发，按相同顺序在**同样的批量**上用带动量的 SGD 训练，每一步都记录训练损失。快速模式下是在 2,000 张图像上训练 150 步；完整模式在全部 60,000 张图像上训练十倍的步数（相当于多少轮，见下面的输出）。

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
images = cnnlab.fashion_mnist("train")
if quick:
    images = images.subset(2_000)
STEPS = 150 if quick else 1_500
BATCH = 32
X_all = images.images.float() / 255         # (N, 1, 28, 28)
y_all = images.labels                       # (N,)
device = cnnlab.device()  # 有 GPU 就用 GPU：train_steps 把每个批量搬过去
print(f"{len(y_all):,} 张训练图像，{STEPS} 步，每步 {BATCH} 张，共 {STEPS * BATCH / len(y_all):.1f} 轮")


def train_steps(model, steps=STEPS, seed=0, lr=0.05):
    """在随机批量上用带动量的 SGD 训练；批量顺序只取决于 `seed`。返回每一步的损失。"""
    batches = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    model.train()
    losses = []
    for _ in range(steps):
        index = torch.randint(0, len(y_all), (BATCH,), generator=batches)
        loss = F.cross_entropy(model(X_all[index].to(device)), y_all[index].to(device))     # model(...): (BATCH, 10)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return np.array(losses)


# %% tags=["nbval-ignore-output"]
networks = {"plain-8": lambda: plain_small(8, width=WIDTH),
            "plain-20": lambda: plain_small(20, width=WIDTH),
            "resnet-20": lambda: resnet_small(20, width=WIDTH)}
curves, trained = {}, {}
start = time.perf_counter()
for name, make in networks.items():
    cnnlab.seed(0)
    trained[name] = make().to(device)
    curves[name] = train_steps(trained[name])
    trained[name].cpu()
    print(f"{name:9s}：最后 20 步的平均训练损失 {curves[name][-20:].mean():.3f}")
last20 = {name: curve[-20:].mean() for name, curve in curves.items()}
print(f"差距：plain-20 − plain-8 为 {last20['plain-20'] - last20['plain-8']:.3f}，"
      f"plain-20 − resnet-20 为 {last20['plain-20'] - last20['resnet-20']:.3f}")
print(f"3 个网络 × {STEPS} 步，用时 {time.perf_counter() - start:.1f} 秒")

# %% tags=["nbval-ignore-output"]
def smooth(values, width=10):
    """对 `width` 步做滑动平均。"""
    return np.convolve(values, np.ones(width) / width, mode="valid")


fig, ax = plt.subplots(figsize=(8, 4.2), constrained_layout=True)
styles = {"plain-8": ("tab:gray", "--"), "plain-20": ("tab:red", "-"), "resnet-20": ("tab:blue", "-")}
for name, losses in curves.items():
    color, line = styles[name]
    ax.plot(np.arange(10, len(losses) + 1), smooth(losses), line, color=color, lw=2, label=name)
ax.axhline(math.log(10), color="gray", lw=0.8, ls=":", label="ln 10：随机猜测")
ax.set_xlabel("训练步（每批 32 张）", fontsize=11)
ax.set_ylabel("训练损失（交叉熵）", fontsize=11)
ax.set_title("退化：更深的普通网络训练得更差，残差网络则不会", fontsize=12)
ax.legend(fontsize=10)
plt.show()

# %% [markdown]
# 上面的数字因机器而异；下面两个比较在快速模式下、在我们试过的每个随机种子（共四个）上都成立。差距并不大——保存的完整模式运行中两个差距都不到 0.1——所以检查要求差距超过 0.05，上一个单元格打印了两个差距。我们比较最后 20 步的平均**训练**损失：

# %%
final = {name: curves[name][-20:].mean() for name in curves}
print("退化：plain-20 最终的训练损失比 plain-8 高出 0.05 以上：",
      bool(final["plain-20"] - final["plain-8"] > 0.05))
print("捷径解决了它：resnet-20 最终比 plain-20 低 0.05 以上：   ",
      bool(final["plain-20"] - final["resnet-20"] > 0.05))

# %% [markdown]
# 多了十二层，普通网络*连自己的训练数据都拟合得更差*；同样十二层加上捷径连接就没有这个问题。（论文中，残差网络还能从深度中获益：ResNet-56 胜过 ResNet-20。这么短的训练显示不出这一点；在这次短训练里 resnet-20 和 plain-8 的终点很接近。）
#
# 需要注意：这个演示衡量的是*训练初期的优化*——至多几轮（轮数见上面的输出）之后的训练损失，而不是训练结束时达到的准确率。
#
# ## 2 · 问题出在哪里：看梯度
#
# 普通网络为什么训练得差？常有人说，有些层出了错，后面的层也跟着一错再错。论文说得更谨慎：有了批量归一化，信号在*前向*传播中既不会消失也不会爆炸；He 等人报告说反向的梯度范数也正常，他们推测深层普通网络的收敛速度“指数级地慢”。后来的研究看得更细：在带批量归一化的深层普通网络中，梯度在传回输入的路上逐层**增大**（Yang 等人，2019），并且变得像噪声（Balduzzi 等人，2017）。我们来测一测：一个 64 张图像的批量，刚初始化的网络（固定随机种子），以及损失对每个卷积层权重的梯度的范数。

# %%
def gradient_norms(model, X, y):
    """主路径上每个卷积（不含 1×1 投影）的 dLoss/dW 的范数，从输入到输出排列。"""
    model.train()
    model.zero_grad()
    F.cross_entropy(model(X), y).backward()
    return np.array([m.weight.grad.norm().item() for name, m in model.named_modules()
                     if isinstance(m, nn.Conv2d) and "downsample" not in name])


X_batch, y_batch = X_all[:64], y_all[:64]
norms = {}
for depth in (8, 20, 56):
    for kind, make in [("plain", plain_small), ("resnet", resnet_small)]:
        cnnlab.seed(0)
        norms[kind, depth] = gradient_norms(make(depth, width=WIDTH), X_batch, y_batch)

# %% tags=["nbval-ignore-output"]
print("第一个卷积的梯度范数，以及第一个 / 最后一个卷积之比")
for depth in (8, 20, 56):
    for kind in ("plain", "resnet"):
        g = norms[kind, depth]
        print(f"{kind:6s}-{depth:<2d}：第一层 {g[0]:9.3f}，第一层 / 最后一层 = {g[0] / g[-1]:8.1f}")

# %%
fig, ax = plt.subplots(figsize=(8, 4.2), constrained_layout=True)
for kind, color in [("plain", "tab:red"), ("resnet", "tab:blue")]:
    g = norms[kind, 56]
    ax.semilogy(np.arange(1, len(g) + 1), g, "o-", ms=3, color=color, label=f"{kind}-56")
ax.set_xlabel("卷积层（1 = 紧挨输入）", fontsize=11)
ax.set_ylabel("梯度范数 ‖∂loss/∂W‖（对数坐标）", fontsize=11)
ax.set_title("初始化时的 56 层网络：每个卷积的梯度范数", fontsize=12)
ax.legend(fontsize=10)
plt.show()

# %% [markdown]
# 具体数字取决于随机种子和机器；下面的结论在我们试过的每个种子（0–3）上都成立：

# %%
plain56, res56 = norms["plain", 56], norms["resnet", 56]
print("plain-56：第一层的梯度是最后一层的 100 倍以上：", bool(plain56[0] / plain56[-1] > 100))
print("resnet-56：第一层与最后一层相差不到 100 倍：     ", bool(res56[0] / res56[-1] < 100))
print("plain-56 第一层的梯度是 resnet-56 的 10 倍以上：  ", bool(plain56[0] > 10 * res56[0]))
print("深度为 8 时普通网络还算温和（相差不到 10 倍）：  ", bool(norms["plain", 8][0] / norms["plain", 8][-1] < 10))

# %% [markdown]
# 在普通网络中，靠近输入的层得到的梯度比靠近输出的层大一百倍以上，于是没有一个学习率能同时适合所有层，而那里的梯度也几乎不携带关于损失的有用信息。在残差网络中，第一层与最后一层的差距要小得多。原因在于残差块的形状：对 $y = x + F(x)$，雅可比矩阵是 $I + \partial F/\partial x$，所以梯度总有一条经过恒等映射的直达通路，再加上经过 $F$ 的那部分。这个式子对 He 等人后续论文（2016）中以相加结束的预激活块是精确的；这里的块在相加之后还有一个 ReLU，$y = \mathrm{ReLU}(x + F(x))$，所以恒等通路只在和为正的位置畅通。
#
# ## 3 · 残差块
#
# 残差块计算
#
# $$y = \mathrm{ReLU}\big(F(x) + x\big), \qquad F(x) = \mathrm{BN}(W_2 * \mathrm{ReLU}(\mathrm{BN}(W_1 * x))).$$
#
# 下面是库里的 `BasicBlock`（ResNet-18 和 -34 用它；库里的注释和文档字符串是英文的）；`residual=False` 就是上面用的普通块：

# %%
cnnlab.show_source(BasicBlock.forward)

# %% [markdown]
# **残差块总是同时计算 $F(x)$ 和 $x$，并把两者相加。** 常见的一种解释却是：残差块把 $F(x)$ 与 $x$ 比较，$F(x)$ 更好就用它，否则沿用原来的 $x$，好像这些层会被丢掉。但代码里既没有比较，也没有开关：对每个输入，每一次都求和。捷径连接改变的是*什么容易学*。如果某个块最好什么都不做，残差块只需把 $F$ 压到零（权重趋向 0，权重衰减本来就在这么做）；普通块却必须让中间夹着 ReLU 的两个卷积精确地复现自己的输入。所以这些层学的是对恒等映射的修正，也就是**残差** $F(x) = H(x) - x$。
#
# 我们来验证“F = 0 就是恒等映射”。把最后一个批量归一化的缩放系数 γ 设为 0，就得到精确的 $F(x) = 0$（torchvision 提供的 `zero_init_residual=True` 就是这样做的，源自 Goyal 等人，2017）。对非负输入，残差块于是返回 $\mathrm{ReLU}(x) = x$（前一个块以 ReLU 结尾，所以输入非负）；普通块则返回全零：

# %%
torch.manual_seed(0)
x = torch.relu(torch.randn(2, 16, 7, 7))          # (N, C, H, W)，像 ReLU 的输出一样非负
for residual in (True, False):
    block = BasicBlock(16, 16, residual=residual).eval()
    nn.init.zeros_(block.bn2.weight)              # γ = 0: F(x) = 0
    y = block(x)
    print(f"residual={residual!s:5}：输出等于输入：{torch.equal(y, x)!s:5}，"
          f"输出全为零：{bool((y == 0).all())}")

# %% [markdown]
# ### 小测验 · 残差块计算什么（1 分）

# %% tags=["exercise:what_block_does"]
choice("what_block_does", answer=1,
       options=["它计算 F(x)，与 x 比较，把较好的那个传下去。",
                "它总是输出 ReLU(F(x) + x)；如果 F 学会输出零，这个块就相当于恒等映射。",
                "训练时跳过两个卷积，只在测试时使用它们。",
                "它计算 F(x) − x，使输出的平均值为零。"],
       prompt="残差块 y = ReLU(F(x) + x) 如何处理它的输入 x？",
       hint="读一读上面的 BasicBlock.forward：有没有依赖 F(x) 数值的 `if`？",
       explanation="对每个输入、每一次都计算 F(x) + x，不做任何比较。捷径让恒等映射很容易表示（F = 0），"
                   "所以这些层只需学习对 x 的修正。")

# %% [markdown]
# ### 形状改变时：投影捷径
#
# 只有形状相同，$x$ 和 $F(x)$ 才能相加。每个阶段的第一个块把高和宽减半（步幅 2）、通道数加倍，所以那里的捷径是一个**投影**：步幅为 2 的 1×1 卷积，后接批量归一化（论文中的选项 B）。`make_layer` 恰好在输入与输出形状不同的地方加上它：

# %%
stage, _ = make_layer(BasicBlock, 64, 128, blocks=2, stride=2)
print(stage[0].downsample)
x = torch.zeros(1, 64, 56, 56)
print("块 0：", tuple(x.shape), "→", tuple(stage[0](x).shape), "（投影捷径）")
print("块 1：", tuple(stage[0](x).shape), "→", tuple(stage(x).shape), "（恒等捷径：", stage[1].downsample, "）")

# %% [markdown]
# ### 小测验 · 一个块的参数量（1 分）
#
# ResNet-18 第一阶段的块有 64 个输入通道和 64 个输出通道，没有投影。

# %% tags=["exercise:basic_block_64"]
numeric("basic_block_64", answer=73984, digits=0, unit="个参数",
        prompt="BasicBlock(64, 64) 有多少个参数（包括批量归一化的缩放与平移参数）？",
        hint="两个从 64 到 64 通道、无偏置的 3×3 卷积，以及两个批量归一化，每个通道各有一个 γ 和一个 β。",
        explanation="每个卷积有 3·3·64·64 = 36,864 个权重（没有偏置：由批量归一化的 β 代替）；"
                    "每个批量归一化有 2·64 = 128 个参数。2·36,864 + 2·128 = 73,984。")

# %% [markdown]
# 下面从模型画出 ResNet-18 的前两种块。先看 `layer1.0`，即第 1 阶段的第一个块：输入与输出形状相同，所以捷径是恒等映射，画成绕过两个卷积、指向加法的那支箭头。

# %%
with torch.device("meta"):
    r18 = resnet18()
cnnlab.draw_architecture(r18, (3, 224, 224), block="layer1.0")
plt.show()

# %% [markdown]
# 再看 `layer2.0`，即第 2 阶段的第一个块：它把高和宽减半、通道数加倍，所以捷径是投影（`downsample`：步幅为 2 的 1×1 卷积加批量归一化），画成并列的第二列，同样指向加法。

# %%
cnnlab.draw_architecture(r18, (3, 224, 224), block="layer2.0")
plt.show()

# %% [markdown]
# ### 练习 · 任意基本块的参数量（3 分）
#
# 补全 `basic_block_params(c_in, c_out, stride)`：按 `make_layer` 的构造方式，从 `c_in` 到 `c_out` 通道的 `BasicBlock` 的可训练参数量——两个无偏置的 3×3 卷积、两个批量归一化，以及当 `stride != 1` 或 `c_in != c_out` 时的投影捷径（无偏置的 1×1 卷积 + 批量归一化）。

# %% tags=["exercise:basic_block_params"]
def basic_block_params(c_in, c_out, stride=1):
    """c_in → c_out 的 BasicBlock 的参数量（形状改变时包括投影捷径）。"""
    ### BEGIN SOLUTION
    total = 9 * c_in * c_out + 9 * c_out * c_out + 2 * (2 * c_out)   # 两个 3×3 卷积，两个 BN（γ、β）
    if stride != 1 or c_in != c_out:
        total += c_in * c_out + 2 * c_out                            # 1×1 投影 + 它的 BN
    return total
    ### END SOLUTION


# %% tags=["exercise:basic_block_params"]
_ = check_function("basic_block_params", basic_block_params, [
    ((16, 16, 1), 4672),
    ((16, 32, 2), 14528),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _c_in, _c_out, _stride in [(64, 64, 1), (64, 128, 2), (128, 256, 2), (3, 5, 1), (8, 8, 2), (1, 1, 1)]:
    _layer, _ = make_layer(BasicBlock, _c_in, _c_out, 1, stride=_stride)
    _want = sum(p.numel() for p in _layer.parameters())
    expect_value(basic_block_params(_c_in, _c_out, _stride), _want, case=(_c_in, _c_out, _stride))
### END HIDDEN TESTS

# %% [markdown]
# ## 4 · 瓶颈块
#
# ResNet-50 及更深的网络使用**瓶颈块**：先用 1×1 卷积*降维*（256 → 64），再在变薄的张量上做 3×3 卷积，最后用第二个 1×1 卷积*升维*回去（64 → 256）；捷径加上 256 通道的输入。这和第 05 课里 GoogLeNet 在 5×5 卷积前用 1×1 降维是同一个技巧（下面比较的最后一行重新算出了那个例子）：把昂贵的空间卷积放在少量通道上做。

# %%
cnnlab.show_source(Bottleneck.forward)

# %% [markdown]
# 它换来了什么？He 等人（第 4.1 节“Deeper Bottleneck Architectures”，图 5）在 ResNet 的第一阶段（56×56）上比较了两种块：ResNet-34 的基本块，即 64 通道上的两个 3×3 卷积；以及 ResNet-50 在 256 通道上的瓶颈块。我们只数权重（这里没有偏置：每个卷积后面都跟着批量归一化），再算 56×56 上的乘加次数：

# %%
bottleneck_weights = [cnnlab.conv_params(256, 64, 1, bias=False), cnnlab.conv_params(64, 64, 3, bias=False),
                      cnnlab.conv_params(64, 256, 1, bias=False)]
basic_weights = [cnnlab.conv_params(64, 64, 3, bias=False)] * 2
wide_basic_weights = [cnnlab.conv_params(256, 256, 3, bias=False)] * 2
print("256 通道上的瓶颈块，1×1（256→64）、3×3（64→64）、1×1（64→256）：",
      " + ".join(f"{w:,}" for w in bottleneck_weights), f"= {sum(bottleneck_weights):,} 个权重")
print("64 通道上的基本块，两个 3×3（64→64）：                          ",
      " + ".join(f"{w:,}" for w in basic_weights), f"= {sum(basic_weights):,} 个权重")
bottleneck_macs = (cnnlab.conv_macs(256, 64, 1, 56) + cnnlab.conv_macs(64, 64, 3, 56)
                   + cnnlab.conv_macs(64, 256, 1, 56))
basic_macs = 2 * cnnlab.conv_macs(64, 64, 3, 56)
print(f"56×56 上的乘加次数：瓶颈块 {bottleneck_macs:,}，基本块 {basic_macs:,}")
print(f"宽度：通道数是 {256 // 64} 倍，权重是 {sum(bottleneck_weights) / sum(basic_weights):.2f} 倍")
print("PyTorch（含批量归一化）：", f"Bottleneck(256, 64) {sum(p.numel() for p in Bottleneck(256, 64).parameters()):,}，",
      f"BasicBlock(64, 64) {sum(p.numel() for p in BasicBlock(64, 64).parameters()):,}")
print("256 通道上的基本块（没有哪个 ResNet 在 56×56 上用它）：", " + ".join(f"{w:,}" for w in wide_basic_weights),
      f"= {sum(wide_basic_weights):,} 个权重，",
      f"是 64 通道基本块的 {sum(wide_basic_weights) / sum(basic_weights):.0f} 倍、瓶颈块的 {sum(wide_basic_weights) / sum(bottleneck_weights):.1f} 倍")
print("第 05 课，28×28×192 → 32 通道：", f"直接 5×5：{cnnlab.conv_macs(192, 32, 5, 28):,} 次乘加，",
      f"先用 1×1 降到 16 通道：{cnnlab.conv_macs(192, 16, 1, 28) + cnnlab.conv_macs(16, 32, 5, 28):,} 次乘加")

# %% [markdown]
# 两者代价相当（瓶颈块其实还略低一点），但瓶颈块处理的张量宽了四倍：256 个通道，而不是 64 个。这种设计的意义就在这里，而不在于比 ResNet 在这个位置真正会用的某种块更省。若把这个基本块加宽到 256 通道，它要贵 16 倍（卷积的权重随宽度的平方增长）；有时读到的“权重少约 17 倍”，就是拿瓶颈块和这种加宽的块比出来的。有了瓶颈块，He 等人才能把网络做到 50、101 和 152 层：ResNet-50 把 ResNet-34 的每个基本块都换成瓶颈块，计算量却相差不大（见第 5 节）。瓶颈块两头宽（256）、中间窄（64）：`planes` = 64 是中间的宽度，乘以 `expansion` = 4 得到输出宽度。
#
# ### 小测验 · 带步幅的瓶颈块（1 分）
#
# ResNet-50 第三阶段的第一个块是带投影捷径的 `Bottleneck(512, 256, stride=2)`；和 torchvision 一样，步幅放在 3×3 卷积上。

# %% tags=["exercise:bottleneck_shape"]
shape("bottleneck_shape", answer=(1024, 14, 14),
      prompt="它的输入形状为 (512, 28, 28)。输出的形状 (C, H, W) 是多少？",
      hint="内部宽度 planes = 256，输出有 expansion · planes 个通道（expansion = 4）；"
           "填充 1、步幅 2 的 3×3 卷积把 28 变成 ⌊(28 − 1)/2⌋ + 1。",
      explanation="通道：4 · 256 = 1024。尺寸：(28 + 2·1 − 3) / 2 + 1 = 14（1×1 卷积不改变尺寸）。"
                  "投影捷径（1×1 卷积，步幅 2，512 → 1024）给出同样的形状，所以可以相加：(1024, 14, 14)。")

# %% [markdown]
# 从 ResNet-50 画出瓶颈块（`block="layer2.0"`，即第 2 阶段的第一个块；`fuse=True` 把每个批量归一化和 ReLU 画进对应卷积的框里）：主列从上到下是 1×1 降维、在变薄的张量上做的 3×3 卷积和 1×1 升维，旁边是投影捷径，两者都指向加法。

# %%
with torch.device("meta"):
    r50 = resnet50()
cnnlab.draw_architecture(r50, (3, 224, 224), block="layer2.0", fuse=True)
plt.show()

# %% [markdown]
# ## 5 · ResNet-18、-34 和 -50
#
# ImageNet 上的 ResNet 共用一种布局：一个步幅 2 的 7×7 卷积和一个最大池化（224 → 56），在 56、28、14、7 像素上的四个阶段，“planes”分别为 64、128、256、512，然后是全局平均池化和一个全连接层。它们的区别只在每个阶段的块数：[2, 2, 2, 2] 个基本块（18）、[3, 4, 6, 3] 个基本块（34）、[3, 4, 6, 3] 个瓶颈块（50）。`cnnlab.summary` 统计每张 224×224 图像的参数量与乘加次数。模型建在 PyTorch 的 `meta` 设备上：张量只有形状没有数值，所以统计瞬间完成，也不为权重占用内存。

# %%
for make in (resnet18, resnet34, resnet50):
    with torch.device("meta"):
        model = make()
    s = cnnlab.summary(model, (3, 224, 224))
    print(f"{make.__name__}：{s.total_params:,} 个参数（{scaled(s.total_params)}），"
          f"每张图像 {scaled(s.total_macs)}次乘加")

# %% [markdown]
# 这与 torchvision 的表格一致（ResNet-18：1,170 万个参数、18.1 亿次乘加）。ResNet-50 的参数比 ResNet-34 多，计算量却只多一点，这要归功于瓶颈块；它的 40.9 亿次乘加比论文表 1 的 38 亿次 FLOPs（论文实际数的是乘加）多，是因为 torchvision 和此后的多数代码把下采样的步幅从第一个 1×1 卷积移到了 3×3 卷积上（“ResNet v1.5”）。ResNet-18 的参数都在哪里？大多在最后一个阶段，那里 512 通道上的 3×3 卷积核最大：

# %%
with torch.device("meta"):
    model = resnet18()
total = sum(p.numel() for p in model.parameters())
for part in ("conv1", "bn1", "layer1", "layer2", "layer3", "layer4", "fc"):
    count = sum(p.numel() for p in getattr(model, part).parameters())
    print(f"{part:7s} {count:>10,}  {count / total:6.1%}")

# %% [markdown]
# ### 感受野
#
# ResNet-18 最后一个阶段的一个单元能看到多少输入像素？`cnnlab.receptive_field` 用第 04 课的递推公式走遍整个网络，包括捷径连接（由最长的路径决定）：

# %%
fields = cnnlab.receptive_field(model, (3, 224, 224))
last = [row for row in fields if row.name.startswith("layer4")][-1]
print(f"{last.name}：特征图 {last.output_size}×{last.output_size}，感受野 {last.r}×{last.r}，等效步幅 {last.jump}")

# %% [markdown]
# 435 个像素：窗口比 224 像素的图像还宽，所以最后 7×7 特征图中靠近中心的单元能看到整幅图像（外加填充）。有效感受野（第 04 课）要小得多，并集中在这个窗口的中部。

# %% [markdown]
# ### 先预测，再揭晓 · ImageNet 版的开头（2 分）
#
# 所有 ImageNet 版 ResNet 的开头都一样：一个有 64 个 7×7 卷积核、步幅 2、填充 3、不带偏置的卷积层（它后面的批量归一化有自己的平移量），批量归一化，ReLU，再接窗口 3×3、步幅 2、填充 1 的最大池化；输入是一张 3×224×224 的图像。先别看输出：预测每一层的输出形状、参数量和一个输出单元的感受野（以输入像素计），再点这一行的“检查”。每个格子按你的第一次预测计分。

# %% tags=["exercise:stem_layers"]
from cnnlab.exercises import predict_layers

stem = nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                     nn.MaxPool2d(3, stride=2, padding=1))
predict_layers(stem, (3, 224, 224), ask=("shape", "params", "rf"), exercise="stem_layers")

# %% [markdown]
# ## 6 · 我们训练过的小型 ResNet
#
# 第 1 节的 resnet-20 *就是*一个缩小版 ResNet：`resnet_small(20, width=8)`——一个 3×3 的起始卷积和一个最大池化（28 → 14），在 14、7、4 像素上各有三个基本块的三个阶段，通道数为 8、16、32，然后是全局平均池化和一个全连接层。He 等人（第 4.2 节）在 CIFAR 上的 ResNet-20 阶段结构相同，但有三点不同：
#
# - **起始部分没有最大池化。** 论文的 3×3 卷积保持 32×32 的输入尺寸，所以各阶段分别在 32、16、8 像素上，通道数为 16、32、64。我们的最大池化让后面每个卷积都更省算力，适合 CPU。
# - **阶段改变形状处的捷径。** 论文在那里用选项 A：恒等映射，每隔一个像素取一个，新增的通道补零——没有参数，所以它的残差网络和普通网络的权重完全一样。`resnet_small` 和 ImageNet 上的 ResNet 一样用投影（选项 B：步幅 2 的 1×1 卷积 + 批量归一化）；第 1 节里多出的两个卷积就是它们。
# - **训练。** 论文训练 64,000 步，每步 128 张经过数据增强的图像，并使用权重衰减；第 1 节只训练了很短的时间（步数见那里的输出），既没有数据增强，也没有权重衰减。
#
# 下面是这两种捷径，以及按论文的宽度（16）和 3 通道输入计算时两者的参数量之差：

# %%
def shortcut_a(x, c_out):
    """He 等人的选项 A：每隔一个像素取一个，再补零通道到 c_out。没有参数。"""
    return F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 0, c_out - x.shape[1]))   # (N, c_out, H/2, W/2)


x = torch.randn(1, 16, 32, 32)
print(f"选项 A：{tuple(x.shape)} → {tuple(shortcut_a(x, 32).shape)}，0 个参数")
projection, _ = make_layer(BasicBlock, 16, 32, blocks=1, stride=2)
print(f"选项 B：{tuple(x.shape)} → {tuple(projection[0].downsample(x).shape)}，"
      f"{sum(p.numel() for p in projection[0].downsample.parameters())} 个参数")
paper_params = sum(p.numel() for p in plain_small(20, in_channels=3, width=16).parameters())
ours_params = sum(p.numel() for p in resnet_small(20, in_channels=3, width=16).parameters())
print(f"选项 A 的 ResNet-20（= 它的普通网络）：   {paper_params:,} 个参数")
print(f"resnet_small(20, in_channels=3, width=16)：{ours_params:,} 个参数（多 {ours_params - paper_params:,} 个）")

# %%
small = trained["resnet-20"]
s = cnnlab.summary(small, (1, 28, 28))
print(f"resnet_small(20, width={WIDTH})：{s.total_params:,} 个参数，每张图像 {s.total_macs:,} 次乘加")
test_images = cnnlab.fashion_mnist("test")
if quick:
    test_images = test_images.subset(1_000)
test_loader = cnnlab.loader(test_images, batch_size=256)

# %% tags=["nbval-ignore-output"]
test_accuracy = {name: cnnlab.evaluate(model, test_loader).accuracy for name, model in trained.items()}
for name, accuracy in test_accuracy.items():
    print(f"{name:9s}：在 {len(test_images):,} 张图像上的测试准确率 {accuracy:.3f}")

# %%
print("resnet-20 的测试准确率高于 0.5（随机猜测为 0.1）：", test_accuracy["resnet-20"] > 0.5)

# %% [markdown]
# 快速模式下这只是 150 步之后的结果；完整模式在全部 60,000 张图像上训练十倍的时间。
#
# 库里小型 ResNet 的完整模式配方（调到能达到它打印出的目标，并与 d2l 的数字对比）用的是 8 层的网络，也是这一族中最省算力的：

# %%
print(cnnlab.recipe("resnet"))

# %% [markdown]
# ## 7 · 各层看到了什么
#
# 常有人说，浅层卷积提取边缘，中层提取局部信息，深层提取全局信息（这种逐层的描述来自 Zeiler 和 Fergus 2014 年对一个 ImageNet 网络的可视化）。我们来看训练好的网络在不同深度的特征图，以及它们的尺寸和感受野：

# %%
small.eval()
image, label = cnnlab.fashion_mnist("test", verbose=False)[0]          # (1, 28, 28)
with torch.no_grad():
    stem = small.maxpool(small.relu(small.bn1(small.conv1(image[None]))))   # (1, 8, 14, 14)
    stage1 = small.layer1(stem)                                         # (1, 8, 14, 14)
    stage2 = small.layer2(stage1)                                       # (1, 16, 7, 7)
    stage3 = small.layer3(stage2)                                       # (1, 32, 4, 4)
small_fields = cnnlab.receptive_field(small, (1, 28, 28))
depths = [("起始层", "maxpool", stem), ("第 1 阶段", "layer1", stage1),
          ("第 2 阶段", "layer2", stage2), ("第 3 阶段", "layer3", stage3)]
for title, prefix, maps in depths:
    row = [r for r in small_fields if r.name.startswith(prefix)][-1]
    print(f"{title:8s}：{maps.shape[1]:2d} 张 {maps.shape[2]}×{maps.shape[3]} 的特征图，感受野 {row.r}×{row.r} 像素")

# %%
fig, axes = plt.subplots(4, 7, figsize=(11, 6.4), constrained_layout=True)
for row_axes, (title, prefix, maps) in zip(axes, depths):
    row_axes[0].imshow(image[0], cmap="gray")
    row_axes[0].set_title("输入", fontsize=10)
    strongest = maps[0].mean(dim=(1, 2)).argsort(descending=True)[:6]   # 平均激活最强的 6 个通道
    for ax, channel in zip(row_axes[1:], strongest):
        ax.imshow(maps[0, channel], cmap="viridis")
        ax.set_title(f"{title}，通道 {channel.item()}", fontsize=9)
for ax in axes.flat:
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("训练后的 resnet-20 的特征图：14×14 → 14×14 → 7×7 → 4×4", fontsize=12)
plt.show()

# %% [markdown]
# 起始卷积和第 1 阶段的特征图仍能看出衣物的样子：有的通道响应它的上轮廓，有的响应下边缘，有的响应背景——是 14×14 上的边缘和区域检测器。到了第 3 阶段，每张特征图只是 4×4 的网格，单元的感受野超过 28 像素、比整幅图像还大；它们已经看不出像什么，也不必像什么：全局平均池化把每张特征图变成一个数，全连接层再对这 32 个数分类。“边缘 → 纹理 → 物体部件”这幅图景很好地描述了大型 ImageNet 网络；28×28 图像上的小网络只容得下其中几步。
#
# ## 8 · “首选 ResNet”？
#
# 常有人说“卷积神经网络首选 ResNet”。这句话这些年来站得住吗？
#
# - **2016–2020 年**：ResNet-50 是计算机视觉的标准基线——检测和分割模型的骨干网络，也是大多数论文的参照。它的思想传遍各处：此后几乎每个深层网络都有恒等捷径，Transformer 也不例外。
# - **此后**：ResNeXt（Xie 等人，2017）把 3×3 卷积分成若干组；EfficientNet（Tan 和 Le，2019）同时缩放深度、宽度和分辨率，让每次乘法换来更高的准确率；Vision Transformer（Dosovitskiy 等人，2021）在大数据上用注意力取代卷积；ConvNeXt（Liu 等人，2022）一步步把 ResNet 的设计现代化，追平了 Transformer。
# - **仍是强有力的默认选择**：用现代的训练方法，不改结构的 ResNet-50 在 ImageNet 上能提高好几个百分点（Wightman、Touvron 和 Jégou，2021；Bello 等人，2021）。对小数据集、CPU 或第一次实验，ResNet-18 或更小的 `resnet_small`（能用预训练权重就用）是稳妥的首选：被研究得很透、速度快、每个库都有。
#
# 所以：它是好的*首选*和需要超越的基线，而不是最终答案。
#
# ## 常见错误
#
# - **把退化当成过拟合。** 更深的普通网络*训练*误差更高；过拟合的训练误差反而更低。
# - **“残差块在 F(x) 和 x 之间做选择。”** 它总是把两者相加；捷径只是让恒等映射容易学，仅此而已。
# - **“残差连接解决了梯度消失。”** 有批量归一化时，普通网络的梯度并没有消失（He 等人也这样报告）；在第 2 节里，梯度甚至朝输入方向变大。捷径让梯度在各层之间保持均衡。
# - **把形状不同的张量相加。** 在阶段下采样的地方，捷径需要投影（步幅 2 的 1×1 卷积），否则形状对不上。
# - **数错瓶颈块的通道。** `Bottleneck(inplanes, planes)` 输出 `4 · planes` 个通道；`planes` 是*内部*宽度。
# - **漏掉批量归一化的参数。** 每个 BN 层每个通道有 2 个参数（γ、β）；它的滑动均值和方差是缓冲区，不是参数。
#
# ## 参考资料
#
# - K. He, X. Zhang, S. Ren, J. Sun, *Deep Residual Learning for Image Recognition*, CVPR 2016（退化问题，图 1；基本块与瓶颈块，第 4.1 节与图 5；捷径的选项 A 和 B；第 4.2 节的 CIFAR 网络）。
# - K. He, X. Zhang, S. Ren, J. Sun, *Identity Mappings in Deep Residual Networks*, ECCV 2016。
# - G. Yang, J. Pennington, V. Rao, J. Sohl-Dickstein, S. Schoenholz, *A Mean Field Theory of Batch Normalization*, ICLR 2019（带批量归一化的深层普通网络中的梯度爆炸）。
# - D. Balduzzi 等，*The Shattered Gradients Problem: If resnets are the answer, then what is the question?*, ICML 2017。
# - P. Goyal 等，*Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour*, 2017（每个块最后一个 BN 的 γ 初始化为 0）。
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014。
# - S. Xie 等，*Aggregated Residual Transformations for Deep Neural Networks*（ResNeXt）, CVPR 2017；M. Tan, Q. Le, *EfficientNet*, ICML 2019；A. Dosovitskiy 等，*An Image is Worth 16x16 Words*（ViT）, ICLR 2021；Z. Liu 等，*A ConvNet for the 2020s*（ConvNeXt）, CVPR 2022。
# - R. Wightman, H. Touvron, H. Jégou, *ResNet strikes back: An improved training procedure in timm*, 2021；I. Bello 等，*Revisiting ResNets: Improved Training and Scaling Strategies*, NeurIPS 2021。
# - torchvision 的模型文档（ResNet-18/34/50 的参数量与 GFLOPS 表）。
# - 阿斯顿·张等，《动手学深度学习》第 7.6 节“残差网络（ResNet）”。<!-- parity-ignore: 7.6 -->

