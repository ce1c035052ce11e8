"""The groups and memberships API: scoped like the pages, no diversity data,
documented in the OpenAPI schema."""

import pytest
from django.urls import reverse

from involvement.models import DiversityFactor
from involvement.services import people as people_services
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_staff_list_their_organisations_groups_only(world, login):
    response = login(world.user("commissioner")).get(reverse("api-group-list"))

    assert response.status_code == 200
    assert _ids(response) == {world.objects["group"].pk}


def test_a_member_lists_the_groups_they_are_in(world, login):
    GroupFactory(organisation=world.organisation)

    response = login(world.user("member")).get(reverse("api-group-list"))

    assert _ids(response) == {world.objects["group"].pk}


def test_a_group_has_its_shared_record_and_no_diversity_data(world, login):
    group = world.objects["group"]
    DiversityFactor.objects.create(
        group=group, name="Type 1", attribute="diabetes_type", values=["type_1"], minimum=2
    )
    people_services.diversity_save(
        person=world.objects["person"], answers={"diabetes_type": "type_1"}, consent_given=True
    )

    body = (
        login(world.user("coordinator"))
        .get(reverse("api-group-detail", kwargs={"pk": group.pk}))
        .json()
    )

    assert body["name"] == group.name
    assert body["active_members"] == 1
    assert body["diversity_factors"] == [
        {"id": group.diversity_factors.get().pk, "name": "Type 1", "minimum": 2}
    ]
    flat = str(body)
    assert "type_1" not in flat and "count" not in flat


def test_another_organisations_group_answers_404(world, login):
    response = login(world.user("coordinator")).get(
        reverse("api-group-detail", kwargs={"pk": world.objects["other_group"].pk})
    )
    assert response.status_code == 404


def test_memberships_are_scoped_like_the_pages(world, login):
    group = world.objects["group"]
    other = MembershipFactory(group=group)

    coordinator = _ids(login(world.user("coordinator")).get(reverse("api-membership-list")))
    member = _ids(login(world.user("member")).get(reverse("api-membership-list")))
    commissioner = _ids(login(world.user("commissioner")).get(reverse("api-membership-list")))

    assert coordinator == {world.objects["membership"].pk, other.pk}
    assert member == {world.objects["membership"].pk}
    assert commissioner == set()


def test_memberships_filter_by_group_and_status(world, login):
    group = world.objects["group"]
    second = GroupFactory(organisation=world.organisation)
    paused = MembershipFactory(group=second, status="paused")
    MembershipFactory(group=second, status="active")
    client = login(world.user("coordinator"))

    response = client.get(reverse("api-membership-list"), {"group": second.pk, "status": "paused"})

    assert _ids(response) == {paused.pk}
    assert group.pk != second.pk


def test_membership_rows_carry_no_personal_detail_beyond_the_name(world, login):
    row = (
        login(world.user("coordinator"))
        .get(reverse("api-membership-detail", kwargs={"pk": world.objects["membership"].pk}))
        .json()
    )

    assert set(row) == {
        "id",
        "group",
        "person",
        "person_name",
        "status",
        "status_changed_on",
        "induction_date",
        "buddy",
    }


def test_groups_and_memberships_are_in_the_openapi_schema(client):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()

    assert "/api/groups/" in schema["paths"]
    assert "/api/groups/{id}/" in schema["paths"]
    assert "/api/memberships/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/memberships/"]["get"]["parameters"]}
    assert {"group", "status"} <= params


def test_group_list_api_queries_stay_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            group = GroupFactory(organisation=world.organisation)
            MembershipFactory(group=group)
            DiversityFactor.objects.create(
                group=group, name="Carers", attribute="carer", values=["yes"], minimum=1
            )

    assert_flat_queries(lambda: client.get(reverse("api-group-list")), grow=grow)
