"""Stored outputs come from full mode: recorded, checked, sanitized for nbval, shown on the site,
and they show what the lessons teach (issue 14 §1)."""

import configparser
import os
import re
import subprocess
import sys

import pytest

from cnnlab.cells import printed_text
from cnnlab.manifest import load_manifest
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.check import check
from cnnlab.tools.pipeline.execute import mark_mode
from cnnlab.tools.pipeline.notebooks import read_notebook, write_pair
from cnnlab.tools.site import lesson_page_notebook
from tests.helpers import ROOT, copy_course, course_manifest

SOLUTIONS = [(lesson, lang) for lesson in course_manifest().lessons for lang in LANGUAGES]


def stored_text(nb, index):
    """Everything cell ``index`` printed, as stored."""
    return printed_text(nb.cells[index])


def cell_printing(nb, pattern):
    """Index of the one code cell whose stored output matches ``pattern``."""
    found = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and re.search(pattern, stored_text(nb, i))]
    assert len(found) == 1, (pattern, found)
    return found[0]


# ------------------------------------------------------------------ recorded and checked

@pytest.mark.parametrize("lesson,lang", SOLUTIONS, ids=[f"{l.stem}-{g}" for l, g in SOLUTIONS])
def test_every_solution_stores_a_full_mode_run(lesson, lang):
    record = read_notebook(lesson.path(ROOT, "solutions", lang)).metadata.get("cnnlab", {})
    assert record.get("mode") == "full", "run `cnnlab execute --full` (or bench_lessons --store)"
    assert record.get("seconds", 0) >= 1


def test_mark_mode_records_mode_and_seconds():
    import nbformat
    nb = nbformat.v4.new_notebook(metadata={"cnnlab": {"lang": "en"}})
    assert mark_mode(nb, True, 61.4).metadata.cnnlab == {"lang": "en", "mode": "full", "seconds": 61}
    assert mark_mode(nb, False).metadata.cnnlab == {"lang": "en", "mode": "quick"}


@pytest.mark.slow  # checks the whole course
def test_check_reports_a_solution_with_quick_mode_outputs(tmp_path):
    root = copy_course(tmp_path)
    lesson = load_manifest(root).lessons[1]
    path = lesson.path(root, "solutions", "zh")
    write_pair(mark_mode(read_notebook(path), False), path)
    problems = [str(p) for p in check(load_manifest(root))]
    assert [p for p in problems if "not full mode" in p] == [
        f"solutions/zh/{lesson.stem}.ipynb: stored outputs come from quick mode, not full mode — "
        f"fix: run `cnnlab execute --full NN` for this lesson (minutes; full data and epochs)"]


# ------------------------------------------------------------------ nbval: the mode line

def sanitize(text):
    """Apply course/nbval_sanitize.cfg as nbval does."""
    config = configparser.ConfigParser()
    config.read(ROOT / "course" / "nbval_sanitize.cfg", encoding="utf-8")
    for section in config.sections():
        text = re.sub(config[section]["regex"], config[section]["replace"], text)
    return text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_names_the_mode_and_nbval_compares_it_as_one(lang):
    code = (f"import cnnlab; cnnlab.start_lesson('01_fc_baseline', lang='{lang}')")
    outputs = {}
    for quick in ("1", None):
        env = {k: v for k, v in os.environ.items() if k != "CNNLAB_QUICK"}
        if quick:
            env["CNNLAB_QUICK"] = quick
        run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        outputs[quick] = run.stdout
    quick_line, full_line = (outputs[q].splitlines()[1] for q in ("1", None))
    assert ("快速模式" if lang == "zh" else "Quick mode") in quick_line
    assert ("完整模式" if lang == "zh" else "Full mode") in full_line
    assert outputs["1"] != outputs[None]
    assert sanitize(outputs["1"]) == sanitize(outputs[None])
    assert "MODE LINE" in sanitize(outputs[None])


# ------------------------------------------------------------------ the site says which run

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_site_page_says_which_run_produced_its_outputs(tmp_path, lang):
    root = copy_course(tmp_path)
    manifest = load_manifest(root)
    lesson = manifest.lesson("01_fc_baseline")
    notice = lambda nb: [c.source for c in nb.cells if "cnnlab-outputs-notice" in c.metadata.get("tags", [])]  # noqa: E731
    full = notice(lesson_page_notebook(manifest, lesson, lang))
    assert len(full) == 1 and ("完整模式" if lang == "zh" else "full-mode") in full[0]
    assert re.search(r"\d+ (分钟|min)", full[0])
    path = lesson.path(root, "solutions", lang)
    write_pair(mark_mode(read_notebook(path), False), path)
    quick = notice(lesson_page_notebook(manifest, lesson, lang))
    assert len(quick) == 1 and quick[0].startswith("⚠") and ("快速模式" if lang == "zh" else "quick mode") in quick[0]
    assert notice(lesson_page_notebook(manifest, lesson, lang, source="lessons")) == []


# ------------------------------------------------------------------ what the full runs show

