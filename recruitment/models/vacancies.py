import uuid

from django.db import models
from django.db.models import F, Q

from involvement.models import Group

from .roles import OutreachChannel, RoleDescription


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed: scoring and selection"
    DECIDED = "decided", "Decided"


class Vacancy(models.Model):
    """A recruitment round for a role: places, dates, reach, and the panel rules."""

    Status = VacancyStatus
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role_description = models.ForeignKey(
        RoleDescription, on_delete=models.PROTECT, related_name="vacancies"
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="vacancies",
        help_text="The group whose places this fills, and whose diversity factors apply.",
    )
    title = models.CharField(max_length=150)
    places = models.PositiveSmallIntegerField(default=1)
    opens_on = models.DateField()
    closes_on = models.DateField()
    scoring_deadline = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    outreach_channels = models.ManyToManyField(
        OutreachChannel, blank=True, related_name="vacancies"
    )
    reviewers_per_application = models.PositiveSmallIntegerField(default=3)
    moderation_margin = models.PositiveSmallIntegerField(
        default=2,
        help_text="Flag for moderation when reviewers' scores for a criterion differ by more.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VacancyStatus.values), name="vacancy_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="vacancy_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="vacancy_has_places"),
            models.CheckConstraint(
                condition=Q(reviewers_per_application__gte=1),
                name="vacancy_has_reviewers",
            ),
        ]

    def __str__(self):
        return self.title
