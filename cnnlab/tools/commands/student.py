"""The commands a student runs, and the only ones a student release offers:
``lab``, ``lessons``, ``progress`` and ``doctor``."""

import argparse
from pathlib import Path

from cnnlab.i18n import LANGUAGES, get_language, say
from cnnlab.lesson_table import lessons_markdown
from cnnlab.tools.commands.common import CommandError, port_number

STUDENT_COMMANDS = ("lab", "lessons", "progress", "doctor")  # the others read solutions/ or run the grader


def add_lab(sub):
    lab = sub.add_parser("lab", help=say(zh="在 JupyterLab 里打开课程", en="open the course in JupyterLab"))
    lab.add_argument("--lang", choices=LANGUAGES, default=get_language())
    lab.add_argument("--port", type=port_number, default=8888)
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


def cmd_lab(args, manifest):
    from cnnlab.tools.lab import LabError, run_lab
    try:
        extra = [a for a in args.jupyter_args if a != "--"]
        return run_lab(manifest, args.lang, port=args.port, open_browser=not args.no_browser,
                       token=args.token, extra_args=extra, verbose=args.verbose)
    except LabError as err:
        raise CommandError(str(err)) from None


def add_lessons(sub):
    lessons = sub.add_parser("lessons", help=say(zh="列出所有课", en="list the lessons"))
    lessons.add_argument("--markdown", action="store_true", help=say(zh="输出 README.md 里的课程表",
                                                                     en="print README.md's lesson table"))
    lessons.set_defaults(run=cmd_lessons)


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


def add_progress(sub):
    progress = sub.add_parser("progress", help=say(zh="你答了哪些练习，哪些答对了",
                                                   en="which exercises you have answered, and which are right"))
    progress.add_argument("folder", nargs="?",
                          help=say(zh="笔记本所在的文件夹（默认：课程的 lessons/）",
                                   en="the folder of the notebooks (default: the course's lessons/)"))
    progress.add_argument("--lang", choices=LANGUAGES, help=say(zh="输出的语言（默认：CNNLAB_LANG）",
                                                                en="the language to print in (default: CNNLAB_LANG)"))
    progress.set_defaults(run=cmd_progress)


def cmd_progress(args, manifest):
    from cnnlab.exercises.progress import progress
    folder = Path(args.folder) if args.folder else manifest.root
    if not folder.is_dir():
        raise CommandError(say(zh="没有文件夹 {f}：给出笔记本所在的文件夹", en="no folder {f}: give the notebooks' folder",
                               f=folder))
    print(progress(folder, manifest=manifest, lang=args.lang))
    return 0


def add_doctor(sub):
    doctor = sub.add_parser("doctor", help=say(zh="检查这台电脑能否运行课程，并说明怎样修复问题",
                                               en="check that this machine can run the course, and how to fix what cannot"))
    doctor.add_argument("--lang", choices=LANGUAGES, help=say(zh="报告的语言（默认：$CNNLAB_LANG）",
                                                              en="the report's language (default: $CNNLAB_LANG)"))
    doctor.set_defaults(run=cmd_doctor, needs_manifest=False)   # it checks the manifest itself


def cmd_doctor(args, manifest):
    from cnnlab.doctor import findings, report
    from cnnlab.i18n import set_language
    if args.lang:
        set_language(args.lang)
    results = findings()
    print(report(results))
    return 0 if all(f.ok for f in results) else 1


def add_commands(sub):
    for add in (add_lab, add_lessons, add_progress, add_doctor):
        add(sub)
