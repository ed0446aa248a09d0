"""Dutch unless the person chose otherwise; English in the API.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
every Dutch civil servant whose laptop was set up in English. Here only an explicit choice
(the language cookie set by the switch in the header) changes the language."""

from django.conf import settings
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
