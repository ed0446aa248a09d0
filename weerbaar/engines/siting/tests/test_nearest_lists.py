"""p-median on each row's nearest columns: lists, interchange tables, local search, bounds.

The heuristics work on truncated costs (listed costs, the row's cap elsewhere); the
Lagrangian reads a prefix of the lists. These tests check the tables against brute force on
the truncated matrix, the bounds against the brute-force optimum, and the whole model on
small instances forced onto short lists (the path huge matrices take).
"""

import numpy as np
import pytest

import weerbaar.engines.siting.pmedian as pmedian
from weerbaar.engines.siting import PMedian
from weerbaar.engines.siting._base import Clock
from weerbaar.engines.siting._interchange import (
    CostView,
    Deadline,
    ListInterchange,
    NearestLists,
    list_greedy,
)
from weerbaar.engines.siting._lagrange import Lagrangian, prefix_neighbourhood
from weerbaar.engines.siting._rules import ColumnRules

from . import brute


def _instance(seed, n=30, m=9, inf_share=0.0):
    rng = np.random.default_rng(seed)
    costs = rng.integers(0, 20, (n, m)).astype(np.float64)  # integer: many ties
    costs[rng.random((n, m)) < inf_share] = np.inf
    return costs, rng.integers(1, 6, n).astype(np.float64)


def _truncated(lists, m):
    """The truncated cost matrix the heuristics see."""
    out = np.repeat(lists.cap[:, None], m, axis=1)
    np.put_along_axis(out, lists.cols.astype(np.int64), lists.vals, axis=1)
    return out


def _objective(costs, weights, sel):
    return float(weights @ costs[:, sel].min(axis=1))


@pytest.mark.parametrize("seed", range(6))
def test_lists_hold_the_cheapest_columns_and_the_next_cost(seed):
    costs, weights = _instance(seed)
    k = 1 + seed % 5
    lists = NearestLists(CostView(costs, weights), np.ones(costs.shape[1], bool), k)
    ordered = np.sort(costs, axis=1)
    np.testing.assert_array_equal(lists.vals, ordered[:, :k])
    np.testing.assert_array_equal(lists.cap, ordered[:, k])
    np.testing.assert_array_equal(np.take_along_axis(costs, lists.cols.astype(int), 1), lists.vals)
    truncated = _truncated(lists, costs.shape[1])
    assert (truncated <= costs).all()
    sel = np.arange(0, costs.shape[1], 2)
    assert lists.objective(weights, sel) == pytest.approx(_objective(truncated, weights, sel))


def test_lists_skip_columns_that_are_not_allowed():
    costs, weights = _instance(3)
    allowed = np.zeros(costs.shape[1], bool)
    allowed[[1, 4, 6, 7]] = True
    lists = NearestLists(CostView(costs, weights), allowed, 2)
    assert set(np.unique(lists.cols)) <= {1, 4, 6, 7}
    np.testing.assert_array_equal(lists.cap, np.sort(costs[:, allowed], axis=1)[:, 2])


@pytest.mark.parametrize("seed", range(8))
def test_interchange_tables_match_brute_force_deltas(seed):
    costs, weights = _instance(seed, m=8)
    m, p = costs.shape[1], 2 + seed % 4
    k = (2, 3, 5, m)[seed % 4]
    rules = ColumnRules(m)
    lists = NearestLists(CostView(costs, weights), rules.allowed, k)
    truncated = _truncated(lists, m)
    rng = np.random.default_rng(seed)
    ic = ListInterchange(lists, weights, rules, rng.choice(m, p, replace=False))
    for _ in range(4):
        assert ic.objective() == pytest.approx(_objective(truncated, weights, ic.sel))
        delta = ic.loss[None, :] - ic.gain[:, None] - ic.extra
        current = _objective(truncated, weights, ic.sel)
        for f in np.flatnonzero(ic.pos < 0):
            for t in range(p):
                swapped = ic.sel.copy()
                swapped[t] = f
                want = _objective(truncated, weights, swapped) - current
                assert delta[f, t] == pytest.approx(want, abs=1e-9)
        f = int(rng.choice(np.flatnonzero(ic.pos < 0)))
        ic.swap(f, int(rng.integers(p)))


