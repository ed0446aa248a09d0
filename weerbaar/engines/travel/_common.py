"""Shared pieces of the travel engine: the error type, input checks and the RD projection.

All coordinates inside the engine are RD New (EPSG:28992) metres, the grid the population
data and the candidate sites already use, so that Euclidean distances are plain metres.
"""

from __future__ import annotations

import threading

import numpy as np
from pyproj import Transformer


class TravelError(ValueError):
    """Bad input to the travel engine; the message is one line, fit to show to a user."""


_local = threading.local()


def _transformer() -> Transformer:
    # A Transformer is costly to build and not guaranteed thread-safe, so keep one per thread.
    tr = getattr(_local, "wgs84_to_rd", None)
    if tr is None:
        tr = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
        _local.wgs84_to_rd = tr
    return tr


def to_rd(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 longitude/latitude (degrees, scalars or arrays) to RD New (x, y) metres.

    Returns two float64 arrays with the broadcast shape of the inputs.
    """
    lon_a, lat_a = np.broadcast_arrays(
        np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)
    )
    if not (np.isfinite(lon_a).all() and np.isfinite(lat_a).all()):
        raise TravelError("longitude/latitude contain NaN or infinite values")
    x, y = _transformer().transform(lon_a, lat_a)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def as_points(points, name: str) -> np.ndarray:
    """Check that `points` is an (n, 2) array of finite coordinates and return it as float64."""
    try:
        arr = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise TravelError(f"{name} must be numeric (n, 2) coordinates") from None
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise TravelError(f"{name} must have shape (n, 2), got {arr.shape}")
    if not np.isfinite(arr).all():
        raise TravelError(f"{name} contain NaN or infinite coordinates")
    return arr


def as_float_dtype(dtype) -> np.dtype:
    """Accept only float32/float64 output: `inf` marks unreachable pairs, so ints cannot work."""
    dt = np.dtype(dtype)
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise TravelError(f"dtype must be float32 or float64, got {dt}")
    return dt


def row_chunk(n_cols: int, budget: int = 1 << 22) -> int:
    """Rows per chunk so that a temporary (rows, n_cols) block holds about `budget` values."""
    return max(1, budget // max(1, n_cols))
