"""End to end, as a student: a real JupyterLab server, a real Chromium, lesson 02 in zh and en.

For each language the test starts `cnnlab lab` on a scratch copy of the course,
opens the student notebook in headless Chromium (Debian's /usr/bin/chromium,
driven by Playwright), runs every cell, answers a quick-check widget wrongly (a
random number, then a declared typical mistake) and then rightly, and checks what
a student would see: no error output, a rendered figure, the generic hint, the
mistake's targeted hint, the confirmation, the answers file (with the mistake's
id), and (in zh) JupyterLab's menus in Chinese. A screenshot per language is saved under
``test-output/browser/`` (or ``$CNNLAB_TEST_OUTPUT/browser``).

A second test runs lesson 11 in zh and looks at the Inception block's diagram
(``cnnlab.draw_architecture``): one picture, at full width, nothing on stderr
(e.g. no missing-font warning); its screenshot is ``diagram-zh.png``.

Without Chromium the test skips with a one-line reason, except under CI=true,
where a missing browser is a failure.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, copy_course, require_apt

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync"]
LESSON = "02_convolution"

require_apt("chromium", CHROMIUM.exists(), "/usr/bin/chromium")

from playwright.sync_api import expect, sync_playwright  # noqa: E402  (after the skip)

pytestmark = pytest.mark.slow  # JupyterLab in a real browser


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _output_dir():
    folder = Path(os.environ.get("CNNLAB_TEST_OUTPUT", ROOT / "test-output")) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Lab:
    """`cnnlab lab` on a copy of the course, stopped with Ctrl-C at the end."""

    def __init__(self, root, lang, cache, env=None):
        self.port, self.token = _free_port(), "browser-test-token"
        env = dict(os.environ, XDG_CACHE_HOME=str(cache), JUPYTER_RUNTIME_DIR=str(cache / "runtime"), **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cnnlab.tools.cli", "--root", str(root), "lab", "--lang", lang, "--no-browser",
             "--port", str(self.port), "--token", self.token, "--", "--LabApp.expose_app_in_browser=True",
             f"--LabApp.workspaces_dir={cache / 'workspaces'}"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # cnnlab's URL line comes once the server answers, after the server's own log lines
        # (which show the URL too, with the token masked).
        head, match = "", None
        while match is None:
            line = self.process.stdout.readline()
            assert line, head                       # EOF without the URL
            head += line
            match = re.search(r"(?:running at |已启动：)(http://127\.0\.0\.1:\d+/lab/tree/\S+)", line)
        self.url = match.group(1)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _wait_for_server(url, deadline=90):
    import urllib.request
    start = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        assert time.monotonic() - start < deadline, "JupyterLab did not answer"
        time.sleep(0.5)


def _command(page, name, args=None):
    """Start a JupyterLab command without waiting for its promise (run-all resolves late)."""
    page.evaluate("([name, args]) => { window.jupyterapp.commands.execute(name, args || {}); return true; }",
                  [name, args])


def _error_outputs(nb):
    return [(i, out.get("ename"), out.get("evalue")) for i, cell in enumerate(nb["cells"])
            if cell["cell_type"] == "code" for out in cell.get("outputs", []) if out["output_type"] == "error"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_student_runs_lesson_02_in_jupyterlab(lang, browser, tmp_path):
    root = copy_course(tmp_path / "course")
    lab = Lab(root, lang, tmp_path / "cache", env={"CNNLAB_HOME": str(tmp_path / "home")})   # set_student's file
    try:
        _wait_for_server(lab.url)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            _student_session(page, lab, lang, root)
        except Exception:
            page.screenshot(path=str(_output_dir() / f"lesson02-{lang}-failure.png"))
            raise
    finally:
        lab.stop()


def _open_notebook(page, lab, lang, lesson):
    """Open lessons/LANG/LESSON.ipynb and wait until its kernel is idle."""
    page.goto(f"http://127.0.0.1:{lab.port}/lab/tree/lessons/{lang}/{lesson}.ipynb?token={lab.token}")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=90_000)
    # The kernel starts by itself (python3 kernelspec, autoStartDefaultKernel: no dialog).
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
                   const kernel = w && w.sessionContext && w.sessionContext.session
                                  && w.sessionContext.session.kernel;
                   return kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle'; }""",
        timeout=120_000)


