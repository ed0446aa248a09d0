"""The status of a measure in a municipality (or for the whole region), and the one table of
allowed moves between the statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


S = MeasureStatus

# Every move between the four statuses is allowed, on purpose, and written out so that
# narrowing it later is a change to this table only:
# - a measure can be started, finished, or found not to apply at any point;
# - "done" can be reopened (the evidence turned out weak, or the situation changed);
# - "not applicable" can be taken back when the municipality's situation changes.
# Staying in the same status is not a move: editing owner, date or notes records no move.
ALLOWED_TRANSITIONS = {
    S.NOT_STARTED: {S.IN_PROGRESS, S.DONE, S.NOT_APPLICABLE},
    S.IN_PROGRESS: {S.NOT_STARTED, S.DONE, S.NOT_APPLICABLE},
    S.DONE: {S.NOT_STARTED, S.IN_PROGRESS, S.NOT_APPLICABLE},
    S.NOT_APPLICABLE: {S.NOT_STARTED, S.IN_PROGRESS, S.DONE},
}

# A symbol beside the colour, so that colour is never the only sign of a status.
STATUS_SYMBOLS = {
    S.NOT_STARTED: "○",
    S.IN_PROGRESS: "◐",
    S.DONE: "●",
    S.NOT_APPLICABLE: "–",
}
