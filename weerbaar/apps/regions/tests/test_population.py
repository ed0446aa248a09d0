"""Tests for the derived population layer (pure Python, no database)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import Point, box

from weerbaar.apps.regions.population import (
    DERIVATION,
    District,
    PostcodeArea,
    derive_demand_points,
    derive_from_files,
    largest_remainder,
    read_districts,
    read_municipal_totals,
    read_postcode_areas,
)
from weerbaar.engines.travel import to_rd

DATA_DIR = Path(__file__).resolve().parents[3] / "data"
# Offset so the squares lie in Drenthe and cell indexes are realistic (460, 1060).
X0, Y0 = 230_000.0, 530_000.0


def square(x1: float, y1: float, x2: float, y2: float):
    return box(X0 + x1, Y0 + y1, X0 + x2, Y0 + y2)


def area(code: str, municipality: str, geometry, residents: int, **ages) -> PostcodeArea:
    return PostcodeArea(
        code=code,
        municipality_code=municipality,
        geometry_rd=geometry,
        residents_2021=residents,
        **ages,
    )


@pytest.fixture
def areas() -> list[PostcodeArea]:
    ages = {"age_total": 100, "age_65_plus": 30, "age_75_plus": 10, "age_85_plus": 5}
    return [
        area("9001", "GM1", square(0, 0, 1000, 1000), 100, **ages),  # 4 cells
        area("9002", "GM1", square(1000, 0, 2000, 1000), 200),  # 4 cells, no age data
        # Smaller than a cell and no centre inside: one point at the representative point.
        PostcodeArea(
            "9003", "GM1", square(2100, 100, 2200, 200), 10, representative_rd=(X0 + 2150, Y0 + 150)
        ),
        # 9010 and 9020 overlap on the column of centres x = 750.
        area("9010", "GM2", square(0, 2000, 1000, 3000), 40),
        area("9020", "GM2", square(500, 2000, 1500, 3000), 40),
    ]


@pytest.fixture
def districts() -> list[District]:
    return [
        District("WK1", "GM1", square(0, 0, 1000, 1000)),
        District("WK2", "GM1", square(1000, 0, 2000, 1000)),
        # Another municipality's wijk covering GM1's tiny PC4 must not be picked.
        District("WK9", "GM2", square(2000, 0, 3000, 1000)),
    ]


TOTALS = {"GM1": 321, "GM2": 90}


def by_postcode(points):
    grouped: dict[str, list] = {}
    for point in points:
        grouped.setdefault(point.postcode, []).append(point)
    return grouped


def test_largest_remainder_is_exact_and_breaks_ties_by_key():
    assert largest_remainder(10, [1, 1, 1], ["b", "a", "c"]) == [3, 4, 3]
    assert largest_remainder(301, [100, 200], ["x", "y"]) == [100, 201]
    assert sum(largest_remainder(504_129, [7, 13, 29, 31], range(4))) == 504_129


def test_municipal_sums_are_exact(areas, districts):
    points = derive_demand_points(areas, districts, TOTALS)
    sums = Counter()
    for point in points:
        sums[point.municipality_code] += point.residents
    assert sums == TOTALS
    # Factor 321/310: quotas 103.5, 207.1, 10.35 -> 103 + 1, 207, 10.
    assert {pc: sum(p.residents for p in ps) for pc, ps in by_postcode(points).items()} == {
        "9001": 104,
        "9002": 207,
        "9003": 10,
        "9010": 45,
        "9020": 45,
    }


def test_even_spread_within_pc4_by_largest_remainder(areas, districts):
    points = by_postcode(derive_demand_points(areas, districts, TOTALS))
    # 207 over 4 cells: 51 each, remainder 3 to the first three cells in (y, x) order.
    cells = sorted(points["9002"], key=lambda p: (p.y, p.x))
    assert [p.residents for p in cells] == [52, 52, 52, 51]
    assert [(p.x - X0, p.y - Y0) for p in cells] == [
        (1250, 250),
        (1750, 250),
        (1250, 750),
        (1750, 750),
    ]
    assert {p.code for p in cells} == {"E462N1060", "E463N1060", "E462N1061", "E463N1061"}


def test_small_pc4_gets_one_point_at_representative_point(areas, districts):
    points = by_postcode(derive_demand_points(areas, districts, TOTALS))
    (only,) = points["9003"]
    assert only.code == "PC9003"
    assert (only.x, only.y) == (X0 + 2150, Y0 + 150)
    assert only.residents == 10


def test_small_pc4_without_representative_uses_polygon(districts):
    tiny = area("9003", "GM1", square(2100, 100, 2200, 200), 10)
    (only,) = derive_demand_points([tiny], districts, {"GM1": 12})
    assert only.code == "PC9003"
    assert tiny.geometry_rd.contains(Point(only.x, only.y))
    assert only.residents == 12


def test_overlapping_pc4s_share_a_cell_once(areas, districts):
    points = derive_demand_points(areas, districts, TOTALS)
    codes = [p.code for p in points]
    assert len(codes) == len(set(codes))
    grouped = by_postcode(points)
    assert len(grouped["9010"]) == 4  # the lowest code keeps the shared column
    assert {p.x - X0 for p in grouped["9020"]} == {1250}


def test_district_assignment_with_nearest_fallback(areas, districts):
    grouped = by_postcode(derive_demand_points(areas, districts, TOTALS))
    assert {p.district_code for p in grouped["9001"]} == {"WK1"}
    assert {p.district_code for p in grouped["9002"]} == {"WK2"}
    # Outside every GM1 wijk (inside GM2's WK9): nearest wijk of its own municipality.
    assert grouped["9003"][0].district_code == "WK2"
    # GM2's only wijk WK9 lies elsewhere: its points fall back to it as the nearest.
    assert {p.district_code for p in grouped["9010"]} == {"WK9"}


def test_municipality_without_districts_gets_none(areas):
    points = derive_demand_points(areas, [District("WK1", "GM1", square(0, 0, 1000, 1000))], TOTALS)
    assert {p.district_code for p in points if p.municipality_code == "GM2"} == {None}


def test_age_shares_and_less_self_reliant(areas, districts):
    points = derive_demand_points(areas, districts, TOTALS, less_self_reliant_share=0.25)
    grouped = by_postcode(points)
    # 9001: 104 over 4 cells = 26 each; shares 0.30 / 0.10 / 0.05.
    for point in grouped["9001"]:
        assert point.residents == 26
        assert (point.age_65_plus, point.age_75_plus, point.age_85_plus) == (7.8, 2.6, 1.3)
        assert point.less_self_reliant == 6.5
        assert point.method == DERIVATION
    # age_total 0 -> shares 0.
    assert {(p.age_65_plus, p.age_75_plus, p.age_85_plus) for p in grouped["9002"]} == {(0, 0, 0)}


def test_lon_lat_are_wgs84(areas, districts):
    point = derive_demand_points(areas, districts, TOTALS)[0]
    assert 6.0 < point.lon < 7.2 and 52.5 < point.lat < 53.3
    assert round(point.lon, 6) == point.lon


def test_boundaries_are_projected_like_the_travel_engine_projects(tmp_path):
    # One projection for the whole application: a grid point and a support point at the same
    # place must get the same RD coordinates, or distances between them drift.
    lon, lat = [6.50, 6.52, 6.52, 6.50], [52.99, 52.99, 53.00, 53.00]
    ring = [[x, y] for x, y in zip(lon + lon[:1], lat + lat[:1], strict=True)]
    feature = {
        "type": "Feature",
        "properties": {"postcode": "9401", "gemeente_code": "GM0106", "inwoners": 10},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path = tmp_path / "pc4.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    (only,) = read_postcode_areas(path)
    x, y = to_rd(lon, lat)
    assert {tuple(c) for c in only.geometry_rd.exterior.coords} == set(
        zip(x.tolist(), y.tolist(), strict=True)
    )


def test_deterministic_regardless_of_input_order(areas, districts):
    first = derive_demand_points(areas, districts, TOTALS)
    shuffled_areas, shuffled_districts = areas[:], districts[:]
    random.Random(1).shuffle(shuffled_areas)
    random.Random(2).shuffle(shuffled_districts)
    second = derive_demand_points(
        shuffled_areas, shuffled_districts, dict(reversed(TOTALS.items()))
    )
    assert first == second
    assert [p.code for p in first] == sorted(p.code for p in first)


@pytest.mark.parametrize(
    ("totals", "share", "message"),
    [
        ({**TOTALS, "GM3": 5}, 0.2, "GM3 has a 2024 total but no PC4"),
        ({"GM1": 321}, 0.2, "municipality GM2 which has no 2024 total"),
        (TOTALS, -0.1, r"must be in \[0, 1\]"),
        (TOTALS, 1.5, r"must be in \[0, 1\]"),
    ],
)
def test_invalid_input_raises(areas, districts, totals, share, message):
    with pytest.raises(ValueError, match=message):
        derive_demand_points(areas, districts, totals, less_self_reliant_share=share)


# ---------------------------------------------------------------- real CBS data


@pytest.fixture(scope="module")
def real_points():
    return derive_from_files(DATA_DIR)


def test_real_data_municipal_totals(real_points):
    totals = read_municipal_totals(DATA_DIR / "drenthe_kwb2024_gemeente_wijk.csv")
    sums = Counter()
    for point in real_points:
        sums[point.municipality_code] += point.residents
    assert len(totals) == 12
    assert sums == totals
    assert sum(sums.values()) == 504_129
    assert 9_000 <= len(real_points) <= 12_000


def test_real_data_points_are_consistent(real_points):
    district_municipality = {
        d.code: d.municipality_code
        for d in read_districts(DATA_DIR / "drenthe_wijken_2024_cbs.geojson")
    }
    assert len({p.code for p in real_points}) == len(real_points)
    for point in real_points:
        assert district_municipality[point.district_code] == point.municipality_code
        assert 0 <= point.age_85_plus <= point.age_75_plus <= point.age_65_plus <= point.residents
        assert 0 <= point.less_self_reliant <= point.residents
        assert 6.0 < point.lon < 7.2 and 52.5 < point.lat < 53.3
