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
lesson = cnnlab.start_lesson("06_pooling", lang="zh")

# %% [markdown]
# # 第 06 课 · 池化层
#
# **池化**层像卷积一样在每张特征图上滑动一个窗口，但它不做加权求和，而是对窗口取一个固定的概括：最大值（**最大池化**）或平均值（**平均池化**）。它让特征图变小，没有任何要学习的东西，还让输出对图案的确切位置稍微不那么敏感。本课用循环实现这两种池化，数一数它们的参数，把它们与步幅为 2 的卷积相比较，在真实图像上测量“稍微不那么敏感”到底有多少，并逐条核对关于池化的几种常见说法。《动手学深度学习》把 pooling 译作“汇聚”（汇聚层），本课程沿用“池化”的译法。
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

from cnnlab.exercises import check_function, choice, numeric, shape, vary
from cnnlab.ops import avg_pool2d, max_pool2d
from cnnlab.ops import pool as pool_ops
from cnnlab.models.lenet5 import lenet5

# %% [markdown]
# ## 1 · 从零实现最大池化与平均池化
#
# 窗口为 $k\times k$、步幅为 $s$ 时，输出位置 $(i, j)$ 概括的是从第 $i\cdot s$ 行、第 $j\cdot s$ 列开始的那个窗口：
#
# $$Y^\text{max}_{i,j} = \max_{0\le a,b<k} X_{i s + a,\; j s + b}, \qquad
#   Y^\text{avg}_{i,j} = \frac{1}{k^2}\sum_{0\le a,b<k} X_{i s + a,\; j s + b}.$$
#
# 最常见的取法是 $k = s = 2$：互不重叠的 2×2 窗口。下面用两层循环实现这种情形，例子是 CS231n 讲义中的 4×4 输入：

# %%
def pool2d(X, k, mode="max"):
    """用 k×k 窗口、步幅 k 对二维数组做池化（窗口互不重叠）。"""
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
print("最大池化：\n", pool2d(X, 2, "max"))
print("平均池化：\n", pool2d(X, 2, "mean"))

# %% [markdown]
# PyTorch 的函数和层给出同样的数，`cnnlab.ops` 中的 NumPy 参考实现也一样（张量的形状是 $(N, C, H, W)$，所以要给 4×4 数组加上两个前导维）：

# %%
X_t = torch.tensor(X)[None, None]                    # (1, 1, 4, 4)
candidates = {
    "F.max_pool2d":        F.max_pool2d(X_t, 2),
    "nn.MaxPool2d(2)":     nn.MaxPool2d(2)(X_t),
    "cnnlab.ops.max_pool2d": torch.tensor(max_pool2d(X[None, None], 2)),
}
for name, Y in candidates.items():
    print(f"{name:>22}：{Y[0, 0].tolist()}  与循环结果相同：{np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'max'))}")
for name, Y in {"F.avg_pool2d": F.avg_pool2d(X_t, 2), "nn.AvgPool2d(2)": nn.AvgPool2d(2)(X_t),
                "cnnlab.ops.avg_pool2d": torch.tensor(avg_pool2d(X[None, None], 2))}.items():
    print(f"{name:>22}：{Y[0, 0].tolist()}  与循环结果相同：{np.array_equal(Y[0, 0].numpy(), pool2d(X, 2, 'mean'))}")

# %% [markdown]
# 库里的版本不用循环：NumPy 的 `sliding_window_view` 把每个窗口都作为输入的一个视图给出，每隔 $s$ 个取一个窗口，再对最后两个轴做一次 `.max` 就完成了。读一读（课程库的文档字符串是英文的）：

# %%
cnnlab.show_source(pool_ops.pooling_windows)
cnnlab.show_source(max_pool2d)

# %% [markdown]
# ## 2 · 高和宽缩小，深度不变
#
# 池化在每个通道上分别进行：输出的第 $c$ 个通道只取决于输入的第 $c$ 个通道。所以 2×2、步幅 2 的池化把 $s\times s\times d$ 变成 $\frac{s}{2}\times\frac{s}{2}\times d$：特征图的张数不变。在真实张量上看：一张 Fashion-MNIST 图像经过有 16 个卷积核的卷积层，得到 16 × 28 × 28；池化后得到 16 × 14 × 14。

# %%
test_set = cnnlab.fashion_mnist("test")
image, label = test_set[0]                                  # (1, 28, 28)，类别编号
torch.manual_seed(0)
conv = nn.Conv2d(1, 16, kernel_size=3, padding=1)           # 16 个卷积核，“same”填充
with torch.no_grad():
    features = torch.relu(conv(image[None]))                # (1, 16, 28, 28)
pooled_max = F.max_pool2d(features, 2)                      # (1, 16, 14, 14)
pooled_avg = F.avg_pool2d(features, 2)
print("图像：        ", tuple(image.shape), "类别：", test_set.classes[label])
print("特征图：      ", tuple(features.shape[1:]))
print("2×2 池化之后：", tuple(pooled_max.shape[1:]))
per_channel = torch.stack([F.max_pool2d(features[:, c:c + 1], 2)[0, 0] for c in range(16)])
print("逐个通道单独池化，结果相同：", torch.equal(per_channel, pooled_max[0]))

# %%
channel = int(features[0].flatten(1).std(dim=1).argmax())   # 16 张特征图中变化最大的一张
fig, axes = plt.subplots(1, 4, figsize=(12, 3.4), constrained_layout=True)
panels = [(image[0], f"输入（{test_set.classes[label]}），28×28"),
          (features[0, channel], f"特征图 {channel}，28×28"),
          (pooled_max[0, channel], "最大池化后，14×14"),
          (pooled_avg[0, channel], "平均池化后，14×14")]
for ax, (picture, title) in zip(axes, panels):
    ax.imshow(picture, cmap="gray")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([]); ax.set_yticks([])
fig.suptitle("步幅为 2 的 2×2 池化：分辨率减半，图像内容仍在", fontsize=12)
plt.show()

# %% [markdown]
# ### 奇数尺寸：向下取整还是向上取整
#
# “减半”只对偶数尺寸精确成立。在 7×7 上，步幅 2 的 2×2 窗口能放下三个；PyTorch 默认舍弃最后一行和一列（向下取整），而 `ceil_mode=True` 会多保留一个伸出边界的窗口，只在边界内的值上池化。`cnnlab.pool_output_size` 给出推导，PyTorch 的结果与之一致：

# %%
print(cnnlab.pool_output_size(7, 2, explain=True))
print(cnnlab.pool_output_size(7, 2, ceil_mode=True, explain=True))
X7 = torch.arange(49.0).reshape(1, 1, 7, 7)
print("nn.MaxPool2d(2)：                ", tuple(nn.MaxPool2d(2)(X7).shape[2:]))
print("nn.MaxPool2d(2, ceil_mode=True)：", tuple(nn.MaxPool2d(2, ceil_mode=True)(X7).shape[2:]))
print("ceil 模式输出的最后一列：", nn.MaxPool2d(2, ceil_mode=True)(X7)[0, 0, :, -1].tolist())

# %% [markdown]
# 最后一列 13、27、41、48 来自只包含输入第 6 列的窗口（$\{6, 13\}$、$\{20, 27\}$ …… 的最大值）。默认设置下，第 6 行和第 6 列根本不会被看到。
#
# ### 小测验 · 输出尺寸（每题 1 分）

