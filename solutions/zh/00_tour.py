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
lesson = cnnlab.start_lesson("00_tour", lang="zh")

# %% [markdown]
# # 第 00 课 · 课程导览
#
# 欢迎来到 cnnlab。每一课都是一个这样的笔记本：有要读的文字、要运行的代码，还有会回应你的练习。这份简短的导览介绍 JupyterLab 怎么用、四种练习怎么做、你的答案记录在哪里、怎样切换语言，以及什么是快速模式。
#
# **学完本课你将能够**

# %%
for number, objective in enumerate(lesson.objectives["zh"], start=1):
    print(f"{number}. {objective}")
print(f"预计用时：约 {lesson.minutes} 分钟")

# %% [markdown]
# ## 1 · JupyterLab 入门
#
# 笔记本由一个个**单元格**组成。文本单元格（比如这一个）用来阅读；**代码单元格**运行 Python。点进一个代码单元格，按 **Shift+Enter**：代码运行，输出显示在下方，光标移到下一个单元格。请从上到下依次运行——后面的单元格会用到前面定义的东西。
#
# 代码在**内核**里运行，内核是一个记住所有变量的 Python 进程。如果状态乱了，就用 *内核 ▸ 重启内核并运行所有单元格…*：从干净的状态重新运行一遍。如果某个单元格运行太久，点工具栏上的 ■（*中断内核*）。

# %%
import torch

x = torch.arange(6).reshape(2, 3)   # (2, 3)：两行三列
print(x)
print("形状：", tuple(x.shape), "· 元素个数：", x.numel())

# %% [markdown]
# ## 2 · 能即时反馈的练习
#
# 课程里有四种练习。输入或选择答案，然后点 **检查**：答错会得到提示，答对会看到完整的解答。不是答案的输入（空白、在数值框里写文字）会得到一条说明，不算一次尝试。这些小部件只在内核运行时才能使用：如果你看到的是一行文字而不是小部件，请重新运行那个单元格。
#
# **数值题。** 输入一个数，写法随意：`1000`、`1e3`、`1,000`。

# %% tags=["exercise:pixels"]
from cnnlab.exercises import check_function, choice, numeric, shape

numeric("pixels", answer=784, digits=0, unit="个数值",
        prompt="一张 Fashion-MNIST 图像是 28×28 像素的灰度图。一张这样的图像由多少个数值组成？",
        hint="灰度图每个像素一个数：把高和宽相乘。",
        explanation="28 · 28 · 1 = 784：每个像素一个数，只有一个通道。")

# %% [markdown]
# **选择题。** 选一个选项（有的题要选多个）。这道题在答错两次之后也会给出解答。

# %% tags=["exercise:run_key"]
choice("run_key", answer=0, reveal_after=2,
       options=["Shift+Enter", "Ctrl+S", "Esc", "Tab"],
       prompt="哪个按键运行当前单元格并移到下一个单元格？",
       hint="再看一遍第 1 节。",
       explanation="Shift+Enter 运行单元格并继续向下。Ctrl+S 保存笔记本，Esc 退出编辑模式，"
                   "Tab 补全名字。")

# %% [markdown]
# **形状题。** 张量的形状，可以写成 `(96, 55, 55)`、`96x55x55`、`[96, 55, 55]` 或 `96×55×55`。PyTorch 把一批图像存成（批量，通道，高，宽）；NumPy 和图像文件通常把通道放在最后。

# %% tags=["exercise:image_shape"]
shape("image_shape", answer=(8, 3, 28, 28),
      prompt="images = torch.zeros(8, 28, 28, 3) 存了 8 张彩色图像，通道在最后。"
             "images.permute(0, 3, 1, 2).shape 是什么？",
      hint="permute(0, 3, 1, 2) 按新的顺序列出原来的维度：先是 0，然后是 3、1、2。",
      explanation="原来的第 0、3、1、2 维分别是 8、3、28、28：形状为 (8, 3, 28, 28)，"
                  "通道在前，正是 PyTorch 的层所要求的。")

