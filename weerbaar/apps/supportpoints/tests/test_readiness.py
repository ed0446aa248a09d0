"""Readiness rules are data: the default rules, validation, and evaluation."""

import pytest

from weerbaar.apps.supportpoints.choices import Function
from weerbaar.apps.supportpoints.readiness import (
    RulesError,
    default_rules,
    evaluate,
    validate_rules,
)

FUNCTIONS = set(Function.values)
WELL_EQUIPPED = {
    "capacity": 100,
    "trained_staff": 6,
    "water_litres": 900,
    "power": "own_generator",
    "fuel_hours": 72,
    "communication": "radio",
    "step_free_access": True,
}


def test_the_default_rules_are_valid_and_cover_every_function():
    rules = validate_rules(default_rules(), FUNCTIONS)
    assert set(rules["functions"]) == FUNCTIONS


def test_a_well_equipped_point_delivers_every_function():
    point = {**WELL_EQUIPPED, "functions": sorted(FUNCTIONS)}
    result = evaluate(point, default_rules())
    assert result.score == 100
    assert all(f.deliverable for f in result.functions)


def test_personal_power_needs_an_own_generator_and_72_hours_of_fuel():
    point = {**WELL_EQUIPPED, "power": "generator_connection", "fuel_hours": 24}
    point["functions"] = ["personal_power"]
    (function,) = evaluate(point, default_rules()).functions
    assert not function.deliverable
    assert function.missing == ["een eigen aggregaat", "brandstof voor 72 uur"]


def test_water_scales_with_expected_visitors():
    point = {**WELL_EQUIPPED, "functions": ["food_water"], "water_litres": 900}
    assert evaluate(point, default_rules(), expected_visitors=100).score == 100
    assert evaluate(point, default_rules(), expected_visitors=101).score == 0


def test_every_function_needs_staff_for_three_shifts():
    point = {**WELL_EQUIPPED, "trained_staff": 5, "functions": ["listening_ear"]}
    (function,) = evaluate(point, default_rules()).functions
    assert not function.deliverable
    assert "drie diensten" in function.missing[0]


def test_a_region_can_change_a_rule():
    rules = default_rules()
    rules["every_function"] = [{"field": "trained_staff", "min": 3}]
    point = {**WELL_EQUIPPED, "trained_staff": 3, "functions": ["listening_ear"]}
    assert evaluate(point, validate_rules(rules, FUNCTIONS)).score == 100


def test_a_point_without_functions_scores_zero():
    assert evaluate({**WELL_EQUIPPED, "functions": []}, default_rules()).score == 0


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([], "JSON object"),
        ({"functions": []}, "'functions' must be an object"),
        ({"functions": {"teleport": []}}, "unknown function"),
        ({"functions": {"alarm": [{"field": "colour", "min": 1}]}}, "'field' must be one of"),
        ({"functions": {"alarm": [{"field": "fuel_hours"}]}}, "exactly one of"),
        ({"functions": {"alarm": [{"field": "fuel_hours", "min": "72"}]}}, "must be a number"),
        ({"functions": {"alarm": [{"field": "power", "in": "radio"}]}}, "'in' must be a list"),
        ({"functions": {}, "every_function": {}}, "every_function must be a list"),
    ],
)
def test_invalid_rules_are_refused_with_a_reason(rules, message):
    with pytest.raises(RulesError, match=message):
        validate_rules(rules, FUNCTIONS)
