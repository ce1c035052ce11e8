"""Board meetings read from the calendar a board publishes (an iCalendar
file uploaded, or the address it is published at, read once on request).

Each import is kept with what became of every event in it — added, updated,
cancelled, unchanged or skipped, and why — so the person who imported it
sees a summary, and "Refresh from the address" knows the address."""

from django.conf import settings
from django.db import models

from involvement.models import DecisionMakingBody


class CalendarImport(models.Model):
    body = models.ForeignKey(
        DecisionMakingBody, on_delete=models.CASCADE, related_name="calendar_imports"
    )
    source_url = models.URLField("calendar address", max_length=500, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # One row per event: {"uid", "title", "starts_at", "outcome", "reason", "meeting"}.
    rows = models.JSONField(default=list, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Calendar import for {self.body} on {self.created_at:%d %B %Y}"
