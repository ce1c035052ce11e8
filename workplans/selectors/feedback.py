""" "You said, we did": reads for the coordinator's list and item pages, the
home page and the agenda, members' pages, the public board and its files,
and the figures the evaluation needs. Every list reads a fixed number of
queries however many items there are."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from involvement.models import Group, Person
from meetings.models import Invitation, Meeting

from ..models import FeedbackItem, FeedbackResponse, FeedbackSettings, Theme
from ..models.feedback import (
    DEFAULT_ANSWER_WITHIN_WEEKS,
    DEFAULT_STALE_AFTER_WEEKS,
    IN_HAND,
    FeedbackStatus,
)

Moderation = FeedbackItem.Moderation
SHOWN_ON_HOME = 5
# Groups linked from the home's "you said" panel: those with something to do.
GROUPS_SHOWN_ON_HOME = 10


# --- the organisation's settings --------------------------------------------


def settings_by_organisation(organisation_ids) -> dict[int, tuple[int, int]]:
    """{organisation id: (answer within weeks, stale after weeks)}; the
    defaults for organisations that have not chosen their own."""
    found = {
        org: (answer, stale)
        for org, answer, stale in FeedbackSettings.objects.filter(
            organisation_id__in=organisation_ids
        ).values_list("organisation_id", "answer_within_weeks", "stale_after_weeks")
    }
    defaults = (DEFAULT_ANSWER_WITHIN_WEEKS, DEFAULT_STALE_AFTER_WEEKS)
    return {org: found.get(org, defaults) for org in organisation_ids}


def _stale_condition(organisation_ids, now: datetime.datetime) -> Q:
    """Items being looked at (or partly done) with no news for longer than
    their organisation's setting."""
    condition = Q(pk__in=[])
    for org, (_answer, stale_weeks) in settings_by_organisation(organisation_ids).items():
        condition |= Q(
            group__organisation_id=org,
            last_update_at__lt=now - datetime.timedelta(weeks=stale_weeks),
        )
    return Q(status__in=sorted(IN_HAND)) & condition


def _overdue_condition(today: datetime.date) -> Q:
    return Q(answered_at__isnull=True, due_on__lt=today)


def _shared() -> Q:
    return Q(moderation=Moderation.ACCEPTED)


def _mark(items, *, today: datetime.date, stale_after: dict[int, int]) -> list[FeedbackItem]:
    """Say on each item whether it is overdue or has had no news too long."""
    now = timezone.now()
    for item in items:
        item.overdue = bool(
            item.moderation == Moderation.ACCEPTED
            and item.answered_at is None
            and item.due_on
            and item.due_on < today
        )  # as of `today`, which a caller may choose (item.is_overdue is as of now)
        weeks = stale_after.get(item.group.organisation_id, DEFAULT_STALE_AFTER_WEEKS)
        item.stale = bool(
            item.status in IN_HAND
            and item.last_update_at
            and item.last_update_at < now - datetime.timedelta(weeks=weeks)
        )
    return items


# --- the coordinator's list and item page ------------------------------------

LIST_SHOWS = {
    "all": "All points",
    "attention": "Overdue or with no news",
    "open": "Not resolved yet",
    "closed": "Resolved",
}


@dataclass
class FeedbackFilters:
    status: str = ""
    theme: int | None = None
    source: str = ""
    show: str = "all"


@dataclass
class FeedbackListing:
    items: list[FeedbackItem]
    waiting: list[FeedbackItem]
    counts: dict[str, int]
    overdue: int
    themes: list[Theme] = field(default_factory=list)


