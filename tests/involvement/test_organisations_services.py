"""Organisations and roles: creating organisations, giving and removing roles,
the record of every change, and invitations for people with no account."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError

from involvement import permissions
from involvement.errors import ApplicationError
from involvement.models import Organisation, StaffRole, StaffRoleChange, User
from involvement.services.organisations import (
    organisation_create,
    organisation_update,
    staff_role_grant,
    staff_role_revoke,
)
from tests.factories import OrganisationFactory, StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

Role = StaffRole.Role
BASE_URL = "https://involve.test"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Riverside Diabetes Network")


@pytest.fixture
def org_admin(organisation):
    return StaffRoleFactory(organisation=organisation, role=Role.ORG_ADMIN).user


# --- organisations ----------------------------------------------------------


def test_an_organisation_gets_a_unique_slug_from_its_name():
    first = organisation_create(name="Fellside ICB", kind=Organisation.Kind.ICB)
    OrganisationFactory(slug="fellside-trust")
    second = organisation_create(name="Fellside Trust", kind=Organisation.Kind.TRUST)

    assert first.slug == "fellside-icb"
    assert second.slug == "fellside-trust-2"


def test_two_organisations_cannot_share_a_name(organisation):
    with pytest.raises(ValidationError) as excinfo:
        organisation_create(name="riverside diabetes network", kind=Organisation.Kind.CHARITY)

    assert "already an organisation called" in excinfo.value.message_dict["name"][0]


def test_localities_are_trimmed_and_not_repeated(organisation):
    organisation_update(
        organisation=organisation,
        name=organisation.name,
        kind=organisation.kind,
        localities=[" North of the river ", "South of the river", "North of the river", ""],
    )

    organisation.refresh_from_db()
    assert organisation.localities == ["North of the river", "South of the river"]


# --- giving roles -----------------------------------------------------------


def test_a_role_given_to_an_existing_account_records_who_gave_it_and_when(
    organisation, org_admin, django_capture_on_commit_callbacks
):
    coordinator = UserFactory(email="priya@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        staff_role = staff_role_grant(
            organisation=organisation,
            email="Priya@Example.org",
            role=Role.COORDINATOR,
            granted_by=org_admin,
            base_url=BASE_URL,
        )

    assert staff_role.user == coordinator
    assert staff_role.granted_by == org_admin
    assert staff_role.granted_at is not None
    change = StaffRoleChange.objects.get()
    assert (change.user, change.role, change.action, change.changed_by, change.invited) == (
        coordinator,
        Role.COORDINATOR,
        StaffRoleChange.Action.GRANTED,
        org_admin,
        False,
    )
    assert change.changed_at is not None
    assert len(mail.outbox) == 1
    assert "coordinator at Riverside Diabetes Network" in mail.outbox[0].subject
    assert f"{BASE_URL}/accounts/login/" in mail.outbox[0].body


def test_a_person_may_hold_roles_in_several_organisations(organisation, org_admin):
    other = OrganisationFactory()
    person = UserFactory()

    staff_role_grant(
        organisation=organisation, email=person.email, role=Role.COORDINATOR, granted_by=org_admin
    )
    staff_role_grant(
        organisation=other, email=person.email, role=Role.COMMISSIONER, granted_by=None
    )
    staff_role_grant(
        organisation=organisation, email=person.email, role=Role.FINANCE, granted_by=org_admin
    )

    assert permissions.roles_by_organisation(person) == {
        organisation.pk: frozenset({Role.COORDINATOR, Role.FINANCE}),
        other.pk: frozenset({Role.COMMISSIONER}),
    }


def test_the_same_role_cannot_be_given_twice(organisation, org_admin):
    person = StaffRoleFactory(organisation=organisation, role=Role.FINANCE).user

    with pytest.raises(ValidationError) as excinfo:
        staff_role_grant(
            organisation=organisation, email=person.email, role=Role.FINANCE, granted_by=org_admin
        )

    assert "is already finance at" in excinfo.value.message_dict["role"][0]
    assert not StaffRoleChange.objects.exists()


def test_a_role_for_an_email_with_no_account_makes_one_and_sends_an_invitation(
    organisation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_role = staff_role_grant(
            organisation=organisation,
            email="new.coordinator@example.org",
            full_name="Ade New",
            role=Role.COORDINATOR,
            granted_by=org_admin,
            base_url=BASE_URL,
        )

    user = staff_role.user
    assert user.email == "new.coordinator@example.org"
    assert user.full_name == "Ade New"
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, email=user.email, primary=True).exists()
    assert StaffRoleChange.objects.get().invited is True
    (invitation,) = mail.outbox
    assert invitation.to == ["new.coordinator@example.org"]
    assert "choose a password" in invitation.body
    assert re.search(rf"{BASE_URL}/accounts/password/reset/key/\S+", invitation.body)


def test_no_email_is_sent_when_the_grant_is_rolled_back(
    organisation, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        staff_role_grant(
            organisation=organisation,
            email="someone@example.org",
            role=Role.FINANCE,
            granted_by=org_admin,
        )

    assert len(callbacks) == 1, "the email waits for the commit"
    assert mail.outbox == []


def test_the_invitation_link_lets_the_person_choose_a_password_and_log_in(
    organisation, org_admin, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_role_grant(
            organisation=organisation,
            email="invited@example.org",
            role=Role.COORDINATOR,
            granted_by=org_admin,
            base_url="http://testserver",
        )
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)

    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "A-long-new-passphrase-42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302

    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "invited@example.org", "password": new_password}
    )
    assert response.status_code == 302
    assert response.url == "/"
    assert User.objects.get(email="invited@example.org").has_usable_password()


def test_an_unknown_role_is_refused(organisation, org_admin):
    with pytest.raises(ValidationError):
        staff_role_grant(
            organisation=organisation, email="a@example.org", role="overlord", granted_by=org_admin
        )
    assert not User.objects.filter(email="a@example.org").exists()


# --- removing roles ---------------------------------------------------------


def test_removing_a_role_records_who_removed_it_and_keeps_the_history(organisation, org_admin):
    coordinator_role = StaffRoleFactory(organisation=organisation, role=Role.COORDINATOR)

    change = staff_role_revoke(staff_role=coordinator_role, revoked_by=org_admin)

    assert not StaffRole.objects.filter(pk=coordinator_role.pk).exists()
    assert change.action == StaffRoleChange.Action.REVOKED
    assert (change.user, change.role, change.changed_by) == (
        coordinator_role.user,
        Role.COORDINATOR,
        org_admin,
    )
    assert permissions.roles_by_organisation(coordinator_role.user) == {}


def test_the_only_organisation_admin_cannot_remove_their_own_admin_role(organisation, org_admin):
    own_role = StaffRole.objects.get(user=org_admin, role=Role.ORG_ADMIN)

    with pytest.raises(ApplicationError) as excinfo:
        staff_role_revoke(staff_role=own_role, revoked_by=org_admin)

    assert "only organisation admin" in excinfo.value.message
    assert "Give the role to someone else first" in excinfo.value.message
    assert StaffRole.objects.filter(pk=own_role.pk).exists()
    assert not StaffRoleChange.objects.exists()


def test_an_organisation_admin_may_step_down_when_another_admin_remains(organisation, org_admin):
    StaffRoleFactory(organisation=organisation, role=Role.ORG_ADMIN)
    own_role = StaffRole.objects.get(user=org_admin, role=Role.ORG_ADMIN)

    staff_role_revoke(staff_role=own_role, revoked_by=org_admin)

    assert not permissions.can_manage_organisation(org_admin, organisation.pk)


def test_an_admin_role_in_another_organisation_does_not_count_as_another_admin(
    organisation, org_admin
):
    StaffRoleFactory(user=org_admin, role=Role.ORG_ADMIN)  # admin of a second organisation
    own_role = StaffRole.objects.get(user=org_admin, organisation=organisation)

    with pytest.raises(ApplicationError):
        staff_role_revoke(staff_role=own_role, revoked_by=org_admin)


def test_an_organisation_admin_may_remove_their_own_other_roles(organisation, org_admin):
    own_finance = StaffRoleFactory(user=org_admin, organisation=organisation, role=Role.FINANCE)

    staff_role_revoke(staff_role=own_finance, revoked_by=org_admin)

    assert permissions.roles_by_organisation(org_admin) == {
        organisation.pk: frozenset({Role.ORG_ADMIN})
    }


@pytest.mark.django_db(transaction=True)
def test_the_same_role_given_twice_at_once_is_refused_not_an_error(monkeypatch):
    """Both grants pass the "already held?" check before either saves; the
    database's unique constraint stops the second, which is refused politely."""
    import threading
    import time

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises the two transactions")
    organisation = OrganisationFactory()
    person = UserFactory()
    original_full_clean = StaffRole.full_clean

    def slow_full_clean(self, *args, **kwargs):
        time.sleep(0.5)
        return original_full_clean(self, *args, **kwargs)

    monkeypatch.setattr(StaffRole, "full_clean", slow_full_clean)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def grant():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            staff_role_grant(
                organisation=organisation, email=person.email, role=Role.FINANCE, granted_by=None
            )
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=grant) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["granted", "refused"]
    assert StaffRole.objects.filter(user=person, organisation=organisation).count() == 1
    assert StaffRoleChange.objects.filter(user=person).count() == 1
