"""Pages for organisations and the roles people hold in them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import permissions
from ..forms.organisations import ROLE_HINTS, OrganisationForm, RoleGrantForm
from ..models import StaffRole
from ..selectors import organisations as selectors
from ..services import organisations as services
from .flow import act, submit


def _crumbs(*extra):
    return [("Home", reverse("home")), ("Organisations", reverse("organisation-index")), *extra]


@login_required
@require_safe
def organisation_index(request):
    context = {
        "organisations": list(selectors.organisation_list_visible_to(user=request.user)),
        "can_create": permissions.can_create_organisation(request.user),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "involvement/organisations/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request):
    if not permissions.can_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: services.organisation_create(**data),
        message=lambda organisation: (
            f"{organisation} has been added. Now give someone the organisation admin role."
        ),
        next=lambda organisation: reverse("organisation-people", args=[organisation.pk]),
    ):
        return done
    context = {"form": form, "breadcrumbs": _crumbs()}
    return render(request, "involvement/organisations/form.html", context)


@login_required
@require_safe
def organisation_summary(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk)
    organisation = selectors.organisation_get_with_counts(organisation=organisation)
    context = {
        "organisation": organisation,
        "can_manage": permissions.can_manage_organisation(request.user, organisation.pk),
        "can_merge_people": permissions.can_merge_people(request.user, organisation.pk),
        "my_roles": sorted(
            StaffRole.Role(role).label
            for role in permissions.roles_by_organisation(request.user).get(organisation.pk, ())
        ),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "involvement/organisations/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    form = OrganisationForm(
        request.POST or None, initial=OrganisationForm.initial_for(organisation)
    )
    if done := submit(
        request,
        form,
        lambda data: services.organisation_update(organisation=organisation, **data),
        message="The organisation's settings have been saved.",
        next=reverse("organisation-summary", args=[organisation.pk]),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "breadcrumbs": _crumbs(
            (organisation.name, reverse("organisation-summary", args=[organisation.pk]))
        ),
    }
    return render(request, "involvement/organisations/form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_people(request, pk):
    """People and roles: who holds which role, give a role, remove one."""
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    form = RoleGrantForm(request.POST or None)

    def granted(staff_role):
        invited = not staff_role.user.has_usable_password()
        return (
            f"{staff_role.user} is now {staff_role.get_role_display().lower()} at "
            f"{organisation}."
            + (" We have emailed them an invitation to set a password." if invited else "")
        )

    if done := submit(
        request,
        form,
        lambda data: services.staff_role_grant(
            organisation=organisation,
            granted_by=request.user,
            base_url=request.build_absolute_uri("/"),
            **data,
        ),
        message=granted,
        next=reverse("organisation-people", args=[organisation.pk]),
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "people": selectors.staff_roles_of_organisation(organisation=organisation),
        "changes": selectors.role_changes_of_organisation(organisation=organisation),
        "role_hints": [(StaffRole.Role(role).label, hint) for role, hint in ROLE_HINTS.items()],
        "breadcrumbs": _crumbs(
            (organisation.name, reverse("organisation-summary", args=[organisation.pk]))
        ),
    }
    return render(request, "involvement/organisations/people.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_role_revoke(request, pk, role_pk):
    organisation, staff_role = permissions.access_staff_role(
        user=request.user, organisation_pk=pk, pk=role_pk
    )
    people_url = reverse("organisation-people", args=[organisation.pk])
    if request.method == "POST":
        return act(
            request,
            lambda: services.staff_role_revoke(staff_role=staff_role, revoked_by=request.user),
            message=(
                f"{staff_role.user} is no longer {staff_role.get_role_display().lower()} at "
                f"{organisation}."
            ),
            # Someone who took away their own admin role can no longer see the page.
            next=lambda _: (
                people_url
                if permissions.can_manage_organisation(request.user, organisation.pk)
                else reverse("home")
            ),
            refused_next=people_url,
        )
    context = {
        "organisation": organisation,
        "staff_role": staff_role,
        "is_own": staff_role.user_id == request.user.pk,
        "breadcrumbs": _crumbs(
            (organisation.name, reverse("organisation-summary", args=[organisation.pk])),
            ("People and roles", people_url),
        ),
    }
    return render(request, "involvement/organisations/revoke_confirm.html", context)
