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
lesson = cnnlab.start_lesson("06_pooling", lang="en")

# %% [markdown]
# # Lesson 06 · Pooling
#
# A **pooling** layer slides a window over each feature map, like a convolution, but instead of
# a weighted sum it takes a fixed summary of the window: the largest value (**max pooling**) or
# the mean (**average pooling**). It shrinks the feature maps, has nothing to learn, and makes
# the output a little less sensitive to where exactly a pattern sits. This lesson builds both
# from loops, counts their parameters, compares them with a stride-2 convolution, measures the
# "little less sensitive" on real images, and checks some common claims about pooling.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
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
# ## 1 · Max and average pooling from scratch
#
# With a $k\times k$ window and stride $s$, output position $(i, j)$ summarises the window
# that starts at row $i\cdot s$, column $j\cdot s$:
#
# $$Y^\text{max}_{i,j} = \max_{0\le a,b<k} X_{i s + a,\; j s + b}, \qquad
#   Y^\text{avg}_{i,j} = \frac{1}{k^2}\sum_{0\le a,b<k} X_{i s + a,\; j s + b}.$$
#
# The usual choice is $k = s = 2$: non-overlapping 2×2 windows. Here are two loops for that
# case, on the 4×4 example of the CS231n notes:

# %%
def pool2d(X, k, mode="max"):
    """Pool a 2-D array with k×k windows and stride k (windows do not overlap)."""
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
print("max pooling:\n", pool2d(X, 2, "max"))
print("average pooling:\n", pool2d(X, 2, "mean"))

# %% [markdown]
# PyTorch's functions and layers give the same numbers, and so does the NumPy reference in
# `cnnlab.ops` (tensors are $(N, C, H, W)$, so the 4×4 array gets two leading axes):

# %%
X_t = torch.tensor(X)[None, None]                    # (1, 1, 4, 4)
candidates = {
    "F.max_pool2d":        F.max_pool2d(X_t, 2),
    "nn.MaxPool2d(2)":     nn.MaxPool2d(2)(X_t),
    "cnnlab.ops.max_pool2d": torch.tensor(max_pool2d(X[None, None], 2)),
}
for name, Y in candidates.items():
    print(f"{name:>22}: {Y[0, 0].tolist()}  equal to the loops: {np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'max'))}")
for name, Y in {"F.avg_pool2d": F.avg_pool2d(X_t, 2), "nn.AvgPool2d(2)": nn.AvgPool2d(2)(X_t),
                "cnnlab.ops.avg_pool2d": torch.tensor(avg_pool2d(X[None, None], 2))}.items():
    print(f"{name:>22}: {Y[0, 0].tolist()}  equal to the loops: {np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'mean'))}")

# %% [markdown]
# The library version avoids loops: NumPy's `sliding_window_view` gives every window as a view
# of the input, every $s$-th window is kept, and one `.max` over the last two axes does the
# rest. Read it:

# %%
cnnlab.show_source(pool_ops.pooling_windows)
cnnlab.show_source(max_pool2d)

# %% [markdown]
# ## 2 · Height and width shrink, depth stays
#
# Pooling works on each channel separately: channel $c$ of the output depends only on channel
# $c$ of the input. So a 2×2, stride-2 pooling turns $s\times s\times d$ into
# $\frac{s}{2}\times\frac{s}{2}\times d$: the number of feature maps does not change. On a
# real tensor: one Fashion-MNIST image through a convolution with 16 kernels gives
# 16 × 28 × 28; pooling gives 16 × 14 × 14.

# %%
test_set = cnnlab.fashion_mnist("test")
image, label = test_set[0]                                  # (1, 28, 28), class index
torch.manual_seed(0)
conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)           # 16 kernels, "same" padding
with torch.no_grad():
    features = torch.relu(conv(image[None]))                # (1, 16, 28, 28)
pooled_max = F.max_pool2d(features, 2)                      # (1, 16, 14, 14)
pooled_avg = F.avg_pool2d(features, 2)
print("image:           ", tuple(image.shape), "class:", test_set.classes[label])
print("feature maps:    ", tuple(features.shape[1:]))
print("after 2×2 pooling:", tuple(pooled_max.shape[1:]))
per_channel = torch.stack([F.max_pool2d(features[:, c:c + 1], 2)[0, 0] for c in range(16)])
print("pooling each channel alone gives the same:", torch.equal(per_channel, pooled_max[0]))

# %%
channel = int(features[0].flatten(1).std(dim=1).argmax())   # the most varied of the 16 maps
fig, axes = plt.subplots(1, 4, figsize=(12, 3.4), constrained_layout=True)
panels = [(image[0], f"input ({test_set.classes[label]}), 28×28"),
          (features[0, channel], f"feature map {channel}, 28×28"),
          (pooled_max[0, channel], "max pooled, 14×14"),
          (pooled_avg[0, channel], "average pooled, 14×14")]
for ax, (picture, title) in zip(axes, panels):
    ax.imshow(picture, cmap="gray")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("2×2 pooling with stride 2 keeps the picture at half the resolution", fontsize=12)
plt.show()

# %% [markdown]
# ### Odd sizes: floor or ceiling
#
# "Halves" is exact only for even sizes. On 7×7, 2×2 windows with stride 2 fit three times;
# PyTorch's default drops the last row and column (floor), while `ceil_mode=True` keeps one
# more window that hangs over the edge and pools only the values inside. `cnnlab.pool_output_size`
# shows the arithmetic; PyTorch agrees:

# %%
print(cnnlab.pool_output_size(7, 2, explain=True))
print(cnnlab.pool_output_size(7, 2, ceil_mode=True, explain=True))
X7 = torch.arange(49.0).reshape(1, 1, 7, 7)
print("nn.MaxPool2d(2):                ", tuple(nn.MaxPool2d(2)(X7).shape[2:]))
print("nn.MaxPool2d(2, ceil_mode=True):", tuple(nn.MaxPool2d(2, ceil_mode=True)(X7).shape[2:]))
print("last column of the ceil-mode output:", nn.MaxPool2d(2, ceil_mode=True)(X7)[0, 0, :, -1].tolist())

# %% [markdown]
# The last column, 13, 27, 41, 48, comes from windows that contain only column 6 of the input
# (the maximum of $\{6, 13\}$, $\{20, 27\}$, …). With the default, column 6 and row 6 are
# never looked at.
#
# ### Quick checks · output sizes (1 point each)

