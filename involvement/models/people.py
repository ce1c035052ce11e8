"""A person: profile, contact preferences, support needs, and (apart, only with
consent) diversity monitoring data."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PersonChannel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"


class Person(models.Model):
    """Someone the organisation involves: a service user, carer or person at
    risk. May or may not have a login (people who chose post often do not)."""

    Channel = PersonChannel
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    full_name = models.CharField(max_length=150)
    preferred_name = models.CharField(
        max_length=80, blank=True, help_text="What we call you in letters and emails."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address_line_1 = models.CharField("address line 1", max_length=120, blank=True)
    address_line_2 = models.CharField("address line 2", max_length=120, blank=True)
    town = models.CharField("town or city", max_length=80, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_channel = models.CharField(
        "how we contact you", max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    large_print = models.BooleanField("papers in large print", default=False)
    # Access and support needs (special-category: shown to the person, and to
    # coordinators and admin support of organisations whose groups they are in).
    needs_step_free_access = models.BooleanField("step-free access", default=False)
    needs_hearing_loop = models.BooleanField("hearing loop", default=False)
    needs_bsl_interpreter = models.BooleanField("British Sign Language interpreter", default=False)
    language = models.CharField(
        "another language", max_length=60, blank=True, help_text="For example, Urdu or Polish."
    )
    other_support_needs = models.TextField("other support needs", blank=True)
    available_daytime = models.BooleanField("daytime", default=False)
    available_evening = models.BooleanField("evenings", default=False)
    online_only = models.BooleanField("online only", default=False)
    message_choices = models.JSONField(
        "which messages they get",
        default=dict,
        blank=True,
        help_text=(
            "Kinds of message turned on (true) or off (false) by the person; a kind not "
            "named here follows its default (involvement.message_kinds)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_channel__in=PersonChannel.values),
                name="person_contact_channel_valid",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in (self.address_line_1, self.address_line_2, self.town, self.postcode)
            if line
        ]


class DiversityProfileDiabetesType(models.TextChoices):
    TYPE_1 = "type_1", "Type 1 diabetes"
    TYPE_2 = "type_2", "Type 2 diabetes"
    OTHER = "other", "Another type of diabetes"
    NONE = "none", "I do not have diabetes (for example, I am a carer)"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class DiversityProfileAgeBand(models.TextChoices):
    UNDER_25 = "under_25", "Under 25"
    AGE_25_39 = "25_39", "25 to 39"
    AGE_40_54 = "40_54", "40 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_74 = "65_74", "65 to 74"
    AGE_75_PLUS = "75_plus", "75 or over"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class DiversityProfileEthnicity(models.TextChoices):
    # The five high-level groups of the 2021 census for England and Wales.
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class DiversityProfileYesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class DiversityProfile(models.Model):
    """Optional diversity monitoring data, stored apart from the profile and
    only while consent stands. Visible to the person and to coordinators of
    organisations they are involved with; never to commissioners at person level."""

    DiabetesType = DiversityProfileDiabetesType
    AgeBand = DiversityProfileAgeBand
    Ethnicity = DiversityProfileEthnicity
    YesNo = DiversityProfileYesNo
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="diversity")
    diabetes_type = models.CharField(max_length=12, choices=DiabetesType.choices, blank=True)
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True)
    ethnicity = models.CharField(max_length=12, choices=Ethnicity.choices, blank=True)
    locality = models.CharField(max_length=80, blank=True)
    carer = models.CharField(max_length=12, choices=YesNo.choices, blank=True)
    at_risk_of_type_2 = models.CharField(
        "at risk of Type 2 diabetes", max_length=12, choices=YesNo.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(diabetes_type__in=["", *DiversityProfileDiabetesType.values]),
                name="diversity_diabetes_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(age_band__in=["", *DiversityProfileAgeBand.values]),
                name="diversity_age_band_valid",
            ),
            models.CheckConstraint(
                condition=Q(ethnicity__in=["", *DiversityProfileEthnicity.values]),
                name="diversity_ethnicity_valid",
            ),
            models.CheckConstraint(
                condition=Q(carer__in=["", *DiversityProfileYesNo.values]),
                name="diversity_carer_valid",
            ),
            models.CheckConstraint(
                condition=Q(at_risk_of_type_2__in=["", *DiversityProfileYesNo.values]),
                name="diversity_at_risk_valid",
            ),
        ]

    def __str__(self):
        return f"Diversity data for {self.person}"


class DiversityConsent(models.Model):
    """A record of consent to keep diversity data: given, and maybe withdrawn.
    Withdrawing deletes the DiversityProfile; the record of consent stays."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="diversity_consents")
    wording = models.TextField(help_text="The words the person agreed to.")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_current_diversity_consent",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="diversity_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"Consent of {self.person} given {self.given_at:%Y-%m-%d}"
