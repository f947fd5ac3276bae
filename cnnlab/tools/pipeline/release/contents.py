"""What the release ships: the student notebooks, the package without the author tools, its pyproject.toml.

The package is the authoring repository's own ``cnnlab/`` (where the command runs, whichever
cnnlab is installed), less ``LEFT_OUT`` (the grader, the authoring
pipeline and the site builder, which read ``solutions/``); a shipped module that
imports one of them stops the release (``check_package``).
"""

import ast
import json
from pathlib import Path

import cnnlab
from cnnlab.cells import parse_python
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.release.error import ReleaseError

# Modules students never run: the grader, the authoring pipeline (build, check, release) and the
# static-site builder, which read solutions/.
LEFT_OUT = ("cnnlab.tools.grading", "cnnlab.tools.pipeline", "cnnlab.tools.site")
# The author commands may name the grader: they are shipped, and refuse to run in a release.
AUTHOR_ONLY_MODULES = tuple(f"cnnlab/tools/commands/{name}.py" for name in ("authoring", "grade", "semester"))


# --- where things come from -----------------------------------------------------------------

def package_dir(root=None):
    """The folder of the ``cnnlab`` package the release ships: ``root/cnnlab`` of the authoring
    repository ``root`` when it has one, else the package that is running."""
    if root is not None and (Path(root) / "cnnlab" / "__init__.py").is_file():
        return (Path(root) / "cnnlab").resolve()
    return Path(cnnlab.__file__).resolve().parent


def project_dir(root=None):
    """The authoring project whose ``pyproject.toml``, ``binder/`` and package the release ships:
    the repository ``root`` the command runs in (not whichever cnnlab happens to be installed)."""
    folder = Path(root).resolve() if root is not None else package_dir().parent
    if not (folder / "pyproject.toml").is_file() or not (folder / "binder").is_dir() \
            or not (folder / "cnnlab" / "__init__.py").is_file():
        raise ReleaseError(
            zh=f"在 {folder} 里找不到 pyproject.toml、binder/ 和 cnnlab/：请在作者仓库的根目录运行 cnnlab release",
            en=f"no pyproject.toml, binder/ and cnnlab/ in {folder}: run cnnlab release at the top of the "
               "authoring repository")
    return folder


