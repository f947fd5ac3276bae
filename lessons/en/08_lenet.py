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
lesson = cnnlab.start_lesson("08_lenet", lang="en")

# %% [markdown]
# # Lesson 08 · LeNet-5
#
# In 1998 Yann LeCun, Léon Bottou, Yoshua Bengio and Patrick Haffner published
# *Gradient-based learning applied to document recognition*. Its network, **LeNet-5**, already
# has everything lessons 02–06 built: convolutions with shared kernels, feature maps that shrink
# while their number grows, and a classifier on top. This lesson takes the 1998 network apart
# layer by layer, recomputes every parameter and connection count with code, trains it on handwritten digits, trains today's version next to it, and asks what changed in
# between and why.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
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
# ## 1 · The whole network in one table
#
# `cnnlab.models.lenet5` builds LeNet-5 as the paper describes it (section II-B): the layers
# C1, S2, C3, S4, C5, F6 and an output layer, for a 32×32 input. `cnnlab.summary` runs one
# image through it and counts, for every layer, its output shape, its trainable parameters and
# its **connections** — LeCun's measure of work: for every output value, the inputs it reads
# plus one for the bias.

# %%
cnnlab.seed(0)
net = lenet5()
report = cnnlab.summary(net, (1, 32, 32))
print(report)

# %% [markdown]
# The same network as a picture, in the layout of the paper's Figure 2: `cnnlab.draw_architecture`
# runs the module once and draws one box per layer, with LeCun's name (`names=True`), its
# output as *maps@height×width* and its trainable parameters. `fuse=True` draws each `squash`
# inside the box of the layer it follows. The picture is computed from the model, so it cannot
# disagree with it.

# %%
cnnlab.draw_architecture(lenet5(), (1, 32, 32), fuse=True, names=True)
plt.show()

# %% [markdown]
# In the table, the rows named `squash` are the activation function, applied after every layer up to F6; they
# have no parameters. The total is exactly the "60,000 trainable parameters" the paper quotes.
#
# The paper says that "LeNet-5 comprises 7 layers, not counting the input" (section II-B). Which
# seven? Count the layers of the model that hold numbers of their own:

# %%
holding_numbers, trainable_layers = [], []
for name, layer in net.named_children():
    trainable = sum(p.numel() for p in layer.parameters())
    fixed = sum(t.numel() for t in layer.state_dict().values()) - trainable
    print(f"{name:7s} trainable {trainable:6,}   fixed {fixed:4,}")
    if trainable + fixed > 0:
        holding_numbers.append(name)
    if trainable > 0:
        trainable_layers.append(name)
print("layers holding numbers:", len(holding_numbers), holding_numbers)
print("trainable layers:      ", len(trainable_layers), trainable_layers)

# %% [markdown]
# Seven layers hold numbers (the input does not count): six trainable ones and the output
# layer, whose 840 numbers are fixed prototypes (section 2.6). The squashing function is not a
# layer: it is applied inside each of the first six.
#
# ## 2 · Layer by layer
#
# Each layer's trainable parameters can be written as a short formula; the paper states the
# resulting numbers in section II-B. The cell below evaluates each formula as written, next to
# the summary's count, and does the same for the connections (outputs × (inputs read + 1)).

# %%
formulas = {            # layer: (parameters, connections)
    "c1": ("(5*5 + 1) * 6", "28*28*6 * (5*5 + 1)"),
    "s2": ("2 * 6", "14*14*6 * (4 + 1)"),
    "c3": ("6*(3*25 + 1) + 6*(4*25 + 1) + 3*(4*25 + 1) + 1*(6*25 + 1)", "10*10 * (60*25 + 16)"),
    "s4": ("2 * 16", "5*5*16 * (4 + 1)"),
    "c5": ("(5*5*16 + 1) * 120", "120 * (5*5*16 + 1)"),
    "f6": ("84 + 84*120", "84 * (120 + 1)"),
}
rows = {row.name: row for row in report.rows}
for name, (params, connections) in formulas.items():
    p, c = eval(params), eval(connections)          # the formula, evaluated as written
    same = p == rows[name].params and c == rows[name].connections
    print(f"{name}: params {params} = {p:,}   connections {connections} = {c:,}   summary agrees: {same}")
print("total parameters:", f"{sum(eval(p) for p, _ in formulas.values()):,}")

# %% [markdown]
# ### 2.1 · C1: six 5×5 kernels on a 32×32 image
#
# No padding, stride 1, so each of the 6 feature maps is 28×28, and each kernel owns 5·5 weights
# and one bias:

