"""Account information in the API: one's own account, and for the region the accounts and
the audit log."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from weerbaar.apps.accounts import audit, rights
from weerbaar.apps.accounts.models import AuditAction, AuditLogEntry, User

router = Router(tags=["accounts"], auth=django_auth)


class AccountOut(Schema):
    username: str
    full_name: str
    role: str
    municipalities: list[str]
    is_active: bool


class AccountList(Schema):
    items: list[AccountOut]
    count: int


class AuditEntryOut(Schema):
    at: datetime
    user: str
    action: str
    object_type: str
    object_id: str
    municipality_code: str
    summary: str


class AuditList(Schema):
    items: list[AuditEntryOut]
    count: int


def _account_out(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "role": user.role,
        "municipalities": sorted(m.code for m in user.municipalities.all()),
        "is_active": user.is_active,
    }


@router.get("/me", response=AccountOut)
def me(request: HttpRequest):
    return _account_out(request.user)


@router.get("/accounts", response=AccountList)
def list_accounts(request: HttpRequest):
    if not rights.can_administer_accounts(request.user):
        raise HttpError(403, "Only the regional coordinator may list accounts.")
    users = list(User.objects.prefetch_related("municipalities"))
    audit.record(
        request.user, AuditAction.READ, request.user, summary=f"account list ({len(users)})"
    )
    items = [_account_out(u) for u in users]
    return {"items": items, "count": len(items)}


@router.get("/audit-log", response=AuditList)
def list_audit_log(request: HttpRequest, limit: int = 200):
    if not rights.can_read_audit_log(request.user):
        raise HttpError(403, "Only the regional coordinator may read the audit log.")
    if not 1 <= limit <= 1000:
        raise HttpError(422, "limit must lie between 1 and 1000")
    entries = AuditLogEntry.objects.all()[:limit]
    items = [
        {
            "at": e.at,
            "user": e.actor_username,
            "action": e.action,
            "object_type": e.object_type,
            "object_id": e.object_id,
            "municipality_code": e.municipality_code,
            "summary": e.summary,
        }
        for e in entries
    ]
    return {"items": items, "count": len(items)}
