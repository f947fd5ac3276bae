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
lesson = cnnlab.start_lesson("01_fc_baseline", lang="zh")

# %% [markdown]
# # 第 01 课 · 从全连接到卷积
#
# 在动手搭卷积神经网络之前，我们先训练一个最简单的、能给图像分类的网络：**多层感知机**（MLP）。它把每幅图像展平成一个长向量，效果出乎意料地不错。接着我们追问它的代价和它忽略了什么：处理大图像时全连接层需要多少权重？这么多权重会不会导致过拟合？展平又丢掉了什么？这些问题的答案，正是卷积赖以成立的两个想法——**局部连接**与**权重共享**。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from cnnlab.data import ImageSet, loader
from cnnlab.exercises import check_function, choice, numeric, shape

# %% [markdown]
# ## 1 · Fashion-MNIST，以及“展平”是什么意思
#
# Fashion-MNIST（Xiao、Rasul 与 Vollgraf，2017）由十类服饰的 28×28 灰度图像组成：60,000 张用于训练，10,000 张用于测试。它的设计初衷是作为 MNIST 手写数字的替代品：格式完全相同，但更难。

# %% tags=["nbval-ignore-output"]
train_set = cnnlab.fashion_mnist("train")
test_set = cnnlab.fashion_mnist("test")

# %%
print("训练图像：", tuple(train_set.images.shape), train_set.images.dtype)   # (N, C, H, W)
print("测试图像：", tuple(test_set.images.shape))
print("类别：", train_set.classes)

# %% [markdown]
# 每个类别各取一张测试图像：

# %%
first_of_class = [int((test_set.labels == c).nonzero()[0]) for c in range(10)]
fig, axes = plt.subplots(2, 5, figsize=(9, 4.2), constrained_layout=True)
for ax, index in zip(axes.flat, first_of_class):
    image, label = test_set[index]                   # image：(1, 28, 28)，取值在 [0, 1]
    ax.imshow(image[0], cmap="gray_r")
    ax.set_title(f"{label}：{test_set.classes[label]}", fontsize=11)
    ax.axis("off")
fig.suptitle("Fashion-MNIST：每类一张测试图像", fontsize=13)
plt.show()

# %% [markdown]
# 全连接层（`nn.Linear`）只接受向量，所以多层感知机首先要把 28×28 的网格**展平**成 784 个数，一行接一行（$28\times 28 \rightarrow 784\times 1$）。像素 $(r, c)$ 落在第 $28r + c$ 个位置。它右边的邻居仍然紧挨着它，而它*下方*的邻居却被挪到了 28 个位置之后：

# %%
image, label = test_set[0]                          # (1, 28, 28)
vector = nn.Flatten()(image[None])                  # (1, 784)：只有一张图像的批量
print("图像：", tuple(image.shape), "→ 向量：", tuple(vector.shape))
r, c = 10, 14
print(f"像素 ({r}, {c})     → 位置 {28 * r + c}")
print(f"像素 ({r}, {c + 1}) → 位置 {28 * r + c + 1}   （右边的邻居）")
print(f"像素 ({r + 1}, {c}) → 位置 {28 * (r + 1) + c}   （下方的邻居）")
print("值相同：", bool(vector[0, 28 * r + c] == image[0, r, c]))

# %% [markdown]
# ### 小测验 · 展平后的形状（1 分）

# %% tags=["exercise:flatten_shape"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("flatten_shape", key="9806d8f6cfbcb0f4290846bc8a09d4be",
      prompt="一批 Fashion-MNIST 图像的形状是 (64, 1, 28, 28)。"
             "<code>nn.Flatten()</code> 把它变成什么形状？",
      hint="nn.Flatten 保留第一个（批量）维度，把其余各维相乘合成一维。",
      explanation="sealed:PSHfPsqIbX+Ebb7i7tVGWBWZQ+k7ijH/T5i0wlLjixCgn1e3BM0/t4enmYeV7WXXhI7cY/kVDapDMZU+KsL6sQrMoCVOCl8en849ZgAI0ZFyw40mETj/fVAapsKgWd9+3CQfwDy0wTVvALZMVBIkDw==")

