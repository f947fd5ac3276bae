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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("three_3x3", digits=0, unit="像素", variants="cnnlab-variants/1:eNrtmUkP9Mh5mP+KMNcWwH0ToENzae5kc2s2KejAfW/uaxBAtiXYcuxMgigQYAmwgIzhxHBiB0hgyZjo4p8SfRr5NH8h/KRxZjQejz0HG4Yw6Aa6m10sVr1kPfW8Vd/4N+/UQZjU73zt/NyTYfw68tWvVF9H3vnqO1Wyn0cTEIpBCoJICsKDIIkoKiKJIIkxHMMiKH5bsBvappvOsj///d//2Y+/+7Mf/9lXkL/5PvKVN3/4Vx/86V98+P7v/fy//8mbn3znK9CH73/3zbs/evPD//qzH3/rF//7r/7vt377gz//8/OMN+//6IPv/uTNT3/rzQ9++rMfn3V866zjzR/+5zff+Z0P/ujbP//2H7959/t/+7v//uc//O6b9/7ozV/+x/PfX/z0P735zp+8+Z13P/hfP3rzP/7Ph+//8dmQvHj9shl/8e5Z7le1fNSS//nbH77/Bx/82fffvPtfzn9/8dOfvPkP3/75d//bm/f+9KOL/bKiD9//wfnzLPzBD//dm9/7y68g50k/+/F7Hx/Aziaf10m2rg5ewVS0r/NyYxLUSfw11rrmie1k2jSWYg21V3jR7SES8YjfocmlYeTq2JzbvVTlzke88krRV6JDJe4aqb1lEq6yHkFl4JZnoOY74X0vhFuAEP7Nx2yI2UL6ldG4+Hpkia7IUnMDhnu8N+wmHDZj5hvTX1hPF0sql62buMsIGRg8BdkGynaHUvHN5VUs3j6i7UQB+mOiqdbAn7C2esedIiSuvkJPpLl0ylZ2gh0TNNtMcl7eEIrebVIEYqsxZrNGl8E6LlpParfRQiPlHmfoZUtb+ID1hMCmBUrz6eI1FWneikqpvn7GqynGKaiS8Z2vfeMb7yRRFIUURVJogEZhEMcRhIYpiMIgRMJkAp7lP4rok1z3/eJRdIqaV6lT89Xq4m70pMuyj+s4PVSoEjMXtRPkQBwgxxTOEi+6zwWhM7Q1Z3u++kpFASoLzlmx574wrUOSopTN6GtHXyOcJhXPJgILTvec8rluDcwdcQeTFC5ulmq4BgX6rV7we1PxHAvYtXXXp1Q7SM1g2dYJcDyfK8Kt2DMGHceAtjzzaqdpu7CEoMrmFXMnLLpZnupZrcSDN3ody8slrcVUxg2AKXt0yO5BvLZJ9vWvv/PNr37jnTBASTwNIxKFcQRN0TBIECo+A4RjCI5H6cfhiRlws49i0Vka60HhCrzwcTH8fG6rG9DBj1ZGDJPXmCuhly/LPeom6DodSecAYVNpyZdquiwLWN5ttsxqEElGG7g/o1SIaMgydkvjOB3pJZLufRUg+rV4xj3WPCmF7uswqiy9D5dKTDxV1On9ccP7p8OmM7gHIUHxIrlm7jNYn5CQGCQEXT/qXhTjAYmkMUZSWPq2f0SKUwhGkGiIwCSBfdy9teWvjQ/cuMwaG+2Jlmr22A4dl8XO0Jn7TGh3Il73qkQZjvIru9tROp6oQOs3Z+YCeT1mtbCRuyGaJDPu9mZ66di0D33UntMDQ2GjGI4dt57mfDUHSgIUmimdxNjJiRdSECHzHmnNl0KZ15W/H37U6QGEsIaqKGzkdnXl0mofcIKKXrf9xW+xKXtwAVVdmXJ500bhTdMRkkhnb9ReNEG1lcd7vwzDN//tVz+butj/py6MpUSKpHAUk0GEICCJQVBMJClEhSQcgOhnUxf7m+9j/zqo+6uWfB513/sHqYt9mrrU51BXkEtW4ogEpR330KQsmACUUEU+b0E7WwsdfFzyh+DtnF3NKqK/tPhle5ECngMgRe+OI1agC9rYSt9UzMSaNrNyRssskuVZIdIft+5ayCLrkapFC+6BlkFQlXmBl9NNYJKDyetQDD1BBe1d8b0LxjVurEbOcpd5UiVqJ5dvJrQRj5vU7eUzq6LWQUFnYyKzvt5XXO82exMphdenhqDMjjh4aOCeL/3WzBcUeXiRlfDVhsvRQXvkjSjNywyohrcqRQ487LvQshBvT8ACgvKOaDkkeZunPYUobkyXUd4y5VP0DVEywUgYA4kofUuXKIyjNIrOAMbnBE8mH4+/1jDQRbPbfY9BuZa2B7ChI9LJU/HKQ0EmCrrGAI6fE/AYeG/OClWb8Cs3GuFhx+IcXrFdpONaeQXtrqC5agmbpa3idUMtlWV7T12DFXBemYskYepii+vfX3iIEmitVdUQ8AzoExdKd9bp0HhEkmmeTNnrtrrjUVV0HRrsfQ6NzmJkZHgKQXIdPE0hqku/NYjPqEX5pOs2QkTa5kC1S1FHLsFe5Og+BHkE46rF0IirGhB2ivTq3+HpZNGJIZgCcSRMEygNEygEYwKjzlkLwfBPhOd5b/jqKXc53GrO3gRTRBg9cbkmZnSoOIuH9S6V89DPXnSvHSUlM7VXcNTszvlO1NibVwY9ZbtdidZARfgO8LKPSaKkNHfUl+2+HBMLWDKwLbK7y22xwZImxuGl4qUixqESbNoGe4nd/UZaGnXnH5Omx5fG7gwv6CKG3CGsQ5BEjqh5YhPjo+5RBAaGAY6eDwEeQ1BKRBSEBClJkEGMgxjycffMkVqGoFOSXp1MyecPmTmQA8MVgjSD6jIi4jkBLNktDTtW8iKyThDAfy65NjirrjcENLYoml+3hyZhO9DrIMZaxRpnmGR1vBUEAPUUxB2e+W4zzPmQpqns79BDpo878Zqh3N3EFpBCxJKQqnlcUPoUJwc9JuhJNBXoq/AlAKxriC9rh2JE/NAmzT10Rc+1jUTRkCZmLaVqeSPhl9E9xkDTqau3/kP0hT/lvCGaRCgFkykcx2AEBcQZyrezU4yeU0BK/D36vvdFnfev/+A3wnnXuB11jY3sAsgkvw4mtXPZ6EpiQgJbN8i9UPKF6ElO673FGzKONNk4BtKR4kcD2vTC4Bgq9M+vD2KTIqR+OmIDrLeEZ7WhZLKlZB1lyQxuy7Apm9rsHqnSmt9PvN1Sa2dFjirIdrnWYWdhbQ4klol5uuBf6MiAoakFxaqdAgWOvXkNs1qPkd0m4kiPdj9KLsOiIRhCMTgv8XnpaGaaqHjfWQ81WMEyvg6a3pKKcWOmZ5IeUAjttJV7k0aZxn3R1p4udxvXS2FPhyPiW/HFuM5nERckYghMsRAJCCrFQRwK8JiEyDOXIsEo/ARSnAeivAzryppB8NipF2ZWnHs0UAAxxgCLqgnmKJ0HB6Upuni772tyH/DXUyWQ1yUiZePC7Eus3SNQ0bDEGhzO4VJiLboVLLSnM7XWplsan3hXvmfQiGkLc9LCBRzTcXtFk0bA/aP18F1SUg8gYXikm7RW/WkJUVgTcmyS0ZqnNfmpVFWwa3dmUkqHpKJapXor2CF2B4g63JHt4Nn+mQmCZubMS6A7raJlVKPSzsYZyIvNX6Lon54GOCeN4Xm0rovIMz2tLIY7B774j6YBQmCXFdrVEUrzC3A1KFumn9Pr7gJM76wy0K7ytbCytmteTNcAhlKSFJ9jV05akaQQLkPuuRscIVogMZY+tR0utG1z3ZB0F09EzcrSj0S5jDEOu6d0I0kVmuj6ped+rufCv+65aILCFJqAAUzgFESACQQHZ/YThliYREEKfjZpv4jn/vOS9l/Mc3MNk+ulrnBkZssuJdw9a868FN4f60N7GTYxUmKQCbhKtashwLTmBc/XMHeIEFw8HdXlFSClDuhyfw7MASPT1nONprfrZralBpMCtbZEQM/PYQ6l962+342ZMnvmlfFtJr5WhLqAljJCGqk06RLPpjfDSo3JkX+PjotIoIPgLCVK2NKVGphcqsicpWVTrLyLAKa77peGGxYhYDcSkcIQU3GDlo4LEdzlPFT9h2nV9WNjqlIbW80Y5NJhiDW/xBDFOHP+euxpFo4mTTQNLwiP5Ol/BmkhmIiIEIcQigIJjECJgELRAEyRiApQPPjEmHMAxXvI+jCrQZbDzQ1+PIOeNo41f6JyxsiPl2FqvJoYSwvUAI89xotE9Ni84lccvw2zQ9DPLdxXJAtO8wdAS8NnkjDRBhAfrmQDsw5tmlo7qlvHVuRdSMaXPI7croQLlcmx6mtLVI/TjKQ1jYt6Fs40IqbQUSM7I7iZHlNhSKD4d6c3tBnUfM9EOZwZyH4bioe93hahi5VpnYp0RW43axMAlS3X7BUuTFY/0HuT6reQE5JfooiMkYhEwTQNcSyCiQDCsJQ6B1yIhuTptp8gbXBRCTxr+dJnq2HeRnfIqFCIoiZp3V7SR75lnmZ7EySYFi+nDqYd36jDLnjhYwgf407ZeYI0e1onbiCIU95Twajbc55BnUsbrmN05FwKmziLjtKR9wMJ+n2RcIt4TMru0Hcy7/wuq0DSuUHoSCe5LylqAqRgX6bU5Em2q8BGrQPgkzLE9Uun/VynRX/dab8gad/84Adf0GnPM34jnDab3pKWqoDnLBoGTZd44iS77FdCvKW3uhtJR7tcMiAiNwGfd9pDfVobwc0k1OtxzEEI2a6Rlsk2zgxLTZsOZAJduiVFGvxVuEcD4YcTk94WEJC47lQ9wgsGXpcpHs6IQ0Iu0ciUulGfaX/n7It5T3HdPOKC10uiVdr7YGh5Y/JMoYKBDnhTv6WsG0ECNeJipugy04y4JPtUZvsYX8S0JMX2LXjSJzs1pS5rLwvTCoRZfqVUNoYsrGjA7rHLjZNNL9sv2MAhpfGatkMVRnaTXZGSOskG8ukWfJq4VJyGMZ7ACEoRUQzDERxQUZqQ0PlIxRQJfTz2bCw44YGGcO++QCTsbuUlLk0XxQ1dxZvjfPQixrsvT2Onj+hhm7mThTHaEYKotDYr9AGdPuHnMd3cOo2eafTCquyBJ/p9ZhKq7YZqbBBnolgT2Vf0NRXoEAh9zbYHZsYlqPX3M/0WXO2JE7yq60hVdGiHOL6t8xZ3IgeZLbWAXPae72SV2I5RM6Jwmlr0OklBRdX0LEL/Zaet3wF8ZqcwZ6lhZjyfnZTFWm9JM6iYr7UsxiEnu55msuf6kQgSMEXgEXIyCgpTCEWhMESpJEZTKIhD9BN4UuRyBRFoYBXfeVpXfnwNBVNW3Epg9yu3hXbhgAuHzds1uWnQceek+b5VwHgsS++A/jWGTP3J2ipR7XkQ7NizLg6MdeTV0VlUQdOpkZ3OLeHX7WXPLA1MPTN1JPDMrSAVNdAEwKub8pOIYUlIECNw6YFOzuI58iydlwt7KRmJa6h+AV7t9OV67ud7LvrrnouR570OEyIgQxgFERBFUxACMQxE8JSEUvSz6fsFPPefmb7/Yp5rtg7TXyclHG5YT92aA56vic1SjwdAFzy1HA6xLGSH1iPKNI2JB4m17TKaVmpkdgoqrQBrBzy5UqQAmIHcDbBe0RVz3DKQvSJLzOVWqnftFqVA/0JIf4dS5WilvXPh9QmiSHzAfIoYgD2i1oxR3tLZ+uYzYSil04beIF0EhpFX3EKMVIFIlioYHUmU9ZEsbWW6NNZCyrcObV3AMeVj04zU9e7KQamh58U4+ghOmbzPRgTVs+sSodfLKZUNmuiZ0TFmXgZzS7I09QF5KFIK8V6vxItsS0aTedsViWavuL+/o0aA6dtUOiXIJIRDLKYCKAjBCCRgNCTgT2wZMSKUFhBFlW1LADOrZtAFur7dzO3NwK9TUhSIOSmga1ur+9xdVhip0oxHSRHeg21F6CpgcQALyYWHHrrac+ji45svwUShxeTa1MKiDlZ7CbFmgEHrkpOSj6lH0qZOgOg6sy07WIvX0U8YApwFLI0qdX2ITZ46h2M+dtjyhZUt0LLprWw9b3kGNUEsAMKjmAGwvYHtFXukk1ohLPVcPCpcBI1rHdEi9oK7cslSynY99srz2udaf2NZHlv/ThIRMCFP5OIRlQTUOQZBHKeoJInOFxh/gsKXM+kgiDs4KWqUZBY+e62CrlFOIjL0CNhtx8UHAdXSSO/bCkdC5RkQQOdRcIUMf5iCG2ev6wZWnS9Ntp2Uo543E1vEY5GPaTEjFtpDcIOK2fNWxxmK6qk+bleqDQb9VkewPyr96IMYFeT6w+aVknjsBo7OHSUv14QXAemIgmQRpFrRVvrLdd3Pd2Ds1x2YCgkcOfWEBDGCSAIsBIMoQCA0DSMqjqD006sNf/29L7yu+73fCAeurXmikz24R91az1qY0BMQkpc4QXAuYW5aJGzT7ATVtqRZX3gcYG8hKN8UsmWh5LiZQ2zQkN5rWzxl66VTg+aiIcJeX2/FRAzWCka6Wekh5tDW3dtpsh/gBqJdveLyY6N219e05v6UmeG60af1QgVBoB2z5FFH9gaFLuudCzbQJdWNs0+VcrJBzBe9KxK8nm0zY7N2rP2BH+VE0R7BnayHxoSW+tjUZ2F7hfl8QPdm5jlbum6b1lLHTedS6ciAncf24rEDtwXbbrQCxG6FraC9jIhNXQuX9PCwVW7M1S8d7oE3/1p217C3u2vO29211RnDLmnRZuS8Pj/OADKskEunDtn2EHHMbFIJSDGFt2Hi4vPqGB6jk9dWcHhg4Ji15gvgBYxr+SQDjWCVD9iuzu6JrY/LQwdhYvDh1lXByzSArSMZ9mOtX85tvN2BYk1afZ3BZInG9dLr0Sb1+tULb1WHy92VY7I9uf1qly1CUCQiY5Iko+RMQoMEikI0JVMshkkKJj8O08whZHVfsZHXHutsq0eWbDkVxKoO4HGrPtmVzxayWsJV6mSBRR2Tz1/nhNSpe720GjuJa7ANTDrjizizs5ZP5zzOC1cSncUhvIDTIU4CwQdslFL0hrkFu4yH6FbsLHBogtBeoszbpeAlZBxY9W4VekMbT1iqOTi9TGljvoUjGMU0DFX+l2u/n+/E2K87cUSEJApGAURQVHpqMBnjEIGnKRVSEHZ+fDaNv9Da7/d+I5x4fyVJIaY0c4WGnZ4eyaVFMQMOU2B63Zqw1jc7KbrN5HmLeGYAMl+R9C4J4419SGO8+faE7GzoxEqsD34DFWkVCi+/Q0N00uVBf6p9Bsf4y8zHQc/qFn2ZqpVAEkG0CuQwekfbpP08yn23g+GmTY29HUd8B+8B7wD2AFsDPktN+1rwPe8PDbsOyao0rrNVu0BdVM/kXudkkpjtmc26iOO8QHOmGqS6Uzd/tUNIaW9YFRBXFGKiYanB+xivyQnR8IbXF1BkzfE6YXk7hU9M0LlqXlVM70MbqB6eXPNKW7pgBJtYwX+axv/0hU8fEI/LGnVFdxyd5g+eUr1l1D+68BmefHdumb0fmAPwuDjNl5R7DJg+Ba2eeu5VOrB5cgigDiLC8jVwvp6pOIG2ETxsCcxOJpZNRc02nBav3DmkCi1ogg7cs9NOe4HoWHpWUfW4HsRFZqzbq6AjE7Ebdk8Fn7HhIo2YlSB0Cilk4IZT4PlmXA8QeifKtHDRFr7xFGXahEzxxTloQEwIpSX3a3fYRu3+q504GKfO1CTBojghQTxO8fj0Y/K8AxGMg+Qn0ofnEiXcI+ObkvNVF/d0T+Dgo3JLMjk7xMEscReK3eKWjnGYmpOH0ucwKX8iiXGduGp6+hR25+j94EZGouXYfVqZPtGB8RrTM3eS+A0x6hUmnjNrXq+EENLKRJIPK0udjXw+qge4gm3ZhiLFvG7Qwo/3/HZLIJlRzChDE5kbRy4QjNclvLivL9eHP+nG3/x/qtK5kA==")

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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
numeric("stack_rf", digits=0, unit="像素", variants="cnnlab-variants/1:eNrtnFnLLNt537/K5lwllKDmSaCLGrrGrqqurrFL6KLmeeiaq0JAtiwPxLJiB0dBONgBG0NIPEDATiz5wvomjvaRfaWvkN5HSs4BSfZWhEBY+6ahe61ivc/qZ/3W//+s1e8X/81HTRilzUef/ygrx2n+Av65N0PfN19APvemCV/v0Y8+91GdHu/a0ZiMMygkwiSFMAyncRij0NcHVJricJi8Og5j3w7zq+93//rL3/3r//q9b//u9/7mD777t//54//2Xz7+T3/+/W99E//ON/A3b7/2V9/709e73/z4v//J2//51Tfw97/1W//7y7+CfOcbyJuP/+DLb//4Tz/+yz96+9v/8dMeyA96oN/5BvpzefpXf/D3/sPf/oe3v/G/3n7t999+9Svf++avffxrf/j269/4x9/4nY//4Lfe/vE33/7F7/6wz1f/5O1Xvv69//FHb//s29//1h++4i7K7l3U//Bnf/Hdb3/9u3/9x69+H//+X7wZ37z9vd9+U33/W7/9j1/59nf/5nfewG/efuvLb//0371G/PjPXx2//PYvf/XtV3/z7a9889X373/9379egTf/qn7z97/5e2/gf/13f/Xu0be//rV37dUn7dXf/dX0evg1ZLoPTdiFc9l3r5GnNGzS5PMriIM2fCQATW18DrFO401a5ZncxRNvDPvEoxwLeJ62n3kMLLfcOwpxI7BJWIIq0pK9uvHPQup3eqlSpqizXAWuWVjgnIg2+tWQMU8vUf6wtqivduhJCQq05ExEeUVAyIKSZd7FIu2F0c0RSOzeZx/CbbftpU3LJfbI/ipRNMFGMrk9bkUqWmBvqcLG5c5EzDYDwE8eoWeZl9ZZY/320WT1Io2ROx7bF77wirktpzms0+mjz3/xix+FZIoicASlIUxlNIynMJrFWEpSCAXjKIK8+v9wVkb3wnTcRWKCpSQMDSCqiGaCgKXAPE6gknNwCM6qrNxcefDo+SzBsdWqfp8zNu9EQgXMysegC3Sacr4HEi5h0lT3nH0xUVB3HTDhwsEEyobfeVFwmzUqLpFSxAfUdnbQDObJ1HyOjDHS7pO64lg+a/SF6QXu2a2LTMqu50tKladPa5bTs5Ua/mkWueMXu4dKz5V82meZF0ZWHTuply1cMqvs9vy+IMOe21DJtsxAK+5MTIgi8tdEVYHE3Nfhoy997osfpWkU0WGMRTgFISiFY685SyIMRUiKjNM4/HSarnHxdBpO7KvOuVuWbPmH0Gi3Rkk504cD4eGtz42PXYpYl3HG282AY/LZq5PcldBprdrqwiC33uz7daYR8OIeuulNUFF4eETFrOiUHnlN1VEyKXLyZJaLeMtO6zb0IxGmK3Wh+04/bb9y6dT2YBjyVPqJN0Z1Odm7lAdk+fQ197JbkinkuHu2u8GoroHDcJCjjHpTLewLn4RMwTAaQhFFwhmc0BBEEhCcYDGO0jie4jH0acg6+4wIWoU1gAXKjLs5QGPGbMDWa0eWwEiHWePn1XI1mOiIX1lf19JMYzfNgA7NoIycapg8v3Wm9eTcqSQd27i92u+lEStR5KWv9HGv4Kb5YVPIK1hqqljAQFnU4r52NYlsbL4XkTeWMZEtiZfHHdnIhSyWYaVdIland1yZehw9ArN9RqnuFnwCBUee4sVTf/TukxyYMTON4H6PfIrBAdcPCqnBsCMOJ2rcpYuxihOJ2NnpOj7kqy107T/60pf+7ef+Oerj/4/6GE1kBIxTVEITOI3SFIVlEUYjUYjCFBJGv+jU/yfG/pdCfa7rKwEczo7Fag8dYOlQ/atVc9mTZi7bht/P8ordJlllz5Hw9o5vxRk0yoArgJvaIMwOGjv40KsGuteEHPBGdAn8pvUXAoOIHepviWrtaws71XRDLl3lGFKGdnlwC4oD3aNOyspHfSEDCJbSIb3G6cOMb357TgB+q9wksi4Ar4UP1nD5rjgi2el7ZOYfi9hq9GkiTLzb48WvEHttJhANB/V6KJDr0aT5o9THCTQj0CRFaZpGY5wisyymIjJL0SxLsU/S8YezwmwlGcpG2Jlyu3Cuo0xuCxGFdYOTgF886ik7OE/gZi8WvkMaFbwO5QHzSUvf7q0MZjLcOnngaBE+6jGJ3yhAkZ9N3Ro7mQrcALvLIYkGwogyKdxurEB4iAQ9QKVnxuCG6JdskQqSTjLBhwJmKlyhpjnwztFwfJLUjTwuYXQRgeOwSgM7KE7a43JttCqm117vOJ57hMkwiAS4ADYt34c7+UDZMGrMWjGpMhnmESOkvuJu8AUBLntLgOY+4vaLbu8QGBMYRSIJjlEwEiMplmJwFCNJmKYoEVHJZxCobjEMLUaukf7JSFlsdBsed5LhQIFs8oFe8mSkDGZsoZPS3xeokbIwAdzUGeCgJ6qRcQOHCqMd7GWPcLNnu3iwE4VeFbQHRYoQ6x69fPTmlAArRDrkZvJ38b7eeovtUC+yrmZIi3AQrUtYMx2xBKyD2+B4inly7naTKxwhr5SYFxYudoAbqMexqfhoub4KqBTMiFH8A+rTWBqjJAK/tjgoCiEkfCVHhCQQjML0S6rGn4aMu2mXYSYqBzdx1WInxJrQTmeDynYvbrvrye1KhbPRDQc2KWjWW90LhI6ciJvMAnkRUwJhDax47XCAnNkuiaLOo5GOrCLieaG6rpL0Zb4vRC9gzOBXN9+bgXu3KWhz9PslyFgZpJMhGoya9RmdNDzitdlwkiUuD5zbNxmJo76X28e2dCvbPkb8OpfmgNBU4/O8nqbckMtNxTxKWHUYOB/0Z8ZpV7F77UPChbVx4NJdPTfpJ2qlM4zJtEBa/knqoz+i9ckowyIipenwNYMU+do2iRgn8CgmcAhKYfpnpf4nTP//pv7P9PS/FOoPzgDwGyqggizBJkmNvvcSYI+Jo56WGLQE7Vb3jL6dGj7DKlVwpFW92Ovd8kenxLGWO9Dqnqo1zYfioVr9vFyaTClAXV2xpjPWqiInxTVf5uCajyGvX49c3JXEL33Qx9blMLhtGusJJY6pJQ2taa8P985UZiFGd4MPYofAjYbXJ7ZXt4XUb2171fCIb26RmkmX+2u1lBTF8/b1xbT8MqbYs9Vq29bs5QP1P1D/vakfZngEx3gcwliEElSYUQgWx8kLXRhFQxj8acglfFsnY2hmFFy77Q6Fvc9Zo4w3/oOyRdcxVwrJQwpxRmOf/JlPug5jm6uVjiZDxphaMrEIBiUFPRxZEUtehiGhEyGzlCSstoL+ItCGSXZ90Jp+0nqlcpqJ2XRjITTz/WkOnqBv9EMsMzigy0hQUp6LOdt4iLlLKsU8pNQxRWACwkfYwLmCXsnb6prcFutjm9u+2wdGm/u+j92Ps7bUA4/nKG+fXoFuOzNzlgKHcXcxu5DZpiTnXe42y+9F/U+1foqmcZpmWIhlaZzgVPSuzkMn9MsvRhRKZr/o1P8l0PrqLiGDJClQ2i893IKxQU2H1No3TEQYt3QVKRUjar3sNyt2AoH0ByY50f1WY9b0zLcoVMp8f1g7TRpDCD6sZmlGe6Z4ebvmPRw8uHqVayjOWPIgVQT3YlBDFOg6H4XvLa6vmINSE7A79vh5yk+WbC+U1QX3Z/QAsCBgxRCCqXJHapnvN1ySUMQsZqV5JfBuJoNdPgazcaQxiKvhplSyc2OD5Yhxm55/DPXfv3ShTjrlCMvcVJF9r6SFGhWNey2dI1xKcStufAU2XaPdloxPqD5I89BVipvpKALBHw14Z6M+hFvgHvuJLj1bxRF8maAms/BgD9MUNEuhabOiXfDbSn3Ci3gCl0QWSHdhTBtX0Xp0N6Zp6blwpJQBDYZYg1LX2vl45tkeTAiCDtLJ+kmhRIPutDUqsRx/rQArj0/It3VHT/csFu6evvqyAoKR6dxvM8jNSnAcwtSbcnVJRCFKe2exNU0XMq7U8PYTBGIxlqA4GiYknkUEkYRQhBMQhGd0jNA0TH06TbV0w+m2GcHdCGi4QyjCnVLby6fCxHbi0gfBmfq+ewvXVlj3MLslNkzsj6uD0T1yVy/ZMbYPTeXOhzkiJiL5PoGC7KlLNySXLKJrp7xGpxlOtAeNPevIA3NoPtUWCW483pHzFgSlyjFc1sDq86VaoZ6dz3uwP22IErXF3oY1THDcBtRNdvndvj+EpZZb7ZGVLoXGNJ1BP6A+mWAkkpEw8VIECBQiGR2SMURkKIHSEUx+Rg/QrtpIkGK25O0aIosv3TKxuuSM5x4TXDEV+ZL4g1tfuy5vdtB3nXU0z/2U9zinGtcmjyt+kzNjDp/9g2Gv4mh0fcIEjJ0O0Yk7YBeWhUEEGyTUTjgOaeE9r06gYEp4hX00JiGitp374JEWhd9LhXuJsMfU8Ad4wDhM3YpN5iC+Ks84wvUwWdEKSfS7Fl/rwWTybsDEUAKhejdvi+PvHeap8SHUNXA3vUhAkxuFmLIGGO5MZ0H8KBMTbUH9x1If/Yl1/TQi0wx+2aSXVEggFMKJBE0wBE0jisTCT8pl/yz1f26V+Q91/XdZPMNxZRjbRqiN7PGBSKElz8/V3S7ai4+cjJNjsbIkF8PaTlasYNZWFkl+oik6QZIjju7EVQRWhgJyUgp+EbtnvSQ6XEY5KCQrDGidxhPKFtZNvZ7xc01oIjzSbE0ddOEr4th7KkGaULDdM8X2mqbKCQ+seDBVg7w7zXBX7kmuQroTVUmI8V5NGFg6Dl7/zqGywCmw+iOvDWT1LxtTGL5n5CI/mT9C/DjDkCgLQzJD6BSlMgxNSCJGspehx4kQoT9d1yEogvopdC/9CvOQSWQlgTYewwAzJoEymUCuHCitID3RLXfsCCmpKIlxfTNIe/WqdJ7TgoOczFh7wINO8equz8fAzfaVhyy2vHJiPscBsYvpdjFkS9KA+0HiGnyrrkHPwfKkGovNTVh5M7BKdbkVIS0UZtMwZwoFx+sYx3zkplE4l5Cs9tDxS9QTNRqZ1y2MXtvQroBTrsjL7Qncc//6shCrhScKnggQx922M6OeGiOsTac7IZao/dXp117g1PkT/L2/HWKZF7r6cn+aULGczNGZy2pD6Qjt+2iNC7LTF8SJB5Wo9JoHlqghFbQ3SZ7frC1PrUJgI/JJC5YD0nPb5Ryt2KYIU76xozZrFZfUMk2a68LLrUiGk3oCwPVOGKnT4dttOGrcxQgEGXv4WiWMTozLLj9atBld8vkMD5yTFEMk9AfqJBe/JWXeOsNxmcNWROT7XiEvLRr3PyB+Fr2EBYmkNJpAL3eDQq/AX0IVJ17sol6259OQj8McR2Xodwk985bH8rmae3MG9zWvFa/V6YN9AZ5apmVgGiuGdabjhd5jh75UkXq8o0/dszr7qlnOUqE6Hi6wU5RU772+7KGrgniT5cSZyyHXac5XDPMscc12UuWpAoCZBl7qcfdlNU6ByE0ziMGLsnGb/EikaD937WKEC26AIwTLBboCABPzpQzl9HWbZEgHxyeAbKWrgu6Ft0dWjVAOw6uGGfMJXqWRKYsEYs94GCXKlpHJF+F1fmrvRfxPdT6ZoOQ7YfXKGgTBMxJPEzp+ZRGawFBCQ+gvOvF/CXQ+EL2Yo5RsDTzm3kqeOuukLkB72sONVSAccjdojiK6lXV3dJbTcis5jO2SPmpT4pxoQjU9IFeUbjomkU1yIhERb4krdWjVBcSQfa/nhFlWUWyRK0PRuekHVJU56srLO5fCd+5yE3ljB58ka6+W0uTu493R6hVrXikPDGwIpWmAO7Cc7m7OXZDlpGxJnyLahh+mjSZuC2NLUAPXGpO8fBZ4L91wPf9wivvhFPc9T3E/VHZ+6soO+hPr+WFM0UhChSkFk699M4sSlH6Zxiwk8ARBYuJnJf6Hev7PTPzWtjAjFPZbdSaC3+et7KwFVremiGRsM8DCFo0ZkFrRmWDCOlnNcWnAmYNzb+HP0dyyBsxDuZcDkK6YpYzLB61Y1rOMcAtQbuRraT2frZRV7l1+viyEfiwQ5m1OCvCkm9UHXoLKMUd6yqSLcnseFZnZJbqaA3/OwBW17kcVyDXRPgJQZBCvBR/pHl1zNrEvtqt3EuCsjy5C5BlswhSx61Um+HUZnA/E/0D89yR+hL/8XkhQL1GKRhlFkREBUQSOpXhKQhDxGY3f288ARJXZ0Q5cbElhYI+RHKQDfCbLSw6HtW+cUkfk+UqqQ2RXWrniytVpDQlFtzjHCLt+Iq3ji0KWI/QBZIKwX5WLowDJE5W4redvGAlDOFdIibiRZDccuEOj92H31tQ2nN3kLTop/UtkS1MDSQKmaWhUC4J2d6ieWaIwEleIVJuHUS8WhJdYi0vXiWokyN7zVQ+hpXotJ2Hj8LINvbi9XqCRSkRrZsr1pHfnNcp2BupIFia3wNr5mvL3Iv6nGv/ln+GYSOgUgxKYgCAqTFAUxyMsweAYS5JfdOL/Emj8FemIR7VNzRGi41LFaZfIwD7OiZFJbhFRht+ZbX9y+0Mlvb5z9iAAajWZOeKuubMTOAUOya+UXeGuQEb7AfeLxidJXwmcvsfr7WpQc/Js4pZUML148K6QgLdHcF6TxeO3rNSzp7nIyZBe0QxK/chl1DmCYsccy/tsE5XDDXVYUEFDPiLuURilfKIidUDXx9QXnouwdceIJD9fsyPpQs4S7CXPlvzD6e2H09v3PL0lEYrEMRiNkJgisJhI05CkXpTK8JSAaSL9NGRJ4tViwydmVPiXzjkZ57Goasyzk+DnIbPmrr7Btyt+zxIUe7iZ2gHIpmOiKiwwFzwZB5mHiTrmW2zzBkCTB7obNCG8KyFeGPyZQ8xZECH4fELAHG9PKllC2JPWY74v+toYpEhuEzOcC5pmu8lCcAdEMK/drS2aXhIh7O82nav30bjCi5tnNrtt3A16un7TIV4/yZJjY9KqOWITl+GVraaHE1GViLrBnN1Z5WIxeFy3jm3OUETjUOBEw3L5scQnf2IdP4RpPCYIio7fbZ90QsVU9u66Dk1HCQ5h2PsQn/zON8gPdfyfG/EfngyxpJQVl0bwazPYrw406rpM04/bs0FsQZBTkJ8AymeuoJmLT0YdfZfwBLTs9FaAQEQtKUsWooST3PKlumuE3rpeGOz7kp67JhQEmNkqkxlkIGjtPlZb00p+ZlqPni9CHiKaEIJgjRirPloL4Q4aRxFYRF9BL4+gb9hRWEp5ldrng19hI1kRq3dtzcTM4jHoj1apcSMyR1+9ATzoxPQWyhP53LNn/uHOzgfqvy/1oxCnyTSOSBLCiAQhCTiDcRhBQjJ+fQR/xtoIHLhktSXeVPeKpfUWQ81kd9Zm6GhoN8xpK5CQlFV6VAxicVU7Rc4ZXFFZqRaK6Qb/DgCkni333Zx9TcGbJ2zfm2YL4ILtxCaoQVtBW03B/FUWWJ1ZqeeMZVoBrfdGfrlfztDUxHRuAYEouCRR5QWplImjRUfXzhxI9cQTgnaGFIaNl6cjJwqaRBnfH0yKu4CZg6wVkcDkiHSFD5gcbNBAunMiNPp+t9bk7hRW7uRaMxZtwSA9qQLAlXsv6n/mfj5OpnScEHgcxiEBEQRGoCgBhST8slMhkfyiU/+XQOdvt4FwJ07zYqUBZpfak1Gg1SrxGULC1MclmCZRDqf6kG4pYvknqZ5LYAWAJeu4j6IYfzy6aaAsfpr6peI3NtPvO0chL0srFiK7MrbItbFJlwSEFqevgVe6V0/ffLx4KUHUaqJSx4HrIugURJnCYQE5BXVeih2hoAkKmx3GoeZV28OXcYZeYBMQSc4koM4XENgjspZ9oo2oKO/Rcuvvns4YrKsjJZt/uLPz4c7O+97ZCSEMSV4SP4GyGINgknjBnoqwFElgPEOzz5zto4vZmaZDlh4xPW82emhtbFfEPYWrQIYQ1hdSeOp6ZAbdjgAjaH0qpIZyNL8mKMw/U7ANS+yumjd1pAFoPZrxgSLWE1dFMRPW+8jfukulJZ1epqc7URqnwmQ/ZqRievHROxIqev0jKO0ryF5VV3QqJ1wYVazj4DIfyznMDzGPhmeT2YOhnhsTZVoobAWfneZzAeF6UFDawuemxk5/bT14TxADPS/sI91QME95SreuU8XVbe6GJo5BiCcg/yT1f7SeTyckHMIUiryUQ5KGVIYQIQ2haIJFUARh+M9K/Q/1/J+Z+gU5IM4zuMt44RWnDg9oS5ua5rWgefO1rQqyWVUDYQR2IUDawgvLQ5QZ3U3LQvBVzYLShV9mTmOyh5TZdAPpHEykrsc8SbAs3AkADOXR7BOnQo8BryllO8JkSQUnWRUrM0BwgQPtRtVTqFqX8lYH2gkOd1S0Mz0o5eMKe9dys0SRwFH3argpEC+PU7fL5LwhCt3X/ssoo9mr+YxpoNHuKmQWjiHkJ/OB+h+o/77U//CrrJ/6V1nkT6zpRzRNxklK4RRCwOlrjhMYDqmXx37tIdAPJvMXmvq/BFofPx63Za6F28KHVnqNsen27ItSwLB6iZZqdPHEubE9aPt5AqNr4QhkcTldgWaRVxo+eXLjnKsTejFK3elhEZCru+cPDHItGK2V62GbZIGdi+teYAt2Y+mOOBnReNfQ16H4GaN5C0u69mhVzUZxt8tFDVmW87hYWiayTlbK62HcmhoQRjNtYihI4E7yBtmEbmhTAQJEnJRAt1Y3TpBzDXIkNP0Iv/Bo9mPu579/6eLKbBVklFeWHCEGUYk8um7kgKHrBhOsWEg4MjrpjREZiyFAx9BgG7xJ0czsdY8tk+HqRU0igLpuS4owymtNBdqMXbmuCp4gNhqCOpjgCeDqEtaoJQ0OhAGSLBmvMMKX0z5WVuye12rai/Ck9X1z53lPoisXyd7FApvYvXgdUoe8uED5Y1EdTYbInVsXOd1OzpD7mE2e1rXNz5sbRt5ZnAuS4fWFh4uQlAhYTZxle1aee297MBe4BCRUCE5Jxvopry4itkn3ymBR4rnk8Livetf3rd3H0U6JVpYTHpqKa1FMBCTlsIvy0uHL6RXsgTPfy3Alqel0i8Nh0eRastDhKxd5rVn6AaxCsVloSFxfeqPpn/aCVcAwRnO4yeyWioOIb1YZ2sbBPhbpBqBA5VphcAWSU2LiRwDZG846Mtc/sQtoY4BaIKVGMCkPMDQrqOB8PbHOH0H///4HBgiioPDlNiMIx0P6FSwVvsR/iBEQCWHJZ87490560MvS6sRxSmYlNYhR1EWZrDp5yR9BWhcWe73E48qNbOaLka0ztamVRUbwPmpyRLLg/TCNj9DWQVemHLHXikEZTymSack0QgcYg+dhy2voFQfQbdmjY9dFxa8UcIkbg+4oGi1vHM9CfXUYHRTNm5o6F7e1IFSSLv3dZXLuLO9hKVzL1ovBu4EAptRykgnqIgtXBGI8HveG3tWIzziV6CbgAfp9ylsuSa56yJJB29IWCoUlgvRx9siUd9T/0v8BLa4Hgg==")

