"""The reflective review: a short check-in survey for a group's members
("how is the group working, should we change anything?")."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Group, Person


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReflectiveReview(models.Model):
    Status = ReviewStatus
    QUESTIONS = (
        ("working_well", "How well is the group working?"),
        ("heard", "How well are members' views heard?"),
        ("making_difference", "How much difference is the group making?"),
    )
    SCALE = (
        (1, "1 – Not at all well"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5 – Very well"),
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="reflective_reviews")
    title = models.CharField(max_length=150)
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="reflective_review_status_valid"
            )
        ]

    def __str__(self):
        return self.title


class ReviewResponse(models.Model):
    """One member's answers. Free text is shown to the coordinator without the
    name unless the member agreed to be named."""

    review = models.ForeignKey(ReflectiveReview, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    working_well = models.PositiveSmallIntegerField()
    heard = models.PositiveSmallIntegerField()
    making_difference = models.PositiveSmallIntegerField()
    change = models.TextField("should we change anything?", blank=True)
    may_name = models.BooleanField(
        "the coordinator may see my name with my comments", default=False
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="one_review_response_each"),
            models.CheckConstraint(
                condition=Q(working_well__gte=1, working_well__lte=5)
                & Q(heard__gte=1, heard__lte=5)
                & Q(making_difference__gte=1, making_difference__lte=5),
                name="review_response_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.person} on {self.review}"
