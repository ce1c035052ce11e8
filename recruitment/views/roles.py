"""Coordinator pages: the recruitment overview, role descriptions with their
person specification, outreach channels and the signposting directory."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from involvement import permissions as core
from involvement.errors import ApplicationError
from recruitment import permissions

from ..forms.roles import CriterionForm, OutreachChannelForm, RoleDescriptionForm, SignpostForm
from ..models import OutreachChannel
from ..selectors import roles as selectors
from ..selectors import vacancies as vacancy_selectors
from ..services import roles as services
from .common import add_errors, crumbs, form_data


@login_required
@require_GET
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
@require_http_methods(["GET", "POST"])
def role_create(request):
    organisations = permissions.organisations_managing_recruitment(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = RoleDescriptionForm(form_data(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role = services.role_description_create(
                organisation=form.organisation,
                **{name: data[name] for name in services.ROLE_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"{role.title} has been saved. Now add the criteria applicants are scored on.",
            )
            return redirect("role-detail", pk=role.pk)
    context = {"form": form, "breadcrumbs": crumbs()}
    return render(request, "recruitment/roles/form.html", context)


@login_required
@require_GET
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
@require_http_methods(["GET", "POST"])
def role_edit(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    form = RoleDescriptionForm(form_data(request), instance=role)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_description_update(
                role_description=role,
                **{name: form.cleaned_data[name] for name in services.ROLE_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{role.title} has been updated.")
            return redirect("role-detail", pk=role.pk)
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in ("title", "question", "essential", "weight", "max_score", "pass_mark")
        }
        try:
            if criterion is None:
                criterion = services.criterion_create(
                    role_description=role, scoring_guide=form.guide(), **fields
                )
            else:
                services.criterion_update(criterion=criterion, scoring_guide=form.guide(), **fields)
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("role-detail", pk=role.pk)
        else:
            messages.success(request, f"The criterion {criterion.title} has been saved.")
            return redirect("role-detail", pk=role.pk)
    context = {
        "form": form,
        "role": role,
        "criterion": criterion,
        "breadcrumbs": crumbs((role.title, reverse("role-detail", args=[role.pk]))),
    }
    return render(request, "recruitment/roles/criterion_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_create(request, pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    return _criterion_page(request, role)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk, criterion_pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    criterion = selectors.criterion_get(role_description=role, pk=criterion_pk)
    return _criterion_page(request, role, criterion)


@login_required
@require_POST
def criterion_delete(request, pk, criterion_pk):
    role = permissions.access_role_description(user=request.user, pk=pk, action="manage")
    criterion = selectors.criterion_get(role_description=role, pk=criterion_pk)
    try:
        services.criterion_delete(criterion=criterion)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The criterion {criterion.title} has been removed.")
    return redirect("role-detail", pk=role.pk)


# --- Organisation lists: outreach channels and signposts -------------------


def _organisation(request, org_pk):
    return core.access_organisation(user=request.user, pk=org_pk, action="manage_recruitment")


@login_required
@require_http_methods(["GET", "POST"])
def outreach_channels(request, org_pk):
    organisation = _organisation(request, org_pk)
    services.outreach_channels_ensure_defaults(organisation=organisation)
    form = OutreachChannelForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            channel = services.outreach_channel_create(
                organisation=organisation, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{channel.name} has been added.")
            return redirect("outreach-channels", org_pk=organisation.pk)
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
    services.outreach_channel_set_active(channel=channel, active=not channel.active)
    state = "offered again" if channel.active else "no longer offered"
    messages.success(request, f"{channel.name} is {state} on new vacancies.")
    return redirect("outreach-channels", org_pk=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def signpost_list(request, org_pk):
    organisation = _organisation(request, org_pk)
    form = SignpostForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.signpost_create(
                organisation=organisation,
                **{name: form.cleaned_data[name] for name in services.SIGNPOST_FIELDS},
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{entry.name} has been added to the signposting list.")
            return redirect("signpost-list", org_pk=organisation.pk)
    context = {
        "organisation": organisation,
        "signposts": selectors.signposts_of(organisation=organisation),
        "form": form,
        "breadcrumbs": crumbs(),
    }
    return render(request, "recruitment/roles/signposts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def signpost_edit(request, org_pk, pk):
    organisation = _organisation(request, org_pk)
    entry = core.get_or_404(selectors.signposts_of(organisation=organisation), pk=pk)
    form = SignpostForm(form_data(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.signpost_update(
                entry=entry, **{name: form.cleaned_data[name] for name in services.SIGNPOST_FIELDS}
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{entry.name} has been updated.")
            return redirect("signpost-list", org_pk=organisation.pk)
    context = {
        "organisation": organisation,
        "entry": entry,
        "form": form,
        "breadcrumbs": crumbs(("Signposting", reverse("signpost-list", args=[organisation.pk]))),
    }
    return render(request, "recruitment/roles/signpost_form.html", context)
