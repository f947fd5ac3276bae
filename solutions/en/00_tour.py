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
lesson = cnnlab.start_lesson("00_tour", lang="en")

# %% [markdown]
# # Lesson 00 · Course tour
#
# Welcome to cnnlab. Every lesson is a notebook like this one: text to read, code to run,
# and exercises that answer back. This short tour shows how JupyterLab works, how the four
# kinds of exercise work, where your answers are recorded, how to switch the language and
# what quick mode is.
#
# **What you will be able to do**

# %%
for number, objective in enumerate(lesson.objectives["en"], start=1):
    print(f"{number}. {objective}")
print(f"Time needed: about {lesson.minutes} minutes")

# %% [markdown]
# ## 1 · JupyterLab basics
#
# A notebook is a list of **cells**. Text cells (like this one) are for reading; **code cells**
# run Python. Click into a code cell and press **Shift+Enter**: the code runs, its output
# appears below, and the cursor moves to the next cell. Run the cells from top to bottom —
# later cells use what earlier ones defined.
#
# The code runs in a **kernel**, a Python process that remembers every variable. When things
# get confusing, use *Kernel ▸ Restart Kernel and Run All Cells…*: it starts from a clean
# state and runs everything again. If a cell runs for too long, press ■ (*Interrupt the
# kernel*) in the toolbar.

# %%
import torch

x = torch.arange(6).reshape(2, 3)   # (2, 3): two rows, three columns
print(x)
print("shape:", tuple(x.shape), "· numbers:", x.numel())

# %% [markdown]
# ## 2 · Exercises that answer back
#
# Lessons have four kinds of exercise. Type or pick an answer and click **Check**: a wrong
# answer gets a hint, a correct one gets the worked explanation. Input that is not an answer
# (an empty box, a word in a number field) gets a message and does not count as a try. The
# widgets are live only while the kernel runs: if you see a line of text instead of a
# widget, run the cell again.
#
# **Numeric.** A number, typed as you like: `1000`, `1e3`, `1,000`.

# %% tags=["exercise:pixels"]
from cnnlab.exercises import check_function, choice, numeric, shape

numeric("pixels", answer=784, digits=0, unit="numbers",
        prompt="A Fashion-MNIST image is 28×28 pixels in grayscale. How many numbers does one image hold?",
        hint="Grayscale means one number per pixel: multiply height by width.",
        explanation="28 · 28 · 1 = 784: one number per pixel, one channel.")

# %% [markdown]
# **Multiple choice.** Pick one option (some exercises ask for several). This one shows its
# explanation after two wrong tries too.

# %% tags=["exercise:run_key"]
choice("run_key", answer=0, reveal_after=2,
       options=["Shift+Enter", "Ctrl+S", "Esc", "Tab"],
       prompt="Which keys run the current cell and move to the next one?",
       hint="Look at section 1 again.",
       explanation="Shift+Enter runs the cell and moves on. Ctrl+S saves the notebook, Esc leaves "
                   "edit mode, Tab completes a name.")

# %% [markdown]
# **Shape.** A tensor shape, written `(96, 55, 55)`, `96x55x55`, `[96, 55, 55]` or `96×55×55`.
# PyTorch stores a batch of images as (batch, channels, height, width); NumPy and image files
# usually put the channels last.

# %% tags=["exercise:image_shape"]
shape("image_shape", answer=(8, 3, 28, 28),
      prompt="images = torch.zeros(8, 28, 28, 3) holds 8 colour images, channels last. "
             "What is images.permute(0, 3, 1, 2).shape?",
      hint="permute(0, 3, 1, 2) lists the old dimensions in their new order: first 0, then 3, 1, 2.",
      explanation="The old dimensions 0, 3, 1, 2 are 8, 3, 28, 28: the shape is (8, 3, 28, 28), "
                  "channels first, as PyTorch's layers expect.")

