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
lesson = cnnlab.start_lesson("04_receptive_field", lang="en")

# %% [markdown]
# # Lesson 04 · Receptive field
#
# Every value of a feature map is computed from a small window of the layer below, that
# window from a window of the layer below it, and so on down to the image. The set of
# **input pixels** a unit depends on is its **receptive field**. This lesson computes it by
# hand, by gradient and with a three-line recurrence; measures it for LeNet-5, AlexNet and
# VGG-16; asks which pixels *inside* the field actually matter (the effective receptive
# field); and checks one popular claim about large fields against the numbers.
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

from cnnlab.exercises import check_function, choice, numeric, vary
from cnnlab.models.alexnet import alexnet
from cnnlab.models.lenet5 import lenet5
from cnnlab.models.vgg import vgg16
from cnnlab.receptive import ReceptiveFields
from cnnlab.viz.erf import plot_effective_fields

# %% [markdown]
# ## 1 · Two stacked 3×3 convolutions see 5×5 pixels
#
# Picture it: the centre value of the second feature map is computed from a
# 3×3 window of the first feature map, and each of those nine values from its own 3×3 window
# of the input; together the windows cover a 5×5 block of the input. Let PyTorch find that
# block for us. If every kernel weight is 1, the gradient of one output unit with respect to
# an input pixel **counts the paths** from that pixel to the unit, so the non-zero gradients
# are exactly the pixels the unit depends on. We use a 7×7 input, so the field has a visible
# border.

# %%
two_convs = nn.Sequential(nn.Conv2d(1, 1, 3, bias=False), nn.Conv2d(1, 1, 3, bias=False))
with torch.no_grad():
    for conv in two_convs:
        conv.weight.fill_(1.0)               # all-ones kernels: gradients count paths

x = torch.zeros(1, 1, 7, 7, requires_grad=True)
hidden = two_convs[0](x)                     # (1, 1, 5, 5): first feature map
hidden.retain_grad()
out = two_convs[1](hidden)                   # (1, 1, 3, 3): second feature map
out[0, 0, 1, 1].backward()                   # the centre unit of the second feature map

input_paths = x.grad[0, 0]                   # (7, 7)
hidden_paths = hidden.grad[0, 0]             # (5, 5)
print("first-feature-map units the centre unit reads:")
print(hidden_paths.int().numpy())
print("paths from each input pixel to the centre unit:")
print(input_paths.int().numpy())
rows, cols = torch.nonzero(input_paths, as_tuple=True)
print(f"input pixels it depends on: {int(rows.max() - rows.min()) + 1}×{int(cols.max() - cols.min()) + 1}")


# %%
def draw_grid(ax, counts, title):
    """One feature map as a grid; cells with a non-zero count are shaded and labelled."""
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
draw_grid(axes[0], input_paths, "input 7×7: the 5×5 pixels\nthe centre unit sees (number = paths)")
draw_grid(axes[1], hidden_paths, "after the first 3×3 conv: 5×5\nthe centre unit reads 3×3 of it")
draw_grid(axes[2], centre, "after the second 3×3 conv: 3×3\nthe centre unit")
fig.suptitle("Receptive field of two stacked 3×3 convolutions", fontsize=13)
plt.show()

# %% [markdown]
# Two things to read off the figure.
#
# - **The field is counted in input pixels.** Relative to the layer just below, the second
#   convolution still sees only 3×3 values; relative to the image it sees 5×5. A receptive
#   field is always measured in pixels of the input image, never in units of the previous
#   layer. The library function `cnnlab.receptive_field` reports it that way, column `r`:

# %%
print(cnnlab.receptive_field(two_convs, (1, 7, 7)))

# %% [markdown]
# - **Not all pixels of the field are equal.** The centre pixel reaches the output along
#   more paths than a corner pixel (the numbers in the left panel), so it has more influence.
#   Section 6 follows this up: in deep networks the influence is concentrated in a small
#   central part of the field.
#
# ### Quick check · three layers (1 point)
#
# Add one more layer to the figure above.

