"""Read the road ways of one travel mode from an OpenStreetMap file with pyosmium.

Works on `.osm` (XML), `.osm.pbf` and compressed XML, e.g. a Geofabrik extract unchanged.
Only ways reach Python (the handler has no `node` callback); libosmium stores node
locations itself (`locations=True`), so a province-sized extract reads in seconds.
"""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np
import osmium

from ._common import TravelError
from .rules import MODES, allowed, direction

_NO_LINK = -128  # marks a way node that is not joined to the node before it


class _WayCollector(osmium.SimpleHandler):
    """Collects the nodes of usable ways, flat, with how each joins the node before it."""

    def __init__(self, mode: str):
        super().__init__()
        self.mode = mode
        self.refs = array("q")
        self.lon = array("d")
        self.lat = array("d")
        self.link = array("b")  # _NO_LINK, or the direction of the segment ending here

    def way(self, w) -> None:
        if "highway" not in w.tags:
            return
        tags = dict(w.tags)
        if not allowed(tags, self.mode):
            return
        code = direction(tags, self.mode)
        joined = False
        for node in w.nodes:
            loc = node.location
            if not loc.valid():
                # A node outside the extract: split the way here rather than bridge the gap.
                joined = False
                continue
            self.refs.append(node.ref)
            self.lon.append(loc.lon)
            self.lat.append(loc.lat)
            self.link.append(code if joined else _NO_LINK)
            joined = True


def read_osm(path, mode: str):
    """Return (node_ids, lonlat (N, 2), edges_from, edges_to, oneway) for `mode`.

    Edges run in the permitted direction (a `oneway=-1` way is flipped); `oneway` is False
    for segments usable both ways. Nodes that are on no usable segment are dropped.
    """
    if mode not in MODES:
        raise TravelError(f"unknown travel mode {mode!r}; expected one of {', '.join(MODES)}")
    file = Path(path)
    if not file.is_file():
        raise TravelError(f"OSM file not found: {file}")
    collector = _WayCollector(mode)
    try:
        collector.apply_file(str(file), locations=True)
    except (RuntimeError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TravelError(f"cannot read OSM file {file.name}: {reason}") from None
    link = np.frombuffer(collector.link, dtype=np.int8)
    ends = np.flatnonzero(link != _NO_LINK)
    if ends.size == 0:
        raise TravelError(f"OSM file {file.name} has no roads usable for mode {mode!r}")
    refs = np.frombuffer(collector.refs, dtype=np.int64)
    codes = link[ends]
    pos_from = np.where(codes == -1, ends, ends - 1)
    pos_to = np.where(codes == -1, ends - 1, ends)
    used = np.concatenate([pos_from, pos_to])
    node_ids, first, inverse = np.unique(refs[used], return_index=True, return_inverse=True)
    lonlat = np.column_stack(
        [np.frombuffer(collector.lon)[used[first]], np.frombuffer(collector.lat)[used[first]]]
    )
    half = len(ends)
    return node_ids, lonlat, inverse[:half], inverse[half:], codes != 0
