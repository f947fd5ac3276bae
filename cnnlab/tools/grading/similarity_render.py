"""The similarity report written out: plain text, one HTML page, and a small JSON summary for the dashboard.

Every piece of student text (names, code lines, reasons) is made printable with ``safe_text``
and, in the HTML page, escaped. The words are in the course language (``say``).
"""

import html
import json

from cnnlab.i18n import say
from cnnlab.tools.grading.safetext import safe_text

SHORT_SHOWN = 10   # pairs of short answers shown in full (the rest are counted)
REPORT_KIND = "cnnlab-similarity"


def header_lines(report):
    """The report's first lines: what it is, and that it is never a grade (in the course language)."""
    return [
        say(zh="代码相似度报告：{l}（{n} 份提交参与比较，阈值 {t:.0%}）",
            en="Code similarity report: {l} ({n} submission(s) compared, threshold {t:.0%})",
            l=report.lesson, n=report.students, t=report.threshold),
        say(zh="这是给教师阅读的报告，不是成绩：相似不等于抄袭。请先读代码，再和学生谈。",
            en="This is a report for the instructor to read, never a grade: alike is not copied. "
               "Read the code, then talk to the students."),
        say(zh="参考解答和学生起始代码里的片段、以及过半学生共有的片段都已排除。",
            en="Fragments of the reference solution and of the student stub, and fragments more than "
               "half the class shares, are left out."),
    ]


def _pair_title(pair):
    return say(zh="{e}：{a} ↔ {b}，相同指纹占 {s:.0%}（{n} 个）",
               en="{e}: {a} ↔ {b}, {s:.0%} of fingerprints shared ({n})",
               e=pair.exercise, a=safe_text(pair.a, True), b=safe_text(pair.b, True), s=pair.score, n=pair.shared)


def _short_note():
    return say(zh="答案很短的练习（正确的短答案本来就相似；下结论前请先读代码）",
               en="Exercises with short answers (short answers look alike; read before concluding)")


def _more_short(count):
    return say(zh="短答案中共有 {n} 对超过阈值，下面只列出最相似的 {k} 对",
               en="{n} pairs of short answers are above the threshold; the {k} most alike are shown",
               n=count, k=SHORT_SHOWN)


def render_text(report, width=60):
    """The report as plain text, matching lines side by side."""
    out = header_lines(report) + [""]
    sections = [(say(zh="相似的答案", en="Similar answers"), report.pairs)]
    if report.short_exercises:
        sections.append((_short_note() + ": " + ", ".join(report.short_exercises), report.short_pairs))
    for number, (title, pairs) in enumerate(sections):
        out += [f"== {title} ==", ""]
        if not pairs:
            out += [say(zh="（没有超过阈值的一对）", en="(no pair above the threshold)"), ""]
        if number and len(pairs) > SHORT_SHOWN:
            out += [_more_short(len(pairs)), ""]
        for pair in (pairs[:SHORT_SHOWN] if number else pairs):
            out.append(_pair_title(pair))
            for lines_a, lines_b in pair.blocks:
                for index in range(max(len(lines_a), len(lines_b))):
                    left = _numbered(lines_a, index)
                    right = _numbered(lines_b, index)
                    out.append(f"  {left[:width]:<{width}} | {right[:width]}")
                out.append("  " + "-" * (2 * width + 3))
            out.append("")
    if report.not_compared:
        out.append("== " + say(zh="没有比较的提交", en="Submissions not compared") + " ==")
        out += [f"  {safe_text(student, True)}: {safe_text(why, True)}" for student, why in report.not_compared]
    return "\n".join(out) + "\n"


def _numbered(lines, index):
    if index >= len(lines):
        return ""
    number, text = lines[index]
    return f"{number:3d} {safe_text(text.expandtabs(4), True)}"


def render_html(report):
    """The report as one HTML page; every piece of student text is escaped."""
    e = lambda text: html.escape(safe_text(text), quote=True)   # noqa: E731
    parts = [f"<h1>{e(header_lines(report)[0])}</h1>",
             f"<p><strong>{e(header_lines(report)[1])}</strong></p><p>{e(header_lines(report)[2])}</p>"]
    sections = [(say(zh="相似的答案", en="Similar answers"), report.pairs)]
    if report.short_exercises:
        sections.append((_short_note() + ": " + ", ".join(report.short_exercises), report.short_pairs))
    for number, (title, pairs) in enumerate(sections):
        parts.append(f"<h2>{e(title)}</h2>")
        if not pairs:
            parts.append(f"<p>{e(say(zh='（没有超过阈值的一对）', en='(no pair above the threshold)'))}</p>")
        if number and len(pairs) > SHORT_SHOWN:
            parts.append(f"<p>{e(_more_short(len(pairs)))}</p>")
        for pair in (pairs[:SHORT_SHOWN] if number else pairs):
            parts.append(f"<h3>{e(_pair_title(pair))}</h3><table>")
            parts.append(f"<tr><th>{e(pair.a)}</th><th>{e(pair.b)}</th></tr>")
            for lines_a, lines_b in pair.blocks:
                cell = lambda lines: e("\n".join(f"{n:3d} {text}" for n, text in lines))   # noqa: E731
                parts.append(f"<tr><td><pre>{cell(lines_a)}</pre></td><td><pre>{cell(lines_b)}</pre></td></tr>")
            parts.append("</table>")
    if report.not_compared:
        parts.append(f"<h2>{e(say(zh='没有比较的提交', en='Submissions not compared'))}</h2><ul>")
        parts += [f"<li>{e(student)}: {e(why)}</li>" for student, why in report.not_compared]
        parts.append("</ul>")
    style = ("body{font-family:sans-serif;max-width:1200px;margin:auto}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;vertical-align:top;padding:4px}pre{margin:0}")
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{e(header_lines(report)[0])}</title>'
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n")


def summary(report, top=5):
    """A small JSON-able summary (for the dashboard): the best pairs of the lesson."""
    return {"kind": REPORT_KIND, "lesson": report.lesson, "threshold": report.threshold,
            "pairs": [{"exercise": p.exercise, "a": p.a, "b": p.b, "score": round(p.score, 3)}
                      for p in report.pairs[:top]],
            "short_pairs": [{"exercise": p.exercise, "a": p.a, "b": p.b, "score": round(p.score, 3)}
                            for p in report.short_pairs[:top]]}


def summary_json(report):
    return json.dumps(summary(report), ensure_ascii=False, indent=1)
