"""Checking a status change against an entity's table of allowed transitions.

Each entity keeps its states and its table in its app's `states.py`; this module only
applies such a table, so the rule is written once.
"""

from collections.abc import Mapping, Set


class TransitionNotAllowedError(ValueError):
    def __init__(self, old: str, new: str):
        super().__init__(f"status change {old!r} -> {new!r} is not allowed")
        self.old = old
        self.new = new


def check_transition(table: Mapping[str, Set[str]], old: str, new: str) -> None:
    if new not in table.get(old, frozenset()):
        raise TransitionNotAllowedError(old, new)
