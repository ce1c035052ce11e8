from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_auth import MFARequired
from .models import Organisation
from .permissions import organisation_ids
from .services import api_tokens


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The 6-digit code from your authenticator app, if you use one.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class ObtainTokenView(APIView):
    """Exchange an email address, password and (if set up) an authenticator
    code for an API token. It stops working after a while (`expires_at`), and
    can be revoked on "Account settings". Shares the web login's limits on
    attempts: an account locked there is locked here, and the other way round."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token = api_tokens.api_token_issue(
                request=request._request, **serializer.validated_data
            )
        except api_tokens.TooManyAttempts as exc:
            raise exceptions.Throttled(detail=exc.message) from exc
        except api_tokens.MFANotSetUp as exc:
            raise MFARequired() from exc
        return Response({"token": token.key, "expires_at": api_tokens.api_token_expires_at(token)})


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "nation"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in which you hold a role."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return Organisation.objects.all()
        return Organisation.objects.filter(id__in=organisation_ids(user))


def register(router):
    router.register("organisations", OrganisationViewSet, basename="organisation")
