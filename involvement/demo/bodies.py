"""Demo decision-making bodies and representative seats (all fictional).

Per demo organisation: a network board (executive) with two current
representatives, a foot-care pathway redesign group (clinical) with only one,
so the "fewer than 2 representatives" flag shows, and a medicines optimisation
(QIPP) steering group (financial) with two. Representatives are active members
of the organisation's groups, which involvement/demo/groups.py seeds first.
Idempotent: bodies are matched by name, and a body that already has seats is
left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import DecisionMakingBody, Membership, Organisation
from ..services.bodies import body_create, seat_appoint
from .accounts import ORGANISATIONS

Level = DecisionMakingBody.Level

# (name, level, remit, meeting pattern, contact name, representatives wanted)
BODIES = [
    (
        "Diabetes Network Board",
        Level.EXECUTIVE,
        "Sets the network's strategy and priorities for diabetes care, and agrees "
        "its annual plan and budget.",
        "Every two months, Tuesday mornings",
        "Network manager",
        2,
    ),
    (
        "Foot Care Pathway Redesign Group",
        Level.CLINICAL,
        "Redesigns the foot-care pathway: checks in primary care, referral to the "
        "foot protection team, and urgent access for active foot problems.",
        "Monthly, Thursday afternoons",
        "Podiatry service lead",
        1,
    ),
    (
        "Medicines Optimisation (QIPP) Steering Group",
        Level.FINANCIAL,
        "Decides how to reduce medicines waste and which blood glucose meters and "
        "test strips are recommended locally.",
        "Every six weeks, Wednesday mornings",
        "Medicines optimisation pharmacist",
        2,
    ),
]

# Members the demo prefers as representatives, so the member login sees a seat.
PREFERRED_EMAILS = ["member@fellside.example"]


def _active_members(organisation: Organisation) -> list[Membership]:
    members = list(
        Membership.objects.filter(
            group__organisation=organisation, status=Membership.Status.ACTIVE
        ).select_related("person__user", "group")
    )
    members.sort(
        key=lambda m: (
            not (m.person.user and m.person.user.email in PREFERRED_EMAILS),
            m.person.full_name,
        )
    )
    # One membership per person: a person sits on a body once.
    seen, unique = set(), []
    for membership in members:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            unique.append(membership)
    return unique


def seed(stdout=None) -> None:
    today = timezone.localdate()
    term_start = today.replace(day=1) - datetime.timedelta(days=180)
    made_bodies = made_seats = 0
    for slug, _name, _kind in ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        members = _active_members(organisation)
        next_member = 0
        for name, level, remit, pattern, contact, wanted in BODIES:
            body = DecisionMakingBody.objects.filter(organisation=organisation, name=name).first()
            if body is None:
                body = body_create(
                    organisation=organisation,
                    name=name,
                    level=level,
                    remit=remit,
                    meeting_pattern=pattern,
                    contact_name=contact,
                    contact_email=f"{slug}.boards@nhs.example",
                )
                made_bodies += 1
            if body.seats.exists():
                continue
            if len(members) < wanted:
                if stdout:
                    stdout.write(
                        f"bodies: {organisation} has {len(members)} active members, "
                        f"not enough to seat {wanted} on {name}; seat them by hand."
                    )
                continue
            for _ in range(wanted):
                membership = members[next_member % len(members)]
                next_member += 1
                seat_appoint(
                    body=body,
                    membership=membership,
                    term_start=term_start,
                    term_end=term_start + datetime.timedelta(days=730),
                )
                made_seats += 1
    if stdout:
        stdout.write(f"bodies: {made_bodies} bodies and {made_seats} seats added")
