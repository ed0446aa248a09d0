"""Rules on which columns may be selected: fixed columns, allowed columns, group limits.

Group limits form a partition matroid (at most ``cap[g]`` columns of group g), so the
cheapest k-subset under them is found greedily: walk the columns by score and take each one
whose group still has room. That makes the Lagrangian subproblem and the greedy heuristics
exact or valid under the limits without a solver.
"""

from __future__ import annotations

import numpy as np

from ._base import SpecificationError


class ColumnRules:
    """Validated column rules for a matrix with `m` columns.

    Parameters
    ----------
    m : int
        Number of candidate columns.
    fixed : sequence of int, optional
        Columns that must be selected (existing points).
    allowed : sequence of int, optional
        Columns that may be selected; default all. Fixed columns must be allowed.
    groups : sequence of int, optional
        A label per column (e.g. a municipality).
    max_per_group : dict, optional
        Label -> largest number of selected columns with that label.
    """

    def __init__(self, m, fixed=None, allowed=None, groups=None, max_per_group=None):
        self.m = m
        self.fixed = _columns("fixed", fixed, m)
        self.allowed = np.ones(m, dtype=bool)
        if allowed is not None:
            self.allowed[:] = False
            self.allowed[_columns("allowed", allowed, m)] = True
        if not self.allowed[self.fixed].all():
            raise SpecificationError("a fixed column is not among the allowed columns")
        self.fixed_mask = np.zeros(m, dtype=bool)
        self.fixed_mask[self.fixed] = True
        self.cap_class, self.caps = _cap_classes(m, groups, max_per_group)
        self.grouped = groups is not None and bool(max_per_group)
        if (self.class_counts(self.fixed) > self.caps).any():
            raise SpecificationError("fixed columns exceed a group limit")

    def restrict(self, columns) -> ColumnRules:
        """The same rules over a subset of columns (renumbered 0..len(columns)-1)."""
        columns = np.asarray(columns, dtype=np.int64)
        sub = ColumnRules.__new__(ColumnRules)
        sub.m = len(columns)
        sub.fixed_mask = self.fixed_mask[columns]
        sub.fixed = np.flatnonzero(sub.fixed_mask)
        sub.allowed = self.allowed[columns]
        sub.cap_class, sub.caps, sub.grouped = self.cap_class[columns], self.caps, self.grouped
        return sub

    def class_counts(self, columns) -> np.ndarray:
        """Selected columns per capped group."""
        cls = self.cap_class[np.asarray(columns, dtype=np.int64)]
        return np.bincount(cls[cls >= 0], minlength=len(self.caps))

    def max_selectable(self) -> int:
        """The most columns any selection may hold under `allowed` and the group limits."""
        cls = self.cap_class[self.allowed]
        free = int((cls < 0).sum())
        per_class = np.bincount(cls[cls >= 0], minlength=len(self.caps))
        return free + int(np.minimum(per_class, self.caps).sum())

    def check_p(self, p: int) -> None:
        """Raise unless exactly p columns can be selected under these rules."""
        if len(self.fixed) > p:
            raise SpecificationError(f"{len(self.fixed)} fixed columns exceed p={p}")
        if self.max_selectable() < p:
            raise SpecificationError(
                f"p={p} exceeds the {self.max_selectable()} columns the rules allow"
            )

    def best(self, score, k, forced=None, excluded=None) -> np.ndarray | None:
        """The k columns with the lowest `score` that obey the rules, or None if impossible.

        Fixed (and `forced`) columns are always taken; `excluded` ones never. Ties go to the
        lower column index, so the choice is deterministic.
        """
        take = self.fixed_mask.copy()
        if forced is not None:
            take |= forced
        if take.sum() > k:
            return None
        room = self.caps - self.class_counts(np.flatnonzero(take))
        if (room < 0).any():
            return None
        cand = self.allowed & ~take
        if excluded is not None:
            cand &= ~excluded
        idx = np.flatnonzero(cand)
        idx = idx[np.lexsort((idx, np.asarray(score)[idx]))]
        idx = idx[self._within_room(idx, room)]
        need = k - int(take.sum())
        if len(idx) < need:
            return None
        return np.sort(np.concatenate([np.flatnonzero(take), idx[:need]]))

    def _within_room(self, ordered: np.ndarray, room: np.ndarray) -> np.ndarray:
        """Mask of `ordered` columns that still fit: rank within own group < room."""
        cls = self.cap_class[ordered]
        keep = cls < 0
        capped = np.flatnonzero(~keep)
        if len(capped):
            # Stable sort by class keeps score order inside a class; rank = offset in run.
            order = capped[np.argsort(cls[capped], kind="stable")]
            sorted_cls = cls[order]
            starts = np.r_[0, np.flatnonzero(np.diff(sorted_cls)) + 1]
            run_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
            rank = np.arange(len(order)) - run_start
            keep[order] = rank < room[sorted_cls]
        return keep

    def swap_mask(self, selected: np.ndarray) -> np.ndarray:
        """Boolean (m, k): column f may replace ``selected[t]`` under the rules."""
        selected = np.asarray(selected)
        is_sel = np.zeros(self.m, dtype=bool)
        is_sel[selected] = True
        f_ok = self.allowed & ~is_sel
        # Appending 1 lets class -1 (no limit) index a slot that always has room.
        room = np.append(self.caps - self.class_counts(selected), 1)
        cls = self.cap_class
        has_room = room[cls] > 0
        same = (cls[:, None] == cls[selected][None, :]) & (cls[:, None] >= 0)
        ok = f_ok[:, None] & (has_room[:, None] | same)
        ok &= ~self.fixed_mask[selected][None, :]
        return ok

    def can_add(self, selected: np.ndarray) -> np.ndarray:
        """Boolean (m,): column may be added to `selected` under the rules."""
        is_sel = np.zeros(self.m, dtype=bool)
        is_sel[np.asarray(selected, dtype=np.int64)] = True
        room = np.append(self.caps - self.class_counts(np.flatnonzero(is_sel)), 1)
        return self.allowed & ~is_sel & (room[self.cap_class] > 0)

    def pad(self, selected, p: int, order=None) -> np.ndarray:
        """Add columns (in `order`, default by index) until p are selected."""
        chosen = list(np.asarray(selected, dtype=np.int64))
        for j in np.arange(self.m) if order is None else order:
            if len(chosen) >= p:
                break
            if self.can_add(np.array(chosen, dtype=np.int64))[j]:
                chosen.append(int(j))
        return np.sort(np.array(chosen, dtype=np.int64))


