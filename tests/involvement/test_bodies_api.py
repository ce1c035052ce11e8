"""The read-only bodies API: same scoping as the pages, and the flag."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import BodyFactory, MembershipFactory, SeatFactory

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {body["name"] for body in response.json()["results"]}


def test_a_member_lists_the_bodies_of_their_organisation_only(world):
    names = _names(_api(world.user("member")).get(reverse("api-body-list")))

    assert names == {"Testshire Diabetes Network Board"}


def test_another_organisations_coordinator_lists_only_their_own(world):
    names = _names(_api(world.user("other_org")).get(reverse("api-body-list")))

    assert names == {"South Testshire Board"}


def test_a_platform_admin_lists_every_body(world):
    names = _names(_api(world.user("platform_admin")).get(reverse("api-body-list")))

    assert names == {"Testshire Diabetes Network Board", "South Testshire Board"}


def test_another_organisations_body_is_not_found(world):
    url = reverse("api-body-detail", args=[world.objects["other_body"].pk])

    response = _api(world.user("coordinator")).get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_body_reports_its_current_representatives_and_the_flag(world):
    body = world.objects["body"]
    url = reverse("api-body-detail", args=[body.pk])
    client = _api(world.user("commissioner"))

    flagged = client.get(url).json()
    SeatFactory(
        body=body,
        membership=MembershipFactory(group=world.objects["group"]),
        term_start=timezone.localdate(),
    )
    enough = client.get(url).json()

    assert (flagged["current_representatives"], flagged["below_minimum"]) == (1, True)
    assert (enough["current_representatives"], enough["below_minimum"]) == (2, False)
    assert flagged["level"] == "executive"
    assert flagged["organisation"] == world.organisation.pk


def test_the_api_is_read_only(world):
    response = _api(world.user("coordinator")).post(
        reverse("api-body-list"), {"name": "New", "level": "clinical"}
    )

    assert response.status_code == 405


def test_the_api_needs_a_login(world):
    assert APIClient().get(reverse("api-body-list")).status_code == 401


def test_the_bodies_api_is_in_the_openapi_schema(client, db):
    response = client.get(reverse("api-schema"), {"format": "json"})

    schema = response.json()
    assert "/api/bodies/" in schema["paths"]
    assert "/api/bodies/{id}/" in schema["paths"]
    properties = schema["components"]["schemas"]["Body"]["properties"]
    assert {"current_representatives", "below_minimum"} <= set(properties)


def test_the_body_list_api_reads_a_fixed_number_of_queries(world, assert_flat_queries):
    client = _api(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            body = BodyFactory(organisation=world.organisation)
            SeatFactory(body=body, membership=MembershipFactory(group=world.objects["group"]))

    assert_flat_queries(lambda: client.get(reverse("api-body-list")), grow=grow)
