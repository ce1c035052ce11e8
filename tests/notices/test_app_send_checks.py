"""Each app's messages are looked at again just before they go: a message
about something that moved on meanwhile (an application withdrawn, a claim
already paid or answered, a "you said" point resolved or withdrawn) is
cancelled with a reason the coordinator reads, not sent stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from expenses.models import ExpenseClaim
from expenses.services.approval import claim_approve, claim_query
from involvement import message_kinds
from involvement.models import Notification
from involvement.services.outbox import notification_send, print_batch_create
from recruitment.services import applications
from tests.access.expenses_admin import make_claim, make_meeting
from tests.access.recruitment_setup import make_application, make_role, make_vacancy
from workplans.models import FeedbackItem
from workplans.services import feedback

pytestmark = pytest.mark.django_db

Status = Notification.Status
ClaimStatus = ExpenseClaim.Status


def send(notification) -> Notification:
    notification.refresh_from_db()
    return notification_send(notification_id=notification.pk)


def test_the_acknowledgement_of_an_application_withdrawn_meanwhile_is_not_sent(world):
    vacancy = make_vacancy(make_role(world.organisation, criteria=2), world.objects["group"])
    application = make_application(vacancy, world.objects["person"], status="draft")
    applications.application_submit(application=application)
    notice = applications.application_acknowledge(application=application)
    applications.application_withdraw(application=application)

    result = send(notice)

    assert result.status == Status.CANCELLED
    assert result.cancelled_reason == "The application was withdrawn before this went."
    withdrawn = Notification.objects.get(kind="application_withdrawn")
    assert send(withdrawn).status == Status.SENT


def test_approved_is_not_sent_for_a_claim_already_paid(world):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]))
    claim_approve(claim=claim, by=world.user("coordinator"))
    notice = Notification.objects.get(idempotency_key=f"expenses:claim-approved:{claim.pk}")
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status=ClaimStatus.PAID, paid_at=timezone.now(), paid_on=timezone.localdate()
    )

    result = send(notice)

    assert result.status == Status.CANCELLED
    assert "paid before this went" in result.cancelled_reason


def test_a_question_answered_meanwhile_is_not_sent(world):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]))
    claim_query(claim=claim, by=world.user("coordinator"), question="Which bus did you take?")
    question = Notification.objects.get(kind="claim_question")
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=ClaimStatus.SUBMITTED)

    result = send(question)

    assert result.status == Status.CANCELLED
    assert "answered the question" in result.cancelled_reason


def test_an_owner_is_not_reminded_of_a_point_resolved_or_withdrawn_meanwhile(world):
    item = feedback.feedback_record(
        group=world.objects["group"],
        text="Eye screening letters are hard to read.",
        source="event",
        said_on=timezone.localdate() - timedelta(weeks=10),  # overdue: owed in 8
        owner=world.user("coordinator"),
    )
    assert feedback.owner_reminders_send() >= 1
    reminders = list(Notification.objects.filter(kind="you_said_reminder"))
    assert reminders
    FeedbackItem.objects.filter(pk=item.pk).update(status=FeedbackItem.Status.DONE)

    assert send(reminders[0]).cancelled_reason == "The point was resolved before this went."


def test_every_kind_the_apps_send_is_registered_and_the_essential_ones_stay_on():
    essential = {kind.code for kind in message_kinds.essential_kinds()}
    optional = {kind.code for kind in message_kinds.optional_kinds()}

    assert {
        "meeting_changed",
        "meeting_cancelled",
        "claim_decision",
        "recruitment_decision",
    } <= essential
    assert {
        "meeting_reminder",
        "meeting_chaser",
        "action_due",
        "claim_reminder",
        "meeting_papers",
        "you_said_news",
    } <= optional
    assert not message_kinds.may_turn_off("claim_decision")


def test_the_papers_ready_letter_of_a_meeting_cancelled_meanwhile_is_not_printed(world):
    from meetings.services.meetings import meeting_cancel
    from meetings.services.papers import paper_upload, papers_send
    from tests.factories import PersonFactory
    from tests.meetings._scheduling import invite, make_meeting

    meeting = make_meeting(world.objects["group"])
    paper_upload(
        meeting=meeting,
        title="Agenda",
        upload=SimpleUploadedFile(
            "agenda.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    )
    invite(
        meeting,
        PersonFactory(
            email="", contact_channel="post", address_line_1="2 Post Road", postcode="TE2 2ST"
        ),
    )
    papers_send(meeting=meeting)
    letter = Notification.objects.get(kind="meeting_papers")
    meeting_cancel(meeting=meeting, reason="The room flooded.")

    # The cancellation notice is printed; the papers letter is not.
    batch = print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )

    letter.refresh_from_db()
    assert [n.kind for n in batch.letters.all()] == ["meeting_cancelled"]
    assert letter.status == Status.CANCELLED
    assert letter.cancelled_reason.startswith("The meeting was cancelled")
