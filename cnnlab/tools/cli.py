"""The ``cnnlab`` command: thin subcommands over the library.

    cnnlab lab [--lang zh|en] [--port N] [--no-browser] [--verbose] [-- JUPYTER_OPTIONS]
                                                          open the course in JupyterLab
    cnnlab build [LESSON ...]                             write student lessons from solutions
    cnnlab check                                          list every broken course invariant
    cnnlab execute [LESSON ...] [--lang zh|en] [--full]   run solutions, store their outputs
    cnnlab lessons [--markdown]                           the lesson list from the manifest
    cnnlab site OUT_DIR [--source solutions|lessons] [--repo-url URL]
                                                          the static HTML site, both languages
    cnnlab export OUT_DIR --format canvas|moodle|wide --out FILE [--roster CSV] [--missing zero|blank]
                                                          grades an LMS imports
    cnnlab progress [FOLDER]                              which exercises you have answered, which are right
    cnnlab release OUT_DIR [--repo-url URL] [--with-data] the student release (no solutions)
    cnnlab doctor [--lang zh|en]                          is this machine ready for the course?
    cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR     grade a batch of submissions
    cnnlab collect SOURCE OUT_DIR --lesson NN             hand-ins from Canvas, Moodle, a hub or a folder
    cnnlab feedback OUT_DIR --homes DIR | --zip FILE      return the feedback pages
    cnnlab grade --check                                  test the grading machine alone (a canary kernel)
    cnnlab similarity LESSON SUBMISSIONS_DIR [--out FILE] [--threshold T]
                                                          which code answers look alike (never a grade)

In a student release (a folder written by ``cnnlab release``) only ``lab``,
``lessons``, ``progress`` and ``doctor`` work (``cnnlab --help`` there lists only
those); the other commands need the authoring repository.

A bad command (unknown language, taken port, broken manifest) prints one line
and exits with code 2, without a traceback.
"""

import argparse
import sys
from pathlib import Path

from cnnlab.i18n import LANGUAGES, get_language, say
from cnnlab.lesson_table import lessons_markdown
from cnnlab.tools import skip_optional_slow_imports

EXIT_BAD_COMMAND = 2
STUDENT_COMMANDS = ("lab", "lessons", "progress", "doctor")  # the others read solutions/ or run the grader


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
                       token=args.token, extra_args=extra, verbose=args.verbose)
    except LabError as err:
        raise CommandError(str(err)) from None


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


def _grade_limits(args):
    from cnnlab.tools.grading.limits import Limits
    return Limits(cell_timeout=args.timeout, total_timeout=args.total_timeout, memory_mib=args.memory,
                  sandbox=not args.no_sandbox)


def cmd_grade(args, manifest):
    from cnnlab.tools.grading.batch import grade_batch
    from cnnlab.tools.grading.canary import GraderBroken, require_working_machine
    from cnnlab.tools.grading.sandbox import SandboxUnavailable
    from cnnlab.tools.grading.submissions import SubmissionsError
    if args.check:   # the machine alone: one canary kernel with these limits
        try:
            require_working_machine(_grade_limits(args))
        except GraderBroken as err:
            raise CommandError(str(err)) from None
        print(say(zh="评分机器正常：一个测试内核{where}启动并运行了", en="the grading machine works: a canary kernel "
                  "started and ran {where}", where=say(zh="在沙箱里", en="in the sandbox") if not args.no_sandbox
                  else say(zh="在没有沙箱的情况下", en="without a sandbox")))
        return 0
    if not args.lesson or not args.submissions or not args.out:
        raise CommandError(say(zh="用法：cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR（或 cnnlab grade --check）",
                               en="usage: cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR (or cnnlab grade --check)"))
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
    _refuse_flat_folder(folder, lesson)
    limits = _grade_limits(args)
    only = _only_students(folder, lesson, args.student)
    late_before = _deadline_before_grading(args, lesson, folder)
    try:
        batch = grade_batch(manifest, lesson, folder, Path(args.out), jobs=args.jobs, limits=limits, force=args.force,
                            only=only)
    except (SandboxUnavailable, GraderBroken, SubmissionsError) as err:
        raise CommandError(str(err)) from None
    print(batch.summary_text)
    _after_grading(args, manifest, lesson, late_before)
    return 0


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
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading import deadline, gradebook, overrides, returning
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
    try:
        pages = returning.render_pages(out, manifest)
    except overrides.OverrideError as err:
        raise CommandError(str(err)) from None
    (out / "feedback").mkdir(exist_ok=True)
    names = returning.feedback_file_names(out)
    for student, page in pages.items():
        write_atomically(out / "feedback" / names.get(student, returning.page_name(student)), page)