# %% tags=["exercise:three_3x3"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("three_3x3", digits=0, unit="pixels", variants="cnnlab-variants/1:eNrtmcfO9EiWWF/lQ60ksDH0boSCQJ+Z9J7MRi/oyaT3RtBzzAPNi4l/VY/KaQalXlT3ojeZCSKYETeCce65jD//r++aKM6a7/71/j6zaf4e/dNX/T363Z++q7PzvppBcArRMEzRMBFFWULTCUVGWYoTOJ7A6beGw9S3w3K3dcopy77Qf/839Cvpu61v1qXqu/nrv83LVKXZF/zfv6Ip+5qXKKmz9F++Hv3+1Ubd+VV1w7p8DdWRNfPX/q1pNX8tZfY1ZUk2LNWWfeVV1qRfff7Vd9nX2lXLt9/fmixlNaVfeRYt6/3fbTT8z3tIZdV9G5CwZdP5lR3LFP04rB9i/KGH7scO9qpL71HE5w//+8MI7l9fWZSUX/Pd7H/8cP3H2+Ysm7/u6Vn2/scr87dLX/i/3B1mx9BEXfQt3rvfOYuaLP1X3mbKzHELbZk/zwbuGRK3Z4cX+MJrNajxZDIIltkyH89WQIjVUgAKeefsAVy2/aEzRpKEnD+45gmCO9hWGa7XD7CCFsWXFjrOATXaQ9/IkHmhHgCHnmRpyt3UWJ3osuMW4KgbP1OItDE3TImzkIwSsjGfSCrEGvI64p1ib9+iP69VZBDgS3l4U/CKkzcPi4/4mCw37VQOK4oeeww2+gHApccxg9JEZ6vriiTBmunWfORJHbrYAyfxF8Kp/iH0+kbYg85eWN3dc9NW94rX2fzdv/75z99lSZLENE3RWIQlcZSmCYzFOYQhEEwhVAbd7f86ewG1nycQ0myOWcxrUMvdHtJhDl9oWLxnVFrrU6WS11S1+MXPFKo4D/3zSCf0dAcZRkG0NuCHg6QhWIeNV2Tl9MEfLzHKn8NHmyY9AMwxAAfqlC/7fNk27epwGWF5+lxlOevotuKctUMW1i4mK+Nfbn5KKHLqnRJTC9m3oN0ccUB8lmSmJQ4oCtcoFjmyl+cp4s7Uk4frJA6tCY+l/O4vf/rzd3GEUUQeJxSGECiWY3GUoXR6B0/gKEEk+U+hpxx0OFe16TyLj9CDATti3sx3uZZOIMPLGZzm0G7263DYjo0t0JO10+mK8c15UXOEZZBu5kO4OlKBiVRF6THkJiPiehQiXLqnoWN2loTTOYy34fzCCcPQ54fuJsAwoJcJhjAngCqDP89ds1Lad2P7/dRsOkz2a+bcDTO3gnquXfpDWElKRBSapzhF4/m3uMicoFGcpLAYRSgS/ymsvZeY9g2KQmHPrRZgH7Xwjksn5Odg6pyxkuJuAk/2ygTLMkqlEyZy7AQC3ipbz3qaFievUqLZHgsbHeu38MZiIxsVHxMB2n23T/mF29nYnPPwquCPT7uP6KEuLGFA2YGjVycu+Bi/zTezBMn1qct+11DFeK4Nj63ohmB2hugZQroXFBuyoZIV3nS8glIOCQFelr2pVI8fQoLlNVnZA57589WXQwQm7amTuyuTEBzS4s6DDv3kvPpo9++//+4vf/nff/p/Qxb/v5BF8JzM0RxJUipKUBSicBhOySyH6ZhCIgj7LWTxf/83/B8Qsj8M67+A7Dd0/nUE/yVl8d9Qlv5PKfuQP/xLIDOMdf1LexXRQi0Jj7B2OwUeUNtsRNcNdl6E0jSZ8tAUZOMSDRyiJ2DEThCPJIKKC4E1cZwV8MtjDZ1fVopCuW7vG6AiYBVEJHroVTuH1nEGPV4zqeQKjRbkwmfq+h9aOcV50kY9USblPRtM/WI1aLn41ySV7bjtQsOxIOR/GNEmxBqDZulZ7EPOc07aSYpjBpylhJvb91YKFs1oC/kbzILl1AfS77sUl5EwGCKBogWd7xHqKt0tdp6UiHU9QAxugtYXpJfu97+mbYxRGU4hOEQm+TfiJHGa5ElyT1Z653Mq+2lv9qaJbZrTn2cKyc3r8MADm9FBXibzWmPLfA+VpWBvelPp6SwWxHT1w8KD7HNRK+XVRS3WaGnFltKuK5EWIsubYiYedrt798jxA8U8QV007gO86wrw660+nvKFnjqVD+YnrYfZT2WXTjIxYa5NZ0Z5UkhsLSnX9d647pGK2ZQDKuNniAykRlSK0D3RU5ShFjZkR4ofB0RCofAhgfcPWLoZdOMHoSECjfMMzuMMjqGUxOk7A6E48bPQA6OV6kAeSqTX3LONloQ0RxJgsnAq8TZM69Tb3QdU5ruj8KnqqGp8HHcKzERgPmFILKJQ8DBrCQqnfdtRpjhctwgfYHtty3N6sz2+4r2bLje9kLE4yNjK9M9Fi1dZGjaOASmDDwaj56RgpXbnkcmT9+co4v3LxsJsI0Qms4wulH4IiyZxKI4I7F5YIoXhnExoGI1yiqSilIBw9KewrJnepmhQslFdrNdbumTuQm/YKyRlRTUwo0yML4FjVx3hk8X1fD4g9wPcufuDjkDFqgzk+FYfz1sjnxHKvhOT4UwK+BhFyYOZOPK1CjTjoNOWf8JtSEslthWqXNxDUd/SeWx0DKvs3Gxw8XTwgYGNUR4ZzEnyp2JoksUgC93O9WBSp8Q6QX6K1SB1Lz/2IkllFiFBdFlLF1+TdzChV/yS/LWMoZh6WPYjYhkYb03lfh7TMCul0nCw4j+jLfIrpY2xLMFohMqRNIUSOCJRNPuWqVIsgtGc/AVtbwr9wUI7Z3df/6BGu6f9rGt84lRgQTF+o+7RcVpOmsma9HkTc1bNwJA5UqCcaULUb5JRjBd63wMoRbpYXEPtacc48728M7GXb+PD5TnmT1Trok9q6I8Y7LPZMPnnZUUskDqT1AUv82rWSMV8IKb4rcSv3C8P1s7Td9kPLdvonIYL/qpByIzvFl0d9AQ7JxIs4vMxJihp0oHCKvKLn/O7lDkOnbTsQZih/mVB59BMtMxlPni2pGox9ilZE0qswbMdX6U/DhlcGBrYg8PwG7ZCZApDOR6jEUnnBETAEZFSMHUXSRSUxD8DjOuhSmfaDG9FkXfSHW7Vgn+1cETBXDY63Zi0JpyKhQqLOkWrNSepqJUJwDPveboMpwiofaBMevXyqzZYY+fQxHhRGY8QS3QCOigWpeG2w4oQG6OlR26RXaDjKfAkZcrxB6tFbUISk4k/HW1qjCJ+66s0hrirlm3qSxsrDZ+dngkCMS+w0xNTc3vaoxcev97Xrpn8a8NC5vsfAPT7Bd692Yuss81sT4kbWWUz/TV6P/9D4OURslPw9boqBEOtFFtenfM6g/e8cweRMVlTs3z/cB/uS6HCUajFSnEAl3afYXiU2rjpnr6XnI6tp4wK7TDKg/U5ClnIs1csvIkHjZz+HbaMBZyAPXQnlyKQh21K0ISKBkGqXnh2fwfE8k+L/RstFvmlxWIZhtBYBkUISdAwCWUwEt31ThzjcZZEOfRrrv7BDvu7ufr3kNhSw+Vma2oCXXl/nwVUd9gMTQIv/DQUmQ/xFT+fbo/5Cce5/pnIL5m/Pu9BAGl9t7sVfGoJvFO7WVqP6rFJj9we9hVvcx59VeF+36sf+GXBjtW9mk/nOlikRji85P2blOdoM/ir4YNLQutQ6x3SmopjK+YKr9mXoHT+5wUCz+DNswB0mok8Jm69Gp1U8SkzODx6JNcaRb3fdo915VvjoyVqz7bC8IEWX6eTUMZvYWbD8OWIAUnNWBonwid1qtNeWu3XYIURMiFjAkZpGiJxEiMjGsMiKEcTOsKI6Gdb0QWV0JP1aVWjokRaEfGCaGTNa++LEaRuIhoBjhOOVgYtaD3ErYNoz3TGhLeNRxyW3v4IehstBSNktwmtSLG/zuRuyh8bjiDM/qyBZnCiah1lomk7KgEAk1aVsmiSkC/6aqDkG53AbHvRNYOIdsviB6zAeDOdGxnA1aVRiCEr1EDcvSaNN8i+sHJVrRgY79uwopFx0D+EH8FKpWhCYVCexwSeIGQE43hO33spxmLqFtefgTUCVJIo+jvj8vW0HrM/FXT8SJI2yIXc8xTcbNaWvTNmpqshsYObaNEI15wbj57lEp/i+NlzDY4tqeCJ8t4MLwXTs903Uxtd+/c5s5P23BAkKPPzBSV4xOGQdeddnV7fURiJjxfyYnu+5mapCQR7NxOBySoEPtlJxw+F/WyU2SdJ809h/RuFFfulsP7/gFXs1+mPNtb87nMp/zGNtVi+gZWuwWB9mibLfojMzc6Xyj8/yKwQy/u0LeX4EDMfSwJyybJgTsqDKrwRS1G7k7HBfJ9MCTJOo7V250xWThfZe07b1Xu1uBEJwA60r8Fi2rTrIh68HpIy9GWiusPpkLvBTSV7gUINFSouRe8Nsu7abwRbcRF0hGwjXVYFda94MzJTWVIebFLIaGdmxeFxj3d2bdtrQHyABfwcjUntTUHZx8WOUnLxucdcjF4Qi48Ajr0+AJ4ESZp8tPfLElNeFYGNQxeMVVPy/DVk6TSPUyJDUIwmkxRBEiSikzyj4PuJSmkK/mlbOnjUcwEWI6PfQWg8iB8g/Vg+RrzxzCB6zmTicb52oZSNq1/Mh6N+HghLvKBC8M7MswD6tfqxhvZy/ESC3G6MFHmsmxQTIDNo/Gj7zGe9DGYm1dGU7/lzGTWMEzQU48waJmCm9QmkSJf3VZMS082C1l4ERp98JnxKyICt2b1EHU9HtS8sHWM77bgKzOJFq1SnbujggWdZGtcpLWpODGMb8/2PwE1IhCaJBL3xBMc5jGFwHGN0lmI5HKUx9jMyKfJnh1B44pW3G9iMNHdTxX1qYT/1FA5Hao4uLVzahuktdqIgHmpwV9H6t4Bq16quTKM6Bdi7T4MSsO46ro91dbgu0wwFV8GF4paeohxQP7N5HnXFhpnTmgKXQlzirRXsFgtJLqG6HD7YVHEd0DK2swoTV4iuKOf8I84jeKPybf+nyf6NJov90mRx6l7/OCMjKkYwCIUwLIdgCMchlMgpOMd+A9w/WGV/N3D/Hipr9S43MosSTyI+0mJ7ISuTOTxdqCrAE/qTe/f68yCe7o5iEo4Sz5G++sleijRU16hPaxRyBiBmvCLUqo8V87mngGpaIOE5Nw3KlLTWQql1oqY9nqBBCrOmCgWn8GsdosOxBWt9QoYyjRj8nHh9mOhMss4Bwe+pty5F7uGZu7siGW+c225v0M2SjtN+Wij1aIRirDiZg6BpPvfIJgxQqUstHxwOiMCV6UTCX7TpRbB+yoEv9vnclHUvlNOI8w7jPrmGzKY8uCHVFtOkFvXQ/+adbEZC+bcCOiepLEZiPKUjOIqhBCIRLCaRnx0DcU84r2Ca/vQ9Ca68WsAAzHw7e/20zxkXgmujpDEbnXfKnZFFt8J2bw9w0smM7syFJpjWE3O4aXlC4Wr1dth3MX40DFj9ne89tz68EewRNRRGb07AeecR/gQ0FoV6E6JudKobUu9jFHXb0Seq4254dHSVV48R7TRGAq7Sm9ifcu26FOrHExSMr7w2AibnbgSZQt03sd1+nv0V3HJqBp5g/pW8NIlCGXVjlkjoLKLvPQYRBE1n95OfZFD6M/ICJZCSpAEtippkhU2sYa9ge1JSAN0VUuhr3DarCcGlAw37YKy40GMVe2RYwuD1caKIpq0sjK4iZUFoJdLh1uFz0akxkSNtj0prNWk/1UHkDegJ3U/n55GORg+8Nl4LNHNxgg9MHVS21G9NpNZQk00w7oWOJ8vOiqIYxeWJan3P+afq/o2qi/9SdemYJNBbQygIJ8kswmMoSiIUxvI4odMEzn9B3m+M/KNVt8r/UU23sdeFzc7ISIa9WbU4YxcwpoA0QwkhMxzrA65l0L/2FzJD/mo8WBKpXL1nVH3aTptlZrV2jqlnWMsZVGhVWjkM9RQ7rxEajWA+8oZDP4ELjDnIvvrzQer1qM17JOLOYXSJfYny+fYW/zEaDx+mESiiXc8Za71EzKmJuUcgDZmG98jinI2Yv56ffNRGl1ag6elkI+R9spPotKO3k3ftqIYYDPadSTwGPlZ+UZIjjkDJgXZIiBnLzFzprPDb1wzO36gg3Zr45Va2Wo3pXgjaI1zHVAX+Xudh1LfzsOPbeZgs+U2J4ar9OFz9rsub/RWQ8YIeL42TqZRrwGbrsujcvPBh8CSkLjbOP+gC0zJLto5EFXEWygGGBgkd69t9EZfQGHRpIuHy0wMO6QzEBqYwghoMevGaDCvUUNeYgYgQ5TLPc/oItcdU3aX1DpT8yN9bejE0oVKKopLsriSjDE5iLKdyPEUoGqF+moZVQKna2PFZ0rx9ddSryI6SjlL18ex7KNipZ/kOPbIeQ2mZdQGqaYtI94zPXJPyTIL3jhN6M2IcVW/LGZeH9w6VRXmjqukNwuewrTjXZ4etCdgVSnxMjJgatcITEUnwTXtWPogLvBHRR42NnOuEcpRJ5ibw89kAnTjUtZTWI9D0xz/N9280X/yX5puQMYVBSQSTNJ3fskulBEwSeU7HNIzfX7/h7x9tvr+Tv38P8T27LKueOcsx8HSyi5cBPYabSJyDSydOGn68VDv2KhHIy22ae8js93bTxg5uaOeuBJ8uxbdS5puktVfNfDafJ21n/GfrA/IFBLvfOZAZfXY/PyVmz2MedbOsDbct8nB0DItlitEHewhNhtfLzmONWMB5mdHyU8/E/vLApJqJl/UkmRVRnl6W8n7HCOewHNQrBC67PZLcp+0IZnSIk9LAdZcSeETToFIgxa+JpCu+S0inahuPyMC49j0mH+xxV0eZSlooLj1Vv+JK/d7Kx7o7nPZ6wo9fA/j3v+R8g88L2JOhGq5r0N5TqNTfsPUfLzkfNCOCjRu5mG48ZQVqlkMkOruE++v+CMfeN7YplwWbtZnn6k24vkS9BsKYq/kw1b+gnnGY2EBrq+i2EOpRHaFBj33Bxp3BojBiJWwUPPU6JOqBSvXZenPI5P6+vvKJo5vcLHXa61PvFO8NtyuU1irUbem15rB3dfNyOHVW5Um8Gk9YPTZIj8Zvfb6b/3qIhhB0SmAZnqQZBRFpTqS3BFN3ZkoQAqJ+VgMEW5IJXiG1H+Gt+kSohw8BuWr/Aw86j+YWxfeAF2tGxmpmPfNSbOg5XyAVI53vgHKWrQCDbpOQR3LXGP0rqD48pBf5UhgBwEnDdtcElx4e4noDvXj2GvIOJ871Lw8NPm6sr2uy1cxkKIjIomNK9ak860FFFULx1upa4yAvriqAo/8pwL9LgP/yfwDv0lev")

