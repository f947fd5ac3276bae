"""Checking a backward pass with numbers, as in cs231n's assignments.

For ``L = Σ f(x) · dout`` the gradient is ``∂L/∂x``; estimate each element with a
centred difference and compare with the analytic backward pass::

    ∂L/∂x[i] ≈ (L(x + h·e_i) − L(x − h·e_i)) / (2h)

In float64 with h = 1e-5 a correct backward pass agrees to a relative error
far below 1e-6; a wrong one is off by 1e-2 or more.
"""

import numpy as np


def numerical_gradient(f, x, dout, h=1e-5):
    """Estimate ``∂(Σ f(x)·dout)/∂x`` element by element (changes x and puts it back)."""
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + h
        plus = np.sum(f(x) * dout)
        x[index] = old - h
        minus = np.sum(f(x) * dout)
        x[index] = old
        grad[index] = (plus - minus) / (2 * h)
    return grad


def relative_error(a, b):
    """Largest elementwise ``|a − b| / max(1e-8, |a| + |b|)`` (cs231n's ``rel_error``)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
