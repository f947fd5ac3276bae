"""A split of an image data set held in memory (:class:`ImageSet`), and a DataLoader over it.

The images stay as they were stored, uint8, and become numbers for the
network only when a batch is asked for::

    x = images[batch] / 255          (float32, B × C × H × W, values in [0, 1])
    y = labels[batch]                (int64, B)

:func:`loader` wraps an ImageSet in a ``torch.utils.data.DataLoader`` that
asks for a whole batch at once.
"""

import torch
import torch.nn.functional as F

from cnnlab.geometry import pair
from cnnlab.i18n import get_language, say


class ImageSet(torch.utils.data.Dataset):
    """A split of an image data set, held in memory.

    Attributes: ``images`` (uint8, N×C×H×W), ``labels`` (int64, N),
    ``name``, ``split``, ``source`` (where the images came from, in words),
    ``classes`` (class names in the course language), ``resize`` ((h, w) or None).
    """

    def __init__(self, images, labels, class_names, name, split, source, resize=None):
        self.images, self.labels = images, labels
        self.class_names, self.name, self.split, self.source = class_names, name, split, source
        self.resize = resize

    @property
    def classes(self):
        return list(self.class_names[get_language()])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        x, y = self.__getitems__([i])
        return x[0], int(y[0])

    def __getitems__(self, indices):
        """A whole batch at once: ``(x, y)`` with x of shape (B, C, H, W), float32 in [0, 1].

        ``torch.utils.data.DataLoader`` calls this (instead of ``__getitem__``
        B times) — much faster for small images.
        """
        index = torch.as_tensor(indices, dtype=torch.long)
        x = self.images[index].float().div_(255)                    # (B, C, H, W)
        if self.resize is not None:
            x = F.interpolate(x, size=self.resize, mode="bilinear", align_corners=False)
        return x, self.labels[index]

    def resized(self, size):
        """The same images, delivered at ``size`` (int or (h, w)); shares memory."""
        size = None if size is None else pair(size, "size")
        return ImageSet(self.images, self.labels, self.class_names, self.name, self.split, self.source, size)

    def subset(self, n, seed=0):
        """A reproducible random subset of ``n`` images (all of them if n ≥ len)."""
        if n >= len(self):
            return self
        keep = torch.randperm(len(self), generator=torch.Generator().manual_seed(seed))[:n]
        note = say(zh="{n:,} / {t:,} 张随机子集", en="random {n:,} of {t:,}", n=n, t=len(self))
        return ImageSet(self.images[keep], self.labels[keep], self.class_names, self.name,
                        self.split, f"{self.source} [{note}]", self.resize)

    def __repr__(self):
        c, h, w = self.images.shape[1:]
        size = f", resized to {self.resize[0]}×{self.resize[1]}" if self.resize else ""
        return (f"ImageSet({self.name} {self.split}: {len(self):,} images {c}×{h}×{w}{size}, "
                f"{len(self.class_names['en'])} classes, from {self.source})")


def loader(dataset, batch_size=256, shuffle=None, resize=None):
    """A ``torch.utils.data.DataLoader`` over an ImageSet, yielding ``(x, y)`` batches.

    ``x``: (B, C, H, W) float32 in [0, 1], resized to ``resize`` if given;
    ``y``: (B,) int64. Shuffles the training split by default (using torch's
    global RNG, so :func:`cnnlab.seed` makes the order reproducible).
    """
    if resize is not None:
        dataset = dataset.resized(resize)
    shuffle = (dataset.split == "train") if shuffle is None else shuffle
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                                       collate_fn=_batch_as_is)


def _batch_as_is(batch):
    return batch            # ImageSet.__getitems__ already built the batch
