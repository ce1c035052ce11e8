""" "You said, we did": writes for "you said" items and their "we did"
responses (models/feedback.py says what they are for).

Where points come from: a group's meeting (`feedback_capture`, from the
minutes page), a representative's debrief (`feedback_from_debrief`, the hook
the representatives' debriefs call), a reflective review comment
(`feedback_from_review_comment`), a workshop or community event, and members
between meetings (`feedback_raise`, checked by the coordinator with
`feedback_accept` or `feedback_decline`). All of them go through
`feedback_record`, which any other service above workplans may call too.

Answers: `response_draft` (the owner or the coordinator), `response_publish`
(the coordinator, after checking the wording), `response_discard` (a draft
only). Publishing tells the members who raised the point or were at the
meeting (`response_tell_members`, once each, however often it runs).
"""

from __future__ import annotations

import datetime
from functools import partial

from celery import signature
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from involvement import audit
from involvement.errors import ApplicationError
from involvement.models import (
    DecisionMakingBody,
    Group,
    Membership,
    Notification,
    Organisation,
    Person,
    StaffRole,
    User,
)
from involvement.services.outbox import notification_queue
from involvement.services.people import person_get_or_create_for_user
from involvement.text import render_plain_text
from meetings.models import AgendaItem, Debrief, DebriefPoint, Invitation, Meeting
from meetings.seats import meeting_day, seat_of
from meetings.services.minutes import site_address

from ..models import FeedbackItem, FeedbackResponse, FeedbackSettings, Theme, WorkItem
from ..models.feedback import CLOSED, REASON_REQUIRED, FeedbackStatus
from ..selectors.feedback import reminders_due

Source = FeedbackItem.Source
Moderation = FeedbackItem.Moderation

# The task that tells members about a published response, by its registered
# name (tasks import services, never the other way round).
TELL_MEMBERS_TASK = "workplans.tell_members_about_response"

REASON_MESSAGES = {
    FeedbackStatus.PARTLY: "Give the reason: say what has not been done, and why",
    FeedbackStatus.NOT_POSSIBLE: "Give the reason it is not possible",
}


# --- settings ---------------------------------------------------------------


def feedback_settings_of(organisation: Organisation) -> FeedbackSettings:
    """The organisation's settings, or the defaults (unsaved) if it has none."""
    found = FeedbackSettings.objects.filter(organisation=organisation).first()
    return found or FeedbackSettings(organisation=organisation)


@transaction.atomic
def feedback_settings_save(
    *,
    organisation: Organisation,
    answer_within_weeks: int,
    stale_after_weeks: int,
    updated_by: User | None = None,
) -> FeedbackSettings:
    row = FeedbackSettings.objects.select_for_update().filter(organisation=organisation).first()
    row = row or FeedbackSettings(organisation=organisation)
    row.answer_within_weeks = answer_within_weeks
    row.stale_after_weeks = stale_after_weeks
    row.updated_by = updated_by
    row.full_clean()
    row.save()
    return row


def due_date(*, organisation: Organisation, said_on: datetime.date) -> datetime.date:
    """When the first answer is due: the organisation's number of weeks after
    the point was made."""
    weeks = feedback_settings_of(organisation).answer_within_weeks
    return said_on + datetime.timedelta(weeks=weeks)


# --- where points come from -------------------------------------------------


def staff_of(organisation_id: int):
    """People at the organisation who may own a point: anyone with a role there."""
    return User.objects.filter(staff_roles__organisation_id=organisation_id).distinct()


def themes_of(group: Group):
    """The shared themes of the group's priority exercises."""
    return Theme.objects.filter(exercise__group=group)


