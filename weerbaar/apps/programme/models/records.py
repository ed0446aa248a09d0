"""Where a measure stands: one record per municipality and measure, or one record for the
whole region when the measure is regional ("1x12 rather than 12x1"). A measure without a
record has not been started."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.programme.states import STATUS_SYMBOLS, MeasureStatus
from weerbaar.core.models import StatusChange, SyncedRecord


class MeasureRecord(SyncedRecord):
    measure = models.ForeignKey(
        "programme.Measure", on_delete=models.PROTECT, related_name="records"
    )
    # Empty for the one regional record of a regional measure.
    municipality = models.ForeignKey(
        "regions.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measure_records",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeasureStatus.choices,
        default=MeasureStatus.NOT_STARTED,
    )
    # A role or the name of an official acting in that role ("AOV'er", "team OOV"). We treat
    # it as work information, not as sensitive personal data, so changes to a record are not
    # written to the audit log; the record's history keeps who changed what, and when.
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to="programme/evidence/%Y/", max_length=255, blank=True
    )
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["measure__code", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "municipality"],
                condition=Q(municipality__isnull=False),
                name="programme_record_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["measure"],
                condition=Q(municipality__isnull=True),
                name="programme_one_regional_record",
            ),
        ]

    def __str__(self):
        where = self.municipality.name if self.municipality_id else "region"
        return f"{self.measure.code} {where}: {self.status}"

    @property
    def is_regional(self) -> bool:
        return self.municipality_id is None

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[MeasureStatus(self.status)]

    @property
    def evidence_file_name(self) -> str:
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""


class MeasureRecordChange(StatusChange):
    """One change to a record: its status move (old and new; equal when only other fields
    changed), and in `changes` every field that changed, as {field: [old, new]}."""

    record = models.ForeignKey(MeasureRecord, on_delete=models.PROTECT, related_name="history")
    changes = models.JSONField(default=dict)
