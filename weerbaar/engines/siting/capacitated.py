"""Capacitated p-median with single sourcing, solved as a MILP with HiGHS.

Each row goes wholly to one open column, and the demand a column serves fits its
capacity::

    min  sum_ij w_i c_ij x_ij
    s.t. sum_j x_ij = 1                  every row (pairs with finite cost only)
         sum_i d_i x_ij <= C_j y_j       every column with a finite capacity
         x_ij <= y_j                     (strengthens the LP; small instances only)
         sum_j y_j = p, group limits, fixed columns;  x, y binary

The bound is HiGHS' MILP dual bound: there is no heuristic-only answer. ``fast`` is the
same MILP with a default time limit of `FAST_SECONDS`.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._base import SpecificationError, check_count
from ._milp import INF, Milp, rule_rows
from ._model import Outcome, SitingModel

FAST_SECONDS = 10.0
#: Above this many (row, column) pairs the x <= y rows are left out (model size).
MAX_LINK_PAIRS = 200_000


class CapacitatedPMedian(SitingModel):
    """Single-source capacitated p-median.

    Parameters
    ----------
    p : int
        Number of columns to select.
    capacities : array of shape (m,)
        Largest demand a column may serve (``inf`` = unlimited).
    demand : array of shape (n,), optional
        Demand of each row; default the weights. Rows with weight 0 are ignored.
    """

    name = "capacitated"

    def __init__(self, p, capacities, demand=None, **rules):
        super().__init__(**rules)
        self.p, self.capacities, self.demand = p, capacities, demand

    def _check(self, rules, costs):
        n, m = costs.shape
        self.p = check_count("p", self.p, 1, m)
        rules.check_p(self.p)
        self._cap = _vector("capacities", self.capacities, m, allow_inf=True)
        self._demand = None if self.demand is None else _vector("demand", self.demand, n)

    def _run(self, problem, method, seed, clock):
        costs, w = problem.costs, problem.w
        demand = w if self._demand is None else self._demand[problem.active]
        allowed = problem.rules.allowed
        best_cap = np.where(np.isfinite(costs) & allowed, self._cap, -np.inf).max(axis=1)
        stuck = np.flatnonzero(best_cap < demand)
        if len(stuck):
            return Outcome(np.zeros(0, int), None, None, uncoverable=stuck, infeasible=True)
        model, rows, cols = _model(costs, w, demand, self._cap, problem.rules, self.p)
        limit = clock.remaining()
        if method == "fast" and not np.isfinite(limit):
            limit = FAST_SECONDS
        out = model.solve(limit, seed)
        info = {"method": method, "milp": out.status, "nodes": out.nodes}
        if out.x is None:
            infeasible = out.status == "infeasible"
            return Outcome(np.zeros(0, int), None, None, infeasible=infeasible,
                           unknown=not infeasible, info=info)  # fmt: skip
        m = costs.shape[1]
        y = out.x[:m] > 0.5
        chosen = out.x[m:] > 0.5
        assignment = np.full(costs.shape[0], -1, dtype=np.int64)
        assignment[rows[chosen]] = cols[chosen]
        value = float(w @ costs[np.arange(len(w)), assignment].astype(np.float64))
        return Outcome(np.flatnonzero(y), value, out.bound, assignment, info=info)


def _vector(name, values, size, allow_inf=False) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise SpecificationError(f"{name} must be numbers") from None
    if arr.shape != (size,):
        raise SpecificationError(f"{name} must have {size} entries, got {arr.shape[0]}")
    if np.isnan(arr).any() or (arr < 0).any() or (not allow_inf and np.isinf(arr).any()):
        raise SpecificationError(f"{name} must be finite numbers >= 0")
    return arr


def _model(costs, w, demand, cap, rules, p):
    """Variables: y (m) then x (one per finite, allowed pair)."""
    n, m = costs.shape
    rows, cols = np.nonzero(np.isfinite(costs) & rules.allowed[None, :])
    k = len(rows)
    x = m + np.arange(k)
    n_cols = m + k
    assign = sp.csr_matrix((np.ones(k), (rows, x)), shape=(n, n_cols))
    finite = np.flatnonzero(np.isfinite(cap))
    load_x = sp.csr_matrix((demand[rows], (cols, x)), shape=(m, n_cols))
    load_y = sp.csr_matrix((-cap[finite], (finite, finite)), shape=(m, n_cols))
    load = (load_x + load_y)[finite]
    blocks = [assign, load]
    lo = [np.ones(n), np.full(len(finite), -INF)]
    hi = [np.ones(n), np.zeros(len(finite))]
    if k <= MAX_LINK_PAIRS:
        link = sp.csr_matrix(
            (np.r_[np.ones(k), -np.ones(k)], (np.r_[np.arange(k), np.arange(k)], np.r_[x, cols])),
            shape=(k, n_cols),
        )
        blocks.append(link)
        lo.append(np.full(k, -INF))
        hi.append(np.zeros(k))
    extra, elo, ehi = rule_rows(rules, np.arange(m), n_cols, p_hi=p, p_lo=p)
    col_hi = np.ones(n_cols)
    col_hi[:m] = rules.allowed
    model = Milp(
        c=np.r_[np.zeros(m), w[rows] * costs[rows, cols].astype(np.float64)],
        a=sp.vstack([*blocks, extra], format="csr"),
        row_lo=np.concatenate([*lo, elo]),
        row_hi=np.concatenate([*hi, ehi]),
        col_lo=np.r_[rules.fixed_mask.astype(float), np.zeros(k)],
        col_hi=col_hi,
        integer=np.ones(n_cols, dtype=bool),
    )
    return model, rows, cols
