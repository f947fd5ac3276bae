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

# %%
import cnnlab
lesson = cnnlab.start_lesson("00_tour", lang="zh")

# %% [markdown]
# # 第 00 课 · 课程导览
#
# 欢迎来到 cnnlab。每一课都是一个这样的笔记本：有要读的文字、要运行的代码，还有会回应你的练习。这份简短的导览介绍 JupyterLab 怎么用、四种练习怎么做、你的答案记录在哪里、怎样切换语言，以及什么是快速模式。大约需要一刻钟。
#
# **学完本课你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")

# %% [markdown]
# ## 1 · 两分钟学会 JupyterLab
#
# 笔记本由一个个**单元**组成。文字单元（比如这一个）用来阅读；**代码单元**运行 Python。点进一个代码单元，按 **Shift+Enter**：代码运行，输出显示在下方，光标移到下一个单元。请从上到下依次运行——后面的单元会用到前面定义的东西。
#
# 代码在**内核**里运行，内核是一个记住所有变量的 Python 进程。如果状态乱了，就用 *内核 ▸ 重启内核并运行所有单元…*：从干净的状态重新运行一遍。如果某个单元运行太久，点工具栏上的 ■（*中断内核*）。

# %%
import torch

x = torch.arange(6).reshape(2, 3)   # (2, 3)：两行三列
print(x)
print("形状：", tuple(x.shape), "· 元素个数：", x.numel())

# %% [markdown]
# ## 2 · 会回应你的练习
#
# 课程里有四种练习。输入或选择答案，然后点 **检查**：答错会得到提示，答对会看到完整的解答。不是答案的输入（空白、在数值框里写文字）会得到一条说明，不算一次尝试。这些小部件只在内核运行时才能使用：如果你看到的是一行文字而不是小部件，请重新运行那个单元。
#
# **数值题。** 输入一个数，写法随意：`1000`、`1e3`、`1,000`。

# %% tags=["exercise:pixels"]
from cnnlab.exercises import check_function, choice, numeric, shape

numeric("pixels", key="d17f3868e0f0d1482d34eff624bc4511", digits=0, unit="个数值",
        prompt="一张 Fashion-MNIST 图像是 28×28 像素的灰度图。一张这样的图像由多少个数值组成？",
        hint="灰度图每个像素一个数：把高和宽相乘。",
        explanation="sealed:LzOe8z7i5NMWxxOD1Npgv8RTIPXoGoY0kvqGN+FipPaCPENXtunonG7bRrcHnlRTad3yl2OsSuCYnrjEy3HqMse2OQ==")

# %% [markdown]
# **选择题。** 选一个选项（有的题要选多个）。这道题在答错两次之后也会给出解答。

# %% tags=["exercise:run_key"]
choice("run_key", key="7fdf3fb529d72083e2cdda6a2292efe4", reveal_after=2,
       options=["Shift+Enter", "Ctrl+S", "Esc", "Tab"],
       prompt="哪个按键运行当前单元并移到下一个单元？",
       hint="再看一遍第 1 节。",
       explanation="veiled:qzHJKLZ/pijzDnEeAjb/zX7ond+BDmz3h1GqihjAf/Ry17g4MTort1XUQs3YxIYhuCexZJjWJLJ8kIQqRF/kO7uuM8wuhEDfjGiorv9SCdsR10Rfd21jywgYAZBRi4XB3VXQsAtpgPudFhqIXN/x")

# %% [markdown]
# **形状题。** 张量的形状，可以写成 `(96, 55, 55)`、`96x55x55`、`[96, 55, 55]` 或 `96×55×55`。PyTorch 把一批图像存成（批量，通道，高，宽）；NumPy 和图像文件通常把通道放在最后。

# %% tags=["exercise:image_shape"]
shape("image_shape", key="a44251f527ecfbfa666c0fab2b61a699",
      prompt="images = torch.zeros(8, 28, 28, 3) 存了 8 张彩色图像，通道在最后。"
             "images.permute(0, 3, 1, 2).shape 是什么？",
      hint="permute(0, 3, 1, 2) 按新的顺序列出原来的维度：先是 0，然后是 3、1、2。",
      explanation="sealed:G4vSDVoOICEBJbOyNgzSNTdlrORKm33pQr0SCh/aAXhtNTltxR4XHFXcSypWy2ZRw1DagVAevkeMSKOUuM+1KUmuyrEPSUilNSItmZlMerbr5SqRB12rIskowbOmJpmgrkG2cSWZPK1B7muUUCC5Y4FFODU40eDREL7Zaf0ZRuMEDk5ZP7SQdA==")

