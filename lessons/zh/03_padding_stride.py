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
lesson = cnnlab.start_lesson("03_padding_stride", lang="zh")

# %% [markdown]
# # 第 03 课 · 填充与步幅
#
# 第 02 课让卷积核只停在能完整放下的位置上，所以输出比输入小。卷积层的两个设置可以改变这一点：**填充**在输入四周补一圈 0，**步幅**让卷积核每次跳过好几个像素。本课用代码算出一系列带填充、带步幅的例子，再介绍第三个设置——**膨胀**，把输出尺寸公式的几种常见写法放在一起对照，让你在交互式的卷积演示器里亲手“推着”卷积核走，最后是五道练习。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import conv2d, corr2d
from cnnlab.viz import ConvolutionExplorer

# %% [markdown]
# ## 1 · 为什么要填充？输出越来越小，边缘被冷落
#
# 不填充时，每做一次 3×3 卷积，四边各少一个像素。在 32×32 的图像上叠几层，特征图很快就缩没了：

# %%
size = 32
sizes = [size]
for layer in range(10):
    size = cnnlab.conv_output_size(size, 3)
    sizes.append(size)
print("不填充：", " → ".join(map(str, sizes)))
print("填充 1：", " → ".join(map(str, [cnnlab.conv_output_size(32, 3, p=1)] * 11)))

# %% [markdown]
# 边缘像素参与的窗口也比中心少。下面的函数对 $n\times n$ 输入的每个像素数一数：有多少个卷积核窗口盖住了它。

# %%
def coverage(n, k, p=0, s=1):
    """n×n 输入的每个像素被多少个 k×k 窗口（填充 p、步幅 s）覆盖。"""
    counts = np.zeros((n + 2 * p, n + 2 * p), dtype=int)
    out = cnnlab.conv_output_size(n, k, s=s, p=p)
    for i in range(out):
        for j in range(out):
            counts[i * s:i * s + k, j * s:j * s + k] += 1
    return counts[p:p + n, p:p + n]           # 填充本身不计入


print("4×4 输入、3×3 卷积核、不填充：\n", coverage(4, 3))
print("同样的设置，填充 1：\n", coverage(4, 3, p=1))

# %% [markdown]
# 不填充时，角上的像素只被 1 个窗口读到，中心像素被 4 个；补一圈 0 之后，角上变成 4 次、中心 9 次。填充让图像边缘也能像其他像素一样参与计算：不填充的话，网络每深一层，边缘就又丢掉一点。
#
# ## 2 · 一个 4×4 输入：填充 1 与填充 2
#
# 把 1 放在 4×4 输入的**左下角**，逐行向上数（最上面一行是 13 14 15 16），分别补一圈和两圈 0，再用卷积核 $\begin{bmatrix}1&0&1\\0&1&0\\1&0&1\end{bmatrix}$ 在上面滑动。下面把填充后的输入和输出都算出来。

# %%
X = np.arange(1, 17).reshape(4, 4)[::-1].copy()   # 第 0 行在最上面：13 14 15 16
K = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
print("输入 X：\n", X)
for p in (1, 2):
    X_pad = np.pad(X, p)                          # 每一侧补 p 个 0
    print(f"\n填充 {p}：填充后的输入 {X_pad.shape[0]}×{X_pad.shape[1]}")
    print(X_pad)
    print(f"输出 {corr2d(X_pad, K).shape[0]}×{corr2d(X_pad, K).shape[1]}：")
    print(corr2d(X_pad, K).astype(int))

# %% [markdown]
# 填充 1 时，第一个输出读的是填充后网格左上角的 3×3 窗口，其中落在卷积核 1 位置上的只有 13 和 10——补的 0 不贡献任何东西：$13 + 10 = 23$。PyTorch 给定 `padding=p` 时会自己补 0，结果一致：

# %%
X_t = torch.tensor(X, dtype=torch.float32)[None, None]      # (1, 1, 4, 4)
K_t = torch.tensor(K, dtype=torch.float32)[None, None]      # (1, 1, 3, 3)
for p in (1, 2):
    Y = F.conv2d(X_t, K_t, padding=p)[0, 0]
    same = np.array_equal(Y.numpy(), corr2d(np.pad(X, p), K))
    print(f"padding={p}：形状 {tuple(Y.shape)}，与填充后输入上的 corr2d 相同：{same}")
    print(cnnlab.conv_output_size(4, 3, p=p, explain=True))

# %% [markdown]
# 下图画出两种填充下的第一个窗口（橙色框）以及对应的输出。

# %%
def draw_grid(ax, grid, title, pad=0, window=None):
    """画出二维整数网格及其数值；灰色 = 填充，橙色框 = 一个窗口。"""
    n = grid.shape[0]
    is_pad = np.ones_like(grid, dtype=float)
    is_pad[pad:n - pad, pad:n - pad] = 0
    ax.imshow(is_pad, cmap="Greys", vmin=0, vmax=4)
    for (r, c), v in np.ndenumerate(grid):
        ax.text(c, r, f"{v:g}", ha="center", va="center", fontsize=9)
    if window is not None:
        r, c, k = window
        ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), k, k, fill=False, edgecolor="tab:orange", lw=3,
                                   clip_on=False))
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])


fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), constrained_layout=True,
                         gridspec_kw={"width_ratios": [6, 4, 8, 6]})
for column, p in enumerate((1, 2)):
    X_pad = np.pad(X, p)
    draw_grid(axes[2 * column], X_pad, f"填充 {p}：输入 {X_pad.shape[0]}×{X_pad.shape[1]}",
              pad=p, window=(0, 0, 3))
    Y = corr2d(X_pad, K).astype(int)
    draw_grid(axes[2 * column + 1], Y, f"输出 {Y.shape[0]}×{Y.shape[1]}")
plt.show()

# %% [markdown]
# 填充 2 时输出（6×6）反而**大于**输入：最外圈的输出看到的几乎都是 0（左上角那个只看到 13）。每侧填充 $p$ 让尺寸增加 $2p$，于是
#
# $$n_\text{out} = n - k + 2p + 1 .$$
#
# ## 3 · “same”填充：保持尺寸不变
#
# 步幅为 1 时要让 $n_\text{out} = n$，需要 $2p = k - 1$，即 $p = (k-1)/2$。卷积核尺寸为奇数（1、3、5、7——这正是你几乎只见到这些尺寸的原因）时它是整数：

# %%
for k in (1, 3, 5, 7):
    p = cnnlab.same_padding(k)
    out = nn.Conv2d(1, 1, kernel_size=k, padding=p)(torch.zeros(1, 1, 28, 28)).shape[-1]
    print(f"k = {k}：p = {p}，28×28 → {out}×{out}")
print(cnnlab.same_padding(5, explain=True))

# %% [markdown]
# 偶数卷积核的 $k-1$ 是奇数：需要补的那圈边无法在两侧平分。库函数会直接说明：

# %%
try:
    cnnlab.same_padding(4)
except ValueError as err:
    print(err)

# %% [markdown]
# PyTorch 的 `padding="same"` 仍然可以用，做法是让一侧多补一点：$k = 4$ 时在上/左补 1 个 0，在下/右补 2 个。下面的检查用两种方式手动补 0 来对比（并屏蔽了 PyTorch 关于“需要额外复制一份填充后的输入”的警告）：

# %%
x4 = torch.arange(16.0).reshape(1, 1, 4, 4)
w4 = torch.ones(1, 1, 4, 4)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    same = F.conv2d(x4, w4, padding="same")
print("输出形状：", tuple(same.shape))
print("= 前补 1、后补 2：", torch.equal(same, F.conv2d(F.pad(x4, (1, 2, 1, 2)), w4)))
print("= 前补 2、后补 1：", torch.equal(same, F.conv2d(F.pad(x4, (2, 1, 2, 1)), w4)))

# %% [markdown]
# 两侧不对称的填充会让特征图相对输入错开半个像素；奇数卷积核配上 $p = (k-1)/2$，每个输出都正好对准它的输入像素中心。
#
# ## 4 · 步幅：一次跳过不止一个像素
#
# 步幅为 $s$ 时，窗口每次横向、纵向移动 $s$ 个像素。下面的 `conv2d_3` 在这个 4×4 输入上用 2×2 卷积核、步幅 2。这些窗口互不重叠：它们把输入切成四块，每块得到一个输出。

# %%
conv2d_3 = nn.Conv2d(1, 1, kernel_size=2, stride=2)
print("输出形状：", tuple(conv2d_3(torch.rand(1, 1, 4, 4)).shape[2:]))
print(cnnlab.conv_output_size(4, 2, s=2, explain=True))
for i in range(2):
    for j in range(2):
        print(f"输出 ({i},{j}) 读取第 {2 * i}-{2 * i + 1} 行、第 {2 * j}-{2 * j + 1} 列：",
              X[2 * i:2 * i + 2, 2 * j:2 * j + 2].tolist())

# %% [markdown]
# 窗口的起点是 $0, s, 2s, \dots$，并且必须落在尺寸为 $n + 2p$ 的填充后输入里。所以最后一个起点不超过 $n + 2p - k$，一共有 $\lfloor (n + 2p - k)/s \rfloor + 1$ 个起点：
#
# $$n_\text{out} = \left\lfloor \frac{n - k + 2p}{s} \right\rfloor + 1 .$$
#
# ## 5 · 向下取整：步幅永远到不了的行
#
# 常见的一种写法是 $(n - k + 2p)/s + 1$，不带向下取整 $\lfloor\cdot\rfloor$。教材里的例子通常特意让 $(n - k + 2p)/s$ 恰好是整数，这时确实用不着取整。换成 $n = 8$、$k = 3$、不填充、$s = 2$ 试试：

