"""Diversity coverage on the group page: counts of active members whose
consented data matches each factor, exact for the organisation's coordinators,
"fewer than 5" (and no met/not met) below five for everyone else."""

import re

import pytest
from django.urls import reverse

from involvement.models import DiversityFactor, Membership
from involvement.selectors.groups import group_coverage
from involvement.services import people as people_services
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def add_member(group, *, status=Membership.Status.ACTIVE, **answers):
    person = PersonFactory()
    MembershipFactory(person=person, group=group, status=status)
    if answers:
        people_services.diversity_save(person=person, answers=answers, consent_given=True)
    return person


def type_1_factor(group, minimum=2):
    return DiversityFactor.objects.create(
        group=group,
        name="Type 1 diabetes",
        attribute="diabetes_type",
        values=["type_1"],
        minimum=minimum,
    )


def test_counts_only_active_members_with_consented_matching_data(world):
    group = world.objects["group"]
    type_1_factor(group)
    add_member(group, diabetes_type="type_1")
    add_member(group, diabetes_type="type_1")
    add_member(group, diabetes_type="type_2")
    add_member(group, status=Membership.Status.PAUSED, diabetes_type="type_1")
    add_member(group, status=Membership.Status.SELECTED, diabetes_type="type_1")
    add_member(group)  # active, no consent
    withdrawn = add_member(group, diabetes_type="type_1")
    people_services.diversity_consent_withdraw(person=withdrawn)

    [row] = group_coverage(group=group, exact=True)

    assert (row.count, row.met, row.shown) == (2, True, "2")


def test_a_factor_can_count_several_answers(world):
    group = world.objects["group"]
    DiversityFactor.objects.create(
        group=group,
        name="Aged under 40",
        attribute="age_band",
        values=["under_25", "25_39"],
        minimum=3,
    )
    add_member(group, age_band="under_25")
    add_member(group, age_band="25_39")
    add_member(group, age_band="40_54")

    [row] = group_coverage(group=group, exact=True)

    assert (row.count, row.met) == (2, False)


def test_small_counts_are_suppressed_with_their_met_status(world):
    group = world.objects["group"]
    type_1_factor(group, minimum=2)
    for _ in range(3):
        add_member(group, diabetes_type="type_1")

    [row] = group_coverage(group=group, exact=False)

    assert (row.count, row.met, row.shown) == (None, None, "fewer than 5")


def test_zero_is_suppressed_too(world):
    group = world.objects["group"]
    type_1_factor(group, minimum=1)

    [row] = group_coverage(group=group, exact=False)

    assert row.shown == "fewer than 5" and row.met is None


def test_counts_of_five_or_more_are_shown_to_everyone(world):
    group = world.objects["group"]
    type_1_factor(group, minimum=6)
    for _ in range(5):
        add_member(group, diabetes_type="type_1")

    [row] = group_coverage(group=group, exact=False)

    assert (row.count, row.met, row.shown) == (5, False, "5")


def _coverage_table(html: str) -> str:
    return html.split('id="diversity"', 1)[1].split("</table>", 1)[0]


def _coverage_cells(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _coverage_table(html)))


def test_coordinator_sees_the_exact_small_count_and_whether_it_is_met(world, login):
    group = world.objects["group"]
    type_1_factor(group, minimum=2)
    for _ in range(3):
        add_member(group, diabetes_type="type_1")

    html = (
        login(world.user("coordinator"))
        .get(reverse("group-detail", kwargs={"pk": group.pk}))
        .content.decode()
    )

    cells = _coverage_cells(html)
    assert "Type 1 diabetes 2 3 Met" in cells
    assert "fewer than 5" not in cells


@pytest.mark.parametrize("role", ["org_admin", "commissioner", "member", "admin_support"])
def test_everyone_else_sees_fewer_than_5_and_not_whether_it_is_met(world, login, role):
    group = world.objects["group"]
    type_1_factor(group, minimum=2)
    for _ in range(3):
        add_member(group, diabetes_type="type_1")

    html = (
        login(world.user(role))
        .get(reverse("group-detail", kwargs={"pk": group.pk}))
        .content.decode()
    )

    cells = _coverage_cells(html)
    assert "Type 1 diabetes 2 fewer than 5 Not shown" in cells
    assert " 3 " not in cells
    assert "nhsuk-tag" not in _coverage_table(html), "no met / not met tag"
