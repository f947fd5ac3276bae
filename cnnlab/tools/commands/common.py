"""What every subcommand shares: the one-line error, its exit code, and argument types.

The types' errors name the argument and the fix, in the user's language."""

import argparse
import re

from cnnlab.i18n import say

EXIT_BAD_COMMAND = 2


class CommandError(Exception):
    """A problem with the command itself: printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one ``CommandError`` line instead of usage + message."""

    def error(self, message):
        named = re.fullmatch(r"argument (\S+): (.*)", message, flags=re.DOTALL)
        if named:   # argparse writes "argument --jobs: …" in English whatever the language
            message = say(zh="参数 {a}：{m}", en="{a}: {m}", a=named[1], m=named[2])
        raise CommandError(message)


def lessons_named(manifest, keys):
    """The lessons named by ``keys`` (numbers, slugs or stems); none or ``all``: every lesson."""
    if not keys or list(keys) == ["all"]:
        return list(manifest.lessons)
    return [manifest.lesson(key) for key in keys]


def _number(text, kind):
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(zh="需要一个数，收到 {v}", en="needs a number, got {v}", v=text)) from None


def positive_int(text):
    """An argparse type: a whole number > 0."""
    value = _number(text, int)
    if value <= 0:
        raise argparse.ArgumentTypeError(say(zh="必须是正数，收到 {v}", en="must be positive, got {v}", v=text))
    return value


def positive_float(text):
    """An argparse type: a number of seconds > 0."""
    value = _number(text, float)
    if not value > 0:
        raise argparse.ArgumentTypeError(say(zh="必须是正数，收到 {v}", en="must be positive, got {v}", v=text))
    return value


def port_number(text):
    """An argparse type: a TCP port, 1 to 65535."""
    value = _number(text, int)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(say(zh="必须在 1 到 65535 之间，收到 {v}",
                                             en="must be between 1 and 65535, got {v}", v=text))
    return value


def share(text):
    """An argparse type: a share of a whole, 0 < share <= 1."""
    value = _number(text, float)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(say(zh="必须在 0 和 1 之间（例如 0.5），收到 {v}",
                                             en="must be between 0 and 1 (e.g. 0.5), got {v}", v=text))
    return value


def memory_cap(text):
    """An argparse type: MiB of address space per kernel, 0 (no cap) or at least 1024."""
    value = _number(text, int)
    if value < 0 or 0 < value < 1024:
        raise argparse.ArgumentTypeError(say(zh="{v} MiB 太小：光是 torch 就需要大约 1 GiB（0 表示不设上限）",
                                             en="{v} MiB is too small: torch alone needs about 1 GiB (0 = no cap)",
                                             v=text))
    return value