# %%
print(cnnlab.conv_output_size(8, 3, s=2, explain=True))
print("PyTorch：", tuple(nn.Conv2d(1, 1, 3, stride=2)(torch.zeros(1, 1, 8, 8)).shape[2:]))
print("覆盖每个像素的窗口数：\n", coverage(8, 3, s=2))

# %% [markdown]
# 窗口从第 0、2、4 行开始，到第 6 行为止；第四个窗口需要第 6–8 行，而第 8 行并不存在。于是最后一行和最后一列（下标 7）不被任何窗口读到：无论里面是什么，输出都一样。

# %%
x8 = torch.rand(1, 1, 8, 8)
w8 = torch.rand(1, 1, 3, 3)
changed = x8.clone()
changed[..., 7, :] = 100.0                        # 改写最后一行……
changed[..., :, 7] = -100.0                       # ……以及最后一列
print("输出不变：", torch.equal(F.conv2d(x8, w8, stride=2), F.conv2d(changed, w8, stride=2)))

# %%
fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), constrained_layout=True)
for ax, (n, k, p, s) in zip(axes, [(4, 3, 0, 1), (4, 3, 1, 1), (8, 3, 0, 2)]):
    counts = coverage(n, k, p, s)
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=counts.max())
    for (r, c), v in np.ndenumerate(counts):
        colour = "tab:red" if v == 0 else ("white" if v > counts.max() / 2 else "black")
        ax.text(c, r, str(v), ha="center", va="center", fontsize=10, color=colour)
    ax.set_title(f"n={n}, k={k}, p={p}, s={s}：每个像素的窗口数", fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
plt.show()

# %% [markdown]
# 左图和中图：填充把边缘像素从 1–2 个窗口提高到 4–6 个。右图：步幅为 2 时，红色的 0 标出了向下取整丢掉的那一行和一列。设计网络时会选取合适的输入尺寸来避免这种情况（第 09 课会说明 AlexNet 为什么要用 227×227 而不是 224×224）。
#
# ## 6 · 膨胀：把卷积核撑开
#
# 第三个设置是**膨胀率** $d$（PyTorch 的 `dilation=`）：卷积核相邻的两个权重之间跳过 $d - 1$ 个像素。膨胀率 $d = 2$ 的 3×3 卷积核仍然只有 9 个权重，却隔一个像素读一个，覆盖一块 5×5 的区域。一般地，大小为 $k$、膨胀率为 $d$ 的卷积核覆盖
#
# $$k' = d\,(k - 1) + 1$$
#
# 个像素。膨胀卷积就等于一个 $k' \times k'$ 的卷积核，只是它的权重之间插进了 $d - 1$ 个 0：

# %%
K3 = torch.arange(1.0, 10.0).reshape(3, 3)          # 9 个权重
d = 2
k_spread = d * (3 - 1) + 1                          # k' = d·(k − 1) + 1
K_spread = torch.zeros(k_spread, k_spread)
K_spread[::d, ::d] = K3                             # 相邻权重之间插入 d − 1 个 0
print(f"k = 3，d = {d}：k' = d·(k − 1) + 1 = {k_spread}")
print(K_spread.int())
x7 = torch.arange(49.0).reshape(1, 1, 7, 7)
dilated = F.conv2d(x7, K3[None, None], dilation=d)
print("输出尺寸：", tuple(dilated.shape[2:]),
      "· 与插了 0 的 5×5 卷积核结果相同：", torch.equal(dilated, F.conv2d(x7, K_spread[None, None])))

# %% [markdown]
# 所以输出尺寸就是第 4 节的公式把 $k$ 换成 $k'$：
#
# $$n_\text{out} = \left\lfloor \frac{n + 2p - d\,(k - 1) - 1}{s} \right\rfloor + 1 ,$$
#
# 这也是 PyTorch 文档中 `nn.Conv2d` 给出的公式。下表分别用手算、`cnnlab.conv_output_size(..., d=...)` 和 `nn.Conv2d(dilation=...)` 计算它：

# %%
print(cnnlab.conv_output_size(7, 3, d=2, explain=True))
dilation_cases = [(7, 3, 0, 1, 2), (28, 3, 2, 1, 2), (28, 3, 3, 1, 3), (32, 3, 1, 2, 2), (10, 5, 0, 1, 2)]
print("{:>4}{:>3}{:>3}{:>3}{:>3}{:>4} | {:>6}{:>8}{:>10}".format(
    "n", "k", "p", "s", "d", "k'", "手算", "cnnlab", "nn.Conv2d"))
agree = []
for n, k, p, s, d in dilation_cases:
    k_spread = d * (k - 1) + 1
    by_hand = (n + 2 * p - k_spread) // s + 1
    library = cnnlab.conv_output_size(n, k, p=p, s=s, d=d)
    layer_out = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, n, n)).shape[-1]
    print(f"{n:>4}{k:>3}{p:>3}{s:>3}{d:>3}{k_spread:>4} | {by_hand:>8}{library:>8}{layer_out:>10}")
    agree.append(by_hand == library == layer_out)
print("手算公式、cnnlab 与 nn.Conv2d 在每一行都一致：", all(agree))

# %% [markdown]
# 第二、三行保持 28×28：步幅为 1 时，“same”填充是 $p = (k' - 1)/2 = d(k-1)/2$。网络用膨胀卷积来扩大一个输出能看到的范围，既不增加权重，也不缩小特征图（Yu 与 Koltun，2016）。代价是：单独一层膨胀卷积只读它所覆盖的 $k' \times k'$ 个像素中的 $k \times k$ 个，中间的像素被跳过了，要靠多层叠加才能补上这些空隙（第 04 课会计算感受野）。
#
# ## 7 · 自己动手探索
#
# 下面的演示器画出填充后的输入（灰色：填充的 0）、橙色的当前窗口（窗口里每一格标着 ×w，w 是与这一格相乘的卷积核权重），以及逐格填满的输出。拖动滑块、点击 **下一步**，或按 ▶ 播放动画；下方的公式会随之实时计算。试试：
#
# 1. $n=4$、$k=3$、$p=1$，再改成 $p=2$——第 2 节的两个例子：演示器一开始用的就是第 2 节的输入 `X`（1 在左下角）和卷积核 `K`，所以第一个输出同样是 23。改变 $n$ 之后，输入换成从左上角起按行排列的 1…n²。
# 2. $n=8$、$k=3$、$p=0$、$s=2$——红色格子：没有任何窗口能到达的那一行和一列。
# 3. $n=4$、$k=7$、$p=0$——卷积核比填充后的输入还大；把 $p$ 调大，直到放得下。
# 4. $n=7$、$k=3$、$d=2$——窗口的各个权重散开，覆盖 $d(k-1)+1 = 5$ 个像素（第 6 节）。

# %% tags=["nbval-ignore-output"]
explorer = ConvolutionExplorer(x=X, kernel=K, p=1, s=1)      # 第 2 节的输入和卷积核
explorer

# %% [markdown]
# 演示器画出的一切也都能用代码读出来。下面让一个演示器走一步，读出当前的输出位置、窗口的范围、完整的输出和公式：

# %%
demo = ConvolutionExplorer(n=8, k=3, p=0, s=2)
demo.step()
print("位置：", demo.position, " 窗口行/列：", demo.window[0], "到", demo.window[-1])
print("完整的输出：\n", demo.output)
print(demo.formula_text)

# %% [markdown]
# ## 8 · 一个公式，三种写法
#
# 各种教材和课程用三种方式写输出尺寸：
#
# - **按每侧计**：$(n - k + 2p)/s + 1$，$p$ 是**每一侧**的填充，与 PyTorch 的 `padding=` 相同（CS231n 讲义；PyTorch 文档）；
# - **按总数计**：$(n - k + p + s)/s$，$p$ 是两侧加起来的**总**填充（《动手学深度学习》6.3 节，$p_h$ 是高度方向上一共填充的行数）； <!-- parity-ignore: 6.3 -->
# - **先填充再算**：先算出填充后的尺寸 $n + 2p$，再用不带填充的公式 $(n + 2p - k)/s + 1$。
#
# 只要 $p_\text{总} = 2\,p_\text{每侧}$，它们就是同一个公式：$(n - k + 2p + s)/s = (n - k + 2p)/s + 1$。`cnnlab.conv_output_size` 用 `p` 表示每侧填充，用 `p_total=` 表示总填充。下表在本课的各个例子上计算每种写法，另加一列把两种写法**混用**的结果——把 PyTorch 的 `padding=` 代入总填充公式，这是一个常见错误：

# %%
layers = [("4×4，填充 1", 4, 3, 1, 1), ("4×4，填充 2", 4, 3, 2, 1),
          ("conv2d_3", 4, 2, 0, 2), ("cs231n 演示", 5, 3, 1, 2),
          ("AlexNet conv1", 227, 11, 0, 4), ("取整例子", 8, 3, 0, 2),
          ("取整，带填充", 10, 3, 1, 2)]
print(f"{'n':>4}{'k':>4}{'p':>3}{'s':>3} | {'每侧':>7}{'总数':>4}"
      f"{'先填充':>7}{'PyTorch':>8} | {'混用':>4}   {'层'}")
agree = []
for name, n, k, p, s in layers:
    per_side = cnnlab.conv_output_size(n, k, p=p, s=s)              # ⌊(n − k + 2p)/s⌋ + 1
    total = cnnlab.conv_output_size(n, k, p_total=2 * p, s=s)       # ⌊(n − k + p_total + s)/s⌋
    padded = n + 2 * p                                               # 先填充：n + 2p……
    pad_first = (padded - k) // s + 1                                # ……之后不再填充
    torch_out = nn.Conv2d(1, 1, k, stride=s, padding=p)(torch.zeros(1, 1, n, n)).shape[-1]
    mixed = cnnlab.conv_output_size(n, k, p_total=p, s=s)           # 把 padding=p 当作总填充
    print(f"{n:>4}{k:>4}{p:>3}{s:>3} | {per_side:>9}{total:>6}{pad_first:>10}{torch_out:>8} | {mixed:>6}   {name}")
    agree.append(per_side == total == pad_first == torch_out)
