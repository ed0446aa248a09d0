"""Capacitated single-source p-median: brute force on tiny instances, capacities."""

import numpy as np
import pytest

from weerbaar.engines.siting import CapacitatedPMedian, SpecificationError

from . import brute


@pytest.mark.parametrize("seed", range(6))
def test_matches_brute_force_and_respects_capacities(seed):
    costs, weights = brute.instance(seed, n=7, m=5, inf_share=0.1, zero_share=0.1)
    caps = np.random.default_rng(seed).integers(4, 12, 5).astype(float)
    p = 2 + seed % 2
    best = brute.capacitated(costs, weights, p, caps)
    result = CapacitatedPMedian(p, caps).solve(costs, weights)
    if np.isinf(best):
        assert result.status in ("infeasible",)
        return
    assert result.status == "optimal" and result.objective == pytest.approx(best)
    active = weights > 0
    assert set(result.assignment[active]) <= set(result.selected)
    load = np.bincount(result.assignment[active], weights=weights[active], minlength=5)
    assert (load <= caps + 1e-9).all()


def test_separate_demand_and_infeasible_rows():
    costs = np.array([[1.0, 2.0], [2.0, 1.0], [1.0, 1.0]])
    result = CapacitatedPMedian(2, [5, 5], demand=[3, 3, 9]).solve(costs, [1, 1, 1])
    assert result.status == "infeasible" and result.uncoverable_rows == [2]
    ok = CapacitatedPMedian(2, [6, 3], demand=[3, 3, 3]).solve(costs, [1, 1, 1])
    assert ok.status == "optimal" and ok.objective == pytest.approx(3.0)
    assert ok.assignment.tolist() == [0, 1, 0]
    full = CapacitatedPMedian(2, [3, 3], demand=[3, 3, 3]).solve(costs, [1, 1, 1])
    assert full.status == "infeasible" and full.uncoverable_rows == []


def test_capacities_must_match_columns():
    with pytest.raises(SpecificationError, match="capacities must have 2 entries"):
        CapacitatedPMedian(1, [1, 2, 3]).solve(np.ones((2, 2)), [1, 1])
