"""``cnnlab release OUT --repo-url URL``: lessons that run on a hosted notebook service.

A hosted notebook service (Google Colab, for one) opens a single notebook from a public
repository, in an environment that has PyTorch but not cnnlab. With ``--repo-url`` the
release records the student repository (in ``.cnnlab-release.json``) and puts a
*bootstrap cell* before each lesson's ``start_lesson`` cell: it installs cnnlab with pip
from that repository when cnnlab cannot be imported, and does nothing, silently, when it
can (in the course folder, on the class server, in the grader). The student README (and
``cnnlab site --repo-url``) link every lesson to the service.

``URL`` is anything pip installs: ``https://github.com/OWNER/REPO`` (pip gets
``git+https://github.com/OWNER/REPO``; ``@BRANCH`` may follow), another ``git+`` URL, a
wheel, or a folder (the tests use one). Only a GitHub URL gives hosted-service links.
"""

import re

import nbformat

from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.release.error import ReleaseError

HOSTED_SERVICE = "Google Colab"
HOSTED_LINK = "https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{path}"
DEFAULT_BRANCH = "main"
GITHUB = re.compile(r"^(?:git\+)?https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?"
                    r"(?:@(?P<branch>[\w./-]+))?$")
BOOTSTRAP_TAG = "cnnlab-bootstrap"

_COMMENT = {
    "zh": "# 在线笔记本服务（没有安装 cnnlab 的环境）：先安装课程的程序包。已安装时这一格什么也不做。",
    "en": "# On a hosted notebook service (no cnnlab installed): install the course package first.\n"
          "# Where cnnlab is installed, this cell does nothing.",
}


def pip_target(repo_url):
    """What ``pip install`` gets for ``repo_url``: ``git+`` in front of a GitHub https URL."""
    url = str(repo_url).strip()
    if not url:
        raise ReleaseError(zh="--repo-url 是空的：请给出学生仓库的地址", en="--repo-url is empty: give the student repository's URL")
    return "git+" + url if url.startswith("https://github.com/") else url


def bootstrap_source(repo_url, lang):
    """The code of the bootstrap cell (the same code in both languages; only the comment differs)."""
    return (f"{_COMMENT[lang]}\n"
            "import importlib, importlib.util, subprocess, sys\n"
            "if importlib.util.find_spec(\"cnnlab\") is None:\n"
            f"    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"-q\", {pip_target(repo_url)!r}], check=True)\n"
            "    importlib.invalidate_caches()")


def add_bootstrap(nb, repo_url, lang):
    """Insert the bootstrap cell before the cell that calls ``start_lesson`` (else first); returns ``nb``."""
    at = next((i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and "start_lesson(" in cell.source), 0)
    cell = nbformat.v4.new_code_cell(bootstrap_source(repo_url, lang), metadata={"tags": [BOOTSTRAP_TAG]})
    cell.id = "cnnlab-bootstrap"
    nb.cells.insert(at, cell)
    return nb


def hosted_link(repo_url, path):
    """The hosted-service address of the release file ``path`` (e.g. ``lessons/zh/02_convolution.ipynb``),
    or None when ``repo_url`` is not a GitHub repository."""
    match = GITHUB.match(str(repo_url or "").strip())
    if not match:
        return None
    return HOSTED_LINK.format(owner=match["owner"], repo=match["repo"], branch=match["branch"] or DEFAULT_BRANCH,
                              path=path)


def links_markdown(manifest, repo_url):
    """The README's table of hosted-service links, one per lesson and language ('' without GitHub)."""
    if hosted_link(repo_url, "x") is None:
        return ""
    rows = ["| # | " + " | ".join({"zh": "中文", "en": "English"}[lang] for lang in LANGUAGES) + " |",
            "|---|" + "---|" * len(LANGUAGES)]
    for lesson in manifest.lessons:
        cells = [f"[{lesson.title[lang]}]({hosted_link(repo_url, f'lessons/{lang}/{lesson.stem}.ipynb')})"
                 for lang in LANGUAGES]
        rows.append(f"| {lesson.number:02d} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
