"""Role descriptions and their person specification: what coordinators must
write, the messages when they miss something, and criteria fixed once a
vacancy opens."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from involvement.errors import ApplicationError
from recruitment.models import Criterion, OutreachChannel, RoleDescription
from recruitment.models.roles import DEFAULT_OUTREACH_CHANNELS
from recruitment.services import roles as services
from tests.access.recruitment_setup import GUIDE, make_role, make_vacancy

pytestmark = pytest.mark.django_db

ROLE = {
    "title": "Member of the Diabetes Voices group",
    "purpose": "To help shape diabetes services.",
    "activities": "Come to meetings and share your experience.",
    "time_commitment": "Two hours a month",
}


def test_a_role_description_needs_its_plain_english_parts(world):
    with pytest.raises(ValidationError) as error:
        services.role_description_create(
            organisation=world.organisation, title="", purpose="", activities="", time_commitment=""
        )

    assert error.value.message_dict == {
        "title": ["Enter the role's title"],
        "purpose": ["Say why the role exists, in a sentence or two"],
        "activities": ["Say what members do"],
        "time_commitment": ["Say how much time the role takes"],
    }


def test_a_new_role_says_the_group_is_not_a_support_group_by_default(world):
    role = services.role_description_create(organisation=world.organisation, **ROLE)

    assert "not a support group" in role.what_it_is_not


def test_an_involvement_payment_must_say_how_much(world):
    with pytest.raises(ValidationError) as error:
        services.role_description_create(
            organisation=world.organisation,
            payment=RoleDescription.Payment.EXPENSES_AND_PAYMENT,
            **ROLE,
        )

    assert "payment_details" in error.value.message_dict


def test_a_representative_role_names_a_body_of_the_same_organisation(world):
    with pytest.raises(ValidationError) as error:
        services.role_description_create(
            organisation=world.organisation, kind=RoleDescription.Kind.REPRESENTATIVE, **ROLE
        )
    assert error.value.message_dict["body"] == [
        "Choose the decision-making body the representative sits on"
    ]

    with pytest.raises(ValidationError) as error:
        services.role_description_create(
            organisation=world.organisation,
            kind=RoleDescription.Kind.REPRESENTATIVE,
            body=world.objects["other_body"],
            **ROLE,
        )
    assert error.value.message_dict["body"] == ["Choose a body of this organisation"]

    role = services.role_description_create(
        organisation=world.organisation,
        kind=RoleDescription.Kind.REPRESENTATIVE,
        body=world.objects["body"],
        **ROLE,
    )
    assert role.body == world.objects["body"]


def test_a_criterion_needs_a_sentence_for_every_score(world):
    role = services.role_description_create(organisation=world.organisation, **ROLE)

    with pytest.raises(ValidationError) as error:
        services.criterion_create(
            role_description=role,
            title="Lived experience",
            question="Tell us about living with diabetes.",
            scoring_guide={"0": "None", "1": "Some", "4": "Lots"},
        )

    assert error.value.message_dict["scoring_guide"] == [
        "Write a sentence saying what a score of 2 and 3 means"
    ]


def test_a_criterion_weight_and_pass_mark_are_checked(world):
    role = services.role_description_create(organisation=world.organisation, **ROLE)

    with pytest.raises(ValidationError) as error:
        services.criterion_create(
            role_description=role,
            title="Lived experience",
            question="Tell us.",
            scoring_guide=GUIDE,
            weight=9,
            pass_mark=5,
        )

    assert error.value.message_dict["weight"] == ["Weight must be a whole number from 1 to 5"]
    assert error.value.message_dict["pass_mark"] == [
        "The pass mark must be between 0 and the highest score (4)"
    ]


def test_criteria_are_numbered_in_the_order_they_are_added(world):
    role = services.role_description_create(organisation=world.organisation, **ROLE)
    for title in ("Lived experience", "Speaking up for others"):
        services.criterion_create(
            role_description=role, title=title, question="Tell us.", scoring_guide=GUIDE
        )

    assert list(role.criteria.values_list("position", "title")) == [
        (1, "Lived experience"),
        (2, "Speaking up for others"),
    ]


def test_criteria_are_fixed_once_a_vacancy_for_the_role_opens(world):
    role = make_role(world.organisation)
    make_vacancy(role, world.objects["group"], status="open")

    with pytest.raises(ApplicationError):
        services.criterion_create(
            role_description=role, title="New", question="Tell us.", scoring_guide=GUIDE
        )
    with pytest.raises(ApplicationError):
        services.criterion_update(criterion=role.criteria.first(), weight=3)


def test_coordinator_writes_a_role_and_a_criterion_through_the_pages(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("role-create"),
        {
            "kind": "group_member",
            "payment": "expenses",
            "what_it_is_not": "Not a support group.",
            **ROLE,
        },
    )
    role = RoleDescription.objects.get(title=ROLE["title"])
    assert response.status_code == 302
    assert role.organisation == world.organisation

    response = client.post(
        reverse("criterion-create", args=[role.pk]),
        {
            "title": "Lived experience",
            "question": "Tell us.",
            "essential": "True",
            "weight": "2",
            "max_score": "4",
            "pass_mark": "2",
            "score_0": "None",
            "score_1": "A little",
            "score_2": "Some",
            "score_3": "Good",
            "score_4": "",
        },
    )
    assert response.status_code == 200
    assert "Write a sentence saying what a score of 4 means" in response.content.decode()
    assert 'value="Lived experience"' in response.content.decode()  # input kept
    assert not Criterion.objects.exists()


def test_the_outreach_list_starts_with_the_usual_channels_and_can_be_extended(world, login):
    client = login(world.user("coordinator"))
    url = reverse("outreach-channels", args=[world.organisation.pk])

    client.get(url)
    client.get(url)
    response = client.post(url, {"name": "Fellside FM"})

    names = set(
        OutreachChannel.objects.filter(organisation=world.organisation).values_list(
            "name", flat=True
        )
    )
    assert response.status_code == 302
    assert names == {*DEFAULT_OUTREACH_CHANNELS, "Fellside FM"}


def test_a_channel_can_be_withdrawn_from_new_vacancies(world):
    services.outreach_channels_ensure_defaults(organisation=world.organisation)
    channel = world.organisation.outreach_channels.get(name="Local radio")

    services.outreach_channel_set_active(channel=channel, active=False)

    assert not world.organisation.outreach_channels.get(name="Local radio").active
