"""Argument checks shared by the operators: int-or-pair, in one place."""

from numbers import Integral

from cnnlab.i18n import say


def pair(value, name, minimum):
    """An int or an (h, w) pair -> a pair of ints, each at least ``minimum``."""
    values = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(values) != 2 or any(isinstance(v, bool) or not isinstance(v, Integral) for v in values):
        raise ValueError(say(zh="{name} 应为整数或 (高, 宽) 整数二元组，收到 {v!r}",
                             en="{name} must be an integer or an (h, w) pair of integers, got {v!r}",
                             name=name, v=value))
    if min(values) < minimum:
        raise ValueError(say(zh="{name} 必须 ≥ {m}，收到 {v!r}", en="{name} must be >= {m}, got {v!r}",
                             name=name, m=minimum, v=value))
    return int(values[0]), int(values[1])


def output_size(n, k, s, p, d):
    """⌊(n + 2·p − d·(k − 1) − 1) / s⌋ + 1, checking that the kernel fits."""
    out = (n + 2 * p - d * (k - 1) - 1) // s + 1
    if out < 1:
        raise ValueError(say(zh="卷积核（有效尺寸 {k}）比填充后的输入（{n}）还大",
                             en="the kernel (effective size {k}) is larger than the padded input ({n})",
                             k=d * (k - 1) + 1, n=n + 2 * p))
    return out


def check_4d(x, name="x"):
    if x.ndim != 4:
        raise ValueError(say(zh="{name} 应为 4 维数组 (N, C, H, W)，收到形状 {s}",
                             en="{name} must be a 4-D array (N, C, H, W), got shape {s}",
                             name=name, s=x.shape))
