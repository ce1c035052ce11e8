"""Decision-making bodies and representative seats: the rules in the services."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import DecisionMakingBody, Membership, RepresentativeSeat
from involvement.selectors.bodies import body_list_visible_to
from involvement.services.bodies import body_create, body_update, seat_appoint, seat_end
from tests.factories import (
    BodyFactory,
    GroupFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _field_errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


@pytest.fixture
def body(db):
    return BodyFactory(name="Foot Care Pathway Redesign Group")


@pytest.fixture
def member(body):
    group = GroupFactory(organisation=body.organisation)
    return MembershipFactory(group=group, status=Membership.Status.ACTIVE)


# --- appointing -------------------------------------------------------------


def test_an_active_member_of_the_organisations_group_is_appointed(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY)

    assert seat.body == body and seat.membership == member
    assert seat.term_end is None


def test_a_member_of_another_organisations_group_is_refused(body):
    outsider = MembershipFactory(group=GroupFactory(), status=Membership.Status.ACTIVE)

    with pytest.raises(ValidationError) as excinfo:
        seat_appoint(body=body, membership=outsider, term_start=TODAY)

    message = _field_errors(excinfo)["membership"][0]
    assert "is not a member of any of" in message
    assert str(body.organisation) in message
    assert not RepresentativeSeat.objects.exists()


@pytest.mark.parametrize(
    "status",
    [
        Membership.Status.SELECTED,
        Membership.Status.INDUCTED,
        Membership.Status.PAUSED,
        Membership.Status.LEFT,
    ],
)
def test_a_member_who_is_not_active_is_refused(body, member, status):
    member.status = status
    member.save()

    with pytest.raises(ValidationError) as excinfo:
        seat_appoint(body=body, membership=member, term_start=TODAY)

    message = _field_errors(excinfo)["membership"][0]
    assert "not an active member" in message
    assert "Only active members can be appointed" in message


def test_a_term_that_ends_before_it_starts_is_refused(body, member):
    with pytest.raises(ValidationError) as excinfo:
        seat_appoint(body=body, membership=member, term_start=TODAY, term_end=TODAY - DAY)

    assert "same as or after its start" in _field_errors(excinfo)["term_end"][0]


def test_a_one_day_term_is_allowed(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY, term_end=TODAY)
    assert seat.pk


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        # (start, end) offsets in days from today; None = open-ended
        pytest.param((0, None), (30, None), id="open-ended existing, later open-ended new"),
        pytest.param((0, None), (30, 60), id="open-ended existing, later bounded new"),
        pytest.param((30, 60), (0, None), id="bounded existing, earlier open-ended new"),
        pytest.param((0, 30), (30, 90), id="new starts on the day the old one ends"),
        pytest.param((10, 20), (0, 90), id="new surrounds the old one"),
        pytest.param((0, 90), (10, 20), id="new inside the old one"),
        pytest.param((-90, None), (-200, -90), id="new ends on the day the old one starts"),
    ],
)
def test_overlapping_terms_for_one_person_on_one_body_are_refused(body, member, existing, new):
    def days(offset):
        return None if offset is None else TODAY + offset * DAY

    seat_appoint(
        body=body, membership=member, term_start=days(existing[0]), term_end=days(existing[1])
    )

    with pytest.raises(ValidationError) as excinfo:
        seat_appoint(body=body, membership=member, term_start=days(new[0]), term_end=days(new[1]))

    message = _field_errors(excinfo)["term_start"][0]
    assert "already has a seat on" in message
    assert "cannot overlap" in message
    assert RepresentativeSeat.objects.count() == 1


def test_terms_that_follow_each_other_without_overlap_are_allowed(body, member):
    seat_appoint(body=body, membership=member, term_start=TODAY - 90 * DAY, term_end=TODAY - DAY)
    seat_appoint(body=body, membership=member, term_start=TODAY, term_end=None)

    assert RepresentativeSeat.objects.filter(membership=member).count() == 2


def test_one_person_through_two_groups_still_cannot_overlap(body, member):
    second_group = GroupFactory(organisation=body.organisation)
    same_person_elsewhere = MembershipFactory(
        group=second_group, person=member.person, status=Membership.Status.ACTIVE
    )
    seat_appoint(body=body, membership=member, term_start=TODAY)

    with pytest.raises(ValidationError):
        seat_appoint(body=body, membership=same_person_elsewhere, term_start=TODAY + 10 * DAY)


def test_two_people_may_sit_on_one_body_at_the_same_time(body, member):
    other = MembershipFactory(group=member.group, status=Membership.Status.ACTIVE)
    seat_appoint(body=body, membership=member, term_start=TODAY)
    seat_appoint(body=body, membership=other, term_start=TODAY)

    assert body_list_visible_to_all(body).current_representatives == 2


def test_one_person_may_sit_on_two_bodies_at_the_same_time(body, member):
    board = BodyFactory(organisation=body.organisation, name="Diabetes Network Board")
    seat_appoint(body=body, membership=member, term_start=TODAY)
    seat_appoint(body=board, membership=member, term_start=TODAY)

    assert RepresentativeSeat.objects.filter(membership=member).count() == 2


def body_list_visible_to_all(body):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    return body_list_visible_to(user=admin).get(pk=body.pk)


@pytest.mark.django_db(transaction=True)
def test_two_appointments_at_once_cannot_both_create_overlapping_terms(monkeypatch):
    """The body row is locked for the check-then-insert: the second appointment
    waits for the first and then sees its seat. The check is slowed down so
    that, without the lock, both would pass it before either inserted."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks (SELECT ... FOR UPDATE) need PostgreSQL")
    body = BodyFactory()
    member = MembershipFactory(
        group=GroupFactory(organisation=body.organisation), status=Membership.Status.ACTIVE
    )
    original_full_clean = RepresentativeSeat.full_clean

    def slow_full_clean(self, *args, **kwargs):
        import time

        time.sleep(0.5)
        return original_full_clean(self, *args, **kwargs)

    monkeypatch.setattr(RepresentativeSeat, "full_clean", slow_full_clean)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def appoint(start):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            seat_appoint(body=body, membership=member, term_start=start)
            outcomes.append("appointed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=appoint, args=(TODAY,)),
        threading.Thread(target=appoint, args=(TODAY + 5 * DAY,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["appointed", "refused"]
    assert RepresentativeSeat.objects.filter(body=body).count() == 1


# --- ending a seat ----------------------------------------------------------


def test_ending_a_seat_sets_the_end_of_term_and_the_reason(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY - 30 * DAY)

    seat_end(seat=seat, end_date=TODAY, reason="Stepped down to care for a relative")

    seat.refresh_from_db()
    assert seat.term_end == TODAY
    assert seat.ended_reason == "Stepped down to care for a relative"


def test_a_seat_cannot_end_before_its_term_starts(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY)

    with pytest.raises(ValidationError) as excinfo:
        seat_end(seat=seat, end_date=TODAY - DAY, reason="Mistake")

    assert "on or after the start of the term" in _field_errors(excinfo)["end_date"][0]


def test_ending_a_seat_needs_a_reason(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY)

    with pytest.raises(ValidationError) as excinfo:
        seat_end(seat=seat, end_date=TODAY, reason="   ")

    assert _field_errors(excinfo)["reason"] == ["Enter why the seat is ending."]


def test_a_seat_cannot_be_extended_by_ending_it(body, member):
    seat = seat_appoint(body=body, membership=member, term_start=TODAY, term_end=TODAY + 10 * DAY)

    with pytest.raises(ValidationError) as excinfo:
        seat_end(seat=seat, end_date=TODAY + 20 * DAY, reason="Longer")

    assert "already ends on" in _field_errors(excinfo)["end_date"][0]


def test_a_seat_that_has_already_ended_cannot_be_ended_again(body, member):
    seat = SeatFactory(
        body=body, membership=member, term_start=TODAY - 60 * DAY, term_end=TODAY - 30 * DAY
    )

    with pytest.raises(ApplicationError, match="already ended"):
        seat_end(seat=seat, end_date=TODAY - 40 * DAY, reason="Again")


# --- bodies -----------------------------------------------------------------


def test_a_body_is_created_in_its_organisation():
    organisation = OrganisationFactory()

    body = body_create(
        organisation=organisation,
        name="  Diabetes Network Board ",
        level=DecisionMakingBody.Level.EXECUTIVE,
        meeting_pattern="Every two months",
    )

    assert body.organisation == organisation
    assert body.name == "Diabetes Network Board"


def test_two_bodies_of_one_organisation_cannot_share_a_name(body):
    with pytest.raises(ValidationError) as excinfo:
        body_create(organisation=body.organisation, name=body.name.upper(), level="clinical")

    assert "already has a body called" in _field_errors(excinfo)["name"][0]


def test_another_organisation_may_use_the_same_name(body):
    assert body_create(organisation=OrganisationFactory(), name=body.name, level="clinical")


def test_an_unknown_level_is_refused(body):
    with pytest.raises(ValidationError) as excinfo:
        body_update(body=body, level="galactic")

    assert "level" in _field_errors(excinfo)


def test_updating_a_body_changes_only_what_changed(body):
    body_update(body=body, meeting_pattern="Monthly", remit="Foot care pathway")

    body.refresh_from_db()
    assert (body.meeting_pattern, body.remit) == ("Monthly", "Foot care pathway")
