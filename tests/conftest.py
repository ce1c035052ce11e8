"""Shared fixtures: a small world with one person per role, and the query-count
harness every list page is held to; and the switch that runs the whole suite
as if "today" were another date (INVOLVE_TEST_TODAY)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from involvement.models import Organisation, StaffRole, User

from .factories import (
    BodyFactory,
    GroupFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
    StaffRoleFactory,
    UserFactory,
)

Role = StaffRole.Role

# INVOLVE_TEST_TODAY=2028-02-29 runs the whole session as if it were that day,
# from 10:00 in London with the clock ticking on; a time can be given too
# (2027-03-28T00:30, read as London time). The travel starts before the test
# database is created, so migrations, factories, views, the browser tests' live
# server thread and Celery's eager tasks all see the same "now". Tests that
# freeze their own time with time_machine still do: travels nest.
TODAY_VARIABLE = "INVOLVE_TEST_TODAY"
LONDON = ZoneInfo("Europe/London")
_session_travel: time_machine.travel | None = None


def session_today_from(value: str) -> datetime.datetime:
    """The moment INVOLVE_TEST_TODAY names, in London time (10:00 if only a date
    is given)."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise pytest.UsageError(
            f"{TODAY_VARIABLE} must be a date like 2028-02-29 or a date and time like "
            f"2027-03-28T00:30, not {value!r}."
        ) from None
    if "T" not in value and " " not in value.strip():
        moment = moment.replace(hour=10)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LONDON)
    return moment


def pytest_configure(config):
    global _session_travel
    value = os.environ.get(TODAY_VARIABLE, "").strip()
    if value and _session_travel is None:
        _session_travel = time_machine.travel(session_today_from(value), tick=True)
        _session_travel.start()


def pytest_unconfigure(config):
    global _session_travel
    if _session_travel is not None:
        _session_travel.stop()
        _session_travel = None


def pytest_report_header(config):
    if _session_travel is not None:
        now = datetime.datetime.now(tz=LONDON)
        return f"{TODAY_VARIABLE}: running as if it were {now:%A %-d %B %Y %H:%M %Z}"
    return None


# Every role the access walk and the accessibility check visit as.
ROLES = [
    "anonymous",
    "member",
    "coordinator",
    "admin_support",
    "panel_member",
    "commissioner",
    "finance",
    "org_admin",
    "platform_admin",
    "other_org",
]


@dataclass
class World:
    """Two organisations and one person per role in the first; `other_org` is a
    coordinator of the second. The "member" login is an active member of the
    first organisation's group. Objects the access walk needs are in `objects`
    by name ("group", "membership", "person", "body", "seat", "notification",
    and the other organisation's "other_group", "other_body"); later issues
    add theirs."""

    organisation: Organisation
    other_organisation: Organisation
    users: dict[str, User | None]
    objects: dict[str, object] = field(default_factory=dict)

    def user(self, role: str) -> User | None:
        return self.users[role]


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """The shared world (the `world` fixture; the access walk builds it once
    for its module)."""
    organisation = OrganisationFactory(name="North Testshire Diabetes Network")
    other = OrganisationFactory(name="South Testshire Diabetes Network")
    users: dict[str, User | None] = {
        "anonymous": None,
        "member": UserFactory(email="member@example.org"),
    }
    for role in [
        Role.COORDINATOR,
        Role.ADMIN_SUPPORT,
        Role.PANEL_MEMBER,
        Role.COMMISSIONER,
        Role.FINANCE,
        Role.ORG_ADMIN,
    ]:
        users[role.value] = StaffRoleFactory(
            organisation=organisation, role=role, user__email=f"{role.value}@example.org"
        ).user
    users["platform_admin"] = UserFactory(
        email="admin@example.org", is_staff=True, is_superuser=True
    )
    users["other_org"] = StaffRoleFactory(
        organisation=other, role=Role.COORDINATOR, user__email="other@example.org"
    ).user
    world = World(organisation=organisation, other_organisation=other, users=users)
    group = GroupFactory(organisation=organisation, name="Testshire Diabetes Voices")
    person = PersonFactory(
        user=users["member"], full_name="Marian Testwell", email="member@example.org"
    )
    membership = MembershipFactory(person=person, group=group)
    body = BodyFactory(organisation=organisation, name="Testshire Diabetes Network Board")
    other_group = GroupFactory(organisation=other, name="South Testshire Voices")
    world.objects.update(
        group=group,
        person=person,
        membership=membership,
        body=body,
        seat=SeatFactory(body=body, membership=membership),
        notification=NotificationFactory(recipient=person, organisation=organisation),
        other_group=other_group,
        other_membership=MembershipFactory(group=other_group),
        other_body=BodyFactory(organisation=other, name="South Testshire Board"),
    )
    return world


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: start every test with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """`manage.py seed_demo` once for a whole test module instead of once a test.

    The demo is written inside a transaction that stays open until the
    module's last test and is then rolled back, as Django's TestCase does with
    setUpTestData; each test (`db`) runs in a savepoint inside it, so what one
    test changes is gone before the next. Not for tests with
    `django_db(transaction=True)` or the live server."""
    from django.core.management import call_command
    from django.db import transaction

    outer = transaction.atomic()

    def roll_back():
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
        except BaseException:
            roll_back()
            raise
    yield
    roll_back()


class QueryCountGrew(AssertionError):
    pass


@pytest.fixture
def assert_flat_queries():
    """Assert that a page's query count does not grow with the data.

    `grow(n)` must add n units of data (n groups, n members...). The page is
    requested after grow(1) and again after grow(9) more (tenfold data); the
    second count must not exceed the first. On failure the queries are printed.

        def test_group_list(client, assert_flat_queries):
            assert_flat_queries(lambda: client.get(url), grow=lambda n: make_groups(n))
    """

    def check(request, *, grow, expect_status=200):
        grow(1)
        with CaptureQueriesContext(connection) as small:
            response = request()
        assert response.status_code == expect_status, response
        grow(9)
        with CaptureQueriesContext(connection) as large:
            response = request()
        assert response.status_code == expect_status, response
        if len(large) > len(small):
            queries = "\n".join(q["sql"] for q in large.captured_queries)
            raise QueryCountGrew(
                f"{len(small)} queries at 1x data but {len(large)} at 10x:\n{queries}"
            )
        return len(small)

    return check


@pytest.fixture
def login(client):
    """Log the test client in as a user (or stay anonymous for None)."""

    def do(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return do
