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
lesson = cnnlab.start_lesson("01_fc_baseline", lang="en")

# %% [markdown]
# # Lesson 01 · From fully connected layers to convolutions
#
# Before we build convolutional networks we train the simplest network that can classify
# images at all: a **multilayer perceptron** (MLP) that flattens each image into one long vector.
# It works surprisingly well. Then we ask what it costs and what it ignores: how many weights a
# fully connected layer needs for a large image, whether those weights make it overfit, and what
# the flattening throws away. The answers are the two ideas convolution is built on,
# **local connectivity** and **weight sharing**.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")

# %%
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from cnnlab.data import ImageSet, loader
from cnnlab.exercises import check_function, choice, numeric, shape

# %% [markdown]
# ## 1 · Fashion-MNIST, and what "flattening" means
#
# Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017) has 28×28 grey images of clothes in ten
# classes: 60,000 for training and 10,000 for testing. It was made as a harder drop-in
# replacement for the MNIST digits.

# %% tags=["nbval-ignore-output"]
train_set = cnnlab.fashion_mnist("train")
test_set = cnnlab.fashion_mnist("test")

# %%
print("train images:", tuple(train_set.images.shape), train_set.images.dtype)   # (N, C, H, W)
print("test images: ", tuple(test_set.images.shape))
print("classes:", train_set.classes)

# %% [markdown]
# One test image of each class:

# %%
first_of_class = [int((test_set.labels == c).nonzero()[0]) for c in range(10)]
fig, axes = plt.subplots(2, 5, figsize=(9, 4.2), constrained_layout=True)
for ax, index in zip(axes.flat, first_of_class):
    image, label = test_set[index]                   # image: (1, 28, 28), values in [0, 1]
    ax.imshow(image[0], cmap="gray_r")
    ax.set_title(f"{label}: {test_set.classes[label]}", fontsize=11)
    ax.axis("off")
fig.suptitle("Fashion-MNIST: one test image per class", fontsize=13)
plt.show()

# %% [markdown]
# A fully connected layer (`nn.Linear`) expects a vector, so an MLP first **flattens** the
# 28×28 grid into 784 numbers, row after row ($28\times 28 \rightarrow 784\times 1$).
# Pixel $(r, c)$ lands at position $28r + c$. Its neighbour to the right stays next to it, but
# its neighbour *below* ends up 28 places further on:

# %%
image, label = test_set[0]                          # (1, 28, 28)
vector = nn.Flatten()(image[None])                  # (1, 784): batch of one
print("image:", tuple(image.shape), "→ vector:", tuple(vector.shape))
r, c = 10, 14
print(f"pixel ({r}, {c})     → index {28 * r + c}")
print(f"pixel ({r}, {c + 1}) → index {28 * r + c + 1}   (right neighbour)")
print(f"pixel ({r + 1}, {c}) → index {28 * (r + 1) + c}   (neighbour below)")
print("same value:", bool(vector[0, 28 * r + c] == image[0, r, c]))

# %% [markdown]
# ### Quick check · the shape after flattening (1 point)

# %% tags=["exercise:flatten_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("flatten_shape", key="9806d8f6cfbcb0f4290846bc8a09d4be",
      prompt="A batch of Fashion-MNIST images has shape (64, 1, 28, 28). What shape does "
             "<code>nn.Flatten()</code> turn it into?",
      hint="nn.Flatten keeps the first (batch) dimension and multiplies all the others together.",
      explanation="sealed:j8AD9y9m/qdYqGAtZw+1zOlvwnXSyGSm2R40Ef19B/5OG7JGzEL1M1hvXHVGaYE9QWMh5h7oSOhDwgLcr9roS50uJT1cD18Uh80ltpjMQmmgSUPZ25EM9svLKRwTzSSRT9DEwH3x1TF5A6JYSsmQpKk=")

