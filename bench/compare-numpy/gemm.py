"""numpy side of bench/compare-numpy/gemm.mjs: a line server timing batches of C = A @ B.

Started with a folder holding n.a.f64 and n.b.f64 (row-major doubles) per size in index.json.
Prints one JSON header (numpy version, BLAS), then answers each line 'N R' with the seconds
that R products at size N took (into a preallocated C), and 'CHECK N' with C's checksum
entries so the driver can compare the product with its own.
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blasinfo import blas_info  # noqa: E402

folder = sys.argv[1]
with open(os.path.join(folder, "index.json")) as f:
    sizes = json.load(f)
mats = {}
for n in sizes:
    a = np.fromfile(os.path.join(folder, f"{n}.a.f64"), dtype=np.float64).reshape(n, n)
    b = np.fromfile(os.path.join(folder, f"{n}.b.f64"), dtype=np.float64).reshape(n, n)
    mats[n] = (a, b, np.empty((n, n)))
print(json.dumps({"numpy": np.__version__, "blas": blas_info()}), flush=True)

for line in sys.stdin:
    words = line.split()
    if words[0] == "CHECK":
        a, b, c = mats[int(words[1])]
        np.matmul(a, b, out=c)
        print(json.dumps(c.ravel().tolist()), flush=True)
        continue
    n, reps = int(words[0]), int(words[1])
    a, b, c = mats[n]
    t0 = time.perf_counter()
    for _ in range(reps):
        np.matmul(a, b, out=c)
    print(time.perf_counter() - t0, flush=True)
