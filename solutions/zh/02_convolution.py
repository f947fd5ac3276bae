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
lesson = cnnlab.start_lesson("02_convolution", lang="zh")

# %% [markdown]
# # 第 02 课 · 卷积运算
#
# 卷积层用一小块权重网格——**卷积核**（也叫滤波器，filter）——在输入上滑动；每到一个位置，就把重叠处的数逐一相乘再全部加起来。所有位置的结果排成的网格就是**特征图**。本课先用循环亲手搭出这个运算，再与 PyTorch 的结果核对，接着用代码算出几个经典的小例子和 AlexNet 第一层的各个数字，最后是四道练习。
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
from scipy.signal import convolve2d

from cnnlab.exercises import check_function, numeric, shape, vary
from cnnlab.ops import corr2d

# %% [markdown]
# ## 1 · 深度学习里的“卷积”其实是互相关
#
# 在信号处理中，图像 $X$ 与卷积核 $K$ 的卷积要先把卷积核**翻转**，再滑动：
#
# $$(X * K)_{i,j} = \sum_{a}\sum_{b} X_{i-a,\,j-b}\,K_{a,b},$$
#
# 而**互相关**则不翻转，直接滑动：
#
# $$(X \star K)_{i,j} = \sum_{a}\sum_{b} X_{i+a,\,j+b}\,K_{a,b}.$$
#
# 深度学习框架计算的是后者，却仍然称之为卷积。这并不会带来任何损失：卷积核是*学出来*的，如果真需要翻转后的卷积核，训练自然会学到翻转后的那组数（Goodfellow、Bengio 与 Courville 的《深度学习》9.1 节也指出了这一点）。本课程库用循环实现了互相关，即 `cnnlab.ops.corr2d`，后面各课都以它为基础；它的源代码放在练习 1 之后，请先自己写一遍。

# %% [markdown]
# ### 例题：25、31、43、49
#
# 让 2×2 的卷积核 $\begin{bmatrix}0&1\\2&3\end{bmatrix}$ 在装有 1…9 的 3×3 输入上滑动。输出中的每个数都是卷积核与一个窗口的内积。下面的代码单元格在计算每个和时把算式打印出来，最后给出完整的特征图。

# %%
X = np.arange(1, 10, dtype=float).reshape(3, 3)
K = np.array([[0.0, 1.0], [2.0, 3.0]])
for i in range(2):
    for j in range(2):
        window = X[i:i + 2, j:j + 2]
        terms = " + ".join(f"{k:g}×{x:g}" for k, x in zip(K.ravel(), window.ravel()))
        print(f"Y[{i},{j}] = {terms} = {(window * K).sum():g}")
Y = corr2d(X, K)
print(Y)

# %% [markdown]
# PyTorch 的 `F.conv2d` 给出同样的四个数。*真正的*卷积（例如 SciPy 的 `convolve2d`）给出的却是另一组数——恰好等于把卷积核上下、左右都翻转之后再做互相关的结果：

# %%
X_t = torch.tensor(X).reshape(1, 1, 3, 3)   # （批量，通道，高，宽）
K_t = torch.tensor(K).reshape(1, 1, 2, 2)   # （输出通道，输入通道，核高，核宽）
print("F.conv2d：           ", F.conv2d(X_t, K_t).reshape(2, 2).tolist())
print("scipy convolve2d：   ", convolve2d(X, K, mode="valid").tolist())
print("corr2d，翻转后的 K：", corr2d(X, np.flip(K)).tolist())

# %% [markdown]
# 输出比输入小：$n_h \times n_w$ 的输入配上 $k_h \times k_w$ 的卷积核，只有 $(n_h - k_h + 1) \times (n_w - k_w + 1)$ 个位置可放，这里是 $(3-2+1)\times(3-2+1) = 2\times 2$。第 03 课会在这个公式里加入填充和步幅。
#
# ### 练习 1 · 自己写 `corr2d`（3 分）
#
# 补全 `my_corr2d(X, K)`：输入是二维 NumPy 数组 `X` 和一个更小的二维数组 `K`，返回二者的互相关，结果是形状为 $(n_h-k_h+1, n_w-k_w+1)$ 的新数组。用两层嵌套循环即可。

