"""Support points in a real browser: the public list and map, the nearest point by postcode,
an officer registering a point, and the coverage analysis. axe on every page."""

import pytest
from playwright.sync_api import expect

from weerbaar.apps.accounts.factories import UserFactory
from weerbaar.apps.accounts.models import Role
from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.supportpoints.demo import load_candidates, load_demo_network
from weerbaar.apps.supportpoints.models import SupportPoint

from .test_pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(reference_data):
    load_candidates()
    load_demo_network()


def test_the_public_sees_the_points_on_a_list_and_a_map(visit, network, assert_accessible):
    page = visit.open("/support-points/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodsteunpunten")
    expect(page.locator("#points-table tbody tr")).to_have_count(13)
    expect(page.locator("#map")).to_have_attribute("data-overlay_support_points", "13")
    # Filtering by municipality swaps the table in place (htmx) and keeps the URL shareable.
    page.locator("select[name=municipality]").select_option("GM0114")
    expect(page.locator("#points-table tbody tr")).to_have_count(1)
    expect(page.locator("#points-table")).to_contain_text("L-NSP Emmen (demo)")
    assert "municipality=GM0114" in page.url
    assert_accessible(page, "support point list")
    assert not visit.foreign_requests()


def test_a_resident_finds_the_nearest_point_by_postcode(visit, network, assert_accessible):
    page = visit.open("/")
    page.locator("header nav").get_by_role("link", name="Dichtstbijzijnd noodsteunpunt").click()
    page.get_by_label("Uw postcode").fill("7741 AB")
    page.get_by_role("button", name="Zoeken").click()
    first = page.locator("article").first
    expect(first).to_contain_text("L-NSP Coevorden (demo)")
    expect(first).to_contain_text("minuten lopen")
    assert_accessible(page, "nearest support point")


def test_an_officer_registers_a_point_and_sees_its_readiness(visit, network, assert_accessible):
    UserFactory(
        username="aov-assen",
        role=Role.MUNICIPAL_OFFICER,
        municipalities=[Municipality.objects.get(code="GM0106")],
    )
    page = visit.open("/")
    log_in(page, "aov-assen")
    page.goto(visit.base_url + "/support-points/new/")
    assert_accessible(page, "register form")
    page.get_by_label("Naam:", exact=True).fill("Dorpshuis De Bolster")
    page.get_by_label("Gemeente:", exact=True).select_option("GM0106")
    page.get_by_label("Breedtegraad").fill("53.01")
    page.get_by_label("Lengtegraad").fill("6.55")
    page.get_by_label("Getraind personeel").fill("6")
    page.get_by_label("Een luisterend oor").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dorpshuis De Bolster")
    expect(page.get_by_role("heading", name="Gereedheid voor 72 uur: 100%")).to_be_visible()
    assert SupportPoint.objects.get(name="Dorpshuis De Bolster").municipality.code == "GM0106"
    assert_accessible(page, "support point detail")


def test_the_coverage_analysis_under_a_chosen_norm(visit, network, assert_accessible):
    page = visit.open("/support-points/coverage/")
    page.get_by_label("Vervoerswijze").select_option("bike")
    page.get_by_label("Maximaal aantal minuten").fill("15")
    page.get_by_role("button", name="Berekenen").click()
    expect(page.locator(".derived")).to_contain_text("3750 m")
    expect(
        page.get_by_role("table", name="Gedekt en niet gedekt").locator("tbody tr")
    ).to_have_count(12)
    expect(page.locator("#map[data-overlay_uncovered]")).to_have_count(1, timeout=20000)
    assert_accessible(page, "coverage")
