"""The site's formulas read as JupyterLab shows them: no TeX backslash is left in the text of any
rendered formula (issue 23 §6: "running\\_var" showed its backslash)."""

import html
import re

import pytest

from cnnlab.course import load_manifest
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.site import build_site, lesson_page_path
from cnnlab.tools.site.render import tex_to_mathml
from tests.helpers import ROOT

MANIFEST = load_manifest(ROOT)


def math_texts(page_html):
    """The visible text of every <math> element of a page."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<math\b.*?</math>", page_html, re.S)]


@pytest.mark.parametrize("tex,text", [
    (r"\text{running\_var} + \varepsilon", "running_var+ε"),
    (r"\text{50\%} \cdot \text{A\&B}", "50%·A&B"),
])
def test_text_mode_escapes_are_undone(tex, text):
    assert math_texts(tex_to_mathml(tex, display=False)) == [text]


@pytest.mark.slow
def test_no_backslash_is_left_in_the_math_of_any_page(tmp_path):
    build_site(MANIFEST, tmp_path)
    formulas = 0
    for lesson in MANIFEST.lessons:
        for lang in LANGUAGES:
            texts = math_texts((tmp_path / lesson_page_path(lesson, lang)).read_text(encoding="utf-8"))
            formulas += len(texts)
            left = [t for t in texts if "\\" in t]
            assert left == [], (lesson.stem, lang, left)
    assert formulas > 100
