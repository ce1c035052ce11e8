"""Sending the outbox: each message goes once, however often the tasks run;
failures are recorded and retried a bounded number of times with backoff."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.utils import timezone

from involvement.models import Notification
from involvement.services import outbox
from involvement.tasks import send_notification, send_pending_notifications
from tests.factories import NotificationFactory, OrganisationFactory, PersonFactory

Status = Notification.Status
Channel = Notification.Channel

BROKEN_BACKEND = "tests.involvement.test_outbox_sending.BrokenEmailBackend"


class BrokenEmailBackend(BaseEmailBackend):
    """An email server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("Mail server refused the connection")


def queue_email(**overrides):
    person = overrides.pop("recipient", None) or PersonFactory(email="ann@example.org")
    return outbox.notification_queue(
        recipient=person,
        subject=overrides.pop("subject", "Your next meeting"),
        body_text=overrides.pop("body_text", "Our next meeting is on Tuesday 3 March."),
        idempotency_key=overrides.pop("idempotency_key", "meeting-3-march:ann"),
        **overrides,
    )


def make_due_again(notification):
    """Bring a failed message's retry time to now, as if the wait had passed."""
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_running_the_send_tasks_twice_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_email()
    assert len(mail.outbox) == 1  # sent by the task enqueued on commit

    send_notification.delay(notification.pk)
    send_pending_notifications.delay()
    send_pending_notifications.delay()

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None


@pytest.mark.django_db
def test_the_batch_task_run_twice_sends_each_waiting_email_once():
    first = queue_email(idempotency_key="a")
    second = queue_email(idempotency_key="b", recipient=PersonFactory(email="bo@example.org"))

    assert send_pending_notifications.delay().get() == 2
    assert send_pending_notifications.delay().get() == 0

    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bo@example.org"]
    assert {n.status for n in Notification.objects.filter(pk__in=[first.pk, second.pk])} == {
        Status.SENT
    }


@pytest.mark.django_db
def test_only_the_first_of_two_claims_of_a_message_succeeds():
    notification = queue_email()

    assert outbox.notification_claim(notification_id=notification.pk) is True
    assert outbox.notification_claim(notification_id=notification.pk) is False

    notification.refresh_from_db()
    assert notification.status == Status.SENDING
    assert notification.attempts == 1
    assert notification.claimed_at is not None


@pytest.mark.django_db
def test_a_message_being_sent_by_another_worker_is_not_sent_again():
    notification = queue_email()
    outbox.notification_claim(notification_id=notification.pk)  # another worker has it

    assert outbox.notification_send(notification_id=notification.pk) is None
    send_pending_notifications.delay()

    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs real concurrent transactions"
)
def test_concurrent_workers_claim_a_message_once():
    notification = NotificationFactory(recipient=PersonFactory())
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[bool] = []

    def claim():
        try:
            barrier.wait()
            results.append(outbox.notification_claim(notification_id=notification.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False] * (workers - 1) + [True]
    notification.refresh_from_db()
    assert notification.attempts == 1


@pytest.mark.django_db
def test_a_failed_send_records_the_error_and_waits_before_trying_again(settings):
    settings.EMAIL_BACKEND = BROKEN_BACKEND
    notification = queue_email()
    before = timezone.now()

    send_pending_notifications.delay()

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == 1
    assert "Mail server refused the connection" in notification.last_error
    assert notification.sent_at is None
    assert notification.next_attempt_at >= before + outbox.FIRST_RETRY_AFTER

    # Not due yet: running the batch again does not try it.
    send_pending_notifications.delay()
    notification.refresh_from_db()
    assert notification.attempts == 1


@pytest.mark.django_db
def test_a_failed_message_is_sent_when_its_retry_time_comes(settings):
    settings.EMAIL_BACKEND = BROKEN_BACKEND
    notification = queue_email()
    send_pending_notifications.delay()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due_again(notification)

    send_pending_notifications.delay()
    send_pending_notifications.delay()

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert notification.attempts == 2
    assert len(mail.outbox) == 1


def test_the_wait_between_tries_doubles():
    assert [outbox.retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
        timedelta(minutes=16),
    ]


@pytest.mark.django_db
def test_sending_gives_up_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = BROKEN_BACKEND
    notification = queue_email()

    for _ in range(outbox.MAX_ATTEMPTS + 2):
        send_pending_notifications.delay()
        make_due_again(notification)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == outbox.MAX_ATTEMPTS
    assert len(mail.outbox) == 0
    # Even when its retry time is forced past, a message out of attempts is not taken.
    make_due_again(notification)
    assert outbox.notification_claim(notification_id=notification.pk) is False


@pytest.mark.django_db
def test_the_last_failed_attempt_schedules_no_retry(settings):
    settings.EMAIL_BACKEND = BROKEN_BACKEND
    notification = queue_email()
    Notification.objects.filter(pk=notification.pk).update(attempts=outbox.MAX_ATTEMPTS - 1)

    outbox.notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.attempts == outbox.MAX_ATTEMPTS
    assert notification.status == Status.FAILED
    assert notification.next_attempt_at is None


@pytest.mark.django_db
def test_a_send_interrupted_part_way_is_marked_interrupted_and_not_sent_again():
    notification = queue_email()
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - outbox.INTERRUPTED_AFTER - timedelta(minutes=1),
    )

    send_pending_notifications.delay()

    notification.refresh_from_db()
    assert notification.status == Status.INTERRUPTED
    assert notification.last_error == outbox.INTERRUPTED_ERROR
    assert notification.next_attempt_at is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_recent_claim_is_left_alone():
    notification = queue_email()
    outbox.notification_claim(notification_id=notification.pk)

    send_pending_notifications.delay()

    notification.refresh_from_db()
    assert notification.status == Status.SENDING


