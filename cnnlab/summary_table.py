"""How a model summary is shown: a plain-text table for ``print``, an HTML table for notebooks.

Step 3 of :func:`cnnlab.model_summary.summary` (collect, compute, render). It
reads only the plain numbers of a :class:`~cnnlab.model_summary.Summary` (its
rows and totals), never a torch module. One row per layer call::

    Layer (type) | Output shape | Params | MACs | Connections | RF r | jump

then the totals; a count of 0 shows as "–", and the MACs total reads in the
units of the course language (``1,814,073,344 (1.814 G)``, ``18.1 亿``).
"""

import html

from cnnlab.i18n import get_language, say
from cnnlab.text import scaled, table

__all__ = ["render_text", "render_html"]


def _headers():
    return [say(zh="层（类型）", en="Layer (type)"), say(zh="输出形状", en="Output shape"),
            say(zh="参数量", en="Params"), say(zh="乘加 MACs", en="MACs"),
            say(zh="连接数", en="Connections"), say(zh="感受野 r", en="RF r"),
            say(zh="等效步幅", en="jump")]


def _cells(row):
    name = row.name if row.call == 1 else f"{row.name} ({row.call})"
    def number(n):
        return f"{n:,}" if n else "–"
    def field_(v):
        return "–" if v is None else ("×".join(map(str, v)) if isinstance(v, tuple) else str(v))
    return [say(zh="{n}（{t}）", en="{n} ({t})", n=name, t=row.type), str(list(row.output_shape)), number(row.params),
            number(row.macs), number(row.connections), field_(row.r), field_(row.jump)]


def _scaled(n):
    """``1,814,073,344 (1.814 G)`` in English, ``1,814,073,344（18.1 亿）`` in Chinese."""
    if get_language() == "zh":
        return f"{n:,}（{scaled(n)}）" if n >= 10**4 else f"{n:,}"
    for unit, size in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= size:
            return f"{n:,} ({n / size:.3f} {unit})"
    return f"{n:,}"


def _totals(s):
    return [
        (say(zh="输入", en="Input size"), str(list(s.input_size))),
        (say(zh="总参数量", en="Total params"), f"{s.total_params:,}"),
        (say(zh="可训练参数", en="Trainable params"), f"{s.trainable_params:,}"),
        (say(zh="不可训练参数", en="Non-trainable params"), f"{s.non_trainable_params:,}"),
        (say(zh="乘加次数 MACs（每张图，仅卷积和全连接）", en="MACs per image (conv + linear)"),
         _scaled(s.total_macs)),
        (say(zh="连接数（每张图）", en="Connections per image"), f"{s.total_connections:,}"),
    ]


def render_text(s):
    """The summary as a plain-text table."""
    header, body = _headers(), [_cells(row) for row in s.rows]
    out = table(header, body, right=range(2, len(header)), rule="=", frame=True)
    out += [say(zh="{l}：{v}", en="{l}: {v}", l=label, v=value) for label, value in _totals(s)]
    out += [f"* {note}" for note in s.notes]
    return "\n".join(out)


def render_html(s):
    """The summary as an HTML table (what a notebook shows)."""
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in _headers())
    body = "".join("<tr>" + "".join(
        f'<td style="text-align:{"left" if i < 2 else "right"}">{esc(c)}</td>'
        for i, c in enumerate(_cells(row))) + "</tr>" for row in s.rows)
    totals = "".join(f"<tr><th style='text-align:left'>{esc(k)}</th><td>{esc(v)}</td></tr>"
                     for k, v in _totals(s))
    notes = "".join(f"<p><em>{esc(n)}</em></p>" for n in s.notes)
    return (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<table>{totals}</table>{notes}")
