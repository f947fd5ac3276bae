"""`cnnlab check` rules 13–15: a duration typed in prose, an empty code cell, and a zh term the
glossary replaces (跳距, 单元 for a notebook cell) — each planted in a copy of the course."""

import nbformat
import pytest

from cnnlab.tools.pipeline import prose
from tests.test_prose_checks import _inject, _listed, notebook
from tests.helpers import copy_course

v4 = nbformat.v4


@pytest.mark.parametrize("text, found", [
    ("Training takes about a minute on a laptop.", "a minute"),
    ("The stored run took 24 s.", "24 s"),
    ("It runs for a minute or two.", "a minute"),
    ("Building it takes a few seconds.", "takes a few seconds"),
    ("This takes minutes on a CPU.", "takes minutes"),
    ("about a quarter of an hour", "a quarter of an hour"),
])
def test_a_typed_english_duration_is_found(text, found):
    assert prose.typed_durations(notebook(("md", text)), "en") == [(0, found)]


@pytest.mark.parametrize("text, found", [
    ("训练大约需要几分钟。", "几分钟"), ("存储的运行用了 24 秒。", "24 秒"), ("一两分钟就够了。", "一两分钟"),
    ("这需要一刻钟。", "一刻钟")])
def test_a_typed_chinese_duration_is_found(text, found):
    assert prose.typed_durations(notebook(("md", text)), "zh") == [(0, found)]


@pytest.mark.parametrize("text", [
    "Stack a second layer on conv1.", "The 0s in red mark the dropped row.", "two 3×3s in a row",
    "the 1980s", "the `time_limit` of `2 s` in code", "$s = 2$ and $t = 3 s$",
    "*Training ImageNet in 1 Hour*", "Each epoch is one pass."])
def test_numbers_that_are_not_durations_are_not_found(text):
    assert prose.typed_durations(notebook(("md", text)), "en") == []


def test_durations_in_code_are_not_prose():
    nb = notebook(("code", "print('about a minute')", ["took 24 s\n"]))
    assert prose.typed_durations(nb, "en") == []


def test_empty_code_cells_are_found():
    nb = notebook(("code", ""), ("md", "text"), ("code", "  \n\n"), ("code", "x = 1"))
    assert prose.empty_code_cells(nb) == [0, 2]


@pytest.mark.parametrize("text, term, replacement", [
    ("**跳距** $j$ 每层相乘", "跳距", "等效步幅"),
    ("点进一个代码单元，按 Shift+Enter", "代码单元", "单元格"),
    ("运行所有单元…", "运行所有单元", "单元格"),
    ("下面的单元搭出网络", "下面的单元", "单元格")])
def test_replaced_zh_terms_are_found(text, term, replacement):
    assert prose.zh_terms(notebook(("md", text))) == [(0, term, replacement)]


@pytest.mark.parametrize("text", ["一个隐藏单元", "每个输出单元还有一个偏置", "点进一个代码单元格",
                                  "运行所有单元格", "等效步幅 $j$"])
def test_glossary_terms_are_fine(text):
    assert prose.zh_terms(notebook(("md", text))) == []


def test_a_term_in_a_printed_output_is_found():
    nb = notebook(("code", "print(table)", ["层  感受野  跳距\n"]))
    assert prose.zh_terms(nb) == [(0, "跳距", "等效步幅")]


@pytest.mark.slow
def test_check_lists_the_three_new_rules_with_cell_and_fix(tmp_path):
    copy_course(tmp_path)
    before = _listed(tmp_path)
    lesson, first = _inject(tmp_path, "zh", [v4.new_markdown_cell("训练大约需要几分钟，跳距 j 加倍。"),
                                             v4.new_code_cell("")])
    _inject(tmp_path, "en", [v4.new_markdown_cell("Training takes about a minute; the jump doubles."),
                             v4.new_code_cell("")])
    new = sorted(_listed(tmp_path) - before)
    md, code = f"cell {first} (id cell-{first:03d})", f"cell {first + 1} (id cell-{first + 1:03d})"
    expected_starts = [
        f"solutions/zh/{lesson.stem}.ipynb: {md}: a duration typed in prose: '几分钟'",
        f"solutions/zh/{lesson.stem}.ipynb: {md}: '跳距' is not the glossary's term",
        f"solutions/zh/{lesson.stem}.ipynb: {code}: empty code cell",
        f"solutions/en/{lesson.stem}.ipynb: {md}: a duration typed in prose: 'a minute'",
        f"solutions/en/{lesson.stem}.ipynb: {code}: empty code cell",
    ]
    for start in expected_starts:
        assert any(p.startswith(start) and " — fix: " in p for p in new), (start, new)
    assert len(new) == len(expected_starts), new
