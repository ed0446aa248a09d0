"""The lifecycle of a support point and the one table of allowed moves.

The operating state during a crisis (open, closed, overloaded) is not here: it belongs to
crisis operations and exists only for points in service."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Lifecycle(models.TextChoices):
    PLANNED = "planned", _("Planned")
    READY = "ready", _("Ready")
    IN_SERVICE = "in_service", _("In service")
    RETIRED = "retired", _("Retired")


ALLOWED_TRANSITIONS = {
    Lifecycle.PLANNED: {Lifecycle.READY, Lifecycle.RETIRED},
    Lifecycle.READY: {Lifecycle.IN_SERVICE, Lifecycle.PLANNED, Lifecycle.RETIRED},
    Lifecycle.IN_SERVICE: {Lifecycle.READY, Lifecycle.RETIRED},
    Lifecycle.RETIRED: {Lifecycle.PLANNED},
}
