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
lesson = cnnlab.start_lesson("06_pooling", lang="zh")

# %% [markdown]
# # 第 06 课 · 池化层
#
# **池化**层像卷积一样在每张特征图上滑动一个窗口，但它不做加权求和，而是对窗口取一个固定的概括：最大值（**最大池化**）或平均值（**平均池化**）。它让特征图变小，没有任何要学习的东西，还让输出对图案的确切位置稍微不那么敏感。本课用循环实现这两种池化，数一数它们的参数，把它们与步幅为 2 的卷积相比较，在真实图像上测量“稍微不那么敏感”到底有多少，并逐条核对关于池化的几种常见说法。《动手学深度学习》把 pooling 译作“汇聚”（汇聚层），本课程沿用“池化”的译法。
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

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import avg_pool2d, max_pool2d
from cnnlab.ops import pool as pool_ops
from cnnlab.models.lenet5 import lenet5

# %% [markdown]
# ## 1 · 从零实现最大池化与平均池化
#
# 窗口为 $k\times k$、步幅为 $s$ 时，输出位置 $(i, j)$ 概括的是从第 $i\cdot s$ 行、第 $j\cdot s$ 列开始的那个窗口：
#
# $$Y^\text{max}_{i,j} = \max_{0\le a,b<k} X_{i s + a,\; j s + b}, \qquad
#   Y^\text{avg}_{i,j} = \frac{1}{k^2}\sum_{0\le a,b<k} X_{i s + a,\; j s + b}.$$
#
# 最常见的取法是 $k = s = 2$：互不重叠的 2×2 窗口。下面用两层循环实现这种情形，例子是 CS231n 讲义中的 4×4 输入：

# %%
def pool2d(X, k, mode="max"):
    """用 k×k 窗口、步幅 k 对二维数组做池化（窗口互不重叠）。"""
    h_out, w_out = X.shape[0] // k, X.shape[1] // k
    Y = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = X[i * k:(i + 1) * k, j * k:(j + 1) * k]
            Y[i, j] = window.max() if mode == "max" else window.mean()
    return Y


X = np.array([[1.0, 1, 2, 4],
              [5, 6, 7, 8],
              [3, 2, 1, 0],
              [1, 2, 3, 4]])
print("最大池化：\n", pool2d(X, 2, "max"))
print("平均池化：\n", pool2d(X, 2, "mean"))

# %% [markdown]
# PyTorch 的函数和层给出同样的数，`cnnlab.ops` 中的 NumPy 参考实现也一样（张量的形状是 $(N, C, H, W)$，所以要给 4×4 数组加上两个前导维）：

# %%
X_t = torch.tensor(X)[None, None]                    # (1, 1, 4, 4)
candidates = {
    "F.max_pool2d":        F.max_pool2d(X_t, 2),
    "nn.MaxPool2d(2)":     nn.MaxPool2d(2)(X_t),
    "cnnlab.ops.max_pool2d": torch.tensor(max_pool2d(X[None, None], 2)),
}
for name, Y in candidates.items():
    print(f"{name:>22}：{Y[0, 0].tolist()}  与循环结果相同：{np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'max'))}")
for name, Y in {"F.avg_pool2d": F.avg_pool2d(X_t, 2), "nn.AvgPool2d(2)": nn.AvgPool2d(2)(X_t),
                "cnnlab.ops.avg_pool2d": torch.tensor(avg_pool2d(X[None, None], 2))}.items():
    print(f"{name:>22}：{Y[0, 0].tolist()}  与循环结果相同：{np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'mean'))}")

# %% [markdown]
# 库里的版本不用循环：NumPy 的 `sliding_window_view` 把每个窗口都作为输入的一个视图给出，每隔 $s$ 个取一个窗口，再对最后两个轴做一次 `.max` 就完成了。读一读（课程库的文档字符串是英文的）：

# %%
cnnlab.show_source(pool_ops.pooling_windows)
cnnlab.show_source(max_pool2d)

