"""Evaluation's own records: objectives and their success measures, with
readings over time (entered by a coordinator, or computed from what the
platform already records)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from involvement.models import Group, Organisation
from workplans.models import WorkItem


class ObjectiveTerm(models.TextChoices):
    SHORT = "short", "Short term (the first year)"
    MEDIUM = "medium", "Medium term (one to three years)"
    LONG = "long", "Long term (three years or more)"


class Objective(models.Model):
    """What a group (or the whole organisation, with no group) means to achieve."""

    Term = ObjectiveTerm
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="objectives"
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="objectives"
    )
    title = models.CharField("objective", max_length=200)
    term = models.CharField(max_length=10, choices=Term.choices, default=Term.SHORT)
    owner = models.CharField("who is responsible", max_length=150)
    work_items = models.ManyToManyField(WorkItem, blank=True, related_name="objectives")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "group", "term", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term__in=ObjectiveTerm.values), name="objective_term_valid"
            ),
        ]

    def __str__(self):
        return self.title


class MeasureSource(models.TextChoices):
    ENTERED = "entered", "Entered by hand"
    MEMBERS = "members", "Active members (at the end of each month)"
    ATTENDANCE = "attendance", "Attendance rate at meetings (per cent)"
    FEEDBACK_IN_TIME = "feedback_in_time", '"You said" points answered in time (per cent)'
    DAYS_TO_PAY = "days_to_pay", "Median working days from claim to payment"


class MeasureDirection(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"
    NEUTRAL = "neutral", "Neither"


class SuccessMeasure(models.Model):
    Source = MeasureSource
    Direction = MeasureDirection
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField("measure", max_length=200)
    method = models.TextField("how it is measured")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ENTERED)
    direction = models.CharField(
        "which way is better", max_length=10, choices=Direction.choices, default=Direction.UP
    )
    target = models.DecimalField(max_digits=10, decimal_places=1, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["objective", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=MeasureSource.values), name="measure_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=MeasureDirection.values), name="measure_direction_valid"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_entered(self) -> bool:
        return self.source == MeasureSource.ENTERED


class Reading(models.Model):
    """One entered reading of a measure, for a month."""

    measure = models.ForeignKey(SuccessMeasure, on_delete=models.CASCADE, related_name="readings")
    month = models.DateField(help_text="The first day of the month the reading is for.")
    value = models.DecimalField(max_digits=10, decimal_places=1)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "month"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "month"], name="one_reading_per_month"),
        ]

    def __str__(self):
        return f"{self.measure}: {self.value} ({self.month:%B %Y})"


class ImpactArea(models.TextChoices):
    SERVICES = "services", "Services"
    STAFF = "staff", "Staff attitudes and culture"
    SERVICE_USERS = "service_users", "Service users themselves (confidence, skills)"
    PROCESSES = "processes", "The organisation's processes"


class ImpactPerspective(models.TextChoices):
    SERVICE_USER = "service_user", "Service user"
    STAFF = "staff", "Staff"
    COMMISSIONER = "commissioner", "Commissioner"


class ImpactRecord(models.Model):
    """What changed because of involvement, with the evidence and whose view
    it is; linked to the "you said" points and work items behind it, and
    publishable on the group's public "what changed" page."""

    Area = ImpactArea
    Perspective = ImpactPerspective
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="impact_records"
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="impact_records"
    )
    title = models.CharField("what changed, in a line", max_length=200)
    what_changed = models.TextField("what changed, and for whom")
    area = models.CharField(max_length=20, choices=Area.choices)
    perspective = models.CharField("whose view this is", max_length=20, choices=Perspective.choices)
    changed_on = models.DateField("when it changed")
    evidence_link = models.URLField("link to the evidence", blank=True)
    evidence = models.TextField("the evidence: figures, quotes, documents", blank=True)
    feedback_items = models.ManyToManyField(
        "workplans.FeedbackItem", blank=True, related_name="impact_records"
    )
    work_items = models.ManyToManyField(WorkItem, blank=True, related_name="impact_records")
    published = models.BooleanField("shown on the public page", default=False)
    public_text = models.TextField("the wording shown to the public", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__in=ImpactArea.values), name="impact_area_valid"
            ),
            models.CheckConstraint(
                condition=Q(perspective__in=ImpactPerspective.values),
                name="impact_perspective_valid",
            ),
            models.CheckConstraint(
                condition=Q(published=False) | (~Q(public_text="") & Q(group__isnull=False)),
                name="published_impact_has_public_text_and_group",
            ),
        ]

    def __str__(self):
        return self.title


