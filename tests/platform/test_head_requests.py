"""HEAD is answered wherever GET is (issue 14): uptime checks and proxies send
HEAD, and a read-only view that allows only GET answers them 405."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db


def fixed_paths(patterns=None, prefix: str = ""):
    """Every path of the site that takes no arguments (the admin site aside)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(" in route or route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from fixed_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route.lstrip("^").rstrip("$")


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_head_is_answered_like_get_on_every_fixed_page(world, login, role):
    client = login(world.user(role))
    paths = sorted(set(fixed_paths()))
    assert len(paths) > 20, paths
    refused = []
    for path in paths:
        got = client.get(path).status_code
        if got == 405:  # a page that only takes POST
            continue
        headed = client.head(path).status_code
        if headed != got:
            refused.append((path, got, headed))
    assert not refused, f"HEAD answered differently from GET (path, GET, HEAD): {refused}"


SAMPLE = {
    "anonymous": [
        "home",
        "public-vacancy-list",
        "account_login",
        "account_signup",
        "privacy",
        "accessibility",
    ],
    "member": ["home", "account_settings", "privacy"],
}


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_a_sample_of_pages_answers_head_with_200_or_302(world, login, role):
    client = login(world.user(role))
    urls = [reverse(name) for name in SAMPLE[role]]
    group = world.objects["group"]
    if role == "member":
        urls.append(reverse("group-detail", args=[group.pk]))
    answers = {url: client.head(url).status_code for url in urls}
    assert all(status in (200, 302) for status in answers.values()), answers
