"""Coordinator pages: the recruitment overview, role descriptions with their
person specification, outreach channels and the signposting directory."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from involvement import permissions as core
from involvement.views.flow import act, confirm, submit
from recruitment import permissions

from ..forms.roles import CriterionForm, OutreachChannelForm, RoleDescriptionForm, SignpostForm
from ..models import OutreachChannel
from ..selectors import roles as selectors
from ..selectors import vacancies as vacancy_selectors
from ..services import roles as services
from .common import crumbs, form_data

CRITERION_FIELDS = ("title", "question", "essential", "weight", "max_score", "pass_mark")


def _role_fields(data):
    return {name: data[name] for name in services.ROLE_FIELDS}


def _signpost_fields(data):
    return {name: data[name] for name in services.SIGNPOST_FIELDS}


def _role_url(role):
    return reverse("role-detail", kwargs={"pk": role.pk})


def _signposts_url(organisation):
    return reverse("signpost-list", kwargs={"org_pk": organisation.pk})


@login_required
@require_safe
def recruitment_home(request):
    if not permissions.can_use_recruitment(request.user):
        raise PermissionDenied
    roles = list(selectors.role_description_list_visible_to(user=request.user))
    vacancies = list(vacancy_selectors.vacancy_list_visible_to(user=request.user))
    organisations = list(permissions.organisations_managing_recruitment(request.user))
    context = {
        "roles": roles,
        "vacancies": vacancies,
        "organisations": organisations,
        "can_manage": bool(organisations),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "recruitment/roles/home.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def role_create(request):
    organisations = permissions.organisations_managing_recruitment(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = RoleDescriptionForm(form_data(request), organisations=organisations)
    if done := submit(
        request,
        form,
        lambda data: services.role_description_create(
            organisation=form.organisation, **_role_fields(data)
        ),
        message=lambda role: (
            f"{role.title} has been saved. Now add the criteria applicants are scored on."
        ),
        next=_role_url,
    ):
        return done
    context = {"form": form, "breadcrumbs": crumbs()}
    return render(request, "recruitment/roles/form.html", context)


@login_required
@require_safe
def role_detail(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk)
    role = selectors.role_description_with_criteria(role_description=role)
    criteria = [(c, selectors.scoring_guide_rows(c)) for c in role.criteria.all()]
    context = {
        "role": role,
        "criteria": criteria,
        "locked": services.criteria_locked(role),
        "can_manage": permissions.can_manage_recruitment(request.user, role.organisation_id),
        "vacancies": role.vacancies.order_by("-opens_on"),
        "breadcrumbs": crumbs(),
    }
    return render(request, "recruitment/roles/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def role_edit(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    form = RoleDescriptionForm(form_data(request), instance=role)
    if done := submit(
        request,
        form,
        lambda data: services.role_description_update(role_description=role, **_role_fields(data)),
        message=lambda _: f"{role.title} has been updated.",
        next=_role_url(role),
    ):
        return done
    context = {
        "form": form,
        "role": role,
        "breadcrumbs": crumbs((role.title, reverse("role-detail", args=[role.pk]))),
    }
    return render(request, "recruitment/roles/form.html", context)


def _criterion_page(request, role, criterion=None):
    if services.criteria_locked(role):
        messages.error(
            request,
            "The person specification cannot be changed once a vacancy for this role has "
            "opened. Write a new role description for the next round.",
        )
        return redirect("role-detail", pk=role.pk)
    form = CriterionForm(form_data(request), instance=criterion)

    def save(data):
        fields = {name: data[name] for name in CRITERION_FIELDS}
        if criterion is None:
            return services.criterion_create(
                role_description=role, scoring_guide=form.guide(), **fields
            )
        services.criterion_update(criterion=criterion, scoring_guide=form.guide(), **fields)
        return criterion

    if done := submit(
        request,
        form,
        save,
        message=lambda saved: f"The criterion {saved.title} has been saved.",
        next=_role_url(role),
        refused_next=_role_url(role),
    ):
        return done
    context = {
        "form": form,
        "role": role,
        "criterion": criterion,
        "breadcrumbs": crumbs((role.title, reverse("role-detail", args=[role.pk]))),
    }
    return render(request, "recruitment/roles/criterion_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criterion_create(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    return _criterion_page(request, role)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criterion_edit(request, pk, criterion_pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    criterion = selectors.criterion_get(role_description=role, pk=criterion_pk)
    return _criterion_page(request, role, criterion)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criterion_delete(request, pk, criterion_pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    criterion = selectors.criterion_get(role_description=role, pk=criterion_pk)
    return confirm(
        request,
        lambda: services.criterion_delete(criterion=criterion),
        message=f"The criterion {criterion.title} has been removed.",
        next=_role_url(role),
        page={
            "caption": role.title,
            "heading": f"Are you sure you want to remove the criterion “{criterion.title}”?",
            "lines": [
                "Its question will no longer be asked of applicants, and applications "
                "will not be scored against it.",
            ],
            "button": "Yes, remove the criterion",
            "back_url": _role_url(role),
            "back_text": "No, go back to the role",
            "breadcrumbs": crumbs((role.title, _role_url(role))),
        },
    )


# --- Organisation lists: outreach channels and signposts -------------------


def _organisation(request, org_pk):
    return core.access_organisation(user=request.user, pk=org_pk, action="manage_recruitment")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outreach_channels(request, org_pk):
    organisation = _organisation(request, org_pk)
    services.outreach_channels_ensure_defaults(organisation=organisation)
    form = OutreachChannelForm(form_data(request))
    if done := submit(
        request,
        form,
        lambda data: services.outreach_channel_create(organisation=organisation, name=data["name"]),
        message=lambda channel: f"{channel.name} has been added.",
        next=reverse("outreach-channels", kwargs={"org_pk": organisation.pk}),
    ):
        return done
    context = {
        "organisation": organisation,
        "channels": selectors.outreach_channels_of(organisation=organisation),
        "form": form,
        "breadcrumbs": crumbs(),
    }
    return render(request, "recruitment/roles/outreach.html", context)


@login_required
@require_POST
def outreach_channel_toggle(request, org_pk, pk):
    organisation = _organisation(request, org_pk)
    channel = core.get_or_404(OutreachChannel.objects.filter(organisation=organisation), pk=pk)
    return act(
        request,
        lambda: services.outreach_channel_set_active(channel=channel, active=not channel.active),
        message=lambda _: (
            f"{channel.name} is {'offered again' if channel.active else 'no longer offered'} "
            "on new vacancies."
        ),
        next=reverse("outreach-channels", kwargs={"org_pk": organisation.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def signpost_list(request, org_pk):
    organisation = _organisation(request, org_pk)
    form = SignpostForm(form_data(request))
    if done := submit(
        request,
        form,
        lambda data: services.signpost_create(organisation=organisation, **_signpost_fields(data)),
        message=lambda entry: f"{entry.name} has been added to the signposting list.",
        next=_signposts_url(organisation),
    ):
        return done
    context = {
        "organisation": organisation,
        "signposts": selectors.signposts_of(organisation=organisation),
        "form": form,
        "breadcrumbs": crumbs(),
    }
    return render(request, "recruitment/roles/signposts.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def signpost_edit(request, org_pk, pk):
    organisation = _organisation(request, org_pk)
    entry = core.get_or_404(selectors.signposts_of(organisation=organisation), pk=pk)
    form = SignpostForm(form_data(request), instance=entry)
    if done := submit(
        request,
        form,
        lambda data: services.signpost_update(entry=entry, **_signpost_fields(data)),
        message=lambda _: f"{entry.name} has been updated.",
        next=_signposts_url(organisation),
    ):
        return done
    context = {
        "organisation": organisation,
        "entry": entry,
        "form": form,
        "breadcrumbs": crumbs(("Signposting", reverse("signpost-list", args=[organisation.pk]))),
    }
    return render(request, "recruitment/roles/signpost_form.html", context)
