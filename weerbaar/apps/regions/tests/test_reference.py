"""The reference data as loaded: real CBS figures, the derived layer summing exactly, and a
reload that changes nothing."""

import pytest
from django.db.models import F, Sum

from weerbaar.apps.regions.models import (
    Dataset,
    DemandPoint,
    District,
    Municipality,
    PostcodeArea,
    Region,
)
from weerbaar.apps.regions.reference import demand_points_checksum, load_reference

pytestmark = pytest.mark.django_db


def test_the_region_has_its_twelve_municipalities_with_cbs_2024_population(reference_data):
    region = Region.objects.get(code="VR03")
    assert region.municipalities.count() == 12
    assert Municipality.objects.aggregate(total=Sum("population"))["total"] == 504_129
    assert Municipality.objects.get(code="GM0106").population == 69_701


def test_districts_and_postcode_areas_are_all_there(reference_data):
    assert District.objects.count() == 189
    assert PostcodeArea.objects.count() == 260
    assert District.objects.aggregate(total=Sum("population"))["total"] == 504_105


def test_demand_points_sum_exactly_to_each_municipal_total(reference_data):
    sums = dict(
        DemandPoint.objects.values("municipality__code")
        .annotate(total=Sum("residents"))
        .values_list("municipality__code", "total")
    )
    for municipality in Municipality.objects.all():
        assert sums[municipality.code] == municipality.population, municipality.name
    assert 9_000 < DemandPoint.objects.count() < 12_000


def test_every_demand_point_lies_in_a_district_of_its_own_municipality(reference_data):
    mismatched = DemandPoint.objects.exclude(district__municipality=F("municipality"))
    assert not mismatched.exists()


def test_postcode_population_is_the_sum_of_its_points(reference_data):
    area = PostcodeArea.objects.get(code="9401")
    assert area.population == area.demand_points.aggregate(t=Sum("residents"))["t"]


def test_the_population_layer_is_marked_as_derived(reference_data):
    layer = Dataset.objects.get(key="demand-points")
    assert layer.is_derived
    assert "derived" in layer.method
    assert layer.parameters["less_self_reliant_share"] == 0.20
    assert not Dataset.objects.get(key="municipalities").is_derived


def test_the_population_layer_carries_the_checksum_of_its_rows(reference_data):
    layer = Dataset.objects.get(key="demand-points")
    assert len(layer.checksum) == 64
    assert layer.checksum == demand_points_checksum()
    assert not Dataset.objects.get(key="municipalities").checksum
    point = DemandPoint.objects.order_by("code").first()
    DemandPoint.objects.filter(pk=point.pk).update(residents=F("residents") + 1)
    assert demand_points_checksum() != layer.checksum
    report = load_reference()  # restores the row, and with it the checksum
    assert report.counts["demand_points"].updated == 1
    assert report.counts["datasets"].updated == 0
    assert demand_points_checksum() == layer.checksum


def test_reloading_changes_nothing(reference_data):
    report = load_reference()
    assert not report.changed
    assert all(str(c) == "0 created, 0 updated, 0 deleted" for c in report.counts.values())


def test_a_reload_after_a_change_restores_the_reference(reference_data):
    Municipality.objects.filter(code="GM0106").update(population=1)
    report = load_reference()
    assert report.counts["municipalities"].updated == 1
    assert Municipality.objects.get(code="GM0106").population == 69_701


def test_an_unknown_region_is_refused(reference_data):
    with pytest.raises(ValueError, match="not in the reference data"):
        load_reference(region_code="VR99")