# %% [markdown]
# ## 2 · A multilayer perceptron baseline
#
# A **feedforward network** (FNN, also called a deep feedforward network or multilayer
# perceptron) is a function $y = f(x; \theta)$ that should approximate an unknown target
# $f^*$; training adjusts the parameters $\theta$ (Goodfellow, Bengio & Courville, *Deep
# Learning*, §6). "Feedforward" means that information flows from the input through the layers
# to the output with no loop back. It is often added that "there is no backward propagation";
# that needs care: the *forward computation* has no feedback connections, but the network is
# *trained* by back-propagating gradients through exactly these layers. The two are different
# things.
#
# Our MLP has one hidden layer of 256 units with a ReLU:
#
# $$\text{784 pixels} \xrightarrow{\;W_1,\,b_1\;} 256 \xrightarrow{\;\text{ReLU}\;} 256 \xrightarrow{\;W_2,\,b_2\;} 10 \text{ class scores}.$$

# %%
def make_mlp():
    return nn.Sequential(
        nn.Flatten(),                 # (B, 1, 28, 28) → (B, 784)
        nn.Linear(28 * 28, 256),      # (B, 784) → (B, 256)
        nn.ReLU(),
        nn.Linear(256, 10),           # (B, 256) → (B, 10) class scores
    )


print(cnnlab.summary(make_mlp(), (1, 1, 28, 28)))

# %% [markdown]
# A fully connected layer from $n_\text{in}$ to $n_\text{out}$ units has one weight per pair of
# units plus one bias per output unit: $n_\text{in}\cdot n_\text{out} + n_\text{out}$ parameters.

# %%
for layer in make_mlp():
    if isinstance(layer, nn.Linear):
        n_in, n_out = layer.in_features, layer.out_features
        print(f"{n_in:3d} → {n_out:3d}: {n_in} · {n_out} + {n_out} = {n_in * n_out + n_out:,}")
print(f"total: {sum(p.numel() for p in make_mlp().parameters()):,} parameters")

# %% [markdown]
# ### Quick check · one fully connected layer (1 point)

# %% tags=["exercise:fc_params"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("fc_params", key="cd1f28ccc0d923d3a8a843c5876160fa", digits=0, unit="parameters",
        prompt="How many parameters (weights and biases) does <code>nn.Linear(784, 256)</code> have?",
        hint="One weight for every (input, output) pair, plus one bias for every output unit.",
        explanation="sealed:3ve8mU8dOb0jt3uhJ8AtOCVhj7VAxWrdJiWQqygKTcT8BPsPIPd51oVUKFX9F4gZWzVGrLKq9hfmnaT8JtEzjFytSou0jPRCjtykSfqscjUv71P6cY61LPPdk+2aPJfjc+BTSNlU")

# %% [markdown]
# ### Training it
#
# Full mode trains on all 60,000 images for 3 epochs; quick mode (what the tests run) on
# 12,000 of them for 2 epochs, with smaller batches so that the models still take enough steps
# (the next cell prints which). `train` below seeds the random generators, builds a fresh model
# and trains it with Adam. The learning rate follows a **one-cycle schedule** (Smith & Topin,
# 2019): it rises to `lr` during the first part of training and then falls towards zero, which
# lets a short training run use a large learning rate. `channels_last=True` only changes how the
# images are laid out in memory (convolutions run faster on a CPU that way; the numbers are the
# same). Seeding first means every model in this lesson starts from reproducible weights and
# sees the batches in the same order.

# %% tags=["nbval-ignore-output"]
if cnnlab.quick_mode():
    train_data, test_data = train_set.subset(12_000, seed=0), test_set.subset(2_000, seed=0)
    EPOCHS, BATCH = 2, 32
else:
    train_data, test_data = train_set, test_set
    EPOCHS, BATCH = 3, 128
print(f"{'quick' if cnnlab.quick_mode() else 'full'} mode: {len(train_data):,} training and {len(test_data):,} "
      f"test images, {EPOCHS} epochs of batches of {BATCH}")


