"""Read helpers: lists and the nearest support points for a resident."""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

from weerbaar.apps.supportpoints.models import SupportPoint
from weerbaar.apps.supportpoints.states import Lifecycle
from weerbaar.engines.travel import to_rd

CENTROIDS_FILE = Path(__file__).resolve().parents[2] / "data" / "drenthe_pc4_geonames_centroids.csv"


@lru_cache(maxsize=1)
def postcode_centroids() -> dict[str, tuple[float, float]]:
    """PC4 -> (lat, lon), the offline geocoder (GeoNames postal codes, CC BY 4.0)."""
    with CENTROIDS_FILE.open(encoding="utf-8") as handle:
        return {
            row["postcode"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def locate_postcode(postcode: str) -> tuple[float, float] | None:
    digits = "".join(ch for ch in postcode if ch.isdigit())[:4]
    return postcode_centroids().get(digits) if len(digits) == 4 else None


@dataclass(frozen=True)
class Nearby:
    point: SupportPoint
    straight_m: float
    travel_m: float
    walking_minutes: int


def nearest(lat: float, lon: float, limit: int = 3) -> list[Nearby]:
    """The nearest points in service, by straight-line distance; travel distance is that ×
    the detour factor (an assumption, see settings), walking at the norm's walking speed."""
    points = list(
        SupportPoint.objects.filter(status=Lifecycle.IN_SERVICE).select_related("municipality")
    )
    if not points:
        return []
    px, py = to_rd([p.lon for p in points], [p.lat for p in points])
    x, y = to_rd([lon], [lat])
    distance = np.hypot(px - x[0], py - y[0])
    detour = settings.WEERBAAR_DETOUR_FACTOR
    speed = settings.WEERBAAR_WALKING_SPEED_KMH * 1000 / 60
    order = np.argsort(distance, kind="stable")[:limit]
    return [
        Nearby(
            points[i],
            float(distance[i]),
            float(distance[i] * detour),
            int(np.ceil(distance[i] * detour / speed)),
        )
        for i in order
    ]
