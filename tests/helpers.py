"""Small helpers shared by the tests: marks for tests that need Debian packages, a scratch copy of the
course, running the CLI. (The reference networks several tests share are in ``tests/nets.py``.)"""

import io
import os
import logging
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- tests that need Debian packages
# .ci/install (and binder/apt.txt) install a few Debian packages: the data set, the CJK font, the
# browser, the sandbox. A test that needs one runs wherever what the package provides is present.
# Elsewhere it is skipped, with a reason that names the package (and says when this is not Debian,
# where the package does not exist) -- except under CI=true, where it never skips: it runs and
# fails, so a missing install step shows.
ON_CI = os.environ.get("CI") == "true"
ON_DEBIAN = Path("/etc/debian_version").exists()


def _apt_reason(package, what):
    if not ON_DEBIAN:
        return f"needs {what} from the Debian package {package}, and this is not Debian (no /etc/debian_version)"
    return f"needs {what}: apt-get install {package}"


def needs_apt(package, present, what="it"):
    """A pytest mark for a test that needs the Debian ``package`` (``present``: what it installs is here):
    skip with the reason, unless it is present or CI=true."""
    return pytest.mark.skipif(not ON_CI and not present, reason=_apt_reason(package, what))


def require_apt(package, present, what="it"):
    """The same, for a whole module before imports that need the package: skip it, or on CI fail at once."""
    if present:
        return
    if ON_CI:
        pytest.fail(f"CI=true but {what} is missing: .ci/install must install the Debian package {package}",
                    pytrace=False)
    pytest.skip(_apt_reason(package, what), allow_module_level=True)


def _has_cjk_font():
    from cnnlab import fonts
    return "Noto Sans CJK SC" in fonts.installed_cjk_fonts()


def _has_fashion_mnist():
    """The real Fashion-MNIST is in one of the folders cnnlab searches ($CNNLAB_DATA, the cache, Debian's)."""
    from cnnlab.data import sources
    spec = sources.FASHION_MNIST
    names = [name for split in ("train", "test") for name in spec.files(split)]
    return any(all((folder / name).is_file() for name in names) for _, folder in sources.search_path(spec))


def _has_fashion_mnist_package():
    from cnnlab.data import sources
    return sources.DEBIAN_FASHION_MNIST.is_dir()


needs_bwrap = needs_apt("bubblewrap", shutil.which("bwrap"), "bwrap (the grader's sandbox)")
needs_cjk_font = needs_apt("fonts-noto-cjk", _has_cjk_font(), "the font Noto Sans CJK SC")
needs_fashion_mnist_package = needs_apt("dataset-fashion-mnist", _has_fashion_mnist_package(),
                                        "Fashion-MNIST in /usr/share/datasets/fashion-mnist")
needs_fashion_mnist = needs_apt("dataset-fashion-mnist", _has_fashion_mnist(), "the real Fashion-MNIST")
needs_apt_cache = needs_apt("apt", shutil.which("apt-cache") and ON_DEBIAN, "apt-cache")


def copy_course(dest):
    """Copy what ``cnnlab check`` reads (manifest, solutions, lessons, jupytext.toml) to ``dest``."""
    for name in ("course", "solutions", "lessons"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "jupytext.toml", dest / "jupytext.toml")
    return dest


def run_cli(*args, cwd=ROOT, timeout=120):
    """Run ``python -m cnnlab.tools.cli ARGS`` and return the CompletedProcess (text)."""
    return subprocess.run([sys.executable, "-m", "cnnlab.tools.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def missing_glyphs(fig):
    """Render ``fig`` to PNG; return matplotlib's 'Glyph … missing from font' messages
    (it reports them as warnings or as log records, depending on the version)."""
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Collect()
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(io.BytesIO(), format="png")
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    return [m for m in [str(w.message) for w in caught] + records if "missing from font" in m]
