"""Batch normalisation, training and evaluation, with PyTorch's conventions.

Per channel ``c`` (statistics over every axis except the channels)::

    x̂ = (x − μ) / √(σ² + ε)          out = γ · x̂ + β

Training uses the batch's μ and (biased) σ², and updates the running
statistics with PyTorch's *momentum* convention (momentum = 0.1 means "10 % new")::

    running_mean ← (1 − momentum) · running_mean + momentum · μ
    running_var  ← (1 − momentum) · running_var  + momentum · σ² · m / (m − 1)

where ``m`` is the number of values per channel (the running variance is unbiased).
Evaluation uses the running statistics instead of the batch's.
"""

import numpy as np


def _axes_and_shape(x):
    axes = (0,) + tuple(range(2, x.ndim))          # every axis but the channels
    shape = (1, x.shape[1]) + (1,) * (x.ndim - 2)  # (1, C, 1, 1) for images, (1, C) for vectors
    return axes, shape


def batch_norm(x, running_mean=None, running_var=None, weight=None, bias=None,
               training=False, momentum=0.1, eps=1e-5):
    """Batch norm like ``torch.nn.functional.batch_norm`` (same argument order).

    In training mode the running statistics, when given, are updated in place.

    Shape:
        x ``(N, C)`` or ``(N, C, H, W)``; running_mean, running_var, weight (γ), bias (β)
        ``(C,)`` → out like x.
    """
    axes, shape = _axes_and_shape(x)
    if training:
        mean, var = x.mean(axis=axes), x.var(axis=axes)    # biased variance normalises
        m = x.size // x.shape[1]                            # values per channel
        if running_mean is not None:
            running_mean[...] = (1 - momentum) * running_mean + momentum * mean
        if running_var is not None:
            running_var[...] = (1 - momentum) * running_var + momentum * var * m / (m - 1)
    else:
        mean, var = running_mean, running_var
    x_hat = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps)
    out = x_hat if weight is None else x_hat * weight.reshape(shape)
    return out if bias is None else out + bias.reshape(shape)


def batch_norm_backward(dout, x, weight=None, eps=1e-5):
    """Gradients of training-mode :func:`batch_norm`: returns ``(dx, dweight, dbias)``.

    With per-channel means ⟨·⟩ over the m values of a channel::

        dβ = Σ dout          dγ = Σ dout · x̂
        dx = γ / √(σ² + ε) · (dout − ⟨dout⟩ − x̂ · ⟨dout · x̂⟩)

    (In evaluation mode μ and σ² are constants and simply ``dx = γ / √(σ² + ε) · dout``.)

    Shape:
        dout, x ``(N, C, …)`` → dx like x, dweight and dbias ``(C,)``.
    """
    axes, shape = _axes_and_shape(x)
    mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std
    gamma = np.ones(shape) if weight is None else weight.reshape(shape)
    dbias = dout.sum(axis=axes)
    dweight = (dout * x_hat).sum(axis=axes)
    dx = gamma * inv_std * (dout - dout.mean(axis=axes, keepdims=True)
                            - x_hat * (dout * x_hat).mean(axis=axes, keepdims=True))
    return dx, dweight, dbias
