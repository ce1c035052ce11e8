"""The work plan of a group, versioned because it is "adapted as necessary":
work items, where each feeds into decisions, and reviews of the plan."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from involvement.models import DecisionMakingBody, Group
from meetings.models import AgendaItem

from .exercises import PriorityExercise, Theme


class PlanStatus(models.TextChoices):
    CURRENT = "current", "Current"
    SUPERSEDED = "superseded", "Replaced by a later version"


class WorkPlan(models.Model):
    """One version of a group's work plan. Exactly one version is current;
    older versions stay readable."""

    Status = PlanStatus
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="work_plans")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CURRENT)
    exercise = models.ForeignKey(
        PriorityExercise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_plans",
        help_text="The priority exercise the plan draws on.",
    )
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    change_summary = models.TextField("what changed from the last version", blank=True)
    next_review_on = models.DateField("next review of the plan", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="work_plan_version_unique"),
            models.UniqueConstraint(
                fields=["group"], condition=Q(status="current"), name="one_current_work_plan"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="work_plan_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="work_plan_version_positive"),
        ]

    def __str__(self):
        return f"{self.group} work plan, version {self.version}"

    @property
    def is_current(self) -> bool:
        return self.status == PlanStatus.CURRENT


class WorkItemOrigin(models.TextChoices):
    USERS = "users", "Members' priority"
    ORGANISATION = "organisation", "Organisation's priority"
    BOTH = "both", "Both: a shared priority"


class WorkItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    ON_HOLD = "on_hold", "On hold"
    DONE = "done", "Done"
    DROPPED = "dropped", "Stopped"


class WorkItem(models.Model):
    Origin = WorkItemOrigin
    Status = WorkItemStatus
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(max_length=200)
    description = models.TextField("what it is about, in plain English")
    origin = models.CharField(
        "whose priority it is", max_length=12, choices=Origin.choices, default=Origin.BOTH
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="work_items")
    body = models.ForeignKey(
        DecisionMakingBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_items",
        verbose_name="decision-making body it feeds",
    )
    feed_in_by = models.DateField("the group's views are needed by", null=True, blank=True)
    lead = models.CharField(max_length=150, blank=True, help_text="Who leads this piece of work.")
    starts_on = models.DateField("start", null=True, blank=True)
    target_on = models.DateField("target date", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    constraints_stated = models.TextField(
        "constraints the organisation has stated",
        blank=True,
        help_text=(
            "Be clear about what limits what the organisation can do, "
            "for example money or national rules."
        ),
    )
    agenda_items = models.ManyToManyField(AgendaItem, blank=True, related_name="work_items")
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text="The same piece of work in the previous version of the plan.",
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(origin__in=WorkItemOrigin.values), name="work_item_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=WorkItemStatus.values), name="work_item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(target_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(target_on__gte=F("starts_on")),
                name="work_item_target_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def status_colour(self) -> str:
        return {
            "planned": "blue",
            "in_progress": "yellow",
            "on_hold": "orange",
            "done": "green",
            "dropped": "grey",
        }.get(self.status, "")


class PlanReview(models.Model):
    """A review of the plan: what changed and why, and the version it led to."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("date of the review")
    what_changed = models.TextField("what changed")
    why = models.TextField("why it changed")
    new_version = models.OneToOneField(
        WorkPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="made_by_review"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-held_on", "-id"]

    def __str__(self):
        return f"Review of {self.plan} on {self.held_on}"