def _columns(name, values, m) -> np.ndarray:
    if values is None:
        return np.zeros(0, dtype=np.int64)
    arr = np.asarray(values)
    if arr.size and arr.dtype.kind not in "iu":
        raise SpecificationError(f"{name} must list column indices (integers)")
    arr = arr.astype(np.int64).ravel()
    if arr.size and (arr.min() < 0 or arr.max() >= m):
        raise SpecificationError(f"{name} has a column index outside 0..{m - 1}")
    return np.unique(arr)


def _cap_classes(m, groups, max_per_group):
    """Map columns to capped classes: -1 = no limit, else an index into `caps`."""
    cap_class = np.full(m, -1, dtype=np.int64)
    if groups is None:
        if max_per_group:
            raise SpecificationError("max_per_group needs groups")
        return cap_class, np.zeros(0, dtype=np.int64)
    labels = np.asarray(groups)
    if labels.shape != (m,) or labels.dtype.kind not in "iu":
        raise SpecificationError(f"groups must give one integer label per column ({m})")
    caps = []
    for label, cap in sorted((max_per_group or {}).items()):
        if isinstance(cap, bool) or not isinstance(cap, int | np.integer) or cap < 0:
            raise SpecificationError(f"max_per_group[{label}] must be a count >= 0")
        cap_class[labels == label] = len(caps)
        caps.append(int(cap))
    return cap_class, np.array(caps, dtype=np.int64)
