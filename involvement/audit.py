"""Writing to the organisation's audit log: one small function for every app.

Services call ``record(...)`` for each sensitive action (apps above
involvement import this module; involvement imports none of them). The
request's address and signed-in person are taken from ``AuditContextMiddleware``
so that services, which know nothing of requests, need not pass them; a
scheduled task records with no address and no actor unless it names one.

    audit.record(
        action=audit.Action.CLAIM_APPROVED,
        organisation=claim.organisation,
        actor=by,
        target=claim,
        summary=f"Claim {claim.pk}",
    )
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

from .adapters import client_ip
from .models import AuditAction, AuditEntry

Action = AuditAction


@dataclass(frozen=True)
class _Context:
    ip_address: str | None
    user: object | None


_context: contextvars.ContextVar[_Context | None] = contextvars.ContextVar(
    "involve_audit_context", default=None
)


def _actor_label(actor) -> str:
    if actor is None:
        return "Scheduled task"
    name = getattr(actor, "full_name", "") or ""
    email = getattr(actor, "email", "") or ""
    return f"{name} ({email})" if name and email else (name or email or str(actor))


def record(
    *,
    action: str,
    organisation=None,
    actor=None,
    target=None,
    summary: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Add one entry to the audit log. ``target`` is the object acted on (its
    kind and id are kept, not its contents); ``summary`` names it by
    reference, never by special-category data."""
    context = _context.get()
    if actor is None and context is not None:
        user = context.user
        if user is not None and getattr(user, "is_authenticated", False):
            actor = user
    object_type = object_id = ""
    if target is not None:
        object_type = target._meta.verbose_name
        object_id = str(target.pk)
    entry = AuditEntry(
        organisation=organisation,
        actor=actor,
        actor_label=_actor_label(actor)[:200],
        action=action,
        object_type=object_type[:60],
        object_id=object_id[:40],
        summary=summary[:300],
        ip_address=context.ip_address if context is not None else None,
        detail=detail or {},
    )
    entry.full_clean(exclude=["organisation", "actor"])
    entry.save()
    return entry


class AuditContextMiddleware:
    """Keeps the request's client address (settings.INVOLVE_TRUSTED_PROXIES
    decides whether X-Forwarded-For is believed) and signed-in person for
    ``record`` while the request is handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _context.set(
            _Context(ip_address=client_ip(request), user=getattr(request, "user", None))
        )
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def person_reference(person) -> str:
    """How the log names a person: by reference, so it outlives erasure."""
    return f"Person {person.pk}"


def record_about_person(
    *, person, action: str, actor=None, summary: str = "", detail: dict | None = None
) -> list[AuditEntry]:
    """One entry in the log of each organisation whose groups the person is
    (or was) in; one with no organisation when they are in none yet."""
    from .models import Membership

    organisation_ids = sorted(
        set(
            Membership.objects.filter(person=person).values_list(
                "group__organisation_id", flat=True
            )
        )
    )
    summary = summary or person_reference(person)
    return [
        record(
            action=action,
            organisation=_organisation_ref(organisation_id),
            actor=actor,
            target=person,
            summary=summary,
            detail=detail,
        )
        for organisation_id in organisation_ids or [None]
    ]


def _organisation_ref(organisation_id):
    from .models import Organisation

    if organisation_id is None:
        return None
    return Organisation(pk=organisation_id)


def record_about_user(*, user, action: str, actor=None, detail: dict | None = None) -> list:
    """One entry in the log of each organisation the account is staff of or
    a member in; one with no organisation when it is in none (sign-ins,
    sign-outs, two-step sign-in changes)."""
    from .models import Membership, StaffRole

    organisation_ids = set(
        StaffRole.objects.filter(user=user).values_list("organisation_id", flat=True)
    ) | set(
        Membership.objects.filter(person__user=user).values_list(
            "group__organisation_id", flat=True
        )
    )
    return [
        record(
            action=action,
            organisation=_organisation_ref(organisation_id),
            actor=actor,
            target=user,
            summary=f"Account {user.pk}",
            detail=detail,
        )
        for organisation_id in sorted(organisation_ids) or [None]
    ]


EXPIRE_FUNCTION = "involvement_auditentry_expire"


def expire(*, before) -> int:
    """Delete the entries written before ``before`` (the retention period):
    the only delete the log allows. On PostgreSQL it goes through the
    database function that the append-only trigger lets through (migration
    0011), which refuses to touch anything under a year old."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {EXPIRE_FUNCTION}(%s)", [before])
            return cursor.fetchone()[0]
        cursor.execute(
            "DELETE FROM involvement_auditentry WHERE at < %s",
            [connection.ops.adapt_datetimefield_value(before)],
        )
        return cursor.rowcount
