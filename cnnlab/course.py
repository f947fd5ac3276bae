"""The course as old imports know it: re-exports the manifest, the lesson bootstrap and quick mode.

New code imports from the module that defines a name:

    cnnlab.manifest   reading course/manifest.toml (Manifest, Lesson, ManifestError, course_root …)
    cnnlab.lesson     a lesson's first cell (start_lesson) and show_source
    cnnlab.settings   quick mode (quick_mode, QUICK_ENV) and the language
"""

from cnnlab.lesson import show_source, start_lesson  # noqa: F401
from cnnlab.manifest import (EXERCISE_KINDS, KINDS, MANIFEST, RELEASE_MARKER, Exercise, Lesson,  # noqa: F401
                             Manifest, ManifestError, course_root, is_student_release, load_manifest)
from cnnlab.settings import QUICK_ENV, quick_mode  # noqa: F401