# %%
def train(make_model, train_images, test_images, verbose=False):
    """Seed, build a fresh model, train it with Adam and a one-cycle schedule → (model, History)."""
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
print("test accuracy above 0.6 (chance 0.1):", mlp_history.test_acc[-1] > 0.6)

# %% [markdown]
# ## 3 · The two problems of fully connected networks
#
# Two problems are usually named: (1) the spatial information of the input is lost, and (2)
# there are too many parameters, so the model overfits. We check the second one first, with
# numbers, and come back to the first in section 4.
#
# ### 3.1 · Too many parameters: the 1000×1000 image
#
# A classic example: a 1000×1000 grey image, fully connected to a hidden layer of $10^6$ units.
# Then local connectivity (each hidden unit sees only a 10×10 patch) and weight sharing (all
# hidden units use the *same* 10×10 weights). The example is usually told with weights only;
# the biases are printed beside them.

# %%
side = 1000
pixels = side * side                    # input units
hidden = 10 ** 6                        # hidden units
patch = 10 * 10                         # weights of one 10×10 field

counts = {
    "fully connected": (pixels * hidden, hidden),        # (weights, biases)
    "local 10×10 fields": (hidden * patch, hidden),      # one field per hidden unit, its own weights
    "local + shared weights": (patch, 1),                # one 10×10 kernel for all hidden units
}
for name, (weights, biases) in counts.items():
    print(f"{name:24s} {weights:>17,} weights = 10^{math.log10(weights):.0f},  biases: {biases:,}")
print(f"fully connected, float32: {pixels * hidden * 4 / 1e12:.0f} TB of weights")

# %% [markdown]
# PyTorch agrees. The `meta` device creates tensors with shapes but no memory, so we can even
# "build" the 4-terabyte layer:

# %%
huge_dense = nn.Linear(pixels, hidden, bias=False, device="meta")
shared_conv = nn.Conv2d(1, 1, kernel_size=10, bias=False, device="meta")
print(f"nn.Linear({pixels:,}, {hidden:,}) weights:", f"{huge_dense.weight.numel():,}")
print("nn.Conv2d(1, 1, 10) weights:", shared_conv.weight.numel())

# %% [markdown]
# A detail the example usually skips: a 10×10 field fits into a 1000×1000 image at only 991 positions
# per row, so there are $10^6$ hidden units only if each direction is padded by 9 pixels in total.
# Nine is odd and cannot be split evenly: 4 on one side, 5 on the other (PyTorch's `padding` is
# per side and equal on both, so below we simply make the input 9 pixels larger). With unequal
# sides the per-side formula reads $n - k + p_\text{before} + p_\text{after} + 1$ (stride 1);
# lesson 03 covers it in detail:

# %%
print(cnnlab.conv_output_size(side, 10, explain=True))
p_before, p_after = 4, 5          # 9 padding pixels: 4 on one side, 5 on the other
print(f"out = n − k + p_before + p_after + 1 = {side} − 10 + {p_before} + {p_after} + 1 = {side - 10 + p_before + p_after + 1}")
for size in (side, side + 9):
    image_shape = (1, 1, size, size)
    print(f"input {size}×{size} → feature map", tuple(shared_conv(torch.empty(image_shape, device="meta")).shape))

# %% [markdown]
# The number of input units grows with the *square* of the image side, as is often said. If the
# hidden layer grows with the image too, it gets worse: the weights of a fully connected layer grow
# with the **fourth power** of the side, local fields with the square, and shared weights not at all:

# %%
print(f"{'side n':>7} {'fully connected n⁴':>20} {'local 10×10: 100·n²':>20} {'shared':>7}")
for n in (28, 100, 1000):
    print(f"{n:>7} {n ** 4:>20,} {patch * n ** 2:>20,} {patch:>7}")

