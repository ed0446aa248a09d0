"""Coverage under a norm on the real Drenthe population layer and the demo network."""

import numpy as np
import pytest

from weerbaar.apps.regions.models import Dataset
from weerbaar.apps.regions.reference import DEMAND_POINTS_DATASET, load_reference
from weerbaar.apps.supportpoints import coverage

pytestmark = pytest.mark.django_db


@pytest.fixture
def population(support_network):
    return coverage.population()


def run(pop, **norm):
    return coverage.compute(pop, coverage.points_in_service(), coverage.Norm(**norm))


def test_the_radius_follows_speed_and_minutes():
    assert coverage.Norm(mode="bike", minutes=15, speed_kmh=15).radius_m == pytest.approx(3750)


def test_covered_and_uncovered_add_up_per_area(population):
    result = run(population, mode="bike", minutes=15, speed_kmh=15)
    rows = coverage.by_area(population, result, population.municipality)
    assert len(rows) == 12
    for row in rows:
        for measure in coverage.MEASURES:
            assert row[f"{measure}_covered"] + row[f"{measure}_uncovered"] == row[measure]
    assert sum(r["residents"] for r in rows) == 504_129


def test_a_generous_norm_covers_everyone_and_a_tiny_one_almost_no_one(population):
    everyone = run(population, mode="car", minutes=120, speed_kmh=60)
    assert everyone.share(population, "residents") == 1.0
    few = run(population, mode="walk", minutes=1, speed_kmh=1)
    assert few.share(population, "residents") < 0.01


def test_coverage_grows_with_the_norm(population):
    shares = [run(population, minutes=m).share(population, "residents") for m in (10, 30, 60)]
    assert shares == sorted(shares)
    assert shares[0] < shares[-1]


def test_catchments_sum_to_the_population_and_prefer_local_points(population):
    points = coverage.points_in_service()
    result = run(population)
    rows = coverage.by_point(population, result, points)
    assert sum(r["catchment"] for r in rows) == pytest.approx(504_129, abs=13)
    by_name = {r["point"].name: r for r in rows}
    assert by_name["L-NSP Assen (demo)"]["catchment"] > 0
    assert by_name["C-NSP Assen (demo)"]["catchment"] == 0
    emmen = by_name["L-NSP Emmen (demo)"]
    assert emmen["expected_visitors"] == round(emmen["catchment"] * 0.10)


def test_without_points_in_service_nobody_is_covered(reference_data):
    pop = coverage.population()
    result = coverage.compute(pop, [], coverage.Norm())
    assert not result.covered.any()


def test_uncovered_points_are_geojson_marked_derived(population):
    collection = coverage.uncovered_geojson(population, run(population, minutes=10))
    assert collection["metadata"]["derived"] is True
    assert all(f["properties"]["residents"] > 0 for f in collection["features"])


@pytest.mark.parametrize(
    "query",
    [
        {"mode": "plane"},
        {"minutes": "abc"},
        {"minutes": "0"},
        {"detour": "9"},
        {"participation": "2"},
    ],
)
def test_bad_norms_are_refused(query):
    with pytest.raises(coverage.NormError):
        coverage.Norm.from_query(query)


def test_the_api_reports_totals_areas_and_points(client, support_network):
    body = client.get("/api/coverage?mode=bike&minutes=15&by=district&municipality=GM0106").json()
    assert body["norm"]["radius_m"] == pytest.approx(3750)
    assert body["norm"]["road_network"] is False
    assert body["count"] == len(body["items"]) == 10
    assert len(body["points"]) == 13
    assert 0 < body["shares_covered"]["residents"] < 1


def test_the_api_refuses_a_bad_norm(client, support_network):
    response = client.get("/api/coverage?minutes=-5")
    assert response.status_code == 422
    assert "minutes" in response.json()["detail"]


def test_the_page_and_csv(client, support_network):
    html = client.get("/support-points/coverage/?mode=walk&minutes=30").content.decode()
    assert "Dekking door noodsteunpunten" in html
    assert "omrijfactor" in html
    csv = client.get("/support-points/coverage/export.csv?by=postcode").content.decode()
    assert csv.splitlines()[0].startswith("area,name,residents,residents_covered")
    assert len(csv.splitlines()) == 261


def test_the_page_explains_a_bad_norm_in_dutch(client, support_network):
    html = client.get("/support-points/coverage/?minutes=abc").content.decode()
    assert 'role="alert"' in html


def test_empty_numbers_take_their_defaults(client, support_network):
    body = client.get("/api/coverage?mode=bike&minutes=&speed_kmh=&detour=").json()
    assert body["norm"]["minutes"] == 30
    assert body["norm"]["speed_kmh"] == 15


@pytest.fixture
def empty_population_cache():
    coverage._population_cache.clear()
    yield
    coverage._population_cache.clear()


def same_population(a: coverage.Population, b: coverage.Population) -> bool:
    arrays = ("codes", "xy", "lonlat", "municipality", "district", "postcode")
    return all(np.array_equal(getattr(a, name), getattr(b, name)) for name in arrays) and all(
        np.array_equal(a.values[m], b.values[m]) for m in coverage.MEASURES
    )


def test_the_population_is_kept_between_requests(
    reference_data, empty_population_cache, django_assert_num_queries
):
    first = coverage.population()
    with django_assert_num_queries(1):  # the checksum only
        again = coverage.population()
    assert again is first
    assert same_population(first, coverage.read_population())
    with pytest.raises(ValueError, match="read-only"):
        first.values["residents"][0] = 0


def test_a_reload_that_changes_the_layer_refreshes_the_kept_population(
    reference_data, empty_population_cache, settings
):
    before = coverage.population()
    settings.WEERBAAR_LESS_SELF_RELIANT_SHARE = 0.25
    report = load_reference()
    assert report.counts["demand_points"].updated > 10_000
    after = coverage.population()
    assert after is not before
    assert same_population(after, coverage.read_population())
    residents = after.values["residents"]
    assert after.values["less_self_reliant"] == pytest.approx(residents * 0.25, abs=0.001)
    assert before.values["less_self_reliant"] == pytest.approx(residents * 0.20, abs=0.001)
    assert coverage.population() is after


def test_a_changed_or_missing_checksum_is_not_trusted(reference_data, empty_population_cache):
    layer = Dataset.objects.filter(key=DEMAND_POINTS_DATASET)
    first = coverage.population()
    layer.update(checksum="edited by hand")
    second = coverage.population()
    assert second is not first
    assert same_population(first, second)
    layer.update(checksum="")  # not loaded by load-reference: nothing is kept
    assert coverage.population() is not coverage.population()
