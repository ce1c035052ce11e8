"""The site's URLs plus the floor page, for the benchmark only (bench/settings.py).

The floor is the honest limit for a Django page on this machine: one
primary-key query and a small template, through the same middleware and the
same gunicorn (TechEmpower's "db" test shape)."""

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_safe

from config import urls as site_urls
from involvement.models import Organisation


@require_safe
def floor(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    return render(request, "bench/floor.html", {"organisation": organisation})


urlpatterns = [path("bench/floor/<int:pk>/", floor, name="bench-floor"), *site_urls.urlpatterns]

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500
