"""Shared test fixtures: the reference data, loaded once, and personas (healthchecks style):
a regional coordinator, the programme team, officers of Assen and Emmen, an operator in
Assen, a volunteer, and the anonymous public."""

import pytest

from weerbaar.apps.accounts.factories import UserFactory
from weerbaar.apps.accounts.models import Role
from weerbaar.apps.regions.models import Municipality
from weerbaar.apps.regions.reference import load_reference

ASSEN, EMMEN = "GM0106", "GM0114"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many accounts; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real Drenthe reference data once for the whole session."""
    with django_db_blocker.unblock():
        load_reference()


@pytest.fixture
def reference_data(db):
    """The reference data; transactional tests (browser) flush it, so reload when gone."""
    if not Municipality.objects.exists():
        load_reference()


@pytest.fixture
def assen(reference_data):
    return Municipality.objects.get(code=ASSEN)


@pytest.fixture
def emmen(reference_data):
    return Municipality.objects.get(code=EMMEN)


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="coordinator", role=Role.REGIONAL_COORDINATOR)


@pytest.fixture
def programme_member(reference_data):
    return UserFactory(username="programme", role=Role.PROGRAMME_TEAM)


@pytest.fixture
def officer_assen(assen):
    return UserFactory(
        username="officer-assen", role=Role.MUNICIPAL_OFFICER, municipalities=[assen]
    )


@pytest.fixture
def officer_emmen(emmen):
    return UserFactory(
        username="officer-emmen", role=Role.MUNICIPAL_OFFICER, municipalities=[emmen]
    )


@pytest.fixture
def operator_assen(assen):
    return UserFactory(
        username="operator-assen", role=Role.SUPPORT_POINT_OPERATOR, municipalities=[assen]
    )


@pytest.fixture
def volunteer(reference_data):
    return UserFactory(username="volunteer", role=Role.VOLUNTEER)


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def support_network(reference_data):
    """The proxy candidate sites and the demo network (13 points, C-NSP in Assen)."""
    from weerbaar.apps.supportpoints.demo import load_candidates, load_demo_network

    load_candidates()
    load_demo_network()
    from weerbaar.apps.supportpoints.models import SupportPoint

    return {p.name: p for p in SupportPoint.objects.all()}