# %% tags=["exercise:pool_ceil"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("pool_ceil", digits=0, unit="pixels",
        variants="cnnlab-variants/1:eNrNmFvPq9h5x7+KtW+aiNEYFotTpK0KsAFjbMCYgxmNKg6LgzmfsaPep1KuepOP0vvmm+STlD2tupNJZ5Sqs3d68/o1WjL/ZZ7f83uWv/vthzIIUfnhNx/qjwQBvtkNH8GHbz4U6LVdioMwwkOKYwgyQUyCcBwQbEyxeMwGNGTCbWHbN1U7bmvlpkk1dEXjPwy7JO+Hcdc2TZnX6a4MXqjf5cOurr+9BKuxXQbxr8jtVmOfx+jjdtMI5eU/Vc325t5P6Ne7pt5tYf74h+3PLkHBOPVoVwXt8O3OzYLx02eNGdo109hO4y5DeZqN/7iFyfL6U5Tt+u7j7k+//92v6t2ffvevu2KH7cC//1v7691+N/zp9/+yvSV2Sz5mu3pb98Oui+2fLVG7veBbsO0FfLu7b/cog20nS17HzbLlDfpx2OX1sMX+IUFebwG29c0u/yFVgdrx2y0IWtsyqIMxb+otz4CCEsW/OdzZg5k8Rqxhj5icvcWhw51cvbNDfGLvILTmbs8eZ/J1MPaeZ10KrJNbxLRBwILq/rR5V52uqnx9e7oa0zKF6a+3eCi5YSC9Q1dpYoUULyNf8nwrrSVCizR1MrhW8e0cy2XYMM25Mlids5fi6BW97t7kt8pJdxUJISfeuIh+1nx/s9rVloS734SSh/C43j/WK3OJMsskasXwxOHcVTQgWl1IJ17Ko4/bfqt8+24KNHz4zXfffUAUDbkYQoJiIjqGAOBxgickwUAKQTaE2/r/+kb0JRTFTmQJnBeNR2Yoh/faJQoRTfTRniO6nLO7sEZca1qCfekFaAhWjF2sdHjfsejB9CXlq1mnatRaaSoIOFWC1oFJ6XyQeyKICQrHtLYIkgl4jEpGouM+gpK1EY3VklI/jTlaPnz/zXcf4hiEeIiDgNniJnQccgS5lXlChIgmYzL6HJku6tloz7Hnx4KUqDklXMTYOeuNNjHmXiauzl313rTVdsH5XvUBBVZDaG8FWqVGSd28uWsa3hjRko6HxgXtC26P5ilp1FRnPXXS9zXW3A5Z5NqYlLHiwqQfP374/vt//uZ/AJX8b1ABxbBkwjF4glMJIAKQQJqhIINzEc4GKP5zUPldjcal6YsN1L8VUfL/JaLkL44ozQG7FMfZbhr4EPaESlzmEbX+vo0aWU+5pGBRJE1i4dyWKxbszfkdPYOD9ACH5JAu7V0ZWn7yLNdTHLPJsdxuHWBo9H1W8hopVrU/qEo3S9crc38NJH4OZQaUFHkeyKQSo/Hg35wwF7Q2fOhYsO7NwyBH1UTotFA9G2zE94mVJjkhAuF8YF/K0j3CfVu5F8df9kzd0yLZv6uBnTK862aEsqDlRjDuf4wohViEIEkHYRhRbELiNGAABRAThSwVhuHneo88/nWbzBcvMILz6tuOS+9q1DnSKLrcobKtXLbXk3kcDoKlGfmbMTK0xPOQemfLiWm8m+/cQmvzjc8w812XEzsISiPvu4E6lnxT0Z1QU3rl2cL7ENH8gzOwRR0r4yGEODqZDeRn7asiav0Mos//BaI4/pcuZUPEkngCwxBFyeZQFAcsC2k2oSh6a4Do/4roT1gUxzdEcfzLI/ppv1/Dogs/AMsx4mNK8g/R4gXdinQNG1XSF5PrLTkNAn6FT/OwoegJKdZaou6c3nx/J4Tb9TB1kL0U7Xn45IHgfuHb6pqlik6O9qkkI1i/DU8JXudrij/v9rxnsPD6alj+NpSyfDROPXexRmBTSaS3byPoBHfklKY+kOM4DRUduL4Pponpa9x0uMIYaW46hry0XMnXIuUnETSGe5zGVRXtxzWBUkverq7osH9lUQ7QHMOGJBkSW81zeABChsJJggYBFSfxn1k012s3WviK6DFKHBT7diLu1HqjaW3xlVUiudLLXoJZAn/voGF9teiqD4q2TnKlBHC/RiZGIa9sO+V+ejzds+myV/5w50WyipZha3MOo9fdoxyrw2GbPYhqfs/gKLDD4IpGsTzhzGP/iSjBJhxIQkBSIYLUBnAURCHBEhCGAATx58jgorKi6JsIQIzCZYE8OLRNu+2bupjVvpIA1TPXNxIvk++UWaAt+hxYOXJx2/Dd51Wql+zoDYZROsvNz3C6Z3mMs98onHNRL1n+2YjZ6r9Pc7fSGUjzbPlpRD9blIUUQ6GQIomI2yYcKiQjMmADNsTx7VrIfCGL/p0R/eUtSrJa7ftSe6Kz45FtqqTCrC42H/W7ujJOF5EGcZqdIloUu0R3JLvdUWvcenXfT/k2Otyl9ZvKDxll1oXnUenOYmcHpAQBLlPXajn7fOo9BTU627hx1ZmlCcFq1lfR2FAvjXy+FFzWPuFUdfvHaHXe7J1c7bKi8XrjfNfLyipxLKEu037tfWwcsmxNF9u6tK9OZOL6WsHVhHhuiq93322pa7PuhFA+/hhRmqEjAKMkRElAMsQ2hHFkAjdWCSZig5j+XO9Jby5gkMrjQATe5RnrURjXreUHR9MQFlGI49vUHhhEGI3KW6+Qwl/diMUHuhsduT/x5nwj5weTvqKNXxJRA+0Zy+VY3kdKT2p6fzsZag5pIvf8u1pRgcDYReuvqAyNUnE8Do+g/VURVX8G0epvR5SGfynRzaEhRBTD4AjGiEqSOIAkxxHbgyDoBBFfRqI0/OMfaPjF+fy02a9hUDgRCMfguOb3yteqvkA6SyzMmu8FEhaEbjO9Ww2rTJGH4kI47FGdRJt13k/oBtkrHjtTV0GmwgcGEoEyujEsT5w63di6tAW+LF7tRaR97PgKRv7gaD5evKebrL1CfOABaFZ6jhn1npaJiOQb10MOQkTz2vllzsJ6eSp1KipYNqaXnDxJc+3EoJRdZJVJKxgOZvYm6QFzhm5P4Y9357OI9tYfoxluXRtwTIC4bUJEOKQiwCYIEiEVRCiEzOc6P5zf2OCpz9a4MK4Ez70jOrI0Z6Krr+m8YhHoJUmNdZZR7qhPa14jh8T3T1LCrKxMLoYmEaDWJkwwHufHQnNVeTuQSVqJx1aej9BOtw5YUGKpVAhzZkgq23gbAOzg3q9nTTy6sYp+QJMDIRVDjiIDGBJcQuPRFh4ACo+ohNow/Rw5duaVNiaFcNt2GC2gv86tyPCsFWujPvJj2Z+0e262VIcfucwjmIW1vCCV27BHpntJavOUzJ26UBxzxl1ITLF9C27X5hanvqxX1nFPykp+UED/sDPzahP8T6L5WZ4IRwDQdBQFAYdotOkTp2kYb/lhFNER+jLy/Lui+cub861jp0bnrDKT07QmVtmRJyaB4mEsA6F27dE6qGRznjHlSlkppCgit65DWORzdL75+blizsfDrbXPvdY7teP55GUPp/V+adiISlt2Jmn/sTpQ1h2u9JM8FQfBUB86TTlZ46V7COLukjVuOcryW7u6/hrxKcUKdYMneedVoPaq49yqZCA/o0CVksGQqql+0McTG0qjgNPma7hJpnk95NVsGRZ/XrJP1fNjc9JhHCUo2bo5TBiWBBzFRHHCENtZKAQx9bnWb3ZpvoK4EIZivBIQJduZkOACRngaHQvz2sFhx5X1PW3Onf80QXcpRqVInttBmUojD3Ou88nHtP3inDT2gmxyHLj7cTuJbvMHX/BVghTCIY9vPPFDzZLP7V2gjRMyfKGrCV+IWZZjvyqep5/Bs/jb8aTYvzQniUOS3Q4UMYeYkAU0zpFhgAAT4zENaRh9GXNS7B//QLFfHM9Pm/0a5jya5OPqrkeSmBHxANvjYs9bNaXyo2i7V/YIJftJFPKrfz3fCDqWbt5f12tBCMJjH7aJZuEUPdcZnZu9x/MOYDC8XKVqvxZqY4jnUyK+GBmTz+yLWYPuKduvdwtS5OA6OlP6dFvjwEfShebh0JjF6JPo2k3PeDIOTzaOpKDGgumI9QxxTznZDt9SNy7DMNbPI0PVK9LsApOJy2sq+2qYVlHvfRv/MZpRjIc0hPSnX4JoGgUMHTIgCvGEoVkYhuBznfcDv3TxKbzMJ2WvWmkQYKF7bmItJGfFia3iqSaON7OmPQ1G4SmW6zAPuaMOgDX79iXg4r0ndca1rmsumbELB4Epy8ubdAOawNr7S5y3xA+f45mxHraeNJsZiVzCFbK9Kps5ptrWD2jiJCI5wLJxTNLMNllHDLHNtDQZIoKCEcl9jmxW7SzC8u43OklUl8F7kxb5HKyooNYylp82tT8Tp65c9y1wH1APCr06R5N5U1z3kdBmr1PG0AOtEKZpwh+zaJk5p11MySdfA6WHodyaS300cXxrDbeIS34azc/mxAEJORLin04SIcsAJom29phsAznJBhyVfBlz/l3R/OXNeTjegoJsFA/No+2ehvPFzJbK844aPdOe6iLnrfsifuJh/iAunHJMhql5YoM8WpLz5NKbIqkBtj9wb9YMZ0pV1uCiv48VfUDWVRoaulb0bagjjH19efCmRhqqJHqzZHfHc89Wr7RnfMuWey5JSgFVVPY2mGHEcS5rVFtXX2kb2Cyn4qWg6gcEtGOmAcWKfY6pGLebeYAumT3cClNWu8l4pXnrxY/0r81JRRuDCWKpmE5YGEEOUSSADJXQm51wkHyu9W2m1SoNjjXT+YbSE+plaQa7ZxJ3JWPz2c/qtv7t7X1GKoPifNw6wl4l9q0NzHNZKlRm7tXLi30mDuT6M4wfahBI7tRM5/ZqWQcUnVs2yMzFcM3HxNPtZqPaGM3MQrXgvvmTz7DBV8UT+xk83z+L5/f/AYF9akw=")

