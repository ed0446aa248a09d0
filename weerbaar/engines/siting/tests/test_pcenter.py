"""p-center: known answers, bounds, rules, infeasibility."""

import numpy as np
import pytest

from weerbaar.engines.siting import PCenter

from . import brute


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("method", ["exact", "auto", "fast"])
def test_matches_brute_force(seed, dtype, method):
    costs, weights = brute.instance(seed, dtype)
    costs = costs * np.asarray(1.37, dtype=dtype)  # non-integer costs
    p = 1 + seed % 3
    best = brute.pcenter(costs, weights, p)
    result = PCenter(p).solve(costs, weights, method=method)
    if np.isinf(best):
        assert result.status == "infeasible"
        return
    d, _ = brute.nearest(costs, weights, result.selected)
    assert result.objective == float(d.max()) and len(result.selected) == p
    assert result.bound <= best <= result.objective
    if method != "fast":
        assert result.status == "optimal" and result.objective == best


@pytest.mark.parametrize("seed", range(5))
def test_fixed_and_groups(seed):
    costs, weights = brute.instance(seed, inf_share=0.0)
    groups = np.arange(costs.shape[1]) % 2
    rules = {"fixed": [0], "groups": groups, "caps": {1: 1}}
    best = brute.pcenter(costs, weights, 3, **rules)
    result = PCenter(3, fixed=[0], groups=groups, max_per_group={1: 1}).solve(costs, weights)
    assert result.objective == best and 0 in result.selected
    assert sum(groups[j] == 1 for j in result.selected) <= 1


def test_unreachable_row_is_infeasible():
    costs = np.array([[1.0, 2.0], [np.inf, np.inf]])
    result = PCenter(1).solve(costs, [1, 1])
    assert result.status == "infeasible" and result.uncoverable_rows == [1]
