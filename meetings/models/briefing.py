"""The briefing before a board meeting (issue 12): what the coordinator
prepares for the body's representatives — a plain-English summary of each
board paper, the glossary terms they will meet, what to expect on the day —
and the points the group wants raised, gathered until a cut-off.

The briefing pack (one PDF, standard and large print) is built from it in
the background and kept until an input changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Person

from .core import AgendaItem, Meeting
from .papers import Paper


def pack_path(instance, filename):
    return f"briefing-packs/{instance.meeting_id}/{filename}"


class BriefingPackState(models.TextChoices):
    NONE = "none", "Not made yet"
    BUILDING = "building", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Could not be made"


class Briefing(models.Model):
    PackState = BriefingPackState
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="briefing")
    what_to_expect = models.TextField("what to expect", blank=True)
    points_close_on = models.DateField(
        "last day for points", help_text="Members can add points until the end of this day."
    )
    pre_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="briefings_prepared",
        help_text="The group meeting where the group talks about the board meeting first.",
    )
    glossary_terms = models.JSONField(default=list, blank=True)
    pack_state = models.CharField(
        max_length=10, choices=BriefingPackState.choices, default=BriefingPackState.NONE
    )
    pack_file = models.FileField(upload_to=pack_path, blank=True, max_length=255)
    pack_large_print_file = models.FileField(upload_to=pack_path, blank=True, max_length=255)
    pack_inputs = models.CharField(
        max_length=64, blank=True, help_text="A fingerprint of what the kept pack was made from."
    )
    pack_built_at = models.DateTimeField(null=True, blank=True)
    pack_pages = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting__starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pack_state__in=BriefingPackState.values),
                name="briefing_pack_state_valid",
            ),
        ]

    def __str__(self):
        return f"Briefing for {self.meeting}"


class BriefingSummary(models.Model):
    """One board paper in plain English."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="summaries")
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="briefing_summaries")
    summary = models.TextField("summary in plain English")

    class Meta:
        ordering = ["briefing", "paper__created_at", "paper_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "paper"], name="one_briefing_summary_per_paper"
            ),
        ]

    def __str__(self):
        return f"Summary of {self.paper}"


class BriefingPoint(models.Model):
    """A point the group wants its representatives to raise: added online by
    a member, or by the coordinator from the pre-meeting."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="points")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="briefing_points"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="briefing_points",
    )
    point = models.TextField("point to raise")
    from_pre_meeting = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["briefing", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(point=""), name="briefing_point_not_empty"),
        ]

    def __str__(self):
        return self.point[:60]
