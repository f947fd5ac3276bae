"""Markdown and math to HTML for the site: MathML at build time, Chinese line joins, the exporter.

Math is rendered to MathML while the site is built (``latex2mathml``), so a page
needs no MathJax from a CDN; a soft line break between two Chinese characters is
removed, because a browser shows it as a space; ``make_exporter`` is nbconvert's
``HTMLExporter`` with the course template and this Markdown filter.
"""

import html
import re
import warnings
from pathlib import Path

import jinja2
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from cnnlab.i18n import say

TEMPLATES = Path(__file__).parent / "templates"


class MathWarning(UserWarning):
    """A formula latex2mathml cannot convert; the page shows its TeX source instead."""


# ---------------------------------------------------------------- math → MathML


# In TeX's text mode (\text{…}) a backslash escapes a special sign: \text{running\_var} reads
# "running_var". latex2mathml copies the text as it is, so the escapes are undone here.
_MTEXT = re.compile(r"(<mtext[^>]*>)(.*?)(</mtext>)", re.S)
_TEXT_ESCAPE = re.compile(r"\\([_%&#$\{\}]| )")


def _unescape_text_mode(mathml):
    r"""``<mtext>running\_var</mtext>`` → ``<mtext>running_var</mtext>`` (also ``\% \& \# \$ \{ \}``, ``\ ``)."""
    return _MTEXT.sub(lambda m: m.group(1) + _TEXT_ESCAPE.sub(r"\1", m.group(2)) + m.group(3), mathml)


def tex_to_mathml(tex, display):
    try:
        return _unescape_text_mode(latex_to_mathml(tex.strip(), display="block" if display else "inline"))
    except Exception as err:  # latex2mathml raises many kinds of errors
        warnings.warn(say(zh="无法把 ${tex}$ 转换成 MathML（{err}）；页面上显示 TeX 源码",
                          en="cannot convert ${tex}$ to MathML ({err}); showing the TeX", tex=tex, err=err),
                      MathWarning)
        return f'<code class="cnnlab-tex">{html.escape(tex)}</code>'


class MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, with ``$…$``, ``$$…$$`` and ``\\begin{…}`` as MathML."""

    def inline_math(self, body):
        return tex_to_mathml(body, display=False)

    def block_math(self, body):
        return tex_to_mathml(body, display=True)

    def latex_environment(self, name, body):
        return tex_to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display=True)


# A line break between two Chinese characters is not a space (Markdown would make it one).
_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_CJK_SOFT_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)


def join_cjk_lines(markdown):
    """Remove the soft line breaks between Chinese characters, outside fenced code."""
    parts, last = [], 0
    for fence in _FENCE.finditer(markdown):
        parts += [_CJK_SOFT_BREAK.sub("", markdown[last:fence.start()]), fence.group(0)]
        last = fence.end()
    parts.append(_CJK_SOFT_BREAK.sub("", markdown[last:]))
    return "".join(parts)


def markdown_filter(exporter):
    """The ``markdown2html`` Jinja filter of the site: math as MathML (no MathJax), Chinese lines kept together.

    Given to nbconvert through ``TemplateExporter.filters``, its public way to replace a filter;
    reads the exporter's anchor-link settings when a page is rendered.
    """
    @jinja2.pass_context
    def markdown2html(context, source):
        cell = context.get("cell", {})
        renderer = MathMLRenderer(escape=False, attachments=cell.get("attachments", {}),
                                  anchor_link_text=exporter.anchor_link_text,
                                  exclude_anchor_links=exporter.exclude_anchor_links)
        return MarkdownWithMath(renderer=renderer).render(join_cjk_lines(source))

    return markdown2html


def make_exporter():
    exporter = HTMLExporter(template_name="cnnlab_site", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.filters = {**exporter.filters, "markdown2html": markdown_filter(exporter)}
    return exporter
