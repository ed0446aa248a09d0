"""Validation of a support point's fields, written once: pages, the API and the CSV/GeoJSON
import all validate through these forms, so the same input gets the same answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.supportpoints.choices import Function, Tier
from weerbaar.apps.supportpoints.models import SupportPoint

READINESS_FIELDS = [
    "capacity",
    "functions",
    "power",
    "fuel_hours",
    "communication",
    "water_litres",
    "trained_staff",
    "step_free_access",
    "notes",
]
MANAGER_FIELDS = [
    "name",
    "tier",
    "coordinating_point",
    "municipality",
    "address",
    "postcode",
    "place",
    "lat",
    "lon",
    "building_type",
    "owner",
    "contact_name",
    "contact_phone",
    "contact_email",
    *READINESS_FIELDS,
]
# Rough bounds of the Netherlands: a location outside is a typing error (often lat/lon
# swapped), not a support point.
NL_BOUNDS = {"lat": (50.7, 53.6), "lon": (3.3, 7.3)}


class ReadinessForm(forms.ModelForm):
    functions = forms.MultipleChoiceField(
        label=_("Functions"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SupportPoint
        fields = READINESS_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fields with a default may be left out (an import file without a water column):
        # they then take the default instead of failing as required.
        self.defaults = {}
        for name, field in self.fields.items():
            model_field = SupportPoint._meta.get_field(name)
            if model_field.has_default() and not isinstance(field, forms.BooleanField):
                field.required = False
                self.defaults[name] = model_field.get_default()

    def clean(self):
        cleaned = super().clean()
        for name, default in self.defaults.items():
            if name in cleaned and cleaned[name] in (None, ""):
                cleaned[name] = default
        return cleaned


class SupportPointForm(ReadinessForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.all(), to_field_name="code"
    )
    coordinating_point = forms.ModelChoiceField(
        label=_("Coordinating point"),
        queryset=SupportPoint.objects.filter(tier=Tier.COORDINATING),
        required=False,
        help_text=_("Every local point belongs to one coordinating point (C-NSP)."),
    )

    class Meta(ReadinessForm.Meta):
        fields = MANAGER_FIELDS

    def clean(self):
        cleaned = super().clean()
        for axis, (low, high) in NL_BOUNDS.items():
            value = cleaned.get(axis)
            if value is not None and not low <= value <= high:
                self.add_error(
                    axis,
                    _(
                        "This location lies outside the Netherlands "
                        "(latitude and longitude swapped?)."
                    ),
                )
        tier, parent = cleaned.get("tier"), cleaned.get("coordinating_point")
        if tier == Tier.COORDINATING and parent is not None:
            self.add_error(
                "coordinating_point", _("A coordinating point does not belong to another one.")
            )
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            self.add_error("coordinating_point", _("A point cannot coordinate itself."))
        return cleaned
