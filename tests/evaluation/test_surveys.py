"""The 0 to 10 involvement score: staff answer as staff and members as
service users (one question, once per round, while it is open); paper answers
entered by the coordinator; averages of fewer than five not shown; the gap
between staff and service users shown."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from evaluation import selectors, services
from evaluation.models import SurveyAnswer

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def survey_round(world):
    return services.survey_round_create(
        organisation=world.organisation,
        title="Spring round",
        opens_on=D(2026, 6, 1),
        closes_on=D(2026, 6, 30),
    )


def test_a_member_answers_as_a_service_user_once(world, survey_round, login):
    client = login(world.user("member"))
    url = reverse("survey-answer", args=[survey_round.pk])
    page = client.get(url).content.decode()
    assert "0: service users are not involved at all" in page
    assert "10: care and services are designed with service users at the heart" in page
    assert "Choose a number from 0 to 10" in client.post(url, {}).content.decode()
    assert client.post(url, {"score": "4"}).status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.stakeholder, answer.score) == ("service_user", 4)
    # A second answer is refused, with a message, and nothing is written.
    response = client.post(url, {"score": "9"}, follow=True)
    assert "You have already answered this survey" in response.content.decode()
    assert SurveyAnswer.objects.count() == 1


def test_staff_answer_as_staff(world, survey_round, login):
    client = login(world.user("finance"))
    client.post(reverse("survey-answer", args=[survey_round.pk]), {"score": "8"})
    assert SurveyAnswer.objects.get().stakeholder == "staff"


def test_a_closed_round_takes_no_answers(world, login):
    closed = services.survey_round_create(
        organisation=world.organisation,
        title="Last year",
        opens_on=D(2025, 6, 1),
        closes_on=D(2025, 6, 30),
    )
    client = login(world.user("member"))
    response = client.post(reverse("survey-answer", args=[closed.pk]), {"score": "5"}, follow=True)
    assert "This survey is not open." in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_scores_by_stakeholder_with_the_gap_and_small_numbers_hidden(world, survey_round, login):
    coordinator = world.user("coordinator")
    # Staff 7, 8, 8, 7, 8 (mean 7.6); service users 2, 5, 3, 4, 1 (mean 3.0).
    for score in (7, 8, 8, 7, 8):
        services.survey_answer_paper(
            survey_round=survey_round, stakeholder="staff", score=score, entered_by=coordinator
        )
    for score in (2, 5, 3, 4, 1):
        services.survey_answer_paper(
            survey_round=survey_round,
            stakeholder="service_user",
            score=score,
            entered_by=coordinator,
        )
    earlier = services.survey_round_create(
        organisation=world.organisation,
        title="Autumn round",
        opens_on=D(2025, 10, 1),
        closes_on=D(2025, 10, 31),
    )
    for score in (6, 7):
        services.survey_answer_paper(
            survey_round=earlier, stakeholder="staff", score=score, entered_by=coordinator
        )
    spring, autumn = selectors.survey_scores(organisation=world.organisation)
    assert spring.staff_shown == "7.6 (5 answers)"
    assert spring.service_users_shown == "3.0 (5 answers)"
    assert spring.gap == 4.6
    assert autumn.staff_shown == "Fewer than 5 answers: not shown"
    assert autumn.service_users_shown == "No answers yet"
    assert autumn.gap is None

    page = (
        login(world.user("commissioner"))
        .get(reverse("survey-list", args=[world.organisation.pk]))
        .content.decode()
    )
    assert "4.6 points" in page
    assert "Fewer than 5 answers: not shown" in page
    assert "Enter paper answers" not in page  # commissioners only read


def test_coordinator_enters_paper_answers(world, survey_round, login):
    client = login(world.user("coordinator"))
    url = reverse("survey-paper", args=[survey_round.pk])
    page = client.post(url, {"score": "11"}).content.decode()
    assert "Select who filled in the form" in page
    assert "Choose a number from 0 to 10" in page
    assert client.post(url, {"stakeholder": "service_user", "score": "2"}).status_code == 302
    answer = SurveyAnswer.objects.get()
    assert answer.respondent is None and answer.entered_by == world.user("coordinator")
