"""The programme monitor in a real Chromium: Assen's officer changes a status in the to-do
list (htmx, no page reload), sees it in the matrix of measures by municipality, and cannot
change Emmen's. Each page is run through axe-core (WCAG 2.1 A/AA, serious and critical).

The pages are checked in English (the language cookie): the Dutch translations of the
programme monitor's texts are merged separately."""

import pytest
from playwright.sync_api import expect

from weerbaar.apps.accounts.factories import TEST_PASSWORD
from weerbaar.apps.programme.loading import load_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASSEN, EMMEN = "GM0106", "GM0114"


def matrix_cell(page, municipality: str, measure: str):
    row = page.locator("table.heatmap tbody tr", has=page.locator(f"th .code:text-is('{measure}')"))
    return row.locator(f'td[data-municipality="{municipality}"]')


def test_an_officer_changes_a_status_and_sees_it_in_the_matrix(
    visit, officer_assen, emmen, assert_accessible
):
    load_programme()
    page = visit.page
    visit.context.add_cookies([{"name": "django_language", "value": "en", "url": visit.base_url}])

    visit.open("/")
    page.locator("header").get_by_role("link", name="Log in", exact=True).click()
    page.get_by_label("Username").fill("officer-assen")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.locator("header nav").get_by_role("link", name="Programme", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme monitor")
    assert_accessible(page, "programme overview")

    page.get_by_role("navigation", name="Programme sections").get_by_role(
        "link", name="Measures per municipality"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Measures per municipality")
    heatmap = page.get_by_role("table", name="Status of each measure per municipality")
    expect(heatmap.locator("tbody tr")).to_have_count(10)
    expect(matrix_cell(page, ASSEN, "C01")).to_have_attribute("data-status", "not_started")

    # Assen's column header leads to Assen's to-do list.
    heatmap.get_by_role("link", name="Assen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Measures of Assen")
    todo_url = page.url
    page.get_by_label("Status of C01").select_option(label="Done")
    page.get_by_role("button", name="Save C01").click()
    row = page.locator("#row-C01")
    expect(row).to_have_attribute("data-status", "done")
    expect(row.get_by_role("status")).to_have_text("Saved")  # the row was swapped in place
    assert page.url == todo_url
    assert_accessible(page, "to-do list of Assen after a change")

    page.get_by_role("navigation", name="Programme sections").get_by_role(
        "link", name="Measures per municipality"
    ).click()
    cell = matrix_cell(page, ASSEN, "C01")
    expect(cell).to_have_attribute("data-status", "done")
    expect(cell).to_contain_text("●")  # a symbol, not only a colour
    expect(cell.locator(".visually-hidden")).to_have_text("Done")
    expect(matrix_cell(page, EMMEN, "C01")).to_have_attribute("data-status", "not_started")
    expect(page.locator("table.heatmap tfoot td").first).to_have_text("0/10")  # Aa en Hunze
    assert_accessible(page, "matrix with a status changed")

    # The filter (htmx) keeps the page and narrows the rows.
    page.get_by_label("Theme").select_option("Democratie")
    page.get_by_role("button", name="Filter").click()
    expect(heatmap.locator("tbody tr")).to_have_count(2)
    expect(page).to_have_url(f"{visit.base_url}/programme/matrix/?phase=&theme=Democratie")

    # On a small tablet the matrix scrolls inside its wrapper, not the page.
    page.set_viewport_size({"width": 768, "height": 1024})
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert sizes["scroll"] <= sizes["inner"], sizes

    # Emmen's list is readable, but offers no way to change it.
    visit.open(f"/programme/municipalities/{EMMEN}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Measures of Emmen")
    expect(page.get_by_role("combobox")).to_have_count(1)  # only the language switch
    token = next(c["value"] for c in visit.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{visit.base_url}/programme/municipalities/{EMMEN}/measures/C01/status/",
        form={"status": "done"},
        headers={"X-CSRFToken": token},
    )
    assert response.status == 403
    assert "You may not change this measure" in response.text()