# %% tags=["exercise:pool_ceil"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("pool_ceil", digits=0, unit="像素",
        variants="cnnlab-variants/1:eNrNmFvP7FZ5gP/Kp30Fmqjjw/KyjbQvfB57PD7O+BShymePD2PP2OPxuKoUotJClbbQUyhNRaUWCVGqlouWUCCVyj+BvbPpFX+hjkD9IGmkBDXZ3MwaW8vL7zv2s573nVd/70kdRmn95HNPTk9RFHvloX+KPXnlSZXel1NJGMVIRNAkimcpmaUIgqFUQlBIQoUQkNEysbu0TTcsc6W2zdVUS4eHF1//gxff+c6zt1979va33/3u3z9/46+ff/f1d7/2L89+9NaLv/zW87e+9bDc6MdvLh8PL778/efvfOH5377z7O0/Xi57OJ1+ZxdORtvWWPIZfAlmuByT9OkSVpwe699t2uVgf7mmn/3pa6//7J2/eP5H/7Fc9d//9LVl9ef/+PXn//rVn//wG0tQxfH0XkjtdXh4+vCTN770mdPDT7705w/Vw+oB+6/vdZ99WD/0P3njy8sh+vMfvvH8i//+7O1/fjgtc5eYfvraF6rlG76M3TIiy9gv43L+9Xffeu35V/70F4m9+Pabz//sH5a7/+zfvvfi9e8/+8GfLIm9F9IXv/n8D7+4rPrul1979oNvPvvPv3vxV3+zXLtElU5dHZ7C4dieluD6NKzT5HP8nuLNzB9WLSWspGLm+jPiHJU91ScytcciezyvKWHE77yx9jx7V63OUpeSXRhSWLMvD4yrXDVF0mZPSyCCIBpTkTB16L7HPf7cqFyTbrxO0FvMtavDYKDsqZKw5B6yjbzpHGcvCvPZDKy8NaLLpDMOq1PbgGADg/YnLvHCLd6wHeFU1k1xMGWKkHI3D15vMADKWpuwtaFzuBTL0Chh4YyCE0sj6J8u+TbHfgirtH/yuVdffZISENAJAChBxjABGIYkGZLhKAmIFFARWOb/8hfRbxHHnTkKRRjO8AtjsxXKjI+1mhw5V91SRiUne+0eWoxpQM9yU3btl9Poa1MtLCEP1gXnJlo0EPRW8pTdg15bW17RsLEe6VfgbkQOpyS4P1uookv4lrPuklvFTko2cOutMPWcYTaUj9GIWz6uNQYdrpwtp+RO/PTJ51959UmSYBESIVhILmlkMIloFF+YyNAohXiCx4+pwOo0Gt028YKEFTPlSLA7DspsFFQKe+PzW0tUK7EZvaisxGOwqxKS7OqGO9DascUAUIMU+IV29M3oHkWlPvRmYpzpEMqiqJJBLcfAySxe9lGVNlixr4CcNEcMC+SzXmqeOeKTrPS3p0vYn//9V/4P0vH/JR0jSArPaBLJECLD0BDLACQJQCJ0jFBhmvwq6e9+4yvvAfCjr774wVsLAP+foOMvH3T8EwId0tih5obx0LbAZ9eogu7GIe2CdRe3kp7TWUWlsXjlKse6aatwbY5zXIa86GN8trwq3X7Td8zVs11v49SFZbNyeDuwu2Y/bo6ndGM3a17ZnAflLiWcYaUgO2dELRKoofGH431z7fmQWUWhbrupoNRIw5e+kLke3KYiUUar6yqdvdy4Z7wY8AxB7jF4kEg5DOW8HkZYgg4riwlF6GNh5hQVWZ2KFLtY3b8fdCKl0hTgMIyimKAyHIEYiRFYSsYRRURR9EhH7DF362reGZZknfulOyMeSzHTQAHPXJ9uNujGsERW5WHPx/XBrxI2O+j2rtG2sTjf8qNZJI3cVN11l5O+xO8vQSUJVExYdhQw0XaQXfyqFyAtVrekQxmdVsOr2Eu6z/Cd5Ss0JfZaWw28TfWZvSJ0PPe9QpEkatu+HNCbjwF68BFBR5BfVzoVpRSOZCCK0jhbVJ4mIUUBSGUEAZctN/1NQUeQBXQE+e0zOoJ8yka/MT1mO0Yi5DjjczbD6nasq6tBwQMu06xM7llEA6XJL0B7bL7qbE535Jm57FHW0vjrGVC7qtv2Yb1m6GSlhW3U+eEKHw5yjcfgNBveJoTEpA9VdVT1C8gEqqUOygU92xIvuU7hI3twnVuX62fDMBwalS/8uqappZaALpV1x3Ek+Jy4TdPtTB/pNaJuUCbNeVFoApUgspVWaijBCNNh3xPyvVqbrbH7gNFpDNIkFeF4hC6E0EiIRSSB4CjEQiLJkl8x+lE/ufGNadDLiuD6zcFiOXY3bDk+rTPR2U/edTXm9IrTFTq64WptmLNgyy3JRzeTcupTk96OjbodHdXWTPdOOTOy5T1FIhSBdfARbTttY4pS7wdMIvl62Vy8CYoF3Q96xiAdRp35pfYQKkK26r1KcwQa58Py1Lz97Zego1RGY1mE4USUAiJC0jiMI5RCAYgwLEweU8F2CsVxgZliYEUgEovzDpxPCcW5l7PEM8zeiXdZo25Wp1N4SGn0wNcUNmiN17bBiSx7l7Y9Tjmq4nVUzofdCj1Eh922H88C06aiJTF4505BuNuh9xtr6NjRGoO6TnOp34uRddrUjoRQ+YeD/mh0ChAkkUYEjsY0xFAiwmM8pEIqQpDlXER+SqDjLx/0T8roOKWegkDsZFgIC4JN1qzsc2L6p7nRSOcc4wYqj04V3zaHOt2nknsW1NY9Te5cStbg0LsuaJsgIjejzroaspT1wQQIrsIQidCa2zZgcq9kVRPN7PQ22xR9Xs/8RmPUGROLddeXKwzRwvKSnAg7HEadwqmDTMlW1znHoPaO42Y2bQs3Cr87hmQFTgVKIc6VGTZudonLFN3VITxBS797BaUeqZGFWD7l7ftBhySMMRBnUZqFOIkupSKNZ2AhHiVjKkzgIx3ZxbxhvVgLPRp6uzLRnd6wUaUoLVHhD4cN7oKcXDuElp03V0XeZXCX76eV4uEkl0u2ey6y3hMOjWYOCOSg0WWZPPtp2e6jPaR8pEQIxvEqymtDjeqIHbu+wdq3sjr0gCzq7S0g7f2B3VKyXl7nYsdb874dJtsgmJcDevMxQL98NNAh+HWhLz6PQEqQJJKCJCWyLAkBTtPo8tBQmKXob8g5BD9+E4LfOp1D8CnbHFzRFFmBYTruFzk2lyrVKfRGTsc1i4MK1Q/kxW36SSJwvtqhDiUoV+6wGKoEbljck+Fs6gpWKMCfKx5OoDnwUrdVrhZ1qg8sU1f3bscF7o52xXtomp5SMerVOqljIOaMpKV7A4sGoO0ReizwTbdHaV8wu4lT0bycppUaNzeJR9jJ1e9SaKWe4ePB1r5cgQHERNoKhV0ZeDzGMX2ePJIU8rU5Je8HPFqsgNFkmNJLbZsigIgxKksBGhFhnEaAfKSC386r3lPKztiRrgi2lxjdzAESLKrGj+oJYDSneujcCRcxud3CWyMqTeFCruWGJrwMDSqqV52sWlbTE2447AA/uEwpNgnVLHA3cxNvC0s9qSaoGTUcrzg/zOfIXfOeaopRZNn+1kfZKG9GmRGFTDQJaAd8g/iX6heA01hEJIAm8BBEKJ1BJF6SwjACiYmMWGB/TCVxxgka1w3qdl0/2Jh+3y4ludqV9967Wk3LbNYUi4u9Wm7VXXpTl30DmZ0Z2552aaEfMTchd9CokECq7E3JTDfUIC+GHeQYN7tX9XDK42lzPPMOEqVsVzJYfV/KG5FOmEtQELBLVxKyMj8U8EeRp0iKYRDGcRjSKUwXlSMQgmTJCcQxjNNPBXD8pQP+SVl81ldyq9N2XUh5fkInyZGuZAY4fqhD9uQeBptX8HY7rjYaYeeAINCjrfVRdRzjrRUctw25FXirO2wv8vrencIzEeLMzO537dKK5h014jDwiUZoPXu7p69IJdWGoSzK6Ii5ja6cGRlkp62hhQ6BkbZ+WByMMmH2OCHH13O0u3n8SRxYHcLjKK/FINCysB7PG9qUh2wyBSxEhJ4TA7s97dHE9UXZDLbM0w+U6xBGSZyl2WILkJEUjtEEGScZiS59X4QlxCMZ1qE272FSsX01aChIM/YEmYLlARb2qxgp1murGgMF8YFc4eBc7LjwRFyopY8RrtKktSNf7ItjRRiBoiMEPN7lCprmFo0vEluvj8NwnKijH0I2D8VVIsWdV1e8stID5g6h4suAWEFzc2ZPSCkYpDPeAnim7abf69TLgTz/GJBjHw1ygvp1i+MIwKmlnUrolIwoDCI0HoUpRiZIAgEE8W8IOUH9+E2C+q2zOEF9yhYXTNzX3EnA0TFFfeySmtSW3gu55Ffd+V74kXgo0Uq6X+7lnALH1s39XdMqlGX9ddRlqr28x+OpgMeEUEn5CLnGEySxWU+V0hrcVs64O1lPyOwP1UUZSUtw1Q6zOBlbu7yC+rNwAMYYrS9HZx9IN+eAr6aKtg+jPI+75DqwzTU96ymu4bw12k505i8W1QYWnJ31BRG3rIs3G2LnVjMoyybP7O18998PeJwgEQQAvvc/G4RpSMKIxOIIyUhIgSjCHqm49MztnMjRbpQ3a8XOw72ilO5c3/VjJ07qQW9za3Nho1boj8V6MBe9To2izNfLeaMtG5m+S26GfTAH9nbSaiKnFYVqJhfdteBk1qrPrAKuVCVTXoPZXhYeLsiazDDEZYij5Co43HkHv9d50NfNmsis++ZMO5qZGsIv+3EET3Eao6gkwSEZL/sWiS5VOsSjFCVAjNOPqZhNN3Kg3getjqPNrvdm3DZXp82gpqpY5M3kyPQpWec85hGnU3ZbdQJz3dP5nZzcbnMgQn4bE3pkCHDCEja/xFCVd86+QO6OTwVlAgLudDsNB++CU2577+Lc7y6YEBA7mNaZdwknxLjePhTwR4sjGA5oHCDv9VERRWJkFi8bcra0HTgV0kT2qQCOv3TAPymL84IVVni78dJxOLhyv92Zxa3xPEGFI/QUN3VmPeAQmQFHH93RGyHrr2256qXBFp2SXt53UQlXa56e1wJVqAKy3gnYFWkgn9qa2LfwtNGz1lGKJievVZFOKqNy3pjsYRt1t9aQpZrBgbVRNgikVR4/lhtkVORmuB22vi76TaA79LqY22LgPBKLuNulE/amBMfmbKe2iKxa77C2BrscIprGcLTQkDn/oMWJeCE5SykigRkFYkCnBI4BksjgYkQEyx7JWKp0tVHBcCLPgbG5oIq4gYF84xu+mjIEHUTOgpVB+MVls+B5229zA8VhXBIXKeHlZIzSyUau+zoPCFCu40vS24nEIVcHUU1cKZwrlqGDri+S20uRAdeX+Ebw/S23s3UclEGSrNaxsV1Dbj13F49DcStsh7mDcR2/HMizjwF5/KGQf/5/AMcy7Qc=")

