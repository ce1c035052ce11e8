"""Involvement groups, their diversity factors, and memberships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from .accounts import Organisation
from .people import DiversityProfile, Person

REMINDER_DAYS_LIMIT = 60


def parse_reminder_days(value: str) -> tuple[int, ...]:
    """ "7,1" -> (7, 1): whole days, largest first, each once."""
    days = set()
    for part in (value or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= REMINDER_DAYS_LIMIT:
            raise ValidationError(
                f"Enter whole days from 1 to {REMINDER_DAYS_LIMIT}, separated by commas, like 7,1."
            )
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


def validate_reminder_days(value: str) -> None:
    parse_reminder_days(value)


class GroupCadence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    SIX_WEEKLY = "six_weekly", "Every six weeks"
    BI_MONTHLY = "bi_monthly", "Every two months"
    CUSTOM = "custom", "Another pattern"


class Group(models.Model):
    Cadence = GroupCadence
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(max_length=150)
    purpose = models.TextField(help_text="What the group is for, in a sentence or two.")
    terms_of_reference = models.TextField(blank=True)
    ground_rules = models.TextField(blank=True)
    cadence = models.CharField(
        "how often the group meets", max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    cadence_weeks = models.PositiveSmallIntegerField(
        "weeks between meetings",
        null=True,
        blank=True,
        help_text="Only for another pattern: the number of weeks between meetings.",
    )
    target_min = models.PositiveSmallIntegerField("smallest number of active members", default=10)
    target_max = models.PositiveSmallIntegerField("largest number of active members", default=14)
    reminder_days = models.CharField(
        "days before a meeting that reminders go out",
        max_length=20,
        default="7,1",
        blank=True,
        validators=[validate_reminder_days],
        help_text="Whole days, separated by commas: 7,1 sends one a week before and one the "
        "day before. Leave empty for no reminders.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="group_name_unique_in_org"
            ),
            models.CheckConstraint(
                condition=Q(cadence__in=GroupCadence.values),
                name="group_cadence_valid",
            ),
            models.CheckConstraint(
                condition=~Q(cadence="custom") | Q(cadence_weeks__gte=1),
                name="group_custom_cadence_has_weeks",
            ),
            models.CheckConstraint(
                condition=Q(target_min__gte=1) & Q(target_min__lte=F("target_max")),
                name="group_target_range_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def reminder_offsets(self) -> tuple[int, ...]:
        """Days before a meeting that reminders go out, largest first."""
        try:
            return parse_reminder_days(self.reminder_days)
        except ValidationError:
            return ()

    @property
    def cadence_description(self) -> str:
        """How often the group meets, in words: "Every six weeks"."""
        if self.cadence == GroupCadence.CUSTOM and self.cadence_weeks:
            if self.cadence_weeks == 1:
                return "Every week"
            return f"Every {self.cadence_weeks} weeks"
        return self.get_cadence_display()

    @property
    def meetings_per_year(self) -> int:
        """About how many meetings a year the cadence means."""
        weeks = {
            GroupCadence.MONTHLY: 52 / 12,
            GroupCadence.SIX_WEEKLY: 6,
            GroupCadence.BI_MONTHLY: 52 / 6,
        }.get(self.cadence, self.cadence_weeks or 4)
        return max(1, round(52 / weeks))


class DiversityFactorAttribute(models.TextChoices):
    DIABETES_TYPE = "diabetes_type", "Type of diabetes"
    AGE_BAND = "age_band", "Age"
    ETHNICITY = "ethnicity", "Ethnic group"
    LOCALITY = "locality", "Where they live"
    CARER = "carer", "Carer"
    AT_RISK = "at_risk_of_type_2", "At risk of Type 2 diabetes"


class DiversityFactor(models.Model):
    """A mix of experience the group wants, with a minimum: "Type 1: at least 2".

    A person counts towards the factor when their diversity data's `attribute`
    holds one of `values` (for example age_band in ["under_25", "25_39"] for
    "aged under 40")."""

    Attribute = DiversityFactorAttribute
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="diversity_factors")
    name = models.CharField(max_length=100, help_text='For example, "Type 1 diabetes".')
    attribute = models.CharField(max_length=20, choices=Attribute.choices)
    values = models.JSONField(default=list, help_text="The answers that count towards this factor.")
    minimum = models.PositiveSmallIntegerField(default=2)

    class Meta:
        ordering = ["group", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="diversity_factor_name_unique"),
            models.CheckConstraint(
                condition=Q(attribute__in=DiversityFactorAttribute.values),
                name="diversity_factor_attribute_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name}: at least {self.minimum}"

    def counts(self, diversity: DiversityProfile | None) -> bool:
        """Does a person with this diversity data count towards the factor?"""
        if diversity is None:
            return False
        return getattr(diversity, self.attribute, "") in self.values


class MembershipStatus(models.TextChoices):
    SELECTED = "selected", "Selected"
    INDUCTED = "inducted", "Inducted"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    LEFT = "left", "Left"


class Membership(models.Model):
    Status = MembershipStatus
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SELECTED)
    status_changed_on = models.DateField()
    induction_date = models.DateField(null=True, blank=True)
    buddy = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buddied",
        help_text="An experienced member who helps a new one settle in.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values),
                name="membership_status_valid",
            ),
            models.CheckConstraint(condition=~Q(buddy=F("id")), name="membership_not_own_buddy"),
        ]

    def __str__(self):
        return f"{self.person} in {self.group}"

    @property
    def status_colour(self) -> str:
        """The NHS tag colour for the status (the text says the status too)."""
        return {
            MembershipStatus.SELECTED: "blue",
            MembershipStatus.INDUCTED: "aqua-green",
            MembershipStatus.ACTIVE: "green",
            MembershipStatus.PAUSED: "yellow",
            MembershipStatus.LEFT: "grey",
        }.get(self.status, "")


class MembershipStatusChange(models.Model):
    """The history of a membership: every change of status, when and why."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=Membership.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Membership.Status.choices)
    changed_on = models.DateField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["membership", "changed_on", "recorded_at"]

    def __str__(self):
        return f"{self.membership}: {self.from_status or 'new'} → {self.to_status}"
