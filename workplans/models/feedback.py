"""'You said, we did' (report §7.5): every point members make is kept as a
"you said" item, and answered with "we did" responses until it is resolved.

"You have to go back to the service users and say, 'You said this, this is
what's happened as a result, this is what hasn't happened and this is the
reason.'" So each item has an owner at the organisation who must answer it and
a date by which they must (from the organisation's setting); each response
says what happened, and a response saying "partly done" or "not possible"
must give the reason. Responses are drafted, then published by the
coordinator (the wording is checked before members see it), and kept as the
item's dated history. An item that is not answered in time, or that is
"being looked at" with no news for too long, comes back on the coordinator's
home page and the group's next agenda until it is resolved.

The words may go on the public board only in a wording the coordinator has
approved for it (`public_text`), and never with the name of whoever said it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from involvement.models import DecisionMakingBody, Group, Organisation, Person
from meetings.models import AgendaItem, DebriefPoint, Meeting

from .exercises import Theme
from .plans import WorkItem

# The organisation's defaults, until it chooses its own (FeedbackSettings).
DEFAULT_ANSWER_WITHIN_WEEKS = 8
DEFAULT_STALE_AFTER_WEEKS = 6


class FeedbackSource(models.TextChoices):
    MEETING = "meeting", "A group meeting"
    DEBRIEF = "debrief", "A representative's debrief after a board meeting"
    REVIEW = "review", "A reflective review or survey"
    EVENT = "event", "A workshop or community event"
    MEMBER = "member", "A member, between meetings"


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    LOOKING = "looking", "Being looked at"
    DONE = "done", "Done"
    PARTLY = "partly", "Partly done"
    NOT_POSSIBLE = "not_possible", "Not possible"


# A response with one of these must say why.
REASON_REQUIRED = frozenset({FeedbackStatus.PARTLY, FeedbackStatus.NOT_POSSIBLE})
# Resolved: not brought back again. "Partly done" stays open for the rest.
CLOSED = frozenset({FeedbackStatus.DONE, FeedbackStatus.NOT_POSSIBLE})
# Waiting for news: brought back when there has been none for a while.
IN_HAND = frozenset({FeedbackStatus.LOOKING, FeedbackStatus.PARTLY})

STATUS_COLOURS = {
    FeedbackStatus.RECEIVED: "blue",
    FeedbackStatus.LOOKING: "yellow",
    FeedbackStatus.DONE: "green",
    FeedbackStatus.PARTLY: "aqua-green",
    FeedbackStatus.NOT_POSSIBLE: "grey",
}


class FeedbackModeration(models.TextChoices):
    """Points members send between meetings are checked by the coordinator
    before the group sees them; points captured by staff need no check."""

    WAITING = "waiting", "Waiting to be checked"
    ACCEPTED = "accepted", "Shared with the group"
    DECLINED = "declined", "Not shared"


class FeedbackSettings(models.Model):
    """Per-organisation settings of "you said, we did"."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="feedback_settings"
    )
    answer_within_weeks = models.PositiveSmallIntegerField(
        "answer each point within (weeks)",
        default=DEFAULT_ANSWER_WITHIN_WEEKS,
        help_text="The owner must give a first answer within this many weeks.",
    )
    stale_after_weeks = models.PositiveSmallIntegerField(
        "bring back a point with no news after (weeks)",
        default=DEFAULT_STALE_AFTER_WEEKS,
        help_text=(
            "A point that is being looked at, or partly done, comes back on the agenda "
            "when there has been no update for this many weeks."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "feedback settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_within_weeks__gte=1, answer_within_weeks__lte=52),
                name="feedback_answer_within_sane",
            ),
            models.CheckConstraint(
                condition=Q(stale_after_weeks__gte=1, stale_after_weeks__lte=52),
                name="feedback_stale_after_sane",
            ),
        ]

    def __str__(self):
        return f"Feedback settings of {self.organisation}"


