"""``cnnlab release OUT_DIR``: the course as students receive it.

The authoring repository holds the answers (``solutions/``, hidden tests, the
grader). Students get a separate folder, a project of its own that the
instructor pushes to a student repository or branch::

    OUT_DIR/
      .cnnlab-release.json          marker: format, cnnlab version, date, lessons
      .gitignore                    build junk and answers files stay out of git
      README.md                     install + open, in both languages
      pyproject.toml                `pip install .` installs cnnlab (not editable)
      cnnlab/                       the package, without the grader (cnnlab.tools.grading) and this module
      course/manifest.toml          the lesson list (no answers: keys live in the notebooks)
      course/glossary.md
      lessons/{zh,en}/NN_slug.ipynb the student notebooks, one file per lesson
      binder/                       repo2docker: the student image, built from this folder

Every file is made in memory first. The release is refused (``ReleaseError``,
nothing written) when a lesson cannot be built, when a shipped module imports
the grader, or when any solution text is found in it (``find_leaks``). It is
then written to a temporary folder beside OUT_DIR and swapped in, so OUT_DIR is
either the previous release or the new one, never half of each. An existing
OUT_DIR is replaced only when it holds the marker of a previous release (its
``.git`` folder, if any, is kept, so OUT_DIR can be a clone of the student
repository).

Solution text is every non-trivial line (whitespace normalised, at least
``MIN_CHARS`` characters, not also written outside the regions somewhere in the
course) between ``### BEGIN SOLUTION``/``### END SOLUTION`` and between
``### BEGIN HIDDEN TESTS``/``### END HIDDEN TESTS``, plus the plain worked
explanation of every quick check (students get it sealed), as text and, for a
literal over several lines, as written. A file is searched as text with its
whitespace normalised; a notebook (any JSON file) also string by string, so
escaped quotes and line breaks hide nothing. Drafts are not released.
"""

import ast
import datetime
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cnnlab
from cnnlab.cells import mask_magics
from cnnlab.course import RELEASE_MARKER, is_student_release
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.prose import AUTHOR_NOTES

FORMAT = "cnnlab-release/1"
# Modules students never run: the grader, the authoring pipeline (build, check, release) and the
# static-site builder, which read solutions/.
LEFT_OUT = ("cnnlab.tools.grading", "cnnlab.tools.pipeline", "cnnlab.tools.site")
AUTHOR_ONLY_MODULES = ("cli.py",)   # may name the grader: its author commands refuse to run in a release
MIN_CHARS = 13                      # shorter solution lines ("return total") are not evidence of a leak
KEEP_ON_REPLACE = (".git",)         # kept from a previous release when it is replaced

GITIGNORE = """\
# Build output of `pip install .` and files the tools write while you work.
__pycache__/
*.egg-info/
build/
dist/
.ipynb_checkpoints/
.venv/
# Lock files of the answers files. The answers files themselves (NN_slug.answers.json) are not
# ignored: they are handed in with the notebook, for example by a git push.
.*.answers.json.lock
"""


class ReleaseError(Exception):
    """The release cannot be written; the message is in both languages and names the fix."""

    def __init__(self, zh, en):
        super().__init__(f"{en}\n{zh}")
        self.zh, self.en = zh, en


# --- where things come from -----------------------------------------------------------------

def package_dir():
    """The folder of the ``cnnlab`` package that is running (it is what the release ships)."""
    return Path(cnnlab.__file__).resolve().parent


def project_dir():
    """The authoring project around the package: ``pyproject.toml`` and ``binder/`` live there."""
    folder = package_dir().parent
    if not (folder / "pyproject.toml").is_file() or not (folder / "binder").is_dir():
        raise ReleaseError(
            zh=f"在 {folder} 里找不到 pyproject.toml 和 binder/：请在作者仓库里运行 cnnlab release"
               "（用 pip install -e . 安装的 cnnlab）",
            en=f"no pyproject.toml and binder/ in {folder}: run cnnlab release from the authoring "
               "repository (cnnlab installed with pip install -e .)")
    return folder


