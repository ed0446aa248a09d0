import numpy as np
import pytest

from weerbaar.engines.travel import RoadNetwork, TravelError

LINE = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 50.0]])


def test_from_edges_oneway_and_parallel_edges():
    # Edge 0-1 listed twice (two overlapping ways): the length must not be summed.
    net = RoadNetwork.from_edges(LINE, [0, 0, 1], [1, 1, 2], [False, False, True])
    assert (net.node_count, net.edge_count) == (3, 3)
    costs = net.costs(LINE, LINE)
    np.testing.assert_allclose(costs[0], [0, 100, 150])
    assert costs[2, 1] == np.inf  # against the one-way segment
    assert costs[1, 0] == 100


def test_from_edges_without_oneway_mask_is_two_way():
    net = RoadNetwork.from_edges(LINE, [0, 1], [1, 2])
    np.testing.assert_allclose(net.costs(LINE[[2]], LINE[[0]]), [[150]])


@pytest.mark.parametrize(
    ("edges_from", "edges_to"),
    [([0], [3]), ([-1], [1]), ([0, 1], [1]), ([0.0], [1.0]), ([0], [0])],
    ids=["out-of-range", "negative", "lengths", "floats", "only-self-loop"],
)
def test_from_edges_bad_edges(edges_from, edges_to):
    with pytest.raises(TravelError):
        RoadNetwork.from_edges(LINE, edges_from, edges_to)


def test_unknown_mode(tmp_path):
    with pytest.raises(TravelError, match="unknown travel mode"):
        RoadNetwork.from_osm(tmp_path / "x.osm", "horse")


def test_missing_file(tmp_path):
    with pytest.raises(TravelError, match="not found"):
        RoadNetwork.from_osm(tmp_path / "missing.osm.pbf", "walk")


@pytest.mark.parametrize("name", ["broken.osm", "broken.osm.pbf"])
def test_unreadable_file(tmp_path, name):
    path = tmp_path / name
    path.write_text("this is not OpenStreetMap data")
    with pytest.raises(TravelError, match="cannot read") as info:
        RoadNetwork.from_osm(path, "walk")
    assert "\n" not in str(info.value)


def test_file_without_usable_roads(tmp_path):
    path = tmp_path / "paths.osm"
    path.write_text(
        '<osm version="0.6">'
        '<node id="1" lat="53.0" lon="6.56"/><node id="2" lat="53.001" lon="6.56"/>'
        '<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>'
        "</osm>"
    )
    assert RoadNetwork.from_osm(path, "walk").edge_count == 2
    with pytest.raises(TravelError, match="no roads usable"):
        RoadNetwork.from_osm(path, "car")


@pytest.fixture(scope="module")
def line():
    return RoadNetwork.from_edges(LINE, [0, 1], [1, 2])


@pytest.mark.parametrize(
    "origins",
    [[[0.0, np.nan]], [[0.0, 0.0, 0.0]], [0.0, 0.0]],
    ids=["nan", "three-columns", "1d"],
)
def test_costs_refuse_bad_points(line, origins):
    with pytest.raises(TravelError):
        line.costs(origins, LINE)
    with pytest.raises(TravelError):
        line.costs(LINE, origins)


@pytest.mark.parametrize("limit", [0, -5, "far", np.nan])
def test_costs_refuse_bad_max_distance(line, limit):
    with pytest.raises(TravelError):
        line.costs(LINE, LINE, max_distance=limit)


def test_costs_with_no_points(line):
    assert line.costs(np.zeros((0, 2)), LINE).shape == (0, 3)
    assert line.costs(LINE, np.zeros((0, 2))).shape == (3, 0)
