"""Reads for the evaluation pages: objectives and measures, each measure's
monthly series (entered, or computed from the platform's own records), and
the organisation dashboard's figures.

Every function reads in a fixed number of queries, whatever the number of
groups, members, meetings or claims (the dashboards' tests assert it). The
dashboard's, the report's and the measures' figures are read inside
reads_for_reports(): from the read replica when there is one."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from expenses.models import ExpenseClaim
from expenses.selectors.prompt import step_days
from involvement.db_routing import reads_for_reports
from involvement.models import (
    DiversityConsent,
    DiversityFactor,
    DiversityProfile,
    Group,
    Membership,
    MembershipStatusChange,
    Organisation,
)
from involvement.permissions import SMALL_COUNT, count_shown
from meetings.models import Invitation
from workplans.selectors.feedback import FeedbackFigures, feedback_figures

from . import spc
from .models import MeasureSource, Objective, Reading, SuccessMeasure

# --- periods ------------------------------------------------------------------

PERIODS = [
    ("12", "The last 12 months"),
    ("24", "The last 2 years"),
    ("60", "The last 5 years"),
]
DEFAULT_PERIOD = "24"


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def months_back(*, months: int, today: datetime.date | None = None) -> list[datetime.date]:
    """The first days of the last `months` whole-or-current months, oldest first."""
    today = today or timezone.localdate()
    last = month_start(today)
    return [add_months(last, -n) for n in range(months - 1, -1, -1)]


# --- objectives ---------------------------------------------------------------


def objective_list(*, organisation: Organisation) -> list[Objective]:
    return list(
        Objective.objects.filter(organisation=organisation)
        .select_related("group")
        .prefetch_related("measures")
        .order_by("group__name", "term", "title")
    )


def objective_detail(*, objective: Objective) -> Objective:
    return (
        Objective.objects.filter(pk=objective.pk)
        .prefetch_related(
            "measures",
            Prefetch("work_items", queryset=_work_items()),
        )
        .get()
    )


def _work_items():
    from workplans.models import WorkItem

    return WorkItem.objects.select_related("plan__group").order_by("title")


def work_items_for(*, organisation: Organisation, group: Group | None) -> QuerySet:
    """Work items an objective may link to: of the group's current plan, or
    of any group of the organisation."""
    from workplans.models import WorkItem

    items = WorkItem.objects.filter(
        plan__group__organisation=organisation, plan__status="current"
    ).select_related("plan__group")
    if group is not None:
        items = items.filter(plan__group=group)
    return items.order_by("plan__group__name", "title")


# --- a measure's series -------------------------------------------------------


def _scope_groups(objective: Objective) -> QuerySet:
    if objective.group_id is not None:
        return Group.objects.filter(pk=objective.group_id)
    return Group.objects.filter(organisation_id=objective.organisation_id)


# Each of the platform's own figures is read once for all the groups in view
# and kept per group and month; a measure's series adds up its groups. The
# organisation dashboard draws every measure of every objective at once, so
# its queries stay the same however many measures there are.


def _members_by_group(groups: QuerySet, months: list[datetime.date]) -> dict:
    """Active members of each group at the end of each month, from the
    memberships' history (two queries)."""
    memberships = list(
        Membership.objects.filter(group__in=groups).values_list(
            "id", "group_id", "status", "status_changed_on"
        )
    )
    events: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for membership_id, changed_on, to_status in (
        MembershipStatusChange.objects.filter(membership__group__in=groups)
        .order_by("changed_on", "id")
        .values_list("membership_id", "changed_on", "to_status")
    ):
        events[membership_id].append((changed_on, to_status))
    result: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for month in months:
        end = month_end(month)
        for membership_id, group_id, status, changed_on in memberships:
            history = events.get(membership_id) or [(changed_on, status)]
            current = None
            for day, to_status in history:
                if day <= end:
                    current = to_status
                else:
                    break
            if current == Membership.Status.ACTIVE:
                result[group_id][month] += 1
    return result


