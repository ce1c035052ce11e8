"""How the API knows who is calling: a short-lived token (checked here) or the
browser's session (SessionAuthentication; RequireStaffMFAMiddleware holds
session users to the MFA rule)."""

from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from . import permissions
from .services import api_tokens


class MFARequired(exceptions.PermissionDenied):
    default_detail = permissions.MFA_REQUIRED_MESSAGE
    default_code = "mfa_required"


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token has expired, and
    refused for staff who must use two-factor authentication but have not set
    it up (even if the token was issued before that became required)."""

    def authenticate_credentials(self, key):
        token = Token.objects.select_related("user").filter(key=key).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "This API token does not work: it may have been revoked. "
                "Ask for a new one at /api/auth/token/.",
                code="invalid_token",
            )
        if api_tokens.api_token_has_expired(token):
            raise exceptions.AuthenticationFailed(
                "This API token has expired. Ask for a new one at /api/auth/token/.",
                code="token_expired",
            )
        if permissions.must_set_up_mfa(token.user):
            raise MFARequired()
        return token.user, token
