from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Organisation

from .roles import SignpostEntry
from .vacancies import Vacancy


class SelectionMode(models.TextChoices):
    BALANCED = "balanced", "Highest scores that meet the diversity minimums"
    LOTTERY = "lottery", "Stratified lottery among qualified applicants"


class SelectionProposal(models.Model):
    """What the platform proposed for a vacancy's places, and what the
    coordinator did with it. `explanation` keeps the reasoning shown."""

    Mode = SelectionMode
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="proposals")
    mode = models.CharField(max_length=10, choices=SelectionMode.choices)
    seed = models.BigIntegerField(null=True, blank=True, help_text="The lottery's random seed.")
    proposed = models.JSONField(default=list, help_text="Application ids proposed.")
    final = models.JSONField(default=list, blank=True, help_text="Application ids accepted.")
    explanation = models.JSONField(default=dict)
    feasible = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=SelectionMode.values), name="selection_mode_valid"
            )
        ]

    def __str__(self):
        return f"{self.get_mode_display()} proposal for {self.vacancy}"


class Enquiry(models.Model):
    """Someone who got in touch, often really wanting advice or support, and
    where they were signposted."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="enquiries"
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.SET_NULL, null=True, blank=True, related_name="enquiries"
    )
    name = models.CharField(max_length=150)
    contact = models.CharField(max_length=200, blank=True)
    summary = models.TextField("what they asked")
    signposted_to = models.ManyToManyField(SignpostEntry, blank=True, related_name="enquiries")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    received_on = models.DateField()

    class Meta:
        ordering = ["-received_on"]
        verbose_name_plural = "enquiries"

    def __str__(self):
        return f"Enquiry from {self.name}"
