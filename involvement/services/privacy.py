"""Privacy rights: a copy of everything held about a person (built in the
background, with progress), erasure on request, and retention.

Each app's part comes through involvement.personal_data (sections for the
copy, erasers for erasure); the core's own part is here."""

from __future__ import annotations

import datetime
import json

from celery import signature
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .. import audit, personal_data
from ..errors import ApplicationError
from ..models import (
    DiversityConsent,
    DiversityProfile,
    ErasureRequest,
    Membership,
    Notification,
    Person,
    PersonalDataExport,
    PrintBatch,
)
from ..pdf import render_pdf
from .people import PROFILE_FIELDS

BUILD_TASK = "involvement.build_personal_data_export"
ERASED_NAME = "Erased person"


def _when(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y %H:%M")
    return value.strftime("%-d %B %Y")


# --- the core's sections --------------------------------------------------------


def _profile(person: Person) -> list[dict[str, str]]:
    record = {}
    for name in PROFILE_FIELDS:
        field = Person._meta.get_field(name)
        value = getattr(person, name)
        if field.choices:
            value = getattr(person, f"get_{name}_display")()
        elif isinstance(value, bool):
            value = "Yes" if value else "No"
        record[str(field.verbose_name).capitalize()] = str(value)
    record["Account email"] = person.user.email if person.user_id else "No account"
    record["Record created"] = _when(person.created_at)
    return [record]


def _diversity(person: Person) -> list[dict[str, str]]:
    records = []
    profile = DiversityProfile.objects.filter(person=person).first()
    if profile is not None:
        record = {}
        for field in DiversityProfile._meta.concrete_fields:
            if field.name in {"id", "person"}:
                continue
            value = getattr(profile, field.attname)
            if field.choices:
                value = getattr(profile, f"get_{field.name}_display")()
            record[str(field.verbose_name).capitalize()] = (
                _when(value) if field.name == "updated_at" else str(value)
            )
        records.append(record)
    for consent in DiversityConsent.objects.filter(person=person):
        records.append(
            {
                "Agreement": consent.wording,
                "Given": _when(consent.given_at),
                "Withdrawn": _when(consent.withdrawn_at) or "Not withdrawn",
            }
        )
    return records


def _memberships(person: Person) -> list[dict[str, str]]:
    return [
        {
            "Group": membership.group.name,
            "Organisation": membership.group.organisation.name,
            "Status": membership.get_status_display(),
            "Since": _when(membership.status_changed_on),
            "Induction": _when(membership.induction_date),
        }
        for membership in Membership.objects.filter(person=person).select_related(
            "group__organisation"
        )
    ]


def _messages(person: Person) -> list[dict[str, str]]:
    return [
        {
            "Sent": _when(notification.created_at),
            "By": notification.get_channel_display(),
            "Subject": notification.subject,
            "Message": notification.body_text,
        }
        for notification in Notification.objects.filter(recipient=person).order_by("created_at")
    ]


CORE_SECTIONS = [
    personal_data.Section("profile", "Your profile and support needs", _profile),
    personal_data.Section("diversity", "Your diversity information and agreement", _diversity),
    personal_data.Section("memberships", "Groups you are or were in", _memberships),
    personal_data.Section("messages", "Messages we sent you", _messages),
]


def all_sections() -> list[personal_data.Section]:
    return [*CORE_SECTIONS, *personal_data.sections()]


# --- "Download your data" -------------------------------------------------------------


def data_export_current(*, person: Person) -> PersonalDataExport | None:
    return PersonalDataExport.objects.filter(person=person).defer("pdf").first()


@transaction.atomic
def data_export_request(*, person: Person) -> PersonalDataExport:
    """Start a new copy (one at a time): the worker builds it."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    busy = PersonalDataExport.objects.filter(
        person=person,
        status__in=[PersonalDataExport.Status.WAITING, PersonalDataExport.Status.RUNNING],
    ).first()
    if busy is not None:
        raise ApplicationError(
            "We are already making a copy of your data. It will be ready soon.",
            code="export_running",
        )
    export = PersonalDataExport(person=person)
    export.full_clean()
    export.save()

    transaction.on_commit(lambda: signature(BUILD_TASK, args=(export.pk,)).delay())
    return export


def data_export_build(*, export_id: int) -> PersonalDataExport | None:
    """Gather each section, saving the progress after each; then the JSON,
    the readable page and the PDF. Safe to run twice: a ready copy is left alone."""
    export = PersonalDataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.status == PersonalDataExport.Status.READY:
        return export
    export.status = PersonalDataExport.Status.RUNNING
    export.progress = 0
    export.save(update_fields=["status", "progress"])
    try:
        sections = all_sections()
        gathered = []
        for number, section in enumerate(sections, start=1):
            gathered.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "records": section.collect(export.person),
                }
            )
            export.progress = min(95, round(number * 95 / len(sections)))
            export.save(update_fields=["progress"])
        made_at = timezone.now()
        document = {
            "service": settings.SITE_NAME,
            "made_at": made_at.isoformat(),
            "person_reference": audit.person_reference(export.person),
            "sections": gathered,
        }
        export.json_text = json.dumps(document, indent=2, ensure_ascii=False)
        export.html_text = render_to_string(
            "involvement/privacy/export_document.html",
            {"sections": gathered, "made_at": made_at, "site_name": settings.SITE_NAME},
        )
        export.pdf = render_pdf(
            "involvement/pdf/your_data.html",
            {"sections": gathered, "made_at": made_at},
            title=f"Your data from {settings.SITE_NAME}",
        )
        export.status = PersonalDataExport.Status.READY
        export.progress = 100
        export.finished_at = made_at
        export.save(
            update_fields=["json_text", "html_text", "pdf", "status", "progress", "finished_at"]
        )
    except Exception:
        export.status = PersonalDataExport.Status.FAILED
        export.save(update_fields=["status"])
        raise
    return export


def data_export_downloaded(*, export: PersonalDataExport, kind: str, by) -> None:
    audit.record_about_person(
        person=export.person,
        action=audit.Action.PERSONAL_DATA_DOWNLOADED,
        actor=by,
        detail={"kind": kind, "export": export.pk},
    )


# --- erasure -------------------------------------------------------------------------


def erasure_request_open(*, person: Person) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(person=person, status=ErasureRequest.Status.OPEN).first()


@transaction.atomic
def erasure_request_create(*, person: Person, note: str = "") -> ErasureRequest:
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if erasure_request_open(person=person) is not None:
        raise ApplicationError(
            "You have already asked us to delete your data. We will tell you when it is done.",
            code="erasure_open",
        )
    request = ErasureRequest(person=person, note=note.strip())
    request.full_clean()
    request.save()
    audit.record_about_person(person=person, action=audit.Action.ERASURE_REQUESTED)
    return request


MEMBERSHIPS_KEPT = (
    "Which groups the person was in and when, with no name or contact details: the "
    "group's meeting and payment records refer to it."
)


def _erase_core(person: Person) -> list[str]:
    DiversityProfile.objects.filter(person=person).delete()
    DiversityConsent.objects.filter(person=person).delete()
    Notification.objects.filter(recipient=person).delete()
    PersonalDataExport.objects.filter(person=person).delete()
    user = person.user
    person.full_name = f"{ERASED_NAME} {person.pk}"
    for name in (
        "preferred_name",
        "email",
        "phone",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "language",
        "other_support_needs",
    ):
        setattr(person, name, "")
    for name in (
        "large_print",
        "needs_step_free_access",
        "needs_hearing_loop",
        "needs_bsl_interpreter",
        "available_daytime",
        "available_evening",
        "online_only",
    ):
        setattr(person, name, False)
    person.contact_channel = Person.Channel.POST
    person.user = None
    person.save()
    if user is not None:
        _erase_account(user)
    kept = []
    if Membership.objects.filter(person=person).exists():
        kept.append(MEMBERSHIPS_KEPT)
    return kept


def _erase_account(user) -> None:
    """The login is closed and its details removed; the row stays (the audit
    log refers to it)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from rest_framework.authtoken.models import Token

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ""
    user.preferred_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def erasure_carry_out(*, erasure: ErasureRequest, by) -> ErasureRequest:
    """Erase the person: every app's part first (they find it through the
    person), then the core's. What must be kept is kept, anonymised, and the
    reasons are written on the request."""
    erasure = ErasureRequest.objects.select_for_update().select_related("person").get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.OPEN:
        raise ApplicationError("This request has already been carried out.", code="erasure_done")
    person = erasure.person
    # Logged before the person's memberships are all that is left to find the
    # organisations by.
    audit.record_about_person(person=person, action=audit.Action.ERASURE_CARRIED_OUT, actor=by)
    kept: list[str] = []
    for erase in personal_data.erasers():
        kept.extend(erase(person))
    kept.extend(_erase_core(person))
    erasure.status = ErasureRequest.Status.CARRIED_OUT
    erasure.carried_out_at = timezone.now()
    erasure.carried_out_by = by
    erasure.kept = kept
    erasure.note = ""
    erasure.save(update_fields=["status", "carried_out_at", "carried_out_by", "kept", "note"])
    return erasure


# --- retention ------------------------------------------------------------------------


@transaction.atomic
def privacy_retention_apply(*, now=None) -> dict[str, int]:
    """Remove what has been kept as long as the documented periods allow
    (docs/security.md): diversity information of people who left every group
    more than settings.INVOLVE_DIVERSITY_RETENTION_DAYS ago, copies of
    people's data older than settings.INVOLVE_DATA_EXPORT_RETENTION_DAYS,
    audit log entries older than settings.INVOLVE_AUDIT_RETENTION_DAYS,
    messages older than settings.INVOLVE_MESSAGE_RETENTION_DAYS, and
    whatever the apps' retention rules remove (expenses: claims and receipts
    six years after their tax year). (Unsuccessful applications:
    recruitment's own retention task.)"""
    now = now or timezone.now()
    today = timezone.localdate(now)
    left_before = today - datetime.timedelta(days=settings.INVOLVE_DIVERSITY_RETENTION_DAYS)
    current = Membership.objects.exclude(status=Membership.Status.LEFT).values("person_id")
    recent = Membership.objects.filter(status_changed_on__gt=left_before).values("person_id")
    expired_people = list(
        Person.objects.filter(memberships__isnull=False, diversity__isnull=False)
        .exclude(pk__in=current)
        .exclude(pk__in=recent)
        .distinct()
    )
    for person in expired_people:
        DiversityProfile.objects.filter(person=person).delete()
        DiversityConsent.objects.filter(person=person, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        audit.record_about_person(
            person=person,
            action=audit.Action.RETENTION_APPLIED,
            detail={"removed": "diversity information"},
        )
    exports_before = now - datetime.timedelta(days=settings.INVOLVE_DATA_EXPORT_RETENTION_DAYS)
    exports, _ = PersonalDataExport.objects.filter(requested_at__lt=exports_before).delete()
    removed = {
        "diversity": len(expired_people),
        "exports": exports,
        **messages_retention_apply(now=now),
    }
    for key, apply in sorted(personal_data.retention_rules().items()):
        for kind, count in apply(now=now).items():
            removed[f"{key}.{kind}"] = count
    removed["audit"] = audit_retention_apply(now=now)
    return removed


def messages_retention_apply(*, now=None) -> dict[str, int]:
    """Delete messages made more than settings.INVOLVE_MESSAGE_RETENTION_DAYS
    ago that are finished with (sent, failed, cancelled or maybe sent: never
    one still waiting or being sent), and print batches of that age left with
    no letters. A message's text holds the person's name and what it was
    about; once it is that old nobody needs it to run the group."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.INVOLVE_MESSAGE_RETENTION_DAYS)
    finished = [
        Notification.Status.SENT,
        Notification.Status.FAILED,
        Notification.Status.CANCELLED,
        Notification.Status.INTERRUPTED,
    ]
    messages, _ = Notification.objects.filter(created_at__lt=before, status__in=finished).delete()
    batches, _ = PrintBatch.objects.filter(created_at__lt=before, letters__isnull=True).delete()
    if messages or batches:
        audit.record(
            action=audit.Action.RETENTION_APPLIED,
            summary=f"{messages} messages and {batches} print batches",
            detail={
                "removed": "messages and print batches",
                "messages": messages,
                "print_batches": batches,
                "before": before.isoformat(),
            },
        )
    return {"messages": messages, "print_batches": batches}


def audit_retention_apply(*, now=None) -> int:
    """Delete audit entries older than the log's retention period (through
    the one path the database allows: involvement.audit.expire), and record
    that it was done (an entry of its own, with no organisation)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(days=settings.INVOLVE_AUDIT_RETENTION_DAYS)
    count = audit.expire(before=before)
    if count:
        audit.record(
            action=audit.Action.RETENTION_APPLIED,
            summary=f"{count} audit log entries",
            detail={"removed": "audit log entries", "count": count, "before": before.isoformat()},
        )
    return count
