"""Loading the reference data in weerbaar/data into the database, idempotently.

Reading the files is separate from writing rows: `sync_rows` compares what is there with
what should be there and writes only the difference, so a reload changes nothing and says so.
"""

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from weerbaar.apps.regions import population
from weerbaar.apps.regions.models import (
    Dataset,
    DemandPoint,
    District,
    Municipality,
    PostcodeArea,
    Region,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
KWB_FILE = "drenthe_kwb2024_gemeente_wijk.csv"
MUNICIPALITIES_FILE = "drenthe_gemeenten_2022_cbs.geojson"
DISTRICTS_FILE = "drenthe_wijken_2024_cbs.geojson"
POSTCODE_AREAS_FILE = "drenthe_pc4_2021_cbs.geojson"
DEMAND_POINTS_DATASET = "demand-points"
# Every column of a demand point, by code rather than by database id, so the checksum of the
# same layer is the same in every database.
DEMAND_POINT_COLUMNS = (
    "code",
    "municipality__code",
    "district__code",
    "postcode_area__code",
    "x",
    "y",
    "lon",
    "lat",
    "residents",
    "age_65_plus",
    "age_75_plus",
    "age_85_plus",
    "less_self_reliant",
)


@dataclass
class SyncCount:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.deleted} deleted"


@dataclass
class LoadReport:
    counts: dict[str, SyncCount] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated or c.deleted for c in self.counts.values())


