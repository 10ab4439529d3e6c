"""The numpy reproduction of one init-scale sweep, for bench/compare-numpy/sweep.mjs.

Reads the runs that sweep-configs.mjs dumped (A, b, initial factors W1 ... Wh, x, step, loss
tolerance, budget) and trains each by the same plain gradient descent on
L = 1/2 ||A W1 ... Wh x - b||^2 with the same stopping rule as deeplin's trainer: the loss of
every state is tested, loss < lossTol stops (converged), the budget stops, a loss that is not
finite or exceeds 1e12 times the starting loss stops (diverged). A step is gemv for the
forward and backward products and BLAS dger for the rank-one updates, in place. Prints one
JSON line: the header (numpy, BLAS), then per run its steps and end state, then the total
seconds of the training loops alone (setup and JSON parsing excluded, which favours numpy).
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blasinfo import blas_info  # noqa: E402
from dln_step import forward, update  # noqa: E402

EXPLOSION = 1e12


def train(A, b, Ws, x, eta, loss_tol, max_steps):
    start = None
    steps = 0
    while True:
        s = forward(Ws, x)
        r = A @ s[0] - b
        loss = 0.5 * float(r @ r)
        if start is None:
            start = loss
        if not np.isfinite(loss) or loss > EXPLOSION * max(start, 1e-200):
            return steps, loss, "diverged", s[0]
        if loss < loss_tol:
            return steps, loss, "loss", s[0]
        if steps >= max_steps:
            return steps, loss, "budget", s[0]
        update(A, r, s, Ws, x, eta)
        steps += 1


def main():
    runs = json.load(open(sys.argv[1]))
    print(json.dumps({"numpy": np.__version__, "blas": blas_info()}), flush=True)
    prepared = []
    for run in runs:
        A = np.array(run["A"]).reshape(run["n"], run["d"])
        b = np.array(run["b"])
        fs = [np.array(f["data"]).reshape(f["rows"], f["cols"]) for f in run["factors"]]
        Ws = [np.ascontiguousarray(w) for w in fs[:-1]]
        x = fs[-1].ravel().copy()
        prepared.append((A, b, Ws, x, run))
    total = 0.0
    out = []
    for A, b, Ws, x, run in prepared:
        t0 = time.perf_counter()
        steps, loss, reason, theta = train(A, b, Ws, x, run["step"], run["lossTol"],
                                           run["maxSteps"])
        total += time.perf_counter() - t0
        ts = np.array(run["thetaStar"])
        out.append({"steps": steps, "loss": loss, "reason": reason,
                    "relErr": float(np.linalg.norm(theta - ts) / np.linalg.norm(ts))})
    print(json.dumps(out), flush=True)
    print(json.dumps({"trainSeconds": total}), flush=True)


if __name__ == "__main__":
    main()
