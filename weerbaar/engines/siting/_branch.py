"""Lagrangian branch-and-bound for the p-median (the proof phase of ``auto``).

After the root relaxation (`_lagrange`) the gap is usually small, but for small p the LP
bound (which the Lagrangian dual equals) can stay 0.5-1% below the optimum. HiGHS then
needs cuts and hundreds of LP nodes on the radius MILP (minutes for OR-Library pmed36).
Branching on columns with a Lagrangian bound per node is much cheaper per node:

* a node fixes columns in (``forced``) or out (``excluded``); its bound is L(lam) with the
  inner problem restricted accordingly, maximised by a short subgradient run warm-started
  from the parent's multipliers (any multipliers give a valid bound);
* reduced-cost fixing at every node (`Lagrangian.fix`) shrinks the subtree;
* a node is pruned when its bound proves nothing in it beats the incumbent; the
  Lagrangian selections met on the way are scored and may improve the incumbent;
* nodes are taken best bound first, so the smallest open bound is the global bound
  when time runs out.

Branching takes the most fractional free column: the share of the node's subgradient steps
whose Lagrangian selection contains it estimates its LP value. On pmed36 that needs a
quarter fewer steps in all than branching on the most attractive column.
"""

from __future__ import annotations

import heapq
import itertools

import numpy as np

from ._lagrange import LagrangeState, Lagrangian, neighbourhood

#: Subgradient steps per node at most (most nodes stop earlier, pruned). Measured on
#: pmed16/36/38/39: 30 steps need the most steps in all, 60 and 100 about as many.
NODE_ITERATIONS = 60


class _NodeLagrangian(Lagrangian):
    """Short runs from good multipliers: smaller first steps, quicker step halving.

    Counts how often each column is in the Lagrangian selection (`freq`, over `count`
    steps) for the branching rule.
    """

    theta0 = 0.5
    stall_limit = 8

    def start_node(self, forced, excluded) -> None:
        self.state = LagrangeState(forced=forced.copy(), excluded=excluded.copy())
        self.freq, self.count = np.zeros(self.rules.m), 0

    def evaluate(self, lam):
        value, sel, rho, g = super().evaluate(lam)
        if sel is not None:
            self.freq[sel] += 1.0  # how often each column is chosen: a primal estimate
            self.count += 1
        return value, sel, rho, g


def branch_and_bound(search, node_iterations: int = NODE_ITERATIONS) -> None:
    """Close the gap of `search` (a `pmedian._Search` after its relaxation) or run out of time.

    Updates ``search.lb`` to the proven bound and ``search.sel``/``ub`` through `offer`.
    """
    rules, p, cutoff, clock = search.rules, search.p, search.cutoff, search.clock
    selectable = rules.allowed & ~search.excluded
    if not search.can_scan(int(selectable.sum())):
        return  # the neighbourhood below would outlast the time limit
    # The neighbourhood over the columns still in play: caps above it get larger.
    nb = neighbourhood(search.view.c, search.nb.threshold, selectable)
    lag = _NodeLagrangian(
        nb, search.view.w, rules, p, search.forced, search.excluded, search.cutoff
    )
    fixed = rules.fixed_mask
    tie = itertools.count()
    start = search.lam if search.lam is not None else search.view.w * search.view.big
    heap = [(search.lb, next(tie), search.forced, search.excluded, start)]
    nodes = iterations = 0
    while heap and not clock.expired():
        if cutoff.rounded(heap[0][0]) > cutoff.limit(search.ub):
            heap.clear()  # every open node is proven no better than the incumbent
            break
        bound, _, forced, excluded, lam = heapq.heappop(heap)
        nodes += 1
        lag.start_node(forced, excluded)
        st = lag.run(lam.astype(np.float64), search.ub, clock, node_iterations, search.offer)
        iterations += st.iterations
        if st.lb == np.inf:
            continue  # the rules leave no selection in this node
        if st.lam is None:
            heapq.heappush(heap, (bound, next(tie), forced, excluded, lam))
            break  # out of time before the first step
        node_bound = max(bound, st.lb)
        if cutoff.rounded(node_bound) > cutoff.limit(search.ub):
            continue
        free = rules.allowed & ~st.forced & ~st.excluded & ~fixed
        need = p - int((st.forced | fixed).sum())
        if need <= 0 or free.sum() <= need:
            take = st.forced if need <= 0 else st.forced | free
            leaf = rules.best(np.zeros(rules.m), p, forced=take, excluded=st.excluded)
            if leaf is not None:
                search.offer(leaf)
            continue
        j = _branch_column(lag, st, free)
        lam_kept = st.lam.astype(np.float32)  # a warm start only: float32 halves the memory
        take, drop = st.forced.copy(), st.excluded.copy()
        take[j], drop[j] = True, True
        heapq.heappush(heap, (node_bound, next(tie), take, st.excluded, lam_kept))
        heapq.heappush(heap, (node_bound, next(tie), st.forced, drop, lam_kept))
        if clock.expired():
            break
    open_bounds = [b for b, *_ in heap]
    search.lb = max(search.lb, min(open_bounds)) if open_bounds else max(search.lb, search.ub)
    search.info["branch_nodes"] = nodes
    search.info["open_nodes"] = len(heap)
    search.info["branch_iterations"] = iterations


def _branch_column(lag: _NodeLagrangian, st, free: np.ndarray) -> int:
    """The most fractional free column: chosen in about half of the node's Lagrangian steps.

    Without steps to count, the free column of the Lagrangian selection with the most
    negative reduced cost.
    """
    pool = np.flatnonzero(free)
    if lag.count:
        share = lag.freq[pool] / lag.count
        return int(pool[np.argmin(np.abs(share - 0.5))])
    _, sel, rho, _ = lag.evaluate(st.lam)
    in_sel = np.zeros(len(free), dtype=bool)
    if sel is not None:
        in_sel[sel] = True
    chosen = pool[in_sel[pool]]
    pool = chosen if len(chosen) else pool
    return int(pool[np.argmin(rho[pool])])
