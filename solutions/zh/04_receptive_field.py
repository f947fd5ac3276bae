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
lesson = cnnlab.start_lesson("04_receptive_field", lang="zh")

# %% [markdown]
# # 第 04 课 · 感受野
#
# 特征图上的每一个值，都由下一层的一个小窗口算出；这个窗口里的值又各自由更下一层的窗口算出，一直追溯到输入图像。一个单元所依赖的全部**输入像素**，就是它的**感受野**。本课先用手算、梯度和一个三行的递推公式求出感受野；再量出 LeNet-5、AlexNet 和 VGG-16 的感受野；然后追问：感受野*里面*的像素，真正起作用的是哪些（有效感受野）；最后用数字检验一个关于“大感受野”的流行说法。
#
# **学完本课，你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %%
import numpy as np
import torch
from torch import nn
import matplotlib.pyplot as plt

from cnnlab.exercises import check_function, choice, numeric, vary
from cnnlab.models.alexnet import alexnet
from cnnlab.models.lenet5 import lenet5
from cnnlab.models.vgg import vgg16
from cnnlab.receptive import ReceptiveFields
from cnnlab.viz.erf import plot_effective_fields

# %% [markdown]
# ## 1 · 两个叠加的 3×3 卷积看到 5×5 个像素
#
# 画一张图就清楚了：第二张特征图中间的那个值，由第一张特征图上的一个 3×3 窗口算出；这九个值又各自来自输入上的一个 3×3 窗口；这些窗口合起来覆盖输入上的一块 5×5 区域。下面让 PyTorch 替我们找出这块区域。如果所有卷积核权重都是 1，那么一个输出单元对某个输入像素的梯度恰好**等于从该像素到这个单元的路径条数**，于是梯度不为零的像素正是该单元所依赖的像素。输入取 7×7，这样感受野的边界看得见。

# %%
two_convs = nn.Sequential(nn.Conv2d(1, 1, 3, bias=False), nn.Conv2d(1, 1, 3, bias=False))
with torch.no_grad():
    for conv in two_convs:
        conv.weight.fill_(1.0)               # 全 1 卷积核：梯度就是路径条数

x = torch.zeros(1, 1, 7, 7, requires_grad=True)
hidden = two_convs[0](x)                     # (1, 1, 5, 5)：第一张特征图
hidden.retain_grad()
out = two_convs[1](hidden)                   # (1, 1, 3, 3)：第二张特征图
out[0, 0, 1, 1].backward()                   # 第二张特征图的中心单元

input_paths = x.grad[0, 0]                   # (7, 7)
hidden_paths = hidden.grad[0, 0]             # (5, 5)
print("中心单元读取的第一张特征图上的单元：")
print(hidden_paths.int().numpy())
print("每个输入像素到中心单元的路径条数：")
print(input_paths.int().numpy())
rows, cols = torch.nonzero(input_paths, as_tuple=True)
print(f"它依赖的输入像素：{int(rows.max() - rows.min()) + 1}×{int(cols.max() - cols.min()) + 1}")


# %%
def draw_grid(ax, counts, title):
    """把一张特征图画成网格；计数不为零的格子涂色并标上数字。"""
    counts = counts.detach().numpy()
    ax.imshow(counts > 0, cmap="Blues", vmin=0, vmax=1.6)
    for (i, j), count in np.ndenumerate(counts):
        if count > 0:
            ax.text(j, i, f"{count:g}", ha="center", va="center", fontsize=12)
    ax.set_xticks(np.arange(-0.5, counts.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, counts.shape[0]), minor=True)
    ax.grid(which="minor", color="black", linewidth=1)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    ax.set_title(title, fontsize=11)


centre = torch.zeros(3, 3)
centre[1, 1] = 1
fig, axes = plt.subplots(1, 3, figsize=(11, 4), constrained_layout=True,
                         gridspec_kw={"width_ratios": [7, 5, 3]})