# %% tags=["exercise:pooled_shape"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("pooled_shape", variants="cnnlab-variants/1:eNrdm1vP9Fhanv9Kq49AHsX7ZRtpDrwr713elV3lEYq8r/J+b5ejSJMoEQFNMgckBJFIIQkoEhKB5CCagSF/JtMNc8RfiD+mm/7EDOqWOEGtt+qgVFX2s7zWup77vsvv9/7Zp3UUZ/Wnv/Zp8ozaNqun7wLiO5+030XJT7/zaZW9z3eyLM2IlM7pLE9zlIhyJo9SOsZSIkpyFMPOD/Zj1/Tz+dnP/uTHP/3R93/6oz/67C/+21/+1v/56Y/+7JNf+XBAlPzw/NVP/vL3/tVnP/n9n/3GDz//nb/47Ld+/5O2/SdGtFtdV2Ppr2C/+tc/+cFf/d/f/uw3/uznX//kV/jvfCJ/55PgVz/5/Hf/5Kd//v2f/vjf/PVP/st5wuer/XC6z//4Dz/78b/+2Z//7l/9zz/4yz/+zZ/+2b/7yz/6j5/98L9/9gf/47M//eFf/+Q/ff6/fv+zH/zOT3/0bz//9z/+7Ie/+7Pv/97P/sVvf/4f/vR8CyU/HPSzP/yNv3n5g7/6/g8+SbJX/U+bLs0++fx//9fP//Nvfv6bv/3ZT77//77/L88zZntfR200v7r2PPGURXWW/lrRkCpvy2SrIuY13e4KKdvtFva3PngLz9khrgWy4Vk/jjguMRgxDi43sK3vAuSVRBiYeMe8smKAvV5bwsbzw5hlY18FYWCVVhwcg3tOjIcI3fZWnxOk52YePS6iLN2Q5XbRTaVCajDapHIT2/XNi93FeCoWIb8ZEqMMRVMuKxUX3/3uWX/zmuaoyqZPf+173/sUQUkMJHEKQBxTWJThEU7mMZJgKBEjOIOfn/9ihK9F5VemQmD5Im4xs9BUOubL1AZRMafe7ovB7g3Arf34RtTJqF/KukB923iZ6ZBUa4Ultp/XlxL18nW5OFADSY1K2dhka8W9KcRnIF3lhUKfIfd+kVCiCJJZ89ol4zl7vmfo1t1QuesEezKxOOgeDxx/Loyuh63OJjF+NxMBJ6zLAHGbgI22e2XP0f76d773KRVRFErkNIKhaUSieQ6ojMYRJktyEs1S5qshQi9OEMxCmhjwJvlY1cTy0ctYcnsVbkMsDWHfYr+oXQsHC+xKND9zZo9Pcz8oAeAzcd7IS5tsSXykwsV/NRRkrS6s2zSe6DX/XO387R1k9fOyztNTBAMQjMEyFCFojCZQOo4oLKHSDEGpr8ryRSImYuZApXQQe1GtLsfLiG6bE+4M9A7eJHwxBbJBOxYB0AqrBFFz/ZZuwY5xgVe7VKPpDS7nrK7iyNz3fByGggltlRb34Ck4eUzKU1A8QiLwGCopG9Lj6MeCiIK+75EL96ubuzYlqXp0VdlhBW8+FC7XcrEYYgrL/dkZvn/dE0w9Z8x8esnEaQmwyKOuDsXbzuH++j//zt/PF/xv+RLhgAIMTZ9rMiZJkICYTugYZCBLMjqiqW/EF/zD8x8XX/B/OF8SRI+OSqZqzipLLELHFZU8zseNcF/SvrUoYnw9MOE9a6WKDhNk6oAc69uu1jVXXhqWqIdjIFJOMZRKOL8GhHRzqopvi0AfM6ofrmx47Lf1dbMUScqTbN29FuczlNrS+uq3BXcdy9ncOjlcuvomWnYmFDDuPnmYFqcIqcwQon8JX8g0R5gIJyJw9gfsbB5YEqVESiRUlOdUTH61yp0lzAMYiWh6MxK0MC1fJpbxRndy7xdrd5i16mLynov5LdsPcg5r5+jztDRFMgqrY3dhdmU7o08mNMLgzjOMC03kUAgM7Xn377T5huvq0lP066ghyrlfBSorDVfz8JBDQAJ3z+FlSqUus66F6OiSeRdvzMLeI01maF8OLxtE58BjfSeP8xvwZn/Bl5OYgIkxmjwBAzCcQmPAEAyK5yAiMpJCvxoiMza8ePiX1jX8JcCaQrfMPJE6PFQv527aqQvW5BohW0ebFli3ilOe0YbnpnCWU9LTLTNk65TL7KC3eKo4fE8ue9TUQZq4aKifU+Cszth2Py8Li8gYyUmaxvEIO4GXZzGF0zEe4xSFxUj0VVl8Tdf6uXeTzkdDzWhpnokdknCWmpmNwHgeVyzz0eqiDpVn6sfyJhbOgN1XkDzr23qsd37x+l1GdwbxA9UxBnsOFu8ZJYwJoE5NBlYOA2F4GHQP97P2yh/2yqoPWYNbas2gfp7aFwPdFS/EqQt/R0Wx38CDCF3Q0Yeoa/2VcUehyB0/XAenFuVCcNCGSG18bIDefQ1fMOpv+YISZE5H2DlHcULGOU4zdEyeuI1ILAI0QnwTvmDUh+c/Kr5g1D+cL6lJBdMD1QWb5jV990ZGMfycROgW298PrsMuiVU6wDFYDkptcnzYF64sYB+afdiWp77b9IkAsRYFyY5lsJmg8bXFvaC/UYeNMPf9NsRHfS2kOwslA6RZW6Y8mEf/LN5BVgTX1FsiIdvriOTpAKAsGtDoxXx23YhC3UE9ngfJ+ZV+vQn0LzAmBTlGYPgpQ3M8zRgMYUhApydlYoxBmCT7aqU3pmcuJSUt6CZsTuC4jCCk2ehQzcqoixGWgw9wje41GdxqqkzdKG/s3GNvV+nmIaxjcSsu8TfFICuBph5NE6ijxAPmWT0LYQJEA4LhWjgPPK7ICTwVxqM9hxDxaXoJ8kt3X871Umg1MF3c1p8Cdr/gUkVRbMGu9gKtT+mxxIU+HnS3YilLvsXtC8akOBpR5xJNoighQcrkKUozFElSGYYQ8ccaZl+3bQ7ZXtEd/jmHlD3yq0mEaraD993aAZoTJKwHdyW+ko8Buo1CCBtjVKHC4dy8Mtc3EmgVwnNGzj56VR9p3lkGOd5xwWFky5F4MUeaLzQMhadkdjIvjU+8RCmO4R8uOpmdVaUESnyEPh1rfL2P+x12k1qR/UwdTo7MhVS7l3g2gV6ob29F9xvf2whrbJqmwReLpyACjRjAV5xrqQZUNfz7DshZk4fOncGTrW84Wlt2cfEgiL+9OywyYG/DSNROewiSHR0SSZE0uVUpnGa7iMOV8DjetfHm0TihLOqpT64XXlrvLzPYHphFcEC+x0rHOF6Dpvd7NJB1ajy+jjHoR4wBKEWcvYBGCQo5LRKCphiVUQjFABTNmW/EGPTD8x8XY9B/OGM47Zj0125ImJPSVF41QW/KHsF5giXjxDbqouU0pD6uLIdYkHou9lWeL2zytmYYf0sHdXjiHeYUGC2vZ5tbSLG17TJ+0CvME3eJhOuClQUaXKiBetsexQ4NlEb7NVZ2ToIW7S11vkxaQmdh2BPqnoV57LIXC6OgPDGoLYM3TVaknyr2L+qYDDlN0jmbNMnkCU2fWy4B537EkiwjTl/xkVpH0D2WDVLSNEe/cbiXbCwgKhRkRJ0VGJsMAx+/4ri20ld6X9AJ0JmqvoXp/tgAT+2KdsPJlgquJfIo8Qv1Gmtoy+lbH5HPHH8xr+Xy2A+09rFYDoxRR5I7lhtQYtfGxYazx4EZa7RZK1kNNij3xETSl5CYtmRbaL5iY16GWgTPik5yeKPCyqh86ZOSOAdpguMJc7okOk+TJMFzOqZoigYxnqVfDXGRzeKOGjS6vadHp4qX7b5nNLv6COPOZk4TNZRCoHky+KG2gPbC8WHoKOT2kRI3d6ZwxbKaMnLo+cZzuVswoCEnDM/5wVabrz33Uku98m18gT4KpDR9EgU/sUIRgEhonMmRJEUSHKVo+quy1LYHcOaa5jMl84bXs7G+JL6hK0xlhc2EEro0ZLiAUcu+zao2y4Xr277FjArHDH3B2jtzoynZaeww3o/TyK57zVO2JImFg0SN94jzob9YJtVhdvC8PFkufkjHRk154VjlQ7knnXvfvFdwHV8SgmvIdCFPIdRXrSdit26fweHvsjxVkdplh7ejY7TJziXPmxkuGPvvZQyO/Z0cBo0QBovwKIpOOFIgyU/LxJyP0zsiII3Rr2PMhwN+S3MYeJ0PpnzdHJsOPcaZ6mtioCB5vti6Lf0yiqZ5O7elFnlGEz2uC1iHnZJ8QVtXB5geArbXMBtJM0h7DJwC4pzr9LJdYi1ido/ISbPKt3KsLp9ZM70Ai2KVKrcKbabwBZArcfYXx5Wsk10NskEZTN8jSj9UEbo7xuE/GMtyE3z7Rb4kJA2oJMOIc/IBkgAiBxid0wlGZxSVENhXq/ztxo3ktiFctSqLaBtdTkvYanIcIE/2RuEURDXJBKPLjvBExHYsp4e25fJ19rY4vA140ZRmTNaAFKawOC7ItG8X06aE8KLzJid2s2CEd5ST3GCyrlljKJfkgiaGMV8pBgr59SVwIL02GcQYUUMrzev9pAbTeV2eN67j9TQpqVfCExKX+LSSKtaXfMnOXUzQCU4hNIachiQFRESmp14AOUXQzEd88SXgwj2ba+nuGzaJnLpSepRdc2V4vUreZdTxvbibsXcd75QKNHw60V7sh+EhFq4zOPIYxlg7dSZaPnQ5L5fLzaHnKoTQgQRZv/GUSsbZ4+dl0Sf3zrN/0DAAgLM4BicAIMiT8RiBZ+Cjsk4NMxQLiNjAN0u6mfrcjnhTc01sfmupyJmNXBcq8DbTuvmuNjeh2USJmTBsl0pORrysUImwdKhtLfcshsmuZTKSj3SOQFP41HFg48ydOshVX+lj08NelK17zznPVzcWw0TRakfRfiSz8ft+HYE0u/nSZUtvwpUGarerKbHPBwE2d/URx8tlEUoXkSDf473mJX4dX77KYTAckFjy4UHTJI0gSJpnOENQWcacc5Yx34gv384cporqjQd9834fEdNclpjq8TlKSUK8jc8wQ16J9rpD3h0f8AoCKGIUAbtmzvt+n7BLqSZm5im1FmCdKVeuGsh7iflzv6O1CA6pfxKbVt+oLNkvhrdsdFWUTrgTk5+xMCkkcRe+qrvKQDW/NALiusaBxW/HDy7wtQM3Lb/exYDj9V/CFyZGswzN8RzP6CwhyCxHAJlR5KnWCSxHPtIvZkEUMAd3LwFbnnuKGcWp24VD8ETiwoy5KHDI1VhkT6H1vpsEvKcCUE7Wjr+O+m7JIODeagRULAkVX3nNunYr3s78vgRHcG6q+yQ1vNUqk0TT+XRh+pVOPJCMYeY7WbjeN2RBcrDqo2mdUDYTFXlxy0S0bQRXL8pV+2DILX8hzwbPcWZvtl5ZfOmRUpLGKBSnMcBk6SlZTqf/IXbKPzwQ7CMbOL+h5gPKLRid7le+l5RXcPTasBBFoK/GvcM2s2pSKXpM+BFir8GohffREi8qqcNZTdFttTihZTM8bhsrdB7Wqzph9KKz+1N5I/b2zGXdFb8oi4gASTMxmdIZTWQUoLATeyDCUOykX/JRDuNKiHcOx/Sftve2qVG1qjwoDLpk5OQFh/RmQntc8fTu8lc5Xfx6STdpGa64SGQXQQySzOZu2Y0uehRDgwXAlqQ1g2EY2m1C6B2aIGCSdsUGwWyYtz4RhUcN4bSd5rjNHbeW043+WoW2ykIELj4oajbKWsHW5VoGr7207RYcaYeOmLhzzanVFNmULEteQH+N+Obr+PJRDkNgSZ5kNIKeTilBGfJ0igmWp1R6Xo+YZMA34cu3NIcZNv9JqzGEIrlc5IviUzlziyeP86XubiEz1hf33kZNZm1eVtAb1ujGsCvBEzTcV5asYgoBp2JIY8VzZGTJE70D2GQ3pktcSDG8FrLf5hshPTSHu7B9t7bPDY7UhdYWqqZOz/E63TiLdU6X+amlKsESI4uhjT5+PQy2ZGY72UkhjIU3+4saJkIQQKEAj1KaOacTT86Gf5qJPEdiHE2Qj35oCTBbmqj3zHD824DxGd2MC+GvoeifWPBprE3HZWfJ0Y0ycvRsM4MPxjcpyQR3+XguMQ1r0XWiYNafqjwNXiSbv+6Mkg0Khz6KEJnXzKd6I4zl+M0zWRKJzePqrEHu3thzycp4JioQzkyBWTDyVXnTWB+8MvphcTfEHLXZwxviTXurbqUGJc3DlzkMw2Dp6YhIlAEgIWKMighA5lmEZGmCkdFHQ0S2CnFulZRWhsWwIH/cuD4+5O7Rj1DPpZV6i+iST/i+4Qofcdy75xRIzQ53ANkDb6hH6dHCfmIyuZ+ohK7RMWAuX6w4EwuZIjw0a+DE6xeMSXIcj9CUzhGSOq88Q4KcyWIEZTAkjumP46FAc+zDYYtesu6Frs2i6vQgF4IlG4ZtSB6n1tq8C6KXC4ygh27D2Hho2uwMgWW/sz2sU6fwpLje2TIt+tDVzcBBT28+QO0bR4ubzfjZQtbqTc6fffTyvCh83nshdWdwopahciA9JgQ8apK5QmEctDhZGVXLJuyJ7QHgadGkSkCxwrQq4msPA/UN8WR7A/cX6qNfy5ivchgiSTI0Zs6eh2UgAilxGsiz0SU4kSLZOXnfiDHfzhxmXMLApXWuVhtac9vTRqhyUzScm735g/asMrw1GAWFN5xlq3tlvEGMctfskY4JKs865ohGJEu9BhpKIYKabWpCiNVM5RqswWy7odkwcJKnTViDOJYDxufUTCHZAvb8JomrPaf1gOlUnUfbO3+/VsdTu2ve8TvxLuHTTsB9L9Ut0tS/RMfQID47O4IwcYRmcXaC5ZQLKEHj5KlLaeSjJk++87V58k9sQo3+fRsKkQk7SVJpdJwv/HYIqXoD5kW+LqjkhAzaDCOItGoF9bWe4grDe6fzTM5bsfk5TIczRIfjmbN064HJvTeFpLVxeeePiZaHKtubrDhoOb86iWAI4R072/Vzj8CB4aPhhOpMRtdrKe8hrk8mWR9DFg1ZlZGJr6RjrTW7vX7JGBwjY4Y5PRGGnhhFMEAQdIZEOEKcSEXwjwRDFCZ1ZBdhthDVqdavvsypO3wfnOtojrRmEO6S6WHBmwVnS3EFQ3A4wkwVmuMOwbHGvfx8vCIdLbZtrOiFLLdXTCMtQ7sG0RzraIpXNV9OX+oYOqIi5pRUKZqclz2isyhKszQCcULi2UcO1acvaMVwud9w1HQDtBE8JK8EXW1cDGa8VX787LUMddyqAbfUyw8co1RH53aERGqnLGx93ppLZOG3mOSSnl0fgXYhS93wUiQSr5PKWCxLyE1E8ZP5iogxCuqTZCe7wucDPnfm47nahLyUL4bGXsZ7DKWnveUrD9MSS87Jm+a3Vt6XeWO1xGakJx7NxhKESQgU6or8vYxhwN/JYWgsRXI6T5goIVI0Q0+rhOVxnmJYgqQZlX8dYz4c8Fuaw6z4Y5QdnGw5Tjc1fG2vklCEZVJfYcV5E893489L8CijiK/G8V54yoyjGUtfXLt8I/ozPGDU6tC0lG/cI/Yv9ZUuDrVakpGqgqZZt1RwkgeNx4F2v9bGQUmdywsELxzR826gDsPM/fWYqzd1M5rTi9BpeB2SKHk+t4sfckQTzor1S/hCnBL97Oo4SuVoArDkQ1QRIziRETFDnE7iq1V+K25RlxNomaAxVoa1fSNFojcBH7oOp0WmgiWxvb4BqJgJFm3jCvLstRtqImuwY029orQKBaGxn6wRHjZIq3Q6Mz/OzgjFDrzWkpTjYeYGfNLtp/nrh/mo9Ce5aZ3jZbvHvrsYspSbt4MXkRyrmWysrQTMcDHaA3/TgLER0x0ovKTKqYXuxPYlXzASOa0gijPkBxmOoQkdMymeR1GSUTFNJ18N8Vrq564lRR9XX7jelWbHoac8aZCHGTJOI+AFY2nLa3mqBYEbnoB0ws5Gi897bPGEpVrSSWbGI5jBWgi1HiG+vMClb/NVqnCHcfALzRbThf55WTmNIqeMYogkQ+gckBFBYqd4oRIGiZMUjT9KwKA7ALM5qWjAaek1bG1kFz0oqkYXz1F/vC3S6rm24vlomvHRg+zOovR5ip0ITRbJGeU3ooqVcTvEWJ9cCBZN/LTpHHWnVUWFsxjAqFZk3BBpXto38PNpij24dWjHnxqRVuGQ3NWBpWlOehne0xJkXJGcBU3ttXX4ox9M2OazCBb81RmKLCTvjI7dZpxUiVZIv5YvX+UwFJ4RVJrnNEZkKCBIBk8IwKBofPrJNI+Yb8SXb2cOU1q826NUdtTak0Ue3LM14Grra7Q7PThHeyk1UYWOaN7lGSqh2MRCPge488JXd+IjxwtI6sljhotVjRM071FMTISPTgfeTG0O7UrIofm9fgqDUNKbOOjPwoLyJ0HRLnlBbu4qHsXZe1JdN45Q10/zcbunVw7qJL+ClYnFY8vCxV/yO1KeMzieRCnAojgCWZZnaXo6CIrBcJzKiY9CUFfZ5FauuNmMq4ffHlXVlBL0Ztjd39F8ww7M79nQabeQ6iTYL83SjUWEeyB4fIWsfST8lEuvl7IzmR57VlXYNBic5srMjAf7SuBgRSAPvz8mu2q5rhTe/YN2X5QW3SJRGRmVD5X9+bxrlMittF4Rk7f45XURuHIsIrRRkql80wg8FRd+OYj42n2Zw6AUhaQYRQEsIzGGidNzbPkp/JEcJTAa+QihhEG+E21NE+1wt1gSnxlhCwGdPcyKqKzeeYcR0zGQeF029qZLu4jTPvsYYeUYelRxEAvHAFyTdw95LnTpvuBllJ6he+AztNe2Ki0dVNwU4udlAezcTYBKT/oxVERTZ88m6IQ6XyQJRUcflVX0Za8+9gOqG21uZlJ0qMQUMgN6KR5MLVf2LQkOVj/Sx0I8rUc0xYW/Yunp8rqY7yiaU8ln5Fiqu0/dUsOXXhGcir8DByXUi9bIw+Xg1MfEHFsfnL4Efc3zTXqsUkQwU0fGshdTL6aJr5cjhXpXQJ0yXOtW0zKbPG75O4devfRK+HcSe1w6KD46b6N83SeYfEAKS38NXz7KYRKGopEYIB8WI0gTMmViDD95m6AncZLkG+mXb2kOc24SxBKrI6Df3djK7KWMgVkGR4jiru5VoJ3bBwuUME7kVD2qUlDKhrjATcxt4w3zuqx8NU7EwW1aXlkl1xIZ5G+VWFoimI57bBte/2Bjwnl1Dj4pbfvqUCa4wZ7KsHFL64sEDaYaQZU8Osp2DEgiP4z8ah6DQbyb+kIPMWFUN2fEm9sv3nOHxqf6RLGEIFOEICJAZGTOkBGNRkx6KtavVrroYq92RNq23ZrkUrwOWe6fDyk7ZlWem23tvVl9K4K4lqzrMgEi4sYkdNd+ygv+YvKUIEi1340SJ+sOWCO0RRLlfmXxcxzpRrqAJ5VRHjxx4l6RYOH6hb3tLLcstyq05fbWGSN623GmuL+vytS++5L1ux5M8oVq9cdU32XZ7BiBKF1vsITxwd+/1DCns8dP03EOLE7Q5LQkNJGSJJmi9DleAvkIo/IUc+t2WOiaHxbm6aXpXunXuD3jpuuSCit8jKxKvnGqwGXTHn/xLdure3JDeapD7bvwGo4rP9cFU0eH0LnTukkIIDmDVEoLd/AIEw5DSb7IYQCFkTmIIvRDMIQRTILkWU4CQCLxaeU+uh+mKUCZDIomisO2ouP9rbxnEuxsxcbL1YZ8NFC4888BemY8ZOaZ1le+os2d7KOxqJbeiqwRkOHdMHWqBH0qbHipX0uB9qXEn5q994iohN4DeZQlxoatn02PJxyRxYEqZO2GTGkn8bhjhE01ALJS2KowiRXMASoux+l41VVYqNjyRubhWRdQMnwGGyS1XkmFLUX26xjzVQ6TIRiCZgiZxXlCoR9ux2LIJD2tZHrCm4zib8SYb2cOYyeq/Fg3nR6zHJ0wKIYPRH4ypYqb4spUb5RFkrjbr9BbQK7Ky5xzgXffjlJSr45nYMJDpnR4Bm8xu1Tr1Izou3gbFjZAnBqS8aMTl6Iz9kbqC+lKC0JLawWc4fGsixQO987WyS+KKbICO1nFyYwyTn2kv1WYwsG9zMSWEyl+zbccYn/J/w3g4HS9ZEyjDIbSOX4ufOJs+iDGsiyL0o+C0GJzseG22s5uRO3pNhAjDyusR1MdfcB2kHj3p1y8V1YDVnbTFlTJBG/dOFqk7y9J4YIEZzEZje5oiC6g7ptxK6SQHOl9uy7XrkHiC732O4JMXNE+NnUViUliAC+0yOws+0NeKxNiqlPuPI/7K74xxW6LnPmY308mg4RLIiyXnvFzcqkpzmBVxfiSMTR5SjMsxuhzKxMR/eGmZQJ8SHlxGovJj2+gNarXpMIOuguscQLreWmrmOY7TbxCaXRDkBp7SmvLHHc6Epa582iuVk7dISehEWgQ2a7QRtziK0alC5mI97w87ZS6BoF9T7Q7oZguQQqlePvinjsM0Ch5Xno0YyKSyqOEIaIkBlHK5Cjz8Z0CWUqJrrKA9iHy041f9ApCbeGNaqbXMZJkkzxpDEKQB2znWndRQjLC2oTTTO3Us1iUmyJoc2lHvtLgGxlfSxbZ4v70V/leXN54MyALyw0FdRHmYh74hyuJfSZuuRsZgIC69djfhBpqzoVWMtDWmWw+aQ6Xj26sgkgfLzj69gvXaMYL3PlPBPIJtVAc3eVhs4TLWvkbxvz6/wcRkm9p")

