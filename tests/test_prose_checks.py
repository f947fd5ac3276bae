"""The checks of what lessons say (cnnlab.tools.pipeline.prose), on small synthetic notebooks,
and the stored solutions themselves: no stored output shows a failed inline check."""

from pathlib import Path

import nbformat
import pytest

from cnnlab.manifest import load_manifest
from cnnlab.tools.pipeline import prose
from cnnlab.tools.pipeline.check import check
from cnnlab.tools.pipeline.notebooks import read_notebook, write_pair
from tests.helpers import ROOT, copy_course

v4 = nbformat.v4


def notebook(*cells):
    """Cells given as ("md", text) or ("code", source, [output texts], [tags])."""
    nb = v4.new_notebook()
    for kind, text, *rest in cells:
        if kind == "md":
            nb.cells.append(v4.new_markdown_cell(text))
        else:
            outputs, tags = (rest + [[], []])[:2]
            cell = v4.new_code_cell(text, execution_count=1, metadata={"tags": tags},
                                    outputs=[v4.new_output("stream", text=o) for o in outputs])
            nb.cells.append(cell)
    return nb


# ---------------------------------------------------------------------------- ✗ in outputs

def test_a_failed_inline_check_is_found_with_its_cell():
    nb = notebook(("md", "# T"),
                  ("code", "check_function('f', f, [])", ["✓ exercise f: 2/2 public tests pass\n"]),
                  ("code", "check_function('g', g, [])",
                   ["✗ exercise g: 0/2 public tests pass\n  ✗ input (1,) → expected 2, got 3\n"]))
    assert prose.failed_checks(nb) == [(2, "✗ exercise g: 0/2 public tests pass"),
                                       (2, "✗ input (1,) → expected 2, got 3")]


def test_a_cross_inside_a_line_or_a_passing_check_is_not_a_failure():
    nb = notebook(("code", "print('a ✗ b')", ["a ✗ b\n", "✓ exercise f: 2/2\n"]))
    nb.cells.append(v4.new_code_cell("x", outputs=[v4.new_output(
        "execute_result", data={"text/plain": "✓ exercise f: 2/2 public tests pass"}, execution_count=2)]))
    assert prose.failed_checks(nb) == []
    nb.cells[-1].outputs[0]["data"]["text/plain"] = "✗ exercise f: 1/2 public tests pass"
    assert prose.failed_checks(nb) == [(1, "✗ exercise f: 1/2 public tests pass")]


def test_a_check_cell_must_not_be_ignored_by_nbval():
    nb = notebook(("code", "check_function('f', f, [])", [], ["exercise:f", "nbval-ignore-output"]),
                  ("code", "plot()", [], ["nbval-ignore-output"]),
                  ("code", "check_function('g', g, [])", [], ["exercise:g"]))
    assert prose.ignored_check_cells(nb) == [0]


# ---------------------------------------------------------------------------- CJK line breaks

def test_a_break_between_chinese_characters_is_listed():
    source = "所以只有在图像\n四周才需要填充。\n\n全连接层\n的权重，**很多**\n**参数**。"
    assert prose.cjk_line_breaks(source) == ["…所以只有在图像⏎四周才需要填充。…", "…全连接层⏎的权重，**很多**…",
                                             "…的权重，**很多**⏎**参数**。…"]


def test_breaks_that_render_correctly_are_not_listed():
    source = ("# 标题\n正文。\n\n- 第一项\n- 第二项\n"        # heading, list items
              "| 层 | 参数 |\n|---|---|\n| 卷积 | 3 |\n"       # table rows
              "中文与\nConv2d 之间\n"                          # Chinese then Latin: a space is fine
              "```\n中文\n中文\n```\n"                          # code block
              "$$\n\\text{输出}\n\\text{尺寸}\n$$\n"            # display math
              "一句话。\n\n另一段。")                           # separate paragraphs
    assert prose.cjk_line_breaks(source) == []


def test_a_break_inside_a_block_quote_is_listed():
    assert prose.cjk_line_breaks("> 引用的\n> 一句话") == ["…引用的⏎一句话…"]


# ---------------------------------------------------------------------------- zh/en parity

def test_numbers_are_normalised():
    assert prose.numbers("６０,０００ 张，1 万张") == prose.numbers("60000 images, 10,000 images")
    assert prose.numbers("6,110 万个参数，1.38 亿") == prose.numbers("61.1 million parameters, 138 million")
    assert prose.numbers("Conv2d 与 3×3") == prose.numbers("Conv2d and 3×3")     # 3, 3; not the 2 of Conv2d
    assert prose.numbers("见 [第 7 节](https://d2l.ai/7.6.html)") == prose.numbers("see [section 7](x)")
    assert prose.numbers("$n = 28$ 时") == prose.numbers("when")                  # formulas are compared apart
    assert prose.numbers("《动手学深度学习》6.6 节 <!-- parity-ignore: 6.6 -->") == prose.numbers("d2l")
    assert prose.numbers("六个特征图，0 个参数，第 3 列") == prose.numbers("six maps, no parameters, column three")
    assert prose.numbers("11 个") != prose.numbers("eleven")                     # only 0–10 are left out


def test_formulas_ignore_spacing_and_translated_text():
    assert prose.formulas("$$ \\text{输出} = (n - k) / s + 1 $$") == prose.formulas("$$\\text{out}=(n-k)/s+1$$")
    assert prose.formulas("$a+b$") != prose.formulas("$a-b$")
    assert prose.formulas("设置 `$CNNLAB_DATA` 与 `$HOME`") == prose.formulas("")   # code, not math


def test_heading_levels():
    assert prose.heading_levels("# A\n## B\n```\n# comment\n```\n### C") == [1, 2, 3]


