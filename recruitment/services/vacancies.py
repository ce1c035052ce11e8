"""Writes for vacancies: open a recruitment round for a role, open and close
it for applications, and set up its panel (members and their declared
conflicts of interest)."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Group, Membership, StaffRole, User

from ..models import (
    Application,
    AuditEvent,
    ConflictOfInterest,
    OutreachChannel,
    PanelMember,
    ReviewAssignment,
    RoleDescription,
    Vacancy,
)
from .scoring import reviews_assign

VACANCY_FIELDS = (
    "group",
    "title",
    "places",
    "opens_on",
    "closes_on",
    "scoring_deadline",
    "reviewers_per_application",
)


def _audit(*, vacancy, actor, action, summary, application=None, detail=None) -> None:
    AuditEvent.objects.create(
        vacancy=vacancy,
        application=application,
        actor=actor,
        action=action,
        summary=summary,
        detail=detail or {},
    )


def _check_vacancy(vacancy: Vacancy, channels) -> None:
    vacancy.title = (vacancy.title or "").strip()
    organisation_id = vacancy.role_description.organisation_id
    errors: dict[str, str] = {}
    if not vacancy.title:
        errors["title"] = "Enter a title for the vacancy, as applicants will see it"
    if vacancy.group_id is None:
        errors["group"] = "Choose the group this vacancy fills places in"
    elif vacancy.group.organisation_id != organisation_id:
        errors["group"] = "Choose a group of the role's organisation"
    if not vacancy.places or vacancy.places < 1:
        errors["places"] = "Enter how many places there are, like 6"
    if vacancy.opens_on and vacancy.closes_on and vacancy.closes_on < vacancy.opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    if (
        vacancy.scoring_deadline
        and vacancy.closes_on
        and vacancy.scoring_deadline < vacancy.closes_on
    ):
        errors["scoring_deadline"] = "The scoring deadline must be on or after the closing date"
    if not vacancy.reviewers_per_application or vacancy.reviewers_per_application < 1:
        errors["reviewers_per_application"] = "Each application needs at least 1 reviewer"
    if any(channel.organisation_id != organisation_id for channel in channels):
        errors["outreach_channels"] = "Choose channels from your organisation's list"
    if errors:
        raise ValidationError(errors)
    vacancy.full_clean(exclude=["outreach_channels"])


@transaction.atomic
def vacancy_create(
    *,
    role_description: RoleDescription,
    group: Group,
    title: str,
    places: int,
    opens_on: date,
    closes_on: date,
    outreach_channels: list[OutreachChannel] | None = None,
    scoring_deadline: date | None = None,
    reviewers_per_application: int = 3,
) -> Vacancy:
    """A draft vacancy: nobody can see or apply until it is opened."""
    channels = list(outreach_channels or [])
    vacancy = Vacancy(
        role_description=role_description,
        group=group,
        title=title,
        places=places,
        opens_on=opens_on,
        closes_on=closes_on,
        scoring_deadline=scoring_deadline,
        reviewers_per_application=reviewers_per_application,
    )
    _check_vacancy(vacancy, channels)
    vacancy.save()
    vacancy.outreach_channels.set(channels)
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, outreach_channels: list[OutreachChannel] | None = None, **fields
) -> Vacancy:
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"vacancy_update() got unexpected fields: {sorted(unknown)}")
    if vacancy.status == Vacancy.Status.DECIDED:
        raise ApplicationError("This vacancy has been decided and can no longer be changed.")
    if vacancy.status != Vacancy.Status.DRAFT and "group" in fields:
        if fields["group"] != vacancy.group:
            raise ValidationError(
                {"group": "The group cannot be changed once the vacancy has opened"}
            )
    wanted = fields.get("reviewers_per_application")
    if wanted and wanted > vacancy.reviewers_per_application:
        # Raising the number: once there is a panel, not above its size.
        panel_size = vacancy.panel.count()
        if panel_size and wanted > panel_size:
            raise ValidationError(
                {
                    "reviewers_per_application": (
                        f"The panel has {panel_size} {'person' if panel_size == 1 else 'people'}:"
                        f" enter {panel_size} or fewer, or add people to the panel first"
                    )
                }
            )
    for name, value in fields.items():
        setattr(vacancy, name, value)
    channels = (
        list(outreach_channels)
        if outreach_channels is not None
        else list(vacancy.outreach_channels.all())
    )
    _check_vacancy(vacancy, channels)
    vacancy.save(update_fields=[f"{n}_id" if n == "group" else n for n in fields])
    if outreach_channels is not None:
        vacancy.outreach_channels.set(channels)
    return vacancy


@transaction.atomic
def vacancy_open(*, vacancy: Vacancy, by: User | None = None) -> Vacancy:
    """Publish the vacancy. Needs a person specification to apply against."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.DRAFT:
        raise ApplicationError("Only a draft vacancy can be opened.", code="not_draft")
    if not vacancy.role_description.criteria.exists():
        raise ApplicationError(
            "Add at least one criterion to the role's person specification before opening: "
            "applicants answer a question for each criterion.",
            code="no_criteria",
        )
    if vacancy.closes_on < timezone.localdate():
        raise ApplicationError(
            "The closing date has passed. Change the dates before opening the vacancy.",
            code="closed_dates",
        )
    vacancy.status = Vacancy.Status.OPEN
    vacancy.save(update_fields=["status"])
    _audit(vacancy=vacancy, actor=by, action="vacancy_opened", summary="Vacancy opened")
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User | None = None) -> Vacancy:
    """Stop taking applications (also done by the closing date passing)."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Vacancy.Status.OPEN:
        raise ApplicationError("Only an open vacancy can be closed.", code="not_open")
    vacancy.status = Vacancy.Status.CLOSED
    vacancy.save(update_fields=["status"])
    submitted = vacancy.applications.exclude(status=Application.Status.DRAFT).count()
    _audit(
        vacancy=vacancy,
        actor=by,
        action="vacancy_closed",
        summary=f"Vacancy closed with {submitted} application{'s' if submitted != 1 else ''}",
    )
    return vacancy


def vacancy_is_accepting(vacancy: Vacancy, *, today: date | None = None) -> bool:
    """Open, and today falls between the opening and closing dates."""
    today = today or timezone.localdate()
    return vacancy.status == Vacancy.Status.OPEN and vacancy.opens_on <= today <= vacancy.closes_on


# --- The panel --------------------------------------------------------------


def panel_candidates(vacancy: Vacancy):
    """Who may sit on the panel: the organisation's staff, and members of its
    groups with a login (experienced service users)."""
    organisation_id = vacancy.role_description.organisation_id
    staff = StaffRole.objects.filter(organisation_id=organisation_id).values("user_id")
    members = Membership.objects.filter(
        group__organisation_id=organisation_id,
        status__in=[Membership.Status.ACTIVE, Membership.Status.INDUCTED],
        person__user__isnull=False,
    ).values("person__user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=staff) | Q(pk__in=members))
        .distinct()
        .order_by("full_name", "email")
    )


@transaction.atomic
def panel_member_add(*, vacancy: Vacancy, user: User, by: User | None = None) -> PanelMember:
    if vacancy.status == Vacancy.Status.DECIDED:
        raise ApplicationError("This vacancy has been decided: its panel is closed.")
    if not panel_candidates(vacancy).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": "Choose a member of staff or a group member of this organisation"}
        )
    if vacancy.panel.filter(user=user).exists():
        raise ValidationError({"user": f"{user} is already on the panel"})
    member = PanelMember(vacancy=vacancy, user=user, shuffle_seed=secrets.randbelow(2**31))
    member.full_clean()
    member.save()
    _audit(
        vacancy=vacancy,
        actor=by,
        action="panel_member_added",
        summary=f"{user} joined the panel",
        detail={"user_id": user.pk},
    )
    return member


@transaction.atomic
def panel_member_remove(*, panel_member: PanelMember, by: User | None = None) -> None:
    if panel_member.user.recruitment_scores.filter(
        application__vacancy=panel_member.vacancy
    ).exists():
        raise ApplicationError(
            f"{panel_member.user} has already scored applications, so they stay on the "
            "panel's record.",
            code="has_scores",
        )
    vacancy = panel_member.vacancy
    user = panel_member.user
    panel_member.delete()
    _audit(
        vacancy=vacancy,
        actor=by,
        action="panel_member_removed",
        summary=f"{user} left the panel",
        detail={"user_id": user.pk},
    )


DECLARATIONS_CLOSED = (
    "You have started scoring, so you can no longer add to the applicants you know here. "
    "If you realise you know an applicant, tell the coordinator."
)


@transaction.atomic
def conflicts_declare(
    *, panel_member: PanelMember, conflicts: dict[int, str]
) -> list[ConflictOfInterest]:
    """Declare the reviewer's conflicts: {application id: reason}. Adds new
    ones; a declared conflict is never taken back (it is part of the record).
    Only before the reviewer starts scoring (panel_member_start_scoring), so
    they have not seen their list. If the applications have already been
    shared out, a conflicted one leaves the reviewer's list and goes to another
    panel member, so that it keeps the vacancy's number of reviewers."""
    if panel_member.scoring_started_at is not None:
        raise ApplicationError(DECLARATIONS_CLOSED, code="scoring_started")
    vacancy = panel_member.vacancy
    applications = {
        a.pk: a
        for a in vacancy.applications.exclude(status=Application.Status.DRAFT).filter(
            pk__in=list(conflicts)
        )
    }
    errors = {}
    for application_id, reason in conflicts.items():
        if application_id not in applications:
            errors[f"reason_{application_id}"] = "Choose an applicant to this vacancy"
        elif not (reason or "").strip():
            errors[f"reason_{application_id}"] = (
                'Say how you know this applicant, for example "a neighbour"'
            )
    if errors:
        raise ValidationError(errors)
    already = set(panel_member.conflicts.values_list("application_id", flat=True))
    created = []
    for application_id, reason in conflicts.items():
        if application_id in already:
            continue
        conflict = ConflictOfInterest(
            panel_member=panel_member,
            application=applications[application_id],
            reason=reason.strip(),
        )
        conflict.full_clean()
        conflict.save()
        created.append(conflict)
        _audit(
            vacancy=vacancy,
            actor=panel_member.user,
            application=applications[application_id],
            action="conflict_declared",
            summary=f"{panel_member.user} declared a conflict of interest with "
            f"{applications[application_id].reference}",
        )
    shared_out = [
        conflict.application
        for conflict in created
        if ReviewAssignment.objects.filter(application=conflict.application).exists()
    ]
    if shared_out:
        reviews_assign(vacancy=vacancy, assigned_by=panel_member.user, applications=shared_out)
    return created


@transaction.atomic
def panel_member_start_scoring(*, panel_member: PanelMember) -> PanelMember:
    """The reviewer has named every applicant they know: from now on they see
    the applications given to them, and cannot declare a conflict by name (if
    they could, the reference that then left their list would be the name they
    had just declared). Running it again changes nothing."""
    locked = PanelMember.objects.select_for_update().get(pk=panel_member.pk)
    if locked.scoring_started_at is None:
        locked.scoring_started_at = timezone.now()
        locked.save(update_fields=["scoring_started_at"])
        declared = locked.conflicts.count()
        _audit(
            vacancy=panel_member.vacancy,
            actor=panel_member.user,
            action="scoring_started",
            summary=f"{panel_member.user} named every applicant they know "
            f"({declared} conflict{'s' if declared != 1 else ''} of interest) and started scoring",
        )
    panel_member.scoring_started_at = locked.scoring_started_at
    return panel_member
