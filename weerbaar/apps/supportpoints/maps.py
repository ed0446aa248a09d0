"""Map layers of the registry: support points and proxy candidate sites."""

from django.urls import reverse
from django.utils.translation import gettext as _


def support_points() -> dict:
    return {
        "url": reverse("api:geo_support_points"),
        "style": "points",
        "colourBy": "tier",
        "colours": {"coordinating": "#8a3b00", "local": "#154273"},
        "detailUrl": reverse("supportpoints:list") + "{id}/",
        "legend": _("Support points"),
        "label": _("Support points (dark red: coordinating)"),
    }


def candidate_sites() -> dict:
    return {
        "url": reverse("api:geo_candidate_sites"),
        "style": "points",
        "small": True,
        "colours": {"default": "#4a4a4a"},
        "legend": _("Candidate sites (proxies)"),
        "label": _("Candidate sites (proxies: villages and hospitals)"),
    }
