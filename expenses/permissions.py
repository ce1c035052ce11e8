"""Access rules for the expenses app's own objects: claims, their lines and
receipts, payment runs, payment policies and budgets. Built on the core
(involvement.permissions); meeting attendance comes from meetings.

Views, selectors and tasks of expenses ask here. The claim actions join
`user_can` through `register_rules`, when ExpensesConfig.ready() imports this
module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from involvement.models import Organisation
from involvement.permissions import (
    Role,
    get_or_404,
    is_platform_admin,
    organisation_ids,
    organisations_visible_to,
    person_of,
    register_rules,
    roles_by_organisation,
    user_can,
)
from meetings.models import Invitation

from .models import ClaimLine, ExpenseClaim, PaymentRun, Receipt

# ---------------------------------------------------------------------------
# expenses: approval and payment (issue 6). Coordinators and organisation
# admins of an organisation approve, query and reject its submitted claims
# (organisation admins because overdue claims are escalated to them); admin
# support do not decide on money. Finance of the organisation marks approved
# claims paid and exports payment runs. Prompt-payment figures: approvers and
# finance. Budgets: coordinators, organisation admins and finance read and set
# them. Nobody approves their own claim (checked again in the service). Other
# staff of the organisation get 403; another organisation's claim, receipt or
# payment run is a 404.
# ---------------------------------------------------------------------------

EXPENSE_APPROVER_ROLES = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})
EXPENSE_FINANCE_ROLES = frozenset({Role.FINANCE})
EXPENSE_FIGURES_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES
EXPENSE_BUDGET_ROLES = EXPENSE_APPROVER_ROLES | EXPENSE_FINANCE_ROLES


def _has_expense_role(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def can_approve_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_APPROVER_ROLES)


def can_pay_claims(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FINANCE_ROLES)


def can_see_expense_figures(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_FIGURES_ROLES)


def can_manage_budgets(user, organisation_id: int) -> bool:
    return _has_expense_role(user, organisation_id, EXPENSE_BUDGET_ROLES)


def organisations_with_expense_role(user, roles) -> QuerySet:
    if is_platform_admin(user):
        return Organisation.objects.all().order_by("name")
    return Organisation.objects.filter(id__in=organisation_ids(user, *roles)).order_by("name")


def organisations_approving_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_APPROVER_ROLES)


def organisations_paying_claims(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FINANCE_ROLES)


def organisations_with_expense_figures(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_FIGURES_ROLES)


def organisations_with_budgets(user) -> QuerySet:
    return organisations_with_expense_role(user, EXPENSE_BUDGET_ROLES)


def claims_visible_to_staff(user) -> QuerySet:
    """Claims of the organisations the user has any staff role in (so other
    staff of the organisation get 403 on an action, another organisation 404)."""
    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    return ExpenseClaim.objects.filter(organisation_id__in=organisation_ids(user))


def access_claim_for_approval(*, user, pk):
    """A submitted (or decided) claim to approve, query or reject."""
    claim = get_or_404(
        claims_visible_to_staff(user).select_related(
            "organisation", "person", "meeting", "group", "approved_by"
        ),
        pk=pk,
    )
    if not can_approve_claims(user, claim.organisation_id):
        raise PermissionDenied
    return claim


def access_receipt_for_staff(*, user, pk):
    """A receipt, for the approvers and finance of the claim's organisation."""
    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to_staff(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    organisation_id = receipt.line.claim.organisation_id
    if not (can_approve_claims(user, organisation_id) or can_pay_claims(user, organisation_id)):
        raise PermissionDenied
    return receipt


def payment_runs_visible_to(user) -> QuerySet:
    if is_platform_admin(user):
        return PaymentRun.objects.all()
    return PaymentRun.objects.filter(organisation_id__in=organisation_ids(user))


def access_payment_run(*, user, pk):
    run = get_or_404(payment_runs_visible_to(user).select_related("organisation"), pk=pk)
    if not can_pay_claims(user, run.organisation_id):
        raise PermissionDenied
    return run


def access_expense_organisation(*, user, pk, check):
    """An organisation of the user's for an expenses page; `check` is one of
    the can_* predicates above (403 when it says no, 404 outside the user's
    organisations)."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not check(user, organisation.pk):
        raise PermissionDenied
    return organisation


def can_use_expense_admin(user, roles) -> bool:
    return is_platform_admin(user) or bool(organisation_ids(user, *roles))


# ---------------------------------------------------------------------------
# expenses: claims (issue 6: the claimant side and the payment policy).
# A claimant sees their own claims. Coordinators, admin support and finance of
# the organisation see its claims; coordinators and admin support enter paper
# claims for people who do not use the web. Receipts are served only to the
# claimant, and to coordinators and finance of that organisation (admin
# support sees the claim but not its receipts: 403). The organisation admin
# edits the payment policy (other staff of the organisation: 403). Another
# organisation's claim, receipt or policy is a 404.
# ---------------------------------------------------------------------------

CLAIM_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT, Role.FINANCE})
CLAIM_ENTRY_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN_SUPPORT})
RECEIPT_STAFF_ROLES = frozenset({Role.COORDINATOR, Role.FINANCE})
POLICY_ROLES = frozenset({Role.ORG_ADMIN})


def _holds(user, organisation_id: int, roles) -> bool:
    return is_platform_admin(user) or bool(
        roles_by_organisation(user).get(organisation_id, frozenset()) & roles
    )


def claims_visible_to(user) -> QuerySet:
    """The user's own claims and the claims of organisations whose claims they handle."""
    if is_platform_admin(user):
        return ExpenseClaim.objects.all()
    if not getattr(user, "is_authenticated", False):
        return ExpenseClaim.objects.none()
    condition = Q(organisation_id__in=organisation_ids(user, *CLAIM_STAFF_ROLES))
    person = person_of(user)
    if person is not None:
        condition |= Q(person=person)
    return ExpenseClaim.objects.filter(condition)


def is_own_claim(user, claim) -> bool:
    person = person_of(user)
    return person is not None and claim.person_id == person.pk


def can_enter_claims(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, CLAIM_ENTRY_ROLES)


def can_enter_paper_claims(user) -> bool:
    return is_platform_admin(user) or bool(organisation_ids(user, *CLAIM_ENTRY_ROLES))


def can_edit_claim(user, claim) -> bool:
    """The claimant, or a coordinator or admin support entering it for them."""
    return is_own_claim(user, claim) or can_enter_claims(user, claim.organisation_id)


def can_see_receipts(user, claim) -> bool:
    return is_own_claim(user, claim) or _holds(user, claim.organisation_id, RECEIPT_STAFF_ROLES)


def can_edit_payment_policy(user, organisation_id: int) -> bool:
    return _holds(user, organisation_id, POLICY_ROLES)


register_rules(
    checks={
        ("claim", "view"): lambda user, obj: True,
        ("claim", "edit"): can_edit_claim,
        ("claim", "receipts"): can_see_receipts,
    },
    kinds={"ExpenseClaim": "claim"},
)


def access_claim(*, user, pk, action="view", by="public_id"):
    """A claim by its public id (or pk with by="pk"): 404 outside the user's
    claims, 403 when seen but the action is not theirs."""
    claim = get_or_404(
        claims_visible_to(user).select_related(
            "organisation", "person", "meeting__group", "meeting__body", "group", "entered_by"
        ),
        **{by: pk},
    )
    if not user_can(user, action, claim):
        raise PermissionDenied
    return claim


def access_receipt(*, user, pk):
    receipt = get_or_404(
        Receipt.objects.filter(line__claim__in=claims_visible_to(user)).select_related(
            "line__claim"
        ),
        pk=pk,
    )
    if not can_see_receipts(user, receipt.line.claim):
        raise PermissionDenied
    return receipt


def access_claim_line(*, user, pk):
    line = get_or_404(
        ClaimLine.objects.filter(claim__in=claims_visible_to(user)).select_related(
            "claim__organisation"
        ),
        pk=pk,
    )
    if not can_edit_claim(user, line.claim):
        raise PermissionDenied
    return line


def access_invitation_for_claim(*, user, pk):
    """An attended meeting's invitation, for a paper claim or the printable
    form: the invited person, and coordinators and admin support of the
    organisation. Anyone else: 404."""
    invitation = get_or_404(
        Invitation.objects.select_related(
            "meeting__organisation", "meeting__group", "meeting__body", "person"
        ),
        pk=pk,
    )
    own = invitation.person.user_id is not None and invitation.person.user_id == user.pk
    if own or can_enter_claims(user, invitation.meeting.organisation_id):
        return invitation
    raise Http404("No invitation found")


def access_payment_policy_organisation(*, user, pk):
    """An organisation whose payment policy the user edits: its admin; other
    staff of the organisation: 403; anyone else: 404."""
    organisation = get_or_404(organisations_visible_to(user), pk=pk)
    if not can_edit_payment_policy(user, organisation.pk):
        if organisation.pk in organisation_ids(user):
            raise PermissionDenied
        raise Http404("No organisation found")
    return organisation


def organisations_editing_policy(user) -> QuerySet:
    if is_platform_admin(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=organisation_ids(user, *POLICY_ROLES))
