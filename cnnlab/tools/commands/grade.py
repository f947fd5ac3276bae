"""``cnnlab grade``: a lesson's submissions graded into a gradebook, and the feedback pages.

The deadline, lateness and hand-set grades are applied, and every feedback page is written
again. ``cnnlab grade --check`` tests the grading machine alone."""

import sys
from pathlib import Path

from cnnlab.i18n import say
from cnnlab.tools.commands.common import CommandError, memory_cap, positive_float, positive_int


def add_grade(sub):
    grade = sub.add_parser("grade", help=say(zh="给一课的提交评分，写入成绩册",
                                             en="grade the submissions of a lesson into a gradebook"))
    grade.add_argument("lesson", nargs="?", help=say(zh="课的编号、简称或文件名", en="lesson number, slug or stem"))
    grade.add_argument("submissions", nargs="?", help=say(zh="每个学生一个子文件夹的文件夹",
                                                          en="folder with one subfolder per student"))
    grade.add_argument("--check", action="store_true",
                       help=say(zh="只检查这台机器能否评分（在沙箱里启动一个测试内核），不评任何提交",
                                en="only test that this machine can grade (one canary kernel in the sandbox); "
                                   "grade nothing"))
    grade.add_argument("--out", help=say(zh="存放 gradebook.csv 和 feedback/ 的文件夹",
                                         en="folder for gradebook.csv and feedback/"))
    grade.add_argument("--jobs", type=positive_int, default=1, help=say(zh="并行评分的提交份数（默认 1）",
                                                                        en="submissions graded in parallel (default 1)"))
    grade.add_argument("--timeout", type=positive_float, default=30.0,
                       help=say(zh="每个单元格的秒数上限（默认 30）", en="seconds per cell (default 30)"))
    grade.add_argument("--total-timeout", type=positive_float, default=300.0,
                       help=say(zh="每份提交的秒数上限（默认 300）", en="seconds per submission (default 300)"))
    grade.add_argument("--memory", type=memory_cap, default=3072,
                       help=say(zh="每个内核的地址空间上限，单位 MiB（默认 3072；0 表示不设上限）",
                                en="MiB of address space per kernel (default 3072; 0: no cap)"))
    grade.add_argument("--force", action="store_true", help=say(zh="没有改动的提交也重新评分",
                                                                en="regrade unchanged submissions too"))
    grade.add_argument("--no-sandbox", action="store_true",
                       help=say(zh="不用 bubblewrap 沙箱运行提交（不安全：它们能读到评分程序能读的每个文件；会打印警告）",
                                en="run submissions without the bubblewrap sandbox (unsafe: they can read every file "
                                   "the grader can; a warning is printed)"))
    grade.add_argument("--student", action="append",
                       help=say(zh="只给这个学生重新评分（可重复；没有改动也评）",
                                en="regrade only this student (repeatable; even when unchanged)"))
    grade.add_argument("--deadline", help=say(zh="截止时间，带时区，例如 2026-12-20T23:59+08:00（会被记住）",
                                              en="the deadline with its time zone, e.g. 2026-12-20T23:59+08:00 (remembered)"))
    grade.add_argument("--late", help=say(zh="迟交规则，例如 \"10%%/day, max 3\"（会被记住）",
                                          en="late policy, e.g. \"10%%/day, max 3\" (remembered)"))
    grade.add_argument("--extensions", help=say(zh="延期 CSV：student, lesson, days 或 until",
                                                en="extensions CSV: student, lesson, days or until"))
    grade.add_argument("--reveal", choices=("public", "hidden"),
                       help=say(zh="反馈页显示什么：public 只显示公开测试；hidden 也显示没通过的隐藏测试"
                                   "（默认：截止前 public，截止后 hidden）",
                                en="what feedback pages show: public cases only, or also the failing hidden case "
                                   "(default: public before the deadline, hidden after)"))
    grade.set_defaults(run=cmd_grade)


def cmd_grade(args, manifest):
    from cnnlab.tools.grading.batch import grade_batch
    from cnnlab.tools.grading.canary import GraderBroken
    from cnnlab.tools.grading.sandbox import SandboxUnavailable
    from cnnlab.tools.grading.submissions import SubmissionsError
    if args.check:
        return _check_machine(args)
    if not args.lesson or not args.submissions or not args.out:
        raise CommandError(say(zh="用法：cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR（或 cnnlab grade --check）",
                               en="usage: cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR (or cnnlab grade --check)"))
    lesson = manifest.lesson(args.lesson)
    folder = Path(args.submissions)
    if not folder.is_dir():
        raise CommandError(say(zh="没有提交文件夹 {f}（应为 SUBMISSIONS_DIR/<学生>/{stem}.ipynb）",
                               en="no submissions folder {f} (expected SUBMISSIONS_DIR/<student>/{stem}.ipynb)",
                               f=folder, stem=lesson.stem))
    _refuse_flat_folder(folder, lesson)
    only = _only_students(folder, lesson, args.student)
    late_before = _deadline_before_grading(args, lesson, folder)
    try:
        batch = grade_batch(manifest, lesson, folder, Path(args.out), jobs=args.jobs, limits=_limits(args),
                            force=args.force, only=only)
    except (SandboxUnavailable, GraderBroken, SubmissionsError) as err:
        raise CommandError(str(err)) from None
    print(batch.summary_text)
    _after_grading(args, manifest, lesson, late_before)
    return 0


