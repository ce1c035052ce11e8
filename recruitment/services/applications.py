"""Writes for applications: an applicant's draft, saved a question at a time,
checked and submitted; an application entered by a coordinator for someone
who applied on paper or by phone; withdrawal. Every submitted application is
acknowledged once, through the notification outbox."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Membership, Person, User
from involvement.services import people as people_services
from involvement.services.outbox import notification_queue

from ..models import (
    Answer,
    Application,
    AuditEvent,
    Criterion,
    OutreachChannel,
    RoleDescription,
    Vacancy,
)
from .vacancies import vacancy_is_accepting

# No 0/O, 1/I/L: easy to read out on the phone and to copy from a letter.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 5
DETAIL_FIELDS = ("availability", "support_needed", "heard_via", "heard_via_other")
ANSWER_MAX_LENGTH = 3000


class VacancyClosed(ApplicationError):
    code = "closed"


class NotEligible(ApplicationError):
    code = "not_eligible"


class AlreadyApplied(ApplicationError):
    code = "already_applied"

    def __init__(self, message: str, *, application: Application):
        super().__init__(message)
        self.application = application


def new_reference() -> str:
    """A short reference reviewers see instead of a name, like A-7K3Q9."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"A-{code}"
        if not Application.objects.filter(reference=reference).exists():
            return reference


def decision_expected_by(vacancy: Vacancy) -> date:
    """When applicants can expect to hear: two weeks after scoring ends, or
    four weeks after closing when no scoring deadline is set."""
    if vacancy.scoring_deadline:
        return vacancy.scoring_deadline + timedelta(days=14)
    return vacancy.closes_on + timedelta(days=28)


def closed_message(vacancy: Vacancy) -> str:
    today = timezone.localdate()
    if vacancy.status == Vacancy.Status.OPEN and today < vacancy.opens_on:
        return (
            f"Applications for {vacancy.title} open on {vacancy.opens_on:%-d %B %Y}. "
            "Please come back then."
        )
    return (
        f"Applications for {vacancy.title} closed on {vacancy.closes_on:%-d %B %Y}, "
        "so we cannot take new applications. Contact the organisation if you would like "
        "to hear about the next chance to join."
    )


def check_can_apply(*, vacancy: Vacancy, person: Person | None) -> None:
    """Raise if this person may not apply to this vacancy now."""
    if not vacancy_is_accepting(vacancy):
        raise VacancyClosed(closed_message(vacancy))
    if vacancy.role_description.kind == RoleDescription.Kind.REPRESENTATIVE:
        organisation_id = vacancy.role_description.organisation_id
        active = (
            person is not None
            and Membership.objects.filter(
                person=person,
                group__organisation_id=organisation_id,
                status=Membership.Status.ACTIVE,
            ).exists()
        )
        if not active:
            raise NotEligible(
                "Only active members of the organisation's involvement groups can apply to be "
                "a representative. If you would like to join a group, look out for our next "
                "vacancy for group members."
            )


def _existing(vacancy: Vacancy, person: Person) -> Application | None:
    return Application.objects.filter(vacancy=vacancy, person=person).first()


@transaction.atomic
def application_start(*, vacancy: Vacancy, user: User) -> tuple[Application, bool]:
    """The applicant's draft for this vacancy: their existing application if
    they already have one (created False), else a new draft (created True)."""
    person = people_services.person_get_or_create_for_user(user=user)
    existing = _existing(vacancy, person)
    if existing is not None:
        return existing, False
    check_can_apply(vacancy=vacancy, person=person)
    application = Application(
        vacancy=vacancy,
        person=person,
        reference=new_reference(),
        route=Application.Route.ONLINE,
        availability=_default_availability(person),
        support_needed=person.other_support_needs,
    )
    application.full_clean(exclude=["person"], validate_unique=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two tabs started at once: the database's unique rule decides.
        existing = _existing(vacancy, person)
        if existing is None:
            raise
        return existing, False
    return application, True


def _default_availability(person: Person) -> str:
    times = []
    if person.available_daytime:
        times.append("daytime")
    if person.available_evening:
        times.append("evenings")
    return f"Usually free {' and '.join(times)}" if times else ""


def _editable(application: Application) -> None:
    if application.status != Application.Status.DRAFT:
        raise ApplicationError(
            "This application has been sent, so it can no longer be changed. "
            "Contact the coordinator if something needs correcting.",
            code="submitted",
        )
    if not vacancy_is_accepting(application.vacancy):
        raise VacancyClosed(closed_message(application.vacancy))


@transaction.atomic
def application_save_answer(*, application: Application, criterion: Criterion, text: str) -> Answer:
    _editable(application)
    if criterion.role_description_id != application.vacancy.role_description_id:
        raise ValidationError({"text": "This question is not part of this application"})
    text = (text or "").strip()
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            {"text": f"Your answer must be {ANSWER_MAX_LENGTH} characters or fewer"}
        )
    answer, _ = Answer.objects.update_or_create(
        application=application, criterion=criterion, defaults={"text": text}
    )
    application.save(update_fields=["updated_at"])
    return answer


