"""Expenses and involvement payments: each organisation's payment policy, and
claims against meetings attended, with their lines, receipts and history.

Money is Decimal with pence, in pounds sterling; never floats."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Group, Organisation, Person
from involvement.money import money
from meetings.models import Invitation, Meeting
from meetings.models.core import MeetingKind

MONEY = {"max_digits": 9, "decimal_places": 2}


class PaymentPolicy(models.Model):
    """How an organisation pays: mileage, receipts, caps, payroll, and its
    prompt-payment target. Editable by the organisation's admin."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="payment_policy"
    )
    mileage_rate = models.DecimalField("mileage rate (£ a mile)", default=Decimal("0.45"), **MONEY)
    mileage_warning_miles = models.DecimalField(
        "warn when a journey is longer than (miles)", default=Decimal("60"), **MONEY
    )
    receipt_required_over = models.DecimalField(
        "receipt needed for a line over (£)", default=Decimal("10.00"), **MONEY
    )
    receipt_always_for = models.JSONField(
        default=list,
        blank=True,
        help_text="Kinds of line that always need a receipt, for example taxi.",
    )
    claim_cap = models.DecimalField(
        "warn when a claim's expenses are over (£)", null=True, blank=True, **MONEY
    )
    payroll_for_involvement_payments = models.BooleanField(
        "involvement payments go through payroll (tax and National Insurance deducted)",
        default=False,
    )
    target_working_days = models.PositiveSmallIntegerField(
        "pay within this many working days of the claim", default=5
    )
    strategic_hourly_rate = models.DecimalField(
        "representatives' strategic rate (£ an hour)",
        default=Decimal("25.00"),
        help_text=(
            "Paid to a representative for a board meeting, the briefing meeting before it and "
            "the debrief after it, unless a payment rule for strategic roles says otherwise."
        ),
        **MONEY,
    )
    debrief_hours = models.DecimalField(
        "hours paid for a representative's debrief",
        default=Decimal("1.00"),
        help_text="Added to the board meeting's payment of the representative who wrote it.",
        **MONEY,
    )
    benefits_advice = models.TextField(
        blank=True,
        help_text="Where to get free, independent advice about benefits and involvement payments.",
    )
    annual_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "payment policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(mileage_rate__gte=0), name="policy_mileage_rate_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(target_working_days__gte=1), name="policy_target_positive"
            ),
            models.CheckConstraint(
                condition=Q(strategic_hourly_rate__gte=0) & Q(debrief_hours__gte=0),
                name="policy_strategic_rate_not_negative",
            ),
        ]

    def __str__(self):
        return f"Payment policy of {self.organisation}"


class RoleLevel(models.TextChoices):
    MEMBER = "member", "Group member"
    REPRESENTATIVE = "representative", "Representative on a decision-making body"
    STRATEGIC = "strategic", "Strategic role (for example, co-chair)"


class PaymentMode(models.TextChoices):
    NONE = "none", "No involvement payment (expenses only)"
    PER_HOUR = "per_hour", "An hourly rate"
    HALF_FULL_DAY = "half_full_day", "A half-day or full-day rate, by length"
    FIXED_FEE = "fixed_fee", "A fixed fee for the activity"


class PaymentRule(models.Model):
    """What is paid for one kind of activity at one role level."""

    Level = RoleLevel
    Mode = PaymentMode
    policy = models.ForeignKey(PaymentPolicy, on_delete=models.CASCADE, related_name="rules")
    role_level = models.CharField(
        max_length=16, choices=RoleLevel.choices, default=RoleLevel.MEMBER
    )
    activity = models.CharField(
        "kind of activity", max_length=20, choices=MeetingKind.choices, default=MeetingKind.GROUP
    )
    mode = models.CharField(max_length=16, choices=PaymentMode.choices, default=PaymentMode.NONE)
    hourly_rate = models.DecimalField(null=True, blank=True, **MONEY)
    half_day_rate = models.DecimalField(null=True, blank=True, **MONEY)
    full_day_rate = models.DecimalField(null=True, blank=True, **MONEY)
    full_day_from_hours = models.DecimalField(
        "full-day rate from (hours)", null=True, blank=True, max_digits=4, decimal_places=2
    )
    fixed_fee = models.DecimalField(null=True, blank=True, **MONEY)
    preparation_fee = models.DecimalField("extra for preparation", null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["policy", "role_level", "activity"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "role_level", "activity"], name="one_rule_per_level_and_activity"
            ),
            models.CheckConstraint(
                condition=Q(role_level__in=RoleLevel.values), name="payment_rule_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(mode__in=PaymentMode.values), name="payment_rule_mode_valid"
            ),
            models.CheckConstraint(
                condition=~Q(mode="per_hour") | Q(hourly_rate__isnull=False),
                name="per_hour_rule_has_rate",
            ),
            models.CheckConstraint(
                condition=~Q(mode="half_full_day")
                | Q(
                    half_day_rate__isnull=False,
                    full_day_rate__isnull=False,
                    full_day_from_hours__isnull=False,
                ),
                name="day_rule_has_rates",
            ),
            models.CheckConstraint(
                condition=~Q(mode="fixed_fee") | Q(fixed_fee__isnull=False),
                name="fixed_fee_rule_has_fee",
            ),
        ]

    def __str__(self):
        who, what = self.get_role_level_display(), self.get_activity_display()
        return f"{who}, {what}: {self.get_mode_display()}"


