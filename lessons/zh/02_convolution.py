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
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:corr2d"]
_ = check_function("corr2d", my_corr2d, [
    ((X, K), [[25, 31], [43, 49]]),
    ((np.eye(3), np.array([[1.0, -1.0]])), [[1, 0], [-1, 1], [0, -1]]),
])

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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
shape("conv2_shape", variants="cnnlab-variants/1:eNrtmlmv7Nh137/KRT8lYAMcNodNAf3AIllFFossksXiUIIeOM9jsYpDEEC2I9gRHOjBARTIAawkMBQ4SoS8JJLc0Ys+SvpK8ZO+gnk09L1AGsptAzfoRvd54TmsXeTam2v/1v/Pdb75Lz6o/CCuPvjGB2U8NHF1/4ig6A9f3fM1/oj68FXnR1HepB8RH3y4DVi2YVGC+UxMEzEZJniSkAlORjEVYzGGY5AO2G1gN7R1N25jX//7//wqbJsn/uqTn3739fd++Pq7P/z1D/7Vr3/8409+/pev//uf/ubjv9hutn32d6+oX36fevX63/zPX//oJ7/64U9/8/Ff/uon3/vkFz96/R/+y+vvfOcV8XLiv/7t65995xX+m4//9W8+/sHrn/zsk59++/XHP3z91794/Wff2z5//d/+7P/84q9e//nPtzu8/l//8dff/R+v/hn/4Svpw1fOP3/1q3/3k0/+/tuf/OwvfvPx32wBZnnzEt6ngWxfefnud/52G/f7gH9/6s9/vl2apbfoXiKk/ve3//RX3/3uq+bVR69e/viT8uWX7dhtR2I73rfjNtm//0/btV5/58evP94i++uXqfz07z6d3Cc//9Gv/+3fbNFvJ393i3/49g/+4U/+arv2Flo8d5Xf+GPeNluE99iv4ugbuMYzFRIFfC4exd0I7g008YfuHa1mon1aUW2bSIU5SIzjjVHpdZ4clQrMnBPHkybfUjNtVRK4XiTDUmJQCQXBSHkW+YzybCc9tYukp8V5ngMvcj26r88P616KJwVJP/poi6nO76NfxvcPvvHNb35A4oAM4pAgA4zwQ4JJQEAxOEWTvk8wIR5v438fdXua9+GlJ5vHyZABp03kUbl6BwwTk8dM3AZjIcJFLUequ+YSiZPhGu5FWvPi4BLtcZ4x63RfVuzYMHQnMvrxzIzkriLYIKbw9bYns9wgj1HT+oFepvgBlthMST5qCNGppRMNdle0KK9cVVyZK3AiWDnFY6q0AS9qO1drME808cG3PvzmB4Bikhjz4zBgY5wAARmyEMYwjLYJxgnJvJmSjU1JcsaHi7Ee7s7YIv65UNc23fV3GjfQU6VfzYTsmh1KkKKN+ba5xp6Osqb4mPFRbkWGjCG3EDmsIlEmJsptZHhA7dxyn/bzikmwzMihPZC5sE7sU2GfJaRNz8SKEk5mOw5Su1Ni8aPfhs3AyKcodlv9MMDDbf2TgPIJKtjOhjEbBG/CHgl5Xu98f7p1HQI8wWKuY9c5Cc2zRMkvuwXbXerLPbHq1nt040RQx+ci1KpJ3HbkEZ4zcOcxXekzZLZIfjfllr2nZOeCnq/3haHny+IRVNo85h0uOkFXmjx3lC53w27zaRJOiRsJMv2SSy9hs8z2E4YQY2mSIhOWeUmbMGAIGIW479Nvwu6C5uwxKZb2KX973PPLcPFD5OkRerlPGDTvj+wZtFrST12tigIX0QEWlB4WTkWfejktDLcomW3LCIvBn6I4MdPsVozEmU3k9iRXuivKFxG9VVeRNPeyRRbnmlscr2qW5VIGa3lfNAmTVZfLKfLIzG6Bg0O8xz741rf+5YfvCE78U3AyLMtigAgTbMs2HI+iiGUCEEPaD/2AhOB9gBP/MoATf3/grMQqAnOPcMKtf4xZTM+swgjZo8nRPrII4SD1Vin1UW41mZ8v2QFlPQ/lzvVhli0Lcnq0MIrCImmwl2Owv2IPOT2ve+xpqxN9bNo2zg4D0OvlhF/R4EqYCcufCT85cP83ODES0sDHARXHIU4ChiRoMiAoIiRgSG0gfZP3d7R2Rc1oHqMvu2HlYevanTCjZ+jWuZFPrpGkE7ujmaeBIH6DPTJ59Fx03xDpnoenvRodJrGxjJp3dkM96A29ocHdW6dW4ZvqyiCAKd3jcaBt5bDumPDhaEbe+iTpUUF2v9jFgUX2D4PI2EByPIjfsewBKelC0PEFsAFwEX0Cv93KMUmFNA6xOGTZgAiSJIgDH4csS+F0HPpv1YL7eFZAFwhLZIVTLAHXx8fRCFJmIz8MXNNY0owCiVM1xa2xksrgKk+LHtM0TI5b21VsyQ/PvJVSR/qnCQ5igcDoORTTjcnEJScFBCtM4Ukj2LGnUUbNsFuz6mOUHM3CpR5T5jSCqf8BnCFLBDjcKlmIEQRkGZBgMEgIQARRRERvPQliKq/87N+NLLVQiBYo1S+o7nLHC9fcFwNLHuoeeu6juGRyN1WQdHm/LfW9eW/ifUeoeycs6Q6NMjARXGDMkoeiO0zjRPquIcjB5qbpiaMr0dAFezLQxLxMN1mtSjWwlEzDSmiWq8h9wcEpvgs453cCJ/gsxYnTNCASAImEIskgSnxqe1iACRM/wgMa9/9p4AS//D74kipO8P4V58Nu9ua+HePpYML+1oyH9ZTeKvIRQlrrZCNS1zi9OBLZrBJvHtSlOPD1LXRC3s9NzznRQM3jc0H2+VhY7EpXHDitTXmy7JkbL7eOtSrNDYfMCg9FYyLzkcsQLLHP0mcoTmqTM9uOxRI8xrDE97ctAEh2sx8EE8EogW/y3r+HSLtHLYVcNBzWBxU3Bmn25BvCr7KYhs6eyR6hrN2AzcolUqzlyeuBxlyA48u0UBzSu1bNl7Sy+JGHgn/rpguq22g9UqPYTydXuRrrWav55OrU1zz3lzyD8RMWd9+f17T1ldIe6HXwdju281mFCkb4PDNgXvnWrNGaDH3qd1s5pmg/2fQbAQHDJEm8pfXGHj9JAB7REfZmSo/1mozkQYnTIsoxTUCbflCEVov3AlBQwBkyUVcWtgbrDcGD2EAW0gI1btDt1UnPJy9P59RN7vpwe+DX5XJyJlQ6JnTZoQmO9icyaGvj1ktrsaPtJ0yy4GAFueamy3xMW+smWM9uvGLG7wiEQYwMwthnI4ZMyDAmWAyyEIdxQG+CEwdvaf+qJDQZRdceX67ODVC363GFpcGFjqmt0Tg4YhNTQa8BuvC93FLOi9uDc2gmMYsUfnk+5lWkO24+sO517DWXCvWwMqKZ7xQkn2Y9YZIGbwKuOouDeVI9Jjl188Vb+GwlXRftLmsn/EFxvrtQ7p1JIe55eurnFmYIj+i7/slKEF7VuNozjyWFWl12cpjdwu4sOtOmCIAEPN7ahxqfRahYpbUaREQiD08jdKFBYu0tXRRgKlVwjxsQjgXGqK070+CAnW2xMvYEtdwe0o4+kvucUUayzM69b2bTaIHsqB87qtI/Dzjx92zV/zg48S8DOPH/L1Zd/9Sqx19b9a+2VccIDKMhiLbiBbGABTETs+RmCAI2oBLybcXpxOERP6VX7tFiRBhjC0IWLOeHPUoXhmA3TkVYzQB2zu0s3C9z1+DLCXQoT8v9LqPsbhO0Lwbf8WJUZEFCw97PAYMjwpNKWf3ERVcRzcpJ2yM134cHFiD3RDscHJPOM5Jj8boDFmF8wcFJvgs49XcCJ/NZivP9WHXml99nvqSKk3n/ivMtq95+atXXr636V9uqv7vnfTAJHjEckt5IISCVAk2kyO8RZrrZYwwJrY84E8SyXAEvPxV9Hbg1HqfHdJP3wLbQLvIMVFvEUmJ9S8s5anfRDHkJHEb0H+gQK/SFs2SjYCDPHSbPpmA1oLwj0F3mCt6j7UyFaffT78GJ+wHDkC9ieau30cZKbAs6ZF5eNFBJTL8VNtOoksqJqnUooGrnQqdHz8tuHQiJk/ds6M6P6w5ETb9l0q0J6DWPrq47qczNIxSbkrGn7nNkJlzt3Eh1AwXYsdLuMPP14NI5x4Kz2Pk5IlRqzdWs7Y6JTbFLuKmKUkUyyOHFsWy9G1VMw+meeUhA0rV1fIpV+HnA+UZxYi+FAfg+iCBBYxQkIOmTBBYmiY9tWUu+D3DiXwZwvkfF6SV+UrQPoWQlZ04wM4wkFY8rqaoOesEdqitBWOWMZEaQ5L47KrfWiHDUXZMEZcmHeXfVJUSiWa8ota2oIUGsS4ZPRzxe4IvVVMEkzKIx2tN0cVRdUozT2WwN8X75DMUZYdhmDllIkCGTkCxFbgSFNEwwIqKwMGLf5P1T80vIRY7gVoVAryEz0tPi6J2gGiWlicTjTCS3brFVs78sGUHy/BPpeG0uBBJEhZPxhNd6Q0e5xkDUxXXWZyrj+UtqUZOTuEN0lG+hWyVXucKou25tQvx03bSqEWmz5LE1uuZ3WTd9XXmSVe5JGnwEWGv4Lkeg7aoQq4fP/W+3cgDBBkgsioC/SQAfZ1gfxGSARwHNsIH/1tuHZ2fgNsLhmXcAZZ1eh2rchTlBSFQCaHnPZcQVvVw7dmbuzens6xSTLfv+QNZe7l3gftJaVD5zItgpT1iLmE4KPji4B0RFJ2MHLrVnC0uMr6u+7GVRu9L2kc3hoTXo22GY/dMa7aE8avffEShkt4Xfyle41ayAZCAB6K22hAmADAjChHwTtkTF5TGyzrLLYbRasGo9HPfqbqf6CtMxkbtnJr+6r9OqFzohOHfPZO5CUB5mpnsOOpTTtcDVETFs3qtsK3/kTy4vU64n5tCOWyJSZsPN2tI8TaclDy/Rqbi5s53ur5Y1yVcMkZZrf+G+4ODcvws49T8CTpyAf6yrTgfBxsoYsGESQ9YPWMzHsSChMBwQGP1bX/M5wLnd7Ouu+v8TnH6E6DG1OxWwXnJoMIPWZheYx75KFnh6kksDHYE92YgGGR9SnCOvB4AiHH+vhG3X8XGiS6kRkYpogtAXTspQVRqTPGq+w4lEGRAJARq7EqXSOg9tCBIfsfzYSJHpM95xAmpTNZu5TUiaAJDapBnAWJ8OfJYmYJy8yXsRlBXNcpWBT5V5yzNzRw20uMulBtTlBTs8jzWWeooad4yM4kxfXm7FehKeD3pdaNx5+NVZuxTxsGf1LPTPrb1B7zEVhXZ7lruROlHKyZeIkXJ1UROOl0VVjXHnpWJbavfs6B9tKyMz6HgHLiIf/axe6M5oH+g5dnJxFYbrfq29L7NVxyPAbjL/Rb4wCcQhSbCET9IYHpARYMK3hDJ8ZqgRRUGhBvG0PWMqW5XAgKu1OuXdEW8rQFfU0zTumUwG6/Mlr1xvZ9PzuriybpQAbeEylVNMTZckv3o9FBGVPTJHqSaKJ7gRxW550Bp+K1zOkIC6R1JpYZ1lZ5eoIDHLEETmHuU+tepxjFEUFsUAbtBkcYCzLPS3NQc+xbyt7106Ws0yc02N6TMTYlfrNqVzI+m3gWnvAepv5Xc9pUQzhUFFUmg7M7YqByPWdFvteHpOfSyfoXSh2CB9ZlRqX48LouDEQ1VkYNaugghRy/eXwiKCBsWpdvR8xGMI1pr09hz3UTyPdnfnInx+OllP55hy9ziD+TzgfKM42ZiJAwanCcZnsJfi4UNIQT9mgpgK2fC9gPOr3lU3DTJIbO1stTCfj+zVJCU1lBwzkYWhpXpc29nBHnbaUTDuECskqwNlzOUUZwYoMyczNi8wPV5DbipQE9PQDHfc/sEv2vocA6puBGagWy/bod5Yn9lk2d8pV+DmVP0McG66hglonNhsB+bTTBKBcEv3cHv6FLVpn7fynl/P4epKaoHoEOtKWVUCu5QOfEMf48S7KNi1EnwPz2oLk3cYvq+RlrXdjNgdTaU47OyRVNd76+/cmiDK9OKuvbNDwFJOuECbZ3CQqnOHuuaF64pdH6p367JP9kwgs9VdxRK1fOCorFacbLIP+nm+r+ugHDnEtPk205opbsHl4n2ZrTrOJIG/bb0Ep+nkRS7DGA/oF++HQyoi3uppJR7TTcXiF4NiIPkS67PuP7293Uw41ZvGfn+KWUlygiOwsQu1mLEO0cfxkq3u43xy61EjKzxrGa212FBUskzFRMJW6IE77cOJinbo6MVed2LcqlfkEjVkmhRZP4ozZb9peDI4LLu2NL7g4KTeBZz9O4HzM7vqFLFtG5bGtjIdJxFNARASABA0TmMkiVP4Pw2cX3fV/2hz6GnIYV2NjMLYrtpjPBQnLwcrlS0q683PaI9dB4ceBGvBhxhjqeM8tFVFq7zcUCAWXXy4w5QoURo74FU3MtlBDLRLFeyciwmHhOuLyNGTW0EG6AM18v5+P8yHy1J/BjhfGuksnoDNXiV+iAEIiBiDIdzqZ0SS7Fu9XEEY3Yd94omH6/SFTz46U21R9rbIJkGV/VyfscqHNsdlUa20QVFsIlcYdwMMvbV2O4YPJYxmp2ufgxNMudLXIEs9jQPPW9Ihs4x9I0GOW+gz/4TkZmZVe7oert4xyNQ9L12VprtqFNoUve83rNvN0koRuyxJzMfzIWIH1nLC5MvcVWcBxlBxQsRstIn/kAqTEMAIvvgB3IfRW12Ws2dn+jw+8lMVOh2rpk8g+bTXeP7JvFXWgZrUcws15kQM+cxl6LVKLDFj2xc37IsgtKgY8rfqfjzsVT0l6Qmbo15Z0vT8yBX0pNrzGeFqn1LGUj+yLNoLbYJW2bYi3vE+bdUdVQL6U6v+zkKZ0W+iHbFmgQrJEp7dq11rkTgadtWoo6kRa8Hf0Yfs6+0Dc/21zJ/ADhVOPak8WV9KI6+VKW+y7mEODX7Ya7lksXdP65Zk3ZOufnNEAk9vHUPvxEfdm0+6zgd02Wpe7i/avJsfjJeyirczb4OfX2JWxxdPpE3q84ATf89W/euu+jtadexTq65+bdW/2lY9iiOMDaJwi5vCt6gpBosIclPONCA3FRq+CXsuXNSXfFk5T5FQYkFjwKvwKBKNXOjOfyhJv6LVw0KurFqOLtzVSQmG4ZQRzOF5RiRefiocphxrNrhxNrrPMKfc4eeRpNZDvSJiV6ImLPcDCZ8somFTl1K7gUECxPYaKruACygVz/2igzN6F3DG7wTOz+yqvx+r/nVX/R2tevqpVQdfW/WvtlV/d89r+JV8LXeRiRRDIfk41aigrojyqPtWt1UBf5yCla2yFoxJnhi3R3i4HlWFang8O8PlJNvcgd1m9Qhzj1xL6eSWwjMQnADXH+k8kSgjHRaHmOj9Uh3y1roPrADh4zrbNpKL49SSpOz+4f844wBCmg5jlmDpGATEBv04Cjex7BN0yIC39P1uWO/V7JYpA4Z0y/SrGAE0iPRsZzG9VB0a7xQQ1cRKQ2TXkeRuidHQ9wlZ4got1JQwbNLjq+IQIS4ztOZ5tRvpyfC7aq8Z2Dg/U/Vi7ayCwIGrbOZgr7UVNfHiQHqur4kwpa2zqhbLoGHe7nrmmCgVaO50kT8PON8oTpKlfUD6+EZNPyD8l9cqdOyDgPUxattL2PsA51e9q66wlm4rmduh5/uzynSlbiJwxWgiuVtITFD5molopFVYLybxPT+XC80ehAXzMGoq9HVP7eROwJ5aHhwPLKKaFSWpLRstjITXaE0FVlPpa62w9pEk08HkmbMmWrceDT+jqw42UgaAJmgCxzZZEycsJMnNJBIhCfEoIN7k/YU/Q2msMc+f5bXdBeBy7Z5znO/wo7ocNicbeJDHTzuXZiNEtgyc95jVPKgDOdSNj/XOVX0CpAe2q2ZjWVT3zOYVRXTXlR00PJkWYMI205nzFWS36tTo7lxklDzq8ZAa3YNgqTzhVuFuWIpv6iqTTg5aRkF+B7N266fdUyUuX+auOrWJZCwMI4piExono00gYxDHSYoKtkdDvR32IWiFEBxwvl5KVtoLiHVGDpbPd2aKEyatcM4UlWjoQ37Y4+rU7HX+SLUzUUtodKBT6mxu7uF5RYoe8FXr7GxnCs5gKUBy9/hlGmyeQp1pItdGbXN/rysC2gP9qdUXgZ/OkbK6x577goMTeRdwwj+A81v/CE9093U=")

