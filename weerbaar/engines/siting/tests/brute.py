"""Small random instances and brute-force optima (itertools) for the known-answer tests."""

from __future__ import annotations

import itertools

import numpy as np


def instance(seed, dtype=np.float64, n=None, m=None, inf_share=0.1, zero_share=0.2):
    """Integer-valued costs (many ties), some inf, some zero weights."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(12, 31)) if n is None else n
    m = int(rng.integers(6, 11)) if m is None else m
    costs = rng.integers(0, 12, size=(n, m)).astype(np.float64)
    costs[rng.random((n, m)) < inf_share] = np.inf
    weights = rng.integers(1, 5, size=n).astype(np.float64)
    weights[rng.random(n) < zero_share] = 0.0
    return costs.astype(dtype), weights


def valid(sel, m, fixed=(), allowed=None, groups=None, caps=None) -> bool:
    if not set(fixed) <= set(sel):
        return False
    if allowed is not None and not set(sel) <= set(allowed):
        return False
    if groups is not None and caps:
        for label, cap in caps.items():
            if sum(1 for j in sel if groups[j] == label) > cap:
                return False
    return True


def selections(m, sizes, **rules):
    for k in sizes:
        for sel in itertools.combinations(range(m), k):
            if valid(sel, m, **rules):
                yield list(sel)


def nearest(costs, weights, sel):
    """Nearest cost (float64) of each weighted row to `sel`."""
    active = weights > 0
    return costs[active][:, sel].astype(np.float64).min(axis=1), weights[active]


def pmedian(costs, weights, p, **rules):
    best = np.inf
    for sel in selections(costs.shape[1], [p], **rules):
        d, w = nearest(costs, weights, sel)
        if np.isfinite(d).all():
            best = min(best, float(w @ d))
    return best


def pcenter(costs, weights, p, **rules):
    best = np.inf
    for sel in selections(costs.shape[1], [p], **rules):
        d, _ = nearest(costs, weights, sel)
        best = min(best, float(d.max()) if len(d) else 0.0)
    return best


def mclp(costs, weights, p, radius, **rules):
    best = -1.0
    for sel in selections(costs.shape[1], [p], **rules):
        d, w = nearest(costs, weights, sel)
        best = max(best, float(w[d <= radius].sum()))
    return best


def lscp(costs, weights, radius, **rules):
    """Fewest columns covering every weighted row; inf if impossible."""
    m = costs.shape[1]
    rows = costs[weights > 0].astype(np.float64)
    for sel in selections(m, range(m + 1), **rules):
        if (rows[:, sel] <= radius).any(axis=1).all():
            return len(sel)
    return np.inf


def capacitated(costs, weights, p, caps):
    """Single-source capacitated p-median by enumerating sets and assignments."""
    active = np.flatnonzero(weights > 0)
    best = np.inf
    for sel in selections(costs.shape[1], [p]):
        for choice in itertools.product(sel, repeat=len(active)):
            load = dict.fromkeys(sel, 0.0)
            total = 0.0
            for i, j in zip(active, choice, strict=True):
                load[j] += weights[i]
                total += weights[i] * float(costs[i, j])
            if all(load[j] <= caps[j] for j in sel) and total < best:
                best = total
    return best
