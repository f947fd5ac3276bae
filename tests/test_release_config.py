"""course/release.toml: the instructor's extra files, postBuild lines and default language; and
which repository's package and binder/ a release ships."""

import json
import re
import shutil

import pytest

from cnnlab.tools.pipeline.release.config import apply_config, authoring_commit, read_config
from cnnlab.tools.pipeline.release.contents import (package_dir, package_files, project_dir, project_version,
                                                    pyproject_text)
from cnnlab.tools.pipeline.release.error import ReleaseError
from tests.helpers import ROOT


def _root(tmp_path, toml):
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "release.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_extra_files_postbuild_lines_and_language_are_added(tmp_path):
    root = _root(tmp_path, 'default_language = "zh"\nextra_files = ["course/syllabus.md"]\n'
                           'post_build = ["echo extra step"]\n')
    (root / "course" / "syllabus.md").write_text("# 教学大纲\n", encoding="utf-8")
    files = {"binder/postBuild": "#!/usr/bin/env bash\ncnnlab lessons\n"}
    config = apply_config(files, root)
    assert files["course/syllabus.md"] == "# 教学大纲\n"
    assert files["binder/postBuild"].endswith("cnnlab lessons\n\n# from course/release.toml\necho extra step\n")
    assert 'CNNLAB_LANG="${CNNLAB_LANG:-zh}"' in files["binder/start"] and config["default_language"] == "zh"


@pytest.mark.parametrize("toml, words", [
    ('extra_files = ["../outside.md"]', "outside.md"),
    ('extra_files = ["solutions/zh/02_convolution.py"]', "solutions"),
    ('extra_files = ["course/nope.md"]', "nope.md"),
    ('colour = "red"', "colour"),
    ('default_language = "fr"', "default_language"),
    ('extra_files = [', "TOML"),
])
def test_a_bad_config_stops_the_release_by_name(tmp_path, toml, words):
    repo = tmp_path / "repo"
    repo.mkdir()
    _root(repo, toml)
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    (repo / "solutions" / "zh").mkdir(parents=True)
    (repo / "solutions" / "zh" / "02_convolution.py").write_text("answer", encoding="utf-8")
    with pytest.raises(ReleaseError, match=words):
        apply_config({"binder/postBuild": ""}, repo)


def test_no_config_changes_nothing_and_the_commit_is_named(tmp_path):
    files = {"binder/postBuild": "x\n"}
    assert apply_config(files, tmp_path) == {} and files == {"binder/postBuild": "x\n"}
    assert read_config(tmp_path) == {}
    commit = authoring_commit(ROOT)
    assert len(commit.split("+")[0]) == 40
    assert authoring_commit(tmp_path) == ""


def _other_repository(folder):
    """A second authoring repository whose package differs from the cnnlab that runs the test."""
    shutil.copytree(ROOT / "cnnlab", folder / "cnnlab", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "binder", folder / "binder")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (folder / "pyproject.toml").write_text(re.sub(r'(?m)^version = ".*"$', 'version = "9.9.9"', text, count=1),
                                           encoding="utf-8")
    arith = folder / "cnnlab" / "arith.py"
    arith.write_text(arith.read_text(encoding="utf-8") + "\n# only in the other repository\n", encoding="utf-8")
    return folder


def test_the_release_ships_the_package_of_the_repository_it_runs_in(tmp_path):
    repo = _other_repository(tmp_path / "repo")
    assert project_dir(repo) == repo.resolve()
    assert package_dir(repo) == (repo / "cnnlab").resolve() != package_dir()
    shipped = package_files(repo)
    assert shipped["cnnlab/arith.py"].endswith(b"# only in the other repository\n")
    assert b"only in the other repository" not in package_files()["cnnlab/arith.py"]
    assert not any(name.startswith("cnnlab/tools/grading/") for name in shipped)
    assert project_version(repo) == "9.9.9"
    assert 'version = "9.9.9"' in pyproject_text(repo)


def test_a_folder_that_is_not_an_authoring_repository_is_refused_by_name(tmp_path):
    (tmp_path / "course").mkdir()
    with pytest.raises(ReleaseError, match=re.escape(str(tmp_path.resolve()))):
        project_dir(tmp_path)
