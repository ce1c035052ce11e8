"""The feedback summary: what was agreed and the actions with progress, sent
to every member once (in their channel), by the coordinator or automatically
before the next meeting."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from involvement.errors import ApplicationError
from involvement.forms.people import PersonForm
from involvement.models import Notification
from meetings.models import Action, FeedbackSummary, MinuteEntry, Minutes
from meetings.services.summary import summaries_send_due, summary_send
from meetings.tasks import send_feedback_summaries
from tests.access.meetings_minutes import make_meeting
from tests.factories import MembershipFactory, PersonFactory, date_parts

pytestmark = pytest.mark.django_db


def _approved(meeting):
    minutes = Minutes.objects.create(
        meeting=meeting,
        status=Minutes.Status.APPROVED,
        corrections_due=timezone.localdate(),
        approved_at=timezone.now(),
    )
    first, second = meeting.agenda_items.all()[:2]
    MinuteEntry.objects.create(
        minutes=minutes, agenda_item=first, said="Clinics close early.", agreed="Ask for evenings."
    )
    MinuteEntry.objects.create(minutes=minutes, agenda_item=second, said="", agreed="")
    return minutes


@pytest.fixture
def meeting(world):
    meeting = make_meeting(world.objects["group"], days_ago=20)
    _approved(meeting)
    Action.objects.create(
        meeting=meeting,
        description="Write to the clinic manager",
        owner_name="Dr Ana Lopez",
        due_on=timezone.localdate(),
        status=Action.Status.IN_PROGRESS,
        progress="Letter drafted",
    )
    return meeting


def _summaries():
    return Notification.objects.filter(idempotency_key__startswith="meetings:feedback-summary:")


def test_the_summary_says_what_was_agreed_and_the_actions_progress(meeting, world):
    summary_send(meeting=meeting)
    body = _summaries().get(recipient=world.objects["person"]).body_text
    assert "Ask for evenings." in body
    assert "Clinics close early." in body
    assert "Write to the clinic manager" in body
    assert "In progress. Letter drafted" in body
    assert "0 of 1 action done" in body
    # An item with nothing written is left out.
    assert "Topic 2" not in body


def test_each_member_gets_it_once_in_their_channel(meeting, world):
    group = world.objects["group"]
    by_post = PersonFactory(
        contact_channel="post",
        large_print=True,
        address_line_1="1 Mill Lane",
        town="Fellbridge",
        postcode="FB1 2AB",
    )
    MembershipFactory(person=by_post, group=group)
    MembershipFactory(group=group, status="left")
    summary_send(meeting=meeting, sent_by=world.user("coordinator"))
    summary_send(meeting=meeting)
    assert _summaries().count() == 2
    letter = _summaries().get(recipient=by_post)
    assert letter.channel == Notification.Channel.POST
    assert letter.large_print
    assert FeedbackSummary.objects.get(meeting=meeting).recipients == 2
    # A member who joins later gets it when it is sent again; nobody else twice.
    MembershipFactory(group=group)
    summary_send(meeting=meeting)
    assert _summaries().count() == 3


def test_the_summary_waits_until_the_draft_has_gone_out(world):
    meeting = make_meeting(world.objects["group"])
    Minutes.objects.create(meeting=meeting)
    with pytest.raises(ApplicationError):
        summary_send(meeting=meeting)


def test_the_task_sends_before_the_next_meeting_once(meeting, world, settings):
    settings.MEETINGS_SUMMARY_DAYS_BEFORE = 5
    make_meeting(world.objects["group"], days_ago=-10, title="Next meeting")
    assert summaries_send_due() == 0  # ten days away: not yet
    make_meeting(world.objects["group"], days_ago=-3, title="Sooner meeting")
    send_feedback_summaries()
    send_feedback_summaries()
    assert _summaries().count() == 1
    assert FeedbackSummary.objects.get(meeting=meeting).next_meeting.title == "Sooner meeting"


def test_coordinator_previews_then_sends(meeting, world, login):
    client = login(world.user("coordinator"))
    url = reverse("meeting-summary", args=[meeting.pk])
    preview = client.get(url)
    assert "Ask for evenings." in preview.content.decode()
    assert not _summaries().exists()
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert _summaries().count() == 1


def test_a_summary_of_draft_minutes_says_they_await_approval(world):
    meeting = make_meeting(world.objects["group"])
    minutes = _approved(meeting)
    minutes.status = Minutes.Status.CIRCULATED
    minutes.save()
    summary_send(meeting=meeting)
    assert "still a draft" in _summaries().get().body_text


def test_the_task_sends_only_the_last_meetings_summary(meeting, world, settings):
    """An older meeting without a summary is not sent when the latest has one."""
    latest = make_meeting(world.objects["group"], days_ago=5, title="Latest")
    _approved(latest)
    summary_send(meeting=latest)
    make_meeting(world.objects["group"], days_ago=-3, title="Next")
    assert summaries_send_due() == 0
    assert not FeedbackSummary.objects.filter(meeting=meeting).exists()


def test_the_summary_names_the_next_meeting_still_to_come(meeting, world):
    make_meeting(world.objects["group"], days_ago=10, title="Already happened")
    make_meeting(world.objects["group"], days_ago=-12, title="Still to come")
    summary_send(meeting=meeting)
    body = _summaries().get().body_text
    assert "The next meeting is Still to come" in body
    assert "Already happened" not in body


def test_other_staff_cannot_read_the_summary(meeting, world, login):
    client = login(world.user("commissioner"))
    assert client.get(reverse("meeting-summary-pdf", args=[meeting.pk])).status_code == 403


def test_members_can_download_the_large_print_pdf(meeting, world, login):
    meeting.minutes.status = Minutes.Status.PUBLISHED
    meeting.minutes.published_at = timezone.now()
    meeting.minutes.save()
    client = login(world.user("member"))
    response = client.get(reverse("meeting-summary-pdf", args=[meeting.pk]) + "?large_print=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


NAME_PAYLOAD = "<img src=x onerror=alert(1)>"
TITLE_PAYLOAD = "<b>Spring</b> meeting"


def test_typed_names_and_titles_are_escaped_in_the_preview_and_kept_as_typed_elsewhere(
    meeting, world, login
):
    """Issue 9, part 2: a member's preferred name, made an action's owner, and a
    staff-typed meeting title came out raw in the summary preview."""
    person = world.objects["person"]
    member = login(world.user("member"))
    profile = PersonForm.initial_for(person) | {"preferred_name": NAME_PAYLOAD}
    profile = {key: value for key, value in profile.items() if value not in (None, False)}
    assert member.post(reverse("my-profile"), profile).status_code == 302
    coordinator = login(world.user("coordinator"))
    action = {
        "description": "Ask about evening clinics",
        "owner_person": person.pk,
        **date_parts("due_on", timezone.localdate()),
    }
    added = coordinator.post(reverse("meeting-action-add", args=[meeting.pk]), action)
    assert added.status_code == 302
    meeting.title = TITLE_PAYLOAD
    meeting.save(update_fields=["title"])

    page = coordinator.get(reverse("meeting-summary", args=[meeting.pk])).content.decode()
    assert NAME_PAYLOAD not in page
    assert TITLE_PAYLOAD not in page
    assert escape(NAME_PAYLOAD) in page
    assert escape(TITLE_PAYLOAD) in page

    summary_send(meeting=meeting)
    body = _summaries().get(recipient=person).body_text
    # Plain text says what was typed, without HTML entities.
    assert f"Dear {NAME_PAYLOAD}," in body
    assert f"({NAME_PAYLOAD}, by" in body
    assert TITLE_PAYLOAD in body
    assert "&lt;" not in body
