"""Benchmark driver: our siting engine (in-process) against spopt (in a subprocess).

Run with the project venv, from the project root::

    .venv/bin/python bench/run.py --data /work/shared/benchmarks \
        [--only pmed,covering,sf,drenthe,scale] [--spopt-python /tmp/benchvenv/bin/python] \
        [--spopt-limit 120] [--spopt-mem-gb 12] [--our-limit 120] [--solvers cbc,highs]

Every part writes ``bench/results/<part>.json`` (both sides of the same run); afterwards
``bench/report.py`` rewrites ``bench/RESULTS.md`` from all result files present.

Our side: ``weerbaar.engines.siting`` called in this process on the same matrix, timed
with a wall clock around ``solve`` (matrix construction is not timed, on either side).
spopt side: ``bench/spopt_side.py`` under ``--spopt-python``, the matrix handed over as
a temporary .npy; its time is model building plus solving (imports and .npy loading
excluded), the solver gets the rest of the per-instance limit, and the process group is
killed ``--spopt-grace`` seconds after the limit. Objectives of both sides are
re-evaluated here from the selected columns, so neither side's own claim is taken on trust.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import instances as inst  # noqa: E402

PARTS = ("pmed", "covering", "sf", "drenthe", "scale")

# Optimal covered demand (covered = d <= S) and LSCP minimum p, from the README of the
# benchmark data (/work/shared/benchmarks/README.md, computed there with HiGHS).
COVER_REF = {
    ("swain", 10): {"lscp": 9, 1: 425, 2: 502, 3: 548, 4: 581, 5: 609, 6: 625, 8: 638},
    ("swain", 15): {"lscp": 5, 1: 515, 2: 593, 3: 625, 4: 638, 5: 640},
    ("SJC324", 800): {"lscp": 5, 1: 5461, 2: 8790, 3: 11604, 4: 12106, 5: 12152},
    ("SJC818", 800): {"lscp": 13, 4: 21428, 6: 25908, 8: 27813, 10: 28838, 12: 29159},
    ("BDS10000", 6.25): {"lscp": 14, 5: 325965, 10: 485802},
}
# Values spopt's own tests assert on the San Francisco data (README of the data).
SF_REF = {"pmedian": 2848268129.7145, "mclp": 875247.0, "lscp": 8.0, "pcenter": 7403.0638}
SENSE = {"pmedian": "min", "pcenter": "min", "lscp": "min", "mclp": "max"}


# --- helpers -------------------------------------------------------------------------------


def parse_ids(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def evaluate(model, costs, w, sel, p=None, radius=None) -> dict:
    """Objective of a selection, recomputed in float64 from the matrix; and its validity."""
    sel = np.asarray(sorted({int(j) for j in sel}), dtype=np.int64)
    if len(sel) == 0:
        return {"objective": None, "valid": False, "n_selected": 0}
    d = costs[:, sel].min(axis=1).astype(np.float64)
    active = w > 0
    valid = True
    if model in ("pmedian", "mclp", "pcenter") and p is not None:
        valid = len(sel) == p
    if model == "pmedian":
        obj = float(w @ d)
    elif model == "mclp":
        obj = float(w[d <= np.float64(radius)].sum())
    elif model == "lscp":
        obj = float(len(sel))
        valid = bool((d[active] <= np.float64(radius)).all())
    else:
        obj = float(d[active].max())
    return {"objective": obj, "valid": bool(valid), "n_selected": int(len(sel))}


def better_or_equal(sense, ours, theirs) -> bool:
    if ours is None:
        return False
    if theirs is None:
        return True
    tol = 1e-9 * max(1.0, abs(theirs))
    return ours <= theirs + tol if sense == "min" else ours >= theirs - tol


def run_ours(model, costs, w, method, p=None, radius=None, time_limit=None, seed=0) -> dict:
    from weerbaar.engines.siting import LSCP, MCLP, PCenter, PMedian

    if model == "pmedian":
        m = PMedian(p=p)
    elif model == "mclp":
        m = MCLP(p=p, radius=radius)
    elif model == "lscp":
        m = LSCP(radius=radius)
    else:
        m = PCenter(p=p)
    t = time.perf_counter()
    try:
        r = m.solve(costs, w, method=method, seed=seed, time_limit=time_limit)
    except Exception as exc:  # noqa: BLE001 - an engine failure is a benchmark finding
        return {
            "method": method,
            "error": f"{type(exc).__name__}: {exc}",
            "seconds": time.perf_counter() - t,
        }
    wall = time.perf_counter() - t
    ev = evaluate(model, costs, w, r.selected, p, radius) if r.selected else {}
    out = {
        "method": method,
        "time_limit": time_limit,
        "seconds": wall,
        "engine_seconds": r.seconds,
        "objective": r.objective,
        "bound": r.bound,
        "gap": r.gap,
        "status": r.status,
        "n_selected": len(r.selected),
        "selected": [int(j) for j in r.selected],
        "objective_check": ev.get("objective"),
        "valid": ev.get("valid"),
        "info": _jsonable(r.info),
    }
    if r.objective is not None and ev.get("objective") is not None:
        out["objective_mismatch"] = abs(r.objective - ev["objective"]) > 1e-6 * max(
            1.0, abs(ev["objective"])
        )
    return out


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray):
        return x.tolist()
    return x


# --- the spopt subprocess ------------------------------------------------------------------


class SpoptRunner:
    """Runs batches of spopt jobs in `spopt_side.py`, killing a job that overruns."""

    def __init__(self, args, tmp: Path):
        self.python = args.spopt_python
        self.grace = args.spopt_grace
        self.tmp = tmp
        self.meta = None
        self.counter = 0
        self.log = print

    def save(self, name, arr) -> str:
        path = self.tmp / f"{name}.npy"
        if not path.exists():
            np.save(path, arr)
        return str(path)

    def run(self, jobs: list[dict], mem_gb: float) -> dict[str, dict]:
        """jobs: dicts for spopt_side (id, model, costs, weights, p, radius, solver, limit)."""
        results: dict[str, dict] = {}
        self.mem_gb = mem_gb
        pending = list(jobs)
        while pending:
            self.counter += 1
            jobs_file = self.tmp / f"jobs{self.counter}.json"
            jobs_file.write_text(json.dumps(pending))
            out_path = self.tmp / f"out{self.counter}.txt"
            err_path = self.tmp / f"err{self.counter}.txt"
            env = dict(os.environ, TMPDIR=str(self.tmp))
            cmd = [
                self.python,
                str(HERE / "spopt_side.py"),
                "--jobs",
                str(jobs_file),
                "--mem-gb",
                str(mem_gb),
            ]
            by_id = {j["id"]: j for j in pending}
            trace: dict[str, dict] = {}
            current, begin, deadline = None, None, time.monotonic() + 180.0
            killed = None
            with open(out_path, "w") as fo, open(err_path, "w") as fe:
                proc = subprocess.Popen(
                    cmd, stdout=fo, stderr=fe, cwd=str(self.tmp), env=env, start_new_session=True
                )
            pos, buf = 0, ""
            while True:
                rc = proc.poll()
                with open(out_path) as fh:
                    fh.seek(pos)
                    chunk = fh.read()
                    pos = fh.tell()
                buf += chunk
                *lines, buf = buf.split("\n")
                now = time.monotonic()
                for line in lines:
                    if not line.strip():
                        continue
                    ev = json.loads(line)
                    kind, jid = ev["event"], ev.get("id")
                    if kind == "ready":
                        self.meta = ev
                        deadline = None
                    elif kind == "begin":
                        current, begin = jid, now
                        deadline = now + float(by_id[jid]["limit"]) + self.grace
                        trace[jid] = {"rss": [], "begin": ev}
                    elif kind == "built":
                        trace[jid]["built"] = ev
                    elif kind == "rss":
                        trace[jid]["rss"].append([round(ev["t"], 1), round(ev["rss_mb"], 1)])
                    elif kind in ("done", "error"):
                        results[jid] = self._record(by_id[jid], ev, trace.get(jid, {}))
                        current, deadline = None, None
                        self.log(
                            f"  spopt {jid}: {results[jid]['outcome']} "
                            f"{ev.get('total_s', ev.get('t', 0)):.1f}s"
                        )
                if rc is not None:
                    break
                if deadline is not None and now > deadline:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    killed = current
                    break
                time.sleep(0.2)
            if killed is not None:
                tr = trace.get(killed, {})
                results[killed] = self._killed(by_id[killed], tr, time.monotonic() - begin)
                self.log(f"  spopt {killed}: {results[killed]['note']}")
            elif current is not None and current not in results:
                tail = err_path.read_text()[-2000:]
                results[current] = {
                    "outcome": "crashed",
                    "stderr_tail": tail,
                    "returncode": proc.returncode,
                    **self._trace(trace.get(current, {})),
                }
            done_now = [j for j in pending if j["id"] in results]
            if not done_now and killed is None:
                tail = err_path.read_text()[-2000:]
                for j in pending:
                    results[j["id"]] = {"outcome": "error", "stderr_tail": tail}
                break
            pending = [j for j in pending if j["id"] not in results]
            self._skip_same_build(pending, results)
        return results

    @staticmethod
    def _skip_same_build(pending: list[dict], results: dict) -> None:
        """A model that could not even be built (killed or out of memory while building) is
        not rebuilt for the next solver: the build does not depend on the solver."""
        failed = {}
        for jid, rec in results.items():
            if rec.get("outcome") not in ("killed", "out of memory"):
                continue
            # Killed or out of memory while building, or the build alone used the whole limit.
            if "build_s" not in rec or rec["build_s"] >= rec.get("limit", float("inf")):
                failed[jid.rsplit("|", 1)[0]] = (jid, rec)
        for j in list(pending):
            key = j["id"].rsplit("|", 1)[0]
            if key in failed:
                src, rec = failed[key]
                results[j["id"]] = {
                    **rec,
                    "skipped": True,
                    "note": rec.get("note", "")
                    + f" (measured with {src.rsplit('|', 1)[1]}; the model build "
                    "is the same for every solver, so it was not repeated)",
                }
                pending.remove(j)

    @staticmethod
    def _trace(tr: dict) -> dict:
        out = {"rss_trace": tr.get("rss", [])}
        if "built" in tr:
            b = tr["built"]
            out.update(build_s=b["build_s"], variables=b["variables"], constraints=b["constraints"])
        return out

    def _killed(self, job, tr, elapsed) -> dict:
        phase = "solving" if "built" in tr else "building the model"
        if "built" in tr and tr["built"]["build_s"] >= job["limit"]:
            took = tr["built"]["build_s"]
            phase = f"handing the model to the solver; the build alone took {took:.0f} s"
        return {
            "limit": job["limit"],
            "outcome": "killed",
            "note": f"did not finish within {job['limit']:.0f} s (killed at {elapsed:.0f} s "
            f"while {phase})",
            "total_s": elapsed,
            **self._trace(tr),
        }

    def _record(self, job, ev, tr) -> dict:
        if ev["event"] == "error":
            return {
                "outcome": "out of memory" if ev["error"] == "MemoryError" else "error",
                "note": f"{ev['error']} while "
                f"{'solving' if ev['phase'] == 'solve' else 'building the model'}"
                f" after {ev['t']:.0f} s at RSS {ev['rss_mb']:.0f} MB (address-space cap "
                f"{self.mem_gb:g} GB)",
                "total_s": ev["t"],
                "peak_mb": ev.get("peak_mb"),
                **self._trace(tr),
            }
        rec = {
            k: ev.get(k)
            for k in (
                "build_s",
                "solve_s",
                "total_s",
                "pulp_status",
                "pulp_sol_status",
                "spopt_error",
                "pulp_objective",
                "peak_mb",
                "highs_status",
                "highs_mip_gap",
                "highs_dual_bound",
            )
        }
        rec.update(self._trace(tr))
        rec["build_s"] = ev["build_s"]
        rec["limit"] = job["limit"]
        rec["selected"] = ev["selected"]
        sol = ev["pulp_sol_status"]
        if ev.get("spopt_error") or sol not in (1, 2):
            rec["outcome"] = "no solution"
            rec["note"] = f"no integer solution within {job['limit']:.0f} s ({ev['pulp_status']})"
            rec["selected"] = []
        elif sol == 1:
            rec["outcome"] = "optimal"
        else:
            rec["outcome"] = "time limit"
            rec["note"] = (
                f"did not finish within {job['limit']:.0f} s (incumbent returned at the time limit)"
            )
        return rec


# --- one instance, both sides --------------------------------------------------------------


class Bench:
    def __init__(self, args, tmp: Path):
        self.args = args
        self.tmp = tmp
        self.spopt = SpoptRunner(args, tmp)
        self.spopt.log = self.log
        self.solvers = [s for s in args.solvers.split(",") if s]
        self.records: list[dict] = []

    def log(self, msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    def instance(
        self,
        part,
        name,
        model,
        costs,
        w,
        p=None,
        radius=None,
        reference=None,
        methods=("auto",),
        spopt=True,
        key=None,
        our_limits=None,
    ):
        key = key or name
        rec = {
            "part": part,
            "instance": name,
            "model": model,
            "p": p,
            "radius": radius,
            "shape": list(costs.shape),
            "dtype": str(costs.dtype),
            "total_weight": float(w.sum()),
            "reference": reference,
            "ours": {},
            "spopt": {},
        }
        limits = our_limits or {}
        for method in methods:
            label, meth = (method, method)
            if isinstance(method, tuple):
                label, meth = method
            r = run_ours(
                model, costs, w, meth, p, radius, time_limit=limits.get(label, self.args.our_limit)
            )
            rec["ours"][label] = r
            self.log(
                f"{part} {name} {model} p={p} r={radius} ours/{label}: "
                f"obj={r.get('objective')} gap={r.get('gap')} "
                f"{r.get('status', r.get('error'))} {r['seconds']:.2f}s"
            )
        if spopt:
            rec["_spopt_jobs"] = []
            cpath = self.spopt.save(f"c_{key}", costs)
            wpath = self.spopt.save(f"w_{key}", w)
            for solver in self.solvers:
                jid = f"{part}|{name}|{model}|{p}|{radius}|{solver}"
                rec["_spopt_jobs"].append(
                    {
                        "id": jid,
                        "model": model,
                        "costs": cpath,
                        "weights": wpath,
                        "p": p,
                        "radius": radius,
                        "solver": solver,
                        "limit": self.args.spopt_limit,
                    }
                )
        rec["_costs"], rec["_w"] = costs, w
        self.records.append(rec)
        return rec

    def run_spopt(self, mem_gb=None):
        jobs = [j for r in self.records for j in r.pop("_spopt_jobs", [])]
        if not jobs:
            return
        self.log(f"spopt: {len(jobs)} jobs")
        results = self.spopt.run(jobs, mem_gb if mem_gb is not None else self.args.spopt_mem_gb)
        for r in self.records:
            for solver in self.solvers:
                jid = f"{r['part']}|{r['instance']}|{r['model']}|{r['p']}|{r['radius']}|{solver}"
                if jid not in results:
                    continue
                s = results[jid]
                if s.get("selected"):
                    ev = evaluate(
                        r["model"], r["_costs"], r["_w"], s["selected"], r["p"], r["radius"]
                    )
                    s.update(
                        objective=ev["objective"], valid=ev["valid"], n_selected=ev["n_selected"]
                    )
                    if not ev["valid"]:
                        s["note"] = (s.get("note", "") + " selection not valid").strip()
                s.pop("selected", None)
                r["spopt"][solver] = s
                self.log(
                    f"{r['part']} {r['instance']} {r['model']} p={r['p']} spopt/{solver}: "
                    f"{s['outcome']} obj={s.get('objective')} "
                    f"t={s.get('total_s') or 0:.1f}s"
                )

    def finish(self):
        for r in self.records:
            r.pop("_costs", None)
            r.pop("_w", None)
            r.pop("_spopt_jobs", None)
            r["comparison"] = compare(r)
        return self.records


def compare(r: dict) -> dict:
    """Per spopt solver: speed-up of ours and whether '>= 10x faster at an equal or better
    objective' holds, for `auto` (the headline) and for each of our runs (``by_method``)."""
    out = {}
    sense = SENSE[r["model"]]
    for solver, s in r["spopt"].items():
        per = {}
        for label, ours in r["ours"].items():
            if ours.get("objective") is None:
                continue
            theirs = s.get("objective") if s.get("valid") else None
            t_s = s.get("total_s")
            finished = s.get("outcome") == "optimal"
            eq = better_or_equal(sense, ours["objective"], theirs)
            if s.get("outcome") == "out of memory":
                per[label] = {
                    "speedup": None,
                    "spopt_failed": "out of memory",
                    "objective_equal_or_better": True,
                    "holds": True,
                }
                continue
            speedup = (t_s / ours["seconds"]) if t_s and ours["seconds"] > 0 else None
            # When spopt did not finish, its time is a lower bound, and so is the speed-up.
            holds = bool(speedup is not None and speedup >= 10 and eq)
            per[label] = {
                "speedup": speedup,
                "speedup_is_lower_bound": not finished,
                "objective_equal_or_better": eq,
                "holds": holds,
            }
        if not per:
            continue
        head = per.get("auto") or next(iter(per.values()))
        out[solver] = {**head, "by_method": per}
    return out