# %% [markdown]
# ## 2 · 多层感知机基线
#
# **前馈神经网络**（FNN，也叫深度前馈网络或多层感知机）是一个函数 $y = f(x; \theta)$，目标是逼近某个未知函数 $f^*$；训练就是不断调整参数 $\theta$（Goodfellow、Bengio 与 Courville，《深度学习》第 6 章）。“前馈”指信息从输入经过各层流向输出，中间没有回路。常有人接着说“这里面没有反向的传播”，这句话要小心理解：*前向计算*中确实没有反馈连接，但网络正是通过沿这些层*反向传播梯度*来训练的。两者是两回事。
#
# 我们的多层感知机有一个 256 个单元的隐藏层，激活函数为 ReLU：
#
# $$\text{784 个像素} \xrightarrow{\;W_1,\,b_1\;} 256 \xrightarrow{\;\text{ReLU}\;} 256 \xrightarrow{\;W_2,\,b_2\;} 10 \text{ 个类别得分}.$$

# %%
def make_mlp():
    return nn.Sequential(
        nn.Flatten(),                 # (B, 1, 28, 28) → (B, 784)
        nn.Linear(28 * 28, 256),      # (B, 784) → (B, 256)
        nn.ReLU(),
        nn.Linear(256, 10),           # (B, 256) → (B, 10) 类别得分
    )


print(cnnlab.summary(make_mlp(), (1, 1, 28, 28)))

# %% [markdown]
# 从 $n_\text{in}$ 个单元到 $n_\text{out}$ 个单元的全连接层，每一对单元之间有一个权重，每个输出单元还有一个偏置：共 $n_\text{in}\cdot n_\text{out} + n_\text{out}$ 个参数。

# %%
for layer in make_mlp():
    if isinstance(layer, nn.Linear):
        n_in, n_out = layer.in_features, layer.out_features
        print(f"{n_in:3d} → {n_out:3d}：{n_in} · {n_out} + {n_out} = {n_in * n_out + n_out:,}")
print(f"合计：{sum(p.numel() for p in make_mlp().parameters()):,} 个参数")

# %% [markdown]
# ### 小测验 · 一个全连接层（1 分）

# %% tags=["exercise:fc_params"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("fc_params", key="cd1f28ccc0d923d3a8a843c5876160fa", digits=0, unit="个参数",
        prompt="<code>nn.Linear(784, 256)</code> 有多少个参数（权重加偏置）？",
        hint="每一对（输入，输出）单元有一个权重，每个输出单元再加一个偏置。",
        explanation="sealed:3ve8mU8dOb0jt3uhJ8AtOCVhj7VAVrcep9BnMYOn0hQFklGd8XnTlN4AbRBqlQLO6oqNKCp1autianSxcZVm0ha7mCvEFD/LbDExqGovns3tAKE/gkY0tTB0TmoNpiM25FaDymucqynz96j+4DJPXtsUBiQR3zaiV716YiXD0MS5pe3LtlCn2zE=")

# %% [markdown]
# ### 训练
#
# 完整模式用全部 60,000 张图像训练 3 轮；快速模式（测试时运行的模式）只用其中 12,000 张训练 2 轮，并用更小的批量，让模型仍能更新足够多步（下一个单元格会打印当前是哪种模式）。下面的 `train` 先设定随机种子，再新建一个模型，用 Adam 训练。学习率按**单周期（one-cycle）策略**变化（Smith 与 Topin，2019）：训练前段升到 `lr`，之后逐渐降到接近零，这样短时间的训练也能用较大的学习率。`channels_last=True` 只改变图像在内存中的排列方式（在 CPU 上卷积这样更快，算出的数完全相同）。先设种子，本课的每个模型就都从可复现的初始权重出发，并以相同的顺序看到各个批量。

# %% tags=["nbval-ignore-output"]
if cnnlab.quick_mode():
    train_data, test_data = train_set.subset(12_000, seed=0), test_set.subset(2_000, seed=0)
    EPOCHS, BATCH = 2, 32
else:
    train_data, test_data = train_set, test_set
    EPOCHS, BATCH = 3, 128
