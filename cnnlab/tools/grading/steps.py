"""Grading one submission: an ordered list of small steps, ``step(job) -> job``.

The idea of nbgrader's preprocessors: each step does one thing and records what it found
on the ``Job``; a later step reads it. The student build's ``STUDENT_STEPS``
(``cnnlab.tools.pipeline.steps``) and the site's ``PAGE_STEPS`` (``cnnlab.tools.site.pages``)
have the same signature, over a ``NotebookJob`` and run by ``run_steps``.

    read_submission   the notebook (missing/malformed settle every code exercise)
    read_answers      the quick-check answers: the notebook's hand-in output and/or the answers file
    build_harness     which cells run in the student's kernel, which in the trusted process (harness.py)
    run_harness       the worker process + the sandboxed kernel, in a scratch copy (worker.py); the
                      kernel leaves out setup cells no student cell needs, and a submission whose
                      code missed a name that only those cells bind is run again with all of them
    blame_the_machine a kernel that did not start: the machine's fault (canary.py) or the submission's
    score_exercises   one Result per exercise of the manifest (score.py)

``grade_submission`` runs them; no exception escapes it: a bug or a surprise
becomes ``error: grader failed: …`` rows, and the batch goes on; ``cacheable(job)`` is False
for them, so the next run grades the submission again.
"""

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.tools.grading import canary, harness, score, score_recorded, submissions
from cnnlab.tools.grading.launch import execute_plan
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.safetext import safe_text
from cnnlab.tools.grading.status import Status

COPY_LIMIT = 20 * 2**20   # files larger than this are not copied into the scratch folder
GRADER_FAILED = ("error.grader_failed", "error.grader_busy", "error.grader_machine")   # the machine's fault
WORKER_DIED = ("error.worker_exit", "error.worker_exit_silent")


@dataclass
class Job:
    submission: object
    lesson: object
    solutions: dict          # lang -> solution notebook
    specs: dict              # lang -> {exercise id: QuickCheckSpec} (from the solution)
    limits: Limits
    default_lang: str = "en"
    nb: object = None
    notebook_problem: Status = None      # why the notebook cannot be graded (missing, malformed)
    lang: str = "en"
    answers: object = None
    answers_problem: Status = None       # why there are no answers (unanswered, malformed)
    plan: object = None
    outcomes: list = None
    run_problem: Status = None           # why the run gave no outcomes (timeout, a dead worker, the machine)
    results: list = field(default_factory=list)
    seconds: float = 0.0


def read_submission(job):
    job.nb, job.notebook_problem = submissions.read_notebook(job.submission)
    job.lang = submissions.notebook_language(job.nb, job.default_lang)
    return job


def read_answers(job):
    """The quick-check answers: the notebook's hand-in output and the answers file, either or both
    (every answer is re-scored later; neither is trusted)."""
    if any(e.kind != harness.CODE_KIND for e in job.lesson.exercises):
        from cnnlab.exercises.answers import AnswersFileError, answers_in_notebook, merge_answers
        job.answers, problem = submissions.read_answers(job.submission, job.lesson)
        try:
            carried = answers_in_notebook(job.nb, job.lesson.stem) if job.nb is not None else None
        except AnswersFileError as err:
            carried = None
            if not job.answers:
                problem = Status.of("malformed.hand_in", english=err.english, chinese=err.chinese)
        if carried is not None:
            job.answers, problem = merge_answers(job.answers, carried), None
        job.answers_problem = problem
    return job


def build_harness(job):
    if job.nb is not None and any(e.kind == harness.CODE_KIND for e in job.lesson.exercises):
        job.plan = harness.build_plan(job.solutions[job.lang], job.nb, job.lesson)
        job.plan.lang = job.lang
    return job


def _copy_submission(folder, dest):
    submissions.copy_regular_files(folder, dest, COPY_LIMIT)   # regular files only, never followed


def run_harness(job):
    if job.plan is None or not any(cell.role == "answer" for cell in job.plan.cells):
        job.outcomes = [None] * (len(job.plan.cells) if job.plan else 0)
        return job
    job.outcomes, job.run_problem = _execute(job, job.plan.to_json())
    if job.plan.skips_setup() and job.run_problem is None and _missed_a_left_out_cell(job.plan, job.outcomes):
        # Left-out setup cells are never the reason for a lost point: grade it as its notebook ran.
        job.outcomes, job.run_problem = _execute(job, job.plan.to_json(every_setup_cell=True))
    return job


