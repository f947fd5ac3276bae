"""The authoring pipeline: student versions from solutions, and `cnnlab check`."""

import json

import nbformat
import pytest

from cnnlab.i18n import latin_words
from cnnlab.manifest import load_manifest
from cnnlab.tools.pipeline.check import check, code_tokens
from cnnlab.tools.pipeline.notebooks import read_notebook, write_pair
from cnnlab.tools.markers import MarkerError
from cnnlab.tools.pipeline.steps import student_version
from tests.helpers import copy_course, run_cli

SOLUTION_CELL = '''def double(x):
    """Return 2x."""
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION'''

TEST_CELL = '''report = check(double)
### BEGIN HIDDEN TESTS
assert double(21) == 42
### END HIDDEN TESTS'''


def _notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title")]
    nb.cells += [nbformat.v4.new_code_cell(s, outputs=[nbformat.v4.new_output("stream", text="x")],
                                           execution_count=1) for s in sources]
    return nb


def test_student_version_stubs_solutions_and_keeps_indentation():
    student = student_version(_notebook(SOLUTION_CELL), "en")
    code = student.cells[1].source
    assert "return 2 * x" not in code and "BEGIN SOLUTION" not in code
    assert "    # YOUR CODE HERE\n    raise NotImplementedError()" in code
    assert 'def double(x):\n    """Return 2x."""' in code
    assert student_version(_notebook(SOLUTION_CELL), "zh").cells[1].source.count("# 在这里写你的代码") == 1


