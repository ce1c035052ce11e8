"""Writes for enquiries: people who got in touch (often really wanting advice
or support) and where they were signposted; and requests from the public
vacancy page to apply on paper or by phone instead of online."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from involvement.models import Organisation, User

from ..models import Enquiry, SignpostEntry, Vacancy

OTHER_FORMATS = {
    "paper": "Asked for a paper application form",
    "phone": "Asked to apply by phone",
    "large_print": "Asked for a large-print application form",
}


@transaction.atomic
def enquiry_record(
    *,
    organisation: Organisation,
    name: str,
    summary: str,
    received_on: date,
    recorded_by: User | None,
    contact: str = "",
    vacancy: Vacancy | None = None,
    signposted_to: list[SignpostEntry] | None = None,
    notes: str = "",
) -> Enquiry:
    signposts = list(signposted_to or [])
    errors = {}
    if not (name or "").strip():
        errors["name"] = 'Enter the person\'s name, or "Did not say"'
    if not (summary or "").strip():
        errors["summary"] = "Enter what they asked about"
    if received_on and received_on > timezone.localdate():
        errors["received_on"] = "The date cannot be in the future"
    if vacancy is not None and vacancy.role_description.organisation_id != organisation.pk:
        errors["vacancy"] = "Choose a vacancy of this organisation"
    if any(entry.organisation_id != organisation.pk for entry in signposts):
        errors["signposted_to"] = "Choose from this organisation's signposting list"
    if errors:
        raise ValidationError(errors)
    enquiry = Enquiry(
        organisation=organisation,
        vacancy=vacancy,
        name=name.strip(),
        contact=(contact or "").strip(),
        summary=summary.strip(),
        notes=(notes or "").strip(),
        recorded_by=recorded_by,
        received_on=received_on,
    )
    enquiry.full_clean(exclude=["recorded_by"])  # None for requests from the public page
    enquiry.save()
    enquiry.signposted_to.set(signposts)
    return enquiry


@transaction.atomic
def enquiry_request_other_format(
    *, vacancy: Vacancy, name: str, contact: str, wants: str, details: str = ""
) -> Enquiry:
    """Someone on the public page asks to apply on paper or by phone. Recorded
    as an enquiry for the coordinator, who then sends the form or calls."""
    errors = {}
    if wants not in OTHER_FORMATS:
        errors["wants"] = "Choose how you would like to apply"
    if not (name or "").strip():
        errors["name"] = "Enter your name"
    if not (contact or "").strip():
        errors["contact"] = "Enter a phone number or postal address so that we can reach you"
    if errors:
        raise ValidationError(errors)
    return enquiry_record(
        organisation=vacancy.role_description.organisation,
        vacancy=vacancy,
        name=name,
        contact=contact,
        summary=OTHER_FORMATS[wants],
        notes=details,
        received_on=timezone.localdate(),
        recorded_by=None,
    )
