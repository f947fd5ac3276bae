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
  7×12 bitmaps of the digits, drawn below (:class:`RBFOutput`).

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
import torch.nn.functional as F
from torch import nn

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

A, S = 1.7159, 2.0 / 3.0  # squashing amplitude and slope (paper, Appendix A)


def squash(a):
    """The paper's squashing function f(a) = A·tanh(S·a), A = 1.7159, S = 2/3.

    Chosen so that f(±1) = ±1 and the gain is close to 1 around the targets.
    """
    return A * torch.tanh(S * a)


class Squash(nn.Tanh):
    """:func:`squash` as a layer. A scaled ``nn.Tanh``, so that tools which know
    element-wise activations (summary, receptive fields) treat it as one."""

    def forward(self, a):
        return squash(a)

    def extra_repr(self):
        return f"{A}·tanh(2a/3)"


def _uniform_fan_in(tensor, fan_in):
    """Paper, Appendix A: weights uniform in [−2.4/F, 2.4/F], F = fan-in."""
    bound = 2.4 / fan_in
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)


# --------------------------------------------------------------------- S2, S4
class Subsampling(nn.Module):
    """Trainable subsampling (S2, S4): y = w_c · Σ_{2×2} x + b_c, one (w, b) per map.

    The squashing function is applied by the network after this layer.

    Shape:
        input (N, C, H, W) → output (N, C, ⌊H/2⌋, ⌊W/2⌋)
    Parameters: 2·C.  Connections: (4 + 1) per output element.
    MACs: counted as 1 per output element (the coefficient multiply;
    the 4-term sum is additions).
    """

    def __init__(self, channels, kernel_size=2):
        super().__init__()
        self.channels, self.kernel_size = channels, kernel_size
        self.weight = nn.Parameter(torch.empty(channels))  # (C,)
        self.bias = nn.Parameter(torch.empty(channels))  # (C,)
        self.reset_parameters()

    def reset_parameters(self):
        fan_in = self.kernel_size**2
        _uniform_fan_in(self.weight, fan_in)
        _uniform_fan_in(self.bias, fan_in)

    def forward(self, x):
        k = self.kernel_size
        total = F.avg_pool2d(x, k) * (k * k)  # (N, C, H/2, W/2): the 2×2 sum
        return total * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)

    def cnnlab_counts(self, inputs, output):
        per_image = output[0].numel()
        return {"macs": per_image, "connections": per_image * (self.kernel_size**2 + 1)}

    def cnnlab_receptive(self):
        return (self.kernel_size, self.kernel_size, 0, 1)

    def extra_repr(self):
        return f"{self.channels}, kernel_size={self.kernel_size}"


# ------------------------------------------------------------------------ C3
# Table I of the paper: the S2 maps each C3 map reads (X = connected).
#
#        C3 map  0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
#   S2 map 0     X       X X X     X X  X  X     X  X
#          1     X X       X X X     X  X  X  X     X
#          2     X X X       X X X     X     X  X  X
#          3       X X X     X X X  X     X     X  X
#          4         X X X     X X  X  X     X  X  X
#          5           X X X     X  X  X  X     X  X
C3_INPUTS = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (0, 4, 5), (0, 1, 5),  # 3 contiguous
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (0, 3, 4, 5), (0, 1, 4, 5), (0, 1, 2, 5),  # 4
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),  # 4 non-contiguous
    (0, 1, 2, 3, 4, 5),  # all six
)


def c3_connection_table():
    """Table I as a (6, 16) bool tensor: ``table[i, j]`` is True if C3 map j reads S2 map i.

    >>> c3_connection_table().sum().item()   # 60 connections (3·6 + 4·6 + 4·3 + 6)
    60
    """
    table = torch.zeros(6, 16, dtype=torch.bool)
    for j, inputs in enumerate(C3_INPUTS):
        table[list(inputs), j] = True
    return table


