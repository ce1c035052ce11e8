"""Scoring pages. Reviewers (the vacancy's panel) score blind: these pages
load and show only application references and answers, never the person.
Coordinators see the open aggregation, moderate, shortlist and record the
informal conversation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import audit
from involvement.errors import ApplicationError
from involvement.views.flow import submit
from recruitment import permissions
from recruitment.forms.scoring import (
    ConversationForm,
    CriterionScoresForm,
    ModerationForm,
    ShortlistForm,
    guide_for,
    radio_options,
)
from recruitment.models import Criterion
from recruitment.selectors import scoring as selectors
from recruitment.services import scoring as services


def _refused(request, exc: PermissionDenied):
    """A 403 that says why (for example a declared conflict of interest)."""
    return render(
        request,
        "recruitment/scoring/refused.html",
        {"message": str(exc) or "You cannot see this page."},
        status=403,
    )


def _reviewer_crumbs(vacancy=None):
    crumbs = [("Home", reverse("home")), ("Reviews", reverse("scoring-index"))]
    if vacancy is not None:
        crumbs.append((vacancy.title, reverse("scoring-vacancy", kwargs={"pk": vacancy.pk})))
    return crumbs


def _reviewer_access(request, pk):
    return permissions.access_vacancy_for_scoring(user=request.user, pk=pk)


def _name_applicants_first(request, pk, exc):
    """A reviewer names the applicants they know before they see any application."""
    messages.info(request, str(exc))
    return redirect("panel-conflicts", pk=pk)


# --- Reviewers ------------------------------------------------------------------


@login_required
@require_safe
def scoring_index(request):
    places = selectors.vacancies_reviewed_by(user=request.user)
    return render(
        request,
        "recruitment/scoring/index.html",
        {"places": places, "breadcrumbs": [("Home", reverse("home"))]},
    )


@login_required
@require_safe
def scoring_vacancy(request, pk):
    try:
        vacancy, panel_member = _reviewer_access(request, pk)
    except permissions.NameApplicantsYouKnowFirst as exc:
        return _name_applicants_first(request, pk, exc)
    except PermissionDenied as exc:
        return _refused(request, exc)
    overview = selectors.reviewer_overview(panel_member=panel_member)
    context = {
        "vacancy": vacancy,
        "progress": overview.progress,
        "applications": overview.applications,
        "to_score": overview.to_score,
        "scored": overview.scored,
        "breadcrumbs": _reviewer_crumbs(),
    }
    return render(request, "recruitment/scoring/vacancy.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scoring_question(request, pk, criterion_pk):
    try:
        vacancy, panel_member = _reviewer_access(request, pk)
    except permissions.NameApplicantsYouKnowFirst as exc:
        return _name_applicants_first(request, pk, exc)
    except PermissionDenied as exc:
        return _refused(request, exc)
    criterion = get_object_or_404(
        Criterion, pk=criterion_pk, role_description_id=vacancy.role_description_id
    )
    rows = selectors.criterion_rows_for_reviewer(panel_member=panel_member, criterion=criterion)
    form = CriterionScoresForm(request.POST or None, criterion=criterion, rows=rows)
    criteria = selectors.criteria_of(vacancy)
    index = [c.pk for c in criteria].index(criterion.pk)
    # "Save and go to the next question" saves first: moving on never drops
    # scores typed on this page.
    goes_to = criterion
    if request.POST.get("then") == "next" and index + 1 < len(criteria):
        goes_to = criteria[index + 1]
    elif request.POST.get("then") == "previous" and index > 0:
        goes_to = criteria[index - 1]
    if done := submit(
        request,
        form,
        lambda data: services.scores_record(
            panel_member=panel_member, criterion=criterion, entries=form.entries()
        ),
        message=lambda saved: (
            f"{len(saved)} score{'s' if len(saved) != 1 else ''} saved for “{criterion.title}”."
        ),
        next=reverse("scoring-question", kwargs={"pk": vacancy.pk, "criterion_pk": goes_to.pk}),
    ):
        return done
    context = {
        "vacancy": vacancy,
        "criterion": criterion,
        "form": form,
        "rows": form.bound_rows(),
        "guide": guide_for(criterion),
        "previous": criteria[index - 1] if index > 0 else None,
        "next": criteria[index + 1] if index + 1 < len(criteria) else None,
        "breadcrumbs": _reviewer_crumbs(vacancy),
    }
    return render(request, "recruitment/scoring/question.html", context)


@login_required
@require_safe
def scoring_application(request, pk, handle):
    """One application's answers, the reviewer's own scores, and the other
    reviewers' scores for each criterion the reviewer has scored themselves.
    Named by the reviewer's own handle for it, never its id."""
    try:
        vacancy, panel_member = _reviewer_access(request, pk)
    except permissions.NameApplicantsYouKnowFirst as exc:
        return _name_applicants_first(request, pk, exc)
    except PermissionDenied as exc:
        return _refused(request, exc)
    application = permissions.access_application_for_review(
        user=request.user, panel_member=panel_member, handle=handle
    )
    rows = selectors.application_rows_for_reviewer(
        panel_member=panel_member, application=application
    )
    context = {
        "vacancy": vacancy,
        "application": application,
        "rows": rows,
        "breadcrumbs": _reviewer_crumbs(vacancy),
    }
    return render(request, "recruitment/scoring/application.html", context)


