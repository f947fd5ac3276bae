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
lesson = cnnlab.start_lesson("08_lenet", lang="zh")

# %% [markdown]
# # 第 08 课 · LeNet-5
#
# 1998 年，Yann LeCun、Léon Bottou、Yoshua Bengio 和 Patrick Haffner 发表了论文 *Gradient-based learning applied to document recognition*。文中的网络 **LeNet-5** 已经具备第 02–06 课搭起来的全部要素：共享卷积核的卷积、越来越小而越来越多的特征图，以及顶上的分类器。本课把这个 1998 年的网络逐层拆开，用代码重新算出每一个参数量和连接数，在手写数字上训练它，再把今天的版本放在旁边一起训练，最后问：这中间改变了什么，为什么？
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

from cnnlab.data import loader
from cnnlab.exercises import check_function, choice, numeric, shape
from cnnlab.models import lenet_modern
from cnnlab.models.lenet5 import SparseConv2d, c3_connection_table, digit_bitmaps, lenet5, squash
from cnnlab.train import threads

# %% [markdown]
# ## 1 · 一张表看全网络
#
# `cnnlab.models.lenet5` 按论文第 II-B 节的描述搭建 LeNet-5：C1、S2、C3、S4、C5、F6 各层加上输出层，输入为 32×32。`cnnlab.summary` 让一张图像流过网络，逐层统计输出形状、可训练参数量和 **连接数**——LeCun 用来衡量计算量的指标：每个输出值读入的输入个数，再加 1（偏置）。

# %%
cnnlab.seed(0)
net = lenet5()
report = cnnlab.summary(net, (1, 32, 32))
print(report)

# %% [markdown]
# 同一个网络画成图，次序与论文图 2 一致：`cnnlab.draw_architecture` 让模块运行一次，每层画一个框，框里写 LeCun 的层名（`names=True`）、以 *特征图数@高×宽* 表示的输出和可训练参数量。`fuse=True` 把每个 `squash` 画进它前面那一层的框里。图是从模型算出来的，不会与模型不一致。

# %%
cnnlab.draw_architecture(lenet5(), (1, 32, 32), fuse=True, names=True)
plt.show()

# %% [markdown]
# 表中名为 `squash` 的行是激活函数，作用在 F6 及其之前的每一层之后，本身没有参数。总数恰好是论文所说的“60,000 个可训练参数”。
#
# 论文第 II-B 节写道，LeNet-5“共有 7 层，不含输入层”。是哪 7 层？用代码数一数模型中自己带有数值的层：

# %%
holding_numbers, trainable_layers = [], []
for name, layer in net.named_children():
    trainable = sum(p.numel() for p in layer.parameters())
    fixed = sum(t.numel() for t in layer.state_dict().values()) - trainable
    print(f"{name:7s} 可训练 {trainable:6,}   固定 {fixed:4,}")
    if trainable + fixed > 0:
        holding_numbers.append(name)
    if trainable > 0:
        trainable_layers.append(name)
print("带有数值的层：", len(holding_numbers), holding_numbers)
print("可训练的层：  ", len(trainable_layers), trainable_layers)

# %% [markdown]
# 带有数值的层正好 7 个（输入不算）：6 个可训练层，加上输出层——它的 840 个数是固定的原型（见 2.6 节）。压缩函数（squashing function）不算一层，它属于前六层各自的计算。
#
# ## 2 · 逐层拆解
#
# 每一层的可训练参数量都可以写成一个简短的公式；论文在第 II-B 节给出了算出来的数。下面的单元格把每个公式原样求值，与 summary 的统计并排比较；连接数（输出个数 ×（读入个数 + 1））也照此处理。

# %%
formulas = {            # 层：（参数量，连接数）
    "c1": ("(5*5 + 1) * 6", "28*28*6 * (5*5 + 1)"),
    "s2": ("2 * 6", "14*14*6 * (4 + 1)"),
    "c3": ("6*(3*25 + 1) + 6*(4*25 + 1) + 3*(4*25 + 1) + 1*(6*25 + 1)", "10*10 * (60*25 + 16)"),
    "s4": ("2 * 16", "5*5*16 * (4 + 1)"),
    "c5": ("(5*5*16 + 1) * 120", "120 * (5*5*16 + 1)"),
    "f6": ("84 + 84*120", "84 * (120 + 1)"),
}
rows = {row.name: row for row in report.rows}
for name, (params, connections) in formulas.items():
    p, c = eval(params), eval(connections)          # 按公式原样求值
    same = p == rows[name].params and c == rows[name].connections
    print(f"{name}：参数量 {params} = {p:,}   连接数 {connections} = {c:,}   与 summary 一致：{same}")
print("参数总量：", f"{sum(eval(p) for p, _ in formulas.values()):,}")

# %% [markdown]
# ### 2.1 · C1：6 个 5×5 卷积核作用在 32×32 图像上
#
# 无填充、步幅为 1，所以 6 张特征图都是 28×28；每个卷积核有 5·5 个权重和 1 个偏置：

