"""Reference networks that several test files share (torchvision's layouts, small where size does not matter)."""

import torch
from torch import nn


def alexnet_features():
    """torchvision's AlexNet feature extractor (receptive field 195, Araujo et al.)."""
    return nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(True), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(True),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(3, 2))


def vgg16_features():
    """torchvision's VGG-16 feature extractor (receptive field 212 at pool5)."""
    layers, c = [], 3
    for v in [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(True)]
            c = v
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock."""

    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.downsample = None
        if stride != 1 or c_in != c_out:
            self.downsample = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                                            nn.BatchNorm2d(c_out))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)


def resnet18(width=8):
    """torchvision's ResNet-18 layout (narrow channels: the field does not depend on them)."""
    layers = [nn.Conv2d(3, width, 7, 2, 3, bias=False), nn.BatchNorm2d(width), nn.ReLU(True),
              nn.MaxPool2d(3, 2, 1)]
    c = width
    for mult, stride in [(1, 1), (2, 2), (4, 2), (8, 2)]:
        layers.append(nn.Sequential(BasicBlock(c, width * mult, stride), BasicBlock(width * mult, width * mult)))
        c = width * mult
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, 10)]
    return nn.Sequential(*layers)


class Inception(nn.Module):
    """A small Inception module: four branches concatenated (``shift_branch``: one branch misaligned)."""

    def __init__(self, shift_branch=False):
        super().__init__()
        self.b1 = nn.Conv2d(4, 2, 1)
        self.b3 = nn.Conv2d(4, 2, 3, padding=0 if shift_branch else 1)
        self.b5 = nn.Sequential(nn.Conv2d(4, 2, 1), nn.Conv2d(2, 2, 5, padding=2))
        self.pool = nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(4, 2, 1))
        self.pad = nn.ZeroPad2d((0, 2, 0, 2)) if shift_branch else nn.Identity()

    def forward(self, x):
        return torch.cat([self.b1(x), self.pad(self.b3(x)), self.b5(x), self.pool(x)], dim=1)
