"""A tiny road network near Assen, written by the tests as OSM XML and as PBF.

Layout (node ids; columns 0.002 deg lon ~ 134 m apart, rows 0.001 deg lat ~ 111 m):

    7 ->-- 8 ->-- 9          row 2 is one-way eastwards (oneway=yes)
    |      |      v          column 2 is one-way southwards (oneway=-1 on 3-6-9)
    4 ---- 5 ---- 6
    |      |      v
    1 ---- 2 ---- 3 ===> 31  motorway (implied one-way), cars only
    1 ........... 9          footway on the diagonal: walk only

    50 ---- 51               disconnected street, far to the north-east
    51 - 999(missing) - 52   way with a node outside the extract: split, no segment left
"""

from __future__ import annotations

import osmium
from osmium.osm.mutable import Node, Way
from pyproj import Transformer

LON0, LAT0, DLON, DLAT = 6.56, 53.0, 0.002, 0.001

GRID = {1 + 3 * j + i: (i, j) for j in range(3) for i in range(3)}
EXTRA = {31: (6, 0), 50: (10, 10), 51: (11, 10), 52: (12, 10)}
NODES = {nid: (LON0 + i * DLON, LAT0 + j * DLAT) for nid, (i, j) in {**GRID, **EXTRA}.items()}

WAYS = [
    (100, [1, 2, 3], {"highway": "residential"}),
    (101, [4, 5, 6], {"highway": "residential"}),
    (102, [7, 8, 9], {"highway": "residential", "oneway": "yes"}),
    (110, [1, 4, 7], {"highway": "residential"}),
    (111, [2, 5, 8], {"highway": "living_street"}),
    (112, [3, 6, 9], {"highway": "residential", "oneway": "-1"}),
    (120, [1, 9], {"highway": "footway"}),
    (130, [3, 31], {"highway": "motorway"}),
    (140, [50, 51], {"highway": "unclassified", "name": "Losse weg"}),
    (141, [51, 999, 52], {"highway": "residential"}),
    (150, [1, 5], {"highway": "construction"}),
    (151, [4, 8], {"building": "yes"}),
]


def rd_xy() -> dict[int, tuple[float, float]]:
    """RD New coordinates of every node, computed independently of the engine."""
    tr = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    return {nid: tr.transform(lon, lat) for nid, (lon, lat) in NODES.items()}


def osm_xml() -> str:
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", '<osm version="0.6" generator="test">']
    for nid, (lon, lat) in sorted(NODES.items()):
        lines.append(f'  <node id="{nid}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>')
    for wid, refs, tags in WAYS:
        lines.append(f'  <way id="{wid}" version="1">')
        lines += [f'    <nd ref="{ref}"/>' for ref in refs]
        lines += [f'    <tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append("  </way>")
    lines.append("</osm>")
    return "\n".join(lines) + "\n"


def write_pbf(path) -> None:
    writer = osmium.SimpleWriter(str(path), overwrite=True)
    try:
        for nid, (lon, lat) in sorted(NODES.items()):
            writer.add_node(Node(id=nid, version=1, location=(lon, lat), tags={}))
        for wid, refs, tags in WAYS:
            writer.add_way(Way(id=wid, version=1, nodes=refs, tags=tags))
    finally:
        writer.close()
