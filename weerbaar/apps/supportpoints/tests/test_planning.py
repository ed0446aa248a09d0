"""Planning with the siting optimizer on the real population layer and proxy candidates."""

import pytest

from weerbaar.apps.supportpoints import coverage, planning
from weerbaar.apps.supportpoints.models import Plan

pytestmark = pytest.mark.django_db
BIKE_15 = coverage.Norm(mode="bike", minutes=15, speed_kmh=15)


def test_adding_k_points_improves_coverage_with_a_proven_answer(coordinator, support_network):
    plan = planning.propose(coordinator, name="k=5", question="add_k", k=5, norm=BIKE_15)
    assert len(plan.selected) == 5
    assert plan.status in ("optimal", "feasible")
    assert plan.gap is not None and plan.gap <= 1e-6
    assert plan.after["residents"] > plan.before["residents"]
    assert plan.objective <= plan.bound + 1e-6  # MCLP: bound is an upper bound
    assert all(code.startswith(("geonames:", "hospital:")) for code in plan.selected)


def test_more_points_never_cover_less(coordinator, support_network):
    shares = [
        planning.propose(coordinator, name=str(k), question="add_k", k=k, norm=BIKE_15).after[
            "residents"
        ]
        for k in (1, 3, 6)
    ]
    assert shares == sorted(shares)


def test_fewest_points_cover_everyone_who_can_be_reached(coordinator, support_network):
    plan = planning.propose(coordinator, name="all", question="fewest", norm=BIKE_15)
    unreachable_share = plan.unreachable["residents"] / 504_129
    assert plan.after["residents"] + unreachable_share == pytest.approx(1.0, abs=1e-5)
    assert plan.status == "optimal"


def test_a_plan_for_one_municipality_uses_its_candidates(officer_assen, support_network, assen):
    plan = planning.propose(
        officer_assen, name="Assen", question="add_k", k=2, norm=BIKE_15, municipality=assen
    )
    sites = planning.proposed_sites(plan)
    assert {s.municipality.code for s in sites} == {"GM0106"}


@pytest.mark.parametrize(
    ("question", "k", "measure", "message"),
    [
        ("add_k", 0, "residents", "k must"),
        ("add_k", 3, "cats", "measure"),
        ("x", 1, "residents", "question"),
    ],
)
def test_bad_questions_are_refused(coordinator, support_network, question, k, measure, message):
    with pytest.raises(planning.PlanError, match=message):
        planning.propose(
            coordinator, name="x", question=question, k=k, measure=measure, norm=BIKE_15
        )
    assert not Plan.objects.exists()


def test_the_api_makes_and_returns_a_plan(client_for, coordinator, support_network):
    client = client_for(coordinator)
    response = client.post(
        "/api/plans",
        data={"question": "add_k", "k": 3, "mode": "bike", "minutes": 15, "name": "Drie"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["selected"]) == 3
    assert client.get(f"/api/plans/{body['id']}").json()["name"] == "Drie"
    layer = client.get(f"/api/geo/plans/{body['id']}").json()
    assert len(layer["features"]) == 3


def test_an_officer_cannot_plan_for_another_municipality(
    client_for, officer_emmen, support_network
):
    response = client_for(officer_emmen).post(
        "/api/plans",
        data={"question": "add_k", "k": 1, "municipality": "GM0106"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_pages_make_show_and_compare_plans(client_for, coordinator, support_network):
    client = client_for(coordinator)
    ids = []
    for k in ("2", "4"):
        response = client.post(
            "/support-points/plans/",
            {"question": "add_k", "k": k, "mode": "bike", "minutes": "15", "name": f"k{k}"},
        )
        assert response.status_code == 302
        ids.append(response["Location"].rstrip("/").split("/")[-1])
    html = client.get(f"/support-points/plans/{ids[0]}/").content.decode()
    assert "optimaal (bewezen)" in html
    html = client.get(f"/support-points/plans/compare/?ids={ids[0]}&ids={ids[1]}").content.decode()
    assert "k2" in html and "k4" in html


def test_a_bad_plan_form_says_why(client_for, coordinator, support_network):
    html = (
        client_for(coordinator)
        .post("/support-points/plans/", {"question": "add_k", "k": "0"})
        .content.decode()
    )
    assert 'role="alert"' in html


def test_volunteers_do_not_see_plans(client_for, volunteer):
    assert client_for(volunteer).get("/support-points/plans/").status_code == 403
