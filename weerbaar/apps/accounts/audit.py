"""Writing the audit log: the one function every read or change of personal data calls."""

from weerbaar.apps.accounts.models import AuditAction, AuditLogEntry


def record(user, action: AuditAction, obj, *, municipality_code: str = "", summary: str = ""):
    return AuditLogEntry.objects.create(
        actor=user if user and user.is_authenticated else None,
        actor_username=getattr(user, "username", "") or "anonymous",
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        municipality_code=municipality_code,
        summary=summary[:300],
    )
