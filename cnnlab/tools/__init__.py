"""The course tools: what authors and instructors run, never a lesson.

    pipeline/   build the student lessons, check every course invariant, execute the
                solutions, release the course to students
    grading/    grade a class's submissions in sandboxed kernels, the gradebook,
                feedback pages, the dashboard, LMS export
    site/       the static HTML site of the course, both languages
    lab         `cnnlab lab`: start JupyterLab on the course
    cli         the `cnnlab` command

The tools import the teaching library (``cnnlab.*`` outside this package); the library
never imports the tools (``tests/test_layout.py`` checks it). A student release ships
only ``lab`` and ``cli`` from here: ``cnnlab lab``, ``lessons`` and ``progress`` work there.
"""
