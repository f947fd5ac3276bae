"""Which students' code answers look alike: a report for the instructor to read, never a grade.

For each code exercise of a lesson, every student's answer cells (found as the grader finds them,
``student_cells.locate``) are reduced to a stream of normalised tokens:

* comments, docstrings, line breaks and indentation are dropped (formatting does not count);
* a name the answer itself binds (a parameter, a variable, a loop index, the function's name)
  becomes ``V``; keywords, builtins, attribute names (``.shape``) and free names (``np``) stay;
* every number becomes ``N`` and every string ``S``.

The stream is fingerprinted as MOSS does (S. Schleimer, D. S. Wilkerson, A. Aiken,
"Winnowing: local algorithms for document fingerprinting", SIGMOD 2003): hash every k-gram of
``K`` consecutive tokens, and in every window of ``W`` consecutive hashes keep the smallest
(the rightmost when tied). Any run of at least ``W + K - 1`` tokens two answers share yields at
least one shared fingerprint, and nothing shorter than ``K`` tokens does.

Fingerprints that everyone starts from are removed before comparing: every k-gram of the reference
solution's answer cells (``solutions/``) and of the student stub (``lessons/``), and any fingerprint
that more than half the class shares (a common idiom, not a copy). A pair's score for an exercise is

    score(a, b) = 2 |F_a ∩ F_b| / (|F_a| + |F_b|)        (Dice's coefficient)

and the pair is listed when ``score >= threshold`` and they share at least ``MIN_SHARED``
fingerprints. Exercises whose reference answer is at most ``SHORT_LINES`` lines are listed apart:
correct short answers look alike, read them before concluding anything.

Submissions are read with ``submissions.read_notebook``: symbolic links, pipes and devices are never
followed (such a submission is listed as not compared), files are size-capped, and every piece of
student text is made printable (``safe_text``) and, in the HTML page, escaped.
"""

import hashlib
import html
import io
import json
import keyword
import tokenize
import ast
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from cnnlab.cells import exercise_cells, mask_magics, parse_python
from cnnlab.i18n import say
from cnnlab.tools.grading import student_cells
from cnnlab.tools.grading.safetext import safe_text

K = 6              # tokens per k-gram
W = 4              # hashes per winnowing window: shared runs of W + K - 1 = 9 tokens are always seen
THRESHOLD = 0.5    # default score (share of fingerprints, Dice) a listed pair reaches
MIN_SHARED = 4     # and at least this many fingerprints
SHORT_LINES = 3    # a reference answer of at most this many code lines is "short"
SHORT_SHOWN = 10   # pairs of short answers shown in full (the rest are counted)
COMMON_SHARE = 0.5  # a fingerprint more than this share of the class has is an idiom, not a copy
_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
         tokenize.ENCODING, tokenize.ENDMARKER}
