"""Scoring: reviewers assigned evenly, a score needs a rationale, conflicts
block, each reviewer's own stable random order, others' scores hidden until
you score, the scoring guide as hints, and flat queries."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from involvement.errors import ApplicationError
from recruitment.models import AuditEvent, ReviewAssignment, Score
from recruitment.selectors.scoring import applications_for_reviewer, reviewer_order
from recruitment.services.scoring import ScoreEntry, reviews_assign, scores_record

from .scoring_data import (
    GUIDE,
    add_application,
    add_reviewer,
    assign,
    conflict,
    criteria,
    handle,
    make_vacancy,
    score,
)


@pytest.fixture
def vacancy(world):
    return make_vacancy(organisation=world.organisation, group=world.objects["group"])


def test_reviewers_are_assigned_evenly_and_never_to_a_conflicted_application(vacancy):
    panel = [add_reviewer(vacancy) for _ in range(4)]
    applications = [add_application(vacancy) for _ in range(6)]
    conflict(panel[0], applications[0])
    report = reviews_assign(vacancy=vacancy)
    assert report.added == 18 and report.short == []
    for application in applications:
        assert ReviewAssignment.objects.filter(application=application).count() == 3
    assert not ReviewAssignment.objects.filter(
        panel_member=panel[0], application=applications[0]
    ).exists()
    loads = [ReviewAssignment.objects.filter(panel_member=p).count() for p in panel]
    assert max(loads) - min(loads) <= 1
    again = reviews_assign(vacancy=vacancy)
    assert again.added == 0 and ReviewAssignment.objects.count() == 18


def test_a_conflict_declared_after_sharing_out_moves_the_application_to_another_reviewer(
    vacancy,
):
    """The application leaves the declaring reviewer's list and still has three reviewers."""
    from recruitment.services.vacancies import conflicts_declare

    panel = [add_reviewer(vacancy, started=False) for _ in range(4)]
    application = add_application(vacancy)
    reviews_assign(vacancy=vacancy)
    reviewers = set(
        ReviewAssignment.objects.filter(application=application).values_list(
            "panel_member_id", flat=True
        )
    )
    leaving = next(p for p in panel if p.pk in reviewers)
    spare = next(p for p in panel if p.pk not in reviewers)

    conflicts_declare(panel_member=leaving, conflicts={application.pk: "My neighbour"})

    now = set(
        ReviewAssignment.objects.filter(application=application).values_list(
            "panel_member_id", flat=True
        )
    )
    assert now == reviewers - {leaving.pk} | {spare.pk}
    assert applications_for_reviewer(panel_member=leaving) == []
    assert [a.pk for a in applications_for_reviewer(panel_member=spare)] == [application.pk]


def test_a_conflict_declared_before_sharing_out_changes_no_assignment(vacancy):
    from recruitment.services.vacancies import conflicts_declare

    reviewer = add_reviewer(vacancy, started=False)
    application = add_application(vacancy)
    conflicts_declare(panel_member=reviewer, conflicts={application.pk: "My neighbour"})
    assert not ReviewAssignment.objects.exists()


def test_too_small_a_panel_is_reported(vacancy):
    add_reviewer(vacancy)
    application = add_application(vacancy)
    report = reviews_assign(vacancy=vacancy)
    assert report.short == [application.reference]


def test_a_score_without_a_rationale_is_not_accepted(vacancy):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    criterion = criteria(vacancy)[0]
    with pytest.raises(ValidationError) as error:
        scores_record(
            panel_member=reviewer,
            criterion=criterion,
            entries=[ScoreEntry(application, 3, "   ")],
        )
    assert f"rationale_{handle(reviewer, application)}" in error.value.message_dict
    assert not Score.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(
            application=application, criterion=criterion, reviewer=reviewer.user, score=2
        )


def test_a_score_with_a_rationale_is_saved_and_audited(vacancy):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    criterion = criteria(vacancy)[0]
    scores_record(
        panel_member=reviewer,
        criterion=criterion,
        entries=[ScoreEntry(application, 3, "Spoke about clinic letters.")],
    )
    saved = Score.objects.get()
    assert (saved.score, saved.rationale) == (3, "Spoke about clinic letters.")
    event = AuditEvent.objects.get(action="score")
    assert application.reference in event.summary and event.actor == reviewer.user


