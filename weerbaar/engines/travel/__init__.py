"""Travel costs between demand points and sites, in metres (pure Python, no Django).

Two ways: `straight_line_costs` (Euclidean distance x detour factor) and `RoadNetwork`
(shortest paths over an OpenStreetMap road extract, per travel mode). The caller turns a
time norm into a distance (speed x minutes) and compares.
"""

from ._common import TravelError, to_rd
from .network import RoadNetwork
from .rules import MODES
from .straight import DEFAULT_DETOUR, straight_line_costs

__all__ = [
    "DEFAULT_DETOUR",
    "MODES",
    "RoadNetwork",
    "TravelError",
    "straight_line_costs",
    "to_rd",
]
