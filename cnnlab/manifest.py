"""The course manifest: reading and checking ``course/manifest.toml``, and finding the course folder.

The manifest (``course/manifest.toml``) is the one list of lessons. Each lesson
has a number, a slug, zh/en titles and objectives, its exercises with points and
an estimate in minutes. A lesson's files are named ``NN_slug``::

    solutions/{zh,en}/02_convolution.ipynb   (+ .py)   the source, with answers
    lessons/{zh,en}/02_convolution.ipynb     (+ .py)   generated for students

The student release (``cnnlab release OUT_DIR``) has the same layout without
``solutions/`` and without the ``.py`` twins, plus the marker ``RELEASE_MARKER``;
``course_root`` finds either kind of course folder.

A lesson notebook may also run alone, outside any course folder (a hosted notebook
service, a notebook downloaded from the LMS). For that, the release installs a copy
of the manifest with the package (``PACKAGED_MANIFEST``, package data of the
installed cnnlab); ``load_manifest()`` reads it when no course folder is found, with
the current folder as the course root. A course folder, when there is one, wins.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.i18n import LANGUAGES, say

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

MANIFEST = Path("course") / "manifest.toml"
NOTEBOOK_KINDS = ("solutions", "lessons")            # the two versions of every lesson notebook (folders)
EXERCISE_KINDS = ("code", "numeric", "choice", "shape", "layers")   # the kinds of exercise a manifest may declare
# Written by `cnnlab release` at the top of the student release: it tells the release (lessons
# only, no solutions) from the authoring repository, and marks a folder the next release may replace.
RELEASE_MARKER = ".cnnlab-release.json"
# Written by `cnnlab release` into the package it ships (package data); absent in the authoring tree.
PACKAGED_MANIFEST = Path(__file__).resolve().parent / "course_manifest.toml"


class ManifestError(ValueError):
    """The manifest is missing, unreadable or inconsistent (one line, names the fix)."""


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    points: float
    forbid: tuple = ()   # what a code exercise's answer may not call (cnnlab.exercises.monitor)
    layers: tuple = ()   # a layers exercise: its reference model, lines like "Conv2d(3, 16, 3)"
    input_shape: tuple = ()   # a layers exercise: (C, H, W) of one image
    ask: tuple = ()      # a layers exercise: what is predicted, of shape params macs rf
    partial: bool = False   # a code exercise: points per hidden case passed (else all or nothing)


@dataclass(frozen=True)
class Lesson:
    number: int
    slug: str
    title: dict
    objectives: dict
    minutes: int
    exercises: tuple = field(default_factory=tuple)
    trains: bool = False   # it trains a network: quick mode changes its numbers

    @property
    def stem(self):
        """File name without extension, e.g. ``02_convolution``."""
        return f"{self.number:02d}_{self.slug}"

    def path(self, root, kind, lang, ext=".ipynb"):
        """``root/kind/lang/NN_slug.ext`` — kind is 'solutions' or 'lessons'."""
        return Path(root) / kind / lang / f"{self.stem}{ext}"

    @property
    def max_points(self):
        return sum(e.points for e in self.exercises)


@dataclass(frozen=True)
class Manifest:
    """The course: its title, its finished lessons, and drafts (``draft = true``).

    Drafts are lessons being written: ``check``, ``build`` without arguments, the
    README table and the test suite ignore them, but ``lesson()`` finds them so
    that an author can ``cnnlab execute NN`` and ``cnnlab build NN`` one.
    """
    title: dict
    lessons: tuple
    root: Path
    drafts: tuple = ()

    def lesson(self, key):
        """Find a lesson by number (2 or '02'), slug ('convolution') or stem ('02_convolution')."""
        for lesson in self.lessons + self.drafts:
            if str(key) in (lesson.stem, lesson.slug, str(lesson.number), f"{lesson.number:02d}"):
                return lesson
        known = ", ".join(lesson.stem for lesson in self.lessons)
        raise ManifestError(say(zh="课程清单中没有第 {key} 课（现有：{known}）",
                                en="no lesson {key!r} in the manifest (known: {known})",
                                key=key, known=known))


def course_root(start=None):
    """The folder holding ``course/manifest.toml``: searched upward from ``start``
    (default: the current folder), then beside the installed package."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MANIFEST).is_file():
            return folder
    beside_package = Path(__file__).resolve().parent.parent
    if (beside_package / MANIFEST).is_file():
        return beside_package
    raise ManifestError(say(zh="找不到 course/manifest.toml：请在课程文件夹（学生版或作者仓库）里运行",
                            en="cannot find course/manifest.toml: run this inside the course folder "
                               "(the student release or the authoring repository)"))


