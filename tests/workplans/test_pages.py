"""The workplans pages through HTTP: the exercise journey, the plan, reviews,
the agenda page, the PDF, and flat query counts at tenfold data."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import BodyFactory, date_parts
from workplans.models import PriorityExercise, Vote, WorkPlan
from workplans.services import exercises as exercise_services
from workplans.services import plans as plan_services
from workplans.services.agenda import agenda_build_from_plan
from workplans.services.decisions import decision_entry_create

from .helpers import meeting_of, member_of, plan_with_items, voting_exercise

pytestmark = pytest.mark.django_db


def test_exercise_from_briefing_to_closed_result(world, login):
    group = world.objects["group"]
    coordinator = login(world.user("coordinator"))
    response = coordinator.post(
        reverse("exercise-create", args=[group.pk]), {"title": "", "briefing": ""}
    )
    assert "Enter a name for the exercise" in response.content.decode()
    response = coordinator.post(
        reverse("exercise-create", args=[group.pk]),
        {"title": "Priorities 2026", "briefing": "Eye screening uptake fell last year."},
    )
    exercise = PriorityExercise.objects.get()
    assert response.url == reverse("exercise-detail", args=[exercise.pk])

    member = login(world.user("member"))
    page = member.get(reverse("exercise-detail", args=[exercise.pk])).content.decode()
    assert "Eye screening uptake fell last year." in page
    assert "3 votes" in page  # the voting rule is explained
    member.post(
        reverse("proposal-create", args=[exercise.pk]),
        {"problem": "Screening letters are confusing.", "solution": "Plain English letters."},
    )
    proposal = exercise.proposals.get()
    assert proposal.proposed_by == world.objects["person"] and not proposal.raised_at_meeting

    coordinator = login(world.user("coordinator"))
    coordinator.post(
        reverse("proposal-create", args=[exercise.pk]),
        {"problem": "Clinics only in working hours.", "solution": "", "proposed_by": ""},
    )
    assert exercise.proposals.filter(raised_at_meeting=True, proposed_by=None).count() == 1
    coordinator.post(reverse("exercise-stage", args=[exercise.pk]), {"to": "voting"})
    exercise.refresh_from_db()
    assert exercise.stage == "voting"

    member = login(world.user("member"))
    response = member.post(
        reverse("exercise-vote", args=[exercise.pk]), {"proposals": [proposal.pk]}
    )
    assert response.status_code == 302
    assert Vote.objects.filter(person=world.objects["person"]).count() == 1

    coordinator = login(world.user("coordinator"))
    other = member_of(group)
    response = coordinator.post(
        reverse("exercise-vote-enter", args=[exercise.pk]),
        {"member": other.memberships.get().pk, "proposals": [proposal.pk]},
    )
    assert response.status_code == 302
    assert Vote.objects.get(person=other).cast_at_meeting
    coordinator.post(
        reverse("priority-create", args=[exercise.pk]),
        {"title": "Raise retinal screening uptake", "description": "", "source": "Annual plan"},
    )
    coordinator.post(
        reverse("exercise-themes", args=[exercise.pk]),
        {"add_theme": "1", "name": "Eye screening", "description": ""},
    )
    theme = exercise.themes.get()
    priority = exercise.organisation_priorities.get()
    response = coordinator.post(
        reverse("exercise-themes", args=[exercise.pk]),
        {f"proposal_{proposal.pk}": theme.pk, f"priority_{priority.pk}": theme.pk},
    )
    assert response.status_code == 302
    page = coordinator.get(reverse("exercise-detail", args=[exercise.pk])).content.decode()
    assert "Shared themes: both members and the organisation" in page
    coordinator.post(reverse("exercise-stage", args=[exercise.pk]), {"to": "closed"})
    exercise.refresh_from_db()
    assert exercise.is_closed and exercise.result["overlap"] == ["Eye screening"]
    response = coordinator.post(
        reverse("priority-create", args=[exercise.pk]), {"title": "Too late"}, follow=True
    )
    assert "can no longer change" in response.content.decode()


def test_member_vote_form_explains_too_many_choices(world, login):
    exercise, proposals = voting_exercise(world.objects["group"], proposals=4)
    response = login(world.user("member")).post(
        reverse("exercise-vote", args=[exercise.pk]), {"proposals": [p.pk for p in proposals]}
    )
    assert response.status_code == 200
    assert "Choose up to 3 proposals: you chose 4" in response.content.decode()
    assert not Vote.objects.exists()


def test_commissioner_sees_the_plan_but_not_the_exercise(world, login):
    group = world.objects["group"]
    exercise, _ = voting_exercise(group)
    plan, _ = plan_with_items(group, items=1, exercise=exercise)
    client = login(world.user("commissioner"))
    page = client.get(reverse("workplan-group", args=[group.pk])).content.decode()
    assert "Work item 0" in page
    assert reverse("exercise-detail", args=[exercise.pk]) not in page
    assert "Start the work plan" not in page and "Add a work item" not in page
    assert client.get(reverse("exercise-detail", args=[exercise.pk])).status_code == 403


def test_plan_item_and_review_pages_make_a_new_version(world, login):
    group = world.objects["group"]
    client = login(world.user("coordinator"))
    response = client.post(
        reverse("workplan-create", args=[group.pk]),
        {"exercise": "", **date_parts("next_review_on", "1/9/2026")},
    )
    plan = WorkPlan.objects.get()
    assert response.url == reverse("workplan-detail", args=[plan.pk])
    body = world.objects["body"]
    data = {
        "title": "Retinal screening letters",
        "description": "Make the letters easier to read.",
        "origin": "both",
        "body": body.pk,
        "lead": "Priya Chauhan",
        "status": "planned",
        "constraints_stated": "The national letter template cannot change.",
        **date_parts("feed_in_by", "1/6/2026"),
        **date_parts("starts_on", "1/5/2026"),
        **date_parts("target_on", "1/4/2026"),
    }
    response = client.post(reverse("workitem-create", args=[plan.pk]), data)
    assert "The target date must be the same as or after the start" in response.content.decode()
    data.update(date_parts("target_on", "1/10/2026"))
    assert client.post(reverse("workitem-create", args=[plan.pk]), data).status_code == 302
    page = client.get(reverse("workplan-detail", args=[plan.pk])).content.decode()
    for expected in ("Retinal screening letters", body.name, "1 June 2026", "national letter"):
        assert expected in page

    response = client.post(
        reverse("workplan-review", args=[plan.pk]),
        {
            **date_parts("held_on", "10/3/2026"),
            "what_changed": "Letters item moved to in progress.",
            "why": "The screening service agreed to test new letters.",
            "make_new_version": "on",
            **date_parts("next_review_on", "10/9/2026"),
        },
    )
    new = WorkPlan.objects.get(status="current")
    assert new.version == 2 and response.url == reverse("workplan-detail", args=[new.pk])
    old_page = client.get(reverse("workplan-detail", args=[plan.pk])).content.decode()
    assert "This version has been replaced" in old_page
    assert "Retinal screening letters" in old_page
    assert "The screening service agreed to test new letters." in old_page
    group_page = client.get(reverse("workplan-group", args=[group.pk])).content.decode()
    assert "Version 2" in group_page and "Letters item moved to in progress." in group_page


def test_add_to_a_meetings_agenda_page(world, login):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=2)
    meeting = meeting_of(group)
    meeting_of(world.objects["other_group"])  # never offered
    client = login(world.user("coordinator"))
    page = client.get(reverse("workplan-agenda", args=[plan.pk])).content.decode()
    assert "Group meeting" in page and page.count('name="meeting"') == 1
    response = client.post(
        reverse("workplan-agenda", args=[plan.pk]),
        {"meeting": meeting.pk, "items": [items[1].pk], "add_standing": "on"},
    )
    assert response.status_code == 302
    assert list(items[1].agenda_items.values_list("meeting", flat=True)) == [meeting.pk]
    assert meeting.agenda_items.count() == 4


def test_items_already_on_that_agenda_are_news_not_a_success(world, login):
    group = world.objects["group"]
    plan, items = plan_with_items(group, items=1)
    meeting = meeting_of(group)
    agenda_build_from_plan(meeting=meeting, items=items, add_standing=False)
    response = login(world.user("coordinator")).post(
        reverse("workplan-agenda", args=[plan.pk]), {"meeting": meeting.pk, "items": [items[0].pk]}
    )
    assert response.url == reverse("workplan-detail", args=[plan.pk])
    assert _flashed(response) == [
        ("info", f"Those work items are already on the agenda of {meeting}.")
    ]
    assert meeting.agenda_items.count() == 1


def test_starting_a_second_plan_goes_back_to_the_group_saying_why(world, login):
    group = world.objects["group"]
    plan_with_items(group, items=0)
    response = login(world.user("coordinator")).post(
        reverse("workplan-create", args=[group.pk]),
        {"exercise": "", **date_parts("next_review_on", "1/9/2026")},
    )
    assert response.url == reverse("workplan-group", args=[group.pk])
    assert _flashed(response) == [
        ("error", f"{group} already has a work plan. Review it to make a new version.")
    ]
    assert WorkPlan.objects.filter(group=group).count() == 1


def _flashed(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_plan_pdf_standard_and_large_print(world, login):
    plan, _ = plan_with_items(world.objects["group"], items=2, body=world.objects["body"])
    client = login(world.user("member"))
    standard = client.get(reverse("workplan-pdf", args=[plan.pk]))
    large = client.get(reverse("workplan-pdf", args=[plan.pk]) + "?large_print=1")
    assert standard["Content-Type"] == "application/pdf"
    assert standard.content.startswith(b"%PDF")
    assert "large-print" in large["Content-Disposition"]
    assert large.content.startswith(b"%PDF") and large.content != standard.content


# Query counts: the same at tenfold data.


def test_plan_page_queries_are_flat(world, login, assert_flat_queries):
    group = world.objects["group"]
    exercise, _ = voting_exercise(group)
    plan, _ = plan_with_items(group, items=0, exercise=exercise)
    client = login(world.user("coordinator"))
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            k = next(counter)
            body = BodyFactory(organisation=world.organisation)
            theme = exercise.themes.create(name=f"Theme {k}")
            item = plan_services.work_item_create(
                plan=plan, title=f"Item {k}", description="d", body=body, themes=[theme]
            )
            agenda_build_from_plan(meeting=meeting_of(group, days=10 + k), items=[item])

    for url in (
        reverse("workplan-detail", args=[plan.pk]),
        reverse("workplan-group", args=[group.pk]),
    ):
        assert_flat_queries(lambda url=url: client.get(url), grow=grow)


def test_exercise_page_queries_are_flat(world, login, assert_flat_queries):
    group = world.objects["group"]
    exercise, _ = voting_exercise(group, proposals=1)
    client = login(world.user("member"))
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            k = next(counter)
            person = member_of(group)
            proposal = exercise_services.proposal_add(
                exercise=exercise,
                problem=f"Problem {k}",
                proposed_by=person,
                raised_at_meeting=True,
            )
            theme = exercise_services.theme_create(exercise=exercise, name=f"Theme {k}")
            priority = exercise_services.organisation_priority_add(
                exercise=exercise, title=f"P {k}"
            )
            exercise_services.themes_match(
                exercise=exercise, proposals={proposal.pk: theme}, priorities={priority.pk: theme}
            )
            exercise_services.votes_set(exercise=exercise, person=person, proposals=[proposal])

    assert_flat_queries(
        lambda: client.get(reverse("exercise-detail", args=[exercise.pk])), grow=grow
    )


def test_decision_map_queries_are_flat(world, login, assert_flat_queries):
    group = world.objects["group"]
    plan, _ = plan_with_items(group, items=0)
    client = login(world.user("coordinator"))
    counter = iter(range(1000))

    def grow(n):
        for _ in range(n):
            k = next(counter)
            body = BodyFactory(organisation=world.organisation)
            decision_entry_create(organisation=world.organisation, body=body, topic=f"Topic {k}")
            plan_services.work_item_create(plan=plan, title=f"Item {k}", description="d", body=body)

    assert_flat_queries(
        lambda: client.get(reverse("decision-map", args=[world.organisation.pk])), grow=grow
    )


def test_index_and_you_said_list_queries_are_flat(world, login, assert_flat_queries):
    from tests.factories import GroupFactory
    from workplans.services.feedback import feedback_capture

    group = world.objects["group"]
    client = login(world.user("coordinator"))
    meeting = meeting_of(group)

    def grow(n):
        for _ in range(n):
            GroupFactory(organisation=world.organisation)
            feedback_capture(meeting=meeting, text="Said at the meeting.")

    assert_flat_queries(lambda: client.get(reverse("workplan-index")), grow=grow)
    assert_flat_queries(lambda: client.get(reverse("feedback-list", args=[group.pk])), grow=grow)
