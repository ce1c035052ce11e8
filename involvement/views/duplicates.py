"""A coordinator's possible duplicates: people entered twice, or entered by
a coordinator and later signed up, joined into one record through a
confirmation page (involvement.services.duplicates)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import permissions
from ..services import duplicates as services
from .flow import confirm


def _organisation(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk)
    if not permissions.can_merge_people(request.user, organisation.pk):
        raise PermissionDenied
    return organisation


def _crumbs(organisation):
    return [
        ("Home", reverse("home")),
        ("Organisations", reverse("organisation-index")),
        (organisation.name, reverse("organisation-summary", args=[organisation.pk])),
    ]


@login_required
@require_safe
def organisation_duplicates(request, pk):
    organisation = _organisation(request, pk)
    context = {
        "organisation": organisation,
        "pairs": services.possible_duplicates(organisation=organisation),
        "breadcrumbs": _crumbs(organisation),
    }
    return render(request, "involvement/people/duplicates.html", context)


def _describe(person) -> str:
    account = "has an account" if person.user_id else "has no account (entered by a coordinator)"
    return f"{person.full_name}, record {person.pk}, {account}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def duplicate_merge(request, pk, keep_pk, merge_pk):
    organisation = _organisation(request, pk)
    pair = services.possible_duplicate(
        organisation=organisation, keep_pk=keep_pk, merge_pk=merge_pk
    )
    if pair is None:
        raise Http404("No such possible duplicate")
    list_url = reverse("organisation-duplicates", args=[organisation.pk])
    return confirm(
        request,
        lambda: services.people_merge(keep=pair.keep, merge=pair.merge, by=request.user),
        next=list_url,
        message=f"{pair.keep.full_name}'s records are joined into one.",
        page={
            "caption": organisation.name,
            "heading": f"Join these two records of {pair.keep.full_name}?",
            "lines": [
                f"Kept: {_describe(pair.keep)}.",
                f"Joined into it and then removed: {_describe(pair.merge)}.",
                f"They have {', '.join(pair.reasons)}.",
                "Everything of the second record moves to the first: group memberships, "
                "applications, invitations, expense claims, messages and the rest. Details "
                "the first record is missing (phone, address, support needs) are taken from "
                "the second. If the second has the account, the person signs in to the "
                "first from now on. This is written to the audit log.",
            ],
            "button": "Join the records",
            "back_url": list_url,
            "back_text": "No, keep them apart",
            "breadcrumbs": [*_crumbs(organisation), ("Possible duplicates", list_url)],
        },
    )
