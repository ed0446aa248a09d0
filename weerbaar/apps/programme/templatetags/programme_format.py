"""Showing amounts the way the board's table does: p.m., a dash for nothing, thousands
grouped in the reader's language."""

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.programme.budgeting import Amount
from weerbaar.apps.programme.states import MeasureStatus

register = template.Library()
# A dash, as in the board's table, that a screen reader reads as 0.
ZERO_CELL = '<span aria-hidden="true">–</span><span class="visually-hidden">0</span>'


@register.filter
def euro(value) -> str:
    """A whole number of euros, grouped (-40.000 in Dutch, -40,000 in English)."""
    if value is None or value == "":
        return ""
    return number_format(int(value), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def amount(value):
    """A budget cell: p.m., a dash for 0 (read out as 0), or the amount."""
    if isinstance(value, Amount) and value.is_pm:
        return mark_safe('<abbr title="pro memorie">p.m.</abbr>')
    number = value.value if isinstance(value, Amount) else (value or 0)
    if number == 0:
        return mark_safe(ZERO_CELL)
    return euro(number)


FIELD_LABELS = {
    "status": _("Status"),
    "owner": _("Owner"),
    "due_date": _("Due date"),
    "evidence_url": _("Evidence: link"),
    "evidence_file": _("Evidence: file"),
    "notes": _("Notes"),
}


@register.filter
def status_label(value) -> str:
    try:
        return str(MeasureStatus(value).label)
    except ValueError:
        return value or "—"


@register.filter
def changed_fields(changes) -> str:
    """The names of the fields a history row changed, in the reader's language."""
    return ", ".join(str(FIELD_LABELS.get(name, name)) for name in changes or {})
