"""The coverage analysis page, its CSV export, and its API."""

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from weerbaar.apps.regions.models import District, Municipality, PostcodeArea
from weerbaar.apps.supportpoints import coverage
from weerbaar.core.geojson import geojson_response
from weerbaar.core.maps import map_config

router = Router(tags=["coverage"])
LEVELS = {"municipality": "municipality", "district": "district", "postcode": "postcode"}


def _names(level: str) -> dict[str, str]:
    model = {"municipality": Municipality, "district": District, "postcode": PostcodeArea}[level]
    field = "place" if level == "postcode" else "name"
    return dict(model.objects.values_list("code", field))


def analyse(query) -> dict:
    norm = coverage.Norm.from_query(query)
    level = query.get("by") or "municipality"
    if level not in LEVELS:
        raise coverage.NormError("by must be municipality, district or postcode")
    within = (query.get("municipality") or "").upper()
    pop = coverage.population()
    points = coverage.points_in_service()
    result = coverage.compute(pop, points, norm)
    labels = getattr(pop, LEVELS[level])
    rows = coverage.by_area(pop, result, labels)
    if within:
        codes = set(pop.district[pop.municipality == within]) | set(
            pop.postcode[pop.municipality == within]
        )
        rows = [r for r in rows if r["area"] in codes or r["area"] == within]
    names = _names(level)
    for row in rows:
        row["name"] = names.get(row["area"], row["area"] or "—")
    totals = {m: round(float(pop.values[m].sum())) for m in coverage.MEASURES}
    shares = {m: result.share(pop, m) for m in coverage.MEASURES}
    return {
        "norm": norm,
        "level": level,
        "within": within,
        "rows": rows,
        "points": coverage.by_point(pop, result, points),
        "totals": totals,
        "shares": shares,
        "network": result.network,
    }


def _query_string(request) -> str:
    return request.GET.urlencode()


def coverage_page(request):
    try:
        context = analyse(request.GET)
    except coverage.NormError as exc:
        context = {"error": str(exc), "norm": coverage.Norm()}
    uncovered = {
        "uncovered": {
            "url": reverse("api:geo_uncovered") + "?" + _query_string(request),
            "style": "population",
            "property": "residents",
            "colour": "#a30d0d",
            "legend": _("Residents outside the norm (derived)"),
            "label": _("Residents outside the norm (derived population layer)"),
        }
    }
    context.update(
        map_config=map_config(
            overlays_on=("support-points", "uncovered"), extra_overlays=uncovered
        ),
        municipalities=Municipality.objects.all(),
        modes=coverage.MODES,
        query=_query_string(request),
    )
    return render(request, "supportpoints/coverage.html", context)


def coverage_csv(request):
    try:
        context = analyse(request.GET)
    except coverage.NormError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    columns = ["area", "name"] + [
        f"{m}{suffix}" for m in coverage.MEASURES for suffix in ("", "_covered", "_uncovered")
    ]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(context["rows"])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dekking-{context["level"]}.csv"'
    return response


def _api_analyse(request):
    try:
        return analyse(request.GET)
    except coverage.NormError as exc:
        raise HttpError(422, str(exc)) from exc


@router.get("/coverage", auth=None)
def coverage_api(
    request: HttpRequest,
    mode: str = "walk",
    minutes: str | None = None,
    speed_kmh: str | None = None,
    detour: str | None = None,
    participation: str | None = None,
    by: str = "municipality",
    municipality: str | None = None,
):
    """Residents and vulnerable residents covered under a norm, per area and per point.
    Numbers may be left empty for their defaults (minutes 30, the mode's speed, detour 1.3,
    participation 0.10); they are parsed by the norm, which says what is wrong.
    Population figures are derived (500 m grid); travel is straight line × detour unless the
    installation has a road network."""
    context = _api_analyse(request)
    norm = context["norm"]
    return {
        "norm": {**norm.__dict__, "radius_m": norm.radius_m, "road_network": context["network"]},
        "totals": context["totals"],
        "shares_covered": context["shares"],
        "items": context["rows"],
        "count": len(context["rows"]),
        "points": [
            {
                **{k: v for k, v in row.items() if k != "point"},
                "id": str(row["point"].pk),
                "name": row["point"].name,
            }
            for row in context["points"]
        ],
    }


geo_router = Router(tags=["map layers"])


@geo_router.get("/uncovered", auth=None)
def geo_uncovered(
    request: HttpRequest,
    mode: str = "walk",
    minutes: str | None = None,
    speed_kmh: str | None = None,
    detour: str | None = None,
):
    """Demand points (derived) outside the norm, as GeoJSON."""
    try:
        norm = coverage.Norm.from_query(request.GET)
    except coverage.NormError as exc:
        raise HttpError(422, str(exc)) from exc
    pop = coverage.population()
    result = coverage.compute(pop, coverage.points_in_service(), norm)
    return geojson_response(coverage.uncovered_geojson(pop, result))
