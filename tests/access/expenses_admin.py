"""Expenses, staff side: approving claims, paying them, prompt-payment figures
and budgets.

Coordinators and organisation admins approve; finance pays and exports;
budgets and the prompt-payment page are for approvers and finance. The walk's
claim is a submitted claim by the world's member with a receipt; the payment
run pays an approved claim of another member. The builders here are also used
by tests/expenses/."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import date_parts

from .rules import Page, expect, fields, first_organisation_body, redirects

# Coordinators and organisation admins (the other organisation's coordinator
# sees its own, empty, list).
APPROVERS = expect(
    403, anonymous=302, coordinator=200, org_admin=200, platform_admin=200, other_org=200
)
# A claim or run of the organisation: other staff 403; a member, who is no
# staff, and another organisation 404.
APPROVER_OBJECT = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
    org_admin=200,
    platform_admin=200,
)
# Finance of the organisation.
FINANCE = expect(403, anonymous=302, finance=200, platform_admin=200)
FINANCE_OBJECT = expect(
    403, anonymous=302, member=404, other_org=404, finance=200, platform_admin=200
)
# Approvers and finance.
FIGURES = expect(
    403,
    anonymous=302,
    coordinator=200,
    org_admin=200,
    finance=200,
    platform_admin=200,
    other_org=200,
)
RECEIPT = expect(
    403,
    anonymous=302,
    member=404,
    other_org=404,
    coordinator=200,
    org_admin=200,
    finance=200,
    platform_admin=200,
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def make_meeting(group, *, days_ago=5, title="Group meeting"):
    from meetings.models import Meeting

    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return Meeting.objects.create(
        organisation=group.organisation,
        group=group,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


def make_claim(
    person,
    meeting,
    *,
    status="submitted",
    lines=((("public_transport"), Decimal("4.80")),),
    submitted_at=None,
    approved_at=None,
    approved_by=None,
    involvement_payment=Decimal("0.00"),
):
    """A claim in any state, written straight to the database (the claimant
    side's services are tested by their own tests)."""
    from expenses.models import ClaimLine, ExpenseClaim
    from meetings.models import Invitation

    invitation, _ = Invitation.objects.get_or_create(
        meeting=meeting, person=person, defaults={"rsvp": "attending", "attended": True}
    )
    now = timezone.now()
    if status != "draft" and submitted_at is None:
        submitted_at = now
    if status in ("approved", "paid") and approved_at is None:
        approved_at = now
    claim = ExpenseClaim.objects.create(
        organisation=meeting.organisation,
        person=person,
        meeting=meeting,
        invitation=invitation,
        group=meeting.group,
        status=status,
        submitted_at=submitted_at,
        approved_at=approved_at,
        approved_by=approved_by,
        involvement_payment=involvement_payment,
        paid_at=now if status == "paid" else None,
        paid_on=timezone.localdate() if status == "paid" else None,
    )
    for kind, amount in lines:
        ClaimLine.objects.create(
            claim=claim,
            kind=kind,
            amount=amount,
            miles=Decimal("10") if kind == "mileage" else None,
        )
    return claim


def add_receipt(line, *, content=PNG, content_type="image/png"):
    from expenses.models import Receipt

    receipt = Receipt(line=line, content_type=content_type, size=len(content))
    receipt.file.save("receipt.png", ContentFile(content), save=False)
    receipt.save()
    return receipt


def expenses_admin_world(world):
    """Adds: `claim` (submitted, with a receipt), `run` (a payment run), and
    the other organisation's `other_claim` and `other_run`."""
    if "claim" in world.objects:
        return world
    from expenses.models import PaymentRun
    from expenses.services.payments import claims_mark_paid
    from tests.factories import MembershipFactory

    group = world.objects["group"]
    meeting = make_meeting(group)
    claim = make_claim(world.objects["person"], meeting)
    world.objects["claim"] = claim
    world.objects["receipt"] = add_receipt(claim.lines.first())
    other_person = MembershipFactory(group=group).person
    approver = world.user("coordinator")
    approved = make_claim(other_person, meeting, status="approved", approved_by=approver)
    world.objects["run"] = claims_mark_paid(
        organisation=world.organisation,
        claim_ids=[approved.pk],
        by=world.user("finance"),
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="RUN-1",
    )
    other_group = world.objects["other_group"]
    other_meeting = make_meeting(other_group)
    other_claim = make_claim(world.objects["other_membership"].person, other_meeting)
    world.objects["other_claim"] = other_claim
    world.objects["other_receipt"] = add_receipt(other_claim.lines.first())
    world.objects["other_run"] = PaymentRun.objects.create(
        organisation=world.other_organisation,
        created_by=world.user("other_org"),
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="OTHER-1",
    )
    return world


def _obj(name):
    return lambda w: {"pk": expenses_admin_world(w).objects[name].pk}


def _approved(w):
    """An approved claim of the organisation, waiting to be paid."""
    world = expenses_admin_world(w)
    if "approved_claim" not in world.objects:
        meeting = make_meeting(world.objects["group"], days_ago=9, title="Workshop")
        world.objects["approved_claim"] = make_claim(
            world.objects["person"], meeting, status="approved", approved_by=w.user("coordinator")
        )
    return world.objects["approved_claim"]


def _mark_paid(w):
    return {
        "claims": _approved(w).pk,
        **date_parts("paid_on", timezone.localdate()),
        "method": "bank_transfer",
        "reference": "RUN-2",
    }


def _budget(w):
    return {
        "group": w.objects["group"].pk,
        "year": str(timezone.localdate().year),
        "amount": "4500.00",
    }


PAGES = {
    "approval-queue": Page(status=APPROVERS),
    # One form per decision, named by `action`; a POST naming none is a 404.
    # The other organisation's claim: each role as its counterpart there.
    "approval-claim": Page(
        kwargs=_obj("claim"),
        status=APPROVER_OBJECT,
        post=redirects(APPROVER_OBJECT, ok=404),
        form=fields(action="approve"),
        post_valid=redirects(APPROVER_OBJECT),
        elsewhere=_obj("other_claim"),
    ),
    "approval-receipt": Page(
        kwargs=_obj("receipt"), status=RECEIPT, elsewhere=_obj("other_receipt")
    ),
    "payment-list": Page(
        status=FINANCE,
        form=_mark_paid,
        post_valid=first_organisation_body(redirects(FINANCE)),
    ),
    "payment-run-list": Page(status=FINANCE),
    "payment-run-detail": Page(
        kwargs=_obj("run"), status=FINANCE_OBJECT, elsewhere=_obj("other_run")
    ),
    "payment-run-csv": Page(kwargs=_obj("run"), status=FINANCE_OBJECT, elsewhere=_obj("other_run")),
    "payment-run-payroll-csv": Page(
        kwargs=_obj("run"), status=FINANCE_OBJECT, elsewhere=_obj("other_run")
    ),
    "prompt-payment": Page(status=FIGURES),
    "budget-overview": Page(status=FIGURES),
    "budget-set": Page(
        status=FIGURES, form=_budget, post_valid=first_organisation_body(redirects(FIGURES))
    ),
}