def test_rationale_required_is_shown_on_the_page_and_input_kept(vacancy, client):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    criterion = criteria(vacancy)[0]
    client.force_login(reviewer.user)
    url = reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criterion.pk})
    key = handle(reviewer, application)
    response = client.post(url, {f"score_{key}": "3", f"rationale_{key}": ""})
    assert response.status_code == 200
    assert "a score with no reason is not accepted" in response.content.decode()
    assert 'value="3" checked' in response.content.decode()
    assert not Score.objects.exists()


def test_a_conflicted_reviewer_cannot_score_or_open_the_application(vacancy, client):
    """Refused without a word about the conflict or the reference: "conflict of
    interest with A-MP8NK" would pair the name declared with a reference."""
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    conflict(reviewer, application)
    with pytest.raises(ApplicationError) as refused:
        scores_record(
            panel_member=reviewer,
            criterion=criteria(vacancy)[0],
            entries=[ScoreEntry(application, 3, "Good.")],
        )
    assert refused.value.message == "This application is not on your list to score."
    client.force_login(reviewer.user)
    response = client.get(
        reverse(
            "scoring-application",
            kwargs={"pk": vacancy.pk, "handle": handle(reviewer, application)},
        )
    )
    assert response.status_code == 404
    page = response.content.decode()
    assert application.reference not in page and "conflict" not in page
    assert applications_for_reviewer(panel_member=reviewer) == []


def test_someone_not_on_the_panel_cannot_score(vacancy, client, world):
    client.force_login(world.user("coordinator"))
    response = client.get(reverse("scoring-vacancy", kwargs={"pk": vacancy.pk}))
    assert response.status_code == 403


def test_each_reviewer_has_their_own_stable_random_order(vacancy):
    first = add_reviewer(vacancy, seed=11)
    second = add_reviewer(vacancy, seed=12345)
    applications = [add_application(vacancy) for _ in range(8)]
    for application in applications:
        assign(first, application)
        assign(second, application)
    order_first = [a.pk for a in applications_for_reviewer(panel_member=first)]
    assert order_first == [a.pk for a in applications_for_reviewer(panel_member=first)]
    order_second = [a.pk for a in applications_for_reviewer(panel_member=second)]
    assert sorted(order_first) == sorted(order_second) == sorted(a.pk for a in applications)
    assert order_first != order_second
    assert reviewer_order([3, 1, 2], 11) == reviewer_order([1, 2, 3], 11)


def test_other_reviewers_scores_are_hidden_until_you_score(vacancy, client):
    me = add_reviewer(vacancy)
    other = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(me, application)
    score(application, other, [4, 4], rationale="Other reviewer's secret reason.")
    criterion = criteria(vacancy)[0]
    client.force_login(me.user)
    url = reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criterion.pk})
    assert "Other reviewer&#x27;s secret reason." not in client.get(url).content.decode()
    key = handle(me, application)
    detail = reverse("scoring-application", kwargs={"pk": vacancy.pk, "handle": key})
    assert "secret reason" not in client.get(detail).content.decode()
    client.post(url, {f"score_{key}": "2", f"rationale_{key}": "Some."})
    assert "Other reviewer&#x27;s secret reason." in client.get(url).content.decode()


def test_the_scoring_guide_is_shown_as_the_radio_hints(vacancy, client):
    reviewer = add_reviewer(vacancy)
    application = add_application(vacancy)
    assign(reviewer, application)
    client.force_login(reviewer.user)
    criterion = criteria(vacancy)[0]
    page = client.get(
        reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criterion.pk})
    ).content.decode()
    for sentence in GUIDE.values():
        assert sentence in page
    assert "nhsuk-radios__hint" in page


def test_scoring_question_page_queries_stay_flat(vacancy, client, assert_flat_queries):
    reviewer = add_reviewer(vacancy)
    other = add_reviewer(vacancy)
    client.force_login(reviewer.user)
    criterion = criteria(vacancy)[0]
    url = reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": criterion.pk})

    def grow(n):
        for _ in range(n):
            application = add_application(vacancy)
            assign(reviewer, application)
            score(application, other, [2, 2])
            score(application, reviewer, [3, 1])

    assert_flat_queries(lambda: client.get(url), grow=grow)


def test_reviewer_vacancy_page_queries_stay_flat(vacancy, client, assert_flat_queries):
    reviewer = add_reviewer(vacancy)
    client.force_login(reviewer.user)
    url = reverse("scoring-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for _ in range(n):
            application = add_application(vacancy)
            score(application, reviewer, [3, 1])

    assert_flat_queries(lambda: client.get(url), grow=grow)
