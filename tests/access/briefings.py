"""Briefings before board meetings and their packs (issue 12).

Meeting staff (coordinator, admin support) prepare the briefing. The body's
representatives and the members of their groups read it and add points for
the representatives; organisation admins and commissioners read it (the
commissioner without members' names). Finance and recruitment panel members
get 403; another organisation, 404."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.models import Briefing, BriefingPoint, BriefingSummary, Meeting, Paper
from meetings.services.briefing_packs import briefing_pack_build

from .rules import API_SIGNED_IN, Page, expect, fields, redirects

READS_BRIEFING = expect(
    403,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    commissioner=200,
    org_admin=200,
    platform_admin=200,
    other_org=404,
)
PREPARES_BRIEFING = expect(
    403, anonymous=302, coordinator=200, admin_support=200, platform_admin=200, other_org=404
)
ADDS_POINT = expect(
    403,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    platform_admin=200,
    other_org=404,
)


def upcoming_board_meeting(w):
    """The world's body meets in ten days at 18:00; points close in seven."""
    if "briefing_meeting" in w.objects:
        return w.objects["briefing_meeting"]
    day = timezone.localdate() + timedelta(days=10)
    starts = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 18, 0))
    meeting = Meeting.objects.create(
        organisation=w.organisation,
        body=w.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Testshire Diabetes Network Board",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    paper = Paper.objects.create(meeting=meeting, title="Foot care business case")
    briefing = Briefing.objects.create(
        meeting=meeting,
        what_to_expect="The chair asks the representatives to speak after each item.",
        points_close_on=day - timedelta(days=3),
        glossary_terms=["ICB"],
    )
    BriefingSummary.objects.create(
        briefing=briefing, paper=paper, summary="The ICB wants to pay for more foot checks."
    )
    BriefingPoint.objects.create(
        briefing=briefing, person=w.objects["person"], point="Ask about evening clinics."
    )
    briefing_pack_build(briefing_id=briefing.pk)
    w.objects["briefing_meeting"] = meeting
    return meeting


def _meeting(w):
    return {"pk": upcoming_board_meeting(w).pk}


# The board's own papers, from the briefing page: those who prepare the
# briefing and those it is for; commissioners and the other staff who may
# look at the board meeting get 403 (papers can name people).
DOWNLOADS_BOARD_PAPER = expect(
    403,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    platform_admin=200,
    other_org=404,
)


def _board_paper(w):
    meeting = upcoming_board_meeting(w)
    paper = meeting.papers.get()
    if not paper.file:
        paper.content_type = "application/pdf"
        paper.file.save("walk.pdf", ContentFile(b"%PDF-1.4 walk"), save=True)
    return {"pk": meeting.pk, "paper_pk": paper.pk}


PAGES = {
    "meeting-briefing-paper": Page(kwargs=_board_paper, status=DOWNLOADS_BOARD_PAPER),
    "meeting-briefing": Page(kwargs=_meeting, status=READS_BRIEFING),
    "meeting-briefing-edit": Page(
        kwargs=_meeting,
        status=PREPARES_BRIEFING,
        form=fields(what_to_expect="The chair asks each representative to speak."),
    ),
    "meeting-briefing-point": Page(
        kwargs=_meeting,
        status=ADDS_POINT,
        form=fields(point="Ask when the new foot clinic opens."),
    ),
    "meeting-briefing-pack": Page(kwargs=_meeting, status=READS_BRIEFING),
    "meeting-briefing-pack-build": Page(
        kwargs=_meeting, status=expect(405, anonymous=302), post=redirects(PREPARES_BRIEFING)
    ),
    "api-briefing-list": Page(status=API_SIGNED_IN),
    "api-briefing-detail": Page(
        kwargs=lambda w: {"pk": upcoming_board_meeting(w).briefing.pk},
        status=expect(
            404,
            anonymous=401,
            member=200,
            coordinator=200,
            admin_support=200,
            commissioner=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    "meeting-briefing-send": Page(
        kwargs=_meeting, status=expect(405, anonymous=302), post=redirects(PREPARES_BRIEFING)
    ),
}
