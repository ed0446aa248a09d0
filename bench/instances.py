"""Loaders for the public benchmark instances (NumPy/SciPy only, no project imports).

Every loader returns dense cost matrices (rows = demand points, columns = candidates) and
weights, exactly as both sides of the benchmark receive them. The data stay where they are
(``--data``, e.g. /work/shared/benchmarks): nothing is copied into the project.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

# --- OR-Library p-median -------------------------------------------------------------------


def load_pmed(data: Path, k: int) -> tuple[np.ndarray, np.ndarray, int]:
    """pmed<k>: (all-pairs shortest-path costs n x n float64, weights of 1, p).

    Line 1 is ``n m p``, then m undirected edges ``i j c`` (1-based). A vertex pair listed
    more than once keeps its LAST cost (Beasley's rule; README of the benchmark data).
    """
    tokens = (data / "pmed" / f"pmed{k}.txt").read_text().split()
    n, m, p = (int(t) for t in tokens[:3])
    edges = np.array(tokens[3 : 3 + 3 * m], dtype=np.int64).reshape(m, 3)
    last: dict[tuple[int, int], int] = {}
    for i, j, c in edges:
        a, b = (int(i) - 1, int(j) - 1)
        last[(min(a, b), max(a, b))] = int(c)  # later lines overwrite earlier ones
    keys = np.array(list(last.keys()), dtype=np.int64)
    vals = np.array(list(last.values()), dtype=np.float64)
    g = sp.coo_matrix((vals, (keys[:, 0], keys[:, 1])), shape=(n, n)).tocsr()
    dist = shortest_path(g, method="D", directed=False)
    if not np.isfinite(dist).all():
        raise ValueError(f"pmed{k}: graph is not connected")
    return dist, np.ones(n), p


def pmed_optima(data: Path) -> dict[int, float]:
    out = {}
    for line in (data / "pmed" / "pmedopt.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith("pmed"):
            out[int(parts[0][4:])] = float(parts[1])
    return out


# --- covering ------------------------------------------------------------------------------


def euclidean(a: np.ndarray, b: np.ndarray, dtype=np.float64) -> np.ndarray:
    """Dense Euclidean distances (float64 hypot, then cast), in row blocks."""
    out = np.empty((len(a), len(b)), dtype=dtype)
    step = max(1, (1 << 22) // max(1, len(b)))
    for s in range(0, len(a), step):
        blk = a[s : s + step]
        out[s : s + step] = np.hypot(
            blk[:, 0, None] - b[None, :, 0], blk[:, 1, None] - b[None, :, 1]
        )
    return out


def load_swain(data: Path):
    """swain55: 55 nodes ``id x y demand``; every node a candidate; Euclidean."""
    lines = (data / "covering" / "Swain" / "swain55.txt").read_text().split("\n")
    n = int(lines[0].split()[0])
    rows = np.array([[float(t) for t in ln.split()[1:4]] for ln in lines[1 : 1 + n]])
    xy, w = rows[:, :2], rows[:, 2]
    return euclidean(xy, xy), w


def load_sjc(data: Path, n: int):
    """SJC<n>: header ``n 9999 p S``, then ``x y demand``; every node a candidate."""
    lines = (data / "covering" / "SJC" / f"SJC{n}.txt").read_text().splitlines()
    rows = np.array([[float(t) for t in ln.split()[:3]] for ln in lines[1:] if ln.strip()])
    assert len(rows) == n, (len(rows), n)
    xy, w = rows[:, :2], rows[:, 2]
    return euclidean(xy, xy), w


def read_bds(data: Path, n: int):
    """BDS<n>: ``100 n``, then ``F id x y cost`` sites and ``C id x y demand`` customers.

    Returns (site xy (100, 2), customer xy (n, 2), customer demand (n,)).
    """
    sites, cust, dem = [], [], []
    with open(data / "covering" / "BDS" / f"BDS{n}.txt") as fh:
        fh.readline()
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "F":
                sites.append((float(parts[2]), float(parts[3])))
            elif parts[0] == "C":
                cust.append((float(parts[2]), float(parts[3])))
                dem.append(float(parts[4]))
    assert len(cust) == n, (len(cust), n)
    return np.array(sites), np.array(cust), np.array(dem)


def load_bds(data: Path, n: int):
    """BDS covering instance: customers x the 100 sites, Euclidean float64."""
    sites, cust, dem = read_bds(data, n)
    return euclidean(cust, sites), dem


# --- spopt's San Francisco test data ---------------------------------------------------------


def load_sf(data: Path):
    """205 tracts x 16 stores, network metres, weight POP2000.

    Built as spopt's own tests do: the distance table pivoted with rows sorted by tract name
    and columns sorted by store name (as pandas' pivot_table sorts them), and POP2000 taken
    by tract name so each weight belongs to its row.
    """
    folder = data / "spopt_sf"
    dist: dict[tuple[str, str], float] = {}
    with open(folder / "SF_network_distance_candidateStore_16_censusTract_205_new.csv") as fh:
        for r in csv.DictReader(fh):
            dist[(r["DestinationName"], r["name"])] = float(r["distance"])
    tracts = sorted({t for t, _ in dist})
    stores = sorted({s for _, s in dist})
    c = np.array([[dist[(t, s)] for s in stores] for t in tracts])
    pop = {}
    with open(folder / "SF_demand_205_centroid_uniform_weight.csv") as fh:
        for r in csv.DictReader(fh):
            pop[r["NAME"]] = float(r["POP2000"])
    w = np.array([pop[t] for t in tracts])
    return c, w, stores
