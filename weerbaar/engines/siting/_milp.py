"""A thin wrapper around HiGHS (``highspy``) for the (mixed-integer) linear programs.

Models are handed over as a row-wise sparse matrix in one call (no per-variable Python
objects), so building a model with millions of non-zeros stays cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

INF = highspy.kHighsInf
#: HiGHS options that switch off its primal heuristics (its own and the sub-MIPs).
NO_HEURISTICS = (
    ("mip_heuristic_effort", 0.0),
    ("mip_heuristic_run_rins", False),
    ("mip_heuristic_run_rens", False),
    ("mip_heuristic_run_root_reduced_cost", False),
    ("mip_heuristic_run_feasibility_jump", False),
)


@dataclass
class MilpOutcome:
    """What HiGHS found.

    ``status`` is "optimal", "infeasible", "limit" (time ran out) or "error". ``x`` is the
    best solution (None if none was found), ``objective`` its value and ``bound`` HiGHS'
    proven bound (below for minimisation, above for maximisation), both with the offset.
    """

    status: str
    x: np.ndarray | None
    objective: float | None
    bound: float | None
    nodes: int = 0


@dataclass
class Milp:
    """min/max c @ x + offset  s.t.  row_lo <= A @ x <= row_hi, col_lo <= x <= col_hi."""

    c: np.ndarray
    a: sp.csr_matrix
    row_lo: np.ndarray
    row_hi: np.ndarray
    col_lo: np.ndarray
    col_hi: np.ndarray
    integer: np.ndarray
    maximize: bool = False
    offset: float = 0.0

    def solve(self, time_limit=None, seed=0, start=None, relax=False, first=False, heuristics=True,
              options=()):  # fmt: skip
        """Solve with HiGHS.

        Parameters
        ----------
        time_limit : float, optional
            Seconds; None runs to optimality.
        seed : int
            HiGHS' random seed (its search is deterministic for a seed).
        start : array, optional
            A feasible solution to start from (warm start).
        relax : bool
            Solve the LP relaxation only.
        first : bool
            Stop at the first feasible solution (feasibility questions).
        heuristics : bool
            Let HiGHS search for solutions of its own. With a strong `start` that search
            mostly repeats work (on p-median roots it took half of the LP iterations).
        options : sequence of (name, value)
            Further HiGHS options, set last.
        """
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("random_seed", int(seed) % 2147483647)
        # Default gaps (1e-4 relative) would stop short of a proof; ours is 1e-9.
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.0)
        if time_limit is not None and math.isfinite(time_limit):
            h.setOptionValue("time_limit", max(float(time_limit), 0.01))
        if first:
            h.setOptionValue("mip_max_improving_sols", 1)
        if not heuristics:
            for name, value in NO_HEURISTICS:
                h.setOptionValue(name, value)
        for name, value in options:
            h.setOptionValue(name, value)
        h.passModel(self._lp(relax))
        if start is not None and not relax:
            sol = highspy.HighsSolution()
            sol.col_value = np.asarray(start, dtype=np.float64).tolist()
            sol.value_valid = True
            h.setSolution(sol)
        h.run()
        return self._outcome(h, relax)

    def _lp(self, relax: bool) -> highspy.HighsLp:
        a = self.a.tocsr()
        lp = highspy.HighsLp()
        lp.num_col_ = int(a.shape[1])
        lp.num_row_ = int(a.shape[0])
        lp.col_cost_ = np.asarray(self.c, dtype=np.float64)
        lp.col_lower_ = np.asarray(self.col_lo, dtype=np.float64)
        lp.col_upper_ = np.asarray(self.col_hi, dtype=np.float64)
        lp.row_lower_ = np.asarray(self.row_lo, dtype=np.float64)
        lp.row_upper_ = np.asarray(self.row_hi, dtype=np.float64)
        lp.offset_ = float(self.offset)
        lp.sense_ = highspy.ObjSense.kMaximize if self.maximize else highspy.ObjSense.kMinimize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = lp.num_row_
        lp.a_matrix_.start_ = a.indptr.astype(np.int32)
        lp.a_matrix_.index_ = a.indices.astype(np.int32)
        lp.a_matrix_.value_ = a.data.astype(np.float64)
        if not relax and self.integer.any():
            kinds = np.where(self.integer, 1, 0).astype(np.uint8)
            lp.integrality_ = [highspy.HighsVarType(int(k)) for k in kinds]
        return lp

    def _outcome(self, h, relax: bool) -> MilpOutcome:
        status = h.getModelStatus()
        info = h.getInfo()
        has_x = info.primal_solution_status == 2  # kSolutionStatusFeasible
        x = np.asarray(h.getSolution().col_value, dtype=np.float64) if has_x else None
        objective = float(info.objective_function_value) if has_x else None
        mip = (not relax) and self.integer.any()
        if status == highspy.HighsModelStatus.kOptimal:
            kind = "optimal"
            bound = float(info.mip_dual_bound) if mip else objective
        elif status in (
            highspy.HighsModelStatus.kInfeasible,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            return MilpOutcome("infeasible", None, None, None, int(info.mip_node_count))
        elif status in (
            highspy.HighsModelStatus.kTimeLimit,
            highspy.HighsModelStatus.kSolutionLimit,
            highspy.HighsModelStatus.kInterrupt,
        ):
            kind = "limit"
            bound = float(info.mip_dual_bound) if mip else None
        else:
            return MilpOutcome("error", x, objective, None, int(info.mip_node_count))
        if bound is not None and not math.isfinite(bound):
            bound = None
        return MilpOutcome(kind, x, objective, bound, int(info.mip_node_count))


def stack_rows(blocks) -> sp.csr_matrix:
    """Stack sparse row blocks (all with the same number of columns) into one CSR matrix."""
    return sp.vstack([sp.csr_matrix(b) for b in blocks], format="csr")


def rule_rows(rules, columns: np.ndarray, n_cols: int, p_hi=None, p_lo=None):
    """Rows for ``p_lo <= sum y <= p_hi`` and the group limits over selectable `columns`.

    `columns` maps the model's first len(columns) variables to matrix columns.
    Returns (matrix, lower, upper) with `n_cols` model columns.
    """
    k = len(columns)
    rows, lo, hi = [], [], []
    if p_hi is not None or p_lo is not None:
        rows.append(sp.csr_matrix((np.ones(k), (np.zeros(k, int), np.arange(k))), (1, n_cols)))
        lo.append(-INF if p_lo is None else p_lo)
        hi.append(INF if p_hi is None else p_hi)
    cls = rules.cap_class[columns]
    for g, cap in enumerate(rules.caps):
        idx = np.flatnonzero(cls == g)
        if len(idx) > cap:
            rows.append(
                sp.csr_matrix((np.ones(len(idx)), (np.zeros(len(idx), int), idx)), (1, n_cols))
            )
            lo.append(-INF)
            hi.append(float(cap))
    if not rows:
        return sp.csr_matrix((0, n_cols)), np.zeros(0), np.zeros(0)
    return stack_rows(rows), np.array(lo, dtype=float), np.array(hi, dtype=float)
