"""Fixtures shared by the test files."""

import pytest

import cnnlab


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