# %% [markdown]
# **Code.** Complete the function in the first cell, run it, then run the cell below it: your
# function runs on a few public test cases, and the report shows each case's input, the
# expected value and what your function returned. After editing the function, run its cell
# again and click the button under the report. A function that runs past its time limit
# is stopped, and the kernel stays usable. More tests, hidden from you, are used for grading.
#
# **How your code is graded.** The grader reads your notebook the way the check cell does: it
# grades the last definition of the function above the check cell (in the cell given to you or in
# a new cell of your own), with the imports, helper functions and constants from your cells that
# the function uses, and runs it on the hidden tests. So keep the answer above its check cell, and
# make sure the check still passes after *Kernel ▸ Restart Kernel and Run All Cells…*.
#
# Complete `count_values(height, width, channels)`: how many numbers an image of that size holds.

# %% tags=["exercise:count_values"]
def count_values(height, width, channels):
    """Numbers in one image of height × width pixels with the given number of channels."""
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
# ## 3 · Your answers file
#
# Every click on **Check** is written at once to a file next to this notebook,
# `00_tour.answers.json` (for lesson 02, `02_convolution.answers.json`). It keeps every try,
# in order, with the time (a code exercise's check cell also keeps its latest run there, so a
# check that passes counts even without a click); restarting the kernel continues the same
# file; do not edit it by hand.
# You do not have to hand it in: the last cell of every lesson, *Hand in*, puts these answers into
# the notebook itself, so after running it and saving, the `.ipynb` file alone is enough (the
# answers file is a fallback). The cell below shows the last few checks.

# %% tags=["nbval-ignore-output"]
from cnnlab.exercises.answers import answers_path, load_answers

path = answers_path(lesson.stem)
if path.exists():
    for entry in load_answers(path)["records"][-5:]:
        print(entry["time"], entry["exercise"], entry["status"])
else:
    print(path.name, "does not exist yet: it appears with your first Check.")

# %% [markdown]
# Across the whole course, `cnnlab.progress()` reads the answers files of both language
# folders and shows every exercise of every lesson: ✓ right, ✗ not yet right, ○ unanswered
# (`cnnlab progress` prints the same in a terminal). These are your notebooks' own checks; your
# instructor's grade comes from hidden tests and may differ.

# %% tags=["nbval-ignore-output"]
cnnlab.progress()

# %% [markdown]
# ### Your student id
#
# From lesson 02 on, some quick checks come in *variants*: the same question with other numbers
# for each student, so an answer posted in the class chat is, for most classmates, the answer to
# another question. Your student id picks your variant. On the course's JupyterHub it is your
# hub user name, and there is nothing to do. Anywhere else (your laptop, a hosted notebook service), set it once to the id
# your instructor grades you by: remove the `#` in the cell below, put your id between the quotes
# and run it. On a service that forgets your files between sessions, run it again each session.
# Without an id a quick check shows its default numbers, but your grade uses the numbers of your
# id; such a check says so under its question.

# %%
from cnnlab.exercises.identity import describe_student

# cnnlab.set_student("your id")
print(describe_student())

# %% [markdown]
# ## 4 · 中文 or English
#
# Each lesson exists in both languages with exactly the same code: `lessons/zh/` and
# `lessons/en/`. Start the course with `cnnlab lab --lang zh` or `cnnlab lab --lang en`; the
# first cell of a lesson, `cnnlab.start_lesson(..., lang=...)`, sets the language of cnnlab's
# messages and of the exercise feedback. `cnnlab.set_language` switches it at any time:

# %%
here = cnnlab.get_language()
for lang in ("zh", "en"):
    cnnlab.set_language(lang)
    print(cnnlab.conv_output_size(28, 5, p=0, s=1, explain=True))
_ = cnnlab.set_language(here)

# %% [markdown]
# ## 5 · Quick mode and full mode
#
# Lessons that train a network look at the environment variable `CNNLAB_QUICK`. With
# `CNNLAB_QUICK=1` they train on a small subset for a few epochs, which is quick, and
# say so in their first cell; the course's tests always use it. Without it they train in full
# mode, and their numbers are the results the text discusses. The outputs stored in the
# notebooks and shown on the course website come from full mode; the first cell of every lesson that trains
# a network says which mode is running (a lesson that trains nothing has no modes).

# %% tags=["nbval-ignore-output"]
print("quick mode" if cnnlab.quick_mode() else "full mode")

# %% [markdown]
# That is the whole toolkit. Lesson 01 trains a fully connected network that flattens each
# image into a vector, to see what it can do and what it is missing; from lesson 02 on, we
# study the operation every CNN is built on: the convolution.
