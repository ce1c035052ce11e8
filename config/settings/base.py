"""Settings shared by every environment.

Values come from the environment (django-environ). The defaults here are the
local demo's: SQLite, Celery on kombu's filesystem transport, email on the
console. Production overrides them and refuses to start without its secrets.
"""

import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

VAR_DIR = Path(env.str("INVOLVE_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-demo-only-not-secret")  # noqa: S105
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "csp",
    # ours, in dependency order (ARCHITECTURE.md)
    "involvement",
    "recruitment",
    "meetings",
    "expenses",
    "workplans",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "involvement.audit.AuditContextMiddleware",
    "involvement.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "involvement.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "involvement.middleware.RequireStaffMFAMiddleware",
]

# Content Security Policy (django-csp): scripts, styles, fonts and images from
# our own address only -- no inline script or style, no event-handler or
# style attributes. data: images are the authenticator QR code. Enforced
# everywhere but the local demo, where INVOLVE_CSP_REPORT_ONLY defaults to on
# (violations show in the browser's console without breaking the page). The
# browser tests run with it enforced and fail on any violation.
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}


def content_security_policy(report_only: bool) -> tuple[dict | None, dict | None]:
    """(CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY)."""
    policy = {"DIRECTIVES": CSP_DIRECTIVES}
    return (None, policy) if report_only else (policy, None)


INVOLVE_CSP_REPORT_ONLY = env.bool("INVOLVE_CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy(
    INVOLVE_CSP_REPORT_ONLY
)

# Sessions: signed out after INVOLVE_SESSION_IDLE_MINUTES without a request,
# and INVOLVE_SESSION_ABSOLUTE_HOURS after signing in however busy
# (involvement.middleware.SessionTimeoutMiddleware). The stored session
# outlives the absolute limit by one idle period, so the page that follows can
# still say why the person was signed out.
INVOLVE_SESSION_IDLE_MINUTES = env.int("INVOLVE_SESSION_IDLE_MINUTES", default=30)
INVOLVE_SESSION_ABSOLUTE_HOURS = env.int("INVOLVE_SESSION_ABSOLUTE_HOURS", default=12)
if INVOLVE_SESSION_IDLE_MINUTES < 1 or INVOLVE_SESSION_ABSOLUTE_HOURS < 1:
    raise ImproperlyConfigured(
        "INVOLVE_SESSION_IDLE_MINUTES and INVOLVE_SESSION_ABSOLUTE_HOURS must be at least 1"
    )
SESSION_COOKIE_AGE = INVOLVE_SESSION_ABSOLUTE_HOURS * 60 * 60 + INVOLVE_SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "involvement.context_processors.navigation",
            ],
            "builtins": ["involvement.templatetags.nhsuk"],
        },
    },
]

# Every Django form, ours and allauth's, renders in the NHS.UK pattern.
FORM_RENDERER = "involvement.forms_rendering.NHSFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'involve.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` writes from the web server, the worker and beat at once. WAL
    # lets readers carry on beside a writer; IMMEDIATE takes the write lock at
    # BEGIN, so a transaction that reads then writes waits its turn (up to the
    # busy timeout) instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))


def with_replica(databases: dict, replica_url: str) -> dict:
    """DATABASES plus "replica", a PostgreSQL read replica of "default" (same
    schema, same connection lifetime), when replica_url is set. Only reads for
    dashboards, reports and exports go there (involvement/db_routing.py). In
    tests it mirrors "default" rather than being created."""
    if not replica_url:
        return databases
    replica = env.db_url_config(replica_url)
    for key in ("CONN_MAX_AGE", "DISABLE_SERVER_SIDE_CURSORS"):
        if key in databases["default"]:
            replica[key] = databases["default"][key]
    replica["TEST"] = {"MIRROR": "default"}
    return {**databases, "replica": replica}


DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DATABASES = with_replica(DATABASES, DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["involvement.db_routing.ReportReadsRouter"]
# Where reads inside involvement.db_routing.reads_for_reports() go.
INVOLVE_REPORT_READS_DATABASE = "replica" if DATABASE_REPLICA_URL else "default"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # No server needed: each process keeps its own cache (rate-limit counters).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "involvement.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 for new and changed passwords; the others stay so that a password
# stored with one of them still works, and is stored again with Argon2 the
# next time its owner signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Changing an email address or setting a password asks for the password again
# unless it was given in the last ACCOUNT_REAUTHENTICATION_TIMEOUT seconds
# (changing a password asks for the current one on the form itself). Setting
# up or removing two-factor authentication always asks (allauth.mfa's default).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Involve] "
ACCOUNT_ADAPTER = "involvement.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "involvement.forms.accounts.InvolveLoginForm",
    "signup": "involvement.forms.accounts.InvolveSignupForm",
}
# Login is rate limited: failed attempts per IP address and per account. The
# API token endpoint (involvement.services.api_tokens) counts against the same
# limits, so an account locked on one is locked on both. The per-account limit
# does the protecting; the per-IP limits are high because a whole NHS trust can
# reach us from one network address, and a lock on it would lock out everyone.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "60/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Reverse proxies (addresses or networks, e.g. "10.0.0.5,10.1.0.0/16") whose
# X-Forwarded-For header is believed when working out a client's address for
# the rate limits (involvement.adapters.client_ip). Empty: the header is
# ignored, and the address that connected is the client's.
INVOLVE_TRUSTED_PROXIES = env.list("INVOLVE_TRUSTED_PROXIES", default=[])
for _proxy in INVOLVE_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(
            f"INVOLVE_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from _exc
# Privacy (docs/security.md, "Retention"): diversity information of someone
# who has left every group is deleted this many days after they left (two
# years by default, for the group's diversity reports over a term); a person's
# copy of their data is deleted this many days after it was made.
INVOLVE_DIVERSITY_RETENTION_DAYS = env.int("INVOLVE_DIVERSITY_RETENTION_DAYS", default=730)
INVOLVE_DATA_EXPORT_RETENTION_DAYS = env.int("INVOLVE_DATA_EXPORT_RETENTION_DAYS", default=7)
# Messages (emails, letters, in-app) and print batches, two years after they were made.
INVOLVE_MESSAGE_RETENTION_DAYS = env.int("INVOLVE_MESSAGE_RETENTION_DAYS", default=730)
# Uploads (receipts, papers, evidence) are scanned before they are stored
# (involvement.scanning). "involvement.scanning.ClamdScanner" scans with a
# ClamAV daemon at INVOLVE_CLAMD_HOST:INVOLVE_CLAMD_PORT; the default,
# "involvement.scanning.NoScanner", scans nothing (it only says so in the log).
INVOLVE_UPLOAD_SCANNER = env("INVOLVE_UPLOAD_SCANNER", default="involvement.scanning.NoScanner")
INVOLVE_CLAMD_HOST = env("INVOLVE_CLAMD_HOST", default="127.0.0.1")
INVOLVE_CLAMD_PORT = env.int("INVOLVE_CLAMD_PORT", default=3310)
# True only in config/settings/production.py: there NoScanner is warned about
# at start-up and by `manage.py check --deploy` (involvement/checks.py).
INVOLVE_PRODUCTION = False
# The audit log is kept this many days (six years by default, as long as the
# financial records it speaks of), then deleted by the daily retention task
# through the one path the database allows (docs/security.md, "Retention").
# The database refuses any period under a year, whatever this says.
INVOLVE_AUDIT_RETENTION_DAYS = env.int("INVOLVE_AUDIT_RETENTION_DAYS", default=6 * 365 + 2)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Involve"
# Staff (anyone holding an organisation role, and Django staff) must set up an
# authenticator app before using the service. On in production; the local demo
# turns it off so the demo logins work without a phone.
INVOLVE_REQUIRE_MFA_FOR_STAFF = env.bool("INVOLVE_REQUIRE_MFA_FOR_STAFF", default=True)

# API tokens stop working this many hours after they are issued; a person can
# revoke theirs sooner on "Account settings".
INVOLVE_API_TOKEN_HOURS = env.int("INVOLVE_API_TOKEN_HOURS", default=24)


def api_renderers(debug: bool) -> list[str]:
    """JSON only; DRF's browsable HTML pages only while debugging."""
    renderers = ["rest_framework.renderers.JSONRenderer"]
    if debug:
        renderers.append("rest_framework.renderers.BrowsableAPIRenderer")
    return renderers


# Django REST framework + drf-spectacular
REST_FRAMEWORK = {
    # Token first: its "WWW-Authenticate: Token" header makes a call without
    # credentials a 401, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "involvement.api_auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # dev.py adds the browsable pages when debugging; nowhere else has them.
    "DEFAULT_RENDERER_CLASSES": api_renderers(debug=False),
    "DEFAULT_PERMISSION_CLASSES": ["involvement.api_permissions.IsVerifiedUser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "involvement.api_errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Involve API",
    "DESCRIPTION": "Service-user involvement groups: organisations, groups, members and boards.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Every operation documents its errors in the one JSON shape (fuzzed by
    # tests/platform/test_api_fuzz.py against this schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "involvement.api_errors.document_errors",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status": name the public board's one.
    "ENUM_NAME_OVERRIDES": {"FeedbackStatusEnum": "workplans.models.feedback.FeedbackStatus"},
}

# Celery. Default: kombu's filesystem transport, so a worker and beat run with
# no broker server. Production and CI set CELERY_BROKER_URL (Redis).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every periodic task, in one place. The database scheduler installs these on
# start; staff can pause them in the admin.
CELERY_BEAT_SCHEDULE = {
    "send-pending-notifications": {
        "task": "involvement.send_pending_notifications",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Recruitment: reviewer reminders before scoring deadlines, and removal of
    # unsuccessful applications' personal details after retention (daily).
    "recruitment-reviewer-reminders": {
        "task": "recruitment.send_reviewer_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # Privacy: diversity information of people who left every group, and
    # copies of people's data, removed after their periods (daily; see
    # INVOLVE_DIVERSITY_RETENTION_DAYS and docs/security.md).
    "involvement-privacy-retention": {
        "task": "involvement.apply_privacy_retention",
        "schedule": 24 * 60 * 60.0,
    },
    "recruitment-anonymise-expired-applications": {
        "task": "recruitment.anonymise_expired_applications",
        "schedule": 24 * 60 * 60.0,
    },
    # Meetings: remind coordinators of meetings with no minutes 3 and 7 days on,
    # and send the feedback summary MEETINGS_SUMMARY_DAYS_BEFORE the next meeting.
    "meetings-minutes-reminders": {
        "task": "meetings.send_minutes_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # Reminders before each meeting (each group's days, 7 and 1 by default) and a
    # chaser to invitees who have not replied: every quarter of an hour, each
    # message once by its key (the database is the schedule, not the broker).
    "meetings-reminders": {
        "task": "meetings.send_meeting_reminders",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
    # Board nudges: points closing (to the group's members), briefing pack
    # ready (to the representatives), debrief due 2 and 7 days after the board
    # met (to the representatives and coordinators); each once by its key.
    "meetings-board-nudges": {
        "task": "meetings.send_board_nudges",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
    # Owners of actions due within 3 days, and of overdue ones (daily).
    "meetings-action-reminders": {
        "task": "meetings.send_action_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    # Members' weekly summary, if they asked for one: queued on the first run
    # of each week (the key names the week).
    "meetings-weekly-digests": {
        "task": "meetings.send_weekly_digests",
        "schedule": 60 * 60.0,
    },
    # Coordinators' and organisation admins' weekly "what needs doing",
    # queued on the first run of each week (the key names the week).
    "involvement-staff-digests": {
        "task": "involvement.send_staff_digests",
        "schedule": 60 * 60.0,
    },
    "meetings-feedback-summaries": {
        "task": "meetings.send_feedback_summaries",
        "schedule": 24 * 60 * 60.0,
    },
    # Expenses: remind people to claim two days after a meeting they came to,
    # and escalate claims waiting for approval past the target (daily).
    "expenses-claim-reminders": {
        "task": "expenses.send_claim_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    "expenses-escalate-overdue-claims": {
        "task": "expenses.escalate_overdue_claims",
        "schedule": 24 * 60 * 60.0,
    },
    # "You said, we did": tell members about published responses the task
    # queued on publishing missed (every ten minutes); remind owners of points
    # due, overdue or with no news; fill in the next meetings' standing item.
    "workplans-tell-members": {
        "task": "workplans.tell_members_due",
        "schedule": 10 * 60.0,
        "options": {"expires": 9 * 60},
    },
    "workplans-owner-reminders": {
        "task": "workplans.send_owner_reminders",
        "schedule": 24 * 60 * 60.0,
    },
    "workplans-fill-you-said-agendas": {
        "task": "workplans.fill_you_said_agendas",
        "schedule": 24 * 60 * 60.0,
    },
    # Evaluation: every region dashboard's figures worked out again and kept
    # in the cache, for each period offered (the page says when they were
    # worked out; a grant started or stopped drops them at once).
    "evaluation-refresh-region-figures": {
        "task": "evaluation.refresh_region_figures",
        "schedule": 15 * 60.0,
        "options": {"expires": 14 * 60},
    },
}
CELERY_TIMEZONE = "Europe/London"
# Organisations that hold messages overnight (9pm to 8am UK time, the default)
# have them sent from 8am. Off only for the test suite, whose results must not
# depend on the hour it runs at (the quiet-hours tests turn it on, with time frozen).
INVOLVE_QUIET_HOURS = env.bool("INVOLVE_QUIET_HOURS", default=True)
# Board calendars read from an address (meetings/services/board_calendar.py):
# http and https only, and never an address on a private, loopback or
# link-local network unless this is on (the tests serve a calendar locally).
INVOLVE_CALENDAR_FETCH_PRIVATE = env.bool("INVOLVE_CALENDAR_FETCH_PRIVATE", default=False)
INVOLVE_CALENDAR_FETCH_TIMEOUT = env.float("INVOLVE_CALENDAR_FETCH_TIMEOUT", default=10.0)
INVOLVE_CALENDAR_MAX_BYTES = env.int("INVOLVE_CALENDAR_MAX_BYTES", default=1024 * 1024)
# Days before a group's next meeting that the last meeting's feedback summary goes out.
MEETINGS_SUMMARY_DAYS_BEFORE = env.int("MEETINGS_SUMMARY_DAYS_BEFORE", default=7)
# The site's address for links in messages and letters (a task has no request
# to take it from, and a path on paper is no use). `make run` sets it to its
# own address; production requires it.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

# Email: console by default.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Involve <no-reply@involve.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Our own CSS/JS, plus the npm-built front end (build/static: NHS.UK frontend,
# axe-core), produced by `make install` and never committed.
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files live outside the web root and are only served through views
# that check access.
MEDIA_ROOT = Path(env.str("INVOLVE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
MEDIA_URL = None

SITE_NAME = "Involve"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
