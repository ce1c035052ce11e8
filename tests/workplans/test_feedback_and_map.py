"""'You said' capture and the decision map (services and pages)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.models import AgendaItem
from tests.factories import BodyFactory
from workplans.models import FeedbackItem
from workplans.services.agenda import agenda_build_from_plan
from workplans.services.decisions import decision_entry_create
from workplans.services.feedback import feedback_capture

from .helpers import meeting_of, plan_with_items

pytestmark = pytest.mark.django_db


def test_feedback_from_an_agenda_item_links_its_work_item(world):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=1)
    meeting = meeting_of(group)
    agenda_build_from_plan(meeting=meeting, items=items, add_standing=False)
    agenda_item = items[0].agenda_items.get()
    item = feedback_capture(
        meeting=meeting, text="Letters use too much jargon.", agenda_item=agenda_item
    )
    assert item.group == group and item.status == "received"
    assert item.work_item == items[0] and item.meeting == meeting


def test_feedback_refuses_another_meetings_item_or_another_groups_work(world):
    group = world.objects["group"]
    meeting = meeting_of(group)
    elsewhere = AgendaItem.objects.create(meeting=meeting_of(group, days=40), title="Other")
    with pytest.raises(ValidationError, match="this meeting's agenda"):
        feedback_capture(meeting=meeting, text="x", agenda_item=elsewhere)
    other_plan, other_items = plan_with_items(world.objects["other_group"], items=1)
    with pytest.raises(ValidationError, match="this group's work items"):
        feedback_capture(meeting=meeting, text="x", work_item=other_items[0])
    assert not FeedbackItem.objects.exists()


def test_capture_page_keeps_the_point_and_lists_it(world, login):
    group = world.objects["group"]
    meeting = meeting_of(group)
    client = login(world.user("coordinator"))
    url = reverse("feedback-capture", args=[meeting.pk])
    response = client.post(url, {"text": ""})
    assert response.status_code == 200
    assert "Enter what members said" in response.content.decode()
    response = client.post(url, {"text": "Clinic times clash with work."}, follow=True)
    assert "Clinic times clash with work." in response.content.decode()
    item = FeedbackItem.objects.get()
    assert item.meeting == meeting and item.recorded_by == world.user("coordinator")
    listing = login(world.user("member")).get(reverse("feedback-list", args=[group.pk]))
    assert "Clinic times clash with work." in listing.content.decode()


def test_decision_map_shows_level_meetings_contact_topics_and_work_fed(world, login):
    body = BodyFactory(
        organisation=world.organisation,
        name="Foot Care Pathway Group",
        level="clinical",
        meeting_pattern="Monthly, Thursday afternoons",
        contact_name="Podiatry lead",
    )
    decision_entry_create(
        organisation=world.organisation,
        body=body,
        topic="Referral to the foot protection team",
        how_to_feed_in="A representative speaks to the item.",
        papers_due_days=7,
    )
    plan_with_items(world.objects["group"], items=1, body=body)
    page = login(world.user("commissioner")).get(
        reverse("decision-map", args=[world.organisation.pk])
    )
    text = page.content.decode()
    for expected in (
        "Foot Care Pathway Group",
        "Clinical",
        "Monthly, Thursday afternoons",
        "Podiatry lead",
        "Referral to the foot protection team",
        "Papers needed 7 days",
        "Work item 0",
    ):
        assert expected in text


def test_decision_map_topics_belong_to_the_organisations_bodies_once(world):
    with pytest.raises(ValidationError, match="organisation's decision-making bodies"):
        decision_entry_create(
            organisation=world.organisation, body=world.objects["other_body"], topic="Budget"
        )
    decision_entry_create(
        organisation=world.organisation, body=world.objects["body"], topic="Budget"
    )
    with pytest.raises(ValidationError, match="already has this topic"):
        decision_entry_create(
            organisation=world.organisation, body=world.objects["body"], topic="budget"
        )


def test_coordinator_adds_to_the_map_on_the_page(world, login):
    client = login(world.user("coordinator"))
    url = reverse("decision-entry-create", args=[world.organisation.pk])
    response = client.post(
        url,
        {"body": world.objects["other_body"].pk, "topic": "x", "papers_due_days": "10"},
    )
    assert response.status_code == 200  # another organisation's body is not a choice
    response = client.post(
        url, {"body": world.objects["body"].pk, "topic": "Annual plan", "papers_due_days": "14"}
    )
    assert response.status_code == 302
    assert world.objects["body"].decision_map_entries.get().topic == "Annual plan"


def test_coordinator_removes_a_topic_but_not_another_organisations(world, login):
    entry = decision_entry_create(
        organisation=world.organisation, body=world.objects["body"], topic="Annual plan"
    )
    other = decision_entry_create(
        organisation=world.other_organisation, body=world.objects["other_body"], topic="Budget"
    )
    client = login(world.user("coordinator"))
    url = reverse("decision-entry-delete", args=[world.organisation.pk, other.pk])
    assert client.post(url).status_code == 404
    page = client.get(reverse("decision-map", args=[world.organisation.pk])).content.decode()
    assert "Remove<span" in page
    assert (
        login(world.user("member"))
        .post(reverse("decision-entry-delete", args=[world.organisation.pk, entry.pk]))
        .status_code
        == 403
    )
    client = login(world.user("coordinator"))
    response = client.post(reverse("decision-entry-delete", args=[world.organisation.pk, entry.pk]))
    assert response.status_code == 302
    assert not world.objects["body"].decision_map_entries.exists()
    assert other.body.decision_map_entries.exists()