def feedback_list(
    *,
    group: Group,
    filters: FeedbackFilters | None = None,
    managers: bool = False,
    today: datetime.date | None = None,
) -> FeedbackListing:
    """The group's points shared with the group, newest first, with their
    status, overdue marking and whether a draft answer waits; for managers,
    members' points waiting to be checked too."""
    filters = filters or FeedbackFilters()
    today = today or timezone.localdate()
    stale_after = {
        org: weeks for org, (_a, weeks) in settings_by_organisation([group.organisation_id]).items()
    }
    base = FeedbackItem.objects.filter(group=group)
    shared = base.filter(_shared())
    counts = Counter(shared.values_list("status", flat=True))
    items = shared
    if filters.status in FeedbackStatus.values:
        items = items.filter(status=filters.status)
    if filters.theme:
        items = items.filter(theme_id=filters.theme)
    if filters.source in FeedbackItem.Source.values:
        items = items.filter(source=filters.source)
    if filters.show == "attention":
        items = items.filter(
            _overdue_condition(today) | _stale_condition([group.organisation_id], timezone.now())
        )
    elif filters.show == "open":
        items = items.exclude(status__in=[FeedbackStatus.DONE, FeedbackStatus.NOT_POSSIBLE])
    elif filters.show == "closed":
        items = items.filter(status__in=[FeedbackStatus.DONE, FeedbackStatus.NOT_POSSIBLE])
    items = items.select_related(
        "group", "meeting", "agenda_item", "work_item", "body", "theme", "owner"
    ).annotate(
        has_draft=Exists(
            FeedbackResponse.objects.filter(item=OuterRef("pk"), published_at__isnull=True)
        )
    )
    listed = _mark(list(items.order_by("-said_on", "-id")), today=today, stale_after=stale_after)
    waiting = []
    if managers:
        waiting = list(
            base.filter(moderation=Moderation.WAITING)
            .select_related("raised_by")
            .order_by("said_on", "id")
        )
    overdue = shared.filter(_overdue_condition(today)).count()
    return FeedbackListing(
        items=listed,
        waiting=waiting,
        counts={value: counts.get(value, 0) for value in FeedbackStatus.values},
        overdue=overdue,
        themes=list(Theme.objects.filter(exercise__group=group).order_by("name")),
    )


@dataclass
class TimelineEntry:
    when: datetime.date
    kind: str  # said, response, draft, revisit
    title: str
    response: FeedbackResponse | None = None
    meeting: Meeting | None = None


def feedback_timeline(*, item: FeedbackItem, drafts: bool = False) -> list[TimelineEntry]:
    """The item's dated history: when it was said, each published response,
    each meeting it was brought back to, and (for those who may answer it)
    the draft waiting to be published."""
    entries = [TimelineEntry(when=item.said_on, kind="said", title=item.get_source_display())]
    responses = item.responses.select_related("written_by", "published_by").order_by(
        "published_at", "id"
    )
    for response in responses:
        if response.is_published:
            entries.append(
                TimelineEntry(
                    when=timezone.localtime(response.published_at).date(),
                    kind="response",
                    title=response.get_status_display(),
                    response=response,
                )
            )
        elif drafts:
            entries.append(
                TimelineEntry(
                    when=timezone.localtime(response.updated_at).date(),
                    kind="draft",
                    title=f"Draft: {response.get_status_display()}",
                    response=response,
                )
            )
    for agenda in item.revisited_at.select_related("meeting").order_by("meeting__starts_at"):
        entries.append(
            TimelineEntry(
                when=timezone.localtime(agenda.meeting.starts_at).date(),
                kind="revisit",
                title="Brought back to the group",
                meeting=agenda.meeting,
            )
        )
    order = {"said": 0, "revisit": 1, "response": 2, "draft": 3}
    return sorted(entries, key=lambda entry: (entry.when, order[entry.kind]))


def draft_of(item: FeedbackItem) -> FeedbackResponse | None:
    return item.responses.filter(published_at__isnull=True).first()


# --- nothing is forgotten ---------------------------------------------------


@dataclass
class AttentionPanel:
    overdue: list[FeedbackItem]
    overdue_count: int
    stale: list[FeedbackItem]
    stale_count: int
    waiting_checks: int
    drafts_to_publish: int
    # (id, name) of the first GROUPS_SHOWN_ON_HOME groups with something to
    # do, by name, and how many more there are.
    groups: list[tuple[int, str]]
    more_groups: int = 0

    @property
    def anything(self) -> bool:
        return bool(
            self.overdue_count or self.stale_count or self.waiting_checks or self.drafts_to_publish
        )


