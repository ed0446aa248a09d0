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

#: How the LP relaxation is solved (see `lp_relaxation`). HiGHS' default, the dual
#: simplex, is several times slower on coverage LPs (1.4 s against 0.26 s on Drenthe).
SIMPLEX_OPTIONS = (("simplex_strategy", 4),)
IPM_OPTIONS = (("solver", "ipm"),)
IPM_CELLS = 1_000_000


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

    Large covers use the interior point method, whose time hardly depends on p (Drenthe
    p=60: 0.34 s against 0.77 s for the primal simplex, r=7 km: 0.62 s / 1.38 s, p=40:
    0.33 s / 0.26 s); its crossover is kept, since vertex duals fix more columns than
    interior ones. Small covers use the primal simplex (0.02 s against 0.07 s on
    2,527 x 446).
    """
    rows, cols = cover.a.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if time_limit is not None and np.isfinite(time_limit):
        h.setOptionValue("time_limit", max(float(time_limit), 0.01))
    for name, value in IPM_OPTIONS if rows * cols >= IPM_CELLS else SIMPLEX_OPTIONS:
        h.setOptionValue(name, value)
    h.passModel(cover.milp()._lp(True))
    h.run()
    sol = h.getSolution()
    if not (sol.value_valid and sol.dual_valid):
        return None
    y = np.asarray(sol.col_value, dtype=np.float64)[:cols]
    # HiGHS reports these duals >= 0 for the maximisation; clipping only guards round-off.
    u = np.clip(np.asarray(sol.row_dual, dtype=np.float64)[:rows], 0.0, cover.w)
    return y, u


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