# %% tags=["exercise:conv2_params"]
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("conv2_params", digits=0, unit="个参数",
        variants="cnnlab-variants/1:eNrtmVvP61h9xr/K1r71SD6uZRtpLpw4cRLHdhzHxxEXPiyfD/EhsZOqEgMdWhBoVNEWaQCVSi1FlBa4AqoBpPJRut8Z5mq+An5nQ/fWnlEF07vOJFIU2ctrPV5Z/996HueNv3ha+gEqn37haYG6GpX96xSArz3pszt6HTx9bT56m88FBM9zPOIjmoxhiABFx0HE+RGMI8Agn50bnrumOg9z24fv/vBJ2NRX8smzX3z94e3vP3z9+++/81fv//jHz/7zGw8/+/KH7/7NPMJ87kdPwG+/DZ48fPPn7//rT977/i8+fPcbz3713ff/7oePHfAftfjdr7/18Na/fPCldz5481tzZ3OLh3/6t4e33nr2q9+8/7VfPvz6zYfv/PrZb7733jfefAIeOwMfvvu1Z7/40sNbP3vvu197+Od3Hn76t3MvD2//5OHff/Dsl48yHt7+8nt//9NZw3vf+8oHf/3NWdvDm2+//6v/mC/88N1/nG8jzerHm3jvJ28/XvlHbb/7wVff/84/PLz1ww++8knaPnz3HfDkv37+5KOP56ef9/+o+KuPozx5nI0fPR/rv7/05XkgNJ1Lv/aHrKnn8Xrklyj6Qo0Mh/FO7vWOmxft6jDAPl2pbCvdRXqoF+6ILoI6evQR8IbWbXHUHRjObgQvvBYW7+RrWTf5Tjtmu+sqhPwmGC+T2mxGn9kkYJJ3/Oi73WofE3vSqh3fqbhWrIws8Zx7c13EyiI+X1W/s5Nti8obp1a4mR+iTAiaGIqz4nrhr+LIuPJHfcoPnA59gmlEUKqM2OBwVfSJYiyOmSGE69NdN4TdgbHme62yfvAL1D/9whtvPGXZmIj8gCJ4OogihEIUMjwJOZoiGRjS/Nz+D7OhFxq9utj2amglF98040G6gXLl7aky8tkrCKZTuCr43UnGm6NwuW9sC94O0clcazky1hxw5HBPsFN4dCvVDmQjvhyvK+NubNzp6Rdfe+NpwDIhiGie4SI64CDD8AELmZhlAAsBzfsvpPguPbABZLqpPA+y7lgEdZVlQbNEDdy3lz236L3sdGLCCL9cbQrsOrrxJsLphzEB2SoFWxUm+mKKCdxmr3JtDXy4XEUcvVnShAcPgeTthl4NkRwyyklmyXQI7K2JKc2hrmrSs5LXX/9IMg04BgUBBThE+wHj84DjAwICFJM+QQD0QrKAUUxeuw084ZnPDmURi3USGmvtaAEHHXfqZeqnMSr8pcO1OOuwJUEiMVmtJVk9WodbDDZk6PSMXbq0fMp9vZTULZA4D6R4jN39Ez+KwpgztHfy4SFaS+xmDRcaS2oRvujlfiqzw+1uX/zgMC9Y3Y/B6Gzq9LKRa89xyPLOpPRNx5lVDcdYJQ6E/niLX/zL1/43JNH/gyQ/nmE0ryCODOkgpiMUxyQJI8jDiKGBz386JNG//Tb9/wVJ9CON6P8rklydbqKzetGO9epI33otIixvEaJyC49ye/QcptTzLuCsdLz4BmO13JFXBvd+ZDo1IaocG3bWMr11Nz5L9663DJN7sk2co8v6DsJpeW/mUFlSHi1vy7zeryJDck6OKAWs08jllLkRxA50GhTtxiexdFSmbiOSpWyJk0JR+iU2/TavPWOBDsolO2R2clqkBg3cvmsRX08QEqWUCdK+Pe1u1u36Ko4In2YpigEkwdIERyGCoxFHEhzLE/y8pKgXBTXil/t+J+784j6Y1eq8FS79UXGGk3Ohq9XKmAu80/WzPEhuzZ01EZ5LcsflfJhvSUa1rFOTRWqi7IeDj9k7rgFIXOn9yjhHJHpe22QcQxCGLAJxAAPIESAgWIZnIQtIFMAXUrxtq2WEkWOdy0ahuh+XddhrHOrRvb9HVdjGt9VVcG7RZlQSvzzTqsvGa5jvXZArqXA4xhflaOenEcNa4yS2BNzzxRj3YHTP0dS6Ti7k2n2/dleXtVYWfRCfXbAXuOs+3ew8qVY/0zgiKe7jDikCLAn8KAojAGMUkBEfhGFIzNvIDCWW+PNwNI/wuUP6RBzlkkUpXke79p0sqEox/U6yd0krthYSp+uSOJ8OmXo7TWZHWELl6k3PnKxjiWn5rRHkdbcn9KamyrGOyBiFy9jQmkrw4sW9dZtF7hxkJe08GKnrC58tlO44BOxAXqgWu1HpkuGFhUcaigMNUh8F1mFmU+U1GKFJh1Hfa+d5dRPrNJhuTo/GHVubNrMbVknMdz5VLbkuahXRyOvKdDUyOdrZnaeS119Fku+TiA1jOgY0wZAI+ihANCBpnqCYeWG9hCRtzUZlPpsNeEOS3uOk3S1rs72JW89fo804HveSGOy77EQ2kSJWQugtUcJFblOcQEUFm7rWYIJUaSEvjUGxRr+PBoxR1at2+ai+Y5KNOQ5EIICAgTMPmfkNY3I+GAUIvWTWzql4HpTF1hjthbbcYlG5kvKpZLIclHEib3ZrbUeLAe8zOINlO0c9LILN9jg6iZq1/RqhrGoOvpKXVru+ur603e/HGQfLRFPdU03RV5pVdfeqm8slojK+Sq4lNWjU6Pr7hslYRtb/gCQAeTomCJKhkR+FbBzPXCLm6kQUT8Q+9RJFd7G+3WcraxQLBlhJEA1hyWDVefaSbOf5UtZ5q5rd2mhtaNkFBDcNmcnOLgIa+tEG0cXkblhCRzggVVSWVZCmdUwuTvrO3B8Ogl5aezZBe6kY0jBI4uUaOQfiPiWztDurb5SgrI+p7l7Ugb8S+mo4ynpZ2LeLtyg5kZSYPeZRsIXDtr7xwL8ewz8FSS8cUhgFIcfwUUiGETVTmUFhPDtcCgRRzMIIfDokfe6QPuaQtpktVrEJdc3Q2fbSmlmIVJm22Sk2ReHQVeSV1Y0Fl0UEGyzlMA2E1VHHi3BFu5J1F5MNmUnTqqRXVsunN3MqFi4zbZuVeyRt67ga7zl2blCxF20zS44M6Ah0DZMOI1e7WxXqEuLWnJRw1lSuAogm42Blpb/2WM3Z7SLL6y0hTa0iuHMZ2tz3fkREFn0n7nbM7EwtDym2EBqzcDhfXbOi+SqOAp8JA0gAhvEBywUsokkOxRHFPdKJY7gXBXW8iyZ2pAz8ltWWHK8odOhOYpLV/G0c9brqfD+RsTvVJlSphStlwebR6IDEPpTaQd602nWBX4IhizCBUyYdGbJURNk2ju726XltxxTFRT4DIEtChABLcIgDRBhEMy9DjnghBetvWrk/qMswFO/4ouMXqiFMFcfcRfcqHl17T5S8F6liv6KULDBXQdT1gag1CN/tpINRSpGrrqohSfm0JfVkPyzDMe/odrSIeWIY6BiWu6ZFavYT/uaeJeT9TGxNeEDn6eyltJF8lnFEc8zHHFI4b7g+AQMSkcFj9I/ZObuxPowJCsQcIv88HM0jfO6QPhFHYsN5l+ognH0svKnXyLANNKX3nSSzSZ36ELFXbAPJrepceLooVw3GMzUNQ37KiKPnwzLio/KyDuUYh2Kj+U7BjQ6dmYu+8ToMc0okrckQj5YSfctpyAtb6RyeVTc+UAzR7jTqsjqSN6YVOgPHx7ixe7jYCwN/48pKOJ3Jvt1XAT4B28y3N0WJcCEo7vpsnoSTV0stB0xfEFWOh2uBQfPSnk2H/iqSIhYwEe/P6ymK/dkfsSBgeRoSDO37FBO/hKRiEstj3rWpxSj+emlhyXGNH4FiYeNt06UOtdJqoXXFYG1F++uFEMsAJ5runhwUjCsSZr6GZHV9cvuiZYzLChPpg4GD7fq8Sz+q7wiFBGS4GLIcimgQxjPkmRiAIIjJx2T5QkrULLkpyi4piC+4vXZ2sp4aJ4Le4b2/J2oyn/LEdbJhMGM9C9szt8Iw6iathF2ZXvhjgsyAc85LHuGUCqe2Y7mGFHzh1EnDzt+lYFP3NHvGr8vR4jw/3J0rTrbW2W3uTzsdC6v/o0OiAwCYeb4ifq47AvkcMbMJIG62CMwM1uiF5KC609fYTwgRI8G15Doh0ILioIW+S6W2f86xgyxqywUxEXO82mxms8gsYwzKZVXT6agzGsWtsUDq+dvJg8s88sROKy+Nk/F1fWsz3d3S580SS+xLgI8ocbCAvO8vy+p0KsPoVh+Si24GpYeHcWDs6WSdKWkf7jXzGF2FQrFioSX2EFN2GdufBfY2jX8Ckl56hsRwEPDcnPSpeUVBck78PM8/BoP5eMDBT4ekzx3Sq0gq1seszFMqTEYSwlhh+mQrGQLra8d+UTXTXpFas9O41lFI1t4ORKDe6TaCTHiAaLj5VFPDhQnyVZCe7nZGxIEqZ4KRUcUE2pOMmy0+cKvEK0xmvATsYglsUcClspN6YcE1moWb7J2wOVU/I0K0LzvF5c16kLdspLrnognEgJurZDzcqUxqWJOYt+jmXEg3PHEC9wzh/s7hm3LvAJVeJW3zKo4YhifnPR7OxUOTbDC7koAHbOwjEPuzV3rJlvD5TulMk18lGXCv04mLWeIUnRURMvICleddlDRrZx+5oVBvl2dynOY4uU7HjvK0wz1izBuZwwXd1mwk44ttsR6hGRgQ2suyeG43IgRCNGsBDA8jn2Nn+w/iIGICOpztP3ghpSzaSmEHAV8f+l7d1YMfaSaEVXFdbpnucJBN7czxrINRcIPhKiT50dUXMN/mCb7N2NPJKeI1OMR0wcaypmT6Rqzjepl5Vq2uK9BLGM7q5lraHiwMKYUmG9a5mmcXpleRlgayTD7LOCJ56mMOKaZ84LMRwxLz70XB+TtDRvP2xwZzbI4Z+s8MbDz1uUP6RBypB39xaJW0gRQaiyWmiAs6qyM0XoZ9WtldZ0Z+BceSPrl3Tg4tQR5HGK7ReTyepEpSz1y21R0DM28GppbTcnLFI5d3AnbZ93GSq4QymNxBjRd9K2IFt0JSzFThhhJSYzc6Q4RB36k0d5mpaXou8njLpTuUgGk+kmRG4cABiSFa47FjFC4txn1iy6iTcUW+tbqohotRhJdq3GDwJPDb6/KwDrpXkTTn/SCaX/68j8UxmC0JzwEfcQQVzgmOeCl21OB0mzxTvCCHkJPLdcevwm0J642urm5YqtYLog/PTIeXxlnryX0bi258FQcZDZkmLpRmf2kIa2NbKkneVa1kiOFWVLRRAv78UX0TIAr8GEDuo+dZAcewFAvjeM6RDAvilx9nlSKoCLrFpEl13Ymvw/vxjnIimZkp41eBXhs7NRIGCWBox7AXj555s6CBSlWGFGWFnSo8W2C5EIkSk+rLJWZ0e3/L4HaNVz0VonPlh4RjijpcwzO/3KSFrhcZQQBQiR3EFfOPSIpYai49go35AAJ65ihFkPTjP98z232aYF9IZk610hPdZZALqEjDGMaEPaZsjGkZ01XzdrWuEeKPXO3oW2XOm02pBphaF7IhB8htWYcCjGHnNhqOw20h5m3JLiOcWnTJZkLjAqtqzxzUnRIMwE/ins+0cZHx1MYFk6BNNxMHcdNXHZKwujIq5CxhdJOKdq/vOxEp2DWhWjY0Sb4fE0os8kD8U5D0wiGxLEf4PAw5GDIRHfshgGjOiwGPCH+23+jTIelzh/QqkgZE6aQTaH7ej+4J33aXxanxxDkKRQcs8TKqNJfC2gnZYdHLWn2y8ubkBnXbNoIoVv3S5K+MKXcbyy8sMrVo0VTKJbXM7V2fVWffkwVDdG9p04yOlJOZye1046ZT9oXw7XoX14u7pKlTEK7DottdrGlU87l+zfu5gNViqYLVZvZCeRqSCV+uGfpMqEfG9niE7JE9jJWdSPt6c/fWtKpXBH/bvoqjmIUofIz6CM0fJPJpKvbnBEfPMSlkg5dsiRVd2kz2uKWrsZub4qY6XkhC49SJyy6XFLG+bbf3UIaZZxe1RzlDrNiswdXDNU5wxlAPtQrvt6ZXvXNBbglyufKV0K97lzw9f4Y0L12IApLmEMX48ez7OSIkg9m8kX7k09FLdsP1SeF4IyxRoj182WwW+5xwKNQyYHe/708LD2R8WsnYpdUOa1IKUMFNV/QY3byo7NBKXZUn24mGvSt17eUil/dy09B3ZFLOJqV7e+WjoyxRRWA1rWXrRVKDm3dBYKtEea8fN5PwmcHRF38PGMiN/w==")

