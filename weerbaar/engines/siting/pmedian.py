"""The p-median model: select p columns minimising ``sum_i w_i min_{j in S} c_ij``.

Pipeline (every step keeps a feasible selection and a proven lower bound):

1. greedy construction, then fast interchange (`_interchange`) -> upper bound UB;
2. Lagrangian relaxation on a sparse neighbourhood (`_lagrange`) -> lower bound LB, column
   fixing by reduced costs, and its selections re-polished by interchange;
3. while the gap is open, ``auto``: Lagrangian branch-and-bound on the columns
   (`_branch`), cheap per node and strong where the LP bound is weak (small p);
   ``exact``: the truncated radius MILP (`_radius`) with HiGHS, warm-started from the
   incumbent, widened until no row leaves its neighbourhood. Both end with a proof of
   optimality, or with the best bound when time runs out.

``fast`` stops after step 2 and reports its proven gap.
"""

from __future__ import annotations

import numpy as np

from ._base import OPTIMAL_GAP, check_count, relative_gap, row_blocks
from ._branch import branch_and_bound
from ._interchange import CostView, Interchange, greedy
from ._lagrange import Cutoff, Lagrangian, neighbourhood
from ._model import Outcome, SitingModel, nearest_assignment
from ._radius import build_model, ladder, warm_start

#: Neighbourhoods hold at least this many columns per row (more room for the multipliers).
MIN_NEIGHBOURS = 4
#: How many of the best Lagrangian selections are polished by interchange.
POLISH_STARTS = 8


class PMedian(SitingModel):
    """p-median: minimise the weighted cost of serving each row from its nearest column.

    Parameters
    ----------
    p : int
        Number of columns to select (exactly).
    fixed, allowed, groups, max_per_group
        Column rules, see `ColumnRules`.

    Notes
    -----
    ``solve(...).bound`` is a lower bound (Lagrangian dual or HiGHS' MILP bound).
    """

    name = "pmedian"

    def __init__(self, p, **rules):
        super().__init__(**rules)
        self.p = p

    def _check(self, rules, costs):
        self.p = check_count("p", self.p, 1, costs.shape[1])
        rules.check_p(self.p)

    def _run(self, problem, method, seed, clock):
        rules, p = problem.rules, self.p
        reach = _reachable(problem.costs, rules.allowed)
        if not reach.all():
            return Outcome(np.zeros(0, int), None, None, uncoverable=np.flatnonzero(~reach),
                           infeasible=True)  # fmt: skip
        view = CostView(problem.costs, problem.w)
        search = _Search(view, rules, p, clock, seed)
        search.heuristic()
        search.relax(max_iter=1000 if method == "fast" else 2000)
        if method == "exact" or not search.feasible():
            search.exact()
        elif method == "auto" and not search.gap_closed():
            branch_and_bound(search)
        return search.outcome(method)


def _reachable(costs, allowed) -> np.ndarray:
    """Rows with a finite cost to at least one allowed column."""
    out = np.zeros(costs.shape[0], dtype=bool)
    cols = np.flatnonzero(allowed)
    for block in row_blocks(*costs.shape):
        out[block] = np.isfinite(costs[block][:, cols]).any(axis=1)
    return out


