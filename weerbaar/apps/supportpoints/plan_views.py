"""Planning pages and API: ask the optimizer, see the proposal on the map, compare plans."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import BaseModel, ConfigDict

from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.supportpoints import coverage, planning, rights
from weerbaar.apps.supportpoints.models import Plan
from weerbaar.core.geojson import feature_collection, geojson_response, point_feature
from weerbaar.core.maps import map_config

router = Router(tags=["planning"])
geo_router = Router(tags=["map layers"])


def _municipality(code: str | None) -> Municipality | None:
    if not code:
        return None
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None:
        raise planning.PlanError(f"unknown municipality {code}")
    return municipality


def create_from(user, data) -> Plan:
    norm = coverage.Norm.from_query(data)
    municipality = _municipality(data.get("municipality"))
    if not rights.can_plan(user, municipality):
        raise PermissionError("You may not make plans for this area.")
    try:
        k = int(data["k"]) if data.get("k") not in (None, "") else None
        time_limit = float(data.get("time_limit") or 30)
    except ValueError as exc:
        raise planning.PlanError("k and the time limit must be numbers") from exc
    return planning.propose(
        user,
        name=(data.get("name") or "").strip()[:150] or _("Plan"),
        question=data.get("question") or Plan.Question.ADD_K,
        norm=norm,
        k=k,
        measure=data.get("measure") or "residents",
        municipality=municipality,
        method=data.get("method") or "auto",
        time_limit=min(max(time_limit, 1.0), 120.0),
    )


@login_required
def plan_list(request):
    if not rights.can_see_plans(request.user):
        raise PermissionDenied(_("Planning is for the region and municipal officers."))
    error = None
    if request.method == "POST":
        try:
            plan = create_from(request.user, request.POST)
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from exc
        except (planning.PlanError, coverage.NormError) as exc:
            error = str(exc)
        else:
            return redirect("supportpoints:plan", plan_id=plan.pk)
    return render(
        request,
        "supportpoints/plans.html",
        {
            "plans": Plan.objects.select_related("municipality", "created_by")[:100],
            "error": error,
            "municipalities": Municipality.objects.all(),
            "modes": coverage.MODES,
            "questions": Plan.Question.choices,
            "form": request.POST,
        },
    )


@login_required
def plan_detail(request, plan_id):
    if not rights.can_see_plans(request.user):
        raise PermissionDenied(_("Planning is for the region and municipal officers."))
    plan = get_object_or_404(Plan, pk=plan_id)
    overlay = {
        "plan": {
            "url": reverse("api:geo_plan", kwargs={"plan_id": plan.pk}),
            "style": "points",
            "colours": {"default": "#1e6b2e"},
            "legend": _("Proposed sites"),
            "label": _("Proposed sites (green)"),
        }
    }
    return render(
        request,
        "supportpoints/plan_detail.html",
        {
            "plan": plan,
            "sites": planning.proposed_sites(plan),
            "map_config": map_config(
                overlays_on=("support-points", "plan"), extra_overlays=overlay
            ),
        },
    )


@login_required
def plan_compare(request):
    if not rights.can_see_plans(request.user):
        raise PermissionDenied(_("Planning is for the region and municipal officers."))
    ids = request.GET.getlist("ids")[:4]
    plans = []
    for value in ids:
        try:
            plan = Plan.objects.filter(pk=UUID(value)).first()
        except ValueError:
            plan = None
        if plan:
            plans.append(plan)
    return render(request, "supportpoints/plan_compare.html", {"plans": plans})


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    question: str = "add_k"
    k: int | None = None
    mode: str = "walk"
    minutes: float = 30
    speed_kmh: float | None = None
    detour: float | None = None
    measure: str = "residents"
    municipality: str | None = None
    method: str = "auto"
    time_limit: float = 30


def plan_out(plan: Plan) -> dict:
    return {
        "id": str(plan.pk),
        "name": plan.name,
        "question": plan.question,
        "k": plan.k,
        "norm": plan.norm,
        "measure": plan.measure,
        "municipality": plan.municipality.code if plan.municipality else None,
        "selected": plan.selected,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "status": plan.status,
        "seconds": plan.seconds,
        "coverage_before": plan.before,
        "coverage_after": plan.after,
        "beyond_every_candidate": plan.unreachable,
        "created_at": plan.created_at.isoformat(),
    }


def _visible(request):
    if not rights.can_see_plans(request.user):
        raise HttpError(403, "Planning is for the region and municipal officers.")


@router.get("/plans", auth=django_auth)
def api_plans(request: HttpRequest):
    _visible(request)
    items = [plan_out(p) for p in Plan.objects.select_related("municipality")[:200]]
    return {"items": items, "count": len(items)}


@router.post("/plans", auth=django_auth)
def api_create_plan(request: HttpRequest, payload: PlanIn):
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    try:
        plan = create_from(request.user, {k: str(v) for k, v in data.items()})
    except PermissionError as exc:
        raise HttpError(403, str(exc)) from exc
    except (planning.PlanError, coverage.NormError) as exc:
        raise HttpError(422, str(exc)) from exc
    return JsonResponse(plan_out(plan), status=201)


@router.get("/plans/{plan_id}", auth=django_auth)
def api_plan(request: HttpRequest, plan_id: UUID):
    _visible(request)
    plan = Plan.objects.filter(pk=plan_id).select_related("municipality").first()
    if plan is None:
        raise HttpError(404, f"Unknown plan: {plan_id}")
    return plan_out(plan)


@geo_router.get("/plans/{plan_id}", auth=django_auth, url_name="geo_plan")
def geo_plan(request: HttpRequest, plan_id: UUID):
    """The proposed sites of a plan as GeoJSON."""
    _visible(request)
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise HttpError(404, f"Unknown plan: {plan_id}")
    features = [
        point_feature(
            site.code,
            site.lon,
            site.lat,
            {
                "name": site.name,
                "code": site.code,
                "proxy": site.is_proxy,
                "municipality_code": site.municipality.code,
            },
        )
        for site in planning.proposed_sites(plan)
    ]
    return geojson_response(feature_collection(features))
