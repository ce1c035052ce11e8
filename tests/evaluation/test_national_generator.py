"""The national-scale data generator (bench/national.py), run small."""

import hashlib
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from bench import national
from expenses.models import ExpenseClaim
from involvement.models import Membership, Person
from meetings.models import Invitation
from recruitment.models import Score, Vacancy

TODAY = date(2026, 6, 15)


class _RolledBack(Exception):
    pass


def _fingerprint() -> str:
    """The generated content, independent of primary keys (sequences move on
    after a rollback)."""
    rows = [
        *Person.objects.order_by("id").values_list("full_name", "email", "contact_channel"),
        *Membership.objects.order_by("id").values_list("group__name", "status", "induction_date"),
        *Invitation.objects.order_by("id").values_list("meeting__title", "rsvp", "attended"),
        *Vacancy.objects.order_by("id").values_list("public_id", "status", "places"),
        *Score.objects.order_by("id").values_list("application__reference", "score"),
        *ExpenseClaim.objects.order_by("id").values_list("public_id", "status"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _generate_and_roll_back(seed: int) -> tuple[dict, str, float]:
    try:
        with transaction.atomic():
            counts = national.generate(seed=seed, scale=0.02, today=TODAY, log=lambda _: None)
            past = Invitation.objects.filter(attended__isnull=False)
            attendance = past.filter(attended=True).count() / past.count()
            fingerprint = _fingerprint()
            raise _RolledBack
    except _RolledBack:
        pass
    return counts, fingerprint, attendance


@pytest.mark.django_db
def test_a_small_run_fills_every_table_and_the_same_seed_gives_the_same_rows():
    counts, fingerprint, attendance = _generate_and_roll_back(seed=1)

    assert counts["Organisation"] == 2
    assert counts["Group"] == 5
    assert counts["Membership"] >= 60
    # Five years of meetings: every group meets six to twelve times a year.
    assert 5 * 5 * 6 <= counts["Meeting"] <= 5 * 6 * 13
    assert counts["Invitation"] > counts["Meeting"] * 5
    assert 0.62 <= attendance <= 0.78
    for name in (
        "DiversityProfile",
        "Minutes",
        "MinuteEntry",
        "Action",
        "FeedbackItem",
        "FeedbackResponse",
        "WorkItem",
        "Vacancy",
        "Application",
        "Score",
        "ExpenseClaim",
        "PaymentRun",
        "Notification",
    ):
        assert counts[name] > 0, name

    assert _generate_and_roll_back(seed=1)[:2] == (counts, fingerprint)


@pytest.mark.django_db
def test_the_command_refuses_a_database_that_already_has_organisations(world):
    with pytest.raises(Exception, match="already has organisations"):
        call_command("generate_national", "--scale", "0.02")
