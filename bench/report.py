"""Write bench/RESULTS.md from the result files in bench/results/*.json.

    .venv/bin/python bench/report.py [--results bench/results] [--out bench/RESULTS.md]

Called by run.py at the end of every run; every figure in RESULTS.md comes from the JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ("pmed", "covering", "sf", "drenthe", "scale")
SOLVER_NAME = {"cbc": "CBC", "highs": "HiGHS"}


def num(x, digits=None) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and digits is None:
        if x == int(x) and abs(x) < 1e15:
            return f"{int(x):,}"
        return f"{x:,.4f}"
    if digits is not None:
        return f"{x:.{digits}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def secs(x) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def pct(x, digits=3) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def spopt_cell(s: dict | None) -> str:
    if not s:
        return "not run"
    out = s.get("outcome")
    if out == "optimal":
        return f"{num(s.get('objective'))} in {secs(s.get('total_s'))} s"
    if out == "time limit":
        return f"DNF {secs(s.get('limit'))} s (best {num(s.get('objective'))})"
    if out == "no solution":
        return f"DNF {secs(s.get('limit'))} s (no solution)"
    if out == "killed" and s.get("skipped"):
        return f"DNF {secs(s.get('limit'))} s (build alone > limit; not rerun)"
    if out == "killed":
        return f"DNF {secs(s.get('limit'))} s (killed)"
    if out == "out of memory":
        return f"out of memory ({s.get('note', '')})"
    return f"{out}: {s.get('note', s.get('stderr_tail', ''))[-120:]}"


def _cmp(c: dict) -> str:
    if c.get("spopt_failed"):
        return f"yes (spopt {c['spopt_failed']})"
    sp = c.get("speedup")
    if sp is None:
        return "–"
    lb = ">" if c.get("speedup_is_lower_bound") else ""
    mark = "yes" if c.get("holds") else "no"
    obj = "" if c.get("objective_equal_or_better") else ", worse obj."
    return f"{mark} ({lb}{sp:,.0f}×{obj})" if sp >= 10 else f"{mark} ({lb}{sp:.1f}×{obj})"


def cmp_cell(r: dict, solver: str) -> str:
    c = (r.get("comparison") or {}).get(solver)
    if not c:
        return "–"
    cell = _cmp(c)
    if not c.get("holds"):
        other = [
            f"`{m}`: {_cmp(x)}"
            for m, x in (c.get("by_method") or {}).items()
            if m != "auto" and x.get("holds")
        ]
        if other:
            cell += "; " + "; ".join(other)
    return cell


def load(results: Path) -> dict:
    docs = {}
    for part in ORDER:
        path = results / f"{part}.json"
        if path.exists():
            docs[part] = json.loads(path.read_text())
    return docs


# --- tables ---------------------------------------------------------------------------------


def pmed_stats(doc) -> dict:
    recs = doc["records"]
    out = {}
    for m in ("auto", "fast"):
        rows = [r for r in recs if m in r["ours"] and r["ours"][m].get("objective") is not None]
        gaps_opt = [(r["ours"][m]["objective"] - r["reference"]) / r["reference"] for r in rows]
        cert = [r["ours"][m]["gap"] for r in rows if r["ours"][m].get("gap") is not None]
        out[m] = {
            "n": len(rows),
            "mean_gap_opt": sum(gaps_opt) / len(gaps_opt) if gaps_opt else None,
            "max_gap_opt": max(gaps_opt) if gaps_opt else None,
            "at_opt": sum(1 for g in gaps_opt if abs(g) < 1e-12),
            "mean_cert": sum(cert) / len(cert) if cert else None,
            "max_cert": max(cert) if cert else None,
            "with_cert": len(cert),
            "proven": sum(1 for r in rows if r["ours"][m].get("status") == "optimal"),
            "total_s": sum(r["ours"][m]["seconds"] for r in rows),
            "max_s": max((r["ours"][m]["seconds"] for r in rows), default=None),
            "errors": [r["instance"] for r in recs if r["ours"].get(m, {}).get("error")],
            "hit_limit": [
                r["instance"]
                for r in rows
                if r["ours"][m]["seconds"] >= 0.98 * (r["ours"][m].get("time_limit") or 1e18)
            ],
        }
    return out


def pmed_table(doc) -> list[str]:
    st = pmed_stats(doc)
    lines = [
        "| method | instances | mean gap to published opt. | worst | equal to opt. | "
        "proven optimal | mean certified gap | worst certified gap | total s | slowest s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in ("auto", "fast"):
        s = st[m]
        lines.append(
            f"| `{m}` | {s['n']} | {pct(s['mean_gap_opt'], 4)} | {pct(s['max_gap_opt'])} | "
            f"{s['at_opt']}/{s['n']} | {s['proven']}/{s['n']} | {pct(s['mean_cert'], 4)} | "
            f"{pct(s['max_cert'])} | {secs(s['total_s'])} | {secs(s['max_s'])} |"
        )
    lines.append("")
    solvers = sorted({k for r in doc["records"] for k in r["spopt"]})
    head = (
        "| instance | n | p | published opt. | auto obj | auto cert. gap | auto s | fast obj | "
        "fast gap to opt. | fast cert. gap | fast s |"
    )
    sep = "|---|---|---|---|---|---|---|---|---|---|---|"
    for s in solvers:
        head += f" spopt {SOLVER_NAME.get(s, s)} |"
        sep += "---|"
    for s in solvers:
        head += f" ≥10× vs {SOLVER_NAME.get(s, s)} |"
        sep += "---|"
    lines += [head, sep]
    for r in doc["records"]:
        a, f = r["ours"].get("auto", {}), r["ours"].get("fast", {})
        ref = r["reference"]
        fg = None if f.get("objective") is None else (f["objective"] - ref) / ref
        star = "" if a.get("objective") == ref else " ≠"
        row = (
            f"| {r['instance']} | {r['shape'][0]} | {r['p']} | {num(ref)} | "
            f"{num(a.get('objective'))}{star} | {pct(a.get('gap'))} | {secs(a.get('seconds'))} | "
            f"{num(f.get('objective'))} | {pct(fg)} | {pct(f.get('gap'))} | "
            f"{secs(f.get('seconds'))} |"
        )
        for s in solvers:
            row += f" {spopt_cell(r['spopt'].get(s)) if s in r['spopt'] else ''} |"
        for s in solvers:
            row += f" {cmp_cell(r, s) if s in r['spopt'] else ''} |"
        lines.append(row)
    return lines


def generic_table(doc, show_methods=("auto", "fast")) -> list[str]:
    solvers = sorted({k for r in doc["records"] for k in r["spopt"]})
    methods = []
    for r in doc["records"]:
        for m in r["ours"]:
            if m not in methods:
                methods.append(m)
    head = "| instance | model | S | p | reference |"
    sep = "|---|---|---|---|---|"
    for m in methods:
        head += f" ours `{m}` obj | gap / status | s |"
        sep += "---|---|---|"
    for s in solvers:
        head += f" spopt {SOLVER_NAME.get(s, s)} |"
        sep += "---|"
    for s in solvers:
        head += f" ≥10× vs {SOLVER_NAME.get(s, s)} |"
        sep += "---|"
    lines = [head, sep]
    for r in doc["records"]:
        ref = r.get("reference")
        row = (
            f"| {r['instance']} | {r['model']} | {num(r.get('radius'))} | {num(r.get('p'))} | "
            f"{num(ref)} |"
        )
        for m in methods:
            o = r["ours"].get(m)
            if not o:
                row += " | | |"
                continue
            if o.get("error"):
                row += f" ERROR {o['error'][:80]} | | {secs(o.get('seconds'))} |"
                continue
            obj = num(o.get("objective"))
            if ref is not None and o.get("objective") is not None:
                tol = 1e-3 if r["model"] == "pcenter" else 1e-6 * max(1, abs(ref))
                if abs(o["objective"] - ref) > tol:
                    obj += " ≠ref"
            row += (
                f" {obj} | {pct(o.get('gap'))} {o.get('status', '')} | {secs(o.get('seconds'))} |"
            )
        for s in solvers:
            row += f" {spopt_cell(r['spopt'].get(s))} |"
        for s in solvers:
            row += f" {cmp_cell(r, s)} |"
        lines.append(row)
    return lines


def extrapolate(doc) -> str | None:
    """From spopt's measured Drenthe p-median build, what 200M variables would need."""
    if not doc:
        return None
    for r in doc["records"]:
        if r["model"] != "pmedian":
            continue
        for s in r["spopt"].values():
            if s.get("variables") and s.get("build_s") and s.get("rss_trace"):
                v, t = s["variables"], s["build_s"]
                mb = max(m for _, m in s["rss_trace"])
                per_var = mb * 2**20 / v
                return (
                    f"For scale: in the same run spopt built the Drenthe p-median "
                    f"({v:,} variables) in {t:.0f} s at up to {mb:,.0f} MB RSS, i.e. about "
                    f"{per_var:,.0f} bytes and {1e6 * t / v:.0f} µs per variable; 200,000,000 "
                    f"variables would need about {200e6 * per_var / 2**30:,.0f} GB and "
                    f"{200e6 * t / v / 60:,.0f} min just to build."
                )
    return None