def _check_links(
    group: Group,
    *,
    work_item: WorkItem | None,
    theme: Theme | None,
    body: DecisionMakingBody | None,
    owner: User | None,
) -> None:
    errors = {}
    if work_item is not None and work_item.plan.group_id != group.pk:
        errors["work_item"] = "Choose one of this group's work items"
    if theme is not None and theme.exercise.group_id != group.pk:
        errors["theme"] = "Choose one of this group's themes"
    if body is not None and body.organisation_id != group.organisation_id:
        errors["body"] = "Choose one of your organisation's decision-making bodies"
    if owner is not None and not staff_of(group.organisation_id).filter(pk=owner.pk).exists():
        errors["owner"] = "Choose someone who works with your organisation on Involve"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def feedback_record(
    *,
    group: Group,
    text: str,
    source: str,
    said_on: datetime.date,
    source_detail: str = "",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    work_item: WorkItem | None = None,
    theme: Theme | None = None,
    body: DecisionMakingBody | None = None,
    owner: User | None = None,
    due_on: datetime.date | None = None,
    raised_by: Person | None = None,
    recorded_by: User | None = None,
) -> FeedbackItem:
    """Keep a point as a "you said" item of the group, shared with the group,
    with an owner and a due date (the organisation's default unless given).
    The one way in for every source; other apps' services call it too."""
    if not text.strip():
        raise ValidationError({"text": "Enter what members said"})
    if meeting is not None and meeting.group_id != group.pk:
        raise ApplicationError("'You said' items come from the group's own meetings.")
    if agenda_item is not None and (meeting is None or agenda_item.meeting_id != meeting.pk):
        raise ValidationError({"agenda_item": "Choose an item on this meeting's agenda"})
    if source == Source.MEETING and meeting is None:
        raise ValidationError({"source": "Choose the meeting it was said at"})
    if said_on > timezone.localdate():
        raise ValidationError({"said_on": "The date it was said must be today or in the past"})
    _check_links(group, work_item=work_item, theme=theme, body=body, owner=owner)
    if work_item is None and agenda_item is not None:
        work_item = agenda_item.work_items.filter(plan__status="current").first()
    if theme is None and work_item is not None:
        theme = work_item.themes.order_by("pk").first()
    if body is None and work_item is not None:
        body = work_item.body
    item = FeedbackItem(
        group=group,
        text=text.strip(),
        source=source,
        source_detail=source_detail.strip(),
        said_on=said_on,
        meeting=meeting,
        agenda_item=agenda_item,
        work_item=work_item,
        theme=theme,
        body=body,
        owner=owner,
        due_on=due_on or due_date(organisation=group.organisation, said_on=said_on),
        raised_by=raised_by,
        recorded_by=recorded_by,
    )
    item.full_clean()
    item.save()
    return item


def feedback_capture(
    *,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    work_item: WorkItem | None = None,
    theme: Theme | None = None,
    body: DecisionMakingBody | None = None,
    owner: User | None = None,
    recorded_by: User | None = None,
) -> FeedbackItem:
    """Keep something members said at a group's meeting (from its minutes)."""
    if meeting.group_id is None:
        raise ApplicationError("'You said' items come from a group's meetings.")
    return feedback_record(
        group=meeting.group,
        text=text,
        source=Source.MEETING,
        said_on=min(timezone.localtime(meeting.starts_at).date(), timezone.localdate()),
        meeting=meeting,
        agenda_item=agenda_item,
        work_item=work_item,
        theme=theme,
        body=body,
        owner=owner,
        recorded_by=recorded_by,
    )


def feedback_from_debrief(
    *,
    group: Group,
    body: DecisionMakingBody,
    text: str,
    held_on: datetime.date,
    owner: User | None = None,
    recorded_by: User | None = None,
    debrief_point: DebriefPoint | None = None,
) -> FeedbackItem:
    """The hook for representatives' debriefs: a point a representative
    brought back from a decision-making body's meeting, to be answered like
    any other. The body is where it goes back to."""
    item = feedback_record(
        group=group,
        text=text,
        source=Source.DEBRIEF,
        source_detail=f"Debrief after {body.name}"[:200],
        said_on=held_on,
        body=body,
        owner=owner,
        recorded_by=recorded_by,
    )
    if debrief_point is not None:
        item.debrief_point = debrief_point
        item.save(update_fields=["debrief_point"])
    return item


