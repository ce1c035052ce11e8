"""The person decides: per kind of message, on or off, on their own "Which
messages you get" page (or a coordinator records it for them). Messages they
need (a meeting changed or cancelled, decisions, payments) cannot be turned
off, and the page says so. The outbox honours the choice when a message is
queued and again when it goes: it is cancelled with a reason the coordinator
reads on the person's messages page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from involvement import message_kinds
from involvement.models import Notification
from involvement.services import outbox
from involvement.services.people import person_choose_messages

pytestmark = pytest.mark.django_db

Status = Notification.Status


def queue(person, organisation, kind, key=None):
    return outbox.notification_queue(
        recipient=person,
        organisation=organisation,
        subject=f"A {kind} message",
        body_text="Dear Marian,\n\nNews.",
        idempotency_key=key or f"test:{kind}:{person.pk}",
        channel=Notification.Channel.EMAIL,
        kind=kind,
    )


def test_the_page_lists_the_kinds_to_choose_and_those_that_always_go(world, login):
    page = login(world.users["member"]).get(reverse("my-message-choices"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Reminders before a meeting" in text
    assert 'value="meeting_reminder" checked' in text
    # Essential messages are listed as always sent, with no box to untick.
    assert "Messages you always get" in text
    assert "When a meeting is cancelled" in text
    assert 'value="meeting_cancelled"' not in text


def test_a_person_turns_reminders_off_and_the_next_one_is_cancelled_with_a_reason(
    world, login, django_capture_on_commit_callbacks
):
    person = world.objects["person"]
    wanted = [k.code for k in message_kinds.optional_kinds() if k.code != "meeting_reminder"]

    response = login(world.users["member"]).post(reverse("my-message-choices"), {"wanted": wanted})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.message_choices["meeting_reminder"] is False
    assert person.message_choices["meeting_chaser"] is True
    profile = login(world.users["member"]).get(reverse("my-profile")).content.decode()
    assert "You do not get:" in profile
    with django_capture_on_commit_callbacks(execute=True):
        reminder = queue(person, world.organisation, "meeting_reminder")
        chaser = queue(person, world.organisation, "meeting_chaser")
    reminder.refresh_from_db()
    chaser.refresh_from_db()
    assert reminder.status == Status.CANCELLED
    assert "chose not to get this kind of message" in reminder.cancelled_reason
    assert "reminders before a meeting" in reminder.cancelled_reason
    assert chaser.status == Status.SENT
    assert [m.subject for m in mail.outbox if m.subject.startswith("A ")] == [
        "A meeting_chaser message"
    ]
    # The key still holds: queuing again gives back the cancelled message.
    assert queue(person, world.organisation, "meeting_reminder").pk == reminder.pk
    # The coordinator reads why it did not go.
    listing = login(world.users["coordinator"]).get(
        reverse("person-messages", kwargs={"person_pk": person.pk})
    )
    assert "chose not to get this kind of message" in listing.content.decode()


def test_a_choice_made_after_queuing_is_honoured_when_the_message_goes(world):
    person = world.objects["person"]
    waiting = queue(person, world.organisation, "meeting_papers")
    person_choose_messages(person=person, wanted=[])

    outbox.notification_send_due()

    waiting.refresh_from_db()
    assert waiting.status == Status.CANCELLED
    assert "the papers for a meeting" in waiting.cancelled_reason
    assert "A meeting_papers message" not in [m.subject for m in mail.outbox]


def test_letters_of_a_kind_turned_off_are_not_printed(world):
    person = world.objects["person"]
    letter = outbox.notification_queue(
        recipient=person,
        organisation=world.organisation,
        subject="Reminder",
        body_text="Dear Marian,\n\nSee you soon.",
        idempotency_key="letter:reminder",
        channel=Notification.Channel.POST,
        kind="action_due",
    )
    person_choose_messages(person=person, wanted=[])

    with pytest.raises(Exception, match="no letters waiting"):
        outbox.print_batch_create(
            organisation=world.organisation, created_by=world.users["coordinator"]
        )

    letter.refresh_from_db()
    assert letter.status == Status.CANCELLED


def test_essential_messages_go_whatever_was_stored(world, django_capture_on_commit_callbacks):
    person = world.objects["person"]
    # Even a stored choice (say, from before a kind became essential) is ignored.
    person.message_choices = {"meeting_cancelled": False, "meeting_changed": False}
    person.save()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = queue(person, world.organisation, "meeting_cancelled")
        untyped = queue(person, world.organisation, "")

    cancelled.refresh_from_db()
    untyped.refresh_from_db()
    assert cancelled.status == Status.SENT
    assert untyped.status == Status.SENT


def test_essential_kinds_cannot_be_chosen_off_through_the_form(world, login):
    response = login(world.users["member"]).post(
        reverse("my-message-choices"), {"wanted": ["meeting_cancelled"]}
    )

    assert response.status_code == 200
    assert "Choose only from the messages listed" in response.content.decode()
    world.objects["person"].refresh_from_db()
    assert world.objects["person"].message_choices == {}


def test_a_coordinator_records_the_choice_of_someone_without_an_account(world, login):
    from tests.factories import MembershipFactory, PersonFactory

    by_post = PersonFactory(
        full_name="Pat Post", contact_channel="post", address_line_1="1 Lane", postcode="FB1 1AA"
    )
    MembershipFactory(person=by_post, group=world.objects["group"])
    client = login(world.users["coordinator"])
    url = reverse("person-message-choices", kwargs={"pk": by_post.pk})

    page = client.get(url)
    assert page.status_code == 200
    assert "Which messages they get" in page.content.decode()
    response = client.post(url, {"wanted": ["meeting_reminder"]})

    assert response.status_code == 302
    by_post.refresh_from_db()
    assert by_post.message_choices["meeting_reminder"] is True
    assert by_post.message_choices["meeting_chaser"] is False
    detail = client.get(reverse("person-detail", kwargs={"pk": by_post.pk})).content.decode()
    assert "Messages they do not get" in detail
    assert "A reminder to reply when you have not said if you can come" in detail
