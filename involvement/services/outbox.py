"""Writes for the notification outbox: queue a message, send it exactly once,
retry failures a bounded number of times, print letters, record calls.

Sending never sends twice. A worker first *claims* a message with one
conditional UPDATE (waiting → sending, attempts + 1); only the worker whose
UPDATE changed the row sends it. Two workers, two task runs or a beat run
racing a queued task can therefore not both send. The price is at-most-once
delivery when a worker dies mid-send: a message stuck in "sending" is marked
"interrupted" (may not have been sent) and not tried again by itself
(`notification_recover_interrupted`), so that nobody gets the same message
twice silently. The coordinator sees it first in the person's message list
and decides: **Send again** (`notification_send_again`) or leave it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import time as dt_time
from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

from celery import signature
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from .. import message_kinds
from ..channels import ChannelError, channel_for, codes_delivered_when_sent, get_channel
from ..errors import ApplicationError
from ..models import Notification, Organisation, Person, PrintBatch, User
from ..text import single_line

Channel = Notification.Channel
Status = Notification.Status

# A failed message is tried again after 2, 4, 8 and 16 minutes: five attempts in all.
MAX_ATTEMPTS = 5
FIRST_RETRY_AFTER = timedelta(minutes=2)
# A claim older than this belongs to a worker that died (tasks stop after 5 minutes).
INTERRUPTED_AFTER = timedelta(minutes=15)
SEND_BATCH_SIZE = 200
# The batch task runs every minute: it stops taking new messages after this
# long and leaves the rest to the next run, well inside the task time limits.
SEND_BATCH_TIME = timedelta(seconds=45)
ERROR_MAX_LENGTH = 1000
SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length

INTERRUPTED_ERROR = (
    "Sending stopped part way through, so we do not know if this message arrived. "
    "It was not sent again, so that nobody gets the same message twice."
)


# --- Checked at send time ----------------------------------------------------
# A message can wait (a retry, a letter for the next print run, a reminder
# queued in the morning for a meeting moved at noon). Each kind of message
# may register a check that looks again at what it is about just before it
# goes: it can cancel the message with a reason (the meeting was cancelled,
# the exercise closed) or write it afresh (the meeting's new time). Apps
# register their checks when they start (AppConfig.ready), so the core
# imports no other app.


@dataclass(frozen=True)
class SendCheck:
    """The outcome of looking again: cancel with a reason, or send, with a new
    subject and text if they are given."""

    cancel: str = ""
    subject: str | None = None
    body_text: str | None = None


SEND_CHECKS: dict[str, Callable[[Notification], SendCheck]] = {}

# While the batch task sends a handful of messages together, a check may keep
# what it looked up (a meeting and its invitations) for the rest of that
# handful (`batch_memo`), so that 30 reminders about one meeting look at it
# once rather than 30 times. A handful is SEND_CHUNK messages, a second or so:
# the check still looks again just before each handful goes.
_batch_memo: ContextVar[dict | None] = ContextVar("outbox_batch_memo", default=None)


def batch_memo(key: tuple, load: Callable[[], object]) -> object:
    """`load()`, kept for the rest of the handful being sent, when there is one."""
    memo = _batch_memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def register_send_check(kind: str, check: Callable[[Notification], SendCheck]) -> None:
    SEND_CHECKS[kind] = check


def _check_before_sending(notification: Notification) -> SendCheck | None:
    check = SEND_CHECKS.get(notification.kind)
    return check(notification) if check else None


def _cancel_stale(notification: Notification, reason: str) -> None:
    """Cancel a message that would be stale (only one not yet gone)."""
    Notification.objects.filter(
        pk=notification.pk, status__in=[Status.PENDING, Status.SENDING, Status.FAILED]
    ).update(
        status=Status.CANCELLED, cancelled_reason=reason[:ERROR_MAX_LENGTH], next_attempt_at=None
    )
    notification.status = Status.CANCELLED
    notification.cancelled_reason = reason


def turned_off_reason(person: Person, kind: str) -> str:
    """Why a message of this kind does not go to this person ("" if it does):
    they turned that kind of message off (involvement.message_kinds)."""
    off = message_kinds.turned_off(person, kind)
    if off is None:
        return ""
    return f"{person.display_name} chose not to get this kind of message ({off.label.lower()})."


def notification_refresh(notification: Notification) -> bool:
    """Run the message's check now: cancel it if the person turned this kind
    of message off, or if it is stale; rewrite it if what it is about has
    changed. True if it may still go."""
    reason = turned_off_reason(notification.recipient, notification.kind)
    if reason:
        _cancel_stale(notification, reason)
        return False
    outcome = _check_before_sending(notification)
    if outcome is None:
        return True
    if outcome.cancel:
        _cancel_stale(notification, outcome.cancel)
        return False
    changes = {}
    if outcome.subject is not None and subject_line(outcome.subject) != notification.subject:
        changes["subject"] = subject_line(outcome.subject)
    if outcome.body_text is not None and outcome.body_text != notification.body_text:
        changes["body_text"] = outcome.body_text
    if changes:
        Notification.objects.filter(pk=notification.pk).update(**changes)
        for name, value in changes.items():
            setattr(notification, name, value)
    return True


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before the next try, after `attempts` tries."""
    return FIRST_RETRY_AFTER * 2 ** max(attempts - 1, 0)


