"""Pages for finance: approved claims to pay (singly or in a batch), payment
runs and their CSV exports for the finance system."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from expenses import permissions
from involvement import audit
from involvement.views.flow import submit

from ..forms.payments import MarkPaidForm
from ..selectors import payments as selectors
from ..services import payments as services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def chosen_organisation(request, organisations, check):
    """The organisation a finance page is about: ?organisation=<id> among the
    user's, else their first."""
    wanted = request.GET.get("organisation")
    if wanted:
        if not wanted.isdigit():
            raise PermissionDenied
        return permissions.access_expense_organisation(
            user=request.user, pk=int(wanted), check=check
        )
    organisation = organisations.first()
    if organisation is None:
        raise PermissionDenied
    return organisation


def _marked_paid(run) -> str:
    count = run.claims.count()
    return f"{count} claim{'s' if count != 1 else ''} marked as paid."


@login_required
@GET_POST
def payment_list(request):
    organisations = permissions.organisations_paying_claims(request.user)
    organisation = chosen_organisation(request, organisations, permissions.can_pay_claims)
    to_pay = selectors.claims_to_pay(organisation=organisation, page_number=request.GET.get("page"))
    claims = to_pay.page.object_list
    form = MarkPaidForm(
        request.POST or None,
        claims=claims,
        payable=selectors.approved_claims(organisation=organisation),
    )
    if done := submit(
        request,
        form,
        lambda data: services.claims_mark_paid(
            organisation=organisation,
            claim_ids=[claim.pk for claim in data["claims"]],
            by=request.user,
            paid_on=data["paid_on"],
            method=data["method"],
            reference=data["reference"],
        ),
        message=_marked_paid,
        next=lambda run: reverse("payment-run-detail", kwargs={"pk": run.pk}),
    ):
        return done
    context = {
        "organisation": organisation,
        "organisations": organisations if organisations.count() > 1 else [],
        "claims": claims,
        "page": to_pay.page,
        "to_pay": to_pay,
        "query": f"organisation={organisation.pk}" if request.GET.get("organisation") else "",
        "form": form,
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "expenses/payments/list.html", context)


@login_required
@require_safe
def payment_run_list(request):
    organisations = permissions.organisations_paying_claims(request.user)
    organisation = chosen_organisation(request, organisations, permissions.can_pay_claims)
    context = {
        "organisation": organisation,
        "runs": selectors.payment_runs(organisation=organisation),
        "breadcrumbs": [("Home", reverse("home")), ("Claims to pay", reverse("payment-list"))],
    }
    return render(request, "expenses/payments/runs.html", context)


@login_required
@require_safe
def payment_run_detail(request, pk):
    run = permissions.access_payment_run(user=request.user, pk=pk)
    context = {
        "run": run,
        "claims": selectors.payment_run_claims(run=run),
        "payroll": services.payroll_routed(run.organisation),
        "breadcrumbs": [
            ("Home", reverse("home")),
            ("Claims to pay", reverse("payment-list")),
            ("Payment runs", reverse("payment-run-list")),
        ],
    }
    return render(request, "expenses/payments/run.html", context)


def _csv(request, run, *, payroll: bool) -> HttpResponse:
    content = services.payment_run_csv(run=run, payroll=payroll)
    audit.record(
        action=audit.Action.DATA_EXPORTED,
        organisation=run.organisation,
        actor=request.user,
        target=run,
        summary=f"Payment run {run.pk} ({'payroll' if payroll else 'expenses'} CSV)",
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    kind = "payroll" if payroll else "expenses"
    response["Content-Disposition"] = (
        f'attachment; filename="payment-run-{run.pk}-{run.paid_on.isoformat()}-{kind}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def payment_run_csv(request, pk):
    return _csv(request, permissions.access_payment_run(user=request.user, pk=pk), payroll=False)


@login_required
@require_safe
def payment_run_payroll_csv(request, pk):
    return _csv(request, permissions.access_payment_run(user=request.user, pk=pk), payroll=True)
