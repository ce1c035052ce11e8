"""The kinds of message work plans send, which a person may turn off, and how
"you said, we did" messages are looked at again just before they go
(involvement.services.outbox; exercises have their own check).

A point moves on while a message about it waits: news of a response is not
sent once the response or its point is gone, a point shared with the group
after all is not reported as "not shared", and an owner is not reminded of a
point resolved or answered meanwhile.
"""

from __future__ import annotations

from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import SendCheck, register_send_check

from ..models import FeedbackItem, FeedbackResponse
from ..models.feedback import CLOSED
from . import exercises

KIND_NEWS = "you_said_news"
KIND_DECLINED = "you_said_declined"
KIND_REMINDER = "you_said_reminder"


def _parts(notification: Notification) -> tuple[int, str]:
    _, pk, rest = (notification.about.split(":") + ["", "", ""])[:3]
    return (int(pk) if pk.isdigit() else 0), rest


def news_check(notification: Notification) -> SendCheck:
    pk, _ = _parts(notification)
    response = FeedbackResponse.objects.filter(pk=pk).select_related("item").first()
    if response is None:
        return SendCheck(cancel="The response was removed before this went.")
    if not response.is_published:
        return SendCheck(cancel="The response is no longer published.")
    return SendCheck()


def declined_check(notification: Notification) -> SendCheck:
    pk, _ = _parts(notification)
    item = FeedbackItem.objects.filter(pk=pk).first()
    if item is None:
        return SendCheck(cancel="The point was withdrawn before this went.")
    if item.moderation != FeedbackItem.Moderation.DECLINED:
        return SendCheck(cancel="The point was shared with the group after all.")
    return SendCheck()


def reminder_check(notification: Notification) -> SendCheck:
    pk, reminder = _parts(notification)
    item = FeedbackItem.objects.filter(pk=pk).first()
    if item is None:
        return SendCheck(cancel="The point was withdrawn before this went.")
    if item.status in CLOSED:
        return SendCheck(cancel="The point was resolved before this went.")
    if reminder in ("due_soon", "overdue") and item.answered_at is not None:
        return SendCheck(cancel="The point was answered before this went.")
    return SendCheck()


def register() -> None:
    """Called from WorkplansConfig.ready()."""
    message_kinds.register(
        KIND_DECLINED,
        "When a point you sent is not shared with the group",
        optional=False,
        order=60,
    )
    message_kinds.register(
        exercises.KIND_STAGE, "Asking for your ideas and votes on the group's priorities", order=60
    )
    message_kinds.register(
        KIND_NEWS, 'News of what was done about what members said ("you said, we did")', order=61
    )
    message_kinds.register(
        KIND_REMINDER, "Reminders to answer points members made (for staff)", order=94
    )
    register_send_check(KIND_NEWS, news_check)
    register_send_check(KIND_DECLINED, declined_check)
    register_send_check(KIND_REMINDER, reminder_check)
