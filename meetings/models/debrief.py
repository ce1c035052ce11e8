"""A representative's debrief after a board meeting (issue 12): what was
discussed, each point they raised and the board's answer, decisions taken,
follow-ups, and how it went for them (for the coordinators' eyes only).

Publishing it hands each point on to whichever app keeps "you said" items
(see meetings/debrief_hooks.py: meetings imports no app above it)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Person

from .core import AgendaItem, Meeting


class Debrief(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="debrief")
    representative = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="debriefs", null=True, blank=True
    )
    discussed = models.TextField("what was discussed", blank=True)
    decisions = models.TextField("decisions taken", blank=True)
    support_notes = models.TextField(
        "how it went for the representative",
        blank=True,
        help_text="Support they need next time. Only coordinators see this.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_back_at = models.DateTimeField(
        null=True, blank=True, help_text="When it went on the group's agenda (once)."
    )
    report_back_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="debriefs_reported",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting__starts_at"]

    def __str__(self):
        return f"Debrief after {self.meeting}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DebriefPoint(models.Model):
    """A point the representative raised at the board, and the board's answer."""

    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField(default=1)
    point = models.TextField("point raised")
    answer = models.TextField("the board's answer", blank=True)

    class Meta:
        ordering = ["debrief", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(point=""), name="debrief_point_not_empty"),
        ]

    def __str__(self):
        return self.point[:60]


class DebriefFollowUp(models.Model):
    """Something to follow up after the board meeting: what, who, by when."""

    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="follow_ups")
    position = models.PositiveSmallIntegerField(default=1)
    what = models.TextField("what needs doing")
    owner = models.CharField("who", max_length=150, blank=True)
    due_on = models.DateField("by when", null=True, blank=True)

    class Meta:
        ordering = ["debrief", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="debrief_follow_up_not_empty"),
        ]

    def __str__(self):
        return self.what[:60]
