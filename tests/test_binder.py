"""The repo2docker configurations agree with the project: binder/ and the release's binder/.

repo2docker builds an image from apt.txt, then requirements.txt, then postBuild.
The authoring repository's binder/ builds an image for authors (solutions
included); the student image that BinderHub, Zero to JupyterHub or The Littlest
JupyterHub serve to a class is built from the student release, whose binder/
``cnnlab release`` writes from this one (same pins, cnnlab installed from the
release, not editable; tests/test_release.py runs its postBuild in a fresh venv).
These tests check both without the network: every runtime dependency is
installed, torch is the pinned CPU build, the apt packages exist, and the
authoring postBuild builds the lessons in a fresh virtual environment.
"""

import ast
import importlib.metadata as metadata
import os
import re
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from cnnlab.tools.pipeline.release.student_files import binder_files
from tests.helpers import ROOT, copy_course, needs_apt_cache, needs_cjk_font

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

BINDER = ROOT / "binder"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCAL = {".", "-e .", "-e.", "--editable ."}


def requirement_lines():
    """The lines of binder/requirements.txt, comments and blanks removed."""
    lines = (line.split(" #")[0].strip() for line in (BINDER / "requirements.txt").read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def binder_requirements():
    return [Requirement(line) for line in requirement_lines() if not line.startswith("-") and line not in LOCAL]


def project_requirements():
    return [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]


def test_requirements_install_the_project_itself():
    # `-e .` is what brings in every dependency of pyproject.toml (repo2docker reads only binder/).
    assert LOCAL & set(requirement_lines()), "binder/requirements.txt must install the project (-e .)"


def test_torch_is_the_pinned_cpu_build():
    torch = [r for r in binder_requirements() if canonicalize_name(r.name) == "torch"]
    assert len(torch) == 1 and len(torch[0].specifier) == 1
    pin = next(iter(torch[0].specifier))
    assert pin.operator == "==" and pin.version.endswith("+cpu"), "pin the CPU build: torch==X.Y.Z+cpu"
    assert any(line.startswith(("--extra-index-url", "--index-url")) and line.rstrip("/").endswith("/whl/cpu")
               for line in requirement_lines()), "the CPU wheels come from PyTorch's CPU index"
    project_torch = next(r for r in project_requirements() if r.name == "torch")
    assert project_torch.specifier.contains(pin.version), f"{pin} does not satisfy pyproject's {project_torch}"
    ci_pin = re.search(r"torch==([\w.]+)", (ROOT / ".ci" / "install").read_text()).group(1)
    assert pin.version.split("+")[0] == ci_pin, "binder and .ci/install pin the same torch"


def test_pins_agree_with_pyproject():
    declared = {canonicalize_name(r.name): r for r in project_requirements()}
    for requirement in binder_requirements():
        ours = declared.get(canonicalize_name(requirement.name))
        for spec in requirement.specifier:
            if spec.operator == "==" and ours is not None:
                assert ours.specifier.contains(spec.version), f"{requirement} conflicts with {ours}"


def _imported_modules():
    """Top-level third-party modules that cnnlab's own code imports."""
    found = set()
    for path in (ROOT / "cnnlab").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "cnnlab"}


def _closure(requirements):
    """Canonical names of the requirements and, recursively, of what they require (as installed)."""
    seen, todo = set(), [r for r in requirements if r.marker is None or r.marker.evaluate()]
    while todo:
        name = canonicalize_name(todo.pop().name)
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [r for r in map(Requirement, requires) if r.marker is None or r.marker.evaluate({"extra": ""})]
    return seen


def test_every_imported_package_is_a_runtime_dependency():
    # What cnnlab imports must come with `pip install -e .` (pyproject) or binder/requirements.txt.
    installed = _closure(project_requirements() + binder_requirements())
    distributions = metadata.packages_distributions()
    missing = {}
    for module in sorted(_imported_modules()):
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        if names and not names & installed:
            missing[module] = sorted(names)
    assert missing == {}, f"declare these in pyproject.toml [project] dependencies: {missing}"


