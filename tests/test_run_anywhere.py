"""Issue 22, the fast part: the manifest installed with the package, the CLI of a release, the
hosted-service bootstrap cell and links, and a quiet ``cnnlab lab``."""

import ast
import re
import shutil

import nbformat
import pytest

from cnnlab import manifest as manifest_module
from cnnlab.manifest import MANIFEST, ManifestError, load_manifest
from cnnlab.tools import cli
from cnnlab.tools.pipeline.release import hosted
from tests.helpers import ROOT, course_manifest


# --- the manifest installed with the package ------------------------------------------------

@pytest.fixture
def no_course_around(monkeypatch, tmp_path):
    """An empty current folder, no course folder found around it, and a packaged manifest."""
    def nowhere(start=None):
        raise ManifestError("no course folder")
    monkeypatch.setattr(manifest_module, "course_root", nowhere)
    packaged = tmp_path / "site-packages" / "cnnlab" / "course_manifest.toml"
    packaged.parent.mkdir(parents=True)
    shutil.copy(ROOT / MANIFEST, packaged)
    monkeypatch.setattr(manifest_module, "PACKAGED_MANIFEST", packaged)
    alone = tmp_path / "alone"
    alone.mkdir()
    monkeypatch.chdir(alone)
    return alone


def test_without_a_course_folder_the_packaged_manifest_is_read(no_course_around):
    found = load_manifest()
    assert found.root == no_course_around
    assert [l.stem for l in found.lessons] == [l.stem for l in course_manifest().lessons]


def test_without_either_the_error_names_the_course_folder(no_course_around, monkeypatch):
    monkeypatch.setattr(manifest_module, "PACKAGED_MANIFEST", no_course_around / "absent.toml")
    with pytest.raises(ManifestError, match="no course folder"):
        load_manifest()


def test_a_course_folder_wins_over_the_packaged_manifest(tmp_path, monkeypatch):
    packaged = tmp_path / "course_manifest.toml"
    packaged.write_text('[course]\ntitle = { zh = "别的", en = "Other" }\n', encoding="utf-8")
    monkeypatch.setattr(manifest_module, "PACKAGED_MANIFEST", packaged)
    monkeypatch.chdir(ROOT / "lessons" / "en")
    found = load_manifest()
    assert found.root == ROOT and found.title["en"] != "Other"


def test_start_lesson_in_a_lone_folder_records_beside_the_notebook(no_course_around, capsys, lang):
    import cnnlab
    from cnnlab.exercises.answers import answers_path, current_lesson
    lesson = cnnlab.start_lesson("04_receptive_field", lang="zh")      # the lang fixture puts the language back
    assert lesson.number == 4 and "第 04 课" in capsys.readouterr().out
    assert current_lesson() == "04_receptive_field"
    assert answers_path("04_receptive_field").parent == no_course_around


# --- the CLI of a release -------------------------------------------------------------------

def _listed_commands(parser):
    return re.search(r"\{([\w,-]+)\}", parser.format_help()).group(1).split(",")


def test_help_in_a_release_lists_only_the_student_commands():
    assert sorted(_listed_commands(cli.make_parser(student_only=True))) == sorted(cli.STUDENT_COMMANDS)
    authoring = _listed_commands(cli.make_parser(student_only=False))
    assert {"build", "release", "grade", "doctor"} <= set(authoring)


def test_an_author_command_in_a_release_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr(cli, "installed_from_release", lambda: True)
    assert cli.main(["build"]) == cli.EXIT_BAD_COMMAND
    err = capsys.readouterr().err
    assert "`cnnlab build` in the authoring repository" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert cli.main(["nonsense"]) == cli.EXIT_BAD_COMMAND and "invalid choice: 'nonsense'" in capsys.readouterr().err