def cmd_collect(args, manifest):
    from cnnlab.tools.grading.collect import CollectError, collect, report
    from cnnlab.tools.grading.export import ExportError, read_roster
    lesson = manifest.lesson(args.lesson)
    try:
        roster = read_roster(args.roster, encoding=args.encoding) if args.roster else {}
        collection = collect(Path(args.source), Path(args.out_dir), lesson, kind=args.kind, roster=roster)
    except (CollectError, ExportError) as err:
        raise CommandError(str(err)) from None
    print(report(collection, lesson))
    if not collection.collected:
        raise CommandError(say(zh="{src} 里没有找到 {stem} 的笔记本", en="found no notebook of {stem} in {src}",
                               src=args.source, stem=lesson.stem))
    return 0


def cmd_feedback(args, manifest):
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading import collect, overrides, returning
    from cnnlab.tools.grading.export import ExportError, read_roster
    out = Path(args.out_dir)
    if bool(args.homes) == bool(args.zip):
        raise CommandError(say(zh="给出 --homes 家目录文件夹，或 --zip 文件和 --lms", en="give --homes HOMES, or --zip FILE with --lms"))
    try:
        roster = read_roster(args.roster, encoding=args.encoding) if args.roster else None
        pages = returning.render_pages(out, manifest, roster=roster, reveal=args.reveal)
    except (ExportError, overrides.OverrideError, returning.ReturnError) as err:
        raise CommandError(str(err)) from None
    if not pages:
        raise CommandError(say(zh="{d} 里没有评分结果：先运行 cnnlab grade", en="no graded results in {d}: run cnnlab grade first",
                               d=out))
    (out / "feedback").mkdir(exist_ok=True)
    names = returning.feedback_file_names(out)
    for student, page in pages.items():
        write_atomically(out / "feedback" / names.get(student, returning.page_name(student)), page)
    if args.homes:
        written, unmatched = returning.to_homes(pages, Path(args.homes))
        print(say(zh="已放进 {n} 个家目录的 feedback/ 里", en="returned {n} page(s) into feedback/ of the home folders",
                  n=len(written)))
    else:
        if not args.submissions:
            raise CommandError(say(zh="--zip 需要 --submissions：cnnlab collect 写入的文件夹（collected.csv）",
                                   en="--zip needs --submissions: the folder cnnlab collect wrote (collected.csv)"))
        try:
            written, unmatched = returning.to_lms_zip(pages, Path(args.zip), collect.read_collected(args.submissions),
                                                      args.lms)
        except returning.ReturnError as err:
            raise CommandError(str(err)) from None
        print(say(zh="已写入 {p}：{n} 个页面，在 {l} 里上传", en="wrote {p}: {n} page(s) to upload in {l}",
                  p=args.zip, n=len(written), l=args.lms))
    if unmatched:
        print(say(zh="这些学生的反馈没有送出（没有家目录 / 没有 LMS 记录）：{s}",
                  en="feedback not returned for these students (no home folder / no LMS record): {s}",
                  s=", ".join(unmatched)), file=sys.stderr)
        return EXIT_BAD_COMMAND if not args.allow_unmatched else 0
    return 0


