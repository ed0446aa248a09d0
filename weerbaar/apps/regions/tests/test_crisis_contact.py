"""A municipality's crisis contact: its own officers edit it, others cannot, every read is
logged, and bad input is refused without losing what was saved."""

import pytest

from weerbaar.apps.accounts.models import AuditAction, AuditLogEntry
from weerbaar.apps.regions.models import CrisisContact

pytestmark = pytest.mark.django_db
URL = "/api/municipalities/GM0106/crisis-contact"


def put(client, body):
    return client.put(URL, data=body, content_type="application/json")


def test_an_officer_saves_and_reads_back_their_contact(client_for, officer_assen):
    client = client_for(officer_assen)
    assert put(client, {"officer_name": "A. Jansen", "phone_24h": "0592 123456"}).status_code == 200
    body = client.get(URL).json()
    assert body["officer_name"] == "A. Jansen"
    assert body["municipality"] == "GM0106"


def test_an_officer_of_emmen_cannot_change_assen(client_for, officer_emmen, officer_assen):
    put(client_for(officer_assen), {"officer_name": "A. Jansen"})
    response = put(client_for(officer_emmen), {"officer_name": "Intruder"})
    assert response.status_code == 403
    assert CrisisContact.objects.get(municipality__code="GM0106").officer_name == "A. Jansen"


def test_every_read_is_in_the_audit_log(client_for, operator_assen):
    client_for(operator_assen).get(URL)
    entry = AuditLogEntry.objects.get(actor_username="operator-assen")
    assert entry.action == AuditAction.READ
    assert entry.municipality_code == "GM0106"


def test_a_refused_read_is_not_logged_as_a_read(client_for, officer_emmen):
    assert client_for(officer_emmen).get(URL).status_code == 403
    assert not AuditLogEntry.objects.filter(actor_username="officer-emmen").exists()


def test_too_long_input_is_refused_and_the_saved_card_is_kept(client_for, officer_assen):
    client = client_for(officer_assen)
    put(client, {"officer_name": "A. Jansen"})
    response = put(client, {"officer_name": "x" * 500})
    assert response.status_code == 422
    assert "officer_name" in response.json()["detail"]
    assert CrisisContact.objects.get(municipality__code="GM0106").officer_name == "A. Jansen"


@pytest.mark.parametrize("body", ["not json", "[]", '{"phone_24h": 12}', '{"phone": "0592"}'])
def test_malformed_bodies_get_a_json_reason(client_for, officer_assen, body):
    response = client_for(officer_assen).put(URL, data=body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_the_page_shows_the_card_only_to_those_who_may_read_it(
    client_for, officer_assen, officer_emmen
):
    put(client_for(officer_assen), {"officer_name": "A. Jansen"})
    assert "A. Jansen" in client_for(officer_assen).get("/municipalities/GM0106/").content.decode()
    page = client_for(officer_emmen).get("/municipalities/GM0106/").content.decode()
    assert "A. Jansen" not in page
    assert "A. Jansen" not in client_for(None).get("/municipalities/GM0106/").content.decode()


def test_the_edit_page_is_refused_to_another_municipality(client_for, officer_emmen):
    response = client_for(officer_emmen).get("/municipalities/GM0106/crisis-contact/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_the_edit_page_saves_for_the_own_municipality(client_for, officer_assen):
    client = client_for(officer_assen)
    response = client.post(
        "/municipalities/GM0106/crisis-contact/",
        {"phone_24h": "0592 999999", "notes": "Sleutel bij de buren"},
    )
    assert response.status_code == 302
    assert CrisisContact.objects.get(municipality__code="GM0106").phone_24h == "0592 999999"


def test_the_edit_page_shows_dutch_errors_on_bad_input(client_for, officer_assen):
    response = client_for(officer_assen).post(
        "/municipalities/GM0106/crisis-contact/", {"phone_24h": "9" * 40}
    )
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 30 tekens bevat" in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_for_editing(client_for, reference_data):
    response = client_for(None).get("/municipalities/GM0106/crisis-contact/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
