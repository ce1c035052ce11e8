"""Read-only API of the public "You said, we did" boards: the points
coordinators put on them, in their approved public wording, with their
published answers. The same as the public pages, so no login is needed and
nothing names a member (selectors.feedback.board_items)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from .models import FeedbackItem, FeedbackResponse
from .models.feedback import FeedbackStatus
from .selectors.feedback import BoardFilters, board_items, published_responses


class AnswerSerializer(serializers.ModelSerializer):
    point = serializers.IntegerField(source="item_id", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = FeedbackResponse
        fields = [
            "id",
            "point",
            "status",
            "status_label",
            "what_happened",
            "reason",
            "published_at",
        ]
        read_only_fields = fields


class PointSerializer(serializers.ModelSerializer):
    you_said = serializers.CharField(
        source="public_text", read_only=True, help_text="The approved public wording."
    )
    group_name = serializers.CharField(source="group.name", read_only=True)
    organisation_name = serializers.CharField(source="group.organisation.name", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    theme = serializers.CharField(source="theme.name", read_only=True, default=None)
    went_to = serializers.CharField(
        source="body.name",
        read_only=True,
        default=None,
        help_text="The decision-making body it went to, if any.",
    )
    answers = AnswerSerializer(source="published", many=True, read_only=True)

    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "group",
            "group_name",
            "organisation_name",
            "you_said",
            "source",
            "source_label",
            "said_on",
            "status",
            "status_label",
            "theme",
            "went_to",
            "answers",
        ]
        read_only_fields = fields


FILTERS = [
    OpenApiParameter("group", OpenApiTypes.INT, description="Only this group's board."),
    OpenApiParameter("status", OpenApiTypes.STR, enum=FeedbackStatus.values),
    OpenApiParameter("year", OpenApiTypes.INT, description="The year the point was made."),
]


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _year(value):
    """A year to filter by, or None; one no calendar has is refused (400)."""
    year = _number(value)
    if year is not None and not 1 <= year <= 9999:
        raise serializers.ValidationError({"year": ["Give a year such as 2026."]})
    return year


@extend_schema_view(
    list=extend_schema(summary="Points on the public boards", parameters=FILTERS),
    retrieve=extend_schema(summary="One point on a public board, with its answers"),
)
class PointViewSet(viewsets.ReadOnlyModelViewSet):
    """ "You said" points on groups' public boards, with their published
    "we did" answers."""

    serializer_class = PointSerializer
    permission_classes = [AllowAny]
    queryset = FeedbackItem.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        params = self.request.query_params
        filters = BoardFilters(status=params.get("status", ""), year=_year(params.get("year")))
        items = board_items(group=None, filters=filters)
        group = _number(params.get("group"))
        return items.filter(group_id=group) if group else items


@extend_schema_view(
    list=extend_schema(
        summary="Published answers to points on the public boards",
        parameters=[OpenApiParameter("group", OpenApiTypes.INT)],
    ),
    retrieve=extend_schema(summary="One published answer"),
)
class AnswerViewSet(viewsets.ReadOnlyModelViewSet):
    """ "We did" answers, newest first, to points on groups' public boards."""

    serializer_class = AnswerSerializer
    permission_classes = [AllowAny]
    queryset = FeedbackResponse.objects.none()

    def get_queryset(self):
        answers = published_responses().filter(
            item__on_board=True, item__moderation=FeedbackItem.Moderation.ACCEPTED
        )
        group = _number(self.request.query_params.get("group"))
        if group:
            answers = answers.filter(item__group_id=group)
        return answers.order_by("-published_at", "-id")


def register(router):
    router.register("you-said", PointViewSet, basename="api-you-said")
    router.register("we-did", AnswerViewSet, basename="api-we-did")
