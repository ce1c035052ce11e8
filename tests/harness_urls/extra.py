"""The project's URLs plus one undeclared page, to prove the access walk notices it."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


def undeclared_page(request):
    return HttpResponse("nobody declared who may see me")


undeclared_page.__module__ = "involvement.views.undeclared"

urlpatterns = [*project_urlpatterns, path("undeclared/", undeclared_page, name="undeclared")]
