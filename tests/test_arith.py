"""cnnlab.arith: classic worked examples (AlexNet, LeNet, GoogLeNet), and agreement with PyTorch's layers."""

import pytest
import torch
from hypothesis import given, settings, strategies as st
from torch import nn

import cnnlab
from cnnlab.arith import (conv_macs, conv_output_size, conv_params, neuron_count,
                          pool_output_size, same_padding, transposed_conv_output_size)


@pytest.fixture(autouse=True)
def english(lang):
    lang("en")


def torch_out(layer, n):
    """Spatial output size of a real layer on an n×n (or h×w) input."""
    h, w = n if isinstance(n, tuple) else (n, n)
    with torch.no_grad():
        return tuple(layer(torch.zeros(1, layer_in(layer), h, w)).shape[2:])


def layer_in(layer):
    return getattr(layer, "in_channels", 1)


# ---- classic worked examples ---------------------------------------------------------
def test_alexnet_first_layer_gives_55_and_34944_parameters():
    conv = nn.Conv2d(3, 96, 11, stride=4)
    assert conv_output_size(227, 11, s=4) == 55 == torch_out(conv, 227)[0]
    assert neuron_count(96, 55) == 290_400 == torch.zeros(1, 96, 55, 55).numel()
    assert conv_params(3, 96, 11) == 34_944 == sum(p.numel() for p in conv.parameters())


def test_per_side_padding_keeps_or_grows_a_4_pixel_input():
    for p, expected in ((1, 4), (2, 6)):
        assert conv_output_size(4, 3, p=p) == expected == torch_out(nn.Conv2d(1, 1, 3, padding=p), 4)[0]


def test_total_padding_counts_both_sides_together():
    # (n − k + p_total + s) / s with p_total counting both sides
    assert conv_output_size(4, 3, p_total=2) == 4
    assert conv_output_size(4, 3, p_total=4) == 6
    assert conv_output_size(8, 3, p_total=2, s=2) == (8 - 3 + 2 + 2) // 2 == 4
    assert conv_output_size(7, 3, p_total=1, s=2) == (7 - 3 + 1 + 2) // 2 == 3


def test_one_by_one_bottleneck_cuts_the_macs_tenfold():
    direct = conv_macs(192, 32, 5, 28)
    assert direct == 28 * 28 * 192 * 5 * 5 * 32 == 120_422_400
    first, second = conv_macs(192, 16, 1, 28), conv_macs(16, 32, 5, 28)
    assert (first, second) == (2_408_448, 10_035_200)
    assert first + second == 12_443_648
    # the same numbers from FlopCounterMode on real layers (2 FLOPs per MAC)
    from torch.utils.flop_counter import FlopCounterMode
    with FlopCounterMode(display=False) as counter:
        nn.Conv2d(192, 32, 5, padding=2)(torch.zeros(1, 192, 28, 28))
    assert counter.get_total_flops() == 2 * direct


def test_lenet_c3_full_connection_params():
    assert conv_params(6, 16, 5) == 16 * (6 * 25 + 1) == 2416
    assert conv_params(6, 16, 5, bias=False) == 2400


# ---- explanations --------------------------------------------------------------
def test_explain_shows_the_seed_derivation():
    text = conv_output_size(227, 11, s=4, explain=True)
    assert "(227 − 11 + 2·0) / 4 + 1" in text and text.endswith("55")
    assert text.value == 55
    assert "(11·11·3 + 1)·96" in conv_params(3, 96, 11, explain=True)
    assert "34,944" in conv_params(3, 96, 11, explain=True)
    assert "120,422,400" in conv_macs(192, 32, 5, 28, explain=True)


def test_explain_shows_the_floor_when_it_does_not_divide():
    text = conv_output_size(6, 3, s=2, explain=True)
    assert "⌊1.5⌋" in text and text.value == 2
    assert "⌊" not in conv_output_size(7, 3, s=2, explain=True)


def test_explain_in_chinese(lang):
    lang("zh")
    assert "输出" in conv_output_size(227, 11, s=4, explain=True)
    assert "神经元" in neuron_count(96, 55, explain=True)


def test_explain_dilation_and_pairs():
    text = conv_output_size((7, 9), 3, d=2, explain=True)
    assert text.value == (3, 5)
    assert "h:" in text and "w:" in text and "k' = d·(k − 1) + 1" in text


# ---- agreement with PyTorch on random settings ----------------------------------
settings_small = settings(max_examples=40, deadline=None)


