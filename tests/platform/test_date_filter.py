"""Our `date` filter (involvement.templatetags.nhsuk) writes exactly what Django's does."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as django_date
from django.utils import timezone

from involvement.templatetags.nhsuk import _DATE_FORMATS

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _values():
    start = datetime.date(2024, 1, 1)
    for offset in range(0, 3 * 366, 5):  # every month and weekday, a leap year
        day = start + datetime.timedelta(days=offset)
        yield day
        yield datetime.datetime(day.year, day.month, day.day, 23, 30, tzinfo=datetime.UTC)
    yield datetime.date(812, 3, 9)  # a year of fewer than four digits
    yield datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC)  # clocks change


@pytest.mark.parametrize("fmt", sorted(_DATE_FORMATS))
def test_each_quick_format_is_djangos(fmt):
    template = Template("{{ value|date:fmt }}")
    for value in _values():
        local = timezone.localtime(value, LONDON) if isinstance(value, datetime.datetime) else value
        expected = django_date(local, fmt)
        assert template.render(Context({"value": value, "fmt": fmt})) == expected, value


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ('{{ value|date:"Y-m-d" }}', datetime.date(2026, 12, 7), "2026-12-07"),
        ('{{ value|date:"j F Y" }}', None, ""),
        ('{{ value|date:"j F Y" }}', "", ""),
        ('{{ value|date:"j F Y" }}', "not a date", ""),
        ("{{ value|date }}", datetime.date(2026, 12, 7), django_date(datetime.date(2026, 12, 7))),
    ],
)
def test_other_formats_and_values_are_djangos(source, value, expected):
    assert Template(source).render(Context({"value": value})) == expected
