"""Predict, then reveal, as a student in JupyterLab: lesson 05's layers exercise in zh and en.

Three rows of the bottleneck exercise: one predicted right (✓), one with a named mistake (the
biases forgotten: ✗ and the rule), one revealed with "reveal all". Checks the marks, the hint,
the revealed value and the answers file; screenshots ``layers-<lang>.png`` under
``test-output/browser/``. Skips without Chromium like tests/test_browser.py.
"""

import json

import pytest

from tests.helpers import copy_course
from tests.test_browser import Lab, _open_notebook, _output_dir, _run_all, _wait_for_server, browser  # noqa: F401
from playwright.sync_api import expect

LESSON = "05_channels"
EXERCISE = "bottleneck_layers"
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_student_predicts_three_rows_of_lesson_05(lang, browser, tmp_path):  # noqa: F811
    root = copy_course(tmp_path / "course")
    lab = Lab(root, lang, tmp_path / "cache")
    try:
        _wait_for_server(lab.url)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            _predict(page, lab, lang, root)
        except Exception:
            page.screenshot(path=str(_output_dir() / f"layers-{lang}-failure.png"))
            raise
    finally:
        lab.stop()


def _fill(row, index, value):
    field = row.locator("input").nth(index)
    field.fill(value)
    field.press("Enter")             # Text widgets sync on Enter (continuous_update=False)


def _predict(page, lab, lang, root):
    _open_notebook(page, lab, lang, LESSON)
    _run_all(page, timeout=300_000)
    widget = page.locator(f".cnnlab-exercise-{EXERCISE}").first
    widget.scroll_into_view_if_needed()
    rows = widget.locator(".cnnlab-layer-row")
    expect(rows).to_have_count(4)

    right = rows.nth(0)                                    # conv 1×1: 16×28×28, 192·16 + 16 parameters
    _fill(right, 0, "16x28x28")
    _fill(right, 1, "3088")
    right.locator("button").first.click()
    expect(right.locator(".cnnlab-feedback")).to_contain_text("✓", timeout=30_000)
    assert "✗" not in right.locator(".cnnlab-feedback").inner_text()

    mistaken = rows.nth(2)                                 # conv 5×5: 16·32·25 weights, biases forgotten
    _fill(mistaken, 1, "12800")
    mistaken.locator("button").first.click()
    hint = {"zh": "偏置：每个输出通道一个", "en": "bias: one per output channel"}[lang]
    expect(mistaken.locator(".cnnlab-feedback")).to_contain_text(hint, timeout=30_000)
    expect(mistaken.locator(".cnnlab-feedback")).to_contain_text("12,832")

    widget.locator(".cnnlab-reveal-all").first.click()
    expect(rows.nth(3).locator(".cnnlab-feedback")).to_contain_text("32×28×28", timeout=30_000)
    expect(right.locator(".cnnlab-feedback")).to_contain_text("✓")           # checked rows keep their marks
    expect(mistaken.locator(".cnnlab-feedback")).to_contain_text(hint)
    widget.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(_output_dir() / f"layers-{lang}.png"))

    answers = json.loads((root / "lessons" / lang / f"{LESSON}.answers.json").read_text(encoding="utf-8"))
    mine = [r for r in answers["records"] if r["exercise"] == EXERCISE]
    assert [(r.get("row"), r["status"]) for r in mine] == [(0, "correct"), (2, "wrong"), (None, "revealed")]
    assert mine[0]["answer"] == {"shape": "16x28x28", "params": "3088"}
    assert mine[1]["mistakes"] == {"params": "no_bias"} and mine[1]["lang"] == lang