# %%
print(cnnlab.conv_output_size(32, 5, explain=True))
print(cnnlab.conv_params(1, 6, 5, explain=True))

# %% [markdown]
# Why a 32×32 input when MNIST digits are 28×28? The paper centres each digit in a larger field
# so that features near the border of the digit — stroke ends, corners — can still fall in the
# centre of the receptive fields of the highest-level feature detectors. We pad by 2 pixels on
# every side (section 3).
#
# ### 2.2 · S2: trainable subsampling, and which "sigmoid"
#
# S2 is often described as average pooling whose result "is multiplied by a trainable weight,
# plus a trainable bias, and then passed through the Sigmoid activation function". Two details of
# that description are looser than the paper:
#
# * **Sum or mean.** The paper *adds* the four inputs of each 2×2 window, multiplies the sum by a
#   trainable coefficient and adds a trainable bias — one pair per map, hence 2 × 6 = 12
#   parameters. Mean instead of sum only rescales the coefficient by 4, so the two are the same
#   layer; the cell checks this on the model's own S2 and prints the source of the squashing
#   function `squash`.
# * **Which sigmoid.** Today "Sigmoid" means the logistic function $\sigma(a) = 1/(1+e^{-a})$,
#   with outputs in (0, 1). LeCun's "sigmoidal" squashing function, used after every layer up to
#   F6 (after S2, S4, C5 and F6 too), is a **scaled tanh**
#   $f(a) = 1.7159\,\tanh(2a/3)$: zero-centred, with outputs in (−1.7159, 1.7159).

# %%
x = torch.randn(1, 6, 28, 28)
w, b = net.s2.weight.view(1, 6, 1, 1), net.s2.bias.view(1, 6, 1, 1)
as_mean = nn.functional.avg_pool2d(x, 2) * (4 * w) + b         # mean × (4w) + b
print("S2 output shape:", tuple(net.s2(x).shape))
print("S2 = 2×2 sum × w + b = 2×2 mean × 4w + b:", torch.allclose(net.s2(x), as_mean, atol=1e-6))
print("S2 parameters:", sum(p.numel() for p in net.s2.parameters()))
cnnlab.show_source(squash)
print("f(1) =", round(squash(torch.tensor(1.0)).item(), 4), "  f(-1) =", round(squash(torch.tensor(-1.0)).item(), 4))

# %%
a = torch.linspace(-4, 4, 201)
fig, ax = plt.subplots(figsize=(6.5, 3.6), constrained_layout=True)
ax.plot(a, squash(a), label="LeNet-5: 1.7159·tanh(2a/3)")
ax.plot(a, torch.sigmoid(a), "--", label="logistic sigmoid 1/(1+e^(−a))")
ax.plot(a, torch.relu(a), ":", label="ReLU max(0, a) (today)")
ax.axhline(0, color="grey", lw=0.5)
ax.set_ylim(-2, 2.5)
ax.set_xlabel("pre-activation a")
ax.set_ylabel("output")
ax.set_title("Three activation functions")
ax.legend(fontsize=9, loc="upper left")
plt.show()

# %% [markdown]
# The scaled tanh gives exactly ±1 at ±1 (printed above), where the paper puts its targets, and
# is centred on zero, which made training easier than with the logistic function. Both flatten
# out for large |a|: their gradient vanishes there — one reason ReLU replaced them (section 5).
#
# ### 2.3 · C3: 16 maps that each read only some of S2's maps
#
# C3 has 16 feature maps of 10×10 (14 − 5 + 1 = 10), but a C3 map does not read all six S2
# maps. Table I of the paper lists which ones it reads. The model stores that table; here it is
# as a picture, with the four groups of maps that C3's parameter formula in section 2 counts:

# %%
table = c3_connection_table()                      # (6, 16) bool: table[i, j] = C3 map j reads S2 map i
print("table shape:", tuple(table.shape), "  connections (X):", int(table.sum()))
print("inputs read by each C3 map:", table.sum(0).tolist())

# %%
groups = [(0, 6, "#dbe9f6", "3 neighbouring maps"), (6, 12, "#fde0c5", "4 neighbouring maps"),
          (12, 15, "#d9f0d3", "4 maps, not neighbours"), (15, 16, "#eadcf2", "all 6 maps")]
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
ax.set_xlabel("C3 feature map")
ax.set_ylabel("S2 feature map")
ax.set_title("C3 connection table (LeCun et al. 1998, Table I)")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, fontsize=9, frameon=False)
plt.show()

