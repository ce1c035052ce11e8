"""'You said' items: what members said at a meeting, kept so the group can
see what happened as a result.

The response side ("we did": what happened, what did not and why, revisited
until resolved) is a later issue. Its home is here, as a `Response` model
pointing at FeedbackItem; more statuses join OPEN then."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Group
from meetings.models import AgendaItem, Meeting

from .plans import WorkItem


class FeedbackStatus(models.TextChoices):
    OPEN = "open", "Open"


class FeedbackItem(models.Model):
    Status = FeedbackStatus
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="feedback_items")
    text = models.TextField("what members said")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_items",
    )
    work_item = models.ForeignKey(
        WorkItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-recorded_at", "-id"]
        verbose_name = '"you said" item'
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
        ]

    def __str__(self):
        return self.text[:60]
