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
Three modules: ``pages`` makes one lesson page's notebook (the page steps),
``markup`` turns Markdown and math into HTML (the exporter), and this one writes
the pages with their navigation.
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

from dataclasses import dataclass
from pathlib import Path

import nbformat

from cnnlab.i18n import LANGUAGES, say
from cnnlab.tools.site.pages import lesson_page_notebook
from cnnlab.tools.site.markup import MathMLRenderer, join_cjk_lines, make_exporter  # noqa: F401  (public names)

SOURCES = ("solutions", "lessons")
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
HTML_LANG = {"zh": "zh", "en": "en"}  # ISO 639-1: nbconvert replaces anything else by "en"


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


def hosted_link_cell(lesson, lang, repo_url):
    """A markdown cell linking the student lesson on a hosted notebook service, or None
    (no ``repo_url``, or not a GitHub one: see ``cnnlab.tools.pipeline.release.hosted``)."""
    from cnnlab.tools.pipeline.release.hosted import HOSTED_SERVICE, hosted_link
    link = hosted_link(repo_url, f"lessons/{lang}/{lesson.stem}.ipynb") if repo_url else None
    if link is None:
        return None
    text = say(zh="[在 {s} 上打开这一课（学生版）]({u})", en="[Open this lesson on {s} (student version)]({u})",
               lang=lang, s=HOSTED_SERVICE, u=link)
    return nbformat.v4.new_markdown_cell(text)


def build_site(manifest, out_dir, source="solutions", repo_url=None):
    """Write the static site to ``out_dir``; return the written pages (paths).

    ``out_dir/index.html`` links both languages; ``out_dir/{zh,en}/index.html``
    lists the lessons; ``out_dir/{zh,en}/NN_slug.html`` is one lesson, which starts
    with a link to the lesson on a hosted notebook service when ``repo_url`` (the
    student repository, as given to ``cnnlab release --repo-url``) is on GitHub.
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
            link = hosted_link_cell(lesson, lang, repo_url)
            if link is not None:
                nb.cells.insert(0, link)
            written.append(_write(exporter, nb, manifest, page, out_dir))
    return written
