"""The layers of the faithful LeNet-5 that ``torch.nn`` does not have, as the 1998 paper describes them.

* :func:`squash` / :class:`Squash` — the activation f(a) = 1.7159·tanh(2a/3);
* :class:`Subsampling` (S2, S4) — y = w_c · Σ_{2×2} x + b_c, one trainable (w, b) per map;
* :class:`SparseConv2d` (C3) — a convolution in which output map j reads only the
  input maps that Table I of the paper names (:func:`c3_connection_table`);
* :class:`RBFOutput` — Euclidean RBF units y_i = Σ_j (x_j − w_ij)² with the fixed 7×12
  digit bitmaps as prototypes (:func:`digit_bitmaps`).

Trainable weights start as in the paper, uniform in [−2.4/F, 2.4/F] with F the
fan-in (:func:`uniform_fan_in`). Subsampling, SparseConv2d and RBFOutput count
their own MACs and connections for :func:`cnnlab.summary` (``cnnlab_counts``).
The network that puts them together is :mod:`cnnlab.models.lenet5`.
"""

import torch
import torch.nn.functional as F
from torch import nn

__all__ = ["squash", "Squash", "uniform_fan_in", "Subsampling", "c3_connection_table", "SparseConv2d",
           "digit_bitmaps", "RBFOutput"]

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


def uniform_fan_in(tensor, fan_in):
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
        uniform_fan_in(self.weight, fan_in)
        uniform_fan_in(self.bias, fan_in)

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
