"""Where the MNIST-style data sets come from, and how we recognise the real files.

A data set is described by a :class:`DatasetSpec`: its four IDX files, the
official download mirrors and the MD5 checksums. A file is accepted when

    MD5(file bytes) ∈ checksums   or   MD5(gunzipped bytes) ∈ checksums

and its IDX header holds the expected number of items. The second rule lets
us accept a file that was recompressed (Debian's ``dataset-fashion-mnist``
ships recompressed ``.gz`` files whose *content* is identical to the official
release) or stored uncompressed.

Folders are searched in this order (first valid pair of files wins):

1. ``$CNNLAB_DATA/<folder>``            — a folder you chose
2. ``<course folder>/data/<folder>``    — shipped by ``cnnlab release --with-data``
3. ``$XDG_CACHE_HOME/cnnlab/<folder>``  — the user cache (``~/.cache/cnnlab``)
4. the Debian package folder            — ``/usr/share/datasets/fashion-mnist``
5. a download into the folder of 1 (if set) or 3: first from the instructor's mirrors
   (``$CNNLAB_DATA_MIRROR``: base URLs separated by spaces, each serving
   ``<folder>/<file>``, as ``python -m http.server`` does in a copy of 2 or 3), then
   from the data set's own mirrors, in turn.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.i18n import get_language

DATA_ENV = "CNNLAB_DATA"
MIRROR_ENV = "CNNLAB_DATA_MIRROR"
COURSE_DATA = "data"            # the folder of a course (release) that holds the data sets
DEBIAN_FASHION_MNIST = Path("/usr/share/datasets/fashion-mnist")

FASHION_MNIST_MIRRORS = (
    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
)
MNIST_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
)

# file name -> (MD5 of the official .gz, MD5 of its uncompressed IDX content)
FASHION_MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": ("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
    "train-labels-idx1-ubyte.gz": ("25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
    "t10k-images-idx3-ubyte.gz": ("bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
    "t10k-labels-idx1-ubyte.gz": ("bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
}
MNIST_MD5 = {
    "train-images-idx3-ubyte.gz": ("f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
    "train-labels-idx1-ubyte.gz": ("d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
    "t10k-images-idx3-ubyte.gz": ("9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
    "t10k-labels-idx1-ubyte.gz": ("ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
}

FASHION_MNIST_CLASSES = {
    "en": ["t-shirt/top", "trouser", "pullover", "dress", "coat",
           "sandal", "shirt", "sneaker", "bag", "ankle boot"],
    "zh": ["T恤/上衣", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"],
}
DIGITS = {"en": [str(d) for d in range(10)], "zh": [str(d) for d in range(10)]}

SPLIT_FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


@dataclass(frozen=True)
class DatasetSpec:
    """Everything needed to find, download and check one MNIST-style data set."""

    name: str                       # 'fashion-mnist' — also the folder name
    title: str                      # 'Fashion-MNIST' — for messages
    mirrors: tuple                  # base URLs, tried in turn
    checksums: dict                 # file name -> accepted MD5s (str or tuple of str)
    classes: dict                   # {'en': [...], 'zh': [...]}
    counts: dict = field(default_factory=lambda: {"train": 60_000, "test": 10_000})
    debian_dir: Path = None         # folder of a Debian package, if there is one
    debian_package: str = None

    def files(self, split):
        """(images file, labels file) of ``split`` ('train' or 'test')."""
        return SPLIT_FILES[split]

    def accepted(self, filename):
        """The set of MD5 digests that make ``filename`` valid."""
        sums = self.checksums[filename]
        return {sums} if isinstance(sums, str) else set(sums)


FASHION_MNIST = DatasetSpec(
    "fashion-mnist", "Fashion-MNIST", FASHION_MNIST_MIRRORS, FASHION_MNIST_MD5,
    FASHION_MNIST_CLASSES, debian_dir=DEBIAN_FASHION_MNIST,
    debian_package="dataset-fashion-mnist")
MNIST = DatasetSpec("mnist", "MNIST", MNIST_MIRRORS, MNIST_MD5, DIGITS)


def cache_dir():
    """The user cache: ``$XDG_CACHE_HOME/cnnlab`` or ``~/.cache/cnnlab``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cnnlab"


def search_path(spec):
    """The folders to look in, in order, as ``(kind, folder)`` pairs.

    ``kind`` is one of 'env', 'course', 'cache', 'debian'.
    """
    folders = []
    if os.environ.get(DATA_ENV):
        folders.append(("env", Path(os.environ[DATA_ENV]).expanduser() / spec.name))
    course = course_data_dir()
    if course is not None:
        folders.append(("course", course / spec.name))
    folders.append(("cache", cache_dir() / spec.name))
    if spec.debian_dir is not None:
        folders.append(("debian", Path(spec.debian_dir)))
    return folders


def course_data_dir(start=None):
    """``<course folder>/data`` of the nearest course folder at or above ``start`` (default: the
    current folder) that has one, else None. A course folder holds ``course/manifest.toml``; it is
    looked for here, not through ``cnnlab.manifest``, so that the data sets stay below the course."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course" / "manifest.toml").is_file():
            data = folder / COURSE_DATA
            return data if data.is_dir() else None
    return None


def download_dir(spec):
    """Where a download is written: ``$CNNLAB_DATA/<name>`` if set, else the user cache."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser() / spec.name
    return cache_dir() / spec.name


def instructor_mirrors(spec):
    """The base URLs of ``$CNNLAB_DATA_MIRROR`` (separated by spaces) for ``spec``: ``<url>/<name>/``."""
    return tuple(url.rstrip("/") + f"/{spec.name}/" for url in os.environ.get(MIRROR_ENV, "").split())


def download_mirrors(spec):
    """Where a download is tried, in order: the instructor's mirrors, then the data set's own."""
    return instructor_mirrors(spec) + tuple(spec.mirrors)
