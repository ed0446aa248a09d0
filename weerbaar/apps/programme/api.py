"""The programme monitor in the API: the budget (public: it is council information), the
catalogue and its versions, the matrix and roll-ups, a municipality's measures, the regional
measures and the sub-projects. Endpoints validate, check rights (programme.rights), call one
service or query, and answer."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from weerbaar.apps.programme import queries, rights, services
from weerbaar.apps.programme.budgeting import Amount, as_json
from weerbaar.apps.programme.catalogue_io import CatalogueError, CatalogueFile, entries_from_rows
from weerbaar.apps.programme.models import (
    CatalogueEntry,
    CatalogueVersion,
    MeasureRecord,
    Phase,
    SubProject,
)
from weerbaar.apps.regions.models import Municipality

router = Router(tags=["programme"], auth=django_auth)

PM = "p.m."
StatusValue = Literal["not_started", "in_progress", "done", "not_applicable"]


def _to_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError("not a date (YYYY-MM-DD)") from exc


def _https(value: str) -> str:
    if value and not value.startswith("https://"):
        raise ValueError("a link must start with https://")
    return value


IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_to_date)]
HttpsUrl = Annotated[str, Field(max_length=500), AfterValidator(_https)]


# --- schemas ---------------------------------------------------------------------------------


class YearOut(Schema):
    costs: int
    national_contribution: int
    fund_formation: int
    previous_result: int
    result: int


class BudgetOut(Schema):
    years: dict[str, YearOut]


class BudgetLineOut(Schema):
    group: str
    group_key: str
    subproject: str | None
    topic: str
    amounts: dict[str, int | str]


class BudgetLineList(Schema):
    items: list[BudgetLineOut]
    count: int


class BudgetLineIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    group: str = Field(min_length=1, max_length=200)
    topic: str = Field(min_length=1, max_length=200)
    # Per year (as text, "2026"): euros (costs negative) or "p.m." for not yet known.
    amounts: dict[Annotated[str, Field(pattern=r"^\d{4}$")], int | Literal["p.m."]]


class BudgetLinesIn(BaseModel):
    """The budget's lines, all of them (PUT replaces them)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    items: list[BudgetLineIn] = Field(max_length=500)


class BudgetYearIn(BaseModel):
    """A year's own figures (PUT replaces them); costs come from the lines."""

    model_config = ConfigDict(extra="forbid", strict=True)

    national_contribution: int = 0
    national_contribution_note: str = Field("", max_length=300)
    fund_formation: int = 0
    fund_formation_label: str = Field("", max_length=200)


class MeasureOut(Schema):
    id: str
    title: str
    description: str
    phase: str
    responsible_party: str
    partners: list[str]
    theme: str
    scope: str
    source: str


class CatalogueOut(Schema):
    version: int
    title: str
    is_concept: bool
    note: str
    source_name: str
    imported_at: datetime
    imported_by: str | None
    changes: dict
    items: list[MeasureOut]
    count: int


class VersionOut(Schema):
    version: int
    title: str
    is_concept: bool
    source_name: str
    imported_at: datetime
    imported_by: str | None
    measure_count: int
    changes: dict


class VersionList(Schema):
    items: list[VersionOut]
    count: int


class CatalogueIn(BaseModel):
    """A catalogue to import: its measures with the fields of the YAML/CSV format (id,
    title, description, phase, responsible_party, partners, theme, scope, source)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: str = Field("", max_length=200)
    is_concept: bool = False
    note: str = Field("", max_length=2000)
    measures: list[dict[str, Any]] = Field(max_length=500)


class ChangeOut(Schema):
    at: datetime
    actor: str | None
    old_status: str
    new_status: str
    reason: str
    changes: dict


class RecordOut(Schema):
    measure: str
    title: str
    phase: str
    theme: str
    scope: str
    municipality: str | None
    status: str
    owner: str
    due_date: date | None
    evidence_url: str
    evidence_file: str
    evidence_download: str | None
    notes: str
    updated_at: datetime | None


class RecordList(Schema):
    items: list[RecordOut]
    count: int


class RecordDetail(RecordOut):
    history: list[ChangeOut]


class RecordIn(BaseModel):
    """The fields to change (PATCH: the fields not sent stay as they are)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    status: StatusValue | None = None
    owner: str | None = Field(None, max_length=200)
    due_date: IsoDate | None = None
    evidence_url: HttpsUrl | None = None
    notes: str | None = Field(None, max_length=4000)
    reason: str = Field("", max_length=2000)
    # The same change sent twice (a retry over a bad link) is applied once.
    idempotency_key: str | None = Field(None, min_length=8, max_length=64)


class MunicipalityRef(Schema):
    code: str
    name: str