# %% [markdown]
# ## 3 · 没有要学习的参数
#
# 常见的一种说法是：*“最大池化层不学习，没有要更新的权重或参数，只做下采样。”*（英文原句见文末的参考资料。）数一数：

# %%
for layer in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.Conv2d(16, 16, kernel_size=3, padding=1)]:
    print(f"{str(layer):>70}：{sum(p.numel() for p in layer.parameters()):,} 个参数")

# %% [markdown]
# 没有参数不等于没有梯度。反向传播会穿过最大池化层：每个窗口把梯度传给取得最大值的那个输入，其余输入什么也得不到（平均池化则平均分给窗口内所有输入）。在 4×4 的例子上：

# %%
X_grad = torch.tensor(X, requires_grad=True)
F.max_pool2d(X_grad[None, None], 2).sum().backward()
print("经最大池化传回输入的梯度：\n", X_grad.grad)

# %% [markdown]
# ## 4 · 池化还是步幅为 2 的卷积？
#
# 步幅为 2 的卷积同样能把尺寸减半，但它有权重。比较从 16 × 28 × 28 到 16 × 14 × 14 的三种做法：

# %%
downsamplers = {
    "最大池化 2×2，步幅 2":     nn.MaxPool2d(2),
    "卷积 2×2，步幅 2":         nn.Conv2d(16, 16, kernel_size=2, stride=2),
    "卷积 3×3，步幅 2，填充 1": nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
}
for name, layer in downsamplers.items():
    with torch.no_grad():
        out = layer(features)
    print(f"{name:>16}：输出 {tuple(out.shape[1:])}，{sum(p.numel() for p in layer.parameters()):,} 个参数")

