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
lesson = cnnlab.start_lesson("09_alexnet", lang="zh")

# %% [markdown]
# # 第 09 课 · AlexNet
#
# 2012 年，Krizhevsky、Sutskever 和 Hinton 的卷积网络以很大的优势赢得了 ImageNet 竞赛（1,000 个类别、120 万张训练图像）。从轮廓上看，它是一个放大了的 LeNet（第 08 课）：先卷积和池化，再接全连接层。新的是那些让这么大的网络能在两块 GPU 上训练起来的部件：**ReLU** 激活函数、**dropout**、重叠的最大池化、数据增强，以及一个后来被弃用的归一化层（**LRN**）。本课重新计算第一层，用代码逐个认识这些新部件，数清 6,110 万个参数都在哪里，并训练一个缩小版的 AlexNet。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import alexnet, alexnet_small
from cnnlab.models.alexnet import alexnet_2012

# %% [markdown]
# ## 1 · 两个 AlexNet：2012 年的论文版与 torchvision 版
#
# 论文中的网络分在两块各 3 GB 的 GPU 上：每一层的卷积核分成两半，第二、第四和第五个卷积层只读取同一块 GPU 上的特征图。放到一台设备上，这就是**分组卷积**（`groups=2`）：每一半卷积核只看一半的输入通道。论文还在前两个卷积层之后加了 LRN。课程库用 `alexnet_2012` 搭建了这个网络，下面打印它的源代码，以便数参数（LRN 在第 5 节解释，dropout 在第 4 节）。库里的文档字符串和注释都是英文的：

# %%
cnnlab.show_source(alexnet_2012)

# %%
paper_net = alexnet_2012()
net = alexnet()          # torchvision 的版本，来自 cnnlab.models


def conv_widths(model):
    """按顺序列出每个卷积层的输出通道数。"""
    return [m.out_channels for m in model.modules() if isinstance(m, nn.Conv2d)]


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


print("论文版（2012）：   卷积核个数", conv_widths(paper_net), f" 参数量 {parameter_count(paper_net):,}")
print("torchvision 版：   卷积核个数", conv_widths(net), f" 参数量 {parameter_count(net):,}")

# %% [markdown]
# 论文说有“6,000 万个参数”；按它自己的结构精确地数，约为 6,100 万，论文给的只是一个约数。torchvision 的 `alexnet`（`cnnlab.models.alexnet` 逐层照搬）是后来的单 GPU 变体：64-192-384-256-256 个卷积核，不分组，也没有 LRN。人们通常把它归于 Krizhevsky 2014 年的报告《One weird trick》，但那份报告列出的是 64-192-384-384-256；torchvision 第四个卷积层的 256 个卷积核，来自 Krizhevsky 自己的 cuda-convnet2 代码中的单 GPU ImageNet 配置。它的卷积层权重稍多一些，所以是 6,110 万。几乎所有参数都在全连接层里（第 7 节），而两者的全连接层大小相同，只是 dropout 作用的位置不同（第 4 节）。
#
# ## 2 · 第一层：是 227，不是 224
#
# 第 02 课已经算过论文的第一层：96 个 11×11×3 的卷积核、步幅 4，作用在 227×227 的图像上，得到 55×55×96 = 290,400 个神经元和 34,944 个参数。这里简单复算一遍：

# %%
print(cnnlab.conv_output_size(227, 11, s=4, explain=True))
print("神经元：", f"{cnnlab.neuron_count(96, 55):,}", "  参数量：", f"{cnnlab.conv_params(3, 96, 11):,}")

# %% [markdown]
# 论文正文和那张著名的结构图都说输入是 **224**×224。不加填充的话，得不到 55：

# %%
print("(224 − 11) / 4 + 1 =", (224 - 11) / 4 + 1)
print(cnnlab.conv_output_size(224, 11, s=4, explain=True))