class SparseConv2d(nn.Module):
    """A convolution in which output map j reads only the input maps ``table[:, j]``.

    y_j = b_j + Σ_{i : table[i, j]} w_{j,i} ⋆ x_i

    Only the kernels that exist are stored: ``weight`` has shape (E, k, k) with
    E = table.sum() connections, in (output map, input map) order, so C3 holds
    60 × 5 × 5 = 1,500 weights and 16 biases. ``forward`` scatters them into a
    dense (C_out, C_in, k, k) kernel of zeros and calls ``conv2d``; the zeros are
    computed each call, never stored or trained.

    Shape:
        input (N, C_in, H, W) → output (N, C_out, H − k + 1, W − k + 1)
    Connections per output element of map j: |inputs of j|·k² + 1.
    """

    def __init__(self, table, kernel_size):
        super().__init__()
        table = torch.as_tensor(table, dtype=torch.bool)  # (C_in, C_out)
        self.in_channels, self.out_channels = table.shape
        self.kernel_size = kernel_size
        out_idx, in_idx = table.t().nonzero(as_tuple=True)  # (E,), (E,): out-major order
        # flat index of each stored kernel in the dense (C_out·C_in) kernel stack
        self.register_buffer("index", out_idx * self.in_channels + in_idx, persistent=False)
        self.register_buffer("table", table, persistent=False)
        self.weight = nn.Parameter(torch.empty(len(out_idx), kernel_size, kernel_size))
        self.bias = nn.Parameter(torch.empty(self.out_channels))
        self.reset_parameters()

    def fan_in(self):
        """Number of inputs each unit of output map j reads (its bias excluded): (C_out,)."""
        return self.table.sum(0) * self.kernel_size**2

    def reset_parameters(self):
        fan_in = self.fan_in()  # per output map, as the paper prescribes
        out_of_edge = self.index // self.in_channels  # (E,): output map of each kernel
        with torch.no_grad():
            for j, f in enumerate(fan_in.tolist()):
                rows = out_of_edge == j
                self.weight[rows] = torch.empty_like(self.weight[rows]).uniform_(-2.4 / f, 2.4 / f)
                self.bias[j].uniform_(-2.4 / f, 2.4 / f)

    def dense_weight(self):
        """The (C_out, C_in, k, k) kernel, zero where ``table`` has no connection."""
        k = self.kernel_size
        flat = self.weight.new_zeros(self.out_channels * self.in_channels, k, k)
        flat = flat.index_copy(0, self.index, self.weight)  # differentiable scatter
        return flat.view(self.out_channels, self.in_channels, k, k)

    def forward(self, x):
        return F.conv2d(x, self.dense_weight(), self.bias)  # (N, C_out, H-k+1, W-k+1)

    def cnnlab_counts(self, inputs, output):
        positions = output[0, 0].numel()  # H_out · W_out
        reads = self.fan_in()  # (C_out,)
        return {
            "macs": int(reads.sum()) * positions,
            "connections": int((reads + 1).sum()) * positions,
        }

    def cnnlab_receptive(self):
        return (self.kernel_size, 1, 0, 1)

    def extra_repr(self):
        return (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"connections={len(self.index)}")


# -------------------------------------------------------------------- output
# The ten prototypes: 7 wide × 12 high, '#' = +1 (ink), '.' = −1 (paper, Fig. 3).
DIGITS = """
.......  .......  .......  .......  .......  .......  .......  .......  .......  .......
..###..  ...#...  .#####.  .#####.  .....#.  #######  ..####.  #######  .#####.  .#####.
.#...#.  ..##...  #.....#  #.....#  ....##.  #......  .#.....  ......#  #.....#  #.....#
#.....#  .#.#...  ......#  ......#  ...#.#.  #......  #......  .....#.  #.....#  #.....#
#.....#  ...#...  ......#  ......#  ..#..#.  ######.  #......  ....#..  #.....#  #.....#
#.....#  ...#...  .....#.  ..####.  .#...#.  ......#  ######.  ...#...  .#####.  #.....#
#.....#  ...#...  ...##..  ......#  #....#.  ......#  #.....#  ...#...  #.....#  .######
#.....#  ...#...  ..#....  ......#  #######  ......#  #.....#  ..#....  #.....#  ......#
#.....#  ...#...  .#.....  ......#  .....#.  ......#  #.....#  ..#....  #.....#  ......#
.#...#.  ...#...  #......  #.....#  .....#.  #.....#  #.....#  ..#....  #.....#  .....#.
..###..  .#####.  #######  .#####.  .....#.  .#####.  .#####.  ..#....  .#####.  .####..
.......  .......  .......  .......  .......  .......  .......  .......  .......  .......
"""


def digit_bitmaps():
    """The ten RBF prototypes as a (10, 12, 7) tensor of ±1 (row-major 12 high × 7 wide)."""
    rows = [line.split() for line in DIGITS.strip("\n").splitlines()]  # 12 rows × 10 digits
    return torch.tensor(
        [[[1.0 if ch == "#" else -1.0 for ch in row[d]] for row in rows] for d in range(10)]
    )


class RBFOutput(nn.Module):
    """Euclidean RBF units: y_i = Σ_j (x_j − w_ij)², with fixed prototypes w_i.

    ``forward`` returns **−y** (negative squared distances), so that the largest
    output is the best class and ``argmax`` / cross-entropy work unchanged.
    The prototypes are a buffer (saved, not trained).

    Shape:
        input (N, 84) → output (N, 10)
    Connections: 84 per output unit (no bias).
    """

    def __init__(self, prototypes):
        super().__init__()
        self.register_buffer("prototypes", prototypes.flatten(1).clone())  # (10, 84)

    def forward(self, x):
        diff = x.unsqueeze(1) - self.prototypes  # (N, 10, 84)
        return -(diff * diff).sum(-1)  # (N, 10)

    def cnnlab_counts(self, inputs, output):
        n = self.prototypes.numel()
        return {"macs": n, "connections": n}

    def extra_repr(self):
        return "{}, {}, prototypes fixed".format(*reversed(self.prototypes.shape))


# --------------------------------------------------------------------- model
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
            _uniform_fan_in(layer.weight, fan_in)
            _uniform_fan_in(layer.bias, fan_in)

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
