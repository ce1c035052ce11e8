"""The board meetings demo: each demo body with representatives has a past
board meeting with a published debrief (its points "you said" items, its
report back on the group's next agenda) and an upcoming one; idempotent."""

import pytest
from django.utils import timezone

from involvement.demo import seed as seed_core
from involvement.models import DecisionMakingBody
from meetings.demo import seed
from meetings.models import AgendaItem, Debrief, Meeting
from workplans.models import FeedbackItem


@pytest.mark.django_db
def test_each_demo_body_has_a_debriefed_past_board_meeting_and_an_upcoming_one():
    seed_core()
    seed()
    counts = (Meeting.objects.count(), Debrief.objects.count(), FeedbackItem.objects.count())
    seed()
    assert (
        Meeting.objects.count(),
        Debrief.objects.count(),
        FeedbackItem.objects.count(),
    ) == counts

    bodies = DecisionMakingBody.objects.filter(seats__isnull=False).distinct()
    assert bodies.exists()
    now = timezone.now()
    for body in bodies:
        board = Meeting.objects.filter(body=body, kind=Meeting.Kind.BOARD)
        assert board.filter(starts_at__gt=now).exists()
        debrief = Debrief.objects.get(meeting__body=body, meeting__starts_at__lt=now)
        assert debrief.is_published
        assert FeedbackItem.objects.filter(debrief_point__debrief=debrief).count() == 2
        assert debrief.report_back_item is not None
        assert debrief.report_back_item.kind == AgendaItem.Kind.REPRESENTATIVES
