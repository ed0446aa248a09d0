"""Base models shared by every app.

`SyncedRecord` is for records that may be created away from the central server (a support
point working offline on its own laptop): a UUID key made where the record is born never
collides when the records meet again.

`StatusChange` is append-only history, as in Amsterdam's Signalen: a change of status is a
new row, never an edit. The current status on the record itself is a cache of the newest row.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row of an append-only table."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} is append-only: rows cannot be updated")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} is append-only: rows cannot be deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only: rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} is append-only: rows cannot be deleted")


class SyncedRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class StatusChange(AppendOnlyModel):
    """One step in a record's status history. Subclasses add the FK to their record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    old_status = models.CharField(_("old status"), max_length=32, blank=True)
    new_status = models.CharField(_("new status"), max_length=32)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    # The same change sent twice (a retry over a bad link) is stored once.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
