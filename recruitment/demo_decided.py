"""Demo data for a complete, decided recruitment round (all names fictional).

For the Riverbank Diabetes Panel: a role description with four criteria and
scoring guides, a vacancy for four places that closed about seven weeks ago,
twelve applications from new applicants with varied (consented) diversity
answers, a panel of three, every score with its reason, one moderation, a
shortlist of seven, the informal conversations, a balanced selection proposal
from the real solver accepted with one change, and a decision with a reason
for everyone: selected applicants become "selected" memberships and every
applicant has a decision letter in the outbox.

Everything after the applications themselves goes through the recruitment
services, so the audit trail, memberships and letters are the real ones. The
applications are made directly (as in recruitment.demo), because the services
only take applications while a vacancy is open, and this one closed weeks ago.

The panel has raised its minimums for Type 1 diabetes and for people under 40
(it is short of both among active members), so the highest-scoring four would
not do: the proposal trades a little score for those minimums.

Idempotent: every step is guarded, so running it again changes nothing.
Meant to be called at the end of recruitment.demo.seed.
"""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from involvement.demo import schedule
from involvement.demo.accounts import ensure_user
from involvement.models import DiversityFactor, Group, Organisation, Person, StaffRole, User
from involvement.services import groups as group_services
from involvement.services import people as people_services

from .models import (
    Answer,
    Application,
    Conversation,
    ModeratedScore,
    PanelMember,
    RoleDescription,
    SelectionProposal,
    Vacancy,
)
from .services import roles as role_services
from .services import scoring as scoring_services
from .services import selection as selection_services
from .services import vacancies as vacancy_services
from .services.applications import new_reference
from .services.decisions import application_decide
from .services.scoring import ScoreEntry

ORGANISATION_SLUG = "riverbank"
GROUP_NAME = "Riverbank Diabetes Panel"
ROLE_TITLE = "Member of the Riverbank Diabetes Panel"
VACANCY_TITLE = "Join the Riverbank Diabetes Panel (spring round)"
PLACES = 4

# The panel asked for more members with Type 1 diabetes and more under 40.
RAISED_MINIMUMS = {"Type 1 diabetes": 5, "Aged under 40": 6}

# Reviewers: (email, full name, preferred name). The coordinator also sits on the panel.
PANEL_USERS = [
    ("ruth.adair@riverbank.example", "Ruth Adair", "Ruth"),
    ("dev.kapoor@riverbank.example", "Devesh Kapoor", "Dev"),
]


def _guide(*sentences: str) -> dict[str, str]:
    return {str(point): sentence for point, sentence in enumerate(sentences)}


# (title, question, essential, weight, scoring guide, reviewers' comments by score)
CRITERIA = [
    (
        "Experience of diabetes and local services",
        "Tell us about your experience of diabetes: your own, or as a carer, or being told "
        "you are at risk. What has using services in the borough been like?",
        True,
        2,
        _guide(
            "No experience of diabetes or of local services is described.",
            "Mentions diabetes, but says little about using services.",
            "Describes their own or a cared-for person's experience of a service.",
            "Describes several services, with what worked and what did not.",
            "Describes varied experience in detail and what it shows about services.",
        ),
        {
            1: "Mentions diabetes but not what using services has been like.",
            2: "One service described, from their own experience.",
            3: "Several services described, with what worked and what did not.",
            4: "Detailed, varied experience, and thinks about what it says about services.",
        },
    ),
    (
        "Bringing other people's views",
        "The panel speaks for everyone with diabetes in the borough, not only its members. "
        "Tell us about a time you listened to, or spoke up for, other people.",
        True,
        2,
        _guide(
            "Talks only about their own situation.",
            "Would like to help others, but gives no example.",
            "Gives an example of thinking about other people's needs.",
            "Gives an example of speaking up for a group of people, and what happened.",
            "Clear examples of representing other people fairly, including views unlike their own.",
        ),
        {
            1: "Talks about wanting to help, but the answer is about their own care.",
            2: "An example of thinking about others, though not of speaking for them.",
            3: "A good example of speaking up for a group, with what happened.",
            4: "Strong examples, including passing on views they did not share.",
        },
    ),
    (
        "Working with NHS and council staff",
        "Panel members work with doctors, nurses, managers and council officers. How would "
        "you raise a criticism so that it helps things change?",
        True,
        1,
        _guide(
            "Shows no wish to work with staff.",
            "Willing to work with staff, but no sense of how.",
            "Would raise a concern politely and listen to the answer.",
            "Has worked with others to find a solution to a problem.",
            "Has turned a criticism into a practical suggestion that was taken up.",
        ),
        {
            1: "Willing, but the answer is mostly about what staff get wrong.",
            2: "Would raise concerns politely and listen.",
            3: "A real example of working with staff on a solution.",
            4: "Turned a complaint into a suggestion the service took up.",
        },
    ),
    (
        "Taking part regularly",
        "The panel meets monthly on weekday evenings, in the borough or online, with some "
        "reading in between. How would you fit this in?",
        False,
        1,
        _guide(
            "Unlikely to attend most meetings.",
            "Could attend some meetings; unsure about the rest.",
            "Can attend most meetings, perhaps with some support.",
            "Can attend regularly and has thought about what might get in the way.",
            "Can attend regularly, has planned around barriers, and would read between meetings.",
        ),
        {
            1: "Unsure they could come to most meetings.",
            2: "Most meetings, with some support.",
            3: "Regularly, and has thought about what could get in the way.",
            4: "Regularly, has planned around barriers, happy to read papers.",
        },
    ),
]

