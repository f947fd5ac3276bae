"""The convolution explorer of lesson 03, driven through its controls without a browser."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from cnnlab.viz import ConvolutionExplorer


@pytest.fixture(autouse=True)
def english(lang):
    lang("en")


def torch_output(e):
    st = e.settings
    x = torch.tensor(e.x)[None, None]
    w = torch.tensor(e.kernel)[None, None]
    return F.conv2d(x, w, stride=st["s"], padding=st["p"], dilation=st["d"])[0, 0].numpy()


def test_starts_at_the_first_window_and_steps_row_by_row():
    e = ConvolutionExplorer(n=5, k=3, p=1, s=2)
    assert e.output.shape == (3, 3)
    assert e.position == (0, 0)
    assert e.window == [(r, c) for r in range(3) for c in range(3)]
    e.step()
    assert e.position == (0, 1)
    assert e.window[0] == (0, 2) and e.window[-1] == (2, 4)    # stride 2: two columns further
    for _ in range(2):
        e.step()
    assert e.position == (1, 0) and e.window[0] == (2, 0)
    assert "(5 − 3 + 2·1) / 2 + 1 = 2 + 1 = 3" in e.formula_text
    assert "Y[1,0]" in e.view.value


def test_output_fills_in_and_matches_torch():
    e = ConvolutionExplorer(n=5, k=3, p=1, s=2)
    np.testing.assert_allclose(e.output, torch_output(e))
    e.step()
    shown = e.output_values
    assert np.isfinite(shown.flat[:2]).all() and np.isnan(shown.flat[2:]).all()
    np.testing.assert_allclose(shown.flat[:2], e.output.flat[:2])
    for _ in range(e.output.size - 2):
        e.step()
    np.testing.assert_allclose(e.output_values, e.output)
    e.step()                                                   # after the last: back to the first
    assert e.position == (0, 0)


def test_sliders_change_the_setting_and_restart():
    e = ConvolutionExplorer(n=4, k=3, p=1, s=1)
    e.step()
    e.controls["p"].value = 2                                  # note 001: padding 2 gives 6×6
    assert e.output.shape == (6, 6) and e.position == (0, 0)
    assert e.formula_text.endswith("= 6")
    e.controls["d"].value = 2
    np.testing.assert_allclose(e.output, torch_output(e))
    assert e.window[:3] == [(0, 0), (0, 2), (0, 4)]            # dilation 2 skips every other cell
    assert e.slider.max == e.output.size - 1 and e.play.max == e.slider.max


def test_play_and_step_button_move_the_window():
    e = ConvolutionExplorer(n=4, k=2, p=0, s=2)               # note 001's conv2d_3: 2×2 output
    e.play.value = 3
    assert e.slider.value == 3 and e.position == (1, 1)
    e.button.click()
    assert e.position == (0, 0)


def test_floor_marks_the_cells_no_window_reaches():
    e = ConvolutionExplorer(n=8, k=3, p=0, s=2)
    assert "⌊2.5⌋" in e.formula_text and "last 1 row(s)" in e.formula_text
    assert e.never_visited() == {(7, c) for c in range(8)} | {(r, 7) for r in range(8)}
    assert ConvolutionExplorer(n=7, k=3, p=0, s=2).never_visited() == set()


def test_invalid_setting_shows_the_library_message():
    e = ConvolutionExplorer(n=4, k=3, p=0)
    e.controls["k"].value = 6                                  # 6 > 4 + 2·0
    assert "larger than the padded input" in e.error
    assert "larger than the padded input" in e.view.value
    assert e.position is None and e.window == [] and e.output_values.size == 0
    assert e.slider.disabled and e.button.disabled
    e.step()                                                   # no crash
    e.controls["p"].value = 1                                  # 6 ≤ 4 + 2·1: valid again
    assert e.error == "" and e.output.shape == (1, 1) and not e.button.disabled


def test_own_input_and_kernel_are_kept_while_sizes_match():
    x = np.arange(1, 17).reshape(4, 4)[::-1]                   # note 001's grid, 1 at the bottom left
    kernel = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    e = ConvolutionExplorer(p=1, x=x, kernel=kernel)
    assert e.settings["n"] == 4 and e.settings["k"] == 3
    np.testing.assert_allclose(e.output, torch_output(e))
    assert e.output[0, 0] == 13 + 10 + 0                       # padding zeros add nothing
    e.controls["n"].value = 5                                  # no longer x's size: default input
    np.testing.assert_allclose(e.x, np.arange(1, 26).reshape(5, 5))


@pytest.mark.parametrize("kwargs, word", [
    ({"n": 0}, "input n"), ({"k": 2.5}, "kernel k"), ({"p": -1}, "padding p"),
    ({"s": 9}, "stride s"), ({"d": True}, "dilation d"),
    ({"x": np.zeros((2, 3))}, "square"), ({"kernel": np.zeros((8, 8))}, "kernel"),
])
def test_bad_arguments_name_the_argument(kwargs, word):
    with pytest.raises(ValueError, match=word):
        ConvolutionExplorer(**kwargs)


def test_chinese_labels_and_messages(lang):
    lang("zh")
    e = ConvolutionExplorer(n=3, k=5, p=0)
    assert e.controls["s"].description == "步幅 s"
    assert "卷积核" in e.error and "卷积核" in e.view.value
    with pytest.raises(ValueError, match="步幅 s"):
        ConvolutionExplorer(s=0)
