"""Coordinates: WGS84 (lon/lat, as stored and shown) to RD New (EPSG:28992, metres), in
which distances are measured."""

from functools import lru_cache

import numpy as np
from pyproj import Transformer


@lru_cache(maxsize=1)
def _to_rd() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def to_rd(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    x, y = _to_rd().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)
