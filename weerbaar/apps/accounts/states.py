"""Account states and the one table of allowed moves between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DISABLED = "disabled", _("Disabled")


ALLOWED_TRANSITIONS = {
    AccountStatus.ACTIVE: {AccountStatus.DISABLED},
    AccountStatus.DISABLED: {AccountStatus.ACTIVE},
}