# %% [markdown]
# Each C3 map owns one 5×5 kernel per S2 map it reads, plus one bias. Maps 0–5 read 3 maps,
# maps 6–14 read 4, map 15 reads all 6 — exactly the formula of section 2,
# $6(3\cdot25+1) + 6(4\cdot25+1) + 3(4\cdot25+1) + 1(6\cdot25+1)$. The model's `SparseConv2d`
# stores only the kernels that exist:

# %%
print("stored kernel weights:", tuple(net.c3.weight.shape), "=", net.c3.weight.numel())
print("biases:", net.c3.bias.numel())
print("C3 parameters:", sum(p.numel() for p in net.c3.parameters()))

# %% [markdown]
# **Checking a copied table.** Copies of Table I in secondary sources are not always faithful,
# and a damaged copy is hard to spot by eye. Here is one, compared with Table I by code:

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
print("X's in the copy:", int(copied.sum()), "  in Table I:", int(table.sum()))
print("inputs per map in the copy:", copied.sum(0).tolist())
print("maps reading all six S2 maps: copy", (copied.sum(0) == 6).nonzero().flatten().tolist(),
      "  Table I", (table.sum(0) == 6).nonzero().flatten().tolist())
print("maps reading no S2 map: copy", (copied.sum(0) == 0).nonzero().flatten().tolist(),
      "  Table I", (table.sum(0) == 0).nonzero().flatten().tolist())
print("cells that differ:", int((copied != table).sum()), "of", table.numel())

# %% [markdown]
# The copy has more X's than Table I; its map 13, not map 15, reads all six S2 maps, and its map
# 15 reads none at all, so it does not agree with the parameter formula of section 2. Use the
# table above, and count any copy before you trust it.

# %% [markdown]
# ### Quick check · C3 without the table (1 point)
#
# Why a table at all? LeCun gives two reasons: it keeps the number of connections "within
# reasonable bounds", and it breaks the symmetry of the network — different maps get different
# inputs, so they are pushed to learn different features.

# %% tags=["exercise:c3_dense"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("c3_dense", key="333a5de147bb48500f3e01ac12526c45", digits=0, unit="parameters",
        prompt="If every C3 map read all six S2 maps (an ordinary nn.Conv2d(6, 16, 5)), how many "
               "trainable parameters would C3 have, biases included?",
        hint="Each of the 16 kernels would span all 6 input maps: 6 · 5 · 5 weights, plus its bias.",
        explanation="sealed:8tn9EpUb389yr/0IPhSycTvR5wVexWmjPxoAi0Ace3dPk3mkgpWsVmxcigfH76U04z0c1VwwFDkhWNbuKrpw2AUwtDrFFJm5TfcPUSYh3AsXU6qQ9lj2MCQzfFkzCCMOqKCaDnlwLWENEbfJvOo=")

# %% [markdown]
# It is often said that the table brings C3 down from 2,400 parameters, for full connection, to
# 1,516. The 2,400 counts only weights ($16 \times 6 \times 25$), while the 1,516 includes C3's
# 16 biases. Compare like with like:
# weights with weights, or both counts with biases, as PyTorch counts them:

# %%
dense_c3 = nn.Conv2d(6, 16, kernel_size=5)
print("weights only, 16*6*25 =", 16 * 6 * 25)
print("dense C3 with biases, 16*(6*25 + 1) =", 16 * (6 * 25 + 1),
      "  PyTorch:", sum(p.numel() for p in dense_c3.parameters()))
print("LeNet-5's C3: weights", net.c3.weight.numel(), "+ biases", net.c3.bias.numel())
saved = 16 * 6 * 25 - net.c3.weight.numel()
print(f"weights the table saves: {saved:,} of {16 * 6 * 25:,} = {saved / (16 * 6 * 25):.1%}")

# %% [markdown]
# ### Exercise · Parameters from a connection table (3 points)
#
# Complete `c3_parameters(table, k=5)`: `table` is a boolean array (NumPy or torch) of shape
# (inputs, outputs) in which `table[i, j]` says whether output map `j` reads input map `i`. Each
# connection owns one `k`×`k` kernel, and each output map one bias. Return the number of
# trainable parameters as an `int`.