# %%
print(cnnlab.conv_output_size(32, 5, explain=True))
print(cnnlab.conv_params(1, 6, 5, explain=True))

# %% [markdown]
# MNIST 的数字是 28×28，为什么输入要 32×32？论文把每个数字放在更大的画面中央，这样数字边缘处的特征（笔画端点、拐角）仍能落在最高层特征检测器感受野的中心。我们在四周各填充 2 个像素（第 3 节）。
#
# ### 2.2 · S2：可训练的下采样，以及是哪一种“sigmoid”
#
# 常见的一种说法把 S2 描述为平均池化：“计算均值后再乘以一个可训练的权重系数，再加上一个可训练的偏置，最后通过 Sigmoid 激活函数”。这个说法有两处与论文相比不够准确：
#
# * **求和还是求均值。** 论文是把每个 2×2 窗口的 4 个输入**相加**，和乘以一个可训练系数，再加一个可训练偏置——每张特征图一对，所以是 2 × 6 = 12 个参数。用均值代替和，只是让系数放大 4 倍，两者其实是同一种层；下面的单元格在模型自己的 S2 上验证这一点，并打印压缩函数 `squash` 的源代码（课程库的文档字符串是英文的）。
# * **是哪一种 sigmoid。** 今天说“Sigmoid”，指的是逻辑函数 $\sigma(a) = 1/(1+e^{-a})$，输出在 (0, 1) 之间。LeCun 所说的“sigmoidal”压缩函数（squashing function）用在 F6 及之前的每一层之后（S2、S4、C5 和 F6 之后都是），它是**缩放的 tanh** $f(a) = 1.7159\,\tanh(2a/3)$：以 0 为中心，输出在 (−1.7159, 1.7159) 之间。

# %%
x = torch.randn(1, 6, 28, 28)
w, b = net.s2.weight.view(1, 6, 1, 1), net.s2.bias.view(1, 6, 1, 1)
as_mean = nn.functional.avg_pool2d(x, 2) * (4 * w) + b         # 均值 × (4w) + b
print("S2 输出形状：", tuple(net.s2(x).shape))
print("S2 = 2×2 之和 × w + b = 2×2 均值 × 4w + b：", torch.allclose(net.s2(x), as_mean, atol=1e-6))
print("S2 参数量：", sum(p.numel() for p in net.s2.parameters()))
cnnlab.show_source(squash)
print("f(1) =", round(squash(torch.tensor(1.0)).item(), 4), "  f(-1) =", round(squash(torch.tensor(-1.0)).item(), 4))

# %%
a = torch.linspace(-4, 4, 201)
fig, ax = plt.subplots(figsize=(6.5, 3.6), constrained_layout=True)
ax.plot(a, squash(a), label="LeNet-5：1.7159·tanh(2a/3)")
ax.plot(a, torch.sigmoid(a), "--", label="逻辑 sigmoid 1/(1+e^(−a))")
ax.plot(a, torch.relu(a), ":", label="ReLU max(0, a)（今天）")
ax.axhline(0, color="grey", lw=0.5)
ax.set_ylim(-2, 2.5)
ax.set_xlabel("激活前的值 a")
ax.set_ylabel("输出")
ax.set_title("三种激活函数")
ax.legend(fontsize=9, loc="upper left")
plt.show()

# %% [markdown]
# 缩放的 tanh 在 ±1 处恰好等于 ±1（上面已打印），论文正是把训练目标放在这里；它以 0 为中心，比逻辑函数更容易训练。两者在 |a| 很大时都变得平坦，梯度几乎为 0——这是 ReLU 取代它们的原因之一（第 5 节）。
#
# ### 2.3 · C3：16 张特征图，每张只读 S2 的一部分
#
# C3 有 16 张 10×10 的特征图（14 − 5 + 1 = 10），但一张 C3 特征图并不读全部 6 张 S2 特征图。论文的表 I 列出了每张读哪几张。模型里存着这张表；下面把它画出来，并按第 2 节 C3 参数公式所数的四组着色：

# %%
table = c3_connection_table()                      # (6, 16) 布尔值：table[i, j] 表示 C3 的第 j 张图读 S2 的第 i 张图
print("表的形状：", tuple(table.shape), "  连接（X）：", int(table.sum()))
print("每张 C3 特征图读入的 S2 特征图数：", table.sum(0).tolist())

# %%
groups = [(0, 6, "#dbe9f6", "相邻的 3 张"), (6, 12, "#fde0c5", "相邻的 4 张"),
          (12, 15, "#d9f0d3", "不相邻的 4 张"), (15, 16, "#eadcf2", "全部 6 张")]
fig, ax = plt.subplots(figsize=(9, 3.9), constrained_layout=True)
for start, stop, colour, label in groups:
    ax.axvspan(start - 0.5, stop - 0.5, color=colour, label=label)
for i, j in table.nonzero().tolist():
    ax.text(j, i, "X", ha="center", va="center", fontsize=13, fontweight="bold")
