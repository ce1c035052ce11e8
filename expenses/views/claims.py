"""The claimant's pages: your claims, a claim (add costs with a receipt
photo), check your answers and send, answer a question, your choice about
involvement payments; coordinators' paper claims and the printable form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from expenses import permissions
from involvement import permissions as core
from involvement.errors import ApplicationError
from involvement.pdf import pdf_filename
from involvement.views.flow import act, confirm, submit
from involvement.views.pages import pdf_response, wants_large_print

from ..forms.claims import AnswerForm, ClaimLineForm, PreferenceForm, ReceiptForm
from ..models import ClaimStatus, PaymentPreference
from ..selectors import claims as selectors
from ..services import claims as services
from ..services import policy as policy_rules

GET_POST = require_http_methods(["GET", "HEAD", "POST"])

STATUS_COLOURS = {
    ClaimStatus.DRAFT: "grey",
    ClaimStatus.SUBMITTED: "blue",
    ClaimStatus.QUERIED: "yellow",
    ClaimStatus.APPROVED: "aqua-green",
    ClaimStatus.REJECTED: "red",
    ClaimStatus.PAID: "green",
}


def _site(request) -> str:
    return request.build_absolute_uri("/")[:-1]


def _claims_crumb(claim, user):
    if permissions.is_own_claim(user, claim):
        return [("Your claims", reverse("claim-list"))]
    if permissions.can_enter_claims(user, claim.organisation_id):
        return [("Paper claims", reverse("claim-paper-list"))]
    return []


def _is_question(event) -> bool:
    """An approver's question (not a change made while the claim was queried)."""
    return event.from_status == ClaimStatus.SUBMITTED and event.to_status == ClaimStatus.QUERIED


def _detail_url(claim) -> str:
    return reverse("claim-detail", kwargs={"public_id": claim.public_id})


def _detail(claim):
    return redirect(_detail_url(claim))


@login_required
@require_safe
def claim_list(request):
    """Meetings attended and not yet claimed for, the person's claims still in
    progress (all of them), and their paid and rejected claims a page at a time."""
    person = core.person_of(request.user)
    if person is None:
        to_claim, in_progress, preference, total = [], [], None, policy_rules.ZERO
        history = Paginator([], selectors.HISTORY_PAGE_SIZE).get_page(1)
    else:
        to_claim = list(selectors.claimable_invitations(person=person))
        in_progress = selectors.claims_in_progress(person=person)
        history = selectors.claim_history_page(person=person, page_number=request.GET.get("page"))
        preference = PaymentPreference.objects.filter(person=person).first()
        total = services.tax_year_involvement_total(person=person)
    for claim in [*in_progress, *history.object_list]:
        claim.colour = STATUS_COLOURS.get(claim.status, "grey")
    context = {
        "to_claim": to_claim,
        "in_progress": in_progress,
        "history": history,
        "preference": preference,
        "tax_year_total": total,
        "tax_year": policy_rules.tax_year(timezone.localdate()),
    }
    return render(request, "expenses/claims/list.html", context)


@login_required
@require_POST
def claim_start(request, pk):
    """Start a claim for an attended meeting (the person, or a coordinator
    entering a paper claim for them)."""
    invitation = permissions.access_invitation_for_claim(user=request.user, pk=pk)
    try:
        claim = services.claim_start(invitation=invitation, started_by=request.user)
    except ApplicationError as exc:
        existing = invitation.claims.first()
        if existing is not None:
            return _detail(existing)
        messages.error(request, exc.message)
        own = invitation.person.user_id == request.user.pk
        return redirect("claim-list" if own else "claim-paper-list")
    return _detail(claim)


