"""LeNet-5 as LeCun, Bottou, Bengio and Haffner built it (Proc. IEEE, 1998).

This is the *faithful* version, layer by layer as in section II-B of the paper,
not the modern simplification (ReLU + max pooling + softmax, see
``cnnlab.models.lenet.lenet_modern``). What is original here:

* every layer up to F6 ends in the squashing function f(a) = 1.7159·tanh(2a/3);
* S2 and S4 are *trainable subsampling* layers: the 2×2 sum times one trainable
  coefficient plus one trainable bias per map (:class:`Subsampling`);
* C3 is *not* fully connected to S2: Table I of the paper says which S2 maps each
  C3 map reads, and only those 1,500 kernel weights exist (:class:`SparseConv2d`);
* the output layer is made of Euclidean RBF units whose prototypes are fixed
  7×12 bitmaps of the digits (:class:`RBFOutput`).

These layers are written out in :mod:`cnnlab.models.lenet5_layers`; this module
puts them together and adds the paper's input scaling and loss.

Shapes for one 32×32 image (the paper centres the 28×28 MNIST digits in a 32×32
field, so pad Fashion-MNIST by 2 pixels on each side first)::

    input  (1, 32, 32)
    c1     (6, 28, 28)    156 params    122,304 connections
    s2     (6, 14, 14)     12 params      5,880 connections
    c3    (16, 10, 10)  1,516 params    151,600 connections
    s4    (16,  5,  5)     32 params      2,000 connections
    c5   (120,  1,  1) 48,120 params     48,120 connections
    f6    (84,)        10,164 params     10,164 connections
    output (10,)       0 trainable (10×84 fixed prototypes)

Trainable parameters: 60,000.
"""

import torch
from torch import nn

from cnnlab.models.lenet5_layers import (RBFOutput, SparseConv2d, Squash, Subsampling, c3_connection_table,
                                         digit_bitmaps, squash, uniform_fan_in)

__all__ = [
    "LeNet5",
    "Squash",
    "Subsampling",
    "SparseConv2d",
    "RBFOutput",
    "lenet5",
    "lenet5_loss",
    "PaperInput",
    "faithful_lenet5",
    "squash",
    "c3_connection_table",
    "digit_bitmaps",
]


class LeNet5(nn.Module):
    """LeNet-5 (LeCun et al. 1998); see the module docstring for every layer.

    ``forward`` takes (N, 1, 32, 32) and returns (N, 10) negative squared RBF
    distances −y_i: the predicted class is ``argmax``.
    """

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, kernel_size=5)
        self.s2 = Subsampling(6)
        self.c3 = SparseConv2d(c3_connection_table(), kernel_size=5)
        self.s4 = Subsampling(16)
        self.c5 = nn.Conv2d(16, 120, kernel_size=5)
        self.f6 = nn.Linear(120, 84)
        self.output = RBFOutput(digit_bitmaps())
        self.squash = Squash()  # no parameters; applied after c1 … f6
        for layer in (self.c1, self.c5, self.f6):
            fan_in = layer.weight[0].numel()
            uniform_fan_in(layer.weight, fan_in)
            uniform_fan_in(layer.bias, fan_in)

    def forward(self, x):
        f = self.squash
        x = f(self.c1(x))  # (N, 6, 28, 28)
        x = f(self.s2(x))  # (N, 6, 14, 14)
        x = f(self.c3(x))  # (N, 16, 10, 10)
        x = f(self.s4(x))  # (N, 16, 5, 5)
        x = f(self.c5(x))  # (N, 120, 1, 1)
        x = f(self.f6(x.flatten(1)))  # (N, 84)
        return self.output(x)  # (N, 10) = −‖x − w_i‖²


def lenet5():
    """LeNet-5 as in LeCun et al. (1998): 60,000 trainable parameters.

    Input (N, 1, 32, 32); for 28×28 images pad first, e.g.
    ``nn.Sequential(nn.ZeroPad2d(2), lenet5())`` (the paper also scaled pixels
    so that background = −0.1 and ink = 1.175).

    The output is −y_i, the negative squared Euclidean distance between F6's
    state and the fixed 7×12 bitmap of digit i, so ``argmax`` picks the nearest
    prototype. (On Fashion-MNIST the digit bitmaps are simply ten fixed,
    well-separated codes for the ten classes.) Training:

    * ``F.cross_entropy(model(x), target)`` on these outputs is a practical
      choice: it equals y_target + log Σ_i exp(−y_i), which pulls the correct
      distance down and pushes the others up;
    * the paper itself used the MAP criterion
      E = y_target + log(exp(−j) + Σ_i exp(−y_i)) with j = 0.1
      (equation 9); :func:`lenet5_loss` computes it. Cross-entropy is its limit
      j → ∞. The paper's simplest criterion (eq. 8, the mean of y_target alone)
      has no competition between the classes; the log term of eq. 9 adds it, and
      the constant exp(−j) keeps already-large distances from being pushed further.
    """
    return LeNet5()


class PaperInput(nn.Module):
    """LeNet-5's input as in the paper: the 28×28 digit centred in a 32×32 field, pixels
    rescaled so that background (0) = −0.1 and ink (1) = 1.175: x ↦ 1.275·x − 0.1."""

    def forward(self, x):                                   # (N, 1, 28, 28) in [0, 1]
        x = nn.functional.pad(x, (2, 2, 2, 2))              # (N, 1, 32, 32)
        return x * 1.275 - 0.1


def faithful_lenet5():
    """:func:`cnnlab.models.lenet5` behind :class:`PaperInput`: takes 28×28 images in [0, 1]."""
    return nn.Sequential(PaperInput(), lenet5())


def lenet5_loss(outputs, target, j=0.1):
    """The paper's MAP criterion (eq. 9), averaged over the batch.

    E = y_D + log(exp(−j) + Σ_i exp(−y_i)), with y_i = −outputs[:, i] and D the target.
    ``outputs`` (N, 10) are what :class:`LeNet5` returns; ``target`` (N,) class indices.
    """
    y_correct = -outputs.gather(1, target[:, None]).squeeze(1)  # (N,)
    rubbish = outputs.new_full((outputs.shape[0], 1), -j)  # the "rubbish class" e^{-j}
    return (y_correct + torch.logsumexp(torch.cat([outputs, rubbish], 1), 1)).mean()
