"""``cnnlab check``'s rules 8-15, about what the solutions show and say.

Stored outputs, Chinese line breaks, zh/en parity, the authors' notes, full mode, typed durations,
empty cells and the glossary's terms (:mod:`cnnlab.tools.pipeline.check` lists every rule; the
finders are in :mod:`cnnlab.tools.pipeline.prose`).
"""

from cnnlab.i18n import say
from cnnlab.tools.pipeline import prose
from cnnlab.tools.pipeline.problems import Problem, cell_label


# --- 8-15: stored outputs and prose ------------------------------------------------------------

def _each_solution(course, find, message, fix, lang=None):
    """Problems of a ``prose`` finder that yields ``(cell number, text, ...)`` in each solution."""
    return [Problem(course.rel(path), message(cell_label(found[0]), *found[1:]), fix(*found[1:]) if callable(fix) else fix)
            for lesson, _, each_lang, path in course.notebooks("solutions", lang)
            for found in find(course.notebook(path), each_lang)]


def stored_checks(course):
    """Rule 8."""
    return (_each_solution(course, lambda nb, _: prose.failed_checks(nb),
                           lambda cell, line: say(zh="{cell}：保存的输出里有一次未通过的内嵌检查：{line!r}",
                                                  en="{cell}: stored output shows a failed inline check: {line!r}",
                                                  cell=cell, line=line[:80]),
                           say(zh="改正答案（或检查程序），再对这一课运行 `cnnlab execute`",
                               en="fix the answer (or the checker), then run `cnnlab execute` for this lesson"))
            + _each_solution(course, lambda nb, _: [(n,) for n in prose.ignored_check_cells(nb)],
                             lambda cell: say(zh="{cell}：运行了 check_function，却带有 '{tag}' 标签",
                                              en="{cell}: runs check_function but is tagged '{tag}'",
                                              cell=cell, tag=prose.NBVAL_IGNORE),
                             say(zh="删除这个标签，让 nbval 把重新运行得到的 ✓ 与保存的 ✓ 相比较",
                                 en="remove the tag, so that nbval compares the ✓ of a re-run with the stored one")))


def cjk_line_breaks(course):
    """Rule 9."""
    return _each_solution(course, lambda nb, _: [(n, text) for n, source in prose.markdown_cells(nb)
                                                 for text in prose.cjk_line_breaks(source)],
                          lambda cell, text: say(zh="{cell}：中文句子中间断了行，显示出来是一个空格：{text!r}",
                                                 en="{cell}: line break inside a Chinese sentence, shown as a space: "
                                                    "{text!r}", cell=cell, text=text),
                          say(zh="把两行接起来（中文只在分属不同段落的句子之间断行）",
                              en="join the two lines (break Chinese lines only between sentences that are separate "
                                 "paragraphs)"), lang="zh")


def _parity_where(zh_number, en_number):
    """Which cells a parity problem is about: both twins, or all markdown cells (their counts differ)."""
    if zh_number is None:
        return say(zh="Markdown 单元格", en="markdown cells")
    return say(zh="中文版{zh_cell} / 英文版{en_cell}", en="zh {zh_cell} / en {en_cell}",
               zh_cell=cell_label(zh_number), en_cell=cell_label(en_number))


def prose_parity(course):
    """Rule 10."""
    problems = []
    for lesson, zh, en, _ in course.both_solutions():
        where_zh = course.rel(lesson.path(course.manifest.root, "solutions", "zh"))
        for zh_number, en_number, message in prose.parity(zh, en):
            problems.append(Problem(where_zh, say(zh="{where}：{message}", en="{where}: {message}",
                                                  where=_parity_where(zh_number, en_number), message=message),
                                    say(zh="让两种语言写出相同的数字、公式和标题（必须不同的数字，例如某一版书的"
                                           "章节号，写进 <!-- parity-ignore: … --> 注释）",
                                        en="make both languages state the same numbers, formulas and headings "
                                           "(a number that must differ, like a book edition's section number, "
                                           "goes in a <!-- parity-ignore: … --> comment)")))
    return problems


def author_notes(course):
    """Rule 11, for every notebook (solutions and lessons)."""
    return [Problem(course.rel(path), say(zh="{cell}：提到了作者的笔记：{text!r}",
                                          en="{cell}: names the authors' notes: {text!r}",
                                          cell=cell_label(number), text=text),
                    say(zh="直接陈述事实，并引用原始来源（论文、文档、教材）；学生拿不到作者的笔记",
                        en="state the fact itself and cite a primary source (paper, documentation, "
                           "textbook); students never receive them"))
            for _, _, _, path in course.notebooks() for number, text in prose.author_notes(course.notebook(path))]


def _mode_name(mode):
    """How a problem names the mode that stored a notebook's outputs ('quick', or none recorded)."""
    if mode == "quick":
        return say(zh="快速模式", en="quick mode")
    if not mode:
        return say(zh="未知模式", en="an unknown mode")
    return say(zh="{m} 模式", en="{m} mode", m=mode)


def full_mode(course):
    """Rule 12."""
    problems = []
    for _, _, _, path in course.notebooks("solutions"):
        mode = course.notebook(path).metadata.get("cnnlab", {}).get("mode")
        if mode != "full":
            problems.append(Problem(course.rel(path),
                                    say(zh="保存的输出来自{mode}，不是完整模式",
                                        en="stored outputs come from {mode}, not full mode", mode=_mode_name(mode)),
                                    say(zh="对这一课运行 `cnnlab execute --full NN`（要几分钟；全部数据和轮数）",
                                        en="run `cnnlab execute --full NN` for this lesson (minutes; full data and "
                                           "epochs)")))
    return problems


def typed_durations(course):
    """Rule 13."""
    return _each_solution(course, prose.typed_durations,
                          lambda cell, text: say(zh="{cell}：正文里写死了一个时长：{text!r}",
                                                 en="{cell}: a duration typed in prose: {text!r}",
                                                 cell=cell, text=text),
                          say(zh="在代码单元格里打印这次运行（或本课元数据）给出的时间，或者不写时长",
                              en="print the time from the run (or the lesson's metadata) in a code cell, "
                                 "or leave the duration out"))


def empty_cells(course):
    """Rule 14."""
    return _each_solution(course, lambda nb, _: [(n,) for n in prose.empty_code_cells(nb)],
                          lambda cell: say(zh="{cell}：空的代码单元格", en="{cell}: empty code cell", cell=cell),
                          say(zh="在两种语言中都删除这个单元格", en="delete the cell in both languages"))


def zh_terms(course):
    """Rule 15."""
    return _each_solution(course, lambda nb, _: prose.zh_terms(nb),
                          lambda cell, text, _: say(zh="{cell}：{text!r} 不是术语表里的用词",
                                                    en="{cell}: {text!r} is not the glossary's term",
                                                    cell=cell, text=text),
                          lambda _, replacement: say(zh="写成“{r}”（见 course/glossary.md）",
                                                     en="write {r} (course/glossary.md)", r=replacement), lang="zh")
