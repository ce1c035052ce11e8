"""Read-only API for decision-making bodies, scoped exactly as the pages are
(involvement.permissions.bodies_visible_to): staff of the body's organisation
and members of its groups; another organisation's body is a 404."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from .models import MINIMUM_REPRESENTATIVES, DecisionMakingBody
from .selectors.bodies import body_list_visible_to


class BodySerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    # Empty when the body has no contact address (so not "format: email").
    contact_email = serializers.CharField(read_only=True)
    current_representatives = serializers.IntegerField(
        read_only=True, help_text="Members whose term on the body includes today."
    )
    below_minimum = serializers.BooleanField(
        read_only=True,
        help_text=(
            f"True when the body has fewer than {MINIMUM_REPRESENTATIVES} current "
            "service-user representatives."
        ),
    )

    class Meta:
        model = DecisionMakingBody
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "name",
            "level",
            "remit",
            "meeting_pattern",
            "contact_name",
            "contact_email",
            "current_representatives",
            "below_minimum",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Decision-making bodies you can see"),
    retrieve=extend_schema(summary="One decision-making body"),
)
class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Decision-making bodies, with how many current representatives each has
    and whether that is below the minimum of two."""

    serializer_class = BodySerializer
    queryset = DecisionMakingBody.objects.none()  # for the schema; see get_queryset

    def get_queryset(self):
        return body_list_visible_to(user=self.request.user)


def register(router):
    router.register("bodies", BodyViewSet, basename="api-body")