class MatrixRow(Schema):
    measure: str
    title: str
    phase: str
    theme: str
    scope: str
    statuses: dict[str, str]


class MatrixOut(Schema):
    municipalities: list[MunicipalityRef]
    items: list[MatrixRow]
    count: int


class TallyOut(Schema):
    key: str
    label: str
    counts: dict[str, int]
    total: int
    done: int
    percent_done: int


class RollupsOut(Schema):
    overall: TallyOut
    by_phase: list[TallyOut]
    by_theme: list[TallyOut]
    by_subproject: list[TallyOut]
    by_municipality: list[TallyOut]


class SubProjectOut(Schema):
    key: str
    name: str
    goal: str
    action_lines: list[str]
    needed_roles: list[str]
    note: str
    owner: str
    progress: int
    measures: list[str]
    budget_groups: list[str]


class SubProjectList(Schema):
    items: list[SubProjectOut]
    count: int


class SubProjectIn(BaseModel):
    """The whole sub-project (PUT replaces it, and creates it when the key is new)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1, max_length=200)
    goal: str = Field(min_length=1, max_length=4000)
    action_lines: list[Annotated[str, Field(max_length=1000)]] = Field([], max_length=50)
    needed_roles: list[Annotated[str, Field(max_length=200)]] = Field([], max_length=50)
    note: str = Field("", max_length=4000)
    owner: str = Field("", max_length=200)
    progress: int = Field(0, ge=0, le=100)
    measures: list[str] = Field([], max_length=500)


# --- helpers ---------------------------------------------------------------------------------


def _require_reader(request) -> None:
    if not rights.can_read_programme(request.user):
        raise HttpError(403, "You may not read the programme.")


def _require_manager(request, what: str) -> None:
    if not rights.can_manage_programme(request.user):
        raise HttpError(403, f"Only the programme team and the regional coordinator {what}.")


def _municipality(code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code.upper()).first()
    if municipality is None:
        raise HttpError(404, f"Unknown municipality: {code}")
    return municipality


def _entry(measure_code: str) -> CatalogueEntry:
    entry = (
        queries.current_version()
        .entries.select_related("measure")
        .filter(measure__code__iexact=measure_code)
        .first()
    )
    if entry is None:
        raise HttpError(404, f"No measure {measure_code} in the current catalogue")
    return entry


def _measure_out(entry: CatalogueEntry) -> dict:
    return {
        "id": entry.code,
        "title": entry.title,
        "description": entry.description,
        "phase": entry.phase,
        "responsible_party": entry.responsible_party,
        "partners": list(entry.partners),
        "theme": entry.theme,
        "scope": entry.scope,
        "source": entry.source,
    }


def _catalogue_out(version: CatalogueVersion) -> dict:
    entries = [_measure_out(e) for e in version.entries.select_related("measure")]
    return {
        "version": version.number,
        "title": version.title,
        "is_concept": version.is_concept,
        "note": version.note,
        "source_name": version.source_name,
        "imported_at": version.imported_at,
        "imported_by": version.imported_by.username if version.imported_by_id else None,
        "changes": version.changes,
        "items": entries,
        "count": len(entries),
    }


def _record_out(entry: CatalogueEntry, record: MeasureRecord) -> dict:
    download = None
    if record.pk and record.evidence_file:
        download = reverse("programme:evidence", args=[record.pk])
    return {
        "measure": entry.code,
        "title": entry.title,
        "phase": entry.phase,
        "theme": entry.theme,
        "scope": entry.scope,
        "municipality": record.municipality.code if record.municipality_id else None,
        "status": record.status,
        "owner": record.owner,
        "due_date": record.due_date,
        "evidence_url": record.evidence_url,
        "evidence_file": record.evidence_file_name,
        "evidence_download": download,
        "notes": record.notes,
        "updated_at": record.updated_at if record.pk else None,
    }


def _record_detail(entry: CatalogueEntry, record: MeasureRecord) -> dict:
    history = []
    if record.pk:
        for change in record.history.select_related("actor").order_by("created_at"):
            history.append(
                {
                    "at": change.created_at,
                    "actor": change.actor.username if change.actor_id else None,
                    "old_status": change.old_status,
                    "new_status": change.new_status,
                    "reason": change.reason,
                    "changes": change.changes,
                }
            )
    return {**_record_out(entry, record), "history": history}


def _update(request, entry: CatalogueEntry, municipality, payload: RecordIn) -> dict:
    sent = [name for name in services.RECORD_FIELDS if name in payload.model_fields_set]
    values = {name: getattr(payload, name) for name in sent}
    if not values:
        raise HttpError(422, "Send at least one of: " + ", ".join(services.RECORD_FIELDS))
    try:
        record = services.update_record(
            request.user,
            entry.measure,
            municipality,
            values=values,
            reason=payload.reason,
            idempotency_key=payload.idempotency_key,
        )
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from exc
    return _record_detail(entry, record)


# --- the budget ------------------------------------------------------------------------------


@router.get("/programme/budget", response=BudgetOut, auth=None)
def get_budget(request: HttpRequest):
    """Costs, national contribution, fund formation, previous and current result per year,
    computed from the budget lines. Public: it is council information."""
    return as_json(queries.budget_figures())


def _lines_out() -> dict:
    table = queries.budget_table()
    items = []
    for group in table["groups"]:
        for row in group["lines"]:
            amounts = {
                str(year): (PM if a.is_pm else a.value)
                for year, a in zip(table["years"], row["amounts"], strict=True)
                if a is not None
            }
            subproject = group["group"].subproject
            items.append(
                {
                    "group": group["group"].name,
                    "group_key": group["group"].key,
                    "subproject": subproject.key if subproject else None,
                    "topic": row["line"].topic,
                    "amounts": amounts,
                }
            )
    return {"items": items, "count": len(items)}


@router.get("/programme/budget/lines", response=BudgetLineList, auth=None)
def list_budget_lines(request: HttpRequest):
    return _lines_out()


@router.put("/programme/budget/lines", response=BudgetLineList)
def put_budget_lines(request: HttpRequest, payload: BudgetLinesIn):
    _require_manager(request, "change the budget")
    seen, lines = set(), []
    for item in payload.items:
        if (item.group, item.topic) in seen:
            raise HttpError(422, f"{item.group} / {item.topic} occurs twice")
        seen.add((item.group, item.topic))
        amounts = {
            int(year): Amount(0, is_pm=True) if value == PM else Amount(value)
            for year, value in item.amounts.items()
        }
        if any(not 1900 <= year <= 2200 for year in amounts):
            raise HttpError(422, "years must lie between 1900 and 2200")
        lines.append(services.LineData(item.group, item.topic, amounts))
    services.replace_budget_lines(lines)
    return _lines_out()


@router.put("/programme/budget/years/{year}", response=BudgetOut)
def put_budget_year(request: HttpRequest, year: int, payload: BudgetYearIn):
    _require_manager(request, "change the budget")
    try:
        services.save_budget_year(year, payload.model_dump())
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from exc
    return as_json(queries.budget_figures())


# --- the catalogue ---------------------------------------------------------------------------


@router.get("/programme/catalogue", response=CatalogueOut)
def get_catalogue(request: HttpRequest):
    """The current catalogue version with its measures."""
    _require_reader(request)
    return _catalogue_out(queries.current_version())


@router.get("/programme/catalogue/versions", response=VersionList)
def list_catalogue_versions(request: HttpRequest):
    _require_reader(request)
    queries.current_version()
    items = [
        {
            "version": v.number,
            "title": v.title,
            "is_concept": v.is_concept,
            "source_name": v.source_name,
            "imported_at": v.imported_at,
            "imported_by": v.imported_by.username if v.imported_by_id else None,
            "measure_count": v.entries.count(),
            "changes": v.changes,
        }
        for v in CatalogueVersion.objects.select_related("imported_by")
    ]
    return {"items": items, "count": len(items)}


@router.post("/programme/catalogue/versions", response={200: CatalogueOut, 201: CatalogueOut})
def import_catalogue_version(request: HttpRequest, payload: CatalogueIn):
    """Import a catalogue as a new version (201), or 200 with the current version when it
    is identical to it."""
    _require_manager(request, "import a catalogue")
    try:
        catalogue = CatalogueFile(
            entries=entries_from_rows(payload.measures),
            title=payload.title,
            is_concept=payload.is_concept,
            note=payload.note,
        )
    except CatalogueError as exc:
        raise HttpError(422, str(exc)) from exc
    version, created = services.import_catalogue(request.user, catalogue, source_name="api")
    return Status(201 if created else 200, _catalogue_out(version))


@router.get("/programme/catalogue/versions/{number}", response=CatalogueOut)
def get_catalogue_version(request: HttpRequest, number: int):
    _require_reader(request)
    queries.current_version()
    version = CatalogueVersion.objects.filter(number=number).first()
    if version is None:
        raise HttpError(404, f"No catalogue version {number}")
    return _catalogue_out(version)


# --- the matrix and roll-ups -----------------------------------------------------------------


def _check_phase(phase: str) -> None:
    if phase and phase not in Phase.values:
        raise HttpError(422, "phase must be one of: " + ", ".join(Phase.values))


@router.get("/programme/matrix", response=MatrixOut)
def get_matrix(request: HttpRequest, phase: str = "", theme: str = ""):
    """Each measure of the current catalogue with its status per municipality (CBS code)."""
    _require_reader(request)
    _check_phase(phase)
    data = queries.matrix(phase=phase, theme=theme)
    codes = [m.code for m in data["municipalities"]]
    items = [
        {
            **{k: v for k, v in _measure_out(row["entry"]).items() if k in MatrixRow.model_fields},
            "measure": row["entry"].code,
            "statuses": {code: r.status for code, r in zip(codes, row["cells"], strict=True)},
        }
        for row in data["rows"]
    ]
    return {
        "municipalities": [{"code": m.code, "name": m.name} for m in data["municipalities"]],
        "items": items,
        "count": len(items),
    }


@router.get("/programme/rollups", response=RollupsOut)
def get_rollups(request: HttpRequest):
    """Counts of (measure, municipality) pairs per status, by phase, theme, sub-project and
    municipality; a regional measure's one record counts for every municipality."""
    _require_reader(request)
    data = queries.rollups()
    return {
        "overall": data["overall"].as_dict(),
        **{
            name: [t.as_dict() for t in data[name]]
            for name in ("by_phase", "by_theme", "by_subproject", "by_municipality")
        },
    }


