"""Vacancies: draft → open → closed, how applicants heard (the communication
plan), the coordinator's lists at tenfold data, and the panel."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from recruitment.handles import conflict_token, review_handle
from recruitment.models import AuditEvent, ConflictOfInterest, OutreachChannel, Vacancy
from recruitment.services import vacancies as services
from tests.access.recruitment_setup import make_application, make_role, make_vacancy
from tests.factories import PersonFactory, StaffRoleFactory

pytestmark = pytest.mark.django_db


def _create(world, role, **overrides):
    today = timezone.localdate()
    fields = {
        "role_description": role,
        "group": world.objects["group"],
        "title": "Join the group",
        "places": 6,
        "opens_on": today,
        "closes_on": today + timedelta(days=28),
    }
    return services.vacancy_create(**{**fields, **overrides})


def test_vacancy_goes_from_draft_to_open_to_closed_with_an_audit_trail(world):
    role = make_role(world.organisation)
    vacancy = _create(world, role)
    assert vacancy.status == Vacancy.Status.DRAFT

    services.vacancy_open(vacancy=vacancy, by=world.user("coordinator"))
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN
    assert services.vacancy_is_accepting(vacancy)

    services.vacancy_close(vacancy=vacancy, by=world.user("coordinator"))
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert not services.vacancy_is_accepting(vacancy)
    assert list(AuditEvent.objects.filter(vacancy=vacancy).values_list("action", flat=True)) == [
        "vacancy_opened",
        "vacancy_closed",
    ]
    with pytest.raises(ApplicationError):
        services.vacancy_open(vacancy=vacancy)


def test_a_vacancy_cannot_open_without_criteria_to_apply_against(world):
    vacancy = _create(world, make_role(world.organisation, criteria=0))

    with pytest.raises(ApplicationError, match="Add at least one criterion"):
        services.vacancy_open(vacancy=vacancy)


def test_vacancy_dates_and_group_are_checked(world):
    role = make_role(world.organisation)
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        _create(
            world,
            role,
            group=world.objects["other_group"],
            opens_on=today,
            closes_on=today - timedelta(days=1),
        )

    assert error.value.message_dict == {
        "group": ["Choose a group of the role's organisation"],
        "closes_on": ["The closing date must be the same as or after the opening date"],
    }


def test_a_vacancy_is_not_accepting_before_its_opening_date(world):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    vacancy.opens_on = timezone.localdate() + timedelta(days=2)

    assert not services.vacancy_is_accepting(vacancy)


def test_coordinator_opens_and_closes_a_vacancy_through_the_page(world, login):
    vacancy = _create(world, make_role(world.organisation))
    client = login(world.user("coordinator"))

    client.post(reverse("vacancy-open", args=[vacancy.pk]))
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.OPEN
    client.post(reverse("vacancy-close", args=[vacancy.pk]))
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.CLOSED


def test_the_vacancy_page_counts_applications_by_where_people_heard(world, login):
    role = make_role(world.organisation)
    vacancy = make_vacancy(role, world.objects["group"])
    gp = OutreachChannel.objects.create(organisation=world.organisation, name="GP surgeries")
    radio = OutreachChannel.objects.create(organisation=world.organisation, name="Local radio")
    library = OutreachChannel.objects.create(organisation=world.organisation, name="Libraries")
    vacancy.outreach_channels.set([gp, radio, library])
    for _ in range(3):
        make_application(vacancy, PersonFactory(), heard_via=gp)
    make_application(vacancy, PersonFactory(), heard_via=radio)
    make_application(vacancy, PersonFactory(), heard_via=radio, status="draft")  # not sent
    other = make_application(vacancy, PersonFactory())
    other.heard_via_other = "My neighbour"
    other.save()

    response = login(world.user("coordinator")).get(reverse("vacancy-detail", args=[vacancy.pk]))

    assert response.context["heard_via"] == [
        ("GP surgeries", 3, True),
        ("Local radio", 1, True),
        ("Somewhere else", 1, False),
        ("Libraries", 0, True),
    ]
    assert response.context["submitted_total"] == 5


def test_the_panel_sees_the_vacancy_but_not_the_counts_by_channel(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    services.panel_member_add(vacancy=vacancy, user=world.user("panel_member"))

    response = login(world.user("panel_member")).get(reverse("vacancy-detail", args=[vacancy.pk]))

    assert response.status_code == 200
    assert "heard_via" not in response.context


def test_vacancy_list_query_count_is_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    role = make_role(world.organisation)

    def grow(n):
        for _ in range(n):
            vacancy = make_vacancy(role, world.objects["group"])
            make_application(vacancy, PersonFactory())

    assert_flat_queries(lambda: client.get(reverse("recruitment-home")), grow=grow)


def test_applications_list_query_count_is_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    channel = OutreachChannel.objects.create(organisation=world.organisation, name="Pharmacies")

    def grow(n):
        for _ in range(n):
            make_application(vacancy, PersonFactory(), heard_via=channel)

    assert_flat_queries(
        lambda: client.get(reverse("vacancy-applications", args=[vacancy.pk])), grow=grow
    )


def test_panel_members_get_their_own_random_seed_and_must_belong_to_the_organisation(world):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    second = StaffRoleFactory(organisation=world.organisation, role="panel_member").user

    first_member = services.panel_member_add(vacancy=vacancy, user=world.user("panel_member"))
    second_member = services.panel_member_add(vacancy=vacancy, user=second)

    assert first_member.shuffle_seed != second_member.shuffle_seed
    with pytest.raises(ValidationError) as error:
        services.panel_member_add(vacancy=vacancy, user=world.user("other_org"))
    assert "user" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.panel_member_add(vacancy=vacancy, user=second)


def test_an_experienced_member_can_sit_on_the_panel(world):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])

    member = services.panel_member_add(vacancy=vacancy, user=world.user("member"))

    assert member.user == world.user("member")


def _option_value(page: str, label: str) -> str:
    import re

    match = re.search(r'<option value="([^"]*)"[^>]*>' + re.escape(label) + "</option>", page)
    assert match, f"no option {label!r}"
    return match.group(1)


def test_a_panel_member_declares_a_conflict_by_name_not_reference(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    member = services.panel_member_add(vacancy=vacancy, user=world.user("panel_member"))
    neighbour = make_application(vacancy, PersonFactory(full_name="Agnes Neighbour"))
    make_application(vacancy, PersonFactory(full_name="Bert Stranger"))
    client = login(world.user("panel_member"))
    url = reverse("panel-conflicts", args=[vacancy.pk])

    page = client.get(url).content.decode()
    assert "Agnes Neighbour" in page
    assert neighbour.reference not in page
    # The option's value is an opaque token: not the id, and not the handle the
    # reviewer's scoring pages use for the same application.
    token = _option_value(page, "Agnes Neighbour")
    assert token == conflict_token(member, neighbour.pk)
    assert token not in {
        str(neighbour.pk),
        neighbour.reference,
        review_handle(member, neighbour.pk),
    }

    response = client.post(url, {"application": token, "reason": ""})
    assert "Say how you know this applicant" in response.content.decode()
    response = client.post(url, {"application": str(neighbour.pk), "reason": "A neighbour"})
    assert "Choose the applicant you know from the list" in response.content.decode()
    assert not ConflictOfInterest.objects.exists()
    response = client.post(
        url, {"application": token, "reason": "She lives next door"}, follow=True
    )

    conflict = ConflictOfInterest.objects.get()
    assert conflict.application == neighbour
    assert conflict.panel_member.user == world.user("panel_member")
    page = response.content.decode()
    assert "You will not be asked to score that applicant." in page
    assert neighbour.reference not in page


def test_vacancy_page_query_count_is_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    services.panel_member_add(vacancy=vacancy, user=world.user("panel_member"))

    def grow(n):
        for _ in range(n):
            channel = OutreachChannel.objects.create(
                organisation=world.organisation, name=f"Channel {OutreachChannel.objects.count()}"
            )
            vacancy.outreach_channels.add(channel)
            make_application(vacancy, PersonFactory(), heard_via=channel)

    assert_flat_queries(lambda: client.get(reverse("vacancy-detail", args=[vacancy.pk])), grow=grow)


def test_role_page_query_count_is_flat(world, login, assert_flat_queries):
    from recruitment.models import Criterion
    from tests.access.recruitment_setup import GUIDE

    client = login(world.user("coordinator"))
    role = make_role(world.organisation, criteria=0)

    def grow(n):
        for _ in range(n):
            Criterion.objects.create(
                role_description=role, title="A criterion", question="Tell us.", scoring_guide=GUIDE
            )
            make_vacancy(role, world.objects["group"], status="draft")

    assert_flat_queries(lambda: client.get(reverse("role-detail", args=[role.pk])), grow=grow)


def test_panel_page_query_count_is_flat(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])

    def grow(n):
        for _ in range(n):
            user = StaffRoleFactory(organisation=world.organisation, role="panel_member").user
            member = services.panel_member_add(vacancy=vacancy, user=user)
            application = make_application(vacancy, PersonFactory())
            services.conflicts_declare(panel_member=member, conflicts={application.pk: "A friend"})

    assert_flat_queries(lambda: client.get(reverse("vacancy-panel", args=[vacancy.pk])), grow=grow)


def test_public_vacancy_list_query_count_is_flat(world, client, assert_flat_queries):
    role = make_role(world.organisation)

    def grow(n):
        for _ in range(n):
            make_vacancy(role, world.objects["group"])

    assert_flat_queries(lambda: client.get(reverse("public-vacancy-list")), grow=grow)


def test_a_service_user_on_the_panel_reaches_the_vacancy_and_declares_conflicts(world, login):
    vacancy = make_vacancy(make_role(world.organisation), world.objects["group"])
    client = login(world.user("member"))
    assert client.get(reverse("panel-conflicts", args=[vacancy.pk])).status_code == 404

    services.panel_member_add(vacancy=vacancy, user=world.user("member"))

    assert client.get(reverse("recruitment-home")).status_code == 200
    assert client.get(reverse("vacancy-detail", args=[vacancy.pk])).status_code == 200
    assert client.get(reverse("panel-conflicts", args=[vacancy.pk])).status_code == 200
    assert client.get(reverse("role-detail", args=[vacancy.role_description.pk])).status_code == 200
    # Still not a manager: no applicants' names, no changes.
    assert client.get(reverse("vacancy-applications", args=[vacancy.pk])).status_code == 403
    assert client.get(reverse("vacancy-edit", args=[vacancy.pk])).status_code == 403
