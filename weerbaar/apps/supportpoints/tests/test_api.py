"""The registry API: shapes, contacts only for those allowed, nearest point, bad input."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_list_has_no_contact_persons(client, support_network):
    body = client.get("/api/support-points").json()
    assert body["count"] == 13
    assert all(item["contacts"] is None for item in body["items"])
    assert "contact_phone" not in body["items"][0]


def test_a_manager_sees_contacts_and_the_read_is_logged(client_for, officer_assen, support_network):
    point = support_network["L-NSP Assen (demo)"]
    body = client_for(officer_assen).get(f"/api/support-points/{point.pk}").json()
    assert body["contacts"] == {"contact_name": "", "contact_phone": "", "contact_email": ""}


def test_filters(client, support_network):
    body = client.get("/api/support-points?municipality=GM0106&tier=coordinating").json()
    assert [p["name"] for p in body["items"]] == ["C-NSP Assen (demo)"]


def test_readiness_is_reported_with_what_is_missing(client, support_network):
    point = support_network["L-NSP Assen (demo)"]
    body = client.get(f"/api/support-points/{point.pk}").json()
    assert body["readiness_score"] == 0
    alarm = next(r for r in body["readiness"] if r["function"] == "alarm")
    assert alarm["deliverable"] is False
    assert any("radio" in m for m in alarm["missing"])


def test_patch_changes_only_the_given_fields(client_for, officer_assen, support_network):
    point = support_network["L-NSP Assen (demo)"]
    response = client_for(officer_assen).patch(
        f"/api/support-points/{point.pk}",
        data={"trained_staff": 6, "communication": "radio"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["trained_staff"] == 6
    assert body["name"] == "L-NSP Assen (demo)"
    assert next(r for r in body["readiness"] if r["function"] == "alarm")["deliverable"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"lat": "north"}, 422),
        ({"colour": "red"}, 422),
        ({"functions": ["teleport"]}, 422),
        ({"lat": 6.5, "lon": 53.0}, 422),
    ],
)
def test_bad_patches_get_a_reason(client_for, coordinator, support_network, body, status):
    point = support_network["L-NSP Assen (demo)"]
    response = client_for(coordinator).patch(
        f"/api/support-points/{point.pk}", data=body, content_type="application/json"
    )
    assert response.status_code == status
    assert response.json()["detail"]


def test_a_forbidden_lifecycle_move_is_a_409(client_for, coordinator, support_network):
    point = support_network["L-NSP Assen (demo)"]
    response = client_for(coordinator).post(
        f"/api/support-points/{point.pk}/status",
        data={"status": "planned"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "not allowed" in response.json()["detail"]


def test_unknown_point_is_404(client):
    response = client.get("/api/support-points/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404


def test_nearest_by_postcode(client, support_network):
    body = client.get("/api/nearest-support-points?postcode=7741AB").json()
    first = body["items"][0]
    assert first["point"]["name"] == "L-NSP Coevorden (demo)"
    assert first["travel_m"] >= first["straight_m"]
    assert first["walking_minutes"] >= 1


def test_nearest_by_location(client, support_network):
    body = client.get("/api/nearest-support-points?lat=52.78&lon=6.90&limit=1").json()
    assert body["count"] == 1
    assert body["items"][0]["point"]["name"] == "L-NSP Emmen (demo)"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("postcode=0000", 404),
        ("", 422),
        ("lat=52", 422),
        ("lat=95&lon=6", 422),
        ("postcode=9401&limit=0", 422),
    ],
)
def test_nearest_bad_input(client, support_network, query, status):
    response = client.get(f"/api/nearest-support-points?{query}")
    assert response.status_code == status
    assert response.json()["detail"]


def test_candidate_sites_are_proxies(client, support_network):
    body = client.get("/api/candidate-sites").json()
    assert body["count"] == 450
    assert all(site["is_proxy"] for site in body["items"])
    assert client.get("/api/candidate-sites?kind=hospital").json()["count"] == 8


def test_export_as_geojson(client, support_network):
    body = client.get("/api/support-points/export?format=geojson").json()
    assert len(body["features"]) == 13
    assert body["features"][0]["properties"]["demo"] is True


def test_export_format_is_checked(client):
    assert client.get("/api/support-points/export?format=xls").status_code == 422


def test_invalid_rules_are_refused_and_the_old_ones_kept(client_for, coordinator):
    client = client_for(coordinator)
    before = client.get("/api/readiness-rules").json()
    response = client.put(
        "/api/readiness-rules",
        data={"functions": {"teleport": []}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert client.get("/api/readiness-rules").json() == before


def test_import_problems_name_the_row(client_for, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"name,municipality,lat,lon\nGoed,GM0106,53.0,6.56\nFout,GM0106,53.0,abc\n"
    response = client_for(coordinator).post(
        "/api/support-points/import", {"file": SimpleUploadedFile("p.csv", csv)}
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["row"] == 3