# (full name, preferred name, diversity answers or None (no consent), intended
#  agreed scores per criterion, answers, availability, support needed)
# Diversity: (diabetes type, age band, ethnicity, locality index, carer).
APPLICANTS = [
    (
        "Adaeze Nwachukwu",
        "Ada",
        ("type_2", "55_64", "black", 0, "no"),
        (4, 4, 3, 3),
        (
            "Type 2 for twelve years, now on insulin. The foot clinic at the health centre is "
            "excellent; getting a retinal screening slot near home is not.",
            "I chair the tenants' association on my estate and take residents' health worries "
            "to the council every quarter.",
            "I would bring numbers and stories together: how many people waited, and one story.",
            "Evenings suit me. I would read papers on the bus.",
        ),
        "Weekday evenings",
        "",
    ),
    (
        "Graham Pettifer",
        "",
        ("type_2", "65_74", "white", 1, "no"),
        (4, 3, 4, 3),
        (
            "Type 2 for eight years. I did the structured education course and it changed "
            "everything; my GP practice has been patchy.",
            "I volunteer at the community library's health information stand.",
            "I worked with the practice manager to change how reviews are booked.",
            "Most evenings, though I am starting night shifts as a security guard soon.",
        ),
        "Evenings, depending on shifts",
        "",
    ),
    (
        "Shabnam Rahman",
        "",
        ("type_2", "40_54", "asian", 0, "yes"),
        (3, 4, 3, 3),
        (
            "I have Type 2 and care for my father, who has Type 2 and kidney problems. We "
            "see three different teams.",
            "I run a Bengali-speaking women's health group and take their questions to the "
            "practice nurse.",
            "Politely, and with a suggestion, such as leaflets in Bengali.",
            "Evenings once my father is settled; online is easier.",
        ),
        "Evenings, online preferred",
        "An interpreter is not needed, but papers a week ahead would help.",
    ),
    (
        "Lionel Carrington",
        "",
        ("type_2", "65_74", "black", 1, "no"),
        (3, 3, 4, 3),
        (
            "Type 2 for six years. The pharmacy helped me more than the surgery at first.",
            "I am a deacon at church and organised blood sugar checks after the service.",
            "I sat on a hospital patient forum and we changed the discharge leaflet.",
            "Any evening.",
        ),
        "Any evening",
        "",
    ),
    (
        "Ella Marchetti",
        "",
        ("type_1", "25_39", "white", 1, "no"),
        (3, 3, 3, 3),
        (
            "Type 1 since I was 12. Moving from the children's clinic to the adult clinic "
            "was hard, and I nearly stopped going.",
            "I moderate an online group for young adults with Type 1 in south London.",
            "I'd share what young adults told us, with examples, and ask what is possible.",
            "Evenings are fine, and online when I'm travelling for work.",
        ),
        "Weekday evenings",
        "",
    ),
    (
        "Tobi Adeleke",
        "",
        ("type_1", "25_39", "black", 0, "no"),
        (3, 3, 2, 3),
        (
            "I have Type 1 and use a pump. Getting the pump took two years of asking.",
            "At work I'm the staff network rep and I collect colleagues' views.",
            "I'd raise it calmly and listen to why things are the way they are.",
            "Evenings, apart from the odd late shift.",
        ),
        "Most evenings",
        "",
    ),
    (
        "Nikhil Raina",
        "",
        ("type_2", "25_39", "asian", 1, "no"),
        (3, 2, 3, 3),
        (
            "I was diagnosed with Type 2 last year at 31 and felt very alone.",
            "I've started talking to friends about getting checked.",
            "I'd explain how it felt and what would have helped.",
            "Evenings are fine.",
        ),
        "Evenings",
        "",
    ),
    (
        "Pauline Kershaw",
        "",
        ("type_2", "75_plus", "white", 0, "no"),
        (2, 1, 2, 2),
        (
            "Type 2 for twenty years. The surgery is good to me.",
            "I want the panel to sort out my repeat prescriptions.",
            "I would tell them straight.",
            "Early evenings, if I can get a lift.",
        ),
        "Early evenings",
        "A lift home after evening meetings.",
    ),
    (
        "Imran Siddiqui",
        "",
        ("type_2", "55_64", "asian", 1, "no"),
        (2, 2, 2, 2),
        (
            "Type 2 for three years. Appointments are fine.",
            "I help at the mosque food bank.",
            "I would write a letter.",
            "Some evenings.",
        ),
        "Some evenings",
        "",
    ),
    (
        "Bethany Cole",
        "Beth",
        ("type_1", "under_25", "white", 0, "no"),
        (2, 1, 2, 4),
        (
            "I have Type 1 and I'm at university. The clinic won't see me outside term time.",
            "Mostly I want my own clinic times to change.",
            "I'd email them.",
            "Any evening, online or in person.",
        ),
        "Any evening",
        "Online meetings in term time.",
    ),
    (
        "Olga Petrenko",
        "",
        ("none", "40_54", "white", 1, "yes"),
        (2, 2, 2, 1),
        (
            "My husband has Type 2. I go to his appointments with him.",
            "I listen to other carers at the carers' centre.",
            "I would ask questions.",
            "Only now and then: I work evenings.",
        ),
        "Occasional evenings",
        "",
    ),
    (
        "Femi Adewale",
        "",
        None,
        (2, 3, 2, 1),
        (
            "Type 2 for five years. Some good care, some long waits.",
            "I'm a school governor and I speak for parents at meetings.",
            "I'd bring it up at the right meeting.",
            "Maybe one evening in three.",
        ),
        "One evening in three",
        "",
    ),
]

