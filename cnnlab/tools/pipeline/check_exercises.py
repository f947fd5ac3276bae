"""``cnnlab check``'s rules about exercises that run code, not only read a notebook's text.

A ``layers`` exercise's reference model runs and its cell calls ``predict_layers`` (rule 7), and
the quick checks with variants make good variants in both languages (rule 16).
"""

from cnnlab.cells import exercise_cells
from cnnlab.i18n import say
from cnnlab.tools.pipeline.notebooks import code_cells, read_notebook
from cnnlab.tools.pipeline.problems import Course, Problem


def check_layers_exercises(manifest, lesson, path, notebook=None):
    """A ``layers`` exercise's reference model builds and runs on its input, and the solution's
    tagged cell calls predict_layers with the exercise's id (the grader scores against the former)."""
    from cnnlab.exercises.layerspec import build_model
    from cnnlab.facts import layer_facts
    problems, cells = [], exercise_cells(notebook or read_notebook(path))
    for exercise in (e for e in lesson.exercises if e.kind == "layers"):
        try:
            layer_facts(build_model(exercise.layers), exercise.input_shape)
        except Exception as err:
            problems.append(Problem("course/manifest.toml",
                                    say(zh="练习 {x!r}：参考模型无法运行：{e}",
                                        en="exercise {x!r}: the reference model does not run: {e}",
                                        x=exercise.id, e=err),
                                    say(zh="修改它的 `layers` 或 `input_shape`", en="fix its layers or input_shape")))
        sources = [cell.source for cell in cells.get(exercise.id, [])]
        if sources and not any("predict_layers" in src and repr(exercise.id) in src.replace('"', "'")
                               for src in sources):
            problems.append(Problem(Course(manifest).rel(path),
                                    say(zh="{x!r} 的单元格没有调用 predict_layers(..., exercise={x!r})",
                                        en="the cell of {x!r} does not call predict_layers(..., exercise={x!r})",
                                        x=exercise.id),
                                    say(zh="在这个单元格里调用它", en="call it there")))
    return problems


def layers_exercises(course):
    return [problem for lesson, _, _, path in course.notebooks("solutions")
            for problem in check_layers_exercises(course.manifest, lesson, path, course.notebook(path))]


def quick_check_variants(notebook):
    """``{exercise: (kind, [Variant], VariantSpecs)}`` of the quick checks with variants in a solution
    notebook (or the path of one)."""
    import ast
    from cnnlab.cells import mask_magics, parse_python
    from cnnlab.exercises.spec import quick_check_calls, variants_of_call
    if not hasattr(notebook, "cells"):
        notebook = read_notebook(notebook)
    found = {}
    for cell in code_cells(notebook):
        if "variants=" not in cell.source:
            continue
        tree = parse_python(mask_magics(cell.source))
        for kind, call in quick_check_calls(tree):
            if any(kw.arg == "variants" for kw in call.keywords):
                found[ast.literal_eval(call.args[0])] = (kind, *variants_of_call(kind, call, tree))
    return found


def variants(course):
    """Rule 16: the variants of every quick check, in each language and between the two."""
    from cnnlab.exercises.spec import SpecError, variant_problems
    from cnnlab.exercises.variants import VariantError
    problems, tables = [], {}
    for lesson, _, lang, path in course.notebooks("solutions"):
        try:
            tables[lesson.stem, lang] = table = quick_check_variants(course.notebook(path))
        except (SpecError, VariantError, SyntaxError) as err:
            problems.append(Problem(course.rel(path), say(zh="无法生成快速检查的变体：{e}",
                                                          en="a quick check's variants cannot be made: {e}", e=err),
                                    say(zh="修改生成变体的函数或 vary(...) 调用",
                                        en="fix the variant function or the vary(...) call")))
            continue
        for exercise, (kind, made, specs) in table.items():
            problems += [Problem(course.rel(path), say(zh="快速检查 {x!r}：{p}", en="quick check {x!r}: {p}",
                                                       x=exercise, p=problem),
                                 say(zh="修改生成变体的函数，或 vary() 传给它的取值",
                                     en="change the variant function or the values vary() gives it"))
                         for problem in variant_problems(kind, made, specs)]
    for lesson, _, _, path in course.both_solutions():
        zh, en = tables.get((lesson.stem, "zh")), tables.get((lesson.stem, "en"))
        if zh is None or en is None:
            continue
        for exercise in sorted(set(zh) | set(en)):
            if exercise not in zh or exercise not in en or zh[exercise][2] != en[exercise][2]:
                problems.append(Problem(course.rel(path),
                                        say(zh="快速检查 {x!r}：中文版和英文版的变体不同（取值、答案或常见错误）",
                                            en="quick check {x!r}: the zh and en variants differ "
                                               "(values, answers or named mistakes)", x=exercise),
                                        say(zh="让两种语言以相同的方式计算这个检查",
                                            en="compute both languages' checks the same way")))
    return problems
