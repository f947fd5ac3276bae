"""LeNet (LeCun et al., 1998) for 28×28 images.

``lenet_modern`` keeps LeNet-5's shape — two 5×5 convolutions with 6 and 16
channels, then 120 → 84 → classes fully-connected units — but uses today's
parts: ReLU instead of the sigmoid/tanh, max pooling instead of trainable
average "subsampling", and (optionally) batch normalization after every
convolution and hidden linear layer.

Shapes for a 28×28 input (the first conv pads by 2, so 28×28 acts like LeNet's 32×32;
out = ⌊(in + 2p − k) / s⌋ + 1)::

    (B, 1, 28, 28) → conv 5×5, p=2 → (B, 6, 28, 28) → pool 2×2 → (B, 6, 14, 14)
                   → conv 5×5      → (B, 16, 10, 10) → pool 2×2 → (B, 16, 5, 5)
                   → flatten (B, 400) → (B, 120) → (B, 84) → (B, classes)
"""

from torch import nn


def lenet_modern(num_classes=10, in_channels=1, batch_norm=True):
    """LeNet with ReLU, max pooling and optional BatchNorm, for (B, in_channels, 28, 28) input.

    With batch norm, the layer before each BatchNorm has no bias (BN's β replaces it).
    Parameters (1 channel, 10 classes): 61,932 with batch norm, 61,706 without.
    """
    def conv(c_in, c_out, padding):
        layers = [nn.Conv2d(c_in, c_out, kernel_size=5, padding=padding, bias=not batch_norm)]
        return layers + ([nn.BatchNorm2d(c_out)] if batch_norm else []) + [nn.ReLU()]

    def linear(n_in, n_out):
        layers = [nn.Linear(n_in, n_out, bias=not batch_norm)]
        return layers + ([nn.BatchNorm1d(n_out)] if batch_norm else []) + [nn.ReLU()]

    return nn.Sequential(
        *conv(in_channels, 6, padding=2), nn.MaxPool2d(2),     # (B, 6, 14, 14)
        *conv(6, 16, padding=0), nn.MaxPool2d(2),              # (B, 16, 5, 5)
        nn.Flatten(),                                          # (B, 400)
        *linear(16 * 5 * 5, 120),                              # (B, 120)
        *linear(120, 84),                                      # (B, 84)
        nn.Linear(84, num_classes),                            # (B, num_classes)
    )
