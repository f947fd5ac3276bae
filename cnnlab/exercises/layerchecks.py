"""Predict, then reveal: judging one predicted quantity of one layer, and naming the mistake.

Quantities: ``shape`` (output shape without batch), ``params``, ``macs`` and ``rf``
(receptive field extent r). A prediction is compared through the canonical forms of
``cnnlab.exercises.keys`` (``96x55x55`` = ``(96, 55, 55)``; ``34,944`` = ``34944``).

A *named mistake* is computed by making the mistake with the layer's own numbers:
padding counted on one side only gives ``⌊(n + p − k')/s⌋ + 1`` instead of
``⌊(n + 2p − k')/s⌋ + 1``; parameters without the bias give ``c_out·c_in/g·k_h·k_w``
instead of ``+ c_out``; a field that forgets the jump grows by ``k' − 1`` instead of
``(k' − 1)·jump_in``. A wrong prediction equal to one of them gets its rule as a hint;
a mistake that happens to equal the truth is not listed.

No ipywidgets here: the grader imports this module to re-score recorded predictions.
"""

from torch import nn

from cnnlab.exercises.keys import NotAnAnswer, canonical_number, canonical_shape, parse_number, parse_shape
from cnnlab.geometry import conv_out_size, effective_kernel, pair, pool_out_size
from cnnlab.i18n import say
from cnnlab.tracing import BATCH_NORMS, CONVS, TRANSPOSED_CONVS

QUANTITIES = ("shape", "params", "macs", "rf")
ALL_CONVS = CONVS + TRANSPOSED_CONVS

__all__ = ["QUANTITIES", "truth", "canonical", "named_mistakes", "judge", "quantity_label"]


def quantity_label(quantity):
    return {"shape": say(zh="输出形状", en="output shape"), "params": say(zh="参数量", en="parameters"),
            "macs": say(zh="乘加次数", en="MACs"), "rf": say(zh="感受野 r", en="receptive field r")}[quantity]


def truth(fact, quantity):
    """The true value of ``quantity`` for a LayerFact; None when unknown or not spatial."""
    if not fact.known(quantity):
        return None
    return {"shape": fact.output_shape, "params": fact.params, "macs": fact.macs, "rf": fact.rf}[quantity]


def canonical(quantity, value):
    """The canonical form of a true value (tuple or int) or of a typed answer (text)."""
    if isinstance(value, str):
        if quantity == "shape" or (quantity == "rf" and any(c in value for c in "x×X,*(")):
            return canonical_shape(parse_shape(value))
        number = parse_number(value)
        if number != number.to_integral_value():
            raise NotAnAnswer(f"“{value}”不是整数", f"{value!r} is not a whole number")
        return canonical_number(number)
    if isinstance(value, tuple):
        if quantity == "rf" and len(set(value)) == 1:       # a square field: 5 and 5x5 are the same
            return canonical_number(value[0])
        return canonical_shape(value)
    return canonical_number(value)


# ----------------------------------------------------------------------------
# named mistakes: (id, wrong value, hint)
# ----------------------------------------------------------------------------
def _window(module):
    """(kernel, stride, padding, dilation) as (h, w) pairs, or None for a layer without a window."""
    if isinstance(module, ALL_CONVS) and not isinstance(module.padding, str):
        return (pair(module.kernel_size, "kernel_size"), pair(module.stride, "stride"),
                pair(module.padding, "padding", 0), pair(module.dilation, "dilation"))
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        stride = module.kernel_size if module.stride in (None, ()) else module.stride
        return (pair(module.kernel_size, "kernel_size"), pair(stride, "stride"),
                pair(module.padding, "padding", 0), pair(getattr(module, "dilation", 1), "dilation"))
    return None


def _sizes(fact, module, window, padding_total=None, ceil_flip=False):
    """(h, w) out of this window layer with a changed padding rule or rounding (None if impossible)."""
    kernel, stride, padding, dilation = window
    out = []
    try:
        for n, k, s, p, d, total in zip(fact.input_shape[1:], kernel, stride, padding, dilation,
                                        padding_total or (None, None)):
            if isinstance(module, ALL_CONVS):
                out.append(conv_out_size(n, k, s=s, p=p, d=d, p_total=total))
            else:
                ceil = module.ceil_mode != ceil_flip
                out.append(pool_out_size(n, k, s=s, p=p if total is None else total / 2, d=d, ceil_mode=ceil))
    except ValueError:
        return None
    return tuple(int(v) for v in out)


