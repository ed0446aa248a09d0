"""Account administration pages: the regional coordinator only; login and own password."""

import pytest

from weerbaar.apps.accounts.factories import TEST_PASSWORD
from weerbaar.apps.accounts.models import AuditLogEntry, User

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = ["/accounts/", "/accounts/new/", "/accounts/audit-log/"]


@pytest.mark.parametrize("path", COORDINATOR_PAGES)
@pytest.mark.parametrize(
    "persona", ["programme_member", "officer_assen", "operator_assen", "volunteer"]
)
def test_only_the_coordinator_administers_accounts(request, client_for, persona, path):
    response = client_for(request.getfixturevalue(persona)).get(path)
    assert response.status_code == 403


@pytest.mark.parametrize("path", COORDINATOR_PAGES)
def test_the_public_is_sent_to_login(client_for, reference_data, path):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", COORDINATOR_PAGES)
def test_the_coordinator_sees_the_pages(client_for, coordinator, path):
    assert client_for(coordinator).get(path).status_code == 200


def test_others_cannot_post_to_account_actions(client_for, officer_assen, volunteer):
    client = client_for(officer_assen)
    assert client.post(f"/accounts/users/{volunteer.username}/status/").status_code == 403
    assert client.post(f"/accounts/users/{volunteer.username}/reset-password/").status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.is_active


def test_creating_an_account_shows_its_password_once(client_for, coordinator, assen):
    response = client_for(coordinator).post(
        "/accounts/new/",
        {"username": "nieuw.assen", "role": "municipal_officer", "municipalities": [assen.pk]},
    )
    assert response.status_code == 200
    password = response.context["password"]
    assert User.objects.get(username="nieuw.assen").check_password(password)
    assert password in response.content.decode()


def test_a_bad_account_form_is_answered_in_dutch(client_for, coordinator):
    response = client_for(coordinator).post(
        "/accounts/new/", {"username": "met spatie", "role": "municipal_officer"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gebruik alleen letters" in html
    assert "Kies ten minste één gemeente" in html


def test_disabling_an_account_from_the_page(client_for, coordinator, volunteer):
    client_for(coordinator).post(f"/accounts/users/{volunteer.username}/status/", {"reason": "weg"})
    volunteer.refresh_from_db()
    assert not volunteer.is_active


def test_reading_an_account_is_logged(client_for, coordinator, volunteer):
    client_for(coordinator).get(f"/accounts/users/{volunteer.username}/")
    assert AuditLogEntry.objects.filter(action="read", object_id=str(volunteer.pk)).exists()


def test_login_with_the_right_password(client, volunteer):
    response = client.post("/accounts/login/", {"username": "volunteer", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_login_with_a_wrong_password_says_so_in_dutch(client, volunteer):
    response = client.post("/accounts/login/", {"username": "volunteer", "password": "wrong"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_a_disabled_account_cannot_log_in(client, volunteer):
    User.objects.filter(pk=volunteer.pk).update(is_active=False)
    response = client.post("/accounts/login/", {"username": "volunteer", "password": TEST_PASSWORD})
    assert response.status_code == 200


def test_changing_the_own_password(client_for, volunteer):
    client = client_for(volunteer)
    response = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password": "een-nieuw-wachtwoord-2026"},
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.check_password("een-nieuw-wachtwoord-2026")