# Which applicant gets a login (to show the applicant's feedback page).
APPLICANT_LOGIN = ("ella.marchetti@riverbank-mail.example", "Ella Marchetti")

# The one disagreement: applicant index, criterion index, three reviewers' scores,
# the agreed score and why.
MODERATION = (
    2,
    1,
    (4, 4, 1),
    4,
    "One reviewer had not seen the second half of the answer, which describes taking the "
    "women's group's questions to the practice nurse and getting a Bengali leaflet made. "
    "The panel agreed it shows speaking up for a group, with what happened.",
)

SHORTLIST_REASONS = {
    0: "Highest total; strong on experience of services and on bringing others' views.",
    1: "High total; a clear example of working with the practice to change bookings.",
    2: "Strong on bringing others' views (after moderation); a carer's perspective.",
    3: "Meets every essential criterion well; experience of a patient forum.",
    4: "Meets every essential criterion; experience of moving from children's to adult care.",
    5: "Meets every essential criterion; experience of asking for a pump.",
    6: "Meets every essential criterion; recently diagnosed at a young age.",
}

# (index, days after closing, mode, notes, match confirmed, support agreed)
CONVERSATIONS = [
    (
        0,
        16,
        Conversation.Mode.PHONE,
        "Keen, understands the panel is not about her own care. Asked about the reading.",
        True,
        "",
    ),
    (
        1,
        16,
        Conversation.Mode.PHONE,
        "Starts night shifts next month, so would miss most evening meetings until the "
        "autumn, so not a match for now. Would like to be considered when his shifts "
        "change.",
        False,
        "",
    ),
    (
        2,
        17,
        Conversation.Mode.VIDEO,
        "Clear about the role. Can join online while caring for her father.",
        True,
        "Papers sent a week ahead; online joining link for every meeting.",
    ),
    (
        3,
        17,
        Conversation.Mode.FACE_TO_FACE,
        "Good conversation at the health centre. Understands the commitment.",
        True,
        "",
    ),
    (
        4,
        18,
        Conversation.Mode.VIDEO,
        "Very clear about why young adults' voices are missing. Happy to join in person.",
        True,
        "",
    ),
    (
        5,
        18,
        Conversation.Mode.PHONE,
        "Understands it is a panel, not a support group. Would like a buddy at first.",
        True,
        "A buddy for the first three meetings.",
    ),
    (
        6,
        19,
        Conversation.Mode.PHONE,
        "Mainly looking for support after a recent diagnosis rather than to speak for "
        "others. Signposted to the Type 2 education course and a peer group; invited to "
        "apply again next year.",
        False,
        "",
    ),
]

