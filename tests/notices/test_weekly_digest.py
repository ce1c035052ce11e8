"""The weekly summary: only for members who turned it on, one message per
person per week (a second run, or a beat firing twice, queues nothing), none
when there is nothing to say, and read in a fixed number of queries however
many people asked for it. Time is frozen throughout."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from involvement.models import Notification
from involvement.services.people import person_choose_messages
from meetings.models import Action, Invitation
from meetings.services.digest import KIND_DIGEST, digest_contents, weekly_digests_queue
from meetings.tasks import send_weekly_digests
from tests.factories import PersonFactory
from tests.meetings._scheduling import invite, make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2027, 3, 15, 7, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(MONDAY, tick=False):
        yield


def wants_digest(person):
    person_choose_messages(person=person, wanted=[KIND_DIGEST])
    return person


def busy_week(world, person):
    group = world.objects["group"]
    soon = make_meeting(group, at=MONDAY + timedelta(days=2), title="Wednesday meeting")
    later = make_meeting(group, at=MONDAY + timedelta(days=20), title="April meeting")
    invite(soon, person, rsvp=Invitation.Rsvp.ATTENDING)
    invite(later, person)
    Action.objects.create(
        meeting=soon,
        description="Ask the pharmacy about opening hours",
        owner_person=person,
        due_on=date(2027, 3, 12),
    )


def test_only_those_who_turned_it_on_get_it_once_a_week(world):
    keen = wants_digest(PersonFactory(full_name="Kim Keen"))
    quiet = PersonFactory(full_name="Quinn Quiet")
    busy_week(world, keen)
    busy_week(world, quiet)

    assert send_weekly_digests.apply().get() == 1
    assert weekly_digests_queue() == 0  # run again, the same week: nothing more

    digest = Notification.objects.get(kind=KIND_DIGEST)
    assert digest.recipient == keen
    assert digest.idempotency_key == f"digest:2027-W11:person:{keen.pk}"
    assert "Wednesday meeting" in digest.body_text
    assert "Please tell us if you can come to:\n- April meeting" in digest.body_text
    assert "Ask the pharmacy about opening hours (was due 12 March)" in digest.body_text
    assert "/profile/messages/" in digest.body_text
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert weekly_digests_queue() == 1  # the next week, the next summary


def test_nothing_to_say_means_no_message(world):
    wants_digest(PersonFactory())

    assert weekly_digests_queue() == 0
    assert not Notification.objects.filter(kind=KIND_DIGEST).exists()


def test_the_summary_is_read_in_a_fixed_number_of_queries(world):
    people = [wants_digest(PersonFactory()) for _ in range(10)]
    for person in people:
        busy_week(world, person)

    with CaptureQueriesContext(connection) as one:
        digest_contents(person_ids=[people[0].pk], today=MONDAY.date())
    with CaptureQueriesContext(connection) as ten:
        weeks = digest_contents(person_ids=[p.pk for p in people], today=MONDAY.date())

    assert all(weeks[p.pk] for p in people)
    assert len(ten) == len(one)


def test_queueing_costs_the_same_per_person_at_tenfold_data(world, assert_flat_queries):
    """Ten times the people, each with ten times the meetings: the queries
    that read the week stay flat, and queueing adds the same few per message."""
    group = world.objects["group"]
    people = []

    def grow(n):
        for _ in range(n):
            person = wants_digest(PersonFactory())
            busy_week(world, person)
            people.append(person)
        for i in range(n):
            extra = make_meeting(group, at=MONDAY + timedelta(days=3, hours=i), title="Extra")
            for person in people:
                invite(extra, person)

    class Read:
        status_code = 200

    def read():
        weeks = digest_contents(person_ids=[p.pk for p in people], today=MONDAY.date())
        assert all(weeks[p.pk] for p in people)
        return Read()

    assert_flat_queries(read, grow=grow)

    def queued_in(week: int) -> int:
        with time_machine.travel(MONDAY + timedelta(days=7 * week), tick=False):
            with CaptureQueriesContext(connection) as queries:
                assert weekly_digests_queue() == len(people)
        return len(queries)

    one = queued_in(1)  # ten people (the growth above)
    grow(10)
    twenty = queued_in(2)
    grow(10)
    thirty = queued_in(3)
    # Each message costs what queueing one message costs in the outbox
    # (its key, its checks, its row), the same for the 40th as for the 1st.
    assert twenty - one == thirty - twenty
