"""Every write to accounts goes through here (one door for writes): each runs in a
transaction, checks the rules, writes the status history and the audit log."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.apps.accounts import audit
from weerbaar.apps.accounts.models import (
    MUNICIPALITY_SCOPED_ROLES,
    AccountStatusChange,
    AuditAction,
    Role,
    User,
)
from weerbaar.apps.accounts.states import ALLOWED_TRANSITIONS, AccountStatus
from weerbaar.core.transitions import check_transition


class AccountError(ValueError):
    """A request that breaks a rule; the message is meant for the person who made it."""


def _check_scope(role: str, municipalities) -> None:
    if role not in Role.values:
        raise AccountError(_("Unknown role."))
    if role in MUNICIPALITY_SCOPED_ROLES and not municipalities:
        raise AccountError(_("A municipal officer or operator needs at least one municipality."))


def generate_password() -> str:
    # 12 URL-safe characters (72 bits): read aloud or passed on paper when e-mail is down.
    return secrets.token_urlsafe(9)


@transaction.atomic
def create_account(
    actor, *, username, first_name="", last_name="", email="", role, municipalities=(), password
):
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(_("This username is already taken."))
    _check_scope(role, municipalities)
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, role=role
    )
    user.set_password(password)
    user.save()
    user.municipalities.set(municipalities)
    AccountStatusChange.objects.create(
        account=user, old_status="", new_status=AccountStatus.ACTIVE, actor=actor
    )
    audit.record(actor, AuditAction.CREATE, user, summary=f"account {username} ({role})")
    return user


@transaction.atomic
def update_account(actor, user: User, *, first_name, last_name, email, role, municipalities):
    _check_scope(role, municipalities)
    user.first_name, user.last_name, user.email, user.role = first_name, last_name, email, role
    user.save(update_fields=["first_name", "last_name", "email", "role"])
    user.municipalities.set(municipalities if role != Role.REGIONAL_COORDINATOR else [])
    audit.record(actor, AuditAction.UPDATE, user, summary=f"account {user.username}")
    return user


def current_status(user: User) -> AccountStatus:
    return AccountStatus.ACTIVE if user.is_active else AccountStatus.DISABLED


@transaction.atomic
def set_status(actor, user: User, new_status: AccountStatus, reason: str = "") -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    old_status = current_status(user)
    if actor is not None and actor.pk == user.pk and new_status == AccountStatus.DISABLED:
        raise AccountError(_("You cannot disable your own account."))
    check_transition(ALLOWED_TRANSITIONS, old_status, new_status)
    user.is_active = new_status == AccountStatus.ACTIVE
    user.save(update_fields=["is_active"])
    AccountStatusChange.objects.create(
        account=user, old_status=old_status, new_status=new_status, reason=reason, actor=actor
    )
    audit.record(actor, AuditAction.UPDATE, user, summary=f"status {old_status} -> {new_status}")
    return user


@transaction.atomic
def reset_password(actor, user: User) -> str:
    """Give the account a new random password and return it, to hand over in person:
    e-mail may be down in a crisis."""
    password = generate_password()
    user.set_password(password)
    user.is_demo_account = False
    user.save(update_fields=["password", "is_demo_account"])
    audit.record(actor, AuditAction.UPDATE, user, summary="password reset")
    return password


@transaction.atomic
def change_own_password(user: User, password: str) -> None:
    user.set_password(password)
    user.is_demo_account = False
    user.save(update_fields=["password", "is_demo_account"])
