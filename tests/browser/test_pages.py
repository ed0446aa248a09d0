"""What a person sees in a real Chromium: the start page, the map, the language switch,
account administration and the crisis contact card, and the layout on a tablet and a phone.
Each page checked is also run through axe-core (WCAG 2.1 A/AA, serious and critical)."""

import re

import pytest
from playwright.sync_api import expect

from weerbaar.apps.accounts.factories import TEST_PASSWORD
from weerbaar.apps.accounts.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSEN, EMMEN = "GM0106", "GM0114"


def nav(page):
    return page.locator("header nav")


def log_in(page, username: str, password: str = TEST_PASSWORD):
    """Log in the way a person does: the header link, the form, the button."""
    page.locator("header").get_by_role("link", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


PAINTED_PIXELS = """() => {
  const canvas = document.querySelector('#map canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) { painted++; } }
  return painted;
}"""


def test_start_page_is_dutch_whatever_the_browser_says(visit, assert_accessible):
    page = visit.open("/")
    # The browser asks for English (locale en-US); only the language cookie may change that.
    assert page.evaluate("() => navigator.language") == "en-US"
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veiligheidsregio Drenthe")
    expect(nav(page).get_by_role("link", name="Kaart", exact=True)).to_be_visible()

    table = page.get_by_role("table", name="Gemeenten")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(12)
    names = rows.locator("th").all_inner_texts()
    assert "Assen" in names and "Emmen" in names, names
    # The total population, with the Dutch thousands separator.
    expect(page.locator(".figure .value", has_text=re.compile(r"^504\.129$"))).to_be_visible()

    # The skip link is the first stop from the keyboard, and Enter moves focus to <main>.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")

    assert_accessible(page, "start page")


def test_map_draws_every_layer_from_the_server_only(visit, assert_accessible):
    page = visit.open("/")
    nav(page).get_by_role("link", name="Kaart", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaart van de regio")
    expect(nav(page).get_by_role("link", name="Kaart")).to_have_attribute("aria-current", "page")

    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-layer", "municipalities")
    expect(the_map).to_have_attribute("data-features", "12")
    # preferCanvas: the areas are painted on a <canvas>; it must hold painted pixels.
    expect(page.locator("#map canvas").first).to_be_visible()
    assert page.evaluate(PAINTED_PIXELS) > 1000
    legend = page.locator(".map-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Inwoners per km² (CBS 2024)")
    expect(page.locator("#map-status")).to_have_text(
        "Kaartlaag getoond: Inwoners per km² (CBS 2024)."
    )

    page.get_by_role("radio", name="Wijken: inwoners per km²").check()
    expect(the_map).to_have_attribute("data-layer", "districts")
    expect(the_map).to_have_attribute("data-features", "189")

    page.get_by_role("radio", name="Postcodegebieden: aandeel 65-plussers (CBS 2021)").check()
    expect(the_map).to_have_attribute("data-layer", "postcode-areas")
    expect(the_map).to_have_attribute("data-features", "260")
    expect(legend).to_contain_text("Aandeel 65-plussers")
    expect(legend).to_contain_text("%")

    page.get_by_role("checkbox", name="Bevolkingslaag, raster van 500 m (afgeleid)").check()
    # ~10,700 points: allow for a loaded CI machine.
    expect(the_map).to_have_attribute("data-overlay", "demand-points", timeout=30000)
    expect(page.locator("#map-status")).to_have_text(re.compile(r"^Kaartlaag getoond: .+\.$"))
    # The area layer stays as chosen underneath the overlay.
    expect(the_map).to_have_attribute("data-features", "260")

    assert_accessible(page, "map page")

    # Leaflet, its CSS and every layer come from our own server: no CDN, no tile service.
    assert any("/static/leaflet/leaflet.js" in url for url in visit.requests), visit.requests
    assert any("/api/" in url for url in visit.requests), visit.requests
    assert not visit.foreign_requests(), f"requests to other hosts: {visit.foreign_requests()}"


def test_map_shows_the_layer_last_chosen_even_when_an_earlier_one_loads_slowly(visit):
    """Choose districts, then postcode areas before the districts have arrived: the map must
    end up showing postcode areas, not the late districts."""
    page = visit.page
    held = []
    page.route("**/api/**/districts*", lambda route: held.append(route))  # hold it back
    visit.open("/map/")
    the_map = page.locator("#map")
    expect(the_map).to_have_attribute("data-features", "12")

    page.get_by_role("radio", name="Wijken: inwoners per km²").check()
    page.get_by_role("radio", name="Postcodegebieden: aandeel 65-plussers (CBS 2021)").check()
    expect(the_map).to_have_attribute("data-layer", "postcode-areas")
    for _ in range(100):  # the held request reaches Python a moment after the click
        if held:
            break
        page.wait_for_timeout(20)
    with page.expect_response("**/districts*"):
        held[0].continue_()
    page.wait_for_timeout(300)  # let the late response be parsed and (wrongly) drawn

    drawn = page.evaluate("() => document.getElementById('map').dataset.layer")
    assert drawn == "postcode-areas", f"the radio says postcode areas, the map shows {drawn}"
    legend = page.locator(".map-legend").inner_text()
    assert "Aandeel 65-plussers" in legend, f"legend of another layer: {legend!r}"


def test_language_switch_to_english(visit, assert_accessible):
    page = visit.open("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_label("Taal").select_option(label="English")
    with page.expect_navigation():
        page.get_by_role("button", name="Wissel").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.rstrip("/") == visit.base_url, "the switch returns to the same page"
    expect(nav(page).get_by_role("link", name="Map", exact=True)).to_be_visible()
    expect(nav(page).get_by_role("link", name="Kaart", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Municipalities")).to_be_visible()
    expect(page.get_by_label("Language")).to_have_value("en")
    assert_accessible(page, "start page in English")

    # The choice sticks for the next page.
    nav(page).get_by_role("link", name="Map", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of the region")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_coordinator_creates_an_account(visit, coordinator, assen, assert_accessible):
    page = visit.open("/")
    expect(nav(page).get_by_role("link", name="Accounts")).to_have_count(0)
    log_in(page, "coordinator")

    nav(page).get_by_role("link", name="Accounts", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    accounts = page.get_by_role("table")
    expect(accounts.get_by_role("rowheader", name="coordinator")).to_be_visible()
    expect(accounts).to_contain_text("Regionaal coördinator")
    assert_accessible(page, "account list")

    page.get_by_role("link", name="Nieuw account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw account")
    assert_accessible(page, "new account form")
    page.get_by_label("Gebruikersnaam").fill("aov-assen")
    page.get_by_label("Rol").select_option(label="Gemeentelijk medewerker (AOV)")
    page.get_by_role("checkbox", name="Assen", exact=True).check()
    page.get_by_role("button", name="Account aanmaken en wachtwoord uitgeven").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw wachtwoord voor aov-assen")
    password = page.locator(".password-box").inner_text().strip()
    assert len(password) >= 10, password
    assert_accessible(page, "password issued")
    # The password shown is the one that works, and the account has the role and scope chosen.
    account = User.objects.get(username="aov-assen")
    assert account.check_password(password)
    assert account.role == Role.MUNICIPAL_OFFICER
    assert list(account.municipalities.values_list("code", flat=True)) == [ASSEN]

    page.get_by_role("link", name="Terug naar de accounts").click()
    expect(page.get_by_role("table").get_by_role("rowheader", name="aov-assen")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.locator("header").get_by_role("link", name="Inloggen")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Accounts")).to_have_count(0)


def test_officer_edits_own_crisis_contact_only(visit, officer_assen, emmen, assert_accessible):
    page = visit.open("/")
    log_in(page, "officer-assen")

    visit.open(f"/municipalities/{ASSEN}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Assen")
    section = page.get_by_role("region", name="Crisiscontact")
    expect(section).to_be_visible()
    assert_accessible(page, "municipality page with crisis contact")

    section.get_by_role("link", name="Crisiscontact bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisiscontact van Assen")
    assert_accessible(page, "crisis contact form")
    page.get_by_label("24-uurs telefoonnummer").fill("0592 36 69 11")
    page.get_by_role("button", name="Opslaan").click()

    expect(page).to_have_url(re.compile(rf"/municipalities/{ASSEN}/$"))
    phone = page.locator("dl.contact dt", has_text="24-uurs telefoonnummer").locator("+ dd")
    expect(phone).to_have_text("0592 36 69 11")

    visit.open(f"/municipalities/{EMMEN}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeente Emmen")
    expect(page.get_by_role("heading", name="Crisiscontact")).to_have_count(0)
    expect(page.get_by_role("link", name="Crisiscontact bewerken")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("0592 36 69 11")
    response = page.goto(f"{visit.base_url}/municipalities/{EMMEN}/crisis-contact/")
    assert response.status == 403


OVERFLOW_OUTSIDE_SCROLLERS = """(width) => {
  return [...document.body.querySelectorAll('*')]
    .filter((el) => !el.closest('.table-scroll, .visually-hidden'))
    // Leaflet pads its canvas beyond the map; the map (overflow: hidden) clips it.
    .filter((el) => !el.parentElement.closest('.leaflet-container'))
    .filter((el) => el.getClientRects().length > 0)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && r.left < width;
    })
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className
        ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
}"""


TABLET, PHONE = {"width": 768, "height": 1024}, {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("path", "viewport", "ready"),
    [
        ("/", TABLET, "table tbody tr >> nth=11"),
        ("/", PHONE, "table tbody tr >> nth=11"),
        ("/map/", PHONE, '#map[data-features="12"]'),
    ],
    ids=["start-tablet-768", "start-phone-390", "map-phone-390"],
)
def test_pages_fit_small_screens(visit_factory, reference_data, path, viewport, ready):
    v = visit_factory(viewport=viewport, is_mobile=viewport["width"] < 500, has_touch=True)
    page = v.open(path)
    expect(page.locator(ready)).to_be_attached()

    width = viewport["width"]
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    # A mobile browser zooms out to fit content that is too wide, which widens innerWidth:
    # so compare with the device's width too, not only with innerWidth.
    assert sizes["inner"] == width, f"the browser zoomed out to fit the page: {sizes}"
    assert sizes["scroll"] <= sizes["inner"], f"page scrolls sideways: {sizes}"
    sticking_out = page.evaluate(OVERFLOW_OUTSIDE_SCROLLERS, width)
    assert not sticking_out, f"wider than the screen, outside .table-scroll: {sticking_out}"
    # The wide table scrolls inside its wrapper instead of widening the page.
    scroller = page.locator(".table-scroll").first
    assert scroller.evaluate("(el) => el.getBoundingClientRect().right") <= width