@transaction.atomic
def application_save_details(*, application: Application, **fields) -> Application:
    """Availability, support needed, and how they heard about the vacancy."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"application_save_details() got unexpected fields: {sorted(unknown)}")
    _editable(application)
    _set_details(application, fields)
    names = _update_names(fields)
    if "heard_via" in fields:
        names.append("heard_via_other")
    if "support_needed" in fields:
        application.support_answered_at = timezone.now()
        names.append("support_answered_at")
    application.save(update_fields=sorted({*names, "updated_at"}))
    return application


def _update_names(fields) -> list[str]:
    return [f"{name}_id" if name == "heard_via" else name for name in fields]


def _set_details(application: Application, fields: dict) -> None:
    organisation_id = application.vacancy.role_description.organisation_id
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    channel: OutreachChannel | None = fields.get("heard_via")
    if channel is not None and channel.organisation_id != organisation_id:
        raise ValidationError({"heard_via": "Choose one of the places listed"})
    if channel is not None:
        application.heard_via_other = ""


@transaction.atomic
def application_save_contact(*, application: Application, **fields) -> Person:
    """How the applicant would like to be contacted: their own profile."""
    _editable(application)
    return people_services.person_update(person=application.person, **fields)


# The words an applicant agrees to (stored with the consent, as in
# involvement.services.people): they may not be in any group yet.
APPLICANT_DIVERSITY_CONSENT_WORDING = (
    "I agree that the organisation I am applying to, and the organisations whose groups I "
    "join, may keep the answers I give about my type of diabetes, my age, my ethnic group, "
    "where I live, and whether I am a carer or at risk of Type 2 diabetes. They use them only "
    "to check that each group includes a mix of people. The panel that scores my application "
    "does not see them. Only coordinators and I can see my answers; anyone else sees totals "
    "only, and never totals of fewer than five people. I can withdraw my agreement at any "
    "time, and my answers will then be deleted."
)


@transaction.atomic
def application_save_diversity(
    *, application: Application, consent_given: bool, answers: dict[str, str]
) -> None:
    """Optional monitoring answers, kept only with the person's explicit consent
    (given now, or standing from before). Leaving every question blank keeps
    nothing new and changes nothing already kept."""
    _editable(application)
    person = application.person
    answered = any(value for value in answers.values())
    standing = people_services.diversity_consent_current(person=person)
    if not answered:
        return
    if standing is None and not consent_given:
        raise ValidationError(
            {
                "consent": "Tick the box to agree that we may keep your answers, "
                "or leave the questions blank"
            }
        )
    people_services.diversity_save(
        person=person,
        answers=answers,
        consent_given=consent_given,
        wording=APPLICANT_DIVERSITY_CONSENT_WORDING,
    )


def missing_parts(application: Application, criteria) -> dict[str, str]:
    """What still needs an answer before the application can be sent, by field."""
    answered = {answer.criterion_id for answer in application.answers.all() if answer.text.strip()}
    missing = {}
    for criterion in criteria:
        if criterion.pk not in answered:
            missing[f"answer_{criterion.pk}"] = (
                f"Answer the question about {criterion.title.lower()}"
            )
    if not application.availability.strip():
        missing["availability"] = "Tell us when you are usually free to take part"
    return missing


@transaction.atomic
def application_submit(*, application: Application) -> Application:
    """Send the application. Needs an answer to every question and the
    applicant's availability; acknowledged once through the outbox."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__role_description__organisation", "person")
        .get(pk=application.pk)
    )
    _editable(application)
    check_can_apply(vacancy=application.vacancy, person=application.person)
    missing = missing_parts(application, application.vacancy.role_description.criteria.all())
    if missing:
        raise ValidationError(missing)
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    application_acknowledge(application=application)
    return application


def application_acknowledge(*, application: Application):
    vacancy = application.vacancy
    organisation = vacancy.role_description.organisation
    person = application.person
    when = decision_expected_by(vacancy)
    body = (
        f"Dear {person.display_name},\n\n"
        f"Thank you for applying to be a {vacancy.role_description.title} with "
        f"{organisation.name}. We have your application. Your reference is "
        f"{application.reference}.\n\n"
        "What happens next:\n"
        f"- Applications close on {vacancy.closes_on:%-d %B %Y}.\n"
        "- A small panel then reads every application against the criteria in the role "
        "description. They see your answers and your reference, not your name.\n"
        "- We may phone you or meet you for an informal chat. This is not an interview: it "
        "is a chance for both of us to check the role suits you.\n"
        f"- We will tell you the outcome by {when:%-d %B %Y}.\n\n"
        "If you need any help to take part, or your circumstances change, please get in "
        "touch with us.\n\n"
        f"{organisation.name}"
    )
    return notification_queue(
        recipient=person,
        subject=f"We have your application ({application.reference})",
        body_text=body,
        idempotency_key=f"application-{application.pk}-acknowledged",
        kind="application_received",
        about=f"application:{application.pk}",
        organisation=organisation,
    )


