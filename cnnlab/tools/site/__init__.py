"""``cnnlab site OUT_DIR``: the course as a static HTML site, in Chinese and English.

Which notebooks, and why
------------------------
The site is built from the **executed solution notebooks** (``source="solutions"``,
the default). A reader of the site cannot run anything, so the page must carry
what running would show: the figures and the printed numbers that the text
refers to. Only the solutions have those outputs (``cnnlab execute`` stores them;
the student lessons are saved without outputs). The answers must not leak, so
each solution is first passed through the steps that make the student version
(``cnnlab.tools.pipeline.steps.STUDENT_STEPS``: answers stubbed, hidden tests removed,
quick-check answers replaced by keys), except ``clear_outputs``; and every cell that held an
answer or belongs to an exercise loses its outputs (a check cell's output prints
the answer's values), which are replaced by a static prompt: the exercise, its
points, its question (and options) for a widget exercise, and "answer this in
JupyterLab". ``source="lessons"`` builds the same
site from the student notebooks (no figures, nothing to hide), e.g. to preview
exactly what students get. The outputs are those of full mode (``cnnlab execute
--full`` stores them and ``cnnlab check`` insists on it): the lesson's real
results, each page says so under its first cell (:func:`outputs_notice`).

How
---
nbconvert's ``HTMLExporter`` with a template (``templates/cnnlab_site``) that
extends JupyterLab's ``lab`` template: a sidebar with every lesson of the
manifest, a zh/en switch linking to the same page in the other language, and
the page itself. Index pages (one per language, plus a root page) are small
in-memory notebooks rendered by the same exporter. Figures are embedded as data
URIs (nbconvert does that for ``image/png`` outputs), so each page is one file.

Offline
-------
The ``lab`` template loads require.js, MathJax and mermaid from a CDN. The site
needs none of them: no page here has widgets or diagrams, and math is rendered
at build time to MathML (``latex2mathml``), which browsers display natively. So
the site builds and reads with no network; the tests check that no page loads
anything from outside.
"""

import ast
import copy
import html
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import jinja2
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from cnnlab.cells import exercise_of, mask_magics
from cnnlab.i18n import LANGUAGES, say
from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.tools.pipeline.steps import (BEGIN_HIDDEN, BEGIN_SOLUTION, STUDENT_STEPS, clear_outputs,
                                   mark_student_version)

SOURCES = ("solutions", "lessons")
TEMPLATES = Path(__file__).parent / "templates"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh", "en": "en"}  # ISO 639-1: nbconvert replaces anything else by "en"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class MathWarning(UserWarning):
    """A formula latex2mathml cannot convert; the page shows its TeX source instead."""


# ---------------------------------------------------------------- math → MathML


def tex_to_mathml(tex, display):
    try:
        return latex_to_mathml(tex.strip(), display="block" if display else "inline")
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


# ---------------------------------------------------------------- page steps (nb, lang, lesson) -> nb


def _prompt_output(html_text):
    return nbformat.v4.new_output("display_data", data={"text/html": html_text})


KIND_NAMES = {"code": {"zh": "代码题", "en": "code"}, "numeric": {"zh": "数值题", "en": "numeric"},
              "choice": {"zh": "选择题", "en": "multiple choice"}, "shape": {"zh": "形状题", "en": "shape"}}


def exercise_prompt(lesson, exercise, lang, question="", options=()):
    """The static box that stands where an exercise's widget or check output would be."""
    found = {e.id: e for e in lesson.exercises}.get(exercise)
    kind = found.kind if found else "code"
    where = say(zh="请在 JupyterLab 里作答：打开 <code>lessons/zh/{stem}.ipynb</code>（<code>cnnlab lab --lang zh</code>）",
                en="answer this in JupyterLab: open <code>lessons/en/{stem}.ipynb</code> "
                   "(<code>cnnlab lab --lang en</code>)", lang=lang, stem=lesson.stem)
    todo = (say(zh="，补全上面的函数，再运行这一格看检查结果。", en=", complete the function above and run this "
                "cell to see the checks.", lang=lang) if kind == "code"
            else say(zh="，运行这一格，在出现的控件里作答。", en=", run this cell and answer in the widget.", lang=lang))
    head = say(zh="练习 {ex} · {kind}（{p:g} 分）", en="Exercise {ex} · {kind} ({p:g} point{s})", lang=lang,
               ex=html.escape(exercise), kind=KIND_NAMES.get(kind, {}).get(lang, kind),
               p=found.points if found else 0, s="" if found and found.points == 1 else "s")
    body = f"<p>{html.escape(question)}</p>" if question else ""
    if options:
        body += "<ol type=\"A\">" + "".join(f"<li>{html.escape(str(o))}</li>" for o in options) + "</ol>"
    return (f'<div class="cnnlab-exercise" data-exercise="{html.escape(exercise)}">'
            f"<strong>✎ {head}</strong>{body}<p>{where}{todo}</p></div>")