# %% tags=["exercise:pooled_shape"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
shape("pooled_shape", variants="cnnlab-variants/1:eNrNmueO7Mh2pV/loH9JyAvROwkXAzLpvWcmL4QBvfdk0gjz7sOD20en0JpRA4LUaCD5o6qykjsYEd9ea2X87d9+aaM4a3/551+SMur7rF3+iqN/+db/FcJ++csvTXbef8myNENTMiezPM0hNMqpPErJGE7RKMkhGL7fOM5DN673e4MyWr9Vy7e1zL4N2zpu67eljMbs2z88//JN/Mu34B+/Dfm3vv8nLTrMYWjh9B/gf/wWjWNbZem3dfg29Nm3NeuXYf7+xl//93tJEPb9+sf/dd+trPrv93LveyzrXKXZtzTLo61dl++f8P3WTTbfY/m2VFf2L9/G+z5VX9y/zMa/V/ZjrP9yf+L3aoc0/Rb16bckq9r/3Q33B37/ZZ7/032z7BjbqI/Waujvey5Z1GbpP1deGx+KTAcph1r94008W6un3qLPRjXHbE+HS8ADwashutpD5Lh5i83NE3T6c0zqhExAD+mZlBtSHw2JpBFzoVx7mFYT8rSSJQWOsYNo+O1jvCudeqe+yUK/TPPVJRzmcLXeSWamHhmDDVf7uESXoOYE7ives9SM5l9uQe1ysbN5iZ3XPYauWtaoyZZf/vlvf/sFhDAYT+IUx+OYgKMMiRAsj8EEhtAYRCjkfv+PUW7y80M1ICDy3B4DlxQoa1lgpwhAlJYT0NK3zJvWeD9QGOU4XDy6mDclkr7/MLskoc0hCUMGcpEa7wErR542jRGQUgVA2zZSlvlot9oUARUyiJ+lPTQxLyZqil2zsoZq2aoHIS8HYq1FoBaPbag/b8htE+6g//rXX/71L3/7hYgIAkJzEoShNMKgPMeJjERAKktyDMpS6udQHhXDsnohLBR+Ys9YVriSjwcm3kwjd3t04A0gnSnvLhdplnLb6cWWIukRQ8Mxf14BMvazFjpBepGxScbLFZxttfSjz2ARnZDsNCNoIHedXRHvv5d2l0CgFA7CFJxBIErCJAqRcUTACZFmIET8LM3n0BiNqQsS0okbObnhr0pz66rhp5WLfMntpycQ9hPO91DseZHvGKodwfgnothtkFNqaoY3YUBipV7y+SmxYMrAit5NJMT0bVXPruZf2BbPIObzAV5ZSGqrxbqf6XG8XsMeeVoyU5R1sahNbvtGP6Bsx+gptM5H3paXJ04+YL9s1qINp6zFTwDkHUitQfF9Fv71//zl/88Q5N8ZEiE4gVMkea+9GMPwBI/JhIzxDM+SjIxI4g9iCPL9+m9nCPJfYkgmvCT6IXOeDwSU5uFv7yW4mhfqFwXEY5PY56sKhR7biD5+WhmrmxfyOaAx3hcZhHprpo0LL4QQlneSTYtI/uDcqgW1QXmuBWviqxNpw0Oxq9xkHxGT0DA4jZJN/6LV2mx7Y4UsB2GNkNgWrLH9ZMAe2Wu1xI/vAS2/apCgiST5WrJM+C1DsDQHqQhBI/zmP3w3BziJUjRFEyLKcyLGfq5uewvzAAAjkty1BKosArUeVsuMWEWyR125rcfTHPUBOEfps6yGukR0OERx8SQC6oT2Z1WrBY0Ms8Ry+qmLhpqtFbvR6bptGmLssCQXzmAkqFNYt/pRVzHqRTwPPzKHpLv646J81uXkG9fk06yvrFUnMRCMjrB+ZchNP5yKYRK7IYLDCAHFOIVSEJLjEZrduPo5FGruntzl872j+VsAd4WqW+t1fHSwl4IjBIQ4LcqXrIX89Lp4uhZWMzYvpmGovtrcsezlDguEesFw5+VPZpVYH7J5iG7heI8CEqQKaz0bnZVmAv9eGhxhMZhjJIkgEXyDLc9iAiFjJEYIAo7B6Gdpz5ZsVVnQk8GHQkXryScV27vJxlhHwQ8zDoPQHv17m36QZNjfVO7wKuhjwweZ+sXLC9ug9xdl5LAH23Pw4uw0s0MyjxDanOS+F0QqjdeliR+7gNn0Uo9BBiBHzJJlSsgu12UvrORcOxttv9kXHXxIGSI3sNW2PU6jspSUscMkgtNo+ZJSvQVGFGcOigztv8cQmPh3hkAolpMRfM9RnGBxjpAUGWM3TiMMjnASRP8YhsDE9+u/myEw8V9iSA70XP5E9pPTEO8Akrcwab6DRpSO19D7SSRmYdZFYOs0Q60EQCdMy0CNKC0D1zBXSS2NAYxEZhAEIJdArlMDTfsD3SgZFTRUhjmKvbroGFhdiCkb8dSLjQ51brFjsF/ejRtWzyfrR3PDewkaTDp/Lr0V5uULzFEpSgSVUoP6wcvDqs7xTinO9879G5akeA6jMHLLyRxJMwoGKQwn05smMUyBVJL9XOWd7upbTQgbtLO77Wmd5fG19eAmFv68KwFTZ3ng90pWlGZVAoxfa1mkEG6vg/YYtQuCoZqguwY1ZEZdt+DzxEwQ1IoxVo12f3KV48Hy+7LfsGofZGWQtgqEw+GqDD8+rgf4DKUSU1183LNl3WVeWNK3E9aLKRW/siRFoIi4l2ISRQmGp1SeQiRFYBiRwSAaf9Ujx2ff15AeJdV+lmtI3DQ/gddmNIkHVFYPSowLMEGfZCt7qWHwHp8yDniSMzLKwgjzYvbzBU4OO7KhVvZiJuxDYp1tpmF8xGGrR01GZGAd2z6SX6USkmLZzbc0vjESpQiMfH/AWHZXlqIQ+gVzKtz56hiPB+AkrST6mTxt5xGdFyb7JW/QJdpRHxPcBBHPbaKv+6KEqHY8RPfx5pltFrNyOs9V42P/wZ2aabflpBuPFlCQW6sZ+YNt6E/aQQNt+VKcg53bbzLgmFLEcjlNFERstvLwJMH9yBBSgRPPDiZCeU4KPMIPbq30OYhE66m/Sa5AFNKY18t0Wxb4XT0CQ19YgkMEejOfhFACvC0NCKUwkREgQeEQlFN/EEug79d/O0ug/xJLWPTzQNHrQKpyqBh79ldVFzPs44ysf7wvtDQuu5E/xXLwHcoRxjt6GjjEyHW0oL0YVHOX0e6cGzL+tNZ+mrVb/a+L7XnQ4GQhCXIKzhxJW9I5UlfcdbCTgCVRpyMurrRIFIGI5Y8+iIY+qFjPvD40vPJm8uHPTm3VvLoSdaExyuei5VsNPfjfciQDb1NzzySJUXlCkvd2S/B7L8JJlqG3P/iiuEHoiEUNExTFVj0GMob0RQpT8TFTUjlwhXzOgmyVPG9aZIOyH5DnpaGJvKSg3Rxln8tVEFCZd4+SuyWBBc2mgn7W06CKwIg4jUWjGXXarvUR9cySq7mlOORDiLpIrbGqz77WfbqLg30KO1V8hxFl8vqr9EUZ/cGRJM7xNEGQhLpdDZmnSZIgORkTJEHiMZKlP4eyiXrxgjQS2s/lPcgcv/vL4iLDJ3TztyOfPOHHdP+aZubBgrKXx5Mko8rSQO+ju56QG7jH6lj5zOhFPpsRK2KXRp3s0BoVsYAs+K5eQbiaY92SvyKOwFOSvKmB3OggUBxNSITKwSQFEwQiSPJnaXI/4kDm6HqZYnn3VLO55ZOECKm70dTGx3Tce4O8nuM4V4B0lo9JwfIBaBCnVgDH0cyAcpEnYhDl3eu1pU6L6llB3ias2O3lfEmGOn5wJsaQmzDYtLqATV861AuImMget0psetjeUh9cBJm6olU1ivPROmnhosmTH6br7ft+/C5LmzXnMbdbwW5aKkdU/D/hCAL/JhuBIpCCo3v1RlBEEXiS3xaHul+3zwPxNIb+5znyvaQ/VTZCpUdpYMtacNqii3kdQA8NQlKznka4ub3+3tm74rVMWEngWpEOPtcA4IDxG5/ClXKa0RcmihMfHpvyeIgMJzW+M7QIxZV5K6fxRPpmhgKWcdRt+ZiVSR41BPJzpF8iRqIiWnjDVCeMtnY2XALx8PlQAhS7whuvGym5lwWib1rLKg6lRr9lSIKROJFkMHpPPA4mOJrjMJmTCUxmBJGg8M/VfTpxJzh9CDS9TIPSKhnE0I+5o1zlYb+Pl2t+wC0o/Y2ciBcS7cDtjqiePx3BngjTO4mdUWYHwVGY9De77S0W+SCs8sHgyThqIEvY+mNyECM+6yYPDqewhIAk1b3keEGuOscjFsrmbKg+u/tx42iKp5BwRpnygyHZvUtRMkEIkITB2zykOBph6d3z8ZxASeoLQ3wBd4CRzpX08DULA/FYiictL0FrEWy2WXt4/OALafFolw64I0BrxcZ5zVu2flYZxO0mWrXcO33irXfKNszKj+QJCQlLLCdbqBDm3j6BiWU8LP5eGnnz7a7guxbBcfwukEJQHEexm9kwimT4l9JuLTIVGx7Rga/XZLeMuRWp+Lu3V0qqssfsy1JIS7eozehjw0JaO8VsR8Q2UKeWouzHVuJwACCr5hiVJkOCSzUzJ75h6z3ZH6LMjGUMNvEos65poUD59MoL/Ux8D7wHfbVqSXzNT9vVKAlbq+IgyLJ9p57VZ85eYUJvpUrKsbRmKB6ifJAQhz0KHnBw2q3fZcjPbARGcAxOvr9IEiNBEEzzDKFQIsuoe84y6g9iyJ8pG+kGrDqKPmQ79lMnajnQKrK+khe2vfE+TG+/DVeBgSRgfMEyLcpakxuzsk/8s304rqRlBCJBjr4F0ow7DGM/Tbu0GdbT5WKmmCDQq0oXiL3yw/NT62TR7GfhdplZILIfRe9Qk5ZTa+bbAYMw68pVW/vL/MipgbfII7CNZcv2fZEDpESx3zKEiqEsg3IkRzIyS1Asy0EcywjsVtsonINfdIheoAXAAEPFwlt55DOqJ59W74LbEbhL7zfzjiYPL7ykw7dEJvwETzo2uDdD4xa9ImD2gR58kmFCNq5piNTPjejWuh7sJcFuqzXCp1QtR7wI1DI1fivEFmftbWVUKOo3sWo2/roLnANmZ/hGYNDkwpBBeWD3Xz/y1TTFSJiAEBLGqSy9pcftvr9HPvn3Fwh/sWbr+eiwRTFNAFpexnMUpEJlBGr1fCN+7FHoD7EaEYuubSVVTNk26JDAaJDxwNq3hjLb0VMCoDMMjKZzzrw4iJXGVl16xrKnQwt8Vfafh85LS4L+Whoa4RhJxVhKZiSaETgB33jDIxiCb8olX7IRRwBdty50v7Tc0yJm2byBOhI3nBPt/YqEyLcfPcfW9ctmqo4XJA7GHxzDGZ8rodAhjJxHNTlp0NPIKcnDyT0h3eZPrUcCkr3yhmEL8wlMbBM9FQgz01MPINkEvFtTWf1jG87dmRA5Fy4p6Z/TE2dKoglAtAvt5SZo6bRSciGI27Ep8rTB505QlwsxEJ7/rg75ko2gcJInGQlCt6tJIAq7HV0C5ymR3s8ixij8j2HInyobGZ7y7QtDnis+t/ArxI6mKC9YKRpQcMtEHkmdvMYy1MlPVwLUp1fxMx6DR/UgCO0Bgnv+OUYTf4R4u482H+RUcIHcxXrb+9FqK16w4WYDa74bREK73FKsiI0CuD5rx6C8WHtMXATS1bT7eBJ01QHfKWpHvMFqGhpoGblazLbODF8JkMAwsD5s/v+RjSQRCOIEhCNRSlL3dCLJ3dRvU5DnYIxACfjlC44AtoSFOFeKeZ4aNYXvXiFgGpdKbVvde210DJaoWTjnXB8IsnT2o2NRkXrcCKRUR6mkS0imRKX2vYEUNxcCgbbCPmn4nhPgjKVZk2KHUXurp1tFzrQ/xaUUBZeAwxF09xe5HWjdD5sdBanwkdBblVMzLl/7Dz1CUXB6OxgMonA8QWOYiFAcy7MIzNIExqIvQwH3BrS9RkgbzaRoPH97LDgm+6fi+CvJ1Am8TVqarzJgaZMgYpnvMK0YOYmKiivw4nAEZCAKUETPtRX+3GMEoIklek7KlUo9XKZHX3APW3zh7K85a5IjSASlZA5ixP2UKQzPqSwGIQoG45j8GtsEim1dNl2MgvkqVGXlZHvEA5CLn7dvfOZVVoHAp4W8Y14ISypYJ6GxsxBil+IcpU2D2gbYVXFM+F54KZxHO90GzxS9GLataNwwKNpM/GBWOnXvbYRzWu91FDYdNhe9HKwILsw79kPSyI/cVhHmlRJGDbxHec6vXQ5QaDDptJJTHYZG9TIuvb20GUV8Ov9dPfIlG0GTJINi6u5hcIZHeIreZu9uXAmCpmB2T94fxJI/UzYyJjxXdjLppYHsDeOAE7PYrf3HBR8WlFiJ7A4dqEbO6+6n7hrA8G0bgkeua4/0fL3jnrGZjHUQTRsjF4B73pVZpRM8fryNu5VNs/hhXz2LqiTxSQhEIZk8/hCevAaTl7d6TM9LOr17Otvo09gMf6Udmkh7EzCtoQwJOuIKONfz2cu65ZZJRPdbjpB4fHdvEKTiCMri7IYHmOMQSiLYrS9J8Esjx8785uGzhBdIG88A8cYpDyQ3Wa0T8wzcnRNdkJC4N+oZeID9GrpUjFRXrlMrHdQvx0jTxh+PehWkkcCotwFBRskizib40pkYju5MElrm73U5K1DInBPd4UcQrsckPlZVlsXR0I96aZX+tVTlLJdBieCjgdY/NAkCYzFF3R4Ghm4kgjCOomQGRgiI3ngEkS+NPwqTNrKKMNvQ5lbXhi+yHmsV61zzdFYnT17j3xBny3GgRf6gXeRD3rQn/LFHiZ2M59k99WrHDWoZytfBb840NwRYrjJCW7bXjnuXbwVKLoBd/chGUDIiIuqWSCmU3I84IrMoSrM0wuMEQ7Iv7tEneaihmNzvGGLxcFIL3oI76bhlZYnIvjKANTr4ARp0CUFHh2pZmh4HUahSfsLpZH4CkXXfstvuVEiR7Efy/FY/g1Ttt7xZ1QJuaP9JvOR2QNYJMkks9d4Q5YvJs6nLxwn7zxpYRp9BwymvWS24bP/oas3uoOKiL/6TiW6z6+9X/R4FeSYBx9EbFC4aHftPOELhv8lGSDgFczJPqChBUyiDbmsD53GewnACphmR/89z5HtJf6psZOU5DFSx280eD3fHCg9q2MKrzqa5wsAhzvcyrp+AHMJZgBO7TVytwQ6lbF6iP7eccihBDOXFxqdPK367TzeoYs8sAxMWDnI1bEaHOKmkrE1h5yDlvItEZnGUL6cmJtjWU9u1g9vq1wkr1gaChManfVweSGei9lw3KyuN8sTB7eVFISX/liHoLbPvro1ARA4lOJx8jxViEEEzNKbQ2xH8XN1e4UVDjkJ1AsVwHd+7b3sK/fvjkiJjCdZaiJJc+UuEj7VvjYp3sDJghjE252M0I7l+kDNHRfz8WhSn0waK7TfPrJ9aHthZZdvAOQCeqTsBq6XYp1xSAdq3c9i0nom2aV0s+QCfja3SGozxfTxS/fDhIGNq1x9aBMbA26JBCIV9l80wlJAxlSJ5FCUZEZNk8nMoRq3iQ4txPiJXiDrU+sAOkt2XBlR7krHryiOQwcttEWA9G4C4G7sLXi1ZZzaWgpMRPJMZdDHy4WPlqTE3aCoJIQ4+cqSKHNjrfHhKG0SkxAa/MiQnIfCWRBSaZCCZ41iEYvAtQoiEAuMkheIvCdTjheOrvshQwCipEfYWeHCRLNmI3N9Sw37A46187RdjdQ6BHar3nK2gFLoKt5HGn7JVTV6ItHZuJOTw5cGc/Nhf2IOxpkcICDYHiy1ymNbzHbR+y9GP14f1sudrYWG0Qg9B0Kr+3EVhEuSGwijCwFTahNaCnMyirB7HnFehNTDkCWujk2qJrqxspkV5ndC/y5Cf2QiBZCiR5jkJoxmEoxiFJChOQVB8e780j6g/iCF/pmykpDI6+kDlLTm9zAgMJ9mAhhpU8OkIPQPQyGERJWExFtiqQH0vHjGonXrHWzy+p91i+SQvne2lSGWlBltLIftEP86iz9QOaAKha8ZTmGg9IoInVUOn2jHaDM7XlESye/rVZ8rjF4m6EL5zcaREF7fsxT42U4Ear6vNtwuxeECeCaU+/sPZszynECSJUhyO4gjPsvxubLcLICgYQYgc/RJKOtIu9mLDrHrcvP12uzd1i+79YHt037h4EIshcdamuHutPTomcUYcPibBwH7QmUOeJlPaejxB7kS9yx6cVkouRt3lk5fDwZdWtRXjpXzzeq+0/bF3DcmOGJ7nBUYoGyORZ4jRva6gUihIkSPWlfRSGSYLMG38oUMgggBTmCBwOMNgiorTeww5keNgDqEwCX7BIaphZ6J80kS5nD0WuDLD9QNTw6pQINsCclM8iKAwzfebUkR0owR4sa4ek73D9Yo0FNWiuZg5Dwiir/g1QZyKUXNmh5UaxZNtZn0abLcXOqU/vuvF4XvX4ER6U44iIpK4+y9KJsT9Q5IQZPSltGKsR/l9XI+2U9ZuxTibuDfqmKkPl+XdFZymUVuDRjRTCuHAS2YONX8lMILZdYi7r0vkX88mFWr/vS0ujukOvwfuOuK4hIcnL6UiOrInUj0YUrBa3wK9uuaOYnkunbgYYCkVRVtyavoGCKBMyBCcP9sQxBw7mjDU13uq6qYgsQ0wPv3nJCiM8DIeFM2i0f57DPmSjSQUQYIxDn5fdHiaYCkVw8jN0wS6qZIkf5AO+VNlI0D46cisk/rhmUKpbMJvDNe3V/rOCVpz+1Hv4zetNmGUiBn2riQxZLuNEQmZK3f+mZER0kN0zBHCTsNeiChUVNp0MCfcaQniA318dGcrhLwHQ/DEtepToDzkeXOACcLkc9j1NAVftv0Je4lDlkPYUkvZjRLcdx3wbiwV7SuxY+SLKtW4fjudsviP2QgGxbeKhOAEvVstikY4mmE5hUUkFFHprTx/rnLOgat+Bvu+37uErwBxsj554KqVZPnkhJuMc8T0mTafLZspS1sII9I3Ogxjke0B6MhxRBldLYZZZAtn3CPZOHq1dFTzZPdmX0sBv25NgLncar8c9/UGxveLwCTMuffDehG3AT+jIdqqa3r40MsEw/cbJ72KkNYfZ9But43cBuEeQJxAyW0fSDTFMCyFyHtcKPgFi+ISM5/9MqFPfpmwq9a65Rp6gsSw1KbsiaZqCkSPaxWdWx9uDFGwCB/B9XSrDoEq3o0IofiuqY101oGidyJTR6pSxdyBGAMsX2eZyTD8yqkLaH7NRnACxnI8iqDvgQ2MUgmYZzmG4xgY3/bry7mRrsDrZJIUjpv2DzS/TulcsUtw7IR+gCj1yY3+3vKyMRg6S5HBuZutlAQdQT/t8Z0/OzkoJQ6yKLWRgaz9+CjFNWSZsq+B06pamrmter9tclQBrTVWoKutSgrEkApWU8qHITDeRl4JSPF8h5hp+QnPugdE6lxaflha+dQk3W42N2ZZk1noiCIGWkwwIhPz77PkZzaSgTAIZSCWxXlCQN+PJ1FYkt62L0XgW6zFfxBL/kzZiLP5/gydsA5s0xygx8DZoLiQupQywXhv3VyRkvDt8xQrdthpIWO+qfzTSs+t/jjSZ2TLMtwgCTztBhq1ZqOzmDhosgviSs39qgUYfMQ3IP2AbrC86hVQaCR/aVuf72RStMUGR4SrtbGIFdFOKAq+FvJb2Z58Xvg825m43sRi/1n5mFXMQZX+w3l4BL8dKhaTEAVDZI7cCx69Gzsew1mWRemXYLLYHXjyPpZ9aFEPIwxdSnmEkoW2LdqWJCRxK2VHOgoFsXuiB1ek989bPmtXA4rkfp4tq+GMPfXIaHXz3n/MvAtn5BjUvJwp4b195kQDKhBcbf8jDV08FB+Nu3xASbslWvuXR1XPgCp4Zx2m8HL0eAQs0jer6IcmuY3+La1imLy3KhqR3w/k3hIBxiKEhGPs64FRrakWGbChg6U1faBKvu8EY831R21ZH7XC34NC27iGMspLvvVm/qAhfX2OBx1Dcz4f3jxWx+QPiOsMUKuEirE4OIKA7hpGzCZM0mhdQhj7HxOSfj1/BuMkhN2PGcqoCCPyKKHQKInxKKVyiPr6zXqWEpwjbXj/5p6L99zU5gFZCt8DtoSKGz+5UcAG9YvmeCKdlo8fgi4vjcRDivb67TexYTZGmriAaUIgx0kzgbFJFs0zqFU+j0p76EasbULCUZqz87ltuNIb102ixaHRd+uTT7lTiv7lCjTZOionIKsqcARVJkSYoC8RotOrQF2627stCN4ko15ZOvNFEP3qa/71/wLuyJKd")

