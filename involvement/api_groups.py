"""The REST API for groups and memberships: read-only, scoped exactly as the
pages are (involvement.permissions). No diversity data is exposed here, not
even the coverage counts: those are on the group page, with suppression."""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from . import permissions
from .models import DiversityFactor, Group, Membership


class DiversityFactorSerializer(serializers.ModelSerializer):
    """A mix of experience the group aims for (its configuration, not anyone's data)."""

    class Meta:
        model = DiversityFactor
        fields = ["id", "name", "minimum"]


class GroupSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    active_members = serializers.IntegerField(
        source="active_count", read_only=True, help_text="Number of active members."
    )
    diversity_factors = DiversityFactorSerializer(many=True, read_only=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "organisation",
            "name",
            "purpose",
            "terms_of_reference",
            "ground_rules",
            "cadence",
            "cadence_weeks",
            "target_min",
            "target_max",
            "active_members",
            "diversity_factors",
        ]


@extend_schema_view(
    list=extend_schema(summary="Groups you can see"),
    retrieve=extend_schema(summary="One group"),
)
class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Groups you can see: staff see their organisations' groups, members see
    the groups they are in. Another organisation's group answers 404."""

    serializer_class = GroupSerializer

    def get_queryset(self):
        visible = permissions.groups_visible_to(self.request.user).values("pk")
        return (
            Group.objects.filter(pk__in=visible)
            .select_related("organisation")
            .prefetch_related(
                Prefetch("diversity_factors", DiversityFactor.objects.order_by("name"))
            )
            .annotate(
                active_count=Count(
                    "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
                )
            )
            .order_by("organisation__name", "name")
        )


class MembershipSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(
        source="person.display_name", read_only=True, help_text="What the person is called."
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "group",
            "person",
            "person_name",
            "status",
            "status_changed_on",
            "induction_date",
            "buddy",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Memberships you can see",
        parameters=[
            OpenApiParameter("group", int, description="Only this group's memberships."),
            OpenApiParameter("status", str, description="Only memberships with this status."),
        ],
    ),
    retrieve=extend_schema(summary="One membership"),
)
class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Memberships you can see: your own, and for coordinators, admin support
    and organisation admins, those of their organisations' groups."""

    serializer_class = MembershipSerializer

    def get_queryset(self):
        memberships = (
            permissions.memberships_visible_to(self.request.user)
            .select_related("person")
            .order_by("group_id", "person__full_name", "pk")
        )
        group = self.request.query_params.get("group")
        if group and group.isdigit():
            memberships = memberships.filter(group_id=int(group))
        status = self.request.query_params.get("status")
        if status:
            memberships = memberships.filter(status=status)
        return memberships


def register(router):
    router.register("groups", GroupViewSet, basename="api-group")
    router.register("memberships", MembershipViewSet, basename="api-membership")