def _quick_check(source):
    """``(question, options)`` of the first quick check (numeric/choice/shape call) in ``source``."""
    from cnnlab.exercises.spec import quick_check_calls
    try:
        calls = quick_check_calls(ast.parse(mask_magics(source)))
    except SyntaxError:
        return None
    if not calls:
        return None
    values = {}
    for keyword in calls[0][1].keywords:
        if keyword.arg in ("prompt", "options"):
            try:
                values[keyword.arg] = ast.literal_eval(keyword.value)
            except ValueError:
                pass
    return values.get("prompt", ""), tuple(values.get("options", ()))


def exercises_as_prompts(nb, lang, lesson):
    """Static prompts for exercises, and no output that could show an answer.

    Every cell that holds an answer, a hidden test or an exercise loses its outputs
    (a check's report prints the answer's values). A quick check (a widget) becomes
    its prompt box, question and options included; a code exercise keeps its code
    (answer stubbed later) and gets the prompt box under its last cell.
    """
    last_cell, cells = {}, []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if exercise_of(cell) or BEGIN_SOLUTION in cell.source or BEGIN_HIDDEN in cell.source:
                cell.outputs = []
            quick = _quick_check(cell.source) if exercise_of(cell) else None
            if quick is not None:
                box = exercise_prompt(lesson, exercise_of(cell), lang, *quick)
                cell = nbformat.v4.new_markdown_cell(box, metadata=cell.metadata)
            elif exercise_of(cell):
                last_cell[exercise_of(cell)] = cell
        cells.append(cell)
    nb.cells = cells
    for exercise, cell in last_cell.items():
        cell.outputs = [_prompt_output(exercise_prompt(lesson, exercise, lang))]
    return nb


PROGRESS_BAR = re.compile(r"^\s*\d+%\|")      # tqdm's text: '  0%|          | 0/1876 [...]'


def replace_widgets(nb, lang, lesson):
    """A widget cannot run on a static page: say so where it would be."""
    note = say(zh="（交互控件：请在 JupyterLab 里运行这一课来使用它。）",
               en="(An interactive widget: run this lesson in JupyterLab to use it.)", lang=lang)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.outputs:
            data = out.get("data", {})
            if WIDGET_MIME in data and PROGRESS_BAR.match(data.get("text/plain", "")):
                continue       # a training progress bar: the History and the table below show the result
            if WIDGET_MIME in data:
                out = _prompt_output(f'<div class="cnnlab-widget">{note}</div>')
            kept.append(out)
        cell.outputs = kept
    nb.metadata.pop("widgets", None)
    return nb


def strip_answers(nb, lang, lesson):
    """Every step that makes the student version (answers stubbed, hidden tests and
    quick-check keys removed…), except clearing the outputs."""
    for step in STUDENT_STEPS:
        if step not in (clear_outputs, mark_student_version):
            nb = step(nb, lang)
    return nb


def outputs_notice(nb, lang, lesson):
    """Say under the lesson's first cell which run produced the outputs shown.

    Solutions store full-mode outputs (``cnnlab execute --full``; ``cnnlab check``
    insists), so the page says so, with the run's minutes when they were recorded.
    A page built from quick-mode outputs says plainly that its numbers are not the
    lesson's. Student notebooks (``source="lessons"``) have no run outputs: no notice.
    """
    record = nb.metadata.get("cnnlab", {})
    if record.get("version") == "student":
        return nb
    if record.get("mode") == "full":
        minutes = record.get("seconds", 0) / 60
        text = say(zh="本页的输出来自**完整模式**的一次运行：全部数据、代码设定的全部轮数{t}。",
                   en="The outputs on this page come from a **full-mode** run: all the data and every "
                      "epoch the code asks for{t}.",
                   t=say(zh="（这次运行用时约 {m:.0f} 分钟）", en=" (the run took about {m:.0f} min)",
                         m=max(1, minutes), lang=lang) if minutes else "", lang=lang)
    else:
        text = say(zh="⚠ 本页的输出来自**快速模式**（少量数据、很少的轮数）：其中的数字不是本课完整模式的结果。",
                   en="⚠ The outputs on this page come from **quick mode** (small subsets, few epochs): "
                      "their numbers are not the lesson's full-mode results.", lang=lang)
    position = 1 if nb.cells else 0
    nb.cells.insert(position, nbformat.v4.new_markdown_cell(f"*{text}*" if not text.startswith("⚠") else text,
                                                            metadata={"tags": ["cnnlab-outputs-notice"]}))
    return nb


# Order matters: outputs of answer cells are dropped while the markers still show
# which cells held answers; then the answers themselves are taken out.
PAGE_STEPS = [exercises_as_prompts, replace_widgets, strip_answers, outputs_notice]


def lesson_page_notebook(manifest, lesson, lang, source="solutions"):
    """The notebook that one lesson page shows (answers and hidden tests removed)."""
    nb = copy.deepcopy(read_notebook(lesson.path(manifest.root, source, lang)))
    for step in PAGE_STEPS:
        nb = step(nb, lang, lesson)
    return nb


# ---------------------------------------------------------------- pages and navigation


@dataclass
class Page:
    path: str          # relative to the site root, e.g. "zh/02_convolution.html"
    lang: str          # "zh", "en" or "" for the root page
    title: str
    twin: dict         # {lang: path of the same page in that language}


