"""Who may see and change what, per object. The one place where rights are decided:
API endpoints and pages both ask here, so a rule cannot differ between them."""

from django.db.models import QuerySet

from weerbaar.apps.accounts.models import Role
from weerbaar.apps.regions.models import Municipality


def is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_regional_coordinator(user) -> bool:
    return is_active(user) and user.role == Role.REGIONAL_COORDINATOR


def can_administer_accounts(user) -> bool:
    return is_regional_coordinator(user)


def can_read_audit_log(user) -> bool:
    return is_regional_coordinator(user)


def own_municipality_codes(user) -> set[str]:
    """The municipalities an account works for (its scope), by CBS code."""
    if not is_active(user):
        return set()
    if user.role in (Role.REGIONAL_COORDINATOR, Role.PROGRAMME_TEAM):
        return set(Municipality.objects.values_list("code", flat=True))
    return set(user.municipalities.values_list("code", flat=True))


def municipalities_in_scope(user) -> QuerySet:
    return Municipality.objects.filter(code__in=own_municipality_codes(user))


def is_officer_of(user, municipality: Municipality) -> bool:
    """A municipal officer whose scope includes this municipality."""
    return (
        is_active(user)
        and user.role == Role.MUNICIPAL_OFFICER
        and user.municipalities.filter(pk=municipality.pk).exists()
    )


def can_edit_municipality_records(user, municipality: Municipality) -> bool:
    """Change a municipality's own records: the region, or an officer of that municipality.
    The programme team works on the programme, not on municipal records."""
    return is_regional_coordinator(user) or is_officer_of(user, municipality)


def can_read_municipal_contacts(user, municipality: Municipality) -> bool:
    """Contact details of a municipality's crisis organisation (names and phone numbers of
    people: personal data). The region, and officers and operators working there."""
    if is_regional_coordinator(user):
        return True
    return (
        is_active(user)
        and user.role in (Role.MUNICIPAL_OFFICER, Role.SUPPORT_POINT_OPERATOR)
        and user.municipalities.filter(pk=municipality.pk).exists()
    )
