"""The Lagrangian branch-and-bound of p-median ``auto``: proofs that agree with brute force.

Small p on random (non-metric) costs leaves the root bound below the optimum, so these
instances really branch (a test checks that they do).
"""

import numpy as np
import pytest

from weerbaar.engines.siting import PMedian

from . import brute


def random_costs(seed, n=40, m=20):
    """Integer costs drawn independently: the LP bound is weak for small p."""
    rng = np.random.default_rng(seed)
    costs = rng.integers(1, 30, (n, m)).astype(np.float64)
    return costs, rng.integers(1, 6, n).astype(np.float64)


SEEDS = range(10)


@pytest.mark.parametrize("seed", SEEDS)
def test_auto_proves_the_brute_force_optimum(seed):
    costs, weights = random_costs(seed)
    p = 2 + seed % 3
    result = PMedian(p).solve(costs, weights, method="auto")
    assert result.status == "optimal"
    assert result.objective == pytest.approx(brute.pmedian(costs, weights, p))


def test_these_instances_do_branch():
    nodes = []
    for seed in SEEDS:
        costs, weights = random_costs(seed)
        info = PMedian(2 + seed % 3).solve(costs, weights, method="auto").info
        nodes.append(info.get("branch_nodes", 0))
    assert sum(n > 0 for n in nodes) >= 8, nodes


@pytest.mark.parametrize("seed", range(6))
def test_branching_keeps_fixed_columns_and_group_limits(seed):
    costs, weights = random_costs(seed)
    m = costs.shape[1]
    groups = np.arange(m) % 4
    caps = {0: 1, 1: 1}
    fixed = [3]
    p = 3
    best = brute.pmedian(costs, weights, p, fixed=fixed, groups=groups, caps=caps)
    result = PMedian(p, fixed=fixed, groups=groups, max_per_group=caps).solve(
        costs, weights, method="auto"
    )
    assert result.status == "optimal"
    assert result.objective == pytest.approx(best)
    assert 3 in result.selected
    for label, cap in caps.items():
        assert sum(groups[j] == label for j in result.selected) <= cap


@pytest.mark.parametrize("limit", [0.002, 0.01, 0.03])
def test_a_time_limit_in_the_tree_leaves_a_valid_bound(limit):
    for seed in SEEDS:
        costs, weights = random_costs(seed, n=60, m=26)
        p = 2 + seed % 3
        best = brute.pmedian(costs, weights, p)
        result = PMedian(p).solve(costs, weights, method="auto", time_limit=limit)
        assert result.bound <= best + 1e-9 <= result.objective + 1e-9
