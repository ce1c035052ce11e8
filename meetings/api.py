"""Read-only API for bodies' board meetings, the briefings before them and
the debriefs after them, scoped as the pages are (meetings.permissions:
board_meetings_visible_to, briefings_visible_to, debriefs_visible_to).
Briefings' points carry no names; debriefs show names only to those who see
them on the debrief page, and never the support notes."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from involvement.glossary import readability
from involvement.selectors.glossary import glossary_of

from . import permissions
from .models import (
    Briefing,
    BriefingPoint,
    BriefingSummary,
    Debrief,
    DebriefFollowUp,
    DebriefPoint,
    Meeting,
    Paper,
)


class BriefingPaperSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="paper.title", read_only=True)
    reading_age = serializers.SerializerMethodField()

    class Meta:
        model = BriefingSummary
        fields = ["paper", "title", "summary", "reading_age"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_reading_age(self, row) -> int | None:
        score = readability(row.summary)
        return score.reading_age if score else None


class BriefingPointSerializer(serializers.ModelSerializer):
    agenda_item_title = serializers.CharField(
        source="agenda_item.title", read_only=True, default=""
    )

    class Meta:
        model = BriefingPoint
        fields = ["id", "point", "agenda_item", "agenda_item_title", "from_pre_meeting"]
        read_only_fields = fields


class GlossaryEntrySerializer(serializers.Serializer):
    term = serializers.CharField()
    meaning = serializers.CharField()


class BriefingSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="meeting.body_id", read_only=True)
    body_name = serializers.CharField(source="meeting.body.name", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    starts_at = serializers.DateTimeField(source="meeting.starts_at", read_only=True)
    papers = BriefingPaperSerializer(source="summaries", many=True, read_only=True)
    points = BriefingPointSerializer(many=True, read_only=True)
    glossary = serializers.SerializerMethodField()
    pack_ready = serializers.SerializerMethodField()

    class Meta:
        model = Briefing
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "starts_at",
            "body",
            "body_name",
            "what_to_expect",
            "points_close_on",
            "pre_meeting",
            "papers",
            "glossary",
            "points",
            "pack_ready",
        ]
        read_only_fields = fields

    @extend_schema_field(GlossaryEntrySerializer(many=True))
    def get_glossary(self, briefing):
        cache = self.context.setdefault("glossaries", {})
        organisation_id = briefing.meeting.organisation_id
        if organisation_id not in cache:
            cache[organisation_id] = glossary_of(organisation_id=organisation_id)
        picked = {term.lower() for term in briefing.glossary_terms}
        return [
            {"term": entry.term, "meaning": entry.meaning}
            for entry in cache[organisation_id]
            if entry.term.lower() in picked
        ]

    def get_pack_ready(self, briefing) -> bool:
        return briefing.pack_state == Briefing.PackState.READY


@extend_schema_view(
    list=extend_schema(summary="Briefings before board meetings you can read"),
    retrieve=extend_schema(summary="One briefing before a board meeting"),
)
class BriefingViewSet(viewsets.ReadOnlyModelViewSet):
    """Briefings for the representatives before board meetings, newest
    board meeting first: summaries of the board's papers with their reading
    age, the glossary, what to expect and the group's points (no names)."""

    serializer_class = BriefingSerializer
    queryset = Briefing.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        return (
            permissions.briefings_visible_to(self.request.user)
            .select_related("meeting__body")
            .prefetch_related(
                Prefetch("summaries", queryset=BriefingSummary.objects.select_related("paper")),
                Prefetch("points", queryset=BriefingPoint.objects.select_related("agenda_item")),
            )
            .order_by("-meeting__starts_at", "-id")
        )


def _absolute(serializer, name: str, pk: int) -> str:
    path = reverse(name, kwargs={"pk": pk})
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class BoardPaperSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True,
        help_text='"uploaded" (a paper the board sent) or "agenda" (made by Involve).',
    )
    download_url = serializers.SerializerMethodField(
        help_text="Where to download the paper: given to everyone who sees the board meeting."
    )

    class Meta:
        model = Paper
        fields = ["id", "title", "kind", "download_url"]
        read_only_fields = fields

    def get_download_url(self, paper) -> str:
        # Whoever sees the meeting may download its papers
        # (meetings.permissions.access_paper), and only they are listed.
        return _absolute(self, "meeting-paper-download", paper.pk)


