"""Reads for the briefing before a board meeting: everything its page and
its pack show, in a fixed number of queries however many papers, points
and terms it has."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch

from involvement.glossary import Readability, readability, terms_found, unknown_acronyms
from involvement.selectors.glossary import Entry, glossary_of

from ..models import AgendaItem, Briefing, BriefingPoint, Meeting, Paper

PANEL_PAST = timedelta(weeks=8)
PANEL_SIZE = 6


@dataclass
class PaperSummary:
    paper: Paper
    summary: str
    readability: Readability | None


@dataclass
class PointGroup:
    heading: str
    points: list[BriefingPoint] = field(default_factory=list)


@dataclass
class BriefingView:
    meeting: Meeting
    briefing: Briefing | None
    papers: list[PaperSummary]
    glossary: list[Entry]
    point_groups: list[PointGroup]
    point_count: int
    expect_readability: Readability | None


def briefing_of(meeting: Meeting) -> Briefing | None:
    return (
        Briefing.objects.filter(meeting=meeting)
        .select_related("pre_meeting__group")
        .prefetch_related(
            "summaries",
            Prefetch(
                "points",
                queryset=BriefingPoint.objects.select_related("person", "agenda_item").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .first()
    )


def group_points(points, agenda_items) -> list[PointGroup]:
    """Points under the board's agenda items in agenda order, then the rest."""
    groups = {item.pk: PointGroup(item.title) for item in agenda_items}
    general = PointGroup("Other points" if agenda_items else "Points to raise")
    for point in points:
        groups.get(point.agenda_item_id, general).points.append(point)
    return [group for group in [*groups.values(), general] if group.points]


def briefing_view(meeting: Meeting) -> BriefingView:
    briefing = briefing_of(meeting)
    papers = list(meeting.papers.filter(kind=Paper.Kind.UPLOADED).order_by("created_at", "id"))
    summaries = {row.paper_id: row.summary for row in briefing.summaries.all()} if briefing else {}
    picked = {term.lower() for term in (briefing.glossary_terms if briefing else [])}
    glossary = [
        entry
        for entry in glossary_of(organisation_id=meeting.organisation_id)
        if entry.term.lower() in picked
    ]
    agenda_items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    points = list(briefing.points.all()) if briefing else []
    return BriefingView(
        meeting=meeting,
        briefing=briefing,
        papers=[
            PaperSummary(paper, text, readability(text))
            for paper, text in ((paper, summaries.get(paper.pk, "")) for paper in papers)
        ],
        glossary=glossary,
        point_groups=group_points(points, agenda_items),
        point_count=len(points),
        expect_readability=readability(briefing.what_to_expect) if briefing else None,
    )


@dataclass(frozen=True)
class GlossaryHints:
    found: list[str]  # glossary terms the summaries use
    missing: list[str]  # acronyms the glossary lacks


def glossary_hints(*, organisation_id: int, texts: list[str]) -> GlossaryHints:
    terms = [entry.term for entry in glossary_of(organisation_id=organisation_id)]
    text = "\n".join(texts)
    return GlossaryHints(found=terms_found(text, terms), missing=unknown_acronyms(text, terms))


def briefings_panel(*, user, body) -> dict | None:
    """The "Briefings for the representatives" section of a body's page: the
    upcoming and recent board meetings whose briefing this person may read
    (for those who do not prepare them, once prepared). A fixed number of
    queries however many meetings and points."""
    from django.db.models import Count
    from django.utils import timezone

    from meetings import permissions

    recent = timezone.now() - PANEL_PAST
    can_prepare = permissions.can_manage_meetings(user, body.organisation_id)
    found = permissions.briefing_meetings_visible_to(user).filter(
        body=body, status=Meeting.Status.SCHEDULED, ends_at__gte=recent
    )
    if not can_prepare:  # the others hear of a briefing once it is prepared
        found = found.filter(briefing__isnull=False)
    meetings = list(
        found.select_related("briefing", "organisation")
        .annotate(point_total=Count("briefing__points"))
        .order_by("starts_at")[:PANEL_SIZE]
    )
    meetings = permissions.briefings_readable(user, body, meetings) if meetings else []
    if not meetings:
        return None
    for meeting in meetings:
        meeting.the_briefing = getattr(meeting, "briefing", None)
    return {"body": body, "meetings": meetings, "can_prepare": can_prepare}
