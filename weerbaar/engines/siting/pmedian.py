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
from ._interchange import CostView, Deadline, ListInterchange, NearestLists, list_greedy
from ._lagrange import Cutoff, Lagrangian, neighbourhood, prefix_neighbourhood
from ._model import Outcome, SitingModel, nearest_assignment
from ._radius import build_model, ladder, warm_start

#: Neighbourhoods hold at least this many columns per row (more room for the multipliers).
MIN_NEIGHBOURS = 4
#: How many of the best Lagrangian selections are polished by interchange.
POLISH_STARTS = 8
#: The heuristics and the relaxation read each row's nearest columns only (`NearestLists`):
#: all of them up to this many (row, allowed column) pairs, else at least `MIN_LIST` and
#: `LIST_PER_OPEN` times the allowed columns per selected one (a row's second-nearest
#: open column then nearly always is listed).
FULL_LISTS = 1 << 22
MIN_LIST = 32
LIST_PER_OPEN = 4
#: Lagrangian iterations between widenings of rows whose multiplier reached its cap.
WIDEN_EVERY = 200
#: Share of the previous subgradient direction kept in the root relaxation: a long run
#: from poor multipliers gains from more damping than the short node runs of `_branch`
#: (BDS100000 x 2000, 1000 steps: bound +0.02% over 0.7; pmed1-40 unchanged).
ROOT_DEFLECTION = 0.9
#: The iterated local search ends after this many kicks in a row without improvement
#: (or `ILS_STALL_PER_OPEN` per selected column, if more).
ILS_STALL = 100
ILS_STALL_PER_OPEN = 5
#: Under a time limit: the Lagrangian's share of the time left when it starts, the share
#: of the limit that ``auto`` and ``exact`` keep for their proof phase, and the share the
#: search leaves in any case for the assignment and the result (O(n p) reads).
LAGRANGE_SHARE = 0.4
#: Seconds per (row, column) entry of one pass over the cost matrix (measured about 1e-8).
SCAN_SECONDS = 2e-8
PROOF_SHARE = 0.1
FINISH_SHARE = 0.01


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
        search.relax(max_iter=1000 if method == "fast" else 2000,
                     reserve=0.0 if method == "fast" else PROOF_SHARE)  # fmt: skip
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

    def polish(self, sel, clock=None) -> ListInterchange:
        """Interchange from `sel` on the truncated costs; offer the local optimum."""
        ic = ListInterchange(self.lists, self.view.w, self.rules, sel)
        self.offer(ic.run(self.clock if clock is None else clock))
        self.info["swaps"] += ic.swaps
        self._ic = ic
        return ic

    def heuristic(self) -> None:
        """Greedy, then interchange, on each row's nearest columns (`NearestLists`)."""
        allowed = self.rules.allowed
        count = int(allowed.sum())
        k = count
        if self.view.n * count > FULL_LISTS:
            k = max(MIN_LIST, int(np.ceil(LIST_PER_OPEN * count / self.p)))
        self.lists = NearestLists(self.view, allowed, k)
        self.polish(list_greedy(self.lists, self.view.w, self.rules, self.p))
        if self.sel is None:  # rows left unserved: keep the penalised start anyway
            self.sel = np.sort(self._ic.sel)

    def relax(self, max_iter: int, reserve: float = 0.0) -> None:
        """Lagrangian bound, then interchange and iterated local search for the incumbent.

        Under a time limit the Lagrangian gets at most `LAGRANGE_SHARE` of the time left,
        and the search stops when `reserve` of the limit is left (for a proof phase).

        The neighbourhood starts at each row's listed columns up to the incumbent's
        second-nearest one; rows whose multiplier reaches its cap get twice as many
        (up to the whole list), so the bound approaches that of the full lists at a
        fraction of the cost. The best Lagrangian selections are polished by interchange
        and the best local optimum is improved by iterated local search.
        """
        ic, lists, w = self._ic, self.lists, self.view.w
        kth = lists.vals[:, min(MIN_NEIGHBOURS, lists.k) - 1]
        counts = (lists.vals <= np.maximum(ic.d2, kth)[:, None]).sum(axis=1)
        self.nb = prefix_neighbourhood(lists, counts)
        lag = Lagrangian(self.nb, w, self.rules, self.p, self.forced, self.excluded, self.cutoff)
        lag.deflection = ROOT_DEFLECTION
        seen: dict[tuple, float] = {}

        def on_selection(sel):
            key = tuple(int(j) for j in sel)
            if not lists.full:
                # Scoring costs O(n k) here: rank the selections by recency instead.
                seen.pop(key, None)
                seen[key] = -float(len(seen) + st.iterations)
                return self.ub
            if key not in seen:
                seen[key] = self.offer(sel)
            return seen[key]

        target = self.ub if self.feasible() else 1.05 * ic.objective() + 1.0
        # Start halfway between the nearest and second-nearest open cost of each row.
        lam = w * (0.5 * ic.d1 + 0.5 * ic.d2)
        st = lag.state
        clock = Deadline(self.clock, LAGRANGE_SHARE * self.clock.remaining())
        while True:
            goal = min(max_iter, st.iterations + WIDEN_EVERY)
            lag.run(lam, self.ub, clock, goal, on_selection, target=target)
            lam = None
            if st.iterations < goal or st.iterations >= max_iter or st.lb == np.inf:
                break  # converged, proven, out of time, done or no selection at all
            capped = (st.current >= lag.lam_hi) & (counts < lists.k)
            if capped.any():
                counts = np.where(capped, np.minimum(2 * counts, lists.k), counts)
                self.nb = prefix_neighbourhood(lists, counts)
                lag.widen(self.nb)
        self.lb = max(self.lb, st.lb)
        self.lam = st.lam  # warm start for the branch-and-bound
        self.info["lagrange_iterations"] += st.iterations
        keep = (reserve + FINISH_SHARE) * (self.clock.limit or 0.0)
        _improve(self, lag, seen, Deadline(self.clock, self.clock.remaining() - keep))
        lag.refix(self.ub)
        self.forced, self.excluded = st.forced, st.excluded
        self.info["fixed_in"] = int(st.forced.sum())
        self.info["fixed_out"] = int(st.excluded.sum())

    def can_scan(self, columns: int) -> bool:
        """Whether time is left for one pass over `columns` of the matrix: the proof phases
        start with one (about 1.7 s at 100,000 x 2,000), before they can check the clock."""
        return self.clock.remaining() > SCAN_SECONDS * self.view.n * columns

    def exact(self) -> None:
        """Truncated radius MILP rounds until proven optimal or out of time."""
        columns = np.flatnonzero(self.rules.allowed & ~self.excluded)
        if not self.can_scan(len(columns)):
            return
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


def _improve(search, lag, seen, clock) -> None:
    """Polish the best Lagrangian selections, then iterated local search on the best.

    `seen` maps the Lagrangian selections met to their (estimated) objective.
    """
    starts = []
    if lag.state.lam is not None:
        _, sel, _, _ = lag.evaluate(lag.state.lam)
        if sel is not None:
            starts.append(tuple(int(j) for j in sel))
    count = POLISH_STARTS if search.lists.full else 2
    starts += [key for key in sorted(seen, key=seen.get) if key not in starts]
    best = search._ic
    for key in starts[:count]:
        if search.gap_closed() or clock.expired():
            break
        ic = search.polish(np.array(key, dtype=np.int64), clock)
        if ic.objective() < best.objective():
            best = ic
    if search.lists.full or search.gap_closed() or clock.expired():
        return
    rng = np.random.default_rng(search.seed)
    swaps, bound = best.swaps, search.bound()
    stall = max(ILS_STALL, ILS_STALL_PER_OPEN * search.p)
    sel = best.improve(clock, rng, stall, stop=lambda value: value <= bound)
    search.info["swaps"] += best.swaps - swaps
    search.offer(sel)
