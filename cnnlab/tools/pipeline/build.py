"""``cnnlab build``: write every student lesson from its solution, in both languages."""

from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.notebooks import paired_texts, read_notebook, write_pair
from cnnlab.tools.pipeline.steps import student_version


def student_notebook(manifest, lesson, lang, solution=None):
    """The student version of one lesson, built in memory from its solution (read here unless
    given; ``student_version`` works on a copy)."""
    if solution is None:
        solution = read_notebook(lesson.path(manifest.root, "solutions", lang))
    return student_version(solution, lang)


def expected_lesson_files(manifest, lesson, lang, solution=None):
    """``{path: text}`` that ``build`` writes for one lesson in one language."""
    nb = student_notebook(manifest, lesson, lang, solution)
    return paired_texts(nb, lesson.path(manifest.root, "lessons", lang))


def build(manifest, lessons=None):
    """Write ``lessons/{zh,en}/NN_slug.{ipynb,py}`` for the given (default: all) lessons.

    Returns the list of files whose content changed.
    """
    changed = []
    for lesson in lessons or manifest.lessons:
        for lang in LANGUAGES:
            nb = student_notebook(manifest, lesson, lang)
            changed += write_pair(nb, lesson.path(manifest.root, "lessons", lang))
    return changed
