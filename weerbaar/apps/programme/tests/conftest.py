import pytest

from weerbaar.apps.programme.factories import make_catalogue
from weerbaar.apps.programme.loading import load_programme


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Evidence files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def catalogue(reference_data):
    """A small test catalogue: T1-T3 per municipality, R1 regional."""
    return make_catalogue()


@pytest.fixture
def programme_data(reference_data):
    """The shipped data: the starter catalogue, the sub-projects and the Drenthe budget."""
    return load_programme()
