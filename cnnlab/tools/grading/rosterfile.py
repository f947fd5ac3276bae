"""Reading the text of a roster or overrides CSV as Excel saves it (UTF-8 with or without a BOM, or GBK)."""

from cnnlab.i18n import say

ROSTER_ENCODINGS = ("utf-8-sig", "gb18030")   # Excel saves UTF-8 with a BOM, or GBK on Chinese Windows


class ExportError(ValueError):
    """A roster or an argument that cannot be exported (one line, names the fix)."""


def decode_roster(data, path, encoding=None):
    """The text of a roster file: ``encoding`` if given, else UTF-8 (with or without a BOM),
    else GB18030 (a superset of GBK, what Excel on Chinese Windows writes)."""
    for name in (encoding,) if encoding else ROSTER_ENCODINGS:
        try:
            return data.decode(name)
        except LookupError:
            raise ExportError(say(zh="未知的编码 {e}：试试 utf-8、gbk 或 gb18030", en="unknown encoding {e!r}: "
                                  "try utf-8, gbk or gb18030", e=name)) from None
        except UnicodeDecodeError as err:
            failure = err
    raise ExportError(say(zh="名单 {p} 无法按 {e} 解码（第 {b} 字节）：用 --encoding 指定它的编码",
                          en="roster {p} cannot be decoded as {e} (byte {b}): give its encoding with --encoding",
                          p=path, e=encoding or " / ".join(ROSTER_ENCODINGS), b=failure.start))
