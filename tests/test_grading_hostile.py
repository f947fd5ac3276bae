"""A hostile class against the whole batch (issue 20 §2–3): submissions that try to crash, hang or
skew ``cnnlab grade`` rather than earn points, graded end to end by the real CLI in one batch.

Every attack of the issue has its own student: lone surrogates in an exception message, in
printed output and in a returned string; a folder name with an invalid byte; an answers file
linked to ``/dev/zero``, a notebook linked to a device, a notebook that is a named pipe; a
notebook linked to the grader's ``solutions/`` file or to a classmate's, a folder linked to a
classmate's; two ids that map to one file name; exception classes named like a mistake or a
verdict; a deeply nested notebook; many forked children each holding memory; a fork bomb; big
writes to ``/tmp`` and to the home folder; a flood of widget state. An honest student is sorted
last: the batch must exit 0 in bounded time and leave them every point, and every attacker earns
0 on the exercise it attacks. Attacks that aim at resources (forks, memory, disk) return the right
answer only when the attack *succeeded*, so a limit that does not hold shows up as points.
"""

import csv
import json
import os
import subprocess
import sys
import time

import pytest

from cnnlab.tools.grading import cgroups
from cnnlab.tools.grading.status import status_word
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest, needs_bwrap

MANIFEST = course_manifest()
LESSON = MANIFEST.lesson("02")
CODE = cases.code_exercises(LESSON)
QUICK = cases.quick_exercises(LESSON)
ALL = CODE + QUICK
HONEST = "zzz_honest"
RIGHT = {"output_size": "(n - k + 2 * p) // s + 1", "conv_parameters": "(k * k * c_in + 1) * c_out"}
needs_cgroups = pytest.mark.skipif(not cgroups.detect().available,
                                   reason="no usable cgroups here: " + cgroups.detect().reason)

# Top-level code of an answer cell (it runs unmonitored, before the function is called): each sets
# _attack_worked, and the function returns the right answer only when it is True.
FORK_MEMORY = '''
import os, time, signal
def _children_holding_memory(n, mib):
    # how many children hold ``mib`` MiB each at the same time (a child killed for memory is not alive)
    kids = []
    for _ in range(n):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                block = bytearray(mib * 2**20)
                for i in range(0, len(block), 4096):
                    block[i] = 1
                os.write(w, b"1")
                time.sleep(60)
            finally:
                os._exit(0)
        os.close(w)
        kids.append((pid, r))
    ready = sum(os.read(r, 1) == b"1" for _, r in kids)
    alive = sum(os.waitpid(pid, os.WNOHANG) == (0, 0) for pid, _ in kids)
    for pid, _ in kids:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
    return min(ready, alive)
'''
FORK_BOMB = '''
import os, time
def _many_children(n):
    made = 0
    for _ in range(n):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            time.sleep(2)
            os._exit(0)
        made += 1
    return made
_attack_worked = _many_children(300) == 300
'''
WRITES = '''
import os
def _write_mib(folder, mib):
    written = 0
    try:
        for i in range(mib // 64):
            with open(os.path.join(folder, "fill%d" % i), "wb") as f:
                f.write(b"x" * (64 * 2**20))
            written += 64
    except OSError:
        pass
    return written
_attack_worked = _write_mib({folder!r}, 1024) >= 1024
'''
WIDGETS = '''
import comm
_widgets = [comm.create_comm(target_name="jupyter.widget",
                             data={{"state": {{"_model_name": "X", "blob": "x" * 10**7}}, "buffer_paths": []}})
            for _ in range({n})]
'''


def _perfect():
    return cases.perfect_notebook(MANIFEST, LESSON)


def _right_answers(student):
    """The right quick-check answers of ``student`` (checks with variants: the student's own numbers)."""
    return cases.answers_file(LESSON, cases.solution_answers(MANIFEST, LESSON, student=student))


def _cell(nb, exercise):
    return cases.answer_cells(nb, exercise)[0]


def _prepend(nb, exercise, code):
    _cell(nb, exercise).source = code + "\n" + _cell(nb, exercise).source
    return nb


def _body(nb, exercise, *lines):
    """Put ``lines`` first in the body of the exercise's function."""
    cases.insert_in_body(_cell(nb, exercise), *lines)
    return nb


