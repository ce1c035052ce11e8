"""Reviewers move between questions without losing what they typed; a panel
smaller than the number of reviewers each application needs is refused; the
decision page links to the informal conversation it needs."""

import pytest
from django.urls import reverse

from recruitment.models import Score, Vacancy
from recruitment.services import vacancies as vacancy_services

from .scoring_data import add_application, add_reviewer, assign, criteria, handle, make_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def test_save_and_go_to_the_next_question_keeps_the_scores(vacancy, client):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    first, second = criteria(vacancy)
    client.force_login(reviewer.user)
    url = reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": first.pk})

    page = client.get(url).content.decode()
    assert 'name="then" value="next"' in page
    assert 'rel="next"' not in page  # no link that would leave typed scores behind

    key = handle(reviewer, application)
    response = client.post(
        url, {f"score_{key}": "3", f"rationale_{key}": "Good examples.", "then": "next"}
    )

    assert response.status_code == 302
    assert response.url == reverse(
        "scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": second.pk}
    )
    assert Score.objects.get(application=application, criterion=first).score == 3


def test_an_error_keeps_the_reviewer_on_the_question_with_what_they_typed(vacancy, client):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    first = criteria(vacancy)[0]
    client.force_login(reviewer.user)
    url = reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": first.pk})
    key = handle(reviewer, application)

    response = client.post(url, {f"score_{key}": "3", f"rationale_{key}": "", "then": "next"})

    assert response.status_code == 200
    assert not Score.objects.exists()


def test_sharing_out_is_refused_when_the_panel_is_too_small(vacancy, world, client):
    add_reviewer(vacancy)
    add_reviewer(vacancy)  # 2 people, 3 reviewers wanted
    add_application(vacancy)
    client.force_login(world.user("coordinator"))
    scores_url = reverse("scores-vacancy", kwargs={"pk": vacancy.pk})

    page = client.get(scores_url).content.decode()
    assert "The panel is too small" in page
    assert reverse("vacancy-panel", kwargs={"pk": vacancy.pk}) in page

    response = client.post(reverse("scores-assign", kwargs={"pk": vacancy.pk}), follow=True)
    text = response.content.decode()
    assert "Each application needs 3 reviewers but the panel has 2 people" in text
    assert not vacancy.applications.first().review_assignments.exists()


def test_more_reviewers_than_the_panel_is_refused_when_changing_the_vacancy(vacancy, world):
    from django.core.exceptions import ValidationError

    add_reviewer(vacancy)
    add_reviewer(vacancy)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        status=Vacancy.Status.OPEN, reviewers_per_application=1
    )
    vacancy.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        vacancy_services.vacancy_update(vacancy=vacancy, reviewers_per_application=3)

    assert error.value.message_dict["reviewers_per_application"] == [
        "The panel has 2 people: enter 2 or fewer, or add people to the panel first"
    ]
    vacancy_services.vacancy_update(vacancy=vacancy, reviewers_per_application=2)


def test_the_decision_page_links_to_the_conversation_it_needs(vacancy, world, client):
    application = add_application(vacancy, status="shortlisted")
    client.force_login(world.user("coordinator"))

    page = client.get(reverse("decision-record", kwargs={"pk": application.pk})).content.decode()

    assert reverse("conversation-record", kwargs={"pk": application.pk}) in page
    assert f"record the informal conversation with {application.reference}" in page