def test_parity_lists_every_difference_and_passes_twins():
    zh = notebook(("md", "# 一\n训练集有 60,000 张图像，$r = 5$。"), ("code", "x = 1"),
                  ("md", "## 二\n张数见下面的输出。"), ("md", "### 三\n3×3 卷积"))
    en = notebook(("md", "# One\nThe training set has 60000 images, $r=5$."), ("code", "x = 1"),
                  ("md", "## Two\n60,000 … 10,000"), ("md", "## Three\n3×3 convolution, $k$"))
    found = prose.parity(zh, en)
    assert (2, 2, "numbers differ (en only: 10000, 60000)") in found
    assert (3, 3, "heading levels differ: zh [3], en [2]") in found
    assert (3, 3, "formulas differ (en only: k)") in found
    assert len(found) == 3
    assert prose.parity(zh, zh) == []


def test_parity_needs_the_same_number_of_markdown_cells():
    zh = notebook(("md", "# 一"), ("md", "二"))
    assert prose.parity(zh, notebook(("md", "# One"))) == [(None, None, "2 markdown cells in zh but 1 in en")]


# ---------------------------------------------------------------------------- the authors' notes

@pytest.mark.parametrize("text", ["见课程笔记。", "as the course notes say", "笔记 002 第 3 节", "note 001 says",
                                  "see ../shared/seeds/000.md", "Course Note 4",
                                  "笔记里的例子", "The note's example", "the notes' 4×4 input"])
def test_naming_the_notes_is_found(text):
    assert [n for n, _ in prose.author_notes(notebook(("md", "# T"), ("md", text)))] == [1]


def test_other_notes_are_fine():
    nb = notebook(("md", "Take notes while you read; 读书笔记；做笔记；在笔记本里运行；see note 1 below."),
                  ("code", "print('ok')", ["shared weights\n"]))
    assert prose.author_notes(nb) == []


def test_notes_named_in_an_output_are_found():
    nb = notebook(("code", "print(path)", ["/home/x/shared/seeds/000.md\n"]))
    assert prose.author_notes(nb) == [(0, "/home/x/shared/seeds/000.md ")]


# ---------------------------------------------------------------------------- in `cnnlab check`

def _inject(root, lang, cells):
    manifest = load_manifest(root)
    lesson = manifest.lessons[0]
    path = lesson.path(root, "solutions", lang)
    nb = read_notebook(path)
    nb.cells += cells
    write_pair(nb, path)
    return lesson, len(nb.cells) - len(cells)


def _listed(root):
    """What `cnnlab check` lists for the solutions (lessons/ would need a `cnnlab build`)."""
    return {str(p) for p in check(load_manifest(root)) if str(p).startswith("solutions/")}


@pytest.mark.slow  # checks the whole course
def test_check_lists_each_new_problem_with_lesson_language_cell_and_fix(tmp_path):
    copy_course(tmp_path)
    before = _listed(tmp_path)
    lesson, first = _inject(tmp_path, "zh", [
        v4.new_markdown_cell("这是一句\n被断开的话，见课程笔记。"),
        v4.new_code_cell("check_function('f', f, [])", metadata={"tags": ["nbval-ignore-output"]},
                         outputs=[v4.new_output("stream", text="✗ exercise f: 0/1 public tests pass\n")]),
    ])
    _inject(tmp_path, "en", [v4.new_markdown_cell("A sentence, 12 numbers."),
                             v4.new_code_cell("check_function('f', f, [])")])
    new = sorted(_listed(tmp_path) - before)
    where = f"solutions/zh/{lesson.stem}.ipynb: "
    md, code = f"cell {first} (id cell-{first:03d})", f"cell {first + 1} (id cell-{first + 1:03d})"
    expected_starts = [
        f"{where}{md}: line break inside a Chinese sentence",
        f"{where}{md}: names the authors' notes",
        f"{where}{code}: stored output shows a failed inline check",
        f"{where}{code}: runs check_function but is tagged 'nbval-ignore-output'",
        f"{where}zh {md} / en {md}: numbers differ (en only: 12)",
    ]
    for start in expected_starts:
        assert any(p.startswith(start) and " — fix: " in p for p in new), (start, new)
    assert len(new) == len(expected_starts), new


@pytest.mark.slow  # checks the whole course
def test_check_lists_nothing_new_for_faithful_twins(tmp_path):
    copy_course(tmp_path)
    before = _listed(tmp_path)
    _inject(tmp_path, "zh", [v4.new_markdown_cell("## 小结\n\n训练集有 60,000 张图像，$r = 5$。"),
                             v4.new_code_cell("check_function('f', f, [])", outputs=[
                                 v4.new_output("stream", text="✓ exercise f: 1/1 public tests pass\n")])])
    _inject(tmp_path, "en", [v4.new_markdown_cell("## Summary\nThe training set has 60000 images, $r=5$."),
                             v4.new_code_cell("check_function('f', f, [])")])
    assert _listed(tmp_path) - before == set()


# ---------------------------------------------------------------------------- the stored solutions

SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_stored_solution_shows_no_failed_inline_check(path):
    """Every inline check of a solution passed when it was executed (re-run: `cnnlab execute NN`)."""
    failed = prose.failed_checks(read_notebook(path))
    assert failed == [], f"{path.relative_to(ROOT)}: " + "; ".join(f"cell {n}: {line}" for n, line in failed)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_inline_check_cells_are_compared_by_nbval(path):
    assert prose.ignored_check_cells(read_notebook(path)) == []


def test_there_are_solutions_to_check():
    assert len(SOLUTIONS) >= 26 and {p.parent.name for p in SOLUTIONS} == {"zh", "en"}
