"""GeoJSON FeatureCollections of the reference layers (RFC 7946, WGS84)."""

from weerbaar.apps.regions.models import Dataset, DemandPoint, District, Municipality, PostcodeArea


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
    return {"type": "FeatureCollection", "metadata": metadata, "features": features}


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
    rows = DemandPoint.objects.select_related("municipality", "district")
    if municipality:
        rows = rows.filter(municipality=municipality)
    return _collection(
        [
            {
                "type": "Feature",
                "id": p.code,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "code": p.code,
                    "municipality_code": p.municipality.code,
                    "district_code": p.district.code if p.district else None,
                    "residents": p.residents,
                    "age_65_plus": p.age_65_plus,
                    "age_75_plus": p.age_75_plus,
                    "age_85_plus": p.age_85_plus,
                    "less_self_reliant": p.less_self_reliant,
                    "derived": True,
                },
            }
            for p in rows
        ],
        "demand-points",
    )
