"""Language, error pages and the page skeleton."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_even_for_an_english_browser(client, reference_data):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert ">Kaart<" in html
    assert response["Content-Language"] == "nl"


def test_english_after_choosing_it(client, reference_data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Map<" in html


def test_unknown_pages_get_a_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_start_page_shows_the_region_and_its_figures(client, reference_data):
    html = client.get("/").content.decode()
    assert "Veiligheidsregio Drenthe" in html
    assert "504.129" in html
    assert html.count('href="/municipalities/GM') == 12
    assert 'href="#main"' in html


def test_every_page_that_shows_vulnerable_says_which_measure(client, reference_data):
    for path in ["/", "/map/"]:
        html = client.get(path).content.decode()
        assert "Welke maat voor kwetsbaarheid" in html or "Kwetsbaarheid op deze kaart" in html


def test_map_page_loads_leaflet_from_the_installed_package(client, reference_data):
    html = client.get("/map/").content.decode()
    assert "/static/leaflet/leaflet.js" in html
    assert "https://" not in html.split("<footer")[0].replace("https://service.pdok.nl", "")


def test_static_files_are_served_without_collectstatic(client):
    assert client.get("/static/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/weerbaar/map.js").status_code == 200