# %% [markdown]
# One shared 10×10 kernel finds one kind of pattern. Real convolutional layers use many kernels
# (lesson 05), say 64: $64 \cdot 100$ weights — still independent of the image size.
#
# ### 3.2 · Do many parameters mean overfitting?
#
# **Overfitting** means doing much better on the training data than on new data. It is often
# said that a fully connected network overfits *because* it has many parameters. That is too quick:
# the gap between training and test accuracy depends on the parameters *relative to the
# data*, on how long we train and on regularization — modern networks with far more parameters
# than training images often generalize well (Zhang et al., 2017). Our MLP has more parameters
# than there are training images:

# %%
n_params = sum(p.numel() for p in make_mlp().parameters())
print(f"{n_params:,} parameters for {len(train_set):,} training images: {n_params / len(train_set):.1f} per image")

# %% [markdown]
# Its gap between training and test accuracy:

# %% tags=["nbval-ignore-output"]
print(f"train accuracy {mlp_history.train_acc[-1]:.3f}, test accuracy {mlp_history.test_acc[-1]:.3f}")

# %% [markdown]
# (`fit` counts training accuracy during each epoch while the weights still change, so it is
# a slight underestimate.) The gap is small. To see what the amount of data does, we vary the
# number of training images. The *same* architecture — the same 203,530 parameters — is
# trained on 500, 2,000 and 8,000 images, with the same number of epochs (`SIZE_EPOCHS` below),
# seed, batch size and optimizer. Equal epochs do not mean equal updates: the batches per epoch
# grow with the number of images, so fewer images also mean fewer parameter updates (the cell
# prints each run's count).

# %% tags=["nbval-ignore-output"]
SIZE_EPOCHS = 20
gaps, updates = {}, {}
for n_images in (500, 2000, 8000):
    subset = train_set.subset(n_images, seed=0)
    cnnlab.seed(0)
    model = make_mlp()
    cnnlab.fit(model, loader(subset, batch_size=32), epochs=SIZE_EPOCHS, lr=1e-3, optimizer="adam",
               quick=False, verbose=False)      # small enough to run in full even in quick mode
    train_accuracy = cnnlab.evaluate(model, loader(subset, batch_size=500)).accuracy
    test_accuracy = cnnlab.evaluate(model, loader(test_set, batch_size=1000)).accuracy
    gaps[n_images] = (train_accuracy, test_accuracy)
    updates[n_images] = SIZE_EPOCHS * len(loader(subset, batch_size=32))
print(f"{SIZE_EPOCHS} epochs for every training set; parameter updates: " + ", ".join(f"{n:,} images → {u:,}" for n, u in updates.items()))
print(f"{'images':>7}{'train':>8}{'test':>8}{'gap':>8}")
for n_images, (train_accuracy, test_accuracy) in gaps.items():
    print(f"{n_images:>7,}{train_accuracy:8.3f}{test_accuracy:8.3f}{train_accuracy - test_accuracy:8.3f}")

# %%
gap = {n_images: train - test for n_images, (train, test) in gaps.items()}
print("memorizes 500 training images (train accuracy > 0.95):", gaps[500][0] > 0.95)
print("500 images: test accuracy at least 0.15 lower:", gap[500] > 0.15)
print("the gap shrinks as the data grows (by more than 0.05 from 500 to 8,000):",
      gap[500] > gap[2000] > gap[8000] and gap[500] - gap[8000] > 0.05)

# %% [markdown]
# Same parameter count, same epochs and settings, very different gaps: overfitting is a matter of
# capacity *relative to the data*. The comparison is conservative: the 500-image model made the
# fewest updates and still memorized its training set almost completely; more updates could only
# let it memorize more, not less. With equal updates, the gap of the smaller set would only be larger. What is true in the common claim is that a model with fewer parameters
# and the right assumptions about images needs less data to generalize — which is what
# convolution offers.
#
# ### Exercise · Count the parameters of an MLP (3 points)
#
# Complete `count_dense_params(sizes)`: `sizes` lists the units of each layer, input first,
# e.g. `[784, 256, 10]` for our MLP. Return the number of weights and biases of the fully
# connected layers between consecutive sizes.