def _read_toml(path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- the notebooks --------------------------------------------------------------------------

def release_notebook(manifest, lesson, lang, repo_url=None):
    """The ``.ipynb`` text of one student lesson: what ``cnnlab build`` writes, unpaired.

    The jupytext metadata is dropped, so that JupyterLab never writes a ``.py`` twin
    beside the student's notebook. With ``repo_url``, the bootstrap cell of ``hosted``
    comes before the ``start_lesson`` cell.
    """
    from cnnlab.tools.pipeline.build import student_notebook
    from cnnlab.tools.pipeline.notebooks import as_ipynb, normalize
    from cnnlab.tools.pipeline.release.hosted import add_bootstrap
    nb = normalize(student_notebook(manifest, lesson, lang))
    nb.metadata.pop("jupytext", None)
    if repo_url:
        add_bootstrap(nb, repo_url, lang)
    return as_ipynb(nb)


def lesson_files(manifest, repo_url=None):
    """``{relative path: text}`` of every student notebook; ReleaseError names a lesson that fails."""
    files = {}
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            try:
                files[f"lessons/{lang}/{lesson.stem}.ipynb"] = release_notebook(manifest, lesson, lang, repo_url)
            except Exception as err:  # any failure of the build steps stops the whole release
                raise ReleaseError(
                    zh=f"第 {lesson.stem} 课（{lang}）无法生成学生版：{type(err).__name__}: {err}。"
                       f"没有写入任何文件。请修正 solutions/{lang}/{lesson.stem}.py，"
                       f"用 cnnlab build {lesson.number:02d} 检查后再发布",
                    en=f"lesson {lesson.stem} [{lang}] cannot be built: {type(err).__name__}: {err}. "
                       f"Nothing was written. Fix solutions/{lang}/{lesson.stem}.py, check it with "
                       f"`cnnlab build {lesson.number:02d}`, then release again") from err
    return files


# --- the package ----------------------------------------------------------------------------

def _left_out(module):
    return any(module == name or module.startswith(name + ".") for name in LEFT_OUT)


def _shipped(relative):
    """Whether the file ``relative`` (to the package folder) goes into the release."""
    parts = relative.parts
    if any(part == "__pycache__" or part.startswith(".") or part.endswith(".egg-info") for part in parts):
        return False
    if relative.suffix in (".pyc", ".pyo"):
        return False
    module = ".".join(("cnnlab", *relative.with_suffix("").parts) if relative.suffix == ".py"
                      else ("cnnlab", *relative.parts))
    return not _left_out(module)


def package_files(project=None):
    """``{relative path: bytes}`` of the cnnlab package of ``project`` (default: the running one)
    as students get it (``LEFT_OUT`` left out)."""
    root = package_dir(project)
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and _shipped(relative):
            files[f"cnnlab/{relative.as_posix()}"] = path.read_bytes()
    return files


def imports_of_left_out(relative, source):
    """The ``LEFT_OUT`` modules (``cnnlab.tools.grading`` …) that the module ``relative`` imports."""
    depth = len(Path(relative).parts) - 2  # cnnlab/x.py -> 0, cnnlab/sub/x.py -> 1
    found = set()
    for node in ast.walk(parse_python(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:  # relative: resolve against the module's package
                package = ["cnnlab", *Path(relative).parts[1:-1]][: max(0, depth + 2 - node.level)]
                base = ".".join(package + ([node.module] if node.module else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            found.update(left for left in LEFT_OUT if name == left or name.startswith(left + "."))
    return found


def check_package(files):
    """ReleaseError when a shipped module (other than the CLI's author commands) imports the grader."""
    culprits = []
    for relative, data in files.items():
        if relative.endswith(".py") and relative not in AUTHOR_ONLY_MODULES:
            culprits += [f"{relative} → {name}" for name in sorted(imports_of_left_out(relative, data.decode()))]
    if culprits:
        listed = "; ".join(culprits)
        raise ReleaseError(
            zh=f"学生版不含评分程序，但这些模块导入了它：{listed}。请把学生需要的代码移出 cnnlab.tools.grading",
            en=f"the release leaves the grader out, but these modules import it: {listed}. "
               "Move what students need out of cnnlab.tools.grading")


def project_version(project):
    """The version in the authoring project's ``pyproject.toml`` (what its package would install as)."""
    return str(_read_toml(Path(project) / "pyproject.toml").get("project", {}).get("version", "")) or None


def pyproject_text(project):
    """The release's ``pyproject.toml``: the authoring project's metadata, without test extras."""
    meta = _read_toml(project / "pyproject.toml")
    info = meta["project"]

    def q(value):  # a JSON string (or list of strings) is valid TOML
        return json.dumps(value, ensure_ascii=False)

    def strings(values):
        return "[\n" + "".join(f"    {q(v)},\n" for v in values) + "]"

    lines = [
        "# cnnlab for students: `pip install .` in this folder installs the package and its dependencies.",
        "[build-system]",
        'requires = ["setuptools>=68"]',
        'build-backend = "setuptools.build_meta"',
        "",
        "[project]",
        f"name = {q(info['name'])}",
        f"version = {q(info['version'])}",
        f"description = {q(info.get('description', ''))}",
        'readme = "README.md"',
        f"requires-python = {q(info.get('requires-python', '>=3.10'))}",
    ]
    if "license" in info and "text" in info["license"]:
        lines.append(f"license = {{ text = {q(info['license']['text'])} }}")
    lines += [f"dependencies = {strings(info.get('dependencies', []))}", "", "[project.scripts]"]
    lines += [f"{name} = {q(target)}" for name, target in info.get("scripts", {}).items()]
    lines += ["", "[tool.setuptools.packages.find]", 'include = ["cnnlab*"]']
    package_data = meta.get("tool", {}).get("setuptools", {}).get("package-data", {})
    if package_data:
        lines += ["", "[tool.setuptools.package-data]"]
        lines += [f"{q(name)} = {q(patterns)}" for name, patterns in package_data.items()]
    return "\n".join(lines) + "\n"
