"""The induction checklist of a new member."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from involvement import permissions
from involvement.views.flow import submit

from ..forms.induction import InductionChecklistForm
from ..models import InductionChecklist, Meeting
from ..services import induction as services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


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

    def save(data):
        services.induction_checklist_save(
            membership=membership,
            **{name: data[name] for name, _ in InductionChecklist.ITEMS},
            how=data["how"],
            meeting=data["meeting"],
            notes=data["notes"],
            complete_on=data["completed_on"] if data["complete"] else None,
            saved_by=request.user,
        )
        return data["complete"]

    # Completing the checklist makes them an inducted member: back to their
    # membership; saving part of it stays on the checklist.
    if editable and (
        done := submit(
            request,
            form,
            save,
            message=lambda complete: (
                f"{membership.person.full_name} is now an inducted member."
                if complete
                else "The induction checklist has been saved."
            ),
            next=lambda complete: reverse(
                "membership-detail" if complete else "membership-induction",
                kwargs={"pk": membership.pk},
            ),
        )
    ):
        return done
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
