"""NumPy reference operators, written to be read, each checked against PyTorch.

* :mod:`~cnnlab.ops.conv`      — ``corr2d`` (the lesson's loops), ``conv2d`` and its backward
* :mod:`~cnnlab.ops.im2col`    — ``im2col`` and ``conv2d_im2col``, the fast version
* :mod:`~cnnlab.ops.pool`      — ``max_pool2d``, ``avg_pool2d`` and their backward
* :mod:`~cnnlab.ops.batchnorm` — ``batch_norm`` (training / evaluation) and its backward
* :mod:`~cnnlab.ops.gradcheck` — numerical gradients to check the backward passes

Arrays are ``(N, C, H, W)`` like PyTorch; weights ``(C_out, C_in / groups, k_h, k_w)``.
"""

from cnnlab.ops.batchnorm import batch_norm, batch_norm_backward
from cnnlab.ops.conv import conv2d, conv2d_backward, corr2d
from cnnlab.ops.gradcheck import numerical_gradient, relative_error
from cnnlab.ops.im2col import conv2d_im2col, im2col
from cnnlab.ops.pool import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward

__all__ = [
    "corr2d", "conv2d", "conv2d_backward", "im2col", "conv2d_im2col",
    "max_pool2d", "max_pool2d_backward", "avg_pool2d", "avg_pool2d_backward",
    "batch_norm", "batch_norm_backward", "numerical_gradient", "relative_error",
]
