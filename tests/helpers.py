"""Everything the test files share: marks for tests that need Debian packages, the course manifest, a
scratch copy of the course, running the CLI, the import scanner and the reference networks.

(Fixtures are in ``tests/conftest.py``, as pytest requires; ``tests/grading_cases`` builds grading
submissions and ``tests/fixtures`` holds data files.)"""

import io
import os
import logging
import shutil
import subprocess
import sys
import ast
import functools
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn

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


@functools.cache
@functools.lru_cache(maxsize=None)
def course_manifest():
    """The course's manifest (``course/manifest.toml``), read once per test process (it is frozen, so
    every test shares it). Tests take it as the session fixture ``manifest``; parametrize lists and
    module constants, built at collection, call this."""
    from cnnlab.manifest import load_manifest
    return load_manifest(ROOT)


def copy_course(dest):
    """Copy what ``cnnlab check`` reads (manifest, solutions, lessons, jupytext.toml) to ``dest``."""
    for name in ("course", "solutions", "lessons"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "jupytext.toml", dest / "jupytext.toml")
    return dest


def copy_repository(dest):
    """``copy_course`` plus what ``cnnlab release`` ships from the repository: the cnnlab package,
    binder/ and pyproject.toml."""
    copy_course(dest)
    shutil.copytree(ROOT / "cnnlab", dest / "cnnlab", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "binder", dest / "binder")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
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


# ---------------------------------------------------------------- the import scanner

def module_name(path, root=ROOT):
    """``cnnlab/viz/diagram.py`` → ``cnnlab.viz.diagram``; a package's ``__init__.py`` → the package."""
    return ".".join(Path(path).relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def import_statements(source, name, is_package=False):
    """Each import in an AST, anywhere (also inside functions), relative imports resolved, as
    ``(module, names)``: ``import a.b`` → ``("a.b", ())``; ``from a import b, c`` → ``("a", ("a.b", "a.c"))``
    (``b`` may be a module or a name); ``importlib.import_module("a")`` → ``("a", ())``. ``name`` is the
    scanned module's dotted name; ``is_package`` when it is a package's ``__init__``."""
    package = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from ((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield base, tuple(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.args[0].value, ()


def imported_modules(source, name, is_package=False):
    """Every module an AST may import, in order: for ``from a import b`` both ``a`` and ``a.b``."""
    return [module for base, names in import_statements(source, name, is_package) for module in (base, *names)]


def imports_of(path):
    """Every module the file ``path`` (a module of the cnnlab package) imports, anywhere in it."""
    path = Path(path)
    return imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


# ---------------------------------------------------------------- reference networks
# torchvision's layouts, small where size does not matter; several test files share them.


def alexnet_features():
    """torchvision's AlexNet feature extractor (receptive field 195, Araujo et al.)."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(3, 2))


def vgg16_features():
    """torchvision's VGG-16 feature extractor (receptive field 212 at pool5)."""
    layers, c = [], 3
    for v in [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(True)]
            c = v
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock."""

    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.downsample = None
        if stride != 1 or c_in != c_out:
            self.downsample = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                                            nn.BatchNorm2d(c_out))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)


def resnet18(width=8):
    """torchvision's ResNet-18 layout (narrow channels: the field does not depend on them)."""
    layers = [nn.Conv2d(3, width, 7, 2, 3, bias=False), nn.BatchNorm2d(width), nn.ReLU(True),
              nn.MaxPool2d(3, 2, 1)]
    c = width
    for mult, stride in [(1, 1), (2, 2), (4, 2), (8, 2)]:
        layers.append(nn.Sequential(BasicBlock(c, width * mult, stride), BasicBlock(width * mult, width * mult)))
        c = width * mult
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, 10)]
    return nn.Sequential(*layers)


class Inception(nn.Module):
    """A small Inception module: four branches concatenated (``shift_branch``: one branch misaligned)."""

    def __init__(self, shift_branch=False):
        super().__init__()
        self.b1 = nn.Conv2d(4, 2, 1)
        self.b3 = nn.Conv2d(4, 2, 3, padding=0 if shift_branch else 1)
        self.b5 = nn.Sequential(nn.Conv2d(4, 2, 1), nn.Conv2d(2, 2, 5, padding=2))
        self.pool = nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(4, 2, 1))
        self.pad = nn.ZeroPad2d((0, 2, 0, 2)) if shift_branch else nn.Identity()

    def forward(self, x):
        return torch.cat([self.b1(x), self.pad(self.b3(x)), self.b5(x), self.pool(x)], dim=1)


def quick_check_fields(source):
    """``[(kind, exercise, fields)]`` of the quick checks in a solution cell: ``fields`` holds the
    literal ``answer``, ``options`` and ``mistakes`` of the call or, for a check with variants,
    those of its default variant (the one a student without an id sees)."""
    import ast

    from cnnlab.exercises.spec import quick_check_calls
    from cnnlab.exercises.variants import variants_in_source
    tree, found = ast.parse(source), []
    for kind, call in quick_check_calls(tree):
        keywords = {kw.arg: kw.value for kw in call.keywords}
        if "variants" in keywords:
            fields = dict(variants_in_source(tree, call)[0].fields)
        else:
            fields = {name: ast.literal_eval(node) for name, node in keywords.items()
                      if name in ("answer", "options", "mistakes")}
        found.append((kind, ast.literal_eval(call.args[0]), fields))
    return found


def default_spec(spec):
    """A quick check's scoring spec; for a check with variants, its default variant's."""
    return spec.specs[0] if hasattr(spec, "specs") else spec


def variant_answers(source):
    """``[(kind, str(answer))]`` of every variant of the numeric and shape checks in a solution cell."""
    import ast

    from cnnlab.exercises.spec import quick_check_calls
    from cnnlab.exercises.variants import variants_in_source
    tree = ast.parse(source)
    return [(kind, str(variant.fields["answer"])) for kind, call in quick_check_calls(tree)
            if kind in ("numeric", "shape") and any(kw.arg == "variants" for kw in call.keywords)
            for variant in variants_in_source(tree, call)]