@transaction.atomic
def feedback_from_published_debrief(*, debrief: Debrief, user: User | None = None) -> int:
    """Each point a published debrief raised becomes a "you said" item of the
    representative's group with the body as where it went; the board's answer
    becomes the item's first "we did" response, as a draft for the
    coordinator to check and publish. Once per point: saving the debrief
    again adds items only for points that have none. Returns how many items
    were made."""
    meeting = debrief.meeting
    seat = seat_of(meeting, debrief.representative) if debrief.representative_id else None
    if seat is None:
        raise ApplicationError("Say which representative went to the meeting first.")
    new_points = list(
        DebriefPoint.objects.select_for_update(of=("self",))
        .filter(debrief=debrief, feedback_item__isnull=True)
        .order_by("position", "id")
    )
    held_on = min(meeting_day(meeting), timezone.localdate())
    for point in new_points:
        item = feedback_from_debrief(
            group=seat.membership.group,
            body=meeting.body,
            text=point.point,
            held_on=held_on,
            recorded_by=user,
            debrief_point=point,
        )
        if point.answer:
            response_draft(
                item=item,
                status=FeedbackStatus.LOOKING,
                what_happened=f"The board's answer: {point.answer}",
                written_by=user,
            )
    return len(new_points)


def feedback_from_review_comment(
    *, response, text: str = "", owner: User | None = None, recorded_by: User | None = None
) -> FeedbackItem:
    """A comment from a reflective review ("should we change anything?")
    kept as a point. The member is named only if they agreed to be."""
    review = response.review
    return feedback_record(
        group=review.group,
        text=text or response.change,
        source=Source.REVIEW,
        source_detail=review.title[:200],
        said_on=timezone.localtime(response.submitted_at).date(),
        owner=owner,
        raised_by=response.person if response.may_name else None,
        recorded_by=recorded_by,
    )


# --- members' points between meetings ----------------------------------------


@transaction.atomic
def feedback_raise(*, person: Person, group: Group, text: str) -> FeedbackItem:
    """A member's "Tell us something": kept for the coordinator to check
    before the group sees it."""
    if not Membership.objects.filter(person=person, group=group).exclude(
        status=Membership.Status.LEFT
    ):
        raise ApplicationError("Only members of the group can send it a point.")
    if not text.strip():
        raise ValidationError({"text": "Enter what you want to tell us"})
    item = FeedbackItem(
        group=group,
        text=text.strip(),
        source=Source.MEMBER,
        said_on=timezone.localdate(),
        raised_by=person,
        moderation=Moderation.WAITING,
    )
    item.full_clean()
    item.save()
    return item


def _waiting(item: FeedbackItem) -> FeedbackItem:
    locked = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if locked.moderation != Moderation.WAITING:
        raise ApplicationError("This point has been checked already.")
    return locked


@transaction.atomic
def feedback_accept(
    *,
    item: FeedbackItem,
    text: str,
    owner: User | None = None,
    theme: Theme | None = None,
    work_item: WorkItem | None = None,
    body: DecisionMakingBody | None = None,
    accepted_by: User | None = None,
) -> FeedbackItem:
    """Share a member's point with the group (in the coordinator's wording if
    it needed tidying), with an owner; it is due from today."""
    item = _waiting(item)
    if not text.strip():
        raise ValidationError({"text": "Enter the point as the group will see it"})
    _check_links(item.group, work_item=work_item, theme=theme, body=body, owner=owner)
    item.text = text.strip()
    item.owner, item.theme, item.work_item, item.body = owner, theme, work_item, body
    item.moderation = Moderation.ACCEPTED
    item.due_on = due_date(organisation=item.group.organisation, said_on=timezone.localdate())
    item.recorded_by = accepted_by
    item.full_clean()
    item.save(
        update_fields=[
            "text",
            "owner",
            "theme",
            "work_item",
            "body",
            "moderation",
            "due_on",
            "recorded_by",
        ]
    )
    return item


