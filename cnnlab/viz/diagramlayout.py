"""Where the boxes of an architecture diagram go (top to bottom), and what they say.

Sizes are in inches. Every item of an :class:`~cnnlab.viz.archgraph.ArchGraph` body
measures (left, right, height) around its centre line: a box is ``w`` wide (BOX_W,
or up to 3.2 in when its longest line needs it) and BOX_H high; a list stacks its
items with GAP_Y between them; Branches put their paths side by side (a residual
block: the main path on the centre line, the shortcut to its right); a Repeat adds
a frame and room for its ×N. A chain taller than ~9 in is cut into columns.
"""

import itertools
import math
import re

from cnnlab.i18n import say
from cnnlab.viz.archgraph import Branches, Repeat

__all__ = ["Layout", "box_text", "box_width", "shape_text", "route", "auto_columns"]

BOX_W, BOX_H = 2.0, 0.56          # one box, inches
GAP_Y, GAP_X = 0.28, 0.22         # between rows, between columns
LANE = 0.45                       # width of the column an identity shortcut runs in
CAPTION = 0.24                    # room for the caption beside a projection shortcut
PAD, TAG = 0.12, 0.42             # frame of a repeated block, room for its "×N"
MARGIN = 0.15
GAP_COL = 0.5                     # between the columns of a long chain
FONT_SIZE = 8


# ----------------------------------------------------------------------------
# text of a box
# ----------------------------------------------------------------------------
def shape_text(shape):
    """(6, 28, 28) -> '6@28×28' (LeCun's notation), (84,) -> '84'."""
    if len(shape) == 3:
        return f"{shape[0]}@{shape[1]}×{shape[2]}"
    return "×".join(str(s) for s in shape)


def _shown_name(name):
    """LeCun's short layer names (c1, s2, f6) as he wrote them: C1, S2, F6."""
    return name.upper() if re.fullmatch(r"[a-z]\d+", name) else name


