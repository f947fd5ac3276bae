"""``cnnlab execute``: outputs stored from quick mode by default, from full mode with --full."""

from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import copy_course, run_cli


def _printed(nb):
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_execute_records_the_mode_that_produced_the_outputs(tmp_path):
    course = copy_course(tmp_path)
    notebook = course / "solutions" / "en" / "00_tour.ipynb"

    full = run_cli("execute", "00", "--lang", "en", "--full", cwd=course, timeout=300)
    assert full.returncode == 0, full.stderr
    assert "full mode" in full.stdout
    nb = read_notebook(notebook)
    assert nb.metadata["cnnlab"]["mode"] == "full"
    assert "Lesson 00" in _printed(nb) and "Quick mode" not in _printed(nb)   # CNNLAB_QUICK was unset

    quick = run_cli("execute", "00", "--lang", "en", cwd=course, timeout=300)
    assert quick.returncode == 0, quick.stderr
    nb = read_notebook(notebook)
    # lesson 00 trains nothing, so its header names no mode (tests/test_mode_notice.py)
    assert nb.metadata["cnnlab"]["mode"] == "quick" and "Quick mode" not in _printed(nb)
