"""`cnnlab release OUT_DIR`: the course as students receive it.

One release is built per test module (by the real command) and installed once,
non-editable, into a fresh virtual environment. Nothing is downloaded: the venv
sees the packages of the interpreter running the tests through one ``.pth`` file
(their folder only; their own ``.pth`` hooks, such as the editable install of the
authoring cnnlab, are not run), and cnnlab itself comes from the release.
"""

import ast
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from cnnlab.manifest import RELEASE_MARKER
from cnnlab.exercises.spec import quick_check_calls
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline import release as rel
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import ROOT, copy_repository, course_manifest, needs_cjk_font, quick_check_fields, run_cli

pytestmark = pytest.mark.slow  # builds a release; some tests install it in a venv

STUDENT_LESSONS = {f"lessons/{lang}/{lesson.stem}.ipynb" for lesson in course_manifest().lessons for lang in LANGUAGES}


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "student"
    result = run_cli("release", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def needles(manifest):
    return rel.solution_texts(manifest)


def _files(folder):
    """``{relative path: bytes}`` of every file under ``folder``, read here (not by the code under test)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- what is in the release -----------------------------------------------------------------

def test_the_release_holds_what_students_need_and_nothing_else(release, manifest):
    files = set(_files(release))
    assert {name for name in files if name.startswith("lessons/")} == STUDENT_LESSONS  # notebooks only
    assert {".gitignore", "README.md", "pyproject.toml", RELEASE_MARKER, "course/manifest.toml",
            "binder/requirements.txt", "binder/apt.txt", "binder/postBuild", "cnnlab/__init__.py",
            "cnnlab/tools/cli.py", "cnnlab/tools/lab.py", "cnnlab/exercises/widgets.py"} <= files
    tops = {name.split("/")[0] for name in files}
    assert tops == {".gitignore", "README.md", "pyproject.toml", RELEASE_MARKER, "course", "lessons", "binder",
                    "cnnlab"}, tops
    assert not [n for n in files if n.startswith(("cnnlab/tools/grading/", "course/instructor/"))]
    assert not [name for name in files if name.startswith(("cnnlab/tools/pipeline/", "cnnlab/tools/site/"))]
    assert "cnnlab/exercises/hide.py" in files and "cnnlab/exercises/progress.py" in files
    junk = [n for n in files if re.search(r"__pycache__|\.pyc$|\.egg-info|\.ipynb_checkpoints|answers\.json", n)]
    assert junk == []
    ignored = (release / ".gitignore").read_text().splitlines()
    assert {"__pycache__/", "*.egg-info/", "build/", ".ipynb_checkpoints/"} <= set(ignored)
    assert "*.answers.json" not in ignored  # students hand their answers files in, e.g. by git push
    assert os.access(release / "binder" / "postBuild", os.X_OK)
    marker = json.loads((release / RELEASE_MARKER).read_text())
    assert marker["format"] == rel.FORMAT and marker["lessons"] == [l.stem for l in manifest.lessons]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", marker["created"])


def test_release_notebooks_are_the_built_student_lessons_without_jupytext(release):
    # Same cells as lessons/ (which test_student_notebooks runs, unanswered, one by one).
    for name in STUDENT_LESSONS:
        shipped = nbformat.read(release / name, as_version=4)
        built = read_notebook(ROOT / name)
        assert [(c.cell_type, c.source) for c in shipped.cells] == [(c.cell_type, c.source) for c in built.cells]
        assert "jupytext" not in shipped.metadata and shipped.metadata["cnnlab"]["version"] == "student"
        assert all(not c.get("outputs") for c in shipped.cells if c.cell_type == "code")


def test_student_readme_has_the_two_commands_in_both_languages(release, manifest):
    text = (release / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"```bash\n(.*?)```", text, re.S).group(1)
    assert [line.split("#")[0].strip() for line in commands.strip().splitlines()] == [
        "python -m pip install .", "cnnlab lab --lang zh"]
    assert "安装" in text and "install" in text and manifest.lessons[-1].title["zh"] in text
    assert "solution" not in text.lower() and "答案" not in text


def test_release_binder_builds_the_image_from_the_release(release):
    lines = [l.strip() for l in (release / "binder" / "requirements.txt").read_text().splitlines()
             if l.strip() and not l.startswith("#")]
    assert "." in lines and "-e ." not in lines  # cnnlab from this folder, not editable
    assert any(re.fullmatch(r"torch==[\d.]+\+cpu", l) for l in lines)
    post = (release / "binder" / "postBuild").read_text()
    assert "cnnlab build" not in post and "cnnlab check" not in post and "solutions" not in post
    assert "cnnlab lessons" in post


# --- no solution text -----------------------------------------------------------------------

def test_solution_texts_cover_every_lesson_in_both_languages(needles, manifest):
    kinds = {}
    for needle in needles:
        kinds.setdefault((needle.lesson, needle.lang), set()).add(needle.kind)
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            if any(e.kind == "code" for e in lesson.exercises):
                assert "solution" in kinds.get((lesson.stem, lang), set()), (lesson.stem, lang)
            if any(e.kind != "code" for e in lesson.exercises):
                assert "explanation" in kinds.get((lesson.stem, lang), set()), (lesson.stem, lang)
    assert sum(n.kind == "hidden test" for n in needles) >= 20
    assert all(len(n.text) >= rel.MIN_CHARS and n.text == " ".join(n.text.split()) for n in needles)


def test_no_solution_body_hidden_test_or_explanation_anywhere_in_the_release(release, needles):
    leaks = rel.find_leaks(_files(release), needles)
    assert leaks == [], [f"{name}: {n.lesson} [{n.lang}] {n.kind}: {n.text}" for name, n in leaks[:10]]


def test_the_search_finds_planted_solution_text(release, needles, tmp_path):
    # The same search must fail on a release that leaks: plant one needle of each kind.
    planted = tmp_path / "leaky"
    shutil.copytree(release, planted)
    pick = {kind: next(n for n in needles if n.kind == kind and n.lang == lang)
            for kind, lang in (("solution", "en"), ("hidden test", "zh"), ("explanation", "zh"))}
    notebook = planted / "lessons" / "en" / "02_convolution.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[-1].source += "\n    " + pick["solution"].text.replace(" ", "  ")  # other whitespace, JSON-escaped
    nbformat.write(nb, notebook)
    with open(planted / "cnnlab" / "arith.py", "a", encoding="utf-8") as module:
        module.write(f"\n# {pick['hidden test'].text}\n")
    (planted / "course" / "glossary.md").write_text(pick["explanation"].text, encoding="utf-8")
    # An explanation literal copied as written, over two source lines, as in a solution.
    written = next(n for n in needles if n.kind == "explanation" and n.text.startswith('"') and '" "' in n.text)
    tour = planted / "lessons" / "zh" / "00_tour.ipynb"
    nb = nbformat.read(tour, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("x = (" + written.text.replace('" "', '"\n     "', 1) + ")"))
    nbformat.write(nb, tour)
    found = {(name, needle) for name, needle in rel.find_leaks(_files(planted), needles)}
    assert ("lessons/en/02_convolution.ipynb", pick["solution"]) in found
    assert ("cnnlab/arith.py", pick["hidden test"]) in found
    assert ("course/glossary.md", pick["explanation"]) in found
    assert ("lessons/zh/00_tour.ipynb", written) in found


def test_a_release_that_would_leak_is_refused(monkeypatch, manifest):
    # Student versions left unchanged (the solutions themselves): the build-time search refuses.
    import cnnlab.tools.pipeline.build as build
    monkeypatch.setattr(build, "student_notebook",
                        lambda manifest, lesson, lang: read_notebook(lesson.path(manifest.root, "solutions", lang)))
    with pytest.raises(rel.ReleaseError, match="solution text found in the release"):
        rel.release_files(manifest)


def test_a_release_that_names_the_authors_notes_is_refused(monkeypatch, manifest):
    monkeypatch.setattr(rel, "readme_text", lambda manifest, **options: "# cnnlab\n\n见课程笔记 001 的例子。\n")
    with pytest.raises(rel.ReleaseError, match="names the authors' notes"):
        rel.release_files(manifest)


def test_the_release_names_no_notes_and_ships_no_author_tools(release):
    assert rel.notes_mentions(rel.folder_files(release)) == []
    shipped = {p.relative_to(release).as_posix() for p in release.rglob("*.py")}
    assert not [p for p in shipped if p.startswith(("cnnlab/tools/grading/", "cnnlab/tools/pipeline/", "cnnlab/tools/site/"))]


@pytest.mark.parametrize("relative, source, expected", [
    ("cnnlab/exercises/code.py", "from cnnlab.tools.grading.guard import wrap", {"cnnlab.tools.grading"}),
    ("cnnlab/exercises/code.py", "from ..tools.grading import kernel", {"cnnlab.tools.grading"}),
    ("cnnlab/__init__.py", "from .tools import grading", {"cnnlab.tools.grading"}),
    ("cnnlab/train.py", "def f():\n    import cnnlab.tools.grading.batch", {"cnnlab.tools.grading"}),
    ("cnnlab/exercises/code.py", "from . import spec\nfrom cnnlab.exercises import hide", set()),
    ("cnnlab/ops/conv.py", "from ..exercises import limits\nimport cnnlab.gradings_other", set()),
    ("cnnlab/train.py", "from cnnlab.tools.pipeline import release", {"cnnlab.tools.pipeline"}),
    ("cnnlab/viz/explorer.py", "from ..tools.pipeline import build, steps", {"cnnlab.tools.pipeline"}),
    ("cnnlab/viz/explorer.py", "from ..tools.site import build_site", {"cnnlab.tools.site"}),
    ("cnnlab/viz/explorer.py", "from ..pipelines_other import x", set()),
])
def test_imports_of_the_left_out_grader_are_found(relative, source, expected):
    assert rel.imports_of_left_out(relative, source) == expected


def test_a_shipped_module_that_imports_the_grader_stops_the_release():
    with pytest.raises(rel.ReleaseError, match=r"cnnlab/exercises/code\.py → cnnlab\.tools\.grading"):
        rel.check_package({"cnnlab/exercises/code.py": b"from cnnlab.tools.grading.guard import wrap\n",
                           "cnnlab/tools/cli.py": b"def grade():\n    from cnnlab.tools.grading.batch import grade_batch\n"})


def test_mentions_of_the_authors_notes_are_found():
    files = {"a.ipynb": "see course note 001 for this", "b.md": "课程笔记 003 写道", "c.py": b"# from shared/seeds/",
             "d.md": "在笔记 004 中", "e.md": "每个笔记本都能运行；Jupyter notebooks; notes on padding"}
    assert sorted(name for name, _ in rel.notes_mentions(files)) == ["a.ipynb", "b.md", "c.py", "d.md"]


# --- bad input ------------------------------------------------------------------------------

def test_an_out_dir_that_is_not_a_release_is_left_alone(tmp_path):
    out = tmp_path / "my-project"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = run_cli("release", str(out))
    assert result.returncode == 2
    assert str(out) in result.stderr and "not a previous release" in result.stderr and "不是以前生成的学生版" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(out) == {"notes.txt": b"mine"} and sorted(p.name for p in tmp_path.iterdir()) == ["my-project"]
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    result = run_cli("release", str(a_file))
    assert result.returncode == 2 and "not a folder" in result.stderr and a_file.read_text() == "x"


def test_a_previous_release_is_replaced_and_its_git_folder_kept(release, tmp_path):
    out = tmp_path / "student-repo"
    shutil.copytree(release, out)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "lessons" / "zh" / "99_old.ipynb").write_text("{}")
    result = run_cli("release", str(out))
    assert result.returncode == 0, result.stderr
    files = _files(out)
    assert "lessons/zh/99_old.ipynb" not in files and files[".git/HEAD"] == b"ref: refs/heads/main\n"
    assert {n for n in files if n.startswith("lessons/")} == STUDENT_LESSONS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["student-repo"]  # no staging folder left


def test_a_lesson_that_fails_to_build_writes_no_release(release, tmp_path):
    course = copy_repository(tmp_path / "course")
    broken = course / "solutions" / "en" / "05_channels.ipynb"
    nb = nbformat.read(broken, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "### END SOLUTION" in c.source)
    cell.source = cell.source.replace("### END SOLUTION", "", 1)  # a region that is never closed
    nbformat.write(nb, broken)
    previous = tmp_path / "out" / "student"
    shutil.copytree(release, previous)
    before = _files(previous)
    for out in (previous, tmp_path / "out" / "new"):
        result = run_cli("--root", str(course), "release", str(out))
        assert result.returncode == 2 and "05_channels [en]" in result.stderr and "Nothing was written" in result.stderr
    assert _files(previous) == before  # the previous release is untouched
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["student"]


def test_author_commands_refuse_to_run_in_the_release(release, manifest):
    result = run_cli("build", cwd=release)
    assert result.returncode == 2 and "authoring repository" in result.stderr
    assert not (release / "lessons" / "en" / "00_tour.py").exists()
    listed = run_cli("lessons", cwd=release)
    assert listed.returncode == 0 and manifest.lessons[0].stem in listed.stdout


# --- installed in a fresh venv, outside the authoring repository ----------------------------

def student_environment(release, home):
    """A student's checkout of ``release`` in ``home``, cnnlab installed from it (not editable) into a
    fresh venv there; returns a dict: python, venv, checkout, purelib, env (to run things with), home.

    Nothing is downloaded: one ``.pth`` file gives the venv the site-packages of the interpreter
    running the tests (torch, jupyter …); PYTHONPATH is not passed on.
    """
    checkout = home / "course"
    shutil.copytree(release, checkout)
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "_outer_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(home / "cache"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "CNNLAB_QUICK": "1", "OMP_NUM_THREADS": "1"}  # no PYTHONPATH: the authoring checkout is out of sight
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                              "--no-build-isolation", "."], cwd=checkout, env=env, capture_output=True,
                             text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    return {"python": python, "venv": venv, "checkout": checkout, "purelib": purelib, "env": env, "home": home}


@pytest.fixture(scope="module")
def student(release, tmp_path_factory):
    return student_environment(release, tmp_path_factory.mktemp("student"))


def test_cnnlab_is_the_venv_own_copy_without_the_grader(student):
    code = ("import cnnlab, importlib.util; print(cnnlab.__file__); "
            "print(importlib.util.find_spec('cnnlab.tools.grading'), importlib.util.find_spec('cnnlab.tools.pipeline'))")
    where, grading, release = subprocess.run([str(student["python"]), "-c", code], cwd=student["home"],
                                             env=student["env"], capture_output=True, text=True,
                                             check=True).stdout.split()
    assert Path(where) == student["purelib"] / "cnnlab" / "__init__.py"
    assert grading == release == "None"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get_json(url, deadline=90):
    start = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, json.loads(response.read())
        except OSError:
            if time.monotonic() - start > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cnnlab_lab_opens_the_release(student, lang, manifest):
    port = _free_port()
    process = subprocess.Popen([str(student["venv"] / "bin" / "cnnlab"), "lab", "--lang", lang, "--no-browser",
                                "--port", str(port)], cwd=student["checkout"], env=student["env"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # cnnlab's URL line comes once the server answers, after the server's own log lines
        # (which show the URL too, with the token masked).
        url_line = r"(?:running at |已启动：)http://127\.0\.0\.1:(\d+)/lab/tree/(\S+)\?token=(\w+)"
        head, match = "", None
        while match is None:
            line = process.stdout.readline()
            assert line, head                       # EOF without the URL
            head += line
            match = re.search(url_line, line)
        assert match.group(2) == f"lessons/{lang}/{manifest.lessons[0].stem}.ipynb", head
        api = f"http://127.0.0.1:{port}/api/contents"
        status, folder = _get_json(f"{api}/lessons/{lang}?token={match.group(3)}")
        assert status == 200
        assert {item["path"] for item in folder["content"]} == {n for n in STUDENT_LESSONS if f"/{lang}/" in n}
        status, top = _get_json(f"{api}?token={match.group(3)}")
        assert status == 200 and "solutions" not in {item["name"] for item in top["content"]}
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=40)
    assert process.returncode == 0, output
    assert "authoring repository" not in output and "作者仓库" not in output


def _student_kernels(student):
    """A kernel-spec folder whose ``python3`` is the venv's interpreter, run with the student's environment."""
    folder = student["home"] / "kernels"
    spec = folder / "python3" / "kernel.json"
    if not spec.is_file():
        spec.parent.mkdir(parents=True)
        env = dict(student["env"], PYTHONPATH="")  # the spec's env is laid over this process's environment
        spec.write_text(json.dumps({"argv": [str(student["python"]), "-m", "ipykernel_launcher", "-f",
                                             "{connection_file}"],
                                    "display_name": "Python 3 (student venv)", "language": "python", "env": env}))
    return folder


def run_notebook(student, relative, extra=()):
    """Run the notebook ``relative`` of the student's checkout top to bottom (in its folder) with a
    kernel of the venv's python, ``extra`` code cells appended; assert no cell failed; return the
    text of every output (streams and text/plain)."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from cnnlab.tools.kernelclient import SteadyNotebookClient
    path = student["checkout"] / relative
    nb = nbformat.read(path, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    specs = KernelSpecManager(kernel_dirs=[str(_student_kernels(student))], ensure_native_kernel=False)
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    try:
        SteadyNotebookClient(nb, km=kernel, timeout=300, allow_errors=True,
                             resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:     # a client given km= leaves the kernel running: it is ours to stop
        if kernel.has_kernel:
            kernel.shutdown_kernel(now=True)
    errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert errors == [], errors
    return "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _quick_check(path, exercise):
    """The source of the quick-check call for ``exercise`` in a notebook, and its ``answer=`` and
    explanation if any (a solution's check with variants: those of its default variant)."""
    for cell in read_notebook(path).cells:
        if cell.cell_type == "code" and f"exercise:{exercise}" in cell.metadata.get("tags", []):
            for _kind, call in quick_check_calls(ast.parse(cell.source)):
                if ast.literal_eval(call.args[0]) == exercise:
                    answer = next((ast.literal_eval(k.value) for k in call.keywords if k.arg == "answer"), None)
                    explanation = next((ast.literal_eval(k.value) for k in call.keywords
                                        if k.arg == "explanation"), None)
                    if any(k.arg == "variants" and not isinstance(k.value, ast.Constant) for k in call.keywords):
                        [(_, _, fields)] = quick_check_fields(cell.source)   # the default variant (no id)
                        answer, explanation = fields["answer"], fields.get("explanation")
                    return ast.get_source_segment(cell.source, call), answer, explanation
    raise AssertionError(f"no quick check {exercise} in {path}")


def test_a_student_notebook_runs_and_its_widget_records_an_answer_in_the_venv(student, manifest):
    lesson = manifest.lessons[0]
    relative = f"lessons/zh/{lesson.stem}.ipynb"
    exercise = next(e.id for e in lesson.exercises if e.kind == "numeric")
    call, _, _ = _quick_check(student["checkout"] / relative, exercise)  # the release's widget: a key, no answer
    _, answer, explanation = _quick_check(lesson.path(ROOT, "solutions", "zh"), exercise)
    assert "answer=" not in call and "key=" in call
    probe = (f"_probe = {call}\n"
             f"print('WRONG:', _probe.check({str(answer + 1)!r}))\n"
             f"print('RIGHT:', _probe.check({str(answer)!r}))\n"
             "import cnnlab, sys\nprint('WHERE:', cnnlab.__file__, sys.executable)\n")
    text = run_notebook(student, relative, [probe])
    assert "还没有作答" in text  # unanswered exercises say so
    right = text.split("RIGHT:")[1].split("WHERE:")[0]
    assert " ".join(explanation.split()) in " ".join(right.split())  # the sealed explanation opened
    where = text.split("WHERE:")[1].split()
    assert Path(where[0]) == student["purelib"] / "cnnlab" / "__init__.py"
    assert Path(where[1]).parent == student["venv"] / "bin"
    answers = json.loads((student["checkout"] / "lessons" / "zh" / f"{lesson.stem}.answers.json").read_text())
    mine = [(r["status"], r["answer"]) for r in answers["records"] if r["exercise"] == exercise]
    assert mine == [("wrong", str(answer + 1)), ("correct", str(answer))]


def test_a_lesson_with_code_exercises_runs_unanswered_in_the_venv(student):
    text = run_notebook(student, "lessons/en/02_convolution.ipynb")
    assert "not answered yet" in text


@needs_cjk_font
def test_release_postbuild_runs_in_the_venv(student, manifest):
    # What repo2docker runs last in the student image: it needs nothing but the release.
    result = subprocess.run(["bash", str(student["checkout"] / "binder" / "postBuild")], cwd=student["home"],
                            env=student["env"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert manifest.lessons[-1].stem in result.stdout and "Noto Sans CJK" in result.stdout


def test_the_release_is_git_ready(release, tmp_path):
    # A student repository made from the release: build junk and lock files stay out, answers files go in.
    repo = tmp_path / "repo"
    shutil.copytree(release, repo)
    junk = ["build/lib/cnnlab/__init__.py", "cnnlab.egg-info/PKG-INFO", "cnnlab/__pycache__/cli.cpython-311.pyc",
            "lessons/zh/.ipynb_checkpoints/00_tour-checkpoint.ipynb", "lessons/zh/.00_tour.answers.json.lock",
            ".venv/bin/python"]
    for name in junk + ["lessons/zh/00_tour.answers.json"]:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True)
    staged = subprocess.run(git + ["diff", "--cached", "--name-only"], cwd=repo, capture_output=True, text=True,
                            check=True).stdout.split()
    assert set(staged) == set(_files(release)) | {"lessons/zh/00_tour.answers.json"}


def test_an_empty_clone_of_the_student_repository_takes_the_first_release(tmp_path, manifest):
    out = tmp_path / "cnnlab-student"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "config").write_text("[core]\n")
    rel.write_release(manifest, out)
    assert (out / ".git" / "config").read_text() == "[core]\n" and (out / RELEASE_MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cnnlab-student"]
