"""A student's progress, read from the answers files the widgets write."""

import pytest

from cnnlab.exercises.answers import record
from cnnlab.exercises.progress import answer_folders, progress
from tests.helpers import ROOT, course_manifest

CONV = course_manifest().lesson("02")


@pytest.fixture
def course(tmp_path):
    for lang in ("zh", "en"):
        (tmp_path / "lessons" / lang).mkdir(parents=True)
    return tmp_path


def test_latest_check_decides_and_both_language_folders_count(course, manifest):
    zh, en = course / "lessons" / "zh", course / "lessons" / "en"
    first, second, third = (e.id for e in CONV.exercises[:3])
    record(first, "code", "def f(): ...", "wrong", stem=CONV.stem, folder=zh)
    record(first, "code", "def f(): ...", "correct", stem=CONV.stem, folder=zh)
    record(second, "numeric", "7", "wrong", stem=CONV.stem, folder=en)     # answered in the other language
    record(third, "numeric", "x", "invalid", stem=CONV.stem, folder=en)    # no answer at all
    result = progress(zh, manifest=manifest, lang="en")
    states = {s.exercise: s.state for s in result.of_lesson(CONV.stem)}
    assert states[first] == "correct" and states[second] == "wrong" and states[third] == "unanswered"
    assert result.points(CONV.stem) == (CONV.exercises[0].points, CONV.max_points)
    assert {s.tries for s in result.of_lesson(CONV.stem) if s.exercise == first} == {2}
    assert result.counts()["correct"] == 1
    assert sum(result.counts().values()) == sum(len(lesson.exercises) for lesson in manifest.lessons)


def test_text_and_table_in_both_languages(course, manifest):
    zh = course / "lessons" / "zh"
    record(CONV.exercises[0].id, "code", "", "correct", stem=CONV.stem, folder=zh)
    text_zh = str(progress(zh, manifest=manifest, lang="zh"))
    text_en = str(progress(zh, manifest=manifest, lang="en"))
    assert text_zh.startswith("练习进度：✓ 正确 1") and CONV.title["zh"] in text_zh
    assert text_en.startswith("Progress: ✓ right 1") and CONV.title["en"] in text_en
    assert f"✓ {CONV.exercises[0].id}" in text_en and f"○ {CONV.exercises[1].id}" in text_en
    page = progress(zh, manifest=manifest, lang="zh")._repr_html_()
    assert "<table>" in page and "#1a7f37" in page and CONV.title["zh"] in page
    assert repr(progress(zh, manifest=manifest, lang="en")) == text_en     # a viewer without HTML


def test_a_broken_answers_file_is_skipped_not_fatal(course, manifest):
    zh = course / "lessons" / "zh"
    (zh / f"{CONV.stem}.answers.json").write_text("{not json", encoding="utf-8")
    result = progress(zh, manifest=manifest, lang="en")
    assert all(s.state == "unanswered" for s in result.of_lesson(CONV.stem))


def test_folders_read(course):
    assert answer_folders(course) == [course / "lessons" / "zh", course / "lessons" / "en"]
    assert answer_folders(course / "lessons" / "en") == [course / "lessons" / "en", course / "lessons" / "zh"]
    assert answer_folders(course / "lessons") == [course / "lessons"]


def test_progress_command(course, capsys):
    from cnnlab.tools.cli import main

    record(CONV.exercises[0].id, "code", "", "correct", stem=CONV.stem, folder=course / "lessons" / "en")
    assert main(["--root", str(ROOT), "progress", str(course)]) == 0
    assert f"✓ {CONV.exercises[0].id}" in capsys.readouterr().out
    assert main(["--root", str(ROOT), "progress", str(course / "nope")]) == 2


def test_a_check_cell_that_passes_counts_without_a_click_and_a_rerun_keeps_one_record(course, manifest, monkeypatch):
    from cnnlab.exercises.answers import load_answers
    from cnnlab.exercises.code import check_function
    zh = course / "lessons" / "zh"
    corr2d = CONV.exercises[0].id

    def stub(X, K):
        raise NotImplementedError

    def mine(X, K):
        return [[25, 31], [43, 49]]

    cases = [(([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [2, 3]]), [[25, 31], [43, 49]])]
    monkeypatch.chdir(zh)
    check_function(corr2d, stub, cases, lesson=CONV.stem)    # the untouched stub: nothing recorded
    assert not (zh / f"{CONV.stem}.answers.json").exists()
    for _ in range(3):                                       # Run All, three times
        check_function(corr2d, mine, cases, lesson=CONV.stem)
    records = load_answers(zh / f"{CONV.stem}.answers.json")["records"]
    assert [(r["exercise"], r["via"], r["status"]) for r in records] == [(corr2d, "cell", "correct")]
    states = {s.exercise: s.state for s in progress(zh, manifest=manifest, lang="en").of_lesson(CONV.stem)}
    assert states[corr2d] == "correct"

