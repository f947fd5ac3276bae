"""README.md and course/teaching.md keep each Chinese paragraph on one source line: GitHub renders
a line break inside a Chinese sentence as a space (issue 23 §3, Docs)."""

import re

import pytest

from tests.helpers import ROOT

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
BLOCK_START = re.compile(r"\s*([-*+]\s|[>|#]|```|\d+\.\s)")


def chinese_line_breaks(markdown):
    """Line numbers where a paragraph line holding Chinese text is continued on the next line."""
    found, fenced = [], False
    lines = markdown.split("\n")
    for number, (line, following) in enumerate(zip(lines, lines[1:]), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or BLOCK_START.match(line) or not following.strip() or BLOCK_START.match(following):
            continue
        if re.search(f"[{CJK}]", line) and re.search(f"[{CJK}]", following):
            found.append(number)
    return found


def test_the_rule_finds_a_broken_chinese_sentence():
    assert chinese_line_breaks("**中文**：一句话，\n接着写。\n\n下一段。") == [1]
    assert chinese_line_breaks("- 一项\n- 另一项\n\n```\n中\n文\n```") == []


@pytest.mark.parametrize("name", ["README.md", "course/teaching.md"])
def test_chinese_paragraphs_are_one_line(name):
    assert chinese_line_breaks((ROOT / name).read_text(encoding="utf-8")) == []
