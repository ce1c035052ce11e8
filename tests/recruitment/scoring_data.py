"""Small builders for the scoring, selection and decision tests (and the
access walk's recruitment-scoring pages). Plain model writes, so these tests
do not depend on the set-up pages' services."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from involvement.models import DiversityConsent, DiversityFactor, DiversityProfile, StaffRole
from recruitment.handles import review_handle
from recruitment.models import (
    Answer,
    Application,
    ConflictOfInterest,
    Criterion,
    PanelMember,
    ReviewAssignment,
    RoleDescription,
    Score,
    Vacancy,
)
from tests.factories import PersonFactory, StaffRoleFactory

_refs = itertools.count(1)

GUIDE = {
    "0": "No evidence at all.",
    "1": "A little evidence.",
    "2": "Some clear evidence.",
    "3": "Good evidence, with examples.",
    "4": "Strong evidence, with several examples.",
}


def make_vacancy(
    *,
    organisation,
    group,
    criteria=(("Lived experience", 2, True, 2), ("Working with others", 1, False, 0)),
    places=2,
    margin=2,
    reviewers_per_application=3,
    status=Vacancy.Status.CLOSED,
    scoring_deadline=None,
) -> Vacancy:
    role = RoleDescription.objects.create(
        organisation=organisation,
        group=group,
        title="Member of the diabetes voices group",
        purpose="Help shape local diabetes services.",
        activities="Come to meetings and share your experience.",
        time_commitment="Two hours a month",
    )
    for position, (title, weight, essential, pass_mark) in enumerate(criteria, start=1):
        Criterion.objects.create(
            role_description=role,
            position=position,
            title=title,
            question=f"Tell us about your {title.lower()}.",
            weight=weight,
            essential=essential,
            pass_mark=pass_mark,
            max_score=4,
            scoring_guide=GUIDE,
        )
    today = timezone.localdate()
    return Vacancy.objects.create(
        role_description=role,
        group=group,
        title="Join Testshire Diabetes Voices",
        places=places,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
        scoring_deadline=scoring_deadline,
        status=status,
        reviewers_per_application=reviewers_per_application,
        moderation_margin=margin,
    )


def criteria(vacancy) -> list[Criterion]:
    return list(vacancy.role_description.criteria.order_by("position"))


def add_reviewer(vacancy, user=None, *, seed=None, started=True) -> PanelMember:
    """A panel member; `started`: they have named the applicants they know and
    see the applications given to them (PanelMember.scoring_started_at)."""
    if user is None:
        user = StaffRoleFactory(
            organisation=vacancy.role_description.organisation, role=StaffRole.Role.PANEL_MEMBER
        ).user
    return PanelMember.objects.create(
        vacancy=vacancy,
        user=user,
        shuffle_seed=seed if seed is not None else user.pk * 7919,
        scoring_started_at=timezone.now() if started else None,
    )


def add_application(
    vacancy, *, person=None, status=Application.Status.SUBMITTED, answers=None
) -> Application:
    person = person or PersonFactory(phone="01632 960123", postcode="TE1 2ST")
    application = Application.objects.create(
        vacancy=vacancy,
        person=person,
        status=status,
        reference=f"A-T{next(_refs):04d}",
        submitted_at=timezone.now(),
        support_needed="A hearing loop, please.",
    )
    for criterion in criteria(vacancy):
        text = (answers or {}).get(criterion.title, f"My answer about {criterion.title.lower()}.")
        Answer.objects.create(application=application, criterion=criterion, text=text)
    return application


def handle(panel_member, application) -> str:
    """The reviewer's own name for the application on their scoring pages and API."""
    return review_handle(panel_member, application.pk)


def assign(panel_member, application) -> ReviewAssignment:
    return ReviewAssignment.objects.create(panel_member=panel_member, application=application)


def score(application, panel_member, values, rationale="Clear examples given.") -> None:
    """values: a score per criterion, in criterion order."""
    ReviewAssignment.objects.get_or_create(panel_member=panel_member, application=application)
    for criterion, value in zip(criteria(application.vacancy), values, strict=True):
        Score.objects.update_or_create(
            application=application,
            criterion=criterion,
            reviewer=panel_member.user,
            defaults={"score": value, "rationale": rationale},
        )


def conflict(panel_member, application, reason="She is my neighbour.") -> ConflictOfInterest:
    return ConflictOfInterest.objects.create(
        panel_member=panel_member, application=application, reason=reason
    )


def consent(person, **profile) -> DiversityProfile:
    DiversityConsent.objects.create(
        person=person, wording="I agree.", given_at=timezone.now() - datetime.timedelta(days=1)
    )
    return DiversityProfile.objects.create(person=person, **profile)


def factor(group, name, attribute, values, minimum) -> DiversityFactor:
    return DiversityFactor.objects.create(
        group=group, name=name, attribute=attribute, values=values, minimum=minimum
    )