def _attendance_by_group(groups: QuerySet, months: list[datetime.date]) -> dict:
    """Per group and month: [came, taken] at meetings whose attendance was taken."""
    start, end = months[0], month_end(months[-1])
    rows = Invitation.objects.filter(
        meeting__group__in=groups,
        attended__isnull=False,
        meeting__starts_at__date__gte=start,
        meeting__starts_at__date__lte=end,
    ).values_list("meeting__group_id", "meeting__starts_at", "attended")
    result: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for group_id, starts_at, attended in rows:
        tally = result[group_id][month_start(timezone.localtime(starts_at).date())]
        tally[1] += 1
        if attended:
            tally[0] += 1
    return result


def _feedback_by_group(groups: QuerySet, months: list[datetime.date], today) -> dict:
    """Per group and month: [answered in time, due] of the "you said" points
    due that month (a point not yet answered and not yet due is not counted)."""
    from workplans.models import FeedbackItem

    start, end = months[0], month_end(months[-1])
    rows = (
        FeedbackItem.objects.filter(group__in=groups, due_on__gte=start, due_on__lte=end)
        .filter(moderation="accepted")
        .values_list("group_id", "due_on", "answered_at")
    )
    result: dict[int, dict] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for group_id, due_on, answered_at in rows:
        if answered_at is None and due_on >= today:
            continue  # not due yet
        tally = result[group_id][month_start(due_on)]
        tally[1] += 1
        if answered_at is not None and timezone.localtime(answered_at).date() <= due_on:
            tally[0] += 1
    return result


def _days_to_pay_by_group(groups: QuerySet, months: list[datetime.date]) -> dict:
    """Per group and month of payment: working days from claim to payment."""
    start, end = months[0], month_end(months[-1])
    rows = ExpenseClaim.objects.filter(
        group__in=groups, paid_on__gte=start, paid_on__lte=end, submitted_at__isnull=False
    ).values(
        "group_id",
        "meeting__starts_at",
        "submitted_at",
        "approved_at",
        "paid_on",
        "organisation__nation",
    )
    result: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        steps = step_days(row)
        if "claim_to_payment" in steps:
            result[row["group_id"]][month_start(row["paid_on"])].append(steps["claim_to_payment"])
    return result


class MonthlyFigures:
    """The platform's own monthly figures for a set of groups, each kind read
    at most once (the first measure that needs it), then added up for any of
    those groups (`group_ids`; None for all of them)."""

    def __init__(self, *, groups: QuerySet, months: list[datetime.date], today=None):
        self.groups = groups
        self.months = months
        self.today = today or timezone.localdate()
        self._read: dict[str, dict] = {}

    def _by_group(self, kind: str) -> dict:
        if kind not in self._read:
            load = {
                "members": lambda: _members_by_group(self.groups, self.months),
                "attendance": lambda: _attendance_by_group(self.groups, self.months),
                "feedback": lambda: _feedback_by_group(self.groups, self.months, self.today),
                "days_to_pay": lambda: _days_to_pay_by_group(self.groups, self.months),
            }[kind]
            self._read[kind] = load()
        return self._read[kind]

    def _chosen(self, kind: str, group_ids) -> list[dict]:
        by_group = self._by_group(kind)
        ids = by_group.keys() if group_ids is None else group_ids
        return [by_group[i] for i in ids if i in by_group]

    def members(self, group_ids=None) -> dict:
        """Active members at the end of each month."""
        chosen = self._chosen("members", group_ids)
        return {month: sum(g.get(month, 0) for g in chosen) for month in self.months}

    def attendance(self, group_ids=None) -> dict:
        """Per month: (came, taken)."""
        chosen = self._chosen("attendance", group_ids)
        result = {}
        for month in self.months:
            tallies = [g[month] for g in chosen if month in g]
            result[month] = (sum(t[0] for t in tallies), sum(t[1] for t in tallies))
        return result

    def feedback_in_time(self, group_ids=None) -> dict:
        """Per month: share (per cent) of points due that month answered by
        their due date (None when none were due)."""
        chosen = self._chosen("feedback", group_ids)
        result = {}
        for month in self.months:
            tallies = [g[month] for g in chosen if month in g]
            due = sum(t[1] for t in tallies)
            in_time = sum(t[0] for t in tallies)
            result[month] = round(100 * in_time / due, 1) if due else None
        return result

    def days_to_pay(self, group_ids=None) -> dict:
        """Per month of payment: median working days from claim to payment."""
        chosen = self._chosen("days_to_pay", group_ids)
        result = {}
        for month in self.months:
            days = [d for g in chosen for d in g.get(month, [])]
            result[month] = float(statistics.median(days)) if days else None
        return result


