"""Coordinator pages for vacancies: create and open them, see applications
arrive (and how people heard), enter paper and phone applications, set up
the panel; and the panel member's conflict-of-interest page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import act, confirm, submit
from recruitment import permissions

from ..forms.applications import PaperApplicationForm
from ..forms.vacancies import ConflictForm, PanelAddForm, VacancyForm
from ..models import Application, PanelMember, Vacancy
from ..selectors import applications as application_selectors
from ..selectors import vacancies as selectors
from ..services import applications as application_services
from ..services import vacancies as services
from .common import crumbs, form_data

VACANCY_FIELDS = (
    "title",
    "group",
    "places",
    "opens_on",
    "closes_on",
    "scoring_deadline",
    "reviewers_per_application",
)


def _vacancy_fields(data):
    return {
        "outreach_channels": list(data["outreach_channels"]),
        **{name: data[name] for name in VACANCY_FIELDS},
    }


def _vacancy_url(vacancy):
    return reverse("vacancy-detail", kwargs={"pk": vacancy.pk})


def _panel_url(vacancy):
    return reverse("vacancy-panel", kwargs={"pk": vacancy.pk})


def _vacancy_crumbs(vacancy, *extra):
    return crumbs((vacancy.title, reverse("vacancy-detail", args=[vacancy.pk])), *extra)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_create(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    organisation = role.organisation
    form = VacancyForm(
        form_data(request),
        organisation=organisation,
        initial={"title": role.title, "group": role.group_id, "reviewers_per_application": 3},
    )
    if done := submit(
        request,
        form,
        lambda data: services.vacancy_create(role_description=role, **_vacancy_fields(data)),
        message=lambda vacancy: (
            f"{vacancy.title} has been saved as a draft. Open it when you are ready."
        ),
        next=_vacancy_url,
    ):
        return done
    context = {
        "form": form,
        "role": role,
        "breadcrumbs": crumbs((role.title, reverse("role-detail", args=[role.pk]))),
    }
    return render(request, "recruitment/vacancies/form.html", context)


@login_required
@require_safe
def vacancy_detail(request, pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk)
    vacancy = selectors.vacancy_with_details(vacancy=vacancy)
    can_manage = permissions.can_manage_recruitment(
        request.user, vacancy.role_description.organisation_id
    )
    context = {
        "vacancy": vacancy,
        "role": vacancy.role_description,
        "can_manage": can_manage,
        "accepting": services.vacancy_is_accepting(vacancy),
        "on_panel": any(member.user_id == request.user.pk for member in vacancy.panel.all()),
        "breadcrumbs": crumbs(),
    }
    if can_manage:
        counts = selectors.heard_via_counts(vacancy=vacancy)
        context.update(
            heard_via=counts,
            submitted_total=sum(n for _, n, _ in counts),
            status_counts=_status_counts(vacancy),
            public_url=request.build_absolute_uri(
                reverse("public-vacancy", args=[vacancy.public_id])
            ),
        )
    return render(request, "recruitment/vacancies/detail.html", context)


def _status_counts(vacancy) -> dict:
    """How many applications, every one counted once: being written (not
    sent), sent (by where they have got to) and withdrawn add up to the total."""
    from django.db.models import Count

    Status = Application.Status
    by_status = dict(
        vacancy.applications.values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    labels = dict(Status.choices)
    sent = [
        (labels[status], by_status[status])
        for status in Status.values
        if status not in (Status.DRAFT, Status.WITHDRAWN) and by_status.get(status)
    ]
    return {
        "total": sum(by_status.values()),
        "drafts": by_status.get(Status.DRAFT, 0),
        "sent": sum(n for _, n in sent),
        "sent_by_status": sent,
        "withdrawn": by_status.get(Status.WITHDRAWN, 0),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_edit(request, pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    organisation = vacancy.role_description.organisation
    form = VacancyForm(form_data(request), organisation=organisation, vacancy=vacancy)
    if done := submit(
        request,
        form,
        lambda data: services.vacancy_update(vacancy=vacancy, **_vacancy_fields(data)),
        message=lambda _: f"{vacancy.title} has been updated.",
        next=_vacancy_url(vacancy),
        refused_next=_vacancy_url(vacancy),
    ):
        return done
    context = {
        "form": form,
        "vacancy": vacancy,
        "role": vacancy.role_description,
        "breadcrumbs": _vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/vacancies/form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_open(request, pk):
    """Open a draft vacancy. The vacancy's page opens one with a panel at once
    (a POST); one with nobody on its panel goes through this page's warning
    first, since nobody could score the applications that arrive."""
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    has_panel = vacancy.panel.exists()
    if has_panel:
        lines = [
            "Anyone will be able to read the vacancy and apply until "
            f"{vacancy.closes_on:%-d %B %Y}.",
        ]
    else:
        lines = [
            "Nobody is on the panel yet, so nobody can score the applications that arrive.",
            "You can add the panel after opening, before the closing date. "
            "Or go back and set up the panel first.",
        ]
    return confirm(
        request,
        lambda: services.vacancy_open(vacancy=vacancy, by=request.user),
        message=f"{vacancy.title} is open. Anyone can now read it and apply.",
        next=_vacancy_url(vacancy),
        page={
            "caption": vacancy.title,
            "heading": (
                f"Open {vacancy.title} for applications?"
                if has_panel
                else f"Open {vacancy.title} with no panel?"
            ),
            "lines": lines,
            "button": "Yes, open it for applications",
            "back_url": _panel_url(vacancy) if not has_panel else _vacancy_url(vacancy),
            "back_text": "No, set up the panel first" if not has_panel else "No, go back",
            "breadcrumbs": _vacancy_crumbs(vacancy),
        },
    )


@login_required
@require_POST
def vacancy_close(request, pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    return act(
        request,
        lambda: services.vacancy_close(vacancy=vacancy, by=request.user),
        message=f"{vacancy.title} is closed to new applications.",
        next=_vacancy_url(vacancy),
    )


@login_required
@require_safe
def vacancy_applications(request, pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    applications = application_selectors.with_status_labels(
        list(application_selectors.applications_of_vacancy(vacancy=vacancy))
    )
    drafts = vacancy.applications.filter(status=Application.Status.DRAFT).count()
    context = {
        "vacancy": vacancy,
        "applications": applications,
        "drafts": drafts,
        "breadcrumbs": _vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/vacancies/applications.html", context)


@login_required
@require_safe
def vacancy_application_detail(request, pk, application_pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    application = application_selectors.application_get_for_coordinator(
        user=request.user, vacancy=vacancy, pk=application_pk
    )
    application = application_selectors.application_with_answers(application=application)
    context = {
        "vacancy": vacancy,
        "application": application,
        "questions": application_selectors.application_questions(application=application),
        "breadcrumbs": _vacancy_crumbs(
            vacancy, ("Applications", reverse("vacancy-applications", args=[vacancy.pk]))
        ),
    }
    return render(request, "recruitment/vacancies/application_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_enter(request, pk):
    """A paper or phone application, typed in by the coordinator."""
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    organisation = vacancy.role_description.organisation
    criteria = vacancy.role_description.criteria.order_by("position")
    form = PaperApplicationForm(form_data(request), criteria=criteria, organisation=organisation)
    if vacancy.status != Vacancy.Status.OPEN:
        messages.error(request, f"{vacancy.title} is not open, so applications cannot be entered.")
        return redirect("vacancy-detail", pk=vacancy.pk)
    if done := submit(
        request,
        form,
        lambda data: application_services.application_enter_on_behalf(
            vacancy=vacancy,
            entered_by=request.user,
            route=data["route"],
            person_fields=form.person_fields(),
            answers=form.answers(),
            availability=data["availability"],
            support_needed=data["support_needed"],
            heard_via=data["heard_via"],
            heard_via_other=data["heard_via_other"],
        ),
        message=lambda application: (
            f"The application from {application.person} has been entered "
            f"(reference {application.reference}) and an acknowledgement is on its way."
        ),
        next=reverse("vacancy-applications", kwargs={"pk": vacancy.pk}),
    ):
        return done
    context = {
        "form": form,
        "vacancy": vacancy,
        "breadcrumbs": _vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/vacancies/enter_application.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_panel(request, pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    candidates = services.panel_candidates(vacancy).exclude(panel_places__vacancy=vacancy)
    form = PanelAddForm(form_data(request), candidates=candidates)
    if done := submit(
        request,
        form,
        lambda data: services.panel_member_add(vacancy=vacancy, user=data["user"], by=request.user),
        message=lambda member: f"{member.user} has been added to the panel.",
        next=_panel_url(vacancy),
    ):
        return done
    panel = (
        PanelMember.objects.filter(vacancy=vacancy)
        .select_related("user")
        .prefetch_related("conflicts")
        .order_by("added_at")
    )
    context = {
        "form": form,
        "vacancy": vacancy,
        "panel": panel,
        "breadcrumbs": _vacancy_crumbs(vacancy),
    }
    return render(request, "recruitment/vacancies/panel.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def panel_member_remove(request, pk, member_pk):
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="manage")
    member = core.get_or_404(
        PanelMember.objects.filter(vacancy=vacancy).select_related("user", "vacancy"),
        pk=member_pk,
    )
    return confirm(
        request,
        lambda: services.panel_member_remove(panel_member=member, by=request.user),
        message=f"{member.user} has been taken off the panel.",
        next=_panel_url(vacancy),
        page={
            "caption": vacancy.title,
            "heading": f"Are you sure you want to remove {member.user} from the panel?",
            "lines": [
                f"{member.user} will no longer see or score the applications for this vacancy.",
                "You can add them to the panel again later.",
            ],
            "button": "Yes, remove them from the panel",
            "back_url": _panel_url(vacancy),
            "back_text": "No, go back to the panel",
            "breadcrumbs": _vacancy_crumbs(vacancy, ("Panel", _panel_url(vacancy))),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def panel_conflicts(request, pk):
    """A panel member declares the applicants they know, before scoring. The
    form submits an opaque token, never an id or a reference, and the
    confirmation names nobody: a conflicted application simply leaves the
    reviewer's list (and goes to another reviewer). Once they start scoring
    the names are no longer shown and nothing more can be declared here."""
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="declare_conflicts")
    member = PanelMember.objects.get(vacancy=vacancy, user=request.user)
    declared = list(member.conflicts.select_related("application__person"))
    started = member.scoring_started_at is not None
    choices = [] if started else selectors.conflict_choices(panel_member=member)
    form = ConflictForm(form_data(request), choices=choices)
    conflicts_url = reverse("panel-conflicts", kwargs={"pk": vacancy.pk})
    if request.method == "POST" and started:
        messages.error(request, services.DECLARATIONS_CLOSED)
        return redirect(conflicts_url)

    def declare(data):
        try:
            return services.conflicts_declare(
                panel_member=member, conflicts={data["application"].pk: data["reason"]}
            )
        except ValidationError as error:  # about the one applicant chosen: beside the reason
            raise ValidationError({"reason": error.messages}) from error

    if done := submit(
        request,
        form,
        declare,
        message="Thank you. You will not be asked to score that applicant.",
        next=conflicts_url,
        refused_next=conflicts_url,
    ):
        return done
    context = {
        "form": form,
        "vacancy": vacancy,
        "declared": declared,
        "has_applicants": bool(choices),
        "started_at": member.scoring_started_at,
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "recruitment/vacancies/conflicts.html", context)


@login_required
@require_POST
def panel_start_scoring(request, pk):
    """The panel member has named everyone they know: show them their list."""
    vacancy = permissions.access_vacancy(user=request.user, pk=pk, action="declare_conflicts")
    member = PanelMember.objects.get(vacancy=vacancy, user=request.user)
    if member.scoring_started_at is None:
        services.panel_member_start_scoring(panel_member=member)
        messages.success(request, "Thank you. You can now score the applications given to you.")
    return redirect("scoring-vacancy", pk=vacancy.pk)