def subject_line(subject: str) -> str:
    """A subject fit for an email header and for the outbox: one line (a line
    break typed into a meeting title, say, would stop every email that names
    it), and no longer than the outbox keeps (a long title is cut short with
    an ellipsis rather than the message not being sent)."""
    return single_line(subject, max_length=SUBJECT_MAX_LENGTH)


# --- Quiet hours ---------------------------------------------------------------
# Nothing reaches people overnight: an organisation that holds messages
# overnight (Organisation.quiet_hours, on by default) has its messages wait
# from 9pm to 8am, UK time, whatever the clocks did that night. They stay in
# the outbox, and the every-minute batch sends them from 8am.
QUIET_ZONE = ZoneInfo("Europe/London")
QUIET_FROM = dt_time(21, 0)
QUIET_UNTIL = dt_time(8, 0)


def in_quiet_hours(moment=None) -> bool:
    if not getattr(settings, "INVOLVE_QUIET_HOURS", True):
        return False
    local = timezone.localtime(moment or timezone.now(), QUIET_ZONE).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def _due() -> Q:
    """Messages the sending task should take now."""
    due = Q(status=Status.PENDING) | Q(
        status=Status.FAILED,
        next_attempt_at__lte=timezone.now(),
        attempts__lt=MAX_ATTEMPTS,
    )
    if in_quiet_hours():
        due &= Q(organisation__isnull=True) | Q(organisation__quiet_hours=False)
    return due


# The sending task, by its registered name: services are called by tasks
# (involvement.tasks imports this module), so they never import the tasks.
SEND_TASK = "involvement.send_notification"


SEND_MANY_TASK = "involvement.send_notifications"


def _enqueue_send(notification_id: int) -> None:
    signature(SEND_TASK, args=(notification_id,)).delay()


def _enqueue_send_many(notification_ids: list[int]) -> None:
    signature(SEND_MANY_TASK, args=(notification_ids,)).delay()


@dataclass(frozen=True)
class Outgoing:
    """One message for `notification_queue_many`: the same as the arguments
    of `notification_queue`."""

    recipient: Person
    subject: str
    body_text: str
    idempotency_key: str
    organisation: Organisation | None = None
    kind: str = ""
    about: str = ""
    body_html: str = ""
    channel: str | None = None


