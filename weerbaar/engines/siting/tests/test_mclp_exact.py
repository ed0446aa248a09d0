"""The exact MCLP machinery: folded rows, Lagrangian bounds, fixing and probes keep every
optimum. Checked against enumeration on small random instances with rules, and the whole
pipeline (forced down its probing paths) against HiGHS on the plain model."""

import functools
import itertools
from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

import weerbaar.engines.siting._mclp_search as search
from weerbaar.engines.siting import MCLP
from weerbaar.engines.siting._mclp_bound import (
    Threshold,
    lagrangian,
    lp_relaxation,
    reduced_cost_fixing,
    row_forcing,
)
from weerbaar.engines.siting._mclp_cover import Cover
from weerbaar.engines.siting._mclp_probe import Prober
from weerbaar.engines.siting._milp import INF, Milp, rule_rows
from weerbaar.engines.siting._rules import ColumnRules
from weerbaar.engines.siting.mclp import _Reduced

from . import brute


def _instance(seed, m=9):
    """Clustered points (overlapping covers), integer weights, optional rules."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(25, 60))
    sites, points = rng.random((m, 2)) * 10, rng.random((n, 2)) * 10
    costs = np.round(np.hypot(*(points[:, None, :] - sites[None, :, :]).transpose(2, 0, 1)), 1)
    w = rng.integers(1, 20, n).astype(float)
    p, radius = int(rng.integers(2, 5)), float(rng.uniform(2.0, 3.5))
    rules = {}
    if seed % 3 == 1:
        rules["fixed"] = [int(rng.integers(m))]
    if seed % 2 == 0:
        rules["groups"] = np.arange(m) % 3
        rules["max_per_group"] = {0: 1, 1: 2}
    return costs, w, p, radius, rules


def _cover(costs, w, p, radius, rules):
    full = ColumnRules(costs.shape[1], **rules)
    red = _Reduced(costs, w, radius, full)
    return Cover.build(red.a, red.w, red.fixed_weight, full.restrict(red.columns), p)


def _selections(cover):
    """Every selection of at most p columns the rules allow."""
    r, k = cover.rules, cover.a.shape[1]
    free = [j for j in range(k) if not r.fixed_mask[j]]
    for size in range(cover.p - len(r.fixed) + 1):
        for extra in itertools.combinations(free, size):
            sel = np.r_[r.fixed, extra].astype(np.int64)
            if (r.class_counts(sel) <= r.caps).all():
                yield sel


def _covered(cover, sel):
    x = np.zeros(cover.a.shape[1])
    x[sel] = 1.0
    return cover.a @ x > 0


SEEDS = range(24)


@pytest.mark.parametrize("seed", SEEDS)
def test_cover_values_match_the_costs(seed):
    costs, w, p, radius, rules = _instance(seed)
    cover = _cover(costs, w, p, radius, rules)
    red = _Reduced(costs, w, radius, ColumnRules(costs.shape[1], **rules))
    for sel in itertools.islice(_selections(cover), 1, 40):  # the first may be empty
        d, ww = brute.nearest(costs, w, red.columns[sel])
        assert cover.value(sel) == pytest.approx(float(ww[d <= radius].sum()))


@pytest.mark.parametrize("seed", SEEDS)
def test_lagrangian_bounds_every_selection(seed):
    costs, w, p, radius, rules = _instance(seed)
    cover = _cover(costs, w, p, radius, rules)
    values = {tuple(s): cover.value(s) for s in _selections(cover)}
    rng = np.random.default_rng(seed)
    k = cover.a.shape[1]
    for u in (rng.random(len(cover.w)) * cover.w, np.zeros(len(cover.w)), cover.w):
        assert lagrangian(cover, u)[0] >= max(values.values()) - 1e-9
        for j in range(k):
            one = np.zeros(k, dtype=bool)
            one[j] = True
            inside = [v for s, v in values.items() if j in s]
            outside = [v for s, v in values.items() if j not in s]
            assert lagrangian(cover, u, forced=one)[0] >= max(inside, default=-np.inf) - 1e-9
            assert lagrangian(cover, u, excluded=one)[0] >= max(outside, default=-np.inf) - 1e-9


def _fixing(seed):
    """(cover, all selection values, best, limit, u, forced, excluded, must) at the LP."""
    costs, w, p, radius, rules = _instance(seed, m=12)
    cover = _cover(costs, w, p, radius, rules)
    values = {tuple(s): cover.value(s) for s in _selections(cover)}
    best = max(values.values())
    limit = Threshold(True).limit(best - 1)
    _, u = lp_relaxation(cover)
    value, _ = lagrangian(cover, u)
    k = cover.a.shape[1]
    forced, excluded = np.zeros(k, dtype=bool), np.zeros(k, dtype=bool)
    reduced_cost_fixing(cover, u, limit, forced, excluded)
    must = row_forcing(cover, u, value, limit)
    return cover, values, best, limit, u, forced, excluded, must


@pytest.mark.parametrize("seed", SEEDS)
def test_fixing_and_probes_keep_every_optimum(seed):
    """With an incumbent one below the optimum, nothing an optimum needs may go."""
    cover, values, best, limit, u, forced, excluded, must = _fixing(seed)
    k = cover.a.shape[1]
    optima = [np.array(s, dtype=np.int64) for s, v in values.items() if v == best]
    for sel in optima:
        assert not excluded[sel].any() and forced[np.setdiff1d(np.arange(k), sel)].sum() == 0
        assert _covered(cover, sel)[must].all()
    sigma = cover.gain + cover.a.T @ u
    prober = Prober(cover, u, float(np.sort(sigma)[-min(cover.p, k)]))
    allowed = {s: v for s, v in values.items() if set(np.flatnonzero(forced)) <= set(s)}
    for j in range(k):
        inside = [v for s, v in allowed.items() if j in s and not excluded[list(s)].any()]
        assert prober.probe(j, forced, excluded) >= max(inside, default=-np.inf) - 1e-9


def test_probes_exclude_more_than_reduced_costs():
    """The local LPs must really move the multipliers (not fall back to the LP's)."""
    extra = 0
    for seed in range(6):
        cover, _, _, limit, u, forced, excluded, _ = _fixing(seed)
        sigma = cover.gain + cover.a.T @ u
        prober = Prober(cover, u, float(np.sort(sigma)[-cover.p]))
        extra += sum(prober.probe(j, forced, excluded) < limit for j in np.flatnonzero(~excluded))
    assert extra > 0


@pytest.mark.parametrize("seed", SEEDS)
def test_restricted_cover_keeps_the_better_selections(seed):
    """Restricting to the optima's columns, with one forced in and rows that must be
    covered, keeps the value of every selection that covers those rows."""
    costs, w, p, radius, rules = _instance(seed)
    cover = _cover(costs, w, p, radius, rules)
    values = {s: cover.value(np.array(s)) for s in map(tuple, _selections(cover))}
    best = max(values.values())
    k = cover.a.shape[1]
    keep, forced = np.zeros(k, dtype=bool), np.zeros(k, dtype=bool)
    for sel, value in values.items():
        keep[list(sel)] |= value == best
    top = np.array(max(values, key=values.get))
    forced[np.setdiff1d(top, cover.rules.fixed)[:1]] = True
    must = _covered(cover, top) & (np.arange(len(cover.w)) % 2 == 0)
    sub, cols = replace(cover, must=must).restrict(keep, forced)
    for sel in _selections(sub):
        if _covered(sub, sel)[sub.must].all():
            assert sub.value(sel) == pytest.approx(cover.value(cols[sel]))
    assert sub.value(np.searchsorted(cols, top)) == pytest.approx(best)


@pytest.fixture(params=["probe", "try"])
def pipeline(request, monkeypatch):
    """Force the probing path (any size) or the MILP-first path with probes after it."""
    monkeypatch.setattr(search, "TINY_CELLS", 0)
    if request.param == "probe":
        monkeypatch.setattr(search, "PROBE_CELLS", 0)
    else:
        monkeypatch.setattr(search, "TRY_SHARE", 0.0)
        monkeypatch.setattr(search, "TRY_MIN", 0.001)
        monkeypatch.setattr(search, "PROBE_TRY", 1e6)
    return request.param


@functools.cache
def _reference(seed) -> float:
    """The optimum of `_larger(seed)` by HiGHS on the plain model (no reductions)."""
    costs, w, p, radius, rules = _larger(seed)
    n, m = costs.shape
    full = ColumnRules(m, **rules)
    a = sp.csr_matrix((costs <= radius) & full.allowed[None, :])
    link = sp.hstack([-a.astype(float), sp.identity(n, format="csr")], format="csr")
    extra, lo, hi = rule_rows(full, np.arange(m), m + n, p_hi=p, p_lo=p)
    out = Milp(
        c=np.r_[np.zeros(m), w],
        a=sp.vstack([link, extra], format="csr"),
        row_lo=np.r_[np.full(n, -INF), lo],
        row_hi=np.r_[np.zeros(n), hi],
        col_lo=np.r_[full.fixed_mask, np.zeros(n)].astype(float),
        col_hi=np.ones(m + n),
        integer=np.r_[np.ones(m, dtype=bool), np.zeros(n, dtype=bool)],
        maximize=True,
    ).solve()
    assert out.status == "optimal"
    return out.objective


def _larger(seed):
    """A few hundred rows and 40-70 columns: LP gaps that the fixing has to close."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(300, 500)), int(rng.integers(40, 70))
    sites, points = rng.random((m, 2)) * 10, rng.random((n, 2)) * 10
    costs = np.round(np.hypot(*(points[:, None, :] - sites[None, :, :]).transpose(2, 0, 1)), 2)
    w = rng.integers(1, 100, n).astype(float)
    rules = {"fixed": [0, 1]} if seed % 3 == 1 else {}
    if seed % 2 == 0:
        rules.update(groups=np.arange(m) % 4, max_per_group={0: 1, 1: 2})
    return costs, w, int(rng.integers(5, 12)), float(rng.uniform(1.2, 2.2)), rules


@pytest.mark.parametrize("seed", range(40))
def test_mclp_pipeline_matches_brute_force(seed, pipeline):
    costs, w, p, radius, rules = _instance(100 + seed, m=10)
    caps = {"caps": rules["max_per_group"], "groups": rules["groups"]} if "groups" in rules else {}
    best = brute.mclp(costs, w, p, radius, fixed=rules.get("fixed", ()), **caps)
    result = MCLP(p, radius, **rules).solve(costs, w)
    assert result.status == "optimal" and result.objective == pytest.approx(best)
    fast = MCLP(p, radius, **rules).solve(costs, w, method="fast")
    assert fast.bound >= best - 1e-9 and fast.objective <= best + 1e-9


def test_mclp_pipeline_with_fixing_matches_highs(pipeline):
    """Instances where polishing leaves a gap, so fixing and probes must do their part."""
    probed = 0
    for seed in range(24):
        costs, w, p, radius, rules = _larger(seed)
        best = _reference(seed)
        result = MCLP(p, radius, **rules).solve(costs, w)
        assert result.status == "optimal" and result.objective == pytest.approx(best)
        assert result.bound == pytest.approx(best)
        probed += result.info.get("probes", 0) > 0
    assert probed >= 5


def test_fractional_offset_turns_off_integer_rounding():
    """Merged weights can be integers while the weight fixed columns cover is not."""
    costs = np.array([[1.0, 9.0], [9.0, 1.0], [9.0, 1.0]])
    w = np.array([0.3, 0.5, 0.5])
    rules = ColumnRules(2, fixed=[0])
    red = _Reduced(costs, w, 2.0, rules)
    found = search.CoverSearch(red, rules.restrict(red.columns), 2, None, 0)
    assert red.w.tolist() == [1.0] and not found.threshold.cut.integral
    result = MCLP(2, 2.0, fixed=[0]).solve(costs, w)
    assert result.objective == pytest.approx(1.3) and result.bound == pytest.approx(1.3)
