"""The one JSON API, with its OpenAPI description at /api/openapi.json.

Errors are always JSON `{"detail": "..."}` with the right status; nothing reaches the client
as an HTML error page or a traceback."""

import logging

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from weerbaar.apps.accounts.api import router as accounts_router
from weerbaar.apps.programme.api import router as programme_router
from weerbaar.apps.regions.api import geo_router
from weerbaar.apps.regions.api import router as regions_router
from weerbaar.apps.supportpoints.api import geo_router as supportpoints_geo_router
from weerbaar.apps.supportpoints.api import router as supportpoints_router
from weerbaar.apps.supportpoints.coverage_views import geo_router as coverage_geo_router
from weerbaar.apps.supportpoints.coverage_views import router as coverage_router
from weerbaar.apps.supportpoints.plan_views import geo_router as plan_geo_router
from weerbaar.apps.supportpoints.plan_views import router as plan_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Weerbaar API",
    version="1",
    description="Weerbaar: emergency support points, programme and reference data of a "
    "safety region. Lists are {items, count}; map layers are GeoJSON FeatureCollections.",
    urls_namespace="api",
)
api.add_router("/", regions_router)
api.add_router("/", accounts_router)
api.add_router("/", programme_router)
api.add_router("/", supportpoints_router)
api.add_router("/geo", geo_router)
api.add_router("/geo", supportpoints_geo_router)
api.add_router("/", coverage_router)
api.add_router("/geo", coverage_geo_router)
api.add_router("/", plan_router)
api.add_router("/geo", plan_geo_router)


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", []) if part not in ("body", "query"))
    return f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", "invalid")


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    message = "; ".join(_describe(e) for e in exc.errors) or "Invalid input"
    return api.create_response(request, {"detail": message, "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(request, {"detail": "Login required"}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found"}, status=404)


@api.exception_handler(Exception)
def unexpected_error(request, exc):
    logger.exception("unexpected error in API call %s", request.path)
    return api.create_response(
        request, {"detail": "Internal error; it has been logged"}, status=500
    )
