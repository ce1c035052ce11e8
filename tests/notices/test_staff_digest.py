"""The weekly summary of what needs doing, for coordinators and organisation
admins: the same needs as their home page, one message per person per week
(a second run queues nothing), none when nothing needs doing, in the
person's own channel, and not at all once they turn it off. Time is frozen."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from involvement.models import Notification
from involvement.services.people import person_choose_messages
from involvement.services.staff_digest import KIND_STAFF_DIGEST, staff_digests_queue
from involvement.tasks import send_staff_digests
from meetings.models import Action
from tests.factories import MembershipFactory, PersonFactory, SeatFactory
from tests.meetings._scheduling import make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2027, 3, 15, 9, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(MONDAY, tick=False):
        yield


def profile(world, role, **extra):
    user = world.user(role)
    return PersonFactory(user=user, email=user.email, **extra)


def digests_to(person):
    return Notification.objects.filter(kind=KIND_STAFF_DIGEST, recipient=person)


def test_coordinators_and_admins_hear_what_needs_doing_once_a_week(world):
    coordinator = profile(world, "coordinator", full_name="Cora Coordinator")
    admin = profile(
        world, "org_admin", contact_channel="post", address_line_1="1 Post Lane", postcode="TE1 1ST"
    )
    Action.objects.create(
        meeting=make_meeting(world.objects["group"], at=MONDAY - timedelta(days=20)),
        description="Book the room for the open day",
        owner_person=world.objects["person"],
        due_on=date(2027, 3, 1),
    )

    assert send_staff_digests.apply().get() >= 2
    assert staff_digests_queue() == 0  # run twice the same week: nothing more

    digest = digests_to(coordinator).get()
    assert digest.idempotency_key == f"staff-digest:2027-W11:person:{coordinator.pk}"
    assert digest.channel == "email"
    assert "Testshire Diabetes Voices is below its target size: 1 active" in digest.body_text
    assert "Book the room for the open day" in digest.body_text
    assert "was due 1 March" in digest.body_text
    assert "/profile/messages/" in digest.body_text
    assert digests_to(admin).get().channel == "post"  # the person's own channel
    # Nothing of the other organisation.
    assert "South Testshire" not in digest.body_text
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):
        assert staff_digests_queue() >= 2  # the next week, the next summary
    assert digests_to(coordinator).count() == 2


def test_nothing_to_do_means_no_message(world):
    coordinator = profile(world, "coordinator")
    group = world.objects["group"]
    group.target_min, group.target_max = 1, 14
    group.save()
    SeatFactory(body=world.objects["body"], membership=MembershipFactory(group=group))
    Notification.objects.filter(channel="post").delete()

    staff_digests_queue()

    assert not digests_to(coordinator).exists()


def test_a_coordinator_who_turned_it_off_gets_none(world):
    coordinator = profile(world, "coordinator")
    person_choose_messages(person=coordinator, wanted=[])

    staff_digests_queue()

    assert not digests_to(coordinator).exists()


def test_people_without_those_roles_get_none(world):
    staff_digests_queue()

    assert not digests_to(world.objects["person"]).exists()


def test_the_beat_runs_it():
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "involvement.send_staff_digests" in entries


def test_claims_at_risk_of_being_paid_late_are_in_it(world):
    from tests.expenses.test_home_panel import _overdue_claim

    coordinator = profile(world, "coordinator")
    claim = _overdue_claim(world)

    staff_digests_queue()

    body = digests_to(coordinator).get().body_text
    assert "Expenses at risk of being paid late:" in body
    assert f"{claim.person.display_name}, {claim.meeting.title}: waiting" in body


def test_diversity_factors_are_named_only_on_the_home_page(world):
    from involvement.models import DiversityFactor, DiversityProfile

    coordinator = profile(world, "coordinator")
    DiversityFactor.objects.create(
        group=world.objects["group"],
        name="Type 1 diabetes",
        attribute="diabetes_type",
        values=["type_1"],
    )
    DiversityProfile.objects.create(person=world.objects["person"], diabetes_type="type_1")

    staff_digests_queue()

    body = digests_to(coordinator).get().body_text
    assert "Testshire Diabetes Voices does not yet meet 1 of its diversity factor" in body
    assert "Type 1" not in body


def test_minutes_overdue_and_you_said_points_are_in_it(world):
    """The home page's "minutes to do" and "you said" panels are in the weekly
    summary too: which minutes are overdue, and how many points need doing in
    which groups (the points' own words stay on the pages)."""
    from workplans.services.feedback import feedback_record

    coordinator = profile(world, "coordinator")
    group = world.objects["group"]
    make_meeting(group, at=MONDAY - timedelta(days=10), title="February group meeting")
    feedback_record(
        group=group,
        text="The clinic letters are hard to read.",
        source="event",
        said_on=date(2026, 12, 1),
        owner=world.user("coordinator"),
    )

    staff_digests_queue()

    body = digests_to(coordinator).get().body_text
    assert "Minutes to write and corrections to answer:" in body
    assert (
        "No minutes sent yet for February group meeting (Testshire Diabetes Voices), 10 days"
        in body
    )
    assert "“You said, we did”: points that need doing:" in body
    assert "1 point past its due date with no answer" in body
    assert "In Testshire Diabetes Voices" in body
    assert "The clinic letters are hard to read." not in body
