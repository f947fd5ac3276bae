"""``OUT_DIR/feedback/<student>.html``: each exercise's result, in the lesson's language.

``render_feedback(records, title)`` takes the stored results of one student
(``OUT_DIR/results/<lesson>/<student>.json``, one per lesson graded) and
returns a self-contained HTML page: a table per lesson with points and status
(the stored ``status_data`` rendered in the lesson's language: ``status.py``), and for every exercise that did
not pass, the public cases as the check printed them and the failing hidden
case (its message only: the hidden tests' code is not shown). Everything from a submission is escaped and cut to a few kB.
"""

import html

from cnnlab.tools.grading.status import Status
from cnnlab.tools.grading.status_messages import WORDS
from cnnlab.i18n import say
from cnnlab.text import clip

SHOWN = 3000  # characters of a report shown per exercise

COLOURS = {"ok": "#1a7f37", "wrong": "#cf222e", "unanswered": "#6e7781"}


def _cut(text, limit=SHOWN):
    text = str(text or "")
    return clip(text, limit, mark="\n[…]")


def _word(word, lang):
    zh, en = WORDS.get(word, (word, word))
    return zh if lang == "zh" else en


def _old_text_detail(result):
    """What follows the word of a status stored as text only (a results file from an older cnnlab), else ''."""
    if result.get("status_data"):
        return ""
    return str(result.get("status", "")).split(":", 1)[-1].split(";")[0].strip()


def stored_status(result):
    """The Status of a stored result (``status_data``; an older file without it: its English text)."""
    return Status.from_data(result.get("status_data"), result.get("status", ""))


def _exercise_rows(record, lang):
    rows, details = [], []
    for result in record["results"]:
        state = stored_status(result)
        word = state.word
        colour = COLOURS.get(word, "#9a6700")
        rows.append(f"<tr><td><code>{html.escape(result['exercise'])}</code></td>"
                    f"<td>{result['points']:g} / {result['max_points']:g}</td>"
                    f"<td style='color:{colour}'><b>{html.escape(_word(word, lang))}</b></td>"
                    f"<td>{html.escape(state.text(lang))}</td></tr>")
        if word == "ok" and not result.get("override"):
            continue
        info = result.get("details") or {}
        parts = _override_note(result, lang)
        if word == "forbidden":
            what = state.verdict.values.get("what") or _old_text_detail(result).removeprefix("called ")
            parts.append("<p>" + html.escape(say(
                zh="这一题不允许使用现成的函数，而你的函数用了：{what}。这一题记 0 分；请只用基本的数组/张量运算自己实现。",
                en="This exercise does not allow ready-made helpers, and your function used one: {what}. "
                   "It earns 0 points; write it yourself with basic array/tensor operations.",
                lang=lang, what=what)) + "</p>")
        if info.get("public"):
            parts.append(f"<p>{say(zh='公开测试的输出：', en='What the public check printed:', lang=lang)}</p>"
                         f"<pre>{html.escape(_cut(info['public']))}</pre>")
        if info.get("failure") and word != "forbidden":   # the paragraph above already names the call
            parts.append(f"<p>{say(zh='隐藏测试：', en='Hidden tests:', lang=lang)} "
                         f"<code>{html.escape(_cut(info['failure'], 500))}</code></p>")
        if info.get("traceback") and (state.verdict.code.endswith("_in_cell")
                                      or "exercise cell" in _old_text_detail(result)):
            parts.append(f"<p>{say(zh='你的单元格报错：', en='Your cell raised:', lang=lang)}</p>"
                         f"<pre>{html.escape(_cut(info['traceback'], 2000))}</pre>")
        if result.get("mistake") and info.get("mistake_hints"):       # a layers exercise: one per row
            parts += ["<p>" + html.escape(say(zh="常见错误：{hint}（{id}）", en="A common mistake: {hint} ({id})",
                                              lang=lang, hint=hint, id=mistake_id)) + "</p>"
                      for mistake_id, hint in info["mistake_hints"].items()]
        elif result.get("mistake"):
            parts.append("<p>" + html.escape(say(zh="常见错误：{hint}（{id}）", en="A common mistake: {hint} ({id})",
                                                 lang=lang, hint=info.get("mistake_hint", ""),
                                                 id=result["mistake"])) + "</p>")
        if info.get("answer"):
            parts.append(f"<p>{say(zh='记录的答案：', en='Recorded answer:', lang=lang)} "
                         f"<code>{html.escape(info['answer'])}</code></p>")
        if info.get("variant"):
            parts.append(f"<p>{say(zh='按你学号的变体评分：', en='Graded with the variant of your id:', lang=lang)} "
                         f"<code>{html.escape(str(info['variant']))}</code></p>")
        if parts:
            details.append(f"<h3><code>{html.escape(result['exercise'])}</code></h3>" + "".join(parts))
    return rows, details


