"""Reads for meeting pages, scoped through meetings.permissions, with the
queries they need fixed in number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from involvement import permissions as core
from involvement.models import Membership
from meetings import permissions

from ..models import AgendaItem, Invitation, Meeting, Paper, Venue

Rsvp = Invitation.Rsvp


def _with_counts(queryset):
    return queryset.annotate(
        invited_count=Count("invitations", distinct=True),
        coming_count=Count(
            "invitations", filter=Q(invitations__rsvp=Rsvp.ATTENDING), distinct=True
        ),
        apologies_count=Count(
            "invitations", filter=Q(invitations__rsvp=Rsvp.APOLOGIES), distinct=True
        ),
    )


def meeting_list_for_staff(*, user, past: bool = False):
    """Meetings of the organisations whose meetings the user runs."""
    now = timezone.now()
    queryset = permissions.meetings_managed_by(user).select_related(
        "organisation", "group", "body", "venue"
    )
    if past:
        queryset = queryset.filter(starts_at__lt=now).order_by("-starts_at")
    else:
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at")
    return _with_counts(queryset)


def group_meetings(*, group):
    return _with_counts(
        Meeting.objects.filter(group=group).select_related("venue").order_by("-starts_at")
    )


def my_meetings(*, user, past: bool = False):
    """Meetings of the user's groups and meetings they are invited to, each with
    their own invitation (or None) as `mine`."""
    person = core.person_of(user)
    if person is None:
        return []
    now = timezone.now()
    own = Invitation.objects.filter(person=person)
    # Two small id lists rather than joins through every membership and
    # invitation of the groups (with a DISTINCT over the lot).
    queryset = (
        Meeting.objects.filter(
            Q(group_id__in=Membership.objects.filter(person=person).values("group_id"))
            | Q(id__in=own.values("meeting_id"))
        )
        .select_related("group", "body", "venue")
        .prefetch_related(Prefetch("invitations", queryset=own, to_attr="own_invitations"))
    )
    if past:
        queryset = queryset.filter(starts_at__lt=now).order_by("-starts_at")
    else:
        queryset = queryset.filter(ends_at__gte=now).order_by("starts_at")
    meetings = list(queryset)
    for meeting in meetings:
        meeting.mine = meeting.own_invitations[0] if meeting.own_invitations else None
    return meetings


def meeting_agenda(*, meeting) -> list[AgendaItem]:
    items = list(meeting.agenda_items.all())
    running = timezone.localtime(meeting.starts_at)
    for item in items:
        item.starts = running
        running = running + timedelta(minutes=item.minutes_allowed)
    return items


# The meeting's page lists at most this many of those who have not replied
# (the ones to chase); the invitations page lists everyone, this many a page.
NO_REPLY_ON_MEETING_PAGE = 20
INVITATIONS_PAGE_SIZE = 50


@dataclass(frozen=True)
class ReplyCounts:
    invited: int
    coming: int
    apologies: int
    no_reply: int
    came: int
    not_came: int


def meeting_reply_counts(*, meeting) -> ReplyCounts:
    """How many are invited, by reply and by attendance: one query."""
    figures = meeting.invitations.order_by().aggregate(
        invited=Count("id"),
        coming=Count("id", filter=Q(rsvp=Rsvp.ATTENDING)),
        apologies=Count("id", filter=Q(rsvp=Rsvp.APOLOGIES)),
        no_reply=Count("id", filter=Q(rsvp=Rsvp.NO_REPLY)),
        came=Count("id", filter=Q(attended=True)),
        not_came=Count("id", filter=Q(attended=False)),
    )
    return ReplyCounts(**figures)


def meeting_invitations(*, meeting) -> QuerySet[Invitation]:
    """Everyone invited, by name, with only what the table shows: slice it, or page it."""
    return (
        meeting.invitations.select_related("person")
        .only("rsvp", "replied_via", "attended", "person", "meeting", "person__full_name")
        .order_by("person__full_name", "pk")
    )


def meeting_invitations_without_reply(*, meeting) -> list[Invitation]:
    """The first of those who have not replied yet, by name."""
    invitations = meeting_invitations(meeting=meeting).filter(rsvp=Rsvp.NO_REPLY)
    return list(invitations[:NO_REPLY_ON_MEETING_PAGE])


def own_invitation(*, meeting, user) -> Invitation | None:
    person = core.person_of(user)
    if person is None:
        return None
    return meeting.invitations.filter(person=person).first()


def meeting_papers(*, meeting) -> list[Paper]:
    return list(meeting.papers.all())


def venues_for(*, user):
    return permissions.venues_visible_to(user).select_related("organisation")


def venues_of(*, organisation_id: int):
    return Venue.objects.filter(organisation_id=organisation_id)