def evidence_path(instance, filename):
    # The stored name is ours, never the uploader's: impact-evidence/<record>/<random>.<ext>
    return f"impact-evidence/{instance.record_id}/{filename}"


class ImpactEvidence(models.Model):
    """A file of evidence for an impact record (a PDF or a picture), checked
    like every upload (what it really is from its first bytes, its size, the
    virus scan), kept privately and served only to those who may see the
    record; on the public "what changed" page only if marked public."""

    record = models.ForeignKey(ImpactRecord, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("what the file shows", max_length=150)
    file = models.FileField(upload_to=evidence_path, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(default=0)
    public = models.BooleanField("shown on the public page", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "uploaded_at", "id"]

    def __str__(self):
        return self.title


class Stakeholder(models.TextChoices):
    SERVICE_USER = "service_user", "Service user or carer"
    STAFF = "staff", "Staff"


class SurveyRound(models.Model):
    """One round of the 0 to 10 involvement score, asked of staff and service
    users alike; rounds repeat so change over time shows."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="survey_rounds"
    )
    title = models.CharField("name of the round", max_length=150)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_round_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.title


class SurveyAnswer(models.Model):
    """One person's score. Answers given online carry the person (so each
    answers once); answers from paper carry who entered them."""

    Stakeholder = Stakeholder
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers")
    stakeholder = models.CharField(max_length=20, choices=Stakeholder.choices)
    score = models.PositiveSmallIntegerField()
    person = models.ForeignKey(
        "involvement.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=10), name="survey_score_0_to_10"),
            models.CheckConstraint(
                condition=Q(stakeholder__in=Stakeholder.values), name="survey_stakeholder_valid"
            ),
            models.UniqueConstraint(
                fields=["round", "respondent"],
                condition=Q(respondent__isnull=False),
                name="one_online_answer_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.get_stakeholder_display()}: {self.score}"


class Standard(models.TextChoices):
    """The six UK Standards for Public Involvement (NIHR and partners)."""

    INCLUSIVE = "inclusive", "Inclusive opportunities"
    WORKING_TOGETHER = "working_together", "Working together"
    SUPPORT = "support", "Support and learning"
    GOVERNANCE = "governance", "Governance"
    COMMUNICATIONS = "communications", "Communications"
    IMPACT = "impact", "Impact"


STANDARD_STATEMENTS = {
    Standard.INCLUSIVE: (
        "We offer involvement opportunities that are accessible and that reach the people "
        "and groups the service is for.",
        "Who is missing from the group, and what have we done to reach them?",
    ),
    Standard.WORKING_TOGETHER: (
        "We work together in a way that values all contributions and builds respectful, "
        "productive relationships.",
        "Do members and staff agree how they work together, and review it?",
    ),
    Standard.SUPPORT: (
        "We offer and promote support and learning that build confidence and skills for "
        "involvement.",
        "What induction, training and buddying did members have, and did it help?",
    ),
    Standard.GOVERNANCE: (
        "We involve service users in governance and leadership, so that decisions promote "
        "and protect the public interest.",
        "Where do service users sit where decisions are made, and are the seats filled?",
    ),
    Standard.COMMUNICATIONS: (
        "We use plain language for timely, two-way and targeted communication.",
        "Do members get papers in time and in the format they asked for?",
    ),
    Standard.IMPACT: (
        "We seek improvement by finding and sharing the difference involvement makes.",
        "What changed because of the group, and did we tell members and the public?",
    ),
}


class StandardRating(models.IntegerChoices):
    NOT_YET = 1, "Not yet"
    STARTING = 2, "Starting out"
    DEVELOPING = 3, "Developing"
    ESTABLISHED = 4, "Well established"


class StandardAssessment(models.Model):
    """A group's own rating against one standard for a year, with the
    evidence; the coordinator writes it, commissioners read it."""

    Standard = Standard
    Rating = StandardRating
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="standard_assessments")
    year = models.PositiveSmallIntegerField()
    standard = models.CharField(max_length=20, choices=Standard.choices)
    rating = models.PositiveSmallIntegerField(choices=StandardRating.choices)
    evidence = models.TextField("what shows this")
    evidence_link = models.URLField("link to the evidence", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "-year", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "standard"], name="one_assessment_per_standard_year"
            ),
            models.CheckConstraint(
                condition=Q(standard__in=Standard.values), name="assessment_standard_valid"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=4), name="assessment_rating_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.get_standard_display()} {self.year}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be built"


def report_path(instance, filename):
    return f"reports/{instance.organisation_id}/{filename}"


class ReportJob(models.Model):
    """An impact report asked for by one person and built in the background:
    its progress, then the PDF, kept for them to download again. What they
    may see (`exact` counts or not) is fixed when they ask."""

    Status = ReportStatus
    # The report is of an organisation or of a region (exactly one).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="report_jobs", null=True, blank=True
    )
    region = models.ForeignKey(
        "Region", on_delete=models.CASCADE, related_name="report_jobs", null=True, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    period_months = models.PositiveSmallIntegerField()
    last_month = models.DateField(help_text="The first day of the last month reported on.")
    large_print = models.BooleanField(default=False)
    exact = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    file = models.FileField(upload_to=report_path, blank=True, max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_0_to_100"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, region__isnull=True)
                | Q(organisation__isnull=True, region__isnull=False),
                name="report_of_organisation_or_region",
            ),
        ]

    def __str__(self):
        return f"Impact report for {self.subject} ({self.get_status_display()})"

    @property
    def subject(self):
        """What the report is of: the organisation, or the region."""
        return self.region if self.region_id else self.organisation

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)


# --- The member experience survey ------------------------------------------------


class Agreement(models.IntegerChoices):
    """The scale every member experience statement is answered on: each
    question is a statement, so an agree/disagree scale fits all of them."""

    STRONGLY_DISAGREE = 1, "Strongly disagree"
    DISAGREE = 2, "Disagree"
    NEITHER = 3, "Neither agree nor disagree"
    AGREE = 4, "Agree"
    STRONGLY_AGREE = 5, "Strongly agree"


# (field, the statement as asked, the short name in results): plain English,
# each optional, in the order asked.
EXPERIENCE_QUESTIONS = (
    ("confidence", "Being part of the group has made me more confident.", "More confident"),
    ("listened_to", "I feel listened to in the group.", "Feel listened to"),
    (
        "difference",
        "I know what difference my ideas and views have made.",
        "Know what difference they made",
    ),
    (
        "support",
        "I get the support I need to take part (papers, help, expenses).",
        "Get the support they need",
    ),
    (
        "accessible",
        "The group's meetings are easy for me to get to and take part in.",
        "Find meetings easy to get to and take part in",
    ),
)


class ExperienceSurvey(models.Model):
    """One round of the member experience survey for one group, open for a
    period; rounds repeat so change over time shows."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="experience_surveys")
    title = models.CharField("name of the survey", max_length=150)
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="experience_survey_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on


def _agreement_field(statement: str):
    return models.PositiveSmallIntegerField(
        statement, choices=Agreement.choices, null=True, blank=True
    )


class ExperienceAnswer(models.Model):
    """One member's answers, every question optional. Answers given online
    carry who gave them only so that each answers once; results never name
    anyone. Paper answers carry who entered them."""

    survey = models.ForeignKey(ExperienceSurvey, on_delete=models.CASCADE, related_name="answers")
    confidence = _agreement_field(EXPERIENCE_QUESTIONS[0][1])
    listened_to = _agreement_field(EXPERIENCE_QUESTIONS[1][1])
    difference = _agreement_field(EXPERIENCE_QUESTIONS[2][1])
    support = _agreement_field(EXPERIENCE_QUESTIONS[3][1])
    accessible = _agreement_field(EXPERIENCE_QUESTIONS[4][1])
    comment = models.TextField("anything else you would like to tell us", blank=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"experience_{name}_1_to_5",
                )
                for name, _statement, _short in EXPERIENCE_QUESTIONS
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="one_online_experience_answer_per_person",
            ),
        ]

    def __str__(self):
        return f"Answer to {self.survey}"


# ---------------------------------------------------------------------------
# Regions: a commissioning or oversight body that several organisations share
# their aggregate figures with. The platform admin sets a region up and names
# its commissioners; each organisation's admin grants (and may revoke) the
# region read access to the organisation's aggregate figures. Nothing about a
# person ever crosses: the region sees the same suppressed figures as a
# commissioner of the organisation.
# ---------------------------------------------------------------------------


class Region(models.Model):
    name = models.CharField(max_length=200, unique=True)
    commissioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="regions_commissioned",
        help_text="People who read the region's figures.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegionGrant(models.Model):
    """An organisation's grant of its aggregate figures to a region: live
    until revoked (kept, with who revoked it and when)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="grants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="region_grants"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["region", "organisation", "-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_grant_per_region",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} shares its figures with {self.region}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