def scale_section(doc, docs_all) -> list[str]:
    lines = []
    for r in doc["records"]:
        lines.append(
            f"Instance: {r['instance']}, p = {r['p']}, float32 costs "
            f"({r['shape'][0]:,} × {r['shape'][1]:,})."
        )
        lines.append("")
        lines.append(
            "| run | objective | certified gap | status | solve s | peak RSS (MB) | "
            "RSS after building the matrix (MB) | matrix MB |"
        )
        lines.append("|---|---|---|---|---|---|---|---|")
        for label, o in r["ours"].items():
            if o.get("error"):
                lines.append(f"| ours `{label}` | ERROR | | | {secs(o.get('seconds'))} | | | |")
                continue
            tl = f" (time_limit {o['time_limit']:g} s)" if o.get("time_limit") else ""
            lines.append(
                f"| ours `{label}`{tl} | {num(o['objective'])} | {pct(o['gap'])} | "
                f"{o['status']} | {secs(o['seconds'])} | {o['peak_rss_mb']:,.0f} | "
                f"{o['peak_rss_mb_after_matrix']:,.0f} | {o['matrix_mb']:,.0f} |"
            )
        for solver, s in r["spopt"].items():
            lines.append("")
            lines.append(
                f"spopt ({SOLVER_NAME.get(solver, solver)}; the model build is the same "
                f"for any solver): **{s.get('outcome')}** — {s.get('note', '')}. "
                f"Model size: {s.get('model_size')}."
            )
            tr = s.get("rss_trace") or []
            ext = extrapolate(docs_all.get("drenthe"))
            if ext:
                lines.append(ext)
            if tr:
                pts = ", ".join(f"{t:.0f} s: {m:,.0f} MB" for t, m in tr[:: max(1, len(tr) // 12)])
                lines.append(f"RSS while building (time since start of `from_cost_matrix`): {pts}.")
    return lines


# --- summary --------------------------------------------------------------------------------


def summary(docs) -> list[str]:
    md = ["| # | target | measured | met? |", "|---|---|---|---|"]
    if "pmed" in docs:
        s = pmed_stats(docs["pmed"])["auto"]
        met = s["mean_gap_opt"] is not None and s["mean_gap_opt"] <= 0.001
        md.append(
            f"| 1a | pmed1–40 `auto`: mean gap to published optimum ≤ 0.1% | "
            f"{pct(s['mean_gap_opt'], 4)} over {s['n']} (worst {pct(s['max_gap_opt'])}; "
            f"{s['at_opt']} equal to the optimum) | {'yes' if met else 'no'} |"
        )
        met = s["n"] == 40 and s["total_s"] <= 120
        md.append(
            f"| 1b | pmed1–40 `auto`: all 40 within 120 s together | {secs(s['total_s'])} s "
            f"total, slowest {secs(s['max_s'])} s"
            f"{'; hit the per-instance limit: ' + ', '.join(s['hit_limit']) if s['hit_limit'] else ''}"  # noqa: E501
            f" | {'yes' if met else 'no'} |"
        )
        met = s["with_cert"] == s["n"] == 40
        md.append(
            f"| 1c | pmed1–40 `auto`: each with its certified gap | {s['with_cert']}/{s['n']} "
            f"with a bound; {s['proven']}/{s['n']} proven optimal; mean certified gap "
            f"{pct(s['mean_cert'], 4)}, worst {pct(s['max_cert'])} | {'yes' if met else 'no'} |"
        )
    if "covering" in docs or "sf" in docs:
        tot = ok = 0
        bad = []
        for part in ("covering", "sf"):
            for r in docs.get(part, {}).get("records", []):
                ref, o = r.get("reference"), r["ours"].get("auto", {})
                if ref is None or o.get("objective") is None:
                    continue
                tot += 1
                tol = 1e-3 if r["model"] == "pcenter" else 1e-6 * max(1, abs(ref))
                if abs(o["objective"] - ref) <= tol:
                    ok += 1
                else:
                    bad.append(f"{r['instance']} {r['model']} S={r['radius']} p={r['p']}")
        md.append(
            f"| 2 | covering (Swain, SJC, BDS) and spopt SF: reference values reproduced | "
            f"{ok}/{tot}{' — differs: ' + '; '.join(bad) if bad else ''} | "
            f"{'yes' if ok == tot and tot else 'no'} |"
        )
    if "drenthe" in docs:
        for r in docs["drenthe"]["records"]:
            a = r["ours"].get("auto", {})
            if r["model"] == "pmedian":
                ok = [
                    (m, o)
                    for m, o in r["ours"].items()
                    if o.get("gap") is not None and o["gap"] <= 0.005 and o["seconds"] < 10
                ]
                runs = "; ".join(
                    f"`{m}`: gap {pct(o.get('gap'))} in {secs(o.get('seconds'))} s "
                    f"({o.get('status')})"
                    for m, o in r["ours"].items()
                )
                by = f" (by {', '.join('`' + m + '`' for m, _ in ok)})" if ok else ""
                md.append(
                    f"| 4a | Drenthe p-median p=40: certified gap ≤ 0.5% in < 10 s | {runs} | "
                    f"{'yes' + by if ok else 'no'} |"
                )
            elif r["model"] == "mclp":
                met = a.get("status") == "optimal" and a["seconds"] < 5
                md.append(
                    f"| 4b | Drenthe MCLP r=5,000 m p=40: optimal in < 5 s | `auto`: "
                    f"{a.get('status')} in {secs(a.get('seconds'))} s | {'yes' if met else 'no'} |"
                )
    if "scale" in docs:
        for r in docs["scale"]["records"]:
            a = r["ours"].get("auto", {})
            if a.get("error"):
                md.append(
                    "| 5 | 100,000 × 2,000 p-median p=100: gap ≤ 1% in 60 s, 4 GB | ERROR | no |"
                )
                continue
            met = (
                a.get("gap") is not None
                and a["gap"] <= 0.01
                and a["seconds"] <= 60.5
                and a["peak_rss_mb"] <= 4096
            )
            md.append(
                f"| 5 | 100,000 × 2,000 p-median p=100: gap ≤ 1% within 60 s and 4 GB | "
                f"gap {pct(a.get('gap'))} in {secs(a.get('seconds'))} s, peak RSS "
                f"{a.get('peak_rss_mb', 0):,.0f} MB "
                f"(matrix alone {a.get('matrix_mb', 0):,.0f} MB) | "
                f"{'yes' if met else 'no'} |"
            )
    rows = []
    for part, doc in docs.items():
        n = ok = ok_any = 0
        sps = []
        for r in doc["records"]:
            for c in (r.get("comparison") or {}).values():
                n += 1
                ok += bool(c.get("holds"))
                ok_any += any(x.get("holds") for x in (c.get("by_method") or {}).values())
                if c.get("speedup"):
                    sps.append(c["speedup"])
        if n:
            sps.sort()
            med = sps[len(sps) // 2] if sps else None
            rows.append((part, n, ok, ok_any, med, sps[0] if sps else None))
    if rows:
        n = sum(x[1] for x in rows)
        ok = sum(x[2] for x in rows)
        detail = "; ".join(
            f"{p}: {k}/{m}"
            + (f" (any of our runs: {a}/{m})" if a != k else "")
            + (f", median speed-up {med:,.1f}×" if med else "")
            for p, m, k, a, med, _ in rows
        )
        md.append(
            f"| 6 | ours (`auto`) ≥ 10× faster than spopt at an equal or better objective "
            f"(per instance × spopt solver) | holds in {ok} of {n} — {detail} | "
            f"{'yes' if ok == n else 'no'} |"
        )
    return md


def observations(docs) -> list[str]:
    """Facts worth a look, found mechanically in the results."""
    md = []
    for doc in docs.values():
        for r in doc["records"]:
            tag = (
                f"{r['instance']} {r['model']}{' p=' + str(r['p']) if r.get('p') else ''}"
                f"{' S=' + num(r['radius']) if r.get('radius') else ''}"
            )
            sense = "min" if r["model"] in ("pmedian", "pcenter", "lscp") else "max"
            for label, o in r["ours"].items():
                if o.get("error"):
                    md.append(f"- {tag}: ours `{label}` raised {o['error'][:200]}")
                    continue
                tl = o.get("time_limit")
                if tl and o.get("seconds", 0) > tl + max(0.1, 0.02 * tl):
                    md.append(
                        f"- {tag}: ours `{label}` overran its time_limit of {tl:g} s: "
                        f"returned after {secs(o['seconds'])} s"
                    )
                if o.get("objective_mismatch"):
                    md.append(
                        f"- {tag}: ours `{label}` reports objective {num(o['objective'])} but "
                        f"its selection evaluates to {num(o['objective_check'])}"
                    )
                if o.get("valid") is False:
                    md.append(f"- {tag}: ours `{label}` returned an invalid selection")
            a, f = r["ours"].get("auto", {}), r["ours"].get("fast", {})
            if a.get("objective") is not None and f.get("objective") is not None:
                worse = (
                    a["objective"] > f["objective"]
                    if sense == "min"
                    else a["objective"] < f["objective"]
                )
                if worse and abs(a["objective"] - f["objective"]) > 1e-9 * abs(f["objective"]):
                    md.append(
                        f"- {tag}: `auto` ({secs(a['seconds'])} s) returned a worse objective "
                        f"({num(a['objective'])}) than `fast` ({num(f['objective'])} in "
                        f"{secs(f['seconds'])} s)"
                    )
            for solver, s in r["spopt"].items():
                c = (r.get("comparison") or {}).get(solver, {})
                if (
                    s.get("objective") is not None
                    and s.get("valid")
                    and not c.get("objective_equal_or_better", True)
                ):
                    md.append(
                        f"- {tag}: spopt {SOLVER_NAME.get(solver, solver)} found a better "
                        f"objective ({num(s['objective'])}) than ours `auto` "
                        f"({num(a.get('objective'))})"
                    )
    return md


def write(results: Path, out: Path) -> None:
    docs = load(results)
    if not docs:
        return
    first = next(iter(docs.values()))
    m, eng = first["machine"], first["engine"]
    sp = next((d.get("spopt_side") for d in docs.values() if d.get("spopt_side")), None) or {}
    md = ["# Siting optimizer benchmark: `weerbaar.engines.siting` vs spopt", ""]
    md.append(
        "Generated by `bench/report.py` from `bench/results/*.json`; all figures come from "
        "those files (both sides of each part measured in the same run)."
    )
    md.append("")
    md.append("## Machine and software")
    md.append("")
    md.append(f"- CPU: {m['cpu']}; `nproc`: {m['nproc']}; platform {m['platform']}")
    md.append("- `free -g`:")
    md.append("")
    md.append("```")
    md.append(m["free_g"].rstrip())
    md.append("```")
    md.append("")
    md.append(
        f"- Project venv (our engine): Python {m['python']}, numpy {m['numpy']}, scipy "
        f"{m['scipy']}, highspy {m['highspy']}"
    )
    if sp:
        md.append(
            f"- Benchmark venv (spopt side): Python {sp.get('python')}, spopt {sp.get('spopt')}, "
            f"PuLP {sp.get('pulp')} (bundled CBC), highspy {sp.get('highspy')}, numpy "
            f"{sp.get('numpy')}"
        )
    md.append(
        f"- Engine measured: git HEAD `{eng['git_head'][:12]}`, sha256 of "
        f"`weerbaar/engines/siting/*.py` `{eng['siting_sources_sha256']}` (uncommitted "
        "changes in the engine at run time: "
        f"{'yes' if eng['siting_uncommitted_changes'] else 'no'})"
    )
    md.append("")
    md.append("## Runs and exact commands")
    md.append("")
    md.append("| part | started | wall (both sides) | engine sha256 at start → end | command |")
    md.append("|---|---|---|---|---|")
    for part, doc in docs.items():
        a = doc["engine"]["siting_sources_sha256"]
        b = (doc.get("engine_after") or {}).get("siting_sources_sha256", "?")
        eng = f"`{a}`" if a == b else f"`{a}` → `{b}` (changed during the run!)"
        md.append(
            f"| {part} | {doc['started']} | {doc['wall_s'] / 60:.1f} min | {eng} | "
            f"`{doc['command']}` |"
        )
    md.append("")
    md.append("## Summary of the targets")
    md.append("")
    md += summary(docs)
    obs = observations(docs)
    if obs:
        md += ["", "Found mechanically in the results (engine behaviour worth a look):", ""] + obs
    notes = results / "notes.md"
    if notes.exists():
        md += ["", "## Observations (written after the run)", "", notes.read_text().strip()]
    md.append("")
    md += METHOD_NOTES
    if "pmed" in docs:
        md += ["", "## 1. OR-Library pmed1–pmed40 (p-median)", ""]
        md += pmed_table(docs["pmed"])
        md += [
            "",
            "`≠`: objective differs from the published optimum. Certified gap = (objective − "
            "our proven lower bound) / objective.",
        ]
    if "covering" in docs:
        md += ["", "## 2. Covering: Swain, SJC, BDS (MCLP and LSCP, covered = d ≤ S)", ""]
        md += generic_table(docs["covering"])
        md += [
            "",
            "Reference: optimal covered demand (MCLP) or the minimum number of sites (LSCP) "
            "from the README of the benchmark data; `≠ref` marks a difference. MCLP objective = "
            "covered demand (higher is better); LSCP objective = number of sites.",
        ]
    if "sf" in docs:
        md += [
            "",
            "## 3. spopt's San Francisco test data (205 tracts × 16 stores, network metres)",
            "",
        ]
        md += generic_table(docs["sf"])
        md += [
            "",
            "Reference: the values spopt's own tests assert (p = 4, S = 5,000 m). Rows sorted "
            "by tract name, columns by store name, POP2000 matched to its tract by name (as in "
            "spopt's tests).",
        ]
    if "drenthe" in docs:
        md += [
            "",
            "## 4. Drenthe: population layer × proxy candidate sites (straight line × 1.3)",
            "",
        ]
        md += generic_table(docs["drenthe"])
        md += [
            "",
            '`auto@10s` / `auto@5s`: `method="auto"` with `time_limit` 10 s / 5 s (the '
            "target's time budget).",
        ]
    if "scale" in docs:
        md += ["", "## 5. At scale: BDS100000 customers × 2,000 random sites", ""]
        md += scale_section(docs["scale"], docs)
    out.write_text("\n".join(md) + "\n")


METHOD_NOTES = [
    "### How it is measured",
    "",
    "- Both sides receive the identical dense cost matrix (our side in-process; spopt through a "
    "temporary `.npy`). Building the matrix is not timed on either side.",
    "- Ours: wall clock around `Model(...).solve(costs, weights, method=..., seed=0, "
    "time_limit=...)`; `time_limit` is `--our-limit` (a safety cap) unless stated.",
    "- spopt: `<Model>.from_cost_matrix(...)` + `model.solve(solver)` in one process of the "
    "benchmark venv; the time includes model building (PuLP objects), writing/passing the model, "
    "the solver and spopt's result tables; not the imports (~5 s, paid once per batch). The "
    "solver gets the rest of the per-instance limit as its own time limit; the process group is "
    "killed if it overruns the limit by the grace period. `DNF N s` = not finished (optimality not "
    "proven) within the N s limit, with the incumbent if PuLP returned one.",
    "- Solver settings are PuLP's defaults: CBC `PULP_CBC_CMD(msg=False, timeLimit=...)` (gap 0), "
    "HiGHS `pulp.HiGHS(msg=False, timeLimit=...)` (highspy API; HiGHS' default relative MIP gap "
    "1e-4, so its 'optimal' means within 0.01%). Our engine proves optimality to a relative gap "
    "of 1e-9.",
    "- Every objective (ours and spopt's) is recomputed by the driver from the selected columns "
    "and the matrix, in float64.",
    "- Side-by-side target: `yes (k×)` when ours (`auto`) is at least 10× faster and its "
    "objective is equal or better. `>k×` means spopt did not finish, so the speed-up is a lower "
    "bound.",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", default=str(HERE / "results"))
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()
    write(Path(args.results), Path(args.out))


if __name__ == "__main__":
    main()
