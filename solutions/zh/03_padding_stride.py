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
def out_size_check(n, k, p):
    s = 2
    t = n - k + 2 * p
    out = t // s + 1
    return dict(
        answer=out,
        prompt=f"一个卷积层的卷积核为 {k}×{k}，每侧填充 {p}，步幅 {s}。"
               f"输入为 {n}×{n} 时，输出的高是多少？",
        hint="out = ⌊(n − k + 2p) / s⌋ + 1。这里 (n − k + 2p) 能被 s 整除吗？",
        explanation=f"({n} − {k} + 2·{p}) / {s} = {t} / {s} = {t / s}，向下取整得 {t // s}，再加 1：{out}。"
                    "填充后输入的最后一行（一行填充的 0）永远不会被窗口覆盖。",
        mistakes=[("rounded_up", -(-t // s) + 1,
                   "这里 (n − k + 2p) / s 不是整数，PyTorch 向下取整（⌊·⌋），"
                   "既不向上取整，也不四舍五入：会伸出输入之外的窗口不算。"),
                  ("forgot_plus_one", t // s,
                   "⌊(n − k + 2p) / s⌋ 数的是窗口移动的步数，窗口的第一个位置还要再加 1。"
                   "（也请检查填充是否按两侧计算：2p。）"),
                  ("forgot_padding", (n - k) // s + 1,
                   "这是不加填充时的尺寸。"
                   f"每侧填充 {p}，卷积核滑动之前 n 要先加上 2p。")])


numeric("out_size", digits=0, variants=vary(out_size_check, n=[32, 28, 64], k=[5, 7], p=[2, 3]))

# %% tags=["exercise:strided_shape"]
def strided_shape_check(kernels, n, k):
    s = 2
    p = (k - 1) // 2
    t = n - k + 2 * p
    side = t // s + 1
    zeros = ["一个 0", "两个 0", "三个 0"][p - 1]
    step = ["一个像素", "两个像素", "三个像素"][s - 1]
    return dict(
        answer=(kernels, side, side),
        prompt=f"一张形状为 (3, {n}, {n}) 的图像（批量大小为 1）经过 "
               f"<code>nn.Conv2d(3, {kernels}, kernel_size={k}, stride={s}, padding={p})</code>。"
               "这张图像的输出形状 (C, H, W) 是什么？",
        hint=f"每个卷积核对应一个输出通道。高和宽用 n = {n}、k = {k}、p = {p}、s = {s} 代入公式。",
        explanation=f"⌊({n} − {k} + 2·{p}) / {s}⌋ + 1 = ⌊{t / s}⌋ + 1 = {side}，{kernels} 个卷积核给出 "
                    f"{kernels} 个通道：({kernels}, {side}, {side})。"
                    f"步幅 {s} 加上“same”填充，会把偶数尺寸减半。",
        mistakes=[("rounded_up", (kernels, -(-t // s) + 1, -(-t // s) + 1),
                   "这里 (n − k + 2p) / s 不是整数，PyTorch 向下取整（⌊·⌋），"
                   "既不向上取整，也不四舍五入：会伸出输入之外的窗口不算。"),
                  ("same_size_with_stride", (kernels, n, n),
                   f"padding={p} 只在步幅为 1 时让 {k}×{k} 卷积保持尺寸不变；"
                   f"步幅为 {s} 时，窗口每次移动{step}。"),
                  ("forgot_plus_one", (kernels, t // s, t // s),
                   "⌊(n − k + 2p) / s⌋ 数的是窗口移动的步数，窗口的第一个位置还要再加 1。"
                   f"（也请检查 padding={p} 是否在每一侧都补了{zeros}。）")])


shape("strided_shape", variants=vary(strided_shape_check, kernels=[16, 32], n=[28, 32, 64], k=[3, 5]))

# %% tags=["exercise:total_padding"]
def total_padding_check(total, order):
    half = total // 2
    words = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    options = [f"padding={total}", f"padding={half}", f"padding={2 * total}", f"padding={total // 4}"]
    return dict(
        answer=(1 - order) % 4,
        options=options[order:] + options[:order],
        prompt=f"某本书把输出尺寸写成 (n − k + p + s) / s，并对某一层取 p = {total}。"
               "哪个 <code>nn.Conv2d</code> 参数能搭出同样的层？",
        hint="在 (n − k + p + s) / s 里，p 数的是两侧 0 的总数。"
             "PyTorch 的 padding= 数的是什么？",
        explanation="那个 p 是两侧的总填充。PyTorch 的 padding= 按每侧计，"
                    f"所以 p_total = {total} 对应 padding={half}（每侧{words[half]}个 0）。",
        mistakes=[("total_as_per_side", (0 - order) % 4,
                   f"padding={total} 会在每一侧各补{words[total]}个 0。"
                   "书里的 p 数的是两侧 0 的总数。"),
                  ("doubled", (2 - order) % 4,
                   "你把 p 翻了一倍，好像书里的 p 只数一侧、PyTorch 数两侧。"
                   "实际上正好相反。"),
                  ("four_sides", (3 - order) % 4,
                   "你把 p 分给了四条边。书里的 p 是一个方向（左 + 右，或上 + 下）的填充；"
                   "padding= 给出的是每一侧的 0 的个数，高和宽都一样。")])


choice("total_padding", variants=vary(total_padding_check, total=[4, 8, 12], order=[0, 1, 2, 3]))

# %% [markdown]
# ### 练习 · 手写零填充（2 分）
#
# 补全 `pad2d(X, p)`：输入二维 NumPy 数组 `X` 和每侧填充 `p ≥ 0`，返回形状为 $(n_h + 2p, n_w + 2p)$ 的新数组，`X` 在正中间，四周是 0。请用 `np.zeros` 和切片完成（不要用 `np.pad`）。

# %% tags=["exercise:pad2d"]
def pad2d(X, p):
    """在 X 的每一侧补上 p 行/列 0。"""
    ### BEGIN SOLUTION
    h, w = X.shape
    out = np.zeros((h + 2 * p, w + 2 * p), dtype=X.dtype)
    out[p:p + h, p:p + w] = X
    return out
    ### END SOLUTION


# %% tags=["exercise:pad2d"]
_ = check_function("pad2d", pad2d, [
    ((np.array([[1, 2], [3, 4]]), 1), [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]),
    ((X, 0), X),
    ((np.ones((1, 3)), 2), np.pad(np.ones((1, 3)), 2)),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(3)
for _shape, _p in [((4, 4), 2), ((3, 5), 1), ((1, 1), 3), ((2, 6), 0)]:
    _X = _rng.normal(size=_shape)
    _want = F.pad(torch.tensor(_X), (_p, _p, _p, _p)).numpy()
    expect_value(pad2d(_X, _p), _want, case=(_shape, _p), kinds=("array", "tensor"))
### END HIDDEN TESTS

# %% [markdown]
# ### 练习 · 带填充和步幅的互相关（3 分）
#
# 补全 `strided_corr2d(X, K, p, s)`：先在 `X` 每一侧补 `p` 个 0，再让二维卷积核 `K` 在两个方向上都以步幅 `s` 滑动。输出有 $\lfloor (n - k + 2p)/s \rfloor + 1$ 行（列数同理）。可以使用 `np.pad`。

# %% tags=["exercise:strided_corr2d"]
def strided_corr2d(X, K, p=0, s=1):
    """二维 X 与二维 K 的互相关，每侧零填充 p，步幅 s。"""
    ### BEGIN SOLUTION
    X = np.pad(X, p)
    kh, kw = K.shape
    out_h = (X.shape[0] - kh) // s + 1
    out_w = (X.shape[1] - kw) // s + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = (X[i * s:i * s + kh, j * s:j * s + kw] * K).sum()
    return out
    ### END SOLUTION


# %% tags=["exercise:strided_corr2d"]
_ = check_function("strided_corr2d", strided_corr2d, [
    ((X, K, 1, 1), corr2d(np.pad(X, 1), K)),
    ((X, K, 2, 1), corr2d(np.pad(X, 2), K)),
    ((X, np.ones((2, 2)), 0, 2), [[13 + 14 + 9 + 10, 15 + 16 + 11 + 12], [5 + 6 + 1 + 2, 7 + 8 + 3 + 4]]),
    ((np.arange(64.0).reshape(8, 8), np.ones((3, 3)), 0, 2), F.conv2d(
        torch.arange(64.0).reshape(1, 1, 8, 8), torch.ones(1, 1, 3, 3), stride=2)[0, 0].numpy()),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(5)
for _shape, _kshape, _p, _s in [((5, 5), (3, 3), 1, 2), ((7, 6), (2, 3), 0, 3), ((4, 4), (4, 4), 0, 1),
                                 ((6, 9), (3, 1), 2, 2), ((1, 1), (1, 1), 0, 1), ((9, 9), (5, 5), 2, 4)]:
    _X, _K = _rng.normal(size=_shape), _rng.normal(size=_kshape)
    _want = F.conv2d(torch.tensor(_X)[None, None], torch.tensor(_K)[None, None], stride=_s, padding=_p)[0, 0]
    _got = np.asarray(strided_corr2d(_X, _K, _p, _s))
    expect_value(_got, _want.numpy(), case=(_shape, _kshape, _p, _s))
### END HIDDEN TESTS

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