# %% [markdown]
# **代码题。** 在第一个单元格里补全函数并运行它，再运行它下面的单元格：你的函数会在几个公开测试上运行，报告会列出每个测试的输入、期望值和你的函数返回的值。改完函数后，重新运行函数所在的单元格，再点报告下面的按钮。运行超过时间限制的函数会被停止，内核仍然可以继续使用。评分时还会用到一些你看不到的隐藏测试。
#
# **代码题怎样评分。** 评分程序像检查单元格一样读你的笔记本：它评的是检查单元格上方最后一次定义的函数（写在给你的单元格里，或写在你自己新建的单元格里都可以），连同这个函数用到的、你自己单元格里的 import、辅助函数和常量，再用隐藏测试运行它。所以请把答案留在检查单元格的上方，并确认用 *内核 ▸ 重启内核并运行所有单元格…* 从头运行之后检查仍然通过。
#
# 补全 `count_values(height, width, channels)`：这样大小的一张图像包含多少个数。

# %% tags=["exercise:count_values"]
def count_values(height, width, channels):
    """高×宽像素、给定通道数的一张图像里有多少个数。"""
    ### BEGIN SOLUTION
    return height * width * channels
    ### END SOLUTION


# %% tags=["exercise:count_values"]
_ = check_function("count_values", count_values, [
    ((32, 32, 3), 3072),
    ((227, 227, 3), 154587),
])
### BEGIN HIDDEN TESTS
from cnnlab.exercises.expect import expect_value

for _h, _w, _c in [(28, 28, 1), (1, 1, 1), (224, 224, 3), (5, 7, 64)]:
    expect_value(count_values(_h, _w, _c), torch.zeros(_c, _h, _w).numel(), case=(_h, _w, _c))
### END HIDDEN TESTS

# %% [markdown]
# ## 3 · 你的答案文件
#
# 每点一次 **检查**，结果都会立刻写进这个笔记本旁边的一个文件 `00_tour.answers.json`（第 02 课则是 `02_convolution.answers.json`）。它按顺序保存每一次尝试和时间（代码题的检查单元格也会在这里留下最近一次运行的结果，所以检查通过了，不点按钮也算数）；重启内核后会接着写同一个文件；不要手工修改它。这个文件不必提交：每课的最后一个单元格“交作业”会把这些答案写进笔记本本身，运行它并保存之后，只交 `.ipynb` 文件就够了（答案文件只是备用）。下面的单元格显示最近几次检查。

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
# ### 你的学号
#
# 从第 02 课起，有些快速检查有多个*变体*：同一个问题，每个学生拿到的数字不同，所以发到班级群里的一个答案，对大多数同学来说是另一道题的答案。你的学号决定你看到哪个变体。在课程的 JupyterHub 上，学号就是你的 hub 用户名，什么都不用做。在其他地方（你的笔记本电脑、在线笔记本服务），请设置一次，用教师给你评分时使用的学号：去掉下面单元格里的 `#`，在引号之间填上你的学号，然后运行。如果在线服务在两次使用之间会清掉你的文件，每次使用时都要再运行一次。没有学号时，快速检查显示默认数字，而评分使用你学号对应的数字；这样的检查会在题目下方说明这一点。

# %%
from cnnlab.exercises.identity import describe_student

# cnnlab.set_student("your id")
print(describe_student())

# %% [markdown]
# ## 4 · 中文还是 English
#
# 每一课都有两种语言的版本，代码完全相同：`lessons/zh/` 和 `lessons/en/`。用 `cnnlab lab --lang zh` 或 `cnnlab lab --lang en` 打开课程；每课的第一个单元格 `cnnlab.start_lesson(..., lang=...)` 设定 cnnlab 的提示信息和练习反馈所用的语言。随时可以用 `cnnlab.set_language` 切换：

# %%
here = cnnlab.get_language()
for lang in ("zh", "en"):
    cnnlab.set_language(lang)
    print(cnnlab.conv_output_size(28, 5, p=0, s=1, explain=True))
_ = cnnlab.set_language(here)

# %% [markdown]
# ## 5 · 快速模式与完整模式
#
# 需要训练网络的课程会读取环境变量 `CNNLAB_QUICK`。设为 `CNNLAB_QUICK=1` 时，只用一小部分数据训练几轮，很快就能跑完，并在第一个单元格里说明这一点；课程的测试总是用这个模式。不设置时按完整模式训练，得到的才是正文讨论的结果。笔记本里保存的输出和课程网站上显示的输出都来自完整模式；需要训练网络的课程都会在第一个单元格里说明当前是哪种模式；不训练网络的课程没有两种模式之分。

# %% tags=["nbval-ignore-output"]
print("快速模式" if cnnlab.quick_mode() else "完整模式")

# %% [markdown]
# 工具就是这些。第 01 课先训练一个把图像展平成向量的全连接网络，看看它能做到什么、又缺了什么；从第 02 课起，我们学习每个 CNN 都离不开的运算：卷积。
