"""Who may see and change which support point. Builds on accounts.rights, the one place
where a person's scope is decided."""

from weerbaar.apps.accounts import rights
from weerbaar.apps.accounts.models import Role
from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.supportpoints.models import SupportPoint


def _operates(user, point: SupportPoint) -> bool:
    return (
        rights.is_active(user)
        and point.pk is not None
        and point.operators.filter(pk=user.pk).exists()
    )


def can_register_in(user, municipality: Municipality) -> bool:
    return rights.can_edit_municipality_records(user, municipality)


def can_manage(user, point: SupportPoint) -> bool:
    """Change everything of a point, including its lifecycle: the region and the officers of
    its municipality."""
    return rights.can_edit_municipality_records(user, point.municipality)


def can_update_readiness(user, point: SupportPoint) -> bool:
    """Operators keep their own point's readiness, stock and capacity up to date."""
    return can_manage(user, point) or _operates(user, point)


def can_read_contacts(user, point: SupportPoint) -> bool:
    """Contact persons: those who manage the point, its operators, and the staff of its
    coordinating point (who see their local points)."""
    if can_update_readiness(user, point):
        return True
    parent = point.coordinating_point
    return parent is not None and _operates(user, parent)


def can_edit_rules(user) -> bool:
    return rights.is_regional_coordinator(user)


def can_import(user) -> bool:
    """Import registers and changes points: for those who manage points somewhere."""
    return rights.is_regional_coordinator(user) or (
        rights.is_active(user) and user.role == Role.MUNICIPAL_OFFICER
    )


def can_plan(user, municipality: Municipality | None) -> bool:
    """Planning proposals: the region for the whole region, an officer for their own
    municipality. Proposals change nothing in the registry."""
    if rights.is_regional_coordinator(user) or (
        rights.is_active(user) and user.role == Role.PROGRAMME_TEAM
    ):
        return True
    return municipality is not None and rights.is_officer_of(user, municipality)


def can_see_plans(user) -> bool:
    return rights.is_active(user) and user.role in (
        Role.REGIONAL_COORDINATOR,
        Role.PROGRAMME_TEAM,
        Role.MUNICIPAL_OFFICER,
    )
