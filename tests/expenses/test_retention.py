"""Claims and receipts past HMRC's six years: the daily retention task
deletes a claim (costs, receipts and their files, history) once the tax year
it was paid in (or made in, if never paid) ended more than six years ago,
and a payment run left with no claim; the organisation's log says how many."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from expenses.models import ClaimEvent, ClaimLine, ExpenseClaim, PaymentRun, Receipt
from expenses.retention import retention_cutoff, tax_year_end
from involvement.models import AuditEntry
from involvement.services.privacy import privacy_retention_apply
from tests.access.expenses_admin import add_receipt, make_claim, make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

D = datetime.date


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (D(2019, 4, 5), D(2019, 4, 5)),
        (D(2019, 4, 6), D(2020, 4, 5)),
        (D(2020, 1, 31), D(2020, 4, 5)),
    ],
)
def test_a_day_belongs_to_the_tax_year_ending_on_the_next_5_april(day, end):
    assert tax_year_end(day) == end


@pytest.mark.parametrize(
    ("today", "cutoff"),
    [
        # Six years after the tax year ending 5 April 2020 is 5 April 2026.
        (D(2026, 4, 5), D(2020, 4, 5)),
        (D(2026, 4, 4), D(2019, 4, 5)),
        (D(2026, 12, 7), D(2020, 4, 5)),
        (D(2028, 2, 29), D(2021, 4, 5)),
    ],
)
def test_the_cutoff_is_the_last_tax_year_ended_six_years_ago(today, cutoff):
    assert retention_cutoff(today) == cutoff


def _paid_claim(world, paid_on: datetime.date) -> ExpenseClaim:
    claim = make_claim(
        world.objects["person"],
        make_meeting(world.objects["group"]),
        status="paid",
        approved_by=world.user("coordinator"),
    )
    run = PaymentRun.objects.create(
        organisation=world.organisation,
        paid_on=paid_on,
        method="bank_transfer",
        created_by=world.user("finance"),
        reference=f"Run {paid_on}",
    )
    ExpenseClaim.objects.filter(pk=claim.pk).update(paid_on=paid_on, payment_run=run)
    ClaimEvent.objects.create(claim=claim, from_status="approved", to_status="paid")
    add_receipt(claim.lines.first())
    return claim


def test_claims_past_six_years_are_deleted_with_receipts_and_empty_runs(
    world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    old = _paid_claim(world, retention_cutoff(today) - datetime.timedelta(days=30))
    recent = _paid_claim(world, retention_cutoff(today) + datetime.timedelta(days=1))
    old_file = Receipt.objects.get(line__claim=old).file
    storage, name = old_file.storage, old_file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        removed = privacy_retention_apply()

    assert removed["expenses.claims"] == 1
    assert removed["expenses.receipts"] == 1
    assert removed["expenses.payment_runs"] == 1
    assert not ExpenseClaim.objects.filter(pk=old.pk).exists()
    assert not ClaimLine.objects.filter(claim_id=old.pk).exists()
    assert not ClaimEvent.objects.filter(claim_id=old.pk).exists()
    assert not storage.exists(name), "the receipt's file is gone too"
    assert ExpenseClaim.objects.filter(pk=recent.pk).exists()
    assert Receipt.objects.filter(line__claim=recent).exists()
    assert PaymentRun.objects.count() == 1
    (entry,) = AuditEntry.objects.filter(
        action="retention_applied", organisation=world.organisation
    )
    assert entry.detail["claims"] == 1


def test_nothing_within_six_years_is_touched(world):
    _paid_claim(world, timezone.localdate())
    removed = privacy_retention_apply()
    assert removed["expenses.claims"] == 0
    assert ExpenseClaim.objects.count() == 1
