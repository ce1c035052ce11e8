"""Writes for groups, their diversity factors, and memberships.

Permission-agnostic: views and the API check access (involvement.permissions)
before they call these. Every rule a coordinator can break comes back as a
ValidationError whose message says what to do.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from ..models import (
    DiversityFactor,
    DiversityProfile,
    Group,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
)
from .people import person_create

Status = Membership.Status
Attribute = DiversityFactor.Attribute

GROUP_FIELDS = (
    "name",
    "purpose",
    "terms_of_reference",
    "ground_rules",
    "cadence",
    "cadence_weeks",
    "target_min",
    "target_max",
    "reminder_days",
)


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------


def _check_group(group: Group) -> None:
    errors: dict[str, str] = {}
    if not group.name.strip():
        errors["name"] = "Enter the group's name"
    if not group.purpose.strip():
        errors["purpose"] = "Enter what the group is for"
    if group.cadence == Group.Cadence.CUSTOM:
        if not group.cadence_weeks:
            errors["cadence_weeks"] = "Enter the number of weeks between meetings, like 8"
    else:
        group.cadence_weeks = None
    if group.target_min is not None and group.target_min < 1:
        errors["target_min"] = "The smallest number of active members must be 1 or more"
    elif (
        group.target_min is not None
        and group.target_max is not None
        and group.target_min > group.target_max
    ):
        errors["target_max"] = (
            "The largest number of active members must be the same as or more than the smallest"
        )
    if (
        group.name
        and Group.objects.filter(organisation_id=group.organisation_id, name__iexact=group.name)
        .exclude(pk=group.pk)
        .exists()
    ):
        errors["name"] = (
            f"Your organisation already has a group called “{group.name}”. Choose another name"
        )
    if errors:
        raise ValidationError(errors)
    group.full_clean()


@transaction.atomic
def group_create(
    *,
    organisation: Organisation,
    name: str,
    purpose: str,
    terms_of_reference: str = "",
    ground_rules: str = "",
    cadence: str = Group.Cadence.MONTHLY,
    cadence_weeks: int | None = None,
    target_min: int = 10,
    target_max: int = 14,
    reminder_days: str = "7,1",
    factors: Iterable[FactorSuggestion] = (),
) -> Group:
    """A new group, with the diversity factors the coordinator chose from the
    suggestions (stored as ordinary DiversityFactor rows)."""
    group = Group(
        organisation=organisation,
        name=name.strip(),
        purpose=purpose.strip(),
        terms_of_reference=terms_of_reference.strip(),
        ground_rules=ground_rules.strip(),
        cadence=cadence,
        cadence_weeks=cadence_weeks,
        target_min=target_min,
        target_max=target_max,
        reminder_days=reminder_days,
    )
    _check_group(group)
    group.save()
    for suggestion in factors:
        diversity_factor_create(
            group=group,
            name=suggestion.name,
            attribute=suggestion.attribute,
            values=list(suggestion.values),
            minimum=suggestion.minimum,
        )
    return group


@transaction.atomic
def group_update(*, group: Group, **fields) -> Group:
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"group_update() got unexpected fields: {sorted(unknown)}")
    if not fields:
        return group
    for name, value in fields.items():
        setattr(group, name, value.strip() if isinstance(value, str) else value)
    _check_group(group)
    group.save(update_fields={*fields, "cadence_weeks"})
    return group


# ---------------------------------------------------------------------------
# Diversity factors
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorSuggestion:
    """A sensible default offered when a group is created. Only an offer: the
    chosen ones are saved as DiversityFactor rows and edited like any other."""

    key: str
    name: str
    attribute: str
    values: tuple[str, ...]
    minimum: int


def diversity_factor_suggestions(*, organisation: Organisation) -> list[FactorSuggestion]:
    AgeBand = DiversityProfile.AgeBand
    suggestions = [
        FactorSuggestion(
            "type_1", "Type 1 diabetes", Attribute.DIABETES_TYPE, ("type_1",), minimum=2
        ),
        FactorSuggestion(
            "type_2", "Type 2 diabetes", Attribute.DIABETES_TYPE, ("type_2",), minimum=2
        ),
        FactorSuggestion(
            "under_40",
            "Aged under 40",
            Attribute.AGE_BAND,
            (AgeBand.UNDER_25, AgeBand.AGE_25_39),
            minimum=2,
        ),
        FactorSuggestion("carer", "Carers", Attribute.CARER, ("yes",), minimum=1),
    ]
    for index, locality in enumerate(organisation.localities or []):
        suggestions.append(
            FactorSuggestion(
                f"locality_{index}",
                locality,
                Attribute.LOCALITY,
                (locality,),
                minimum=2,
            )
        )
    return suggestions


def factor_answer_choices(*, organisation: Organisation) -> dict[str, list[tuple[str, str]]]:
    """For each attribute, the answers a factor may count (never "prefer not to say")."""
    choices = {
        Attribute.DIABETES_TYPE: DiversityProfile.DiabetesType.choices,
        Attribute.AGE_BAND: DiversityProfile.AgeBand.choices,
        Attribute.ETHNICITY: DiversityProfile.Ethnicity.choices,
        Attribute.LOCALITY: [(place, place) for place in organisation.localities or []],
        Attribute.CARER: DiversityProfile.YesNo.choices,
        Attribute.AT_RISK: DiversityProfile.YesNo.choices,
    }
    return {
        attribute: [(value, label) for value, label in options if value != "prefer_not"]
        for attribute, options in choices.items()
    }


def _check_factor(factor: DiversityFactor) -> None:
    errors: dict[str, str] = {}
    if not factor.name.strip():
        errors["name"] = "Enter a name for the mix you want, like “Type 1 diabetes”"
    allowed = dict(factor_answer_choices(organisation=factor.group.organisation)).get(
        factor.attribute
    )
    if allowed is None:
        errors["values"] = "Choose which answers count towards this mix"
    elif not factor.values:
        errors["values"] = "Choose at least one answer that counts towards this mix"
    elif set(factor.values) - {value for value, _ in allowed}:
        errors["values"] = "Choose answers from the list"
    if factor.minimum is None or factor.minimum < 1:
        errors["minimum"] = "Enter the smallest number of members you want, 1 or more"
    elif factor.minimum > factor.group.target_max:
        errors["minimum"] = (
            f"Enter a number no bigger than the group's largest size ({factor.group.target_max})"
        )
    if (
        factor.name
        and DiversityFactor.objects.filter(group=factor.group, name__iexact=factor.name)
        .exclude(pk=factor.pk)
        .exists()
    ):
        errors["name"] = f"This group already has “{factor.name}”. Choose another name"
    if errors:
        raise ValidationError(errors)
    factor.full_clean()


@transaction.atomic
def diversity_factor_create(
    *, group: Group, name: str, attribute: str, values: list[str], minimum: int
) -> DiversityFactor:
    factor = DiversityFactor(
        group=group, name=name.strip(), attribute=attribute, values=list(values), minimum=minimum
    )
    _check_factor(factor)
    factor.save()
    return factor


@transaction.atomic
def diversity_factor_update(
    *, factor: DiversityFactor, name: str, attribute: str, values: list[str], minimum: int
) -> DiversityFactor:
    factor.name = name.strip()
    factor.attribute = attribute
    factor.values = list(values)
    factor.minimum = minimum
    _check_factor(factor)
    factor.save(update_fields=["name", "attribute", "values", "minimum"])
    return factor


@transaction.atomic
def diversity_factor_delete(*, factor: DiversityFactor) -> None:
    factor.delete()


# ---------------------------------------------------------------------------
# Memberships
# ---------------------------------------------------------------------------

# Members are not active until inducted; anyone may leave; someone who left
# rejoins as "selected" and is inducted again.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SELECTED: frozenset({Status.INDUCTED, Status.LEFT}),
    Status.INDUCTED: frozenset({Status.ACTIVE, Status.LEFT}),
    Status.ACTIVE: frozenset({Status.PAUSED, Status.LEFT}),
    Status.PAUSED: frozenset({Status.ACTIVE, Status.LEFT}),
    Status.LEFT: frozenset({Status.SELECTED}),
}
REASON_REQUIRED = frozenset({Status.PAUSED, Status.LEFT})


def allowed_next_statuses(membership: Membership) -> list[str]:
    """The statuses a membership may move to next, in the usual order."""
    allowed = ALLOWED_TRANSITIONS.get(membership.status, frozenset())
    return [status for status in Status.values if status in allowed]


def _transition_refusal(membership: Membership, to_status: str) -> str:
    name = membership.person.display_name
    current = membership.status
    label = Status(to_status).label.lower()
    if to_status == current:
        return f"{name} is already {label}. Choose a different status"
    if current == Status.LEFT:
        return f"{name} has left the group. To rejoin, change their status to selected first"
    if to_status == Status.ACTIVE and current == Status.SELECTED:
        return (
            f"{name} cannot become active before their induction. "
            "Record their induction (status inducted) first"
        )
    if to_status == Status.PAUSED:
        return f"Only active members can pause. {name} is {Status(current).label.lower()}"
    if to_status == Status.INDUCTED:
        return f"{name} has already been inducted"
    if to_status == Status.SELECTED:
        return f"Only someone who has left can be selected again. {name} is {current}"
    return f"{name} cannot go from {current} to {label}"


def _check_date(changed_on: datetime.date, *, not_before: datetime.date | None) -> None:
    if changed_on is None:
        raise ValidationError({"changed_on": "Enter the date of the change, like 15 3 2026"})
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": "Enter a date that is today or in the past"})
    if not_before and changed_on < not_before:
        raise ValidationError(
            {
                "changed_on": (
                    f"Enter a date on or after {date_format(not_before, 'j F Y')}, "
                    "when the status last changed"
                )
            }
        )


@transaction.atomic
def membership_create(
    *,
    person: Person,
    group: Group,
    added_by=None,
    on: datetime.date | None = None,
    reason: str = "",
) -> Membership:
    """Add a person to a group as "selected", with the first row of history."""
    on = on or timezone.localdate()
    existing = Membership.objects.filter(person=person, group=group).first()
    if existing is not None:
        if existing.status == Status.LEFT:
            raise ValidationError(
                {
                    "person": (
                        f"{person.display_name} was in this group before and left. "
                        "To rejoin, change their status to selected on their membership page"
                    )
                }
            )
        raise ValidationError(
            {"person": f"{person.display_name} is already in this group. Choose someone else"}
        )
    _check_date(on, not_before=None)
    membership = Membership(
        person=person, group=group, status=Status.SELECTED, status_changed_on=on
    )
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        # Someone added the same person at the same moment.
        raise ValidationError(
            {"person": f"{person.display_name} is already in this group. Choose someone else"}
        ) from exc
    MembershipStatusChange.objects.create(
        membership=membership,
        from_status="",
        to_status=Status.SELECTED,
        changed_on=on,
        reason=reason.strip(),
        changed_by=added_by,
    )
    return membership


@transaction.atomic
def membership_change_status(
    *,
    membership: Membership,
    to_status: str,
    changed_on: datetime.date,
    reason: str = "",
    changed_by=None,
) -> MembershipStatusChange:
    """Move a membership on, if the move is allowed, and record it in its history."""
    membership = (
        Membership.objects.select_for_update().select_related("person").get(pk=membership.pk)
    )
    if to_status not in Status.values:
        raise ValidationError({"to_status": "Choose the new status"})
    if to_status not in ALLOWED_TRANSITIONS.get(membership.status, frozenset()):
        raise ValidationError({"to_status": _transition_refusal(membership, to_status)})
    _check_date(changed_on, not_before=membership.status_changed_on)
    reason = reason.strip()
    if to_status in REASON_REQUIRED and not reason:
        verb = "is pausing" if to_status == Status.PAUSED else "is leaving"
        raise ValidationError(
            {"reason": f"Say why {membership.person.display_name} {verb}, in a few words"}
        )
    change = MembershipStatusChange.objects.create(
        membership=membership,
        from_status=membership.status,
        to_status=to_status,
        changed_on=changed_on,
        reason=reason,
        changed_by=changed_by,
    )
    update_fields = ["status", "status_changed_on"]
    if to_status == Status.INDUCTED and membership.induction_date is None:
        membership.induction_date = changed_on
        update_fields.append("induction_date")
    if to_status == Status.SELECTED:
        # Rejoining: a new induction will be recorded.
        membership.induction_date = None
        membership.buddy = None
        update_fields += ["induction_date", "buddy"]
    if to_status == Status.LEFT:
        # Someone who has left can no longer be anyone's buddy.
        Membership.objects.filter(buddy=membership).update(buddy=None)
    membership.status = to_status
    membership.status_changed_on = changed_on
    membership.save(update_fields=update_fields)
    return change


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    induction_date: datetime.date | None,
    buddy: Membership | None,
) -> Membership:
    """Set the induction date and the buddy (an active member of the same group)."""
    if buddy is not None:
        if buddy.pk == membership.pk:
            raise ValidationError(
                {"buddy": "A member cannot be their own buddy. Choose someone else"}
            )
        if buddy.group_id != membership.group_id:
            raise ValidationError({"buddy": "Choose a buddy who is a member of this group"})
        if buddy.status != Status.ACTIVE:
            raise ValidationError(
                {
                    "buddy": (
                        f"Choose an active member as buddy. {buddy.person.display_name} "
                        f"is {buddy.get_status_display().lower()}"
                    )
                }
            )
    membership.induction_date = induction_date
    membership.buddy = buddy
    membership.full_clean()
    membership.save(update_fields=["induction_date", "buddy"])
    return membership


@transaction.atomic
def membership_create_for_new_person(
    *, group: Group, added_by=None, on: datetime.date | None = None, **profile
) -> Membership:
    """A record for someone new (who may have no login: people who chose post
    often do not), added to a group as selected. Both or neither are saved."""
    person = person_create(**profile)
    return membership_create(person=person, group=group, added_by=added_by, on=on)
