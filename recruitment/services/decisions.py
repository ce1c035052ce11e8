"""Decisions (selected / reserve list / not selected, each with a reason),
memberships for the people selected, offers of later places to the reserve
list, and the letters that go with them through the outbox."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement import audit
from involvement.errors import ApplicationError
from involvement.models import Membership
from involvement.services.groups import membership_change_status, membership_create
from involvement.services.outbox import notification_queue
from recruitment.models import Application, Vacancy

from .audit import Action, audit_record

Status = Application.Status
OUTCOMES = {Status.SELECTED, Status.RESERVE, Status.NOT_SELECTED}
NEEDS_CONVERSATION = {Status.SELECTED, Status.RESERVE}


def _organisation(application: Application):
    return application.vacancy.role_description.organisation


def _ensure_membership(application: Application, *, by) -> Membership:
    """A membership with status "selected", made through the core's service."""
    person, group = application.person, application.vacancy.group
    existing = Membership.objects.filter(person=person, group=group).first()
    if existing is None:
        return membership_create(
            person=person,
            group=group,
            added_by=by,
            reason=f"Selected through recruitment ({application.reference})",
        )
    if existing.status == Membership.Status.LEFT:
        membership_change_status(
            membership=existing,
            to_status=Membership.Status.SELECTED,
            changed_on=timezone.localdate(),
            reason=f"Selected again through recruitment ({application.reference})",
            changed_by=by,
        )
        existing.refresh_from_db()
        return existing
    raise ApplicationError(
        f"{person.display_name} is already in {group.name}, so they cannot be selected again."
    )


def _letter_body(application: Application, outcome: str, reason: str) -> str:
    name = application.person.display_name
    vacancy = application.vacancy
    organisation = _organisation(application)
    opening = {
        Status.SELECTED: (
            f"We are delighted to offer you a place as {vacancy.role_description.title}."
        ),
        Status.RESERVE: (
            "We were not able to offer you one of the places this time, but we would like to "
            "keep you on our reserve list. If a place comes up, we will offer it to you."
        ),
        Status.NOT_SELECTED: "We are sorry, but we are not able to offer you a place this time.",
    }[outcome]
    return (
        f"Dear {name},\n\n"
        f"Thank you for applying for {vacancy.title} ({application.reference}).\n\n"
        f"{opening}\n\n"
        f"Why: {reason}\n\n"
        "You can read how the panel scored your application against each part of the "
        "role description, with the panel's comments: sign in, choose My applications, "
        "then this application. Or ask us and we will send you a copy.\n\n"
        f"With thanks,\n{organisation.name}"
    )


def _notify_decision(application: Application, outcome: str, reason: str) -> None:
    notification_queue(
        recipient=application.person,
        organisation=_organisation(application),
        subject=f"Your application for {application.vacancy.title}",
        body_text=_letter_body(application, outcome, reason),
        idempotency_key=f"recruitment-decision-{application.pk}",
        kind="recruitment_decision",
        about=f"application:{application.pk}",
    )


def _notify_induction(application: Application, key: str) -> None:
    group = application.vacancy.group
    notification_queue(
        recipient=application.person,
        organisation=_organisation(application),
        subject=f"Welcome to {group.name}: your induction",
        body_text=(
            f"Dear {application.person.display_name},\n\n"
            f"Welcome to {group.name}. Before your first meeting we will invite you to an "
            "induction: you will hear about the organisation and its services, agree the "
            "group's ground rules, and meet an experienced member who will be your buddy.\n\n"
            "We will be in touch with the date. If you need any support to take part, "
            "tell us and we will arrange it.\n\n"
            f"With thanks,\n{_organisation(application).name}"
        ),
        idempotency_key=key,
        kind="recruitment_decision",
        about=f"application:{application.pk}",
    )


