from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .models import Organisation
from .permissions import organisation_ids


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    code = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The 6-digit code from your authenticator app, if you use one.",
    )

    def validate(self, attrs):
        from allauth.account.utils import has_verified_email
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        user = authenticate(
            request=self.context.get("request"), email=attrs["email"], password=attrs["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                "The email address or password is not right.", code="authorization"
            )
        # Email verification is mandatory for logging in; a token is a login too.
        if not has_verified_email(user):
            raise serializers.ValidationError(
                "Confirm your email address first: follow the link in the email we sent you.",
                code="unverified",
            )
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None and not TOTP(totp).validate_code(attrs.get("code") or ""):
            raise serializers.ValidationError(
                {"code": "Enter the 6-digit code from your authenticator app."}
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenThrottle(AnonRateThrottle):
    rate = "10/min"


class ObtainTokenView(APIView):
    """Exchange an email address, password and (if set up) an authenticator
    code for an API token."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [TokenThrottle]

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind"]


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