# %% tags=["exercise:corr2d"]
def my_corr2d(X, K):
    """二维数组 X 与二维卷积核 K 的互相关（无填充，步幅为 1）。"""
    ### BEGIN SOLUTION
    kh, kw = K.shape
    out = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return out
    ### END SOLUTION


# %% tags=["exercise:corr2d"]
_ = check_function("corr2d", my_corr2d, [
    ((X, K), [[25, 31], [43, 49]]),
    ((np.eye(3), np.array([[1.0, -1.0]])), [[1, 0], [-1, 1], [0, -1]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(2)
for _shape, _kshape in [((5, 7), (3, 2)), ((4, 4), (4, 4)), ((6, 3), (1, 1))]:
    _X, _K = _rng.normal(size=_shape), _rng.normal(size=_kshape)
    _want = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K)[None, None])[0, 0].numpy()
    _flipped = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K[::-1, ::-1].copy())[None, None])[0, 0].numpy()
    _got = my_corr2d(_X, _K)
    expect_value(_got, _want, case=(_shape, _kshape), kinds=("array", "tensor"),
                 mistakes={"flipped_kernel": (_flipped, "你把卷积核翻转了：那是数学上的卷积；深度学习按原样滑动卷积核（互相关）")})
### END HIDDEN TESTS

# %% [markdown]
# 做完练习 1 之后，可以对照一下库里的版本（库的文档字符串和注释是英文的）：

# %%
cnnlab.show_source(corr2d)

# %% [markdown]
# ## 2 · 能找出边缘的卷积核
#
# 构造一幅 6×8 的图像：底色为白（1），第 2–5 列是一条黑色（0）竖条；然后让 1×2 的卷积核 $[1, -1]$ 在上面滑动（这是《动手学深度学习》6.2 节的边缘检测例子）。这个卷积核回答的问题是“我右边的邻居比我暗多少？”：白变黑的地方输出 $+1$，黑变白的地方输出 $-1$，其余位置都是 $0$。 <!-- parity-ignore: 6.2 -->

# %%
from cnnlab.data.synthetic import stripe

image = stripe()                                    # (6, 8)：全为 1，第 2-5 列为 0
edge_kernel = torch.tensor([[1.0, -1.0]])           # (1, 2)
edges = F.conv2d(image[None, None], edge_kernel[None, None])[0, 0]   # (6, 7)
print("图像：\n", image.int())
print("边缘：\n", edges.int())

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3), constrained_layout=True)
axes[0].imshow(image, cmap="gray", vmin=0, vmax=1)
axes[0].set_title("输入：6×8，黑色竖条")
shown = axes[1].imshow(edges, cmap="bwr", vmin=-1, vmax=1)
axes[1].set_title("卷积核 [1, −1] 的特征图")
fig.colorbar(shown, ax=axes[1], shrink=0.8)
for ax in axes:
    ax.set_xticks(range(0, 8)); ax.set_yticks(range(0, 6))
plt.show()

# %% [markdown]
# 这个卷积核只能看到**竖直**方向的边缘。把图像转 90 度放倒，同一个卷积核就什么也找不到了，因为此时每一行的值都是常数：

# %%
sideways = image.T                                   # (8, 6)：水平横条
print(F.conv2d(sideways[None, None], edge_kernel[None, None])[0, 0].abs().max().item())

# %% [markdown]
# ### 把卷积核学回来
#
# 假如手里只有图像和边缘图，卷积层能不能自己*发现* $[1, -1]$？我们随机初始化一个 1×2 的卷积核，以它的输出与边缘图之间的平方误差为损失，做若干步梯度下降。