def _names_its_type(node):
    """True when the layer's name is a word of its class name ('squash' of Squash, 'output' of
    RBFOutput, but not 'conv2' of BasicConv2d): the same in every language."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", node.type).lower().split()
    return node.name.rsplit(".", 1)[-1].lower() in words


def box_text(node, names=False):
    """The lines of a box: label (with the layer's name for blocks or ``names=True``),
    output shape, and parameters when there are any."""
    label = node.label
    named = node.kind == "block" or (names and node.source == "module")
    if named and not _names_its_type(node):                 # not 'squash · Squash', 'output · RBF output'
        label = f"{_shown_name(node.name)} · {label}"
    lines = [label, say(zh="输出 {s}", en="out {s}", s=shape_text(node.output_shape))]
    if node.params:
        lines.append(say(zh="参数 {p:,}", en="params {p:,}", p=node.params))
    return lines


# ----------------------------------------------------------------------------
# layout: extents (left, right, height) around a centre line, in inches
# ----------------------------------------------------------------------------
def _is_shortcut(item, nodes):
    """Two paths into an addition: the main path in the centre, the shortcut beside it."""
    return (len(item.paths) == 2 and item.paths[0] and item.merge is not None
            and nodes[item.merge].kind == "add")


def _measure(item, nodes):
    if isinstance(item, int):
        return nodes.w / 2, nodes.w / 2, BOX_H
    if isinstance(item, list):
        sizes = [_measure(i, nodes) for i in item]
        if not sizes:
            return LANE / 2, LANE / 2, 0.0
        return (max(s[0] for s in sizes), max(s[1] for s in sizes),
                sum(s[2] for s in sizes) + GAP_Y * (len(sizes) - 1))
    if isinstance(item, Repeat):
        left, right, height = _measure(item.items, nodes)
        return left + PAD, right + PAD + TAG, height + 2 * PAD
    offsets, left, right = _path_offsets(item, nodes)
    return left, right, max(_measure(p, nodes)[2] for p in item.paths)


def _path_offsets(item, nodes):
    """x offset of each path's centre line, and the extents of all paths."""
    sizes = [_measure(p, nodes) for p in item.paths]
    if _is_shortcut(item, nodes):
        (l0, r0, _), (l1, r1, _) = sizes
        caption = CAPTION if item.paths[1] else 0.0      # 'projection shortcut' beside it
        return [0.0, r0 + GAP_X + l1], l0, r0 + GAP_X + l1 + r1 + caption
    width = sum(l + r for l, r, _ in sizes) + GAP_X * (len(sizes) - 1)
    offsets, x = [], -width / 2
    for l, r, _ in sizes:
        offsets.append(x + l)
        x += l + r + GAP_X
    return offsets, width / 2, width / 2


class _Boxes(dict):
    """The nodes by id, and ``w``: the width of every box of this diagram."""
    w = BOX_W


def text_width(text):
    """About how wide ``text`` is in bold 8 pt, in inches (a CJK character is about 1 em)."""
    return sum(0.115 if ord(c) >= 0x2E80 else 0.068 for c in text)


def box_width(graph, names=False):
    """BOX_W, or wider (up to 3.2 in) when the longest line of a box needs it."""
    longest = max((text_width(line) for n in graph.nodes for line in box_text(n, names)), default=0)
    return min(max(BOX_W, longest + 0.2), 3.2)


def _starts_with_identity(item):
    """Does the item begin with branches that include an identity shortcut?"""
    if isinstance(item, Branches):
        return any(not path for path in item.paths)
    return isinstance(item, Repeat) and bool(item.items) and _starts_with_identity(item.items[0])


def _split(items, heights, columns):
    """Cut the top-level list into at most ``columns`` runs, the tallest as short as possible.

    Never between a block's branches and their merge, nor just before an identity
    shortcut (its arrow runs beside the block, from the box above it)."""
    cuts = [k for k in range(1, len(items)) if not isinstance(items[k - 1], Branches)
            and not _starts_with_identity(items[k])]

    def tallest(bounds):
        return max(sum(heights[a:b]) + GAP_Y * (b - a - 1) for a, b in zip(bounds, bounds[1:]))

    best = (0, len(items))
    for n in range(1, min(columns, len(cuts) + 1)):
        for chosen in itertools.combinations(cuts, n):
            bounds = (0, *chosen, len(items))
            if tallest(bounds) < tallest(best) - 1e-9:
                best = bounds
    return [items[a:b] for a, b in zip(best, best[1:])]


def auto_columns(height, column_width, max_width=10.0, max_height=9.0):
    """1 column up to ``max_height`` inches; else as many as it takes, within ``max_width``."""
    if height <= max_height:
        return 1
    fits = max(1, int((max_width - 2 * MARGIN + GAP_COL) // (column_width + GAP_COL)))
    return max(1, min(fits, math.ceil(height / (max_height * 0.8))))


class Layout:
    """Top-left corner of every box, frames of repeated blocks, lanes of identity shortcuts.

    A long chain is cut into ``columns`` side by side (read top to bottom, left to right).
    """

    def __init__(self, graph, columns=None, names=False):
        self.nodes = _Boxes({n.id: n for n in graph.nodes})
        self.nodes.w = box_width(graph, names)
        self.pos, self.frames, self.lanes, self.shortcut_merges = {}, [], {}, set()
        self.captions = []                            # (x, y, va, text) written upwards
        self.left, right, height = _measure(graph.body, self.nodes)
        if columns is None:
            columns = auto_columns(height, self.left + right)
        heights = [_measure(item, self.nodes)[2] for item in graph.body]
        runs = _split(graph.body, heights, columns)
        self.step, self.column = self.left + right + GAP_COL, {}
        for c, run in enumerate(runs):
            self.current = c
            self.place(run, c * self.step, 0.0)
        self.gap_x = right + GAP_COL / 2             # centre of the gap right of column 0
        self.columns = len(runs)
        self.right = right + (len(runs) - 1) * self.step
        self.height = max(_measure(run, self.nodes)[2] for run in runs)

    def place(self, items, cx, y):
        for item in items:
            height = _measure(item, self.nodes)[2]
            self.place_item(item, cx, y)
            y += height + GAP_Y

    def place_item(self, item, cx, y):
        if isinstance(item, int):
            self.pos[item] = (cx, y)
            self.column[item] = self.current
        elif isinstance(item, Repeat):
            left, right, height = _measure(item.items, self.nodes)
            self.frames.append((cx - left - PAD, y, left + right + 2 * PAD, height + 2 * PAD,
                                item.times))
            self.place(item.items, cx, y + PAD)
        else:
            offsets, _, _ = _path_offsets(item, self.nodes)
            for path, dx in zip(item.paths, offsets):
                if path:
                    self.place(path, cx + dx, y)
                elif item.merge is not None:
                    self.lanes[(item.source, item.merge)] = cx + dx
            if _is_shortcut(item, self.nodes):
                self.shortcut_merges.add(item.merge)
                right = _measure(item.paths[1], self.nodes)[1]
                if item.paths[1]:
                    self.captions.append((cx + offsets[1] + right + 0.07, y, "top",
                                          say(zh="投影捷径", en="projection shortcut")))


def route(a, b, layout):
    """The polyline of the arrow from box ``a`` to box ``b``."""
    (ax, ay), (bx, by), w = layout.pos[a], layout.pos[b], layout.nodes.w
    if (a, b) in layout.lanes:                      # identity shortcut around the block
        lane = layout.lanes[(a, b)]
        out, into = ay + 0.7 * BOX_H, by + 0.3 * BOX_H
        return [(ax + w / 2, out), (lane, out), (lane, into), (bx + w / 2, into)]
    if by < ay:                                     # to the top of the next column
        below, above = ay + BOX_H + GAP_Y / 2, by - GAP_Y / 2
        between = layout.column[a] * layout.step + layout.gap_x
        return [(ax, ay + BOX_H), (ax, below), (between, below), (between, above),
                (bx, above), (bx, by)]
    if abs(ax - bx) < 1e-6:
        return [(ax, ay + BOX_H), (bx, by)]
    if b in layout.shortcut_merges:                 # projection shortcut into the side
        side = bx + w / 2 if ax > bx else bx - w / 2
        return [(ax, ay + BOX_H), (ax, by + BOX_H / 2), (side, by + BOX_H / 2)]
    mid = by - GAP_Y / 2
    return [(ax, ay + BOX_H), (ax, mid), (bx, mid), (bx, by)]
