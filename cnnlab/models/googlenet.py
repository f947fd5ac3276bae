"""GoogLeNet / Inception v1 (Szegedy et al., CVPR 2015), as torchvision builds it.

An Inception block runs four branches on the same input and concatenates their
outputs along the channels::

    branch1  1×1 conv                          → ch1x1
    branch2  1×1 conv (bottleneck) → 3×3 conv  → ch3x3
    branch3  1×1 conv (bottleneck) → "5×5" conv → ch5x5
    branch4  3×3 max pool (stride 1) → 1×1 conv → pool_proj

The 1×1 bottlenecks shrink the channels before the expensive convolutions.
Every conv is a :class:`BasicConv2d`: conv without bias + BatchNorm (eps 0.001) +
ReLU — torchvision's choice; the 2015 paper had no batch norm. Also as in
torchvision, branch3 uses a **3×3** kernel, not the paper's 5×5 (a known quirk
kept so that torchvision's weights load; the names keep "5x5").

Shapes for one 224×224 image: stem (conv 7×7/2, pool, conv 1×1, conv 3×3, pool)
→ (192, 28, 28) → 3a, 3b → (480, 28, 28) → pool → 4a…4e → (832, 14, 14) → pool →
5a, 5b → (1024, 7, 7) → global average pool → dropout 0.2 → fc → num_classes.

6,624,904 parameters (without the auxiliary classifiers) and 1.5 G
multiply-accumulates at 1,000 classes. Module names and shapes match
``torchvision.models.googlenet``; ``aux_logits=True`` adds ``aux1`` and ``aux2``
as in torchvision (their outputs are returned in training mode only).
"""

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["BasicConv2d", "Inception", "InceptionAux", "GoogLeNet", "googlenet",
           "googlenet_small"]


class BasicConv2d(nn.Module):
    """conv (no bias) → BatchNorm2d(eps=0.001) → ReLU.

    Shape: (N, C_in, H, W) → (N, C_out, ⌊(H + 2p − k)/s⌋ + 1, …).
    """

    def __init__(self, in_channels, out_channels, **conv_args):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **conv_args)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)


class Inception(nn.Module):
    """Four parallel branches, concatenated: (N, C_in, H, W) → (N, C_out, H, W),
    C_out = ch1x1 + ch3x3 + ch5x5 + pool_proj."""

    def __init__(self, in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj):
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=1),
        )
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, kernel_size=1),
            BasicConv2d(ch5x5red, ch5x5, kernel_size=3, padding=1),  # 3×3, as torchvision
        )
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, kernel_size=1),
        )

    def forward(self, x):
        branches = (self.branch1, self.branch2, self.branch3, self.branch4)
        return torch.cat([b(x) for b in branches], 1)  # (N, C_out, H, W)


class InceptionAux(nn.Module):
    """Auxiliary classifier: avg pool to 4×4 → 1×1 conv 128 → fc 1024 → dropout 0.7 → fc."""

    def __init__(self, in_channels, num_classes, dropout=0.7):
        super().__init__()
        self.conv = BasicConv2d(in_channels, 128, kernel_size=1)
        self.fc1 = nn.Linear(2048, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x):
        x = self.conv(F.adaptive_avg_pool2d(x, (4, 4)))  # (N, 128, 4, 4)
        x = F.relu(self.fc1(torch.flatten(x, 1)), inplace=True)  # (N, 1024)
        return self.fc2(self.dropout(x))  # (N, num_classes)


