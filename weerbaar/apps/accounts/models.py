"""Accounts, roles and the audit log of personal-data access."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.models import AppendOnlyModel, StatusChange


class Role(models.TextChoices):
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    PROGRAMME_TEAM = "programme_team", _("Programme team")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer")
    SUPPORT_POINT_OPERATOR = "support_point_operator", _("Support point operator")
    ORGANISATION_CONTACT = "organisation_contact", _("Organisation contact")
    VOLUNTEER = "volunteer", _("Volunteer")


# Roles whose scope is a set of municipalities chosen per account.
MUNICIPALITY_SCOPED_ROLES = {Role.MUNICIPAL_OFFICER, Role.SUPPORT_POINT_OPERATOR}


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="accounts",
    )
    # Demo accounts have passwords printed in the README; outside demo mode the server
    # refuses to start while one of them is active with that password.
    is_demo_account = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username


class AccountStatusChange(StatusChange):
    account = models.ForeignKey(User, on_delete=models.PROTECT, related_name="status_changes")


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")


class AuditLogEntry(AppendOnlyModel):
    """Who read or changed personal data, and when. Rows are only ever added."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    # A copy of the name, so the log still says who it was if the account goes.
    actor_username = models.CharField(_("user"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.CharField(_("object"), max_length=64)
    municipality_code = models.CharField(_("municipality"), max_length=6, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = _("audit log entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"
