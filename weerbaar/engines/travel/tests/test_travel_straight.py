import numpy as np
import pytest
from scipy.spatial.distance import cdist

from weerbaar.engines.travel import TravelError, straight_line_costs, to_rd


def test_three_four_five_times_default_detour():
    costs = straight_line_costs([[0, 0], [3, 4]], [[3, 4], [0, 0], [6, 8]])
    assert costs.shape == (2, 3)
    np.testing.assert_allclose(costs, [[6.5, 0, 13.0], [0, 6.5, 6.5]])


def test_custom_detour_and_float32_kept():
    costs = straight_line_costs([[0, 0]], [[3, 4]], detour=1.0, dtype=np.float32)
    assert costs.dtype == np.float32
    assert costs[0, 0] == pytest.approx(5.0)


def test_chunked_result_matches_cdist():
    rng = np.random.default_rng(1)
    origins = rng.uniform(200_000, 260_000, size=(5_000, 2))  # RD-like coordinates
    dests = rng.uniform(200_000, 260_000, size=(900, 2))  # 4.5M cells: more than one chunk
    costs = straight_line_costs(origins, dests, dtype=np.float32)
    np.testing.assert_allclose(costs, cdist(origins, dests) * 1.3, rtol=1e-6)


def test_empty_origins_give_empty_rows():
    assert straight_line_costs(np.zeros((0, 2)), [[1, 1]]).shape == (0, 1)


@pytest.mark.parametrize(
    "origins",
    [[[0, np.nan]], [0, 0], [[0, 0, 0]], [["a", "b"]]],
    ids=["nan", "1d", "three-columns", "text"],
)
def test_bad_points_refused(origins):
    with pytest.raises(TravelError):
        straight_line_costs(origins, [[1, 1]])


@pytest.mark.parametrize("kwargs", [{"detour": 0.9}, {"detour": np.nan}, {"dtype": np.int32}])
def test_bad_options_refused(kwargs):
    with pytest.raises(TravelError):
        straight_line_costs([[0, 0]], [[1, 1]], **kwargs)


def test_to_rd_known_point_and_vectorised():
    # Amersfoort Onze Lieve Vrouwetoren, the RD origin: (155000, 463000).
    x, y = to_rd(5.38720621, 52.15517440)
    assert float(x) == pytest.approx(155_000, abs=1.0)
    assert float(y) == pytest.approx(463_000, abs=1.0)
    xs, ys = to_rd([6.56, 6.57], [53.0, 53.0])
    assert xs.shape == ys.shape == (2,)
    assert 600 < xs[1] - xs[0] < 700  # 0.01 deg of longitude at 53 N is ~670 m


def test_to_rd_refuses_nan():
    with pytest.raises(TravelError):
        to_rd([6.5, np.nan], [53.0, 53.0])