print("三种写法与 PyTorch 在每一层上都一致：", all(agree))

# %% [markdown]
# 中间四列在每一行都一致。最后一列是把每侧填充（PyTorch 的 `padding=1`）代入 $p$ 表示总数的公式得到的：有填充的四行里，三行算错了。最后一行（“取整，带填充”）碰巧对了，因为向下取整掩盖了这个错误：$(10 - 3 + 1 + 2)/2 = 5$，而 $\lfloor (10 - 3 + 2)/2 \rfloor + 1 = 5$。所以一个例子算对，并不能证明写法用对了。从总填充换算到 PyTorch 要减半：总填充 $p_h$ 对应 `padding=p_h // 2`。总填充为偶数时这样做没问题，对应的正是第 3 节的奇数卷积核；总填充为奇数（偶数卷积核）时，根本无法写成一个 `padding=`。读别的框架的代码时还有一个陷阱：首字母大写的 `nn.Conv2D` 是 Paddle 和 MXNet 里的名字，PyTorch 中是 `nn.Conv2d`。
#
# 两种写法在推导文本里分别是这样的：

# %%
print(cnnlab.conv_output_size(5, 3, p=1, s=2, explain=True))
print(cnnlab.conv_output_size(5, 3, p_total=2, s=2, explain=True))

# %% [markdown]
# ## 9 · cs231n 演示：5×5×3 输入、两个卷积核、填充 1、步幅 2
#
# CS231n 讲义中讲卷积网络的一节用动图演示了一个卷积层：5×5×3 的输入（三个颜色通道）补一圈 0 变成 7×7×3，两个 3×3×3 的卷积核 $w_0$ 和 $w_1$，步幅 2，偏置 $b_0 = 1$、$b_1 = 0$，输出 3×3×2。这个动图每次加载页面都会重新随机取数，所以没法照抄它的数字。这里改用固定种子的随机数生成器自己取小整数：输入取自 {0, 1, 2}，权重取自 {−1, 0, 1}。

# %%
rng = np.random.default_rng(0)
x = rng.integers(0, 3, size=(3, 5, 5))          # （通道，高，宽）
w = rng.integers(-1, 2, size=(2, 3, 3, 3))      # （卷积核，通道，kh，kw）
b = np.array([1, 0])
x_pad = np.pad(x, ((0, 0), (1, 1), (1, 1)))     # 只填充高和宽：(3, 7, 7)
print("填充后的输入形状：", x_pad.shape)
for c in range(3):
    print(f"填充后的输入，通道 {c}（x_pad[{c}]）：\n{x_pad[c]}")
for c in range(3):
    print(f"卷积核 w0，通道 {c}（w[0, {c}]）：\n{w[0, c]}")

# %% [markdown]
# 常有人把这个输入称作“7×7×3”，那其实是**填充后**的尺寸。原始输入是 5×5×3；计算输出尺寸时，要么用 $n=5$、$p=1$，要么用填充后的 $n=7$、$p=0$——不能在 7 的基础上再填充一次：

# %%
print("n=5，p=1：", cnnlab.conv_output_size(5, 3, p=1, s=2))
print("n=7，p=0：", cnnlab.conv_output_size(7, 3, p=0, s=2))
print("n=7，p=1（重复填充）：", cnnlab.conv_output_size(7, 3, p=1, s=2))

# %% [markdown]
# 卷积核 $w_0$ 的第一个输出读取**每个**通道左上角的 3×3 窗口，与 $w_0$ 在该通道上的切片逐元素相乘，再把三个通道的和与偏置加在一起：

# %%
total = 0
for c in range(3):
    window = x_pad[c, 0:3, 0:3]
    products = window * w[0, c]
    total += products.sum()
    print(f"通道 {c}：窗口 {window.tolist()} ⊙ w0 → 乘积 {products.tolist()}，和 {products.sum()}")
print(f"各通道之和 {total} + 偏置 b0 {b[0]} = {total + b[0]}")

# %% [markdown]
# 在每个位置——填充后输入的第 0、2、4 行与列——重复这一步，就得到完整的输出。库里的循环版 `cnnlab.ops.conv2d` 与 PyTorch 结果一致：

# %%
out = conv2d(x_pad[None], w, b, stride=2)[0]    # 已经填充过：(2, 3, 3)
for o in range(2):
    print(f"输出通道 {o}（卷积核 w{o}，偏置 {b[o]}）：\n{out[o]}")
out_torch = F.conv2d(torch.tensor(x)[None], torch.tensor(w), torch.tensor(b), stride=2, padding=1)[0]
print("形状：", tuple(out_torch.shape), " 与 F.conv2d 相同：", np.array_equal(out, out_torch.numpy()))

# %% [markdown]
# ## 10 · 练习
#
# ### 小测验（每题 1 分）