@settings_small
@given(n=st.integers(1, 20), k=st.integers(1, 5), p=st.integers(0, 3),
       s=st.integers(1, 4), d=st.integers(1, 3))
def test_conv_output_size_matches_conv2d(n, k, p, s, d):
    if d * (k - 1) + 1 > n + 2 * p:
        with pytest.raises(ValueError):
            conv_output_size(n, k, s=s, p=p, d=d)
        return
    assert conv_output_size(n, k, s=s, p=p, d=d) == torch_out(nn.Conv2d(1, 1, k, s, p, d), n)[0]
    assert conv_output_size(n, k, s=s, d=d, p_total=2 * p) == conv_output_size(n, k, s=s, p=p, d=d)


@settings_small
@given(h=st.integers(3, 16), w=st.integers(3, 16), kh=st.integers(1, 3), kw=st.integers(1, 3),
       sh=st.integers(1, 3), sw=st.integers(1, 3))
def test_pairs_match_conv2d(h, w, kh, kw, sh, sw):
    conv = nn.Conv2d(1, 1, (kh, kw), (sh, sw))
    assert conv_output_size((h, w), (kh, kw), s=(sh, sw)) == torch_out(conv, (h, w))


@settings_small
@given(n=st.integers(2, 20), k=st.integers(1, 5), s=st.integers(1, 4), p=st.integers(0, 2),
       d=st.integers(1, 2), ceil=st.booleans())
def test_pool_output_size_matches_maxpool(n, k, s, p, d, ceil):
    assert_pool_agrees(n, k, s, p, d, ceil)


def torch_pool_size(n, k, s, p, d, ceil):
    """What nn.MaxPool2d really gives on an n×n input, or None when PyTorch refuses."""
    try:
        return torch_out(nn.MaxPool2d(k, s, p, d, ceil_mode=ceil), n)[0]
    except RuntimeError:        # "Output size is too small" / "pad should be at most half"
        return None


def assert_pool_agrees(n, k, s, p, d, ceil):
    expected = torch_pool_size(n, k, s, p, d, ceil)
    if expected is None:
        with pytest.raises(ValueError):
            pool_output_size(n, k, s=s, p=p, d=d, ceil_mode=ceil)
    else:
        assert pool_output_size(n, k, s=s, p=p, d=d, ceil_mode=ceil) == expected, (n, k, s, p, d, ceil)


def test_pool_output_size_matches_maxpool_on_a_grid():
    """Every small case, including windows larger than the padded input (ceil_mode)."""
    refused = overhanging = 0
    for n in range(1, 8):
        for k in range(1, 6):
            for s in range(1, 5):
                for p in range(0, 3):             # includes p > k/2, which both refuse
                    for d in (1, 2):
                        for ceil in (False, True):
                            assert_pool_agrees(n, k, s, p, d, ceil)
                            fits = d * (k - 1) + 1 <= n + 2 * p
                            refused += torch_pool_size(n, k, s, p, d, ceil) is None
                            overhanging += ceil and not fits and torch_pool_size(n, k, s, p, d, ceil) == 1
    assert refused > 0 and overhanging > 0    # the grid reaches both edge cases


def test_the_numpy_pooling_of_cnnlab_ops_uses_the_same_rule():
    """cnnlab.ops.pool (floor mode only) gives the sizes pool_output_size gives, and refuses alike."""
    import numpy as np
    from cnnlab.ops.pool import max_pool2d
    for n in range(1, 7):
        for k in range(1, 5):
            for s in range(1, 4):
                for p in range(0, 3):
                    x = np.zeros((1, 1, n, n))
                    try:
                        expected = pool_output_size(n, k, s=s, p=p)
                    except ValueError:
                        with pytest.raises(ValueError):
                            max_pool2d(x, k, s, p)
                        continue
                    assert max_pool2d(x, k, s, p).shape[2:] == (expected, expected), (n, k, s, p)


def test_ceil_mode_window_larger_than_the_input():
    # nn.MaxPool2d(3, 2, ceil_mode=True) on a 2×2 input: one window, hanging over the edge
    assert torch_pool_size(2, 3, 2, 0, 1, True) == 1
    assert pool_output_size(2, 3, s=2, ceil_mode=True) == 1
    assert "= 1" in pool_output_size(2, 3, s=2, ceil_mode=True, explain=True)
    with pytest.raises(ValueError, match="padded input"):
        pool_output_size(2, 3, s=2)                     # floor mode: no window fits
    with pytest.raises(ValueError, match="ceil_mode"):
        pool_output_size(2, 5, s=2, ceil_mode=True)       # overhangs by more than s − 1