def _add_feedback(sub):
    feedback = sub.add_parser("feedback", help=say(zh="把反馈页送回学生的家目录，或打包成 LMS 可上传的 zip",
                                                   en="return feedback pages to home folders, or zip them for an LMS"))
    feedback.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="cnnlab grade 写入的文件夹", en="the folder cnnlab grade wrote"))
    feedback.add_argument("--homes", help=say(zh="JupyterHub/TLJH 的家目录文件夹（例如 /home）",
                                              en="the JupyterHub/TLJH home folders (e.g. /home)"))
    feedback.add_argument("--zip", help=say(zh="要写入的 zip 文件", en="the zip file to write"))
    feedback.add_argument("--lms", choices=("canvas", "moodle"), default="canvas")
    feedback.add_argument("--submissions", help=say(zh="cnnlab collect 写入的文件夹（用它记录的 LMS 文件名）",
                                                    en="the folder cnnlab collect wrote (its LMS file names)"))
    feedback.add_argument("--roster", help=say(zh="名单 CSV，lang 列决定页面语言", en="roster CSV; its lang column picks each page's language"))
    feedback.add_argument("--encoding", help=say(zh="名单的编码", en="the roster's encoding"))
    feedback.add_argument("--reveal", choices=("public", "hidden"),
                          help=say(zh="页面显示什么（默认：截止前 public，截止后 hidden）",
                                   en="what pages show (default: public before the deadline, hidden after)"))
    feedback.add_argument("--allow-unmatched", action="store_true",
                          help=say(zh="有学生没送到时也以 0 退出", en="exit 0 even when some pages could not be returned"))
    feedback.set_defaults(run=cmd_feedback)


COLLECT_SOURCES = ("canvas", "moodle", "hub", "handins")   # cnnlab.tools.grading.collect.SOURCES (not in a release)


def _add_collect(sub):
    collect = sub.add_parser("collect", help=say(zh="从 Canvas、Moodle、JupyterHub 或一个文件夹收取一课的提交",
                                                 en="collect a lesson's hand-ins from Canvas, Moodle, JupyterHub or a folder"))
    collect.add_argument("source", metavar="SOURCE",
                         help=say(zh="LMS 下载的 zip，或家目录文件夹，或放提交文件的文件夹",
                                  en="an LMS download zip, a folder of home folders, or a folder of hand-ins"))
    collect.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="写入 <学生>/NN_slug.ipynb 的文件夹",
                                                                en="folder to write <student>/NN_slug.ipynb into"))
    collect.add_argument("--lesson", required=True, help=say(zh="课的编号或简称", en="lesson number or slug"))
    collect.add_argument("--kind", choices=COLLECT_SOURCES, help=say(zh="来源的种类（默认：自动识别）",
                                                              en="the kind of source (default: recognised)"))
    collect.add_argument("--roster", help=say(zh="名单 CSV：列出没有提交的学生", en="roster CSV: list who handed nothing in"))
    collect.add_argument("--encoding", help=say(zh="名单的编码（默认：UTF-8，带或不带 BOM，再试 GB18030）",
                                                en="the roster's encoding (default: UTF-8 with or without BOM, then GB18030)"))
    collect.set_defaults(run=cmd_collect)


def cmd_similarity(args, manifest):
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading.similarity import render_html, render_text, similarity_report, summary_json
    from cnnlab.tools.grading.submissions import SubmissionsError
    if not 0 < args.threshold <= 1:
        raise CommandError(say(zh="--threshold 必须在 0 和 1 之间（例如 0.5），收到 {t}",
                               en="--threshold must be between 0 and 1 (e.g. 0.5), got {t}", t=args.threshold))
    if not Path(args.submissions).is_dir():
        raise CommandError(say(zh="没有文件夹 {f}：给出每个学生一个子文件夹的文件夹",
                               en="no folder {f}: give the folder with one subfolder per student", f=args.submissions))
    try:
        report = similarity_report(manifest, manifest.lesson(args.lesson), Path(args.submissions), args.threshold)
    except SubmissionsError as err:
        raise CommandError(str(err)) from None
    if not args.out:
        print(render_text(report), end="")
        return 0
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(out, render_html(report) if out.suffix.lower() in (".html", ".htm") else render_text(report))
    write_atomically(out.with_suffix(".json"), summary_json(report))
    print(say(zh="已写入 {p}（和 {j}，供仪表板读取）：{n} 对相似，{s} 对短答案相似",
              en="wrote {p} (and {j}, for the dashboard): {n} similar pair(s), {s} among short answers",
              p=out, j=out.with_suffix(".json").name, n=len(report.pairs), s=len(report.short_pairs)))
    return 0


