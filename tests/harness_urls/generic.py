"""The project's URLs plus one undeclared page built on Django's generic
TemplateView (its view lives in django.views, not in our apps), to prove the
access walk notices it."""

from django.urls import path
from django.views.generic import TemplateView

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path(
        "undeclared-generic/",
        TemplateView.as_view(template_name="involvement/accessibility.html"),
        name="undeclared-generic",
    ),
    path(
        "undeclared-unnamed/",
        TemplateView.as_view(template_name="involvement/accessibility.html"),
    ),
]
