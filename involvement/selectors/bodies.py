"""Reads for decision-making bodies and their representative seats.

Each body comes annotated with `current_representatives` (seats whose term
includes today) and `below_minimum` (fewer than MINIMUM_REPRESENTATIVES), so a
list shows the flag without a query per row.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from .. import permissions
from ..models import (
    MINIMUM_REPRESENTATIVES,
    DecisionMakingBody,
    Group,
    Membership,
    RepresentativeSeat,
)

FLAG_TEXT = f"Fewer than {MINIMUM_REPRESENTATIVES} representatives"


def current_seat_q(today: datetime.date | None = None, prefix: str = "") -> Q:
    """A seat is current when its term has started and has not ended."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}term_start__lte": today}) & (
        Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": today})
    )


def with_representative_counts(bodies: QuerySet, today: datetime.date | None = None) -> QuerySet:
    return bodies.annotate(
        current_representatives=Count(
            "seats", filter=current_seat_q(today, prefix="seats__"), distinct=True
        )
    ).annotate(
        below_minimum=Case(
            When(current_representatives__lt=MINIMUM_REPRESENTATIVES, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def body_list_visible_to(*, user, organisation_id: int | None = None) -> QuerySet:
    """The bodies a person may see, with their representative counts and flag."""
    # bodies_visible_to() may join through memberships (and so be DISTINCT):
    # annotate over a plain id filter instead, so the counts stay exact.
    visible_ids = permissions.bodies_visible_to(user).values("id")
    bodies = DecisionMakingBody.objects.filter(id__in=visible_ids)
    if organisation_id is not None:
        bodies = bodies.filter(organisation_id=organisation_id)
    return with_representative_counts(bodies.select_related("organisation")).order_by(
        "organisation__name", "name"
    )


def bodies_below_minimum(*, organisation_ids) -> QuerySet:
    bodies = DecisionMakingBody.objects.filter(organisation_id__in=organisation_ids)
    return (
        with_representative_counts(bodies.select_related("organisation"))
        .filter(below_minimum=True)
        .order_by("organisation__name", "name")
    )


def body_get_with_counts(*, body: DecisionMakingBody) -> DecisionMakingBody:
    return with_representative_counts(
        DecisionMakingBody.objects.filter(pk=body.pk).select_related("organisation")
    ).get()


def seats_of_body(*, body: DecisionMakingBody, today: datetime.date | None = None):
    """(current, upcoming, past) seats of a body, each with member and group."""
    today = today or timezone.localdate()
    seats = list(
        RepresentativeSeat.objects.filter(body=body)
        .select_related("membership__person", "membership__group")
        .order_by("-term_start", "membership__person__full_name")
    )
    current = [
        s for s in seats if s.term_start <= today and (s.term_end is None or s.term_end >= today)
    ]
    upcoming = [s for s in seats if s.term_start > today]
    past = [s for s in seats if s.term_end is not None and s.term_end < today]
    return current, upcoming, past


ENDING_SOON_DAYS = 91  # "terms ending in the next three months"


def seats_ending_soon(seats, today: datetime.date | None = None) -> list[RepresentativeSeat]:
    """Of these current seats, those whose term ends in the next three months."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    return [seat for seat in seats if seat.term_end is not None and seat.term_end <= horizon]


def members_who_can_be_appointed(*, body: DecisionMakingBody) -> QuerySet:
    """Active members of the groups of the body's organisation."""
    return (
        Membership.objects.filter(
            group__organisation_id=body.organisation_id, status=Membership.Status.ACTIVE
        )
        .select_related("person", "group")
        .order_by("person__full_name", "group__name")
    )


def seats_of_person(*, person, today: datetime.date | None = None) -> QuerySet:
    """A member's current and future seats, with the body."""
    today = today or timezone.localdate()
    return (
        RepresentativeSeat.objects.filter(membership__person=person)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("body__organisation")
        .order_by("term_start")
    )


def user_is_member_of_organisation(*, user, organisation_id: int) -> bool:
    """Does this login belong to a member of one of the organisation's groups?"""
    person = permissions.person_of(user)
    if person is None:
        return False
    return Group.objects.filter(
        Exists(Membership.objects.filter(group=OuterRef("pk"), person=person)),
        organisation_id=organisation_id,
    ).exists()


def seat_get(*, body: DecisionMakingBody, pk: int) -> RepresentativeSeat:
    return permissions.get_or_404(
        RepresentativeSeat.objects.filter(body=body).select_related(
            "membership__person", "membership__group"
        ),
        pk=pk,
    )


def prefetch_current_seats(today: datetime.date | None = None) -> Prefetch:
    return Prefetch(
        "seats",
        queryset=RepresentativeSeat.objects.filter(current_seat_q(today)).select_related(
            "membership__person"
        ),
        to_attr="current_seats",
    )
