"""The site's URLs plus the floor page, for the benchmark only (bench/settings.py).

The floor is the honest limit for a Django page on this machine: one
primary-key query and a small template, through the same middleware and the
same gunicorn (TechEmpower's "db" test shape).

bench/pages.py asks for it as nobody signed in: the right floor for the
public pages. A page for a signed-in person also pays, whatever it shows, for
the session (Redis), the login (one query), the person's roles, record,
unread messages and authenticator (one query, involvement/request_basics.py)
and the menu; `python -m bench.floors` asks for this same page as each
signed-in account beside the pages, so that each can be read against its own
account's floor too. Pages and forms render through the cached template
loader (production settings set no `loaders`, so Django wraps its own in the
cached one)."""

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
