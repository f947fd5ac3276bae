"""The first cell names quick or full mode only in lessons that train a network (manifest
``trains = true``): in the others the notice is noise."""

import pytest

import cnnlab
from cnnlab.manifest import load_manifest

TRAINING = {"01_fc_baseline", "07_batch_norm", "08_lenet", "09_alexnet", "10_vgg", "11_nin_googlenet",
            "12_resnet"}


def test_the_manifest_marks_the_lessons_that_train():
    assert {lesson.stem for lesson in load_manifest().lessons if lesson.trains} == TRAINING


@pytest.mark.parametrize("quick", ["1", None])
@pytest.mark.parametrize("stem, says_mode", [("00_tour", False), ("02_convolution", False),
                                              ("06_pooling", False), ("01_fc_baseline", True)])
def test_the_header_names_the_mode_only_where_training_happens(monkeypatch, capsys, tmp_path, stem,
                                                                says_mode, quick, lang):
    monkeypatch.chdir(tmp_path)
    if quick:
        monkeypatch.setenv("CNNLAB_QUICK", quick)
    else:
        monkeypatch.delenv("CNNLAB_QUICK", raising=False)
    for language, words in (("zh", ("快速模式", "完整模式")), ("en", ("Quick mode", "Full mode"))):
        cnnlab.start_lesson(stem, lang=language)      # (it sets the course language; the lang fixture puts it back)
        printed = capsys.readouterr().out
        assert any(word in printed for word in words) is says_mode, printed