def _execute(job, plan):
    """``(outcomes, problem)`` of one run of ``plan`` on a fresh copy of the submission."""
    scratch = Path(tempfile.mkdtemp(prefix="cnnlab-grade-"))
    try:
        _copy_submission(job.submission.folder, scratch / "work")
        return execute_plan(plan, scratch / "work", job.limits)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _missed_a_left_out_cell(plan, outcomes):
    """True when the student's code raised an error that names a name only a left-out setup cell binds
    (``NameError: name 'x' is not defined``, ``KeyError: 'x'`` from ``globals()['x']``), in a cell or
    in the student's function called by a hidden test. Any other error, a failed assertion, a timeout
    or a forbidden call is the submission's own: a second run would only double its cost."""
    names = plan.left_out_names()
    for cell, outcome in zip(plan.cells, outcomes):
        if not outcome or outcome.get("status") != "error" or (cell.role == "hidden" and not outcome.get("student")):
            continue
        message = f"{outcome.get('ename', '')}: {outcome.get('evalue', '')}"
        if any(f"'{name}'" in message for name in names):
            return True
    return False


def blame_the_machine(job):
    """A kernel that did not start, or a worker that died: if a canary kernel fails too, the machine is
    to blame (``error: grader failed: …``, never cached); if it starts, the submission's files are."""
    failed_starts = [outcome for outcome in job.outcomes or [] if outcome and outcome.get("start_failed")]
    worker_died = job.run_problem is not None and job.run_problem.verdict.code in WORKER_DIED
    if not failed_starts and not worker_died:
        return job
    if any(_start_timed_out(outcome) for outcome in failed_starts):   # a busy machine, not the files
        job.run_problem = Status.of("error.grader_busy")
        return job
    problem = canary.machine_problems(job.limits)
    if problem:
        job.run_problem = Status.of("error.grader_machine", english=problem["en"], chinese=problem["zh"])
    return job


def _start_timed_out(outcome):
    """A kernel start that ran out of time (jupyter_client's "didn't respond", a TimeoutError)."""
    text = f"{outcome.get('ename', '')} {outcome.get('evalue', '')}".lower()
    return "timeout" in text or "timed out" in text or "didn't respond" in text or "did not respond" in text


def cacheable(job):
    """False when the grading machine failed on this submission: the next run must grade it again."""
    return not any(result.state.verdict.code in GRADER_FAILED for result in job.results)


def score_exercises(job):
    for exercise in job.lesson.exercises:
        if exercise.kind == "layers":
            job.results.append(score_recorded.score_layers(exercise, job.answers, job.answers_problem,
                                                  lang=getattr(job, "lang", None)))
        elif exercise.kind != harness.CODE_KIND:
            others = [specs.get(exercise.id) for lang, specs in job.specs.items() if lang != job.lang]
            job.results.append(score_recorded.score_quick(exercise, job.specs.get(job.lang, {}).get(exercise.id), job.answers,
                                                 job.answers_problem, student=job.submission.student, others=others))
        elif job.notebook_problem:
            job.results.append(score.Result(exercise.id, exercise.kind, exercise.points, job.notebook_problem))
        elif job.run_problem:
            job.results.append(score.Result(exercise.id, exercise.kind, exercise.points, job.run_problem))
        else:
            job.results.append(score.score_code(exercise, job.plan, job.outcomes, job.limits))
    return job


GRADE_STEPS = [read_submission, read_answers, build_harness, run_harness, blame_the_machine, score_exercises]


def grade_submission(job, steps=GRADE_STEPS):
    """Run ``steps`` on ``job``; always returns it with one Result per exercise."""
    started = time.monotonic()
    try:
        for step in steps:
            job = step(job)
    except Exception as err:  # never let one submission stop the batch
        job.results = grader_failed_results(job, err)
    job.seconds = round(time.monotonic() - started, 2)
    return job


def grader_failed_results(job, err):
    """One ``error: grader failed: …`` Result per exercise of the lesson (never the student's fault)."""
    reason = Status.of("error.grader_failed", why=f"{type(err).__name__}: {safe_text(err)}")   # safe_text never raises
    return [score.Result(e.id, e.kind, e.points, reason) for e in job.lesson.exercises]
