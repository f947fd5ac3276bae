"""Who is answering: the student id that picks each student's variant of a quick check.

The id comes from the first of these that is set::

    JUPYTERHUB_USER        the hub's user name (a JupyterHub or TLJH server sets it)
    CNNLAB_STUDENT         an environment variable, for a class that hands out ids this way
    the id file            what ``set_student("your id")`` saved, in ``~/.cnnlab/student.txt``
                           (``CNNLAB_HOME`` moves that folder)

With none of them the lesson shows the *default* variant and says how to set an id. Ids
are compared after ``normalized_id``: case, spaces, dots, dashes and underscores do not
count, so "Li Na", "li_na" and "LINA" are one student (the name a Canvas zip gives a file
is the same student as the name typed in the notebook), and TLJH's home-folder prefix
``jupyter-`` is dropped (its hub user ``amy`` lives in ``/home/jupyter-amy``, the folder
``cnnlab collect`` names the submission after). The whole id counts, however long.
"""

import os
import unicodedata
from pathlib import Path

from cnnlab.i18n import say

ID_FILE = "student.txt"
MAX_ID = 64  # characters


def cnnlab_home():
    """The folder of cnnlab's per-user files: ``$CNNLAB_HOME``, else ``~/.cnnlab``."""
    return Path(os.environ.get("CNNLAB_HOME") or Path.home() / ".cnnlab")


TLJH_PREFIX = "jupyter-"  # The Littlest JupyterHub's home folders: /home/jupyter-<user>


def normalized_id(student):
    """The id with case, spaces and punctuation removed ("Li Na" -> "lina", "jupyter-amy" -> "amy");
    "" for no id."""
    text = unicodedata.normalize("NFKC", str(student or "")).casefold().strip()
    text = text.removeprefix(TLJH_PREFIX)
    return "".join(ch for ch in text if ch.isalnum())


def _saved_id():
    try:
        return (cnnlab_home() / ID_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def student_id():
    """The student's id as given (hub user, ``CNNLAB_STUDENT`` or the saved id), or "" when none."""
    for candidate in (os.environ.get("JUPYTERHUB_USER"), os.environ.get("CNNLAB_STUDENT"), _saved_id()):
        if normalized_id(candidate):
            return str(candidate).strip()
    return ""


def set_student(student):
    """Save ``student`` as this computer's student id (once; lesson 00 asks for it) and return it.

    Use the id your instructor grades you by (your hub user name or your course login). Quick
    checks that have variants pick your numbers from it; rerun their cells after setting it.
    """
    if not isinstance(student, str) or not normalized_id(student):
        raise ValueError(say(zh="set_student(student)：需要一个含有字母或数字的字符串，例如 set_student(\"li_na\")，收到 {v!r}",
                             en="set_student(student): give a string with letters or digits, e.g. set_student(\"li_na\"); "
                                "got {v!r}", v=student))
    student = student.strip()
    if len(student) > MAX_ID:
        raise ValueError(say(zh="set_student(student)：学号最多 {n} 个字符，收到 {k} 个",
                             en="set_student(student): an id has at most {n} characters; got {k}", n=MAX_ID, k=len(student)))
    hidden = [ch for ch in student if unicodedata.category(ch).startswith("C")]
    if hidden:
        raise ValueError(say(zh="set_student(student)：学号里有看不见的字符 {c}（制表符、换行或零宽字符），请只输入学号本身",
                             en="set_student(student): the id holds invisible characters {c} (a tab, a line break or a "
                                "zero-width character); type the id alone", c=", ".join(repr(ch) for ch in hidden[:3])))
    folder = cnnlab_home()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ID_FILE).write_text(student + "\n", encoding="utf-8")
    hub = os.environ.get("JUPYTERHUB_USER")
    if normalized_id(hub) and normalized_id(hub) != normalized_id(student):
        print(say(zh="注意：这是 JupyterHub，课程使用 hub 用户名 {h!r}，不使用保存的学号。",
                  en="Note: on this JupyterHub the course uses the hub user name {h!r}, not the saved id.", h=hub))
    return student


def describe_student():
    """One line saying which id the quick checks use, or how to set one."""
    student = student_id()
    if student:
        return say(zh="学号：{s}（快速检查的变体由它决定）", en="Student id: {s} (it picks your quick checks' variants)",
                   s=student)
    return say(zh="还没有设置学号：带变体的快速检查显示默认数字。运行 cnnlab.set_student(\"你的学号\") 设置一次。",
               en="No student id set: quick checks with variants show their default numbers. "
                  "Run cnnlab.set_student(\"your id\") once to set it.")
