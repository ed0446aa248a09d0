"""Which functions a support point can really deliver for 72 hours, and what is missing.

Pure Python (no Django): the rules are data (see data/readiness_rules.json), checked by
`validate_rules` before they are stored, and applied by `evaluate`. A rule names a field of
the point and one test: `min` (at least), `min_per_visitor` (at least this much per expected
visitor), `in` (one of) or `equals`. Rules under `every_function` apply to each function.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_RULES_FILE = Path(__file__).resolve().parent / "data" / "readiness_rules.json"
FIELDS = {
    "trained_staff": "number",
    "water_litres": "number",
    "fuel_hours": "number",
    "capacity": "number",
    "power": "choice",
    "communication": "choice",
    "step_free_access": "flag",
}
TESTS = {"min", "min_per_visitor", "in", "equals"}


class RulesError(ValueError):
    """The rules are not valid; the message says where."""


@dataclass(frozen=True)
class FunctionReadiness:
    function: str
    deliverable: bool
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Readiness:
    functions: list[FunctionReadiness]

    @property
    def score(self) -> int:
        """Share of the point's claimed functions it can deliver for 72 hours, in percent."""
        if not self.functions:
            return 0
        return round(100 * sum(f.deliverable for f in self.functions) / len(self.functions))


def default_rules() -> dict:
    return json.loads(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))


def validate_rules(rules: object, known_functions: set[str]) -> dict:
    if not isinstance(rules, dict):
        raise RulesError("the rules must be a JSON object")
    functions = rules.get("functions")
    if not isinstance(functions, dict):
        raise RulesError("'functions' must be an object of function -> list of rules")
    unknown = set(functions) - known_functions
    if unknown:
        raise RulesError(f"unknown function(s): {', '.join(sorted(unknown))}")
    _validate_list(rules.get("every_function", []), "every_function")
    for name, items in functions.items():
        _validate_list(items, f"functions.{name}")
    return rules


def _validate_list(items: object, where: str) -> None:
    if not isinstance(items, list):
        raise RulesError(f"{where} must be a list")
    for index, rule in enumerate(items):
        place = f"{where}[{index}]"
        if not isinstance(rule, dict) or rule.get("field") not in FIELDS:
            raise RulesError(f"{place}: 'field' must be one of {', '.join(sorted(FIELDS))}")
        tests = TESTS & set(rule)
        if len(tests) != 1:
            raise RulesError(f"{place}: give exactly one of {', '.join(sorted(TESTS))}")
        test = tests.pop()
        value = rule[test]
        numeric = test in ("min", "min_per_visitor")
        if numeric and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise RulesError(f"{place}: '{test}' must be a number")
        if test == "in" and not isinstance(value, list):
            raise RulesError(f"{place}: 'in' must be a list")
        if not isinstance(rule.get("reason", ""), str):
            raise RulesError(f"{place}: 'reason' must be text")


def _passes(rule: dict, point: dict, expected_visitors: float) -> bool:
    value = point.get(rule["field"])
    if "min" in rule:
        return (value or 0) >= rule["min"]
    if "min_per_visitor" in rule:
        return (value or 0) >= rule["min_per_visitor"] * expected_visitors
    if "in" in rule:
        return value in rule["in"]
    return value == rule["equals"]


def evaluate(point: dict, rules: dict, expected_visitors: float | None = None) -> Readiness:
    """Readiness of each function the point claims. `point` maps field names to values;
    expected visitors default to the point's capacity."""
    visitors = point.get("capacity", 0) if expected_visitors is None else expected_visitors
    common = rules.get("every_function", [])
    results = []
    for function in point.get("functions", []):
        checks = common + rules["functions"].get(function, [])
        missing = [
            rule.get("reason") or rule["field"]
            for rule in checks
            if not _passes(rule, point, visitors)
        ]
        results.append(FunctionReadiness(function, not missing, missing))
    return Readiness(results)
