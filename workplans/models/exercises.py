"""The priority exercise: the coordinator briefs the group on live local
issues, members propose problems and solutions and vote, the organisation's
priorities are entered alongside, and the coordinator matches both into shared
themes so that everyone can see where they overlap (report §7.1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Group, Person

# The voting rule, explained on the page: each member has up to three votes and
# may give each proposal at most one of them.
VOTES_PER_MEMBER = 3


class ExerciseStage(models.TextChoices):
    PROPOSING = "proposing", "Collecting ideas"
    VOTING = "voting", "Voting"
    CLOSED = "closed", "Closed"


class PriorityExercise(models.Model):
    Stage = ExerciseStage
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="priority_exercises")
    title = models.CharField(
        max_length=150, help_text='For example, "Priorities for 2026 to 2027".'
    )
    briefing = models.TextField(
        "briefing on live local issues",
        help_text=(
            "A short summary of what is happening locally, so members can see the wider context."
        ),
    )
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.PROPOSING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.JSONField(
        default=dict, blank=True, help_text="The result as it stood when the exercise closed."
    )

    class Meta:
        ordering = ["group", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=ExerciseStage.values), name="exercise_stage_valid"
            ),
            models.CheckConstraint(
                condition=~Q(stage="closed") | Q(closed_at__isnull=False),
                name="exercise_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.stage == ExerciseStage.CLOSED

    @property
    def stage_colour(self) -> str:
        return {"proposing": "blue", "voting": "yellow", "closed": "grey"}.get(self.stage, "")


class Theme(models.Model):
    """A shared theme the coordinator matches proposals and the organisation's
    priorities into: "a common language" for priorities worded differently."""

    exercise = models.ForeignKey(PriorityExercise, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["exercise", "name"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "name"], name="theme_name_unique")
        ]

    def __str__(self):
        return self.name


class Proposal(models.Model):
    """A problem a member sees, and the solution they suggest."""

    exercise = models.ForeignKey(
        PriorityExercise, on_delete=models.CASCADE, related_name="proposals"
    )
    problem = models.TextField("the problem")
    solution = models.TextField("what would help", blank=True)
    proposed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_at_meeting = models.BooleanField(
        "raised at a meeting", default=False, help_text="Entered by the coordinator from a meeting."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["exercise", "created_at", "id"]

    def __str__(self):
        return self.problem[:60]


class Vote(models.Model):
    """One of a member's votes (at most VOTES_PER_MEMBER per exercise, one per
    proposal), cast online or entered by the coordinator from a meeting."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    cast_at_meeting = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="one_vote_per_proposal")
        ]

    def __str__(self):
        return f"{self.person} for {self.proposal}"


class OrganisationPriority(models.Model):
    """A priority the organisation has set, entered alongside members' proposals."""

    exercise = models.ForeignKey(
        PriorityExercise, on_delete=models.CASCADE, related_name="organisation_priorities"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(
        max_length=150, blank=True, help_text='Where it comes from, for example "Annual plan 2026".'
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisation_priorities",
    )

    class Meta:
        ordering = ["exercise", "id"]
        verbose_name_plural = "organisation priorities"

    def __str__(self):
        return self.title
