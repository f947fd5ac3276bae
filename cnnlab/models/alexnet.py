"""AlexNet (Krizhevsky, Sutskever and Hinton, 2012): torchvision's version, and the paper's.

torchvision follows the single-GPU "one weird trick" variant (Krizhevsky 2014):
64-192-384-256-256 filters instead of the paper's 96-256-384-384-256 split over
two GPUs, and no local response normalisation. Module names and shapes match
``torchvision.models.alexnet``, so its ``state_dict`` loads here.

Shapes for one 224×224 image::

    features    (3, 224, 224) → (256, 6, 6)   conv 11×11/4, 5×5, 3×3 ×3; max pool 3/2 ×3
    avgpool     → (256, 6, 6)                  adaptive: any input ≥ 63×63 works
    classifier  9216 → 4096 → 4096 → num_classes, dropout 0.5 before the first two

61,100,840 parameters and 0.714 G multiply-accumulates at 1,000 classes.

:func:`alexnet_2012` is the network of the 2012 paper itself, on one device:
96-256-384-384-256 kernels, the two-GPU split as ``groups=2``, local response
normalisation after conv1 and conv2, a 227×227 input, and dropout on the
*outputs* of the first two fully connected layers (§4.2), where torchvision
drops their *inputs*.
"""

from collections import OrderedDict

import torch
from torch import nn

__all__ = ["AlexNet", "alexnet", "alexnet_2012", "alexnet_small"]


class AlexNet(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),  # (64, 55, 55)
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # (64, 27, 27)
            nn.Conv2d(64, 192, kernel_size=5, padding=2),  # (192, 27, 27)
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # (192, 13, 13)
            nn.Conv2d(192, 384, kernel_size=3, padding=1),  # (384, 13, 13)
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),  # (256, 13, 13)
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),  # (256, 13, 13)
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # (256, 6, 6)
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.avgpool(self.features(x))  # (N, 256, 6, 6)
        return self.classifier(torch.flatten(x, 1))  # (N, num_classes)


def alexnet(num_classes=1000, dropout=0.5):
    """AlexNet for 3×224×224 images: 61,100,840 parameters at 1,000 classes."""
    return AlexNet(num_classes=num_classes, dropout=dropout)


def alexnet_2012(num_classes=1000, dropout=0.5):
    """AlexNet as the 2012 paper describes it, on one device. Input (N, 3, 227, 227).

    Krizhevsky, Sutskever and Hinton (2012), §3 and Figure 2. The paper split
    every layer's kernels over two GPUs; conv2, conv4 and conv5 read only the
    maps on their own GPU, which on one device is a grouped convolution
    (``groups=2``). LRN follows the ReLU of conv1 and conv2 (§3.3, with
    k = 2, n = 5, α = 10⁻⁴, β = 0.75; PyTorch divides ``alpha`` by n, hence
    ``alpha=5e-4``). Dropout sets the *outputs* of FC6 and FC7 to zero with
    probability 0.5 (§4.2), as in Caffe's reference net
    (fc6 → relu6 → drop6 → fc7 → relu7 → drop7 → fc8)::

        features    (3, 227, 227) → (256, 6, 6)
        classifier  9216 → fc6 4096 → ReLU → dropout → fc7 4096 → ReLU → dropout → fc8

    torchvision's :func:`alexnet` instead applies dropout to the *inputs* of
    FC6 and FC7 (the flattened features and FC6's output), so FC7's output
    is never dropped. Dropout has no parameters, so the count is the same
    either way: 60,965,224 parameters at 1,000 classes.
    """
    lrn = dict(size=5, alpha=5e-4, beta=0.75, k=2.0)
    features = nn.Sequential(
        nn.Conv2d(3, 96, kernel_size=11, stride=4), nn.ReLU(),  # (96, 55, 55)
        nn.LocalResponseNorm(**lrn),
        nn.MaxPool2d(kernel_size=3, stride=2),  # (96, 27, 27)
        nn.Conv2d(96, 256, kernel_size=5, padding=2, groups=2), nn.ReLU(),  # (256, 27, 27)
        nn.LocalResponseNorm(**lrn),
        nn.MaxPool2d(kernel_size=3, stride=2),  # (256, 13, 13)
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),  # reads both halves
        nn.Conv2d(384, 384, kernel_size=3, padding=1, groups=2), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1, groups=2), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),  # (256, 6, 6)
    )
    classifier = nn.Sequential(
        nn.Linear(256 * 6 * 6, 4096), nn.ReLU(), nn.Dropout(dropout),  # fc6 → relu6 → drop6
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(dropout),  # fc7 → relu7 → drop7
        nn.Linear(4096, num_classes),  # fc8
    )
    return nn.Sequential(OrderedDict(features=features, flatten=nn.Flatten(), classifier=classifier))


class AlexNetSmall(nn.Module):
    """AlexNet's ideas at Fashion-MNIST size; see :func:`alexnet_small`."""

    def __init__(self, num_classes=10, in_channels=1, width=16, hidden=256, dropout=0.5):
        super().__init__()
        w = width
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 2 * w, kernel_size=5, stride=2, padding=2),  # (2w, 14, 14)
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # (2w, 6, 6)
            nn.Conv2d(2 * w, 3 * w, kernel_size=3, padding=1),  # (3w, 6, 6)
            nn.ReLU(inplace=True),
            nn.Conv2d(3 * w, 4 * w, kernel_size=3, padding=1),  # (4w, 6, 6)
            nn.ReLU(inplace=True),
            nn.Conv2d(4 * w, 4 * w, kernel_size=3, padding=1),  # (4w, 6, 6)
            nn.ReLU(inplace=True),
            nn.Conv2d(4 * w, 3 * w, kernel_size=3, padding=1),  # (3w, 6, 6)
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),  # (3w, 2, 2)
        )
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(3 * w * 2 * 2, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(inplace=True),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x):
        x = self.features(x)  # (N, 3w, 2, 2) for 28×28 input
        return self.classifier(torch.flatten(x, 1))  # (N, num_classes)


def alexnet_small(num_classes=10, in_channels=1, width=16, hidden=256, dropout=0.5):
    """A scaled-down AlexNet for 28×28 Fashion-MNIST on a CPU.

    Kept from AlexNet: a large strided first kernel (5×5, stride 2 — on 28×28 it
    plays the part of 11×11 stride 4 on 224×224), ReLU everywhere, overlapping
    3×3 / stride-2 max pooling, five convolutions (3×3 from the third on, the
    middle ones widest), and a three-layer classifier with dropout 0.5.
    Scaled: channels 64-192-384-256-256 → 2w-3w-4w-4w-3w (w = ``width`` = 16 gives
    32-48-64-64-48), the spatial size 55 → 13 → 6 after the pools becomes
    14 → 6 → 2, hidden units 4096 → 256, and the adaptive 6×6 pool is dropped.

    With the defaults: 224,810 parameters, 4.1 M multiply-accumulates per image.
    Input (N, in_channels, 28, 28) → (N, num_classes).
    """
    return AlexNetSmall(num_classes, in_channels, width, hidden, dropout)
