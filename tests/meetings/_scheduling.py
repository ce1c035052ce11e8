"""Helpers the meetings tests share (not a test module)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from meetings.models import Invitation, Meeting, Venue

LONDON = ZoneInfo("Europe/London")


def make_venue(organisation, name="Testshire Community Hall"):
    venue, _ = Venue.objects.get_or_create(
        organisation=organisation,
        name=name,
        defaults={"address": "1 Test Street\nTestford", "postcode": "TE1 1ST", "step_free": True},
    )
    return venue


def make_meeting(group, *, days=14, hours=2, venue=None, title=None, at=None, **extra):
    """A meeting straight into the database (no service rules), `days` from now."""
    starts = at or (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    return Meeting.objects.create(
        organisation_id=group.organisation_id,
        group=group,
        title=title or f"{group.name}: meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        venue=venue or make_venue(group.organisation),
        **extra,
    )


def invite(meeting, person, **extra):
    return Invitation.objects.create(meeting=meeting, person=person, **extra)


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=LONDON)


def next_year() -> int:
    return timezone.localdate().year + 1


def edit_form_data(client, meeting) -> dict:
    """What the meeting's edit form posts back unchanged (its initial values,
    the date in its three boxes), for a test to change one thing in."""
    from django.urls import reverse

    url = reverse("meeting-edit", args=[meeting.pk])
    data = {
        key: value
        for key, value in client.get(url).context["form"].initial.items()
        if value is not None
    }
    day = data.pop("date")
    return data | {
        "date_0": day.day,
        "date_1": day.month,
        "date_2": day.year,
        "venue": meeting.venue_id,
    }
