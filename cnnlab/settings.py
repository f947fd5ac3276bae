"""Quick mode (``$CNNLAB_QUICK``), the one setting a lesson's run depends on, with its limits.

Quick mode shrinks data sets and epochs so that a lesson runs in seconds on a
laptop CPU; the tests and ``cnnlab execute`` turn it on. Its limits live here,
once, for the data loaders (``cnnlab.data``) and the training loop (``cnnlab.train``)::

    at most QUICK_EPOCHS = 2 epochs,
    at most QUICK_TRAIN = 2,000 training images and QUICK_TEST = 1,000 test images.

The course language is not a setting of this module: :mod:`cnnlab.i18n` keeps it
(``cnnlab.set_language``, ``cnnlab.get_language``), beside the messages that use it.
"""

import os


QUICK_ENV = "CNNLAB_QUICK"
QUICK_EPOCHS = 2          # epochs ``fit`` runs at most
QUICK_TRAIN = 2_000       # training images kept per data set / seen per epoch
QUICK_TEST = 1_000        # test images kept per data set / measured per epoch


def quick_mode():
    """True when ``$CNNLAB_QUICK`` is set to 1/true/yes/on (tests set it automatically).

    Quick mode shrinks data sets and epochs so that a lesson runs in seconds on a
    laptop CPU; every lesson that trains says so in its output.
    """
    return os.environ.get(QUICK_ENV, "").strip().lower() in ("1", "true", "yes", "on")