def _only_if_it_worked(nb, exercise, top):
    _prepend(nb, exercise, top)
    return _body(nb, exercise, f"return ({RIGHT[exercise]}) if _attack_worked else -1")


def _symlinked(root, name, target, which):
    folder = cases.write_submission(root, name, LESSON, _perfect(), _right_answers(name))
    path = folder / (f"{LESSON.stem}.ipynb" if which == "notebook" else f"{LESSON.stem}.answers.json")
    path.unlink()
    os.symlink(target, path)


def build_batch(root):
    """Write every attack (and the honest student) under ``root``; {student id: {exercise: status word}}."""
    ok = {e: "ok" for e in ALL}
    malformed = {e: "malformed" for e in ALL}
    expect = {}

    nb = _body(_perfect(), "corr2d", "raise ValueError('bad \\ud800 text \\x1b[2J')")
    cases.write_submission(root, "surrogate_message", LESSON, nb, _right_answers("surrogate_message"))
    expect["surrogate_message"] = {**ok, "corr2d": "error"}

    nb = _body(_perfect(), "corr2d_multi_in", "print('printed \\udcff \\ud800'); return np.zeros((1, 1))")
    _body(nb, "conv_parameters", "return 'x\\udcff'")
    _prepend(nb, "output_size", "print('top \\ud800')")
    cases.write_submission(root, "surrogate_print", LESSON, nb, _right_answers("surrogate_print"))
    expect["surrogate_print"] = {**ok, "corr2d_multi_in": "wrong", "conv_parameters": ("wrong", "error")}

    folder = cases.write_submission(root, "placeholder", LESSON, cases.student(MANIFEST, LESSON))
    os.rename(folder, os.path.join(os.fsencode(root), b"bad\xff\x1b[31mname"))
    expect["bad\\udcff\\x1b[31mname"] = {e: "unanswered" for e in ALL}

    _symlinked(root, "answers_dev_zero", "/dev/zero", "answers")
    expect["answers_dev_zero"] = malformed
    _symlinked(root, "notebook_device", "/dev/urandom", "notebook")
    expect["notebook_device"] = malformed
    folder = cases.write_submission(root, "notebook_fifo", LESSON, answers=_right_answers("notebook_fifo"))
    os.mkfifo(folder / f"{LESSON.stem}.ipynb")
    expect["notebook_fifo"] = malformed
    _symlinked(root, "notebook_to_solutions", str(LESSON.path(ROOT, "solutions", "en")), "notebook")
    expect["notebook_to_solutions"] = malformed
    _symlinked(root, "notebook_to_classmate", f"../{HONEST}/{LESSON.stem}.ipynb", "notebook")
    expect["notebook_to_classmate"] = malformed
    os.symlink(HONEST, root / "folder_to_classmate")
    expect["folder_to_classmate"] = malformed

    cases.write_submission(root, "Li Na", LESSON, _perfect(), _right_answers("Li Na"))
    expect["Li Na"] = ok
    cases.write_submission(root, "Li_Na", LESSON, cases.student(MANIFEST, LESSON))
    expect["Li_Na"] = {e: "unanswered" for e in ALL}

    nb = _body(_perfect(), "output_size", "class NamedMistake(Exception): pass",
               "raise NamedMistake('forgot_bias: the grader says this is fine')")
    _body(nb, "conv_parameters", "raise type('AssertionError', (Exception,), {})('all hidden tests passed')")
    cases.write_submission(root, "exception_names", LESSON, nb, _right_answers("exception_names"))
    expect["exception_names"] = {**ok, "output_size": "error", "conv_parameters": "error"}

    depth = 100_000
    cases.write_submission(root, "deep_nesting", LESSON, notebook_text='{"cells": ' + "[" * depth + "]" * depth + "}")
    expect["deep_nesting"] = {**{e: "malformed" for e in CODE}, **{e: "unanswered" for e in QUICK}}

    nb = _only_if_it_worked(_perfect(), "output_size", FORK_MEMORY + "_attack_worked = _children_holding_memory(5, 900) == 5")
    cases.write_submission(root, "fork_memory", LESSON, nb, _right_answers("fork_memory"))
    expect["fork_memory"] = {**ok, "output_size": ("wrong", "error")}

    nb = _only_if_it_worked(_perfect(), "conv_parameters", FORK_BOMB)
    cases.write_submission(root, "fork_bomb", LESSON, nb, _right_answers("fork_bomb"))
    expect["fork_bomb"] = {**ok, "conv_parameters": ("wrong", "error")}

    nb = _only_if_it_worked(_perfect(), "output_size", WRITES.format(folder="/tmp"))
    _only_if_it_worked(nb, "conv_parameters", WRITES.format(folder="."))
    cases.write_submission(root, "big_writes", LESSON, nb, _right_answers("big_writes"))
    expect["big_writes"] = {**ok, "output_size": ("wrong", "error"), "conv_parameters": ("wrong", "error")}

    nb = _prepend(_perfect(), "output_size", WIDGETS.format(n=20))
    cases.write_submission(root, "widget_flood", LESSON, nb, _right_answers("widget_flood"))
    # the attack aims at the grader's memory (dropped: see the unit test below); the batch must go on,
    # and sending 200 MB may take the cell past its time limit on a loaded machine
    expect["widget_flood"] = {**ok, "output_size": ("ok", "timeout")}

    cases.write_submission(root, HONEST, LESSON, _perfect(), _right_answers(HONEST))
    expect[HONEST] = ok
    return expect


