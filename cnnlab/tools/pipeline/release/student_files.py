"""The files written for students beside the lessons: README.md, .gitignore and binder/ (repo2docker)."""

GITIGNORE = """\
# Build output of `pip install .` and files the tools write while you work.
__pycache__/
*.egg-info/
build/
dist/
.ipynb_checkpoints/
.venv/
# Lock files of the answers files. The answers files themselves (NN_slug.answers.json) are not
# ignored: they are handed in with the notebook, for example by a git push.
.*.answers.json.lock
"""


# --- binder/ --------------------------------------------------------------------------------

def binder_requirements(project):
    """The release's ``binder/requirements.txt``: the authoring pins, with cnnlab from ``.``."""
    kept = []
    for line in (project / "binder" / "requirements.txt").read_text(encoding="utf-8").splitlines():
        text = line.split(" #")[0].strip()
        if not text or text.startswith("#"):
            continue
        kept.append("." if text.replace(" ", "") in ("-e.", "--editable.") else text)
    if "." not in kept:
        kept.append(".")
    header = (
        "# Python packages of the student image (repo2docker: BinderHub, or an image for\n"
        "# Zero to JupyterHub / The Littlest JupyterHub). Written by `cnnlab release`.\n"
        "# PyTorch's CPU build comes first and pinned; `.` installs cnnlab from this folder\n"
        "# (not editable) with every dependency of pyproject.toml; nbgitpuller serves the links.\n")
    return header + "\n".join(kept) + "\n"


POSTBUILD = """\
#!/usr/bin/env bash
# repo2docker runs this once, at the end of the student image's build (written by `cnnlab release`).
# It checks that the course loads from this folder, then warms matplotlib's font cache so that
# the first Chinese figure a student draws is quick (the CJK font comes from apt.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

cnnlab lessons
python -c "from cnnlab.fonts import use_cjk_font; print('cnnlab postBuild: CJK font for figures:', use_cjk_font())"
"""


def binder_files(project):
    source = project / "binder"
    files = {"binder/requirements.txt": binder_requirements(project), "binder/postBuild": POSTBUILD}
    for name in ("apt.txt", "runtime.txt"):
        if (source / name).is_file():
            files[f"binder/{name}"] = (source / name).read_text(encoding="utf-8")
    return files


# --- README ---------------------------------------------------------------------------------

def _hosted_section(manifest, repo_url):
    from cnnlab.tools.pipeline.release.hosted import HOSTED_SERVICE, links_markdown
    table = links_markdown(manifest, repo_url)
    if not table:
        return ""
    return f"""
## Open a lesson on a hosted notebook service / 在在线笔记本服务上打开

Nothing to install: each link opens the lesson on {HOSTED_SERVICE}; its first cell installs cnnlab
from this repository. Your answers file is written beside the notebook there: download it (and the
notebook) to hand them in. / 无需安装：每个链接都在 {HOSTED_SERVICE} 上打开一课，第一格会从本仓库安装
cnnlab。作答文件写在那里的笔记本旁边，交作业时请把它和笔记本一起下载。

{table}
"""


def _data_line(with_data):
    if with_data:
        return ("- Data: the data sets are in `data/` of this folder; cnnlab reads them from there, "
                "nothing is downloaded. / 数据：数据集就在本文件夹的 `data/` 里，cnnlab 直接读取，不需要下载。")
    return ("- Data: Fashion-MNIST is read from the Debian package `dataset-fashion-mnist` when it is installed,\n"
            "  otherwise downloaded once into `~/.cache/cnnlab` — from your teacher's mirror first when\n"
            "  `CNNLAB_DATA_MIRROR` is set to its address. / 数据：装有 Debian 软件包 `dataset-fashion-mnist` 时直接\n"
            "  读取，否则首次使用时下载到 `~/.cache/cnnlab`；设置了 `CNNLAB_DATA_MIRROR`（老师的镜像地址）时先从那里下载。")


