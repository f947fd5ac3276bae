"""One contract for the geometry functions and the arithmetic built on them: PyTorch's order
(n, k, s, p, d) with everything after k by keyword, arguments checked with a message that names them
in the lesson's language, and channel counts that are one number, never a pair."""

import inspect

import pytest

from cnnlab import arith, geometry

SIZE_FUNCTIONS = [geometry.conv_out_size, geometry.pool_out_size, geometry.transposed_out_size,
                  arith.conv_output_size, arith.pool_output_size, arith.transposed_conv_output_size]


@pytest.mark.parametrize("function", SIZE_FUNCTIONS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_size_functions_take_n_and_k_then_keywords_in_torchs_order(function):
    parameters = inspect.signature(function).parameters
    positional = [name for name, p in parameters.items() if p.kind == p.POSITIONAL_OR_KEYWORD]
    keywords = [name for name, p in parameters.items() if p.kind == p.KEYWORD_ONLY]
    assert positional == ["n", "k"]
    assert keywords[:3] == ["s", "p", "d"]
    with pytest.raises(TypeError):
        function(7, 3, 2)                      # a third positional argument: stride or padding? refused


@pytest.mark.parametrize("call, words", [
    (lambda: geometry.conv_out_size(5, 3, s=0), "stride s must be >= 1, got 0"),
    (lambda: geometry.conv_out_size(5, 3, p=-1), "per-side padding p must be >= 0, got -1"),
    (lambda: geometry.conv_out_size(5, 3, s=1.5), "stride s must be one integer, got 1.5"),
    (lambda: geometry.conv_out_size(0, 3), "input size n must be >= 1, got 0"),
    (lambda: geometry.conv_out_size(5, 3, p_total=-2), "total padding p_total must be >= 0"),
    (lambda: geometry.pool_out_size(5, 2, d=0), "dilation d must be >= 1, got 0"),
    (lambda: geometry.transposed_out_size(5, 3, s=0), "stride s must be >= 1, got 0"),
    (lambda: geometry.effective_kernel(True), "kernel size k must be one integer, got True"),
    (lambda: geometry.same_padding_sides(0), "kernel size k must be >= 1"),
    (lambda: geometry.adaptive_windows(7, 0), "output size m must be >= 1"),
])
def test_bad_geometry_arguments_raise_value_errors_that_name_them(call, words, lang):
    lang("en")
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(".", r"\.")):
        call()


def test_a_zero_stride_is_named_in_chinese_not_a_division_by_zero(lang):
    lang("zh")
    with pytest.raises(ValueError, match="步幅 s 必须 ≥ 1，收到 0"):
        geometry.conv_out_size(5, 3, s=0)


@pytest.mark.parametrize("call, words", [
    (lambda: arith.conv_params((3, 5), 96, 11), "input channels c_in must be one integer, got \\(3, 5\\)"),
    (lambda: arith.conv_params(3, [96, 96], 11), "output channels c_out must be one integer"),
    (lambda: arith.conv_macs(192, 32, 5, 28, groups=(1, 1)), "groups must be one integer"),
    (lambda: arith.neuron_count((96, 3), 55), "channels must be one integer, got \\(96, 3\\)"),
])
def test_channel_arguments_reject_pairs(call, words, lang):
    lang("en")
    with pytest.raises(ValueError, match=words):
        call()


def test_channel_pairs_are_refused_in_chinese_too(lang):
    lang("zh")
    with pytest.raises(ValueError, match="输入通道数 c_in 应为一个整数"):
        arith.conv_params((3, 5), 96, 11)
