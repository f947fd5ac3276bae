"""The reference model of a ``layers`` exercise, written in the manifest as lines of ``torch.nn`` calls.

::

    [[lesson.exercise]]
    id = "channels_layers"
    kind = "layers"
    points = 4
    layers = ["Conv2d(3, 16, 3, padding=1)", "ReLU()", "Conv2d(16, 8, 1)", "MaxPool2d(2)"]
    input_shape = [3, 32, 32]
    ask = ["shape", "params"]

``build_model(lines)`` makes ``nn.Sequential`` of them. Each line is read with ``ast``, never
run: a call of a ``torch.nn`` layer class with literal arguments (numbers, booleans, strings,
tuples). The grader scores the recorded predictions against ``layer_facts`` of this model,
so a student's own (possibly wrong) model never decides their grade.
"""

import ast

from cnnlab.cells import parse_python
from cnnlab.i18n import say

__all__ = ["LayerSpecError", "build_model", "check_layer_line"]


class LayerSpecError(ValueError):
    """A manifest ``layers`` line that is not a torch.nn layer call with literal arguments."""


def _error(line, why):
    return LayerSpecError(say(zh="layers 中的 {l!r}：{w}（应写成例如 \"Conv2d(3, 16, 3, padding=1)\"）",
                              en="layers line {l!r}: {w} (write e.g. \"Conv2d(3, 16, 3, padding=1)\")",
                              l=line, w=why))


def check_layer_line(line):
    """``(class name, args, kwargs)`` of one line; raises LayerSpecError. Needs no torch."""
    try:
        node = parse_python(str(line), mode="eval").body
    except SyntaxError:
        raise _error(line, say(zh="不是一个调用", en="not a call")) from None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        raise _error(line, say(zh="不是 torch.nn 层的调用", en="not a call of a torch.nn layer"))
    try:
        args = [ast.literal_eval(a) for a in node.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords if k.arg}
    except ValueError:
        raise _error(line, say(zh="参数只能是字面量", en="arguments must be literals")) from None
    if len(kwargs) != len(node.keywords):
        raise _error(line, say(zh="不能用 **kwargs", en="no **kwargs"))
    return node.func.id, args, kwargs


def build_model(lines):
    """``nn.Sequential`` of the layers named by ``lines`` (see the module docstring)."""
    from torch import nn
    layers = []
    for line in lines:
        name, args, kwargs = check_layer_line(line)
        cls = getattr(nn, name, None)
        if not (isinstance(cls, type) and issubclass(cls, nn.Module)) or name in ("Sequential", "ModuleList"):
            raise _error(line, say(zh="torch.nn 中没有层 {n}", en="torch.nn has no layer {n}", n=name))
        try:
            layers.append(cls(*args, **kwargs))
        except (TypeError, ValueError, RuntimeError) as err:
            raise _error(line, str(err)) from None
    return nn.Sequential(*layers)