@dataclass
class SeriesPoint:
    month: datetime.date
    value: float | None
    shown: str  # the value as shown (suppressed, or "no data")
    note: str = ""


def measure_series(
    *,
    measure: SuccessMeasure,
    months: list[datetime.date],
    exact: bool = True,
    figures: MonthlyFigures | None = None,
    readings: dict | None = None,
) -> list[SeriesPoint]:
    """The measure's value each month: entered readings, or computed.

    `figures` (the platform's figures for the organisation's groups) and
    `readings` (measure id -> month -> reading) are read once by a page that
    draws many measures; without them, this measure's own are read."""
    source = measure.source
    points: list[SeriesPoint] = []
    if source == MeasureSource.ENTERED:
        if readings is None:
            mine = Reading.objects.filter(
                measure=measure, month__gte=months[0], month__lte=months[-1]
            )
            readings = {measure.pk: {r.month: r for r in mine}}
        by_month = readings.get(measure.pk, {})
        for month in months:
            reading = by_month.get(month)
            value = float(reading.value) if reading else None
            points.append(
                SeriesPoint(
                    month,
                    value,
                    _fmt(value) if reading else "No reading",
                    reading.note if reading else "",
                )
            )
        return points
    if figures is None:
        figures = MonthlyFigures(groups=_scope_groups(measure.objective), months=months)
    group_id = measure.objective.group_id
    scope = None if group_id is None else [group_id]
    if source == MeasureSource.MEMBERS:
        counts = figures.members(scope)
        for month in months:
            count = counts[month]
            if exact or count >= SMALL_COUNT:
                points.append(SeriesPoint(month, float(count), str(count)))
            else:
                points.append(SeriesPoint(month, None, count_shown(count)))
    elif source == MeasureSource.ATTENDANCE:
        tallies = figures.attendance(scope)
        for month in months:
            came, taken = tallies[month]
            if not taken:
                points.append(SeriesPoint(month, None, "No meetings"))
            elif not exact and taken < SMALL_COUNT:
                points.append(SeriesPoint(month, None, "Too few to show"))
            else:
                rate = round(100 * came / taken, 1)
                points.append(SeriesPoint(month, rate, f"{_fmt(rate)}%"))
    elif source == MeasureSource.FEEDBACK_IN_TIME:
        shares = figures.feedback_in_time(scope)
        for month in months:
            share = shares[month]
            points.append(
                SeriesPoint(month, share, "None due" if share is None else f"{_fmt(share)}%")
            )
    elif source == MeasureSource.DAYS_TO_PAY:
        medians = figures.days_to_pay(scope)
        for month in months:
            median = medians[month]
            points.append(
                SeriesPoint(month, median, "None paid" if median is None else _fmt(median))
            )
    return points


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value) == int(value) else f"{value:.1f}"


@dataclass
class MeasureChart:
    measure: SuccessMeasure
    points: list[SeriesPoint]
    chart: spc.Chart
    plotted: list[SeriesPoint] = field(default_factory=list)

    @property
    def latest(self) -> SeriesPoint | None:
        return self.plotted[-1] if self.plotted else None

    @property
    def rows(self) -> list[dict]:
        """The data table: every month, with any signal in words."""
        by_month = {point.month: index for index, point in enumerate(self.plotted)}
        rows = []
        for point in self.points:
            index = by_month.get(point.month)
            signals = self.chart.signals_at(index) if index is not None else []
            rows.append(
                {
                    "point": point,
                    "signals": "; ".join(sorted({s.words for s in signals})),
                }
            )
        return rows


