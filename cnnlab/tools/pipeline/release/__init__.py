"""``cnnlab release OUT_DIR``: the course as students receive it.

The authoring repository holds the answers (``solutions/``, hidden tests, the
grader). Students get a separate folder, a project of its own that the
instructor pushes to a student repository or branch::

    OUT_DIR/
      .cnnlab-release.json          marker: format, cnnlab version, date, lessons
      .gitignore                    build junk and answers files stay out of git
      README.md                     install + open, in both languages
      pyproject.toml                `pip install .` installs cnnlab (not editable)
      cnnlab/                       the repository's package, without the grader (cnnlab.tools.grading) and this module
      course/manifest.toml          the lesson list (no answers: keys live in the notebooks)
      cnnlab/course_manifest.toml   the same list as package data, for a notebook run alone
      course/glossary.md
      lessons/{zh,en}/NN_slug.ipynb the student notebooks, one file per lesson
      binder/                       repo2docker: the student image, built from this folder
      data/{fashion-mnist,mnist}/   only with --with-data: the data sets, for a class without internet
      (extra files)                 named in course/release.toml (config.py), with postBuild lines and a language

With ``--repo-url URL`` (the student repository), each lesson gets a first cell that
installs cnnlab from URL where it is missing (a hosted notebook service), and the README
links every lesson to that service (``hosted``).

Every file is made in memory first. The release is refused (``ReleaseError``,
nothing written) when a lesson cannot be built, when a shipped module imports
the grader, or when any solution text is found in it (``find_leaks``). It is
then written to a temporary folder beside OUT_DIR and swapped in, so OUT_DIR is
either the previous release or the new one, never half of each. An existing
OUT_DIR is replaced only when it holds the marker of a previous release (its
``.git`` folder, if any, is kept, so OUT_DIR can be a clone of the student
repository).

What counts as solution text is said in ``leaks``. Drafts are not released.

The parts, in the order a release is made: ``contents`` (lessons, package,
pyproject.toml), ``student_files`` (README, .gitignore, binder/), ``leaks`` (the
search), ``folder`` (writing and swapping OUT_DIR); ``ReleaseError`` is in ``error``.
"""

import datetime
import json
from pathlib import Path

import cnnlab
from cnnlab.manifest import PACKAGED_MANIFEST, RELEASE_MARKER
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.release.contents import (check_package, imports_of_left_out, lesson_files,
                                                    package_files, project_dir, project_version,
                                                    pyproject_text)
from cnnlab.tools.pipeline.release.config import apply_config, authoring_commit
from cnnlab.tools.pipeline.release.data import data_files
from cnnlab.tools.pipeline.release.error import ReleaseError
from cnnlab.tools.pipeline.release.folder import check_target, replace_folder
from cnnlab.tools.pipeline.release.leaks import (MIN_CHARS, find_leaks, folder_files,
                                                 notes_mentions, solution_texts)
from cnnlab.tools.pipeline.release.student_files import GITIGNORE, binder_files, readme_text

FORMAT = "cnnlab-release/1"

# What other code imports from here (the CLI, the tests), wherever it is defined.
__all__ = ["FORMAT", "MIN_CHARS", "ReleaseError", "check_package", "find_leaks", "folder_files",
           "imports_of_left_out", "notes_mentions", "readme_text", "release_files", "solution_texts",
           "write_release"]


def packaged_manifest_name():
    """``cnnlab/course_manifest.toml``: where ``cnnlab.manifest`` looks for the installed manifest."""
    return f"cnnlab/{PACKAGED_MANIFEST.name}"


def marker(manifest, repo_url=None, with_data=False, version=None):
    return {"format": FORMAT, "cnnlab": version or cnnlab.__version__,
            "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "languages": list(LANGUAGES), "lessons": [lesson.stem for lesson in manifest.lessons],
            "repo_url": repo_url, "with_data": bool(with_data)}


def release_files(manifest, repo_url=None, with_data=False):
    """``{relative path: text or bytes}`` of the whole release, checked; nothing is written.

    ``repo_url``: the student repository (bootstrap cells and hosted-service links);
    ``with_data``: ship the data sets found on this machine (``data``).
    """
    project = project_dir(manifest.root)
    data = data_files() if with_data else {}   # first: a missing data set stops the release early
    files = lesson_files(manifest, repo_url)
    package = package_files(project)
    check_package(package)
    files.update(package)
    files.update(binder_files(project))
    files["course/manifest.toml"] = (manifest.root / "course" / "manifest.toml").read_text(encoding="utf-8")
    # Installed with the package, so that a lesson notebook run outside the course folder finds it.
    files[packaged_manifest_name()] = files["course/manifest.toml"]
    glossary = manifest.root / "course" / "glossary.md"
    if glossary.is_file():
        files["course/glossary.md"] = glossary.read_text(encoding="utf-8")
    files["pyproject.toml"] = pyproject_text(project)
    files["README.md"] = readme_text(manifest, repo_url=repo_url, with_data=with_data)
    files[".gitignore"] = GITIGNORE
    config = apply_config(files, manifest.root)     # course/release.toml: extra files, postBuild lines, language
    files[RELEASE_MARKER] = json.dumps(marker(manifest, repo_url, with_data, project_version(project))
                                       | {"authoring_commit": authoring_commit(manifest.root),
                                          "default_language": config.get("default_language", "")},
                                       indent=2, ensure_ascii=False) + "\n"
    leaks = find_leaks(files, solution_texts(manifest))
    if leaks:
        listed = "; ".join(f"{name}: {needle.lesson} [{needle.lang}] {needle.kind} {needle.text[:60]!r}"
                           for name, needle in leaks[:5])
        raise ReleaseError(zh=f"学生版里出现了答案内容，已拒绝发布：{listed}",
                           en=f"solution text found in the release, nothing written: {listed}")
    mentions = notes_mentions(files)
    if mentions:
        listed = "; ".join(f"{name}: {text!r}" for name, text in mentions[:5])
        raise ReleaseError(zh=f"学生版引用了作者的写作素材（学生拿不到），已拒绝发布：{listed}。请改写这些地方",
                           en=f"the release names the authors' notes, which students never receive; "
                              f"nothing written: {listed}. Reword them")
    files.update(data)  # checksum-verified data files: no text of ours in them, and too big to search
    return files


def write_release(manifest, out_dir, repo_url=None, with_data=False):
    """Write the release to ``out_dir`` (new, or replacing a previous release); returns its path."""
    out = Path(out_dir).absolute()
    check_target(out)
    files = release_files(manifest, repo_url=repo_url, with_data=with_data)
    replace_folder(out, files)
    return out
