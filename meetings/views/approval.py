"""Pages for approving claims: the queue (oldest first, with lines, receipts
and policy warnings), one claim with its history and the three decisions, and
receipts served through an access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from involvement.errors import ApplicationError
from involvement.forms.groups import apply_errors
from meetings import permissions

from ..forms.approval import ApproveForm, QueryForm, RejectForm
from ..selectors import approval as selectors
from ..services import approval as services
from ._files import uploaded_file_response

GET_POST = require_http_methods(["GET", "POST"])


def receipt_url_name() -> str:
    """Receipts open through our own access-checked view: the claimant side's
    one does not let organisation admins (who approve escalated claims) in."""
    return "approval-receipt"


@login_required
@require_GET
def approval_queue(request):
    organisations = permissions.organisations_approving_claims(request.user)
    if not permissions.can_use_expense_admin(request.user, permissions.EXPENSE_APPROVER_ROLES):
        raise PermissionDenied
    claims = selectors.approval_queue(organisations=organisations)
    context = {
        "claims": claims,
        "receipt_url": receipt_url_name(),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "meetings/approval/queue.html", context)


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
    if action in forms and forms[action].is_valid():
        form = forms[action]
        try:
            if action == "approve":
                services.claim_approve(claim=claim, by=request.user, **form.cleaned_data)
                done = "The claim is approved. Finance will pay it."
            elif action == "query":
                services.claim_query(claim=claim, by=request.user, **form.cleaned_data)
                done = "Your question has been sent. The claim comes back here when answered."
            else:
                services.claim_reject(claim=claim, by=request.user, **form.cleaned_data)
                done = "The claim is rejected. The person has been told why."
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("approval-queue")
    elif request.method == "POST" and action not in forms:
        raise Http404
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
    return render(request, "meetings/approval/claim.html", context)


@login_required
@require_GET
def approval_receipt(request, pk):
    receipt = permissions.access_receipt_for_staff(user=request.user, pk=pk)
    return uploaded_file_response(
        receipt.file, content_type=receipt.content_type, name=f"receipt-{receipt.pk}"
    )
