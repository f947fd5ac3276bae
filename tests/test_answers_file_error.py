"""A malformed answers file is explained in the course language, while the grader's status stays
English (its vocabulary is stable across languages: the gradebook keeps English)."""

import json

import pytest

from cnnlab.exercises.answers import FORMAT, AnswersFileError, load_answers
from cnnlab.i18n import latin_words
from cnnlab.tools.grading.submissions import Submission, read_answers
from tests.helpers import course_manifest

BROKEN = {"not_json": "{not json",
          "wrong_format": json.dumps({"format": "other"}),
          "bad_records": json.dumps({"format": FORMAT, "records": [{"answer": 1}]})}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_the_error_is_chinese_in_a_zh_lesson_and_english_in_an_en_one(tmp_path, lang, kind):
    path = tmp_path / "02_convolution.answers.json"
    path.write_text(BROKEN[kind], encoding="utf-8")
    lang("zh")
    with pytest.raises(AnswersFileError) as zh_error:
        load_answers(path)
    zh_text = str(zh_error.value).replace(str(path), "")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh_text), zh_text
    assert latin_words(zh_text, {"JSON", "cnnlab", "records", "exercise", "format", "other"}) == [], zh_text
    lang("en")
    with pytest.raises(AnswersFileError) as en_error:
        load_answers(path)
    assert str(en_error.value) == zh_error.value.english == en_error.value.english
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in str(en_error.value))


def test_the_grader_reports_a_broken_answers_file_in_english_whatever_the_language(tmp_path, lang):
    lesson = course_manifest().lesson("02")
    answers = tmp_path / f"{lesson.stem}.answers.json"
    answers.write_text("{not json", encoding="utf-8")
    submission = Submission(student="s1", folder=tmp_path, notebook=tmp_path / f"{lesson.stem}.ipynb",
                            answers=answers)
    lang("zh")
    loaded, status = read_answers(submission, lesson)
    assert loaded is None
    assert "不是有效的 JSON" in status.text("zh")       # the student's page says it in the lesson's language
    status = str(status)
    assert status.startswith("malformed: answers file: ") and "not valid JSON" in status, status
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in status), status