# %% [markdown]
# 它们各自能学到什么？带步幅的卷积是线性的，它能**精确地**学会平均池化：让输出通道 $o$ 在输入通道 $o$ 的四个像素上权重都取 $\frac14$，其他处为零即可。它却学不会最大池化，因为取最大值不是线性运算：一般而言 $\max(a + b) \ne \max(a) + \max(b)$。

# %%
as_average = nn.Conv2d(16, 16, kernel_size=2, stride=2, bias=False)
with torch.no_grad():
    as_average.weight.zero_()
    for o in range(16):
        as_average.weight[o, o] = 0.25                      # (2, 2) 切片：每个位置 1/4
    print("带步幅的卷积 == 平均池化：", torch.allclose(as_average(features), F.avg_pool2d(features, 2), atol=1e-6))
a = torch.tensor([[[[1.0, 0.0], [0.0, 0.0]]]])
b = torch.tensor([[[[0.0, 0.0], [0.0, 1.0]]]])
print("max(a + b) =", F.max_pool2d(a + b, 2).item(), "  max(a) + max(b) =", (F.max_pool2d(a, 2) + F.max_pool2d(b, 2)).item())

# %% [markdown]
# 所以两者是不同的工具。池化不花代价、也不可调；带步幅的卷积要付出参数和乘法，但能学会**如何**下采样。Springenberg 等（2015，“Striving for simplicity: the all convolutional net”）把网络中的每个最大池化层都换成步幅为 2 的卷积，在 CIFAR-10 上并没有损失准确率；ResNet（第 12 课）在网络内部也用带步幅的卷积下采样，只在开头和末尾保留池化。
#
# ## 5 · 池化后的特征图对小平移不变吗？
#
# 常有人说池化能降低卷积层对位置的敏感性（《动手学深度学习》6.5 节把这列为池化的两个目的之一）。我们来量一量。取 500 张 Fashion-MNIST 测试图像，用两个固定的边缘检测卷积核（Sobel 卷积核，后接 ReLU）计算特征图。Sobel 卷积核是一对 3×3 的差分卷积核：一个用中心右侧的一列减去左侧的一列（中间一行的权重加倍），在竖直的边缘上响应最强；它的转置用下面一行减去上面一行，在水平的边缘上响应最强。然后把每张图像向右平移 $d$ 个像素，看特征图变化了多少： <!-- parity-ignore: 6.5 -->
#
# $$\text{相对变化} = \frac{\lVert f(\text{平移}_d\,x) - f(x)\rVert}{\lVert f(x)\rVert},$$
#
# 分别对特征图本身和 2×2 最大池化之后的结果计算（作为对照，也算 4×4 的）。

