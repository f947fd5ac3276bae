"""The class at a glance: the students × lessons grid, most-missed exercises, named mistakes."""

import random

from cnnlab.tools.grading.overview import class_grid, grid_html, mistake_lines, mistake_shares, most_missed


def row(student, lesson, exercise, points, top, status, mistake=""):
    return {"student": student, "lesson": lesson, "exercise": exercise, "points": f"{points:g}",
            "max_points": f"{top:g}", "status": status, "kind": "numeric", "seconds": "1.0",
            "graded_at": "2026-11-29T10:00:00", "mistake": mistake}


def synthetic_class(n=32, seed=0):
    """n students × lessons 02 and 03: conv2_params missed by ~40 % (most without biases)."""
    rng, rows = random.Random(seed), []
    for i in range(n):
        name = f"s{i:03d}"
        if i % 5 < 2:
            rows.append(row(name, "02_convolution", "conv2_params", 0, 2, "wrong",
                            "forgot_bias" if i % 5 == 0 or i % 10 == 1 else "one_channel"))
        else:
            rows.append(row(name, "02_convolution", "conv2_params", 2, 2, "ok"))
        rows.append(row(name, "02_convolution", "corr2d", 3 if rng.random() < 0.9 else 0, 3, "ok"))
        if i % 8 == 7:
            rows.append(row(name, "03_padding_stride", "pad2d", 0, 2, "timeout: the cell ran 30 s"))
        elif i % 8 == 6:
            rows.append(row(name, "03_padding_stride", "pad2d", 0, 2, "unanswered"))
        else:
            rows.append(row(name, "03_padding_stride", "pad2d", 2, 2, "ok"))
    return rows


def test_grid_sums_points_and_counts_unanswered_and_failing():
    grid = class_grid(synthetic_class())
    assert len(grid) == 32
    assert grid["s002"]["02_convolution"]["max_points"] == 5
    assert grid["s007"]["03_padding_stride"] == {"points": 0.0, "max_points": 2.0, "unanswered": 0, "failing": 1}
    assert grid["s006"]["03_padding_stride"]["unanswered"] == 1
    assert grid["s000"]["02_convolution"]["points"] in (0.0, 3.0)


def test_most_missed_ranks_by_share_of_students():
    top = most_missed(synthetic_class(), n=2)
    assert top[0]["exercise"] == "conv2_params" and top[0]["missed"] == 14 and top[0]["students"] == 32
    assert abs(top[0]["share"] - 14 / 32) < 1e-9
    assert all(entry["missed"] > 0 for entry in top)


def test_mistake_shares_and_sentences(lang):
    shares = mistake_shares(synthetic_class())
    found = dict((m, (c, s)) for m, c, s in shares[("02_convolution", "conv2_params")])
    assert found["forgot_bias"][0] + found["one_channel"][0] == 14
    assert abs(found["forgot_bias"][1] - found["forgot_bias"][0] / 32) < 1e-9
    lang("en")
    lines = mistake_lines(synthetic_class())
    assert any(line.startswith(f"{found['forgot_bias'][1]:.0%} forgot_bias in conv2_params") for line in lines)
    lang("zh")
    assert any("的学生在 conv2_params" in line for line in mistake_lines(synthetic_class()))


def test_grid_html_marks_cells():
    page = grid_html(synthetic_class())
    assert page.count("<tr>") == 33 and "⚠1" in page and "○1" in page and "2/2" in page
    assert grid_html([row("<b>x</b>", "02_convolution", "corr2d", 1, 3, "wrong")]).count("&lt;b&gt;") == 1


def test_dashboard_shows_the_class_grid_and_mistakes_for_32_students(tmp_path, monkeypatch):
    import nbformat
    from cnnlab.tools.kernelclient import SteadyNotebookClient

    from cnnlab.tools.grading import gradebook
    from tests.helpers import ROOT

    (tmp_path / gradebook.GRADEBOOK).write_text(gradebook.render_csv(synthetic_class()), encoding="utf-8")
    monkeypatch.setenv("CNNLAB_GRADEBOOK", str(tmp_path / gradebook.GRADEBOOK))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("CNNLAB_LANG", "en")
    nb = nbformat.read(ROOT / "course" / "instructor" / "dashboard.ipynb", as_version=4)
    SteadyNotebookClient(nb, timeout=180, kernel_name="python3",
                         resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    assert "error" not in [o.output_type for o in outputs]
    html_out = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    text_out = "".join(o.get("text", "") for o in outputs)
    assert html_out.count("<td>s0") >= 32 and "⚠1" in html_out           # the grid: one row per student
    assert "conv2_params" in html_out and "44%" in html_out             # most missed: 14 of 32
    assert "forgot_bias in conv2_params" in text_out and "one_channel in conv2_params" in text_out