# %% [markdown]
# ### 练习 · 写出递推（3 分）
#
# 补全 `receptive_field_of(layers)`。参数 `layers` 是一个列表，按从输入到输出的顺序，用 `(k, s)` 给出每一层（卷积层或池化层）的卷积核大小和步幅。函数返回最后一层的感受野大小 $r$（以输入像素计），类型为 `int`；空列表表示输入图像本身，此时 $r = 1$。

# %% tags=["exercise:receptive_field_of"]
def receptive_field_of(layers):
    """一串（卷积核，步幅）层中最后一层的感受野大小 r（以输入像素计）。"""
    # 在这里写你的代码
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
# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）
choice("enlarge_most", variants="cnnlab-variants/1:eNrtm9mu7Fadh19l61x1qyKVp/KAlAuX7bJdrnJ5KJeHKBee53mosltIATElEJKmo47EIAY1AtEMjdRqEkhzQd4Ess8hV3mF9knCCR0S6WxyJASpmy1t11r23/by71vLn/zMv9zLbMfP7n3mXvE08tRN2Xh+8zRw76l7qT/OG30ggALHBwnAC9wAQiEHRD1/ZUMuGuCIF8wNq6bMq25u+9Zrz7312k8e/O+/PvjNtx+88svbb31r/vf+z354+/oX33rt1zfgzYNvfuEGfvNV+Ob2xV89+NEvHvzmC/e/8vI7b3yluXn6hnjnjef/8Nznb1/6ye3nvvnWa199+zs/uP23n7y3y/uvvH77wo/feeNr97/93O3LX5833v7y8/PO7n/hu7cvvfr2l7/+cPt//OidN747lxPFxcNibn/x+v1fvDR3fvu559/+/usPXvnxTXPz+y+9PP9d3PxTevP7r3zjBvzn3/0q+cNzn0ve/SH53a/amwc/f/X2y7++aeZS/vg/L7z9ne/dPv/iwyP9qYK33vjm/Vd+Ox9srmMu8d1DvF/NH//7+w++9vO541yEf6kyu7C7uCzmWlrfznzvM0O4O2PpsqNBaKlkMQFA7p5URCnGR6MtVTFYqaQzZcORGn2t6kYbWbmAAumbM8HpUetduG6MwsptYGpI8HTJS2TuwqfVIsc9mEn97GytpjAwVBHRWR/n6cW44RqsDWK/UyGRWo8+ni8oQ4lEc/ICAacYZBWUdJ3J2LldywpSdZept7itLNDNyPFTe+rt2LosyXKPn9POyoYqQ70kTdjiiAhSKkFDrIv9UuPIXb+Bi+VBkh0/WHC1lechfdkRmykh/RM0EPm2L0t3BVNb58IEEN7yQljVnKKnNqJF6qSsjKOaFUMOjUz49NPzNczjtrNTv733mWeeuQegduD7Pg47DogBIOwQAOj77jw0HQD3Anhu//5V3vVgtAgK3E3d6sIeCNffmkfO2Ma42QbdOl5GBe95Nbp2EZ3SYA1VwwxwJXJDkAWDZFFiYzsNJg97O93C7aR1PMl2S8irD+ImaEqahrOCSJUx2+qjd2bmzghIpAfZS51hwKcNzLF0RWGq7wvMxY4DZp9PG4zZjiYRbLZpGsSSUtPm0/eefeqZe66PAi4Kzo8TAOA+MN8Oz4WI+cz8FYz6MPHBadm2nVk80+vYxnPHQTeMBGiQADn6+sbTRwcw93oy7tGcGz2nTs7UwrHxhVRMgklBIkfIdUmBwZm1gMgTPNk00riWBTVqGnjac42EGBnIufYxFWm5zuUxyWl7mfW7ZqufqCQUQCpIgGDTtcDC8BNqiw04PcoxuB0Nw49bazqK5qqXJRWntJDP00UQ4tmKviBjZQREAh0WzgpLFJihwFMCb1vZwC7wJa7S3aFp0HUVjydOtqLju5eFQBEMQ0GXsFEkIBzAJiAH9TAEdJ2Vh4DIB5clWPSt2DGKuGOGTUQhG/F03hORwYWgmkE7LWBEnJt76QJ7Qt1zHpmb3YT2QLDIlW2fgYdDGtmi3h87jTzuO4TKqR5bkHAzhkx2NI5b7sjDTudm5/2yxOLRF6dKAyWjuwwNMU6C5VAR7hS8sTWIIDkUwwIH++wy17Em4nVKudmgMLHeysqFpeTdAEfbKYqOkmgxNtAih3wlNZC3DGN7gwlFbUfkPPafffape2X1MDweDv57t9/+8f1v/+ftf/329ksv3r7wvQc//elbv35lTrY/z9L5itx/4YWHP72bmO8H7Bxc78bvHF8PExiaW807+1Crt17/6hxy847f23gDvfkqdPNeot7/5fduv/bvc0K/t5sbaA7p9470KIk/VMf9F38wZ/oN9uar2AeVPTyBd7P4z1s+POzLX7//0jduv/jD9/cDvvkq+Kdez372qY9EE/QITTZmY5ANgogDARiBe+DKRjDA9V1w5aKog1/R9PhossKNA5sAoypnSJKXWUP5DeF13daLuqVsAIh25AeFz3cuJqmUOVNJbgWVnjkweCCCI+sAHFQcnrIcU7HomImWl4pBpk1sYbF8zdt7mRNRQUBNS+1jXkdwx8KdwdYzc85aAooPZREiCcF6TUjuE1lcuhsk3LYGbScVDZq81LVUgO5sl+fSiHSPB3To+4TuBMIWOmQlgKWqKIYIth2hlapgqRfjjIPHUF0AZqXsu6yldgTRgWrSpJDiwl7NrUlnv05seLcaCqs9ClYTJZsu0Gg1WvS2JV0EJmG7dVowNQm3i8CW6k0h/yWa7hBWvd6Kh5bdWsiZhcIzvB4DZ8+Y8jnYy14MjfhWFgsAZx2H7fqug5DhyPr+tj4Zrrs3Lc2z9ruD0/PumK2JGrXSkjlAgmZX1MOwWm3BIWfzo5uF7WBR7qbUlCBbFwjBTbuC4zIe982sw/K9yG0O0KIBLb4BpypTtsrhAp1RuIUOFMO8hyYIQyCbIOCH4HUgxCXwwMa8APE8D3Fs3/3gtIzLufbsst3ZYZlyGofzFQiQQDfN986kVmsbPvQeaSqIvzQFbcSoZlWirYQz9T4G45bnDijHGfg0MuLu4pib1cZyhBVDnD1IxkuVI5Q9ix1BFR82sDtjKwZXG+bSJ0Cbk2fJ1QylsXke4vcATyznXM/37KIcjMAXcGUvztF7VuyDdAEKzU5LHg+V3jhNDGU6a6DqnMVlXKi9RtSLNEyEYbEy6ZWuazyJ+dESoUQ20bnmtB0Q/47E9ppDZpckomIbORiH3ZHpvW2hZWVDbdiIUk6bSx0Hfb665C65KHhF4JC0bMJExI99lcxD3k3zRp7odbSpzwdDVFRz6x8Oo0dvNSro8uPl2KblfnRgao3Z6t4+1RqY512l9utj2lyoIYCXYFJowujSI4kODEKQtTV3OHsj415o0SMW7s7HqbBE6nI5yHlm7fJLj7mSUAG5f+zhY5dy8SlrDOXkyR+Jpr8Lmjz1JCH6cWhCHqEJW63AAFj58xgBXXeGFIpiAOEE0GoOiDknrmh6fDQheHY8lnNCET20wHDAJyP3KC7EmFkgjGW0CdA5Gqcqonsea3iQ03BZY8J2C5xN1ICag36Uj90FhjmUpdJTJBHbkkbX5lhmbG+ledGnERuB8zySKGmZXLNhBfi2WqNJ4xKAliX7bbs9BHK3BvllKIyptkMDPeidjoMmEdkukpCQM3ptkHJ/sPJAxTzTgTNib5EMtlhLo84HOVL3S/nCGu5mYdcxRx42C7aV7QY8HYxtUAZDPs9hPHuFbBm28tdqveNwAWSNVOQzwCSPwTK0Oc6zYiwr3RbGK1ja8N64Peq+rK5GjtJjLfoINN0hrDAos3floFcryc1EOuK3o69f6iVWOpPQTAgBsmW6TqoQk4w9SrN1Fyp7x9Nz0cd2fnpaRFu49CbzzIXIenvSj8iI60xHs9HDsOLySCQ8S9+PO0M9U2mG0rCbrQ9bIjgcnFyel1FT3m8rEZdtQdSpfcif81wfGRPa0YeNnNqCRmHm/n004TYOYQ4AEh6ErVwI8gAHQ6HAxwHHgZw/O63+wh32l1AD7I3pdlLbSK4Pa4UWW87JUezOzfclWlMo4bPYdo8o3Rpxkqab9isJWhriglB50GdhKms8RDSIFOPpi7aj8H3dLhLoZGj1EHMswQ6cHLUQHSfg0mJ2i0R1PIdr1kMQ0WweLSykgznjnHjkxZV20pyl3noXsb6TIywfAyS4PuOnYB7+rekSlbSLtwgQTI3VF25HMwmDqCJKTpp4RCgckAyhptab+Q7yBRGHxwZbWHcktkymtY+2qGSHWcFpNuKkrh4sz/wAz7Ot7Q6rJ9XtULEoG0shIXqeRggx2mBaV04dyxPm9hBpicuWF/GoQKyQnKvq2Jlq1VB12uVZcjJDueHEenXJ4FUpiNsBHKL8MO5jbFqa4FFx8l3JspyGm4Svm8V+sSmWweQI8/TTY07HUAmEgDg3mi2HyLmV/UKaUkFSvTwmWmCyfXtlinpXkDRa+FF0OH/0qulviom/xVrr49AEPkKT4yC25zgBgMOQ7z8Mg/mRQWDbQVeAG+DwFU2PjybYbpewKl9OtUHQq1QlLikxToSKYQPbZano2SaaRe4yP+REfJbdSdXhNQkvuiLbNbw2L1XYozf0LiPzellEpzHIfbeCuupi+lUUVTZfhpHf2bo7PzZYtYo6lCkph6LjjY8VKRZXxTrH+5OZImxmWhC5X6qytaq9sTgcTw4Lbjx9MDzLKgS9rYNlujNGYqXTY3IulqjX2PYOJtIBU6keiKzNNg41DkbKYEJEzglJvyeFqR8tXdYSzthr/HmqjG4YKkAz41WlrFzHwLCCPyZJv4Iv7hlOnTO+bg6dBxo01NsKtMgxmgzzj3ihd4ewkt3at5hux7toKkOqYNDTureXwdKbh3BY6Sq80PUTD68ggR0bnl1KquE7bMRaCyQFFcqe9ptQYSeygWhuzSMjTeeZejHP4cOwkpIiPUT6SqwrBWRJncBkkfZPhyhGF04ltDYFcYHq26Urt2G7yzWiERy84nrpEG7cWu6Qiif3q/Y9ND3+e8q9ZEWEuyNcKMQuSlvW68TPq5UzTyLGy8UUJsY39V2RHLALcxj7YsHqgdU7aKicsO0CR+Y0JXWyw0SfAjbn2mqXtr9OQoVKnCXXuztvLQ5F5HWTRJ057QzPa6GpIHt1N9IAtKJ3cVizk2aMB7S34iG2g6bWFUJDEjfanfp5NGH6rgTZcFppdiy55ZoM5YhszV5SidF2fUPiUdovQR+myxwQJq2RDZ0F1lUrZYVUFAsoZo+469+R2BV5PEhKSp3tzSnopMvgKvBp126tVjqReV0Q2EXDuDCPSxVVTbxagOkKI7aAu2iKYqp28Qk/iqMBL30v7OZJXERMtBj4x5NrMtgUgUKPMe1CslZKOnHNltpvq2pwoIOGWSHjbA5ONKHzxMSYRDo+yUdtfUkBJrBWpie2sQ75acmKebq/iGc8Mnoi68q2qAYaJNN8JuJxXtZmGn9EGqWzzxhwqsGPeKH3j/Wm7jGh+SE0wU/UNb312vN3QBN2dU3/3zVVim/eyTWpd3JN4iPXxD2+awKHdoPaxcrKd321YWJViHVYqQFO9hFbJ0OaFs9NbC0Yk+lCCgIn7+wsBGbD8Z0hU0tnRYUKP+ZcvW/wkzRhCSLAW6QHSutUK+pJlq+O6eqYro7pYx3Te7P9T5Njgp+oY7oi6RM5Jtc46XdyTMydHJP7yDGVj++YEFW7GMLlYnjIid6oWtsQvCalVpewdhbYsSxtPVGZ1NBaEcaCstQCKFnWmRrZ4aHdIYAuByQU1L7uNQrHCF4+1021lkV+WC+pzaXnr27p6paubukfwC391fD8OCQ9Ebd0RdInckvNFJJ3ckvNndyS/cgtBY/vlqScEHpEa3H4jAynKLVx+hLYpbPFmxxlFqamdmwjjJ61yygqde3VGCQ2JGfwGcCVbdJkJd9Gk8yUCdggnbRY0KMeFz6BUWAHnTSMuTqlq1O6OqUn7JT+rtZWH4ekJ+KUrkj6RE5JW8LjnZxSdienxD9ySv3jOyUHRpgB1wNNE1ONrfIthu63NDz58uYIiBYHLVq1qnUtBAVOrTewApvcmPRMtalM/rQrR7IFtigQOnQYrcEUUqUiZNt59T0zhA0MgL+6pKtLurqkT41L+ghYfghJqyfrkt51V4+LJBC8yqQPyaSjxd9FJpXaXWTS2D2SSdIdP1yykgxj83ieqw9kistFs2pBybBknpKP066rI7ffAwdjf6SPu7qiitwkurJjSGJZr8dQYZa5ztrNYJ0vu2kQ8q7pN6Geq3izP8KCqdhey224Xl0nV7F0FUtXsfSxYumLP/uUiaXVkxVLVz59MrN0Utm7mKWcuotZWuOPzFJ4x6+XtmAHEifL0y7WYpMcGBBeB7iEDWtTJZcSuVchqgQnDhvg5bxUuAQ1t1ufHScHDv1hfUBaTl2yiKacmSVCFjUqqjJOhiM34GXXjh3C1tIIW6mq2VfLdLVMV8v0D2CZ/lqSfhyfnoxluvLpk2mmSyHfRTPV3V00U4Q+0kzGHT9hwuSzb3jAhaEqXvVgKcRoLIm5s42XTNw49RYWlWJAerDC1xsWpe2958nAsIYS2zP5tlvIJ2ae8QCqeOi1kWMBfz+J7MlpRSSsweiAbRcn1tOw7KqcrsrpqpyesHL6e1p1fRyfnoxyuvLpkzkn4hzfxTl1yV2cU1o+ck75Hb9jWqo0BISlYAiNc0oFa5U2rbQfF0cHzg+1VFZHprRIYoGdlYpc+4004nRW7cx6ZwnnFtjAwAU+haMo5CxlFpd4ie2Bow42+QFud3uglQ5rRVO7bn/1T1f/dPVPnxr/9JfkfPazz/4fv0MMtQ==")

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

# %% [markdown]
# ## 交作业
#
# 最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `04_receptive_field.answers.json` 可以一起交，但不是必须的）。这个输出还在屏幕上时，之后的每次检查都会自动更新它。

# %% tags=["hand-in"]
from cnnlab.exercises.answers import hand_in

hand_in("04_receptive_field")
