"""Outside demo mode the platform refuses to start with a default secret or demo passwords."""

import pytest

from weerbaar.apps.accounts.models import User
from weerbaar.config.startup import UnsafeConfiguration, assert_safe_to_serve, unsafe_reasons

pytestmark = pytest.mark.django_db
STRONG_KEY = "k" * 50


def test_demo_mode_allows_the_defaults(settings):
    settings.DEMO_MODE = True
    settings.SECRET_KEY = settings.INSECURE_DEFAULT_SECRET_KEY
    assert unsafe_reasons() == []


def test_the_default_secret_key_is_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = settings.INSECURE_DEFAULT_SECRET_KEY
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY"):
        assert_safe_to_serve()


def test_a_short_secret_key_is_refused(settings):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = "short"
    assert any("SECRET_KEY" in r for r in unsafe_reasons())


def test_active_demo_accounts_are_refused_outside_demo_mode(settings, volunteer):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = STRONG_KEY
    User.objects.filter(pk=volunteer.pk).update(is_demo_account=True)
    with pytest.raises(UnsafeConfiguration, match="volunteer"):
        assert_safe_to_serve()


def test_a_proper_configuration_starts(settings, volunteer):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = STRONG_KEY
    assert_safe_to_serve()
