"""Lagrangian relaxation of the p-median problem, with reduced-cost column fixing.

Relaxing the assignment constraints ``sum_j x_ij = 1`` with multipliers ``lam_i`` gives::

    L(lam) = sum_i lam_i + min { sum_j rho_j y_j : y obeys p and the column rules }
    rho_j  = sum_i min(0, w_i c_ij - lam_i)

and every L(lam) is a lower bound on the optimum (its maximum equals the LP bound). The
inner problem is a partition matroid, solved exactly by `ColumnRules.best`.

Only a sparse neighbourhood is stored: for row i the columns with ``c_ij <= T_i`` (or the
first entries of its `NearestLists` row), and ``cap_i`` = the smallest cost outside it.
Keeping ``lam_i <= w_i cap_i`` makes every column outside the neighbourhood contribute
exactly 0 to rho, so L(lam) stays exact. A run can go on over a wider neighbourhood
(`Lagrangian.widen`): larger caps only let the multipliers rise further.

Steps are Polyak steps towards the best known objective along a deflected subgradient,
scaled by the row weights (a row of weight 2 moves as two rows of weight 1 would).

Fixing: with UB a known objective, if every selection containing column j has L >= UB then
no selection better than UB contains j (fixed out); if every selection without j has
L >= UB, all better ones contain j (fixed in). Those bounds relax the group limits, which
keeps them valid. Later bounds then hold for the restricted problem, so they prove
``optimum >= min(bound, UB)``, which is all a certificate for the incumbent needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._base import BLOCK_ELEMENTS


class Cutoff:
    """When a lower bound proves "nothing strictly better than UB" (with round-off slack).

    With integer weights and costs every objective is an integer, so a bound above
    ``UB - 1`` already proves it and a bound can be rounded up.
    """

    def __init__(self, integral: bool):
        self.integral = integral

    def _slack(self, value: float) -> float:
        # Round-off of sums over many rows: relative 1e-9 covers it with room to spare.
        return 1e-6 + 1e-9 * abs(value)

    def rounded(self, lb: float) -> float:
        """The bound, rounded up to an integer when objectives are integers."""
        if self.integral and np.isfinite(lb) and self._slack(lb) < 0.5:
            return float(np.ceil(lb - self._slack(lb)))
        return lb

    def limit(self, ub: float) -> float:
        """Bounds above this prove that no selection beats `ub`."""
        if self.integral and self._slack(ub) < 0.5:
            return ub - 1.0 + self._slack(ub)
        return ub - 1e-10 * max(abs(ub), 1.0)


@dataclass
class Neighbourhood:
    """Per row, the columns with cost <= threshold, sorted by cost (CSR layout)."""

    indptr: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    cap: np.ndarray  # float64 smallest selectable cost above the threshold, inf if none
    threshold: np.ndarray

    @property
    def row_of(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))


def neighbourhood(costs, threshold, selectable) -> Neighbourhood:
    """Collect, per row, the selectable columns with ``cost <= threshold[row]``."""
    n, m = costs.shape
    step = max(1, BLOCK_ELEMENTS // max(1, m))
    rows, cols, vals, caps = [], [], [], []
    blocked = ~selectable
    for start in range(0, n, step):
        x = costs[start : start + step]
        if blocked.any():
            x = np.array(x)
            x[:, blocked] = np.inf
        thr = threshold[start : start + step]
        inside = x <= thr[:, None]
        if not np.isfinite(thr).all():
            inside &= np.isfinite(x)
        r, c = np.nonzero(inside)
        v = x[r, c]
        # Rows come in order, columns ascending within a row: a stable sort by cost, then
        # by row, orders each row by (cost, column).
        order = np.argsort(v, kind="stable")
        key = r[order].astype(np.uint16) if step <= 1 << 16 else r[order]
        order = order[np.argsort(key, kind="stable")]
        rows.append(r[order] + start)
        cols.append(c[order])
        vals.append(v[order])
        caps.append(np.where(inside, np.inf, x).min(axis=1).astype(np.float64))
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    indptr = np.r_[0, np.cumsum(np.bincount(r, minlength=n))]
    return Neighbourhood(indptr, c, v, np.concatenate(caps), threshold)


def prefix_neighbourhood(lists, counts) -> Neighbourhood:
    """The first ``counts[i]`` finite entries of each row of `NearestLists` `lists`.

    ``cap`` is the next listed cost, or the lists' own cap after a full row (``inf``
    where no finite cost is left), so it is a valid neighbourhood.
    """
    n, k = lists.vals.shape
    finite = lists.vals < lists.big
    counts = np.minimum(np.clip(counts, 1, k), finite.sum(axis=1))
    ar = np.arange(n)
    inside = np.arange(k)[None, :] < counts[:, None]
    cap = np.where(counts < k, lists.vals[ar, np.minimum(counts, k - 1)], lists.cap)
    cap = np.where(cap < lists.big, cap, np.inf)
    threshold = lists.vals[ar, np.maximum(counts - 1, 0)]
    return Neighbourhood(
        np.r_[0, np.cumsum(counts)],
        lists.cols[inside].astype(np.int64),
        lists.vals[inside],
        cap,
        threshold,
    )


@dataclass
class LagrangeState:
    """Running state: the best bound, multipliers and columns fixed in or out."""

    lb: float = -np.inf
    lam: np.ndarray | None = None
    forced: np.ndarray | None = None
    excluded: np.ndarray | None = None
    iterations: int = 0
    candidates: list = field(default_factory=list)
    #: Step control, kept so that a run can go on after `Lagrangian.widen` (None: theta0).
    theta: float | None = None
    stall: int = 0
    direction: np.ndarray | None = None
    current: np.ndarray | None = None


class Lagrangian:
    """Subgradient optimisation of L(lam) (Polyak steps with deflection)."""

    #: Polyak step factor at the start; halved after `stall_limit` steps without progress.
    theta0 = 1.0
    #: The run ends when the step factor falls below this.
    theta_min = 1e-4
    stall_limit = 40
    #: Share of the previous direction kept in the next one (damps zig-zagging).
    deflection = 0.7

    def __init__(self, nb: Neighbourhood, w, rules, p, forced, excluded, cutoff=None):
        self.rules, self.p, self.w = rules, p, w
        self.cutoff = cutoff if cutoff is not None else Cutoff(False)
        self.state = LagrangeState(forced=forced.copy(), excluded=excluded.copy())
        self.widen(nb)

    def widen(self, nb: Neighbourhood) -> None:
        """Work on `nb` from now on (e.g. wider rows, so their caps no longer bind)."""
        self.nb, self.row_of = nb, nb.row_of
        self.counts = np.diff(nb.indptr)
        self.wc = self.w[self.row_of] * nb.vals.astype(np.float64)
        self.buf = np.empty(len(self.wc))
        # Entries grouped by column, so the served entries of p open columns are cheap.
        m = self.rules.m
        self.by_col = _column_order(nb.cols, m)
        self.col_ptr = np.r_[0, np.cumsum(np.bincount(nb.cols, minlength=m))]
        first = nb.indptr[:-1]
        has = self.counts > 0
        self.lam_lo = np.where(has, self.wc[np.minimum(first, len(self.wc) - 1)], 0.0)
        self.lam_hi = self.w * nb.cap

    def evaluate(self, lam):
        """(L(lam), selection, rho, subgradient)."""
        # np.repeat and in-place ufuncs: a gather lam[row_of] costs about three times more.
        red = np.subtract(self.wc, np.repeat(lam, self.counts), out=self.buf)
        np.minimum(red, 0.0, out=red)
        rho = np.bincount(self.nb.cols, red, minlength=self.rules.m)
        st = self.state
        sel = self.rules.best(rho, self.p, forced=st.forced, excluded=st.excluded)
        if sel is None:
            return np.inf, None, rho, None
        ptr = self.col_ptr
        entries = np.concatenate([self.by_col[ptr[j] : ptr[j + 1]] for j in sel])
        served = entries[red[entries] < 0]
        g = 1.0 - np.bincount(self.row_of[served], minlength=len(lam))
        return float(lam.sum() + rho[sel].sum()), sel, rho, g

    def refix(self, ub) -> None:
        """Fixing tests again at the best multipliers, e.g. after UB improved."""
        if self.state.lam is not None and np.isfinite(ub):
            _, _, rho, _ = self.evaluate(self.state.lam)
            self.fix(float(self.state.lam.sum()), rho, ub)

    def fix(self, lam_sum, rho, ub) -> None:
        """Reduced-cost tests at multipliers with bound `value` (group limits relaxed)."""
        st = self.state
        take = self.rules.fixed_mask | st.forced
        cand = np.flatnonzero(self.rules.allowed & ~take & ~st.excluded)
        q = self.p - int(take.sum())
        if q <= 0 or len(cand) == 0:
            return
        r = rho[cand]
        order = np.argsort(r, kind="stable")
        relaxed = lam_sum + rho[take].sum() + r[order[:q]].sum()
        limit = self.cutoff.limit(ub)
        if relaxed > limit:
            return  # the incumbent is already proven optimal: nothing left to restrict
        inside = np.zeros(len(cand), dtype=bool)
        inside[order[:q]] = True
        kth = r[order[q - 1]]
        nxt = r[order[q]] if len(cand) > q else np.inf
        lb_in = np.where(inside, relaxed, relaxed - kth + r)
        lb_out = np.where(inside, relaxed - r + nxt, relaxed)
        st.excluded[cand[lb_in > limit]] = True
        st.forced[cand[lb_out > limit]] = True

    def run(self, lam, ub, clock, max_iter=400, on_selection=None, target=None):
        """Maximise L from `lam` (None: go on from where the last run stopped).

        `ub` is a proven upper bound (inf if none yet: no fixing then); `target` stands in
        for it in the Polyak step until one is known. `on_selection(sel)` returns the
        objective of a Lagrangian selection, which may lower `ub`. Stops after
        `max_iter` iterations in all.
        """
        st = self.state
        lam = st.current if lam is None else lam
        lam = np.clip(lam, self.lam_lo, self.lam_hi)
        offered = -10
        if st.theta is None:
            st.theta = self.theta0
        while st.iterations < max_iter and not clock.expired() and st.theta >= self.theta_min:
            st.iterations += 1
            value, sel, rho, g = self.evaluate(lam)
            if sel is None:
                st.lb = np.inf  # the rules leave no selection: nothing to bound
                break
            # Scoring a selection costs O(n k): every 10th, or a new best at most every 5th.
            if on_selection is not None and (
                st.iterations % 10 == 1 or (value > st.lb and st.iterations - offered >= 5)
            ):
                ub, offered = min(ub, on_selection(sel)), st.iterations
            if value > st.lb:
                st.lb, st.lam, st.stall = value, lam.copy(), 0
                if np.isfinite(ub):
                    self.fix(float(lam.sum()), rho, ub)
            else:
                st.stall += 1
                if st.stall >= self.stall_limit:
                    st.theta, st.stall = st.theta / 2, 0
            if np.isfinite(ub) and self.cutoff.rounded(st.lb) > self.cutoff.limit(ub):
                break
            goal = ub if np.isfinite(ub) else target
            d = g if st.direction is None else g + self.deflection * st.direction
            st.direction = d
            # Steps scaled by the row weights: a row of weight 2 moves like two rows of 1.
            scaled = self.w * d
            norm = float(np.einsum("i,i->", d, scaled))
            if norm == 0:
                break
            lam = np.clip(lam + st.theta * (goal - value) / norm * scaled, self.lam_lo, self.lam_hi)
        st.current = lam
        return st


def _column_order(cols: np.ndarray, m: int) -> np.ndarray:
    """Stable order of entries by column (a radix sort when columns fit in 16 bits)."""
    return np.argsort(cols.astype(np.uint16) if m <= 1 << 16 else cols, kind="stable")
