"""What each role's home page shows. One function per section; each reads a
fixed number of queries however many groups, members and bodies there are.

A person with several roles gets the sections of each (`home_sections`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .. import permissions
from ..models import (
    MINIMUM_REPRESENTATIVES,
    DecisionMakingBody,
    DiversityFactor,
    Group,
    Membership,
    Notification,
    Organisation,
    StaffRole,
    StaffRoleChange,
)
from .bodies import bodies_below_minimum, seats_of_person, with_representative_counts

Role = StaffRole.Role
AWAITING_INDUCTION_SHOWN = 10
# A coordinator of a national charity has sixty groups or more: the home page
# lists at most this many in each of its group lists, with the total and a
# link to the full list of groups, rather than a row for every group.
GROUPS_SHOWN = 10
DIVERSITY_ATTRIBUTES = [choice.value for choice in DiversityFactor.Attribute]


# --- coordinator ------------------------------------------------------------


@dataclass
class GroupNeed:
    group: Group
    active: int
    factors_not_met: list[tuple[DiversityFactor, int]] = field(default_factory=list)

    @property
    def below_target(self) -> bool:
        return self.active < self.group.target_min


@dataclass
class CoordinatorSection:
    organisations: list[Organisation]
    groups: list[GroupNeed]
    bodies_below_minimum: list[DecisionMakingBody]
    awaiting_induction: list[Membership]
    awaiting_induction_count: int
    pending_letters: list[tuple[Organisation, int]]  # letters waiting, per organisation

    @property
    def groups_below_target(self) -> list[GroupNeed]:
        return [need for need in self.groups if need.below_target]

    @property
    def groups_below_target_shown(self) -> list[GroupNeed]:
        """The groups furthest below their target size first, at most GROUPS_SHOWN."""
        furthest = sorted(
            self.groups_below_target, key=lambda need: need.active - need.group.target_min
        )
        return furthest[:GROUPS_SHOWN]

    @property
    def groups_missing_factors(self) -> list[GroupNeed]:
        return [need for need in self.groups if need.factors_not_met]

    @property
    def factors_not_met_shown(self) -> list[tuple[Group, DiversityFactor, int]]:
        """(group, factor, count) for at most GROUPS_SHOWN factors not met."""
        shown = [
            (need.group, factor, count)
            for need in self.groups_missing_factors
            for factor, count in need.factors_not_met
        ]
        return shown[:GROUPS_SHOWN]

    @property
    def factors_not_met_count(self) -> int:
        return sum(len(need.factors_not_met) for need in self.groups)

    @property
    def groups_shown(self) -> list[GroupNeed]:
        return self.groups[:GROUPS_SHOWN]

    @property
    def nothing_to_do(self) -> bool:
        return not (
            self.groups_below_target
            or self.groups_missing_factors
            or self.bodies_below_minimum
            or self.awaiting_induction_count
            or self.pending_letters
        )


def coordinator_section(*, organisation_ids: set[int]) -> CoordinatorSection:
    organisations = list(Organisation.objects.filter(id__in=organisation_ids).order_by("name"))
    groups = list(
        Group.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .only("name", "target_min", "target_max", "organisation__name")
        .annotate(
            active_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            ),
            # People selected and waiting for induction, counted in the same query.
            selected_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.SELECTED)
            ),
        )
        .order_by("organisation__name", "name")
    )
    factors_by_group: dict[int, list[DiversityFactor]] = defaultdict(list)
    # Ordered by ids, not by the models' default (which joins the group and
    # its organisation only to sort by their names).
    factors = DiversityFactor.objects.filter(group__organisation_id__in=organisation_ids)
    for factor in factors.order_by("group_id", "name"):
        factors_by_group[factor.group_id].append(factor)
    # Diversity data of active members (it exists only while consent stands),
    # read only for the groups that have factors.
    profiles_by_group: dict[int, list[dict]] = defaultdict(list)
    if factors_by_group:
        rows = Membership.objects.filter(
            group_id__in=list(factors_by_group),
            status=Membership.Status.ACTIVE,
            person__diversity__isnull=False,
        ).values("group_id", *(f"person__diversity__{a}" for a in DIVERSITY_ATTRIBUTES))
        for row in rows.order_by():
            profiles_by_group[row["group_id"]].append(
                {a: row[f"person__diversity__{a}"] for a in DIVERSITY_ATTRIBUTES}
            )
    needs = []
    for group in groups:
        need = GroupNeed(group=group, active=group.active_count)
        for factor in factors_by_group.get(group.pk, []):
            count = sum(
                1
                for profile in profiles_by_group.get(group.pk, [])
                if profile[factor.attribute] in factor.values
            )
            if count < factor.minimum:
                need.factors_not_met.append((factor, count))
        needs.append(need)
    awaiting_count = sum(group.selected_count for group in groups)
    awaiting = []
    if awaiting_count:
        awaiting = list(
            Membership.objects.filter(
                group__organisation_id__in=organisation_ids, status=Membership.Status.SELECTED
            )
            .select_related("person", "group")
            .order_by("status_changed_on", "pk")[:AWAITING_INDUCTION_SHOWN]
        )
    return CoordinatorSection(
        organisations=organisations,
        groups=needs,
        bodies_below_minimum=list(bodies_below_minimum(organisation_ids=organisation_ids)),
        awaiting_induction=awaiting,
        awaiting_induction_count=awaiting_count,
        pending_letters=_pending_letters(organisations),
    )


def _pending_letters(organisations: list[Organisation]) -> list[tuple[Organisation, int]]:
    """Letters for people who asked for post, waiting to be printed."""
    counts = dict(
        Notification.objects.filter(
            organisation__in=organisations,
            channel=Notification.Channel.POST,
            status=Notification.Status.PENDING,
        )
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    return [(org, counts[org.pk]) for org in organisations if counts.get(org.pk)]


# --- member -----------------------------------------------------------------


@dataclass
class MemberSection:
    memberships: list[Membership]
    seats: list


def member_section(*, user) -> MemberSection:
    person = permissions.person_of(user)
    if person is None:
        return MemberSection(memberships=[], seats=[])
    memberships = list(
        Membership.objects.filter(person=person)
        .exclude(status=Membership.Status.LEFT)
        .select_related("group__organisation")
        .order_by("group__name")
    )
    return MemberSection(memberships=memberships, seats=list(seats_of_person(person=person)))


# --- commissioner -----------------------------------------------------------


@dataclass
class Headlines:
    organisation: Organisation
    groups: int = 0
    active_members: int = 0
    target_min: int = 0
    target_max: int = 0
    bodies: int = 0
    bodies_with_enough_representatives: int = 0
    seats_filled: int = 0

    def shown(self) -> dict[str, str]:
        """Counts of people are suppressed below five so no one can be singled
        out; counts of groups and bodies name nobody and are shown exactly."""
        return {
            "groups": str(self.groups),
            "active_members": permissions.count_shown(self.active_members),
            "bodies": str(self.bodies),
            "bodies_with_enough_representatives": str(self.bodies_with_enough_representatives),
            "seats_filled": permissions.count_shown(self.seats_filled),
        }


def commissioner_section(*, organisation_ids: set[int]) -> list[dict]:
    """Headline figures per organisation: counts only, never a name."""
    headlines = {
        organisation.pk: Headlines(organisation=organisation)
        for organisation in Organisation.objects.filter(id__in=organisation_ids).order_by("name")
    }
    groups = (
        Group.objects.filter(organisation_id__in=organisation_ids)
        .annotate(
            active=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
        )
        .values("organisation_id", "target_min", "target_max", "active")
    )
    for row in groups:
        figures = headlines[row["organisation_id"]]
        figures.groups += 1
        figures.active_members += row["active"]
        figures.target_min += row["target_min"]
        figures.target_max += row["target_max"]
    bodies = with_representative_counts(
        DecisionMakingBody.objects.filter(organisation_id__in=organisation_ids)
    ).values("organisation_id", "current_representatives")
    for row in bodies:
        figures = headlines[row["organisation_id"]]
        figures.bodies += 1
        figures.seats_filled += row["current_representatives"]
        if row["current_representatives"] >= MINIMUM_REPRESENTATIVES:
            figures.bodies_with_enough_representatives += 1
    return [
        {"organisation": figures.organisation, "figures": figures, "shown": figures.shown()}
        for figures in headlines.values()
    ]


# --- organisation admin -----------------------------------------------------


def org_admin_section(*, organisation_ids: set[int]) -> list[dict]:
    """People and roles at a glance, per organisation, with the latest changes."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        StaffRole.objects.filter(organisation_id__in=organisation_ids)
        .values("organisation_id", "role")
        .annotate(n=Count("id"))
    ):
        counts[row["organisation_id"]][row["role"]] = row["n"]
    changes_by_org: dict[int, list[StaffRoleChange]] = defaultdict(list)
    recent = (
        StaffRoleChange.objects.filter(organisation_id__in=organisation_ids)
        .select_related("user", "changed_by")
        .order_by("-changed_at", "-id")[: 5 * max(len(organisation_ids), 1)]
    )
    for change in recent:
        if len(changes_by_org[change.organisation_id]) < 5:
            changes_by_org[change.organisation_id].append(change)
    return [
        {
            "organisation": organisation,
            "role_counts": [
                (label, counts[organisation.pk].get(value, 0)) for value, label in Role.choices
            ],
            "recent_changes": changes_by_org[organisation.pk],
        }
        for organisation in Organisation.objects.filter(id__in=organisation_ids).order_by("name")
    ]


# --- all together -----------------------------------------------------------


def home_sections(*, user) -> dict:
    """The sections of the signed-in person's home page, one per role held."""
    sections: dict = {}
    coordinator_orgs = permissions.organisation_ids(user, Role.COORDINATOR)
    if coordinator_orgs:
        sections["coordinator"] = coordinator_section(organisation_ids=coordinator_orgs)
    commissioner_orgs = permissions.organisation_ids(user, Role.COMMISSIONER)
    if commissioner_orgs:
        sections["commissioner"] = commissioner_section(organisation_ids=commissioner_orgs)
    org_admin_orgs = permissions.organisation_ids(user, Role.ORG_ADMIN)
    if org_admin_orgs:
        sections["org_admin"] = org_admin_section(organisation_ids=org_admin_orgs)
    member = member_section(user=user)
    if member.memberships or not permissions.is_staff_person(user):
        sections["member"] = member
    if permissions.is_platform_admin(user):
        sections["platform_admin"] = {"organisations": Organisation.objects.count()}
    sections["today"] = timezone.localdate()
    return sections
