"""Queueing a message: one row per idempotency key, whatever happens, and the
channel each person asked for (with sensible fallbacks)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from involvement import channels
from involvement.models import Notification
from involvement.selectors.outbox import notification_list_for_user
from involvement.services import outbox
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

Channel = Notification.Channel
Status = Notification.Status

ADDRESS = {"address_line_1": "4 Mill Lane", "town": "Fellbridge", "postcode": "FB1 2AB"}


def queue(person, *, key="news-1", organisation=None, **kwargs):
    return outbox.notification_queue(
        recipient=person,
        subject=kwargs.pop("subject", "Group news"),
        body_text=kwargs.pop("body_text", "The leaflet for newly diagnosed people is printed."),
        idempotency_key=key,
        organisation=organisation or OrganisationFactory(),
        **kwargs,
    )


@pytest.mark.django_db
def test_queueing_twice_with_one_key_gives_back_the_first_message():
    person = PersonFactory()
    first = queue(person, subject="Group news")

    again = queue(person, subject="Different words")

    assert again.pk == first.pk
    assert again.subject == "Group news"
    assert Notification.objects.filter(idempotency_key="news-1").count() == 1


@pytest.mark.django_db
def test_a_key_taken_between_the_check_and_the_insert_still_gives_one_message(monkeypatch):
    """The race: another caller inserts the same key after our lookup found
    nothing. The unique constraint refuses our row and we return theirs."""
    person = PersonFactory()
    organisation = OrganisationFactory()
    theirs = {}

    def route_while_another_caller_inserts(recipient):
        theirs["row"] = Notification.objects.create(
            recipient=recipient,
            organisation=organisation,
            channel=Channel.EMAIL,
            subject="Theirs",
            body_text="Theirs",
            idempotency_key="news-1",
        )
        return Channel.EMAIL

    monkeypatch.setattr(outbox, "channel_for", route_while_another_caller_inserts)

    result = queue(person, organisation=organisation, subject="Ours")

    assert result.pk == theirs["row"].pk
    assert Notification.objects.filter(idempotency_key="news-1").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs real concurrent transactions"
)
def test_concurrent_queueing_with_one_key_makes_one_message():
    person = PersonFactory()
    organisation = OrganisationFactory()
    callers = 6
    barrier = threading.Barrier(callers)
    ids: list[int] = []

    def call():
        try:
            barrier.wait()
            ids.append(queue(person, organisation=organisation).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(ids) == callers
    assert len(set(ids)) == 1
    assert Notification.objects.count() == 1


@pytest.mark.django_db
def test_email_goes_by_email_and_is_enqueued_once_committed(django_capture_on_commit_callbacks):
    person = PersonFactory(contact_channel="email", email="ann@example.org")

    with django_capture_on_commit_callbacks() as callbacks:
        notification = queue(person)

    assert notification.channel == Channel.EMAIL
    assert notification.status == Status.PENDING
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_someone_who_chose_email_but_has_no_address_gets_a_letter():
    person = PersonFactory(contact_channel="email", email="", **ADDRESS)

    assert queue(person).channel == Channel.POST


@pytest.mark.django_db
def test_someone_who_chose_post_gets_a_letter_in_large_print_if_they_asked(
    django_capture_on_commit_callbacks,
):
    person = PersonFactory(contact_channel="post", large_print=True, **ADDRESS)

    with django_capture_on_commit_callbacks() as callbacks:
        letter = queue(person)

    assert letter.channel == Channel.POST
    assert letter.large_print is True
    assert letter.status == Status.PENDING
    assert callbacks == []  # letters wait for the print queue, not the sending task


@pytest.mark.django_db
def test_large_print_is_only_for_letters():
    person = PersonFactory(contact_channel="email", large_print=True)

    assert queue(person).large_print is False


@pytest.mark.django_db
def test_someone_who_chose_phone_goes_on_the_call_list():
    person = PersonFactory(contact_channel="phone", phone="01632 960 123")

    assert queue(person).channel == Channel.PHONE


@pytest.mark.django_db
def test_someone_who_chose_phone_but_has_no_number_gets_an_email():
    person = PersonFactory(contact_channel="phone", phone="", email="ann@example.org")

    assert queue(person).channel == Channel.EMAIL


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ({"contact_channel": "post", "email": "a@example.org"}, Channel.EMAIL),
        ({"contact_channel": "email", "email": ""}, Channel.POST),
    ],
    ids=["post-without-address-but-email", "nothing-at-all"],
)
@pytest.mark.django_db
def test_fallbacks_when_the_chosen_way_lacks_details(details, expected):
    assert channels.channel_for(PersonFactory(**details)) == expected


@pytest.mark.django_db
def test_someone_with_only_a_login_gets_a_message_on_involve():
    person = PersonFactory(contact_channel="email", email="", user=UserFactory())

    assert channels.channel_for(person) == Channel.IN_APP


@pytest.mark.django_db
def test_an_in_app_message_shows_in_the_persons_message_list():
    user = UserFactory()
    person = PersonFactory(user=user)

    notification = queue(person, channel=Channel.IN_APP)

    assert list(notification_list_for_user(user=user)) == [notification]


@pytest.mark.django_db
def test_a_letter_needs_an_organisation_to_print_it():
    person = PersonFactory(contact_channel="post", **ADDRESS)

    with pytest.raises(ValidationError) as error:
        outbox.notification_queue(
            recipient=person, subject="News", body_text="News", idempotency_key="k"
        )

    assert "organisation" in error.value.message_dict
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_a_subject_longer_than_the_outbox_keeps_is_cut_short_not_refused():
    """A long meeting title must not stop the message (it once refused it,
    and so every invitation naming the meeting)."""
    notification = queue(PersonFactory(), subject="Papers for " + "a long meeting title " * 12)

    assert len(notification.subject) == outbox.SUBJECT_MAX_LENGTH
    assert notification.subject.startswith("Papers for a long meeting title")
    assert notification.subject.endswith("…")


def test_every_notification_channel_has_a_channel_class():
    assert set(Channel.values) == set(channels._REGISTRY)
