"""The shared utilities: atomic write and lock (cnnlab.files), clip (cnnlab.text), cell tags and magics (cnnlab.cells)."""

import multiprocessing
import stat
import time

import nbformat
import pytest

from cnnlab.cells import exercise_cells, exercise_ids, exercise_of, is_magic, mask_magics
from cnnlab.files import locked, write_atomically
from cnnlab.text import clip


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text("old\n")
    write_atomically(path, "a,b\r\nc,d\n")
    assert path.read_bytes() == b"a,b\r\nc,d\n"          # newlines as given
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["book.csv"]


def test_write_atomically_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(path, "bad \udc80")               # a lone surrogate cannot be UTF-8
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["book.csv"]


def _append_slowly(lock_path, log_path, tag):
    with locked(lock_path):
        with open(log_path, "a") as log:
            log.write(f"{tag} in\n")
            log.flush()
            time.sleep(0.3)
            log.write(f"{tag} out\n")


def test_locked_makes_two_processes_take_turns(tmp_path):
    lock, log = tmp_path / ".lock", tmp_path / "log"
    workers = [multiprocessing.get_context("fork").Process(target=_append_slowly, args=(lock, log, t))
               for t in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    lines = log.read_text().splitlines()
    assert sorted(lines) == ["a in", "a out", "b in", "b out"]
    # Each "in" is followed by the same worker's "out": the locked blocks never overlap.
    assert lines[0][0] == lines[1][0] and lines[2][0] == lines[3][0], lines


@pytest.mark.parametrize("text, limit, mark, expected", [
    ("short", 10, "…", "short"),
    ("exactly10!", 10, "…", "exactly10!"),
    ("eleven char", 10, "…", "eleven ch…"),
    ("x" * 30, 12, "\n[…]", "x" * 8 + "\n[…]"),
])
def test_clip_never_exceeds_the_limit(text, limit, mark, expected):
    clipped = clip(text, limit, mark)
    assert clipped == expected and len(clipped) <= limit


def test_mask_magics_blanks_only_magic_lines_and_keeps_line_numbers():
    source = "%matplotlib inline\nx = 1\n  !ls\ny = '%not a magic'"
    masked = mask_magics(source)
    assert masked.split("\n") == ["", "x = 1", "", "y = '%not a magic'"]
    assert is_magic("   %time f()") and not is_magic("a % b")


def test_exercise_tags_are_read_from_cell_metadata():
    nb = nbformat.v4.new_notebook()
    tagged = nbformat.v4.new_code_cell("def f(): pass", metadata={"tags": ["nbval-ignore", "exercise:corr2d"]})
    plain = nbformat.v4.new_code_cell("x = 1")
    again = nbformat.v4.new_markdown_cell("text", metadata={"tags": ["exercise:corr2d"]})
    nb.cells = [tagged, plain, again]
    assert exercise_of(tagged) == "corr2d" and exercise_of(plain) is None
    assert exercise_cells(nb) == {"corr2d": [tagged, again]}
    both = nbformat.v4.new_code_cell("", metadata={"tags": ["exercise:a", "exercise:b"]})
    assert exercise_ids(both) == ["a", "b"] and exercise_of(both) == "a"
