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

    message = permissions.MFA_REQUIRED_MESSAGE

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
        if request.path.startswith(self.allowed_prefixes):
            return False
        user = getattr(request, "user", None)
        return user is not None and permissions.must_set_up_mfa(user)
