"""Claims and receipts past HMRC's six years.

Financial records are kept for six years after the end of the UK tax year
(6 April to 5 April) they belong to: a claim belongs to the tax year of the
day it was paid (or, never paid, of the day it was made). Once that tax
year ended more than six years ago, the daily retention task
(involvement.services.privacy.privacy_retention_apply, through
involvement.personal_data.register_retention) deletes the claim with its
costs, receipts (files too) and history, and any payment run left empty.
Each organisation's audit log says how many."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from involvement import audit
from involvement.models import Organisation

from .models import ClaimEvent, ExpenseClaim, PaymentRun, Receipt

HMRC_YEARS = 6


def tax_year_end(day: datetime.date) -> datetime.date:
    """The last day (5 April) of the UK tax year that ``day`` is in."""
    end = datetime.date(day.year, 4, 5)
    return end if day <= end else datetime.date(day.year + 1, 4, 5)


def retention_cutoff(today: datetime.date) -> datetime.date:
    """Claims of a tax year ending on or before this day are past the six
    years: the latest 5 April at least six years before today."""
    try:
        six_years_ago = today.replace(year=today.year - HMRC_YEARS)
    except ValueError:  # 29 February
        six_years_ago = today.replace(year=today.year - HMRC_YEARS, day=28)
    end = datetime.date(six_years_ago.year, 4, 5)
    return end if six_years_ago >= end else datetime.date(six_years_ago.year - 1, 4, 5)


def expired_claims(*, today: datetime.date):
    cutoff = retention_cutoff(today)
    # The day after the cutoff, at midnight local time: created before it.
    start_of_next = timezone.make_aware(
        datetime.datetime.combine(cutoff + datetime.timedelta(days=1), datetime.time())
    )
    return ExpenseClaim.objects.filter(
        Q(paid_on__isnull=False, paid_on__lte=cutoff)
        | Q(paid_on__isnull=True, created_at__lt=start_of_next)
    )


@transaction.atomic
def claims_retention_apply(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    claims = list(expired_claims(today=today).values_list("pk", "organisation_id"))
    claim_ids = [pk for pk, _ in claims]
    receipts = list(Receipt.objects.filter(line__claim_id__in=claim_ids))
    for receipt in receipts:
        # The file goes once the row does (a rollback would keep both).
        transaction.on_commit(lambda f=receipt.file: f.delete(save=False) if f else None)
    run_ids = set(
        ExpenseClaim.objects.filter(pk__in=claim_ids, payment_run__isnull=False).values_list(
            "payment_run_id", flat=True
        )
    )
    ClaimEvent.objects.filter(claim_id__in=claim_ids).delete()
    ExpenseClaim.objects.filter(pk__in=claim_ids).delete()
    empty_runs = list(
        PaymentRun.objects.filter(pk__in=run_ids)
        .annotate(left=Count("claims"))
        .filter(left=0)
        .values_list("pk", flat=True)
    )
    PaymentRun.objects.filter(pk__in=empty_runs).delete()
    by_organisation: dict[int, int] = {}
    for _, organisation_id in claims:
        by_organisation[organisation_id] = by_organisation.get(organisation_id, 0) + 1
    for organisation_id, count in sorted(by_organisation.items()):
        audit.record(
            action=audit.Action.RETENTION_APPLIED,
            organisation=Organisation(pk=organisation_id),
            summary=f"{count} expense claims past six years",
            detail={
                "removed": "expense claims, receipts and payment runs",
                "claims": count,
                "tax_years_ending_by": retention_cutoff(today).isoformat(),
            },
        )
    return {"claims": len(claim_ids), "receipts": len(receipts), "payment_runs": len(empty_runs)}
