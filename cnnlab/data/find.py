"""Find a split of a data set on this machine, check its files, and download them when missing.

:func:`load` walks the folders of :func:`cnnlab.data.sources.search_path` in
order. In each folder it wants the pair of files of the split (images,
labels), compressed or not; a pair is taken only when every file passes::

    MD5(file) or MD5(gunzip(file)) ∈ checksums,   IDX header: ndim (3 or 1) and count as expected

(:func:`cnnlab.data.idx.verify`). A file that fails is reported and the next
folder is tried. When no folder holds a valid pair, the files are downloaded
(:mod:`cnnlab.data.download`); when that fails too, :class:`DataNotFound`
lists every way to get the data.
"""

import numpy as np
import torch

from cnnlab.data import sources
from cnnlab.data.download import TIMEOUT, DownloadError, fetch
from cnnlab.data.idx import BadDataFile, verify
from cnnlab.data.imageset import ImageSet
from cnnlab.i18n import get_language, say

SPLIT_ZH = {"train": "训练集", "test": "测试集"}


class DataNotFound(FileNotFoundError):
    """No valid copy of a data set was found, locally or online."""


def _existing(folder, gz_name):
    """``folder/name.gz`` or, failing that, the uncompressed ``folder/name``; else None."""
    for path in (folder / gz_name, folder / gz_name[: -len(".gz")]):
        if path.is_file():
            return path
    return None


def read_split(spec, split, folder):
    """(images, labels) uint8 arrays of ``split`` in ``folder``; None if a file is missing.

    Raises BadDataFile for a file that is there but not valid.
    """
    count = spec.counts[split]
    arrays = []
    for gz_name, ndim in zip(spec.files(split), (3, 1)):
        path = _existing(folder, gz_name)
        if path is None:
            return None
        arrays.append(verify(path.read_bytes(), spec.accepted(gz_name), path, ndim=ndim, count=count))
    return arrays


def split_word(split):
    """'train' / 'test' in the course language (训练集 / 测试集 in Chinese)."""
    return say(zh=SPLIT_ZH[split], en=split)


def spaced(text):
    """``text`` with a space on each side where it meets Chinese with a Latin letter, digit or symbol."""
    if get_language() != "zh" or not text:
        return text
    return (" " if text[0].isascii() else "") + text + (" " if text[-1].isascii() else "")


def describe(spec, kind, folder):
    """Where a folder of the search path is, in words: the kind of place and the folder itself."""
    if kind == "env":
        return say(zh="$CNNLAB_DATA 目录 {f}", en="$CNNLAB_DATA folder {f}", f=folder)
    if kind == "cache":
        return say(zh="用户缓存 {f}", en="the user cache {f}", f=folder)
    if kind == "course":
        return say(zh="课程文件夹的 data/ 目录 {f}", en="the course folder's data/ {f}", f=folder)
    return say(zh="Debian 软件包 {p}（{f}）", en="the Debian package {p} ({f})",
               p=spec.debian_package, f=folder)


def _not_found(spec, split, looked, rejected, failures, extra=""):
    first = sources.download_dir(spec)
    ways = [say(zh="联网后重新运行：自动下载到 {d}", en="connect to the internet and run again: it downloads to {d}",
                d=sources.download_dir(spec)),
            say(zh="把 {f} 等四个文件复制到 {d}（或设置 $CNNLAB_DATA 为另一个目录）",
                en="copy the four files ({f}, …) into {d} (or point $CNNLAB_DATA at another folder)",
                f=", ".join(spec.files(split)), d=first)]
    if spec.debian_package:
        ways.insert(0, say(zh="安装 Debian 软件包：sudo apt install {p}（文件位于 {d}）",
                           en="install the Debian package: sudo apt install {p} (files in {d})",
                           p=spec.debian_package, d=spec.debian_dir))
    ways.append(say(zh="老师若提供了数据镜像：设置 ${e} 为它的地址后重新运行",
                    en="if your teacher runs a data mirror: set ${e} to its address and run again",
                    e=sources.MIRROR_ENV))
    if extra:
        ways.append(extra)
    lines = [say(zh="找不到 {t}（{s}），也无法下载。获取数据的办法：",
                 en="{t} ({s}) was not found and could not be downloaded. Ways to get it:",
                 t=spec.title, s=split)]
    lines += [f"  {i}. {way}" for i, way in enumerate(ways, 1)]
    lines.append(say(zh="已查找：", en="Looked in:") + " " + ", ".join(str(f) for f in looked))
    for path, reason in rejected:
        lines.append(say(zh="已拒绝 {p}：{r}", en="rejected {p}: {r}", p=path, r=reason))
    for url, reason in failures:
        lines.append(say(zh="下载失败 {u}：{r}", en="download failed {u}: {r}", u=url, r=reason))
    return DataNotFound("\n".join(lines))


def load(spec, split="train", download=True, verbose=True, timeout=TIMEOUT, extra_help=""):
    """Find ``split`` of the data set ``spec`` (a DatasetSpec), downloading it if needed.

    Searches the folders of :func:`cnnlab.data.sources.search_path` in order;
    a file that fails its checks is reported and skipped. Returns an ImageSet.
    """
    if split not in ("train", "test"):
        raise ValueError(say(zh="split 只能是 'train' 或 'test'，收到 {s!r}",
                             en="split must be 'train' or 'test', got {s!r}", s=split))
    log = print if verbose else (lambda *a: None)
    looked, rejected, failures = [], [], []
    found = None
    for kind, folder in sources.search_path(spec):
        looked.append(folder)
        try:
            arrays = read_split(spec, split, folder)
        except BadDataFile as bad:
            rejected.append((bad.path, bad.reason))
            log(say(zh="跳过无效文件 {p}：{r}", en="skipping invalid file {p}: {r}", p=bad.path, r=bad.reason))
            continue
        if arrays is not None:
            found = arrays, describe(spec, kind, folder)
            break
    if found is None and download:
        found = _download(spec, split, timeout, log, rejected, failures)
    if found is None:
        raise _not_found(spec, split, looked, rejected, failures, extra_help)
    (images, labels), where = found
    data = ImageSet(torch.from_numpy(images.copy()).unsqueeze(1),       # (N, 1, 28, 28)
                    torch.from_numpy(labels.astype(np.int64)), spec.classes, spec.name, split, where)
    log(say(zh="{t} {s}：从{w}读取了 {n:,} 张图像", en="{t} {s}: loaded {n:,} images from {w}",
            t=spec.title, s=split_word(split), n=len(data), w=spaced(where)))
    return data


def _download(spec, split, timeout, log, rejected, failures):
    folder = sources.download_dir(spec)
    try:
        for gz_name in spec.files(split):
            _, url = fetch(gz_name, folder / gz_name, sources.download_mirrors(spec), spec.accepted(gz_name),
                           timeout=timeout, log=log)
        arrays = read_split(spec, split, folder)
    except DownloadError as err:
        failures.extend(err.failures)
        return None
    except BadDataFile as bad:          # e.g. a wrong item count in a file with a valid checksum
        rejected.append((bad.path, bad.reason))
        return None
    return arrays, say(zh="下载的文件（{u}，保存在 {f}）", en="a download ({u}, saved in {f})",
                       u=url.rsplit("/", 1)[0] + "/", f=folder)
