"""The instructor's additions to a release: ``course/release.toml`` in the authoring repository.

    default_language = "zh"                       # the student image starts in this language
    extra_files = ["course/syllabus.md"]          # copied as they are (relative to the repository)
    post_build = ["python -m pip install --no-deps ./extra-wheel.whl"]   # appended to binder/postBuild

Every extra file goes through the same search for solution text as the rest of the
release (it is added before ``find_leaks`` runs). A file outside the repository, under
``solutions/``, or missing, stops the release with its name. The default language
becomes ``binder/start`` (repo2docker runs it before the server: ``CNNLAB_LANG``,
unless the hub sets one) and the marker's ``default_language``. ``authoring_commit``
names the commit of the repository the release was made from, for the marker.
"""

import subprocess
from pathlib import Path

from cnnlab.tools.pipeline.release.error import ReleaseError

CONFIG = "course/release.toml"
KEYS = ("default_language", "extra_files", "post_build")
MAX_EXTRA_BYTES = 20 * 2**20


def read_config(root):
    """The parsed ``course/release.toml`` of ``root`` ({} without one); unknown keys are refused."""
    path = Path(root) / CONFIG
    if not path.is_file():
        return {}
    import tomllib
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ReleaseError(zh=f"{CONFIG} 不是有效的 TOML：{err}", en=f"{CONFIG} is not valid TOML: {err}") from None
    unknown = sorted(set(config) - set(KEYS))
    if unknown:
        raise ReleaseError(zh=f"{CONFIG} 里有不认识的键 {', '.join(unknown)}：可用 {', '.join(KEYS)}",
                           en=f"{CONFIG} has unknown keys {', '.join(unknown)}: use {', '.join(KEYS)}")
    if config.get("default_language", "en") not in ("zh", "en"):
        raise ReleaseError(zh=f"{CONFIG}：default_language 只能是 zh 或 en",
                           en=f"{CONFIG}: default_language must be zh or en")
    return config


def _extra_file(root, name):
    root = Path(root).resolve()
    path = (root / name).resolve()
    inside = path.is_relative_to(root) and not path.is_relative_to(root / "solutions")
    if not inside or not path.is_file():
        raise ReleaseError(zh=f"{CONFIG}：extra_files 里的 {name} 不是作者仓库里（solutions/ 之外）的文件",
                           en=f"{CONFIG}: extra file {name} is not a file of the repository outside solutions/")
    data = path.read_bytes()
    if len(data) > MAX_EXTRA_BYTES:
        raise ReleaseError(zh=f"{CONFIG}：{name} 超过 {MAX_EXTRA_BYTES >> 20} MB",
                           en=f"{CONFIG}: {name} is larger than {MAX_EXTRA_BYTES >> 20} MB")
    try:
        return path.relative_to(root).as_posix(), data.decode("utf-8")
    except UnicodeDecodeError:
        return path.relative_to(root).as_posix(), data


def apply_config(files, root):
    """``files`` (the release, in memory) with the config's extra files, postBuild lines and
    ``binder/start`` added; returns the config."""
    config = read_config(root)
    for name in config.get("extra_files", []):
        relative, content = _extra_file(root, str(name))
        files[relative] = content
    lines = [str(line) for line in config.get("post_build", [])]
    if lines and "binder/postBuild" in files:
        files["binder/postBuild"] = (files["binder/postBuild"].rstrip("\n") + "\n\n# from course/release.toml\n"
                                     + "\n".join(lines) + "\n")
    if config.get("default_language"):
        files["binder/start"] = ("#!/usr/bin/env bash\n# written by `cnnlab release` from course/release.toml\n"
                                 f"export CNNLAB_LANG=\"${{CNNLAB_LANG:-{config['default_language']}}}\"\n"
                                 "exec \"$@\"\n")
    return config


def authoring_commit(root):
    """The commit (``git rev-parse HEAD``) of the repository at ``root``, with ``+changes`` when
    its tracked files differ from it; "" outside git."""
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=20, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=20, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return commit + ("+changes" if dirty else "")
