"""ResNet (He, Zhang, Ren and Sun, CVPR 2016), as torchvision builds it.

A residual block learns F(x) and outputs ReLU(F(x) + shortcut(x)). The shortcut
is the identity, or — where the block changes the size or the channels — a
*projection* ``downsample`` = 1×1 conv (stride s) + BatchNorm.

* :class:`BasicBlock` (ResNet-18/34): 3×3 conv → BN → ReLU → 3×3 conv → BN.
* :class:`Bottleneck` (ResNet-50): 1×1 (reduce) → 3×3 → 1×1 (expand ×4); as in
  torchvision ("ResNet v1.5") the stride sits on the 3×3 conv, not the first 1×1.

Shapes for one 224×224 image: conv1 7×7/2 → (64, 112, 112) → max pool 3/2 →
(64, 56, 56) → layer1 (56) → layer2 (28) → layer3 (14) → layer4 (7) →
(512·e, 7, 7) → global average pool → fc → num_classes (e = 1 or 4).

Parameters at 1,000 classes: ResNet-18 11,689,512; ResNet-34 21,797,672;
ResNet-50 25,557,032. Multiply-accumulates at 224×224: 1.81 G, 3.66 G, 4.09 G.
Module names and shapes match ``torchvision.models.resnet*``.
"""

import torch
from torch import nn

from cnnlab.i18n import say

__all__ = ["BasicBlock", "Bottleneck", "ResNet", "resnet18", "resnet34", "resnet50",
           "ResNetSmall", "resnet_small", "plain_small"]


def conv3x3(in_channels, out_channels, stride=1):
    """3×3 conv, padding 1, no bias (a BatchNorm follows): H → ⌊(H − 1)/s⌋ + 1."""
    return nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)


def conv1x1(in_channels, out_channels, stride=1):
    """1×1 conv, no bias: H → ⌊(H − 1)/s⌋ + 1."""
    return nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    """y = ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x)).

    Shape: (N, C_in, H, W) → (N, planes, H/s, W/s).
    ``residual=False`` drops the shortcut (a *plain* block, for the degradation
    experiment of He et al. §4.1); it then has no ``downsample`` either.
    """

    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, residual=True):
        super().__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))  # (N, planes, H/s, W/s)
        out = self.bn2(self.conv2(out))  # (N, planes, H/s, W/s)
        if self.residual:
            out = out + (x if self.downsample is None else self.downsample(x))
        return self.relu(out)


class Bottleneck(nn.Module):
    """y = ReLU(BN(conv1×1(ReLU(BN(conv3×3_s(ReLU(BN(conv1×1(x))))))) + shortcut(x)).

    Shape: (N, C_in, H, W) → (N, 4·planes, H/s, W/s); the inner width is ``planes``.
    """

    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None, residual=True):
        super().__init__()
        self.conv1 = conv1x1(inplanes, planes)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3x3(planes, planes, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = conv1x1(planes, planes * self.expansion)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))  # (N, planes, H, W)
        out = self.relu(self.bn2(self.conv2(out)))  # (N, planes, H/s, W/s)
        out = self.bn3(self.conv3(out))  # (N, 4·planes, H/s, W/s)
        if self.residual:
            out = out + (x if self.downsample is None else self.downsample(x))
        return self.relu(out)


def make_layer(block, inplanes, planes, blocks, stride=1, residual=True):
    """A stage: ``blocks`` blocks; the first may change size (stride) and channels.

    Returns (nn.Sequential, output channels). The first block gets a projection
    shortcut when its input and output shapes differ (and ``residual`` is on).
    """
    downsample = None
    if residual and (stride != 1 or inplanes != planes * block.expansion):
        downsample = nn.Sequential(
            conv1x1(inplanes, planes * block.expansion, stride),
            nn.BatchNorm2d(planes * block.expansion),
        )
    layers = [block(inplanes, planes, stride, downsample, residual)]
    inplanes = planes * block.expansion
    layers += [block(inplanes, planes, residual=residual) for _ in range(1, blocks)]
    return nn.Sequential(*layers), inplanes