ax.set_xlim(-0.5, 15.5)
ax.set_ylim(5.5, -0.5)
ax.set_xticks(range(16))
ax.set_yticks(range(6))
ax.set_xticks(np.arange(-0.5, 16), minor=True)
ax.set_yticks(np.arange(-0.5, 6), minor=True)
ax.grid(which="minor", color="grey", lw=0.5)
ax.tick_params(which="minor", length=0)
ax.set_xlabel("C3 特征图")
ax.set_ylabel("S2 特征图")
ax.set_title("C3 连接表（LeCun 等人，1998，表 I）")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, fontsize=9, frameon=False)
plt.show()

# %% [markdown]
# 每张 C3 特征图对它读入的每张 S2 特征图各有一个 5×5 卷积核，另有 1 个偏置。第 0–5 张读 3 张，第 6–14 张读 4 张，第 15 张读全部 6 张——正是第 2 节的公式 $6(3\cdot25+1) + 6(4\cdot25+1) + 3(4\cdot25+1) + 1(6\cdot25+1)$。模型的 `SparseConv2d` 只存储真正存在的卷积核：

# %%
print("存储的卷积核权重：", tuple(net.c3.weight.shape), "=", net.c3.weight.numel())
print("偏置：", net.c3.bias.numel())
print("C3 参数量：", sum(p.numel() for p in net.c3.parameters()))

# %% [markdown]
# **核对转抄的表。** 二手资料里转抄的表 I 并不总是准确，而抄错的地方单凭肉眼很难发现。下面是一份抄错的表，用代码与表 I 对照：

# %%
copied_table = """
X.XXX..XXXXXXXX.
XX..XXX.XXXXXX..
XXX..XXX.X.XXXX.
.XXX.XXXX.X.XXX.
.XXX.XXXX.XX.XX.
.XXX.XXXX.XX.XX.
"""
copied = torch.tensor([[c == "X" for c in line] for line in copied_table.split()])
print("转抄的表中的 X：", int(copied.sum()), "  表 I 中：", int(table.sum()))
print("转抄的表中每张特征图的输入数：", copied.sum(0).tolist())
print("读全部 6 张 S2 特征图的 C3 特征图：转抄的表", (copied.sum(0) == 6).nonzero().flatten().tolist(),
      "  表 I", (table.sum(0) == 6).nonzero().flatten().tolist())
print("一张 S2 特征图都不读的 C3 特征图：转抄的表", (copied.sum(0) == 0).nonzero().flatten().tolist(),
      "  表 I", (table.sum(0) == 0).nonzero().flatten().tolist())
print("不同的格子：", int((copied != table).sum()), "/", table.numel())

# %% [markdown]
# 转抄的表比表 I 多出一些 X；读全部 6 张 S2 特征图的是第 13 张而不是第 15 张，第 15 张则一张都不读，所以它与第 2 节的参数公式对不上。请以上面的表为准；任何转抄的表，都先用代码数一数再用。

# %% [markdown]
# ### 小测验 · 不用连接表的 C3（1 分）
#
# 为什么要有这张表？LeCun 给出两个理由：让连接数保持在“合理的范围内”；并打破网络的对称性——不同的特征图得到不同的输入，于是被迫学习不同的特征。

# %% tags=["exercise:c3_dense"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("c3_dense", key="333a5de147bb48500f3e01ac12526c45", digits=0, unit="个参数",
        prompt="如果每张 C3 特征图都读全部 6 张 S2 特征图（即普通的 nn.Conv2d(6, 16, 5)），C3 有多少个"
               "可训练参数（含偏置）？",
        hint="16 个卷积核中的每一个都要覆盖全部 6 张输入特征图：6 · 5 · 5 个权重，再加 1 个偏置。",
        explanation="sealed:8tn9EpUb389yr/0IPhSycTvR5wVexWmjPxoAi0Ace3dPk3mkgpWsg/D0lB/D77VjYuzRW7XA3d/C2Xx/PKskkYD7e6xquypshjT7sqzyJ83qlzRULZ9TgfCrgNjg6XJK66xe17H5xZbEpQ0GJUjBXkLmJktE+6bG")

# %% [markdown]
# 常有人说，连接表把 C3 的参数从全连接时的 2,400 个减到了 1,516 个。2,400 只数了权重（$16 \times 6 \times 25$），而 1,516 包含了 C3 的 16 个偏置。比较要对等：权重比权重，或者两边都含偏置（PyTorch 就是这样数的）：

# %%
dense_c3 = nn.Conv2d(6, 16, kernel_size=5)
print("只数权重，16*6*25 =", 16 * 6 * 25)
print("全连接 C3 含偏置，16*(6*25 + 1) =", 16 * (6 * 25 + 1),
      "  PyTorch：", sum(p.numel() for p in dense_c3.parameters()))
