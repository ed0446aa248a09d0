"""The nearest support point measures distance as the coverage analysis does: straight line ×
detour factor, or by road when the installation has a road network."""

from itertools import pairwise

import numpy as np
import pytest

from weerbaar.apps.supportpoints import coverage, queries
from weerbaar.engines.travel import RoadNetwork, to_rd

pytestmark = pytest.mark.django_db

RESIDENT = (53.04, 6.58)  # (lat, lon) between Assen (4.9 km) and Vries (3.8 km)
DETOUR = (53.06, 6.62)  # the only way to Vries goes round by here


def rd(lat: float, lon: float) -> np.ndarray:
    x, y = to_rd([lon], [lat])
    return np.array([x[0], y[0]])


def metres(*places) -> float:
    return float(sum(np.hypot(*(rd(*b) - rd(*a))) for a, b in pairwise(places)))


@pytest.fixture
def road_network(support_network, settings, monkeypatch):
    """Resident -- Assen straight, resident -- detour -- Vries: Vries is nearer as the crow
    flies, Assen by road."""
    assen = (support_network["L-NSP Assen (demo)"].lat, support_network["L-NSP Assen (demo)"].lon)
    vries = (support_network["L-NSP Vries (demo)"].lat, support_network["L-NSP Vries (demo)"].lon)
    nodes = np.array([rd(*RESIDENT), rd(*assen), rd(*DETOUR), rd(*vries)])
    network = RoadNetwork.from_edges(nodes, [0, 0, 2], [1, 2, 3])
    settings.WEERBAAR_OSM_FILE = "drenthe.osm.pbf"
    monkeypatch.setattr(coverage, "road_network", lambda *_: network)
    return {"assen": assen, "vries": vries}


def test_without_a_road_network_travel_is_the_straight_line_times_the_detour(
    support_network, settings
):
    found = queries.nearest(*RESIDENT, limit=2)
    assert [n.point.name for n in found] == ["L-NSP Vries (demo)", "L-NSP Assen (demo)"]
    for n in found:
        assert not n.by_road
        assert n.travel_m == pytest.approx(n.straight_m * settings.WEERBAAR_DETOUR_FACTOR)
        assert n.walking_minutes == int(np.ceil(n.travel_m / (4.5 * 1000 / 60)))


def test_the_nearest_point_is_the_one_coverage_assigns(support_network):
    # Where a local and a coordinating point share a spot, both pick the local one.
    pop = coverage.population()
    points = coverage.points_in_service()
    result = coverage.compute(pop, points, coverage.Norm())
    for i in range(0, len(pop.codes), 997):
        lon, lat = pop.lonlat[i]
        (found,) = queries.nearest(lat, lon, limit=1)
        assert found.point == points[result.nearest[i]]
        assert found.travel_m == pytest.approx(result.distance[i], abs=1.0)


def test_by_road_the_nearest_point_and_its_distance_follow_the_network(road_network):
    found = queries.nearest(*RESIDENT, limit=3)
    assert [n.point.name for n in found] == [
        "L-NSP Assen (demo)",
        "C-NSP Assen (demo)",
        "L-NSP Vries (demo)",
    ]
    assen, _, vries = found
    assert assen.by_road and vries.by_road
    assert assen.travel_m == pytest.approx(metres(RESIDENT, road_network["assen"]))
    assert vries.travel_m == pytest.approx(metres(RESIDENT, DETOUR, road_network["vries"]))
    assert vries.straight_m == pytest.approx(metres(RESIDENT, road_network["vries"]))
    assert vries.straight_m < assen.straight_m


def test_the_page_and_the_api_say_how_the_distance_was_measured(client, road_network):
    html = client.get("/nearest/?lat=53.04&lon=6.58").content.decode()
    assert "over het wegennet" in html
    assert "hemelsbreed" not in html
    body = client.get("/api/nearest-support-points?lat=53.04&lon=6.58&limit=1").json()
    assert body["items"][0]["point"]["name"] == "L-NSP Assen (demo)"
    assert set(body["items"][0]) == {"point", "straight_m", "travel_m", "walking_minutes"}


def test_the_page_says_straight_line_without_a_road_network(client, support_network):
    html = client.get("/nearest/?lat=53.04&lon=6.58").content.decode()
    assert "hemelsbreed × omrijfactor" in html
    assert "over het wegennet" not in html


def test_points_the_road_network_does_not_reach_are_left_out(client, road_network, monkeypatch):
    # The resident stands on a street of its own (an island, in Groningen, nearer to no
    # support point than the other street), not joined to the street the points snap to.
    island = [rd(53.20, 7.20), rd(53.20, 7.21)]
    nodes = np.array([rd(*road_network["assen"]), rd(*road_network["vries"]), *island])
    network = RoadNetwork.from_edges(nodes, [0, 2], [1, 3])
    monkeypatch.setattr(coverage, "road_network", lambda *_: network)
    assert queries.nearest(53.20, 7.20, limit=3) == []
    html = client.get("/nearest/?lat=53.20&lon=7.20").content.decode()
    assert "te voet geen noodsteunpunt te bereiken" in html
    assert "nog geen noodsteunpunt in gebruik" not in html


@pytest.mark.parametrize("lat, lon", [("nan", "nan"), ("inf", "6.5"), ("53", "-inf"), ("91", "6")])
def test_a_location_that_is_not_a_place_on_earth_gets_a_message(client, support_network, lat, lon):
    response = client.get(f"/nearest/?lat={lat}&lon={lon}")
    assert response.status_code == 200
    assert "Deze locatie kon niet worden gelezen" in response.content.decode()