# %% [markdown]
# ## 2 · 高和宽缩小，深度不变
#
# 池化在每个通道上分别进行：输出的第 $c$ 个通道只取决于输入的第 $c$ 个通道。所以 2×2、步幅 2 的池化把 $s\times s\times d$ 变成 $\frac{s}{2}\times\frac{s}{2}\times d$：特征图的张数不变。在真实张量上看：一张 Fashion-MNIST 图像经过有 16 个卷积核的卷积层，得到 16 × 28 × 28；池化后得到 16 × 14 × 14。

# %%
test_set = cnnlab.fashion_mnist("test")
image, label = test_set[0]                                  # (1, 28, 28)，类别编号
torch.manual_seed(0)
conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)           # 16 个卷积核，“same”填充
with torch.no_grad():
    features = torch.relu(conv(image[None]))                # (1, 16, 28, 28)
pooled_max = F.max_pool2d(features, 2)                      # (1, 16, 14, 14)
pooled_avg = F.avg_pool2d(features, 2)
print("图像：        ", tuple(image.shape), "类别：", test_set.classes[label])
print("特征图：      ", tuple(features.shape[1:]))
print("2×2 池化之后：", tuple(pooled_max.shape[1:]))
per_channel = torch.stack([F.max_pool2d(features[:, c:c + 1], 2)[0, 0] for c in range(16)])
print("逐个通道单独池化，结果相同：", torch.equal(per_channel, pooled_max[0]))

# %%
channel = int(features[0].flatten(1).std(dim=1).argmax())   # 16 张特征图中变化最大的一张
fig, axes = plt.subplots(1, 4, figsize=(12, 3.4), constrained_layout=True)
panels = [(image[0], f"输入（{test_set.classes[label]}），28×28"),
          (features[0, channel], f"特征图 {channel}，28×28"),
          (pooled_max[0, channel], "最大池化后，14×14"),
          (pooled_avg[0, channel], "平均池化后，14×14")]
for ax, (picture, title) in zip(axes, panels):
    ax.imshow(picture, cmap="gray")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("步幅为 2 的 2×2 池化：分辨率减半，图像内容仍在", fontsize=12)
plt.show()

# %% [markdown]
# ### 奇数尺寸：向下取整还是向上取整
#
# “减半”只对偶数尺寸精确成立。在 7×7 上，步幅 2 的 2×2 窗口能放下三个；PyTorch 默认舍弃最后一行和一列（向下取整），而 `ceil_mode=True` 会多保留一个伸出边界的窗口，只在边界内的值上池化。`cnnlab.pool_output_size` 给出推导，PyTorch 的结果与之一致：

# %%
print(cnnlab.pool_output_size(7, 2, explain=True))
print(cnnlab.pool_output_size(7, 2, ceil_mode=True, explain=True))
X7 = torch.arange(49.0).reshape(1, 1, 7, 7)
print("nn.MaxPool2d(2)：                ", tuple(nn.MaxPool2d(2)(X7).shape[2:]))
print("nn.MaxPool2d(2, ceil_mode=True)：", tuple(nn.MaxPool2d(2, ceil_mode=True)(X7).shape[2:]))
print("ceil 模式输出的最后一列：", nn.MaxPool2d(2, ceil_mode=True)(X7)[0, 0, :, -1].tolist())

# %% [markdown]
# 最后一列 13、27、41、48 来自只包含输入第 6 列的窗口（$\{6, 13\}$、$\{20, 27\}$ …… 的最大值）。默认设置下，第 6 行和第 6 列根本不会被看到。
#
# ### 小测验 · 输出尺寸（每题 1 分）

