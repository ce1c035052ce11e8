"""The member experience survey: a group's members say how much they agree
with five short statements (each optional, once per survey, while it is
open) or the coordinator enters them from paper; results are anonymous for
everyone, shares of fewer than five answers are shown to nobody, on the
survey's page, the group dashboard, its CSV and the impact report."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from evaluation import selectors, services
from evaluation.models import ExperienceAnswer
from tests.evaluation.test_report import build_report, squash
from tests.evaluation.test_report import pdf_texts as pdf_texts_fixture

pytestmark = pytest.mark.django_db
pdf_texts = pdf_texts_fixture  # the report's fixture, recording each PDF's text
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def survey(world):
    return services.experience_survey_create(
        group=world.objects["group"],
        title="How the group feels, spring",
        opens_on=D(2026, 6, 1),
        closes_on=D(2026, 6, 30),
    )


@pytest.fixture
def answered(world, survey):
    """Five answer "more confident" (four agree); three "listened to"."""
    coordinator = world.user("coordinator")
    for confidence, listened in ((5, 4), (4, 2), (4, 5), (2, None), (4, None)):
        services.experience_answer_paper(
            survey=survey,
            entered_by=coordinator,
            confidence=confidence,
            listened_to=listened,
            comment="Marian says the papers come late." if confidence == 2 else "",
        )
    return survey


def test_a_member_answers_one_question_per_page_leaving_out_what_they_choose(world, survey, login):
    client = login(world.user("member"))
    url = reverse("experience-answer", args=[survey.pk])
    page = client.get(url).content.decode()
    assert "Question 1 of 6" in page
    assert "Being part of the group has made me more confident." in page
    assert "I feel listened to" not in page  # one question per page
    assert "Strongly disagree" in page and "Strongly agree" in page
    bad = client.post(url, {"confidence": "9"}).content.decode()
    assert "Choose one of the answers, or leave it out" in bad
    # The first question left out; the second answered.
    assert client.post(url, {"confidence": ""})["Location"].endswith("?step=2")
    page = client.get(f"{url}?step=2").content.decode()
    assert "I feel listened to in the group." in page and "Back" in page
    assert client.post(f"{url}?step=2", {"listened_to": "5"})["Location"].endswith("?step=3")
    for step in (3, 4, 5):
        client.post(f"{url}?step={step}", {"x": ""})
    last = client.get(f"{url}?step=6").content.decode()
    assert "Anything else you would like to tell us" in last and "Send my answers" in last
    assert client.post(f"{url}?step=6", {"comment": "Kept text"}).status_code == 302
    answer = ExperienceAnswer.objects.get()
    assert (answer.listened_to, answer.confidence, answer.comment) == (5, None, "Kept text")
    again = client.post(f"{url}?step=2", {"listened_to": "1"})
    again = client.post(f"{url}?step=6", {"comment": ""}, follow=True).content.decode()
    assert "You have already answered this survey" in again
    assert ExperienceAnswer.objects.count() == 1


def test_nothing_answered_at_all_is_refused_with_a_message(world, survey, login):
    client = login(world.user("member"))
    url = reverse("experience-answer", args=[survey.pk])
    page = client.post(f"{url}?step=6", {"comment": "  "}).content.decode()
    assert "Answer at least one question, or leave the survey for now" in page
    assert not ExperienceAnswer.objects.exists()


def test_a_closed_survey_takes_no_answers_and_staff_do_not_answer(world, login):
    closed = services.experience_survey_create(
        group=world.objects["group"],
        title="Last year",
        opens_on=D(2025, 6, 1),
        closes_on=D(2025, 6, 30),
    )
    client = login(world.user("member"))
    url = reverse("experience-answer", args=[closed.pk])
    client.post(url, {"confidence": "4"})
    response = client.post(f"{url}?step=6", {"comment": ""}, follow=True)
    assert "This survey is not open." in response.content.decode()
    assert login(world.user("coordinator")).get(url).status_code == 403
    assert not ExperienceAnswer.objects.exists()


def test_results_are_anonymous_and_small_numbers_hidden_from_everyone(answered):
    (result,) = selectors.experience_results(surveys=[answered], with_comments=True)
    by_name = {q.name: q for q in result.questions}
    assert result.responses == 5
    assert by_name["confidence"].agreed_shown == "80%"
    assert by_name["listened_to"].answered_shown == "fewer than 5"
    assert by_name["listened_to"].agreed_shown == "Fewer than 5 answers: not shown"
    assert by_name["support"].agreed_shown == "Fewer than 5 answers: not shown"
    assert result.comments == ["Marian says the papers come late."]


def test_the_coordinator_reads_comments_without_names_commissioners_do_not(world, answered, login):
    url = reverse("experience-list", args=[world.objects["group"].pk])
    page = login(world.user("coordinator")).get(url).content.decode()
    assert "80%" in page and "Fewer than 5 answers: not shown" in page
    assert "Marian says the papers come late." in page
    assert "Enter answers from paper or a call" in page
    page = login(world.user("commissioner")).get(url).content.decode()
    assert "80%" in page
    assert "papers come late" not in page
    assert "Enter answers from paper or a call" not in page


def test_coordinator_enters_paper_answers(world, survey, login):
    client = login(world.user("coordinator"))
    url = reverse("experience-paper", args=[survey.pk])
    assert client.post(url, {"support": "4", "comment": "Wants a lift."}).status_code == 302
    answer = ExperienceAnswer.objects.get()
    assert answer.respondent is None and answer.entered_by == world.user("coordinator")


def test_results_on_the_group_dashboard_and_its_csv(world, answered, login):
    group = world.objects["group"]
    client = login(world.user("commissioner"))
    page = client.get(reverse("group-dashboard", args=[group.pk]), {"period": "12"})
    text = page.content.decode()
    assert "Member experience" in text and "80%" in text
    assert "Fewer than 5 answers: not shown" in text
    download = client.get(reverse("group-dashboard-csv", args=[group.pk]), {"period": "12"})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    section = "Member experience: How the group feels, spring"
    assert [section, "Responses", "5"] in rows
    assert [section, "Being part of the group has made me more confident. (agree)", "80%"] in rows
    assert [
        section,
        "I feel listened to in the group. (agree)",
        "Fewer than 5 answers: not shown",
    ] in rows
    assert not any("papers come late" in cell for row in rows for cell in row)


def test_results_in_the_impact_report(
    world, answered, login, pdf_texts, django_capture_on_commit_callbacks
):
    client = login(world.user("commissioner"))
    _job, _page, download = build_report(
        client, world.organisation, django_capture_on_commit_callbacks
    )
    assert download.status_code == 200
    text = squash(pdf_texts[-1])
    assert squash("Member experience") in text
    assert squash("How the group feels, spring") in text
    assert squash("80%") in text
    assert squash("papers come late") not in text


def test_results_read_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    group = world.objects["group"]
    coordinator = world.user("coordinator")
    surveys = []
    for month in range(1, 7):
        survey = services.experience_survey_create(
            group=group,
            title=f"Round {month}",
            opens_on=D(2026, month, 1),
            closes_on=D(2026, month, 20),
        )
        for score in range(1, 6):
            services.experience_answer_paper(
                survey=survey, entered_by=coordinator, support=score, comment=f"Note {score}"
            )
        surveys.append(survey)
    with django_assert_max_num_queries(3):
        results = selectors.experience_results(
            surveys=selectors.experience_in_period(
                groups=[group], start=D(2026, 1, 1), end=D(2026, 6, 30)
            ),
            with_comments=True,
        )
    assert len(results) == 6
    assert all(r.questions[3].agreed_shown == "40%" for r in results)
