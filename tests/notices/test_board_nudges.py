"""Nudges around a board meeting, through the outbox: the last day for points
close (to the representatives' groups), the briefing pack ready (to the
representatives, once per version of the pack), the debrief due 2 and 7 days
after (to the representatives and coordinators). Each once however often the
task runs, and each looked at again when it goes. Time is frozen throughout."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import notification_send
from meetings.models import Briefing, Debrief, Meeting
from meetings.services.board_nudges import board_nudges_queue
from meetings.services.meetings import meeting_cancel
from meetings.tasks import send_board_nudges
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
STARTS = datetime(2027, 3, 17, 18, 0, tzinfo=LONDON)
CUT_OFF = date(2027, 3, 14)
Status = Notification.Status


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def keys(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("idempotency_key", flat=True))


@pytest.fixture
def board(world):
    seat = world.objects["seat"]
    seat.term_start = date(2026, 1, 1)
    seat.save(update_fields=["term_start"])
    with at(datetime(2027, 2, 1, 10, 0, tzinfo=LONDON)):
        meeting = Meeting.objects.create(
            organisation=world.organisation,
            body=world.objects["body"],
            kind=Meeting.Kind.BOARD,
            title="Network Board",
            starts_at=STARTS,
            ends_at=STARTS + timedelta(hours=2),
        )
        Briefing.objects.create(meeting=meeting, points_close_on=CUT_OFF)
    return meeting


@pytest.fixture
def other_member(world):
    return MembershipFactory(group=world.objects["group"], status="active").person


def test_points_closing_goes_to_the_groups_members_once_three_days_before(
    world, board, other_member
):
    rep = world.objects["person"]
    with at(datetime(2027, 3, 10, 9, 0, tzinfo=LONDON)):
        board_nudges_queue()
    assert keys("briefing_points_closing") == []
    with at(datetime(2027, 3, 11, 9, 0, tzinfo=LONDON)):
        assert board_nudges_queue() == 2
        send_board_nudges.apply()  # the beat firing twice
    about = f"briefing:{board.briefing.pk}:points:2027-03-14"
    assert keys("briefing_points_closing") == sorted(
        [f"{about}:person:{rep.pk}", f"{about}:person:{other_member.pk}"]
    )
    with at(datetime(2027, 3, 12, 9, 0, tzinfo=LONDON)):
        board_nudges_queue()
        message = Notification.objects.get(recipient=other_member)
        sent = notification_send(notification_id=message.pk)
    assert sent.status == Status.SENT
    assert "The last day to add a point you want them to raise is in 2 days" in sent.body_text
    assert f"/meetings/{board.pk}/briefing/points/new/" in sent.body_text
    assert sent.body_text.count("http") >= 1
    assert len(keys("briefing_points_closing")) == 2


def test_a_moved_cut_off_stops_the_old_nudge_and_the_new_day_gets_its_own(world, board):
    with at(datetime(2027, 3, 11, 9, 0, tzinfo=LONDON)):
        board_nudges_queue()
    old = Notification.objects.get(kind="briefing_points_closing")
    Briefing.objects.filter(pk=board.briefing.pk).update(points_close_on=date(2027, 3, 16))
    with at(datetime(2027, 3, 11, 10, 0, tzinfo=LONDON)):
        notification_send(notification_id=old.pk)
        old.refresh_from_db()
        assert old.status == Status.CANCELLED
        assert "last day for points changed" in old.cancelled_reason
    with at(datetime(2027, 3, 13, 9, 0, tzinfo=LONDON)):
        assert board_nudges_queue() == 1
    assert any(":points:2027-03-16:" in key for key in keys("briefing_points_closing"))


def test_a_cancelled_meeting_stops_the_points_nudge(world, board):
    with at(datetime(2027, 3, 11, 9, 0, tzinfo=LONDON)):
        board_nudges_queue()
        meeting_cancel(meeting=board, reason="The board will not meet this month.")
        message = Notification.objects.get(kind="briefing_points_closing")
        notification_send(notification_id=message.pk)
        message.refresh_from_db()
        assert message.status == Status.CANCELLED
        assert message.cancelled_reason == "The board meeting was cancelled."
        assert board_nudges_queue() == 0


def _pack_ready(briefing: Briefing, version: str, built: datetime):
    Briefing.objects.filter(pk=briefing.pk).update(
        pack_state=Briefing.PackState.READY, pack_inputs=version * 64, pack_built_at=built
    )


def test_pack_ready_goes_to_the_representatives_once_per_version(world, board, other_member):
    rep = world.objects["person"]
    built = datetime(2027, 3, 8, 9, 0, tzinfo=LONDON)
    _pack_ready(board.briefing, "a", built)
    with at(built + timedelta(minutes=10)):  # still settling: a point may come in
        assert board_nudges_queue() == 0
    with at(built + timedelta(hours=1)):
        assert board_nudges_queue() == 1
        assert board_nudges_queue() == 0
    first = Notification.objects.get(kind="briefing_pack_ready")
    assert first.recipient == rep  # the representative only, not every member
    assert first.idempotency_key == f"briefing:{board.briefing.pk}:pack:{'a' * 16}:person:{rep.pk}"

    # The pack is made again after a change before the first message went:
    # the old one is cancelled when it would go, the new version told once.
    _pack_ready(board.briefing, "b", built + timedelta(hours=2))
    with at(built + timedelta(hours=3)):
        assert board_nudges_queue() == 1
        notification_send(notification_id=first.pk)
        first.refresh_from_db()
        assert first.status == Status.CANCELLED
        assert "new pack" in first.cancelled_reason
        second = Notification.objects.get(kind="briefing_pack_ready", status=Status.PENDING)
        sent = notification_send(notification_id=second.pk)
    assert sent.status == Status.SENT
    assert f"/meetings/{board.pk}/briefing/pack/" in sent.body_text


def test_pack_ready_is_not_sent_when_the_coordinator_sent_that_pack_already(world, board):
    from involvement.services.outbox import notification_queue

    rep = world.objects["person"]
    built = datetime(2027, 3, 8, 9, 0, tzinfo=LONDON)
    _pack_ready(board.briefing, "a", built)
    with at(built + timedelta(hours=1)):
        board_nudges_queue()
        notification_queue(
            recipient=rep,
            organisation=world.organisation,
            subject="Your briefing",
            body_text="Here it is.",
            idempotency_key=f"meetings:briefing-pack:{board.briefing.pk}:{rep.pk}:{'a' * 16}",
            kind="briefing_pack",
        )
        nudge = Notification.objects.get(kind="briefing_pack_ready")
        notification_send(notification_id=nudge.pk)
        nudge.refresh_from_db()
    assert nudge.status == Status.CANCELLED
    assert "sent this pack" in nudge.cancelled_reason


def test_debrief_due_two_and_seven_days_after_to_reps_and_coordinators(world, board):
    rep = world.objects["person"]
    coordinator = world.user("coordinator")
    with at(STARTS + timedelta(days=1, hours=23)):
        assert board_nudges_queue() == 0
    with at(STARTS + timedelta(days=2, minutes=1)):
        assert board_nudges_queue() == 2
        send_board_nudges.apply()
    recipients = {n.recipient for n in Notification.objects.filter(kind="debrief_due")}
    assert rep in recipients
    assert any(person.user_id == coordinator.pk for person in recipients)
    with at(STARTS + timedelta(days=3)):
        message = Notification.objects.filter(kind="debrief_due", recipient=rep).get()
        sent = notification_send(notification_id=message.pk)
    assert sent.status == Status.SENT
    assert "met 2 days ago" in sent.body_text
    assert f"/meetings/{board.pk}/debrief/" in sent.body_text
    with at(STARTS + timedelta(days=7, minutes=1)):
        assert board_nudges_queue() == 2
        assert board_nudges_queue() == 0
    assert len(keys("debrief_due")) == 4
    with at(STARTS + timedelta(days=15)):
        assert board_nudges_queue() == 0


def test_a_published_debrief_stops_the_nudge(world, board):
    with at(STARTS + timedelta(days=7, minutes=1)):
        assert board_nudges_queue() == 2  # only the 7-day one for a late first run
        Debrief.objects.create(
            meeting=board,
            representative=world.objects["person"],
            discussed="Foot care.",
            published_at=STARTS + timedelta(days=7),
        )
        for message in Notification.objects.filter(kind="debrief_due"):
            notification_send(notification_id=message.pk)
            message.refresh_from_db()
            assert message.status == Status.CANCELLED
            assert "published" in message.cancelled_reason
    with at(STARTS + timedelta(days=8)):
        assert board_nudges_queue() == 0


def test_a_cancelled_board_meeting_needs_no_debrief(world, board):
    with at(STARTS - timedelta(days=1)):
        meeting_cancel(meeting=board, reason="The board will not meet this month.")
    with at(STARTS + timedelta(days=3)):
        assert board_nudges_queue() == 0


def test_people_can_turn_each_nudge_off_and_the_beat_runs_the_task():
    for code in ("briefing_points_closing", "briefing_pack_ready", "debrief_due"):
        kind = message_kinds.get(code)
        assert kind is not None and kind.optional
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "meetings.send_board_nudges" in tasks
