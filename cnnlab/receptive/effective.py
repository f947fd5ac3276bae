"""The effective receptive field: the gradient of one output unit with respect to every input pixel."""

import torch

from cnnlab.i18n import say
from cnnlab.tracing import eval_mode, example_input

__all__ = ["effective_receptive_field"]


def effective_receptive_field(model, input_size, unit=None, samples=1, seed=0):
    """Effective receptive field: how strongly each input pixel moves one output unit.

    Sets the gradient of output unit ``unit = (i, j)`` (all channels; default the
    centre) to 1, back-propagates to a random input and returns::

        erf[y, x] = Σ_samples Σ_channels |∂ out[:, :, i, j] / ∂ input[:, c, y, x]|

    normalised so that its largest value is 1 (Luo et al., 2016, "Understanding
    the effective receptive field in deep convolutional neural networks").
    Pixels outside the theoretical field :func:`receptive_field` get exactly 0.

    Args:
        model: a network whose output is a feature map ``(N, C, H', W')``.
        input_size: ``(C, H, W)``.
        unit: ``(i, j)`` in the output feature map; default the centre.
        samples: random inputs to average over.

    Returns:
        ``numpy`` array of shape ``(H, W)``.
    """
    x = example_input(model, (samples, *tuple(input_size)[-3:]), seed).requires_grad_(True)
    with eval_mode(model, grad=True):
        out = model(x)
        if out.dim() != 4:
            raise ValueError(say(
                zh="effective_receptive_field 需要输出为特征图 (N, C, H, W) 的网络，而输出形状是 {s}；"
                   "请截取 Flatten 之前的部分",
                en="effective_receptive_field needs a network whose output is a feature map "
                   "(N, C, H, W), got shape {s}; cut the network before Flatten", s=tuple(out.shape)))
        i, j = unit if unit is not None else (out.shape[2] // 2, out.shape[3] // 2)
        grad_out = torch.zeros_like(out)
        grad_out[:, :, i, j] = 1.0
        out.backward(grad_out)
    erf = x.grad.abs().sum(dim=(0, 1)).detach().cpu().numpy()   # (H, W)
    peak = erf.max()
    return erf / peak if peak > 0 else erf
