"""The reduced MCLP that the exact steps work on, and its (mixed-integer) linear program.

A `Cover` is the coverage matrix after the reductions plus what they moved out of it: the
weight every selection covers (``offset``) and, per column, the weight of rows only that
column covers (``gain``; such a row is covered exactly when its column is selected, so
``z_i = y_j`` and the row becomes part of the column's objective). The objective of a
selection S is ``offset + gain[S].sum() + w[rows S covers].sum()``.

`Cover.restrict` shrinks it once columns are proven in or out, so every later LP, probe
and MILP is smaller. Rows in ``must`` are proven covered in every better selection; a row
whose columns include all of a ``must`` row's columns is then covered too, so it moves to
the offset. Those restrictions only keep the selections better than the incumbent: bounds
on the restricted problem hold for the original one as ``max(incumbent, bound)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._milp import INF, Milp, rule_rows
from ._rules import ColumnRules
from .coverage import merge_rows


@dataclass
class Cover:
    """A reduced MCLP: boolean ``a`` (rows x columns), weights, gains, offset and rules."""

    a: sp.csr_matrix
    w: np.ndarray
    gain: np.ndarray
    offset: float
    rules: ColumnRules
    p: int
    must: np.ndarray  # rows proven covered in every selection better than the incumbent

    @classmethod
    def build(cls, a, w, offset, rules, p) -> Cover:
        """Fold rows with a single column into that column's gain."""
        k = a.shape[1]
        return cls._fold(a.tocsr(), w, np.zeros(k), offset, rules, p, np.zeros(len(w), bool))

    @classmethod
    def _fold(cls, a, w, gain, offset, rules, p, must) -> Cover:
        deg = np.diff(a.indptr)
        single = (deg == 1) & ~must
        gain = gain + np.bincount(a.indices[a.indptr[:-1][single]], w[single], a.shape[1])
        keep = ~single
        return cls(a[keep], w[keep], gain, offset, rules, p, must[keep])

    def value(self, sel) -> float:
        """The objective of selection `sel` (columns of this cover)."""
        x = np.zeros(self.a.shape[1])
        x[np.asarray(sel, dtype=np.int64)] = 1.0
        hit = (self.a @ x) > 0
        return self.offset + float(self.gain @ x) + float(self.w[hit].sum())

    def restrict(self, keep, forced=None) -> tuple[Cover, np.ndarray]:
        """The cover over columns `keep` with `forced` ones selected: (cover, kept columns).

        Rows of forced (and fixed) columns and rows containing a ``must`` row move to the
        offset; rows no kept column covers are dropped; identical rows are merged.
        """
        k = self.a.shape[1]
        cols = np.flatnonzero(_mask(keep, k) | self.rules.fixed_mask)
        take = (_mask(forced, k) | self.rules.fixed_mask)[cols]
        a = self.a[:, cols].tocsr()
        offset = self.offset + float(self.gain[cols][take].sum())
        done = (a @ take.astype(np.float64)) > 0
        done |= _contains_must(a, self.must) & ~self.must
        empty = np.diff(a.indptr) == 0
        offset += float(self.w[done].sum())
        rows = np.flatnonzero(~done & ~empty)
        merged, w, inverse = merge_rows(a[rows], self.w[rows])
        must = np.bincount(inverse, self.must[rows], len(w)) > 0
        rules = self.rules.restrict(cols)
        rules.fixed_mask = rules.fixed_mask | take
        rules.fixed = np.flatnonzero(rules.fixed_mask)
        # Forced columns keep no rows (theirs moved to the offset) and no gain.
        gain = np.where(take, 0.0, self.gain[cols])
        return Cover._fold(merged.tocsr(), w, gain, offset, rules, self.p, must), cols

    def milp(self) -> Milp:
        """y (one per column) then z (one per row): max offset + gain y + w z."""
        n, k = self.a.shape
        link = sp.hstack([-self.a.astype(np.float64), sp.identity(n, format="csr")], "csr")
        extra, lo, hi = rule_rows(self.rules, np.arange(k), k + n, p_hi=self.p)
        return Milp(
            c=np.r_[self.gain, self.w],
            a=sp.vstack([link, extra], format="csr"),
            row_lo=np.r_[np.full(n, -INF), lo],
            row_hi=np.r_[np.zeros(n), hi],
            col_lo=np.r_[self.rules.fixed_mask, self.must].astype(np.float64),
            col_hi=np.r_[self.rules.allowed, np.ones(n, bool)].astype(np.float64),
            integer=np.r_[np.ones(k, dtype=bool), np.zeros(n, dtype=bool)],
            maximize=True,
            offset=self.offset,
        )

    def start(self, sel) -> np.ndarray | None:
        """A warm start for `milp` from a selection, None if it breaks the rules."""
        sel = np.asarray(sel, dtype=np.int64)
        y = np.zeros(self.a.shape[1])
        y[sel] = 1.0
        z = np.minimum(self.a @ y, 1.0)
        rules = self.rules
        ok = len(sel) <= self.p and rules.allowed[sel].all()
        ok = ok and rules.fixed_mask[sel].sum() == len(rules.fixed)
        ok = ok and (rules.class_counts(sel) <= rules.caps).all()
        return np.r_[y, z] if ok and (z[self.must] > 0).all() else None


def _mask(index, k) -> np.ndarray:
    out = np.zeros(k, dtype=bool)
    if index is not None:
        out[index] = True
    return out


def _contains_must(a: sp.csr_matrix, must: np.ndarray) -> np.ndarray:
    """Rows whose columns include all columns of some ``must`` row."""
    if not must.any():
        return np.zeros(a.shape[0], dtype=bool)
    b = a.astype(np.float64)
    m = b[must]
    overlap = (m @ b.T).tocsr()  # [f, i] = |cols(f) & cols(i)|
    size = np.diff(m.indptr)
    rows = np.repeat(np.arange(m.shape[0]), np.diff(overlap.indptr))
    hit = overlap.data == size[rows]
    out = np.zeros(a.shape[0], dtype=bool)
    out[overlap.indices[hit]] = True
    return out
