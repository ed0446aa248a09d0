from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from weerbaar.apps.programme import queries, rights
from weerbaar.apps.programme.models import CatalogueEntry
from weerbaar.apps.regions.models import Municipality


def reader_required(view):
    """Logged in (anonymous visitors go to the login page) and allowed to read."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not rights.can_read_programme(request.user):
            raise PermissionDenied(_("You may not see the programme."))
        return view(request, *args, **kwargs)

    return wrapper


def manager_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not rights.can_manage_programme(request.user):
            raise PermissionDenied(
                _("Only the programme team and the regional coordinator may change this.")
            )
        return view(request, *args, **kwargs)

    return wrapper


def municipality_or_404(code: str) -> Municipality:
    return get_object_or_404(Municipality, code=code.upper())


def entry_or_404(measure_code: str) -> CatalogueEntry:
    entries = queries.current_version().entries.select_related("measure")
    return get_object_or_404(entries, measure__code__iexact=measure_code)
