"""Exact p-median by a truncated radius formulation solved with HiGHS (Elloumi; ZEBRA).

For row i let ``D_i^1 < ... < D_i^L`` be the distinct costs of its neighbourhood (the
selectable columns with cost <= T_i) and ``U_i`` the next cost above T_i (inf if none).
Binary ``y_j`` opens column j; ``z_i^k`` in [0, 1] is 1 when no open column of row i costs
at most ``D_i^k``::

    min  sum_i w_i D_i^1 + sum_i sum_k w_i (D_i^{k+1} - D_i^k) z_i^k      (D_i^{L+1} = U_i)
    s.t. z_i^k - z_i^{k-1} + sum_{j: c_ij = D_i^k} y_j >= 0               (z_i^0 = 1)
         sum_j y_j = p, group limits, fixed columns, z_i^L = 0 when U_i = inf

This charges row i ``w_i min(d_i(S), U_i)``: a relaxation, so HiGHS' bound is a valid lower
bound. Chaining consecutive levels keeps one non-zero per (row, column) pair instead of
one per (level, column). If the optimum S of the truncated model leaves no row beyond its
neighbourhood, S is optimal for the full problem; otherwise those rows get a wider
neighbourhood and the model is solved again (warm-started).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._lagrange import Neighbourhood
from ._milp import INF, Milp, rule_rows


@dataclass
class Ladder:
    """The levels of a neighbourhood restricted to the model's columns."""

    row: np.ndarray  # row of each level
    val: np.ndarray  # float64 cost of each level
    first: np.ndarray  # level is the first of its row
    nxt: np.ndarray  # cost of the next level (or the row's cap)
    entry_level: np.ndarray  # level of each kept entry
    entry_col: np.ndarray  # model column (index into `columns`) of each kept entry
    constant: float  # sum_i w_i D_i^1 (+ w_i U_i for rows without levels)
    empty_uncapped: bool  # a row has no level and no cap: the model is infeasible


def ladder(nb: Neighbourhood, w, columns: np.ndarray, m: int) -> Ladder:
    """Build the levels of `nb` over the selectable `columns`."""
    col_index = np.full(m, -1, dtype=np.int64)
    col_index[columns] = np.arange(len(columns))
    keep = col_index[nb.cols] >= 0
    rows = nb.row_of[keep]
    vals = nb.vals[keep].astype(np.float64)
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (vals[1:] != vals[:-1])
    level = np.cumsum(new) - 1
    lrow, lval = rows[new], vals[new]
    first = np.ones(len(lrow), dtype=bool)
    first[1:] = lrow[1:] != lrow[:-1]
    last = np.ones(len(lrow), dtype=bool)
    last[:-1] = lrow[:-1] != lrow[1:]
    nxt = np.empty(len(lrow))
    nxt[:-1] = lval[1:]
    nxt[last] = nb.cap[lrow[last]]
    has = np.zeros(len(w), dtype=bool)
    has[lrow] = True
    constant = float(w[lrow[first]] @ lval[first])
    empty = ~has
    empty_uncapped = bool(np.isinf(nb.cap[empty]).any())
    if empty.any() and not empty_uncapped:
        constant += float(w[empty] @ nb.cap[empty])
    return Ladder(lrow, lval, first, nxt, level, col_index[nb.cols[keep]], constant, empty_uncapped)


def build_model(lad: Ladder, w, rules, columns, p, forced) -> Milp:
    """The truncated radius MILP over y (len(columns)) then z (one per level)."""
    k, nl = len(columns), len(lad.row)
    n_cols = k + nl
    z = k + np.arange(nl)
    prev = np.flatnonzero(~lad.first)
    rows = np.concatenate([np.arange(nl), prev, lad.entry_level])
    cols = np.concatenate([z, z[prev] - 1, lad.entry_col])
    vals = np.concatenate([np.ones(nl), -np.ones(len(prev)), np.ones(len(lad.entry_level))])
    a = sp.csr_matrix((vals, (rows, cols)), shape=(nl, n_cols))
    extra, lo, hi = rule_rows(rules, columns, n_cols, p_hi=p, p_lo=p)
    capped = np.isinf(lad.nxt)
    step = np.where(capped, 0.0, lad.nxt - lad.val)
    cost = np.concatenate([np.zeros(k), w[lad.row] * step])
    col_lo = np.zeros(n_cols)
    col_lo[:k] = forced[columns].astype(float)
    col_hi = np.ones(n_cols)
    col_hi[k:][capped] = 0.0  # no cap above the last level: the row must be served
    return Milp(
        c=cost,
        a=sp.vstack([a, extra], format="csr"),
        row_lo=np.concatenate([lad.first.astype(float), lo]),
        row_hi=np.concatenate([np.full(nl, INF), hi]),
        col_lo=col_lo,
        col_hi=col_hi,
        integer=np.r_[np.ones(k, dtype=bool), np.zeros(nl, dtype=bool)],
        offset=lad.constant,
    )


def warm_start(lad: Ladder, columns, selected, m) -> np.ndarray | None:
    """The model vector of `selected`, or None if it does not fit the model."""
    is_open = np.zeros(m, dtype=bool)
    is_open[selected] = True
    if is_open[columns].sum() != len(selected):
        return None
    nl = len(lad.row)
    open_level = np.bincount(lad.entry_level[is_open[columns][lad.entry_col]], minlength=nl) > 0
    # Count open levels cumulatively inside each row: z = 1 until the first open level.
    csum = np.cumsum(open_level)
    row_start = np.maximum.accumulate(np.where(lad.first, np.arange(nl), 0))
    before = np.where(row_start > 0, csum[row_start - 1], 0)
    z = (csum - before) == 0
    if (z & np.isinf(lad.nxt)).any():
        return None
    return np.concatenate([is_open[columns].astype(float), z.astype(float)])
