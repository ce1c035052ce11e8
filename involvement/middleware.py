import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from . import permissions, request_basics


class RequireStaffMFAMiddleware:
    """Staff must set up an authenticator app before they use the service.

    Only when settings.INVOLVE_REQUIRE_MFA_FOR_STAFF is on (it is in
    production). Account pages (including MFA set-up and log out), static files
    and the API schema stay reachable.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/api/schema/")

    def __init__(self, get_response):
        self.get_response = get_response

    message = permissions.MFA_REQUIRED_MESSAGE

    def __call__(self, request):
        # The person's roles, Person record, unread messages and authenticator,
        # in one query for the whole request (involvement.request_basics).
        has_authenticator = request_basics.load(getattr(request, "user", None))
        if self._must_set_up_mfa(request, has_authenticator):
            if request.path.startswith("/api/"):
                # An API client cannot follow a redirect to a set-up page.
                return JsonResponse(
                    {"error": {"code": "mfa_required", "message": self.message, "fields": {}}},
                    status=403,
                )
            messages.info(request, self.message)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request, has_authenticator: bool | None = None) -> bool:
        if request.path.startswith(self.allowed_prefixes):
            return False
        user = getattr(request, "user", None)
        return user is not None and permissions.must_set_up_mfa(
            user, has_authenticator=has_authenticator
        )


class NoStoreMiddleware:
    """Pages and API answers with personal data are never kept by a browser's
    or a proxy's cache (`Cache-Control: no-store`).

    The rule is simple so that nothing slips through: every answer to a
    signed-in person, every API answer, and every account page (they can show
    an email address). Public pages and static files (served before this
    middleware, by WhiteNoise) may be cached.
    """

    prefixes = ("/api/", "/accounts/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Signed in when the request came or when it went (signing in or out
        # happens in between).
        signed_in = self._signed_in(request)
        response = self.get_response(request)
        if signed_in or self._signed_in(request) or request.path.startswith(self.prefixes):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated


SESSION_STARTED_KEY = "involve_session_started"
SESSION_SEEN_KEY = "involve_session_seen"
# How often the last-seen time is written to the session: a write on every
# request would cost a database write each time, for no real gain.
SEEN_RESOLUTION_SECONDS = 60


def idle_limit_seconds() -> int:
    return settings.INVOLVE_SESSION_IDLE_MINUTES * 60


def absolute_limit_seconds() -> int:
    return settings.INVOLVE_SESSION_ABSOLUTE_HOURS * 60 * 60


def _duration(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def idle_message() -> str:
    return (
        "You were signed out because you had not used Involve for "
        f"{_duration(settings.INVOLVE_SESSION_IDLE_MINUTES)}. Sign in again to carry on."
    )


def absolute_message() -> str:
    return (
        "You were signed out because you had been signed in for "
        f"{_duration(settings.INVOLVE_SESSION_ABSOLUTE_HOURS * 60)}, the longest a "
        "session lasts. Sign in again to carry on."
    )


def start_session_clock(request) -> None:
    """Called on every sign-in (involvement.apps connects it to user_logged_in)."""
    now = time.time()
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_SEEN_KEY] = now


class SessionTimeoutMiddleware:
    """Sign a person out after settings.INVOLVE_SESSION_IDLE_MINUTES without a
    request, and settings.INVOLVE_SESSION_ABSOLUTE_HOURS after they signed in
    however busy they were.

    The request then carries on as anonymous: a page that needs signing in
    sends the person to the login page, which says why they were signed out.
    The API answers as it does to anyone not signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session = request.session
        now = time.time()
        started = session.get(SESSION_STARTED_KEY)
        seen = session.get(SESSION_SEEN_KEY)
        if started is None or seen is None:
            # Signed in before the clock existed: it starts now.
            start_session_clock(request)
            return
        if now - started >= absolute_limit_seconds():
            self._sign_out(request, absolute_message())
        elif now - seen >= idle_limit_seconds():
            self._sign_out(request, idle_message())
        elif now - seen >= SEEN_RESOLUTION_SECONDS:
            session[SESSION_SEEN_KEY] = now

    def _sign_out(self, request, message: str) -> None:
        logout(request)
        if not request.path.startswith("/api/"):
            messages.info(request, message)