ACCEPT_REASON = (
    "The conversation with {removed} found that night shifts will keep them from most "
    "evening meetings until the autumn, so they go on the reserve list. {added} is the "
    "next highest and keeps every minimum met."
)

# Decisions by applicant index: (outcome, reason the applicant reads).
Status = Application.Status
DECISIONS = {
    0: (
        Status.SELECTED,
        "You scored highly on every part of the role description, especially your "
        "experience of local services and bringing residents' views to the council.",
    ),
    2: (
        Status.SELECTED,
        "Your answers showed how you bring other people's views, in particular through "
        "the women's health group, and a carer's perspective the panel needs.",
    ),
    4: (
        Status.SELECTED,
        "You met every essential part of the role description well, and the panel needs "
        "more members with Type 1 diabetes and more members under 40.",
    ),
    5: (
        Status.SELECTED,
        "You met every essential part of the role description, and the panel needs more "
        "members with Type 1 diabetes and more members under 40.",
    ),
    1: (
        Status.RESERVE,
        "You scored highly, but you told us night shifts will keep you from most evening "
        "meetings until the autumn. We will offer you the next place that comes up.",
    ),
    3: (
        Status.RESERVE,
        "You met every essential part of the role description, but others scored a little "
        "higher or helped the panel reach its minimums. We will offer you a place if one "
        "comes up.",
    ),
    6: (
        Status.NOT_SELECTED,
        "In our conversation you said you were mainly looking for support after your "
        "diagnosis. We have sent details of the education course and a peer group, and "
        "we would welcome an application next year.",
    ),
}
NOT_SHORTLISTED_REASONS = {
    7: "Your answer about bringing other people's views scored 1 out of 4; this part was "
    "essential and needed 2. Thank you for applying.",
    9: "Your answer about bringing other people's views scored 1 out of 4; this part was "
    "essential and needed 2. We hope you will apply again.",
}
NOT_SHORTLISTED_DEFAULT = (
    "You met the essential parts of the role description, but seven applicants scored "
    "higher and were invited to a conversation. Thank you for applying."
)


def _out(stdout, text: str) -> None:
    if stdout:
        stdout.write(text)


def _comment(criterion_index: int, score: int, reviewer_index: int) -> str:
    comments = CRITERIA[criterion_index][5]
    if score == 0:
        return "The answer does not touch on this."
    text = comments[score]
    if reviewer_index == 1:
        return f"{text} (Matches the guide for {score}.)"
    return text


def _reviewer_scores(intended: int, app_index: int, criterion_index: int) -> tuple[int, int, int]:
    """Three reviewers' scores that average to the intended score."""
    if MODERATION[0] == app_index and MODERATION[1] == criterion_index:
        return MODERATION[2]
    if intended in (0, 4):
        return (intended, intended, intended)
    return [(intended, intended, intended), (intended + 1, intended, intended - 1)][
        (app_index + criterion_index) % 2
    ]


def _raise_minimums(group: Group) -> None:
    for factor in DiversityFactor.objects.filter(group=group, name__in=RAISED_MINIMUMS):
        wanted = RAISED_MINIMUMS[factor.name]
        if factor.minimum < wanted:
            group_services.diversity_factor_update(
                factor=factor,
                name=factor.name,
                attribute=factor.attribute,
                values=factor.values,
                minimum=wanted,
            )


