"""The subcommands of ``cnnlab``, grouped by who runs them.

Each module has one ``add_…`` function per command, which declares the command's
arguments (with argparse ``choices`` and ``type`` doing the checking) beside the
``cmd_…`` function that runs it, and an ``add_commands(sub)`` that adds them all:

    student.py    lab, lessons, progress, doctor   (the only ones a student release offers)
    authoring.py  build, check, execute, site, release
    grade.py      grade (with deadlines, lateness and hand-set grades)
    semester.py   collect, feedback, export, similarity (the loop around grading)

``cnnlab/tools/cli.py`` only puts them together and dispatches.
"""