def _build(message: Outgoing) -> Notification:
    """The outbox row for a message, checked, not saved. The recipient and the
    organisation are rows the caller holds, and the table's constraints are
    the database's to enforce: checking them here would cost five queries a
    message."""
    recipient = message.recipient
    channel = message.channel or channel_for(recipient)
    if not get_channel(channel).delivers_when_sent and message.organisation is None:
        raise ValidationError(
            {"organisation": "Choose the organisation that will print the letter or make the call."}
        )
    notification = Notification(
        recipient=recipient,
        organisation=message.organisation,
        channel=channel,
        subject=subject_line(message.subject),
        body_text=message.body_text,
        body_html=message.body_html,
        large_print=channel == Channel.POST and recipient.large_print,
        idempotency_key=message.idempotency_key,
        kind=message.kind,
        about=message.about,
    )
    turned_off = turned_off_reason(recipient, message.kind)
    if turned_off:
        notification.status = Status.CANCELLED
        notification.cancelled_reason = turned_off
    notification.full_clean(
        exclude=["recipient", "organisation"], validate_unique=False, validate_constraints=False
    )
    return notification


def _goes_by_itself(notification: Notification) -> bool:
    """Sent by a worker (not printed or phoned), and not cancelled on queueing."""
    return (
        notification.status == Status.PENDING
        and get_channel(notification.channel).delivers_when_sent
    )


@transaction.atomic
def notification_queue(
    *,
    recipient: Person,
    subject: str,
    body_text: str,
    body_html: str = "",
    idempotency_key: str,
    organisation: Organisation | None = None,
    channel: str | None = None,
    kind: str = "",
    about: str = "",
) -> Notification:
    """Queue one message to one person, the way they asked to be contacted
    (involvement.channels.channel_for) unless `channel` is given.

    Idempotent: the same `idempotency_key` always gives back the first message,
    also when two callers race (the unique key decides). Messages the sending
    task delivers are enqueued once the transaction commits; the beat schedule
    picks up any the broker missed.

    A message of a kind the person turned off is kept, cancelled, with the
    reason, so that the coordinator sees why it did not go (and the key still
    holds: it is not queued again).
    """
    existing = Notification.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    notification = _build(
        Outgoing(
            recipient=recipient,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            idempotency_key=idempotency_key,
            organisation=organisation,
            channel=channel,
            kind=kind,
            about=about,
        )
    )
    # The unique key is checked by the database below, where a race cannot slip past it.
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        existing = Notification.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    if _goes_by_itself(notification):
        transaction.on_commit(partial(_enqueue_send, notification.pk), robust=True)
    return notification


# Rows written by one INSERT, and messages handed to one sending task.
QUEUE_BULK_SIZE = 500


@transaction.atomic
def notification_queue_many(messages: Iterable[Outgoing]) -> int:
    """Queue many messages at once (a morning's meeting reminders): what
    `notification_queue` does for each, in a few queries whatever their
    number: one to find the keys already used and one INSERT for each
    QUEUE_BULK_SIZE messages. The messages a worker sends are handed to the
    sending task in lists once the transaction commits.

    Idempotent like `notification_queue`: a key already used is skipped (the
    first of two messages with one key wins). If another process queues one
    of the same keys at the same moment, that slice of messages is queued one
    by one instead, where the unique key decides. Returns how many messages
    were new."""
    by_key: dict[str, Outgoing] = {}
    for message in messages:
        by_key.setdefault(message.idempotency_key, message)
    keys = list(by_key)
    used: set[str] = set()
    for start in range(0, len(keys), QUEUE_BULK_SIZE):
        used.update(
            Notification.objects.filter(
                idempotency_key__in=keys[start : start + QUEUE_BULK_SIZE]
            ).values_list("idempotency_key", flat=True)
        )
    new = [_build(message) for key, message in by_key.items() if key not in used]
    queued: list[Notification] = []
    for start in range(0, len(new), QUEUE_BULK_SIZE):
        chunk = new[start : start + QUEUE_BULK_SIZE]
        try:
            with transaction.atomic():
                queued.extend(Notification.objects.bulk_create(chunk))
        except IntegrityError:
            for notification in chunk:
                queued.append(
                    notification_queue(
                        recipient=notification.recipient,
                        subject=notification.subject,
                        body_text=notification.body_text,
                        body_html=notification.body_html,
                        idempotency_key=notification.idempotency_key,
                        organisation=notification.organisation,
                        channel=notification.channel,
                        kind=notification.kind,
                        about=notification.about,
                    )
                )
    to_send = [n.pk for n in queued if n.pk is not None and _goes_by_itself(n)]
    for start in range(0, len(to_send), QUEUE_BULK_SIZE):
        transaction.on_commit(
            partial(_enqueue_send_many, to_send[start : start + QUEUE_BULK_SIZE]), robust=True
        )
    return len(new)