# --- the parts -----------------------------------------------------------------------------


def part_pmed(b: Bench, data: Path):
    opt = inst.pmed_optima(data)
    spopt_ids = set(parse_ids(b.args.spopt_pmed))
    for k in parse_ids(b.args.pmed):
        c, w, p = inst.load_pmed(data, k)
        b.instance(
            "pmed",
            f"pmed{k}",
            "pmedian",
            c,
            w,
            p=p,
            reference=opt.get(k),
            methods=("auto", "fast"),
            spopt=k in spopt_ids,
        )
    b.run_spopt()


def part_covering(b: Bench, data: Path):
    cases = []  # (name, loader, [(S, [p...]), ...])
    cases.append(
        (
            "swain",
            lambda: inst.load_swain(data),
            [(10, [1, 2, 3, 4, 5, 6, 8]), (15, [1, 2, 3, 4, 5])],
        )
    )
    sjc_plan = {
        324: [(800, [1, 2, 3, 4, 5]), (1200, [2, 4])],
        402: [(800, [5, 10]), (1200, [3, 6])],
        500: [(800, [5, 10]), (1200, [3, 6])],
        708: [(800, [5, 10]), (1200, [3, 6])],
        818: [(800, [4, 6, 8, 10, 12]), (1200, [3, 6])],
    }
    for n, plan in sjc_plan.items():
        cases.append((f"SJC{n}", lambda n=n: inst.load_sjc(data, n), plan))
    for n in (1000, 10000):
        cases.append((f"BDS{n}", lambda n=n: inst.load_bds(data, n), [(6.25, [5, 10])]))
    for name, loader, plan in cases:
        c, w = loader()
        for radius, ps in plan:
            ref = COVER_REF.get((name, radius), {})
            for p in ps:
                b.instance(
                    "covering",
                    name,
                    "mclp",
                    c,
                    w,
                    p=p,
                    radius=radius,
                    reference=ref.get(p),
                    methods=("auto", "fast"),
                )
            b.instance(
                "covering",
                name,
                "lscp",
                c,
                w,
                radius=radius,
                reference=ref.get("lscp"),
                methods=("auto", "fast"),
            )
    b.run_spopt()


