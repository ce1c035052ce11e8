"""What a coordinator trips over running a meeting: agenda times that fit the
meeting, actions due after it with every error at once, a way from empty
minutes to the agenda, attendance buttons that look selected when a person is
here, a summary that counts and says what it should, and a large-print PDF
that keeps dates and status words on one line."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.models import Membership
from meetings.models import Action, AgendaItem, MinuteEntry, Minutes
from meetings.services.agenda import agenda_item_create
from tests.access.meetings_minutes import make_meeting as held_meeting
from tests.factories import MembershipFactory, date_parts
from workplans.models import FeedbackItem

from ._scheduling import invite, make_meeting

pytestmark = pytest.mark.django_db


def _post_item(client, meeting, minutes):
    return client.post(
        reverse("meeting-agenda", kwargs={"pk": meeting.pk}),
        {
            "kind": "topic",
            "title": "Clinic letters",
            "minutes_allowed": minutes,
            "format": "whole_group",
        },
    )


def test_an_item_of_99999_minutes_is_refused_in_plain_words(world, login):
    meeting = make_meeting(world.objects["group"])
    client = login(world.user("coordinator"))
    page = _post_item(client, meeting, "99999").content.decode()
    assert "Enter the minutes as a whole number from 1 to 240" in page
    assert "Ensure this value" not in page
    assert (
        "Enter the minutes as a whole number from 1 to 240"
        in _post_item(client, meeting, "0").content.decode()
    )
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_an_item_may_not_run_past_the_meetings_end_and_the_page_says_by_how_much(world, login):
    meeting = make_meeting(world.objects["group"], hours=2)  # 120 minutes
    agenda_item_create(meeting=meeting, title="Welcome", minutes_allowed=100)
    client = login(world.user("coordinator"))
    response = _post_item(client, meeting, "30")
    page = response.content.decode()
    assert response.status_code == 200
    assert "run 10 minutes past the meeting" in page
    assert "Give it 20 minutes or fewer" in page
    assert 'value="30"' in page  # what was typed stays
    assert _post_item(client, meeting, "20").status_code == 302


def test_changing_an_item_counts_the_others_not_itself(world, login):
    meeting = make_meeting(world.objects["group"], hours=1)
    item = agenda_item_create(meeting=meeting, title="Only item", minutes_allowed=50)
    client = login(world.user("coordinator"))
    url = reverse("agenda-item-edit", kwargs={"pk": item.pk})
    data = {"kind": "topic", "title": "Only item", "format": "whole_group"}
    assert client.post(url, {**data, "minutes_allowed": "60"}).status_code == 302
    assert (
        "run 5 minutes past" in client.post(url, {**data, "minutes_allowed": "65"}).content.decode()
    )


def test_the_action_form_shows_every_error_at_once_including_a_due_date_before_the_meeting(
    world, login
):
    meeting = held_meeting(world.objects["group"], days_ago=5)
    client = login(world.user("coordinator"))
    before = timezone.localtime(meeting.starts_at).date() - datetime.timedelta(days=3)
    response = client.post(
        reverse("meeting-action-add", kwargs={"pk": meeting.pk}),
        {"description": "", "owner_name": "", **date_parts("due_on", before)},
    )
    page = response.content.decode()
    summary = page.split('class="nhsuk-error-summary', 1)[1].split("</div>", 1)[0]
    assert "Enter what will be done" in summary
    assert "Choose the member who will do this" in summary
    assert "The due date must be on or after the meeting" in summary
    assert not Action.objects.exists()


def test_an_action_due_before_its_meeting_cannot_be_moved_there_either(world):
    from django.core.exceptions import ValidationError

    from meetings.services.actions import action_update

    meeting = held_meeting(world.objects["group"], days_ago=5)
    action = Action.objects.create(
        meeting=meeting, description="Write", owner_name="Sam", due_on=timezone.localdate()
    )
    with pytest.raises(ValidationError) as error:
        action_update(
            action=action, status="open", due_on=timezone.localdate() - datetime.timedelta(days=30)
        )
    assert "due_on" in error.value.message_dict


def test_minutes_with_no_agenda_link_to_adding_it(world, login):
    meeting = held_meeting(world.objects["group"], items=0)
    page = login(world.user("coordinator")).get(
        reverse("meeting-minutes-edit", kwargs={"pk": meeting.pk})
    )
    assert reverse("meeting-agenda", kwargs={"pk": meeting.pk}) in page.content.decode()


def test_attendance_shows_absent_people_unselected_and_present_people_selected(world, login):
    meeting = make_meeting(
        world.objects["group"], at=timezone.now() - datetime.timedelta(minutes=5)
    )
    here = invite(meeting, world.objects["person"], attended=True)
    away = invite(meeting, MembershipFactory(group=world.objects["group"]).person)
    page = (
        login(world.user("coordinator"))
        .get(reverse("meeting-attendance", kwargs={"pk": meeting.pk}))
        .content.decode()
    )

    def button(invitation):
        block = page.split(f'id="invitation-{invitation.pk}"', 1)[1].split("</li>", 1)[0]
        return re.search(r"<button[^>]*>", block).group(0)

    assert "nhsuk-button--secondary" not in button(here) and 'aria-pressed="true"' in button(here)
    assert "nhsuk-button--secondary" in button(away) and 'aria-pressed="false"' in button(away)


def _approved(meeting):
    minutes = Minutes.objects.create(
        meeting=meeting,
        status=Minutes.Status.APPROVED,
        corrections_due=timezone.localdate(),
        approved_at=timezone.now(),
    )
    MinuteEntry.objects.create(
        minutes=minutes,
        agenda_item=meeting.agenda_items.first(),
        said="",
        agreed="Ask for evenings.",
    )
    return minutes


def test_the_summary_counts_and_goes_to_active_members_only(world, login):
    from involvement.models import Notification
    from meetings.services.summary import summary_send

    group = world.objects["group"]
    meeting = held_meeting(group, days_ago=10)
    _approved(meeting)
    for status in ("selected", "paused", "left", "inducted"):
        MembershipFactory(group=group, status=status)
    active = Membership.objects.filter(group=group, status="active").count()
    page = (
        login(world.user("coordinator"))
        .get(reverse("meeting-summary", kwargs={"pk": meeting.pk}))
        .content.decode()
    )
    assert f"This goes to {active} member" in page
    summary = summary_send(meeting=meeting)
    assert summary.recipients == active
    sent = Notification.objects.filter(idempotency_key__startswith="meetings:feedback-summary:")
    assert set(sent.values_list("recipient__memberships__status", flat=True)) == {"active"}


def test_you_said_points_from_the_meeting_are_in_its_summary(world, login):
    group = world.objects["group"]
    meeting = held_meeting(group, days_ago=10)
    _approved(meeting)
    FeedbackItem.objects.create(
        group=group,
        text="The clinic letters are hard to read",
        said_on=timezone.localtime(meeting.starts_at).date(),
        meeting=meeting,
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    page = (
        login(world.user("coordinator"))
        .get(reverse("meeting-summary", kwargs={"pk": meeting.pk}))
        .content.decode()
    )
    assert "YOU SAID AT THIS MEETING" in page
    assert "The clinic letters are hard to read" in page


def test_the_large_print_summary_keeps_dates_and_status_on_one_line(world):
    from django.template.loader import render_to_string

    from meetings.selectors.minutes import summary_content

    meeting = held_meeting(world.objects["group"], days_ago=10)
    _approved(meeting)
    Action.objects.create(
        meeting=meeting, description="Write", owner_name="Sam", due_on=timezone.localdate()
    )
    html = render_to_string(
        "meetings/pdf/summary.html",
        {"content": summary_content(meeting=meeting), "large_print": True},
    )
    assert '<table class="actions">' in html and "<colgroup>" in html
    assert re.search(r'<td class="nowrap">\d{1,2} \w{3} \d{4}</td>', html)
    assert '<strong class="nowrap">Not started</strong>' in html or (
        '<strong class="nowrap">' in html
    )
    assert "<style>" not in html  # large print comes from large-print.css, not a smaller copy


def test_the_pdfs_date_line_is_large_and_dark(world):
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static/pdf/document.css").read_text()
    rule = re.search(r"\.when \{([^}]*)\}", css).group(1)
    assert "color: #212b32" in rule and "font-weight: 700" in rule
    agenda = (Path(settings.BASE_DIR) / "templates/meetings/pdf/agenda.html").read_text()
    assert '<p class="when">' in agenda


def _lines_of(box, text):
    """How many lines the table cell holding `text` is laid out on."""
    from weasyprint.formatting_structure import boxes

    found = []

    def walk(node):
        if isinstance(node, boxes.TableCellBox):
            words = " ".join(
                child.text for child in node.descendants() if isinstance(child, boxes.TextBox)
            )
            if text in " ".join(words.replace("\xa0", " ").split()):
                found.append(
                    len([child for child in node.descendants() if isinstance(child, boxes.LineBox)])
                )
        for child in getattr(node, "children", []):
            walk(child)

    walk(box)
    return found


def test_the_large_print_pdf_lays_dates_and_status_out_on_one_line(world):
    from involvement.pdf import _document
    from meetings.selectors.minutes import summary_content

    meeting = held_meeting(world.objects["group"], days_ago=10)
    _approved(meeting)
    due = datetime.date(2027, 12, 28)
    Action.objects.create(
        meeting=meeting,
        description="Ask the diabetes clinic manager to offer evening appointments",
        owner_name="Dr Ana Lopez, diabetes nurse",
        due_on=due,
        status=Action.Status.OPEN,
    )
    document = _document(
        "meetings/pdf/summary.html",
        [{"content": summary_content(meeting=meeting)}],
        large_print=True,
        title="Summary",
    )
    page = document.pages[0]._page_box
    # The count works: the long description wraps, as it may.
    assert _lines_of(page, "Ask the diabetes clinic manager")[0] > 1
    assert _lines_of(page, "28 Dec 2027") == [1]
    status = Action(status=Action.Status.OPEN).get_status_display()
    assert _lines_of(page, status)[0] == 1
