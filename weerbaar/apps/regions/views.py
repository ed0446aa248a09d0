"""Pages of the region: start page, map and a municipality. Views check rights, call one
service or query, and render."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from weerbaar.apps.accounts import rights
from weerbaar.apps.regions import services
from weerbaar.apps.regions.forms import CrisisContactForm
from weerbaar.apps.regions.models import Dataset, Municipality
from weerbaar.apps.regions.queries import region_overview
from weerbaar.core.maps import OVERLAYS, map_config


def home(request):
    context = region_overview(settings.WEERBAAR_REGION)
    context["share_percent"] = round(settings.WEERBAAR_LESS_SELF_RELIANT_SHARE * 100)
    return render(request, "regions/home.html", context)


def map_page(request):
    return render(
        request,
        "regions/map.html",
        {
            "datasets": Dataset.objects.all(),
            "share_percent": round(settings.WEERBAAR_LESS_SELF_RELIANT_SHARE * 100),
            "map_config": map_config(),
            "overlays": OVERLAYS,
        },
    )


def municipality_detail(request, code):
    municipality = get_object_or_404(Municipality, code=code.upper())
    context = {
        "municipality": municipality,
        "districts": municipality.districts.all(),
        "can_read_contact": rights.can_read_municipal_contacts(request.user, municipality),
        "can_edit": rights.can_edit_municipality_records(request.user, municipality),
    }
    if context["can_read_contact"]:
        context["contact"] = services.read_crisis_contact(request.user, municipality)
    return render(request, "regions/municipality_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def crisis_contact_edit(request, code):
    municipality = get_object_or_404(Municipality, code=code.upper())
    if not rights.can_edit_municipality_records(request.user, municipality):
        raise PermissionDenied(_("You may not change this municipality's records."))
    if request.method == "POST":
        form = CrisisContactForm(request.POST)
        if form.is_valid():
            services.save_crisis_contact(request.user, municipality, form.cleaned_data)
            return redirect("regions:municipality", code=municipality.code)
    else:
        form = CrisisContactForm(instance=services.read_crisis_contact(request.user, municipality))
    return render(
        request, "regions/crisis_contact_form.html", {"municipality": municipality, "form": form}
    )