# %% tags=["exercise:c3_parameters"]
def c3_parameters(table, k=5):
    """Trainable parameters of a sparse convolution: one k×k kernel per X, one bias per output map."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:c3_parameters"]
_one_input = np.zeros((6, 16), dtype=bool)
_one_input[0] = True                               # every map reads S2 map 0 only
_ = check_function("c3_parameters", c3_parameters, [
    ((c3_connection_table(),), 1516),
    ((_one_input,), 416),
])

# %% [markdown]
# ### 2.4 · S4: subsampling again
#
# S4 works like S2, on C3's 16 maps: a 2×2 sum, times one coefficient, plus one bias per map,
# then the squashing function — 2 × 16 = 32 parameters.

# %% tags=["exercise:s4_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("s4_shape", key="5a78280e25a77713d115c4dee3f58581",
      prompt="What is the shape (C, H, W) of S4's output for one 32×32 image?",
      hint="C3 gives 16 maps of 10×10. A 2×2 window with stride 2 halves height and width and "
           "keeps the number of maps.",
      explanation="sealed:3GR/eS4h4FI2Oua2pYFzzh+5OG9+Kfe7AfxgMTiCPzATW20uiWIMGA/DvHOtBcOccirCCLOSiCwwmIKyRMC0S/+SOQozBWR6TbuzZh1EW8tGSohkI+e4F6wGFmhiDMEkSBiWhMWRXFFviCSVLadQgFQsSOMhgPfUqLT8TQVNXdgaK7w=")

# %%
print(cnnlab.pool_output_size(10, 2, explain=True))
with torch.no_grad():
    s4_out = net.s4(net.c3(net.s2(net.c1(torch.zeros(1, 1, 32, 32)))))
print("S4 output shape:", tuple(s4_out.shape[1:]), "  S4 parameters:", sum(p.numel() for p in net.s4.parameters()))

# %% [markdown]
# ### 2.5 · C5: a convolution, not a fully connected layer
#
# C5 is often called "similar to a fully connected layer". It computes the same numbers as one
# here — 120 kernels of 5×5 over all 16 S4 maps, $(5\cdot5\cdot16+1)\cdot120$ parameters — but
# it *is* a convolution. Its output is 1×1 only because its input happens to be 5×5, the size of
# its kernel. The paper makes the point itself: with a larger input, C5's output would be larger
# than 1×1. Give C5 a bigger input and see:

# %%
with torch.no_grad():
    print("input", tuple(s4_out.shape[1:]), "→ C5 output", tuple(net.c5(s4_out).shape[1:]))
    bigger = torch.zeros(1, s4_out.shape[1], 9, 9)
    print("input", tuple(bigger.shape[1:]), "→ C5 output", tuple(net.c5(bigger).shape[1:]))
    as_linear = nn.Linear(s4_out[0].numel(), 120)
    as_linear.weight.copy_(net.c5.weight.flatten(1))          # (120, 400)
    as_linear.bias.copy_(net.c5.bias)
    z = torch.randn_like(s4_out)
    print("on a 5×5 input, C5 = a Linear(400, 120) layer:",
          torch.allclose(net.c5(z).flatten(1), as_linear(z.flatten(1)), atol=1e-5))

# %% [markdown]
# ### 2.6 · F6 and the output layer: distances to ten bitmaps
#
# F6 is an ordinary fully connected layer, 120 → 84, with $84\cdot120$ weights and 84 biases
# (then the squashing function). Why 84? Because of the output layer. Its ten units are
# **Euclidean radial basis function (RBF)** units: unit $i$ computes the squared distance between
# F6's 84 outputs $x$ and a fixed vector $w_i$,
#
# $$y_i = \sum_{j=0}^{83} (x_j - w_{ij})^2 ,$$
#
# and the predicted digit is the one with the **smallest** $y_i$. Each $w_i$ is a 7×12 bitmap
# ($7 \cdot 12 = 84$) of ±1: a stylised picture of digit $i$. The paper says these parameter
# vectors were "chosen by hand and kept fixed (at least initially)"; the model here keeps them
# fixed throughout. Here are the ten prototypes, as the course library draws them after Fig. 3 of
# the paper:

# %%
bitmaps = digit_bitmaps()                           # (10, 12, 7), +1 = ink, −1 = background
print("prototypes:", tuple(bitmaps.shape), "→", 12 * 7, "numbers each")
fig, axes = plt.subplots(1, 10, figsize=(10, 2.3), constrained_layout=True)
for digit, ax in enumerate(axes):
    ax.imshow(bitmaps[digit], cmap="gray_r", vmin=-1, vmax=1)
    ax.set_title(f"{digit}", fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("RBF prototypes w_i: 7 × 12 bitmaps (not trained)", fontsize=12)
plt.show()

# %% [markdown]
# Two common misreadings:
#
# * The bitmaps are often attached to **F6** ("F6 has 84 units, corresponding to a 7×12
#   bitmap"). F6 holds trained weights like any fully connected layer; the bitmaps are the
#   **output layer's** fixed weights $w_{ij}$. Training pushes F6's 84 outputs towards the bitmap
#   of the right digit.
# * The bitmaps are sometimes called "ASCII code pictures". They are not ASCII codes (numbers) but
#   **pictures**: the paper designed one 7×12
#   bitmap for every character of the printable ASCII set. For isolated digits such codes bring
#   little, the paper says; their value is for the full character set, where easily confused
#   characters (O, o and 0; l, 1 and I) get similar codes, so a later stage reading whole
#   strings can resolve them.
#
# The model's output layer returns $-y_i$, so that the largest output is the nearest prototype
# and `argmax` and cross-entropy work as usual. An F6 output that looks like a noisy 3 lands
# nearest to prototype 3:

# %%
torch.manual_seed(3)
state = bitmaps[3].flatten() + 0.8 * torch.randn(84)   # a noisy "3", as F6 might output it
y = ((state - bitmaps.flatten(1)) ** 2).sum(1)           # y_i = Σ_j (x_j − w_ij)², (10,)
print("y =", [round(v) for v in y.tolist()])
print("nearest prototype:", y.argmin().item(), "  model output equals −y:", torch.allclose(net.output(state[None])[0], -y))

# %% [markdown]
# The output layer has no trainable parameters (the summary shows "–") but does
# 10 × 84 = 840 subtractions and squares (its 840 connections).
#
# ## 3 · Training the 1998 network on digits
#
# The paper trained LeNet-5 on MNIST, 60,000 training digits. `cnnlab.mnist` uses the full set
# when it finds or can download it; offline it falls back to the 5,000-digit sample that ships
# with cnnlab (4,000 for training, 1,000 for testing) and **says so**. In quick mode we do not
# even try the network.

# %% tags=["nbval-ignore-output"]
quick = cnnlab.quick_mode()
mnist_train = cnnlab.mnist("train", download=not quick)
mnist_test = cnnlab.mnist("test", download=not quick)

# %% [markdown]
# MNIST digits are 28×28 and LeNet-5 wants 32×32, so a `ZeroPad2d(2)` layer in front adds a
# 2-pixel border of background. And one practical choice: LeNet is so small that a batch of 32
# images is too little work to share between several CPU threads — they mostly wait for each
# other — so we train on one thread (`fit` keeps the number we set).

# %%
print("CPU threads:", threads(1))
pad = nn.ZeroPad2d(2)
X, y = next(iter(loader(mnist_test, batch_size=8, shuffle=False)))
print("a batch:", tuple(X.shape), "→ padded:", tuple(pad(X).shape))

# %% [markdown]
# Training uses cross-entropy on the outputs $-y_i$ and SGD with momentum. The paper itself
# minimised a "MAP" criterion (its equation 9): $y_D$ for the correct class $D$ plus a term that
# pushes the other distances up; cross-entropy is that criterion without its constant "rubbish
# class" term (`lenet5_loss` in the library computes the original). Quick mode trains on a few
# thousand images for two epochs; full mode for 10 epochs.

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
lenet1998 = nn.Sequential(pad, lenet5())
history_1998 = cnnlab.fit(lenet1998, loader(mnist_train, batch_size=32), loader(mnist_test, batch_size=256),
                          epochs=10, lr=0.01, optimizer="momentum")
history_1998

# %%
print("LeNet-5 (1998) test accuracy above 0.5 (chance 0.1):", history_1998.test_acc[-1] > 0.5)


# %% [markdown]
# The settings above are kept plain so that each run is short (each `History` line ends with its
# seconds). For full mode the course
# keeps a tuned *recipe* for each network in the library, `cnnlab.recipes`: settings that reached
# the goal each recipe prints on a 2-core CPU when the course was built, and that
# `cnnlab.train_recipe(name)` trains in a notebook. LeNet-5's trains with the paper's own MAP
# criterion, on the digits placed in a 32×32 field with the paper's pixel scale:

# %%
print(cnnlab.recipe("lenet5"))

# %% [markdown]
# The paper reports a **0.95 %** test error for LeNet-5 on MNIST (99.05 % accuracy), and
# **0.8 %** when the training set is enlarged with distorted copies of the digits. Our numbers
# are lower because we train far less (and, offline, on 4,000 digits instead of 60,000).
#
# ## 4 · The modern LeNet
#
# `lenet_modern` keeps LeNet's shape — 5×5 convolutions with 6 and 16 maps, then 120 → 84 → 10 —
# and swaps the parts: ReLU, max pooling, a dense C3, batch normalization, an ordinary linear
# output with softmax cross-entropy. Its first convolution pads by 2, so it takes 28×28 images
# directly.

# %%
modern_report = cnnlab.summary(lenet_modern(), (1, 28, 28))
print(modern_report)

# %% [markdown]
# Almost the same size as LeNet-5. (Its C3 has exactly 2,400 parameters: 16 dense 5×5×6
# kernels, and no biases, because the batch normalization after it has its own shift β.) First,
# train it on the same digits, for the same number of epochs with the same batch size; the
# network and the optimizer (Adam) are what differ:

# %% tags=["nbval-ignore-output"]
cnnlab.seed(0)
modern_digits = lenet_modern()
history_digits = cnnlab.fit(modern_digits, loader(mnist_train, batch_size=32), loader(mnist_test, batch_size=256),
                            epochs=10, lr=1e-3, optimizer="adam")
history_digits

# %% [markdown]
# Digits are easy. Fashion-MNIST (Zalando, 2017) has the same format — 28×28 grey images, ten
# classes, 60,000 for training — but shows clothes, and is harder:

# %% tags=["nbval-ignore-output"]
fashion_train, fashion_test = cnnlab.fashion_mnist("train"), cnnlab.fashion_mnist("test")
cnnlab.seed(0)
modern = lenet_modern()
history_fashion = cnnlab.fit(modern, loader(fashion_train, batch_size=64), loader(fashion_test, batch_size=256),
                             epochs=5, lr=1e-3, optimizer="adam")
history_fashion

# %% tags=["nbval-ignore-output"]
runs = [("LeNet-5 (1998)", "MNIST", report.trainable_params, history_1998),
        ("modern LeNet", "MNIST", modern_report.trainable_params, history_digits),
        ("modern LeNet", "Fashion-MNIST", modern_report.trainable_params, history_fashion)]
print(f"{'model':16s} {'data':14s} {'params':>7s} {'epochs':>6s} {'test acc':>8s} {'seconds':>8s}")
for model_name, data_name, params, history in runs:
    print(f"{model_name:16s} {data_name:14s} {params:7,} {len(history.epoch):6d} "
          f"{history.test_acc[-1]:8.3f} {history.seconds[-1]:8.1f}")
print(f"same digits, same epochs: modern LeNet minus LeNet-5 (1998), test accuracy "
      f"{history_digits.test_acc[-1] - history_1998.test_acc[-1]:+.3f}")

# %%
print("modern LeNet on MNIST above 0.5:", history_digits.test_acc[-1] > 0.5)
print("modern LeNet on Fashion-MNIST above 0.5:", history_fashion.test_acc[-1] > 0.5)
gap = history_digits.test_acc[-1] - history_1998.test_acc[-1]
print("after the same epochs LeNet-5 (1998) is still behind the modern LeNet:", gap > 0)


# %% [markdown]
# The modern LeNet's full-mode recipe (the benchmark's first row) trains on all 60,000
# Fashion-MNIST images with AdamW and a OneCycle schedule:

# %%
print(cnnlab.recipe("lenet"))

# %% [markdown]
# On the same digits, after the same epochs and batches, the modern network ends ahead (the gap
# is printed above): ReLU, batch normalization and Adam make each step count for more. In a run
# this short the 1998 network does not catch up; the paper trained it for 20 epochs over 60,000
# digits to reach its 0.95 % error, so the gap measures how fast each network learns, not how
# good LeNet-5 can get. (Optimizer and network changed together here, so the table does not say how
# much each one contributes; try `optimizer="adam"` for LeNet-5.) On Fashion-MNIST the same modern
# network loses several points of accuracy compared with digits: shirts, pullovers and coats look
# alike at 28×28.
#
# ## 5 · What changed since 1998, and why
#
# | 1998 (LeNet-5) | today (`lenet_modern`) | why |
# |---|---|---|
# | scaled tanh squashing after every layer | **ReLU** $\max(0, a)$ | no saturation for $a > 0$, so gradients do not vanish in deep stacks; cheap to compute (Nair & Hinton 2010; Krizhevsky et al. 2012) |
# | trainable subsampling: 2×2 sum × coefficient + bias | **max pooling**, no parameters | nothing to learn; keeps the strongest response in each window and damps shifts smaller than the window (lesson 06); which kind of pooling works better depends on the features and the data (Boureau, Ponce & LeCun 2010) |
# | sparse C3 (Table I) | **dense** C3 | the table saved computation (37 % of C3's weights, printed in section 2.3) and broke symmetry; dense connections turned out to learn diverse enough features on their own, and a dense convolution maps onto one matrix multiplication (GEMM), which GPUs and tuned libraries run fast, while a sparse table does not |
# | RBF output with hand-chosen bitmaps, fixed "at least initially", MAP criterion | **linear output + softmax cross-entropy** | simple, well understood, and any number of classes without hand-designed codes |
# | careful initialisation and input scaling | **He initialisation and batch normalization**: modern networks use both (`lenet_modern` keeps PyTorch's default initialisation and relies on batch normalization) | He initialisation scales the random weights so that signals keep their size through many ReLU layers (He et al. 2015); batch normalization keeps each layer's inputs in a stable range while training and allows larger learning rates (Ioffe & Szegedy 2015; lesson 07) |
# | stochastic diagonal Levenberg–Marquardt, 20 epochs | **Adam** (or SGD with momentum) | adapts a step size per parameter without hand-tuned schedules (Kingma & Ba 2015) |
# | days of CPU time | **GPUs** | thousands of times more arithmetic per second, so networks could grow (lesson 09) |
# | 60,000 digits | **millions of images** (ImageNet) and data augmentation | bigger networks need more data; the paper's own distortions (0.95 % → 0.8 %) were an early form of augmentation |
#
# The architecture itself — local receptive fields, shared weights, subsampling, a classifier on
# top — is the part that did *not* change. AlexNet (lesson 09) is, in outline, a bigger LeNet
# with these new parts.

# %% tags=["exercise:lenet_1998"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("lenet_1998", key="6ef8df37836d56d281d99df8b90ec45b", multiple=True,
       options=["ReLU activations", "max pooling", "convolution kernels shared across positions",
                "batch normalization", "a trainable coefficient and bias in each subsampling map"],
       prompt="Which of these did the 1998 LeNet-5 already use? (Tick all that apply.)",
       hint="Look at the left column of the table, and at section 2.2.",
       explanation="sealed:gBcjrhAaAlq6CejGASnaQyP9lEjo4bSR7+DZNWBVRM9XJJbqm+BOSEhH9iSo4UvfxJMQ32CCe3Ueyzl1uZQTYdBr/ma2pmQsId1V1ZpoxCw5x7Rz6mjJSfRecPBAupnzyEw4n8ZW+W4Uq6taUb0Y/g04cn6lUs8E1G2fE2SLLnAa0jIigONRHBtdSBIKR/b+RAbQrDKBOxqwrVrlpwg=")

# %% [markdown]
# ### Exercise · Build it from a specification, then predict every layer (3 points)
#
# LeNet's outline for 32×32 colour images (the size of CIFAR-10): a convolution with six 5×5
# kernels and no padding, ReLU, max pooling over 2×2 windows with stride 2; a convolution with
# 16 kernels of 5×5 and no padding, ReLU, the same pooling; then `nn.Flatten()` and three fully
# connected layers with 120, 84 and 10 outputs, with a ReLU after each of the first two. Every
# convolution and linear layer has a bias. Complete `build_color_lenet()` with one `nn.Sequential`
# of these 12 layers, in this order, and run its cell. Then, in the cell after it, predict
# each layer's output shape and parameter count for one 3×32×32 image before you look, and press
# Check on each row. If your model is not the one specified, the widget says which layer differs
# instead of asking for predictions; your first prediction of each box is the one that is graded.

# %% tags=["exercise:color_lenet_layers"]
def build_color_lenet():
    """LeNet's outline for 3×32×32 images, as the specification above says (one nn.Sequential)."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:color_lenet_layers"]