print("LeNet-5 的 C3：权重", net.c3.weight.numel(), "+ 偏置", net.c3.bias.numel())
saved = 16 * 6 * 25 - net.c3.weight.numel()
print(f"连接表省下的权重：{16 * 6 * 25:,} 个中的 {saved:,} 个，即 {saved / (16 * 6 * 25):.1%}")

# %% [markdown]
# ### 练习 · 由连接表算参数量（3 分）
#
# 补全 `c3_parameters(table, k=5)`：`table` 是形状为（输入数，输出数）的布尔数组（NumPy 或 torch 均可），`table[i, j]` 表示第 `j` 张输出特征图是否读第 `i` 张输入特征图。每个连接有一个 `k`×`k` 卷积核，每张输出特征图有一个偏置。以 `int` 返回可训练参数的个数。

# %% tags=["exercise:c3_parameters"]
def c3_parameters(table, k=5):
    """稀疏卷积的可训练参数量：每个 X 一个 k×k 卷积核，每张输出特征图一个偏置。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:c3_parameters"]
_one_input = np.zeros((6, 16), dtype=bool)
_one_input[0] = True                               # 每张特征图都只读 S2 的第 0 张
_ = check_function("c3_parameters", c3_parameters, [
    ((c3_connection_table(),), 1516),
    ((_one_input,), 416),
])

# %% [markdown]
# ### 2.4 · S4：再一次下采样
#
# S4 的做法与 S2 相同，作用在 C3 的 16 张特征图上：2×2 求和，乘以一个系数，再加一个偏置（每张特征图一对），然后经过压缩函数——2 × 16 = 32 个参数。

# %% tags=["exercise:s4_shape"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("s4_shape", key="5a78280e25a77713d115c4dee3f58581",
      prompt="对一张 32×32 的图像，S4 输出的形状 (C, H, W) 是什么？",
      hint="C3 输出 16 张 10×10 的特征图。2×2 窗口、步幅 2 把高和宽减半，特征图的张数不变。",
      explanation="sealed:3GR/eS4h4FI2Oua2pYFzzh+5OG9+KTQn/nXJ4ugZ8n8sCz7oJN0MRFiTKu9iQ9aJkX51HaZPMoDmJxd3z21x5WhRpaQrBHI4GOP9I1oemleex2yhI7r7B+maz6Hw9QjrgPwVJQYdg4mpf+2VAfwVRK+ZjDDuFxQGIzQgi9Kc1CbxuzgWE2XCSG1arjT/q30t")

# %%
print(cnnlab.pool_output_size(10, 2, explain=True))
with torch.no_grad():
    s4_out = net.s4(net.c3(net.s2(net.c1(torch.zeros(1, 1, 32, 32)))))
print("S4 输出形状：", tuple(s4_out.shape[1:]), "  S4 参数量：", sum(p.numel() for p in net.s4.parameters()))

# %% [markdown]
# ### 2.5 · C5：是卷积层，不是全连接层
#
# 常有人说 C5“类似全连接层”。在这里它算出的数确实与全连接层相同——120 个 5×5 卷积核，覆盖 S4 的全部 16 张特征图，$(5\cdot5\cdot16+1)\cdot120$ 个参数——但它**是**卷积层。它的输出之所以是 1×1，只是因为输入恰好是 5×5，与卷积核一样大。论文自己也指出：输入再大一些，C5 的输出就会大于 1×1。给 C5 一个更大的输入试试：

# %%
with torch.no_grad():
    print("输入", tuple(s4_out.shape[1:]), "→ C5 输出", tuple(net.c5(s4_out).shape[1:]))
    bigger = torch.zeros(1, s4_out.shape[1], 9, 9)
    print("输入", tuple(bigger.shape[1:]), "→ C5 输出", tuple(net.c5(bigger).shape[1:]))
    as_linear = nn.Linear(s4_out[0].numel(), 120)
    as_linear.weight.copy_(net.c5.weight.flatten(1))          # (120, 400)
    as_linear.bias.copy_(net.c5.bias)
    z = torch.randn_like(s4_out)
    print("输入为 5×5 时，C5 = 一个 Linear(400, 120) 层：",
          torch.allclose(net.c5(z).flatten(1), as_linear(z.flatten(1)), atol=1e-5))

# %% [markdown]
# ### 2.6 · F6 与输出层：到十张位图的距离
#
# F6 是普通的全连接层，120 → 84，有 $84\cdot120$ 个权重和 84 个偏置（之后同样经过压缩函数）。为什么是 84？原因在输出层。输出层的 10 个单元是**欧氏径向基函数（RBF）单元**：第 $i$ 个单元计算 F6 的 84 个输出 $x$ 与一个固定向量 $w_i$ 之间的平方距离
#
# $$y_i = \sum_{j=0}^{83} (x_j - w_{ij})^2 ,$$
#
# 预测结果是 $y_i$ **最小**的那个数字。每个 $w_i$ 是一张由 ±1 组成的 7×12 位图（$7 \cdot 12 = 84$）：数字 $i$ 的一幅风格化图像。论文说，这些参数向量是“手工选定的，并且（至少在开始时）保持固定”；这里的模型始终不训练它们。下面是十个原型，由本课程库仿照论文图 3 绘制：

# %%
bitmaps = digit_bitmaps()                           # (10, 12, 7)，+1 = 笔画，−1 = 背景
print("原型：", tuple(bitmaps.shape), "→ 每个", 12 * 7, "个数")
fig, axes = plt.subplots(1, 10, figsize=(10, 2.3), constrained_layout=True)
for digit, ax in enumerate(axes):
    ax.imshow(bitmaps[digit], cmap="gray_r", vmin=-1, vmax=1)
    ax.set_title(f"{digit}", fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("RBF 原型 w_i：7 × 12 位图（不参与训练）", fontsize=12)
plt.show()

# %% [markdown]
# 这里有两种常见的误读：
#
# * 常有人把位图归到 **F6**（“F6 层有 84 个节点，对应于一张 7×12 的位图”）。F6 和任何全连接层一样，存的是训练出来的权重；位图是**输出层**的固定权重 $w_{ij}$。训练让 F6 的 84 个输出靠近正确数字的那张位图。
# * 这些位图有时被称为“ASCII 编码图”。它们不是 ASCII 编码（数字），而是**图像**：论文为可打印 ASCII 字符集中的每个字符都设计了一张 7×12 位图。论文说，对单独的数字，这种编码帮助不大；它的价值在完整字符集上：容易混淆的字符（O、o 和 0；l、1 和 I）得到相近的编码，后续读整串字符的模块可以再区分它们。
#
# 模型的输出层返回 $-y_i$，这样最大的输出就是最近的原型，`argmax` 和交叉熵都能照常使用。一个看起来像带噪声的 3 的 F6 输出，离原型 3 最近：

# %%
torch.manual_seed(3)
state = bitmaps[3].flatten() + 0.8 * torch.randn(84)   # 带噪声的“3”，F6 可能输出这样的向量
y = ((state - bitmaps.flatten(1)) ** 2).sum(1)           # y_i = Σ_j (x_j − w_ij)²，(10,)
print("y =", [round(v) for v in y.tolist()])
print("最近的原型：", y.argmin().item(), "  模型输出等于 −y：", torch.allclose(net.output(state[None])[0], -y))

# %% [markdown]
# 输出层没有可训练参数（summary 中显示“–”），但要做 10 × 84 = 840 次相减和平方（即它的 840 个连接）。
#
# ## 3 · 在手写数字上训练 1998 年的网络
#
# 论文在 MNIST 的 60,000 张训练数字上训练 LeNet-5。`cnnlab.mnist` 能找到或下载完整数据集时就用完整数据集；离线时退回到 cnnlab 自带的 5,000 张样本（4,000 张训练、1,000 张测试），并且**会明确说出来**。快速模式下我们干脆不尝试联网。

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
mnist_train = cnnlab.mnist("train", download=not quick)
mnist_test = cnnlab.mnist("test", download=not quick)

# %% [markdown]
# MNIST 的数字是 28×28，LeNet-5 要 32×32，所以在前面加一个 `ZeroPad2d(2)` 层，补上 2 个像素宽的背景边框。还有一个实际的选择：LeNet 很小，32 张图像一批的计算量不够分给多个 CPU 线程——它们大部分时间在互相等待——所以我们只用一个线程训练（`fit` 会保留我们设定的线程数）。

# %%
print("CPU 线程数：", threads(1))
pad = nn.ZeroPad2d(2)
X, y = next(iter(loader(mnist_test, batch_size=8, shuffle=False)))
print("一批：", tuple(X.shape), "→ 填充后：", tuple(pad(X).shape))

# %% [markdown]
# 训练时对输出 $-y_i$ 使用交叉熵，优化器是带动量的 SGD。论文本身最小化的是一个“MAP”准则（论文公式 9）：正确类别 $D$ 的 $y_D$，加上一项把其他距离推大的项；交叉熵就是去掉其中常数“垃圾类”项后的这个准则（库里的 `lenet5_loss` 计算原始准则）。快速模式只用几千张图像训练两轮；完整模式训练 10 轮。

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
lenet1998 = nn.Sequential(pad, lenet5())
history_1998 = cnnlab.fit(lenet1998, loader(mnist_train, batch_size=32), loader(mnist_test, batch_size=256),
                          epochs=10, lr=0.01, optimizer="momentum")
history_1998

# %%
print("LeNet-5（1998）测试准确率高于 0.5（随机猜测为 0.1）：", history_1998.test_acc[-1] > 0.5)


# %% [markdown]
# 上面的设置刻意保持简单，让每次训练都很短（用时见每条训练记录的最后一项）。完整模式下，课程为每个网络在库里保留了一份调好的 **训练配方**（`cnnlab.recipes`）；编写课程时，这些配方在 2 核 CPU 上都达到了各自打印出的目标，`cnnlab.train_recipe(name)` 可以在笔记本里按配方训练。LeNet-5 的配方使用论文本身的 MAP 准则，并像论文那样把数字放进 32×32 的画面、按论文的像素尺度缩放：

# %%
print(cnnlab.recipe("lenet5"))

# %% [markdown]
# 论文报告 LeNet-5 在 MNIST 上的测试错误率为 **0.95%**（准确率 99.05%）；用数字的变形副本扩充训练集后为 **0.8%**。我们的结果更低，因为训练量少得多（离线时还只有 4,000 张而不是 60,000 张训练数字）。
#
# ## 4 · 现代版 LeNet
#
# `lenet_modern` 保留 LeNet 的骨架——两层 5×5 卷积（分别有 6 个和 16 个卷积核），然后是 120 → 84 → 10——但换掉了零件：ReLU、最大池化、全连接的 C3、批量归一化，以及普通线性输出层加 softmax 交叉熵。它的第一层卷积填充 2，所以可以直接输入 28×28 的图像。

# %%
modern_report = cnnlab.summary(lenet_modern(), (1, 28, 28))
print(modern_report)

# %% [markdown]
# 规模与 LeNet-5 几乎相同。（它的 C3 恰好有 2,400 个参数：16 个稠密的 5×5×6 卷积核，没有偏置，因为其后的批量归一化有自己的平移参数 β。）先在同样的数字上、用同样的轮数和批量大小训练它；不同的只有网络和优化器（Adam）：

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
modern_digits = lenet_modern()
history_digits = cnnlab.fit(modern_digits, loader(mnist_train, batch_size=32), loader(mnist_test, batch_size=256),
                            epochs=10, lr=1e-3, optimizer="adam")
history_digits

# %% [markdown]
# 数字太容易了。Fashion-MNIST（Zalando，2017）格式相同——28×28 灰度图、10 个类别、60,000 张训练图像——内容却是服饰，难得多：

# %% tags=["nbval-ignore-output"]
fashion_train, fashion_test = cnnlab.fashion_mnist("train"), cnnlab.fashion_mnist("test")
cnnlab.seed(0)
modern = lenet_modern()
history_fashion = cnnlab.fit(modern, loader(fashion_train, batch_size=64), loader(fashion_test, batch_size=256),
                             epochs=5, lr=1e-3, optimizer="adam")
history_fashion

# %% tags=["nbval-ignore-output"]
runs = [("LeNet-5（1998）", "MNIST", report.trainable_params, history_1998),
        ("现代 LeNet", "MNIST", modern_report.trainable_params, history_digits),
        ("现代 LeNet", "Fashion-MNIST", modern_report.trainable_params, history_fashion)]
print(f"{'模型':14s} {'数据':14s} {'参数量':>7s} {'轮数':>6s} {'测试准确率':>8s} {'秒':>8s}")
for model_name, data_name, params, history in runs:
    print(f"{model_name:16s} {data_name:14s} {params:7,} {len(history.epoch):6d} "
          f"{history.test_acc[-1]:8.3f} {history.seconds[-1]:8.1f}")
print(f"同样的数字、同样的轮数：现代 LeNet 的测试准确率比 LeNet-5（1998）高 "
      f"{history_digits.test_acc[-1] - history_1998.test_acc[-1]:+.3f}")

# %%
print("现代 LeNet 在 MNIST 上高于 0.5：", history_digits.test_acc[-1] > 0.5)
print("现代 LeNet 在 Fashion-MNIST 上高于 0.5：", history_fashion.test_acc[-1] > 0.5)
gap = history_digits.test_acc[-1] - history_1998.test_acc[-1]
print("同样的轮数之后，LeNet-5（1998）仍落后于现代 LeNet：", gap > 0)


# %% [markdown]
# 现代 LeNet 的完整模式配方（基准表的第一行）用全部 60,000 张 Fashion-MNIST 图像，配合 AdamW 和 OneCycle 学习率调度训练：

# %%
print(cnnlab.recipe("lenet"))

# %% [markdown]
# 在同样的数字上、经过同样的轮数和批量，现代版最后领先（差值打印在上面）：ReLU、批量归一化和 Adam 让每一步都更有效。这么短的训练里，1998 年的网络追不上；论文在 60,000 张数字上训练了 20 轮，才达到 0.95% 的错误率。所以这个差值衡量的是两个网络学得多快，而不是 LeNet-5 最终能有多好。（这里网络和优化器是一起换的，所以表格说不出各自贡献了多少；可以试试给 LeNet-5 用 `optimizer="adam"`。）在 Fashion-MNIST 上，同一个现代网络的准确率比在数字上低好几个百分点：28×28 的衬衫、套头衫和外套看起来很像。
#
# ## 5 · 1998 年以来改变了什么，为什么
#
# | 1998 年（LeNet-5） | 今天（`lenet_modern`） | 原因 |
# |---|---|---|
# | 每层之后用缩放的 tanh 压缩 | **ReLU** $\max(0, a)$ | $a > 0$ 时不饱和，深层堆叠时梯度不会消失；计算便宜（Nair 和 Hinton，2010；Krizhevsky 等人，2012） |
# | 可训练下采样：2×2 求和 × 系数 + 偏置 | **最大池化**，无参数 | 没有要学习的参数；保留每个窗口里最强的响应，并能削弱小于窗口的平移（第 06 课）；哪种池化更好，取决于特征和数据（Boureau、Ponce 和 LeCun，2010） |
# | 稀疏的 C3（表 I） | **稠密的** C3 | 连接表节省计算（省下 C3 的 37% 权重，见 2.3 节打印的结果），并打破对称；后来发现稠密连接自己就能学到足够多样的特征，而且一个稠密卷积可以化成一次矩阵乘法（GEMM），GPU 和优化过的库算得很快，稀疏的连接表却做不到 |
# | 手工选定、“至少在开始时”固定的位图作 RBF 输出层，MAP 准则 | **线性输出层 + softmax 交叉熵** | 简单、易于理解，类别再多也无须手工设计编码 |
# | 精心的初始化与输入缩放 | **He 初始化与批量归一化**：现代网络两者都用（`lenet_modern` 保留 PyTorch 的默认初始化，靠批量归一化） | He 初始化按比例缩放随机权重，使信号经过许多 ReLU 层后仍保持大小（He 等人，2015）；批量归一化在训练中让每层输入保持在稳定范围，允许更大的学习率（Ioffe 和 Szegedy，2015；第 07 课） |
# | 随机对角 Levenberg–Marquardt 法，训练 20 轮 | **Adam**（或带动量的 SGD） | 为每个参数自适应步长，无须手工调学习率计划（Kingma 和 Ba，2015） |
# | 数天的 CPU 时间 | **GPU** | 每秒的算力多出数千倍，网络才能变大（第 09 课） |
# | 60,000 张数字 | **数百万张图像**（ImageNet）与数据增强 | 更大的网络需要更多数据；论文自己的变形（0.95% → 0.8%）就是数据增强的早期形式 |
#
# 没有改变的是架构本身——局部感受野、权重共享、下采样、顶上的分类器。AlexNet（第 09 课）从轮廓上看，就是换上这些新零件、放大了的 LeNet。

# %% tags=["exercise:lenet_1998"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("lenet_1998", key="6ef8df37836d56d281d99df8b90ec45b", multiple=True,
       options=["ReLU 激活函数", "最大池化", "在各位置共享的卷积核",
                "批量归一化", "每张下采样特征图有一个可训练系数和一个偏置"],
       prompt="1998 年的 LeNet-5 已经用到了下面哪些？（选出所有正确项。）",
       hint="看表格的左列，以及 2.2 节。",
       explanation="sealed:NvrzOM/VxaNRghMeivsBzOwrUbEBdlVbaz1Us7WygAOurHgDHCKVwtS8sYVMsgZJGXibKsyKiiGpHqq9KmyDgmxreIhcJ7/rrQi5XXbnz0A+4LB07n2I0xbU2SK/Ol1vG/fCWDOlePyvq6taUXK4Eorc0utumkXcGu8z5O99gvTyH7jNL2iD/JKEpJ78sGsUlo5oYLZ80NxBacgJWMMJ1+IPScadGYnXhg==")

# %% [markdown]
# ### 练习 · 按规格搭网络，再逐层预测（3 分）
#
# 给 32×32 彩色图像（CIFAR-10 的尺寸）用的 LeNet 轮廓：一个有 6 个卷积核（5×5）、不填充的卷积层，ReLU，窗口 2×2、步幅 2 的最大池化；一个有 16 个卷积核（也是 5×5）、不填充的卷积层，ReLU，同样的池化；然后 `nn.Flatten()` 和三个全连接层，输出分别是 120、84 和 10 个，前两个后面各接一个 ReLU。每个卷积层和全连接层都有偏置。补全 `build_color_lenet()`：按这个顺序，用一个 `nn.Sequential` 装下这 12 层，然后运行它的单元格。接着在下一个单元格里，先别看输出，对一张 3×32×32 的图像预测每一层的输出形状和参数量，再逐行点“检查”。如果你的模型和规格不一致，组件会先指出哪一层不同，而不会让你预测；每个格子按你的第一次预测计分。

# %% tags=["exercise:color_lenet_layers"]
def build_color_lenet():
    """LeNet's outline for 3×32×32 images, as the specification above says (one nn.Sequential)."""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:color_lenet_layers"]
