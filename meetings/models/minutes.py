"""Minutes of a meeting, corrections to the draft, actions, and the feedback
summary sent to members before the next meeting.

Minutes go draft → circulated (attendees may correct them until a deadline) →
approved (by the chair or at the next meeting) → published to every member."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Person

from .core import AgendaItem, Meeting


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CIRCULATED = "circulated", "Sent for corrections"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class Minutes(models.Model):
    Status = MinutesStatus
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    corrections_due = models.DateField(null=True, blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approval_note = models.CharField(
        max_length=200, blank=True, help_text="For example, agreed at the meeting on 4 March."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values), name="minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=MinutesStatus.DRAFT) | Q(corrections_due__isnull=False),
                name="minutes_circulated_have_deadline",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[MinutesStatus.DRAFT, MinutesStatus.CIRCULATED])
                | Q(approved_at__isnull=False),
                name="minutes_approved_have_date",
            ),
        ]

    def __str__(self):
        return f"Minutes of {self.meeting}"

    @property
    def status_colour(self) -> str:
        return {
            MinutesStatus.DRAFT: "grey",
            MinutesStatus.CIRCULATED: "yellow",
            MinutesStatus.APPROVED: "blue",
            MinutesStatus.PUBLISHED: "green",
        }.get(self.status, "")


class MinuteEntry(models.Model):
    """What was said and what was agreed under one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    said = models.TextField("what was said", blank=True)
    agreed = models.TextField("what was agreed", blank=True)

    class Meta:
        ordering = ["minutes", "agenda_item__position", "agenda_item_id"]
        verbose_name_plural = "minute entries"
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "agenda_item"], name="one_minute_entry_per_item"
            )
        ]

    def __str__(self):
        return f"{self.minutes}: {self.agenda_item}"


class CorrectionStatus(models.TextChoices):
    OPEN = "open", "Waiting"
    MADE = "made", "Made"
    NOT_MADE = "not_made", "Not made"


class Correction(models.Model):
    """An attendee's correction to draft minutes."""

    Status = CorrectionStatus
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minutes", "submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CorrectionStatus.values), name="correction_status_valid"
            )
        ]

    def __str__(self):
        return f"Correction by {self.person} to {self.minutes}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Action(models.Model):
    """Something agreed at a meeting that someone will do by a date."""

    Status = ActionStatus
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(
        "named staff member", max_length=150, blank=True, help_text="For example, Dr Ana Lopez."
    )
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    progress = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["meeting", "status"], name="action_meeting_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(owner_person__isnull=False, owner_name="")
                | Q(owner_person__isnull=True) & ~Q(owner_name=""),
                name="action_has_one_owner",
            ),
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    @property
    def status_colour(self) -> str:
        return {
            ActionStatus.OPEN: "grey",
            ActionStatus.IN_PROGRESS: "blue",
            ActionStatus.DONE: "green",
            ActionStatus.DROPPED: "white",
        }.get(self.status, "")


class FeedbackSummary(models.Model):
    """The summary of a meeting (what was agreed, actions and progress) sent to
    every member before the next meeting. Each member gets it once."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="feedback_summary"
    )
    next_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "feedback summaries"

    def __str__(self):
        return f"Feedback summary of {self.meeting}"
