"""Django settings for Weerbaar. Every setting comes from the environment; see .env.example."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from weerbaar.config.env import env_bool, env_float, env_int, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("WEERBAAR_VAR_DIR", str(BASE_DIR / "var")))

# Demo mode allows the default secret key and the demo accounts with known passwords.
# Outside demo mode the server refuses to start with either (see weerbaar.config.startup).
DEMO_MODE = env_bool("WEERBAAR_DEMO", False)
INSECURE_DEFAULT_SECRET_KEY = "weerbaar-demo-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env_secret("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "leaflet",
    "ninja",
    "weerbaar.core",
    "weerbaar.apps.regions",
    "weerbaar.apps.accounts",
    "weerbaar.apps.programme",
    "weerbaar.apps.supportpoints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "weerbaar.core.middleware.CompressMapLayersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weerbaar.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "weerbaar.config.urls"
WSGI_APPLICATION = "weerbaar.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "weerbaar.core.context_processors.platform",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE transactions take the write
        # lock at BEGIN, so concurrent writers queue on the busy timeout instead of failing
        # half-way with "database is locked".
        config["CONN_MAX_AGE"] = 0
        if config["NAME"] not in ("", ":memory:"):
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;",
        }
    return config


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'weerbaar.sqlite3'}")
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "regions:home"
LOGOUT_REDIRECT_URL = "regions:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only for a deployment that runs collectstatic; by default files come from the packages.
STATIC_ROOT = env_str("STATIC_ROOT", "") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the installed packages: no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The region this installation serves, by its code in the reference data (weerbaar/data).
WEERBAAR_REGION = env_str("WEERBAAR_REGION", "VR03")
# Share of residents counted as less self-reliant (verminderd zelfredzaam). An estimate:
# national research puts it at 20-25%. Used by the population layer.
WEERBAAR_LESS_SELF_RELIANT_SHARE = env_float(
    "WEERBAAR_LESS_SELF_RELIANT_SHARE", 0.20, low=0.0, high=1.0
)
# Travel between a resident and a support point, until a road network is supplied:
# straight-line distance × a detour factor (an assumption: 1.3 suits rural Drenthe).
WEERBAAR_DETOUR_FACTOR = env_float("WEERBAAR_DETOUR_FACTOR", 1.3, low=1.0, high=3.0)
WEERBAAR_WALKING_SPEED_KMH = env_float("WEERBAAR_WALKING_SPEED_KMH", 4.5, low=1.0, high=10.0)
# An OpenStreetMap extract (.osm or .osm.pbf, e.g. from Geofabrik): travel costs then follow
# the road network instead of straight line × detour factor.
WEERBAAR_OSM_FILE = env_str("WEERBAAR_OSM_FILE", "")
# Background map tiles. Empty: no background, our own layers only (works offline).
# Example, PDOK BRT achtergrondkaart:
# https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png
WEERBAAR_BACKGROUND_TILES_URL = env_str("WEERBAAR_BACKGROUND_TILES_URL", "")
WEERBAAR_BACKGROUND_ATTRIBUTION = env_str(
    "WEERBAAR_BACKGROUND_ATTRIBUTION", "Kaartgegevens &copy; Kadaster (PDOK BRT)"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