def sync_rows(model, key: str, wanted: dict[str, dict]) -> SyncCount:
    """Make the table hold exactly `wanted` (key value -> field values)."""
    count = SyncCount()
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, changed_fields = [], [], set()
    for key_value, values in wanted.items():
        obj = existing.get(key_value)
        if obj is None:
            to_create.append(model(**{key: key_value}, **values))
            continue
        diff = [name for name, value in values.items() if _field_value(obj, name) != value]
        if diff:
            for name in diff:
                setattr(obj, name, values[name])
            changed_fields.update(diff)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=1000)
    stale = [obj.pk for k, obj in existing.items() if k not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    count.created, count.updated, count.deleted = len(to_create), len(to_update), len(stale)
    return count


def _field_value(obj, name):
    # Compare foreign keys by id so a reload does not fetch every related row.
    if name.endswith("_id") or not hasattr(obj, f"{name}_id"):
        return getattr(obj, name)
    return getattr(obj, f"{name}_id")


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_kwb(data_dir: Path) -> list[dict]:
    with (data_dir / KWB_FILE).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _features_by(path: Path, key: str) -> dict[str, dict]:
    return {str(f["properties"][key]): f for f in _read_json(path)["features"]}


@transaction.atomic
def load_reference(data_dir: Path = DATA_DIR, region_code: str | None = None) -> LoadReport:
    region_code = region_code or settings.WEERBAAR_REGION
    regions = {r["code"]: r for r in _read_json(data_dir / "regions.json")["regions"]}
    if region_code not in regions:
        raise ValueError(f"region {region_code!r} is not in the reference data")
    spec = regions[region_code]
    codes = set(spec["municipalities"])
    report = LoadReport()
    report.counts["regions"] = sync_rows(Region, "code", {region_code: {"name": spec["name"]}})
    region = Region.objects.get(code=region_code)

    kwb = [row for row in _read_kwb(data_dir) if row["gemeente_code"] in codes]
    boundaries = _features_by(data_dir / MUNICIPALITIES_FILE, "gemeente_code")
    report.counts["municipalities"] = sync_rows(
        Municipality,
        "code",
        {
            row["code"]: {
                "name": row["naam"],
                "region_id": region.pk,
                "population": int(row["AantalInwoners"]),
                "dwellings": int(row["Woningvoorraad"] or 0),
                "land_area_ha": int(row["OppervlakteLand"] or 0),
                "geometry": boundaries[row["code"]]["geometry"],
            }
            for row in kwb
            if row["soort"] == "gemeente"
        },
    )
    municipality_ids = dict(Municipality.objects.values_list("code", "id"))
    report.counts["districts"] = _sync_districts(data_dir, kwb, municipality_ids)
    points = population.derive_from_files(
        data_dir, less_self_reliant_share=settings.WEERBAAR_LESS_SELF_RELIANT_SHARE
    )
    points = [p for p in points if p.municipality_code in codes]
    report.counts["postcode_areas"] = _sync_postcode_areas(data_dir, points, municipality_ids)
    report.counts["demand_points"] = _sync_demand_points(points, municipality_ids)
    report.counts["datasets"] = sync_rows(Dataset, "key", _datasets(demand_points_checksum()))
    return report


def layer_checksum(rows) -> str:
    """SHA-256 over rows sorted on their first column (in Python: database collations differ).
    `repr` of a float round-trips exactly, so any change to a value changes the checksum."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: r[0]):
        digest.update(repr(tuple(row)).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def demand_points_checksum(model=DemandPoint) -> str:
    """Checksum of the population layer as it stands in the database (read back after the
    sync, so it describes what was written). `model` lets the migration pass its own."""
    return layer_checksum(model.objects.values_list(*DEMAND_POINT_COLUMNS))


def _sync_districts(data_dir: Path, kwb: list[dict], municipality_ids: dict) -> SyncCount:
    shapes = _features_by(data_dir / DISTRICTS_FILE, "wijk_code")
    return sync_rows(
        District,
        "code",
        {
            row["code"]: {
                "name": row["naam"],
                "municipality_id": municipality_ids[row["gemeente_code"]],
                "population": int(row["AantalInwoners"] or 0),
                "land_area_ha": int(row["OppervlakteLand"] or 0),
                "geometry": shapes[row["code"]]["geometry"],
            }
            for row in kwb
            if row["soort"] == "wijk"
        },
    )


def _sync_postcode_areas(data_dir: Path, points, municipality_ids: dict) -> SyncCount:
    derived_population: dict[str, int] = {}
    for point in points:
        derived_population[point.postcode] = derived_population.get(point.postcode, 0) + (
            point.residents
        )
    wanted = {}
    for code, feature in _features_by(data_dir / POSTCODE_AREAS_FILE, "postcode").items():
        props = feature["properties"]
        if props["gemeente_code"] not in municipality_ids:
            continue
        wanted[code] = {
            "place": props["plaats"],
            "municipality_id": municipality_ids[props["gemeente_code"]],
            "population_2021": int(props["inwoners"]),
            "population": derived_population.get(code, 0),
            "age_0_14": int(props["inw_0_14"]),
            "age_15_64": int(props["inw_15_64"]),
            "age_65_plus": int(props["inw_65_plus"]),
            "age_75_plus": int(props["inw_75_plus"]),
            "age_85_plus": int(props["inw_85_plus"]),
            "geometry": feature["geometry"],
        }
    return sync_rows(PostcodeArea, "code", wanted)


def _sync_demand_points(points, municipality_ids: dict) -> SyncCount:
    district_ids = dict(District.objects.values_list("code", "id"))
    postcode_ids = dict(PostcodeArea.objects.values_list("code", "id"))
    return sync_rows(
        DemandPoint,
        "code",
        {
            p.code: {
                "municipality_id": municipality_ids[p.municipality_code],
                "district_id": district_ids.get(p.district_code),
                "postcode_area_id": postcode_ids[p.postcode],
                "x": p.x,
                "y": p.y,
                "lon": p.lon,
                "lat": p.lat,
                "residents": p.residents,
                "age_65_plus": p.age_65_plus,
                "age_75_plus": p.age_75_plus,
                "age_85_plus": p.age_85_plus,
                "less_self_reliant": p.less_self_reliant,
            }
            for p in points
        },
    )


def _datasets(population_checksum: str) -> dict[str, dict]:
    cbs = "CC BY 4.0 (Bron: CBS)"
    return {
        "municipalities": {
            "title": "Gemeenten: grenzen en inwoners",
            "source": "CBS Kerncijfers wijken en buurten 2024 (85984NED); "
            "CBS Gebiedsindelingen 2022, gemeente_gegeneraliseerd",
            "licence": cbs,
            "reference_date": "1 januari 2024",
            "is_derived": False,
            "method": "",
            "parameters": {},
        },
        "districts": {
            "title": "Wijken: grenzen en inwoners",
            "source": "CBS Kerncijfers wijken en buurten 2024 (85984NED); "
            "PDOK/CBS wijk_gegeneraliseerd 2024",
            "licence": cbs,
            "reference_date": "1 januari 2024",
            "is_derived": False,
            "method": "",
            "parameters": {},
        },
        "postcode-areas": {
            "title": "Postcodegebieden (PC4): grenzen, inwoners en leeftijdsgroepen",
            "source": "CBS StatLine 83502NED en 83503NED; CBS Kerncijfers per postcode 2020",
            "licence": cbs,
            "reference_date": "1 januari 2021",
            "is_derived": False,
            "method": "The 2024 population per PC4 is derived: see demand-points.",
            "parameters": {},
        },
        DEMAND_POINTS_DATASET: {
            "title": "Bevolkingslaag: vraagpunten op een raster van 500 m (afgeleid)",
            "source": "Afgeleid uit CBS PC4 2021 en CBS Kerncijfers wijken en buurten 2024",
            "licence": cbs,
            "reference_date": "1 januari 2024 (totalen per gemeente)",
            "is_derived": True,
            "method": population.DERIVATION,
            "parameters": {
                "cell_size_m": 500,
                "less_self_reliant_share": settings.WEERBAAR_LESS_SELF_RELIANT_SHARE,
                "less_self_reliant_note": "estimate: national research puts the less "
                "self-reliant at 20-25% of residents",
            },
            "checksum": population_checksum,
        },
    }
