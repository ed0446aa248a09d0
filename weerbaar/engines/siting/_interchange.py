"""p-median heuristics: greedy construction and fast interchange (Resende & Werneck).

Both work on the dense cost matrix in row blocks, with ``inf`` replaced on the fly by a
large finite stand-in (``big``) so that sums stay finite while rows are still unserved.

Interchange keeps, per row i, the nearest open column ``c1[i]`` at cost ``d1[i]`` and the
second nearest cost ``d2[i]``. Swapping column f in and open column r out changes the
objective by::

    delta(f, r) = -gain[f] + loss[r] - extra[f, r]
    gain[f]     = sum_i w_i max(0, d1_i - c_if)
    loss[r]     = sum_{i: c1_i = r} w_i (d2_i - d1_i)
    extra[f, r] = sum_{i: c1_i = r} w_i (max(0, d2_i - c_if) - max(0, d1_i - c_if))

After a swap only the rows whose c1, c2 was r or for which f beats d2 change, so the three
tables are updated incrementally from those rows only.
"""

from __future__ import annotations

import numpy as np

from ._base import BLOCK_ELEMENTS


class CostView:
    """The active rows of a cost matrix with ``inf`` clipped to `big` when read."""

    def __init__(self, costs: np.ndarray, weights: np.ndarray):
        self.c = costs
        self.w = weights
        self.n, self.m = costs.shape
        finite_max = _finite_max(costs)
        big = 2.0 * finite_max + 1.0
        if not np.isfinite(costs.dtype.type(big)):
            big = float(np.finfo(costs.dtype).max)
        self.big = costs.dtype.type(big)
        self.step = max(1, BLOCK_ELEMENTS // max(1, self.m))

    def rows(self, idx) -> np.ndarray:
        """Rows `idx` (slice or index array), inf clipped to `big`, in the stored dtype."""
        return np.minimum(self.c[idx], self.big)

    def chunks(self, idx: np.ndarray):
        """Split an index array so that each chunk reads about BLOCK_ELEMENTS entries."""
        for start in range(0, len(idx), self.step):
            yield idx[start : start + self.step]

    def nearest(self, selected, rows=None):
        """(cost, column) of the nearest selected column per row (clipped to `big`)."""
        sel = np.asarray(selected, dtype=np.int64)
        count = self.n if rows is None else len(rows)
        d = np.empty(count, dtype=self.c.dtype)
        c = np.empty(count, dtype=np.int64)
        for start in range(0, count, self.step):
            # A slice is a view: only the p selected columns get copied.
            part = (
                slice(start, min(count, start + self.step))
                if rows is None
                else rows[start : start + self.step]
            )
            x = np.minimum(self.c[part][:, sel], self.big)
            k = np.argmin(x, axis=1)
            d[start : start + len(k)] = x[np.arange(len(k)), k]
            c[start : start + len(k)] = sel[k]
        return d, c

    def objective(self, selected) -> float:
        """Sum of weight x cost to the nearest selected column (inf counts as `big`)."""
        d, _ = self.nearest(selected)
        return float(self.w @ d.astype(np.float64))


def _finite_max(costs: np.ndarray) -> float:
    best = 0.0
    step = max(1, BLOCK_ELEMENTS // max(1, costs.shape[1]))
    for start in range(0, costs.shape[0], step):
        part = costs[start : start + step]
        finite = part[np.isfinite(part)]
        if finite.size:
            best = max(best, float(finite.max()))
    return best


def greedy(view: CostView, rules, p: int) -> np.ndarray:
    """Add the column that lowers the objective most, p times (fixed columns first)."""
    d1 = np.full(view.n, view.big, dtype=view.c.dtype)
    gain = np.zeros(view.m)
    for part in view.chunks(np.arange(view.n)):
        gain += view.w[part] @ np.maximum(d1[part, None] - view.rows(part), 0)
    chosen: list[int] = []

    def add(f: int) -> None:
        # Only rows that f serves better change their contribution to every gain[j].
        hit = np.flatnonzero(np.minimum(view.c[:, f], view.big) < d1)
        for part in view.chunks(hit):
            x = view.rows(part)
            gain[:] -= view.w[part] @ np.maximum(d1[part, None] - x, 0)
            d1[part] = x[:, f]
            gain[:] += view.w[part] @ np.maximum(d1[part, None] - x, 0)
        chosen.append(int(f))

    for f in rules.fixed:
        add(int(f))
    while len(chosen) < p:
        ok = rules.can_add(np.array(chosen, dtype=np.int64))
        add(int(np.argmax(np.where(ok, gain, -np.inf))))
    return np.sort(np.array(chosen, dtype=np.int64))


class Interchange:
    """Best-improvement swap local search from a start selection (see module docstring)."""

    def __init__(self, view: CostView, rules, selected):
        self.v = view
        self.rules = rules
        self.sel = np.array(selected, dtype=np.int64)
        self.pos = np.full(view.m, -1, dtype=np.int64)
        self.pos[self.sel] = np.arange(len(self.sel))
        n = view.n
        self.c1 = np.zeros(n, dtype=np.int64)
        self.c2 = np.full(n, -1, dtype=np.int64)
        self.d1 = np.zeros(n, dtype=view.c.dtype)
        self.d2 = np.zeros(n, dtype=view.c.dtype)
        self.gain = np.zeros(view.m)
        self.loss = np.zeros(len(self.sel))
        self.extra = np.zeros((view.m, len(self.sel)))
        self.swaps = 0
        everyone = np.arange(n)
        self._nearest_two(everyone)
        self._account(everyone, +1.0)

    def objective(self) -> float:
        return float(self.v.w @ self.d1.astype(np.float64))

    def _nearest_two(self, rows: np.ndarray) -> None:
        sel = self.sel
        for part in self.v.chunks(rows):
            x = self.v.rows(part)[:, sel]
            if len(sel) == 1:
                k1 = np.zeros(len(part), dtype=np.int64)
                self.d2[part], self.c2[part] = self.v.big, -1
            else:
                two = np.argpartition(x, 1, axis=1)[:, :2]
                vals = np.take_along_axis(x, two, axis=1)
                first = np.argmin(vals, axis=1)
                k1 = two[np.arange(len(part)), first]
                k2 = two[np.arange(len(part)), 1 - first]
                self.d2[part], self.c2[part] = x[np.arange(len(part)), k2], sel[k2]
            self.d1[part], self.c1[part] = x[np.arange(len(part)), k1], sel[k1]

    def _account(self, rows: np.ndarray, sign: float) -> None:
        """Add (sign=+1) or remove (-1) the contributions of `rows` to the three tables."""
        for part in self.v.chunks(rows):
            x = self.v.rows(part)
            w = self.v.w[part]
            g1 = np.maximum(self.d1[part, None] - x, 0)
            g2 = np.maximum(self.d2[part, None] - x, 0)
            self.gain += sign * (w @ g1)
            t = self.pos[self.c1[part]]
            diff = (self.d2[part].astype(np.float64) - self.d1[part]) * w
            self.loss += sign * np.bincount(t, diff, minlength=len(self.sel))
            # extra[:, t] sums rows by their nearest position: sort rows by t, reduce runs.
            order = np.argsort(t, kind="stable")
            ts = t[order]
            starts = np.r_[0, np.flatnonzero(np.diff(ts)) + 1]
            block = (g2[order] - g1[order]) * w[order, None]
            self.extra[:, ts[starts]] += sign * np.add.reduceat(block, starts, axis=0).T

    def best_swap(self):
        """(delta, f, t) of the best allowed swap: f in, position t out."""
        delta = self.loss[None, :] - self.gain[:, None] - self.extra
        delta[~self.rules.swap_mask(self.sel)] = np.inf
        flat = int(np.argmin(delta))
        f, t = divmod(flat, len(self.sel))
        return float(delta[f, t]), f, t

    def swap(self, f: int, t: int) -> None:
        r = self.sel[t]
        col_f = np.minimum(self.v.c[:, f], self.v.big)
        rows = np.flatnonzero((self.c1 == r) | (self.c2 == r) | (col_f < self.d2))
        self._account(rows, -1.0)
        # Every row served by r was just removed: clear drift before reusing position t.
        self.extra[:, t] = 0.0
        self.loss[t] = 0.0
        self.sel[t] = f
        self.pos[r], self.pos[f] = -1, t
        self._nearest_two(rows)
        self._account(rows, +1.0)
        self.swaps += 1

    def run(self, clock, max_swaps: int | None = None) -> np.ndarray:
        """Apply best swaps while they improve the objective; return the selection."""
        current = self.objective()
        limit = max_swaps if max_swaps is not None else 50 * len(self.sel) + 100
        while self.swaps < limit and not clock.expired():
            delta, f, t = self.best_swap()
            if not delta < -1e-10 * max(abs(current), 1.0):
                break
            out = int(self.sel[t])
            self.swap(f, t)
            new = self.objective()
            if not new < current:
                self.swap(out, t)  # float drift in the tables: the true objective decides
                break
            current = new
        return np.sort(self.sel)
