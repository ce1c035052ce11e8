from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.health import health
from involvement.views import pages as involvement_views


def _admin_signed_in(request, extra_context=None):
    """The admin's login page, reached only by signed-in staff
    (secure_admin_login sends the signed-out to allauth's login page and
    refuses everyone else): on into the admin. It never shows the admin's own
    password form, which would be outside allauth's rate limits and
    two-factor authentication."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    return redirect(next_url)


admin.site.login = secure_admin_login(_admin_signed_in)

urlpatterns = [
    path("", involvement_views.home, name="home"),
    path("privacy/", involvement_views.privacy, name="privacy"),
    path("privacy/notice.pdf", involvement_views.privacy_pdf, name="privacy-pdf"),
    path("accessibility/", involvement_views.accessibility, name="accessibility"),
    path("account/", involvement_views.account_settings, name="account_settings"),
    path(
        "account/api-token/revoke/",
        involvement_views.account_api_token_revoke,
        name="account-api-token-revoke",
    ),
    path("", include("involvement.urls")),
    path("", include("recruitment.urls")),
    path("", include("meetings.urls")),
    path("", include("expenses.urls")),
    path("", include("workplans.urls")),
    path("", include("evaluation.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The page and its script are separate requests (?script), so the page
    # runs under the Content Security Policy with no inline script or style.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    # For the proxy and the compose health checks: "ok" or "failing" for the
    # database, the cache and the broker, and nothing more (config/health.py).
    path("health/", health, name="health"),
]

# Under /api/ these answer in the API's JSON error shape; elsewhere, the site's pages.
handler400 = "involvement.api_errors.error_400"
handler403 = "involvement.api_errors.error_403"
handler404 = "involvement.api_errors.error_404"
handler500 = "involvement.api_errors.error_500"
