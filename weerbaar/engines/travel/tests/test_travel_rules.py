import pytest

from weerbaar.engines.travel.rules import allowed, direction


@pytest.mark.parametrize(
    ("tags", "walk", "bike", "car"),
    [
        ({"highway": "residential"}, True, True, True),
        ({"highway": "motorway"}, False, False, True),
        ({"highway": "trunk"}, False, False, True),
        ({"highway": "footway"}, True, False, False),
        ({"highway": "footway", "bicycle": "yes"}, True, True, False),
        ({"highway": "footway", "access": "yes"}, True, False, False),
        ({"highway": "cycleway"}, True, True, False),
        ({"highway": "steps"}, True, False, False),
        ({"highway": "track"}, True, True, False),
        ({"highway": "track", "motor_vehicle": "yes"}, True, True, True),
        ({"highway": "residential", "foot": "no"}, False, True, True),
        ({"highway": "residential", "bicycle": "no"}, True, False, True),
        ({"highway": "residential", "access": "no", "foot": "yes"}, True, False, False),
        ({"highway": "service", "access": "private"}, False, False, False),
        ({"highway": "service", "motor_vehicle": "destination"}, True, True, True),
        ({"highway": "primary", "motor_vehicle": "no"}, True, True, False),
        ({"highway": "service", "area": "yes"}, False, False, False),
        ({"highway": "pedestrian", "area": "yes"}, True, False, False),
        ({"highway": "construction"}, False, False, False),
        ({"building": "yes"}, False, False, False),
    ],
)
def test_allowed_per_mode(tags, walk, bike, car):
    assert (allowed(tags, "walk"), allowed(tags, "bike"), allowed(tags, "car")) == (
        walk,
        bike,
        car,
    )


@pytest.mark.parametrize(
    ("tags", "car"),
    [
        ({"highway": "residential"}, 0),
        ({"highway": "residential", "oneway": "yes"}, 1),
        ({"highway": "residential", "oneway": "-1"}, -1),
        ({"highway": "primary", "junction": "roundabout"}, 1),
        ({"highway": "primary", "junction": "roundabout", "oneway": "no"}, 0),
        ({"highway": "motorway"}, 1),
        ({"highway": "motorway", "oneway": "no"}, 0),
    ],
)
def test_direction_only_for_cars(tags, car):
    assert direction(tags, "car") == car
    assert direction(tags, "walk") == direction(tags, "bike") == 0
