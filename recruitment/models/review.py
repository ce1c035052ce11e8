"""Which reviewer reads which application, and each organisation's
recruitment settings (how long unsuccessful applications are kept)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Organisation

from .applications import Application
from .scoring import PanelMember


class ReviewAssignment(models.Model):
    """A panel member is asked to score an application. Assigned evenly, so
    that each application gets the vacancy's reviewers_per_application."""

    panel_member = models.ForeignKey(
        PanelMember, on_delete=models.CASCADE, related_name="assignments"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "panel_member"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel_member", "application"], name="review_assignment_unique"
            )
        ]

    def __str__(self):
        return f"{self.panel_member.user} reviews {self.application}"


class RecruitmentSettings(models.Model):
    """Per-organisation recruitment settings."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="recruitment_settings"
    )
    retention_days = models.PositiveIntegerField(
        "keep unsuccessful applications for (days)",
        default=365,
        help_text=(
            "After this many days from the decision, the names and answers of people "
            "who were not selected are removed. Scores and the audit trail stay, by reference."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "recruitment settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_days__gte=30), name="recruitment_retention_at_least_30_days"
            )
        ]

    def __str__(self):
        return f"Recruitment settings of {self.organisation}"
