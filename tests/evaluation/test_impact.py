"""Impact records: recording one linked to the "you said" points and work
items behind it, counting them by area on the dashboard, and the public
"what changed" page that shows only the published wording."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluation import selectors, services
from tests.factories import date_parts
from tests.workplans.helpers import plan_with_items
from workplans.models import FeedbackItem

pytestmark = pytest.mark.django_db
D = datetime.date


def point(group, text="Screening letters are hard to read."):
    return FeedbackItem.objects.create(
        group=group, text=text, said_on=D(2026, 1, 5), due_on=D(2026, 2, 5)
    )


def record(world, **kwargs):
    values = {
        "organisation": world.organisation,
        "group": world.objects["group"],
        "title": "Screening letters rewritten",
        "what_changed": "Letters rewritten with members; uptake rose.",
        "area": "services",
        "perspective": "service_user",
        "changed_on": D(2026, 3, 1),
        **kwargs,
    }
    return services.impact_record_create(**values)


def test_coordinator_records_an_impact_linked_to_points_and_work_items(world, login):
    group = world.objects["group"]
    said = point(group)
    _plan, items = plan_with_items(group, items=1)
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("impact-create", args=[world.organisation.pk]),
        {
            "title": "Evening clinics",
            "what_changed": "The clinic opens two evenings a week.",
            "area": "services",
            "perspective": "staff",
            "group": group.pk,
            "feedback_items": [said.pk],
            "work_items": [items[0].pk],
            "evidence_link": "example.org/clinic-times",
            **date_parts("changed_on", D(2026, 4, 2)),
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert said.text in page and items[0].title in page
    assert "https://example.org/clinic-times" in page


def test_bad_input_gets_specific_messages(world, login):
    client = login(world.user("coordinator"))
    page = client.post(
        reverse("impact-create", args=[world.organisation.pk]),
        {"title": "Kept", "evidence_link": "not a link", **date_parts("changed_on", "")},
    ).content.decode()
    assert "Describe what changed and for whom" in page
    assert "Select where the change was" in page
    assert "Enter a web address, like https://example.org/report" in page
    assert 'value="Kept"' in page


def test_links_to_another_organisations_points_are_refused(world):
    other = point(world.objects["other_group"])
    with pytest.raises(ValidationError) as caught:
        record(world, feedback_items=[other])
    assert "feedback_items" in caught.value.message_dict


def test_public_page_shows_only_published_wording(world, client):
    shown = record(world, what_changed="Internal note naming Dr Quill.")
    services.impact_record_publish(
        record=shown, published=True, public_text="Letters are clearer now."
    )
    record(world, title="Not yet public")
    page = client.get(reverse("impact-public", args=[world.objects["group"].pk])).content.decode()
    assert "Letters are clearer now." in page
    assert "Dr Quill" not in page
    assert "Not yet public" not in page


def test_publishing_needs_public_wording_and_a_group(world):
    with pytest.raises(ValidationError) as caught:
        services.impact_record_publish(record=record(world), published=True, public_text=" ")
    assert "public_text" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.impact_record_publish(
            record=record(world, group=None), published=True, public_text="Clearer letters."
        )
    assert "published" in caught.value.message_dict


def test_dashboard_counts_impact_by_area_in_the_period(world):
    record(world, area="services", changed_on=D(2026, 3, 1))
    record(world, area="services", changed_on=D(2026, 4, 1))
    record(world, area="staff", changed_on=D(2026, 4, 1))
    record(world, area="staff", changed_on=D(2024, 4, 1))  # before the period
    by_area = dict(
        selectors.impact_by_area(
            organisation=world.organisation, start=D(2025, 7, 1), end=D(2026, 6, 30)
        )
    )
    assert by_area["Services"] == 2
    assert by_area["Staff attitudes and culture"] == 1
    assert by_area["The organisation's processes"] == 0
