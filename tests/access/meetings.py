"""Meetings: scheduling, agenda, papers, invitations, attendance, calendars.

Coordinators and admin support of the organisation run its meetings; members
see their own group's meetings and their own invitation; other staff of the
organisation (panel members, commissioners, finance, organisation admins) see
no meeting (404) and are refused the management pages (403); another
organisation's meeting is a 404."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import AgendaItem, Invitation, Meeting, Paper, Venue
from meetings.services.calendar import calendar_token_for

from .rules import PUBLIC, SIGNED_IN, Page, expect

RUNS_MEETINGS = expect(
    403, anonymous=302, coordinator=200, admin_support=200, platform_admin=200, other_org=200
)
SEES_MEETING = expect(
    404, anonymous=302, member=200, coordinator=200, admin_support=200, platform_admin=200
)
MANAGES_MEETING = expect(
    404,
    anonymous=302,
    member=403,
    coordinator=200,
    admin_support=200,
    platform_admin=200,
)
SCHEDULES_GROUP = expect(
    403,
    anonymous=302,
    coordinator=200,
    admin_support=200,
    platform_admin=200,
    other_org=404,
)
POST_ONLY = expect(405, anonymous=302)


def venue(w):
    found, _ = Venue.objects.get_or_create(
        organisation=w.organisation,
        name="Testshire Community Hall",
        defaults={"address": "1 Test Street\nTestford", "step_free": True},
    )
    return found


def meeting(w):
    existing = Meeting.objects.filter(group=w.objects["group"]).first()
    if existing:
        return existing
    starts = timezone.now() + timedelta(days=14)
    found = Meeting.objects.create(
        organisation=w.organisation,
        group=w.objects["group"],
        title="Testshire Diabetes Voices: meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=venue(w),
    )
    Invitation.objects.create(meeting=found, person=w.objects["person"])
    return found


def _meeting(w):
    return {"pk": meeting(w).pk}


def _item(w):
    item, _ = AgendaItem.objects.get_or_create(meeting=meeting(w), title="Actions from last time")
    return {"pk": item.pk}


def _paper(w):
    found = Paper.objects.filter(meeting=meeting(w)).first()
    if found is None:
        found = Paper(meeting=meeting(w), title="Briefing", content_type="application/pdf")
        found.file.save("walk.pdf", ContentFile(b"%PDF-1.4 walk"), save=True)
    return {"pk": found.pk}


def _invitation(w):
    return {"pk": Invitation.objects.get(meeting=meeting(w), person=w.objects["person"]).pk}


PAGES = {
    "meeting-list": Page(status=RUNS_MEETINGS),
    "my-meetings": Page(status=SIGNED_IN),
    "meeting-create": Page(status=RUNS_MEETINGS),
    "group-meetings": Page(kwargs=lambda w: {"pk": w.objects["group"].pk}, status=SCHEDULES_GROUP),
    "meeting-detail": Page(kwargs=_meeting, status=SEES_MEETING),
    "meeting-edit": Page(kwargs=_meeting, status=MANAGES_MEETING),
    "meeting-cancel": Page(kwargs=_meeting, status=MANAGES_MEETING),
    "venue-list": Page(status=RUNS_MEETINGS),
    "venue-create": Page(status=RUNS_MEETINGS),
    "venue-edit": Page(
        kwargs=lambda w: {"pk": venue(w).pk},
        status=expect(
            403,
            anonymous=302,
            member=404,
            coordinator=200,
            admin_support=200,
            platform_admin=200,
            other_org=404,
        ),
    ),
    "meeting-agenda": Page(kwargs=_meeting, status=MANAGES_MEETING),
    "meeting-agenda-standing": Page(kwargs=_meeting, status=POST_ONLY),
    "meeting-agenda-pdf": Page(kwargs=_meeting, status=SEES_MEETING),
    "agenda-item-edit": Page(kwargs=_item, status=MANAGES_MEETING),
    "agenda-item-move": Page(kwargs=_item, status=POST_ONLY),
    "agenda-item-delete": Page(kwargs=_item, status=POST_ONLY),
    "meeting-papers": Page(kwargs=_meeting, status=MANAGES_MEETING),
    "meeting-papers-generate": Page(kwargs=_meeting, status=POST_ONLY),
    "meeting-papers-send": Page(kwargs=_meeting, status=POST_ONLY),
    "meeting-paper-download": Page(kwargs=_paper, status=SEES_MEETING),
    "meeting-invite": Page(kwargs=_meeting, status=POST_ONLY),
    # The person replies; staff who run the meeting are sent to the record page.
    "invitation-reply": Page(
        kwargs=_invitation,
        status=expect(
            404, anonymous=302, member=200, coordinator=302, admin_support=302, platform_admin=302
        ),
    ),
    "invitation-record": Page(kwargs=_invitation, status=MANAGES_MEETING),
    "meeting-attendance": Page(kwargs=_meeting, status=MANAGES_MEETING),
    "person-attendance": Page(
        kwargs=lambda w: {"pk": w.objects["person"].pk},
        status=expect(
            404,
            anonymous=302,
            member=200,
            coordinator=200,
            admin_support=200,
            org_admin=403,
            platform_admin=200,
        ),
    ),
    "my-calendar": Page(status=SIGNED_IN),
    "calendar-regenerate": Page(status=POST_ONLY),
    "calendar-feed": Page(
        kwargs=lambda w: {"token": calendar_token_for(person=w.objects["person"]).token},
        status=PUBLIC,
    ),
    "group-calendar-feed": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=expect(
            403,
            anonymous=302,
            member=200,
            coordinator=200,
            admin_support=200,
            platform_admin=200,
            other_org=404,
        ),
    ),
}
