"""Demo data for evaluation (all fictional): for each demo organisation,
objectives of the organisation and of its first group, short, medium and long
term, with success measures -- some worked out from what the other demos
recorded (members, attendance, "you said" answered in time, days to pay), some
entered by the coordinator with five years of monthly readings, and five
years of the first group's meetings with attendance taken, so the SPC charts
have a real run to read (including a real change: a new evening meeting from
eighteen months ago lifts attendance and the share who feel listened to). Idempotent:
each objective and measure is looked up by name first, and a month that
already has a reading is left alone. The first group also rates itself
against the UK Standards for Public Involvement for the last three years, so
its dashboard shows the trend.

A region of generated groups (a small slice of bench/national.py's data set,
with both demo organisations) lets the Fellside commissioner open the region
dashboard."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from involvement.models import Group, Membership, Organisation

from . import services
from .models import (
    ImpactRecord,
    Objective,
    Reading,
    StandardAssessment,
    SuccessMeasure,
    SurveyAnswer,
    SurveyRound,
)
from .selectors import add_months, month_start, months_back

SLUGS = ["fellside", "riverbank"]
HISTORY_MONTHS = 60  # months of past group meetings with attendance taken: five years
EVENING_MEETINGS_FROM = 18  # months ago: the evening meeting lifts attendance
MONTHS_OF_READINGS = 60  # five years of monthly readings

# (title, term, owner, for the group?, [(name, method, source, direction, target)])
OBJECTIVES = [
    (
        "A full group that reflects the people it speaks for",
        "short",
        "Group coordinator",
        True,
        [
            (
                "Active members",
                "Active members at the end of each month, from the group's memberships.",
                "members",
                "up",
                Decimal("12"),
            ),
            (
                "Attendance at group meetings",
                "Share of invited members who came, from the attendance taken at each meeting.",
                "attendance",
                "up",
                Decimal("75"),
            ),
        ],
    ),
    (
        "Members feel listened to and know what difference they made",
        "medium",
        "Group coordinator",
        True,
        [
            (
                "Members who feel listened to (per cent)",
                "A show of hands at the end of each group meeting: “Did you feel listened "
                "to today?” Counted by the chair and entered by the coordinator.",
                "entered",
                "up",
                Decimal("80"),
            ),
        ],
    ),
    (
        "Every point members raise gets an answer in time",
        "medium",
        "Head of patient experience",
        False,
        [
            (
                "“You said” points answered in time",
                "Share of the points due each month that had a published answer by the due date.",
                "feedback_in_time",
                "up",
                Decimal("90"),
            ),
        ],
    ),
    (
        "Nobody is out of pocket for taking part",
        "short",
        "Finance manager",
        False,
        [
            (
                "Working days from claim to payment",
                "Median working days from a claim being sent to its payment, by month paid.",
                "days_to_pay",
                "down",
                Decimal("5"),
            ),
        ],
    ),
    (
        "Services change because of what members say",
        "long",
        "Network director",
        False,
        [
            (
                "Service changes agreed with members each quarter",
                "Changes to services the network's board agreed where members' views were "
                "recorded as a reason, counted from the board minutes each month.",
                "entered",
                "up",
                None,
            ),
        ],
    ),
]


def _listened_to(rng: random.Random, index: int) -> Decimal:
    """Around 58% until the evening meeting started eighteen months ago, then
    around 74%: a shift the SPC chart flags."""
    base = 58 if index < MONTHS_OF_READINGS - EVENING_MEETINGS_FROM else 74
    return Decimal(str(round(base + rng.uniform(-6, 6))))


def _changes(rng: random.Random, index: int) -> Decimal:
    return Decimal(rng.choice([0, 0, 1, 1, 1, 2, 2, 3]))


ENTERED = {
    "Members who feel listened to (per cent)": _listened_to,
    "Service changes agreed with members each quarter": _changes,
}


# (title, what changed, area, perspective, months ago, public wording or "")
IMPACTS = [
    (
        "A Diabetes Personal Care Charter",
        "Members wrote the charter with the network's clinicians; every practice now gives it "
        "to people at their annual review.",
        "services",
        "service_user",
        30,
        "People now get a charter at their annual review that says what care to expect.",
    ),
    (
        "Retinal screening letters and clinic times changed",
        "Letters rewritten in plain English with members; two evening clinics added. Uptake "
        "rose from 78% to 84% in a year.",
        "services",
        "commissioner",
        14,
        "Screening letters are clearer and there are evening clinics for people who work.",
    ),
    (
        "Paramedics trained on hypoglycaemia",
        "Two members spoke at the ambulance service's training days about what a severe hypo "
        "is like; crews now refer people on after a call-out.",
        "staff",
        "staff",
        9,
        "",
    ),
    (
        "Members' confidence in speaking at the network board",
        "Four members now speak at the board without a briefing from the coordinator.",
        "service_users",
        "service_user",
        5,
        "",
    ),
]

# Scores by round (months ago): staff put involvement at 7 to 8, service users
# at 0 to 5 (the North region workshop); the gap narrows a little over time.
ROUNDS = [
    (24, [7, 8, 8, 7, 8, 7], [2, 3, 1, 4, 2, 3, 5]),
    (12, [8, 7, 8, 8, 7], [3, 4, 5, 3, 4, 2]),
]


# The first group's self-assessment against the UK Standards for Public
# Involvement, year by year (years ago: ratings 1-4 and the evidence): a group
# getting better at most things, and honest about communications.
STANDARDS = {
    2: {
        "inclusive": (2, "Most members came through the clinic poster; few under 40."),
        "working_together": (2, "Ground rules agreed at the first meeting."),
        "support": (1, "Induction was a conversation with the coordinator, nothing written."),
        "governance": (1, "One member sat on the network board; the second seat was empty."),
        "communications": (2, "Papers went out by email a few days before meetings."),
        "impact": (1, "We did not record what changed."),
    },
    1: {
        "inclusive": (3, "Outreach at the mosque and the college brought in six new members."),
        "working_together": (3, "Members co-chair meetings in turn."),
        "support": (2, "A written induction pack and a buddy for each new member."),
        "governance": (3, "Two representatives on the network board, briefed before each meeting."),
        "communications": (2, "Papers a week ahead; large print for those who asked."),
        "impact": (2, "'You said, we did' started; half the points had an answer in time."),
    },
    0: {
        "inclusive": (3, "The group reflects the clinic's population except younger men."),
        "working_together": (4, "Members and staff reviewed how the group works together."),
        "support": (3, "Training on reading board papers; members say they feel more confident."),
        "governance": (4, "Both board seats filled all year, with debriefs published."),
        "communications": (2, "Papers are sometimes late; we are fixing the timetable."),
        "impact": (3, "Impact records kept; three changes published on the public page."),
    },
}


def _standards(group, today) -> None:
    for ago, ratings in STANDARDS.items():
        year = today.year - ago
        if StandardAssessment.objects.filter(group=group, year=year).exists():
            continue
        services.standards_save(
            group=group,
            year=year,
            answers={
                standard: {"rating": rating, "evidence": evidence}
                for standard, (rating, evidence) in ratings.items()
            },
        )


def _meeting_history(group, rng: random.Random, today) -> int:
    """A group meeting on the second Tuesday of each of the last
    HISTORY_MONTHS months (the last two left to the meetings demo), with
    attendance taken from the group's members, so the group dashboard's
    attendance chart has a history: about 65% came before the evening
    meeting began, about 80% after."""
    from meetings.models import Invitation, Meeting

    people = list(
        Membership.objects.filter(group=group, status__in=["active", "inducted"]).values_list(
            "person_id", flat=True
        )
    )
    if not people:
        return 0
    made = 0
    tz = timezone.get_current_timezone()
    for ago in range(HISTORY_MONTHS, 1, -1):
        month = add_months(month_start(today), -ago)
        first_tuesday = 1 + (1 - month.weekday()) % 7
        day = month.replace(day=first_tuesday + 7)
        title = f"Group meeting, {day:%B %Y}"
        if Meeting.objects.filter(group=group, title=title).exists():
            continue
        evening = ago <= EVENING_MEETINGS_FROM
        starts = datetime.datetime.combine(day, datetime.time(18 if evening else 14), tzinfo=tz)
        meeting = Meeting.objects.create(
            organisation=group.organisation,
            group=group,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )
        chance = 0.8 if evening else 0.65
        Invitation.objects.bulk_create(
            Invitation(
                meeting=meeting,
                person_id=person_id,
                rsvp="attending",
                attended=rng.random() < chance,
                attendance_recorded_at=starts + datetime.timedelta(hours=2),
            )
            for person_id in people
        )
        made += 1
    return made


def _impacts(organisation, group, months) -> None:
    for title, what, area, perspective, ago, public in IMPACTS:
        if ImpactRecord.objects.filter(organisation=organisation, title=title).exists():
            continue
        record = services.impact_record_create(
            organisation=organisation,
            group=group,
            title=title,
            what_changed=what,
            area=area,
            perspective=perspective,
            changed_on=months[-1 - ago] if ago < len(months) else months[0],
        )
        if public and group is not None:
            services.impact_record_publish(record=record, published=True, public_text=public)


def _surveys(organisation, months) -> None:
    for ago, staff, users in ROUNDS:
        opens_on = months[-1 - ago]
        title = f"Involvement score, {opens_on:%B %Y}"
        if SurveyRound.objects.filter(organisation=organisation, title=title).exists():
            continue
        survey_round = services.survey_round_create(
            organisation=organisation,
            title=title,
            opens_on=opens_on,
            closes_on=opens_on.replace(day=28),
        )
        for stakeholder, scores in (("staff", staff), ("service_user", users)):
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(round=survey_round, stakeholder=stakeholder, score=score)
                for score in scores
            )


# --- a region of generated groups, for the region dashboard ----------------------

REGION_NAME = "Northshire and Dales diabetes commissioners"
# A small slice of the national data set (bench/national.py) joined beside the
# demo organisations: two organisations, ten groups, five years of
# meetings, "you said" points and claims.
GENERATED_SCALE = 0.04
GENERATED_SEED = 2026
GENERATED_SLUG_PREFIX = "nat-"
REGION_COMMISSIONERS = ["commissioner@fellside.example"]


def _generated_standards(groups, today, rng: random.Random) -> None:
    """Each generated group rates itself against the six standards for the
    last two years (a little better the second year, mostly)."""
    from .models import Standard

    have = set(
        StandardAssessment.objects.filter(group__in=groups).values_list("group_id", flat=True)
    )
    rows = []
    for group in groups:
        if group.pk in have:
            continue
        for value, _label in Standard.choices:
            rating = rng.randint(1, 3)
            for year in (today.year - 1, today.year):
                rows.append(
                    StandardAssessment(
                        group=group,
                        year=year,
                        standard=value,
                        rating=rating,
                        evidence="Rated by the group at its annual review.",
                    )
                )
                rating = min(4, rating + rng.choice([0, 0, 1]))
    StandardAssessment.objects.bulk_create(rows)


def _region(today, stdout=None) -> None:
    """The demo region: both demo organisations and a few generated ones share
    their figures with it, and the Fellside commissioner reads it."""
    from django.contrib.auth import get_user_model

    from bench import national

    from .models import Region, RegionGrant

    region, _ = Region.objects.get_or_create(name=REGION_NAME)
    region.commissioners.add(*get_user_model().objects.filter(email__in=REGION_COMMISSIONERS))
    if not Organisation.objects.filter(slug__startswith=GENERATED_SLUG_PREFIX).exists():
        national.generate(
            seed=GENERATED_SEED,
            scale=GENERATED_SCALE,
            today=today,
            log=lambda _line: None,
            beside_existing=True,
            messages=False,
            password=None,
        )
    organisations = list(
        Organisation.objects.filter(
            Q(slug__in=SLUGS) | Q(slug__startswith=GENERATED_SLUG_PREFIX)
        ).order_by("pk")
    )
    sharing = set(
        RegionGrant.objects.filter(region=region, revoked_at__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    for organisation in organisations:
        if organisation.pk not in sharing:
            services.region_grant(organisation=organisation, region=region)
    _generated_standards(
        list(Group.objects.filter(organisation__slug__startswith=GENERATED_SLUG_PREFIX)),
        today,
        random.Random("evaluation-region"),  # noqa: S311 - demo figures only
    )
    if stdout:
        stdout.write(f"evaluation: region {REGION_NAME} with {len(organisations)} organisations")


@transaction.atomic
def seed(stdout=None) -> None:
    months = months_back(months=MONTHS_OF_READINGS)
    made = 0
    for slug in SLUGS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        group = Group.objects.filter(organisation=organisation).order_by("pk").first()
        rng = random.Random(f"evaluation-{slug}")  # noqa: S311 - demo figures only
        _impacts(organisation, group, months)
        _surveys(organisation, months)
        if group is not None:
            _standards(group, timezone.localdate())
            history_rng = random.Random(f"evaluation-meetings-{slug}")  # noqa: S311
            _meeting_history(group, history_rng, timezone.localdate())
        for title, term, owner, for_group, measures in OBJECTIVES:
            if for_group and group is None:
                continue
            objective = Objective.objects.filter(organisation=organisation, title=title).first()
            if objective is None:
                objective = services.objective_create(
                    organisation=organisation,
                    group=group if for_group else None,
                    title=title,
                    term=term,
                    owner=owner,
                )
                made += 1
            for name, method, source, direction, target in measures:
                measure = SuccessMeasure.objects.filter(objective=objective, name=name).first()
                if measure is None:
                    measure = services.measure_create(
                        objective=objective,
                        name=name,
                        method=method,
                        source=source,
                        direction=direction,
                        target=target,
                    )
                if not measure.is_entered:
                    continue
                have = set(Reading.objects.filter(measure=measure).values_list("month", flat=True))
                for index, month in enumerate(months):
                    value = ENTERED[name](rng, index)
                    if month not in have:
                        Reading.objects.create(measure=measure, month=month, value=value)
    if stdout:
        stdout.write(f"evaluation: {made} objectives added")
    if Organisation.objects.filter(slug__in=SLUGS).exists():
        _region(timezone.localdate(), stdout)
