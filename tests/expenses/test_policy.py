"""The payment policy's computations: involvement payment by mode (none, per
hour, half/full day at the threshold, fixed fee, preparation), the person's
choice, mileage rounding, claim totals (property-based), policy warnings and
the UK tax year."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expenses.models import PaymentPolicy, PaymentRule
from expenses.services import policy

D = Decimal


def rule(mode, **values):
    return PaymentRule(role_level="member", activity="group", mode=mode, **values)


DAY_RULE = {
    "half_day_rate": D("75.00"),
    "full_day_rate": D("150.00"),
    "full_day_from_hours": D("4"),
}


def test_no_rule_or_mode_none_pays_nothing():
    assert policy.rule_payment(None, D("3")).amount == D("0.00")
    assert policy.rule_payment(rule("none"), D("3")).amount == D("0.00")


def test_hourly_rate_times_hours_rounded_to_the_penny():
    due = policy.rule_payment(rule("per_hour", hourly_rate=D("13.85")), D("2.50"))
    assert due.amount == D("34.63")  # 34.625 rounds half up
    assert "13.85 an hour" in due.basis


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(D("3.99"), D("75.00")), (D("4.00"), D("150.00")), (D("4.01"), D("150.00"))],
)
def test_half_or_full_day_at_the_threshold(hours, expected):
    assert policy.rule_payment(rule("half_full_day", **DAY_RULE), hours).amount == expected


def test_fixed_fee_with_preparation():
    plain = policy.rule_payment(rule("fixed_fee", fixed_fee=D("25.00")), D("1"))
    prepared = policy.rule_payment(
        rule("fixed_fee", fixed_fee=D("25.00"), preparation_fee=D("15.00")), D("1")
    )
    assert plain.amount == D("25.00")
    assert prepared.amount == D("40.00")
    assert "preparation" in prepared.basis


def test_meeting_hours_from_start_and_end():
    start = datetime.datetime(2026, 5, 1, 10, 0, tzinfo=datetime.UTC)
    assert policy.meeting_hours(start, start + datetime.timedelta(minutes=80)) == D("1.33")
    assert policy.meeting_hours(start, start + datetime.timedelta(hours=4)) == D("4.00")


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (None, D("150.00")),
        ("accept", D("150.00")),
        ("expenses_only", D("0.00")),
        ("decline", D("0.00")),
    ],
)
def test_the_persons_choice_decides_whether_the_payment_is_due(choice, expected):
    rules = [rule("half_full_day", **DAY_RULE)]
    due = policy.involvement_payment_due(
        rules=rules, level="member", activity="group", hours=D("5"), choice=choice
    )
    assert due.amount == expected


def test_representative_rule_used_when_present_else_member_rule():
    member = PaymentRule(role_level="member", activity="board", mode="fixed_fee", fixed_fee=D("20"))
    representative = PaymentRule(
        role_level="representative", activity="board", mode="per_hour", hourly_rate=D("25.00")
    )
    both = [member, representative]
    args = {"activity": "board", "hours": D("2"), "choice": "accept"}
    assert policy.involvement_payment_due(rules=both, level="representative", **args).amount == D(
        "50.00"
    )
    assert policy.involvement_payment_due(rules=both, level="member", **args).amount == D("20.00")
    assert policy.involvement_payment_due(
        rules=[member], level="representative", **args
    ).amount == D("20.00")


@pytest.mark.parametrize(
    ("miles", "rate", "expected"),
    [
        (D("10"), D("0.45"), D("4.50")),
        (D("12.5"), D("0.45"), D("5.63")),  # 5.625 rounds half up, not to even
        (D("0.1"), D("0.45"), D("0.05")),  # 0.045 rounds up
        (D("33.3"), D("0.25"), D("8.33")),  # 8.325 rounds up
    ],
)
def test_mileage_is_miles_times_rate_rounded_half_up(miles, rate, expected):
    assert policy.mileage_amount(miles, rate) == expected


pence = st.integers(min_value=0, max_value=999_999).map(lambda p: D(p) / 100)


@given(amounts=st.lists(pence, max_size=12), payment=pence)
def test_claim_total_is_the_sum_of_lines_and_payment_in_exact_pence(amounts, payment):
    lines = [SimpleNamespace(amount=amount, kind="other") for amount in amounts]
    total = policy.claim_total(lines, payment)
    assert total == sum(amounts, D("0")) + payment
    assert total.as_tuple().exponent == -2
    assert isinstance(total, Decimal)


@given(
    miles=st.integers(min_value=1, max_value=99_999).map(lambda t: D(t) / 10),
    rate=st.integers(min_value=0, max_value=200).map(lambda p: D(p) / 100),
)
def test_mileage_is_within_half_a_penny_of_the_exact_product(miles, rate):
    amount = policy.mileage_amount(miles, rate)
    assert amount.as_tuple().exponent == -2
    assert abs(amount - miles * rate) <= D("0.005")


def _line(kind, amount, *, miles=None, reason="", receipts=0):
    line = SimpleNamespace(kind=kind, amount=D(amount), miles=miles, reason=reason)
    return line, receipts


def _warnings(pairs, **policy_values):
    lines = [line for line, _ in pairs]
    counts = {id(line): count for line, count in pairs}
    the_policy = PaymentPolicy(**policy_values)

    class ByIdentity(dict):
        def get(self, key, default=None):
            return counts.get(id(key), default)

    return policy.policy_warnings(lines=lines, policy=the_policy, receipts_by_line=ByIdentity())


def test_warnings_for_a_missing_receipt_over_the_amount_or_always_needed():
    warnings = _warnings(
        [_line("public_transport", "12.00"), _line("taxi", "8.00", reason="Access needs")],
        receipt_required_over=D("10.00"),
        receipt_always_for=["taxi"],
    )
    assert len(warnings) == 2
    assert all("needs a receipt" in warning for warning in warnings)


def test_no_warning_when_the_receipt_is_there_or_not_needed():
    warnings = _warnings(
        [_line("public_transport", "12.00", receipts=1), _line("public_transport", "4.60")],
        receipt_required_over=D("10.00"),
    )
    assert warnings == []


def test_warnings_for_a_long_journey_and_over_the_cap_and_a_taxi_without_reason():
    warnings = _warnings(
        [_line("mileage", "45.00", miles=D("100")), _line("taxi", "40.00", receipts=1)],
        mileage_warning_miles=D("60"),
        claim_cap=D("50.00"),
        receipt_always_for=[],
    )
    text = " ".join(warnings)
    assert "100 miles is longer than 60 miles" in text
    assert "more than the usual limit of £50.00" in text
    assert "taxi has no reason" in text


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (datetime.date(2026, 4, 5), datetime.date(2025, 4, 6), datetime.date(2026, 4, 5)),
        (datetime.date(2026, 4, 6), datetime.date(2026, 4, 6), datetime.date(2027, 4, 5)),
        (datetime.date(2027, 1, 1), datetime.date(2026, 4, 6), datetime.date(2027, 4, 5)),
    ],
)
def test_uk_tax_year_runs_6_april_to_5_april(day, start, end):
    assert policy.tax_year(day) == (start, end)
