"""Each role's home page: the sections it shows, and what it must not show."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.models import DiversityFactor, DiversityProfile, Membership, StaffRole
from involvement.services.groups import diversity_factor_delete, membership_change_status
from tests.factories import (
    BodyFactory,
    GroupFactory,
    MembershipFactory,
    NotificationFactory,
    PersonFactory,
    SeatFactory,
    StaffRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Role = StaffRole.Role
FLAG = "Fewer than 2 representatives"


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """The page's words, without tags, on one line."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_visitors_still_get_the_landing_page(client, db):
    assert "Have your say in local diabetes services" in _home(client)


# --- coordinator ------------------------------------------------------------


def test_the_coordinator_sees_what_needs_doing(world, login):
    group = world.objects["group"]
    MembershipFactory(
        group=group, status=Membership.Status.SELECTED, person__full_name="Sam Selected"
    )
    DiversityFactor.objects.create(
        group=group, name="Type 1 diabetes", attribute="diabetes_type", values=["type_1"]
    )
    DiversityProfile.objects.create(person=world.objects["person"], diabetes_type="type_1")
    NotificationFactory(
        recipient=world.objects["person"], organisation=world.organisation, channel="post"
    )

    page = _text(_home(login(world.user("coordinator"))))

    assert "What needs doing" in page
    assert "Groups below their target size" in page
    assert "Testshire Diabetes Voices: 1 active member, target 10 to 14" in page
    assert "Diversity factors not met" in page
    assert "Type 1 diabetes: 1 of at least 2" in page  # exact counts for coordinators
    assert "Testshire Diabetes Network Board" in page
    assert FLAG in page
    assert "People waiting for induction" in page and "Sam Selected" in page
    assert "1 letter for people who asked for post is waiting" in page
    assert "Groups you coordinate" in page


def test_the_coordinator_sees_the_to_do_change_as_soon_as_they_act(world, login):
    """Nothing on the home page is cached: an induction recorded, a factor
    removed or a member added shows on the next request."""
    group = world.objects["group"]
    selected = MembershipFactory(
        group=group, status=Membership.Status.SELECTED, person__full_name="Sam Selected"
    )
    factor = DiversityFactor.objects.create(
        group=group, name="Type 1 diabetes", attribute="diabetes_type", values=["type_1"]
    )
    client = login(world.user("coordinator"))
    page = _text(_home(client))
    assert "Sam Selected" in page and "1 person has been selected" in page
    assert "Type 1 diabetes: 0 of at least 2" in page

    membership_change_status(
        membership=selected, to_status=Membership.Status.INDUCTED, changed_on=timezone.localdate()
    )
    diversity_factor_delete(factor=factor)
    page = _text(_home(client))

    assert "People waiting for induction" not in page and "Sam Selected" not in page
    assert "Diversity factors not met" not in page


def test_the_coordinator_sees_nothing_of_another_organisation(world, login):
    BodyFactory(organisation=world.other_organisation, name="Southern Secret Board")
    MembershipFactory(
        group=world.objects["other_group"],
        status=Membership.Status.SELECTED,
        person__full_name="Sid Southern",
    )

    page = _home(login(world.user("coordinator")))

    assert "Southern Secret Board" not in page
    assert "Sid Southern" not in page
    assert "South Testshire Voices" not in page


def test_the_coordinator_is_told_when_nothing_needs_doing(world, login):
    group = world.objects["group"]
    group.target_min, group.target_max = 1, 14
    group.save()
    SeatFactory(body=world.objects["body"], membership=MembershipFactory(group=group))

    page = _home(login(world.user("coordinator")))

    assert "Nothing needs doing right now" in page
    assert FLAG not in page


def test_the_print_queue_is_linked_only_if_the_outbox_has_one(world, login):
    from django.urls import NoReverseMatch

    NotificationFactory(
        recipient=world.objects["person"], organisation=world.organisation, channel="post"
    )
    page = _home(login(world.user("coordinator")))

    try:
        print_url = reverse("print-queue", args=[world.organisation.pk])
    except NoReverseMatch:
        assert "Print letters" not in page
    else:
        assert f'href="{print_url}"' in page


def test_a_coordinator_of_many_groups_sees_a_summary_and_a_link_to_them_all(world, login):
    from involvement.selectors.homes import GROUPS_SHOWN

    many = GROUPS_SHOWN + 5
    for n in range(many):
        group = GroupFactory(
            organisation=world.organisation,
            name=f"Area group {n:02d}",
            target_min=20,
            target_max=30,
        )
        DiversityFactor.objects.create(
            group=group, name=f"Factor {n:02d}", attribute="diabetes_type", values=["type_1"]
        )
        # Group n has n active members: group 00 is furthest below its target.
        for _ in range(n):
            MembershipFactory(group=group)
    total = many + 1  # and the world's own group

    html = _home(login(world.user("coordinator")))
    page = _text(html)

    assert f"{total} groups are below their target size" in page
    assert "These are the 10 furthest below it." in page
    assert "Area group 00: 0 active members, target 20" in page
    assert "Area group 14: 14 active members" not in page  # the nearest to target
    assert f"These are {GROUPS_SHOWN} of the {total} groups you coordinate." in page
    assert f'href="{reverse("group-list")}"' in html and f"See all {total} groups" in page
    assert f"{many} diversity factors are not met in {many} groups" in page
    assert page.count(": Factor ") == GROUPS_SHOWN
    table = html.split("Groups you coordinate", 1)[1]
    assert table.count('scope="row"') == GROUPS_SHOWN


