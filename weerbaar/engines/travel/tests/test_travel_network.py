import itertools
import math

import numpy as np
import pytest

from weerbaar.engines.travel import RoadNetwork

from .osm_sample import GRID

INF = math.inf
# Car arcs closed by the one-way streets: row 2 runs east only, column 2 south only.
CAR_CLOSED = {(8, 7), (9, 8), (3, 6), (6, 9)}


def length(rd, *path):
    """Hand-computed length of a node path, from the independently projected coordinates."""
    return sum(math.dist(rd[a], rd[b]) for a, b in itertools.pairwise(path))


def grid_shortest(rd, start, end, closed=frozenset()):
    """Shortest monotone (staircase) grid path: in projected coordinates these differ by
    centimetres, so the test takes the minimum over all of them rather than guess one."""
    node = {ij: nid for nid, ij in GRID.items()}
    (i0, j0), (i1, j1) = GRID[start], GRID[end]
    di, dj = (1 if i1 >= i0 else -1), (1 if j1 >= j0 else -1)
    steps = ["i"] * abs(i1 - i0) + ["j"] * abs(j1 - j0)
    best = INF
    for order in set(itertools.permutations(steps)):
        i, j, path = i0, j0, [start]
        for step in order:
            i, j = (i + di, j) if step == "i" else (i, j + dj)
            path.append(node[i, j])
        if not any(arc in closed for arc in itertools.pairwise(path)):
            best = min(best, length(rd, *path))
    return best


def at(rd, *ids):
    return np.array([rd[i] for i in ids])


@pytest.fixture(scope="module")
def networks(osm_files):
    xml_path, _ = osm_files
    return {mode: RoadNetwork.from_osm(xml_path, mode) for mode in ("walk", "bike", "car")}


def test_graph_sizes_per_mode(networks):
    # walk: grid 9 + disconnected 50, 51; 12 grid segments, footway and 50-51 both ways.
    assert (networks["walk"].node_count, networks["walk"].edge_count) == (11, 28)
    # car: + motorway node 31; four one-way grid segments, one motorway arc, no footway.
    assert (networks["car"].node_count, networks["car"].edge_count) == (12, 23)
    assert sorted(networks["car"].node_ids) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 31, 50, 51]


def test_walk_uses_footway_and_ignores_oneway(networks, rd):
    costs = networks["walk"].costs(at(rd, 1, 3, 9, 50), at(rd, 9, 7, 51))
    expected = [
        [length(rd, 1, 9), length(rd, 1, 4, 7), INF],
        [length(rd, 3, 6, 9), grid_shortest(rd, 3, 7), INF],
        [0.0, length(rd, 9, 8, 7), INF],
        [INF, INF, length(rd, 50, 51)],
    ]
    np.testing.assert_allclose(costs, expected, rtol=1e-9, atol=1e-6)


def test_car_respects_oneway_motorway_and_footway(networks, rd):
    costs = networks["car"].costs(at(rd, 1, 9, 3, 31), at(rd, 9, 7, 3, 31))
    one_to_nine = grid_shortest(rd, 1, 9, CAR_CLOSED)  # not over the footway
    expected = [
        [one_to_nine, length(rd, 1, 4, 7), length(rd, 1, 2, 3), length(rd, 1, 2, 3, 31)],
        [0.0, length(rd, 9, 6, 5, 4, 7), length(rd, 9, 6, 3), length(rd, 9, 6, 3, 31)],
        [length(rd, 3, 2, 5, 8, 9), grid_shortest(rd, 3, 7, CAR_CLOSED), 0.0, length(rd, 3, 31)],
        [INF, INF, INF, 0.0],  # the motorway is implied one-way and leads nowhere back
    ]
    np.testing.assert_allclose(costs, expected, rtol=1e-9, atol=1e-6)


def test_bike_avoids_footway_and_motorway(networks, rd):
    costs = networks["bike"].costs(at(rd, 1, 31), at(rd, 9))
    assert costs[0, 0] == pytest.approx(grid_shortest(rd, 1, 9), rel=1e-9)
    # No bike node at 31: it snaps to node 3 and pays the straight leg.
    assert costs[1, 0] == pytest.approx(length(rd, 31, 3) + length(rd, 3, 6, 9), rel=1e-9)


def test_snap_distances_are_added(networks, rd):
    walk = networks["walk"]
    origin = np.array(rd[1]) + (-30.0, -40.0)  # 50 m off the south-west corner
    dest = np.array(rd[9]) + (30.0, 40.0)  # 50 m off the north-east corner
    idx, dist = walk.snap([origin, dest])
    assert list(walk.node_ids[idx]) == [1, 9]
    np.testing.assert_allclose(dist, [50.0, 50.0])
    cost = walk.costs([origin], [dest])[0, 0]
    assert cost == pytest.approx(50.0 + length(rd, 1, 9) + 50.0)


def test_max_distance_gives_inf_beyond_it(networks, rd):
    walk = networks["walk"]
    diagonal = length(rd, 1, 9)
    assert walk.costs(at(rd, 1), at(rd, 9), max_distance=diagonal + 1)[0, 0] < INF
    assert walk.costs(at(rd, 1), at(rd, 9), max_distance=diagonal - 1)[0, 0] == INF
    # The snap legs count towards the limit too.
    origin = np.array(rd[1]) + (-30.0, -40.0)
    assert walk.costs([origin], at(rd, 9), max_distance=diagonal + 10)[0, 0] == INF
    assert walk.costs([origin], at(rd, 9), max_distance=diagonal + 60)[0, 0] < INF


def test_xml_and_pbf_give_identical_matrices(osm_files, rd):
    xml_path, pbf_path = osm_files
    points = np.array(list(rd.values())) + 7.0  # every node, slightly off
    for mode in ("walk", "bike", "car"):
        from_xml = RoadNetwork.from_osm(xml_path, mode).costs(points, points)
        from_pbf = RoadNetwork.from_osm(pbf_path, mode).costs(points, points)
        np.testing.assert_array_equal(from_xml, from_pbf)
        assert np.isinf(from_xml).any() and np.isfinite(from_xml).any()


def test_float32_and_repeated_origins(networks, rd):
    car = networks["car"]
    origins = np.repeat(at(rd, 1, 9), 50, axis=0)  # many points on the same two nodes
    costs = car.costs(origins, at(rd, 7, 3), dtype=np.float32)
    assert costs.dtype == np.float32 and costs.shape == (100, 2)
    np.testing.assert_allclose(costs[::50], car.costs(at(rd, 1, 9), at(rd, 7, 3)), rtol=1e-6)


def test_min_component_size_keeps_points_off_islands(osm_files, rd):
    walk = RoadNetwork.from_osm(osm_files[0], "walk", min_component_size=3)
    idx, _ = walk.snap(at(rd, 50))
    assert walk.node_ids[idx[0]] != 50
    assert np.isfinite(walk.costs(at(rd, 50), at(rd, 1))[0, 0])
