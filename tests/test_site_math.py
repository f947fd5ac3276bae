"""The site's formulas read as JupyterLab shows them: no TeX backslash is left in the text of any
rendered formula (issue 23 §6: "running\\_var" showed its backslash). The pages themselves are
checked in test_site.py, which builds the site once."""

import html
import re

import pytest

from cnnlab.tools.site.markup import tex_to_mathml


def math_texts(page_html):
    """The visible text of every <math> element of a page."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r"<math\b.*?</math>", page_html, re.S)]


@pytest.mark.parametrize("tex,text", [
    (r"\text{running\_var} + \varepsilon", "running_var+ε"),
    (r"\text{50\%} \cdot \text{A\&B}", "50%·A&B"),
])
def test_text_mode_escapes_are_undone(tex, text):
    assert math_texts(tex_to_mathml(tex, display=False)) == [text]