# %% tags=["exercise:out_size"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("out_size", digits=0, variants="cnnlab-variants/1:eNrtmlkP9NZ537/KC121oADum4H3gvs23JchafiC+3AZcjjcWRQI0hopWhfdUCjJTRckCFCjcAsUrRuk6YW+iWs59lW+QkZWKqmOKthOXkiGdXd4cEAOn/M8v/P/P5xv/4P3uiQtuve+9V7/FkXef9O+xd9/83iLvPf+e21xvKZLhKRTDKJoEoZQJMfTJEEKnCiJEivgEs5fCx/P4f6YX2t//MPf+fEP/9NH//x//MWf/OCj//q7f/GH//iT8U/+/Q9//MM/fYN/+AH+l3/2vZ/84F/8+M//5KP/8P2PvvvdN8jHE//5jz/6n6/h//md3/3pn/+bj777xx8vRpEPP0CRNz/54L+/Vnw8/Xt/+rrfz77/+z/5/R989Ed/+NF/+Vd/+Wf/7vXwW91//Ohhmd+8ffOj7/3Tv9e/+dE/+ddv2jfAG+Tx99+Ab6Yffe+fvS7gj+/+v//gZ7/3vTe/sOSn/+h//fQ/fv/N9OYn//a//ewP/uijf/nBJ3cu9keX9MlcD/3rAVORdEX+rfE0LTGBnlPjhM0ojNmo+HHcoi51RQA19gjZKDa46RiBVkwGPNTOiYgxgbuiYLpIOKW2oywQ6qjtoFso14b4gmfEqiAYGp+le5s4eIq7uLQjnFdHPC4rA5n7qzl4Agm17SOEgyY2Qt2cyD7OHoP5JDTuDlkZFekBXyQG0JrMSZ+K1Q+i4GJ2ShrR5LqEVuPsJb/mcWxHTZSTCsceGa0OSa7p29u3r/e919OctMX03re+/e33yhKBoBKBC5TMMSgtCrzMyiJN0JJAoAL5OD/+OiKd0vRRE5JLlecHxF+fSVELFAaoTz8fTV+70Bc306fAVm+CAkXRNRnu/Q6y4a2/00LZRvpcqn1nAk87E/Zzte5ebPZGqjOJtZ7WjW6J3ZucS3GTYHq+ZNDiNA5iHErdrfDzFu8x2rsOClBq8oRwSp0CAY3mk0wuSxLoa9t6eXYVvKFIK4R+zjSvurymHB5p4q0dLTuHhZ3JGlsD8LaR5iohBhKUdu6qgt1GFLgKbG/f+877334PTksEwaHiVQ0FkecpimRERucEStMEjRXlZyGBO38+0+tOy11byNpMVIOYJcyigEYIMi2PbbES2nJkl6msiZRsxB7A9q0glBSc6bcoUOAYwejAsgkNuaiz1U93m0yTBSaeav7ElRg+uOZouC1O83yy/AstwsyhYGIjGP3FbUsF060QGDPm6cuOejvJuBLhR0V0pueIDXQtjqyfjxWme8/1aGTQ/cSa7itWuuNu3nLs8O8SRlsAcp7VWfjK6C3S7HIzp6dDlPw8HAVNEhCJk6+syIosRyE8IykaxwqILqG8pD8Lh4HPvk531ypnVRa+CwhhsIKxlUyfuYWrCFGYbwiX4UON+IX7bAbchHZvXorp0qfhRXU5R2l9CybTzlkIENx9N7Tr1udO9SHfNfhRTlx2IDe/v2O3a40dge8vqafOdxNJcWWquOdScSY7MhxVwcprN7/zD9///4AP/RR8CV4i+At8SY6kSYpiZAHlFJIkGEqlyKsm/pbgQ3/DwLdtLuYZJYyokd0mxTW1QTrTqOzoKGeKLOrIGdBdKUzgKX/UqrmmNyNJW/aJSuAlWFBwfsQNCKays0LmnWvMsr+k8Jn4yp6bup/f7wh5Qc/W7aTWFzmZz2AA2LBtf+Vl0VULEumtFg4m3O3dY2V5hEOoGpH2cO5oQYIwGSKnJbNATiVPY3cN3Czx5jre7VDM8op6/XYDCdhGWm211Fhutwepun8B+DAUQXEIJSEIJ15jOqOKAsPJAk5RGoWK5LO0lm9pqoVIpeTyNFpJCB1agzxNMCvKm2OHqekLJuugab0QlwrIUBtWnSOHHvpDfAHKQoxUVAWCbETRyXvICUidZGCM3DdpVxKGy26k2Ub4BJqoaCbbaQqm4mJRpyX6dPY0Wew9FYv8w7sDSpL6KWOiowW1+TW6kMxlXKnhFGXSaCXduFlrXXa3wIddR+iCEKVjmewGSrIukQEU0EgB3mPQnhtfBHuWItnSp6gzjtXb/1vpOQaTOU7gZUHCFEVQNJYQOUliBEJCn6t0ULFA7B6aYLOkUN037Cx7cGdeyqNEdyhV+VnPqFlFC6wu5o2chp6FOhNExXFs56nAYGZd+kJY5pWmIW+vRQwjArRHqFR84rjTGLShF48amdUCH5Rp6Bw0AFnsWmuNwyzx/kzONGPTqzMOD1lUqu1pOAOOGKS9+jrA5LcHa0taSoO5QsnD6JOulEqbAHbOBUnsoRRZjBIyq8LQBwsUzLVp+vjmLdckKGNFcJGvHHzXdwE+8v9VfFRC5RheEq/kT5KiSF6vixIlTOFwmmMJRPwK4CM//ID8TVd82O1xVZ2W9GwSgv2aSozZjteYPzxwoV2vfgBpdRSsyCtguSaSBCehAWCRq/duRUBaVbVskjHFoSst06m5lsk4MsqTPAfsysp9L+Dikek+Ik+3yyrlyoVrD7pYVE+uGhxRZ40m47kmktsCDVzPqwfNJmo+CYXtsVT3bNbLne8oGX3crDncnnFVYesNjKOrtogb/bwldgw+qdaFwVjo1PSA+ZdYrP4m+H75KicU6+OpcndcDoZZH67j8npCPXqVcNY9vVW9hUDedWYuhQsjgVQYM219Vy/Web1r4QUUFng5kiP1rEEsgL64xLrmX9MlntLuImCxqTf6YMVAZFLzYFc3rykAVvEfBO+wQHxWqvUqHC9NSWjkkWmkVSDQAPkBI3dDUWm9Lf1UzF0SUEWdBUMH6EhC6Whu9REzC2lEEumK1w4SY2xlG4xygiSm1QZO70YquoLZBc3e/vqVLogtcSDjsFCDoKVT6a1hxYozQsoJcuT5a3dwFTaAhRqJ6eBmBBPlZDZqu0KREb2RUw7EUpnSRBlzQqgd7HCREWrJKD6ql1uAauTjXhCk7Nnp7omjUKMBni3z4dW3U1QtSyJuARyogxYHFIvIQn/aaSdhW8g7xP2mBF02XYly7g2M9YeyFu4t2pHVos3qFb6CkTKdZcrd3YjXpQot57UuuCcyfBIOqoBIskRSAqbzNEWTEiVTOCUSOsvzV5A+C0dglwXMObgOEOdED6YIBM885Iesh4vW9KLSlWZKZWj8+joVBO+IMTzdnjOZD1S3CVYnmbcuAYJpO2U/a29rj8DMlifwJT9h1FNm5EGVLtoRWIQrcjUrmZBQYwLKZIOR4UOwnGdg3E1JzNwobHHsS8GHvgur+0XgQ39zrW7wqdVVv7G631jd3zqr+xWCb/+7BR9CfUGPD0ppJEuJNE9fKo+mERTNEYzCiwQj4QTD0nfV40OoDz9AqK8d+BIdgNpo8/t4vHsT1t7KdFujIu8U9MZc9/j2jAIfeG2EV1otcZl9pT63KmolXwKhO45e4vtI+g+vusxgPIsUKuaYqz6MzcCHHrvosR1r7TBeDOSSV0G2wRCCmnYpAlHOpvo5XAwKvvXxCl0d5iWeVju4FxN1e0JLqrCSd/rXY7fm0pPY2HSZchtGIqq1SAr3XlB8eB7OlllxOgcZtZdmXeZKuL7afxN8v3yVb50/7heiOuGYLu0pMVdEBXWCq1I/tu567PsQH1RPjSFAU30pwvhx0ZgLTWhEJ4fj8Cx1iAP9RsUnpZQlafB9w7aiEaVQLw1WoM5GKLfrUnduahHRtmyrDxNiOO2EeUFHL/aqQ5ABlGdlZIMNwfzkKDnHCcaSTWF4x469uuDl1kLLbQsDccHOcof9JEg7uh4nJFUKClVutni3VIugr0CYlhftWT4lP0cfFwLeIn16++tXOjBMECYum9AdKC1PSBlcyJwb5rvhjIj+6KNx3VsKjL0nN/XsgyUWv2DjpTLUbFtGz4x0ObKMMldwmkD4jITIA2r3cSquPU3gSnCxbEcLrjlWbuCFYn0ifthGls5sDxoGnmdOF8sTBrNP0vAyEiCo1jDVG1BH9jhvgQ5R0CVFaz8GEXU7F/7hm3OKXTDCfMDK1luHkwHwPnEu9NrZUU9spfG8/OfhgMo0KxEsI9ACzdMMzukse52VcI6+8oTEss/CIdBti+fecPb3TR6Yeh2t/oHexS1T16dgXWptIxSH2c9entJnYrC0Ht037RbqSQ0G6nI9irvf0AqAgmmM81mr41LLCo4E1ZSXGIV/6cUTD0dgKssjvfShyxLUViQAFw4zD3d0IIAoPxChddS3SP9S8KHvwur+Sj2+ryn4sNuc/bXVRT61uuA3Vvcbq/vbZnW/SvDR7wJ8v9DjI/KXzUESOi0wCE0LKEEhMsORjCJfw7ws31WP72sKPpbxTIgCwbFpB95XNI0RT1e2Vy6pcAcEKXOazUvAc0Zjd7A74NNJdpMlW7eXyM+lh2YSV399cPETaTpkBRCD1dkpEPnbEror/RDqrG3H6mYPeJq60z1QucvkOtcS4eOMPYFWXe7WDVI64HmooLzGcooVauT5Nzwsgqu4SgZjX1LD3RBdYjsW8bP1qk1zQQL43sB6CRwT5yQB59Xk81Gzd3jmqY35QvD9klWu4LNnzqq8rHQunJnIdUhdAsD9VKS83JX0oaabOCaVgQn7pEL32ESU5xXWdWXVzJtXyHeHBBLoGcqFYvlqwpjpQ7rBRLQNUQg3PbHSk9bwpnRPgEmqD1CU02Rv5BvEof4jm+63dak4QxCLBO/uTiloeI6Sm6vWy+hPUUhLnOLOa6+ywzSycjLYW2yxTj2wabbXizqbQ+A0zzYCA8KZrTW36oDH9wtZhqSLp1yQ2G9//UqneTzzV2JUHNe1n6G2JGxvglu64+pISJHDjAyWtsRk0/GFvhg9fRMjTXVLU2YjrQ2RUE0Iyuwcc761rgmPdEnuoaegAvqwRpA6M+KJdgUjAWpSXPGKfDT8rd866kSO5jgYpK2wjR/I8Or3C3TRjtokC+xhys6jcy/1PaQpT1cUCchnxLTZNFGo5rykUwVOlcW6e3FQsVdFWl25ya3aQFnfmY77JBwoRpBEjmUphOEFQlFQimIQnhOvYxFKPh8ONadYwrepPvbkVV2n8nT0VESwOgaS3nK34zj7sE65W1SARwrDlnulhEdMS3F3SxnEdTdqRQs4WvlMHIS4WClcBctm6hxVWlMRbgbDBcTK004GYEfZNg7bLkOAde8n5toXg3tplFuAnL10FULP/lLwoe/C6v5KPb6vv9VtP7W6yjdW9xur+1tndb9C8NF/t+AjsC/o8SU5kVJEglJ5/tLURUkmOUIlyGv7UzzJy+Rd9fgI7MMPCOxrBz6hETY+BsB2qoYq0JSB53qCW3Ce2+0uZErKKqQZEjTCPWxpAPMhP8PEvIJLDqfGXpybkS33fE2lNJlJxqQo8W6oXKmMY+49SbtoCSoOGMPEAxGlOfDYnVcBmVKrz3aeWxrZHMI1y4C0pmAn7Fc+Qehlusn7c+IUVjYtBGHz+P6keKnn78TBAaIxa8g4KQI2eMioz7VHZFjEcoUMKCEuSHnwWL/A6qJlnmMYUpRwURI0AdEpgWFJSuVlluP059NaNHLJyot8yAgCVGxdA3EgZ0czfgIvGdKTU33UiZTbcAVo8G1inONpkxe9SveQj4VjChT2fusXmey3DXhi7GlPuBaSWY44jSdHbfs4xabFsi6KEpC5oCkod4nyOiyAWyCgBaSbPkQJws5Howam5YOBWZcOJyuTPFM/Ur3bNN9CZ//uVxVB9vV8Z56n+MAkxEtEQBj5+ykjcZRg/nAbcGY46KYBaL00aOopPUuMCJlPwFciZIEXxevlCyqBITori/z1K19VRWE5hqOf+7gxhrMZjpFaalba8g2EUA9MwFP1QowBGh0iGjRTLJCyKx8kUmB6x6KO2Srevu8n1CPqyVt34JiZ2ddc4QwuiO8xetgRxtPwfB9MTre6eo9XIJaYpW8nddU4qd4NLQnufurwlgEXNlZB+i3hwzUb3ZYijSmT2gTBebdHO70Po1YPR9UIzG6sVSV2zyGIL85EtPxkZ2xi1xtGpbXahHvO3PPcG5mnG4eGTN/m4OfhQFAColC4gAq8zEkyhV4WAUPSgqbS12VOfhYOfgSF23Xed6gLdF5LtteVShA8wYn2UKGEMWxmACFnM/QddQ+0gkkjRA4WPWBCSu517k7ipXJyzOEaXdRncsbNo9vfq60wNC501b1f43yFpccaRxk7q1vpKEatWk7LWMOC3IAqtw5jkq3nE9f8LwXfZ4qPRrAkKROCTqg0TSkIxvESSTCcSooSf8nAd9Xj+5qCb7pRd/qWv+SFNjnVCpZujGW8rkCIdkf5JNDOWT98vrsowdiJhTlZcG3rFv06rCC44t1KRpiiJpsHhxXWNa6KsAyfmG3YEEjctORZodrA66p3T0xutrmDb7QJvPIBo2CCF4wFwnmejnc2YpMieydzH6GsGYSAceDVvUllBOTBSkV8oI4bcBTgBi/qZXtA6RA9lrldEDU1CwhpGg6hD2ND6IJMqy/4qkvkaI4TFPrKbbxMCgLLsJR4necklGQljnwurcvegNnwGIQuhI9bONIKLdvydb7uhebt+GT7zuXmiqFSLvhlh6Tn/sDKqylraT87GC0kCKZvpKtqspWHh2/Ii8BUy/PQPJS5hJWzAhO0vmheX1d+8bgRAvCwcVIx4mCeCnBxvsOp2EIJDoqkcpF9PSYBCKdN7DwmezykjDYwfYB9WXzpVeAe5DAon560Im2c6fPFpa+sBijecaI1rzuB+2S7FvR4CMKH2SSjO59En4APh+nkJYFpkiSJl9GlXtokxYosS18CGsZQ/LOQ1E7HHCzeUIsPYILhNkzk+HwQyORO2J5Vuo7FPWT1WRyw4qOO43TEcuECb7TSIZ/2cUOeF6OmxcPohbG/tTJdAXZ0Z3WAzshaVKj9ju/3xBO6fAfzXkmfj9ztWqhpXbWtjcEIQzK8gPipARyq54g2HXZA7wHIjnXRS+ud5TME7OTqvg1g1J59UbHzhTZ6A09rOB97CSNbYgEa19c868SbemijMLiWd+0yp8L6lYNPehfg+4UeX5bAr+pAsQxB0JIuUzJHEPKlA2ASRTEcwd9Vj+9rCr6bi88klDJrQu6Gu2pIsIUi3zQHFYg1pTyuFuqbygEVGBV5lr92HBMYcY2wcIz1dzYsSgbaWxVNrO58hCnwpDlcuTwwbE8tLFxyxMxQq7L5rZI07d5T/MMMq6PSWidp7gMMLyaormizA4azEPNJATwfsxeIBrb0AmfCeYwRBcNmMJ4R4vBeOu3YtZHWbsGbZEgSZKA176oX7AQmuXRb1bLh9/sX9Ph++SrvnU7enOA4sqHHvWcXWlKOBiu+lgNUwb0IwLX6RDvcDB02lCdODOpEW/S5HbnkqmExcYy2YDaxsAdOOi63zGQViwyngvKn3ra9geuvTY9SIWRABJ0y5YO+ep2PDP6hdocxSsITvRIo9KpZ9gRxSjZZHyWYfe8bMrFJoEGvITxM7O2gI9yKkfqRV00hbLMiNO2h8C1H983kdU038zkObBOs0rnpcepLptPqQ5yY9u2vX+mR4l6nzRfwvTSvN1Vy4q4EbfeF6inDruGuGgaakTJpz4t/2D6t1CEy5BLh6OOVSdyUhcmCmuGxaw65G/arLjXP1DzQJTdQWMb5xJ7olamjgO5fRDwVlh0IaDIjx+SltmbWGRufxMOa97PSEttfCZ8WlAsoNthgkEVa+NLoFbZ0V9Cme1zDQIQENFHDQwRhU+3axLoMXGRrx8uIayuwb+jDSbufh4OCygSnICp/WV2SSCEcSggEg/KCQpFXunzuL+56v8BL6LoRwkfGZamV7cw56fB4mjucnPJ2FiZAOUuZlrB5fIh7MI3I9Zwer4zSxqVbx1mpgXO9MSDMLUc6N7Q+d+QuUnJCuNKgLV2AM/GTnyxA89oVlTIBEbWOQXwxSDavS4i+NKLldKQ7mH85+NB3YXV/pR7f19/qjp9aXfcbq/uN1f1ts7pfJfjwvzX4vvNXrb92Cw==")