@needs_apt_cache
def test_apt_packages_have_an_install_candidate():
    packages = [line.strip() for line in (BINDER / "apt.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    # The runtime packages of .ci/install (not its build, test and grading tools) must be in apt.txt.
    ci = re.search(r"APT_PACKAGES=\(([^)]*)\)", (ROOT / ".ci" / "install").read_text()).group(1).split()
    assert set(ci) - {"python3-venv", "chromium", "bubblewrap"} <= set(packages)
    assert {"dataset-fashion-mnist", "fonts-noto-cjk"} <= set(packages)
    policy = subprocess.run(["apt-cache", "policy", *packages], capture_output=True, text=True, timeout=60).stdout
    candidates = dict(re.findall(r"^(\S+):\n\s+Installed:.*\n\s+Candidate:\s*(\S+)", policy, re.M))
    for package in packages:
        assert candidates.get(package, "(none)") != "(none)", f"apt has no install candidate for {package}"


@pytest.mark.slow  # a fresh venv
@needs_cjk_font
def test_postbuild_builds_the_lessons_in_a_fresh_venv(tmp_path):
    repo = copy_course(tmp_path / "repo")
    for name in ("cnnlab", "binder"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, repo / name)
    shutil.rmtree(repo / "lessons")
    # A fresh venv. Nothing may be downloaded, so it sees the packages of the environment
    # running the tests (their folders listed in a .pth file: a venv-in-a-venv's
    # --system-site-packages would see the base interpreter's instead), but not their
    # .pth hooks, so the cnnlab installed there stays invisible. cnnlab is installed from
    # the copy exactly as requirements.txt says (its local line).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    outer = [p for p in site.getsitepackages() + [site.getusersitepackages()] if Path(p).is_dir()]
    (Path(purelib) / "_test_environment.pth").write_text("\n".join(outer) + "\n")
    local = next(line for line in requirement_lines() if line in LOCAL).split()
    clean = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}  # no other cnnlab
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                              "--no-build-isolation", *local], cwd=repo, env=clean, capture_output=True,
                             text=True, timeout=120)
    assert install.returncode == 0, install.stderr
    where = subprocess.run([str(python), "-c", "import cnnlab; print(cnnlab.__file__)"], cwd=tmp_path, env=clean,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(repo)), where

    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    result = subprocess.run(["bash", str(repo / "binder" / "postBuild")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("zh", "en"):
        for source in (ROOT / "lessons" / lang).iterdir():
            if source.suffix in (".ipynb", ".py"):
                built = repo / "lessons" / lang / source.name
                assert built.read_text(encoding="utf-8") == source.read_text(encoding="utf-8"), built
    assert "consistent" in result.stdout and "Noto Sans CJK" in result.stdout


def _lines(text):
    return [line.split(" #")[0].strip() for line in text.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_release_binder_has_the_same_pins_and_installs_the_release_not_editable():
    release = binder_files(ROOT)
    assert set(release) == {"binder/requirements.txt", "binder/postBuild", "binder/apt.txt", "binder/runtime.txt"}
    ours = _lines(release["binder/requirements.txt"])
    assert "." in ours and not [line for line in ours if line.startswith(("-e", "--editable"))]
    # Everything else is the authoring file's, line for line: the torch CPU pin and its index, nbgitpuller.
    assert [line for line in ours if line != "."] == [line for line in requirement_lines() if line not in LOCAL]
    for name in ("apt.txt", "runtime.txt"):
        assert release[f"binder/{name}"] == (BINDER / name).read_text(encoding="utf-8")


def test_release_postbuild_needs_no_solutions():
    post = binder_files(ROOT)["binder/postBuild"]
    assert post.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in post
    commands = [line.split()[0:2] for line in post.splitlines() if line and not line.startswith(("#", "set", "cd"))]
    assert commands == [["cnnlab", "lessons"], ["python", "-c"]]  # no build, no check: they read solutions/