# %% [markdown]
# ## 3 · Nothing to learn
#
# A common way to put it: *"There is no learning done in max pooling layers, no weights or
# parameters to update, just down sampling."* Count them:

# %%
for layer in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.Conv2d(16, 16, kernel_size=3, padding=1)]:
    print(f"{str(layer):>70}: {sum(p.numel() for p in layer.parameters()):,} parameters")

# %% [markdown]
# No parameters does not mean no gradient. Backpropagation passes through a max pooling layer:
# each window sends its gradient to the input that won the max, and nothing to the others
# (average pooling shares it equally). On the 4×4 example:

# %%
X_grad = torch.tensor(X, requires_grad=True)
F.max_pool2d(X_grad[None, None], 2).sum().backward()
print("gradient reaching the input through max pooling:\n", X_grad.grad)

# %% [markdown]
# ## 4 · Pooling or a stride-2 convolution?
#
# A convolution with stride 2 also halves the size, but it has weights. Compare three ways to
# go from 16 × 28 × 28 to 16 × 14 × 14:

# %%
downsamplers = {
    "max pooling 2×2, stride 2": nn.MaxPool2d(2),
    "conv 2×2, stride 2":        nn.Conv2d(16, 16, kernel_size=2, stride=2),
    "conv 3×3, stride 2, pad 1": nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
}
for name, layer in downsamplers.items():
    with torch.no_grad():
        out = layer(features)
    print(f"{name:>26}: output {tuple(out.shape[1:])}, {sum(p.numel() for p in layer.parameters()):,} parameters")

