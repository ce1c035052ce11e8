"""A letter is looked at again before it is printed: one asking members for
their ideas on a priority exercise that has since closed is cancelled with a
reason, not printed."""

from __future__ import annotations

import pytest

from involvement.errors import ApplicationError
from involvement.models import Notification
from involvement.services import outbox
from tests.factories import MembershipFactory, PersonFactory
from workplans.services.exercises import exercise_close, exercise_create

pytestmark = pytest.mark.django_db

Status = Notification.Status
ADDRESS = {"address_line_1": "4 Mill Lane", "town": "Fellbridge", "postcode": "FB1 2AB"}


def test_a_closed_exercises_letter_is_cancelled_not_printed(world):
    group = world.objects["group"]
    by_post = PersonFactory(full_name="Pat Post", contact_channel="post", email="", **ADDRESS)
    MembershipFactory(group=group, person=by_post)
    exercise = exercise_create(group=group, title="Our priorities", briefing="Briefing.")
    letter = Notification.objects.get(recipient=by_post, kind="exercise_stage")
    other = outbox.notification_queue(
        recipient=by_post,
        organisation=world.organisation,
        subject="Papers",
        body_text="Here are the papers.",
        idempotency_key="papers-for-pat",
    )
    exercise_close(exercise=exercise)

    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )

    letter.refresh_from_db()
    assert letter.status == Status.CANCELLED
    assert letter.cancelled_reason == "The priority exercise had closed."
    assert letter.print_batch is None
    assert list(batch.letters.all()) == [other]


def test_when_every_letter_is_stale_none_is_printed_and_they_stay_cancelled(world):
    group = world.objects["group"]
    by_post = PersonFactory(full_name="Pat Post", contact_channel="post", email="", **ADDRESS)
    MembershipFactory(group=group, person=by_post)
    exercise = exercise_create(group=group, title="Our priorities", briefing="Briefing.")
    exercise_close(exercise=exercise)

    with pytest.raises(ApplicationError):
        outbox.print_batch_create(
            organisation=world.organisation, created_by=world.user("coordinator")
        )

    letter = Notification.objects.get(recipient=by_post, kind="exercise_stage")
    assert letter.status == Status.CANCELLED


def test_an_open_exercises_letter_is_printed(world):
    group = world.objects["group"]
    by_post = PersonFactory(full_name="Pat Post", contact_channel="post", email="", **ADDRESS)
    MembershipFactory(group=group, person=by_post)
    exercise_create(group=group, title="Our priorities", briefing="Briefing.")

    batch = outbox.print_batch_create(
        organisation=world.organisation, created_by=world.user("coordinator")
    )

    assert batch.letters.filter(recipient=by_post, kind="exercise_stage").count() == 1
