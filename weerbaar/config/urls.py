from django.urls import include, path

from weerbaar.apps.supportpoints import views as supportpoints_views
from weerbaar.config.api import api
from weerbaar.core import views as core_views

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("weerbaar.apps.accounts.urls")),
    path("support-points/", include("weerbaar.apps.supportpoints.urls")),
    path("nearest/", supportpoints_views.nearest_page, name="nearest"),
    path("programme/", include("weerbaar.apps.programme.urls")),
    path("", include("weerbaar.apps.regions.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
