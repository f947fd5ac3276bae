"""The wording of every grading status code: ``code → (Chinese, English)``, filled with ``say()``.

A code's first word is the status word the gradebook groups by (``timeout.cell`` → ``timeout``);
``flag.…`` codes are flags, what the grader did besides its verdict. The English wording is the
gradebook's stable vocabulary: change it only with the docs (course/instructor/README.md) and the
dashboards that read it. ``status.py`` builds and renders statuses.
"""

# The status words as a student or an instructor reads them: (Chinese, English).
WORDS = {
    "ok": ("通过", "passed"), "wrong": ("答案不对", "wrong"), "unanswered": ("未作答", "not answered"),
    "forbidden": ("调用了禁止的函数", "forbidden call"), "timeout": ("超时", "time limit"), "error": ("出错", "error"),
    "missing": ("缺失", "missing"), "malformed": ("文件无法读取", "unreadable file"),
}

_DIED = ("（os._exit、程序崩溃，或超过 {mib} MiB 的内存上限）", " (os._exit, a crash or the {mib} MiB memory cap)")
_CELL = " in your exercise cell"

MESSAGES = {
    # ------------------------------------------------------------------ right, wrong, not answered
    "ok": ("通过", "ok"),
    "wrong": ("答案不对", "wrong"),
    "wrong.hidden": ("答案不对：隐藏测试没有通过", "wrong: hidden test failed"),
    "wrong.hidden_case": ("答案不对：隐藏测试没有通过（{case}）", "wrong: hidden test failed for {case}"),
    "wrong.mistake": ("答案不对：常见错误 {mistake}", "wrong: {mistake}"),
    "wrong.predictions": ("答案不对：{total} 个预测里对了 {right} 个", "wrong: {right} of {total} predictions right"),
    "unanswered": ("未作答", "unanswered"),
    "unanswered.no_file": ("未作答：没有 {file}", "unanswered: no {file}"),
    # ------------------------------------------------------------------ forbidden
    "forbidden.called": ("调用了禁止的函数：{what}", "forbidden: called {what}"),
    "forbidden.tampered": ("禁止：改动了调用监视器（{what}）", "forbidden: tampered with the call monitor ({what})"),
    "forbidden.other": ("禁止：{what}", "forbidden: {what}"),
    "forbidden.grader_modules": ("禁止：答案用了评分程序自己的模块（答案里有 {what}）",
                                 "forbidden: uses the grader's own modules ({what} in the answer)"),
    "forbidden.grader_modules_used": ("禁止：答案用到的单元格用了评分程序自己的模块（其中有 {what}）",
                                      "forbidden: uses the grader's own modules ({what} in a cell the answer uses)"),
    "forbidden.monitor": ("禁止：答案改动了调用监视器（答案里有 {what}）",
                          "forbidden: tampered with the call monitor ({what} in the answer)"),
    "forbidden.monitor_used": ("禁止：答案用到的单元格改动了调用监视器（其中有 {what}）",
                               "forbidden: tampered with the call monitor ({what} in a cell the answer uses)"),
    # ------------------------------------------------------------------ time limits
    "timeout.total": ("超时：整份作业运行超过 {seconds:g} 秒", "timeout: the submission ran past {seconds:g} s in all"),
    "timeout.cell": ("超时：有一个单元格运行超过 {seconds:g} 秒", "timeout: a cell ran past {seconds:g} s"),
    "timeout.exercise_cell": ("超时：你的练习单元格运行超过 {seconds:g} 秒",
                              "timeout: a cell ran past {seconds:g} s" + _CELL),
    "timeout.function": ("超时：你的函数运行超过 {seconds:g} 秒", "timeout: your function ran past {seconds:g} s"),
    # ------------------------------------------------------------------ errors of the submission
    "error.raised": ("出错：{what}", "error: {what}"),
    "error.raised_in_cell": ("出错：你的练习单元格报错 {what}", "error: {what}" + _CELL),
    "error.function_raised": ("出错：你的函数抛出了 {name}：{message}", "error: {name} (raised by your function): {message}"),
    "error.function_raised_bare": ("出错：你的函数抛出了 {name}", "error: {name} (raised by your function)"),
    "error.died": ("出错：内核退出了" + _DIED[0], "error: kernel died" + _DIED[1]),
    "error.died_in_cell": ("出错：内核在你的练习单元格里退出了" + _DIED[0], "error: kernel died" + _CELL + _DIED[1]),
    "error.died_in_function": ("出错：你的函数运行时内核退出了" + _DIED[0],
                               "error: kernel died while your function ran" + _DIED[1]),
    "error.memory": ("出错：内存不够（MemoryError，上限 {mib} MiB）", "error: MemoryError (memory cap {mib} MiB)"),
    "error.memory_in_cell": ("出错：你的练习单元格内存不够（MemoryError，上限 {mib} MiB）",
                             "error: MemoryError" + _CELL + " (memory cap {mib} MiB)"),
    "error.exit": ("出错：代码调用了 sys.exit 或 exit（SystemExit）", "error: SystemExit (the code called sys.exit or exit)"),
    "error.exit_in_cell": ("出错：你的练习单元格调用了 sys.exit 或 exit（SystemExit）",
                           "error: SystemExit" + _CELL + " (the code called sys.exit or exit)"),
    "error.not_data": ("出错：{name} 返回了 {value}，这无法评分", "error: {name} returned {value}, which cannot be graded"),
    "error.unreadable_answer": ("出错：读不出 {name} 的返回值（{why}）", "error: {name}'s answer could not be read ({why})"),
    "error.no_answer": ("出错：调用没有返回结果（{why}）；评分程序放在内核里的模块被改动了吗？",
                        "error: the call did not answer ({why}); was the grader's module in the kernel changed?"),
    "error.call_unreadable": ("出错：读不出调用的返回结果（{why}）", "error: the call's answer could not be read ({why})"),
    "error.kernel_start": ("出错：用你提交的文件启动不了内核（{why}）", "error: the kernel did not start with your files ({why})"),
    "error.worker_exit": ("出错：评分进程退出了，退出码 {code}（{last}）", "error: grader worker exited with code {code} ({last})"),
    "error.worker_exit_silent": ("出错：评分进程退出了，退出码 {code}", "error: grader worker exited with code {code}"),
    # ------------------------------------------------------------------ the solution or the machine (not the student)
    "error.hidden_not_run": ("出错：隐藏测试没有运行", "error: the hidden tests did not run"),
    "error.no_quick_check": ("出错：解答里没有快速检查 '{exercise}'", "error: the solution has no quick check '{exercise}'"),
    "error.no_exercise_cell": ("出错：解答里没有标记为 exercise:{exercise} 的单元格",
                               "error: the solution has no cell tagged exercise:{exercise}"),
    "error.no_hidden_tests": ("出错：解答里没有这道练习的隐藏测试", "error: the solution has no hidden tests for this exercise"),
    "error.no_reference_model": ("出错：建不出 '{exercise}' 的参考模型：{why}",
                                 "error: the reference model of '{exercise}' cannot be built: {why}"),
    "error.grader_failed": ("出错：评分程序自己出了问题，不是你的错，下次评分会重新评（{why}）", "error: grader failed: {why}"),
    "error.grader_busy": ("出错：评分程序自己出了问题，不是你的错，下次评分会重新评（评分机器太忙，内核没能及时启动）",
                          "error: grader failed: the kernel did not start in time (the grading machine was too busy)"),
    "error.grader_machine": ("出错：评分程序自己出了问题，不是你的错，下次评分会重新评（{chinese}）", "error: grader failed: {english}"),
    # ------------------------------------------------------------------ what was handed in
    "missing.notebook": ("缺失：提交里没有 {file}", "missing: no {file} in the submission"),
    "missing.notebook_found": ("缺失：提交里没有 {file}（找到的是 {found}）", "missing: no {file} in the submission (found {found})"),
    "missing.definition": ("缺失：没有标记为 exercise:{exercise} 的单元格定义 {names}",
                           "missing: no cell tagged exercise:{exercise} defines {names}"),
    "malformed.folder_unreadable": ("文件无法读取：读不了提交文件夹（{why}）",
                                    "malformed: the submission folder cannot be read ({why})"),
    "malformed.not_a_folder": ("文件无法读取：提交文件夹不是文件夹，而是{kind_zh}", "malformed: the submission folder is {kind}, not a folder"),
    "malformed.unreadable": ("文件无法读取：读不了 {file}（{why}）", "malformed: {file} cannot be read ({why})"),
    "malformed.too_many_files": ("文件无法读取：提交文件夹里超过 {n} 个文件", "malformed: the submission folder holds more than {n} files"),
    "malformed.too_deep": ("文件无法读取：文件夹嵌套超过 {n} 层", "malformed: folders nested more than {n} deep"),
    "malformed.special_file": ("文件无法读取：{file} 是{kind_zh}，提交里只能有普通文件",
                               "malformed: {file} is {kind} (a submission may hold regular files only)"),
    "malformed.not_regular": ("文件无法读取：{file} 是{kind_zh}", "malformed: {file} is {kind}"),
    "malformed.too_large": ("文件无法读取：{file} 有 {mb} MB（超过 {limit} MB）", "malformed: {file} is {mb} MB (more than {limit} MB)"),
    "malformed.changed": ("文件无法读取：{file} 在读取时被改动了", "malformed: {file} changed while it was read"),
    "malformed.grew": ("文件无法读取：{file} 在读取时变得超过 {limit} MB", "malformed: {file} grew past {limit} MB while it was read"),
    "malformed.not_utf8": ("文件无法读取：笔记本不是 UTF-8 文本（{why}）", "malformed: the notebook is not UTF-8 text ({why})"),
    "malformed.not_json": ("文件无法读取：笔记本不是有效的 JSON（{why}）", "malformed: the notebook is not valid JSON ({why})"),
    "malformed.not_json_deep": ("文件无法读取：笔记本不是有效的 JSON（嵌套太深）",
                                "malformed: the notebook is not valid JSON (nested too deeply)"),
    "malformed.not_notebook": ("文件无法读取：不是 Jupyter 笔记本（{why}）", "malformed: not a Jupyter notebook ({why})"),
    "malformed.not_notebook_deep": ("文件无法读取：不是 Jupyter 笔记本（嵌套太深）", "malformed: not a Jupyter notebook (nested too deeply)"),
    "malformed.answers_file": ("文件无法读取：答案文件：{chinese}", "malformed: answers file: {english}"),
    "malformed.hand_in": ("文件无法读取：{chinese}", "malformed: {english}"),
    "malformed.other_lesson": ("答案文件不能用：它是课程 {other} 的，不是 {lesson} 的",
                               "malformed: the answers file is for lesson {other}, not {lesson}"),
    # ------------------------------------------------------------------ flags: what the grader did
    "flag.duplicated": ("有 {n} 个单元格都定义了 {names}", "duplicated cells: {n} define {names}"),
    "flag.graded_last": ("评的是检查单元格上方的最后一个", "graded the last one above its check cell"),
    "flag.below_check": ("答案在检查单元格的下方", "answer found below its check cell"),
    "flag.untagged": ("答案在一个没有 exercise:{exercise} 标记的单元格里", "answer found in a cell without the tag exercise:{exercise}"),
    "flag.used_cells": ("用到了你其他单元格里的 {names}", "used from your other cells: {names}"),
    "flag.partial": ("隐藏测试通过了 {total} 个用例中的 {passed} 个（按用例给分）", "{passed} of {total} hidden cases passed"),
    "flag.no_case": ("没有统计到隐藏用例", "no hidden case counted"),
    "flag.claims_correct": ("答案文件自称“正确”，已忽略", "the answers file claims 'correct'"),
    "flag.revealed": ("看过答案", "revealed"),
    "flag.variant": ("作答的是变体 “{answered}”（学号 “{answered_as}”），评分用的是学号 “{student}” 的变体 “{variant}”",
                     'answered variant "{answered}" (student id "{answered_as}"), graded with variant "{variant}" '
                     'of student id "{student}"'),
    "flag.variant_no_id": ("作答的是变体 “{answered}”（当时没有设置学号），评分用的是学号 “{student}” 的变体 “{variant}”",
                           'answered variant "{answered}" (no student id set), graded with variant "{variant}" '
                           'of student id "{student}"'),
    "flag.right_for_variant": ("这个答案对作答时的那个变体是正确的", "right for the variant answered"),
    # ------------------------------------------------------------------ a result stored before statuses were data
    "text": ("{text}", "{text}"),
}
