"""Balanced selection (coordinators): the proposal and its reasoning, the
random draw with its recorded draw number, accepting or changing the proposal
with a reason, and the reviewer and diversity statistics."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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
    """Rows for the proposal table, highest total first: reference, total, and
    why each was chosen (what it helps meet, among the highest scores, or, in
    a random draw only, chosen by the draw)."""
    helps = proposal.explanation.get("helps_meet", {})
    rows = []
    for pk in proposal.proposed:
        result = results_by_id.get(pk)
        total = result.total if result else proposal.explanation.get("totals", {}).get(str(pk))
        rows.append(
            {
                "pk": pk,
                "reference": proposal.explanation.get("references", {}).get(str(pk), pk),
                "total": total,
                "helps_meet": helps.get(str(pk), []),
                "top": pk in proposal.explanation.get("top_by_score", []),
                "drawn": proposal.mode == SelectionProposal.Mode.LOTTERY,
            }
        )
    rows.sort(key=lambda row: (_number(row["total"]) is None, -(_number(row["total"]) or 0)))
    return rows


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "", "None") else None
    except InvalidOperation:
        return None


def _choices(shortlisted) -> list[tuple[str, str]]:
    """The "Who to select" boxes: each shortlisted applicant with their total,
    highest first (vacancy_results' order)."""
    return [
        (
            str(r.application.pk),
            f"{r.application.reference}: total {r.total}"
            if r.total is not None
            else f"{r.application.reference}: not fully scored",
        )
        for r in shortlisted
    ]


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
    if proposal is not None and proposal.accepted_at is None:
        accept_form = AcceptForm(
            choices=_choices(shortlisted),
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
        "mode_label": services.mode_label(proposal.mode) if proposal else "",
        "rows": _explained(proposal, by_id) if proposal else [],
        "top_only": top_only,
        "accept_form": accept_form,
        "accepted": _accepted(proposal),
        "proposal_changed": proposal is not None
        and sorted(proposal.final or []) != sorted(proposal.proposed),
        "not_ready": services.selection_not_ready(vacancy=vacancy),
        "frozen_rerun": proposal is not None and services.rerun_uses_frozen_inputs(proposal),
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
    form = AcceptForm(request.POST, choices=_choices(shortlisted))
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
        "mode_label": services.mode_label(proposal.mode),
        "rows": _explained(proposal, by_id),
        "top_only": [],
        "accept_form": form,
        "accepted": _accepted(proposal),
        "not_ready": services.selection_not_ready(vacancy=vacancy),
        "breadcrumbs": _crumbs(vacancy),
    }
    return render(request, "recruitment/selection/vacancy.html", context)


@login_required
@require_POST
def selection_check(request, pk):
    proposal = _proposal(request, pk)
    frozen = services.rerun_uses_frozen_inputs(proposal)
    same = services.selection_check(proposal=proposal, checked_by=request.user)
    if same and frozen:
        messages.success(
            request,
            "Re-running the proposal on the scores and shortlist it was made from gives "
            "exactly the same set: it matches.",
        )
    elif same:
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
