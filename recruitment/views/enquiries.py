"""Coordinator pages for enquiries: people who got in touch, often wanting
advice or support rather than the role, and where they were signposted."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from involvement import permissions
from involvement.views.flow import submit

from ..forms.enquiries import EnquiryForm
from ..models import Enquiry
from ..services import enquiries as services
from .common import crumbs, form_data

ENQUIRY_FIELDS = ("name", "contact", "summary", "notes", "received_on", "vacancy")


def _organisation(request, org_pk):
    return permissions.access_organisation(
        user=request.user, pk=org_pk, action="manage_recruitment"
    )


@login_required
@require_safe
def enquiry_list(request, org_pk):
    organisation = _organisation(request, org_pk)
    enquiries = list(
        Enquiry.objects.filter(organisation=organisation)
        .select_related("vacancy", "recorded_by")
        .prefetch_related("signposted_to")
        .order_by("-received_on", "-id")
    )
    context = {
        "organisation": organisation,
        "enquiries": enquiries,
        "has_signposts": organisation.signposts.exists(),
        "breadcrumbs": crumbs(),
    }
    return render(request, "recruitment/enquiries/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_create(request, org_pk):
    organisation = _organisation(request, org_pk)
    form = EnquiryForm(form_data(request), organisation=organisation)
    if done := submit(
        request,
        form,
        lambda data: services.enquiry_record(
            organisation=organisation,
            recorded_by=request.user,
            signposted_to=list(data["signposted_to"]),
            **{name: data[name] for name in ENQUIRY_FIELDS},
        ),
        message=lambda enquiry: f"The enquiry from {enquiry.name} has been recorded.",
        next=reverse("enquiry-list", kwargs={"org_pk": organisation.pk}),
    ):
        return done
    context = {
        "organisation": organisation,
        "form": form,
        "signposts": organisation.signposts.order_by("kind", "name"),
        "breadcrumbs": crumbs(("Enquiries", reverse("enquiry-list", args=[organisation.pk]))),
    }
    return render(request, "recruitment/enquiries/form.html", context)