def feedback_needing_attention(
    *, organisation_ids, today: datetime.date | None = None
) -> AttentionPanel:
    """For the coordinator's home page: points past their due date with no
    answer, points with no news too long, members' points waiting to be
    checked and draft answers waiting to be published."""
    today = today or timezone.localdate()
    organisation_ids = sorted(organisation_ids)
    mine = FeedbackItem.objects.filter(group__organisation_id__in=organisation_ids)
    overdue_condition = _shared() & _overdue_condition(today)
    stale_condition = _shared() & _stale_condition(organisation_ids, timezone.now())
    # The three counts in one query; the lists only when there is something to list.
    counts = mine.order_by().aggregate(
        overdue=Count("pk", filter=overdue_condition),
        stale=Count("pk", filter=stale_condition),
        waiting=Count("pk", filter=Q(moderation=Moderation.WAITING)),
    )
    drafts_to_publish = FeedbackResponse.objects.filter(
        item__group__organisation_id__in=organisation_ids, published_at__isnull=True
    ).count()
    related = ("group", "owner")
    overdue = stale = []
    if counts["overdue"]:
        overdue = list(
            mine.filter(overdue_condition)
            .select_related(*related)
            .order_by("due_on", "id")[:SHOWN_ON_HOME]
        )
    if counts["stale"]:
        stale = list(
            mine.filter(stale_condition)
            .select_related(*related)
            .order_by("last_update_at", "id")[:SHOWN_ON_HOME]
        )
    # The groups with a point overdue, without news, waiting to be checked or
    # with a draft answer: id and name only (a national organisation has
    # hundreds of groups, most with nothing to do today).
    needing = FeedbackItem.objects.filter(group=OuterRef("pk")).filter(
        overdue_condition | stale_condition | Q(moderation=Moderation.WAITING)
    )
    drafts = FeedbackResponse.objects.filter(item__group=OuterRef("pk"), published_at__isnull=True)
    groups = (
        list(
            Group.objects.filter(organisation_id__in=organisation_ids)
            .filter(Exists(needing) | Exists(drafts))
            .order_by("name")
            .values_list("id", "name")
        )
        if any(counts.values()) or drafts_to_publish
        else []
    )
    return AttentionPanel(
        overdue=overdue,
        overdue_count=counts["overdue"],
        stale=stale,
        stale_count=counts["stale"],
        waiting_checks=counts["waiting"],
        drafts_to_publish=drafts_to_publish,
        groups=groups[:GROUPS_SHOWN_ON_HOME],
        more_groups=max(0, len(groups) - GROUPS_SHOWN_ON_HOME),
    )


def revisit_due(*, group: Group, today: datetime.date | None = None) -> list[FeedbackItem]:
    """The group's points to bring back: overdue with no answer, or with no
    news for too long, oldest first."""
    today = today or timezone.localdate()
    condition = _overdue_condition(today) | _stale_condition(
        [group.organisation_id], timezone.now()
    )
    return list(
        FeedbackItem.objects.filter(group=group)
        .filter(_shared())
        .filter(condition)
        .select_related("owner")
        .order_by("due_on", "id")
    )


def raised_at(*, meeting) -> list[FeedbackItem]:
    """The shared "you said" points recorded from a meeting, in the order said."""
    return list(
        FeedbackItem.objects.filter(_shared(), meeting=meeting)
        .select_related("owner")
        .order_by("said_on", "id")
    )


def answered_since(*, group: Group, since: datetime.datetime | None) -> list[FeedbackItem]:
    """The group's points with a response published since a moment (the last
    meeting), each with those responses as `new_responses`."""
    published = FeedbackResponse.objects.filter(published_at__isnull=False)
    if since is not None:
        published = published.filter(published_at__gte=since)
    return list(
        FeedbackItem.objects.filter(group=group)
        .filter(_shared(), responses__in=published)
        .distinct()
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=published.order_by("published_at", "id"),
                to_attr="new_responses",
            )
        )
        .order_by("said_on", "id")
    )