def _override_note(result, lang):
    """The instructor's hand-set grade (overrides.csv), with the graded points it replaced."""
    if not result.get("override"):
        return []
    return ["<p>" + html.escape(say(zh="老师改了这道题的得分：{p:g}（评分程序给的是 {g}）。说明：{c}",
                                    en="Your instructor set this exercise's points to {p:g} (the grader gave {g}). "
                                       "Comment: {c}", lang=lang, p=result["points"],
                                    g=_points_text(result.get("graded_points")), c=result["override"])) + "</p>"]


def _points_text(value):
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return "–"


def _late_note(record, total, lang):
    """When the work was handed in, and what lateness took away (deadline.py)."""
    late = record.get("late") or {}
    if not late.get("submitted_at"):
        return ""
    days, penalty = int(late.get("days_late") or 0), float(late.get("penalty") or 0)
    if not days:
        return "<p>" + html.escape(say(zh="提交时间：{t}（按时）", en="Handed in {t} (on time)", lang=lang,
                                       t=late["submitted_at"])) + "</p>"
    return "<p>" + html.escape(say(zh="提交时间：{t}，迟交 {d} 天，扣 {p:.0%}：计 {k:g} / {m:g}",
                                   en="Handed in {t}, {d} day(s) late, {p:.0%} off: {k:g} / {m:g} counted",
                                   lang=lang, t=late["submitted_at"], d=days, p=penalty,
                                   k=round(total[0] * (1 - penalty), 2), m=total[1])) + "</p>"


def render_feedback(records, titles):
    """HTML for one student; ``records`` are stored results, ``titles`` maps lesson stem -> {lang: title}."""
    lang = records[-1].get("lang", "en") if records else "en"
    student = html.escape(records[0]["student"]) if records else ""
    body = []
    for record in records:
        title = titles.get(record["lesson"], {}).get(lang, record["lesson"])
        rows, details = _exercise_rows(record, lang)
        got = sum(r["points"] for r in record["results"])
        total = sum(r["max_points"] for r in record["results"])
        head = [say(zh="练习", en="Exercise", lang=lang), say(zh="得分", en="Points", lang=lang),
                say(zh="结果", en="Result", lang=lang), say(zh="详情", en="Details", lang=lang)]
        body.append(f"<h2>{html.escape(title)} — {got:g} / {total:g}</h2>"
                    f"<p class='when'>{html.escape(record.get('graded_at', ''))}</p>" + _late_note(record, (got, total), lang) +
                    "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>" + "".join(rows) + "</table>"
                    + "".join(details))
    heading = say(zh="作业反馈：{s}", en="Feedback for {s}", lang=lang, s=student)
    return (f"<!DOCTYPE html>\n<html lang='{'zh-CN' if lang == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            f"<title>{heading}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}"
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            "pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap}.when{color:#666}</style>"
            f"</head><body><h1>{heading}</h1>{''.join(body)}</body></html>\n")
