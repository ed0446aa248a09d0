"""Shared pieces of the siting models: errors, the result, input checks and the clock.

Every model minimises or maximises over a cost matrix ``C`` of shape (n, m): n demand rows,
m candidate columns, ``inf`` meaning "this row cannot be served from this column". Costs are
compared as stored (a float32 matrix is never copied to float64 as a whole); weighted sums
are accumulated in float64.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

#: A relative gap at or below this counts as a proof of optimality.
OPTIMAL_GAP = 1e-9
#: Rows per block when scanning a cost matrix, so temporaries stay small for huge inputs.
BLOCK_ELEMENTS = 1 << 22


class SpecificationError(ValueError):
    """Bad input: the message is one line, fit to show to a person as it is."""


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """Return ``|objective - bound| / max(|objective|, 1e-12)``, 0 when both are 0."""
    if objective is None or bound is None:
        return None
    if objective == 0 and bound == 0:
        return 0.0
    return float(abs(objective - bound) / max(abs(objective), 1e-12))


def status_for(gap: float | None) -> str:
    """ "optimal" only for a proven gap of at most `OPTIMAL_GAP`."""
    return "optimal" if gap is not None and gap <= OPTIMAL_GAP else "feasible"


@dataclass(frozen=True)
class SitingResult:
    """The answer of a siting model.

    Attributes
    ----------
    model : str
        ``"pmedian"``, ``"mclp"``, ``"lscp"``, ``"pcenter"`` or ``"capacitated"``.
    selected : list of int
        Selected columns (0-based, ascending); empty when infeasible.
    objective, bound, gap : float or None
        The objective of `selected`, a proven bound on the optimum (lower bound when
        minimising, upper bound for MCLP) and their relative gap; None when infeasible.
    seconds : float
        Wall-clock time of `solve`.
    status : str
        ``"optimal"`` (gap <= 1e-9), ``"feasible"``, ``"infeasible"`` (proven), or
        ``"unknown"`` (a time limit ran out before any feasible selection was found).
    assignment : numpy.ndarray
        Column serving each row, -1 for rows with weight 0 or rows left uncovered.
    uncoverable_rows : list of int
        Rows with weight > 0 that no candidate column can serve at all.
    info : dict
        Extra facts: the method used, iterations, reductions.
    """

    model: str
    selected: list[int]
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    status: str
    assignment: np.ndarray
    uncoverable_rows: list[int] = field(default_factory=list)
    info: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict (the assignment is left out: it can be long)."""
        return {
            "model": self.model,
            "selected": [int(j) for j in self.selected],
            "objective": _json_float(self.objective),
            "bound": _json_float(self.bound),
            "gap": _json_float(self.gap),
            "seconds": round(float(self.seconds), 6),
            "status": self.status,
            "uncoverable_rows": [int(i) for i in self.uncoverable_rows],
            "info": self.info,
        }


def _json_float(value: float | None) -> float | None:
    return None if value is None else float(value)


class Clock:
    """Wall-clock budget; ``remaining()`` is inf without a limit."""

    def __init__(self, time_limit: float | None):
        self.start = time.perf_counter()
        self.limit = None if time_limit is None else float(time_limit)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def remaining(self) -> float:
        return np.inf if self.limit is None else max(0.0, self.limit - self.elapsed())

    def expired(self) -> bool:
        return self.remaining() <= 0.0


def row_blocks(n_rows: int, n_cols: int):
    """Yield slices of rows so that one block holds about `BLOCK_ELEMENTS` entries."""
    step = max(1, BLOCK_ELEMENTS // max(1, n_cols))
    for start in range(0, n_rows, step):
        yield slice(start, min(n_rows, start + step))


def as_costs(costs) -> np.ndarray:
    """Check a cost matrix and return it without copying floating data.

    Integers and float16 are widened (exactly) to a float type; float32 and float64 are
    kept as they are, because a down-cast would change which costs compare equal.
    """
    try:
        arr = np.asarray(costs)
    except (TypeError, ValueError) as exc:
        raise SpecificationError(f"costs are not a numeric matrix: {exc}") from None
    if arr.dtype.kind in "iub":
        arr = arr.astype(np.float64)
    elif arr.dtype == np.float16:
        arr = arr.astype(np.float32)
    elif arr.dtype not in (np.float32, np.float64):
        raise SpecificationError(f"costs must be real numbers, got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise SpecificationError(f"costs must be a 2-D matrix, got {arr.ndim} dimension(s)")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise SpecificationError(f"costs matrix is empty (shape {arr.shape[0]}x{arr.shape[1]})")
    for block in row_blocks(*arr.shape):
        part = arr[block]
        if np.isnan(part).any():
            raise SpecificationError("costs contain NaN")
        if (part < 0).any():
            raise SpecificationError("costs contain negative values")
    return arr


def as_weights(weights, n_rows: int) -> np.ndarray:
    """Check weights (shape (n,) or (n, 1)) and return them as float64."""
    try:
        arr = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise SpecificationError(f"weights are not numeric: {exc}") from None
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise SpecificationError(f"weights must have shape (n,) or (n, 1), got {arr.shape}")
    if arr.shape[0] != n_rows:
        raise SpecificationError(f"weights have {arr.shape[0]} rows but costs have {n_rows} rows")
    if not np.isfinite(arr).all():
        raise SpecificationError("weights contain NaN or inf")
    if (arr < 0).any():
        raise SpecificationError("weights contain negative values")
    return arr


def check_count(name: str, value, low: int, high: int) -> int:
    """An integer in [low, high], else a `SpecificationError` naming it."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise SpecificationError(f"{name} must be an integer, got {value!r}")
    if not low <= int(value) <= high:
        raise SpecificationError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)


def check_radius(radius) -> np.float64:
    """A finite non-negative radius, kept as float64 (costs are never down-cast to it)."""
    try:
        r = np.float64(radius)
    except (TypeError, ValueError):
        raise SpecificationError(f"radius must be a number, got {radius!r}") from None
    if not np.isfinite(r) or r < 0:
        raise SpecificationError(f"radius must be finite and non-negative, got {radius}")
    return r
