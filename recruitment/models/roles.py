"""Role descriptions with their person specification, and the organisation's
lists for outreach and signposting."""

from django.db import models
from django.db.models import F, Q

from involvement.models import DecisionMakingBody, Group, Organisation


class RoleKind(models.TextChoices):
    GROUP_MEMBER = "group_member", "Member of an involvement group"
    REPRESENTATIVE = "representative", "Representative on a decision-making body"


class PaymentOffer(models.TextChoices):
    EXPENSES = "expenses", "Travel and other expenses"
    EXPENSES_AND_PAYMENT = "expenses_and_payment", "Expenses and an involvement payment"
    NONE = "none", "Nothing is paid"


class RoleDescription(models.Model):
    """What the role is, in plain English, and the person specification
    (criteria) applications are scored against. Serves group membership and,
    for recruiting from active members, board representative roles."""

    Kind = RoleKind
    Payment = PaymentOffer
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="role_descriptions"
    )
    kind = models.CharField(max_length=20, choices=RoleKind.choices, default=RoleKind.GROUP_MEMBER)
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="role_descriptions"
    )
    body = models.ForeignKey(
        DecisionMakingBody,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_descriptions",
        help_text="For a representative role: the body the representative sits on.",
    )
    title = models.CharField(max_length=150)
    purpose = models.TextField(help_text="Why the role exists, in a sentence or two.")
    activities = models.TextField("what members do")
    time_commitment = models.CharField(
        max_length=200, help_text='For example, "A two-hour meeting every month, plus reading".'
    )
    meeting_pattern = models.CharField(max_length=200, blank=True)
    payment = models.CharField(
        "what is paid",
        max_length=24,
        choices=PaymentOffer.choices,
        default=PaymentOffer.EXPENSES,
    )
    payment_details = models.TextField(blank=True)
    what_it_is_not = models.TextField(
        "what the group is not",
        default="It is not a support group, and it is not a course about managing diabetes.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RoleKind.values), name="role_description_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(payment__in=PaymentOffer.values),
                name="role_description_payment_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="representative") | Q(body__isnull=False),
                name="representative_role_names_a_body",
            ),
        ]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """One line of the person specification, with the question applicants
    answer and a scoring guide: a sentence for each score point."""

    role_description = models.ForeignKey(
        RoleDescription, on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=150, help_text='For example, "Lived experience".')
    question = models.TextField(
        help_text="What the application form asks, framed by this criterion, in plain English."
    )
    essential = models.BooleanField(default=True)
    weight = models.PositiveSmallIntegerField(default=1)
    max_score = models.PositiveSmallIntegerField(default=4)
    pass_mark = models.PositiveSmallIntegerField(
        default=2, help_text="For an essential criterion: the lowest agreed score that meets it."
    )
    scoring_guide = models.JSONField(
        default=dict, help_text='A sentence per score point: {"0": "...", "1": "...", ...}.'
    )

    class Meta:
        ordering = ["role_description", "position", "id"]
        verbose_name_plural = "criteria"
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(max_score__gte=1) & Q(max_score__lte=10),
                name="criterion_max_score_range",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=F("max_score")), name="criterion_pass_mark_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({'essential' if self.essential else 'desirable'})"


class OutreachChannel(models.Model):
    """Where the organisation advertises: an editable list per organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="outreach_channels"
    )
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="outreach_channel_unique")
        ]

    def __str__(self):
        return self.name


DEFAULT_OUTREACH_CHANNELS = [
    "GP surgeries",
    "Diabetes clinics",
    "Pharmacies",
    "Libraries",
    "Local press",
    "Local radio",
    "Community and faith organisations",
    "Voluntary organisations",
    "Previous education course participants",
    "Word of mouth",
]


class SignpostKind(models.TextChoices):
    HELPLINE = "helpline", "Helpline"
    SUPPORT_GROUP = "support_group", "Local support group"
    EDUCATION = "education", "Education course"
    OTHER = "other", "Other"


class SignpostEntry(models.Model):
    """Somewhere to send people whose enquiry is really for advice or support."""

    Kind = SignpostKind
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signposts"
    )
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=SignpostKind.choices)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["organisation", "kind", "name"]
        verbose_name_plural = "signpost entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SignpostKind.values), name="signpost_kind_valid"
            )
        ]

    def __str__(self):
        return self.name
