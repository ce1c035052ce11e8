"""Demo minutes, actions, induction and reflective review for the Fellside
group (all names and places fictional):

- a meeting seven weeks ago with approved, published minutes and actions in
  every state (not started, in progress, done, dropped);
- a meeting six days ago whose draft minutes are out for corrections (the demo
  member came to it and can send a correction; one correction is in);
- an induction checklist half done for a newly selected member;
- an open reflective review with a few answers.

Idempotent: everything is matched by title or person and only made when
missing, so running it again changes nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from involvement.models import Group, Membership, Person, User

from .models import (
    Action,
    AgendaItem,
    Correction,
    InductionChecklist,
    Invitation,
    Meeting,
    MinuteEntry,
    Minutes,
    ReflectiveReview,
    ReviewResponse,
)

GROUP_NAME = "Fellside Diabetes Voices"
DEMO_MEMBER = "member@fellside.example"
COORDINATOR = "coordinator@fellside.example"

PAST_TITLE = "Group meeting: foot care and the podiatry service"
DRAFT_TITLE = "Group meeting: eye screening letters"

PAST_ITEMS = [
    (
        "Actions from last time",
        "Members heard that the clinic now sends appointment letters a month ahead.",
        "Keep checking letters for another three months.",
    ),
    (
        "Foot care: what could be better",
        "Several members waited over eight weeks for a podiatry check. Parking at the "
        "Millbeck clinic is hard for people with mobility problems.",
        "Ask the podiatry lead to come to the next meeting. Write to the estates team "
        "about blue badge spaces.",
    ),
    (
        "Reports back from board representatives",
        "The board discussed the new structured education course.",
        "Representatives to bring the course timetable to the group.",
    ),
]
DRAFT_ITEMS = [
    (
        "Eye screening letters",
        "Members found the invitation letter hard to read and did not know they could "
        "change the time.",
        "Suggest a shorter letter with the phone number at the top.",
    ),
    ("Any other business", "Members asked for tea without sugar at meetings.", "Agreed."),
]
ACTIONS = [
    ("Invite the podiatry lead to the next meeting", "", Action.Status.DONE, "She has said yes."),
    (
        "Write to the estates team about blue badge spaces",
        "staff",
        Action.Status.IN_PROGRESS,
        "Letter sent; waiting for a reply.",
    ),
    ("Bring the structured education timetable", "member", Action.Status.OPEN, ""),
    (
        "Survey members about evening meetings",
        "",
        Action.Status.DROPPED,
        "Covered by the reflective review instead.",
    ),
]


def _meeting(group, title, days_ago, coordinator):
    starts = (timezone.now() - datetime.timedelta(days=days_ago)).replace(
        hour=13, minute=30, second=0, microsecond=0
    )
    meeting, _ = Meeting.objects.get_or_create(
        group=group,
        title=title,
        defaults={
            "organisation": group.organisation,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "created_by": coordinator,
        },
    )
    return meeting


def _minutes(meeting, items, **fields):
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, defaults=fields)
    for position, (title, said, agreed) in enumerate(items, start=1):
        item, _ = AgendaItem.objects.get_or_create(
            meeting=meeting, title=title, defaults={"position": position}
        )
        MinuteEntry.objects.get_or_create(
            minutes=minutes, agenda_item=item, defaults={"said": said, "agreed": agreed}
        )
    return minutes


def seed(stdout=None) -> None:
    group = Group.objects.filter(name=GROUP_NAME).select_related("organisation").first()
    coordinator = User.objects.filter(email=COORDINATOR).first()
    if group is None:
        return
    members = list(
        Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
        .select_related("person")
        .order_by("person__full_name")[:8]
    )
    demo_member = Person.objects.filter(user__email=DEMO_MEMBER).first()
    attendees = [m.person for m in members[:6]]
    if demo_member is not None and demo_member not in attendees:
        attendees.append(demo_member)

    past = _meeting(group, PAST_TITLE, 49, coordinator)
    now = timezone.now()
    _minutes(
        past,
        PAST_ITEMS,
        status=Minutes.Status.PUBLISHED,
        corrections_due=(now - datetime.timedelta(days=40)).date(),
        circulated_at=now - datetime.timedelta(days=46),
        approved_at=now - datetime.timedelta(days=38),
        approved_by=coordinator,
        approval_note="Approved by the chair",
        published_at=now - datetime.timedelta(days=38),
        created_by=coordinator,
    )
    draft = _meeting(group, DRAFT_TITLE, 6, coordinator)
    draft_minutes = _minutes(
        draft,
        DRAFT_ITEMS,
        status=Minutes.Status.CIRCULATED,
        corrections_due=timezone.localdate() + datetime.timedelta(days=5),
        circulated_at=now - datetime.timedelta(days=2),
        created_by=coordinator,
    )
    for meeting in (past, draft):
        for person in attendees:
            Invitation.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={"rsvp": "attending", "attended": True, "replied_via": "online"},
            )
    if len(attendees) > 1 and not draft_minutes.corrections.exists():
        Correction.objects.create(
            minutes=draft_minutes,
            person=attendees[1],
            agenda_item=draft.agenda_items.first(),
            text="I said the phone number should be in bold, not just at the top.",
        )

    owner = members[2].person if len(members) > 2 else None
    for index, (description, who, status, progress) in enumerate(ACTIONS):
        if Action.objects.filter(meeting=past, description=description).exists():
            continue
        by_member = who == "member" and owner is not None
        Action.objects.create(
            meeting=past,
            agenda_item=past.agenda_items.order_by("position")[min(index, 2)],
            description=description,
            owner_person=owner if by_member else None,
            owner_name="" if by_member else "Priya Chauhan (coordinator)",
            due_on=timezone.localdate() + datetime.timedelta(days=-10 + 10 * index),
            status=status,
            progress=progress,
            completed_on=timezone.localdate() - datetime.timedelta(days=5)
            if status == Action.Status.DONE
            else None,
        )

    newcomer = (
        Membership.objects.filter(group=group, status=Membership.Status.SELECTED)
        .order_by("person__full_name")
        .first()
    )
    if newcomer is not None:
        InductionChecklist.objects.get_or_create(
            membership=newcomer,
            defaults={
                "background_given": True,
                "ground_rules_agreed": True,
                "how": InductionChecklist.How.ONE_TO_ONE,
                "notes": "Met at the library café. Buddy to be chosen at the next meeting.",
            },
        )

    review, _ = ReflectiveReview.objects.get_or_create(
        group=group,
        title="Autumn check-in",
        defaults={
            "closes_on": timezone.localdate() + datetime.timedelta(days=10),
            "opened_by": coordinator,
        },
    )
    answers = [
        (4, 4, 3, "Could we sometimes meet in the evening? I work days.", True),
        (5, 4, 4, "", False),
        (3, 2, 3, "The papers come too late to read properly.", False),
    ]
    for membership, (working, heard, difference, change, named) in zip(
        members[3:], answers, strict=False
    ):
        ReviewResponse.objects.get_or_create(
            review=review,
            person=membership.person,
            defaults={
                "working_well": working,
                "heard": heard,
                "making_difference": difference,
                "change": change,
                "may_name": named,
            },
        )
    if stdout:
        stdout.write(
            "meetings: minutes (one published, one out for corrections), actions, "
            "an induction in progress, a reflective review"
        )
