from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportPointsConfig(AppConfig):
    name = "weerbaar.apps.supportpoints"
    label = "supportpoints"
    verbose_name = _("Support points")

    def ready(self):
        from weerbaar.apps.supportpoints import maps
        from weerbaar.core.maps import register_overlay

        register_overlay("support-points", maps.support_points)
        register_overlay("candidate-sites", maps.candidate_sites)
