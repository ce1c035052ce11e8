"""Pages for approving claims: the queue (oldest first, with lines, receipts
and policy warnings), one claim with its history and the three decisions, and
receipts served through an access check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from expenses import permissions
from involvement.views.flow import submit
from meetings.views._files import uploaded_file_response

from ..forms.approval import ApproveForm, QueryForm, RejectForm
from ..selectors import approval as selectors
from ..services import approval as services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])

# The three decisions on a claim: the service that makes each, and what the
# approver is told once it is made.
DECISIONS = {
    "approve": (services.claim_approve, "The claim is approved. Finance will pay it."),
    "query": (
        services.claim_query,
        "Your question has been sent. The claim comes back here when answered.",
    ),
    "reject": (services.claim_reject, "The claim is rejected. The person has been told why."),
}


def receipt_url_name() -> str:
    """Receipts open through our own access-checked view: the claimant side's
    one does not let organisation admins (who approve escalated claims) in."""
    return "approval-receipt"


@login_required
@require_safe
def approval_queue(request):
    organisations = permissions.organisations_approving_claims(request.user)
    if not permissions.can_use_expense_admin(request.user, permissions.EXPENSE_APPROVER_ROLES):
        raise PermissionDenied
    page = selectors.approval_queue(
        organisations=organisations, page_number=request.GET.get("page")
    )
    context = {
        "page": page,
        "claims": page.object_list,
        "receipt_url": receipt_url_name(),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "expenses/approval/queue.html", context)


@login_required
@GET_POST
def approval_claim(request, pk):
    claim = permissions.access_claim_for_approval(user=request.user, pk=pk)
    own = permissions.is_own_claim(request.user, claim)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "approve": ApproveForm(request.POST if action == "approve" else None, prefix="approve"),
        "query": QueryForm(request.POST if action == "query" else None, prefix="query"),
        "reject": RejectForm(request.POST if action == "reject" else None, prefix="reject"),
    }
    if request.method == "POST" and action not in forms:
        raise Http404
    if action in forms:
        decide, message = DECISIONS[action]
        if done := submit(
            request,
            forms[action],
            lambda data: decide(claim=claim, by=request.user, **data),
            message=message,
            next=reverse("approval-queue"),
        ):
            return done
    refusal = None if own else services.approval_refusal(claim=claim, by=request.user)
    context = {
        "claim": selectors.claim_for_approval(claim=claim),
        "own": own,
        "approval_refusal": refusal.message if refusal else "",
        "approve_form": forms["approve"],
        "query_form": forms["query"],
        "reject_form": forms["reject"],
        "receipt_url": receipt_url_name(),
        "breadcrumbs": [
            ("Home", reverse("home")),
            ("Claims to approve", reverse("approval-queue")),
        ],
    }
    return render(request, "expenses/approval/claim.html", context)


@login_required
@require_safe
def approval_receipt(request, pk):
    receipt = permissions.access_receipt_for_staff(user=request.user, pk=pk)
    return uploaded_file_response(
        receipt.file, content_type=receipt.content_type, name=f"receipt-{receipt.pk}"
    )
