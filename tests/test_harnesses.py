"""The harnesses every page is held to must themselves catch what they claim to."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from involvement.models import Organisation
from tests import test_access_walk
from tests.conftest import QueryCountGrew
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