def _add_similarity(sub):
    similarity = sub.add_parser("similarity", help=say(zh="哪些学生的代码答案相似（给教师阅读，不是成绩）",
                                                       en="which students' code answers look alike (to read, never a grade)"))
    similarity.add_argument("lesson", metavar="LESSON", help=say(zh="课的编号、简称或文件名", en="lesson number, slug or stem"))
    similarity.add_argument("submissions", metavar="SUBMISSIONS_DIR",
                            help=say(zh="每个学生一个子文件夹的文件夹", en="folder with one subfolder per student"))
    similarity.add_argument("--out", metavar="FILE", help=say(
        zh="写入的文件：.html 是网页，其它是文本；旁边另写一个 .json（放进 OUT_DIR，仪表板会显示）",
        en="file to write: .html gives a web page, anything else text; a .json is written beside it "
           "(put it in OUT_DIR and the dashboard shows it)"))
    similarity.add_argument("--threshold", type=float, default=0.5,
                            help=say(zh="列出相同指纹至少占这个比例的一对（默认 0.5）",
                                     en="list pairs sharing at least this share of fingerprints (default 0.5)"))
    similarity.set_defaults(run=cmd_similarity)


def cmd_site(args, manifest):
    import time
    from cnnlab.tools.site import build_site
    started = time.perf_counter()
    out = Path(args.out_dir).resolve()
    pages = build_site(manifest, out, source=args.source, repo_url=args.repo_url)
    for page in pages:
        print(say(zh="已写入 {p}", en="wrote {p}", p=page))
    print(say(zh="由 {src} 生成 {n} 个页面，用时 {t:.1f} 秒：打开 {index}",
              en="{n} page(s) from {src} in {t:.1f} s: open {index}",
              n=len(pages), src=args.source, t=time.perf_counter() - started, index=out / "index.html"))
    return 0


def cmd_export(args, manifest):
    from cnnlab.tools.grading.export import ExportError, encode_export, export_grades, read_roster, roster_with_lms_ids
    try:
        roster = read_roster(args.roster, encoding=args.encoding) if args.roster else None
        if args.submissions:
            roster = roster_with_lms_ids(roster, Path(args.submissions), Path(args.out_dir))
        export = export_grades(Path(args.out_dir), manifest, args.format, roster=roster, missing=args.missing,
                               allow_unmatched=args.allow_unmatched)
        data = encode_export(export.text, args.out_encoding, bom=args.bom)
    except ExportError as err:
        raise CommandError(str(err)) from None
    _write_bytes_atomically(Path(args.out), data)
    print(say(zh="写入 {p}：{n} 名学生，格式 {f}", en="wrote {p}: {n} student(s), {f} format",
              p=args.out, n=len(export.students), f=args.format))
    if export.unmatched:
        print(say(zh="注意：名单里没有这些已评分的学生，没有导出（--allow-unmatched）：{s}",
                  en="warning: these graded students are not in the roster and were not exported (--allow-unmatched): {s}",
                  s=", ".join(export.unmatched)), file=sys.stderr)
    if export.without_submission:
        print(say(zh="名单里这些学生没有提交（记为 {m}）：{s}",
                  en="these roster students have no submission (exported as {m}): {s}",
                  m=args.missing, s=", ".join(export.without_submission)), file=sys.stderr)
    return 0


