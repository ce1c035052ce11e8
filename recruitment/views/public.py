"""Public pages (no login): open vacancies, a vacancy in plain English, its
information pack, and asking to apply on paper or by phone instead."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from involvement import permissions as core
from involvement.views.flow import submit
from involvement.views.pages import wants_large_print
from recruitment import permissions

from ..forms.enquiries import OtherFormatForm
from ..pdf import information_pack_filename, render_information_pack_pdf
from ..selectors import vacancies as selectors
from ..services import applications as application_services
from ..services import enquiries as enquiry_services
from ..services.vacancies import vacancy_is_accepting
from .common import form_data, pdf_response


@require_safe
def public_vacancy_list(request):
    context = {"vacancies": list(selectors.public_vacancy_list())}
    return render(request, "recruitment/public/list.html", context)


@require_safe
def public_vacancy(request, public_id):
    vacancy = selectors.public_vacancy_get(public_id=public_id)
    accepting = vacancy_is_accepting(vacancy)
    existing = None
    person = core.person_of(request.user)
    if person is not None:
        existing = vacancy.applications.filter(person=person).first()
    context = {
        "vacancy": vacancy,
        "role": vacancy.role_description,
        "organisation": vacancy.role_description.organisation,
        "criteria": list(vacancy.role_description.criteria.all()),
        "accepting": accepting,
        "closed_message": "" if accepting else application_services.closed_message(vacancy),
        "decision_by": application_services.decision_expected_by(vacancy),
        "existing": existing,
    }
    return render(request, "recruitment/public/detail.html", context)


def _vacancy_for_pack(request, public_id):
    """Published vacancies for anyone; a draft's pack for its coordinators (to check it)."""
    try:
        return selectors.public_vacancy_get(public_id=public_id)
    except Http404:
        vacancy = core.get_or_404(
            permissions.vacancies_visible_to(request.user).select_related(
                "role_description__organisation", "role_description__body", "group"
            ),
            public_id=public_id,
        )
        if not permissions.can_manage_recruitment(
            request.user, vacancy.role_description.organisation_id
        ):
            raise
        return vacancy


@require_safe
def vacancy_pack(request, public_id):
    vacancy = _vacancy_for_pack(request, public_id)
    large_print = wants_large_print(request)
    content = render_information_pack_pdf(vacancy=vacancy, large_print=large_print)
    return pdf_response(
        content, information_pack_filename(vacancy=vacancy, large_print=large_print)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_other_ways(request, public_id):
    vacancy = selectors.public_vacancy_get(public_id=public_id)
    accepting = vacancy_is_accepting(vacancy)
    form = OtherFormatForm(form_data(request))
    if accepting and (
        done := submit(
            request,
            form,
            lambda data: enquiry_services.enquiry_request_other_format(vacancy=vacancy, **data),
            message="Thank you. We will be in touch within 5 working days to help you apply.",
            next=vacancy_url(vacancy),
        )
    ):
        return done
    context = {
        "form": form,
        "vacancy": vacancy,
        "accepting": accepting,
        "closed_message": "" if accepting else application_services.closed_message(vacancy),
        "breadcrumbs": [(vacancy.title, vacancy_url(vacancy))],
    }
    return render(request, "recruitment/public/other_ways.html", context)


def vacancy_url(vacancy) -> str:
    from django.urls import reverse

    return reverse("public-vacancy", args=[vacancy.public_id])
