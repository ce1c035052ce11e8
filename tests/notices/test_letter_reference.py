"""On paper, a short reference instead of a web address for someone without
email: the letter's web addresses become "ask your coordinator, quoting
reference M-…", every letter ends with its reference, and the coordinator
finds the letter on the Messages page by the reference read out on the phone."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from involvement.models import Notification
from involvement.models.outbox import number_from_reference, reference_for
from involvement.services import outbox
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SITE = "https://involve.example.org"
TEXT = (
    "The details are on your meetings page: https://involve.example.org/meetings/mine/.\n\n"
    "Reply on the page (https://involve.example.org/meetings/mine/), or ring us."
)


def letter(world, person, key="letter"):
    return outbox.notification_queue(
        recipient=person,
        organisation=world.organisation,
        subject="Spring meeting",
        body_text=TEXT,
        idempotency_key=key,
        channel=Notification.Channel.POST,
    )


def printed(world, notification) -> str:
    return render_to_string(
        "involvement/pdf/letters.html",
        {"letters": [notification], "organisation": world.organisation},
    )


@pytest.mark.parametrize("number", [1, 31, 32, 1023, 1024, 987_654_321])
def test_a_reference_reads_back_as_its_number_however_it_is_typed(number):
    reference = reference_for(number)
    assert reference.startswith("M-") and len(reference) >= 6
    assert number_from_reference(reference) == number
    assert number_from_reference(reference.lower().replace("-", " ")) == number
    # Read off paper: O for 0 and I or L for 1 still find it.
    typed = reference.replace("0", "O").replace("1", "l")
    assert number_from_reference(typed) == number


@pytest.mark.parametrize("typed", ["", "M-", "M-4K7Q!", "M-UUUU", "x" * 30])
def test_something_that_cannot_be_a_reference_is_none(typed):
    assert number_from_reference(typed) is None


@override_settings(SITE_URL=SITE)
def test_a_letter_to_someone_without_email_quotes_its_reference_not_a_web_address(world):
    person = PersonFactory(full_name="Pat Paper", email="", contact_channel="post")
    notification = letter(world, person)

    html = printed(world, notification)

    assert "https://" not in html and "/meetings/mine/" not in html
    assert html.count(f"quoting reference {notification.reference}") == 2
    assert "your meetings page: ask your coordinator, quoting reference" in html
    assert f"Reference {notification.reference}: please quote it" in html
    # The message kept as written: the web version still has its links.
    assert notification.body_text == TEXT


@override_settings(SITE_URL=SITE)
def test_a_letter_to_someone_with_email_keeps_the_address_and_adds_the_reference(world):
    person = PersonFactory(full_name="Eve Email", contact_channel="post")
    notification = letter(world, person)

    html = printed(world, notification)

    assert "https://involve.example.org/meetings/mine/" in html
    assert f"Reference {notification.reference}: please quote it" in html


def test_the_coordinator_finds_a_letter_by_the_reference_read_out(world, login):
    pat = PersonFactory(full_name="Pat Paper", email="", contact_channel="post")
    wanted = letter(world, pat, key="wanted")
    other = letter(world, PersonFactory(full_name="Oli Other", email=""), key="other")
    elsewhere = outbox.notification_queue(
        recipient=pat,
        organisation=world.other_organisation,
        subject="Another organisation's letter",
        body_text="Hello.",
        idempotency_key="elsewhere",
        channel=Notification.Channel.POST,
    )
    url = reverse("organisation-messages", kwargs={"organisation_pk": world.organisation.pk})
    client = login(world.user("coordinator"))

    found = client.get(url, {"reference": wanted.reference.lower()}).content.decode()
    not_ours = client.get(url, {"reference": elsewhere.reference}).content.decode()
    listed = client.get(url).content.decode()

    assert "Pat Paper" in found and "Oli Other" not in found
    assert "1 message found" in found
    assert "Another organisation" not in not_ours and "0 messages" not in not_ours
    assert f"Reference {wanted.reference}" in listed and f"Reference {other.reference}" in listed


def test_a_reference_that_cannot_be_one_is_refused_in_plain_words(world, login):
    url = reverse("organisation-messages", kwargs={"organisation_pk": world.organisation.pk})

    response = login(world.user("coordinator")).get(url, {"reference": "M-UUUU"})

    text = response.content.decode()
    assert "Enter the reference as it is printed on the letter, like M-4K7Q" in text
    assert 'value="M-UUUU"' in text
