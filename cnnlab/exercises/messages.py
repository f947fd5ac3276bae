"""What a widget says after a check, in the course language, as text and as HTML."""

import html

from cnnlab.i18n import say


def correct(explanation):
    head = say(zh="✓ 正确！", en="✓ Correct!")
    return _join(head, explanation)


def wrong(tries, hint):
    head = say(zh="✗ 还不对（第 {n} 次尝试），再想想。", en="✗ Not quite (try {n}). Try again.", n=tries)
    return _join(head, hint and say(zh="提示：", en="Hint: ") + hint)


def mistake_line(hint):
    return say(zh="常见错误：", en="A common mistake: ") + hint


def mistake(tries, hint):
    """A wrong answer that is a named typical mistake: its targeted hint instead of the generic one."""
    head = say(zh="✗ 还不对（第 {n} 次尝试）。", en="✗ Not quite (try {n}).", n=tries)
    return _join(head, mistake_line(hint))


def revealed(tries, explanation):
    head = say(zh="✗ 还不对（第 {n} 次尝试）。下面是完整的解答：", en="✗ Not quite (try {n}). Here is the worked answer:",
               n=tries)
    return _join(head, explanation)


def invalid(reason):
    return say(zh="⚠ {r}（这次不算一次尝试）", en="⚠ {r} (this try does not count)", r=reason)


def not_saved(err):
    return say(zh="⚠ 答案没有保存到答案文件：{e}", en="⚠ could not save your answer to the answers file: {e}", e=err)


def internal_error(err):
    return say(zh="⚠ 检查时出了问题（不是你的错）：{e}", en="⚠ something went wrong while checking (not your fault): {e}",
               e=err)


def button_label():
    return say(zh="检查", en="Check")


def recheck_label():
    return say(zh="用最新的函数再检查一次", en="Check again with my latest function")


def _join(head, body):
    return head + ("\n" + body if body else "")


def as_html(text, tone="info"):
    """Escaped ``text`` in a coloured block; LaTeX between $…$ is left for HTMLMath."""
    colour = {"ok": "#1b7f3a", "bad": "#b3261e", "warn": "#8a5a00"}.get(tone, "inherit")
    body = html.escape(text).replace("\n", "<br>")
    return f'<div style="color:{colour}; white-space:normal">{body}</div>' if text else ""
