"""Demo board meetings and debriefs (all fictional).

For each body of a demo organisation with representatives: a board meeting
three weeks ago whose debrief is written and published (so its points are
"you said" items with the board's answers as draft responses, and the report
back is on the group's next agenda), and one in four weeks' time.

Idempotent: board meetings are matched by body and title."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from involvement.demo.accounts import ORGANISATIONS
from involvement.models import DecisionMakingBody

from .models import Debrief, Meeting
from .seats import seats_for_debrief
from .services.debriefs import FollowUpIn, PointIn, debrief_publish, debrief_save
from .services.meetings import local_datetime

POINTS = [
    PointIn(
        "Members asked for evening clinics for people who work during the day.",
        "The board will cost two evening clinics a month and report back in the spring.",
    ),
    PointIn(
        "Letters about appointments should come in large print when asked for.",
        "Agreed: the booking system will record the preference from next month.",
    ),
]


def _board_meeting(body: DecisionMakingBody, day: datetime.date, title: str) -> Meeting:
    existing = Meeting.objects.filter(body=body, title=title).first()
    if existing:
        return existing
    starts = local_datetime(day, datetime.time(10, 0))
    return Meeting.objects.create(
        organisation=body.organisation,
        body=body,
        kind=Meeting.Kind.BOARD,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


@transaction.atomic
def seed(stdout=None) -> int:
    slugs = [slug for slug, *_ in ORGANISATIONS]
    today = timezone.localdate()
    count = 0
    for body in DecisionMakingBody.objects.filter(organisation__slug__in=slugs):
        past = _board_meeting(body, today - datetime.timedelta(days=21), f"{body.name}: meeting")
        _board_meeting(body, today + datetime.timedelta(days=28), f"{body.name}: next meeting")
        seat = seats_for_debrief(past).first()
        if seat is None or Debrief.objects.filter(meeting=past).exists():
            continue
        debrief = debrief_save(
            meeting=past,
            representative=seat.membership.person,
            discussed="The board looked at the new foot care pathway and this year's budget.",
            decisions="The foot care pathway starts in June.",
            points=POINTS,
            follow_ups=[
                FollowUpIn(
                    "Send the group the pathway leaflet in draft",
                    "Board secretary",
                    today + datetime.timedelta(days=14),
                )
            ],
            support_notes="Found the finance papers hard going; a pre-meeting would help.",
        )
        debrief_publish(debrief=debrief)
        count += 1
    if stdout:
        stdout.write(f"meetings: board meetings for demo bodies, {count} debriefs published")
    return count
