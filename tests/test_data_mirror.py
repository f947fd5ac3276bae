"""Issue 22 §3: a classroom with a slow or no connection to the outside.

``$CNNLAB_DATA_MIRROR`` (the instructor's mirror) is tried before the data set's own mirrors; it is
a folder laid out as the user cache (``<name>/<file>``) served over HTTP — here by Python's own
``http.server`` on 127.0.0.1, as an instructor would run it. ``cnnlab release --with-data`` ships
Fashion-MNIST in ``data/`` of the release, where the loaders look.
"""

import dataclasses
import functools
import http.server
import shutil
import threading

import pytest

from cnnlab.data import datasets, sources
from cnnlab.manifest import MANIFEST
from tests.helpers import ROOT, needs_fashion_mnist_package
from tests.test_download import GOOD, spec


class Logged(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def mirror(tmp_path):
    """A folder ``served/`` (served over HTTP on 127.0.0.1) and the server."""
    served = tmp_path / "served"
    served.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Logged, directory=str(served)))
    httpd.requests, httpd.folder = [], served
    httpd.daemon_threads = False   # server_close() joins the request threads: none outlives the test
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def test_the_instructors_mirror_is_tried_first(isolated, mirror, monkeypatch):
    (mirror.folder / "tiny").mkdir()
    for name, data in GOOD.items():
        (mirror.folder / "tiny" / name).write_bytes(data)
    monkeypatch.setenv(sources.MIRROR_ENV, mirror.url)
    data = datasets.load(spec(["http://127.0.0.1:9/"]), "test", verbose=False)   # the own mirror is dead
    assert len(data) == 5 and mirror.url + "/tiny/" in data.source
    assert mirror.requests == ["/tiny/t10k-images-idx3-ubyte.gz", "/tiny/t10k-labels-idx1-ubyte.gz"]


def test_without_the_file_the_instructors_mirror_gives_way_to_the_next(isolated, mirror, monkeypatch, capsys):
    monkeypatch.setenv(sources.MIRROR_ENV, f"{mirror.url}/nothing-here {mirror.url}")   # two, in turn
    (mirror.folder / "own").mkdir()
    for name, data in GOOD.items():
        (mirror.folder / "own" / name).write_bytes(data)
    data = datasets.load(spec([mirror.url + "/own/"]), "train")
    assert len(data) == 12
    assert mirror.requests[:3] == ["/nothing-here/tiny/train-images-idx3-ubyte.gz",
                                   "/tiny/train-images-idx3-ubyte.gz", "/own/train-images-idx3-ubyte.gz"]
    assert "downloading " + mirror.url + "/nothing-here/tiny/" in capsys.readouterr().out


def test_no_mirror_set_means_only_the_data_sets_own(monkeypatch):
    monkeypatch.delenv(sources.MIRROR_ENV, raising=False)
    assert sources.download_mirrors(sources.FASHION_MNIST) == sources.FASHION_MNIST_MIRRORS
    monkeypatch.setenv(sources.MIRROR_ENV, " http://10.0.0.5:8000/ ")
    assert sources.download_mirrors(sources.FASHION_MNIST)[0] == "http://10.0.0.5:8000/fashion-mnist/"


def test_the_error_without_data_names_the_mirror_variable(isolated, monkeypatch, lang):
    monkeypatch.delenv(sources.MIRROR_ENV, raising=False)
    lang("en")
    with pytest.raises(datasets.DataNotFound, match=r"set \$CNNLAB_DATA_MIRROR to its address"):
        datasets.load(spec(["http://127.0.0.1:9/"]), "test", verbose=False)


@needs_fashion_mnist_package
def test_release_with_data_ships_fashion_mnist_and_the_course_folder_finds_it(isolated, tmp_path, monkeypatch):
    from cnnlab.tools.pipeline.release.data import data_files
    files = data_files()
    names = sorted(files)
    assert [n for n in names if n.startswith("data/fashion-mnist/")] == sorted(
        f"data/fashion-mnist/{name}" for name in sources.FASHION_MNIST_MD5)
    # A course folder (as the release is) with data/: the loader finds the data there, offline.
    course = tmp_path / "release"
    (course / "course").mkdir(parents=True)
    shutil.copy(ROOT / MANIFEST, course / MANIFEST)
    for name, data in files.items():
        (course / name).parent.mkdir(parents=True, exist_ok=True)
        (course / name).write_bytes(data)
    (course / "lessons" / "zh").mkdir(parents=True)
    monkeypatch.chdir(course / "lessons" / "zh")                      # where a lesson runs
    monkeypatch.delenv(sources.DATA_ENV)
    without_debian = dataclasses.replace(sources.FASHION_MNIST, debian_dir=None)
    test = datasets.load(without_debian, "test", download=False, verbose=False)
    assert len(test) == 10_000 and "data/" in test.source and str(course / "data") in test.source


def test_release_with_data_is_refused_without_fashion_mnist(isolated, monkeypatch):
    from cnnlab.tools.pipeline.release import data
    from cnnlab.tools.pipeline.release.error import ReleaseError
    monkeypatch.setattr(data, "REQUIRED", (spec(["http://127.0.0.1:9/"]),))
    with pytest.raises(ReleaseError, match="--with-data: no complete, valid Tiny"):
        data.data_files()
