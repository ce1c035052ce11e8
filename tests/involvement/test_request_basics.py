"""The one query at the start of a signed-in request (involvement.request_basics)
reads what the functions it stands for would read themselves."""

from __future__ import annotations

from itertools import count

from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from involvement import permissions, request_basics
from involvement.models import Notification, Person, StaffRole, User
from involvement.selectors.outbox import notification_unread_count
from tests.factories import (
    NotificationFactory,
    OrganisationFactory,
    PersonFactory,
    StaffRoleFactory,
    UserFactory,
)

_keys = count()


def _message(person, organisation, **fields):
    return NotificationFactory(
        recipient=person,
        organisation=organisation,
        idempotency_key=f"basics-test-{next(_keys)}",
        **fields,
    )


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def test_a_member_with_messages_gets_their_person_and_unread_count_in_one_query(db):
    organisation = OrganisationFactory()
    user = UserFactory()
    person = PersonFactory(user=user)
    _message(person, organisation)
    _message(person, organisation)
    _message(person, organisation, read_at=timezone.now())
    _message(person, organisation, status=Notification.Status.CANCELLED)
    _message(PersonFactory(), organisation)
    user = _fresh(user)

    with CaptureQueriesContext(connection) as queries:
        assert request_basics.load(user) is False
        assert permissions.roles_by_organisation(user) == {}
        assert permissions.person_of(user) == person
        assert permissions.person_of(user).user is user
        assert notification_unread_count(user=user) == 2
        assert not permissions.must_set_up_mfa(user)
    assert len(queries) == 1

    other = _fresh(user)
    assert notification_unread_count(user=other) == 2
    assert permissions.person_of(other) == person


def test_the_person_record_is_read_as_the_orm_reads_it(db):
    user = UserFactory()
    PersonFactory(
        user=user, message_choices={"meeting_reminder": False}, large_print=True, town="Leeds"
    )
    user = _fresh(user)
    request_basics.load(user)
    read = permissions.person_of(user)
    expected = Person.objects.get(user=user)
    for field in Person._meta.concrete_fields:
        value = getattr(read, field.attname)
        assert value == getattr(expected, field.attname), field.attname
        assert type(value) is type(getattr(expected, field.attname)), field.attname
    assert read._state.adding is False
    assert read._state.db == "default"
    read.town = "York"
    read.save(update_fields=["town"])
    assert Person.objects.get(pk=read.pk).town == "York"


def test_staff_get_every_role_in_every_organisation_and_their_authenticator(db, settings):
    settings.INVOLVE_REQUIRE_MFA_FOR_STAFF = True
    north, south = OrganisationFactory(), OrganisationFactory()
    user = UserFactory()
    StaffRoleFactory(user=user, organisation=north, role=StaffRole.Role.COORDINATOR)
    StaffRoleFactory(user=user, organisation=north, role=StaffRole.Role.FINANCE)
    StaffRoleFactory(user=user, organisation=south, role=StaffRole.Role.COMMISSIONER)
    user = _fresh(user)

    has_authenticator = request_basics.load(user)

    assert has_authenticator is False
    assert permissions.must_set_up_mfa(user, has_authenticator=has_authenticator)
    expected = permissions.roles_by_organisation(_fresh(user))
    assert (
        user._involve_roles
        == expected
        == {
            north.pk: frozenset({"coordinator", "finance"}),
            south.pk: frozenset({"commissioner"}),
        }
    )
    assert permissions.person_of(user) is None
    assert notification_unread_count(user=user) == 0

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    again = _fresh(user)
    assert request_basics.load(again) is True
    assert not permissions.must_set_up_mfa(again, has_authenticator=True)


def test_nobody_signed_in_reads_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    with CaptureQueriesContext(connection) as queries:
        assert request_basics.load(AnonymousUser()) is None
        assert request_basics.load(None) is None
    assert len(queries) == 0


def test_a_signed_in_page_asks_for_the_login_and_the_basics_once_each(db, client):
    user = UserFactory()
    PersonFactory(user=user)
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("my-meetings"))

    assert response.status_code == 200
    user_queries = [q for q in queries if 'FROM "involvement_user"' in q["sql"]]
    assert len(user_queries) == 2  # the login (Django), then request_basics
    assert not any('FROM "involvement_staffrole"' in q["sql"] for q in queries)
    assert not any(
        q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "involvement_notification"')
        for q in queries
    )
