"""The organisation's decision map."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from involvement.models import DecisionMakingBody
from involvement.views.flow import confirm, submit
from workplans import permissions

from ..forms import DecisionEntryForm
from ..models import DecisionMapEntry
from ..selectors.decisions import decision_map
from ..services import decisions as services
from .common import crumbs


def _map_url(organisation):
    return reverse("decision-map", kwargs={"org_pk": organisation.pk})


@login_required
@require_safe
def decision_map_view(request, org_pk):
    organisation = permissions.access_decision_map(user=request.user, pk=org_pk)
    context = {
        "organisation": organisation,
        "bodies": decision_map(organisation=organisation),
        "can_manage": permissions.can_manage_workplans(request.user, organisation.pk),
        "breadcrumbs": crumbs(),
    }
    return render(request, "workplans/decision_map.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_entry_create(request, org_pk):
    organisation = permissions.access_decision_map(
        user=request.user, pk=org_pk, action="manage_workplans"
    )
    bodies = DecisionMakingBody.objects.filter(organisation=organisation)
    form = DecisionEntryForm(request.POST or None, bodies=bodies)
    if done := submit(
        request,
        form,
        lambda data: services.decision_entry_create(organisation=organisation, **data),
        message=lambda entry: f"“{entry.topic}” has been added to the decision map.",
        next=_map_url(organisation),
    ):
        return done
    context = {
        "form": form,
        "organisation": organisation,
        "has_bodies": bodies.exists(),
        "breadcrumbs": crumbs(
            None, ("Decision map", reverse("decision-map", args=[organisation.pk]))
        ),
    }
    return render(request, "workplans/decision_entry_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_entry_delete(request, org_pk, pk):
    """Take a topic off the map (a mistake, or the body no longer decides it)."""
    organisation = permissions.access_decision_map(
        user=request.user, pk=org_pk, action="manage_workplans"
    )
    entry = get_object_or_404(
        DecisionMapEntry.objects.filter(body__organisation=organisation).select_related("body"),
        pk=pk,
    )
    return confirm(
        request,
        lambda: services.decision_entry_delete(entry=entry),
        message=f"“{entry.topic}” has been taken off the decision map.",
        next=_map_url(organisation),
        page={
            "caption": organisation.name,
            "heading": f"Are you sure you want to remove “{entry.topic}” from the decision map?",
            "lines": [
                f"The map will no longer say that {entry.body.name} decides this topic.",
                "You can add it again later.",
            ],
            "button": "Yes, remove the topic",
            "back_url": _map_url(organisation),
            "back_text": "No, go back to the decision map",
            "breadcrumbs": crumbs(None, ("Decision map", _map_url(organisation))),
        },
    )