@reads_for_reports()
def measure_chart(
    *,
    measure: SuccessMeasure,
    months: list[datetime.date],
    exact: bool = True,
    figures: MonthlyFigures | None = None,
    readings: dict | None = None,
) -> MeasureChart:
    points = measure_series(
        measure=measure, months=months, exact=exact, figures=figures, readings=readings
    )
    plotted = [point for point in points if point.value is not None]
    chart = spc.xmr([p.value for p in plotted], direction=measure.direction)
    return MeasureChart(measure=measure, points=points, chart=chart, plotted=plotted)


# --- the organisation dashboard ------------------------------------------------


@dataclass
class GroupRow:
    group: Group
    active: int
    shown: str
    target_min: int
    target_max: int
    within_target: bool | None
    factors: list[dict]


@dataclass
class Dashboard:
    organisation: Organisation
    months: list[datetime.date]
    exact: bool
    groups: list[GroupRow]
    active_total: int
    active_total_shown: str
    attendance_came: int
    attendance_taken: int
    meetings_held: int
    feedback: FeedbackFigures
    claims_paid: int
    claims_paid_in_target: int
    median_days_to_pay: float | None
    target_days: int
    measures: list[MeasureChart]
    impact_by_area: list[tuple[str, int]] = field(default_factory=list)

    @property
    def start(self) -> datetime.date:
        return self.months[0]

    @property
    def end(self) -> datetime.date:
        return month_end(self.months[-1])

    @property
    def attendance_rate(self) -> str:
        if not self.attendance_taken:
            return "No attendance taken"
        if not self.exact and self.attendance_taken < SMALL_COUNT:
            return "Too few to show"
        return f"{round(100 * self.attendance_came / self.attendance_taken)}%"

    @property
    def paid_in_target_share(self) -> str:
        if not self.claims_paid:
            return "No claims paid"
        if not self.exact and self.claims_paid < SMALL_COUNT:
            return "Too few to show"
        return f"{round(100 * self.claims_paid_in_target / self.claims_paid)}%"

    @property
    def feedback_in_time(self) -> str:
        share = self.feedback.share_answered_in_time
        return "None due" if share is None else f"{round(100 * share)}%"

    @property
    def median_days_to_pay_shown(self) -> str:
        if self.median_days_to_pay is None:
            return "No claims paid"
        if not self.exact and self.claims_paid < SMALL_COUNT:
            return "Too few to show"
        return _fmt(float(self.median_days_to_pay))

    def figure_rows(self) -> list[tuple[str, str, str]]:
        """(section, figure, value as shown): the dashboard's aggregates, with
        the same suppression as the page (for the CSV)."""
        first = self.feedback.median_days_to_first_response
        rows = [
            ("Headline figures", "Active members now", self.active_total_shown),
            ("Headline figures", "Meetings with attendance taken", str(self.meetings_held)),
            ("Headline figures", "Attendance rate", self.attendance_rate),
            ("Headline figures", '"You said" points made', str(self.feedback.total)),
            ("Headline figures", '"You said" points answered in time', self.feedback_in_time),
            (
                "Headline figures",
                "Median days to a first answer",
                "No answers yet" if first is None else _fmt(float(first)),
            ),
            (
                "Headline figures",
                f"Claims paid within {self.target_days} working days",
                self.paid_in_target_share,
            ),
            (
                "Headline figures",
                "Median working days from claim to payment",
                self.median_days_to_pay_shown,
            ),
        ]
        rows += [
            ('"You said" points by status', label, str(count))
            for label, count in feedback_statuses(self.feedback)
        ]
        rows += [("What changed, by area", area, str(count)) for area, count in self.impact_by_area]
        for row in self.groups:
            within = {None: "Not shown", True: "Yes", False: "No"}[row.within_target]
            rows += [
                (f"Group: {row.group.name}", "Active members", row.shown),
                (
                    f"Group: {row.group.name}",
                    "Target size",
                    f"{row.target_min} to {row.target_max}",
                ),
                (f"Group: {row.group.name}", "Within target", within),
            ]
            rows += [
                (
                    f"Group: {row.group.name}",
                    f"{factor['name']} (at least {factor['minimum']})",
                    f"{factor['shown']}: {factor['met']}",
                )
                for factor in row.factors
            ]
        for measure_chart in self.measures:
            rows += [
                (f"Measure: {measure_chart.measure.name}", f"{point.month:%B %Y}", point.shown)
                for point in measure_chart.points
            ]
        return rows


