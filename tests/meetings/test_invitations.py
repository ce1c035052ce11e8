"""Inviting in one action, replying online until the start, replies recorded
by the coordinator."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from involvement.models import Notification
from meetings.models import Invitation, Meeting
from meetings.services.invitations import invitation_invite_all, invitation_reply
from tests.factories import MembershipFactory, SeatFactory

from ._scheduling import invite, make_meeting


def test_invite_all_invites_the_groups_active_members_once_and_tells_them(world):
    group = world.objects["group"]
    MembershipFactory(group=group)
    MembershipFactory(group=group, status="paused")
    meeting = make_meeting(group)

    created = invitation_invite_all(meeting=meeting)
    again = invitation_invite_all(meeting=meeting)

    assert len(created) == 2 and again == []
    assert meeting.invitations.count() == 2
    keys = Notification.objects.filter(
        idempotency_key__startswith=f"meetings:invited:{meeting.pk}:"
    )
    assert keys.count() == 2


def test_a_line_break_in_the_title_does_not_stop_the_invitations(
    world, django_capture_on_commit_callbacks
):
    """Issue 9: the invitation emails failed (BadHeaderError), so nobody was invited."""
    meeting = make_meeting(world.objects["group"])
    Meeting.objects.filter(pk=meeting.pk).update(title="Spring\r\nmeeting")
    meeting.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        invitation_invite_all(meeting=meeting)

    sent = Notification.objects.get(idempotency_key__startswith=f"meetings:invited:{meeting.pk}:")
    assert sent.status == Notification.Status.SENT, sent.last_error
    assert [message.subject for message in mail.outbox] == [sent.subject]
    assert sent.subject.startswith("You are invited: Spring meeting, ")


def test_a_board_meeting_invites_the_bodys_current_representatives(world):
    body = world.objects["body"]
    ended = SeatFactory(body=body, membership=MembershipFactory(group=world.objects["group"]))
    ended.term_start = timezone.localdate() - timedelta(days=400)
    ended.term_end = timezone.localdate() - timedelta(days=30)
    ended.save()
    starts = timezone.now() + timedelta(days=9)
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        body=body,
        kind="board",
        title="Board",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mode="online",
        video_link="https://video.example/board",
    )

    invitation_invite_all(meeting=meeting)

    assert list(meeting.invitations.values_list("person_id", flat=True)) == [
        world.objects["person"].pk
    ]


def test_the_member_replies_online_before_the_meeting(world, login):
    meeting = make_meeting(world.objects["group"])
    invitation = invite(meeting, world.objects["person"])
    client = login(world.user("member"))

    response = client.post(
        reverse("invitation-reply", kwargs={"pk": invitation.pk}), {"rsvp": "apologies"}
    )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.rsvp == "apologies" and invitation.replied_via == "online"


def test_a_reply_after_the_meeting_has_started_is_refused_with_a_clear_message(world, login):
    starts = timezone.now() - timedelta(minutes=10)
    meeting = make_meeting(world.objects["group"], at=starts)
    invitation = invite(meeting, world.objects["person"])
    client = login(world.user("member"))

    response = client.post(
        reverse("invitation-reply", kwargs={"pk": invitation.pk}), {"rsvp": "attending"}
    )

    invitation.refresh_from_db()
    assert response.status_code == 200
    assert "already started" in response.content.decode()
    assert invitation.rsvp == "no_reply"


def test_the_coordinator_records_a_phone_reply_even_after_the_start(world, login):
    starts = timezone.now() - timedelta(minutes=10)
    meeting = make_meeting(world.objects["group"], at=starts)
    invitation = invite(meeting, world.objects["person"])
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("invitation-record", kwargs={"pk": invitation.pk}),
        {"rsvp": "apologies", "via": "phone"},
    )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert invitation.rsvp == "apologies" and invitation.replied_via == "phone"


def test_a_reply_to_a_cancelled_meeting_is_refused(world):
    meeting = make_meeting(world.objects["group"], status="cancelled")
    invitation = invite(meeting, world.objects["person"])
    with pytest.raises(ValidationError, match="cancelled"):
        invitation_reply(invitation=invitation, rsvp=Invitation.Rsvp.ATTENDING)


def test_a_member_cannot_reply_for_someone_else(world, login):
    meeting = make_meeting(world.objects["group"])
    other = invite(meeting, MembershipFactory(group=world.objects["group"]).person)
    client = login(world.user("member"))
    response = client.post(
        reverse("invitation-reply", kwargs={"pk": other.pk}), {"rsvp": "attending"}
    )
    assert response.status_code == 404


def test_meeting_detail_with_agenda_and_invitations_has_flat_queries(
    world, login, assert_flat_queries
):
    from meetings.models import AgendaItem

    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))

    def grow(n):
        for i in range(n):
            AgendaItem.objects.create(meeting=meeting, title=f"Item {i}", position=i + 1)
            invite(
                meeting, MembershipFactory(group=world.objects["group"]).person, rsvp="attending"
            )
            invite(meeting, MembershipFactory(group=world.objects["group"]).person)

    assert_flat_queries(
        lambda: client.get(reverse("meeting-detail", kwargs={"pk": meeting.pk})), grow=grow
    )


def test_a_member_sees_their_own_reply_but_not_who_else_is_invited(world, login):
    meeting = make_meeting(world.objects["group"])
    invite(meeting, world.objects["person"])
    other = MembershipFactory(group=world.objects["group"]).person
    invite(meeting, other, rsvp="apologies")

    page = login(world.user("member")).get(reverse("meeting-detail", kwargs={"pk": meeting.pk}))
    text = page.content.decode()
    assert "Say if you are coming" in text
    assert escape(other.full_name) not in text

    staff = login(world.user("coordinator"))
    staff_page = staff.get(reverse("meeting-detail", kwargs={"pk": meeting.pk})).content.decode()
    # The meeting's page names those who have not replied; everyone is on the invitations page.
    assert escape(world.objects["person"].full_name) in staff_page
    assert escape(other.full_name) not in staff_page
    everyone = staff.get(reverse("meeting-invitations", kwargs={"pk": meeting.pk}))
    assert escape(other.full_name) in everyone.content.decode()


def _plain(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_meeting_page_counts_replies_and_lists_the_first_who_have_not_replied(world, login):
    meeting = make_meeting(world.objects["group"])
    for n in range(23):
        invite(
            meeting,
            MembershipFactory(
                group=world.objects["group"], person__full_name=f"Quiet Person {n:02}"
            ).person,
        )
    for n in range(4):
        invite(
            meeting,
            MembershipFactory(
                group=world.objects["group"], person__full_name=f"Coming Person {n}"
            ).person,
            rsvp="attending",
        )
    invite(
        meeting,
        MembershipFactory(group=world.objects["group"], person__full_name="Away Person").person,
        rsvp="apologies",
    )

    response = login(world.user("coordinator")).get(
        reverse("meeting-detail", kwargs={"pk": meeting.pk})
    )
    page = _plain(response)

    assert "Invited 28 Coming 4 Sent apologies 1 No reply yet 23" in page
    assert "Quiet Person 19" in page and "Quiet Person 20" not in page
    assert "Coming Person" not in page and "Away Person" not in page
    assert "These are the first 20 of the 23 who have not replied, by name." in page
    assert reverse("meeting-invitations", kwargs={"pk": meeting.pk}) in response.content.decode()


def test_the_invitations_page_lists_everyone_fifty_a_page(world, login):
    meeting = make_meeting(world.objects["group"])
    for n in range(55):
        invite(
            meeting,
            MembershipFactory(
                group=world.objects["group"], person__full_name=f"Invited Person {n:02}"
            ).person,
            rsvp="attending",
        )
    client = login(world.user("coordinator"))
    url = reverse("meeting-invitations", kwargs={"pk": meeting.pk})

    first, second = _plain(client.get(url)), _plain(client.get(f"{url}?page=2"))

    assert "Showing 1 to 50 of 55 people invited, by name." in first
    assert "Invited Person 49" in first and "Invited Person 50" not in first
    assert "Showing 51 to 55 of 55" in second and "Invited Person 54" in second
    # Not a number, or past the end: the first or the last page, never an error.
    assert "Showing 1 to 50 of 55" in _plain(client.get(f"{url}?page=next"))
    assert "Showing 51 to 55 of 55" in _plain(client.get(f"{url}?page=9"))
    assert login(world.user("member")).get(url).status_code == 403


def test_the_invitations_page_has_flat_queries(world, login, assert_flat_queries):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    url = reverse("meeting-invitations", kwargs={"pk": meeting.pk})

    def grow(n):
        for _ in range(n * 6):
            invite(
                meeting, MembershipFactory(group=world.objects["group"]).person, rsvp="attending"
            )

    assert_flat_queries(lambda: client.get(f"{url}?page=2"), grow=grow)
