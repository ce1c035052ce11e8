"""Balanced selection (coordinators): the proposal and its reasoning, the
stratified lottery with its recorded seed, accepting or changing the proposal
with a reason, and the reviewer and diversity statistics."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement.permissions import get_or_404
from involvement.views.flow import submit
from recruitment import permissions
from recruitment.forms.decisions import AcceptForm, ProposeForm
from recruitment.models import Application, SelectionProposal
from recruitment.selectors import statistics
from recruitment.selectors.scoring import vacancy_results
from recruitment.services import selection as services

from .scoring import vacancy_crumbs


def _crumbs(vacancy):
    return vacancy_crumbs(vacancy)


def _explained(proposal: SelectionProposal, results_by_id) -> list[dict]:
    """Rows for the proposal table: reference, total, what each choice helps meet."""
    helps = proposal.explanation.get("helps_meet", {})
    rows = []
    for pk in proposal.proposed:
        result = results_by_id.get(pk)
        rows.append(
            {
                "pk": pk,
                "reference": proposal.explanation.get("references", {}).get(str(pk), pk),
                "total": result.total
                if result
                else proposal.explanation.get("totals", {}).get(str(pk)),
                "helps_meet": helps.get(str(pk), []),
                "top": pk in proposal.explanation.get("top_by_score", []),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def selection_vacancy(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    form = ProposeForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.selection_propose(
            vacancy=vacancy, mode=data["mode"], seed=data["seed"], created_by=request.user
        ),
        message="The proposal is ready: check the reasoning below.",
        next=reverse("selection-vacancy", kwargs={"pk": vacancy.pk}),
    ):
        return done
    shortlisted = vacancy_results(vacancy=vacancy, statuses=[Application.Status.SHORTLISTED])
    by_id = {r.application.pk: r for r in shortlisted}
    proposal = (
        SelectionProposal.objects.filter(vacancy=vacancy).select_related("created_by").first()
    )
    accept_form = None
    if proposal is not None:
        accept_form = AcceptForm(
            choices=[(str(r.application.pk), r.application.reference) for r in shortlisted],
            initial={"final": [str(pk) for pk in (proposal.final or proposal.proposed)]},
        )
    top_only = []
    if proposal is not None:
        top_only = [
            proposal.explanation.get("references", {}).get(str(pk), pk)
            for pk in proposal.explanation.get("top_by_score", [])
            if pk not in proposal.proposed
        ]
    context = {
        "vacancy": vacancy,
        "form": form,
        "shortlisted": shortlisted,
        "proposal": proposal,
        "rows": _explained(proposal, by_id) if proposal else [],
        "top_only": top_only,
        "accept_form": accept_form,
        "accepted": _accepted(proposal),
        "breadcrumbs": _crumbs(vacancy),
    }
    return render(request, "recruitment/selection/vacancy.html", context)


def _accepted(proposal) -> list[Application]:
    """The applications of an accepted proposal's final set, in its order."""
    if proposal is None or proposal.accepted_at is None:
        return []
    applications = Application.objects.in_bulk(proposal.final)
    return [applications[pk] for pk in proposal.final if pk in applications]


def _proposal(request, pk) -> SelectionProposal:
    proposal = get_or_404(
        SelectionProposal.objects.filter(
            vacancy__in=permissions.vacancies_visible_to(request.user)
        ).select_related("vacancy__role_description__organisation"),
        pk=pk,
    )
    permissions.access_vacancy_for_selection(user=request.user, pk=proposal.vacancy_id)
    return proposal


@login_required
@require_POST
def selection_accept(request, pk):
    proposal = _proposal(request, pk)
    vacancy = proposal.vacancy
    shortlisted = vacancy_results(vacancy=vacancy, statuses=[Application.Status.SHORTLISTED])
    form = AcceptForm(
        request.POST,
        choices=[(str(r.application.pk), r.application.reference) for r in shortlisted],
    )
    if done := submit(
        request,
        form,
        lambda data: services.selection_accept(
            proposal=proposal,
            final=form.final_ids(),
            reason=data["reason"],
            accepted_by=request.user,
        ),
        message="The selection is accepted. Now record each applicant's decision, with the reason.",
        next=reverse("scores-vacancy", kwargs={"pk": vacancy.pk}),
    ):
        return done
    by_id = {r.application.pk: r for r in shortlisted}
    context = {
        "vacancy": vacancy,
        "form": ProposeForm(),
        "shortlisted": shortlisted,
        "proposal": proposal,
        "rows": _explained(proposal, by_id),
        "top_only": [],
        "accept_form": form,
        "breadcrumbs": _crumbs(vacancy),
    }
    return render(request, "recruitment/selection/vacancy.html", context)


@login_required
@require_POST
def selection_check(request, pk):
    proposal = _proposal(request, pk)
    same = services.selection_check(proposal=proposal, checked_by=request.user)
    if same:
        messages.success(request, "Re-running the proposal gives exactly the same set.")
    else:
        messages.warning(
            request,
            "Re-running the proposal now gives a different set, because the shortlist or the "
            "scores have changed since. This check is in the audit trail.",
        )
    return redirect("selection-vacancy", pk=proposal.vacancy_id)


@login_required
@require_safe
def statistics_vacancy(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    reviewers, panel = statistics.reviewer_statistics(vacancy=vacancy)
    factors, stages = statistics.diversity_by_stage(vacancy=vacancy)
    context = {
        "vacancy": vacancy,
        "reviewers": reviewers,
        "panel": panel,
        "factors": factors,
        "stages": stages,
        "minimum_count": statistics.MINIMUM_COUNT,
        "breadcrumbs": _crumbs(vacancy),
    }
    return render(request, "recruitment/selection/statistics.html", context)
