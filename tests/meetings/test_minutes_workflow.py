"""Minutes: draft → sent to attendees for corrections → corrections (only by
attendees, only by the deadline) → approved (who and when) → published to
every member."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Notification
from meetings.models import Correction, Minutes
from meetings.services import minutes as services
from tests.access.meetings_minutes import attend, make_meeting
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def meeting(world):
    meeting = make_meeting(world.objects["group"])
    attend(meeting, world.objects["person"])
    return meeting


def _write(meeting, user=None):
    items = list(meeting.agenda_items.all())
    return services.minutes_save(
        meeting=meeting,
        entries={items[0].pk: ("We talked about clinics.", "Ask for evening clinics.")},
        saved_by=user,
    )


def test_writing_minutes_makes_a_draft_with_one_entry_per_item(meeting, world):
    minutes = _write(meeting, world.user("coordinator"))
    assert minutes.status == Minutes.Status.DRAFT
    entry = minutes.entries.get()
    assert entry.agreed == "Ask for evening clinics."
    # Saving again rewrites the same entry.
    _write(meeting)
    assert minutes.entries.count() == 1


def test_minutes_cannot_be_written_before_the_meeting(world):
    future = make_meeting(world.objects["group"], days_ago=-3)
    with pytest.raises(ApplicationError, match="once the meeting has started"):
        _write(future)


def test_circulating_tells_only_the_attendees_once(meeting, world):
    absent = PersonFactory()
    MembershipFactory(person=absent, group=world.objects["group"])
    attend(meeting, absent, attended=False)
    minutes = _write(meeting)
    due = TODAY() + datetime.timedelta(days=7)
    services.minutes_circulate(minutes=minutes, corrections_due=due)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED
    assert minutes.corrections_due == due
    sent = Notification.objects.filter(idempotency_key__startswith="meetings:minutes-draft:")
    assert list(sent.values_list("recipient", flat=True)) == [world.objects["person"].pk]
    with pytest.raises(ApplicationError):
        services.minutes_circulate(minutes=minutes, corrections_due=due)
    assert sent.count() == 1


def test_the_deadline_must_be_after_today(meeting):
    minutes = _write(meeting)
    with pytest.raises(ValidationError) as error:
        services.minutes_circulate(minutes=minutes, corrections_due=TODAY())
    assert "corrections_due" in error.value.message_dict


def test_only_attendees_correct_and_only_by_the_deadline(meeting, world):
    minutes = _write(meeting)
    services.minutes_circulate(minutes=minutes, corrections_due=TODAY() + datetime.timedelta(2))
    minutes.refresh_from_db()
    person = world.objects["person"]
    services.correction_submit(minutes=minutes, person=person, text="It was Tuesday.")
    stranger = PersonFactory()
    MembershipFactory(person=stranger, group=world.objects["group"])
    with pytest.raises(ApplicationError, match="Only people who came"):
        services.correction_submit(minutes=minutes, person=stranger, text="Not there.")
    with pytest.raises(ApplicationError, match="Corrections closed"):
        services.correction_submit(
            minutes=minutes,
            person=person,
            text="Too late.",
            today=TODAY() + datetime.timedelta(3),
        )
    assert Correction.objects.filter(minutes=minutes).count() == 1


def test_approval_waits_for_the_deadline_and_the_corrections(meeting, world):
    minutes = _write(meeting)
    due = TODAY() + datetime.timedelta(2)
    services.minutes_circulate(minutes=minutes, corrections_due=due)
    minutes.refresh_from_db()
    coordinator = world.user("coordinator")
    correction = services.correction_submit(
        minutes=minutes, person=world.objects["person"], text="It was Tuesday."
    )
    with pytest.raises(ApplicationError, match="until"):
        services.minutes_approve(minutes=minutes, approved_by=coordinator)
    after = due + datetime.timedelta(1)
    with pytest.raises(ApplicationError, match="every correction"):
        services.minutes_approve(minutes=minutes, approved_by=coordinator, today=after)
    services.correction_resolve(correction=correction, made=True)
    approved = services.minutes_approve(
        minutes=minutes, approved_by=coordinator, note="By the chair", today=after
    )
    assert approved.status == Minutes.Status.APPROVED
    assert approved.approved_by == coordinator
    assert approved.approved_at is not None


def test_publishing_tells_every_member_who_has_not_left(meeting, world):
    group = world.objects["group"]
    stayed = MembershipFactory(group=group, status="selected").person
    left = MembershipFactory(group=group, status="left").person
    minutes = _write(meeting)
    minutes.status = Minutes.Status.APPROVED
    minutes.corrections_due = TODAY()
    minutes.approved_at = timezone.now()
    minutes.save()
    services.minutes_publish(minutes=minutes)
    told = set(
        Notification.objects.filter(
            idempotency_key__startswith="meetings:minutes-published:"
        ).values_list("recipient", flat=True)
    )
    assert told == {world.objects["person"].pk, stayed.pk}
    assert left.pk not in told
    with pytest.raises(ApplicationError):
        services.minutes_publish(minutes=minutes)


def test_the_whole_workflow_through_the_pages(meeting, world, login):
    coordinator = login(world.user("coordinator"))
    items = list(meeting.agenda_items.all())
    response = coordinator.post(
        reverse("meeting-minutes-edit", args=[meeting.pk]),
        {f"said_{items[0].pk}": "We talked.", f"agreed_{items[0].pk}": "Evening clinics."},
    )
    assert response.status_code == 302
    due = TODAY() + datetime.timedelta(5)
    response = coordinator.post(
        reverse("meeting-minutes-circulate", args=[meeting.pk]),
        {
            "corrections_due_0": due.day,
            "corrections_due_1": due.month,
            "corrections_due_2": due.year,
        },
    )
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=meeting).status == Minutes.Status.CIRCULATED
    draft_message = Notification.objects.get(idempotency_key__startswith="meetings:minutes-draft:")
    assert f"http://testserver/meetings/{meeting.pk}/minutes/" in draft_message.body_text
    # The coordinator did not attend, so cannot send a correction.
    assert coordinator.get(reverse("meeting-minutes-correct", args=[meeting.pk])).status_code == 403
    member = login(world.user("member"))
    page = member.get(reverse("meeting-minutes", args=[meeting.pk]))
    assert "Evening clinics." in page.content.decode()
    response = member.post(
        reverse("meeting-minutes-correct", args=[meeting.pk]), {"text": "Say Tuesday."}
    )
    assert response.status_code == 302
    assert Correction.objects.get().text == "Say Tuesday."
    # Approving before the deadline is refused on the page.
    coordinator = login(world.user("coordinator"))
    response = coordinator.post(reverse("meeting-minutes-approve", args=[meeting.pk]), {})
    assert response.status_code == 400
    assert "Approve the minutes after that" in response.content.decode()


def test_an_empty_deadline_is_shown_as_an_error(meeting, world, login):
    _write(meeting)
    client = login(world.user("coordinator"))
    response = client.post(reverse("meeting-minutes-circulate", args=[meeting.pk]), {})
    assert response.status_code == 400
    assert "Enter the last day for corrections" in response.content.decode()


def test_draft_minutes_are_hidden_from_members(meeting, world, login):
    _write(meeting)
    client = login(world.user("member"))
    assert client.get(reverse("meeting-minutes", args=[meeting.pk])).status_code == 403


def test_minutes_page_queries_stay_flat(meeting, world, login, assert_flat_queries):
    from meetings.models import Action, AgendaItem

    minutes = _write(meeting)
    client = login(world.user("coordinator"))
    counter = {"n": 10}

    def grow(n):
        for _ in range(n):
            counter["n"] += 1
            item = AgendaItem.objects.create(meeting=meeting, position=counter["n"], title="More")
            services.minutes_save(meeting=meeting, entries={item.pk: ("said", "agreed")})
            Action.objects.create(
                meeting=meeting,
                agenda_item=item,
                description="Do it",
                owner_person=world.objects["person"],
                due_on=TODAY(),
            )
            Correction.objects.create(minutes=minutes, person=world.objects["person"], text="x")

    assert_flat_queries(
        lambda: client.get(reverse("meeting-minutes", args=[meeting.pk])), grow=grow
    )
