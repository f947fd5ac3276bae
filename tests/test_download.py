"""Downloads against a real HTTP server on 127.0.0.1 (never the internet).

The server serves small IDX files generated here; some routes are broken on
purpose: a corrupted gzip, a file that is not IDX, a wrong checksum, a
connection dropped mid-file, a 404 and a server too slow to answer.
"""

import dataclasses
import gzip
import hashlib
import http.server
import socket
import threading
import time

import numpy as np
import pytest

import cnnlab
from cnnlab.data import DataNotFound, DownloadError, datasets, sources
from cnnlab.data.download import fetch
from cnnlab.data.idx import encode

N_TRAIN, N_TEST = 12, 5
FILES = sources.SPLIT_FILES["train"] + sources.SPLIT_FILES["test"]


def md5(data):
    return hashlib.md5(data).hexdigest()


def make_files(seed=0):
    """The four gzipped IDX files of a tiny fake data set (12 train / 5 test images)."""
    rng = np.random.default_rng(seed)
    out = {}
    for split, n in (("train", N_TRAIN), ("test", N_TEST)):
        images, labels = sources.SPLIT_FILES[split]
        out[images] = gzip.compress(encode(rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)), mtime=0)
        out[labels] = gzip.compress(encode(rng.integers(0, 10, n, dtype=np.uint8)), mtime=0)
    return out


