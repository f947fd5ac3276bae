"""cnnlab.settings and the split of train/course: one home per setting, old imports still work."""

import importlib
from pathlib import Path

import pytest
import torch
from torch import nn

import cnnlab
from cnnlab import settings
from cnnlab.i18n import say
from tests.helpers import imported_modules, imports_of

PACKAGE = Path(cnnlab.__file__).parent


@pytest.mark.parametrize("value, quick", [("1", True), ("true", True), (" Yes ", True), ("on", True),
                                          ("0", False), ("", False), ("no", False), ("2", False)])
def test_quick_mode_reads_the_environment(monkeypatch, value, quick):
    monkeypatch.setenv(settings.QUICK_ENV, value)
    assert settings.quick_mode() is quick
    assert cnnlab.quick_mode() is quick


def test_quick_mode_is_off_without_the_variable(monkeypatch):
    monkeypatch.delenv("CNNLAB_QUICK", raising=False)
    assert not settings.quick_mode()


def test_the_language_set_through_cnnlab_is_the_one_messages_use(lang):
    from cnnlab import i18n
    lang("zh")
    assert i18n.get_language() == cnnlab.get_language() == "zh" and say(zh="是", en="yes") == "是"
    lang("en")
    assert cnnlab.get_language() == "en" and say(zh="是", en="yes") == "yes"


def _cnnlab_imports(source, name):
    """Every cnnlab module that ``source`` (the module ``name``) imports, at any depth."""
    return {m for m in imported_modules(source, name) if m.split(".")[0] == "cnnlab"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "data").glob("*.py")) + sorted((PACKAGE / "train").glob("*.py")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_and_train_take_quick_mode_from_settings_not_from_the_course(path):
    imports = {m for m in imports_of(path) if m.split(".")[0] == "cnnlab"}
    assert not imports & {"cnnlab.course", "cnnlab.manifest", "cnnlab.lesson"}, imports


def test_the_import_scan_sees_what_it_must():
    """The scan above can fail: it finds an absolute and a relative import of the course."""
    assert _cnnlab_imports("def f():\n    from ..course import quick_mode\n", "cnnlab.data.datasets") == \
        {"cnnlab.course", "cnnlab.course.quick_mode"}
    assert _cnnlab_imports("import cnnlab.course as c\nfrom . import loop\n", "cnnlab.train.fit") == \
        {"cnnlab.course", "cnnlab.train", "cnnlab.train.loop"}


def test_quick_mode_limits_have_one_home():
    from cnnlab.data import datasets
    from cnnlab.train import loop
    for module in (datasets, loop, cnnlab.train):
        assert module.QUICK_TRAIN is settings.QUICK_TRAIN and module.QUICK_TEST is settings.QUICK_TEST
    assert (settings.QUICK_EPOCHS, settings.QUICK_TRAIN, settings.QUICK_TEST) == (2, 2_000, 1_000)


OLD_TRAIN_NAMES = ["threads", "best_device", "device", "seed", "accuracy", "Evaluation", "evaluate",
                   "confusion_matrix", "plot_confusion_matrix", "History", "make_optimizer", "fit",
                   "QUICK_EPOCHS", "QUICK_TRAIN", "QUICK_TEST"]


def test_every_name_of_the_old_train_module_is_still_importable():
    old = importlib.import_module("cnnlab.train")
    assert [name for name in OLD_TRAIN_NAMES if not hasattr(old, name)] == []


def test_the_package_names_are_the_objects_of_their_modules():
    from cnnlab import i18n, lesson, train
    assert cnnlab.fit is train.fit and cnnlab.device is train.device is train.best_device
    assert cnnlab.start_lesson is lesson.start_lesson and cnnlab.show_source is lesson.show_source
    assert cnnlab.set_language is i18n.set_language and cnnlab.quick_mode is settings.quick_mode


def test_the_language_lives_in_i18n_and_settings_holds_only_quick_mode():
    assert not any(hasattr(settings, name) for name in ("get_language", "set_language", "LANGUAGES"))
    assert not (PACKAGE / "course.py").exists()      # the re-export shim is gone: import from its modules


def _modules(*folders):
    for folder in folders:
        yield from sorted((PACKAGE / folder).glob("*.py")) if folder.endswith("/") else [PACKAGE / folder]


@pytest.mark.parametrize("path", list(_modules("train/", "settings.py", "manifest.py", "lesson.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_split_module_is_at_most_300_lines(path):
    """(That every module says what it is in one sentence is tests/test_layout.py's rule.)"""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300


def test_one_epoch_steps_once_per_batch_and_counts_every_example():
    from cnnlab.train.loop import train_epoch
    torch.manual_seed(0)
    X, y = torch.randn(60, 4), torch.randint(0, 3, (60,))
    batches = [(X[i:i + 20], y[i:i + 20]) for i in range(0, 60, 20)]
    model, loss_fn = nn.Linear(4, 3), nn.CrossEntropyLoss()
    replay = nn.Linear(4, 3)
    replay.load_state_dict(model.state_dict())
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    steps = []
    opt.register_step_post_hook(lambda *args: steps.append(1))
    done = train_epoch(model, batches, opt, loss_fn, torch.device("cpu"))
    # the same epoch by hand: each batch's loss and hits are counted before its own step
    losses, hits = [], 0
    for xb, yb in batches:
        logits = replay(xb)
        loss = loss_fn(logits, yb)
        losses.append(loss.item() * len(yb))
        hits += int((logits.argmax(1) == yb).sum())
        replay.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in replay.parameters():
                p -= 0.5 * p.grad
    assert len(steps) == 3 and done.count == 60 and done.seconds > 0
    assert done.loss == pytest.approx(sum(losses) / 60, rel=1e-5) and done.accuracy == hits / 60
    assert torch.allclose(model.weight, replay.weight, atol=1e-6)
