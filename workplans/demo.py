"""Demo data for work plans (all fictional), for the Fellside group.

A closed priority exercise (members' proposals and votes, the network's own
priorities, and the shared themes where they overlap), a decision map for the
organisation's demo bodies, a work plan at version 2 with the review that
changed it, some items put on the group's coming meeting's agenda when the
meetings demo has made one, and a few "you said" items from its last meeting;
then a year of "You said, we did" for both demo groups (demo_feedback). Idempotent: each part
is looked up by name first and left alone if it is there.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from involvement.models import DecisionMakingBody, Group, Membership, User

from .models import FeedbackItem, PriorityExercise, WorkPlan
from .services import exercises, plans
from .services.agenda import agenda_build_from_plan
from .services.decisions import decision_entry_create
from .services.feedback import feedback_capture, feedback_record

GROUP_NAME = "Fellside Diabetes Voices"
COORDINATOR = "coordinator@fellside.example"
EXERCISE_TITLE = "Our priorities for 2026 to 2027"
BOARD = "Diabetes Network Board"
FOOT = "Foot Care Pathway Redesign Group"
QIPP = "Medicines Optimisation (QIPP) Steering Group"

BRIEFING = (
    "The network's annual plan is being written this spring. Eye screening uptake in "
    "North Fellside fell to 78% last year, below the 85% the network aims for. The foot-care "
    "pathway is being redesigned after a rise in foot ulcers. Ambulance crews were called to "
    "about 400 people having a severe hypo last year, and most were not referred on. Money "
    "for new services is tight: changes that reuse what exists are more likely to happen."
)

# (problem, solution, theme or None)
PROPOSALS = [
    (
        "Eye screening letters are hard to understand and the clinics are only open in "
        "working hours, so people who work miss their appointments.",
        "Rewrite the letters in plain English with a clear phone number, and offer evening "
        "and Saturday clinics.",
        "Getting to eye screening",
    ),
    (
        "It is hard to get a place on a structured education course, and the courses are "
        "only in the daytime.",
        "Offer evening and online courses, and book people on at diagnosis.",
        "Learning to live with diabetes",
    ),
    (
        "Foot checks are different at every surgery and people do not know who to call "
        "when a foot problem gets worse.",
        "One foot-care pathway for the area, with a card saying who to call and when.",
        "Looking after feet",
    ),
    (
        "Paramedics treat a hypo and leave, and nobody from the diabetes team follows it up.",
        "Hypoglycaemia training for paramedics, and an automatic referral to the diabetes "
        "team after a call-out.",
        "Hypos and emergency care",
    ),
    (
        "People who are newly diagnosed get very little written information to take home.",
        "A short 'Your Diabetes Care' leaflet for newly diagnosed people, written with members.",
        "Learning to live with diabetes",
    ),
]

# (title, description, source, theme)
PRIORITIES = [
    (
        "Raise retinal screening uptake to 85%",
        "Fewer missed appointments and earlier treatment of eye disease.",
        "Network annual plan 2026 to 2027",
        "Getting to eye screening",
    ),
    (
        "Redesign the foot-care pathway",
        "Fewer foot ulcers and amputations through earlier referral.",
        "Network annual plan 2026 to 2027",
        "Looking after feet",
    ),
    (
        "Fewer ambulance call-outs for severe hypos",
        "Follow-up after every call-out, working with the ambulance service.",
        "Urgent care plan",
        "Hypos and emergency care",
    ),
    (
        "Reduce medicines waste",
        "Fewer unused test strips and a shorter list of recommended meters.",
        "QIPP programme",
        "Medicines and meters",
    ),
]

THEMES = {
    "Getting to eye screening": "Invitations, letters and clinic times for eye screening.",
    "Learning to live with diabetes": "Education courses and information after diagnosis.",
    "Looking after feet": "Foot checks, referral and urgent help for foot problems.",
    "Hypos and emergency care": "What happens when someone has a severe hypo.",
    "Medicines and meters": "Prescribing, meters and test strips.",
}

# (body, topic, how the group's views reach it, papers due days)
DECISION_MAP = [
    (
        BOARD,
        "The network's annual plan and priorities",
        "The group's representatives speak to the plan; a written paper goes to the chair.",
        14,
    ),
    (
        BOARD,
        "Retinal screening invitations and clinic times",
        "A paper from the group to the board, presented by a representative.",
        14,
    ),
    (
        BOARD,
        "Information for newly diagnosed people",
        "Draft leaflets are shared with the board for sign-off.",
        10,
    ),
    (
        FOOT,
        "Foot checks, referral to the foot protection team and urgent access",
        "The group's representative takes members' views to each meeting.",
        7,
    ),
    (
        QIPP,
        "Blood glucose meters and test strips recommended locally",
        "Members test shortlisted meters; the results go to the steering group.",
        10,
    ),
]


def _item_specs(today: datetime.date, themes: dict) -> list[dict]:
    month = datetime.timedelta(days=30)
    return [
        {
            "title": "Retinal screening letters and clinic times",
            "description": (
                "Rewrite the eye screening invitation letters with members so they are easy to "
                "read, and ask for evening and Saturday clinics."
            ),
            "origin": "both",
            "theme_names": ["Getting to eye screening"],
            "body": BOARD,
            "feed_in_by": today - month,
            "lead": "Priya Chauhan (coordinator)",
            "starts_on": today - 4 * month,
            "target_on": today - month,
            "status": "in_progress",
            "constraints_stated": (
                "The letter has to keep the wording the national screening programme requires; "
                "the rest can change. Extra clinics depend on the screening contract."
            ),
        },
        {
            "title": "Structured education: easier to get onto",
            "description": (
                "Find out why people do not get onto the courses and suggest evening and online "
                "courses."
            ),
            "origin": "users",
            "theme_names": ["Learning to live with diabetes"],
            "body": BOARD,
            "feed_in_by": today + 3 * month,
            "lead": "Two members, with the education team",
            "starts_on": today + month,
            "target_on": today + 6 * month,
            "status": "planned",
            "constraints_stated": (
                "Course places are funded at this year's level; evening courses must fit in "
                "the same budget."
            ),
        },
        {
            "title": "Foot-care pathway redesign",
            "description": (
                "Members' experience of foot checks and urgent foot problems shapes the new "
                "pathway, and a card saying who to call."
            ),
            "origin": "both",
            "theme_names": ["Looking after feet"],
            "body": FOOT,
            "feed_in_by": today + month,
            "lead": "Group representative on the redesign group",
            "starts_on": today - 2 * month,
            "target_on": today + 4 * month,
            "status": "in_progress",
            "constraints_stated": "",
        },
        {
            "title": "Hypoglycaemia training for paramedics",
            "description": (
                "Members tell paramedics what a severe hypo is like and what should happen "
                "afterwards; ask for a referral to the diabetes team after every call-out."
            ),
            "origin": "both",
            "theme_names": ["Hypos and emergency care"],
            "body": BOARD,
            "feed_in_by": today + 2 * month,
            "lead": "Diabetes specialist nurse, with members",
            "starts_on": today + month,
            "target_on": today + 7 * month,
            "status": "planned",
            "constraints_stated": (
                "The ambulance service sets its own training programme: the network can offer "
                "material and speakers, but cannot require the training."
            ),
        },
        {
            "title": "'Your Diabetes Care' leaflet for newly diagnosed people",
            "description": "Write a short leaflet with members, tested with community groups.",
            "origin": "users",
            "theme_names": ["Learning to live with diabetes"],
            "body": BOARD,
            "feed_in_by": today + 2 * month,
            "lead": "Members' writing group",
            "starts_on": today + 2 * month,
            "target_on": today + 5 * month,
            "status": "planned",
            "constraints_stated": "",
        },
    ]


YOU_SAID = [
    "The new eye screening letter is much clearer, but the phone line is engaged all morning.",
    "Nobody told me the foot protection team existed until my ulcer was bad.",
    "Evening education courses would let me go without taking a day off work.",
]


def _exercise(group, members, coordinator, stdout) -> PriorityExercise:
    exercise = PriorityExercise.objects.filter(group=group, title=EXERCISE_TITLE).first()
    if exercise is not None:
        return exercise
    exercise = exercises.exercise_create(
        group=group, title=EXERCISE_TITLE, briefing=BRIEFING, created_by=coordinator
    )
    made = []
    for n, (problem, solution, _theme) in enumerate(PROPOSALS):
        proposer = members[n % len(members)].person if members else None
        made.append(
            exercises.proposal_add(
                exercise=exercise,
                problem=problem,
                solution=solution,
                proposed_by=proposer,
                raised_at_meeting=n == 3,
                entered_by=coordinator,
            )
        )
    exercises.exercise_open_voting(exercise=exercise)
    exercise.refresh_from_db()
    # Members' votes: the eye screening, foot and hypo proposals are most popular.
    patterns = [[0, 2, 3], [0, 3, 4], [2, 0, 1], [3, 2], [0, 1, 4], [2, 3, 0]]
    for n, membership in enumerate(members):
        chosen = [made[i] for i in patterns[n % len(patterns)]]
        exercises.votes_set(
            exercise=exercise,
            person=membership.person,
            proposals=chosen,
            cast_at_meeting=n % 3 == 0,
            recorded_by=coordinator,
        )
    themes = {
        name: exercises.theme_create(exercise=exercise, name=name, description=description)
        for name, description in THEMES.items()
    }
    priorities = [
        exercises.organisation_priority_add(
            exercise=exercise, title=title, description=description, source=source
        )
        for title, description, source, _theme in PRIORITIES
    ]
    exercises.themes_match(
        exercise=exercise,
        proposals={p.pk: themes[spec[2]] for p, spec in zip(made, PROPOSALS, strict=True)},
        priorities={p.pk: themes[spec[3]] for p, spec in zip(priorities, PRIORITIES, strict=True)},
    )
    exercise = exercises.exercise_close(exercise=exercise, closed_by=coordinator)
    if stdout:
        stdout.write(f"workplans: priority exercise for {group} with {len(made)} proposals")
    return exercise


def _decision_map(organisation, bodies) -> int:
    made = 0
    for body_name, topic, how, days in DECISION_MAP:
        body = bodies.get(body_name)
        if body is None or body.decision_map_entries.filter(topic=topic).exists():
            continue
        decision_entry_create(
            organisation=organisation,
            body=body,
            topic=topic,
            how_to_feed_in=how,
            papers_due_days=days,
        )
        made += 1
    return made


def _plan(group, exercise, bodies, coordinator, today) -> WorkPlan:
    current = WorkPlan.objects.filter(group=group, status=WorkPlan.Status.CURRENT).first()
    if current is not None:
        return current
    themes = {theme.name: theme for theme in exercise.themes.all()}
    plan = plans.work_plan_create(
        group=group,
        exercise=exercise,
        next_review_on=today - datetime.timedelta(days=60),
        created_by=coordinator,
    )
    for spec in _item_specs(today, themes):
        spec = dict(spec)
        names = spec.pop("theme_names")
        spec["body"] = bodies.get(spec["body"])
        plans.work_item_create(plan=plan, themes=[themes[n] for n in names], **spec)
    review = plans.plan_review_record(
        plan=plan,
        held_on=today - datetime.timedelta(days=60),
        what_changed=(
            "The 'Your Diabetes Care' leaflet starts now instead of in two months; the "
            "screening letters are finished and clinic times are the next step; hypoglycaemia "
            "training moves to the autumn."
        ),
        why=(
            "The screening team had a writer free to help with the leaflet. The new letters "
            "went out last month. The ambulance service plans its training in September."
        ),
        next_review_on=today + datetime.timedelta(days=120),
        recorded_by=coordinator,
    )
    new = review.new_version
    items = {item.title: item for item in new.items.prefetch_related("themes")}
    updates = {
        "Retinal screening letters and clinic times": {
            "feed_in_by": today + datetime.timedelta(days=45),
            "target_on": today + datetime.timedelta(days=90),
        },
        "'Your Diabetes Care' leaflet for newly diagnosed people": {
            "status": "in_progress",
            "starts_on": today - datetime.timedelta(days=50),
        },
        "Hypoglycaemia training for paramedics": {
            "starts_on": today + datetime.timedelta(days=150),
            "target_on": today + datetime.timedelta(days=300),
            "feed_in_by": today + datetime.timedelta(days=120),
        },
    }
    for title, fields in updates.items():
        item = items[title]
        plans.work_item_update(item=item, themes=list(item.themes.all()), **fields)
    return new


@transaction.atomic
def seed(stdout=None) -> None:
    group = Group.objects.filter(name=GROUP_NAME).select_related("organisation").first()
    if group is None:
        if stdout:
            stdout.write(f"workplans: no {GROUP_NAME} group, nothing to seed")
        return
    organisation = group.organisation
    coordinator = User.objects.filter(email=COORDINATOR).first()
    members = list(
        Membership.objects.filter(
            group=group, status__in=[Membership.Status.ACTIVE, Membership.Status.INDUCTED]
        )
        .select_related("person")
        .order_by("person__full_name")
    )
    today = timezone.localdate()
    bodies = {b.name: b for b in DecisionMakingBody.objects.filter(organisation=organisation)}
    exercise = _exercise(group, members, coordinator, stdout)
    mapped = _decision_map(organisation, bodies)
    plan = _plan(group, exercise, bodies, coordinator, today)

    # Put the live work on the group's next meeting's agenda, if the meetings demo made one.
    from meetings.models import Meeting

    now = timezone.now()
    next_meeting = (
        Meeting.objects.filter(group=group, starts_at__gte=now, status="scheduled")
        .order_by("starts_at")
        .first()
    )
    linked = 0
    if next_meeting is not None:
        live = list(plan.items.filter(status="in_progress"))
        linked = len(agenda_build_from_plan(meeting=next_meeting, items=live))

    # "You said" items, from the last meeting the group held (if there is one).
    last_meeting = (
        Meeting.objects.filter(group=group, starts_at__lt=now, status="scheduled")
        .order_by("-starts_at")
        .first()
    )
    items = {item.title: item for item in plan.items.all()}
    links = [
        "Retinal screening letters and clinic times",
        "Foot-care pathway redesign",
        "Structured education: easier to get onto",
    ]
    said = 0
    for text, title in zip(YOU_SAID, links, strict=True):
        if FeedbackItem.objects.filter(group=group, text=text).exists():
            continue
        if last_meeting is not None:
            feedback_capture(
                meeting=last_meeting, text=text, work_item=items.get(title), recorded_by=coordinator
            )
        else:
            feedback_record(
                group=group,
                text=text,
                source=FeedbackItem.Source.EVENT,
                source_detail="Members' open morning",
                said_on=today - datetime.timedelta(days=21),
                work_item=items.get(title),
                recorded_by=coordinator,
            )
        said += 1
    if stdout:
        stdout.write(
            f"workplans: {mapped} decision map entries, plan version {plan.version}, "
            f"{linked} agenda items added, {said} 'you said' items"
        )
    from . import demo_feedback

    demo_feedback.seed(stdout=stdout)