# %% [markdown]
# 54.25 不是一个尺寸：PyTorch 会向下取整成 54，并悄悄跳过最后几列像素。所以论文里的“224×224”与它自己的 55×55 特征图是矛盾的；227 才是让 11×11 窗口以步幅 4 移动时恰好停在边界上的尺寸。224 附近不加填充也能整除的尺寸，是那些 $n - 11$ 能被 4 整除的：

# %%
print([n for n in range(215, 236) if (n - 11) % 4 == 0])

# %% [markdown]
# torchvision 保留 224，改为填充：每侧 2 个像素。这时除法同样除不尽，但向下取整恰好得到 54，输出仍是 55×55：

# %%
print(cnnlab.conv_output_size(224, 11, p=2, s=4, explain=True))
with torch.no_grad():
    first = net.features[0](torch.zeros(1, 3, 224, 224))
print("torchvision 的 conv1 作用于 224×224：", tuple(first.shape))

# %% [markdown]
# ## 3 · 用 ReLU 代替 tanh
#
# LeNet 用缩放过的 tanh 压缩每一个激活值。AlexNet 用的是**修正线性单元** $\mathrm{ReLU}(a) = \max(0, a)$。区别在梯度上：tanh 会**饱和**——当 $|a|$ 很大时，它的斜率 $1 - \tanh^2 a$ 几乎为零，一个强烈激活或强烈抑制的单元几乎学不动；而 ReLU 对每个正输入的斜率都恰好是 1。下面的导数由自动求导（autograd）算出：

