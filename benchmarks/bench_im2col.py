"""conv2d_im2col (NumPy) against torch.nn.functional.conv2d on the CPU.

    python benchmarks/bench_im2col.py

Three typical layer shapes, float32, a batch of 32 images; prints the median
time of each and the ratio NumPy / torch (goal: within 3×). The loop versions
in ``cnnlab.ops.conv`` are for reading and are not timed.
"""

import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from cnnlab.ops import conv2d_im2col

BATCH = 32
LAYERS = [  # name, (C_in, H, W), (C_out, k), stride, padding
    ("LeNet C1: 1→6, 5×5 on 32×32", (1, 32, 32), (6, 5), 1, 0),
    ("3×3 64→64 on 28×28, pad 1", (64, 28, 28), (64, 3), 1, 1),
    ("1×1 bottleneck 256→64 on 14×14", (256, 14, 14), (64, 1), 1, 0),
]


def median_times(fns, repeats):
    """Median seconds of each function; calls alternate so that load on the machine hits all alike."""
    times = [[] for _ in fns]
    for fn in fns:
        fn()                               # warm up
    for _ in range(repeats):
        for fn, record in zip(fns, times):
            start = time.perf_counter()
            fn()
            record.append(time.perf_counter() - start)
    return [float(np.median(t)) for t in times]


def main(repeats=15):
    print(f"CPU threads: os.cpu_count() = {os.cpu_count()}, torch.get_num_threads() = "
          f"{torch.get_num_threads()}; load average {os.getloadavg()[0]:.2f}; "
          f"batch {BATCH}, float32, median of {repeats}")
    print(f"{'layer':34s} {'im2col ms':>10s} {'torch ms':>10s} {'ratio':>7s}")
    rng = np.random.default_rng(0)
    ratios = []
    for name, (c_in, h, w), (c_out, k), stride, padding in LAYERS:
        x = rng.standard_normal((BATCH, c_in, h, w), dtype=np.float32)
        weight = rng.standard_normal((c_out, c_in, k, k), dtype=np.float32)
        bias = rng.standard_normal(c_out, dtype=np.float32)
        xt, wt, bt = map(torch.from_numpy, (x, weight, bias))
        ours = conv2d_im2col(x, weight, bias, stride, padding)
        theirs = F.conv2d(xt, wt, bt, stride, padding).numpy()
        assert np.allclose(ours, theirs, atol=1e-3, rtol=1e-4), name
        with torch.no_grad():
            t_numpy, t_torch = median_times([lambda: conv2d_im2col(x, weight, bias, stride, padding),
                                             lambda: F.conv2d(xt, wt, bt, stride, padding)], repeats)
        ratios.append(t_numpy / t_torch)
        print(f"{name:34s} {t_numpy * 1e3:10.2f} {t_torch * 1e3:10.2f} {ratios[-1]:6.2f}×")
    print(f"largest ratio {max(ratios):.2f}× (goal ≤ 3×)")


if __name__ == "__main__":
    main()
