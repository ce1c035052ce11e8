"""Expenses, claimant side: your claims, a claim, its receipts, payment
preference, paper claims, the printable claim form and the payment policy.

A claimant sees their own claim; coordinators, admin support and finance of
the organisation see its claims; receipts go only to the claimant,
coordinators and finance (admin support: 403); coordinators and admin support
enter paper claims; the organisation admin edits the payment policy (other
staff of the organisation: 403). Another organisation's objects: 404."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from expenses.models import ClaimLine, ExpenseClaim, PaymentPolicy, PaymentRule, Receipt
from meetings.models import Invitation, Meeting

from .expenses_admin import PNG
from .rules import SIGNED_IN, Page, expect, fields, redirects

POST_ONLY = expect(405, anonymous=302)
SEES_CLAIM = expect(
    404,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    finance=200,
    platform_admin=200,
)
EDITS_CLAIM = expect(
    404,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=200,
    finance=403,
    platform_admin=200,
)
SEES_RECEIPT = expect(
    404,
    anonymous=302,
    member=200,
    coordinator=200,
    admin_support=403,
    finance=200,
    platform_admin=200,
)
ENTERS_PAPER_CLAIMS = expect(
    403, anonymous=302, coordinator=200, admin_support=200, platform_admin=200, other_org=200
)
FOR_INVITATION = expect(
    404, anonymous=302, member=200, coordinator=200, admin_support=200, platform_admin=200
)
EDITS_POLICY = expect(
    403, anonymous=302, member=404, org_admin=200, platform_admin=200, other_org=404
)


def attended_invitation(w) -> Invitation:
    found = Invitation.objects.filter(
        person=w.objects["person"], attended=True, meeting__title="Walk: meeting last week"
    ).first()
    if found:
        return found
    starts = timezone.now() - timedelta(days=7)
    meeting = Meeting.objects.create(
        organisation=w.organisation,
        group=w.objects["group"],
        title="Walk: meeting last week",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    return Invitation.objects.create(meeting=meeting, person=w.objects["person"], attended=True)


def claim(w) -> ExpenseClaim:
    invitation = attended_invitation(w)
    found = ExpenseClaim.objects.filter(meeting=invitation.meeting).first()
    if found:
        return found
    found = ExpenseClaim.objects.create(
        organisation=w.organisation,
        person=invitation.person,
        meeting=invitation.meeting,
        invitation=invitation,
        group=invitation.meeting.group,
    )
    line = ClaimLine.objects.create(claim=found, kind="public_transport", amount=Decimal("4.60"))
    receipt = Receipt(line=line, content_type="image/png", size=8)
    receipt.file.save("walk.png", ContentFile(b"\x89PNG\r\n\x1a\nwalk"), save=True)
    return found


def _claim(w):
    return {"public_id": claim(w).public_id}


def _line(w):
    return {"pk": claim(w).lines.first().pk}


def _receipt(w):
    return {"pk": Receipt.objects.filter(line__claim=claim(w)).first().pk}


def rule(w) -> PaymentRule:
    policy, _ = PaymentPolicy.objects.get_or_create(organisation=w.organisation)
    found, _ = PaymentRule.objects.get_or_create(
        policy=policy,
        role_level="member",
        activity="workshop",
        defaults={"mode": "per_hour", "hourly_rate": Decimal("13.85")},
    )
    return found


# The claimant and the staff who enter claims change a claim and are sent on.
CHANGES_CLAIM = redirects(EDITS_CLAIM)


def _receipt_upload(w):
    return {"receipt": SimpleUploadedFile("bus-ticket.png", PNG, "image/png")}


PAGES = {
    "claim-list": Page(status=SIGNED_IN),
    "payment-preference": Page(status=SIGNED_IN, form=fields(choice="expenses_only")),
    "claim-paper-list": Page(status=ENTERS_PAPER_CLAIMS),
    # The walk's invitation has its claim already: starting again opens it.
    "claim-start": Page(
        kwargs=lambda w: {"pk": attended_invitation(w).pk},
        status=POST_ONLY,
        post=redirects(FOR_INVITATION),
        writes=False,
    ),
    "claim-form-pdf": Page(
        kwargs=lambda w: {"pk": attended_invitation(w).pk}, status=FOR_INVITATION
    ),
    # The claim's page adds a line; finance may look but not change it.
    "claim-detail": Page(
        kwargs=_claim,
        status=SEES_CLAIM,
        post=EDITS_CLAIM,
        form=fields(kind="public_transport", amount="3.20"),
        post_valid=CHANGES_CLAIM,
    ),
    # "Check your claim": its button sends the claim.
    "claim-check": Page(kwargs=_claim, status=EDITS_CLAIM, post=CHANGES_CLAIM),
    "claim-sent": Page(kwargs=_claim, status=SEES_CLAIM),
    # Nothing to answer on a draft: those who may answer are sent back to the claim.
    "claim-answer": Page(
        kwargs=_claim,
        status=expect(
            404,
            anonymous=302,
            member=302,
            coordinator=302,
            admin_support=302,
            finance=403,
            platform_admin=302,
        ),
        post=expect(
            404,
            anonymous=302,
            member=302,
            coordinator=302,
            admin_support=302,
            finance=403,
            platform_admin=302,
        ),
        writes=False,
    ),
    # A confirmation page; its POST removes the cost.
    "claim-line-remove": Page(kwargs=_line, status=EDITS_CLAIM, post=CHANGES_CLAIM),
    # Without a file the claim's page says what is missing.
    "claim-line-receipt": Page(
        kwargs=_line, status=POST_ONLY, post=CHANGES_CLAIM, form=_receipt_upload
    ),
    "claim-receipt": Page(kwargs=_receipt, status=SEES_RECEIPT),
    # One organisation's admin goes straight to its policy; the platform admin chooses.
    "payment-policy-index": Page(
        status=expect(403, anonymous=302, org_admin=302, platform_admin=200)
    ),
    "payment-policy": Page(
        kwargs=lambda w: {"pk": w.organisation.pk},
        status=EDITS_POLICY,
        form=fields(mileage_rate="0.40"),
    ),
    "payment-rule-add": Page(
        kwargs=lambda w: {"pk": w.organisation.pk},
        status=EDITS_POLICY,
        form=fields(
            role_level="representative", activity="board", mode="fixed_fee", fixed_fee="75"
        ),
    ),
    "payment-rule-edit": Page(
        kwargs=lambda w: {"pk": rule(w).pk}, status=EDITS_POLICY, form=fields(hourly_rate="14.00")
    ),
    # A confirmation page; its POST removes the rule.
    "payment-rule-delete": Page(
        kwargs=lambda w: {"pk": rule(w).pk}, status=EDITS_POLICY, post=redirects(EDITS_POLICY)
    ),
}
