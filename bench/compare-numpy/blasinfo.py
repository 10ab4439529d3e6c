"""Which BLAS numpy runs here: threadpoolctl's report when it can be imported (from this Python
or Debian's python3-threadpoolctl), else numpy.show_config's BLAS section."""
import ctypes
import io
import os
import sys
from contextlib import redirect_stdout

import numpy as np


def blas_info():
    try:
        import threadpoolctl
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import threadpoolctl
        except ImportError:
            threadpoolctl = None
    if threadpoolctl is not None:
        np.dot(np.ones((2, 2)), np.ones((2, 2)))  # load the BLAS before asking
        pools = threadpoolctl.threadpool_info()
        keep = ("internal_api", "version", "num_threads", "architecture", "prefix")
        found = [{k: p.get(k) for k in keep} for p in pools]
        if found:
            return {"source": "threadpoolctl", "pools": found}
    info = {"source": "numpy.show_config"}
    core = openblas_corename()
    if core:
        info["runtime kernel (openblas get_corename)"] = core
    cfg = np.show_config(mode="dicts") if hasattr(np, "show_config") else None
    if isinstance(cfg, dict):
        deps = cfg.get("Build Dependencies", {})
        blas = deps.get("blas") or {}
        return {**info, "blas": blas.get("name"), "version": blas.get("version"),
                "config": blas.get("openblas configuration")}
    out = io.StringIO()
    with redirect_stdout(out):
        np.show_config()
    return {**info, "text": out.getvalue()[:2000]}


def openblas_corename():
    """The kernel OpenBLAS picked at load time (DYNAMIC_ARCH builds choose per CPU)."""
    np.dot(np.ones((2, 2)), np.ones((2, 2)))
    with open("/proc/self/maps") as maps:
        paths = sorted({ln.split()[-1] for ln in maps if "openblas" in ln.lower()})
    for path in paths:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename",
                     "openblas_get_corename64_", "openblas_get_corename"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return f"{fn().decode()} ({os.path.basename(path)})"
    return None