@transaction.atomic
def application_withdraw(*, application: Application) -> Application:
    """Withdraw the application (after the applicant confirmed). The applicant
    is told by email, and can restore it until the closing date."""
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise ApplicationError(
            "This application has already been decided. Contact the coordinator instead.",
            code="decided",
        )
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    if application.submitted_at:
        AuditEvent.objects.create(
            vacancy=application.vacancy,
            application=application,
            actor=application.person.user if application.person else None,
            action="application_withdrawn",
            summary=f"{application.reference} was withdrawn by the applicant",
        )
    _tell_withdrawn(application)
    return application


def _tell_withdrawn(application: Application) -> None:
    person = application.person
    if person is None:
        return
    vacancy = application.vacancy
    organisation = vacancy.role_description.organisation
    body = (
        f"Dear {person.display_name},\n\n"
        f"You have withdrawn your application {application.reference} to be a "
        f"{vacancy.role_description.title} with {organisation.name}.\n\n"
        f"If you change your mind, you can restore it from your applications page until "
        f"applications close on {vacancy.closes_on:%-d %B %Y}.\n\n"
        f"{organisation.name}"
    )
    notification_queue(
        recipient=person,
        subject=f"You have withdrawn your application ({application.reference})",
        body_text=body,
        idempotency_key=f"application-{application.pk}-withdrawn-{timezone.now():%Y%m%d%H%M%S%f}",
        kind="application_withdrawn",
        about=f"application:{application.pk}",
        organisation=organisation,
    )


@transaction.atomic
def application_restore(*, application: Application) -> Application:
    """Undo a withdrawal while the vacancy is still taking applications: the
    application is as it was (sent, or still a draft to finish)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy", "person")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.WITHDRAWN:
        raise ApplicationError("This application has not been withdrawn.", code="not_withdrawn")
    vacancy = application.vacancy
    if not vacancy_is_accepting(vacancy):
        raise VacancyClosed(
            f"Applications closed on {vacancy.closes_on:%-d %B %Y}, so this application "
            "can no longer be restored."
        )
    submitted = application.submitted_at is not None
    application.status = Application.Status.SUBMITTED if submitted else Application.Status.DRAFT
    application.save(update_fields=["status", "updated_at"])
    if submitted:
        AuditEvent.objects.create(
            vacancy=vacancy,
            application=application,
            actor=application.person.user if application.person else None,
            action="application_restored",
            summary=f"{application.reference} was restored by the applicant",
        )
    return application


@transaction.atomic
def application_enter_on_behalf(
    *,
    vacancy: Vacancy,
    entered_by: User,
    route: str,
    person: Person | None = None,
    person_fields: dict | None = None,
    answers: dict[int, str],
    availability: str,
    support_needed: str = "",
    heard_via: OutreachChannel | None = None,
    heard_via_other: str = "",
) -> Application:
    """A paper or phone application, typed in by the coordinator. Uses the
    person's record if they have one, else makes one (they may have no login).
    Submitted at once and acknowledged by the person's chosen channel."""
    if route not in (Application.Route.PAPER, Application.Route.PHONE):
        raise ValidationError({"route": "Choose whether the application came on paper or by phone"})
    # A form posted before the closing date may arrive after it: the coordinator
    # can enter it until they close the vacancy.
    if vacancy.status != Vacancy.Status.OPEN:
        raise VacancyClosed(
            f"{vacancy.title} is not open for applications, so none can be entered."
        )
    if person is None:
        person = people_services.person_create(**(person_fields or {}))
    existing = _existing(vacancy, person)
    if existing is not None:
        raise AlreadyApplied(
            f"{person} has already applied to this vacancy ({existing.reference}).",
            application=existing,
        )
    criteria = list(vacancy.role_description.criteria.all())
    errors = {}
    for criterion in criteria:
        if not (answers.get(criterion.pk) or "").strip():
            errors[f"answer_{criterion.pk}"] = (
                f'Enter their answer about {criterion.title.lower()}, or "No answer given"'
            )
    if not availability.strip():
        errors["availability"] = "Enter when they are usually free to take part"
    if errors:
        raise ValidationError(errors)
    application = Application(
        vacancy=vacancy,
        person=person,
        reference=new_reference(),
        route=route,
        entered_by=entered_by,
        availability=availability.strip(),
        support_needed=support_needed.strip(),
        heard_via=heard_via,
        heard_via_other="" if heard_via else heard_via_other.strip(),
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    if (
        heard_via is not None
        and heard_via.organisation_id != vacancy.role_description.organisation_id
    ):
        raise ValidationError({"heard_via": "Choose one of the places listed"})
    application.full_clean(validate_unique=False)
    application.save()
    Answer.objects.bulk_create(
        [Answer(application=application, criterion=c, text=answers[c.pk].strip()) for c in criteria]
    )
    AuditEvent.objects.create(
        vacancy=vacancy,
        application=application,
        actor=entered_by,
        action="application_entered",
        summary=f"{application.reference} entered by {entered_by} "
        f"({application.get_route_display().lower()})",
    )
    application_acknowledge(application=application)
    return application
