"""The region dashboard's figures: every group of the organisations that share
their aggregate figures with a region, side by side: members against the
target size, attendance rate, "you said" points answered in time, claims paid
within the organisation's prompt-payment target, and each group's latest
rating against the six UK Standards for Public Involvement.

A region never sees anyone: counts of people below SMALL_COUNT are "fewer
than 5" (primary suppression), and where exactly one group's count is hidden
another is hidden too (secondary, `suppress_cells`), so the region's total
does not give it away. Rates whose denominator is a small number of people
are not shown.

Read in a fixed number of queries whatever the number of organisations and
groups (the tests assert it at two sizes)."""

from __future__ import annotations

import datetime
import hashlib
import math
import statistics
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from expenses.models import ExpenseClaim
from expenses.selectors.prompt import step_days
from expenses.services.prompt import targets_by_organisation
from involvement.db_routing import PRIMARY, reads_for_reports
from involvement.models import Group, Membership, Organisation
from involvement.permissions import SMALL_COUNT, count_shown
from meetings.models import Invitation

from .kept import worked_out_shown
from .models import Region, Standard, StandardAssessment, StandardRating
from .selectors import PERIODS, month_end, months_back, suppress_cells

TOO_FEW = "Too few to show"
SORTS = [
    ("name", "Organisation and group"),
    ("members", "Active members"),
    ("attendance", "Attendance rate"),
    ("feedback", '"You said" answered in time'),
    ("claims", "Claims paid in time"),
]
# Funnel limits: three standard errors either side of the region's rate.
FUNNEL_SIGMAS = 3


# Django works a TextChoices' choices out afresh at each reading: once here.
_STANDARDS = Standard.choices
_RATING_LABELS = dict(StandardRating.choices)


def _pct(value: float | None) -> str:
    if value is None:
        return TOO_FEW
    return f"{round(value)}%"


@dataclass(frozen=True)
class RegionGroup:
    """What the region is shown of a group: its name and target size."""

    pk: int
    name: str
    organisation_id: int
    target_min: int
    target_max: int


@dataclass
class RegionGroupRow:
    group: RegionGroup
    organisation: Organisation
    active: int
    active_shown: str
    came: int
    taken: int
    feedback_in_time: int
    feedback_counted: int
    claims_paid: int
    claims_in_target: int
    target_days: int
    ratings: dict[str, int] = field(default_factory=dict)  # standard: latest rating
    attendance_position: str = ""

    @property
    def standards(self) -> list[tuple[str, str]]:
        """(standard, rating shown) for each of the six, in their order."""
        return [
            (label, _RATING_LABELS[self.ratings[value]] if value in self.ratings else "Not rated")
            for value, label in _STANDARDS
        ]

    @property
    def active_is_shown(self) -> bool:
        """False when the count is hidden (a small number, or hidden beside one)."""
        return self.active_shown.isdigit()

    @property
    def within_target(self) -> bool | None:
        if not self.active_is_shown:
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

    @property
    def attendance_rate(self) -> float | None:
        """Per cent who came, or None when too few were counted to show."""
        if self.taken < SMALL_COUNT:
            return None
        return 100 * self.came / self.taken

    @property
    def attendance_shown(self) -> str:
        if not self.taken:
            return "No attendance taken"
        return _pct(self.attendance_rate)

    @property
    def feedback_share(self) -> float | None:
        if not self.feedback_counted:
            return None
        return 100 * self.feedback_in_time / self.feedback_counted

    @property
    def feedback_shown(self) -> str:
        share = self.feedback_share
        return "None due" if share is None else _pct(share)

    @property
    def claims_share(self) -> float | None:
        if self.claims_paid < SMALL_COUNT:
            return None
        return 100 * self.claims_in_target / self.claims_paid

    @property
    def claims_shown(self) -> str:
        if not self.claims_paid:
            return "No claims paid"
        return _pct(self.claims_share)


@dataclass
class Spread:
    """How a rate spreads across the groups whose rate is shown."""

    count: int
    lowest: float | None = None
    median: float | None = None
    highest: float | None = None

    @property
    def shown(self) -> str:
        if not self.count:
            return "No group's rate can be shown"
        return (
            f"lowest {round(self.lowest)}%, middle {round(self.median)}%, "
            f"highest {round(self.highest)}% ({self.count} groups shown)"
        )


