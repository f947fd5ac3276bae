"""The ``cnnlab`` command: thin subcommands over the library.

    cnnlab lab [--lang zh|en] [--port N] [--no-browser] [-- JUPYTER_OPTIONS]
                                                          open the course in JupyterLab
    cnnlab build [LESSON ...]                             write student lessons from solutions
    cnnlab check                                          list every broken course invariant
    cnnlab execute [LESSON ...] [--lang zh|en] [--full]   run solutions, store their outputs
    cnnlab lessons [--markdown]                           the lesson list from the manifest
    cnnlab site OUT_DIR [--source solutions|lessons]      the static HTML site, both languages
    cnnlab export OUT_DIR --format canvas|moodle|wide --out FILE [--roster CSV] [--missing zero|blank]
                                                          grades an LMS imports
    cnnlab progress [FOLDER]                              which exercises you have answered, which are right
    cnnlab release OUT_DIR                                the student release (no solutions)
    cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR     grade a batch of submissions

In a student release (a folder written by ``cnnlab release``) only ``lab``,
``lessons`` and ``progress`` work; the other commands need the authoring repository.

A bad command (unknown language, taken port, broken manifest) prints one line
and exits with code 2, without a traceback.
"""

import argparse
import sys
from pathlib import Path

from cnnlab.i18n import LANGUAGES, get_language, say

EXIT_BAD_COMMAND = 2
STUDENT_COMMANDS = ("lab", "lessons", "progress")  # the others read solutions/ or run the grader


