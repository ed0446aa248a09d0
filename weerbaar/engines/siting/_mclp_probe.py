"""Probing: can a selection better than the incumbent contain column j at all?

The test we would like is the LP with ``y_j = 1``; reduced costs only give its first-order
estimate, and on coverage LPs (very degenerate) that is weak: on Drenthe they exclude 79
columns, the LP probes 249. But HiGHS needs ~30 ms per probe on the whole LP. Forcing j
in moves the optimal multipliers mostly near j, so a probe re-optimises u only on the rows
R of the columns that share a row with j, keeps the LP duals elsewhere, and prices the
cardinality at pi (the p-th best column score). On R that is a small LP (~400 rows):

    max  sum_{i in R} w_i z_i + sum_{k in K} (c_k - pi) y_k
    s.t. z_i <= sum_k a_ik y_k,   0 <= y, z <= 1

with K the columns meeting R and c_k the part of k's score from rows outside R and j's
rows. Its row duals give u on R; the probe's verdict is the Lagrangian value with j
forced in, computed exactly (`lagrangian_value`), so it is valid whatever the local LP
returned. All index work is done on the CSR/CSC arrays: a probe costs ~2 ms, most of it
in HiGHS.
"""

from __future__ import annotations

import highspy
import numpy as np

from ._mclp_bound import lagrangian_value
from ._mclp_cover import Cover

_ROWWISE = int(highspy.MatrixFormat.kRowwise)
_MAXIMIZE = int(highspy.ObjSense.kMaximize)


class Prober:
    """Probes columns of `cover` at the LP multipliers `u`, pricing a column at `pi`."""

    def __init__(self, cover: Cover, u: np.ndarray, pi: float):
        self.cover, self.u, self.pi = cover, u, pi
        self.csr, self.csc = cover.a.tocsr(), cover.a.tocsc()
        self.sigma = cover.gain + cover.a.T @ u
        self.slack = float((cover.w - u).sum())
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        # The local LPs are small and solved from scratch: presolve costs more than it saves.
        self.highs.setOptionValue("presolve", "off")

    def probe(self, j: int, forced, excluded) -> float:
        """An upper bound on every selection holding column j (and `forced`, not `excluded`)."""
        csr, csc, u, k = self.csr, self.csc, self.u, self.cover.a.shape[1]
        own = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
        near = np.unique(csr.indices[_entries(csr.indptr, own)[0]])
        reach = np.unique(csc.indices[_entries(csc.indptr, near)[0]])
        local = np.setdiff1d(reach, own, assume_unique=True)
        inner = np.r_[own, local]
        pos, row = _entries(csr.indptr, inner)
        # Scores without the rows of j (now covered: u = 0) and of R (re-priced below).
        sigma = self.sigma - np.bincount(csr.indices[pos], u[inner][row], k)
        new = self._local_duals(j, local, csr.indices[pos], row - len(own), sigma, forced, excluded)
        in_r = row >= len(own)
        sigma += np.bincount(csr.indices[pos][in_r], new[row[in_r] - len(own)], k)
        slack = self.slack + float(u[inner].sum()) - float(new.sum())
        with_j = forced.copy()
        with_j[j] = True
        return lagrangian_value(self.cover, slack, sigma, with_j, excluded)[0]

    def _local_duals(self, j, local, cols, row, c, forced, excluded) -> np.ndarray:
        """Row duals of the local LP over `local` (entries `cols` in local rows `row`)."""
        cover, nr = self.cover, len(local)
        mine = row >= 0
        cols, row = cols[mine], row[mine]
        k_all = np.unique(cols)
        k_all = k_all[(k_all != j) & ~excluded[k_all]]
        at = np.full(cover.a.shape[1], -1)
        at[k_all] = np.arange(len(k_all))
        use = at[cols] >= 0
        cols, row = at[cols[use]], row[use]
        nk = len(k_all)
        # Row-wise: each row's y entries (value -1), then its own z (value +1).
        per_row = np.bincount(row, minlength=nr)
        start = np.r_[0, np.cumsum(per_row + 1)]
        first = np.r_[0, np.cumsum(per_row)][:-1]
        index = np.empty(start[-1], dtype=np.int32)
        value = np.empty(start[-1])
        slot = np.arange(len(row)) - first[row] + start[row]
        index[slot], value[slot] = cols, -1.0
        index[start[:-1] + per_row], value[start[:-1] + per_row] = nk + np.arange(nr), 1.0
        take = (forced | cover.rules.fixed_mask)[k_all]
        h = self.highs
        h.passModel(
            nk + nr, nr, len(index), _ROWWISE, _MAXIMIZE, 0.0,
            np.r_[c[k_all] - self.pi, cover.w[local]],
            np.r_[take.astype(np.float64), np.zeros(nr)], np.ones(nk + nr),
            np.full(nr, -highspy.kHighsInf), np.zeros(nr),
            start[:-1].astype(np.int32), index, value, np.zeros(nk + nr, dtype=np.int32),
        )  # fmt: skip
        h.run()
        if h.getInfo().dual_solution_status != 2:  # no duals: keep the LP multipliers
            return self.u[local]
        duals = np.asarray(h.getSolution().row_dual, dtype=np.float64)
        return np.clip(duals, 0.0, cover.w[local])


def _entries(indptr, rows):
    """Positions of the entries of `rows` in a compressed matrix, and each one's row
    (0..len(rows)-1), without a Python loop."""
    counts = indptr[rows + 1] - indptr[rows]
    row = np.repeat(np.arange(len(rows)), counts)
    pos = np.arange(counts.sum()) + np.repeat(indptr[rows] - np.cumsum(counts) + counts, counts)
    return pos, row
