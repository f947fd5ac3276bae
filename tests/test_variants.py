"""Quick checks with variants: each student their own numbers, from the widget to the gradebook.

Lesson 02's two quick checks have variants. Two students with different ids see different
numbers, each earns the points for their own answers, and the other's answers earn nothing,
whether typed into one's own widget or handed in as a copied answers file (then flagged).
"""

import html
import json
import zlib
import base64

import pytest

from cnnlab.cells import exercise_cells
from cnnlab.exercises import identity
from cnnlab.exercises.hide import hide_answers_in_source
from cnnlab.exercises.spec import SpecError, quick_check_specs, score_quick_check
from cnnlab.exercises.variants import PACKED, VariantSpecs, unpack, variant_index, vary
from cnnlab.exercises.widgets import Numeric, Shape
from cnnlab.tools.grading.batch import grade_batch, load_solutions
from cnnlab.tools.grading.feedback import render_feedback
from cnnlab.tools.grading.gradebook import read_rows
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.score_recorded import score_quick
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest, needs_bwrap

MANIFEST = course_manifest()
CONV = MANIFEST.lesson("02")
CHECKS = ("conv2_shape", "conv2_params")
ALICE, BOB, CAROL = "alice", "dan", "carol"   # three ids whose variants of both checks differ from alice's
SCRATCH_LESSON = "02_convolution"


def test_the_students_of_these_tests_have_other_variants_than_alice():
    for exercise in CHECKS:
        specs = load_solutions(MANIFEST, CONV)[1]["en"][exercise]
        assert isinstance(specs, VariantSpecs) and len(specs.specs) >= 4
        for other in (BOB, CAROL):
            assert variant_index(exercise, ALICE, len(specs.specs)) != variant_index(exercise, other, len(specs.specs))


def test_a_variant_follows_the_normalized_id_and_ids_spread_over_every_variant():
    assert variant_index("conv2_params", "", 8) == 0 and variant_index("conv2_params", None, 8) == 0
    assert len({variant_index("conv2_params", s, 8) for s in ("Li Na", "li_na", "LINA", " li.na ")}) == 1
    assert {variant_index("conv2_params", f"student{n}", 8) for n in range(200)} == set(range(8))
    assert variant_index("conv2_params", ALICE, 8) == variant_index("conv2_params", ALICE, 8)