from cnnlab.exercises import predict_layers

predict_layers(build_color_lenet, (3, 32, 32), ask=("shape", "params"), exercise="color_lenet_layers")

# %% [markdown]
# ## 6 · What the layers see
#
# CNNs are often described as a hierarchy: the first layers respond to edges and colours, the
# middle ones to textures and parts, the last ones to whole objects (the usual pictures come from
# Zeiler & Fergus 2014, for a much deeper network). LeNet has only two convolutional
# layers, so we can see the first two steps. Below: the six 5×5 kernels of the trained modern
# LeNet's first layer, and what each does to one test image (after batch normalization and ReLU).

# %%
modern.eval()
image, label = fashion_test[0]
with torch.no_grad():
    kernels = modern[0].weight.detach()[:, 0]        # (6, 5, 5)
    c1_maps = modern[:3](image[None])[0]             # conv → BN → ReLU: (6, 28, 28)
    c3_maps = modern[:7](image[None])[0]             # … → max pool → conv → BN → ReLU: (16, 10, 10)
print("kernels", tuple(kernels.shape), "  C1 maps", tuple(c1_maps.shape), "  C3 maps", tuple(c3_maps.shape))

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(2, 7, figsize=(11, 3.7), constrained_layout=True)
axes[0, 0].imshow(image[0], cmap="gray_r")
axes[0, 0].set_title(fashion_test.classes[label], fontsize=10)
axes[1, 0].axis("off")
limit = kernels.abs().max()
for k in range(6):
    axes[0, k + 1].imshow(kernels[k], cmap="bwr", vmin=-limit, vmax=limit)
    axes[0, k + 1].set_title(f"kernel {k}", fontsize=10)
    axes[1, k + 1].imshow(c1_maps[k], cmap="magma")
    axes[1, k + 1].set_title(f"C1 map {k}", fontsize=10)
