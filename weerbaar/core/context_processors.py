from django.conf import settings


def platform(request):
    """What every page needs to know about the installation."""
    return {
        "demo_mode": settings.DEMO_MODE,
    }
