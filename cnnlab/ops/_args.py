"""The one argument check the operators add to :mod:`cnnlab.geometry`: arrays must be (N, C, H, W)."""

from cnnlab.i18n import say


def check_4d(x, name="x"):
    """Raise ``ValueError`` unless ``x`` has the four axes ``(N, C, H, W)``."""
    if x.ndim != 4:
        raise ValueError(say(zh="{name} 应为 4 维数组 (N, C, H, W)，收到形状 {s}",
                             en="{name} must be a 4-D array (N, C, H, W), got shape {s}",
                             name=name, s=x.shape))
