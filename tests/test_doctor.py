"""``cnnlab doctor``: each check says what it found and, when something is wrong, the fix, in the
student's language; a failed check makes the exit code 1."""

import importlib.util

from cnnlab import doctor
from cnnlab.data import sources
from cnnlab.tools import cli
from cnnlab.tools.commands.student import cmd_doctor


def test_the_report_has_one_line_per_check_in_english(lang):
    lang("en")
    text = doctor.report()
    lines = text.splitlines()
    assert lines[0].startswith("cnnlab doctor: Python ")
    names = ["course", "PyTorch", "data", "CJK font", "answers file", "student id", "JupyterLab in Chinese"]
    assert [line.split(":")[0][2:] for line in lines[1:1 + len(names)]] == names
    assert "torch " in text and ("CPU build" in text or "CUDA" in text)


def test_the_report_is_chinese_in_zh(lang):
    from cnnlab.i18n import latin_words
    lang("zh")
    text = doctor.report()
    assert "课程：" in text and "训练设备：" in text and "作答文件：" in text
    for line in text.splitlines()[1:]:
        head = line.split("：", 1)[0]
        assert latin_words(head, {"PyTorch", "JupyterLab"}) == [], line


def test_a_folder_that_cannot_be_written_is_a_problem_with_its_fix(tmp_path, lang):
    lang("en")
    finding = doctor.check_answers(tmp_path / "no-such-folder")
    assert not finding.ok and "cannot write in" in finding.found and "copy the notebook" in finding.fix
    assert doctor.check_answers(tmp_path).ok and list(tmp_path.iterdir()) == []   # the probe is removed


def test_the_student_id_line_says_which_id_or_how_to_set_one(monkeypatch, tmp_path, lang):
    lang("en")
    monkeypatch.setenv("CNNLAB_HOME", str(tmp_path))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("CNNLAB_STUDENT", raising=False)
    none = doctor.check_student()
    assert none.ok and "cnnlab.set_student" in none.found
    monkeypatch.setenv("CNNLAB_STUDENT", "li_na")
    assert "li_na" in doctor.check_student().found


def test_the_language_pack_matters_only_in_chinese(monkeypatch, lang):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "jupyterlab_language_pack_zh_CN" else real(name, *a))
    lang("zh")
    zh = doctor.check_language_pack("zh")
    assert not zh.ok and "pip install jupyterlab-language-pack-zh-CN" in zh.fix
    lang("en")
    assert doctor.check_language_pack("en").ok


def test_no_data_names_where_it_will_go_and_the_ways_to_bring_it(isolated, monkeypatch, lang):
    import dataclasses
    lang("en")
    monkeypatch.setattr(sources, "FASHION_MNIST", dataclasses.replace(sources.FASHION_MNIST, debian_dir=None))
    monkeypatch.setenv(sources.MIRROR_ENV, "http://127.0.0.1:9")
    finding = doctor.check_data()
    assert not finding.ok and "no Fashion-MNIST on this machine" in finding.found
    assert "trying $CNNLAB_DATA_MIRROR=http://127.0.0.1:9 first" in finding.found
    assert "--with-data" in finding.fix and "$CNNLAB_DATA_MIRROR" in finding.fix


def test_a_crashing_check_is_reported_not_raised(monkeypatch, lang, capsys):
    lang("en")
    def broken():
        raise RuntimeError("font cache unreadable")
    monkeypatch.setattr(doctor, "CHECKS", (broken,))
    assert cmd_doctor(type("Args", (), {"lang": None})(), None) == 1
    out = capsys.readouterr().out
    assert "✗ broken: RuntimeError: font cache unreadable" in out and "1 problem(s)" in out


def test_doctor_runs_without_a_manifest(monkeypatch, tmp_path, capsys, lang):
    from cnnlab import manifest as manifest_module
    from cnnlab.manifest import ManifestError
    def nowhere(start=None):
        raise ManifestError("cannot find course/manifest.toml")
    monkeypatch.setattr(manifest_module, "course_root", nowhere)
    monkeypatch.setattr(manifest_module, "PACKAGED_MANIFEST", tmp_path / "absent.toml")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["doctor", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1 and "✗ course: cannot find course/manifest.toml" in out and "✓ PyTorch" in out
