"""One file to hand in, as a student does it: JupyterLab, Chromium, lesson 00, then the real grader.

`cnnlab lab` on a scratch copy of the course; the student runs every cell (the last one, *Hand in*,
shows that nothing is recorded yet), then answers two quick checks and clicks Check, and saves —
without running the hand-in cell again: each check updates its output. Only the saved ``.ipynb``
goes into the submissions folder (no answers file), and ``cnnlab grade`` gives the two quick checks
their points. (Helpers and the browser fixture come from ``tests/test_browser.py``.)
"""

import json
import shutil

from tests import grading_cases as cases
from tests.helpers import copy_course, course_manifest, needs_bwrap, run_cli
from tests.test_browser import Lab, _command, _open_notebook, _output_dir, _saved_notebook, _wait_for_server
from tests.test_browser import browser  # noqa: F401  (the fixture)

from cnnlab.exercises.answers import HAND_IN_MIME
from playwright.sync_api import expect

MANIFEST = course_manifest()
TOUR = MANIFEST.lesson("00")
ANSWERED = ("pixels", "image_shape")


def _run_all(page, timeout):
    """Run every cell; wait until each non-empty code cell has an execution count (lesson 00 starts with an
    empty cell, which JupyterLab does not run)."""
    page.locator(".jp-NotebookPanel .jp-Cell .jp-InputPrompt").first.click()
    _command(page, "notebook:run-all-cells")
    page.wait_for_function(
        """() => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
                   for (let i = 0; i < cells.length; i++) {
                       const cell = cells.get(i);
                       if (cell.type === 'code' && cell.sharedModel.getSource().trim() && !cell.executionCount)
                           return false; }
                   return true; }""", timeout=timeout)


def _answer(page, exercise, answer):
    widget = page.locator(f".cnnlab-exercise-{exercise}").first
    widget.scroll_into_view_if_needed()
    field = widget.locator("input").first
    field.fill(answer)
    field.press("Enter")   # the Text widget syncs its value on Enter
    widget.locator("button").first.click()
    expect(widget.locator(".cnnlab-feedback").first).to_contain_text("Correct", timeout=30_000)


def _hand_in_records(nb):
    cell = nb["cells"][-1]
    assert "hand_in(" in "".join(cell["source"])
    data = [out["data"][HAND_IN_MIME] for out in cell.get("outputs", []) if HAND_IN_MIME in out.get("data", {})]
    assert len(data) == 1, cell.get("outputs")
    return data[0]["records"]


@needs_bwrap
def test_a_saved_notebook_alone_earns_its_quick_check_points(browser, tmp_path):  # noqa: F811
    root = copy_course(tmp_path / "course")
    right = cases.solution_answers(MANIFEST, TOUR)
    lab = Lab(root, "en", tmp_path / "cache")
    try:
        _wait_for_server(lab.url)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            _open_notebook(page, lab, "en", TOUR.stem)
            _run_all(page, timeout=180_000)
            assert _hand_in_records(_saved_notebook(page, root, "en", TOUR.stem)) == []
            for exercise in ANSWERED:
                _answer(page, exercise, right[exercise])
            saved = _saved_notebook(page, root, "en", TOUR.stem)
        except Exception:
            page.screenshot(path=str(_output_dir() / "hand-in-failure.png"))
            raise
    finally:
        lab.stop()
    assert [r["exercise"] for r in _hand_in_records(saved)] == list(ANSWERED)

    folder = tmp_path / "submissions" / "ann"
    folder.mkdir(parents=True)
    shutil.copy(root / "lessons" / "en" / f"{TOUR.stem}.ipynb", folder / f"{TOUR.stem}.ipynb")
    assert (root / "lessons" / "en" / f"{TOUR.stem}.answers.json").is_file()   # written, but not handed in
    done = run_cli("grade", "00", str(tmp_path / "submissions"), "--out", str(tmp_path / "out"), timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    record = json.loads((tmp_path / "out" / "results" / TOUR.stem / "ann.json").read_text(encoding="utf-8"))
    results = {result["exercise"]: result for result in record["results"]}
    for exercise in ANSWERED:
        assert results[exercise]["status"] == "ok" and results[exercise]["points"] == results[exercise]["max_points"]
    assert results["run_key"]["status"] == "unanswered" and results["count_values"]["status"] == "unanswered"
