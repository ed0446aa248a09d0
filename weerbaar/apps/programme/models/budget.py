"""The programme budget: lines per budget group and topic with an amount (or p.m.) per year,
and per year the national contribution and fund formation. Totals and results are never
stored: weerbaar.apps.programme.budgeting computes them from these rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.programme.budgeting import Amount


class BudgetGroup(models.Model):
    key = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Programme management belongs to no sub-project.
    subproject = models.ForeignKey(
        "programme.SubProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_groups",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    group = models.ForeignKey(BudgetGroup, on_delete=models.CASCADE, related_name="lines")
    topic = models.CharField(_("topic"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "topic"], name="programme_line_topic_once")
        ]

    def __str__(self):
        return f"{self.group.name}: {self.topic}"


class BudgetAmount(models.Model):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("year"))
    # Euros; costs are negative, as in the programme plan's table.
    amount = models.IntegerField(_("amount"), default=0)
    # "p.m." (pro memorie): not yet known; counts as 0.
    is_pm = models.BooleanField(_("p.m."), default=False)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="programme_amount_once_a_year")
        ]

    def __str__(self):
        return f"{self.line} {self.year}: {self.as_amount()}"

    def as_amount(self) -> Amount:
        return Amount(0, is_pm=True) if self.is_pm else Amount(self.amount)


class BudgetYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    national_contribution = models.IntegerField(_("national contribution"), default=0)
    national_contribution_note = models.CharField(
        _("note on the national contribution"), max_length=300, blank=True
    )
    # Money put aside in a fund: negative, as in the table.
    fund_formation = models.IntegerField(_("fund formation"), default=0)
    fund_formation_label = models.CharField(_("fund"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self):
        return str(self.year)
