"""The catalogue of measures, in versions. A region imports a catalogue (the VNG guide's list,
or its own edit of it); each import is a new version whose rows never change. A measure keeps
its identity (its id, `Measure.code`) across versions, so status records follow it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.models import AppendOnlyModel


class Phase(models.TextChoices):
    COLD = "cold", _("Cold phase")
    WARM_WITHIN_72H = "warm_within_72h", _("Warm phase, first 72 hours")
    WARM_AFTER_72H = "warm_after_72h", _("Warm phase, after 72 hours")
    AFTER = "after", _("After-phase")
    UNKNOWN = "unknown", _("Phase unknown")


class Scope(models.TextChoices):
    MUNICIPAL = "municipal", _("Per municipality")
    REGIONAL = "regional", _("Regional (one for all municipalities)")


UNKNOWN_PARTY = "unknown"


class CatalogueVersion(AppendOnlyModel):
    """One imported catalogue. `changes` says what changed against the version before:
    {"added": [ids], "removed": [ids], "changed": {id: [field, ...]}}."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    is_concept = models.BooleanField(_("concept"), default=False)
    note = models.TextField(_("note"), blank=True)
    source_name = models.CharField(_("imported from"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changes = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"{self.title} (v{self.number})"


class Measure(models.Model):
    """A measure's identity across catalogue versions; its text lives in CatalogueEntry."""

    code = models.CharField(_("id"), max_length=32, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class CatalogueEntry(AppendOnlyModel):
    """A measure as one catalogue version describes it."""

    catalogue = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="entries"
    )
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    responsible_party = models.CharField(_("first-responsible party"), max_length=200)
    partners = models.JSONField(_("partners"), default=list, blank=True)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    source = models.TextField(_("source"))

    class Meta:
        ordering = ["catalogue", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "measure"], name="programme_entry_once_per_version"
            )
        ]
        verbose_name_plural = _("catalogue entries")

    def __str__(self):
        return f"{self.measure.code} {self.title}"

    @property
    def code(self) -> str:
        return self.measure.code

    @property
    def is_regional(self) -> bool:
        return self.scope == Scope.REGIONAL

    @property
    def responsible_party_known(self) -> bool:
        return bool(self.responsible_party) and self.responsible_party != UNKNOWN_PARTY