def _write_bytes_atomically(path, data):
    import os
    import tempfile
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def cmd_progress(args, manifest):
    from cnnlab.exercises.progress import progress
    folder = Path(args.folder) if args.folder else manifest.root
    if not folder.is_dir():
        raise CommandError(say(zh="没有文件夹 {f}：给出笔记本所在的文件夹", en="no folder {f}: give the notebooks' folder",
                               f=folder))
    print(progress(folder, manifest=manifest, lang=args.lang))
    return 0


def cmd_doctor(args, manifest):
    from cnnlab.doctor import findings, report
    from cnnlab.i18n import set_language
    if args.lang:
        set_language(args.lang)
    results = findings()
    print(report(results))
    return 0 if all(f.ok for f in results) else 1


def cmd_release(args, manifest):
    from cnnlab.tools.pipeline.release import ReleaseError, write_release
    from cnnlab.tools.pipeline.release.config import authoring_commit
    from cnnlab.tools.pipeline.release.contents import package_dir
    try:
        out = write_release(manifest, Path(args.out_dir), repo_url=args.repo_url, with_data=args.with_data)
    except ReleaseError as err:
        raise CommandError(str(err)) from None
    print(say(zh="课程、程序包和 binder/ 取自 {root}（提交 {c}）；程序包：{pkg}",
              en="course, package and binder/ from {root} (commit {c}); package: {pkg}",
              root=manifest.root.resolve(), c=authoring_commit(manifest.root) or "–",
              pkg=package_dir(manifest.root)))
    if package_dir() != package_dir(manifest.root):
        print(say(zh="注意：运行的 cnnlab（{running}）不是这个仓库里的；发布的是仓库里的 cnnlab/",
                  en="note: the cnnlab running ({running}) is not this repository's; the release ships "
                     "the repository's cnnlab/", running=package_dir()), file=sys.stderr)
    print(say(zh="学生版已写入 {out}（{n} 课 × 2 种语言）。推送到学生仓库的方法见 course/teaching.md",
              en="wrote the student release to {out} ({n} lessons × 2 languages); "
                 "course/teaching.md says how to push it to the student repository",
              out=out, n=len(manifest.lessons)))
    return 0


def refuse_in_release(command, manifest):
    """Author commands cannot run in a student release: say so, with the fix."""
    from cnnlab.manifest import is_student_release
    if command not in STUDENT_COMMANDS and is_student_release(manifest.root):
        raise CommandError(say(
            zh="{root} 是课程的学生版（没有 solutions/ 和评分程序）：`cnnlab {command}` 只能在作者仓库里运行；"
               "这里可用：cnnlab lab、cnnlab lessons、cnnlab progress、cnnlab doctor",
            en="{root} is the student release of the course (no solutions/, no grader): run `cnnlab {command}` "
               "in the authoring repository; here you can use cnnlab lab, cnnlab lessons, cnnlab progress and "
               "cnnlab doctor",
            root=manifest.root, command=command))


def installed_from_release():
    """True when this cnnlab came from a student release (it ships without the authoring pipeline)."""
    import importlib.util
    return importlib.util.find_spec("cnnlab.tools.pipeline") is None


class _Commands:
    """The subcommands: in a student release, only ``STUDENT_COMMANDS`` are added, so that
    ``cnnlab --help`` there lists only what works; any other one gets a parser nobody reaches."""

    def __init__(self, subparsers, student_only):
        self.subparsers, self.student_only = subparsers, student_only
        self.left_out = []            # author commands not offered here

    def add_parser(self, name, **kwargs):
        if self.student_only and name not in STUDENT_COMMANDS:
            self.left_out.append(name)
            return _Parser(prog=f"cnnlab {name}")
        return self.subparsers.add_parser(name, **kwargs)


