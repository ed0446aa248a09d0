"""Proxy candidate sites and the demo network, from the data shipped in weerbaar/data.

Candidates are proxies (GeoNames populated places stand in for village halls or churches
near a village centre; hospital sites as they were in 2016) until a region imports its real
buildings. The demo network is one local point in service at each municipality's seat and
one coordinating point in Assen, labelled demo, so coverage has a baseline."""

import csv
from pathlib import Path

from django.db import transaction

from weerbaar.apps.regions.models import Municipality, PostcodeArea
from weerbaar.apps.regions.reference import SyncCount, sync_rows
from weerbaar.apps.supportpoints.choices import BuildingType, CandidateKind, Origin, Tier
from weerbaar.apps.supportpoints.models import CandidateSite, SupportPoint, SupportPointStatusChange
from weerbaar.apps.supportpoints.states import Lifecycle

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
GEONAMES_FILE = "drenthe_geonames_features.csv"
HOSPITALS_FILE = "hospitals_drenthe_30km_2016_vzinfo.csv"
GEONAMES_SOURCE = "GeoNames (CC BY 4.0), populated place: proxy for a village hall or church"
HOSPITAL_SOURCE = "RIVM/VZinfo hospitals December 2016 (geocoded by nl-hugo/mapNL): proxy"
# The seat of each municipality, by CBS code: where the demo network puts its local point.
SEATS = {
    "GM1680": "Gieten",
    "GM0106": "Assen",
    "GM1681": "Exloo",
    "GM0109": "Coevorden",
    "GM1690": "Zuidwolde",
    "GM0114": "Emmen",
    "GM0118": "Hoogeveen",
    "GM0119": "Meppel",
    "GM1731": "Beilen",
    "GM1699": "Roden",
    "GM1730": "Vries",
    "GM1701": "Diever",
}
COORDINATING_SEAT = "GM0106"


def _read(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def settlements() -> list[dict]:
    return [r for r in _read(GEONAMES_FILE) if r["feature_code"].startswith("PPL")]


@transaction.atomic
def load_candidates() -> SyncCount:
    ids = dict(Municipality.objects.values_list("code", "id"))
    wanted = {}
    for row in settlements():
        if row["gemeente_code"] in ids:
            wanted[f"geonames:{row['geonameid']}"] = {
                "name": row["name"],
                "kind": CandidateKind.SETTLEMENT,
                "municipality_id": ids[row["gemeente_code"]],
                "lat": float(row["latitude"]),
                "lon": float(row["longitude"]),
                "source": GEONAMES_SOURCE,
                "is_proxy": True,
            }
    pc4 = dict(PostcodeArea.objects.values_list("code", "municipality_id"))
    for row in _read(HOSPITALS_FILE):
        municipality_id = pc4.get(row["postcode"][:4])
        if row["in_drenthe"] == "True" and municipality_id:
            wanted[f"hospital:{row['ziekenhuisnummer']}"] = {
                "name": row["naam_ziekenhuis"],
                "kind": CandidateKind.HOSPITAL,
                "municipality_id": municipality_id,
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "source": HOSPITAL_SOURCE,
                "is_proxy": True,
            }
    return sync_rows(CandidateSite, "code", wanted)


def _demo_point(name, tier, municipality, place, parent=None) -> SupportPoint:
    point = SupportPoint.objects.create(
        name=name,
        tier=tier,
        municipality=municipality,
        place=place["name"],
        lat=float(place["latitude"]),
        lon=float(place["longitude"]),
        building_type=BuildingType.TOWN_HALL if tier == Tier.COORDINATING else BuildingType.OTHER,
        capacity=200 if tier == Tier.COORDINATING else 100,
        status=Lifecycle.IN_SERVICE,
        functions=["information", "alarm"] if tier == Tier.LOCAL else ["information"],
        origin=Origin.DEMO,
        coordinating_point=parent,
        notes="Demo: fictitious point at the GeoNames point of the municipality's seat.",
    )
    SupportPointStatusChange.objects.create(
        support_point=point, new_status=Lifecycle.IN_SERVICE, reason="demo network"
    )
    return point


@transaction.atomic
def load_demo_network() -> int:
    """Create the demo network once; a region that registered or imported points keeps them."""
    if SupportPoint.objects.filter(origin=Origin.DEMO).exists():
        return 0
    by_name = {(r["name"], r["gemeente_code"]): r for r in settlements()}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=SEATS)}
    if len(municipalities) != len(SEATS):
        raise ValueError("load the reference data first: weerbaar load-reference")
    centre = by_name[(SEATS[COORDINATING_SEAT], COORDINATING_SEAT)]
    parent = _demo_point(
        "C-NSP Assen (demo)", Tier.COORDINATING, municipalities[COORDINATING_SEAT], centre
    )
    for code, seat in SEATS.items():
        place = by_name[(seat, code)]
        _demo_point(f"L-NSP {seat} (demo)", Tier.LOCAL, municipalities[code], place, parent)
    return len(SEATS) + 1
