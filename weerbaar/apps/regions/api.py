"""Public reference API (municipalities, map layers) and the municipal crisis contact card."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import BaseModel, ConfigDict

from weerbaar.apps.accounts import rights
from weerbaar.apps.regions import geojson, services
from weerbaar.apps.regions.models import Dataset, Municipality
from weerbaar.core.geojson import geojson_response

router = Router(tags=["regions"])
geo_router = Router(tags=["map layers"])


class DistrictOut(Schema):
    code: str
    name: str
    population: int


class MunicipalityOut(Schema):
    code: str
    name: str
    population: int


class MunicipalityList(Schema):
    items: list[MunicipalityOut]
    count: int


class MunicipalityDetail(MunicipalityOut):
    region: str
    dwellings: int
    land_area_ha: int
    districts: list[DistrictOut]


class DatasetOut(Schema):
    key: str
    title: str
    source: str
    licence: str
    reference_date: str
    is_derived: bool
    method: str
    parameters: dict


class DatasetList(Schema):
    items: list[DatasetOut]
    count: int


class CrisisContactIn(BaseModel):
    """The whole card (PUT replaces it). A plain pydantic model, not a ninja Schema, so a
    body that is not an object, or has a misspelt field, is refused instead of being read
    as an empty card that would wipe the saved one."""

    model_config = ConfigDict(extra="forbid", strict=True)

    crisis_room_address: str = ""
    phone_24h: str = ""
    officer_name: str = ""
    officer_phone: str = ""
    satellite_phone: str = ""
    radio_call_sign: str = ""
    notes: str = ""


class CrisisContactOut(Schema):
    municipality: str
    crisis_room_address: str
    phone_24h: str
    officer_name: str
    officer_phone: str
    satellite_phone: str
    radio_call_sign: str
    notes: str


def municipality_or_404(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None:
        raise HttpError(404, f"Unknown municipality: {code}")
    return municipality


@router.get("/municipalities", response=MunicipalityList, auth=None)
def list_municipalities(request: HttpRequest):
    items = list(Municipality.objects.all())
    return {"items": items, "count": len(items)}


@router.get("/municipalities/{code}", response=MunicipalityDetail, auth=None)
def get_municipality(request: HttpRequest, code: str):
    municipality = municipality_or_404(code)
    return {
        "code": municipality.code,
        "name": municipality.name,
        "population": municipality.population,
        "region": municipality.region.code,
        "dwellings": municipality.dwellings,
        "land_area_ha": municipality.land_area_ha,
        "districts": list(municipality.districts.all()),
    }


def _contact_out(contact) -> dict:
    values = {name: getattr(contact, name) for name in services.CRISIS_CONTACT_FIELDS}
    return {"municipality": contact.municipality.code, **values}


@router.get("/municipalities/{code}/crisis-contact", response=CrisisContactOut, auth=django_auth)
def get_crisis_contact(request: HttpRequest, code: str):
    municipality = municipality_or_404(code)
    if not rights.can_read_municipal_contacts(request.user, municipality):
        raise HttpError(403, "You may not read this municipality's crisis contact.")
    return _contact_out(services.read_crisis_contact(request.user, municipality))


@router.put("/municipalities/{code}/crisis-contact", response=CrisisContactOut, auth=django_auth)
def put_crisis_contact(request: HttpRequest, code: str, payload: CrisisContactIn):
    municipality = municipality_or_404(code)
    if not rights.can_edit_municipality_records(request.user, municipality):
        raise HttpError(403, "You may not change this municipality's crisis contact.")
    try:
        contact = services.save_crisis_contact(request.user, municipality, payload.model_dump())
    except ValidationError as exc:
        reasons = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
        raise HttpError(422, "; ".join(reasons)) from exc
    return _contact_out(contact)


@router.get("/datasets", response=DatasetList, auth=None)
def list_datasets(request: HttpRequest):
    items = list(Dataset.objects.all())
    return {"items": items, "count": len(items)}


def _optional_municipality(code: str | None) -> Municipality | None:
    return municipality_or_404(code) if code else None


@geo_router.get("/municipalities", auth=None)
def geo_municipalities(request: HttpRequest):
    """The municipalities as a GeoJSON FeatureCollection."""
    return geojson_response(geojson.municipalities())


@geo_router.get("/districts", auth=None)
def geo_districts(request: HttpRequest, municipality: str | None = None):
    """The wijken (optionally of one municipality) as a GeoJSON FeatureCollection."""
    return geojson_response(geojson.districts(_optional_municipality(municipality)))


@geo_router.get("/postcode-areas", auth=None)
def geo_postcode_areas(request: HttpRequest, municipality: str | None = None):
    """The PC4 areas with 2021 age bands and the derived 2024 population."""
    return geojson_response(geojson.postcode_areas(_optional_municipality(municipality)))


@geo_router.get("/demand-points", auth=None)
def geo_demand_points(request: HttpRequest, municipality: str | None = None):
    """The derived population layer (500 m grid). Derived, not counted: see the metadata."""
    return geojson_response(geojson.demand_points(_optional_municipality(municipality)))
