"""Privacy rights: "Your data" (download a copy, ask for deletion) for a
person, and erasure requests for their organisation's admins."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from .. import permissions
from ..forms.privacy import ErasureRequestForm
from ..models import PersonalDataExport
from ..selectors import privacy as selectors
from ..services import people as people_services
from ..services import privacy as services
from .flow import Info, act, submit

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _crumbs():
    return [("Home", reverse("home")), ("My profile", reverse("my-profile"))]


@login_required
@GET_POST
def my_data(request):
    person = people_services.person_get_or_create_for_user(user=request.user)
    if request.method == "POST":
        return act(
            request,
            lambda: services.data_export_request(person=person),
            message=Info("We are making a copy of your data. This page shows how far we have got."),
            next=reverse("my-data"),
        )
    context = {
        "export": services.data_export_current(person=person),
        "erasure": services.erasure_request_open(person=person),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "involvement/privacy/my_data.html", context)


def _ready_export(request, pk) -> PersonalDataExport:
    export = PersonalDataExport.objects.filter(
        pk=pk, person__user=request.user, status=PersonalDataExport.Status.READY
    ).first()
    if export is None:
        raise Http404("No copy of your data found")
    return export


@login_required
@require_safe
def my_data_json(request, pk):
    export = _ready_export(request, pk)
    services.data_export_downloaded(export=export, kind="json", by=request.user)
    response = HttpResponse(export.json_text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="your-data-{export.pk}.json"'
    return response


@login_required
@require_safe
def my_data_html(request, pk):
    export = _ready_export(request, pk)
    services.data_export_downloaded(export=export, kind="html", by=request.user)
    response = HttpResponse(export.html_text, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="your-data-{export.pk}.html"'
    return response


@login_required
@require_safe
def my_data_pdf(request, pk):
    export = _ready_export(request, pk)
    services.data_export_downloaded(export=export, kind="pdf", by=request.user)
    response = HttpResponse(bytes(export.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="your-data-{export.pk}.pdf"'
    return response


@login_required
@GET_POST
def my_data_erasure(request):
    person = people_services.person_get_or_create_for_user(user=request.user)
    # The note is optional: an empty POST is a request too, so bind it.
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if done := submit(
        request,
        form,
        lambda data: services.erasure_request_create(person=person, note=data["note"]),
        message=(
            "We have your request. An administrator will delete your data and tell you "
            "what the law says we must keep, and why."
        ),
        next=reverse("my-data"),
        refused_next=reverse("my-data"),
    ):
        return done
    context = {
        "form": form,
        "breadcrumbs": [*_crumbs(), ("Your data", reverse("my-data"))],
    }
    return render(request, "involvement/privacy/erasure_request.html", context)


def _org_crumbs(organisation):
    return [
        ("Home", reverse("home")),
        ("Organisations", reverse("organisation-index")),
        (organisation.name, reverse("organisation-summary", args=[organisation.pk])),
    ]


@login_required
@require_safe
def organisation_erasure_requests(request, pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    context = {
        "organisation": organisation,
        "requests": selectors.erasure_requests_of_organisation(organisation=organisation),
        "breadcrumbs": _org_crumbs(organisation),
    }
    return render(request, "involvement/privacy/erasure_requests.html", context)


@login_required
@GET_POST
def erasure_carry_out(request, pk, request_pk):
    organisation = permissions.access_organisation(user=request.user, pk=pk, action="manage")
    erasure = permissions.get_or_404(
        selectors.erasure_requests_of_organisation(organisation=organisation), pk=request_pk
    )
    list_url = reverse("organisation-erasure-requests", args=[organisation.pk])
    if request.method == "POST":
        return act(
            request,
            lambda: services.erasure_carry_out(erasure=erasure, by=request.user),
            message="The person's data has been erased. What had to be kept is listed.",
            next=reverse("erasure-carry-out", args=[organisation.pk, erasure.pk]),
        )
    context = {
        "organisation": organisation,
        "erasure": erasure,
        "sections": [section.title for section in services.all_sections()],
        "breadcrumbs": [*_org_crumbs(organisation), ("Requests to delete data", list_url)],
    }
    return render(request, "involvement/privacy/erasure_confirm.html", context)
