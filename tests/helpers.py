"""Small helpers shared by the tests: a scratch copy of the course, running the CLI."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_course(dest):
    """Copy what ``cnnlab check`` reads (manifest, solutions, lessons, jupytext.toml) to ``dest``."""
    for name in ("course", "solutions", "lessons"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "jupytext.toml", dest / "jupytext.toml")
    return dest


def run_cli(*args, cwd=ROOT, timeout=120):
    """Run ``python -m cnnlab.cli ARGS`` and return the CompletedProcess (text)."""
    return subprocess.run([sys.executable, "-m", "cnnlab.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