def test_student_version_removes_hidden_tests_outputs_and_marks_itself():
    solution = _notebook(SOLUTION_CELL, TEST_CELL, "### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS")
    student = student_version(solution, "en")
    assert student.cells[2].source == "report = check(double)"
    assert len(student.cells) == 3, "a cell that held only hidden tests is dropped"
    assert all(c.outputs == [] and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert student.metadata["cnnlab"]["version"] == "student"
    assert solution.cells[1].outputs, "the solution itself is not modified"


def test_unclosed_marker_is_an_error():
    with pytest.raises(MarkerError, match="never closed"):
        student_version(_notebook("def f():\n    ### BEGIN SOLUTION\n    return 1"), "en")


def test_code_comparison_ignores_comments_and_display_strings_only():
    zh = 'print("输出形状", y.shape)  # 形状\nlesson = start("02", lang="zh")'
    en = 'print("output shape", y.shape)  # shape\nlesson = start("02", lang="en")'
    assert code_tokens(zh) == code_tokens(en)
    assert code_tokens("x = conv(3, 96)") != code_tokens("x = conv(3, 95)")
    assert code_tokens("x = f(a)") != code_tokens("x = g(a)")
    assert code_tokens('print(f"{n} 个")') == code_tokens('print(f"{n} items")')


@pytest.mark.slow  # checks or builds the whole course
def test_the_course_is_consistent():
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # checks or builds the whole course
def test_build_of_the_committed_course_changes_nothing(tmp_path):
    """What `cnnlab build` writes equals the committed lessons/ (run on a scratch copy)."""
    copy_course(tmp_path)
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 file(s) changed" in result.stdout, result.stdout


@pytest.mark.slow  # checks or builds the whole course
def test_build_regenerates_a_deleted_lesson(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = lesson.path(tmp_path, "lessons", "zh")
    committed = path.read_text(encoding="utf-8")
    path.unlink()
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0 and path.read_text(encoding="utf-8") == committed


# ---- each invariant, broken on purpose in a scratch copy, is reported ----

def _first_lesson(root):
    manifest = load_manifest(root)
    return manifest, manifest.lessons[0]


def _problems(root):
    return [str(p) for p in check(load_manifest(root))]


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_a_solution_the_build_refuses_instead_of_crashing(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = lesson.path(tmp_path, "solutions", "en")
    nb = read_notebook(path)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.source += "\n### BEGIN SOLUTION\nleft_open = 1"          # a region that is never closed
    write_pair(nb, path)
    problems = _problems(tmp_path)
    built = [p for p in problems if f"solutions/en/{lesson.stem}.ipynb: `cnnlab build` cannot make" in p]
    assert len(built) == 1 and "BEGIN SOLUTION" in built[0], problems


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_a_missing_language(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    lesson.path(tmp_path, "lessons", "en").unlink()
    problems = _problems(tmp_path)
    assert any(f"lessons/en/{lesson.stem}.ipynb: missing" in p and "cnnlab build" in p for p in problems)


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_a_pair_out_of_sync(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    py = lesson.path(tmp_path, "solutions", "zh", ".py")
    py.write_text(py.read_text(encoding="utf-8") + "\n# %%\nprint('added only to the script')\n", encoding="utf-8")
    problems = _problems(tmp_path)
    assert any(f"solutions/zh/{lesson.stem}.py: out of sync" in p and "jupytext --sync" in p for p in problems)


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_a_hand_edited_student_lesson(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = lesson.path(tmp_path, "lessons", "zh")
    nb = read_notebook(path)
    nb.cells[-1].source += "\n# edited by hand"
    write_pair(nb, path)
    problems = _problems(tmp_path)
    assert any(f"lessons/zh/{lesson.stem}.ipynb: differs from what `cnnlab build` writes" in p for p in problems)


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_code_that_differs_between_languages(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = lesson.path(tmp_path, "solutions", "en")
    nb = read_notebook(path)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "import" in c.source)
    cell.source += "\nextra_name = 1"
    write_pair(nb, path)
    problems = _problems(tmp_path)
    assert any("differs from the zh solution" in p for p in problems), problems


@pytest.mark.slow  # checks or builds the whole course
def test_check_allows_translated_comments(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    for lang in ("en",):
        path = lesson.path(tmp_path, "solutions", lang)
        nb = read_notebook(path)
        cell = next(c for c in nb.cells if c.cell_type == "code")
        cell.source = "# a translated comment\n" + cell.source
        write_pair(nb, path)
    assert not any("differs from the zh solution" in p for p in _problems(tmp_path))


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_a_missing_kernelspec(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = lesson.path(tmp_path, "lessons", "en")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["metadata"]["kernelspec"]
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = _problems(tmp_path)
    assert any(f"lessons/en/{lesson.stem}.ipynb: no python3 kernelspec" in p for p in problems)


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_an_unlisted_notebook(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    extra = tmp_path / "solutions" / "zh" / "99_extra.ipynb"
    extra.write_text(lesson.path(tmp_path, "solutions", "zh").read_text(encoding="utf-8"), encoding="utf-8")
    assert any("99_extra.ipynb: not a lesson" in p for p in _problems(tmp_path))


@pytest.mark.slow  # checks or builds the whole course
def test_check_exit_code_and_listing_via_cli(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    before = len(check(load_manifest(tmp_path)))     # what the committed course has left to fix
    lesson.path(tmp_path, "lessons", "zh", ".py").unlink()
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert f"lessons/zh/{lesson.stem}.py: missing" in result.stdout
    assert f"{before + 1} problem(s)" in result.stdout


@pytest.mark.slow  # checks or builds the whole course
def test_check_reports_an_exercise_without_tagged_cells(tmp_path):
    manifest, lesson = _first_lesson(copy_course(tmp_path))
    path = tmp_path / "course" / "manifest.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "[[lesson.exercise]]", '[[lesson.exercise]]\nid = "ghost"\nkind = "numeric"\npoints = 1\n[[lesson.exercise]]', 1),
        encoding="utf-8")
    problems = _problems(tmp_path)
    assert any("exercise 'ghost' has no cell tagged 'exercise:ghost'" in p for p in problems), problems


# ---- the problems speak the course language (say()): English as before, zh without English prose ----

# Latin words a zh problem may show besides code, paths and flags: tools, formats, markers, cell ids and the
# subcommand inside `cnnlab execute --full NN`
ZH_ALLOWED = {"python3", "Markdown", "nbval", "parity-ignore:"} | {f"cell-{n:03d}" for n in range(200)}


def _break_in_several_ways(root):
    """Break a copy of the course; return the English lines `cnnlab check` has always printed for it."""
    manifest, first = _first_lesson(root)
    second = manifest.lessons[1]
    first.path(root, "lessons", "en").unlink()
    py = first.path(root, "solutions", "zh", ".py")
    py.write_text(py.read_text(encoding="utf-8") + "\n# %%\nprint('added only to the script')\n", encoding="utf-8")
    nb = read_notebook(first.path(root, "solutions", "en"))
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.source += "\nextra_name = 1"
    write_pair(nb, first.path(root, "solutions", "en"))
    (root / "solutions" / "zh" / "99_extra.ipynb").write_bytes(first.path(root, "solutions", "zh").read_bytes())
    zh, en = (read_notebook(second.path(root, "solutions", lang)) for lang in ("zh", "en"))
    n = len(zh.cells)
    zh.cells += [nbformat.v4.new_markdown_cell("这是一句\n被断开的话。"),
                 nbformat.v4.new_code_cell("x = 1", outputs=[nbformat.v4.new_output("stream", text="✗ 练习 f：还不对\n")])]
    en.cells += [nbformat.v4.new_markdown_cell("A sentence with 12 numbers."), nbformat.v4.new_code_cell("x = 1")]
    zh.metadata.cnnlab["mode"] = "quick"
    write_pair(zh, second.path(root, "solutions", "zh"))
    write_pair(en, second.path(root, "solutions", "en"))
    one, two = f"solutions/zh/{first.stem}", f"solutions/zh/{second.stem}.ipynb"
    md, code = f"cell {n} (id cell-{n:03d})", f"cell {n + 1} (id cell-{n + 1:03d})"
    return [
        f"lessons/en/{first.stem}.ipynb: missing — fix: run `cnnlab build`",
        "solutions/zh/99_extra.ipynb: not a lesson in course/manifest.toml — fix: add the lesson to the manifest "
        "or delete the file",
        f"{one}.py: out of sync with {first.stem}.ipynb — fix: run `jupytext --sync {one}.py` (the newer file wins)",
        f"lessons/zh/{second.stem}.ipynb: differs from what `cnnlab build` writes — fix: edit solutions/, never "
        "lessons/, then run `cnnlab build`",
        f"solutions/en/{first.stem}.ipynb: code cell 0 ({cell.source.splitlines()[0]!r}) differs from the zh "
        "solution — fix: copy the code; only comments and display strings may differ",
        f"{two}: {code}: stored output shows a failed inline check: '✗ 练习 f：还不对' — fix: fix the answer "
        "(or the checker), then run `cnnlab execute` for this lesson",
        f"{two}: {md}: line break inside a Chinese sentence, shown as a space: '…这是一句⏎被断开的话。…' — fix: "
        "join the two lines (break Chinese lines only between sentences that are separate paragraphs)",
        f"{two}: zh {md} / en {md}: numbers differ (en only: 12) — fix: make both languages state the same "
        "numbers, formulas and headings (a number that must differ, like a book edition's section number, goes "
        "in a <!-- parity-ignore: … --> comment)",
        f"{two}: stored outputs come from quick mode, not full mode — fix: run `cnnlab execute --full NN` for "
        "this lesson (minutes; full data and epochs)",
    ]


@pytest.mark.slow  # checks the whole course twice
def test_check_speaks_english_as_before_and_chinese_without_english_prose(tmp_path, lang, monkeypatch):
    expected = _break_in_several_ways(copy_course(tmp_path))
    lang("en")
    english = _problems(tmp_path)
    assert [line for line in expected if line not in english] == [], english
    monkeypatch.setenv("CNNLAB_LANG", "zh")
    result = run_cli("check", cwd=tmp_path)
    *chinese, summary = result.stdout.splitlines()
    assert result.returncode == 1 and summary == f"cnnlab check：{len(english)} 个问题", result.stdout
    assert [line.split("：")[0] for line in chinese] == [line.split(": ")[0] for line in english]
    for line in chinese:
        assert " —— 修复：" in line and latin_words(line, ZH_ALLOWED) == [], line
