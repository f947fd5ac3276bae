"""``cnnlab doctor``: checks that this machine is ready for the course, and says how to fix what is not.

Each check says what it found and, when something is wrong, how to fix it, in the student's language.

It is part of the library (not of ``cnnlab.tools``), so it works in the student release and in a
notebook: ``print(cnnlab.doctor.report())``. Checked, in order:

    cnnlab      the version, and where the lesson list comes from (course folder or package)
    torch       the version and build (CPU, CUDA x.y), and the device lessons will train on
    data        where Fashion-MNIST and the MNIST sample were found (nothing is downloaded)
    CJK font    a font for Chinese text in figures
    answers     whether the answers file can be written in the folder the notebook runs in
    student id  the id that picks your quick checks' variants (none set is fine for self-study)
    language    whether JupyterLab's Chinese language pack is installed (needed for zh only)

A check is a ``Finding(name, ok, found, fix)``; ``report`` returns the text, and the exit code of
``cnnlab doctor`` is 1 when any check failed.
"""

import importlib.util
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cnnlab.i18n import get_language, say


@dataclass(frozen=True)
class Finding:
    name: str          # what was checked, in the current language
    ok: bool
    found: str         # what was found, in words
    fix: str = ""      # what to do when not ok


def check_course():
    import cnnlab
    from cnnlab.manifest import PACKAGED_MANIFEST, ManifestError, course_root, load_manifest
    name = say(zh="课程", en="course")
    try:
        manifest = load_manifest()
    except ManifestError as err:
        return Finding(name, False, str(err),
                       say(zh="在课程文件夹里运行，或安装课程的学生版（python -m pip install .）",
                           en="run this inside the course folder, or install the student release "
                              "(python -m pip install .)"))
    try:
        where = say(zh="课程文件夹 {f}", en="the course folder {f}", f=course_root())
    except ManifestError:
        where = say(zh="随程序包安装（{f}）", en="installed with the package ({f})", f=PACKAGED_MANIFEST)
    return Finding(name, True, say(zh="cnnlab {v}，{n} 课；课程清单：{w}",
                                   en="cnnlab {v}, {n} lessons; lesson list: {w}",
                                   v=cnnlab.__version__, n=len(manifest.lessons), w=where))


def check_torch():
    name = "PyTorch"
    try:
        import torch
    except ImportError:
        return Finding(name, False, say(zh="没有安装", en="not installed"),
                       say(zh="安装 PyTorch（没有 GPU 时装 CPU 版）：python -m pip install torch",
                           en="install PyTorch (its CPU build on a machine without a GPU): python -m pip install torch"))
    cuda = torch.version.cuda
    build = say(zh="CUDA {c} 版", en="CUDA {c} build", c=cuda) if cuda else say(zh="CPU 版", en="CPU build")
    if torch.cuda.is_available():
        device = say(zh="GPU：{n}", en="the GPU {n}", n=torch.cuda.get_device_name(0))
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        device = say(zh="Apple GPU（mps）", en="the Apple GPU (mps)")
    else:
        device = say(zh="CPU（{n} 个核）", en="the CPU ({n} cores)", n=os.cpu_count() or 1)
    found = say(zh="torch {v}（{b}），训练设备：{d}", en="torch {v} ({b}); lessons train on {d}",
                v=torch.__version__, b=build, d=device)
    return Finding(name, True, found)


def _located(spec):
    """(kind, folder) of the first folder with every file of ``spec`` valid, or None. Downloads nothing."""
    from cnnlab.data import sources
    from cnnlab.data.find import read_split
    from cnnlab.data.idx import BadDataFile
    for kind, folder in sources.search_path(spec):
        try:
            if all(read_split(spec, split, folder) is not None for split in ("train", "test")):
                return kind, folder
        except BadDataFile:
            continue
    return None