# --- status records --------------------------------------------------------------------------


@router.get("/programme/municipalities/{code}/measures", response=RecordList)
def list_municipality_measures(request: HttpRequest, code: str):
    """A municipality's to-do list: every current measure with the record that counts for
    it (the regional record for a regional measure)."""
    _require_reader(request)
    municipality = _municipality(code)
    items = [_record_out(i["entry"], i["record"]) for i in queries.todo(municipality)]
    return {"items": items, "count": len(items)}


@router.get("/programme/municipalities/{code}/measures/{measure_code}", response=RecordDetail)
def get_municipality_measure(request: HttpRequest, code: str, measure_code: str):
    _require_reader(request)
    municipality, entry = _municipality(code), _entry(measure_code)
    return _record_detail(entry, queries.record_for(entry, municipality))


@router.patch("/programme/municipalities/{code}/measures/{measure_code}", response=RecordDetail)
def patch_municipality_measure(
    request: HttpRequest, code: str, measure_code: str, payload: RecordIn
):
    municipality, entry = _municipality(code), _entry(measure_code)
    if entry.is_regional:
        raise HttpError(
            409, f"{entry.code} is a regional measure: change it at the regional measure's address"
        )
    if not rights.can_edit_record(request.user, regional=False, municipality=municipality):
        raise HttpError(403, "You may not change this municipality's measures.")
    return _update(request, entry, municipality, payload)


