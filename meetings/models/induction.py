"""The induction checklist of a new member. Members are not active until
inducted: completing the checklist moves the membership to "inducted"."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Membership


class InductionHow(models.TextChoices):
    MEETING = "meeting", "At an induction meeting"
    ONE_TO_ONE = "one_to_one", "One to one"


class InductionChecklist(models.Model):
    How = InductionHow
    ITEMS = (
        ("background_given", "Background to the group given"),
        ("ground_rules_agreed", "Ground rules agreed"),
        ("expectations_clarified", "Expectations made clear"),
        ("buddy_assigned", "Buddy assigned"),
    )
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="induction_checklist"
    )
    background_given = models.BooleanField(default=False)
    ground_rules_agreed = models.BooleanField(default=False)
    expectations_clarified = models.BooleanField(default=False)
    buddy_assigned = models.BooleanField(default=False)
    how = models.CharField(max_length=12, choices=How.choices, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(how__in=["", *InductionHow.values]), name="induction_how_valid"
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(
                    background_given=True,
                    ground_rules_agreed=True,
                    expectations_clarified=True,
                    buddy_assigned=True,
                )
                & ~Q(how=""),
                name="induction_complete_means_all_ticked",
            ),
        ]

    def __str__(self):
        return f"Induction of {self.membership}"

    @property
    def ticked(self) -> int:
        return sum(bool(getattr(self, name)) for name, _ in self.ITEMS)
