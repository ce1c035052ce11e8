"""Demo "You said, we did" history (all fictional) for both demo groups: a
year of points from meetings, debriefs, reviews, events and members, answered
over the months in every status, with the reasons when the answer was no.
Dates are counted back from today, so the story reads the same whenever it is
seeded: each point is said first and answered weeks later. Idempotent: a
point is looked up by its words first and left alone if it is there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from involvement.models import DecisionMakingBody, Group, Membership, User

from .models import FeedbackItem, FeedbackResponse, Theme
from .services import feedback as services


@dataclass
class Answer:
    after_days: int  # days after the point was made
    status: str
    text: str
    reason: str = ""


@dataclass
class Point:
    text: str
    source: str
    days_ago: int
    detail: str = ""
    theme: str = ""
    body: str = ""
    owner: str = "coordinator"  # a key of the group's OWNERS
    public: str = ""  # the public wording; empty: not on the board
    answers: list[Answer] = field(default_factory=list)
    draft: Answer | None = None
    from_member: bool = False


BOARD = "Diabetes Network Board"
FOOT = "Foot Care Pathway Redesign Group"
QIPP = "Medicines Optimisation (QIPP) Steering Group"

FELLSIDE = [
    Point(
        "The retinal screening letter is full of jargon and the appointment time is in small "
        "print at the bottom.",
        "event",
        340,
        detail="Stall at Fellside library",
        theme="Getting to eye screening",
        body=BOARD,
        public="Eye screening letters are hard to understand.",
        answers=[
            Answer(
                12, "looking", "The screening service has agreed to redraft the letter with us."
            ),
            Answer(
                75,
                "done",
                "Members rewrote the letter with the screening team. The new letter puts the "
                "date, time and a phone number at the top, and went out from September.",
            ),
        ],
    ),
    Point(
        "Eye screening clinics are only open in working hours.",
        "debrief",
        300,
        detail="Debrief after the Diabetes Network Board",
        theme="Getting to eye screening",
        body=BOARD,
        public="Eye screening clinics are only open in working hours.",
        answers=[
            Answer(20, "looking", "The board asked the screening service to cost evening clinics."),
            Answer(
                90,
                "partly",
                "Saturday morning clinics started in Fellside town, once a month.",
                reason="There is no money for evening clinics this year; the board will look "
                "again when the contract is renewed.",
            ),
        ],
    ),
    Point(
        "Paramedics treat a hypo and leave, and nobody from the diabetes team follows it up.",
        "meeting",
        260,
        detail="Group meeting in the spring",
        theme="Hypos and emergency care",
        owner="commissioner",
        public="Nobody follows up after an ambulance crew treats a severe hypo.",
        answers=[
            Answer(14, "received", "Passed to the ambulance service's diabetes lead."),
            Answer(
                60,
                "done",
                "Crews now send a referral to the diabetes team after every severe hypo call-out, "
                "and 40 paramedics have had hypoglycaemia training.",
            ),
        ],
    ),
    Point(
        "Could the network pay for a continuous glucose monitor for everyone with Type 1?",
        "review",
        210,
        detail="Reflective review of the group's year",
        body=QIPP,
        owner="commissioner",
        public="Members asked for continuous glucose monitors for everyone with Type 1 diabetes.",
        answers=[
            Answer(21, "looking", "The QIPP steering group is looking at the national guidance."),
            Answer(
                70,
                "not_possible",
                "The steering group looked at it carefully with members' representatives.",
                reason="Who can have a monitor is set by national guidance, not locally. The "
                "network now checks that everyone who meets the guidance is offered one.",
            ),
        ],
    ),
    Point(
        "Nobody told me the foot protection team existed until my ulcer was bad.",
        "event",
        150,
        detail="Foot-care workshop",
        theme="Looking after feet",
        body=FOOT,
        owner="support",
        public="People do not know the foot protection team exists until it is too late.",
        answers=[
            Answer(
                18,
                "looking",
                "The pathway group is writing a card saying who to call, and when.",
            ),
        ],
    ),
    Point(
        "It takes months to get onto a structured education course.",
        "debrief",
        110,
        detail="Debrief after the Diabetes Network Board",
        theme="Learning to live with diabetes",
        body=BOARD,
        public="It takes months to get a place on a diabetes education course.",
        answers=[Answer(9, "received", "Passed to the education team's manager.")],
    ),
    Point(
        "The hospital car park takes coins only and the machine is often broken.",
        "meeting",
        75,
        detail="Group meeting",
        owner="support",
        answers=[],
    ),
    Point(
        "Test strips from the new meter are not on the local list, so the pharmacy sends "
        "people back to the GP.",
        "member",
        40,
        body=QIPP,
        public="Test strips for some meters are hard to get from pharmacies.",
        from_member=True,
        answers=[Answer(10, "looking", "The medicines team is checking the local list.")],
        draft=Answer(
            30,
            "done",
            "The strips have been added to the local list; pharmacies were told this week.",
        ),
    ),
]

RIVERBANK = [
    Point(
        "Leaflets about diabetes are only in English.",
        "event",
        320,
        detail="Community health day at the mosque",
        body=BOARD,
        public="Diabetes leaflets are only in English.",
        answers=[
            Answer(15, "looking", "The partnership is asking which languages are needed most."),
            Answer(
                80,
                "partly",
                "The 'Your Diabetes Care' leaflet is now in Bengali, Somali and Polish.",
                reason="Other languages wait for next year's budget; interpreters can read the "
                "English leaflet with people at any appointment.",
            ),
        ],
    ),
    Point(
        "Group meetings in the daytime shut out people who work.",
        "review",
        280,
        detail="Reflective review",
        public="Daytime meetings shut out people who work.",
        answers=[
            Answer(
                30,
                "done",
                "Every other meeting is now on a weekday evening, and people can join by video.",
            )
        ],
    ),
    Point(
        "Could the diabetes clinic open at the weekend?",
        "debrief",
        230,
        detail="Debrief after the Diabetes Network Board",
        body=BOARD,
        public="Members asked for diabetes clinics at the weekend.",
        answers=[
            Answer(25, "looking", "The board asked the hospital to look at weekend clinics."),
            Answer(
                95,
                "not_possible",
                "The hospital looked at opening on Saturdays.",
                reason="There are not enough diabetes nurses to staff weekend clinics safely. "
                "Evening telephone appointments started instead.",
            ),
        ],
    ),
    Point(
        "People newly diagnosed with Type 2 wait months for any information.",
        "meeting",
        190,
        detail="Group meeting",
        body=BOARD,
        public="People newly diagnosed with Type 2 wait months for information.",
        answers=[
            Answer(
                40,
                "done",
                "GP practices now hand out the 'Your Diabetes Care' leaflet at diagnosis.",
            )
        ],
    ),
    Point(
        "Foot checks at my surgery take two minutes and nobody explains the results.",
        "event",
        130,
        detail="Foot-care workshop",
        body=FOOT,
        public="Foot checks are rushed and the results are not explained.",
        answers=[
            Answer(20, "looking", "The pathway group is writing a short guide for practices.")
        ],
    ),
    Point(
        "The community pharmacy has run out of test strips twice this month.",
        "member",
        60,
        from_member=True,
        answers=[Answer(8, "received", "Passed to the medicines team.")],
    ),
    Point(
        "Interpreters are not booked for diabetes clinic appointments.",
        "meeting",
        70,
        detail="Group meeting",
        answers=[],
    ),
]

OWNER_EMAILS = {
    "coordinator": "coordinator@{slug}.example",
    "commissioner": "commissioner@{slug}.example",
    "support": "support@{slug}.example",
}

# A point the demo member login has sent, waiting for the coordinator to check.
WAITING_TEXT = "The bus to the hospital stops running before the evening clinic ends."


def _when(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))


def _owner(slug: str, key: str) -> User | None:
    return (
        User.objects.filter(email=OWNER_EMAILS[key].format(slug=slug)).first()
        or User.objects.filter(email=OWNER_EMAILS["coordinator"].format(slug=slug)).first()
    )


def _answer(item, answer: Answer, said_on: datetime.date, by, *, publish: bool) -> None:
    day = said_on + datetime.timedelta(days=answer.after_days)
    draft = services.response_draft(
        item=item,
        status=answer.status,
        what_happened=answer.text,
        reason=answer.reason,
        written_by=item.owner or by,
    )
    written = _when(day - datetime.timedelta(days=2))
    if not publish:
        FeedbackResponse.objects.filter(pk=draft.pk).update(written_at=written, updated_at=written)
        return
    services.response_publish(
        response=draft,
        what_happened=answer.text,
        reason=answer.reason,
        published_by=by,
        tell_members=False,
    )
    FeedbackResponse.objects.filter(pk=draft.pk).update(
        written_at=written,
        updated_at=_when(day),
        published_at=_when(day),
        members_told_at=_when(day),
    )


def _seed_group(group: Group, slug: str, points: list[Point], today: datetime.date) -> int:
    coordinator = _owner(slug, "coordinator")
    themes = {theme.name: theme for theme in Theme.objects.filter(exercise__group=group)}
    bodies = {b.name: b for b in DecisionMakingBody.objects.filter(organisation=group.organisation)}
    members = list(
        Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
        .select_related("person")
        .order_by("person__full_name")
    )
    made = 0
    for n, spec in enumerate(points):
        if FeedbackItem.objects.filter(group=group, text=spec.text).exists():
            continue
        said_on = today - datetime.timedelta(days=spec.days_ago)
        common = {
            "theme": themes.get(spec.theme),
            "body": bodies.get(spec.body),
            "owner": _owner(slug, spec.owner),
        }
        if spec.from_member and members:
            item = services.feedback_raise(
                person=members[n % len(members)].person, group=group, text=spec.text
            )
            FeedbackItem.objects.filter(pk=item.pk).update(said_on=said_on)
            item.refresh_from_db()
            item = services.feedback_accept(item=item, text=spec.text, **common)
            due = said_on + (item.due_on - timezone.localdate())
            FeedbackItem.objects.filter(pk=item.pk).update(due_on=due)
            item.refresh_from_db()
        else:
            # Older meetings are not in the demo: such points say which meeting in words.
            source = "event" if spec.source == "meeting" else spec.source
            item = services.feedback_record(
                group=group,
                text=spec.text,
                source=source,
                source_detail=spec.detail,
                said_on=said_on,
                recorded_by=coordinator,
                **common,
            )
        FeedbackItem.objects.filter(pk=item.pk).update(recorded_at=_when(said_on))
        for answer in spec.answers:
            _answer(item, answer, said_on, coordinator, publish=True)
        if spec.draft is not None:
            _answer(item, spec.draft, said_on, coordinator, publish=False)
        services.feedback_item_sync(item=item)
        if spec.public:
            services.feedback_set_public(item=item, on_board=True, public_text=spec.public)
        made += 1
    return made


@transaction.atomic
def seed(stdout=None) -> None:
    today = timezone.localdate()
    made = 0
    for slug, points in (("fellside", FELLSIDE), ("riverbank", RIVERBANK)):
        group = Group.objects.filter(organisation__slug=slug).order_by("pk").first()
        if group is None:
            continue
        made += _seed_group(group, slug, points, today)
    # The demo member login has told the Fellside group something, not yet checked.
    member = Membership.objects.filter(
        person__user__email="member@fellside.example", group__organisation__slug="fellside"
    ).select_related("person", "group")
    membership = member.first()
    if membership and not FeedbackItem.objects.filter(text=WAITING_TEXT).exists():
        services.feedback_raise(person=membership.person, group=membership.group, text=WAITING_TEXT)
        made += 1
    if stdout:
        stdout.write(f"workplans: {made} 'you said, we did' points with their history")