class BoardMeetingSerializer(serializers.ModelSerializer):
    body_name = serializers.CharField(source="body.name", read_only=True)
    place = serializers.SerializerMethodField(
        help_text="The venue's name, or the place the board gave; empty when online or unknown."
    )
    papers = BoardPaperSerializer(many=True, read_only=True)
    briefing_url = serializers.SerializerMethodField(
        help_text="The briefing before this meeting in the API, when there is one you may read."
    )
    debrief_published = serializers.SerializerMethodField()
    debrief_url = serializers.SerializerMethodField(
        help_text="The published debrief in the API, when you may read it."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "body",
            "body_name",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "status",
            "papers",
            "briefing_url",
            "debrief_published",
            "debrief_url",
        ]
        read_only_fields = fields

    def get_place(self, meeting) -> str:
        if meeting.venue_id is not None:
            return meeting.venue.name
        return meeting.external_location

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_briefing_url(self, meeting) -> str | None:
        if not meeting.briefing_readable:
            return None
        return _absolute(self, "api-briefing-detail", meeting.briefing.pk)

    def get_debrief_published(self, meeting) -> bool:
        debrief = getattr(meeting, "debrief", None)
        return debrief is not None and debrief.is_published

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_debrief_url(self, meeting) -> str | None:
        if not meeting.debrief_readable:
            return None
        return _absolute(self, "api-debrief-detail", meeting.debrief.pk)


def _body_id(value: str) -> int:
    """The ?body= filter: a whole number (a body's id), else 400."""
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not -(2**63) <= number < 2**63:
        raise ValidationError({"body": ["Give a body's number, for example ?body=3."]})
    return number


@extend_schema_view(
    list=extend_schema(
        summary="Board meetings of decision-making bodies you can see",
        parameters=[
            OpenApiParameter("body", int, description="Only this body's board meetings (its id).")
        ],
    ),
    retrieve=extend_schema(summary="One board meeting"),
)
class BoardMeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Board meetings of decision-making bodies, latest first, as the body's
    page lists them: when and where, the board's papers, and whether a
    briefing and a published debrief go with each."""

    serializer_class = BoardMeetingSerializer
    queryset = Meeting.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        user = self.request.user
        meetings = permissions.board_meetings_visible_to(user)
        body = self.request.query_params.get("body")
        if self.action == "list" and body is not None:
            meetings = meetings.filter(body_id=_body_id(body))
        return (
            meetings.select_related("body", "venue", "briefing", "debrief")
            .annotate(
                briefing_readable=Exists(
                    permissions.briefings_visible_to(user).filter(meeting=OuterRef("pk"))
                ),
                debrief_readable=Exists(
                    permissions.debriefs_visible_to(user).filter(meeting=OuterRef("pk"))
                ),
            )
            .prefetch_related(
                Prefetch("papers", queryset=Paper.objects.order_by("created_at", "id"))
            )
            .order_by("-starts_at", "-id")
        )


class DebriefPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = DebriefPoint
        fields = ["id", "point", "answer"]
        read_only_fields = fields


class DebriefFollowUpSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(
        help_text="Who will do it: empty for readers who do not see names."
    )

    class Meta:
        model = DebriefFollowUp
        fields = ["id", "what", "owner", "due_on"]
        read_only_fields = fields

    def get_owner(self, follow_up) -> str:
        return follow_up.owner if self.context.get("names_visible") else ""


class DebriefSerializer(serializers.ModelSerializer):
    body = serializers.IntegerField(source="meeting.body_id", read_only=True)
    body_name = serializers.CharField(source="meeting.body.name", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    starts_at = serializers.DateTimeField(source="meeting.starts_at", read_only=True)
    representative_name = serializers.SerializerMethodField(
        help_text="Who wrote it: empty for readers who do not see names."
    )
    points = DebriefPointSerializer(many=True, read_only=True)
    follow_ups = serializers.SerializerMethodField()

    class Meta:
        model = Debrief
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "starts_at",
            "body",
            "body_name",
            "representative_name",
            "discussed",
            "decisions",
            "points",
            "follow_ups",
            "published_at",
        ]
        read_only_fields = fields

    def get_representative_name(self, debrief) -> str:
        if not debrief.names_visible or debrief.representative is None:
            return ""
        return debrief.representative.full_name

    @extend_schema_field(DebriefFollowUpSerializer(many=True))
    def get_follow_ups(self, debrief):
        context = {**self.context, "names_visible": debrief.names_visible}
        return DebriefFollowUpSerializer(debrief.follow_ups.all(), many=True, context=context).data


@extend_schema_view(
    list=extend_schema(summary="Published debriefs after board meetings you can read"),
    retrieve=extend_schema(summary="One published debrief after a board meeting"),
)
class DebriefViewSet(viewsets.ReadOnlyModelViewSet):
    """Published debriefs, newest board meeting first: what was discussed,
    each point raised with the board's answer, decisions, and follow-ups with
    their dates (owners and the representative's name only for those who
    write debriefs). How it went for the representative is never here."""

    serializer_class = DebriefSerializer
    queryset = Debrief.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        return (
            permissions.debriefs_visible_to(self.request.user)
            .select_related("meeting__body", "representative")
            .prefetch_related("points", "follow_ups")
            .order_by("-meeting__starts_at", "-id")
        )


def register(router):
    router.register("board-meetings", BoardMeetingViewSet, basename="api-board-meeting")
    router.register("briefings", BriefingViewSet, basename="api-briefing")
    router.register("debriefs", DebriefViewSet, basename="api-debrief")