def notification_claim(*, notification_id: int) -> bool:
    """Take a message to send it. True for exactly one caller per attempt.

    One conditional UPDATE, outside any wider transaction, so that the claim is
    visible to every other worker the moment it is made.
    """
    claimed = (
        Notification.objects.filter(pk=notification_id, channel__in=codes_delivered_when_sent())
        .filter(_due())
        .update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            claimed_at=timezone.now(),
            next_attempt_at=None,
        )
    )
    return claimed == 1


def _error_text(exc: Exception) -> str:
    text = str(exc) if isinstance(exc, ChannelError) else f"{type(exc).__name__}: {exc}"
    return text[:ERROR_MAX_LENGTH]


def notification_send(*, notification_id: int) -> Notification | None:
    """Send one message if it is due and nobody else is sending it.

    Returns the message after the attempt, or None when it was not ours to send
    (already sent, being sent, cancelled, waiting for a person, or not yet due
    for a retry). Deliberately not one transaction: the claim must commit
    before sending, and the outcome is recorded after it.
    """
    if not notification_claim(notification_id=notification_id):
        return None
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    return _deliver(notification)


def _deliver(notification: Notification) -> Notification:
    """Look again, send and record the outcome of a message this worker claimed."""
    try:
        if not notification_refresh(notification):
            return notification
    except Exception as exc:  # noqa: BLE001 - a failing check is a failed attempt, retried
        return _record_failure(notification, exc)
    try:
        get_channel(notification.channel).send(notification)
    except SoftTimeLimitExceeded:
        # Stopped mid-send: it may or may not have gone. Left "sending", it is
        # later marked interrupted and not retried (see the module docstring).
        raise
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the row and retried
        return _record_failure(notification, exc)
    return _record_sent(notification)


# The batch takes this many messages at a time: claimed together, checked
# with what was looked up for the handful (batch_memo), each recorded as it
# goes. Small, so that a worker killed mid-handful leaves few messages
# "may not have been sent" that were never tried.
SEND_CHUNK = 20


