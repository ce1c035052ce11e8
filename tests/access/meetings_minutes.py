"""Meetings, minutes part: minutes, corrections, approval, actions, the
feedback summary, induction checklists and reflective reviews.

The walk's meeting is a past meeting of the world's group whose draft minutes
are out for corrections; the world's member came to it. The builders here are
also used by tests/meetings/."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .rules import Page, expect

POST_ONLY = expect(405, anonymous=302)
# Coordinators, admin support and organisation admins write minutes.
WRITERS = expect(
    403,
    anonymous=302,
    other_org=404,
    coordinator=200,
    admin_support=200,
    org_admin=200,
    platform_admin=200,
)
# Coordinators and organisation admins manage the group (induction, reviews).
MANAGERS = expect(
    403, anonymous=302, other_org=404, coordinator=200, org_admin=200, platform_admin=200
)


def make_meeting(group, *, days_ago=5, title="Group meeting", items=2, kind="group"):
    from meetings.models import AgendaItem, Meeting

    starts = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        kind=kind,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    for position in range(1, items + 1):
        AgendaItem.objects.create(meeting=meeting, position=position, title=f"Topic {position}")
    return meeting


def attend(meeting, person, attended=True):
    from meetings.models import Invitation

    return Invitation.objects.create(
        meeting=meeting, person=person, rsvp="attending", attended=attended
    )


def circulated_minutes(meeting, *, due=None):
    from meetings.models import MinuteEntry, Minutes

    minutes = Minutes.objects.create(
        meeting=meeting,
        status=Minutes.Status.CIRCULATED,
        corrections_due=due or timezone.localdate() + datetime.timedelta(days=7),
        circulated_at=timezone.now(),
    )
    for item in meeting.agenda_items.all():
        MinuteEntry.objects.create(
            minutes=minutes, agenda_item=item, said="We talked.", agreed="We agreed."
        )
    return minutes


def minutes_world(world):
    """The walk's meeting, minutes, a correction, an action and a review."""
    if "minutes_meeting" in world.objects:
        return world
    from meetings.models import Action, Correction, ReflectiveReview

    group, person = world.objects["group"], world.objects["person"]
    meeting = make_meeting(group)
    attend(meeting, person)
    minutes = circulated_minutes(meeting)
    world.objects["minutes_meeting"] = meeting
    world.objects["minutes"] = minutes
    world.objects["correction"] = Correction.objects.create(
        minutes=minutes, person=person, text="I said Tuesday, not Thursday."
    )
    world.objects["action"] = Action.objects.create(
        meeting=meeting,
        description="Ask the clinic about evening appointments",
        owner_name="Dr Ana Lopez",
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    world.objects["review"] = ReflectiveReview.objects.create(
        group=group, title="Spring check-in", closes_on=timezone.localdate() + datetime.timedelta(7)
    )
    return world


def _meeting(w):
    return {"pk": minutes_world(w).objects["minutes_meeting"].pk}


PAGES = {
    "meeting-minutes": Page(
        kwargs=_meeting,
        status=expect(
            403,
            anonymous=302,
            other_org=404,
            member=200,
            coordinator=200,
            admin_support=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    "meeting-minutes-edit": Page(kwargs=_meeting, status=WRITERS),
    "meeting-minutes-circulate": Page(kwargs=_meeting, status=POST_ONLY),
    "meeting-minutes-approve": Page(kwargs=_meeting, status=POST_ONLY),
    "meeting-minutes-publish": Page(kwargs=_meeting, status=POST_ONLY),
    # Only the people who came correct the draft.
    "meeting-minutes-correct": Page(
        kwargs=_meeting, status=expect(403, anonymous=302, other_org=404, member=200)
    ),
    "minutes-correction-resolve": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["correction"].pk}, status=WRITERS
    ),
    "meeting-summary": Page(kwargs=_meeting, status=WRITERS),
    # The summary's PDF: writers, and members once the draft has gone out.
    "meeting-summary-pdf": Page(
        kwargs=_meeting,
        status=expect(
            403,
            anonymous=302,
            other_org=404,
            member=200,
            coordinator=200,
            admin_support=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    "meeting-action-add": Page(kwargs=_meeting, status=WRITERS),
    "action-update": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["action"].pk}, status=WRITERS
    ),
    "group-actions": Page(
        kwargs=lambda w: {"pk": w.objects["group"].pk},
        status=expect(
            403,
            anonymous=302,
            other_org=404,
            member=200,
            coordinator=200,
            admin_support=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    # Membership rules: staff without personal-data roles do not see memberships.
    "membership-induction": Page(
        kwargs=lambda w: {"pk": w.objects["membership"].pk},
        status=expect(
            404,
            anonymous=302,
            member=403,
            admin_support=403,
            coordinator=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
    "group-reviews": Page(kwargs=lambda w: {"pk": w.objects["group"].pk}, status=MANAGERS),
    "review-results": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["review"].pk}, status=MANAGERS
    ),
    "review-close": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["review"].pk}, status=POST_ONLY
    ),
    # Members answer; the group's managers may enter answers for a member.
    "review-respond": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["review"].pk},
        status=expect(
            403,
            anonymous=302,
            other_org=404,
            member=200,
            coordinator=200,
            org_admin=200,
            platform_admin=200,
        ),
    ),
}
