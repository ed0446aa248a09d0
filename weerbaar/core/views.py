"""Error pages: JSON under /api/, a Dutch (or English) page elsewhere. Never a traceback."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _error(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else _("You may not see this page.")
    return _error(request, 403, _("No access"), message)


def page_not_found(request, exception=None):
    return _error(request, 404, _("Page not found"), _("This page does not exist."))


def server_error(request):
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("Something went wrong on our side. It has been logged; please try again."),
    )
