"""The author's commands: ``build``, ``check``, ``execute``, ``site`` and ``release``.
They read solutions/, so they run only in the authoring repository."""

import sys
import time
from pathlib import Path

from cnnlab.i18n import LANGUAGES, say
from cnnlab.tools.commands.common import CommandError, lessons_named


def add_build(sub):
    build = sub.add_parser("build", help=say(zh="由解答生成学生版课程", en="write student lessons from solutions"))
    build.add_argument("lessons", nargs="*", help=say(zh="课的编号或简称（默认：全部）", en="lesson numbers or slugs (default: all)"))
    build.set_defaults(run=cmd_build)


def cmd_build(args, manifest):
    from cnnlab.tools.pipeline.build import build
    changed = build(manifest, lessons_named(manifest, args.lessons))
    for path in changed:
        print(say(zh="已写入 {p}", en="wrote {p}", p=path.relative_to(manifest.root)))
    print(say(zh="{n} 个文件有改动", en="{n} file(s) changed", n=len(changed)))
    return 0


def add_check(sub):
    check = sub.add_parser("check", help=say(zh="列出课程中所有不一致的地方", en="list every broken course invariant"))
    check.set_defaults(run=cmd_check)


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


def add_execute(sub):
    execute = sub.add_parser("execute", help=say(zh="运行解答笔记本并保存输出",
                                                 en="run solution notebooks and store their outputs"))
    execute.add_argument("lessons", nargs="*", help=say(zh="课的编号或简称，或 all（默认：全部）",
                                                        en="lesson numbers or slugs, or all (default: all)"))
    execute.add_argument("--lang", choices=LANGUAGES)
    execute.add_argument("--full", action="store_true",
                         help=say(zh="完整模式，和学生运行时一样（全部数据和轮数）；默认：快速模式",
                                  en="full mode as students run it (full data and epochs); default: quick mode"))
    execute.set_defaults(run=cmd_execute)


def cmd_execute(args, manifest):
    from cnnlab.tools.pipeline.execute import execute_solution
    langs = [args.lang] if args.lang else list(LANGUAGES)
    for lesson in lessons_named(manifest, args.lessons):
        for lang in langs:
            changed = execute_solution(manifest, lesson, lang, full=args.full)
            print(say(zh="已运行 {stem} [{code}，{mode}]：{n} 个文件有改动",
                      en="executed {stem} [{code}, {mode} mode]: {n} file(s) changed",
                      stem=lesson.stem, code=lang, n=len(changed),
                      mode=say(zh="完整模式", en="full") if args.full else say(zh="快速模式", en="quick")))
    return 0


def add_site(sub):
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


def cmd_site(args, manifest):
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


def add_release(sub):
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


def add_commands(sub):
    for add in (add_build, add_check, add_execute, add_site, add_release):
        add(sub)