# %% [markdown]
# What can each one learn? A strided convolution is linear, and it can learn average pooling
# exactly: give output channel $o$ the weight $\frac14$ on each of the four pixels of input
# channel $o$ and zero elsewhere. It cannot learn max pooling, because the maximum is not
# linear: $\max(a + b) \ne \max(a) + \max(b)$ in general.

# %%
as_average = nn.Conv2d(16, 16, kernel_size=2, stride=2, bias=False)
with torch.no_grad():
    as_average.weight.zero_()
    for o in range(16):
        as_average.weight[o, o] = 0.25                      # (2, 2) slice: 1/4 each
    print("strided conv == average pooling:", torch.allclose(as_average(features), F.avg_pool2d(features, 2), atol=1e-6))
a = torch.tensor([[[[1.0, 0.0], [0.0, 0.0]]]])
b = torch.tensor([[[[0.0, 0.0], [0.0, 1.0]]]])
print("max(a + b) =", F.max_pool2d(a + b, 2).item(), "  max(a) + max(b) =", (F.max_pool2d(a, 2) + F.max_pool2d(b, 2)).item())

# %% [markdown]
# So the two are different tools. Pooling is free and fixed; a strided convolution costs
# parameters and multiplications but learns *how* to downsample. Springenberg et al. (2015,
# "Striving for simplicity: the all convolutional net") replaced every max pooling layer of
# their networks by a stride-2 convolution and lost no accuracy on CIFAR-10; ResNet (lesson 12)
# downsamples with strided convolutions inside the network and keeps pooling only at the stem
# and the end.
#
# ## 5 · Is a pooled feature map invariant to small shifts?
#
# Pooling is often said to mitigate the sensitivity of convolutional layers to location
# (Dive into Deep Learning, §7.5, gives this as one of its two purposes). Let us measure it. Take 500 Fashion-MNIST test images, compute <!-- parity-ignore: 7.5 -->
# feature maps with two fixed edge detectors (the Sobel kernels, followed by ReLU). The Sobel
# kernels are a pair of 3×3 difference kernels: one subtracts the column left of the centre from
# the column right of it (the middle row weighted twice) and responds most to vertical edges; its
# transpose subtracts the row above from the row below and responds most to horizontal edges.
# Then shift every image right by $d$ pixels, and ask how much the maps change:
#
# $$\text{relative change} = \frac{\lVert f(\text{shift}_d\,x) - f(x)\rVert}{\lVert f(x)\rVert},$$
#
# for the feature map itself and after 2×2 max pooling (and, for comparison, 4×4).

