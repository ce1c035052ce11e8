"""The demo tells a believable story whatever day it is seeded: meetings are
titled by their topic (never "three weeks ago"), nobody has waited for an
induction for months, the decided round's audit trail is dated when the round
ran rather than the minute of seeding, and reviewers' scores fit the answers."""

from __future__ import annotations

from statistics import mean

import pytest
from django.core.management import call_command
from django.utils import timezone

from involvement.demo.groups import WAITING_SINCE_DAYS
from involvement.models import Membership
from meetings.models import Meeting
from recruitment import demo_decided, demo_scoring
from recruitment.models import Answer, AuditEvent, Conversation, Score, Vacancy

pytestmark = [pytest.mark.django_db, pytest.mark.calendar_sensitive]


@pytest.fixture
def seeded():
    call_command("seed_demo")


def test_the_demo_story_holds_together(seeded):
    today = timezone.localdate()

    # No meeting is titled by how long ago it was.
    titles = list(Meeting.objects.values_list("title", flat=True))
    assert titles and not [t for t in titles if " ago" in t], titles

    # Those waiting for induction were selected days ago, not last year.
    waiting = Membership.objects.filter(status=Membership.Status.SELECTED)
    assert waiting.exists()
    oldest = min(waiting.values_list("status_changed_on", flat=True))
    assert (today - oldest).days <= 60, oldest
    fellside_waiting = waiting.filter(group__organisation__slug="fellside")
    assert {(today - m.status_changed_on).days for m in fellside_waiting} == {WAITING_SINCE_DAYS}

    # The decided round: every step dated between its opening and its decisions,
    # none on the seeding day, each step in the order the round ran.
    vacancy = Vacancy.objects.get(title=demo_decided.VACANCY_TITLE)
    events = AuditEvent.objects.filter(vacancy=vacancy)
    days = {
        action: [
            timezone.localtime(at).date()
            for at in events.filter(action=action).values_list("at", flat=True)
        ]
        for action in set(events.values_list("action", flat=True))
    }
    every_day = [day for found in days.values() for day in found]
    assert today not in every_day
    assert min(every_day) >= vacancy.opens_on
    assert days["vacancy_opened"] == [vacancy.opens_on]
    assert days["vacancy_closed"] == [vacancy.closes_on]
    assert vacancy.closes_on < min(days["score"]) <= max(days["score"]) < min(days["shortlist"])
    last_conversation = max(
        Conversation.objects.filter(application__vacancy=vacancy).values_list("held_on", flat=True)
    )
    assert max(days["conversation"]) == last_conversation
    assert min(days["decision"]) > last_conversation
    assert (today - max(every_day)).days >= 7  # decided weeks ago, not today


def test_reviewers_scores_fit_the_answers(seeded):
    vacancy = Vacancy.objects.get(title=demo_scoring.VACANCY_TITLE)
    flagged = vacancy.applications.order_by("pk").first()  # the deliberate disagreement
    scores = Score.objects.filter(application__vacancy=vacancy).exclude(application=flagged)
    assert scores.exists()
    answers = {
        (a.application_id, a.criterion_id): a
        for a in Answer.objects.filter(application__vacancy=vacancy).select_related("criterion")
    }
    by_application: dict[int, list[tuple[int, int]]] = {}
    for score in scores:
        answer = answers[(score.application_id, score.criterion_id)]
        deserved = demo_scoring.answer_strength(answer.text, answer.criterion.max_score)
        assert abs(score.score - deserved) <= 1, (answer.text, score.score, deserved)
        by_application.setdefault(score.application_id, []).append((deserved, score.score))
    # Stronger answers score higher: the strongest application outscores the weakest.
    ranked = sorted(by_application.values(), key=lambda pairs: mean(d for d, _ in pairs))
    assert mean(s for _, s in ranked[-1]) > mean(s for _, s in ranked[0])