def _panel_users(organisation: Organisation) -> list[User]:
    users = []
    for email, full_name, preferred in PANEL_USERS:
        user = ensure_user(email=email, full_name=full_name, preferred_name=preferred)
        StaffRole.objects.get_or_create(
            user=user, organisation=organisation, role=StaffRole.Role.PANEL_MEMBER
        )
        users.append(user)
    return users


def _role(organisation: Organisation, group: Group) -> RoleDescription:
    role = RoleDescription.objects.filter(organisation=organisation, title=ROLE_TITLE).first()
    if role is None:
        role = role_services.role_description_create(
            organisation=organisation,
            title=ROLE_TITLE,
            group=group,
            purpose=(
                "To bring the experience of people with diabetes, carers and people at risk "
                "of Type 2 diabetes in the borough into the partnership's decisions."
            ),
            activities=(
                "Come to monthly panel meetings. Read short papers beforehand. Share your "
                "experience and what you hear from others. Help the partnership choose what "
                "to improve and check whether changes worked."
            ),
            time_commitment="About three hours a month: a two-hour meeting and some reading",
            meeting_pattern=schedule.pattern_words(organisation.slug, "Monthly"),
            payment=RoleDescription.Payment.EXPENSES_AND_PAYMENT,
            payment_details="Travel and care costs, and £25 for each meeting you attend.",
        )
    if not role.criteria.exists():
        for title, question, essential, weight, guide, _comments in CRITERIA:
            role_services.criterion_create(
                role_description=role,
                title=title,
                question=question,
                essential=essential,
                weight=weight,
                scoring_guide=guide,
            )
    return role


def _applicant(index: int, row, organisation: Organisation) -> Person:
    full_name, preferred, diversity, *_rest = row
    if full_name == APPLICANT_LOGIN[1]:
        user = ensure_user(email=APPLICANT_LOGIN[0], full_name=full_name, preferred_name=preferred)
        person = people_services.person_get_or_create_for_user(user=user)
    else:
        person = Person.objects.filter(full_name=full_name).first()
        if person is None:
            first, *rest = full_name.lower().split()
            person = people_services.person_create(
                full_name=full_name,
                preferred_name=preferred,
                email=f"{first}.{rest[-1]}@riverbank-mail.example",
                contact_channel=Person.Channel.EMAIL,
            )
    if diversity and not person.diversity_consents.exists():
        diabetes, age, ethnicity, place, carer = diversity
        localities = organisation.localities or []
        people_services.diversity_save(
            person=person,
            answers={
                "diabetes_type": diabetes,
                "age_band": age,
                "ethnicity": ethnicity,
                "locality": localities[place] if place < len(localities) else "",
                "carer": carer,
                "at_risk_of_type_2": "no" if diabetes != "none" else "",
            },
            consent_given=True,
        )
    return person


def _vacancy(role: RoleDescription, group: Group, coordinator: User | None) -> Vacancy:
    """Made through the services: created, opened, given its applications,
    dated in the past and closed."""
    today = timezone.localdate()
    closes = today - timedelta(days=49)
    vacancy = vacancy_services.vacancy_create(
        role_description=role,
        group=group,
        title=VACANCY_TITLE,
        places=PLACES,
        opens_on=closes - timedelta(days=35),
        closes_on=today,
        reviewers_per_application=3,
        outreach_channels=[
            c
            for c in group.organisation.outreach_channels.all()
            if c.name
            in {
                "GP surgeries",
                "Diabetes clinics",
                "Community and faith organisations",
                "Libraries",
            }
        ],
    )
    vacancy = vacancy_services.vacancy_open(vacancy=vacancy, by=coordinator)
    criteria = list(role.criteria.order_by("position"))
    for index, row in enumerate(APPLICANTS):
        person = _applicant(index, row, group.organisation)
        _name, _pref, _div, _scores, answers, availability, support = row
        application = Application.objects.create(
            vacancy=vacancy,
            person=person,
            reference=new_reference(),
            status=Application.Status.SUBMITTED,
            route=Application.Route.ONLINE,
            availability=availability,
            support_needed=support,
            submitted_at=timezone.now() - timedelta(days=50 + index % 20, hours=index),
        )
        Answer.objects.bulk_create(
            [
                Answer(application=application, criterion=criterion, text=text)
                for criterion, text in zip(criteria, answers, strict=True)
            ]
        )
    vacancy = vacancy_services.vacancy_update(
        vacancy=vacancy, closes_on=closes, scoring_deadline=closes + timedelta(days=14)
    )
    return vacancy_services.vacancy_close(vacancy=vacancy, by=coordinator)


