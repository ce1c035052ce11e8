from django.conf import settings
from django.db import models
from django.db.models import Q

from .applications import Application
from .roles import Criterion
from .vacancies import Vacancy


class PanelMember(models.Model):
    """A reviewer on a vacancy's panel: staff or an experienced service user."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_places"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    shuffle_seed = models.PositiveIntegerField(
        help_text="Seeds this reviewer's own random order of applicants."
    )
    scoring_started_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When the reviewer said they had named every applicant they know. Only then "
            "do they see applications to score, and from then on they cannot declare a "
            "conflict by name: a name declared after they had seen their list would be "
            "matched to the reference that left it."
        ),
    )

    class Meta:
        ordering = ["vacancy", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "user"], name="panel_member_unique")
        ]

    def __str__(self):
        return f"{self.user} on the panel for {self.vacancy}"


class ConflictOfInterest(models.Model):
    """A reviewer's declared conflict with an applicant: they cannot score them."""

    panel_member = models.ForeignKey(
        PanelMember, on_delete=models.CASCADE, related_name="conflicts"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField()
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel_member", "application"], name="conflict_unique")
        ]

    def __str__(self):
        return f"{self.panel_member.user} conflicted with {self.application}"


class Score(models.Model):
    """One reviewer's score of one application on one criterion, with the reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recruitment_scores"
    )
    score = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "criterion", "reviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "reviewer"], name="one_score_per_reviewer"
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="score_has_rationale"),
        ]

    def __str__(self):
        return f"{self.score} for {self.application} on {self.criterion.title}"


class ModeratedScore(models.Model):
    """The agreed score after moderation, recording who changed what and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="moderated_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    previous_mean = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_moderated_score_per_criterion"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="moderation_has_reason"),
        ]

    def __str__(self):
        return f"Moderated {self.score} for {self.application} on {self.criterion.title}"
