"""Support point registry API: public locations and functions; contacts, changes, lifecycle,
import and readiness rules within one's rights."""

import json
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth
from pydantic import BaseModel, ConfigDict

from weerbaar.apps.supportpoints import exchange, queries, rights, services
from weerbaar.apps.supportpoints.choices import CandidateKind
from weerbaar.apps.supportpoints.models import CandidateSite, SupportPoint
from weerbaar.core.geojson import feature_collection, geojson_response, point_feature
from weerbaar.core.transitions import TransitionNotAllowedError

router = Router(tags=["support points"])
geo_router = Router(tags=["map layers"])
MAX_UPLOAD = 5 * 1024 * 1024


class ReadinessOut(Schema):
    function: str
    deliverable: bool
    missing: list[str]


class PointOut(Schema):
    id: UUID
    name: str
    tier: str
    coordinating_point: UUID | None
    municipality: str
    address: str
    postcode: str
    place: str
    lat: float
    lon: float
    building_type: str
    owner: str
    capacity: int
    status: str
    functions: list[str]
    power: str
    fuel_hours: float
    communication: str
    water_litres: int
    trained_staff: int
    step_free_access: bool
    origin: str
    readiness_score: int
    readiness: list[ReadinessOut]
    contacts: dict | None = None


class PointList(Schema):
    items: list[PointOut]
    count: int


class PointIn(BaseModel):
    """Fields of a support point. On PATCH only the given fields change."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    tier: str | None = None
    coordinating_point: UUID | None = None
    municipality: str | None = None
    address: str | None = None
    postcode: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    building_type: str | None = None
    owner: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    capacity: int | None = None
    functions: list[str] | None = None
    power: str | None = None
    fuel_hours: float | None = None
    communication: str | None = None
    water_litres: int | None = None
    trained_staff: int | None = None
    step_free_access: bool | None = None
    notes: str | None = None


class StatusIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str
    reason: str = ""
    idempotency_key: str | None = None


class NearbyOut(Schema):
    point: PointOut
    straight_m: int
    travel_m: int
    walking_minutes: int


class NearbyList(Schema):
    items: list[NearbyOut]
    count: int
    located_at: dict


class CandidateOut(Schema):
    code: str
    name: str
    kind: str
    municipality: str
    lat: float
    lon: float
    source: str
    is_proxy: bool


class CandidateList(Schema):
    items: list[CandidateOut]
    count: int


def point_out(point: SupportPoint, rules: dict, user=None) -> dict:
    ready = services.readiness_of(point, rules)
    values = {name: getattr(point, name) for name in PointOut.model_fields if hasattr(point, name)}
    values.update(
        id=point.pk,
        coordinating_point=point.coordinating_point_id,
        municipality=point.municipality.code,
        readiness_score=ready.score,
        readiness=[f.__dict__ for f in ready.functions],
        contacts=None,
    )
    if user is not None and rights.can_read_contacts(user, point):
        values["contacts"] = services.read_contacts(user, point)
    return values


def point_or_404(point_id: UUID) -> SupportPoint:
    point = SupportPoint.objects.select_related("municipality").filter(pk=point_id).first()
    if point is None:
        raise HttpError(404, f"Unknown support point: {point_id}")
    return point


def _filtered(municipality: str | None, tier: str | None, status: str | None):
    points = SupportPoint.objects.select_related("municipality")
    if municipality:
        points = points.filter(municipality__code=municipality.upper())
    if tier:
        points = points.filter(tier=tier)
    if status:
        points = points.filter(status=status)
    return points


@router.get("/support-points", response=PointList, auth=None)
def list_points(
    request: HttpRequest,
    municipality: str | None = None,
    tier: str | None = None,
    status: str | None = None,
):
    rules = services.current_rules()
    items = [point_out(p, rules) for p in _filtered(municipality, tier, status)]
    return {"items": items, "count": len(items)}


def _payload_data(point: SupportPoint | None, payload: PointIn) -> dict:
    """The point's current values with the given ones on top (PATCH semantics)."""
    data = {} if point is None else exchange.point_row(point, exchange.COLUMNS)
    if point is not None:
        data["functions"] = list(point.functions)
    data.update(payload.model_dump(exclude_unset=True))
    return {k: ("" if v is None else v) for k, v in data.items()}


def _call(write, *args):
    try:
        return write(*args)
    except services.NotAllowed as exc:
        raise HttpError(403, str(exc)) from exc
    except services.InvalidInput as exc:
        raise HttpError(422, str(exc)) from exc
    except TransitionNotAllowedError as exc:
        raise HttpError(409, str(exc)) from exc


@router.post("/support-points", response={201: PointOut}, auth=django_auth)
def create_point(request: HttpRequest, payload: PointIn):
    point = _call(services.register, request.user, _payload_data(None, payload))
    return Status(201, point_out(point, services.current_rules(), request.user))


