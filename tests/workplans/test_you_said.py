""" "You said, we did" services and selectors: the reason rule, the history,
revisits and reminders on a frozen calendar, members hearing back once per
answer, checking members' points, the settings, and the figures."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Notification
from involvement.services.outbox import letters_waiting
from meetings.models import AgendaItem, Invitation, Meeting
from tests.factories import MembershipFactory, PersonFactory
from workplans import permissions
from workplans.models import FeedbackItem, FeedbackResponse
from workplans.selectors import feedback as selectors
from workplans.services import agenda as agenda_services
from workplans.services import feedback as services

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Everything on a fixed calendar: the point is made on Tuesday 3 March 2026.
SAID = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)


def at(moment: datetime.datetime):
    return time_machine.travel(moment, tick=False)


def days_after(days: int, hour: int = 10) -> datetime.datetime:
    return (SAID + datetime.timedelta(days=days)).replace(hour=hour)


def group_meeting(group, start: datetime.datetime, title="Group meeting") -> Meeting:
    return Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def point(world, **kwargs) -> FeedbackItem:
    defaults = {
        "group": world.objects["group"],
        "text": "Eye screening letters are hard to read.",
        "source": "event",
        "said_on": timezone.localdate(),
        "owner": world.user("coordinator"),
    }
    return services.feedback_record(**{**defaults, **kwargs})


def answer(item, status, text="Something happened.", reason="", by=None):
    draft = services.response_draft(
        item=item, status=status, what_happened=text, reason=reason, written_by=by
    )
    return services.response_publish(
        response=draft, what_happened=draft.what_happened, reason=draft.reason, published_by=by
    )


# --- the reason rule ----------------------------------------------------------


@pytest.mark.parametrize("status", ["partly", "not_possible"])
def test_partly_done_and_not_possible_are_refused_without_a_reason(world, status):
    item = point(world)
    with pytest.raises(ValidationError) as refused:
        services.response_draft(item=item, status=status, what_happened="We looked.", reason=" ")
    assert "reason" in refused.value.message_dict
    assert "reason" in refused.value.message_dict["reason"][0].lower()
    assert not FeedbackResponse.objects.exists()
    draft = services.response_draft(
        item=item, status=status, what_happened="We looked.", reason="No money this year."
    )
    assert draft.reason == "No money this year." and not draft.is_published


def test_the_database_refuses_a_not_possible_answer_without_a_reason(world):
    from django.db import IntegrityError

    item = point(world)
    with pytest.raises(IntegrityError):
        FeedbackResponse.objects.create(item=item, status="not_possible", what_happened="No.")


def test_publishing_refuses_wording_that_drops_the_reason(world):
    item = point(world)
    draft = services.response_draft(
        item=item, status="not_possible", what_happened="No.", reason="National rules."
    )
    with pytest.raises(ValidationError, match="reason"):
        services.response_publish(response=draft, what_happened="No.", reason="")
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_done_answer_keeps_no_reason(world):
    item = point(world)
    draft = services.response_draft(
        item=item, status="done", what_happened="Rewritten.", reason="left over"
    )
    assert draft.reason == ""


# --- history ------------------------------------------------------------------


def test_answers_are_kept_as_a_dated_history_and_set_the_items_status(world):
    with at(days_after(0)):
        item = point(world)
    with at(days_after(10)):
        answer(item, "received", "Passed to the screening team.")
    with at(days_after(20)):
        answer(item, "looking", "The team is redrafting the letter.")
    with at(days_after(50)):
        answer(item, "not_possible", "The letter is national.", reason="NHS England sets it.")
        services.response_draft(item=point(world), status="done", what_happened="x")
    item.refresh_from_db()
    assert item.status == "not_possible" and item.is_closed
    assert timezone.localtime(item.first_response_at).date() == days_after(10).date()
    assert timezone.localtime(item.answered_at).date() == days_after(20).date()
    assert timezone.localtime(item.closed_at).date() == days_after(50).date()
    timeline = selectors.feedback_timeline(item=item)
    assert [entry.kind for entry in timeline] == ["said", "response", "response", "response"]
    assert [entry.title for entry in timeline[1:]] == [
        "Received",
        "Being looked at",
        "Not possible",
    ]
    assert timeline[-1].response.reason == "NHS England sets it."


def test_a_closed_point_takes_no_more_answers_and_a_published_one_stays(world):
    item = point(world)
    published = answer(item, "done", "Done.")
    item.refresh_from_db()
    with pytest.raises(ApplicationError, match="done already"):
        services.response_draft(item=item, status="looking", what_happened="More.")
    with pytest.raises(ApplicationError, match="published already"):
        services.response_publish(response=published, what_happened="Changed.")
    with pytest.raises(ApplicationError, match="cannot be removed"):
        services.response_discard(response=published)


def test_drafts_are_rewritten_not_added_and_only_shown_to_those_who_answer(world):
    item = point(world)
    services.response_draft(item=item, status="looking", what_happened="First go.")
    services.response_draft(item=item, status="looking", what_happened="Second go.")
    assert FeedbackResponse.objects.get().what_happened == "Second go."
    assert [e.kind for e in selectors.feedback_timeline(item=item)] == ["said"]
    assert [e.kind for e in selectors.feedback_timeline(item=item, drafts=True)] == [
        "said",
        "draft",
    ]
    assert permissions.can_see_feedback_drafts(world.user("coordinator"), item)
    assert not permissions.can_see_feedback_drafts(world.user("member"), item)


# --- due dates, revisits and reminders on a frozen calendar ---------------------


def test_the_due_date_comes_from_the_organisations_setting(world):
    with at(days_after(0)):
        assert point(world).due_on == datetime.date(2026, 4, 28)  # eight weeks
        services.feedback_settings_save(
            organisation=world.organisation, answer_within_weeks=4, stale_after_weeks=3
        )
        assert point(world).due_on == datetime.date(2026, 3, 31)


def test_an_unanswered_point_comes_back_on_the_next_agenda_after_its_due_date(world):
    group = world.objects["group"]
    with at(days_after(0)):
        late = point(world, text="Clinic phones are never answered.")
        answered = point(world, text="Buses do not reach the clinic.")
        group_meeting(group, days_after(-30), title="Last meeting")
    before_due = group_meeting(group, days_after(50), title="Before the due date")
    after_due = group_meeting(group, days_after(63), title="After the due date")
    with at(days_after(45)):
        answer(answered, "done", "A bus now stops at the door.")
        agenda = agenda_services.agenda_fill_you_said(meeting=before_due)
        assert "Buses do not reach the clinic." in agenda.description
        assert "A bus now stops at the door." in agenda.description
        assert "Clinic phones" not in agenda.description
    with at(days_after(60)):  # the due date (28 April) has passed
        assert late in selectors.revisit_due(group=group)
        agenda = agenda_services.agenda_fill_you_said(meeting=after_due)
    assert agenda.kind == AgendaItem.Kind.YOU_SAID_WE_DID
    due_part = agenda.description.split("TO COME BACK TO")[1]
    assert "Clinic phones are never answered." in due_part and "due 28 April 2026" in due_part
    assert list(agenda.feedback_revisits.all()) == [late]
    assert [e.kind for e in selectors.feedback_timeline(item=late)] == ["said", "revisit"]


def test_filling_in_again_rewrites_but_leaves_the_coordinators_own_words(world):
    group = world.objects["group"]
    meeting = group_meeting(group, timezone.now() + datetime.timedelta(days=5))
    first = agenda_services.agenda_fill_you_said(meeting=meeting)
    again = agenda_services.agenda_fill_you_said(meeting=meeting)
    assert first.pk == again.pk
    assert meeting.agenda_items.filter(kind="you_said_we_did").count() == 1
    AgendaItem.objects.filter(pk=first.pk).update(description="We will talk about buses.")
    agenda_services.agenda_fill_you_said(meeting=meeting)
    first.refresh_from_db()
    assert first.description == "We will talk about buses."


def test_a_point_being_looked_at_with_no_news_comes_back(world):
    group = world.objects["group"]
    with at(days_after(0)):
        item = point(world)
    with at(days_after(7)):
        answer(item, "looking", "The team is looking at it.")
    with at(days_after(7 + 6 * 7 - 1)):
        assert item not in selectors.revisit_due(group=group)
    with at(days_after(7 + 6 * 7 + 1)):
        assert item in selectors.revisit_due(group=group)
        panel = selectors.feedback_needing_attention(organisation_ids={world.organisation.pk})
        assert panel.stale_count == 1 and panel.overdue_count == 0


def test_owners_are_reminded_once_per_reminder_however_often_the_task_runs(world):
    owner = world.user("admin_support")
    with at(days_after(0)):
        item = point(world, owner=owner)
    with at(days_after(50)):  # due 28 April: a week to go
        assert services.owner_reminders_send() == 1
        assert services.owner_reminders_send() == 0
    with at(days_after(57)):  # the due date passes
        assert services.owner_reminders_send() == 1
        assert services.owner_reminders_send() == 0
    with at(days_after(70)):  # two weeks late: not yet four weeks on
        assert services.owner_reminders_send() == 0
    with at(days_after(57 + 28)):
        assert services.owner_reminders_send() == 1
    sent = Notification.objects.filter(recipient__user=owner).order_by("created_at")
    assert sent.count() == 3
    assert "Overdue" in sent.last().subject and item.text in sent.last().body_text
    with at(days_after(90)):
        answer(item, "done", "Fixed.")
        assert services.owner_reminders_send() == 0


# --- members hear back ----------------------------------------------------------


def test_members_who_came_hear_once_per_answer_in_their_own_channel(
    world, django_capture_on_commit_callbacks
):
    group = world.objects["group"]
    meeting = group_meeting(group, timezone.now() - datetime.timedelta(days=3))
    came = world.objects["person"]  # email
    by_post = PersonFactory(
        contact_channel="post", address_line_1="1 Fell Road", town="Fellside", postcode="FE1 1AA"
    )
    MembershipFactory(person=by_post, group=group)
    stayed_away = MembershipFactory(group=group).person
    for person, attended in ((came, True), (by_post, True), (stayed_away, False)):
        Invitation.objects.create(meeting=meeting, person=person, attended=attended)
    item = services.feedback_capture(meeting=meeting, text="Letters are late.")
    with django_capture_on_commit_callbacks(execute=True):
        published = answer(item, "not_possible", "We asked.", reason="A national contract.")
    sent = Notification.objects.filter(idempotency_key__startswith="workplans:feedback-response:")
    assert {n.recipient for n in sent} == {came, by_post}
    assert "A national contract." in sent.get(recipient=came).body_text
    letter = sent.get(recipient=by_post)
    assert letter.channel == "post" and letter in letters_waiting(organisation=world.organisation)
    # The task runs again, and the periodic sweep too: nobody hears twice.
    assert services.response_tell_members(response_id=published.pk) == 0
    assert services.responses_tell_due() == 0
    assert sent.count() == 2
    published.refresh_from_db()
    assert published.members_told_at is not None


def test_the_sweep_tells_members_when_the_queued_task_was_missed(world):
    person = world.objects["person"]
    item = services.feedback_raise(person=person, group=world.objects["group"], text="Parking.")
    services.feedback_accept(item=item, text="Parking is hard.")
    answer(item, "looking", "We asked the hospital.")  # no on-commit run here
    assert services.responses_tell_due() == 1
    assert services.responses_tell_due() == 0
    message = Notification.objects.get(
        recipient=person, idempotency_key__startswith="workplans:feedback-response:"
    )
    assert "You told" in message.body_text and "We asked the hospital." in message.body_text


# --- members' points between meetings ---------------------------------------------


def test_a_members_point_waits_for_the_coordinator_before_the_group_sees_it(world):
    group = world.objects["group"]
    person = world.objects["person"]
    other_member = MembershipFactory(group=group).person
    from tests.factories import UserFactory

    other_member.user = UserFactory()
    other_member.save()
    item = services.feedback_raise(person=person, group=group, text="Clinic chairs are too low.")
    assert item.moderation == "waiting" and item.due_on is None
    assert item in permissions.feedback_visible_to(world.user("member"))
    assert item not in permissions.feedback_visible_to(other_member.user)
    assert item not in permissions.feedback_visible_to(world.user("commissioner"))
    assert item in permissions.feedback_visible_to(world.user("coordinator"))
    with pytest.raises(ApplicationError, match="Check this point"):
        services.response_draft(item=item, status="looking", what_happened="x")
    services.feedback_accept(item=item, text="Clinic chairs are too low for some people.")
    assert item in permissions.feedback_visible_to(other_member.user)
    with pytest.raises(ApplicationError, match="checked already"):
        services.feedback_decline(item=item, reason="x")


def test_declining_needs_a_reason_and_tells_the_member(world):
    person = world.objects["person"]
    item = services.feedback_raise(person=person, group=world.objects["group"], text="My GP...")
    with pytest.raises(ValidationError, match="Say why"):
        services.feedback_decline(item=item, reason="")
    services.feedback_decline(item=item, reason="It is about your own care: call your GP.")
    message = Notification.objects.get(
        recipient=person, idempotency_key=f"workplans:feedback-declined:{item.pk}"
    )
    assert "call your GP" in message.body_text


def test_only_members_of_the_group_can_send_it_a_point(world):
    with pytest.raises(ApplicationError, match="Only members"):
        services.feedback_raise(person=PersonFactory(), group=world.objects["group"], text="Hello.")


def test_links_must_be_the_groups_own(world):
    from tests.factories import UserFactory

    with pytest.raises(ValidationError) as refused:
        point(world, owner=UserFactory(), body=world.objects["other_body"])
    assert set(refused.value.message_dict) == {"owner", "body"}


def test_the_debrief_hook_keeps_a_point_bound_for_the_body(world):
    body = world.objects["body"]
    item = services.feedback_from_debrief(
        group=world.objects["group"],
        body=body,
        text="The board wants members' views on foot checks.",
        held_on=timezone.localdate(),
    )
    assert item.source == "debrief" and item.body == body and body.name in item.source_detail


# --- the public board only shows what was approved for it -------------------------


def test_nothing_goes_on_the_board_without_approved_public_wording(world):
    item = point(world)
    with pytest.raises(ValidationError, match="wording"):
        services.feedback_set_public(item=item, on_board=True, public_text="  ")
    services.feedback_set_public(item=item, on_board=True, public_text="Letters are unclear.")
    assert list(selectors.board_items(group=item.group)) == [item]


# --- figures for the evaluation ------------------------------------------------------


def test_figures_by_status_theme_time_to_answer_and_to_resolution(world):
    group = world.objects["group"]
    with at(days_after(0)):
        quick, slow, never, fine = (point(world, text=f"Point {n}") for n in range(4))
    with at(days_after(10)):
        answer(quick, "done", "Done.")
    with at(days_after(30)):
        answer(fine, "looking", "Looking.")
    with at(days_after(70)):  # after the due date of 28 April
        answer(slow, "not_possible", "No.", reason="No money.")
    with at(days_after(80)):
        figures = selectors.feedback_figures(groups=type(group).objects.filter(pk=group.pk))
    assert figures.total == 4
    assert figures.by_status == {
        "received": 1,
        "looking": 1,
        "done": 1,
        "partly": 0,
        "not_possible": 1,
    }
    assert figures.by_theme == {"No theme": 4}
    assert (figures.answered_in_time, figures.answered_late) == (2, 1)
    assert figures.not_answered_yet_overdue == 1
    assert figures.share_answered_in_time == pytest.approx(0.5)
    assert figures.median_days_to_first_response == 30  # 10, 30, 70
    assert figures.median_days_to_resolution == 40  # 10 and 70
    assert never.answered_at is None


def test_the_feedback_summary_before_the_next_meeting_includes_the_new_answers(world):
    from meetings.services.summary import summary_text

    group = world.objects["group"]
    with at(days_after(0)):
        earlier = point(world, text="Earlier point.")
        answer(earlier, "looking", "Answered before the meeting.")
        meeting = group_meeting(group, days_after(1), title="March meeting")
    with at(days_after(10)):
        answer(earlier, "not_possible", "Answered after the meeting.", reason="National rules.")
        text = summary_text(meeting=meeting)
    section = text.split("YOU SAID, WE DID: NEWS SINCE THE MEETING")[1]
    assert "You said: Earlier point." in section
    assert "Not possible: Answered after the meeting. Why: National rules." in section
    assert "Answered before the meeting." not in text
