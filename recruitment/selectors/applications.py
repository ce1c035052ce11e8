"""Reads for applications: a vacancy's applications for its coordinator, an
applicant's own applications, and an application with its answers."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from involvement import permissions as core
from recruitment import permissions

from ..models import Answer, Application, Criterion, Vacancy


def applications_of_vacancy(*, vacancy: Vacancy, include_drafts: bool = False) -> QuerySet:
    queryset = vacancy.applications.select_related("person", "heard_via", "entered_by")
    if not include_drafts:
        queryset = queryset.exclude(status=Application.Status.DRAFT)
    return queryset.order_by("submitted_at", "id")


def my_applications(*, user) -> QuerySet:
    return (
        permissions.applications_of_applicant(user)
        .select_related("vacancy__role_description__organisation", "vacancy__group")
        .order_by("-created_at")
    )


def application_questions(*, application: Application) -> list[tuple[Criterion, str]]:
    """Each question of the application's role, in order, with the answer so far."""
    criteria = list(
        Criterion.objects.filter(
            role_description_id=application.vacancy.role_description_id
        ).order_by("position", "id")
    )
    answers = dict(application.answers.values_list("criterion_id", "text"))
    return [(criterion, answers.get(criterion.pk, "")) for criterion in criteria]


def application_with_answers(*, application: Application) -> Application:
    return (
        Application.objects.select_related(
            "vacancy__role_description__organisation", "person", "heard_via", "entered_by"
        )
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("criterion")),
        )
        .get(pk=application.pk)
    )


def application_get_for_coordinator(*, user, vacancy: Vacancy, pk: int) -> Application:
    return core.get_or_404(permissions.applications_managed_by(user).filter(vacancy=vacancy), pk=pk)


STATUS_COLOURS = {
    Application.Status.DRAFT: "grey",
    Application.Status.SUBMITTED: "blue",
    Application.Status.SHORTLISTED: "purple",
    Application.Status.SELECTED: "green",
    Application.Status.RESERVE: "yellow",
    Application.Status.NOT_SELECTED: "orange",
    Application.Status.WITHDRAWN: "grey",
}

APPLICANT_STATUS_TEXT = {
    Application.Status.DRAFT: "Not sent yet",
    Application.Status.SUBMITTED: "Received",
    Application.Status.SHORTLISTED: "Being considered",
    Application.Status.SELECTED: "Offered a place",
    Application.Status.RESERVE: "On the reserve list",
    Application.Status.NOT_SELECTED: "Not offered a place",
    Application.Status.WITHDRAWN: "Withdrawn",
}


def with_status_labels(applications, *, applicant: bool = False):
    """Set `tag_text` and `tag_colour` on each application for its status tag."""
    for application in applications:
        application.tag_colour = STATUS_COLOURS.get(application.status, "")
        application.tag_text = (
            APPLICANT_STATUS_TEXT.get(application.status)
            if applicant
            else application.get_status_display()
        )
    return applications
