"""Registry pages: public list and nearest point, edits within one's rights, Dutch answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from weerbaar.apps.supportpoints.models import SupportPoint

pytestmark = pytest.mark.django_db


def test_the_list_is_public_and_marks_demo_points(client, support_network):
    html = client.get("/support-points/").content.decode()
    assert "L-NSP Gieten (demo)" in html
    assert ">demo<" in html


def test_the_list_filters_with_htmx(client, support_network):
    response = client.get("/support-points/?municipality=GM0114", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "L-NSP Emmen (demo)" in html
    assert "L-NSP Gieten" not in html
    assert "<html" not in html


def test_the_detail_shows_readiness_and_hides_contacts_from_the_public(client, support_network):
    point = support_network["L-NSP Assen (demo)"]
    html = client.get(f"/support-points/{point.pk}/").content.decode()
    assert "Gereedheid voor 72 uur: 0%" in html
    assert "Contactpersoon" not in html


@pytest.mark.parametrize(("persona", "status"), [("officer_emmen", 403), ("officer_assen", 200)])
def test_editing_is_for_the_own_municipality(request, client_for, support_network, persona, status):
    point = support_network["L-NSP Assen (demo)"]
    response = client_for(request.getfixturevalue(persona)).get(f"/support-points/{point.pk}/edit/")
    assert response.status_code == status


def test_an_officer_changes_the_lifecycle_from_the_page(client_for, officer_assen, support_network):
    point = support_network["L-NSP Assen (demo)"]
    client_for(officer_assen).post(f"/support-points/{point.pk}/status/", {"status": "ready"})
    point.refresh_from_db()
    assert point.status == "ready"


def test_another_officer_cannot_change_the_lifecycle(client_for, officer_emmen, support_network):
    point = support_network["L-NSP Assen (demo)"]
    response = client_for(officer_emmen).post(
        f"/support-points/{point.pk}/status/", {"status": "ready"}
    )
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.status == "in_service"


def test_registering_with_bad_input_answers_in_dutch(client_for, officer_assen, reference_data):
    response = client_for(officer_assen).post(
        "/support-points/new/", {"name": "X", "municipality": "GM0106", "lat": "6.5", "lon": "53"}
    )
    assert response.status_code == 200
    assert "buiten Nederland" in response.content.decode()
    assert not SupportPoint.objects.filter(name="X").exists()


def test_registering_a_point(client_for, officer_assen, reference_data):
    response = client_for(officer_assen).post(
        "/support-points/new/",
        {
            "name": "Dorpshuis",
            "tier": "local",
            "municipality": "GM0106",
            "lat": "53.0",
            "lon": "6.56",
            "functions": ["information"],
        },
    )
    assert response.status_code == 302
    assert SupportPoint.objects.get(name="Dorpshuis").functions == ["information"]


def test_the_import_page_reports_rows(client_for, coordinator, reference_data):
    csv = b"name,municipality,lat,lon\nFout,GM0106,53.0,abc\n"
    response = client_for(coordinator).post(
        "/support-points/import/", {"file": SimpleUploadedFile("p.csv", csv)}
    )
    html = response.content.decode()
    assert "Er is niets opgeslagen" in html
    assert "Regel 2" in html


def test_the_rules_page_is_for_the_coordinator(client_for, officer_assen, coordinator):
    assert client_for(officer_assen).get("/support-points/readiness-rules/").status_code == 403
    client = client_for(coordinator)
    assert client.get("/support-points/readiness-rules/").status_code == 200
    response = client.post("/support-points/readiness-rules/", {"rules": "{not json"})
    assert "Niet opgeslagen" in response.content.decode()


def test_nearest_page_by_postcode(client, support_network):
    html = client.get("/nearest/?postcode=9401").content.decode()
    assert "L-NSP Assen (demo)" in html
    assert "minuten lopen" in html


def test_nearest_page_with_an_unknown_postcode(client, support_network):
    html = client.get("/nearest/?postcode=12").content.decode()
    assert "Deze postcode kennen we niet" in html


def test_exports_download(client, support_network):
    response = client.get("/support-points/export.csv")
    assert response["Content-Disposition"].endswith('noodsteunpunten.csv"')
    assert response.content.decode().count("\n") == 14