def _applications(vacancy: Vacancy) -> list[Application]:
    by_name = {
        a.person.full_name: a for a in vacancy.applications.select_related("person", "conversation")
    }
    return [by_name[row[0]] for row in APPLICANTS]


def _score(vacancy: Vacancy, applications: list[Application]) -> None:
    scoring_services.reviews_assign(vacancy=vacancy)
    criteria = list(vacancy.role_description.criteria.order_by("position"))
    panel = list(PanelMember.objects.filter(vacancy=vacancy).select_related("user", "vacancy"))
    panel.sort(key=lambda p: p.user.email)
    for reviewer_index, panel_member in enumerate(panel):
        vacancy_services.panel_member_start_scoring(panel_member=panel_member)
        assigned = set(panel_member.assignments.values_list("application_id", flat=True))
        for criterion_index, criterion in enumerate(criteria):
            entries = []
            for app_index, application in enumerate(applications):
                if application.pk not in assigned:
                    continue
                intended = APPLICANTS[app_index][3][criterion_index]
                value = _reviewer_scores(intended, app_index, criterion_index)[reviewer_index % 3]
                entries.append(
                    ScoreEntry(
                        application=application,
                        score=value,
                        rationale=_comment(criterion_index, value, reviewer_index),
                    )
                )
            scoring_services.scores_record(
                panel_member=panel_member, criterion=criterion, entries=entries
            )


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _date_the_round(vacancy: Vacancy) -> None:
    """The services stamp each audit step with the minute the demo ran; the
    round itself ran weeks ago. Date each step when it happened in the story:
    opened and panel set up on the opening day, closed on the closing day,
    scores over the fortnight after, moderation and shortlist, conversations
    on their own days, then the proposal and decisions a few days after the
    last conversation. Only steps stamped after the story's end (by this
    seeding) are moved, so running the demo again moves nothing."""
    opens, closes = vacancy.opens_on, vacancy.closes_on
    if opens is None or closes is None:
        return
    held = dict(
        Conversation.objects.filter(application__vacancy=vacancy).values_list(
            "application_id", "held_on"
        )
    )
    decided_on = max(held.values(), default=closes + timedelta(days=14)) + timedelta(days=3)
    scoring_days = 10
    story_ends = _at(decided_on + timedelta(days=1), 23, 59)
    events = vacancy.audit_events.filter(at__gt=story_ends).order_by("at", "id")
    for index, event in enumerate(events):
        action = event.action
        if action in {"vacancy_opened", "panel_member_added"}:
            at = _at(opens, 9, 30 + index % 20)
        elif action == "vacancy_closed":
            at = _at(closes, 17)
        elif action in {"reviewers_assigned", "scoring_started"}:
            at = _at(closes + timedelta(days=1), 9, index % 50)
        elif action in {"score", "score_changed"}:
            at = _at(closes + timedelta(days=2 + index % scoring_days), 10 + index % 7, index % 60)
        elif action == "moderation":
            at = _at(closes + timedelta(days=scoring_days + 3), 11)
        elif action == "shortlist":
            at = _at(closes + timedelta(days=scoring_days + 4), 14, index % 60)
        elif action == "conversation" and event.application_id in held:
            at = _at(held[event.application_id], 15)
        elif action.startswith("proposal"):
            at = _at(decided_on, 10, index % 60)
        else:  # decisions and their letters, anything else done at the end
            at = _at(decided_on + timedelta(days=1), 11, index % 60)
        type(event).objects.filter(pk=event.pk).update(at=at)


