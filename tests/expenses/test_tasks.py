"""Expense notices sent by tasks, each once: a reminder to claim two days
after a meeting attended (not for people who opted out or declined, nor when
they have claimed), and an escalation to the organisation's admins when a
claim waits for approval past the target. Decision notices go once too."""

from __future__ import annotations

import datetime
from functools import partial

import pytest
from django.utils import timezone

from expenses.models import PaymentPreference
from expenses.services.approval import claim_approve
from expenses.services.payments import claims_mark_paid
from expenses.tasks import escalate_overdue_claims, send_claim_reminders
from involvement.errors import ApplicationError
from involvement.models import Notification
from meetings.models import Invitation
from tests.access.expenses_admin import make_claim, make_meeting
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]


def attended(meeting, person):
    return Invitation.objects.create(
        meeting=meeting, person=person, rsvp="attending", attended=True
    )


def prefer(person, *, choice="accept", no_reminders=False):
    now = timezone.now()
    PaymentPreference.objects.create(
        person=person,
        choice=choice,
        advice_offered_at=now,
        chosen_at=now,
        no_claim_reminders=no_reminders,
    )


def reminders():
    return Notification.objects.filter(idempotency_key__startswith="expenses:claim-reminder:")


def test_reminder_to_claim_goes_once_two_days_after_the_meeting(world):
    group = world.objects["group"]
    meeting = make_meeting(group, days_ago=3)
    to_remind = MembershipFactory(group=group).person
    attended(meeting, to_remind)
    opted_out = MembershipFactory(group=group).person
    attended(meeting, opted_out)
    prefer(opted_out, no_reminders=True)
    declined = MembershipFactory(group=group).person
    attended(meeting, declined)
    prefer(declined, choice="decline")
    claimed = MembershipFactory(group=group).person
    make_claim(claimed, meeting)  # records attendance too
    absent = MembershipFactory(group=group).person
    Invitation.objects.create(meeting=meeting, person=absent, rsvp="apologies", attended=False)
    too_soon = make_meeting(group, days_ago=1)
    attended(too_soon, to_remind)

    assert send_claim_reminders() == 1
    assert send_claim_reminders() == 0
    assert [n.recipient for n in reminders()] == [to_remind]
    assert (
        reminders().get().idempotency_key == f"expenses:claim-reminder:{meeting.pk}:{to_remind.pk}"
    )


def test_escalation_to_org_admins_once_per_claim_past_the_target(world):
    group = world.objects["group"]
    late = make_claim(
        world.objects["person"],
        make_meeting(group, days_ago=20),
        submitted_at=timezone.now() - datetime.timedelta(days=14),  # 10 working days
    )
    make_claim(
        MembershipFactory(group=group).person, make_meeting(group), submitted_at=timezone.now()
    )
    assert escalate_overdue_claims() == 1
    assert escalate_overdue_claims() == 0
    notice = Notification.objects.get(idempotency_key__startswith="expenses:claim-escalated:")
    assert notice.recipient.user == world.user("org_admin")
    assert str(late.pk) in notice.idempotency_key


def test_decision_notices_go_once_each(world):
    claim = make_claim(world.objects["person"], make_meeting(world.objects["group"]))
    claim_approve(claim=claim, by=world.user("coordinator"))
    for attempt, reference in enumerate(("RUN-1", "RUN-2")):
        pay = partial(
            claims_mark_paid,
            organisation=world.organisation,
            claim_ids=[claim.pk],
            by=world.user("finance"),
            paid_on=timezone.localdate(),
            method="bank_transfer",
            reference=reference,
        )
        if attempt == 0:
            pay()
        else:
            with pytest.raises(ApplicationError):  # nothing left to pay
                pay()
    keys = list(
        Notification.objects.filter(recipient=claim.person)
        .filter(idempotency_key__startswith="expenses:")
        .values_list("idempotency_key", flat=True)
    )
    assert sorted(keys) == sorted(
        [f"expenses:claim-approved:{claim.pk}", f"expenses:claim-paid:{claim.pk}"]
    )


def test_the_beat_schedule_runs_the_tasks_under_their_expenses_names(settings):
    from config.celery import app

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    names = {send_claim_reminders.name, escalate_overdue_claims.name}
    assert names == {"expenses.send_claim_reminders", "expenses.escalate_overdue_claims"}
    assert names <= scheduled
    assert names <= set(app.tasks)
