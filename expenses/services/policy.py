"""The payment policy: what an organisation pays for involvement, and the
computations every claim relies on (involvement payment due, mileage, totals,
policy warnings). The computations are pure (no database), take Decimals and
give Decimals in pounds with pence, never floats; policy edits are services."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.models import Organisation
from involvement.money import money as format_money
from meetings.models.core import MeetingKind

from ..models import LineKind, PaymentChoice, PaymentMode, PaymentPolicy, PaymentRule, RoleLevel

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
# Meetings a person may claim for once they have attended.
CLAIMABLE_KINDS = (
    MeetingKind.GROUP,
    MeetingKind.BOARD,
    MeetingKind.PRE_MEETING,
    MeetingKind.INDUCTION,
    MeetingKind.TRAINING,
    MeetingKind.WORKSHOP,
)


def pounds(value) -> Decimal:
    """A money amount rounded to the penny, half up (never banker's rounding)."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> str:
    return format_money(value)


def meeting_hours(starts_at: datetime.datetime, ends_at: datetime.datetime) -> Decimal:
    """A meeting's length in hours, to the hundredth (1 h 20 min → 1.33)."""
    seconds = int((ends_at - starts_at).total_seconds())
    return (Decimal(seconds) / Decimal(3600)).quantize(PENNY, rounding=ROUND_HALF_UP)


def mileage_amount(miles: Decimal, rate: Decimal) -> Decimal:
    """Miles × the organisation's rate, to the penny, half up."""
    return pounds(Decimal(miles) * Decimal(rate))


@dataclass(frozen=True)
class PaymentDue:
    amount: Decimal
    basis: str


def rule_payment(rule: PaymentRule | None, hours: Decimal) -> PaymentDue:
    """What one rule pays for an activity of `hours` (before the person's choice)."""
    if rule is None or rule.mode == PaymentMode.NONE:
        return PaymentDue(ZERO, "No involvement payment for this kind of meeting")
    preparation = rule.preparation_fee or ZERO
    extra = f" plus {money(preparation)} for preparation" if preparation else ""
    if rule.mode == PaymentMode.PER_HOUR:
        amount = pounds(rule.hourly_rate * hours) + preparation
        basis = f"{hours.normalize():f} hours at {money(rule.hourly_rate)} an hour{extra}"
    elif rule.mode == PaymentMode.HALF_FULL_DAY:
        if hours >= rule.full_day_from_hours:
            amount = pounds(rule.full_day_rate) + preparation
            basis = f"Full-day rate ({rule.full_day_from_hours.normalize():f} hours or more){extra}"
        else:
            amount = pounds(rule.half_day_rate) + preparation
            basis = (
                f"Half-day rate (shorter than {rule.full_day_from_hours.normalize():f} hours)"
                f"{extra}"
            )
    else:
        amount = pounds(rule.fixed_fee) + preparation
        basis = f"Fixed fee{extra}"
    return PaymentDue(pounds(amount), basis)


def strategic_rule(policy: PaymentPolicy, activity: str) -> PaymentRule:
    """The policy's strategic rate as a rule (not saved): what a representative
    is paid when no rule for strategic roles covers the activity."""
    return PaymentRule(
        role_level=RoleLevel.STRATEGIC,
        activity=activity,
        mode=PaymentMode.PER_HOUR,
        hourly_rate=policy.strategic_hourly_rate,
    )


def choose_rule(
    rules: Iterable[PaymentRule], *, level: str, activity: str, policy: PaymentPolicy | None = None
) -> PaymentRule | None:
    """The rule for this level and activity. A representative in a strategic
    role (a board meeting, its briefing meeting) without a strategic rule for
    it is paid by a representatives' rule, else at the policy's strategic
    rate; a representative without a rule of their own is paid as a member."""
    by_key = {(rule.role_level, rule.activity): rule for rule in rules}
    found = by_key.get((level, activity))
    if found is None and level == RoleLevel.STRATEGIC:
        found = by_key.get((RoleLevel.REPRESENTATIVE, activity))
        if found is None and policy is not None:
            found = strategic_rule(policy, activity)
    if found is None and level != RoleLevel.MEMBER:
        found = by_key.get((RoleLevel.MEMBER, activity))
    return found


def involvement_payment_due(
    *,
    rules: Iterable[PaymentRule],
    level: str,
    activity: str,
    hours: Decimal,
    choice: str | None,
    policy: PaymentPolicy | None = None,
    debrief: bool = False,
) -> PaymentDue:
    """The involvement payment due, respecting the person's choice: accept (or
    no choice made yet) pays; expenses only or decline pays nothing.
    `debrief`: the representative wrote the board meeting's debrief, paid as
    the policy's debrief hours at the strategic rate."""
    if choice in (PaymentChoice.EXPENSES_ONLY, PaymentChoice.DECLINE):
        return PaymentDue(ZERO, "You chose not to receive involvement payments")
    due = rule_payment(choose_rule(rules, level=level, activity=activity, policy=policy), hours)
    if debrief and policy is not None and policy.debrief_hours:
        rate, debrief_hours = policy.strategic_hourly_rate, policy.debrief_hours
        extra = pounds(rate * debrief_hours)
        due = PaymentDue(
            pounds(due.amount + extra),
            f"{due.basis}, plus {debrief_hours.normalize():f} hours for the debrief at "
            f"{money(rate)} an hour",
        )
    return due


def expenses_total(lines: Iterable) -> Decimal:
    return pounds(sum((Decimal(line.amount) for line in lines), ZERO))


def claim_total(lines: Iterable, involvement_payment: Decimal) -> Decimal:
    return pounds(expenses_total(lines) + Decimal(involvement_payment))


def receipt_needed(line, policy: PaymentPolicy) -> bool:
    if line.kind in (policy.receipt_always_for or []):
        return True
    if line.kind == LineKind.MILEAGE:
        return False
    return Decimal(line.amount) > policy.receipt_required_over


def policy_warnings(*, lines: list, policy: PaymentPolicy, receipts_by_line=None) -> list[str]:
    """Plain-English warnings for the approver and the claimant. They never
    reject a claim: a person decides. `receipts_by_line` maps a line to its
    number of receipts (defaults to the prefetched `line.receipts`)."""
    warnings = []
    for line in lines:
        label = line.get_kind_display().lower() if hasattr(line, "get_kind_display") else line.kind
        count = (
            receipts_by_line.get(line, 0)
            if receipts_by_line is not None
            else len(line.receipts.all())
        )
        if receipt_needed(line, policy) and count == 0:
            warnings.append(
                f"The {label} of {money(line.amount)} needs a receipt, and there is none yet."
            )
        if (
            line.kind == LineKind.MILEAGE
            and line.miles is not None
            and Decimal(line.miles) > policy.mileage_warning_miles
        ):
            warnings.append(
                f"The journey of {Decimal(line.miles).normalize():f} miles is longer than "
                f"{policy.mileage_warning_miles.normalize():f} miles."
            )
        if line.kind == LineKind.TAXI and not (line.reason or "").strip():
            warnings.append("The taxi has no reason given (for example, access needs).")
    if policy.claim_cap is not None:
        total = expenses_total(lines)
        if total > policy.claim_cap:
            warnings.append(
                f"The expenses come to {money(total)}, more than the usual limit of "
                f"{money(policy.claim_cap)}."
            )
    return warnings


def tax_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The UK tax year containing `day`: 6 April to 5 April."""
    start_year = day.year if day >= datetime.date(day.year, 4, 6) else day.year - 1
    return datetime.date(start_year, 4, 6), datetime.date(start_year + 1, 4, 5)


# ---------------------------------------------------------------------------
# Writes: the policy and its rules (the organisation's admin).
# ---------------------------------------------------------------------------

POLICY_FIELDS = [
    "mileage_rate",
    "mileage_warning_miles",
    "receipt_required_over",
    "receipt_always_for",
    "claim_cap",
    "payroll_for_involvement_payments",
    "target_working_days",
    "strategic_hourly_rate",
    "debrief_hours",
    "benefits_advice",
]
RULE_FIELDS = [
    "role_level",
    "activity",
    "mode",
    "hourly_rate",
    "half_day_rate",
    "full_day_rate",
    "full_day_from_hours",
    "fixed_fee",
    "preparation_fee",
]


def policy_for(organisation: Organisation) -> PaymentPolicy:
    """The organisation's policy, or the default one (unsaved) if none yet."""
    try:
        return organisation.payment_policy
    except PaymentPolicy.DoesNotExist:
        return PaymentPolicy(organisation=organisation)


@transaction.atomic
def policy_update(*, organisation: Organisation, updated_by=None, **values) -> PaymentPolicy:
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown policy fields: {sorted(unknown)}")
    policy = PaymentPolicy.objects.select_for_update().filter(organisation=organisation).first()
    if policy is None:
        policy = PaymentPolicy(organisation=organisation)
    for name, value in values.items():
        setattr(policy, name, value)
    kinds = policy.receipt_always_for or []
    if any(kind not in LineKind.values for kind in kinds):
        raise ValidationError({"receipt_always_for": "Choose kinds of cost from the list"})
    policy.updated_by = updated_by
    policy.full_clean()
    policy.save()
    return policy


def _rule_errors(rule: PaymentRule) -> dict:
    needed = {
        PaymentMode.PER_HOUR: {"hourly_rate": "Enter the hourly rate, like 13.85"},
        PaymentMode.HALF_FULL_DAY: {
            "half_day_rate": "Enter the half-day rate, like 75.00",
            "full_day_rate": "Enter the full-day rate, like 150.00",
            "full_day_from_hours": "Enter the hours from which the full-day rate is paid, like 4",
        },
        PaymentMode.FIXED_FEE: {"fixed_fee": "Enter the fee, like 25.00"},
    }.get(rule.mode, {})
    errors = {name: message for name, message in needed.items() if getattr(rule, name) is None}
    for name in RULE_FIELDS[3:]:
        value = getattr(rule, name)
        if value is not None and value < 0:
            errors[name] = "Enter an amount of 0 or more"
    return errors


@transaction.atomic
def payment_rule_save(
    *, policy: PaymentPolicy, rule: PaymentRule | None = None, **values
) -> PaymentRule:
    """Add or change the rule for one role level and kind of activity."""
    if policy.pk is None:
        policy.full_clean()
        policy.save()
    rule = rule or PaymentRule(policy=policy)
    for name, value in values.items():
        if name not in RULE_FIELDS:
            raise ValueError(f"Unknown rule field {name}")
        setattr(rule, name, value)
    errors = _rule_errors(rule)
    clash = (
        PaymentRule.objects.filter(
            policy=policy, role_level=rule.role_level, activity=rule.activity
        )
        .exclude(pk=rule.pk)
        .exists()
    )
    if clash:
        errors["activity"] = (
            "There is already a rule for this role and kind of meeting: change that one"
        )
    if errors:
        raise ValidationError(errors)
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def payment_rule_delete(*, rule: PaymentRule) -> None:
    rule.delete()
