"""A person's privacy rights: a copy of everything held about them, and a
request to erase it that an organisation admin carries out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .people import Person


class DataExportStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    RUNNING = "running", "Being made"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be made"


class PersonalDataExport(models.Model):
    """A copy of everything held about a person, made in the background: as
    JSON (for a machine), a readable page and a PDF (for them). Deleted after
    settings.INVOLVE_DATA_EXPORT_RETENTION_DAYS, and on erasure."""

    Status = DataExportStatus
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="data_exports")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    json_text = models.TextField(blank=True)
    html_text = models.TextField(blank=True)
    pdf = models.BinaryField(blank=True, default=b"", editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DataExportStatus.values), name="data_export_status_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="data_export_progress_max"),
        ]

    def __str__(self):
        return f"Copy of data for person {self.person_id} ({self.get_status_display().lower()})"


class ErasureRequestStatus(models.TextChoices):
    OPEN = "open", "Waiting"
    CARRIED_OUT = "carried_out", "Carried out"


class ErasureRequest(models.Model):
    """A person asked for their data to be deleted. An organisation admin
    carries it out through a confirmation page; what had to be kept, and why,
    is written here and told to the person."""

    Status = ErasureRequestStatus
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="erasure_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    note = models.TextField("anything you want us to know", blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    carried_out_at = models.DateTimeField(null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kept = models.JSONField(
        default=list, blank=True, help_text="What was kept, and why (one line each)."
    )

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ErasureRequestStatus.values),
                name="erasure_request_status_valid",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="open"),
                name="one_open_erasure_request",
            ),
        ]

    def __str__(self):
        return f"Erasure request {self.pk} ({self.get_status_display().lower()})"
