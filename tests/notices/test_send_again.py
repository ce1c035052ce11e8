"""A message cut off mid-send is not lost and not silently sent twice: it is
shown to the coordinator as "may not have been sent", first in the list, with
a Send again button behind a confirmation page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Notification
from involvement.services import outbox
from involvement.tasks import send_pending_notifications

pytestmark = pytest.mark.django_db

Status = Notification.Status


def cut_off(world, subject="Papers for the spring meeting"):
    """A message to the world's person whose sender died part way through."""
    message = outbox.notification_queue(
        recipient=world.objects["person"],
        organisation=world.organisation,
        subject=subject,
        body_text="Our next meeting is on Tuesday.",
        idempotency_key=f"cut-off:{subject}",
        channel=Notification.Channel.EMAIL,
    )
    Notification.objects.filter(pk=message.pk).update(
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - outbox.INTERRUPTED_AFTER - timedelta(minutes=1),
    )
    send_pending_notifications.apply()
    send_pending_notifications.apply()  # the beat firing again sends nothing
    message.refresh_from_db()
    return message


def test_an_interrupted_message_is_marked_so_and_not_sent_by_itself(world):
    message = cut_off(world)

    assert message.status == Status.INTERRUPTED
    assert "Papers for the spring meeting" not in [sent.subject for sent in mail.outbox]


def test_the_coordinator_sees_it_first_and_sends_it_again_once(
    world, login, django_capture_on_commit_callbacks
):
    later = outbox.notification_queue(
        recipient=world.objects["person"],
        organisation=world.organisation,
        subject="A later message",
        body_text="News.",
        idempotency_key="later",
        channel=Notification.Channel.EMAIL,
    )
    message = cut_off(world)
    Notification.objects.filter(pk=later.pk).update(created_at=timezone.now() + timedelta(hours=1))
    client = login(world.user("coordinator"))

    page = client.get(
        reverse("person-messages", args=[world.objects["person"].pk])
    ).content.decode()
    assert "May not have been sent" in page
    assert page.index("Papers for the spring meeting") < page.index("A later message")
    assert reverse("message-send-again", args=[message.pk]) in page

    confirm = client.get(reverse("message-send-again", args=[message.pk])).content.decode()
    assert "Send this message again?" in confirm
    assert "may already have this message" in confirm
    assert (
        Notification.objects.get(pk=message.pk).status == Status.INTERRUPTED
    )  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("message-send-again", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert [sent.subject for sent in mail.outbox].count("Papers for the spring meeting") == 1

    # Pressing again (a second tab, a double click) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("message-send-again", args=[message.pk]))
    send_pending_notifications.apply()
    assert [sent.subject for sent in mail.outbox].count("Papers for the spring meeting") == 1


def test_a_message_still_being_retried_or_sent_cannot_be_sent_again(world):
    message = outbox.notification_queue(
        recipient=world.objects["person"],
        organisation=world.organisation,
        subject="Waiting",
        body_text="News.",
        idempotency_key="waiting",
        channel=Notification.Channel.EMAIL,
    )
    with pytest.raises(ApplicationError):
        outbox.notification_send_again(notification=message, sent_by=world.user("coordinator"))
    Notification.objects.filter(pk=message.pk).update(
        status=Status.FAILED, next_attempt_at=timezone.now() + timedelta(minutes=4)
    )
    message.refresh_from_db()
    assert not outbox.can_send_again(message)
    Notification.objects.filter(pk=message.pk).update(next_attempt_at=None)
    message.refresh_from_db()
    assert outbox.can_send_again(message)
