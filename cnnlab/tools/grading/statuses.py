"""A grading status in words a student reads, in the lesson's language.

The status column of ``gradebook.csv`` stays stable English (``score.py`` lists its
vocabulary; dashboards and exports group by its first word). The feedback page
shows the same status to the student in the lesson's language: ``explain(status,
"zh")`` translates each ``; ``-separated part by the table below, and keeps any part
it does not know (an exception's own message, a file name) as it is.
"""

import re

from cnnlab.i18n import say

_WHERE = " in your exercise cell"
_NUMBER = r"[-\d.,]+"

# (pattern of one English part, its Chinese wording); the first full match wins.
PARTS = [
    (r"ok", "通过"),
    (r"wrong", "答案不对"),
    (r"wrong: hidden test failed for (?P<x>.+)", "答案不对：隐藏测试在 {x} 上没有通过"),
    (r"wrong: hidden test failed", "答案不对：隐藏测试没有通过"),
    (r"wrong: (?P<x>\w+)", "答案不对：常见错误 {x}"),
    (r"unanswered", "未作答"),
    (r"unanswered: no (?P<f>\S+)", "未作答：没有 {f}"),
    (r"forbidden: called (?P<x>.+)", "调用了禁止的函数：{x}"),
    (r"forbidden: uses the grader's own modules \((?P<x>.+) in the answer\)",
     "禁止：答案用了评分程序自己的模块（答案里有 {x}）"),
    (r"forbidden: tampered with the call monitor \((?P<x>.+) in the answer\)",
     "禁止：答案改动了调用监视（答案里有 {x}）"),
    (r"forbidden: uses the grader's own modules \((?P<x>.+) in a cell the answer uses\)",
     "禁止：答案用到的单元用了评分程序自己的模块（其中有 {x}）"),
    (r"forbidden: tampered with the call monitor \((?P<x>.+) in a cell the answer uses\)",
     "禁止：答案用到的单元改动了调用监视（其中有 {x}）"),
    (r"forbidden: tampered with the call monitor \((?P<x>.+)\)", "禁止：改动了调用监视（{x}）"),
    (rf"timeout: the submission ran past (?P<s>{_NUMBER}) s( in all)?", "超时：整份作业运行超过 {s} 秒"),
    (rf"timeout: a cell ran past (?P<s>{_NUMBER}) s{_WHERE}", "超时：你的练习单元格运行超过 {s} 秒"),
    (rf"timeout: a cell ran past (?P<s>{_NUMBER}) s", "超时：有一个单元格运行超过 {s} 秒"),
    (rf"timeout: your function ran past (?P<s>{_NUMBER}) s", "超时：你的函数运行超过 {s} 秒"),
    (r"error: kernel died while your function ran \(os\._exit, a crash or the (?P<m>\d+) MiB memory cap\)",
     "出错：你的函数运行时内核退出了（os._exit、程序崩溃，或超过 {m} MiB 的内存上限）"),
    (rf"error: kernel died{_WHERE} \(os\._exit, a crash or the (?P<m>\d+) MiB memory cap\)",
     "出错：内核在你的练习单元格里退出了（os._exit、程序崩溃，或超过 {m} MiB 的内存上限）"),
    (r"error: kernel died \(os\._exit, a crash or the (?P<m>\d+) MiB memory cap\)",
     "出错：内核退出了（os._exit、程序崩溃，或超过 {m} MiB 的内存上限）"),
    (rf"error: MemoryError{_WHERE} \(memory cap (?P<m>\d+) MiB\)",
     "出错：你的练习单元格内存不够（MemoryError，上限 {m} MiB）"),
    (r"error: MemoryError \(memory cap (?P<m>\d+) MiB\)", "出错：内存不够（MemoryError，上限 {m} MiB）"),
    (rf"error: SystemExit({_WHERE})? \(the code called sys\.exit or exit\)",
     "出错：代码调用了 sys.exit 或 exit（SystemExit）"),
    (r"error: the hidden tests did not run", "出错：隐藏测试没有运行"),
    (r"error: the solution has no quick check (?P<x>.+)", "出错：解答里没有快速检查 {x}"),
    (r"error: the solution has no cell tagged exercise:(?P<x>.+)", "出错：解答里没有标记为 exercise:{x} 的单元格"),
    (r"error: the solution has no hidden tests for this exercise", "出错：解答里没有这道练习的隐藏测试"),
    (r"error: grader worker exited with code (?P<c>-?\d+)(?P<x>.*)", "出错：评分进程退出了，退出码 {c}{x}"),
    (r"error: (?P<f>\w+) returned (?P<x>.+), which cannot be graded", "出错：{f} 返回了 {x}，这无法评分"),
    (r"error: (?P<f>\w+)'s answer could not be read \((?P<x>.+)\)", "出错：读不出 {f} 的返回值（{x}）"),
    (r"error: the call did not answer (?P<x>.+)", "出错：调用没有返回结果 {x}"),
    (r"error: grader failed: (?P<x>.+)", "出错：评分程序自己出了问题，不是你的错，下次评分会重新评（{x}）"),
    (r"error: the kernel did not start with your files \((?P<x>.*)\)", "出错：用你提交的文件启动不了内核（{x}）"),
    (r"error: (?P<n>[\w.]+) \(raised by your function\)(?P<x>.*)", "出错：你的函数抛出了 {n}{x}"),
    (rf"error: (?P<x>.+){_WHERE}", "出错：你的练习单元格报错 {x}"),
    (r"error: (?P<x>.+)", "出错：{x}"),
    (r"missing: no cell tagged exercise:(?P<x>\S+) defines (?P<n>.+)",
     "缺失：没有标记为 exercise:{x} 的单元格定义 {n}"),
    (r"missing: no (?P<f>\S+) in the submission \(found (?P<x>.+)\)", "缺失：提交里没有 {f}（找到的是 {x}）"),
    (r"missing: no (?P<f>\S+) in the submission", "缺失：提交里没有 {f}"),
    (r"malformed: the notebook is (?P<n>\d+) MB \(more than (?P<m>\d+) MB\)",
     "文件无法读取：笔记本有 {n} MB（超过 {m} MB）"),
    (r"malformed: the notebook is not UTF-8 text \((?P<x>.+)\)", "文件无法读取：笔记本不是 UTF-8 文本（{x}）"),
    (r"malformed: the notebook is not valid JSON \((?P<x>.+)\)", "文件无法读取：笔记本不是有效的 JSON（{x}）"),
    (r"malformed: not a Jupyter notebook \((?P<x>.+)\)", "文件无法读取：不是 Jupyter 笔记本（{x}）"),
    (r"malformed: the answers file is too large", "文件无法读取：答案文件太大"),
    (r"malformed: (?P<x>.+) is (?P<k>a symbolic link|a named pipe|a device|a socket|not a regular file) "
     r"\(a submission may hold regular files only\)", "文件无法读取：{x} 不是普通文件（{k}），提交里只能有普通文件"),
    (r"malformed: the submission folder is (?P<k>.+), not a folder", "文件无法读取：提交文件夹不是文件夹（{k}）"),
    (r"malformed: (?P<f>\S+) is (?P<n>\d+) MB \(more than (?P<m>\d+) MB\)", "文件无法读取：{f} 有 {n} MB（超过 {m} MB）"),
    (r"malformed: the submission folder holds more than (?P<n>\d+) files", "文件无法读取：提交文件夹里超过 {n} 个文件"),
    (r"malformed: folders nested more than (?P<n>\d+) deep", "文件无法读取：文件夹嵌套超过 {n} 层"),
    (r"malformed: the answers file is for lesson (?P<a>.+), not (?P<b>.+)", "文件无法读取：答案文件属于课 {a}，不是 {b}"),
    (r"malformed: answers file: (?P<x>.+)", "文件无法读取：答案文件：{x}"),
    (r"duplicated cells: (?P<n>\d+) define (?P<x>.+)", "有 {n} 个单元格都定义了 {x}"),
    (r"graded the first", "只评第一个"),
    (r"graded the last one above its check cell", "评的是检查单元上方的最后一个"),
    (r"answer found below its check cell", "答案在检查单元的下方"),
    (r"used from your other cells: (?P<x>.+)", "用到了你其他单元里的 {x}"),
    (r"malformed: the notebook's hand-in output (?P<x>.+)", "文件无法读取：笔记本的“交作业”输出 {x}"),
    (r"answer found in a cell without the tag exercise:(?P<x>.+)", "答案在一个没有 exercise:{x} 标记的单元格里"),
    (r"the answers file claims 'correct'", "答案文件自称“正确”，已忽略"),
    (r'answered variant "(?P<a>[^"]*)" \(student id "(?P<i>[^"]*)"\), graded with variant "(?P<v>[^"]*)" '
     r'of student id "(?P<s>[^"]*)"', "作答的是变体 “{a}”（学号 “{i}”），评分用的是学号 “{s}” 的变体 “{v}”"),
    (r'answered variant "(?P<a>[^"]*)" \(no student id set\), graded with variant "(?P<v>[^"]*)" '
     r'of student id "(?P<s>[^"]*)"', "作答的是变体 “{a}”（当时没有设置学号），评分用的是学号 “{s}” 的变体 “{v}”"),
    (r"right for the variant answered", "这个答案对作答时的那个变体是正确的"),
    (r"(?P<p>\d+) of (?P<n>\d+) hidden cases passed", "隐藏测试通过了 {n} 个用例中的 {p} 个（按用例给分）"),
    (r"no hidden case counted", "没有统计到隐藏用例"),
]
_COMPILED = [(re.compile(pattern), zh) for pattern, zh in PARTS]


def _part_zh(part):
    for pattern, zh in _COMPILED:
        match = pattern.fullmatch(part)
        if match:
            return zh.format(**match.groupdict(default=""))
    return part


def explain(status, lang=None):
    """``status`` as the student reads it: unchanged in English, each known part translated in Chinese."""
    return say(zh="；".join(_part_zh(part) for part in status.split("; ")), en=status, lang=lang)
