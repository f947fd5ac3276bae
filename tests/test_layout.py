"""The package's two halves: the teaching library never imports the course tools, no two modules import
each other (directly or round a circle), no module imports another's private names, every module says
in one sentence what it is, and the package docstring names every module."""

import ast
import re
from pathlib import Path

import pytest

import cnnlab
from tests.helpers import ROOT, import_statements, imported_modules, imports_of, module_name

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


# ---------------------------------------------------------------- no import circles

def import_graph(sources):
    """``{module: the package modules it imports}`` from ``{module: (source, is_package)}``, counting
    imports anywhere (inside functions too). ``from a import b`` imports the module ``a.b`` when there is
    one, else a name of ``a``: an import of ``a``."""
    graph = {}
    for name, (source, is_package) in sources.items():
        targets = set()
        for base, names in import_statements(source, name, is_package):
            targets |= {n for n in names if n in sources}
            if base in sources and (not names or any(n not in sources for n in names)):
                targets.add(base)
        graph[name] = targets - {name}
    return graph


def import_circles(graph):
    """Every group of modules that import one another round a circle (strongly connected, Tarjan)."""
    index, low, stack, circles = {}, {}, [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = stack[stack.index(node):]
            del stack[stack.index(node):]
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def test_the_circle_scan_finds_a_planted_circle_through_a_function_body():
    planted = {"cnnlab.a": ("from cnnlab import b\n", False),
               "cnnlab.b": ("def f():\n    from cnnlab.c import helper\n", False),
               "cnnlab.c": ("import cnnlab.a\n", False),
               "cnnlab.d": ("from cnnlab.a import thing\n", False)}
    assert import_circles(import_graph(planted)) == [["cnnlab.a", "cnnlab.b", "cnnlab.c"]]
    planted["cnnlab.c"] = ("import numpy\n", False)
    assert import_circles(import_graph(planted)) == []


def test_a_package_importing_its_submodule_is_no_circle_unless_it_imports_back():
    planted = {"cnnlab.p": ("from cnnlab.p.leaf import f\n", True), "cnnlab.p.leaf": ("from . import other\n", False),
               "cnnlab.p.other": ("", False)}
    assert import_circles(import_graph(planted)) == []
    planted["cnnlab.p.leaf"] = ("from cnnlab.p import g\n", False)     # a name from the package's __init__
    assert import_circles(import_graph(planted)) == [["cnnlab.p", "cnnlab.p.leaf"]]


def test_no_import_circle_between_cnnlab_modules():
    sources = {module_name(p): (p.read_text(encoding="utf-8"), p.name == "__init__.py") for p in MODULES}
    assert import_circles(import_graph(sources)) == []


# ---------------------------------------------------------------- no private names across modules

def private_imports(source):
    """Names starting with one underscore that ``source`` imports from a cnnlab module."""
    return [alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom)
            and (node.level or (node.module or "").startswith("cnnlab"))
            for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]


def test_the_private_name_scan_finds_a_planted_one():
    assert private_imports("def f():\n    from cnnlab.ops.conv import _pad, conv2d\n") == ["_pad"]
    assert private_imports("from .trace import _node_name\nfrom os import _exit\n") == ["_node_name"]
    assert private_imports("from cnnlab import __version__\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_private_names_of_another(path):
    assert private_imports(path.read_text(encoding="utf-8")) == []


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
