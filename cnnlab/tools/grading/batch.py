"""``cnnlab grade``: grade every submission of a lesson into OUT_DIR.

    OUT_DIR/gradebook.csv                  one row per student × exercise (gradebook.py)
    OUT_DIR/feedback/<student>.html        what each student sees (feedback.py)
    OUT_DIR/results/<lesson>/<student>.json  everything the feedback and the dashboard need
    OUT_DIR/.hashes.json                   digests of graded submissions (skip when unchanged)

Submissions are graded ``jobs`` at a time, each in its own worker process;
after each one finishes its rows are merged into the gradebook at once, so an
interrupted batch keeps what it graded.
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cnnlab.files import write_atomically
from cnnlab.tools.grading import (canary, cgroups, gradebook, history, report, returning, safetext, sandbox,
                                   submissions)
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.feedback import render_feedback
from cnnlab.tools.grading.harness import CODE_KIND
from cnnlab.tools.grading.steps import Job, cacheable, grade_submission, grader_failed_results
from cnnlab.i18n import LANGUAGES, get_language, say


@dataclass
class BatchResult:
    graded: list = field(default_factory=list)    # (student, seconds, points)
    skipped: list = field(default_factory=list)   # student ids unchanged since the last run
    seconds: float = 0.0
    summary_text: str = ""


def load_solutions(manifest, lesson):
    """``({lang: solution notebook}, {lang: {exercise: QuickCheckSpec}}, [paths])``."""
    from cnnlab.exercises.spec import SpecError, quick_check_specs
    from cnnlab.cells import exercise_cells
    from cnnlab.tools.pipeline.notebooks import read_notebook
    notebooks, specs, paths = {}, {}, []
    for lang in LANGUAGES:
        path = lesson.path(manifest.root, "solutions", lang)
        if not path.is_file():
            continue
        paths.append(path)
        notebooks[lang] = read_notebook(path)
        specs[lang] = {}
        cells = exercise_cells(notebooks[lang])
        for exercise in lesson.exercises:
            if exercise.kind == CODE_KIND:
                continue
            for cell in cells.get(exercise.id, []):
                try:
                    specs[lang].update({s.exercise: s for s in quick_check_specs(cell.source)
                                        if s.exercise == exercise.id})
                except SpecError:
                    pass  # score_quick reports the exercise as having no quick check
    for lang in LANGUAGES:  # a course with one language written so far grades with it
        if lang not in notebooks and notebooks:
            other = next(iter(notebooks))
            notebooks[lang], specs[lang] = notebooks[other], specs[other]
    return notebooks, specs, paths


def _store_result(out_dir, job, digest, graded_at):
    folder = Path(out_dir) / "results" / job.lesson.stem
    folder.mkdir(parents=True, exist_ok=True)
    record = {"student": job.submission.student, "lesson": job.lesson.stem, "lang": job.lang,
              "digest": digest, "graded_at": graded_at, "seconds": job.seconds,
              "results": [result.to_record() for result in job.results]}
    write_atomically(folder / f"{job.submission.safe_name}.json", json.dumps(record, indent=1))


def write_feedback(out_dir, manifest, submission):
    """Render feedback/<student>.html from every stored result of the student."""
    records = []
    for path in sorted((Path(out_dir) / "results").glob(f"*/{submission.safe_name}.json")):
        try:
            records.append(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
    records.sort(key=lambda r: r.get("graded_at", ""))
    records = returning.prepare(out_dir, records)   # hand-set grades, lateness, what the page may reveal
    titles = {lesson.stem: lesson.title for lesson in manifest.lessons}
    folder = Path(out_dir) / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"{submission.safe_name}.html", render_feedback(records, titles))


def _made_safe(results):
    """``results`` with every text a submission may have chosen made safe to write (safetext.py)."""
    for result in results:
        result.state = result.state.map_values(safetext.safe_data)
        result.mistake = safetext.safe_text(result.mistake, one_line=True)
        result.details = safetext.safe_data(result.details)
    return results


def _store(out_dir, manifest, job, digest):
    graded_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    job.results = _made_safe(job.results)
    gradebook.merge(out_dir, gradebook.rows_for(job.results, job.submission.student, job.lesson.stem, graded_at))
    _store_result(out_dir, job, digest, graded_at)
    write_feedback(out_dir, manifest, job.submission)


def _finish(out_dir, manifest, job, digest):
    """Store one graded submission; if storing fails, store its ``grader failed`` rows instead (and
    remember no digest, so the next run grades it again). Never raises."""
    try:
        history.keep_previous(out_dir, job.lesson.stem, job.submission.student, job.submission.safe_name)
        _store(out_dir, manifest, job, digest)
        if cacheable(job):   # a grader failure is graded again by the next run
            gradebook.remember_hash(out_dir, job.lesson.stem, job.submission.student, digest)
        return
    except Exception as err:  # one submission's results that cannot be stored must not stop the batch
        job.results = grader_failed_results(job, err)
    try:
        _store(out_dir, manifest, job, digest)
    except Exception as err:
        print(say(zh="评分程序没能保存 {s} 的结果：{e}", en="the grader could not store the results of {s}: {e}",
                  s=job.submission.student, e=safetext.safe_text(f"{type(err).__name__}: {err}", one_line=True)),
              file=sys.stderr)


def _unchanged(submission, digest, hashes, rows, lesson):
    if hashes.get(lesson.stem, {}).get(submission.student) != digest:
        return False
    have = {row["exercise"] for row in rows if row["student"] == submission.student and row["lesson"] == lesson.stem}
    return have >= {exercise.id for exercise in lesson.exercises}


def _announce_limits(limits):
    """Say on stderr when the kernels' limits are per process only (no cgroups) or /tmp is unsized."""
    mechanism = cgroups.detect()
    if not mechanism.available:
        print(say(zh="警告：这台机器上没有可用的 cgroup（{why}）：每个内核只有单个进程的内存上限，"
                     "它派生的子进程各有一份上限，进程数和 CPU 时间都没有上限（见 course/instructor/README.md）",
                  en="WARNING: no usable cgroups on this machine ({why}): each kernel process has its own memory "
                     "cap, the children it forks get one each, and there is no cap on processes or CPU time "
                     "(see course/instructor/README.md)", why=mechanism.reason), file=sys.stderr)
    if limits.sandbox and not sandbox.tmpfs_sizes_supported():
        print(say(zh="警告：这个 bwrap 不支持 --size（需要 bubblewrap 0.6 或更新）：沙箱的 /tmp 和主目录没有大小上限",
                  en="WARNING: this bwrap has no --size (bubblewrap 0.6 or later has it): the sandbox's /tmp and "
                     "home have no size limit"), file=sys.stderr)