def part_sf(b: Bench, data: Path):
    c, w, _ = inst.load_sf(data)
    b.instance(
        "sf",
        "SF 205x16",
        "pmedian",
        c,
        w,
        p=4,
        reference=SF_REF["pmedian"],
        methods=("auto", "fast"),
        key="sf",
    )
    b.instance(
        "sf",
        "SF 205x16",
        "mclp",
        c,
        w,
        p=4,
        radius=5000.0,
        reference=SF_REF["mclp"],
        methods=("auto", "fast"),
        key="sf",
    )
    b.instance(
        "sf",
        "SF 205x16",
        "lscp",
        c,
        w,
        radius=5000.0,
        reference=SF_REF["lscp"],
        methods=("auto", "fast"),
        key="sf",
    )
    b.instance(
        "sf",
        "SF 205x16",
        "pcenter",
        c,
        w,
        p=4,
        reference=SF_REF["pcenter"],
        methods=("auto", "fast"),
        key="sf",
    )
    b.run_spopt()


def part_drenthe(b: Bench, data: Path):
    from weerbaar.engines.travel import straight_line_costs

    npz = b.tmp / "drenthe.npz"
    subprocess.run(
        [sys.executable, str(HERE / "export_drenthe.py"), "--out", str(npz)],
        check=True,
        cwd=str(ROOT),
    )
    d = np.load(npz)
    t = time.perf_counter()
    c = straight_line_costs(d["demand_xy"], d["cand_xy"], detour=1.3)
    b.log(f"drenthe matrix {c.shape} {c.dtype} in {time.perf_counter() - t:.2f}s")
    w = d["residents"].astype(np.float64)
    name = f"Drenthe {c.shape[0]}x{c.shape[1]}"
    b.instance(
        "drenthe",
        name,
        "pmedian",
        c,
        w,
        p=40,
        methods=("auto", "fast", ("auto@10s", "auto")),
        our_limits={"auto@10s": 10.0},
        key="drenthe",
    )
    b.instance(
        "drenthe",
        name,
        "mclp",
        c,
        w,
        p=40,
        radius=5000.0,
        methods=("auto", "fast", ("auto@5s", "auto")),
        our_limits={"auto@5s": 5.0},
        key="drenthe",
    )
    b.run_spopt()


