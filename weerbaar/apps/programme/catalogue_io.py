"""Reading a catalogue of measures from YAML or CSV, and comparing two catalogues.

No database here: the import service (services.import_catalogue) stores what this returns.
The format is described in data/starter_catalogue.yaml. Errors name the measure and field,
in the reader's language.
"""

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

import yaml
from django.utils.translation import gettext as _

from weerbaar.apps.programme.models.catalogue import UNKNOWN_PARTY, Phase, Scope

MAX_MEASURES = 500
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
FIELDS = (
    "id",
    "title",
    "description",
    "phase",
    "responsible_party",
    "partners",
    "theme",
    "scope",
    "source",
)
LIMITS = {"title": 300, "responsible_party": 200, "theme": 100}
# Dutch names are accepted too, so the VNG guide's own words import as they are.
PHASE_ALIASES = {
    "koude fase": Phase.COLD,
    "warme fase binnen 72 uur": Phase.WARM_WITHIN_72H,
    "warme fase na 72 uur": Phase.WARM_AFTER_72H,
    "nafase": Phase.AFTER,
    "onbekend": Phase.UNKNOWN,
    "": Phase.UNKNOWN,
}
SCOPE_ALIASES = {"gemeentelijk": Scope.MUNICIPAL, "regionaal": Scope.REGIONAL, "": Scope.MUNICIPAL}
PARTY_ALIASES = {"": UNKNOWN_PARTY, "onbekend": UNKNOWN_PARTY}


class CatalogueError(ValueError):
    """The catalogue cannot be imported; the message says why, for a person."""


@dataclass(frozen=True)
class EntryData:
    code: str
    title: str
    description: str = ""
    phase: str = Phase.UNKNOWN.value
    responsible_party: str = UNKNOWN_PARTY
    partners: tuple[str, ...] = ()
    theme: str = ""
    scope: str = Scope.MUNICIPAL.value
    source: str = ""

    def compared(self) -> dict:
        """The fields that make up a measure's content (what a new version may change)."""
        values = asdict(self)
        values["partners"] = list(self.partners)
        return values