# %% tags=["exercise:pool_ceil"]
def pool_ceil_check(n, s):
    k = 3
    up = -(-(n - k) // s) + 1
    down = (n - k) // s + 1
    if (n, s) == (112, 2):
        layer = "GoogLeNet 的第一个池化层"
    else:
        layer = "某个网络的一个池化层"
    return dict(
        answer=up,
        prompt=f"{layer}是作用在 {n}×{n} 特征图上的 nn.MaxPool2d({k}, stride={s}, ceil_mode=True)。"
               "输出的高是多少？",
        hint=f"out = ⌈(n − k + 2·p) / s⌉ + 1，其中 n = {n}、k = {k}、p = 0、s = {s}。最后一个窗口的起点仍在输入内，"
             "所以保留。",
        explanation=f"⌈({n} − {k}) / {s}⌉ + 1 = ⌈{(n - k) / s:.4g}⌉ + 1 = {up - 1} + 1 = {up}；不用 ceil_mode "
                    f"则是 {down - 1} + 1 = {down}。"
                    f"核对：cnnlab.pool_output_size({n}, {k}, s={s}, ceil_mode=True)。",
        mistakes=[("rounded_down", down,
                   "你把 (n − k)/s 向下取整了，那是 PyTorch 的默认做法。ceil_mode=True 要向上取整。"),
                  ("ignored_stride", n - k + 1,
                   f"你按步幅 1 计算了。步幅为 {s} 时，要先把 n − k 除以 {s}，再加 1。")])


numeric("pool_ceil", digits=0, unit="像素",
        variants=vary(pool_ceil_check, n=[112, 100, 64, 58], s=[2, 3]))

# %% tags=["exercise:pooled_shape"]
def pooled_shape_check(channels, n):
    side = (n - 2) // 2 + 1
    return dict(
        answer=(channels, side, side),
        prompt=f"对一个形状为 ({channels}, {n}, {n}) 的张量施加 nn.MaxPool2d(2)，"
               "输出形状 (C, H, W) 是什么？",
        hint=f"步幅默认等于窗口大小；池化不改变通道数；{n} 是奇数，而 ceil_mode 没有打开。",
        explanation=f"高和宽都是 ⌊({n} − 2) / 2⌋ + 1 = {side - 1} + 1 = {side}，{channels} 个通道不变："
                    f"({channels}, {side}, {side})。第 {n - 1} 行和第 {n - 1} 列被舍弃。",
        mistakes=[("rounded_up", (channels, side + 1, side + 1),
                   f"你把 ({n} − 2)/2 向上取整了。ceil_mode 没有打开，PyTorch 向下取整，"
                   "舍弃最后一行和最后一列。"),
                  ("channels_last", (side, side, channels),
                   "题目要的是 (C, H, W)：PyTorch 把通道放在最前面。"),
                  ("forgot_plus_one", (channels, side - 1, side - 1),
                   "你漏掉了 + 1：⌊(n − k)/s⌋ 数的是窗口之间的步数，第一个窗口在迈出第一步之前就已经有了。")])


shape("pooled_shape", variants=vary(pooled_shape_check, channels=[64, 32, 96], n=[15, 13, 27, 21]))

# %% [markdown]
# ## 3 · 没有要学习的参数
#
# 常见的一种说法是：*“最大池化层不学习，没有要更新的权重或参数，只做下采样。”*（英文原句见文末的参考资料。）数一数：

# %%
for layer in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.Conv2d(16, 16, kernel_size=3, padding=1)]:
    print(f"{str(layer):>70}：{sum(p.numel() for p in layer.parameters()):,} 个参数")

# %% [markdown]
# 没有参数不等于没有梯度。反向传播会穿过最大池化层：每个窗口把梯度传给取得最大值的那个输入，其余输入什么也得不到（平均池化则平均分给窗口内所有输入）。在 4×4 的例子上：

# %%
X_grad = torch.tensor(X, requires_grad=True)
F.max_pool2d(X_grad[None, None], 2).sum().backward()
print("经最大池化传回输入的梯度：\n", X_grad.grad)

# %% [markdown]
# ## 4 · 池化还是步幅为 2 的卷积？
#
# 步幅为 2 的卷积同样能把尺寸减半，但它有权重。比较从 16 × 28 × 28 到 16 × 14 × 14 的三种做法：

