"""``cnnlab execute``: outputs stored from quick mode by default, from full mode with --full.

The mechanics are tested on a fake two-cell lesson in a scratch course (one kernel start per run),
not on a real lesson: what a real lesson prints is nbval's business."""

import tempfile

import nbformat

from cnnlab.tools import cli
from cnnlab.tools.pipeline.notebooks import read_notebook, write_pair

MANIFEST_TOML = """
[course]
title.zh = "假课程"
title.en = "Fake course"

[[lesson]]
number = 0
slug = "fake"
title.zh = "两个单元格"
title.en = "Two cells"
minutes = 1
objectives.zh = ["运行两个单元格"]
objectives.en = ["Run two cells"]
"""

# The first cell says which mode the kernel runs in, as lessons do; the second uses the first.
CELLS = ["import os\nmode = 'quick' if os.environ.get('CNNLAB_QUICK') == '1' else 'full'\nprint('mode:', mode)",
         "print('threads:', os.environ.get('OMP_NUM_THREADS', 'unset'))"]


def fake_course(root):
    """A course of one lesson, ``00_fake``, whose en solution is two code cells (a jupytext pair)."""
    (root / "course").mkdir()
    (root / "course" / "manifest.toml").write_text(MANIFEST_TOML, encoding="utf-8")
    (root / "solutions" / "en").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = root / "solutions" / "en" / "00_fake.ipynb"
    write_pair(nb, path)
    return path


def printed(nb):
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_full_mode_runs_without_quick_mode_and_records_it(tmp_path, capsys, monkeypatch):
    notebook = fake_course(tmp_path)
    monkeypatch.setenv("CNNLAB_QUICK", "1")          # as under the test suite: --full must unset it
    assert cli.main(["--root", str(tmp_path), "execute", "00", "--lang", "en", "--full"]) == 0
    assert "00_fake" in capsys.readouterr().out
    nb = read_notebook(notebook)
    assert nb.metadata["cnnlab"]["mode"] == "full" and "seconds" in nb.metadata["cnnlab"]
    assert printed(nb) == "mode: full\nthreads: unset\n"
    assert notebook.with_suffix(".py").read_text(encoding="utf-8").count("# %%") == 2    # the pair is rewritten


def test_quick_mode_is_the_default_and_runs_on_one_thread(tmp_path, capsys, monkeypatch):
    notebook = fake_course(tmp_path)
    monkeypatch.delenv("CNNLAB_QUICK", raising=False)
    assert cli.main(["--root", str(tmp_path), "execute", "00", "--lang", "en"]) == 0
    nb = read_notebook(notebook)
    assert nb.metadata["cnnlab"]["mode"] == "quick"
    assert printed(nb) == "mode: quick\nthreads: 1\n"


def test_execute_leaves_no_scratch_student_home_behind(tmp_path, monkeypatch):
    """Each run gives the kernel an empty CNNLAB_HOME (no student id) and removes it afterwards."""
    notebook = fake_course(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert cli.main(["--root", str(tmp_path), "execute", "00", "--lang", "en"]) == 0
    assert printed(read_notebook(notebook)).startswith("mode: ")
    assert list(scratch.glob("cnnlab-home-*")) == []
