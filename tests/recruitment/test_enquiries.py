"""Enquiries that are really requests for advice or support, the signposting
given, and requests from the public page to apply on paper or by phone."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from recruitment.models import Enquiry, SignpostEntry
from recruitment.services import enquiries as services
from recruitment.services import roles as role_services
from tests.access.recruitment_setup import make_role, make_vacancy
from tests.factories import date_parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def helpline(world):
    return role_services.signpost_create(
        organisation=world.organisation,
        name="Diabetes helpline",
        kind=SignpostEntry.Kind.HELPLINE,
        phone="0345 123 2399",
    )


def test_coordinator_records_an_enquiry_and_where_they_signposted(world, helpline, login):
    client = login(world.user("coordinator"))
    url = reverse("enquiry-create", args=[world.organisation.pk])

    response = client.post(
        url,
        {
            "name": "Mrs Rowe",
            "contact": "01632 960 123",
            "summary": "Wanted help with her husband's insulin doses",
            "signposted_to": [helpline.pk],
            **date_parts("received_on", timezone.localdate()),
        },
    )

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert list(enquiry.signposted_to.all()) == [helpline]
    assert enquiry.recorded_by == world.user("coordinator")
    page = client.get(reverse("enquiry-list", args=[world.organisation.pk])).content.decode()
    assert "Mrs Rowe" in page
    assert "Diabetes helpline" in page


def test_an_enquiry_says_what_is_missing(world, login):
    response = login(world.user("coordinator")).post(
        reverse("enquiry-create", args=[world.organisation.pk]), {"name": "", "summary": ""}
    )

    page = response.content.decode()
    assert "Enter the person&#x27;s name" in page
    assert "Enter what they asked about" in page
    assert "Enter the date they got in touch" in page


def test_signposts_of_another_organisation_cannot_be_used(world):
    theirs = SignpostEntry.objects.create(
        organisation=world.other_organisation,
        name="Their group",
        kind="support_group",
        description="Tuesdays",
    )

    with pytest.raises(ValidationError) as error:
        services.enquiry_record(
            organisation=world.organisation,
            name="A caller",
            summary="Advice",
            received_on=timezone.localdate(),
            recorded_by=None,
            signposted_to=[theirs],
        )

    assert "signposted_to" in error.value.message_dict


def test_a_signpost_needs_a_way_to_get_in_touch(world):
    with pytest.raises(ValidationError) as error:
        role_services.signpost_create(
            organisation=world.organisation, name="Peer group", kind="support_group"
        )

    assert error.value.message_dict["description"] == [
        "Say how people get in touch: a phone number, website or details"
    ]


def test_the_public_can_ask_to_apply_on_paper_without_an_account(world, client):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])

    response = client.post(
        reverse("vacancy-other-ways", args=[vacancy.public_id]),
        {"wants": "large_print", "name": "Arthur Penn", "contact": "2 Low Road, Fellside"},
    )

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.vacancy == vacancy
    assert enquiry.organisation == world.organisation
    assert enquiry.summary == "Asked for a large-print application form"


def test_asking_for_another_way_needs_a_way_to_reach_you(world, client):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])

    response = client.post(
        reverse("vacancy-other-ways", args=[vacancy.public_id]), {"wants": "phone", "name": "Al"}
    )

    assert "Enter a phone number or postal address" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_enquiry_list_query_count_is_flat(world, helpline, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])

    def grow(n):
        for index in range(n):
            services.enquiry_record(
                organisation=world.organisation,
                vacancy=vacancy,
                name=f"Caller {index}",
                summary="Wanted advice",
                received_on=timezone.localdate(),
                recorded_by=world.user("coordinator"),
                signposted_to=[helpline],
            )

    assert_flat_queries(
        lambda: client.get(reverse("enquiry-list", args=[world.organisation.pk])), grow=grow
    )