def grade_batch(manifest, lesson, submissions_dir, out_dir, *, jobs=1, limits=Limits(), force=False,
                log=print, only=None):
    """Grade every submission of ``lesson`` (``only``: just these student ids, regraded even when
    unchanged); returns a BatchResult (the summary text included)."""
    started = time.monotonic()
    if limits.sandbox:
        sandbox.require()   # SandboxUnavailable: tell the instructor to install bubblewrap
    else:
        print(say(zh="警告：--no-sandbox：学生的代码以评分程序的权限运行，能读到评分程序能读的每个文件"
                     "（解答、其他人的提交、成绩册）",
                  en="WARNING: --no-sandbox: students' code runs with the grader's rights and can read every "
                     "file the grader can (solutions, other submissions, the gradebook)"), file=sys.stderr)
    found = submissions.discover(submissions_dir, lesson)   # SubmissionsError: two students, one file name
    _announce_limits(limits)
    canary.require_working_machine(limits)   # GraderBroken: the machine's own error and the fix; no row
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    solutions, specs, solution_paths = load_solutions(manifest, lesson)
    settings = {"limits": vars(limits)}
    hashes, rows = gradebook.read_hashes(out_dir), gradebook.read_rows(out_dir)
    batch, todo = BatchResult(), []
    for submission in found:
        if only is not None and submission.student not in only:
            continue
        digest = submissions.digest(submission, solution_paths, lesson, settings)
        if not force and only is None and _unchanged(submission, digest, hashes, rows, lesson):
            batch.skipped.append(submission.student)
            continue
        todo.append((Job(submission=submission, lesson=lesson, solutions=solutions, specs=specs,
                         limits=limits, default_lang=get_language()), digest))
    log(say(zh="内核的限制：{how}", en="limits of the kernels: {how}", how=cgroups.describe(cgroups.detect())))
    log(say(zh="评分：{stem} 的 {n} 份提交，{jobs} 个并行任务；{k} 份没有改动",
            en="grading {n} submission(s) of {stem} with {jobs} job(s); {k} unchanged",
            n=len(todo), stem=lesson.stem, jobs=jobs, k=len(batch.skipped)))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade_submission, job): (job, digest) for job, digest in todo}
        for future in as_completed(futures):
            job, digest = futures[future]
            try:
                job = future.result()  # grade_submission never raises (but a thread can die of MemoryError)
            except BaseException as err:  # noqa: B036 — the batch goes on, this student gets an error row
                job.results = grader_failed_results(job, err)
            _finish(out_dir, manifest, job, digest)
            points = sum(result.points for result in job.results)
            batch.graded.append((job.submission.student, job.seconds, points))
            log(say(zh="  {s}：{p:g}/{m:g}，用时 {t:.1f} 秒", en="  {s}: {p:g}/{m:g} in {t:.1f} s",
                    s=job.submission.student, p=points, m=lesson.max_points, t=job.seconds))
    batch.seconds = round(time.monotonic() - started, 2)
    if not (out_dir / gradebook.GRADEBOOK).exists():
        gradebook.merge(out_dir, [])
    summary = report.summarize(gradebook.read_rows(out_dir), lesson)
    slowest = sorted(((name, secs) for name, secs, _ in batch.graded), key=lambda item: -item[1])[:3]
    batch.summary_text = report.render_text(summary, graded=len(batch.graded), skipped=len(batch.skipped),
                                            seconds=batch.seconds, slowest=slowest)
    return batch
