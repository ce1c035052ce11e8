"""Generating a group's next meetings from its cadence."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from meetings.models import Meeting
from meetings.services.meetings import add_months, meeting_generate_from_cadence
from tests.factories import GroupFactory

from ._scheduling import LONDON, make_venue, next_year

pytestmark = pytest.mark.calendar_sensitive


def _generate(group, first, *, at=time(19, 0), **kwargs):
    kwargs.setdefault("venue", make_venue(group.organisation))
    return meeting_generate_from_cadence(
        group=group, first_date=first, start_time=at, duration=timedelta(hours=2), **kwargs
    )


def _local(meetings):
    return [m.starts_at.astimezone(LONDON) for m in meetings]


@pytest.mark.django_db
def test_monthly_generates_six_meetings_on_the_same_day_and_wall_clock_time():
    group = GroupFactory(cadence="monthly")
    year = next_year()
    meetings = _generate(group, date(year, 1, 15))

    starts = _local(meetings)
    assert [s.date() for s in starts] == [date(year, m, 15) for m in range(1, 7)]
    assert {s.time() for s in starts} == {time(19, 0)}
    assert Meeting.objects.filter(group=group).count() == 6


@pytest.mark.django_db
def test_monthly_from_the_31st_uses_the_last_day_of_shorter_months_and_returns_to_the_31st():
    group = GroupFactory(cadence="monthly")
    year = next_year()
    days = [s.date() for s in _local(_generate(group, date(year, 1, 31)))]

    february_end = 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28
    assert days == [
        date(year, 1, 31),
        date(year, 2, february_end),
        date(year, 3, 31),
        date(year, 4, 30),
        date(year, 5, 31),
        date(year, 6, 30),
    ]


def test_add_months_crosses_the_year_end():
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


@pytest.mark.django_db
def test_six_weekly_keeps_the_local_time_across_the_march_and_october_clock_changes():
    group = GroupFactory(cadence="six_weekly")
    # Planned on 1 September 2026, from Sunday 11 October: the series crosses
    # the October change (Sunday 25 October 2026, clocks go back) and meets on
    # the Sunday of the March change (28 March 2027, clocks go forward at 01:00).
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=LONDON)):
        meetings = _generate(group, date(2026, 10, 11), at=time(18, 30))
    starts = _local(meetings)

    assert [s.date() for s in starts] == [
        date(2026, 10, 11),
        date(2026, 11, 22),
        date(2027, 1, 3),
        date(2027, 2, 14),
        date(2027, 3, 28),
        date(2027, 5, 9),
    ]
    # The same time on the clock in London every time...
    assert {s.time() for s in starts} == {time(18, 30)}
    # ...which is an hour earlier in UTC in summer time (BST) than in winter (GMT).
    assert [s.utcoffset() for s in starts] == [timedelta(hours=h) for h in (1, 0, 0, 0, 1, 1)]
    assert [m.starts_at.astimezone(UTC).time() for m in meetings] == [
        time(17, 30),
        time(18, 30),
        time(18, 30),
        time(18, 30),
        time(17, 30),
        time(17, 30),
    ]
    # Each meeting still lasts two hours.
    assert {m.ends_at - m.starts_at for m in meetings} == {timedelta(hours=2)}


@pytest.mark.django_db
def test_bi_monthly_steps_two_months_and_keeps_the_time_after_october():
    group = GroupFactory(cadence="bi_monthly")
    year = next_year()
    meetings = _generate(group, date(year, 8, 31), at=time(10, 0))
    starts = _local(meetings)

    assert [s.date() for s in starts] == [
        date(year, 8, 31),
        date(year, 10, 31),
        date(year, 12, 31),
        date(year + 1, 2, 28 if (year + 1) % 4 else 29),
        date(year + 1, 4, 30),
        date(year + 1, 6, 30),
    ]
    assert {s.time() for s in starts} == {time(10, 0)}


@pytest.mark.django_db
def test_custom_weeks_and_continuing_after_the_last_meeting():
    group = GroupFactory(cadence="custom", cadence_weeks=3)
    year = next_year()
    first = _generate(group, date(year, 3, 1), at=time(14, 0))
    more = _generate(group, None, at=time(14, 0))

    assert _local(more)[0].date() == _local(first)[-1].date() + timedelta(weeks=3)
    assert Meeting.objects.filter(group=group).count() == 12


@pytest.mark.django_db
def test_induction_and_reflective_review_meetings_are_generated_with_their_kind():
    group = GroupFactory(cadence="monthly")
    year = next_year()
    inductions = _generate(group, date(year, 1, 5), kind="induction")
    reviews = _generate(group, date(year, 1, 20), kind="reflective_review")

    assert {m.kind for m in inductions} == {"induction"}
    assert {m.kind for m in reviews} == {"reflective_review"}
    assert "induction" in inductions[0].title.lower()


@pytest.mark.django_db
def test_a_clash_anywhere_in_the_series_creates_none_and_names_the_date():
    group = GroupFactory(cadence="monthly")
    year = next_year()
    _generate(group, date(year, 3, 15))

    with pytest.raises(ValidationError) as refused:
        _generate(group, date(year, 1, 15))

    assert "15 March" in str(refused.value.message_dict["first_date"])
    assert "overlaps" in str(refused.value.message_dict["first_date"])
    assert Meeting.objects.filter(group=group).count() == 6


@pytest.mark.django_db
def test_generating_without_a_first_date_for_a_group_with_no_meetings_says_what_to_enter():
    group = GroupFactory(cadence="monthly")
    with pytest.raises(ValidationError) as refused:
        _generate(group, None)
    assert "Enter the date of the first meeting" in str(refused.value)