# %%
downsamplers = {
    "最大池化 2×2，步幅 2":     nn.MaxPool2d(2),
    "卷积 2×2，步幅 2":         nn.Conv2d(16, 16, kernel_size=2, stride=2),
    "卷积 3×3，步幅 2，填充 1": nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
}
for name, layer in downsamplers.items():
    with torch.no_grad():
        out = layer(features)
    print(f"{name:>16}：输出 {tuple(out.shape[1:])}，{sum(p.numel() for p in layer.parameters()):,} 个参数")

# %% [markdown]
# 它们各自能学到什么？带步幅的卷积是线性的，它能**精确地**学会平均池化：让输出通道 $o$ 在输入通道 $o$ 的四个像素上权重都取 $\frac14$，其他处为零即可。它却学不会最大池化，因为取最大值不是线性运算：一般而言 $\max(a + b) \ne \max(a) + \max(b)$。

# %%
as_average = nn.Conv2d(16, 16, kernel_size=2, stride=2, bias=False)
with torch.no_grad():
    as_average.weight.zero_()
    for o in range(16):
        as_average.weight[o, o] = 0.25                      # (2, 2) 切片：每个位置 1/4
    print("带步幅的卷积 == 平均池化：", torch.allclose(as_average(features), F.avg_pool2d(features, 2), atol=1e-6))
a = torch.tensor([[[[1.0, 0.0], [0.0, 0.0]]]])
b = torch.tensor([[[[0.0, 0.0], [0.0, 1.0]]]])
print("max(a + b) =", F.max_pool2d(a + b, 2).item(), "  max(a) + max(b) =", (F.max_pool2d(a, 2) + F.max_pool2d(b, 2)).item())

# %% [markdown]
# 所以两者是不同的工具。池化不花代价、也不可调；带步幅的卷积要付出参数和乘法，但能学会**如何**下采样。Springenberg 等（2015，“Striving for simplicity: the all convolutional net”）把网络中的每个最大池化层都换成步幅为 2 的卷积，在 CIFAR-10 上并没有损失准确率；ResNet（第 12 课）在网络内部也用带步幅的卷积下采样，只在开头和末尾保留池化。
#
# ## 5 · 池化后的特征图对小平移不变吗？
#
# 常有人说池化能降低卷积层对位置的敏感性（《动手学深度学习》6.5 节把这列为池化的两个目的之一）。我们来量一量。取 500 张 Fashion-MNIST 测试图像，用两个固定的边缘检测卷积核（Sobel 卷积核，后接 ReLU）计算特征图。Sobel 卷积核是一对 3×3 的差分卷积核：一个用中心右侧的一列减去左侧的一列（中间一行的权重加倍），在竖直的边缘上响应最强；它的转置用下面一行减去上面一行，在水平的边缘上响应最强。然后把每张图像向右平移 $d$ 个像素，看特征图变化了多少： <!-- parity-ignore: 6.5 -->
#
# $$\text{相对变化} = \frac{\lVert f(\text{平移}_d\,x) - f(x)\rVert}{\lVert f(x)\rVert},$$
#
# 分别对特征图本身和 2×2 最大池化之后的结果计算（作为对照，也算 4×4 的）。

# %%
images = test_set.images[:500].float() / 255                     # (500, 1, 28, 28)
sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
edge_kernels = torch.stack([sobel, sobel.T])[:, None]             # (2, 1, 3, 3)：竖直边缘与水平边缘


def edge_features(x):
    return torch.relu(F.conv2d(x, edge_kernels, padding=1))     # (N, 2, 28, 28)


def shift_right(x, d):
    """把像素向右移动 d 列，左侧补 0。"""
    return F.pad(x, (d, 0))[..., :x.shape[-1]]


def relative_change(new, old):
    return ((new - old).norm() / old.norm()).item()


def fraction_unchanged(new, old):
    active = (new != 0) | (old != 0)                              # 忽略两者都为 0 的位置
    return ((new - old).abs()[active] < 1e-6).float().mean().item()


