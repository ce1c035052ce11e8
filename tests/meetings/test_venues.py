"""Venues with their accessibility facts, per organisation."""

from django.urls import reverse

from meetings.models import Venue

from ._scheduling import make_venue


def test_the_coordinator_adds_a_venue_with_access_facts(world, login):
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("venue-create"),
        {
            "name": "Riverside Centre",
            "address": "4 Mill Lane\nTestford",
            "step_free": "on",
            "hearing_loop": "on",
            "map_url": "https://maps.example/riverside",
        },
    )
    venue = Venue.objects.get(name="Riverside Centre")
    assert response.status_code == 302
    assert venue.organisation == world.organisation
    assert venue.step_free and venue.hearing_loop and not venue.accessible_toilet


def test_a_venue_without_a_name_says_what_to_fix(world, login):
    client = login(world.user("coordinator"))
    response = client.post(reverse("venue-create"), {"name": "", "address": "Somewhere"})
    page = response.content.decode()
    assert "Enter the venue&#x27;s name" in page and "Somewhere" in page


def test_another_organisations_venues_are_not_listed_or_editable(world, login):
    mine = make_venue(world.organisation, "Our Hall")
    theirs = make_venue(world.other_organisation, "Their Hall")
    client = login(world.user("coordinator"))
    page = client.get(reverse("venue-list")).content.decode()
    assert "Our Hall" in page and "Their Hall" not in page
    assert client.get(reverse("venue-edit", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("venue-edit", kwargs={"pk": mine.pk})).status_code == 200


def test_someone_running_meetings_in_two_organisations_chooses_whose_venue(world, login):
    from involvement.models import StaffRole

    StaffRole.objects.create(
        user=world.user("coordinator"), organisation=world.other_organisation, role="coordinator"
    )
    client = login(world.user("coordinator"))
    missing = client.post(reverse("venue-create"), {"name": "Hall", "address": "1 Road"})
    assert "Choose the organisation" in missing.content.decode()
    client.post(
        reverse("venue-create"),
        {"organisation": world.other_organisation.pk, "name": "Hall", "address": "1 Road"},
    )
    assert Venue.objects.get(name="Hall").organisation == world.other_organisation