# %%
images = test_set.images[:500].float() / 255                     # (500, 1, 28, 28)
sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
edge_kernels = torch.stack([sobel, sobel.T])[:, None]             # (2, 1, 3, 3)：竖直边缘与水平边缘


def edge_features(x):
    return torch.relu(F.conv2d(x, edge_kernels, padding=1))     # (N, 2, 28, 28)


def shift_right(x, d):
    """把像素向右移动 d 列，左侧补 0。"""
    return F.pad(x, (d, 0))[..., :x.shape[-1]]


def relative_change(new, old):
    return ((new - old).norm() / old.norm()).item()


def fraction_unchanged(new, old):
    active = (new != 0) | (old != 0)                              # 忽略两者都为 0 的位置
    return ((new - old).abs()[active] < 1e-6).float().mean().item()


reference = edge_features(images)
shifts = [0, 1, 2, 3, 4]
views = {"特征图": lambda f: f,
         "2×2 最大池化": lambda f: F.max_pool2d(f, 2),
         "4×4 最大池化": lambda f: F.max_pool2d(f, 4)}
changes = {name: [] for name in views}
for d in shifts:
    moved = edge_features(shift_right(images, d))
    for name, view in views.items():
        changes[name].append(relative_change(view(moved), view(reference)))
for name, values in changes.items():
    print(f"{name:>10}：平移 {shifts} 个像素时的相对变化：", [round(v, 3) for v in values])