# %% tags=["exercise:strided_shape"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("strided_shape", variants="cnnlab-variants/1:eNrt21nP7Mh5GOC/cjBXFjgI903wBOjmTjaX5tIkWxAC7vvOJtkMDIydGLKDBAPEvnCcixhZ4CAJolwlWsb2j7GORrrSXwiPZjIzGgmZI58RMJbOxYdusNlVfOureuplsfpb//ydOgiT+p1vvlMlY5vU03sw8e6L9j2EevdF9R76zrvH8efxaYokFBwjBBqiEEVQRJpGOIYiEZ3GZEQk0HFiP3ZNPx/n/uh777/88K9e/s1//Ohf/e8ffe8HL34PfffFq/IQ6hsvPvrLf/ny3//ty3/xwc8+/JMf/+n3f/qdD17+579++b8+eHUe/LMP//SjH37wk7/7zovfj7o4+adt+0+Yrl2Q+FUJr67r42v8Z1OxJ+8dh6Z5LOLkPeTdF30Qx0WbvQd/4/fBn3/179//o5/83b97dRk/r+2o9id/+2cvv/ODj6/qxe8x774Q333hfuPFj//iuz/64fs/+v6f/OzD/3AEkRftqxB+/N3jiv7by3/zfz766+/++K++9/K733/5gz8/4joOflzOT9//y5/+4Z8dtfz0v//Fy3/7r1/+z7/56M//64v2xXtHlH///h9Wxxv0eO2PV/h4nV598OJHP/xPL//4v7z84//x8sMPjq8e1SVbXwdtMBdde9Q6JUGdxN8swhFwY45VoqrRtik3G/5k8ys3YCjwCB2TzZjWgQoOAyUlqYqKUWG5WuYzhPM3WWsgDRBkNxY4kuc9VzQtFwnmqjQ95iz1VvdIJhTGsqa+JNajoWEZ1cbFCfosVjAdAdPTiBfFhGYRembwaIQ1HBejpS79/CkJ9sVPLKW/YoV1ftAQUZi8dp9nhEqaeoFyIstX3R8jZ3b4PENEHgpxcUSADerYfFQqBXM4WpFO7713xN4U0xxUyfTON7/1rXciOMDQJAlINEICDEsQhCAIOIgiiMZgAguO8z9pHTklInIrWkiogCLw7+5J7JRaLTkDupArLBrGk1yJwA9WmlIjIHW4q1KF5rJzN0eUzJVYOx64P05g6uwJ5UuGNEaZbNfXwoqsrH3MFas9hVNO82ZPNad7QwRcX3OkXZ54dk9gOh4gl89H4rZhdyIlbwxcaIpwU/LVoE4se+dj/f6cUGyVuQwxW059JONywi5QVdkeXo/76drQQg7RjQkEtMjD3ZPQWRizgnZldo1wuPfe+fa733onjWM6QTAUpWM0jmA0JRKExDCMiBAChijssyaR7rR9u+3OFQC2peqKR1nWrUXWOaK6oX73LVVggEoAN3W/tZeGX6e7CC3WUqx7G1qZoicDTPvSmerxtq8KKjnD5dRBvDR4ddEDzcl00PttQGP8gkH3WUKe/DlGDZJ25tlHa1iByFvlOtmFcTjCTb1rTrFZSMI1HBIumwH7wFk7MyLqIi2sGkzVbQEoKUEFC/s4VBqOUJLAUAIOkzCIwgTCIIQkCTLFAhxN6c9CjeNWO2t3MUzQ88W7sYxfknHgd1cQ02J1kK39Kc36jiziDGz+vlxkudda2bAFm7io4qDfeXxVK1eOOzllox6T74UzUyAkYfzJJ3lx46+CaUUxIcpbozuSf/gTJrhpWZqk5ROjiUOreGcL3iNV4hVGps514KFP3jNJT+xAsApS0fOIMxspwPWhGiU8apLXygBz43AqdPpN4dpmp5rGB7NLd4N3jRmck3pU6dz3jXNOVX+nySAjsN5+tNqr3vDtP3j3/w81/jWGGv9VUCNfI6jxT6BG3hDq9lOopbdQv4X6TaCmvhzqjiuoNH8L9VcO9fN1oa5+LahR5BczaooIkAQK0qPpYzgk6TAMEThJicNokkRi9MugflUeivwuZNQo8qYZ9QZPZ9O+erK8VjzC3zBDoTkdtfUbome1KLkakZxK9IIlp5PVHlySqmF4OK6k7HJ9anCimAlsgCflDOlVyaoYrXa8RwUG0iRbhQ4DUZ+GW0sFDxECkUWa7tEmYQVNUvudE0VM43YEoZmd5SYsrSHozJtMJw+JOAIaInCOxVrISvm6ZQbSxuhyMV5NTgemWKepbr8huYqceFyeiVos2OTKUYEPVGcGZJdOB+Q9mq+/DDWF0kgYUBEE4zAFUYfZMYbhSEIkJHXABH02VLO9aB+IqXYmAc7uTYDsZsWYh7zp5RPrvZLy556mL5mH3OWNXDBDKJFFc6mR5W1GWeqR68+SixH6g5DqBvQz1L5LhameQf0aQDzTdOGdHXxF8R8Pwe3gidLIha4UFWVnBPT6UyJLQ94Tk4oy4+5ieSbSuF8ezPT+0nX4HN7W3ksgd4qYZTAx5WKaQ5Q/lKsWh71HJ0UndjwsPj1pLZhnDR8F7TX3tFQjuRNjQE/Ox3qRVICFKInCUZqmxzsCo5EkpOKYxPEAh9PPmgTT5T6ixJvhb0B0AmOvvDKbXPXmzWpwQ0A5LUnpflGU28RENnA0gA/uOAWhdLVPOOvBF6ataek6pgIvNU+4i9d6H7ShMtDzbNzAhM8jcYmVY74QtNkYKGszS8Pds9wqTkgwQiIc5o9ZpcQFpAotm8KHeS8GbSlDrrOwJ2NBixLWa188K91NyL1LZRnGD+ZPH4f6+tO0mhIhnutHj/DbUgMehXGv+h0xpnHmL24cl2O6PhXkCPUOGxOrniAJqFHJpHO1UR8+u0J9gsJrJJdNs2ye5pDKAA6FxGTkpFtPGPeYIhNn/eGcJ1ygzALTja6GcN/OeKZMUER3MQ/qm5WbyVgmNz8TmkVDN07E3eOG14p2iQ/qesMrDmpmct9tJ0meAVFHl4n3nGVfb9ZGhVOVsHiOq5nraWs5MdN0HesiE7rSezgzGEjIRohaU3P8pXsdqPGvMdRf14z6U6j/wRn1F6C2P4W6fgv1W6jfBOr6y6GWhSfc02+h/sqhFl8X6vXXgprAfjGjhmEyjoKIoJOEhFMYoakkRWOYRtMYI8Mg/DKoX5VHYL8LGTWBvXFGzQW2KwcOSOWB6vH6eOodYYm3PtzEOvYiYZSETX9I4BONxjv/wGsvbgRkBKBhToQbjGS1GRl6foIzEnOnwmd4uL3Pqd+CVtZNdXFtfZES2Z0GL9wQK1sUcw+EpplWRASXE717khFAZGBNH450qWyAIo3pWX6qbRc9KptF+bCm+s3pqHG81kgF5RPIysrNpq+T0mXI2JwVKNvgYPDPggoF1dV4ZJdSznkicIGjs/4y1AiVRHFIk0iQhhSNJgF6MILDBIKnKRVDnxuqthhezDqiWMXOLe2p8Rejzk1cdQcrMsux5I1BS2AHfZbKlbwslJnzJdW1IoHXWwZt96fUrhYDE3VbGCwdMqVhrGscG3fUGdrQF+xVsR78eWSOwac/h6s0wX5PagAIC2U1DuIDiPfn09u7cAuNFVfXfupCDe6MifBmgaIK3m1kf4mMKJypC3yTc3xfjQm7n1LH04JD85V2aEk4cyPsaSFzucyJQQe30XLPoxh1GEl9svRBIRABpSEewAiE0EmIYAFGQFAUolGAx/hnTXJjWmYHKm+FPCMk2qaGTPFx7uvMcD3SnhXehefDzEdNSXBw3WP6lveBd6WDsO/shJUZKwVrXWKXXcBPF+gKQuZk0xyL88k9tH1Zu9YLdVKSE8GNQ9EFZYQx+5m0l9C64IznP6gbHhbGcgJxveN5VciilGybc71dOowbXUw5/hfPhjJ2hnFIyskE+zLZvu9G0MehxliIoHhMHZhgFBRHaADDEY2lJB7GGPz5UD2uS0+D3NpAyZ9Z3pHYvtwDRF8M/NZXRDXVkJpyaJ6ex9P1LBmXeb+mEuEZsAqZDCllnM5jCIJXkdZpdtMSDthfCIBf5O20LhhQwFdnvDJZqERucn+iPOAlNMt1GTG6WZRAQ9wCd2wgvfQByrV+ksC7Z1NrdImlSDWBs1gD0yAuJFPgilfAG1QjRUj7TbX5gTWUtTYfs7m8kHpf4MEG1sN0NNgsMxRibfuqSL6VLKij+8cEyjmoVwuB8zpQ419jqL+uGfWnUP/DM+pfhFr6FOrxLdRvoX4TqNUvh/o8QlfAeQv1Vw6187pQX14T6leLFL+864MiSAqnSSiOUZrCIhSKU4yI4yQIoSBBft6Uv+GHiT9fjPmd2PUx9l1rPut5lCLHXYngSZRDk7CFpZ5wuiaCGsev0Tpk1g2tyAzOIFTG0KA5bXkHKARFG45J8C0F8PQl92XnPCKBeSpAQdWRq6o/lsWao6DWHCS7bglX5+xYRz144YXEYy6gQLaWkFkqI4wKEyJhZOMR7RkXkjzNOhuesh7jjPESlNqCz5qB3QOQfFytzkSevOZSdBIYBdZK/Kba6QTX0lnzmRpU1fu+t7Z99QMfy34ZaohG0JCEkEMnCscRPERpmooxmkLwIEmpzw3VNHA4b6hJTW99nrNiO3cRcDw8pGZNuwkM6tR6cXFXLD5TeSmT54DxpMWwpcCHZ0a9YKI74LhXK3C606ZAwu0gEcAEMF1uwu4tGmH1Wte6N3oC59eK7LqUdseeDWlBXc/4amrKgwCXbro4tninvexiRJXrkC5FXUDDXPTdyzS4clHBjR+jf8kjO7AfvkGnS3NfgLKAIBbYAIqXGYOn8d3RT842BFEjsFjfTY02qR/rRYWHWVSE0VhEhBGRIEgKUygRH3JHAUV9bjVoHRB10nboyKOuzc62eExCTdo6G1tP69O05CGvvWoeMgUXBaDac6i8a2PSh9AUldlVDsPw6qIyPUzCAzoVidgjdZkQ4PVR5QR+4llpGcxZuggTk2IXomi3Rj+FQ0g8r5MQ4RVBR9XqnIZZxYiBkbqr4PEQHt/iLjmB8cJ1RSbhxTz4rVR3iog1R4tKG8cn5SerPBFJkxiNxAEB4xGWQgQZpUmAp0F6/B2xfhaq4wNBe0ql8ExWmzLcudQmUyCjISc3CjsRyK7WmJnuKmE26ykoj8n5ZFf8qpZ7HFqemMWhMHrBpVsnod0po3yMRBecMqQ+BtCehbMjN0pn9D47UFNfUpGzkJapsNuAz4H1eEYXfrEoUOlDmpkfD77OCPvMalHSIh7fuPt8dCiGnOoImm4YquHD0uyjEPG1HsNa5TSjxOpAp5gSjFn3uZMUM2YyklA1h86g3O2WrcOVxpQYvneuGQQH9+x1oMa/xlD/9u76+ALU0adQU2+hfgv1m0BNfDnUcFYkgvwW6q8cavN1oY5/Lai/uOsjwI9eACUphkApTJJRgtE0TqdkEhIkjqPpb/5h4j+WjPrNd30MlHppyV0mtydU1AHoZmPgArqX549hmYELpdRb26IqerHFbCuEHdN8WQgQAx9bDAEi3M1T7QlTWrmZT4JMR0qlShebew6CabOP5f3q0i4f+QTGXeHMxOKI2XSwXyjQb268rwjsRRexwVQRQiAPQhf8FCcPLMex9clPAjgyWVDKSgRiewmA9DbozEgMHgb1HHlXIc193MTcuoBzflPyeiQvncT5nW5W9TmBcIP8Fdvz4ORIAGI0jqEETggaT3EEfXXnCwUBEWPk55Y+3EQi8rIoq2FjxWk7dUzSmEh8JXUcTPxkvQQWCci8vIS61RqaNsVCLgR+VRX29Z66jTirzebKvQpdDVZI47LxTvaeYzMHJyKBgotMczeE380htNmobIz67tI0xPu3R6AnSA4TY5d29bYgcEJKk8ldQ4KHCYYZmyTHrPWc4GznuSNjcvVNOUHu3cMpihMKLhVE/OaLPKcu6g3PBVegqDOoTNSa5w5IkSc+W2/LHftkPSAlYZSMoZAKCSKNyThMyISAYxpBoiCJ6M/NXbHEjwGcCJteudiNnLGavsuDKC+AgS9uHwmawboZyGYXd2A1tSo2cUqM3ZLQMRKbx8wUCoCvNV1o7cgJTZpQdHM5m251uwMoKM7iaOKptBd3tl+kXAbj2pf9OQerWxXci43mxkLs494e7mPWgy3JiW5MMg9jB0ZitEyePNXNHRT0nL54pyftNRMY5VQm2cEnDxNff5oOAoe9EfLAUuGZs6GhfUhERC+17EMsvT/8cJX4A76iw2q4sKHuNhw9lXVnATyLTcVjT9bb1puMU/LcqJEMPJwLUMexfR2kvK9OIihoIFqVGCa455hHzpbTCT7GVGvhdJ3l6w4DNyI3hjdAurLDPZ57yhfMOvUD2CKxCbjwzKgX8xWxwrlbn6nL9kGzM5qNnh7GYvcEmp/7tdxuQ9sGieSIU+12Usg/uWOkKnfWWZoz4LpFJ44XrpJ8o59eB2r8awz1b++ujy9AjX8KtfkW6rdQvwnU5JdDzTdNmkZvof7KoVZfF+r614L6i7s+CBwiaCLCKDJBjxsVBCVJHCYwmkxTBEFw7Df/MPEfS0b95rs+ilNm97lwgzo7oNuUhGI2TJ8Wyjn5kVVjMkqqHLnfy2b0bGNTI/CGjHss0hEyUTEHXgk4Gasbm3s9YudEqEZTY90BqEL4STUsmr6fhu7MyU45KdwdNRo2UUuzueIYtQjTrQOWciBPq6Pxs7OS6yruU0Qxd5i2UZ+BICUitQ2ridn0Vsh60LUo67oBPvCUgKyC3MnoAFMxnhasaPcqqPYU7nH3OdCMZRXXbTlX9q9Y+sAQDKVJGINiLDn6VIjCEESiCH7c6pNwiCafDdVK05ggK91VQM7HXFUcfrThndiqUQSSpRsySBYU2F4YCfAXf4cgXrg/VOrcXNjaFlLXRnRXT2xDX7FyUCPIuz7CdNjqCzbbAygV6EVpnkwbWBFfkbHqDHgfEeEQpydkb7KTf0UoaUMOKnH01rDwUjIsQ7um6wUxc2ltseZFpyrOJjN6LZDNdL2SuVuqID0aVx+4jNIGl2NSPL3duYBEyWmbthkLOg/qehtiKXmA14/1OoRC8JQKEZggYQSiwxgPjxmDRg7KKBT93A9eltxacOeZn5kNWm+9b4eUHm99clUv1LU+oc8zXTbcMyc1o08jFipYAFPhTQ/zp7HW7QSoTZ9lIClxU/rA8QuZdsLFCpsqB+a1BPSRv6/3wMjjkuQk9IYrGwhdHUOSQDmua8eUZ3AIqFvolcd1aiX4fPq39LnJj8c5uJ6daxTIxCg2hfN8JtPNOruYOzcWJbB36v+t8tBYjARwiOAQRaUREqZBGKEBTiQH1vHnVnlgZiA9HDlRejheDeh8d6seDUvNknnz/FzFksb7G213vFneMj0yLZRi9cALw8wZSZDTWGpXogL2Uvdof0h++NADfdobdthlXHfCinEkaDgxHhc7RwE3ok46GVX8lb0KADnO0ohRvIpXHnNBHnJ2Zv1IGPwZefAIiejNWFHpVsrO2TSgx+JLfQ2hAZISt/J6ArgVKm249Z6sLUe0+ozmVSsSOkBV9Zn0kXEH8nxAg5OkXoZMpBIY78N2YLjXgRr/GkP927vr4wtQ059CXb2F+i3UbwI1/eVQL3f8QoBvof7KoX6+LtTTr4L62/8XI1qxFw==")