def reminders_due(*, today: datetime.date) -> Iterator[tuple[FeedbackItem, str, str]]:
    """(item, kind, period) for each reminder an owner is due: "due_soon" a
    week before the due date, "overdue" on passing it and every four weeks
    after, "stale" every four weeks once a point has had no news too long.
    The period names the reminder, so each is sent once."""
    now = timezone.now()
    shared = FeedbackItem.objects.filter(_shared()).select_related("group__organisation", "owner")
    soon = shared.filter(
        answered_at__isnull=True, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7)
    )
    for item in soon.order_by("due_on", "id"):
        yield item, "due_soon", item.due_on.isoformat()
    for item in shared.filter(_overdue_condition(today)).order_by("due_on", "id"):
        yield item, "overdue", f"{item.due_on.isoformat()}:{(today - item.due_on).days // 28}"
    organisations = list(
        shared.filter(status__in=sorted(IN_HAND))
        .values_list("group__organisation_id", flat=True)
        .distinct()
    )
    if not organisations:
        return
    weeks = settings_by_organisation(organisations)
    for item in shared.filter(_stale_condition(organisations, now)).order_by("id"):
        since = timezone.localtime(item.last_update_at).date()
        stale_from = since + datetime.timedelta(weeks=weeks[item.group.organisation_id][1])
        yield item, "stale", f"{since.isoformat()}:{(today - stale_from).days // 28}"


# --- members' pages ---------------------------------------------------------


def published_responses() -> QuerySet:
    return FeedbackResponse.objects.filter(published_at__isnull=False).order_by(
        "published_at", "id"
    )


def member_feedback(*, person: Person) -> dict[str, list[FeedbackItem]]:
    """What happened to what a member said: the points they sent (with the
    coordinator's check), and the points made at meetings they came to, each
    with its published responses as `published`."""
    attended = Invitation.objects.filter(person=person, attended=True).values("meeting_id")
    items = (
        FeedbackItem.objects.filter(Q(raised_by=person) | (Q(meeting_id__in=attended) & _shared()))
        .select_related("group", "meeting")
        .prefetch_related(
            Prefetch("responses", queryset=published_responses(), to_attr="published")
        )
        .order_by("-said_on", "-id")
    )
    raised, at_meetings = [], []
    for item in items:
        (raised if item.raised_by_id == person.pk else at_meetings).append(item)
    return {"raised": raised, "at_meetings": at_meetings}


def groups_to_tell(*, person: Person) -> list[Group]:
    """The groups a member may send a point to (not those they have left)."""
    return list(
        Group.objects.filter(memberships__person=person)
        .exclude(memberships__status="left")
        .distinct()
        .order_by("name")
    )


# --- the public board and its files ------------------------------------------


@dataclass
class BoardFilters:
    theme: int | None = None
    status: str = ""
    year: int | None = None


def board_items(*, group: Group | None, filters: BoardFilters | None = None) -> QuerySet:
    """The group's points on the public board (every group's, for None), with
    their published responses (as `published`). Only the approved public
    wording of a point is meant to be shown; the queryset defers the rest."""
    filters = filters or BoardFilters()
    items = FeedbackItem.objects.filter(on_board=True).filter(_shared())
    if group is not None:
        items = items.filter(group=group)
    if filters.theme:
        items = items.filter(theme_id=filters.theme)
    if filters.status in FeedbackStatus.values:
        items = items.filter(status=filters.status)
    if filters.year:
        items = items.filter(said_on__year=filters.year)
    return (
        items.select_related("theme", "body", "group__organisation")
        .only(
            "id",
            "group",
            "public_text",
            "source",
            "said_on",
            "status",
            "theme",
            "body",
            "on_board",
            "moderation",
            "group__name",
            "group__organisation__name",
            "theme__name",
            "body__name",
            "last_update_at",
        )
        .prefetch_related(
            Prefetch("responses", queryset=published_responses(), to_attr="published")
        )
        .order_by("-said_on", "-id")
    )


