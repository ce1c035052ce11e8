"""The agenda: standing items in one action, timings, reordering, PDFs."""

from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.models import AgendaItem
from meetings.services.agenda import agenda_add_standing_items, agenda_item_create, agenda_item_move

from ._scheduling import edit_form_data, make_meeting


def test_standing_items_are_added_once(world):
    meeting = make_meeting(world.objects["group"])
    first = agenda_add_standing_items(meeting=meeting)
    again = agenda_add_standing_items(meeting=meeting)
    kinds = list(meeting.agenda_items.values_list("kind", flat=True))
    assert len(first) == 3 and again == []
    assert kinds == ["actions", "you_said_we_did", "representatives"]


def test_items_are_reordered_up_and_down(world):
    meeting = make_meeting(world.objects["group"])
    agenda_add_standing_items(meeting=meeting)
    guest = agenda_item_create(
        meeting=meeting, title="Foot checks", presenter="A podiatrist", presenter_is_guest=True
    )
    agenda_item_move(item=guest, direction="up")
    agenda_item_move(item=guest, direction="up")
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles.index("Foot checks") == 1
    first = meeting.agenda_items.order_by("position").first()
    agenda_item_move(item=first, direction="up")  # already first: nothing moves
    assert meeting.agenda_items.order_by("position").first() == first


def test_the_agenda_page_shows_running_times(world, login):
    meeting = make_meeting(world.objects["group"])
    agenda_add_standing_items(meeting=meeting)
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("meeting-agenda", kwargs={"pk": meeting.pk}),
        {
            "kind": "topic",
            "title": "Clinic letters",
            "minutes_allowed": "25",
            "format": "small_groups",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Clinic letters")
    assert item.position == 4 and item.format == "small_groups"


def test_an_agenda_item_without_a_title_says_what_to_fix(world, login):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("meeting-agenda", kwargs={"pk": meeting.pk}),
        {"kind": "topic", "title": "", "minutes_allowed": "25", "format": "whole_group"},
    )
    assert "Enter the item&#x27;s title" in response.content.decode()


def test_the_agenda_pdf_comes_in_standard_and_large_print(world, login):
    meeting = make_meeting(world.objects["group"])
    agenda_add_standing_items(meeting=meeting)
    client = login(world.user("member"))
    url = reverse("meeting-agenda-pdf", kwargs={"pk": meeting.pk})
    standard = client.get(url)
    large = client.get(url + "?large_print=1")
    assert standard.content[:5] == b"%PDF-" and large.content[:5] == b"%PDF-"
    assert "large-print" in large["Content-Disposition"]


def test_agenda_page_queries_stay_flat(world, login, assert_flat_queries):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            agenda_item_create(meeting=meeting, title="Topic", minutes_allowed=5)

    assert_flat_queries(
        lambda: client.get(reverse("meeting-agenda", kwargs={"pk": meeting.pk})), grow=grow
    )


def test_adding_the_standing_items_again_tells_rather_than_congratulates(world, login):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    url = reverse("meeting-agenda-standing", kwargs={"pk": meeting.pk})

    first = client.post(url)
    client.get(first.url)  # the agenda page shows the first message
    again = client.post(url)

    assert first.url == again.url == reverse("meeting-agenda", kwargs={"pk": meeting.pk})
    assert _flashed(first) == [("success", "3 standing items have been added.")]
    assert _flashed(again) == [("info", "The agenda already has all the standing items.")]
    assert meeting.agenda_items.count() == 3


def _flashed(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_a_meeting_cannot_be_made_shorter_than_its_agenda(world, login):
    """Standing items (40 minutes) and a 60-minute talk fill 100 of a two-hour
    meeting at 10am: ending it at 11am is refused beside the end time,
    saying when it could end, and nothing typed is lost; 100 minutes is fine."""
    import datetime

    from django.utils import timezone

    from involvement.clock import clock

    ten_am = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=14), datetime.time(10)
    )
    meeting = make_meeting(world.objects["group"], hours=2, at=timezone.make_aware(ten_am))
    agenda_add_standing_items(meeting=meeting)
    agenda_item_create(meeting=meeting, title="Clinic letters", minutes_allowed=60)
    client = login(world.user("coordinator"))
    url = reverse("meeting-edit", args=[meeting.pk])
    data = edit_form_data(client, meeting)
    starts = timezone.localtime(meeting.starts_at)
    earliest = starts + datetime.timedelta(minutes=100)
    data["end_time"] = (starts + datetime.timedelta(hours=1)).strftime("%H:%M")
    data["title"] = "Spring meeting, shorter"

    response = client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "The agenda takes 100 minutes, 40 minutes more than the meeting would last. "
        f"End it at {clock(earliest)} or later, or shorten the agenda first."
    ) in page.replace("&#x27;", "'")
    assert "Spring meeting, shorter" in page  # what was typed is kept
    meeting.refresh_from_db()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)

    data["end_time"] = earliest.strftime("%H:%M")
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=100)
