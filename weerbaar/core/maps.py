"""Configuration of the one map component (static/weerbaar/map.js).

Apps register their layers here from their AppConfig.ready(), so a page shows every layer
the installation has without apps importing each other. A layer spec is a function that
returns a dict (it may call reverse() and gettext, so it is built per request)."""

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _

AREA_LAYERS: dict[str, Callable[[], dict]] = {}
OVERLAYS: dict[str, Callable[[], dict]] = {}


def register_area_layer(key: str, spec: Callable[[], dict]) -> None:
    AREA_LAYERS[key] = spec


def register_overlay(key: str, spec: Callable[[], dict]) -> None:
    OVERLAYS[key] = spec


def map_config(
    *,
    area: str = "municipalities",
    overlays_on: tuple[str, ...] = (),
    extra_overlays: dict[str, dict] | None = None,
) -> dict:
    """The configuration for one map; `extra_overlays` are layers of this page only (a
    coverage result for the norm the person chose)."""
    return {
        "background": {
            "url": settings.WEERBAAR_BACKGROUND_TILES_URL,
            "attribution": settings.WEERBAAR_BACKGROUND_ATTRIBUTION,
        },
        "area": area,
        "layers": {key: spec() for key, spec in AREA_LAYERS.items()},
        "overlays": {key: spec() for key, spec in OVERLAYS.items()} | (extra_overlays or {}),
        "overlaysOn": list(overlays_on),
        "text": {
            "loading": _("Loading map layer…"),
            "loaded": _("Map layer shown: %(name)s."),
            "hidden": _("Map layer hidden: %(name)s."),
            "failed": _("The map layer could not be loaded."),
            "residents": _("residents"),
        },
    }
