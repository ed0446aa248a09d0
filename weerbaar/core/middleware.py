"""Dutch unless the person chose otherwise; English in the API.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
every Dutch civil servant whose laptop was set up in English. Here only an explicit choice
(the language cookie set by the switch in the header) changes the language."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        if request.path.startswith("/api/"):
            # The API speaks to scripts: its reasons are in English, like its field names.
            language = "en"
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CompressMapLayersMiddleware(GZipMiddleware):
    """Gzip large map layers (the population layer is ~3.5 MB of GeoJSON, ~10x smaller
    compressed; it matters on a slow link in a crisis). Only GeoJSON and JSON from the API:
    HTML pages carry CSRF tokens, which compression would expose to BREACH."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(("application/geo+json", "application/json")):
            return response
        return super().process_response(request, response)
