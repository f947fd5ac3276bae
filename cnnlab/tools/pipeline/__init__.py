"""The authoring pipeline: solutions → student lessons, and the checks that keep them honest.

Data flows one way: manifest → solutions (source) → ``build`` → lessons.
``notebooks`` reads and writes jupytext pairs, ``steps`` holds the small
transforms that turn a solution into a student version, ``build`` applies them,
``check`` lists every broken invariant (its rules are in ``check_files``, ``check_prose`` and
``check_exercises``); ``prose`` and ``parity`` (zh/en numbers, formulas, headings) are its checks
of what a lesson says.
"""