def test_ceil_mode_drops_a_window_starting_in_the_padding():
    # n = 5, k = 2, s = 2, p = 1: ⌈5/2⌉ + 1 = 4, but window 4 would start at 6 ≥ n + p = 6
    assert torch_pool_size(5, 2, 2, 1, 1, True) == 3
    text = pool_output_size(5, 2, s=2, p=1, ceil_mode=True, explain=True)
    assert text.value == 3 and "dropped" in text


@settings_small
@given(n=st.integers(1, 10), k=st.integers(1, 4), s=st.integers(1, 3), p=st.integers(0, 2),
       d=st.integers(1, 2), o=st.integers(0, 2))
def test_transposed_matches_convtranspose(n, k, s, p, d, o):
    out = (n - 1) * s - 2 * p + d * (k - 1) + o + 1
    if o >= max(s, d) or out < 1:
        with pytest.raises(ValueError):
            transposed_conv_output_size(n, k, s=s, p=p, d=d, output_padding=o)
        return
    layer = nn.ConvTranspose2d(1, 1, k, s, p, output_padding=o, dilation=d)
    assert transposed_conv_output_size(n, k, s=s, p=p, d=d, output_padding=o) == torch_out(layer, n)[0]


@pytest.mark.parametrize("k, d", [(1, 1), (3, 1), (5, 1), (7, 1), (3, 2), (2, 2)])
def test_same_padding_keeps_the_size(k, d):
    p = same_padding(k, d)
    assert torch_out(nn.Conv2d(1, 1, k, padding=p, dilation=d), 11) == (11, 11)


def test_conv_params_and_macs_match_torch_with_groups():
    from torch.utils.flop_counter import FlopCounterMode
    conv = nn.Conv2d(8, 12, (3, 5), groups=4, bias=True)
    assert conv_params(8, 12, (3, 5), groups=4) == sum(p.numel() for p in conv.parameters())
    with FlopCounterMode(display=False) as counter:
        out = conv(torch.zeros(1, 8, 10, 10))
    assert 2 * conv_macs(8, 12, (3, 5), tuple(out.shape[2:]), groups=4) == counter.get_total_flops()


# ---- bad arguments -----------------------------------------------------------------
@pytest.mark.parametrize("call, words", [
    (lambda: conv_output_size(0, 3), "input size n"),
    (lambda: conv_output_size(5, 7), "larger than the padded input"),
    (lambda: conv_output_size(5, 3, s=0), "stride s"),
    (lambda: conv_output_size(5, 3, d=0), "dilation d"),
    (lambda: conv_output_size(5.0, 3), "integer"),
    (lambda: conv_output_size(5, 3, p=-1), "per-side padding p"),
    (lambda: conv_output_size(5, 3, p=1, p_total=2), "p_total"),
    (lambda: conv_output_size(5, True), "integer"),
    (lambda: same_padding(4), "odd"),
    (lambda: conv_params(6, 16, 5, groups=4), "divisible by groups"),
    (lambda: pool_output_size(6, 2, p=2), "half"),
])
def test_bad_arguments_name_the_argument_and_rule(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_errors_follow_the_course_language(lang):
    lang("zh")
    with pytest.raises(ValueError, match="步幅 s"):
        conv_output_size(5, 3, s=0)
    with pytest.raises(ValueError, match="p_total"):
        conv_output_size(5, 3, p=1, p_total=2)


def test_public_names_are_exported():
    assert cnnlab.conv_output_size is conv_output_size
    assert cnnlab.conv_macs(192, 32, 5, 28) == 120_422_400


def test_same_padding_names_dilation_only_when_there_is_some():
    """Lesson 03 shows same padding before it teaches dilation: without d the text has no d."""
    assert "d" not in str(same_padding(5, explain=True)).replace("(", " ").split("=")[0]
    assert "d·" not in str(same_padding(5, explain=True))
    assert "d·(k − 1)" in str(same_padding(3, d=2, explain=True))
    with pytest.raises(ValueError) as no_dilation:
        same_padding(4)
    assert "dilation" not in str(no_dilation.value) and "d·" not in str(no_dilation.value)
    with pytest.raises(ValueError, match="dilation d = 3"):
        same_padding(2, d=3)