draw_grid(axes[0], input_paths, "输入 7×7：中心单元看到的 5×5 像素\n（数字 = 路径条数）")
draw_grid(axes[1], hidden_paths, "第一个 3×3 卷积之后：5×5\n中心单元读取其中 3×3")
draw_grid(axes[2], centre, "第二个 3×3 卷积之后：3×3\n中心单元")
fig.suptitle("两个叠加的 3×3 卷积的感受野", fontsize=13)
plt.show()

# %% [markdown]
# 从图中可以读出两点。
#
# - **感受野以输入像素计。** 相对于紧挨着的下一层，第二个卷积仍然只看 3×3 个值；相对于输入图像，它看到 5×5。感受野总是以输入图像的像素来计量，而不是以上一层的单元来计量。库函数 `cnnlab.receptive_field` 也是这样报告的，见 `r` 列：

# %%
print(cnnlab.receptive_field(two_convs, (1, 7, 7)))

# %% [markdown]
# - **感受野里的像素并不平等。** 中心像素通往输出的路径比角上的像素多（左图中的数字），所以影响也更大。第 6 节接着讨论这一点：在深层网络里，影响集中在感受野中央的一小块区域。
#
# ### 小测验 · 三层（1 分）
#
# 在上图的基础上再加一层。

# %% tags=["exercise:three_3x3"]
def three_3x3_check(layers, k):
    r = 1 + layers * (k - 1)
    count = ["一", "两", "三", "四", "五"][layers - 1]
    nth = ["第一", "第二", "第三", "第四", "第五"][layers - 1]
    widen = ["一个像素", "两个像素", "三个像素"][(k - 1) // 2 - 1]
    steps = " + ".join([str(k)] + [str(k - 1)] * (layers - 1))
    sizes = " + ".join([str(k)] * layers)
    return dict(
        answer=r,
        prompt=f"把{count}个 {k}×{k} 卷积（步幅 1）叠在一起。{nth}张特征图上一个单元的感受野有多少个输入像素宽？",
        hint=f"每多一个 {k}×{k} 层，窗口每边各扩大{widen}；一层看到 {k}，两层看到 {2 * k - 1}。",
        explanation=f"{steps} = {r}：每一层增加 k − 1 = {k - 1} 个像素。{count}个叠加的 {k}×{k} 卷积看到图像上 "
                    f"{r}×{r} 的区域，和一个 {r}×{r} 卷积核一样（第 5 节比较三个 3×3 卷积与一个 7×7 卷积）。",
        mistakes=[("added_kernel_sizes", layers * k,
                   f"你把卷积核大小直接相加了（{sizes}）。相邻的窗口彼此重叠：第一层之后，每一层只增加 k − 1 个像素，而不是 k 个。"),
                  ("multiplied_kernels", k ** layers,
                   "你把卷积核大小相乘了。步幅为 1 时感受野按加法增长：每一层增加 k − 1 个像素。"),
                  ("counted_previous_layer", k,
                   f"{k} 是一个单元在紧邻的下一层中读取的单元数。感受野要以输入图像的像素计：把窗口一直追溯到图像。")])


numeric("three_3x3", digits=0, unit="像素", variants=vary(three_3x3_check, layers=[3, 2, 4, 5], k=[3, 5]))

# %% [markdown]
# ## 2 · 递推公式：大小 $r$、等效步幅 $j$ 与起点 start
#
# 有了步幅，情况就没那么直观了：经过一个步幅为 2 的层之后，相邻单元在输入上相隔**两个**像素，所以在上面再加一个 3×3 层，感受野扩大的是 2·2 个像素，而不是 2 个。Araujo、Norris 和 Sim（Distill，2019）对每一层 $l$（卷积核 $k_l$、步幅 $s_l$、每侧填充 $p_l$）跟踪三个数：
#
# $$r_l = r_{l-1} + (k_l - 1)\,j_{l-1}, \qquad j_l = j_{l-1}\,s_l, \qquad
#   \text{start}_l = \text{start}_{l-1} + \Big(\tfrac{k_l - 1}{2} - p_l\Big)\,j_{l-1},$$
#
# 从输入图像本身出发：$r_0 = 1$，$j_0 = 1$，$\text{start}_0 = 0$。**等效步幅**（jump）$j$ 表示第 $l$ 层上相邻两个单元在输入上相隔多少像素；**start** 是第一个（左上角）单元的感受野中心，用输入像素坐标表示。把递推展开，感受野大小为
#
# $$r_L = 1 + \sum_{l=1}^{L} (k_l - 1) \prod_{i=1}^{l-1} s_i .$$
#
# $r$ 应理解为感受野的**跨度**：从一个单元可能依赖的第一个输入像素到最后一个像素，这一整块的宽度。当某层的步幅大于卷积核、或者卷积核是膨胀的，感受野里会有空隙：这块区域中有些像素根本到达不了该单元。
#
# 这就是 `cnnlab.receptive` 的核心（大小为 $k$、膨胀率为 $d$ 的卷积核横跨 $d(k-1)+1$ 个像素，递推时就用这个跨度代替 $k$）。课程库的文档字符串（docstring）是英文的：

# %%
cnnlab.show_source(cnnlab.receptive.Field.through)

# %% [markdown]
# 下面用一个小网络演示这个递推：两个 3×3 卷积，接一个步幅 2 的 2×2 最大池化，再接两个 3×3 卷积。下面的单元格先搭出这个网络，再从库里取出它的感受野表，最后用库算出的数逐层打印递推过程。

# %%
spec = [("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2), ("conv", 3, 1), ("conv", 3, 1)]


def build(spec):
    """由（类型，卷积核，步幅）列表搭出 nn.Sequential；算感受野只需一个通道。"""
    return nn.Sequential(*[nn.Conv2d(1, 1, k, s, padding=(k - 1) // 2) if kind == "conv"
                           else nn.MaxPool2d(k, s) for kind, k, s in spec])


fields = cnnlab.receptive_field(build(spec), (1, 32, 32))
print(fields)
print()
kind_name = {"conv": "卷积", "pool": "最大池化"}
r, j = 1, 1
for (kind, k, s), row in zip(spec, fields):
    print(f"{kind_name[kind]} {k}×{k}，步幅 {s}：  r = {r} + ({k} − 1)·{j} = {row.r}，   j = {j}·{s} = {row.jump}")
    r, j = row.r, row.jump

# %% [markdown]
# 常有人说池化层“把感受野扩大”。没错，但要看清它*怎样*扩大：池化层本身只增加 $(2-1)\cdot 1 = 1$ 个像素；它真正的作用在等效步幅上——把等效步幅翻倍，于是后面每个 3×3 卷积增加 4 个像素而不是 2 个。越早下采样，后面所有层的贡献就被放大得越多。
#
# **填充不改变感受野的大小**，只改变它的位置：填充 1 时，第一个单元的感受野以像素 0 为中心，有一个像素伸出图像边界（落在填充的零上）；不填充时，它以像素 1 为中心。

# %%
for padding in (0, 1):
    row = cnnlab.receptive_field(nn.Conv2d(1, 1, 3, padding=padding), (1, 8, 8)).final
    print(f"3×3 卷积，填充 {padding}：r = {row.r}，start = {row.start:g}，输出 {row.output_size}×{row.output_size}")

# %% [markdown]
# ### 小测验 · 一个类似 LeNet 的小网络（2 分）

# %% tags=["exercise:stack_rf"]
def stack_rf_check(first, pool, last):
    r1 = 1 + (first - 1) * 1            # first×first 卷积，步幅 1：j 仍为 1
    r2 = r1 + (pool - 1) * 1            # 池化，步幅 2：之后 j = 2
    r3 = r2 + (3 - 1) * 2               # 3×3 卷积，步幅 1
    r4 = r3 + (pool - 1) * 2            # 池化，步幅 2：之后 j = 4
    r5 = r4 + (last - 1) * 4            # last×last 卷积
    return dict(
        answer=r5,
        prompt=f"一个网络依次是：{first}×{first} 卷积（步幅 1）、{pool}×{pool} 最大池化（步幅 2）、3×3 卷积（步幅 1）、"
               f"{pool}×{pool} 最大池化（步幅 2）、{last}×{last} 卷积（步幅 1）。一个输出单元的感受野有多少个输入像素宽？",
        hint="记住两个数 r 和 j，都从 1 开始。每一层先做 r ← r + (k − 1)·j，再做 j ← j·s。",
        explanation=f"{first}×{first}：r = 1 + {first - 1}·1 = {r1}，j = 1。池化：r = {r1} + {pool - 1}·1 = {r2}，j = 2。"
                    f"3×3：r = {r2} + 2·2 = {r3}。池化：r = {r3} + {pool - 1}·2 = {r4}，j = 4。"
                    f"{last}×{last}：r = {r4} + {last - 1}·4 = {r5}。",
        mistakes=[("forgot_jump", 1 + (first - 1) + (pool - 1) + (3 - 1) + (pool - 1) + (last - 1),
                   "你把每一层都当作步幅 1，只加了 k − 1。每经过一个步幅为 2 的池化，相邻单元在图像上就离得更远：要把 k − 1 乘以等效步幅 j。"),
                  ("added_kernel_sizes", first + pool + 3 + pool + last,
                   "你把卷积核大小直接相加了。每一层增加 (k − 1)·j，其中等效步幅 j 是它下面各层步幅的乘积。"),
                  ("stride_too_early", 1 + (first - 1) * 1 + (pool - 1) * 2 + (3 - 1) * 2 + (pool - 1) * 4 + (last - 1) * 4,
                   "你在用 j 计算某一层之前，就先乘上了这一层自己的步幅。一层的步幅只影响它上面的层：先 r ← r + (k − 1)·j，再 j ← j·s。")])


numeric("stack_rf", digits=0, unit="像素", variants=vary(stack_rf_check, first=[5, 3, 7], pool=[2, 3], last=[3, 5]))

# %% [markdown]
# ### 练习 · 写出递推（3 分）
#
# 补全 `receptive_field_of(layers)`。参数 `layers` 是一个列表，按从输入到输出的顺序，用 `(k, s)` 给出每一层（卷积层或池化层）的卷积核大小和步幅。函数返回最后一层的感受野大小 $r$（以输入像素计），类型为 `int`；空列表表示输入图像本身，此时 $r = 1$。

# %% tags=["exercise:receptive_field_of"]
def receptive_field_of(layers):
    """一串（卷积核，步幅）层中最后一层的感受野大小 r（以输入像素计）。"""
    ### BEGIN SOLUTION
    r, j = 1, 1
    for k, s in layers:
        r += (k - 1) * j
        j *= s
    return r
    ### END SOLUTION


# %% tags=["exercise:receptive_field_of"]
alexnet_layers = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)]
_ = check_function("receptive_field_of", receptive_field_of, [
    (([(3, 1), (3, 1)],), 5),
    (([(3, 1), (3, 1), (3, 1)],), 7),
    (([(5, 1), (2, 2), (3, 1), (2, 2), (3, 1)],), 20),
    ((alexnet_layers,), 195),
    (([],), 1),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

_rng = np.random.default_rng(4)
for _trial in range(12):
    _layers = [(int(_rng.integers(1, 8)), int(_rng.integers(1, 4))) for _ in range(int(_rng.integers(1, 6)))]
    _net = nn.Sequential(*[nn.Conv2d(1, 1, _k, stride=_s) for _k, _s in _layers])
    _want = cnnlab.receptive_field(_net, (1, 600, 600)).final.r
    expect_value(receptive_field_of(_layers), _want, case=_layers, kind="int")
### END HIDDEN TESTS

# %% [markdown]
# ## 3 · 感受野随深度增长得有多快？
#
# 常有人说：卷积网络越深，感受野越大。这话没错，但大*多少*取决于步幅。比较两串 3×3 卷积：一串全程步幅 1；另一串像 VGG 那样，每两个卷积之后接一个 2×2 最大池化（步幅 2）。

# %%
depths = list(range(1, 13))
plain_spec = [("conv", 3, 1)] * 12
pooled_spec = [layer for _ in range(6) for layer in (("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2))]
growth = {}
for name, stack_spec in [("3×3 卷积，步幅 1", plain_spec), ("3×3 卷积 + 每两层一个 2×2 池化", pooled_spec)]:
    table = cnnlab.receptive_field(build(stack_spec), (1, 256, 256))
    growth[name] = [row.r for row in table if row.type == "Conv2d"]   # 每个卷积之后的 r
print(" ".join(f"{d:4d}" for d in depths), "  ← 3×3 卷积的层数")
for name, sizes in growth.items():
    print(" ".join(f"{r:4d}" for r in sizes), "  r：", name)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), constrained_layout=True)
for ax, scale in zip(axes, ["linear", "log"]):
    for (name, sizes), marker in zip(growth.items(), ["o", "s"]):
        ax.plot(depths, sizes, marker=marker, label=name)
    if scale == "log":
        ax.set_yscale("log", base=2)
    ax.set_xlabel("3×3 卷积的层数")
    ax.set_ylabel("感受野 r（输入像素）")
    ax.grid(alpha=0.3)
axes[0].set_title("线性坐标：步幅 1 时每层增加 2")
axes[1].set_title("对数坐标（底 2）：有池化时每个块 r 约翻一倍")
axes[0].legend()
plt.show()

# %% [markdown]
# 步幅为 1 时，每层增加 $k-1 = 2$ 个像素：$r = 2L + 1$，随深度**线性**增长。每两层接一个池化时，每个块都把等效步幅翻倍，于是每个块增加的量约为前一个块的两倍：这是**指数**增长，在对数坐标上是一条直线。这正是真实网络要下采样的原因：让顶层单元只需几十层、而不是几百层，就能看到整幅图像。
#
# ### 小测验 · 哪个改动最大（2 分）

# %% tags=["exercise:enlarge_most"]
def enlarge_most_check(n, order):
    count = ["零", "一", "两", "三", "四", "五", "六"][n]
    nth = ["第一", "第二", "第三", "第四", "第五", "第六", "第七"][n]   # 第 n + 1 个
    steps = " + ".join(["3"] + ["2"] * (n - 2) + ["6"])
    options = [f"在末尾再加{nth}个 3×3 卷积",
               "把第一个卷积的步幅改为 2",
               "在第一个卷积之前加一个 2×2 最大池化（步幅 2）",
               "把最后一个 3×3 卷积换成 7×7 卷积",
               "在每个 3×3 卷积之后插入一个 1×1 卷积"]
    return dict(
        options=options[order:] + options[:order],
        answer=(2 - order) % 5,
        prompt=f"一个网络由{count}个步幅为 1 的 3×3 卷积组成（r = {2 * n + 1}）。只做下面哪一个改动，最后一层的感受野最大？",
        hint="对每个选项用 r ← r + (k − 1)·j、j ← j·s 算出 r。越靠前的改动，会放大后面每一层的贡献。",
        explanation=f"先池化：r = 2，j = 2，随后{count}个 3×3 卷积各增加 4：r = {4 * n + 2}。第一个卷积步幅 2："
                    f"3 + {n - 1}·4 = {4 * n - 1}。末尾换成 7×7：{steps} = {2 * n + 5}。{nth}个 3×3：{2 * n + 3}。"
                    f"1×1 卷积什么也不增加：仍是 {2 * n + 1}。",
        mistakes=[("more_depth", (0 - order) % 5,
                   "步幅为 1 时，多一个 3×3 层只增加 k − 1 = 2 个像素。算一算那些改变步幅的选项的 r。"),
                  ("strided_first_conv", (1 - order) % 5,
                   "很接近：越早的步幅会让后面每一层的增量翻倍。再数一数，两个选项中步幅之后各有几个 3×3 卷积，并分别算出 r。"),
                  ("largest_kernel", (3 - order) % 5,
                   "末尾的 7×7 卷积核只在等效步幅 1 上增加一次 k − 1 = 6 个像素。越靠前的改动，会放大后面每一层的贡献。")])


choice("enlarge_most", variants=vary(enlarge_most_check, n=[4, 3, 5], order=[0, 2, 4, 1]))

# %% [markdown]
# ## 4 · LeNet-5、AlexNet 与 VGG-16 的感受野
#
# `cnnlab.receptive_field` 适用于任何由卷积、池化和激活函数搭成的模型。为了让表格短一些，下面的辅助函数只保留感受野发生变化的行（ReLU 之类的激活函数不改变感受野）。

# %%
def field_changing_rows(fields):
    """receptive_field 表中 r 或等效步幅发生变化的那些行。"""
    kept, last = [], (1, 1)
    for row in fields:
        if row.r is not None and (row.r, row.jump) != last:
            kept.append(row)
            last = (row.r, row.jump)
    return ReceptiveFields(kept, fields.input_size)


lenet_fields = field_changing_rows(cnnlab.receptive_field(lenet5(), (1, 32, 32)))
print("LeNet-5，输入 32×32")
print(lenet_fields)

# %% [markdown]
# 在 LeNet-5（LeCun 等，1998）中，C1 的单元看到 5×5 个像素，S4 的单元看到 32×32 图像中的 16×16，C5 的单元则看到整幅图像：C5 之后已经没有空间维度可以再增长了。接下来是两个大型 ImageNet 网络，各只构建一次（VGG-16 很大，构建它要花一些时间）：

# %%
big_fields = {"AlexNet": cnnlab.receptive_field(alexnet(), (3, 224, 224)),
              "VGG-16": cnnlab.receptive_field(vgg16(), (3, 224, 224))}
for name, fields in big_fields.items():
    print(f"{name}，输入 224×224")
    print(field_changing_rows(fields))
    print()

# %%
published = {"AlexNet": 195, "VGG-16": 212}   # Araujo、Norris 与 Sim（2019），表 1
for name, fields in big_fields.items():
    row = fields.final                       # 最后一个仍有空间感受野的层
    print(f"{name}：在 {row.name} 处 r = {row.r}；文献值 {published[name]}；一致：{row.r == published[name]}")
    print(f"  第一个单元的感受野覆盖输入像素 {row.start - (row.r - 1) / 2:g} … {row.start + (row.r - 1) / 2:g}")

# %% [markdown]
# 两者都与 Araujo 等给出的值一致：AlexNet 为 195 个像素，VGG-16 在最后一个池化层为 212 个像素（其后的自适应平均池化保持 7×7 不变，因此不改变感受野）。两个网络顶层的单元都能看到 224×224 图像的大部分。感受野与输入尺寸无关（它是各层的属性），但它能否*覆盖*整幅图像则与输入尺寸有关。`start` 列告诉我们感受野落在哪里：第一个单元的感受野从 $\text{start} - (r-1)/2$ 延伸到 $\text{start} + (r-1)/2$；两个网络的这个范围都从像素 0 左边很远的地方开始——角上单元的感受野大半落在填充上。
#
# ## 5 · 感受野越大越好，还能避免过拟合？
#
# 常有人说：感受野越大越好，因为单元看到的数据范围更广，可以避免过拟合。前半句有一定道理；后半句却把两件不同的事混在了一起。
#
# 感受野关乎**上下文**：一个单元只能利用它感受野之内的信息。如果分类器顶层的单元只能看到图像上的一小块，它就无法判断物体的整体形状；所以对任务来说*太小*的感受野会损失准确率。但一旦覆盖了相关的上下文，更大的感受野就没有收益了（第 6 节还会看到，感受野的外围本来就几乎不被利用）。
#
# **过拟合**关乎**容量与数据量之比**：模型能拟合多少种函数（大致由参数量及其组织方式决定），相对于有多少训练样本来约束它们。感受野和参数量可以各自独立地改变。下面是输入、输出都为 64 个通道时，得到大致相同感受野的四种设计：

# %%
def conv(k, **options):
    return nn.Conv2d(64, 64, k, padding=(k - 1) // 2, **options)


designs = {
    "一个 7×7 卷积": nn.Sequential(conv(7)),
    "三个 3×3 卷积": nn.Sequential(conv(3), nn.ReLU(), conv(3), nn.ReLU(), conv(3), nn.ReLU()),
    "三个 3×3 + 三个 1×1 卷积": nn.Sequential(*[m for _ in range(3) for m in (conv(3), nn.ReLU(), conv(1), nn.ReLU())]),
    "3×3 卷积、2×2 池化、3×3 卷积": nn.Sequential(conv(3), nn.ReLU(), nn.MaxPool2d(2), conv(3), nn.ReLU()),
}
lines = [f"{'感受野 r':>5s} {'参数量':>8s}   设计"]
for name, design in designs.items():
    r = cnnlab.receptive_field(design, (64, 32, 32)).final.r
    params = sum(p.numel() for p in design.parameters())
    lines.append(f"{r:8d} {params:11,d}   {name}")
print("\n".join(lines))

# %% [markdown]
# 同样 7 个像素的感受野，用一个 7×7 层要 200,768 个参数，用三个 3×3 层只要 110,784 个；加入 1×1 层只增加参数、不增加感受野；池化层只增加感受野、不增加参数。这正是 VGG 论文（Simonyan 与 Zisserman，2015，2.3 节）的论证：设通道数为 $C$，一个 7×7 层有 $49C^2$ 个权重，三个 3×3 层只有 $27C^2$ 个，而且三层叠加带来三个非线性而不是一个。作者把这称为“对 7×7 卷积核施加的一种正则化”——起正则化作用的是*更少的参数*（7×7 卷积核被迫分解为几个 3×3），而不是感受野，因为两者的感受野完全相同：

# %%
print(cnnlab.conv_params(64, 64, 7, bias=False, explain=True))
print(cnnlab.conv_params(64, 64, 3, bias=False, explain=True), " （×3 层）")
ratio = cnnlab.conv_params(64, 64, 7, bias=False) / (3 * cnnlab.conv_params(64, 64, 3, bias=False))
print(f"49C² / 27C² = {ratio:.3f}：一个 7×7 层的权重多出 {ratio - 1:.0%}")

# %% [markdown]
# 真正控制过拟合的是：模型容量与数据量是否相称（更少或共享的参数；更多的训练数据或数据增强），以及显式的正则化——权重衰减、dropout（第 09 课）、根据验证集提前停止训练。更大的感受野往往反而伴随着*更多*的层和更多的参数。
#
# ## 6 · 理论感受野与有效感受野
#
# 感受野 $r$ 是*理论*上的：能对一个单元产生任何影响的像素。第 1 节已经看到，中心像素通往该单元的路径更多。Luo、Li、Urtasun 与 Zemel（NeurIPS 2016）测量了每个像素实际的影响有多大——一个输出单元对每个输入像素的梯度——并把梯度较大的区域称为**有效感受野**（ERF）。`cnnlab.effective_receptive_field` 就计算它：中心单元梯度的绝对值，对通道和若干个随机输入求和，再缩放到最大值为 1。
#
# 我们搭一串 16 个带 ReLU 的 3×3 卷积（8 个通道，PyTorch 默认的随机初始化，不训练），测量前 $d$ 层的有效感受野。用两个数概括一张图：包含 95% 梯度总量的最小居中正方形的边长；以及边长约为理论感受野一半的中央正方形（面积约为其四分之一）所占的梯度份额。

# %%
torch.manual_seed(0)
deep = nn.Sequential(*[m for i in range(16) for m in (nn.Conv2d(1 if i == 0 else 8, 8, 3, padding=1), nn.ReLU())])
size = 41                                    # 输入 41×41：容得下最大的感受野 33
erf_depths = [2, 4, 6, 8, 12, 16]
erfs = {d: cnnlab.effective_receptive_field(deep[:2 * d], (1, size, size), samples=8) for d in erf_depths}
theory = {d: cnnlab.receptive_field(deep[:2 * d], (1, size, size)).final.r for d in erf_depths}


def central_mass(erf, side):
    """居中的 side×side 正方形内梯度总量所占的份额。"""
    c, half = erf.shape[0] // 2, side // 2
    return erf[c - half:c + half + 1, c - half:c + half + 1].sum() / erf.sum()


def side_holding(erf, share=0.95):
    """包含 share 份梯度总量的最小居中正方形的边长。"""
    side = 1
    while central_mass(erf, side) < share:
        side += 2
    return side


print(f"{'层数':>4s} {'理论 r':>7s} {'95% 边长':>7s} {'中央边长':>9s} {'面积份额':>7s} {'梯度份额':>7s}")
for d in erf_depths:
    r = theory[d]
    inner = 2 * (r // 4) + 1                 # 奇数边长，约为 r / 2
    print(f"{d:6d} {r:9d} {side_holding(erfs[d]):9d} {inner:13d} "
          f"{(inner / r) ** 2:11.0%} {central_mass(erfs[d], inner):11.0%}")

# %%
holding = {d: side_holding(erfs[d]) for d in erf_depths}
fig = plot_effective_fields(erfs, theory, holding, shown=[4, 8, 16])    # cnnlab/viz/erf.py
plt.show()

# %% [markdown]
# 这些图中间亮、向边缘平滑变暗，形状大致像一个二维高斯分布的钟形（Luo 等在简单情形下证明了这一点：第 1 节的“数路径”重复许多层，就是一种中心极限效应）。理论感受野每层增加 2 个像素。包含 95% 梯度的边长在我们的测量里直到 8 层都接近线性增长（表中 5、9、11、15），之后明显变慢：从 8 层到 16 层只从 15 增加到 21。Luo 等在更一般的分析中得出，有效感受野的大小约与 $\sqrt{d}$ 成正比；这里只有 16 层、8 个随机样本，看不出这样干净的规律。所以网络越深，一个单元真正利用的部分占其理论感受野的比例就越小。这些图只基于 8 个样本，有噪声，但明显以中心为重：中央约四分之一的面积，容纳的梯度远多于四分之一。
#
# Luo 等还发现，训练会让有效感受野变大一些，而下采样和膨胀卷积比单纯加层更能扩大它。这里没有重复训练实验（要先在 CPU 上训练一个网络），你可以自己试试：训练一个网络，在训练前后分别对它的卷积部分调用 `cnnlab.effective_receptive_field`。
#
# ## 常见错误
#
# - **用上一层的单元来数。** 两个 3×3 卷积中的第二个看到下一层的 3×3 个值，却看到图像上的 5×5 个像素。感受野永远以输入像素计。
# - **把卷积核大小直接相加。** 两个 3×3 层看到的是 5 而不是 6：每层增加 $k-1$，还要乘以等效步幅。
# - **忘了等效步幅。** 经过一个步幅 2 的层或 2×2 池化之后，后面每一层的增量都翻倍。下采样放在哪里，比卷积核大小更重要。
# - **以为填充会扩大感受野。** 填充改变的是输出尺寸和感受野的位置（`start`），而不是 $r$。
# - **把感受野当成均匀的。** 靠近中心的像素占主导；在深层网络中，有效感受野远小于 $r$。
# - **“感受野越大越能防止过拟合。”** 感受野关乎上下文。过拟合关乎容量与数据量之比，由参数量、数据和正则化控制；三个 3×3 层之所以有帮助，是因为它们的参数比一个 7×7 少，而不是因为看得更多。
#
# ## 参考资料
#
# - A. Araujo, W. Norris, J. Sim, *Computing Receptive Fields of Convolutional Neural Networks*, Distill, 2019（$r$、等效步幅和 start 的递推公式；AlexNet 195，VGG-16 212）。
# - W. Luo, Y. Li, R. Urtasun, R. Zemel, *Understanding the Effective Receptive Field in Deep Convolutional Neural Networks*, NeurIPS 2016（有效感受野：近似高斯，按 √n 增长，训练和下采样会扩大它）。
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image Recognition*, ICLR 2015，2.3 节（三个 3×3 层与一个 7×7 层相比：$27C^2$ 对 $49C^2$）。
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-Based Learning Applied to Document Recognition*, Proc. IEEE, 1998（LeNet-5）。
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional Neural Networks*, NeurIPS 2012，采用 torchvision 的单 GPU 版本（AlexNet）。