def _spread(values: list[float | None]) -> Spread:
    shown = [v for v in values if v is not None]
    if not shown:
        return Spread(0)
    return Spread(len(shown), min(shown), statistics.median(shown), max(shown))


@dataclass
class RegionDashboard:
    region: Region
    months: list[datetime.date]
    organisations: list[Organisation]
    rows: list[RegionGroupRow]
    active_total: int
    came: int
    taken: int
    feedback_in_time: int
    feedback_counted: int
    claims_paid: int
    claims_in_target: int
    sort: str = "name"
    kind: str = ""
    locality: str = ""
    localities: list[str] = field(default_factory=list)
    worked_out_at: datetime.datetime | None = None

    @property
    def worked_out_shown(self) -> str:
        """When the figures were worked out: "Figures worked out at 9:15am today"."""
        return worked_out_shown(self.worked_out_at)

    @property
    def filter_query(self) -> str:
        """The kind and locality filters as query-string pairs, for links."""
        return urlencode({k: v for k, v in (("kind", self.kind), ("locality", self.locality)) if v})

    @property
    def start(self) -> datetime.date:
        return self.months[0]

    @property
    def end(self) -> datetime.date:
        return month_end(self.months[-1])

    @property
    def sort_label(self) -> str:
        return dict(SORTS)[self.sort].lower()

    @property
    def active_total_shown(self) -> str:
        return count_shown(self.active_total)

    @property
    def attendance_rate(self) -> float | None:
        if self.taken < SMALL_COUNT:
            return None
        return 100 * self.came / self.taken

    @property
    def attendance_shown(self) -> str:
        if not self.taken:
            return "No attendance taken"
        return _pct(self.attendance_rate)

    @property
    def feedback_shown(self) -> str:
        if not self.feedback_counted:
            return "None due"
        return _pct(100 * self.feedback_in_time / self.feedback_counted)

    @property
    def claims_shown(self) -> str:
        if not self.claims_paid:
            return "No claims paid"
        if self.claims_paid < SMALL_COUNT:
            return TOO_FEW
        return _pct(100 * self.claims_in_target / self.claims_paid)

    @property
    def within_target_count(self) -> int:
        return sum(1 for row in self.rows if row.within_target)

    @property
    def attendance_spread(self) -> Spread:
        return _spread([row.attendance_rate for row in self.rows])

    @property
    def feedback_spread(self) -> Spread:
        return _spread([row.feedback_share for row in self.rows])

    @property
    def claims_spread(self) -> Spread:
        return _spread([row.claims_share for row in self.rows])

    @property
    def standard_names(self) -> list[str]:
        return [label for _value, label in Standard.choices]

    def figure_rows(self) -> list[tuple[str, str, str]]:
        """(section, figure, value as shown), for the CSV and the API."""
        rows = [
            ("Region", "Organisations sharing their figures", str(len(self.organisations))),
            ("Region", "Groups", str(len(self.rows))),
            ("Region", "Active members", self.active_total_shown),
            ("Region", "Attendance rate", self.attendance_shown),
            ("Region", '"You said" points answered in time', self.feedback_shown),
            ("Region", "Claims paid within the target", self.claims_shown),
        ]
        for row in self.rows:
            section = f"{row.organisation.name}: {row.group.name}"
            rows += [
                (section, "Active members", row.active_shown),
                (section, "Target size", f"{row.group.target_min} to {row.group.target_max}"),
                (section, "Within the target size", row.within_target_shown),
                (section, "Attendance rate", row.attendance_shown),
                (section, "Attendance against the region", row.attendance_position),
                (section, '"You said" points answered in time', row.feedback_shown),
                (
                    section,
                    f"Claims paid within {row.target_days} working days",
                    row.claims_shown,
                ),
            ]
            rows += [(section, name, rating) for name, rating in row.standards]
        return rows


