"""cnnlab.geometry against torch.nn: every formula on a grid of sizes, kernels, strides, paddings, dilations."""

import itertools
import warnings

import pytest
import torch
from torch import nn

import cnnlab
from cnnlab.geometry import (adaptive_windows, check_pool_padding, conv_out_size, effective_kernel, ntuple,
                             pair, pool_out_size, same_padding_sides, transposed_out_size)

SIZES, KERNELS, STRIDES, PADDINGS, DILATIONS = range(1, 10), range(1, 5), range(1, 4), range(0, 3), range(1, 3)


def torch_size(layer, n):
    """Output height of ``layer`` on an n×n input, or None when PyTorch refuses it (or gives 0)."""
    try:
        with torch.no_grad():
            return layer(torch.zeros(1, 1, n, n)).shape[2] or None
    except RuntimeError:
        return None


def ours(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValueError:
        return None


def test_pair_and_ntuple():
    assert pair(3, "k") == (3, 3)
    assert pair((3, 5), "k") == (3, 5)
    assert pair([0, 2], "p", 0) == (0, 2)
    assert ntuple(2, 3, "k") == (2, 2, 2)


@pytest.mark.parametrize("value, words", [
    ((1, 2, 3), "stride must be an integer or an \\(h, w\\) pair"),
    (2.0, "write it like 3 or \\(3, 5\\)"),
    (True, "integer"),
    (0, "stride must be >= 1, got 0"),
])
def test_pair_errors_name_the_argument_and_the_fix(value, words):
    with pytest.raises(ValueError, match=words):
        pair(value, "stride")


def test_pair_error_in_chinese(lang):
    lang("zh")
    with pytest.raises(ValueError, match="步幅 必须 ≥ 1"):
        pair(0, "步幅")


@pytest.mark.parametrize("k, d", list(itertools.product(KERNELS, DILATIONS)))
def test_effective_kernel_is_the_span_torch_reads(k, d):
    # an input exactly k' wide gives one output; one pixel less gives none
    k_eff = effective_kernel(k, d)
    assert torch_size(nn.Conv2d(1, 1, k, dilation=d), k_eff) == 1
    assert k_eff == 1 or torch_size(nn.Conv2d(1, 1, k, dilation=d), k_eff - 1) is None


def test_conv_out_size_matches_conv2d():
    for n, k, s, p, d in itertools.product(SIZES, KERNELS, STRIDES, PADDINGS, DILATIONS):
        want = torch_size(nn.Conv2d(1, 1, k, s, p, d), n)
        assert ours(conv_out_size, n, k, s=s, p=p, d=d) == want, (n, k, s, p, d)


def test_total_padding_is_twice_the_per_side_padding():
    for n, k, s, p in itertools.product(SIZES, KERNELS, STRIDES, PADDINGS):
        assert ours(conv_out_size, n, k, s=s, p_total=2 * p) == ours(conv_out_size, n, k, s=s, p=p)


@pytest.mark.parametrize("pool", [nn.MaxPool2d, nn.AvgPool2d])
@pytest.mark.parametrize("ceil_mode", [False, True])
def test_pool_out_size_matches_torch(pool, ceil_mode):
    for n, k, s, p in itertools.product(SIZES, KERNELS, STRIDES, PADDINGS):
        if 2 * p > k:       # PyTorch refuses it too (checked below)
            continue
        want = torch_size(pool(k, s, p, ceil_mode=ceil_mode), n)
        assert ours(pool_out_size, n, k, s=s, p=p, ceil_mode=ceil_mode) == want, (n, k, s, p, ceil_mode)


def test_pool_out_size_with_dilation_matches_maxpool():
    for n, k, s, p, d in itertools.product(SIZES, KERNELS, STRIDES, PADDINGS, DILATIONS):
        for ceil_mode in (False, True):
            if 2 * p > k:
                continue
            want = torch_size(nn.MaxPool2d(k, s, p, d, ceil_mode=ceil_mode), n)
            assert ours(pool_out_size, n, k, s=s, p=p, d=d, ceil_mode=ceil_mode) == want, (n, k, s, p, d, ceil_mode)


def test_ceil_mode_drops_a_window_that_starts_in_the_right_padding():
    # n = 5, k = 2, s = 2, p = 1: ⌈(5 + 2 − 2) / 2⌉ + 1 = 4, but window 4 would start at 6 = n + p
    assert pool_out_size(5, 2, s=2, p=1, ceil_mode=True) == 3 == torch_size(nn.MaxPool2d(2, 2, 1, ceil_mode=True), 5)


def test_pool_stride_defaults_to_the_kernel():
    assert pool_out_size(8, 2) == torch_size(nn.MaxPool2d(2), 8) == 4


@pytest.mark.parametrize("k, p", list(itertools.product(KERNELS, range(0, 4))))
def test_pool_padding_rule_is_torchs(k, p):
    torch_accepts = torch_size(nn.MaxPool2d(k, 1, p), 12) is not None
    if torch_accepts:
        check_pool_padding(k, p)                                 # raises nothing
    else:
        with pytest.raises(ValueError, match="half"):
            check_pool_padding(k, p)


def test_transposed_out_size_matches_convtranspose2d():
    for n, k, s, p, d in itertools.product(range(1, 6), KERNELS, STRIDES, PADDINGS, DILATIONS):
        for o in range(0, 3):
            if o >= max(s, d):
                with pytest.raises(ValueError, match="output_padding"):
                    transposed_out_size(n, k, s=s, p=p, d=d, output_padding=o)
                continue
            want = torch_size(nn.ConvTranspose2d(1, 1, k, s, p, output_padding=o, dilation=d), n)
            assert ours(transposed_out_size, n, k, s=s, p=p, d=d, output_padding=o) == want, (n, k, s, p, d, o)


@pytest.mark.parametrize("k, d", list(itertools.product(range(1, 8), DILATIONS)))
def test_same_padding_sides_keep_the_size_like_padding_same(k, d):
    before, after = same_padding_sides(k, d)
    x = torch.randn(1, 1, 9, 9, generator=torch.Generator().manual_seed(0))
    conv = nn.Conv2d(1, 1, k, padding="same", dilation=d, bias=False)
    by_hand = nn.functional.conv2d(nn.functional.pad(x, (before, after, before, after)), conv.weight,
                                   dilation=d)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")                          # even kernels: "needs a padded copy"
        assert torch.allclose(conv(x), by_hand)
    assert by_hand.shape[2:] == (9, 9)
    assert (before == after) == (d * (k - 1) % 2 == 0)


@pytest.mark.parametrize("n, m", [(n, m) for n in range(1, 11) for m in range(1, 11)])
def test_adaptive_windows_are_torchs(n, m):
    # pool a one-hot input per input pixel: output i is nonzero exactly when pixel j is in window i
    windows = adaptive_windows(n, m)
    eye = torch.eye(n).reshape(n, 1, 1, n)                       # n one-hot rows, each 1×n
    seen = nn.AdaptiveMaxPool2d((1, m))(eye).reshape(n, m)       # seen[j, i]: window i contains j
    for i, (start, end) in enumerate(windows):
        assert seen[:, i].nonzero().flatten().tolist() == list(range(start, end)), (n, m, i)
    avg = nn.AdaptiveAvgPool2d((1, m))(torch.arange(n, dtype=torch.float64).reshape(1, 1, 1, n)).flatten()
    assert avg.tolist() == pytest.approx([sum(range(a, b)) / (b - a) for a, b in windows])