GOOD = make_files()
CHECKSUMS = {name: md5(data) for name, data in GOOD.items()}


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes: /good/<file>, /corrupt/<file>, /notidx/<file>, /drop/<file>, /slow/<file>; else 404."""

    def do_GET(self):
        self.server.requests.append(self.path)
        if len(self.server.requests) > 50:          # bounded: a retry loop would fail the test
            self.send_error(429)
            return
        _, route, name = self.path.split("/", 2)
        body = GOOD.get(name)
        if body is None or route not in ("good", "corrupt", "notidx", "drop", "slow"):
            self.send_error(404)
            return
        if route == "corrupt":                        # flip bytes in the middle: gzip CRC fails
            body = body[:40] + bytes(b ^ 0xFF for b in body[40:80]) + body[80:]
        if route == "notidx":
            body = gzip.compress(b"<html>not the data set</html>", mtime=0)
        if route == "slow":
            time.sleep(1.0)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if route == "drop":                           # announce the full size, send half, hang up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    httpd.daemon_threads = False   # server_close() joins the request threads: none outlives the test
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)






def spec(mirrors, checksums=CHECKSUMS):
    """A fake data set with our tiny files, no Debian folder, served by ``mirrors``."""
    return dataclasses.replace(sources.FASHION_MNIST, name="tiny", title="Tiny", mirrors=tuple(mirrors),
                               checksums=checksums, counts={"train": N_TRAIN, "test": N_TEST},
                               debian_dir=None, debian_package=None)


def leftovers(folder):
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


# ---------------------------------------------------------------------------- fetch, one file

def test_fetch_writes_the_verified_file_and_no_temporary(server, tmp_path):
    name = "train-images-idx3-ubyte.gz"
    dest, url = fetch(name, tmp_path / name, [server.url + "/good/"], {CHECKSUMS[name]}, log=lambda s: None)
    assert dest.read_bytes() == GOOD[name]
    assert url == f"{server.url}/good/{name}"
    assert leftovers(tmp_path) == [name]


def test_fetch_tries_the_mirrors_in_turn(server, tmp_path):
    name = "t10k-labels-idx1-ubyte.gz"
    mirrors = [server.url + "/missing/", server.url + "/drop/", server.url + "/good/"]
    lines = []
    dest, url = fetch(name, tmp_path / name, mirrors, {CHECKSUMS[name]}, log=lines.append)
    assert url.startswith(server.url + "/good/")
    assert [p.split("/")[1] for p in server.requests] == ["missing", "drop", "good"]
    assert len(lines) == 3 and all("downloading" in line for line in lines)
    assert dest.read_bytes() == GOOD[name]


@pytest.mark.parametrize("route, en, zh", [
    ("corrupt", "broken or incomplete gzip data", "gzip 压缩数据损坏或不完整"),
    ("notidx", "not a uint8 IDX file", "不是 uint8 IDX 文件"),
    ("drop", "connection dropped after", "连接中断"),
    ("missing", "HTTP Error 404", "HTTP Error 404"),
])
def test_a_bad_mirror_is_named_with_its_reason_and_leaves_nothing(server, tmp_path, lang, route, en, zh):
    name = "train-images-idx3-ubyte.gz"
    accepted = {CHECKSUMS[name], md5(gzip.compress(b"<html>not the data set</html>", mtime=0))}
    for language, expected in (("en", en), ("zh", zh)):
        lang(language)
        with pytest.raises(DownloadError) as info:
            fetch(name, tmp_path / name, [f"{server.url}/{route}/"], accepted, log=lambda s: None)
        message = str(info.value)
        assert expected in message
        assert f"{server.url}/{route}/{name}" in message
        assert ("could not download" if language == "en" else "无法下载") in message
        assert leftovers(tmp_path) == []


def test_dropped_connection_reports_the_byte_counts(server, tmp_path, lang):
    lang("en")
    name = "train-images-idx3-ubyte.gz"
    with pytest.raises(DownloadError) as info:
        fetch(name, tmp_path / name, [server.url + "/drop/"], {CHECKSUMS[name]}, log=lambda s: None)
    size = len(GOOD[name])
    assert f"connection dropped after {size // 2:,} of {size:,} bytes" in str(info.value)


def test_wrong_checksum_is_refused(server, tmp_path, lang):
    name = "train-labels-idx1-ubyte.gz"
    wrong = "0" * 32
    for language, expected in (("en", "checksum mismatch: MD5 is"), ("zh", "校验和不符：MD5 为")):
        lang(language)
        with pytest.raises(DownloadError) as info:
            fetch(name, tmp_path / name, [server.url + "/good/"], {wrong}, log=lambda s: None)
        assert expected in str(info.value)
        assert CHECKSUMS[name] in str(info.value) and wrong in str(info.value)
        assert leftovers(tmp_path) == []


def test_a_mirror_too_slow_to_answer_times_out(server, tmp_path):
    name = "t10k-labels-idx1-ubyte.gz"
    with pytest.raises(DownloadError) as info:
        fetch(name, tmp_path / name, [server.url + "/slow/"], {CHECKSUMS[name]}, timeout=0.3,
              log=lambda s: None)
    assert "timed out" in str(info.value)
    assert leftovers(tmp_path) == []


def test_an_old_temporary_file_is_replaced_not_trusted(server, tmp_path):
    name = "t10k-labels-idx1-ubyte.gz"
    (tmp_path / (name + ".tmp")).write_bytes(b"half a file from a crash")
    fetch(name, tmp_path / name, [server.url + "/good/"], {CHECKSUMS[name]}, log=lambda s: None)
    assert leftovers(tmp_path) == [name]


# ---------------------------------------------------------------------------- whole data sets

def test_load_downloads_a_split_then_finds_it_locally(server, isolated, capsys):
    tiny = spec([server.url + "/missing/", server.url + "/good/"])
    data = datasets.load(tiny, "test")
    assert len(data) == N_TEST and data.images.shape == (N_TEST, 1, 28, 28)
    folder = isolated / "data" / "tiny"
    assert leftovers(folder) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert "a download" in data.source and server.url + "/good/" in data.source
    assert f"Tiny test: loaded {N_TEST:,} images from a download" in capsys.readouterr().out
    served = len(server.requests)
    again = datasets.load(tiny, "test", download=False)              # now from $CNNLAB_DATA
    assert "$CNNLAB_DATA" in again.source and len(server.requests) == served
    assert np.array_equal(again.images.numpy(), data.images.numpy())


def test_download_goes_to_the_user_cache_without_cnnlab_data(server, isolated, monkeypatch):
    monkeypatch.delenv("CNNLAB_DATA")
    data = datasets.load(spec([server.url + "/good/"]), "train", verbose=False)
    assert len(data) == N_TRAIN
    assert leftovers(isolated / "cache" / "cnnlab" / "tiny") == ["train-images-idx3-ubyte.gz",
                                                                 "train-labels-idx1-ubyte.gz"]


@pytest.mark.parametrize("route", ["corrupt", "drop", "notidx"])
def test_failed_download_leaves_no_file_that_later_passes(server, isolated, route):
    with pytest.raises(DataNotFound):
        datasets.load(spec([f"{server.url}/{route}/"]), "train", verbose=False)
    assert leftovers(isolated / "data" / "tiny") == []
    with pytest.raises(DataNotFound):                                   # nothing valid was left behind
        datasets.load(spec([]), "train", verbose=False)


def test_wrong_checksum_fails_the_whole_load(server, isolated, lang):
    lang("en")
    bad = dict(CHECKSUMS, **{"train-images-idx3-ubyte.gz": "f" * 32})
    with pytest.raises(DataNotFound) as info:
        datasets.load(spec([server.url + "/good/"], bad), "train", verbose=False)
    assert "checksum mismatch" in str(info.value)
    assert leftovers(isolated / "data" / "tiny") == []


def test_public_loader_takes_mirrors_and_checksums(server, isolated, monkeypatch):
    monkeypatch.setattr(sources, "FASHION_MNIST", dataclasses.replace(
        sources.FASHION_MNIST, counts={"train": N_TRAIN, "test": N_TEST}, debian_dir=None))
    data = cnnlab.data.fashion_mnist("train", mirrors=[server.url + "/good/"], checksums=CHECKSUMS,
                                     verbose=False)
    assert len(data) == N_TRAIN and data.classes[0] in ("t-shirt/top", "T恤/上衣")
    assert (isolated / "data" / "fashion-mnist" / "train-labels-idx1-ubyte.gz").read_bytes() == \
        GOOD["train-labels-idx1-ubyte.gz"]


def test_offline_with_nothing_found_gives_one_clear_error(isolated, monkeypatch, lang):
    monkeypatch.setattr(sources, "FASHION_MNIST", dataclasses.replace(
        sources.FASHION_MNIST, debian_dir=isolated / "no-debian-package"))
    closed = ["http://127.0.0.1:9/"]                                   # discard port: refused
    lang("en")
    with pytest.raises(DataNotFound) as info:
        cnnlab.data.fashion_mnist("train", mirrors=closed, verbose=False)
    message = str(info.value)
    assert message.startswith("Fashion-MNIST (train) was not found and could not be downloaded")
    for way in ("sudo apt install dataset-fashion-mnist", "connect to the internet",
                "$CNNLAB_DATA", "train-images-idx3-ubyte.gz", "download failed http://127.0.0.1:9/"):
        assert way in message
    lang("zh")
    with pytest.raises(DataNotFound) as info:
        cnnlab.data.fashion_mnist("train", mirrors=closed, verbose=False)
    assert "找不到 Fashion-MNIST（train），也无法下载" in str(info.value)
    assert "安装 Debian 软件包" in str(info.value)