# %%
images = test_set.images[:500].float() / 255                     # (500, 1, 28, 28)
sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
edge_kernels = torch.stack([sobel, sobel.T])[:, None]             # (2, 1, 3, 3): vertical and horizontal edges


def edge_features(x):
    return torch.relu(F.conv2d(x, edge_kernels, padding=1))     # (N, 2, 28, 28)


def shift_right(x, d):
    """Move the pixels d columns to the right; zeros come in on the left."""
    return F.pad(x, (d, 0))[..., :x.shape[-1]]


def relative_change(new, old):
    return ((new - old).norm() / old.norm()).item()


def fraction_unchanged(new, old):
    active = (new != 0) | (old != 0)                              # ignore places that are 0 in both
    return ((new - old).abs()[active] < 1e-6).float().mean().item()


reference = edge_features(images)
shifts = [0, 1, 2, 3, 4]
views = {"feature map": lambda f: f,
         "max pooled 2×2": lambda f: F.max_pool2d(f, 2),
         "max pooled 4×4": lambda f: F.max_pool2d(f, 4)}
changes = {name: [] for name in views}
for d in shifts:
    moved = edge_features(shift_right(images, d))
    for name, view in views.items():
        changes[name].append(relative_change(view(moved), view(reference)))
for name, values in changes.items():
    print(f"{name:>15}: relative change for shifts {shifts}:", [round(v, 3) for v in values])

