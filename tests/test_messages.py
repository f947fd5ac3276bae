"""Every kind of user-facing message comes in Chinese and in English (``say(zh=, en=)``).

One zh and one en case per kind: the manifest, a quick check's spec, the ResNet depth,
the CLI, the site, the grader's summary and the student's feedback page; and a scan
that no English-only ``raise``/``print`` comes back in the modules that were converted.
"""

import re

import pytest

from cnnlab.i18n import latin_words
from tests.helpers import ROOT, course_manifest

# Names a Chinese message may keep: code, formats, units, error classes, proper nouns.
ALLOWED = {"TOML", "JSON", "UTF", "MiB", "Jupyter", "MemoryError", "SystemExit", "TeX", "MathML", "Python",
           "forbid", "source", "exit"}


def _zh_ok(text):
    """No English prose left in a Chinese message."""
    assert re.search(r"[\u4e00-\u9fff]", text), text
    assert latin_words(text, ALLOWED) == [], text


def test_manifest_errors_in_both_languages(tmp_path, lang):
    from cnnlab.manifest import ManifestError, load_manifest
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "manifest.toml").write_text("[[lesson]]\nnumber = 1\nslug = 'a'\n", encoding="utf-8")
    lang("en")
    with pytest.raises(ManifestError, match=r"manifest lesson #1: missing 'minutes'"):
        load_manifest(tmp_path)
    lang("zh")
    with pytest.raises(ManifestError, match="清单第 1 课：缺少 'minutes'") as err:
        load_manifest(tmp_path)
    _zh_ok(str(err.value))
    (tmp_path / "course" / "manifest.toml").write_text("[[lesson\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="不是有效的 TOML"):
        load_manifest(tmp_path)


def test_spec_errors_in_both_languages(lang):
    from cnnlab.exercises.spec import SpecError, make_spec
    lang("en")
    with pytest.raises(SpecError, match="give exactly one of answer="):
        make_spec("numeric", "conv1_params")
    lang("zh")
    with pytest.raises(SpecError, match="必须恰好给出一个") as err:
        make_spec("numeric", "conv1_params")
    _zh_ok(str(err.value))
    with pytest.raises(SpecError, match="常见错误 'right' 就是正确答案"):
        make_spec("numeric", "x", answer=3, mistakes=[("right", 3, "no")])


def test_variant_problems_in_both_languages(lang):
    """What `cnnlab build` and `cnnlab check` say about bad variants: too few answers, an empty prompt,
    a {placeholder} left, two mistakes alike."""
    from cnnlab.exercises.spec import variant_problems, variant_specs
    from cnnlab.exercises.variants import Variant
    alike = [("a", 2, "h"), ("b", 2, "h")]
    made = [Variant(f"n={n}", dict(answer=1, prompt="" if n else "{n} squared?", mistakes=alike)) for n in range(2)]
    specs = variant_specs("numeric", "q", made, digits=0)
    lang("en")
    assert variant_problems("numeric", made, specs) == [
        "1 distinct answers among 2 variants; give at least 4",
        "variant 'n=0': the prompt has a {placeholder} left (an f-string without its f?)",
        "variant 'n=0': two named mistakes give the same wrong answer",
        "variant 'n=1': empty prompt", "variant 'n=1': two named mistakes give the same wrong answer"]
    lang("zh")
    for problem in variant_problems("numeric", made, specs):
        _zh_ok(problem)


def test_resnet_depth_error_in_both_languages(lang):
    from cnnlab.models.resnet import ResNetSmall
    lang("en")
    with pytest.raises(ValueError, match=r"depth must be 6n \+ 2"):
        ResNetSmall(depth=9)
    lang("zh")
    with pytest.raises(ValueError, match=r"深度必须是 6n \+ 2.*收到 9") as err:
        ResNetSmall(depth=9)
    _zh_ok(str(err.value))


def test_cli_errors_in_both_languages(tmp_path, lang, capsys):
    from cnnlab.tools.cli import EXIT_BAD_COMMAND, main
    args = ["--root", str(ROOT), "grade", "02", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]
    lang("en")
    assert main(args) == EXIT_BAD_COMMAND
    assert "cnnlab: error: no submissions folder" in capsys.readouterr().err
    lang("zh")
    assert main(args) == EXIT_BAD_COMMAND
    err = capsys.readouterr().err
    assert err.startswith("cnnlab：错误：没有提交文件夹")
    _zh_ok(err.replace(str(tmp_path), "").replace("cnnlab：", ""))
    assert main(["--root", str(ROOT), "lab", "--port", "70000"]) == EXIT_BAD_COMMAND
    assert "参数 --port：必须在 1 到 65535 之间" in capsys.readouterr().err


def test_cli_output_in_both_languages(lang, capsys):
    from cnnlab.tools.cli import main
    lang("zh")
    assert main(["--root", str(ROOT), "lessons"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert re.search(r"（\d+ 分钟，\d+ 道练习，[\d.]+ 分）$", first), first
    lang("en")
    assert main(["--root", str(ROOT), "lessons"]) == 0
    assert re.search(r"\(\d+ min, \d+ exercises, [\d.]+ points\)$", capsys.readouterr().out.splitlines()[0])


def test_site_source_error_in_both_languages(tmp_path, lang):
    from cnnlab.tools.site import build_site
    manifest = course_manifest()
    lang("en")
    with pytest.raises(ValueError, match="source must be one of"):
        build_site(manifest, tmp_path, source="drafts")
    lang("zh")
    with pytest.raises(ValueError, match="source 必须是") as err:
        build_site(manifest, tmp_path, source="drafts")
    _zh_ok(str(err.value))


def test_language_error_in_both_languages(lang):
    from cnnlab.i18n import LanguageError, check_language
    lang("zh")
    with pytest.raises(LanguageError, match="未知的语言 'fr'"):
        check_language("fr")
    lang("en")
    with pytest.raises(LanguageError, match="unknown language 'fr'"):
        check_language("fr")


def test_grade_summary_in_both_languages(lang):
    from cnnlab.tools.grading import report
    summary = {"lesson": "02_x", "max_points": 5, "exercises": [], "students": {"ann": {"points": 3.0}}}
    lang("en")
    assert "1 student(s) in the gradebook, mean 3.00 / 5" in report.render_text(summary, graded=1)
    assert report.render_text(summary).splitlines()[1].split() == ["exercise", "kind", "max", "mean", "ok", "wrong",
                                                                   "unanswered", "forbidden", "timeout", "error",
                                                                   "missing", "malformed"]
    lang("zh")
    last = report.render_text(summary, graded=1, slowest=[("ann", 2.0)]).splitlines()
    assert last[-2].startswith("成绩册里有 1 名学生，平均 3.00 / 5") and last[-1] == "最慢：ann 2.0 s"
    assert last[1].split()[:6] == ["练习", "类型", "满分", "平均", "通过", "答案不对"] and latin_words(last[1]) == []


# Statuses as score.py, harness.py, submissions.py and the call monitor make them: the gradebook's English
# and the feedback page's Chinese, both rendered from the same data.
def _statuses():
    from cnnlab.tools.grading.status import Status, part
    return [
        (Status.of("ok"), "ok", "通过"),
        (Status.of("wrong").flagged(part("flag.claims_correct")),
         "wrong; the answers file claims 'correct'", "答案不对；答案文件自称“正确”，已忽略"),
        (Status.of("wrong.hidden_case", case="x=3"), "wrong: hidden test failed for x=3", "答案不对：隐藏测试没有通过（x=3）"),
        (Status.of("wrong.mistake", mistake="forgot_bias"), "wrong: forgot_bias", "答案不对：常见错误 forgot_bias"),
        (Status.of("unanswered"), "unanswered", "未作答"),
        (Status.of("forbidden.called", what="cnnlab.ops.conv.corr2d"), "forbidden: called cnnlab.ops.conv.corr2d",
         "调用了禁止的函数：cnnlab.ops.conv.corr2d"),
        (Status.of("timeout.total", seconds=60.0), "timeout: the submission ran past 60 s in all", "超时：整份作业运行超过 60 秒"),
        (Status.of("timeout.exercise_cell", seconds=5.0), "timeout: a cell ran past 5 s in your exercise cell",
         "超时：你的练习单元格运行超过 5 秒"),
        (Status.of("timeout.function", seconds=5), "timeout: your function ran past 5 s", "超时：你的函数运行超过 5 秒"),
        (Status.of("error.died", mib=3072), "error: kernel died (os._exit, a crash or the 3072 MiB memory cap)",
         "出错：内核退出了（os._exit、程序崩溃，或超过 3072 MiB 的内存上限）"),
        (Status.of("error.memory_in_cell", mib=3072), "error: MemoryError in your exercise cell (memory cap 3072 MiB)",
         "出错：你的练习单元格内存不够（MemoryError，上限 3072 MiB）"),
        (Status.of("error.raised_in_cell", what="ZeroDivisionError: division by zero"),
         "error: ZeroDivisionError: division by zero in your exercise cell",
         "出错：你的练习单元格报错 ZeroDivisionError: division by zero"),
        (Status.of("missing.notebook_found", file="02_convolution.ipynb", found="a.ipynb"),
         "missing: no 02_convolution.ipynb in the submission (found a.ipynb)",
         "缺失：提交里没有 02_convolution.ipynb（找到的是 a.ipynb）"),
        (Status.of("malformed.not_json", why="Expecting value, line 1"),
         "malformed: the notebook is not valid JSON (Expecting value, line 1)",
         "文件无法读取：笔记本不是有效的 JSON（Expecting value, line 1）"),
        (Status.of("ok").flagged(part("flag.duplicated", n=2, names="corr2d"), part("flag.graded_last"),
                                 part("flag.used_cells", names="math")),
         "ok; duplicated cells: 2 define corr2d; graded the last one above its check cell; used from your other "
         "cells: math", "通过；有 2 个单元格都定义了 corr2d；评的是检查单元格上方的最后一个；用到了你其他单元格里的 math"),
        (Status.of("ok").flagged(part("flag.below_check")), "ok; answer found below its check cell",
         "通过；答案在检查单元格的下方"),
        (Status.of("error.grader_machine", english="the grading machine cannot start a student's kernel",
                   chinese="评分机器无法启动学生的内核"),
         "error: grader failed: the grading machine cannot start a student's kernel",
         "出错：评分程序自己出了问题，不是你的错，下次评分会重新评（评分机器无法启动学生的内核）"),
        (Status.of("forbidden.monitor_used", what="setprofile"),
         "forbidden: tampered with the call monitor (setprofile in a cell the answer uses)",
         "禁止：答案用到的单元格改动了调用监视器（其中有 setprofile）"),
        (Status.of("malformed.special_file", file="data.npy", kind="a symbolic link", kind_zh="符号链接"),
         "malformed: data.npy is a symbolic link (a submission may hold regular files only)",
         "文件无法读取：data.npy 是符号链接，提交里只能有普通文件"),
    ]


@pytest.mark.parametrize("number", range(len(_statuses())))
def test_a_status_reads_in_either_language_from_the_same_data(number):
    from cnnlab.tools.grading.status import Status
    status, english, chinese = _statuses()[number]
    assert status.text("en") == str(status) == english        # the gradebook's stable English
    assert status.text("zh") == chinese
    again = Status.from_data(status.to_data())                 # as the results file stores it
    assert again.text("zh") == chinese and again.word == status.word == english.split(":")[0].split(";")[0]


def test_every_status_code_has_chinese_words_and_english_that_starts_with_its_word():
    from cnnlab.tools.grading.status import STATUS_WORDS
    from cnnlab.tools.grading.status_messages import MESSAGES
    for code, (zh, en) in MESSAGES.items():
        assert latin_words(zh, ALLOWED) == [], (code, zh)
        names_zh, names_en = set(re.findall(r"{(\w+)", zh)), set(re.findall(r"{(\w+)", en))
        assert names_zh <= names_en | {"chinese", "kind_zh"} and names_en <= names_zh | {"english", "kind"}, code
        if code.split(".")[0] not in ("flag", "text"):
            assert code.split(".")[0] in STATUS_WORDS and en.split(":")[0] == code.split(".")[0], code


def test_every_status_the_grader_makes_has_wording_for_its_values():
    """Each ``Status.of("code", …)`` / ``part("code", …)`` in the grader names a code of MESSAGES and passes
    the values its wording needs, none named like say()'s own arguments (zh, en, lang)."""
    import ast
    from cnnlab.tools.grading.status_messages import MESSAGES
    calls = []
    for path in sorted((ROOT / "cnnlab").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("of", "part", "Unreadable") and isinstance(node.args[0].value, str) and "." in node.args[0].value:
                calls.append((path.name, node.args[0].value, {k.arg for k in node.keywords if k.arg},
                              any(k.arg is None for k in node.keywords)))
            code = next((k.value.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)), "")
            values = next((k.value for k in node.keywords if k.arg == "values"), None)
            if name == "Stop" and code:                            # reference.py: the hidden tests' own reasons
                literal = isinstance(values, ast.Dict)
                calls.append((path.name, code, {key.value for key in values.keys} if literal else set(), not literal))
    assert len(calls) >= 50, len(calls)
    for file, code, given, spread in calls:
        assert code in MESSAGES, (file, code)
        wanted = set().union(*(re.findall(r"{(\w+)", text) for text in MESSAGES[code]))
        assert spread or given == wanted, (file, code, given, wanted)     # (**values: checked where they are made)
        assert not given & {"zh", "en", "lang"}, (file, code)
    for family in ("error.died", "error.memory", "error.exit", "error.raised", "forbidden.grader_modules",
                   "forbidden.monitor"):                          # codes made by adding a suffix
        assert {family, family + ("_in_cell" if family.startswith("error") else "_used")} <= set(MESSAGES), family


def test_a_status_keeps_whole_flags_only_in_either_language():
    from cnnlab.tools.grading.status import MAX_STATUS, Part, Status
    status = Status.of("wrong").flagged(Part("text", {"text": "x" * 100}), Part("text", {"text": "y" * 200}))
    assert status.text("en") == "wrong; " + "x" * 100 and status.text("zh") == "答案不对；" + "x" * 100
    assert len(Status.of("error.raised", what="e" * 1000).text("en")) <= MAX_STATUS


def test_the_feedback_page_shows_the_status_in_the_lessons_language():
    from cnnlab.tools.grading.feedback import render_feedback
    from cnnlab.tools.grading.score import Result
    from cnnlab.tools.grading.status import Status
    lesson = course_manifest().lesson("02")
    result = Result("corr2d", "code", 3, Status.of("timeout.function", seconds=5)).to_record()
    assert result["status"] == "timeout: your function ran past 5 s"
    record = {"student": "ann", "lesson": lesson.stem, "graded_at": "t", "results": [result]}
    zh = render_feedback([{**record, "lang": "zh"}], {lesson.stem: lesson.title})
    assert "超时：你的函数运行超过 5 秒" in zh and "your function ran past" not in zh
    en = render_feedback([{**record, "lang": "en"}], {lesson.stem: lesson.title})
    assert "timeout: your function ran past 5 s" in en
    older = {**result, "status_data": None}         # a results file written before statuses were data
    page = render_feedback([{**record, "results": [older], "lang": "zh"}], {lesson.stem: lesson.title})
    assert "timeout: your function ran past 5 s" in page
    forbidden = {**older, "status": "forbidden: called cnnlab.ops.conv.corr2d"}
    page = render_feedback([{**record, "results": [forbidden], "lang": "en"}], {lesson.stem: lesson.title})
    assert "your function used one: cnnlab.ops.conv.corr2d." in page


def test_a_status_of_the_students_own_exception_without_a_message_ends_cleanly():
    from cnnlab.tools.grading.limits import Limits
    from cnnlab.tools.grading.score import _hidden_status
    hidden = {"status": "error", "ename": "ValueError (raised by your function)", "evalue": "", "student": True,
              "raised": "ValueError"}
    status = _hidden_status(hidden, Limits())
    assert str(status) == "error: ValueError (raised by your function)"
    assert status.text("zh") == "出错：你的函数抛出了 ValueError"
    status = _hidden_status({**hidden, "evalue": "bad k"}, Limits())
    assert str(status) == "error: ValueError (raised by your function): bad k"


# The modules whose messages go through say(): no English-only raise or print may come back.
CONVERTED = ["cnnlab/tools/cli.py", "cnnlab/i18n.py", "cnnlab/tools/site/__init__.py", "cnnlab/exercises/spec.py",
             "cnnlab/models/resnet.py", "cnnlab/tools/grading/batch.py", "cnnlab/tools/grading/report.py",
             "cnnlab/tools/grading/feedback.py"]
_BARE = re.compile(r"""(raise \w+(Error|Exception)\(|print\(|sys\.exit\(|warnings\.warn\()\s*f?["']""")


@pytest.mark.parametrize("path", CONVERTED)
def test_no_english_only_message_in(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    bare = [line.strip() for line in text.splitlines() if _BARE.search(line)]
    assert bare == [], f"{path}: wrap these in say(zh=..., en=...): {bare}"


def test_manifest_errors_all_go_through_say():
    text = (ROOT / "cnnlab" / "manifest.py").read_text(encoding="utf-8")
    raises = re.findall(r"raise ManifestError\((\w*)", text)
    assert raises and set(raises) == {"say"}, raises
