"""Pages of the support point registry. Views check rights, call one service, and render."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.apps.accounts import rights as account_rights
from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.supportpoints import exchange, queries, rights, services
from weerbaar.apps.supportpoints.choices import Tier
from weerbaar.apps.supportpoints.forms import SupportPointForm
from weerbaar.apps.supportpoints.models import SupportPoint
from weerbaar.apps.supportpoints.states import ALLOWED_TRANSITIONS, Lifecycle
from weerbaar.core.maps import map_config
from weerbaar.core.transitions import TransitionNotAllowedError


def _filters(request):
    points = SupportPoint.objects.select_related("municipality", "coordinating_point")
    chosen = {k: request.GET.get(k, "") for k in ("municipality", "tier", "status")}
    if chosen["municipality"]:
        points = points.filter(municipality__code=chosen["municipality"])
    if chosen["tier"]:
        points = points.filter(tier=chosen["tier"])
    if chosen["status"]:
        points = points.filter(status=chosen["status"])
    return points, chosen


def point_list(request):
    points, chosen = _filters(request)
    rules = services.current_rules()
    rows = [(p, services.readiness_of(p, rules)) for p in points]
    context = {"rows": rows, "chosen": chosen}
    if request.htmx:
        return render(request, "supportpoints/_table.html", context)
    config = map_config(overlays_on=("support-points",))
    can_register = account_rights.is_regional_coordinator(request.user) or (
        account_rights.is_active(request.user) and request.user.role == "municipal_officer"
    )
    context.update(
        municipalities=Municipality.objects.all(),
        tiers=Tier.choices,
        statuses=Lifecycle.choices,
        map_config=config,
        can_register=can_register,
    )
    return render(request, "supportpoints/list.html", context)


def point_detail(request, point_id):
    point = get_object_or_404(SupportPoint.objects.select_related("municipality"), pk=point_id)
    contacts = None
    if rights.can_read_contacts(request.user, point):
        contacts = services.read_contacts(request.user, point)
    return render(
        request,
        "supportpoints/detail.html",
        {
            "point": point,
            "readiness": services.readiness_of(point),
            "contacts": contacts,
            "can_manage": rights.can_manage(request.user, point),
            "can_update": rights.can_update_readiness(request.user, point),
            "next_statuses": [Lifecycle(s) for s in sorted(ALLOWED_TRANSITIONS[point.status])],
            "history": point.status_changes.select_related("actor").order_by("-created_at"),
            "local_points": point.local_points.all() if point.tier == Tier.COORDINATING else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_create(request):
    form = SupportPointForm(request.POST or None)
    if request.method == "POST":
        try:
            point = services.register(request.user, request.POST)
        except services.NotAllowed as exc:
            raise PermissionDenied(_("You may not register support points there.")) from exc
        except services.InvalidInput:
            form.is_valid()
        else:
            messages.success(request, _("The support point has been registered."))
            return redirect("supportpoints:detail", point_id=point.pk)
    return render(request, "supportpoints/form.html", {"form": form, "point": None})


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request, point_id):
    point = get_object_or_404(SupportPoint, pk=point_id)
    try:
        form = services.form_for(request.user, point, request.POST or None)
    except services.NotAllowed as exc:
        raise PermissionDenied(_("You may not change this support point.")) from exc
    if request.method == "POST" and form.is_valid():
        try:
            services.update(request.user, point, request.POST)
        except services.NotAllowed as exc:
            raise PermissionDenied(_("You may not move a support point there.")) from exc
        messages.success(request, _("The support point has been saved."))
        return redirect("supportpoints:detail", point_id=point.pk)
    return render(request, "supportpoints/form.html", {"form": form, "point": point})


@login_required
@require_POST
def point_status(request, point_id):
    point = get_object_or_404(SupportPoint, pk=point_id)
    try:
        services.change_status(
            request.user, point, request.POST.get("status", ""), request.POST.get("reason", "")
        )
    except services.NotAllowed as exc:
        raise PermissionDenied(_("You may not change this support point's lifecycle.")) from exc
    except (services.InvalidInput, TransitionNotAllowedError):
        messages.error(request, _("This change of lifecycle is not possible."))
    else:
        messages.success(request, _("The lifecycle has been changed."))
    return redirect("supportpoints:detail", point_id=point.pk)


def export(request, fmt):
    points, _chosen = _filters(request)
    if fmt == "geojson":
        body = json.dumps(exchange.export_geojson(points), ensure_ascii=False)
        response = HttpResponse(body, content_type="application/geo+json")
    else:
        response = HttpResponse(exchange.export_csv(points), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="noodsteunpunten.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    result, problems = None, []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [(0, _("Choose a file."))]
        elif upload.size > 5 * 1024 * 1024:
            problems = [(0, _("The file is larger than 5 MB."))]
        else:
            try:
                result = exchange.import_rows(
                    request.user, exchange.parse(upload.read(), upload.name)
                )
            except exchange.ImportFailed as exc:
                problems = exc.problems
    return render(request, "supportpoints/import.html", {"result": result, "problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def rules_page(request):
    if not rights.can_edit_rules(request.user):
        raise PermissionDenied(_("Only the regional coordinator changes the readiness rules."))
    text, error = json.dumps(services.current_rules(), indent=2, ensure_ascii=False), None
    if request.method == "POST":
        text = request.POST.get("rules", "")
        try:
            services.save_rules(request.user, json.loads(text))
        except ValueError as exc:
            error = str(exc)
        else:
            messages.success(request, _("The readiness rules have been saved."))
            return redirect(reverse("supportpoints:rules"))
    return render(request, "supportpoints/rules.html", {"text": text, "error": error})


def nearest_page(request):
    postcode = request.GET.get("postcode", "").strip()
    lat, lon = request.GET.get("lat"), request.GET.get("lon")
    results, error, located, unreachable = None, None, None, False
    if postcode:
        located = queries.locate_postcode(postcode)
        if located is None:
            error = _("We do not know this postcode. Use four digits, for example 9401.")
    elif lat and lon:
        try:
            located = (float(lat), float(lon))
        except ValueError:
            located = None
        # float() accepts "nan" and "inf": the same range check as the API.
        if located is None or not (-90 <= located[0] <= 90 and -180 <= located[1] <= 180):
            located, error = None, _("This location could not be read.")
    if located:
        results = queries.nearest(*located, limit=3)
        # No result while points are in service: the road network does not reach them.
        in_service = SupportPoint.objects.filter(status=Lifecycle.IN_SERVICE)
        unreachable = not results and in_service.exists()
    return render(
        request,
        "supportpoints/nearest.html",
        {"postcode": postcode, "results": results, "error": error, "unreachable": unreachable},
    )
