"""What recruitment adds to a person's home page (see involvement.home_panels):
the applications they started and have not sent, while they still can."""

from __future__ import annotations

from .models import Application
from .selectors.applications import my_applications
from .services.vacancies import vacancy_is_accepting


def unfinished_applications_panel(*, user, organisation_ids) -> dict | None:
    drafts = [
        application
        for application in my_applications(user=user).filter(status=Application.Status.DRAFT)
        if vacancy_is_accepting(application.vacancy)
    ]
    if not drafts:
        return None
    return {"applications": drafts}
