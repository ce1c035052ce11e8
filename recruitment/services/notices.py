"""The kinds of message recruitment sends, which a person may turn off, and
how each is looked at again just before it goes (involvement.services.outbox).

An application moves on while a message about it waits (a letter for the
print run, an email for the morning): "we have your application" is not sent
for an application withdrawn meanwhile, nor "you have withdrawn" for one
restored. Decisions always go: they cannot be turned off.
"""

from __future__ import annotations

from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import SendCheck, register_send_check

from ..models import Application

KIND_RECEIVED = "application_received"
KIND_WITHDRAWN = "application_withdrawn"
KIND_DECISION = "recruitment_decision"
KIND_SCORING = "scoring_reminder"

Status = Application.Status


def _application(notification: Notification) -> Application | None:
    _, pk = (notification.about.split(":") + ["", ""])[:2]
    return Application.objects.filter(pk=int(pk) if pk.isdigit() else 0).first()


def received_check(notification: Notification) -> SendCheck:
    application = _application(notification)
    if application is None:
        return SendCheck(cancel="The application was deleted.")
    if application.status == Status.WITHDRAWN:
        return SendCheck(cancel="The application was withdrawn before this went.")
    return SendCheck()


def withdrawn_check(notification: Notification) -> SendCheck:
    application = _application(notification)
    if application is None:
        return SendCheck(cancel="The application was deleted.")
    if application.status != Status.WITHDRAWN:
        return SendCheck(cancel="The application was restored before this went.")
    return SendCheck()


def register() -> None:
    """Called from RecruitmentConfig.ready()."""
    message_kinds.register(
        KIND_RECEIVED, "When we receive an application you made", optional=False, order=50
    )
    message_kinds.register(
        KIND_WITHDRAWN, "When you withdraw an application", optional=False, order=51
    )
    message_kinds.register(
        KIND_DECISION, "Decisions about an application you made", optional=False, order=52
    )
    message_kinds.register(KIND_SCORING, "Reminders to score applications (for panels)", order=93)
    register_send_check(KIND_RECEIVED, received_check)
    register_send_check(KIND_WITHDRAWN, withdrawn_check)
