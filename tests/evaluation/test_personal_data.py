"""A person's survey answers are theirs: "Download your data" shows the
involvement scores and member experience answers they gave, and erasure
leaves the answers in the anonymous figures with nothing linking them to the
person (a written comment, which may name them, is deleted)."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from evaluation import services
from evaluation.models import ExperienceAnswer, SurveyAnswer
from involvement.models import ErasureRequest, PersonalDataExport
from involvement.services import privacy

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def answered(world):
    member = world.user("member")
    survey_round = services.survey_round_create(
        organisation=world.organisation,
        title="Involvement score, summer",
        opens_on=D(2026, 6, 1),
        closes_on=D(2026, 6, 30),
    )
    score = services.survey_answer_online(
        survey_round=survey_round, user=member, stakeholder="service_user", score=7
    )
    survey = services.experience_survey_create(
        group=world.objects["group"],
        title="How the group feels, summer",
        opens_on=D(2026, 6, 1),
        closes_on=D(2026, 6, 30),
    )
    experience = services.experience_answer_online(
        survey=survey, user=member, confidence=4, comment="The papers come late for me."
    )
    # Somebody else's answer, which is never theirs to see or lose.
    other = services.survey_answer_online(
        survey_round=survey_round, user=world.user("coordinator"), stakeholder="staff", score=3
    )
    return score, experience, other


def test_the_copy_of_a_persons_data_holds_their_survey_answers(
    world, client, answered, django_capture_on_commit_callbacks
):
    client.force_login(world.user("member"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("my-data"))
    export = PersonalDataExport.objects.get(person=world.objects["person"])
    document = json.loads(client.get(reverse("my-data-json", args=[export.pk])).content)
    by_key = {section["key"]: section for section in document["sections"]}
    answers = by_key["evaluation.answers"]
    assert answers["title"] == "Your survey answers"
    score, experience = answers["records"]
    assert (score["Survey"], score["Your score"]) == ("Involvement score, summer", "7")
    assert experience["Survey"] == "How the group feels, summer"
    assert experience["Being part of the group has made me more confident."] == "Agree"
    assert experience["I feel listened to in the group."] == "Not answered"
    assert experience["Anything else you told us"] == "The papers come late for me."
    readable = client.get(reverse("my-data-html", args=[export.pk])).content.decode()
    assert "Your survey answers" in readable and "The papers come late for me." in readable


def test_erasure_unlinks_survey_answers_and_deletes_comments(world, answered):
    score, experience, other = answered
    person = world.objects["person"]
    erasure = privacy.erasure_request_create(person=person)
    erasure = privacy.erasure_carry_out(erasure=erasure, by=world.user("org_admin"))

    score.refresh_from_db()
    experience.refresh_from_db()
    assert (score.respondent, score.person, score.score) == (None, None, 7)
    assert (experience.respondent, experience.comment, experience.confidence) == (None, "", 4)
    assert any("Survey answers (2)" in line for line in erasure.kept)
    assert erasure.status == ErasureRequest.Status.CARRIED_OUT
    # The figures still count both answers; the other person's is untouched.
    assert SurveyAnswer.objects.filter(round=score.round).count() == 2
    assert ExperienceAnswer.objects.filter(survey=experience.survey).count() == 1
    other.refresh_from_db()
    assert other.respondent == world.user("coordinator")


def test_someone_without_survey_answers_gets_no_line_about_them(world):
    erasure = privacy.erasure_request_create(person=world.objects["person"])
    erasure = privacy.erasure_carry_out(erasure=erasure, by=world.user("org_admin"))
    assert not any("Survey answers" in line for line in erasure.kept)