# %%
torch.manual_seed(0)
layer = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
target = edges[None, None]
learning_rate = 0.03
for step in range(1, 31):
    loss = ((layer(image[None, None]) - target) ** 2).sum()
    layer.zero_grad()
    loss.backward()
    with torch.no_grad():
        layer.weight -= learning_rate * layer.weight.grad
    if step % 5 == 0:
        print(f"第 {step:2d} 步：损失 {loss.item():.4f}")
print("学到的卷积核：", [round(w, 3) for w in layer.weight.detach().reshape(-1).tolist()])

# %% [markdown]
# 学到的权重保留三位小数后正是 $[1, -1]$。训练 CNN 做的就是这件事，只是规模大得多：没有人手工设计卷积核，梯度下降会找出最有利于降低损失的那些卷积核。
#
# ## 3 · 输出有多大？参数有多少？
#
# 设每侧填充为 $p$、步幅为 $s$（第 03 课会详细讲这两者），大小为 $k$ 的卷积核作用在大小为 $n$ 的输入上，输出大小为
#
# $$n_\text{out} = \left\lfloor \frac{n - k + 2p}{s} \right\rfloor + 1 .$$
#
# 把它用在 AlexNet（Krizhevsky、Sutskever 与 Hinton，2012）的第一层上：96 个 11×11 的卷积核作用在 RGB 图像上，步幅 4，不填充，得到 55×55 的特征图。论文（3.5 节和图 2）写的输入是 224×224×3。可是代入 224，公式除不尽：$(224 - 11)/4 = 53.25$，PyTorch 会得到 54 而不是 55。输入为 227×227 时，$(n - k)/s + 1$ 才恰好等于 55，所以本课和许多实现一样采用这个尺寸；227 并不出自论文。第 09 课还会回到这个问题。

# %%
print(cnnlab.conv_output_size(224, 11, p=0, s=4, explain=True))
print(cnnlab.conv_output_size(227, 11, p=0, s=4, explain=True))

# %%
conv1 = nn.Conv2d(in_channels=3, out_channels=96, kernel_size=11, stride=4)
feature_maps = conv1(torch.zeros(1, 3, 227, 227))
print("PyTorch 输出形状 (N, C, H, W)：", tuple(feature_maps.shape))

# %% [markdown]
# 许多资料（包括 CS231n 的讲义）把输出写成 `[55, 55, 96]`，即“高 × 宽 × 通道”；PyTorch 存放的是同样的数，只是通道在前：`(96, 55, 55)`。每张特征图上的每个位置都是一个**神经元**；每个卷积核有 $11 \cdot 11 \cdot 3$ 个权重，外加一个偏置：

# %%
print(cnnlab.neuron_count(96, 55, explain=True))
print(cnnlab.conv_params(3, 96, 11, explain=True))
print("PyTorch 统计：", sum(p.numel() for p in conv1.parameters()), "个参数，分布在", feature_maps[0].numel(), "个神经元上")

# %% [markdown]
# 290,400 个神经元共享 34,944 个参数：同一张特征图上的所有神经元用的是同一个卷积核。正是这种参数共享让卷积能够扩展到大尺寸图像（第 01 课算过全连接层需要多少参数）。
#
# ### 小测验 · 第二层（每题 1 分）
#
# 在 conv1 上再叠一层卷积：256 个 5×5 的卷积核，作用在 conv1 输出的 96 张特征图上，每侧填充 2，步幅 1。算出下面两个数，填进去并点 **检查**。
#
# 这两道题有变体：设置学号之后（见第 00 课），下面每道题给出的是你自己的那一层，数字可能和这里不同。
#
# 这一层看起来像 AlexNet 的第二层，但并不是：AlexNet 在 conv1 之后先做一次重叠的最大池化，把特征图缩小，再做第二层卷积；而且它把第二层拆到两块 GPU 上，每个卷积核只读同一块 GPU 上那一半输入通道。这里的层既不池化也不拆分，只是用来练习公式；AlexNet 本身在第 09 课。

