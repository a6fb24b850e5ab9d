"""Settings for every mode, driven by the environment.

Embedded default (no variables set): SQLite in ``data/``, mail to the console, Celery tasks
run in-process. ``DATABASE_URL`` switches to PostgreSQL, ``CELERY_BROKER_URL`` to Redis with
real workers. ``.env.example`` documents every variable.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)
#: files of every mode: beat's schedule, report exports, uploaded imports (web, worker and beat
#: must share it), and in the embedded mode the database and the secret key
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "data")))
try:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
except OSError as fehler:
    raise ImproperlyConfigured(
        f"DATA_DIR {DATA_DIR} cannot be created ({fehler.strerror}): "
        "set DATA_DIR to a folder web, worker and beat may write to."
    ) from fehler

DEBUG = env.bool("DJANGO_DEBUG", default=False)
#: the embedded mode: SQLite and no broker (make run); production has either set
EINGEBETTET = env.str("DATABASE_URL", default="sqlite:").startswith("sqlite:") and not env.str(
    "CELERY_BROKER_URL", default=""
)


def _secret_key() -> str:
    """Production passes DJANGO_SECRET_KEY; the embedded mode keeps a generated key in data/.

    Web, worker and beat must share one key (invitation links are signed by the worker and
    checked by the web), so outside the embedded mode a missing key stops the start.
    """
    key = env.str("DJANGO_SECRET_KEY", default="")
    if key:
        return key
    if not EINGEBETTET:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DATABASE_URL or CELERY_BROKER_URL is."
        )
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Calendar UIDs end in this name; it must never change, or calendars see every entry twice.
KALENDER_UID_DOMAIN = env.str("KALENDER_UID_DOMAIN", default="ehrenamt-plattform.invalid")

INSTALLED_APPS = [
    # Django's admin, behind the same second factor as every other page (konten/apps.py)
    "konten.apps.PlattformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "guardian",
    "axes",
    "import_export",
    "common",
    "konten",
    "regionen",
    "netzwerk",
    "unterkuenfte",
    "freiwillige",
    "fortbildung",
    "benachrichtigungen",
    "berichte",
]

MIDDLEWARE = [
    # before anything asks request.is_secure(): X-Forwarded-Proto from trusted proxies only
    "common.drosselung.weitergeleitetes_protokoll",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session has passed the second factor
    "django_otp.middleware.OTPMiddleware",
    # Every HTML view needs a login unless it is marked @login_not_required: safe by default.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Roles with two factors reach nothing but the code or its setting up before it is given.
    "konten.middleware.ZweiFaktorenMiddleware",
    "konten.middleware.UserLanguageMiddleware",
    # The administration's role reads figures only: 403 for every page showing a person.
    "konten.middleware.NurKennzahlenMiddleware",
    # Volunteers accept new versions of the declarations before anything else.
    "freiwillige.middleware.ErklaerungenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Must stay last: it turns a lockout into the lockout page (JSON under /api/).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# The error pages (400, 403, 404, 500) are config.urls' handlers; this one is the CSRF refusal.
CSRF_FAILURE_VIEW = "common.views.fehler_csrf"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "konten.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'plattform.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and background jobs read while one of them writes.
    # Tests use a file too: the browser tests' live server then gets connections of its own
    # instead of sharing one in-memory connection across threads.
    # One file per test process, so two test runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-plattform-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT would compile the matching queries' many scoring expressions for
    # seconds per request; they run in milliseconds without it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication -----------------------------------------------------------
AUTH_USER_MODEL = "konten.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses locked-out credentials before any other backend checks them.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "konten:login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "konten:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
EINLADUNG_GUELTIG_TAGE = env.int("EINLADUNG_GUELTIG_TAGE", default=14)
#: days between a request to erase an account and the erasure; the person may withdraw
LOESCHUNG_KARENZ_TAGE = env.int("LOESCHUNG_KARENZ_TAGE", default=14)

# Failed logins: 5 attempts per account and address, then 15 minutes locked.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout page, and JSON under /api/
AXES_LOCKOUT_CALLABLE = "konten.anmeldeversuche.gesperrt_antwort"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "konten.anmeldeversuche.konto_schluessel"
# the client address by the one rule of common/drosselung.py (see "Client address and rate limits")
AXES_CLIENT_IP_CALLABLE = "common.drosselung.client_adresse"
AXES_VERBOSE = False

# API tokens (django-rest-knox): one per client, stored as a hash, valid this many days
KNOX_TOKEN_MODEL = "konten.ApiZugang"  # noqa: S105 - a model, not a secret
# knox's migrations would create its own token table even though konten.ApiZugang replaces
# that model; without them the table never exists.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_GUELTIG_TAGE = env.int("API_TOKEN_GUELTIG_TAGE", default=30)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_GUELTIG_TAGE),
    "AUTH_HEADER_PREFIX": "Token",
}

# Second factor (django-otp: TOTP app plus recovery codes) for the roles marked
# zwei_faktoren in konten/roles.py. Required outside the embedded mode; the embedded demo
# keeps it optional (ZWEI_FAKTOREN_PFLICHT=1 make run switches it on there).
ZWEI_FAKTOREN_PFLICHT = env.bool("ZWEI_FAKTOREN_PFLICHT", default=not EINGEBETTET)
#: the name authenticator apps show beside the account
OTP_TOTP_ISSUER = env.str("ZWEI_FAKTOREN_AUSSTELLER", default="Ehrenamt-Plattform")
# Device secrets stay out of the admin: a person sets up their app on their own page.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
# The interface speaks German and English; profiles, events and calls for helpers also carry
# texts in the languages below (common/texte.py), and a reader who picks one gets those
# texts, right to left for Arabic and Persian, with German wherever nothing is translated.
#: languages the interface text is translated into (locale/); in the others it stays German
OBERFLAECHENSPRACHEN = ("de", "en")
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("fa", _("Persisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("tr", _("Türkisch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# Without a collected STATIC_ROOT (the embedded mode, tests) files come straight from the
# apps, looked up on each request whether DEBUG is on or not: an edited stylesheet shows at
# once, and no collected directory is expected.
WHITENOISE_USE_FINDERS = not env.bool("STATIC_MANIFEST", default=False)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Mail -----------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "mails"
if env.str("EMAIL_URL", default=""):
    # e.g. smtp://user:pass@mailpit:1025 or smtp+tls://… for a real relay
    _email = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ehrenamt-Plattform <noreply@plattform.invalid>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# Without a broker every task runs in-process, so the embedded mode needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task a vanished worker had taken goes back to the queue after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_TIMEZONE = TIME_ZONE
#: the queue each task waits in, by task name; workers take queues with ``-Q`` (README,
#: "Scaling"), so a long export never waits in front of an invitation. ``celery`` is
#: Celery's default queue: what was queued before the queues were split is still taken.
#: tests/test_warteschlangen.py fails for a task named in none of them.
WARTESCHLANGEN = {
    # everything that ends in a mail, the periodic jobs handing out mail chunks included: a
    # long housekeeping run on the default queue must not hold up the minute's outbox sweep
    "mail": (
        "benachrichtigungen.tasks.notices_zustellen",
        "benachrichtigungen.tasks.notices_einsammeln",
        "benachrichtigungen.tasks.erinnerungen_schreiben",
        "benachrichtigungen.tasks.digest_beat",
        "benachrichtigungen.tasks.digest_senden",
        "konten.tasks.einladung_senden",
        "konten.tasks.einladungen_nachsenden",
        "freiwillige.tasks.registrierung_mail_senden",
        "netzwerk.tasks.zustellungen_senden",
        "netzwerk.tasks.zustellungen_nachholen",
    ),
    # files built for download: minutes for a large region, written into DATA_DIR
    "berichte": (
        "berichte.tasks.export_erstellen",
        "konten.tasks.auskunft_erstellen",
    ),
    # checks and imports of uploaded spreadsheets, read from DATA_DIR
    "importe": (
        "common.tasks.tabellen_import",
        "netzwerk.tasks.verteiler_import",
    ),
    # the periodic housekeeping
    "celery": (
        "regionen.tasks.termine_materialisieren",
        "unterkuenfte.tasks.bedarfe_abgelaufen_schliessen",
        "netzwerk.tasks.verteiler_inaktivitaet",
        "berichte.tasks.berichte_einfrieren",
        "berichte.tasks.zwischenstaende_berechnen",
        "berichte.tasks.exporte_aufraeumen",
        "konten.tasks.auskuenfte_aufraeumen",
        "konten.tasks.loeschantraege_ausfuehren",
        "common.tasks.importe_aufraeumen",
        "common.tasks.aufbewahrung_ausfuehren",
    ),
}
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Declared, so that a worker started without -Q takes every queue (one worker is enough for
# a small installation, and the tests' workers run that way).
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in WARTESCHLANGEN]
CELERY_TASK_ROUTES = {
    task: {"queue": queue} for queue, tasks in WARTESCHLANGEN.items() for task in tasks
}
# beat's record of the last runs: in DATA_DIR, which exists in every mode (not the cwd)
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
#: how far ahead the Termine of jour-fixe series exist (materialised daily)
JOURFIXE_VORLAUF_TAGE = env.int("JOURFIXE_VORLAUF_TAGE", default=183)
#: who issues training certificates (the platform's operating organisation)
FORTBILDUNG_TRAEGER = env.str("FORTBILDUNG_TRAEGER", default="Beratungsforum Engagement")
#: a distribution-list member without activity this long is marked inactive and warned
VERTEILER_INAKTIV_NACH_MONATEN = env.int("VERTEILER_INAKTIV_NACH_MONATEN", default=12)
#: days between that warning and the removal from the list
VERTEILER_KARENZ_TAGE = env.int("VERTEILER_KARENZ_TAGE", default=60)
#: the domain in the List-Id header of distribution-list mail
LIST_ID_DOMAIN = env.str("LIST_ID_DOMAIN", default="plattform.invalid")
CELERY_BEAT_SCHEDULE = {
    "einladungen-nachsenden": {"task": "konten.tasks.einladungen_nachsenden", "schedule": 600},
    "termine-materialisieren": {
        "task": "regionen.tasks.termine_materialisieren",
        "schedule": crontab(hour=2, minute=30),
    },
    "bedarfe-abgelaufen-schliessen": {
        "task": "unterkuenfte.tasks.bedarfe_abgelaufen_schliessen",
        "schedule": crontab(hour=0, minute=15),
    },
    "verteiler-inaktivitaet": {
        "task": "netzwerk.tasks.verteiler_inaktivitaet",
        "schedule": crontab(hour=3, minute=10),
    },
    "verteiler-zustellen": {"task": "netzwerk.tasks.zustellungen_nachholen", "schedule": 900},
    # the outbox of immediate notices: written with each change, delivered within a minute
    "notices-zustellen": {"task": "benachrichtigungen.tasks.notices_einsammeln", "schedule": 60},
    # the digests at 06:30; the later runs find only what a broker or worker failure left
    "digests": {
        "task": "benachrichtigungen.tasks.digest_beat",
        "schedule": crontab(hour="6-20", minute=30),
    },
    # reminders of tomorrow's meetings and sessions, checks and action items falling due
    "erinnerungen": {
        "task": "benachrichtigungen.tasks.erinnerungen_schreiben",
        "schedule": crontab(hour=7, minute=0),
    },
    # the closed month's (quarter's, year's) report figures, frozen on the first day
    "berichte-einfrieren": {
        "task": "berichte.tasks.berichte_einfrieren",
        "schedule": crontab(day_of_month=1, hour=1, minute=30),
    },
    # the running periods' figures, so report pages read stored aggregates
    "berichte-zwischenstaende": {
        "task": "berichte.tasks.zwischenstaende_berechnen",
        "schedule": crontab(minute=5),
    },
    "exporte-aufraeumen": {
        "task": "berichte.tasks.exporte_aufraeumen",
        "schedule": crontab(hour=4, minute=15),
    },
    # a person's copy of their data: gone once its days are over
    "auskuenfte-aufraeumen": {
        "task": "konten.tasks.auskuenfte_aufraeumen",
        "schedule": crontab(hour=4, minute=25),
    },
    # uploaded spreadsheets hold contact data: gone a day after their check or import
    # erasure requests whose grace period has passed (konten/loeschantraege.py)
    "loeschantraege-ausfuehren": {
        "task": "konten.tasks.loeschantraege_ausfuehren",
        "schedule": crontab(hour=3, minute=40),
    },
    "importe-aufraeumen": {
        "task": "common.tasks.importe_aufraeumen",
        "schedule": crontab(minute=20),
    },
    # the retention schedule (common/aufbewahrung.py): counts only until an admin confirmed it
    "aufbewahrung": {
        "task": "common.tasks.aufbewahrung_ausfuehren",
        "schedule": crontab(hour=3, minute=55),
    },
}
#: a person's copy of their data (Mein Konto → Meine Daten herunterladen) is kept this long
AUSKUNFT_AUFBEWAHRUNG_TAGE = env.int("AUSKUNFT_AUFBEWAHRUNG_TAGE", default=7)
#: who read a person's inspection records, bans or profile details stays on record this long
ZUGRIFFSPROTOKOLL_MONATE = env.int("ZUGRIFFSPROTOKOLL_MONATE", default=24)
#: days between the warning to an unused account and its erasure (the retention schedule)
KONTO_INAKTIV_KARENZ_TAGE = env.int("KONTO_INAKTIV_KARENZ_TAGE", default=30)
#: recipients per delivery task: one SMTP connection each (notices and digests)
BENACHRICHTIGUNGEN_JE_AUFTRAG = env.int("BENACHRICHTIGUNGEN_JE_AUFTRAG", default=100)

# --- Uploads and imports (common/uploads.py, common/tabellen.py) -----------------------------
#: no uploaded file may be larger; the request keeps no byte beyond it (common.uploads)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
#: an XLSX may unpack to at most this much, read from its table of contents before unpacking
IMPORT_MAX_ENTPACKT_BYTES = env.int("IMPORT_MAX_ENTPACKT_BYTES", default=50 * 1024 * 1024)
#: ... and no part of it may be packed more tightly than this to 1 (a compression bomb)
IMPORT_MAX_KOMPRESSION = env.int("IMPORT_MAX_KOMPRESSION", default=100)
#: lines below the header a spreadsheet import reads at most
IMPORT_MAX_ZEILEN = env.int("IMPORT_MAX_ZEILEN", default=5000)
#: uploaded files and the results of their checks are removed after this many hours
IMPORT_AUFBEWAHRUNG_STUNDEN = env.int("IMPORT_AUFBEWAHRUNG_STUNDEN", default=24)
FILE_UPLOAD_HANDLERS = [
    "common.uploads.BegrenzterUpload",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A file within the limit is held in memory (it is read whole anyway); a larger request
# streams to a temporary file and BegrenzterUpload keeps no more than the limit of it.
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# Everything in a request except its files (form fields, JSON) is capped the same way:
# Django answers 400 beyond it.
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES

# --- Client address and rate limits (common/drosselung.py) ----------------------------------
#: addresses or networks of our reverse proxies (e.g. nginx: "10.0.0.5" or "172.18.0.0/16");
#: only a request from one of them has its X-Forwarded-For read. Empty: nothing in front.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
# Throttle counters must be shared by every process, or each gunicorn worker counts alone:
# Redis where CACHE_URL names it, else a table in the database (migration common 0006).
if env.str("CACHE_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("CACHE_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "plattform_cache",
        }
    }
#: requests per client address ("name_email": per e-mail address), each DROSSELUNG_<NAME>
DROSSELUNG = {
    name: env.str(f"DROSSELUNG_{name.upper()}", default=rate)
    for name, rate in {
        "token": "10/m",  # API tokens (failed logins also lock the account: axes above)
        "zertifikat": "30/m",  # checking a certificate's code
        "kalender": "60/m",  # the calendar feed, whose key is in its address
        "registrieren": "10/h",  # volunteer sign-up
        "registrieren_email": "3/h",
        "passwort": "10/h",  # password reset mails
        "passwort_email": "3/h",
    }.items()
}

# --- REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an unauthenticated call then answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "konten.authentifizierung.ZugangAuthentifizierung",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "konten.permissions.NurKennzahlen",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.Seitenweise",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.schema.Schema",
    "EXCEPTION_HANDLER": "common.api.fehler_als_json",
    # common.drosselung.BereichsDrossel: per client address, in the shared cache
    "DEFAULT_THROTTLE_RATES": {"token": DROSSELUNG["token"]},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ehrenamt-Plattform API",
    "DESCRIPTION": _("Rollenbezogene Schnittstelle der Plattform für Ehrenamtskoordination."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status"; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "BewerbungStatusEnum": "freiwillige.models.Bewerbung.Status",
        "EinsatzStatusEnum": "freiwillige.models.Einsatz.Status",
        "BedarfStatusEnum": "unterkuenfte.models.Bedarf.Status",
        "UnterkunftStatusEnum": "unterkuenfte.models.Unterkunft.Status",
        "TerminStatusEnum": "regionen.models.Termin.Status",
        "AufgabeStatusEnum": "regionen.models.Aufgabe.Status",
        "AntwortEnum": "regionen.models.Teilnahme.Antwort",
    },
}

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Session, CSRF and language cookies travel over https only when the site is reached over
# https, as SITE_URL says, whatever DJANGO_DEBUG says; DJANGO_SECURE_COOKIES overrides it.
# Secure cookies on a site reached over http refuse every login (common/checks.py stops that).
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=SITE_URL.startswith("https://"))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=False)
# Container health checks ask over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# A year of HSTS with subdomains is what the browsers' preload list asks for.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS >= 31536000)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# --- Content-Security-Policy and Permissions-Policy (django-csp, django-permissions-policy) ---
# Scripts and styles come from our own static files only: no inline script, no inline event
# handler, no style attribute, no eval (htmx's allowEval is off in base.html). A page that
# needs behaviour gets a file in static/ wired by data attributes. The DRF browsable API alone
# may keep its inline styles (common/sicherheit.py says why); its scripts stay as strict.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "common.sicherheit.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("common.sicherheit.CSPMiddleware") + 1,
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap's and Swagger UI's icons are data: URLs in their stylesheets
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # the header form of X_FRAME_OPTIONS = "DENY", which stays for older browsers
        "frame-ancestors": ["'none'"],
    }
}
# No page uses these devices or interfaces; an injected or embedded script gets none of them.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "hid": [],
    "browsing-topics": [],
}
# --- end of Content-Security-Policy and Permissions-Policy ---------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