# %% [markdown]
# ## 2 · The recurrence: size $r$, jump $j$ and start
#
# Stride makes the picture less obvious: after a stride-2 layer, neighbouring units are
# **two** input pixels apart, so one more 3×3 layer on top widens the field by 2·2 pixels,
# not 2. Araujo, Norris & Sim (Distill, 2019) track three numbers per layer $l$ with kernel
# $k_l$, stride $s_l$ and padding $p_l$ (per side):
#
# $$r_l = r_{l-1} + (k_l - 1)\,j_{l-1}, \qquad j_l = j_{l-1}\,s_l, \qquad
#   \text{start}_l = \text{start}_{l-1} + \Big(\tfrac{k_l - 1}{2} - p_l\Big)\,j_{l-1},$$
#
# starting from the image itself: $r_0 = 1$, $j_0 = 1$, $\text{start}_0 = 0$. The **jump**
# $j$ is how many input pixels apart two neighbouring units of layer $l$ are; **start** is
# the centre of the first (top-left) unit's field, in input pixel coordinates. Unrolled, the
# size is
#
# $$r_L = 1 + \sum_{l=1}^{L} (k_l - 1) \prod_{i=1}^{l-1} s_i .$$
#
# Read $r$ as the field's **extent**: the width of the block of input pixels from the first
# one a unit can depend on to the last. When a stride is larger than the kernel, or a kernel
# is dilated, the field has holes: some pixels inside that block never reach the unit.
#
# This is the core of `cnnlab.receptive` (a kernel of size $k$ with dilation $d$ spans
# $d(k-1)+1$ pixels, and the recurrence uses that span as $k$):

# %%
cnnlab.show_source(cnnlab.receptive.Field.through)

# %% [markdown]
# Let us run the recurrence on a small stack: two 3×3 convolutions, a 2×2 max pool with
# stride 2, two more 3×3 convolutions. The cell below builds the network, asks the library for
# its table, and prints each step of the recurrence with the library's numbers.

