"""Read-only API of the impact dashboards' figures, for commissioners' own
reporting tools: an organisation's dashboard and a region's comparison of its
groups. Scoped exactly as the pages are (evaluation.permissions): another
organisation's figures, or a region the caller does not commission, answer
404; staff without the dashboard 403. Suppressed the same way as the pages:
a hidden count or rate is null, with the words the page shows beside it, so
nobody can be singled out and nothing about any person is ever returned."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from involvement.api_permissions import IsVerifiedUser
from involvement.models import Organisation

from . import permissions, region_figures, selectors

PERIOD = OpenApiParameter(
    "period",
    OpenApiTypes.STR,
    enum=[value for value, _label in selectors.PERIODS],
    description="How many months back, this one included (default 24).",
)
KIND = OpenApiParameter(
    "kind",
    OpenApiTypes.STR,
    enum=Organisation.Kind.values,
    description="Only organisations of this kind.",
)
LOCALITY = OpenApiParameter(
    "locality",
    OpenApiTypes.STR,
    description="Only organisations serving this locality.",
)


def _months(request) -> list:
    period = request.query_params.get("period", selectors.DEFAULT_PERIOD)
    if period not in dict(selectors.PERIODS):
        period = selectors.DEFAULT_PERIOD
    return selectors.months_back(months=int(period))


class FigureSerializer(serializers.Serializer):
    section = serializers.CharField()
    figure = serializers.CharField()
    value = serializers.CharField(help_text="As the page shows it, small numbers hidden.")

    def to_representation(self, instance):
        section, figure, value = instance
        return {"section": section, "figure": figure, "value": value}


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class OrganisationGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    active_members = serializers.SerializerMethodField(
        help_text="Null when hidden to protect a small number."
    )
    active_members_shown = serializers.CharField(source="shown")
    target_min = serializers.IntegerField()
    target_max = serializers.IntegerField()
    within_target = serializers.BooleanField(allow_null=True)

    def get_active_members(self, row) -> int | None:
        return int(row.shown) if row.shown.isdigit() else None


class OrganisationFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    period = serializers.SerializerMethodField()
    counts_exact = serializers.BooleanField(
        source="exact", help_text="False when counts of fewer than 5 people are hidden."
    )
    groups = OrganisationGroupSerializer(many=True)
    figures = serializers.SerializerMethodField(
        help_text="Every figure of the dashboard, as the page and its CSV show it."
    )

    @extend_schema_field(PeriodSerializer)
    def get_period(self, dashboard):
        return PeriodSerializer({"start": dashboard.start, "end": dashboard.end}).data

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, dashboard):
        return FigureSerializer(dashboard.figure_rows(), many=True).data


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class RegionGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    organisation = serializers.CharField(source="organisation.name")
    active_members = serializers.SerializerMethodField(
        help_text="Null when hidden to protect a small number."
    )
    active_members_shown = serializers.CharField(source="active_shown")
    target_min = serializers.IntegerField(source="group.target_min")
    target_max = serializers.IntegerField(source="group.target_max")
    within_target = serializers.BooleanField(allow_null=True)
    attendance_rate = serializers.SerializerMethodField(
        help_text="Per cent; null when none was taken or from fewer than 5 people."
    )
    attendance_shown = serializers.CharField()
    attendance_against_region = serializers.CharField(source="attendance_position")
    you_said_in_time_rate = serializers.SerializerMethodField()
    you_said_in_time_shown = serializers.CharField(source="feedback_shown")
    claims_paid_in_time_rate = serializers.SerializerMethodField(
        help_text="Per cent; null when none were paid or fewer than 5."
    )
    claims_paid_in_time_shown = serializers.CharField(source="claims_shown")
    target_working_days = serializers.IntegerField(source="target_days")
    standards = serializers.SerializerMethodField(
        help_text="Each UK Standard's latest rating, in words."
    )

    def get_active_members(self, row) -> int | None:
        return row.active if row.active_is_shown else None

    def get_attendance_rate(self, row) -> float | None:
        return _rate(row.attendance_rate)

    def get_you_said_in_time_rate(self, row) -> float | None:
        return _rate(row.feedback_share)

    def get_claims_paid_in_time_rate(self, row) -> float | None:
        return _rate(row.claims_share)

    def get_standards(self, row) -> dict[str, str]:
        return dict(row.standards)


class RegionFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="region.pk")
    name = serializers.CharField(source="region.name")
    period = serializers.SerializerMethodField()
    organisations = OrganisationSummarySerializer(many=True)
    active_members_shown = serializers.CharField(source="active_total_shown")
    attendance_shown = serializers.CharField()
    you_said_in_time_shown = serializers.CharField(source="feedback_shown")
    claims_paid_in_time_shown = serializers.CharField(source="claims_shown")
    groups = RegionGroupSerializer(source="rows", many=True)
    worked_out_at = serializers.DateTimeField(
        help_text="When the figures were worked out (they are kept, and worked out again "
        "every quarter of an hour)."
    )

    @extend_schema_field(PeriodSerializer)
    def get_period(self, dashboard):
        return PeriodSerializer({"start": dashboard.start, "end": dashboard.end}).data


class RegionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


@extend_schema_view(
    list=extend_schema(
        summary="Organisations whose impact figures you can read",
        responses=OrganisationSummarySerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="An organisation's impact dashboard figures",
        parameters=[PERIOD],
        responses=OrganisationFiguresSerializer,
    ),
)
class OrganisationFiguresViewSet(viewsets.ViewSet):
    """The organisation dashboard's figures: for its coordinators,
    organisation admins and commissioners (counts of fewer than 5 people
    hidden for all but coordinators)."""

    permission_classes = [IsVerifiedUser]
    lookup_value_regex = r"\d+"

    def list(self, request):
        organisations = permissions.evaluation_organisations(request.user).order_by("name")
        return Response(OrganisationSummarySerializer(organisations, many=True).data)

    def retrieve(self, request, pk=None):
        organisation = permissions.access_evaluation_organisation(user=request.user, pk=pk)
        dashboard = selectors.organisation_dashboard(
            organisation=organisation,
            months=_months(request),
            exact=permissions.exact_counts(request.user, organisation.pk),
        )
        return Response(OrganisationFiguresSerializer(dashboard).data)


@extend_schema_view(
    list=extend_schema(
        summary="Regions whose figures you can read",
        responses=RegionSummarySerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="A region's groups side by side",
        parameters=[PERIOD, KIND, LOCALITY],
        responses=RegionFiguresSerializer,
    ),
)
class RegionFiguresViewSet(viewsets.ViewSet):
    """A region's comparison of the groups of every organisation sharing its
    figures with it: for the region's commissioners. Never exact."""

    permission_classes = [IsVerifiedUser]
    lookup_value_regex = r"\d+"

    def list(self, request):
        regions = permissions.regions_visible_to(request.user).order_by("name")
        return Response(RegionSummarySerializer(regions, many=True).data)

    def retrieve(self, request, pk=None):
        region = permissions.access_region(user=request.user, pk=pk)
        kind = request.query_params.get("kind", "")
        dashboard = region_figures.region_dashboard(
            region=region,
            months=_months(request),
            kind=kind if kind in Organisation.Kind.values else "",
            locality=request.query_params.get("locality", ""),
            kept=True,
        )
        return Response(RegionFiguresSerializer(dashboard).data)


def register(router):
    router.register(
        "evaluation/organisations", OrganisationFiguresViewSet, basename="api-organisation-figures"
    )
    router.register("evaluation/regions", RegionFiguresViewSet, basename="api-region-figures")
