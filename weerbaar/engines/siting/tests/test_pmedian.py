"""p-median: known answers by brute force, bounds, rules, determinism."""

import numpy as np
import pytest

from weerbaar.engines.siting import PMedian, SpecificationError
from weerbaar.engines.siting._base import relative_gap

from . import brute

SEEDS = range(8)
DTYPES = [np.float64, np.float32]


def _p(seed, m):
    return 1 + seed % (m - 1)


def _check_result(result, costs, weights):
    """Objective, assignment and gap agree with the selection."""
    d, w = brute.nearest(costs, weights, result.selected)
    assert result.objective == pytest.approx(float(w @ d), rel=1e-12, abs=1e-12)
    assert result.gap == pytest.approx(relative_gap(result.objective, result.bound))
    active = weights > 0
    assert (result.assignment[~active] == -1).all()
    picked = costs[np.flatnonzero(active), result.assignment[active]]
    np.testing.assert_array_equal(picked, costs[active][:, result.selected].min(axis=1))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", ["exact", "auto"])
def test_exact_matches_brute_force(seed, dtype, method):
    costs, weights = brute.instance(seed, dtype)
    p = _p(seed, costs.shape[1])
    best = brute.pmedian(costs, weights, p)
    result = PMedian(p).solve(costs, weights, method=method)
    if np.isinf(best):
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    assert result.objective == pytest.approx(best, rel=1e-9)
    assert len(result.selected) == p
    _check_result(result, costs, weights)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("seed", SEEDS)
def test_fast_is_feasible_and_bounded(seed, dtype):
    costs, weights = brute.instance(seed, dtype, inf_share=0.0)
    p = _p(seed, costs.shape[1])
    best = brute.pmedian(costs, weights, p)
    result = PMedian(p).solve(costs, weights, method="fast")
    assert result.objective >= best - 1e-9
    assert result.bound <= best + 1e-9
    assert result.status == ("optimal" if result.gap <= 1e-9 else "feasible")
    _check_result(result, costs, weights)


