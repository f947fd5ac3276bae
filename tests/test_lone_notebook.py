"""Issue 22: a lesson runs wherever a student opens it — a lone notebook in an empty folder, with
cnnlab installed from the release (not editable), or on a hosted notebook service where its first
cell installs cnnlab.

One release is built (with ``--repo-url`` pointing at a wheel of it, which stands in for the
student repository) and used twice:

* installed with ``pip install .`` in a fresh venv (``tests.test_release.student_environment``):
  zh 04 and en 08 run alone in empty folders in quick mode, with no error output; the first cell
  is silent there; ``cnnlab lessons --markdown``, ``--help``, ``doctor`` and ``progress`` work.
* a fresh venv *without* cnnlab: the lesson's first cell installs the wheel, then the lesson runs.

Nothing is downloaded: the venvs see the test environment's packages through a ``.pth`` file
and pip runs with ``--no-index`` (``PIP_NO_INDEX``).
"""

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest

from cnnlab.manifest import RELEASE_MARKER
from tests.helpers import ROOT, course_manifest, run_cli
from tests.test_release import _quick_check, _student_kernels, student_environment

pytestmark = pytest.mark.slow

MANIFEST = course_manifest()
UNANSWERED = {"zh": "还没有作答", "en": "not answered yet"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(release folder, wheel): a release whose --repo-url is the wheel built from it."""
    base = tmp_path_factory.mktemp("hosted")
    wheels = base / "wheels"
    import cnnlab
    wheel = wheels / f"cnnlab-{cnnlab.__version__}-py3-none-any.whl"     # the name pip gives it
    out = base / "student"
    result = run_cli("release", str(out), "--repo-url", str(wheel))
    assert result.returncode == 0, result.stdout + result.stderr
    made = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index",
                           "--no-build-isolation", "-w", str(wheels), "."], cwd=out, capture_output=True,
                          text=True, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    assert wheel.is_file(), sorted(p.name for p in wheels.iterdir())
    return out, wheel


@pytest.fixture(scope="module")
def student(built, tmp_path_factory):
    env = student_environment(built[0], tmp_path_factory.mktemp("student"))
    env["env"]["PIP_NO_INDEX"] = "1"
    return env


def bare_environment(home):
    """A fresh venv that sees the test environment's packages (torch, jupyter …) but no cnnlab."""
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    (purelib / "_outer_environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_CACHE_HOME": str(home / "cache"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "CNNLAB_QUICK": "1", "OMP_NUM_THREADS": "1", "PIP_NO_INDEX": "1"}
    return {"python": python, "venv": venv, "purelib": purelib, "env": env, "home": home}


def run_alone(environment, notebook, folder, extra=()):
    """Copy ``notebook`` alone into the empty ``folder`` and run it there with the venv's python,
    ``extra`` code cells appended; return the executed notebook."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from cnnlab.tools.kernelclient import SteadyNotebookClient
    folder.mkdir(parents=True)
    path = folder / notebook.name
    shutil.copy(notebook, path)
    nb = nbformat.read(path, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra]
    specs = KernelSpecManager(kernel_dirs=[str(_student_kernels(environment))], ensure_native_kernel=False)
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    try:
        SteadyNotebookClient(nb, km=kernel, timeout=600, allow_errors=True,
                             resources={"metadata": {"path": str(folder)}}).execute()
    finally:     # a client given km= leaves the kernel running: it is ours to stop
        if kernel.has_kernel:
            kernel.shutdown_kernel(now=True)
    return nb


def problems(nb):
    """Error outputs and anything written to stderr, cell by cell."""
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.output_type == "error":
                found.append((index, out.get("ename"), out.get("evalue")))
            elif out.output_type == "stream" and out.get("name") == "stderr":
                found.append((index, "stderr", out.get("text", "")[:300]))
    return found


def text_of(nb):
    return "\n".join(out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
                     for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)


def cnnlab_command(environment, *args, cwd):
    return subprocess.run([str(environment["venv"] / "bin" / "cnnlab"), *args], cwd=cwd, env=environment["env"],
                          capture_output=True, text=True, timeout=300)


# --- the release records the student repository -------------------------------------------

def test_each_lesson_starts_with_the_bootstrap_cell_and_the_readme_links_nothing_for_a_wheel(built):
    out, wheel = built
    assert json.loads((out / RELEASE_MARKER).read_text())["repo_url"] == str(wheel)
    for lesson in MANIFEST.lessons:
        for lang in ("zh", "en"):
            nb = nbformat.read(out / "lessons" / lang / f"{lesson.stem}.ipynb", as_version=4)
            codes = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
            assert "cnnlab-bootstrap" in codes[0].metadata.get("tags", []) and str(wheel) in codes[0].source
            assert "start_lesson(" in codes[1].source
    assert "colab.research.google.com" not in (out / "README.md").read_text()   # a wheel is no GitHub repository
    assert (out / "cnnlab" / "course_manifest.toml").read_text() == (ROOT / "course" / "manifest.toml").read_text()


# --- installed from the release, a notebook alone in an empty folder ------------------------

@pytest.mark.parametrize("lang, stem", [("zh", "04_receptive_field"), ("en", "08_lenet")])
def test_a_lesson_runs_alone_in_an_empty_folder(student, lang, stem):
    folder = student["home"] / f"alone-{lang}-{stem}"
    notebook = student["checkout"] / "lessons" / lang / f"{stem}.ipynb"
    lesson = MANIFEST.lesson(stem)
    exercise = next(e.id for e in lesson.exercises if e.kind == "numeric")
    call, _, _ = _quick_check(notebook, exercise)
    _, answer, _ = _quick_check(lesson.path(ROOT, "solutions", lang), exercise)
    nb = run_alone(student, notebook, folder, [f"print('RIGHT:', {call}.check({str(answer)!r}))"])
    assert problems(nb) == []
    text = text_of(nb)
    assert {"zh": f"第 {lesson.number:02d} 课", "en": f"Lesson {lesson.number:02d}"}[lang] in text
    assert UNANSWERED[lang] in text
    bootstrap = next(c for c in nb.cells if "cnnlab-bootstrap" in c.metadata.get("tags", []))
    assert bootstrap.outputs == []                                     # cnnlab is there: silent
    # The quick check records beside the notebook, and progress reads it there.
    answers = json.loads((folder / f"{stem}.answers.json").read_text())
    assert [(r["exercise"], r["status"]) for r in answers["records"]] == [(exercise, "correct")]
    progress = cnnlab_command(student, "progress", ".", cwd=folder)
    assert progress.returncode == 0, progress.stderr
    assert "✓ right 1," in progress.stdout and f"✓ {exercise}" in progress.stdout, progress.stdout


def test_student_commands_work_outside_the_course_folder(student):
    away = student["home"] / "elsewhere"
    away.mkdir()
    table = cnnlab_command(student, "lessons", "--markdown", cwd=away)
    assert table.returncode == 0 and "Traceback" not in table.stderr, table.stderr
    assert table.stdout.count("\n| ") == len(MANIFEST.lessons) and MANIFEST.lessons[-1].title["en"] in table.stdout
    usage = cnnlab_command(student, "--help", cwd=away)
    listed = usage.stdout.split("{", 1)[1].split("}", 1)[0].split(",")
    assert sorted(listed) == ["doctor", "lab", "lessons", "progress"], usage.stdout
    build = cnnlab_command(student, "build", cwd=student["checkout"])
    assert build.returncode == 2 and "authoring repository" in build.stderr and "Traceback" not in build.stderr
    for lang, ok in (("en", "All good"), ("zh", "全部正常")):
        doctor = cnnlab_command(student, "doctor", "--lang", lang, cwd=away)
        assert "Traceback" not in doctor.stderr, doctor.stderr
        assert "PyTorch" in doctor.stdout and "Fashion-MNIST" in doctor.stdout
        assert {"en": "lesson list: installed with the package", "zh": "课程清单：随程序包安装"}[lang] in doctor.stdout
        assert (ok in doctor.stdout) == (doctor.returncode == 0), doctor.stdout


# --- a hosted notebook service: no cnnlab until the first cell installs it ------------------

def test_the_first_cell_installs_cnnlab_where_it_is_missing(built, tmp_path):
    bare = bare_environment(tmp_path)
    missing = subprocess.run([str(bare["python"]), "-c", "import cnnlab"], cwd=tmp_path, env=bare["env"],
                             capture_output=True)
    assert missing.returncode != 0                                   # the service has no cnnlab
    out, _wheel = built
    nb = run_alone(bare, out / "lessons" / "en" / "02_convolution.ipynb", tmp_path / "service")
    assert [p for p in problems(nb) if p[1] != "stderr"] == []
    assert "Lesson 02" in text_of(nb) and UNANSWERED["en"] in text_of(nb)
    where = subprocess.run([str(bare["python"]), "-c", "import cnnlab; print(cnnlab.__file__)"], cwd=tmp_path,
                           env=bare["env"], capture_output=True, text=True)
    assert Path(where.stdout.strip()).is_relative_to(bare["purelib"])   # installed into the service's venv