@transaction.atomic
def seed(stdout=None) -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    group = Group.objects.filter(organisation=organisation, name=GROUP_NAME).first()
    if organisation is None or group is None:
        _out(stdout, "recruitment (decided round): no Riverbank group yet, skipped")
        return
    coordinator = User.objects.filter(
        staff_roles__organisation=organisation, staff_roles__role=StaffRole.Role.COORDINATOR
    ).first()
    if coordinator is None:
        _out(stdout, "recruitment (decided round): no Riverbank coordinator yet, skipped")
        return
    role_services.outreach_channels_ensure_defaults(organisation=organisation)
    _raise_minimums(group)
    reviewers = _panel_users(organisation)
    role = _role(organisation, group)

    vacancy = Vacancy.objects.filter(role_description=role, title=VACANCY_TITLE).first()
    if vacancy is None:
        vacancy = _vacancy(role, group, coordinator)
    if vacancy.status == Vacancy.Status.DECIDED:
        _out(stdout, "recruitment (decided round): already decided, nothing to do")
        return

    for user in [coordinator, *reviewers]:
        if not PanelMember.objects.filter(vacancy=vacancy, user=user).exists():
            vacancy_services.panel_member_add(vacancy=vacancy, user=user, by=coordinator)

    applications = _applications(vacancy)
    _score(vacancy, applications)

    app_index, criterion_index, _scores, agreed, reason = MODERATION
    criterion = vacancy.role_description.criteria.order_by("position")[criterion_index]
    moderated = applications[app_index]
    if not ModeratedScore.objects.filter(application=moderated, criterion=criterion).exists():
        scoring_services.score_moderate(
            application=moderated,
            criterion=criterion,
            score=agreed,
            reason=reason,
            moderated_by=coordinator,
        )

    for index, reason in SHORTLIST_REASONS.items():
        application = applications[index]
        application.refresh_from_db()
        if application.status == Application.Status.SUBMITTED:
            scoring_services.application_shortlist(
                application=application, reason=reason, shortlisted_by=coordinator
            )

    for index, days, mode, notes, match, support in CONVERSATIONS:
        application = applications[index]
        application.refresh_from_db()
        if not Conversation.objects.filter(application=application).exists():
            scoring_services.conversation_record(
                application=application,
                held_on=vacancy.closes_on + timedelta(days=days),
                mode=mode,
                notes=notes,
                match_confirmed=match,
                support_agreed=support,
                held_by=coordinator,
            )

    proposal = selection_services.accepted_proposal(vacancy=vacancy)
    if proposal is None:
        proposal = (
            SelectionProposal.objects.filter(vacancy=vacancy).order_by("-created_at").first()
        ) or selection_services.selection_propose(
            vacancy=vacancy, mode=SelectionProposal.Mode.BALANCED, created_by=coordinator
        )
        # Someone proposed whose conversation did not confirm the match is swapped for
        # the next-highest shortlisted applicant who keeps the minimums met.
        final = list(proposal.proposed)
        unconfirmed = [a for a in applications if a.pk in final and not _match_confirmed(a)]
        if unconfirmed:
            removed = unconfirmed[0]
            final.remove(removed.pk)
            # The next highest with a confirmed match (the shortlist is in score order).
            added = next(
                a
                for a in applications[: len(SHORTLIST_REASONS)]
                if a.pk not in final and a.pk != removed.pk and _match_confirmed(a)
            )
            final.append(added.pk)
            reason = ACCEPT_REASON.format(removed=removed.reference, added=added.reference)
        else:
            reason = "Accepted as proposed."
        proposal = selection_services.selection_accept(
            proposal=proposal, final=final, reason=reason, accepted_by=coordinator
        )

    for index, application in enumerate(applications):
        application.refresh_from_db()
        if application.status not in {Status.SUBMITTED, Status.SHORTLISTED}:
            continue
        if index in DECISIONS:
            outcome, reason = DECISIONS[index]
        else:
            outcome = Status.NOT_SELECTED
            reason = NOT_SHORTLISTED_REASONS.get(index, NOT_SHORTLISTED_DEFAULT)
        application_decide(
            application=application, outcome=outcome, reason=reason, decided_by=coordinator
        )
    _date_the_round(vacancy)
    vacancy.refresh_from_db()
    _out(
        stdout,
        f"recruitment (decided round): {len(applications)} applications decided on "
        f"{vacancy.title}; {vacancy.audit_events.count()} audit events",
    )


def _match_confirmed(application: Application) -> bool:
    conversation = Conversation.objects.filter(application=application).first()
    return conversation is not None and conversation.match_confirmed is True
