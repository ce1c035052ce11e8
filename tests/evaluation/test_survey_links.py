"""Survey links through each person's channel: opening a survey (the
involvement score or a group's member experience survey) queues one message
per invited member through the outbox, in the way they asked to be
contacted (an email with the link, a letter with a paper form and the
survey's reference, a call on the call list), once each; a message not yet
gone is stopped once the survey has closed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from evaluation import invitations, services
from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import notification_refresh
from tests.factories import GroupFactory, MembershipFactory, PersonFactory, date_parts

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def members(world):
    """The world's member (email), one by post, one by phone, one who left;
    and a member of another group of the organisation."""
    group = world.objects["group"]
    by_post = PersonFactory(
        full_name="Pat Letterby",
        contact_channel="post",
        email="",
        address_line_1="1 High Street",
        town="Testbury",
        postcode="TE1 1ST",
    )
    by_phone = PersonFactory(full_name="Ravi Callan", contact_channel="phone", phone="01234 567890")
    MembershipFactory(person=by_post, group=group)
    MembershipFactory(person=by_phone, group=group)
    MembershipFactory(person=PersonFactory(full_name="Lee Gone"), group=group, status="left")
    elsewhere = GroupFactory(organisation=world.organisation, name="Young Adults Panel")
    MembershipFactory(person=PersonFactory(full_name="Sam Elsewhere"), group=elsewhere)
    return {"email": world.objects["person"], "post": by_post, "phone": by_phone}


def _create_experience(client, group, opens_on):
    return client.post(
        reverse("experience-create", args=[group.pk]),
        {
            "title": "How the group feels, summer",
            **date_parts("opens_on", opens_on),
            **date_parts("closes_on", D(2026, 6, 30)),
        },
        follow=True,
    )


def test_opening_a_survey_sends_each_member_their_own_way_once(world, members, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))
    page = _create_experience(client, group, D(2026, 6, 15)).content.decode()
    assert "3 people will get the link their own way" in page
    messages = {n.recipient_id: n for n in Notification.objects.filter(kind=invitations.KIND)}
    assert set(messages) == {p.pk for p in members.values()}  # not the leaver, nor elsewhere
    survey = group.experience_surveys.get()

    email = messages[members["email"].pk]
    assert email.channel == "email"
    assert reverse("experience-answer", args=[survey.pk]) in email.body_text
    assert "30 June" in email.subject

    letter = messages[members["post"].pk]
    assert letter.channel == "post" and letter.status == Notification.Status.PENDING
    assert f"Survey reference: ME-{survey.pk}" in letter.body_text
    assert "I feel listened to in the group." in letter.body_text
    assert "Strongly disagree" in letter.body_text
    assert "Do not write your name on it." in letter.body_text

    call = messages[members["phone"].pk]
    assert call.channel == "phone"
    assert call.subject.startswith("Call Ravi")
    assert reverse("experience-paper", args=[survey.pk]) in call.body_text

    # Sending again reaches nobody twice; someone who joined since gets it.
    send = reverse("experience-send", args=[survey.pk])
    assert "Send the links" in client.get(send).content.decode()
    again = client.post(send, follow=True).content.decode()
    assert "Everyone invited has already been sent the link." in again
    MembershipFactory(person=PersonFactory(full_name="Nia Newcombe"), group=group)
    assert "1 person will get the link" in client.post(send, follow=True).content.decode()
    assert Notification.objects.filter(kind=invitations.KIND).count() == 4


def test_a_survey_not_yet_open_sends_nothing_until_it_opens(world, members, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))
    page = _create_experience(client, group, D(2026, 6, 20)).content.decode()
    assert "Send the links once it opens" in page
    assert not Notification.objects.filter(kind=invitations.KIND).exists()
    survey = group.experience_surveys.get()
    refused = client.post(reverse("experience-send", args=[survey.pk]), follow=True)
    assert "The links can only be sent while the survey is open." in refused.content.decode()


def test_the_involvement_score_goes_to_members_of_every_group(world, members, login):
    client = login(world.user("coordinator"))
    client.post(
        reverse("survey-create", args=[world.organisation.pk]),
        {
            "title": "Involvement score, summer",
            **date_parts("opens_on", D(2026, 6, 1)),
            **date_parts("closes_on", D(2026, 6, 30)),
        },
    )
    messages = Notification.objects.filter(kind=invitations.KIND)
    names = {n.recipient.full_name for n in messages}
    assert names == {"Marian Testwell", "Pat Letterby", "Ravi Callan", "Sam Elsewhere"}
    letter = messages.get(channel="post")
    survey_round = world.organisation.survey_rounds.get()
    assert f"Survey reference: IS-{survey_round.pk}" in letter.body_text
    assert "10: care and services are designed with service users at the heart" in (
        letter.body_text
    )


def test_a_message_not_yet_gone_stops_once_the_survey_has_closed(world, members):
    survey = services.experience_survey_create(
        group=world.objects["group"],
        title="Short survey",
        opens_on=D(2026, 6, 10),
        closes_on=D(2026, 6, 16),
    )
    assert invitations.send_links(kind=invitations.EXPERIENCE, survey=survey) == 3
    letter = Notification.objects.get(kind=invitations.KIND, channel="post")
    assert notification_refresh(letter)  # still open: it may go
    with time_machine.travel(datetime.datetime(2026, 6, 17, 10, tzinfo=datetime.UTC)):
        assert not notification_refresh(letter)
    letter.refresh_from_db()
    assert letter.status == Notification.Status.CANCELLED
    assert "The survey closed on 16 June 2026" in letter.cancelled_reason


def test_the_kind_of_message_can_be_turned_off(world, members):
    kind = message_kinds.get(invitations.KIND)
    assert kind is not None and kind.optional
    person = members["email"]
    person.message_choices = {invitations.KIND: False}
    person.save(update_fields=["message_choices"])
    survey = services.experience_survey_create(
        group=world.objects["group"],
        title="Short survey",
        opens_on=D(2026, 6, 10),
        closes_on=D(2026, 6, 16),
    )
    invitations.send_links(kind=invitations.EXPERIENCE, survey=survey)
    message = Notification.objects.get(recipient=person, kind=invitations.KIND)
    assert message.status == Notification.Status.CANCELLED