print(f"{'快速' if cnnlab.quick_mode() else '完整'}模式：{len(train_data):,} 张训练图像、{len(test_data):,} "
      f"张测试图像，训练 {EPOCHS} 轮，每批 {BATCH} 张")


# %%
def train(make_model, train_images, test_images, verbose=False):
    """设定种子，新建模型，用 Adam 和单周期学习率训练 → (模型, History)。"""
    cnnlab.seed(0)
    model = make_model()
    history = cnnlab.fit(model, loader(train_images, batch_size=BATCH), loader(test_images, batch_size=1000),
                         epochs=EPOCHS, lr=3e-3, optimizer="adam", schedule="onecycle",
                         channels_last=True, quick=False, verbose=verbose)
    return model, history


# %% tags=["nbval-ignore-output"]
mlp, mlp_history = train(make_mlp, train_data, test_data, verbose=True)
print(mlp_history.table())

# %%
print("测试准确率高于 0.6（随机猜测为 0.1）：", mlp_history.test_acc[-1] > 0.6)

# %% [markdown]
# ## 3 · 全连接网络的两个问题
#
# 人们通常指出两个问题：（1）输入数据的空间信息丢失了；（2）模型参数过多，因而过拟合。我们先用数字检验第二个问题，第 4 节再回到第一个问题。
#
# ### 3.1 · 参数太多：1000×1000 的图像
#
# 一个经典的例子：一幅 1000×1000 的灰度图像，全连接到一个有 $10^6$ 个单元的隐藏层。然后是局部连接（每个隐藏单元只看一块 10×10 的区域）和权重共享（所有隐藏单元使用*同一组* 10×10 的权重）。这个例子通常只数权重，偏置的个数我们打印在旁边。

# %%
side = 1000
pixels = side * side                    # 输入单元
hidden = 10 ** 6                        # 隐藏单元
patch = 10 * 10                         # 一个 10×10 区域的权重

counts = {
    "全连接": (pixels * hidden, hidden),        # （权重，偏置）
    "局部 10×10 区域": (hidden * patch, hidden),      # 每个隐藏单元一块区域，各有各的权重
    "局部 + 权重共享": (patch, 1),                # 所有隐藏单元共用一个 10×10 卷积核
}
for name, (weights, biases) in counts.items():
    print(f"{name:14s} {weights:>17,} 个权重 = 10^{math.log10(weights):.0f}，偏置：{biases:,}")
print(f"全连接，float32：权重共占 {pixels * hidden * 4 / 1e12:.0f} TB")

# %% [markdown]
# PyTorch 给出同样的结果。`meta` 设备上的张量只有形状、不占内存，所以连这个 4 TB 的层我们也能“建”出来：

# %%
huge_dense = nn.Linear(pixels, hidden, bias=False, device="meta")
shared_conv = nn.Conv2d(1, 1, kernel_size=10, bias=False, device="meta")
print(f"nn.Linear({pixels:,}, {hidden:,}) 的权重：", f"{huge_dense.weight.numel():,}")
print("nn.Conv2d(1, 1, 10) 的权重：", shared_conv.weight.numel())

# %% [markdown]
# 这个例子通常略过一个细节：10×10 的区域在 1000×1000 的图像里每行只能放下 991 个位置，所以只有在每个方向上一共填充 9 个像素时，才恰好有 $10^6$ 个隐藏单元。9 是奇数，没法两侧平分：一侧填充 4 个，另一侧 5 个（PyTorch 的 `padding` 是每侧的填充，两侧相同，所以下面直接把输入加大 9 个像素）。每侧填充的公式在两侧不等时写成 $n - k + p_\text{前} + p_\text{后} + 1$（步幅 1），第 03 课会详细讲：

# %%
print(cnnlab.conv_output_size(side, 10, explain=True))
p_before, p_after = 4, 5          # 9 个填充像素：一侧 4 个，另一侧 5 个
print(f"输出 = n − k + p_前 + p_后 + 1 = {side} − 10 + {p_before} + {p_after} + 1 = {side - 10 + p_before + p_after + 1}")
for size in (side, side + 9):
    image_shape = (1, 1, size, size)
    print(f"输入 {size}×{size} → 特征图", tuple(shared_conv(torch.empty(image_shape, device="meta")).shape))

