"""The coordinator's table of scores a page at a time in rank order (the
moderation count and the actions still cover every application), and the
reviewer's page split into applications to score and scored, blind; both
with query counts flat at tenfold data and any page number answered."""

import pytest
from django.urls import reverse

from recruitment.models import Application, Score
from recruitment.selectors.scoring import SCORES_PAGE_SIZE

from .scoring_data import add_application, add_reviewer, assign, make_vacancy, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(world):
    # Lived experience: weight 2, essential, pass mark 2. Working with others:
    # weight 1. Flagged when reviewers differ by more than 2.
    return make_vacancy(organisation=world.organisation, group=world.objects["group"], margin=2)


@pytest.fixture
def ranked(vacancy):
    """28 applications: the best (total 12), 25 level ones (total 5, in order
    of reference), one level too but needing moderation, one not scored."""
    first, second = add_reviewer(vacancy), add_reviewer(vacancy)
    level = []
    for _ in range(25):
        application = add_application(vacancy)
        score(application, first, [2, 1])
        level.append(application)
    disputed = add_application(vacancy)
    score(disputed, first, [4, 1])
    score(disputed, second, [0, 1])
    best = add_application(vacancy)
    score(best, first, [4, 4])
    unscored = add_application(vacancy)
    return {"best": best, "level": level, "disputed": disputed, "unscored": unscored}


def scores_page(client, vacancy, **params):
    response = client.get(reverse("scores-vacancy", kwargs={"pk": vacancy.pk}), params)
    assert response.status_code == 200
    return response.content.decode()


def test_scores_are_25_a_page_in_rank_order(vacancy, ranked, world, client):
    assert SCORES_PAGE_SIZE == 25
    client.force_login(world.user("coordinator"))
    page = scores_page(client, vacancy)
    assert "Showing 1 to 25 of 28 applications, 25 a page." in page
    best, level = ranked["best"], ranked["level"]
    assert page.index(best.reference) < page.index(level[0].reference)
    assert page.index(level[0].reference) < page.index(level[23].reference)
    assert level[24].reference not in page
    assert ranked["unscored"].reference not in page
    # The moderation count is of every application, not only this page's.
    assert "1 application needs moderation" in page
    assert 'href="?page=2"' in page
    second = scores_page(client, vacancy, page=2)
    assert "Showing 26 to 28 of 28 applications" in second
    assert best.reference not in second
    order = [level[24].reference, ranked["disputed"].reference, ranked["unscored"].reference]
    assert [second.index(reference) for reference in order] == sorted(
        second.index(reference) for reference in order
    )
    assert "Moderate" in second
    assert "1 application needs moderation" in second


@pytest.mark.parametrize(
    ("asked", "shows"), [("abc", "1 to 25"), ("99", "26 to 28"), ("", "1 to 25")]
)
def test_a_scores_page_number_out_of_range_or_not_a_number_shows_a_page(
    vacancy, ranked, world, client, asked, shows
):
    client.force_login(world.user("coordinator"))
    assert f"Showing {shows} of 28 applications" in scores_page(client, vacancy, page=asked)


def test_an_application_on_page_two_is_shortlisted_from_its_own_page(
    vacancy, ranked, world, client
):
    client.force_login(world.user("coordinator"))
    application = ranked["level"][24]
    detail = reverse("scores-application", kwargs={"pk": application.pk})
    assert f'href="{detail}"' in scores_page(client, vacancy, page=2)
    response = client.post(
        reverse("scores-shortlist", kwargs={"pk": application.pk}),
        {"reason": "Knows the south of the county."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SHORTLISTED
    assert "Shortlisted" in scores_page(client, vacancy, page=2)


def test_scores_page_two_queries_stay_flat(vacancy, world, client, assert_flat_queries):
    reviewer = add_reviewer(vacancy)
    client.force_login(world.user("coordinator"))
    url = reverse("scores-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for _ in range(30 * n):
            score(add_application(vacancy), reviewer, [3, 2])

    assert_flat_queries(lambda: client.get(url, {"page": 2}), grow=grow)


# --- The reviewer's page ------------------------------------------------------


def test_the_reviewer_page_splits_to_score_from_scored_and_stays_blind(vacancy, client):
    reviewer = add_reviewer(vacancy)
    done, started, untouched = (add_application(vacancy) for _ in range(3))
    for application in (done, started, untouched):
        assign(reviewer, application)
    score(done, reviewer, [3, 2])
    score(done, add_reviewer(vacancy), [1, 1])  # another reviewer's scores count for nothing here
    Score.objects.filter(application=started, reviewer=reviewer.user).delete()
    Score.objects.create(
        application=started,
        criterion=vacancy.role_description.criteria.order_by("position").first(),
        reviewer=reviewer.user,
        score=2,
        rationale="Some examples.",
    )
    client.force_login(reviewer.user)
    page = client.get(reverse("scoring-vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    to_score, scored = page.split("<h3>Scored (1)</h3>")
    assert "<h3>To score (2)</h3>" in to_score
    assert started.reference in to_score and untouched.reference in to_score
    assert "(1 of 2 questions scored)" in to_score
    assert done.reference in scored and done.reference not in to_score
    # Progress question by question: the first question scored on two of three.
    assert "2 of 3" in page and "1 of 3" in page
    for application in (done, started, untouched):
        assert application.person.full_name not in page


def test_reviewer_page_queries_stay_flat_with_applications_assigned(
    vacancy, client, assert_flat_queries
):
    reviewer = add_reviewer(vacancy)
    client.force_login(reviewer.user)
    url = reverse("scoring-vacancy", kwargs={"pk": vacancy.pk})

    def grow(n):
        for index in range(n):
            application = add_application(vacancy)
            if index % 2:
                score(application, reviewer, [3, 1])
            else:
                assign(reviewer, application)

    assert_flat_queries(lambda: client.get(url), grow=grow)