# %%
a = torch.linspace(-5, 5, 401, requires_grad=True)
tanh_slope = torch.autograd.grad(torch.tanh(a).sum(), a)[0]
relu_slope = torch.autograd.grad(torch.relu(a).sum(), a)[0]
for value in (0.5, 2.0, 4.0):
    i = int(torch.argmin((a - value).abs()))
    print(f"a = {value}:  tanh'(a) = {tanh_slope[i]:.4f}   relu'(a) = {relu_slope[i]:.0f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 3.2), constrained_layout=True)
axes[0].plot(a.detach(), torch.tanh(a).detach(), label="tanh(a)")
axes[0].plot(a.detach(), torch.relu(a).detach(), label="ReLU(a)")
axes[0].set_title("激活函数")
axes[1].plot(a.detach(), tanh_slope, label="tanh'(a)")
axes[1].plot(a.detach(), relu_slope, label="ReLU'(a)")
axes[1].set_title("斜率（自动求导）")
for ax in axes:
    ax.set_xlabel("a")
    ax.grid(alpha=0.3)
    ax.legend()
plt.show()

# %% [markdown]
# Krizhevsky 等人测量过这个效果（论文图 1）：一个四层的卷积网络用 ReLU 时，在 CIFAR-10 上达到 25% **训练**误差的速度是同一网络用 tanh 时的六倍。训练更快，才使他们能在大约一周内训练完这么大的网络。（ReLU 在恰好 0 处的斜率取 0，实际中从来不成问题。）
#
# ## 4 · dropout：测试时关闭，训练时重新缩放
#
# AlexNet 的全连接层有几千万个权重，很容易过拟合。**dropout**（Hinton 等人，2012；Srivastava 等人，2014）在训练时以概率 $p$ 把每个隐藏单元的输出置零，每个样本随机选取不同的一组，使任何单元都不能依赖特定的其他单元（在 PyTorch 里，放在某一层之后的 `nn.Dropout` 层把那一层的输出置零）。测试时什么都不丢弃。为了让下一层输入的期望在两种模式下相同，PyTorch 在训练时把**保留下来的**值乘以 $1/(1-p)$（称为 inverted dropout）；论文则是在测试时把输出乘以 $1 - p = 0.5$——两者在期望上一样。

# %%
torch.manual_seed(0)
drop = nn.Dropout(p=0.5)
x = torch.ones(10)
drop.train()
print("训练模式：", drop(x).tolist())
drop.eval()
print("评估模式：", drop(x).tolist())

# %%
drop.train()
many = drop(torch.ones(100_000))
print(f"保留比例：{(many != 0).float().mean():.4f}   保留的值为 1/(1 − p) = {many.max():g}   均值：{many.mean():.4f}")

# %% [markdown]
# 大约一半的值被保留，每个都翻倍，所以均值仍接近 1。
#
# **dropout 作用在哪里。** 论文以 0.5 的概率把“每个隐藏神经元的输出”置零，并且“在前两个全连接层中”使用 dropout（第 4.2 节）：它丢弃的是 FC6 和 FC7 经过 ReLU 之后的**输出**，与 Caffe 的参考模型一致（fc6 → relu6 → drop6 → fc7 → relu7 → drop7 → fc8）。`alexnet_2012` 也是这样做的。torchvision 的 AlexNet 则把两个 `nn.Dropout` 层放在 FC6 和 FC7 **之前**：它丢弃的是展平后的卷积特征和 FC6 的输出，FC7 的输出从不丢弃。逐层对比两个分类器：

# %%
print("论文版（2012）：", " → ".join(type(m).__name__ for m in paper_net.classifier))
print("torchvision 版：", " → ".join(type(m).__name__ for m in net.classifier))

# %% [markdown]
# dropout 没有参数，所以第 1 节的参数量不受影响；改变的是训练时丢弃哪些值。论文还指出，dropout 使收敛所需的迭代次数大约翻倍。测试前忘记调用 `model.eval()` 是经典错误：预测会带上随机性，而且变差。

# %% tags=["exercise:dropout_eval"]
choice("dropout_eval", answer=1,
       options=["每个值以 0.5 的概率置零，其余的乘以 2",
                "什么都不变：该层原样输出输入",
                "每个值都乘以 0.5",
                "每个值都乘以 2"],
       prompt="PyTorch 的 nn.Dropout(p=0.5) 层处于评估模式（调用 model.eval() 之后）。它对输入做什么？",
       hint="PyTorch 在训练时已经对保留下来的值做了缩放。测试时还剩下什么要做？",
       explanation="评估模式下 nn.Dropout 是恒等映射。按 1/(1 − p) 缩放只在训练时进行，因此两种模式下的"
                   "期望相同；2012 年的论文做法相反，是在测试时乘以 0.5。")

# %% [markdown]
# ## 5 · 局部响应归一化（LRN）
#
# 论文指出，ReLU 与会饱和的单元不同，不需要对输入做归一化来防止饱和；它仍然加入了一种跨通道的归一化，理由是这样做“有助于泛化”（第 3.3 节），形式上仿照真实神经元的“侧抑制”：在每个位置 $(x, y)$，通道 $i$ 的激活 $a^i$ 除以一个随相邻 $n$ 个通道的激活增大而增大的量：
#
# $$b^i_{x,y} = a^i_{x,y} \Big/ \Big(k + \alpha \sum_{j=\max(0,\, i-n/2)}^{\min(N-1,\, i+n/2)} \big(a^j_{x,y}\big)^2\Big)^{\beta},$$
#
# 其中 $N$ 是通道数，$n/2$ 向下取整，论文的常数为 $k = 2$、$n = 5$、$\alpha = 10^{-4}$、$\beta = 0.75$。周围通道都很活跃的通道会被压低。
#
# PyTorch 中对应 `nn.LocalResponseNorm(size, alpha, beta, k)`，但有一个陷阱：PyTorch 用 $\alpha$ 乘以窗口内平方的**均值**，而不是它们的和——它计算的是 $k + \frac{\alpha}{n}\sum_j (a^j)^2$。因此 `nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)` **不是**论文里的层；论文的层对应 `alpha=5e-4`。在一个有七个通道的位置上验证一下，手算中间的通道（下标 3，窗口为通道 1…5）：

# %%
acts = torch.tensor([10.0, 20, 30, 40, 50, 60, 70]).reshape(1, 7, 1, 1)     # (N, C, H, W)
by_hand = acts[0, 3] / (2 + 1e-4 * (acts[0, 1:6] ** 2).sum()) ** 0.75      # 论文的公式
pytorch_same_alpha = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2.0)(acts)[0, 3]
pytorch_alpha_times_n = nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=2.0)(acts)[0, 3]
print(f"论文公式（手算）：             {by_hand.item():.4f}")
print(f"LocalResponseNorm(alpha=1e-4)：{pytorch_same_alpha.item():.4f}")
print(f"LocalResponseNorm(alpha=5e-4)：{pytorch_alpha_times_n.item():.4f}")