# %% [markdown]
# 输入神经元的个数随图像边长的*平方*增长，这一点常被提到。如果隐藏层也随图像一起变大，情况更糟：全连接层的权重随边长的**四次方**增长，局部连接随平方增长，共享权重则保持不变：

# %%
print(f"{'边长 n':>7} {'全连接 n⁴':>20} {'局部 10×10：100·n²':>20} {'共享':>7}")
for n in (28, 100, 1000):
    print(f"{n:>7} {n ** 4:>20,} {patch * n ** 2:>20,} {patch:>7}")

# %% [markdown]
# 一个共享的 10×10 卷积核只能找一种图案。真实的卷积层有很多个卷积核（第 05 课），比如 64 个：$64 \cdot 100$ 个权重——依然与图像大小无关。
#
# ### 3.2 · 参数多就一定过拟合吗？
#
# **过拟合**是指模型在训练数据上的表现远好于在新数据上的表现。常有人说全连接网络*因为*参数多而过拟合，这个结论下得太快了：训练准确率与测试准确率之间的差距取决于参数量*相对于数据量*有多大、训练了多久、有没有正则化——参数远多于训练图像的现代网络往往泛化得很好（Zhang 等，2017）。我们的多层感知机的参数个数就多于训练图像的张数：

# %%
n_params = sum(p.numel() for p in make_mlp().parameters())
print(f"{n_params:,} 个参数，{len(train_set):,} 张训练图像：每张图像 {n_params / len(train_set):.1f} 个参数")

# %% [markdown]
# 它在训练集和测试集上的准确率差距：

# %% tags=["nbval-ignore-output"]
print(f"训练准确率 {mlp_history.train_acc[-1]:.3f}，测试准确率 {mlp_history.test_acc[-1]:.3f}")

# %% [markdown]
# （`fit` 的训练准确率是在每一轮训练过程中、权重还在变化时统计的，所以略微偏低。）差距很小。为了看清数据量起什么作用，我们改变训练图像的张数：用*同样*的结构——同样 203,530 个参数——分别在 500、2,000 和 8,000 张图像上训练，轮数（下面的 `SIZE_EPOCHS`）、种子、批量大小和优化器都相同。轮数相同并不意味着更新步数相同：每轮的批量数与图像张数成正比，所以图像越少，参数更新的次数也越少（下面打印了各自的步数）。

# %% tags=["nbval-ignore-output"]
SIZE_EPOCHS = 20
gaps, updates = {}, {}
for n_images in (500, 2000, 8000):
    subset = train_set.subset(n_images, seed=0)
    cnnlab.seed(0)
    model = make_mlp()
    cnnlab.fit(model, loader(subset, batch_size=32), epochs=SIZE_EPOCHS, lr=1e-3, optimizer="adam",
               quick=False, verbose=False)      # 规模很小，快速模式下也完整运行
    train_accuracy = cnnlab.evaluate(model, loader(subset, batch_size=500)).accuracy
    test_accuracy = cnnlab.evaluate(model, loader(test_set, batch_size=1000)).accuracy
    gaps[n_images] = (train_accuracy, test_accuracy)
    updates[n_images] = SIZE_EPOCHS * len(loader(subset, batch_size=32))
print(f"每个训练集都训练 {SIZE_EPOCHS} 轮；参数更新步数：" + "，".join(f"{n:,} 张 → {u:,} 步" for n, u in updates.items()))
print(f"{'图像张数':>4}{'训练':>6}{'测试':>6}{'差距':>6}")
for n_images, (train_accuracy, test_accuracy) in gaps.items():
    print(f"{n_images:>8,}{train_accuracy:8.3f}{test_accuracy:8.3f}{train_accuracy - test_accuracy:8.3f}")

# %%
gap = {n_images: train - test for n_images, (train, test) in gaps.items()}
print("记住了 500 张训练图像（训练准确率 > 0.95）：", gaps[500][0] > 0.95)
print("500 张图像：测试准确率至少低 0.15：", gap[500] > 0.15)
print("数据越多差距越小（从 500 张到 8,000 张缩小超过 0.05）：",
      gap[500] > gap[2000] > gap[8000] and gap[500] - gap[8000] > 0.05)

