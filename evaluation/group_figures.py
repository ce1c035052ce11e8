"""The group dashboard's figures: one group's members against its target,
attendance meeting by meeting as an XmR chart, meetings held against the
cadence, seats filled on boards, "you said" points answered and what
changed, spend against budget and claims paid within the prompt-payment
target.

Read in a fixed number of queries whatever the number of members, meetings,
seats, points or claims. Counts of people below SMALL_COUNT are shown as
"fewer than 5" unless `exact` (the organisation's coordinators only)."""

from __future__ import annotations

import datetime
import math
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from expenses.models import ExpenseClaim
from expenses.selectors.budget import CATEGORIES, GroupSpend, spend_by_group
from expenses.selectors.prompt import step_days
from expenses.services.budget import budget_year_start
from expenses.services.prompt import targets_by_organisation
from involvement.models import (
    MINIMUM_REPRESENTATIVES,
    DecisionMakingBody,
    Group,
    Membership,
    RepresentativeSeat,
)
from involvement.money import money
from involvement.permissions import SMALL_COUNT, count_shown
from meetings.models import Invitation, Meeting
from workplans.models.feedback import FeedbackStatus
from workplans.selectors.feedback import FeedbackFigures, feedback_figures

from . import spc
from .selectors import _coverage, experience_in_period, experience_results, month_end

TOO_FEW = "Too few to show"


def _shown(count: int, exact: bool) -> str:
    return str(count) if exact else count_shown(count)


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


@dataclass
class MeetingAttendance:
    meeting_id: int
    day: datetime.date
    title: str
    came: int
    taken: int
    exact: bool

    @property
    def rate(self) -> float | None:
        """Per cent who came, or None when too few were counted to show."""
        if not self.exact and self.taken < SMALL_COUNT:
            return None
        return round(100 * self.came / self.taken, 1)

    @property
    def came_shown(self) -> str:
        return _shown(self.came, self.exact)

    @property
    def rate_shown(self) -> str:
        rate = self.rate
        if rate is None:
            return TOO_FEW
        return f"{rate:.1f}".rstrip("0").rstrip(".") + "%"


@dataclass
class SeatRow:
    body: DecisionMakingBody
    from_group: int
    everyone: int
    exact: bool

    @property
    def from_group_shown(self) -> str:
        return _shown(self.from_group, self.exact)

    @property
    def everyone_shown(self) -> str:
        return _shown(self.everyone, self.exact)

    @property
    def filled(self) -> bool:
        """The two-representative rule: at least MINIMUM_REPRESENTATIVES seats filled."""
        return self.everyone >= MINIMUM_REPRESENTATIVES