# %% [markdown]
# ### 练习 1 · 按论文实现 LRN（3 分）
#
# 补全 `lrn(a, n, alpha, beta, k)`，`a` 是形状为 (N, C, H, W) 的张量：实现上面论文的公式，对通道 $\max(0, i - n/2) … \min(C-1, i + n/2)$ 求和（$n$ 为奇数）。对通道写一个循环即可。不要调用 `nn.LocalResponseNorm`。

# %% tags=["exercise:lrn"]
def lrn(a, n=5, alpha=1e-4, beta=0.75, k=2.0):
    """跨通道的局部响应归一化，Krizhevsky 等人（2012）第 3.3 节的公式。"""
    ### BEGIN SOLUTION
    squares = a ** 2
    channels = a.shape[1]
    out = torch.empty_like(a)
    for i in range(channels):
        lo, hi = max(0, i - n // 2), min(channels - 1, i + n // 2)
        window = squares[:, lo:hi + 1].sum(dim=1)                 # (N, H, W)
        out[:, i] = a[:, i] / (k + alpha * window) ** beta
    return out
    ### END SOLUTION


# %% tags=["exercise:lrn"]
_ = check_function("lrn", lrn, [
    ((acts,), nn.LocalResponseNorm(5, alpha=5e-4, beta=0.75, k=2.0)(acts)),
    ((torch.ones(1, 3, 2, 2), 3, 1.0, 1.0, 1.0), torch.ones(1, 3, 2, 2) / torch.tensor([3.0, 4, 3]).reshape(1, 3, 1, 1)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_gen = torch.Generator().manual_seed(9)
for _shape, _n, _alpha, _beta, _k in [((2, 8, 3, 4), 5, 1e-4, 0.75, 2.0), ((1, 3, 5, 5), 7, 0.1, 0.5, 1.0),
                                      ((3, 6, 2, 2), 1, 1e-2, 1.0, 0.5), ((1, 10, 4, 4), 3, 2e-3, 0.75, 2.0)]:
    _a = torch.randn(_shape, generator=_gen) * 20
    _want = nn.LocalResponseNorm(_n, alpha=_n * _alpha, beta=_beta, k=_k)(_a)
    expect_value(lrn(_a, _n, _alpha, _beta, _k), _want, case=(_shape, _n), rtol=1e-5, atol=1e-5)
### END HIDDEN TESTS

# %% [markdown]
# ### LRN 有用吗？
#
# 在原论文里有用：LRN 让 AlexNet 在 ImageNet 上的 top-1 和 top-5 错误率分别降低了 1.4 和 1.2 个百分点（第 3.3 节）。两年后，VGG 论文（Simonyan 和 Zisserman，2015，表 3）把它的 11 层网络 A 分别在有无 LRN 的情况下训练，发现在 ILSVRC-2012 上没有提升：

# %%
vgg_table_3 = {"A（无 LRN）": (29.6, 10.4), "A-LRN": (29.7, 10.5)}   # 验证集 top-1 / top-5 错误率，%
for name, (top1, top5) in vgg_table_3.items():
    print(f"{name:11s} top-1 错误率 {top1} %   top-5 错误率 {top5} %")

# %% [markdown]
# 常有人说 LRN“被证明没有用”。这话说得太绝对了：对 2012 年那样训练的 AlexNet，它确实有帮助。准确的说法是：VGG 在它的网络 A 上没有发现 LRN 带来任何提升，它还耗费内存和时间，后来被批量归一化（2015 年，第 07 课）取代。torchvision 的 AlexNet 完全没有 LRN。
#
# ### 重叠池化与数据增强
#
# 引言里列出的新部件还有两个，各附论文自己的测量结果。下面两种池化窗口都把 conv1 的 55×55 特征图变成 27×27；裁剪则数出每张照片能产生多少张训练图像：

# %%
print("3×3 窗口、步幅 2（重叠）：55 →", cnnlab.pool_output_size(55, 3, s=2),
      "   2×2 窗口、步幅 2（不重叠）：55 →", cnnlab.pool_output_size(55, 2, s=2))
print("裁剪位置数 × 水平翻转：(256 − 224)² · 2 =", (256 - 224) ** 2 * 2)

# %% [markdown]
# - **重叠池化**（第 3.4 节）：步幅为 2 的 3×3 窗口彼此重叠一行一列。与得到同样大小特征图的步幅 2、2×2 窗口相比，它让 top-1 和 top-5 错误率分别降低了 0.4 和 0.3 个百分点，作者还观察到网络稍微更难过拟合。
# - **数据增强**（第 4.1 节）：从 256×256 的图像中随机裁出 224×224 的小块，再加上它们的镜像，训练集扩大到 2048 倍（见上面的输出），测试时对十个裁剪块的预测取平均；不这样做，网络会严重过拟合。沿 RGB 值的主成分随机改变颜色，又让 top-1 错误率降低了 1 个百分点以上。
#
# ## 6 · 一种常见的批评：“conv1 太大，步幅太大，没有填充”
#
# 常有人这样概括 AlexNet 的第一层：卷积核太大、步幅太大、没有填充。Zeiler 和 Fergus（2014）通过可视化训练好的 AlexNet，把前两点说得更精确：第一层的卷积核混杂着极高频和极低频的成分，中间频率很少；第二层则出现了由步幅 4 造成的混叠（aliasing）伪影。他们的网络（ZFNet）改用**步幅 2 的 7×7 卷积核**；其图 3 列出的第一层特征图为 110×110，用填充 1 即可复现：

# %%
print(cnnlab.conv_output_size(224, 7, p=1, s=2, explain=True))
print("每张特征图的位置数：ZFNet", 110 * 110, "  AlexNet", 55 * 55)

# %% [markdown]
# 步幅决定了对图像采样的疏密：ZFNet 第一层每张特征图的位置数是 AlexNet 的四倍（见上面的输出）。而“无填充”意味着边界上的像素被覆盖的窗口数比中间的少。对 227×227 的输入，数一数 55 个窗口位置中有几个覆盖每一列像素：

# %%
coverage = torch.zeros(227, dtype=torch.int64)
for j in range(55):
    coverage[4 * j: 4 * j + 11] += 1            # 第 j 个窗口覆盖第 4j … 4j+10 列
print("第 0–11 列：    ", coverage[:12].tolist())
print("第 108–119 列： ", coverage[108:120].tolist())
print("第 215–226 列：  ", coverage[215:].tolist())

# %% [markdown]
# 两侧最外面的四列各只被一个窗口看到；中间的列被两个或三个窗口看到。这个影响确实存在但很小（照片的边缘通常不太重要）；VGG 及之后的网络给每个卷积都加填充，让边界和其余部分受到同样的对待。
#
# ## 7 · 完整尺寸的网络：参数量、乘加次数、感受野
#
# 先做两道小测验，免得下面的汇总表把答案泄露出来。torchvision 的第二个卷积层有 192 个 5×5 的卷积核，作用在第一层输出的 64 张特征图上，填充 2。

# %% tags=["exercise:conv2_params"]
numeric("conv2_params", answer=307392, digits=0, unit="个参数",
        prompt="torchvision 的第二个卷积层有多少个可学习参数（权重加偏置）？",
        hint="192 个卷积核每个都覆盖全部 64 个输入通道：5 · 5 · 64 个权重，再加一个偏置。",
        explanation="(5 · 5 · 64 + 1) · 192 = 1,601 · 192 = 307,392。")

# %% tags=["exercise:features_shape"]
shape("features_shape", answer=(256, 6, 6),
      prompt="对一张 3×224×224 的图像，net.features(x) 的形状 (C, H, W) 是什么？",
      hint="conv1 输出 55×55。每个步幅 2 的 3×3 最大池化把 n 变成 (n − 3) // 2 + 1；5×5 和 3×3 卷积保持尺寸。"
           "最后一个卷积层有 256 个卷积核。",
      explanation="55 → 池化 → 27 → 卷积 → 27 → 池化 → 13 → 三个卷积 → 13 → 池化 → 6。conv5 有 256 个"
                  "卷积核：(256, 6, 6)，展平后就是第一个全连接层的 9,216 个输入。")

# %% [markdown]
# 现在看完整的表，输入为一张 224×224 的图像（`cnnlab.summary` 借助钩子做一次前向传播）：

# %%
report = cnnlab.summary(net, (3, 224, 224))
print(report)

# %% [markdown]
# 61,100,840 个参数，每张图像约 7.1 亿次乘加。参数和乘加次数在各层之间的分布截然不同。按层的种类分别求和：

# %%
conv_rows = [row for row in report.rows if row.type == "Conv2d"]
linear_rows = [row for row in report.rows if row.type == "Linear"]
for kind, rows in [("卷积层", conv_rows), ("全连接层", linear_rows)]:
    params, macs = sum(r.params for r in rows), sum(r.macs for r in rows)
    print(f"{kind:8s} 参数 {params:>11,} ({params / report.total_params:5.1%})   "
          f"乘加 {macs:>12,} ({macs / report.total_macs:5.1%})")

# %% [markdown]
# 把同样的分布直接从模块画出来，按列从上往下读：先是 `features`（卷积层和最大池化层），然后是 `classifier`（全连接层）。`fuse=True` 把每个 ReLU 和 dropout 画进它上面的框里；每个框都写出输出和可训练参数量，分类器那几个参数量很大的框一眼就能看出来。

# %%
cnnlab.draw_architecture(net, (3, 224, 224), fuse=True)
plt.show()

# %% [markdown]
# 卷积层用很少的权重完成了大部分运算（每个卷积核在每个位置上重复使用）；全连接层拥有大部分权重，运算却很少（每个权重对每张图像只用一次）。最大的单层是第一个全连接层：

# %%
fc6 = net.classifier[1]
fc6_params = fc6.in_features * fc6.out_features + fc6.out_features
print(f"第一个全连接层：{fc6.in_features} × {fc6.out_features} + {fc6.out_features} = {fc6_params:,} 个参数 "
      f"= 整个网络的 {fc6_params / report.total_params:.1%}")

# %% [markdown]
# 它的 9,216 个输入就是 `features` 展平后的输出。NiN 和 GoogLeNet（第 11 课）正是用全局平均池化去掉了这一层。
#
# 汇总表的 `感受野 r` 一列（第 04 课）给出每个单元能看到多大一块输入：conv5 的单元看到 163×163 个像素，最后一个池化层的单元看到 195×195 个，几乎是整张图像：

# %%
fields = cnnlab.receptive_field(net, (3, 224, 224))
for name in ("features.0", "features.10", "features.12"):
    row = fields[name]
    print(f"{name:12s} {row.type:10s} 输出 {row.output_size}×{row.output_size}   感受野 {row.r}×{row.r}   等效步幅 {row.jump}")

# %% [markdown]
# ## 8 · 在 Fashion-MNIST 上训练缩小版 AlexNet
#
# ImageNet 尺寸的 AlexNet 太大，无法在一台普通电脑的 CPU 上训练。`alexnet_small` 在 28×28 上保留了它的思路：带步幅的大卷积核作第一层（5×5，步幅 2）、ReLU、步幅 2 的重叠 3×3 最大池化、五个卷积层，以及三个带 dropout 的全连接层。保留了什么、缩小了什么（库里的文档字符串 `alexnet_small?` 用英文写了同样的内容）：
#
# - **保留：** 带步幅的大卷积核作第一层（在 28×28 上，步幅 2 的 5×5 相当于 224×224 上步幅 4 的 11×11）、处处用 ReLU、步幅 2 的重叠 3×3 最大池化、五个卷积层（从第三个起是 3×3，中间的最宽），以及三层带 dropout 0.5 的分类器。
# - **缩小：** 卷积核个数 64-192-384-256-256 变成 2w-3w-4w-4w-3w，宽度 `width` w = 16（见下面的输出）；三次池化后的特征图是 14 → 6 → 2，而不是 55 → 13 → 6；隐藏层有 256 个单元，而不是 4096 个；去掉了自适应的 6×6 池化。

# %%
print("各卷积层的卷积核个数：", conv_widths(alexnet_small()))
print(cnnlab.summary(alexnet_small(), (1, 28, 28)))

# %% [markdown]
# 我们在 Fashion-MNIST 上按库里为这个网络调好的配方训练——编写课程时，这份配方在 2 核 CPU 上达到了它打印出的目标（旁边附有 d2l 的数字）：AdamW、单周期（one-cycle）学习率调度、每批 128 张，以及 channels_last 内存格式（在 CPU 上卷积和池化更快）。其中新出现的标签平滑（label smoothing）把目标的一部分 ε 平均分给全部十个类别，于是正确类别的目标是 1 − ε + ε/10 而不是 1（见下面的输出），防止深的分类器变得过于自信：

# %%
alexnet_recipe = cnnlab.recipe("alexnet")
print(alexnet_recipe)
eps = alexnet_recipe.smoothing
print(f"标签平滑 ε = {eps}：正确类别的目标为 {1 - eps + eps / 10:.2f}，其余每个类别为 {eps / 10:.2f}")

# %% [markdown]
# 基准脚本按配方的全部轮数训练；本课只训练其中 4 轮（快速模式：2,000 张图像、2 轮）；训练记录的最后一项是这次训练在本机上用了多少秒。它给出最后一轮之后的训练损失、训练准确率和测试准确率，实时曲线则画出每一轮：

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
train_iter, test_iter = cnnlab.loaders("fashion-mnist", batch_size=alexnet_recipe.batch_size)
small = alexnet_small()
history = cnnlab.fit(small, train_iter, test_iter, epochs=4, **alexnet_recipe.fit_options())
history

# %%
print("测试准确率高于 0.2（随机猜测为 0.1）：", history.test_acc[-1] > 0.2)

# %% [markdown]
# 混淆矩阵显示它把哪些类别弄混了（行：真实类别，列：预测类别；每行之和为 1）：

# %% tags=["nbval-ignore-output"]
cm = cnnlab.confusion_matrix(small, test_iter, num_classes=10)
fig, ax = plt.subplots(figsize=(6, 5.5), constrained_layout=True)
cnnlab.plot_confusion_matrix(cm, test_iter.dataset.classes, ax=ax)
ax.set_title("alexnet_small 在 Fashion-MNIST 测试集上")
plt.show()

# %% [markdown]
# 衬衫、套头衫、外套和 T 恤是常见的混淆对象：在 28×28 的灰度图里，它们只在领口、袖子等细节上有区别。裤子、包和运动鞋则很容易。
#
# ### 第一层看到了什么
#
# 第一层的 32 个卷积核，每个都是作用在灰度图上的 5×5 权重网格。把它们画成图像（红色为正，蓝色为负），就能看出每个卷积核对什么样的图案有响应：

# %%
kernels = small.features[0].weight.detach().cpu()[:, 0]          # (32, 5, 5)
print("第一层卷积核：", tuple(kernels.shape))

# %% tags=["nbval-ignore-output"]
limit = kernels.abs().max()
fig, axes = plt.subplots(4, 8, figsize=(8, 4.4), constrained_layout=True)
for index, ax in enumerate(axes.flat):
    ax.imshow(kernels[index], cmap="bwr", vmin=-limit, vmax=limit)
    ax.set_title(str(index), fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("alexnet_small：第一层的 32 个卷积核（5×5）", fontsize=12)
plt.show()

# %% [markdown]
# 这些是上面那次训练得到的卷积核：训练 4 轮之后（完整模式也是如此），大多数看上去仍像噪声，只有一部分呈现出明暗分界，这是边缘检测器的雏形。`cnnlab.train_recipe('alexnet')` 按配方的全部轮数训练同一个网络（轮数和能达到的准确率见上面打印的配方）；清晰的有方向的边缘和斑点，是 Krizhevsky 等人在真正的 AlexNet 经过完整的 ImageNet 训练后，从它 11×11 的彩色卷积核中看到的（论文图 3）。第 10 课再看更深的层。
#
# ## 常见错误
#
# - **不加填充就把 224×224 送进论文的第一层。** $(224-11)/4+1 = 54.25$；请用 227，或者像 torchvision 那样填充 2。
# - **把论文的 α 原样填进 `nn.LocalResponseNorm`。** PyTorch 会把 α 除以窗口大小 $n$；当 $n = 5$ 时，论文的层是 `alpha=5e-4`。
# - **忘记 `model.eval()`。** dropout 会继续丢弃，预测带上噪声；cnnlab 的 `evaluate` 和 `confusion_matrix` 会替你切换到评估模式，自己写的循环必须自己切换。
# - **到卷积层里找参数。** 参数在全连接层；运算在卷积层。
# - **把 torchvision 的模型称为“论文里的 AlexNet”。** 它是 2014 年的单 GPU 变体：宽度不同，不分组，没有 LRN，dropout 放在 FC6 和 FC7 之前而不是之后。
#
# ## 参考资料
#
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional Neural Networks*, NeurIPS 2012：第 3.1 节与图 1（ReLU，在 CIFAR-10 上达到 25% 训练误差快六倍），第 3.2 节（两块 GPU），第 3.3 节（LRN，$k=2$、$n=5$、$\alpha=10^{-4}$、$\beta=0.75$；top-1 / top-5 错误率降低 1.4 / 1.2 个百分点；“aids generalization”），第 3.4 节（重叠池化：top-1 / top-5 错误率降低 0.4 / 0.3 个百分点），第 4.1 节（数据增强：裁剪与镜像使训练集扩大到 2048 倍，测试时用十个裁剪块；PCA 颜色扰动使 top-1 错误率降低 1 个百分点以上），第 4.2 节（dropout 作用于前两个全连接层的输出，测试时输出乘以 0.5），图 2（结构图，“224×224”）与图 3（第一层卷积核）。
# - A. Krizhevsky, *One weird trick for parallelizing convolutional neural networks*, arXiv:1404.5997, 2014（其中的单塔网络：64-192-384-384-256 个卷积核）。
# - A. Krizhevsky, cuda-convnet2, `layers/layers-imagenet-1gpu.cfg`（第四个卷积层有 256 个卷积核的单 GPU 配置，torchvision 的 `alexnet` 沿用了它；见 pytorch/vision 的 pull request 704）。
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014：第 4.1 节与图 3（步幅 2 的 7×7 第一层，步幅 4 造成的混叠）。
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image Recognition*, ICLR 2015：第 4.1 节与表 3（A 与 A-LRN 的对比）。
# - N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov, *Dropout: A Simple Way to Prevent Neural Networks from Overfitting*, JMLR 15, 2014。
# - Y. Jia 等，*Caffe: Convolutional Architecture for Fast Feature Embedding*, 2014，及其参考模型 `bvlc_alexnet`（fc6 → relu6 → drop6 → fc7 → relu7 → drop7 → fc8）。
# - 阿斯顿·张、李沐、扎卡里·C. 立顿、亚历山大·J. 斯莫拉，《动手学深度学习》，7.1 节“深度卷积神经网络（AlexNet）”。 <!-- parity-ignore: 7.1 -->
# - PyTorch 文档中的 `nn.LocalResponseNorm` 与 `nn.Dropout`（α/n 约定、1/(1 − p) 缩放）；torchvision 的 `models/alexnet.py`。
