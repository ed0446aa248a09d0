"""One large p-median solve in its own process, so its peak memory can be measured.

    .venv/bin/python bench/scale_child.py --data /work/shared/benchmarks --method auto \
        --time-limit 60 [--save-costs /tmp/c.npy --save-weights /tmp/w.npy]

Instance: the 100,000 customers of covering/BDS/BDS100000.txt (demand as weight) x 2,000
sites at ``numpy.random.default_rng(1).uniform(0, 30, (2000, 2))``, Euclidean, float32,
p = 100. Prints one JSON line: the result, the seconds to build the matrix, and the
process' peak RSS (``ru_maxrss``) after building the matrix and after solving.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from instances import euclidean, read_bds  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--method", default="auto")
    ap.add_argument("--p", type=int, default=100)
    ap.add_argument("--sites", type=int, default=2000)
    ap.add_argument("--time-limit", type=float, default=None)
    ap.add_argument("--save-costs")
    ap.add_argument("--save-weights")
    args = ap.parse_args()

    from weerbaar.engines.siting import PMedian

    t = time.perf_counter()
    _, cust, demand = read_bds(Path(args.data), 100000)
    sites = np.random.default_rng(1).uniform(0, 30, (args.sites, 2))
    costs = euclidean(cust, sites, dtype=np.float32)
    build_s = time.perf_counter() - t
    peak_after_matrix = peak_mb()

    res = PMedian(p=args.p).solve(
        costs, demand, method=args.method, seed=0, time_limit=args.time_limit
    )
    peak_after_solve = peak_mb()
    # Independent check of the objective, in float64 over the selected columns.
    sel = np.asarray(res.selected, dtype=np.int64)
    check = float(demand @ costs[:, sel].min(axis=1).astype(np.float64)) if len(sel) else None
    if args.save_costs:
        np.save(args.save_costs, costs)
    if args.save_weights:
        np.save(args.save_weights, demand)
    print(
        json.dumps(
            {
                "shape": list(costs.shape),
                "dtype": str(costs.dtype),
                "matrix_mb": costs.nbytes / 2**20,
                "matrix_build_s": build_s,
                "peak_mb_after_matrix": peak_after_matrix,
                "peak_mb": peak_after_solve,
                "result": res.to_dict(),
                "objective_check": check,
            }
        )
    )


if __name__ == "__main__":
    main()
