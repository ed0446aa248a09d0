"""Derived population layer: demand points on a regular grid.

Method (a specification, not an observation; every point carries ``DERIVATION``):

1. Inputs are CBS PC4 postcode areas (residents and age bands, 1 Jan 2021), CBS
   wijken 2024 and the CBS KWB 2024 municipal resident totals.  All geometry is
   handled in RD New (EPSG:28992) metres.
2. Per municipality, factor = total_2024 / sum(residents_2021 of its PC4 areas).
   A PC4 belongs to the municipality in its ``municipality_code``.  The PC4
   target residents_2021 * factor is rounded with the largest-remainder method
   within the municipality (ties by PC4 code), so targets sum exactly to the
   2024 total.
3. Grid cells of ``cell_size`` metres are aligned to RD multiples of the cell
   size; cell centres lie at (k + 0.5) * cell_size.  A PC4 is spread over the
   cells whose centre lies inside its polygon.  A centre inside several PC4
   polygons (generalised borders overlap) goes to the lowest PC4 code only.
   A PC4 without any cell centre gets one point at its representative point.
4. Each PC4 target is spread evenly over its points, again by largest remainder
   (ties by point order sorted on (y, x)), so municipal sums stay exact.
5. Per point: the containing wijk of the same municipality (lowest code if
   several), else the nearest wijk of that municipality, else None; age bands
   as residents * the PC4's 2021 band share; ``less_self_reliant`` as
   residents * an assumed share (default 0.20, a parameter, not a CBS figure).
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from weerbaar.engines.travel import to_rd

DERIVATION = "derived: CBS PC4 2021 spread over 500 m grid, scaled to CBS KWB 2024 municipal totals"
PC4_FILE = "drenthe_pc4_2021_cbs.geojson"
DISTRICTS_FILE = "drenthe_wijken_2024_cbs.geojson"
TOTALS_FILE = "drenthe_kwb2024_gemeente_wijk.csv"

# WGS84 -> RD goes through the travel engine's `to_rd`, so that the population layer, the
# support points and the road network share one projection; only the way back lives here.
_TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class PostcodeArea:
    code: str
    municipality_code: str
    geometry_rd: BaseGeometry
    residents_2021: int
    age_total: int = 0
    age_0_14: int = 0
    age_15_64: int = 0
    age_65_plus: int = 0
    age_75_plus: int = 0
    age_85_plus: int = 0
    representative_rd: tuple[float, float] | None = None


@dataclass(frozen=True)
class District:
    code: str
    municipality_code: str
    geometry_rd: BaseGeometry


@dataclass(frozen=True)
class DemandPoint:
    code: str
    x: float
    y: float
    lon: float
    lat: float
    postcode: str
    municipality_code: str
    district_code: str | None
    residents: int
    age_65_plus: float
    age_75_plus: float
    age_85_plus: float
    less_self_reliant: float
    method: str = DERIVATION


# ---------------------------------------------------------------- readers


def _geometry_to_rd(geometry: BaseGeometry) -> BaseGeometry:
    def project(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(to_rd(coords[:, 0], coords[:, 1]))

    return shapely.make_valid(shapely.transform(geometry, project))


def _count(value: object) -> int:
    # CBS marks suppressed cells with negative codes (e.g. -99997): treat as 0.
    return max(0, int(value or 0))


def _features(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["features"]


def read_postcode_areas(path: Path | str) -> list[PostcodeArea]:
    areas = []
    for feature in _features(path):
        props = feature["properties"]
        rep = None
        if props.get("rd_x") is not None and props.get("rd_y") is not None:
            rep = (float(props["rd_x"]), float(props["rd_y"]))
        areas.append(
            PostcodeArea(
                code=str(props["postcode"]),
                municipality_code=props["gemeente_code"],
                geometry_rd=_geometry_to_rd(shapely.geometry.shape(feature["geometry"])),
                residents_2021=_count(props.get("inwoners")),
                age_total=_count(props.get("inw_leeftijd_totaal")),
                age_0_14=_count(props.get("inw_0_14")),
                age_15_64=_count(props.get("inw_15_64")),
                age_65_plus=_count(props.get("inw_65_plus")),
                age_75_plus=_count(props.get("inw_75_plus")),
                age_85_plus=_count(props.get("inw_85_plus")),
                representative_rd=rep,
            )
        )
    return areas


def read_districts(path: Path | str) -> list[District]:
    return [
        District(
            code=f["properties"]["wijk_code"],
            municipality_code=f["properties"]["gemeente_code"],
            geometry_rd=_geometry_to_rd(shapely.geometry.shape(f["geometry"])),
        )
        for f in _features(path)
    ]


def read_municipal_totals(path: Path | str) -> dict[str, int]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {
            row["code"]: int(row["AantalInwoners"])
            for row in csv.DictReader(handle)
            if row["soort"] == "gemeente"
        }


# ---------------------------------------------------------------- derivation


def largest_remainder(total: int, weights: Sequence[int], keys: Sequence) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total``.

    Integer arithmetic keeps it exact; equal remainders are broken by ``keys``.
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("largest_remainder needs a positive weight sum")
    parts = [divmod(total * w, weight_sum) for w in weights]
    result = [floor for floor, _ in parts]
    order = sorted(range(len(weights)), key=lambda i: (-parts[i][1], keys[i]))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


def _grid_cells(areas: list[PostcodeArea], cell_size: float) -> dict[str, list[tuple[int, int]]]:
    """Cell indexes (i, j) per PC4 code; a shared centre goes to the lowest code."""
    owner: dict[tuple[int, int], str] = {}
    for area in sorted(areas, key=lambda a: a.code, reverse=True):
        geometry = area.geometry_rd
        if geometry.is_empty:
            continue
        shapely.prepare(geometry)
        minx, miny, maxx, maxy = geometry.bounds
        # Candidate indexes whose centres may fall inside the bounding box.
        ii, jj = np.meshgrid(
            np.arange(math.floor(minx / cell_size), math.floor(maxx / cell_size) + 1),
            np.arange(math.floor(miny / cell_size), math.floor(maxy / cell_size) + 1),
        )
        ii, jj = ii.ravel(), jj.ravel()
        inside = shapely.contains_xy(geometry, (ii + 0.5) * cell_size, (jj + 0.5) * cell_size)
        # Iterating from the highest code down lets lower codes overwrite.
        for i, j in zip(ii[inside].tolist(), jj[inside].tolist(), strict=True):
            owner[(i, j)] = area.code
    cells: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for cell, code in owner.items():
        cells[code].append(cell)
    return cells


def _assign_districts(
    xs: np.ndarray, ys: np.ndarray, municipalities: list[str], districts: Iterable[District]
) -> list[str | None]:
    by_municipality: dict[str, list[District]] = defaultdict(list)
    for district in sorted(districts, key=lambda d: d.code):
        by_municipality[district.municipality_code].append(district)
    result: list[str | None] = [None] * len(xs)
    point_ids: dict[str, list[int]] = defaultdict(list)
    for index, municipality in enumerate(municipalities):
        point_ids[municipality].append(index)
    for municipality, ids in point_ids.items():
        candidates = by_municipality.get(municipality)
        if not candidates:
            continue  # no wijken known for this municipality
        idx = np.asarray(ids)
        px, py = xs[idx], ys[idx]
        geoms = [d.geometry_rd for d in candidates]
        inside = np.stack([shapely.contains_xy(g, px, py) for g in geoms])
        # Generalised wijk borders leave gaps: fall back to the nearest wijk.
        distance = np.stack([shapely.distance(g, shapely.points(px, py)) for g in geoms])
        # Containing wijken score -1, so argmin prefers them (lowest code first).
        chosen = np.argmin(np.where(inside, -1.0, distance), axis=0)
        for point, k in zip(ids, chosen.tolist(), strict=True):
            result[point] = candidates[k].code
    return result


def _shares(area: PostcodeArea) -> tuple[float, float, float]:
    if area.age_total <= 0:
        return 0.0, 0.0, 0.0
    # Clamp and nest: CBS rounds counts to 5, which could otherwise break 85 <= 75 <= 65.
    s65 = min(1.0, area.age_65_plus / area.age_total)
    s75 = min(s65, area.age_75_plus / area.age_total)
    s85 = min(s75, area.age_85_plus / area.age_total)
    return s65, s75, s85


def _pc4_targets(
    areas: list[PostcodeArea], municipal_totals_2024: Mapping[str, int]
) -> dict[str, int]:
    """Integer 2024 target per PC4 code, summing exactly to each municipal total."""
    per_municipality: dict[str, list[PostcodeArea]] = defaultdict(list)
    for area in areas:
        if area.municipality_code not in municipal_totals_2024:
            raise ValueError(
                f"PC4 {area.code} refers to municipality {area.municipality_code} "
                "which has no 2024 total"
            )
        per_municipality[area.municipality_code].append(area)
    targets: dict[str, int] = {}
    for municipality, total in sorted(municipal_totals_2024.items()):
        members = per_municipality.get(municipality)
        if not members:
            raise ValueError(f"municipality {municipality} has a 2024 total but no PC4 areas")
        weights = [a.residents_2021 for a in members]
        if sum(weights) == 0:
            if total > 0:
                raise ValueError(f"municipality {municipality} has no 2021 residents to scale")
            counts = [0] * len(members)
        else:
            counts = largest_remainder(total, weights, [a.code for a in members])
        targets.update(zip((a.code for a in members), counts, strict=True))
    return targets


def _placed_residents(
    areas: list[PostcodeArea], targets: Mapping[str, int], cell_size: float
) -> list[tuple[str, float, float, PostcodeArea, int]]:
    """(point code, x, y, PC4, residents) for every point of every PC4."""
    cells = _grid_cells(areas, cell_size)
    rows = []
    for area in areas:
        if cells.get(area.code):
            placed = [
                (f"E{i}N{j}", (i + 0.5) * cell_size, (j + 0.5) * cell_size)
                for i, j in cells[area.code]
            ]
        else:
            # Too small (or fully overlapped) for a cell centre: one point.
            rep = area.representative_rd
            if rep is None:
                point = area.geometry_rd.representative_point()
                rep = (point.x, point.y)
            placed = [(f"PC{area.code}", float(rep[0]), float(rep[1]))]
        placed.sort(key=lambda p: (p[2], p[1]))
        counts = largest_remainder(targets[area.code], [1] * len(placed), range(len(placed)))
        rows.extend((code, x, y, area, n) for (code, x, y), n in zip(placed, counts, strict=True))
    return rows


def derive_demand_points(
    postcode_areas: Iterable[PostcodeArea],
    districts: Iterable[District],
    municipal_totals_2024: Mapping[str, int],
    *,
    cell_size: float = 500.0,
    less_self_reliant_share: float = 0.20,
) -> list[DemandPoint]:
    """Spread scaled PC4 residents over grid points; see the module docstring."""
    if not 0.0 <= less_self_reliant_share <= 1.0:
        raise ValueError(
            f"less_self_reliant_share must be in [0, 1], got {less_self_reliant_share}"
        )
    if cell_size <= 0:
        raise ValueError(f"cell_size must be positive, got {cell_size}")
    areas = sorted(postcode_areas, key=lambda a: a.code)
    rows = _placed_residents(areas, _pc4_targets(areas, municipal_totals_2024), cell_size)

    xs = np.array([r[1] for r in rows], dtype=float)
    ys = np.array([r[2] for r in rows], dtype=float)
    lons, lats = (np.atleast_1d(v).tolist() for v in _TO_WGS84.transform(xs, ys))
    district_codes = _assign_districts(xs, ys, [r[3].municipality_code for r in rows], districts)

    points = []
    for (code, x, y, area, residents), lon, lat, district in zip(
        rows, lons, lats, district_codes, strict=True
    ):
        s65, s75, s85 = _shares(area)
        points.append(
            DemandPoint(
                code=code,
                x=x,
                y=y,
                lon=round(lon, 6),
                lat=round(lat, 6),
                postcode=area.code,
                municipality_code=area.municipality_code,
                district_code=district,
                residents=residents,
                age_65_plus=round(residents * s65, 3),
                age_75_plus=round(residents * s75, 3),
                age_85_plus=round(residents * s85, 3),
                less_self_reliant=round(residents * less_self_reliant_share, 3),
            )
        )
    points.sort(key=lambda p: p.code)
    return points


def derive_from_files(data_dir: Path, less_self_reliant_share: float = 0.20) -> list[DemandPoint]:
    data_dir = Path(data_dir)
    return derive_demand_points(
        read_postcode_areas(data_dir / PC4_FILE),
        read_districts(data_dir / DISTRICTS_FILE),
        read_municipal_totals(data_dir / TOTALS_FILE),
        less_self_reliant_share=less_self_reliant_share,
    )