# %% tags=["exercise:total_padding"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("total_padding", variants="cnnlab-variants/1:eNrtmVnP49Z9h7/Ki7lqoUG5b0ZcgOIibhJJcafhC+4iRXEXRbIIYLhFYwQGYjRo0RYB0ouiLYIWTm9aO0nzYVrPNL3KV4jeSW2/RmbxDGB7MHgvBFDczjnUOQ9//0fv/NmDMgiT8sFbD4Z6CMq30Yc3dRcn3dvgg4cPjsl8PRCFCEKhaUyRYYAEaRoiMAjjYBqiOBlReHw9senqUzNcz338048e/+RfP/v0nx7/8Ie/+fWPH/3gF49+/otHH3/y6C//7vEHH938UXXz3x/81c3xZnXTXD/9H98AN/1vf/Xho0//49HHn14v/uyT9x79+/uPfvQ31+Nv36D/8977j378s88++dnN96I6Tv60qv6EqasRjr8HPPl+8+hH7z/+65//5s//6/FH/3bb2EcfPv6H//zfv/+L601++6ufXnt2yKvbfj36yb88vfGb//vBh9cONDfX21yve/y3H3/2yT9+9ut/vgFvbr++98vr/msvtNmsu+hwu++mCeI4r7K371zyy/c++/SD3zeYTE0ZVMGQ19W13T4JyiR+q4RXCIJoxTxNknlqsBMLTOC6baR0AP2Exe1N7pHnbJdLp8kfNvXIXQRMJ87SoC/ZBSNPh8typHXSA/aFqZmAaKkJ3KPDeUeVWpGchjZayrIp3JaAV3R+qmIFQThUpRtiO+eQpMXk7pRbcCiXWMsmKRWPsles18N5y6Tc2B6ahKPxcyte3n77OoZT3g/BMekfvPXOOw8CiorSKEEJFCGwJIDiEMGxKIpShEpiAkKv5///KK2cVaHN7nw2Fzk0d7q67mVkB9gYXucyHl04u0oMc4G5vq21SUtXEaL7lzTXErTbWWuq7ICmhLY1dQAxsQxcMq4gnmUzZWVIZBiFIhCwhB3qSwwke48mKsREDJAdoGbl8S1Rk37HSG3JPnj34TsPwBRBITiiSBRFUiyFoAiNMYzA0DDAiTgMv+y2orbn9ZZeD2UcEzh5Hdu4ZdbxCmX6Q3uIpwaMhRBZrLAqtANeG7rhtLajaKmUlXXnrnsW93lfw2rd7fJqbn2WQBcsBhSMw2J2HYcdeMCPOE9pi54DNChlg0ddbAvOlTIzaY84+0Ru1POlvggbGkby2x/hdggJCMYYSCBJiOMxTgYhFGIhAiERkqYYSmJfDkHn6cNmvMQ7e9l001qXccp3JpIv5IqhsxDu8TyYZUWOoya1DzmKoDJPiqyKc8M0U6zADmMnsIqP4oSWLx292dtMf47aCSYIEpBz8FLMZnIsOBEWZxqzdIYBWgIMdIZeZ+J5MhqKwFczh9biyamlRgrhhSt2iTXmfV/uxCQKzBbxyIWcUnZFA+BFGN3IyDTndD7lDbVK2p3oCKvQWHlb8CDXyW7GTlyDmDhA2gQ9Tdepg/JnBpfQtRJdH8+7Dx/Uze0iu52kDz5fkreT8fNt+M42eWcbevDu9x8+E3vQF9ijrhOGQikwgQkMBgMqIiCQSlMSxtIAxZ5MoHvsPR97y8EkDbEeTNJKiD2KCraOVAfYc6M28hLeaqGk9El2rnKpgDoLh3YVscuYSSEGzxvlhV7NpasyWHTAyf0+0vRKTMXs3OJF1hahQaAa3Pdhh17cipvW6EBkOjId4JBzcK44lm12SrAVXwq+ulc6eSS8CkUPJmOmHhDRbIylDCB7tQl69B9i7+svPqukMyYiJ80ayU4ANrO7OENKj4V6YIlzCYSXSbZ6xowVvfQgACAGICHVwKKyTJwVY70NG50CAgE0uBBk29Ne95glLtl+4+jhpamyYsgze8ckQSge2dpR6ILcXqKgkJoDUrMlJ27747kofo89jESTAAsggohQHE4jNE0JBAFROInxBI6+7DZ1Wmik4Pz9Rppa1z5XaC9VZp7iGYaPEbumcDHOdisxWYdlNuzLjVOvKglZKWhOz2cSOOhabh/H4/bYll19Mayjhrf2yTpwyYGhDiV9iEWn0+EULVcGfuJgYDs6Byz3shqYEcv2yyJ0Gbe7voK6dOS3l8+x9xLkPrdnXtu656WKRN0i9mdOJjsYUwg6O63jueGxje2mieFc2ya8NF2rQ8iFjN6J3UiAG6dpIvxQYd26e0Jur9AoOADkqTSw8zDqqxS2Iq/zEPy8PkqUoQiZATrhEKsB1kNQQHo11h3LLUxKA7cZvcEqIbHe8ZFBNyatQizeN0dpRirXCU6h03kxWgH+MlhoHV/cDEjHHTWHwwmKru+L66xSjL0i8Xsoz8Uzq1bHkw+wJol2roaLNFU/E3vPRt3DO2h8HvbgL7BHxFESgzEVhCgMBygKpgQOIkQIJiEahOl92nsx9tKZy6J6SxiQx1uNV1XVDtKI0LdRx1qanHYIIFtpQKJukXbvmIYNCQus85e9O8+4XKHbbaMLai94nRnG6o5yi2RNC3TUHJGlIHwFmY5MwncgaYCME5OWAZDAsQq4a+LTQphzV12ZrjF7I/DKPEkzd5yLI2RtBnKrxSvMuAaBec9Fil5kf4i9r7/4NLUd1yRN9DNxEk/t0LAyL/CyqQCbQ6wVRKK1zjI5grHewPnIe6ZFwCHDeK7GG+OupP10rOgYrqrGAkB32Wo5QzXNpuhtwJDyrd1uUW40GWyo2fUs97rOr/dGvAxnfvEJ21NbzD9DINg9YcbXD6l6zmoQvLNGzp5qLeSIRGJnqUZlgckpK8eXs67htlPuZG2/PeY2FQRb9+hAghdH8ryQOtK62QTBs4cMiR1OLZlcUtMje6PJa3xvYt410+RFX+Cath76dGUAK8ovrUHdXJ9xsRrUzk22WIBsEDk7NSP5Bfa+Prk3C71komboy8WnqL6VBc3HJE/ybaIgWYZS+ug8GIx7EU7n/lBL/AVrwmrhAlmFVika4lHVRsJRg5wn5LY5Ahhh7hB64mEytbq0U+rirjt7h47WNsxBb12mAhIuW6xY7Q9uYhp+AgZ27RHruIkKIKSIy9Aa8gaXw9lxUhERtdWxKEpR2TI8tIdMgGlEXoN3mmHZRQXZB96zD3h+hGthHeMniZd2Q9ImEceoDZifyBh3xH6Px6M1Pxt7z0bd3RT4POwhX2APjKgUCSk0QhI8QakoiWKEJEOSgIjr3pi4x94LsbfZc9MZbrQouy5qXsjkpmKQrW8jQJizg2juuuFQ5WdkXINjFgCxqGoj51RGnMl5hhVFH+xnck9asDMoaLZldH1fyDywW/jRDCg47a2U89aurWRMge6CjVKelGHX8VSi+QuAcsw+VhFLUFIHzI6HwZcVh72m9WDjpGa8kVtHAH1RtFLjKWnv6y8+7LSsEZMr9P0o+wqLG5VE5y40S7GJezOlyGtgKyph6FarqEDJkdf5vIlXDbsSEEhUV9Y2iPTMwdm4mShvAhkeBi48JW7qUnaifpg2+4GNallL7ZHR5GwMshO2TUNa0Nlm2rLiXKj0UZlftkK85jGmJxWVlQQvbAxBdNL6mr/0RWG3dAj1yiYk24q2BigKMwNCO4OZA5OFTjwADRmNCeQZJQqf6IQnFaIwHYRmt0qVdiC0/XHccwcByqGVSnU+CHOzUWpQEeMFcd7H/Tlc7HSLLSKAr8hpa531zeZz7L0EuRlWm6A10xvjJSyXDdzn/LZgAWx1LiYwx5YUVEEIHznCNJjS8GaJUXx4g4o4ZOxynWhjzEilGJ4k5Qm5u6iFggsuOSqQhxaQRL1lisk8NZqRCOEeI6EZBIFu2OQuasgO2aKB7eLgcTLULM8u9OJA1pJbjs9RRSy6aHUYj3oiHSJoMPOuhLUV5THU2K9ykTPcwiIOHrPt3GrgR8+lVAAGdqTjX2jaAI5KlEVYvafUgN9rHjY2g/hM7D0bdXdT4FOwR75Obo+8d3uv7PaIp7s96q7bo8v48u26PeMFbg9p7t3evdt7ZbdHPgN7EP6iuEe+TnKPvJd7ryz3iKfLPemu3DPcjv125d7mBXJPne7l3r3ce2W59xzWfd289zrYPfLe7r2y3VuebvfMu3avB4Hl27V7wQvsHra9t3v3du+V7d5zWPeCfzXI10nvkfd675X1nvB0vdff1XuhWhbfrt6jX6D3mOhe793rvVfWe89G3Vdy4FO4B8Gvk+CD4HvD98qGb17qgeO3solJR1/Z1btyFoFdG2SrizaN2vmgMkcGJyVF5MusPBburhck0bt8s4YvdID8vFPcPQPBDnwbnWAVleQpEY0LeBxXbmb6INYJQ+JeIMnTzBTS7LBJZNdgDrq1Y+W8W59wtpNiVIAYol6w/VLmVg9uK+m4qua0pyxoM/KF/vLl4r3pe1NMH3QXgV9JgXcZiDwfga+D63tzEPgdyL4Z2hX79aKEtQbiR1jGKBtTtfPZuCYCW4YwE5krXZRx22XcJdQY317hrlf336zs03TaVKx+iOxpAy+3KUpUVAJsKGRXiLu0PqO+Fl48RMsnmjval2PTNTC5D8wLhsTXrJLvc8pUqIoiN3rrQ0oxUCq3MKy9UVMuGulorgmQJBvW1V++cryXfm+K9HsO9R7e5eRzEfg6aL83B4HfgffDM0VT54Ok67Et4MSUMo2k7UuwK/GihbNcK6Di3CWy1aAeqm40RpLzpVij36z3M5FYSMMToY0duQ9vYxRnMvtwW7WKJXnh2eeJgiiKqstL/4xXbbik1/KKWfZ5Z4xzNXLJca5RDQBbzeqZS6Mu+mFZqf4gL9w4J3ZSzD0517XIv0IRee//3hT/9zzs3Y2Hz0Xg62AA3xwEfgcKUG0OKw0lVhvUaqzNWlLB69teghXsYpCI57t160b+ngsCWaAzQ5ZkPqFI48B9swpQ2lYym9BseSb50+42RoXjwrcqc1EBxBbD3N6wJ8ENyq4NHYRO/HaZKAdoJMqe3WbYDHPnhQHaXLs9R9QoYt56x+tbHPFcPdftceXkZtlvg2Okv3wVea8C3xQV+BzqfSUevvv9d38HLHfLFA==")

