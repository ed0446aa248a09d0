"""Coverage of the population by support points under a norm of the user's choosing.

A norm is a travel mode with a speed, a maximum number of minutes and a detour factor over
straight-line distance (an assumption: no national norm exists yet). A resident is covered
when the nearest support point in service lies within speed × minutes of travel. Travel
costs come from the road network when the installation has an OpenStreetMap extract
(setting WEERBAAR_OSM_FILE), else from straight-line distance × the detour factor."""

from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
from django.conf import settings

from weerbaar.apps.regions.models import Dataset, DemandPoint
from weerbaar.apps.regions.reference import DEMAND_POINTS_DATASET
from weerbaar.apps.supportpoints.models import SupportPoint
from weerbaar.apps.supportpoints.states import Lifecycle
from weerbaar.core.geojson import feature_collection, point_feature
from weerbaar.engines.travel import RoadNetwork, straight_line_costs, to_rd

MODES = {"walk": 4.5, "bike": 15.0, "car": 40.0}  # default speeds in km/h (assumptions)
MEASURES = ("residents", "age_65_plus", "age_75_plus", "less_self_reliant")


class NormError(ValueError):
    pass


@dataclass(frozen=True)
class Norm:
    mode: str = "walk"
    minutes: float = 30.0
    speed_kmh: float = 4.5
    detour: float = 1.3
    participation: float = 0.10

    @property
    def radius_m(self) -> float:
        return self.speed_kmh * 1000 / 60 * self.minutes

    @classmethod
    def from_query(cls, query) -> "Norm":
        mode = query.get("mode") or "walk"
        if mode not in MODES:
            raise NormError(f"mode must be one of {', '.join(MODES)}")
        try:
            norm = cls(
                mode=mode,
                minutes=float(query.get("minutes") or 30),
                speed_kmh=float(query.get("speed_kmh") or MODES[mode]),
                detour=float(query.get("detour") or settings.WEERBAAR_DETOUR_FACTOR),
                participation=float(query.get("participation") or 0.10),
            )
        except ValueError as exc:
            raise NormError("minutes, speed, detour and participation must be numbers") from exc
        norm.check()
        return norm

    def check(self) -> None:
        if not 1 <= self.minutes <= 240:
            raise NormError("minutes must lie between 1 and 240")
        if not 1 <= self.speed_kmh <= 130:
            raise NormError("speed must lie between 1 and 130 km/h")
        if not 1 <= self.detour <= 3:
            raise NormError("the detour factor must lie between 1 and 3")
        if not 0 <= self.participation <= 1:
            raise NormError("participation must lie between 0 and 1")


@dataclass
class Population:
    codes: np.ndarray
    xy: np.ndarray
    lonlat: np.ndarray
    values: dict[str, np.ndarray]
    municipality: np.ndarray
    district: np.ndarray
    postcode: np.ndarray


# Checksum of the population layer -> its demand points, at most one entry: see population().
_population_cache: dict[str, Population] = {}


def population() -> Population:
    """The demand points, read once per process and kept until the layer changes.

    Reading ~10,000 rows costs about 50 ms a request. The key is the layer's checksum on its
    Dataset row, which a reload that changes the rows changes (in every process, since each
    asks the database): one small query instead of the whole table. Without a checksum (a
    database not loaded by load-reference) nothing is kept. The arrays are shared between
    requests, so they are read-only."""
    checksum = (
        Dataset.objects.filter(key=DEMAND_POINTS_DATASET).values_list("checksum", flat=True).first()
    )
    if checksum and checksum in _population_cache:
        return _population_cache[checksum]
    pop = read_population()
    if checksum:
        _population_cache.clear()
        _population_cache[checksum] = pop
    return pop


def read_population() -> Population:
    """The demand points straight from the database."""
    rows = list(
        DemandPoint.objects.values_list(
            "code",
            "x",
            "y",
            "lon",
            "lat",
            *MEASURES,
            "municipality__code",
            "district__code",
            "postcode_area__code",
        )
    )
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in range(12)]
    pop = Population(
        codes=np.array(columns[0]),
        xy=np.column_stack([columns[1], columns[2]]).astype(float),
        lonlat=np.column_stack([columns[3], columns[4]]).astype(float),
        values={m: np.asarray(columns[5 + i], dtype=float) for i, m in enumerate(MEASURES)},
        municipality=np.array(columns[9]),
        district=np.array([c or "" for c in columns[10]]),
        postcode=np.array(columns[11]),
    )
    arrays = (pop.codes, pop.xy, pop.lonlat, pop.municipality, pop.district, pop.postcode)
    for array in (*arrays, *pop.values.values()):
        array.flags.writeable = False
    return pop


@lru_cache(maxsize=3)
def road_network(path: str, mode: str) -> RoadNetwork:
    return RoadNetwork.from_osm(path, mode)


def by_road() -> bool:
    """Whether travel_costs follows the road network (else straight line × detour factor)."""
    return bool(settings.WEERBAAR_OSM_FILE)


