"""Refuse to serve with demo secrets outside demo mode.

Called by the WSGI entry point and by `weerbaar serve`, before the first request: a platform
that people rely on in a crisis must not run in production with a published secret key or
with accounts whose passwords are printed in the README.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UnsafeConfiguration(ImproperlyConfigured):
    pass


def unsafe_reasons() -> list[str]:
    """What makes this configuration unsafe to serve outside demo mode (empty: safe)."""
    if settings.DEMO_MODE:
        return []
    reasons = []
    if settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY or len(settings.SECRET_KEY) < 32:
        reasons.append(
            "SECRET_KEY is the published default or shorter than 32 characters; "
            "set SECRET_KEY (or SECRET_KEY_FILE)"
        )
    from weerbaar.apps.accounts.queries import active_demo_accounts

    demo_names = active_demo_accounts()
    if demo_names:
        reasons.append(
            "demo accounts with known passwords are active ("
            + ", ".join(demo_names)
            + "); disable them or reset their passwords, or set WEERBAAR_DEMO=1"
        )
    return reasons


def assert_safe_to_serve() -> None:
    reasons = unsafe_reasons()
    if reasons:
        raise UnsafeConfiguration("Weerbaar refuses to start: " + "; ".join(reasons))
