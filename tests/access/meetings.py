"""Meetings: scheduling, agenda, papers, invitations, attendance, calendars.

Coordinators and admin support of the organisation run its meetings; members
see their own group's meetings and their own invitation; other staff of the
organisation (panel members, commissioners, finance, organisation admins) see
no meeting (404) and are refused the management pages (403); another
organisation's meeting is a 404."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import AgendaItem, Invitation, Meeting, Paper, Venue
from meetings.services.calendar import calendar_token_for
from tests.factories import date_parts

from .rules import (
    PUBLIC,
    SIGNED_IN,
    Page,
    expect,
    fields,
    first_organisation_body,
    redirects,
)

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
    """A meeting of the world's group in two weeks, the world's person invited."""
    if "meeting" in w.objects:
        return w.objects["meeting"]
    # A fixed evening time: a start "now" in two weeks would cross midnight
    # from 22:00, and the edit form (one date, two times) would refuse it.
    starts = (timezone.localtime() + timedelta(days=14)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    found = Meeting.objects.create(
        organisation=w.organisation,
        group=w.objects["group"],
        title="Testshire Diabetes Voices: meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue=venue(w),
    )
    Invitation.objects.create(meeting=found, person=w.objects["person"])
    w.objects["meeting"] = found
    return found


def _meeting(w):
    return {"pk": meeting(w).pk}


def _item(w):
    item, _ = AgendaItem.objects.get_or_create(meeting=meeting(w), title="Actions from last time")
    return {"pk": item.pk}


def _move_down(w):
    """The walk's item has another after it, so it can move down."""
    AgendaItem.objects.get_or_create(
        meeting=meeting(w), title="Any other business", defaults={"position": 99}
    )
    return {"direction": "down"}


def _new_meeting(w):
    return {
        "owner": f"group-{w.objects['group'].pk}",
        "title": "Extra meeting",
        **date_parts("date", timezone.localdate() + timedelta(days=30)),
        "start_time": "18:00",
        "end_time": "20:00",
        "mode": "online",
        "video_link": "https://meet.example.org/walk",
    }


def _paper_upload(w):
    return {
        "title": "Eye screening briefing",
        "file": SimpleUploadedFile("briefing.pdf", b"%PDF-1.4 walk", "application/pdf"),
    }


def _past_invitation(w):
    from .meetings_minutes import minutes_world

    found = minutes_world(w).objects["minutes_meeting"]
    return Invitation.objects.get(meeting=found, person=w.objects["person"])


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
    "meeting-create": Page(
        status=RUNS_MEETINGS,
        form=_new_meeting,
        post_valid=first_organisation_body(redirects(RUNS_MEETINGS)),
    ),
    "group-meetings": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=SCHEDULES_GROUP,
        form=fields(
            start_time="18:00", end_time="20:00", mode="online", video_link="https://x.example"
        ),
    ),
    "meeting-detail": Page(kwargs=_meeting, status=SEES_MEETING),
    "meeting-edit": Page(
        kwargs=_meeting,
        status=MANAGES_MEETING,
        form=lambda w: {
            "title": "Moved a week on",
            **date_parts("date", timezone.localdate() + timedelta(days=21)),
        },
    ),
    "meeting-cancel": Page(
        kwargs=_meeting, status=MANAGES_MEETING, form=fields(reason="The hall is closed.")
    ),
    "venue-list": Page(status=RUNS_MEETINGS),
    "venue-create": Page(
        status=RUNS_MEETINGS,
        form=lambda w: {
            "name": "Testford Library",
            "address": "3 Test Row\nTestford",
            "organisation": w.organisation.pk,
        },
    ),
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
        form=fields(name="Testshire Hall"),
    ),
    "meeting-agenda": Page(
        kwargs=_meeting, status=MANAGES_MEETING, form=fields(title="Eye screening letters")
    ),
    "meeting-agenda-standing": Page(
        kwargs=_meeting, status=POST_ONLY, post=redirects(MANAGES_MEETING)
    ),
    "meeting-agenda-pdf": Page(kwargs=_meeting, status=SEES_MEETING),
    "agenda-item-edit": Page(kwargs=_item, status=MANAGES_MEETING, form=fields(title="Actions")),
    "agenda-item-move": Page(
        kwargs=_item, status=POST_ONLY, post=redirects(MANAGES_MEETING), form=_move_down
    ),
    # A confirmation page; its POST removes the item.
    "agenda-item-delete": Page(
        kwargs=_item, status=MANAGES_MEETING, post=redirects(MANAGES_MEETING)
    ),
    "meeting-papers": Page(kwargs=_meeting, status=MANAGES_MEETING, form=_paper_upload),
    "meeting-papers-generate": Page(
        kwargs=_meeting, status=POST_ONLY, post=redirects(MANAGES_MEETING)
    ),
    "meeting-papers-send": Page(kwargs=_meeting, status=POST_ONLY, post=redirects(MANAGES_MEETING)),
    "meeting-paper-download": Page(kwargs=_paper, status=SEES_MEETING),
    "meeting-invite": Page(kwargs=_meeting, status=POST_ONLY, post=redirects(MANAGES_MEETING)),
    # Everyone invited and their replies, paged: those who run the meeting.
    "meeting-invitations": Page(kwargs=_meeting, status=MANAGES_MEETING),
    # The person replies; staff who run the meeting are sent to the record page.
    "invitation-reply": Page(
        kwargs=_invitation,
        status=expect(
            404, anonymous=302, member=200, coordinator=302, admin_support=302, platform_admin=302
        ),
        form=fields(rsvp="apologies"),
    ),
    "invitation-record": Page(
        kwargs=_invitation, status=MANAGES_MEETING, form=fields(rsvp="apologies", via="phone")
    ),
    # A row's button names the invitation; without one there is nothing to
    # record. Attendance is taken at a meeting that has started: the minutes'.
    "meeting-attendance": Page(
        kwargs=lambda w: {"pk": _past_invitation(w).meeting_id},
        status=MANAGES_MEETING,
        post=redirects(MANAGES_MEETING, ok=404),
        form=lambda w: {"invitation": _past_invitation(w).pk, "attended": "no"},
        post_valid=redirects(MANAGES_MEETING),
    ),
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
    # The page answers a POST as it does a GET.
    "my-calendar": Page(status=SIGNED_IN, post=SIGNED_IN),
    # Only people with a calendar (members) have one to replace.
    "calendar-regenerate": Page(
        status=POST_ONLY, post=expect(404, anonymous=302, member=302, other_member=302)
    ),
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