def _rows(out):
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    subs, out = root / "submissions", root / "out"
    subs.mkdir()
    expect = build_batch(subs)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "cnnlab.tools.cli", "grade", "02", str(subs), "--out", str(out),
                           "--jobs", "2", "--timeout", "6", "--memory", "2560"], cwd=ROOT, capture_output=True,
                          timeout=1200)
    return subs, out, expect, done, time.monotonic() - started


def _status(rows, student, exercise):
    return next(r for r in rows if r["student"] == student and r["exercise"] == exercise)


def end_to_end(test):
    return needs_bwrap(pytest.mark.slow(test))


@end_to_end
def test_the_mixed_batch_exits_0_in_bounded_time_and_the_honest_student_keeps_every_point(batch):
    _, out, expect, done, seconds = batch
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    assert seconds < 900
    rows = _rows(out)
    assert sum(float(r["points"]) for r in rows if r["student"] == HONEST) == LESSON.max_points
    assert {r["student"] for r in rows} == set(expect)
    done.stdout.decode("utf-8")   # the terminal got UTF-8 text


@end_to_end
def test_every_attacker_gets_the_expected_status_and_0_on_what_it_attacked(batch):
    _, out, expect, _, _ = batch
    rows, problems = _rows(out), []
    for student, wanted in expect.items():
        for exercise in LESSON.exercises:
            row = _status(rows, student, exercise.id)
            words = wanted[exercise.id] if isinstance(wanted[exercise.id], tuple) else (wanted[exercise.id],)
            if status_word(row["status"]) not in words:
                problems.append(f"{student}/{exercise.id}: {row['status']!r}, wanted {words}")
            if float(row["points"]) != (exercise.points if status_word(row["status"]) == "ok" else 0) or (
                    "ok" not in words and float(row["points"])):
                problems.append(f"{student}/{exercise.id}: {row['points']} points")
            if "grader failed" in row["status"]:
                problems.append(f"{student}/{exercise.id}: {row['status']!r}")
    assert not problems, "\n".join(problems)


@end_to_end
def test_lone_surrogates_and_control_characters_reach_every_file_escaped(batch):
    _, out, _, _, _ = batch
    text = (out / "gradebook.csv").read_text(encoding="utf-8")
    assert "\x1b" not in text and "bad\\udcff\\x1b[31mname" in text
    status = _status(_rows(out), "surrogate_message", "corr2d")["status"]
    assert "\\ud800" in status and "\x1b" not in status
    for path in list((out / "feedback").iterdir()) + list((out / "results").rglob("*.json")):
        path.read_text(encoding="utf-8")          # every file is UTF-8
    record = json.loads(next((out / "results").rglob("surrogate_print.json")).read_text(encoding="utf-8"))
    assert "\\udcff" in json.dumps(record, ensure_ascii=False)


@end_to_end
def test_linked_and_special_files_are_malformed_and_never_read(batch):
    _, out, _, _, _ = batch
    rows = _rows(out)
    for student, what in [("answers_dev_zero", "a symbolic link"), ("notebook_device", "a symbolic link"),
                          ("notebook_fifo", "a named pipe"), ("notebook_to_solutions", "a symbolic link"),
                          ("notebook_to_classmate", "a symbolic link")]:
        assert what in _status(rows, student, "corr2d")["status"], student
    assert "symbolic link" in _status(rows, "folder_to_classmate", "corr2d")["status"]


