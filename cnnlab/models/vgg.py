"""VGG (Simonyan and Zisserman, 2015), as torchvision builds it.

A VGG network is a list of *blocks*: n 3×3 convolutions (padding 1, so the size is
kept) with ReLU, then a 2×2 max pool that halves the size. Two stacked 3×3 convs
see 5×5, three see 7×7, with fewer parameters than one big kernel.
The configuration lists output channels, ``"M"`` for a pool::

    VGG-11  64 M 128 M 256 256 M 512 512 M 512 512 M
    VGG-16  64 64 M 128 128 M 256 256 256 M 512 512 512 M 512 512 512 M

224×224 → features (512, 7, 7) → adaptive avg pool (7, 7) → 25088 → 4096 → 4096 →
num_classes, dropout 0.5 after the first two linear layers. ``batch_norm=True``
puts a BatchNorm2d after every conv (``vgg16_bn``). Module names and shapes match
``torchvision.models.vgg*``.

Parameters at 1,000 classes: VGG-11 132,863,336; VGG-16 138,357,544;
VGG-16-BN 138,365,992. Multiply-accumulates at 224×224: 7.6 G and 15.5 G.
"""

import torch
from torch import nn

__all__ = ["VGG", "make_layers", "CONFIGS", "vgg11", "vgg16", "vgg16_bn", "vgg_small"]

CONFIGS = {
    "vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg13": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg16": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M",
              512, 512, 512, "M", 512, 512, 512, "M"],
    "vgg19": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M",
              512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def make_layers(config, in_channels=3, batch_norm=False):
    """Turn a configuration list into ``nn.Sequential`` (conv [BN] ReLU … MaxPool)."""
    layers = []
    for v in config:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))  # (C, H/2, W/2)
        else:
            layers.append(nn.Conv2d(in_channels, v, kernel_size=3, padding=1))  # (v, H, W)
            if batch_norm:
                layers.append(nn.BatchNorm2d(v))
            layers.append(nn.ReLU(inplace=True))
            in_channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """``features`` from a configuration, then a three-layer classifier.

    Shape: (N, C, H, W) → features (N, c_last, H/2^p, W/2^p) → pool (N, c_last, *pool)
    → (N, num_classes), p = number of pools.
    """

    def __init__(self, features, num_classes=1000, hidden=4096, pool=(7, 7),
                 dropout=0.5, init_weights=True):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d(pool)
        channels = [m.out_channels for m in features if isinstance(m, nn.Conv2d)][-1]
        self.classifier = nn.Sequential(
            nn.Linear(channels * pool[0] * pool[1], hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(hidden, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(hidden, num_classes),
        )
        if init_weights:  # torchvision's initialisation
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                    nn.init.zeros_(m.bias)
                elif isinstance(m, nn.BatchNorm2d):
                    nn.init.ones_(m.weight)
                    nn.init.zeros_(m.bias)
                elif isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, 0, 0.01)
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.avgpool(self.features(x))  # (N, c_last, 7, 7)
        return self.classifier(torch.flatten(x, 1))  # (N, num_classes)


def vgg11(num_classes=1000, batch_norm=False):
    """VGG-11 (configuration A): 132,863,336 parameters at 1,000 classes."""
    return VGG(make_layers(CONFIGS["vgg11"], batch_norm=batch_norm), num_classes)


def vgg16(num_classes=1000, batch_norm=False):
    """VGG-16 (configuration D): 138,357,544 parameters at 1,000 classes."""
    return VGG(make_layers(CONFIGS["vgg16"], batch_norm=batch_norm), num_classes)


def vgg16_bn(num_classes=1000):
    """VGG-16 with BatchNorm after every conv: 138,365,992 parameters."""
    return vgg16(num_classes, batch_norm=True)


def vgg_small(num_classes=10, in_channels=1, width=16, hidden=128, batch_norm=False,
              dropout=0.5):
    """A scaled-down VGG for 28×28 Fashion-MNIST on a CPU.

    Kept from VGG: only 3×3 convolutions with padding 1, grouped in blocks that
    end in a 2×2 max pool, channels doubling from block to block, ReLU, and a
    three-layer classifier with dropout. Scaled: three blocks instead of five
    (28 → 14 → 7 → 3), configuration ``[w, M, 2w, M, 4w, 4w, M]`` — VGG-11's first
    three blocks with 64 → w channels (w = ``width`` = 16) — a 3×3 final pool
    instead of 7×7, and 4096 → ``hidden`` = 128 hidden units.

    With the defaults: 151,882 parameters, 3.8 M multiply-accumulates per image.
    ``batch_norm=True`` adds BatchNorm2d after each conv (faster, steadier training).
    Input (N, in_channels, 28, 28) → (N, num_classes).
    """
    w = width
    config = [w, "M", 2 * w, "M", 4 * w, 4 * w, "M"]
    features = make_layers(config, in_channels=in_channels, batch_norm=batch_norm)
    return VGG(features, num_classes, hidden=hidden, pool=(3, 3), dropout=dropout)
