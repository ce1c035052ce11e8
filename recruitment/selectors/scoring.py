"""Reads for scoring: what a reviewer sees (blind: references and answers
only, each application named by the reviewer's own opaque handle, never its
id: recruitment.handles), and the open aggregation the coordinator sees (per
criterion and weighted total: mean and spread across reviewers, moderation
flags, essential criteria not met). A fixed number of queries however many
applications."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from recruitment.handles import review_handle
from recruitment.models import (
    Answer,
    Application,
    ConflictOfInterest,
    Criterion,
    ModeratedScore,
    PanelMember,
    ReviewAssignment,
    Score,
    Vacancy,
)

Status = Application.Status
# Applications that take part in scoring (not drafts, not withdrawn).
SCORED_STATUSES = [
    Status.SUBMITTED,
    Status.SHORTLISTED,
    Status.SELECTED,
    Status.RESERVE,
    Status.NOT_SELECTED,
]
DECIDED_STATUSES = [Status.SELECTED, Status.RESERVE, Status.NOT_SELECTED]


def _round(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def criteria_of(vacancy: Vacancy) -> list[Criterion]:
    return list(Criterion.objects.filter(role_description_id=vacancy.role_description_id))


# --- What a reviewer sees ----------------------------------------------------


def panel_member_of(*, vacancy: Vacancy, user) -> PanelMember | None:
    return PanelMember.objects.filter(vacancy=vacancy, user=user).first()


def reviewer_order(application_ids: list[int], seed: int) -> list[int]:
    """The reviewer's own random order of applications: stable for one reviewer
    (seeded by their PanelMember.shuffle_seed), different between reviewers."""
    ordered = sorted(application_ids)
    random.Random(seed).shuffle(ordered)
    return ordered


def applications_for_reviewer(*, panel_member: PanelMember) -> list[Application]:
    """The applications assigned to this reviewer that they are not conflicted
    with, in their own random order, each with `.handle`: how this reviewer's
    pages and API name it. Only fields a reviewer may see are loaded: the
    reference and the answers (never the person)."""
    conflicted = ConflictOfInterest.objects.filter(panel_member=panel_member).values(
        "application_id"
    )
    applications = {
        application.pk: application
        for application in Application.objects.filter(
            review_assignments__panel_member=panel_member, status__in=SCORED_STATUSES
        )
        .exclude(pk__in=conflicted)
        .only("id", "reference", "status", "vacancy_id")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only("id", "application_id", "criterion_id", "text"),
            )
        )
    }
    ordered = [
        applications[pk] for pk in reviewer_order(list(applications), panel_member.shuffle_seed)
    ]
    for application in ordered:
        application.handle = review_handle(panel_member, application.pk)
    return ordered


@dataclass
class ReviewerOverview:
    progress: list[ReviewerProgress]
    to_score: list[Application]  # not every question scored yet, in the reviewer's order
    scored: list[Application]  # every question scored, in the reviewer's order

    @property
    def applications(self) -> list[Application]:
        return [*self.to_score, *self.scored]


def reviewer_overview(*, panel_member: PanelMember) -> ReviewerOverview:
    """The reviewer's own page: their progress question by question, and their
    applications split into those still to score and those scored, each in
    the reviewer's own random order with its `.handle`. Blind: only the
    reference is loaded (never the person, nor the answers, which the
    question and application pages show). Three queries however many
    applications: the applications with how many questions this reviewer has
    scored on each, the criteria, the reviewer's scores counted by criterion."""
    conflicted = ConflictOfInterest.objects.filter(panel_member=panel_member).values(
        "application_id"
    )
    own_scores = (
        Score.objects.filter(application=OuterRef("pk"), reviewer_id=panel_member.user_id)
        .order_by()
        .values("application")
        .annotate(n=Count("id"))
        .values("n")
    )
    found = {
        application.pk: application
        for application in Application.objects.filter(
            review_assignments__panel_member=panel_member, status__in=SCORED_STATUSES
        )
        .exclude(pk__in=conflicted)
        .only("id", "reference")
        .order_by()  # the reviewer's own order is applied below
        .annotate(
            questions_scored=Coalesce(Subquery(own_scores, output_field=IntegerField()), Value(0))
        )
    }
    criteria = criteria_of(panel_member.vacancy)
    done = (
        dict(
            Score.objects.filter(application_id__in=list(found), reviewer_id=panel_member.user_id)
            .order_by()
            .values("criterion_id")
            .annotate(n=Count("id"))
            .values_list("criterion_id", "n")
        )
        if found
        else {}
    )
    to_score, scored = [], []
    for pk in reviewer_order(list(found), panel_member.shuffle_seed):
        application = found[pk]
        application.handle = review_handle(panel_member, pk)
        (scored if application.questions_scored >= len(criteria) else to_score).append(application)
    return ReviewerOverview(
        progress=[
            ReviewerProgress(criterion, done.get(criterion.pk, 0), len(found))
            for criterion in criteria
        ],
        to_score=to_score,
        scored=scored,
    )


