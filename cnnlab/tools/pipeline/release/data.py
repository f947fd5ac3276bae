"""``cnnlab release --with-data``: the data sets travel with the release (a USB stick, a LAN share).

The files are copied as found on the instructor's machine (``cnnlab.data.sources.search_path``:
``$CNNLAB_DATA``, the user cache, the Debian package), each checked against the data set's
checksums first, into ``data/<name>/`` of the release, where ``cnnlab.data`` looks
(second, after ``$CNNLAB_DATA``). Fashion-MNIST is required; the full MNIST is shipped
when it is found (lesson 08 otherwise uses the 5,000-digit sample inside the package).
"""

from cnnlab.data import sources
from cnnlab.data.idx import BadDataFile, verify
from cnnlab.tools.pipeline.release.error import ReleaseError

REQUIRED = (sources.FASHION_MNIST,)
OPTIONAL = (sources.MNIST,)


def _valid_files(spec, folder):
    """``{file name: bytes}`` of all four files of ``spec`` in ``folder``, each valid; else None."""
    found = {}
    for split in ("train", "test"):
        for gz_name, ndim in zip(spec.files(split), (3, 1)):
            for path in (folder / gz_name, folder / gz_name[: -len(".gz")]):
                if path.is_file():
                    break
            else:
                return None
            data = path.read_bytes()
            try:
                verify(data, spec.accepted(gz_name), path, ndim=ndim, count=spec.counts[split])
            except BadDataFile:
                return None
            found[path.name] = data
    return found


def dataset_files(spec):
    """``{release path: bytes}`` of ``spec``'s files from the first folder that has them all, or {}."""
    for _kind, folder in sources.search_path(spec):
        files = _valid_files(spec, folder)
        if files:
            return {f"{sources.COURSE_DATA}/{spec.name}/{name}": data for name, data in files.items()}
    return {}


def data_files():
    """The data files of the release; ReleaseError when Fashion-MNIST is not on this machine."""
    files = {}
    for spec in REQUIRED:
        found = dataset_files(spec)
        if not found:
            raise ReleaseError(
                zh=f"--with-data：本机找不到完整有效的 {spec.title}（已查找 "
                   f"{', '.join(str(f) for _, f in sources.search_path(spec))}）。请先在本机运行一次 "
                   f"cnnlab.fashion_mnist('train') 和 ('test') 下载它，再发布",
                en=f"--with-data: no complete, valid {spec.title} on this machine (looked in "
                   f"{', '.join(str(f) for _, f in sources.search_path(spec))}). Download it first, "
                   f"e.g. run cnnlab.fashion_mnist('train') and ('test') once, then release again")
        files.update(found)
    for spec in OPTIONAL:
        files.update(dataset_files(spec))
    return files