def _claim_many(ids: list[int]) -> list[Notification]:
    """Take the due ones among these messages to send them: the rows another
    worker holds are skipped (SKIP LOCKED), the rest marked "sending" in one
    UPDATE. Two queries for the handful; committed before anything is sent,
    so that every other worker sees the claim."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk__in=ids, channel__in=codes_delivered_when_sent())
            .filter(_due())
            .order_by("created_at", "pk")
        )
        if not rows:
            return []
        now = timezone.now()
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            claimed_at=now,
            next_attempt_at=None,
        )
    for row in rows:
        row.status = Status.SENDING
        row.attempts += 1
        row.claimed_at = now
        row.next_attempt_at = None
    return rows


def _send_chunk(ids: list[int]) -> int:
    claimed = _claim_many(ids)
    untried = {row.pk for row in claimed}
    memo = _batch_memo.set({})
    sent = 0
    try:
        for notification in claimed:
            untried.discard(notification.pk)
            if _deliver(notification).status == Status.SENT:
                sent += 1
    finally:
        _batch_memo.reset(memo)
        if untried:
            # Stopped before these were tried (a time limit): they go back to
            # waiting, so they are neither lost nor shown as interrupted.
            Notification.objects.filter(pk__in=untried, status=Status.SENDING).update(
                status=Status.PENDING, attempts=F("attempts") - 1, claimed_at=None
            )
    return sent


def notification_send_many(
    notification_ids: Iterable[int], *, time_budget: timedelta = SEND_BATCH_TIME
) -> int:
    """Send these messages, those still due and not taken by another worker,
    a handful at a time (SEND_CHUNK), for at most `time_budget`; what is left
    waits for the every-minute batch. Returns how many were sent."""
    stop_at = time.monotonic() + time_budget.total_seconds()
    ids = list(notification_ids)
    sent = 0
    for start in range(0, len(ids), SEND_CHUNK):
        if time.monotonic() > stop_at:
            break
        sent += _send_chunk(ids[start : start + SEND_CHUNK])
    return sent


def _record_sent(notification: Notification) -> Notification:
    now = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(status=Status.SENT, sent_at=now)
    notification.status = Status.SENT
    notification.sent_at = now
    return notification


def _record_failure(notification: Notification, exc: Exception) -> Notification:
    retry_at = None
    if notification.attempts < MAX_ATTEMPTS:
        retry_at = timezone.now() + retry_delay(notification.attempts)
    error = _error_text(exc)
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=Status.FAILED, last_error=error, next_attempt_at=retry_at
    )
    notification.status = Status.FAILED
    notification.last_error = error
    notification.next_attempt_at = retry_at
    return notification


def notification_recover_interrupted() -> int:
    """Mark messages whose sender died mid-send as interrupted: not retried by
    themselves (see the module docstring), shown to the coordinator to send
    again or not."""
    return Notification.objects.filter(
        status=Status.SENDING, claimed_at__lt=timezone.now() - INTERRUPTED_AFTER
    ).update(status=Status.INTERRUPTED, last_error=INTERRUPTED_ERROR, next_attempt_at=None)


# Messages a coordinator may send again: interrupted ones, and failed ones that
# will not be tried again by themselves.
SEND_AGAIN_STATUSES = (Status.INTERRUPTED, Status.FAILED)


def can_send_again(notification: Notification) -> bool:
    return notification.channel in codes_delivered_when_sent() and (
        notification.status == Status.INTERRUPTED
        or (notification.status == Status.FAILED and notification.next_attempt_at is None)
    )


@transaction.atomic
def notification_send_again(*, notification: Notification, sent_by: User) -> Notification:
    """The coordinator decided: send an interrupted (or finally failed) message
    again. One conditional UPDATE puts it back in the queue, so two people
    pressing the button at once queue it once; it is checked again (a meeting
    since cancelled cancels it) when it goes."""
    if not can_send_again(notification):
        raise ApplicationError(
            "Only a message that may not have been sent, or that failed and will not be "
            "tried again, can be sent again.",
            code="not_sendable_again",
        )
    queued = (
        Notification.objects.filter(pk=notification.pk, status=notification.status)
        .filter(Q(status=Status.INTERRUPTED) | Q(next_attempt_at__isnull=True))
        .update(status=Status.PENDING, attempts=0, last_error="", claimed_at=None)
    )
    notification.refresh_from_db(fields=["status", "attempts", "last_error", "claimed_at"])
    if queued:
        transaction.on_commit(partial(_enqueue_send, notification.pk), robust=True)
    return notification


def notification_send_due(
    *, limit: int = SEND_BATCH_SIZE, time_budget: timedelta = SEND_BATCH_TIME
) -> int:
    """Send every message that is due (new ones and failed ones whose retry
    time has come), oldest first, for at most `time_budget`. Returns how many
    were sent."""
    notification_recover_interrupted()
    due_ids = list(
        Notification.objects.filter(channel__in=codes_delivered_when_sent())
        .filter(_due())
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return notification_send_many(due_ids, time_budget=time_budget)


@transaction.atomic
def notification_cancel(*, notification: Notification, cancelled_by: User) -> Notification:
    """Stop a message that has not gone yet (waiting, or failed and waiting to
    be tried again). A letter already in a print batch is left out of its PDF."""
    cancelled = Notification.objects.filter(
        pk=notification.pk, status__in=[Status.PENDING, Status.FAILED]
    ).update(status=Status.CANCELLED, next_attempt_at=None)
    if not cancelled:
        notification.refresh_from_db(fields=["status"])
        if notification.status == Status.CANCELLED:
            return notification
        raise ApplicationError(
            "This message has already been sent or is being sent now, so it cannot be cancelled.",
            code="already_sent",
        )
    notification.refresh_from_db(fields=["status", "next_attempt_at"])
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """The person opened the message. Only the first opening counts."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


