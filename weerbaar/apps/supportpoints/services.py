"""Every write to the registry goes through here (one door for writes)."""

from django.db import transaction

from weerbaar.apps.accounts import audit
from weerbaar.apps.accounts.models import AuditAction
from weerbaar.apps.supportpoints import readiness, rights
from weerbaar.apps.supportpoints.choices import Function
from weerbaar.apps.supportpoints.forms import ReadinessForm, SupportPointForm
from weerbaar.apps.supportpoints.models import (
    ReadinessRules,
    SupportPoint,
    SupportPointStatusChange,
)
from weerbaar.apps.supportpoints.states import ALLOWED_TRANSITIONS, Lifecycle
from weerbaar.core.transitions import check_transition


class InvalidInput(ValueError):  # noqa: N818 (it is what callers catch, by name)
    """Input that breaks a rule; `errors` maps field names to messages (Dutch in pages)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


class NotAllowed(PermissionError):  # noqa: N818
    pass


def _errors(form) -> dict[str, list[str]]:
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def form_for(user, point: SupportPoint | None, data: dict):
    """The form that fits the person: managers change everything, operators readiness."""
    if point is not None and not rights.can_manage(user, point):
        if not rights.can_update_readiness(user, point):
            raise NotAllowed("You may not change this support point.")
        return ReadinessForm(data, instance=point)
    return SupportPointForm(data, instance=point)


@transaction.atomic
def register(user, data: dict, *, origin: str | None = None) -> SupportPoint:
    form = SupportPointForm(data)
    if not form.is_valid():
        raise InvalidInput(_errors(form))
    if not rights.can_register_in(user, form.cleaned_data["municipality"]):
        raise NotAllowed("You may not register support points in this municipality.")
    point = form.save(commit=False)
    if origin:
        point.origin = origin
    point.save()
    SupportPointStatusChange.objects.create(
        support_point=point, new_status=point.status, actor=user, reason="registered"
    )
    return point


@transaction.atomic
def update(user, point: SupportPoint, data: dict) -> SupportPoint:
    point = SupportPoint.objects.select_for_update().get(pk=point.pk)
    form = form_for(user, point, data)
    if not form.is_valid():
        raise InvalidInput(_errors(form))
    if "municipality" in form.cleaned_data and not rights.can_register_in(
        user, form.cleaned_data["municipality"]
    ):
        raise NotAllowed("You may not move a support point to that municipality.")
    point = form.save()
    if "contact_name" in form.changed_data or "contact_phone" in form.changed_data:
        audit.record(
            user,
            AuditAction.UPDATE,
            point,
            municipality_code=point.municipality.code,
            summary="support point contact",
        )
    return point


@transaction.atomic
def change_status(
    user, point: SupportPoint, new_status: str, reason: str = "", idempotency_key: str | None = None
) -> SupportPoint:
    if (
        idempotency_key
        and SupportPointStatusChange.objects.filter(idempotency_key=idempotency_key).exists()
    ):
        return SupportPoint.objects.get(pk=point.pk)  # the same change, sent again
    point = SupportPoint.objects.select_for_update().get(pk=point.pk)
    if not rights.can_manage(user, point):
        raise NotAllowed("You may not change this support point's lifecycle.")
    if new_status not in Lifecycle.values:
        raise InvalidInput({"status": [f"unknown status {new_status!r}"]})
    check_transition(ALLOWED_TRANSITIONS, point.status, new_status)
    SupportPointStatusChange.objects.create(
        support_point=point,
        old_status=point.status,
        new_status=new_status,
        reason=reason,
        actor=user,
        idempotency_key=idempotency_key,
    )
    point.status = new_status
    point.save(update_fields=["status", "updated_at"])
    return point


def read_contacts(user, point: SupportPoint) -> dict:
    """The point's contact person, for those allowed; the read is logged."""
    if not rights.can_read_contacts(user, point):
        raise NotAllowed("You may not see this support point's contacts.")
    audit.record(
        user,
        AuditAction.READ,
        point,
        municipality_code=point.municipality.code,
        summary="support point contact",
    )
    return {
        "contact_name": point.contact_name,
        "contact_phone": point.contact_phone,
        "contact_email": point.contact_email,
    }


def current_rules() -> dict:
    stored = ReadinessRules.objects.filter(key="default").first()
    return stored.rules if stored else readiness.default_rules()


@transaction.atomic
def save_rules(user, rules: object) -> dict:
    if not rights.can_edit_rules(user):
        raise NotAllowed("Only the regional coordinator changes the readiness rules.")
    try:
        readiness.validate_rules(rules, set(Function.values))
    except readiness.RulesError as exc:
        raise InvalidInput({"rules": [str(exc)]}) from exc
    ReadinessRules.objects.update_or_create(
        key="default", defaults={"rules": rules, "updated_by": user}
    )
    return rules


def point_values(point: SupportPoint) -> dict:
    return {name: getattr(point, name) for name in readiness.FIELDS} | {
        "functions": list(point.functions)
    }


def readiness_of(point: SupportPoint, rules: dict | None = None) -> readiness.Readiness:
    return readiness.evaluate(point_values(point), rules or current_rules())