reference = edge_features(images)
shifts = [0, 1, 2, 3, 4]
views = {"特征图": lambda f: f,
         "2×2 最大池化": lambda f: F.max_pool2d(f, 2),
         "4×4 最大池化": lambda f: F.max_pool2d(f, 4)}
changes = {name: [] for name in views}
for d in shifts:
    moved = edge_features(shift_right(images, d))
    for name, view in views.items():
        changes[name].append(relative_change(view(moved), view(reference)))
for name, values in changes.items():
    print(f"{name:>10}：平移 {shifts} 个像素时的相对变化：", [round(v, 3) for v in values])

# %% [markdown]
# 平移一个像素，特征图的变化约为其自身大小的 80%，2×2 池化后的变化约为 60%，4×4 池化后更小。为什么只是部分不变？窗口中的最大值若在窗口**内部**移动，平移一个像素后它仍在；若越过边界进入相邻窗口，就变了。数一数完全没变的值：

# %%
moved_1 = edge_features(shift_right(images, 1))
moved_2 = edge_features(shift_right(images, 2))
print("平移 1 个像素后不变的比例，特征图：       ", round(fraction_unchanged(moved_1, reference), 3))
print("平移 1 个像素后不变的比例，2×2 最大池化：", round(fraction_unchanged(F.max_pool2d(moved_1, 2), F.max_pool2d(reference, 2)), 3))
print("平移 2 个像素后不变的比例，2×2 最大池化：", round(fraction_unchanged(F.max_pool2d(moved_2, 2), F.max_pool2d(reference, 2)), 3))
pooled_then_moved = shift_right(F.max_pool2d(reference, 2), 1)     # 池化后的特征图右移一格
print("平移 2 个像素 vs. 池化结果右移一格，不变的比例：",
      round(fraction_unchanged(F.max_pool2d(moved_2, 2), pooled_then_moved), 3))

# %% [markdown]
# 平移一个像素后，大约四分之一的池化值保持不变；平移两个像素后几乎全都变了。但它们几乎全都在右边一格重新出现：平移一个步幅，池化后的特征图就整体移动一格。池化只对**小于窗口**的平移提供不变性，而且只对部分位置成立；平移更大时，它提供的与卷积一样，是更粗网格上的等变性。真实网络还存在混叠：Zhang（2019）《Making convolutional networks shift-invariant again》指出，常见的 CNN 在输入平移一个像素后预测就可能改变，并提出在下采样前先做模糊——值得延伸阅读。

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
for (name, values), marker in zip(changes.items(), ["o", "s", "^"]):
    ax.plot(shifts, values, marker=marker, label=name)
ax.set_xlabel("输入的平移量（像素）", fontsize=11)
ax.set_ylabel("相对变化 ‖f(平移后) − f‖ / ‖f‖", fontsize=11)
ax.set_title("500 张 Fashion-MNIST 图像的边缘特征：池化削弱了小平移的影响", fontsize=11)
ax.set_xticks(shifts)
ax.legend(fontsize=10)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 6 · 逐条核对关于池化的常见说法
#
# - **“池化层压缩特征图”**，减少计算量、保留主要特征，而且没有要更新的权重。**正确**——见第 2、3 节。
# - **“池化会缩小每张特征图，但不减少特征图的张数”**，$s\times s\times d \to \frac s2\times\frac s2\times d$。对步幅 2 的 2×2 窗口、偶数 $s$ **正确**；$s$ 为奇数时尺寸是 $\lfloor s/2\rfloor$（打开 `ceil_mode` 时为 $\lceil s/2\rceil$）。
# - **“池化降低卷积层对位置的敏感性。”** **部分正确**——只在窗口范围内、只对部分位置成立（第 5 节）。它还扩大了后续各层的感受野（第 04 课）。
# - **一个类比**：池化就像神经细胞，只有信号超过阈值才会传给下一个神经元。请把它当作一个**宽松的比喻**：阈值更像 ReLU 做的事；最大池化是在邻域内挑出最强的响应。（神经科学里有更贴切、但仍有争议的类比：Riesenhuber 与 Poggio（1999）用 MAX 运算来模拟视觉皮层中的复杂细胞。）
# - **“最大池化简单直接，而且是最好用的方法。”** **说得太绝对。** 两种池化都在用：AlexNet 和 VGG 内部用最大池化，LeNet 用类似平均的下采样，NiN、GoogLeNet、ResNet 的末尾用全局平均池化（第 11 课），全卷积网络则完全不用池化。哪一种更好取决于特征和数据（Boureau、Ponce 与 LeCun，2010）。
#
# ## 7 · 预告：LeNet 的可训练下采样
#
# LeNet-5（LeCun 等，1998）的池化层并不是没有参数的。S2 层把每个 2×2 窗口的四个值相加，乘以一个**可训练系数**，加上一个**可训练偏置**，再通过压缩函数——每张特征图一个系数、一个偏置：S2 有 $2\times 6$ 个可训练参数，S4 有 $2 \times 16$ 个（LeCun 等，1998，§II.B）。`cnnlab.models.lenet5` 中忠于原文的 LeNet-5 给出同样的结果：

