"""The series-parallel structure of an architecture graph, and what collapse/fuse do to it.

Nodes (ids into a dict of :class:`~cnnlab.viz.archgraph.Node`) are read into a list of
items: a node id, :class:`Branches` (paths that leave one node and meet again at a
merge: the first node that every path from it passes, its *immediate post-dominator*)
or :class:`Repeat` (identical consecutive items shown once, ×N).
"""

from dataclasses import dataclass

from cnnlab.viz.archlabels import short_label

__all__ = ["Branches", "Repeat", "structure", "fuse", "collapse", "link", "ELEMENTWISE"]

ELEMENTWISE = ("act", "norm", "dropout")     # kinds that ``fuse=True`` folds into the box above


@dataclass
class Branches:
    """Paths leaving node ``source`` that meet again at node ``merge``.

    ``paths`` are lists of items; an empty path is an identity shortcut. The merge
    node itself is the item that follows the Branches in its list.
    """
    source: int
    paths: list
    merge: object             # node id, or None when the paths never meet


@dataclass
class Repeat:
    """``items`` drawn once, standing for ``times`` identical copies in a row."""
    items: list
    times: int


# ----------------------------------------------------------------------------
# the series-parallel structure
# ----------------------------------------------------------------------------
_EXIT = -1


def _post_dominators(order, succ):
    """Immediate post-dominator of every node (``_EXIT`` when paths from it never meet)."""
    pdom = {}
    for n in reversed(order):
        after = [pdom[s] for s in succ[n]]
        pdom[n] = {n} | (set.intersection(*after) if after else {_EXIT})
    rank = {n: i for i, n in enumerate(order)}
    rank[_EXIT] = len(order)
    return {n: min(pdom[n] - {n}, key=rank.__getitem__) for n in order}


def structure(nodes, preds):
    """The list of items of the graph ``preds`` ({node id: ids of its inputs}), from its input.

    Walking forward from a node: one successor continues the chain; several start a
    :class:`Branches` whose paths are walked up to the merge (the immediate post-dominator),
    where the chain goes on. Ids are in forward order, so a node's inputs come first.
    """
    order = sorted(nodes)
    succ = {n: [] for n in order}
    for n in order:
        for p in preds[n]:
            succ[p].append(n)
    ipdom = _post_dominators(order, succ)
    placed = set()

    def chain(node, end):
        items = []
        while node is not None and node != end and node not in placed:
            placed.add(node)
            items.append(node)
            after = succ[node]
            if len(after) == 1:
                node = after[0]
                continue
            if not after:
                break
            merge = ipdom[node]
            merge = None if merge == _EXIT else merge
            paths = [[] if s == merge else chain(s, merge) for s in after]
            items.append(Branches(source=node, paths=paths, merge=merge))
            node = merge
        return items

    return chain(order[0], None)


# ----------------------------------------------------------------------------
# fuse and collapse
# ----------------------------------------------------------------------------
def _last_node(item):
    """The node an item ends with (its merge for Branches), or None."""
    if isinstance(item, int):
        return item
    if isinstance(item, Branches):
        return item.merge
    return _last_node(item.items[-1]) if item.items else None


def fuse(items, nodes):
    """Fold element-wise layers (BN, activations, dropout) into the box above them."""
    out = []
    for item in items:
        if isinstance(item, Branches):
            item.paths = [fuse(path, nodes) for path in item.paths]
        host = _last_node(out[-1]) if out else None
        if (isinstance(item, int) and nodes[item].kind in ELEMENTWISE and host is not None
                and nodes[host].kind != "input"):
            layer, box = nodes.pop(item), nodes[host]
            box.fused.append(layer.name)
            box.label += " + " + short_label(layer)
            box.output_shape = layer.output_shape
            box.params += layer.params
            box.signature = box.signature + (layer.signature,)
            continue
        out.append(item)
    return out


def _signature(item, nodes):
    if isinstance(item, int):
        return nodes[item].signature
    if isinstance(item, Branches):
        return ("branches", tuple(tuple(_signature(i, nodes) for i in path) for path in item.paths),
                nodes[item.merge].signature if item.merge is not None else None)
    return ("repeat", item.times, tuple(_signature(i, nodes) for i in item.items))


def _can_start(item, nodes):
    """A repeated block starts with a layer that has weights, or a block of branches."""
    if isinstance(item, int):
        return nodes[item].kind not in ELEMENTWISE + ("input", "flatten", "add", "concat")
    return True


def collapse(items, nodes):
    """Replace k ≥ 2 identical consecutive runs of items by one Repeat(run, k)."""
    for item in items:
        if isinstance(item, Branches):
            item.paths = [collapse(path, nodes) for path in item.paths]
    sigs = [_signature(item, nodes) for item in items]
    out, i = [], 0
    while i < len(items):
        best = (1, 1)                                  # (period, times)
        if _can_start(items[i], nodes):
            for period in range(1, (len(items) - i) // 2 + 1):
                times = 1
                while sigs[i + times * period:i + (times + 1) * period] == sigs[i:i + period]:
                    times += 1
                if times > 1 and period * times > best[0] * best[1]:
                    best = (period, times)
        period, times = best
        if times > 1:
            out.append(Repeat(items=items[i:i + period], times=times))
            for copy in items[i + period:i + period * times]:
                _drop(copy, nodes)
        else:
            out.append(items[i])
        i += period * times
    return out


def _drop(item, nodes):
    """Remove the nodes of a hidden copy."""
    if isinstance(item, int):
        nodes.pop(item, None)
    elif isinstance(item, Branches):
        for path in item.paths:
            for i in path:
                _drop(i, nodes)
    else:
        for i in item.items:
            _drop(i, nodes)


# ----------------------------------------------------------------------------
# edges, branch indices, repeat counts
# ----------------------------------------------------------------------------
def link(items, prev, nodes, edges, branch=(), times=1):
    """Add the arrows of ``items`` after the nodes ``prev``; return the nodes they end with."""
    for item in items:
        if isinstance(item, int):
            edges.extend((p, item) for p in prev)
            nodes[item].branch, nodes[item].repeat = branch, times
            prev = [item]
        elif isinstance(item, Branches):
            item.source = prev[-1] if prev else item.source
            ends = []
            for k, path in enumerate(item.paths):
                ends += link(path, prev, nodes, edges, branch + (k,), times) if path else prev
            prev = ends                  # the merge is the next item: it links them
        else:
            prev = link(item.items, prev, nodes, edges, branch, times * item.times)
    return prev
