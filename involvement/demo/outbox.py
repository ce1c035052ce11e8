"""Demo messages (all fictional): for each demo organisation, emails already
sent, one that bounced and one waiting to be tried again, a printed batch of
letters and letters waiting to print for people who asked for post, calls
waiting for people who asked to be phoned and one no longer needed; and for the demo member login,
messages on Involve, two of them unread.

Messages go to the people of each organisation's groups (involvement/demo/
groups.py). Without groups the organisations get none, and only the member
login's messages are made. Idempotent: a message whose key exists is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ..clock import clock
from ..models import Notification, Organisation, Person, PrintBatch, User
from ..services import outbox as services
from . import schedule

Channel = Notification.Channel
Status = Notification.Status

MEMBER_EMAIL = "member@fellside.example"

# Per organisation slug: the group named in the wording.
GROUPS = {"fellside": "Fellside Diabetes Voices", "riverbank": "Riverbank Diabetes Panel"}

BOUNCE = "SMTPRecipientsRefused: 550 5.1.1 The email account that you tried to reach does not exist"
TIMEOUT = "TimeoutError: The mail server did not answer in time"


def _queue(
    *,
    key: str,
    person: Person,
    organisation: Organisation | None,
    subject: str,
    body: str,
    channel: str | None = None,
    kind: str = "",
) -> Notification | None:
    """Queue one demo message; None if it already exists (seeded before)."""
    if Notification.objects.filter(idempotency_key=key).exists():
        return None
    return services.notification_queue(
        recipient=person,
        organisation=organisation,
        subject=subject,
        body_text=body,
        idempotency_key=key,
        channel=channel,
        kind=kind,
    )


def _age(notification: Notification, *, days: int, **fields) -> None:
    """Make a demo message look as if it was queued `days` ago (and maybe sent)."""
    created = timezone.now() - timedelta(days=days)
    Notification.objects.filter(pk=notification.pk).update(created_at=created, **fields)


def _people(organisation: Organisation, channel: str) -> list[Person]:
    return list(
        Person.objects.filter(
            memberships__group__organisation=organisation,
            memberships__status__in=["active", "inducted"],
            contact_channel=channel,
        )
        .distinct()
        .order_by("full_name")
    )


def _seed_organisation(organisation: Organisation) -> int:
    # The groups' next meeting, as the meetings demo schedules it.
    group, venue = GROUPS[organisation.slug], schedule.main_venue(organisation.slug)
    day = schedule.first_meeting_day()
    meeting = f"{day:%A} {day.day} {day:%B} at {clock(schedule.START)}"
    slug = organisation.slug
    made = 0
    notes_body = (
        f"Thank you for coming to the last meeting of {group}.\n\n"
        "You said the letters inviting people to eye screening were hard to read. "
        "The screening service has agreed to rewrite them with the group and to offer "
        "evening clinics from April.\n\n"
        f"Our next meeting is on {meeting} at {venue}. Travel expenses are paid on the day."
    )
    emailed = _people(organisation, "email")
    for person in emailed[:4]:
        sent = _queue(
            key=f"demo:{slug}:notes-february:{person.full_name}",
            person=person,
            organisation=organisation,
            subject="Notes and actions from our February meeting",
            body=notes_body,
        )
        if sent:
            _age(
                sent,
                days=12,
                status=Status.SENT,
                attempts=1,
                sent_at=timezone.now() - timedelta(days=12),
            )
            made += 1
    if len(emailed) > 4:
        bounced = _queue(
            key=f"demo:{slug}:notes-february:{emailed[4].full_name}",
            person=emailed[4],
            organisation=organisation,
            subject="Notes and actions from our February meeting",
            body=notes_body,
        )
        if bounced:
            _age(
                bounced,
                days=12,
                status=Status.FAILED,
                attempts=services.MAX_ATTEMPTS,
                last_error=BOUNCE,
            )
            made += 1
    if len(emailed) > 5:
        retrying = _queue(
            key=f"demo:{slug}:survey:{emailed[5].full_name}",
            person=emailed[5],
            organisation=organisation,
            subject="How is the group going? A short survey",
            body=(
                "Every year we ask members how the group is going and what we should change. "
                "The survey has 8 questions and takes about 5 minutes."
            ),
        )
        if retrying:
            _age(
                retrying,
                days=0,
                status=Status.FAILED,
                attempts=2,
                last_error=TIMEOUT,
                next_attempt_at=timezone.now() + timedelta(minutes=4),
            )
            made += 1

    by_post = _people(organisation, "post")
    # Last month's papers: printed and posted in a batch.
    old_letters = []
    for person in by_post[:2]:
        letter = _queue(
            key=f"demo:{slug}:papers-february:{person.full_name}",
            person=person,
            organisation=organisation,
            subject="Papers for our February meeting",
            body=(
                "Here are the papers for our February meeting: the agenda, the notes of the "
                "last meeting and the draft Your Diabetes Care leaflet for people who have "
                "just been told they have diabetes.\n\nPlease bring any comments with you."
            ),
        )
        if letter:
            old_letters.append(letter)
    if old_letters:
        coordinator = User.objects.filter(
            staff_roles__organisation=organisation, staff_roles__role="coordinator"
        ).first()
        batch = services.print_batch_create(organisation=organisation, created_by=coordinator)
        services.print_batch_mark_printed(batch=batch, printed_by=coordinator)
        PrintBatch.objects.filter(pk=batch.pk).update(
            created_at=timezone.now() - timedelta(days=20),
            printed_at=timezone.now() - timedelta(days=19),
        )
        for letter in old_letters:
            _age(letter, days=20, sent_at=timezone.now() - timedelta(days=19))
        made += len(old_letters)
    # This month's papers: waiting in the print queue.
    for person in by_post:
        letter = _queue(
            key=f"demo:{slug}:papers-march:{person.full_name}",
            person=person,
            organisation=organisation,
            subject="Papers for our March meeting",
            body=(
                f"Our next meeting is on {meeting} at {venue}. The building has step-free "
                "access and a hearing loop.\n\nThe papers are the agenda, the notes of the "
                "February meeting and the network board's questions about foot care."
            ),
        )
        if letter:
            _age(letter, days=1)
            made += 1

    # Someone who asked not to be chased for replies: the chaser is kept,
    # cancelled, with the reason the coordinator reads on the Messages page.
    if by_post:
        chosen = by_post[-1]
        chosen.message_choices = {**(chosen.message_choices or {}), "meeting_chaser": False}
        chosen.save(update_fields=["message_choices"])
        if _queue(
            key=f"demo:{slug}:chaser-march:{chosen.full_name}",
            person=chosen,
            organisation=organisation,
            subject="Can you come? Our March meeting",
            body=f"We have not heard whether you can come on {meeting} at {venue}.",
            kind="meeting_chaser",
        ):
            made += 1

    for person in _people(organisation, "phone")[:3]:
        call = _queue(
            key=f"demo:{slug}:room-change:{person.full_name}",
            person=person,
            organisation=organisation,
            subject="The March meeting is in a different room",
            body=(
                f"The meeting on {meeting} is in the ground-floor meeting room at {venue}, "
                "not upstairs. Everything else is the same."
            ),
        )
        if call:
            made += 1
    # A call no longer needed: checked again as it was about to be made, and
    # cancelled with the reason ("Calls no longer needed" on the call list).
    for person in _people(organisation, "phone")[-1:]:
        call = _queue(
            key=f"demo:{slug}:reminder-cancelled:{person.full_name}",
            person=person,
            organisation=organisation,
            subject="Reminder: the February workshop next week",
            body="This is a reminder of the February workshop next week.",
        )
        if call:
            _age(
                call,
                days=2,
                status=Status.CANCELLED,
                cancelled_reason="The meeting was cancelled; the cancellation notice went instead.",
            )
            made += 1
    return made


def _seed_member() -> int:
    user = User.objects.filter(email=MEMBER_EMAIL).first()
    if user is None:
        return 0
    person, _ = Person.objects.get_or_create(
        user=user,
        defaults={
            "full_name": user.full_name or "Doreen Ashworth",
            "preferred_name": user.preferred_name,
            "email": user.email,
        },
    )
    # The demo member asked for the weekly summary of their meetings and actions.
    person.message_choices = {**(person.message_choices or {}), "weekly_digest": True}
    person.save(update_fields=["message_choices"])
    organisation = Organisation.objects.filter(slug="fellside").first()
    messages = [
        (
            "welcome",
            40,
            True,
            "Welcome to Fellside Diabetes Voices",
            "Welcome to the group. Your first meeting is an induction: we will talk about "
            "how the group works, agree ground rules and answer your questions. Pat Holden "
            "will be your buddy for your first few meetings.",
        ),
        (
            "expenses-paid",
            3,
            False,
            "Your travel expenses have been paid",
            "We have paid £7.40 for your bus fares to the February meeting. It should be in "
            "your bank account within 3 working days.",
        ),
        (
            "you-said-we-did",
            1,
            False,
            "You said, we did: eye screening letters",
            "You said the eye screening invitation letters were hard to read. The screening "
            "service has rewritten them with two members of the group, and the new letters "
            "go out from April.",
        ),
    ]
    made = 0
    for key, days, read, subject, body in messages:
        notification = _queue(
            key=f"demo:member:{key}",
            person=person,
            organisation=organisation,
            subject=subject,
            body=body,
            channel=Channel.IN_APP,
        )
        if notification:
            sent_at = timezone.now() - timedelta(days=days)
            _age(
                notification,
                days=days,
                status=Status.SENT,
                attempts=1,
                sent_at=sent_at,
                read_at=sent_at + timedelta(hours=2) if read else None,
            )
            made += 1
    return made


def seed(stdout=None) -> None:
    made = 0
    for organisation in Organisation.objects.filter(slug__in=GROUPS):
        made += _seed_organisation(organisation)
    made += _seed_member()
    if stdout is not None:
        stdout.write(f"involvement: {made} demo messages in the outbox")