@login_required
@GET_POST
def claim_detail(request, public_id):
    """A claim: its costs, and (while it can be changed) a form to add one."""
    claim = permissions.access_claim(user=request.user, pk=public_id)
    editable = claim.status in services.EDITABLE and permissions.can_edit_claim(request.user, claim)
    form = ClaimLineForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if done := submit(
        request,
        form,
        lambda data: services.claim_line_add(
            claim=claim,
            kind=data["kind"],
            amount=data["amount"],
            miles=data["miles"],
            reason=data["reason"],
            description=data["description"],
            receipt=data["receipt"],
            by=request.user,
        ),
        message="The cost has been added.",
        next=_detail_url(claim),
    ):
        return done
    claim = selectors.claim_get(claim=claim)
    policy = policy_rules.policy_for(claim.organisation)
    lines = list(claim.lines.all())
    events = list(claim.events.all())
    question = next((e for e in reversed(events) if _is_question(e)), None)
    context = {
        "claim": claim,
        "form": form,
        "editable": editable,
        "lines": lines,
        "events": events,
        "question": question,
        "policy": policy,
        "colour": STATUS_COLOURS.get(claim.status, "grey"),
        "expenses_total": policy_rules.expenses_total(lines),
        "total": policy_rules.claim_total(lines, claim.involvement_payment),
        "warnings": policy_rules.policy_warnings(lines=lines, policy=policy),
        "can_see_receipts": permissions.can_see_receipts(request.user, claim),
        "receipt_form": ReceiptForm(),
        "breadcrumbs": _claims_crumb(claim, request.user),
    }
    return render(request, "expenses/claims/detail.html", context)


@login_required
@GET_POST
def claim_line_remove(request, pk):
    line = permissions.access_claim_line(user=request.user, pk=pk)
    cost = f"{line.get_kind_display().lower()}, {policy_rules.money(line.amount)}"
    back = _detail_url(line.claim)
    return confirm(
        request,
        lambda: services.claim_line_remove(line=line, by=request.user),
        message="The cost has been removed.",
        next=back,
        page={
            "heading": f"Are you sure you want to remove this cost ({cost})?",
            "lines": [
                "It comes off the claim, with any receipt attached to it. "
                "You can add it again while the claim can still be changed.",
            ],
            "button": "Yes, remove the cost",
            "back_url": back,
            "back_text": "No, go back to the claim",
            "breadcrumbs": [*_claims_crumb(line.claim, request.user), ("Claim", back)],
        },
    )


@login_required
@require_POST
def claim_line_receipt(request, pk):
    line = permissions.access_claim_line(user=request.user, pk=pk)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose the photo or PDF of the receipt.")
        return _detail(line.claim)
    return act(
        request,
        lambda: services.claim_receipt_attach(
            line=line, upload=form.cleaned_data["receipt"], by=request.user
        ),
        message="The receipt has been added.",
        next=_detail_url(line.claim),
    )


@login_required
@GET_POST
def claim_check(request, public_id):
    """Check your answers, then send the claim."""
    claim = permissions.access_claim(user=request.user, pk=public_id, action="edit")
    if claim.status != ClaimStatus.DRAFT:
        return _detail(claim)
    # No form here: a refusal shows in the error summary of this page, above
    # the answers being checked, not as a message on another page.
    error = ""
    if request.method == "POST":
        try:
            services.claim_submit(claim=claim, by=request.user, site_url=_site(request))
        except ApplicationError as exc:
            error = exc.message
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("claim-sent", public_id=claim.public_id)
    claim = selectors.claim_get(claim=claim)
    policy = policy_rules.policy_for(claim.organisation)
    lines = list(claim.lines.all())
    context = {
        "claim": claim,
        "lines": lines,
        "error": error,
        "policy": policy,
        "expenses_total": policy_rules.expenses_total(lines),
        "total": policy_rules.claim_total(lines, claim.involvement_payment),
        "warnings": policy_rules.policy_warnings(lines=lines, policy=policy),
        "breadcrumbs": _claims_crumb(claim, request.user),
    }
    return render(request, "expenses/claims/check.html", context)