@pytest.mark.django_db
def test_an_email_carries_the_text_and_the_html_version():
    notification = queue_email(body_html="<p>Our next meeting is on <strong>Tuesday</strong>.</p>")

    outbox.notification_send(notification_id=notification.pk)

    (message,) = mail.outbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "Your next meeting"
    assert message.body == "Our next meeting is on Tuesday 3 March."
    assert message.alternatives[0].mimetype == "text/html"
    assert "<strong>Tuesday</strong>" in message.alternatives[0].content


@pytest.mark.django_db
def test_an_email_to_someone_whose_address_was_removed_fails_with_a_plain_reason():
    person = PersonFactory(email="ann@example.org")
    notification = queue_email(recipient=person)
    person.email = ""
    person.save()

    outbox.notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.last_error == "This person has no email address."


@pytest.mark.django_db
def test_an_in_app_message_is_delivered_without_an_email():
    notification = queue_email(channel=Channel.IN_APP)

    send_pending_notifications.delay()

    notification.refresh_from_db()
    assert notification.status == Status.SENT
    assert mail.outbox == []


@pytest.mark.django_db
def test_letters_and_calls_wait_for_a_person_and_are_not_sent_by_the_task():
    organisation = OrganisationFactory()
    letter = queue_email(channel=Channel.POST, organisation=organisation, idempotency_key="l")
    call = queue_email(channel=Channel.PHONE, organisation=organisation, idempotency_key="c")

    send_pending_notifications.delay()

    assert outbox.notification_claim(notification_id=letter.pk) is False
    assert Notification.objects.get(pk=letter.pk).status == Status.PENDING
    assert Notification.objects.get(pk=call.pk).status == Status.PENDING
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_cancelled_message_is_not_sent(django_user_model):
    notification = queue_email()
    outbox.notification_cancel(
        notification=notification, cancelled_by=django_user_model.objects.create(email="c@x.org")
    )

    send_pending_notifications.delay()

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.status == Status.CANCELLED


@pytest.mark.django_db
def test_the_batch_leaves_what_it_has_no_time_for_to_the_next_run():
    first = queue_email(idempotency_key="a")
    queue_email(idempotency_key="b", recipient=PersonFactory(email="bo@example.org"))

    sent = outbox.notification_send_due(time_budget=timedelta(seconds=-1))

    assert sent == 0
    assert Notification.objects.get(pk=first.pk).status == Status.PENDING
    assert outbox.notification_send_due() == 2


def test_the_beat_schedule_runs_the_batch_task_every_minute(settings):
    from config.celery import app

    (entry,) = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "involvement.send_pending_notifications"
    ]
    assert entry["schedule"] == 60.0
    assert "involvement.send_pending_notifications" in app.tasks
    assert "involvement.send_notification" in app.tasks


@pytest.mark.django_db
def test_a_subject_with_line_breaks_is_queued_as_one_line_and_sent(
    django_capture_on_commit_callbacks,
):
    """Issue 9: a line break in a meeting title stopped every email naming it."""
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_email(subject="Papers for the\r\nSpring\tmeeting\u2028now")

    notification.refresh_from_db()
    assert notification.subject == "Papers for the Spring meeting now"
    assert notification.status == Status.SENT
    assert [message.subject for message in mail.outbox] == ["Papers for the Spring meeting now"]


@pytest.mark.django_db
def test_a_message_stored_with_a_line_break_in_its_subject_is_still_sent():
    notification = NotificationFactory(
        recipient=PersonFactory(email="ann@example.org"),
        subject="Your next meeting\nBcc: someone@example.org",
    )

    sent = outbox.notification_send(notification_id=notification.pk)

    assert sent.status == Status.SENT, sent.last_error
    assert mail.outbox[0].subject == "Your next meeting Bcc: someone@example.org"
    assert "Bcc" not in mail.outbox[0].message().keys()
