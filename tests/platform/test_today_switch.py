"""INVOLVE_TEST_TODAY runs the whole suite as if "today" were another day."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import session_today_from

LONDON = ZoneInfo("Europe/London")
ROOT = Path(__file__).resolve().parents[2]


def test_a_date_means_ten_in_the_morning_in_london():
    assert session_today_from("2028-02-29") == datetime.datetime(2028, 2, 29, 10, tzinfo=LONDON)


def test_a_date_and_time_is_read_as_london_time():
    moment = session_today_from("2027-03-28T00:30")
    assert moment == datetime.datetime(2027, 3, 28, 0, 30, tzinfo=LONDON)
    assert moment.utcoffset() == datetime.timedelta(0)  # before the clocks go forward


def test_anything_else_is_refused_with_an_example():
    with pytest.raises(pytest.UsageError) as refused:
        session_today_from("29/02/2028")
    assert "like 2028-02-29" in str(refused.value)
    assert "'29/02/2028'" in str(refused.value)


def test_the_whole_session_runs_on_the_chosen_day():
    """A pytest of its own (SQLite, no migrations, so it never touches this
    run's test database) whose probe checks the clocks it can see."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "PYTEST_ADDOPTS")
    }
    env["INVOLVE_TEST_TODAY"] = "2028-02-29"
    result = subprocess.run(  # noqa: S603 (our own interpreter and test file)
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/platform/today_probe.py",
            "-p",
            "no:cacheprovider",
            "--no-migrations",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "INVOLVE_TEST_TODAY: running as if it were Tuesday 29 February 2028 10:" in (
        result.stdout
    )
