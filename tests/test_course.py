"""The manifest and the command line's handling of bad input."""

import socket

import pytest

from cnnlab.manifest import ManifestError
from cnnlab.i18n import LANGUAGES
from tests.helpers import copy_course, run_cli


def test_manifest_lists_lessons_with_both_languages(manifest):
    assert manifest.lessons, "the manifest lists no lesson"
    numbers = [lesson.number for lesson in manifest.lessons]
    assert numbers == sorted(set(numbers))
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            assert lesson.title[lang] and lesson.objectives[lang]
        assert lesson.minutes > 0
        assert len(lesson.exercises) >= 3, f"{lesson.stem} needs at least three exercises"


def test_lesson_lookup_by_number_slug_and_stem(manifest):
    lesson = manifest.lessons[0]
    assert manifest.lesson(lesson.number) is lesson
    assert manifest.lesson(lesson.slug) is lesson
    assert manifest.lesson(lesson.stem) is lesson
    with pytest.raises(ManifestError, match="no lesson"):
        manifest.lesson("99_nothing")


def _broken_manifest(tmp_path, old, new):
    copy_course(tmp_path)
    path = tmp_path / "course" / "manifest.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def _duplicate_first_lesson(tmp_path):
    copy_course(tmp_path)
    path = tmp_path / "course" / "manifest.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("[[lesson]]")
    second = text.find("[[lesson]]", first + 1)
    block = text[first: second if second > 0 else len(text)]
    path.write_text(text + "\n" + block.replace('slug = "', 'slug = "copy_'), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("breakage, expected", [
    (lambda p: _duplicate_first_lesson(p), "duplicate lesson number"),
    (lambda p: _broken_manifest(p, "title.en = \"The convolution operation\"\n", ""), "title.en"),
    (lambda p: _broken_manifest(p, "[[lesson]]", "[[lesson]"), "not valid TOML"),
])
def test_bad_manifest_is_one_line_exit_2(tmp_path, breakage, expected):
    root = breakage(tmp_path)
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_language_is_one_line_exit_2():
    result = run_cli("lab", "--lang", "fr", "--no-browser")
    assert result.returncode == 2
    assert "fr" in result.stderr and "zh" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_port_in_use_is_one_line_exit_2():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("lab", "--no-browser", "--port", str(port))
    assert result.returncode == 2
    assert f"port {port} is in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_port_out_of_range_is_rejected():
    result = run_cli("lab", "--no-browser", "--port", "70000")
    assert result.returncode == 2 and "--port" in result.stderr


def test_root_without_manifest_names_the_file(tmp_path):
    result = run_cli("--root", str(tmp_path), "check", cwd=tmp_path)
    assert result.returncode == 2
    assert "manifest.toml: not found" in result.stderr