class GoogLeNet(nn.Module):
    def __init__(self, num_classes=1000, aux_logits=False, transform_input=False,
                 dropout=0.2, dropout_aux=0.7):
        super().__init__()
        self.aux_logits, self.transform_input = aux_logits, transform_input
        self.conv1 = BasicConv2d(3, 64, kernel_size=7, stride=2, padding=3)  # (64, 112, 112)
        self.maxpool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)  # (64, 56, 56)
        self.conv2 = BasicConv2d(64, 64, kernel_size=1)
        self.conv3 = BasicConv2d(64, 192, kernel_size=3, padding=1)  # (192, 56, 56)
        self.maxpool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)  # (192, 28, 28)

        self.inception3a = Inception(192, 64, 96, 128, 16, 32, 32)  # (256, 28, 28)
        self.inception3b = Inception(256, 128, 128, 192, 32, 96, 64)  # (480, 28, 28)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, ceil_mode=True)  # (480, 14, 14)

        self.inception4a = Inception(480, 192, 96, 208, 16, 48, 64)  # (512, 14, 14)
        self.inception4b = Inception(512, 160, 112, 224, 24, 64, 64)
        self.inception4c = Inception(512, 128, 128, 256, 24, 64, 64)
        self.inception4d = Inception(512, 112, 144, 288, 32, 64, 64)  # (528, 14, 14)
        self.inception4e = Inception(528, 256, 160, 320, 32, 128, 128)  # (832, 14, 14)
        self.maxpool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)  # (832, 7, 7)

        self.inception5a = Inception(832, 256, 160, 320, 32, 128, 128)
        self.inception5b = Inception(832, 384, 192, 384, 48, 128, 128)  # (1024, 7, 7)

        if aux_logits:
            self.aux1 = InceptionAux(512, num_classes, dropout_aux)
            self.aux2 = InceptionAux(528, num_classes, dropout_aux)
        else:
            self.aux1 = self.aux2 = None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(1024, num_classes)

        for m in self.modules():  # torchvision's initialisation
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(m.weight, mean=0.0, std=0.01, a=-2, b=2)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def _transform_input(self, x):
        """Re-normalise ImageNet-normalised input to (x − 0.5)/0.5 per channel."""
        mean = x.new_tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
        std = x.new_tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
        return (x * std + mean - 0.5) / 0.5

    def forward(self, x):
        if self.transform_input:
            x = self._transform_input(x)
        x = self.maxpool1(self.conv1(x))  # (N, 64, 56, 56)
        x = self.maxpool2(self.conv3(self.conv2(x)))  # (N, 192, 28, 28)
        x = self.maxpool3(self.inception3b(self.inception3a(x)))  # (N, 480, 14, 14)
        x = self.inception4a(x)  # (N, 512, 14, 14)
        aux1 = self.aux1(x) if self.aux1 is not None and self.training else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))  # (N, 528, 14, 14)
        aux2 = self.aux2(x) if self.aux2 is not None and self.training else None
        x = self.maxpool4(self.inception4e(x))  # (N, 832, 7, 7)
        x = self.inception5b(self.inception5a(x))  # (N, 1024, 7, 7)
        x = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))  # (N, num_classes)
        if aux1 is not None:
            return x, aux2, aux1  # torchvision's GoogLeNetOutputs order: logits, aux2, aux1
        return x


def googlenet(num_classes=1000, aux_logits=False, transform_input=False):
    """GoogLeNet for 224×224 images: 6,624,904 parameters without the aux heads."""
    return GoogLeNet(num_classes, aux_logits=aux_logits, transform_input=transform_input)


class GoogLeNetSmall(nn.Module):
    """GoogLeNet's ideas at Fashion-MNIST size; see :func:`googlenet_small`."""

    def __init__(self, num_classes=10, in_channels=1, width=16, dropout=0.2):
        super().__init__()
        w = width
        self.conv1 = BasicConv2d(in_channels, 2 * w, kernel_size=5, stride=2,
                                 padding=2)  # (2w, 14, 14)
        # Inception(in, 1×1, 3×3 reduce, 3×3, "5×5" reduce, "5×5", pool proj)
        self.inception3a = Inception(2 * w, w, w, 2 * w, w // 4, w // 2, w // 2)  # (4w, 14, 14)
        self.maxpool3 = nn.MaxPool2d(3, stride=2, padding=1)  # (4w, 7, 7)
        self.inception4a = Inception(4 * w, 2 * w, 2 * w, 3 * w, w // 2, w, w)  # (7w, 7, 7)
        self.inception4b = Inception(7 * w, 3 * w, 3 * w, 4 * w, 3 * w // 4, 3 * w // 2,
                                     3 * w // 2)  # (10w, 7, 7)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout)
        self.fc = nn.Linear(10 * w, num_classes)

    def forward(self, x):
        x = self.conv1(x)  # (N, 2w, 14, 14)
        x = self.maxpool3(self.inception3a(x))  # (N, 4w, 7, 7)
        x = self.inception4b(self.inception4a(x))  # (N, 10w, 7, 7)
        return self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))  # (N, num_classes)


def googlenet_small(num_classes=10, in_channels=1, width=16, dropout=0.2):
    """A scaled-down GoogLeNet for 28×28 Fashion-MNIST on a CPU.

    Kept from GoogLeNet: Inception blocks (1×1 | 1×1→3×3 | 1×1→3×3 | pool→1×1,
    concatenated) with 1×1 bottlenecks, BasicConv2d (conv + BN + ReLU), max pools
    between stages, global average pooling, dropout and a single linear layer.
    Scaled: the stem is one 5×5 stride-2 conv (28 → 14) instead of 7×7/2, pool,
    1×1, 3×3, pool (224 → 28) — max pooling is slow on a CPU, so one pool fewer;
    three Inception blocks (3a at 14×14; 4a, 4b at 7×7) instead of nine; channels
    ÷ 4 or more (w = ``width`` = 16 gives 32 → 64 → 112 → 160 channels), the branch
    proportions roughly those of 3a/3b/4a (half the output from the 3×3 branch);
    no auxiliary classifiers (a network this shallow does not need them).

    With the defaults: 75,322 parameters, 4.6 M multiply-accumulates per image.
    Input (N, in_channels, 28, 28) → (N, num_classes).
    """
    return GoogLeNetSmall(num_classes, in_channels, width, dropout)
