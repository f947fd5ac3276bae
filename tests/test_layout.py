"""The package's two halves: the teaching library never imports the course tools, every module says
in one sentence what it is, and the package docstring names every module."""

import ast
import re
from pathlib import Path

import pytest

import cnnlab
from tests.helpers import ROOT, imported_modules, imports_of

PACKAGE = ROOT / "cnnlab"
TOOLS = PACKAGE / "tools"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
LIBRARY = [p for p in MODULES if TOOLS not in p.parents]


def tools_among(modules):
    return [m for m in modules if (m + ".").startswith("cnnlab.tools.")]


def imports_tools(source, name):
    return tools_among(imported_modules(source, name))


def test_the_scan_finds_a_planted_import_of_the_tools():
    planted = ("import numpy\n"
               "def f():\n    from cnnlab.tools.grading import batch\n"
               "def g():\n    import importlib; importlib.import_module('cnnlab.tools.site')\n"
               "from cnnlab import tools\n")
    assert set(imports_tools(planted, "cnnlab.arith")) == {"cnnlab.tools.grading", "cnnlab.tools.grading.batch",
                                                           "cnnlab.tools.site", "cnnlab.tools"}
    assert imports_tools("from ..tools import cli\n", "cnnlab.viz.diagram") == ["cnnlab.tools", "cnnlab.tools.cli"]
    assert imports_tools("from cnnlab.train import fit\nimport torch\n", "cnnlab.recipes") == []


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_library_never_imports_the_tools(path):
    assert tools_among(imports_of(path)) == []


def test_the_tools_hold_the_authoring_and_grading_code():
    names = {p.name for p in TOOLS.iterdir()}
    assert {"pipeline", "grading", "site", "lab.py", "cli.py"} <= names
    assert not any((PACKAGE / name).exists() for name in ("pipeline", "grading", "site", "lab.py", "cli.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_says_what_it_is_in_one_sentence(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path}: no module docstring"
    first = doc.strip().splitlines()[0]
    assert first.endswith((".", "。", ":")) or first.endswith('"'), first
    assert len(first) <= 110, first


def test_the_package_docstring_names_every_module_of_both_halves():
    doc = cnnlab.__doc__
    listed = set(re.findall(r"^\s{4}([\w/]+?)/?\s{2,}", doc, flags=re.M))
    expected = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    expected |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "tools"}
    expected |= {f"tools/{p.stem if p.suffix else p.name}" for p in TOOLS.iterdir()
                 if p.name != "__init__.py" and p.name != "__pycache__"}
    assert expected - listed == set(), f"not listed in cnnlab/__init__.py: {sorted(expected - listed)}"
    assert listed - expected == set(), f"listed but missing: {sorted(listed - expected)}"
