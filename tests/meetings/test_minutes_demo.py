"""The minutes demo: a published meeting with actions in every state, draft
minutes out for corrections the demo member can correct, an induction in
progress and a review with answers; seeding twice adds nothing."""

import pytest
from django.urls import reverse

from involvement.demo import seed as seed_core
from involvement.models import User
from meetings.demo_minutes import DRAFT_TITLE, seed
from meetings.models import Action, InductionChecklist, Meeting, Minutes, ReviewResponse

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_demo(client):
    seed_core()
    seed()
    counts = (Minutes.objects.count(), Action.objects.count(), ReviewResponse.objects.count())
    seed()
    assert (
        Minutes.objects.count(),
        Action.objects.count(),
        ReviewResponse.objects.count(),
    ) == counts
    assert set(Minutes.objects.values_list("status", flat=True)) == {"published", "circulated"}
    assert set(Action.objects.values_list("status", flat=True)) == set(Action.Status.values)
    checklist = InductionChecklist.objects.get()
    assert checklist.completed_on is None and checklist.ticked == 2
    assert ReviewResponse.objects.count() == 3
    draft = Meeting.objects.get(title=DRAFT_TITLE)
    client.force_login(User.objects.get(email="member@fellside.example"))
    page = client.get(reverse("meeting-minutes-correct", args=[draft.pk]))
    assert page.status_code == 200