def funnel_position(*, came: int, taken: int, region_rate: float | None) -> str:
    """Where a group's attendance rate sits against the region's funnel: the
    region's rate with limits three standard errors either side, wider for a
    group that counted fewer people."""
    if taken < SMALL_COUNT:
        return "Not shown"
    if region_rate is None:
        return "No region rate"
    p = region_rate / 100
    if p in (0, 1):
        return "Within the region's expected range"
    spread = FUNNEL_SIGMAS * math.sqrt(p * (1 - p) / taken)
    rate = came / taken
    if rate > p + spread:
        return "Above the region's expected range"
    if rate < p - spread:
        return "Below the region's expected range"
    return "Within the region's expected range"


def _sort_key(sort: str):
    def rate_key(value):
        # Highest first; groups with nothing shown last.
        return (value is None, -(value or 0))

    return {
        # Hidden counts last, in name order: their place would give them away.
        "members": lambda row: (
            not row.active_is_shown,
            -row.active if row.active_is_shown else 0,
            row.organisation.name,
            row.group.name,
        ),
        "attendance": lambda row: rate_key(row.attendance_rate),
        "feedback": lambda row: rate_key(row.feedback_share),
        "claims": lambda row: rate_key(row.claims_share),
    }.get(sort, lambda row: (row.organisation.name, row.group.name))


# --- working the figures out, and keeping them ------------------------------------
#
# Working the figures out reads every sharing organisation's memberships,
# attendance, "you said" points, claims and self-assessments: a third of a
# second for 250 groups. They are kept in the cache (Redis in production) per
# region and period, worked out again by the beat task every quarter of an
# hour (settings.CELERY_BEAT_SCHEDULE) and forgotten when a grant starts or
# stops. What may be shown is never taken from the cache: the live grants and
# the groups are read on every request, and kept figures that do not cover
# exactly those organisations and groups are worked out again there and then.

CACHE_VERSION = 1
# Kept figures expire after two hours: if the beat stops, a page works them out.
CACHE_SECONDS = 2 * 60 * 60


def cache_key(region_id: int, months: list[datetime.date]) -> str:
    return f"evaluation:region-figures:v{CACHE_VERSION}:{region_id}:{months[0]:%Y-%m}:{len(months)}"


def _sharing(region: Region) -> list[Organisation]:
    """The organisations sharing their figures with the region now: always
    from the primary database (never the replica, never the cache), so a grant
    stopped a moment ago is already gone."""
    return list(
        Organisation.objects.using(PRIMARY)
        .filter(region_grants__region=region, region_grants__revoked_at__isnull=True)
        .order_by("name")
    )


def _groups(organisations: list[Organisation]) -> list[RegionGroup]:
    """The organisations' groups as they are now (names and target sizes)."""
    place = {o.pk: i for i, o in enumerate(organisations)}  # already in name order
    groups = [
        RegionGroup(*values)
        for values in Group.objects.using(PRIMARY)
        .filter(organisation_id__in=list(place))
        .order_by()
        .values_list("id", "name", "organisation_id", "target_min", "target_max")
    ]
    groups.sort(key=lambda g: (place[g.organisation_id], g.name.casefold()))
    return groups