# %% [markdown]
# 平移一个像素，特征图的变化约为其自身大小的 80%，2×2 池化后的变化约为 60%，4×4 池化后更小。为什么只是部分不变？窗口中的最大值若在窗口**内部**移动，平移一个像素后它仍在；若越过边界进入相邻窗口，就变了。数一数完全没变的值：

# %%
moved_1 = edge_features(shift_right(images, 1))
moved_2 = edge_features(shift_right(images, 2))
print("平移 1 个像素后不变的比例，特征图：       ", round(fraction_unchanged(moved_1, reference), 3))
print("平移 1 个像素后不变的比例，2×2 最大池化：", round(fraction_unchanged(F.max_pool2d(moved_1, 2), F.max_pool2d(reference, 2)), 3))
print("平移 2 个像素后不变的比例，2×2 最大池化：", round(fraction_unchanged(F.max_pool2d(moved_2, 2), F.max_pool2d(reference, 2)), 3))
pooled_then_moved = shift_right(F.max_pool2d(reference, 2), 1)     # 池化后的特征图右移一格
print("平移 2 个像素 vs. 池化结果右移一格，不变的比例：",
      round(fraction_unchanged(F.max_pool2d(moved_2, 2), pooled_then_moved), 3))

# %% [markdown]
# 平移一个像素后，大约四分之一的池化值保持不变；平移两个像素后几乎全都变了。但它们几乎全都在右边一格重新出现：平移一个步幅，池化后的特征图就整体移动一格。池化只对**小于窗口**的平移提供不变性，而且只对部分位置成立；平移更大时，它提供的与卷积一样，是更粗网格上的等变性。真实网络还存在混叠：Zhang（2019）《Making convolutional networks shift-invariant again》指出，常见的 CNN 在输入平移一个像素后预测就可能改变，并提出在下采样前先做模糊——值得延伸阅读。

# %%
fig, ax = plt.subplots(figsize=(6.5, 4), constrained_layout=True)
for (name, values), marker in zip(changes.items(), ["o", "s", "^"]):
    ax.plot(shifts, values, marker=marker, label=name)
ax.set_xlabel("输入的平移量（像素）", fontsize=11)
ax.set_ylabel("相对变化 ‖f(平移后) − f‖ / ‖f‖", fontsize=11)
ax.set_title("500 张 Fashion-MNIST 图像的边缘特征：池化削弱了小平移的影响", fontsize=11)
ax.set_xticks(shifts)
ax.legend(fontsize=10)
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# ## 6 · 逐条核对关于池化的常见说法
#
# - **“池化层压缩特征图”**，减少计算量、保留主要特征，而且没有要更新的权重。**正确**——见第 2、3 节。
# - **“池化会缩小每张特征图，但不减少特征图的张数”**，$s\times s\times d \to \frac s2\times\frac s2\times d$。对步幅 2 的 2×2 窗口、偶数 $s$ **正确**；$s$ 为奇数时尺寸是 $\lfloor s/2\rfloor$（打开 `ceil_mode` 时为 $\lceil s/2\rceil$）。
# - **“池化降低卷积层对位置的敏感性。”** **部分正确**——只在窗口范围内、只对部分位置成立（第 5 节）。它还扩大了后续各层的感受野（第 04 课）。
# - **一个类比**：池化就像神经细胞，只有信号超过阈值才会传给下一个神经元。请把它当作一个**宽松的比喻**：阈值更像 ReLU 做的事；最大池化是在邻域内挑出最强的响应。（神经科学里有更贴切、但仍有争议的类比：Riesenhuber 与 Poggio（1999）用 MAX 运算来模拟视觉皮层中的复杂细胞。）
# - **“最大池化简单直接，而且是最好用的方法。”** **说得太绝对。** 两种池化都在用：AlexNet 和 VGG 内部用最大池化，LeNet 用类似平均的下采样，NiN、GoogLeNet、ResNet 的末尾用全局平均池化（第 11 课），全卷积网络则完全不用池化。哪一种更好取决于特征和数据（Boureau、Ponce 与 LeCun，2010）。
#
# ## 7 · 预告：LeNet 的可训练下采样
#
# LeNet-5（LeCun 等，1998）的池化层并不是没有参数的。S2 层把每个 2×2 窗口的四个值相加，乘以一个**可训练系数**，加上一个**可训练偏置**，再通过压缩函数——每张特征图一个系数、一个偏置：S2 有 $2\times 6$ 个可训练参数，S4 有 $2 \times 16$ 个（LeCun 等，1998，§II.B）。`cnnlab.models.lenet5` 中忠于原文的 LeNet-5 给出同样的结果：

