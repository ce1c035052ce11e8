"""The induction checklist of a new member."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from involvement import permissions
from involvement.errors import ApplicationError
from involvement.forms.groups import apply_errors

from ..forms.induction import InductionChecklistForm
from ..models import InductionChecklist, Meeting
from ..services import induction as services

GET_POST = require_http_methods(["GET", "POST"])


@login_required
@GET_POST
def membership_induction(request, pk):
    membership = permissions.access_membership(user=request.user, pk=pk, action="manage")
    checklist = services.induction_checklist_for(membership=membership)
    meetings = Meeting.objects.filter(
        group_id=membership.group_id, kind=Meeting.Kind.INDUCTION
    ).order_by("-starts_at")
    initial = {name: getattr(checklist, name) for name, _ in InductionChecklist.ITEMS}
    initial.update(how=checklist.how, meeting=checklist.meeting_id, notes=checklist.notes)
    form = InductionChecklistForm(request.POST or None, meetings=meetings, initial=initial)
    editable = checklist.completed_on is None and membership.status == membership.Status.SELECTED
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        try:
            services.induction_checklist_save(
                membership=membership,
                **{name: data[name] for name, _ in InductionChecklist.ITEMS},
                how=data["how"],
                meeting=data["meeting"],
                notes=data["notes"],
                complete_on=data["completed_on"] if data["complete"] else None,
                saved_by=request.user,
            )
        except (ValidationError, ApplicationError) as exc:
            apply_errors(form, exc)
        else:
            if data["complete"]:
                messages.success(
                    request, f"{membership.person.full_name} is now an inducted member."
                )
                return redirect("membership-detail", pk=membership.pk)
            messages.success(request, "The induction checklist has been saved.")
            return redirect("membership-induction", pk=membership.pk)
    context = {
        "form": form,
        "membership": membership,
        "checklist": checklist,
        "editable": editable,
        "breadcrumbs": [
            (membership.group.name, reverse("group-detail", kwargs={"pk": membership.group_id})),
            (
                membership.person.full_name,
                reverse("membership-detail", kwargs={"pk": membership.pk}),
            ),
        ],
    }
    return render(request, "meetings/induction/checklist.html", context)
