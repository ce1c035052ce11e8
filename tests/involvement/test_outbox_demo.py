"""The outbox's demo data: realistic, idempotent, and safe without groups."""

import pytest

from involvement.demo import accounts, seed
from involvement.demo import outbox as outbox_demo
from involvement.models import Notification, PrintBatch
from involvement.selectors.outbox import notification_unread_count

pytestmark = pytest.mark.django_db

Status = Notification.Status
Channel = Notification.Channel


def test_without_groups_only_the_member_login_gets_messages():
    accounts.seed()

    outbox_demo.seed()

    assert set(Notification.objects.values_list("recipient__user__email", flat=True)) == {
        "member@fellside.example"
    }


def test_the_demo_has_each_kind_of_message_and_seeding_again_adds_none():
    seed()
    count = Notification.objects.count()

    outbox_demo.seed()

    assert Notification.objects.count() == count
    member = Notification.objects.filter(recipient__user__email="member@fellside.example")
    assert notification_unread_count(user=member.first().recipient.user) >= 2
    fellside = Notification.objects.filter(organisation__slug="fellside")
    # A test of the demo fails when the demo stops making letters; it does not skip.
    assert fellside.filter(channel=Channel.POST).exists(), "the demo has no letters"
    assert fellside.filter(channel=Channel.EMAIL, status=Status.SENT).exists()
    assert fellside.filter(status=Status.FAILED).exclude(last_error="").exists()
    assert fellside.filter(channel=Channel.POST, status=Status.PENDING).exists()
    assert fellside.filter(channel=Channel.PHONE, status=Status.PENDING).exists()
    assert PrintBatch.objects.filter(printed_at__isnull=False).exists()
    # Someone turned chasers off: their chaser is kept, cancelled, saying why.
    turned_off = fellside.get(kind="meeting_chaser")
    assert turned_off.status == Status.CANCELLED
    assert "chose not to get this kind of message" in turned_off.cancelled_reason
    assert member.first().recipient.message_choices["weekly_digest"] is True
    # A call no longer needed, listed with its reason on the call list.
    assert fellside.filter(
        channel=Channel.PHONE, status=Status.CANCELLED, cancelled_reason__contains="cancelled"
    ).exists(), "the demo has no call that is no longer needed"
