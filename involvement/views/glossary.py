"""The organisation's glossary ("jargon buster") for board briefings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import permissions
from ..forms.glossary import GlossaryTermForm
from ..selectors.glossary import glossary_of
from ..services.glossary import glossary_term_add
from .flow import submit


@login_required
@require_safe
def glossary(request, pk):
    organisation = permissions.access_glossary(user=request.user, pk=pk)
    context = {
        "organisation": organisation,
        "entries": glossary_of(organisation_id=organisation.pk),
        "can_add": permissions.can_manage_bodies(request.user, organisation.pk),
        "breadcrumbs": [("Home", reverse("home"))],
    }
    return render(request, "involvement/glossary/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def glossary_term_add_view(request, pk):
    organisation = permissions.access_glossary(user=request.user, pk=pk, action="manage")
    form = GlossaryTermForm(request.POST or None)
    if done := submit(
        request,
        form,
        lambda data: glossary_term_add(organisation=organisation, **data),
        message=lambda entry: f"\u201c{entry.term}\u201d has been added to the glossary.",
        next=reverse("glossary", args=[organisation.pk]),
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "breadcrumbs": [
            ("Home", reverse("home")),
            ("Glossary", reverse("glossary", args=[organisation.pk])),
        ],
    }
    return render(request, "involvement/glossary/add.html", context)