def test_lessons_markdown_reads_no_pipeline_module(monkeypatch, capsys):
    # A release has no cnnlab.tools.pipeline: make importing it fail, as it does there.
    import sys
    for name in [n for n in sys.modules if n.startswith("cnnlab.tools.pipeline")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "cnnlab.tools.pipeline", None)
    assert cli.main(["--root", str(ROOT), "lessons", "--markdown"]) == 0
    table = capsys.readouterr().out
    first = course_manifest().lessons[1]                          # lesson 01 has a stored full run
    row = next(line for line in table.splitlines() if line.startswith(f"| {first.number:02d} |"))
    assert re.search(r"\| \d+\.\d \|", row), row                     # its computing minutes, read from JSON


# --- hosted notebook services ---------------------------------------------------------------

@pytest.mark.parametrize("url, target, link", [
    ("https://github.com/ann/cnn-course", "git+https://github.com/ann/cnn-course",
     "https://colab.research.google.com/github/ann/cnn-course/blob/main/lessons/zh/02_convolution.ipynb"),
    ("https://github.com/ann/cnn-course.git@spring", "git+https://github.com/ann/cnn-course.git@spring",
     "https://colab.research.google.com/github/ann/cnn-course/blob/spring/lessons/zh/02_convolution.ipynb"),
    ("git+https://gitlab.example.org/ann/cnn", "git+https://gitlab.example.org/ann/cnn", None),
    ("/srv/wheels/cnnlab-0.1.0-py3-none-any.whl", "/srv/wheels/cnnlab-0.1.0-py3-none-any.whl", None),
])
def test_repo_url_gives_the_pip_target_and_the_link(url, target, link):
    assert hosted.pip_target(url) == target
    assert hosted.hosted_link(url, "lessons/zh/02_convolution.ipynb") == link


def test_the_bootstrap_cell_is_the_same_code_in_both_languages_and_comes_before_start_lesson():
    def code(source):
        return ast.dump(ast.parse(source))
    zh, en = (hosted.bootstrap_source("https://github.com/ann/c", lang) for lang in ("zh", "en"))
    assert code(zh) == code(en) and zh != en
    assert "'git+https://github.com/ann/c'" in zh
    nb = nbformat.read(ROOT / "lessons" / "en" / "04_receptive_field.ipynb", as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if "start_lesson(" in c.source)
    hosted.add_bootstrap(nb, "https://github.com/ann/c", "en")
    assert "cnnlab-bootstrap" in nb.cells[start].metadata["tags"] and "start_lesson(" in nb.cells[start + 1].source


def test_an_empty_repo_url_is_refused():
    from cnnlab.tools.pipeline.release.error import ReleaseError
    with pytest.raises(ReleaseError, match="--repo-url is empty"):
        hosted.pip_target("  ")


def test_a_site_lesson_page_links_the_student_lesson_on_the_service():
    from cnnlab.tools.site import hosted_link_cell
    lesson = course_manifest().lesson("02")
    cell = hosted_link_cell(lesson, "zh", "https://github.com/ann/cnn-course")
    assert cell.cell_type == "markdown" and cell.source.startswith("[在 Google Colab 上打开这一课")
    assert "(https://colab.research.google.com/github/ann/cnn-course/blob/main/lessons/zh/02_convolution.ipynb)" \
        in cell.source
    assert hosted_link_cell(lesson, "en", None) is None
    assert hosted_link_cell(lesson, "en", "/srv/cnnlab.whl") is None


def test_the_student_readme_names_no_index_host_and_says_where_the_data_is():
    from cnnlab.tools.pipeline.release.student_files import readme_text
    manifest = course_manifest()
    plain, offline = readme_text(manifest), readme_text(manifest, with_data=True)
    for text in (plain, offline):
        assert "--index-url YOUR_INDEX_URL" in text and "cnnlab doctor" in text
        hosts = re.findall(r"https?://([\w.-]+)", text)
        assert hosts == [], hosts                                  # no index (or any) host named
    assert "CNNLAB_DATA_MIRROR" in plain and "`data/`" in offline and "CNNLAB_DATA_MIRROR" not in offline
    linked = readme_text(manifest, repo_url="https://github.com/ann/cnn-course")
    assert linked.count("https://colab.research.google.com/github/ann/cnn-course/blob/main/lessons/") == \
        2 * len(manifest.lessons)
