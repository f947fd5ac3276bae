"""The markers of a solution notebook, read the same way by the build, the check, the grader and the site.

``### BEGIN SOLUTION`` … ``### END SOLUTION`` is what a student writes (the build puts a stub
there); ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` is what only the grader runs. The
markers are nbgrader's, so an instructor on nbgrader can use ``solutions/`` as its source.
"""

from cnnlab.i18n import say


BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


class MarkerError(ValueError):
    """A BEGIN marker without its END (or the reverse)."""


def find_regions(lines, begin, end):
    """``[(first, last)]`` line indices of each begin…end region (markers included)."""
    regions, opened = [], None
    for number, line in enumerate(lines):
        marker = line.strip()
        if marker == begin:
            if opened is not None:
                raise MarkerError(say(zh="第 {n} 行的 {b!r} 位于另一个区域之内", en="{b!r} on line {n} inside another region",
                                     b=begin, n=number + 1))
            opened = number
        elif marker == end:
            if opened is None:
                raise MarkerError(say(zh="第 {n} 行的 {e!r} 前面没有 {b!r}", en="{e!r} on line {n} without {b!r}",
                                     e=end, n=number + 1, b=begin))
            regions.append((opened, number))
            opened = None
    if opened is not None:
        raise MarkerError(say(zh="第 {n} 行的 {b!r} 始终没有用 {e!r} 结束", en="{b!r} on line {n} is never closed by {e!r}",
                             b=begin, n=opened + 1, e=end))
    return regions


def indent_of(line):
    """The spaces and tabs a line starts with."""
    return line[: len(line) - len(line.lstrip())]


def code_stub(indent, lang):
    """What a student sees in place of a solution: a note and NotImplementedError."""
    note = say(zh="# 在这里写你的代码", en="# YOUR CODE HERE", lang=lang)
    return [indent + note, indent + "raise NotImplementedError()"]


def markdown_stub(lang):
    """What a student sees in place of a written answer."""
    return [say(zh="（在这里写下你的回答）", en="YOUR ANSWER HERE", lang=lang)]


def replace_regions(source, begin, end, make_stub):
    """``source`` with each begin…end region replaced by ``make_stub(its indent)``."""
    lines = source.split("\n")
    for first, last in reversed(find_regions(lines, begin, end)):
        lines[first: last + 1] = make_stub(indent_of(lines[first]))
    return "\n".join(lines)
