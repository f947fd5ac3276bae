"""The loop around grading: ``collect``, ``feedback``, ``export`` and ``similarity``.

``collect`` gathers hand-ins from an LMS, a hub or a folder, ``feedback`` returns the pages,
``export`` writes grades an LMS imports, and ``similarity`` is a report to read (never a grade)."""

import sys
from pathlib import Path

from cnnlab.i18n import say
from cnnlab.tools.commands.common import EXIT_BAD_COMMAND, CommandError, share
from cnnlab.tools.commands.grade import write_feedback_pages

COLLECT_SOURCES = ("canvas", "moodle", "hub", "handins")   # cnnlab.tools.grading.handins.SOURCES (not in a release)
EXPORT_FORMATS = ("canvas", "moodle", "wide")
LMS_NAMES = ("canvas", "moodle")


def _roster_options(parser, roster_help):
    parser.add_argument("--roster", help=roster_help)
    parser.add_argument("--encoding", help=say(zh="名单的编码（默认：UTF-8，带或不带 BOM，再试 GB18030）",
                                               en="the roster's encoding (default: UTF-8 with or without BOM, then GB18030)"))


def _read_roster(args):
    from cnnlab.tools.grading.export import read_roster
    return read_roster(args.roster, encoding=args.encoding) if args.roster else None


def add_collect(sub):
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
    _roster_options(collect, say(zh="名单 CSV：列出没有提交的学生", en="roster CSV: list who handed nothing in"))
    collect.set_defaults(run=cmd_collect)


def cmd_collect(args, manifest):
    from cnnlab.tools.grading.collect import CollectError, collect, report
    from cnnlab.tools.grading.export import ExportError
    lesson = manifest.lesson(args.lesson)
    try:
        collection = collect(Path(args.source), Path(args.out_dir), lesson, kind=args.kind,
                             roster=_read_roster(args) or {})
    except (CollectError, ExportError) as err:
        raise CommandError(str(err)) from None
    print(report(collection, lesson))
    if not collection.collected:
        raise CommandError(say(zh="{src} 里没有找到 {stem} 的笔记本", en="found no notebook of {stem} in {src}",
                               src=args.source, stem=lesson.stem))
    return 0


def add_feedback(sub):
    feedback = sub.add_parser("feedback", help=say(zh="把反馈页送回学生的家目录，或打包成 LMS 可上传的 zip",
                                                   en="return feedback pages to home folders, or zip them for an LMS"))
    feedback.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="cnnlab grade 写入的文件夹", en="the folder cnnlab grade wrote"))
    where = feedback.add_mutually_exclusive_group(required=True)
    where.add_argument("--homes", help=say(zh="JupyterHub/TLJH 的家目录文件夹（例如 /home）",
                                           en="the JupyterHub/TLJH home folders (e.g. /home)"))
    where.add_argument("--zip", help=say(zh="要写入的 zip 文件（和 --lms、--submissions 一起）",
                                         en="the zip file to write (with --lms and --submissions)"))
    feedback.add_argument("--lms", choices=LMS_NAMES, default="canvas")
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


def cmd_feedback(args, manifest):
    from cnnlab.tools.grading import collect, returning
    from cnnlab.tools.grading.export import ExportError
    out = Path(args.out_dir)
    if args.zip and not args.submissions:
        raise CommandError(say(zh="--zip 需要 --submissions：cnnlab collect 写入的文件夹（collected.csv）",
                               en="--zip needs --submissions: the folder cnnlab collect wrote (collected.csv)"))
    try:
        pages = write_feedback_pages(out, manifest, roster=_read_roster(args), reveal=args.reveal)
    except ExportError as err:
        raise CommandError(str(err)) from None
    if not pages:
        raise CommandError(say(zh="{d} 里没有评分结果：先运行 cnnlab grade", en="no graded results in {d}: run cnnlab grade first",
                               d=out))
    if args.homes:
        written, unmatched = returning.to_homes(pages, Path(args.homes))
        print(say(zh="已放进 {n} 个家目录的 feedback/ 里", en="returned {n} page(s) into feedback/ of the home folders",
                  n=len(written)))
    else:
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


def add_export(sub):
    export = sub.add_parser("export", help=say(zh="把成绩册导出为 Canvas、Moodle 或宽表格式的 CSV",
                                               en="write the gradebook as a Canvas, Moodle or wide CSV"))
    export.add_argument("out_dir", metavar="OUT_DIR", help=say(zh="cnnlab grade 写入的文件夹（gradebook.csv）",
                                                               en="the folder cnnlab grade wrote (gradebook.csv)"))
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, help=say(zh="要写入的 CSV 文件", en="the CSV file to write"))
    _roster_options(export, say(zh="CSV 名单：student（提交文件夹）、name、id、sis_user_id、sis_login_id、email、section",
                                en="CSV: student (submission folder), name, id, sis_user_id, sis_login_id, email, section"))
    export.add_argument("--missing", default="zero", choices=("zero", "blank"),
                        help=say(zh="名单中没有提交的学生：zero（默认，记 0 分）或 blank（留空）",
                                 en="a roster student without a submission: zero (default) or blank"))
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


def cmd_export(args, manifest):
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading.export import ExportError, encode_export, export_grades, roster_with_lms_ids
    try:
        roster = _read_roster(args)
        if args.submissions:
            roster = roster_with_lms_ids(roster, Path(args.submissions), Path(args.out_dir))
        export = export_grades(Path(args.out_dir), manifest, args.format, roster=roster, missing=args.missing,
                               allow_unmatched=args.allow_unmatched)
        data = encode_export(export.text, args.out_encoding, bom=args.bom)
    except ExportError as err:
        raise CommandError(str(err)) from None
    write_atomically(Path(args.out), data)
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


def add_similarity(sub):
    similarity = sub.add_parser("similarity", help=say(zh="哪些学生的代码答案相似（给教师阅读，不是成绩）",
                                                       en="which students' code answers look alike (to read, never a grade)"))
    similarity.add_argument("lesson", metavar="LESSON", help=say(zh="课的编号、简称或文件名", en="lesson number, slug or stem"))
    similarity.add_argument("submissions", metavar="SUBMISSIONS_DIR",
                            help=say(zh="每个学生一个子文件夹的文件夹", en="folder with one subfolder per student"))
    similarity.add_argument("--out", metavar="FILE", help=say(
        zh="写入的文件：.html 是网页，其它是文本；旁边另写一个 .json（放进 OUT_DIR，仪表板会显示）",
        en="file to write: .html gives a web page, anything else text; a .json is written beside it "
           "(put it in OUT_DIR and the dashboard shows it)"))
    similarity.add_argument("--threshold", type=share, default=0.5,
                            help=say(zh="列出相同指纹至少占这个比例的一对（默认 0.5）",
                                     en="list pairs sharing at least this share of fingerprints (default 0.5)"))
    similarity.set_defaults(run=cmd_similarity)


def cmd_similarity(args, manifest):
    from cnnlab.files import write_atomically
    from cnnlab.tools.grading.similarity import render_html, render_text, similarity_report, summary_json
    from cnnlab.tools.grading.submissions import SubmissionsError
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


def add_commands(sub):
    for add in (add_collect, add_feedback, add_export, add_similarity):
        add(sub)
