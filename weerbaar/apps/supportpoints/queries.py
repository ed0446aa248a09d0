"""Read helpers: lists and the nearest support points for a resident."""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

from weerbaar.apps.supportpoints import coverage
from weerbaar.apps.supportpoints.models import SupportPoint
from weerbaar.engines.travel import straight_line_costs, to_rd

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
    travel_m: float  # on foot: by road when by_road, else straight_m × the detour factor
    walking_minutes: int
    by_road: bool

    @property
    def travel_km(self) -> float:
        return self.travel_m / 1000


def nearest(lat: float, lon: float, limit: int = 3) -> list[Nearby]:
    """The nearest points in service on foot, measured as the coverage analysis measures
    (coverage.travel_costs): over the road network when the installation has one, else
    straight line × the detour factor (an assumption, see settings). Points the road network
    does not reach are left out, so the list may be shorter than `limit`, even empty.

    By road the search has to stop somewhere: it goes as far as three times the detour
    factor × the straight distance of the `limit`-th nearest point, which the `limit`
    nearest by road practically always lie within."""
    points = coverage.points_in_service()
    if not points:
        return []
    sites = coverage.sites_xy(points)
    origin = np.column_stack(to_rd([lon], [lat]))
    straight = straight_line_costs(origin, sites, detour=1.0)[0]
    speed = settings.WEERBAAR_WALKING_SPEED_KMH * 1000 / 60  # metres a minute
    reach = np.sort(straight)[min(limit, len(points)) - 1] * settings.WEERBAAR_DETOUR_FACTOR
    norm = coverage.Norm(
        mode="walk",
        minutes=max(1.0, reach / speed),
        speed_kmh=settings.WEERBAAR_WALKING_SPEED_KMH,
        detour=settings.WEERBAAR_DETOUR_FACTOR,
    )
    travel = coverage.travel_costs(origin, sites, norm)[0]
    by_road = coverage.by_road()
    order = [i for i in np.argsort(travel, kind="stable") if np.isfinite(travel[i])][:limit]
    return [
        Nearby(
            points[i],
            float(straight[i]),
            float(travel[i]),
            int(np.ceil(travel[i] / speed)),
            by_road,
        )
        for i in order
    ]
