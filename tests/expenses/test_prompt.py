"""Prompt payment: working days (Mon–Fri, not the organisation's nation's bank holidays), the
median and 90th percentile per step and month against a hand-computed
example, and claims at risk of missing the target."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from expenses.models import ExpenseClaim, PaymentPolicy
from expenses.selectors.prompt import claims_at_risk, percentile, prompt_figures
from expenses.services.prompt import working_days_between
from tests.access.expenses_admin import make_claim
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]

D = datetime.date
TODAY = D(2026, 11, 24)  # a Tuesday
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def on_today():
    """The pages read the real clock: make it 10:00 on TODAY in London, so the
    twelve months shown and the working days waited are those worked out here
    whatever day the suite runs."""
    with time_machine.travel(datetime.datetime.combine(TODAY, datetime.time(10), LONDON)):
        yield TODAY


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (D(2026, 11, 2), D(2026, 11, 2), 0),  # same day
        (D(2026, 11, 6), D(2026, 11, 9), 1),  # Friday to Monday
        (D(2026, 11, 2), D(2026, 11, 9), 5),  # Monday to Monday
        (D(2026, 11, 7), D(2026, 11, 9), 1),  # Saturday to Monday
        (D(2026, 11, 6), D(2026, 11, 8), 0),  # Friday to Sunday
        (D(2026, 11, 2), D(2026, 11, 30), 20),  # four weeks
        (D(2026, 11, 9), D(2026, 11, 6), -1),  # backwards
        # Christmas 2026: Friday 25th, and Monday 28th for Boxing Day on a Saturday.
        (D(2026, 12, 24), D(2026, 12, 29), 1),
        (D(2026, 12, 29), D(2026, 12, 24), -1),
        # Into 2027: New Year's Day is a Friday.
        (D(2026, 12, 23), D(2027, 1, 4), 5),  # 24, 29, 30, 31 December and 4 January
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (D(2027, 3, 25), D(2027, 3, 30), 1),
        (D(2027, 3, 22), D(2027, 4, 5), 8),
        # A whole year: 261 weekdays in 2027 less its 8 bank holidays (Christmas
        # and Boxing Day 2027 fall at a weekend, so the 27th and 28th are off).
        (D(2026, 12, 31), D(2027, 12, 31), 253),
    ],
)
def test_working_days_count_monday_to_friday_except_bank_holidays(start, end, days):
    assert working_days_between(start, end) == days


def test_the_prompt_page_no_longer_counts_bank_holidays_as_working_days(world, login):
    page = login(world.user("coordinator")).get(reverse("prompt-payment")).content.decode()
    assert "Bank holidays are counted as working days" not in page
    assert "not counting bank holidays in England." in page
    world.organisation.nation = "northern_ireland"
    world.organisation.save(update_fields=["nation"])
    page = login(world.user("coordinator")).get(reverse("prompt-payment")).content.decode()
    assert "not counting bank holidays in Northern Ireland." in page


@pytest.mark.parametrize(
    ("nation", "start", "end", "days"),
    [
        # Scotland: 2 January (a Saturday in 2027, so Monday 4th) is a holiday,
        # Easter Monday is not, St Andrew's Day (Tuesday 30 November 2027) is.
        ("scotland", D(2026, 12, 31), D(2027, 1, 5), 1),
        ("england", D(2026, 12, 31), D(2027, 1, 5), 2),
        ("scotland", D(2027, 3, 25), D(2027, 3, 30), 2),
        ("england", D(2027, 3, 25), D(2027, 3, 30), 1),
        ("scotland", D(2027, 11, 29), D(2027, 12, 1), 1),
        ("wales", D(2027, 11, 29), D(2027, 12, 1), 2),
        # Northern Ireland: St Patrick's Day (Wednesday 17 March 2027) and the
        # Battle of the Boyne (Monday 12 July 2027).
        ("northern_ireland", D(2027, 3, 16), D(2027, 3, 18), 1),
        ("northern_ireland", D(2027, 7, 9), D(2027, 7, 13), 1),
        ("england", D(2027, 7, 9), D(2027, 7, 13), 2),
    ],
)
def test_working_days_leave_out_the_bank_holidays_of_the_organisations_nation(
    nation, start, end, days
):
    assert working_days_between(start, end, nation) == days


def test_a_scottish_organisations_claims_at_risk_count_its_own_bank_holidays(world, on_today):
    """Sent on Friday 27 November 2026 and still waiting on Tuesday 1 December:
    two working days in England (30 November, 1 December), one in Scotland (St
    Andrew's Day, Monday 30 November, is off)."""
    from expenses.selectors.prompt import _at_risk_keys
    from tests.access.expenses_admin import make_meeting

    claim = make_claim(
        world.objects["person"],
        make_meeting(world.objects["group"], title="Autumn meeting"),
        submitted_at=at_noon(D(2026, 11, 27)),
    )
    today = D(2026, 12, 1)
    assert _at_risk_keys([world.organisation], today) == []  # 2 of 5 days: not at risk yet
    PaymentPolicy.objects.update_or_create(
        organisation=world.organisation, defaults={"target_working_days": 2}
    )
    assert [(pk, waited) for pk, waited, _ in _at_risk_keys([world.organisation], today)] == [
        (claim.pk, 2)
    ]
    world.organisation.nation = "scotland"
    world.organisation.save(update_fields=["nation"])
    assert [(pk, waited) for pk, waited, _ in _at_risk_keys([world.organisation], today)] == [
        (claim.pk, 1)
    ]


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([0, 1, 2, 5], 0.9) == 5
    assert percentile([7], 0.9) == 7


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def dated_claim(world, *, meeting, submitted, approved=None, paid=None, status=None):
    from meetings.models import Meeting

    group = world.objects["group"]
    starts = at_noon(meeting)
    meeting_row = Meeting.objects.create(
        organisation=world.organisation,
        group=group,
        title=f"Meeting of {meeting}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    status = status or ("paid" if paid else "approved" if approved else "submitted")
    claim = make_claim(
        MembershipFactory(group=group).person,
        meeting_row,
        status=status,
        submitted_at=at_noon(submitted),
        approved_at=at_noon(approved) if approved else None,
        approved_by=world.user("coordinator") if approved else None,
    )
    if paid:
        ExpenseClaim.objects.filter(pk=claim.pk).update(paid_on=paid, paid_at=at_noon(paid))
    return claim


@pytest.fixture
def example(world):
    """Four claims sent in November 2026 and one in October, worked out by hand:

    claim  meeting   sent      approved  paid      meeting>claim  claim>appr  appr>paid  claim>paid
    A      Mon 2     Mon 2     Wed 4     Fri 6     0              2           2          4
    B      Thu 5     Mon 9     Tue 10    Mon 16    2              1           4          5
    C      Fri 6     Fri 13    Fri 20    Mon 23    5              5           1          6
    D      Mon 9     Tue 10    -         -         1              -           -          -
    E      Thu 29 Oct, sent Fri 30 Oct (October)   1
    """
    world.objects.update(
        claim_a=dated_claim(
            world,
            meeting=D(2026, 11, 2),
            submitted=D(2026, 11, 2),
            approved=D(2026, 11, 4),
            paid=D(2026, 11, 6),
        ),
        claim_b=dated_claim(
            world,
            meeting=D(2026, 11, 5),
            submitted=D(2026, 11, 9),
            approved=D(2026, 11, 10),
            paid=D(2026, 11, 16),
        ),
        claim_c=dated_claim(
            world,
            meeting=D(2026, 11, 6),
            submitted=D(2026, 11, 13),
            approved=D(2026, 11, 20),
            paid=D(2026, 11, 23),
        ),
        claim_d=dated_claim(world, meeting=D(2026, 11, 9), submitted=D(2026, 11, 10)),
        claim_e=dated_claim(world, meeting=D(2026, 10, 29), submitted=D(2026, 10, 30)),
    )
    return world


def test_figures_match_the_hand_computed_example(example):
    months = prompt_figures(organisations=[example.organisation], today=TODAY)
    assert [row["month"] for row in months] == [D(2026, 11, 1), D(2026, 10, 1)]
    november = months[0]["figures"]
    # meeting to claim: 0, 1, 2, 5 -> median 1.5, 90th (rank 4 of 4) 5
    assert (november["meeting_to_claim"].count, november["meeting_to_claim"].median) == (4, 1.5)
    assert november["meeting_to_claim"].p90 == 5
    # claim to approval: 1, 2, 5 -> median 2, 90th (rank 3 of 3) 5
    assert (november["claim_to_approval"].median, november["claim_to_approval"].p90) == (2, 5)
    # approval to payment: 1, 2, 4 -> median 2, 90th 4
    assert (november["approval_to_payment"].median, november["approval_to_payment"].p90) == (2, 4)
    # claim to payment: 4, 5, 6 -> median 5, 90th 6
    assert (november["claim_to_payment"].median, november["claim_to_payment"].p90) == (5, 6)
    october = months[1]["figures"]
    assert october["meeting_to_claim"].median == 1
    assert october["claim_to_approval"] is None


@pytest.mark.parametrize(
    ("today", "first_month_shown"),
    [
        pytest.param(D(2028, 2, 29), D(2027, 3, 1), id="leap-day"),
        pytest.param(D(2026, 12, 31), D(2026, 1, 1), id="year-end"),
        pytest.param(D(2027, 1, 1), D(2026, 2, 1), id="new-year"),
        pytest.param(D(2027, 3, 31), D(2026, 4, 1), id="financial-year-end"),
    ],
)
def test_figures_cover_exactly_the_twelve_months_to_this_one(world, today, first_month_shown):
    # Claims sent on the last day before the twelve months, on the first day of
    # them, and today: the first is left out whatever today's month's length.
    day_before = first_month_shown - datetime.timedelta(days=1)
    for sent in (day_before, first_month_shown, today):
        dated_claim(world, meeting=sent, submitted=sent)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(10), LONDON)):
        months = prompt_figures(organisations=[world.organisation])
    assert [row["month"] for row in months] == [today.replace(day=1), first_month_shown]