@pytest.mark.parametrize("seed", range(4))
def test_float32_is_not_copied_to_float64(seed):
    """Ties that exist only in float32 must be resolved in float32, as stored."""
    costs, weights = brute.instance(seed, np.float32, inf_share=0.0)
    costs = costs + np.float32(0.1)
    p = _p(seed, costs.shape[1])
    result = PMedian(p).solve(costs, weights)
    assert result.objective == pytest.approx(brute.pmedian(costs, weights, p), rel=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_fixed_and_group_limits(seed):
    costs, weights = brute.instance(seed, inf_share=0.0)
    m = costs.shape[1]
    groups = np.arange(m) % 3
    caps = {0: 1, 1: 2}
    fixed = [1]
    p = 3
    rules = {"fixed": fixed, "groups": groups, "caps": caps}
    best = brute.pmedian(costs, weights, p, **rules)
    for method in ("auto", "fast"):
        result = PMedian(p, fixed=fixed, groups=groups, max_per_group=caps).solve(
            costs, weights, method=method
        )
        assert 1 in result.selected
        assert sum(groups[j] == 0 for j in result.selected) <= 1
        assert sum(groups[j] == 1 for j in result.selected) <= 2
        assert result.bound <= best + 1e-9 <= result.objective + 2e-9
        if method == "auto":
            assert result.objective == pytest.approx(best)


def test_allowed_columns():
    costs, weights = brute.instance(3, inf_share=0.0)
    allowed = [0, 2, 4, 5]
    best = brute.pmedian(costs, weights, 2, allowed=allowed)
    result = PMedian(2, allowed=allowed).solve(costs, weights)
    assert set(result.selected) <= set(allowed)
    assert result.objective == pytest.approx(best)


def test_unreachable_row_is_infeasible():
    costs = np.array([[1.0, 2.0], [np.inf, np.inf], [3.0, np.inf]])
    result = PMedian(1).solve(costs, [1, 2, 1])
    assert result.status == "infeasible"
    assert result.uncoverable_rows == [1]
    assert result.selected == [] and result.objective is None and result.gap is None


def test_unreachable_row_with_zero_weight_is_ignored():
    costs = np.array([[1.0, 2.0], [np.inf, np.inf], [3.0, 1.0]])
    result = PMedian(1).solve(costs, [1, 0, 1])
    assert result.status == "optimal"
    assert result.assignment.tolist()[1] == -1


def test_p_too_small_to_reach_every_row_is_infeasible():
    inf = np.inf
    costs = np.array([[1.0, inf, inf], [inf, 1.0, inf], [inf, inf, 1.0]])
    result = PMedian(2).solve(costs, [1, 1, 1])
    assert result.status == "infeasible"
    assert result.uncoverable_rows == []


def test_all_weights_zero():
    result = PMedian(2).solve(np.ones((3, 4)), np.zeros(3))
    assert result.status == "optimal" and result.objective == 0 and len(result.selected) == 2


def test_fast_is_deterministic_for_a_seed():
    rng = np.random.default_rng(5)
    pts, cand = rng.random((400, 2)), rng.random((60, 2))
    costs = np.hypot(*(pts[:, None, :] - cand[None, :, :]).transpose(2, 0, 1))
    weights = rng.integers(1, 9, 400).astype(float)
    first = PMedian(6).solve(costs, weights, method="fast", seed=3)
    again = PMedian(6).solve(costs, weights, method="fast", seed=3)
    assert first.selected == again.selected
    assert first.objective == again.objective and first.bound == again.bound


def test_medium_euclidean_instance_is_proven_optimal():
    rng = np.random.default_rng(11)
    pts, cand = rng.random((300, 2)), rng.random((40, 2))
    costs = np.hypot(*(pts[:, None, :] - cand[None, :, :]).transpose(2, 0, 1)).astype(np.float32)
    result = PMedian(5).solve(costs, rng.integers(1, 9, 300), method="auto")
    assert result.status == "optimal" and result.gap <= 1e-9


@pytest.mark.parametrize(
    ("kwargs", "costs", "weights", "message"),
    [
        ({"p": 0}, np.ones((2, 2)), [1, 1], "p must be between"),
        ({"p": 3}, np.ones((2, 2)), [1, 1], "p must be between"),
        ({"p": 1}, np.array([[1.0, np.nan]]), [1], "NaN"),
        ({"p": 1}, np.array([[1.0, -1.0]]), [1], "negative"),
        ({"p": 1}, np.ones((2, 2)), [1, 1, 1], "weights have 3 rows"),
        ({"p": 1}, np.ones((0, 2)), [], "empty"),
        ({"p": 1}, np.ones((2, 2)), [1, -1], "negative"),
        ({"p": 1, "fixed": [5]}, np.ones((2, 2)), [1, 1], "fixed has a column index"),
        ({"p": 1, "fixed": [0, 1]}, np.ones((2, 2)), [1, 1], "exceed p"),
        (
            {"p": 2, "groups": [0, 0], "max_per_group": {0: 1}},
            np.ones((2, 2)),
            [1, 1],
            "exceeds the 1 columns",
        ),
    ],
)
def test_bad_input_raises_specification_error(kwargs, costs, weights, message):
    with pytest.raises(SpecificationError, match=message):
        PMedian(**kwargs).solve(costs, weights)


def test_bad_method_seed_and_time_limit():
    model = PMedian(1)
    for kwargs in ({"method": "quick"}, {"seed": -1}, {"time_limit": 0}):
        with pytest.raises(SpecificationError):
            model.solve(np.ones((2, 2)), [1, 1], **kwargs)


def test_truncated_radius_model_widens_to_the_optimum():
    """Start the MILP from neighbourhoods holding only each row's nearest column: rows
    served farther away must be widened until the answer is proven optimal."""
    from weerbaar.engines.siting._base import Clock
    from weerbaar.engines.siting._interchange import CostView
    from weerbaar.engines.siting._lagrange import neighbourhood
    from weerbaar.engines.siting._rules import ColumnRules
    from weerbaar.engines.siting.pmedian import _Search

    rounds = []
    for seed in range(6):
        costs, weights = brute.instance(seed, inf_share=0.0, zero_share=0.0)
        p = 2 + seed % 3
        rules = ColumnRules(costs.shape[1])
        search = _Search(CostView(costs, weights), rules, p, Clock(None), 0)
        search.heuristic()
        search.relax(max_iter=0)
        search.nb = neighbourhood(costs, costs.min(axis=1), rules.allowed)
        search.lb = 0.0
        search.exact()
        assert search.gap_closed()
        assert search.ub == pytest.approx(brute.pmedian(costs, weights, p))
        rounds.append(search.info["milp_rounds"])
    assert max(rounds) >= 2
