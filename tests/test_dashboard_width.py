"""The instructor dashboard stays readable at 120 students × 13 lessons, and shows hand-set grades."""

import base64
import struct
import time

import nbformat
import pytest

from cnnlab.tools.grading import gradebook
from cnnlab.tools.grading.dashboard import grid_shape, load
from cnnlab.tools.kernelclient import SteadyNotebookClient
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()


def _write_class(folder, students):
    rows = [{"student": f"s{i:03d}", "lesson": lesson.stem, "exercise": e.id, "points": f"{e.points * (i % 2):g}",
             "max_points": f"{e.points:g}", "status": "ok" if i % 2 else "wrong", "kind": e.kind, "seconds": "1.0",
             "graded_at": "t"} for i in range(students) for lesson in MANIFEST.lessons for e in lesson.exercises]
    (folder / gradebook.GRADEBOOK).write_text(gradebook.render_csv(rows), encoding="utf-8")
    return rows


def test_panels_wrap_at_six_a_row():
    assert grid_shape(1) == (1, 1) and grid_shape(6) == (1, 6) and grid_shape(7) == (2, 6)
    assert grid_shape(65) == (11, 6)


def test_the_dashboard_reads_hand_set_grades(tmp_path):
    _write_class(tmp_path, 2)
    lesson = MANIFEST.lessons[0]
    exercise = lesson.exercises[0]
    (tmp_path / "overrides.csv").write_text(f"student,lesson,exercise,points,comment\ns000,{lesson.stem},{exercise.id},"
                                            f"{exercise.points:g},paper\n", encoding="utf-8")
    row = next(r for r in load(tmp_path) if r["student"] == "s000" and r["exercise"] == exercise.id)
    assert float(row["points"]) == exercise.points and row["override"] == "paper"


def _png_width(data):
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", raw[16:20])[0]


@pytest.mark.slow
def test_the_score_figure_stays_screen_wide_at_120_students_and_13_lessons(tmp_path, monkeypatch):
    _write_class(tmp_path, 120)
    monkeypatch.setenv("CNNLAB_GRADEBOOK", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")   # figures as PNG outputs
    nb = nbformat.read(ROOT / "course" / "instructor" / "dashboard.ipynb", as_version=4)
    started = time.perf_counter()
    # (the steady client: with nbclient's own, a widget cell here sometimes sat out the whole timeout)
    SteadyNotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    print(f"dashboard at 120 x 13: {time.perf_counter() - started:.1f} s")
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    assert "error" not in [o.output_type for o in outputs]
    widths = [_png_width(o["data"]["image/png"]) for o in outputs if "image/png" in o.get("data", {})]
    assert widths and max(widths) <= 1600, widths        # was 16,511 px with one panel per exercise in a row
