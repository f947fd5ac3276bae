"""Every lesson graded end to end in the sandbox: the reference solution (with a correct answers
file) earns every point of every exercise; the untouched student notebook earns 0.

The student notebook is what ``cnnlab build`` wrote to ``lessons/``; the reference submission is
that notebook with the solution's answer cells put back (``tests/grading_cases``). One batch per
lesson, two lessons at a time (the equivalent of ``--jobs 2``). The untouched notebook is graded in
both languages (an untouched answer cell is settled without a kernel); the reference in one language
per lesson, alternating (zh for even lesson numbers, en for odd), so both languages are graded
across the course at half the kernels: the two languages' code cells are the same (``cnnlab check``
rule 4) and carry the same exercise tags (rule 7).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from cnnlab.tools.grading.batch import grade_batch
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.gradebook import read_rows
from cnnlab.tools.grading.status import status_word
from tests import grading_cases as cases
from tests.helpers import course_manifest, needs_bwrap

MANIFEST = course_manifest()
LANGS = ("en", "zh")


def reference_language(lesson):
    """The language whose reference submission is graded for ``lesson``: zh for even numbers, en for odd."""
    return "zh" if int(lesson.stem[:2]) % 2 == 0 else "en"
pytestmark = [needs_bwrap, pytest.mark.slow]  # every lesson graded in the sandbox


@pytest.fixture(scope="module")
def gradebook(tmp_path_factory):
    root = tmp_path_factory.mktemp("lessons")

    def grade(lesson):     # one OUT_DIR per lesson: two batches never merge into one gradebook at once
        subs = root / lesson.stem
        lang = reference_language(lesson)
        answers = cases.answers_file(lesson, cases.solution_answers(MANIFEST, lesson, lang, student=f"reference_{lang}"))
        cases.write_submission(subs, f"reference_{lang}", lesson, cases.perfect_notebook(MANIFEST, lesson, lang),
                               answers)
        for lang in LANGS:
            cases.write_submission(subs, f"untouched_{lang}", lesson, cases.student(MANIFEST, lesson, lang))
        grade_batch(MANIFEST, lesson, subs, root / "out" / lesson.stem, jobs=1, limits=Limits(memory_mib=3072),
                    log=lambda *_: None)
        return read_rows(root / "out" / lesson.stem)

    with ThreadPoolExecutor(max_workers=2) as pool:   # two lessons at a time: --jobs 2 in effect
        return [row for rows in pool.map(grade, MANIFEST.lessons) for row in rows]


def test_every_lesson_was_graded_and_both_languages_were(gradebook):
    seen = {(row["lesson"], row["student"]) for row in gradebook}
    for lesson in MANIFEST.lessons:
        assert (lesson.stem, f"reference_{reference_language(lesson)}") in seen
        for lang in LANGS:
            assert (lesson.stem, f"untouched_{lang}") in seen
    assert {reference_language(lesson) for lesson in MANIFEST.lessons} == set(LANGS)


def test_the_reference_solution_earns_every_point(gradebook):
    problems = [f"{r['lesson']}/{r['student']}/{r['exercise']}: {r['status']}" for r in gradebook
                if r["student"].startswith("reference") and (status_word(r["status"]) != "ok"
                                                               or float(r["points"]) != float(r["max_points"]))]
    assert not problems, "\n".join(problems)
    for lesson in MANIFEST.lessons:
        lang = reference_language(lesson)
        total = sum(float(r["points"]) for r in gradebook
                    if r["lesson"] == lesson.stem and r["student"] == f"reference_{lang}")
        assert total == lesson.max_points, (lesson.stem, lang)


def test_the_untouched_student_notebook_earns_nothing(gradebook):
    rows = [r for r in gradebook if r["student"].startswith("untouched")]
    assert rows and all(float(r["points"]) == 0 for r in rows)
    assert all(status_word(r["status"]) == "unanswered" for r in rows), \
        [r["status"] for r in rows if status_word(r["status"]) != "unanswered"]
