"""The MCLP pipeline on the reduced matrix: incumbent, bound and fixings of one solve.

Every step keeps a selection (`sel`, value `best`) and a proven upper bound (`bound`):

1. greedy + best-improvement swaps;
2. the LP relaxation -> multipliers u; ``L(u)`` (`_mclp_bound`) is the bound;
3. polish: HiGHS on the columns the LP uses (y_j >= `SUPPORT`) and the incumbent only,
   then swaps. The LP support holds most of an optimum: on Drenthe this finds the
   optimum where swaps alone stop 0.5% short, and fixing needs a good incumbent;
4. fixing against the incumbent: reduced costs, rows that must be covered, and probes
   (`_mclp_probe`); the cover shrinks to what a better selection may use;
5. the exact MILP on what is left, warm-started from the incumbent.

``fast`` stops after step 3.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ._mclp_bound import (
    IPM_CELLS,
    Threshold,
    lagrangian,
    lp_relaxation,
    reduced_cost_fixing,
    row_forcing,
)
from ._mclp_cover import Cover
from ._mclp_probe import Prober
from ._milp import NO_HEURISTICS
from .coverage import greedy_cover, swap_cover

#: Columns with at least these LP values (and the incumbent's) make up the polishing MILPs.
SUPPORT = (0.3, 0.1)
#: HiGHS settings. Presolve only reshuffles these models, which are reduced already.
POLISH_OPTIONS = (("presolve", "off"),)
#: The exact MILP keeps HiGHS' heuristics off (the start is strong; on Drenthe they triple
#: its time) unless fixing left more than HEURISTIC_SHARE of the columns.
MILP_OPTIONS = (*POLISH_OPTIONS, *NO_HEURISTICS)
HEURISTIC_SHARE = 0.75
#: The polishing MILP may use this share of the remaining time, and at most POLISH_MAX s.
POLISH_SHARE, POLISH_MAX = 0.25, 1.0
#: Probing may use this share of the remaining time. It stops early when, after
#: PROBE_TRIAL probes, fewer than PROBE_YIELD of them excluded their column: the incumbent
#: is then too far below the bound for probes to pay off.
PROBE_SHARE, PROBE_TRIAL, PROBE_YIELD = 0.5, 30, 0.05
#: Covers with fewer cells (rows x columns) go to the MILP right after the LP.
TINY_CELLS = 20_000
#: Covers with fewer cells (rows x columns) try the MILP before probing, for TRY_SHARE x
#: the time spent so far (at least TRY_MIN seconds).
PROBE_CELLS, TRY_SHARE, TRY_MIN = 1_000_000, 2.0, 0.05
#: ... and then probe for at most PROBE_TRY x that time.
PROBE_TRY = 1.0
#: Seconds kept back for mapping the answer back; HiGHS is not started with less than
#: MIN_RUN seconds, and its limit is cut by its expected overrun (`for_highs`).
MARGIN, MIN_RUN = 0.1, 0.02
OVERRUN_SHARE, OVERRUN_MAX = 0.2, 0.3


class CoverSearch:
    """State of one MCLP solve on a `_Reduced` matrix (columns numbered as in ``red``)."""

    def __init__(self, red, rules, p, clock, seed):
        self.red, self.rules, self.p, self.clock, self.seed = red, rules, p, clock, seed
        self.base = Cover.build(red.a, red.w, red.fixed_weight, rules, p)
        self.cover, self.cols = self.base, np.arange(red.a.shape[1])
        # Objectives are integers when the (merged) weights and the offset are.
        integral = np.array_equal(red.w, np.round(red.w)) and float(red.fixed_weight).is_integer()
        self.threshold = Threshold(bool(integral))
        self.sel, self.best, self.bound = None, -np.inf, np.inf
        self.y = self.u = None
        self.lag = np.inf
        self.info = {"fixed_out": 0, "fixed_in": 0, "rows_forced": 0}

    # --- incumbent and bound ---------------------------------------------------------------

    def offer(self, sel) -> None:
        """Keep `sel` (columns of ``red``) if it beats the incumbent."""
        sel = np.unique(np.asarray(sel, dtype=np.int64))
        value = self.base.value(sel)
        if value > self.best:
            self.sel, self.best = sel, value

    def improve(self, sel) -> None:
        """Fill `sel` up to p greedily, run swaps and offer the result."""
        red = self.red
        full, _ = greedy_cover(red.a.tocsc(), red.w, self.rules, self.p, start=sel)
        self.offer(swap_cover(red.a, red.w, self.rules, full))

    def tighten(self, value) -> None:
        """A bound on the current cover (which keeps every better selection) holds overall
        for ``max(best, value)``."""
        self.bound = min(self.bound, max(self.best, value))

    def tiny(self) -> bool:
        rows, cols = self.cover.a.shape
        return rows * cols < TINY_CELLS

    def left(self) -> float:
        """Seconds still to use; `MARGIN` is kept for mapping the answer back."""
        return self.clock.remaining() - MARGIN

    def for_highs(self) -> float:
        """The time limit to give HiGHS: it checks its clock between cut rounds and LP
        solves, and on Drenthe overruns by up to 0.35 s."""
        left = self.left()
        return left - min(OVERRUN_MAX, OVERRUN_SHARE * left)

    def closed(self) -> bool:
        return self.threshold.rounded(self.bound) < self.threshold.limit(self.best)

    def local(self, sel) -> np.ndarray | None:
        """`sel` in the current cover's numbering, None if it uses a dropped column."""
        pos = np.full(self.red.a.shape[1], -1)
        pos[self.cols] = np.arange(len(self.cols))
        out = pos[np.asarray(sel, dtype=np.int64)]
        return None if (out < 0).any() else out

    # --- steps -----------------------------------------------------------------------------

    def run(self, fast: bool) -> None:
        """Steps 1-5 (``fast``: 1-3) until the time is up or the gap is closed.

        Tiny covers (below `TINY_CELLS`) go to the MILP right after the LP, also for
        ``fast``: HiGHS solves them in a few milliseconds, sooner than polishing would.
        """
        self.heuristic()
        relaxed = self.relax()
        if self.closed():
            return
        if self.tiny():
            self.exact()
            return
        if relaxed:
            self.polish()
        if not fast and not self.closed():
            self.solve(relaxed)

    def heuristic(self) -> None:
        """Greedy and swaps; two bounds that need no LP: L(0) (all weight) and L(w) (the
        p largest column weights), so even a very short time limit reports a bound."""
        start, _ = greedy_cover(self.red.a.tocsc(), self.red.w, self.rules, self.p)
        self.offer(swap_cover(self.red.a, self.red.w, self.rules, start))
        for u in (np.zeros_like(self.base.w), self.base.w):
            self.tighten(lagrangian(self.base, u)[0])

    def relax(self) -> bool:
        """LP multipliers for the current cover and the bound L(u); False without duals."""
        if self.for_highs() < MIN_RUN:
            return False
        res = lp_relaxation(self.cover, self.for_highs())
        if res is None:
            return False
        self.y, self.u = res
        self.lag, sel = lagrangian(self.cover, self.u)
        if sel is not None:
            # Swaps cost as much as HiGHS' whole solve on tiny covers.
            (self.offer if self.tiny() else self.improve)(self.cols[sel])
        self.tighten(self.lag)
        return True

    def polish(self) -> None:
        """HiGHS on the LP's support plus the incumbent, then swaps.

        A small MILP first (the columns at `SUPPORT[0]` or more, solved in milliseconds),
        whose answer warm-starts the larger one; HiGHS' own heuristics stay on here, since
        on fractional LPs (p=60 on Drenthe) they find what the search tree does not.
        """
        for level in SUPPORT:
            if self.closed():
                return
            keep = self.y >= level
            mine = self.local(self.sel)
            if mine is not None:
                keep[mine] = True
            sub, cols = self.cover.restrict(keep)
            start = None if mine is None else sub.start(np.searchsorted(cols, mine))
            limit = min(POLISH_SHARE * self.for_highs(), POLISH_MAX)
            if limit < MIN_RUN:
                return
            out = sub.milp().solve(limit, self.seed, start, options=POLISH_OPTIONS)
            if out.x is not None:
                self.improve(self.cols[cols[out.x[: len(cols)] > 0.5]])

    def fix(self, probe_seconds: float) -> None:
        """Reduced costs, forced rows (and probes) at u, then shrink the cover."""
        cover, u = self.cover, self.u
        limit = self.threshold.limit(self.best)
        k = cover.a.shape[1]
        forced, excluded = np.zeros(k, dtype=bool), np.zeros(k, dtype=bool)
        reduced_cost_fixing(cover, u, limit, forced, excluded)
        must = row_forcing(cover, u, self.lag, limit)
        if probe_seconds > 0:
            self._probe(limit, forced, excluded, probe_seconds)
        self.info["fixed_out"] += int(excluded.sum())
        self.info["fixed_in"] += int(forced.sum())
        self.info["rows_forced"] += int(must.sum())
        narrowed = replace(cover, must=cover.must | must)
        self.cover, cols = narrowed.restrict(~excluded, forced)
        self.cols = self.cols[cols]
        self.y = self.u = None  # they belong to the old cover's rows and columns

    def _probe(self, limit, forced, excluded, seconds) -> None:
        """Probe the candidate columns, most promising (lowest score) first."""
        cover, rules = self.cover, self.cover.rules
        sigma = cover.gain + cover.a.T @ self.u
        take = rules.fixed_mask | forced
        cand = np.flatnonzero(rules.allowed & ~take & ~excluded)
        q = self.p - int(take.sum())
        if q <= 0 or len(cand) <= q:
            return
        pi = float(-np.sort(-sigma[cand])[q - 1])
        prober = Prober(cover, self.u, pi)
        stop = self.clock.elapsed() + min(seconds, PROBE_SHARE * self.left())
        done = hits = 0
        for j in cand[np.argsort(sigma[cand], kind="stable")]:
            if self.clock.elapsed() > stop or (done >= PROBE_TRIAL and hits < PROBE_YIELD * done):
                break
            done += 1
            if prober.probe(j, forced, excluded) < limit:
                excluded[j] = True
                hits += 1
        self.info["probes"] = self.info.get("probes", 0) + done

    def solve(self, relaxed: bool) -> None:
        """Steps 4-5: fixing (with probes on large covers), then the MILP.

        Probes cost 1-3 ms each. Below `PROBE_CELLS` (rows x columns) HiGHS is usually
        done sooner, so there the MILP first gets `TRY_SHARE` x the time spent so far;
        only if that is not enough, the LP is solved again on the smaller cover and
        probing starts, for a similar time.
        """
        if not relaxed:
            self.exact()
            return
        rows, cols = self.cover.a.shape
        if rows * cols >= PROBE_CELLS:
            self.fix(probe_seconds=np.inf)
        else:
            self.fix(probe_seconds=0.0)
            budget = max(TRY_MIN, TRY_SHARE * self.clock.elapsed())
            if self.closed() or self.exact(budget):
                return
            if self.relax() and not self.closed():
                self.fix(probe_seconds=PROBE_TRY * budget)
        if not self.closed():
            self.exact()

    def exact(self, budget=np.inf) -> bool:
        """The MILP on the remaining cover, warm-started from the incumbent.

        Returns True when it settled the question (optimal or nothing better exists).
        """
        cover = self.cover
        if cover.a.shape[1] == 0:  # every column is out: only the empty selection is left
            self.tighten(cover.offset)
            return True
        mine = self.local(self.sel)
        start = None if mine is None else cover.start(mine)
        limit = min(self.for_highs(), budget)
        if limit < MIN_RUN:
            return False
        weak = cover.a.shape[1] > HEURISTIC_SHARE * self.base.a.shape[1]
        options = POLISH_OPTIONS if weak else MILP_OPTIONS
        if cover.a.shape[0] * cover.a.shape[1] >= IPM_CELLS:
            options += (("mip_lp_solver", "ipm"),)  # its root LP: 0.4 s, not 1.8 s (p=60)
        out = cover.milp().solve(limit, self.seed, start, options=options)
        self.info["milp"] = out.status
        self.info["milp_size"] = [int(cover.a.shape[0]), int(cover.a.shape[1])]
        if out.status == "infeasible":
            self.tighten(self.best)  # nothing better than the incumbent exists
            return True
        if out.x is not None:
            self.offer(self.cols[out.x[: cover.a.shape[1]] > 0.5])
        if out.bound is not None:
            self.tighten(out.bound)
        return out.status == "optimal"

    def reported_bound(self) -> float:
        return max(self.best, self.threshold.rounded(self.bound))
