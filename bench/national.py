"""A national-scale data set, generated deterministically from a seed.

About 250 groups in 50 organisations (one national charity holds a quarter of
them), 6,000 members with profiles, five years of meetings with invitations,
attendance (about 70%), minutes, actions, "you said" items and their
responses, vacancies with applications, panels and scores, claims and payment
runs, and the messages sent about all of it. Group sizes are skewed: most
groups have 10 to 20 members, a few have well over a hundred.

Everything is written with bulk inserts inside one transaction. `scale`
multiplies the number of groups and people (0.02 is a handful of groups, for
tests); `today` anchors the five years, so the same seed and day give the same
rows. Run it with `manage.py generate_national --seed 1 --scale 1.0`.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from expenses.models import ClaimLine, ExpenseClaim, PaymentPolicy, PaymentRun
from involvement.models import (
    DiversityConsent,
    DiversityFactor,
    DiversityProfile,
    Group,
    Membership,
    Notification,
    Organisation,
    Person,
    StaffRole,
    User,
)
from meetings.models import (
    Action,
    AgendaItem,
    Invitation,
    Meeting,
    MinuteEntry,
    Minutes,
    Venue,
)
from recruitment.models import (
    Answer,
    Application,
    Criterion,
    OutreachChannel,
    PanelMember,
    RoleDescription,
    Score,
    Vacancy,
)
from workplans.models import FeedbackItem, FeedbackResponse, WorkItem, WorkPlan

# The password of every generated account (the benchmark signs in with it).
PASSWORD = "national-bench-password"  # noqa: S105 -- fictional accounts on a bench database
YEARS = 5
BATCH = 5000

FIRST_NAMES = (
    "Aisha Ben Carys Dev Ewan Fatima Grace Hamza Isla Jack Kiran Leah Mohammed Nia Owen "
    "Priya Quinn Rhys Sana Tom Uma Vikram Wendy Yusuf Zara Amir Bethan Chidi Dylan Elif"
).split()
SURNAMES = (
    "Ahmed Baker Chen Davies Evans Francis Green Hussain Iqbal Jones Khan Lewis Morgan "
    "Nowak Okafor Patel Quinn Roberts Singh Taylor Usman Vaughan Williams Young Zielinski"
).split()
TOWNS = (
    "Leeds Bristol Norwich Derby Bolton Luton Preston Exeter Hull Stoke Wigan Dudley Slough"
).split()
TOPICS = (
    "Foot checks",
    "Retinal screening letters",
    "Insulin pump waiting times",
    "Structured education places",
    "Hypo awareness in care homes",
    "Transition from children's services",
    "Diabetes and Ramadan",
    "Online appointments",
    "Prescription delays",
    "Pharmacy advice",
    "Weight management referrals",
    "Gestational diabetes follow-up",
)
CRITERIA = (
    ("Lived experience", "Tell us about your experience of diabetes or of caring."),
    ("Listening", "Tell us about a time you listened to a view unlike your own."),
    ("Speaking up", "Tell us about a time you spoke up for others."),
    ("Commitment", "How would you fit the meetings into your life?"),
)


@dataclass
class _Plan:
    """What the generator decided, kept between the bulk inserts."""

    rng: random.Random
    today: date
    organisations: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    staff: dict = field(default_factory=dict)  # org id -> {role: [users]}
    persons: list = field(default_factory=list)
    memberships: dict = field(
        default_factory=lambda: defaultdict(list)
    )  # group id -> [(m, from, to)]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def _group_sizes(rng: random.Random, groups: int, members: int) -> list[int]:
    """Skewed sizes summing to about `members`: a long tail of large groups."""
    raw = [min(12.0, rng.paretovariate(1.6)) for _ in range(groups)]
    total = sum(raw)
    return [max(6, round(members * weight / total)) for weight in raw]


def generate(
    *,
    seed: int = 1,
    scale: float = 1.0,
    today: date | None = None,
    log=print,
    beside_existing: bool = False,
    messages: bool = True,
    password: str | None = PASSWORD,
) -> dict:
    """Write the data set; return the number of rows of each model.

    By default into an empty database. With `beside_existing` (the demo's
    region of generated groups) the rows are added next to what is there;
    `messages=False` leaves out the messages sent, and `password=None` gives
    the generated accounts no usable password."""
    if not beside_existing and Organisation.objects.exists():
        raise RuntimeError("The database already has organisations: generate into an empty one.")
    rng = random.Random(seed)
    plan = _Plan(rng=rng, today=today or timezone.localdate())
    n_groups = max(3, round(250 * scale))
    n_orgs = max(2, round(50 * scale))
    n_members = max(60, round(6000 * scale))
    password = make_password(password)
    with transaction.atomic():
        _organisations(plan, n_orgs, n_groups, password)
        _people(plan, n_members, password)
        meetings = _meetings(plan)
        invitations = _invitations(plan, meetings)
        _minutes_and_actions(plan, meetings)
        _feedback_and_plans(plan, meetings)
        _recruitment(plan)
        _claims(plan, invitations)
        if messages:
            _messages(plan, invitations)
        _email_addresses()
    counts = counts_of_models()
    for name, count in counts.items():
        log(f"{name}: {count}")
    return counts


COUNTED = (
    Organisation,
    Group,
    User,
    Person,
    DiversityProfile,
    Membership,
    Meeting,
    AgendaItem,
    Invitation,
    Minutes,
    MinuteEntry,
    Action,
    FeedbackItem,
    FeedbackResponse,
    WorkPlan,
    WorkItem,
    Vacancy,
    Application,
    Answer,
    PanelMember,
    Score,
    ExpenseClaim,
    ClaimLine,
    PaymentRun,
    Notification,
)


def counts_of_models() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


# --- Organisations, staff, groups -------------------------------------------


def _organisations(plan: _Plan, n_orgs: int, n_groups: int, password: str) -> None:
    rng = plan.rng
    kinds = [Organisation.Kind.ICB, Organisation.Kind.TRUST, Organisation.Kind.NETWORK]
    orgs = [
        Organisation(
            name="Diabetes Voices (national charity)" if i == 0 else f"{TOWNS[i % 13]} area {i}",
            slug=f"nat-{i}",
            kind=Organisation.Kind.CHARITY if i == 0 else kinds[i % 3],
            localities=[f"{side} of the area" for side in ("North", "South", "East", "West")],
        )
        for i in range(n_orgs)
    ]
    plan.organisations = _bulk(Organisation, orgs)
    users, roles = [], []
    for i, org in enumerate(plan.organisations):
        plan.staff[org.id] = defaultdict(list)
        wanted = [
            ("coordinator", 3 if i == 0 else 1),
            ("finance", 1),
            ("panel_member", 2),
            ("commissioner", 1),
        ]
        for role, how_many in wanted:
            for n in range(how_many):
                user = User(
                    email=f"{role.replace('_', '-')}{n + 1}@org{i}.staff.example.org",
                    full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                    password=password,
                )
                users.append(user)
                roles.append((user, org, role))
                plan.staff[org.id][role].append(user)
    _bulk(User, users)
    _bulk(StaffRole, [StaffRole(user=u, organisation=o, role=r) for u, o, r in roles])
    _bulk(PaymentPolicy, [PaymentPolicy(organisation=org) for org in plan.organisations])
    _bulk(
        Venue,
        [
            Venue(
                organisation=org,
                name=f"Community centre {n}",
                address=f"{n} High Street\n{TOWNS[n % 13]}",
                postcode=f"LS{n} 1AA",
                step_free=True,
                hearing_loop=n % 2 == 0,
            )
            for org in plan.organisations
            for n in (1, 2)
        ],
    )
    _bulk(
        OutreachChannel,
        [
            OutreachChannel(organisation=org, name=name)
            for org in plan.organisations
            for name in ("Clinic posters", "Local radio", "Word of mouth")
        ],
    )
    # A quarter of the groups belong to the national charity; the rest spread out.
    owners = [plan.organisations[0]] * (n_groups // 4)
    while len(owners) < n_groups:
        owners.append(plan.organisations[1 + len(owners) % (n_orgs - 1)])
    cadences = [Group.Cadence.MONTHLY, Group.Cadence.SIX_WEEKLY, Group.Cadence.BI_MONTHLY]
    groups = [
        Group(
            organisation=org,
            name=f"{TOWNS[n % 13]} diabetes voices {n}",
            purpose="People with diabetes and carers shaping local diabetes services.",
            cadence=cadences[n % 3],
            target_min=8,
            target_max=16,
        )
        for n, org in enumerate(owners)
    ]
    plan.groups = _bulk(Group, groups)
    _bulk(
        DiversityFactor,
        [
            DiversityFactor(group=group, name=name, attribute=attribute, values=values, minimum=2)
            for group in plan.groups
            for name, attribute, values in (
                ("Type 1 diabetes", "diabetes_type", ["type_1"]),
                ("Aged under 40", "age_band", ["under_25", "25_39"]),
                ("From an ethnic minority", "ethnicity", ["asian", "black", "mixed", "other"]),
            )
        ],
    )


# --- People and memberships -------------------------------------------------


def _people(plan: _Plan, n_members: int, password: str) -> None:
    rng, today = plan.rng, plan.today
    start = today - timedelta(days=365 * YEARS)
    sizes = _group_sizes(rng, len(plan.groups), n_members)
    # Members, plus a third as many again who only ever applied.
    n_people = sum(sizes) + sum(sizes) // 3
    users, persons = [], []
    for n in range(n_people):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        channel = rng.choices(["email", "phone", "post"], weights=[80, 8, 12])[0]
        email = f"member{n + 1}@people.example.org"
        user = None
        if channel == "email":
            user = User(email=email, full_name=f"{first} {last}", password=password)
            users.append(user)
        persons.append(
            Person(
                user=user,
                full_name=f"{first} {last}",
                preferred_name=first,
                email=email if channel == "email" else "",
                phone=f"07700 9{n:05d}"[:13],
                town=rng.choice(TOWNS),
                postcode=f"AB{n % 90 + 1} {n % 9}CD",
                contact_channel=channel,
                large_print=rng.random() < 0.05,
                needs_step_free_access=rng.random() < 0.1,
                available_daytime=rng.random() < 0.6,
                available_evening=rng.random() < 0.5,
            )
        )
    _bulk(User, users)
    for person in persons:
        if person.user is not None:
            person.user_id = person.user.id
    plan.persons = _bulk(Person, persons)
    consented = [p for p in plan.persons if rng.random() < 0.6]
    _bulk(
        DiversityConsent,
        [
            DiversityConsent(person=p, wording="I agree to share this.", given_at=_at(start, 9, 0))
            for p in consented
        ],
    )
    _bulk(
        DiversityProfile,
        [
            DiversityProfile(
                person=p,
                diabetes_type=rng.choice(["type_1", "type_2", "type_2", "other", "none"]),
                age_band=rng.choice(["25_39", "40_54", "55_64", "65_74", "75_plus"]),
                ethnicity=rng.choice(["white", "white", "asian", "black", "mixed"]),
                locality="North of the area",
                carer=rng.choice(["yes", "no", "no"]),
                at_risk_of_type_2="no",
            )
            for p in consented
        ],
    )
    memberships = []
    spans = []
    cursor = 0
    for group, size in zip(plan.groups, sizes, strict=True):
        for person in plan.persons[cursor : cursor + size]:
            joined = start + timedelta(days=rng.randrange(0, 365 * YEARS - 60))
            if rng.random() < 0.4:
                joined = start
            left = None
            status = Membership.Status.ACTIVE
            if rng.random() < 0.15:
                left = joined + timedelta(days=rng.randrange(60, max(61, (today - joined).days)))
                status = Membership.Status.LEFT
            memberships.append(
                Membership(
                    person=person,
                    group=group,
                    status=status,
                    status_changed_on=left or joined,
                    induction_date=joined,
                )
            )
            spans.append((joined, left))
        cursor += size
    _bulk(Membership, memberships)
    for membership, (joined, left) in zip(memberships, spans, strict=True):
        plan.memberships[membership.group_id].append((membership, joined, left))


# --- Meetings, invitations, minutes, actions -----------------------------------


def _meetings(plan: _Plan) -> list[Meeting]:
    rng, today = plan.rng, plan.today
    venues = defaultdict(list)
    for venue in Venue.objects.all():
        venues[venue.organisation_id].append(venue)
    step = {"monthly": 30, "six_weekly": 42, "bi_monthly": 61}
    meetings, agenda = [], []
    for group in plan.groups:
        coordinator = plan.staff[group.organisation_id]["coordinator"][0]
        day = today - timedelta(days=365 * YEARS) + timedelta(days=rng.randrange(0, 30))
        while day < today + timedelta(days=100):
            meeting = Meeting(
                organisation_id=group.organisation_id,
                group=group,
                title=f"{group.name}: {day:%B %Y}",
                starts_at=_at(day, 10),
                ends_at=_at(day, 12),
                mode=rng.choice(["in_person", "online", "hybrid"]),
                venue=rng.choice(venues[group.organisation_id]),
                status="cancelled" if rng.random() < 0.03 else "scheduled",
                created_by=coordinator,
            )
            meetings.append(meeting)
            day += timedelta(days=step[group.cadence] + rng.randrange(-3, 4))
    _bulk(Meeting, meetings)
    for meeting in meetings:
        for position, topic in enumerate(rng.sample(TOPICS, 3), start=1):
            agenda.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=topic,
                    description=f"What members think about {topic.lower()}.",
                    minutes_allowed=30,
                )
            )
    _bulk(AgendaItem, agenda)
    items = defaultdict(list)
    for item in agenda:
        items[item.meeting_id].append(item)
    for meeting in meetings:
        meeting.agenda = items[meeting.id]
    return meetings


def _invitations(plan: _Plan, meetings: list[Meeting]) -> list[Invitation]:
    rng, today = plan.rng, plan.today
    invitations = []
    for meeting in meetings:
        day = meeting.starts_at.date()
        past = day < today
        for membership, joined, left in plan.memberships[meeting.group_id]:
            if joined > day or (left is not None and left < day):
                continue
            rsvp = rng.choices(["attending", "apologies", "no_reply"], weights=[76, 16, 8])[0]
            if not past and day > today + timedelta(days=40):
                rsvp = "no_reply"
            attended = None
            if past and meeting.status == "scheduled":
                attended = rsvp == "attending" and rng.random() < 0.93
            invitations.append(
                Invitation(
                    meeting=meeting,
                    person_id=membership.person_id,
                    rsvp=rsvp,
                    replied_at=None if rsvp == "no_reply" else _at(day - timedelta(days=7), 12),
                    replied_via="" if rsvp == "no_reply" else "online",
                    attended=attended,
                    attendance_recorded_at=_at(day, 12) if attended is not None else None,
                )
            )
    return _bulk(Invitation, invitations)


def _minutes_and_actions(plan: _Plan, meetings: list[Meeting]) -> None:
    rng, today = plan.rng, plan.today
    minutes, actions = [], []
    members = {g: [m.person_id for m, _, _ in ms] for g, ms in plan.memberships.items()}
    for meeting in meetings:
        day = meeting.starts_at.date()
        if day >= today or meeting.status != "scheduled":
            continue
        age = (today - day).days
        coordinator = meeting.created_by
        if age > 45:
            status, extra = (
                "published",
                {
                    "approved_at": _at(day + timedelta(days=20), 9),
                    "approved_by": coordinator,
                    "published_at": _at(day + timedelta(days=21), 9),
                },
            )
        elif age > 14:
            status, extra = "circulated", {}
        else:
            status, extra = "draft", {}
        minutes.append(
            Minutes(
                meeting=meeting,
                status=status,
                corrections_due=None if status == "draft" else day + timedelta(days=14),
                circulated_at=None if status == "draft" else _at(day + timedelta(days=3), 9),
                created_by=coordinator,
                **extra,
            )
        )
        for item in meeting.agenda[: rng.randint(1, 2)]:
            owner = rng.choice(members[meeting.group_id]) if rng.random() < 0.5 else None
            due = day + timedelta(days=rng.randrange(14, 90))
            done = due < today and rng.random() < 0.8
            actions.append(
                Action(
                    meeting=meeting,
                    agenda_item=item,
                    description=f"Find out more about {item.title.lower()} and report back.",
                    owner_person_id=owner,
                    owner_name="" if owner else "Dr Ana Lopez",
                    due_on=due,
                    status="done" if done else rng.choice(["open", "in_progress"]),
                    completed_on=due if done else None,
                )
            )
    _bulk(Minutes, minutes)
    by_meeting = {m.id: m for m in meetings}
    _bulk(
        MinuteEntry,
        [
            MinuteEntry(
                minutes=m,
                agenda_item=item,
                said="Members shared their experiences; most had waited too long.",
                agreed="The coordinator will take the points to the service lead.",
            )
            for m in minutes
            for item in by_meeting[m.meeting_id].agenda
        ],
    )
    _bulk(Action, actions)


# --- "You said, we did" and work plans -----------------------------------------


def _feedback_and_plans(plan: _Plan, meetings: list[Meeting]) -> None:
    rng, today = plan.rng, plan.today
    items = []
    for meeting in meetings:
        day = meeting.starts_at.date()
        if day >= today or meeting.status != "scheduled":
            continue
        for agenda_item in meeting.agenda[: rng.choice((0, 1, 1, 2))]:
            age = (today - day).days
            status = "received"
            if age > 120:
                status = rng.choice(["done", "done", "partly", "not_possible", "looking"])
            elif age > 30:
                status = rng.choice(["looking", "received"])
            on_board = status != "received" and rng.random() < 0.5
            items.append(
                FeedbackItem(
                    group_id=meeting.group_id,
                    text=f"Members said {agenda_item.title.lower()} needs to be better.",
                    said_on=day,
                    meeting=meeting,
                    agenda_item=agenda_item,
                    owner=meeting.created_by,
                    due_on=day + timedelta(weeks=8),
                    on_board=on_board,
                    public_text=f"{agenda_item.title} should be easier." if on_board else "",
                    status=status,
                    first_response_at=None
                    if status == "received"
                    else _at(day, 15) + timedelta(30),
                    answered_at=_at(day, 15) + timedelta(60)
                    if status in ("done", "partly", "not_possible")
                    else None,
                    last_update_at=None if status == "received" else _at(day, 15) + timedelta(60),
                    closed_at=_at(day, 15) + timedelta(60)
                    if status in ("done", "not_possible")
                    else None,
                    recorded_by=meeting.created_by,
                )
            )
    _bulk(FeedbackItem, items)
    responses = []
    for item in items:
        if item.status == "received":
            continue
        steps = ["looking"] if item.status == "looking" else ["looking", item.status]
        for n, status in enumerate(steps):
            at = _at(item.said_on, 15) + timedelta(days=30 * (n + 1))
            responses.append(
                FeedbackResponse(
                    item=item,
                    status=status,
                    what_happened="The service lead has looked at this with the clinic team.",
                    reason="" if status not in ("partly", "not_possible") else "Funding ran out.",
                    written_by=item.owner,
                    published_at=at,
                    published_by=item.owner,
                    members_told_at=at,
                )
            )
    _bulk(FeedbackResponse, responses)
    plans = _bulk(
        WorkPlan,
        [
            WorkPlan(
                group=group,
                next_review_on=today + timedelta(days=90),
                created_by=plan.staff[group.organisation_id]["coordinator"][0],
            )
            for group in plan.groups
        ],
    )
    _bulk(
        WorkItem,
        [
            WorkItem(
                plan=work_plan,
                title=topic,
                description=f"Improving {topic.lower()} with the service.",
                origin=rng.choice(["users", "organisation", "both"]),
                lead="Service lead",
                starts_on=today - timedelta(days=60),
                target_on=today + timedelta(days=rng.randrange(30, 300)),
                status=rng.choice(["planned", "in_progress", "in_progress", "done"]),
                position=position,
            )
            for work_plan in plans
            for position, topic in enumerate(rng.sample(TOPICS, rng.randint(5, 9)), start=1)
        ],
    )


# --- Recruitment ---------------------------------------------------------------


def _recruitment(plan: _Plan) -> None:
    rng, today = plan.rng, plan.today
    roles = _bulk(
        RoleDescription,
        [
            RoleDescription(
                organisation_id=group.organisation_id,
                group=group,
                title=f"Member of {group.name}",
                purpose="To bring the views of people with diabetes to the service.",
                activities="Come to meetings, read papers, share your views.",
                time_commitment="A two-hour meeting every month, plus reading.",
            )
            for group in plan.groups
        ],
    )
    criteria = _bulk(
        Criterion,
        [
            Criterion(
                role_description=role,
                position=position,
                title=title,
                question=question,
                essential=position <= 2,
                scoring_guide={str(n): f"Score {n}" for n in range(5)},
            )
            for role in roles
            for position, (title, question) in enumerate(CRITERIA, start=1)
        ],
    )
    criteria_of = defaultdict(list)
    for criterion in criteria:
        criteria_of[criterion.role_description_id].append(criterion)
    vacancies = []
    for role, group in zip(roles, plan.groups, strict=True):
        for year in range(YEARS, -1, -1):
            opens = today - timedelta(days=365 * year + rng.randrange(0, 200))
            closes = opens + timedelta(days=28)
            if closes < today - timedelta(days=30):
                status = "decided"
            elif closes < today:
                status = "closed"
            elif opens <= today:
                status = "open"
            else:
                continue
            vacancies.append(
                Vacancy(
                    public_id=_uuid(rng),
                    role_description=role,
                    group=group,
                    title=f"Join {group.name} ({opens:%Y})",
                    places=rng.randint(2, 5),
                    opens_on=opens,
                    closes_on=closes,
                    scoring_deadline=closes + timedelta(days=14),
                    status=status,
                )
            )
    _bulk(Vacancy, vacancies)
    panel = []
    for vacancy in vacancies:
        staff = plan.staff[vacancy.group.organisation_id]
        for user in [staff["coordinator"][0], *staff["panel_member"]]:
            panel.append(
                PanelMember(
                    vacancy=vacancy,
                    user=user,
                    shuffle_seed=rng.randrange(1, 2**31),
                    scoring_started_at=None
                    if vacancy.status == "open"
                    else _at(vacancy.closes_on, 9),
                )
            )
    _bulk(PanelMember, panel)
    panel_of = defaultdict(list)
    for member in panel:
        panel_of[member.vacancy_id].append(member)
    applications = []
    group_size = {g: len(ms) for g, ms in plan.memberships.items()}
    reference = 0
    for vacancy in vacancies:
        how_many = min(len(plan.persons), rng.randint(4, 10) + group_size[vacancy.group_id] // 8)
        for person in rng.sample(plan.persons, how_many):
            reference += 1
            if vacancy.status == "decided":
                status = rng.choices(
                    ["selected", "not_selected", "reserve", "withdrawn"], weights=[3, 5, 1, 1]
                )[0]
            elif vacancy.status == "closed":
                status = rng.choice(["submitted", "submitted", "shortlisted"])
            else:
                status = rng.choice(["draft", "submitted", "submitted"])
            applications.append(
                Application(
                    vacancy=vacancy,
                    person=person,
                    status=status,
                    reference=f"A-{reference:06d}",
                    availability="Weekday mornings",
                    submitted_at=None if status == "draft" else _at(vacancy.opens_on, 14),
                    decided_at=_at(vacancy.closes_on + timedelta(days=20), 9)
                    if vacancy.status == "decided"
                    else None,
                )
            )
    _bulk(Application, applications)
    answers, scores = [], []
    for application in applications:
        vacancy = application.vacancy
        for criterion in criteria_of[vacancy.role_description_id]:
            answers.append(
                Answer(
                    application=application,
                    criterion=criterion,
                    text="I have lived with Type 2 diabetes for ten years and help at my clinic.",
                )
            )
            if application.status == "draft" or vacancy.status == "open":
                continue
            for member in panel_of[vacancy.id]:
                if vacancy.status == "closed" and rng.random() < 0.5:
                    continue
                scores.append(
                    Score(
                        application=application,
                        criterion=criterion,
                        reviewer_id=member.user_id,
                        score=rng.randint(1, 4),
                        rationale="The answer gives a clear example.",
                    )
                )
    _bulk(Answer, answers)
    _bulk(Score, scores)


# --- Claims and payments ---------------------------------------------------------


def _claims(plan: _Plan, invitations: list[Invitation]) -> None:
    rng, today = plan.rng, plan.today
    with_login = {p.id for p in plan.persons if p.user_id}
    org_of_meeting = dict(Meeting.objects.values_list("id", "organisation_id"))
    group_of_meeting = dict(Meeting.objects.values_list("id", "group_id"))
    day_of_meeting = {m: s.date() for m, s in Meeting.objects.values_list("id", "starts_at")}
    runs = {}
    claims = []
    for invitation in invitations:
        if not invitation.attended or invitation.person_id not in with_login:
            continue
        if rng.random() > 0.4:
            continue
        org = org_of_meeting[invitation.meeting_id]
        day = day_of_meeting[invitation.meeting_id]
        finance = plan.staff[org]["finance"][0]
        approver = plan.staff[org]["coordinator"][0]
        age = (today - day).days
        if age > 45:
            status = "paid"
        elif age > 20:
            status = rng.choice(["approved", "submitted", "queried"])
        else:
            status = rng.choice(["submitted", "draft"])
        extra = {}
        if status in ("approved", "paid"):
            extra = {"approved_at": _at(day + timedelta(days=10), 11), "approved_by": approver}
        if status == "paid":
            month = (org, day.year, day.month)
            if month not in runs:
                runs[month] = PaymentRun(
                    organisation_id=org,
                    created_by=finance,
                    paid_on=day + timedelta(days=30),
                    method="bank_transfer",
                    reference=f"RUN-{org}-{day:%Y%m}",
                )
            extra.update(
                paid_at=_at(day + timedelta(days=30), 11),
                paid_on=day + timedelta(days=30),
                payment_method="bank_transfer",
                payment_reference=f"RUN-{org}-{day:%Y%m}",
                payment_run=runs[month],
            )
        claims.append(
            ExpenseClaim(
                public_id=_uuid(rng),
                organisation_id=org,
                person_id=invitation.person_id,
                meeting_id=invitation.meeting_id,
                invitation=invitation,
                group_id=group_of_meeting[invitation.meeting_id],
                status=status,
                involvement_payment=Decimal("25.00") if rng.random() < 0.5 else Decimal("0.00"),
                submitted_at=None if status == "draft" else _at(day + timedelta(days=2), 18),
                **extra,
            )
        )
    _bulk(PaymentRun, list(runs.values()))
    for claim in claims:
        if claim.payment_run is not None:
            claim.payment_run_id = claim.payment_run.id
    _bulk(ExpenseClaim, claims)
    lines = []
    for claim in claims:
        lines.append(
            ClaimLine(
                claim=claim,
                kind="public_transport",
                description="Bus there and back",
                amount=Decimal(rng.randint(300, 1200)) / 100,
            )
        )
        if rng.random() < 0.3:
            miles = Decimal(rng.randint(4, 40))
            lines.append(
                ClaimLine(
                    claim=claim,
                    kind="mileage",
                    miles=miles,
                    amount=(miles * Decimal("0.45")).quantize(Decimal("0.01")),
                )
            )
    _bulk(ClaimLine, lines)


# --- Messages ------------------------------------------------------------------------


def _messages(plan: _Plan, invitations: list[Invitation]) -> None:
    """The invitation each person was sent for each meeting, and a reminder
    for the recent and coming ones."""
    today = plan.today
    channel_of = {p.id: p.contact_channel for p in plan.persons}
    org_of_meeting = dict(Meeting.objects.values_list("id", "organisation_id"))
    day_of_meeting = {m: s.date() for m, s in Meeting.objects.values_list("id", "starts_at")}
    channel = {"email": "email", "post": "post", "phone": "phone"}
    messages = []
    for invitation in invitations:
        day = day_of_meeting[invitation.meeting_id]
        kinds = ["meeting_invitation"]
        if abs((day - today).days) < 60:
            kinds.append("meeting_reminder")
        for kind in kinds:
            sent = _at(day - timedelta(days=21 if kind == "meeting_invitation" else 7), 9)
            if sent.date() > today:
                continue  # not sent yet: no message until then
            messages.append(
                Notification(
                    recipient_id=invitation.person_id,
                    organisation_id=org_of_meeting[invitation.meeting_id],
                    channel=channel[channel_of[invitation.person_id]],
                    subject=f"Group meeting on {day:%d %B %Y}",
                    body_text="Dear member,\n\nYou are invited to the next group meeting.",
                    idempotency_key=f"national:{kind}:{invitation.meeting_id}:{invitation.person_id}",
                    kind=kind,
                    about=f"meeting:{invitation.meeting_id}",
                    status="sent",
                    attempts=1,
                    sent_at=sent,
                    read_at=sent + timedelta(hours=3)
                    if channel_of[invitation.person_id] == "email"
                    else None,
                )
            )
    _bulk(Notification, messages)
    # created_at is set on insert (auto_now_add): give each its day of sending.
    Notification.objects.filter(pk__in=[m.pk for m in messages]).update(created_at=F("sent_at"))


def _email_addresses() -> None:
    """Every account's address, checked (allauth signs nobody in before);
    accounts that have one already are left alone."""
    _bulk(
        EmailAddress,
        [
            EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
            for user_id, email in User.objects.filter(emailaddress__isnull=True)
            .order_by("id")
            .values_list("id", "email")
        ],
    )
