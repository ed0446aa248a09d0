"""The p-center model: select p columns minimising the largest cost of a weighted row to
its nearest selected column.

The optimum is one of the finite costs. For a value r the question "can p columns (with
the fixed ones and the group limits) cover every row within r?" is a set-covering
feasibility problem, monotone in r, so a binary search over the sorted distinct costs
finds the optimum::

    feasible(r) <=> exists y in {0,1}^m: sum_j [c_ij <= r] y_j >= 1 for all i, sum_j y_j <= p

Each question is answered on the reduced coverage matrix (merged rows, dominated
columns): first by a greedy cover (a "yes" with a witness), then by the LP relaxation (a
proven "no" when even fractionally p columns do not suffice), then by HiGHS (a proven
"yes" or "no"). ``fast`` runs two searches instead: the LP "no" alone for the bound
(monotone in r) and the greedy "yes" alone for the selection. The bound is the smallest
value not proven infeasible; the lower end starts at ``max_i min_j c_ij``, which no
selection can beat.
"""

from __future__ import annotations

import numpy as np

from ._base import check_count, row_blocks
from ._model import Outcome, SitingModel, nearest_assignment
from .coverage import greedy_cover
from .mclp import _Reduced, cover_milp

YES, NO, UNKNOWN = "yes", "no", "unknown"


class PCenter(SitingModel):
    """p-center: minimise the worst cost of a weighted row to its nearest selected column.

    ``solve(...).bound`` is a lower bound on that worst cost.
    """

    name = "pcenter"

    def __init__(self, p, **rules):
        super().__init__(**rules)
        self.p = p

    def _check(self, rules, costs):
        self.p = check_count("p", self.p, 1, costs.shape[1])
        rules.check_p(self.p)

    def _run(self, problem, method, seed, clock):
        costs, rules, p = problem.costs, problem.rules, self.p
        cols = np.flatnonzero(rules.allowed)
        nearest = _row_min(costs, cols)
        if not np.isfinite(nearest).all():
            return Outcome(np.zeros(0, int), None, None, uncoverable=np.flatnonzero(
                ~np.isfinite(nearest)), infeasible=True)  # fmt: skip
        sel = _farthest_first(costs, rules, p)
        worst = _worst(costs, sel)
        values = _values_between(costs, cols, nearest.max(), worst)
        search = _Search(costs, rules, p, seed, clock, fast=method == "fast")
        lo, hi, best = search.bisect(values, sel)
        sel = rules.pad(best, p)
        objective = float(_worst(costs, sel))
        info = {"method": method, "questions": search.questions, "values": int(len(values))}
        assignment = nearest_assignment(costs, sel)
        return Outcome(sel, objective, float(values[lo]), assignment, info=info)


class _Search:
    """Binary searches over candidate values with three-valued feasibility answers."""

    def __init__(self, costs, rules, p, seed, clock, fast):
        self.costs, self.rules, self.p = costs, rules, p
        self.seed, self.clock, self.fast = seed, clock, fast
        self.questions = 0

    def bisect(self, values, sel):
        """Return (lo, hi, best): values[:lo] proven infeasible, `best` reaches values[hi]."""
        if self.fast:
            lo = self._lower(values, 0, len(values) - 1)
            hi, best = self._upper(values, lo, len(values) - 1, sel)
            return lo, hi, best
        lo, hi, best = 0, len(values) - 1, sel
        while lo < hi and not self.clock.expired():
            mid = (lo + hi) // 2
            answer, witness = self.ask(values[mid])
            if answer == YES:
                best, hi = witness, self._index(values, witness, mid)
            elif answer == NO:
                lo = mid + 1
            else:
                break
        return lo, hi, best

    def _index(self, values, witness, mid) -> int:
        # The witness may do better than asked: jump to its own worst cost.
        return min(mid, int(np.searchsorted(values, _worst(self.costs, witness))))

    def _lower(self, values, lo, hi) -> int:
        """fast: smallest index whose LP relaxation is not infeasible (LP is monotone)."""
        while lo < hi and not self.clock.expired():
            mid = (lo + hi) // 2
            red = self._reduce(values[mid])
            if red is None or self._lp_says_no(red):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _upper(self, values, lo, hi, best):
        """fast: smallest value the greedy cover reaches (a heuristic search)."""
        while lo < hi and not self.clock.expired():
            mid = (lo + hi) // 2
            red = self._reduce(values[mid])
            witness = None if red is None else self._greedy(red)
            if witness is not None:
                best, hi = witness, self._index(values, witness, mid)
            else:
                lo = mid + 1
        return hi, best

    def _reduce(self, r):
        """The reduced coverage at r, or None if some row is out of reach of every column."""
        self.questions += 1
        red = _Reduced(self.costs, np.ones(self.costs.shape[0]), r, self.rules)
        return None if len(red.uncoverable) else red

    def _greedy(self, red):
        sub = self.rules.restrict(red.columns)
        start, covered = greedy_cover(red.a.tocsc(), np.ones(red.a.shape[0]), sub, self.p)
        return np.union1d(red.columns[start], self.rules.fixed) if covered.all() else None

    def _lp_says_no(self, red) -> bool:
        model = cover_milp(red, self.rules, p_hi=self.p, count=False)
        return model.solve(self.clock.remaining(), self.seed, relax=True).status == "infeasible"

    def ask(self, r):
        """Can p columns cover all rows within r? (answer, witness selection)."""
        red = self._reduce(r)
        if red is None:
            return NO, None
        witness = self._greedy(red)
        if witness is not None:
            return YES, witness
        if self._lp_says_no(red):
            return NO, None
        out = cover_milp(red, self.rules, p_hi=self.p, count=False).solve(
            self.clock.remaining(), self.seed, first=True
        )
        if out.status == "infeasible":
            return NO, None
        if out.x is None:
            return UNKNOWN, None
        return YES, np.union1d(red.columns[out.x > 0.5], self.rules.fixed)


def _row_min(costs, cols) -> np.ndarray:
    out = np.empty(costs.shape[0], dtype=costs.dtype)
    for block in row_blocks(*costs.shape):
        out[block] = costs[block][:, cols].min(axis=1)
    return out


def _worst(costs, sel):
    return costs[:, np.asarray(sel, dtype=np.int64)].min(axis=1).max()


def _values_between(costs, cols, low, high) -> np.ndarray:
    """Sorted distinct costs in [low, high] (the only possible optimal values)."""
    parts = []
    for block in row_blocks(*costs.shape):
        x = costs[block][:, cols]
        parts.append(np.unique(x[(x >= low) & (x <= high)]))
    return np.unique(np.concatenate(parts))


def _farthest_first(costs, rules, p) -> np.ndarray:
    """Gonzalez' heuristic: repeatedly open the column nearest to the worst-served row."""
    chosen = list(rules.fixed)
    if not chosen:
        worst = np.where(rules.allowed, costs.max(axis=0), np.inf)
        chosen.append(int(np.argmin(worst)))
    d = costs[:, chosen].min(axis=1)
    while len(chosen) < p:
        ok = rules.can_add(np.array(chosen, dtype=np.int64))
        i = int(np.argmax(d))
        reach = np.where(ok, costs[i], np.inf)
        # No allowed column reaches the worst row: any allowed column will do.
        j = int(np.argmin(reach)) if np.isfinite(reach).any() else int(np.argmax(ok))
        chosen.append(j)
        d = np.minimum(d, costs[:, j])
    return np.sort(np.array(chosen, dtype=np.int64))
