from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from involvement.views import pages as involvement_views

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
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer in the API's JSON error shape; elsewhere, the site's pages.
handler400 = "involvement.api_errors.error_400"
handler403 = "involvement.api_errors.error_403"
handler404 = "involvement.api_errors.error_404"
handler500 = "involvement.api_errors.error_500"
