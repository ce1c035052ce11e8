"""The work-plan pages: index, a group's current plan, versions, items,
reviews, the PDF and "Add to a meeting's agenda"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from involvement import permissions as core
from involvement.models import DecisionMakingBody
from involvement.views.flow import Info, submit
from involvement.views.pages import pdf_response, wants_large_print
from workplans import permissions

from ..forms import AgendaForm, PlanCreateForm, ReviewForm, WorkItemForm
from ..models import Theme
from ..pdf import render_work_plan_pdf, work_plan_filename
from ..selectors import exercises as exercise_selectors
from ..selectors import plans as selectors
from ..services import agenda as agenda_services
from ..services import plans as services
from .common import crumbs


@login_required
@require_safe
def workplan_index(request):
    user = request.user
    groups = [
        group
        for group in selectors.groups_with_plans(
            groups=permissions.workplan_groups_visible_to(user)
        )
        if permissions.can_read_work_plan(user, group)
    ]
    organisations = {}
    for group in groups:
        organisations.setdefault(group.organisation_id, group.organisation)
    for organisation in core.organisations_visible_to(user):
        organisations.setdefault(organisation.pk, organisation)
    context = {
        "groups": groups,
        "organisations": sorted(organisations.values(), key=lambda o: o.name),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "workplans/index.html", context)


def _plan_url(plan):
    return reverse("workplan-detail", kwargs={"pk": plan.pk})


def _plan_context(request, plan, group):
    user = request.user
    items = selectors.plan_items(plan=plan)
    return {
        "group": group,
        "plan": plan,
        "items": items,
        "can_manage": plan.is_current
        and permissions.can_manage_workplans(user, group.organisation_id),
        "can_see_exercise": permissions.can_see_exercise(user, group),
        "review_overdue": bool(
            plan.is_current and plan.next_review_on and plan.next_review_on < timezone.localdate()
        ),
    }


@login_required
@require_safe
def workplan_group(request, pk):
    """A group's work: its current plan, versions, reviews and exercises."""
    group = permissions.access_workplan_group(user=request.user, pk=pk)
    plan = selectors.current_plan(group=group)
    context = {
        "group": group,
        "plan": plan,
        "can_manage": permissions.can_manage_workplans(request.user, group.organisation_id),
        "can_see_exercise": permissions.can_see_exercise(request.user, group),
        "versions": selectors.plan_versions(group=group),
        "reviews": selectors.plan_reviews(group=group),
        "breadcrumbs": crumbs(),
    }
    if plan is not None:
        context.update(_plan_context(request, plan, group))
    if context["can_see_exercise"]:
        context["exercises"] = list(exercise_selectors.exercises_of_group(group=group))
    return render(request, "workplans/group.html", context)


