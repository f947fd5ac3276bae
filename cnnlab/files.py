"""Safe file writes for the course tools: an atomic replace, and a lock between processes.

``write_atomically`` writes a temporary file beside the target and ``os.replace``s
it over the target, so a reader (or a crash) sees either the old file or the new
one, never half of one. ``locked`` holds an exclusive lock on a lock file for
the length of a ``with`` block, so two processes doing read-modify-write on the
same file take turns. The lock is the ``filelock`` library's ``FileLock``
(``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows), so it
locks on every system the course runs on.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock

__all__ = ["write_atomically", "locked"]


def write_atomically(path, data, mode=0o644):
    """Replace ``path`` with ``data`` in one step: a ``str`` is written as UTF-8 with its
    newlines as given, ``bytes`` as they are.

    The text goes to ``.<name>.<random>.tmp`` in the same folder, is flushed to
    disk (``fsync``), given ``mode`` (``mkstemp`` makes it 0600) and moved over
    ``path`` with ``os.replace``; on any error the temporary file is removed.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def locked(lock_path):
    """Hold an exclusive lock on the file ``lock_path`` (created if missing) until the block ends.

    A process that finds it held waits; the lock is released when the block ends,
    even by an exception, and by the system when the process dies.
    """
    with FileLock(str(lock_path), mode=0o644):
        yield
