"""A person's messages (with an unread count in the menu) and a coordinator's
view of a member's messages, with cancelling."""

from __future__ import annotations

from itertools import count

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from involvement.models import Notification
from involvement.services import outbox
from tests.factories import NotificationFactory, PersonFactory

Channel = Notification.Channel
Status = Notification.Status

_keys = count()


def message(world, *, subject="Your next meeting", person=None, organisation=None, **fields):
    return NotificationFactory(
        recipient=person or world.objects["person"],
        organisation=organisation or world.organisation,
        subject=subject,
        idempotency_key=f"pages-test-{next(_keys)}",
        **fields,
    )


# --- A person's own messages ---------------------------------------------------


def test_my_messages_are_listed_newest_first_with_unread_ones_marked(world, login):
    world.objects["notification"].delete()
    message(world, subject="Older news", read_at=timezone.now())
    message(world, subject="Newer news")
    message(world, subject="Not for you", person=PersonFactory())
    message(world, subject="Called off", status=Status.CANCELLED)

    page = login(world.user("member")).get(reverse("message-list")).content.decode()

    assert page.index("Newer news") < page.index("Older news")
    assert page.count("Unread") == 1
    assert "Not for you" not in page
    assert "Called off" not in page


def test_someone_without_messages_is_told_what_will_appear(world, login):
    page = login(world.user("coordinator")).get(reverse("message-list")).content.decode()

    assert "You have no messages yet." in page


def test_opening_a_message_shows_it_and_marks_it_read(world, login):
    notification = message(world, subject="Papers", body_text="The papers are attached.")
    client = login(world.user("member"))

    response = client.get(reverse("message-detail", args=[notification.pk]))

    assert response.status_code == 200
    assert "The papers are attached." in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is not None
    first_read = notification.read_at
    client.get(reverse("message-detail", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_a_message_shows_its_text_never_its_html(world, login):
    notification = message(
        world, body_text="Plain words.", body_html="<script>alert('x')</script><p>HTML words</p>"
    )

    page = login(world.user("member")).get(reverse("message-detail", args=[notification.pk]))

    assert "Plain words." in page.content.decode()
    assert "<script>alert" not in page.content.decode()


def test_a_cancelled_message_cannot_be_opened(world, login):
    notification = message(world, status=Status.CANCELLED)

    response = login(world.user("member")).get(reverse("message-detail", args=[notification.pk]))

    assert response.status_code == 404


def test_the_menu_shows_how_many_messages_are_unread(world, login):
    message(world)  # and the world's own notification: two unread
    message(world, read_at=timezone.now())
    client = login(world.user("member"))

    page = client.get(reverse("home")).content.decode()

    assert "Messages (2 unread)" in page
    client.get(reverse("message-detail", args=[world.objects["notification"].pk]))
    assert "Messages (1 unread)" in client.get(reverse("home")).content.decode()


def test_the_unread_count_costs_one_query_per_page(world, login):
    client = login(world.user("member"))
    message(world)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("privacy"))

    unread_queries = [q for q in queries if "read_at" in q["sql"] and "COUNT" in q["sql"]]
    assert len(unread_queries) == 1


def test_my_messages_query_count_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("member"))

    def grow(n):
        for _ in range(n):
            message(world)

    assert_flat_queries(lambda: client.get(reverse("message-list")), grow=grow)


# --- Coordinators: a member's messages ---------------------------------------


def test_a_coordinator_sees_each_message_with_channel_status_tries_and_error(world, login):
    person = world.objects["person"]
    message(
        world,
        subject="Bounced email",
        status=Status.FAILED,
        attempts=5,
        last_error="Mailbox unavailable",
    )
    message(
        world,
        subject="Printed letter",
        channel=Channel.POST,
        status=Status.SENT,
        sent_at=timezone.now(),
    )
    message(world, subject="From elsewhere", organisation=world.other_organisation)

    page = (
        login(world.user("coordinator"))
        .get(reverse("person-messages", args=[person.pk]))
        .content.decode()
    )

    assert "Bounced email" in page
    assert "Mailbox unavailable" in page
    assert "Failed" in page
    assert "Printed letter" in page
    assert "Printed" in page
    assert "From elsewhere" not in page  # another organisation's message


def test_a_person_with_no_messages_from_us_has_a_useful_empty_page(world, login):
    world.objects["notification"].delete()

    page = login(world.user("admin_support")).get(
        reverse("person-messages", args=[world.objects["person"].pk])
    )

    assert "We have not sent" in page.content.decode()


def test_a_coordinator_can_cancel_a_waiting_message(world, login):
    notification = world.objects["notification"]

    response = login(world.user("coordinator")).post(
        reverse("message-cancel", args=[notification.pk])
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("person-messages", args=[notification.recipient_id])
    notification.refresh_from_db()
    assert notification.status == Status.CANCELLED


def test_a_sent_message_cannot_be_cancelled(world, login):
    notification = message(world, status=Status.SENT, sent_at=timezone.now())

    response = login(world.user("coordinator")).post(
        reverse("message-cancel", args=[notification.pk]), follow=True
    )

    assert "already been sent" in response.content.decode()
    notification.refresh_from_db()
    assert notification.status == Status.SENT


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("org_admin", 404), ("commissioner", 404), ("other_org", 404)],
)
def test_only_those_who_handle_messages_can_cancel_one(world, login, role, status):
    notification = world.objects["notification"]

    response = login(world.user(role)).post(reverse("message-cancel", args=[notification.pk]))

    assert response.status_code == status
    notification.refresh_from_db()
    assert notification.status == Status.PENDING


def test_the_coordinator_view_query_count_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    person = world.objects["person"]

    def grow(n):
        for _ in range(n):
            message(world, status=Status.FAILED, attempts=2, last_error="Refused")

    assert_flat_queries(lambda: client.get(reverse("person-messages", args=[person.pk])), grow=grow)


def test_cancelling_twice_is_harmless(world):
    notification = world.objects["notification"]
    coordinator = world.user("coordinator")

    outbox.notification_cancel(notification=notification, cancelled_by=coordinator)
    again = outbox.notification_cancel(notification=notification, cancelled_by=coordinator)

    assert again.status == Status.CANCELLED


def test_years_of_messages_are_shown_fifty_a_page_newest_first(world, login):
    from involvement.views.outbox import MESSAGES_PAGE_SIZE

    for n in range(MESSAGES_PAGE_SIZE + 2):
        message(world, subject=f"Message {n}")
    newest_first = list(
        Notification.objects.filter(recipient__user=world.user("member"))
        .exclude(status=Status.CANCELLED)
        .order_by("-created_at", "-pk")
    )
    assert len(newest_first) > MESSAGES_PAGE_SIZE
    client = login(world.user("member"))

    first = client.get(reverse("message-list"))
    second = client.get(reverse("message-list"), {"page": 2})

    assert first.context["notifications"] == newest_first[:MESSAGES_PAGE_SIZE]
    assert second.context["notifications"] == newest_first[MESSAGES_PAGE_SIZE:]
    assert 'href="?page=2"' in first.content.decode()
