"""Every student notebook runs top to bottom, unanswered, without an error.

The solution notebooks are executed by nbval (their stored outputs are compared);
here the generated student versions are executed with nbclient in a scratch
folder, exactly as a student who skipped every exercise would run them.
"""

import shutil

import nbformat
import pytest

from cnnlab.i18n import LANGUAGES
from cnnlab.tools.kernelclient import SteadyNotebookClient
from tests.helpers import ROOT, course_manifest

pytestmark = pytest.mark.slow  # runs every student notebook


def _languages(lesson):
    """Both languages, except for a lesson that trains: there one, alternating by lesson number.

    A training lesson's quick run costs tens of seconds, and its two student versions differ only
    in prose and in the strings printed (`cnnlab check` rule 4 holds their code cells equal, and nbval runs
    every code cell of both solution versions). So every student exercise stub runs unanswered in
    at least one language, and both languages are run for every lesson that does not train.
    """
    if not lesson.trains:
        return LANGUAGES
    return (LANGUAGES[int(lesson.stem[:2]) % len(LANGUAGES)],)


CASES = [(lesson, lang) for lesson in course_manifest().lessons for lang in _languages(lesson)]


def _error_outputs(nb):
    return [(index, out.get("ename"), out.get("evalue")) for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code" for out in cell.get("outputs", []) if out.output_type == "error"]


@pytest.mark.parametrize("lesson, lang", CASES, ids=[f"{l.stem}-{lang}" for l, lang in CASES])
def test_student_notebook_runs_unanswered(lesson, lang, tmp_path):
    source = lesson.path(ROOT, "lessons", lang)
    notebook = tmp_path / source.name
    shutil.copy(source, notebook)
    nb = nbformat.read(notebook, as_version=4)
    SteadyNotebookClient(nb, timeout=300, kernel_name="python3",
                         resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert _error_outputs(nb) == []
    text = "".join(out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
                   for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)
    assert "missing from font" not in text, (
        "a figure has characters its font lacks: install fonts-noto-cjk "
        "(cnnlab.start_lesson calls cnnlab.fonts.use_cjk_font)")
    unanswered = {"zh": "还没有作答", "en": "not answered yet"}[lang]
    assert text.count(unanswered) >= 1, "an unanswered exercise must say so"