from cnnlab.exercises import predict_layers

predict_layers(build_color_lenet, (3, 32, 32), ask=("shape", "params"), exercise="color_lenet_layers")

# %% [markdown]
# ## 6 · 各层看到了什么
#
# 人们常把卷积网络描述成一个层级：前几层响应边缘和颜色，中间几层响应纹理和部件，最后几层响应整个物体（常见的那些图来自 Zeiler 和 Fergus，2014，针对的是深得多的网络）。LeNet 只有两个卷积层，所以我们能看到前两步。下面是训练好的现代版 LeNet 第一层的 6 个 5×5 卷积核，以及每个卷积核对一张测试图像的作用（经过批量归一化和 ReLU 之后）。

# %%
modern.eval()
image, label = fashion_test[0]
with torch.no_grad():
    kernels = modern[0].weight.detach()[:, 0]        # (6, 5, 5)
    c1_maps = modern[:3](image[None])[0]             # 卷积 → BN → ReLU：(6, 28, 28)
    c3_maps = modern[:7](image[None])[0]             # … → 最大池化 → 卷积 → BN → ReLU：(16, 10, 10)
print("卷积核", tuple(kernels.shape), "  C1 特征图", tuple(c1_maps.shape), "  C3 特征图", tuple(c3_maps.shape))

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(2, 7, figsize=(11, 3.7), constrained_layout=True)
axes[0, 0].imshow(image[0], cmap="gray_r")
axes[0, 0].set_title(fashion_test.classes[label], fontsize=10)
axes[1, 0].axis("off")
limit = kernels.abs().max()
for k in range(6):
    axes[0, k + 1].imshow(kernels[k], cmap="bwr", vmin=-limit, vmax=limit)
    axes[0, k + 1].set_title(f"卷积核 {k}", fontsize=10)
    axes[1, k + 1].imshow(c1_maps[k], cmap="magma")
    axes[1, k + 1].set_title(f"C1 特征图 {k}", fontsize=10)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("第一层：卷积核（红为正，蓝为负）及其特征图", fontsize=12)
