"""Writes for induction checklists. Completing the checklist moves the
membership from selected to inducted, through the involvement core's
membership status service (so its history records it)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from involvement.errors import ApplicationError
from involvement.models import Membership, User
from involvement.services.groups import membership_change_status

from ..models import InductionChecklist, Meeting


def induction_checklist_for(*, membership: Membership) -> InductionChecklist:
    """The membership's checklist, or a new unsaved one."""
    existing = InductionChecklist.objects.filter(membership=membership).first()
    return existing or InductionChecklist(membership=membership)


@transaction.atomic
def induction_checklist_save(
    *,
    membership: Membership,
    background_given: bool,
    ground_rules_agreed: bool,
    expectations_clarified: bool,
    buddy_assigned: bool,
    how: str = "",
    meeting: Meeting | None = None,
    notes: str = "",
    complete_on: datetime.date | None = None,
    saved_by: User | None = None,
) -> InductionChecklist:
    """Save the checklist. With `complete_on`, every item must be ticked and
    how it was done chosen; the membership becomes inducted on that date."""
    checklist = induction_checklist_for(membership=membership)
    if checklist.completed_on is not None:
        raise ApplicationError("This induction is complete, so the checklist can no longer change.")
    if membership.status != Membership.Status.SELECTED:
        raise ApplicationError(
            f"{membership.person.display_name} is {membership.get_status_display().lower()}; "
            "only newly selected members are inducted."
        )
    if meeting is not None and (
        meeting.group_id != membership.group_id or meeting.kind != Meeting.Kind.INDUCTION
    ):
        raise ValidationError({"meeting": "Choose an induction meeting of this group"})
    checklist.background_given = background_given
    checklist.ground_rules_agreed = ground_rules_agreed
    checklist.expectations_clarified = expectations_clarified
    checklist.buddy_assigned = buddy_assigned
    checklist.how = how
    checklist.meeting = meeting if how == InductionChecklist.How.MEETING else None
    checklist.notes = notes.strip()
    if complete_on is not None:
        errors = {}
        missing = [
            label for name, label in InductionChecklist.ITEMS if not getattr(checklist, name)
        ]
        if missing:
            errors["__all__"] = "Tick every item before completing the induction: " + ", ".join(
                label.lower() for label in missing
            )
        if not how:
            errors["how"] = "Choose whether the induction was at a meeting or one to one"
        if errors:
            raise ValidationError(errors)
        checklist.completed_on = complete_on
        checklist.completed_by = saved_by
    checklist.full_clean()
    checklist.save()
    if complete_on is not None:
        membership_change_status(
            membership=membership,
            to_status=Membership.Status.INDUCTED,
            changed_on=complete_on,
            reason="Induction checklist completed",
            changed_by=saved_by,
        )
    return checklist
