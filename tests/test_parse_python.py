"""``cnnlab.cells.parse_python``: cells parsed from several threads at once (the grader's ``--jobs 2``) never fail.

Python 3.11's ``ast.parse`` keeps a depth counter per interpreter: when the garbage collector runs
a finalizer that gives the GIL away while one thread converts its tree, another thread's parse can
raise ``SystemError: AST constructor recursion depth mismatch``. A semester test graded a whole
lesson of one student as ``grader failed`` this way. The stress below reproduced it with bare
``ast.parse`` within 5 s on the course machine (Python 3.11.7).
"""

import threading
import time

from cnnlab.cells import parse_python

SOURCE = "\n".join(f"def f{i}(x):\n    return [[(x + {i}) * (y - 1) for y in range(3)] for _ in range(2)]"
                   for i in range(40))


class GivesTheGilAway:
    def __init__(self):
        self.me = self               # a cycle: the collector frees it, during some thread's allocation

    def __del__(self):
        time.sleep(0)


def _stress(parse, seconds):
    errors, stop = [], threading.Event()

    def work():
        while not stop.is_set():
            for _ in range(50):
                GivesTheGilAway()
            try:
                parse(SOURCE)
            except SystemError as err:
                errors.append(str(err))
                stop.set()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return errors


def test_parsing_in_four_threads_under_garbage_collection_never_fails():
    assert _stress(parse_python, seconds=3) == []


def test_it_parses_like_ast_parse():
    import ast
    assert ast.dump(parse_python("x = 1")) == ast.dump(ast.parse("x = 1"))
    assert isinstance(parse_python("1 + 2", mode="eval"), ast.Expression)
