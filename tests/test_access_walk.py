"""The access walk: every URL pattern of the project, ours and the packages'
(allauth, the admin, generic views), requested as each role of the first
organisation, as a person in each role of another organisation and
anonymously, must give the answers its expectation declares
(tests/access/rules.py): GET, POST with an empty and with a valid body, and
PUT, PATCH and DELETE on the API. A refused request must write nothing. A URL
without an expectation fails, so no page can be added unchecked.

The world is built once for the module; each request runs in a savepoint that
is rolled back (tests/access/walker.py)."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import EXPECTATIONS
from tests.access.rules import WALK_ROLES, Page, mirrored
from tests.access.walker import Walker, add_other_organisation_people, is_api, module_walker

OUR_MODULES = ("config", "involvement", "recruitment", "meetings", "workplans", "evaluation")


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    for attribute in ("cls", "view_class"):
        cls = getattr(callback, attribute, None)
        if cls is not None:
            return cls.__module__
    return callback.__module__


def _walk(patterns, namespace="", prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), route, entry


def project_patterns() -> dict[str | None, list[URLPattern]]:
    """Every URL pattern, by name. A package's pattern without a name goes by
    its route; one of ours without a name goes under None."""
    return _patterns(settings.ROOT_URLCONF)


@functools.cache
def _patterns(urlconf: str) -> dict[str | None, list[URLPattern]]:
    found: dict[str | None, list[URLPattern]] = {}
    for name, route, pattern in _walk(get_resolver(urlconf).url_patterns):
        if name is None and _view_module(pattern).split(".")[0] not in OUR_MODULES:
            name = route
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


def build_walk_world():
    """One world for the whole walk: the shared world, the second
    organisation's people, and every object any page's URL or body needs
    (built here, in a fixed order, so every test sees the same world)."""
    from tests.conftest import build_world

    world = build_world()
    add_other_organisation_people(world)
    for name in sorted(EXPECTATIONS):
        page = EXPECTATIONS[name]
        for builder in (page.kwargs, page.elsewhere, page.form, page.url):
            if builder is not None:
                builder(world)
    return world


@pytest.fixture(scope="module")
def walker(django_db_setup, django_db_blocker):
    """The walk's requests run in this module-wide transaction (the tests'
    django_db mark only tells pytest-django to create the test database)."""
    yield from module_walker(django_db_blocker, build_walk_world)


def _url(page: Page, world, name: str, kwargs=None) -> str:
    if page.url is not None:
        return page.url(world)
    return reverse(name, kwargs=page.kwargs(world) if kwargs is None else kwargs) + page.query


def _api(name: str) -> bool:
    return any(is_api(pattern) for pattern in project_patterns().get(name, []))


def walk_problems(walker: Walker, name: str, page: Page, *, methods=("get", "post")) -> list[str]:
    """Everything wrong with one URL's answers, as each role."""
    world = walker.world
    api = _api(name)
    wrong: list[str] = []
    places = [(_url(page, world, name), page)]
    if page.elsewhere is not None:
        kwargs = page.elsewhere(world)
        places.append((_url(page, world, name, kwargs), _mirror(page)))
    for url, rule in places:
        found: list[str | None] = []
        if "get" in methods:
            for role in WALK_ROLES:
                found.append(walker.check(role, "get", url, rule.status[role])[0])
        if "post" in methods:
            found.extend(_post_problems(walker, url, rule, api))
        if "api" in methods and api:
            expected = rule.api_writes_status()
            for method in ("put", "patch", "delete"):
                for role in WALK_ROLES:
                    found.append(walker.check(role, method, url, expected[role], api=True)[0])
        wrong.extend(f"{url} {line}" for line in found if line)
    return wrong


def _post_problems(walker: Walker, url: str, page: Page, api: bool) -> list[str | None]:
    """POST with an empty and a valid body as each role. Nothing to fill in
    (no `form`): the empty body is the only one, and for an action the valid
    one. Someone allowed must be able to do it: a valid body must write
    something for at least one role it succeeds for."""
    empty, valid = page.post_empty_status(), page.post_valid_status()
    wrong: list[str | None] = []
    if page.form is None:
        bodies = [(None, valid, page.post is not None)]
    else:
        bodies = [(None, empty, False), (walker.valid_body(page, url, page.status), valid, True)]
    for body, expected, is_valid in bodies:
        wrote = False
        succeeded = []
        for role in WALK_ROLES:
            problem, answer = walker.check(
                role, "post", url, expected[role], body=body, valid=is_valid, api=api
            )
            wrong.append(problem)
            if is_valid and walker.succeeded(expected[role], answer, api=api):
                succeeded.append(role)
                wrote = wrote or bool(answer.writes)
        if succeeded and page.writes and not wrote:
            wrong.append(
                f"POST (valid body): nobody it succeeded for ({', '.join(succeeded)}) wrote "
                "anything; make the body valid, or declare writes=False"
            )
    return wrong


def _mirror(page: Page) -> Page:
    """The page's rule for the other organisation's like object."""

    def swap(answers):
        return None if answers is None else mirrored(answers)

    return replace(
        page,
        status=mirrored(page.status),
        post=swap(page.post),
        post_valid=swap(page.post_valid),
        api_writes=swap(page.api_writes),
        elsewhere=None,
    )


@pytest.mark.parametrize("url_name", sorted(EXPECTATIONS))
@pytest.mark.django_db
def test_access_walk(url_name, walker):
    wrong = walk_problems(walker, url_name, EXPECTATIONS[url_name], methods=("get",))
    assert not wrong, f"GET {url_name}\n" + "\n".join(wrong)


@pytest.mark.parametrize("url_name", sorted(EXPECTATIONS))
@pytest.mark.django_db
def test_post_walk(url_name, walker):
    wrong = walk_problems(walker, url_name, EXPECTATIONS[url_name], methods=("post",))
    assert not wrong, f"POST {url_name}\n" + "\n".join(wrong)


@pytest.mark.parametrize("url_name", sorted(name for name in EXPECTATIONS if _api(name)))
@pytest.mark.django_db
def test_api_write_walk(url_name, walker):
    wrong = walk_problems(walker, url_name, EXPECTATIONS[url_name], methods=("api",))
    assert not wrong, f"PUT, PATCH, DELETE {url_name}\n" + "\n".join(wrong)
