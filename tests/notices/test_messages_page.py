"""The coordinator's Messages page: every message the organisation sends,
filtered by status, channel, kind and person, the interrupted and failed
ones first, in a fixed number of queries however many there are; and Send
again also from the Django admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.models import Notification
from tests.factories import NotificationFactory, PersonFactory

pytestmark = pytest.mark.django_db

Status = Notification.Status


@pytest.fixture
def url(world):
    return reverse("organisation-messages", kwargs={"organisation_pk": world.organisation.pk})


def message(world, **values):
    return NotificationFactory(organisation=world.organisation, **values)


def test_interrupted_then_failed_come_first_with_send_again(world, login, url):
    message(world, recipient=PersonFactory(full_name="Sam Sent"), subject="Old news")
    message(
        world,
        recipient=PersonFactory(full_name="Fay Failed"),
        subject="Failed one",
        status=Status.FAILED,
        attempts=5,
    )
    cut = message(
        world,
        recipient=PersonFactory(full_name="Ian Interrupted"),
        subject="Cut off one",
        status=Status.INTERRUPTED,
        attempts=1,
    )

    text = login(world.user("coordinator")).get(url).content.decode()

    assert text.index("Cut off one") < text.index("Failed one") < text.index("Old news")
    assert reverse("message-send-again", kwargs={"pk": cut.pk}) in text


def test_the_filters_narrow_the_list(world, login, url):
    ann = PersonFactory(full_name="Ann Filterby")
    message(world, recipient=ann, subject="Reminder to Ann", kind="meeting_reminder")
    message(world, recipient=ann, subject="Papers to Ann", kind="meeting_papers")
    message(
        world,
        recipient=PersonFactory(full_name="Bob Other"),
        subject="Reminder to Bob",
        kind="meeting_reminder",
        status=Status.CANCELLED,
        cancelled_reason="Bob Other chose not to get this kind of message.",
    )
    client = login(world.user("coordinator"))

    by_kind = client.get(url, {"kind": "meeting_reminder"}).content.decode()
    by_person = client.get(url, {"person": "filterby"}).content.decode()
    by_status = client.get(url, {"status": "cancelled", "channel": "email"}).content.decode()

    assert "Reminder to Ann" in by_kind and "Reminder to Bob" in by_kind
    assert "Papers to Ann" not in by_kind
    assert "Reminder to Ann" in by_person and "Papers to Ann" in by_person
    assert "Reminder to Bob" not in by_person
    assert "Reminder to Bob" in by_status and "Reminder to Ann" not in by_status
    assert "chose not to get this kind of message" in by_status


def test_a_made_up_filter_is_refused_in_plain_words(world, login, url):
    response = login(world.user("coordinator")).get(url, {"status": "lost", "person": "Ann"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose a status from the list" in text
    assert 'value="Ann"' in text


def test_another_organisations_messages_are_not_shown(world, login, url):
    NotificationFactory(
        organisation=world.other_organisation,
        recipient=PersonFactory(full_name="Olive Elsewhere"),
        subject="Not yours",
    )

    text = login(world.user("coordinator")).get(url).content.decode()

    assert "Not yours" not in text


def test_the_page_is_a_fixed_number_of_queries_at_tenfold_data(
    world, login, url, assert_flat_queries
):
    client = login(world.user("coordinator"))

    def grow(n):
        for index in range(n):
            status = [Status.SENT, Status.FAILED, Status.INTERRUPTED, Status.CANCELLED][index % 4]
            sent_at = timezone.now() if status == Status.SENT else None
            message(
                world,
                recipient=PersonFactory(),
                status=status,
                sent_at=sent_at,
                kind="meeting_reminder",
            )

    assert_flat_queries(lambda: client.get(url, {"kind": "meeting_reminder"}), grow=grow)


def test_send_again_from_the_admin_queues_only_the_messages_it_may(
    world, login, django_capture_on_commit_callbacks
):
    cut = message(world, recipient=world.objects["person"], status=Status.INTERRUPTED, attempts=1)
    sent = message(
        world, recipient=world.objects["person"], status=Status.SENT, sent_at=timezone.now()
    )
    client = login(world.user("platform_admin"))

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("admin:involvement_notification_changelist"),
            {"action": "send_again", "_selected_action": [cut.pk, sent.pk]},
            follow=True,
        )

    cut.refresh_from_db()
    sent.refresh_from_db()
    text = response.content.decode()
    assert cut.status == Status.PENDING and cut.attempts == 0
    assert sent.status == Status.SENT
    assert "1 message(s) will be sent again." in text
    assert "were left alone" in text
