"""Named mistakes in code exercises: a hidden test that recognises what a wrong answer got wrong.

A typical mistake gives a typical wrong result: a flipped kernel gives the true
convolution instead of the cross-correlation, ``ceil`` instead of ``floor`` gives
one more output row. A hidden test computes those wrong results next to the right
one and hands them to ``expect_value`` (``cnnlab.exercises.expect``), which calls
``reject_mistakes`` once the kind and shape of the result are right, before the values::

    expect_value(got, want, mistakes={
        "flipped_kernel": (conv_with_flipped_kernel, "you flipped the kernel: …"),
    })

When ``got`` equals a mistake's result (and that result differs from ``want``),
``NamedMistake`` is raised: an ``AssertionError`` whose text is ``"<id>: <hint>"``.
The grader records the id in the gradebook's ``mistake`` column and shows the hint
on the student's feedback page; a student's notebook never sees hidden tests.
"""

class NamedMistake(AssertionError):
    """A hidden test failed the way a typical mistake fails; ``str()`` is ``"<id>: <hint>"``."""

    def __init__(self, mistake_id, hint):
        super().__init__(f"{mistake_id}: {hint}")
        self.mistake_id, self.hint = mistake_id, hint


def parse(text):
    """``(id, hint)`` from a NamedMistake's text, e.g. ``"forgot_bias: add one bias per kernel"``."""
    mistake_id, _, hint = str(text).partition(": ")
    return mistake_id.strip(), hint.strip()


def reject_mistakes(got, want, mistakes):
    """Raise NamedMistake when ``got`` equals the result of one of ``mistakes``
    (``{id: (wrong_result, hint)}``) that differs from the right result ``want``."""
    from cnnlab.exercises.compare import same_value    # numbers, arrays and tensors within 1e-6
    for mistake_id, (wrong, hint) in mistakes.items():
        try:
            if not same_value(wrong, want) and same_value(got, wrong):
                raise NamedMistake(mistake_id, hint)
        except NamedMistake:
            raise
        except Exception:   # a result that cannot be compared is no named mistake
            continue