# %% tags=["exercise:conv2_shape"]
def conv2_shape_check(kernels, size, padding):
    side = (55 - size + 2 * padding) // 1 + 1
    return dict(
        answer=(kernels, side, side),
        prompt=f"在 conv1 上叠加的第二层（{kernels} 个 {size}×{size} 卷积核，每侧填充 {padding}，步幅 1）："
               "对一张图像，它输出的形状 (C, H, W) 是什么？",
        hint=f"第二层的输入是 conv1 的输出，96×55×55。把 n = 55、k = {size}、p = {padding}、s = 1 代入公式；"
             "每个卷积核产生一个输出通道。",
        explanation=f"(55 − {size} + 2·{padding}) / 1 + 1 = {side}。"
                    f"{kernels} 个卷积核产生 {kernels} 张特征图：({kernels}, {side}, {side})。",
        mistakes=[("channels_last", (side, side, kernels),
                   "这是许多资料书写的“高 × 宽 × 通道”顺序；"
                   "PyTorch 把通道放在最前面：(C, H, W)。"),
                  ("kept_input_channels", (96, side, side),
                   "96 是输入的通道数。"
                   "输出的通道数等于这一层卷积核的个数。"),
                  ("padding_once", (kernels, side - padding, side - padding),
                   f"填充只加了一次。padding={padding} 在每一侧各补 {padding} 个 0，所以公式里是 2p。"),
                  ("no_padding", (kernels, side - 2 * padding, side - 2 * padding),
                   f"你没有算填充：这是 p = 0 时的结果。这一层每侧填充 {padding}，公式里要加上 2p = {2 * padding}。")])


shape("conv2_shape", variants=vary(conv2_shape_check, kernels=[256, 128], size=[5, 3, 7], padding=[2, 1]))

# %% tags=["exercise:conv2_params"]
def conv2_params_check(kernels, size):
    weights = size * size * 96
    total = (weights + 1) * kernels
    conv1 = (11 * 11 * 3 + 1) * 96
    return dict(
        answer=total,
        prompt=f"在 conv1 上叠加的第二层（{kernels} 个 {size}×{size} 卷积核，作用在 96 个输入通道上，"
               "填充使特征图保持 55×55）一共有多少个可学习的参数（权重加偏置）？",
        hint=f"每个卷积核覆盖全部 96 个输入通道：{size} · {size} · 96 个权重，再加 1 个偏置。",
        explanation=f"({size} · {size} · 96 + 1) · {kernels} = {weights + 1:,} · {kernels} = {total:,}，"
                    f"是 conv1 的 {conv1:,} 个参数的 {total / conv1:.1f} 倍：每个卷积核现在覆盖 96 个通道，而不是 3 个。",
        mistakes=[("forgot_bias", weights * kernels,
                   "这只数了权重；每个卷积核还有 1 个偏置。"),
                  ("one_channel", (size * size + 1) * kernels,
                   f"这里的一个卷积核不只是一片 {size}×{size}：96 个输入通道各有一片 {size}×{size}。"),
                  ("counted_neurons", kernels * 55 * 55,
                   "这是这一层输出（神经元）的个数。"
                   "参数是卷积核的权重和偏置，所有位置共用同一组。")])


numeric("conv2_params", digits=0, unit="个参数",
        variants=vary(conv2_params_check, kernels=[256, 128, 384, 192], size=[5, 3]))

# %% [markdown]
# ### 练习 2 · 输出大小公式（2 分）
#
# 补全 `output_size(n, k, p, s)`：输入大小 `n`，卷积核大小 `k`，**每侧**填充 `p`，步幅 `s`；以 `int` 返回输出大小（PyTorch 向下取整）。

# %% tags=["exercise:output_size"]
def output_size(n, k, p, s):
    """输入大小 n、卷积核大小 k、每侧填充 p、步幅 s 时，卷积输出的高（或宽），与 nn.Conv2d 一致，以 int 返回。"""
    ### BEGIN SOLUTION
    return (n - k + 2 * p) // s + 1
    ### END SOLUTION