def lesson_page_path(lesson, lang):
    return f"{lang}/{lesson.stem}.html"


def _relative(from_page, to_path):
    depth = from_page.count("/")
    return "../" * depth + to_path


def page_resources(manifest, page):
    """What the template needs besides the notebook: navigation and the language switch."""
    lang = page.lang or "zh"
    nav = [{"href": _relative(page.path, f"{lang}/index.html"),
            "title": say(zh="课程首页", en="Course home", lang=lang),
            "current": page.path == f"{lang}/index.html"}]
    for lesson in manifest.lessons:
        target = lesson_page_path(lesson, lang)
        nav.append({"href": _relative(page.path, target), "number": f"{lesson.number:02d}",
                    "title": lesson.title[lang], "other_title": lesson.title[_other(lang)],
                    "current": page.path == target})
    switch = [{"lang": code, "name": LANGUAGE_NAMES[code], "href": _relative(page.path, path),
               "current": code == page.lang} for code, path in page.twin.items()]
    return {"course_title": manifest.title[lang], "nav": nav, "switch": switch,
            "home": _relative(page.path, "index.html"),
            "lang": page.lang, "page_title": page.title}


def _other(lang):
    return next(code for code in LANGUAGES if code != lang)


def index_notebook(manifest, lang, source):
    """A language's index page, as a notebook of Markdown cells."""
    intro = say(zh="本课程在 JupyterLab 里边读边跑。这里是各课的静态版本：图和数字来自已执行的笔记本，"
                   "练习只给出题目——请在 JupyterLab 里作答（`cnnlab lab --lang zh`）。",
                en="The course is read and run in JupyterLab. These are static versions of its lessons: "
                   "figures and numbers come from the executed notebooks, and the exercises are shown as "
                   "prompts only — answer them in JupyterLab (`cnnlab lab --lang en`).", lang=lang)
    if source == "lessons":
        intro += say(zh="（本站由学生版笔记本生成，因此没有输出。）",
                     en=" (Built from the student notebooks, so there are no outputs.)", lang=lang)
    cells = [nbformat.v4.new_markdown_cell(f"# {manifest.title[lang]}\n\n{intro}")]
    for lesson in manifest.lessons:
        minutes = say(zh="约 {m} 分钟 · {n} 道练习（{p:g} 分）", en="about {m} minutes · {n} exercises ({p:g} points)",
                      lang=lang, m=lesson.minutes, n=len(lesson.exercises), p=lesson.max_points)
        objectives = "\n".join(f"- {text}" for text in lesson.objectives[lang])
        cells.append(nbformat.v4.new_markdown_cell(
            f"## [{lesson.number:02d} · {lesson.title[lang]}]({lesson.stem}.html)\n\n"
            f"*{minutes}*\n\n{objectives}"))
    return nbformat.v4.new_notebook(cells=cells, metadata={"title": manifest.title[lang]})


def root_notebook(manifest):
    lines = []
    for lang in LANGUAGES:
        lines.append(f"## [{manifest.title[lang]}]({lang}/index.html)\n\n"
                     + say(zh="中文版（{n} 课）", en="English version ({n} lesson{s})", lang=lang,
                           n=len(manifest.lessons), s="" if len(manifest.lessons) == 1 else "s"))
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("\n\n".join(lines))],
                                    metadata={"title": " · ".join(manifest.title[l] for l in LANGUAGES)})


def _write(exporter, nb, manifest, page, out_dir):
    exporter.language_code = HTML_LANG.get(page.lang, "zh")
    resources = {"metadata": {"name": page.title}, "cnnlab": page_resources(manifest, page)}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    path = Path(out_dir) / page.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def build_site(manifest, out_dir, source="solutions"):
    """Write the static site to ``out_dir``; return the written pages (paths).

    ``out_dir/index.html`` links both languages; ``out_dir/{zh,en}/index.html``
    lists the lessons; ``out_dir/{zh,en}/NN_slug.html`` is one lesson.
    """
    if source not in SOURCES:
        raise ValueError(say(zh="source 必须是 {ok} 之一，收到 {got!r}", en="source must be one of {ok}, got {got!r}",
                             ok=SOURCES, got=source))
    out_dir = Path(out_dir)
    exporter = make_exporter()
    written = []
    written.append(_write(exporter, root_notebook(manifest), manifest,
                          Page("index.html", "", " · ".join(manifest.title.values()),
                               {lang: f"{lang}/index.html" for lang in LANGUAGES}), out_dir))
    for lang in LANGUAGES:
        page = Page(f"{lang}/index.html", lang, manifest.title[lang],
                    {code: f"{code}/index.html" for code in LANGUAGES})
        written.append(_write(exporter, index_notebook(manifest, lang, source), manifest, page, out_dir))
        for lesson in manifest.lessons:
            page = Page(lesson_page_path(lesson, lang), lang,
                        f"{lesson.number:02d} · {lesson.title[lang]}",
                        {code: lesson_page_path(lesson, code) for code in LANGUAGES})
            nb = lesson_page_notebook(manifest, lesson, lang, source)
            written.append(_write(exporter, nb, manifest, page, out_dir))
    return written
