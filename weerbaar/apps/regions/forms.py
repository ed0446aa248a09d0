from django import forms

from weerbaar.apps.regions.models import CrisisContact
from weerbaar.apps.regions.services import CRISIS_CONTACT_FIELDS


class CrisisContactForm(forms.ModelForm):
    class Meta:
        model = CrisisContact
        fields = CRISIS_CONTACT_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