# %% tags=["exercise:count_dense_params"]
def count_dense_params(sizes):
    """Parameters of nn.Linear(sizes[i], sizes[i + 1]) for all consecutive pairs, biases included."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:count_dense_params"]
_ = check_function("count_dense_params", count_dense_params, [
    (([784, 256, 10],), 203530),
    (([3, 1],), 4),
])

# %% [markdown]
# ## 4 · What flattening throws away: a pixel-permutation experiment
#
# Flattening keeps every pixel value. What it loses is *which pixels are neighbours*. To see
# that an MLP never used that information, shuffle the pixels: draw one random ordering of the
# 784 positions and apply the **same** ordering to every image, training and test alike.

# %%
order = torch.randperm(784, generator=torch.Generator().manual_seed(0))


def permute_pixels(images, order):
    """Reorder the 784 pixels of every image the same way: (N, 1, 28, 28) → (N, 1, 28, 28)."""
    n = images.shape[0]
    return images.reshape(n, 784)[:, order].reshape(n, 1, 28, 28)


def permuted(data):
    """The ImageSet `data` with every image's pixels reordered by `order`."""
    return ImageSet(permute_pixels(data.images, order), data.labels, data.class_names,
                    data.name, data.split, data.source)


permuted_train, permuted_test = permuted(train_data), permuted(test_data)
print("first positions of the ordering:", order[:8].tolist())

# %%
fig, axes = plt.subplots(2, 5, figsize=(9, 4.2), constrained_layout=True)
for column, index in enumerate(first_of_class[:5]):
    axes[0, column].imshow(test_set[index][0][0], cmap="gray_r")
    axes[1, column].imshow(permute_pixels(test_set.images[index:index + 1], order)[0, 0], cmap="gray_r")
    axes[0, column].set_title(test_set.classes[int(test_set.labels[index])], fontsize=11)
    for row in range(2):
        axes[row, column].set_xticks([]); axes[row, column].set_yticks([])
axes[0, 0].set_ylabel("original", fontsize=11)
axes[1, 0].set_ylabel("pixels permuted", fontsize=11)
fig.suptitle("The same pixel permutation applied to every image", fontsize=13)
plt.show()

# %% [markdown]
# To us the bottom row is noise. To an MLP it is *the same problem*: its first layer computes
# $W x$, and reordering the entries of $x$ is undone by reordering the columns of $W$ the same
# way. Any MLP for the original images becomes an equally good MLP for the permuted ones:

# %%
torch.manual_seed(0)
first_layer = nn.Linear(784, 256)
reordered = nn.Linear(784, 256)
with torch.no_grad():
    reordered.weight.copy_(first_layer.weight[:, order])     # columns reordered like the pixels
    reordered.bias.copy_(first_layer.bias)
x = test_set.images[:100].float().div(255).reshape(100, 784)                   # (100, 784)
print("same outputs:", torch.allclose(first_layer(x), reordered(x[:, order]), atol=1e-5))

# %% [markdown]
# A convolutional network has no such escape: a 3×3 kernel reads a pixel together with its
# neighbours, and after the permutation those "neighbours" are random pixels from all over the
# image. Here is a small CNN (lesson 02 explains convolution, lesson 06 pooling): three stages of
# 3×3 convolution, ReLU and 2×2 max pooling, then one fully connected layer.

# %%
def make_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),    # (B, 16, 14, 14)
        nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # (B, 32, 7, 7)
        nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # (B, 64, 3, 3)
        nn.Flatten(),                                                               # (B, 576)
        nn.Linear(64 * 3 * 3, 10),
    )