def claims(nb, pattern):
    """The 'claim: True/False' lines of the cell that prints ``pattern``."""
    lines = stored_text(nb, cell_printing(nb, pattern)).splitlines()
    return [line for line in lines if re.search(r"(True|False)\s*$", line)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_run_of_01_cnn_beats_mlp_and_loses_more_on_permuted_pixels(lang, manifest):
    nb = read_notebook(manifest.lesson("01").path(ROOT, "solutions", lang))
    table = stored_text(nb, cell_printing(nb, r"MLP\s+0\.\d+\s+0\.\d+"))
    acc = {name: tuple(map(float, re.search(rf"{name}\s+(0\.\d+)\s+(0\.\d+)", table).groups()))
           for name in ("MLP", "CNN")}
    assert acc["CNN"][0] > acc["MLP"][0] + 0.01 and acc["CNN"][0] >= 0.88
    assert abs(acc["MLP"][1] - acc["MLP"][0]) < 0.01
    assert acc["CNN"][0] - acc["CNN"][1] > 0.03 and acc["CNN"][1] < acc["MLP"][1]
    lines = claims(nb, "MLP.*(True|False)")
    assert len(lines) == 4 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_run_of_07_bn_trains_where_the_plain_net_fails(lang, manifest):
    nb = read_notebook(manifest.lesson("07").path(ROOT, "solutions", lang))
    lines = claims(nb, r"ln 10")
    assert len(lines) == 5 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_run_of_12_shows_degradation_and_its_fix(lang, manifest):
    nb = read_notebook(manifest.lesson("12").path(ROOT, "solutions", lang))
    lines = claims(nb, r"the shortcut fixes it|捷径解决了它")
    assert len(lines) == 2 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_run_of_08_leaves_the_1998_network_behind_after_the_same_epochs(lang, manifest):
    """The lesson says LeNet-5 (1998) has not caught up after the same epochs, not that it gets there."""
    nb = read_notebook(manifest.lesson("08").path(ROOT, "solutions", lang))
    lines = claims(nb, r"still behind the modern LeNet|仍落后于现代 LeNet")
    assert len(lines) == 3 and all(line.endswith("True") for line in lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_10_states_the_depth_result_as_the_vgg_paper_reports_it(lang, manifest):
    """Error falls A → D, E within ±0.2 points of D, and D is cheaper (printed from the tables)."""
    nb = read_notebook(manifest.lesson("10").path(ROOT, "solutions", lang))
    lines = claims(nb, r"D is cheaper than E|D 比 E 便宜")
    assert len(lines) == 3 and all(line.endswith("True") for line in lines)


FINAL_TEST_ACCURACY = {"09": 0.88, "10": 0.89, "11": 0.86}


@pytest.mark.parametrize("number", sorted(FINAL_TEST_ACCURACY))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_runs_of_09_to_11_reach_their_accuracy(number, lang, manifest):
    """Every History a training cell displays: its last test accuracy ≥ the floor."""
    nb = read_notebook(manifest.lesson(number).path(ROOT, "solutions", lang))
    finals = [float(acc) for index, cell in enumerate(nb.cells)
              if cell.cell_type == "code" and "fit(" in cell.source
              for acc in re.findall(r"(?:History|训练记录)[(（]\d+ (?:epochs|轮).*?(?:test acc|测试准确率) (0\.\d+)",
                                    stored_text(nb, index))]
    assert len(finals) == (2 if number == "11" else 1)
    assert min(finals) >= FINAL_TEST_ACCURACY[number], finals


@pytest.mark.parametrize("lesson", course_manifest().lessons, ids=[l.stem for l in course_manifest().lessons])
def test_manifest_minutes_include_the_full_mode_compute_time(lesson, manifest):
    """A lesson's minutes leave at least 10 minutes of reading beyond its measured full-mode run."""
    from cnnlab.lesson_table import compute_minutes
    compute = compute_minutes(manifest, lesson)
    assert compute is not None and compute > 0
    assert lesson.minutes >= compute + 10, (lesson.minutes, compute)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_pages_drop_training_progress_bars(lang, manifest):
    """A stored tqdm bar shows its first state ("0%|…"); the page leaves it out and keeps the History."""
    lesson = manifest.lesson("09")
    stored = read_notebook(lesson.path(ROOT, "solutions", lang))
    assert any("0%|" in stored_text(stored, i) for i in range(len(stored.cells)) if stored.cells[i].cell_type == "code")
    page = lesson_page_notebook(manifest, lesson, lang)
    texts = [stored_text(page, i) for i in range(len(page.cells)) if page.cells[i].cell_type == "code"]
    assert not any("0%|" in text for text in texts)
    assert any(re.search("History|训练记录", text) for text in texts)


@pytest.mark.parametrize("lesson,lang", SOLUTIONS, ids=[f"{l.stem}-{g}" for l, g in SOLUTIONS])
def test_student_lessons_do_not_send_students_to_the_benchmarks(lesson, lang):
    """The student release ships no benchmarks/ folder, so no lesson text or output may point there."""
    for kind in ("lessons", "solutions"):
        text = lesson.path(ROOT, kind, lang).read_text(encoding="utf-8")
        assert "benchmarks/" not in text, f"{kind}/{lang}/{lesson.stem} names benchmarks/"
