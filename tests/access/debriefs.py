"""Debriefs after board meetings (issue 12).

The organisation's meeting staff (coordinator, admin support) and the member
who sat on the board write the debrief; only meeting staff publish it (the
representative gets 403). Other staff of the organisation do not see the
board meeting's debrief at all (404), nor does another organisation."""

from datetime import timedelta

from django.utils import timezone

from meetings.models import Debrief, DebriefFollowUp, DebriefPoint, Meeting

from .rules import Page, expect, fields, redirects

WRITES_DEBRIEF = expect(
    404, anonymous=302, member=200, coordinator=200, admin_support=200, platform_admin=200
)
PUBLISHES_DEBRIEF = redirects(
    expect(404, anonymous=302, member=403, coordinator=200, admin_support=200, platform_admin=200)
)


def board_meeting(w):
    """The world's body met an hour ago (today), the world's member on it."""
    if "board_meeting" in w.objects:
        return w.objects["board_meeting"]
    now = timezone.localtime()
    starts = max(now - timedelta(hours=1), now.replace(hour=0, minute=1))
    meeting = Meeting.objects.create(
        organisation=w.organisation,
        body=w.objects["body"],
        kind=Meeting.Kind.BOARD,
        title="Testshire Diabetes Network Board",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    debrief = Debrief.objects.create(
        meeting=meeting, representative=w.objects["person"], discussed="The foot care pathway."
    )
    DebriefPoint.objects.create(
        debrief=debrief, point="Evening clinics for people who work.", answer="Being costed."
    )
    DebriefFollowUp.objects.create(
        debrief=debrief, what="Send the pathway leaflet.", owner="Board secretary"
    )
    w.objects["board_meeting"] = meeting
    return meeting


def _meeting(w):
    return {"pk": board_meeting(w).pk}


PAGES = {
    "meeting-debrief": Page(
        kwargs=_meeting,
        status=WRITES_DEBRIEF,
        form=fields(discussed="The board agreed the new foot care pathway."),
    ),
    "meeting-debrief-publish": Page(
        kwargs=_meeting, status=expect(405, anonymous=302), post=PUBLISHES_DEBRIEF
    ),
}