# %% [markdown]
# ### 练习 · 手写零填充（2 分）
#
# 补全 `pad2d(X, p)`：输入二维 NumPy 数组 `X` 和每侧填充 `p ≥ 0`，返回形状为 $(n_h + 2p, n_w + 2p)$ 的新数组，`X` 在正中间，四周是 0。请用 `np.zeros` 和切片完成（不要用 `np.pad`）。

# %% tags=["exercise:pad2d"]
def pad2d(X, p):
    """在 X 的每一侧补上 p 行/列 0。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:pad2d"]
_ = check_function("pad2d", pad2d, [
    ((np.array([[1, 2], [3, 4]]), 1), [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]),
    ((X, 0), X),
    ((np.ones((1, 3)), 2), np.pad(np.ones((1, 3)), 2)),
])


# %% [markdown]
# ### 练习 · 带填充和步幅的互相关（3 分）
#
# 补全 `strided_corr2d(X, K, p, s)`：先在 `X` 每一侧补 `p` 个 0，再让二维卷积核 `K` 在两个方向上都以步幅 `s` 滑动。输出有 $\lfloor (n - k + 2p)/s \rfloor + 1$ 行（列数同理）。可以使用 `np.pad`。

# %% tags=["exercise:strided_corr2d"]
def strided_corr2d(X, K, p=0, s=1):
    """二维 X 与二维 K 的互相关，每侧零填充 p，步幅 s。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:strided_corr2d"]
