"""cnnlab.ops: every NumPy operator against torch.nn.functional (float64, 1e-5)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings, strategies as st

from cnnlab.ops import (avg_pool2d, avg_pool2d_backward, batch_norm, batch_norm_backward, conv2d,
                        conv2d_backward, conv2d_im2col, corr2d, im2col, max_pool2d,
                        max_pool2d_backward, numerical_gradient, relative_error)

TOL = dict(rtol=1e-5, atol=1e-5)
few = settings(max_examples=25, deadline=None)


def t(a):
    return torch.from_numpy(np.ascontiguousarray(a))


def test_corr2d_lesson_example():
    X = np.arange(1, 10).reshape(3, 3)
    K = np.array([[0, 1], [2, 3]])
    np.testing.assert_array_equal(corr2d(X, K), [[25, 31], [43, 49]])


def test_corr2d_edge_detector():
    image = np.ones((6, 8))
    image[:, 2:6] = 0
    expected = F.conv2d(t(image)[None, None], t(np.array([[1.0, -1.0]]))[None, None])[0, 0].numpy()
    np.testing.assert_array_equal(corr2d(image, [[1.0, -1.0]]), expected)


@st.composite
def conv_case(draw):
    groups = draw(st.integers(1, 3))
    c_in, c_out = groups * draw(st.integers(1, 2)), groups * draw(st.integers(1, 2))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    stride = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    h = draw(st.integers(dilation[0] * (kh - 1) + 1, 8))
    w = draw(st.integers(dilation[1] * (kw - 1) + 1, 8))
    n = draw(st.integers(1, 2))
    bias = draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    x = rng.standard_normal((n, c_in, h, w))
    weight = rng.standard_normal((c_out, c_in // groups, kh, kw))
    b = rng.standard_normal(c_out) if bias else None
    return x, weight, b, dict(stride=stride, padding=padding, dilation=dilation, groups=groups)


def torch_conv(x, weight, b, options):
    return F.conv2d(t(x), t(weight), None if b is None else t(b), **options).numpy()


@few
@given(conv_case())
def test_conv2d_matches_torch(case):
    x, weight, b, options = case
    np.testing.assert_allclose(conv2d(x, weight, b, **options), torch_conv(x, weight, b, options), **TOL)


@few
@given(conv_case())
def test_conv2d_im2col_matches_torch(case):
    x, weight, b, options = case
    np.testing.assert_allclose(conv2d_im2col(x, weight, b, **options), torch_conv(x, weight, b, options), **TOL)


def test_im2col_matches_unfold():
    x = np.random.default_rng(0).standard_normal((2, 3, 7, 6))
    cols = im2col(x, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2))
    unfolded = F.unfold(t(x), (3, 2), dilation=(1, 2), padding=(1, 0), stride=(2, 1))  # (N, C·k·k, L)
    np.testing.assert_array_equal(cols, unfolded.permute(1, 0, 2).reshape(cols.shape).numpy())


@few
@given(conv_case())
def test_conv2d_backward_matches_autograd(case):
    x, weight, b, options = case
    xt, wt = t(x).requires_grad_(), t(weight).requires_grad_()
    bt = None if b is None else t(b).requires_grad_()
    out = F.conv2d(xt, wt, bt, **options)
    dout = np.random.default_rng(1).standard_normal(out.shape)
    out.backward(t(dout))
    dx, dw, db = conv2d_backward(dout, x, weight, **options)
    np.testing.assert_allclose(dx, xt.grad.numpy(), **TOL)
    np.testing.assert_allclose(dw, wt.grad.numpy(), **TOL)
    if b is not None:
        np.testing.assert_allclose(db, bt.grad.numpy(), **TOL)


@st.composite
def pool_case(draw):
    k = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = draw(st.one_of(st.none(), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    padding = (draw(st.integers(0, k[0] // 2)), draw(st.integers(0, k[1] // 2)))
    h, w = draw(st.integers(k[0], 8)), draw(st.integers(k[1], 8))
    x = np.random.default_rng(draw(st.integers(0, 2**16))).standard_normal((2, 2, h, w))
    return x, dict(kernel_size=k, stride=stride, padding=padding)


@few
@given(pool_case())
def test_pooling_matches_torch(case):
    x, options = case
    np.testing.assert_allclose(max_pool2d(x, **options), F.max_pool2d(t(x), **options).numpy(), **TOL)
    np.testing.assert_allclose(avg_pool2d(x, **options), F.avg_pool2d(t(x), **options).numpy(), **TOL)


@few
@given(pool_case())
def test_pooling_backward_matches_autograd(case):
    x, options = case
    for ours, forward, theirs in ((max_pool2d_backward, max_pool2d, F.max_pool2d),
                                  (avg_pool2d_backward, avg_pool2d, F.avg_pool2d)):
        xt = t(x).requires_grad_()
        out = theirs(xt, **options)
        dout = np.random.default_rng(2).standard_normal(out.shape)
        out.backward(t(dout))
        np.testing.assert_allclose(ours(dout, x, **options), xt.grad.numpy(), **TOL)


@few
@given(shape=st.sampled_from([(4, 3), (3, 2, 4, 5), (2, 3, 1, 1)]), momentum=st.floats(0.0, 1.0),
       seed=st.integers(0, 2**16))
def test_batch_norm_training_and_eval_match_torch(shape, momentum, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 3 + 1
    c = shape[1]
    weight, bias = rng.standard_normal(c), rng.standard_normal(c)
    mean, var = rng.standard_normal(c), rng.uniform(0.5, 2, c)
    mean_t, var_t = t(mean.copy()), t(var.copy())
    out = batch_norm(x, mean, var, weight, bias, training=True, momentum=momentum)
    ref = F.batch_norm(t(x), mean_t, var_t, t(weight), t(bias), training=True, momentum=momentum)
    np.testing.assert_allclose(out, ref.numpy(), **TOL)
    np.testing.assert_allclose(mean, mean_t.numpy(), **TOL)     # running statistics updated alike
    np.testing.assert_allclose(var, var_t.numpy(), **TOL)
    out = batch_norm(x, mean, var, weight, bias, training=False)
    ref = F.batch_norm(t(x), mean_t, var_t, t(weight), t(bias), training=False)
    np.testing.assert_allclose(out, ref.numpy(), **TOL)


def test_batch_norm_matches_the_module():
    layer = torch.nn.BatchNorm2d(3).double()
    rng = np.random.default_rng(0)
    mean, var = np.zeros(3), np.ones(3)
    for _ in range(3):
        x = rng.standard_normal((4, 3, 5, 5))
        np.testing.assert_allclose(batch_norm(x, mean, var, training=True),
                                   layer(t(x)).detach().numpy(), **TOL)
    np.testing.assert_allclose(var, layer.running_var.numpy(), **TOL)


@few
@given(shape=st.sampled_from([(5, 3), (3, 2, 3, 4)]), seed=st.integers(0, 2**16))
def test_batch_norm_backward_matches_autograd(shape, seed):
    rng = np.random.default_rng(seed)
    x, weight, bias = rng.standard_normal(shape), rng.standard_normal(shape[1]), rng.standard_normal(shape[1])
    xt, wt, bt = (t(a).requires_grad_() for a in (x, weight, bias))
    out = F.batch_norm(xt, None, None, wt, bt, training=True)
    dout = rng.standard_normal(shape)
    out.backward(t(dout))
    for ours, theirs in zip(batch_norm_backward(dout, x, weight), (xt, wt, bt)):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), **TOL)


# ---- numerical gradient checks (cs231n style) -----------------------------------
def check(forward, backward_value, x, dout):
    numeric = numerical_gradient(forward, x, dout)
    assert relative_error(backward_value, numeric) < 1e-6


def test_gradcheck_conv2d():
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((2, 4, 5, 6)), rng.standard_normal((4, 2, 3, 2)), rng.standard_normal(4)
    options = dict(stride=(2, 1), padding=1, dilation=(1, 2), groups=2)
    dout = rng.standard_normal(conv2d(x, w, b, **options).shape)
    dx, dw, db = conv2d_backward(dout, x, w, **options)
    check(lambda v: conv2d(v, w, b, **options), dx, x, dout)
    check(lambda v: conv2d(x, v, b, **options), dw, w, dout)
    check(lambda v: conv2d(x, w, v, **options), db, b, dout)


def test_gradcheck_pooling():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 6, 5))
    for forward, backward in ((max_pool2d, max_pool2d_backward), (avg_pool2d, avg_pool2d_backward)):
        options = dict(kernel_size=3, stride=2, padding=1)
        dout = rng.standard_normal(forward(x, **options).shape)
        check(lambda v: forward(v, **options), backward(dout, x, **options), x, dout)


def test_gradcheck_batch_norm():
    rng = np.random.default_rng(2)
    x, gamma, beta = rng.standard_normal((4, 3, 2, 2)) * 2 + 1, rng.standard_normal(3), rng.standard_normal(3)
    dout = rng.standard_normal(x.shape)
    dx, dgamma, dbeta = batch_norm_backward(dout, x, gamma)
    check(lambda v: batch_norm(v, None, None, gamma, beta, training=True), dx, x, dout)
    check(lambda v: batch_norm(x, None, None, v, beta, training=True), dgamma, gamma, dout)
    check(lambda v: batch_norm(x, None, None, gamma, v, training=True), dbeta, beta, dout)


def test_gradcheck_catches_a_wrong_backward():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 1, 4, 4))
    dout = rng.standard_normal((1, 1, 2, 2))
    wrong = avg_pool2d_backward(dout, x, 2) * 2          # a factor 2 too large
    assert relative_error(wrong, numerical_gradient(lambda v: avg_pool2d(v, 2), x, dout)) > 0.1


@pytest.mark.parametrize("call, words", [
    (lambda: conv2d(np.zeros((1, 3, 4, 4)), np.zeros((2, 2, 3, 3))), "channels"),
    (lambda: conv2d(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3))), "larger than the padded input"),
    (lambda: conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), stride=0), "stride"),
    (lambda: conv2d(np.zeros((4, 4)), np.zeros((1, 1, 3, 3))), "4-D"),
    (lambda: max_pool2d(np.zeros((1, 1, 4, 4)), 2, padding=2), "half"),
])
def test_bad_arguments(call, words):
    with pytest.raises(ValueError, match=words):
        call()
