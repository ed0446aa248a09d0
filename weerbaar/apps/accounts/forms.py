from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from weerbaar.apps.accounts.models import MUNICIPALITY_SCOPED_ROLES, Role, User
from weerbaar.apps.regions.models import Municipality


class AccountForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required for municipal officers and support point operators."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") in MUNICIPALITY_SCOPED_ROLES and not cleaned.get("municipalities"):
            self.add_error("municipalities", _("Choose at least one municipality for this role."))
        return cleaned


class AccountCreateForm(AccountForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use only letters, digits and @ . + - _")},
    )
    field_order = ["username"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username


class OwnPasswordForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(_("Your current password is not correct."))
        return self.cleaned_data["old_password"]

    def clean_new_password(self):
        password = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password


class LoginForm(AuthenticationForm):
    # Django's own Dutch catalogue leaves this message untranslated; ours says it in Dutch.
    error_messages = {
        "invalid_login": _(
            "Please enter a correct username and password. Both are case-sensitive."
        ),
        "inactive": _("This account is disabled."),
    }
