"""Induction: a checklist per new member; completing it (everything ticked,
at a meeting or one to one) makes the membership "inducted" through the
involvement core's status service, with a line in its history."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Membership
from meetings.services.induction import induction_checklist_save
from tests.access.meetings_minutes import make_meeting
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ALL = {
    "background_given": True,
    "ground_rules_agreed": True,
    "expectations_clarified": True,
    "buddy_assigned": True,
}


@pytest.fixture
def new_member(world):
    return MembershipFactory(
        group=world.objects["group"],
        status="selected",
        status_changed_on=timezone.localdate() - timezone.timedelta(days=10),
    )


def test_a_partial_checklist_is_saved_and_the_member_stays_selected(new_member):
    checklist = induction_checklist_save(
        membership=new_member,
        background_given=True,
        ground_rules_agreed=False,
        expectations_clarified=False,
        buddy_assigned=False,
    )
    assert checklist.ticked == 1
    new_member.refresh_from_db()
    assert new_member.status == Membership.Status.SELECTED


def test_completing_makes_the_member_inducted(new_member, world):
    meeting = make_meeting(world.objects["group"], kind="induction")
    induction_checklist_save(
        membership=new_member,
        **ALL,
        how="meeting",
        meeting=meeting,
        complete_on=timezone.localdate(),
        saved_by=world.user("coordinator"),
    )
    new_member.refresh_from_db()
    assert new_member.status == Membership.Status.INDUCTED
    assert new_member.induction_date == timezone.localdate()
    change = new_member.history.last()
    assert change.to_status == "inducted"
    assert change.reason == "Induction checklist completed"
    with pytest.raises(ApplicationError):
        induction_checklist_save(membership=new_member, **ALL, how="one_to_one")


def test_completing_needs_every_item_and_how(new_member):
    with pytest.raises(ValidationError) as error:
        induction_checklist_save(
            membership=new_member,
            **{**ALL, "buddy_assigned": False},
            complete_on=timezone.localdate(),
        )
    assert "buddy assigned" in str(error.value)
    assert "how" in error.value.message_dict
    new_member.refresh_from_db()
    assert new_member.status == Membership.Status.SELECTED


def test_active_members_have_no_induction_to_record(world):
    with pytest.raises(ApplicationError):
        induction_checklist_save(membership=world.objects["membership"], **ALL)


def test_completing_on_the_page(new_member, world, login):
    client = login(world.user("coordinator"))
    today = timezone.localdate()
    response = client.post(
        reverse("membership-induction", args=[new_member.pk]),
        {
            **dict.fromkeys(ALL, "on"),
            "how": "one_to_one",
            "complete": "on",
            "completed_on_0": today.day,
            "completed_on_1": today.month,
            "completed_on_2": today.year,
        },
    )
    assert response.status_code == 302
    new_member.refresh_from_db()
    assert new_member.status == Membership.Status.INDUCTED


def test_completing_without_a_date_says_what_to_do(new_member, world, login):
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("membership-induction", args=[new_member.pk]),
        {**dict.fromkeys(ALL, "on"), "how": "one_to_one", "complete": "on"},
    )
    assert response.status_code == 200
    assert "Enter the date of the induction" in response.content.decode()