# %% tags=["exercise:output_size"]
_ = check_function("output_size", output_size, [
    ((227, 11, 0, 4), 55),
    ((224, 11, 0, 4), 54),
    ((32, 5, 0, 2), 14),
    ((3, 2, 0, 1), 2),
    ((28, 5, 2, 1), 28),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _n, _k, _p, _s in [(224, 11, 2, 4), (32, 5, 0, 1), (7, 3, 1, 2), (10, 4, 0, 3), (1, 1, 0, 1)]:
    _want = nn.Conv2d(1, 1, _k, stride=_s, padding=_p)(torch.zeros(1, 1, _n, _n)).shape[-1]
    _got = output_size(_n, _k, _p, _s)
    expect_value(_got, _want, case=(_n, _k, _p, _s), kind="int", mistakes={
        "rounded_up": (-(-(_n - _k + 2 * _p) // _s) + 1, "你向上取整了：PyTorch 对 (n − k + 2p)/s 向下取整，最后不完整的窗口会被丢掉"),
        "forgot_plus_one": ((_n - _k + 2 * _p) // _s, "你忘了 + 1：第一个窗口在位置 0，步幅移动之前它就已经算一个输出"),
        "padding_once": ((_n - _k + _p) // _s + 1, "你只在一侧填充了：padding=p 在每一侧各补 p 个 0，一共 2p"),
    })
### END HIDDEN TESTS

# %% [markdown]
# ### 练习 3 · 卷积层的参数量（2 分）
#
# 补全 `conv_parameters(c_in, c_out, k)`：一个卷积层作用于 `c_in` 个输入通道，有 `c_out` 个 `k`×`k` 的卷积核，每个卷积核带一个偏置；返回该层可学习的数的个数。

# %% tags=["exercise:conv_parameters"]
def conv_parameters(c_in, c_out, k):
    """nn.Conv2d(c_in, c_out, k)（带偏置）可学习的数的个数，以 int 返回。"""
    ### BEGIN SOLUTION
    return (k * k * c_in + 1) * c_out
    ### END SOLUTION


# %% tags=["exercise:conv_parameters"]
_ = check_function("conv_parameters", conv_parameters, [
    ((3, 96, 11), 34944),
    ((1, 6, 5), 156),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _c_in, _c_out, _k in [(64, 128, 3), (16, 120, 5), (192, 16, 1), (1, 1, 1)]:
    _want = sum(p.numel() for p in nn.Conv2d(_c_in, _c_out, _k).parameters())
    _got = conv_parameters(_c_in, _c_out, _k)
    expect_value(_got, _want, case=(_c_in, _c_out, _k), mistakes={
        "forgot_bias": (_k * _k * _c_in * _c_out, "你只数了权重：每个卷积核还有 1 个偏置"),
        "forgot_input_channels": ((_k * _k + 1) * _c_out, "你的卷积核只有一片 k×k：每个输入通道各有一片，共 k·k·c_in 个权重"),
    })
### END HIDDEN TESTS

# %% [markdown]
# ## 4 · 多个输入通道：每个通道一片卷积核，最后求和
#
# 彩色图像有三个通道。处理它的卷积核是 $11 \times 11 \times 3$，而不是 $11\times 11$：每个输入通道对应一片二维切片。每片切片在各自的通道上滑动，三个结果再**相加**，合成一张特征图（《动手学深度学习》6.4 节）——作用在 $c$ 个通道上的一个卷积核，总是只产生一个通道。下面以 2 通道输入为例： <!-- parity-ignore: 6.4 -->

# %%
X2 = np.stack([np.arange(9.0).reshape(3, 3), np.arange(1.0, 10.0).reshape(3, 3)])   # (2, 3, 3)
K2 = np.stack([np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([[1.0, 2.0], [3.0, 4.0]])])  # (2, 2, 2)
per_channel = [corr2d(x, k) for x, k in zip(X2, K2)]
for channel, part in enumerate(per_channel):
    print(f"通道 {channel}：", part.tolist())
print("求和：     ", sum(per_channel).tolist())
print("F.conv2d：", F.conv2d(torch.tensor(X2)[None], torch.tensor(K2)[None])[0, 0].tolist())

# %% [markdown]
# ### 练习 4 · 多输入通道互相关（3 分）
#
# 补全 `corr2d_multi_in(X, K)`：`X` 的形状为 (c, h, w)，`K` 的形状为 (c, kh, kw)；返回各通道单通道互相关结果之和。可以调用 `corr2d`。

# %% tags=["exercise:corr2d_multi_in"]
def corr2d_multi_in(X, K):
    """对输入通道 c 求和 corr2d(X[c], K[c])；X：(c, h, w)，K：(c, kh, kw)。"""
    ### BEGIN SOLUTION
    return sum(corr2d(x, k) for x, k in zip(X, K))
    ### END SOLUTION


# %% tags=["exercise:corr2d_multi_in"]
_ = check_function("corr2d_multi_in", corr2d_multi_in, [
    ((X2, K2), [[56, 72], [104, 120]]),
    ((X[None], K[None]), [[25, 31], [43, 49]]),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(4)
for _c, _shape, _kshape in [(3, (5, 6), (2, 3)), (1, (4, 4), (3, 3)), (4, (3, 3), (1, 1))]:
    _X, _K = _rng.normal(size=(_c, *_shape)), _rng.normal(size=(_c, *_kshape))
    _want = F.conv2d(torch.tensor(_X)[None], torch.tensor(_K)[None])[0, 0].numpy()
    expect_value(corr2d_multi_in(_X, _K), _want, case=(_c, _shape, _kshape), kinds=("array", "tensor"))
### END HIDDEN TESTS

# %% [markdown]
# ## 常见错误
#
# - **把卷积核翻转了。** PyTorch 的 `conv2d` 不翻转卷积核；如果你手动翻转，结果就对不上（见第 1 节）。
# - **混淆数据布局。** 许多资料按“高 × 宽 × 通道”书写形状（`[55, 55, 96]`）；PyTorch 用的是（批量，通道，高，宽）。数字相同，顺序不同。
# - **把神经元数当成参数量。** 输出有 290,400 个，可学习的数却只有 34,944 个——权重在各个位置之间共享。
# - **每侧填充与总填充。** 上面的公式用 $2p$（每侧填充 $p$，与 PyTorch 的 `padding=p` 一致）；《动手学深度学习》6.3 节的 $p$ 指两侧填充之和。第 03 课会把两种写法放在一起对照。 <!-- parity-ignore: 6.3 -->
# - **漏掉偏置。** 每个卷积核除了权重还有 1 个偏置。下面先算 conv1 只有权重时（`bias=False`）的参数量，再算权重加偏置：

# %%
print(cnnlab.conv_params(3, 96, 11, bias=False, explain=True))   # 只有权重
print(cnnlab.conv_params(3, 96, 11, explain=True))               # 权重加 96 个偏置

# %% [markdown]
# ## 参考资料
#
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional Neural Networks*, NeurIPS 2012，3.5 节与图 2：224×224×3 的输入，96 个 11×11×3 的卷积核，步幅 4，55×55 的特征图。本课用的 227×227 是让这笔算术恰好成立的尺寸，并非论文所写。
# - I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*（《深度学习》），MIT Press 2016，9.1 节（深度学习库实现的是互相关，却称之为卷积）。
# - CS231n, *Convolutional Neural Networks for Visual Recognition*，关于卷积层的讲义（输出大小公式与参数共享）。
# - 阿斯顿·张、李沐等，《动手学深度学习》，6.2 节“图像卷积”（边缘检测示例）、6.3 节“填充和步幅”（按两侧总数计的填充）、6.4 节“多输入多输出通道”。 <!-- parity-ignore: 6.2 6.3 6.4 -->