# --- Coordinators ------------------------------------------------------------------


def vacancy_crumbs(vacancy, *, scores=True):
    """Home › Recruitment › the vacancy (› Scores): back to the set-up pages."""
    crumbs = [
        ("Home", reverse("home")),
        ("Recruitment", reverse("recruitment-home")),
        (vacancy.title, reverse("vacancy-detail", kwargs={"pk": vacancy.pk})),
    ]
    if scores:
        crumbs.append(("Scores", reverse("scores-vacancy", kwargs={"pk": vacancy.pk})))
    return crumbs


def _scores_url(application):
    return reverse("scores-application", kwargs={"pk": application.pk})


def _coordinator_crumbs(vacancy, *extra):
    return [*vacancy_crumbs(vacancy), *extra]


@login_required
@require_safe
def scores_vacancy(request, pk):
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    scores = selectors.vacancy_scores_page(vacancy=vacancy, page_number=request.GET.get("page"))
    results = scores.page.object_list
    audit.record(
        action=audit.Action.BLIND_REVIEW_OPENED,
        organisation=vacancy.role_description.organisation,
        actor=request.user,
        target=vacancy,
        summary=f"Applicants' names with their scores, vacancy {vacancy.pk}",
    )
    from recruitment.services.selection import accepted_proposal

    proposal = accepted_proposal(vacancy=vacancy)
    for result in results:
        result.outcome = _outcome(result.application, proposal)
    context = {
        "vacancy": vacancy,
        "criteria": scores.criteria,
        "results": results,
        "page": scores.page,
        "accepted_proposal": proposal,
        "flagged": scores.flagged,
        "panel_size": (panel_size := vacancy.panel.count()),
        "panel_too_small": services.panel_too_small(vacancy=vacancy, panel_size=panel_size),
        "breadcrumbs": vacancy_crumbs(vacancy, scores=False),
    }
    return render(request, "recruitment/scoring/overview.html", context)


def _outcome(application, proposal) -> str:
    """Where the applicant stands: their decision once recorded; once a
    selection is accepted, whether they are in it; else the status."""
    Status = application.Status
    if application.status in selectors.DECIDED_STATUSES or proposal is None:
        return application.get_status_display()
    if application.status == Status.SHORTLISTED:
        if application.pk in (proposal.final or []):
            return "In the accepted selection: decision to record"
        return "Not in the accepted selection: decision to record"
    return application.get_status_display()


