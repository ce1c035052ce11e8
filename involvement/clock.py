"""Times of day as the NHS writes them, in one place for pages, PDFs and
messages: "10am", "10:30am", "2:15pm", "midday", "midnight" (NHS.UK content
style guide), always in London time."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone
from django.utils.dateformat import format as date_format


def _local(value: datetime | time) -> time:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.time()
    return value


def clock(value: datetime | time | None) -> str:
    """The time of day: "10:30am", "9am", "midday", "midnight"."""
    if value is None or value == "":
        return ""
    moment = _local(value)
    if moment.minute == 0 and moment.hour == 12:
        return "midday"
    if moment.minute == 0 and moment.hour == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{moment.minute:02d}{suffix}"


def day_and_clock(value: datetime | None, day_format: str = "j F Y") -> str:
    """A day and a time: "7 December 2026, 10:30am"."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_format(local, day_format)}, {clock(local)}"