# %% [markdown]
# 参数量相同，轮数和设置相同，差距却大不一样：过拟合取决于模型容量*相对于数据*的大小。这个对比还是保守的：500 张图像的模型更新步数最少，却已经把训练集几乎全记住了；让它多更新几步，只会记得更牢，差距不会更小。所以在更新步数相同的对比里，数据少的一方差距只会更大。那种常见说法中对的部分是：参数更少、又对图像做了正确假设的模型，需要更少的数据就能泛化——这正是卷积所提供的。
#
# ### 练习 · 数一数多层感知机的参数（3 分）
#
# 补全 `count_dense_params(sizes)`：`sizes` 依次列出各层的单元数，输入层在前，例如我们的多层感知机是 `[784, 256, 10]`。返回相邻两层之间全连接层的权重与偏置总数。

# %% tags=["exercise:count_dense_params"]
def count_dense_params(sizes):
    """所有相邻两层之间 nn.Linear(sizes[i], sizes[i + 1]) 的参数总数，含偏置。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:count_dense_params"]
_ = check_function("count_dense_params", count_dense_params, [
    (([784, 256, 10],), 203530),
    (([3, 1],), 4),
])

# %% [markdown]
# ## 4 · 展平丢掉了什么：像素置乱实验
#
# 展平保留了每一个像素值，丢掉的是*哪些像素彼此相邻*。为了看清多层感知机从来没有用到这一信息，我们把像素打乱：随机抽取 784 个位置的一种排列，并把**同一个**排列用到每一幅图像上，训练集和测试集都一样。

# %%
order = torch.randperm(784, generator=torch.Generator().manual_seed(0))


def permute_pixels(images, order):
    """把每幅图像的 784 个像素按同一方式重新排列：(N, 1, 28, 28) → (N, 1, 28, 28)。"""
    n = images.shape[0]
    return images.reshape(n, 784)[:, order].reshape(n, 1, 28, 28)


def permuted(data):
    """把 ImageSet `data` 中每幅图像的像素按 `order` 重新排列。"""
    return ImageSet(permute_pixels(data.images, order), data.labels, data.class_names,
                    data.name, data.split, data.source)


permuted_train, permuted_test = permuted(train_data), permuted(test_data)
print("排列的前几个位置：", order[:8].tolist())

# %%
fig, axes = plt.subplots(2, 5, figsize=(9, 4.2), constrained_layout=True)
for column, index in enumerate(first_of_class[:5]):
    axes[0, column].imshow(test_set[index][0][0], cmap="gray_r")
    axes[1, column].imshow(permute_pixels(test_set.images[index:index + 1], order)[0, 0], cmap="gray_r")
    axes[0, column].set_title(test_set.classes[int(test_set.labels[index])], fontsize=11)
    for row in range(2):
        axes[row, column].set_xticks([]); axes[row, column].set_yticks([])
axes[0, 0].set_ylabel("原图", fontsize=11)
axes[1, 0].set_ylabel("像素置乱", fontsize=11)
fig.suptitle("对每幅图像施加同一个像素置乱", fontsize=13)
plt.show()

# %% [markdown]
# 在我们眼里，下面一行只是噪声。对多层感知机来说，它却是*同一个问题*：第一层计算 $W x$，把 $x$ 的分量重新排列，只要把 $W$ 的列按同样的方式重新排列就能抵消。任何一个处理原始图像的多层感知机，都能变成一个处理置乱图像、效果完全一样的多层感知机：

# %%
torch.manual_seed(0)
first_layer = nn.Linear(784, 256)
reordered = nn.Linear(784, 256)
with torch.no_grad():
    reordered.weight.copy_(first_layer.weight[:, order])     # 列按像素的方式重新排列
    reordered.bias.copy_(first_layer.bias)
x = test_set.images[:100].float().div(255).reshape(100, 784)                   # (100, 784)
print("输出相同：", torch.allclose(first_layer(x), reordered(x[:, order]), atol=1e-5))

# %% [markdown]
# 卷积网络就没有这条退路：3×3 的卷积核把一个像素和它的邻居放在一起读，而置乱之后，这些“邻居”是从整幅图像各处随机抽来的像素。下面是一个小型 CNN（卷积见第 02 课，池化见第 06 课）：三组 3×3 卷积、ReLU 和 2×2 最大池化，最后接一个全连接层。

# %%
def make_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),    # (B, 16, 14, 14)
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # (B, 32, 7, 7)
        nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # (B, 64, 3, 3)
        nn.Flatten(),                                                               # (B, 576)
        nn.Linear(64 * 3 * 3, 10),
    )


print(f"CNN 参数：{sum(p.numel() for p in make_cnn().parameters()):,}")
print(f"MLP 参数：{sum(p.numel() for p in make_mlp().parameters()):,}")

# %% [markdown]
# 我们在置乱图像上训练多层感知机（它在原始图像上的结果就是第 2 节的基线），再在两种图像上各训练一次 CNN。四次训练的种子、批量顺序和优化器都相同。

# %% tags=["nbval-ignore-output"]
_, mlp_perm_history = train(make_mlp, permuted_train, permuted_test)
_, cnn_history = train(make_cnn, train_data, test_data)
_, cnn_perm_history = train(make_cnn, permuted_train, permuted_test)
results = {
    "MLP": (mlp_history.test_acc[-1], mlp_perm_history.test_acc[-1]),
    "CNN": (cnn_history.test_acc[-1], cnn_perm_history.test_acc[-1]),
}
print(f"{'':5}{'原图':>8}{'置乱':>8}{'变化':>7}")
for name, (original, shuffled) in results.items():
    print(f"{name:5}{original:10.3f}{shuffled:10.3f}{shuffled - original:+9.3f}")

# %%
mlp_change = results["MLP"][1] - results["MLP"][0]
cnn_change = results["CNN"][1] - results["CNN"][0]
print("原图：CNN 领先于 MLP：", results["CNN"][0] > results["MLP"][0])
print("置乱像素：MLP 的准确率不变（|变化| < 0.01）：", abs(mlp_change) < 0.01)
print("置乱像素：CNN 至少损失 0.02：", cnn_change < -0.02)
print("置乱像素：CNN 落到 MLP 之后：", results["CNN"][1] < results["MLP"][1])

# %% [markdown]
# 多层感知机察觉不到置乱；它那一点点变化只来自随机初始权重与像素的对应顺序不同。CNN 在原图上领先，置乱后却掉了好几个百分点（上面的检查只要求至少 0.02，给不同的运行留出余量），落到多层感知机之后，因为它的结构*假定*相邻像素是一起的——这一假设对照片成立，对置乱的像素不成立。它也没有退到随机猜测的水平：最后的全连接层和大量 3×3 窗口仍能捕捉到一些有用的像素统计，只是不如真正的邻居有用。
#
# 这类内置的假设称为**归纳偏置**。CNN 的归纳偏置就是下一节的两条。这个实验让第 3 节开头的第一个问题变得直观：多层感知机并不是*看不到*空间信息——每个像素值都还在——而是除了从数据中一个权重一个权重地学，它没有办法*利用*像素的排列。

# %% tags=["exercise:lost_by_flattening"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("lost_by_flattening", key="56b88a0f66e7144df12175e3a19ed2f6", reveal_after=2,
       options=["像素的取值", "哪些像素彼此相邻",
                "像素的个数", "类别标签"],
       prompt="把 28×28 的图像展平成 784 个数的向量，有些东西保留了，有一样丢掉了。"
              "全连接层用不上的是哪一样？",
       hint="对比原图和置乱后的图像：置乱改变了什么？为什么多层感知机不在乎？",
       explanation="veiled:RWFfM02zsrsEhC9f7IbvJjMLdxu/vc9GBefSbl5XmCET29739hACMNRrY9MU56ac+Mtv4OwpZb+T/lGgXSeUwAzlAD2DCmXyLgnQ/LcgCFuFgnB/24yYW+WmY757A+ZF6HOd6UXpcdrUXjz1bJ3SY2tx7rRtDtCH6H4W/RaXTyuXCIfDL85BIH5vWyw5LVrWGeajNLf9O0eAaUynncetDxUyRvzCvJDph5Vi06YPFFkSa2hWntd3nZ7tBt4MV2niG5DwxVkL7pC1cXG0GvTJBrgjoyyLeVgCGo4XF5Yu0AcLw8hPKxWzQbrMyX6C2+OdFiwzH2Rrtp0/DfqX59s=")

# %% [markdown]
# ## 5 · 局部性与平移等变性
#
# CNN 的归纳偏置是**局部性**（locality）——相邻的元素比相距远的元素联系更紧密，也就是常说的“相关性近大远小”——以及**平移等变性**（translation equivariance），它来自卷积核权重在各个位置上的共享（Goodfellow 等，《深度学习》9.2 节；《动手学深度学习》6.1 节）。两者都可以在单独一层上验证。我们比较一个 3×3 卷积层和一个把 28×28 图像映射为 28×28 输出的全连接层，两者的权重都是随机的。 <!-- parity-ignore: 6.1 -->

# %%
torch.manual_seed(0)
conv = nn.Conv2d(1, 1, kernel_size=3, padding=1, bias=False)    # (B, 1, 28, 28) → (B, 1, 28, 28)
dense = nn.Linear(784, 784, bias=False)                         # (B, 784) → (B, 784)


def dense_map(images):
    """把全连接层看作图像到图像的映射：(B, 1, 28, 28) → (B, 1, 28, 28)。"""
    return dense(images.reshape(-1, 784)).reshape(-1, 1, 28, 28)


# %% [markdown]
# **局部性。** 一个输出值依赖于哪些输入像素？位置 (14, 14) 的输出对输入的梯度，恰好在这些像素处不为零：

# %%
for name, layer in [("卷积", conv), ("全连接", dense_map)]:
    x = torch.zeros(1, 1, 28, 28, requires_grad=True)
    layer(x)[0, 0, 14, 14].backward()
    print(f"{name}：输出 (14, 14) 依赖于 {int((x.grad != 0).sum())} 个输入像素")

# %% [markdown]
# **平移等变性。** 把图像向下平移 3 个像素、向右平移 2 个像素，再送入这一层；或者先送入这一层，再平移它的输出。对卷积来说两者一致：输入移动，特征图随之移动，别的都不变，即 $\text{conv}(\text{shift}(x)) = \text{shift}(\text{conv}(x))$。

# %%
def shift(images, down, right):
    """把图像向下移 `down` 行、向右移 `right` 列（均 ≥ 0）；移进来的像素为 0。"""
    height, width = images.shape[-2:]
    moved = torch.zeros_like(images)
    moved[..., down:, right:] = images[..., :height - down, :width - right]
    return moved


x = test_set[first_of_class[5]][0][None]              # 一只凉鞋，(1, 1, 28, 28)
down, right = 3, 2
with torch.no_grad():
    conv_diff = (conv(shift(x, down, right)) - shift(conv(x), down, right)).abs()[0, 0]       # (28, 28)
    dense_diff = (dense_map(shift(x, down, right)) - shift(dense_map(x), down, right)).abs()[0, 0]
inside = conv_diff[down + 1:-1, right + 1:-1]         # 离边缘超过一个像素的区域
print("卷积，远离边缘处相等：", torch.allclose(inside, torch.zeros_like(inside), atol=1e-6))
rows, cols = (conv_diff > 1e-6).nonzero(as_tuple=True)
print("卷积，不相等的像素：", len(rows), "——全部位于边缘或平移移进来的"
      "零带一个像素以内：",
      bool(((rows <= down) | (rows == 27) | (cols <= right) | (cols == 27)).all()))
print("全连接，不相等的像素：", int((dense_diff > 1e-6).sum()), "/ 784")

# %%
with torch.no_grad():
    rows = [
        [(x[0, 0], "输入 x"), (conv(shift(x, down, right))[0, 0], "conv(shift(x))"),
         (shift(conv(x), down, right)[0, 0], "shift(conv(x))"), (conv_diff, "|差|")],
        [(shift(x, down, right)[0, 0], "平移后的输入"), (dense_map(shift(x, down, right))[0, 0], "dense(shift(x))"),
         (shift(dense_map(x), down, right)[0, 0], "shift(dense(x))"), (dense_diff, "|差|")],
    ]
fig, axes = plt.subplots(2, 4, figsize=(10, 5.6), constrained_layout=True)
for ax_row, row, name in zip(axes, rows, ["卷积", "全连接"]):
    limit = max(float(row[1][0].abs().max()), float(row[2][0].abs().max()))   # 每一层用同一个色标
    ax_row[0].imshow(row[0][0], cmap="gray_r")
    ax_row[1].imshow(row[1][0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_row[2].imshow(row[2][0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_row[3].imshow(row[3][0], cmap="magma", vmin=0, vmax=limit)
    for ax, (_, title) in zip(ax_row, row):
        ax.set_title(title, fontsize=11)
        ax.set_xticks([]); ax.set_yticks([])
    ax_row[1].set_ylabel(name, fontsize=11)
fig.suptitle(f"平移 ({down}, {right})：卷积的特征图跟着移动，"
             "全连接层的输出却不是", fontsize=12)
plt.show()

# %% [markdown]
# 卷积的两张特征图是同一幅图，只在边缘有一圈细框不同（零填充和平移移进来的零造成的）。全连接层的两个输出毫无关系：它得从数据中、针对每一个位置分别*学会*“平移过的凉鞋还是凉鞋”。
#
# **等变不是不变。** “空间不变性”和“平移等变性”常被当成同一个性质来写。其实是两个：
#
# - *等变*：输入平移，输出跟着平移，$f(\text{shift}(x)) = \text{shift}(f(x))$——卷积层（在远离边缘处）就是这样；
# - *不变*：输入平移，输出不变，$f(\text{shift}(x)) = f(x)$——这是分类器想要的（“包就是包，不管它在哪儿”）。
#
# CNN 通过池化以及最后对整张特征图的汇总获得*一定程度*的不变性，第 06 课会测量它有多少。它只是近似的：带步幅的层和池化让 CNN 的输出对一个像素的平移出奇地敏感（Azulay 与 Weiss，2019；Zhang，2019）。
#
# ## 常见错误
#
# - **“展平会丢掉像素。”** 一个也没丢：784 个值全在。丢掉的是排列——哪些像素彼此相邻（第 4 节）。
# - **忘了偏置。** 从 784 个单元到 256 个单元的层有 $784 \cdot 256$ 个权重，*再加* 256 个偏置。
# - **参数多 = 过拟合。** 同一个有 203,530 个参数的多层感知机，训练同样多的轮数，在 500 张图像上严重过拟合，在 8,000 张图像上就轻得多（第 3.2 节）。过拟合也取决于数据。
# - **混淆等变与不变。** 卷积让输出随输入一起移动，而不是让输出保持不动。
# - **指望处处严格等变。** 在边缘处零填充会破坏等变性；步幅和池化会在网格位置之间破坏它。
#
# ## 参考资料
#
# - H. Xiao, K. Rasul, R. Vollgraf, *Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms*, arXiv:1708.07747, 2017.
# - C. Zhang, S. Bengio, M. Hardt, B. Recht, O. Vinyals, *Understanding deep learning requires rethinking generalization*, ICLR 2017（仅凭参数量解释不了过拟合）。
# - A. Azulay, Y. Weiss, *Why do deep convolutional networks generalize so poorly to small image transformations?*, JMLR 2019；R. Zhang, *Making Convolutional Networks Shift-Invariant Again*, ICML 2019.
# - 置乱像素是检验模型是否利用图像结构的常用基准，参见 I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*（《深度学习》），MIT Press 2016，第 9 章（前馈网络见第 6 章，稀疏交互与等变性见 9.2 节）。
# - 阿斯顿·张、李沐等，《动手学深度学习》，6.1 节“从全连接层到卷积”（把局部性和平移不变性作为卷积的原则）。 <!-- parity-ignore: 6.1 -->

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `01_fc_baseline.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("01_fc_baseline")