def suppress_cells(counts: list[int], *, exact: bool) -> list[str]:
    """Counts of people as shown: below SMALL_COUNT, "fewer than 5" (primary
    suppression); where exactly one cell is hidden and the others and the
    total are shown, the smallest other cell is hidden too (secondary), so the
    hidden one cannot be worked out from the total."""
    if exact:
        return [str(c) for c in counts]
    hidden = [c < SMALL_COUNT for c in counts]
    if sum(hidden) == 1 and len(counts) > 1:
        others = [(c, i) for i, c in enumerate(counts) if not hidden[i]]
        _, index = min(others)
        hidden[index] = True
    return [
        (count_shown(c) if c < SMALL_COUNT else "Hidden to protect a small number")
        if hide
        else str(c)
        for c, hide in zip(counts, hidden, strict=True)
    ]


def _coverage(groups: list[Group], exact: bool) -> dict[int, list[dict]]:
    """Each group's diversity factors against their minimums, counted from
    consented profiles of active members (two queries for all groups)."""
    factors = defaultdict(list)
    for factor in DiversityFactor.objects.filter(group__in=groups).order_by("name"):
        factors[factor.group_id].append(factor)
    consent = DiversityConsent.objects.filter(
        person_id=OuterRef("person_id"), withdrawn_at__isnull=True
    )
    profiles: dict[int, list] = defaultdict(list)
    active = Membership.objects.filter(group__in=groups, status=Membership.Status.ACTIVE).values(
        "group_id", "person_id"
    )
    by_person = defaultdict(list)
    for row in active:
        by_person[row["person_id"]].append(row["group_id"])
    for profile in DiversityProfile.objects.filter(person_id__in=list(by_person)).filter(
        Exists(consent)
    ):
        for group_id in by_person[profile.person_id]:
            profiles[group_id].append(profile)
    result = {}
    for group in groups:
        rows = []
        for factor in factors[group.pk]:
            count = sum(1 for p in profiles[group.pk] if factor.counts(p))
            if exact or count >= SMALL_COUNT:
                rows.append(
                    {
                        "name": factor.name,
                        "minimum": factor.minimum,
                        "shown": str(count),
                        "met": "Met" if count >= factor.minimum else "Not met",
                    }
                )
            else:
                rows.append(
                    {
                        "name": factor.name,
                        "minimum": factor.minimum,
                        "shown": count_shown(count),
                        "met": "Not shown",
                    }
                )
        result[group.pk] = rows
    return result


