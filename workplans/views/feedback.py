"""'You said' items: the capture page (reached from the minutes page) and
the group's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from involvement.errors import ApplicationError
from workplans import permissions

from ..forms import FeedbackForm
from ..models import WorkItem
from ..selectors.plans import feedback_of_group
from ..services.feedback import feedback_capture as capture
from .common import add_errors, crumbs


@login_required
@require_http_methods(["GET", "POST"])
def feedback_capture(request, pk):
    meeting = permissions.access_meeting_for_feedback(user=request.user, pk=pk)
    group = meeting.group
    agenda_items = meeting.agenda_items.order_by("position", "id")
    work_items = WorkItem.objects.filter(plan__group=group, plan__status="current")
    form = FeedbackForm(request.POST or None, agenda_items=agenda_items, work_items=work_items)
    if request.method == "POST" and form.is_valid():
        try:
            capture(meeting=meeting, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The “you said” item has been kept. Add another, or go back.")
            return redirect("feedback-capture", pk=meeting.pk)
    context = {
        "form": form,
        "meeting": meeting,
        "group": group,
        "captured": [i for i in feedback_of_group(group=group) if i.meeting_id == meeting.pk],
        "breadcrumbs": crumbs(group, ("You said", reverse("feedback-list", args=[group.pk]))),
    }
    return render(request, "workplans/feedback_capture.html", context)


@login_required
@require_GET
def feedback_list(request, pk):
    group = permissions.access_workplan_group(user=request.user, pk=pk)
    context = {
        "group": group,
        "items": feedback_of_group(group=group),
        "breadcrumbs": crumbs(group),
    }
    return render(request, "workplans/feedback_list.html", context)