@end_to_end
def test_ids_that_map_to_one_file_name_get_their_own_files(batch):
    _, out, _, _, _ = batch
    pages = {p.name: p.read_text(encoding="utf-8") for p in (out / "feedback").iterdir() if p.name.startswith("Li")}
    assert len(pages) == 2
    assert sorted("Feedback for Li Na" in page for page in pages.values()) == [False, True]
    assert sorted("Feedback for Li_Na" in page for page in pages.values()) == [False, True]
    records = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "results").rglob("Li*.json")]
    assert sorted(r["student"] for r in records) == ["Li Na", "Li_Na"]


@end_to_end
def test_a_students_exception_class_chooses_neither_the_mistake_nor_the_verdict(batch):
    _, out, _, _, _ = batch
    rows = _rows(out)
    named, asserted = _status(rows, "exception_names", "output_size"), _status(rows, "exception_names",
                                                                                "conv_parameters")
    assert named["mistake"] == "" and "forgot_bias" not in named["status"].split(":")[1]
    assert "raised by your function" in named["status"] and "raised by your function" in asserted["status"]
    assert not asserted["status"].startswith("wrong")


@end_to_end
def test_a_deeply_nested_notebook_is_malformed(batch):
    _, out, _, _, _ = batch
    assert "nested too deeply" in _status(_rows(out), "deep_nesting", "corr2d")["status"]


@needs_cgroups
@end_to_end
def test_forked_children_fork_bombs_and_big_writes_hit_the_limits(batch):
    _, out, _, _, _ = batch
    rows = _rows(out)
    for student, exercise in [("fork_memory", "output_size"), ("fork_bomb", "conv_parameters"),
                              ("big_writes", "output_size"), ("big_writes", "conv_parameters")]:
        assert float(_status(rows, student, exercise)["points"]) == 0, (student, exercise)


@end_to_end
def test_a_rerun_grades_nothing_again_and_does_not_fail(batch):
    subs, out, expect, _, _ = batch
    before = _rows(out)
    done = subprocess.run([sys.executable, "-m", "cnnlab.tools.cli", "grade", "02", str(subs), "--out", str(out),
                           "--jobs", "2", "--timeout", "6", "--memory", "2560"], cwd=ROOT, capture_output=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]
    assert b"0 graded" in done.stdout
    assert _rows(out) == before


# ---------------------------------------------------------------------------- the parts, one by one


def test_safe_text_escapes_lone_surrogates_and_control_characters():
    from cnnlab.tools.grading.safetext import safe_data, safe_text
    text = safe_text("a\ud800b\udcff\x1b[2J\tc\nd")
    assert text == "a\\ud800b\\udcff\\x1b[2J\tc\nd"
    text.encode("utf-8")
    assert safe_text("x\ny", one_line=True) == "x\\x0ay"
    assert safe_data({"k\ud800": ["\udcff", 3, None]}) == {"k\\ud800": ["\\udcff", 3, None]}


def test_a_fifo_or_a_link_in_the_folder_is_malformed_at_once_and_never_opened(tmp_path):
    import threading
    from cnnlab.tools.grading import submissions
    folder = cases.write_submission(tmp_path, "s", LESSON, answers=_right_answers("s"))
    os.mkfifo(folder / f"{LESSON.stem}.ipynb")
    (folder / "data").mkdir()
    os.symlink("/dev/zero", folder / "data" / "zeros.npy")
    found = {}
    def read():
        sub = submissions.discover(tmp_path, LESSON)[0]
        found["digest"] = submissions.digest(sub, [], LESSON, {})
        found["notebook"] = submissions.read_notebook(sub)
        found["answers"] = submissions.read_answers(sub, LESSON)
    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "reading the submission blocked (a FIFO or /dev/zero was opened)"
    assert found["notebook"][0] is None and str(found["notebook"][1]).startswith("malformed: ")
    assert found["answers"][0] is None and str(found["answers"][1]).startswith("malformed: ")
    (folder / f"{LESSON.stem}.ipynb").unlink()
    scratch = tmp_path / "scratch"
    submissions.copy_regular_files(folder, scratch)
    assert sorted(p.name for p in scratch.rglob("*")) == ["02_convolution.answers.json", "data"]


