"""Download one file from a list of mirrors, safely.

For each mirror in turn::

    GET <mirror><file>  →  <dest>.tmp          (streamed, with a timeout)
    received bytes == Content-Length ?          (a dropped connection is caught)
    MD5 ∈ checksums, gzip + IDX header valid ?  (see cnnlab.data.sources)
    os.replace(<dest>.tmp, <dest>)              (atomic: a file appears only when complete)

Any failure deletes ``<dest>.tmp`` and tries the next mirror, so a failed
download never leaves a file that could later pass as valid.
"""

import http.client
import os
import urllib.error
import urllib.request
from pathlib import Path

from cnnlab.data.idx import BadDataFile, verify
from cnnlab.i18n import say

TIMEOUT = 30          # seconds without data before a mirror is given up
CHUNK = 1 << 16


class DownloadError(OSError):
    """No mirror delivered a valid copy of a file; ``.failures`` lists (url, reason)."""

    def __init__(self, filename, failures):
        self.filename, self.failures = filename, failures
        lines = "\n".join(f"  - {url}: {why}" for url, why in failures)
        self.message = say(zh="无法下载 {f}，所有镜像均失败：\n{l}",
                           en="could not download {f}; every mirror failed:\n{l}", f=filename, l=lines)
        super().__init__(self.message)

    def __str__(self):
        return self.message


def _get(url, tmp, timeout):
    """Stream ``url`` into ``tmp``; return its bytes. Raise OSError on a short read."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        expected = response.headers.get("Content-Length")
        received = 0
        with open(tmp, "wb") as out:
            while True:
                try:
                    chunk = response.read(CHUNK)
                except http.client.IncompleteRead as err:
                    out.write(err.partial)
                    received += len(err.partial)
                    chunk = b""
                if not chunk:
                    break
                out.write(chunk)
                received += len(chunk)
    if expected is not None and received != int(expected):
        raise ConnectionError(say(zh="连接中断：只收到 {n:,} / {e:,} 字节",
                                  en="connection dropped after {n:,} of {e:,} bytes",
                                  n=received, e=int(expected)))
    return Path(tmp).read_bytes()


def _reason(err):
    """A short, readable reason for a failed mirror."""
    if isinstance(err, BadDataFile):
        return err.reason
    if isinstance(err, urllib.error.URLError) and not isinstance(err, urllib.error.HTTPError):
        return str(err.reason)
    return str(err) or type(err).__name__


def fetch(filename, dest, mirrors, accepted, ndim=None, timeout=TIMEOUT, log=print):
    """Download ``filename`` from the first mirror that gives a valid copy; save it as ``dest``.

    ``mirrors`` are base URLs (ending in '/'); ``accepted`` a set of MD5 digests.
    Returns ``(dest, url)``; raises DownloadError listing each mirror's failure.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    failures = []
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + filename
        log(say(zh="正在下载 {u} …", en="downloading {u} …", u=url))
        try:
            data = _get(url, tmp, timeout)
            verify(data, accepted, url, ndim=ndim)
        except (OSError, BadDataFile, http.client.HTTPException) as err:
            tmp.unlink(missing_ok=True)
            failures.append((url, _reason(err)))
            continue
        os.replace(tmp, dest)
        return dest, url
    tmp.unlink(missing_ok=True)
    raise DownloadError(filename, failures)
