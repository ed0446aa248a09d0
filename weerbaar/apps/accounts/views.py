"""Account administration pages for the regional coordinator, and one's own password.
Passwords are reset by the coordinator and handed over in person: no e-mail needed."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.apps.accounts import audit, rights, services
from weerbaar.apps.accounts.forms import AccountCreateForm, AccountForm, OwnPasswordForm
from weerbaar.apps.accounts.models import AuditAction, AuditLogEntry, User
from weerbaar.apps.accounts.states import AccountStatus


def coordinator_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not rights.can_administer_accounts(request.user):
            raise PermissionDenied(_("Only the regional coordinator manages accounts."))
        return view(request, *args, **kwargs)

    return wrapper


@coordinator_required
def account_list(request):
    accounts = User.objects.prefetch_related("municipalities")
    audit.record(request.user, AuditAction.READ, request.user, summary="account list")
    return render(request, "accounts/account_list.html", {"accounts": accounts})


@coordinator_required
def account_create(request):
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = services.generate_password()
        user = services.create_account(
            request.user,
            password=password,
            **_account_values(form),
            username=form.cleaned_data["username"],
        )
        return render(
            request, "accounts/password_issued.html", {"account": user, "password": password}
        )
    return render(request, "accounts/account_form.html", {"form": form, "creating": True})


def _account_values(form) -> dict:
    data = form.cleaned_data
    return {
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "email": data["email"],
        "role": data["role"],
        "municipalities": list(data["municipalities"]),
    }


@coordinator_required
def account_edit(request, username):
    account = get_object_or_404(User, username=username)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "municipalities": account.municipalities.all(),
    }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_account(request.user, account, **_account_values(form))
        messages.success(request, _("The account has been saved."))
        return redirect("accounts:list")
    if request.method == "GET":
        audit.record(request.user, AuditAction.READ, account, summary="account details")
    history = account.status_changes.select_related("actor").order_by("-created_at")
    return render(
        request,
        "accounts/account_form.html",
        {"form": form, "account": account, "history": history, "creating": False},
    )


@require_POST
@coordinator_required
def account_status(request, username):
    account = get_object_or_404(User, username=username)
    wanted = AccountStatus.DISABLED if account.is_active else AccountStatus.ACTIVE
    try:
        services.set_status(request.user, account, wanted, request.POST.get("reason", ""))
    except services.AccountError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The account status has been changed."))
    return redirect("accounts:edit", username=username)


@require_POST
@coordinator_required
def account_reset_password(request, username):
    account = get_object_or_404(User, username=username)
    password = services.reset_password(request.user, account)
    return render(
        request, "accounts/password_issued.html", {"account": account, "password": password}
    )


@coordinator_required
def audit_log(request):
    entries = AuditLogEntry.objects.all()[:500]
    return render(request, "accounts/audit_log.html", {"entries": entries})


@login_required
def own_password(request):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_own_password(request.user, form.cleaned_data["new_password"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("regions:home")
    return render(request, "accounts/own_password.html", {"form": form})