@reads_for_reports()
def work_out(
    *, organisation_ids: list[int], group_ids: list[int], months: list[datetime.date], today
) -> dict:
    """The exact figures of the organisations' groups over the months, as
    plain values (what the cache keeps): never shown as they are."""
    start, end = months[0], month_end(months[-1])
    figures = {
        pk: {
            "active": 0,
            "came": 0,
            "taken": 0,
            "in_time": 0,
            "late": 0,
            "waiting": 0,
            "claims_paid": 0,
            "claims_in_target": 0,
            "ratings": {},
        }
        for pk in group_ids
    }
    for group_id, active in (
        Membership.objects.filter(group_id__in=group_ids, status=Membership.Status.ACTIVE)
        .values("group_id")
        .annotate(n=Count("id"))
        .values_list("group_id", "n")
    ):
        figures[group_id]["active"] = active
    for row in (
        Invitation.objects.filter(
            meeting__group_id__in=group_ids,
            attended__isnull=False,
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lte=end,
        )
        .values("meeting__group_id")
        .annotate(taken=Count("id"), came=Count("id", filter=Q(attended=True)))
    ):
        figures[row["meeting__group_id"]].update(came=row["came"], taken=row["taken"])

    from workplans.models import FeedbackItem

    for row in (
        FeedbackItem.objects.filter(
            group_id__in=group_ids,
            moderation="accepted",
            said_on__gte=start,
            said_on__lte=end,
        )
        .values("group_id")
        .annotate(
            in_time=Count(
                "id", filter=Q(answered_at__isnull=False, answered_at__date__lte=F("due_on"))
            ),
            late=Count(
                "id", filter=Q(answered_at__isnull=False, answered_at__date__gt=F("due_on"))
            ),
            waiting=Count("id", filter=Q(answered_at__isnull=True, due_on__lt=today)),
        )
    ):
        figures[row["group_id"]].update(
            in_time=row["in_time"], late=row["late"], waiting=row["waiting"]
        )

    targets = targets_by_organisation(list(organisation_ids))
    for row in ExpenseClaim.objects.filter(
        organisation_id__in=organisation_ids,
        paid_on__gte=start,
        paid_on__lte=end,
        submitted_at__isnull=False,
    ).values(
        "organisation_id",
        "group_id",
        "meeting__group_id",
        "meeting__starts_at",
        "submitted_at",
        "approved_at",
        "paid_on",
        "organisation__nation",
    ):
        group_id = row["group_id"] or row["meeting__group_id"]
        days = step_days(row).get("claim_to_payment")
        if group_id not in figures or days is None:
            continue
        figures[group_id]["claims_paid"] += 1
        if days <= targets[row["organisation_id"]]:
            figures[group_id]["claims_in_target"] += 1

    for group_id, standard, rating in (
        StandardAssessment.objects.filter(group_id__in=group_ids, year__lte=today.year)
        .order_by("year")
        .values_list("group_id", "standard", "rating")
    ):
        figures[group_id]["ratings"][standard] = rating
    return {
        "worked_out_at": timezone.now(),
        "today": today,
        "organisation_ids": sorted(organisation_ids),
        "targets": targets,
        "groups": figures,
    }


def _covers(kept: dict | None, *, organisations, groups, today) -> bool:
    """Whether kept figures are for exactly these organisations, every one of
    these groups, and today."""
    return (
        kept is not None
        and kept.get("today") == today
        and kept.get("organisation_ids") == sorted(o.pk for o in organisations)
        and all(g.pk in kept["groups"] for g in groups)
    )


def refresh(*, region: Region, months: list[datetime.date], today=None) -> dict:
    """Work the region's figures out now and keep them."""
    today = today or timezone.localdate()
    sharing = _sharing(region)
    figures = work_out(
        organisation_ids=[o.pk for o in sharing],
        group_ids=[g.pk for g in _groups(sharing)],
        months=months,
        today=today,
    )
    cache.set(cache_key(region.pk, months), figures, CACHE_SECONDS)
    return figures


def refresh_all(*, today=None) -> int:
    """Work out again every region's figures for every period offered, for
    the beat task. Returns how many sets of figures were kept."""
    today = today or timezone.localdate()
    kept = 0
    for region in Region.objects.filter(grants__revoked_at__isnull=True).distinct():
        for period, _label in PERIODS:
            refresh(region=region, months=months_back(months=int(period), today=today), today=today)
            kept += 1
    return kept


def forget(*, region_ids, today=None) -> None:
    """Drop the regions' kept figures (a grant started or stopped): the next
    page works them out afresh."""
    today = today or timezone.localdate()
    cache.delete_many(
        [
            cache_key(region_id, months_back(months=int(period), today=today))
            for region_id in region_ids
            for period, _label in PERIODS
        ]
    )


