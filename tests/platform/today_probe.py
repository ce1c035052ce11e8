"""Run only by tests/platform/test_today_switch.py, in a pytest of its own with
INVOLVE_TEST_TODAY=2028-02-29 (its name keeps it out of the normal run)."""

import datetime
import time

import pytest
from django.utils import timezone

from involvement.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_every_clock_in_the_session_reads_the_chosen_day():
    assert datetime.date.today() == datetime.date(2028, 2, 29)
    assert timezone.localdate() == datetime.date(2028, 2, 29)
    assert 10 <= timezone.localtime().hour < 11  # from 10:00, ticking on
    assert time.localtime().tm_mday == 29
    user = UserFactory()
    stored = User.objects.get(pk=user.pk).date_joined
    assert timezone.localtime(stored).date() == datetime.date(2028, 2, 29)
