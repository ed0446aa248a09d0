"""p-median heuristics on each row's nearest columns: greedy, interchange, iterated search.

`NearestLists` keeps, per row, its k cheapest selectable columns sorted by cost and the next
cost ``cap``. The heuristics work on the *truncated* costs: the listed ones, and ``cap`` for
every other column (as if a stand-in column at ``cap`` were always open). They never exceed
the true costs and equal them wherever a row's nearest open column is listed; with k = all
selectable columns they are the true costs. Work per row is O(k) instead of O(m).

Interchange (Resende & Werneck) keeps, per row i, the nearest open column ``c1[i]`` at cost
``d1[i]`` and the second nearest cost ``d2[i]``. Swapping column f in and open column r out
changes the objective by::

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

#: A kick moves an open column to one of this many nearest closed ones of a row it serves.
KICK_NEAREST = 10


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


class NearestLists:
    """Per row, the `k` cheapest selectable columns sorted by cost, and the next cost.

    ``cols``/``vals`` have shape (n, k) (costs clipped to ``big``, as float64); ``cap[i]``
    is the smallest selectable cost of row i outside its list (``big`` if there is none).
    """

    def __init__(self, view: CostView, selectable: np.ndarray, k: int):
        columns = np.flatnonzero(selectable)
        k = max(1, min(int(k), len(columns)))
        n = view.n
        self.k, self.full = k, k == len(columns)
        self.cols = np.empty((n, k), dtype=np.int32)
        self.vals = np.empty((n, k), dtype=np.float64)
        self.big = float(view.big)
        self.cap = np.full(n, self.big)
        everything = len(columns) == view.m
        for part in _slices(n, max(1, BLOCK_ELEMENTS // max(1, view.m))):
            x = view.rows(part)
            if not everything:
                x = x[:, columns]
            if self.full:
                idx = np.argsort(x, axis=1, kind="stable")
            else:
                idx = np.argpartition(x, k, axis=1)[:, : k + 1]
                idx = np.take_along_axis(idx, np.argsort(np.take_along_axis(x, idx, 1), 1), 1)
                self.cap[part] = np.take_along_axis(x, idx[:, k:], 1)[:, 0]
            self.vals[part] = np.take_along_axis(x, idx[:, :k], 1)
            self.cols[part] = columns[idx[:, :k]]
        flat = self.cols.ravel()
        # A radix sort when columns fit in 16 bits.
        keys = flat.astype(np.uint16) if view.m <= 1 << 16 else flat
        self.by_col = np.argsort(keys, kind="stable").astype(np.int64)
        self.col_ptr = np.r_[0, np.cumsum(np.bincount(flat, minlength=view.m))]

    def column(self, j: int):
        """(rows, costs) of the list entries of column j."""
        e = self.by_col[self.col_ptr[j] : self.col_ptr[j + 1]]
        return e // self.k, self.vals.ravel()[e]

    def objective(self, w: np.ndarray, selected) -> float:
        """The objective of `selected` on the truncated costs (never above the true one)."""
        is_open = np.zeros(len(self.col_ptr) - 1, dtype=bool)
        is_open[np.asarray(selected, dtype=np.int64)] = True
        total = 0.0
        for part in _slices(len(w), max(1, BLOCK_ELEMENTS // self.k)):
            hit = is_open[self.cols[part]]
            first = np.argmax(hit, axis=1)
            ar = np.arange(len(first))
            d = np.where(hit[ar, first], self.vals[part][ar, first], self.cap[part])
            total += float(np.einsum("i,i->", w[part], d))
        return total


def _slices(n: int, step: int):
    for start in range(0, n, step):
        yield slice(start, min(n, start + step))


def list_greedy(lists: NearestLists, w: np.ndarray, rules, p: int) -> np.ndarray:
    """Add the column that lowers the truncated objective most, p times (fixed first).

    Every row starts served by the stand-in at its cap.
    """
    d1 = lists.cap.copy()
    m = len(lists.col_ptr) - 1

    def contribution(rows):
        g = w[rows, None] * np.maximum(d1[rows, None] - lists.vals[rows], 0.0)
        return np.bincount(lists.cols[rows].ravel(), g.ravel(), minlength=m)

    gain = contribution(slice(None))
    chosen: list[int] = []

    def add(f: int) -> None:
        rows, v = lists.column(f)
        better = v < d1[rows]
        rows = rows[better]
        gain[:] -= contribution(rows)
        d1[rows] = v[better]
        gain[:] += contribution(rows)
        chosen.append(int(f))

    for f in rules.fixed:
        add(int(f))
    while len(chosen) < p:
        ok = rules.can_add(np.array(chosen, dtype=np.int64))
        add(int(np.argmax(np.where(ok, gain, -np.inf))))
    return np.sort(np.array(chosen, dtype=np.int64))


class ListInterchange:
    """Best-improvement swap local search on the truncated costs of `NearestLists`.

    A row whose list holds fewer than two open columns is served (second-) nearest by the
    always-open stand-in at ``cap`` (``c1``/``c2`` = -1), which never closes.
    """

    def __init__(self, lists: NearestLists, w: np.ndarray, rules, selected):
        self.L, self.w, self.rules = lists, w, rules
        self.m = len(lists.col_ptr) - 1
        self.sel = np.array(selected, dtype=np.int64)
        self.p = len(self.sel)
        self.pos = np.full(self.m, -1, dtype=np.int64)
        self.pos[self.sel] = np.arange(self.p)
        n = len(w)
        self.c1 = np.full(n, -1, dtype=np.int64)
        self.c2 = np.full(n, -1, dtype=np.int64)
        self.d1 = lists.cap.copy()
        self.d2 = lists.cap.copy()
        # List position of the second-nearest open column (k: the stand-in): only the
        # entries before it can be cheaper than d2.
        self.k2 = np.full(n, lists.k, dtype=np.int64)
        self.gain = np.zeros(self.m)
        self.loss = np.zeros(self.p)
        self.extra = np.zeros((self.m, self.p))
        self.swaps = self.kicks = 0
        everyone = np.arange(n)
        for start in range(0, n, max(1, BLOCK_ELEMENTS // (4 * lists.k))):
            part = everyone[start : start + max(1, BLOCK_ELEMENTS // (4 * lists.k))]
            self._nearest_two(part)
            self._account(part, +1.0)

    def objective(self) -> float:
        # einsum, not a BLAS dot: threaded BLAS stalls when another process holds a core.
        return float(np.einsum("i,i->", self.w, self.d1))

    def _nearest_two(self, rows: np.ndarray) -> None:
        is_open = (self.pos >= 0)[self.L.cols[rows]]
        ar = np.arange(len(rows))
        k1 = np.argmax(is_open, axis=1)
        h1 = is_open[ar, k1]
        is_open[ar, k1] = False
        k2 = np.argmax(is_open, axis=1)
        h2 = is_open[ar, k2]
        vals, cols, cap = self.L.vals, self.L.cols, self.L.cap[rows]
        self.d1[rows] = np.where(h1, vals[rows, k1], cap)
        self.c1[rows] = np.where(h1, cols[rows, k1], -1)
        self.d2[rows] = np.where(h2, vals[rows, k2], cap)
        self.c2[rows] = np.where(h2, cols[rows, k2], -1)
        self.k2[rows] = np.where(h2, k2, self.L.k)

    def _account(self, rows: np.ndarray, sign: float) -> None:
        """Add (sign=+1) or remove (-1) the contributions of `rows` to the three tables."""
        if len(rows) > 512:
            # Rows by k2 in three groups, each read up to its own widest k2.
            rows = rows[np.argsort(self.k2[rows], kind="stable")]
            cuts = [0, len(rows) * 3 // 5, len(rows) * 9 // 10, len(rows)]
            for a, b in zip(cuts[:-1], cuts[1:], strict=False):
                self._account_rows(rows[a:b], sign)
        elif len(rows):
            self._account_rows(rows, sign)

    def _account_rows(self, rows: np.ndarray, sign: float) -> None:
        # Entries from position k2 on cost at least d2 >= d1 and contribute nothing.
        width = int(self.k2[rows].max())
        vals, cols = self.L.vals[rows, :width], self.L.cols[rows, :width]
        w, d1, d2 = self.w[rows], self.d1[rows], self.d2[rows]
        g1 = np.maximum(d1[:, None] - vals, 0.0)
        g1 *= w[:, None]
        self.gain += sign * np.bincount(cols.ravel(), g1.ravel(), minlength=self.m)
        served = self.c1[rows] >= 0
        if not served.any():
            return
        t = self.pos[self.c1[rows[served]]]
        w, d1, d2 = w[served], d1[served], d2[served]
        self.loss += sign * np.bincount(t, w * (d2 - d1), minlength=self.p)
        diff = np.maximum(d2[:, None] - vals[served], 0.0)
        diff *= w[:, None]
        diff -= g1[served]
        key = cols[served] * self.p + t[:, None]
        if sign < 0:
            np.negative(diff, out=diff)
        np.add.at(self.extra.reshape(-1), key.ravel(), diff.ravel())

    def best_swap(self):
        """(delta, f, t) of the best allowed swap: f in, position t out."""
        delta = self.loss[None, :] - self.gain[:, None] - self.extra
        delta[~self.rules.swap_mask(self.sel)] = np.inf
        flat = int(np.argmin(delta))
        f, t = divmod(flat, self.p)
        return float(delta[f, t]), f, t

    def swap(self, f: int, t: int) -> None:
        r = self.sel[t]
        rows_f, v = self.L.column(f)
        hit = (self.c1 == r) | (self.c2 == r)
        hit[rows_f[v < self.d2[rows_f]]] = True
        rows = np.flatnonzero(hit)
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
        limit = self.swaps + (max_swaps if max_swaps is not None else 50 * self.p + 100)
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

    _STATE = ("sel", "pos", "c1", "c2", "d1", "d2", "k2", "gain", "loss", "extra")

    def kick(self, rng) -> None:
        """Move a random open column to a closed one listed near a row it serves."""
        t = int(rng.integers(self.p))
        served = np.flatnonzero(self.c1 == self.sel[t])
        if len(served) == 0:
            return
        cols = self.L.cols[served[rng.integers(len(served))]]
        cols = cols[self.rules.swap_mask(self.sel)[cols, t]]
        if len(cols):
            self.swap(int(cols[rng.integers(min(len(cols), KICK_NEAREST))]), t)

    def improve(self, clock, rng, max_stall: int, stop=None) -> np.ndarray:
        """Iterated local search: kick 1-3 columns, descend, keep the result if better.

        Ends after `max_stall` kicks in a row without improvement, when the clock runs
        out, or when ``stop(objective)`` says so; returns the selection.
        """
        self.run(clock)
        best, kicks, last = self.objective(), 0, 0
        while kicks - last < max_stall and not clock.expired():
            if stop is not None and stop(best):
                break
            kicks += 1
            saved = [getattr(self, name).copy() for name in self._STATE]
            for _ in range(int(rng.integers(1, 4))):
                self.kick(rng)
            self.run(clock)
            value = self.objective()
            if value < best - 1e-10 * max(abs(best), 1.0):
                best, last = value, kicks
            else:
                for name, array in zip(self._STATE, saved, strict=True):
                    getattr(self, name)[...] = array
        self.kicks = kicks
        return np.sort(self.sel)


class Deadline:
    """A `Clock` that also expires `seconds` after its creation (a share of the budget)."""

    def __init__(self, clock, seconds: float):
        self.clock = clock
        self.end = clock.elapsed() + max(0.0, seconds)

    def elapsed(self) -> float:
        return self.clock.elapsed()

    def remaining(self) -> float:
        return max(0.0, min(self.clock.remaining(), self.end - self.clock.elapsed()))

    def expired(self) -> bool:
        return self.remaining() <= 0.0
