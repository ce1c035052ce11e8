"""The read-only API for bodies' board meetings and their published
debriefs (issue 12).

Board meetings: as the body's page and the meeting's page (meeting staff,
and the members invited). Published debriefs: as the briefing before them
(meeting staff, organisation admins, commissioners, the representatives and
their groups); finance and recruitment panel members, 404. Another
organisation, 404; no token, 401."""

from datetime import timedelta

from django.utils import timezone

from meetings.models import Debrief, DebriefFollowUp, DebriefPoint, Invitation, Meeting, Paper

from .rules import API_SIGNED_IN, Page, expect


def reported_board_meeting(w):
    """The world's body met an hour ago (today), the world's member on it and
    invited; its debrief is published."""
    if "reported_board_meeting" in w.objects:
        return w.objects["reported_board_meeting"]
    now = timezone.localtime()
    starts = max(now - timedelta(hours=1), now.replace(hour=0, minute=1))
    meeting = Meeting.objects.create(
        organisation=w.organisation,
        body=w.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Testshire Diabetes Network Board (reported back)",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Paper.objects.create(meeting=meeting, title="Foot care business case")
    Invitation.objects.create(meeting=meeting, person=w.objects["person"])
    debrief = Debrief.objects.create(
        meeting=meeting,
        representative=w.objects["person"],
        decisions="Evening clinics to be piloted.",
        published_at=timezone.now(),
    )
    DebriefPoint.objects.create(
        debrief=debrief, point="Evening clinics for people who work.", answer="Being costed."
    )
    DebriefFollowUp.objects.create(
        debrief=debrief, what="Send the pathway leaflet.", owner="Board secretary"
    )
    w.objects["reported_board_meeting"] = meeting
    return meeting


PAGES = {
    "api-board-meeting-list": Page(status=API_SIGNED_IN),
    "api-board-meeting-detail": Page(
        kwargs=lambda w: {"pk": reported_board_meeting(w).pk},
        status=expect(
            404, anonymous=401, member=200, coordinator=200, admin_support=200, platform_admin=200
        ),
    ),
    "api-debrief-list": Page(status=API_SIGNED_IN),
    "api-debrief-detail": Page(
        kwargs=lambda w: {"pk": reported_board_meeting(w).debrief.pk},
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
}
