"""``cnnlab collect``: hand-ins from a Canvas zip, a Moodle download, hub homes and loose files."""

import os
import stat
import zipfile
from datetime import datetime

import pytest

from cnnlab.tools.cli import main
from cnnlab.tools.grading import collect as collect_module
from cnnlab.tools.grading.collect import CollectError, clean_name, collect, read_collected
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
CONV = MANIFEST.lesson("02")


def _zip(path, members):
    """``members``: [(name, bytes, (y, m, d, H, M, S))]."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, when in members:
            info = zipfile.ZipInfo(name, date_time=when)
            archive.writestr(info, data)
    return path


def test_copy_marks_of_browsers_jupyter_and_canvas_are_removed():
    assert clean_name("02_convolution (1).ipynb") == ("02_convolution.ipynb", 0)
    assert clean_name("02_convolution-Copy1.ipynb") == ("02_convolution.ipynb", 0)
    assert clean_name("02_convolution-2.ipynb") == ("02_convolution.ipynb", 2)
    assert clean_name("02_convolution.answers-1.json") == ("02_convolution.answers.json", 1)
    assert clean_name("s-12.ipynb", lms_numbers=False) == ("s-12.ipynb", 0)


def test_canvas_zip_takes_the_latest_resubmission_and_records_time_late_and_id(tmp_path):
    source = _zip(tmp_path / "submissions.zip", [
        ("wangxiaoming_1001_5001_02_convolution.ipynb", b'{"v": 1}', (2026, 12, 19, 10, 0, 0)),
        ("wangxiaoming_1001_5002_02_convolution-1.ipynb", b'{"v": 2}', (2026, 12, 20, 9, 0, 0)),
        ("wangxiaoming_1001_5002_02_convolution.answers-1.json", b'{"a": 2}', (2026, 12, 20, 9, 0, 0)),
        ("leealice_LATE_1002_5003_my notebook.ipynb", b'{"v": 3}', (2026, 12, 22, 1, 0, 0)),
        ("zhangsan_1003_5004_report.pdf", b"%PDF", (2026, 12, 18, 1, 0, 0)),
    ])
    out = tmp_path / "subs"
    found = collect(source, out, CONV)
    assert found.source == "canvas"
    assert (out / "wangxiaoming" / "02_convolution.ipynb").read_bytes() == b'{"v": 2}'
    assert (out / "wangxiaoming" / "02_convolution.answers.json").read_bytes() == b'{"a": 2}'
    assert (out / "leealice" / "02_convolution.ipynb").read_bytes() == b'{"v": 3}'
    assert not (out / "zhangsan").exists() and "zhangsan" in found.missing
    assert any("wangxiaoming" in line for line in found.ambiguous)
    rows = read_collected(out)
    assert rows[("wangxiaoming", CONV.stem)]["submitted_at"] == "2026-12-20T09:00:00Z"
    assert rows[("wangxiaoming", CONV.stem)]["lms_id"] == "1001"
    assert rows[("leealice", CONV.stem)]["lms_late"] == "1"
    assert rows[("leealice", CONV.stem)]["lms_key"] == "leealice_LATE_1002_5003"


def test_moodle_download_folders_name_the_student(tmp_path):
    source = _zip(tmp_path / "moodle.zip", [
        ("王小明_12345_assignsubmission_file_/02_convolution.ipynb", b'{"m": 1}', (2026, 12, 19, 1, 2, 3)),
        ("Alice Lee_12346_assignsubmission_file_/notes.txt", b"hi", (2026, 12, 19, 1, 2, 3)),
    ])
    found = collect(source, tmp_path / "subs", CONV)
    assert found.source == "moodle"
    assert (tmp_path / "subs" / "王小明" / "02_convolution.ipynb").read_bytes() == b'{"m": 1}'
    assert found.missing == ["Alice_Lee"]
    assert read_collected(tmp_path / "subs")[("王小明", CONV.stem)]["lms_key"] == "王小明_12345_assignsubmission_file_"


def test_hub_homes_newest_copy_wins_checkpoints_and_links_are_ignored(tmp_path):
    homes = tmp_path / "home"
    old = homes / "amy" / "cnnlab" / "lessons" / "en" / "02_convolution.ipynb"
    new = homes / "amy" / "work" / "02_convolution-Copy1.ipynb"
    checkpoint = homes / "amy" / "work" / ".ipynb_checkpoints" / "02_convolution-checkpoint.ipynb"
    for path, data, when in ((old, b"old", 1_800_000_000), (new, b"new", 1_800_000_100),
                             (checkpoint, b"ckpt", 1_900_000_000)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (when, when))
    (new.parent / "02_convolution.answers.json").write_bytes(b"{}")
    secret = tmp_path / "secret.ipynb"
    secret.write_bytes(b"secret")
    (homes / "bob").mkdir()
    (homes / "bob" / "02_convolution.ipynb").symlink_to(secret)
    (homes / "carl").mkdir()
    out = tmp_path / "subs"
    found = collect(homes, out, CONV)
    assert found.source == "hub"
    assert (out / "amy" / "02_convolution.ipynb").read_bytes() == b"new"
    assert (out / "amy" / "02_convolution.answers.json").exists()
    assert not (out / "bob").exists() and found.missing == ["bob", "carl"]
    assert any("bob" in line for line in found.refused)
    assert read_collected(out)[("amy", CONV.stem)]["submitted_at"] == datetime.utcfromtimestamp(
        1_800_000_100).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_hub_answers_from_both_language_folders_are_merged(tmp_path):
    import json
    from cnnlab.exercises.answers import FORMAT
    lessons = tmp_path / "home" / "amy" / "cnnlab" / "lessons"
    for lang, exercise, time in (("zh", "a", "2026-12-01T10:00:00Z"), ("en", "b", "2026-12-02T10:00:00Z")):
        (lessons / lang).mkdir(parents=True)
        (lessons / lang / "02_convolution.ipynb").write_text("{}", encoding="utf-8")
        (lessons / lang / "02_convolution.answers.json").write_text(json.dumps(
            {"format": FORMAT, "lesson": "02_convolution",
             "records": [{"exercise": exercise, "answer": "1", "time": time}]}), encoding="utf-8")
    collect(tmp_path / "home", tmp_path / "subs", CONV)
    merged = json.loads((tmp_path / "subs" / "amy" / "02_convolution.answers.json").read_text(encoding="utf-8"))
    assert [r["exercise"] for r in merged["records"]] == ["a", "b"]
    (lessons / "zh" / "02_convolution.answers.json").write_text("not json", encoding="utf-8")
    collect(tmp_path / "home", tmp_path / "subs2", CONV)          # a broken one: the notebook's own folder's
    assert (tmp_path / "subs2" / "amy" / "02_convolution.answers.json").is_file()


def test_loose_hand_ins_are_named_by_their_file(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "s-12.ipynb").write_bytes(b"a")
    (drop / "li_02_convolution (1).ipynb").write_bytes(b"b")
    (drop / "li_02_convolution.answers.json").write_bytes(b"c")
    found = collect(drop, tmp_path / "subs", CONV)
    assert found.source == "handins" and sorted(found.collected) == ["li", "s-12"]
    assert (tmp_path / "subs" / "li" / "02_convolution.answers.json").read_bytes() == b"c"


def test_a_hostile_zip_never_writes_outside_out_dir_nor_reads_past_the_caps(tmp_path, monkeypatch):
    monkeypatch.setattr(collect_module, "MAX_FILE_BYTES", 1000)
    link = zipfile.ZipInfo("linkx_1_2_02_convolution.ipynb", date_time=(2026, 1, 1, 0, 0, 0))
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    source = tmp_path / "evil.zip"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("../../escape_1_2_02_convolution.ipynb", b"x")
        archive.writestr("..._3_4_02_convolution.ipynb", b"dots")
        archive.writestr(link, "/etc/passwd")
        archive.writestr("bomb_5_6_02_convolution.ipynb", b"0" * 10**6)   # 1 MB from a few kB
        archive.writestr("fine_7_8_02_convolution.ipynb", b"ok")
    out = tmp_path / "deep" / "subs"
    found = collect(source, out, CONV)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                     if p.is_file() and not p.name.startswith("."))
    assert written == ["deep/subs/collected.csv", "deep/subs/fine/02_convolution.ipynb", "evil.zip"]
    assert sorted(found.collected) == ["fine"]
    assert len(found.refused) == 3      # the path outside, the link, the bomb


def test_student_names_become_safe_folder_names():
    assert collect_module.student_folder("../../etc") == "etc"
    assert collect_module.student_folder("王 小明") == "王_小明"
    assert collect_module.student_folder("_hidden") == "hidden"
    assert collect_module.student_folder("collected.csv") == "collected.csv_"
    assert collect_module.student_folder("...") == ""


def test_names_from_a_source_are_printed_and_stored_harmlessly(tmp_path, capsys):
    assert collect_module.shown("a\x1b[2Jb") == "a?[2Jb" and collect_module.shown("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "=cmd\x1b[31m_02_convolution.ipynb").write_bytes(b"{}")
    found = collect(drop, tmp_path / "subs", CONV)
    origin = read_collected(tmp_path / "subs")[(next(iter(found.collected)), CONV.stem)]["origin"]
    assert origin.startswith("'=") and "\x1b" not in origin and "\x1b" not in collect_module.report(found, CONV)


def test_not_a_zip_is_refused_by_name(tmp_path):
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CollectError, match="x.zip"):
        collect(bad, tmp_path / "subs", CONV)


def test_collect_command_prints_found_ambiguous_missing(tmp_path, capsys):
    source = _zip(tmp_path / "s.zip", [("ann_1_1_02_convolution.ipynb", b"{}", (2026, 1, 1, 0, 0, 0))])
    roster = tmp_path / "roster.csv"
    roster.write_bytes("student,name\nann,Ann\nbo,薄\n".encode("gbk"))
    code = main(["--root", str(ROOT), "collect", str(source), str(tmp_path / "subs"), "--lesson", "02",
                 "--roster", str(roster)])
    out = capsys.readouterr().out
    assert code == 0 and "1" in out and "bo" in out


def test_grade_refuses_a_folder_without_student_subfolders(tmp_path, capsys):
    (tmp_path / "02_convolution.ipynb").write_text("{}", encoding="utf-8")
    code = main(["--root", str(ROOT), "grade", "02", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--no-sandbox"])
    err = capsys.readouterr().err
    assert code == 2 and "cnnlab collect" in err and "02_convolution.ipynb" in err
    assert not (tmp_path / "out").exists()