_ = check_function("strided_corr2d", strided_corr2d, [
    ((X, K, 1, 1), corr2d(np.pad(X, 1), K)),
    ((X, K, 2, 1), corr2d(np.pad(X, 2), K)),
    ((X, np.ones((2, 2)), 0, 2), [[13 + 14 + 9 + 10, 15 + 16 + 11 + 12], [5 + 6 + 1 + 2, 7 + 8 + 3 + 4]]),
    ((np.arange(64.0).reshape(8, 8), np.ones((3, 3)), 0, 2), F.conv2d(
        torch.arange(64.0).reshape(1, 1, 8, 8), torch.ones(1, 1, 3, 3), stride=2)[0, 0].numpy()),
])

# %% [markdown]
# ### 先预测，再揭晓 · 四层（2 分）
#
# 这一摞卷积层把本课的规则各用一次：“same”填充、填充 1 的步幅 2、不填充的步幅 2（向下取整）和空洞卷积核；输入是一张 28×28 的灰度图像。先别看任何输出：预测每一层的输出形状 (C, H, W)，再点这一行的“检查”。✗ 会指出你漏掉的规则；只有在你预测之后才会显示真值。每个格子按你的第一次预测计分。

# %% tags=["exercise:stride_layers"]
from cnnlab.exercises import predict_layers

strided = nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.Conv2d(8, 16, 3, stride=2, padding=1),
                        nn.Conv2d(16, 16, 3, stride=2), nn.Conv2d(16, 32, 3, padding=2, dilation=2))
predict_layers(strided, (1, 28, 28), ask=("shape",), exercise="stride_layers")

# %% [markdown]
# ## 常见错误
#
# - **混淆每侧填充与总填充。** PyTorch 的 `padding=1` 在*每一侧*各补一个 0，总共两个。公式里写 $p$（而不是 $2p$）的，指的是总填充；把 PyTorch 的值代进去就会算错（第 8 节最后一列）。
# - **重复填充。** 输入一旦画成已经带 0 的样子（cs231n 演示中的 7×7×3），就用这个尺寸配 $p = 0$，或者用原始尺寸配 $p$——不要两样都算。
# - **忘了向下取整。** $(n - k + 2p)/s$ 不是整数时，PyTorch 向下取整，最后几行/列被忽略；不带 ⌊·⌋ 的公式会算出小数。
# - **偶数卷积核与“same”。** 偶数 $k$ 的 $p = (k-1)/2$ 不是整数；此时 `padding="same"` 会让一侧多补一些，输出因此错开半个像素。
# - **带步幅的“same”。** $p = (k-1)/2$ 只在步幅为 1 时保持尺寸；步幅为 2 时同样的填充得到 $\lfloor (n-1)/2 \rfloor + 1$，即尺寸减半后向上取整。
# - **膨胀与卷积核大小。** 膨胀卷积核有 $k \times k$ 个权重，却覆盖 $k' = d(k-1)+1$ 个像素；输出尺寸要用 $k'$ 计算，“same”填充是 $d(k-1)/2$。
#
# ## 参考资料
#
# - CS231n, *Convolutional Neural Networks for Visual Recognition*，讲卷积网络的讲义：卷积动图（5×5×3 输入、两个 3×3×3 卷积核、步幅 2、填充 1）以及按每侧填充书写的输出尺寸公式。
# - 阿斯顿·张、李沐等，《动手学深度学习》，6.3 节“填充和步幅”：按总填充 $p_h$ 书写的公式 $\lfloor (n_h - k_h + p_h + s_h)/s_h \rfloor$。 <!-- parity-ignore: 6.3 -->
# - V. Dumoulin, F. Visin, *A guide to convolution arithmetic for deep learning*, 2016：向下取整、“same”填充与膨胀卷积（5.1 节，输出尺寸公式中用 $k' = k + (k-1)(d-1)$）。
# - F. Yu, V. Koltun, *Multi-Scale Context Aggregation by Dilated Convolutions*, ICLR 2016（用膨胀卷积扩大输出能看到的范围，而不降低分辨率）。
# - PyTorch 文档 `torch.nn.Conv2d`（`padding="same"`、`dilation` 与输出尺寸公式 $\lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1$）。


# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `03_padding_stride.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("03_padding_stride")
