"""Pages for groups, their diversity factors, memberships, and the group's
printable terms of reference and role summary. Thin: parse, check access
(involvement.permissions), call a service or selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from .. import group_panels, permissions
from ..forms.groups import (
    AddMemberForm,
    DiversityFactorForm,
    GroupForm,
    MembershipEditForm,
    MembershipStatusForm,
)
from ..pdf import pdf_filename, render_pdf
from ..selectors import groups as selectors
from ..services import groups as services
from .flow import act, submit
from .pages import pdf_response, wants_large_print

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _groups_crumb():
    return ("Groups", reverse("group-list"))


def _diversity_url(group):
    return reverse("group-detail", kwargs={"pk": group.pk}) + "#diversity"


def _group_crumbs(group):
    return [_groups_crumb(), (group.name, reverse("group-detail", kwargs={"pk": group.pk}))]


@login_required
@require_safe
def group_list(request):
    groups = list(selectors.group_list_visible_to(user=request.user))
    context = {
        "groups": groups,
        "can_create": permissions.can_create_group(request.user),
        "several_organisations": len({group.organisation_id for group in groups}) > 1,
    }
    return render(request, "involvement/groups/list.html", context)


@login_required
@GET_POST
def group_create(request):
    if not permissions.can_create_group(request.user):
        raise PermissionDenied
    organisations = list(permissions.organisations_managing_groups(request.user))
    form = GroupForm(request.POST or None, organisations=organisations, creating=True)
    if done := submit(
        request,
        form,
        lambda data: services.group_create(
            organisation=data["organisation"], factors=data["factors"], **form.group_fields()
        ),
        message=lambda group: f"{group.name} has been created.",
        next=lambda group: reverse("group-detail", args=[group.pk]),
    ):
        return done
    context = {"form": form, "creating": True, "breadcrumbs": [_groups_crumb()]}
    return render(request, "involvement/groups/form.html", context)


@login_required
@GET_POST
def group_edit(request, pk):
    group = permissions.access_group(user=request.user, pk=pk, action="manage")
    form = GroupForm(request.POST or None, initial=GroupForm.initial_for(group))
    if done := submit(
        request,
        form,
        lambda data: services.group_update(group=group, **form.group_fields()),
        message="The group's details have been saved.",
        next=reverse("group-detail", args=[group.pk]),
    ):
        return done
    context = {"form": form, "group": group, "breadcrumbs": _group_crumbs(group)}
    return render(request, "involvement/groups/form.html", context)


@login_required
@require_safe
def group_detail(request, pk):
    user = request.user
    group = permissions.access_group(user=user, pk=pk)
    sees_people = permissions.user_can(user, "see_people", group)
    exact = permissions.user_can(user, "see_exact_counts", group)
    counts = selectors.group_member_counts(group=group)
    members = None
    if sees_people:
        members = list(selectors.group_members(group=group)[: selectors.MEMBERS_ON_GROUP_PAGE])
    context = {
        "group": group,
        "can_manage": permissions.user_can(user, "manage", group),
        "sees_people": sees_people,
        "exact_counts": exact,
        "members": members,
        "member_counts": counts,
        "own_membership": selectors.membership_of(group=group, user=user),
        "active_count": counts.active,
        "coverage": selectors.group_coverage(group=group, exact=exact),
        "panels": group_panels.panels_for(user=user, group=group),
        "breadcrumbs": [_groups_crumb()],
    }
    return render(request, "involvement/groups/detail.html", context)


@login_required
@require_safe
def group_members(request, pk):
    """Everyone in the group, active first, fifty a page (the group's page
    shows the first twenty)."""
    group = permissions.access_group(user=request.user, pk=pk, action="see_people")
    page = Paginator(selectors.group_members(group=group), selectors.MEMBERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "group": group,
        "page": page,
        "members": page.object_list,
        "member_counts": selectors.group_member_counts(group=group),
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "involvement/groups/members.html", context)


# -- Diversity factors -------------------------------------------------------


@login_required
@GET_POST
def factor_create(request, pk):
    group = permissions.access_group(user=request.user, pk=pk, action="manage")
    form = DiversityFactorForm(request.POST or None, group=group)
    if done := submit(
        request,
        form,
        lambda data: services.diversity_factor_create(group=group, **form.factor_fields()),
        message=lambda factor: f"“{factor}” has been added.",
        next=_diversity_url(group),
    ):
        return done
    context = {"form": form, "group": group, "breadcrumbs": _group_crumbs(group)}
    return render(request, "involvement/groups/factor_form.html", context)


def _factor(request, pk, factor_pk):
    group = permissions.access_group(user=request.user, pk=pk, action="manage")
    return group, get_object_or_404(group.diversity_factors, pk=factor_pk)


@login_required
@GET_POST
def factor_edit(request, pk, factor_pk):
    group, factor = _factor(request, pk, factor_pk)
    form = DiversityFactorForm(
        request.POST or None, group=group, initial=DiversityFactorForm.initial_for(factor)
    )
    if done := submit(
        request,
        form,
        lambda data: services.diversity_factor_update(factor=factor, **form.factor_fields()),
        message=lambda _: f"“{factor}” has been saved.",
        next=_diversity_url(group),
    ):
        return done
    context = {
        "form": form,
        "group": group,
        "factor": factor,
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "involvement/groups/factor_form.html", context)


@login_required
@GET_POST
def factor_delete(request, pk, factor_pk):
    group, factor = _factor(request, pk, factor_pk)
    if request.method == "POST":
        return act(
            request,
            lambda: services.diversity_factor_delete(factor=factor),
            message=f"“{factor.name}” has been removed.",
            next=_diversity_url(group),
        )
    context = {"group": group, "factor": factor, "breadcrumbs": _group_crumbs(group)}
    return render(request, "involvement/groups/factor_delete.html", context)


# -- PDFs --------------------------------------------------------------------


def _group_pdf(request, pk, *, template, title, stem):
    group = permissions.access_group(user=request.user, pk=pk)
    large_print = wants_large_print(request)
    content = render_pdf(
        template,
        {"group": group, "factors": list(group.diversity_factors.all())},
        large_print=large_print,
        title=f"{group.name}: {title}",
    )
    filename = pdf_filename(f"{group.organisation.slug}-{stem}-{group.pk}", large_print=large_print)
    return pdf_response(content, filename)


@login_required
@require_safe
def group_terms_of_reference_pdf(request, pk):
    return _group_pdf(
        request,
        pk,
        template="involvement/pdf/terms_of_reference.html",
        title="terms of reference",
        stem="terms-of-reference",
    )


@login_required
@require_safe
def group_role_summary_pdf(request, pk):
    return _group_pdf(
        request,
        pk,
        template="involvement/pdf/role_summary.html",
        title="the member's role",
        stem="member-role-summary",
    )


# -- Memberships -------------------------------------------------------------


@login_required
@GET_POST
def membership_create(request, pk):
    group = permissions.access_group(user=request.user, pk=pk, action="manage")
    people = selectors.people_to_add(group=group, user=request.user)
    form = AddMemberForm(request.POST or None, people=people, initial={"on": timezone.localdate()})
    if done := submit(
        request,
        form,
        lambda data: services.membership_create(group=group, added_by=request.user, **data),
        message=lambda membership: f"{membership.person.full_name} has been added to {group.name}.",
        next=lambda membership: reverse("membership-detail", args=[membership.pk]),
    ):
        return done
    context = {
        "form": form,
        "group": group,
        "has_people": people.exists(),
        "breadcrumbs": _group_crumbs(group),
    }
    return render(request, "involvement/groups/membership_add.html", context)


def _membership_crumbs(request, membership):
    # Whoever may see a membership may see its group (permissions: the
    # member's own groups; staff with personal-data roles, all of theirs).
    return _group_crumbs(membership.group)


@login_required
@require_safe
def membership_detail(request, pk):
    membership = permissions.access_membership(user=request.user, pk=pk)
    context = {
        "membership": membership,
        "history": selectors.membership_history(membership=membership),
        "can_manage": permissions.user_can(request.user, "manage", membership),
        "is_own": permissions.is_self(request.user, membership.person),
        "buddy": membership.buddy,
        "breadcrumbs": _membership_crumbs(request, membership),
    }
    return render(request, "involvement/groups/membership_detail.html", context)


def _membership_page_crumbs(request, membership):
    return [
        *_membership_crumbs(request, membership),
        (
            membership.person.full_name,
            reverse("membership-detail", kwargs={"pk": membership.pk}),
        ),
    ]


@login_required
@GET_POST
def membership_status(request, pk):
    membership = permissions.access_membership(user=request.user, pk=pk, action="manage")
    allowed = services.allowed_next_statuses(membership)
    form = MembershipStatusForm(
        request.POST or None, allowed=allowed, initial={"changed_on": timezone.localdate()}
    )
    if done := submit(
        request,
        form,
        lambda data: services.membership_change_status(
            membership=membership, changed_by=request.user, **data
        ),
        message=f"{membership.person.full_name}'s status has been changed.",
        next=reverse("membership-detail", args=[membership.pk]),
    ):
        return done
    context = {
        "form": form,
        "membership": membership,
        "breadcrumbs": _membership_page_crumbs(request, membership),
    }
    return render(request, "involvement/groups/membership_status.html", context)


@login_required
@GET_POST
def membership_edit(request, pk):
    membership = permissions.access_membership(user=request.user, pk=pk, action="manage")
    candidates = selectors.group_active_members(group=membership.group, exclude=membership)
    form = MembershipEditForm(
        request.POST or None,
        membership=membership,
        candidates=candidates,
        initial={"induction_date": membership.induction_date, "buddy": membership.buddy_id},
    )
    if done := submit(
        request,
        form,
        lambda data: services.membership_update(membership=membership, **data),
        message="The induction date and buddy have been saved.",
        next=reverse("membership-detail", args=[membership.pk]),
    ):
        return done
    context = {
        "form": form,
        "membership": membership,
        "breadcrumbs": _membership_page_crumbs(request, membership),
    }
    return render(request, "involvement/groups/membership_edit.html", context)