def board_choices(*, group: Group) -> dict:
    """What the board can be filtered by: the themes and years its points have."""
    on_board = FeedbackItem.objects.filter(group=group, on_board=True).filter(_shared())
    themes = Theme.objects.filter(feedback_items__in=on_board).distinct().order_by("name")
    years = sorted({day.year for day in on_board.dates("said_on", "year")}, reverse=True)
    return {"themes": list(themes), "years": years, "statuses": FeedbackStatus.choices}


def board_responses_between(
    *, group: Group, start: datetime.date, end: datetime.date
) -> list[FeedbackItem]:
    """Points on the board with a response published in a period (the
    newsletter), each with those responses as `published`."""
    in_period = published_responses().filter(
        published_at__date__gte=start, published_at__date__lte=end
    )
    return list(
        board_items(group=group)
        .filter(responses__in=in_period)
        .distinct()
        .prefetch_related(None)
        .prefetch_related(Prefetch("responses", queryset=in_period, to_attr="published"))
    )


def board_feed_responses(*, group: Group, limit: int = 50) -> list[FeedbackResponse]:
    """The latest published responses to points on the board (the feed)."""
    return list(
        published_responses()
        .filter(item__group=group, item__on_board=True, item__moderation=Moderation.ACCEPTED)
        .select_related("item__theme")
        .order_by("-published_at", "-id")[:limit]
    )


# --- figures for the evaluation ---------------------------------------------


@dataclass
class FeedbackFigures:
    total: int
    by_status: dict[str, int]
    by_theme: dict[str, int]
    answered_in_time: int
    answered_late: int
    not_answered_yet_overdue: int
    median_days_to_first_response: float | None
    median_days_to_resolution: float | None

    @property
    def share_answered_in_time(self) -> float | None:
        """Of the points whose answer was due by now or has been given: the
        share answered by the due date (None when there are none)."""
        counted = self.answered_in_time + self.answered_late + self.not_answered_yet_overdue
        return self.answered_in_time / counted if counted else None


def feedback_figures(
    *,
    groups: QuerySet,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> FeedbackFigures:
    """Points said in a period (all, if none given) by status and theme; the
    share answered within the due time; median days from the point being made
    to a first published response, and to "done" or "not possible"."""
    today = today or timezone.localdate()
    items = FeedbackItem.objects.filter(group__in=groups).filter(_shared())
    if start is not None:
        items = items.filter(said_on__gte=start)
    if end is not None:
        items = items.filter(said_on__lte=end)
    rows = list(
        items.values_list(
            "status",
            "theme__name",
            "said_on",
            "due_on",
            "first_response_at",
            "answered_at",
            "closed_at",
        )
    )
    by_status = Counter(row[0] for row in rows)
    by_theme = Counter(row[1] or "No theme" for row in rows)
    in_time = late = waiting_late = 0
    to_first: list[int] = []
    to_closed: list[int] = []
    for _status, _theme, said_on, due_on, first, answered, closed in rows:
        if first is not None:
            to_first.append((timezone.localtime(first).date() - said_on).days)
        if closed is not None:
            to_closed.append((timezone.localtime(closed).date() - said_on).days)
        if answered is not None:
            if timezone.localtime(answered).date() <= due_on:
                in_time += 1
            else:
                late += 1
        elif due_on < today:
            waiting_late += 1
    return FeedbackFigures(
        total=len(rows),
        by_status={value: by_status.get(value, 0) for value in FeedbackStatus.values},
        by_theme=dict(sorted(by_theme.items())),
        answered_in_time=in_time,
        answered_late=late,
        not_answered_yet_overdue=waiting_late,
        median_days_to_first_response=statistics.median(to_first) if to_first else None,
        median_days_to_resolution=statistics.median(to_closed) if to_closed else None,
    )
