from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.programme.budgeting import PM, ZERO, Amount
from weerbaar.apps.programme.catalogue_io import CatalogueError, read_catalogue
from weerbaar.apps.programme.evidence import validate_evidence_file
from weerbaar.apps.programme.models import Measure, Phase
from weerbaar.apps.programme.states import MeasureStatus

MAX_CATALOGUE_BYTES = 2 * 1024 * 1024


def https_only(value: str) -> None:
    if value and not value.lower().startswith("https://"):
        raise forms.ValidationError(_("A link must start with https://"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)


class RecordForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    owner = forms.CharField(
        label=_("Owner"),
        max_length=200,
        required=False,
        help_text=_("A role or team, e.g. AOV'er or team public order and safety."),
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_file = forms.FileField(
        label=_("Evidence: file"),
        required=False,
        validators=[validate_evidence_file],
        help_text=_("PDF, docx, xlsx, odt, PNG or JPG; at most 10 MB."),
    )
    clear_evidence_file = forms.BooleanField(label=_("Remove the current file"), required=False)
    evidence_url = forms.URLField(
        label=_("Evidence: link"),
        max_length=500,
        required=False,
        validators=[https_only],
        assume_scheme="https",
        help_text=_("A link that starts with https://"),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("Reason for this change"),
        max_length=2000,
        required=False,
        help_text=_("Optional; kept in the history."),
    )


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file"), help_text=_("YAML (.yaml, .yml) or CSV (.csv), UTF-8.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CATALOGUE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            self.catalogue = read_catalogue(upload.name, upload.read())
        except CatalogueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class SubProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    goal = forms.CharField(
        label=_("Goal"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    action_lines = forms.CharField(
        label=_("Action lines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line."),
    )
    needed_roles = forms.CharField(
        label=_("Needed roles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Point of attention"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, measure_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = Measure.objects.filter(
            pk__in=[m.pk for m in measure_choices or []]
        )
        labels = {m.pk: label for m, label in (measure_choices or {}).items()}
        self.fields["measures"].label_from_instance = lambda m: labels.get(m.pk, m.code)

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "goal": data["goal"],
            "action_lines": lines_of(data["action_lines"]),
            "needed_roles": lines_of(data["needed_roles"]),
            "owner": data["owner"],
            "progress": data["progress"],
            "note": data["note"],
        }


def parse_amount(text: str) -> Amount:
    """An amount as people type it: "p.m.", "-", "" (0), "-40000", "-40.000" or "-40 000"."""
    value = text.strip().lower().replace("\u2212", "-")
    if value in ("p.m.", "p.m", "pm"):
        return PM
    if value in ("", "-", "0"):
        return ZERO
    digits = value.replace(".", "").replace(" ", "").replace("\u00a0", "")
    try:
        return Amount(int(digits))
    except ValueError:
        raise forms.ValidationError(
            _("Enter an amount in whole euros (costs with a minus sign), or p.m.")
        ) from None


class BudgetLineForm(forms.Form):
    """One field per year: an amount, or p.m."""

    def __init__(self, *args, years=(), initial_amounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_amounts = initial_amounts or {}
        for year in years:
            amount = initial_amounts.get(year)
            self.fields[f"y{year}"] = forms.CharField(
                label=str(year),
                required=False,
                max_length=20,
                initial="" if amount is None else str(amount),
            )
        self.years = list(years)

    def clean(self):
        cleaned = super().clean()
        self.amounts = {}
        for year in self.years:
            try:
                self.amounts[year] = parse_amount(cleaned.get(f"y{year}") or "")
            except forms.ValidationError as exc:
                self.add_error(f"y{year}", exc)
        return cleaned


class BudgetYearForm(forms.Form):
    national_contribution = forms.IntegerField(label=_("National contribution (euros)"))
    national_contribution_note = forms.CharField(
        label=_("Note on the national contribution"), max_length=300, required=False
    )
    fund_formation = forms.IntegerField(label=_("Fund formation (euros, negative)"), max_value=0)
    fund_formation_label = forms.CharField(label=_("Fund"), max_length=200, required=False)


class MatrixFilterForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("All phases")), *Phase.choices]
        self.fields["theme"].choices = [("", _("All themes"))] + [(t, t) for t in themes]
