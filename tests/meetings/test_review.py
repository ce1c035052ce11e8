"""The reflective review: members answer once; the coordinator sees counts per
answer and the comments, named only where the member agreed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from involvement.errors import ApplicationError
from involvement.models import Notification
from meetings.selectors.minutes import review_results
from meetings.services.review import review_close, review_open, review_respond
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(world):
    return review_open(
        group=world.objects["group"],
        title="Spring check-in",
        closes_on=timezone.localdate() + datetime.timedelta(14),
        opened_by=world.user("coordinator"),
    )


def test_opening_invites_every_member_and_only_one_may_be_open(review, world):
    keys = Notification.objects.filter(idempotency_key__startswith="meetings:review-open:")
    assert list(keys.values_list("recipient", flat=True)) == [world.objects["person"].pk]
    with pytest.raises(ApplicationError):
        review_open(
            group=world.objects["group"],
            title="Another",
            closes_on=timezone.localdate() + datetime.timedelta(3),
        )


def test_results_count_answers_and_keep_names_only_when_agreed(review, world):
    group = world.objects["group"]
    named = MembershipFactory(group=group).person
    anonymous = MembershipFactory(group=group).person
    review_respond(
        review=review,
        person=named,
        working_well=4,
        heard=5,
        making_difference=3,
        change="Meet in the evening",
        may_name=True,
    )
    review_respond(
        review=review,
        person=anonymous,
        working_well=2,
        heard=5,
        making_difference=3,
        change="Shorter papers",
    )
    results = review_results(review=review)
    assert results.responses == 2
    assert results.members == 3
    working = results.questions[0]
    assert dict(working.counts) == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}
    assert working.average == 3.0
    assert ("Meet in the evening", named.display_name) in results.comments
    assert ("Shorter papers", None) in results.comments


def test_a_member_answers_once_and_not_after_closing(review, world):
    person = world.objects["person"]
    answers = {"working_well": 3, "heard": 3, "making_difference": 3}
    review_respond(review=review, person=person, **answers)
    with pytest.raises(ApplicationError, match="already answered"):
        review_respond(review=review, person=person, **answers)
    other = MembershipFactory(group=world.objects["group"]).person
    review_close(review=review)
    with pytest.raises(ApplicationError, match="closed"):
        review_respond(review=review, person=other, **answers)


def test_member_answers_online_and_cannot_see_the_results(review, world, login):
    client = login(world.user("member"))
    response = client.post(
        reverse("review-respond", args=[review.pk]),
        {"working_well": "5", "heard": "4", "making_difference": "4", "change": "More tea"},
    )
    assert response.status_code == 302
    assert review.responses.get().entered_by is None
    assert client.get(reverse("review-results", args=[review.pk])).status_code == 403


def test_coordinator_enters_answers_for_a_member_and_sees_results(review, world, login):
    client = login(world.user("coordinator"))
    person = world.objects["person"]
    response = client.post(
        reverse("review-respond", args=[review.pk]),
        {
            "person": person.pk,
            "working_well": "2",
            "heard": "2",
            "making_difference": "2",
            "change": "Louder microphone",
        },
    )
    assert response.status_code == 302
    saved = review.responses.get()
    assert saved.person == person
    assert saved.entered_by == world.user("coordinator")
    page = client.get(reverse("review-results", args=[review.pk])).content.decode()
    assert "Louder microphone" in page
    assert person.full_name not in page
    assert "A member (name not shared)" in page


def test_a_missing_answer_says_which(review, world, login):
    client = login(world.user("member"))
    response = client.post(reverse("review-respond", args=[review.pk]), {"heard": "4"})
    assert response.status_code == 200
    assert "Choose an answer to: How well is the group working?" in response.content.decode()


def test_a_member_with_an_open_review_sees_it_at_home_with_a_link(review, world, login):
    client = login(world.user("member"))
    page = client.get(reverse("home")).content.decode()
    answer = reverse("review-respond", args=[review.pk])
    assert "How is your group working?" in page and f'href="{answer}"' in page
    assert client.get(answer).status_code == 200  # the link works for them
    review_respond(
        review=review, person=world.objects["person"], working_well=4, heard=4, making_difference=3
    )
    page = client.get(reverse("home")).content.decode()
    assert f'href="{answer}"' not in page and "your answers have been sent" in page
    review_close(review=review)
    assert "How is your group working?" not in client.get(reverse("home")).content.decode()


def test_a_member_of_another_group_is_not_shown_the_review(review, world, login):
    stranger = MembershipFactory(group=world.objects["other_group"]).person
    from tests.factories import UserFactory

    stranger.user = UserFactory()
    stranger.save()
    page = login(stranger.user).get(reverse("home")).content.decode()
    assert "How is your group working?" not in page
