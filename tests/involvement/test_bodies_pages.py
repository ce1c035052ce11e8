"""Decision-making body pages: the list, the detail, adding and changing a
body, appointing representatives and ending seats, through HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from involvement.models import DecisionMakingBody, Membership, RepresentativeSeat
from tests.factories import BodyFactory, GroupFactory, MembershipFactory, SeatFactory, date_parts

pytestmark = pytest.mark.django_db

FLAG = "Fewer than 2 representatives"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _page(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


@pytest.fixture
def second_rep(world):
    """Give the world's body its second current representative."""
    membership = MembershipFactory(group=world.objects["group"], person__full_name="Ola Second")
    return SeatFactory(body=world.objects["body"], membership=membership, term_start=TODAY)


# --- the flag ---------------------------------------------------------------


def test_a_body_with_one_representative_is_flagged_on_the_list(world, login):
    page = _page(login(world.user("coordinator")).get(reverse("body-list")))

    assert "Testshire Diabetes Network Board" in page
    assert FLAG in page


def test_a_body_with_two_representatives_is_not_flagged(world, login, second_rep):
    page = _page(login(world.user("coordinator")).get(reverse("body-list")))

    assert "Testshire Diabetes Network Board" in page
    assert FLAG not in page


def test_a_representative_whose_term_has_ended_does_not_count(world, login, second_rep):
    second_rep.term_start = TODAY - 30 * DAY
    second_rep.term_end = TODAY - DAY
    second_rep.save()

    page = _page(login(world.user("coordinator")).get(reverse("body-list")))

    assert FLAG in page


def test_a_representative_whose_term_has_not_started_does_not_count(world, login, second_rep):
    second_rep.term_start = TODAY + DAY
    second_rep.save()

    page = _page(login(world.user("member")).get(reverse("body-list")))

    assert FLAG in page


def test_the_flag_shows_on_the_body_page(world, login):
    body = world.objects["body"]

    page = _page(login(world.user("member")).get(reverse("body-detail", args=[body.pk])))

    assert FLAG in page
    assert "should have at least 2" in page


def test_the_list_shows_only_the_persons_own_organisations_bodies(world, login):
    page = _page(login(world.user("other_org")).get(reverse("body-list")))

    assert "South Testshire Board" in page
    assert "Testshire Diabetes Network Board" not in page


def test_someone_with_no_organisation_sees_a_helpful_empty_list(login, db):
    from tests.factories import UserFactory

    page = _page(login(UserFactory()).get(reverse("body-list")))

    assert "There are no decision-making bodies to show you yet" in page


# --- the body page ----------------------------------------------------------


def test_the_body_page_shows_level_remit_meeting_pattern_and_contact(world, login):
    body = world.objects["body"]
    body.remit = "Agrees the network's annual plan."
    body.meeting_pattern = "Every two months"
    body.contact_name = "Network manager"
    body.contact_email = "board@nhs.example"
    body.save()

    page = _page(login(world.user("coordinator")).get(reverse("body-detail", args=[body.pk])))

    for text in (
        "Executive",
        "Agrees the network&#x27;s annual plan.",
        "Every two months",
        "Network manager",
        "mailto:board@nhs.example",
    ):
        assert text in page


def test_the_body_page_lists_current_and_past_representatives(world, login):
    body = world.objects["body"]
    past = MembershipFactory(group=world.objects["group"], person__full_name="Pat Formerly")
    SeatFactory(
        body=body,
        membership=past,
        term_start=TODAY - 400 * DAY,
        term_end=TODAY - 40 * DAY,
        ended_reason="Moved away",
    )

    page = _page(login(world.user("coordinator")).get(reverse("body-detail", args=[body.pk])))

    assert "Marian Testwell" in page  # current
    assert "Past representatives" in page
    assert "Pat Formerly" in page and "Moved away" in page


def test_members_of_the_group_see_who_represents_them(world, login):
    body = world.objects["body"]

    page = _page(login(world.user("member")).get(reverse("body-detail", args=[body.pk])))

    assert "Marian Testwell" in page


@pytest.mark.parametrize("role", ["commissioner", "finance", "panel_member"])
def test_staff_without_access_to_personal_data_see_how_many_not_who(world, login, role):
    body = world.objects["body"]

    page = _page(login(world.user(role)).get(reverse("body-detail", args=[body.pk])))

    assert "Marian Testwell" not in page
    assert "1 member of the organisation" in page


