"""When and where the demo groups meet, in one place, so that the meetings,
the messages about them and the role descriptions tell the same story, and
always a current one: dates are counted from today."""

from __future__ import annotations

import datetime

from django.utils import timezone

START = datetime.time(10, 30)
LENGTH = datetime.timedelta(hours=2)
TOWNS = {"fellside": "Fellbridge", "riverbank": "Riverbank"}


def town(slug: str) -> str:
    return TOWNS.get(slug, "Midtown")


def main_venue(slug: str) -> str:
    """The venue where a demo organisation's groups usually meet."""
    return f"{town(slug)} Community Centre"


def first_meeting_day(today: datetime.date | None = None) -> datetime.date:
    """The first of the demo groups' next meetings: the first Tuesday at
    least 12 days from today."""
    first = (today or timezone.localdate()) + datetime.timedelta(days=12)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7)


def pattern_words(slug: str, how_often: str) -> str:
    """A role description's meeting pattern that matches the demo meetings."""
    return (
        f"{how_often}, on Tuesday mornings, 10:30am to 12:30pm, at {main_venue(slug)} "
        "(step-free, with a hearing loop), with the option to join online"
    )