class CallNoLongerNeeded(ApplicationError):
    """The call was cancelled as it was about to be marked made (the message
    was checked again, as any message is before it goes)."""


def notification_mark_called(*, notification: Notification, called_by: User) -> Notification:
    """The coordinator phoned the person and passed the message on.

    First the message is checked again, like any other before it goes
    (notification_refresh): a call about a meeting since cancelled, or one the
    person no longer wants, is cancelled with its reason, kept so, and the
    coordinator told so, rather than marked made."""
    if notification.channel != Channel.PHONE:
        raise ApplicationError("Only messages for a phone call can be marked as called.")
    if notification.status == Status.PENDING and not notification_refresh(notification):
        raise CallNoLongerNeeded(
            f"This call is no longer needed, so it was cancelled rather than marked as made: "
            f"{notification.cancelled_reason}",
            code="no_longer_needed",
        )
    now = timezone.now()
    with transaction.atomic():
        updated = Notification.objects.filter(pk=notification.pk, status=Status.PENDING).update(
            status=Status.SENT, sent_at=now
        )
    notification.refresh_from_db(fields=["status", "sent_at", "cancelled_reason"])
    if not updated and notification.status != Status.SENT:
        reason = f" {notification.cancelled_reason}" if notification.cancelled_reason else ""
        raise ApplicationError(f"This call was cancelled, so it cannot be marked as made.{reason}")
    return notification


def letters_waiting(*, organisation: Organisation):
    """Letters of an organisation not yet in a print batch (for writes; the page
    reads through selectors.outbox.letter_list_waiting)."""
    return Notification.objects.filter(
        organisation=organisation,
        channel=Channel.POST,
        status=Status.PENDING,
        print_batch__isnull=True,
    )


def print_batch_create(*, organisation: Organisation, created_by: User) -> PrintBatch:
    """Put every letter waiting to print into one new batch.

    First each letter is looked at again: one about a meeting since cancelled,
    or an exercise since closed, is cancelled with its reason rather than
    printed (and stays cancelled even if no letter is left to print). Then one
    conditional UPDATE moves the letters, so two people pressing the button at
    once cannot put a letter in two batches: the second finds none left.
    """
    for letter in (
        letters_waiting(organisation=organisation).exclude(kind="").select_related("recipient")
    ):
        notification_refresh(letter)
    return _print_batch_create(organisation=organisation, created_by=created_by)


@transaction.atomic
def _print_batch_create(*, organisation: Organisation, created_by: User) -> PrintBatch:
    batch = PrintBatch(organisation=organisation, created_by=created_by)
    batch.full_clean()
    batch.save()
    moved = letters_waiting(organisation=organisation).update(print_batch=batch)
    if not moved:
        raise ApplicationError("There are no letters waiting to print.", code="nothing_to_print")
    return batch


@transaction.atomic
def print_batch_mark_printed(*, batch: PrintBatch, printed_by: User) -> PrintBatch:
    """The batch is printed: every letter still waiting in it is sent now.
    Marking a batch printed twice changes nothing the second time."""
    locked = PrintBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.printed_at is not None:
        return locked
    now = timezone.now()
    locked.letters.filter(status=Status.PENDING).update(status=Status.SENT, sent_at=now)
    locked.printed_at = now
    locked.printed_by = printed_by
    locked.full_clean()
    locked.save(update_fields=["printed_at", "printed_by"])
    return locked