@login_required
@require_safe
def claim_sent(request, public_id):
    claim = permissions.access_claim(user=request.user, pk=public_id)
    policy = policy_rules.policy_for(claim.organisation)
    context = {
        "claim": claim,
        "policy": policy,
        "breadcrumbs": _claims_crumb(claim, request.user),
    }
    return render(request, "expenses/claims/sent.html", context)


@login_required
@GET_POST
def claim_answer(request, public_id):
    """Answer the approver's question and send the claim again."""
    claim = permissions.access_claim(user=request.user, pk=public_id, action="edit")
    if claim.status != ClaimStatus.QUERIED:
        messages.info(request, "There is no question waiting for an answer on this claim.")
        return _detail(claim)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if done := submit(
        request,
        form,
        lambda data: services.claim_answer_query(
            claim=claim, answer=data["answer"], by=request.user, site_url=_site(request)
        ),
        message="Thank you. Your answer has been sent with your claim.",
        next=_detail_url(claim),
    ):
        return done
    question = (
        claim.events.filter(from_status=ClaimStatus.SUBMITTED, to_status=ClaimStatus.QUERIED)
        .order_by("-at", "-id")
        .first()
    )
    context = {
        "claim": claim,
        "form": form,
        "question": question,
        "breadcrumbs": _claims_crumb(claim, request.user),
    }
    return render(request, "expenses/claims/answer.html", context)


@login_required
@GET_POST
def payment_preference(request):
    """Accept, expenses only or decline involvement payments, with the
    benefits note and where to get advice."""
    person = core.person_of(request.user)
    if person is None and request.method == "POST":
        from involvement.services.people import person_get_or_create_for_user

        person = person_get_or_create_for_user(user=request.user)
    preference = PaymentPreference.objects.filter(person=person).first() if person else None
    initial = (
        {"choice": preference.choice, "no_claim_reminders": preference.no_claim_reminders}
        if preference
        else {}
    )
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.payment_preference_set(
            person=person, choice=data["choice"], no_claim_reminders=data["no_claim_reminders"]
        ),
        message="Your choice has been saved. You can change it at any time.",
        next=reverse("claim-list"),
    ):
        return done
    advice = [
        (policy.organisation.name, policy.benefits_advice)
        for policy in (_policies_of(person) if person else [])
        if policy.benefits_advice
    ]
    context = {
        "form": form,
        "preference": preference,
        "advice": advice,
        "tax_year_total": (
            services.tax_year_involvement_total(person=person) if person else policy_rules.ZERO
        ),
        "breadcrumbs": [("Your claims", reverse("claim-list"))],
    }
    return render(request, "expenses/claims/preference.html", context)


def _policies_of(person):
    from ..models import PaymentPolicy

    organisation_ids = core.person_organisation_ids(person)
    return PaymentPolicy.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation"
    )


@login_required
@require_safe
def claim_paper_list(request):
    """Coordinators: attended meetings without a claim, to enter a paper
    claim or print a claim form."""
    if not permissions.can_enter_paper_claims(request.user):
        raise PermissionDenied
    if core.is_platform_admin(request.user):
        from involvement.models import Organisation

        organisation_ids = list(Organisation.objects.values_list("id", flat=True))
    else:
        organisation_ids = core.organisation_ids(request.user, *permissions.CLAIM_ENTRY_ROLES)
    context = {
        "invitations": list(selectors.paper_claim_invitations(organisation_ids=organisation_ids)),
        "entered": list(selectors.paper_claims_entered(organisation_ids=organisation_ids)),
    }
    return render(request, "expenses/claims/paper.html", context)


@login_required
@require_safe
def claim_form_pdf(request, pk):
    """A printable claim form, pre-filled with the meeting and the person."""
    invitation = permissions.access_invitation_for_claim(user=request.user, pk=pk)
    large_print = wants_large_print(request)
    from ..pdf import render_claim_form_pdf

    content = render_claim_form_pdf(invitation=invitation, large_print=large_print)
    name = pdf_filename(f"claim-form-{invitation.meeting.pk}", large_print=large_print)
    return pdf_response(content, name)
