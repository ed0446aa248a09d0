"""The common front of every siting model: checks, zero-weight rows, the result."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._base import (
    Clock,
    SitingResult,
    SpecificationError,
    as_costs,
    as_weights,
    relative_gap,
    status_for,
)
from ._rules import ColumnRules

METHODS = ("auto", "exact", "fast")


@dataclass
class Problem:
    """The rows with weight > 0 (``costs`` and ``w``) and where they came from."""

    costs: np.ndarray
    w: np.ndarray
    rules: ColumnRules
    active: np.ndarray
    n_rows: int


@dataclass
class Outcome:
    """A model's answer on the active rows (mapped back by `SitingModel.solve`)."""

    selected: np.ndarray
    objective: float | None
    bound: float | None
    assignment: np.ndarray | None = None
    uncoverable: np.ndarray | None = None
    infeasible: bool = False
    unknown: bool = False
    info: dict = field(default_factory=dict)


class SitingModel:
    """Base class: holds the column rules and runs `solve` for a subclass' `_run`."""

    name = ""

    def __init__(self, *, fixed=None, allowed=None, groups=None, max_per_group=None):
        self.fixed = fixed
        self.allowed = allowed
        self.groups = groups
        self.max_per_group = max_per_group

    def solve(self, costs, weights, method="auto", seed=0, time_limit=None) -> SitingResult:
        """Solve on `costs` (n x m) and `weights` (n,); see the class docstring."""
        clock = Clock(_check_time_limit(time_limit))
        if method not in METHODS:
            raise SpecificationError(f"method must be one of {', '.join(METHODS)}")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise SpecificationError(f"seed must be an integer >= 0, got {seed!r}")
        c = as_costs(costs)
        w = as_weights(weights, c.shape[0])
        rules = ColumnRules(c.shape[1], self.fixed, self.allowed, self.groups, self.max_per_group)
        self._check(rules, c)
        active = np.flatnonzero(w > 0)
        sub = c if len(active) == c.shape[0] else c[active]
        problem = Problem(sub, w[active], rules, active, c.shape[0])
        out = self._run(problem, method, int(seed), clock) if len(active) else self._empty(rules)
        out.info.setdefault("method", method)
        return self._result(problem, out, clock)

    def _check(self, rules: ColumnRules, costs: np.ndarray) -> None:
        """Check the model's own parameters against the matrix (override)."""

    def _run(self, problem: Problem, method: str, seed: int, clock: Clock) -> Outcome:
        raise NotImplementedError

    def _empty(self, rules: ColumnRules) -> Outcome:
        """No row has weight: any valid selection is optimal with objective 0."""
        p = getattr(self, "p", None)
        sel = rules.pad(rules.fixed, p) if p is not None else rules.fixed
        # LSCP counts columns (only the fixed ones are needed); the others sum row terms.
        value = float(len(sel)) if self.name == "lscp" else 0.0
        return Outcome(sel, value, value, info={"iterations": 0})

    def _result(self, problem: Problem, out: Outcome, clock: Clock) -> SitingResult:
        assignment = np.full(problem.n_rows, -1, dtype=np.int64)
        uncoverable = []
        if out.uncoverable is not None:
            uncoverable = sorted(int(i) for i in problem.active[out.uncoverable])
        if out.infeasible or out.unknown:
            status = "infeasible" if out.infeasible else "unknown"
            return SitingResult(
                self.name, [], None, None, None, clock.elapsed(), status, assignment,
                uncoverable, out.info,
            )  # fmt: skip
        if out.assignment is not None:
            assignment[problem.active] = out.assignment
        objective = float(out.objective)
        bound = _clamp_bound(self.name, objective, out.bound)
        gap = relative_gap(objective, bound)
        return SitingResult(
            self.name,
            sorted(int(j) for j in out.selected),
            objective,
            bound,
            gap,
            clock.elapsed(),
            status_for(gap),
            assignment,
            uncoverable,
            out.info,
        )


def _clamp_bound(model: str, objective: float, bound: float | None) -> float | None:
    """A bound on the wrong side of a feasible objective is only solver round-off."""
    if bound is None or not np.isfinite(bound):
        return None
    if model == "mclp":
        return max(float(bound), objective)
    return min(float(bound), objective)


def _check_time_limit(time_limit) -> float | None:
    if time_limit is None:
        return None
    try:
        value = float(time_limit)
    except (TypeError, ValueError):
        raise SpecificationError(f"time_limit must be a number, got {time_limit!r}") from None
    if not value > 0:
        raise SpecificationError(f"time_limit must be > 0 seconds, got {time_limit}")
    return value


def nearest_assignment(costs: np.ndarray, selected, limit=None) -> np.ndarray:
    """Nearest selected column per row; -1 where it is inf or above `limit` (float64)."""
    sel = np.asarray(selected, dtype=np.int64)
    out = np.full(costs.shape[0], -1, dtype=np.int64)
    if len(sel) == 0:
        return out
    x = costs[:, sel]
    k = np.argmin(x, axis=1)
    best = x[np.arange(len(k)), k]
    ok = np.isfinite(best)
    if limit is not None:
        ok &= best <= np.float64(limit)
    out[ok] = sel[k[ok]]
    return out