@router.get("/support-points/export", auth=None)
def export_points(request: HttpRequest, format: str = "csv", municipality: str | None = None):  # noqa: A002
    """The registry as CSV or GeoJSON (public fields; no contact persons)."""
    points = _filtered(municipality, None, None)
    if format == "geojson":
        return geojson_response(exchange.export_geojson(points))
    if format != "csv":
        raise HttpError(422, "format must be csv or geojson")
    response = HttpResponse(exchange.export_csv(points), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="noodsteunpunten.csv"'
    return response


@router.post("/support-points/import", auth=django_auth)
def import_points(request: HttpRequest, file: UploadedFile = File(...)):  # noqa: B008
    """Import a CSV or GeoJSON file: all rows or none."""
    if not rights.can_import(request.user):
        raise HttpError(403, "Only the region and municipal officers import support points.")
    if file.size > MAX_UPLOAD:
        raise HttpError(413, "the file is larger than 5 MB")
    try:
        rows = exchange.parse(file.read(), file.name or "")
        return exchange.import_rows(request.user, rows)
    except exchange.ImportFailed as exc:
        return JsonResponse(
            {"detail": str(exc), "problems": [{"row": n, "message": m} for n, m in exc.problems]},
            status=422,
        )


@router.get("/support-points/{point_id}", response=PointOut, auth=None)
def get_point(request: HttpRequest, point_id: UUID):
    return point_out(point_or_404(point_id), services.current_rules(), request.user)


@router.patch("/support-points/{point_id}", response=PointOut, auth=django_auth)
def update_point(request: HttpRequest, point_id: UUID, payload: PointIn):
    point = point_or_404(point_id)
    point = _call(services.update, request.user, point, _payload_data(point, payload))
    return point_out(point, services.current_rules(), request.user)


@router.post("/support-points/{point_id}/status", response=PointOut, auth=django_auth)
def change_status(request: HttpRequest, point_id: UUID, payload: StatusIn):
    point = point_or_404(point_id)
    point = _call(
        services.change_status,
        request.user,
        point,
        payload.status,
        payload.reason,
        payload.idempotency_key,
    )
    return point_out(point, services.current_rules(), request.user)


@router.get("/nearest-support-points", response=NearbyList, auth=None)
def nearest_points(
    request: HttpRequest,
    postcode: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    limit: int = 3,
):
    """The nearest support points in service, for a postcode (PC4) or a location.
    travel_m is on foot: over the road network when the installation has one (points it does
    not reach are left out), else straight_m × the detour factor (an assumption)."""
    if not 1 <= limit <= 20:
        raise HttpError(422, "limit must lie between 1 and 20")
    if postcode:
        located = queries.locate_postcode(postcode)
        if located is None:
            raise HttpError(404, f"Unknown postcode: {postcode}")
        lat, lon = located
    elif lat is None or lon is None:
        raise HttpError(422, "give a postcode, or lat and lon")
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise HttpError(422, "lat must lie between -90 and 90, lon between -180 and 180")
    rules = services.current_rules()
    items = [
        {
            "point": point_out(n.point, rules),
            "straight_m": round(n.straight_m),
            "travel_m": round(n.travel_m),
            "walking_minutes": n.walking_minutes,
        }
        for n in queries.nearest(lat, lon, limit)
    ]
    return {"items": items, "count": len(items), "located_at": {"lat": lat, "lon": lon}}


@router.get("/candidate-sites", response=CandidateList, auth=None)
def list_candidates(request: HttpRequest, municipality: str | None = None, kind: str | None = None):
    sites = CandidateSite.objects.select_related("municipality")
    if municipality:
        sites = sites.filter(municipality__code=municipality.upper())
    if kind:
        if kind not in CandidateKind.values:
            raise HttpError(422, f"kind must be one of {', '.join(CandidateKind.values)}")
        sites = sites.filter(kind=kind)
    items = [{**s.__dict__, "municipality": s.municipality.code} for s in sites]
    return {"items": items, "count": len(items)}


@router.get("/readiness-rules", auth=None)
def get_rules(request: HttpRequest):
    """The rules that decide which functions a point can deliver for 72 hours."""
    return services.current_rules()


@router.put("/readiness-rules", auth=django_auth)
def put_rules(request: HttpRequest):
    try:
        rules = json.loads(request.body or b"null")
    except ValueError as exc:
        raise HttpError(400, "the body is not JSON") from exc
    return _call(services.save_rules, request.user, rules)


@geo_router.get("/support-points", auth=None)
def geo_support_points(request: HttpRequest, municipality: str | None = None):
    """The support points as GeoJSON (public fields)."""
    points = _filtered(municipality, None, None)
    return geojson_response(exchange.export_geojson(points))


@geo_router.get("/candidate-sites", auth=None)
def geo_candidate_sites(request: HttpRequest, municipality: str | None = None):
    """Proxy candidate sites as GeoJSON."""
    sites = CandidateSite.objects.select_related("municipality")
    if municipality:
        sites = sites.filter(municipality__code=municipality.upper())
    features = [
        point_feature(
            s.code,
            s.lon,
            s.lat,
            {
                "code": s.code,
                "name": s.name,
                "kind": s.kind,
                "municipality_code": s.municipality.code,
                "proxy": s.is_proxy,
                "source": s.source,
            },
        )
        for s in sites
    ]
    return geojson_response(feature_collection(features, {"proxy": True}))