# %% [markdown]
# A one-pixel shift changes the feature map by about 80 % of its size, the 2×2-pooled map by
# about 60 %, the 4×4-pooled map less still. Why only partly? A window's maximum survives a
# one-pixel shift when it moves *within* the window, and not when it crosses into the next
# window. Count the values that do not change at all:

# %%
moved_1 = edge_features(shift_right(images, 1))
moved_2 = edge_features(shift_right(images, 2))
print("unchanged after a 1-pixel shift, feature map:   ", round(fraction_unchanged(moved_1, reference), 3))
print("unchanged after a 1-pixel shift, max pooled 2×2:", round(fraction_unchanged(F.max_pool2d(moved_1, 2), F.max_pool2d(reference, 2)), 3))
print("unchanged after a 2-pixel shift, max pooled 2×2:", round(fraction_unchanged(F.max_pool2d(moved_2, 2), F.max_pool2d(reference, 2)), 3))
pooled_then_moved = shift_right(F.max_pool2d(reference, 2), 1)     # pooled map moved by one cell
print("2-pixel shift vs the pooled map moved by one cell, unchanged:",
      round(fraction_unchanged(F.max_pool2d(moved_2, 2), pooled_then_moved), 3))

# %% [markdown]
# About a quarter of the pooled values survive a one-pixel shift; after a two-pixel shift
# almost none do. But almost all of them reappear one cell to the right: a shift by the stride
# moves the pooled map by one cell. Pooling gives invariance only to shifts *smaller than its
# window*, and only for some positions; for larger shifts it gives what convolution gives,
# equivariance on a coarser grid. Real networks also alias: Zhang (2019), "Making convolutional
# networks shift-invariant again", shows that standard CNNs can change their prediction under a
# one-pixel shift and proposes blurring before subsampling — good further reading.

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
for (name, values), marker in zip(changes.items(), ["o", "s", "^"]):
    ax.plot(shifts, values, marker=marker, label=name)
ax.set_xlabel("shift of the input (pixels)", fontsize=11)
ax.set_ylabel("relative change ‖f(shifted) − f‖ / ‖f‖", fontsize=11)
ax.set_title("Edge features of 500 Fashion-MNIST images: pooling damps small shifts", fontsize=11)
ax.set_xticks(shifts)
ax.legend(fontsize=10)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 6 · Common claims about pooling, checked
#
# - **"Pooling compresses feature maps"**, reducing computation and keeping the main features,
#   with no weights to update. *Correct* — sections 2 and 3.
# - **"Pooling shrinks every feature map but keeps their number"**, $s\times s\times d
#   \to \frac s2\times\frac s2\times d$. *Correct* for 2×2 windows with stride 2 and even $s$;
#   for odd $s$ the size is $\lfloor s/2\rfloor$ (or $\lceil s/2\rceil$ with `ceil_mode`).
# - **"Pooling eases the convolution's sensitivity to position."** *Partly* — within
#   the window, for some positions (section 5). It also enlarges the receptive field of later
#   layers (lesson 04).
# - **An analogy**: pooling is like a nerve cell that passes the signal on only above a threshold.
#   Take it as a **loose metaphor**: a threshold is closer to what ReLU does; max pooling picks
#   the strongest response in a neighbourhood. (Neuroscience has a closer, still debated,
#   analogy: Riesenhuber & Poggio, 1999, modelled complex cells in visual cortex with a MAX
#   operation.)
# - **"Max pooling is simple and simply the best method."**
#   *Too strong.* Both are in use: max pooling inside AlexNet and VGG, average-style subsampling
#   in LeNet, global average pooling at the end of NiN, GoogLeNet and ResNet (lesson 11), and no
#   pooling at all in the all-convolutional net. Which one works better depends on the features
#   and the data (Boureau, Ponce & LeCun, 2010).
#
# ## 7 · A preview: LeNet's trainable subsampling
#
# The pooling layers of LeNet-5 (LeCun et al., 1998) were not parameter-free. Layer S2 adds the
# four values of each 2×2 window, multiplies the sum by a **trainable coefficient**, adds a
# **trainable bias** and passes the result through the squashing function — one coefficient and
# one bias per feature map: $2\times 6$ trainable parameters for S2 and $2 \times 16$ for S4
# (LeCun et al., 1998, §II.B). The faithful LeNet-5 in `cnnlab.models.lenet5` agrees:

