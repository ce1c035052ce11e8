from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from involvement.views import pages as involvement_views

# The admin has no login form of its own: its login page sends a person to
# allauth's, which applies the login rate limits and two-factor authentication.
admin.site.login = secure_admin_login(admin.site.login)

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
    path("", include("workplans.urls")),
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
]

# Under /api/ these answer in the API's JSON error shape; elsewhere, the site's pages.
handler400 = "involvement.api_errors.error_400"
handler403 = "involvement.api_errors.error_403"
handler404 = "involvement.api_errors.error_404"
handler500 = "involvement.api_errors.error_500"
