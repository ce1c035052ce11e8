"""From priorities to the summary members receive, in a real browser: the
coordinator briefs the group and starts a priority exercise, a member
proposes and votes, the coordinator enters the organisation's priority,
matches both into a shared theme and closes the exercise; a work plan is
started from it with a work item feeding the network board, which goes on
the group's next meeting's agenda; after the meeting the coordinator writes
the minutes, captures what members said as a "you said" item, sends the
minutes for corrections and sends the feedback summary to members."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.models import FeedbackSummary, Invitation, Meeting
from workplans.models import FeedbackItem, PriorityExercise, WorkPlan


def _date(page, name: str, value: datetime.date) -> None:
    main = page.locator("main")
    main.locator(f"input[name='{name}_0']").fill(str(value.day))
    main.locator(f"input[name='{name}_1']").fill(str(value.month))
    main.locator(f"input[name='{name}_2']").fill(str(value.year))


def _click(page, name: str) -> None:
    page.locator("main").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _link(page, name: str) -> None:
    page.locator("main a", has_text=name).first.click()
    page.wait_for_load_state()


@pytest.fixture
def meeting(world):
    start = timezone.now() + datetime.timedelta(days=10)
    return Meeting.objects.create(
        organisation=world.organisation,
        group=world.objects["group"],
        title="Fellside group meeting",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        created_by=world.user("coordinator"),
    )


def test_exercise_to_plan_to_meeting_to_minutes_to_summary(world, meeting, as_user, url):
    group = world.objects["group"]
    today = timezone.localdate()

    # The coordinator briefs the group and starts the exercise.
    page = as_user(world.user("coordinator"))
    page.goto(url("workplan-group", pk=group.pk))
    _link(page, "Start a priority exercise")
    page.get_by_label("Name of the exercise").fill("Our priorities for next year")
    page.get_by_label("Briefing on live local issues").fill(
        "Eye screening uptake fell to 78% last year."
    )
    _click(page, "Start the exercise")
    exercise = PriorityExercise.objects.get()
    assert "Eye screening uptake fell" in page.content()

    # A member proposes a problem and a solution.
    page = as_user(world.user("member"))
    page.goto(url("exercise-detail", pk=exercise.pk))
    _link(page, "Suggest a problem and a solution")
    page.get_by_label("What is the problem?").fill("Screening letters are hard to read.")
    page.get_by_label("What would help?").fill("Plain English letters with a phone number.")
    _click(page, "Add proposal")

    # The coordinator opens voting; the member votes.
    page = as_user(world.user("coordinator"))
    page.goto(url("exercise-detail", pk=exercise.pk))
    _click(page, "Open voting")
    page = as_user(world.user("member"))
    page.goto(url("exercise-detail", pk=exercise.pk))
    _link(page, "Vote")
    page.get_by_label("Screening letters are hard to read.").check()
    _click(page, "Save my votes")
    assert "Your votes have been saved" in page.content()

    # The organisation's priority, a shared theme, the matching, and closing.
    page = as_user(world.user("coordinator"))
    page.goto(url("priority-create", pk=exercise.pk))
    page.get_by_label("The organisation's priority").fill("Raise retinal screening uptake")
    _click(page, "Add priority")
    _link(page, "Themes and matching")
    page.get_by_label("Name of the theme").fill("Getting to eye screening")
    _click(page, "Add theme")
    for select in page.locator("main select").all():
        select.select_option(label="Getting to eye screening")
    _click(page, "Save the matching")
    assert "Shared themes: both members and the organisation" in page.content()
    _click(page, "Close the exercise and keep the result")
    exercise.refresh_from_db()
    assert exercise.is_closed and exercise.result["overlap"] == ["Getting to eye screening"]

    # The work plan, from the exercise, with an item feeding the network board.
    page.goto(url("workplan-group", pk=group.pk))
    _link(page, "Start the work plan")
    page.get_by_label("Priority exercise the plan draws on").select_option(
        label="Our priorities for next year"
    )
    _date(page, "next_review_on", today + datetime.timedelta(days=180))
    _click(page, "Start the plan")
    plan = WorkPlan.objects.get()
    _link(page, "Add a work item")
    page.get_by_label("Title").fill("Retinal screening letters")
    page.get_by_label("What it is about").fill("Rewrite the letters with members.")
    page.get_by_label("Both: a shared priority").check()
    page.get_by_label("Getting to eye screening").check()
    page.get_by_label("Decision-making body it feeds").select_option(
        label=world.objects["body"].name
    )
    _date(page, "feed_in_by", today + datetime.timedelta(days=60))
    page.get_by_label("Lead").fill("The coordinator")
    _click(page, "Add work item")
    item = plan.items.get()
    assert item.body == world.objects["body"] and item.themes.count() == 1

    # Onto the next meeting's agenda.
    _link(page, "Add to a meeting's agenda")
    page.get_by_label("Retinal screening letters").check()
    _click(page, "Add to the agenda")
    assert item.agenda_items.get().meeting == meeting
    assert meeting.agenda_items.count() == 4  # the item and the three standing items

    # The meeting takes place, and the member comes (the meetings journey
    # covers invitations and attendance; here they are set directly).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1, hours=2),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    Invitation.objects.create(
        meeting=meeting,
        person=world.objects["person"],
        rsvp=Invitation.Rsvp.ATTENDING,
        attended=True,
        attendance_recorded_at=timezone.now(),
    )

    # Minutes, with what members said captured as a "you said" item.
    page.goto(url("meeting-minutes-edit", pk=meeting.pk))
    page.get_by_label("Retinal screening letters: what was said").fill(
        "Members found the draft letter much clearer."
    )
    page.get_by_label("Retinal screening letters: what was agreed").fill(
        "Send the draft to the screening service."
    )
    _click(page, "Save the minutes")
    _link(page, "Capture what members said")
    page.get_by_label("What members said").fill("The phone line on the letter is always busy.")
    page.get_by_label("Agenda item it came from").select_option(label="Retinal screening letters")
    _click(page, "Keep this point")
    said = FeedbackItem.objects.get()
    assert said.meeting == meeting and said.work_item == item and said.status == "received"

    page.goto(url("meeting-minutes", pk=meeting.pk))
    _date(page, "corrections_due", today + datetime.timedelta(days=7))
    _click(page, "Send for corrections")

    # The feedback summary goes to members.
    page.goto(url("meeting-summary", pk=meeting.pk))
    _click(page, "Send the summary to every member")
    summary = FeedbackSummary.objects.get(meeting=meeting)
    assert summary.recipients >= 1
    assert "The feedback summary has gone to" in page.content()
