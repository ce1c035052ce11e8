"""What is sent is fit to send: absolute links, one greeting per letter,
letters numbered as themselves, and account emails in the service's own
plain English."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from involvement import links
from involvement.models import Notification
from involvement.services import outbox
from meetings.services.invitations import invitation_invite_all
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings._scheduling import make_meeting

SITE = "https://involve.example.org"
BARE_PATH = re.compile(r"(?<![\w/:.])/[a-z][\w-]*/")


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


@override_settings(SITE_URL="")
def test_without_a_site_address_links_still_name_a_host():
    assert links.absolute("/meetings/3/").startswith("http://localhost:8000/meetings/3/")


@override_settings(SITE_URL=SITE + "/")
def test_links_start_with_the_site_address_once():
    assert links.absolute("/meetings/3/") == SITE + "/meetings/3/"
    assert links.absolute_reverse("my-meetings") == SITE + reverse("my-meetings")
    assert links.absolute(SITE + "/x/") == SITE + "/x/"
    assert links.site_address("http://127.0.0.1:8077/") == "http://127.0.0.1:8077"


@override_settings(SITE_URL=SITE)
def test_an_invitation_links_to_my_meetings_in_full(world):
    group = world.objects["group"]
    MembershipFactory(group=group)
    meeting = make_meeting(group)

    invitation_invite_all(meeting=meeting)

    for message in Notification.objects.filter(idempotency_key__startswith="meetings:invited:"):
        assert SITE + reverse("my-meetings") in message.body_text
        assert not BARE_PATH.search(re.sub(r"https?://\S+", "", message.body_text))


@override_settings(SITE_URL=SITE)
def test_an_exercise_message_sent_without_a_request_links_in_full(world):
    from workplans.services.exercises import exercise_create

    group = world.objects["group"]
    MembershipFactory(group=group)
    # No request to take the address from, as in a task.
    exercise_create(group=group, title="Our priorities", briefing="What is happening.")

    messages = Notification.objects.filter(subject__startswith="Your ideas")
    assert messages.exists()
    for message in messages:
        found = links_in(message.body_text)
        assert found and all(link.startswith(SITE + "/") for link in found)


def test_a_letter_whose_text_greets_is_not_greeted_twice(world):
    person = PersonFactory(full_name="Ann Example", contact_channel="post")
    greeted = outbox.notification_queue(
        recipient=person,
        organisation=world.organisation,
        subject="Papers",
        body_text=f"Dear {person.display_name},\n\nHere are the papers.",
        idempotency_key="greeted",
    )
    plain = outbox.notification_queue(
        recipient=person,
        organisation=world.organisation,
        subject="Papers again",
        body_text="Here are the papers.",
        idempotency_key="plain",
    )

    for letter in (greeted, plain):
        html = render_to_string(
            "involvement/pdf/letters.html",
            {"letters": [letter], "organisation": world.organisation},
        )
        assert html.count("Dear ") == 1, letter.body_text


@pytest.mark.parametrize("count", [2])
def test_each_letter_of_a_batch_is_its_own_part_of_the_pdf(world, login, count):
    """Two one-page letters make a two-page PDF, each laid out on its own (so
    its footer says "page 1 of 1", not "page 2")."""
    from involvement.pdf import render_pdf_parts
    from tests.involvement.test_outbox_print import letter, page_count

    letters = [letter(world.organisation, name=f"Person {n}") for n in range(count)]
    parts = [{"letters": [one], "organisation": world.organisation} for one in letters]
    joined = render_pdf_parts("involvement/pdf/letters.html", parts)
    single = render_pdf_parts("involvement/pdf/letters.html", parts[:1])

    assert page_count(joined) == count
    assert page_count(single) == 1


@override_settings(SITE_URL=SITE, ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_account_emails_are_in_plain_english_and_sign_off_with_the_site(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Nia Newperson",
            "email": "new.person@example.org",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code in (200, 302)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "[Involve] Confirm your email address"
    body = email.body
    assert body.startswith("Hello,\n")
    assert body.count("Hello") == 1
    assert "Hello from" not in body and "finalize" not in body.lower()
    assert SITE in body
    assert re.search(r"https?://\S+/accounts/confirm-email/\S+", body) or "code" in body


@override_settings(SITE_URL=SITE)
def test_a_password_reset_email_speaks_plainly(client, django_user_model, db):
    django_user_model.objects.create_user(email="ann@example.org", password="x-long-pass-1")
    client.post(reverse("account_reset_password"), {"email": "ann@example.org"})

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject == "[Involve] Choose a new password"
    assert "Password Reset Email" not in email.body
    assert "follow this link" in email.body
    assert links_in(email.body)
