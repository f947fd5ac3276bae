"""Running a model for analysis: a seeded example input, and eval mode that puts every module's mode back."""

from contextlib import contextmanager

import torch

__all__ = ["example_input", "eval_mode"]


def example_input(model, input_size, seed=0):
    """A random input for ``model``: ``input_size`` is (C, H, W), (N, C, H, W) or a tensor.

    Drawn from ``N(0, 1)`` with a fixed ``seed``, in the model's dtype and on its device.
    """
    if isinstance(input_size, torch.Tensor):
        return input_size
    size = tuple(input_size)
    if len(size) == 3:
        size = (1, *size)                      # (C, H, W) -> (1, C, H, W)
    param = next(iter(model.parameters()), None)
    dtype = param.dtype if param is not None and param.is_floating_point() else torch.float32
    x = torch.randn(size, dtype=dtype, generator=torch.Generator().manual_seed(seed))
    return x.to(param.device) if param is not None else x


@contextmanager
def eval_mode(model, grad=False):
    """Run ``model`` in eval mode (gradients only if ``grad``); restore each module's own mode after."""
    modes = {m: m.training for m in model.modules()}
    model.eval()
    try:
        with torch.set_grad_enabled(grad):
            yield model
    finally:
        for module, training in modes.items():
            module.training = training
