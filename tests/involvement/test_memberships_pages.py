"""Membership pages: adding someone to a group, changing status (refusals
shown on the form, input kept), induction date and buddy, and the history."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.models import Membership
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, date_parts

pytestmark = pytest.mark.django_db

Status = Membership.Status


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def today() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def test_add_someone_from_the_organisation_to_a_group(world, login):
    group = world.objects["group"]
    other_group = GroupFactory(organisation=world.organisation)
    person = MembershipFactory(group=other_group, person__full_name="Quentin Quarry").person
    client = login(world.user("coordinator"))

    page = client.get(reverse("membership-create", kwargs={"pk": group.pk})).content.decode()
    assert "Quentin Quarry" in page
    assert "Marian Testwell" not in page, "already in this group: not offered"

    response = client.post(
        reverse("membership-create", kwargs={"pk": group.pk}),
        {"person": person.pk, **date_parts("on", today()), "reason": "Recruited at the clinic"},
    )

    membership = Membership.objects.get(group=group, person=person)
    assert response.url == reverse("membership-detail", kwargs={"pk": membership.pk})
    assert membership.status == Status.SELECTED
    assert membership.history.get().changed_by == world.user("coordinator")


def test_someone_from_another_organisation_cannot_be_added(world, login):
    group = world.objects["group"]
    stranger = world.objects["other_membership"].person

    response = login(world.user("coordinator")).post(
        reverse("membership-create", kwargs={"pk": group.pk}),
        {"person": stranger.pk, **date_parts("on", today())},
    )

    assert "Choose someone from your organisation&#x27;s list" in response.content.decode()
    assert not Membership.objects.filter(group=group, person=stranger).exists()


def test_a_bad_date_is_explained_and_kept(world, login):
    group = world.objects["group"]
    person = MembershipFactory(group=GroupFactory(organisation=world.organisation)).person

    response = login(world.user("coordinator")).post(
        reverse("membership-create", kwargs={"pk": group.pk}),
        {"person": person.pk, **date_parts("on", "31/02/2026")},
    )

    html = response.content.decode()
    assert "The date must be a real date, like 15 3 2026" in html
    assert 'name="on_0" type="text" inputmode="numeric" spellcheck="false" value="31"' in html
    assert 'value="02"' in html


def _status_url(membership):
    return reverse("membership-status", kwargs={"pk": membership.pk})


def test_status_page_offers_only_the_allowed_moves(world, login):
    membership = MembershipFactory(group=world.objects["group"], status=Status.SELECTED)

    html = login(world.user("coordinator")).get(_status_url(membership)).content.decode()

    offered = re.findall(r'name="to_status" type="radio" value="(\w+)"', html)
    assert offered == ["inducted", "left"]


def test_an_illegal_move_is_refused_with_a_clear_message_and_the_input_kept(world, login):
    membership = MembershipFactory(
        group=world.objects["group"],
        status=Status.SELECTED,
        person__preferred_name="Rowan",
        status_changed_on=timezone.localdate() - datetime.timedelta(days=3),
    )

    response = login(world.user("coordinator")).post(
        _status_url(membership),
        {"to_status": "active", **date_parts("changed_on", today()), "reason": "Keen to start"},
    )

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Rowan cannot become active before their induction" in html
    assert "Keen to start" in html
    membership.refresh_from_db()
    assert membership.status == Status.SELECTED


def test_a_status_change_is_saved_and_shown_in_the_history(world, login):
    membership = MembershipFactory(
        group=world.objects["group"],
        status=Status.ACTIVE,
        person__full_name="Sasha Summers",
        status_changed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    client = login(world.user("coordinator"))

    response = client.post(
        _status_url(membership),
        {
            "to_status": "paused",
            **date_parts("changed_on", today()),
            "reason": "Back after surgery",
        },
    )
    assert response.status_code == 302

    page = text(client.get(reverse("membership-detail", kwargs={"pk": membership.pk})))
    assert "Paused since" in page
    assert "Active to paused Back after surgery" in page


def test_pausing_without_a_reason_says_what_to_do(world, login):
    membership = MembershipFactory(
        group=world.objects["group"],
        status=Status.ACTIVE,
        person__preferred_name="Tam",
        status_changed_on=timezone.localdate() - datetime.timedelta(days=30),
    )

    response = login(world.user("coordinator")).post(
        _status_url(membership),
        {"to_status": "paused", **date_parts("changed_on", today()), "reason": ""},
    )

    assert "Say why Tam is pausing, in a few words" in response.content.decode()


def test_buddy_choices_are_active_members_and_refusals_are_explained(world, login):
    group = world.objects["group"]
    newcomer = MembershipFactory(group=group, status=Status.INDUCTED)
    paused = MembershipFactory(group=group, status=Status.PAUSED, person__preferred_name="Uma")
    active = world.objects["membership"]
    client = login(world.user("coordinator"))
    url = reverse("membership-edit", kwargs={"pk": newcomer.pk})

    html = client.get(url).content.decode()
    assert f'value="{active.pk}"' in html
    assert f'value="{paused.pk}"' not in html
    assert f'value="{newcomer.pk}"' not in html

    response = client.post(url, {**date_parts("induction_date", ""), "buddy": paused.pk})
    assert "Choose an active member as buddy. Uma is paused" in response.content.decode()

    response = client.post(url, {**date_parts("induction_date", ""), "buddy": newcomer.pk})
    assert "A member cannot be their own buddy" in response.content.decode()

    elsewhere = MembershipFactory(group=GroupFactory(organisation=world.organisation))
    response = client.post(url, {**date_parts("induction_date", ""), "buddy": elsewhere.pk})
    assert "Choose a buddy who is a member of this group" in response.content.decode()

    response = client.post(url, {**date_parts("induction_date", "12/1/2026"), "buddy": active.pk})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.buddy == active
    assert newcomer.induction_date == datetime.date(2026, 1, 12)


def test_a_member_sees_their_own_membership_and_buddy_but_cannot_change_it(world, login):
    membership = world.objects["membership"]
    buddy = MembershipFactory(
        group=membership.group, status=Status.ACTIVE, person__preferred_name="Vic"
    )
    membership.buddy = buddy
    membership.save()

    response = login(world.user("member")).get(
        reverse("membership-detail", kwargs={"pk": membership.pk})
    )

    page = text(response)
    assert "Your membership" in page
    assert "Vic, an experienced member who can help you settle in" in page
    assert reverse("membership-status", kwargs={"pk": membership.pk}) not in (
        response.content.decode()
    )


def test_a_member_cannot_open_someone_elses_membership(world, login):
    other = MembershipFactory(group=world.objects["group"])

    response = login(world.user("member")).get(
        reverse("membership-detail", kwargs={"pk": other.pk})
    )

    assert response.status_code == 404


def test_an_added_person_may_not_already_be_in_the_group_even_if_posted(world, login):
    group = world.objects["group"]
    person = world.objects["person"]

    response = login(world.user("coordinator")).post(
        reverse("membership-create", kwargs={"pk": group.pk}),
        {"person": person.pk, **date_parts("on", today())},
    )

    assert response.status_code == 200
    assert Membership.objects.filter(group=group, person=person).count() == 1


def test_people_to_add_exclude_people_only_known_elsewhere(world, login):
    PersonFactory(full_name="Wren Nowhere")  # in no group: no organisation knows them

    page = (
        login(world.user("coordinator"))
        .get(reverse("membership-create", kwargs={"pk": world.objects["group"].pk}))
        .content.decode()
    )

    assert "Wren Nowhere" not in page
