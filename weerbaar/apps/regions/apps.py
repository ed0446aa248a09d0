from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "weerbaar.apps.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self):
        from weerbaar.apps.regions import maps
        from weerbaar.core.maps import register_area_layer, register_overlay

        register_area_layer("municipalities", maps.municipalities)
        register_area_layer("districts", maps.districts)
        register_area_layer("postcode-areas", maps.postcode_areas)
        register_overlay("demand-points", maps.demand_points)
