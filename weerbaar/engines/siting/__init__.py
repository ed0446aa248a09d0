"""Siting optimizer: choose candidate locations (columns) for demand points (rows).

Pure NumPy/SciPy/HiGHS, no Django. One class per model, scikit-learn style::

    from weerbaar.engines.siting import PMedian
    result = PMedian(p=40).solve(costs, weights, method="auto", seed=0, time_limit=None)
    result.selected, result.objective, result.bound, result.gap, result.status

Models: `PMedian`, `MCLP`, `LSCP`, `PCenter`, `CapacitatedPMedian`. Every answer carries a
proven bound and its gap; bad input raises `SpecificationError` (a `ValueError`).
"""

from ._base import SitingResult, SpecificationError
from .capacitated import CapacitatedPMedian
from .mclp import LSCP, MCLP
from .pcenter import PCenter
from .pmedian import PMedian

__all__ = [
    "LSCP",
    "MCLP",
    "CapacitatedPMedian",
    "PCenter",
    "PMedian",
    "SitingResult",
    "SpecificationError",
]
