"""Data for the course: real data sets found offline or downloaded, and tiny synthetic images.

Modules, each short enough to read in a lesson:

- ``idx``        the IDX file format, checksums, and the checks every file passes
- ``sources``    the data sets' files, mirrors, checksums, and where we look for them
- ``download``   one file from a list of mirrors, written atomically
- ``datasets``   :func:`fashion_mnist`, :func:`mnist` → :class:`ImageSet`; DataLoaders
- ``synthetic``  small black/white images (stripe, edge, bars, checkerboard)
"""

from cnnlab.data.datasets import (DataNotFound, ImageSet, fashion_mnist, loader, loaders, mnist,
                                  mnist_sample)
from cnnlab.data.download import DownloadError
from cnnlab.data.idx import BadDataFile
from cnnlab.data.synthetic import bars, checkerboard, diagonal, edge, stripe

__all__ = ["BadDataFile", "DataNotFound", "DownloadError", "ImageSet", "bars", "checkerboard",
           "diagonal", "edge", "fashion_mnist", "loader", "loaders", "mnist", "mnist_sample", "stripe"]
