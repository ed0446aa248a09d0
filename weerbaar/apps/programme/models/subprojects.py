"""The programme's sub-projects (deelprojecten): goal, action lines, needed roles, owner and
progress, linked to the measures they carry."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubProject(models.Model):
    key = models.SlugField(_("key"), unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    goal = models.TextField(_("goal"))
    action_lines = models.JSONField(_("action lines"), default=list, blank=True)
    needed_roles = models.JSONField(_("needed roles"), default=list, blank=True)
    note = models.TextField(_("point of attention"), blank=True)
    # A role or an official acting in that role: work information, see MeasureRecord.owner.
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    measures = models.ManyToManyField(
        "programme.Measure", blank=True, related_name="subprojects", verbose_name=_("measures")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