# %%
net = lenet5()
print(net.s2, "→", sum(p.numel() for p in net.s2.parameters()), "个参数")
print(net.s4, "→", sum(p.numel() for p in net.s4.parameters()), "个参数")
maps = torch.randn(1, 6, 28, 28)                          # C1 交给 S2 的特征图
with torch.no_grad():
    rebuilt = 4 * nn.AvgPool2d(2)(maps) * net.s2.weight.view(1, 6, 1, 1) + net.s2.bias.view(1, 6, 1, 1)
    print("S2 输出形状：", tuple(net.s2(maps).shape), "  等于 系数 · 4·AvgPool2d + 偏置：",
          torch.allclose(net.s2(maps), rebuilt, atol=1e-6))

# %% [markdown]
# 常见的描述用窗口的**均值**来介绍 S2，而论文在 S2 和 S4 中用的都是**和**。两者只差一个因子 4，可训练系数会把它吸收掉，所以描述的是同一种层。这些描述还常写“sigmoid”，而论文用的是缩放过的 tanh：$1.7159\tanh(2a/3)$（论文附录 A）；第 08 课会搭出整个网络。
#
# ### 小测验 · 判断对错（1 分）

# %% tags=["exercise:pooling_true"]
choice("pooling_true", answer=2,
       options=["64 个通道上的 2×2 最大池化层有 64 · 4 个可学习的权重。",
                "最大池化让网络的输出在输入任意平移时都保持不变。",
                "步幅为 2 的 2×2 最大池化保持通道数不变，把高和宽减半；尺寸为奇数时默认向下取整。",
                "只要权重选得好，步幅为 2 的 2×2 卷积能精确算出 2×2 最大池化的结果。"],
       prompt="关于池化，下面哪一句是对的？",
       hint="回顾第 2–5 节：数一数参数，量一量平移，再想想取最大值是不是线性运算。",
       explanation="池化逐通道进行，没有参数；默认情况下输出尺寸向下取整。它的不变性只覆盖小于窗口的平移，"
                   "而且只是部分成立。卷积是线性的，所以能重现平均池化，却不能重现最大池化。",
       reveal_after=2,
       mistakes=[("pool_has_weights", 0,
                  "数一数（第 3 节）：nn.MaxPool2d 根本没有参数，它只在每个窗口里取最大值。"),
                 ("full_shift_invariance", 1,
                  "第 5 节量过：池化后的输出只在部分小于窗口的平移下保持不变，并非任意平移。"),
                 ("conv_computes_max", 3,
                  "卷积是线性的，取最大值不是：权重可以重现平均池化，却永远重现不了最大池化。")])

