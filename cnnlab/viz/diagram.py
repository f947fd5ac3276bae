"""Architecture diagrams drawn from the model: ``draw_architecture(model, input_shape)``.

The picture is made from :func:`~cnnlab.viz.archgraph.architecture_graph`, which
runs the model once, so it cannot disagree with it. Top to bottom, one box per
layer (its kind and kernel, its output shape C@H×W — LeCun's notation — and its
trainable parameters); the paths of a block side by side (Inception's four
branches above their concatenation); a residual block's shortcut as an arrow
around it (identity) or as a second column (projection) into the addition;
identical consecutive blocks framed once with ×N (``collapse=True``).

Sizes are in inches: a box is 2 in wide (up to 3.2 in when its longest line needs
it), text 8 pt, so four branches side by side fit a notebook's ~9 in; a chain
taller than ~9 in is cut into columns read left to right. In a notebook::

    draw_architecture(lenet5(), (1, 32, 32), fuse=True, names=True)
    plt.show()
"""

from matplotlib.patches import FancyBboxPatch, Rectangle

from cnnlab import fonts
from cnnlab.i18n import get_language, say
from cnnlab.viz.archgraph import architecture_graph
from cnnlab.viz.diagramlayout import BOX_H, FONT_SIZE, MARGIN, Layout, box_text, route

__all__ = ["draw_architecture", "draw_graph", "box_text"]

COLOURS = {  # face colours by kind
    "input": "#ffffff", "conv": "#cfe2f3", "pool": "#d9ead3", "linear": "#fce5cd",
    "norm": "#eeeeee", "act": "#f6f6f6", "dropout": "#f6f6f6", "flatten": "#eeeeee",
    "concat": "#fff2cc", "add": "#fff2cc", "block": "#e1d5e7", "layer": "#ead1dc",
}
INK, ARROW = "#333333", "#555555"


# ----------------------------------------------------------------------------
# drawing
# ----------------------------------------------------------------------------
def _arrow(ax, points):
    xs, ys = zip(*points)
    ax.plot(xs[:-1], ys[:-1], color=ARROW, lw=1, solid_joinstyle="miter", zorder=1)
    ax.annotate("", xy=points[-1], xytext=points[-2],
                arrowprops=dict(arrowstyle="-|>", color=ARROW, lw=1, shrinkA=0, shrinkB=0,
                                mutation_scale=9), zorder=1)


def _font_family():
    """A CJK font first (matplotlib falls back glyph by glyph), for Chinese labels."""
    if get_language() != "zh":
        return None
    found = fonts.installed_cjk_fonts()
    if not found:
        print(fonts.install_hint())
        return None
    return [found[0], "DejaVu Sans"]


def _draw_box(ax, node, x, y, w, names, family):
    ax.add_patch(FancyBboxPatch((x - w / 2, y), w, BOX_H,
                                boxstyle="round,pad=0,rounding_size=0.06",
                                facecolor=COLOURS.get(node.kind, "#ffffff"), edgecolor=INK, lw=0.9,
                                zorder=2))
    lines = box_text(node, names)
    step = BOX_H / (len(lines) + 1)
    for k, line in enumerate(lines):
        ax.text(x, y + step * (k + 1), line, ha="center", va="center", family=family,
                fontsize=FONT_SIZE, color=INK, fontweight="bold" if k == 0 else "normal", zorder=4)


def draw_graph(graph, names=False, title=None, columns=None):
    """Draw an :class:`~cnnlab.viz.archgraph.ArchGraph`; returns the matplotlib Figure."""
    import matplotlib.pyplot as plt

    layout = Layout(graph, columns, names)
    family = _font_family()
    top = MARGIN + (0.35 if title else 0.0) + (0.1 if layout.columns > 1 else 0.0)
    width = layout.left + layout.right + 2 * MARGIN
    height = layout.height + top + MARGIN
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(-layout.left - MARGIN, layout.right + MARGIN)
    ax.set_ylim(layout.height + MARGIN, -top)
    ax.axis("off")
    if title:
        ax.text(0, -top / 2 - 0.05, title, ha="center", va="center", family=family,
                fontsize=FONT_SIZE + 3, fontweight="bold", color=INK)
    for x0, y0, w, h, times in layout.frames:
        ax.add_patch(Rectangle((x0, y0), w, h, fill=False, ls="--", lw=1, edgecolor="#7f7f7f"))
        ax.text(x0 + w + 0.06, y0 + h / 2, f"×{times}", ha="left", va="center",
                fontsize=FONT_SIZE + 4, fontweight="bold", color=INK, family=family)
    for a, b in graph.edges:
        _arrow(ax, route(a, b, layout))
    captions = list(layout.captions)
    for (a, b), lane in layout.lanes.items():
        y = (layout.pos[a][1] + layout.pos[b][1] + BOX_H) / 2
        captions.append((lane + 0.07, y, "center", say(zh="恒等捷径", en="identity shortcut")))
    for x, y, va, text in captions:
        ax.text(x, y, text, rotation=90, ha="left", va=va, fontsize=FONT_SIZE,
                color=ARROW, family=family, style="italic")
    for node in graph.nodes:
        _draw_box(ax, node, *layout.pos[node.id], layout.nodes.w, names, family)
    return fig


def draw_architecture(model, input_shape, *, block=None, depth=None, collapse=False, fuse=False,
                      names=False, title=None, columns=None):
    """Draw ``model`` as a block diagram computed from the module; returns the Figure.

    Args:
        model: an ``nn.Module``.
        input_shape: one input's shape, ``(C, H, W)``.
        block: draw only this submodule (``"features.0"``, ``"inception3a"``, ``"layer2.0"``);
            it gets the input it receives inside ``model``.
        depth: draw modules this many levels down as single boxes (``depth=1``: a
            network's stages); ``None``: every layer.
        collapse: frame a run of identical consecutive blocks once, with ×N.
        fuse: fold batch norm, activations and dropout into the box above them.
        names: write each layer's name in its box (LeNet-5's C1 … F6).
        title: a title above the diagram.
        columns: cut a long chain into this many columns; ``None``: as many as keep the
            figure under about 9 in high and 10 in wide.

    The same boxes and arrows as data: :func:`cnnlab.viz.architecture_graph`.
    In a notebook, end the line with ``;`` so the figure is shown once.

    Example::

        draw_architecture(lenet5(), (1, 32, 32), fuse=True, names=True);
        draw_architecture(googlenet(), (3, 224, 224), block="inception3a", fuse=True);
    """
    graph = architecture_graph(model, input_shape, block=block, depth=depth,
                               collapse=collapse, fuse=fuse)
    return draw_graph(graph, names=names, title=title, columns=columns)