_STRING_TYPES = {getattr(tokenize, name) for name in ("STRING", "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
                 if hasattr(tokenize, name)}
REPORT_KIND = "cnnlab-similarity"


@dataclass
class Token:
    text: str     # normalised
    line: int     # 1-based line of the answer's source


@dataclass
class Answer:
    student: str
    source: str
    fingerprints: dict = field(default_factory=dict)   # hash -> (first line, last line)


@dataclass
class Pair:
    exercise: str
    a: str
    b: str
    score: float
    shared: int
    blocks: list   # [(lines of a, lines of b)], each a list of (number, text)


# ---------------------------------------------------------------------------- normalising
def _bound_names(tree):
    """Names the code binds itself: parameters, assignment and loop targets, defs, imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _docstring_spans(tree):
    """``(start, end)`` positions of every string statement (docstrings and bare strings)."""
    return [((node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset))
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)]


def normalise(source):
    """The answer as a list of ``Token``: names bound by the answer -> V, numbers -> N, strings -> S,
    comments, docstrings and layout dropped. Code that does not parse gives its raw tokens, if any."""
    source = mask_magics(source)
    try:
        tree = parse_python(source)
    except (SyntaxError, ValueError, RecursionError):
        tree = None
    bound = _bound_names(tree) if tree is not None else set()
    spans = _docstring_spans(tree) if tree is not None else []
    tokens, previous = [], ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in _SKIP or any(start <= tok.start < end for start, end in spans):
                continue
            tokens.append(Token(_normal_text(tok, previous, bound), tok.start[0]))
            previous = tok.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return tokens


def _normal_text(tok, previous, bound):
    if tok.type == tokenize.NUMBER:
        return "N"
    if tok.type in _STRING_TYPES:
        return "S"
    if tok.type == tokenize.NAME and previous != "." and tok.string in bound and not keyword.iskeyword(tok.string):
        return "V"
    return tok.string


# ---------------------------------------------------------------------------- fingerprints
def _hash(texts):
    return int.from_bytes(hashlib.blake2b("\x1f".join(texts).encode("utf-8", "backslashreplace"),
                                          digest_size=8).digest(), "big")


def kgrams(tokens, k=K):
    """``[(hash, first line, last line)]`` of every run of ``k`` consecutive tokens."""
    return [(_hash([t.text for t in tokens[i:i + k]]), tokens[i].line, tokens[i + k - 1].line)
            for i in range(len(tokens) - k + 1)]


def winnow(grams, w=W):
    """``{hash: (first line, last line)}``: in each window of ``w`` hashes, the rightmost smallest one.

    Answers shorter than one window keep their smallest k-gram."""
    chosen = {}
    if not grams:
        return chosen
    for start in range(max(1, len(grams) - w + 1)):
        window = grams[start:start + w]
        low = min(h for h, _, _ in window)
        pick = max(i for i, (h, _, _) in enumerate(window) if h == low)
        h, first, last = window[pick]
        chosen.setdefault(h, (first, last))
    return chosen


def fingerprints(source, excluded=frozenset()):
    """The winnowed fingerprints of ``source`` less those in ``excluded`` (hashes)."""
    return {h: span for h, span in winnow(kgrams(normalise(source))).items() if h not in excluded}


def all_hashes(source):
    return {h for h, _, _ in kgrams(normalise(source))}


# ---------------------------------------------------------------------------- the lesson's code
def reference_answer_cells(solution_nb, exercise_id):
    """The solution cells of an exercise that hold ``### BEGIN SOLUTION`` (its answer cells)."""
    from cnnlab.tools.pipeline.steps import BEGIN_SOLUTION
    return [cell for cell in exercise_cells(solution_nb).get(exercise_id, [])
            if cell.cell_type == "code" and BEGIN_SOLUTION in cell.source]


def solution_lines(cells):
    """Code lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (blank and comment lines left out)."""
    from cnnlab.tools.pipeline.steps import BEGIN_SOLUTION, END_SOLUTION
    count, inside = 0, False
    for cell in cells:
        for line in cell.source.split("\n"):
            if BEGIN_SOLUTION in line:
                inside = True
            elif END_SOLUTION in line:
                inside = False
            elif inside and line.strip() and not line.strip().startswith("#"):
                count += 1
    return count


def student_answer(nb, exercise_id, references):
    """The source of the student's answer cells for one exercise, or None (missing, untouched stub)."""
    from cnnlab.tools.grading.harness import is_stub
    wanted = [student_cells.defined_names(cell.source) for cell in references]
    try:
        found = student_cells.locate(nb, exercise_id, wanted, set(),
                                     lambda number, source: is_stub(source, references[number].source))
    except RecursionError:
        return None
    if found.missing is not None or found.untouched:
        return None
    return "\n".join(piece.source for piece in found.pieces if piece.role == "answer")


# ---------------------------------------------------------------------------- comparing
@dataclass
class Report:
    lesson: str
    threshold: float
    pairs: list = field(default_factory=list)         # exercises with a long reference answer
    short_pairs: list = field(default_factory=list)   # exercises with a short reference answer
    short_exercises: list = field(default_factory=list)
    not_compared: list = field(default_factory=list)  # (student, why)
    students: int = 0


def compare(answers, excluded, threshold=THRESHOLD):
    """The ``Pair``s of one exercise's ``{student: source}`` at or above ``threshold``, best first."""
    prints = {student: fingerprints(source, excluded) for student, source in answers.items()}
    counts = {}
    for found in prints.values():
        for h in found:
            counts[h] = counts.get(h, 0) + 1
    common = {h for h, n in counts.items() if len(prints) >= 4 and n > COMMON_SHARE * len(prints)}
    prints = {s: {h: span for h, span in found.items() if h not in common} for s, found in prints.items()}
    pairs = []
    for a, b in combinations(sorted(prints), 2):
        shared = prints[a].keys() & prints[b].keys()
        if len(shared) < MIN_SHARED:
            continue
        score = 2 * len(shared) / (len(prints[a]) + len(prints[b]))
        if score >= threshold:
            pairs.append(Pair("", a, b, score, len(shared),
                              matching_blocks(answers[a], answers[b], prints[a], prints[b], shared)))
    return sorted(pairs, key=lambda pair: (-pair.score, pair.a, pair.b))


def matching_blocks(source_a, source_b, prints_a, prints_b, shared):
    """Side-by-side blocks of matching lines: ``[(lines of a, lines of b)]``, each ``[(number, text)]``."""
    spans = sorted((prints_a[h], prints_b[h]) for h in shared)
    merged = []
    for span_a, span_b in spans:
        if merged and span_a[0] <= merged[-1][0][1] + 1 and span_b[0] <= merged[-1][1][1] + 1 \
                and span_b[1] >= merged[-1][1][0] - 1:
            (a0, a1), (b0, b1) = merged[-1]
            merged[-1] = ((a0, max(a1, span_a[1])), (min(b0, span_b[0]), max(b1, span_b[1])))
        else:
            merged.append((span_a, span_b))
    lines_a, lines_b = source_a.split("\n"), source_b.split("\n")
    return [([(n, lines_a[n - 1]) for n in range(a0, a1 + 1)], [(n, lines_b[n - 1]) for n in range(b0, b1 + 1)])
            for (a0, a1), (b0, b1) in merged]


def similarity_report(manifest, lesson, submissions_dir, threshold=THRESHOLD):
    """The ``Report`` of one lesson's submissions folder (nothing is executed)."""
    import nbformat
    from cnnlab.tools.grading.submissions import discover, read_notebook
    root = Path(manifest.root)
    solution_nb = nbformat.read(lesson.path(root, "solutions", "en"), as_version=4)
    stubs = [nbformat.read(path, as_version=4) for path in
             (lesson.path(root, "lessons", lang) for lang in ("en", "zh")) if path.is_file()]
    report = Report(lesson.stem, threshold)
    notebooks = {}
    for submission in discover(submissions_dir, lesson):
        nb, problem = read_notebook(submission)
        if nb is None:
            report.not_compared.append((submission.student, problem))
        else:
            notebooks[submission.student] = nb
    report.students = len(notebooks)
    for exercise in lesson.exercises:
        if exercise.kind != "code":
            continue
        references = reference_answer_cells(solution_nb, exercise.id)
        if not references:
            continue
        excluded = set()
        for cell in references:
            excluded |= all_hashes(cell.source)
        for stub in stubs:
            for cell in exercise_cells(stub).get(exercise.id, []):
                excluded |= all_hashes(cell.source)
        answers = {}
        for student, nb in notebooks.items():
            try:
                source = student_answer(nb, exercise.id, references)
            except Exception as err:   # one odd notebook never stops the report
                report.not_compared.append((student, f"{exercise.id}: answer not read ({type(err).__name__})"))
                continue
            if source is not None:
                answers[student] = source
        pairs = compare(answers, excluded, threshold)
        for pair in pairs:
            pair.exercise = exercise.id
        if solution_lines(references) <= SHORT_LINES:
            report.short_exercises.append(exercise.id)
            report.short_pairs += pairs
        else:
            report.pairs += pairs
    return report


# ---------------------------------------------------------------------------- writing it out
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