def _run_all(page, timeout):
    """Run every cell and wait until each code cell of the notebook's model has an execution count."""
    # Click into the notebook first: commands act on the focused ("current") notebook.
    page.locator(".jp-NotebookPanel .jp-Cell .jp-InputPrompt").first.click()
    _command(page, "notebook:run-all-cells")
    page.wait_for_function(
        """() => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
                   for (let i = 0; i < cells.length; i++) {
                       const cell = cells.get(i);
                       if (cell.type === 'code' && !cell.executionCount) return false; }
                   return true; }""", timeout=timeout)


def _saved_notebook(page, root, lang, lesson):
    """Save the notebook from JupyterLab and read it back from disk."""
    _command(page, "docmanager:save")
    time.sleep(2)
    return json.loads((root / "lessons" / lang / f"{lesson}.ipynb").read_text(encoding="utf-8"))


def _student_session(page, lab, lang, root):
    """Open, run, answer, look — what a student does with lesson 02."""
    _open_notebook(page, lab, lang, LESSON)
    if lang == "zh":
        menu_bar = page.locator(".lm-MenuBar-content").first.inner_text()
        assert "文件" in menu_bar and "编辑" in menu_bar, f"JupyterLab menus not in Chinese: {menu_bar!r}"

    _run_all(page, timeout=180_000)
    figure = page.locator(".jp-OutputArea-output img").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=figure.element_handle())
    time.sleep(1)  # let the windowed notebook settle before the picture
    figure.evaluate("element => element.scrollIntoView({block: 'center'})")
    time.sleep(1)
    page.screenshot(path=str(_output_dir() / f"lesson02-{lang}-figure.png"))

    _answer_a_quick_check(page, lang, root)

    page.locator(".cnnlab-exercise-conv2_params").first.evaluate(
        "element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(_output_dir() / f"lesson02-{lang}-exercise.png"))
    _two_students(page, lang, root)
    assert _error_outputs(_saved_notebook(page, root, lang, LESSON)) == []


STUDENTS = ("alice", "dan")   # two ids with different variants of conv2_params (tests/test_variants.py)


def _two_students(page, lang, root):
    """Each student sets an id and reruns the quick check: other numbers for each; the answer
    posted by the first is wrong for the second; each one's own answer is right."""
    from tests import grading_cases as cases
    from tests.helpers import course_manifest
    lesson = course_manifest().lesson(LESSON)
    right = {s: cases.solution_answers(course_manifest(), lesson, lang, student=s)["conv2_params"] for s in STUDENTS}
    assert right[STUDENTS[0]] != right[STUDENTS[1]]
    prompts = {}
    for student in STUDENTS:
        page.evaluate("""async (code) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            await kernel.requestExecute({code}).done; return true; }""", f'import cnnlab\ncnnlab.set_student("{student}")')
        index = page.evaluate("""(needle) => {
            const notebook = window.jupyterapp.shell.currentWidget.content, cells = notebook.model.cells;
            for (let i = 0; i < cells.length; i++) {
                if (cells.get(i).sharedModel.getSource().includes(needle)) { notebook.activeCellIndex = i; return i; } }
            return -1; }""", 'numeric("conv2_params"')
        assert index >= 0
        _command(page, "notebook:run-cell")
        widget = page.locator(".cnnlab-exercise-conv2_params").first
        expect(widget.locator(".cnnlab-variant").first).to_contain_text(student, timeout=30_000)
        prompts[student] = widget.locator(".widget-htmlmath").first.inner_text()
        field, button = widget.locator("input").first, widget.locator("button").first
        feedback = widget.locator(".cnnlab-feedback").first
        if student == STUDENTS[1]:
            field.fill(right[STUDENTS[0]])     # the answer the first student posted in the class chat
            field.press("Enter")
            button.click()
            expect(feedback).to_contain_text({"zh": "不对", "en": "Not quite"}[lang], timeout=30_000)
        field.fill(right[student])
        field.press("Enter")
        button.click()
        expect(feedback).to_contain_text({"zh": "正确", "en": "Correct"}[lang], timeout=30_000)
        widget.evaluate("element => element.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(_output_dir() / f"lesson02-{lang}-variant-{student}.png"))
    assert prompts[STUDENTS[0]] != prompts[STUDENTS[1]], prompts
    records = json.loads((root / "lessons" / lang / f"{LESSON}.answers.json").read_text(encoding="utf-8"))["records"]
    mine = [(r.get("student"), r["status"]) for r in records if r.get("student")]
    assert mine == [(STUDENTS[0], "correct"), (STUDENTS[1], "wrong"), (STUDENTS[1], "correct")], mine


def _answer_a_quick_check(page, lang, root):
    """Type a wrong, then the right answer into lesson 02's numeric widget conv2_params."""
    widget = page.locator(".cnnlab-exercise-conv2_params").first
    widget.scroll_into_view_if_needed()
    field = widget.locator("input").first
    button = widget.locator("button").first
    field.fill("12345")
    field.press("Enter")  # the Text widget syncs its value on Enter (continuous_update=False)
    button.click()
    feedback = widget.locator(".cnnlab-feedback").first
    expect(feedback).to_contain_text({"zh": "提示", "en": "Hint"}[lang], timeout=30_000)
    field.fill(NAMED_MISTAKE)              # the weights without the biases: a declared mistake
    field.press("Enter")
    button.click()
    expect(feedback).to_contain_text({"zh": "常见错误", "en": "A common mistake"}[lang], timeout=30_000)
    widget.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(_output_dir() / f"lesson02-{lang}-mistake.png"))
    field.fill(RIGHT_ANSWER)
    field.press("Enter")
    button.click()
    expect(feedback).to_contain_text({"zh": "正确", "en": "Correct"}[lang], timeout=30_000)
    answers = json.loads((root / "lessons" / lang / f"{LESSON}.answers.json").read_text(encoding="utf-8"))
    recorded = json.dumps(answers, ensure_ascii=False)
    assert "12345" in recorded and RIGHT_ANSWER in recorded
    assert [r.get("mistake", "") for r in answers["records"] if r["exercise"] == "conv2_params"] == \
        ["", "forgot_bias", ""]


RIGHT_ANSWER = "614656"  # conv2_params: (5·5·96 + 1)·256, computed and tested in lesson 02
NAMED_MISTAKE = "614400"  # 5·5·96·256, the biases forgotten (lesson 02 declares it as forgot_bias)


DIAGRAM_LESSON = "11_nin_googlenet"
DIAGRAM_CALL = 'block="inception3a"'  # the cell that draws the Inception block


def test_inception_diagram_in_jupyterlab(browser, tmp_path):
    """Lesson 11 (zh) run in JupyterLab shows the Inception block as one full-width picture."""
    root = copy_course(tmp_path / "course")
    lab = Lab(root, "zh", tmp_path / "cache")
    try:
        _wait_for_server(lab.url)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            _diagram_session(page, lab, root)
        except Exception:
            page.screenshot(path=str(_output_dir() / "diagram-zh-failure.png"))
            raise
    finally:
        lab.stop()


def _diagram_session(page, lab, root):
    _open_notebook(page, lab, "zh", DIAGRAM_LESSON)
    _run_all(page, timeout=600_000)  # the lesson trains two small networks (quick mode)
    index = page.evaluate(
        """(call) => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
                       for (let i = 0; i < cells.length; i++) {
                           const cell = cells.get(i);
                           if (cell.type === 'code' && cell.sharedModel.getSource().includes(call)) return i; }
                       return -1; }""", DIAGRAM_CALL)
    assert index >= 0, f"no cell of lesson 11 calls draw_architecture with {DIAGRAM_CALL}"
    outputs = page.evaluate(
        "(i) => window.jupyterapp.shell.currentWidget.content.model.cells.get(i).outputs.toJSON()", index)
    kinds = [(out["output_type"], out.get("name"), sorted(out.get("data", {}))) for out in outputs]
    assert kinds == [("display_data", None, ["image/png", "text/plain"])], kinds

    # The notebook is windowed: bring the cell into view so that its output is in the page.
    page.evaluate(
        """async (i) => { const notebook = window.jupyterapp.shell.currentWidget.content;
                          notebook.activeCellIndex = i;
                          await notebook.scrollToCell(notebook.widgets[i], 'center');
                          notebook.widgets[i].node.setAttribute('data-cnnlab-test', 'diagram'); }""", index)
    cell = page.locator('[data-cnnlab-test="diagram"]')
    images = cell.locator(".jp-OutputArea-output img")
    expect(images).to_have_count(1)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=images.first.element_handle())
    assert images.first.evaluate("img => img.naturalWidth") > 600
    assert cell.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    time.sleep(1)  # let the windowed notebook settle before the picture
    cell.locator(".jp-OutputArea").first.screenshot(path=str(_output_dir() / "diagram-zh.png"))

    assert _error_outputs(_saved_notebook(page, root, "zh", DIAGRAM_LESSON)) == []