@transaction.atomic
def application_decide(
    *, application: Application, outcome: str, reason: str, decided_by
) -> Application:
    """Decide an application, with the reason the applicant will read.

    Selected and reserve-list applicants must be shortlisted and have had the
    informal conversation; a selected applicant's match must be confirmed.
    Selected applicants become memberships with status "selected" and are
    invited to induction; everybody gets the decision letter (once)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__group", "vacancy__role_description__organisation", "person")
        .get(pk=application.pk)
    )
    reason = (reason or "").strip()
    errors = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = "Choose the decision"
    if not reason:
        errors["reason"] = "Give the reason for the decision: the applicant will read it"
    if errors:
        raise ValidationError(errors)
    ref = application.reference
    if application.status in OUTCOMES:
        raise ApplicationError(f"{ref} has already been decided.")
    if application.status not in {Status.SUBMITTED, Status.SHORTLISTED}:
        raise ApplicationError(f"{ref} is {application.get_status_display().lower()}.")
    if application.person is None:
        raise ApplicationError(f"{ref} has no applicant details left to write to.")
    if outcome in NEEDS_CONVERSATION:
        if application.status != Status.SHORTLISTED:
            raise ApplicationError(
                f"Shortlist {ref} before choosing them or putting them on the reserve list."
            )
        conversation = getattr(application, "conversation", None)
        if conversation is None:
            raise ApplicationError(f"Record the informal conversation with {ref} first.")
        if outcome == Status.SELECTED and conversation.match_confirmed is not True:
            raise ApplicationError(
                f"The conversation with {ref} has not confirmed a good match, so they cannot "
                "be selected. Update the conversation notes if the match is now confirmed."
            )
    application.status = outcome
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_at", "updated_at"])
    detail = {"outcome": outcome, "reason": reason}
    if outcome == Status.SELECTED:
        membership = _ensure_membership(application, by=decided_by)
        detail["membership"] = membership.pk
    audit_record(
        vacancy=application.vacancy,
        application=application,
        actor=decided_by,
        action=Action.DECISION,
        summary=f"{ref}: {Status(outcome).label.lower()}. Reason: {reason}",
        detail=detail,
    )
    audit.record(
        action=audit.Action.APPLICATION_DECIDED,
        organisation=_organisation(application),
        actor=decided_by,
        target=application,
        summary=f"Application {ref}: {Status(outcome).label.lower()}",
        detail={"outcome": outcome},
    )
    _notify_decision(application, outcome, reason)
    if outcome == Status.SELECTED:
        _notify_induction(application, f"recruitment-induction-{application.pk}")
    _close_when_all_decided(application.vacancy)
    return application


def _close_when_all_decided(vacancy: Vacancy) -> None:
    undecided = vacancy.applications.filter(status__in=[Status.SUBMITTED, Status.SHORTLISTED])
    if vacancy.status == Vacancy.Status.CLOSED and not undecided.exists():
        vacancy.status = Vacancy.Status.DECIDED
        vacancy.save(update_fields=["status"])


@transaction.atomic
def reserve_offer_place(*, application: Application, reason: str, offered_by) -> Application:
    """Offer a reserve-list applicant a place that has come up later."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__group", "vacancy__role_description__organisation", "person")
        .get(pk=application.pk)
    )
    reason = (reason or "").strip()
    if application.status != Status.RESERVE:
        raise ApplicationError(f"{application.reference} is not on the reserve list.")
    if not reason:
        raise ValidationError({"reason": "Say why the place is offered now, e.g. who left"})
    if application.person is None:
        raise ApplicationError(f"{application.reference} has no applicant details left.")
    membership = _ensure_membership(application, by=offered_by)
    application.status = Status.SELECTED
    application.decision_reason = (
        f"{application.decision_reason}\n\nOffered a place later: {reason}"
    )
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_at", "updated_at"])
    audit_record(
        vacancy=application.vacancy,
        application=application,
        actor=offered_by,
        action=Action.RESERVE_OFFER,
        summary=f"{application.reference}: offered a place from the reserve list. Reason: {reason}",
        detail={"membership": membership.pk, "reason": reason},
    )
    notification_queue(
        recipient=application.person,
        organisation=_organisation(application),
        subject=f"A place in {application.vacancy.group.name}",
        body_text=(
            f"Dear {application.person.display_name},\n\n"
            f"A place has come up in {application.vacancy.group.name}, and as you are on our "
            "reserve list we are delighted to offer it to you.\n\n"
            f"With thanks,\n{_organisation(application).name}"
        ),
        idempotency_key=f"recruitment-reserve-offer-{application.pk}",
        kind="recruitment_decision",
        about=f"application:{application.pk}",
    )
    _notify_induction(application, f"recruitment-induction-{application.pk}")
    return application


# --- Retention ------------------------------------------------------------------------

DEFAULT_RETENTION_DAYS = 365
REMOVED = "Removed after the retention period."


