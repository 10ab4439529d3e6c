"""numpy side of bench/compare-numpy/svd.mjs: a line server timing one call per request.

Started by the driver with the matrices in a temp folder (m_n.f64, row-major doubles); reads
lines 'svd I', 'values I', 'lstsq I' (I = matrix index) and answers the call's milliseconds:
wall time, or with --cpu this process's CPU time (one BLAS thread: unaffected by other jobs'
share of the machine).
The first line it prints is threadpoolctl's report of the BLAS that numpy runs.
"""
import ctypes
import json
import os
import sys
import time

import numpy as np

try:
    import threadpoolctl
except ImportError:  # Debian's python3-threadpoolctl, when numpy lives in another Python
    sys.path.append("/usr/lib/python3/dist-packages")
    import threadpoolctl

folder = sys.argv[1]
clock = time.process_time if "--cpu" in sys.argv[2:] else time.perf_counter
with open(os.path.join(folder, "index.json")) as f:
    shapes = json.load(f)
mats = []
for m, n in shapes:
    a = np.fromfile(os.path.join(folder, f"{m}_{n}.f64"), dtype=np.float64).reshape(m, n)
    b = np.fromfile(os.path.join(folder, f"{m}_{n}.b.f64"), dtype=np.float64)
    mats.append((a, b))

info = [
    {k: p.get(k) for k in ("internal_api", "version", "num_threads", "architecture")}
    for p in threadpoolctl.threadpool_info()
]
if not info:
    # threadpoolctl 3.1 (Debian's) does not know numpy 2's scipy_openblas build: ask OpenBLAS.
    np.linalg.svd(np.eye(2))
    with open("/proc/self/maps") as f:
        libs = sorted({ln.split()[-1] for ln in f if "openblas" in ln.lower()})
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                get = getattr(lib, f"{prefix}get_corename{suffix}", None)
                if get is not None and not info:
                    get.restype = ctypes.c_char_p
                    conf = getattr(lib, f"{prefix}get_config{suffix}")
                    conf.restype = ctypes.c_char_p
                    info.append({"library": os.path.basename(path), "config": conf().decode(),
                                 "corename": get().decode()})
print(json.dumps({"numpy": np.__version__, "blas": info}), flush=True)

ops = {
    "svd": lambda a, b: np.linalg.svd(a, full_matrices=False),
    "values": lambda a, b: np.linalg.svd(a, compute_uv=False),
    "lstsq": lambda a, b: np.linalg.lstsq(a, b, rcond=None),
}
for line in sys.stdin:
    op, i = line.split()
    a, b = mats[int(i)]
    t0 = clock()
    ops[op](a, b)
    print(f"{(clock() - t0) * 1e3:.4f}", flush=True)