# %% [markdown]
# **代码题。** 在第一个单元里补全函数并运行它，再运行它下面的单元：你的函数会在几个公开测试上运行，报告会列出每个测试的输入、期望值和你的函数返回的值。改完函数后，重新运行函数所在的单元，再点报告下面的按钮。运行超过两秒的函数会被停止，内核仍然可以继续使用。评分时还会用到一些你看不到的隐藏测试。
#
# 补全 `count_values(height, width, channels)`：这样大小的一张图像包含多少个数。

# %% tags=["exercise:count_values"]
def count_values(height, width, channels):
    """高 × 宽 像素、给定通道数的一张图像里有多少个数。"""
    # 在这里写你的代码
    raise NotImplementedError()


# %% tags=["exercise:count_values"]
_ = check_function("count_values", count_values, [
    ((32, 32, 3), 3072),
    ((227, 227, 3), 154587),
])

# %% [markdown]
# ## 3 · 你的答案文件
#
# 每点一次 **检查**，结果都会立刻写进这个笔记本旁边的一个文件 `00_tour.answers.json`（第 02 课则是 `02_convolution.answers.json`）。它按顺序保存每一次尝试和时间；重启内核后会接着写同一个文件。课程要求时，把它和笔记本一起提交，不要手工修改它。下面的单元显示最近几次检查。

# %% tags=["nbval-ignore-output"]
from cnnlab.exercises.answers import answers_path, load_answers

path = answers_path(lesson.stem)
if path.exists():
    for entry in load_answers(path)["records"][-5:]:
        print(entry["time"], entry["exercise"], entry["status"])
else:
    print(path.name, "还不存在：第一次点“检查”时就会出现。")

# %% [markdown]
# 在整门课程的范围内，`cnnlab.progress()` 读取两种语言文件夹里的答案文件，列出每一课的每道练习：✓ 已答对，✗ 还不对，○ 未作答（在终端里用 `cnnlab progress` 也能看到同样的内容）。这些只是笔记本自己的检查；教师的评分来自隐藏测试，结果可能不同。

# %% tags=["nbval-ignore-output"]
cnnlab.progress()

# %% [markdown]
# ## 4 · 中文还是 English
#
# 每一课都有两种语言的版本，代码完全相同：`lessons/zh/` 和 `lessons/en/`。用 `cnnlab lab --lang zh` 或 `cnnlab lab --lang en` 打开课程；每课的第一个单元 `cnnlab.start_lesson(..., lang=...)` 设定 cnnlab 的提示信息和练习反馈所用的语言。随时可以用 `cnnlab.set_language` 切换：

# %%
here = cnnlab.get_language()
for lang in ("zh", "en"):
    cnnlab.set_language(lang)
    print(cnnlab.conv_output_size(28, 5, p=0, s=1, explain=True))
_ = cnnlab.set_language(here)

# %% [markdown]
# ## 5 · 快速模式与完整模式
#
# 需要训练网络的课程会读取环境变量 `CNNLAB_QUICK`。设为 `CNNLAB_QUICK=1` 时，只用一小部分数据训练几轮——在笔记本电脑上几秒钟——并在第一个单元里说明这一点；课程的测试总是用这个模式。不设置时按完整模式训练，得到的才是正文讨论的结果。笔记本里保存的输出和课程网站上显示的输出都来自完整模式；每一课的第一个单元都会说明当前是哪种模式。

# %% tags=["nbval-ignore-output"]
print("快速模式" if cnnlab.quick_mode() else "完整模式")

# %% [markdown]
# 工具就是这些。第 01 课先训练一个把图像展平成向量的全连接网络，看看它能做到什么、又缺了什么；从第 02 课起，我们学习每个 CNN 都离不开的运算：卷积。
