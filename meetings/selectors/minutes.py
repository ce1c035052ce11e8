"""Reads for the minutes pages and the feedback summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from ..models import Action, AgendaItem, Correction, Meeting, MinuteEntry, Minutes
from ..summary_sections import sections_for


@dataclass
class MinutesRow:
    item: AgendaItem
    entry: MinuteEntry | None
    actions: list[Action] = field(default_factory=list)


def minutes_get(*, meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("approved_by").first()


def minutes_rows(*, meeting: Meeting, minutes: Minutes | None) -> list[MinutesRow]:
    """One row per agenda item: the minute entry (if written) and its actions."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    entries = {}
    if minutes is not None:
        entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
    actions: dict[int | None, list[Action]] = {}
    for action in Action.objects.filter(meeting=meeting).select_related("owner_person"):
        actions.setdefault(action.agenda_item_id, []).append(action)
    rows = [MinutesRow(item, entries.get(item.pk), actions.get(item.pk, [])) for item in items]
    return rows


def meeting_actions(*, meeting: Meeting) -> list[Action]:
    return list(
        Action.objects.filter(meeting=meeting)
        .select_related("owner_person", "agenda_item")
        .order_by("due_on", "pk")
    )


def corrections_list(*, minutes: Minutes | None) -> list[Correction]:
    if minutes is None:
        return []
    return list(Correction.objects.filter(minutes=minutes).select_related("person", "agenda_item"))


@dataclass
class SummaryContent:
    meeting: Meeting
    minutes: Minutes | None
    agreed: list[MinuteEntry]
    actions: list[Action]
    open_actions: int
    done_actions: int
    next_meeting: Meeting | None
    # Added by apps above meetings (meetings.summary_sections), e.g. "You said, we did".
    sections: list = field(default_factory=list)


def next_meeting_of(meeting: Meeting) -> Meeting | None:
    if not meeting.group_id:
        return None
    return (
        Meeting.objects.filter(
            group_id=meeting.group_id,
            starts_at__gt=max(meeting.starts_at, timezone.now()),
            status=Meeting.Status.SCHEDULED,
        )
        .order_by("starts_at")
        .first()
    )


def summary_content(*, meeting: Meeting) -> SummaryContent:
    """What the feedback summary says: what was agreed under each agenda item,
    and the actions agreed with their progress."""
    minutes = minutes_get(meeting=meeting)
    agreed: list[MinuteEntry] = []
    if minutes is not None:
        agreed = list(
            minutes.entries.select_related("agenda_item")
            .exclude(agreed="", said="")
            .order_by("agenda_item__position", "agenda_item_id")
        )
    actions = meeting_actions(meeting=meeting)
    return SummaryContent(
        meeting=meeting,
        minutes=minutes,
        agreed=agreed,
        actions=actions,
        open_actions=sum(action.is_open for action in actions),
        done_actions=sum(action.status == Action.Status.DONE for action in actions),
        next_meeting=next_meeting_of(meeting),
        sections=sections_for(meeting),
    )


def entries_prefetch() -> Prefetch:
    return Prefetch("entries", queryset=MinuteEntry.objects.select_related("agenda_item"))


@dataclass
class QuestionResult:
    label: str
    counts: list[tuple[int, int]]
    average: float | None


@dataclass
class ReviewResults:
    responses: int
    members: int
    questions: list[QuestionResult]
    comments: list[tuple[str, str | None]]


def review_results(*, review) -> ReviewResults:
    """Counts per answer for each question, and the comments: named only when
    the member agreed to it."""
    from involvement.models import Membership

    from ..models import ReviewResponse

    responses = list(
        ReviewResponse.objects.filter(review=review).select_related("person").order_by("pk")
    )
    questions = []
    for name, label in review.QUESTIONS:
        values = [getattr(response, name) for response in responses]
        counts = [(score, values.count(score)) for score in range(1, 6)]
        average = round(sum(values) / len(values), 1) if values else None
        questions.append(QuestionResult(label, counts, average))
    comments = [
        (response.change, response.person.display_name if response.may_name else None)
        for response in responses
        if response.change
    ]
    members = (
        Membership.objects.filter(group_id=review.group_id)
        .exclude(status=Membership.Status.LEFT)
        .count()
    )
    return ReviewResults(len(responses), members, questions, comments)
