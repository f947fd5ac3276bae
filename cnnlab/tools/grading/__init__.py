"""Grading submissions at class scale: ``cnnlab grade LESSON SUBMISSIONS_DIR --out OUT_DIR``.

Data flows one way (collect → compute → render)::

    submissions.py   find the student folders, fingerprint them, read them without following anything
    safetext.py      text from a submission made safe to write (lone surrogates, control characters)
    harness.py       the plan: which cells run in the student's kernel, which in the trusted process
    student_cells.py what the student's notebook had in effect at each check cell (answer, helpers, imports)
    sandbox.py       bubblewrap around the student's kernel (no solutions, no network, no secrets)
    canary.py        can this machine grade? one canary kernel before a batch (and ``cnnlab grade --check``)
    cgroups.py       one cgroup per kernel: memory, tasks and CPU of all its processes together
    kernel.py        (the kernel process) ipykernel under a memory cap
    serve.py         (inside the kernel) call a student's function on data, answer with data
    wire.py          the data that crosses (numbers, strings, arrays, tensors; never pickle)
    limits.py        the time, memory and output limits of one submission
    launch.py        (the grader) start the worker in its own process group; kill it at the deadline
    worker.py        the worker = trusted reference process: runs the plan (python -m …grading.worker)
    session.py       the student's kernel: sandboxed kernelspec, output-capped nbclient, cell outcomes
    reference.py     the trusted namespace: setup cells + hidden tests with proxies into the kernel
    score.py         cell outcomes → one Result (points, status) per exercise
    score_recorded.py  quick checks and layers predictions, re-scored from the recorded answers
    steps.py         the ordered steps that grade one submission
    gradebook.py     gradebook.csv merged atomically; digests for skipping
    status.py        a status as data (code, values, flags): stable English in gradebook.csv, the lesson's
                     language on the feedback page; every code's wording is in status_messages.py
    feedback.py      feedback/<student>.html
    report.py        the summary table
    batch.py         the whole batch, in parallel

And the loop around it (``cnnlab collect``, ``grade --deadline``, ``feedback``, ``export``)::

    collect.py       hand-ins from a Canvas zip, a Moodle download, hub homes or loose files
    handins.py       (for collect) whose file is which in a source, read without following links, under caps
    deadline.py      deadlines, late policy, extensions → submitted_at, days_late, penalty
    overrides.py     overrides.csv (grades set by hand) → the final rows every view shows
    history.py       what a regrade replaced, kept
    returning.py     feedback pages prepared (overrides, lateness, reveal) and returned to homes or an LMS zip
    export.py        Canvas / Moodle / wide CSV from the final rows
    rosterfile.py    rosters and overrides.csv as Excel saves them (UTF-8 with or without BOM, GBK)

Beside the grade, never part of it (``cnnlab similarity LESSON SUBMISSIONS_DIR``)::

    similarity.py    which code answers look alike: fingerprints compared pair by pair, idioms left out
    winnowing.py     code as normalised tokens (bound names V, numbers N, strings S), winnowed fingerprints
    similarity_render.py  the similarity report as text, an HTML page and a JSON summary

See course/instructor/README.md for the design and the status vocabulary.
"""
