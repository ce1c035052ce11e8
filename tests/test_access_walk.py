"""The access walk: every URL pattern of the project, requested as each role,
as a person of another organisation and anonymously, must give the status its
expectation declares (tests/access/). A URL without an expectation fails, so no
page can be added unchecked."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import EXPECTATIONS
from tests.conftest import ROLES

OUR_MODULES = ("config", "involvement", "recruitment", "meetings", "workplans", "evaluation")


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    for attribute in ("cls", "view_class"):
        cls = getattr(callback, attribute, None)
        if cls is not None:
            return cls.__module__
    return callback.__module__


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry


def project_patterns() -> dict[str | None, list[URLPattern]]:
    """Our own URL patterns (views defined in our apps), by name."""
    found: dict[str | None, list[URLPattern]] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if _view_module(pattern).split(".")[0] in OUR_MODULES or name in EXPECTATIONS:
            found.setdefault(name, []).append(pattern)
    return found


def test_every_project_url_has_an_access_expectation():
    patterns = project_patterns()
    unnamed = [str(p.pattern) for p in patterns.get(None, [])]
    assert not unnamed, f"Name these URL patterns so the access walk can check them: {unnamed}"
    missing = sorted(name for name in patterns if name not in EXPECTATIONS)
    assert not missing, (
        "These URLs have no access expectation; declare who may see them in tests/access/: "
        f"{missing}"
    )
    stale = sorted(name for name in EXPECTATIONS if name not in patterns)
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("url_name", sorted(EXPECTATIONS))
def test_access_walk(url_name, world, client):
    page = EXPECTATIONS[url_name]
    url = reverse(url_name, kwargs=page.kwargs(world)) + page.query
    wrong = []
    for role in ROLES:
        client.logout()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if response.status_code != page.status[role]:
            wrong.append(f"{role}: got {response.status_code}, expected {page.status[role]}")
    assert not wrong, f"GET {url}\n" + "\n".join(wrong)