# %%
spec = [("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2), ("conv", 3, 1), ("conv", 3, 1)]


def build(spec):
    """An nn.Sequential from (kind, kernel, stride); one channel is enough for the field."""
    return nn.Sequential(*[nn.Conv2d(1, 1, k, s, padding=(k - 1) // 2) if kind == "conv"
                           else nn.MaxPool2d(k, s) for kind, k, s in spec])


fields = cnnlab.receptive_field(build(spec), (1, 32, 32))
print(fields)
print()
kind_name = {"conv": "conv", "pool": "max pool"}
r, j = 1, 1
for (kind, k, s), row in zip(spec, fields):
    print(f"{kind_name[kind]} {k}×{k}, stride {s}:  r = {r} + ({k} − 1)·{j} = {row.r},   j = {j}·{s} = {row.jump}")
    r, j = row.r, row.jump

# %% [markdown]
# It is often said that pooling "enlarges the receptive field". It does, but look at *how*: the
# pool itself adds only $(2-1)\cdot 1 = 1$ pixel. Its real effect is on the jump, which it
# doubles, so that each later 3×3 convolution adds 4 pixels instead of 2. Downsampling early
# multiplies everything that comes after it.
#
# **Padding does not change the size of the field**, only where it sits: with padding 1 the
# first unit's field is centred on pixel 0 and hangs one pixel over the border (into the
# zeros); without padding it is centred on pixel 1.

# %%
for padding in (0, 1):
    row = cnnlab.receptive_field(nn.Conv2d(1, 1, 3, padding=padding), (1, 8, 8)).final
    print(f"3×3 conv, padding {padding}: r = {row.r}, start = {row.start:g}, output {row.output_size}×{row.output_size}")

# %% [markdown]
# ### Quick check · a small LeNet-like stack (2 points)

# %% tags=["exercise:stack_rf"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
numeric("stack_rf", digits=0, unit="pixels", variants="cnnlab-variants/1:eNrtm8nu/Nh131/lh145YMOcJwFCwHkqFofiLHjBsTiTxZk0sg2yDLLRo3hvvYmfJOyO7G5DltK2nIWi/6YAFkmQ59S5n/v9nnvrN3//XRsnefvdr74rqmlefo1//zUOQ/tr5PuvNr6P0e++/67Jzx/OoymZFlBMxFkOYRhO4zBGofcXVJ7jcJzdF47T0I3LfS3z1efLPkzNVzyObZXP339V/ddSVvPXMGX59Kuv+Av/3W/xr3Tot6Fdl2rov/5mXqYqy7/g//L9fRr53W+Rry4+fnydfzmH/HgO/d1v0f/ArV9xn/3pu//2Sx72r/2Hg/tVlzL/mvI0H5dqy7+KKm+zr6H4Gvr8a1iXcV2+1r5afgyt6n84HKsjb+f/emeirPof8qDl+fh1J+KrX7skn+40TD++RP39VzIs5de8xNNS9e+vePmC//ZLHKavPE7LO/XnD0mavv7pv//P+xP4+pvm65/+x/+63/Af/+G+936x/qv+8WT9j/8w/+39wPwY27iPf4jnfu6cx22e/WoDcdDBGlbAoEU4dsv3COwQGF/yqkSzu1Y/7C3irys4tktE2gkhwU8sSe30oOuQC66+2NA2JD448eDlHeSEt/nq3+qH0bCgneDJkrnOUq3Km9z6Ej4dq8h6BK8Xtx9TOMoVSsZOUrhzUxUw6r81SWV1xHltXW7rVP8YlPFMiPTpCu7+6kzONV/UIL4lxrOEmW6Adt1//es7tq6689Tk83e/+s1vvovJHEXgBMpjmCpoGM9htEixnKQQCsZRBLmv/330kycwPSfITLRWhKEDGWANB4psqfNAZ3yuPM1qF8wDrYFX+t2IOM4laAD0SM2hGUVPvXlxXyFHSYR9IfPzpNAYfB82goX4XuFns37KaggwmhjdDMaBY8OSx4HHvd91tpZpXaSDqb2GqGpIIISsmiciBTrIJXHRml82B5qHI/HpYYtErUY77h+n8T2FUCN1UatqGL2HRSrL4uZELMJBd0JpM+GCqnAxiRvJ9n6D5iyJxkuEIrdPYO27v/v+N9/leZLQcYolOAUhKIVjd66yBEMRkiLTPI1/Ss8jLT9uy0lD3bv266W8glNsdbNVA5irRm6tgYETQF56cuVaeMTO+QhjOSRWvIfCN5/wpz9zNR5kAmdUoRgflHYphsZwKjlZU6R1aBU0j09KUg94IziyhjXaerv+eGmt7eyimKLGAT2fnhf1JqykV3eFl1cmoTfBeqfGvAsMwZV8aiQCAoa5C+GH8CgYRmMooUi4gDMagkgCgjMsxVEax3M8hX4K78l+EoLWYB1ggargTBdorZRNUovbgbzOkMp5y6WsSNSQgSDdCY+EGRVEtUjyMCn/jfAE0Pks43Wy5ftP24MtnFA7vhxOwllUIZAGWXqAQdGPJpP4jQzhAaLGRomR+JA24XFpGwoq2VnuT3J6AJbVds9IcKfpo71qECR5SRsySd2QJ9U2TZF6+gV8UjlhNp6LZm5gAut4QEEiQqhCqaSvZjwjAsRWMQ0mBk0tep0+9Engy9RrCxNbjg+N/ti0TqBZcJkcQQx3yv7uv33/fyM8/i+Ev0u5IGCcojKawGmUpiisSDAaSWIUppA4+Ysh/J948P9nhOf6oRZPcMuEHbe7pRG5jkfgU0hINWPLAGkiJ8XMVDJiSmCNZK63kPXO1JqF2FQnioO3aiblAivfOE5HXP45YGYrDGFGUOllm49eF32/FcTDsUwI6vH7kzZenp8oat1nXrydVCQoLJzJl8cnPBupbqEE/TkD2sI3S2Jpe/vsjew4JqKrC6N5Se7ipIZEnFQGIWHI/CHhcQIt7iLOUZqm0RSnyKJIqYQscrQocuzHMvx99MxekbFixL2ldCvnueuRX6JrUFuEnGcdphO5j0d5PRXyg7TIonovH+AHF9+HTGclVa3VIdDgl7A6Z54YlyAfbrJSKH/isP1ZzbWTVB3o5xC05hys48Qwx0Bn8FRjPklqrCdcpYDWrhAB8hoAI/2uy28dX6KnOOZC1zy6l/uBUTgaHu5bET2fbefRbp6cGDgXpwlWzwE7q0WQg2D83oz+IlAVgm6j0nKQ7p2bVsKcs0W7lkZ1O4bLjwhMCYwikQzHKBhJkRzLMThJkSzOc5RI7qT+lB5tT2FoNd46GVyMXKRGv+NpLxsuvcZtwXXRRF20Z5q1WanpPQSCIpUQWZp7lmg0iTq6DAA1LsV9hj95Sm1Nf1h0eoUfEIRPwNOtvAtVJIAJJJSstj6SWdq5ZxuGNcHdTugMj6kJfMhRVDFwhzvDo5HQuffa3UwAKSuILscU6xxOUQ9c+Z8JT2N5ipIIfE9dUBJDSHwXQIJk0J1H+pac6U/h4V7eF5iFKpEpbXrqxlgbO/nmKGfnvEmbeRhQVGW9T9sY3SDX/k421uT3jY/zFbU/VtkqMoZIxI7Nj5YCCXusTDt6p6K7tWFNH6JS1FEOn57qKxnQCuOY0F1R6OrW9GqC5ldVTji64NfqcIjVcmWD9ZLhJWifb4TJGUIdzhkaisVFv4FUq54CP9SyjYkToHOqmuLB/jrkKEas7sFQFWu/xdqwhB3VZ5umpQwsVval7nOrSGTv6sKC0rrHv1m5y9LLPnX4wP404dE/0PBkUmAJkdN0fGeUIu8pk0hxAk9SAoegHKb/kwn/I8X/Y4T/Y7f+1Wn40R0Bni6jJ8PEJwsuY0+Qw8v4SEtu8jd5FfAlFTRIK1UVH81DveVffkCDZNC8WlRSZTW8grYCOnblY89I9L260pEEuVKjgbm6zIOon2ccKiqZTmH9tJEDdvahWvgVHMEXdX2ycxLeTz9ZX3ujLqSu2p582W8pWed6mF08YHjuTWTBGl5U+uj9o0oSp9xipJQ+8Kn31jfCfyP8zwkfF3gCp3gaw1iCElRcUAiWptmNJYyiIQz+KbwKNrfZGNsFBbd+t6F4CLjXpDU2YeJbUhdDjXclEJMdr1AmRqZn+Kag6WlMjcOriJ9mRcWogYgzsPS4RoVbJ+7lhJ0jjND+evJApW18A1Hv5gMUo2mNqN7lfaashXlVIwwMzeZ0kbSfFfgYXCkRx4yNiCK10dFZjqLYZv4YVqau4o35aHECgFDZdkALtzw3lgETOH1OQZfhzVA+N4kStz5KVPTAHpPR4naAKKvj1yFdO1D0ua2XUZfBJ0WFT2JfSUbrGGzqv4zwP2n4HL1hlxdYjBV5muFU8kOvhs7o2wMmFEoWfzGE/+vR8NohI6Nme0byvramWnPAwsz37j3GcxIFMaaWzU6oQoPd7NrYbUff+RE9TEnLkHnMiSiPDBq+qwbfOihbZZMV3HMKXEujhBfjVeSnfes8AGzNwyAVH9fDFXT32xR3OygDYwRhQtDE+CazpIxVm9qVHua/VWtKQjbGh0MKCTKuqDeG9swC+DwifUxThSvGWdZURjt1ef8h4X95G0Kbn5QrrktbJ45dy2uCcNE1F+cLEVWU3jbOSmAPkF5GpVDPloCY/uNZL3kvrCH3JlX+9F1UaFg00kLOFDO3aVoCtCCc5WQUvLd5RsxeIdmRMg+MkNb9/JRua/Ereosrhh1Zoze2g/b8l1q772ig4JdH2m3NedMu9qHkuQAmQ4RE9YrDOxCPuoYqI1NLS5+k8imLPfVVjhzQmPPO3mgVG+UEpeteWtnETol8VVW5A+2MaCRZNR9n8iMCsRTLUByNMxIvEoLIYijBiZu5BZ0iNA1TP6WnkU2c7toJPIyIhnuEIrw5d/z3PPQfoSv46oCQetLSKRjERI1UWrRGW3ngvXV67uLdAk9/ru5Ti/fENPG3AmzC1vfyulXNZAWHLM4liYZk2wX2uAIBXq45kuPYWAiHW3yyinNA6KJyZhy3RHf4qHs6ta72fUqdx8G5agEvcYUGbOzmMbz/nvBkhpFIQcLEPcMjUIwUdEymEFGgBEonMPmz+Z32tFaGVKsjzUeMrIFsFlItVFmFtaMKIAN/wsFwcJJndsPLYjXSml0JhF3BqcEApJenK6uAPQ6rTCTEWspPywbH/MHDe+yInTGy3j4TMIepqpau3OYVY6rUZUejVkZsw0lIFiHu9zOlcJ17MDBa+sjc0SYN8tqeHN1zKLsjabpeUs21PX0n6JKrijSyHjfLGiDoJmjfzPBKHphyrATg+0PTgZTEaK1tlHGIPliJeGEjNO3x27AfviJuAs31PrhusQ8D4uX+24RH/2gfPk/IvIBv0XFLggxCIZzI0AxD0DyhSCz+sQX27yL8f7DV8q0P/8sJv8BpbfDdzJiLZ7+yAJANG/zAwW0AI0fWzVJTH+q6aJoK3shQgTIOuAVysf2lQEKsbza1AkCPsWyVlMYQJDzjoS2aHdG8o7BpZI3Pyxn/+rBeuB36h8rTXRGST100SHOFuiWxhC8Dmy1majOxzYHVFK5yaTtUXG+7uYaNuSKLT9nRAj2BnrQea7g/IZGy1oHE7H9A97TAkKSIY7JA6BylCgzNSCJFituw40SM0D+N7xiUwOcl9rc+hXnIIjDwqFxsW3PWmQ0RpuFuVknajDWNZNscSzm2YZcmdsOVPY9lIKVqY3MskmKuFy9JZ9Y3+lgSAEEfRLYaSwQrflA6U94PjocB6UtTlol1r5h9hB/7OcVvDtYv6KHunbnfgjvjncGTxgMII3JmLbJN9jCkRPKFQWWElPEAVR1lFbBxKWX76cIa6U28FJ5CgBD5BsiXcUXx0V7NGFpaiQ1ZdvEiUAPh7cZb6uWnP+Lvl9sbljGWeKiOjwWV68WcvbVuDpRPECbhPQpnmsfn7zcSPRK+QaXlGdTaxI/DsYfZk6ueZK1SVtpyMR0gamEgT/dYlNxRoC5tQz/4NPTLNmnk0EB3UMHeVNQNdlRhTozGCE2QQ/ozfZsecs+zsj013FAv2qDQHv8U50BEsax7CcTpRxIe41Dyz3QvEgi+/UlOoxl0OxQUuoO8BSdO3FyibuvyU3jnaU2Ter+vjF7vjsfeS70M1laJHFrCD0sSAaHeg7jOpe0p0dqnAt/y3llZ2peqYIiyAl9WM0IGBkpLFPYYtfO8R63T7ttygeEmAcbimCAfd65hBDDFVXcJciIT9J0ekrmHDaS48B7lhjnA3VO2lFiDb8Nhzze/HybAUe1Ck4w3xh6JWcKsDrrOyUZsqFVJ6iQ1iMobY9cusDoQYvmoyM+a65MRpUbbeVGomG4KHsISD/fl7pLaavDW6sfvyzNn5OBMHG/nX0b3n/Q7maHkD8LprhgEwQsSzzM6vSsIzWAooyH0L4bufz36HUhkHRCgW3Ba+8ZH5C009RGfLEUtWcNsOw8czrOc2A4cslQDlqprRTa2bISFZDa2hystBXBfuvIaGJMdjiK9FT5TbzszI0H4fEVeFfXNE6l97cHN9OUgzurFpbReKnm2/AUv6vP0hNvqkyNVqWPjKncSEJl5Jp4BaNXlqg8AWUDTFIXS0DLJwV7mc3IzJQ29E/u2wvpthfVnK6zfujN/dncG/aP99zilaCSj4pyCyXvOLJIMpW8jWMQEniFISvwn0/1b//3Pp3vnvDAjcBa4IxlOmo/mh3YaeL7dgONE1yf2+EMVwJoWwysAUCkSyVj1bIowLo3fvdvYww6d94iTTR4ggzArnbr1GbgjgjO93O7yXNuVfdLOXkIfNpKKwwQ+b7h8gdetOAsh8SQTTxlI8333SuNzA1e56sHbMCdl9UDHM+HjjIeLV76eNvoZ3B2AY/6dv66C8FRE+Ub3b3T/Gd0T/PZqMUHd4hJNCooiEwKiCBzL8ZyEIOJn2n1wPhGIqourn7jUkeLInhM5ittD1iYbJew0edQSny4vmZY1SKTqbKAp8UWQCgRxiLGKejwzw/U6h2etv0IQT64ODPxgs9aKDcPO0DPYJLYDXEbvjOg98gWiFkM3IJl3p789nsiEiHdl3GZfMfZ5nJ2pmgGiQ2LACf45jG3IxQ8x0ER3sodu91HlgtoHnqpZujfY7akBHKVtuek9unNciGBzb+wLmzsAxDcHz4OCCNogozIVn+Dw4AXjextbJnWppv46AcZmfhndf9LutxeGUyKjcwzKYAKCqDhDURxPsAyDUyzL/mLo/tej3TekJ8K12wv09ZnB/pkGR8wh9BQVU2xbzUXSvtwNvA7zorvsz8K25JeB1NVcwLrv5Jl1eKPevaWpNKmDEESbKzyyh8lSfYIRdfvS7RqJtzzzD/guydD2m2DBsxnUli27HiNDdHNSOA2t8M+2X4PAPvLl0aTJwK/PxYkYujoPehWd6jNrfLO12oAixi0eJl4cejn8trL6bWX1ZyurJEKROAajCZJSBJYSeR6T1E2gAs8JmCbyn8KTZV4rd3xmJpUH3/HFuOGq3WMRZl+vVEaaMFLe0LRANZoQCcozbYifIg/Ed+Ei+yX40+hs8ekN5MEykB0Q7ihHahMY3uTqSLcjL7OcDa+pAsxqh2hGa3tGSpBBnQTjAuJNQPZKNKgIaO6z6dIPbr3DnWT4hH19EMMb1noGGnD1nGaA4qJlFQGcRVk4X+lYRONQiNsyZOTwFA7cEB9KKQg5m5UZzKlHKWLwba0rb60UwG2Yk2RDzyRkt7PfUMxMTFx/IMQdmn+b7uQf7bvHMI2nBEHR6Q9TJ51RKVX8sG2GppMMhzDs30t38ne/Jb/13f+f0j30FYhF7LusltCCXeUiscrXEgOf59fmRum+4SrIpzumm42gaE9NdWV6FLLpJfXGYEJk14HYs8oL9RO/rpWoDblRMsafijxFHG1bLZjEomEnADkS0m7aOF4uzsoS+B13FhdIAzJyMfPtREF9fMbQXzX0HszkUMvpCNA7mW6QUmRJZOz50GhZoVOaxyv3uCwieQyh57e9M98I/68In8Q4TeZpQpIQRmQIScAFjMMIEpPp/RX8M3sicuBaNC/J1LwHljd7CrWz01sL8X4XG4Zgk3h4qSQ6zEMijwXG+cZBZ/FwqXkBz6fMriVDk7bqijToIp3T6FMr2WQVO+a57QR/RmlCvPjX/qm7J9xIDecl5AAZh51c8kRHPNW5D0jDVZlK5iOu1mt4666xma2gtSEzP7ZRypyX5m6pVHpr7NLYZc+LieKWFYMuShPzo/woT2GUPARjk3CoS2iT5DNbNskvhf2tjnljKdvwUiRDQO3COt7nm3y8abCsPwmoBNYvI/zP9r/jZE6nGYGncRoTEEFgBIoSUEzCt22KiewvhvB/Pfp9N0fCK11rjlgMp+zlWmSHecKJYxsxTaKPWcpsJU4/SMocT43GEn7hrrWHqWXEXZzG5AoiBsRXZUyAx/O9tDClqJjbkqIAqR2hT5Uqsf49HjQFfdeBT34M7ZKqQg9UKcDOFxZHTXV53AwqoO89N29r8EsOCuwc+xnC2YxiXI2GieDWP59WqWcwbBWTzxvKAiyvmN77t70z3/bO/HzvTAxhSHYHn0FFikEwSdxgpxIsRzIYL9DiZ2vr6Gr1luWSlU/MH9NBT71LnRrTPyGUQiOjbWrSLrxBFoHziaznxHgGiONCibxzSB4FhcGbxiiW26/igJCIFw+vb07HiHmAg2t/0C0DqwEvbfu6k6VIyBTMY4WzA2jMOBpKSOKsAJTs8gjs5JQShq4WTZjkLovFkZrFbkUvNqvvYrtxsbBaqZtVWUguSR2NtxtZdS+076UM6vesULbNzZZg3uBB8hXOqKX00dN+wg7g9t5cKh08aAsw0G1S1x8aknxH8WWu4Z8m/B/23+mMhGOYQpFbIWR5TBUIEdMQimZYAiUQhv8nE/5b//3PJ3xJjojbm8+TGh9dpTaTrE3LI7aqtXm96GKe4TTTIrglPhryBB4ZMc2firryXRZFF5Jeu8HlH24OhMceh1yMWf01cw0tch301NjV9Ar2CW5O2hNKOOBN92RZrEkmjdHlkOMZLuCnZOYlRQyBaO1lPL/hs5aI7BQnyeHcA8FE4SisWLyrWC/szOgY4soCLjUPtI+Gw/m2O/Ib4f8V4b/9w+nP/ocT+Ud78AlNk2mWUziFEHBOF1AGwzF1+2UMQqD/k9y/DML/9Wh4/AzN9X1G8PSQb7/9JNKa8jqIp0brygu9eTszb7LhEejbaWziB9Lb52pOhtO8zsl88+B7VU0Seoa1qxOYGr7KZggrqw9yQtTH3cYOqC1wvd0h9QV5aebJPc1btWBIbasjL015TOLCVFpt9JRjbTSbncPIX+JLfzdlu1VaSQ2mclaEifHVc48XU219XN8hR22eMdsD/8Z/WH95G+LB7DVkVA+WnCAG0QhZYlpNDiIzze39sfWYaAqzqyXv7ZEY0dJ5K+PcQ7rpD6JVK4zvsg+WvvReFORWpvQ59W2AetlcYTd7IA85zk7QI6hfAXfN1XRqTFkGe6HI4pRc3MeOJo2CCbKI81O4PXrfh+IDHOoF3M0clXV+7vIhDBxhcTOCcS8+w54wisiM3ykKNTGbAYjqo/7w2Jkd7SqVEPZxY2VQ9Scymi5tFzAKbmFsrNFu0U1cD//OLYSIY9GDOr4o6Vrf8HRsz34YOmdIX9J6GcKDBXbkdIAz4wjZffrlURyPug+fiU9lTi7CGfQI63vcD4W/JUNFAwdhoRyc7w5tIHAU4IQWT9qF2Uo/w59YnanmJB+cvUHY6heCVwpuUFrRUyGb89KvIkpMGgsrY0s82jDX1wINGHnQn9g1G+6fCU9BEAXFFEQlEI7H9B0YFd+iPsYIiISw7Gdr7Ecvh/S6dk/ivGSrllvEKJvyzSTvmU3FzUuXwNbexP0jLzqFWQJ1yu/2li8fmHFFYp6rQ16LSs9WoKC23vfeCIFkAb6XMAkfpqufB+7mtMK8fGyUgpIse5sL/fbO+fBoiDfl+XUp2ZBDAQQiODg2X5fZhX4aJGcJ4sh6/7INqqc6DBZClgreI39TT+Bdkyq+65yPhkLn6pTSj24n8D5TdQtSxI0HGsXMcjIxJvHpVITlA8zVGHEjA0g7DdX8eJkSsO7UYEnCj4T/u/8NzIpCdw==")

# %% [markdown]
# ### Exercise · Write the recurrence (3 points)
#
# Complete `receptive_field_of(layers)`: `layers` is a list of `(k, s)` pairs — kernel size and
# stride of each layer, convolution or pooling, in order. Return the receptive field size
# $r$ of the last layer, in input pixels, as an `int` (an empty list is the image itself:
# $r = 1$).

# %% tags=["exercise:receptive_field_of"]
def receptive_field_of(layers):
    """Receptive field size r, in input pixels, of the last of a stack of (kernel, stride) layers."""
    # YOUR CODE HERE
    raise NotImplementedError()


# %% tags=["exercise:receptive_field_of"]
alexnet_layers = [(11, 4), (3, 2), (5, 1), (3, 2), (3, 1), (3, 1), (3, 1), (3, 2)]
_ = check_function("receptive_field_of", receptive_field_of, [
    (([(3, 1), (3, 1)],), 5),
    (([(3, 1), (3, 1), (3, 1)],), 7),
    (([(5, 1), (2, 2), (3, 1), (2, 2), (3, 1)],), 20),
    ((alexnet_layers,), 195),
    (([],), 1),
])

# %% [markdown]
# ## 3 · How fast does the field grow with depth?
#
# It is often said that the deeper the network, the larger the field. True, but *how much*
# larger depends on the strides. Compare two stacks of 3×3 convolutions:
# one with stride 1 throughout, one with a 2×2 max pool (stride 2) after every second
# convolution, as in VGG.

# %%
depths = list(range(1, 13))
plain_spec = [("conv", 3, 1)] * 12
pooled_spec = [layer for _ in range(6) for layer in (("conv", 3, 1), ("conv", 3, 1), ("pool", 2, 2))]
growth = {}
for name, stack_spec in [("3×3 convs, stride 1", plain_spec), ("3×3 convs + 2×2 pool every 2", pooled_spec)]:
    table = cnnlab.receptive_field(build(stack_spec), (1, 256, 256))
    growth[name] = [row.r for row in table if row.type == "Conv2d"]   # r after each conv
print(" ".join(f"{d:4d}" for d in depths), "  ← number of 3×3 convs")
for name, sizes in growth.items():
    print(" ".join(f"{r:4d}" for r in sizes), "  r:", name)

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8), constrained_layout=True)
for ax, scale in zip(axes, ["linear", "log"]):
    for (name, sizes), marker in zip(growth.items(), ["o", "s"]):
        ax.plot(depths, sizes, marker=marker, label=name)
    if scale == "log":
        ax.set_yscale("log", base=2)
    ax.set_xlabel("number of 3×3 convolutions")
    ax.set_ylabel("receptive field r (input pixels)")
    ax.grid(alpha=0.3)
axes[0].set_title("linear axis: stride 1 grows by 2 per layer")
axes[1].set_title("log axis (base 2): with pooling, r roughly doubles per block")
axes[0].legend()
plt.show()

# %% [markdown]
# With stride 1 every layer adds $k-1 = 2$ pixels: $r = 2L + 1$, **linear** in depth. With a
# pool every two layers the jump doubles every block, so each block adds about twice as much
# as the one before: **exponential** growth, a straight line on the log axis. That is why
# real networks downsample: to let a unit near the top see the whole image after a few
# dozen layers rather than a few hundred.
#
# ### Quick check · the biggest change (2 points)

# %% tags=["exercise:enlarge_most"]
# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)
choice("enlarge_most", variants="cnnlab-variants/1:eNrtm8kO49iZpV9FiJUNJsxBHA0EGhzEeRDFmYlccJ4HcZBINWrbqGWhNn6U2ttv4icpRthOVzudXRFwdHeVrY0AUVeX/70gz8efB+f7//mhjeKs/fDrD/1H9LvTMKXZ9BH68N2HJtuPgxmUI3mcwRSU5kmO4EgM42mGRUiC5ySa5sfAcRq6cTnG0qc+W57D1Jyq+ZQP63Q6/+4351My9I+hXZdq6OfTs1rK07xMVZqd4NMvptPHE/XLX528skqO41VftNkpKaO+yE5F9cjm01Jmpzaal+Njz6Y/fp2K7DgyZUk2LseoU15lbfo/jlrKqv9UCXtUtC7ZaTrKmE5ZdMw9jJ8K+MP5p9Pv/9e/HJ/A6RfN6ff//K8n+Je//bf6u1P9+Xj923+bf3Wi/1RGFk3tfqr6z6f+0wK7tV2qsa3+WOCxxGNJ8ec1nob8lD2yaT/qXI6KP9f9q6O2bBvbqI8+jTlKnLOozdJfs0Dhhzo6FbgenVNUhJBEo2+Gxu9TOmFdHriLVBFejOJUeTdf8hNvXxZzFlYwYNmU2HiwhsUEGK1H2CrPlzgY0D7lon5nNqcuefYSxTKbSG7NqEAn5pdi05nabgoKuAHtdYKYF/bi1cJ2ypI/VzcJr/gLlr/g82qEN6uO4VZB6FR3+yrCxWh5tBwRqaUSbCA96ORzX8KRHGDiXpfGde87pn+oVhmPtuRyVlsLjlotgzoMeoVHEB5unkugF9cuL42EDVdcBRIPf9Ejm3P3jZCr61Wwho/HXnXVvERNNn/49ffff4DwKM+yjDzHMUxA8DmmIDjLkuOyjCEyzc/H+D/uprrCJZD3ZNIk4yZo0FwpaSdTuds+wVrIzlaiCzOnLYXtCU2MXSRgKcud6RhZ6La+amJvZCsNpztgLWXyKYosKSzXs4lGDU31grhPxx5KbE+faRMdwJsoWW4YuNUDn0l1IzdXDiI9aSYcoVhLZKCGC/x+E18uv19bJDI+/PDd9x+SDIcSHD5uIQgiMwjF8jRBqGNFGXbGszP15+VEUdSG0mX1CD5N9ofn+zU0oTlqe7rfPNqn3TykxHjVARCKvYc6cK+NF4S5c9bLuMJNc0fUmBfrak8shGg4g0yY18LeKo4LpFc+5D4oeFQrsex5Bh0lvwUgvTMYjCTPQMcIcBOzcu4HtdPJkn7cqY5Frp4Q6DWQaeGsXPlIjUTBsxfM5efAoVRGAC1n40dJuF0QC++SXYuvoNHAeC6nAIvDoCmr4c1wrWQUWIt2Ldd7+V4Jka9SsHCWbWngGZsfP28ThaMEgcMJFeFoTsVQRCExnhIonMRYisLon7cpB9ZZXy43Xb08+JJFed19LoKtGuwUO7IGq+UUYYuA7ubmhQU+Mg3gs42Lg0UQ3jszc1dcfsAFUsH3VpS1oiJuvlJd02iub+IVfpHgTW6Ofb8onv6895saIhuvy9dMJiNelbOJgxjm1cRUKfH3O8+YgnF1SIBG3F20ZTCuQzJElSDo5UhDRsfTBjyyQ8joyumSNISc04GUuzPsswY/Xl0iPyOhWXw8tuGH7z78Qbc+3QgfonHM+vQUHXKXHyr2l+J6ipbPYnSMOfbmk3p+/ppX06GV/3HcH+UX+aTd63LMh/zuN8ipi7bTOAzt6Rd/+v2Xpzg79PNnpjn+PWWHoiXZnzX6JyXF+zE98bvfEKehz45/VP2cTZ9OCf/uN/D/Xnz+SSz/IJx/Oc2HH/7pu7/KKeRHTkVERCARDKMxAhEUmcJYhBJQkiUwluB4TL459bdxCgJW0t1e7Jap9ji0+cRmE5Wu62qjPcrUHYjOtBcSVtFAz5kQrgSkcTPLvpZBCcrLdEgTMUB0ISRAEVjLJV2C8Ymfz0V/UM1aVIforDMppJLq3HGDmKL41aRB/fQgzBdpLKYPNAyczmBcKlKX12KpeYqhhRUp0oWRKN+eLeP82kIRP7PnwswhAFgK1VXZRaEidUEfCtwwJuPh8EhDTKIxWwi/AF7RBXQsKQZLbwXQXHkDkDwAFmXhXvohcCtCiQDcJ9Yu58WC6ZW+92duC5GkI6Qy+AmnvkKxVm/WjVmQQ/QpIBUmUlu0sqvRj+d8Rqg6Z+qMxKypd2BPLWvq4lS+/TQfa3lLRztP5pvKU3BZVCiqg8s4vlbnYghqKFETI+YYhY6z0Ci0TGe4TkY9pAwEyFCkcg0vAadIt/tOf1KsfGif3DKltOshVx+754iTZTfZMD8LMEKgSERR50/0jRE0ocg8ItIcTdMUjaMs+fNy/O15T6NhVqNiaERHJKURhmhoeVkoURLrnVKXZ0X2ktA7LDKMObyvMdswG7T3qxZdb5QVZufrww9noKAr1bYonD1vIhDA4cQ9b76FPVrm3nORew8qaZHDGV/wBc44dwhUn3u0uuvGIMotpH83ziGQu/CU9Kg8dn1+POVo6CDw23n3NCpNTKe/rmeJYLULPcEafoH6sth5rSjhxQ1k73beje5GrUPxSh7ogj9gVyn76XIvrzNcps4AcziqCUzINR+/EufpZLTRQKMWwZv5/lDty5oOSYeVcqKdM/7JFL6WrK8+nW55zS7ihpCNi5grZ7OxXnq1o7OabXfTHuYFAD+ui8aUKMs0HEcnSEbp9vSyQIe62uXyDO/5LTTMndcLILsxOXbPQC4KQcVHnjrpKqOCdbyPsGLYluB9UGY85w0wcxnPAsdmvCcMfLt09dU/ngAiz2F79v7K+4uexcC241ksgStUP1A1ff6UU/9NoPLdtwfqz3EK/ZFTBIbBOYRlx8UCJ8lBLBwnICrOEexQjEM43pz62zjlVga0MYa/7K4dcJ2R0WVi65TBK/3OSTXQBJa9XMu2a0DdMbbJqGo+jaQwBymQU8iqmjJH1QsWqFJJD5FzKiW+PioCyaq9zojE1agRU5bIfIunZ1gpXKdGwB1GmLO9cgvnapIqLPd9vMBN1cBkZ01E7eXw8tSG2yxMsEhlqrNUcUE0QOrTuLdcHStz9ZC+HBJ9bTzJhjH8IZnQlMlbcWNHrqFJJlBwHTCpToAjHJuyoZWPJ/4YsZ+gs0/4xKPPQTa9mwLTXRcOzpTB48vx4WrBfegnnPoKxSKQNlKHhzdi16S9KjdIOU9BTEoVLV1LqHPpXArxHpIebr5xkA0JRXOpXMI6+Gw4YbnsL5qxe2p39KMnOHYxvOxkxxc3S9IQY+N8ykhBmA99mHm6Ue4EYEoylEtcDyKDU/5kp+WTYkEBumirWva0aLCXZAPA6WKv+PqHfgohIxIhYgimUoTAEgRJoZjAkTwjoThG4v+wnHUTDW0rHCjig2S5ztM1yc5O71Q3WqwGXSCiB8J7VM31Swk/azgKHkNc1wBZNrjwWHvRmOY1azqDW21yXXfzWQwjx4ANy/HJ6okHVBgKfPgyBRpWpDHBTG6432ZtZXPkK3MWipJh72mF7WB2WLJjwyMCReDofSPeXinxWtz8VOP8e0gsh+AKNsPZgajjmKZp0YUGYBMvn2A81bCZ6KnAp3dfe4GY/gp8ImJjQ2ELVoLlqb73Gks+hqshqr2PfvxKnJt0c8/wGb9GRduLToTGTXJu9JnRx2JXjPvj6kJV0mvcnkQ7SWpbnXl2Y8LQyyMMg/K40ZTL+J6F4wvhX73FLbhZbT4awAwobBfeW6KSiy1D5Sb/MSxykN4XICw8BtoUVajKUl4EhObdhawLyU+BANLAtDPVweI0wM21OWF95Py6JNoWOczDnXynY5LFwFqZdJszVPd6tPE8agXS5YJk9JNxZ4D+Kaf+63Dj/3Uj9nOcgn/kVByjURrHOUSekSz7pA7HvYSeoxjHoCQnz29O/W2cii5i4BL+GWnnoGWAgdoaan8BtwRGtDtk5hHS78n4UHVkZBPZ6ENTCXoTWYWBNkCIY+RZcggbGynJTpgJWazMUiamCSnP9akLDRPV3TQr/PjPzbYrBWYrnj4edo0SUHQtY/XqmIeXtVvaOHHZ+5AwA6sZVgmNYfM+YfotAPQMA1xMo7shpn2ZoKmABdi9fvYAnlJRJDYktGqWyFHQErPKZNYY4zOuFVmANFwtPnDvyp1fTCCEXhzQYdFKXZfFkP1WhT+1kNumHVJ302mIBWP4lv+0n/oKxTKTQ24uiyoleGNCMT7RCFQ8x6GDGwUGSeKRPnvplXtIEBVUG0A267FPt2j3HNSJ3cG9kn/FkxQ2ZUb5bGyhINe5Nqk08kMoJdUi+pXD78HVF/06WLRw7mt8dG2zkSVdrNcCDT8p1g1F4+7q8WDaQGBWX5zBfriku4qfBfjLX2Nq17CkEpVKkILYbvNwP9rBbsRi40YV0gFeB6WE8RzgTzbKdgPm5JyZy849mzJwfgp5mVi3sAuAvEO2HJKxqyhiIjnV1l2FLiiSx/u4amlwJV14yTEUdETpGocJ/CBVfdbL5GmSjlzUIfbYN8PuUrjbQ66FidV54nwvEHxeM46v82xg2lVkiyIQgoAp3emMuK8xzBs8lwdHH949riMUUEy7ccTjvopdAKe9coYM2av85z7NOjkvL0F9di/xIovkx6/E+UjbxvXWsM+Id/Pluj2S2xl6Zq5p3JItXIQx83ceoXphb7GtQbpMzlul3nGycB8XIikwuCJQpXwYQs1jIPtiigInuRvWsPEtfHAu6GE8aERRMAFMjmtMmM4bUD+9nlNuZAVGI8ZHwahfwjaJijDYAdkzAMFjJh7w7GwRY8flI43l8cGfar9KvDI3Yr+BpkRWVMecEH4/l/EENPDNCJK7quKg0Zo/5dTf1au8r6LnX3Dq/A39qaWcsuzLQEW8DaovMKgIuJvKVYP4pidonF/AJOIk5Hl5VBubPmb7cVuzW+SSD/rxuNb+2FGvih6vF+MaC+hsPZu4am2FremSrjq4BgC3Qwyu5zkXZaCyg8wteL5cjbLItjRmpmoMg+GQa9HgxE0Os1asCm4qm35/SfKtU6B8hqUUAlZ0NqZbfUGembWx5yh3g0pRWlOFRCtDI+eVkkggk3oVeQ9CCjU7v6hm/+S7wSGNyG7y+kzxC+FdYnPPvcvbnHqbU29z6v9oTh0NwD+0O3X+hu7Um1Lf2J5qyfOixAqo6j7PXZ/rYNDFrXOhMz5vzMalwGAL2nLFsHQBehtvhO5sa31I7EKLVtg12PBOfwBJwEpJ6JXuGbNzG33ZHVjX4k5r9ewXXDV62qMJik1fc/biBTMrYjaAV62uoRa+NKUNktd2l9veHO430dDIWnbKl90aToGaI4ulkVx3nOsIBh8upRC16Zg/8KSJAAnZVyFYn/2r3RxHkrEMbVAeXtYeNT69E3vuplkM89uaeltTb2vq78Oa+lY4/TlKfQNv6k2pb2xOtWfFBedVSasbFPNRAmI9m291TeSmoW0iWLlciOatPA6KjK0J2Iq0VkzINTo3zjITmqOeX/pZo/0+BvMGZs8+Ys6TIKG9PrqvpLlAYN2glRuzrGHcw1YYBNIHSotcBR5DzCpLmrDTNicRBXPF8qQYOrxQB3f0xEM3Or4lOMXZFNw2nWnRYzmWganDBb2dehQkWxlTD2kn7tjTaMDcwXapufib9eDsyV9My98DK2WY4W1MvY2ptzH1f8eY+u/ahP0cpb6BM/Wm1De2ps4ln6J2lT5UzbgRCz9cPKA0aImUTcAaZlKKfVfJQQHs/MeN5oAtfJLtjBIIwDpClkMwczWR/MXYI6NfXb0CDDfP71kXzDyD6A3lXoQOsZ9MIl4liRrcF0ZU+BxeQoO+LveMGFFyvmuJqkiPaLfMM5fgRBxuIcF6oIlUomcXZ0kJ9xtnW2bMeq/M4m3oesdlFZsAfnnuLFxNTZF2JUqQszbim+Kqr8kkQVnCM48sKUc137bU25Z621L/SLbUf87Ov6AU9i1zU5929YsgBcNvX+qLglP9vXx8WXDq8fiq4NSF+DE4dfma4JRGPpslhB8zj0cd/BAI62i2ibbN7m30fMRmUQvOeTwUcp9g+Mqi+JA6TgzlTs8r3dgOmtKvhtftl0T1LgQ5RPUeW15hEGB9ST699Xh7VG+P6u1R/bxHNVfbP7RFhX3LANUbWN86QYXMSvRlCSox/6oEFUv9mKDKviZBpSwopsDooU2+8qRKShqTqNbjCwMJF4DdapTB0mWKYDXXhbzuMBG9D8XZbU2HErD8YK/L9KA1Mne4Xp8WqbRp/EhaW4hrjqroj2+76m1Xve2qvwu76luR9eeA9S2SVG9gfesoleqAy5dFqcLqq6JUc/RjlOr+NVEqgLnunnTtKGVF3ULx6ctTManFBnX9ttMu6VKdIN+y4XE5rqo5n2IR3AEIeBJ5ieyya7pl11odHsxl5e8oIF6gHFttCuYyKZ7/Sof1dq7eztXbufr+vxBA/j8bV9i3jFS9gfWtM1WXBLW+LFO1aV+VqbpgP2aq0K/JVIF4OkVRfEYvD9K3K4gK1DAAAUd4xtIysCYhDdfVIC+rOVJ427kQ+yD70INJQq61QW0lHsTwdnlKmJJ5id7fgK7k4xvmDbMp/xVgvU2st4n1NrH+fk2s/xyjP/zTD/8OpOPgJw==")

# %% [markdown]
# ## 4 · Receptive fields of LeNet-5, AlexNet and VGG-16
#
# `cnnlab.receptive_field` works on any model built from convolutions, pooling and
# activations. To keep the tables short, the helper below keeps only the rows where the
# field changes (activations such as ReLU leave it alone).

# %%
def field_changing_rows(fields):
    """The rows of a receptive_field table where r or the jump changes."""
    kept, last = [], (1, 1)
    for row in fields:
        if row.r is not None and (row.r, row.jump) != last:
            kept.append(row)
            last = (row.r, row.jump)
    return ReceptiveFields(kept, fields.input_size)


lenet_fields = field_changing_rows(cnnlab.receptive_field(lenet5(), (1, 32, 32)))
print("LeNet-5, 32×32 input")
print(lenet_fields)

# %% [markdown]
# In LeNet-5 (LeCun et al., 1998) a C1 unit sees 5×5 pixels, an S4 unit 16×16 of the 32×32
# image, and the C5 units see the whole image: after C5 there is nothing spatial left to
# grow. Now the two large ImageNet networks, each built once (VGG-16 is big, so building it
# takes a while):

# %%
big_fields = {"AlexNet": cnnlab.receptive_field(alexnet(), (3, 224, 224)),
              "VGG-16": cnnlab.receptive_field(vgg16(), (3, 224, 224))}
for name, fields in big_fields.items():
    print(f"{name}, 224×224 input")
    print(field_changing_rows(fields))
    print()

# %%
published = {"AlexNet": 195, "VGG-16": 212}   # Araujo, Norris & Sim (2019), Table 1
for name, fields in big_fields.items():
    row = fields.final                       # the last layer with a spatial field
    print(f"{name}: r = {row.r} at {row.name}; published {published[name]}; agree: {row.r == published[name]}")
    print(f"  the first unit's field spans input pixels {row.start - (row.r - 1) / 2:g} … {row.start + (row.r - 1) / 2:g}")

# %% [markdown]
# Both agree with the values Araujo et al. publish: 195 pixels for AlexNet and 212 pixels for
# VGG-16 at its last pooling layer (the adaptive average pool after it keeps the 7×7 size,
# so it changes nothing). A unit near the top of either network sees most of the 224×224
# image. The field does not depend on the input size (it is a property of the layers), but
# whether it *covers* the image does. The `start` column tells where fields sit: the first
# unit's field reaches from $\text{start} - (r-1)/2$ to $\text{start} + (r-1)/2$, and for
# both networks it begins far to the left of pixel 0 — most of a corner unit's field is
# padding.
#
# ## 5 · Is a larger field "better" and does it avoid overfitting?
#
# A common claim: the larger the field the better, because a unit sees more of the data,
# which avoids overfitting. The first half is partly true; the second half mixes up two
# different things.
#
# A receptive field is about **context**: a unit can only use what lies inside its field. A
# classifier whose top units see only a small patch of the image cannot judge the object's
# overall shape, so a field that is *too small* for the task costs accuracy. Beyond covering
# the relevant context, a larger field gains nothing (and, section 6 shows, the outer part of
# the field is barely used anyway).
#
# **Overfitting** is about **capacity versus data**: how many functions the model can fit
# (roughly, its number of parameters and how they are arranged) compared with how many
# training examples constrain them. The field and the parameter count can be changed
# independently. Here are four ways to reach about the same field, with 64 channels in and
# out:

# %%
def conv(k, **options):
    return nn.Conv2d(64, 64, k, padding=(k - 1) // 2, **options)


designs = {
    "one 7×7 conv": nn.Sequential(conv(7)),
    "three 3×3 convs": nn.Sequential(conv(3), nn.ReLU(), conv(3), nn.ReLU(), conv(3), nn.ReLU()),
    "three 3×3 convs + three 1×1": nn.Sequential(*[m for _ in range(3) for m in (conv(3), nn.ReLU(), conv(1), nn.ReLU())]),
    "3×3 conv, 2×2 pool, 3×3 conv": nn.Sequential(conv(3), nn.ReLU(), nn.MaxPool2d(2), conv(3), nn.ReLU()),
}
lines = [f"{'field r':>8s} {'parameters':>11s}   design"]
for name, design in designs.items():
    r = cnnlab.receptive_field(design, (64, 32, 32)).final.r
    params = sum(p.numel() for p in design.parameters())
    lines.append(f"{r:8d} {params:11,d}   {name}")
print("\n".join(lines))

# %% [markdown]
# The same 7-pixel field costs 200,768 parameters as one 7×7 layer but 110,784 as three
# 3×3 layers; adding 1×1 layers adds parameters and no field; a pooling layer adds field and
# no parameters. This is the argument of the VGG paper (Simonyan & Zisserman, 2015, §2.3):
# with $C$ channels, a 7×7 layer has $49C^2$ weights and three 3×3 layers $27C^2$, and the
# stack has three non-linearities instead of one. The authors call this "a regularisation on
# the 7×7 filters" — and the regularising part is the *smaller number of parameters* (the
# 7×7 is forced to factor through 3×3s), not the field, which is identical:

# %%
print(cnnlab.conv_params(64, 64, 7, bias=False, explain=True))
print(cnnlab.conv_params(64, 64, 3, bias=False, explain=True), " (×3 layers)")
ratio = cnnlab.conv_params(64, 64, 7, bias=False) / (3 * cnnlab.conv_params(64, 64, 3, bias=False))
print(f"49C² / 27C² = {ratio:.3f}: one 7×7 layer has {ratio - 1:.0%} more weights")

# %% [markdown]
# What actually controls overfitting: the capacity of the model for the amount of data
# (fewer or shared parameters; more training data or data augmentation), and explicit
# regularisation — weight decay, dropout (lesson 09), early stopping on a validation set.
# A larger field, if anything, usually comes with *more* layers and more parameters.
#
# ## 6 · Theoretical versus effective receptive field
#
# The field $r$ is *theoretical*: the pixels that can influence a unit at all. Section 1
# already showed that the centre pixels reach the unit along more paths. Luo, Li, Urtasun &
# Zemel (NeurIPS 2016) measured how much each pixel actually matters — the gradient of one
# output unit with respect to every input pixel — and called the region where it is large
# the **effective receptive field** (ERF). `cnnlab.effective_receptive_field` computes it:
# the absolute gradient of the centre unit, summed over channels and over a few random
# inputs, scaled so that its maximum is 1.
#
# We build one stack of 16 convolutions of size 3×3 with ReLU (8 channels, PyTorch's default
# random initialisation, no training) and measure the ERF after the first $d$ layers. Two
# numbers summarise a map: the side of the smallest centred square that holds 95 % of the
# gradient mass, and the share of the mass in the central square of about half the side of
# the theoretical field (a quarter of its area or so).

# %%
torch.manual_seed(0)
deep = nn.Sequential(*[m for i in range(16) for m in (nn.Conv2d(1 if i == 0 else 8, 8, 3, padding=1), nn.ReLU())])
size = 41                                    # input 41×41: room for the largest field, 33
erf_depths = [2, 4, 6, 8, 12, 16]
erfs = {d: cnnlab.effective_receptive_field(deep[:2 * d], (1, size, size), samples=8) for d in erf_depths}
theory = {d: cnnlab.receptive_field(deep[:2 * d], (1, size, size)).final.r for d in erf_depths}


def central_mass(erf, side):
    """Share of the gradient mass inside the centred side×side square."""
    c, half = erf.shape[0] // 2, side // 2
    return erf[c - half:c + half + 1, c - half:c + half + 1].sum() / erf.sum()


def side_holding(erf, share=0.95):
    """Side of the smallest centred square that holds `share` of the gradient mass."""
    side = 1
    while central_mass(erf, side) < share:
        side += 2
    return side


print(f"{'layers':>6s} {'theory r':>9s} {'95% side':>9s} {'central side':>13s} {'area share':>11s} {'mass share':>11s}")
for d in erf_depths:
    r = theory[d]
    inner = 2 * (r // 4) + 1                 # odd side, about r / 2
    print(f"{d:6d} {r:9d} {side_holding(erfs[d]):9d} {inner:13d} "
          f"{(inner / r) ** 2:11.0%} {central_mass(erfs[d], inner):11.0%}")

# %%
holding = {d: side_holding(erfs[d]) for d in erf_depths}
fig = plot_effective_fields(erfs, theory, holding, shown=[4, 8, 16])    # cnnlab/viz/erf.py
plt.show()

# %% [markdown]
# The maps are bright in the middle and fade smoothly towards the edge, roughly like a
# Gaussian bump (Luo et al. prove this for simple cases: the paths-counting of section 1,
# repeated over many layers, is a central-limit effect). The theoretical field grows by 2
# pixels per layer. In our measurement the side holding 95% of the gradient grows almost
# linearly up to 8 layers (5, 9, 11, 15 in the table) and then clearly more slowly: from 8 to
# 16 layers it only goes from 15 to 21. Luo et al.'s more general analysis gives an effective
# field growing about like $\sqrt{d}$; with 16 layers and 8 random samples we do not see such a
# clean law. Either way, the deeper the stack, the smaller the fraction of its theoretical field
# a unit really uses. With only 8 samples the maps are noisy, but clearly centre-weighted: the
# central quarter of the area holds far more than a quarter of the mass.
#
# Luo et al. also report that training enlarges the ERF somewhat, and that downsampling and
# dilated convolutions enlarge it much more than adding layers. Training is not repeated here
# (it needs a network trained on a CPU first), but you can try it: train a network, then call
# `cnnlab.effective_receptive_field` on its convolutional part before and after.
#
# ## Common mistakes
#
# - **Counting in the previous layer's units.** The second of two 3×3 convolutions sees 3×3
#   values of the layer below, but 5×5 pixels of the image. Receptive fields are always in
#   input pixels.
# - **Adding kernel sizes.** Two 3×3 layers see 5, not 6: each layer adds $k-1$, times the
#   jump.
# - **Forgetting the jump.** After a stride-2 layer or a 2×2 pool, every later layer adds
#   twice as much. Where the downsampling happens matters more than the kernel sizes.
# - **Thinking padding enlarges the field.** Padding changes the output size and where the
#   field sits (`start`), not $r$.
# - **Treating the field as uniform.** Pixels near the centre of the field dominate; the
#   effective field is much smaller than $r$ in deep stacks.
# - **"A larger field prevents overfitting."** The field is about context. Overfitting is
#   about capacity versus data and is controlled by parameter count, data and
#   regularisation; three 3×3 layers help because they have fewer parameters than one 7×7,
#   not because they see more.
#
# ## Sources
#
# - A. Araujo, W. Norris, J. Sim, *Computing Receptive Fields of Convolutional Neural
#   Networks*, Distill, 2019 (the recurrence for $r$, jump and start; AlexNet 195, VGG-16 212).
# - W. Luo, Y. Li, R. Urtasun, R. Zemel, *Understanding the Effective Receptive Field in Deep
#   Convolutional Neural Networks*, NeurIPS 2016 (the ERF: Gaussian-like, grows like √n,
#   enlarged by training and downsampling).
# - K. Simonyan, A. Zisserman, *Very Deep Convolutional Networks for Large-Scale Image
#   Recognition*, ICLR 2015, §2.3 (three 3×3 layers versus one 7×7: $27C^2$ versus $49C^2$).
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner, *Gradient-Based Learning Applied to Document
#   Recognition*, Proc. IEEE, 1998 (LeNet-5).
# - A. Krizhevsky, I. Sutskever, G. Hinton, *ImageNet Classification with Deep Convolutional
#   Neural Networks*, NeurIPS 2012, in torchvision's single-GPU variant (AlexNet).

# %% [markdown]
# ## Hand in
#
# After your last **Check**, run the cell below and save the notebook (Ctrl+S): its output
# carries all your quick-check answers, so this one `.ipynb` file is enough to hand in (the
# answers file `04_receptive_field.answers.json` may go with it, but it does not have to). While that output
# is on screen, every later check updates it by itself.

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("04_receptive_field")
