"""Access expectations for the workplans pages (workplans.permissions,
"Workplans" block), and the objects they need, built on demand from the
shared world: an exercise in voting, a current plan with an item, and a
coming meeting of the group."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import date_parts

from .groups import second_group
from .rules import PUBLIC, SIGNED_IN, Page, expect, fields, redirects


def workplan_objects(world) -> dict:
    if "workplans" in world.objects:
        return world.objects["workplans"]
    from meetings.models import Meeting
    from workplans.models import PriorityExercise
    from workplans.services import exercises, plans
    from workplans.services.decisions import decision_entry_create

    group = world.objects["group"]
    exercise = exercises.exercise_create(
        group=group, title="Priorities for next year", briefing="Eye screening uptake is low."
    )
    exercises.proposal_add(
        exercise=exercise,
        problem="Screening letters are hard to read.",
        proposed_by=world.objects["person"],
    )
    exercises.exercise_open_voting(exercise=exercise)
    exercise.refresh_from_db()
    plan = plans.work_plan_create(group=group, exercise=exercise)
    item = plans.work_item_create(
        plan=plan, title="Clearer screening letters", description="Rewrite the letters."
    )
    start = timezone.now() + timedelta(days=14)
    meeting = Meeting.objects.create(
        organisation=world.organisation,
        group=group,
        title="Group meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    objects = {
        "entry": decision_entry_create(
            organisation=world.organisation, body=world.objects["body"], topic="Annual plan"
        ),
        "exercise": PriorityExercise.objects.get(pk=exercise.pk),
        "plan": plan,
        "item": item,
        "meeting": meeting,
    }
    world.objects["workplans"] = objects
    return objects


def feedback_objects(world) -> dict:
    """ "You said, we did": a point from the group's meeting, owned by the
    organisation's admin support, on the public board with a published
    answer and a draft; and a point the member sent, waiting to be checked."""
    if "feedback" in world.objects:
        return world.objects["feedback"]
    from workplans.services import feedback as services

    plans = workplan_objects(world)
    group = world.objects["group"]
    coordinator = world.user("coordinator")
    item = services.feedback_record(
        group=group,
        text="Clinic letters arrive after the appointment.",
        source="event",
        source_detail="Open morning",
        said_on=timezone.localdate() - timedelta(days=30),
        work_item=plans["item"],
        body=world.objects["body"],
        owner=world.user("admin_support"),
        recorded_by=coordinator,
    )
    services.feedback_set_public(
        item=item, on_board=True, public_text="Clinic letters arrive too late."
    )
    first = services.response_draft(
        item=item, status="looking", what_happened="The clinic is checking its post times."
    )
    services.response_publish(
        response=first, what_happened=first.what_happened, published_by=coordinator
    )
    draft = services.response_draft(
        item=item,
        status="not_possible",
        what_happened="Letters are sent by a national supplier.",
        reason="The contract runs until next year.",
        written_by=world.user("admin_support"),
    )
    waiting = services.feedback_raise(
        person=world.objects["person"], group=group, text="The car park is always full."
    )
    item.refresh_from_db()
    objects = {"item": item, "draft": draft, "waiting": waiting, "published": first}
    world.objects["feedback"] = objects
    return objects


def _pk(name):
    return lambda w: {"pk": workplan_objects(w)[name].pk}


def _fb(name):
    return lambda w: {"pk": feedback_objects(w)[name].pk}


def _group(w):
    workplan_objects(w)
    return {"pk": w.objects["group"].pk}


def _fb_group(w):
    feedback_objects(w)
    return {"pk": w.objects["group"].pk}


def _org(w):
    workplan_objects(w)
    return {"org_pk": w.organisation.pk}


# Coordinators and organisation admins manage; other staff of the organisation
# and members see that the page exists (403); another organisation: 404.
MANAGE = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=404
)
# The plan, its versions, reviews and "you said": managers, commissioners and
# the group's members.
READ = {**MANAGE, "member": 200, "commissioner": 200}
# The exercise shows who proposed: managers and the group's members.
EXERCISE = {**MANAGE, "member": 200}

# Acting on a plan or exercise (POST only): managers, sent on.
MANAGES = redirects(MANAGE)


def _proposal(w):
    return workplan_objects(w)["exercise"].proposals.first().pk


def _soon(name, days=30):
    return lambda w: date_parts(name, timezone.localdate() + timedelta(days=days))


PAGES = {
    "workplan-index": Page(status=SIGNED_IN),
    "workplan-group": Page(kwargs=_group, status=READ),
    # Another group: the world's group has its current plan already.
    "workplan-create": Page(
        kwargs=lambda w: {"pk": second_group(w).pk},
        status=MANAGE,
        form=_soon("next_review_on", days=180),
    ),
    "workplan-detail": Page(kwargs=_pk("plan"), status=READ),
    "workplan-pdf": Page(kwargs=_pk("plan"), status=READ),
    "workitem-create": Page(
        kwargs=_pk("plan"),
        status=MANAGE,
        form=lambda w: {
            "title": "Foot checks",
            "description": "Find out why people miss them.",
            "origin": "users",
            **_soon("target_on", days=120)(w),
        },
    ),
    "workplan-review": Page(
        kwargs=_pk("plan"),
        status=MANAGE,
        form=lambda w: {
            **date_parts("held_on", timezone.localdate()),
            "what_changed": "Added foot checks.",
            "why": "Members asked.",
            **_soon("next_review_on", days=180)(w),
        },
    ),
    "workplan-agenda": Page(
        kwargs=_pk("plan"),
        status=MANAGE,
        form=lambda w: {
            "meeting": workplan_objects(w)["meeting"].pk,
            "items": workplan_objects(w)["item"].pk,
        },
    ),
    "workitem-edit": Page(kwargs=_pk("item"), status=MANAGE, form=fields(title="Clear letters")),
    "exercise-create": Page(
        kwargs=_group,
        status=MANAGE,
        form=fields(title="Priorities for 2030", briefing="What matters most to you?"),
    ),
    "exercise-detail": Page(kwargs=_pk("exercise"), status=EXERCISE),
    "proposal-create": Page(
        kwargs=_pk("exercise"), status=EXERCISE, form=fields(problem="Clinics close early.")
    ),
    # Voting is for the group's active members only.
    "exercise-vote": Page(
        kwargs=_pk("exercise"),
        status=expect(403, anonymous=302, member=200, other_org=404),
        form=lambda w: {"proposals": _proposal(w)},
    ),
    "exercise-vote-enter": Page(
        kwargs=_pk("exercise"),
        status=MANAGE,
        # The member is chosen by their membership of the group.
        form=lambda w: {"member": w.objects["membership"].pk, "proposals": _proposal(w)},
    ),
    "priority-create": Page(kwargs=_pk("exercise"), status=MANAGE, form=fields(title="Eye care")),
    # Two forms: a theme (named by add_theme), or the matching (saved as it is).
    "exercise-themes": Page(
        kwargs=_pk("exercise"),
        status=MANAGE,
        post=MANAGES,
        form=fields(add_theme="1", name="Letters", description="Clearer letters."),
    ),
    "exercise-stage": Page(
        kwargs=_pk("exercise"),
        status=expect(405, anonymous=302),
        post=MANAGES,
        form=fields(to="closed"),
    ),
    # Anyone with a role in the organisation, and members of its groups.
    "decision-map": Page(kwargs=_org, status=expect(200, anonymous=302, other_org=404)),
    "decision-entry-create": Page(
        kwargs=_org,
        status=MANAGE,
        form=lambda w: {"body": w.objects["body"].pk, "topic": "Eye screening contract"},
    ),
    # A confirmation page; its POST takes the topic off the map.
    "decision-entry-delete": Page(
        kwargs=lambda w: {**_org(w), "pk": workplan_objects(w)["entry"].pk},
        status=MANAGE,
        post=MANAGES,
    ),
    "feedback-list": Page(kwargs=_group, status=READ),
    "feedback-capture": Page(
        kwargs=_pk("meeting"), status=MANAGE, form=fields(text="Letters are too long.")
    ),
    # "You said, we did" (workplans.permissions, "You said, we did" block).
    "feedback-add": Page(
        kwargs=_group,
        status=MANAGE,
        form=lambda w: {
            "text": "Buses do not reach the clinic.",
            "source": "event",
            **date_parts("said_on", timezone.localdate() - timedelta(days=3)),
        },
    ),
    # Fills in the standing item of the group's coming meeting.
    "feedback-agenda": Page(
        kwargs=_fb_group,
        status=expect(405, anonymous=302),
        post=MANAGES,
    ),
    # Members of the group (not staff, who have their own ways in).
    "feedback-tell": Page(
        kwargs=_group,
        status=expect(403, anonymous=302, member=200, other_org=404),
        form=fields(text="The clinic phone is never answered."),
    ),
    "feedback-mine": Page(status=SIGNED_IN),
    # The group's readers, and the point's owner (admin support here).
    "feedback-detail": Page(kwargs=_fb("item"), status={**READ, "admin_support": 200}),
    "feedback-edit": Page(kwargs=_fb("item"), status=MANAGE, form=fields(text="Letters late.")),
    "feedback-respond": Page(
        kwargs=_fb("item"),
        status={**MANAGE, "admin_support": 200},
        form=fields(status="done", what_happened="Letters now go a week earlier.", reason=""),
    ),
    "feedback-public": Page(
        kwargs=_fb("item"), status=MANAGE, form=fields(on_board="on", public_text="Late letters.")
    ),
    # A member's point waiting to be checked: managers, and the member who
    # sent it sees it exists; nobody else does yet.
    "feedback-accept": Page(
        kwargs=_fb("waiting"),
        status=expect(
            404, anonymous=302, member=403, coordinator=200, org_admin=200, platform_admin=200
        ),
        form=fields(text="The car park is full."),
    ),
    "feedback-decline": Page(
        kwargs=_fb("waiting"),
        status=expect(
            404, anonymous=302, member=403, coordinator=200, org_admin=200, platform_admin=200
        ),
        form=fields(reason="This is for the hospital's estates team; we have passed it on."),
    ),
    "feedback-response-publish": Page(kwargs=_fb("draft"), status=MANAGE, form=fields()),
    # A confirmation page: the POST deletes the draft.
    "feedback-response-discard": Page(kwargs=_fb("draft"), status=MANAGE, post=MANAGES),
    "feedback-settings": Page(
        kwargs=_org,
        status=expect(
            403,
            anonymous=302,
            member=404,
            coordinator=200,
            org_admin=200,
            platform_admin=200,
            other_org=404,
        ),
        form=fields(),
    ),
    # The public board and its files: no login, only what is on the board.
    "board": Page(kwargs=_fb_group, status=PUBLIC),
    "board-newsletter": Page(kwargs=_fb_group, status=PUBLIC),
    "board-feed": Page(kwargs=_fb_group, status=PUBLIC),
    "board-csv": Page(kwargs=_fb_group, status=PUBLIC),
    "api-you-said-list": Page(kwargs=lambda w: {} if feedback_objects(w) else {}, status=PUBLIC),
    "api-you-said-detail": Page(kwargs=_fb("item"), status=PUBLIC),
    "api-we-did-list": Page(kwargs=lambda w: {} if feedback_objects(w) else {}, status=PUBLIC),
    "api-we-did-detail": Page(kwargs=_fb("published"), status=PUBLIC),
}