def _regional_entry(measure_code: str) -> CatalogueEntry:
    entry = _entry(measure_code)
    if not entry.is_regional:
        raise HttpError(409, f"{entry.code} is kept per municipality, not regionally")
    return entry


@router.get("/programme/regional-measures/{measure_code}", response=RecordDetail)
def get_regional_measure(request: HttpRequest, measure_code: str):
    _require_reader(request)
    entry = _regional_entry(measure_code)
    return _record_detail(entry, queries.record_for(entry, None))


@router.patch("/programme/regional-measures/{measure_code}", response=RecordDetail)
def patch_regional_measure(request: HttpRequest, measure_code: str, payload: RecordIn):
    entry = _regional_entry(measure_code)
    if not rights.can_edit_record(request.user, regional=True):
        raise HttpError(403, "Only the programme team and the regional coordinator change this.")
    return _update(request, entry, None, payload)


# --- sub-projects ----------------------------------------------------------------------------


def _subproject_out(subproject: SubProject) -> dict:
    return {
        "key": subproject.key,
        "name": subproject.name,
        "goal": subproject.goal,
        "action_lines": list(subproject.action_lines),
        "needed_roles": list(subproject.needed_roles),
        "note": subproject.note,
        "owner": subproject.owner,
        "progress": subproject.progress,
        "measures": sorted(m.code for m in subproject.measures.all()),
        "budget_groups": [g.key for g in subproject.budget_groups.all()],
    }


@router.get("/programme/subprojects", response=SubProjectList)
def list_subprojects(request: HttpRequest):
    _require_reader(request)
    subprojects = SubProject.objects.prefetch_related("measures", "budget_groups")
    items = [_subproject_out(s) for s in subprojects]
    return {"items": items, "count": len(items)}


@router.put("/programme/subprojects/{key}", response=SubProjectOut)
def put_subproject(request: HttpRequest, key: str, payload: SubProjectIn):
    _require_manager(request, "change sub-projects")
    if not (1 <= len(key) <= 50) or not key.replace("-", "").isalnum() or key != key.lower():
        raise HttpError(422, "key: lower-case letters, digits and hyphens, at most 50")
    values = payload.model_dump(exclude={"measures"})
    try:
        subproject = services.save_subproject(key, values, payload.measures)
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from exc
    return _subproject_out(subproject)