def is_student_release(root):
    """True when ``root`` holds a student release written by ``cnnlab release`` (its marker file)."""
    import json
    try:
        data = json.loads((Path(root) / RELEASE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and str(data.get("format", "")).startswith("cnnlab-release/")


def _bilingual(table, key, where):
    value = table.get(key)
    if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGUAGES):
        raise ManifestError(say(zh="{w}：'{k}' 需要 {k}.zh 和 {k}.en 两种语言",
                                en="{w}: '{k}' needs both {k}.zh and {k}.en", w=where, k=key))
    return {lang: value[lang] for lang in LANGUAGES}


def _parse_exercise(raw, where):
    for key in ("id", "kind", "points"):
        if key not in raw:
            raise ManifestError(say(zh="{w}：有一道练习缺少 '{k}'", en="{w}: an exercise is missing '{k}'",
                                    w=where, k=key))
    if raw["kind"] not in EXERCISE_KINDS:
        raise ManifestError(say(zh="{w}：练习 {i!r} 的类型是 {t!r}；可用的类型：{kinds}",
                                en="{w}: exercise {i!r} has kind {t!r}; use one of {kinds}",
                                w=where, i=raw["id"], t=raw["kind"], kinds=", ".join(EXERCISE_KINDS)))
    forbid = raw.get("forbid", [])
    if not isinstance(forbid, list) or not all(isinstance(name, str) and name for name in forbid):
        raise ManifestError(say(zh="{w}：练习 {i!r}：forbid 必须是带点的名字的列表（如 torch.nn.functional.conv2d）",
                                en="{w}: exercise {i!r}: forbid must be a list of dotted names",
                                w=where, i=raw["id"]))
    partial = raw.get("partial", False)
    if not isinstance(partial, bool) or (partial and raw["kind"] != "code"):
        raise ManifestError(say(zh="{w}：练习 {i!r}：partial 只能是 true 或 false，而且只用于 code 类型的练习",
                                en="{w}: exercise {i!r}: partial must be true or false, and only a code exercise "
                                   "may have it", w=where, i=raw["id"]))
    if raw["kind"] == "layers":
        return Exercise(id=raw["id"], kind="layers", points=raw["points"], **_layers_fields(raw, where))
    return Exercise(id=raw["id"], kind=raw["kind"], points=raw["points"], forbid=tuple(forbid), partial=partial)


def _layers_fields(raw, where):
    """layers / input_shape / ask of a ``layers`` exercise (cnnlab.exercises.layerspec), checked."""
    from cnnlab.exercises.layerspec import LayerSpecError, check_layer_line
    layers, shape = raw.get("layers"), raw.get("input_shape")
    ask = raw.get("ask", ["shape", "params", "rf"])
    problem = ""
    if not isinstance(layers, list) or not layers or not all(isinstance(v, str) for v in layers):
        problem = say(zh="layers 必须是非空的字符串列表", en="layers must be a non-empty list of strings")
    elif (not isinstance(shape, list) or len(shape) != 3
          or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape)):
        problem = say(zh="input_shape 必须是 [C, H, W]", en="input_shape must be [C, H, W]")
    elif not isinstance(ask, list) or not ask or not set(ask) <= {"shape", "params", "macs", "rf"}:
        problem = say(zh="ask 必须是 shape、params、macs、rf 中若干项的列表",
                      en="ask must be a list of some of shape, params, macs, rf")
    else:
        try:
            for line in layers:
                check_layer_line(line)
        except LayerSpecError as err:
            problem = str(err)
    if problem:
        raise ManifestError(say(zh="{w}：练习 {i!r}：{p}", en="{w}: exercise {i!r}: {p}", w=where, i=raw["id"], p=problem))
    return {"layers": tuple(layers), "input_shape": tuple(shape), "ask": tuple(ask)}


