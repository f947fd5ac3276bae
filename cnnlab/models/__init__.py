"""The course's architectures, one file per family (``lenet.py``, …)."""

from cnnlab.models.lenet import lenet_modern  # noqa: F401