@transaction.atomic
def feedback_decline(*, item: FeedbackItem, reason: str, declined_by: User | None = None):
    """Do not share a member's point (it was personal, say, or belongs
    elsewhere); the member is told why, in their own channel."""
    item = _waiting(item)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the point will not be shared, for the member"})
    item.moderation = Moderation.DECLINED
    item.declined_reason = reason.strip()
    item.full_clean()
    item.save(update_fields=["moderation", "declined_reason"])
    if item.raised_by is not None:
        notification_queue(
            recipient=item.raised_by,
            organisation=item.group.organisation,
            subject=f"About what you told {item.group.name}",
            body_text=render_plain_text(
                "workplans/messages/declined.txt",
                {"item": item, "person": item.raised_by, "group": item.group},
            ),
            idempotency_key=f"workplans:feedback-declined:{item.pk}",
            kind="you_said_declined",
            about=f"feedback:{item.pk}",
        )
    return item


# --- the item's details -----------------------------------------------------


@transaction.atomic
def feedback_update(
    *,
    item: FeedbackItem,
    text: str,
    source_detail: str = "",
    theme: Theme | None = None,
    work_item: WorkItem | None = None,
    body: DecisionMakingBody | None = None,
    owner: User | None = None,
    due_on: datetime.date | None = None,
) -> FeedbackItem:
    """Change what an item says, where it went, who answers it and by when."""
    if item.moderation != Moderation.ACCEPTED:
        raise ApplicationError("Check this point before changing it.")
    if not text.strip():
        raise ValidationError({"text": "Enter what members said"})
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the answer is due by"})
    if due_on < item.said_on:
        raise ValidationError({"due_on": "The answer cannot be due before the point was made"})
    _check_links(item.group, work_item=work_item, theme=theme, body=body, owner=owner)
    item.text = text.strip()
    item.source_detail = source_detail.strip()
    item.theme, item.work_item, item.body, item.owner = theme, work_item, body, owner
    item.due_on = due_on
    item.full_clean()
    item.save(
        update_fields=["text", "source_detail", "theme", "work_item", "body", "owner", "due_on"]
    )
    return item


@transaction.atomic
def feedback_set_public(
    *, item: FeedbackItem, on_board: bool, public_text: str, changed_by: User | None = None
) -> FeedbackItem:
    """Approve the wording the public board shows, and put the item on it or
    take it off. Nothing goes public without approved wording."""
    if item.moderation != Moderation.ACCEPTED:
        raise ApplicationError("Only points shared with the group can go on the public board.")
    public_text = public_text.strip()
    if on_board and not public_text:
        raise ValidationError(
            {"public_text": "Enter the wording for the public board, naming nobody"}
        )
    item.on_board = on_board
    item.public_text = public_text
    item.full_clean()
    item.save(update_fields=["on_board", "public_text"])
    return item


# --- "we did": responses -----------------------------------------------------


