"""Network distances over a road graph, from origins (demand) to destinations (sites).

Cost of a pair = snap distance of the origin to its nearest graph node + shortest network
distance between the nodes + snap distance of the destination, in metres. The snap legs are
straight lines: a grid cell centre is rarely on a road.

Complexity: one Dijkstra per *distinct* destination node, run from the destination over the
reversed graph (so one-way streets count in the origin -> destination direction). Each run
costs O((E' + V') log V') for the part of the graph within `max_distance`, plus O(V) to
initialise its result row; origins only cost a column gather. With 450 sites, a 300k-node
provincial graph and a 5 km limit this takes seconds; without a limit each run covers the
whole graph. Dijkstra is called on chunks of destinations to keep the temporary (k, V)
result near 128 MB.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from ._common import TravelError, as_float_dtype, as_points, row_chunk, to_rd
from .osm import read_osm

# scipy treats explicit zeros in a sparse graph as edges, but older versions did not; a
# micrometre keeps two distinct nodes at the same spot connected on every version.
_MIN_EDGE = 1e-6


def _edge_arrays(n_nodes, edges_from, edges_to, oneway_mask):
    src = np.asarray(edges_from)
    dst = np.asarray(edges_to)
    ow = np.zeros(src.shape, dtype=bool) if oneway_mask is None else np.asarray(oneway_mask)
    if src.ndim != 1 or src.shape != dst.shape or src.shape != ow.shape:
        raise TravelError("edges_from, edges_to and oneway_mask must be 1-D of equal length")
    if src.size and not (
        np.issubdtype(src.dtype, np.integer) and np.issubdtype(dst.dtype, np.integer)
    ):
        raise TravelError("edge endpoints must be integer node indices")
    if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n_nodes):
        raise TravelError("edge endpoint outside the node array")
    return src.astype(np.int64), dst.astype(np.int64), ow.astype(bool)


def _build_graph(node_xy, src, dst, oneway) -> csr_matrix:
    """Directed graph with one arc per permitted direction, weighted by segment length."""
    length = np.maximum(np.hypot(*(node_xy[dst] - node_xy[src]).T), _MIN_EDGE)
    two_way = ~oneway
    rows = np.concatenate([src, dst[two_way]])
    cols = np.concatenate([dst, src[two_way]])
    weight = np.concatenate([length, length[two_way]])
    keep = rows != cols
    rows, cols, weight = rows[keep], cols[keep], weight[keep]
    # csr_matrix would *sum* parallel arcs (overlapping ways); keep the shortest instead.
    order = np.lexsort((weight, cols, rows))
    rows, cols, weight = rows[order], cols[order], weight[order]
    first = np.ones(rows.size, dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    n = len(node_xy)
    return csr_matrix((weight[first], (rows[first], cols[first])), shape=(n, n))


class RoadNetwork:
    """A directed road graph in RD New metres; build it with `from_osm` or `from_edges`."""

    def __init__(self, node_xy: np.ndarray, graph: csr_matrix, min_component_size: int = 1):
        if graph.nnz == 0:
            raise TravelError("the road network has no edges")
        self.node_xy = node_xy
        self.graph = graph
        self._reverse = graph.T.tocsr()
        self.node_ids: np.ndarray | None = None  # OSM node ids when read from a file
        _, labels = connected_components(graph, directed=True, connection="weak")
        sizes = np.bincount(labels)
        # Optionally keep points off small islands (a private estate road cut off by access
        # tags): they would otherwise snap there and be unreachable from everything.
        self._snap_nodes = np.flatnonzero(sizes[labels] >= min_component_size)
        if self._snap_nodes.size == 0:
            raise TravelError(f"no network component has {min_component_size} nodes or more")
        self._tree = cKDTree(node_xy[self._snap_nodes])

    @classmethod
    def from_edges(cls, node_xy, edges_from, edges_to, oneway_mask=None, *, min_component_size=1):
        """Graph from node coordinates (n, 2) in RD metres and segment endpoint indices.

        `oneway_mask[i]` True: segment i only runs from -> to; otherwise both ways.
        Edge weight is the straight length of the segment.
        """
        xy = as_points(node_xy, "node_xy")
        src, dst, ow = _edge_arrays(len(xy), edges_from, edges_to, oneway_mask)
        return cls(xy, _build_graph(xy, src, dst, ow), min_component_size)

    @classmethod
    def from_osm(cls, path, mode: str, *, min_component_size=1):
        """Graph of the ways `mode` ("walk", "bike", "car") may use in an OSM XML/PBF file.

        Lengths are measured in RD New; its scale error (< 0.01 % in NL) is negligible.
        """
        node_ids, lonlat, src, dst, oneway = read_osm(path, mode)
        xy = np.column_stack(to_rd(lonlat[:, 0], lonlat[:, 1]))
        network = cls.from_edges(xy, src, dst, oneway, min_component_size=min_component_size)
        network.node_ids = node_ids
        return network

    @property
    def node_count(self) -> int:
        return self.graph.shape[0]

    @property
    def edge_count(self) -> int:
        """Directed arcs: a two-way street segment counts twice."""
        return self.graph.nnz

    def snap(self, points_xy) -> tuple[np.ndarray, np.ndarray]:
        """Nearest graph node index and straight distance to it (metres) for each point."""
        points = as_points(points_xy, "points")
        if len(points) == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        distance, idx = self._tree.query(points)
        return self._snap_nodes[idx].astype(np.int64), np.asarray(distance, dtype=np.float64)

    def costs(self, origins_xy, destinations_xy, max_distance=None, dtype=np.float64):
        """Dense (n_origins, n_destinations) travel distance origin -> destination in metres.

        `inf` where unreachable or longer than `max_distance` (snap legs included).
        """
        limit = _check_limit(max_distance)
        dt = as_float_dtype(dtype)
        o_node, o_snap = self.snap(as_points(origins_xy, "origins"))
        d_node, d_snap = self.snap(as_points(destinations_xy, "destinations"))
        out = np.empty((len(o_node), len(d_node)), dtype=dt)
        if out.size == 0:
            return out
        # Many grid cells snap to the same node: solve per distinct node, then expand.
        uo, o_inv = np.unique(o_node, return_inverse=True)
        ud, d_inv = np.unique(d_node, return_inverse=True)
        node_limit = max(0.0, limit - o_snap.min() - d_snap.min() + 1e-6)
        net = self._node_costs(uo, ud, node_limit, dt)
        step = row_chunk(len(d_node))
        for start in range(0, len(o_node), step):
            rows = slice(start, start + step)
            block = net[np.ix_(o_inv[rows], d_inv)] + o_snap[rows, None] + d_snap[None, :]
            block[block > limit] = np.inf
            out[rows] = block
        return out

    def _node_costs(self, origin_nodes, dest_nodes, limit, dt) -> np.ndarray:
        net = np.empty((len(origin_nodes), len(dest_nodes)), dtype=dt)
        step = row_chunk(self.node_count, budget=1 << 24)
        for start in range(0, len(dest_nodes), step):
            chunk = dest_nodes[start : start + step]
            dist = dijkstra(self._reverse, directed=True, indices=chunk, limit=limit)
            net[:, start : start + len(chunk)] = dist[:, origin_nodes].T
        return net


def _check_limit(max_distance) -> float:
    if max_distance is None:
        return np.inf
    try:
        value = float(max_distance)
    except (TypeError, ValueError):
        raise TravelError(f"max_distance must be a number, got {max_distance!r}") from None
    if not value > 0:
        raise TravelError(f"max_distance must be positive, got {max_distance!r}")
    return value
