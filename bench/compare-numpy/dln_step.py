"""One GD step of a deep linear network theta = W1 ... Wh x in numpy, the baseline for
bench/dln.bench.mjs: gemv for the forward and backward products, BLAS dger for the rank-one
updates in place (no temporary d x m matrix). Prints one JSON line per size: steps per second.

Run single-threaded, e.g.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 python3 dln_step.py 64,256,256,3
"""
import json
import sys
import time

import numpy as np
from scipy.linalg.blas import dger


def make(n, d, m, h, seed=1):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, d)) / np.sqrt(d)
    b = rng.standard_normal(n)
    dims = [d] + [m] * h
    Ws = [rng.standard_normal((dims[i], dims[i + 1])) / np.sqrt(dims[i + 1]) for i in range(h)]
    x = rng.standard_normal(dims[h]) / np.sqrt(dims[h])
    return A, b, Ws, x


def forward(Ws, x):
    """The suffixes s[i] = W_{i+1} ... Wh x (0-based), with s[0] = theta and s[h] = x."""
    h = len(Ws)
    s = [None] * (h + 1)
    s[h] = x
    for i in range(h - 1, -1, -1):
        s[i] = Ws[i] @ s[i + 1]
    return s


def update(A, r, s, Ws, x, eta):
    """Every factor updated in place from the gradients at the state the suffixes s belong to."""
    u = A.T @ r
    for i in range(len(Ws)):
        u_next = Ws[i].T @ u
        # W is C-contiguous, so W.T is the Fortran-ordered view dger updates in place:
        # W.T += alpha * s uᵀ  is  W += alpha * u sᵀ.
        dger(-eta, s[i + 1], u, a=Ws[i].T, overwrite_a=1)
        u = u_next
    x -= eta * u


def step(A, b, Ws, x, eta):
    s = forward(Ws, x)
    r = A @ s[0] - b
    update(A, r, s, Ws, x, eta)
    return 0.5 * float(r @ r)


def bench(n, d, m, h, seconds):
    A, b, Ws, x = make(n, d, m, h)
    eta = 1e-4
    for _ in range(3):
        step(A, b, Ws, x, eta)
    steps = 0
    start = time.perf_counter()
    cpu = time.process_time()
    while True:
        for _ in range(16):
            step(A, b, Ws, x, eta)
        steps += 16
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    return steps / elapsed, steps / (time.process_time() - cpu)


def check():
    """The in-place dger update equals the dense outer-product update."""
    A, b, Ws, x = make(4, 7, 5, 2, seed=3)
    ref = [W.copy() for W in Ws]
    xr = x.copy()
    step(A, b, Ws, x, 0.1)
    h = len(ref)
    s = [None] * (h + 1)
    s[h] = xr
    for i in range(h - 1, -1, -1):
        s[i] = ref[i] @ s[i + 1]
    u = A.T @ (A @ s[0] - b)
    for i in range(h):
        un = ref[i].T @ u
        ref[i] -= 0.1 * np.outer(u, s[i + 1])
        u = un
    assert all(np.allclose(W, R, rtol=0, atol=1e-14) for W, R in zip(Ws, ref))


if __name__ == "__main__":
    check()
    seconds = 1.0
    for arg in sys.argv[1:]:
        if arg.startswith("--seconds="):
            seconds = float(arg.split("=", 1)[1])
            continue
        n, d, m, h = (int(v) for v in arg.split(","))
        rate, cpu_rate = bench(n, d, m, h, seconds)
        print(json.dumps({"impl": "numpy+dger", "n": n, "d": d, "m": m, "h": h,
                          "stepsPerSecond": rate, "cpuStepsPerSecond": cpu_rate}))
