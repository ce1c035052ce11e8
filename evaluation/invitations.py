"""Survey links sent through each person's own channel.

Opening a survey (the involvement score for an organisation, or a group's
member experience survey) queues one message per invited person through the
outbox, the way they asked to be contacted: an email (or a message on
Involve) with the link; a letter with the questions printed as a paper form
and the survey's short reference, to send back; or a call on the
coordinator's call list, with the questions to ask and where to enter the
answers. Each person is asked once per survey (the idempotency key), so
sending again reaches only people who joined since. Just before a message
goes (or a letter is printed, or a call made) the send check looks at the
survey again and stops the message once the survey has closed.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from involvement import message_kinds
from involvement.errors import ApplicationError
from involvement.links import site_address
from involvement.models import Membership, Notification, Person
from involvement.services.outbox import SendCheck, notification_queue, register_send_check

from .forms import SCORE_CHOICES
from .models import EXPERIENCE_QUESTIONS, Agreement, ExperienceSurvey, SurveyRound

KIND = "survey_invitation"
SCORE = "score"
EXPERIENCE = "experience"


def register() -> None:
    """The kind of message, on each person's "Which messages you get" page,
    and its send check (called from EvaluationConfig.ready)."""
    message_kinds.register(
        KIND,
        "Invitations to answer a short survey about the group",
        hint="A few times a year, with a link, a paper form or a call.",
        order=80,
    )
    register_send_check(KIND, send_check)


def reference(kind: str, survey) -> str:
    """The short reference printed on a paper form: which survey it answers
    (the answers themselves carry no name)."""
    return f"{'IS' if kind == SCORE else 'ME'}-{survey.pk}"


def _invited(kind: str, survey) -> list[Person]:
    """Members (not those who have left) of the group, or of any of the
    organisation's groups for the involvement score; each person once."""
    memberships = Membership.objects.exclude(status=Membership.Status.LEFT)
    if kind == SCORE:
        memberships = memberships.filter(group__organisation_id=survey.organisation_id)
    else:
        memberships = memberships.filter(group_id=survey.group_id)
    person_ids = memberships.values("person_id")
    return list(Person.objects.filter(pk__in=person_ids).order_by("pk"))


def _questions(kind: str) -> list[str]:
    """The questions as a paper form (or as the caller reads them out)."""
    if kind == SCORE:
        options = " / ".join(label for _value, label in SCORE_CHOICES)
        return [
            "How involved are service users in their care and in the services? "
            f"Circle one: {options}"
        ]
    options = " / ".join(Agreement.labels)
    return [
        f"{number}. {statement} Circle one, or leave it out: {options}"
        for number, (_name, statement, _short) in enumerate(EXPERIENCE_QUESTIONS, start=1)
    ] + [f"{len(EXPERIENCE_QUESTIONS) + 1}. Anything else you would like to tell us?"]


def _message(*, kind: str, survey, person: Person, channel: str, site_url: str):
    """(subject, body) for this person's channel."""
    organisation = survey.organisation if kind == SCORE else survey.group.organisation
    about = organisation.name if kind == SCORE else survey.group.name
    closes = date_format(survey.closes_on, "l j F Y")
    answer_url = "survey-answer" if kind == SCORE else "experience-answer"
    paper_url = "survey-paper" if kind == SCORE else "experience-paper"
    link = site_address(site_url) + reverse(answer_url, args=[survey.pk])
    what = (
        "how involved service users are in their care and in the services"
        if kind == SCORE
        else f"how {about} is working for you"
    )
    ref = reference(kind, survey)
    questions = "\n".join(_questions(kind))
    if channel == Notification.Channel.PHONE:
        paper = site_address(site_url) + reverse(paper_url, args=[survey.pk])
        subject = f"Call {person.display_name}: survey {ref}, {survey.title}"
        body = (
            f"Phone {person.display_name} and ask the questions of {survey.title} "
            f"(reference {ref}), open until {closes}. Every question is optional.\n\n"
            f"{questions}\n\n"
            f"Enter their answers without their name: {paper}"
        )
        return subject, body
    subject = f"{survey.title}: tell us {what} by {date_format(survey.closes_on, 'j F')}"
    if channel == Notification.Channel.POST:
        body = (
            f"Dear {person.display_name},\n\n"
            f"We would like to know {what}. Your answers are counted with everyone "
            "else's and nobody sees them on their own. Every question is optional.\n\n"
            f"Please answer the questions below and send this letter back to "
            f"{organisation.name} by {closes}. Do not write your name on it.\n\n"
            f"Survey reference: {ref}\n\n{questions}\n\n"
            f"You can also answer online: {link}"
        )
        return subject, body
    body = (
        f"Dear {person.display_name},\n\n"
        f"We would like to know {what}. It takes about 2 minutes, every question is "
        "optional, and nobody sees your answers on their own. "
        f"Answer by {closes}: {link}\n\n"
        "If you prefer, phone your coordinator and they will write down your answers."
    )
    return subject, body


@transaction.atomic
def send_links(*, kind: str, survey, site_url: str = "", today: datetime.date | None = None):
    """Queue the survey's message to every invited person who has not had
    it; returns how many were queued now. Only while the survey is open."""
    from involvement.channels import channel_for

    today = today or timezone.localdate()
    if not survey.opens_on <= today <= survey.closes_on:
        raise ApplicationError("The links can only be sent while the survey is open.")
    organisation = survey.organisation if kind == SCORE else survey.group.organisation
    people = {f"evaluation:{kind}-survey:{survey.pk}:{p.pk}": p for p in _invited(kind, survey)}
    already = set(
        Notification.objects.filter(idempotency_key__in=list(people)).values_list(
            "idempotency_key", flat=True
        )
    )
    queued = 0
    for key, person in people.items():
        if key in already:
            continue
        channel = channel_for(person)
        subject, body = _message(
            kind=kind, survey=survey, person=person, channel=channel, site_url=site_url
        )
        notification_queue(
            recipient=person,
            organisation=organisation,
            channel=channel,
            subject=subject,
            body_text=body,
            idempotency_key=key,
            kind=KIND,
            about=f"{kind}-survey:{survey.pk}",
        )
        queued += 1
    return queued


def send_check(notification: Notification) -> SendCheck:
    """Look at the survey again just before the message goes."""
    kind, _sep, pk = notification.about.partition("-survey:")
    model = {SCORE: SurveyRound, EXPERIENCE: ExperienceSurvey}.get(kind)
    if model is None or not pk.isdigit():
        return SendCheck()
    survey = model.objects.filter(pk=int(pk)).first()
    if survey is None:
        return SendCheck(cancel="The survey was deleted.")
    if survey.closes_on < timezone.localdate():
        return SendCheck(
            cancel=f"The survey closed on {date_format(survey.closes_on, 'j F Y')} "
            "before the message went."
        )
    return SendCheck()
