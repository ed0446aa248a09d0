"""GeoJSON FeatureCollections of the reference layers (RFC 7946, WGS84)."""

from weerbaar.apps.regions.models import Dataset, DemandPoint, District, Municipality, PostcodeArea
from weerbaar.core.geojson import feature_collection, point_feature


def _collection(features: list[dict], dataset_key: str) -> dict:
    dataset = Dataset.objects.filter(key=dataset_key).first()
    metadata = {"dataset": dataset_key}
    if dataset:
        metadata.update(
            title=dataset.title,
            source=dataset.source,
            licence=dataset.licence,
            reference_date=dataset.reference_date,
            derived=dataset.is_derived,
            method=dataset.method,
        )
    return feature_collection(features, metadata)


def _density(population: int, land_area_ha: int) -> float | None:
    return round(population / (land_area_ha / 100), 1) if land_area_ha else None


def municipalities() -> dict:
    return _collection(
        [
            {
                "type": "Feature",
                "id": m.code,
                "geometry": m.geometry,
                "properties": {
                    "code": m.code,
                    "name": m.name,
                    "population": m.population,
                    "density": _density(m.population, m.land_area_ha),
                },
            }
            for m in Municipality.objects.all()
        ],
        "municipalities",
    )


def districts(municipality: Municipality | None = None) -> dict:
    rows = District.objects.select_related("municipality")
    if municipality:
        rows = rows.filter(municipality=municipality)
    return _collection(
        [
            {
                "type": "Feature",
                "id": d.code,
                "geometry": d.geometry,
                "properties": {
                    "code": d.code,
                    "name": d.name,
                    "municipality_code": d.municipality.code,
                    "municipality": d.municipality.name,
                    "population": d.population,
                    "density": _density(d.population, d.land_area_ha),
                },
            }
            for d in rows
        ],
        "districts",
    )


def postcode_areas(municipality: Municipality | None = None) -> dict:
    rows = PostcodeArea.objects.select_related("municipality")
    if municipality:
        rows = rows.filter(municipality=municipality)
    return _collection(
        [
            {
                "type": "Feature",
                "id": a.code,
                "geometry": a.geometry,
                "properties": {
                    "code": a.code,
                    "name": f"{a.code} {a.place}",
                    "municipality_code": a.municipality.code,
                    "population": a.population,
                    "population_2021": a.population_2021,
                    "age_65_plus_2021": a.age_65_plus,
                    "age_75_plus_2021": a.age_75_plus,
                    "age_85_plus_2021": a.age_85_plus,
                    "share_65_plus": round(a.share_65_plus, 4),
                },
            }
            for a in rows
        ],
        "postcode-areas",
    )


def demand_points(municipality: Municipality | None = None) -> dict:
    # About 10,000 points: read plain tuples, not model instances, to keep this fast.
    rows = DemandPoint.objects.all()
    if municipality:
        rows = rows.filter(municipality=municipality)
    fields = (
        "code",
        "lon",
        "lat",
        "municipality__code",
        "district__code",
        "residents",
        "age_65_plus",
        "age_75_plus",
        "age_85_plus",
        "less_self_reliant",
    )
    features = [
        point_feature(
            code,
            round(lon, 5),
            round(lat, 5),
            {
                "code": code,
                "municipality_code": municipality_code,
                "district_code": district_code,
                "residents": residents,
                "age_65_plus": round(a65, 1),
                "age_75_plus": round(a75, 1),
                "age_85_plus": round(a85, 1),
                "less_self_reliant": round(lsr, 1),
                "derived": True,
            },
        )
        for code, lon, lat, municipality_code, district_code, residents, a65, a75, a85, lsr in (
            rows.values_list(*fields)
        )
    ]
    return _collection(features, "demand-points")
