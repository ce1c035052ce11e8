"""Writes for decision-making bodies and the representative seats on them.

Every rule about who may sit on a body lives here: a seat goes to an active
member of one of the body's organisation's groups, for a term that does not
overlap another term of the same person on the same body.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import audit
from ..errors import ApplicationError
from ..models import DecisionMakingBody, Membership, Organisation, RepresentativeSeat

BODY_FIELDS = ("name", "level", "remit", "meeting_pattern", "contact_name", "contact_email")


def _date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _term(start: datetime.date, end: datetime.date | None) -> str:
    if end is None:
        return f"from {_date(start)}, with no end date"
    return f"from {_date(start)} to {_date(end)}"


def _refuse_duplicate_name(*, organisation: Organisation, name: str, exclude_pk=None) -> None:
    duplicates = DecisionMakingBody.objects.filter(organisation=organisation, name__iexact=name)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError(
            {"name": f"{organisation} already has a body called {name}. Enter a different name."}
        )


@transaction.atomic
def body_create(
    *,
    organisation: Organisation,
    name: str,
    level: str,
    remit: str = "",
    meeting_pattern: str = "",
    contact_name: str = "",
    contact_email: str = "",
) -> DecisionMakingBody:
    name = name.strip()
    _refuse_duplicate_name(organisation=organisation, name=name)
    body = DecisionMakingBody(
        organisation=organisation,
        name=name,
        level=level,
        remit=remit,
        meeting_pattern=meeting_pattern,
        contact_name=contact_name,
        contact_email=contact_email,
    )
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_update(*, body: DecisionMakingBody, **changes) -> DecisionMakingBody:
    unknown = set(changes) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"body_update() cannot change {sorted(unknown)}")
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        _refuse_duplicate_name(
            organisation=body.organisation, name=changes["name"], exclude_pk=body.pk
        )
    changed = [field for field, value in changes.items() if getattr(body, field) != value]
    for field in changed:
        setattr(body, field, changes[field])
    if changed:
        body.full_clean()
        body.save(update_fields=changed)
    return body


def _overlapping_seats(
    *, body: DecisionMakingBody, person_id: int, start: datetime.date, end: datetime.date | None
):
    """Seats of this person on this body whose term shares at least a day with
    [start, end] (an empty end means open-ended)."""
    seats = RepresentativeSeat.objects.filter(body=body, membership__person_id=person_id).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=start)
    )
    if end is not None:
        seats = seats.filter(term_start__lte=end)
    return seats


@transaction.atomic
def seat_appoint(
    *,
    body: DecisionMakingBody,
    membership: Membership,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
) -> RepresentativeSeat:
    """Appoint a member to represent the group on a body for a term.

    Refused, with a message saying what to do, when the member belongs to
    another organisation's group, is not active, when the term ends before it
    starts, or when it overlaps another term of the same person on this body."""
    # Lock the body: appointments to one body are made one at a time, so two at
    # once cannot both pass the overlap check below.
    body = DecisionMakingBody.objects.select_for_update().get(pk=body.pk)
    membership = Membership.objects.select_related("person", "group").get(pk=membership.pk)
    person = membership.person
    if membership.group.organisation_id != body.organisation_id:
        raise ValidationError(
            {
                "membership": (
                    f"{person} is not a member of any of {body.organisation}'s groups. "
                    "Choose a member of one of its groups."
                )
            }
        )
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(
            {
                "membership": (
                    f"{person} is not an active member of {membership.group} "
                    f"(their status is {membership.get_status_display().lower()}). "
                    "Only active members can be appointed."
                )
            }
        )
    if term_end is not None and term_end < term_start:
        raise ValidationError(
            {"term_end": "The end of the term must be the same as or after its start."}
        )
    clash = (
        _overlapping_seats(body=body, person_id=person.pk, start=term_start, end=term_end)
        .order_by("term_start")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "term_start": (
                    f"{person} already has a seat on {body} "
                    f"{_term(clash.term_start, clash.term_end)}. "
                    "One person's terms on the same body cannot overlap: "
                    "choose dates outside that term, or end that seat first."
                )
            }
        )
    seat = RepresentativeSeat(
        body=body, membership=membership, term_start=term_start, term_end=term_end
    )
    seat.full_clean()
    seat.save()
    audit.record(
        action=audit.Action.SEAT_APPOINTED,
        organisation=body.organisation,
        target=seat,
        summary=f"Seat {seat.pk} on {body.name}: {audit.person_reference(person)}",
        detail={
            "body": body.pk,
            "membership": membership.pk,
            "term_start": term_start.isoformat(),
            "term_end": term_end.isoformat() if term_end else None,
        },
    )
    return seat


@transaction.atomic
def seat_end(
    *, seat: RepresentativeSeat, end_date: datetime.date, reason: str
) -> RepresentativeSeat:
    """End a seat early (or record why it ended): the term ends on `end_date`."""
    seat = (
        RepresentativeSeat.objects.select_for_update(of=("self",))
        .select_related("body__organisation", "membership")
        .get(pk=seat.pk)
    )
    before = seat.term_end
    today = timezone.localdate()
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the seat is ending."})
    if seat.term_end is not None and seat.term_end < today:
        raise ApplicationError(f"This seat already ended on {_date(seat.term_end)}.")
    if end_date < seat.term_start:
        raise ValidationError(
            {
                "end_date": (
                    f"The end date must be on or after the start of the term, "
                    f"{_date(seat.term_start)}."
                )
            }
        )
    if seat.term_end is not None and end_date > seat.term_end:
        raise ValidationError(
            {
                "end_date": (
                    f"The term already ends on {_date(seat.term_end)}. "
                    "Enter that date or an earlier one."
                )
            }
        )
    seat.term_end = end_date
    seat.ended_reason = reason
    seat.full_clean()
    seat.save(update_fields=["term_end", "ended_reason"])
    audit.record(
        action=audit.Action.SEAT_ENDED,
        organisation=seat.body.organisation,
        target=seat,
        summary=f"Seat {seat.pk} on {seat.body.name}: Person {seat.membership.person_id}",
        detail={
            "term_end_before": before.isoformat() if before else None,
            "term_end": end_date.isoformat(),
        },
    )
    return seat
