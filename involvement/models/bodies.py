"""Decision-making bodies and the members who represent the group on them."""

from django.db import models
from django.db.models import F, Q

from .accounts import Organisation
from .groups import Membership

MINIMUM_REPRESENTATIVES = 2  # "at least two service users on any decision-making group"


class DecisionMakingBodyLevel(models.TextChoices):
    CLINICAL = "clinical", "Clinical"
    FINANCIAL = "financial", "Financial"
    EXECUTIVE = "executive", "Executive"
    OPERATIONAL = "operational", "Operational"


class DecisionMakingBody(models.Model):
    Level = DecisionMakingBodyLevel
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(max_length=150, help_text='For example, "Diabetes network board".')
    level = models.CharField(
        "level of decisions", max_length=12, choices=Level.choices, default=Level.EXECUTIVE
    )
    remit = models.TextField("what it decides", blank=True)
    meeting_pattern = models.CharField(
        max_length=120, blank=True, help_text='For example, "Every two months, Tuesday mornings".'
    )
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = "decision-making body"
        verbose_name_plural = "decision-making bodies"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="body_name_unique_in_org"
            ),
            models.CheckConstraint(
                condition=Q(level__in=DecisionMakingBodyLevel.values),
                name="body_level_valid",
            ),
        ]

    def __str__(self):
        return self.name


class RepresentativeSeat(models.Model):
    """A member appointed to represent the group on a body, for a term."""

    body = models.ForeignKey(DecisionMakingBody, on_delete=models.CASCADE, related_name="seats")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="seats")
    term_start = models.DateField()
    term_end = models.DateField(null=True, blank=True, help_text="Leave empty if open-ended.")
    ended_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="seat_term_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.membership.person} on {self.body}"
