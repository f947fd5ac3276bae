"""Shortening text for messages, reports and records."""

__all__ = ["clip"]


def clip(text, limit, mark="…"):
    """``text`` if it has at most ``limit`` characters, else its start plus ``mark``.

    The result is never longer than ``limit``: ``text[:limit - len(mark)] + mark``.
    """
    return text if len(text) <= limit else text[: max(limit - len(mark), 0)] + mark
