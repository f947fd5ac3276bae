"""One lesson page's notebook: exercises as prompts, widgets as notes, answers out, a notice of the run.

Each step has the signature ``step(job) -> job`` over a ``NotebookJob`` (the notebook,
its language and its lesson), the one the student build's ``STUDENT_STEPS``
(``cnnlab.tools.pipeline.steps``) and the grader's ``GRADE_STEPS``
(``cnnlab.tools.grading.steps``) share; ``PAGE_STEPS`` lists them in the order they
must run, and ``run_steps`` runs them.
"""

import ast
import copy
import html
import re

import nbformat

from cnnlab.cells import exercise_of, mask_magics, parse_python
from cnnlab.i18n import say
from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.tools.markers import BEGIN_HIDDEN, BEGIN_SOLUTION
from cnnlab.tools.pipeline.steps import STUDENT_STEPS, NotebookJob, clear_outputs, mark_student_version, run_steps

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


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
        calls = quick_check_calls(parse_python(mask_magics(source)))
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


def exercises_as_prompts(job):
    """Static prompts for exercises, and no output that could show an answer.

    Every cell that holds an answer, a hidden test or an exercise loses its outputs
    (a check's report prints the answer's values). A quick check (a widget) becomes
    its prompt box, question and options included; a code exercise keeps its code
    (answer stubbed later) and gets the prompt box under its last cell.
    """
    nb, lang, lesson = job.nb, job.lang, job.lesson
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
    return job


PROGRESS_BAR = re.compile(r"^\s*\d+%\|")      # tqdm's text: '  0%|          | 0/1876 [...]'


def replace_widgets(job):
    """A widget cannot run on a static page: say so where it would be."""
    note = say(zh="（交互控件：请在 JupyterLab 里运行这一课来使用它。）",
               en="(An interactive widget: run this lesson in JupyterLab to use it.)", lang=job.lang)
    for cell in job.nb.cells:
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
    job.nb.metadata.pop("widgets", None)
    return job


def strip_answers(job):
    """Every step that makes the student version (answers stubbed, hidden tests and
    quick-check keys removed…), except clearing the outputs."""
    steps = [step for step in STUDENT_STEPS if step not in (clear_outputs, mark_student_version)]
    return run_steps(job, steps)


def outputs_notice(job):
    """Say under the lesson's first cell which run produced the outputs shown.

    Solutions store full-mode outputs (``cnnlab execute --full``; ``cnnlab check``
    insists), so the page says so, with the run's minutes when they were recorded.
    A page built from quick-mode outputs says plainly that its numbers are not the
    lesson's. Student notebooks (``source="lessons"``) have no run outputs: no notice.
    """
    nb, lang = job.nb, job.lang
    record = nb.metadata.get("cnnlab", {})
    if record.get("version") == "student":
        return job
    if record.get("mode") == "full":
        took = ""
        if record.get("seconds"):
            took = say(zh="（这次运行用时约 {m:.0f} 分钟）", en=" (the run took about {m:.0f} min)",
                       m=max(1, record["seconds"] / 60), lang=lang)
        text = "*" + say(zh="本页的输出来自**完整模式**的一次运行：全部数据、代码设定的全部轮数{t}。",
                         en="The outputs on this page come from a **full-mode** run: all the data and every "
                            "epoch the code asks for{t}.", t=took, lang=lang) + "*"
    else:
        text = say(zh="⚠ 本页的输出来自**快速模式**（少量数据、很少的轮数）：其中的数字不是本课完整模式的结果。",
                   en="⚠ The outputs on this page come from **quick mode** (small subsets, few epochs): "
                      "their numbers are not the lesson's full-mode results.", lang=lang)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(text, metadata={"tags": ["cnnlab-outputs-notice"]}))
    return job


# Order matters: outputs of answer cells are dropped while the markers still show
# which cells held answers; then the answers themselves are taken out.
PAGE_STEPS = [exercises_as_prompts, replace_widgets, strip_answers, outputs_notice]


def lesson_page_notebook(manifest, lesson, lang, source="solutions"):
    """The notebook that one lesson page shows (answers and hidden tests removed)."""
    nb = copy.deepcopy(read_notebook(lesson.path(manifest.root, source, lang)))
    return run_steps(NotebookJob(nb, lang, lesson), PAGE_STEPS).nb