@dataclass
class ReviewerRow:
    application: Application
    answer: str
    own: Score | None
    others: list[Score]  # shown only once the reviewer has scored it themselves


def criterion_rows_for_reviewer(
    *, panel_member: PanelMember, criterion: Criterion
) -> list[ReviewerRow]:
    """One question across all of the reviewer's applicants, in their order."""
    applications = applications_for_reviewer(panel_member=panel_member)
    ids = [a.pk for a in applications]
    scores = defaultdict(list)
    for score in Score.objects.filter(application_id__in=ids, criterion=criterion).only(
        "id", "application_id", "criterion_id", "reviewer_id", "score", "rationale"
    ):
        scores[score.application_id].append(score)
    rows = []
    for application in applications:
        answer = next(
            (a.text for a in application.answers.all() if a.criterion_id == criterion.pk), ""
        )
        own = next(
            (s for s in scores[application.pk] if s.reviewer_id == panel_member.user_id), None
        )
        others = (
            [s for s in scores[application.pk] if s.reviewer_id != panel_member.user_id]
            if own
            else []
        )
        rows.append(ReviewerRow(application, answer, own, others))
    return rows


def application_rows_for_reviewer(*, panel_member: PanelMember, application: Application):
    """One application for a reviewer, criterion by criterion: the answer, the
    reviewer's own score, and the others' scores once they have scored it."""
    criteria = criteria_of(panel_member.vacancy)
    answers = {a.criterion_id: a.text for a in application.answers.all()}
    scores = list(
        Score.objects.filter(application=application).only(
            "id", "application_id", "criterion_id", "reviewer_id", "score", "rationale"
        )
    )
    rows = []
    for criterion in criteria:
        mine = [s for s in scores if s.criterion_id == criterion.pk]
        own = next((s for s in mine if s.reviewer_id == panel_member.user_id), None)
        others = [s for s in mine if s.reviewer_id != panel_member.user_id] if own else []
        rows.append(
            {
                "criterion": criterion,
                "answer": answers.get(criterion.pk, ""),
                "own": own,
                "others": others,
            }
        )
    return rows


@dataclass
class ReviewerProgress:
    criterion: Criterion
    scored: int
    total: int


def reviewer_progress(*, panel_member: PanelMember) -> list[ReviewerProgress]:
    applications = applications_for_reviewer(panel_member=panel_member)
    ids = [a.pk for a in applications]
    done = defaultdict(int)
    for criterion_id in Score.objects.filter(
        application_id__in=ids, reviewer_id=panel_member.user_id
    ).values_list("criterion_id", flat=True):
        done[criterion_id] += 1
    return [
        ReviewerProgress(criterion, done[criterion.pk], len(ids))
        for criterion in criteria_of(panel_member.vacancy)
    ]


def vacancies_reviewed_by(*, user) -> list[PanelMember]:
    return list(
        PanelMember.objects.filter(user=user)
        .select_related("vacancy__role_description__organisation", "vacancy__group")
        .order_by("-vacancy__closes_on")
    )


# --- The open aggregation the coordinator sees --------------------------------


@dataclass
class CriterionResult:
    criterion: Criterion
    scores: list[Score]
    mean: Decimal | None
    spread: int | None  # highest minus lowest reviewer score
    moderated: ModeratedScore | None
    flagged: bool  # reviewers differ by more than the margin

    @property
    def agreed(self) -> Decimal | None:
        """The moderated score if there is one, else the reviewers' mean."""
        if self.moderated is not None:
            return Decimal(self.moderated.score)
        return self.mean

    @property
    def needs_moderation(self) -> bool:
        return self.flagged and self.moderated is None

    @property
    def fails_essential(self) -> bool:
        return (
            self.criterion.essential
            and self.agreed is not None
            and self.agreed < self.criterion.pass_mark
        )

    @property
    def weighted(self) -> Decimal | None:
        return None if self.agreed is None else _round(self.agreed * self.criterion.weight)


@dataclass
class ApplicationResult:
    application: Application
    criteria: list[CriterionResult]
    reviewers_assigned: int = 0
    reviewer_totals: dict[int, Decimal] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every criterion has at least one score."""
        return all(c.scores for c in self.criteria)

    @cached_property
    def total(self) -> Decimal | None:
        """Weighted total of the agreed scores (None until every criterion is
        scored). Worked out once: the ranking and the page both read it."""
        if not self.complete:
            return None
        return _round(sum(c.agreed * c.criterion.weight for c in self.criteria))

    @property
    def total_mean(self) -> Decimal | None:
        """Mean of the reviewers' own weighted totals (reviewers who scored everything)."""
        if not self.reviewer_totals:
            return None
        values = list(self.reviewer_totals.values())
        return _round(sum(values) / len(values))

    @property
    def total_spread(self) -> Decimal | None:
        if not self.reviewer_totals:
            return None
        values = list(self.reviewer_totals.values())
        return _round(max(values) - min(values))

    @property
    def needs_moderation(self) -> bool:
        return any(c.needs_moderation for c in self.criteria)

    @property
    def essential_failures(self) -> list[str]:
        """Why the applicant does not meet an essential criterion, in plain words."""
        return [
            f"{c.criterion.title}: agreed score {c.agreed} is below the pass mark of "
            f"{c.criterion.pass_mark}"
            for c in self.criteria
            if c.fails_essential
        ]

    @property
    def reviewers_scored(self) -> int:
        """Reviewers who have scored every criterion."""
        return len(self.reviewer_totals)


