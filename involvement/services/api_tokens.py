"""API tokens: asking for one is logging in, so it passes every check the web
login makes, against the same counters.

- allauth's rate limits, through its own machinery: the per-IP limit on
  attempts ("login"), the per-IP and per-account limits on failures
  ("login_failed", via the account adapter's `authenticate`), and the
  per-account limit on wrong authenticator codes. A lock earned on the web login
  page holds here, and the other way round.
- a verified email address (verification is mandatory to log in);
- staff who must use two-factor authentication get no token until they have
  set up an authenticator app (permissions.must_set_up_mfa);
- with an authenticator app, its current code.

Tokens are short-lived (settings.INVOLVE_API_TOKEN_HOURS) and the person can
revoke theirs on "Account settings".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from .. import permissions
from ..errors import ApplicationError

WRONG_CREDENTIALS = "The email address or password is not right."
UNVERIFIED = "Confirm your email address first: follow the link in the email we sent you."
WRONG_CODE = "Enter the 6-digit code from your authenticator app."


class TooManyAttempts(ApplicationError):
    """A rate limit shared with the web login refused the attempt."""

    code = "throttled"


class MFANotSetUp(ApplicationError):
    """Staff must set up an authenticator app before they get a token."""

    code = "mfa_required"


def _too_many_attempts() -> TooManyAttempts:
    # The web login page's wording for the same lock.
    return TooManyAttempts(str(get_adapter().error_messages["too_many_login_attempts"]))


def _mfa_rate_limit_key(user) -> str:
    # The key allauth's own authenticator-code step counts wrong codes under
    # (allauth.mfa.base.internal.flows.check_rate_limit), so wrong codes here
    # and on the web page add up to one lock.
    return f"mfa-auth-user-{user.pk}"


def _check_code(request: HttpRequest, *, user, totp: Authenticator, code: str) -> None:
    key = _mfa_rate_limit_key(user)
    if not ratelimit.consume(request, action="login_failed", key=key):
        raise _too_many_attempts()
    if not TOTP(totp).validate_code(code):
        raise ValidationError({"code": WRONG_CODE})
    # As allauth's code step does after a right code.
    ratelimit.clear(request, action="login_failed", key=key)


def api_token_expires_at(token: Token) -> datetime:
    return token.created + timedelta(hours=settings.INVOLVE_API_TOKEN_HOURS)


def api_token_has_expired(token: Token) -> bool:
    return timezone.now() >= api_token_expires_at(token)


@transaction.atomic
def api_token_issue(*, request: HttpRequest, email: str, password: str, code: str = "") -> Token:
    """The person's API token, made afresh if they had none or it has expired.

    Raises TooManyAttempts (a rate limit shared with the web login),
    ValidationError (wrong email, password or code; unverified email) or
    MFANotSetUp (staff without an authenticator app while one is required).
    """
    adapter = get_adapter(request)
    if not ratelimit.consume(request, action="login"):
        raise _too_many_attempts()
    try:
        user = adapter.authenticate(request, email=email, password=password)
    except ValidationError as exc:  # the account (or this address) is locked
        raise _too_many_attempts() from exc
    if user is None or not user.is_active:
        raise ValidationError(WRONG_CREDENTIALS, code="authorization")
    if not has_verified_email(user):
        raise ValidationError(UNVERIFIED, code="unverified")
    if permissions.must_set_up_mfa(user):
        raise MFANotSetUp(permissions.MFA_REQUIRED_MESSAGE)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        _check_code(request, user=user, totp=totp, code=code)
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and api_token_has_expired(token):
        token.delete()
        token = None
    if token is None:
        token = Token.objects.create(user=user)
    return token


def api_token_current(*, user) -> Token | None:
    """The person's token, if they have one that still works."""
    token = Token.objects.filter(user=user).first()
    if token is None or api_token_has_expired(token):
        return None
    return token


@transaction.atomic
def api_token_revoke(*, user) -> bool:
    """Stop the person's API token working at once. False if they had none."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