@transaction.atomic
def application_anonymise(*, application: Application, now=None, at_request=False) -> bool:
    """Remove the personal link and answers of an unsuccessful application;
    scores, moderation and the audit trail stay, by reference. Idempotent.
    ``at_request``: the person asked for their data to be erased, so any
    application is anonymised, whatever its outcome."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.anonymised_at is not None:
        return False
    if not at_request and application.status not in {Status.NOT_SELECTED, Status.WITHDRAWN}:
        raise ApplicationError("Only unsuccessful or withdrawn applications are anonymised.")
    application.answers.all().delete()
    conversation = getattr(application, "conversation", None)
    if conversation is not None:
        conversation.notes = REMOVED
        conversation.support_agreed = ""
        conversation.save(update_fields=["notes", "support_agreed"])
    application.person = None
    application.availability = ""
    application.support_needed = ""
    application.heard_via_other = ""
    application.anonymised_at = now or timezone.now()
    application.save(
        update_fields=[
            "person",
            "availability",
            "support_needed",
            "heard_via_other",
            "anonymised_at",
            "updated_at",
        ]
    )
    audit_record(
        vacancy=application.vacancy,
        application=application,
        action=Action.ANONYMISED,
        summary=(
            f"{application.reference}: name, contact details and answers removed "
            + ("at the applicant's request" if at_request else "after the retention period")
            + ". Scores and this record are kept."
        ),
    )
    return True


def applications_anonymise_expired(*, now=None) -> int:
    """Anonymise every unsuccessful application older than its organisation's
    retention period. Safe to run twice."""
    from datetime import timedelta

    from django.db.models import Q

    from involvement.models import Organisation

    now = now or timezone.now()
    done = 0
    for organisation in Organisation.objects.select_related("recruitment_settings"):
        settings_row = getattr(organisation, "recruitment_settings", None)
        days = settings_row.retention_days if settings_row else DEFAULT_RETENTION_DAYS
        cutoff = now - timedelta(days=days)
        expired = Application.objects.filter(
            vacancy__role_description__organisation=organisation, anonymised_at__isnull=True
        ).filter(
            Q(status=Status.NOT_SELECTED, decided_at__lt=cutoff)
            | Q(status=Status.WITHDRAWN, updated_at__lt=cutoff)
        )
        for application in expired.only("pk"):
            done += application_anonymise(application=application, now=now)
    return done


def retention_days_for(organisation) -> int:
    from recruitment.models import RecruitmentSettings

    row = RecruitmentSettings.objects.filter(organisation=organisation).first()
    return row.retention_days if row else DEFAULT_RETENTION_DAYS


@transaction.atomic
def recruitment_settings_update(*, organisation, retention_days: int, updated_by):
    """Set how long unsuccessful applications keep their personal details."""
    from recruitment.models import RecruitmentSettings

    row = RecruitmentSettings.objects.filter(organisation=organisation).first()
    row = row or RecruitmentSettings(organisation=organisation)
    before = row.retention_days if row.pk else DEFAULT_RETENTION_DAYS
    row.retention_days = retention_days
    row.updated_by = updated_by
    try:
        row.full_clean(exclude=["updated_by"])
    except ValidationError as exc:
        if "__all__" in exc.message_dict or "retention_days" in exc.message_dict:
            raise ValidationError(
                {"retention_days": "Enter at least 30 days, so that appeals can be answered"}
            ) from exc
        raise
    row.save()
    return row, before


@transaction.atomic
def decisions_record(*, vacancy: Vacancy, decisions: dict[int, tuple[str, str]], decided_by):
    """Several decisions saved together, from the vacancy's decisions page:
    `decisions` maps an application's id to (outcome, reason). Each is
    checked as application_decide checks one; if any is refused, none is
    saved and the refusals come back keyed "outcome_<id>" / "reason_<id>"."""
    if not decisions:
        raise ValidationError(
            {"__all__": "Choose a decision for at least one applicant, or go back"}
        )
    applications = Application.objects.in_bulk(
        list(vacancy.applications.filter(pk__in=list(decisions)).values_list("pk", flat=True))
    )
    errors: dict[str, str] = {}
    decided = []
    for pk, (outcome, reason) in decisions.items():
        application = applications.get(pk)
        if application is None:
            errors[f"outcome_{pk}"] = "Choose a decision for an applicant to this vacancy"
            continue
        try:
            with transaction.atomic():
                decided.append(
                    application_decide(
                        application=application,
                        outcome=outcome,
                        reason=reason,
                        decided_by=decided_by,
                    )
                )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"{field}_{pk}"] = " ".join(messages)
        except ApplicationError as exc:
            errors[f"outcome_{pk}"] = exc.message
    if errors:
        raise ValidationError(errors)  # leaving the transaction undoes every decision above
    return decided
