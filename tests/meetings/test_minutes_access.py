"""Who reads published minutes, and so who sees the members named in them (an
action's owner): the staff who write minutes, the group's members and the
meeting's invitees. Commissioners, finance and recruitment panel members do
not, unless they are members or invitees themselves."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action, Minutes
from tests.access.meetings_minutes import attend, circulated_minutes, make_meeting
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

OWNER = "Bronwen Testperson"


@pytest.fixture
def published(world):
    """Published minutes of the world's group with an action a member owns."""
    meeting = make_meeting(world.objects["group"])
    attend(meeting, world.objects["person"])
    minutes = circulated_minutes(meeting)
    minutes.status = Minutes.Status.PUBLISHED
    minutes.approved_at = minutes.published_at = timezone.now()
    minutes.save()
    owner = PersonFactory(full_name=OWNER, preferred_name="")
    MembershipFactory(person=owner, group=world.objects["group"])
    Action.objects.create(
        meeting=meeting,
        agenda_item=meeting.agenda_items.first(),
        description="Ask the clinic about evening appointments",
        owner_person=owner,
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    return meeting


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 200),
        ("coordinator", 200),
        ("admin_support", 200),
        ("org_admin", 200),
        ("platform_admin", 200),
        ("commissioner", 403),
        ("finance", 403),
        ("panel_member", 403),
        ("other_org", 404),
        ("anonymous", 302),
    ],
)
def test_published_minutes_and_the_members_named_in_them(world, login, published, role, status):
    response = login(world.user(role)).get(reverse("meeting-minutes", args=[published.pk]))
    assert response.status_code == status
    shown = OWNER in response.content.decode()
    assert shown == (status == 200)


def test_a_commissioner_who_is_a_member_reads_them_as_a_member(world, login, published):
    commissioner = world.user("commissioner")
    MembershipFactory(person=PersonFactory(user=commissioner), group=world.objects["group"])
    response = login(commissioner).get(reverse("meeting-minutes", args=[published.pk]))
    assert response.status_code == 200
    assert OWNER in response.content.decode()


def test_an_invitee_from_outside_the_group_reads_them(world, login, published):
    guest = PersonFactory(user=world.user("finance"))
    attend(published, guest)
    response = login(world.user("finance")).get(reverse("meeting-minutes", args=[published.pk]))
    assert response.status_code == 200


def test_a_link_is_shown_only_when_it_works_for_the_person(world, login):
    """No "Minutes of this meeting" link before the member may read them, and
    no link to the group's reflective reviews for members (coordinators only)."""
    group, person = world.objects["group"], world.objects["person"]
    meeting = make_meeting(group)
    attend(meeting, person)
    member = login(world.user("member"))
    minutes_url = reverse("meeting-minutes", args=[meeting.pk])
    detail_url = reverse("meeting-detail", args=[meeting.pk])

    page = member.get(detail_url).content.decode()
    assert f'href="{minutes_url}"' not in page and "not ready yet" in page
    assert member.get(minutes_url).status_code == 403

    circulated_minutes(meeting)
    page = member.get(detail_url).content.decode()
    assert f'href="{minutes_url}"' in page
    assert member.get(minutes_url).status_code == 200

    reviews_url = reverse("group-reviews", args=[group.pk])
    group_page = member.get(reverse("group-detail", args=[group.pk])).content.decode()
    assert f'href="{reviews_url}"' not in group_page
    assert member.get(reviews_url).status_code == 403
    coordinator = login(world.user("coordinator"))
    group_page = coordinator.get(reverse("group-detail", args=[group.pk])).content.decode()
    assert f'href="{reviews_url}"' in group_page
