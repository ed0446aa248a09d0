"""The spopt side of the benchmark: build spopt models from cost matrices and solve them.

Run with the benchmark venv (spopt, PuLP, highspy) by ``bench/run.py``; not meant to be
imported. ``--jobs FILE`` holds a JSON list of jobs, run one after the other in this one
process so the slow imports (spopt pulls in geopandas) are paid once; each job is::

    {"id": "...", "model": "pmedian|mclp|lscp|pcenter", "costs": "x.npy",
     "weights": "w.npy", "p": 5, "radius": 10.0, "solver": "cbc|highs", "limit": 120}

One JSON object per line goes to stdout:

    {"event": "ready", "import_s": ...}          after the imports (not counted)
    {"event": "begin", "id": ...}                a job starts (the driver's clock starts)
    {"event": "built", "id": ..., "build_s": ...}  after ``<Model>.from_cost_matrix``
    {"event": "rss", "id": ..., "t": ..., "rss_mb": ...}  every 5 s while a job runs
    {"event": "done", "id": ..., ...}            the outcome of a job
    {"event": "error", "id": ..., "error": "MemoryError", ...}  then the process exits

The timed span of a job is model building (``from_cost_matrix``) plus
``model.solve(solver)`` (PuLP writing/passing the model, the solver, spopt's result
tables); loading the .npy is not counted. The solver gets what is left of the job's
``limit`` after building as its own time limit; the driver kills the process group when a
job overruns and restarts this script for the jobs after it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import threading
import time


def emit(**kw):
    sys.stdout.write(json.dumps(kw) + "\n")
    sys.stdout.flush()


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_job(job, np, pulp, locate):
    costs = np.load(job["costs"])
    weights = np.load(job["weights"]) if job.get("weights") else None
    emit(
        event="begin",
        id=job["id"],
        shape=list(costs.shape),
        dtype=str(costs.dtype),
        rss_mb=rss_mb(),
    )
    t0 = time.perf_counter()
    stop = threading.Event()

    def ticker():
        while not stop.wait(5.0):
            emit(event="rss", id=job["id"], t=time.perf_counter() - t0, rss_mb=rss_mb())

    threading.Thread(target=ticker, daemon=True).start()
    phase = "build"
    try:
        model_name, p, radius = job["model"], job.get("p"), job.get("radius")
        if model_name == "pmedian":
            model = locate.PMedian.from_cost_matrix(costs, weights, p_facilities=p)
        elif model_name == "mclp":
            model = locate.MCLP.from_cost_matrix(
                costs, weights, service_radius=radius, p_facilities=p
            )
        elif model_name == "lscp":
            model = locate.LSCP.from_cost_matrix(costs, service_radius=radius)
        else:
            model = locate.PCenter.from_cost_matrix(costs, p_facilities=p)
        build_s = time.perf_counter() - t0
        emit(
            event="built",
            id=job["id"],
            build_s=build_s,
            variables=len(model.problem.variables()),
            constraints=len(model.problem.constraints),
            rss_mb=rss_mb(),
        )
        phase = "solve"
        left = max(1.0, float(job["limit"]) - build_s)
        if job["solver"] == "cbc":
            solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=left)
        else:
            solver = pulp.HiGHS(msg=False, timeLimit=left)
        t1 = time.perf_counter()
        spopt_error = None
        try:
            model.solve(solver)
        except RuntimeError as exc:  # spopt's check_status: "Model is not solved: ..."
            spopt_error = str(exc)
        solve_s = time.perf_counter() - t1
        total_s = time.perf_counter() - t0
    except MemoryError:
        stop.set()
        emit(
            event="error",
            id=job["id"],
            error="MemoryError",
            phase=phase,
            t=time.perf_counter() - t0,
            rss_mb=rss_mb(),
            peak_mb=peak_mb(),
        )
        sys.exit(3)
    stop.set()

    prob = model.problem
    selected = [j for j, v in enumerate(model.fac_vars) if (v.varValue or 0) > 0.5]
    try:
        objective = prob.objective.value()
    except Exception:  # noqa: BLE001 - no values after a failed solve
        objective = None
    extra = {}
    if job["solver"] == "highs" and getattr(prob, "solverModel", None) is not None:
        h = prob.solverModel
        extra["highs_status"] = h.modelStatusToString(h.getModelStatus())
        info = h.getInfo()
        extra["highs_mip_gap"] = float(info.mip_gap)
        extra["highs_dual_bound"] = float(info.mip_dual_bound)
    emit(
        event="done",
        id=job["id"],
        build_s=build_s,
        solve_s=solve_s,
        total_s=total_s,
        pulp_status=pulp.LpStatus[prob.status],
        pulp_sol_status=int(prob.sol_status),
        spopt_error=spopt_error,
        pulp_objective=objective,
        selected=selected,
        peak_mb=peak_mb(),
        **extra,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", required=True, help="JSON file with the list of jobs")
    ap.add_argument("--mem-gb", type=float, default=0.0, help="RLIMIT_AS in GB (0: none)")
    args = ap.parse_args()
    if args.mem_gb > 0:
        cap = int(args.mem_gb * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    t = time.perf_counter()
    import highspy
    import numpy as np
    import pulp
    import spopt
    from spopt import locate

    emit(
        event="ready",
        import_s=time.perf_counter() - t,
        python=sys.version.split()[0],
        spopt=spopt.__version__,
        pulp=pulp.__version__,
        numpy=np.__version__,
        highspy=_version("highspy", highspy),
        rss_mb=rss_mb(),
    )
    with open(args.jobs) as fh:
        jobs = json.load(fh)
    for job in jobs:
        run_job(job, np, pulp, locate)


def _version(name, module):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001
        return getattr(module, "__version__", "?")


if __name__ == "__main__":
    main()
