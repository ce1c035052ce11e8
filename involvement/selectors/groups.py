"""Reads for groups, their diversity coverage, and memberships. Already scoped
through involvement.permissions; every join the pages need is made here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from .. import permissions
from ..models import (
    DiversityConsent,
    DiversityProfile,
    Group,
    Membership,
    MembershipStatusChange,
    Person,
)

Status = Membership.Status

_STATUS_ORDER = Case(
    When(status=Status.ACTIVE, then=Value(0)),
    When(status=Status.INDUCTED, then=Value(1)),
    When(status=Status.SELECTED, then=Value(2)),
    When(status=Status.PAUSED, then=Value(3)),
    When(status=Status.LEFT, then=Value(4)),
    default=Value(5),
    output_field=IntegerField(),
)


def group_list_visible_to(*, user) -> QuerySet[Group]:
    """The groups a user may see, with their number of active members."""
    visible = permissions.groups_visible_to(user).values("pk")
    return (
        Group.objects.filter(pk__in=visible)
        .select_related("organisation")
        .annotate(active_count=Count("memberships", filter=Q(memberships__status=Status.ACTIVE)))
        .order_by("organisation__name", "name")
    )


# The group's page shows at most this many members (active first); the
# members page lists everyone, this many a page.
MEMBERS_ON_GROUP_PAGE = 20
MEMBERS_PAGE_SIZE = 50


def group_members(*, group: Group) -> QuerySet[Membership]:
    """Everyone in the group, active first, with their buddy. Only what the
    members table shows is loaded (a large group has a hundred rows or more):
    slice it, or page it."""
    return (
        group.memberships.select_related("person", "buddy__person")
        .only(
            "group",
            "status",
            "induction_date",
            "person__full_name",
            "buddy__person__full_name",
        )
        .annotate(status_order=_STATUS_ORDER)
        .order_by("status_order", "person__full_name", "pk")
    )


@dataclass(frozen=True)
class MemberCounts:
    """How many of the group's memberships are in each status (one query)."""

    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def active(self) -> int:
        return self.by_status.get(Status.ACTIVE, 0)

    def rows(self) -> list[tuple[str, int]]:
        """(status label, count) for each status someone is in, in the table's order."""
        order = [Status.ACTIVE, Status.INDUCTED, Status.SELECTED, Status.PAUSED, Status.LEFT]
        return [(s.label, self.by_status[s]) for s in order if self.by_status.get(s)]


def group_member_counts(*, group: Group) -> MemberCounts:
    rows = group.memberships.order_by().values_list("status").annotate(n=Count("id"))
    return MemberCounts(by_status=dict(rows))


def group_active_members(*, group: Group, exclude: Membership | None = None) -> QuerySet:
    """Active members, for choosing a buddy."""
    members = group.memberships.filter(status=Status.ACTIVE).select_related("person")
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    return members.order_by("person__full_name")


def membership_of(*, group: Group, user) -> Membership | None:
    """The signed-in person's own membership of the group, if any."""
    person = permissions.person_of(user)
    if person is None:
        return None
    return group.memberships.filter(person=person).select_related("buddy__person").first()


def membership_history(*, membership: Membership) -> list[MembershipStatusChange]:
    return list(
        membership.history.select_related("changed_by").order_by("changed_on", "recorded_at")
    )


def people_to_add(*, group: Group, user) -> QuerySet[Person]:
    """People of the group's organisation the user may add, not already in it."""
    return (
        Person.objects.filter(
            pk__in=permissions.persons_visible_to(user)
            .filter(memberships__group__organisation_id=group.organisation_id)
            .values("pk")
        )
        .exclude(memberships__group=group)
        .order_by("full_name")
    )


@dataclass(frozen=True)
class Coverage:
    """How far the active members cover one diversity factor.

    `count` is None when it is suppressed (fewer than five, shown to someone
    who is not a coordinator): then `met` is None as well, because "met" or
    "not met" beside "fewer than 5" would narrow the count down."""

    factor_id: int
    name: str
    minimum: int
    count: int | None
    met: bool | None

    @property
    def shown(self) -> str:
        return "fewer than 5" if self.count is None else str(self.count)


def _counted_profiles(group: Group) -> list[DiversityProfile]:
    """Diversity data of the group's active members who have a standing consent."""
    consent = DiversityConsent.objects.filter(
        person_id=OuterRef("person_id"), withdrawn_at__isnull=True
    )
    active = Membership.objects.filter(
        person_id=OuterRef("person_id"), group=group, status=Status.ACTIVE
    )
    return list(DiversityProfile.objects.filter(Exists(active), Exists(consent)))


def group_coverage(*, group: Group, exact: bool) -> list[Coverage]:
    """Each factor's count of active members against its minimum. With
    `exact` False (anyone but the organisation's coordinators), counts below
    five are suppressed, and so is whether the minimum is met."""
    factors = list(group.diversity_factors.all())
    if not factors:
        return []
    profiles = _counted_profiles(group)
    rows = []
    for factor in factors:
        count = sum(1 for profile in profiles if factor.counts(profile))
        if exact or count >= permissions.SMALL_COUNT:
            rows.append(
                Coverage(factor.pk, factor.name, factor.minimum, count, count >= factor.minimum)
            )
        else:
            rows.append(Coverage(factor.pk, factor.name, factor.minimum, None, None))
    return rows
