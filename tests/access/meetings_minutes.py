"""Meetings, minutes part: minutes, corrections, approval, actions, the
feedback summary, induction checklists and reflective reviews.

The walk's meeting is a past meeting of the world's group whose draft minutes
are out for corrections; the world's member came to it. The builders here are
also used by tests/meetings/."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.factories import date_parts

from .groups import second_group
from .rules import Page, expect, fields, redirects

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


def _selected(w):
    """The world's person, selected for a second group: their induction is
    still to do (an active member's checklist is closed)."""
    if "selected" not in w.objects:
        from tests.factories import MembershipFactory

        w.objects["selected"] = MembershipFactory(
            person=w.objects["person"], group=second_group(w), status="selected"
        )
    return {"pk": w.objects["selected"].pk}


def _minutes_ready_to(w, step):
    """A meeting of the world's group whose minutes are ready for `step`
    ("circulate", "approve" or "publish"), for the action's valid body."""
    from meetings.models import Minutes

    key = f"minutes_ready_to_{step}"
    if key not in w.objects:
        group = w.objects["group"]
        meeting = make_meeting(group, days_ago=30, title=f"Meeting whose minutes to {step}")
        attend(meeting, w.objects["person"])
        if step == "circulate":
            minutes = Minutes.objects.create(meeting=meeting)
            from meetings.models import MinuteEntry

            for item in meeting.agenda_items.all():
                MinuteEntry.objects.create(
                    minutes=minutes, agenda_item=item, said="We talked.", agreed="We agreed."
                )
        else:
            minutes = circulated_minutes(
                meeting, due=timezone.localdate() - datetime.timedelta(days=1)
            )
            if step == "publish":
                minutes.status = Minutes.Status.APPROVED
                minutes.approved_at = timezone.now()
                minutes.save(update_fields=["status", "approved_at"])
        w.objects[key] = meeting
    return {"pk": w.objects[key].pk}


def _in_a_week(name):
    return lambda w: date_parts(name, timezone.localdate() + datetime.timedelta(days=7))


# Acting on the minutes: coordinators, admin support and organisation admins
# circulate; coordinators and organisation admins approve and publish.
CIRCULATES = redirects(WRITERS)
APPROVES = redirects(MANAGERS)


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
    "meeting-minutes-edit": Page(kwargs=_meeting, status=WRITERS, form=fields(said_1="Hello")),
    # Without a date for corrections the page comes back (400) with the error.
    "meeting-minutes-circulate": Page(
        kwargs=lambda w: _minutes_ready_to(w, "circulate"),
        status=POST_ONLY,
        post=redirects(WRITERS, ok=400),
        form=_in_a_week("corrections_due"),
        post_valid=CIRCULATES,
    ),
    "meeting-minutes-approve": Page(
        kwargs=lambda w: _minutes_ready_to(w, "approve"),
        status=POST_ONLY,
        post=APPROVES,
        form=fields(note="Agreed at the meeting."),
    ),
    "meeting-minutes-publish": Page(
        kwargs=lambda w: _minutes_ready_to(w, "publish"), status=POST_ONLY, post=APPROVES
    ),
    # Only the people who came correct the draft.
    "meeting-minutes-correct": Page(
        kwargs=_meeting,
        status=expect(403, anonymous=302, other_org=404, member=200),
        form=fields(text="I said Tuesday."),
    ),
    "minutes-correction-resolve": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["correction"].pk},
        status=WRITERS,
        form=fields(made="yes", response="Changed, thank you."),
    ),
    # The preview; its button sends the summary.
    "meeting-summary": Page(kwargs=_meeting, status=WRITERS, post=redirects(WRITERS)),
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
    "meeting-action-add": Page(
        kwargs=_meeting,
        status=WRITERS,
        form=lambda w: {
            "description": "Write to the clinic",
            "owner_name": "Sam",
            **_in_a_week("due_on")(w),
        },
    ),
    "action-update": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["action"].pk},
        status=WRITERS,
        form=fields(status="done", progress="The clinic replied."),
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
        kwargs=_selected,
        status=expect(
            404,
            anonymous=302,
            member=403,
            admin_support=403,
            coordinator=200,
            org_admin=200,
            platform_admin=200,
        ),
        form=fields(background_given="on", how="one_to_one"),
    ),
    # Another group: the world's group has its open review already.
    "group-reviews": Page(
        kwargs=lambda w: {"pk": second_group(w).pk},
        status=MANAGERS,
        form=lambda w: {"title": "Autumn check-in", **_in_a_week("closes_on")(w)},
    ),
    "review-results": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["review"].pk}, status=MANAGERS
    ),
    "review-close": Page(
        kwargs=lambda w: {"pk": minutes_world(w).objects["review"].pk},
        status=POST_ONLY,
        post=APPROVES,
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
        form=lambda w: {
            "person": w.objects["person"].pk,
            "working_well": "4",
            "heard": "4",
            "making_difference": "3",
        },
    ),
}
