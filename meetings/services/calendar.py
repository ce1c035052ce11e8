"""Calendar feeds (RFC 5545) for a person and for a group, and the secret
address a calendar app subscribes to."""

from __future__ import annotations

import secrets
from datetime import UTC, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from involvement.models import Person

from ..models import CalendarToken, Meeting

PRODID = "-//Involve//Meetings//EN"


def uid_for(meeting: Meeting) -> str:
    """Stable for the life of the meeting, whatever changes about it."""
    return f"meeting-{meeting.pk}@involve"


@transaction.atomic
def calendar_token_for(*, person: Person) -> CalendarToken:
    token = CalendarToken.objects.filter(person=person).first()
    if token is None:
        token = CalendarToken(person=person, token=secrets.token_urlsafe(32))
        token.save()
    return token


@transaction.atomic
def calendar_token_regenerate(*, person: Person) -> CalendarToken:
    """A new secret address; the old one stops working at once."""
    token, _ = CalendarToken.objects.get_or_create(
        person=person, defaults={"token": secrets.token_urlsafe(32)}
    )
    token.token = secrets.token_urlsafe(32)
    token.save()
    return token


def build_calendar(meetings, *, name: str, site_url: str = "") -> bytes:
    """An iCalendar document with one VEVENT per meeting (times in UTC)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    stamp = timezone.now().replace(microsecond=0)
    for meeting in meetings:
        event = Event()
        event.add("uid", uid_for(meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.ends_at.astimezone(UTC))
        event.add("sequence", meeting.sequence)
        cancelled = meeting.status == Meeting.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("summary", f"Cancelled: {meeting.title}" if cancelled else meeting.title)
        description = []
        if cancelled and meeting.cancelled_reason:
            description.append(f"Cancelled: {meeting.cancelled_reason}")
        if meeting.venue_id:
            venue = meeting.venue
            location = ", ".join(
                part for part in [venue.name, *venue.address.splitlines(), venue.postcode] if part
            )
            event.add("location", location)
        elif meeting.video_link:
            event.add("location", "Online")
        if meeting.video_link:
            description.append(f"Join by video: {meeting.video_link}")
            event.add("url", meeting.video_link)
        elif site_url:
            event.add("url", site_url + reverse("meeting-detail", kwargs={"pk": meeting.pk}))
        if description:
            event.add("description", "\n".join(description))
        cal.add_component(event)
    return cal.to_ical()


FEED_WINDOW = timedelta(days=365)


def feed_meetings_for_person(person: Person):
    """Meetings the person is invited to, and those of the groups they are an
    active member of (before invitations go out), from a year ago on."""
    since = timezone.now() - FEED_WINDOW
    ids = Meeting.objects.filter(
        Q(invitations__person=person)
        | Q(group__memberships__person=person, group__memberships__status="active"),
        starts_at__gte=since,
    ).values("id")
    return Meeting.objects.filter(id__in=ids).select_related("venue").order_by("starts_at")


def feed_meetings_for_group(group):
    since = timezone.now() - FEED_WINDOW
    return (
        Meeting.objects.filter(group=group, starts_at__gte=since)
        .select_related("venue")
        .order_by("starts_at")
    )