# --- member -----------------------------------------------------------------


def test_the_member_sees_their_groups_seats_and_a_link_to_their_meetings(world, login):
    page = _text(_home(login(world.user("member"))))

    assert "Your groups" in page
    assert "Testshire Diabetes Voices" in page
    assert "Your meetings" in page
    assert "Where you represent your group" in page
    assert "Testshire Diabetes Network Board" in page
    assert "What needs doing" not in page


def test_someone_not_in_a_group_is_told_so(login, db):
    page = _home(login(UserFactory()))

    assert "You are not a member of a group yet" in page


def test_a_member_who_has_left_does_not_see_the_group_as_theirs(world, login):
    membership = world.objects["membership"]
    membership.status = Membership.Status.LEFT
    membership.save()

    page = _home(login(world.user("member")))

    assert "You are not a member of a group yet" in page


# --- commissioner -----------------------------------------------------------


def test_the_commissioner_sees_headline_figures_and_no_personal_data(world, login):
    MembershipFactory(
        group=world.objects["group"],
        status=Membership.Status.SELECTED,
        person__full_name="Sam Selected",
    )

    page = _text(_home(login(world.user("commissioner"))))

    assert "Headline figures" in page
    assert "Active members Fewer than 5 (target 10 to 14)" in page
    assert "Representative seats filled Fewer than 5" in page
    for name in ("Marian Testwell", "Sam Selected"):
        assert name not in page
    assert "What needs doing" not in page


def test_the_commissioner_sees_exact_counts_from_five_up(world, login):
    group = world.objects["group"]
    for _ in range(6):
        MembershipFactory(group=group)
    for _ in range(5):
        BodyFactory(organisation=world.organisation)
    for _ in range(4):
        SeatFactory(body=world.objects["body"], membership=MembershipFactory(group=group))

    page = _text(_home(login(world.user("commissioner"))))

    assert "Active members 11 (target 10 to 14)" in page
    assert "Decision-making bodies 6" in page
    assert "Representative seats filled 5" in page
    assert "Bodies with at least 2 representatives 1" in page


def test_the_commissioner_sees_counts_of_groups_and_bodies_exactly(world, login):
    """Groups and bodies name nobody, so even small counts are shown as they are."""
    page = _text(_home(login(world.user("commissioner"))))

    assert "Decision-making bodies 1" in page
    assert "Active members Fewer than 5" in page


def test_the_commissioner_headline_ignores_other_organisations(world, login):
    for _ in range(8):
        MembershipFactory(group=world.objects["other_group"])

    page = _text(_home(login(world.user("commissioner"))))

    assert "Active members Fewer than 5" in page


# --- organisation admin -----------------------------------------------------


def test_the_organisation_admin_sees_people_and_roles(world, login):
    page = _text(_home(login(world.user("org_admin"))))

    assert "People and roles" in page
    assert "Organisation admin 1" in page
    assert reverse("organisation-people", args=[world.organisation.pk]) in _home(
        login(world.user("org_admin"))
    )


# --- several roles ----------------------------------------------------------


def test_someone_with_several_roles_sees_the_section_of_each(world, login):
    user = world.user("coordinator")
    StaffRoleFactory(user=user, organisation=world.organisation, role=Role.COMMISSIONER)
    StaffRoleFactory(user=user, organisation=world.organisation, role=Role.ORG_ADMIN)
    MembershipFactory(
        group=GroupFactory(organisation=world.other_organisation, name="Southern Voices"),
        person=PersonFactory(user=user),
    )

    page = _text(_home(login(user)))

    for heading in ("What needs doing", "Headline figures", "People and roles", "Your groups"):
        assert heading in page
    assert "Southern Voices" in page


def test_the_platform_admin_is_pointed_to_the_organisations(world, login):
    page = _home(login(world.user("platform_admin")))

    assert reverse("organisation-index") in page


# --- query counts -----------------------------------------------------------


def test_the_coordinator_home_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    today = timezone.localdate()

    def grow(n):
        for _ in range(n):
            group = GroupFactory(organisation=world.organisation)
            DiversityFactor.objects.create(
                group=group, name="Type 1", attribute="diabetes_type", values=["type_1"]
            )
            member = MembershipFactory(group=group)
            DiversityProfile.objects.create(person=member.person, diabetes_type="type_1")
            MembershipFactory(group=group, status=Membership.Status.SELECTED)
            body = BodyFactory(organisation=world.organisation)
            SeatFactory(body=body, membership=member, term_start=today)
            NotificationFactory(
                recipient=member.person, organisation=world.organisation, channel="post"
            )

    assert_flat_queries(lambda: client.get(reverse("home")), grow=grow)


@pytest.mark.parametrize("role", ["member", "commissioner", "org_admin"])
def test_other_homes_read_a_fixed_number_of_queries(world, login, assert_flat_queries, role):
    client = login(world.user(role))
    person = world.objects["person"]

    def grow(n):
        for _ in range(n):
            group = GroupFactory(organisation=world.organisation)
            membership = MembershipFactory(group=group, person=person)
            SeatFactory(body=BodyFactory(organisation=world.organisation), membership=membership)
            StaffRoleFactory(organisation=world.organisation, role=Role.FINANCE)

    assert_flat_queries(lambda: client.get(reverse("home")), grow=grow)