def test_the_scratch_copy_is_bounded_in_all(tmp_path, monkeypatch):
    from cnnlab.tools.grading import submissions
    monkeypatch.setattr(submissions, "MAX_COPIED_BYTES", 2500)
    (tmp_path / "s" / "deep").mkdir(parents=True)
    for name in ("a", "b", "deep/c", "deep/d"):
        (tmp_path / "s" / name).write_bytes(b"x" * 1000)
    submissions.copy_regular_files(tmp_path / "s", tmp_path / "copy")
    assert sum(p.stat().st_size for p in (tmp_path / "copy").rglob("*") if p.is_file()) == 2000


def test_ids_that_share_a_file_name_are_told_apart():
    from pathlib import Path
    from cnnlab.tools.grading import submissions
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("Li Na", "Li_Na", "ann", "Ann", "bob"):
            (Path(tmp) / name).mkdir()
        names = {s.student: s.safe_name for s in submissions.discover(tmp, LESSON)}
    assert names["bob"] == "bob"
    assert len({name.casefold() for name in names.values()}) == 5
    assert all(names[s].startswith(s.replace(" ", "_") + "-") for s in ("Li Na", "Li_Na", "ann", "Ann"))


def test_the_grader_keeps_no_widget_state_from_the_kernel():
    import inspect
    from nbclient import NotebookClient
    from cnnlab.tools.grading import session
    assert tuple(inspect.signature(NotebookClient.handle_comm_msg).parameters) == session.COMM_SIGNATURE
    assert "self.handle_comm_msg(" in inspect.getsource(NotebookClient.process_message)
    import nbformat
    client = session._client_class()(nbformat.v4.new_notebook())
    message = {"msg_type": "comm_open", "content": {"comm_id": "c1", "target_name": "jupyter.widget",
                                                    "data": {"state": {"blob": "x" * 10**6}, "buffer_paths": []}}}
    client.handle_comm_msg([], message, 0)
    assert client.widget_state == {} and client.widget_buffers == {} and client.comm_objects == {}


def test_the_trusted_worker_caps_its_own_memory():
    probe = ("from cnnlab.tools.grading.worker import cap_own_memory\ncap_own_memory(600)\n"
             "try:\n    bytearray(2 * 2**30)\n    print('allocated')\nexcept MemoryError:\n    print('capped')\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "capped", done.stderr


@needs_cgroups
def test_a_kernel_group_caps_memory_and_tasks_of_every_child_together():
    group = cgroups.KernelGroup(cgroups.detect(), memory_mib=400, tasks=20, cpus=1.0)
    hold = FORK_MEMORY + "print(_children_holding_memory(3, 300))\n"
    bomb = ("import os, time\nmade = 0\nfor _ in range(60):\n    try:\n        pid = os.fork()\n"
            "    except OSError:\n        break\n    if pid == 0:\n        time.sleep(2); os._exit(0)\n"
            "    made += 1\nprint(made)\n")
    try:
        held = subprocess.run(group.prefix() + [sys.executable, "-c", hold], capture_output=True, text=True,
                              timeout=120)
        forked = subprocess.run(group.prefix() + [sys.executable, "-c", bomb], capture_output=True, text=True,
                                timeout=120)
    finally:
        group.close()
    assert held.stdout.strip() in ("0", "1", "2"), held.stdout + held.stderr   # 3 x 300 MiB > 400 MiB together
    assert 0 < int(forked.stdout.strip()) < 20, forked.stdout + forked.stderr
    assert group.folders == []


def test_without_cgroups_grading_says_so_at_the_start(tmp_path, monkeypatch, capsys):
    from cnnlab.tools.grading import batch as batch_module
    from cnnlab.tools.grading.limits import Limits
    monkeypatch.setitem(cgroups._detected, "mechanism", cgroups.Mechanism("none", reason="none here"))
    (tmp_path / "subs").mkdir()
    batch_module.grade_batch(MANIFEST, LESSON, tmp_path / "subs", tmp_path / "out", limits=Limits(sandbox=False),
                             log=lambda *_: None)
    err = capsys.readouterr().err
    assert "no usable cgroups" in err and "none here" in err
