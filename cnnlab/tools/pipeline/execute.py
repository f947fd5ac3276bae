"""``cnnlab execute``: run solution notebooks and store their outputs.

Authors edit ``solutions/{lang}/NN_slug.py`` (or the paired notebook), then run
``cnnlab execute NN``. The newer of the two files is read, executed top to
bottom by a real kernel with ``CNNLAB_QUICK=1`` (quick mode, one thread: what the
test suite runs), and written back as a pair. ``cnnlab execute --full NN`` runs
it as a student does instead (full data and epochs, every core): the outputs a
reader of the notebook or the static site should see. The notebook's metadata
``cnnlab.mode`` records which mode produced its stored outputs.
"""

import contextlib
import os
import tempfile
import time
from pathlib import Path

from cnnlab.settings import QUICK_ENV
from cnnlab.tools.kernelclient import SteadyNotebookClient
from cnnlab.tools.pipeline.notebooks import normalize, read_notebook, write_pair


def newer_of_pair(ipynb_path):
    """The ``.py`` twin if it was edited after the notebook, else the notebook."""
    ipynb_path = Path(ipynb_path)
    py = ipynb_path.with_suffix(".py")
    if py.is_file() and (not ipynb_path.is_file() or py.stat().st_mtime > ipynb_path.stat().st_mtime):
        return py
    return ipynb_path


# What the test suite runs notebooks with (see conftest.py): quick mode, one thread.
TEST_SETTINGS = {QUICK_ENV: "1", "OMP_NUM_THREADS": "1"}
# What a student runs: no quick mode, PyTorch's own thread choice (None = unset).
FULL_SETTINGS = {QUICK_ENV: None, "OMP_NUM_THREADS": None}


@contextlib.contextmanager
def environment(settings):
    """Within the block, set each variable of ``settings`` (None unsets it); restore them after.
    A kernel started inside inherits them."""
    previous = {name: os.environ.get(name) for name in settings}

    def apply(values):
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    apply(settings)
    try:
        yield
    finally:
        apply(previous)


def no_student(home):
    """Settings under which no student id reaches the kernel (``home``: an empty folder for
    ``CNNLAB_HOME``): quick checks with variants store their default numbers, whoever executes
    the notebook."""
    return {"JUPYTERHUB_USER": None, "CNNLAB_STUDENT": None, "CNNLAB_HOME": str(home)}


def execute_notebook(nb, folder, timeout=600, settings=TEST_SETTINGS):
    """Run ``nb`` in ``folder`` with a python3 kernel under ``settings`` (environment
    variables; None unsets one) and no student id; returns the same node."""
    with tempfile.TemporaryDirectory(prefix="cnnlab-home-") as home, environment({**settings, **no_student(home)}):
        SteadyNotebookClient(nb, timeout=timeout, kernel_name="python3", coalesce_streams=True,
                             resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def mark_mode(nb, full, seconds=None):
    """Record in ``nb``'s metadata which mode produced its outputs (``cnnlab check`` reads it)
    and, if given, how many seconds the run took (the site and the lesson list show it)."""
    record = nb.metadata.setdefault("cnnlab", {})
    record["mode"] = "full" if full else "quick"
    record.pop("seconds", None)
    if seconds is not None:
        record["seconds"] = round(seconds)
    return nb


def execute_solution(manifest, lesson, lang, full=False):
    """Execute one solution notebook (quick mode, or ``full``) and rewrite its pair;
    returns the changed paths."""
    ipynb = lesson.path(manifest.root, "solutions", lang)
    nb = normalize(read_notebook(newer_of_pair(ipynb)))
    nb.metadata["cnnlab"] = {"version": "solution", "lang": lang}
    started = time.perf_counter()
    if full:
        execute_notebook(nb, ipynb.parent, timeout=3600, settings=FULL_SETTINGS)
    else:
        execute_notebook(nb, ipynb.parent)
    mark_mode(nb, full, time.perf_counter() - started)
    return write_pair(nb, ipynb)