# %%
net = lenet5()
print(net.s2, "→", sum(p.numel() for p in net.s2.parameters()), "个参数")
print(net.s4, "→", sum(p.numel() for p in net.s4.parameters()), "个参数")
maps = torch.randn(1, 6, 28, 28)                          # C1 交给 S2 的特征图
with torch.no_grad():
    rebuilt = 4 * nn.AvgPool2d(2)(maps) * net.s2.weight.view(1, 6, 1, 1) + net.s2.bias.view(1, 6, 1, 1)
    print("S2 输出形状：", tuple(net.s2(maps).shape), "  等于 系数 · 4·AvgPool2d + 偏置：",
          torch.allclose(net.s2(maps), rebuilt, atol=1e-6))

# %% [markdown]
# 常见的描述用窗口的**均值**来介绍 S2，而论文在 S2 和 S4 中用的都是**和**。两者只差一个因子 4，可训练系数会把它吸收掉，所以描述的是同一种层。这些描述还常写“sigmoid”，而论文用的是缩放过的 tanh：$1.7159\tanh(2a/3)$（论文附录 A）；第 08 课会搭出整个网络。
#
# ### 小测验 · 判断对错（1 分）

# %% tags=["exercise:pooling_true"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("pooling_true", key="c5789e46364fdb0335a4544376f6b255",
       options=["64 个通道上的 2×2 最大池化层有 64 · 4 个可学习的权重。",
                "最大池化让网络的输出在输入任意平移时都保持不变。",
                "步幅为 2 的 2×2 最大池化保持通道数不变，把高和宽减半；尺寸为奇数时默认向下取整。",
                "只要权重选得好，步幅为 2 的 2×2 卷积能精确算出 2×2 最大池化的结果。"],
       prompt="关于池化，下面哪一句是对的？",
       hint="回顾第 2–5 节：数一数参数，量一量平移，再想想取最大值是不是线性运算。",
       explanation="veiled:Ug99Pp9hnMKHKAEzlWObnycdtmNDYEm3IHu59MiJ3UVx2c8z7DQxlUDNW9Do4XiBSnWdQaiCmlXRcbJUgekaJUfqEExpcjr2o94Z2Gg/YT6/7l5jiiv51P+cABebpRIfnoFs78tcUs+Mhd0tKHqDUPrxjNJqq6b7LvwOgZrB44TuNg5A3ZDvhSPCLdeX8bLvDN/ZVYxXkEJc4H/WRGeY8jJRnGyswCU4SZjjAnBePTaIXkaCcYZYEE+2NaxcieSTd66OgeDw7kX7s+xP0sFH8LNblLtBmJfPgtAmMktVUhJuO7uVfG9yiKziPZjH",
       reveal_after=2,
       mistakes=[("0ee8bc343d1e5ffe13400621ae862fb9", "sealed:IfJnIFXM0j09qEp6UX9utGMkiQLaib3lw1ykSMrMP8jJjepLBvZKqJZOt/xLXayk5OsVCqGSNcIBBTZEpUg+R0sFrw+/mbSCAEUhljuFo9JxxoEZfNKXcC1Ur9NwPaEpri2ZjwiDK3SwDEx938si5EptnlZ0"), ("6ef3aeff13cc6709faecbc67c2571173", "sealed:QfK2Kp2230EOY+IRm3kxZXX0ZyrIUpSmeJzsyA53usFja/d+zhVQqF4RVmvNbdsOHguLY9piwnp3+VtKBZGq23aB1RZ9HJdaxMzXVQTx/JHXsbz6+o1qIy1YYp+9bzx5yKQ5i0sBs693WWpLKMkqCBHAio/iQ9DmoI/tAF04mrRtyQ=="), ("dae1bd33d3043b416462500249ffae69", "sealed:SZzgYhvzhrRsvdq0eJjKcWT47lVIRRAkbKgFTb+hvyF94NaUzh+RUK/bdA0pjrNltM7jjbN1F55/NeCwbDPVPYH7gxDV016T84yxYb/yk29Ttf037nIIDMC7mxwaiEJ7ln0noPuEncLyvpSWaajDH/MZjHYIFIZLeXpfFf4/Bahh")])

# %% [markdown]
# ### 练习 · 任意窗口与步幅的最大池化（3 分）
#
# 补全 `max_pool2d_single(X, k, s)`：`X` 是二维张量（单个通道），窗口为 `k`×`k`，步幅为 `s`（`s < k` 时窗口会重叠），不填充，尺寸像 PyTorch 一样向下取整。返回形状为 $(\lfloor (h-k)/s\rfloor + 1,\ \lfloor (w-k)/s\rfloor + 1)$ 的二维张量。用循环即可。

# %% tags=["exercise:max_pool2d_single"]
def max_pool2d_single(X, k, s):
    """对二维张量 X 做最大池化：k×k 窗口、步幅 s（不填充，向下取整）。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:max_pool2d_single"]
_ = check_function("max_pool2d_single", max_pool2d_single, [
    ((torch.tensor(X), 2, 2), [[6.0, 8.0], [3.0, 4.0]]),
    ((torch.arange(25.0).reshape(5, 5), 3, 2), [[12.0, 14.0], [22.0, 24.0]]),
])

# %% [markdown]
# ## 常见错误
#
# - **跨通道池化。** 池化从不混合通道；只有卷积才会。
# - **忘了默认步幅。** `nn.MaxPool2d(3)` 的步幅是 3 而不是 1：步幅默认等于窗口大小。
# - **以为总是精确减半。** 尺寸为奇数时向下取整（最后一行和一列被忽略），除非 `ceil_mode=True`。
# - **“没有参数，所以没有梯度。”** 梯度会穿过池化层：传给最大值的胜出者，或平均分给平均池化窗口内的所有输入。
# - **“池化让网络具有平移不变性。”** 只是部分如此，而且只对小于窗口的平移成立；更大的平移会移动池化后的特征图。
#
# ## 参考资料
#
# - CS231n，*Convolutional Neural Networks for Visual Recognition*，关于池化层的讲义（4×4 最大池化的例子）。
# - 阿斯顿·张、李沐等，《动手学深度学习》6.5 节“汇聚层”（池化能降低卷积层对位置的敏感性）。 <!-- parity-ignore: 6.5 -->
# - J. T. Springenberg, A. Dosovitskiy, T. Brox, M. Riedmiller，*Striving for Simplicity: The All Convolutional Net*，ICLR workshop 2015。
# - R. Zhang，*Making Convolutional Networks Shift-Invariant Again*，ICML 2019。
# - Y.-L. Boureau, J. Ponce, Y. LeCun，*A Theoretical Analysis of Feature Pooling in Visual Recognition*，ICML 2010。
# - M. Riesenhuber, T. Poggio，*Hierarchical Models of Object Recognition in Cortex*，Nature Neuroscience 2，1999。
# - Y. LeCun, L. Bottou, Y. Bengio, P. Haffner，*Gradient-Based Learning Applied to Document Recognition*，Proc. IEEE 86，1998（可训练的下采样层 S2 和 S4）。
# - PyTorch 文档：`torch.nn.MaxPool2d`（`ceil_mode`）、`torch.nn.AvgPool2d`。
# - 第 3 节所引说法的英文原句：*“There is no learning done in max pooling layers, no weights or parameters to update, just down sampling.”*

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `06_pooling.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("06_pooling")