@pytest.mark.parametrize("seed", range(6))
def test_greedy_and_local_search_obey_the_rules(seed):
    costs, weights = _instance(seed, m=9)
    m = costs.shape[1]
    groups = np.arange(m) % 3
    rules = ColumnRules(m, fixed=[1], groups=groups, max_per_group={0: 1, 2: 1})
    p = 4
    lists = NearestLists(CostView(costs, weights), rules.allowed, 3)
    start = list_greedy(lists, weights, rules, p)
    ic = ListInterchange(lists, weights, rules, start)
    before = ic.objective()
    sel = ic.improve(Clock(None), np.random.default_rng(seed), 30)
    for chosen in (start, sel):
        assert len(chosen) == p and 1 in chosen
        assert brute.valid(list(chosen), m, fixed=[1], groups=groups, caps={0: 1, 2: 1})
    assert ic.objective() <= before
    again = ListInterchange(lists, weights, rules, start)
    np.testing.assert_array_equal(again.improve(Clock(None), np.random.default_rng(seed), 30), sel)


@pytest.mark.parametrize("seed", range(8))
def test_prefix_neighbourhood_bounds_are_valid(seed):
    """Any multipliers within the caps give a bound below the optimum, inf costs too."""
    costs, weights = _instance(seed, n=20, m=7, inf_share=0.15)
    costs[:, 0] = np.where(np.isfinite(costs[:, 0]), costs[:, 0], 25.0)  # every row served
    m, p = costs.shape[1], 2 + seed % 3
    best = brute.pmedian(costs, weights, p)
    rules = ColumnRules(m)
    lists = NearestLists(CostView(costs, weights), rules.allowed, 4)
    rng = np.random.default_rng(seed)
    nb = prefix_neighbourhood(lists, rng.integers(1, 5, len(weights)))
    off = np.zeros(m, bool)
    lag = Lagrangian(nb, weights, rules, p, off, off)
    for _ in range(20):
        lam = np.clip(weights * rng.uniform(0, 30, len(weights)), lag.lam_lo, lag.lam_hi)
        assert lag.evaluate(lam)[0] <= best + 1e-9
    st = lag.run(weights * 5.0, best, Clock(None), 200)
    assert st.lb <= best + 1e-9
    lag.widen(prefix_neighbourhood(lists, np.full(len(weights), 4)))
    st = lag.run(None, best, Clock(None), 400)
    assert st.lb <= best + 1e-9 and st.iterations <= 400


@pytest.mark.parametrize("inf_share", [0.0, 0.1])
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("method", ["fast", "auto"])
def test_model_on_short_lists(monkeypatch, seed, method, inf_share):
    """Small instances forced onto short lists, as huge matrices are: still valid and,
    for auto, still proven optimal."""
    monkeypatch.setattr(pmedian, "FULL_LISTS", 0)
    monkeypatch.setattr(pmedian, "MIN_LIST", 2)
    monkeypatch.setattr(pmedian, "LIST_PER_OPEN", 1)
    costs, weights = brute.instance(seed, inf_share=inf_share)
    p = 1 + seed % (costs.shape[1] - 1)
    best = brute.pmedian(costs, weights, p)
    result = PMedian(p).solve(costs, weights, method=method)
    if np.isinf(best):
        assert result.status == "infeasible"
        return
    assert result.bound <= best + 1e-9 <= result.objective + 2e-9
    d, w = brute.nearest(costs, weights, result.selected)
    assert result.objective == pytest.approx(float(w @ d))
    if method == "auto":
        assert result.status == "optimal"


def test_short_lists_respect_a_time_limit(monkeypatch):
    monkeypatch.setattr(pmedian, "FULL_LISTS", 0)
    rng = np.random.default_rng(0)
    pts, cand = rng.random((3000, 2)), rng.random((300, 2))
    costs = np.hypot(*(pts[:, None, :] - cand[None, :, :]).transpose(2, 0, 1))
    for method in ("fast", "auto"):
        result = PMedian(15).solve(costs, np.ones(3000), method=method, time_limit=1.0)
        assert result.seconds < 1.5
        assert result.bound <= result.objective


def test_deadline_expires_at_its_share():
    clock = Clock(100.0)
    assert Deadline(clock, 0.0).expired()
    share = Deadline(clock, 50.0)
    assert not share.expired() and 49.0 < share.remaining() <= 50.0
    assert Deadline(Clock(None), np.inf).remaining() == np.inf
