"""Letters for people who asked for post: the print queue, one PDF per batch
(large print where asked), and marking a batch printed. Calls for people who
asked to be phoned."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse

from involvement.errors import ApplicationError
from involvement.models import Notification, PrintBatch
from involvement.services import outbox
from tests.factories import PersonFactory
from tests.platform.helpers import pdf_objects

Channel = Notification.Channel
Status = Notification.Status

ADDRESS = {"address_line_1": "4 Mill Lane", "town": "Fellbridge", "postcode": "FB1 2AB"}


def letter(organisation, *, name="Ann Example", large_print=False, key=None):
    person = PersonFactory(
        full_name=name, contact_channel="post", large_print=large_print, email="", **ADDRESS
    )
    return outbox.notification_queue(
        recipient=person,
        organisation=organisation,
        subject="Papers for the meeting on 3 March",
        body_text="Here are the papers for our next meeting.\n\nWe meet at 2pm.",
        idempotency_key=key or f"papers:{name}",
    )


def call(organisation, *, name="Carl Example", key=None):
    person = PersonFactory(full_name=name, contact_channel="phone", phone="01632 960 123")
    return outbox.notification_queue(
        recipient=person,
        organisation=organisation,
        subject="Meeting moved to Thursday",
        body_text="Our meeting has moved to Thursday 5 March.",
        idempotency_key=key or f"moved:{name}",
    )


def font_sizes(pdf: bytes) -> Counter:
    """Font sizes used for text, in points (WeasyPrint writes CSS pixels: 1px = 0.75pt)."""
    return Counter(
        round(float(size) * 0.75, 1) for size in re.findall(rb"([\d.]+) Tf", pdf_objects(pdf))
    )


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf_objects(pdf)))


# --- Services ---------------------------------------------------------------------


def test_a_batch_takes_every_waiting_letter_of_its_organisation_only(world):
    mine = [letter(world.organisation, name=f"Person {n}") for n in range(3)]
    theirs = letter(world.other_organisation, name="Other Person")

    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("admin_support")
    )

    assert set(batch.letters.values_list("pk", flat=True)) == {n.pk for n in mine}
    assert Notification.objects.get(pk=theirs.pk).print_batch is None


def test_a_batch_with_nothing_to_print_is_refused_and_not_kept(world):
    letter(world.organisation)
    outbox.print_batch_create(organisation=world.organisation, created_by=world.user("coordinator"))

    with pytest.raises(ApplicationError, match="no letters waiting"):
        outbox.print_batch_create(
            organisation=world.organisation, created_by=world.user("coordinator")
        )

    assert PrintBatch.objects.count() == 1


def test_marking_a_batch_printed_sends_every_letter_in_it(world):
    letters = [letter(world.organisation, name=f"Person {n}") for n in range(2)]
    cancelled = letter(world.organisation, name="Changed Mind")
    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )
    outbox.notification_cancel(notification=cancelled, cancelled_by=world.user("coordinator"))

    outbox.print_batch_mark_printed(batch=batch, printed_by=world.user("admin_support"))

    for sent in Notification.objects.filter(pk__in=[n.pk for n in letters]):
        assert sent.status == Status.SENT
        assert sent.sent_at is not None
    assert Notification.objects.get(pk=cancelled.pk).status == Status.CANCELLED
    batch.refresh_from_db()
    assert batch.printed_at is not None
    assert batch.printed_by == world.user("admin_support")


def test_marking_a_batch_printed_twice_changes_nothing_the_second_time(world):
    letter(world.organisation)
    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )
    first = outbox.print_batch_mark_printed(batch=batch, printed_by=world.user("coordinator"))

    second = outbox.print_batch_mark_printed(batch=batch, printed_by=world.user("admin_support"))

    assert second.printed_at == first.printed_at
    assert second.printed_by == world.user("coordinator")


def test_a_letter_is_not_printed_before_its_batch_is(world):
    waiting = letter(world.organisation)
    outbox.print_batch_create(organisation=world.organisation, created_by=world.user("coordinator"))

    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING
    assert waiting.sent_at is None


def test_a_made_call_is_sent_and_cannot_be_cancelled_afterwards(world):
    waiting = call(world.organisation)

    outbox.notification_mark_called(notification=waiting, called_by=world.user("coordinator"))

    assert waiting.status == Status.SENT
    assert waiting.sent_at is not None
    with pytest.raises(ApplicationError, match="already been sent"):
        outbox.notification_cancel(notification=waiting, cancelled_by=world.user("coordinator"))


def test_only_phone_messages_can_be_marked_as_called(world):
    with pytest.raises(ApplicationError):
        outbox.notification_mark_called(
            notification=letter(world.organisation), called_by=world.user("coordinator")
        )


# --- The batch PDF ---------------------------------------------------------------


def test_the_batch_pdf_prints_each_letter_on_its_own_pages_in_large_print_where_asked(world, login):
    letter(world.organisation, name="Ann Standard")
    letter(world.organisation, name="Bea Large", large_print=True)
    letter(world.organisation, name="Cat Standard")
    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )

    response = login(world.user("admin_support")).get(reverse("print-batch-pdf", args=[batch.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) >= 3
    sizes = font_sizes(pdf)
    assert 11.5 in sizes  # the standard letters' body text
    assert 17 in sizes  # the large-print letter's body text


def test_a_batch_pdf_without_large_print_letters_has_no_large_print(world, login):
    letter(world.organisation, name="Ann Standard")
    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )

    response = login(world.user("coordinator")).get(reverse("print-batch-pdf", args=[batch.pk]))

    sizes = font_sizes(response.content)
    assert 11.5 in sizes
    assert 17 not in sizes


# --- Pages --------------------------------------------------------------------------


def test_the_print_queue_lists_waiting_letters_and_large_print(world, login):
    letter(world.organisation, name="Bea Large", large_print=True)
    letter(world.other_organisation, name="Someone Elsewhere")

    response = login(world.user("coordinator")).get(
        reverse("print-queue", args=[world.organisation.pk])
    )

    page = response.content.decode()
    assert "Bea Large" in page
    assert "Large print" in page
    assert "Someone Elsewhere" not in page
    assert "Put 1 letter in a print batch" in page


def test_the_print_queue_says_so_when_nothing_is_waiting(world, login):
    response = login(world.user("admin_support")).get(
        reverse("print-queue", args=[world.organisation.pk])
    )

    assert "There are no letters waiting to print" in response.content.decode()


def test_making_a_batch_and_marking_it_printed_through_the_pages(world, login):
    waiting = letter(world.organisation)
    client = login(world.user("admin_support"))

    response = client.post(reverse("print-batch-create", args=[world.organisation.pk]))

    batch = PrintBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("print-batch-detail", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Ann Example" in page
    assert "Mark as printed" in page

    client.post(reverse("print-batch-printed", args=[batch.pk]))

    waiting.refresh_from_db()
    assert waiting.status == Status.SENT
    assert "Mark as printed" not in client.get(response["Location"]).content.decode()


def test_making_a_batch_with_nothing_waiting_says_so(world, login):
    client = login(world.user("coordinator"))

    response = client.post(reverse("print-batch-create", args=[world.organisation.pk]), follow=True)

    assert "There are no letters waiting to print." in response.content.decode()
    assert not PrintBatch.objects.exists()


def test_another_organisation_cannot_batch_print_or_mark_our_letters(world, login):
    letter(world.organisation)
    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )
    client = login(world.user("other_org"))

    assert (
        client.post(reverse("print-batch-create", args=[world.organisation.pk])).status_code == 404
    )
    assert client.post(reverse("print-batch-printed", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.printed_at is None


def test_staff_who_do_not_handle_messages_cannot_make_a_batch(world, login):
    letter(world.organisation)

    response = login(world.user("org_admin")).post(
        reverse("print-batch-create", args=[world.organisation.pk])
    )

    assert response.status_code == 403
    assert not PrintBatch.objects.exists()


def test_the_call_list_shows_who_to_phone_and_marks_calls_made(world, login):
    waiting = call(world.organisation, name="Carl Example")
    client = login(world.user("coordinator"))

    page = client.get(reverse("call-list", args=[world.organisation.pk])).content.decode()
    assert "Carl Example" in page
    assert "tel:01632960123" in page

    response = client.post(reverse("message-mark-called", args=[waiting.pk]))

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.SENT
    page = client.get(reverse("call-list", args=[world.organisation.pk])).content.decode()
    assert "There are no calls to make" in page


def test_another_organisation_cannot_mark_our_calls(world, login):
    waiting = call(world.organisation)

    response = login(world.user("other_org")).post(
        reverse("message-mark-called", args=[waiting.pk])
    )

    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING


def test_one_organisations_coordinator_is_taken_straight_to_its_print_queue(world, login):
    response = login(world.user("coordinator")).get(reverse("outbox-index"))

    assert response["Location"] == reverse("print-queue", args=[world.organisation.pk])


def test_a_platform_admin_chooses_the_organisation_and_sees_what_waits(world, login):
    letter(world.other_organisation)

    response = login(world.user("platform_admin")).get(reverse("outbox-index"))

    page = response.content.decode()
    assert world.organisation.name in page
    assert world.other_organisation.name in page


# --- Query counts -----------------------------------------------------------------


def test_the_print_queue_query_count_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    made = Counter()

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            letter(world.organisation, name=f"Person {made['n']}")
            outbox.print_batch_create(
                organisation=world.organisation, created_by=world.user("coordinator")
            )
            letter(world.organisation, name=f"Waiting {made['n']}")

    assert_flat_queries(
        lambda: client.get(reverse("print-queue", args=[world.organisation.pk])), grow=grow
    )


def test_the_batch_page_query_count_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("admin_support"))
    batch = PrintBatch.objects.create(organisation=world.organisation)
    made = Counter()

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            added = letter(world.organisation, name=f"Person {made['n']}")
            Notification.objects.filter(pk=added.pk).update(print_batch=batch)

    assert_flat_queries(
        lambda: client.get(reverse("print-batch-detail", args=[batch.pk])), grow=grow
    )


def test_the_call_list_query_count_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    made = Counter()

    def grow(n):
        for _ in range(n):
            made["n"] += 1
            call(world.organisation, name=f"Person {made['n']}")

    assert_flat_queries(
        lambda: client.get(reverse("call-list", args=[world.organisation.pk])), grow=grow
    )


def test_the_letters_and_calls_index_query_count_stays_flat(world, login, assert_flat_queries):
    from tests.factories import OrganisationFactory

    client = login(world.user("platform_admin"))

    def grow(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            letter(organisation, name=f"Person {organisation.pk}")

    assert_flat_queries(lambda: client.get(reverse("outbox-index")), grow=grow)
