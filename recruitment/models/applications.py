from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Person

from .roles import Criterion, OutreachChannel
from .vacancies import Vacancy


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    SELECTED = "selected", "Selected"
    RESERVE = "reserve", "Reserve list"
    NOT_SELECTED = "not_selected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ApplicationRoute(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "On paper, entered by the coordinator"
    PHONE = "phone", "By phone, entered by the coordinator"


class Application(models.Model):
    Status = ApplicationStatus
    Route = ApplicationRoute
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, related_name="applications"
    )
    status = models.CharField(
        max_length=14, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    route = models.CharField(
        max_length=10, choices=ApplicationRoute.choices, default=ApplicationRoute.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    heard_via = models.ForeignKey(
        OutreachChannel, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    heard_via_other = models.CharField("somewhere else", max_length=120, blank=True)
    availability = models.TextField(blank=True)
    support_needed = models.TextField("support needed to take part", blank=True)
    # When the applicant answered the question about help to take part: an
    # empty answer then means "none needed", not "not asked yet".
    support_answered_at = models.DateTimeField(null=True, blank=True)
    reference = models.CharField(
        max_length=12,
        unique=True,
        help_text="What reviewers see instead of a name: for example A-7K3Q.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vacancy", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "person"],
                condition=Q(person__isnull=False),
                name="one_application_per_person_per_vacancy",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(route__in=ApplicationRoute.values), name="application_route_valid"
            ),
        ]

    def __str__(self):
        return f"Application {self.reference}"


class Answer(models.Model):
    """An applicant's answer to one criterion's question: all reviewers see."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.application} – {self.criterion.title}"


class ConversationMode(models.TextChoices):
    PHONE = "phone", "Phone"
    FACE_TO_FACE = "face_to_face", "Face to face"
    VIDEO = "video", "Video call"


class Conversation(models.Model):
    """The informal conversation with a shortlisted applicant (not an interview)."""

    Mode = ConversationMode
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="conversation"
    )
    held_on = models.DateField()
    mode = models.CharField(max_length=14, choices=ConversationMode.choices)
    notes = models.TextField()
    match_confirmed = models.BooleanField(null=True, blank=True)
    support_agreed = models.TextField(blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=ConversationMode.values), name="conversation_mode_valid"
            )
        ]

    def __str__(self):
        return f"Conversation with {self.application}"
