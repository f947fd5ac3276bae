"""``cnnlab check``'s rules 1-7, about the files and the code cells.

Every notebook exists, each pair is in sync, the lessons are built, the zh and en solutions have
the same code, solution regions sit in a function body and the exercise tags match the manifest
(:mod:`cnnlab.tools.pipeline.check` lists every rule).
"""

from cnnlab.cells import exercise_cells
from cnnlab.exercises.spec import SpecError
from cnnlab.exercises.variants import VariantError
from cnnlab.i18n import LANGUAGES, say
from cnnlab.manifest import NOTEBOOK_KINDS as KINDS
from cnnlab.tools.pipeline.build import expected_lesson_files
from cnnlab.tools.pipeline.notebooks import as_py, code_cells, code_tokens
from cnnlab.tools.pipeline.problems import Problem
from cnnlab.tools.markers import BEGIN_SOLUTION, END_SOLUTION, MarkerError, find_regions


# --- 1-3, 5: files, pairs, kernelspecs, built lessons -----------------------------------------

def _sync_fix(course, path):
    """Run jupytext on a pair (named by either of its files)."""
    return say(zh="运行 `jupytext --sync {p}`", en="run `jupytext --sync {p}`", p=course.rel(path))


def _missing_fix(course, kind, path):
    """How to make a missing notebook file."""
    if kind != "solutions":
        return say(zh="运行 `cnnlab build`", en="run `cnnlab build`")
    if path.suffix == ".py":
        return _sync_fix(course, path.with_suffix(".ipynb"))
    return say(zh="写出这份解答（复制另一种语言的代码单元格）",
               en="write the solution (copy the other language's code cells)")


def files_exist(course):
    """Rule 1."""
    manifest, problems, expected = course.manifest, [], set()
    for lesson in manifest.lessons:
        for kind in KINDS:
            for lang in LANGUAGES:
                for ext in (".ipynb", ".py"):
                    path = lesson.path(manifest.root, kind, lang, ext)
                    expected.add(path)
                    if not path.is_file():
                        problems.append(Problem(course.rel(path), say(zh="缺少这个文件", en="missing"),
                                                _missing_fix(course, kind, path)))
    drafts = {lesson.path(manifest.root, kind, lang) for lesson in manifest.drafts
              for kind in KINDS for lang in LANGUAGES}
    for kind in KINDS:
        for lang in LANGUAGES:
            for path in sorted((manifest.root / kind / lang).glob("*.ipynb")):
                if path not in expected and path not in drafts:   # a draft is checked once it is listed
                    problems.append(Problem(
                        course.rel(path),
                        say(zh="不是 course/manifest.toml 中的课", en="not a lesson in course/manifest.toml"),
                        say(zh="把这一课加进课程清单，或删除这个文件",
                            en="add the lesson to the manifest or delete the file")))
    return problems


def kernelspec_and_pair(course):
    """Rules 2 and 5."""
    problems = []
    for _, _, _, path in course.notebooks():
        nb = course.notebook(path)
        if nb.metadata.get("kernelspec", {}).get("name") != "python3":
            problems.append(Problem(
                course.rel(path), say(zh="没有 python3 内核规格", en="no python3 kernelspec"),
                say(zh="运行 `cnnlab execute`（解答）或 `cnnlab build`（学生版课程）",
                    en="run `cnnlab execute` (solutions) or `cnnlab build` (lessons)")))
        py = path.with_suffix(".py")
        if py.is_file() and py.read_text(encoding="utf-8") != as_py(nb, path.parent):
            problems.append(Problem(
                course.rel(py), say(zh="与 {name} 不同步", en="out of sync with {name}", name=path.name),
                say(zh="{run}（以较新的文件为准）", en="{run} (the newer file wins)", run=_sync_fix(course, py))))
    return problems