def travel_costs(origins_xy: np.ndarray, sites_xy: np.ndarray, norm: Norm) -> np.ndarray:
    """Metres from each origin to each site (rows × columns); by road `inf` beyond three times
    the norm's radius (the search stops there) or where the network does not connect."""
    if by_road():
        network = road_network(settings.WEERBAAR_OSM_FILE, norm.mode)
        return network.costs(origins_xy, sites_xy, max_distance=norm.radius_m * 3)
    return straight_line_costs(origins_xy, sites_xy, detour=norm.detour)


def points_in_service():
    # Local points first: where a local and a coordinating point stand at one spot, the
    # residents' nearest point is the local one (the C-NSP coordinates, the L-NSP receives).
    points = SupportPoint.objects.filter(status=Lifecycle.IN_SERVICE).select_related("municipality")
    return sorted(points, key=lambda p: (p.tier != "local", p.municipality.name, p.name))


def sites_xy(points) -> np.ndarray:
    x, y = to_rd([p.lon for p in points], [p.lat for p in points])
    return np.column_stack([x, y]) if len(points) else np.empty((0, 2))


@dataclass
class Coverage:
    norm: Norm
    network: bool
    covered: np.ndarray  # bool per demand point
    nearest: np.ndarray  # column of the nearest point per demand point, -1 if none
    distance: np.ndarray

    def share(self, pop: Population, measure: str) -> float:
        total = pop.values[measure].sum()
        return float(pop.values[measure][self.covered].sum() / total) if total else 0.0


def compute(pop: Population, points, norm: Norm) -> Coverage:
    n = len(pop.codes)
    if not points:
        empty = np.full(n, -1)
        return Coverage(norm, by_road(), np.zeros(n, bool), empty, np.full(n, np.inf))
    costs = travel_costs(pop.xy, sites_xy(points), norm)
    nearest = np.argmin(costs, axis=1)
    distance = costs[np.arange(n), nearest]
    nearest = np.where(np.isfinite(distance), nearest, -1)
    return Coverage(norm, by_road(), distance <= norm.radius_m, nearest, distance)


def by_area(pop: Population, coverage: Coverage, labels: np.ndarray) -> list[dict]:
    """Covered and not covered per area, for each measure."""
    keys, index = np.unique(labels, return_inverse=True)
    rows = []
    for measure in MEASURES:
        values = pop.values[measure]
        total = np.bincount(index, weights=values, minlength=len(keys))
        covered = np.bincount(index, weights=values * coverage.covered, minlength=len(keys))
        rows.append((measure, total, covered))
    result = []
    for k, key in enumerate(keys):
        row = {"area": str(key)}
        for measure, total, covered in rows:
            # Round the parts so they add up to the rounded whole, as a reader checks.
            row[measure] = round(float(total[k]))
            row[f"{measure}_covered"] = round(float(covered[k]))
            row[f"{measure}_uncovered"] = row[measure] - row[f"{measure}_covered"]
        row["share_covered"] = (
            row["residents_covered"] / row["residents"] if row["residents"] else 0
        )
        result.append(row)
    return result


def by_point(pop: Population, coverage: Coverage, points) -> list[dict]:
    """Catchment (residents for whom it is the nearest point), expected visitors against
    capacity (catchment × participation, an assumption)."""
    assigned = coverage.nearest >= 0
    catchment = np.bincount(
        coverage.nearest[assigned], weights=pop.values["residents"][assigned], minlength=len(points)
    )
    within = assigned & coverage.covered
    covered = np.bincount(
        coverage.nearest[within], weights=pop.values["residents"][within], minlength=len(points)
    )
    rows = []
    for j, point in enumerate(points):
        visitors = catchment[j] * coverage.norm.participation
        rows.append(
            {
                "point": point,
                "catchment": round(float(catchment[j])),
                "catchment_within_norm": round(float(covered[j])),
                "expected_visitors": round(float(visitors)),
                "capacity": point.capacity,
                "load": float(visitors / point.capacity) if point.capacity else None,
            }
        )
    return rows


def uncovered_geojson(pop: Population, coverage: Coverage) -> dict:
    def properties(i: int) -> dict:
        distance = coverage.distance[i]
        return {
            "code": str(pop.codes[i]),
            "residents": round(float(pop.values["residents"][i])),
            "age_75_plus": round(float(pop.values["age_75_plus"][i]), 1),
            "less_self_reliant": round(float(pop.values["less_self_reliant"][i]), 1),
            "distance_m": round(float(distance)) if np.isfinite(distance) else None,
            "derived": True,
        }

    outside = np.flatnonzero(~coverage.covered & (pop.values["residents"] > 0))
    features = [
        point_feature(pop.codes[i], float(pop.lonlat[i, 0]), float(pop.lonlat[i, 1]), properties(i))
        for i in outside
    ]
    return feature_collection(features, {"norm": asdict(coverage.norm), "derived": True})
