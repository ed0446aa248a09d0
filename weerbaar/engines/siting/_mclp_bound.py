"""Upper bounds for a reduced MCLP (`Cover`): LP relaxation, Lagrangian values, fixing.

Relaxing ``z_i <= sum_j a_ij y_j`` with multipliers ``0 <= u_i <= w_i`` gives for every u

    L(u) = offset + sum_i (w_i - u_i) + max { sigma(S) : S obeys p and the rules }
    sigma_j = gain_j + sum_i a_ij u_i

an upper bound on the objective of every selection. The inner problem is a partition
matroid (`ColumnRules.best`); the minimum over u is the LP bound, reached at the LP's row
duals. Bounds are always recomputed here from u, never read from the solver, so solver
tolerances cannot make them invalid.

Fixing against an incumbent of value B (`Threshold`): a column whose every selection has
L < limit(B) is left out, one without which L < limit(B) is forced in, and a row whose
``z_i = 0`` loses ``w_i - u_i`` below the limit must be covered. Those tests relax the
group limits (a relaxation, so still valid). Each keeps exactly the selections better than
B, which is all a proof that B is optimal needs.
"""

from __future__ import annotations

import highspy
import numpy as np

from ._lagrange import Cutoff
from ._mclp_cover import Cover

#: How the LP relaxation is solved (see `lp_relaxation`): covers of IPM_CELLS (rows x
#: columns) or more give the primal simplex SIMPLEX_CAP seconds, then use the IPM.
SIMPLEX_OPTIONS = (("simplex_strategy", 4),)
IPM_OPTIONS = (("solver", "ipm"),)
IPM_CELLS, SIMPLEX_CAP = 1_000_000, 0.4


class Threshold:
    """When an upper bound proves "nothing strictly better than the incumbent" (maximising).

    `Cutoff` does this for minimisation; objectives are negated on the way in and out.
    """

    def __init__(self, integral: bool):
        self.cut = Cutoff(integral)

    def limit(self, best: float) -> float:
        """Upper bounds below this prove that no selection beats `best`."""
        return -self.cut.limit(-best)

    def rounded(self, bound: float) -> float:
        """The bound rounded down to an integer when objectives are integers."""
        return -self.cut.rounded(-bound)


def capacity(rules, excluded=None) -> int:
    """The most columns a selection may hold without the `excluded` ones."""
    if excluded is None or not excluded.any():
        return rules.max_selectable()
    sub = rules.restrict(np.flatnonzero(~excluded))
    return sub.max_selectable()


def lagrangian(cover: Cover, u, forced=None, excluded=None):
    """(L(u), its selection) over selections holding `forced` and none of `excluded`.

    Rows that forced columns cover get u_i = 0 (their z_i <= 1 is then slack anyway, and
    zero is the best multiplier for them). Returns (-inf, None) if no selection exists.
    """
    u = np.asarray(u, dtype=np.float64)
    if forced is not None and forced.any():
        u = np.where(cover.a @ forced.astype(np.float64) > 0, 0.0, u)
    sigma = cover.gain + cover.a.T @ u
    return lagrangian_value(cover, float((cover.w - u).sum()), sigma, forced, excluded)


def lagrangian_value(cover: Cover, slack, sigma, forced=None, excluded=None):
    """L(u) from its parts: ``slack = sum(w - u)`` and the column scores ``sigma``."""
    q = min(cover.p, capacity(cover.rules, excluded))
    sel = cover.rules.best(-sigma, q, forced=forced, excluded=excluded)
    if sel is None:
        return -np.inf, None
    return cover.offset + slack + float(sigma[sel].sum()), sel


def lp_relaxation(cover: Cover, time_limit=None):
    """(LP solution y, multipliers u clipped to [0, w]) or None if HiGHS gives no duals.

    The primal simplex is fastest on most coverage LPs (Drenthe p=40: 0.21 s, p=10:
    0.07 s; the dual simplex, HiGHS' default, takes 1.4 s), but on very fractional ones
    it slows down (p=60: 0.58 s, r=7 km: 1.49 s) where the interior point method's time
    hardly moves (0.34 s, 0.62 s). So on large covers the simplex gets `SIMPLEX_CAP`
    seconds, then the interior point method (with crossover: vertex duals fix more
    columns than interior ones) takes over.
    """
    rows, cols = cover.a.shape
    lp = cover.milp()._lp(True)
    first = time_limit
    if rows * cols >= IPM_CELLS:
        first = SIMPLEX_CAP if time_limit is None else min(SIMPLEX_CAP, time_limit)
    sol = _solve_lp(lp, first, SIMPLEX_OPTIONS)
    if sol is None and first != time_limit:
        rest = None if time_limit is None else time_limit - first
        sol = _solve_lp(lp, rest, IPM_OPTIONS) if rest is None or rest > 0 else None
    if sol is None:
        return None
    y = np.asarray(sol.col_value, dtype=np.float64)[:cols]
    # HiGHS reports these duals >= 0 for the maximisation; clipping only guards round-off.
    u = np.clip(np.asarray(sol.row_dual, dtype=np.float64)[:rows], 0.0, cover.w)
    return y, u


def _solve_lp(lp, time_limit, options):
    """HiGHS' solution of `lp` if it finished with primal and dual values, else None."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if time_limit is not None and np.isfinite(time_limit):
        h.setOptionValue("time_limit", max(float(time_limit), 0.01))
    for name, value in options:
        h.setOptionValue(name, value)
    h.passModel(lp)
    h.run()
    sol = h.getSolution()
    done = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return sol if done and sol.value_valid and sol.dual_valid else None


def reduced_cost_fixing(cover: Cover, u, limit, forced, excluded) -> None:
    """Fix columns out (into `excluded`) or in (into `forced`) at multipliers u.

    Without group limits L(u) takes the q best scores. A column outside them replaces the
    q-th (bound ``relaxed - kth + sigma_j``); one inside, left out, is replaced by the
    (q+1)-th (``relaxed - sigma_j + next``).
    """
    rules = cover.rules
    sigma = cover.gain + cover.a.T @ u
    take = rules.fixed_mask | forced
    cand = np.flatnonzero(rules.allowed & ~take & ~excluded)
    q = cover.p - int(take.sum())
    if len(cand) == 0:
        return
    if q <= 0:
        excluded[cand] = True  # p columns are forced already: nothing else fits
        return
    r = -np.sort(-sigma[cand])
    top = r[: min(q, len(r))].sum()
    relaxed = cover.offset + float((cover.w - u).sum()) + float(sigma[take].sum()) + top
    if relaxed < limit:
        return  # nothing beats the incumbent at all: the caller is done
    kth = r[q - 1] if len(r) >= q else 0.0
    nxt = r[q] if len(r) > q else 0.0
    s = sigma[cand]
    inside = s >= kth if len(r) >= q else np.ones(len(cand), dtype=bool)
    with_j = np.where(inside, relaxed, relaxed - kth + s)
    without_j = np.where(inside, relaxed - s + nxt, relaxed)
    excluded[cand[with_j < limit]] = True
    forced[cand[without_j < limit]] = True


def row_forcing(cover: Cover, u, value, limit) -> np.ndarray:
    """Rows every selection better than the incumbent covers (L(u) = `value`)."""
    return value - (cover.w - u) < limit