def part_scale(b: Bench, data: Path):
    name = "BDS100000 x 2000 sites"
    rec = {
        "part": "scale",
        "instance": name,
        "model": "pmedian",
        "p": 100,
        "radius": None,
        "shape": [100000, 2000],
        "dtype": "float32",
        "reference": None,
        "ours": {},
        "spopt": {},
    }
    cpath, wpath = b.tmp / "c_scale.npy", b.tmp / "w_scale.npy"
    runs = [("auto", "auto", 60.0), ("fast", "fast", None)]
    for label, method, limit in runs:
        cmd = [
            sys.executable,
            str(HERE / "scale_child.py"),
            "--data",
            str(data),
            "--method",
            method,
        ]
        if limit:
            cmd += ["--time-limit", str(limit)]
        if label == "auto" and b.args.scale_spopt:
            cmd += ["--save-costs", str(cpath), "--save-weights", str(wpath)]
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(ROOT))
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            rec["ours"][label] = {"method": method, "error": proc.stderr[-2000:], "seconds": wall}
            b.log(f"scale ours/{label}: FAILED {proc.stderr[-300:]}")
            continue
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        res = out["result"]
        rec["total_weight"] = None
        rec["ours"][label] = {
            "method": method,
            "time_limit": limit,
            "seconds": res["seconds"],
            "engine_seconds": res["seconds"],
            "objective": res["objective"],
            "bound": res["bound"],
            "gap": res["gap"],
            "status": res["status"],
            "n_selected": len(res["selected"]),
            "objective_check": out["objective_check"],
            "valid": len(res["selected"]) == 100,
            "info": res["info"],
            "peak_rss_mb": out["peak_mb"],
            "peak_rss_mb_after_matrix": out["peak_mb_after_matrix"],
            "matrix_mb": out["matrix_mb"],
            "matrix_build_s": out["matrix_build_s"],
            "process_wall_s": wall,
        }
        b.log(
            f"scale ours/{label}: obj={res['objective']} gap={res['gap']} "
            f"{res['status']} {res['seconds']:.1f}s peak {out['peak_mb']:.0f} MB"
        )
    if b.args.scale_spopt and cpath.exists():
        job = {
            "id": "scale|BDS100000|pmedian|100|None|cbc",
            "model": "pmedian",
            "costs": str(cpath),
            "weights": str(wpath),
            "p": 100,
            "solver": "cbc",
            "limit": b.args.spopt_limit,
            "mem_gb": b.args.scale_spopt_mem_gb,
        }
        b.log(f"scale spopt: attempting the build under a {b.args.scale_spopt_mem_gb} GB cap")
        res = b.spopt.run([job], b.args.scale_spopt_mem_gb)[job["id"]]
        res.pop("selected", None)
        res["model_size"] = "100,000 x 2,000 = 200,000,000 assignment variables (+2,000 sites)"
        rec["spopt"]["cbc"] = res
        b.log(f"scale spopt: {res['outcome']} {res.get('note', '')}")
        for path in (cpath, wpath):
            path.unlink(missing_ok=True)
    else:
        rec["spopt"]["cbc"] = {
            "outcome": "not attempted",
            "model_size": "200,000,000 assignment variables",
        }
    rec["comparison"] = compare(rec)
    b.records.append(rec)