def _parse_lesson(raw, index):
    where = say(zh="清单第 {n} 课", en="manifest lesson #{n}", n=index + 1)
    for key in ("number", "slug", "minutes"):
        if key not in raw:
            raise ManifestError(say(zh="{w}：缺少 '{k}'", en="{w}: missing '{k}'", w=where, k=key))
    where = say(zh="清单中的课 {n:02d}_{s}", en="manifest lesson {n:02d}_{s}", n=raw["number"], s=raw["slug"])
    exercises = tuple(_parse_exercise(e, where) for e in raw.get("exercise", []))
    ids = [e.id for e in exercises]
    if len(set(ids)) != len(ids):
        raise ManifestError(say(zh="{w}：练习 id 有重复：{ids}", en="{w}: duplicate exercise id in {ids}",
                                w=where, ids=ids))
    return Lesson(number=raw["number"], slug=raw["slug"], minutes=raw["minutes"],
                  title=_bilingual(raw, "title", where),
                  objectives=_bilingual(raw, "objectives", where),
                  exercises=exercises, trains=bool(raw.get("trains", False)))


def load_manifest(root=None):
    """Read and validate ``course/manifest.toml``; raise ManifestError naming the problem.

    Without ``root``: the course folder around the current folder (``course_root``), else
    the manifest installed with the package (``PACKAGED_MANIFEST``) with the current folder
    as root, else the ManifestError of ``course_root``.
    """
    if root is not None:
        return read_manifest(Path(root) / MANIFEST, Path(root))
    try:
        root = course_root()
    except ManifestError:
        if not PACKAGED_MANIFEST.is_file():
            raise
        return read_manifest(PACKAGED_MANIFEST, Path(os.getcwd()))
    return read_manifest(root / MANIFEST, root)


def read_manifest(path, root):
    """The Manifest in the file ``path``, for the course folder ``root``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(say(zh="{p}：找不到这个文件", en="{p}: not found", p=path)) from None
    except tomllib.TOMLDecodeError as err:
        raise ManifestError(say(zh="{p}：不是有效的 TOML（{e}）", en="{p}: not valid TOML ({e})", p=path, e=err)) from None
    lessons = tuple(_parse_lesson(raw, i) for i, raw in enumerate(data.get("lesson", [])))
    for attr in ("number", "slug"):
        values = [getattr(lesson, attr) for lesson in lessons]
        repeated = sorted({v for v in values if values.count(v) > 1}, key=str)
        if repeated:
            raise ManifestError(say(zh="{p}：课的 {a} 重复：{v!r}", en="{p}: duplicate lesson {a} {v!r}",
                                    p=path, a=attr, v=repeated[0]))
    title = _bilingual(data.get("course", {}), "title", f"{path} [course]")
    raw_lessons = data.get("lesson", [])
    by_number = lambda l: l.number  # noqa: E731
    finished = tuple(sorted((l for l, raw in zip(lessons, raw_lessons) if not raw.get("draft")), key=by_number))
    drafts = tuple(sorted((l for l, raw in zip(lessons, raw_lessons) if raw.get("draft")), key=by_number))
    return Manifest(title=title, lessons=finished, drafts=drafts, root=root)
