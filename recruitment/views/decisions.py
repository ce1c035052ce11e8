"""Decisions with reasons (coordinators), offers to the reserve list, and the
applicant's own feedback page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from involvement import permissions as core
from involvement.views.flow import submit
from recruitment import permissions
from recruitment.forms.decisions import DecisionForm, DecisionsForm, ReserveOfferForm
from recruitment.models import Application
from recruitment.selectors.scoring import DECIDED_STATUSES, application_result, vacancy_results
from recruitment.services import decisions as services
from recruitment.services.selection import accepted_proposal

from .scoring import vacancy_crumbs


def _scores_url(application):
    return reverse("scores-application", kwargs={"pk": application.pk})


def _crumbs(application):
    return [
        *vacancy_crumbs(application.vacancy),
        (application.reference, reverse("scores-application", kwargs={"pk": application.pk})),
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_record(request, pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    proposal = accepted_proposal(vacancy=application.vacancy)
    suggested = None
    if proposal is not None and application.status == Application.Status.SHORTLISTED:
        suggested = (
            Application.Status.SELECTED
            if application.pk in proposal.final
            else Application.Status.RESERVE
        )
    form = DecisionForm(request.POST or None, initial={"outcome": suggested})
    if done := submit(
        request,
        form,
        lambda data: services.application_decide(
            application=application,
            outcome=data["outcome"],
            reason=data["reason"],
            decided_by=request.user,
        ),
        message=(
            f"The decision for {application.reference} is recorded and the letter is on its way."
        ),
        next=_scores_url(application),
    ):
        return done
    context = {
        "application": application,
        "form": form,
        "conversation": getattr(application, "conversation", None),
        "proposal": proposal,
        "suggested": suggested,
        "decided": application.status in DECIDED_STATUSES,
        "breadcrumbs": _crumbs(application),
    }
    return render(request, "recruitment/decisions/decide.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decisions_vacancy(request, pk):
    """Every undecided applicant of the vacancy on one page, highest total
    first, each with a decision and a reason, saved together. Once a
    selection is accepted, its choices are suggested (selected, else reserve)."""
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    results = vacancy_results(
        vacancy=vacancy, statuses=[Application.Status.SUBMITTED, Application.Status.SHORTLISTED]
    )
    proposal = accepted_proposal(vacancy=vacancy)
    suggested = {}
    if proposal is not None:
        for result in results:
            if result.application.status == Application.Status.SHORTLISTED:
                suggested[result.application.pk] = (
                    Application.Status.SELECTED
                    if result.application.pk in proposal.final
                    else Application.Status.RESERVE
                )
    form = DecisionsForm(
        request.POST if request.method == "POST" else None,  # an empty POST still says why
        applications=[r.application for r in results],
        suggested=suggested,
    )
    if done := submit(
        request,
        form,
        lambda data: services.decisions_record(
            vacancy=vacancy, decisions=form.decisions(), decided_by=request.user
        ),
        message=lambda decided: (
            f"{len(decided)} decision{'s' if len(decided) != 1 else ''} recorded. "
            "The letters are on their way."
        ),
        next=reverse("decisions-vacancy", kwargs={"pk": vacancy.pk}),
    ):
        return done
    totals = {r.application.pk: r.total for r in results}
    rows = [
        {
            "application": application,
            "total": totals.get(application.pk),
            "in_selection": proposal is not None and application.pk in proposal.final,
            "conversation": getattr(application, "conversation", None),
            "outcome": outcome,
            "reason": reason,
        }
        for application, outcome, reason in form.rows()
    ]
    context = {
        "vacancy": vacancy,
        "form": form,
        "rows": rows,
        "proposal": proposal,
        "breadcrumbs": vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/decisions/vacancy.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reserve_offer(request, pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    form = ReserveOfferForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.reserve_offer_place(
            application=application, reason=data["reason"], offered_by=request.user
        ),
        message=f"{application.reference} has been offered a place.",
        next=_scores_url(application),
    ):
        return done
    context = {"application": application, "form": form, "breadcrumbs": _crumbs(application)}
    return render(request, "recruitment/decisions/reserve_offer.html", context)


@login_required
@require_safe
def applicant_feedback(request, pk):
    """The applicant's decision with reasons, and per criterion the agreed
    score with the panel's comments (no reviewer names). Their own only."""
    application = permissions.access_application_feedback(user=request.user, pk=pk)
    decided = application.status in DECIDED_STATUSES
    result = application_result(application=application) if decided else None
    context = {
        "application": application,
        "decided": decided,
        "result": result,
        "breadcrumbs": [
            ("Home", reverse("home")),
            ("My applications", reverse("my-applications")),
            (
                application.vacancy.title,
                reverse("application-detail", kwargs={"pk": application.pk}),
            ),
        ],
    }
    return render(request, "recruitment/decisions/feedback.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def retention_settings(request, org_pk):
    """How long unsuccessful applications keep names and answers (per organisation)."""
    from django.core.exceptions import PermissionDenied

    from recruitment.forms.decisions import RetentionForm

    organisation = core.get_or_404(core.organisations_visible_to(request.user), pk=org_pk)
    if not permissions.can_manage_recruitment(request.user, organisation.pk):
        raise PermissionDenied
    form = RetentionForm(
        request.POST or None,
        initial={"retention_days": services.retention_days_for(organisation)},
    )
    if done := submit(
        request,
        form,
        lambda data: services.recruitment_settings_update(
            organisation=organisation,
            retention_days=data["retention_days"],
            updated_by=request.user,
        ),
        message="The retention period is saved.",
        next=reverse("recruitment-retention", kwargs={"org_pk": organisation.pk}),
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "recruitment/decisions/retention.html", context)
