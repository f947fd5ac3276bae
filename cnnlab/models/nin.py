"""Network in Network (Lin, Chen and Yan, ICLR 2014).

Two ideas: an *mlpconv* block — a k×k convolution followed by two 1×1
convolutions, i.e. a small MLP applied at every position — and a classifier with
**no fully connected layer**: the last block outputs one map per class and a
global average pool turns each map into that class's score.

torchvision has no NiN. The ImageNet layout here is the one of d2l.ai
(§8.3), which follows the authors' released Caffe model (four mlpconv blocks,
96-256-384 channels with the AlexNet-like 11×11/4, 5×5 and 3×3 kernels, 3×3 /
stride-2 max pools, dropout 0.5 before the last block); like it, the last block
has ``num_classes`` channels directly (the Caffe model has 1024 then 1000) and
keeps a ReLU before the pooling::

    (3, 224, 224) → mlpconv 11×11/4 96  → (96, 54, 54)  → pool → (96, 26, 26)
                  → mlpconv 5×5 256     → (256, 26, 26) → pool → (256, 12, 12)
                  → mlpconv 3×3 384     → (384, 12, 12) → pool → (384, 5, 5)
                  → dropout → mlpconv 3×3 num_classes → (num_classes, 5, 5)
                  → global average pool → (num_classes,)

7,439,608 parameters and 0.97 G multiply-accumulates at 1,000 classes
(d2l trains it with 10 classes on Fashion-MNIST resized to 224×224).
"""

import torch
from torch import nn

__all__ = ["MLPConv", "NiN", "nin", "nin_small"]


class MLPConv(nn.Sequential):
    """conv k×k → ReLU → conv 1×1 → ReLU → conv 1×1 → ReLU (one "mlpconv" layer).

    Shape: (N, C_in, H, W) → (N, C_out, ⌊(H + 2p − k)/s⌋ + 1, ⌊(W + 2p − k)/s⌋ + 1).
    Parameters: C_out·(C_in·k² + 1) + 2·C_out·(C_out + 1).
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0):
        super().__init__(
            nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, kernel_size=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, kernel_size=1),
            nn.ReLU(inplace=True),
        )


class NiN(nn.Module):
    """mlpconv blocks in ``features``, then global average pooling; no linear layer."""

    def __init__(self, features):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        for m in self.modules():
            # He initialisation (2015, after NiN): with PyTorch's default, a stack of
            # 12 ReLU convolutions without batch norm starts learning very slowly.
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.avgpool(self.features(x))  # (N, num_classes, 1, 1)
        return torch.flatten(x, 1)  # (N, num_classes)


def nin(num_classes=1000, in_channels=3, dropout=0.5):
    """NiN for 224×224 images (d2l's layout; see the module docstring)."""
    return NiN(nn.Sequential(
        MLPConv(in_channels, 96, kernel_size=11, stride=4),  # (96, 54, 54)
        nn.MaxPool2d(3, stride=2),  # (96, 26, 26)
        MLPConv(96, 256, kernel_size=5, padding=2),  # (256, 26, 26)
        nn.MaxPool2d(3, stride=2),  # (256, 12, 12)
        MLPConv(256, 384, kernel_size=3, padding=1),  # (384, 12, 12)
        nn.MaxPool2d(3, stride=2),  # (384, 5, 5)
        nn.Dropout(dropout),
        MLPConv(384, num_classes, kernel_size=3, padding=1),  # (num_classes, 5, 5)
    ))


def nin_small(num_classes=10, in_channels=1, width=16, dropout=0.5):
    """A scaled-down NiN for 28×28 Fashion-MNIST on a CPU.

    Kept from NiN: four mlpconv blocks (k×k conv + two 1×1 convs, ReLU after
    each), overlapping 3×3 / stride-2 max pools, dropout before the last block,
    which has one map per class, and global average pooling — no fully connected
    layer at all. Scaled: channels 96-256-384 → 2w-4w-6w (w = ``width`` = 16 gives
    32-64-96) and the first kernel 11×11 / stride 4 → 5×5 / stride 2; one pool
    fewer, so the size goes 28 → 14 → 6 → 6 → 2 (224 → 54 → 26 → 12 → 5 in NiN).

    With the defaults: 112,646 parameters, 4.2 M multiply-accumulates per image.
    Input (N, in_channels, 28, 28) → (N, num_classes).
    """
    w = width
    return NiN(nn.Sequential(
        MLPConv(in_channels, 2 * w, kernel_size=5, stride=2, padding=2),  # (2w, 14, 14)
        nn.MaxPool2d(3, stride=2),  # (2w, 6, 6)
        MLPConv(2 * w, 4 * w, kernel_size=3, padding=1),  # (4w, 6, 6)
        MLPConv(4 * w, 6 * w, kernel_size=3, padding=1),  # (6w, 6, 6)
        nn.MaxPool2d(3, stride=2),  # (6w, 2, 2)
        nn.Dropout(dropout),
        MLPConv(6 * w, num_classes, kernel_size=3, padding=1),  # (num_classes, 2, 2)
    ))
