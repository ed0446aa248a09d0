"""The programme monitor's API: the public budget, the catalogue, the matrix and roll-ups,
status records per municipality (Assen's officer changes Assen's, never Emmen's), regional
measures and sub-projects."""

import pytest

from weerbaar.apps.programme.models import CatalogueVersion, MeasureRecord, SubProject
from weerbaar.apps.programme.tests.test_loading import EXPECTED

pytestmark = pytest.mark.django_db


def patch(client, path, body):
    return client.patch(path, data=body, content_type="application/json")


def put(client, path, body):
    return client.put(path, data=body, content_type="application/json")


ASSEN_T1 = "/api/programme/municipalities/GM0106/measures/T1"
EMMEN_T1 = "/api/programme/municipalities/GM0114/measures/T1"


# --- the budget ------------------------------------------------------------------------------


def test_the_budget_is_public_and_has_the_boards_figures(client_for, programme_data):
    response = client_for(None).get("/api/programme/budget")
    assert response.status_code == 200
    assert response.json() == EXPECTED


def test_the_budget_is_empty_but_valid_before_loading(client_for, db):
    assert client_for(None).get("/api/programme/budget").json() == {"years": {}}


def test_budget_lines_show_p_m(client_for, programme_data):
    items = client_for(None).get("/api/programme/budget/lines").json()["items"]
    manager = next(i for i in items if i["topic"] == "Programmamanager t.b.v. Weerbaarheid")
    assert manager["amounts"] == {"2025": -40000, "2026": -157500, "2027": -117500, "2028": "p.m."}
    assert manager["group"] == "Programma aansturing" and manager["subproject"] is None


def test_the_programme_team_replaces_the_lines_and_the_results_follow(
    client_for, programme_member, programme_data
):
    client = client_for(programme_member)
    body = {
        "items": [{"group": "G", "topic": "Only line", "amounts": {"2025": -100, "2026": "p.m."}}]
    }
    response = put(client, "/api/programme/budget/lines", body)
    assert response.status_code == 200 and response.json()["count"] == 1
    years = client.get("/api/programme/budget").json()["years"]
    assert years["2025"]["costs"] == -100
    assert years["2025"]["result"] == -100 + 175000
    assert years["2026"]["previous_result"] == years["2025"]["result"]


def test_a_year_figure_changes_the_result_and_carries_forward(
    client_for, coordinator, programme_data
):
    body = {"national_contribution": 185000, "fund_formation": 0}
    years = put(client_for(coordinator), "/api/programme/budget/years/2025", body).json()["years"]
    assert years["2025"]["result"] == 100000
    assert years["2026"]["previous_result"] == 100000
    assert years["2028"]["result"] == 13000


@pytest.mark.parametrize(
    "body",
    [
        {"items": [{"group": "G", "topic": "T", "amounts": {"2025": "-100"}}]},
        {"items": [{"group": "G", "topic": "T", "amounts": {"year": 1}}]},
        {"items": [{"group": "G", "topic": "T", "amounts": {}, "colour": "red"}]},
        {
            "items": [
                {"group": "G", "topic": "T", "amounts": {}},
                {"group": "G", "topic": "T", "amounts": {}},
            ]
        },
        {"items": [{"group": "G", "topic": "T", "amounts": {"1800": 1}}]},
    ],
)
def test_bad_budget_lines_are_refused(client_for, programme_member, body):
    response = put(client_for(programme_member), "/api/programme/budget/lines", body)
    assert response.status_code == 422 and response.json()["detail"]


def test_only_the_programme_team_and_coordinator_change_the_budget(client_for, officer_assen):
    body = {"national_contribution": 1}
    assert (
        put(client_for(officer_assen), "/api/programme/budget/years/2025", body).status_code == 403
    )


# --- the catalogue ---------------------------------------------------------------------------


def test_a_fresh_installation_starts_with_the_concept_catalogue(client_for, volunteer):
    body = client_for(volunteer).get("/api/programme/catalogue").json()
    assert body["version"] == 1 and body["is_concept"] and body["count"] == 10