def _check_response(status: str, what_happened: str, reason: str) -> None:
    errors = {}
    if status not in FeedbackStatus.values:
        errors["status"] = "Choose where this point has got to"
    if not what_happened.strip():
        errors["what_happened"] = "Say what has happened so far"
    if status in REASON_REQUIRED and not reason.strip():
        errors["reason"] = REASON_MESSAGES[status]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def response_draft(
    *,
    item: FeedbackItem,
    status: str,
    what_happened: str,
    reason: str = "",
    written_by: User | None = None,
) -> FeedbackResponse:
    """Write (or rewrite) the item's draft response. "Partly done" and "not
    possible" must say why. Members see nothing until it is published."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if item.moderation != Moderation.ACCEPTED:
        raise ApplicationError("Check this point and share it with the group before answering it.")
    if item.is_closed:
        raise ApplicationError(
            f"This point is {item.get_status_display().lower()} already, so it needs no "
            "further answer."
        )
    _check_response(status, what_happened, reason)
    draft = item.responses.filter(published_at__isnull=True).first() or FeedbackResponse(item=item)
    draft.status = status
    draft.what_happened = what_happened.strip()
    draft.reason = reason.strip() if status in REASON_REQUIRED else ""
    draft.written_by = written_by
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def response_publish(
    *,
    response: FeedbackResponse,
    what_happened: str,
    reason: str = "",
    published_by: User | None = None,
    tell_members: bool = True,
) -> FeedbackResponse:
    """Publish a draft in the coordinator's checked wording: it joins the
    item's history, the item takes its status, and the members who raised the
    point (or were at the meeting) are told once the change is saved (unless
    `tell_members` is off: a history entered after the event)."""
    response = (
        FeedbackResponse.objects.select_for_update(of=("self",))
        .select_related("item__group__organisation")
        .get(pk=response.pk)
    )
    if response.is_published:
        raise ApplicationError("This response has been published already.")
    _check_response(response.status, what_happened, reason)
    response.what_happened = what_happened.strip()
    response.reason = reason.strip() if response.status in REASON_REQUIRED else ""
    response.published_at = timezone.now()
    response.published_by = published_by
    if not tell_members:
        response.members_told_at = response.published_at
    response.full_clean()
    response.save()
    audit.record(
        action=audit.Action.RESPONSE_PUBLISHED,
        organisation=response.item.group.organisation,
        actor=published_by,
        target=response,
        summary=f"Response {response.pk} to feedback {response.item_id}",
        detail={"item": response.item_id, "status": response.status},
    )
    feedback_item_sync(item=response.item)
    if tell_members:
        transaction.on_commit(partial(_enqueue_tell, response.pk), robust=True)
    return response


@transaction.atomic
def feedback_item_sync(*, item: FeedbackItem) -> FeedbackItem:
    """Bring the item's status and dates into line with its published
    history: the latest answer's status; when it was first answered at all,
    first answered beyond "received", last updated and (if resolved) closed."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    history = list(
        item.responses.filter(published_at__isnull=False)
        .order_by("published_at", "id")
        .values_list("status", "published_at")
    )
    answers = [when for status, when in history if status != FeedbackStatus.RECEIVED]
    latest_status, latest_at = history[-1] if history else (FeedbackStatus.RECEIVED, None)
    item.status = latest_status
    item.first_response_at = history[0][1] if history else None
    item.answered_at = answers[0] if answers else None
    item.last_update_at = latest_at
    item.closed_at = latest_at if latest_status in CLOSED else None
    item.save(
        update_fields=["status", "first_response_at", "answered_at", "last_update_at", "closed_at"]
    )
    return item


def _enqueue_tell(response_id: int) -> None:
    signature(TELL_MEMBERS_TASK, args=(response_id,)).delay()


@transaction.atomic
def response_discard(*, response: FeedbackResponse) -> FeedbackItem:
    """Throw away a draft (published responses are the record and stay)."""
    response = FeedbackResponse.objects.select_for_update().get(pk=response.pk)
    if response.is_published:
        raise ApplicationError("A published response is part of the record and cannot be removed.")
    item = response.item
    response.delete()
    return item


# --- members hear back ------------------------------------------------------


