"""Fixtures shared by the test files."""

import atexit
import os
import shutil
import tempfile

import pytest

import cnnlab
from tests.helpers import course_manifest

# No student id leaks into the tests from the machine that runs them: quick checks with
# variants show their default numbers (the stored outputs show them too), unless a test sets an id.
for _name in ("JUPYTERHUB_USER", "CNNLAB_STUDENT"):
    os.environ.pop(_name, None)
os.environ["CNNLAB_HOME"] = tempfile.mkdtemp(prefix="cnnlab-home-")
atexit.register(shutil.rmtree, os.environ["CNNLAB_HOME"], ignore_errors=True)   # one per test process


@pytest.fixture(scope="session")
def manifest():
    """The course's manifest, read once for the whole run (the same object parametrize lists use)."""
    return course_manifest()


@pytest.fixture
def lang():
    """Run a test in a chosen language and restore the previous one after."""
    before = cnnlab.get_language()
    yield cnnlab.set_language
    cnnlab.set_language(before)


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """Empty $CNNLAB_DATA and cache folders, so only what the test puts there exists."""
    monkeypatch.setenv("CNNLAB_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def scratch(request, tmp_path, monkeypatch):
    """An empty working folder for widget and answers-file tests, in English: the widgets record
    into ``<stem>.answers.json`` there, ``stem`` being the module's ``SCRATCH_LESSON`` (default
    ``test_lesson``). The language and the current lesson are restored after."""
    from cnnlab.exercises.answers import use_lesson
    before = cnnlab.get_language()
    monkeypatch.chdir(tmp_path)
    use_lesson(getattr(request.module, "SCRATCH_LESSON", "test_lesson"))
    cnnlab.set_language("en")
    yield tmp_path
    cnnlab.set_language(before)
    use_lesson(None)
