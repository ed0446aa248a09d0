import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.config.settings")
application = get_wsgi_application()

from weerbaar.config.startup import assert_safe_to_serve  # noqa: E402  (needs the app registry)

assert_safe_to_serve()