# %% [markdown]
# ### 练习 · 任意窗口与步幅的最大池化（3 分）
#
# 补全 `max_pool2d_single(X, k, s)`：`X` 是二维张量（单个通道），窗口为 `k`×`k`，步幅为 `s`（`s < k` 时窗口会重叠），不填充，尺寸像 PyTorch 一样向下取整。返回形状为 $(\lfloor (h-k)/s\rfloor + 1,\ \lfloor (w-k)/s\rfloor + 1)$ 的二维张量。用循环即可。

# %% tags=["exercise:max_pool2d_single"]
def max_pool2d_single(X, k, s):
    """对二维张量 X 做最大池化：k×k 窗口、步幅 s（不填充，向下取整）。"""
    ### BEGIN SOLUTION
    h_out, w_out = (X.shape[0] - k) // s + 1, (X.shape[1] - k) // s + 1
    Y = torch.zeros(h_out, w_out, dtype=X.dtype)
    for i in range(h_out):
        for j in range(w_out):
            Y[i, j] = X[i * s:i * s + k, j * s:j * s + k].max()
    return Y
    ### END SOLUTION


# %% tags=["exercise:max_pool2d_single"]
_ = check_function("max_pool2d_single", max_pool2d_single, [
    ((torch.tensor(X), 2, 2), [[6.0, 8.0], [3.0, 4.0]]),
    ((torch.arange(25.0).reshape(5, 5), 3, 2), [[12.0, 14.0], [22.0, 24.0]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

torch.manual_seed(6)
for _shape, _k, _s in [((6, 6), 2, 2), ((7, 5), 3, 2), ((9, 9), 3, 3), ((5, 8), 2, 1), ((4, 4), 4, 1), ((10, 7), 3, 4)]:
    _X = torch.randn(*_shape)
    _want = F.max_pool2d(_X[None, None], _k, _s)[0, 0]
    _got = torch.as_tensor(max_pool2d_single(_X, _k, _s))
    expect_value(_got, _want, case=(_shape, _k, _s), rtol=1e-5, atol=1e-8)
### END HIDDEN TESTS

# %% [markdown]
# ## 常见错误
#
# - **跨通道池化。** 池化从不混合通道；只有卷积才会。
# - **忘了默认步幅。** `nn.MaxPool2d(3)` 的步幅是 3 而不是 1：步幅默认等于窗口大小。
# - **以为总是精确减半。** 尺寸为奇数时向下取整（最后一行和一列被忽略），除非 `ceil_mode=True`。
# - **“没有参数，所以没有梯度。”** 梯度会穿过池化层：传给最大值的胜出者，或平均分给平均池化窗口内的所有输入。
# - **“池化让网络具有平移不变性。”** 只是部分如此，而且只对小于窗口的平移成立；更大的平移会移动池化后的特征图。
#
# ## 参考资料
#
# - CS231n，*Convolutional Neural Networks for Visual Recognition*，关于池化层的讲义（4×4 最大池化的例子）。
# - 阿斯顿·张、李沐等，《动手学深度学习》6.5 节“汇聚层”（池化能降低卷积层对位置的敏感性）。 <!-- parity-ignore: 6.5 -->
# - J. T. Springenberg, A. Dosovitskiy, T. Brox, M. Riedmiller，*Striving for Simplicity: The All Convolutional Net*，ICLR workshop 2015。
# - R. Zhang，*Making Convolutional Networks Shift-Invariant Again*，ICML 2019。
# - Y.-L. Boureau, J. Ponce, Y. LeCun，*A Theoretical Analysis of Feature Pooling in Visual Recognition*，ICML 2010。
# - M. Riesenhuber, T. Poggio，*Hierarchical Models of Object Recognition in Cortex*，Nature Neuroscience 2，1999。
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner，*Gradient-Based Learning Applied to Document Recognition*，Proc. IEEE 86，1998（可训练的下采样层 S2 和 S4）。
# - PyTorch 文档：`torch.nn.MaxPool2d`（`ceil_mode`）、`torch.nn.AvgPool2d`。
# - 第 3 节所引说法的英文原句：*“There is no learning done in max pooling layers, no weights or parameters to update, just down sampling.”*