@dataclass
class GroupDashboard:
    group: Group
    months: list[datetime.date]
    exact: bool
    today: datetime.date
    active: int
    factors: list[dict]
    meetings: list[MeetingAttendance]
    attendance_chart: spc.Chart
    meetings_held: int
    meetings_cancelled: int
    meetings_expected: int
    seats: list[SeatRow]
    feedback: FeedbackFigures
    spend: GroupSpend
    spend_year_start: datetime.date
    claims_paid: int
    claims_paid_in_target: int
    median_days_to_pay: float | None
    target_days: int
    attendance_svg: str = ""
    standards: list = field(default_factory=list)
    experience: list = field(default_factory=list)

    minimum_representatives = MINIMUM_REPRESENTATIVES

    @property
    def organisation(self):
        return self.group.organisation

    @property
    def start(self) -> datetime.date:
        return self.months[0]

    @property
    def end(self) -> datetime.date:
        return month_end(self.months[-1])

    # -- members ----------------------------------------------------------------

    @property
    def active_shown(self) -> str:
        return _shown(self.active, self.exact)

    @property
    def within_target(self) -> bool | None:
        if not self.exact and self.active < SMALL_COUNT:
            return None
        return self.group.target_min <= self.active <= self.group.target_max

    @property
    def within_target_shown(self) -> str:
        within = self.within_target
        if within is None:
            return "Not shown"
        if within:
            return "Yes"
        if self.active < self.group.target_min:
            return "No: fewer than the target"
        return "No: more than the target"

    # -- attendance and cadence ------------------------------------------------------

    @property
    def plotted(self) -> list[MeetingAttendance]:
        return [m for m in self.meetings if m.rate is not None]

    @property
    def attendance_rows(self) -> list[dict]:
        """The chart's data table: every meeting, with any signal in words."""
        index_of = {m.meeting_id: i for i, m in enumerate(self.plotted)}
        rows = []
        for meeting in self.meetings:
            index = index_of.get(meeting.meeting_id)
            signals = self.attendance_chart.signals_at(index) if index is not None else []
            rows.append(
                {"meeting": meeting, "signals": "; ".join(sorted({s.words for s in signals}))}
            )
        return rows

    @property
    def attendance_rate(self) -> str:
        came = sum(m.came for m in self.meetings)
        taken = sum(m.taken for m in self.meetings)
        if not taken:
            return "No attendance taken"
        if not self.exact and taken < SMALL_COUNT:
            return TOO_FEW
        return _pct(came, taken)

    @property
    def cadence_kept(self) -> bool:
        return self.meetings_held >= self.meetings_expected

    @property
    def cadence_shown(self) -> str:
        verdict = "kept" if self.cadence_kept else "not kept"
        return (
            f"{self.meetings_held} held, {self.meetings_expected} expected "
            f"({self.group.cadence_description.lower()}): {verdict}"
        )

    # -- "you said" -------------------------------------------------------------

    @property
    def feedback_answered(self) -> int:
        return self.feedback.answered_in_time + self.feedback.answered_late

    @property
    def feedback_changed(self) -> int:
        """Points that led to a change: done, or partly done."""
        by_status = self.feedback.by_status
        return by_status.get(FeedbackStatus.DONE, 0) + by_status.get(FeedbackStatus.PARTLY, 0)

    @property
    def feedback_in_time(self) -> str:
        share = self.feedback.share_answered_in_time
        return "None due" if share is None else f"{round(100 * share)}%"

    # -- money ------------------------------------------------------------------

    @property
    def spend_by_category(self) -> list[tuple[str, Decimal]]:
        """Spend by category: only for those who may see the people (one
        person's claim for, say, a carer's costs can stand out)."""
        if not self.exact:
            return []
        return [
            (label, self.spend.by_category[value])
            for value, label in CATEGORIES
            if self.spend.by_category.get(value)
        ]

    @property
    def spend_shown(self) -> str:
        spent = money(self.spend.spent)
        if self.spend.budget is None:
            return f"{spent} (no budget set)"
        return f"{spent} of {money(self.spend.budget)}" + (
            " (over budget)" if self.spend.over else ""
        )

    @property
    def claims_paid_shown(self) -> str:
        return _shown(self.claims_paid, self.exact)

    @property
    def paid_in_target_share(self) -> str:
        if not self.claims_paid:
            return "No claims paid"
        if not self.exact and self.claims_paid < SMALL_COUNT:
            return TOO_FEW
        return _pct(self.claims_paid_in_target, self.claims_paid)

    @property
    def median_days_to_pay_shown(self) -> str:
        if self.median_days_to_pay is None:
            return "No claims paid"
        if not self.exact and self.claims_paid < SMALL_COUNT:
            return TOO_FEW
        value = self.median_days_to_pay
        return str(int(value)) if value == int(value) else f"{value:.1f}"

    # -- the figures as rows (CSV) -----------------------------------------------

    def figure_rows(self) -> list[tuple[str, str, str]]:
        """(section, figure, value as shown): the dashboard's aggregates, with
        the same suppression as the page."""
        rows = [
            ("Members", "Active members now", self.active_shown),
            (
                "Members",
                "Target size",
                f"{self.group.target_min} to {self.group.target_max}",
            ),
            ("Members", "Within the target size", self.within_target_shown),
        ]
        rows += [
            (
                "Mix of members",
                f"{f['name']} (at least {f['minimum']})",
                f"{f['shown']}: {f['met']}",
            )
            for f in self.factors
        ]
        rows += [
            ("Meetings", "Meetings held", str(self.meetings_held)),
            ("Meetings", "Meetings expected from the cadence", str(self.meetings_expected)),
            ("Meetings", "Meetings cancelled", str(self.meetings_cancelled)),
            ("Meetings", "Cadence kept", "Yes" if self.cadence_kept else "No"),
            ("Attendance", "Attendance rate over the period", self.attendance_rate),
        ]
        rows += [
            ("Attendance", f"{m.day:%-d %B %Y}: {m.title}", m.rate_shown) for m in self.meetings
        ]
        rows += [
            (
                "Board seats",
                row.body.name,
                f"{row.from_group_shown} from the group, {row.everyone_shown} in all: "
                + ("filled" if row.filled else "not filled"),
            )
            for row in self.seats
        ]
        rows += [
            ("You said", "Points made", str(self.feedback.total)),
            ("You said", "Points answered", str(self.feedback_answered)),
            ("You said", "Answered in time", self.feedback_in_time),
            ("You said", "Points that changed something", str(self.feedback_changed)),
            (
                "Money",
                f"Spend from {self.spend_year_start:%-d %B %Y}",
                self.spend_shown,
            ),
        ]
        rows += [
            ("Money", f"Spend: {label}", money(amount)) for label, amount in self.spend_by_category
        ]
        rows += [
            ("Money", "Claims paid", self.claims_paid_shown),
            (
                "Money",
                f"Claims paid within {self.target_days} working days",
                self.paid_in_target_share,
            ),
            ("Money", "Median working days from claim to payment", self.median_days_to_pay_shown),
        ]
        rows += [
            ("UK Standards for Public Involvement", row.name, row.current.get_rating_display())
            for row in self.standards
            if row.current is not None
        ]
        for result in self.experience:
            rows += result.figure_rows()
        return rows


