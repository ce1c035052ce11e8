"""Reads of the notification outbox, already scoped by the caller's access
check (involvement.permissions) and joined so that counts stay flat."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from .. import permissions
from ..models import Notification, Organisation, Person, PrintBatch
from ..models.outbox import number_from_reference

Channel = Notification.Channel
Status = Notification.Status

RECENT_BATCHES = 20
RECENT_CANCELLED_CALLS = 20
CANCELLED_CALLS_SHOWN_FOR = timedelta(days=14)


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    """The signed-in person's own messages, newest first (cancelled ones left out)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient__user=user)
        .exclude(status=Status.CANCELLED)
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )


def notification_unread_count(*, user) -> int:
    """How many of the signed-in person's messages they have not opened: one
    query, remembered for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return 0
    cached = getattr(user, "_involve_unread_messages", None)
    if cached is None:
        cached = (
            Notification.objects.filter(recipient__user=user, read_at__isnull=True)
            .exclude(status=Status.CANCELLED)
            .count()
        )
        user._involve_unread_messages = cached
    return cached


def notification_list_for_person(*, person: Person, user) -> QuerySet[Notification]:
    """A person's messages that `user` may see (for coordinators: those their
    organisations sent): those that may not have been sent or failed first,
    so that someone decides about them, then newest first."""
    return (
        permissions.notifications_visible_to(user)
        .filter(recipient=person)
        .select_related("organisation", "print_batch")
        .annotate(
            needs_a_look=Case(
                When(status__in=[Status.INTERRUPTED, Status.FAILED], then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("needs_a_look", "-created_at", "-pk")
    )


def notification_list_for_organisation(
    *, organisation: Organisation, status="", channel="", kind="", person="", reference=""
) -> QuerySet[Notification]:
    """Every message the organisation sends, narrowed by the filters given:
    those that may not have been sent, then those that failed, first (someone
    must decide about them), then newest first. `person` matches part of a
    name; `reference` is the short reference printed on a letter. Joined, so a
    page of any length is a fixed number of queries."""
    messages = Notification.objects.filter(organisation=organisation)
    if status:
        messages = messages.filter(status=status)
    if channel:
        messages = messages.filter(channel=channel)
    if kind:
        messages = messages.filter(kind=kind)
    if person:
        messages = messages.filter(
            Q(recipient__full_name__icontains=person)
            | Q(recipient__preferred_name__icontains=person)
        )
    if reference:
        messages = messages.filter(pk=number_from_reference(reference) or 0)
    return (
        messages.select_related("recipient", "print_batch")
        .annotate(
            needs_a_look=Case(
                When(status=Status.INTERRUPTED, then=Value(0)),
                When(status=Status.FAILED, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("needs_a_look", "-created_at", "-pk")
    )


def letter_list_waiting(*, organisation: Organisation) -> QuerySet[Notification]:
    """Letters waiting to go into a print batch, in name order."""
    return (
        Notification.objects.filter(
            organisation=organisation,
            channel=Channel.POST,
            status=Status.PENDING,
            print_batch__isnull=True,
        )
        .select_related("recipient")
        .order_by("recipient__full_name", "created_at")
    )


def call_list_waiting(*, organisation: Organisation) -> QuerySet[Notification]:
    """Messages waiting for a coordinator to phone the person, oldest first."""
    return (
        Notification.objects.filter(
            organisation=organisation, channel=Channel.PHONE, status=Status.PENDING
        )
        .select_related("recipient")
        .order_by("created_at", "pk")
    )


def call_list_cancelled(*, organisation: Organisation, shown: int = RECENT_CANCELLED_CALLS):
    """Calls no longer needed (checked again and cancelled, with the reason),
    most recent first, so the coordinator sees why a call left the list."""
    since = timezone.now() - CANCELLED_CALLS_SHOWN_FOR
    return (
        Notification.objects.filter(
            organisation=organisation,
            channel=Channel.PHONE,
            status=Status.CANCELLED,
            created_at__gte=since,
        )
        .exclude(cancelled_reason="")
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:shown]
    )


def print_batch_list(*, organisation: Organisation, limit: int = RECENT_BATCHES):
    """The organisation's most recent print batches with their letter counts."""
    return (
        PrintBatch.objects.filter(organisation=organisation)
        .select_related("created_by", "printed_by")
        .annotate(letter_count=Count("letters", filter=~Q(letters__status=Status.CANCELLED)))
        .order_by("-created_at", "-pk")[:limit]
    )


def print_batch_letters(*, batch: PrintBatch) -> QuerySet[Notification]:
    """The letters of a batch that are to be printed (cancelled ones left out),
    in name order: the order they come out of the printer."""
    return (
        batch.letters.exclude(status=Status.CANCELLED)
        .select_related("recipient")
        .order_by("recipient__full_name", "pk")
    )


def outbox_organisations_for(*, user) -> QuerySet[Organisation]:
    """Organisations whose letters and calls the user handles, with how many
    of each are waiting."""
    if permissions.is_platform_admin(user):
        organisations = Organisation.objects.all()
    else:
        organisations = Organisation.objects.filter(
            id__in=permissions.organisation_ids(user, *permissions.MESSAGE_ROLES)
        )
    waiting = Q(notifications__status=Status.PENDING)
    return organisations.annotate(
        letters_waiting=Count(
            "notifications",
            filter=waiting
            & Q(notifications__channel=Channel.POST, notifications__print_batch__isnull=True),
        ),
        calls_waiting=Count(
            "notifications", filter=waiting & Q(notifications__channel=Channel.PHONE)
        ),
    ).order_by("name")