@dataclass
class CatalogueFile:
    entries: list[EntryData]
    title: str = ""
    is_concept: bool = False
    note: str = ""
    meta: dict = field(default_factory=dict)

    def content_hash(self) -> str:
        rows = [e.compared() for e in self.entries]
        text = json.dumps([self.title, self.is_concept, self.note, rows], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def _text(value, code: str, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CatalogueError(
            _("Measure %(id)s: %(field)s must be text.") % {"id": code, "field": name}
        )
    text = " ".join(str(value).split()) if name != "description" else str(value).strip()
    limit = LIMITS.get(name)
    if limit and len(text) > limit:
        raise CatalogueError(
            _("Measure %(id)s: %(field)s is longer than %(limit)s characters.")
            % {"id": code, "field": name, "limit": limit}
        )
    return text


def _choice(value: str, choices, aliases: Mapping[str, str], code: str, name: str) -> str:
    key = value.strip().lower()
    if key in choices.values:
        return key
    if key in aliases:
        return str(aliases[key])
    raise CatalogueError(
        _("Measure %(id)s: %(field)s %(value)s is not one of: %(allowed)s.")
        % {"id": code, "field": name, "value": repr(value), "allowed": ", ".join(choices.values)}
    )


def _partners(value, code: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list):
        raise CatalogueError(_("Measure %(id)s: partners must be a list.") % {"id": code})
    return tuple(p for p in (_text(v, code, "partners") for v in value) if p)


def entry_from_mapping(row: Mapping, number: int) -> EntryData:
    """One measure from a mapping with the catalogue's field names; `number` counts from 1."""
    if not isinstance(row, Mapping):
        raise CatalogueError(_("Measure number %(n)s is not a list of fields.") % {"n": number})
    unknown = sorted(set(row) - set(FIELDS))
    code = str(row.get("id") or "").strip()
    label = code or f"#{number}"
    if unknown:
        raise CatalogueError(
            _("Measure %(id)s: unknown field(s) %(fields)s.")
            % {"id": label, "fields": ", ".join(map(str, unknown))}
        )
    if not CODE.match(code):
        raise CatalogueError(
            _(
                "Measure number %(n)s: the id must be 1 to 32 letters, digits, dots, hyphens "
                "or underscores."
            )
            % {"n": number}
        )
    values = {name: _text(row.get(name), code, name) for name in FIELDS if name != "partners"}
    for required in ("title", "source"):
        if not values[required]:
            raise CatalogueError(
                _("Measure %(id)s has no %(field)s.") % {"id": code, "field": required}
            )
    return EntryData(
        code=code,
        title=values["title"],
        description=values["description"],
        phase=_choice(values["phase"], Phase, PHASE_ALIASES, code, "phase"),
        responsible_party=PARTY_ALIASES.get(
            values["responsible_party"].lower(), values["responsible_party"]
        ),
        partners=_partners(row.get("partners"), code),
        theme=values["theme"],
        scope=_choice(values["scope"], Scope, SCOPE_ALIASES, code, "scope"),
        source=values["source"],
    )


def entries_from_rows(rows: Iterable[Mapping]) -> list[EntryData]:
    entries, seen = [], set()
    for number, row in enumerate(rows, start=1):
        if number > MAX_MEASURES:
            raise CatalogueError(
                _("A catalogue holds at most %(n)s measures.") % {"n": MAX_MEASURES}
            )
        entry = entry_from_mapping(row, number)
        if entry.code.lower() in seen:
            raise CatalogueError(_("The id %(id)s occurs twice.") % {"id": entry.code})
        seen.add(entry.code.lower())
        entries.append(entry)
    if not entries:
        raise CatalogueError(_("The catalogue holds no measures."))
    return entries


def read_yaml(text: str) -> CatalogueFile:
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        error = " ".join(str(exc).split())
        raise CatalogueError(_("This is not valid YAML: %(error)s") % {"error": error}) from exc
    if not isinstance(document, dict) or not isinstance(document.get("measures"), list):
        raise CatalogueError(_("The YAML file needs a list called 'measures'."))
    meta = document.get("catalogue") or {}
    if not isinstance(meta, dict):
        raise CatalogueError(_("'catalogue' must hold title, concept and note."))
    return CatalogueFile(
        entries=entries_from_rows(document["measures"]),
        title=_text(meta.get("title"), "catalogue", "title"),
        is_concept=bool(meta.get("concept", False)),
        note=_text(meta.get("note"), "catalogue", "description"),
    )


def read_csv(text: str) -> CatalogueFile:
    text = text.lstrip("\ufeff")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") and "\n" in sample else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    if "id" not in header or "title" not in header:
        raise CatalogueError(_("The CSV file needs a header row with at least id and title."))
    reader.fieldnames = header
    rows = [{k: v for k, v in row.items() if k} for row in reader if any(row.values())]
    return CatalogueFile(entries=entries_from_rows(rows))


def read_catalogue(name: str, content: bytes) -> CatalogueFile:
    """Read an uploaded file by its extension: .yaml/.yml or .csv (UTF-8)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError(_("The file must be UTF-8 text.")) from exc
    lowered = name.lower()
    if lowered.endswith((".yaml", ".yml")):
        return read_yaml(text)
    if lowered.endswith(".csv"):
        return read_csv(text)
    raise CatalogueError(_("Choose a .yaml, .yml or .csv file."))


def compare(old: Iterable[EntryData], new: Iterable[EntryData]) -> dict:
    """What changed from one catalogue to the next, by measure id."""
    before = {e.code: e.compared() for e in old}
    after = {e.code: e.compared() for e in new}
    changed = {}
    for code in after.keys() & before.keys():
        fields = [name for name in after[code] if after[code][name] != before[code][name]]
        if fields:
            changed[code] = fields
    return {
        "added": [code for code in after if code not in before],
        "removed": [code for code in before if code not in after],
        "changed": dict(sorted(changed.items())),
    }
