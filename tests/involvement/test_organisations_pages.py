"""Organisation pages: the list, adding one, settings, and people and roles."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from involvement.models import Organisation, StaffRole, StaffRoleChange, User
from tests.factories import OrganisationFactory, StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

Role = StaffRole.Role


def _page(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def test_a_platform_admin_sees_every_organisation(world, login):
    page = _page(login(world.user("platform_admin")).get(reverse("organisation-index")))

    assert "North Testshire Diabetes Network" in page
    assert "South Testshire Diabetes Network" in page
    assert reverse("organisation-create") in page


def test_staff_see_only_the_organisations_they_hold_roles_in(world, login):
    page = _page(login(world.user("commissioner")).get(reverse("organisation-index")))

    assert "North Testshire Diabetes Network" in page
    assert "South Testshire Diabetes Network" not in page
    assert reverse("organisation-create") not in page


def test_someone_with_no_role_is_told_how_to_get_one(world, login):
    page = _page(login(world.user("member")).get(reverse("organisation-index")))

    assert "You do not hold a role in any organisation" in page


def test_a_platform_admin_adds_an_organisation_and_is_sent_to_give_roles(world, login):
    client = login(world.user("platform_admin"))

    response = client.post(
        reverse("organisation-create"),
        {
            "name": "Westmoor Integrated Care Board",
            "kind": "icb",
            "nation": "wales",
            "localities": "West Moor\nEast Moor\n",
        },
    )

    organisation = Organisation.objects.get(name="Westmoor Integrated Care Board")
    assert response.status_code == 302
    assert response.url == reverse("organisation-people", args=[organisation.pk])
    assert organisation.localities == ["West Moor", "East Moor"]
    assert organisation.slug == "westmoor-integrated-care-board"
    assert organisation.nation == "wales"


def test_adding_an_organisation_without_a_name_says_what_to_fix(world, login):
    response = login(world.user("platform_admin")).post(
        reverse("organisation-create"), {"name": "", "kind": "", "nation": ""}
    )

    page = _page(response)
    assert "Enter the organisation&#x27;s name" in page
    assert "Choose the type of organisation" in page
    assert "Choose where the organisation works" in page


def test_an_organisation_admin_changes_the_settings(world, login):
    response = login(world.user("org_admin")).post(
        reverse("organisation-edit", args=[world.organisation.pk]),
        {
            "name": "North Testshire Diabetes Network",
            "kind": "charity",
            "nation": "scotland",
            "localities": "Uplands",
        },
    )

    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.kind == "charity"
    assert world.organisation.localities == ["Uplands"]
    assert world.organisation.nation == "scotland"
    page = _page(
        login(world.user("org_admin")).get(
            reverse("organisation-summary", args=[world.organisation.pk])
        )
    )
    assert "Scotland" in page


def test_the_settings_summary_shows_the_organisation(world, login):
    page = _page(
        login(world.user("finance")).get(
            reverse("organisation-summary", args=[world.organisation.pk])
        )
    )

    assert "North Testshire Diabetes Network" in page
    assert "Finance" in page  # your roles
    assert reverse("organisation-people", args=[world.organisation.pk]) not in page


# --- people and roles -------------------------------------------------------


def test_people_and_roles_lists_each_person_with_their_roles(world, login):
    url = reverse("organisation-people", args=[world.organisation.pk])

    page = _page(login(world.user("org_admin")).get(url))

    for email in ("coordinator@example.org", "finance@example.org", "org_admin@example.org"):
        assert email in page
    assert "other@example.org" not in page


def test_giving_a_role_to_an_existing_account(world, login):
    client = login(world.user("org_admin"))
    finance = world.user("finance")

    response = client.post(
        reverse("organisation-people", args=[world.organisation.pk]),
        {"email": finance.email, "role": "panel_member", "full_name": ""},
        follow=True,
    )

    page = _page(response)
    assert "is now recruitment panel member at North Testshire Diabetes Network" in page
    assert StaffRole.objects.filter(
        user=finance, role=Role.PANEL_MEMBER, granted_by=world.user("org_admin")
    ).exists()


def test_giving_a_role_to_a_new_email_invites_them(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.user("org_admin"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisation-people", args=[world.organisation.pk]),
            {"email": "newcomer@example.org", "role": "coordinator", "full_name": "Nell Newcomer"},
            follow=True,
        )

    page = _page(response)
    assert "We have emailed them an invitation" in page
    assert "Invited" in page
    user = User.objects.get(email="newcomer@example.org")
    assert not user.has_usable_password()
    assert mail.outbox[0].to == ["newcomer@example.org"]
    assert "http://testserver/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_role_already_held_is_explained(world, login):
    response = login(world.user("org_admin")).post(
        reverse("organisation-people", args=[world.organisation.pk]),
        {"email": "coordinator@example.org", "role": "coordinator"},
    )

    assert "is already coordinator at" in _page(response)


def test_a_bad_email_address_is_explained_and_kept(world, login):
    response = login(world.user("org_admin")).post(
        reverse("organisation-people", args=[world.organisation.pk]),
        {"email": "not-an-email", "role": ""},
    )

    page = _page(response)
    assert "Enter an email address in the correct format" in page
    assert "Choose the role to give them" in page
    assert 'value="not-an-email"' in page


def test_removing_a_role_asks_first_then_removes_and_records_it(world, login):
    client = login(world.user("org_admin"))
    role = StaffRole.objects.get(user=world.user("finance"), organisation=world.organisation)
    url = reverse("staff-role-revoke", args=[world.organisation.pk, role.pk])

    confirm = _page(client.get(url))
    assert "Yes, remove this role" in confirm
    assert StaffRole.objects.filter(pk=role.pk).exists()

    response = client.post(url, follow=True)

    assert "is no longer finance at North Testshire Diabetes Network" in _page(response)
    assert not StaffRole.objects.filter(pk=role.pk).exists()
    change = StaffRoleChange.objects.get(action=StaffRoleChange.Action.REVOKED)
    assert change.changed_by == world.user("org_admin")


def test_the_only_organisation_admin_is_told_why_they_cannot_remove_their_role(world, login):
    admin = world.user("org_admin")
    role = StaffRole.objects.get(user=admin, organisation=world.organisation)

    response = login(admin).post(
        reverse("staff-role-revoke", args=[world.organisation.pk, role.pk]), follow=True
    )

    page = _page(response)
    assert "you cannot remove your own organisation admin role" in page
    assert StaffRole.objects.filter(pk=role.pk).exists()


def test_a_role_in_another_organisation_cannot_be_removed_through_yours(world, login):
    foreign = StaffRole.objects.get(user=world.user("other_org"))

    response = login(world.user("org_admin")).post(
        reverse("staff-role-revoke", args=[world.organisation.pk, foreign.pk])
    )

    assert response.status_code == 404
    assert StaffRole.objects.filter(pk=foreign.pk).exists()


def test_a_coordinator_cannot_give_roles(world, login):
    response = login(world.user("coordinator")).post(
        reverse("organisation-people", args=[world.organisation.pk]),
        {"email": "x@example.org", "role": "org_admin"},
    )

    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_admin_of_two_organisations_manages_both(login, db):
    admin = UserFactory()
    first, second = OrganisationFactory(), OrganisationFactory()
    StaffRoleFactory(user=admin, organisation=first, role=Role.ORG_ADMIN)
    StaffRoleFactory(user=admin, organisation=second, role=Role.ORG_ADMIN)
    client = login(admin)

    for organisation in (first, second):
        assert client.get(reverse("organisation-people", args=[organisation.pk])).status_code == 200


def test_the_organisation_list_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("platform_admin"))

    def grow(n):
        for _ in range(n):
            organisation = OrganisationFactory()
            StaffRoleFactory(organisation=organisation)

    assert_flat_queries(lambda: client.get(reverse("organisation-index")), grow=grow)


def test_people_and_roles_reads_a_fixed_number_of_queries(world, login, assert_flat_queries):
    client = login(world.user("org_admin"))
    url = reverse("organisation-people", args=[world.organisation.pk])

    def grow(n):
        for _ in range(n):
            StaffRoleFactory(
                organisation=world.organisation,
                role=Role.COMMISSIONER,
                granted_by=world.user("org_admin"),
            )

    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_someone_given_a_role_must_set_up_two_factor_authentication_where_required(
    world, login, settings
):
    from involvement.services.organisations import staff_role_grant

    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    member = world.user("member")
    client = login(member)
    assert client.get(reverse("home")).status_code == 200, "members are not asked"

    staff_role_grant(
        organisation=world.organisation,
        email=member.email,
        role=Role.COMMISSIONER,
        granted_by=world.user("org_admin"),
    )
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