def _results(
    vacancy: Vacancy,
    applications: list[Application],
    *,
    criteria: list[Criterion] | None = None,
    who: bool = True,
) -> list[ApplicationResult]:
    """The aggregation for each application. `who`: load each score's reviewer
    and each moderation's moderator (the application's own page names them);
    without it only the numbers are read, as rows with the same attribute
    names (the vacancy's table of scores)."""
    criteria = criteria_of(vacancy) if criteria is None else criteria
    ids = [a.pk for a in applications]
    scores = defaultdict(list)
    found_scores = Score.objects.filter(application_id__in=ids)
    found_moderated = ModeratedScore.objects.filter(application_id__in=ids)
    if who:
        found_scores = found_scores.select_related("reviewer")
        found_moderated = found_moderated.select_related("moderated_by")
    else:
        # Plain rows, not model objects, and no order: the models' default
        # orders join the application, criterion and reviewer tables only to
        # sort rows that are grouped here anyway.
        found_scores = found_scores.order_by().values_list(
            "application_id", "criterion_id", "reviewer_id", "score", named=True
        )
        found_moderated = found_moderated.order_by().values_list(
            "application_id", "criterion_id", "score", named=True
        )
    for score in found_scores:
        scores[(score.application_id, score.criterion_id)].append(score)
    moderated = {(m.application_id, m.criterion_id): m for m in found_moderated}
    assigned = defaultdict(int)
    for application_id in (
        ReviewAssignment.objects.filter(application_id__in=ids)
        .order_by()
        .values_list("application_id", flat=True)
    ):
        assigned[application_id] += 1
    results = []
    for application in applications:
        rows = []
        by_reviewer: dict[int, dict[int, int]] = defaultdict(dict)
        for criterion in criteria:
            found = scores[(application.pk, criterion.pk)]
            values = [s.score for s in found]
            for s in found:
                by_reviewer[s.reviewer_id][criterion.pk] = s.score
            spread = (max(values) - min(values)) if values else None
            rows.append(
                CriterionResult(
                    criterion=criterion,
                    scores=found,
                    mean=_round(Decimal(sum(values)) / len(values)) if values else None,
                    spread=spread,
                    moderated=moderated.get((application.pk, criterion.pk)),
                    flagged=spread is not None and spread > vacancy.moderation_margin,
                )
            )
        reviewer_totals = {
            reviewer_id: _round(sum(given[c.pk] * c.weight for c in criteria))
            for reviewer_id, given in by_reviewer.items()
            if len(given) == len(criteria) and criteria
        }
        results.append(
            ApplicationResult(application, rows, assigned[application.pk], reviewer_totals)
        )
    return results


def _rank(result: ApplicationResult):
    """Highest agreed total first, applications not fully scored last."""
    return (result.total is None, -(result.total or 0), result.application.reference)


def vacancy_results(*, vacancy: Vacancy, statuses=None) -> list[ApplicationResult]:
    """Every scored application of the vacancy with its aggregation, highest
    total first (applications not fully scored last)."""
    applications = list(
        Application.objects.filter(vacancy=vacancy, status__in=statuses or SCORED_STATUSES)
        .select_related("person", "conversation")
        .order_by("id")
    )
    results = _results(vacancy, applications)
    results.sort(key=_rank)
    return results


SCORES_PAGE_SIZE = 25


@dataclass
class VacancyScores:
    criteria: list[Criterion]
    page: Page  # ApplicationResults of this page, in rank order
    flagged: int  # applications needing moderation, on every page


def vacancy_scores_page(*, vacancy: Vacancy, page_number=None) -> VacancyScores:
    """The coordinator's table of scores a page at a time, in rank order
    (vacancy_results' order). The ranking needs every application's total,
    so the totals are worked out once, from the numbers only (score values,
    not the reviewers; the applicant's name, not their whole record). A page
    number that is not a number gives the first page; past the end, the last."""
    criteria = criteria_of(vacancy)
    applications = list(
        Application.objects.filter(vacancy=vacancy, status__in=SCORED_STATUSES)
        .select_related("person")
        .only("id", "vacancy_id", "reference", "status", "person__id", "person__full_name")
        .order_by("id")
    )
    results = _results(vacancy, applications, criteria=criteria, who=False)
    results.sort(key=_rank)
    page = Paginator(results, SCORES_PAGE_SIZE).get_page(page_number)
    return VacancyScores(
        criteria=criteria,
        page=page,
        flagged=sum(1 for result in results if result.needs_moderation),
    )


def application_result(*, application: Application) -> ApplicationResult:
    return _results(application.vacancy, [application])[0]