def test_the_student_id_comes_from_the_hub_then_the_variable_then_the_saved_file(monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_HOME", str(tmp_path))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("CNNLAB_STUDENT", raising=False)
    assert identity.student_id() == "" and "set_student" in identity.describe_student()
    assert identity.set_student("  li_na ") == "li_na" and identity.student_id() == "li_na"
    assert (tmp_path / identity.ID_FILE).read_text(encoding="utf-8").strip() == "li_na"
    monkeypatch.setenv("CNNLAB_STUDENT", "wang")
    assert identity.student_id() == "wang"
    monkeypatch.setenv("JUPYTERHUB_USER", "hubuser")
    assert identity.student_id() == "hubuser" and "hubuser" in identity.describe_student()


@pytest.mark.parametrize("bad", ["", "   ", "..", 42, None, "x" * 65, "a\x00b"])
def test_set_student_names_the_argument_and_the_fix(bad, lang, monkeypatch, tmp_path):
    monkeypatch.setenv("CNNLAB_HOME", str(tmp_path))
    for language, words in (("en", "set_student(student)"), ("zh", "set_student(student)：")):
        lang(language)
        with pytest.raises(ValueError, match=r"set_student\(student\)") as error:
            identity.set_student(bad)
        assert words in str(error.value)
    assert not (tmp_path / identity.ID_FILE).exists()


def _student_cell(exercise, language):
    cells = exercise_cells(read_notebook(CONV.path(ROOT, "lessons", language)))
    return "\n".join(c.source for c in cells[exercise])


def _widget(exercise, language, student, monkeypatch):
    """The widget of lesson 02's student version as ``student`` sees it (no id: "")."""
    if student:
        monkeypatch.setenv("CNNLAB_STUDENT", student)
    else:
        monkeypatch.delenv("CNNLAB_STUDENT", raising=False)
    made = []
    classes = {"shape": Shape, "numeric": Numeric}
    exec(_student_cell(exercise, language),
         {kind: (lambda cls: lambda *a, **k: made.append(cls(*a, **k)))(cls) for kind, cls in classes.items()})
    [widget] = made
    return widget


@pytest.mark.parametrize("language", ["zh", "en"])
def test_two_students_see_different_numbers_and_only_their_own_answer_is_right(language, lang, scratch, monkeypatch):
    lang(language)
    for exercise in CHECKS:
        answers = {s: cases.solution_answers(MANIFEST, CONV, language, student=s)[exercise] for s in (ALICE, BOB)}
        assert answers[ALICE] != answers[BOB]
        alice, bob = (_widget(exercise, language, s, monkeypatch) for s in (ALICE, BOB))
        assert alice.prompt != bob.prompt and alice.variant != bob.variant
        assert ALICE in alice.text() and BOB in bob.text()
        assert bob.check(answers[ALICE]).startswith("✗")          # the answer posted in the class chat
        assert bob.check(answers[BOB]).startswith("✓")
        assert alice.check(answers[ALICE]).startswith("✓")
        default = _widget(exercise, language, "", monkeypatch)      # no id: variant 1, and how to set one
        assert "cnnlab.set_student" in default.text()
        assert default.variant == load_solutions(MANIFEST, CONV)[1][language][exercise].labels[0]
    records = json.loads((scratch / "02_convolution.answers.json").read_text(encoding="utf-8"))["records"]
    assert {(r["student"], r["status"]) for r in records} == {(BOB, "wrong"), (BOB, "correct"), (ALICE, "correct")}
    assert all(r["variant"] for r in records)


def _answers(student, exercise_answers, *, variant_of=None):
    """An answers file whose records say they were answered as ``variant_of`` (default: ``student``)."""
    data = cases.answers_file(CONV, exercise_answers)
    by = variant_of or student
    for record in data["records"]:
        variant = cases.variant_of(MANIFEST, CONV, record["exercise"], by)
        record.update(variant=variant.label, student=by)
    return data


def test_answers_shared_between_two_students_are_graded_wrong():
    _, specs, _ = load_solutions(MANIFEST, CONV)
    mine = {e: cases.solution_answers(MANIFEST, CONV, student=ALICE)[e] for e in CHECKS}
    for exercise in (e for e in CONV.exercises if e.id in CHECKS):
        spec = specs["en"][exercise.id]
        own = score_quick(exercise, spec, _answers(ALICE, mine), "", student=ALICE)
        assert (own.status, own.points) == ("ok", exercise.points) and own.details["variant"]
        typed = score_quick(exercise, spec, _answers(BOB, mine), "", student=BOB)   # typed into his own widget
        assert (typed.status, typed.points) == ("wrong", 0)
        copied = score_quick(exercise, spec, _answers(BOB, mine, variant_of=ALICE), "", student=BOB)  # alice's file
        assert copied.points == 0 and copied.status.startswith("wrong; answered variant")
        assert f'(student id "{ALICE}")' in copied.status and f'of student id "{BOB}"' in copied.status
        assert copied.status.endswith("; right for the variant answered")
        assert "claims 'correct'" not in copied.status
        zh = copied.state.text("zh")
        assert "作答的是变体" in zh and f"学号 “{BOB}” 的变体" in zh and "对作答时的那个变体是正确的" in zh, zh
        for language, words in (("zh", "按你学号的变体评分："), ("en", "Graded with the variant of your id:")):
            page = render_feedback([{"student": BOB, "lesson": CONV.stem, "lang": language, "graded_at": "t",
                                     "results": [copied.to_record()]}], {CONV.stem: CONV.title})
            assert words in page and html.escape(copied.details["variant"]) in page


@needs_bwrap
def test_a_batch_grades_each_student_against_their_own_variant(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    alice = {e: cases.solution_answers(MANIFEST, CONV, student=ALICE)[e] for e in CHECKS}
    untouched = cases.student(MANIFEST, CONV)
    cases.write_submission(subs, ALICE, CONV, untouched, _answers(ALICE, alice))
    cases.write_submission(subs, BOB, CONV, untouched, _answers(BOB, alice))              # alice's numbers
    cases.write_submission(subs, CAROL, CONV, untouched, _answers(CAROL, alice, variant_of=ALICE))  # her file
    grade_batch(MANIFEST, CONV, subs, out, jobs=2, limits=Limits(memory_mib=3072), log=lambda *_: None)
    rows = {(r["student"], r["exercise"]): r for r in read_rows(out) if r["exercise"] in CHECKS}
    for exercise in CHECKS:
        assert rows[ALICE, exercise]["status"] == "ok"
        assert rows[BOB, exercise]["status"] == "wrong" and float(rows[BOB, exercise]["points"]) == 0
        assert rows[CAROL, exercise]["status"].startswith("wrong; answered variant")
        assert float(rows[CAROL, exercise]["points"]) == 0


def test_the_student_version_holds_keys_and_sealed_text_for_every_variant():
    for language in ("zh", "en"):
        for exercise in CHECKS:
            shown = _student_cell(exercise, language)
            assert "vary(" not in shown and "_check(" not in shown and "def " not in shown
            packed = next(line for line in shown.splitlines() if PACKED in line)
            data = packed.split(PACKED, 1)[1].split('"', 1)[0]
            entries = json.loads(zlib.decompress(base64.b64decode(data)).decode())
            assert len(entries) >= 4 and all("answer" not in e for e in entries)
            assert all(e["explanation"].startswith("sealed:") for e in entries)
            text = json.dumps(entries, ensure_ascii=False)
            if exercise == "conv2_params":        # no variant's answer is readable in the unpacked data
                for variant in cases.variants_of(MANIFEST, CONV, exercise, language):
                    answer = variant.fields["answer"]
                    assert str(answer) not in text and f"{answer:,}" not in text, variant.label
            [student_specs] = quick_check_specs(shown)
            assert [s.key for s in student_specs.specs] == [u.fields["key"] for u in unpack(PACKED + data)]


SOURCE = '''def q_check(n):
    return dict(answer=n * n, prompt=f"What is {n} squared?", hint="n · n",
                explanation=f"{n} · {n} = {n * n}", mistakes=[("doubled", 2 * n, "that is 2n")])


numeric("q", digits=0, variants=vary(q_check, n=[3, 5, 7, 9]))
'''


def test_a_variant_check_round_trips_through_the_build():
    student = hide_answers_in_source(SOURCE)
    assert "q_check" not in student and student.startswith('numeric("q", digits=0, variants="cnnlab-variants/1:')
    [solution_specs], [student_specs] = quick_check_specs(SOURCE), quick_check_specs(student)
    assert solution_specs == student_specs and student_specs.labels == ("n=3", "n=5", "n=7", "n=9")
    for n, spec in zip((3, 5, 7, 9), student_specs.specs):
        assert score_quick_check(spec, str(n * n)) and not score_quick_check(spec, str(2 * n))
    assert hide_answers_in_source(student) == student               # building twice changes nothing


@pytest.mark.parametrize("broken, words", [
    (SOURCE.replace('("doubled", 2 * n,', '("doubled", n * n,'), "mistake 'doubled' is the right answer"),
    (SOURCE.replace("n=[3, 5, 7, 9]", "n=[3, 3, 3, 5]"), "2 distinct answers among 4 variants"),
    (SOURCE.replace('prompt=f"What', 'prompt="What'), "placeholder"),
    (SOURCE.replace("def q_check", "def other"), "define q_check in the same cell"),
    (SOURCE.replace("n=[3, 5, 7, 9]", "n=list(range(4))"), "literals"),
    (SOURCE.replace("answer=n * n,", ""), "must return a dict with an answer"),
])
def test_the_build_refuses_a_broken_variant_function_and_says_what_is_wrong(broken, words):
    with pytest.raises(SpecError, match=r"quick check 'q'") as error:
        hide_answers_in_source(broken)
    assert words in str(error.value), str(error.value)


def test_vary_needs_a_function_and_value_lists():
    with pytest.raises(ValueError, match="function"):
        vary("q_check", n=[1])
    with pytest.raises(ValueError, match="non-empty list"):
        vary(lambda n: {"answer": n}, n=5)


# --- found by attacking the feature (a review of this issue) ---------------------------------

def test_a_tljh_home_folder_is_the_same_student_as_its_hub_user():
    """TLJH runs hub user amy in /home/jupyter-amy, and `cnnlab collect` names her hand-in after that folder."""
    assert identity.normalized_id("jupyter-amy") == identity.normalized_id("amy") == "amy"
    for exercise in CHECKS:
        assert variant_index(exercise, "jupyter-amy", 12) == variant_index(exercise, "amy", 12)


def test_a_long_hub_name_picks_the_same_variant_in_the_widget_and_the_grader(monkeypatch):
    name = "maria_fernanda_" + "x" * 70                      # longer than set_student allows
    monkeypatch.setenv("JUPYTERHUB_USER", name)
    assert identity.student_id() == name
    assert variant_index("conv2_shape", identity.student_id(), 12) == variant_index("conv2_shape", name, 12)


def test_a_number_beyond_decimals_range_is_not_an_answer_and_never_breaks_the_grader(lang):
    lang("en")
    _, specs, _ = load_solutions(MANIFEST, CONV)
    exercise = next(e for e in CONV.exercises if e.id == "conv2_params")
    for raw in ("1e1000000", "-1E+999999999 parameters", "1e-1000000"):
        assert not score_quick_check(specs["en"][exercise.id].specs[0], raw)
        result = score_quick(exercise, specs["en"][exercise.id], cases.answers_file(CONV, {exercise.id: raw}), "")
        assert result.status == "wrong" and result.points == 0
        message = Numeric("conv2_params", answer=614656, unit="parameters").check(raw)
        assert ("too large" in message) if "e-" not in raw else message.startswith("✗"), (raw, message)


def test_a_unit_typed_in_the_other_language_is_still_right():
    _, specs, _ = load_solutions(MANIFEST, CONV)
    exercise = next(e for e in CONV.exercises if e.id == "conv2_params")
    number = cases.solution_answers(MANIFEST, CONV, student=ALICE)["conv2_params"]
    for typed, lang, other in ((f"{int(number):,} 个参数", "en", "zh"), (f"{number} parameters", "zh", "en")):
        answers = _answers(ALICE, {exercise.id: typed})
        alone = score_quick(exercise, specs[lang][exercise.id], answers, "", student=ALICE)
        both = score_quick(exercise, specs[lang][exercise.id], answers, "", student=ALICE,
                           others=[specs[other][exercise.id]])
        assert (alone.status, both.status, both.points) == ("wrong", "ok", exercise.points), typed


@pytest.mark.parametrize("recorded", ["x; ok; y", 'a" ; error: grader failed: boom', "O'Brien", ["list"], "v" * 500])
def test_a_recorded_variant_cannot_add_status_parts(recorded):
    _, specs, _ = load_solutions(MANIFEST, CONV)
    exercise = next(e for e in CONV.exercises if e.id == "conv2_params")
    answers = cases.answers_file(CONV, {exercise.id: "1"})
    answers["records"][0].update(variant=recorded, student="O'Brien; ok")
    result = score_quick(exercise, specs["en"][exercise.id], answers, "", student=BOB)
    parts = result.status.split("; ")
    assert parts[0] == "wrong" and len(parts) == 2 and parts[1].startswith("answered variant"), result.status
    zh = result.state.text("zh")
    assert zh.startswith("答案不对；作答的是变体") and "通过" not in zh and "评分程序" not in zh, zh


def test_set_student_says_which_rule_an_id_breaks(monkeypatch, tmp_path, lang):
    lang("en")
    monkeypatch.setenv("CNNLAB_HOME", str(tmp_path))
    with pytest.raises(ValueError, match="invisible characters"):
        identity.set_student("li\tna")
    with pytest.raises(ValueError, match="at most 64 characters; got 65"):
        identity.set_student("x" * 65)
    assert identity.set_student("li_na\n") == "li_na"          # a trailing line break is stripped, not refused


def test_a_shape_with_chinese_list_commas_reads():
    from cnnlab.exercises.keys import parse_shape
    assert parse_shape("256、51、51") == (256, 51, 51)


def test_a_long_variant_flag_is_kept_whole_or_left_out():
    from cnnlab.tools.grading.score_recorded import variant_flag
    from cnnlab.tools.grading.status import MAX_STATUS, Status
    flag = variant_flag("v" * 200, "a" * 200, "w" * 200, "b" * 200)
    status = Status.of("wrong").flagged(flag)
    assert len(flag.text("en")) < MAX_STATUS - len("wrong; ") and status.text("en") == "wrong; " + flag.text("en")
    assert Status.of("wrong.hidden_case", case="c" * 200).flagged(flag).text("en").count(";") == 0