def test_importing_through_the_api_makes_a_version_and_shows_changes(
    client_for, programme_member, catalogue
):
    client = client_for(programme_member)
    body = {"title": "VNG", "measures": [{"id": "T1", "title": "Water", "source": "VNG"}]}
    response = client.post(
        "/api/programme/catalogue/versions", data=body, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["version"] == 2
    assert response.json()["changes"] == {
        "added": [],
        "removed": ["T2", "T3", "R1"],
        "changed": {"T1": ["title", "phase", "theme", "source"]},
    }
    again = client.post(
        "/api/programme/catalogue/versions", data=body, content_type="application/json"
    )
    assert again.status_code == 200 and again.json()["version"] == 2
    versions = client.get("/api/programme/catalogue/versions").json()
    assert [v["version"] for v in versions["items"]] == [2, 1]
    assert client.get("/api/programme/catalogue/versions/1").json()["count"] == 4
    assert client.get("/api/programme/catalogue/versions/9").status_code == 404


def test_a_bad_catalogue_is_refused_with_a_reason(client_for, programme_member, db):
    body = {"measures": [{"id": "T1", "title": "Water"}]}
    response = client_for(programme_member).post(
        "/api/programme/catalogue/versions", data=body, content_type="application/json"
    )
    assert response.status_code == 422 and "has no source" in response.json()["detail"]
    assert not CatalogueVersion.objects.filter(number=2).exists()


def test_officers_cannot_import_a_catalogue(client_for, officer_assen):
    body = {"measures": [{"id": "X", "title": "X", "source": "s"}]}
    response = client_for(officer_assen).post(
        "/api/programme/catalogue/versions", data=body, content_type="application/json"
    )
    assert response.status_code == 403


# --- status records --------------------------------------------------------------------------


def test_assens_officer_changes_assens_record(client_for, officer_assen, catalogue):
    body = {"status": "in_progress", "owner": "AOV'er", "due_date": "2026-02-01", "reason": "go"}
    response = patch(client_for(officer_assen), ASSEN_T1, body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "in_progress" and data["due_date"] == "2026-02-01"
    assert data["history"][0]["actor"] == "officer-assen"
    assert data["history"][0]["reason"] == "go"


def test_assens_officer_cannot_change_emmens_record(client_for, officer_assen, catalogue):
    response = patch(client_for(officer_assen), EMMEN_T1, {"status": "done"})
    assert response.status_code == 403
    assert not MeasureRecord.objects.exists()


def test_emmens_officer_cannot_change_assens_record(
    client_for, officer_assen, officer_emmen, catalogue
):
    patch(client_for(officer_assen), ASSEN_T1, {"status": "done"})
    assert patch(client_for(officer_emmen), ASSEN_T1, {"status": "not_started"}).status_code == 403
    assert MeasureRecord.objects.get().status == "done"


@pytest.mark.parametrize("persona", ["programme_member", "operator_assen", "volunteer"])
def test_others_cannot_change_a_municipal_record(request, client_for, catalogue, persona):
    client = client_for(request.getfixturevalue(persona))
    assert patch(client, ASSEN_T1, {"status": "done"}).status_code == 403


def test_the_coordinator_changes_any_municipalitys_record(client_for, coordinator, catalogue):
    assert patch(client_for(coordinator), EMMEN_T1, {"status": "done"}).status_code == 200


def test_a_patch_changes_only_what_it_sends(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    patch(client, ASSEN_T1, {"owner": "AOV'er", "notes": "first"})
    data = patch(client, ASSEN_T1, {"status": "done"}).json()
    assert data["owner"] == "AOV'er" and data["notes"] == "first"
    assert patch(client, ASSEN_T1, {"due_date": None}).json()["due_date"] is None


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"status": "finished"},
        {"status": "done", "colour": "red"},
        {"owner": 5},
        {"due_date": "01-02-2026"},
        {"due_date": 20260201},
        {"due_date": "2026-02-30"},
        {"evidence_url": "http://example.org/plan.pdf"},
        {"notes": "x" * 4001},
        {"reason": "only a reason"},
    ],
)
def test_bad_record_changes_are_refused(client_for, officer_assen, catalogue, body):
    response = patch(client_for(officer_assen), ASSEN_T1, body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"]


def test_an_https_evidence_link_is_kept(client_for, officer_assen, catalogue):
    body = {"evidence_url": "https://example.org/plan.pdf"}
    assert (
        patch(client_for(officer_assen), ASSEN_T1, body).json()["evidence_url"]
        == body["evidence_url"]
    )


def test_a_retry_with_the_same_key_is_applied_once(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    body = {"status": "done", "idempotency_key": "offline-0001"}
    patch(client, ASSEN_T1, body)
    data = patch(client, ASSEN_T1, body).json()
    assert len(data["history"]) == 1


def test_unknown_municipality_or_measure_is_404(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    assert client.get("/api/programme/municipalities/GM9999/measures/T1").status_code == 404
    assert client.get("/api/programme/municipalities/GM0106/measures/NOPE").status_code == 404


def test_a_regional_measure_is_changed_only_at_its_regional_address(
    client_for, programme_member, officer_assen, catalogue
):
    path = "/api/programme/municipalities/GM0106/measures/R1"
    assert patch(client_for(programme_member), path, {"status": "done"}).status_code == 409
    regional = "/api/programme/regional-measures/R1"
    assert patch(client_for(officer_assen), regional, {"status": "done"}).status_code == 403
    assert patch(client_for(programme_member), regional, {"status": "done"}).status_code == 200
    # One record, seen in every municipality's list.
    for code in ("GM0106", "GM0114"):
        items = (
            client_for(officer_assen).get(f"/api/programme/municipalities/{code}/measures").json()
        )
        r1 = next(i for i in items["items"] if i["measure"] == "R1")
        assert r1["status"] == "done" and r1["municipality"] is None
    assert client_for(officer_assen).get("/api/programme/regional-measures/T1").status_code == 409


def test_the_to_do_list_lists_every_current_measure(client_for, officer_emmen, catalogue):
    body = client_for(officer_emmen).get("/api/programme/municipalities/GM0106/measures").json()
    assert body["count"] == 4
    assert {i["status"] for i in body["items"]} == {"not_started"}


def test_anonymous_visitors_get_401_outside_the_budget(client_for, catalogue):
    client = client_for(None)
    assert client.get("/api/programme/matrix").status_code == 401
    assert patch(client, ASSEN_T1, {"status": "done"}).status_code == 401


# --- the matrix and roll-ups: the officer's change shows in the regional picture -------------


def test_the_matrix_and_rollups_follow_an_officers_change(
    client_for, officer_assen, programme_member, catalogue
):
    before = client_for(programme_member).get("/api/programme/rollups").json()
    assert before["overall"]["done"] == 0
    patch(client_for(officer_assen), ASSEN_T1, {"status": "done"})
    patch(client_for(programme_member), "/api/programme/regional-measures/R1", {"status": "done"})

    client = client_for(programme_member)
    matrix = client.get("/api/programme/matrix").json()
    assert len(matrix["municipalities"]) == 12 and matrix["count"] == 4
    t1 = next(i for i in matrix["items"] if i["measure"] == "T1")
    assert t1["statuses"]["GM0106"] == "done" and t1["statuses"]["GM0114"] == "not_started"
    r1 = next(i for i in matrix["items"] if i["measure"] == "R1")
    assert set(r1["statuses"].values()) == {"done"}

    after = client.get("/api/programme/rollups").json()
    assert after["overall"]["total"] == 4 * 12
    assert after["overall"]["done"] == 1 + 12  # Assen's T1, and R1 for all twelve
    cold = next(t for t in after["by_phase"] if t["key"] == "cold")
    assert cold["done"] == 13 and cold["total"] == 24
    assen = next(t for t in after["by_municipality"] if t["key"] == "GM0106")
    assert assen["done"] == 2 and assen["percent_done"] == 50
    water = next(t for t in after["by_theme"] if t["key"] == "Water")
    assert water["done"] == 13


def test_not_applicable_is_left_out_of_the_percentage(client_for, officer_assen, catalogue):
    client = client_for(officer_assen)
    patch(client, ASSEN_T1, {"status": "done"})
    patch(client, "/api/programme/municipalities/GM0106/measures/T2", {"status": "not_applicable"})
    assen = next(
        t
        for t in client.get("/api/programme/rollups").json()["by_municipality"]
        if t["key"] == "GM0106"
    )
    assert assen["percent_done"] == 33  # 1 done of 3 that apply


def test_the_matrix_filters_by_phase_and_theme(client_for, volunteer, catalogue):
    client = client_for(volunteer)
    cold = client.get("/api/programme/matrix?phase=cold").json()
    assert {i["measure"] for i in cold["items"]} == {"T1", "R1"}
    water = client.get("/api/programme/matrix?phase=cold&theme=Water").json()
    assert water["count"] == 2
    assert client.get("/api/programme/matrix?theme=Democracy").json()["count"] == 1
    assert client.get("/api/programme/matrix?phase=hot").status_code == 422


# --- sub-projects ----------------------------------------------------------------------------


def test_sub_projects_are_read_by_everyone_logged_in(client_for, volunteer, programme_data):
    body = client_for(volunteer).get("/api/programme/subprojects").json()
    assert body["count"] == 5
    awareness = next(i for i in body["items"] if i["key"] == "awareness")
    assert awareness["budget_groups"] == ["awareness"]
    assert "Lespakketten voor scholen en het weerbaarheidsspel." in awareness["action_lines"]


def test_the_programme_team_changes_a_sub_project(client_for, programme_member, programme_data):
    body = {
        "name": "Bewustwording",
        "goal": "Inwoners weerbaar maken",
        "owner": "Projectleider bewustwording",
        "progress": 40,
        "measures": ["C02"],
    }
    response = put(client_for(programme_member), "/api/programme/subprojects/awareness", body)
    assert response.status_code == 200
    subproject = SubProject.objects.get(key="awareness")
    assert subproject.progress == 40 and [m.code for m in subproject.measures.all()] == ["C02"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "X", "goal": "Y", "progress": 101},
        {"name": "X", "goal": "Y", "measures": ["NOPE"]},
        {"name": "", "goal": "Y"},
        {"name": "X", "goal": "Y", "extra": 1},
    ],
)
def test_bad_sub_projects_are_refused(client_for, programme_member, programme_data, body):
    response = put(client_for(programme_member), "/api/programme/subprojects/awareness", body)
    assert response.status_code == 422
