"""Who may see and change what in the programme monitor. Pages and API both ask here; the
rules for a municipality's own records come from accounts.rights, so they cannot differ.

- The budget is council information: everyone may read it, without logging in.
- The catalogue, the matrix, the roll-ups and the sub-projects hold no personal data: every
  logged-in account may read them.
- A municipality's status records: its municipal officers and the regional coordinator edit
  them (accounts.rights.can_edit_municipality_records).
- The regional records of regional measures, the sub-projects, the budget and catalogue
  imports: the programme team and the regional coordinator.
"""

from weerbaar.apps.accounts.models import Role
from weerbaar.apps.accounts.rights import can_edit_municipality_records, is_regional_coordinator


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_read_budget(user) -> bool:
    return True


def can_read_programme(user) -> bool:
    return _active(user)


def can_manage_programme(user) -> bool:
    """Regional records, sub-projects, the budget and catalogue imports."""
    return is_regional_coordinator(user) or (_active(user) and user.role == Role.PROGRAMME_TEAM)


def can_edit_record(user, *, regional: bool, municipality=None) -> bool:
    """Change a measure's record: the regional record, or a municipality's own."""
    if regional:
        return can_manage_programme(user)
    return municipality is not None and can_edit_municipality_records(user, municipality)
