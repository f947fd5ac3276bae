"""Data for the course: real data sets found offline or downloaded, and tiny synthetic images.

Modules, each short enough to read in a lesson:

- ``idx``        the IDX file format, checksums, and the checks every file passes
- ``sources``    the data sets' files, mirrors, checksums, and where we look for them
- ``download``   one file from a list of mirrors, written atomically
- ``imageset``   :class:`ImageSet`, a split held in memory, and :func:`loader`, a DataLoader over it
- ``find``       finding a split on this machine, checking its files, downloading the missing ones
- ``datasets``   the named data sets: :func:`fashion_mnist`, :func:`mnist`, the MNIST sample; :func:`loaders`
- ``synthetic``  small black/white images (stripe, edge, bars, checkerboard)
"""

from cnnlab.data.datasets import fashion_mnist, loaders, mnist, mnist_sample
from cnnlab.data.download import DownloadError
from cnnlab.data.find import DataNotFound
from cnnlab.data.idx import BadDataFile
from cnnlab.data.imageset import ImageSet, loader
from cnnlab.data.synthetic import bars, checkerboard, diagonal, edge, stripe

__all__ = ["BadDataFile", "DataNotFound", "DownloadError", "ImageSet", "bars", "checkerboard",
           "diagonal", "edge", "fashion_mnist", "loader", "loaders", "mnist", "mnist_sample", "stripe"]