def check_data():
    from cnnlab.data import datasets, sources
    from cnnlab.data.find import describe, spaced
    name = say(zh="数据", en="data")
    spec = sources.FASHION_MNIST
    located = _located(spec)
    try:
        datasets.sample_arrays()
        sample = say(zh="MNIST 样本随程序包安装", en="the MNIST sample is installed with the package")
    except (OSError, ValueError) as err:
        return Finding(name, False, say(zh="MNIST 样本损坏：{e}", en="the MNIST sample is damaged: {e}", e=err),
                       say(zh="重新安装 cnnlab（python -m pip install --force-reinstall .）",
                           en="reinstall cnnlab (python -m pip install --force-reinstall .)"))
    if located is None:
        mirror = os.environ.get(sources.MIRROR_ENV)
        return Finding(
            name, False,
            say(zh="本机没有 Fashion-MNIST（{s}）；第一次用到时会下载到 {d}{m}",
                en="no Fashion-MNIST on this machine ({s}); the first lesson that needs it downloads it to {d}{m}",
                s=sample, d=sources.download_dir(spec),
                m=say(zh="，先试 ${e}={u}", en=", trying ${e}={u} first", e=sources.MIRROR_ENV, u=mirror)
                if mirror else ""),
            say(zh="联网时不用做什么；离线的课堂：请老师用 cnnlab release --with-data 发布，或设置 ${e} 为老师的镜像，"
                   "或把四个文件复制到 {d}（Debian/Ubuntu 也可以 apt install {p}）",
                en="with internet nothing to do; a class offline: ask for a release made with "
                   "cnnlab release --with-data, set ${e} to your teacher's mirror, or copy the four files into {d} "
                   "(Debian/Ubuntu: apt install {p})",
                e=sources.MIRROR_ENV, d=sources.download_dir(spec), p=spec.debian_package))
    kind, folder = located
    return Finding(name, True, say(zh="Fashion-MNIST 在{w}；{s}", en="Fashion-MNIST in {w}; {s}",
                                   w=spaced(describe(spec, kind, folder)), s=sample))


def check_font():
    from cnnlab.fonts import install_hint, installed_cjk_fonts
    name = say(zh="中文字体", en="CJK font")
    fonts = installed_cjk_fonts()
    if fonts:
        return Finding(name, True, say(zh="图中的中文使用 {f}", en="Chinese text in figures uses {f}", f=fonts[0]))
    return Finding(name, False, say(zh="没有找到", en="none found"), install_hint())


def check_answers(folder=None):
    name = say(zh="作答文件", en="answers file")
    folder = Path(folder or os.getcwd())
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".cnnlab-doctor-", suffix=".tmp"):
            pass
    except OSError as err:
        return Finding(name, False, say(zh="无法写入 {f}（{e}）", en="cannot write in {f} ({e})", f=folder,
                                        e=err.strerror or err),
                       say(zh="把笔记本复制到你能写入的文件夹（例如你的主目录）再打开",
                           en="copy the notebook into a folder you can write to (your home folder, say) and open it there"))
    return Finding(name, True, say(zh="笔记本旁边可以写入：{f}", en="can be written beside the notebook: {f}", f=folder))


def check_student():
    from cnnlab.exercises.identity import describe_student, student_id
    name = say(zh="学号", en="student id")
    if student_id():
        return Finding(name, True, describe_student())
    return Finding(name, True, say(zh="没有设置（自学无妨；交作业前运行 cnnlab.set_student(\"你的学号\")）",
                                   en="none set (fine for self-study; before handing in, run cnnlab.set_student(\"your id\"))"))


def check_language_pack(lang=None):
    lang = lang or get_language()
    name = say(zh="JupyterLab 中文界面", en="JupyterLab in Chinese")
    if importlib.util.find_spec("jupyterlab_language_pack_zh_CN") is not None:
        return Finding(name, True, say(zh="已安装中文语言包", en="the Chinese language pack is installed"))
    if lang != "zh":
        return Finding(name, True, say(zh="没有安装中文语言包（英文课程不需要）",
                                       en="no Chinese language pack (not needed in English)"))
    return Finding(name, False, say(zh="没有安装中文语言包，界面是英文的", en="no Chinese language pack: the interface stays English"),
                   say(zh="python -m pip install jupyterlab-language-pack-zh-CN，然后重新启动 cnnlab lab",
                       en="python -m pip install jupyterlab-language-pack-zh-CN, then restart cnnlab lab"))


CHECKS = (check_course, check_torch, check_data, check_font, check_answers, check_student, check_language_pack)


def findings():
    """Every check's Finding, in order; a check that crashes is a failed Finding, not a traceback."""
    found = []
    for check in CHECKS:
        try:
            found.append(check())
        except Exception as err:  # the doctor reports, it does not fall over
            found.append(Finding(check.__name__.removeprefix("check_"), False, f"{type(err).__name__}: {err}",
                                 say(zh="请把这一行发给老师", en="send this line to your teacher")))
    return found


def report(results=None):
    """The doctor's text: one line per check (✓ or ✗), and the fix under each failed one."""
    results = findings() if results is None else results
    lines = [say(zh="cnnlab doctor：Python {v}，{p}", en="cnnlab doctor: Python {v}, {p}",
                 v=sys.version.split()[0], p=sys.platform)]
    for finding in results:
        lines.append(f"{'✓' if finding.ok else '✗'} {finding.name}{say(zh='：', en=': ')}{finding.found}")
        if not finding.ok and finding.fix:
            lines.append("    " + say(zh="修复：", en="fix: ") + finding.fix)
    problems = sum(not f.ok for f in results)
    lines.append(say(zh="全部正常。", en="All good.") if not problems else
                 say(zh="{n} 个问题，修复方法见上。", en="{n} problem(s): the fixes are above.", n=problems))
    return "\n".join(lines)
