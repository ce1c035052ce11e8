from django.conf import settings
from django.db import models
from django.db.models import F, Q

from involvement.models import DecisionMakingBody, Group, Organisation, Person


class Venue(models.Model):
    """Where meetings happen, with the facts people need to get there and in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=150)
    address = models.TextField(help_text="The full address, one line per row.")
    postcode = models.CharField(max_length=10, blank=True)
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField("hearing loop", default=False)
    accessible_toilet = models.BooleanField("accessible toilet", default=False)
    parking = models.CharField(
        max_length=200, blank=True, help_text="For example, free car park, 2 blue badge spaces."
    )
    public_transport = models.TextField(
        blank=True,
        help_text="For example, buses 12 and 15 stop outside; the station is a 5-minute walk.",
    )
    map_url = models.URLField("map link", blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="venue_name_unique")
        ]

    def __str__(self):
        return self.name


class MeetingKind(models.TextChoices):
    GROUP = "group", "Group meeting"
    INDUCTION = "induction", "Induction meeting"
    REFLECTIVE_REVIEW = "reflective_review", "Reflective review"
    WORKSHOP = "workshop", "Workshop"
    TRAINING = "training", "Training"
    BOARD = "board", "Board meeting"
    PRE_MEETING = "pre_meeting", "Briefing before a board meeting"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online (video call)"
    HYBRID = "hybrid", "Hybrid: in person, or join by video"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    """A meeting of a group, or of a decision-making body that the group's
    representatives attend."""

    Kind = MeetingKind
    Mode = MeetingMode
    Status = MeetingStatus
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="meetings"
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    body = models.ForeignKey(
        DecisionMakingBody, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.GROUP)
    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    mode = models.CharField(
        max_length=10, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    video_link = models.URLField(blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancelled_reason = models.TextField(blank=True)
    external_uid = models.CharField(
        "UID in the board's calendar",
        max_length=255,
        blank=True,
        help_text="Set for a board meeting imported from the board's own calendar (iCalendar UID).",
    )
    external_location = models.CharField(
        "where, as the board's calendar says",
        max_length=255,
        blank=True,
        help_text="The place the board's calendar gives, when it is none of the venues here.",
    )
    sequence = models.PositiveIntegerField(
        default=0, help_text="Goes up each time the time, place or status changes (iCalendar)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=False, body__isnull=True)
                | Q(group__isnull=True, body__isnull=False),
                name="meeting_of_a_group_or_a_body",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["body", "external_uid"],
                condition=~Q(external_uid=""),
                name="board_meeting_external_uid_unique",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=MeetingMode.values), name="meeting_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"
            ),
        ]

    def __str__(self):
        return self.title


class AgendaItemKind(models.TextChoices):
    TOPIC = "topic", "Topic"
    ACTIONS = "actions", "Actions from last time"
    YOU_SAID_WE_DID = "you_said_we_did", "You said, we did: updates"
    REPRESENTATIVES = "representatives", "Reports back from board representatives"
    OTHER = "other", "Other"


class AgendaFormat(models.TextChoices):
    WHOLE_GROUP = "whole_group", "Whole group"
    SMALL_GROUPS = "small_groups", "Small groups"
    WORKSHOP = "workshop", "Workshop"


class AgendaItem(models.Model):
    """One item on a meeting's agenda. Work items of the work plan point here
    (workplans depends on meetings, never the other way round)."""

    Kind = AgendaItemKind
    Format = AgendaFormat
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(
        max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.TOPIC
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    minutes_allowed = models.PositiveSmallIntegerField("time allowed (minutes)", default=20)
    presenter = models.CharField(max_length=150, blank=True, help_text="Who introduces it.")
    presenter_is_guest = models.BooleanField("the presenter is a guest professional", default=False)
    format = models.CharField(
        max_length=20, choices=AgendaFormat.choices, default=AgendaFormat.WHOLE_GROUP
    )

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgendaItemKind.values), name="agenda_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=AgendaFormat.values), name="agenda_item_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(minutes_allowed__gte=1), name="agenda_item_has_time"
            ),
        ]

    def __str__(self):
        return self.title


class Rsvp(models.TextChoices):
    NO_REPLY = "no_reply", "No reply yet"
    ATTENDING = "attending", "Coming"
    APOLOGIES = "apologies", "Sent apologies"


class ReplyRoute(models.TextChoices):
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone, recorded by the coordinator"
    EMAIL = "email", "By email, recorded by the coordinator"
    POST = "post", "By post, recorded by the coordinator"


class Invitation(models.Model):
    """A person invited to a meeting: their reply, and whether they came."""

    Rsvp = Rsvp
    Route = ReplyRoute
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    rsvp = models.CharField(max_length=10, choices=Rsvp.choices, default=Rsvp.NO_REPLY)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_via = models.CharField(max_length=10, choices=ReplyRoute.choices, blank=True)
    attended = models.BooleanField(
        null=True, blank=True, help_text="Taken on the day; empty until then."
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["meeting", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_invitation_per_person"),
            models.CheckConstraint(condition=Q(rsvp__in=Rsvp.values), name="invitation_rsvp_valid"),
            models.CheckConstraint(
                condition=Q(replied_via__in=["", *ReplyRoute.values]), name="invitation_route_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person} invited to {self.meeting}"
