"""Import and export of the registry as CSV and GeoJSON: the one export path, used by the
pages and the API alike. An export can be edited and imported again: rows with an `id`
update that point, rows without one register a new point."""

import csv
import io
import json
import uuid

from django.db import transaction

from weerbaar.apps.supportpoints import services
from weerbaar.apps.supportpoints.choices import Origin
from weerbaar.apps.supportpoints.forms import MANAGER_FIELDS
from weerbaar.apps.supportpoints.models import SupportPoint
from weerbaar.core.geojson import feature_collection, point_feature

COLUMNS = ["id", *MANAGER_FIELDS]
PUBLIC_COLUMNS = [c for c in COLUMNS if not c.startswith("contact_")] + ["status", "origin"]
MAX_ROWS = 5000


def point_row(point: SupportPoint, columns: list[str]) -> dict:
    row = {}
    for name in columns:
        if name == "municipality":
            row[name] = point.municipality.code
        elif name == "coordinating_point":
            row[name] = str(point.coordinating_point_id or "")
        elif name == "functions":
            row[name] = ";".join(point.functions)
        else:
            row[name] = getattr(point, name)
    row["id"] = str(point.pk)
    return row


def export_csv(points, *, with_contacts: bool = False) -> str:
    columns = COLUMNS + ["status", "origin"] if with_contacts else PUBLIC_COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for point in points:
        writer.writerow(point_row(point, columns))
    return out.getvalue()


def export_geojson(points, *, with_contacts: bool = False) -> dict:
    columns = COLUMNS + ["status", "origin"] if with_contacts else PUBLIC_COLUMNS
    features = []
    for point in points:
        props = point_row(point, columns)
        props["functions"] = list(point.functions)
        props.pop("lat")
        props.pop("lon")
        props["demo"] = point.origin == Origin.DEMO
        features.append(point_feature(point.pk, point.lon, point.lat, props))
    return feature_collection(features)


class ImportFailed(ValueError):  # noqa: N818
    """Nothing was saved; `problems` lists (row number, message) pairs."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("; ".join(f"row {n}: {m}" for n, m in problems[:20]))


def parse(content: bytes, filename: str) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([(0, "the file is not UTF-8 text")]) from exc
    if filename.lower().endswith((".geojson", ".json")):
        return _parse_geojson(text)
    if filename.lower().endswith(".csv"):
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    raise ImportFailed([(0, "use a .csv or .geojson file")])


def _parse_geojson(text: str) -> list[dict]:
    try:
        data = json.loads(text)
        rows = []
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"][:2]
            props = dict(feature.get("properties") or {})
            if isinstance(props.get("functions"), list):
                props["functions"] = ";".join(props["functions"])
            rows.append({**props, "lon": lon, "lat": lat, "id": props.get("id", feature.get("id"))})
        return rows
    except (ValueError, KeyError, TypeError) as exc:
        raise ImportFailed([(0, "not a GeoJSON FeatureCollection of points")]) from exc


def _form_data(row: dict) -> dict:
    data = {k: ("" if v is None else v) for k, v in row.items() if k in COLUMNS}
    data["functions"] = [f for f in str(data.get("functions", "")).split(";") if f.strip()]
    if str(data.get("step_free_access", "")).strip().lower() in ("", "0", "false", "nee", "no"):
        data.pop("step_free_access", None)
    return data


def _existing(row_id) -> SupportPoint | None:
    if not row_id:
        return None
    try:
        return SupportPoint.objects.filter(pk=uuid.UUID(str(row_id))).first()
    except ValueError:
        return None


@transaction.atomic
def import_rows(user, rows: list[dict]) -> dict:
    """All or nothing: every row is checked; one bad row and no row is saved."""
    if not rows:
        raise ImportFailed([(0, "the file holds no rows")])
    if len(rows) > MAX_ROWS:
        raise ImportFailed([(0, f"at most {MAX_ROWS} rows per import")])
    problems, created, updated = [], 0, 0
    for number, row in enumerate(rows, start=2):
        try:
            with transaction.atomic():
                point = _existing(row.get("id"))
                if point is None:
                    services.register(user, _form_data(row), origin=Origin.IMPORTED)
                    created += 1
                else:
                    services.update(user, point, _form_data(row))
                    updated += 1
        except (services.InvalidInput, services.NotAllowed) as exc:
            problems.append((number, str(exc)))
    if problems:
        raise ImportFailed(problems)  # leaving the atomic block undoes the good rows too
    return {"created": created, "updated": updated}
