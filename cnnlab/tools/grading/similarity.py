"""Which students' code answers look alike: a report for the instructor to read, never a grade.

For each code exercise of a lesson, every student's answer cells (found as the grader finds them,
``student_cells.locate``) are reduced to normalised tokens and winnowed fingerprints
(``winnowing``: bound names become ``V``, numbers ``N``, strings ``S``, layout and comments go).

Fingerprints that everyone starts from are removed before comparing: every k-gram of the reference
solution's answer cells (``solutions/``) and of the student stub (``lessons/``), and any fingerprint
that more than half the class shares (a common idiom, not a copy). A pair's score for an exercise is

    score(a, b) = 2 |F_a ∩ F_b| / (|F_a| + |F_b|)        (Dice's coefficient)

and the pair is listed when ``score >= threshold`` and they share at least ``MIN_SHARED``
fingerprints. Exercises whose reference answer is at most ``SHORT_LINES`` lines are listed apart:
correct short answers look alike, read them before concluding anything.

Submissions are read with ``submissions.read_notebook``: symbolic links, pipes and devices are never
followed (such a submission is listed as not compared) and files are size-capped. The report is
written out (text, HTML, JSON summary) by ``similarity_render``, which makes student text safe.
"""

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from cnnlab.cells import exercise_cells
from cnnlab.tools.grading import student_cells
from cnnlab.tools.grading.similarity_render import (  # noqa: F401  (the report's writers, importable from here)
    REPORT_KIND, SHORT_SHOWN, header_lines, render_html, render_text, summary, summary_json)
from cnnlab.tools.grading.winnowing import all_hashes, fingerprints

THRESHOLD = 0.5    # default score (share of fingerprints, Dice) a listed pair reaches
MIN_SHARED = 4     # and at least this many fingerprints
SHORT_LINES = 3    # a reference answer of at most this many code lines is "short"
COMMON_SHARE = 0.5  # a fingerprint more than this share of the class has is an idiom, not a copy


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


# ---------------------------------------------------------------------------- the lesson's code
def reference_answer_cells(solution_nb, exercise_id):
    """The solution cells of an exercise that hold ``### BEGIN SOLUTION`` (its answer cells)."""
    from cnnlab.tools.markers import BEGIN_SOLUTION
    return [cell for cell in exercise_cells(solution_nb).get(exercise_id, [])
            if cell.cell_type == "code" and BEGIN_SOLUTION in cell.source]


def solution_lines(cells):
    """Code lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (blank and comment lines left out)."""
    from cnnlab.tools.markers import BEGIN_SOLUTION, END_SOLUTION
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
            report.not_compared.append((submission.student, problem.text()))   # in the instructor's language
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
