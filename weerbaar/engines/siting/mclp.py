"""Coverage models: MCLP (maximal covering) and LSCP (location set covering).

With A the coverage matrix (`coverage.coverage`), y_j = 1 for a selected column and z_i
for a covered row::

    MCLP:  max sum_i w_i z_i   s.t. z_i <= sum_j A_ij y_j,  sum_j y_j = p,  0 <= z <= 1
    LSCP:  min sum_j y_j       s.t. sum_j A_ij y_j >= 1 for every row with weight > 0

plus fixed columns and group limits. Both are solved on the reduced matrix (merged rows,
dominated columns dropped, rows already covered by fixed columns taken out), where MCLP
uses ``sum_j y_j <= p`` and the selection is padded back to exactly p columns: extra
columns never lower the coverage.

MCLP runs `_mclp_search.CoverSearch`: greedy and swaps, the LP bound, a MILP on the LP's
support, then fixing against that incumbent (reduced costs, rows that must be covered,
probes) and the exact MILP on what is left (``fast`` stops before the fixing). LSCP: a
greedy cover gives the warm start; the bound is HiGHS' MILP bound (``fast``: the LP
relaxation).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from ._base import check_count, check_radius
from ._mclp_search import CoverSearch
from ._milp import INF, Milp, rule_rows
from ._model import Outcome, SitingModel, nearest_assignment
from .coverage import coverage, covered_weight, dominated, greedy_cover, merge_rows


class _Reduced:
    """The coverage matrix after the exact reductions."""

    def __init__(self, costs, w, radius, rules):
        full = coverage(costs, radius, rules.allowed)
        self.uncoverable = np.flatnonzero(np.diff(full.indptr) == 0)
        fixed_hit = np.asarray(full[:, rules.fixed].sum(axis=1)).ravel() > 0
        open_rows = np.flatnonzero(~fixed_hit & (np.diff(full.indptr) > 0))
        self.fixed_weight = float(w[fixed_hit].sum())
        a, self.w, _ = merge_rows(full[open_rows], w[open_rows])
        drop = dominated(a, rules)
        self.columns = np.flatnonzero(~drop)
        self.a = a[:, self.columns].tocsr()
        self.n_rows, self.n_cols = len(w), full.shape[1]
        self.dropped = int(drop.sum() - (~rules.allowed).sum())

    def info(self) -> dict:
        return {
            "rows_after_reduction": int(self.a.shape[0]),
            "columns_after_reduction": int(len(self.columns)),
            "dominated_columns": self.dropped,
        }


class MCLP(SitingModel):
    """Maximal covering: select p columns covering the most weight within `radius`.

    ``solve(...).objective`` is the covered weight and ``bound`` an upper bound on it.
    """

    name = "mclp"

    def __init__(self, p, radius, **rules):
        super().__init__(**rules)
        self.p, self.radius = p, radius

    def _check(self, rules, costs):
        self.p = check_count("p", self.p, 1, costs.shape[1])
        self.radius = check_radius(self.radius)
        rules.check_p(self.p)

    def _run(self, problem, method, seed, clock):
        rules, p = problem.rules, self.p
        red = _Reduced(problem.costs, problem.w, self.radius, rules)
        search = CoverSearch(red, rules.restrict(red.columns), p, clock, seed)
        search.run(fast=method == "fast")
        sel = red.columns[search.sel]
        sel = rules.pad(np.union1d(sel, rules.fixed), p)
        value = covered_weight(problem.costs, problem.w, self.radius, sel)
        info = {**red.info(), **search.info, "method": method}
        assignment = nearest_assignment(problem.costs, sel, limit=self.radius)
        bound = search.reported_bound() if np.isfinite(search.bound) else None
        return Outcome(sel, value, bound, assignment, red.uncoverable, info=info)


class LSCP(SitingModel):
    """Location set covering: fewest columns so every weighted row is within `radius`."""

    name = "lscp"

    def __init__(self, radius, **rules):
        super().__init__(**rules)
        self.radius = radius

    def _check(self, rules, costs):
        self.radius = check_radius(self.radius)

    def _run(self, problem, method, seed, clock):
        rules = problem.rules
        red = _Reduced(problem.costs, problem.w, self.radius, rules)
        if len(red.uncoverable):
            return Outcome(np.zeros(0, int), None, None, uncoverable=red.uncoverable,
                           infeasible=True)  # fmt: skip
        sub = rules.restrict(red.columns)
        start, covered = greedy_cover(red.a.tocsc(), np.ones(red.a.shape[0]), sub, sub.m)
        start_ok = bool(covered.all())
        info = {**red.info(), "method": method}
        if method == "fast" and start_ok:
            out = cover_milp(red, rules).solve(clock.remaining(), seed, relax=True)
            sel, info["milp"] = red.columns[start], "lp"
        else:
            x0 = np.isin(np.arange(sub.m), start).astype(float) if start_ok else None
            out = cover_milp(red, rules).solve(clock.remaining(), seed, x0)
            info["milp"] = out.status
            if out.x is None:
                proven = out.status == "infeasible"
                return Outcome(np.zeros(0, int), None, None, uncoverable=red.uncoverable,
                               infeasible=proven, unknown=not proven, info=info)  # fmt: skip
            sel = red.columns[out.x > 0.5]
        sel = np.union1d(sel, rules.fixed)
        # Objective counts columns: any fractional bound rounds up.
        bound = None if out.bound is None else math.ceil(out.bound - 1e-6)
        assignment = nearest_assignment(problem.costs, sel, limit=self.radius)
        return Outcome(sel, float(len(sel)), bound, assignment, red.uncoverable, info=info)


def cover_milp(red: _Reduced, rules, p_hi=None, count=True) -> Milp:
    """Every reduced row covered, at most `p_hi` columns; minimise the number of columns
    (LSCP) or, with ``count=False``, feasibility only (p-center's radius test)."""
    k, n = len(red.columns), red.a.shape[0]
    extra, lo, hi = rule_rows(rules, red.columns, k, p_hi=p_hi)
    return Milp(
        c=np.ones(k) if count else np.zeros(k),
        a=sp.vstack([red.a.astype(float), extra], format="csr"),
        row_lo=np.r_[np.ones(n), lo],
        row_hi=np.r_[np.full(n, INF), hi],
        col_lo=rules.fixed_mask[red.columns].astype(float),
        col_hi=np.ones(k),
        integer=np.ones(k, dtype=bool),
    )