plt.show()

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(2, 8, figsize=(11, 3.4), constrained_layout=True)
for k, ax in enumerate(axes.flat):
    ax.imshow(c3_maps[k], cmap="magma")
    ax.set_title(f"C3 特征图 {k}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("第二个卷积层（C3）：16 张 10×10 特征图", fontsize=12)
plt.show()

# %% [markdown]
# C1 的卷积核是小的对比度检测器：一个卷积核一侧红、另一侧蓝，它就响应那个方向的边缘；它的特征图看上去仍然像那件服饰，只是有的轮廓被点亮、有的变暗。C3 的特征图更粗（10×10），每张都综合了全部 6 张 C1 特征图，因此响应的是组合——一个拐角、某一侧的一段边缘——已经不再像原图。快速模式训练后的卷积核还很粗糙；完整模式下会清晰一些。第 09–12 课会在更深的网络中继续这个话题。
#
# ## 常见错误
#
# - **把 LeNet-5 的激活函数叫作 sigmoid。** 论文说的“sigmoidal”是“S 形”的意思：缩放的 tanh $1.7159\tanh(2a/3)$，不是逻辑函数 $1/(1+e^{-a})$。
# - **拿 1,516 和 2,400 比较。** 前者含 16 个偏置，后者一个都没有；稠密的 C3 有 $16 \cdot (6 \cdot 25 + 1)$ 个参数。
# - **把 C5 叫作全连接层。** 它是卷积层，只是对 32×32 的输入图像，输出恰好是 1×1。
# - **把位图放进 F6。** F6 是要训练的；位图是 RBF 输出层的固定权重，预测取距离*最小*者。
# - **把 28×28 的数字直接喂给 LeNet-5。** 它要 32×32：先填充 2（现代版则在第一层卷积里填充）。
# - **把激活函数也算作层。** “7 层”指带权重（固定的或可训练的）的层，不含输入。
#
# ## 参考资料
#
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-based learning applied to document recognition*, Proceedings of the IEEE 86(11), 1998：第 II-B 节（网络结构，“7 layers, not counting the input”，表 I，RBF 输出层及其“chosen by hand and kept fixed (at least initially)”的 7×12 位图，60,000 个参数），附录 A（压缩函数 1.7159·tanh(2a/3)），第 II-C 节（MAP 准则），第 III 节（MNIST 上 0.95% 与 0.8% 的测试错误率）。
# - H. Xiao, K. Rasul, R. Vollgraf, *Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms*, 2017。
# - V. Nair, G. Hinton, *Rectified Linear Units Improve Restricted Boltzmann Machines*, ICML 2010；A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional Neural Networks*, NeurIPS 2012。
# - S. Ioffe, C. Szegedy, *Batch Normalization*, ICML 2015；D. Kingma, J. Ba, *Adam: A Method for Stochastic Optimization*, ICLR 2015。
# - K. He, X. Zhang, S. Ren, J. Sun, *Delving Deep into Rectifiers*, ICCV 2015（He 初始化）。
# - Y-L. Boureau, J. Ponce, Y. LeCun, *A Theoretical Analysis of Feature Pooling in Visual Recognition*, ICML 2010。
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014（展示特征层级的第 1 层到第 5 层的图）。
# - 阿斯顿·张、李沐、扎卡里·C. 立顿、亚历山大·J. 斯莫拉，《动手学深度学习》，6.6 节“卷积神经网络（LeNet）”。 <!-- parity-ignore: 6.6 -->

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `08_lenet.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("08_lenet")
