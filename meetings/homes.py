"""What meetings adds to a member's home page (see involvement.home_panels):
their next few meetings and their reply to each, and the open reflective
reviews of their groups with a link to answer each."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from involvement.models import Membership
from involvement.permissions import person_of

from .models import ReflectiveReview, ReviewResponse
from .selectors.meetings import my_meetings

SHOWN = 3


def next_meetings_panel(*, user, organisation_ids) -> dict | None:
    meetings = [m for m in my_meetings(user=user) if m.organisation_id in organisation_ids]
    if not meetings:
        return None
    return {"meetings": meetings[:SHOWN], "more": len(meetings) > SHOWN}


def open_reviews_panel(*, user, organisation_ids) -> dict | None:
    """The open reflective reviews of the groups the person is an active
    member of, each saying whether they have answered (one query)."""
    person = person_of(user)
    if person is None:
        return None
    reviews = list(
        ReflectiveReview.objects.filter(
            status=ReflectiveReview.Status.OPEN,
            closes_on__gte=timezone.localdate(),
            group__organisation_id__in=organisation_ids,
            group__in=Membership.objects.filter(
                person=person, status=Membership.Status.ACTIVE
            ).values("group_id"),
        )
        .annotate(
            answered=Exists(ReviewResponse.objects.filter(review=OuterRef("pk"), person=person))
        )
        .select_related("group")
        .order_by("closes_on", "pk")
    )
    return {"reviews": reviews} if reviews else None
