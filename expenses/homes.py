"""What expenses adds to staff home pages (see involvement.home_panels): claims
at risk of being paid late, claims to approve, and, for finance, claims to pay."""

from django.db.models import Count, Min

from involvement.models import Organisation

from .models import ExpenseClaim
from .selectors.prompt import claims_at_risk_first

SHOWN = 5


def claims_at_risk_panel(*, user, organisation_ids) -> dict | None:
    """Claims close to or past the organisation's prompt-payment target."""
    at_risk, count = claims_at_risk_first(
        organisations=Organisation.objects.filter(id__in=organisation_ids), shown=SHOWN
    )
    if not count:
        return None
    return {"at_risk": at_risk, "count": count, "more": count > SHOWN}


def claims_at_risk_digest_section(*, organisation_ids, today):
    """For the coordinators' weekly summary (involvement.digest_sections):
    how many claims are close to or past the prompt-payment target, as the
    home page's panel says."""
    from involvement.digest_sections import DigestSection

    at_risk, count = claims_at_risk_first(
        organisations=Organisation.objects.filter(id__in=organisation_ids),
        shown=SHOWN,
        today=today,
    )
    if not count:
        return None
    section = DigestSection(heading="Expenses at risk of being paid late")
    for item in at_risk:
        claim = item.claim
        section.lines.append(
            f"{claim.person.display_name}, {claim.meeting.title}: waiting {item.waited} "
            f"working day{'s' if item.waited != 1 else ''} (target {item.target})"
        )
    if count > len(at_risk):
        section.lines.append(f"and {count - len(at_risk)} more")
    return section


def _claim_counts(organisation_ids) -> dict[str, dict]:
    """For each status waiting on staff (approval, payment): how many claims
    and since when, in one query however many claims there are."""
    rows = (
        ExpenseClaim.objects.filter(
            organisation_id__in=organisation_ids,
            status__in=[ExpenseClaim.Status.SUBMITTED, ExpenseClaim.Status.APPROVED],
        )
        .values("status")
        .annotate(n=Count("id"), oldest=Min("submitted_at"))
        .order_by()
    )
    return {row["status"]: row for row in rows}


def claims_to_approve_panel(*, user, organisation_ids) -> dict | None:
    """For approvers (coordinators, organisation admins): claims waiting for a
    decision, and how long the oldest has waited."""
    counts = _claim_counts(organisation_ids).get(ExpenseClaim.Status.SUBMITTED)
    if not counts:
        return None
    return {"count": counts["n"], "oldest": counts["oldest"]}


def claims_to_pay_panel(*, user, organisation_ids) -> dict | None:
    """For finance: approved claims waiting to be paid, and claims still
    waiting for an approver (so finance knows what is coming)."""
    counts = _claim_counts(organisation_ids)
    to_pay = counts.get(ExpenseClaim.Status.APPROVED)
    to_approve = counts.get(ExpenseClaim.Status.SUBMITTED)
    if not (to_pay or to_approve):
        return None
    return {
        "to_pay": to_pay["n"] if to_pay else 0,
        "to_approve": to_approve["n"] if to_approve else 0,
        "oldest_to_approve": to_approve["oldest"] if to_approve else None,
    }
