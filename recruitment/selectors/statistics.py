"""Statistics for the coordinator: each reviewer's scoring against the
panel's (a harsh or generous scorer shows), and diversity through the
pipeline (applied, shortlisted, selected) in aggregate only, never shown for
a stage with fewer than five applicants."""

from __future__ import annotations

import statistics as stats
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef

from involvement import permissions
from involvement.models import DiversityConsent, DiversityFactor, DiversityProfile
from recruitment.models import Application, AuditEvent, PanelMember, Score, Vacancy

from .scoring import _round

Status = Application.Status
MINIMUM_COUNT = permissions.SMALL_COUNT  # the core's one rule for small counts


@dataclass
class ReviewerStatistics:
    reviewer: object
    count: int
    mean: Decimal | None
    spread: Decimal | None  # standard deviation of their scores
    panel_mean: Decimal | None  # everyone's mean on the same applications and criteria
    difference: Decimal | None

    @property
    def tendency(self) -> str:
        if self.difference is None:
            return "Not enough scores yet"
        if self.difference <= Decimal("-0.5"):
            return "Harsher than the panel"
        if self.difference >= Decimal("0.5"):
            return "More generous than the panel"
        return "In line with the panel"


def reviewer_statistics(*, vacancy: Vacancy) -> tuple[list[ReviewerStatistics], dict]:
    """Each reviewer's mean and spread of scores, against the panel's mean on
    the very same items (application and criterion) they scored."""
    scores = list(
        Score.objects.filter(application__vacancy=vacancy).values_list(
            "reviewer_id", "application_id", "criterion_id", "score"
        )
    )
    by_item = defaultdict(list)
    by_reviewer = defaultdict(list)
    for reviewer_id, application_id, criterion_id, value in scores:
        by_item[(application_id, criterion_id)].append(value)
        by_reviewer[reviewer_id].append(((application_id, criterion_id), value))
    rows = []
    for panel_member in PanelMember.objects.filter(vacancy=vacancy).select_related("user"):
        given = by_reviewer.get(panel_member.user_id, [])
        values = [v for _, v in given]
        if values:
            mean = stats.fmean(values)
            panel = stats.fmean(stats.fmean(by_item[item]) for item, _ in given)
            rows.append(
                ReviewerStatistics(
                    panel_member.user,
                    len(values),
                    _round(mean),
                    _round(stats.pstdev(values)),
                    _round(panel),
                    _round(mean - panel),
                )
            )
        else:
            rows.append(ReviewerStatistics(panel_member.user, 0, None, None, None, None))
    all_values = [v for *_, v in scores]
    panel = {
        "count": len(all_values),
        "mean": _round(stats.fmean(all_values)) if all_values else None,
        "spread": _round(stats.pstdev(all_values)) if all_values else None,
    }
    return rows, panel


@dataclass
class StageCounts:
    stage: str
    total: int
    suppressed: bool
    counts: dict[str, int | None]  # factor name -> people counted (None when suppressed)
    not_known: int | None

    @property
    def cells(self) -> list[int | None]:
        """The counts in the order of the group's factors."""
        return list(self.counts.values())


STAGES = [
    ("Applied", None),
    ("Shortlisted", "shortlisted"),
    ("Selected", "selected"),
]


def diversity_by_stage(*, vacancy: Vacancy) -> tuple[list[DiversityFactor], list[StageCounts]]:
    """How many applicants at each stage count towards each of the group's
    diversity factors (consented data only). A stage with fewer than five
    applicants is not shown at all, so nobody can be picked out."""
    factors = list(DiversityFactor.objects.filter(group_id=vacancy.group_id))
    shortlisted_event = AuditEvent.objects.filter(application=OuterRef("pk"), action="shortlist")
    applications = list(
        Application.objects.filter(vacancy=vacancy)
        .exclude(status=Status.DRAFT)
        .annotate(was_shortlisted=Exists(shortlisted_event))
        .values_list("person_id", "status", "was_shortlisted")
    )
    people = {p for p, _, _ in applications if p}
    consented = set(
        DiversityConsent.objects.filter(
            person_id__in=people, withdrawn_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    profiles = {p.person_id: p for p in DiversityProfile.objects.filter(person_id__in=consented)}
    in_stage = {
        None: lambda status, shortlisted: True,
        "shortlisted": lambda status, shortlisted: (
            shortlisted or status in {Status.SHORTLISTED, Status.SELECTED, Status.RESERVE}
        ),
        "selected": lambda status, shortlisted: status == Status.SELECTED,
    }
    rows = []
    for label, key in STAGES:
        members = [p for p, status, short in applications if in_stage[key](status, short)]
        total = len(members)
        suppressed = total < MINIMUM_COUNT
        counts = {}
        for factor in factors:
            counts[factor.name] = (
                None if suppressed else sum(1 for p in members if factor.counts(profiles.get(p)))
            )
        not_known = None if suppressed else sum(1 for p in members if p not in profiles)
        rows.append(StageCounts(label, total, suppressed, counts, not_known))
    return factors, rows
