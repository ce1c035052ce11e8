"""Demo (expenses, claimant side): two contrasting payment policies and a few
claims. Fellside pays like an NHS trust (£13.85 an hour for workshops, £25 an
hour for strategic roles, expenses only for group meetings); Riverbank pays
like NICE (£150 for a meeting of 4 hours or more, £75 for a shorter one,
within 3 weeks: 15 working days). Both pay 45p a mile. Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from involvement.models import Organisation, Person
from meetings.models import Invitation
from meetings.models.core import MeetingKind

from .models import (
    ExpenseClaim,
    LineKind,
    PaymentChoice,
    PaymentMode,
    PaymentPolicy,
    PaymentPreference,
    RoleLevel,
)
from .services import claims as claim_services
from .services import policy as policy_services

ADVICE = (
    "Citizens Advice (free, independent): phone 0800 144 8848 or visit a local office. "
    "Your coordinator can book you a free call with the welfare rights team."
)

POLICIES = {
    "fellside": {
        "values": {
            "mileage_rate": Decimal("0.45"),
            "mileage_warning_miles": Decimal("60"),
            "receipt_required_over": Decimal("10.00"),
            "receipt_always_for": [LineKind.TAXI, LineKind.PARKING],
            "claim_cap": Decimal("75.00"),
            "payroll_for_involvement_payments": False,
            "target_working_days": 5,
            "benefits_advice": ADVICE,
        },
        "rules": [
            (RoleLevel.MEMBER, MeetingKind.GROUP, {"mode": PaymentMode.NONE}),
            (
                RoleLevel.MEMBER,
                MeetingKind.WORKSHOP,
                {"mode": PaymentMode.PER_HOUR, "hourly_rate": Decimal("13.85")},
            ),
            (
                RoleLevel.REPRESENTATIVE,
                MeetingKind.BOARD,
                {"mode": PaymentMode.PER_HOUR, "hourly_rate": Decimal("25.00")},
            ),
            (
                RoleLevel.STRATEGIC,
                MeetingKind.BOARD,
                {"mode": PaymentMode.PER_HOUR, "hourly_rate": Decimal("25.00")},
            ),
        ],
    },
    "riverbank": {
        "values": {
            "mileage_rate": Decimal("0.45"),
            "mileage_warning_miles": Decimal("80"),
            "receipt_required_over": Decimal("5.00"),
            "receipt_always_for": [LineKind.TAXI],
            "claim_cap": None,
            "payroll_for_involvement_payments": True,
            "target_working_days": 15,
            "benefits_advice": ADVICE,
        },
        "rules": [
            (
                level,
                kind,
                {
                    "mode": PaymentMode.HALF_FULL_DAY,
                    "half_day_rate": Decimal("75.00"),
                    "full_day_rate": Decimal("150.00"),
                    "full_day_from_hours": Decimal("4"),
                },
            )
            for level, kind in [
                (RoleLevel.MEMBER, MeetingKind.GROUP),
                (RoleLevel.MEMBER, MeetingKind.WORKSHOP),
                (RoleLevel.REPRESENTATIVE, MeetingKind.BOARD),
            ]
        ],
    },
}


def _policy(organisation: Organisation, spec) -> None:
    if PaymentPolicy.objects.filter(organisation=organisation).exists():
        return
    policy = policy_services.policy_update(organisation=organisation, **spec["values"])
    for level, activity, values in spec["rules"]:
        policy_services.payment_rule_save(
            policy=policy, role_level=level, activity=activity, **values
        )


def _claims(organisation: Organisation) -> int:
    """A sent bus-fare claim and a draft mileage claim on the latest past
    meeting with attendance taken."""
    invitations = list(
        Invitation.objects.filter(
            meeting__organisation=organisation,
            attended=True,
            meeting__kind=MeetingKind.GROUP,
        )
        .select_related("meeting__organisation", "person")
        .order_by("-meeting__starts_at", "person__full_name")[:3]
    )
    made = 0
    for index, invitation in enumerate(invitations[:2]):
        if ExpenseClaim.objects.filter(
            person=invitation.person, meeting=invitation.meeting
        ).exists():
            continue
        claim = claim_services.claim_start(invitation=invitation)
        if index == 0:
            claim_services.claim_line_add(
                claim=claim,
                kind=LineKind.PUBLIC_TRANSPORT,
                amount=Decimal("4.60"),
                description="Bus there and back",
            )
            claim_services.claim_submit(claim=claim)
        else:
            claim_services.claim_line_add(claim=claim, kind=LineKind.MILEAGE, miles=Decimal("14"))
        made += 1
    return made


@transaction.atomic
def seed(stdout=None) -> None:
    made = 0
    for slug, spec in POLICIES.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        _policy(organisation, spec)
        made += _claims(organisation)
    member = Person.objects.filter(user__email="member@fellside.example").first()
    if member is not None and not PaymentPreference.objects.filter(person=member).exists():
        claim_services.payment_preference_set(person=member, choice=PaymentChoice.ACCEPT)
    if stdout:
        stdout.write(f"expenses: two payment policies (Fellside, Riverbank) and {made} claims")