@login_required
@require_POST
def scores_assign(request, pk):
    """Share the applications out; refused while the panel is smaller than
    the number of reviewers each application needs."""
    vacancy = permissions.access_vacancy_for_selection(user=request.user, pk=pk)
    try:
        report = services.reviews_share_out(vacancy=vacancy, assigned_by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("scores-vacancy", pk=vacancy.pk)
    text = f"{report.added} review{'s' if report.added != 1 else ''} assigned."
    if report.removed:
        text += f" {report.removed} removed because of a conflict of interest."
    messages.success(request, text)
    if report.short:
        messages.warning(
            request,
            f"Not enough reviewers for {', '.join(report.short)}: a reviewer who knows the "
            "applicant cannot score them. Add panel members so each application has "
            f"{vacancy.reviewers_per_application}.",
        )
    return redirect("scores-vacancy", pk=vacancy.pk)


def _application_page(request, application, *, shortlist_form=None, status=200):
    from recruitment.services.selection import accepted_proposal

    result = selectors.application_result(application=application)
    proposal = accepted_proposal(vacancy=application.vacancy)
    context = {
        "vacancy": application.vacancy,
        "application": application,
        "result": result,
        "conversation": getattr(application, "conversation", None),
        "shortlist_form": shortlist_form or ShortlistForm(),
        "in_accepted_proposal": proposal is not None and application.pk in proposal.final,
        "proposal": proposal,
        "breadcrumbs": _coordinator_crumbs(application.vacancy),
    }
    return render(request, "recruitment/scoring/application_scores.html", context, status=status)


@login_required
@require_safe
def scores_application(request, pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    audit.record(
        action=audit.Action.BLIND_REVIEW_OPENED,
        organisation=application.vacancy.role_description.organisation,
        actor=request.user,
        target=application,
        summary=f"Applicant's name with their scores, application {application.reference}",
    )
    return _application_page(request, application)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scores_moderate(request, pk, criterion_pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    criterion = get_object_or_404(
        Criterion, pk=criterion_pk, role_description_id=application.vacancy.role_description_id
    )
    result = next(
        c
        for c in selectors.application_result(application=application).criteria
        if c.criterion.pk == criterion.pk
    )
    form = ModerationForm(request.POST or None, criterion=criterion)
    if done := submit(
        request,
        form,
        lambda data: services.score_moderate(
            application=application,
            criterion=criterion,
            score=int(data["score"]),
            reason=data["reason"],
            moderated_by=request.user,
        ),
        message=f"The agreed score for “{criterion.title}” is recorded.",
        next=_scores_url(application),
    ):
        return done
    context = {
        "application": application,
        "criterion": criterion,
        "result": result,
        "form": form,
        "options": radio_options(form["score"], guide_for(criterion)),
        "breadcrumbs": _coordinator_crumbs(
            application.vacancy,
            (application.reference, reverse("scores-application", kwargs={"pk": application.pk})),
        ),
    }
    return render(request, "recruitment/scoring/moderate.html", context)


@login_required
@require_POST
def scores_shortlist(request, pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    form = ShortlistForm(request.POST)
    if done := submit(
        request,
        form,
        lambda data: services.application_shortlist(
            application=application, reason=data["reason"], shortlisted_by=request.user
        ),
        message=f"{application.reference} is on the shortlist.",
        next=_scores_url(application),
    ):
        return done
    return _application_page(request, application, shortlist_form=form, status=200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def conversation_record(request, pk):
    application = permissions.access_application_for_selection(user=request.user, pk=pk)
    existing = getattr(application, "conversation", None)
    form = ConversationForm(request.POST or None, initial=ConversationForm.initial_from(existing))
    if done := submit(
        request,
        form,
        lambda data: services.conversation_record(
            application=application,
            held_on=data["held_on"],
            mode=data["mode"],
            notes=data["notes"],
            match_confirmed=form.match_confirmed(),
            support_agreed=data["support_agreed"],
            held_by=request.user,
        ),
        message=f"The conversation with {application.reference} is recorded.",
        next=_scores_url(application),
    ):
        return done
    context = {
        "application": application,
        "form": form,
        "breadcrumbs": _coordinator_crumbs(
            application.vacancy,
            (application.reference, reverse("scores-application", kwargs={"pk": application.pk})),
        ),
    }
    return render(request, "recruitment/scoring/conversation.html", context)
