"""Decisions for many applicants on one page, saved together: what an
accepted selection suggests is filled in, a refusal for one saves none and
keeps what was typed, and the page links to the conversations still needed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment.models import Application, Conversation

from .scoring_data import add_application, add_reviewer, make_vacancy, score

pytestmark = pytest.mark.django_db


def _talked(application, match=True):
    Conversation.objects.create(
        application=application,
        held_on=timezone.localdate(),
        mode="phone",
        notes="Keen to help.",
        match_confirmed=match,
    )
    return application


@pytest.fixture
def applicants(world):
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    reviewer = add_reviewer(vacancy)
    made = []
    for values in ([4, 4], [3, 3], [2, 1]):
        application = add_application(vacancy, status="shortlisted")
        score(application, reviewer, values)
        made.append(application)
    return vacancy, made


def test_many_decisions_are_saved_together(applicants, world, client):
    vacancy, (first, second, third) = applicants
    _talked(first)
    _talked(second)
    client.force_login(world.user("coordinator"))
    url = reverse("decisions-vacancy", kwargs={"pk": vacancy.pk})

    response = client.post(
        url,
        {
            f"outcome_{first.pk}": "selected",
            f"reason_{first.pk}": "Strong answers.",
            f"outcome_{second.pk}": "reserve",
            f"reason_{second.pk}": "Next in line.",
            f"outcome_{third.pk}": "not_selected",
            f"reason_{third.pk}": "Others showed more experience.",
        },
    )

    assert response.status_code == 302
    statuses = dict(vacancy.applications.values_list("pk", "status"))
    assert statuses == {first.pk: "selected", second.pk: "reserve", third.pk: "not_selected"}


def test_one_refusal_saves_none_and_keeps_what_was_typed(applicants, world, client):
    vacancy, (first, second, third) = applicants
    _talked(first)
    client.force_login(world.user("coordinator"))
    url = reverse("decisions-vacancy", kwargs={"pk": vacancy.pk})

    page = client.get(url).content.decode()
    assert reverse("conversation-record", kwargs={"pk": second.pk}) in page

    response = client.post(
        url,
        {
            f"outcome_{first.pk}": "selected",
            f"reason_{first.pk}": "Strong answers typed carefully.",
            f"outcome_{second.pk}": "reserve",  # no conversation yet
            f"reason_{second.pk}": "Next in line.",
            f"outcome_{third.pk}": "later",
        },
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert f"Record the informal conversation with {second.reference} first." in text
    assert "Strong answers typed carefully." in text
    assert not vacancy.applications.exclude(status=Application.Status.SHORTLISTED).exists()


def test_a_decision_without_a_reason_is_refused(applicants, world, client):
    vacancy, (first, _, _) = applicants
    client.force_login(world.user("coordinator"))

    response = client.post(
        reverse("decisions-vacancy", kwargs={"pk": vacancy.pk}),
        {f"outcome_{first.pk}": "not_selected", f"reason_{first.pk}": ""},
    )

    assert response.status_code == 200
    assert f"Give the reason for the decision for {first.reference}" in response.content.decode()


def test_nothing_chosen_says_what_to_do(applicants, world, client):
    vacancy, _ = applicants
    client.force_login(world.user("coordinator"))

    response = client.post(reverse("decisions-vacancy", kwargs={"pk": vacancy.pk}), {})

    assert response.status_code == 200
    assert "Choose a decision for at least one applicant" in response.content.decode()


def test_the_decisions_page_queries_stay_flat(world, client, assert_flat_queries):
    vacancy = make_vacancy(organisation=world.organisation, group=world.objects["group"])
    reviewer = add_reviewer(vacancy)
    client.force_login(world.user("coordinator"))

    def grow(n):
        for _ in range(n):
            score(add_application(vacancy, status="shortlisted"), reviewer, [3, 2])

    assert_flat_queries(
        lambda: client.get(reverse("decisions-vacancy", kwargs={"pk": vacancy.pk})), grow=grow
    )