for ax in axes.flat:
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("First layer: kernels (red +, blue −) and their feature maps", fontsize=12)
plt.show()

# %% tags=["nbval-ignore-output"]
fig, axes = plt.subplots(2, 8, figsize=(11, 3.4), constrained_layout=True)
for k, ax in enumerate(axes.flat):
    ax.imshow(c3_maps[k], cmap="magma")
    ax.set_title(f"C3 map {k}", fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Second convolutional layer (C3): 16 maps of 10×10", fontsize=12)
plt.show()

# %% [markdown]
# The C1 kernels are small contrast detectors: where a kernel is red on one side and blue on
# the other it responds to an edge of that orientation, and its feature map still looks like the
# garment, with some outlines lit and others dark. C3 maps are coarser (10×10) and each combines
# all six C1 maps, so they respond to combinations — a corner, a stretch of edge on one side —
# and no longer look like the image. After a quick-mode run the kernels are still rough; full
# mode gives cleaner ones. Lessons 09–12 take this further in deeper networks.
#
# ## Common mistakes
#
# - **Calling LeNet-5's activation a sigmoid.** The paper says "sigmoidal", meaning S-shaped:
#   the scaled tanh $1.7159\tanh(2a/3)$, not the logistic $1/(1+e^{-a})$.
# - **Comparing 1,516 with 2,400.** The first count includes 16 biases, the second none; a dense
#   C3 has $16 \cdot (6 \cdot 25 + 1)$ parameters.
# - **Calling C5 fully connected.** It is a convolution whose output is 1×1 only for a 32×32
#   input image.
# - **Putting the bitmaps in F6.** F6 is trained; the bitmaps are the fixed weights of the RBF
#   output layer, and the prediction is the *smallest* distance.
# - **Feeding 28×28 digits to LeNet-5.** It expects 32×32: pad by 2 (the modern version pads
#   inside its first convolution instead).
# - **Counting activations as layers.** "7 layers" are the layers with weights (fixed or
#   trained), input not included.
#
# ## Sources
#
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-based learning applied to document
#   recognition*, Proceedings of the IEEE 86(11), 1998: section II-B (the architecture, "7 layers,
#   not counting the input", Table I, the RBF output and its 7×12 bitmaps "chosen by hand and kept
#   fixed (at least initially)", 60,000 parameters), Appendix A (the squashing function
#   1.7159·tanh(2a/3)), section II-C (the MAP criterion), section III (0.95 % and 0.8 % test
#   error on MNIST).
# - H. Xiao, K. Rasul, R. Vollgraf, *Fashion-MNIST: a Novel Image Dataset for Benchmarking
#   Machine Learning Algorithms*, 2017.
# - V. Nair, G. Hinton, *Rectified Linear Units Improve Restricted Boltzmann Machines*, ICML 2010;
#   A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012.
# - S. Ioffe, C. Szegedy, *Batch Normalization*, ICML 2015; D. Kingma, J. Ba, *Adam: A Method for
#   Stochastic Optimization*, ICLR 2015.
# - K. He, X. Zhang, S. Ren, J. Sun, *Delving Deep into Rectifiers*, ICCV 2015 (He initialisation).
# - Y-L. Boureau, J. Ponce, Y. LeCun, *A Theoretical Analysis of Feature Pooling in Visual
#   Recognition*, ICML 2010.
# - M. Zeiler, R. Fergus, *Visualizing and Understanding Convolutional Networks*, ECCV 2014 (the
#   layer-1 to layer-5 pictures of the feature hierarchy).
# - A. Zhang, Z. C. Lipton, M. Li, A. J. Smola, *Dive into Deep Learning*, §7.6 "Convolutional <!-- parity-ignore: 7.6 -->
#   Neural Networks (LeNet)".

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `08_lenet.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("08_lenet")
