"""Papers for a meeting: uploaded files (kept privately, served only through
an access-checked view) or the generated agenda."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .core import Meeting


def paper_path(instance, filename):
    # The stored name is ours, never the uploader's: meeting-papers/<meeting>/<random>.<ext>
    return f"meeting-papers/{instance.meeting_id}/{filename}"


class PaperKind(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    AGENDA = "agenda", "The agenda (made by Involve)"


class Paper(models.Model):
    Kind = PaperKind
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=PaperKind.choices, default=PaperKind.UPLOADED)
    title = models.CharField(max_length=150)
    file = models.FileField(upload_to=paper_path, blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PaperKind.values), name="paper_kind_valid"),
        ]

    def __str__(self):
        return self.title


class PapersSending(models.Model):
    """One "send papers" action: who was sent which papers (the notifications
    carry keys made from it, so the same sending never goes twice)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers_sendings")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    paper_ids = models.JSONField(default=list)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Papers for {self.meeting} sent to {self.recipients}"