def expected_meetings(group: Group, start: datetime.date, end: datetime.date) -> int:
    """Meetings the cadence asks for between start and end (whole meetings)."""
    days = (end - start).days + 1
    return max(0, math.floor(group.meetings_per_year * days / 365.25))


def group_dashboard(
    *,
    group: Group,
    months: list[datetime.date],
    exact: bool,
    today: datetime.date | None = None,
) -> GroupDashboard:
    """Everything the group dashboard shows, for the months given."""
    today = today or timezone.localdate()
    start, end = months[0], month_end(months[-1])
    until = min(end, today)
    active = Membership.objects.filter(group=group, status=Membership.Status.ACTIVE).count()
    factors = _coverage([group], exact)[group.pk]

    in_period = Q(starts_at__date__gte=start, starts_at__date__lte=until)
    meetings = [
        MeetingAttendance(
            meeting_id=row["meeting_id"],
            day=timezone.localtime(row["meeting__starts_at"]).date(),
            title=row["meeting__title"],
            came=row["came"],
            taken=row["taken"],
            exact=exact,
        )
        for row in Invitation.objects.filter(
            meeting__group=group,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lte=until,
            attended__isnull=False,
        )
        .values("meeting_id", "meeting__starts_at", "meeting__title")
        .annotate(taken=Count("id"), came=Count("id", filter=Q(attended=True)))
        .order_by("meeting__starts_at", "meeting_id")
    ]
    chart = spc.xmr([m.rate for m in meetings if m.rate is not None], direction=spc.UP)
    held = (
        Meeting.objects.filter(group=group, kind=Meeting.Kind.GROUP)
        .filter(in_period)
        .aggregate(
            held=Count("id", filter=Q(status=Meeting.Status.SCHEDULED)),
            cancelled=Count("id", filter=Q(status=Meeting.Status.CANCELLED)),
        )
    )

    bodies = list(DecisionMakingBody.objects.filter(organisation_id=group.organisation_id))
    seat_counts: dict[int, list[int]] = {body.pk: [0, 0] for body in bodies}
    for body_id, group_id in RepresentativeSeat.objects.filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today),
        body__organisation_id=group.organisation_id,
        term_start__lte=today,
    ).values_list("body_id", "membership__group_id"):
        seat_counts[body_id][1] += 1
        if group_id == group.pk:
            seat_counts[body_id][0] += 1
    seats = [
        SeatRow(
            body=body,
            from_group=seat_counts[body.pk][0],
            everyone=seat_counts[body.pk][1],
            exact=exact,
        )
        for body in sorted(bodies, key=lambda b: b.name)
        if seat_counts[body.pk][0]
    ]

    feedback = feedback_figures(
        groups=Group.objects.filter(pk=group.pk), start=start, end=end, today=today
    )

    year_start = budget_year_start(today)
    spend = next(
        s
        for s in spend_by_group(organisation=group.organisation, year_starting=year_start)
        if s.group.pk == group.pk
    )
    target_days = targets_by_organisation([group.organisation_id])[group.organisation_id]
    paid_days = []
    for row in ExpenseClaim.objects.filter(
        Q(group=group) | Q(group__isnull=True, meeting__group=group),
        paid_on__gte=start,
        paid_on__lte=end,
        submitted_at__isnull=False,
    ).values(
        "meeting__starts_at", "submitted_at", "approved_at", "paid_on", "organisation__nation"
    ):
        steps = step_days(row)
        if "claim_to_payment" in steps:
            paid_days.append(steps["claim_to_payment"])
    return GroupDashboard(
        group=group,
        months=months,
        exact=exact,
        today=today,
        active=active,
        factors=factors,
        meetings=meetings,
        attendance_chart=chart,
        meetings_held=held["held"],
        meetings_cancelled=held["cancelled"],
        meetings_expected=expected_meetings(group, start, until),
        seats=seats,
        feedback=feedback,
        spend=spend,
        spend_year_start=year_start,
        claims_paid=len(paid_days),
        claims_paid_in_target=sum(1 for d in paid_days if d <= target_days),
        median_days_to_pay=float(statistics.median(paid_days)) if paid_days else None,
        target_days=target_days,
        experience=experience_results(
            surveys=experience_in_period(groups=[group], start=start, end=end)
        ),
    )