def lessons_built(course):
    """Rule 3."""
    problems = []
    for lesson, _, lang, path in course.notebooks("solutions"):
        try:
            expected = expected_lesson_files(course.manifest, lesson, lang, course.notebook(path))
        except (SpecError, VariantError, MarkerError) as err:   # a quick check or a region the build refuses
            problems.append(Problem(course.rel(path), say(zh="`cnnlab build` 做不出学生版：{e}",
                                                          en="`cnnlab build` cannot make the student version: {e}",
                                                          e=err),
                                    say(zh="改正这里说的问题，然后运行 `cnnlab build`",
                                        en="fix what it names, then run `cnnlab build`")))
            continue
        for target, text in expected.items():
            if target.is_file() and target.read_text(encoding="utf-8") != text:
                problems.append(Problem(
                    course.rel(target),
                    say(zh="与 `cnnlab build` 生成的内容不同", en="differs from what `cnnlab build` writes"),
                    say(zh="只改 solutions/，不要改 lessons/，然后运行 `cnnlab build`",
                        en="edit solutions/, never lessons/, then run `cnnlab build`")))
    return problems


# --- 4, 6, 7: code cells, solution regions, exercise tags (layers and variants: check_exercises.py) -------------------------------------

def languages_agree(course):
    """Rule 4."""
    problems = []
    for _, zh, en, path in course.both_solutions():
        zh_cells, en_cells = code_cells(zh), code_cells(en)
        if len(zh_cells) != len(en_cells):
            problems.append(Problem(
                course.rel(path),
                say(zh="有 {n_en} 个代码单元格，而中文解答有 {n_zh} 个",
                    en="{n_en} code cells, but the zh solution has {n_zh}", n_en=len(en_cells), n_zh=len(zh_cells)),
                say(zh="让两种语言的代码单元格一致", en="give both languages the same code cells")))
            continue
        for number, (a, b) in enumerate(zip(zh_cells, en_cells)):
            if code_tokens(a.source) != code_tokens(b.source):
                problems.append(Problem(
                    course.rel(path),
                    say(zh="代码单元格 {n}（{line!r}）与中文解答不同", en="code cell {n} ({line!r}) differs from "
                        "the zh solution", n=number, line=_first_line(b.source)[:40]),
                    say(zh="照抄代码；只有注释和显示用的字符串可以不同",
                        en="copy the code; only comments and display strings may differ")))
    return problems


def _first_line(source):
    return source.strip().splitlines()[0] if source.strip() else ""


def solution_regions(course):
    """Rule 6."""
    problems = []
    for _, _, _, path in course.notebooks("solutions"):
        for number, cell in enumerate(course.notebook(path).cells):
            if cell.cell_type != "code":
                continue
            lines = cell.source.split("\n")
            try:
                regions = find_regions(lines, BEGIN_SOLUTION, END_SOLUTION)
            except MarkerError as err:
                problems.append(Problem(course.rel(path), say(zh="代码单元格 {n}：{e}", en="code cell {n}: {e}",
                                                              n=number, e=err),
                                        say(zh="给每个解答区域加上结束标记", en="close every solution region")))
                continue
            problems += [Problem(course.rel(path),
                                 say(zh="代码单元格 {n}：解答区域在顶层（不在函数体内）",
                                     en="code cell {n}: solution region at top level", n=number),
                                 say(zh="把答案放进函数体内，这样学生版仍能从头运行到尾",
                                     en="put the answer inside a function body, so the student version still runs"))
                         for first, _ in regions if not lines[first].startswith((" ", "\t"))]
    return problems


def exercise_tags(course):
    """Rule 7."""
    problems = []
    for lesson, _, _, path in course.notebooks("solutions"):
        tagged = set(exercise_cells(course.notebook(path)))
        listed = {exercise.id for exercise in lesson.exercises}
        problems += [Problem(course.rel(path),
                             say(zh="练习 {x!r} 没有带 'exercise:{x}' 标签的单元格",
                                 en="exercise {x!r} has no cell tagged 'exercise:{x}'", x=name),
                             say(zh="给这道练习的单元格加上标签，或从 course/manifest.toml 中删除它",
                                 en="tag the exercise's cells, or remove it from course/manifest.toml"))
                     for name in sorted(listed - tagged)]
        problems += [Problem(course.rel(path),
                             say(zh="有单元格带 'exercise:{x}' 标签，但课程清单里没有这道练习",
                                 en="cells tagged 'exercise:{x}' but the manifest has no such exercise", x=name),
                             say(zh="把这道练习（连同分值）加进 course/manifest.toml",
                                 en="add the exercise (with its points) to course/manifest.toml"))
                     for name in sorted(tagged - listed)]
    return problems
