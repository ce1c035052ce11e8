"""The core every other app builds on: people, organisations and their roles."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Signs in by email; has no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    preferred_name = models.CharField(
        max_length=80, blank=True, help_text="What we call you in letters and emails."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.preferred_name or self.full_name or self.email


class OrganisationKind(models.TextChoices):
    ICB = "icb", "Integrated care board"
    TRUST = "trust", "NHS trust"
    NETWORK = "network", "Diabetes network"
    CHARITY = "charity", "Charity"


class OrganisationNation(models.TextChoices):
    """Where the organisation works: its nation's bank holidays are not working
    days (prompt payment of expenses counts working days)."""

    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


class Organisation(models.Model):
    """A tenant: an integrated care board, trust, diabetes network or charity."""

    Kind = OrganisationKind
    Nation = OrganisationNation
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    nation = models.CharField(
        max_length=20,
        choices=Nation.choices,
        default=Nation.ENGLAND,
        help_text="Its bank holidays are not working days when claims are paid on time.",
    )
    localities = models.JSONField(
        default=list,
        blank=True,
        help_text='Parts of the area people may say they live in, e.g. "North of the borough".',
    )
    quiet_hours = models.BooleanField(
        "hold messages overnight",
        default=True,
        help_text="Messages are not sent between 9pm and 8am (UK time): they go at 8am.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(nation__in=OrganisationNation.values),
                name="organisation_nation_valid",
            ),
        ]

    def __str__(self):
        return self.name


class StaffRoleRole(models.TextChoices):
    COORDINATOR = "coordinator", "Coordinator"
    ADMIN_SUPPORT = "admin_support", "Admin support"
    PANEL_MEMBER = "panel_member", "Recruitment panel member"
    COMMISSIONER = "commissioner", "Commissioner"
    FINANCE = "finance", "Finance"
    ORG_ADMIN = "org_admin", "Organisation admin"


class StaffRole(models.Model):
    """A role a person holds in one organisation. A person may hold several."""

    Role = StaffRoleRole
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_roles")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="staff_role_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=StaffRoleRole.values),
                name="staff_role_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class StaffRoleChangeAction(models.TextChoices):
    GRANTED = "granted", "Given"
    REVOKED = "revoked", "Removed"


class StaffRoleChange(models.Model):
    """The history of roles in an organisation: every grant and every
    revocation, who made it and when. Kept when the role itself is removed."""

    Action = StaffRoleChangeAction
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_changes"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes")
    role = models.CharField(max_length=20, choices=StaffRoleRole.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    invited = models.BooleanField(
        default=False, help_text="An account was created and an invitation email sent."
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRoleRole.values),
                name="staff_role_change_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(action__in=StaffRoleChangeAction.values),
                name="staff_role_change_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.get_action_display().lower()}: {self.user}"
