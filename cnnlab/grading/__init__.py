"""Grading submissions at class scale: ``cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR``.

Data flows one way (collect → compute → render)::

    submissions.py   find the student folders, fingerprint them, read notebooks safely
    harness.py       the graded notebook: solution setup + student answer + hidden tests
    guard.py         (inside the kernel) keep numpy/torch/cnnlab pristine for the tests
    kernel.py        (the kernel process) ipykernel under a memory cap
    execute.py       run it with nbclient in a worker process, under time/output limits
    score.py         cell outcomes → one Result (points, status) per exercise
    steps.py         the ordered steps that grade one submission
    gradebook.py     gradebook.csv merged atomically; digests for skipping
    feedback.py      feedback/<student>.html
    report.py        the summary table
    batch.py         the whole batch, in parallel

See course/instructor/README.md for the design and the status vocabulary.
"""

import sys

# jsonschema (imported by nbformat) optionally imports rfc3987_syntax, which builds a
# grammar at import time: 3-4 s per process on the course machines, for a URI format
# check nbformat never uses. The grader starts one process per submission, so it
# tells Python that optional module is absent (only if nothing imported it already).
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
