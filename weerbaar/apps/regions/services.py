"""Writes to a municipality's own records (one door for writes)."""

from django.db import transaction

from weerbaar.apps.accounts import audit
from weerbaar.apps.accounts.models import AuditAction
from weerbaar.apps.regions.models import CrisisContact, Municipality

CRISIS_CONTACT_FIELDS = (
    "crisis_room_address",
    "phone_24h",
    "officer_name",
    "officer_phone",
    "satellite_phone",
    "radio_call_sign",
    "notes",
)


def read_crisis_contact(user, municipality: Municipality) -> CrisisContact:
    """The contact card (an empty one if none was saved); the read is logged."""
    contact = CrisisContact.objects.filter(municipality=municipality).first()
    if contact is None:
        contact = CrisisContact(municipality=municipality)
    audit.record(
        user,
        AuditAction.READ,
        contact if contact.pk else municipality,
        municipality_code=municipality.code,
        summary="crisis contact",
    )
    return contact


@transaction.atomic
def save_crisis_contact(user, municipality: Municipality, values: dict) -> CrisisContact:
    contact, _created = CrisisContact.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    for name in CRISIS_CONTACT_FIELDS:
        setattr(contact, name, values.get(name, "") or "")
    contact.updated_by = user
    contact.full_clean()
    contact.save()
    audit.record(
        user,
        AuditAction.UPDATE,
        contact,
        municipality_code=municipality.code,
        summary="crisis contact",
    )
    return contact
