"""Coverage matrices and their exact reductions (shared by MCLP, LSCP and p-center).

Row i is covered by column j when ``c_ij <= R``. Costs are compared to the float64 radius
as stored: a float32 block is widened exactly for the comparison, never the radius
narrowed. Two reductions keep every optimum:

* identical rows are merged, their weights summed;
* column j is dropped when another column k covers a superset of its rows and may take
  its place under the group limits (k has no limit, or the same group as j). Equal
  columns keep the lowest index (an unlimited one first); fixed columns are never dropped.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from ._base import row_blocks

#: Domination needs an m x m overlap table; above this many columns it is skipped.
MAX_DOMINATION_COLUMNS = 4000


def coverage(costs: np.ndarray, radius, allowed: np.ndarray) -> sp.csr_matrix:
    """Boolean CSR (n x m): allowed column j covers row i (``c_ij <= radius``)."""
    r = np.float64(radius)
    rows, cols = [], []
    for block in row_blocks(*costs.shape):
        hit = np.less_equal(costs[block], r)  # float64 scalar: compared in float64
        hit[:, ~allowed] = False
        i, j = np.nonzero(hit)
        rows.append(i + block.start)
        cols.append(j)
    i, j = np.concatenate(rows), np.concatenate(cols)
    a = sp.csr_matrix((np.ones(len(i), dtype=bool), (i, j)), shape=costs.shape)
    a.sort_indices()
    return a


def merge_rows(a: sp.csr_matrix, w: np.ndarray):
    """Merge identical rows: (merged matrix, summed weights, merged row of each row)."""
    keys = [a.indices[a.indptr[i] : a.indptr[i + 1]].tobytes() for i in range(a.shape[0])]
    first: dict[bytes, int] = {}
    inverse = np.array([first.setdefault(k, len(first)) for k in keys], dtype=np.int64)
    reps = np.zeros(len(first), dtype=np.int64)
    reps[inverse[::-1]] = np.arange(a.shape[0])[::-1]  # first row of each group
    return a[reps], np.bincount(inverse, weights=w, minlength=len(reps)), inverse


def dominated(a: sp.csr_matrix, rules) -> np.ndarray:
    """Mask of columns another column dominates (see module docstring)."""
    m = a.shape[1]
    out = np.zeros(m, dtype=bool)
    if m > MAX_DOMINATION_COLUMNS:
        return out
    b = a.astype(np.int32)
    overlap = (b.T @ b).toarray()
    size = np.diag(overlap).copy()
    cls = rules.cap_class
    subset = overlap == size[:, None]  # [j, k]: cover(j) within cover(k)
    compatible = (cls[None, :] < 0) | (cls[None, :] == cls[:, None])
    bigger = size[None, :] > size[:, None]
    idx = np.arange(m)
    # Equal covers: prefer an unlimited column, then the lower index (a strict order).
    prefer = ((cls[None, :] < 0) & (cls[:, None] >= 0)) | (
        ((cls[None, :] < 0) == (cls[:, None] < 0)) & (idx[None, :] < idx[:, None])
    )
    dom = subset & compatible & (bigger | prefer) & rules.allowed[None, :]
    np.fill_diagonal(dom, False)
    out = dom.any(axis=1) & ~rules.fixed_mask & rules.allowed
    return out | ~rules.allowed


def covered_weight(costs, w, radius, selected) -> float:
    """Weight of rows with some selected column within `radius`."""
    sel = np.asarray(selected, dtype=np.int64)
    if len(sel) == 0:
        return 0.0
    hit = (costs[:, sel] <= np.float64(radius)).any(axis=1)
    return float(w[hit].sum())


def greedy_cover(a: sp.csc_matrix, w, rules, limit, start=None):
    """Greedy: repeatedly add the column covering the most uncovered weight.

    Stops after `limit` columns or when nothing more is gained. Returns (selection,
    covered mask).
    """
    chosen = list(rules.fixed if start is None else start)
    covered = np.zeros(a.shape[0], dtype=bool)
    if chosen:
        covered = np.asarray(a[:, chosen].sum(axis=1)).ravel() > 0
    while len(chosen) < limit:
        gains = a.T @ np.where(covered, 0.0, w)
        gains[~rules.can_add(np.array(chosen, dtype=np.int64))] = -1.0
        j = int(np.argmax(gains))
        if gains[j] <= 0:
            break
        chosen.append(j)
        covered |= a[:, j].toarray().ravel()
    return np.sort(np.array(chosen, dtype=np.int64)), covered


def swap_cover(a: sp.csr_matrix, w, rules, selected, max_swaps=1000) -> np.ndarray:
    """Best-improvement swaps for MCLP on the reduced matrix (covered weight only grows).

    With ``cnt_i`` the number of selected columns covering row i, swapping f in and r out
    changes the covered weight by ``gain[f] - loss[r] + extra[f, r]``: gain = weight of
    uncovered rows f covers, loss = weight only r covers, extra = weight only r covers
    that f covers too.
    """
    sel = np.array(selected, dtype=np.int64)
    at = a.T.tocsr().astype(np.float64)
    for _ in range(max_swaps):
        if len(sel) == 0:
            break
        x = np.zeros(a.shape[1])
        x[sel] = 1.0
        cnt = a @ x
        gain = at @ np.where(cnt == 0, w, 0.0)
        only = np.flatnonzero(cnt == 1)
        # Owner of a row covered once: the selected column among its columns.
        owner_pos = np.full(a.shape[1], -1, dtype=np.int64)
        owner_pos[sel] = np.arange(len(sel))
        rows_sel = a[only][:, sel].tocsr()
        owner = rows_sel.indices[rows_sel.indptr[:-1]]
        loss = np.bincount(owner, w[only], minlength=len(sel))
        onehot = sp.csr_matrix((w[only], (np.arange(len(only)), owner)), (len(only), len(sel)))
        extra = (at[:, only] @ onehot).toarray()
        delta = gain[:, None] - loss[None, :] + extra
        delta[~rules.swap_mask(sel)] = -np.inf
        f, t = divmod(int(np.argmax(delta)), len(sel))
        if not delta[f, t] > 1e-9 * max(1.0, float(w.sum())):
            break
        sel[t] = f
    return np.sort(sel)
