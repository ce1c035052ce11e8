from django.conf import settings
from django.db import models

from .applications import Application
from .vacancies import Vacancy


class AuditEvent(models.Model):
    """Every step of a selection: scores, moderation, shortlist, decisions,
    changes to the proposal. Never edited; exported as the auditable record."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="audit_events")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    summary = models.TextField()
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["vacancy", "at"], name="audit_vacancy_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