# %% [markdown]
# ### 练习 2 · 输出大小公式（2 分）
#
# 补全 `output_size(n, k, p, s)`：输入大小 `n`，卷积核大小 `k`，**每侧**填充 `p`，步幅 `s`；以 `int` 返回输出大小（PyTorch 向下取整）。

# %% tags=["exercise:output_size"]
def output_size(n, k, p, s):
    """输入大小 n、卷积核大小 k、每侧填充 p、步幅 s 时，卷积输出的高（或宽），与 nn.Conv2d 一致，以 int 返回。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:output_size"]
_ = check_function("output_size", output_size, [
    ((227, 11, 0, 4), 55),
    ((224, 11, 0, 4), 54),
    ((32, 5, 0, 2), 14),
    ((3, 2, 0, 1), 2),
    ((28, 5, 2, 1), 28),
])


# %% [markdown]
# ### 练习 3 · 卷积层的参数量（2 分）
#
# 补全 `conv_parameters(c_in, c_out, k)`：一个卷积层作用于 `c_in` 个输入通道，有 `c_out` 个 `k`×`k` 的卷积核，每个卷积核带一个偏置；返回该层可学习的数的个数。

# %% tags=["exercise:conv_parameters"]
def conv_parameters(c_in, c_out, k):
    """nn.Conv2d(c_in, c_out, k)（带偏置）可学习的数的个数，以 int 返回。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:conv_parameters"]
_ = check_function("conv_parameters", conv_parameters, [
    ((3, 96, 11), 34944),
    ((1, 6, 5), 156),
])

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
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:corr2d_multi_in"]
_ = check_function("corr2d_multi_in", corr2d_multi_in, [
    ((X2, K2), [[56, 72], [104, 120]]),
    ((X[None], K[None]), [[25, 31], [43, 49]]),
])

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

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `02_convolution.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("02_convolution")
