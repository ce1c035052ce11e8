"""The home page's "what needs doing" lists the work waiting in every app: each
app registers its own panel (involvement.home_panels) and the page's query
count stays flat as the work grows. Panel members see their scores still to
give and finance sees claims to pay, not only "Your roles"."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Correction, Minutes
from recruitment.models import ModeratedScore, PanelMember, ReviewAssignment, Score
from tests.access.recruitment_setup import make_application, make_role, make_vacancy
from tests.expenses.test_prompt import dated_claim
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings._scheduling import make_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _past_meeting(world, *, days_ago, title):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return make_meeting(world.objects["group"], at=starts.replace(microsecond=0), title=title)


def _claims(world, n=1, *, status="submitted"):
    today = timezone.localdate()
    return [
        dated_claim(
            world,
            meeting=today - datetime.timedelta(days=10),
            submitted=today - datetime.timedelta(days=4),
            approved=today - datetime.timedelta(days=2) if status == "approved" else None,
        )
        for _ in range(n)
    ]


def _correction(world, meeting):
    minutes = Minutes.objects.create(
        meeting=meeting,
        status=Minutes.Status.CIRCULATED,
        corrections_due=timezone.localdate() + datetime.timedelta(days=5),
    )
    return Correction.objects.create(
        minutes=minutes, person=world.objects["person"], text="I said Tuesday, not Thursday."
    )


def _scoring_vacancy(world, *, applications=2, reviewer=None, title="Join the group"):
    """A vacancy being scored, with applications assigned to the reviewer."""
    vacancy = make_vacancy(
        make_role(world.organisation), world.objects["group"], status="closed", title=title
    )
    reviewer = reviewer or world.user("panel_member")
    member = PanelMember.objects.create(vacancy=vacancy, user=reviewer, shuffle_seed=7)
    made = []
    for _ in range(applications):
        application = make_application(vacancy, PersonFactory())
        ReviewAssignment.objects.create(application=application, panel_member=member)
        made.append(application)
    return vacancy, made


def _disagree(vacancy, application, world):
    """Two reviewers 4 points apart on the first criterion (margin 2)."""
    criterion = vacancy.role_description.criteria.order_by("position").first()
    for user, score in ((world.user("panel_member"), 1), (world.user("coordinator"), 5)):
        Score.objects.create(
            application=application, criterion=criterion, reviewer=user, score=score, rationale="."
        )
    return criterion


# --- the coordinator --------------------------------------------------------


def test_the_coordinator_is_told_of_claims_minutes_corrections_and_moderation(world, login):
    _claims(world, 2)
    overdue = _past_meeting(world, days_ago=6, title="October group meeting")
    _past_meeting(world, days_ago=1, title="Yesterday's meeting")  # not overdue yet
    corrected = _past_meeting(world, days_ago=9, title="September group meeting")
    _correction(world, corrected)
    vacancy, applications = _scoring_vacancy(world, title="Join Diabetes Voices")
    _disagree(vacancy, applications[0], world)

    page = _text(login(world.user("coordinator")).get(reverse("home")))

    assert "2 expense claims are waiting for you to approve" in page
    assert "Minutes overdue" in page
    assert "Minutes of October group meeting" in page
    assert "Yesterday's meeting" not in page
    assert "Corrections to answer" in page
    assert "Minutes of September group meeting" in page
    assert "Scores to moderate" in page
    assert "Join Diabetes Voices : 1 score to moderate" in page
    html = login(world.user("coordinator")).get(reverse("home")).content.decode()
    assert reverse("approval-queue") in html
    assert reverse("meeting-minutes", args=[overdue.pk]) in html
    assert reverse("meeting-minutes", args=[corrected.pk]) in html
    assert reverse("scores-vacancy", args=[vacancy.pk]) in html


def test_moderated_scores_and_answered_corrections_leave_the_list(world, login):
    meeting = _past_meeting(world, days_ago=9, title="September group meeting")
    correction = _correction(world, meeting)
    correction.status = Correction.Status.MADE
    correction.save()
    vacancy, applications = _scoring_vacancy(world)
    criterion = _disagree(vacancy, applications[0], world)
    ModeratedScore.objects.create(
        application=applications[0],
        criterion=criterion,
        score=3,
        previous_mean=3,
        reason="Agreed at the panel.",
        moderated_by=world.user("coordinator"),
    )

    page = _text(login(world.user("coordinator")).get(reverse("home")))

    assert "Corrections to answer" not in page
    assert "Scores to moderate" not in page


def test_names_waiting_for_induction_link_to_the_person(world, login):
    waiting = MembershipFactory(group=world.objects["group"], status="selected")

    html = login(world.user("coordinator")).get(reverse("home")).content.decode()

    assert f'href="{reverse("person-detail", args=[waiting.person.pk])}"' in html


def test_the_coordinator_home_stays_flat_as_the_work_grows(world, login, assert_flat_queries):
    client = login(world.user("coordinator"))
    vacancy, _ = _scoring_vacancy(world, applications=0)

    def grow(n):
        _claims(world, n)
        for i in range(n):
            _past_meeting(world, days_ago=5 + i, title=f"Meeting {i}")
            _correction(world, _past_meeting(world, days_ago=8 + i, title=f"Corrected {i}"))
            application = make_application(vacancy, PersonFactory())
            _disagree(vacancy, application, world)
            other, _ = _scoring_vacancy(world, applications=1)
            _disagree(other, other.applications.first(), world)

    assert_flat_queries(lambda: client.get(reverse("home")), grow=grow)


def test_nothing_waiting_says_so(world, login):
    page = _text(login(world.user("coordinator")).get(reverse("home")))

    assert "waiting for you to approve" not in page
    assert "Minutes overdue" not in page
    assert "Scores to moderate" not in page


# --- panel members ----------------------------------------------------------


def test_a_panel_member_sees_the_scores_still_to_give_for_each_vacancy(world, login):
    vacancy, applications = _scoring_vacancy(world, applications=3, title="Join Diabetes Voices")
    done = _scoring_vacancy(world, applications=1, title="Already scored")[0]
    criteria = list(vacancy.role_description.criteria.all())  # 2 criteria
    Score.objects.create(
        application=applications[0],
        criterion=criteria[0],
        reviewer=world.user("panel_member"),
        score=3,
        rationale=".",
    )
    for criterion in done.role_description.criteria.all():
        Score.objects.create(
            application=done.applications.first(),
            criterion=criterion,
            reviewer=world.user("panel_member"),
            score=3,
            rationale=".",
        )

    response = login(world.user("panel_member")).get(reverse("home"))
    page = _text(response)

    assert "Applications for you to score" in page
    assert "Score the applications for Join Diabetes Voices : 5 scores still to give" in page
    assert "Already scored" not in page
    assert reverse("scoring-vacancy", args=[vacancy.pk]) in response.content.decode()


def test_a_group_member_on_the_panel_is_told_too(world, login):
    member_user = world.user("member")
    _scoring_vacancy(world, applications=2, reviewer=member_user, title="Join Diabetes Voices")

    page = _text(login(member_user).get(reverse("home")))

    assert "4 scores still to give" in page


def test_a_panel_member_home_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("panel_member"))

    def grow(n):
        for _ in range(n):
            _scoring_vacancy(world, applications=2)

    assert_flat_queries(lambda: client.get(reverse("home")), grow=grow)


def test_a_draft_vacancy_asks_for_no_scores(world, login):
    vacancy, _ = _scoring_vacancy(world, applications=2)
    vacancy.status = "draft"
    vacancy.save()

    page = _text(login(world.user("panel_member")).get(reverse("home")))

    assert "Applications for you to score" not in page


# --- finance ----------------------------------------------------------------


def test_finance_sees_claims_to_pay_and_claims_waiting_for_approval(world, login):
    _claims(world, 3, status="approved")
    _claims(world, 1)

    response = login(world.user("finance")).get(reverse("home"))
    page = _text(response)

    assert "Claims to pay" in page
    assert "3 approved claims are waiting to be paid" in page
    assert "1 more claim is waiting for a coordinator to approve it" in page
    assert reverse("payment-list") in response.content.decode()
    assert "waiting for you to approve" not in page  # finance does not approve


def test_finance_home_stays_flat(world, login, assert_flat_queries):
    client = login(world.user("finance"))
    assert_flat_queries(
        lambda: client.get(reverse("home")),
        grow=lambda n: (_claims(world, n, status="approved"), _claims(world, n)),
    )


@pytest.mark.parametrize("role", ["member", "commissioner", "other_org"])
def test_others_are_not_told_of_the_organisations_work(world, login, role):
    _claims(world, 2)
    _correction(world, _past_meeting(world, days_ago=9, title="September group meeting"))

    page = _text(login(world.user(role)).get(reverse("home")))

    assert "waiting for you to approve" not in page
    assert "waiting to be paid" not in page
    assert "Corrections to answer" not in page
