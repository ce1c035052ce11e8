"""Demo: North Fellside's audit log has a few entries, and one person (not a
demo login) has asked for their data to be deleted, for the organisation
admin to carry out."""

from __future__ import annotations

from .. import audit
from ..models import AuditEntry, ErasureRequest, Membership, Organisation, User


def seed(stdout=None) -> None:
    organisation = Organisation.objects.filter(slug="fellside").first()
    if organisation is None:
        return
    coordinator = User.objects.filter(email="coordinator@fellside.example").first()
    if not AuditEntry.objects.filter(organisation=organisation).exists():
        audit.record(
            action=audit.Action.BLIND_REVIEW_OPENED,
            organisation=organisation,
            actor=coordinator,
            summary="Applicants' names with their scores (demo)",
        )
        audit.record(
            action=audit.Action.DATA_EXPORTED,
            organisation=organisation,
            actor=coordinator,
            summary="Selection audit trail (CSV) (demo)",
        )
    member = (
        Membership.objects.filter(group__organisation=organisation, person__user__isnull=True)
        .select_related("person")
        .order_by("person__full_name")
        .first()
    )
    if member is not None and not ErasureRequest.objects.filter(person=member.person).exists():
        ErasureRequest.objects.create(
            person=member.person, note="I have moved away. Please tell me by post when it is done."
        )
    if stdout:
        stdout.write("involvement: audit log entries and a request to delete data")