class _Search:
    """Incumbent, bound and fixing state shared by the pipeline's steps."""

    def __init__(self, view, rules, p, clock, seed):
        self.view, self.rules, self.p, self.clock, self.seed = view, rules, p, clock, seed
        self.sel = None
        self.ub = np.inf  # true objective of `sel` (inf while a row is unserved)
        self.lb = 0.0
        self.info = {"swaps": 0, "lagrange_iterations": 0, "milp_rounds": 0}
        self.forced = np.zeros(rules.m, dtype=bool)
        self.excluded = np.zeros(rules.m, dtype=bool)
        self.nb = None
        self.lam = None
        self.cutoff = Cutoff(_integral(view))

    def feasible(self) -> bool:
        return bool(np.isfinite(self.ub))

    def bound(self) -> float:
        """The proven lower bound (rounded up for integer data, never above UB)."""
        return min(self.cutoff.rounded(self.lb), self.ub)

    def gap_closed(self) -> bool:
        gap = relative_gap(self.ub, self.bound()) if self.feasible() else None
        return gap is not None and gap <= OPTIMAL_GAP

    def offer(self, sel) -> float:
        """Consider `sel` as incumbent; return its true objective."""
        d, _ = self.view.nearest(sel)
        value = np.inf if (d >= self.view.big).any() else float(self.view.w @ d.astype(float))
        if value < self.ub:
            self.sel, self.ub = np.sort(np.asarray(sel)), value
        return value

    def polish(self, sel) -> None:
        ic = Interchange(self.view, self.rules, sel)
        self.offer(ic.run(self.clock))
        self.info["swaps"] += ic.swaps
        self._ic = ic

    def heuristic(self) -> None:
        self.polish(greedy(self.view, self.rules, self.p))
        if self.sel is None:  # rows left unserved: keep the penalised start anyway
            self.sel = np.sort(self._ic.sel)

    def relax(self, max_iter: int) -> None:
        """Lagrangian bound on a neighbourhood around the incumbent's two nearest columns.

        The distinct Lagrangian selections met on the way are scored by their true
        objective and the best few are polished by interchange: they are often close to
        optimal, and a better UB then fixes more columns.
        """
        ic = self._ic
        kth = _kth_smallest(self.view, self.rules.allowed, MIN_NEIGHBOURS)
        self.nb = neighbourhood(self.view.c, np.maximum(ic.d2, kth), self.rules.allowed)
        lag = Lagrangian(
            self.nb, self.view.w, self.rules, self.p, self.forced, self.excluded, self.cutoff
        )
        seen: dict[tuple, float] = {}

        def on_selection(sel):
            key = tuple(int(j) for j in sel)
            if key not in seen:
                seen[key] = self.offer(sel)
            return seen[key]

        target = self.ub if self.feasible() else 1.05 * ic.objective() + 1.0
        # Start halfway between the nearest and second-nearest open cost of each row.
        lam0 = self.view.w * (0.5 * ic.d1.astype(np.float64) + 0.5 * ic.d2.astype(np.float64))
        st = lag.run(lam0, self.ub, self.clock, max_iter, on_selection, target=target)
        self.lb = max(self.lb, st.lb)
        self.lam = st.lam  # warm start for the branch-and-bound
        # Each interchange start costs a full O(n m) pass: fewer of them on huge matrices.
        starts = POLISH_STARTS if self.view.n * self.view.m <= 2e7 else 2
        for key in sorted(seen, key=seen.get)[:starts]:
            if self.gap_closed() or self.clock.expired():
                break
            self.polish(np.array(key, dtype=np.int64))
        lag.refix(self.ub)
        self.forced, self.excluded = st.forced, st.excluded
        self.info["lagrange_iterations"] += st.iterations
        self.info["fixed_in"] = int(st.forced.sum())
        self.info["fixed_out"] = int(st.excluded.sum())

    def exact(self) -> None:
        """Truncated radius MILP rounds until proven optimal or out of time."""
        columns = np.flatnonzero(self.rules.allowed & ~self.excluded)
        forced = self.forced | self.rules.fixed_mask
        threshold = self.nb.threshold.copy()
        nb = neighbourhood(self.view.c, threshold, self.rules.allowed & ~self.excluded)
        while not self.gap_closed() and not self.clock.expired():
            self.info["milp_rounds"] += 1
            lad = ladder(nb, self.view.w, columns, self.rules.m)
            model = build_model(lad, self.view.w, self.rules, columns, self.p, forced)
            start = warm_start(lad, columns, self.sel, self.rules.m) if self.feasible() else None
            out = model.solve(self.clock.remaining(), self.seed, start, heuristics=start is None)
            if out.status == "infeasible":
                self.infeasible = True
                return
            if out.bound is not None:
                self.lb = max(self.lb, out.bound)
            if out.x is None:
                return
            sel = columns[out.x[: len(columns)] > 0.5]
            self.offer(sel)
            if out.status != "optimal":
                return
            d, _ = self.view.nearest(sel)
            beyond = d > threshold
            if not beyond.any():
                self.lb = max(self.lb, min(out.bound, self.ub))
                return
            # Rows served beyond their neighbourhood: widen them and solve again.
            threshold[beyond] = d[beyond]
            nb = neighbourhood(self.view.c, threshold, self.rules.allowed & ~self.excluded)

    def outcome(self, method) -> Outcome:
        self.info["method"] = method
        if getattr(self, "infeasible", False):
            return Outcome(np.zeros(0, int), None, None, uncoverable=np.zeros(0, int),
                           infeasible=True, info=self.info)  # fmt: skip
        if not self.feasible():
            return Outcome(np.zeros(0, int), None, None, unknown=True, info=self.info)
        assignment = nearest_assignment(self.view.c, self.sel)
        return Outcome(self.sel, self.ub, self.bound(), assignment, info=self.info)


def _integral(view) -> bool:
    """Integer weights and finite costs: every objective value is an integer."""
    if not np.array_equal(view.w, np.round(view.w)):
        return False
    for part in view.chunks(np.arange(view.n)):
        x = view.rows(part)
        if not np.array_equal(x, np.round(x)):
            return False
    return True


def _kth_smallest(view, allowed, k) -> np.ndarray:
    """Per row, the k-th smallest cost over allowed columns (clipped to `big`)."""
    cols = np.flatnonzero(allowed)
    k = min(k, len(cols))
    out = np.empty(view.n, dtype=view.c.dtype)
    for part in view.chunks(np.arange(view.n)):
        x = view.rows(part)[:, cols]
        out[part] = np.partition(x, k - 1, axis=1)[:, k - 1]
    return out