def people_to_tell(item: FeedbackItem) -> list[Person]:
    """Who hears about a response: the member who raised the point, and the
    members who came to the meeting it was said at."""
    people: dict[int, Person] = {}
    if item.raised_by_id is not None:
        people[item.raised_by_id] = item.raised_by
    if item.meeting_id is not None:
        attended = (
            Invitation.objects.filter(meeting_id=item.meeting_id, attended=True)
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        for invitation in attended:
            people.setdefault(invitation.person_id, invitation.person)
    return list(people.values())


def response_message_key(response: FeedbackResponse, person: Person) -> str:
    return f"workplans:feedback-response:{response.pk}:{person.pk}"


def response_tell_members(*, response_id: int, site_url: str = "") -> int:
    """Queue the news of a published response to each person to tell, in
    their own channel (email, a message on Involve, or the next letter batch).
    Each person gets each response once, however often this runs. Returns how
    many messages were queued now."""
    response = (
        FeedbackResponse.objects.filter(pk=response_id, published_at__isnull=False)
        .select_related("item__group__organisation", "item__meeting", "item__raised_by")
        .first()
    )
    if response is None:
        return 0
    item = response.item
    people = people_to_tell(item)
    already = set(
        Notification.objects.filter(
            idempotency_key__in=[response_message_key(response, person) for person in people]
        ).values_list("recipient_id", flat=True)
    )
    link = site_address(site_url) + reverse("feedback-mine")
    queued = 0
    with transaction.atomic():
        for person in people:
            if person.pk in already:
                continue
            notification_queue(
                recipient=person,
                organisation=item.group.organisation,
                subject=f"You said, we did: news from {item.group.name}",
                body_text=render_plain_text(
                    "workplans/messages/response.txt",
                    {
                        "item": item,
                        "response": response,
                        "person": person,
                        "raised_it": person.pk == item.raised_by_id,
                        "link": link,
                    },
                ),
                idempotency_key=response_message_key(response, person),
                kind="you_said_news",
                about=f"feedback-response:{response.pk}",
            )
            queued += 1
        FeedbackResponse.objects.filter(pk=response.pk, members_told_at__isnull=True).update(
            members_told_at=timezone.now()
        )
    return queued


def responses_tell_due() -> int:
    """Tell members about every published response nobody has been told
    about yet (the broker may have missed the task queued on publishing)."""
    due = FeedbackResponse.objects.filter(
        published_at__isnull=False, members_told_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(response_tell_members(response_id=pk) for pk in list(due))


# --- nothing is forgotten: reminders to owners -------------------------------

# How often an owner is reminded about an overdue or stale point.
REMIND_EVERY = datetime.timedelta(weeks=4)
# How long before the due date the owner is reminded that an answer is due.
DUE_SOON = datetime.timedelta(days=7)


def owner_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each owner of points they must answer: a week before the due
    date, on passing it and every four weeks after, and every four weeks for a
    point with no news for longer than the organisation's setting. Safe to run
    daily and twice (each reminder has its own idempotency key). Points with
    no owner go to the group's coordinators. Returns how many were queued."""
    today = today or timezone.localdate()
    queued = 0
    coordinators: dict[int, list[User]] = {}
    for item, kind, period in reminders_due(today=today):
        if item.owner is not None:
            owners = [item.owner]
        else:
            org = item.group.organisation_id
            if org not in coordinators:
                coordinators[org] = list(
                    User.objects.filter(
                        staff_roles__organisation_id=org,
                        staff_roles__role=StaffRole.Role.COORDINATOR,
                    ).distinct()
                )
            owners = coordinators[org]
        for user in owners:
            key = f"workplans:feedback-reminder:{item.pk}:{kind}:{period}:{user.pk}"
            if Notification.objects.filter(idempotency_key=key).exists():
                continue
            person = person_get_or_create_for_user(user=user)
            notification_queue(
                recipient=person,
                organisation=item.group.organisation,
                subject=REMINDER_SUBJECTS[kind].format(group=item.group.name),
                body_text=render_plain_text(
                    "workplans/messages/owner_reminder.txt",
                    {
                        "item": item,
                        "kind": kind,
                        "person": person,
                        "today": today,
                        "link": site_address("")
                        + reverse("feedback-detail", kwargs={"pk": item.pk}),
                    },
                ),
                idempotency_key=key,
                kind="you_said_reminder",
                about=f"feedback:{item.pk}:{kind}",
            )
            queued += 1
    return queued


REMINDER_SUBJECTS = {
    "due_soon": "A point from {group} needs your answer this week",
    "overdue": "Overdue: a point from {group} is waiting for your answer",
    "stale": "A point from {group} needs news",
}