print(f"CNN parameters: {sum(p.numel() for p in make_cnn().parameters()):,}")
print(f"MLP parameters: {sum(p.numel() for p in make_mlp().parameters()):,}")

# %% [markdown]
# We train the MLP on the permuted images (its original-image run is the baseline of
# section 2) and the CNN on both. Same seed, same batches, same optimizer for all four runs.

# %% tags=["nbval-ignore-output"]
_, mlp_perm_history = train(make_mlp, permuted_train, permuted_test)
_, cnn_history = train(make_cnn, train_data, test_data)
_, cnn_perm_history = train(make_cnn, permuted_train, permuted_test)
results = {
    "MLP": (mlp_history.test_acc[-1], mlp_perm_history.test_acc[-1]),
    "CNN": (cnn_history.test_acc[-1], cnn_perm_history.test_acc[-1]),
}
print(f"{'':5}{'original':>10}{'permuted':>10}{'change':>9}")
for name, (original, shuffled) in results.items():
    print(f"{name:5}{original:10.3f}{shuffled:10.3f}{shuffled - original:+9.3f}")

# %%
mlp_change = results["MLP"][1] - results["MLP"][0]
cnn_change = results["CNN"][1] - results["CNN"][0]
print("original images: the CNN is ahead of the MLP:", results["CNN"][0] > results["MLP"][0])
print("permuted pixels: the MLP's accuracy is unchanged (|change| < 0.01):", abs(mlp_change) < 0.01)
print("permuted pixels: the CNN loses at least 0.02:", cnn_change < -0.02)
print("permuted pixels: the CNN falls behind the MLP:", results["CNN"][1] < results["MLP"][1])

# %% [markdown]
# The MLP does not notice the permutation; its tiny change comes only from the different order
# in which its random starting weights meet the pixels. The CNN, ahead on the original images,
# loses several points (the check above asks for at least 0.02, a margin that leaves room for
# other runs) and ends up behind the MLP, because its architecture *assumes* that
# nearby pixels belong together — an assumption that is right for photographs and wrong for
# shuffled pixels. It does not collapse to chance: the last fully connected layer and the many
# 3×3 windows can still pick up useful pixel statistics, only less well than with real
# neighbours.
#
# Such built-in assumptions are called **inductive biases**. A CNN's are the two of the next
# section. The experiment is the first problem of section 3 made visible: the MLP does not *lose*
# the spatial information in the sense of not seeing it — every pixel value is still there —
# but it has no way to *use* the arrangement except by learning it from data, weight by weight.

# %% tags=["exercise:lost_by_flattening"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("lost_by_flattening", key="56b88a0f66e7144df12175e3a19ed2f6", reveal_after=2,
       options=["the pixel values", "which pixels are neighbours of which",
                "the number of pixels", "the class label"],
       prompt="Flattening a 28×28 image into a vector of 784 numbers keeps some things and "
              "discards one. Which one does a fully connected layer not get to use?",
       hint="Compare the original and the permuted images: what did the permutation change, "
            "and why did the MLP not care?",
       explanation="veiled:MzUHM54zLH7yWaqpNB1w36Ty/4d3WEWKonQXtciLK+TuHVVrHpua+0HFnlzrQyxlNUm+Sir+sTFbRN1Q8qdPDkntG2KDHSS36/wucFCVz59M2j1h24/KRunlKbc6ihndcYBxrBvxeUxM3/h5zVoM5KSoDDjN90UIY6OzJZJJsqhqjQMCzFqoqbahgael1dJtwC9f1fujekcHvogtRSk+19/2khNcQlogbW71AWmCxqKJ/MeJGA3uf1F/lBaZ645ot058K5SNHHc9jNE20z5BvWOodJYDl7SA1Q7T+k+qC56HFHLd8u51pAVNP6MBI3kL3PW4/bDvf0W18FcXDzjj0TQw3ILcjux4gbqgIpNfFdtm96p+EhQ=")

