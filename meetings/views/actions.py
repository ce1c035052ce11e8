"""Pages for actions: record one agreed at a meeting, update its progress,
and a group's list of open actions with progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from involvement import permissions as core
from involvement.models import Person
from involvement.views.flow import submit
from meetings import permissions

from ..forms.actions import ActionForm, ActionUpdateForm
from ..models import AgendaItem
from ..selectors import actions as selectors
from ..services import actions as services
from .minutes import meeting_crumbs

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@GET_POST
def action_create(request, pk):
    meeting = permissions.access_minutes_meeting(user=request.user, pk=pk, action="write")
    people = Person.objects.filter(
        Q(memberships__group_id=meeting.group_id) | Q(invitations__meeting=meeting)
    ).distinct()
    form = ActionForm(
        request.POST or None,
        meeting=meeting,
        items=AgendaItem.objects.filter(meeting=meeting),
        people=people.order_by("full_name"),
    )
    if done := submit(
        request,
        form,
        lambda data: services.action_create(meeting=meeting, **data),
        message="The action has been added.",
        next=reverse("meeting-minutes", kwargs={"pk": meeting.pk}),
    ):
        return done
    context = {"form": form, "meeting": meeting, "breadcrumbs": meeting_crumbs(meeting)}
    return render(request, "meetings/actions/form.html", context)


@login_required
@GET_POST
def action_update(request, pk):
    action = permissions.access_action(user=request.user, pk=pk)
    form = ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "progress": action.progress, "due_on": action.due_on},
    )
    if action.meeting.group_id:
        next_url = reverse("group-actions", kwargs={"pk": action.meeting.group_id})
    else:
        next_url = reverse("meeting-minutes", kwargs={"pk": action.meeting_id})
    if done := submit(
        request,
        form,
        lambda data: services.action_update(action=action, **data),
        message="The action has been updated.",
        next=next_url,
    ):
        return done
    context = {
        "form": form,
        "action": action,
        "meeting": action.meeting,
        "breadcrumbs": meeting_crumbs(action.meeting),
    }
    return render(request, "meetings/actions/update.html", context)


@login_required
@require_safe
def group_actions(request, pk):
    group = core.access_group(user=request.user, pk=pk)
    if not permissions.can_see_group_actions(request.user, group):
        raise PermissionDenied
    show = "all" if request.GET.get("show") == "all" else "open"
    context = {
        "group": group,
        "show": show,
        "actions": selectors.group_actions(group=group, show=show),
        "progress": selectors.group_action_progress(group=group, today=timezone.localdate()),
        "today": timezone.localdate(),
        "can_update": permissions.can_write_minutes(request.user, group),
        "breadcrumbs": [(group.name, reverse("group-detail", kwargs={"pk": group.pk}))],
    }
    return render(request, "meetings/actions/list.html", context)
