"""README and glossary stay true to the project: lesson table, test command, terms."""

import re

from cnnlab.lesson_table import lessons_markdown
from tests.helpers import ROOT


def test_readme_lesson_table_is_the_manifest(manifest):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- lessons:start[^>]*-->\n(.*?)\n<!-- lessons:end -->", readme, re.S)
    assert block, "README.md lost its lesson-table markers"
    assert block.group(1).strip() == lessons_markdown(manifest).strip(), \
        "README's lesson table is stale: paste the output of `cnnlab lessons --markdown`"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_line = next(line for line in readme.splitlines() if "pytest" in line and line.startswith("bash"))
    command = test_line.split("#")[0].strip()
    assert command in ci, f"{command!r} is not what .ci/run runs"


def test_glossary_has_the_course_terms():
    text = (ROOT / "course" / "glossary.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and line.startswith("|") and not set(cells[0]) <= set("-"):
            rows[cells[0]] = cells[1]
    for zh, en in {"卷积核": "kernel", "特征图": "feature map", "填充": "padding", "步幅": "stride",
                   "感受野": "receptive field", "池化": "pooling", "批量归一化": "batch normalization"}.items():
        assert rows.get(zh, "").startswith(en), (zh, rows.get(zh))


def test_glossary_records_the_term_decisions():
    text = (ROOT / "course" / "glossary.md").read_text(encoding="utf-8")
    for term in ("膨胀", "膨胀卷积", "膨胀率", "位图", "套头衫", "小测验", "随机猜测", "汇聚", "批量规范化"):
        assert f"| {term} |" in text or term in text, term
    assert "| 空洞" not in text                     # dilation is 膨胀, never 空洞


def test_library_and_course_files_never_name_the_authors_notes():
    """Students never receive the authors' notes: the library and course/ do not point to them."""
    from cnnlab.tools.pipeline.prose import AUTHOR_NOTES
    # the pattern itself, the rule's message in `cnnlab check` (作者的笔记 in zh), and the authors' guide
    # that documents what the check looks for
    own_pattern = {ROOT / "cnnlab" / "tools" / "pipeline" / name for name in ("prose.py", "check_prose.py")}
    own_pattern.add(ROOT / "course" / "authoring.md")
    hits = []
    for path in sorted((ROOT / "cnnlab").rglob("*.py")) + sorted((ROOT / "course").rglob("*")):
        if path.is_file() and path not in own_pattern and path.suffix in (".py", ".md", ".toml", ".txt", ".cfg"):
            text = path.read_text(encoding="utf-8")
            hits += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in AUTHOR_NOTES.finditer(text)]
    assert hits == []
