"""The effective-receptive-field figure of lesson 04: heat maps beside the theoretical field.

``plot_effective_fields(erfs, theory, holding)`` draws, for a few depths, the map of
``|∂ centre unit / ∂ pixel|`` (scaled to a maximum of 1) with two squares on it — the
theoretical field r×r (cyan) and the smallest centred square holding 95 % of the gradient
(dashed white) — and, in a last panel, both sizes against the depth. The numbers come from
the lesson (``cnnlab.effective_receptive_field``, ``cnnlab.receptive_field`` and its own
``side_holding``); this module only draws them.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from cnnlab.i18n import say

__all__ = ["plot_effective_fields"]


def _square(ax, centre, side, **style):
    """A side×side square centred on pixel ``centre`` (pixel i spans i − ½ … i + ½)."""
    ax.add_patch(Rectangle((centre - side / 2, centre - side / 2), side, side, fill=False, **style))


def _heat_map(ax, erf, r, side, depth):
    centre = erf.shape[0] // 2
    image = ax.imshow(erf, cmap="magma", vmin=0, vmax=1)
    _square(ax, centre, r, color="cyan", linewidth=2,
            label=say(zh="理论感受野 {r}×{r}", en="theoretical field {r}×{r}", r=r))
    _square(ax, centre, side, color="white", linestyle="--", linewidth=1.5,
            label=say(zh="95% 的梯度 {s}×{s}", en="95% of the gradient {s}×{s}", s=side))
    ax.set_title(say(zh="{d} 层 3×3 卷积 + ReLU", en="{d} layers of 3×3 conv + ReLU", d=depth))
    ax.legend(loc="lower center", fontsize=8, framealpha=0.8)
    ax.set_xticks([]); ax.set_yticks([])
    return image


def _growth(ax, depths, theory, holding):
    ax.plot(depths, [theory[d] for d in depths], "o-",
            label=say(zh="理论 r = 2d + 1", en="theoretical r = 2d + 1"))
    ax.plot(depths, [holding[d] for d in depths], "s-",
            label=say(zh="包含 95% 梯度的边长", en="side holding 95% of the gradient"))
    ax.set_xticks(depths)
    ax.set_xlabel(say(zh="深度 d（3×3 层数）", en="depth d (3×3 layers)"))
    ax.set_ylabel(say(zh="像素", en="pixels"))
    ax.set_title(say(zh="理论感受野随深度线性增长，有效感受野增长得更慢",
                     en="the theoretical field grows linearly, the effective one more slowly"))
    ax.legend(fontsize=9)
    ax.grid(alpha=0.3)


def plot_effective_fields(erfs, theory, holding, shown=(4, 8, 16)):
    """Draw the ERF maps of the depths ``shown`` and the growth of both sizes; returns the figure.

    erfs: ``{depth: 2-D array}`` (maximum 1, the centre unit at the middle);
    theory: ``{depth: r}``; holding: ``{depth: side of the centred square holding 95 %}``.
    """
    depths = sorted(erfs)
    fig, axes = plt.subplots(1, len(shown) + 1, figsize=(15, 4), constrained_layout=True)
    for ax, depth in zip(axes, shown):
        image = _heat_map(ax, erfs[depth], theory[depth], holding[depth], depth)
    fig.colorbar(image, ax=axes[:len(shown)], shrink=0.8,
                 label=say(zh="|∂ 中心单元 / ∂ 像素|（最大值 = 1）", en="|∂ centre unit / ∂ pixel| (max = 1)"))
    _growth(axes[-1], depths, theory, holding)
    return fig