@dataclass
class Live:
    """What the region may be shown now (the organisations sharing and their
    groups, read on every request) and the figures for them."""

    sharing: list[Organisation]
    groups: list[RegionGroup]
    figures: dict

    @property
    def worked_out_at(self) -> datetime.datetime:
        return self.figures["worked_out_at"]

    @property
    def localities(self) -> list[str]:
        return sorted(
            {place for o in self.sharing for place in (o.localities or []) if place},
            key=str.casefold,
        )

    def narrowed(self, *, kind: str, locality: str) -> list[Organisation]:
        """The sharing organisations of that kind and serving that locality."""
        return [
            o
            for o in self.sharing
            if (not kind or o.kind == kind) and (not locality or locality in (o.localities or []))
        ]

    def fingerprint(self) -> str:
        """Changes whenever anything read live changes (a grant, an
        organisation's name, kind or localities, a group's name or target)."""
        live = [(o.pk, o.name, o.kind, o.localities) for o in self.sharing] + self.groups
        return hashlib.sha256(repr(live).encode()).hexdigest()[:32]


def live_figures(
    *, region: Region, months: list[datetime.date], today=None, kept: bool = False
) -> Live:
    """The organisations sharing now and their groups, with their figures.
    With `kept`, the figures come from the cache when they cover exactly those
    organisations and groups (else they are worked out now and kept); without,
    they are worked out now."""
    today = today or timezone.localdate()
    sharing = _sharing(region)
    groups = _groups(sharing)
    figures = cache.get(cache_key(region.pk, months)) if kept else None
    if not _covers(figures, organisations=sharing, groups=groups, today=today):
        figures = work_out(
            organisation_ids=[o.pk for o in sharing],
            group_ids=[g.pk for g in groups],
            months=months,
            today=today,
        )
        if kept:
            cache.set(cache_key(region.pk, months), figures, CACHE_SECONDS)
    return Live(sharing=sharing, groups=groups, figures=figures)


def region_dashboard(
    *,
    region: Region,
    months: list[datetime.date],
    sort: str = "name",
    kind: str = "",
    locality: str = "",
    today: datetime.date | None = None,
    kept: bool = False,
    live: Live | None = None,
) -> RegionDashboard:
    """Everything the region dashboard shows (never exact: a region sees no one).
    `kind` and `locality` narrow it to organisations of that kind or serving
    that locality; the localities offered are those of every sharing
    organisation. The figures as `live_figures` gives them (or `live`)."""
    live = live or live_figures(region=region, months=months, today=today, kept=kept)
    figures, all_groups = live.figures, live.groups
    localities = live.localities
    if locality not in localities:
        locality = ""
    organisations = live.narrowed(kind=kind, locality=locality)
    by_id = {o.pk: o for o in organisations}
    groups = [g for g in all_groups if g.organisation_id in by_id]
    of = figures["groups"]
    shown = suppress_cells([of[g.pk]["active"] for g in groups], exact=False)
    rows = []
    for group, active_shown in zip(groups, shown, strict=True):
        said = of[group.pk]
        rows.append(
            RegionGroupRow(
                group=group,
                organisation=by_id[group.organisation_id],
                active=said["active"],
                active_shown=active_shown,
                came=said["came"],
                taken=said["taken"],
                feedback_in_time=said["in_time"],
                feedback_counted=said["in_time"] + said["late"] + said["waiting"],
                claims_paid=said["claims_paid"],
                claims_in_target=said["claims_in_target"],
                target_days=figures["targets"][group.organisation_id],
                ratings=said["ratings"],
            )
        )
    dashboard = RegionDashboard(
        region=region,
        months=months,
        organisations=organisations,
        rows=rows,
        active_total=sum(r.active for r in rows),
        came=sum(r.came for r in rows),
        taken=sum(r.taken for r in rows),
        feedback_in_time=sum(r.feedback_in_time for r in rows),
        feedback_counted=sum(r.feedback_counted for r in rows),
        claims_paid=sum(r.claims_paid for r in rows),
        claims_in_target=sum(r.claims_in_target for r in rows),
        sort=sort if sort in dict(SORTS) else "name",
        kind=kind,
        locality=locality,
        localities=localities,
        worked_out_at=figures["worked_out_at"],
    )
    region_rate = dashboard.attendance_rate
    for row in rows:
        row.attendance_position = funnel_position(
            came=row.came, taken=row.taken, region_rate=region_rate
        )
    rows.sort(key=_sort_key(dashboard.sort))
    return dashboard
