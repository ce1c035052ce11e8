"""The briefings demo: each demo body with representatives has an upcoming
board meeting with a prepared briefing and points being gathered, and a
past one whose briefing pack was made; seeding twice adds nothing."""

import pytest
from django.utils import timezone

from involvement.demo import seed as seed_core
from involvement.models import DecisionMakingBody
from meetings.demo import seed
from meetings.models import Briefing, BriefingPoint


@pytest.mark.django_db
def test_each_demo_body_has_a_prepared_briefing_and_a_made_pack():
    seed_core()
    seed()
    counts = (Briefing.objects.count(), BriefingPoint.objects.count())
    seed()
    assert (Briefing.objects.count(), BriefingPoint.objects.count()) == counts

    bodies = DecisionMakingBody.objects.filter(seats__isnull=False).distinct()
    assert bodies.exists()
    now = timezone.now()
    for body in bodies:
        upcoming = Briefing.objects.get(meeting__body=body, meeting__starts_at__gt=now)
        assert upcoming.summaries.count() == 2
        assert upcoming.glossary_terms
        assert upcoming.points.filter(person__isnull=False).exists()
        assert upcoming.points_close_on >= timezone.localdate()
        past = Briefing.objects.get(meeting__body=body, meeting__starts_at__lt=now)
        assert past.pack_state == Briefing.PackState.READY
        assert past.pack_file and past.pack_large_print_file
