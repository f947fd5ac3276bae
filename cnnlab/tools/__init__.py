"""The course tools: what authors and instructors run, never a lesson.

    pipeline/   build the student lessons, check every course invariant, execute the
                solutions, release the course to students
    grading/    grade a class's submissions in sandboxed kernels, the gradebook,
                feedback pages, the dashboard, LMS export
    site/       the static HTML site of the course, both languages
    lab         `cnnlab lab`: start JupyterLab on the course
    cli         the `cnnlab` command
    kernelclient  nbclient's notebook runner, waiting for kernel messages in short slices

The tools import the teaching library (``cnnlab.*`` outside this package); the library
never imports the tools (``tests/test_layout.py`` checks it). A student release ships
only ``lab`` and ``cli`` from here: ``cnnlab lab``, ``lessons`` and ``progress`` work there.
"""

import sys

# jsonschema (imported by nbformat and jupytext) imports the optional rfc3987_syntax when it is
# installed, and that builds a URI grammar at import time (about 1 s per process here, 3-4 s on slow
# machines) for an "iri" format check no cnnlab tool uses. A tool's entry point (``cnnlab``, the
# grader's per-submission worker) marks that module as absent (a None in sys.modules makes its
# import raise ImportError, which jsonschema treats as "not installed"). Only those processes,
# never on import: a notebook or a program that imports cnnlab keeps every module it has.
OPTIONAL_SLOW_IMPORTS = ("rfc3987_syntax",)


def skip_optional_slow_imports():
    """Make the modules of OPTIONAL_SLOW_IMPORTS absent in this process, unless jsonschema is loaded already."""
    if "jsonschema" not in sys.modules:
        for name in OPTIONAL_SLOW_IMPORTS:
            sys.modules.setdefault(name, None)
