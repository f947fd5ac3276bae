"""Rendering a receptive-field table as text; reads plain rows, never a torch module."""

from cnnlab.i18n import say
from cnnlab.text import table

__all__ = ["table_header", "render_table"]


def table_header():
    """Column names of the printed table, in the course language (``感受野 r`` / ``r``)."""
    return (say(zh="层", en="layer"), say(zh="类型", en="type"), say(zh="输出", en="output"),
            say(zh="感受野 r", en="r"), say(zh="等效步幅", en="jump"), say(zh="起点", en="start"))


def render_table(rows):
    """One line per :class:`~cnnlab.receptive.records.FieldRow`, aligned columns, then the remarks below the table."""
    header = table_header()
    body = [(_display_name(row), row.type, _fmt(row.output_size), _fmt(row.r), _fmt(row.jump),
             _fmt(row.start) + ("" if row.aligned else "  !")) for row in rows]
    lines = table(header, body)
    lines += [say(zh="! {n}：{t}", en="! {n}: {t}", n=row.name, t=row.note) for row in rows if row.note]
    return "\n".join(lines)


def _display_name(row):
    return row.name if row.call == 1 else f"{row.name} ({row.call})"


def _fmt(value):
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return "×".join(_fmt(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)
