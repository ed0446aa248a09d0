"""Every write of the programme monitor (one door for writes). Each runs in a transaction,
locks what it changes, checks the rules and, for status records, appends history.

Rights are checked by the caller (page or API) through programme.rights; these functions
check the data. None of these records hold sensitive personal data (see
MeasureRecord.owner), so nothing here writes the audit log.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from weerbaar.apps.programme.budgeting import Amount
from weerbaar.apps.programme.catalogue_io import CatalogueFile, EntryData, compare
from weerbaar.apps.programme.models import (
    BudgetAmount,
    BudgetGroup,
    BudgetLine,
    BudgetYear,
    CatalogueEntry,
    CatalogueVersion,
    Measure,
    MeasureRecord,
    MeasureRecordChange,
    SubProject,
)
from weerbaar.apps.programme.states import ALLOWED_TRANSITIONS, MeasureStatus
from weerbaar.core.transitions import TransitionNotAllowedError, check_transition


class ProgrammeError(ValueError):
    """A change that breaks a rule; the message is meant for the person who made it."""


def _clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ProgrammeError(" ".join(exc.messages)) from exc


# --- the catalogue ---------------------------------------------------------------------------


def entry_data(entry: CatalogueEntry) -> EntryData:
    return EntryData(
        code=entry.measure.code,
        title=entry.title,
        description=entry.description,
        phase=entry.phase,
        responsible_party=entry.responsible_party,
        partners=tuple(entry.partners),
        theme=entry.theme,
        scope=entry.scope,
        source=entry.source,
    )


@transaction.atomic
def import_catalogue(
    actor, catalogue: CatalogueFile, *, source_name: str = ""
) -> tuple[CatalogueVersion, bool]:
    """Store a catalogue as the next version; (version, True). A catalogue identical to the
    current version is not stored again: (current version, False)."""
    latest = CatalogueVersion.objects.select_for_update().order_by("-number").first()
    content_hash = catalogue.content_hash()
    if latest is not None and latest.content_hash == content_hash:
        return latest, False
    previous = []
    if latest is not None:
        previous = [entry_data(e) for e in latest.entries.select_related("measure")]
    number = (CatalogueVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CatalogueVersion.objects.create(
        number=number,
        title=(catalogue.title or _("Catalogue of measures"))[:200],
        is_concept=catalogue.is_concept,
        note=catalogue.note,
        source_name=source_name[:200],
        imported_by=actor if actor is not None and actor.is_authenticated else None,
        changes=compare(previous, catalogue.entries),
        content_hash=content_hash,
    )
    for position, data in enumerate(catalogue.entries):
        measure = Measure.objects.filter(code__iexact=data.code).first()
        if measure is None:
            measure = Measure.objects.create(code=data.code)
        CatalogueEntry.objects.create(
            catalogue=version,
            measure=measure,
            position=position,
            title=data.title,
            description=data.description,
            phase=data.phase,
            responsible_party=data.responsible_party,
            partners=list(data.partners),
            theme=data.theme,
            scope=data.scope,
            source=data.source,
        )
    return version, True


# --- status records --------------------------------------------------------------------------

RECORD_FIELDS = ("status", "owner", "due_date", "evidence_url", "notes")


@dataclass
class EvidenceUpload:
    """A new evidence file (already validated), or `clear=True` to remove the current one."""

    file: UploadedFile | None = None
    clear: bool = False


def _as_text(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _apply_fields(record: MeasureRecord, values: dict) -> dict:
    changes = {}
    for name, value in values.items():
        if name not in RECORD_FIELDS:
            raise ProgrammeError(f"unknown field {name}")
        old = getattr(record, name)
        new = value if name == "due_date" else (value or "")
        if old != new:
            changes[name] = [_as_text(old), _as_text(new)]
            setattr(record, name, new)
    return changes


def _apply_evidence(record: MeasureRecord, evidence: EvidenceUpload | None) -> dict:
    if evidence is None or (evidence.file is None and not evidence.clear):
        return {}
    old = record.evidence_file_name
    if evidence.file is not None:
        record.evidence_file.save(evidence.file.name, evidence.file, save=False)
    else:
        record.evidence_file = ""
    return {"evidence_file": [old, record.evidence_file_name]}


@transaction.atomic
def update_record(
    actor,
    measure: Measure,
    municipality=None,
    *,
    values: dict,
    evidence: EvidenceUpload | None = None,
    reason: str = "",
    idempotency_key: str | None = None,
) -> MeasureRecord:
    """Change the record of a measure in a municipality (or the regional record when
    `municipality` is None): only what differs, one history row, the status move checked
    against the table. The same `idempotency_key` sent again changes nothing."""
    if idempotency_key:
        done = MeasureRecordChange.objects.filter(idempotency_key=idempotency_key).first()
        if done is not None:
            return MeasureRecord.objects.get(pk=done.record_id)
    record, _created = MeasureRecord.objects.select_for_update().get_or_create(
        measure=measure, municipality=municipality
    )
    old_status = record.status
    if "status" in values and values["status"] not in MeasureStatus.values:
        raise ProgrammeError(_("Unknown status."))
    changes = _apply_fields(record, values)
    if record.status != old_status:
        try:
            check_transition(ALLOWED_TRANSITIONS, old_status, record.status)
        except TransitionNotAllowedError as exc:
            raise ProgrammeError(_("This change of status is not allowed.")) from exc
    changes.update(_apply_evidence(record, evidence))
    if not changes:
        return record
    record.updated_by = actor
    try:
        record.full_clean(exclude=["measure", "municipality"], validate_unique=False)
    except ValidationError as exc:
        raise ProgrammeError(" ".join(exc.messages)) from exc
    record.save()
    MeasureRecordChange.objects.create(
        record=record,
        old_status=old_status,
        new_status=record.status,
        reason=reason[:2000],
        actor=actor,
        idempotency_key=idempotency_key or None,
        changes=changes,
    )
    return record


# --- sub-projects ----------------------------------------------------------------------------

SUBPROJECT_FIELDS = ("name", "goal", "action_lines", "needed_roles", "note", "owner", "progress")


@transaction.atomic
def save_subproject(key: str, values: dict, measure_codes: list[str] | None = None) -> SubProject:
    """Create or change a sub-project; `measure_codes` (when given) replaces its measures."""
    subproject = SubProject.objects.select_for_update().filter(key=key).first()
    if subproject is None:
        position = (SubProject.objects.aggregate(n=Max("position"))["n"] or 0) + 1
        subproject = SubProject(key=key, position=position)
    for name in SUBPROJECT_FIELDS:
        if name in values:
            setattr(subproject, name, values[name])
    _clean(subproject)
    subproject.save()
    if measure_codes is not None:
        measures = list(Measure.objects.filter(code__in=measure_codes))
        unknown = sorted(set(measure_codes) - {m.code for m in measures})
        if unknown:
            raise ProgrammeError(_("Unknown measure id(s): %(ids)s") % {"ids": ", ".join(unknown)})
        subproject.measures.set(measures)
    return subproject


# --- the budget ------------------------------------------------------------------------------


@dataclass
class LineData:
    group: str
    topic: str
    amounts: dict[int, Amount]


def _set_amounts(line: BudgetLine, amounts: dict[int, Amount]) -> None:
    for year, amount in amounts.items():
        BudgetAmount.objects.update_or_create(
            line=line,
            year=year,
            defaults={"amount": amount.counted, "is_pm": amount.is_pm},
        )
        BudgetYear.objects.get_or_create(year=year)


@transaction.atomic
def replace_budget_lines(lines: list[LineData]) -> int:
    """The budget's lines become exactly these (groups by name, created when new, in the
    order given). Year figures (national contribution, fund formation) stay."""
    BudgetLine.objects.all().delete()
    groups: dict[str, BudgetGroup] = {}
    for position, data in enumerate(lines):
        group = groups.get(data.group)
        if group is None:
            group = BudgetGroup.objects.filter(name=data.group).first()
            if group is None:
                group = BudgetGroup.objects.create(
                    name=data.group, key=_free_group_key(data.group), position=len(groups)
                )
            group.position = len(groups)
            group.save(update_fields=["position"])
            groups[data.group] = group
        line = BudgetLine.objects.create(group=group, topic=data.topic, position=position)
        _set_amounts(line, data.amounts)
    BudgetGroup.objects.exclude(pk__in=[g.pk for g in groups.values()]).filter(
        lines__isnull=True
    ).delete()
    return len(lines)


def _free_group_key(name: str) -> str:
    base = slugify(name)[:40] or "group"
    key, n = base, 1
    while BudgetGroup.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def save_budget_line(line: BudgetLine, amounts: dict[int, Amount]) -> BudgetLine:
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    _set_amounts(line, amounts)
    return line


@transaction.atomic
def save_budget_year(year: int, values: dict) -> BudgetYear:
    if not 1900 <= year <= 2200:
        raise ProgrammeError(_("The year must lie between 1900 and 2200."))
    budget_year, _created = BudgetYear.objects.select_for_update().get_or_create(year=year)
    for name in (
        "national_contribution",
        "national_contribution_note",
        "fund_formation",
        "fund_formation_label",
    ):
        if name in values:
            setattr(budget_year, name, values[name])
    _clean(budget_year)
    budget_year.save()
    return budget_year