@reads_for_reports()
def organisation_dashboard(
    *,
    organisation: Organisation,
    months: list[datetime.date],
    exact: bool,
    today: datetime.date | None = None,
) -> Dashboard:
    """Everything the organisation dashboard shows, for the months given."""
    from expenses.services.prompt import targets_by_organisation

    today = today or timezone.localdate()
    start, end = months[0], month_end(months[-1])
    groups = list(
        Group.objects.filter(organisation=organisation)
        .annotate(
            active=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
        )
        .order_by("name")
    )
    coverage = _coverage(groups, exact)
    shown = suppress_cells([g.active for g in groups], exact=exact)
    active_total = sum(g.active for g in groups)
    rows = [
        GroupRow(
            group=g,
            active=g.active,
            shown=cell,
            target_min=g.target_min,
            target_max=g.target_max,
            # A count hidden (even as the second cell) hides whether it is
            # within the target too: "No, above 14" would narrow it down.
            within_target=(g.target_min <= g.active <= g.target_max)
            if exact or cell == str(g.active)
            else None,
            factors=coverage[g.pk],
        )
        for g, cell in zip(groups, shown, strict=True)
    ]
    group_qs = Group.objects.filter(organisation=organisation)
    attendance = Invitation.objects.filter(
        meeting__group__in=group_qs,
        attended__isnull=False,
        meeting__starts_at__date__gte=start,
        meeting__starts_at__date__lte=end,
    ).aggregate(
        taken=Count("id"),
        came=Count("id", filter=Q(attended=True)),
        meetings=Count("meeting", distinct=True),
    )
    feedback = feedback_figures(groups=group_qs, start=start, end=end, today=today)
    target_days = targets_by_organisation([organisation.pk]).get(organisation.pk, 10)
    paid_days = []
    for row in ExpenseClaim.objects.filter(
        organisation=organisation,
        paid_on__gte=start,
        paid_on__lte=end,
        submitted_at__isnull=False,
    ).values(
        "meeting__starts_at", "submitted_at", "approved_at", "paid_on", "organisation__nation"
    ):
        steps = step_days(row)
        if "claim_to_payment" in steps:
            paid_days.append(steps["claim_to_payment"])
    # Every measure's series from one read of each figure and of the readings.
    figures = MonthlyFigures(groups=group_qs, months=months, today=today)
    readings: dict[int, dict] = defaultdict(dict)
    for reading in Reading.objects.filter(
        measure__objective__organisation=organisation, month__gte=months[0], month__lte=months[-1]
    ):
        readings[reading.measure_id][reading.month] = reading
    measures = [
        measure_chart(
            measure=measure, months=months, exact=exact, figures=figures, readings=readings
        )
        for measure in SuccessMeasure.objects.filter(objective__organisation=organisation)
        .select_related("objective__group", "objective__organisation")
        .order_by("objective__title", "name")
    ]
    return Dashboard(
        organisation=organisation,
        months=months,
        exact=exact,
        groups=rows,
        active_total=active_total,
        active_total_shown=count_shown(active_total) if not exact else str(active_total),
        attendance_came=attendance["came"],
        attendance_taken=attendance["taken"],
        meetings_held=attendance["meetings"],
        feedback=feedback,
        claims_paid=len(paid_days),
        claims_paid_in_target=sum(1 for d in paid_days if d <= target_days),
        median_days_to_pay=statistics.median(paid_days) if paid_days else None,
        target_days=target_days,
        measures=measures,
        impact_by_area=impact_by_area(organisation=organisation, start=start, end=end),
    )


def feedback_statuses(feedback: FeedbackFigures) -> list[tuple[str, int]]:
    """ "You said" points by status, every status named (none left out)."""
    from workplans.models.feedback import FeedbackStatus

    return [(label, feedback.by_status.get(value, 0)) for value, label in FeedbackStatus.choices]


def decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# --- impact records -------------------------------------------------------------


def impact_list(*, organisation: Organisation) -> list:
    from .models import ImpactRecord

    return list(
        ImpactRecord.objects.filter(organisation=organisation)
        .select_related("group")
        .order_by("-changed_on", "-id")
    )


def impact_detail(*, record):
    from workplans.models import FeedbackItem

    from .models import ImpactRecord

    return (
        ImpactRecord.objects.filter(pk=record.pk)
        .select_related("organisation", "group")
        .prefetch_related(
            "files",
            Prefetch("work_items", queryset=_work_items()),
            Prefetch(
                "feedback_items",
                queryset=FeedbackItem.objects.select_related("group").order_by("said_on"),
            ),
        )
        .get()
    )


def feedback_items_for(*, organisation: Organisation) -> QuerySet:
    """Points of the organisation's groups an impact record may link to."""
    from workplans.models import FeedbackItem

    return (
        FeedbackItem.objects.filter(group__organisation=organisation, moderation="accepted")
        .select_related("group")
        .order_by("-said_on", "-id")
    )


def impact_published(*, group: Group) -> list:
    """The group's records on its public page: the public wording only."""
    from .models import ImpactEvidence, ImpactRecord

    return list(
        ImpactRecord.objects.filter(group=group, published=True)
        .prefetch_related(
            Prefetch(
                "files",
                queryset=ImpactEvidence.objects.filter(public=True),
                to_attr="public_files",
            )
        )
        .order_by("-changed_on", "-id")
    )


