"""The recruitment part of a person's data: their applications in "Download
your data", and their removal on erasure (scores and the selection's audit
trail stay, by reference, as after the retention period)."""

from __future__ import annotations

from django.utils import timezone

from involvement.models import Person

from .models import Application
from .services.decisions import application_anonymise


def applications_of(person: Person) -> list[dict[str, str]]:
    records = []
    applications = (
        Application.objects.filter(person=person)
        .select_related("vacancy")
        .prefetch_related("answers__criterion")
        .order_by("created_at")
    )
    for application in applications:
        record = {
            "Reference": application.reference,
            "Role": application.vacancy.title,
            "Status": application.get_status_display(),
            "Sent": (
                timezone.localtime(application.submitted_at).strftime("%-d %B %Y")
                if application.submitted_at
                else "Not sent"
            ),
            "Availability": application.availability,
            "Support needed": application.support_needed,
            "Decision": application.decision_reason,
        }
        for answer in application.answers.all():
            record[str(answer.criterion)] = answer.text
        records.append(record)
    return records


def erase(person: Person) -> list[str]:
    applications = list(Application.objects.filter(person=person))
    for application in applications:
        application_anonymise(application=application, at_request=True)
    if not applications:
        return []
    return [
        f"Scores and the selection record of {len(applications)} application(s), by "
        "reference only (no name, contact details or answers): they show the selection "
        "was fair to the other applicants."
    ]
