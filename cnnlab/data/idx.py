"""The IDX file format of MNIST and Fashion-MNIST: read, check, write.

An IDX file is a tiny header followed by raw bytes::

    magic  = 0x00 0x00 <dtype> <ndim>     # dtype 0x08 = uint8
    shape  = ndim big-endian uint32       # e.g. 60000, 28, 28
    data   = prod(shape) bytes            # row-major, one byte per pixel

so an image file of N 28×28 images has exactly ``16 + N·28·28`` bytes and a
label file ``8 + N`` bytes. The files are distributed gzipped (``*.gz``).
:func:`verify` also checks the file's MD5 checksum. Any file that breaks one
of these rules raises :class:`BadDataFile`, which
names the file and what is wrong with it; nothing is returned from it.
"""

import gzip
import hashlib
import zlib

import numpy as np

from cnnlab.i18n import say

UINT8 = 0x08


class BadDataFile(ValueError):
    """A data file is corrupted, truncated or not the file we expected."""

    def __init__(self, path, reason):
        self.path, self.reason = str(path), reason
        super().__init__(say(zh="数据文件 {p} 无效：{r}", en="invalid data file {p}: {r}",
                             p=self.path, r=reason))


def md5(data):
    """Hex MD5 digest of ``bytes``."""
    return hashlib.md5(data).hexdigest()


def decompress(data, path="<bytes>"):
    """Gunzip ``data`` if it starts with the gzip magic ``1f 8b``, else return it as is."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:  # bad CRC, truncated stream …
        raise BadDataFile(path, say(zh="gzip 压缩数据损坏或不完整（{e}）",
                                    en="broken or incomplete gzip data ({e})", e=err)) from None


def parse(raw, path="<bytes>", ndim=None, count=None):
    """Check an uncompressed IDX file and return it as a uint8 array.

    ``ndim`` (3 for images, 1 for labels) and ``count`` (first dimension) are
    checked when given. Shape: ``(N, 28, 28)`` for images, ``(N,)`` for labels.
    """
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != UINT8:
        raise BadDataFile(path, say(zh="不是 uint8 IDX 文件（开头字节 {m}）",
                                    en="not a uint8 IDX file (magic bytes {m})", m=raw[:4].hex()))
    dims = raw[3]
    if ndim is not None and dims != ndim:
        raise BadDataFile(path, say(zh="IDX 维数为 {d}，应为 {n}", en="IDX has {d} dimensions, expected {n}",
                                    d=dims, n=ndim))
    header = 4 + 4 * dims
    if len(raw) < header:
        raise BadDataFile(path, say(zh="文件头不完整", en="truncated header"))
    shape = tuple(int(s) for s in np.frombuffer(raw, ">u4", count=dims, offset=4))
    if count is not None and shape[0] != count:
        raise BadDataFile(path, say(zh="含 {n:,} 个样本，应为 {c:,} 个", en="holds {n:,} items, expected {c:,}",
                                    n=shape[0], c=count))
    expected = header + int(np.prod(shape))
    if len(raw) != expected:
        raise BadDataFile(path, say(zh="长度 {n:,} 字节，按文件头应为 {e:,} 字节（文件被截断或有多余数据）",
                                    en="{n:,} bytes long but its header implies {e:,} (truncated or padded)",
                                    n=len(raw), e=expected))
    return np.frombuffer(raw, np.uint8, offset=header).reshape(shape)


def encode(array):
    """The IDX bytes of a uint8 array (the inverse of :func:`parse`)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, UINT8, array.ndim]) + np.asarray(array.shape, ">u4").tobytes()
    return header + array.tobytes()


def verify(data, accepted, where, ndim=None, count=None):
    """Check the bytes of a (possibly gzipped) IDX file and return it as a uint8 array.

    Valid means: gzip intact, ``MD5(data)`` or ``MD5(gunzip(data))`` in the set
    ``accepted``, and an IDX header that agrees with ``ndim``, ``count`` and the
    length. Otherwise BadDataFile names ``where`` and the reason.
    """
    raw = decompress(data, where)
    digests = {md5(data), md5(raw)} if raw is not data else {md5(data)}
    if not digests & set(accepted):
        raise BadDataFile(where, say(
            zh="校验和不符：MD5 为 {got}，应为 {want}", en="checksum mismatch: MD5 is {got}, expected {want}",
            got=md5(data), want=" / ".join(sorted(accepted))))
    return parse(raw, where, ndim=ndim, count=count)