class FeedbackItem(models.Model):
    Source = FeedbackSource
    Status = FeedbackStatus
    Moderation = FeedbackModeration
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="feedback_items")
    text = models.TextField("what members said")
    source = models.CharField(
        "where it was said", max_length=10, choices=Source.choices, default=Source.MEETING
    )
    source_detail = models.CharField(
        "more about where it was said",
        max_length=200,
        blank=True,
        help_text='For example, "Network board debrief" or "Stall at Fellside library".',
    )
    said_on = models.DateField("date it was said")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_items",
    )
    raised_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_raised",
        help_text="The member who sent it between meetings. Never shown publicly.",
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    work_item = models.ForeignKey(
        WorkItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_items"
    )
    body = models.ForeignKey(
        DecisionMakingBody,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_items",
        verbose_name="decision-making body it went to",
    )
    debrief_point = models.OneToOneField(
        DebriefPoint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_item",
        help_text="The point a representative raised at the board, from their debrief.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_owned",
        help_text="The person at the organisation who must answer it.",
    )
    due_on = models.DateField("answer due by", null=True, blank=True)
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.ACCEPTED
    )
    declined_reason = models.TextField("why it was not shared", blank=True)
    on_board = models.BooleanField(
        "on the public board",
        default=False,
        help_text="Shown on the group's public board, in the approved public wording.",
    )
    public_text = models.TextField(
        "public wording",
        blank=True,
        help_text=(
            "How the point reads on the public board and in the newsletter. "
            "Name nobody, and leave out anything personal."
        ),
    )
    # Kept up to date by the services as responses are published, so that
    # lists and figures need no look at the history.
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED)
    first_response_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="The first published answer beyond 'received'."
    )
    last_update_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revisited_at = models.ManyToManyField(
        AgendaItem,
        blank=True,
        related_name="feedback_revisits",
        help_text="The 'You said, we did' agenda items it was brought back to.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-said_on", "-id"]
        verbose_name = '"you said" item'
        indexes = [
            models.Index(fields=["group", "moderation", "status"], name="feedback_group_state"),
            models.Index(fields=["due_on"], name="feedback_due_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=FeedbackSource.values), name="feedback_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(moderation__in=FeedbackModeration.values),
                name="feedback_moderation_valid",
            ),
            models.CheckConstraint(
                condition=~Q(moderation="accepted") | Q(due_on__isnull=False),
                name="feedback_accepted_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(on_board=False) | ~Q(public_text=""),
                name="feedback_board_has_public_wording",
            ),
            models.CheckConstraint(
                condition=Q(on_board=False) | Q(moderation="accepted"),
                name="feedback_board_only_when_shared",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "")

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    @property
    def is_overdue(self) -> bool:
        """Shared, past its due date, and with no answer yet."""
        return bool(
            self.moderation == FeedbackModeration.ACCEPTED
            and self.answered_at is None
            and self.due_on
            and self.due_on < timezone.localdate()
        )

    @property
    def source_label(self) -> str:
        """Where it was said, in words: the kind, and the detail if given."""
        kind = self.get_source_display()
        return f"{kind}: {self.source_detail}" if self.source_detail else kind


class FeedbackResponse(models.Model):
    """One "we did" update on an item: drafted (by the owner or the
    coordinator), then published by the coordinator. Published responses are
    the item's history and are never changed; a draft can be rewritten until
    it is published. One draft per item at a time."""

    Status = FeedbackStatus
    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(max_length=12, choices=Status.choices)
    what_happened = models.TextField("what has happened")
    reason = models.TextField(
        "the reason",
        blank=True,
        help_text="Why it was only partly done, or why it is not possible.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    members_told_at = models.DateTimeField(
        null=True, blank=True, help_text="When the members who raised it were sent the news."
    )

    class Meta:
        ordering = ["item", "published_at", "id"]
        indexes = [
            models.Index(fields=["published_at"], name="feedback_response_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values),
                name="feedback_response_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(REASON_REQUIRED)) | ~Q(reason=""),
                name="feedback_response_reason_when_not_done",
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(published_at__isnull=True),
                name="feedback_one_draft_per_item",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.what_happened[:50]}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "")