# %%
net = lenet5()
print(net.s2, "→", sum(p.numel() for p in net.s2.parameters()), "parameters")
print(net.s4, "→", sum(p.numel() for p in net.s4.parameters()), "parameters")
maps = torch.randn(1, 6, 28, 28)                          # what C1 gives S2
with torch.no_grad():
    rebuilt = 4 * nn.AvgPool2d(2)(maps) * net.s2.weight.view(1, 6, 1, 1) + net.s2.bias.view(1, 6, 1, 1)
    print("S2 output shape:", tuple(net.s2(maps).shape), "  equals coefficient · 4·AvgPool2d + bias:",
          torch.allclose(net.s2(maps), rebuilt, atol=1e-6))

# %% [markdown]
# S2 is often described with the *mean* of the window rather than the *sum*; the paper uses
# the sum in S2 and S4. The difference is a factor 4 that the trainable coefficient absorbs, so
# both describe the same layer. Descriptions also often say "sigmoid" where the paper uses a
# scaled tanh, $1.7159\tanh(2a/3)$ (its Appendix A); lesson 08 builds the whole network.
#
# ### Quick check · true or false (1 point)

# %% tags=["exercise:pooling_true"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("pooling_true", key="c5789e46364fdb0335a4544376f6b255",
       options=["A 2×2 max-pooling layer over 64 channels has 64 · 4 learnable weights.",
                "Max pooling makes a network's output unchanged under any shift of the input.",
                "2×2 max pooling with stride 2 keeps the number of channels and halves height and width, rounding down for odd sizes by default.",
                "With well-chosen weights, a 2×2 stride-2 convolution computes exactly what 2×2 max pooling computes."],
       prompt="Which statement about pooling is true?",
       hint="Recall sections 2–5: count the parameters, measure the shifts, and ask whether the maximum is linear.",
       explanation="veiled:5NGyt3qZEmJgrvPCD8JrH/noMKejr5dC5qpwczpuXabTXjTnI+DLD9s73F48ZollwpZcwGJ6Scsg7RWKAT/BtYQm1aiQ86ISMyX/S4mr8ddHbtCJHpEPXzJ/gf1nY/bXDGDoJySuxnRzDhvDvqls2TMDST6mOlkNuGXSCFEDLEsKt+i4SggIDc0EpypKOEUviDl/x2yiV56+bZs71sYPdPuaWpttS+an33k2kYaj/KpFmKxt+0uSlLl/tUS/TgNQsntUChgWeth7JQ/5VAnrdl+BUHGpAGYdDyLIsOWEwuucv3hXuq69AkwdsH9lQEOsS8prpTQYrBdNODpN1h4lbLE=",
       reveal_after=2,
       mistakes=[("0ee8bc343d1e5ffe13400621ae862fb9", "sealed:IfJnIFXM0j09qEp6UX9utGOhc8dQRR13Pokm1GpY9ged16XNrEeMLj/PZUhoUvq56vwpV6reb8dSw/iSY6Tz05jJLOdTDkggh6SxGOtlfVybVy7c9yJGtva6IA6p+n/WLoJXB/dmo45Lyr+bGgrkYqLxCr+YxsS4gA=="), ("6ef3aeff13cc6709faecbc67c2571173", "sealed:QfK2Kp2230EOY+IRm3kxZXX0ZyrIUgBvt8iwh4jdDQiJgX6yPIiJVpjJgrRhj1b7sJx+iF65Nb+fNsq12gAWAOtjBIDV7hqPa1sMtoZ7BBo0a3sGERrz46WSvFt2jLGgITGVecLYUiads6WDzE39now1cUsukVgGQB14k9TwVXeLJFfIuYszfQELHBO1Yw=="), ("dae1bd33d3043b416462500249ffae69", "sealed:SZzgYhvzhrRsvdq0eJjKcWT4aviczdn95Vzf3mxxN4GzdGx8SM141FJt8//NS2OqNG4yCHORnHO9+jVZqsA5oDxWEfoTUI1CaStf519iBLOQIg/UfaDNyS1bEdL3CqrvAKLwJC12E2lfN39Q6GJulijnSprnnk6F8azR")])

# %% [markdown]
# ### Exercise · Max pooling with any window and stride (3 points)
#
# Complete `max_pool2d_single(X, k, s)`: `X` is a two-dimensional tensor (one channel), the window is
# `k`×`k`, the stride `s` (windows may overlap when `s < k`), no padding, sizes rounded down
# like PyTorch. Return a two-dimensional tensor of shape
# $(\lfloor (h-k)/s\rfloor + 1,\ \lfloor (w-k)/s\rfloor + 1)$. Loops are fine.

# %% tags=["exercise:max_pool2d_single"]
def max_pool2d_single(X, k, s):
    """Max pooling of a 2-D tensor X with a k×k window and stride s (no padding, floor)."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:max_pool2d_single"]
_ = check_function("max_pool2d_single", max_pool2d_single, [
    ((torch.tensor(X), 2, 2), [[6.0, 8.0], [3.0, 4.0]]),
    ((torch.arange(25.0).reshape(5, 5), 3, 2), [[12.0, 14.0], [22.0, 24.0]]),
])

# %% [markdown]
# ## Common mistakes
#
# - **Pooling across channels.** Pooling never mixes channels; only a convolution does.
# - **Forgetting the default stride.** `nn.MaxPool2d(3)` has stride 3, not 1: the stride
#   defaults to the window size.
# - **Assuming exact halving.** Odd sizes round down (the last row and column are ignored)
#   unless `ceil_mode=True`.
# - **"No parameters, so no gradient."** Gradients flow through pooling, to the winners of the
#   max or equally to all inputs of an average.
# - **"Pooling makes the network shift-invariant."** Only partly, and only for shifts smaller
#   than the window; larger shifts move the pooled map.
#
# ## Sources
#
# - CS231n, *Convolutional Neural Networks for Visual Recognition*, notes on pooling layers
#   (the 4×4 max-pooling example).
# - A. Zhang et al., *Dive into Deep Learning*, §7.5 "Pooling" (pooling mitigates the <!-- parity-ignore: 7.5 -->
#   sensitivity of convolutional layers to location).
# - J. T. Springenberg, A. Dosovitskiy, T. Brox, M. Riedmiller, *Striving for Simplicity: The
#   All Convolutional Net*, ICLR workshop 2015.
# - R. Zhang, *Making Convolutional Networks Shift-Invariant Again*, ICML 2019.
# - Y.-L. Boureau, J. Ponce, Y. LeCun, *A Theoretical Analysis of Feature Pooling in Visual
#   Recognition*, ICML 2010.
# - M. Riesenhuber, T. Poggio, *Hierarchical Models of Object Recognition in Cortex*, Nature
#   Neuroscience 2, 1999.
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-Based Learning Applied to Document
#   Recognition*, Proc. IEEE 86, 1998 (the trainable subsampling layers S2 and S4).
# - PyTorch documentation: `torch.nn.MaxPool2d` (`ceil_mode`), `torch.nn.AvgPool2d`.
# - The claim quoted in section 3 is a common phrasing, quoted in its original English wording.

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `06_pooling.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("06_pooling")