def _read_toml(path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(path.read_text(encoding="utf-8"))


# --- the notebooks --------------------------------------------------------------------------

def release_notebook(manifest, lesson, lang):
    """The ``.ipynb`` text of one student lesson: what ``cnnlab build`` writes, unpaired.

    The jupytext metadata is dropped, so that JupyterLab never writes a ``.py`` twin
    beside the student's notebook.
    """
    from cnnlab.tools.pipeline.build import student_notebook
    from cnnlab.tools.pipeline.notebooks import as_ipynb, normalize
    nb = normalize(student_notebook(manifest, lesson, lang))
    nb.metadata.pop("jupytext", None)
    return as_ipynb(nb)


def lesson_files(manifest):
    """``{relative path: text}`` of every student notebook; ReleaseError names a lesson that fails."""
    files = {}
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            try:
                files[f"lessons/{lang}/{lesson.stem}.ipynb"] = release_notebook(manifest, lesson, lang)
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


def package_files():
    """``{relative path: bytes}`` of the cnnlab package as students get it (``LEFT_OUT`` left out)."""
    root = package_dir()
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
    for node in ast.walk(ast.parse(source)):
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
        if relative.endswith(".py") and Path(relative).name not in AUTHOR_ONLY_MODULES:
            culprits += [f"{relative} → {name}" for name in sorted(imports_of_left_out(relative, data.decode()))]
    if culprits:
        listed = "; ".join(culprits)
        raise ReleaseError(
            zh=f"学生版不含评分程序，但这些模块导入了它：{listed}。请把学生需要的代码移出 cnnlab.tools.grading",
            en=f"the release leaves the grader out, but these modules import it: {listed}. "
               "Move what students need out of cnnlab.tools.grading")


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


# --- binder/ --------------------------------------------------------------------------------

def binder_requirements(project):
    """The release's ``binder/requirements.txt``: the authoring pins, with cnnlab from ``.``."""
    kept = []
    for line in (project / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines():
        text = line.split(" #")[0].strip()
        if not text or text.startswith("#"):
            continue
        kept.append("." if text.replace(" ", "") in ("-e.", "--editable.") else text)
    if "." not in kept:
        kept.append(".")
    header = (
        "# Python packages of the student image (repo2docker: BinderHub, or an image for\n"
        "# Zero to JupyterHub / The Littlest JupyterHub). Written by `cnnlab release`.\n"
        "# PyTorch's CPU build comes first and pinned; `.` installs cnnlab from this folder\n"
        "# (not editable) with every dependency of pyproject.toml; nbgitpuller serves the links.\n")
    return header + "\n".join(kept) + "\n"


POSTBUILD = """\
#!/usr/bin/env bash
# repo2docker runs this once, at the end of the student image's build (written by `cnnlab release`).
# It checks that the course loads from this folder, then warms matplotlib's font cache so that
# the first Chinese figure a student draws is quick (the CJK font comes from apt.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

cnnlab lessons
python -c "from cnnlab.fonts import use_cjk_font; print('cnnlab postBuild: CJK font for figures:', use_cjk_font())"
"""


def binder_files(project):
    source = project / "binder"
    files = {"binder/requirements.txt": binder_requirements(project), "binder/postBuild": POSTBUILD}
    for name in ("apt.txt", "runtime.txt"):
        if (source / name).is_file():
            files[f"binder/{name}"] = (source / name).read_text(encoding="utf-8")
    return files


# --- README ---------------------------------------------------------------------------------

def readme_text(manifest):
    """The student README: what this is, two commands, where answers go, the lessons."""
    from cnnlab.tools.cli import lessons_markdown
    first = manifest.lessons[0].stem
    return f"""\
# {manifest.title['zh']} / {manifest.title['en']}

**中文**：这是课程的学生版：每一课一个 Jupyter 笔记本（`lessons/zh/` 中文，`lessons/en/` English），
以及运行它们所需的 `cnnlab` 程序包。需要 Python ≥ 3.10，不需要 GPU。在这个文件夹里运行：

**English**: this is the student edition of the course: one Jupyter notebook per lesson
(`lessons/zh/` 中文, `lessons/en/` English) and the `cnnlab` package they run on. You need
Python ≥ 3.10, no GPU. In this folder, run:

```bash
python -m pip install .        # 安装 / install
cnnlab lab --lang zh           # 打开课程 / open the course (English: --lang en)
```

`cnnlab lab` prints the address of a JupyterLab on your own computer with the first lesson open;
Ctrl-C stops it. / `cnnlab lab` 会打印本机 JupyterLab 的地址并打开第一课；按 Ctrl-C 停止。

- PyTorch: on a machine without a GPU, install its CPU build first, e.g.
  `python -m pip install torch --index-url https://download.pytorch.org/whl/cpu` (a much smaller
  download). / 没有 GPU 的电脑可以先安装 CPU 版 PyTorch（上面的命令），下载小得多。
- Data: Fashion-MNIST is read from the Debian package `dataset-fashion-mnist` when it is installed,
  otherwise downloaded once into `~/.cache/cnnlab`. / 数据：装有 Debian 软件包
  `dataset-fashion-mnist` 时直接读取，否则首次使用时下载到 `~/.cache/cnnlab`。
- Your answers: every check you make is saved beside the notebook, e.g.
  `lessons/zh/{first}.answers.json`. Hand it in together with the notebook when your teacher asks
  for it. / 你的作答：每次检查都记录在笔记本旁边的 `*.answers.json` 文件里，交作业时和笔记本一起提交。
- If pip refuses to install into your system's Python ("externally managed"), make a virtual
  environment first: `python3 -m venv .venv`, then `. .venv/bin/activate` (Windows:
  `.venv\\Scripts\\activate`), then the two commands above. / 如果 pip 拒绝安装到系统的 Python
  （“externally managed”），先用上面的命令创建并激活虚拟环境，再运行那两条命令。
- Quick mode: `CNNLAB_QUICK=1 cnnlab lab` makes the training lessons run in seconds (smaller data,
  fewer epochs). / 快速模式：设置 `CNNLAB_QUICK=1` 后，训练只用少量数据和轮数，几秒钟就能跑完。

## Lessons / 课程目录

{lessons_markdown(manifest)}
"""


# --- solution text and leaks ----------------------------------------------------------------

@dataclass(frozen=True)
class Needle:
    text: str        # whitespace-normalised
    lesson: str      # stem
    lang: str
    kind: str        # "solution" | "hidden test" | "explanation"


def normalise(text):
    return " ".join(str(text).split())


def _literal_text(text):
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _explanations(source):
    """The plain explanation strings of the quick checks in one code cell's source.

    Each explanation comes as its text and, when its literal spans several lines (implicit
    concatenation), also as written, so that a verbatim copy of the source is found too.
    """
    from cnnlab.exercises.spec import quick_check_calls
    masked = mask_magics(source)
    try:
        tree = ast.parse(masked)
    except SyntaxError:
        return []
    found = []
    for _kind, call in quick_check_calls(tree):
        for keyword in call.keywords:
            if keyword.arg == "explanation":
                segment = ast.get_source_segment(masked, keyword.value) or ""
                found.append(_literal_text(f"({segment})"))
                if "\n" in segment:  # the literal as written, quotes and all (whitespace is normalised later)
                    found.append(segment)
    return [text for text in dict.fromkeys(found) if text]


def solution_texts(manifest):
    """Every piece of solution text of the course, as ``Needle``s (see the module docstring)."""
    from cnnlab.tools.pipeline.notebooks import read_notebook
    from cnnlab.tools.pipeline.steps import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, find_regions
    regions = ((BEGIN_SOLUTION, END_SOLUTION, "solution"), (BEGIN_HIDDEN, END_HIDDEN, "hidden test"))
    candidates, public = [], set()
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            for cell in read_notebook(lesson.path(manifest.root, "solutions", lang)).cells:
                lines = cell.source.split("\n")
                inside = set()
                for begin, end, kind in regions:
                    for first, last in find_regions(lines, begin, end):
                        inside.update(range(first, last + 1))
                        candidates += [Needle(normalise(line), lesson.stem, lang, kind)
                                       for line in lines[first + 1: last]]
                public.update(normalise(line) for number, line in enumerate(lines) if number not in inside)
                if cell.cell_type == "code":
                    candidates += [Needle(normalise(text), lesson.stem, lang, "explanation")
                                   for text in _explanations(cell.source)]
    return [needle for needle in dict.fromkeys(candidates)
            if len(needle.text) >= MIN_CHARS and needle.text not in public]


def _strings(value):
    """Every string inside a parsed JSON value (notebook sources, outputs, metadata)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def searchable_text(name, data):
    """The text of one file as it is searched: decoded, JSON strings unescaped, whitespace normalised."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    parts = [text]
    if str(name).endswith((".ipynb", ".json")):
        try:
            parts += list(_strings(json.loads(text)))
        except ValueError:
            pass
    return normalise("\n".join(parts))


def find_leaks(files, needles):
    """``[(file, needle)]`` for every needle found in ``files`` (``{name: text or bytes}``)."""
    leaks = []
    for name, data in files.items():
        text = searchable_text(name, data)
        leaks += [(name, needle) for needle in needles if needle.text in text]
    return leaks


def folder_files(folder):
    """``{relative path: bytes}`` of every file under ``folder`` (hidden ones included)."""
    folder = Path(folder)
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def notes_mentions(files):
    """``[(file, excerpt)]`` for every line of ``files`` that names the authors' notes (the
    pattern `cnnlab check` uses: the authors' own notes are not the students' material)."""
    found = []
    for name, data in files.items():
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        for line in text.splitlines():
            match = AUTHOR_NOTES.search(line)
            if match:
                found.append((name, line[max(0, match.start() - 30): match.end() + 30].strip()))
    return found


# --- putting it together --------------------------------------------------------------------

def marker(manifest):
    return {"format": FORMAT, "cnnlab": cnnlab.__version__,
            "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "languages": list(LANGUAGES), "lessons": [lesson.stem for lesson in manifest.lessons]}


def release_files(manifest):
    """``{relative path: text or bytes}`` of the whole release, checked; nothing is written."""
    project = project_dir()
    files = lesson_files(manifest)
    package = package_files()
    check_package(package)
    files.update(package)
    files.update(binder_files(project))
    files["course/manifest.toml"] = (manifest.root / "course" / "manifest.toml").read_text(encoding="utf-8")
    glossary = manifest.root / "course" / "glossary.md"
    if glossary.is_file():
        files["course/glossary.md"] = glossary.read_text(encoding="utf-8")
    files["pyproject.toml"] = pyproject_text(project)
    files["README.md"] = readme_text(manifest)
    files[".gitignore"] = GITIGNORE
    files[RELEASE_MARKER] = json.dumps(marker(manifest), indent=2, ensure_ascii=False) + "\n"
    leaks = find_leaks(files, solution_texts(manifest))
    if leaks:
        listed = "; ".join(f"{name}: {needle.lesson} [{needle.lang}] {needle.kind} {needle.text[:60]!r}"
                           for name, needle in leaks[:5])
        raise ReleaseError(zh=f"学生版里出现了答案内容，已拒绝发布：{listed}",
                           en=f"solution text found in the release, nothing written: {listed}")
    mentions = notes_mentions(files)
    if mentions:
        listed = "; ".join(f"{name}: {text!r}" for name, text in mentions[:5])
        raise ReleaseError(zh=f"学生版引用了作者的写作素材（学生拿不到），已拒绝发布：{listed}。请改写这些地方",
                           en=f"the release names the authors' notes, which students never receive; "
                              f"nothing written: {listed}. Reword them")
    return files


def check_target(out):
    """Refuse an OUT_DIR that exists and is neither empty (``.git`` aside) nor a previous release."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ReleaseError(zh=f"{out} 是一个文件，不是文件夹：请换一个 OUT_DIR",
                           en=f"{out} is a file, not a folder: choose another OUT_DIR")
    if is_student_release(out) or not [p for p in out.iterdir() if p.name not in KEEP_ON_REPLACE]:
        return
    raise ReleaseError(
        zh=f"{out} 已存在，但不是以前生成的学生版（没有 {RELEASE_MARKER}）：为避免覆盖，什么都没有写入。"
           "请换一个不存在的 OUT_DIR，或先自行删除这个文件夹",
        en=f"{out} exists and is not a previous release (no {RELEASE_MARKER}): nothing was written, "
           "to overwrite nothing. Choose an OUT_DIR that does not exist, or delete that folder yourself")


def _write(folder, files):
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    (folder / "binder" / "postBuild").chmod(0o755)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(staging, out):
    """Put ``staging`` where ``out`` is: two renames in one folder; on failure ``out`` is restored."""
    moved = [name for name in KEEP_ON_REPLACE if (out / name).exists()]
    for name in moved:  # the student repository's .git stays with the release
        (out / name).rename(staging / name)
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    try:
        out.rename(old / "release")
        try:
            staging.rename(out)
        except BaseException:
            (old / "release").rename(out)
            raise
    except BaseException:
        for name in moved:
            (staging / name).rename(out / name)
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old)


def write_release(manifest, out_dir):
    """Write the release to ``out_dir`` (new, or replacing a previous release); returns its path."""
    out = Path(out_dir).absolute()
    check_target(out)
    files = release_files(manifest)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a release is an ordinary folder
        _write(staging, files)
        if out.exists():
            _swap(staging, out)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out
