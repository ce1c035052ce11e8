"""Read-only API for briefings before board meetings, scoped as the pages
are (meetings.permissions.briefings_visible_to): what the coordinator
prepared and the group's points, without the names of who made them."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from involvement.glossary import readability
from involvement.selectors.glossary import glossary_of

from . import permissions
from .models import Briefing, BriefingPoint, BriefingSummary


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


def register(router):
    router.register("briefings", BriefingViewSet, basename="api-briefing")