def make_parser(student_only=None):
    parser = _Parser(prog="cnnlab", description=say(zh="cnnlab —— 中英双语的卷积神经网络课程",
                                                    en="cnnlab — a bilingual CNN course"))
    parser.add_argument("--root", help=say(zh="课程文件夹（默认：从当前文件夹向上查找）",
                                           en="the course folder (default: found from the current folder)"))
    sub = _Commands(parser.add_subparsers(dest="command", required=True, parser_class=_Parser),
                    installed_from_release() if student_only is None else student_only)
    parser.left_out = sub.left_out

    lab = sub.add_parser("lab", help=say(zh="在 JupyterLab 里打开课程", en="open the course in JupyterLab"))
    lab.add_argument("--lang", choices=LANGUAGES, default=get_language())
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument("--no-browser", action="store_true")
    lab.add_argument("--verbose", action="store_true",
                     help=say(zh="显示 JupyterLab 自己的日志（默认写入用户缓存中的文件）",
                              en="show JupyterLab's own log (default: written to a file in the user cache)"))
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
    grade.add_argument("lesson", nargs="?", help=say(zh="课的编号、简称或文件名", en="lesson number, slug or stem"))
    grade.add_argument("submissions", nargs="?", help=say(zh="每个学生一个子文件夹的文件夹",
                                                          en="folder with one subfolder per student"))
    grade.add_argument("--check", action="store_true",
                       help=say(zh="只检查这台机器能否评分（在沙箱里启动一个测试内核），不评任何提交",
                                en="only test that this machine can grade (one canary kernel in the sandbox); "
                                   "grade nothing"))
    grade.add_argument("--out", help=say(zh="存放 gradebook.csv 和 feedback/ 的文件夹",
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
    _add_collect(sub)
    _add_feedback(sub)
    _add_similarity(sub)
    site = sub.add_parser("site", help=say(zh="生成课程的静态 HTML 网站（两种语言）",
                                           en="build the static HTML site of the course (both languages)"))
    site.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="写入网站的文件夹", en="folder to write the site into"))
    site.add_argument("--source", choices=("solutions", "lessons"), default="solutions",
                      help=say(zh="运行过的解答（默认：有图和输出，去掉了答案）或学生版课程（没有输出）",
                               en="executed solutions (default: figures and outputs, answers removed) "
                                  "or student lessons (no outputs)"))
    site.add_argument("--repo-url", metavar="URL",
                      help=say(zh="学生仓库的地址（同 cnnlab release --repo-url）：每课页面附上在线笔记本服务的链接",
                               en="the student repository (as for cnnlab release --repo-url): each lesson page links "
                                  "the lesson on a hosted notebook service"))
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
    export.add_argument("--encoding", help=say(zh="名单的编码（默认：UTF-8，带或不带 BOM，再试 GB18030）",
                                               en="the roster's encoding (default: UTF-8 with or without BOM, then GB18030)"))
    export.add_argument("--out-encoding", default="utf-8",
                        help=say(zh="写出的编码（默认 utf-8；中文 Windows 上的 Excel 可用 gb18030）",
                                 en="the output's encoding (default utf-8; gb18030 for Excel on Chinese Windows)"))
    export.add_argument("--bom", action="store_true",
                        help=say(zh="在 UTF-8 输出前加 BOM，Excel 才能正确显示中文",
                                 en="start the UTF-8 output with a BOM, so Excel shows Chinese correctly"))
    export.add_argument("--allow-unmatched", action="store_true",
                        help=say(zh="名单外的学生、没有标识的学生不导出，也不报错",
                                 en="leave out graded students missing from the roster or without an id, without an error"))
    export.add_argument("--submissions", help=say(zh="cnnlab collect 写入的文件夹：从 collected.csv 取 Canvas 的用户 ID",
                                                  en="the folder cnnlab collect wrote: Canvas user ids from its collected.csv"))
    export.set_defaults(run=cmd_export)

    progress = sub.add_parser("progress", help=say(zh="你答了哪些练习，哪些答对了",
                                                   en="which exercises you have answered, and which are right"))
    progress.add_argument("folder", nargs="?",
                          help=say(zh="笔记本所在的文件夹（默认：课程的 lessons/）",
                                   en="the folder of the notebooks (default: the course's lessons/)"))
    progress.add_argument("--lang", choices=LANGUAGES, help=say(zh="输出的语言（默认：CNNLAB_LANG）",
                                                                en="the language to print in (default: CNNLAB_LANG)"))
    progress.set_defaults(run=cmd_progress)
    release = sub.add_parser("release",
                             help=say(zh="生成学生版：课程、程序包、binder/（不含解答）",
                                      en="write the student release: lessons, package, binder/ (no solutions)"))
    release.add_argument("out_dir", metavar="OUT_DIR",
                         help=say(zh="一个新文件夹，或要替换的旧学生版（保留其中的 .git）",
                                  en="a new folder, or a previous release to replace (its .git is kept)"))
    release.add_argument("--repo-url", metavar="URL",
                         help=say(zh="学生仓库的地址：每课第一格在缺少 cnnlab 时从这里安装，README 附上在线笔记本服务的链接",
                                  en="the student repository: each lesson's first cell installs cnnlab from it where "
                                     "it is missing, and the README links each lesson to a hosted notebook service"))
    release.add_argument("--with-data", action="store_true",
                         help=say(zh="把本机的 Fashion-MNIST（以及完整 MNIST，若有）放进学生版的 data/，供没有网络的课堂使用",
                                  en="ship this machine's Fashion-MNIST (and full MNIST, if found) in the release's "
                                     "data/, for a class without internet"))
    release.set_defaults(run=cmd_release)

    doctor = sub.add_parser("doctor", help=say(zh="检查这台电脑能否运行课程，并说明怎样修复问题",
                                               en="check that this machine can run the course, and how to fix what cannot"))
    doctor.add_argument("--lang", choices=LANGUAGES, help=say(zh="报告的语言（默认：$CNNLAB_LANG）",
                                                              en="the report's language (default: $CNNLAB_LANG)"))
    doctor.set_defaults(run=cmd_doctor)
    return parser


