from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import permissions


class RequireStaffMFAMiddleware:
    """Staff must set up an authenticator app before they use the service.

    Only when settings.INVOLVE_REQUIRE_MFA_FOR_STAFF is on (it is in
    production). Account pages (including MFA set-up and log out), static files
    and the API schema stay reachable.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/api/schema/")

    def __init__(self, get_response):
        self.get_response = get_response

    message = (
        "Staff accounts must use two-factor authentication. "
        "Set up an authenticator app to continue."
    )

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            if request.path.startswith("/api/"):
                # An API client cannot follow a redirect to a set-up page.
                return JsonResponse(
                    {"error": {"code": "mfa_required", "message": self.message, "fields": {}}},
                    status=403,
                )
            messages.info(request, self.message)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not settings.INVOLVE_REQUIRE_MFA_FOR_STAFF:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(self.allowed_prefixes):
            return False
        if not permissions.is_staff_person(user):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
