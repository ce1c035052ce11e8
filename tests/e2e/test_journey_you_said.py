"""You said, we did, in a real browser: a point captured at a meeting; its
owner answers "not possible" and is refused without a reason, then accepted
with one; the coordinator checks and publishes it; a member who came sees it
on their page and a member who asked for post has a letter in the print
queue; the coordinator puts it on the public board, where anyone sees it, and
in the newsletter PDF; and a point nobody answered comes back on the next
meeting's agenda after its due date."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from involvement.models import Notification
from involvement.services.outbox import letters_waiting
from meetings.models import Invitation, Meeting
from tests.factories import MembershipFactory, PersonFactory
from workplans.models import FeedbackItem, FeedbackResponse
from workplans.services import agenda as agenda_services


def _click(page, name: str) -> None:
    page.locator("main").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _meeting(world, days: int, title: str) -> Meeting:
    start = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        organisation=world.organisation,
        group=world.objects["group"],
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


@pytest.fixture
def held(world):
    """A meeting held last week: the member came, and so did a member who
    asked for letters."""
    meeting = _meeting(world, -7, "Fellside group meeting")
    by_post = PersonFactory(
        full_name="Albert Post",
        contact_channel="post",
        address_line_1="2 Fell Lane",
        town="Fellside",
        postcode="FE1 2AB",
    )
    MembershipFactory(person=by_post, group=world.objects["group"])
    for person in (world.objects["person"], by_post):
        Invitation.objects.create(meeting=meeting, person=person, attended=True)
    return meeting, by_post


def test_a_point_is_answered_published_heard_and_shown_publicly(world, held, as_user, url, context):
    meeting, by_post = held
    group = world.objects["group"]
    owner = world.user("admin_support")

    # The coordinator captures the point from the meeting, with its owner.
    page = as_user(world.user("coordinator"))
    page.goto(url("feedback-capture", pk=meeting.pk))
    page.get_by_label("What members said").fill("Clinic letters arrive after the appointment.")
    page.get_by_label("Who must answer it").select_option(label=owner.get_full_name())
    _click(page, "Keep this point")
    item = FeedbackItem.objects.get()
    assert item.owner == owner and item.meeting == meeting

    # The owner answers "not possible": refused without a reason, then accepted.
    page = as_user(owner)
    page.goto(url("feedback-detail", pk=item.pk))
    page.locator("main a", has_text="Write an answer").click()
    page.get_by_label("Not possible").check()
    page.get_by_label("What has happened").fill("We asked the letters team.")
    _click(page, "Save the draft answer")
    assert "Give the reason it is not possible" in page.locator(".nhsuk-error-summary").inner_text()
    assert not FeedbackResponse.objects.exists()
    page.get_by_label("The reason").fill("Letters are posted by a national supplier.")
    _click(page, "Save the draft answer")
    draft = FeedbackResponse.objects.get()
    assert not draft.is_published

    # The coordinator checks the wording and publishes it.
    page = as_user(world.user("coordinator"))
    page.goto(url("feedback-detail", pk=item.pk))
    page.locator("main a", has_text="Check and publish").click()
    page.get_by_label("What has happened").fill("We asked the letters team to post them sooner.")
    _click(page, "Publish the answer")
    draft.refresh_from_db()
    assert draft.is_published

    # Members hear back: the member who came sees it; the letter waits to print.
    page = as_user(world.user("member"))
    page.goto(url("feedback-mine"))
    assert "Letters are posted by a national supplier." in page.content()
    letter = Notification.objects.get(recipient=by_post)
    assert letter.channel == "post" and letter in letters_waiting(organisation=world.organisation)

    # The coordinator puts it on the public board; anyone can read it.
    page = as_user(world.user("coordinator"))
    page.goto(url("feedback-public", pk=item.pk))
    page.get_by_label("Show this point and its published answers on the public board").check()
    page.get_by_label("Public wording").fill("Clinic letters arrive too late.")
    _click(page, "Save")
    context.clear_cookies()
    page.goto(url("board", pk=group.pk))
    board = page.locator("main").inner_text()
    assert "Clinic letters arrive too late." in board
    assert "Letters are posted by a national supplier." in board
    assert "Albert" not in board and "Marian" not in board
    newsletter = page.request.get(url("board-newsletter", pk=group.pk) + "?large_print=1")
    assert newsletter.ok and newsletter.headers["content-type"] == "application/pdf"
    assert newsletter.body().startswith(b"%PDF-")


def test_an_unanswered_point_comes_back_on_the_next_agenda(world, held, as_user, url):
    meeting, _by_post = held
    point = FeedbackItem.objects.create(
        group=world.objects["group"],
        text="The car park machine takes coins only.",
        said_on=timezone.localdate() - datetime.timedelta(days=70),
        due_on=timezone.localdate() - datetime.timedelta(days=14),
        meeting=meeting,
    )
    next_meeting = _meeting(world, 10, "Next group meeting")
    page = as_user(world.user("coordinator"))
    page.goto(url("feedback-list", pk=world.objects["group"].pk))
    assert "Overdue" in page.locator("main").inner_text()
    _click(page, "Fill in “You said, we did” on the next meeting’s agenda")
    page.goto(url("meeting-detail", pk=next_meeting.pk))
    assert "The car park machine takes coins only." in page.locator("main").inner_text()
    assert list(point.revisited_at.values_list("meeting", flat=True)) == [next_meeting.pk]
    assert agenda_services.agenda_fill_next(group=world.objects["group"]).meeting == next_meeting