@login_required
@require_safe
def workplan_detail(request, pk):
    """One version of a plan; older versions stay readable."""
    plan = permissions.access_work_plan(user=request.user, pk=pk)
    group = plan.group
    context = _plan_context(request, plan, group)
    context["reviews"] = list(plan.reviews.select_related("new_version"))
    context["breadcrumbs"] = crumbs(group)
    return render(request, "workplans/plan.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_create(request, pk):
    group = permissions.access_workplan_group(user=request.user, pk=pk, action="manage_workplans")
    exercises = exercise_selectors.exercises_of_group(group=group)
    form = PlanCreateForm(request.POST or None, exercises=exercises)
    if done := submit(
        request,
        form,
        lambda data: services.work_plan_create(group=group, created_by=request.user, **data),
        message="The work plan has been started. Add its work items.",
        next=_plan_url,
        refused_next=reverse("workplan-group", kwargs={"pk": group.pk}),
    ):
        return done
    context = {"form": form, "group": group, "breadcrumbs": crumbs(group)}
    return render(request, "workplans/plan_create.html", context)


def _item_form(request, plan, initial=None):
    themes = (
        Theme.objects.filter(exercise_id=plan.exercise_id)
        if plan.exercise_id
        else Theme.objects.none()
    )
    bodies = DecisionMakingBody.objects.filter(organisation_id=plan.group.organisation_id)
    return WorkItemForm(request.POST or None, themes=themes, bodies=bodies, initial=initial)


def _item_fields(data):
    return {
        "themes": list(data.get("themes") or []),
        **{name: data[name] for name in services.ITEM_FIELDS},
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workitem_create(request, pk):
    plan = permissions.access_work_plan(user=request.user, pk=pk, action="manage_workplans")
    form = _item_form(request, plan)
    if done := submit(
        request,
        form,
        lambda data: services.work_item_create(plan=plan, **_item_fields(data)),
        message=lambda item: f"“{item.title}” has been added to the plan.",
        next=_plan_url(plan),
        refused_next=_plan_url(plan),
    ):
        return done
    context = {
        "form": form,
        "plan": plan,
        "group": plan.group,
        "breadcrumbs": crumbs(
            plan.group, (f"Version {plan.version}", reverse("workplan-detail", args=[plan.pk]))
        ),
    }
    return render(request, "workplans/item_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workitem_edit(request, pk):
    item = permissions.access_work_item(user=request.user, pk=pk)
    plan = item.plan
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    initial["themes"] = list(item.themes.values_list("pk", flat=True))
    form = _item_form(request, plan, initial=initial)
    if done := submit(
        request,
        form,
        lambda data: services.work_item_update(item=item, **_item_fields(data)),
        message=lambda _: f"“{item.title}” has been updated.",
        next=_plan_url(plan),
        refused_next=_plan_url(plan),
    ):
        return done
    context = {
        "form": form,
        "plan": plan,
        "item": item,
        "group": plan.group,
        "breadcrumbs": crumbs(
            plan.group, (f"Version {plan.version}", reverse("workplan-detail", args=[plan.pk]))
        ),
    }
    return render(request, "workplans/item_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_review(request, pk):
    plan = permissions.access_work_plan(user=request.user, pk=pk, action="manage_workplans")
    if not plan.is_current:
        messages.error(request, "Only the current version of a plan can be reviewed.")
        return redirect("workplan-detail", pk=plan.pk)
    form = ReviewForm(request.POST or None)

    def recorded(review):
        if review.new_version:
            return (
                f"The review is recorded and version {review.new_version.version} of the "
                "plan is now current. Change its items as agreed."
            )
        return "The review is recorded."

    if done := submit(
        request,
        form,
        lambda data: services.plan_review_record(plan=plan, recorded_by=request.user, **data),
        message=recorded,
        # A new version is where the agreed changes are made.
        next=lambda review: _plan_url(review.new_version or plan),
    ):
        return done
    context = {
        "form": form,
        "plan": plan,
        "group": plan.group,
        "breadcrumbs": crumbs(
            plan.group, (f"Version {plan.version}", reverse("workplan-detail", args=[plan.pk]))
        ),
    }
    return render(request, "workplans/review_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workplan_agenda(request, pk):
    """Add to a meeting's agenda: selected work items become agenda items of
    one of the group's coming meetings (with the standing items)."""
    plan = permissions.access_work_plan(user=request.user, pk=pk, action="manage_workplans")
    group = plan.group
    meetings = selectors.upcoming_group_meetings(group=group, now=timezone.now())
    items = selectors.open_items_for_agenda(plan=plan)
    form = AgendaForm(request.POST or None, meetings=meetings, items=items)

    def added(created):
        meeting = form.cleaned_data["meeting"]
        if not created:
            return Info(f"Those work items are already on the agenda of {meeting}.")
        return (
            f"{len(created)} item{'s' if len(created) != 1 else ''} added to the agenda "
            f"of {meeting}."
        )

    if done := submit(
        request,
        form,
        lambda data: agenda_services.agenda_build_from_plan(**data),
        message=added,
        next=_plan_url(plan),
    ):
        return done
    context = {
        "form": form,
        "plan": plan,
        "group": group,
        "has_meetings": meetings.exists(),
        "has_items": items.exists(),
        "breadcrumbs": crumbs(
            group, (f"Version {plan.version}", reverse("workplan-detail", args=[plan.pk]))
        ),
    }
    return render(request, "workplans/agenda_form.html", context)


@login_required
@require_safe
def workplan_pdf(request, pk):
    plan = permissions.access_work_plan(user=request.user, pk=pk)
    large_print = wants_large_print(request)
    content = render_work_plan_pdf(plan=plan, large_print=large_print)
    return pdf_response(content, work_plan_filename(plan=plan, large_print=large_print))
