"""Which OpenStreetMap ways each travel mode may use, and in which direction.

The rules follow Dutch defaults (OSM wiki "OSM tags for routing/Access restrictions",
Netherlands) in simplified form:

* A way needs a routable `highway=*` value; construction/proposed/abandoned, platforms,
  raceways and the like are never used.
* Each mode has default highway values (below). The most specific access tag present
  overrides the default: walk `access` < `foot`; bike `access` < `vehicle` < `bicycle`;
  car `access` < `vehicle` < `motor_vehicle` < `motorcar`. Values in DENY close the way;
  any other value (yes, designated, permissive, destination, dismount, ...) of a
  mode-specific key opens it, while a generic `access=yes` keeps the highway default.
  `use_sidepath` is treated as open: the parallel cycle path has the same length, and a
  missing sidepath would otherwise cut the network.
* Direction only matters for cars: `oneway=yes/true/1`, `oneway=-1/reverse`,
  `junction=roundabout/circular` and `highway=motorway` (implied one-way) are honoured.
  Cyclists are assumed to ride against one-way streets (common in NL, `oneway:bicycle=no`).
"""

from __future__ import annotations

MODES = ("walk", "bike", "car")

_MOTOR_ROADS = {
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    "secondary", "secondary_link", "tertiary", "tertiary_link",
}  # fmt: skip
_LOCAL_ROADS = {"unclassified", "residential", "living_street", "service", "road"}
_SLOW_WAYS = {"track", "path", "footway", "cycleway", "bridleway", "pedestrian", "steps"}
ROUTABLE = _MOTOR_ROADS | _LOCAL_ROADS | _SLOW_WAYS | {"busway"}
_NO_SLOW_TRAFFIC = {"motorway", "motorway_link", "trunk", "trunk_link", "busway"}
_NO_BIKES = {"footway", "pedestrian", "steps", "bridleway"}

DEFAULT_HIGHWAYS = {
    # In NL pedestrians may use a cycle path where there is no footway, so cycleway stays in.
    "walk": frozenset(ROUTABLE - _NO_SLOW_TRAFFIC),
    # Cycling on footways, pedestrian zones and steps is not allowed by default in NL.
    "bike": frozenset(ROUTABLE - _NO_SLOW_TRAFFIC - _NO_BIKES),
    # Tracks are mostly farm/forest access; cars only where tagged open.
    "car": frozenset(_MOTOR_ROADS | _LOCAL_ROADS),
}
ACCESS_KEYS = {
    "walk": ("foot", "access"),
    "bike": ("bicycle", "vehicle", "access"),
    "car": ("motorcar", "motor_vehicle", "vehicle", "access"),
}  # most specific first
DENY = frozenset({"no", "private", "agricultural", "forestry", "emergency", "military"})

_FORWARD = {"yes", "true", "1"}
_BACKWARD = {"-1", "reverse"}


def allowed(tags: dict, mode: str) -> bool:
    """True when `mode` may use a way with these tags."""
    highway = tags.get("highway")
    # An area=yes outline (a parking lot, a square) is only walked along for the slow ways.
    if highway not in ROUTABLE or (tags.get("area") == "yes" and highway not in _SLOW_WAYS):
        return False
    for key in ACCESS_KEYS[mode]:
        value = tags.get(key)
        if value is None:
            continue
        if value.split(";")[0].strip() in DENY:
            return False
        if key != "access":
            return True
        # A generic access=yes (often on footways) must not open a footway to cars.
        break
    return highway in DEFAULT_HIGHWAYS[mode]


def direction(tags: dict, mode: str) -> int:
    """1: only along the node order, -1: only against it, 0: both ways."""
    if mode != "car":
        return 0
    oneway = tags.get("oneway")
    if oneway in _FORWARD:
        return 1
    if oneway in _BACKWARD:
        return -1
    if oneway == "no":
        return 0
    implied = (
        tags.get("junction") in {"roundabout", "circular"} or tags.get("highway") == "motorway"
    )
    return 1 if implied else 0