def _limits(args):
    from cnnlab.tools.grading.limits import Limits
    return Limits(cell_timeout=args.timeout, total_timeout=args.total_timeout, memory_mib=args.memory,
                  sandbox=not args.no_sandbox)


def _check_machine(args):
    """``--check``: the machine alone, one canary kernel with these limits."""
    from cnnlab.tools.grading.canary import GraderBroken, require_working_machine
    try:
        require_working_machine(_limits(args))
    except GraderBroken as err:
        raise CommandError(str(err)) from None
    print(say(zh="评分机器正常：一个测试内核{where}启动并运行了", en="the grading machine works: a canary kernel "
              "started and ran {where}", where=say(zh="在沙箱里", en="in the sandbox") if not args.no_sandbox
              else say(zh="在没有沙箱的情况下", en="without a sandbox")))
    return 0


def _refuse_flat_folder(folder, lesson):
    """A submissions folder without student subfolders is a mistake, not a batch of 0."""
    from cnnlab.tools.grading.submissions import SubmissionsError, discover
    try:
        if discover(folder, lesson):
            return
    except SubmissionsError as err:   # two students, one file name: the batch would say the same
        raise CommandError(str(err)) from None
    loose = sorted(p.name for p in folder.glob("*.ipynb"))[:3]
    raise CommandError(say(
        zh="{f} 里没有学生子文件夹（应为 {f}/<学生>/{stem}.ipynb）{also}；用 cnnlab collect 把提交整理成这样",
        en="{f} has no student subfolders (expected {f}/<student>/{stem}.ipynb){also}; "
           "cnnlab collect arranges hand-ins that way",
        f=folder, stem=lesson.stem,
        also=say(zh="，只有 {x}", en=", only {x}", x=", ".join(loose)) if loose else ""))


def _only_students(folder, lesson, wanted):
    """``--student ID`` (repeatable): the ids, each checked against the submissions folder."""
    if not wanted:
        return None
    from cnnlab.tools.grading.submissions import discover
    present = {s.student for s in discover(folder, lesson)}
    unknown = [s for s in wanted if s not in present]
    if unknown:
        raise CommandError(say(zh="{f} 里没有学生 {s}", en="no student {s} in {f}", f=folder, s=", ".join(unknown)))
    return set(wanted)


def _deadline_before_grading(args, lesson, folder):
    """Store --deadline/--late/--extensions/--reveal, check overrides.csv, and compute lateness
    (so the pages the batch writes show it)."""
    from cnnlab.tools.grading import collect, deadline, overrides
    out = Path(args.out)
    try:
        deadline.configure(out, lesson, deadline=args.deadline, late=args.late, extensions=args.extensions,
                           reveal=args.reveal)
        overrides.read_overrides(out)
        table, unknown = deadline.record_lateness(out, lesson.stem, collect.read_collected(folder))
    except (deadline.DeadlineError, overrides.OverrideError) as err:
        raise CommandError(str(err)) from None
    return table, unknown


def _after_grading(args, manifest, lesson, late):
    """Write lateness into the gradebook, then every page again (hand-set grades, lateness, reveal)."""
    from cnnlab.tools.grading import deadline, gradebook
    out = Path(args.out)
    table, unknown = late
    if deadline.load_all(out).get(lesson.stem, {}).get("deadline"):
        deadline.stamp_gradebook(out, lesson.stem, table)
        graded = {row["student"] for row in gradebook.read_rows(out) if row["lesson"] == lesson.stem}
        unknown = sorted(set(unknown) | (graded - set(table)))
        if unknown:
            print(say(zh="注意：不知道这些学生的提交时间（没有 collected.csv 记录），不算迟交：{s}",
                      en="note: no hand-in time for these students (no collected.csv row), not counted late: {s}",
                      s=", ".join(unknown)), file=sys.stderr)
        late_ones = sorted(s for s, row in table.items() if row["days_late"] != "0")
        if late_ones:
            print(say(zh="迟交：{s}", en="late: {s}", s=", ".join(
                say(zh="{s}（{d} 天，扣 {p:.0%}）", en="{s} ({d} d, -{p:.0%})", s=s, d=table[s]["days_late"],
                    p=float(table[s]["penalty"])) for s in late_ones)))
    write_feedback_pages(out, manifest)


def write_feedback_pages(out, manifest, roster=None, reveal=None):
    """Render every graded student's feedback page into ``out/feedback/``; returns {student: page}
    (empty, and nothing written, when ``out`` holds no graded results)."""
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading import overrides, returning
    try:
        pages = returning.render_pages(out, manifest, roster=roster, reveal=reveal)
    except (overrides.OverrideError, returning.ReturnError) as err:
        raise CommandError(str(err)) from None
    if not pages:
        return pages
    (out / "feedback").mkdir(exist_ok=True)
    names = returning.feedback_file_names(out)
    for student, page in pages.items():
        write_atomically(out / "feedback" / names.get(student, returning.page_name(student)), page)
    return pages


def add_commands(sub):
    add_grade(sub)