def _shape_mistakes(fact, module, window):
    c = fact.output_shape[0]
    found = []
    if window is not None:
        kernel, stride, padding, dilation = window
        if any(padding):
            hw = _sizes(fact, module, window, padding_total=padding)
            if hw:
                found.append(("padding_one_side", (c, *hw), say(
                    zh="填充在两侧都要算：n + 2p", en="padding counts on both sides: n + 2p")))
        if isinstance(module, ALL_CONVS) and kernel == (1, 1):
            hw = tuple(n - 2 for n in fact.output_shape[1:])
            if min(hw) > 0:
                found.append(("one_by_one_shrinks", (c, *hw), say(
                    zh="1×1 卷积保持 H×W 不变", en="a 1×1 convolution keeps H×W")))
        if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
            hw = _sizes(fact, module, window, ceil_flip=True)
            if hw:
                found.append(("ceil_floor", (c, *hw), say(
                    zh="ceil_mode=False 向下取整，ceil_mode=True 向上取整",
                    en="ceil_mode=False rounds down, ceil_mode=True rounds up")))
        if isinstance(module, ALL_CONVS) and fact.input_shape[0] != c:
            found.append(("channels_kept", (fact.input_shape[0], *fact.output_shape[1:]), say(
                zh="每个卷积核输出一个通道：输出通道数是 c_out", en="one output channel per filter: c_out channels")))
    return found


def _params_mistakes(fact, module):
    found = []
    bias = getattr(module, "bias", None)
    if isinstance(module, ALL_CONVS + (nn.Linear,)) and bias is not None:
        weight = module.weight.numel()
        found.append(("no_bias", weight, say(zh="偏置：每个输出通道一个", en="bias: one per output channel")))
        found.append(("one_bias", weight + 1, say(zh="偏置：每个输出通道一个", en="bias: one per output channel")))
    if isinstance(module, ALL_CONVS) and module.groups > 1:
        ungrouped = module.weight.numel() * module.groups + (bias.numel() if bias is not None else 0)
        found.append(("groups_ignored", ungrouped, say(
            zh="分组卷积：每个卷积核只看 c_in / groups 个通道", en="grouped: c_in / groups per filter")))
    if isinstance(module, BATCH_NORMS) and module.affine:
        found.append(("bn_buffers", 2 * fact.params, say(
            zh="批量归一化学习 γ 和 β：每通道 2 个；滑动均值和方差是缓冲区，不是参数",
            en="batch norm learns γ and β, 2 per channel; the running mean and variance are buffers")))
    return found


def _rf_mistakes(fact, window):
    if window is None or fact.rf is None:
        return []
    kernel, stride, _, dilation = window
    r = fact.rf if isinstance(fact.rf, tuple) else (fact.rf, fact.rf)
    jump = fact.jump if isinstance(fact.jump, tuple) else (fact.jump, fact.jump)
    jump_in = [j // s for j, s in zip(jump, stride)]
    r_in = [rr - (effective_kernel(k, d) - 1) * j for rr, k, d, j in zip(r, kernel, dilation, jump_in)]

    def squeezed(values):
        return values[0] if values[0] == values[1] else tuple(values)

    found = [("jump_forgotten", squeezed([ri + effective_kernel(k, d) - 1 for ri, k, d in zip(r_in, kernel, dilation)]),
              say(zh="感受野每层增加 (k' − 1)·jump：要乘上之前的等效步幅",
                  en="the field grows by (k' − 1)·jump: multiply by the jump so far")),
             ("dilation_forgotten", squeezed([ri + (k - 1) * j for ri, k, j in zip(r_in, kernel, jump_in)]),
              say(zh="空洞卷积把卷积核撑大：k' = d·(k − 1) + 1", en="dilation spreads the kernel: k' = d·(k − 1) + 1")),
             ("kernel_only", squeezed(list(kernel)), say(
                 zh="感受野逐层累加：r_out = r_in + (k' − 1)·jump_in",
                 en="the field adds up layer by layer: r_out = r_in + (k' − 1)·jump_in"))]
    return found


def named_mistakes(fact, module, quantity):
    """[(id, wrong value, hint)] for ``quantity`` of this layer, only those that differ from the truth."""
    right = truth(fact, quantity)
    if right is None or module is None:
        return []
    window = _window(module)
    found = {"shape": lambda: _shape_mistakes(fact, module, window),
             "params": lambda: _params_mistakes(fact, module),
             "macs": lambda: [], "rf": lambda: _rf_mistakes(fact, window)}[quantity]()
    right_key = canonical(quantity, right)
    kept, seen = [], {right_key}
    for mistake_id, value, hint in found:
        key = canonical(quantity, value)
        if key not in seen:
            seen.add(key)
            kept.append((mistake_id, value, hint))
    return kept


def judge(fact, module, quantity, raw):
    """``(status, mistake id, hint)`` of one typed prediction: status correct | wrong | invalid.

    ``invalid`` (empty input, not a number) carries the reason as its hint and is no try.
    """
    try:
        typed = canonical(quantity, raw)
    except NotAnAnswer as err:
        return "invalid", "", str(err)
    if typed == canonical(quantity, truth(fact, quantity)):
        return "correct", "", ""
    for mistake_id, value, hint in named_mistakes(fact, module, quantity):
        if typed == canonical(quantity, value):
            return "wrong", mistake_id, hint
    return "wrong", "", ""
