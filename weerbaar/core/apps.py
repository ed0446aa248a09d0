from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "weerbaar.core"
    label = "core"
    verbose_name = "Weerbaar core"
