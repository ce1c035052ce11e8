"""The harnesses every page is held to must themselves catch what they claim to."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from involvement.models import Organisation
from tests import test_access_walk
from tests.access.groups import MANAGE
from tests.access.rules import Page, expect, redirects
from tests.access.walker import module_walker
from tests.conftest import QueryCountGrew, build_world
from tests.factories import OrganisationFactory


def test_access_walk_fails_for_a_url_without_an_expectation(settings):
    settings.ROOT_URLCONF = "tests.harness_urls.extra"
    with pytest.raises(AssertionError, match="'undeclared'"):
        test_access_walk.test_every_project_url_has_an_access_expectation()


def test_access_walk_fails_for_an_undeclared_page_built_on_a_generic_view(settings):
    """A page whose view is Django's (TemplateView), named or not, is walked
    like any other: undeclared, it fails."""
    settings.ROOT_URLCONF = "tests.harness_urls.generic"
    with pytest.raises(AssertionError) as failure:
        test_access_walk.test_every_project_url_has_an_access_expectation()
    assert "'undeclared-generic'" in str(failure.value)
    assert "'undeclared-unnamed/'" in str(failure.value)


def test_access_walk_passes_for_the_project_urls():
    test_access_walk.test_every_project_url_has_an_access_expectation()


@pytest.fixture(scope="module")
def walker(django_db_setup, django_db_blocker):
    yield from module_walker(django_db_blocker, build_world)


def _group(w):
    return {"pk": w.objects["group"].pk}


# Renaming a group: its coordinators and organisation admins (sent home);
# other staff of the organisation and its members are refused; another
# organisation does not see the group.
RENAMES = Page(kwargs=_group, status=expect(405, anonymous=302), post=redirects(MANAGE))


@pytest.mark.django_db
def test_post_walk_catches_a_post_without_its_permission_check(settings, walker):
    settings.ROOT_URLCONF = "tests.harness_urls.unguarded"
    wrong = test_access_walk.walk_problems(walker, "harness-rename-any", RENAMES)
    # Each refused role, in both organisations, got in and wrote.
    for role in ("member", "finance", "other_org", "other_member", "other_finance"):
        assert any(f"POST (valid body) as {role}: got 302" in line for line in wrong), role
    assert any("refused but wrote: UPDATE" in line for line in wrong)


@pytest.mark.django_db
def test_post_walk_passes_the_same_post_with_its_permission_check(settings, walker):
    settings.ROOT_URLCONF = "tests.harness_urls.unguarded"
    assert test_access_walk.walk_problems(walker, "harness-rename", RENAMES) == []


@pytest.mark.django_db
def test_access_walk_catches_another_organisations_object_shown_to_all(settings, walker):
    """The group page is the first organisation's; the walk also asks for the
    second organisation's group (`elsewhere`), as every role of both."""
    settings.ROOT_URLCONF = "tests.harness_urls.unguarded"
    shows = Page(
        kwargs=_group,
        status=expect(200, anonymous=302, other_org=404),
        elsewhere=lambda w: {"pk": w.objects["other_group"].pk},
    )
    wrong = test_access_walk.walk_problems(walker, "harness-show-any", shows, methods=("get",))
    for role in ("other_org", "other_member", "other_finance", "other_commissioner"):
        assert any(f"GET as {role}: got 200, expected 404" in line for line in wrong), role
    # And the first organisation's people, asking for the second's group.
    assert any(
        f"/{_other_group_pk(walker)}/show-any/ GET as finance: got 200, expected 404" in line
        for line in wrong
    )


def _other_group_pk(walker):
    return walker.world.objects["other_group"].pk


def _n_plus_one_page(request):
    names = [organisation.name for organisation in Organisation.objects.all()]
    # One query per organisation: the classic N+1.
    for organisation in Organisation.objects.all():
        organisation.staff_roles.count()
    return HttpResponse(", ".join(names))


def _flat_page(request):
    return HttpResponse(", ".join(Organisation.objects.values_list("name", flat=True)))


@pytest.mark.django_db
def test_flat_query_fixture_catches_a_page_whose_queries_grow_with_data(assert_flat_queries):
    request = RequestFactory().get("/")
    with pytest.raises(QueryCountGrew, match="at 10x"):
        assert_flat_queries(
            lambda: _n_plus_one_page(request), grow=lambda n: OrganisationFactory.create_batch(n)
        )


@pytest.mark.django_db
def test_flat_query_fixture_accepts_a_page_with_constant_queries(assert_flat_queries):
    request = RequestFactory().get("/")
    count = assert_flat_queries(
        lambda: _flat_page(request), grow=lambda n: OrganisationFactory.create_batch(n)
    )
    assert count == 1
