"""The static course site: every lesson in both languages, links that resolve, nothing
loaded from the network, figures embedded, exercises as prompts and no answer leaked."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from cnnlab.tools.pipeline.notebooks import read_notebook

from cnnlab.i18n import LANGUAGES
from cnnlab.tools.markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, find_regions
from cnnlab.tools.site import build_site, join_cjk_lines, lesson_page_path
from tests.helpers import ROOT, run_cli

pytestmark = pytest.mark.slow  # builds the whole site (every lesson, both languages)



class Links(HTMLParser):
    """Every (tag, attribute, value) that points somewhere, plus the switch and nav links."""

    def __init__(self):
        super().__init__()
        self.refs, self.classes = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name], attrs.get("class") or "", attrs))


def links(path):
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.refs


def embedded_pngs(path):
    return [url for tag, attr, url, _, _ in links(path) if tag == "img" and url.startswith("data:image/png;base64,")]


def is_relative(url):
    return not urlsplit(url).scheme and not url.startswith("//")


@pytest.fixture(scope="module")
def site(tmp_path_factory, manifest):
    out = tmp_path_factory.mktemp("site")
    return out, build_site(manifest, out)


def test_every_lesson_page_exists_in_both_languages(site, manifest):
    out, written = site
    expected = {out / "index.html"} | {out / lang / "index.html" for lang in LANGUAGES}
    expected |= {out / lesson_page_path(lesson, lang) for lesson in manifest.lessons for lang in LANGUAGES}
    assert set(written) == expected
    assert all(path.stat().st_size > 1000 for path in expected)


def test_every_relative_link_resolves(site):
    out, written = site
    checked = 0
    for page in written:
        for tag, attr, url, _, _ in links(page):
            if not is_relative(url) or url.startswith(("#", "data:")) or not urlsplit(url).path:
                continue
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            assert target.is_file(), f"{page.relative_to(out)}: <{tag} {attr}={url!r}> is broken"
            assert out.resolve() in target.parents, f"{page.relative_to(out)}: {url!r} leaves the site"
            checked += 1
    assert checked >= 3 * len(written)  # nav, switch and home links on every page


def test_nothing_is_loaded_from_the_network(site):
    _, written = site
    for page in written:
        for tag, attr, url, _, attrs in links(page):
            loads = attr == "src" or (tag == "link" and "stylesheet" in attrs.get("rel", ""))
            if loads:
                assert url.startswith("data:") or is_relative(url), f"{page.name} loads {url}"
        text = page.read_text(encoding="utf-8")
        assert "<script src" not in text and "cdnjs" not in text and "@import" not in text


def test_language_switch_and_navigation_on_every_lesson_page(site, manifest):
    out, _ = site
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            page = out / lesson_page_path(lesson, lang)
            refs = links(page)
            switch = [url for tag, _, url, cls, _ in refs if "cnnlab-lang" in cls]
            other = next(code for code in LANGUAGES if code != lang)
            assert switch == [f"../{lesson_page_path(lesson, other)}"]
            hrefs = {url for _, attr, url, _, _ in refs if attr == "href"}
            assert {f"../{lesson_page_path(each, lang)}" for each in manifest.lessons} <= hrefs
            text = page.read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in text
            assert all(each.title[lang] in text for each in manifest.lessons)


def _solution(lesson, lang):
    return nbformat.read(lesson.path(ROOT, "solutions", lang), as_version=4)


def test_figures_are_embedded_and_math_is_rendered(site, manifest):
    out, _ = site
    total = 0
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            figures = sum("image/png" in output.get("data", {}) for cell in _solution(lesson, lang).cells
                          for output in cell.get("outputs", []))
            page = out / lesson_page_path(lesson, lang)
            assert len(embedded_pngs(page)) == figures
            total += figures
            text = page.read_text(encoding="utf-8").split("</style>")[-1]
            assert "$$" not in text and "cnnlab-tex" not in text
            assert ("<math" in text) == any("$" in cell.source for cell in _solution(lesson, lang).cells
                                            if cell.cell_type == "markdown")
    assert total > 0


def test_no_backslash_is_left_in_the_math_of_any_page(site, manifest):
    """Every formula reads as in JupyterLab: no TeX escape such as running\\_var shows."""
    from tests.test_site_math import math_texts
    out, _ = site
    formulas = 0
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            texts = math_texts((out / lesson_page_path(lesson, lang)).read_text(encoding="utf-8"))
            formulas += len(texts)
            assert [t for t in texts if "\\" in t] == [], (lesson.stem, lang)
    assert formulas > 100


def _answer_lines(nb):
    """The distinctive lines inside solution and hidden-test regions."""
    found = []
    for cell in nb.cells:
        lines = cell.source.split("\n")
        for begin, end in ((BEGIN_SOLUTION, END_SOLUTION), (BEGIN_HIDDEN, END_HIDDEN)):
            for first, last in find_regions(lines, begin, end):
                found += [l.strip() for l in lines[first + 1: last] if len(l.strip()) > 15]
    return found


def test_exercises_are_prompts_and_no_answer_leaks(site, manifest):
    out, _ = site
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            text = (out / lesson_page_path(lesson, lang)).read_text(encoding="utf-8")
            plain = re.sub(r"<[^>]+>", "", text).replace("&quot;", '"').replace("&#39;", "'") \
                .replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
            answers = _answer_lines(_solution(lesson, lang))
            assert answers, "the lesson's solution regions were not found"
            # A line the student version shows anyway (a loop header also used in a demo
            # cell, say) is not a leak; any other answer line must not be on the page.
            student = "\n".join(c.source for c in read_notebook(lesson.path(ROOT, "lessons", lang)).cells)
            leaked = [line for line in answers if line in plain and line not in student]
            assert leaked == []
            for exercise in lesson.exercises:
                assert text.count(f'data-exercise="{exercise.id}"') == 1
            assert "raise NotImplementedError()" in plain
            assert {"zh": "JupyterLab 里作答", "en": "answer this in JupyterLab"}[lang] in plain
            # a check's report prints the answer's values: none is on the page
            assert not re.search(r"\d+/\d+ public tests pass|通过 \d+/\d+ 个公开测试", plain)


def test_chinese_line_breaks_are_not_spaces():
    assert join_cjk_lines("每到一个位置，\n就把 it\nstays 循环\n亲手") == "每到一个位置，就把 it\nstays 循环亲手"
    assert join_cjk_lines("```\n中\n文\n```\n中\n\n文") == "```\n中\n文\n```\n中\n\n文"


def test_student_lessons_as_source(tmp_path, manifest):
    written = build_site(manifest, tmp_path, source="lessons")
    page = tmp_path / lesson_page_path(manifest.lessons[0], "en")
    assert page in written and embedded_pngs(page) == []
    with pytest.raises(ValueError):
        build_site(manifest, tmp_path, source="answers")


def test_cli_builds_the_site(tmp_path, manifest):
    result = run_cli("site", str(tmp_path / "site"), timeout=300)
    assert result.returncode == 0, result.stderr
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            assert (tmp_path / "site" / lesson_page_path(lesson, lang)).is_file()
    assert "index.html" in result.stdout