def impact_by_area(*, organisation: Organisation, start, end) -> list[tuple[str, int]]:
    from .models import ImpactArea, ImpactRecord

    counts = dict(
        ImpactRecord.objects.filter(
            organisation=organisation, changed_on__gte=start, changed_on__lte=end
        )
        .values_list("area")
        .annotate(n=Count("id"))
        .values_list("area", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in ImpactArea.choices]


@reads_for_reports()
def impact_stories(*, organisation: Organisation, start, end) -> list:
    """Published records of the period, for the report: public wording only."""
    from .models import ImpactRecord

    return list(
        ImpactRecord.objects.filter(
            organisation=organisation,
            published=True,
            changed_on__gte=start,
            changed_on__lte=end,
        )
        .select_related("group")
        .order_by("-changed_on", "-id")
    )


# --- the involvement score survey ---------------------------------------------


@dataclass
class RoundScores:
    survey_round: object
    counts: dict[str, int]
    means: dict[str, float | None]  # None when fewer than SMALL_COUNT answered

    def shown(self, stakeholder: str) -> str:
        count = self.counts.get(stakeholder, 0)
        if not count:
            return "No answers yet"
        mean = self.means.get(stakeholder)
        if mean is None:
            return f"Fewer than {SMALL_COUNT} answers: not shown"
        return f"{mean:.1f} ({count} answers)"

    @property
    def service_users_shown(self) -> str:
        return self.shown("service_user")

    @property
    def staff_shown(self) -> str:
        return self.shown("staff")

    @property
    def gap(self) -> float | None:
        staff, users = self.means.get("staff"), self.means.get("service_user")
        if staff is None or users is None:
            return None
        return round(staff - users, 1)


def survey_scores(*, organisation: Organisation) -> list[RoundScores]:
    """Each round (newest first) with the mean score by stakeholder; means of
    fewer than SMALL_COUNT answers are not shown to anyone (two queries)."""
    from django.db.models import Avg

    from .models import SurveyAnswer, SurveyRound

    rounds = list(SurveyRound.objects.filter(organisation=organisation).order_by("-opens_on"))
    rows = (
        SurveyAnswer.objects.filter(round__in=rounds)
        .values("round_id", "stakeholder")
        .annotate(n=Count("id"), mean=Avg("score"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    means: dict[int, dict[str, float | None]] = defaultdict(dict)
    for row in rows:
        counts[row["round_id"]][row["stakeholder"]] = row["n"]
        means[row["round_id"]][row["stakeholder"]] = (
            float(row["mean"]) if row["n"] >= SMALL_COUNT else None
        )
    return [RoundScores(r, counts[r.pk], means[r.pk]) for r in rounds]


# --- UK Standards for Public Involvement: self-assessment -----------------------


@dataclass
class StandardRow:
    standard: str
    name: str
    statement: str
    question: str
    current: object | None  # the assessment for the year shown, if any
    by_year: dict[int, object]  # year -> assessment

    @property
    def trend(self) -> str:
        """The change from the year before, in words."""
        if self.current is None:
            return "Not assessed"
        before = self.by_year.get(self.current.year - 1)
        if before is None:
            return "First rating"
        if self.current.rating > before.rating:
            return "Better than the year before"
        if self.current.rating < before.rating:
            return "Worse than the year before"
        return "The same as the year before"


def standards_by_group(*, groups, year: int) -> dict[int, list[StandardRow]]:
    """Each group's rows for the six standards: the year's assessment and the
    history by year (one query for all the groups)."""
    from .models import STANDARD_STATEMENTS, Standard, StandardAssessment

    found: dict[int, dict[str, dict[int, object]]] = defaultdict(lambda: defaultdict(dict))
    for assessment in StandardAssessment.objects.filter(group__in=groups, year__lte=year):
        found[assessment.group_id][assessment.standard][assessment.year] = assessment
    result = {}
    for group in groups:
        rows = []
        for value, label in Standard.choices:
            history = found[group.pk][value] if group.pk in found else {}
            statement, question = STANDARD_STATEMENTS[value]
            rows.append(
                StandardRow(
                    standard=value,
                    name=label,
                    statement=statement,
                    question=question,
                    current=history.get(year),
                    by_year=dict(history),
                )
            )
        result[group.pk] = rows
    return result


def standards_years(rows: list[StandardRow]) -> list[int]:
    """The years any standard was rated in, newest first."""
    return sorted({y for row in rows for y in row.by_year}, reverse=True)


def report_jobs(*, user, organisation: Organisation | None = None, region=None, limit=10) -> list:
    """The person's own reports of the organisation (or of the region), newest first."""
    from .models import ReportJob

    jobs = ReportJob.objects.filter(requested_by=user)
    jobs = (
        jobs.filter(region=region) if region is not None else jobs.filter(organisation=organisation)
    )
    return list(jobs.order_by("-created_at", "-id")[:limit])


# --- the member experience survey ------------------------------------------------


@dataclass
class ExperienceQuestion:
    name: str
    statement: str
    short: str
    answered: int
    agreed: int

    @property
    def suppressed(self) -> bool:
        return self.answered < SMALL_COUNT

    @property
    def answered_shown(self) -> str:
        return count_shown(self.answered)

    @property
    def agreed_share(self) -> int | None:
        """Per cent who agree or strongly agree; None when fewer than
        SMALL_COUNT answered (shown to nobody: the survey is anonymous)."""
        if self.suppressed or not self.answered:
            return None
        return round(100 * self.agreed / self.answered)

    @property
    def agreed_shown(self) -> str:
        share = self.agreed_share
        if share is None:
            return f"Fewer than {SMALL_COUNT} answers: not shown"
        return f"{share}%"


@dataclass
class ExperienceResults:
    survey: object
    responses: int
    questions: list[ExperienceQuestion]
    comments: list[str] = field(default_factory=list)

    @property
    def responses_shown(self) -> str:
        return count_shown(self.responses)

    def figure_rows(self) -> list[tuple[str, str, str]]:
        section = f"Member experience: {self.survey.title}"
        rows = [(section, "Responses", self.responses_shown)]
        rows += [(section, f"{q.statement} (agree)", q.agreed_shown) for q in self.questions]
        return rows


def experience_results(*, surveys, with_comments: bool = False) -> list[ExperienceResults]:
    """Each survey's results: responses, and per question how many answered
    and the share who agree. Anonymous for everyone: a share worked out from
    fewer than SMALL_COUNT answers is shown to nobody, and comments (for
    those who run the group, `with_comments`) never carry a name. Two
    queries (three with comments), whatever the number of answers."""
    from django.db.models import Count

    from .models import EXPERIENCE_QUESTIONS, ExperienceAnswer

    surveys = list(surveys)
    aggregates = {}
    for name, _statement, _short in EXPERIENCE_QUESTIONS:
        aggregates[f"{name}_n"] = Count("id", filter=Q(**{f"{name}__isnull": False}))
        aggregates[f"{name}_agree"] = Count("id", filter=Q(**{f"{name}__gte": 4}))
    rows = {
        row["survey_id"]: row
        for row in ExperienceAnswer.objects.filter(survey__in=surveys)
        .values("survey_id")
        .annotate(responses=Count("id"), **aggregates)
    }
    comments: dict[int, list[str]] = defaultdict(list)
    if with_comments:
        for survey_id, comment in (
            ExperienceAnswer.objects.filter(survey__in=surveys)
            .exclude(comment="")
            .order_by("?")
            .values_list("survey_id", "comment")
        ):
            comments[survey_id].append(comment)
    results = []
    for survey in surveys:
        row = rows.get(survey.pk, {})
        questions = [
            ExperienceQuestion(
                name=name,
                statement=statement,
                short=short,
                answered=row.get(f"{name}_n", 0),
                agreed=row.get(f"{name}_agree", 0),
            )
            for name, statement, short in EXPERIENCE_QUESTIONS
        ]
        results.append(
            ExperienceResults(
                survey=survey,
                responses=row.get("responses", 0),
                questions=questions,
                comments=comments[survey.pk],
            )
        )
    return results


def experience_in_period(*, groups, start, end):
    """The groups' member experience surveys that opened in the period,
    newest first (one query)."""
    from .models import ExperienceSurvey

    return (
        ExperienceSurvey.objects.filter(group__in=groups, opens_on__gte=start, opens_on__lte=end)
        .select_related("group")
        .order_by("-opens_on", "-id")
    )
