"""The notification outbox: every message to every person is a row here."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from .accounts import Organisation
from .people import Person

# How a message's text may open; a letter adds "Dear <name>," only when it does not.
GREETINGS = ("Dear ", "Hello ", "Hi ")


# A letter's short reference ("M-4K7Q"): its number in Crockford's base 32,
# which has no I, L, O or U, so a reference read out on the phone or copied by
# hand from paper is hard to get wrong, and 0/O and 1/I/L mix-ups still find it.
REFERENCE_PREFIX = "M-"
_DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
WEB_ADDRESS = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:!?'\"]")


def reference_for(number: int) -> str:
    """The short reference of message `number`: at least four characters."""
    code = ""
    while number:
        number, digit = divmod(number, 32)
        code = _DIGITS[digit] + code
    return REFERENCE_PREFIX + code.rjust(4, "0")


def number_from_reference(text: str) -> int | None:
    """The message number a reference stands for, as typed by someone reading it
    off a letter ("m-4k7q", "M 4K7Q", "4K7Q"); None if it cannot be one."""
    code = re.sub(r"[\s-]", "", text.upper())
    if code.startswith(REFERENCE_PREFIX[0]) and len(code) > 4:
        code = code[1:]
    code = code.translate(_READ_AS)
    if not 4 <= len(code) <= 12 or any(c not in _DIGITS for c in code):
        return None
    number = 0
    for c in code:
        number = number * 32 + _DIGITS.index(c)
    return number or None


class PrintBatch(models.Model):
    """Letters for people who asked for post, printed together as one PDF."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="print_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "print batches"

    def __str__(self):
        return f"Print batch {self.pk} ({self.organisation})"


class NotificationChannel(models.TextChoices):
    """How a message reaches a person. Each has a class in involvement/channels.py."""

    EMAIL = "email", "Email"
    POST = "post", "Post"
    PHONE = "phone", "Phone call"
    IN_APP = "in_app", "On Involve"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    # A worker stopped part way through sending: it may or may not have gone.
    INTERRUPTED = "interrupted", "May not have been sent"
    CANCELLED = "cancelled", "Cancelled"


class Notification(models.Model):
    Channel = NotificationChannel
    Status = NotificationStatus
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        help_text="The organisation that sends it (its coordinators see it and print its letters).",
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    large_print = models.BooleanField(default=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=40,
        blank=True,
        help_text="What sort of message this is (meeting_reminder, …): its check at send time.",
    )
    about = models.CharField(
        max_length=80,
        blank=True,
        help_text='What the message is about ("meeting:12"), looked at again when it is sent.',
    )
    cancelled_reason = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last took this message to send it."
    )
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a failed message will be tried again, if at all."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    print_batch = models.ForeignKey(
        PrintBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="letters"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "channel"], name="notification_status_channel"),
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["organisation", "channel", "status"], name="notification_org_queue"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=NotificationChannel.values),
                name="notification_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values),
                name="notification_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=NotificationStatus.SENT) | Q(sent_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} to {self.recipient}: {self.subject}"

    @property
    def reference(self) -> str:
        """The short reference printed on a letter, to quote on the phone."""
        return reference_for(self.pk) if self.pk else ""

    @property
    def paper_text(self) -> str:
        """The text as printed on a letter. A web address is no use on paper to
        someone without email (they may have no account to sign in with): each
        one becomes the letter's reference, to quote to the coordinator."""
        if self.recipient.email:
            return self.body_text
        return WEB_ADDRESS.sub(
            f"ask your coordinator, quoting reference {self.reference}", self.body_text
        )

    @property
    def greets(self) -> bool:
        """The message opens with its own greeting ("Dear Ann,"), so a letter
        does not add a second one."""
        return self.body_text.lstrip().startswith(GREETINGS)