class CommandError(Exception):
    """A problem with the command itself: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line instead of usage + message
        raise CommandError(message)


def _lessons(manifest, keys):
    """The lessons named by ``keys`` (numbers, slugs or stems); none or ``all``: every lesson."""
    if not keys or list(keys) == ["all"]:
        return list(manifest.lessons)
    return [manifest.lesson(key) for key in keys]


def compute_minutes(manifest, lesson):
    """Minutes the stored full-mode run of a lesson took (the slower language), or None.

    ``cnnlab execute --full`` and ``benchmarks/bench_lessons.py --store`` record the
    seconds in each solution's metadata; a student release has no solutions.
    """
    from cnnlab.tools.pipeline.notebooks import read_notebook
    seconds = []
    for lang in LANGUAGES:
        path = lesson.path(manifest.root, "solutions", lang)
        record = read_notebook(path).metadata.get("cnnlab", {}) if path.is_file() else {}
        if record.get("mode") == "full" and record.get("seconds"):
            seconds.append(record["seconds"])
    return max(seconds) / 60 if seconds else None


def _minutes_text(minutes):
    """A table cell for a number of minutes: '–' when unknown, '< 0.1' when almost none."""
    if minutes is None:
        return "–"
    return "< 0.1" if minutes < 0.05 else f"{minutes:.1f}"


def lessons_markdown(manifest):
    """The lesson table of README.md, made from the manifest and the stored full-mode runs."""
    rows = ["| # | 中文 | English | minutes | of which computing (full mode) | exercises (points) |",
            "|---|---|---|---|---|---|"]
    for lesson in manifest.lessons:
        compute = compute_minutes(manifest, lesson)
        rows.append(f"| {lesson.number:02d} | {lesson.title['zh']} | {lesson.title['en']} | {lesson.minutes} "
                    f"| {_minutes_text(compute)} "
                    f"| {len(lesson.exercises)} ({lesson.max_points:g}) |")
    return "\n".join(rows)


def cmd_lessons(args, manifest):
    if args.markdown:
        print(lessons_markdown(manifest))
        return 0
    for lesson in manifest.lessons:
        print(say(zh="{stem:24} {tz} / {te}  （{m} 分钟，{n} 道练习，{p} 分）",
                  en="{stem:24} {tz} / {te}  ({m} min, {n} exercises, {p} points)",
                  stem=lesson.stem, tz=lesson.title["zh"], te=lesson.title["en"], m=lesson.minutes,
                  n=len(lesson.exercises), p=lesson.max_points))
    return 0


def cmd_build(args, manifest):
    from cnnlab.tools.pipeline.build import build
    changed = build(manifest, _lessons(manifest, args.lessons))
    for path in changed:
        print(say(zh="已写入 {p}", en="wrote {p}", p=path.relative_to(manifest.root)))
    print(say(zh="{n} 个文件有改动", en="{n} file(s) changed", n=len(changed)))
    return 0


def cmd_check(args, manifest):
    from cnnlab.tools.pipeline.check import check
    problems = check(manifest)
    for problem in problems:
        print(problem)
    if problems:
        print(say(zh="cnnlab check：{n} 个问题", en="cnnlab check: {n} problem(s)", n=len(problems)))
        return 1
    print(say(zh="cnnlab check：{n} 课 × {k} 种语言，全部一致", en="cnnlab check: {n} lesson(s) × {k} languages consistent",
              n=len(manifest.lessons), k=len(LANGUAGES)))
    return 0


def cmd_execute(args, manifest):
    from cnnlab.tools.pipeline.execute import execute_solution
    langs = [args.lang] if args.lang else list(LANGUAGES)
    for lesson in _lessons(manifest, args.lessons):
        for lang in langs:
            changed = execute_solution(manifest, lesson, lang, full=args.full)
            print(say(zh="已运行 {stem} [{code}，{mode}]：{n} 个文件有改动",
                      en="executed {stem} [{code}, {mode} mode]: {n} file(s) changed",
                      stem=lesson.stem, code=lang, n=len(changed),
                      mode=say(zh="完整模式", en="full") if args.full else say(zh="快速模式", en="quick")))
    return 0


def cmd_lab(args, manifest):
    from cnnlab.tools.lab import LabError, run_lab
    try:
        extra = [a for a in args.jupyter_args if a != "--"]
        return run_lab(manifest, args.lang, port=args.port, open_browser=not args.no_browser,
                       token=args.token, extra_args=extra)
    except LabError as err:
        raise CommandError(str(err)) from None


def cmd_grade(args, manifest):
    from cnnlab.tools.grading.batch import grade_batch
    from cnnlab.tools.grading.limits import Limits
    from cnnlab.tools.grading.sandbox import SandboxUnavailable
    from cnnlab.tools.grading.submissions import SubmissionsError
    lesson = manifest.lesson(args.lesson)
    folder = Path(args.submissions)
    if not folder.is_dir():
        raise CommandError(say(zh="没有提交文件夹 {f}（应为 SUBMISSIONS_DIR/<学生>/{stem}.ipynb）",
                               en="no submissions folder {f} (expected SUBMISSIONS_DIR/<student>/{stem}.ipynb)",
                               f=folder, stem=lesson.stem))
    for name in ("jobs", "timeout", "total_timeout"):
        if getattr(args, name) <= 0:
            raise CommandError(say(zh="--{o} 必须是正数，收到 {v}", en="--{o} must be positive, got {v}",
                                   o=name.replace("_", "-"), v=getattr(args, name)))
    if 0 < args.memory < 1024:
        raise CommandError(say(zh="--memory {m} MiB 太小：光是 torch 就需要大约 1 GiB（0 表示不设上限）",
                               en="--memory {m} MiB is too small: torch alone needs about 1 GiB (0 = no cap)",
                               m=args.memory))
    limits = Limits(cell_timeout=args.timeout, total_timeout=args.total_timeout, memory_mib=args.memory,
                    sandbox=not args.no_sandbox)
    try:
        batch = grade_batch(manifest, lesson, folder, Path(args.out), jobs=args.jobs, limits=limits, force=args.force)
    except (SandboxUnavailable, SubmissionsError) as err:
        raise CommandError(str(err)) from None
    print(batch.summary_text)
    return 0


def cmd_site(args, manifest):
    import time
    from cnnlab.tools.site import build_site
    started = time.perf_counter()
    out = Path(args.out_dir).resolve()
    pages = build_site(manifest, out, source=args.source)
    for page in pages:
        print(say(zh="已写入 {p}", en="wrote {p}", p=page))
    print(say(zh="由 {src} 生成 {n} 个页面，用时 {t:.1f} 秒：打开 {index}",
              en="{n} page(s) from {src} in {t:.1f} s: open {index}",
              n=len(pages), src=args.source, t=time.perf_counter() - started, index=out / "index.html"))
    return 0


def cmd_export(args, manifest):
    from cnnlab.tools.grading.export import ExportError, export_grades, read_roster
    from cnnlab.files import write_atomically
    try:
        roster = read_roster(args.roster) if args.roster else None
        export = export_grades(Path(args.out_dir), manifest, args.format, roster=roster, missing=args.missing)
    except ExportError as err:
        raise CommandError(str(err)) from None
    write_atomically(Path(args.out), export.text)
    print(say(zh="写入 {p}：{n} 名学生，格式 {f}", en="wrote {p}: {n} student(s), {f} format",
              p=args.out, n=len(export.students), f=args.format))
    if export.unmatched:
        print(say(zh="注意：名单里没有这些已评分的学生，没有导出：{s}",
                  en="warning: these graded students are not in the roster and were not exported: {s}",
                  s=", ".join(export.unmatched)), file=sys.stderr)
    if export.without_submission:
        print(say(zh="名单里这些学生没有提交（记为 {m}）：{s}",
                  en="these roster students have no submission (exported as {m}): {s}",
                  m=args.missing, s=", ".join(export.without_submission)), file=sys.stderr)
    return 0


def cmd_progress(args, manifest):
    from cnnlab.exercises.progress import progress
    folder = Path(args.folder) if args.folder else manifest.root
    if not folder.is_dir():
        raise CommandError(say(zh="没有文件夹 {f}：给出笔记本所在的文件夹", en="no folder {f}: give the notebooks' folder",
                               f=folder))
    print(progress(folder, manifest=manifest))
    return 0
def cmd_release(args, manifest):
    from cnnlab.tools.pipeline.release import ReleaseError, write_release
    try:
        out = write_release(manifest, Path(args.out_dir))
    except ReleaseError as err:
        raise CommandError(str(err)) from None
    print(say(zh="学生版已写入 {out}（{n} 课 × 2 种语言）。推送到学生仓库的方法见 course/teaching.md",
              en="wrote the student release to {out} ({n} lessons × 2 languages); "
                 "course/teaching.md says how to push it to the student repository",
              out=out, n=len(manifest.lessons)))
    return 0


def refuse_in_release(command, manifest):
    """Author commands cannot run in a student release: say so, with the fix."""
    from cnnlab.course import is_student_release
    if command not in STUDENT_COMMANDS and is_student_release(manifest.root):
        raise CommandError(say(
            zh="{root} 是课程的学生版（没有 solutions/ 和评分程序）：`cnnlab {command}` 只能在作者仓库里运行；"
               "这里可用：cnnlab lab、cnnlab lessons、cnnlab progress",
            en="{root} is the student release of the course (no solutions/, no grader): run `cnnlab {command}` "
               "in the authoring repository; here you can use cnnlab lab, cnnlab lessons and cnnlab progress",
            root=manifest.root, command=command))


def make_parser():
    parser = _Parser(prog="cnnlab", description=say(zh="cnnlab —— 中英双语的卷积神经网络课程",
                                                    en="cnnlab — a bilingual CNN course"))
    parser.add_argument("--root", help=say(zh="课程文件夹（默认：从当前文件夹向上查找）",
                                           en="the course folder (default: found from the current folder)"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    lab = sub.add_parser("lab", help=say(zh="在 JupyterLab 里打开课程", en="open the course in JupyterLab"))
    lab.add_argument("--lang", choices=LANGUAGES, default=get_language())
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument("--no-browser", action="store_true")
    lab.add_argument("--token", help=say(zh="服务器的访问令牌（默认：随机生成一个新的）",
                                         en="the server's access token (default: a new random one)"))
    lab.add_argument("jupyter_args", nargs=argparse.REMAINDER,
                     help=say(zh="写在 -- 之后的选项，原样传给 `jupyter lab`",
                              en="after --, options passed on to `jupyter lab` unchanged"))
    lab.set_defaults(run=cmd_lab)

    build = sub.add_parser("build", help=say(zh="由解答生成学生版课程", en="write student lessons from solutions"))
    build.add_argument("lessons", nargs="*", help=say(zh="课的编号或简称（默认：全部）", en="lesson numbers or slugs (default: all)"))
    build.set_defaults(run=cmd_build)

    check = sub.add_parser("check", help=say(zh="列出课程中所有不一致的地方", en="list every broken course invariant"))
    check.set_defaults(run=cmd_check)

    execute = sub.add_parser("execute", help=say(zh="运行解答笔记本并保存输出",
                                                 en="run solution notebooks and store their outputs"))
    execute.add_argument("lessons", nargs="*", help=say(zh="课的编号或简称，或 all（默认：全部）", en="lesson numbers or slugs, or all (default: all)"))
    execute.add_argument("--lang", choices=LANGUAGES)
    execute.add_argument("--full", action="store_true",
                         help=say(zh="完整模式，和学生运行时一样（全部数据和轮数）；默认：快速模式",
                                  en="full mode as students run it (full data and epochs); default: quick mode"))
    execute.set_defaults(run=cmd_execute)

    lessons = sub.add_parser("lessons", help=say(zh="列出所有课", en="list the lessons"))
    lessons.add_argument("--markdown", action="store_true", help=say(zh="输出 README.md 里的课程表",
                                                                     en="print README.md's lesson table"))
    lessons.set_defaults(run=cmd_lessons)

    grade = sub.add_parser("grade", help=say(zh="给一课的提交评分，写入成绩册",
                                             en="grade the submissions of a lesson into a gradebook"))
    grade.add_argument("lesson", help=say(zh="课的编号、简称或文件名", en="lesson number, slug or stem"))
    grade.add_argument("submissions", help=say(zh="每个学生一个子文件夹的文件夹", en="folder with one subfolder per student"))
    grade.add_argument("--out", required=True, help=say(zh="存放 gradebook.csv 和 feedback/ 的文件夹",
                                                        en="folder for gradebook.csv and feedback/"))
    grade.add_argument("--jobs", type=int, default=1, help=say(zh="并行评分的提交份数（默认 1）",
                                                               en="submissions graded in parallel (default 1)"))
    grade.add_argument("--timeout", type=float, default=30.0,
                       help=say(zh="每个单元格的秒数上限（默认 30）", en="seconds per cell (default 30)"))
    grade.add_argument("--total-timeout", type=float, default=300.0,
                       help=say(zh="每份提交的秒数上限（默认 300）", en="seconds per submission (default 300)"))
    grade.add_argument("--memory", type=int, default=3072,
                       help=say(zh="每个内核的地址空间上限，单位 MiB（默认 3072；0 表示不设上限）",
                                en="MiB of address space per kernel (default 3072; 0: no cap)"))
    grade.add_argument("--force", action="store_true", help=say(zh="没有改动的提交也重新评分",
                                                                en="regrade unchanged submissions too"))
    grade.add_argument("--no-sandbox", action="store_true",
                       help=say(zh="不用 bubblewrap 沙箱运行提交（不安全：它们能读到评分程序能读的每个文件；会打印警告）",
                                en="run submissions without the bubblewrap sandbox (unsafe: they can read every file "
                                   "the grader can; a warning is printed)"))
    grade.set_defaults(run=cmd_grade)
    site = sub.add_parser("site", help=say(zh="生成课程的静态 HTML 网站（两种语言）",
                                           en="build the static HTML site of the course (both languages)"))
    site.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="写入网站的文件夹", en="folder to write the site into"))
    site.add_argument("--source", choices=("solutions", "lessons"), default="solutions",
                      help=say(zh="运行过的解答（默认：有图和输出，去掉了答案）或学生版课程（没有输出）",
                               en="executed solutions (default: figures and outputs, answers removed) "
                                  "or student lessons (no outputs)"))
    site.set_defaults(run=cmd_site)

    export = sub.add_parser("export", help=say(zh="把成绩册导出为 Canvas、Moodle 或宽表格式的 CSV",
                                               en="write the gradebook as a Canvas, Moodle or wide CSV"))
    export.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="cnnlab grade 写入的文件夹（gradebook.csv）",
                                                               en="the folder cnnlab grade wrote (gradebook.csv)"))
    export.add_argument("--format", required=True, help=say(zh="canvas、moodle 或 wide", en="canvas, moodle or wide"))
    export.add_argument("--out", required=True, help=say(zh="要写入的 CSV 文件", en="the CSV file to write"))
    export.add_argument("--roster", help=say(zh="CSV 名单：student（提交文件夹）、name、id、sis_user_id、"
                                                "sis_login_id、email、section",
                                             en="CSV: student (submission folder), name, id, sis_user_id, "
                                                "sis_login_id, email, section"))
    export.add_argument("--missing", default="zero",
                        help=say(zh="名单中没有提交的学生：zero（默认，记 0 分）或 blank（留空）",
                                 en="a roster student without a submission: zero (default) or blank"))
    export.set_defaults(run=cmd_export)

    progress = sub.add_parser("progress", help=say(zh="你答了哪些练习，哪些答对了",
                                                   en="which exercises you have answered, and which are right"))
    progress.add_argument("folder", nargs="?",
                          help=say(zh="笔记本所在的文件夹（默认：课程的 lessons/）",
                                   en="the folder of the notebooks (default: the course's lessons/)"))
    progress.set_defaults(run=cmd_progress)
    release = sub.add_parser("release",
                             help=say(zh="生成学生版：课程、程序包、binder/（不含解答）",
                                      en="write the student release: lessons, package, binder/ (no solutions)"))
    release.add_argument("out_dir", metavar="OUT_DIR",
                         help=say(zh="一个新文件夹，或要替换的旧学生版（保留其中的 .git）",
                                  en="a new folder, or a previous release to replace (its .git is kept)"))
    release.set_defaults(run=cmd_release)
    return parser


def main(argv=None):
    from cnnlab.course import ManifestError, load_manifest, course_root
    try:
        args = make_parser().parse_args(argv)
        if getattr(args, "port", 1) is not None and not 0 < getattr(args, "port", 1) < 65536:
            raise CommandError(say(zh="--port 必须在 1 到 65535 之间，收到 {p}",
                                   en="--port must be between 1 and 65535, got {p}", p=args.port))
        manifest = load_manifest(Path(args.root) if args.root else course_root())
        refuse_in_release(args.command, manifest)
        return args.run(args, manifest)
    except (CommandError, ManifestError) as err:
        print(say(zh="cnnlab：错误：{e}", en="cnnlab: error: {e}", e=err), file=sys.stderr)
        return EXIT_BAD_COMMAND


if __name__ == "__main__":
    sys.exit(main())
