"""The organisation's audit log: who did what, to what, when and from where.

One row per sensitive action (seeing or exporting special-category data,
roles given and taken away, claims approved and paid, selection decisions,
names shown beside blind scores, exports of personal data, erasure). Rows are
only ever added: the model refuses to update or delete one, the admin shows
them read-only, and on PostgreSQL a trigger refuses UPDATE and DELETE from
any database role (migration 0009). The one exception is the retention
period: entries older than settings.INVOLVE_AUDIT_RETENTION_DAYS are deleted
by the daily retention task through the database function
``involvement_auditentry_expire`` (migration 0011), the only path the
trigger lets a DELETE through, and never for an entry under a year old.
Written through `involvement.audit.record`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .accounts import Organisation


class AuditAction(models.TextChoices):
    SPECIAL_CATEGORY_VIEWED = "special_category_viewed", "Special-category data seen"
    SPECIAL_CATEGORY_EXPORTED = "special_category_exported", "Special-category data exported"
    ROLE_GRANTED = "role_granted", "Role given"
    ROLE_REVOKED = "role_revoked", "Role removed"
    CONSENT_RECORDED = "consent_recorded", "Diversity consent recorded"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Diversity consent withdrawn"
    CLAIM_APPROVED = "claim_approved", "Claim approved"
    CLAIM_REJECTED = "claim_rejected", "Claim rejected"
    CLAIM_PAID = "claim_paid", "Claim paid"
    SELECTION_ACCEPTED = "selection_accepted", "Selection accepted"
    APPLICATION_DECIDED = "application_decided", "Application decided"
    BLIND_REVIEW_OPENED = "blind_review_opened", "Names shown beside blind scores"
    DATA_EXPORTED = "data_exported", "Personal data exported"
    PERSONAL_DATA_DOWNLOADED = "personal_data_downloaded", "Person downloaded their data"
    ERASURE_REQUESTED = "erasure_requested", "Erasure requested"
    ERASURE_CARRIED_OUT = "erasure_carried_out", "Person's data erased"
    RETENTION_APPLIED = "retention_applied", "Data removed after retention period"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    MFA_ADDED = "mfa_added", "Two-step sign-in set up"
    MFA_REMOVED = "mfa_removed", "Two-step sign-in removed"
    SEAT_APPOINTED = "seat_appointed", "Seat on a body appointed"
    SEAT_ENDED = "seat_ended", "Seat on a body ended"
    RESPONSE_PUBLISHED = "response_published", '"We did" response published'
    PERSON_LINKED = "person_linked", "Person's record linked to an account"
    PEOPLE_MERGED = "people_merged", "Duplicate people merged"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only: entries are never changed.")

    def delete(self):
        raise TypeError("The audit log is append-only: entries are never deleted.")


class AuditEntry(models.Model):
    """One sensitive action. Append-only."""

    Action = AuditAction
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for a scheduled task.",
    )
    # The actor's name when they acted: the log reads the same after their
    # account is anonymised.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    # A reference, never special-category data ("Claim 14", "Person 203").
    summary = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log entries"
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_entry_org_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_entry_action_valid"
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only: entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only: entries are never deleted.")
