"""Writing the release folder: a foreign OUT_DIR is refused, a new one is staged beside it and swapped in."""

import os
import shutil
import tempfile
from pathlib import Path

from cnnlab.manifest import RELEASE_MARKER, is_student_release
from cnnlab.tools.pipeline.release.error import ReleaseError

KEEP_ON_REPLACE = (".git",)         # kept from a previous release when it is replaced


def check_target(out):
    """Refuse an OUT_DIR that exists and is neither empty (``.git`` aside) nor a previous release."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ReleaseError(zh=f"{out} 是一个文件，不是文件夹：请换一个 OUT_DIR",
                           en=f"{out} is a file, not a folder: choose another OUT_DIR")
    if is_student_release(out) or not [p for p in out.iterdir() if p.name not in KEEP_ON_REPLACE]:
        return
    raise ReleaseError(
        zh=f"{out} 已存在，但不是以前生成的学生版（没有 {RELEASE_MARKER}）：为避免覆盖，什么都没有写入。"
           "请换一个不存在的 OUT_DIR，或先自行删除这个文件夹",
        en=f"{out} exists and is not a previous release (no {RELEASE_MARKER}): nothing was written, "
           "to overwrite nothing. Choose an OUT_DIR that does not exist, or delete that folder yourself")


def _write(folder, files):
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    for script in ("postBuild", "start"):           # repo2docker runs them
        if (folder / "binder" / script).is_file():
            (folder / "binder" / script).chmod(0o755)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(staging, out):
    """Put ``staging`` where ``out`` is: two renames in one folder; on failure ``out`` is restored."""
    moved = [name for name in KEEP_ON_REPLACE if (out / name).exists()]
    for name in moved:  # the student repository's .git stays with the release
        (out / name).rename(staging / name)
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    try:
        out.rename(old / "release")
        try:
            staging.rename(out)
        except BaseException:
            (old / "release").rename(out)
            raise
    except BaseException:
        for name in moved:
            (staging / name).rename(out / name)
        shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old)


def replace_folder(out, files):
    """Write ``files`` to a temporary folder beside ``out``, then put it where ``out`` is."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a release is an ordinary folder
        _write(staging, files)
        if out.exists():
            _swap(staging, out)
        else:
            staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