class PaymentChoice(models.TextChoices):
    ACCEPT = "accept", "Yes, pay me involvement payments and expenses"
    EXPENSES_ONLY = "expenses_only", "Expenses only, no involvement payments"
    DECLINE = "decline", "Nothing: I do not want to claim"


class PaymentPreference(models.Model):
    """A person's standing choice about involvement payments (people on some
    benefits need to choose), and that benefits advice was offered."""

    Choice = PaymentChoice
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="payment_preference"
    )
    choice = models.CharField(max_length=16, choices=PaymentChoice.choices)
    advice_offered_at = models.DateTimeField()
    chosen_at = models.DateTimeField()
    no_claim_reminders = models.BooleanField("do not remind me to claim", default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(choice__in=PaymentChoice.values), name="payment_choice_valid"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_choice_display()}"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    QUERIED = "queried", "Question from the approver"
    APPROVED = "approved", "Approved, waiting for payment"
    REJECTED = "rejected", "Rejected"
    PAID = "paid", "Paid"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CASH = "cash", "Cash on the day"
    CHEQUE = "cheque", "Cheque"
    PAYROLL = "payroll", "Payroll"


class PaymentRun(models.Model):
    """A batch of approved claims marked paid together and exported for the
    finance system."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="payment_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_on = models.DateField()
    method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=60)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Payment run {self.reference}"


class ExpenseClaim(models.Model):
    """A claim for one meeting attended. Never deleted once submitted."""

    Status = ClaimStatus
    Method = PaymentMethod
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="claims")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="claims")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="claims")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The group whose budget pays it.",
    )
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    involvement_payment = models.DecimalField(default=Decimal("0.00"), **MONEY)
    involvement_payment_basis = models.CharField(max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A coordinator who entered a paper claim for the person.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=16, choices=PaymentMethod.choices, blank=True)
    payment_reference = models.CharField(max_length=60, blank=True)
    payment_run = models.ForeignKey(
        PaymentRun, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "submitted_at"], name="claim_queue")
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "meeting"], name="one_claim_per_meeting"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(involvement_payment__gte=0), name="claim_payment_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False, paid_on__isnull=False),
                name="paid_claim_has_payment_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "paid"]) | Q(approved_by__isnull=False),
                name="approved_claim_has_approver",
            ),
        ]

    def __str__(self):
        return f"Claim by {self.person} for {self.meeting}"


class LineKind(models.TextChoices):
    PUBLIC_TRANSPORT = "public_transport", "Bus, train or tram fare"
    MILEAGE = "mileage", "Mileage in your own car"
    PARKING = "parking", "Parking"
    TAXI = "taxi", "Taxi"
    CARER = "carer", "Carer costs"
    CHILDCARE = "childcare", "Childcare"
    SUBSISTENCE = "subsistence", "Food and drink"
    OTHER = "other", "Something else"


class ClaimLine(models.Model):
    Kind = LineKind
    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=LineKind.choices)
    description = models.CharField(max_length=200, blank=True)
    miles = models.DecimalField(null=True, blank=True, max_digits=6, decimal_places=1)
    amount = models.DecimalField(**MONEY)
    reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Why it was needed, for example a taxi for access needs.",
    )

    class Meta:
        ordering = ["claim", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LineKind.values), name="claim_line_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="claim_line_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(kind="mileage") | Q(miles__gt=0), name="mileage_line_has_miles"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {money(self.amount)}"


class Receipt(models.Model):
    """A receipt photo or PDF: a private file, served only through an access check."""

    line = models.ForeignKey(ClaimLine, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(upload_to="receipts/%Y/%m/")
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "uploaded_at"]

    def __str__(self):
        return f"Receipt for {self.line}"


class ClaimEvent(models.Model):
    """Every change of a claim's state, with who and when (never edited)."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=10, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ClaimStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True, help_text="The question, the answer or the reason.")

    class Meta:
        ordering = ["claim", "at", "id"]

    def __str__(self):
        return f"{self.claim}: {self.from_status or 'new'} → {self.to_status}"


class GroupBudget(models.Model):
    """A group's annual budget for expenses and involvement payments."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="budgets")
    year_starting = models.DateField(help_text="The first day of the budget year, e.g. 1 April.")
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["group", "-year_starting"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year_starting"], name="one_budget_per_group_year"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.group} budget from {self.year_starting}"