# %% [markdown]
# ## 5 · Locality and translation equivariance
#
# The inductive biases of CNNs are **locality** — nearby elements are more strongly related
# than distant ones — and **translation equivariance**, which comes from sharing the kernel's
# weights across positions (Goodfellow et al., *Deep Learning*, §9.2; *Dive into Deep
# Learning*, §7.1). Both can be checked on a single <!-- parity-ignore: 7.1 -->
# layer. We compare a 3×3 convolution with a fully connected layer that maps a 28×28 image to a
# 28×28 output, both with random weights.

# %%
torch.manual_seed(0)
conv = nn.Conv2d(1, 1, kernel_size=3, padding=1, bias=False)    # (B, 1, 28, 28) → (B, 1, 28, 28)
dense = nn.Linear(784, 784, bias=False)                         # (B, 784) → (B, 784)


def dense_map(images):
    """The fully connected layer as an image-to-image map: (B, 1, 28, 28) → (B, 1, 28, 28)."""
    return dense(images.reshape(-1, 784)).reshape(-1, 1, 28, 28)


# %% [markdown]
# **Locality.** Which input pixels does one output value depend on? The gradient of the output
# at position (14, 14) with respect to the input is non-zero exactly at those pixels:

# %%
for name, layer in [("convolution", conv), ("fully connected", dense_map)]:
    x = torch.zeros(1, 1, 28, 28, requires_grad=True)
    layer(x)[0, 0, 14, 14].backward()
    print(f"{name:16s}: output (14, 14) depends on {int((x.grad != 0).sum())} input pixels")

# %% [markdown]
# **Translation equivariance.** Shift an image 3 pixels down and 2 to the right, then apply the
# layer — or apply the layer first and shift its output. For a convolution the two agree:
# moving the input moves the feature map and changes nothing else,
# $\text{conv}(\text{shift}(x)) = \text{shift}(\text{conv}(x))$.

# %%
def shift(images, down, right):
    """Move images `down` rows and `right` columns (both ≥ 0); pixels moving in are 0."""
    height, width = images.shape[-2:]
    moved = torch.zeros_like(images)
    moved[..., down:, right:] = images[..., :height - down, :width - right]
    return moved


x = test_set[first_of_class[5]][0][None]              # a sandal, (1, 1, 28, 28)
down, right = 3, 2
with torch.no_grad():
    conv_diff = (conv(shift(x, down, right)) - shift(conv(x), down, right)).abs()[0, 0]       # (28, 28)
    dense_diff = (dense_map(shift(x, down, right)) - shift(dense_map(x), down, right)).abs()[0, 0]
inside = conv_diff[down + 1:-1, right + 1:-1]         # more than one pixel away from the border
print("convolution, away from the border: equal:", torch.allclose(inside, torch.zeros_like(inside), atol=1e-6))
rows, cols = (conv_diff > 1e-6).nonzero(as_tuple=True)
print("convolution, differing pixels:", len(rows), "— all within one pixel of a border or of the "
      "zero band the shift brought in:",
      bool(((rows <= down) | (rows == 27) | (cols <= right) | (cols == 27)).all()))
print("fully connected, differing pixels:", int((dense_diff > 1e-6).sum()), "of 784")

# %%
with torch.no_grad():
    rows = [
        [(x[0, 0], "input x"), (conv(shift(x, down, right))[0, 0], "conv(shift(x))"),
         (shift(conv(x), down, right)[0, 0], "shift(conv(x))"), (conv_diff, "|difference|")],
        [(shift(x, down, right)[0, 0], "shifted input"), (dense_map(shift(x, down, right))[0, 0], "dense(shift(x))"),
         (shift(dense_map(x), down, right)[0, 0], "shift(dense(x))"), (dense_diff, "|difference|")],
    ]
