"""The ``cnnlab`` command: it puts the subcommands of ``cnnlab/tools/commands/`` together and runs one.

    cnnlab lab [--lang zh|en] [--port N] [--no-browser] [--verbose] [-- JUPYTER_OPTIONS]
                                                          open the course in JupyterLab
    cnnlab lessons [--markdown]                           the lesson list from the manifest
    cnnlab progress [FOLDER]                              which exercises you have answered, which are right
    cnnlab doctor [--lang zh|en]                          is this machine ready for the course?
    cnnlab build [LESSON ...]                             write student lessons from solutions
    cnnlab check                                          list every broken course invariant
    cnnlab execute [LESSON ...] [--lang zh|en] [--full]   run solutions, store their outputs
    cnnlab site OUT_DIR [--source solutions|lessons] [--repo-url URL]
                                                          the static HTML site, both languages
    cnnlab release OUT_DIR [--repo-url URL] [--with-data] the student release (no solutions)
    cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR     grade a batch of submissions
    cnnlab grade --check                                  test the grading machine alone (a canary kernel)
    cnnlab collect SOURCE OUT_DIR --lesson NN             hand-ins from Canvas, Moodle, a hub or a folder
    cnnlab feedback OUT_DIR --homes DIR | --zip FILE      return the feedback pages
    cnnlab export OUT_DIR --format canvas|moodle|wide --out FILE [--roster CSV] [--missing zero|blank]
                                                          grades an LMS imports
    cnnlab similarity LESSON SUBMISSIONS_DIR [--out FILE] [--threshold T]
                                                          which code answers look alike (never a grade)

In a student release (a folder written by ``cnnlab release``) only ``lab``,
``lessons``, ``progress`` and ``doctor`` work (``cnnlab --help`` there lists only
those); the other commands need the authoring repository.

A bad command (unknown language, taken port, broken manifest) prints one line
and exits with code 2, without a traceback.
"""

import sys
from pathlib import Path

from cnnlab.i18n import say
from cnnlab.tools import skip_optional_slow_imports
from cnnlab.tools.commands import authoring, grade, semester, student
from cnnlab.tools.commands.common import EXIT_BAD_COMMAND, CommandError, Parser
from cnnlab.tools.commands.student import STUDENT_COMMANDS

COMMAND_GROUPS = (student, authoring, grade, semester)   # the order ``cnnlab --help`` lists them in

__all__ = ["main", "make_parser", "CommandError", "EXIT_BAD_COMMAND", "STUDENT_COMMANDS"]


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
            return Parser(prog=f"cnnlab {name}")
        return self.subparsers.add_parser(name, **kwargs)


def make_parser(student_only=None):
    """The ``cnnlab`` argument parser; ``student_only`` (default: whether this is a release's cnnlab)
    offers only the student commands."""
    parser = Parser(prog="cnnlab", description=say(zh="cnnlab —— 中英双语的卷积神经网络课程",
                                                   en="cnnlab — a bilingual CNN course"))
    parser.add_argument("--root", help=say(zh="课程文件夹（默认：从当前文件夹向上查找）",
                                           en="the course folder (default: found from the current folder)"))
    sub = _Commands(parser.add_subparsers(dest="command", required=True, parser_class=Parser),
                    installed_from_release() if student_only is None else student_only)
    parser.left_out = sub.left_out
    for group in COMMAND_GROUPS:
        group.add_commands(sub)
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
        if not getattr(args, "needs_manifest", True):
            return args.run(args, None)
        manifest = load_manifest(Path(args.root) if args.root else None)
        refuse_in_release(args.command, manifest)
        return args.run(args, manifest)
    except (CommandError, ManifestError) as err:
        print(say(zh="cnnlab：错误：{e}", en="cnnlab: error: {e}", e=err), file=sys.stderr)
        return EXIT_BAD_COMMAND


if __name__ == "__main__":
    sys.exit(main())
