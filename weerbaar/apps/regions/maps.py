"""The region's map layers: areas as choropleths and the derived population layer."""

from django.urls import reverse
from django.utils.translation import gettext as _


def municipalities() -> dict:
    return {
        "url": reverse("api:geo_municipalities"),
        "property": "density",
        "legend": _("Residents per km² (CBS 2024)"),
        "label": _("Municipalities: residents per km²"),
    }


def districts() -> dict:
    return {
        "url": reverse("api:geo_districts"),
        "property": "density",
        "legend": _("Residents per km² (CBS 2024)"),
        "label": _("Districts: residents per km²"),
    }


def postcode_areas() -> dict:
    return {
        "url": reverse("api:geo_postcode_areas"),
        "property": "share_65_plus",
        "percent": True,
        "legend": _("Share aged 65+ (CBS 2021)"),
        "label": _("Postcode areas: share aged 65+ (CBS 2021)"),
    }


def demand_points() -> dict:
    return {
        "url": reverse("api:geo_demand_points"),
        "style": "population",
        "property": "residents",
        "legend": _("Residents per 500 m cell (derived)"),
        "label": _("Population layer, 500 m grid (derived)"),
    }