fig, axes = plt.subplots(2, 4, figsize=(10, 5.6), constrained_layout=True)
for ax_row, row, name in zip(axes, rows, ["convolution", "fully connected"]):
    limit = max(float(row[1][0].abs().max()), float(row[2][0].abs().max()))   # one colour scale per layer
    ax_row[0].imshow(row[0][0], cmap="gray_r")
    ax_row[1].imshow(row[1][0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_row[2].imshow(row[2][0], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_row[3].imshow(row[3][0], cmap="magma", vmin=0, vmax=limit)
    for ax, (_, title) in zip(ax_row, row):
        ax.set_title(title, fontsize=11)
        ax.set_xticks([]); ax.set_yticks([])
    ax_row[1].set_ylabel(name, fontsize=11)
fig.suptitle(f"Shift by ({down}, {right}): the convolution's feature map moves along, "
             "the fully connected layer's output does not", fontsize=12)
plt.show()

# %% [markdown]
# The convolution's two feature maps are the same picture, apart from a thin frame at the
# border (zero padding and the zeros shifted in). The fully connected layer's two outputs have
# nothing to do with each other: it would have to *learn* from data, for every position
# separately, that a shifted bag is still a bag.
#
# **Equivariance is not invariance.** "Spatial invariance" and "translation equivariance" are
# often written as if they were one property. They are two:
#
# - *equivariant*: shifting the input shifts the output, $f(\text{shift}(x)) = \text{shift}(f(x))$ —
#   what a convolutional layer does (away from the border);
# - *invariant*: shifting the input does not change the output, $f(\text{shift}(x)) = f(x)$ —
#   what a classifier wants ("a bag is a bag, wherever it is").
#
# A CNN gets *some* invariance by pooling and, at the end, by summarizing the whole feature map;
# lesson 06 measures how much. It is only approximate: strided layers and pooling make CNN
# outputs surprisingly sensitive to one-pixel shifts (Azulay & Weiss, 2019; Zhang, 2019).
#
# ## Common mistakes
#
# - **"Flattening loses pixels."** It loses none: all 784 values are kept. It loses the
#   arrangement — which pixels are neighbours (section 4).
# - **Forgetting the biases.** A layer from 784 to 256 units has $784 \cdot 256$ weights *plus*
#   256 biases.
# - **Parameters = overfitting.** The same 203,530-parameter MLP, trained for the same number
#   of epochs, badly overfits 500 images and much less 8,000 (section 3.2). Overfitting depends
#   on the data too.
# - **Equivariance vs invariance.** A convolution moves its output with its input; it does not
#   keep it still.
# - **Expecting exact equivariance everywhere.** At the border, zero padding breaks it; stride
#   and pooling break it between grid positions.
#
# ## Sources
#
# - H. Xiao, K. Rasul, R. Vollgraf, *Fashion-MNIST: a Novel Image Dataset for Benchmarking
#   Machine Learning Algorithms*, arXiv:1708.07747, 2017.
# - C. Zhang, S. Bengio, M. Hardt, B. Recht, O. Vinyals, *Understanding deep learning requires
#   rethinking generalization*, ICLR 2017 (parameter counts alone do not explain overfitting).
# - A. Azulay, Y. Weiss, *Why do deep convolutional networks generalize so poorly to small image
#   transformations?*, JMLR 2019; R. Zhang, *Making Convolutional Networks Shift-Invariant
#   Again*, ICML 2019.
# - The permuted-pixel benchmark is a standard test of whether a model uses image structure;
#   see e.g. I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, §9 (§6 for
#   the feedforward network, §9.2 for sparse interactions and equivariance).
# - A. Zhang et al., *Dive into Deep Learning* (d2l.ai), §7.1 "From Fully Connected Layers to <!-- parity-ignore: 7.1 -->
#   Convolutions" (locality and translation invariance as the principles behind convolution).

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `01_fc_baseline.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("01_fc_baseline")