# --- machine and run metadata --------------------------------------------------------------


def machine() -> dict:
    import scipy

    try:
        from importlib.metadata import version

        import highspy  # noqa: F401

        hv = version("highspy")
    except Exception:  # noqa: BLE001
        hv = "?"
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": nproc,
        "free_g": free,
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "highspy": hv,
    }


def engine_fingerprint() -> dict:
    """Which engine was measured: git HEAD and a hash of the siting sources as they were."""
    h = hashlib.sha256()
    for f in sorted((ROOT / "weerbaar" / "engines" / "siting").glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=str(ROOT)
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "weerbaar/engines/siting"],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
    ).stdout.strip()
    return {
        "git_head": head,
        "siting_sources_sha256": h.hexdigest()[:16],
        "siting_uncommitted_changes": bool(dirty),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder of the public instances")
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma list of {PARTS}")
    ap.add_argument("--spopt-python", default="/tmp/benchvenv/bin/python")
    ap.add_argument(
        "--spopt-limit",
        type=float,
        default=120.0,
        help="seconds per spopt instance, model building included",
    )
    ap.add_argument(
        "--spopt-grace",
        type=float,
        default=10.0,
        help="kill the spopt process this long after the limit",
    )
    ap.add_argument(
        "--spopt-mem-gb",
        type=float,
        default=12.0,
        help="address-space cap of the spopt process (RLIMIT_AS)",
    )
    ap.add_argument("--solvers", default="cbc,highs")
    ap.add_argument(
        "--our-limit",
        type=float,
        default=120.0,
        help="time_limit passed to our engine per instance (safety cap)",
    )
    ap.add_argument("--pmed", default="1-40", help="pmed instances for our engine")
    ap.add_argument("--spopt-pmed", default="1-10,16,26", help="pmed instances for spopt")
    ap.add_argument("--no-scale-spopt", dest="scale_spopt", action="store_false")
    ap.add_argument("--scale-spopt-mem-gb", type=float, default=6.0)
    ap.add_argument("--results", default=str(HERE / "results"))
    args = ap.parse_args()

    data = Path(args.data).resolve()
    parts = [p for p in args.only.split(",") if p]
    for p in parts:
        if p not in PARTS:
            ap.error(f"unknown part {p!r}; choose from {PARTS}")
    out_dir = Path(args.results)
    out_dir.mkdir(parents=True, exist_ok=True)
    command = (
        "cd "
        + shlex.quote(str(Path.cwd()))
        + " && "
        + shlex.join(
            [
                os.path.relpath(sys.executable)
                if sys.executable.startswith(str(Path.cwd()))
                else sys.executable
            ]
            + sys.argv
        )
    )
    meta = {
        "machine": machine(),
        "engine": engine_fingerprint(),
        "command": command,
        "args": vars(args),
    }
    fns = {
        "pmed": part_pmed,
        "covering": part_covering,
        "sf": part_sf,
        "drenthe": part_drenthe,
        "scale": part_scale,
    }
    for part in parts:
        with tempfile.TemporaryDirectory(prefix="weerbaar-bench-") as tmp:
            b = Bench(args, Path(tmp))
            started = dt.datetime.now().astimezone()
            b.log(f"=== part {part} ===")
            t = time.perf_counter()
            fns[part](b, data)
            records = b.finish()
            doc = {
                "part": part,
                "started": started.isoformat(timespec="seconds"),
                "wall_s": time.perf_counter() - t,
                **meta,
                "spopt_side": b.spopt.meta,
                "records": _jsonable(records),
            }
            doc["engine_after"] = engine_fingerprint()
            path = out_dir / f"{part}.json"
            path.write_text(json.dumps(doc, indent=1))
            b.log(f"wrote {path} ({doc['wall_s']:.0f}s)")
    import report

    report.write(out_dir, HERE / "RESULTS.md")


if __name__ == "__main__":
    main()