def test_only_managers_see_the_appoint_and_end_links(world, login):
    body = world.objects["body"]
    url = reverse("body-detail", args=[body.pk])
    appoint = reverse("seat-appoint", args=[body.pk])

    assert appoint in _page(login(world.user("coordinator")).get(url))
    assert appoint not in _page(login(world.user("member")).get(url))


# --- adding and changing a body --------------------------------------------


def test_a_coordinator_adds_a_body_to_their_organisation(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("body-create"),
        {
            "organisation": world.organisation.pk,
            "name": "Foot Care Pathway Redesign Group",
            "level": "clinical",
            "remit": "Redesigns the foot-care pathway.",
            "meeting_pattern": "Monthly",
            "contact_name": "",
            "contact_email": "",
        },
    )

    body = DecisionMakingBody.objects.get(name="Foot Care Pathway Redesign Group")
    assert response.status_code == 302
    assert response.url == reverse("body-detail", args=[body.pk])
    assert body.organisation == world.organisation


def test_a_coordinator_cannot_add_a_body_to_another_organisation(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("body-create"),
        {"organisation": world.other_organisation.pk, "name": "Sneaky Board", "level": "clinical"},
    )

    assert "Choose one of your organisations" in _page(response)
    assert not DecisionMakingBody.objects.filter(name="Sneaky Board").exists()


def test_an_empty_body_form_says_what_to_fix_and_keeps_the_input(world, login):
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("body-create"),
        {"organisation": world.organisation.pk, "name": "", "level": "", "remit": "Kept text"},
    )

    page = _page(response)
    assert "There is a problem" in page
    assert "Enter the body&#x27;s name" in page
    assert "Choose the level of decisions the body takes" in page
    assert "Kept text" in page


def test_a_duplicate_body_name_is_explained(world, login):
    client = login(world.user("org_admin"))

    response = client.post(
        reverse("body-create"),
        {
            "organisation": world.organisation.pk,
            "name": "testshire diabetes network board",
            "level": "executive",
        },
    )

    assert "already has a body called" in _page(response)


def test_changing_a_body(world, login):
    body = world.objects["body"]
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("body-edit", args=[body.pk]),
        {"name": body.name, "level": "financial", "meeting_pattern": "Quarterly"},
    )

    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.level, body.meeting_pattern) == ("financial", "Quarterly")


# --- appointing and ending seats -------------------------------------------


def test_appointing_an_active_member(world, login):
    body = world.objects["body"]
    newcomer = MembershipFactory(group=world.objects["group"], person__full_name="Nia Newcomer")
    client = login(world.user("coordinator"))

    response = client.post(
        reverse("seat-appoint", args=[body.pk]),
        {
            "membership": newcomer.pk,
            **date_parts("term_start", _date(TODAY)),
            **date_parts("term_end", ""),
        },
        follow=True,
    )

    page = _page(response)
    assert "Nia Newcomer has been appointed" in page
    assert RepresentativeSeat.objects.filter(body=body, membership=newcomer).exists()
    assert FLAG not in page, "two current representatives now"


def test_the_appoint_form_offers_only_active_members_of_the_organisation(world, login):
    body = world.objects["body"]
    MembershipFactory(
        group=world.objects["group"],
        status=Membership.Status.PAUSED,
        person__full_name="Paula Paused",
    )
    MembershipFactory(group=world.objects["other_group"], person__full_name="Otto Elsewhere")

    page = _page(login(world.user("coordinator")).get(reverse("seat-appoint", args=[body.pk])))

    assert "Marian Testwell" in page
    assert "Paula Paused" not in page
    assert "Otto Elsewhere" not in page


@pytest.mark.parametrize("who", ["paused", "other_org"])
def test_appointing_someone_not_offered_is_refused_with_a_clear_message(world, login, who):
    body = world.objects["body"]
    if who == "paused":
        membership = MembershipFactory(
            group=world.objects["group"], status=Membership.Status.PAUSED
        )
    else:
        membership = world.objects["other_membership"]

    response = login(world.user("coordinator")).post(
        reverse("seat-appoint", args=[body.pk]),
        {"membership": membership.pk, **date_parts("term_start", _date(TODAY))},
    )

    assert "Choose an active member of one of this organisation&#x27;s groups" in _page(response)
    assert not RepresentativeSeat.objects.filter(membership=membership).exists()