def _init(model, zero_init_residual):
    """torchvision's initialisation (He normal, fan_out; BN γ = 1, β = 0)."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    if zero_init_residual:  # each block starts as the identity
        for m in model.modules():
            if isinstance(m, Bottleneck):
                nn.init.zeros_(m.bn3.weight)
            elif isinstance(m, BasicBlock):
                nn.init.zeros_(m.bn2.weight)


class ResNet(nn.Module):
    """The ImageNet ResNet: stem, four stages (64, 128, 256, 512 planes), pool, fc."""

    def __init__(self, block, layers, num_classes=1000, zero_init_residual=False):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        c = 64
        self.layer1, c = make_layer(block, c, 64, layers[0])
        self.layer2, c = make_layer(block, c, 128, layers[1], stride=2)
        self.layer3, c = make_layer(block, c, 256, layers[2], stride=2)
        self.layer4, c = make_layer(block, c, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(c, num_classes)
        _init(self, zero_init_residual)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))  # (N, 64, 56, 56)
        x = self.layer1(x)  # (N, 64·e, 56, 56)
        x = self.layer2(x)  # (N, 128·e, 28, 28)
        x = self.layer3(x)  # (N, 256·e, 14, 14)
        x = self.layer4(x)  # (N, 512·e, 7, 7)
        return self.fc(torch.flatten(self.avgpool(x), 1))  # (N, num_classes)


def resnet18(num_classes=1000, zero_init_residual=False):
    """ResNet-18: BasicBlock × [2, 2, 2, 2]; 11,689,512 parameters at 1,000 classes."""
    return ResNet(BasicBlock, [2, 2, 2, 2], num_classes, zero_init_residual)


def resnet34(num_classes=1000, zero_init_residual=False):
    """ResNet-34: BasicBlock × [3, 4, 6, 3]; 21,797,672 parameters at 1,000 classes."""
    return ResNet(BasicBlock, [3, 4, 6, 3], num_classes, zero_init_residual)


def resnet50(num_classes=1000, zero_init_residual=False):
    """ResNet-50: Bottleneck × [3, 4, 6, 3]; 25,557,032 parameters at 1,000 classes."""
    return ResNet(Bottleneck, [3, 4, 6, 3], num_classes, zero_init_residual)


class ResNetSmall(nn.Module):
    """The CIFAR-style ResNet of He et al. §4.2, at Fashion-MNIST size.

    conv 3×3 (w) → three stages of n BasicBlocks (w, 2w, 4w channels; the 2nd and
    3rd start with stride 2) → global average pool → fc. Depth = 6n + 2 layers
    with weights. Module names follow torchvision (conv1, bn1, layer1…, fc).
    """

    def __init__(self, depth=8, num_classes=10, in_channels=1, width=16, residual=True):
        super().__init__()
        if (depth - 2) % 6 or depth < 8:
            raise ValueError(say(zh="深度必须是 6n + 2，n ≥ 1（8、14、20、…），收到 {depth}",
                                 en="depth must be 6n + 2 with n ≥ 1 (8, 14, 20, …), got {depth}", depth=depth))
        n, w = (depth - 2) // 6, width
        self.depth, self.residual = depth, residual
        self.conv1 = conv3x3(in_channels, w)
        self.bn1 = nn.BatchNorm2d(w)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(2)
        c = w
        self.layer1, c = make_layer(BasicBlock, c, w, n, residual=residual)
        self.layer2, c = make_layer(BasicBlock, c, 2 * w, n, stride=2, residual=residual)
        self.layer3, c = make_layer(BasicBlock, c, 4 * w, n, stride=2, residual=residual)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(c, num_classes)
        _init(self, zero_init_residual=False)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))  # (N, w, 14, 14)
        x = self.layer1(x)  # (N, w, 14, 14)
        x = self.layer2(x)  # (N, 2w, 7, 7)
        x = self.layer3(x)  # (N, 4w, 4, 4)
        return self.fc(torch.flatten(self.avgpool(x), 1))  # (N, num_classes)


def resnet_small(depth=8, num_classes=10, in_channels=1, width=16, residual=True):
    """A small ResNet for 28×28 Fashion-MNIST on a CPU (He et al. 2016, §4.2).

    Kept from ResNet: BasicBlocks with BatchNorm, identity shortcuts inside a
    stage and a *projection* shortcut (1×1 conv stride 2 + BN) where a stage
    halves the size and doubles the channels, global average pooling, one fc.
    Scaled: the CIFAR layout of the paper (three stages of w, 2w, 4w channels,
    w = ``width`` = 16, depth 6n + 2) instead of the ImageNet one, and the stem is
    a 3×3 conv + 2×2 max pool (28 → 14), so the stages run at 14, 7 and 4 pixels.

    With the defaults (depth 8): 77,754 parameters, 2.6 M multiply-accumulates per image;
    each extra 6 layers (n + 1) add 97,216 parameters and 3.0 M
    multiply-accumulates (depth 20: 272,186 parameters, 8.6 M).
    ``residual=False`` gives the *plain* network of the same depth: the same
    convolutions, without shortcuts (see :func:`plain_small`).
    Input (N, in_channels, 28, 28) → (N, num_classes).
    """
    return ResNetSmall(depth, num_classes, in_channels, width, residual)


def plain_small(depth=8, num_classes=10, in_channels=1, width=16):
    """:func:`resnet_small` without shortcuts: same depth and convolutions, no projections.

    For the degradation experiment (He et al. 2016, Fig. 1 and 6): deeper plain
    networks train *worse*, deeper residual ones better.
    """
    return ResNetSmall(depth, num_classes, in_channels, width, residual=False)
