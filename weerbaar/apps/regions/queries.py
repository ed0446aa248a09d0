"""Read helpers for the region's pages."""

from django.db.models import Count, Sum

from weerbaar.apps.regions.models import Dataset, DemandPoint, Municipality, Region


def region_overview(region_code: str) -> dict:
    region = Region.objects.filter(code=region_code).first()
    municipalities = list(
        Municipality.objects.filter(region=region)
        .annotate(district_count=Count("districts"))
        .order_by("name")
    )
    vulnerable = {
        row["municipality"]: row
        for row in DemandPoint.objects.values("municipality").annotate(
            age_75_plus=Sum("age_75_plus"), less_self_reliant=Sum("less_self_reliant")
        )
    }
    for m in municipalities:
        row = vulnerable.get(m.pk, {})
        m.age_75_plus = round(row.get("age_75_plus") or 0)
        m.less_self_reliant = round(row.get("less_self_reliant") or 0)
        m.density = round(m.population / (m.land_area_ha / 100)) if m.land_area_ha else None
    return {
        "region": region,
        "municipalities": municipalities,
        "total_population": sum(m.population for m in municipalities),
        "total_75_plus": sum(m.age_75_plus for m in municipalities),
        "total_less_self_reliant": sum(m.less_self_reliant for m in municipalities),
        "population_dataset": Dataset.objects.filter(key="demand-points").first(),
    }
