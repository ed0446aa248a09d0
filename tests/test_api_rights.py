"""Rights for every API endpoint that exists, per persona and per object.

RIGHTS lists each operation of the OpenAPI description with the status each persona gets.
A new endpoint that is not listed here fails `test_every_endpoint_is_in_the_rights_table`,
so no endpoint can ship without its rights being proven."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from weerbaar.apps.supportpoints.readiness import default_rules
from weerbaar.config.api import api

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator",
    "programme_member",
    "officer_assen",
    "officer_emmen",
    "operator_assen",
    "volunteer",
]
PUBLIC = dict.fromkeys(PERSONAS, 200)
LOGGED_IN = {**dict.fromkeys(PERSONAS, 200), "anonymous": 401}
COORDINATOR_ONLY = {**dict.fromkeys(PERSONAS, 403), "anonymous": 401, "coordinator": 200}
MANAGERS_OF_ASSEN = {
    **dict.fromkeys(PERSONAS, 403),
    "anonymous": 401,
    "coordinator": 200,
    "officer_assen": 200,
}
PLANNERS = {
    **dict.fromkeys(PERSONAS, 200),
    "anonymous": 401,
    "operator_assen": 403,
    "volunteer": 403,
}
NEW_POINT = {"name": "Dorpshuis", "municipality": "GM0106", "lat": 53.0, "lon": 6.56}
NEW_POINT_CSV = "name,municipality,lat,lon\nDorpshuis,GM0106,53.0,6.56\n"
# A path may name {lnsp_assen}: the demo network's local point in Assen.

# (method, path in the OpenAPI description, concrete path, body, expected status per persona)
RIGHTS = [
    # The programme monitor. C01 is a measure per municipality, C05 a regional measure of the
    # starter catalogue (a fresh database starts with it as version 1).
    ("get", "/api/programme/budget", "/api/programme/budget", None, PUBLIC),
    ("get", "/api/programme/budget/lines", "/api/programme/budget/lines", None, PUBLIC),
    (
        "put",
        "/api/programme/budget/lines",
        "/api/programme/budget/lines",
        {"items": [{"group": "G", "topic": "T", "amounts": {"2025": -1, "2026": "p.m."}}]},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 200,
        },
    ),
    (
        "put",
        "/api/programme/budget/years/{year}",
        "/api/programme/budget/years/2025",
        {"national_contribution": 175000},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 200,
        },
    ),
    ("get", "/api/programme/catalogue", "/api/programme/catalogue", None, LOGGED_IN),
    (
        "get",
        "/api/programme/catalogue/versions",
        "/api/programme/catalogue/versions",
        None,
        LOGGED_IN,
    ),
    (
        "post",
        "/api/programme/catalogue/versions",
        "/api/programme/catalogue/versions",
        {"title": "VNG", "measures": [{"id": "V1", "title": "Water", "source": "VNG 2025"}]},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 201,
            "programme_member": 201,
        },
    ),
    (
        "get",
        "/api/programme/catalogue/versions/{number}",
        "/api/programme/catalogue/versions/1",
        None,
        LOGGED_IN,
    ),
    ("get", "/api/programme/matrix", "/api/programme/matrix", None, LOGGED_IN),
    ("get", "/api/programme/rollups", "/api/programme/rollups", None, LOGGED_IN),
    (
        "get",
        "/api/programme/municipalities/{code}/measures",
        "/api/programme/municipalities/GM0114/measures",
        None,
        LOGGED_IN,
    ),
    (
        "get",
        "/api/programme/municipalities/{code}/measures/{measure_code}",
        "/api/programme/municipalities/GM0114/measures/C01",
        None,
        LOGGED_IN,
    ),
    (
        "patch",
        "/api/programme/municipalities/{code}/measures/{measure_code}",
        "/api/programme/municipalities/GM0106/measures/C01",
        {"status": "in_progress", "owner": "AOV'er"},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 200,
            "officer_assen": 200,
        },
    ),
    (
        "get",
        "/api/programme/regional-measures/{measure_code}",
        "/api/programme/regional-measures/C05",
        None,
        LOGGED_IN,
    ),
    (
        "patch",
        "/api/programme/regional-measures/{measure_code}",
        "/api/programme/regional-measures/C05",
        {"status": "done"},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 200,
        },
    ),
    ("get", "/api/programme/subprojects", "/api/programme/subprojects", None, LOGGED_IN),
    (
        "put",
        "/api/programme/subprojects/{key}",
        "/api/programme/subprojects/awareness",
        {"name": "Bewustwording", "goal": "Inwoners en organisaties weerbaar maken."},
        {
            **dict.fromkeys(PERSONAS, 403),
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 200,
        },
    ),
    ("get", "/api/municipalities", "/api/municipalities", None, PUBLIC),
    ("get", "/api/municipalities/{code}", "/api/municipalities/GM0106", None, PUBLIC),
    ("get", "/api/datasets", "/api/datasets", None, PUBLIC),
    ("get", "/api/geo/municipalities", "/api/geo/municipalities", None, PUBLIC),
    ("get", "/api/geo/districts", "/api/geo/districts", None, PUBLIC),
    ("get", "/api/geo/postcode-areas", "/api/geo/postcode-areas", None, PUBLIC),
    ("get", "/api/geo/demand-points", "/api/geo/demand-points?municipality=GM1701", None, PUBLIC),
    ("get", "/api/me", "/api/me", None, LOGGED_IN),
    ("get", "/api/accounts", "/api/accounts", None, COORDINATOR_ONLY),
    ("get", "/api/audit-log", "/api/audit-log", None, COORDINATOR_ONLY),
    ("get", "/api/support-points", "/api/support-points", None, PUBLIC),
    (
        "post",
        "/api/support-points",
        "/api/support-points",
        NEW_POINT,
        {**MANAGERS_OF_ASSEN, "coordinator": 201, "officer_assen": 201},
    ),
    ("get", "/api/support-points/export", "/api/support-points/export", None, PUBLIC),
    (
        "post",
        "/api/support-points/import",
        "/api/support-points/import",
        "FILE",
        {**MANAGERS_OF_ASSEN, "officer_emmen": 422},
    ),
    ("get", "/api/support-points/{point_id}", "/api/support-points/{lnsp_assen}", None, PUBLIC),
    (
        "patch",
        "/api/support-points/{point_id}",
        "/api/support-points/{lnsp_assen}",
        {"capacity": 120},
        MANAGERS_OF_ASSEN,
    ),
    (
        "post",
        "/api/support-points/{point_id}/status",
        "/api/support-points/{lnsp_assen}/status",
        {"status": "ready"},
        MANAGERS_OF_ASSEN,
    ),
    (
        "get",
        "/api/nearest-support-points",
        "/api/nearest-support-points?postcode=9401",
        None,
        PUBLIC,
    ),
    ("get", "/api/candidate-sites", "/api/candidate-sites", None, PUBLIC),
    ("get", "/api/readiness-rules", "/api/readiness-rules", None, PUBLIC),
    ("put", "/api/readiness-rules", "/api/readiness-rules", "RULES", COORDINATOR_ONLY),
    ("get", "/api/geo/support-points", "/api/geo/support-points", None, PUBLIC),
    ("get", "/api/geo/candidate-sites", "/api/geo/candidate-sites", None, PUBLIC),
    ("get", "/api/coverage", "/api/coverage?minutes=20", None, PUBLIC),
    ("get", "/api/plans", "/api/plans", None, PLANNERS),
    (
        "post",
        "/api/plans",
        "/api/plans",
        {"question": "add_k", "k": 1, "municipality": "GM0106"},
        {
            **PLANNERS,
            "coordinator": 201,
            "programme_member": 201,
            "officer_assen": 201,
            "officer_emmen": 403,
        },
    ),
    ("get", "/api/plans/{plan_id}", "/api/plans/{plan}", None, PLANNERS),
    ("get", "/api/geo/plans/{plan_id}", "/api/geo/plans/{plan}", None, PLANNERS),
    ("get", "/api/geo/uncovered", "/api/geo/uncovered?minutes=20", None, PUBLIC),
    (
        "get",
        "/api/municipalities/{code}/crisis-contact",
        "/api/municipalities/GM0106/crisis-contact",
        None,
        {
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 403,
            "officer_assen": 200,
            "officer_emmen": 403,
            "operator_assen": 200,
            "volunteer": 403,
        },
    ),
    (
        "put",
        "/api/municipalities/{code}/crisis-contact",
        "/api/municipalities/GM0106/crisis-contact",
        {"officer_name": "A. Jansen", "phone_24h": "0592 123456"},
        {
            "anonymous": 401,
            "coordinator": 200,
            "programme_member": 403,
            "officer_assen": 200,
            "officer_emmen": 403,
            "operator_assen": 403,
            "volunteer": 403,
        },
    ),
]


@pytest.fixture
def a_plan(support_network):
    from weerbaar.apps.supportpoints.models import Plan

    return Plan.objects.create(name="p", question="add_k", k=1, norm={}, status="optimal")


def test_every_endpoint_is_in_the_rights_table():
    spec = api.get_openapi_schema()
    operations = {
        (method, path)
        for path, item in spec["paths"].items()
        for method in item
        if method != "parameters"
    }
    listed = {(method, path) for method, path, *_rest in RIGHTS}
    assert operations == listed


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "_spec_path", "path", "body", "expected"), RIGHTS)
def test_rights_per_persona(
    request, client_for, support_network, a_plan, persona, method, _spec_path, path, body, expected
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    path = path.format(lnsp_assen=support_network["L-NSP Assen (demo)"].pk, plan=a_plan.pk)
    if body is None:
        response = getattr(client, method)(path)
    elif body == "FILE":
        upload = SimpleUploadedFile("points.csv", NEW_POINT_CSV.encode(), "text/csv")
        response = client.post(path, {"file": upload})
    else:
        data = default_rules() if body == "RULES" else body
        response = getattr(client, method)(path, data=data, content_type="application/json")
    assert response.status_code == expected[persona], response.content
    assert response["Content-Type"].startswith(
        ("application/json", "application/geo+json", "text/csv")
    )
