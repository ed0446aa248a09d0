"""MCLP and LSCP: known answers, reductions, infeasibility, float32 radius."""

import numpy as np
import pytest

from weerbaar.engines.siting import LSCP, MCLP
from weerbaar.engines.siting._rules import ColumnRules
from weerbaar.engines.siting.coverage import coverage, dominated, merge_rows

from . import brute

SEEDS = range(8)


def _radius(seed):
    return [3.0, 4.0, 5.5, 7.0][seed % 4]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", ["exact", "auto", "fast"])
def test_mclp_matches_brute_force(seed, dtype, method):
    costs, weights = brute.instance(seed, dtype)
    p, radius = 1 + seed % 3, _radius(seed)
    best = brute.mclp(costs, weights, p, radius)
    result = MCLP(p, radius).solve(costs, weights, method=method)
    assert len(result.selected) == p
    covered = brute.nearest(costs, weights, result.selected)
    assert result.objective == pytest.approx(float(covered[1][covered[0] <= radius].sum()))
    assert result.bound >= best - 1e-9
    if method == "fast":
        assert result.objective <= best + 1e-9
    else:
        assert result.status == "optimal" and result.objective == pytest.approx(best)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", ["exact", "auto", "fast"])
def test_lscp_matches_brute_force(seed, dtype, method):
    costs, weights = brute.instance(seed, dtype, inf_share=0.05)
    radius = _radius(seed) + 2
    best = brute.lscp(costs, weights, radius)
    result = LSCP(radius).solve(costs, weights, method=method)
    if np.isinf(best):
        assert result.status == "infeasible" and result.uncoverable_rows
        assert result.objective is None and result.selected == []
        return
    d, _ = brute.nearest(costs, weights, result.selected)
    assert (d <= radius).all()
    assert result.objective == len(result.selected)
    assert result.bound <= best
    if method != "fast":
        assert result.status == "optimal" and result.objective == best


def test_radius_compares_float32_costs_in_float64():
    """0.1 as float32 is slightly above 0.1: a radius of 0.1 (float64) must not cover it."""
    costs = np.array([[np.float32(0.1), 1.0]], dtype=np.float32)
    assert MCLP(1, 0.1).solve(costs, [1.0]).objective == 0.0
    assert MCLP(1, float(np.float32(0.1))).solve(costs, [1.0]).objective == 1.0


@pytest.mark.parametrize("seed", range(6))
def test_rules_are_respected(seed):
    costs, weights = brute.instance(seed, inf_share=0.0)
    m = costs.shape[1]
    groups = np.arange(m) % 2
    caps = {0: 1}
    rules = {"fixed": [1], "groups": groups, "caps": caps}
    kwargs = {"fixed": [1], "groups": groups, "max_per_group": caps}
    radius = _radius(seed)
    mclp = MCLP(2, radius, **kwargs).solve(costs, weights)
    assert mclp.objective == pytest.approx(brute.mclp(costs, weights, 2, radius, **rules))
    assert 1 in mclp.selected and sum(groups[j] == 0 for j in mclp.selected) <= 1
    lscp = LSCP(radius + 3, **kwargs).solve(costs, weights)
    best = brute.lscp(costs, weights, radius + 3, **rules)
    if np.isinf(best):
        assert lscp.status == "infeasible"
    else:
        assert lscp.objective == best and 1 in lscp.selected


def test_group_limits_make_lscp_infeasible():
    costs = np.array([[1.0, 9.0], [9.0, 1.0]])
    result = LSCP(2.0, groups=[0, 0], max_per_group={0: 1}).solve(costs, [1, 1])
    assert result.status == "infeasible" and result.uncoverable_rows == []


def test_lscp_unreachable_rows_listed():
    costs = np.array([[1.0, 9.0], [9.0, 9.0], [5.0, 1.0]])
    result = LSCP(2.0).solve(costs, [1, 1, 0])
    assert result.status == "infeasible" and result.uncoverable_rows == [1]


def test_merge_rows_sums_weights():
    costs = np.array([[1.0, 5.0], [1.0, 5.0], [5.0, 1.0]])
    a = coverage(costs, 2.0, np.ones(2, dtype=bool))
    merged, w, inverse = merge_rows(a, np.array([1.0, 2.0, 4.0]))
    assert merged.shape[0] == 2 and w.tolist() == [3.0, 4.0] and inverse.tolist() == [0, 0, 1]


def test_domination_within_groups_only():
    # Column 0 covers a subset of column 1; equal columns 2 and 3 keep the lower index.
    costs = np.array([[1.0, 1.0, 9.0, 9.0], [9.0, 1.0, 9.0, 9.0], [9.0, 9.0, 1.0, 1.0]])
    a = coverage(costs, 2.0, np.ones(4, dtype=bool))
    assert dominated(a, ColumnRules(4)).tolist() == [True, False, False, True]
    grouped = ColumnRules(4, groups=[0, 1, 0, 0], max_per_group={0: 1, 1: 1})
    assert dominated(a, grouped).tolist() == [False, False, False, True]
    assert dominated(a, ColumnRules(4, fixed=[0, 3])).tolist() == [False, False, False, False]


@pytest.mark.parametrize("seed", range(8))
def test_reductions_keep_the_optimum(seed):
    """Duplicated rows and dominated columns added to an instance change nothing."""
    costs, weights = brute.instance(seed, inf_share=0.0, m=6)
    radius = _radius(seed)
    bigger = np.vstack([costs, costs[:4]])
    heavier = np.r_[weights, weights[:4]]
    worse = np.hstack([bigger, bigger[:, :2] + 20])  # covers nothing the originals miss
    for p in (1, 2):
        plain = brute.mclp(bigger, heavier, p, radius)
        result = MCLP(p, radius).solve(worse, heavier)
        assert result.objective == pytest.approx(plain)
        assert result.info["dominated_columns"] >= 2
    assert LSCP(radius + 4).solve(worse, heavier).objective == brute.lscp(
        bigger, heavier, radius + 4
    )


def test_rows_covered_by_fixed_columns_and_empty_weights():
    costs = np.array([[1.0, 5.0, 9.0], [2.0, 6.0, 9.0], [9.0, 9.0, 1.0]])
    mclp = MCLP(2, 2.5, fixed=[0, 2]).solve(costs, [1, 1, 1])
    assert mclp.status == "optimal" and mclp.objective == 3.0 and mclp.selected == [0, 2]
    lscp = LSCP(2.5, fixed=[0, 2]).solve(costs, [1, 1, 1])
    assert lscp.objective == 2.0 and lscp.status == "optimal"
    idle = LSCP(2.5, fixed=[1]).solve(costs, [0, 0, 0])
    assert idle.selected == [1] and idle.objective == 1.0
    nothing = MCLP(1, 0.5).solve(costs, [1, 1, 1])
    assert nothing.objective == 0.0 and nothing.uncoverable_rows == [0, 1, 2]