def _parse(argv):
    """The parsed arguments; an author command given to a release's cnnlab is refused with the fix."""
    parser = make_parser()
    try:
        return parser.parse_args(argv)
    except CommandError:
        words = sys.argv[1:] if argv is None else list(argv)
        command = next((word for word in words if not word.startswith("-")), None)
        if command in parser.left_out:
            raise CommandError(say(
                zh="这个 cnnlab 来自课程的学生版（没有 solutions/ 和评分程序）：`cnnlab {command}` 只能在作者仓库里运行；"
                   "这里可用：cnnlab lab、cnnlab lessons、cnnlab progress、cnnlab doctor",
                en="this cnnlab comes from the student release of the course (no solutions/, no grader): run "
                   "`cnnlab {command}` in the authoring repository; here you can use cnnlab lab, cnnlab lessons, "
                   "cnnlab progress and cnnlab doctor", command=command)) from None
        raise


def main(argv=None):
    from cnnlab.manifest import ManifestError, load_manifest
    skip_optional_slow_imports()      # 1 s less for every command that reads a notebook
    try:
        args = _parse(argv)
        if getattr(args, "port", 1) is not None and not 0 < getattr(args, "port", 1) < 65536:
            raise CommandError(say(zh="--port 必须在 1 到 65535 之间，收到 {p}",
                                   en="--port must be between 1 and 65535, got {p}", p=args.port))
        if args.command == "doctor":   # it checks the manifest itself, and must run without one
            return args.run(args, None)
        manifest = load_manifest(Path(args.root) if args.root else None)
        refuse_in_release(args.command, manifest)
        return args.run(args, manifest)
    except (CommandError, ManifestError) as err:
        print(say(zh="cnnlab：错误：{e}", en="cnnlab: error: {e}", e=err), file=sys.stderr)
        return EXIT_BAD_COMMAND


if __name__ == "__main__":
    sys.exit(main())