def test_an_overlapping_term_is_refused_with_a_clear_message(world, login):
    body = world.objects["body"]
    membership = world.objects["membership"]  # already has an open-ended seat

    response = login(world.user("coordinator")).post(
        reverse("seat-appoint", args=[body.pk]),
        {"membership": membership.pk, **date_parts("term_start", _date(TODAY + 30 * DAY))},
    )

    page = _page(response)
    assert "There is a problem" in page
    assert "Marian Testwell already has a seat on Testshire Diabetes Network Board" in page
    assert RepresentativeSeat.objects.filter(membership=membership).count() == 1


def test_a_term_ending_before_it_starts_is_refused(world, login):
    body = world.objects["body"]
    newcomer = MembershipFactory(group=world.objects["group"])

    response = login(world.user("coordinator")).post(
        reverse("seat-appoint", args=[body.pk]),
        {
            "membership": newcomer.pk,
            **date_parts("term_start", _date(TODAY)),
            **date_parts("term_end", _date(TODAY - DAY)),
        },
    )

    assert "The end of the term must be the same as or after its start" in _page(response)


def test_a_date_that_is_not_real_is_explained(world, login):
    body = world.objects["body"]

    response = login(world.user("coordinator")).post(
        reverse("seat-appoint", args=[body.pk]),
        {"membership": world.objects["membership"].pk, **date_parts("term_start", "31/2/2026")},
    )

    assert "The date must be a real date, like 15 3 2026" in _page(response)


def test_ending_a_seat(world, login):
    body, seat = world.objects["body"], world.objects["seat"]

    response = login(world.user("coordinator")).post(
        reverse("seat-end", args=[body.pk, seat.pk]),
        {**date_parts("end_date", _date(TODAY)), "reason": "Completed the term"},
        follow=True,
    )

    assert "ends on" in _page(response)
    seat.refresh_from_db()
    assert seat.term_end == TODAY and seat.ended_reason == "Completed the term"


def test_a_seat_of_another_body_is_not_found(world, login):
    other_body = BodyFactory(organisation=world.organisation, name="Another Board")

    response = login(world.user("coordinator")).get(
        reverse("seat-end", args=[other_body.pk, world.objects["seat"].pk])
    )

    assert response.status_code == 404


def test_a_member_cannot_appoint(world, login):
    body = world.objects["body"]

    response = login(world.user("member")).post(
        reverse("seat-appoint", args=[body.pk]),
        {"membership": world.objects["membership"].pk, **date_parts("term_start", _date(TODAY))},
    )

    assert response.status_code == 403


# --- query counts -----------------------------------------------------------


def test_the_body_list_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    group = world.objects["group"]

    def grow(n):
        for _ in range(n):
            body = BodyFactory(organisation=world.organisation)
            SeatFactory(body=body, membership=MembershipFactory(group=group))

    assert_flat_queries(lambda: client.get(reverse("body-list")), grow=grow)


def test_the_body_page_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    body = world.objects["body"]
    group = GroupFactory(organisation=world.organisation)

    def grow(n):
        for _ in range(n):
            membership = MembershipFactory(group=group)
            SeatFactory(body=body, membership=membership, term_start=TODAY)
            SeatFactory(
                body=body,
                membership=membership,
                term_start=TODAY - 100 * DAY,
                term_end=TODAY - 50 * DAY,
            )

    assert_flat_queries(lambda: client.get(reverse("body-detail", args=[body.pk])), grow=grow)


def test_the_appoint_page_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    body = world.objects["body"]

    def grow(n):
        for _ in range(n):
            MembershipFactory(group=world.objects["group"])

    assert_flat_queries(lambda: client.get(reverse("seat-appoint", args=[body.pk])), grow=grow)


def test_ending_a_seat_that_has_already_ended_goes_back_to_the_body_saying_so(world, login):
    body, seat = world.objects["body"], world.objects["seat"]
    seat.term_start, seat.term_end = TODAY - 40 * DAY, TODAY - 10 * DAY
    seat.save()

    response = login(world.user("coordinator")).post(
        reverse("seat-end", args=[body.pk, seat.pk]),
        {**date_parts("end_date", _date(TODAY)), "reason": "Stepped down"},
    )

    assert response.status_code == 302 and response.url == reverse("body-detail", args=[body.pk])
    assert [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)] == [
        ("error", f"This seat already ended on {(TODAY - 10 * DAY):%-d %B %Y}.")
    ]
    seat.refresh_from_db()
    assert seat.ended_reason == ""
