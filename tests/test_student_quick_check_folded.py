"""The student version folds each quick-check cell's source (JupyterLab's source_hidden): the student
sees the question and the widget, not a wall of key= and sealed: strings (nor the hint)."""

import nbformat
import pytest

from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.tools.pipeline.steps import NotebookJob, fold_quick_check_sources, student_version
from tests.helpers import ROOT

v4 = nbformat.v4


def _cell(source, tags):
    return v4.new_code_cell(source, metadata={"tags": tags})


def test_only_quick_check_cells_are_folded():
    nb = v4.new_notebook(cells=[
        _cell('numeric("a", answer=3, prompt="How many?", hint="count them")', ["exercise:a"]),
        _cell("def f(x):\n    return x", ["exercise:f"]),                   # a code exercise
        _cell('_ = check_function("f", f, [((1,), 1)])', ["exercise:f"]),
        _cell('shape("s", answer=(1, 2))', []),                             # untagged: left as it is
        _cell("%matplotlib inline\nchoice('c', answer=0, options=['x', 'y'])", ["exercise:c"]),
    ])
    folded = fold_quick_check_sources(NotebookJob(nb, "en")).nb
    hidden = [cell.metadata.get("jupyter", {}).get("source_hidden", False) for cell in folded.cells]
    assert hidden == [True, False, False, False, True]
    assert folded.cells[0].source.splitlines()[0].startswith("# Quick check: answer in the widget below")
    assert folded.cells[1].source.startswith("def f")
    again = fold_quick_check_sources(NotebookJob(folded, "en")).nb
    assert again.cells[0].source.count("# Quick check") == 1   # idempotent


LESSONS = sorted((ROOT / "lessons").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_built_lessons_fold_every_sealed_quick_check(path):
    for cell in read_notebook(path).cells:
        if cell.cell_type == "code" and ('"sealed:' in cell.source or '"veiled:' in cell.source):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:60]
            assert cell.source.startswith("# "), "the first line, shown when folded, is the note"


def test_the_solution_is_not_folded():
    solution = read_notebook(ROOT / "solutions" / "en" / "02_convolution.ipynb")
    student = student_version(solution, "en")
    assert not any("jupyter" in cell.metadata for cell in solution.cells)
    assert any(cell.metadata.get("jupyter", {}).get("source_hidden") for cell in student.cells)