def test_claims_at_risk_are_close_to_or_past_the_target(world):
    PaymentPolicy.objects.create(organisation=world.organisation, target_working_days=5)
    overdue = dated_claim(world, meeting=D(2026, 11, 9), submitted=D(2026, 11, 10))  # 10 days
    due_today = dated_claim(world, meeting=D(2026, 11, 16), submitted=D(2026, 11, 17))  # 5
    approved = dated_claim(
        world, meeting=D(2026, 11, 16), submitted=D(2026, 11, 18), approved=D(2026, 11, 19)
    )  # 4 days, 1 left
    dated_claim(world, meeting=D(2026, 11, 20), submitted=D(2026, 11, 23))  # 1 day: fine
    dated_claim(world, meeting=D(2026, 11, 2), submitted=D(2026, 11, 3), status="queried")
    found = claims_at_risk(organisations=[world.organisation], today=TODAY)
    assert [(item.claim, item.waited, item.overdue) for item in found] == [
        (overdue, 10, True),
        (due_today, 5, False),
        (approved, 4, False),
    ]


class _TableRows(HTMLParser):
    """The text of each body row's cells, leaving out what screen readers are
    told to skip (the headings repeated inside cells on small screens)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._hidden = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if self._hidden or dict(attrs).get("aria-hidden") == "true":
            self._hidden += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if self._hidden:
            self._hidden -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(re.sub(r"\s+", " ", "".join(self._cell)).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def body_rows(section: str) -> list[list[str]]:
    parser = _TableRows()
    parser.feed(section.split("<tbody", 1)[1].split("</tbody>", 1)[0].split(">", 1)[1])
    return parser.rows


def test_prompt_payment_page_shows_figures_and_claims_at_risk(on_today, example, client):
    # E (sent Fri 30 Oct) and D (sent Tue 10 Nov) still wait for approval, 17
    # and 10 working days on. Two more unpaid claims: one approved and waiting
    # for payment with one working day left, and one sent yesterday with four
    # left, which is not at risk.
    due_soon = dated_claim(
        example, meeting=D(2026, 11, 16), submitted=D(2026, 11, 18), approved=D(2026, 11, 19)
    )
    dated_claim(example, meeting=D(2026, 11, 20), submitted=D(2026, 11, 23))
    most_overdue, overdue = example.objects["claim_e"], example.objects["claim_d"]
    client.force_login(example.user("coordinator"))
    page = client.get(reverse("prompt-payment")).content.decode()
    assert "aims to pay claims within 5 working days" in page
    at_risk, figures = page.split("Claims at risk of missing the target", 1)[1].split(
        "Working days for each step", 1
    )

    # Most overdue first: person, meeting, waiting for, working days, target.
    assert body_rows(at_risk) == [
        [
            most_overdue.person.full_name,
            "Meeting of 2026-10-29, 29 Oct 2026",
            "Approval",
            "17",
            "Past the target 5 days",
        ],
        [
            overdue.person.full_name,
            "Meeting of 2026-11-09, 9 Nov 2026",
            "Approval",
            "10",
            "Past the target 5 days",
        ],
        [
            due_soon.person.full_name,
            "Meeting of 2026-11-16, 16 Nov 2026",
            "Payment",
            "4",
            "Due soon 5 days",
        ],
    ]
    # Only claims still waiting for approval link to the approval page.
    assert reverse("approval-claim", args=[overdue.pk]) in at_risk
    assert reverse("approval-claim", args=[due_soon.pk]) not in at_risk

    # The months the claims were sent, newest first (claim E in October).
    months = body_rows(figures)
    assert [row[0] for row in months] == ["November 2026", "October 2026"]
    # Meeting to claim in November: A-D's 0, 2, 5, 1 and the two added here,
    # 2 and 1 -> 0 1 1 2 2 5: median 1.5, 90th (rank 6 of 6) 5.
    assert months[0][1] == "median 1.5, 90th 5 (6)"
    assert months[0][4] == "median 5, 90th 6 (3)"
    assert months[1][1:] == ["median 1, 90th 1 (1)", "–", "–", "–"]


def test_prompt_payment_page_queries_stay_flat(world, client, assert_flat_queries):
    client.force_login(world.user("coordinator"))
    now = timezone.localdate()

    def grow(n):
        for i in range(n):
            dated_claim(
                world,
                meeting=now - datetime.timedelta(days=30 + i),
                submitted=now - datetime.timedelta(days=20),
                approved=now - datetime.timedelta(days=10),
                paid=now - datetime.timedelta(days=5),
            )
            dated_claim(
                world,
                meeting=now - datetime.timedelta(days=9),
                submitted=now - datetime.timedelta(days=8),
            )

    assert_flat_queries(lambda: client.get(reverse("prompt-payment")), grow=grow)