def readme_text(manifest, repo_url=None, with_data=False):
    """The student README: what this is, two commands, where answers go, the lessons; with
    ``repo_url``, links that open each lesson on a hosted notebook service."""
    from cnnlab.lesson_table import lessons_markdown
    first = manifest.lessons[0].stem
    return f"""\
# {manifest.title['zh']} / {manifest.title['en']}

**中文**：这是课程的学生版：每一课一个 Jupyter 笔记本（`lessons/zh/` 中文，`lessons/en/` English），
以及运行它们所需的 `cnnlab` 程序包。需要 Python ≥ 3.10，不需要 GPU。在这个文件夹里运行：

**English**: this is the student edition of the course: one Jupyter notebook per lesson
(`lessons/zh/` 中文, `lessons/en/` English) and the `cnnlab` package they run on. You need
Python ≥ 3.10, no GPU. In this folder, run:

```bash
python -m pip install .        # 安装 / install
cnnlab lab --lang zh           # 打开课程 / open the course (English: --lang en)
```

`cnnlab lab` prints the address of a JupyterLab on your own computer with the first lesson open;
Ctrl-C stops it. / `cnnlab lab` 会打印本机 JupyterLab 的地址并打开第一课；按 Ctrl-C 停止。

- Something wrong? `cnnlab doctor` checks PyTorch, the data, the Chinese font, where your answers
  go and JupyterLab's Chinese interface, and says how to fix each problem. / 遇到问题？运行
  `cnnlab doctor --lang zh`：它检查 PyTorch、数据、中文字体、作答文件的位置和 JupyterLab 中文界面，并说明怎样修复。
- PyTorch: on a machine without a GPU, install its CPU build first (a much smaller download).
  PyTorch's installation page lists the index that serves it. / 没有 GPU 的电脑可以先安装 CPU 版
  PyTorch，下载小得多；PyTorch 的安装页面写明了提供它的软件包索引。
- A package index of your choice (a mirror near you, your school's): give it to pip with
  `--index-url`, for PyTorch and for the rest. / 使用你选择的软件包索引（附近的镜像、学校的索引）：
  用 `--index-url` 告诉 pip，PyTorch 和其余的包都一样：

  ```bash
  python -m pip install --index-url INDEX_URL_FOR_PYTORCH_CPU torch
  python -m pip install --index-url YOUR_INDEX_URL .
  ```

  `python -m pip config set global.index-url YOUR_INDEX_URL` makes it the default for every later
  pip command. / 这条命令把它设为以后所有 pip 命令的默认索引。
{_data_line(with_data)}
- Your answers: every check you make is saved beside the notebook, e.g.
  `lessons/zh/{first}.answers.json`. Hand it in together with the notebook when your teacher asks
  for it. / 你的作答：每次检查都记录在笔记本旁边的 `*.answers.json` 文件里，交作业时和笔记本一起提交。
- A lesson notebook also runs on its own, outside this folder (cnnlab installed knows the lessons);
  its answers file is then written beside it. / 单独一个课程笔记本放在别的文件夹里也能运行（安装的 cnnlab
  知道所有课），作答文件写在它旁边。
- If pip refuses to install into your system's Python ("externally managed"), make a virtual
  environment first: `python3 -m venv .venv`, then `. .venv/bin/activate` (Windows:
  `.venv\\Scripts\\activate`), then the two commands above. / 如果 pip 拒绝安装到系统的 Python
  （“externally managed”），先用上面的命令创建并激活虚拟环境，再运行那两条命令。
- Quick mode: `CNNLAB_QUICK=1 cnnlab lab` makes the training lessons run in seconds (smaller data,
  fewer epochs). / 快速模式：设置 `CNNLAB_QUICK=1` 后，训练只用少量数据和轮数，几秒钟就能跑完。
- Systems: tested on Linux (Debian/Ubuntu, x86-64); expected to work on macOS and Windows with
  Python ≥ 3.10 (nothing in the student's part is Linux-only), but not tested there. / 系统：在 Linux
  上测试过；macOS 和 Windows 上应当也能运行，但没有测试。
{_hosted_section(manifest, repo_url)}
## Lessons / 课程目录

{lessons_markdown(manifest)}
"""
